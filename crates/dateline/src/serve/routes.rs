//! The API's handlers: one per route under `/api/`, each a store query run on a pooled
//! connection off the async threads.

#[cfg(doc)]
use super::app::API_ROUTES;
use super::error::{ApiError, ApiResult};
use super::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use dateline_store::{EventFilter, QuoteFilter, Store};
use serde::Deserialize;
use std::sync::Arc;

/// The most rows one list request returns.
const MAX_LIMIT: u64 = 1000;
/// The furthest a list can be paged (`offset`): far past any corpus, well inside SQLite's
/// integers.
const MAX_OFFSET: u64 = 100_000_000;

/// Runs store work off the async threads, stopped when the state's query time is up.
async fn blocking<T: serde::Serialize + Send + 'static>(
    state: Arc<AppState>,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> ApiResult {
    let deadline = std::time::Instant::now() + state.query_timeout;
    let value = tokio::task::spawn_blocking(move || state.with_store(deadline, f))
        .await
        .map_err(ApiError::internal)??;
    Ok(Json(value).into_response())
}

/// A header saying which words a search left out (past the cap), when it left any out.
fn terms_warning(text: Option<&str>) -> Option<String> {
    text.and_then(|t| dateline_store::SearchTerms::parse(t).warning())
}

/// Adds the `X-Dateline-Warning` header to an answer.
fn with_warning(result: ApiResult, warning: Option<String>) -> ApiResult {
    let mut response = result?;
    if let Some(value) = warning.and_then(|w| HeaderValue::from_str(&w).ok()) {
        response.headers_mut().insert(WARNING_HEADER, value);
    }
    Ok(response)
}

/// The header that carries a warning about an answer (e.g. search words left out).
pub(super) const WARNING_HEADER: &str = "x-dateline-warning";

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))
}

fn path_id(p: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    p.map(|Path(v)| v).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the id must be a number: {}", e.body_text()),
        )
    })
}

/// A whole-number parameter checked against its range: a 400 naming the parameter and the
/// range otherwise (`offset=18446744073709551615` used to wrap to -1 in SQLite).
fn bounded(
    name: &str,
    value: Option<&str>,
    default: u64,
    min: u64,
    max: u64,
) -> Result<usize, ApiError> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(default as usize);
    };
    match text.parse::<i128>() {
        Ok(n) if n >= min as i128 && n <= max as i128 => Ok(n as usize),
        Ok(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{name}: {text} is out of range; give a whole number from {min} to {max}"),
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{name}: `{text}` is not a whole number; give one from {min} to {max}"),
        )),
    }
}

/// `limit`, from 1 to [`MAX_LIMIT`].
fn limit(l: Option<&str>, default: u64) -> Result<usize, ApiError> {
    bounded("limit", l, default, 1, MAX_LIMIT)
}

/// `offset`, from 0 to [`MAX_OFFSET`].
fn offset(o: Option<&str>) -> Result<usize, ApiError> {
    bounded("offset", o, 0, 0, MAX_OFFSET)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EventParams {
    actor: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    text: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EntityParams {
    q: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct QuoteParams {
    speaker: Option<String>,
    about: Option<String>,
    document: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PageParams {
    limit: Option<String>,
    offset: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
}

async fn stats(State(state): State<Arc<AppState>>) -> ApiResult {
    blocking(state, |s| Ok(s.stats()?)).await
}

async fn events(
    State(state): State<Arc<AppState>>,
    q: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let warning = terms_warning(p.text.as_deref());
    let filter = EventFilter {
        limit: Some(limit(p.limit.as_deref(), 200)?),
        offset: Some(offset(p.offset.as_deref())?),
        actor: p.actor,
        kind: p.kind,
        from: p.from,
        to: p.to,
        status: p.status,
        text: p.text,
    };
    with_warning(
        blocking(state, move |s| Ok(s.events(&filter)?)).await,
        warning,
    )
}

async fn event(
    State(state): State<Arc<AppState>>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult {
    let id = path_id(id)?;
    blocking(state, move |s| {
        s.event(id)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id}")))
    })
    .await
}

async fn entities(
    State(state): State<Arc<AppState>>,
    q: Result<Query<EntityParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let (limit, offset) = (
        limit(p.limit.as_deref(), 100)?,
        offset(p.offset.as_deref())?,
    );
    let warning = terms_warning(p.q.as_deref());
    let answer = blocking(state, move |s| {
        Ok(s.entities(p.q.as_deref(), p.kind.as_deref(), limit, offset)?)
    })
    .await;
    with_warning(answer, warning)
}

async fn entity(
    State(state): State<Arc<AppState>>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult {
    let id = path_id(id)?;
    blocking(state, move |s| {
        s.entity(id)?
            .ok_or_else(|| ApiError::not_found(format!("no entity {id}")))
    })
    .await
}

async fn quotes(
    State(state): State<Arc<AppState>>,
    q: Result<Query<QuoteParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let warning = terms_warning(p.about.as_deref());
    let filter = QuoteFilter {
        limit: Some(limit(p.limit.as_deref(), 200)?),
        offset: Some(offset(p.offset.as_deref())?),
        speaker: p.speaker,
        about: p.about,
        document: p.document,
    };
    with_warning(
        blocking(state, move |s| Ok(s.quotes(&filter)?)).await,
        warning,
    )
}

async fn documents(
    State(state): State<Arc<AppState>>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let (limit, offset) = (
        limit(p.limit.as_deref(), 100)?,
        offset(p.offset.as_deref())?,
    );
    blocking(state, move |s| Ok(s.documents(limit, offset)?)).await
}

async fn document(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    blocking(state, move |s| {
        s.document(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no document {id}")))
    })
    .await
}

async fn search(
    State(state): State<Arc<AppState>>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let Some(text) = p.q.filter(|t| !t.trim().is_empty()) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "give the words to search for: /api/search?q=WORDS",
        ));
    };
    let limit = limit(p.limit.as_deref(), 20)?;
    let warning = terms_warning(Some(&text));
    with_warning(
        blocking(state, move |s| Ok(s.search(&text, limit)?)).await,
        warning,
    )
}

/// The API's routes under `/api/`, one handler each (listed in [`API_ROUTES`]).
pub(super) fn api_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
}

#[cfg(test)]
mod tests {
    use crate::serve::test_support::{get, get_response, test_app};
    use axum::http::StatusCode;

    #[tokio::test]
    async fn api_lists_and_details() {
        let (app, dir) = test_app();
        let (status, events, _) = get(&app, "/api/events?actor=Starmer&type=CONSULT").await;
        assert_eq!(status, StatusCode::OK);
        let events = events.as_array().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0]["type"], "CONSULT");
        assert_eq!(events[0]["status"], "planned");
        let id = events[0]["id"].as_i64().unwrap();

        let (status, detail, _) = get(&app, &format!("/api/events/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(detail["reports"][0]["trigger"]["text"], "meet");
        assert_eq!(detail["reports"][0]["time_value"], "2025-W09");

        let (_, none, _) = get(&app, "/api/events?status=occurred").await;
        assert_eq!(none.as_array().unwrap().len(), 0);

        let (_, quotes, _) = get(&app, "/api/quotes?speaker=Kellogg").await;
        assert_eq!(quotes[0]["text"], "Peace needs strength,");
        let kellogg = quotes[0]["speaker"]["id"].as_i64().unwrap();
        let (_, person, _) = get(&app, &format!("/api/entities/{kellogg}")).await;
        assert_eq!(person["name"], "Keith Kellogg");
        assert_eq!(person["quotes"].as_array().unwrap().len(), 1);

        let (_, starmer, _) = get(&app, "/api/entities?q=Starmer").await;
        let sid = starmer[0]["id"].as_i64().unwrap();
        let (_, starmer, _) = get(&app, &format!("/api/entities/{sid}")).await;
        assert_eq!(starmer["network"][0]["other"]["name"], "Donald Trump");
        assert_eq!(starmer["network"][0]["direction"], "out");

        let (_, docs, _) = get(&app, "/api/documents").await;
        assert_eq!(docs[0]["id"], "sample");
        let (_, doc, _) = get(&app, "/api/documents/sample").await;
        assert_eq!(doc["document"]["events"][0]["id"], "V1");
        assert!(doc["entity_links"]["E1"].is_i64());
        assert_eq!(doc["event_links"]["V1"].as_i64(), Some(id));

        let (_, found, _) = get(&app, "/api/search?q=strength").await;
        assert_eq!(found["quotes"].as_array().unwrap().len(), 1);
        assert_eq!(found["documents"].as_array().unwrap().len(), 1);

        let (_, stats, _) = get(&app, "/api/stats").await;
        assert_eq!(stats["documents"], 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn offsets_and_limits_out_of_range_are_refused_naming_the_parameter() {
        let (app, dir) = test_app();
        for (uri, name, range) in [
            (
                "/api/events?offset=18446744073709551615",
                "offset",
                "from 0 to 100000000",
            ),
            ("/api/quotes?offset=-1", "offset", "from 0 to 100000000"),
            (
                "/api/entities?offset=100000001",
                "offset",
                "from 0 to 100000000",
            ),
            ("/api/documents?limit=0", "limit", "from 1 to 1000"),
            ("/api/documents?limit=1001", "limit", "from 1 to 1000"),
            (
                "/api/search?q=meet&limit=99999999999999999999999",
                "limit",
                "from 1 to 1000",
            ),
            ("/api/events?limit=many", "limit", "from 1 to 1000"),
        ] {
            let (status, body, _) = get(&app, uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
            let message = body["error"]["message"].as_str().unwrap();
            assert!(
                message.starts_with(&format!("{name}: ")),
                "{uri}: {message}"
            );
            assert!(message.contains(range), "{uri}: {message}");
        }
        for uri in [
            "/api/events?offset=0&limit=1",
            "/api/documents?offset=100000000&limit=1000",
        ] {
            let (status, _, _) = get(&app, uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
        }
        let (_, page, _) = get(&app, "/api/documents?offset=1").await;
        assert_eq!(page.as_array().unwrap().len(), 0);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn searches_past_the_word_cap_answer_with_a_warning() {
        let (app, dir) = test_app();
        // A word repeated thousands of times is one word: found, no warning.
        let repeated = "strength+".repeat(3000);
        let response = get_response(&app, &format!("/api/search?q={repeated}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(super::WARNING_HEADER).is_none());
        let (_, found, _) = get(&app, &format!("/api/search?q={repeated}")).await;
        assert_eq!(found["quotes"].as_array().unwrap().len(), 1);
        assert!(found.get("warning").is_none());
        // 40 distinct words: the first 32 are searched for, and the answer says so.
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let uri = format!("/api/search?q=strength+{}", words.join("+"));
        let (status, found, _) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(found["warning"]
            .as_str()
            .unwrap()
            .contains("9 more were ignored"));
        let response = get_response(&app, &format!("/api/quotes?about={}", words.join("+"))).await;
        let warning = response.headers()[super::WARNING_HEADER].to_str().unwrap();
        assert!(warning.contains("8 more were ignored"), "{warning}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn store_work_past_the_query_time_is_answered_503_in_json() {
        let (_, dir) = test_app();
        let state =
            crate::serve::AppState::with_query_timeout(dir.join("t.db"), std::time::Duration::ZERO)
                .unwrap();
        let app = crate::serve::app::app(state);
        let (status, body, content_type) = get(&app, "/api/search?q=strength").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(content_type.starts_with("application/json"));
        assert_eq!(body["error"]["status"], 503);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

//! The API's handlers: one per route under `/api/`, each a store query run on a pooled
//! connection off the async threads.

#[cfg(doc)]
use super::app::API_ROUTES;
use super::error::{ApiError, ApiResult};
use super::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use dateline_store::{EventFilter, QuoteFilter, Store};
use serde::Deserialize;
use std::sync::Arc;

/// The most rows one list request returns.
const MAX_LIMIT: usize = 1000;

/// Runs store work off the async threads.
async fn blocking<T: serde::Serialize + Send + 'static>(
    state: Arc<AppState>,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> ApiResult {
    let value = tokio::task::spawn_blocking(move || state.with_store(f))
        .await
        .map_err(ApiError::internal)??;
    Ok(Json(value).into_response())
}

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

fn limit(l: Option<usize>, default: usize) -> usize {
    l.unwrap_or(default).min(MAX_LIMIT)
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
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EntityParams {
    q: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct QuoteParams {
    speaker: Option<String>,
    about: Option<String>,
    document: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PageParams {
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

async fn stats(State(state): State<Arc<AppState>>) -> ApiResult {
    blocking(state, |s| Ok(s.stats()?)).await
}

async fn events(
    State(state): State<Arc<AppState>>,
    q: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    let filter = EventFilter {
        actor: p.actor,
        kind: p.kind,
        from: p.from,
        to: p.to,
        status: p.status,
        text: p.text,
        limit: Some(limit(p.limit, 200)),
        offset: p.offset,
    };
    blocking(state, move |s| Ok(s.events(&filter)?)).await
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
    blocking(state, move |s| {
        Ok(s.entities(
            p.q.as_deref(),
            p.kind.as_deref(),
            limit(p.limit, 100),
            p.offset.unwrap_or(0),
        )?)
    })
    .await
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
    let filter = QuoteFilter {
        speaker: p.speaker,
        about: p.about,
        document: p.document,
        limit: Some(limit(p.limit, 200)),
        offset: p.offset,
    };
    blocking(state, move |s| Ok(s.quotes(&filter)?)).await
}

async fn documents(
    State(state): State<Arc<AppState>>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult {
    let p = query(q)?;
    blocking(state, move |s| {
        Ok(s.documents(limit(p.limit, 100), p.offset.unwrap_or(0))?)
    })
    .await
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
    blocking(state, move |s| Ok(s.search(&text, limit(p.limit, 20))?)).await
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
    use crate::serve::test_support::{get, test_app};
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
}

//! `dateline serve`: the JSON API under `/api/`, its OpenAPI description and the web page,
//! all from one binary (the page's HTML, CSS and JS are embedded; nothing is fetched from a
//! CDN).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use clap::Args;
use dateline_store::{EventFilter, QuoteFilter, Store};
use serde::Deserialize;
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use std::time::SystemTime;

/// Serve a corpus store: a JSON API, its OpenAPI description and a web page.
///
/// Examples:
///   dateline serve --demo                       # the bundled example article, on 127.0.0.1:8080
///   dateline serve --db corpus.db --bind 127.0.0.1:3000
///
/// API (all GET, JSON): /api/events, /api/events/{id}, /api/entities, /api/entities/{id},
/// /api/quotes, /api/documents, /api/documents/{id}, /api/search?q=, /api/stats;
/// description at /openapi.json; the page at /.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    /// The store file (see `dateline ingest`).
    #[arg(long, value_name = "PATH", required_unless_present = "demo")]
    db: Option<String>,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Ingest the bundled example article(s) into a temporary store and serve them.
    #[arg(long, conflicts_with = "db")]
    demo: bool,
}

/// Largest request body accepted; the API only reads, so requests are small.
const BODY_LIMIT: usize = 16 * 1024;
/// A request taking longer than this is answered 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The most rows one list request returns.
const MAX_LIMIT: usize = 1000;
/// Store connections per core. Queries are CPU-bound: more connections than cores only
/// make every query wait longer (64 concurrent searches on 2 cores took seconds each).
const CONNECTIONS_PER_CORE: usize = 2;

/// The routes the API serves; `/openapi.json` must describe each (checked by a test).
pub const API_ROUTES: &[&str] = &[
    "/api/stats",
    "/api/events",
    "/api/events/{id}",
    "/api/entities",
    "/api/entities/{id}",
    "/api/quotes",
    "/api/documents",
    "/api/documents/{id}",
    "/api/search",
];

const INDEX_HTML: &str = include_str!("../web/index.html");
const APP_JS: &str = include_str!("../web/app.js");
const STYLE_CSS: &str = include_str!("../web/style.css");
const OPENAPI_JSON: &str = include_str!("../web/openapi.json");
/// The reference article, served by `--demo`.
const SEED_ARTICLE: &str = include_str!("../../../tests/fixtures/seed-article.txt");
const SEED_PUBLISHED: &str = "2025-02-15";

/// Shared state: a fixed pool of open connections to the store. A request waits for a free
/// connection, so at most as many queries run at once as there are connections; waiting
/// requests are served first come, first served (a plain condition variable wakes an
/// arbitrary waiter, which left some requests waiting seconds under load).
pub struct AppState {
    db: PathBuf,
    pool: Mutex<Pool>,
    cache: ResponseCache,
}

#[derive(Default)]
struct Pool {
    idle: Vec<Store>,
    waiting: VecDeque<Arc<Waiter>>,
}

/// A request waiting for a connection: the connection is handed to it directly.
#[derive(Default)]
struct Waiter {
    store: Mutex<Option<Store>>,
    handed: Condvar,
}

impl AppState {
    /// Opens the store's connections (fails when the store does not open).
    pub fn new(db: impl Into<PathBuf>) -> Result<Arc<AppState>, dateline_store::Error> {
        let db = db.into();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let size = (cores * CONNECTIONS_PER_CORE).clamp(2, 16);
        let idle = (0..size)
            .map(|_| Store::open_existing(&db))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(AppState {
            db,
            pool: Mutex::new(Pool {
                idle,
                waiting: VecDeque::new(),
            }),
            cache: ResponseCache::default(),
        }))
    }

    fn take_store(&self) -> Result<Store, ApiError> {
        fn poisoned<E>(_: E) -> ApiError {
            ApiError::internal("the connection pool is poisoned")
        }
        let waiter = {
            let mut pool = self.pool.lock().map_err(poisoned)?;
            if let Some(store) = pool.idle.pop() {
                return Ok(store);
            }
            let waiter = Arc::new(Waiter::default());
            pool.waiting.push_back(waiter.clone());
            waiter
        };
        let mut slot = waiter.store.lock().map_err(poisoned)?;
        loop {
            if let Some(store) = slot.take() {
                return Ok(store);
            }
            slot = waiter.handed.wait(slot).map_err(poisoned)?;
        }
    }

    fn give_back(&self, store: Store) {
        let Ok(mut pool) = self.pool.lock() else {
            return;
        };
        match pool.waiting.pop_front() {
            Some(waiter) => {
                if let Ok(mut slot) = waiter.store.lock() {
                    *slot = Some(store);
                    waiter.handed.notify_one();
                }
            }
            None => pool.idle.push(store),
        }
    }

    /// Runs `f` on a free connection, waiting for one (on a blocking thread).
    fn with_store<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        // Hand the connection back even if `f` panics, so the pool never shrinks.
        struct Return<'a>(&'a AppState, Option<Store>);
        impl Drop for Return<'_> {
            fn drop(&mut self) {
                if let Some(store) = self.1.take() {
                    self.0.give_back(store);
                }
            }
        }
        let guard = Return(self, Some(self.take_store()?));
        f(guard
            .1
            .as_ref()
            .expect("the connection is held until the guard drops"))
    }
}

/// API answers already computed for the store as it is now, by request URI: the page and
/// its users ask the same questions again (the timeline, an actor's page, a search), and an
/// answer costs milliseconds of SQLite work while a copy costs microseconds. Any write to
/// the store (an ingest running beside the server) changes its files and empties the cache.
#[derive(Default)]
struct ResponseCache {
    entries: Mutex<CacheEntries>,
}

#[derive(Default)]
struct CacheEntries {
    generation: Option<StoreGeneration>,
    answers: HashMap<String, axum::body::Bytes>,
}

/// Size and modification time of the store file and of its write-ahead log: every commit
/// changes the log, every checkpoint the file.
type StoreGeneration = [(u64, Option<SystemTime>); 2];

/// Answers kept at most (the cache is emptied when full).
const CACHE_ENTRIES: usize = 512;
/// Larger answers are not kept.
const CACHE_MAX_BODY: usize = 512 * 1024;

fn store_generation(db: &std::path::Path) -> StoreGeneration {
    let stat = |p: &std::path::Path| {
        std::fs::metadata(p)
            .map(|m| (m.len(), m.modified().ok()))
            .unwrap_or((0, None))
    };
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [stat(db), stat(std::path::Path::new(&wal))]
}

impl ResponseCache {
    fn get(&self, key: &str, generation: StoreGeneration) -> Option<axum::body::Bytes> {
        let mut entries = self.entries.lock().ok()?;
        if entries.generation != Some(generation) {
            entries.answers.clear();
            entries.generation = Some(generation);
            return None;
        }
        entries.answers.get(key).cloned()
    }

    fn put(&self, key: String, generation: StoreGeneration, body: axum::body::Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.generation != Some(generation) {
                return;
            }
            if entries.answers.len() >= CACHE_ENTRIES {
                entries.answers.clear();
            }
            entries.answers.insert(key, body);
        }
    }
}

/// Serves repeated API requests from the cache; stores successful JSON answers in it.
async fn cached(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let cacheable =
        req.method() == axum::http::Method::GET && req.uri().path().starts_with("/api/");
    if !cacheable {
        return next.run(req).await;
    }
    let key = req.uri().to_string();
    let generation = store_generation(&state.db);
    if let Some(body) = state.cache.get(&key, generation) {
        return json_bytes(body);
    }
    let response = next.run(req).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::OK || !is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            // Kept only when the store did not change while the answer was computed.
            if bytes.len() <= CACHE_MAX_BODY && store_generation(&state.db) == generation {
                state.cache.put(key, generation, bytes.clone());
            }
            Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        Err(e) => ApiError::internal(e).into_response(),
    }
}

fn json_bytes(body: axum::body::Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// An error answered as `{"error": {"status": …, "message": …}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }
    fn internal(e: impl std::fmt::Display) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<dateline_store::Error> for ApiError {
    fn from(e: dateline_store::Error) -> Self {
        match e {
            dateline_store::Error::Invalid(m) => ApiError::new(StatusCode::BAD_REQUEST, m),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status, &self.message)
    }
}

fn error_response(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {"status": status.as_u16(), "message": message}});
    (status, Json(body)).into_response()
}

type ApiResult = Result<Response, ApiError>;

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

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    let message = if path.starts_with("/api") {
        format!(
            "no such path: {path}; the API serves {} (see /openapi.json)",
            API_ROUTES.join(", ")
        )
    } else {
        format!("no such path: {path}")
    };
    error_response(StatusCode::NOT_FOUND, &message)
}

/// Turns every error that is not JSON yet (405, 413, extractor rejections) into a JSON error,
/// and answers 503 to a request that takes too long.
async fn json_errors_and_timeout(req: Request, next: Next) -> Response {
    let response = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            return error_response(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
        }
    };
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let (parts, body) = response.into_parts();
        let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
        let message = String::from_utf8_lossy(&text).trim().to_string();
        let message = if message.is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            message
        };
        let mut r = error_response(status, &message);
        if let Some(allow) = parts.headers.get(header::ALLOW) {
            r.headers_mut().insert(header::ALLOW, allow.clone());
        }
        return r;
    }
    response
}

/// The whole application: API, OpenAPI, page and the limits around them.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/static/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/openapi.json",
            get(|| async { asset("application/json", OPENAPI_JSON) }),
        )
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), cached))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(json_errors_and_timeout))
        .with_state(state)
}

/// Fills a fresh store with the bundled example article(s): the reference article (published
/// 2025-02-15) and any other `tests/fixtures/*.txt` beside the working directory.
fn demo_store() -> Result<(PathBuf, PathBuf), String> {
    let dir = std::env::temp_dir().join(format!("dateline-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let db = dir.join("demo.db");
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    let pipeline = dateline_nlp::Pipeline::new()
        .map_err(|e| format!("could not load the pipeline's models: {e}"))?;
    let seed = dateline_core::Article {
        title: dateline_ingest::detect_title(SEED_ARTICLE),
        body: SEED_ARTICLE.to_string(),
        source: Some(dateline_core::Source::text(
            "tests/fixtures/seed-article.txt",
        )),
        ..Default::default()
    };
    let options = dateline_nlp::Options {
        published: Some(SEED_PUBLISHED.into()),
        with_tokens: false,
    };
    let doc = pipeline.process(seed, &options);
    store.ingest(&doc, None).map_err(|e| e.to_string())?;
    let mut count = 1;
    if let Ok(entries) = std::fs::read_dir("tests/fixtures") {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".txt") || name == "seed-article.txt" {
                continue;
            }
            if let Ok(article) = dateline_ingest::read_text_file(&path.to_string_lossy()) {
                let doc = pipeline.process(article, &dateline_nlp::Options::default());
                if store.ingest(&doc, None).is_ok() {
                    count += 1;
                }
            }
        }
    }
    eprintln!(
        "dateline: demo store {} with {count} article(s)",
        db.display()
    );
    Ok((dir, db))
}

pub fn run(args: ServeArgs) -> ExitCode {
    let (demo_dir, db) = if args.demo {
        match demo_store() {
            Ok((dir, db)) => (Some(dir), db),
            Err(e) => {
                eprintln!("dateline: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        (None, PathBuf::from(args.db.clone().unwrap_or_default()))
    };
    let state = match AppState::new(&db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dateline: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dateline: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&args.bind).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("dateline: cannot listen on {}: {e}", args.bind);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or(args.bind.clone());
        eprintln!("dateline: serving {} on http://{addr}/ (API under /api/, description at /openapi.json); Ctrl-C stops", db.display());
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dateline: server error: {e}");
                ExitCode::FAILURE
            }
        }
    });
    if let Some(dir) = demo_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request as HttpRequest;
    use dateline_core::{
        ActorRole, Document, Entity, EntityType, Event, EventActor, EventStatus, Mention,
        MentionKind, PloverType, Quote, QuoteKind, Sentence, Source, TimeExpr, TimeType, Trigger,
    };
    use tower::ServiceExt;

    fn span(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    /// A small article with one meeting and one quote, written by hand.
    pub(crate) fn sample_document() -> Document {
        let text = "Starmer to meet Trump\n\u{201c}Peace needs strength,\u{201d} said Keith Kellogg on Friday. Keir Starmer will meet Donald Trump next week.";
        let mut doc = Document::new("sample", Source::text("sample.txt"), text.into());
        doc.published = Some("2025-02-15".into());
        let first_line = text.find('\n').unwrap();
        doc.sentences = vec![
            Sentence {
                start: 0,
                end: first_line,
            },
            Sentence {
                start: first_line + 1,
                end: text.chars().count(),
            },
        ];
        let ent = |id: &str, name: &str, kind: EntityType| {
            let (start, end) = span(text, name);
            Entity {
                id: id.into(),
                name: name.into(),
                kind,
                roles: vec![],
                mentions: vec![Mention {
                    start,
                    end,
                    text: name.into(),
                    kind: MentionKind::Name,
                }],
                codes: Default::default(),
            }
        };
        doc.entities = vec![
            ent("E1", "Keir Starmer", EntityType::Person),
            ent("E2", "Donald Trump", EntityType::Person),
            ent("E3", "Keith Kellogg", EntityType::Person),
        ];
        let (ts, te) = span(text, "next week");
        doc.times = vec![TimeExpr {
            id: "T1".into(),
            text: "next week".into(),
            start: ts,
            end: te,
            kind: TimeType::Date,
            value: "2025-W09".into(),
            modifier: None,
            anchor: "published".into(),
        }];
        let (qs, qe) = span(text, "Peace needs strength,");
        doc.quotes = vec![Quote {
            id: "Q1".into(),
            text: "Peace needs strength,".into(),
            start: qs,
            end: qe,
            kind: QuoteKind::Direct,
            speaker: Some("E3".into()),
            speaker_text: Some("Keith Kellogg".into()),
            cue: Some("said".into()),
        }];
        let (vs, ve) = span(text, "meet Donald");
        doc.events = vec![Event {
            id: "V1".into(),
            kind: PloverType::Consult,
            mode: None,
            status: EventStatus::Planned,
            trigger: Trigger {
                text: "meet".into(),
                start: vs,
                end: ve - " Donald".chars().count(),
            },
            other_triggers: vec![],
            actors: vec![
                EventActor {
                    entity: "E1".into(),
                    role: ActorRole::Source,
                },
                EventActor {
                    entity: "E2".into(),
                    role: ActorRole::Target,
                },
            ],
            time: Some("T1".into()),
            place: None,
            sentence: 1,
            quotes: vec![],
        }];
        doc
    }

    fn test_app() -> (Router, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "dateline-serve-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("t.db");
        let mut store = Store::open(&db).unwrap();
        store.ingest(&sample_document(), None).unwrap();
        drop(store);
        (app(AppState::new(&db).unwrap()), dir)
    }

    async fn get(app: &Router, uri: &str) -> (StatusCode, serde_json::Value, String) {
        let response = app
            .clone()
            .oneshot(HttpRequest::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let value = if content_type.starts_with("application/json") {
            serde_json::from_slice(&bytes).unwrap()
        } else {
            serde_json::Value::Null
        };
        (status, value, content_type)
    }

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
    async fn cached_answers_follow_writes_to_the_store() {
        let (app, dir) = test_app();
        let (_, first, _) = get(&app, "/api/stats").await;
        let (_, again, _) = get(&app, "/api/stats").await;
        assert_eq!(first, again);
        assert_eq!(first["documents"], 1);
        // An ingest beside the running server: the next answer must see it.
        let mut other = sample_document();
        other.id = "other".into();
        other.source = Source::text("other.txt");
        other.text.push_str(" Talks followed.");
        let mut store = Store::open(dir.join("t.db")).unwrap();
        store.ingest(&other, None).unwrap();
        drop(store);
        let (_, after, _) = get(&app, "/api/stats").await;
        assert_eq!(after["documents"], 2);
        // Errors are never cached.
        let (status, _, _) = get(&app, "/api/events/999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn errors_are_json() {
        let (app, dir) = test_app();
        for (uri, status) in [
            ("/no/such/page", StatusCode::NOT_FOUND),
            ("/api/nothing", StatusCode::NOT_FOUND),
            ("/api/events/999999", StatusCode::NOT_FOUND),
            ("/api/events/abc", StatusCode::BAD_REQUEST),
            ("/api/documents/missing", StatusCode::NOT_FOUND),
            ("/api/events?from=yesterday", StatusCode::BAD_REQUEST),
            ("/api/events?status=maybe", StatusCode::BAD_REQUEST),
            ("/api/events?limit=many", StatusCode::BAD_REQUEST),
            ("/api/events?colour=red", StatusCode::BAD_REQUEST),
            ("/api/search", StatusCode::BAD_REQUEST),
        ] {
            let (got, body, content_type) = get(&app, uri).await;
            assert_eq!(got, status, "{uri}");
            assert!(
                content_type.starts_with("application/json"),
                "{uri}: {content_type}"
            );
            assert_eq!(body["error"]["status"], status.as_u16(), "{uri}");
            assert!(!body["error"]["message"].as_str().unwrap().is_empty());
        }
        // Writing is not allowed, and a big body is refused before it is read.
        let response = app
            .clone()
            .oneshot(
                HttpRequest::builder()
                    .method("POST")
                    .uri("/api/events")
                    .body(Body::from(vec![b'x'; BODY_LIMIT * 4]))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["error"]["status"], 405);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn openapi_describes_every_route_and_the_page_is_served() {
        let spec: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        let paths = spec["paths"].as_object().unwrap();
        for route in API_ROUTES {
            assert!(
                paths.contains_key(*route),
                "{route} is missing from openapi.json"
            );
            assert!(
                paths[*route]["get"]["responses"]["200"].is_object(),
                "{route}: no 200 response"
            );
        }
        for path in paths.keys() {
            assert!(
                API_ROUTES.contains(&path.as_str()),
                "openapi.json describes {path}, which is not served"
            );
        }
        let (app, dir) = test_app();
        // Every listed route answers (a sample id stands in for a parameter).
        for route in API_ROUTES {
            let uri = route
                .replace("{id}", "1")
                .replace("/api/documents/1", "/api/documents/sample")
                + "?";
            let uri = if *route == "/api/search" {
                format!("{uri}q=meet")
            } else {
                uri
            };
            let (status, _, _) = get(&app, &uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
        }
        let (status, _, content_type) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("text/html"));
        assert!(INDEX_HTML.contains("/static/app.js"));
        assert!(
            !INDEX_HTML.contains("http://") && !INDEX_HTML.contains("https://"),
            "no external assets"
        );
        let js = APP_JS.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !js.contains("http://") && !js.contains("https://"),
            "no external assets"
        );
        let (status, spec_served, _) = get(&app, "/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(spec_served, spec);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

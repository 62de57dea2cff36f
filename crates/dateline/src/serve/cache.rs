//! API answers kept until the store changes: a cache by request URI, and the middleware
//! that serves from it and fills it.

use super::error::ApiError;
use super::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// API answers already computed for the store as it is now, by request URI: the page and
/// its users ask the same questions again (the timeline, an actor's page, a search), and an
/// answer costs milliseconds of SQLite work while a copy costs microseconds. Any write to
/// the store (an ingest running beside the server) changes its files and empties the cache.
#[derive(Default)]
pub(super) struct ResponseCache {
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
pub(super) async fn cached(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
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

#[cfg(test)]
mod tests {
    use crate::serve::test_support::{get, sample_document, test_app};
    use axum::http::StatusCode;
    use dateline_core::Source;
    use dateline_store::Store;

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
}

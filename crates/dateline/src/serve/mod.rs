//! `dateline serve`: the JSON API under `/api/`, its OpenAPI description and the web page,
//! all from one binary (the page's HTML, CSS and JS are embedded; nothing is fetched from a
//! CDN).
//!
//! By job: [`server`] (the command's options and the server's start), [`app`] (the router,
//! the page's assets and the limits around every request), [`routes`] (the API handlers),
//! [`pool`] (the store connections shared by the handlers), [`cache`] (answers kept until
//! the store changes) and [`error`] (errors answered as JSON).
//!
//! The API serves the routes in [`app::API_ROUTES`].

mod app;
mod cache;
mod error;
mod pool;
mod routes;
mod server;
#[cfg(test)]
mod test_support;

use error::ApiError;
pub use server::{run, ServeArgs};

use cache::ResponseCache;
use pool::StorePool;
use std::path::PathBuf;
use std::sync::Arc;

/// What every handler shares: the store's path, its connections and the answers cached.
pub struct AppState {
    db: PathBuf,
    pool: StorePool,
    cache: ResponseCache,
}

impl AppState {
    /// Opens the store's connections (fails when the store does not open).
    pub fn new(db: impl Into<PathBuf>) -> Result<Arc<AppState>, dateline_store::Error> {
        let db = db.into();
        Ok(Arc::new(AppState {
            pool: StorePool::open(&db)?,
            db,
            cache: ResponseCache::default(),
        }))
    }

    /// Runs `f` on a free connection, waiting for one (on a blocking thread).
    fn with_store<T>(
        &self,
        f: impl FnOnce(&dateline_store::Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.pool.with_store(f)
    }
}

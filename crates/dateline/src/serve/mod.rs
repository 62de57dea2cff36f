//! `dateline serve`: the JSON API under `/api/`, its OpenAPI description and the web page,
//! all from one binary (the page's HTML, CSS and JS are embedded; nothing is fetched from a
//! CDN).
//!
//! By job: [`server`] (the command's options and the server's start), [`app`] (the router,
//! the page's assets and the limits around every request), [`guard`] (the `Host`
//! allow-list and the security headers), [`listen`] (the accept loop: timeouts and the
//! connection limit), [`routes`] (the API handlers),
//! [`pool`] (the store connections shared by the handlers), [`cache`] (answers kept until
//! the store changes) and [`error`] (errors answered as JSON).
//!
//! The API serves the routes in [`app::API_ROUTES`].

mod app;
mod cache;
mod error;
mod guard;
mod listen;
mod pool;
mod routes;
mod server;
#[cfg(test)]
mod test_support;

use error::ApiError;
pub use guard::AllowedHosts;
pub use server::{run, ServeArgs};

use cache::ResponseCache;
use pool::StorePool;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long one API request's store work may take, waiting for a connection included,
/// before it is stopped and answered 503 (the request as a whole has 10 s).
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(5);

/// What every handler shares: the store's path, its connections, the answers cached and
/// the time a query may take.
pub struct AppState {
    db: PathBuf,
    pool: StorePool,
    cache: ResponseCache,
    query_timeout: Duration,
    allowed_hosts: AllowedHosts,
}

impl AppState {
    /// A state answering for the loopback names, with queries stopped after `query_timeout`.
    #[cfg(test)]
    pub fn with_query_timeout(
        db: impl Into<PathBuf>,
        query_timeout: Duration,
    ) -> Result<Arc<AppState>, dateline_store::Error> {
        AppState::open(db, query_timeout, AllowedHosts::default())
    }

    /// Opens the store's connections; queries get `query_timeout`, and requests naming a
    /// host outside `allowed_hosts` are refused.
    pub fn open(
        db: impl Into<PathBuf>,
        query_timeout: Duration,
        allowed_hosts: AllowedHosts,
    ) -> Result<Arc<AppState>, dateline_store::Error> {
        let db = db.into();
        Ok(Arc::new(AppState {
            pool: StorePool::open(&db)?,
            db,
            cache: ResponseCache::default(),
            query_timeout,
            allowed_hosts,
        }))
    }

    /// Runs `f` on a free connection, waiting for one (on a blocking thread); stopped at
    /// `deadline`.
    fn with_store<T>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&dateline_store::Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.pool.with_store(deadline, f)
    }
}

//! The store connections the handlers share: a fixed pool, handed out first come, first
//! served.

use super::error::ApiError;
use dateline_store::Store;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

/// Store connections per core. Queries are CPU-bound: more connections than cores only
/// make every query wait longer (64 concurrent searches on 2 cores took seconds each).
const CONNECTIONS_PER_CORE: usize = 2;

/// A fixed pool of open connections to the store. A request waits for a free connection,
/// so at most as many queries run at once as there are connections; waiting requests are
/// served first come, first served (a plain condition variable wakes an arbitrary waiter,
/// which left some requests waiting seconds under load).
pub struct StorePool {
    pool: Mutex<Pool>,
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

impl StorePool {
    /// Opens the store's connections, two per core (2 to 16); fails when the store does
    /// not open.
    pub fn open(db: &Path) -> Result<StorePool, dateline_store::Error> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let size = (cores * CONNECTIONS_PER_CORE).clamp(2, 16);
        let idle = (0..size)
            .map(|_| Store::open_existing(db))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StorePool::of(idle))
    }

    /// A pool of these connections.
    fn of(idle: Vec<Store>) -> StorePool {
        StorePool {
            pool: Mutex::new(Pool {
                idle,
                waiting: VecDeque::new(),
            }),
        }
    }

    /// A free connection, waiting for one until `deadline`; `None` when none came free.
    fn take_store(&self, deadline: Instant) -> Result<Option<Store>, ApiError> {
        fn poisoned<E>(_: E) -> ApiError {
            ApiError::internal("the connection pool is poisoned")
        }
        let waiter = {
            let mut pool = self.pool.lock().map_err(poisoned)?;
            if let Some(store) = pool.idle.pop() {
                return Ok(Some(store));
            }
            let waiter = Arc::new(Waiter::default());
            pool.waiting.push_back(waiter.clone());
            waiter
        };
        let mut slot = waiter.store.lock().map_err(poisoned)?;
        loop {
            if let Some(store) = slot.take() {
                return Ok(Some(store));
            }
            let now = Instant::now();
            if now >= deadline {
                // Leave the queue (the pool's lock is taken before a waiter's, as in
                // `give_back`); a connection handed over meanwhile is still taken.
                drop(slot);
                let mut pool = self.pool.lock().map_err(poisoned)?;
                pool.waiting.retain(|w| !Arc::ptr_eq(w, &waiter));
                drop(pool);
                return Ok(waiter.store.lock().map_err(poisoned)?.take());
            }
            slot = waiter
                .handed
                .wait_timeout(slot, deadline - now)
                .map_err(poisoned)?
                .0;
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

    /// Runs `f` on a free connection, waiting for one (on a blocking thread); the
    /// connection's queries are stopped at `deadline` (503, "too expensive"), and a request
    /// still waiting for a connection then is answered 503 ("busy").
    pub fn with_store<T>(
        &self,
        deadline: Instant,
        f: impl FnOnce(&Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        // Hand the connection back even if `f` panics, so the pool never shrinks.
        struct Return<'a>(&'a StorePool, Option<Store>);
        impl Drop for Return<'_> {
            fn drop(&mut self) {
                if let Some(store) = self.1.take() {
                    self.0.give_back(store);
                }
            }
        }
        let waiting_since = Instant::now();
        let taken = self.take_store(deadline)?;
        let mut guard = Return(self, taken);
        let Some(store) = guard.1.as_mut().filter(|_| Instant::now() < deadline) else {
            return Err(ApiError::busy(waiting_since.elapsed()));
        };
        // `f` answers in API errors; the store's deadline sees only whether it failed.
        let mut failure = None;
        let outcome = store.with_deadline(deadline, |s| {
            f(s).map_err(|e| {
                failure = Some(e);
                dateline_store::Error::Invalid(String::new())
            })
        });
        match outcome {
            Ok(value) => Ok(value),
            Err(dateline_store::Error::TooExpensive(ran)) => Err(ApiError::too_expensive(ran)),
            Err(other) => Err(failure.unwrap_or_else(|| other.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_waiting_request_is_handed_the_connection_given_back() {
        let dir = std::env::temp_dir().join(format!("dateline-pool-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("p.db");
        drop(Store::open(&db).unwrap());
        let pool = Arc::new(StorePool::of(vec![Store::open_existing(&db).unwrap()]));
        let held = pool.take_store(later()).unwrap().unwrap();
        let waiting = {
            let pool = pool.clone();
            std::thread::spawn(move || pool.with_store(later(), |s| Ok(s.stats()?.documents)))
        };
        // The only connection is held: the other request waits until it is given back.
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiting.is_finished());
        pool.give_back(held);
        assert_eq!(waiting.join().unwrap().unwrap(), 0);
        // And the connection is back in the pool afterwards.
        assert_eq!(
            pool.with_store(later(), |s| Ok(s.stats()?.documents))
                .unwrap(),
            0
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(30)
    }

    #[test]
    fn a_request_waiting_past_its_deadline_is_answered_busy_and_leaves_the_queue() {
        let dir = std::env::temp_dir().join(format!("dateline-pool-busy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("p.db");
        drop(Store::open(&db).unwrap());
        let pool = StorePool::of(vec![Store::open_existing(&db).unwrap()]);
        let held = pool.take_store(later()).unwrap().unwrap();
        let started = Instant::now();
        let mut ran = false;
        let err = pool
            .with_store(started + Duration::from_millis(100), |_| {
                ran = true;
                Ok(())
            })
            .unwrap_err();
        assert!(!ran);
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(err.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert!(err.message().contains("busy"), "{}", err.message());
        assert!(pool.pool.lock().unwrap().waiting.is_empty());
        // The connection given back goes to the idle list, not to the request gone.
        pool.give_back(held);
        assert_eq!(pool.pool.lock().unwrap().idle.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

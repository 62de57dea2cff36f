//! Queries with a deadline: SQLite's progress handler stops a statement still running when
//! its time is up, so a server's pooled connection comes back promptly instead of working on
//! for minutes after the client was told the request took too long.
//!
//! SQLite looks at the handler between steps of its virtual machine: work inside one call
//! of an FTS5 function (ranking or a snippet over thousands of phrases) is not cut short,
//! which is why searches are also capped at [`crate::MAX_SEARCH_TERMS`] words.

use crate::{Error, Result, Store};
use std::time::Instant;

/// Virtual-machine steps between two looks at the clock (a look costs tens of nanoseconds;
/// a thousand steps take microseconds, so a query overruns its deadline by about that).
const STEPS_BETWEEN_CHECKS: std::ffi::c_int = 1000;

impl Store {
    /// Runs `f` on this store, stopping any SQLite statement still running at `deadline`;
    /// an error of `f` after the deadline is [`Error::TooExpensive`]. A deadline already
    /// past fails at once without running `f`.
    pub fn with_deadline<T>(
        &mut self,
        deadline: Instant,
        f: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<T> {
        let started = Instant::now();
        if started >= deadline {
            return Err(Error::TooExpensive(std::time::Duration::ZERO));
        }
        // Clears the handler however `f` ends (a panic included), so the connection's
        // later users run without this deadline.
        struct Clear<'a>(&'a mut Store);
        impl Drop for Clear<'_> {
            fn drop(&mut self) {
                let _ = self.0.conn.progress_handler(0, None::<fn() -> bool>);
            }
        }
        self.conn.progress_handler(
            STEPS_BETWEEN_CHECKS,
            Some(move || Instant::now() >= deadline),
        )?;
        let guard = Clear(self);
        match f(guard.0) {
            Err(e) if e.is_interrupted() || Instant::now() >= deadline => {
                Err(Error::TooExpensive(started.elapsed()))
            }
            other => other,
        }
    }
}

impl Error {
    /// Whether this is SQLite saying a statement was interrupted (by a deadline).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            Error::TooExpensive(_)
                | Error::Sql(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error {
                        code: rusqlite::ErrorCode::OperationInterrupted,
                        ..
                    },
                    _,
                ))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Counts to a billion: minutes of work if nothing stops it.
    const ENDLESS: &str =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)
                           SELECT count(*) FROM c";

    #[test]
    fn a_query_past_its_deadline_is_stopped_and_the_connection_works_after() {
        let mut store = Store::open_in_memory().unwrap();
        let started = Instant::now();
        let err = store
            .with_deadline(started + Duration::from_millis(200), |s| {
                Ok(s.conn.query_row(ENDLESS, [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap_err();
        assert!(matches!(err, Error::TooExpensive(_)), "{err}");
        assert!(err.is_interrupted());
        assert!(err.to_string().contains("too expensive"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "stopped promptly"
        );
        // The handler is gone: the same connection runs a query without a deadline.
        assert_eq!(store.stats().unwrap().documents, 0);
        let n: i64 = store
            .conn
            .query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 100000);
    }

    #[test]
    fn a_quick_query_is_untouched_and_a_past_deadline_runs_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let stats = store
            .with_deadline(Instant::now() + Duration::from_secs(5), |s| s.stats())
            .unwrap();
        assert_eq!(stats.documents, 0);
        let mut ran = false;
        let err = store
            .with_deadline(Instant::now(), |_| {
                ran = true;
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(err, Error::TooExpensive(_)));
        assert!(!ran);
        // Other errors keep their kind.
        let err = store
            .with_deadline(Instant::now() + Duration::from_secs(5), |_| {
                Err::<(), _>(Error::Invalid("bad filter".into()))
            })
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)));
    }
}

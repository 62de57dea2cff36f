//! Embedded corpus store, search and cross-article merging.
//!
//! This is the pipeline's output side for a corpus: `dateline ingest` stores each
//! document dateline-nlp produces here, and `dateline query`, `timeline`, `quotes`,
//! `export` and `serve` (and the Python package) read from it.
//!
//! A [`Store`] is one SQLite file (WAL mode, FTS5 full-text indexes) holding every ingested
//! [`Document`](dateline_core::Document) whole, its layers in tables, and two corpus-level
//! views built across articles:
//! - **corpus entities**: "Keir Starmer" in one article and "Sir Keir Starmer" in another are
//!   one entity, with every alias and role and the dates they were seen;
//! - **corpus events**: reports of one real-world event in several articles are one event
//!   with all its sources, a first-reported date and a status history. The rule is
//!   [`merge::merge_score`], described in the crate's README.
//!
//! Ingest is idempotent (the same article again changes nothing), a newer version of an
//! article replaces the older, and each article is written in one transaction, so a crash
//! leaves every article either fully in the store or absent.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_store::{Store, Ingested};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let mut doc = Document::new("d1", Source::text("a.txt"), "Mr Starmer spoke.".into());
//! doc.published = Some("2025-02-15".into());
//! assert_eq!(store.ingest(&doc, None).unwrap(), Ingested::New);
//! assert_eq!(store.ingest(&doc, None).unwrap(), Ingested::Unchanged);
//! assert_eq!(store.stats().unwrap().documents, 1);
//! ```

#![deny(missing_docs)]

mod deadline;
pub mod merge;
pub mod names;
#[cfg(feature = "parquet")]
pub mod parquet;
mod query;
mod terms;
mod write;

pub use query::*;
pub use terms::{fts_query, SearchTerms, MAX_SEARCH_TERMS};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The store's schema version, kept in its `meta` table. A store written by another
/// version is refused rather than misread.
pub const SCHEMA_VERSION: &str = "1";

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No store file at the path given.
    #[error("no store at {0}: create one with `dateline ingest FILE... --db {0}`")]
    Missing(PathBuf),
    /// The file is not a store of this schema version.
    #[error("{path}: not a dateline store (schema version {found}, expected {expected})")]
    Version {
        /// The store file.
        path: String,
        /// The schema version it holds (`none` when it has none).
        found: String,
        /// [`SCHEMA_VERSION`].
        expected: String,
    },
    /// The store could not be opened: SQLite's reason and what to do.
    #[error("cannot open the store {}: {reason}", path.display())]
    Open {
        /// The store file.
        path: PathBuf,
        /// SQLite's reason and what to do about it.
        reason: String,
    },
    /// An SQLite error.
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A stored JSON column could not be read or written.
    #[error("store: bad JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A query ran past its deadline and was stopped ([`Store::with_deadline`]); it ran for
    /// the time given.
    #[error("the query was too expensive: it was stopped after {:.1} s", .0.as_secs_f64())]
    TooExpensive(std::time::Duration),
    /// Anything else that cannot be done, said in words: a missing folder, an SQLite file
    /// that is not a store, a bad filter value, a failed integrity check.
    #[error("{0}")]
    Invalid(String),
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What an ingest did with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// The article was not in the store.
    New,
    /// The same article was already stored: nothing changed.
    Unchanged,
    /// An older version (same URL, or same text analysed differently) was replaced.
    Replaced,
    /// The store holds a version published later: the given one was not stored.
    Older,
}

/// An open corpus store.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens the store at `path`, creating it (and its schema) when it does not exist.
    /// Several processes may create the same new store at once: one creates the schema,
    /// the others find it made. Every error names the path.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let p = path.as_ref();
        if let Some(parent) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !parent.exists() {
                return Err(Error::Invalid(format!(
                    "{}: the folder {} does not exist",
                    p.display(),
                    parent.display()
                )));
            }
        }
        Connection::open(p)
            .map_err(Error::from)
            .and_then(|conn| Store::init(conn, p.display().to_string()))
            .map_err(|e| e.opening(p))
    }

    /// Opens an existing store; a missing file is an error that says how to create one.
    /// Every error names the path.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let p = path.as_ref();
        if !p.is_file() {
            return Err(Error::Missing(p.to_path_buf()));
        }
        Connection::open_with_flags(
            p,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(Error::from)
        .and_then(|conn| Store::init(conn, p.display().to_string()))
        .map_err(|e| e.opening(p))
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The queries are built from their filters, so there are more distinct statements
        // than rusqlite's default cache of 16 holds; re-preparing them cost more than running.
        conn.set_prepared_statement_cache_capacity(256);
        // WAL: readers (the server) never block the writer (an ingest); synchronous=NORMAL
        // keeps every committed article across a process crash, and the file consistent
        // across a power cut.
        set_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if !has_meta(&conn)? {
            // A new store. Checking and creating under one write lock (BEGIN IMMEDIATE waits
            // for the busy timeout) closes the race where two processes both saw no schema
            // and the second failed on `UNIQUE constraint failed: meta.key`.
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let created = create_schema(&conn, &path);
            match created {
                Ok(()) => conn.execute_batch("COMMIT")?,
                Err(e) => {
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key='schema_version'",
                [],
                |r| r.get(0),
            )
            .ok();
        match found {
            Some(v) if v == SCHEMA_VERSION => {}
            other => {
                return Err(Error::Version {
                    path,
                    found: other.unwrap_or_else(|| "none".into()),
                    expected: SCHEMA_VERSION.into(),
                })
            }
        }
        write::ensure_indexes(&conn)?;
        Ok(Store { conn, path })
    }

    /// The file this store lives in (`:memory:` for an in-memory store).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Runs SQLite's integrity check; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let msg: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if msg == "ok" {
            Ok(())
        } else {
            Err(Error::Invalid(format!("integrity check failed: {msg}")))
        }
    }

    /// Copies the write-ahead log into the main file (done at close too).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// How long opening waits for another process's lock (SQLite's busy timeout too).
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Puts the database in WAL mode. Switching a new file's journal mode needs a lock that
/// SQLite does not wait for (its busy handler is not called), so a process creating the
/// same new store as another one retries here until [`BUSY_TIMEOUT`].
fn set_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return Ok(other?),
        }
    }
}

/// Whether the database holds the store's `meta` table.
fn has_meta(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
        [],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?)
}

/// Creates the schema in an empty database, inside the caller's write transaction; does
/// nothing when another process created it first; refuses a database holding other tables.
fn create_schema(conn: &Connection, path: &str) -> Result<()> {
    if has_meta(conn)? {
        return Ok(());
    }
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if tables > 0 {
        return Err(Error::Invalid(format!(
            "{path}: an SQLite database, but not a dateline store"
        )));
    }
    conn.execute_batch(include_str!("schema.sql"))?;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
        [SCHEMA_VERSION],
    )?;
    Ok(())
}

impl Error {
    /// This error met while opening the store at `path`: SQLite's own errors ("unable to
    /// open database file") get the path and what to do; the others already name it.
    fn opening(self, path: &Path) -> Error {
        let Error::Sql(e) = self else {
            return self;
        };
        use rusqlite::ErrorCode as Code;
        let hint = match e.sqlite_error_code() {
            Some(Code::CannotOpen) | Some(Code::PermissionDenied) => {
                "check that the file and its folder exist and that this user may read and write \
                 both: SQLite keeps a -wal and a -shm file beside the store, even to read it"
            }
            Some(Code::ReadOnly) => {
                "the store or its folder is read-only, and SQLite writes a -wal and a -shm file \
                 beside the store even to read it: make both writable, or copy the store to a \
                 writable folder"
            }
            Some(Code::DatabaseBusy) | Some(Code::DatabaseLocked) => {
                "another process holds the store locked (an ingest?): try again when it is done"
            }
            Some(Code::NotADatabase) => {
                "this is not an SQLite file: give a store made by `dateline ingest FILE... --db PATH`"
            }
            Some(Code::DatabaseCorrupt) => {
                "the file is damaged: restore a copy, or ingest the articles again into a new store"
            }
            Some(Code::DiskFull) => "the disk is full: free some space and try again",
            _ => "check the path, the file's permissions and the free disk space",
        };
        Error::Open {
            path: path.to_path_buf(),
            reason: format!("{e}; {hint}"),
        }
    }
}

/// FNV-1a 64-bit over byte strings, hex: a stable content hash (not cryptographic; collisions
/// are negligible at corpus sizes and cost only a skipped re-analysis).
/// Each part is followed by a 0xff byte, so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut h = dateline_core::fnv::Fnv64::new();
    for part in parts {
        h.write(part);
        h.write(&[0xff]);
    }
    format!("{:016x}", h.finish())
}

//! Parquet tables in and out of a store (cargo feature `parquet`).
//!
//! [`Store::export_parquet`] writes the corpus as one Parquet file per table into a folder,
//! with the same per-article columns as the Spark job (`examples/spark/dateline_job.py`)
//! plus links to the store's corpus entities and events:
//!
//! | file | one row per |
//! |---|---|
//! | `documents.parquet` | article; `document` holds the whole `dateline.document/1` JSON |
//! | `entities.parquet` | entity of an article, with its `corpus_entity` |
//! | `quotes.parquet` | quote, with its speaker's `speaker_corpus_entity` |
//! | `events.parquet` | event report, with the `corpus_event` it was merged into |
//! | `corpus_entities.parquet` | cross-article entity |
//! | `corpus_events.parquet` | real-world event over all its reports (sources in `events`) |
//!
//! [`for_each_parquet_document`] reads the `documents` table back — written by this module or
//! by the Spark job (a folder of `published_date=…/part-*.parquet` files) — so that a corpus
//! processed on a cluster goes through the store's ordinary write path ([`Store::ingest`]).
//!
//! The low-level column writer of the `parquet` crate is used, without Arrow: it builds in a
//! fraction of the time and these tables are flat (one list column).
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_store::{parquet::for_each_parquet_document, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let mut doc = Document::new("d1", Source::text("a.txt"), "Mr Starmer spoke.".into());
//! doc.published = Some("2025-02-15".into());
//! store.ingest(&doc, None).unwrap();
//!
//! let dir = std::env::temp_dir().join(format!("dateline-parquet-doc-{}", std::process::id()));
//! let counts = store.export_parquet(&dir).unwrap();
//! assert_eq!(counts.documents, 1);
//!
//! let mut copy = Store::open_in_memory().unwrap();
//! for_each_parquet_document(&dir, |doc| {
//!     copy.ingest(&doc.unwrap(), None)?;
//!     Ok(())
//! })
//! .unwrap();
//! assert_eq!(copy.stats().unwrap(), store.stats().unwrap());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use crate::{Error, EventFilter, Result, Store};
use dateline_core::Document;
use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::RowAccessor;
use parquet::schema::types::Type;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Written into every file's key-value metadata; readers of the tables can check it.
pub const PARQUET_FORMAT: &str = "dateline.parquet/1";

/// Rows written per table by [`Store::export_parquet`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParquetCounts {
    /// Rows of the documents table (one per document).
    pub documents: usize,
    /// Rows of the document entities table.
    pub entities: usize,
    /// Rows of the quotes table.
    pub quotes: usize,
    /// Rows of the document events (reports) table.
    pub events: usize,
    /// Rows of the corpus entities table.
    pub corpus_entities: usize,
    /// Rows of the corpus events table.
    pub corpus_events: usize,
}

fn parquet_error(what: &Path, e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("{}: {e}", what.display()))
}

/// The physical shape of a column. Every column is optional (nullable), as Spark writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int32,
    Int64,
    /// `list<string>`, in the standard three-level LIST layout Spark and Arrow read.
    TextList,
}

/// One cell of a row being written.
enum Cell {
    Text(Option<String>),
    Int32(Option<i32>),
    Int64(Option<i64>),
    TextList(Vec<String>),
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        Cell::Text(v)
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(Some(v))
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(Some(v.to_string()))
    }
}
impl From<Option<&str>> for Cell {
    fn from(v: Option<&str>) -> Self {
        Cell::Text(v.map(str::to_string))
    }
}
impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Self {
        Cell::Int64(v)
    }
}
impl From<Vec<String>> for Cell {
    fn from(v: Vec<String>) -> Self {
        Cell::TextList(v)
    }
}

/// An `int` column (Spark's `IntegerType`); counts and offsets beyond `i32` are clamped,
/// which no article reaches.
fn int32(n: usize) -> Cell {
    Cell::Int32(Some(i32::try_from(n).unwrap_or(i32::MAX)))
}

/// Buffered values of one column for the current row group.
#[derive(Default)]
struct Buffer {
    texts: Vec<ByteArray>,
    int32s: Vec<i32>,
    int64s: Vec<i64>,
    def_levels: Vec<i16>,
    rep_levels: Vec<i16>,
}

/// A Parquet file being written row by row, flushed in row groups.
struct TableWriter {
    path: PathBuf,
    writer: SerializedFileWriter<BufWriter<File>>,
    columns: Vec<(&'static str, Kind)>,
    buffers: Vec<Buffer>,
    buffered_rows: usize,
    buffered_bytes: usize,
    rows: usize,
}

/// A row group is flushed at this many rows or bytes of text, whichever comes first: big
/// enough for good compression and scans, small enough to bound memory on huge corpora.
const GROUP_ROWS: usize = 100_000;
const GROUP_BYTES: usize = 64 << 20;

fn schema_text(name: &str, columns: &[(&'static str, Kind)]) -> String {
    let fields: String = columns
        .iter()
        .map(|(col, kind)| match kind {
            Kind::Text => format!("optional binary {col} (STRING);\n"),
            Kind::Int32 => format!("optional int32 {col};\n"),
            Kind::Int64 => format!("optional int64 {col};\n"),
            Kind::TextList => format!(
                "optional group {col} (LIST) {{ repeated group list {{ optional binary element (STRING); }} }}\n"
            ),
        })
        .collect();
    format!("message {name} {{\n{fields}}}")
}

impl TableWriter {
    fn create(dir: &Path, name: &str, columns: &[(&'static str, Kind)]) -> Result<TableWriter> {
        let path = dir.join(format!("{name}.parquet"));
        let schema = parquet::schema::parser::parse_message_type(&schema_text(name, columns))
            .map_err(|e| parquet_error(&path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("dateline {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![parquet::file::metadata::KeyValue::new(
                "dateline.format".to_string(),
                PARQUET_FORMAT.to_string(),
            )]))
            .build();
        let file = File::create(&path).map_err(|e| parquet_error(&path, e))?;
        let writer =
            SerializedFileWriter::new(BufWriter::new(file), Arc::new(schema), Arc::new(props))
                .map_err(|e| parquet_error(&path, e))?;
        Ok(TableWriter {
            path,
            writer,
            columns: columns.to_vec(),
            buffers: columns.iter().map(|_| Buffer::default()).collect(),
            buffered_rows: 0,
            buffered_bytes: 0,
            rows: 0,
        })
    }

    fn push(&mut self, row: Vec<Cell>) -> Result<()> {
        if row.len() != self.columns.len() {
            return Err(Error::Invalid(format!(
                "{}: a row of {} cells for {} columns",
                self.path.display(),
                row.len(),
                self.columns.len()
            )));
        }
        for ((cell, buffer), (col, kind)) in
            row.into_iter().zip(&mut self.buffers).zip(&self.columns)
        {
            match (cell, kind) {
                (Cell::Text(v), Kind::Text) => {
                    buffer.def_levels.push(v.is_some() as i16);
                    if let Some(s) = v {
                        self.buffered_bytes += s.len();
                        buffer.texts.push(ByteArray::from(s.into_bytes()));
                    }
                }
                (Cell::Int32(v), Kind::Int32) => {
                    buffer.def_levels.push(v.is_some() as i16);
                    buffer.int32s.extend(v);
                }
                (Cell::Int64(v), Kind::Int64) => {
                    buffer.def_levels.push(v.is_some() as i16);
                    buffer.int64s.extend(v);
                }
                (Cell::TextList(items), Kind::TextList) => {
                    // Levels of `optional group (LIST) { repeated group list { optional element } }`:
                    // definition 1 = an empty list, 3 = an element; repetition 0 starts a row.
                    if items.is_empty() {
                        buffer.def_levels.push(1);
                        buffer.rep_levels.push(0);
                    }
                    for (i, s) in items.into_iter().enumerate() {
                        buffer.def_levels.push(3);
                        buffer.rep_levels.push((i > 0) as i16);
                        self.buffered_bytes += s.len();
                        buffer.texts.push(ByteArray::from(s.into_bytes()));
                    }
                }
                _ => {
                    return Err(Error::Invalid(format!(
                        "{}: wrong value type for column {col}",
                        self.path.display()
                    )))
                }
            }
        }
        self.buffered_rows += 1;
        self.rows += 1;
        if self.buffered_rows >= GROUP_ROWS || self.buffered_bytes >= GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffered_rows == 0 {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |e: parquet::errors::ParquetError| parquet_error(&path, e);
        let mut group = self.writer.next_row_group().map_err(err)?;
        for (buffer, (_, kind)) in self.buffers.iter_mut().zip(&self.columns) {
            let mut column = group
                .next_column()
                .map_err(err)?
                .ok_or_else(|| Error::Invalid(format!("{}: schema too short", path.display())))?;
            let defs = Some(buffer.def_levels.as_slice());
            let reps = (*kind == Kind::TextList).then_some(buffer.rep_levels.as_slice());
            match column.untyped() {
                ColumnWriter::ByteArrayColumnWriter(w) => w.write_batch(&buffer.texts, defs, reps),
                ColumnWriter::Int32ColumnWriter(w) => w.write_batch(&buffer.int32s, defs, reps),
                ColumnWriter::Int64ColumnWriter(w) => w.write_batch(&buffer.int64s, defs, reps),
                _ => Err(parquet::errors::ParquetError::General(
                    "unexpected column type".into(),
                )),
            }
            .map_err(err)?;
            column.close().map_err(err)?;
            *buffer = Buffer::default();
        }
        group.close().map_err(err)?;
        self.buffered_rows = 0;
        self.buffered_bytes = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<usize> {
        self.flush()?;
        let path = self.path.clone();
        self.writer.close().map_err(|e| parquet_error(&path, e))?;
        Ok(self.rows)
    }
}

const DOCUMENT_COLUMNS: &[(&str, Kind)] = &[
    ("doc_id", Kind::Text),
    ("url", Kind::Text),
    ("path", Kind::Text),
    ("format", Kind::Text),
    ("title", Kind::Text),
    ("published", Kind::Text),
    ("published_from", Kind::Text),
    ("published_date", Kind::Text),
    ("n_entities", Kind::Int32),
    ("n_quotes", Kind::Int32),
    ("n_events", Kind::Int32),
    ("document", Kind::Text),
];

const ENTITY_COLUMNS: &[(&str, Kind)] = &[
    ("doc_id", Kind::Text),
    ("published_date", Kind::Text),
    ("entity_id", Kind::Text),
    ("name", Kind::Text),
    ("type", Kind::Text),
    ("mentions", Kind::Int32),
    ("roles", Kind::TextList),
    ("iso3", Kind::Text),
    ("corpus_entity", Kind::Int64),
];

const QUOTE_COLUMNS: &[(&str, Kind)] = &[
    ("doc_id", Kind::Text),
    ("published_date", Kind::Text),
    ("quote_id", Kind::Text),
    ("text", Kind::Text),
    ("kind", Kind::Text),
    ("speaker_id", Kind::Text),
    ("speaker", Kind::Text),
    ("speaker_text", Kind::Text),
    ("cue", Kind::Text),
    ("start", Kind::Int32),
    ("end", Kind::Int32),
    ("speaker_corpus_entity", Kind::Int64),
];

const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("doc_id", Kind::Text),
    ("published_date", Kind::Text),
    ("event_id", Kind::Text),
    ("type", Kind::Text),
    ("mode", Kind::Text),
    ("status", Kind::Text),
    ("trigger", Kind::Text),
    ("actors", Kind::Text),
    ("time_value", Kind::Text),
    ("time_mod", Kind::Text),
    ("place", Kind::Text),
    ("sentence", Kind::Int32),
    ("published", Kind::Text),
    ("corpus_event", Kind::Int64),
];

const CORPUS_ENTITY_COLUMNS: &[(&str, Kind)] = &[
    ("corpus_entity", Kind::Int64),
    ("name", Kind::Text),
    ("type", Kind::Text),
    ("documents", Kind::Int64),
    ("events", Kind::Int64),
    ("quotes", Kind::Int64),
    ("codes", Kind::Text),
];

const CORPUS_EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("corpus_event", Kind::Int64),
    ("type", Kind::Text),
    ("mode", Kind::Text),
    ("status", Kind::Text),
    ("label", Kind::Text),
    ("time", Kind::Text),
    ("date_start", Kind::Text),
    ("date_end", Kind::Text),
    ("first_reported", Kind::Text),
    ("last_reported", Kind::Text),
    ("reports", Kind::Int64),
    ("documents", Kind::Int64),
    ("actors", Kind::Text),
    ("history", Kind::Text),
];

/// The per-article tables, written together in one pass over the stored documents.
struct ArticleTables {
    documents: TableWriter,
    entities: TableWriter,
    quotes: TableWriter,
    events: TableWriter,
}

impl ArticleTables {
    fn add(
        &mut self,
        json: String,
        entity_links: &BTreeMap<String, i64>,
        event_links: &BTreeMap<String, i64>,
    ) -> Result<()> {
        let doc: Document = serde_json::from_str(&json)?;
        let date = doc.published_date().map(str::to_string);
        let names: BTreeMap<&str, &str> = doc
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let name_of = |id: Option<&str>| id.and_then(|id| names.get(id)).map(|n| n.to_string());
        self.documents.push(vec![
            doc.id.as_str().into(),
            doc.source.url.as_deref().into(),
            doc.source.path.as_deref().into(),
            doc.source.format.as_str().into(),
            doc.title.as_deref().into(),
            doc.published.as_deref().into(),
            serde_json::to_value(doc.published_from)?
                .as_str()
                .map(str::to_string)
                .into(),
            date.clone().into(),
            int32(doc.entities.len()),
            int32(doc.quotes.len()),
            int32(doc.events.len()),
            json.as_str().into(),
        ])?;
        for e in &doc.entities {
            self.entities.push(vec![
                doc.id.as_str().into(),
                date.clone().into(),
                e.id.as_str().into(),
                e.name.as_str().into(),
                e.kind.as_str().into(),
                int32(e.mentions.len()),
                e.roles
                    .iter()
                    .map(|r| r.title.clone())
                    .collect::<Vec<_>>()
                    .into(),
                e.codes.get("iso3").map(String::as_str).into(),
                entity_links.get(&e.id).copied().into(),
            ])?;
        }
        for q in &doc.quotes {
            self.quotes.push(vec![
                doc.id.as_str().into(),
                date.clone().into(),
                q.id.as_str().into(),
                q.text.as_str().into(),
                serde_json::to_value(q.kind)?
                    .as_str()
                    .map(str::to_string)
                    .into(),
                q.speaker.as_deref().into(),
                name_of(q.speaker.as_deref()).into(),
                q.speaker_text.as_deref().into(),
                q.cue.as_deref().into(),
                int32(q.start),
                int32(q.end),
                q.speaker
                    .as_ref()
                    .and_then(|s| entity_links.get(s))
                    .copied()
                    .into(),
            ])?;
        }
        let times: BTreeMap<&str, _> = doc.times.iter().map(|t| (t.id.as_str(), t)).collect();
        for v in &doc.events {
            let time = v.time.as_deref().and_then(|t| times.get(t));
            self.events.push(vec![
                doc.id.as_str().into(),
                date.clone().into(),
                v.id.as_str().into(),
                v.kind.as_str().into(),
                v.mode.as_deref().into(),
                serde_json::to_value(v.status)?
                    .as_str()
                    .map(str::to_string)
                    .into(),
                v.trigger.text.as_str().into(),
                serde_json::to_string(&v.actors)?.into(),
                time.map(|t| t.value.to_string()).into(),
                time.and_then(|t| t.modifier.clone()).into(),
                name_of(v.place.as_deref()).into(),
                int32(v.sentence),
                doc.published.as_deref().into(),
                event_links.get(&v.id).copied().into(),
            ])?;
        }
        Ok(())
    }
}

impl Store {
    /// Writes the corpus into `dir` (created when missing) as Parquet files, one per table
    /// (see the [module documentation](self)). Existing files of the same names are replaced.
    pub fn export_parquet(&self, dir: impl AsRef<Path>) -> Result<ParquetCounts> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| parquet_error(dir, e))?;
        let mut tables = ArticleTables {
            documents: TableWriter::create(dir, "documents", DOCUMENT_COLUMNS)?,
            entities: TableWriter::create(dir, "entities", ENTITY_COLUMNS)?,
            quotes: TableWriter::create(dir, "quotes", QUOTE_COLUMNS)?,
            events: TableWriter::create(dir, "events", EVENT_COLUMNS)?,
        };
        // Publication order, as the Spark job's date partitions are: an import replays the
        // corpus in the order its events were first reported.
        let mut docs = self.conn.prepare(
            "SELECT id, json FROM documents ORDER BY published_date IS NULL, published_date, id",
        )?;
        let mut entity_links = self
            .conn
            .prepare("SELECT local_id, corpus_id FROM entities WHERE doc = ?1")?;
        let mut event_links = self
            .conn
            .prepare("SELECT local_id, corpus_event FROM events WHERE doc = ?1")?;
        let mut rows = docs.query([])?;
        while let Some(row) = rows.next()? {
            let (id, json): (i64, String) = (row.get(0)?, row.get(1)?);
            let links = |stmt: &mut rusqlite::Statement| -> Result<BTreeMap<String, i64>> {
                let pairs = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(pairs.collect::<rusqlite::Result<_>>()?)
            };
            let entities = links(&mut entity_links)?;
            let events = links(&mut event_links)?;
            tables.add(json, &entities, &events)?;
        }
        let mut counts = ParquetCounts {
            documents: tables.documents.finish()?,
            entities: tables.entities.finish()?,
            quotes: tables.quotes.finish()?,
            events: tables.events.finish()?,
            ..Default::default()
        };

        let mut corpus_entities =
            TableWriter::create(dir, "corpus_entities", CORPUS_ENTITY_COLUMNS)?;
        for e in self.entities(None, None, i64::MAX as usize, 0)? {
            corpus_entities.push(vec![
                Some(e.id).into(),
                e.name.into(),
                e.kind.into(),
                Some(e.document_count).into(),
                Some(e.event_count).into(),
                Some(e.quote_count).into(),
                serde_json::to_string(&e.codes)?.into(),
            ])?;
        }
        counts.corpus_entities = corpus_entities.finish()?;

        let mut corpus_events = TableWriter::create(dir, "corpus_events", CORPUS_EVENT_COLUMNS)?;
        for e in self.events(&EventFilter::default())? {
            corpus_events.push(vec![
                Some(e.id).into(),
                e.kind.into(),
                e.mode.into(),
                e.status.into(),
                e.label.into(),
                e.time.into(),
                e.date_start.into(),
                e.date_end.into(),
                e.first_reported.into(),
                e.last_reported.into(),
                Some(e.sources).into(),
                Some(e.documents).into(),
                serde_json::to_string(&e.actors)?.into(),
                serde_json::to_string(&e.history)?.into(),
            ])?;
        }
        counts.corpus_events = corpus_events.finish()?;
        Ok(counts)
    }
}

/// The Parquet files of the `documents` table under `path`:
/// - a file: that file;
/// - a folder holding `documents.parquet` (written by [`Store::export_parquet`]): that file;
/// - a folder holding `documents/` (the Spark job's output): every `*.parquet` file under it;
/// - otherwise every `*.parquet` file under the folder (it is the `documents` table itself).
///
/// Files come sorted by path, so the Spark job's `published_date=YYYY-MM-DD` partitions come
/// in publication order (undated ones last).
pub fn documents_table_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !path.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    let exported = path.join("documents.parquet");
    if exported.is_file() {
        return Ok(vec![exported]);
    }
    let spark = path.join("documents");
    let root = if spark.is_dir() {
        spark
    } else {
        path.to_path_buf()
    };
    let mut files = Vec::new();
    collect_parquet_files(&root, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no documents table: expected documents.parquet (from `dateline export --format parquet`) \
             or documents/ (from examples/spark/dateline_job.py)",
            path.display()
        )));
    }
    Ok(files)
}

fn collect_parquet_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| parquet_error(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| parquet_error(dir, e))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Hadoop's bookkeeping (`_SUCCESS`, `.part-….crc`, `_temporary/`) is not data.
        if name.starts_with(['.', '_']) {
            continue;
        }
        if path.is_dir() {
            collect_parquet_files(&path, files)?;
        } else if name.ends_with(".parquet") {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads every document of the `documents` table at `path` (see [`documents_table_files`]),
/// in order, and hands each to `f`: `Ok(document)`, or `Err(message)` for a row whose
/// `document` cell is missing or not a `dateline.document/1` JSON (the caller decides whether
/// to skip it). An unreadable file or an error returned by `f` stops the reading. Returns the
/// number of rows read.
pub fn for_each_parquet_document(
    path: impl AsRef<Path>,
    mut f: impl FnMut(std::result::Result<Document, String>) -> Result<()>,
) -> Result<usize> {
    let mut rows = 0;
    for file in documents_table_files(path.as_ref())? {
        let err = |e: parquet::errors::ParquetError| parquet_error(&file, e);
        let handle = File::open(&file).map_err(|e| parquet_error(&file, e))?;
        let reader = SerializedFileReader::new(handle).map_err(err)?;
        let schema = reader.metadata().file_metadata().schema();
        let Some(field) = schema
            .get_fields()
            .iter()
            .find(|t| t.name() == "document")
            .cloned()
        else {
            return Err(Error::Invalid(format!(
                "{}: no `document` column (the whole document JSON): not a dateline documents table",
                file.display()
            )));
        };
        if !field.is_primitive() {
            return Err(Error::Invalid(format!(
                "{}: the `document` column is not a string column",
                file.display()
            )));
        }
        let projection = Type::group_type_builder(schema.name())
            .with_fields(vec![field])
            .build()
            .map_err(err)?;
        for (i, row) in reader
            .get_row_iter(Some(projection))
            .map_err(err)?
            .enumerate()
        {
            let row = row.map_err(err)?;
            rows += 1;
            let at = || format!("{} row {}", file.display(), i + 1);
            let document = match row.get_string(0) {
                Ok(json) => serde_json::from_str::<Document>(json)
                    .map_err(|e| format!("{}: not a dateline document: {e}", at())),
                Err(_) => Err(format!("{}: no document JSON", at())),
            };
            f(document)?;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{
        ActorRole, Entity, EntityType, Event, EventActor, EventStatus, Mention, MentionKind,
        PloverType, Quote, QuoteKind, Role, Source, TimeExpr, TimeType, Trigger,
    };

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "dateline-parquet-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A small article with every layer filled in by hand.
    fn article(id: &str, published: &str, text: &str) -> Document {
        let mut doc = Document::new(id, Source::text(format!("{id}.txt")), text.to_string());
        doc.published = Some(published.into());
        let span = |word: &str| {
            let start = text.find(word).unwrap();
            (start, start + word.len())
        };
        let (s, e) = span("Keir Starmer");
        let (us, ue) = span("Donald Trump");
        doc.entities = vec![
            Entity {
                id: "E1".into(),
                name: "Keir Starmer".into(),
                kind: EntityType::Person,
                roles: vec![Role {
                    title: "Prime Minister".into(),
                    of: None,
                    start: 0,
                    end: 14,
                }],
                mentions: vec![Mention {
                    start: s,
                    end: e,
                    text: "Keir Starmer".into(),
                    kind: MentionKind::Name,
                }],
                codes: Default::default(),
            },
            Entity {
                id: "E2".into(),
                name: "Donald Trump".into(),
                kind: EntityType::Person,
                roles: vec![],
                mentions: vec![Mention {
                    start: us,
                    end: ue,
                    text: "Donald Trump".into(),
                    kind: MentionKind::Name,
                }],
                codes: Default::default(),
            },
        ];
        let (ts, te) = span("Thursday");
        doc.times = vec![TimeExpr {
            id: "T1".into(),
            text: "Thursday".into(),
            start: ts,
            end: te,
            kind: TimeType::Date,
            value: "2025-02-27".into(),
            modifier: None,
            anchor: "published".into(),
        }];
        let (qs, qe) = span("\"We will talk.\"");
        doc.quotes = vec![Quote {
            id: "Q1".into(),
            text: "\"We will talk.\"".into(),
            start: qs,
            end: qe,
            kind: QuoteKind::Direct,
            speaker: Some("E1".into()),
            speaker_text: Some("Keir Starmer".into()),
            cue: Some("said".into()),
        }];
        let (vs, ve) = span("meet");
        doc.events = vec![Event {
            id: "V1".into(),
            kind: PloverType::Consult,
            mode: Some("meet".into()),
            status: EventStatus::Planned,
            trigger: Trigger {
                text: "meet".into(),
                start: vs,
                end: ve,
            },
            other_triggers: vec![],
            confidence: None,
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
            sentence: 0,
            quotes: vec!["Q1".into()],
        }];
        doc.sentences = vec![dateline_core::Sentence {
            start: 0,
            end: text.chars().count(),
        }];
        doc.check_spans().unwrap();
        doc
    }

    fn corpus() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let a = article(
            "a",
            "2025-02-20",
            "Keir Starmer will meet Donald Trump on Thursday. \"We will talk.\"",
        );
        let b = article(
            "b",
            "2025-02-24",
            "Sir Keir Starmer is to meet Donald Trump on Thursday. \"We will talk.\" Ünïcödé ✓",
        );
        store.ingest(&a, None).unwrap();
        store.ingest(&b, None).unwrap();
        store
    }

    #[test]
    fn export_then_import_gives_the_same_corpus() {
        let store = corpus();
        let dir = temp_dir("roundtrip");
        let counts = store.export_parquet(&dir).unwrap();
        let stats = store.stats().unwrap();
        assert_eq!(counts.documents as i64, stats.documents);
        assert_eq!(counts.entities as i64, stats.entities);
        assert_eq!(counts.quotes as i64, stats.quotes);
        assert_eq!(counts.events as i64, stats.events);
        assert_eq!(counts.corpus_entities as i64, stats.corpus_entities);
        assert_eq!(counts.corpus_events as i64, stats.corpus_events);

        let mut copy = Store::open_in_memory().unwrap();
        let read = for_each_parquet_document(&dir, |doc| {
            copy.ingest(&doc.unwrap(), None)?;
            Ok(())
        })
        .unwrap();
        assert_eq!(read, 2);
        assert_eq!(copy.stats().unwrap(), stats);
        let original = store.document("b").unwrap().unwrap().document;
        assert_eq!(copy.document("b").unwrap().unwrap().document, original);

        // A second import changes nothing: it goes through the idempotent write path.
        for_each_parquet_document(&dir, |doc| {
            assert_eq!(
                copy.ingest(&doc.unwrap(), None)?,
                crate::Ingested::Unchanged
            );
            Ok(())
        })
        .unwrap();
        assert_eq!(copy.stats().unwrap(), stats);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Reads a column of a written file back through the record API, as any reader would.
    fn column(path: &Path, name: &str) -> Vec<parquet::record::Field> {
        let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
        let index = reader
            .metadata()
            .file_metadata()
            .schema()
            .get_fields()
            .iter()
            .position(|f| f.name() == name)
            .unwrap();
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| row.unwrap().get_column_iter().nth(index).unwrap().1.clone())
            .collect()
    }

    #[test]
    fn layer_tables_carry_values_lists_nulls_and_corpus_links() {
        use parquet::record::Field;
        let store = corpus();
        let dir = temp_dir("layers");
        store.export_parquet(&dir).unwrap();
        let roles = column(&dir.join("entities.parquet"), "roles");
        let rendered: Vec<String> = roles.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            rendered,
            ["[\"Prime Minister\"]", "[]", "[\"Prime Minister\"]", "[]"]
        );
        let links = column(&dir.join("entities.parquet"), "corpus_entity");
        // Starmer in both articles is one corpus entity, Trump another.
        assert_eq!(links[0], links[2]);
        assert_eq!(links[1], links[3]);
        assert_ne!(links[0], links[1]);
        assert_eq!(
            column(&dir.join("events.parquet"), "time_value"),
            [
                Field::Str("2025-02-27".into()),
                Field::Str("2025-02-27".into())
            ]
        );
        assert_eq!(
            column(&dir.join("events.parquet"), "place"),
            [Field::Null, Field::Null]
        );
        let corpus_events = column(&dir.join("corpus_events.parquet"), "reports");
        let reports: i64 = corpus_events
            .iter()
            .map(|f| match f {
                Field::Long(n) => *n,
                other => panic!("reports is {other:?}"),
            })
            .sum();
        assert_eq!(reports, 2);
        assert_eq!(
            column(&dir.join("quotes.parquet"), "speaker"),
            [
                Field::Str("Keir Starmer".into()),
                Field::Str("Keir Starmer".into())
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_a_spark_style_partitioned_documents_folder_in_date_order() {
        let store = corpus();
        let export = temp_dir("spark-src");
        store.export_parquet(&export).unwrap();
        let out = temp_dir("spark");
        let table = out.join("documents");
        for (date, name) in [("2025-02-24", "part-00000"), ("2025-02-20", "part-00001")] {
            let part = table.join(format!("published_date={date}"));
            std::fs::create_dir_all(&part).unwrap();
            std::fs::copy(
                export.join("documents.parquet"),
                part.join(format!("{name}.snappy.parquet")),
            )
            .unwrap();
            std::fs::write(part.join(format!(".{name}.snappy.parquet.crc")), b"crc").unwrap();
        }
        std::fs::write(table.join("_SUCCESS"), b"").unwrap();
        let files = documents_table_files(&out).unwrap();
        assert_eq!(files.len(), 2);
        assert!(files[0].to_string_lossy().contains("2025-02-20"));
        let mut ids = Vec::new();
        for_each_parquet_document(&out, |doc| {
            ids.push(doc.unwrap().id);
            Ok(())
        })
        .unwrap();
        assert_eq!(ids, ["a", "b", "a", "b"]);
        std::fs::remove_dir_all(&export).unwrap();
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let dir = temp_dir("bad");
        let missing = for_each_parquet_document(dir.join("nothing"), |_| Ok(())).unwrap_err();
        assert!(missing.to_string().contains("no such file"), "{missing}");
        let empty = for_each_parquet_document(&dir, |_| Ok(())).unwrap_err();
        assert!(empty.to_string().contains("no documents table"), "{empty}");
        std::fs::write(dir.join("documents.parquet"), b"PAR1 not really\xff\x00").unwrap();
        assert!(for_each_parquet_document(&dir, |_| Ok(())).is_err());

        // A table without the document JSON column, and one whose JSON is not a document.
        std::fs::remove_file(dir.join("documents.parquet")).unwrap();
        let mut w = TableWriter::create(&dir, "other", &[("doc_id", Kind::Text)]).unwrap();
        w.push(vec!["x".into()]).unwrap();
        w.finish().unwrap();
        let e = for_each_parquet_document(dir.join("other.parquet"), |_| Ok(())).unwrap_err();
        assert!(e.to_string().contains("no `document` column"), "{e}");
        let mut w = TableWriter::create(&dir, "documents", DOCUMENT_COLUMNS).unwrap();
        let mut row: Vec<Cell> = DOCUMENT_COLUMNS.iter().map(|_| Cell::Text(None)).collect();
        for (cell, (_, kind)) in row.iter_mut().zip(DOCUMENT_COLUMNS) {
            if *kind == Kind::Int32 {
                *cell = Cell::Int32(None);
            }
        }
        *row.last_mut().unwrap() = "{\"not\": \"a document\"}".into();
        w.push(row).unwrap();
        assert!(w.push(vec!["too short".into()]).is_err());
        w.finish().unwrap();
        let mut errors = Vec::new();
        let rows = for_each_parquet_document(&dir, |doc| {
            errors.push(doc.unwrap_err());
            Ok(())
        })
        .unwrap();
        assert_eq!(rows, 1);
        assert!(
            errors[0].contains("row 1: not a dateline document"),
            "{errors:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_empty_store_exports_empty_tables() {
        let store = Store::open_in_memory().unwrap();
        let dir = temp_dir("empty");
        assert_eq!(
            store.export_parquet(&dir).unwrap(),
            ParquetCounts::default()
        );
        assert_eq!(for_each_parquet_document(&dir, |_| Ok(())).unwrap(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

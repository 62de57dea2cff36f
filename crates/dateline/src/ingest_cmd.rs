//! `dateline ingest`: articles in, corpus store out.

use clap::Args;
use dateline_core::{Article, Document};
use dateline_ingest::batch;
use dateline_nlp::{Options, Pipeline};
use dateline_store::{Ingested, Store};
use std::io::BufRead;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Analyse articles and store them in a corpus store (created when missing).
///
/// Inputs are read as by `dateline extract`: files of any kind it reads, directories,
/// quoted globs and `-`; articles not in English and duplicates are skipped the same way,
/// and README, LICENSE and COPYING files inside directories are left out. Re-ingesting an article
/// changes nothing and skips its analysis; a newer version of an article (same URL) replaces
/// the older. Each article is stored in its own transaction: interrupting an ingest leaves
/// every article fully stored or absent, and running the same command again completes it.
///
/// Examples:
///   dateline ingest tests/fixtures/seed-article.txt --db corpus.db --published 2025-02-15
///   dateline ingest feeds/*.jsonl --db corpus.db --threads 2
///   dateline ingest articles/ --db corpus.db
///   dateline extract a.txt --format jsonl > docs.jsonl && dateline ingest docs.jsonl --documents --db corpus.db
///   dateline ingest --parquet spark-out/ --db corpus.db    # the Spark job's tables, or `export --format parquet`'s
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct IngestArgs {
    /// Input files, directories or globs (`-` for stdin).
    #[arg(required_unless_present = "parquet", value_name = "INPUT")]
    inputs: Vec<String>,

    /// Import the documents table of a Parquet folder instead of analysing articles: the
    /// output of examples/spark/dateline_job.py (DIR/documents/…) or of `dateline export
    /// --format parquet` (DIR/documents.parquet). Documents are stored as they are, as with
    /// `--documents`. Needs a binary built with `--features parquet`.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["inputs", "documents", "force"])]
    parquet: Option<std::path::PathBuf>,

    /// The store file.
    #[arg(long, value_name = "PATH")]
    db: String,

    /// Publication date (YYYY-MM-DD or RFC 3339) for articles that give none.
    #[arg(long, value_name = "DATE", value_parser = dateline_core::parse_published)]
    published: Option<String>,

    /// Worker threads for the analysis (default: all cores; at most 4 per core and 256,
    /// more is capped with a warning).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    #[command(flatten)]
    limits: crate::extract::LimitArgs,

    /// Tagger and parser: `neural` (the default) or `perceptron` (about 15% faster, less
    /// accurate). The environment variable DATELINE_PARSER sets the same.
    #[arg(long, value_name = "KIND", value_parser = crate::extract::parse_parser)]
    parser: Option<dateline_nlp::ParserKind>,

    /// The inputs are dateline documents (JSON or JSONL from `dateline extract`), stored as
    /// they are without running the pipeline.
    #[arg(long)]
    documents: bool,

    /// Analyse and store every article even when the same input is already stored.
    #[arg(long)]
    force: bool,

    /// No progress lines, only the summary.
    #[arg(long, short)]
    quiet: bool,
}

/// Articles analysed together: enough to keep every core busy, few enough to bound memory.
const BATCH: usize = 64;

/// Counts for the summary line: what reading did (as `dateline extract` counts it), then
/// what storing did.
#[derive(Default)]
struct Tally {
    read: batch::Tally,
    new: usize,
    unchanged: usize,
    replaced: usize,
    older: usize,
    /// Documents that could not be stored (bad documents), not counting reading failures.
    failed: usize,
}

impl Tally {
    /// Articles stored or found stored already.
    fn done(&self) -> usize {
        self.new + self.unchanged + self.replaced + self.older + self.read.passed_over
    }
    /// Reading and storing failures.
    fn failed(&self) -> usize {
        self.failed + self.read.failed
    }
    fn count(&mut self, outcome: Ingested) {
        match outcome {
            Ingested::New => self.new += 1,
            Ingested::Unchanged => self.unchanged += 1,
            Ingested::Replaced => self.replaced += 1,
            Ingested::Older => self.older += 1,
        }
    }
}

/// The hash that identifies an input article: body, title, URL and effective publication date.
fn input_hash(article: &Article, published: Option<&str>) -> String {
    let url = article
        .source
        .as_ref()
        .and_then(|s| s.url.as_deref())
        .unwrap_or("");
    let published = published.or(article.published.as_deref()).unwrap_or("");
    dateline_store::content_hash(&[
        article.body.as_bytes(),
        article.title.as_deref().unwrap_or("").as_bytes(),
        url.as_bytes(),
        published.as_bytes(),
        article.id.as_deref().unwrap_or("").as_bytes(),
    ])
}

pub fn run(args: IngestArgs) -> ExitCode {
    if let Err(code) = crate::extract::start_threads(args.threads) {
        return code;
    }
    if args.parquet.is_some() && !cfg!(feature = "parquet") {
        eprintln!("dateline: {}", crate::query_cmd::NO_PARQUET_SUPPORT);
        return ExitCode::from(2);
    }
    // A store this run creates is removed again when the run stores nothing.
    let created = !std::path::Path::new(&args.db).exists();
    let mut store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dateline: cannot open the store: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let mut tally = Tally::default();
    let outcome = if let Some(dir) = &args.parquet {
        ingest_parquet(dir, &args, &mut store, &mut tally, started)
    } else if args.documents {
        ingest_documents(&args, &mut store, &mut tally, started)
    } else {
        ingest_articles(&args, &mut store, &mut tally, started)
    };
    if let Err(message) = outcome {
        eprintln!("dateline: {message}");
        if created {
            remove_if_empty(store, &args.db);
        }
        return ExitCode::FAILURE;
    }
    let _ = store.checkpoint();
    let store = if created {
        match remove_if_empty(store, &args.db) {
            Some(store) => store,
            None => {
                eprintln!(
                    "dateline: nothing was stored, so {} was not created",
                    args.db
                );
                return if tally.failed() > 0 {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                };
            }
        }
    } else {
        store
    };
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let size = std::fs::metadata(&args.db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "dateline: {} article(s) in {secs:.1} s ({:.1}/s): {} new, {} replaced, {} unchanged, {} already stored (skipped), {} older than stored, {} failed, {} skipped as not English, {} duplicate(s){}",
        tally.done(),
        tally.done() as f64 / secs,
        tally.new,
        tally.replaced,
        tally.unchanged,
        tally.read.passed_over,
        tally.older,
        tally.failed(),
        tally.read.not_english,
        tally.read.duplicates,
        crate::extract::skipped_files_note(&tally.read),
    );
    match store.stats() {
        Ok(s) => eprintln!(
            "dateline: store {} ({:.1} MB): {} documents, {} entities ({} across documents), {} quotes, {} events reported as {} corpus events ({} merged from several reports)",
            args.db,
            size as f64 / 1e6,
            s.documents,
            s.entities,
            s.corpus_entities,
            s.quotes,
            s.events,
            s.corpus_events,
            s.merged_events
        ),
        Err(e) => eprintln!("dateline: {e}"),
    }
    if tally.failed() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Removes a store that holds no document (with its write-ahead log files); gives the store
/// back when it holds some.
fn remove_if_empty(store: Store, db: &str) -> Option<Store> {
    if store.stats().map_or(true, |s| s.documents > 0) {
        return Some(store);
    }
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    None
}

struct Progress {
    last: Instant,
    quiet: bool,
}

impl Progress {
    fn tick(&mut self, tally: &Tally, started: Instant) {
        if self.quiet || self.last.elapsed() < Duration::from_secs(2) {
            return;
        }
        self.last = Instant::now();
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "dateline: {} article(s) stored or skipped, {} failed, {:.1}/s",
            tally.done(),
            tally.failed(),
            tally.done() as f64 / secs
        );
    }
}

fn store_one(
    store: &mut Store,
    doc: &Document,
    hash: Option<&str>,
    tally: &mut Tally,
) -> Result<(), String> {
    match store.ingest(doc, hash) {
        Ok(outcome) => {
            tally.count(outcome);
            Ok(())
        }
        Err(e @ dateline_store::Error::Sql(_)) => Err(format!("cannot store {}: {e}", doc.id)),
        Err(e) => {
            tally.failed += 1;
            eprintln!("dateline: {}: {e}", doc.id);
            Ok(())
        }
    }
}

fn ingest_articles(
    args: &IngestArgs,
    store: &mut Store,
    tally: &mut Tally,
    started: Instant,
) -> Result<(), String> {
    let parser = crate::extract::chosen_parser(args.parser)?;
    let pipeline = Pipeline::with_parser(parser)
        .map_err(|e| format!("could not load the pipeline's models: {e}"))?;
    let options = Options {
        published: args.published.clone(),
        with_tokens: false,
    };
    let mut progress = Progress {
        last: Instant::now(),
        quiet: args.quiet,
    };
    let published = args.published.as_deref();
    let mut driver = batch::Driver::new(&args.inputs, |r| match r {
        batch::Report::Failed(e) => eprintln!("dateline: {e}"),
        batch::Report::Warning { input, message } => {
            eprintln!("dateline: warning: {input}: {message}")
        }
        batch::Report::Reading(_) => {}
    })
    .chunk_size(BATCH)
    .limits(args.limits.limits());
    loop {
        // Already stored (same input hash): passed over unless --force.
        let already_stored = |article: &Article| -> Result<bool, String> {
            if args.force {
                return Ok(true);
            }
            let stored = store
                .has_input(&input_hash(article, published))
                .map_err(|e| e.to_string())?;
            Ok(!stored)
        };
        let chunk = driver.next_chunk(already_stored, |article| {
            let hash = input_hash(&article, published);
            (pipeline.process(article, &options), hash)
        });
        let Some(docs) = chunk? else { break };
        tally.read = driver.tally().clone();
        for (doc, hash) in &docs {
            store_one(store, doc, Some(hash), tally)?;
            progress.tick(tally, started);
        }
    }
    tally.read = driver.tally().clone();
    Ok(())
}

fn ingest_documents(
    args: &IngestArgs,
    store: &mut Store,
    tally: &mut Tally,
    started: Instant,
) -> Result<(), String> {
    let mut progress = Progress {
        last: Instant::now(),
        quiet: args.quiet,
    };
    for path in &args.inputs {
        let reader: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(std::io::BufReader::new(f)),
                Err(e) => {
                    tally.failed += 1;
                    eprintln!("dateline: {path}: {e}");
                    continue;
                }
            }
        };
        let mut content = String::new();
        let mut reader = reader;
        if let Err(e) = std::io::Read::read_to_string(&mut reader, &mut content) {
            tally.failed += 1;
            eprintln!("dateline: {path}: {e}");
            continue;
        }
        // One pretty document, an array of them, or one per line.
        let docs: Vec<Result<Document, String>> =
            match serde_json::from_str::<serde_json::Value>(&content) {
                Ok(serde_json::Value::Array(items)) => items
                    .into_iter()
                    .map(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
                    .collect(),
                Ok(v) => vec![serde_json::from_value(v).map_err(|e| e.to_string())],
                Err(_) => content
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(n, l)| {
                        serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1))
                    })
                    .collect(),
            };
        for doc in docs {
            match doc {
                Ok(mut doc) => {
                    if doc.published.is_none() {
                        doc.published = args.published.clone();
                    }
                    store_one(store, &doc, None, tally)?;
                }
                Err(e) => {
                    tally.failed += 1;
                    eprintln!("dateline: {path}: not a dateline document: {e}");
                }
            }
            progress.tick(tally, started);
        }
    }
    Ok(())
}

#[cfg(feature = "parquet")]
fn ingest_parquet(
    dir: &std::path::Path,
    args: &IngestArgs,
    store: &mut Store,
    tally: &mut Tally,
    started: Instant,
) -> Result<(), String> {
    let mut progress = Progress {
        last: Instant::now(),
        quiet: args.quiet,
    };
    dateline_store::parquet::for_each_parquet_document(dir, |doc| {
        match doc {
            Ok(mut doc) => {
                if doc.published.is_none() {
                    doc.published = args.published.clone();
                }
                store_one(store, &doc, None, tally).map_err(dateline_store::Error::Invalid)?;
            }
            Err(e) => {
                tally.failed += 1;
                eprintln!("dateline: {e}");
            }
        }
        progress.tick(tally, started);
        Ok(())
    })
    .map(|_| ())
    .map_err(|e| format!("cannot import the Parquet tables: {e}"))
}

#[cfg(not(feature = "parquet"))]
fn ingest_parquet(
    _: &std::path::Path,
    _: &IngestArgs,
    _: &mut Store,
    _: &mut Tally,
    _: Instant,
) -> Result<(), String> {
    Err(crate::query_cmd::NO_PARQUET_SUPPORT.into())
}

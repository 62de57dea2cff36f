//! `dateline export`: the whole corpus to files (CSV, JSONL or Parquet).

use super::open;
use super::output::{csv_line, event_csv, quote_csv, EVENT_CSV_HEADER, QUOTE_CSV_HEADER};
use clap::{Args, ValueEnum};
use dateline_store::{EventFilter, QuoteFilter, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    /// Needs a binary built with `--features parquet`.
    Parquet,
}

/// What a binary built without the `parquet` feature says when asked for Parquet.
pub const NO_PARQUET_SUPPORT: &str = "this dateline was built without Parquet support: \
    rebuild it with `cargo build --release -p dateline --features parquet`";

/// Write the whole corpus to files: events, entities, quotes and documents.
///
/// Writes events.EXT, entities.EXT, quotes.EXT and documents.EXT into DIR (documents.jsonl
/// holds every document whole; documents.csv a summary).
///
/// `--format parquet` writes documents.parquet (every document whole, in the `document`
/// column), entities, quotes and events (one row per article's entity, quote, event report,
/// each linked to its corpus entity or event), corpus_entities and corpus_events: the same
/// per-article columns as the Spark job (examples/spark). `dateline ingest --parquet DIR`
/// reads them back. Needs a binary built with `--features parquet`.
///
/// Examples:
///   dateline export --db corpus.db --format csv --out export/
///   dateline export --db corpus.db --format parquet --out export/
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    #[arg(long, value_name = "PATH")]
    db: String,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    out: PathBuf,
}

pub fn run_export(args: ExportArgs) -> ExitCode {
    let store = match open(&args.db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.format == ExportFormat::Parquet {
        return export_parquet(&store, &args);
    }
    match export(&store, &args) {
        Ok(counts) => {
            eprintln!(
                "dateline: wrote {} events, {} entities, {} quotes, {} documents to {}",
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline: export failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export(store: &Store, args: &ExportArgs) -> anyhow::Result<[usize; 4]> {
    std::fs::create_dir_all(&args.out)?;
    let ext = match args.format {
        ExportFormat::Csv => "csv",
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Parquet => {
            return Err(anyhow::anyhow!("Parquet is written by export_parquet"))
        }
    };
    let create = |name: &str| -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
        let path = args.out.join(format!("{name}.{ext}"));
        Ok(std::io::BufWriter::new(
            std::fs::File::create(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        ))
    };
    let csv = args.format == ExportFormat::Csv;
    let header = |w: &mut std::io::BufWriter<std::fs::File>, h: &[&str]| -> std::io::Result<()> {
        if csv {
            w.write_all(csv_line(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>()).as_bytes())?;
        }
        Ok(())
    };

    let events = store.events(&EventFilter::default())?;
    let mut w = create("events")?;
    header(&mut w, EVENT_CSV_HEADER)?;
    for e in &events {
        if csv {
            w.write_all(csv_line(&event_csv(e)).as_bytes())?;
        } else if let Some(detail) = store.event(e.id)? {
            serde_json::to_writer(&mut w, &detail)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;

    let entities = store.entities(None, None, usize::MAX >> 1, 0)?;
    let mut w = create("entities")?;
    header(
        &mut w,
        &[
            "id",
            "name",
            "type",
            "documents",
            "events",
            "quotes",
            "codes",
        ],
    )?;
    for e in &entities {
        if csv {
            let codes = e
                .codes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            let row = [
                e.id.to_string(),
                e.name.clone(),
                e.kind.clone(),
                e.document_count.to_string(),
                e.event_count.to_string(),
                e.quote_count.to_string(),
                codes,
            ];
            w.write_all(csv_line(&row).as_bytes())?;
        } else if let Some(detail) = store.entity(e.id)? {
            // Events and quotes have their own files; keep names, roles and links here.
            let mut v = serde_json::to_value(&detail)?;
            if let Some(o) = v.as_object_mut() {
                o.remove("events");
                o.remove("quotes");
            }
            serde_json::to_writer(&mut w, &v)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;

    let quotes = store.quotes(&QuoteFilter::default())?;
    let mut w = create("quotes")?;
    header(&mut w, QUOTE_CSV_HEADER)?;
    for q in &quotes {
        if csv {
            w.write_all(csv_line(&quote_csv(q)).as_bytes())?;
        } else {
            serde_json::to_writer(&mut w, q)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;

    let mut w = create("documents")?;
    let mut documents = 0usize;
    if csv {
        header(
            &mut w,
            &[
                "id",
                "title",
                "published",
                "url",
                "path",
                "entities",
                "events",
                "quotes",
            ],
        )?;
        let mut offset = 0;
        loop {
            let page = store.documents(1000, offset)?;
            if page.is_empty() {
                break;
            }
            offset += page.len();
            for d in &page {
                let o = |s: &Option<String>| s.clone().unwrap_or_default();
                let row = [
                    d.id.clone(),
                    o(&d.title),
                    o(&d.published),
                    o(&d.url),
                    o(&d.path),
                    d.entities.to_string(),
                    d.events.to_string(),
                    d.quotes.to_string(),
                ];
                w.write_all(csv_line(&row).as_bytes())?;
                documents += 1;
            }
        }
    } else {
        store.for_each_document(|json| {
            documents += 1;
            w.write_all(json.as_bytes())
                .and_then(|_| w.write_all(b"\n"))
                .map_err(|e| dateline_store::Error::Invalid(e.to_string()))
        })?;
    }
    w.flush()?;
    Ok([events.len(), entities.len(), quotes.len(), documents])
}

#[cfg(feature = "parquet")]
fn export_parquet(store: &Store, args: &ExportArgs) -> ExitCode {
    match store.export_parquet(&args.out) {
        Ok(c) => {
            eprintln!(
                "dateline: wrote {} documents, {} entities, {} quotes, {} events, {} corpus entities, {} corpus events to {}/*.parquet",
                c.documents,
                c.entities,
                c.quotes,
                c.events,
                c.corpus_entities,
                c.corpus_events,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline: export failed: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(_: &Store, _: &ExportArgs) -> ExitCode {
    eprintln!("dateline: {NO_PARQUET_SUPPORT}");
    ExitCode::from(2)
}

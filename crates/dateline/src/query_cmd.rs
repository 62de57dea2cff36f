//! `dateline query`, `timeline`, `quotes` and `export`: read a corpus store.

use clap::{Args, ValueEnum};
use dateline_core::PloverType;
use dateline_store::{CorpusEvent, EventFilter, QuoteFilter, QuoteRow, Store};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Accepts `YYYY-MM-DD` only.
fn parse_day(s: &str) -> Result<String, String> {
    if s.len() == 10 && dateline_store::merge::parse_date(s).is_some() {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a date: use YYYY-MM-DD (e.g. 2025-02-15)"
        ))
    }
}

fn parse_status(s: &str) -> Result<String, String> {
    let s = s.to_ascii_lowercase();
    match s.as_str() {
        "occurred" | "planned" | "expected" | "hypothetical" | "denied" => Ok(s),
        _ => Err(format!(
            "`{s}` is not a status: use occurred, planned, expected, hypothetical or denied"
        )),
    }
}

fn parse_type(s: &str) -> Result<String, String> {
    match s.parse::<PloverType>() {
        Ok(kind) => Ok(kind.to_string()),
        Err(_) => Err(format!(
            "`{s}` is not a PLOVER type: use one of {}",
            PloverType::ALL.map(PloverType::as_str).join(", ")
        )),
    }
}

/// Output formats; the default is a table on a terminal and JSONL otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    /// One pretty JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    Csv,
}

fn pick_format(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    })
}

fn open(db: &str) -> Result<Store, ExitCode> {
    Store::open_existing(db).map_err(|e| {
        eprintln!("dateline: {e}");
        ExitCode::FAILURE
    })
}

/// List corpus events: one real-world event per row, merged over every article reporting it.
///
/// With no filter, every event. Filters combine (AND).
///
/// Examples:
///   dateline query --db corpus.db --actor Starmer --type CONSULT
///   dateline query --db corpus.db --actor GBR --from 2025-02-01 --to 2025-02-28 --format csv
///   dateline query --db corpus.db --status planned --text "White House"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct QueryArgs {
    /// The store file.
    #[arg(long, value_name = "PATH")]
    db: String,
    /// An actor's name ("Keir Starmer", "Starmer"), code (GBR) or #id.
    #[arg(long, value_name = "NAME|CODE")]
    actor: Option<String>,
    /// PLOVER event type (CONSULT, ACCUSE, SANCTION, …).
    #[arg(long = "type", value_name = "T", value_parser = parse_type)]
    kind: Option<String>,
    /// Events whose time ends on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    from: Option<String>,
    /// Events whose time starts on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    to: Option<String>,
    /// occurred, planned, expected, hypothetical or denied.
    #[arg(long, value_name = "S", value_parser = parse_status)]
    status: Option<String>,
    /// Words that must appear in a sentence reporting the event.
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    /// At most this many events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format (default: table on a terminal, JSONL otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// The events an actor took part in, in time order.
///
/// Example:
///   dateline timeline "Keir Starmer" --db corpus.db
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct TimelineArgs {
    /// The actor: a name, a code (GBR) or #id.
    #[arg(value_name = "ACTOR")]
    actor: String,
    #[arg(long, value_name = "PATH")]
    db: String,
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    from: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    to: Option<String>,
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Quotes by a speaker, optionally about a topic.
///
/// Example:
///   dateline quotes --db corpus.db --speaker Kellogg --about territory
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct QuotesArgs {
    #[arg(long, value_name = "PATH")]
    db: String,
    /// The speaker: a name, a code or #id.
    #[arg(long, value_name = "NAME")]
    speaker: String,
    /// Words the quote must contain.
    #[arg(long, value_name = "TEXT")]
    about: Option<String>,
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    #[arg(long, value_enum)]
    format: Option<Format>,
}

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

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

const EVENT_CSV_HEADER: &[&str] = &[
    "id",
    "type",
    "mode",
    "status",
    "label",
    "time",
    "date_start",
    "date_end",
    "first_reported",
    "last_reported",
    "sources",
    "documents",
    "actors",
    "history",
];

fn event_csv(e: &CorpusEvent) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        e.kind.clone(),
        o(&e.mode),
        e.status.clone(),
        e.label.clone(),
        o(&e.time),
        o(&e.date_start),
        o(&e.date_end),
        o(&e.first_reported),
        o(&e.last_reported),
        e.sources.to_string(),
        e.documents.to_string(),
        e.actors
            .iter()
            .map(|a| format!("{} ({}, #{})", a.name, a.role, a.id))
            .collect::<Vec<_>>()
            .join("; "),
        e.history
            .iter()
            .map(|h| format!("{} since {}", h.status, h.since.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

const QUOTE_CSV_HEADER: &[&str] = &[
    "id",
    "document",
    "published",
    "speaker",
    "speaker_id",
    "speaker_text",
    "kind",
    "cue",
    "text",
];

fn quote_csv(q: &QuoteRow) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        q.id.to_string(),
        q.document.clone(),
        o(&q.published),
        q.speaker
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        q.speaker
            .as_ref()
            .map(|s| s.id.to_string())
            .unwrap_or_default(),
        o(&q.speaker_text),
        q.kind.clone(),
        o(&q.cue),
        q.text.clone(),
    ]
}

/// Cuts `s` to `width` chars, with an ellipsis when cut.
fn fit(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= width {
        s
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn table(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
    max: &[usize],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().zip(max).map(|(c, m)| fit(c, *m)).collect())
        .collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| -> String {
        let mut s = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ");
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    out.write_all(line(header.iter().map(|h| h.to_string()).collect()).as_bytes())?;
    for r in rows {
        out.write_all(line(r).as_bytes())?;
    }
    Ok(())
}

fn write_json<T: Serialize>(
    out: &mut impl Write,
    format: Format,
    items: &[T],
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, items)?;
            out.write_all(b"\n")
        }
        _ => {
            for item in items {
                serde_json::to_writer(&mut *out, item)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn when(e: &CorpusEvent) -> String {
    match (&e.date_start, &e.date_end) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a}..{}", &b[5..]),
        _ => e
            .first_reported
            .as_ref()
            .map(|d| format!("({d})"))
            .unwrap_or_else(|| "?".into()),
    }
}

fn print_events(events: &[CorpusEvent], format: Format) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        when(e),
                        e.kind.clone(),
                        e.status.clone(),
                        e.label.clone(),
                        e.sources.to_string(),
                        e.first_reported.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            table(
                &mut out,
                &[
                    "ID",
                    "WHEN",
                    "TYPE",
                    "STATUS",
                    "EVENT",
                    "REPORTS",
                    "FIRST REPORTED",
                ],
                &rows,
                &[8, 24, 10, 12, 70, 7, 14],
            )?;
            if events.is_empty() {
                writeln!(out, "(no events)")?;
            }
        }
        Format::Csv => {
            out.write_all(
                csv_line(
                    &EVENT_CSV_HEADER
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                )
                .as_bytes(),
            )?;
            for e in events {
                out.write_all(csv_line(&event_csv(e)).as_bytes())?;
            }
        }
        Format::Json | Format::Jsonl => write_json(&mut out, format, events)?,
    }
    out.flush()
}

pub fn run_query(args: QueryArgs) -> ExitCode {
    let store = match open(&args.db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let filter = EventFilter {
        actor: args.actor,
        kind: args.kind,
        from: args.from,
        to: args.to,
        status: args.status,
        text: args.text,
        limit: args.limit,
        offset: None,
    };
    match store.events(&filter) {
        Ok(events) => finish(print_events(&events, pick_format(args.format))),
        Err(e) => {
            eprintln!("dateline: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn run_timeline(args: TimelineArgs) -> ExitCode {
    let store = match open(&args.db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let ids = match store.find_entities(&args.actor) {
        Ok(ids) => ids,
        Err(e) => {
            eprintln!("dateline: {e}");
            return ExitCode::FAILURE;
        }
    };
    if ids.is_empty() {
        eprintln!(
            "dateline: no actor called `{}` in {}; try a surname, a code (GBR) or `dateline query --db {} --format table`",
            args.actor, args.db, args.db
        );
        return ExitCode::FAILURE;
    }
    let filter = EventFilter {
        actor: Some(args.actor.clone()),
        from: args.from,
        to: args.to,
        ..Default::default()
    };
    let events = match store.events(&filter) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("dateline: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = pick_format(args.format);
    if format != Format::Table {
        return finish(print_events(&events, format));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let others: Vec<String> = e
                .actors
                .iter()
                .filter(|a| !ids.contains(&a.id))
                .map(|a| a.name.clone())
                .collect();
            let role = e
                .actors
                .iter()
                .find(|a| ids.contains(&a.id))
                .map(|a| a.role.clone())
                .unwrap_or_default();
            vec![
                when(e),
                e.kind.clone(),
                role,
                others.join(", "),
                e.status.clone(),
                e.sources.to_string(),
                e.id.to_string(),
            ]
        })
        .collect();
    finish((|| {
        table(
            &mut out,
            &[
                "WHEN", "TYPE", "AS", "WITH", "STATUS", "REPORTS", "EVENT ID",
            ],
            &rows,
            &[24, 10, 11, 50, 12, 7, 8],
        )?;
        if events.is_empty() {
            writeln!(out, "(no events for {})", args.actor)?;
        }
        out.flush()
    })())
}

pub fn run_quotes(args: QuotesArgs) -> ExitCode {
    let store = match open(&args.db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let filter = QuoteFilter {
        speaker: Some(args.speaker.clone()),
        about: args.about,
        limit: args.limit,
        ..Default::default()
    };
    let quotes = match store.quotes(&filter) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("dateline: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = pick_format(args.format);
    finish((|| {
        match format {
            Format::Table => {
                let rows: Vec<Vec<String>> = quotes
                    .iter()
                    .map(|q| {
                        vec![
                            q.published.clone().unwrap_or_default(),
                            q.speaker
                                .as_ref()
                                .map(|s| s.name.clone())
                                .unwrap_or_default(),
                            q.text.clone(),
                            q.document.clone(),
                        ]
                    })
                    .collect();
                table(
                    &mut out,
                    &["DATE", "SPEAKER", "QUOTE", "DOCUMENT"],
                    &rows,
                    &[10, 24, 90, 18],
                )?;
                if quotes.is_empty() {
                    writeln!(out, "(no quotes by {})", args.speaker)?;
                }
            }
            Format::Csv => {
                out.write_all(
                    csv_line(
                        &QUOTE_CSV_HEADER
                            .iter()
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>(),
                    )
                    .as_bytes(),
                )?;
                for q in &quotes {
                    out.write_all(csv_line(&quote_csv(q)).as_bytes())?;
                }
            }
            Format::Json | Format::Jsonl => write_json(&mut out, format, &quotes)?,
        }
        out.flush()
    })())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn argument_parsers_explain_bad_values() {
        assert!(parse_day("2025-02-15").is_ok());
        assert!(parse_day("15/02/2025").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_type("consult").unwrap(), "CONSULT");
        assert!(parse_type("MEET").unwrap_err().contains("CONSULT"));
        assert_eq!(parse_status("Planned").unwrap(), "planned");
        assert!(dateline_core::parse_published("2025-02-15T10:00:00Z").is_ok());
        assert!(dateline_core::parse_published("2025-02-30").is_err());
    }

    #[test]
    fn fit_cuts_by_chars() {
        assert_eq!(fit("Zelenskyy’s", 5), "Zele…");
        assert_eq!(fit("short", 10), "short");
    }
}

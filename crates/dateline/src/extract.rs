//! `dateline extract`: articles in, documents out.

use clap::{Args, ValueEnum};
use dateline_core::{Article, Document};
use dateline_nlp::{Options, Pipeline};
use rayon::prelude::*;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// Extract entities, times, quotes and events from news articles.
///
/// Each FILE is read by its kind:
///   *.txt (or any other text)  one article. The first line is the title when a blank line
///                              follows it, or when it reads like a headline (at most 25
///                              words, no final full stop, colon, comma or semicolon).
///   *.jsonl                    one article per line: {"id", "text", "title"?, "published"?, "url"?}.
///                              Output keeps the input order and echoes each id.
///   -                          one plain-text article from standard input.
///
/// A bad input (missing file, binary data, malformed JSONL line) is reported on stderr
/// with its location; the rest are still processed and the exit code is 1 at the end.
///
/// Examples:
///   dateline extract tests/fixtures/seed-article.txt --published 2025-02-15
///   dateline extract articles.jsonl --format jsonl > documents.jsonl
///   cat story.txt | dateline extract - --published 2025-02-15
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    /// Input files (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,

    /// Publication date (YYYY-MM-DD or RFC 3339) that anchors relative dates such as
    /// "on Monday". Overrides a date given by the input. Without it the document says
    /// `"published": null` unless the input gives one.
    #[arg(long, value_name = "DATE", value_parser = parse_published)]
    published: Option<String>,

    /// Output format. `auto`: one pretty JSON document for a single article, JSONL for several.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,

    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Add the tokens layer (offsets, UPOS, lemma, head, deprel) to each document.
    #[arg(long)]
    with_tokens: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Auto,
    /// Pretty JSON: one document, or an array of documents.
    Json,
    /// One compact JSON document per line.
    Jsonl,
}

fn parse_published(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let date_ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = s.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
    if date_ok && (1..=12).contains(&month) && (1..=31).contains(&day) && (b.len() == 10 || b[10] == b'T') {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date: use YYYY-MM-DD (e.g. 2025-02-15) or RFC 3339 (e.g. 2025-02-15T09:30:00Z)"))
    }
}

/// Articles processed together: enough to keep every core busy, few enough to bound memory.
const BATCH: usize = 256;

pub fn run(args: ExtractArgs) -> ExitCode {
    if let Some(n) = args.threads {
        if n == 0 {
            eprintln!("dateline: --threads must be at least 1");
            return ExitCode::from(2);
        }
        // Only fails if a global pool exists already, which nothing here creates.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    let pipeline = match Pipeline::new() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dateline: could not load the pipeline's models: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options {
        published: args.published.clone(),
        with_tokens: args.with_tokens,
    };
    let started = Instant::now();
    let mut failures = 0usize;
    let mut written = 0usize;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());

    let mut inputs = args
        .files
        .iter()
        .flat_map(|path| dateline_ingest::read_input(path))
        .peekable();
    // Decide between one pretty document and a stream once we know whether there is more than one.
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut first_batch = true;
    let mut single = false;
    let mut array_open = false;
    loop {
        batch.clear();
        while batch.len() < BATCH {
            match inputs.next() {
                Some(Ok(article)) => batch.push(article),
                Some(Err(e)) => {
                    failures += 1;
                    eprintln!("dateline: {e}");
                }
                None => break,
            }
        }
        if first_batch {
            single = batch.len() == 1 && inputs.peek().is_none();
            first_batch = false;
        }
        if batch.is_empty() {
            break;
        }
        let docs: Vec<Document> = std::mem::take(&mut batch)
            .into_par_iter()
            .map(|a| pipeline.process(a, &options))
            .collect();
        for doc in &docs {
            let res = match (args.format, single) {
                (Format::Auto, true) => write_pretty(&mut out, doc),
                (Format::Json, true) => write_pretty(&mut out, doc),
                (Format::Json, false) => {
                    let sep = if array_open { ",\n" } else { "[\n" };
                    array_open = true;
                    out.write_all(sep.as_bytes())
                        .and_then(|_| serde_json::to_writer_pretty(&mut out, doc).map_err(Into::into))
                }
                (Format::Auto, false) | (Format::Jsonl, _) => serde_json::to_writer(&mut out, doc)
                    .map_err(std::io::Error::from)
                    .and_then(|_| out.write_all(b"\n")),
            };
            if let Err(e) = res {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                eprintln!("dateline: cannot write output: {e}");
                return ExitCode::FAILURE;
            }
            written += 1;
        }
    }
    if array_open {
        let _ = out.write_all(b"\n]\n");
    }
    let _ = out.flush();
    if written + failures > 1 || failures > 0 {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "dateline: {written} article(s) extracted, {failures} failed, {:.1} articles/s",
            written as f64 / secs
        );
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_pretty(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

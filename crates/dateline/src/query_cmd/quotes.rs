//! `dateline quotes`: quotes by a speaker, optionally about a topic.

use super::output::{csv_line, finish, quote_csv, table, write_json, QUOTE_CSV_HEADER};
use super::{open, pick_format, Format};
use clap::Args;
use dateline_store::QuoteFilter;
use std::io::Write;
use std::process::ExitCode;

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

//! The commands that read a corpus store: `dateline query`, `timeline`, `quotes` and
//! `export`, one file each; [`output`] has the tables, CSV and JSON they write.

mod export;
mod output;
mod query;
mod quotes;
mod timeline;

pub use export::{run_export, ExportArgs, NO_PARQUET_SUPPORT};
pub use query::{run_query, QueryArgs};
pub use quotes::{run_quotes, QuotesArgs};
pub use timeline::{run_timeline, TimelineArgs};

use clap::ValueEnum;
use dateline_core::PloverType;
use dateline_store::Store;
use std::io::IsTerminal;
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

/// The format asked for, else a table on a terminal and JSONL otherwise.
fn pick_format(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    })
}

/// Opens an existing store, saying why on stderr when it cannot.
fn open(db: &str) -> Result<Store, ExitCode> {
    Store::open_existing(db).map_err(|e| {
        eprintln!("dateline: {e}");
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

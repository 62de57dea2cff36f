//! `dateline query`: corpus events by actor, type, time, status or words.

use super::output::{finish, print_events};
use super::{open, parse_day, parse_status, parse_type, pick_format, Format};
use clap::Args;
use dateline_store::EventFilter;
use std::process::ExitCode;

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

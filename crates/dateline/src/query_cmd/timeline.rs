//! `dateline timeline`: the events an actor took part in, in time order.

use super::output::{finish, print_events, table, when};
use super::{open, parse_day, pick_format, Format};
use clap::Args;
use dateline_store::EventFilter;
use std::io::Write;
use std::process::ExitCode;

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

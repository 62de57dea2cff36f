//! `dateline time`: try the time-expression tagger on a phrase or a sentence.

use clap::Args;
use std::process::ExitCode;

/// Find and normalise the time expressions in TEXT against a publication date.
///
/// Prints one line per expression: the words, the TIMEX3 type, value and mod, and what it
/// was resolved against. With --json, prints the `times` layer as JSON.
///
/// Examples:
///   dateline time "next Monday" --published 2025-02-15
///   dateline time "The talks will resume on Friday morning" --published 2025-02-15
///   dateline time "every Monday"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct TimeArgs {
    /// The text to read (use quotes around it).
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    text: Vec<String>,

    /// Publication date (YYYY-MM-DD or RFC 3339) that relative expressions resolve against.
    /// Without it relative expressions keep X placeholders (e.g. XXXX-WXX-1).
    #[arg(long, value_name = "DATE", value_parser = dateline_core::parse_published)]
    published: Option<String>,

    /// Print the times as JSON (the document's `times` layer).
    #[arg(long)]
    json: bool,
}

pub fn run(args: TimeArgs) -> ExitCode {
    let text = args.text.join(" ");
    let tagger = match dateline_time::TimeTagger::load() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("dateline: could not load the time tagger: {e}");
            return ExitCode::FAILURE;
        }
    };
    let times = tagger.tag_text(&text, args.published.as_deref());
    if args.json {
        match serde_json::to_string_pretty(&times) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("dateline: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else if times.is_empty() {
        eprintln!("dateline: no time expression found in {text:?}");
    } else {
        for t in &times {
            let kind = serde_json::to_value(t.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let modifier = t
                .modifier
                .as_deref()
                .map(|m| format!(" mod={m}"))
                .unwrap_or_default();
            println!(
                "{}\t{kind}\t{}{modifier}\t(anchor: {})",
                t.text, t.value, t.anchor
            );
        }
    }
    ExitCode::SUCCESS
}

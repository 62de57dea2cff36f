//! The `dateline` command: extract, time, ingest, query, timeline, quotes, export and serve.

mod extract;
mod ingest_cmd;
mod query_cmd;
#[cfg(feature = "serve")]
mod serve;
mod time_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The whole `dateline` program allocates with the pipeline's allocator (mimalloc): about
/// 15% less CPU time than glibc's malloc on a batch (see `dateline_nlp::Allocator`).
#[global_allocator]
static GLOBAL: dateline_nlp::Allocator = dateline_nlp::Allocator;

/// dateline reads news articles and writes down what happened: who did and said what,
/// with whom, when and where.
#[derive(Parser)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(extract::ExtractArgs),
    Ingest(ingest_cmd::IngestArgs),
    Query(query_cmd::QueryArgs),
    Timeline(query_cmd::TimelineArgs),
    Quotes(query_cmd::QuotesArgs),
    Export(query_cmd::ExportArgs),
    Time(time_cmd::TimeArgs),
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ingest(args) => ingest_cmd::run(args),
        Command::Query(args) => query_cmd::run_query(args),
        Command::Timeline(args) => query_cmd::run_timeline(args),
        Command::Quotes(args) => query_cmd::run_quotes(args),
        Command::Export(args) => query_cmd::run_export(args),
        Command::Time(args) => time_cmd::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}

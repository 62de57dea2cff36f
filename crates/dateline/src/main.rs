//! The `dateline` command: extract, and (to come) ingest, query and serve.

mod extract;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
}

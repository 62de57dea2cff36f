//! The `serve` command: its options, the demo store and the server's start and shutdown.

use super::app::app;
use super::listen::{serve, Limits};
use super::{AllowedHosts, AppState};
use clap::Args;
use dateline_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve a corpus store: a JSON API, its OpenAPI description and a web page.
///
/// Examples:
///   dateline serve --demo                       # the bundled example article, on 127.0.0.1:8080
///   dateline serve --db corpus.db --bind 127.0.0.1:3000
///
/// API (all GET, JSON): /api/events, /api/events/{id}, /api/entities, /api/entities/{id},
/// /api/quotes, /api/documents, /api/documents/{id}, /api/search?q=, /api/stats;
/// description at /openapi.json; the page at /.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    /// The store file (see `dateline ingest`).
    #[arg(long, value_name = "PATH", required_unless_present = "demo")]
    db: Option<String>,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Also answer requests for this host name (repeatable). By default only the loopback
    /// names (`localhost`, `127.0.0.1`, `[::1]`) and --bind's address are answered; requests
    /// naming another Host get 421, so a page on another site cannot read the corpus
    /// through DNS rebinding. Give the names clients use (`--allow-host news.internal`);
    /// `*` turns the check off (only behind a proxy that checks Host itself).
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_host: Vec<String>,
    /// Connections open at once. When full, the oldest connection with no request in
    /// progress is closed for a new one. Clients get 5 s to send a request's headers, and a
    /// connection idle for 30 s is closed.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_connections: u32,
    /// Ingest the bundled example article(s) into a temporary store and serve them.
    #[arg(long, conflicts_with = "db")]
    demo: bool,
}

/// The reference article, served by `--demo`.
const SEED_ARTICLE: &str = include_str!("../../../../tests/fixtures/seed-article.txt");
const SEED_PUBLISHED: &str = "2025-02-15";

/// Fills a fresh store with the bundled example article(s): the reference article (published
/// 2025-02-15) and any other `tests/fixtures/*.txt` beside the working directory.
fn demo_store() -> Result<(PathBuf, PathBuf), String> {
    let dir = std::env::temp_dir().join(format!("dateline-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let db = dir.join("demo.db");
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    let pipeline = dateline_nlp::Pipeline::new()
        .map_err(|e| format!("could not load the pipeline's models: {e}"))?;
    let seed = dateline_core::Article {
        title: dateline_ingest::detect_title(SEED_ARTICLE),
        body: SEED_ARTICLE.to_string(),
        source: Some(dateline_core::Source::text(
            "tests/fixtures/seed-article.txt",
        )),
        ..Default::default()
    };
    let options = dateline_nlp::Options {
        published: Some(SEED_PUBLISHED.into()),
        with_tokens: false,
    };
    let doc = pipeline.process(seed, &options);
    store.ingest(&doc, None).map_err(|e| e.to_string())?;
    let mut count = 1;
    if let Ok(entries) = std::fs::read_dir("tests/fixtures") {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".txt") || name == "seed-article.txt" {
                continue;
            }
            if let Ok(article) = dateline_ingest::read_text_file(&path.to_string_lossy()) {
                let doc = pipeline.process(article, &dateline_nlp::Options::default());
                if store.ingest(&doc, None).is_ok() {
                    count += 1;
                }
            }
        }
    }
    eprintln!(
        "dateline: demo store {} with {count} article(s)",
        db.display()
    );
    Ok((dir, db))
}

pub fn run(args: ServeArgs) -> ExitCode {
    let (demo_dir, db) = if args.demo {
        match demo_store() {
            Ok((dir, db)) => (Some(dir), db),
            Err(e) => {
                eprintln!("dateline: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        (None, PathBuf::from(args.db.clone().unwrap_or_default()))
    };
    let hosts = AllowedHosts::new(&args.bind, &args.allow_host);
    let state = match AppState::open(&db, super::QUERY_TIMEOUT, hosts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dateline: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dateline: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&args.bind).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("dateline: cannot listen on {}: {e}", args.bind);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or(args.bind.clone());
        eprintln!("dateline: serving {} on http://{addr}/ (API under /api/, description at /openapi.json); Ctrl-C stops", db.display());
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        let limits = Limits {
            max_connections: args.max_connections as usize,
            ..Limits::default()
        };
        serve(listener, app(state), limits, shutdown).await;
        ExitCode::SUCCESS
    });
    if let Some(dir) = demo_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    code
}

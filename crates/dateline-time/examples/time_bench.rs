//! Throughput of the time tagger on BBC news articles (one thread).
//!
//! `time-bench --articles N --list FILE` tags the first N BBC articles (sorted by path,
//! decoded leniently), writes their paths to FILE for the peer tools, and prints docs/s.

use dateline_core::shared_dir;
use dateline_time::TimeTagger;
use std::time::{Duration, Instant};

fn main() {
    let mut articles = 200usize;
    let mut list: Option<String> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut k = 0;
    while k < args.len() {
        match args[k].as_str() {
            "--articles" => {
                articles = args
                    .get(k + 1)
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(articles);
                k += 1;
            }
            "--list" => {
                list = args.get(k + 1).cloned();
                k += 1;
            }
            _ => {}
        }
        k += 1;
    }
    let root = shared_dir().join("data/bbc-news/bbc");
    let mut paths = Vec::new();
    if let Ok(cats) = std::fs::read_dir(&root) {
        for c in cats.flatten() {
            if let Ok(files) = std::fs::read_dir(c.path()) {
                for f in files.flatten() {
                    if f.path().extension().is_some_and(|e| e == "txt") {
                        paths.push(f.path());
                    }
                }
            }
        }
    }
    paths.sort();
    // Spread the sample over the categories: every k-th article.
    let step = (paths.len() / articles.max(1)).max(1);
    let paths: Vec<_> = paths.into_iter().step_by(step).take(articles).collect();
    if paths.is_empty() {
        eprintln!("no BBC articles under {}", root.display());
        std::process::exit(1);
    }
    let texts: Vec<String> = paths
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned())
        .collect();
    if let Some(l) = list {
        let body: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
        std::fs::write(l, body).expect("write list");
    }
    let tagger = TimeTagger::load().expect("load");
    let mut times = 0usize;
    for t in &texts {
        times += tagger.tag_text(t, Some("2005-06-01")).len();
    }
    let start = Instant::now();
    let mut docs = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for t in &texts {
            std::hint::black_box(tagger.tag_text(t, Some("2005-06-01")));
        }
        docs += texts.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "articles: {} ({} time expressions found)",
        texts.len(),
        times
    );
    println!("dateline docs/s: {:.1}", docs as f64 / secs);
}

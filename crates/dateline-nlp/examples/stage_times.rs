//! Where the pipeline's time goes: runs every article of the inputs on one thread, the way
//! `dateline extract` does (read, duplicate and language checks, every stage, JSON output),
//! and prints each step's share of the on-CPU time of this thread.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example stage_times -- articles.jsonl [more inputs…]
//! ```
//!
//! CPU time comes from `/proc/thread-self/schedstat` (Linux), so other processes on a
//! shared machine do not inflate it; elsewhere wall-clock time is used.

use dateline_ingest::batch;
use dateline_nlp::{Options, Pipeline};
use std::time::Instant;

// The allocator the `dateline` binary runs with, so the shares are the binary's.
#[global_allocator]
static GLOBAL: dateline_nlp::Allocator = dateline_nlp::Allocator;

fn thread_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        eprintln!("usage: stage_times FILE… (any input `dateline extract` reads)");
        std::process::exit(2);
    }
    let origin = Instant::now();
    let mut clock = || thread_seconds(origin);
    let load_start = clock();
    let pipeline = Pipeline::new().unwrap_or_else(|e| {
        eprintln!("stage_times: cannot load the pipeline: {e}");
        std::process::exit(1);
    });
    let load = clock() - load_start;

    let files = batch::expand_inputs(&inputs).files;
    let mut dedup = batch::Deduplicator::new();
    let options = Options::default();
    let names = pipeline.stage_names();
    let mut stages = vec![0f64; names.len()];
    let (mut read, mut checks, mut output) = (0f64, 0f64, 0f64);
    let (mut articles, mut chars, mut json_bytes) = (0usize, 0usize, 0usize);
    let mut sink = Vec::new();
    for path in &files {
        let mut jobs = dateline_ingest::read_input_jobs(path);
        loop {
            let t0 = clock();
            let Some(job) = jobs.next() else { break };
            let article = job.and_then(|j| j.run());
            let t1 = clock();
            read += t1 - t0;
            let Ok(Some(article)) = article else { continue };
            let fresh = dedup.check(&article).is_none() && batch::is_english(&article);
            checks += clock() - t1;
            if !fresh {
                continue;
            }
            let doc = pipeline.process_timed(article, &options, &mut clock, &mut stages);
            let t2 = clock();
            sink.clear();
            serde_json::to_writer(&mut sink, &doc).expect("a document serialises");
            output += clock() - t2;
            articles += 1;
            chars += doc.char_len();
            json_bytes += sink.len();
        }
    }
    let mut rows: Vec<(&str, f64)> = vec![("read input", read), ("duplicates + language", checks)];
    rows.extend(names.iter().copied().zip(stages));
    rows.push(("JSON output", output));
    let total: f64 = rows.iter().map(|r| r.1).sum();
    println!(
        "{articles} articles, {chars} chars, {} KB of JSON; model loading {load:.2} s CPU (not counted below)",
        json_bytes / 1024
    );
    println!(
        "{:<24} {:>9} {:>7} {:>12}",
        "step", "CPU s", "share", "articles/s"
    );
    for (name, secs) in &rows {
        println!(
            "{name:<24} {secs:>9.3} {:>6.1}% {:>12.0}",
            100.0 * secs / total.max(1e-9),
            articles as f64 / secs.max(1e-9)
        );
    }
    println!(
        "{:<24} {total:>9.3} {:>6.1}% {:>12.1}",
        "total",
        100.0,
        articles as f64 / total.max(1e-9)
    );
}

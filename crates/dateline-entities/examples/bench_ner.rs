//! NER speed on BBC news articles, one thread: the tagger alone and the whole entity
//! stage, in tokens per second of on-CPU time (and wall-clock).
//!
//! Usage: `cargo run --release -p dateline-entities --example bench_ner -- [--limit N] [DIR]`
//! (default: the shared BBC corpus, first 300 articles in path order; `bench/entities.sh`
//! runs spaCy on the same files).

use dateline_core::{Document, Source};
use dateline_entities::cputime::timed;
use dateline_entities::entities::tagged_char_spans;
use dateline_entities::EntityRecognizer;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for p in entries.flatten().map(|e| e.path()) {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut limit = 300usize;
    let mut dir = dateline_core::shared_dir().join("data/bbc-news/bbc");
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--limit" {
            limit = args
                .get(i + 1)
                .and_then(|x| x.parse().ok())
                .unwrap_or(limit);
            i += 2;
        } else {
            dir = PathBuf::from(&args[i]);
            i += 1;
        }
    }
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort_by(|a, b| a.to_string_lossy().cmp(&b.to_string_lossy()));
    files.truncate(limit);
    let recognizer = EntityRecognizer::load()?;
    let mut docs: Vec<Document> = files
        .iter()
        .map(|f| {
            let raw = String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned();
            let mut doc = Document::new(
                f.display().to_string(),
                Source::text(f.display().to_string()),
                raw,
            );
            dateline_text::segment(&mut doc);
            doc
        })
        .collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    // Warm-up pass so page faults and lazy statics do not count.
    for d in docs.iter().take(20) {
        tagged_char_spans(recognizer.ner(), d);
    }
    let (spans, wall, cpu) = timed(|| {
        docs.iter()
            .map(|d| tagged_char_spans(recognizer.ner(), d).len())
            .sum::<usize>()
    });
    let ((), stage_wall, stage_cpu) = timed(|| {
        for d in docs.iter_mut() {
            recognizer.annotate(d);
        }
    });
    let entities: usize = docs.iter().map(|d| d.entities.len()).sum();
    println!(
        "articles {} tokens {} (dateline_text::segment)",
        docs.len(),
        tokens
    );
    println!(
        "dateline NER tagger: {:.0} tokens/s on-CPU ({:.0} wall-clock), {} spans",
        tokens as f64 / cpu,
        tokens as f64 / wall,
        spans
    );
    println!(
        "dateline entity stage (tagger + merging + roles): {:.0} tokens/s on-CPU ({:.0} wall-clock), {} entities",
        tokens as f64 / stage_cpu,
        tokens as f64 / stage_wall,
        entities
    );
    println!("RESULT dateline_ner_cpu_tps {:.0}", tokens as f64 / cpu);
    Ok(())
}

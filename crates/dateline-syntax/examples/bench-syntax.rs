//! Tagging + parsing throughput on BBC news articles, one thread.
//!
//! `cargo run --release -p dateline-syntax --example bench-syntax [-- --articles N --list FILE]`
//! prints the token counts and tokens/s; `bench/syntax.sh` runs spaCy on the same files.

use dateline_core::{Document, Source};
use dateline_syntax::evaluation::thread_cpu_seconds;
use dateline_syntax::neural::Network;
use dateline_syntax::{Model, NeuralModel, Syntax};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// UTF-8 when valid, else Windows-1252/Latin-1 byte-per-char (the BBC files mix both).
pub fn decode_leniently(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

fn bbc_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn main() {
    let mut articles = 400usize;
    let mut list: Option<PathBuf> = None;
    let mut model: Option<PathBuf> = None;
    let mut neural: Option<PathBuf> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--articles", Some(n)) => articles = n.parse().expect("--articles N"),
            ("--list", Some(p)) => list = Some(p.into()),
            ("--model", Some(p)) => model = Some(PathBuf::from(p)),
            ("--neural", Some(p)) => neural = Some(PathBuf::from(p)),
            _ => panic!(
                "usage: bench-syntax [--articles N] [--list FILE] [--model PATH] [--neural PATH]"
            ),
        }
    }
    let root = dateline_core::shared_dir().join("data/bbc-news");
    let mut files = bbc_files(&root);
    if files.is_empty() {
        eprintln!("skipping: no BBC articles under {}", root.display());
        return;
    }
    // An even spread over the five sections rather than the first N of one.
    let step = (files.len() / articles.max(1)).max(1);
    files = files.into_iter().step_by(step).take(articles).collect();
    if let Some(list) = &list {
        let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(list, names.join("\n") + "\n").expect("write file list");
    }

    let read = |path: &PathBuf| std::fs::read(path).expect("read model");
    let syntax = match (&model, &neural) {
        (_, Some(network)) => Syntax::from_neural(NeuralModel {
            network: Network::from_bytes(&read(network)).expect("load neural model"),
            lemmatizer: match &model {
                Some(path) => Model::lemmatizer_from_bytes(&read(path)),
                None => Model::embedded_lemmatizer(),
            }
            .expect("load lemmatiser"),
        }),
        (Some(path), None) => {
            Syntax::from_model(Model::from_bytes(&read(path)).expect("load model"))
        }
        (None, None) => Syntax::load().expect("load syntax model"),
    };
    let mut docs: Vec<Document> = Vec::with_capacity(files.len());
    let t = Instant::now();
    for f in &files {
        let raw = decode_leniently(&std::fs::read(f).expect("read article"));
        let prepared = dateline_text::prepare(&raw);
        let mut doc = Document::new(
            f.display().to_string(),
            Source::text(f.display().to_string()),
            prepared.text,
        );
        dateline_text::segment(&mut doc);
        docs.push(doc);
    }
    let segment_secs = t.elapsed().as_secs_f64();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let t = Instant::now();
    let cpu = thread_cpu_seconds();
    for doc in &mut docs {
        syntax.annotate(doc);
    }
    let syntax_secs = t.elapsed().as_secs_f64();
    let syntax_cpu = thread_cpu_seconds().zip(cpu).map(|(b, a)| b - a);
    println!("dateline articles {} tokens {}", docs.len(), tokens);
    println!(
        "dateline tag+lemma+parse: {:.2}s  {:.0} tokens/s",
        syntax_secs,
        tokens as f64 / syntax_secs
    );
    if let Some(c) = syntax_cpu {
        println!(
            "dateline tag+lemma+parse CPU: {:.2}s  {:.0} tokens/s",
            c,
            tokens as f64 / c.max(1e-9)
        );
    }
    println!(
        "dateline prepare+segment+tag+lemma+parse: {:.2}s  {:.0} tokens/s",
        segment_secs + syntax_secs,
        tokens as f64 / (segment_secs + syntax_secs)
    );
}

//! Evaluates sentence and token segmentation against UD English EWT, counts the
//! reference article's sentences, measures speed, and lists what debris removal takes
//! out of a corpus of plain-text articles.
//!
//! ```text
//! cargo run --release -p dateline-text --example eval_segment -- [--ewt FILE.conllu] [--seed FILE] [--bbc DIR] [--errors N] [--big MB]
//! ```
//!
//! Tokens are compared with EWT's syntactic words (multiword tokens such as "don't" count
//! as their words "do" + "n't", which the parser consumes), matched by exact char span.

use dateline_core::{CharIndex, Document, Source};
use dateline_text::conllu::read_conllu;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Default)]
struct Prf {
    tp: usize,
    gold: usize,
    pred: usize,
}

impl Prf {
    fn add(&mut self, gold: &HashSet<(usize, usize)>, pred: &HashSet<(usize, usize)>) {
        self.tp += gold.intersection(pred).count();
        self.gold += gold.len();
        self.pred += pred.len();
    }
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<34} P {p:.4}  R {r:.4}  F1 {f:.4}  (gold {}, predicted {}, correct {})",
            self.gold, self.pred, self.tp
        )
    }
}

fn run(text: &str) -> (dateline_text::Prepared, Document) {
    let prepared = dateline_text::prepare(text);
    let mut doc = Document::new("eval", Source::text("eval"), prepared.text.clone());
    dateline_text::segment(&mut doc);
    (prepared, doc)
}

fn evaluate_ewt(path: &Path, show_errors: usize) {
    let conllu = match read_conllu(path) {
        Ok(c) => c,
        Err(e) => {
            println!("EWT: cannot read {}: {e} (skipped)", path.display());
            return;
        }
    };
    let mut tokens = Prf::default();
    let mut sent_spans = Prf::default();
    let mut sent_ends = Prf::default();
    let mut inner_ends = Prf::default();
    let mut chars = 0usize;
    let mut shown_tok = 0;
    let mut shown_sent = 0;
    let start = Instant::now();
    for gold in &conllu.docs {
        let (prepared, doc) = run(&gold.text);
        chars += gold.text.chars().count();
        let raw_index = CharIndex::new(&gold.text);
        let pred_tokens: HashSet<(usize, usize)> = doc
            .tokens
            .iter()
            .map(|t| prepared.original_span(t.start, t.end))
            .collect();
        let pred_sents: HashSet<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| prepared.original_span(s.start, s.end))
            .collect();
        let gold_tokens: HashSet<(usize, usize)> = gold.words.iter().copied().collect();
        let gold_sents: HashSet<(usize, usize)> = gold.sentences.iter().copied().collect();
        tokens.add(&gold_tokens, &pred_tokens);
        sent_spans.add(&gold_sents, &pred_sents);
        let ends = |s: &HashSet<(usize, usize)>| -> HashSet<(usize, usize)> {
            s.iter().map(|&(_, e)| (e, 0)).collect()
        };
        sent_ends.add(&ends(&gold_sents), &ends(&pred_sents));
        let inner = |s: &HashSet<(usize, usize)>| -> HashSet<(usize, usize)> {
            s.iter()
                .filter(|&&(_, e)| !gold.paragraph_ends.contains(&e))
                .map(|&(_, e)| (e, 0))
                .collect()
        };
        inner_ends.add(&inner(&gold_sents), &inner(&pred_sents));
        if shown_tok < show_errors {
            let mut missed: Vec<_> = gold_tokens.difference(&pred_tokens).copied().collect();
            missed.sort();
            for (s, e) in missed.into_iter().take(show_errors - shown_tok) {
                let ctx_s = s.saturating_sub(20);
                println!(
                    "  token missed {:?} in …{}…",
                    raw_index.slice(&gold.text, s, e),
                    raw_index
                        .slice(&gold.text, ctx_s, e + 20)
                        .replace('\n', "¶")
                );
                shown_tok += 1;
            }
        }
        if shown_sent < show_errors {
            let g = inner(&gold_sents);
            let p = inner(&pred_sents);
            for &(e, _) in g.symmetric_difference(&p).take(show_errors - shown_sent) {
                let kind = if g.contains(&(e, 0)) {
                    "missed"
                } else {
                    "spurious"
                };
                println!(
                    "  boundary {kind} at …{}|{}…",
                    raw_index
                        .slice(&gold.text, e.saturating_sub(40), e)
                        .replace('\n', "¶"),
                    raw_index.slice(&gold.text, e, e + 30).replace('\n', "¶")
                );
                shown_sent += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "UD English EWT dev: {} documents, {} chars, {} gold sentences, {} gold words ({} words not alignable)",
        conllu.docs.len(),
        chars,
        sent_spans.gold,
        tokens.gold,
        conllu.misaligned
    );
    println!("{}", tokens.line("tokens (words, exact span)"));
    println!("{}", sent_ends.line("sentence ends (all)"));
    println!("{}", inner_ends.line("sentence ends (within paragraphs)"));
    println!("{}", sent_spans.line("sentences (exact span)"));
    println!(
        "EWT speed (prepare+segment, incl. eval overhead): {:.1} M chars/s",
        chars as f64 / secs / 1e6
    );
}

fn seed_count(path: &Path) {
    match std::fs::read_to_string(path) {
        Ok(raw) => {
            let (prepared, doc) = run(&raw);
            println!(
                "reference article {}: {} sentences, {} tokens; warnings: {:?}",
                path.display(),
                doc.sentences.len(),
                doc.tokens.len(),
                prepared.warnings
            );
        }
        Err(e) => println!("reference article {}: {e}", path.display()),
    }
}

fn read_corpus(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(bytes) = std::fs::read(&p) {
                    files.push((p, String::from_utf8_lossy(&bytes).into_owned()));
                }
            }
        }
    }
    files.sort();
    files
}

fn corpus_report(dir: &Path) {
    let files = read_corpus(dir);
    if files.is_empty() {
        println!("corpus {}: no .txt files (skipped)", dir.display());
        return;
    }
    let total: usize = files.iter().map(|(_, t)| t.chars().count()).sum();
    let mut removals = 0;
    for (path, text) in &files {
        let prepared = dateline_text::prepare(text);
        for w in &prepared.warnings {
            removals += 1;
            println!("  {}: {w}", path.display());
        }
    }
    wrap_agreement(&files);
    println!(
        "corpus {}: {} files, {} warnings from prepare",
        dir.display(),
        files.len(),
        removals
    );
    // Speed on real news: the whole corpus as one batch, best of three.
    let mut best = f64::MAX;
    let mut sentences = 0;
    for _ in 0..3 {
        let start = Instant::now();
        sentences = 0;
        for (_, text) in &files {
            let (_, doc) = run(text);
            sentences += doc.sentences.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "news speed (prepare+segment, 1 thread): {:.1} M chars/s over {} chars, {} sentences",
        total as f64 / best / 1e6,
        total,
        sentences
    );
}

/// Hard-wraps `text` at `width` columns the way `fold -s` does (breaking at spaces).
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for (j, word) in line.split(' ').enumerate() {
            let n = word.chars().count();
            if j > 0 {
                if col + 1 + n > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += n;
        }
    }
    out
}

fn sentence_texts(text: &str) -> Vec<String> {
    let (_, doc) = run(text);
    doc.sentences
        .iter()
        .map(|s| {
            doc.slice(s.start, s.end)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// How many sentences come out the same when the articles are hard-wrapped at 72 columns.
fn wrap_agreement(files: &[(PathBuf, String)]) {
    let mut same = 0usize;
    let mut total = 0usize;
    for (_, text) in files {
        let plain: HashSet<String> = sentence_texts(text).into_iter().collect();
        let wrapped = sentence_texts(&hard_wrap(text, 72));
        total += plain.len().max(wrapped.len());
        same += wrapped.iter().filter(|s| plain.contains(*s)).count();
    }
    println!(
        "hard-wrapped at 72 columns: {same} of {total} sentences identical to the unwrapped text ({:.4})",
        same as f64 / total.max(1) as f64
    );
}

fn big_input(mb: usize, seed: &Path) {
    let base = std::fs::read_to_string(seed).unwrap_or_else(|_| {
        "Mr Starmer said the U.S. would help. “It’s clear,” he said.\n".to_string()
    });
    let mut text = String::with_capacity(mb * 1_000_000 + base.len());
    while text.len() < mb * 1_000_000 {
        text.push_str(&base);
        text.push_str("\n\n");
    }
    let chars = text.chars().count();
    let start = Instant::now();
    let (prepared, doc) = run(&text);
    let secs = start.elapsed().as_secs_f64();
    let bytes = text.len();
    drop(text);
    println!(
        "big input: {} MB, {} chars, {} sentences, {} tokens, {} warnings in {:.2} s ({:.1} M chars/s)",
        bytes / 1_000_000,
        chars,
        doc.sentences.len(),
        doc.tokens.len(),
        prepared.warnings.len(),
        secs,
        chars as f64 / secs / 1e6
    );
    drop((prepared, doc));
    // One unbroken chunk without spaces or newlines.
    let wall: String = "abc.def-ghi'jkl,123".repeat(mb * 1_000_000 / 19 + 1);
    let start = Instant::now();
    let (_, doc) = run(&wall);
    println!(
        "big input without whitespace: {} MB, {} tokens, {} sentences in {:.2} s",
        wall.len() / 1_000_000,
        doc.tokens.len(),
        doc.sentences.len(),
        start.elapsed().as_secs_f64()
    );
}

fn main() {
    let shared = dateline_core::shared_dir();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut ewt = shared.join("data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let mut seed = root.join("tests/fixtures/seed-article.txt");
    let mut bbc: Option<PathBuf> = None;
    let mut errors = 0usize;
    let mut big: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--ewt" => ewt = args.next().map(PathBuf::from).unwrap_or(ewt),
            "--seed" => seed = args.next().map(PathBuf::from).unwrap_or(seed),
            "--bbc" => bbc = args.next().map(PathBuf::from),
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            "--big" => big = args.next().and_then(|n| n.parse().ok()),
            "--dump" => {
                // Prints each file's sentences, one a line, and its tokens joined by spaces.
                for path in args.by_ref() {
                    let raw = std::fs::read(&path).unwrap_or_default();
                    let (_, doc) = run(&String::from_utf8_lossy(&raw));
                    for (i, s) in doc.sentences.iter().enumerate() {
                        let toks: Vec<&str> = doc.tokens[doc.sentence_tokens(i)]
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect();
                        println!(
                            "{path}\t{i}\t{}\t{}",
                            doc.slice(s.start, s.end).replace('\n', "¶"),
                            toks.join(" ")
                        );
                    }
                }
                return;
            }
            "-h" | "--help" => {
                println!(
                    "eval-segment [--ewt FILE.conllu] [--seed FILE] [--bbc DIR] [--errors N] [--big MB] | --dump FILE..."
                );
                return;
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    evaluate_ewt(&ewt, errors);
    seed_count(&seed);
    if let Some(dir) = bbc {
        corpus_report(&dir);
    }
    if let Some(mb) = big {
        big_input(mb, &seed);
    }
}

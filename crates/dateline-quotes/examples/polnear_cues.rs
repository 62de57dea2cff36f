//! Counts the cue words annotated in PolNeAR train (brat `Cue` spans), grouped by the
//! lemma of the cue lexicon (`data/cues.tsv`), to derive and check the lexicon.
//!
//! `cargo run -p dateline-quotes --release --example polnear_cues -- [--split train] [--top N]`
//!
//! Prints, for each lexicon lemma, how many PolNeAR cues it covers, then the most frequent
//! cue words the lexicon does not cover.

use dateline_quotes::lexicon::Lexicon;
use std::collections::HashMap;

fn main() {
    let mut split = "train".to_string();
    let mut top = 60;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = args.next().expect("--split NAME"),
            "--top" => top = args.next().and_then(|n| n.parse().ok()).expect("--top N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let dir = dateline_core::shared_dir()
        .join("data/polnear")
        .join(&split)
        .join("attributions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "PolNeAR not found at {} (set DATELINE_SHARED)",
            dir.display()
        );
        std::process::exit(2);
    };
    let lex = Lexicon::embedded();
    let mut by_lemma: HashMap<String, usize> = HashMap::new();
    let mut uncovered: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for entry in entries.flatten() {
        let Ok(ann) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in ann.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 || !cols[1].starts_with("Cue ") {
                continue;
            }
            total += 1;
            let words: Vec<String> = cols[2]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            // The cue's lemma: the first lexicon word (or multi-word form) in the span
            // ("has said" → say, "said in a statement" → say).
            let found = (0..words.len())
                .find_map(|i| lex.lookup(&words[i..]).map(|(c, _)| c.lemma.clone()));
            match found {
                Some(lemma) => *by_lemma.entry(lemma).or_default() += 1,
                None => *uncovered.entry(words.join(" ")).or_default() += 1,
            }
        }
    }
    let covered: usize = by_lemma.values().sum();
    println!(
        "PolNeAR {split}: {total} cues, {covered} covered by the lexicon ({:.1}%)",
        100.0 * covered as f64 / total.max(1) as f64
    );
    let mut rows: Vec<_> = by_lemma.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (lemma, n) in &rows {
        println!("{n}\t{lemma}");
    }
    println!("-- most frequent uncovered cue words");
    let mut rows: Vec<_> = uncovered.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (w, n) in rows.iter().take(top) {
        println!("{n}\t{w}");
    }
}

//! Runs the case corpus in `corpus/` (in the spirit of Duckling's Corpus.hs): every
//! positive case of every family file, every negative, and the known failures, and reports
//! all failures at once.
//!
//! A positive case is `text<TAB>published<TAB>value[<TAB>mod]`: the first time expression
//! found in `text` (published `-` = no publication date) must have `value`, and `mod` when
//! that column is given (`-` = no mod). `negatives.txt` holds texts that must give no time
//! expression. `known-failures.tsv` holds positive cases that fail today: each must still
//! fail, so that a fix is noticed and the case moves to its family file.

use dateline_time::TimeTagger;
use std::path::Path;

/// One positive case: where it is written, and what it expects.
struct Case {
    at: String,
    text: String,
    published: Option<String>,
    value: String,
    modifier: Option<Option<String>>,
}

fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

/// Lines that are neither blank nor `#` comments, with their `file:line`.
fn lines(file: &str) -> Vec<(String, String)> {
    let path = corpus_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (format!("{file}:{}", n + 1), l.to_string()))
        .collect()
}

fn cases(file: &str) -> Vec<Case> {
    lines(file)
        .into_iter()
        .map(|(at, line)| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(
                matches!(f.len(), 3 | 4),
                "{at}: expected 3 or 4 columns: {line:?}"
            );
            Case {
                at,
                text: f[0].to_string(),
                published: (f[1] != "-").then(|| f[1].to_string()),
                value: f[2].to_string(),
                modifier: f.get(3).map(|m| (*m != "-").then(|| m.to_string())),
            }
        })
        .collect()
}

/// What the tagger gives for a case, or `None` when it passes.
fn failure(tagger: &TimeTagger, c: &Case) -> Option<String> {
    let times = tagger.tag_text(&c.text, c.published.as_deref());
    let Some(t) = times.first() else {
        return Some(format!(
            "{}: {:?} gave no time (want {})",
            c.at, c.text, c.value
        ));
    };
    let mod_ok = match &c.modifier {
        Some(m) => *m == t.modifier,
        None => true,
    };
    if t.value == c.value.as_str() && mod_ok {
        return None;
    }
    Some(format!(
        "{}: {:?} [{}] gave {} mod={:?}, want {} mod={:?}",
        c.at, c.text, t.text, t.value, t.modifier, c.value, c.modifier
    ))
}

const FAMILIES: &[&str] = &[
    "clock.tsv",
    "dates.tsv",
    "relative.tsv",
    "quantity.tsv",
    "holidays.tsv",
    "sets.tsv",
];

#[test]
fn every_corpus_case() {
    let tagger = TimeTagger::load().unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in FAMILIES {
        for c in cases(file) {
            count += 1;
            failures.extend(failure(&tagger, &c));
        }
    }
    for (at, text) in lines("negatives.txt") {
        count += 1;
        let times = tagger.tag_text(&text, Some("2024-07-10"));
        if !times.is_empty() {
            let found: Vec<String> = times
                .iter()
                .map(|t| format!("[{}]={}", t.text, t.value))
                .collect();
            failures.push(format!("{at}: {text:?} gave {}", found.join(" ")));
        }
    }
    for c in cases("known-failures.tsv") {
        count += 1;
        if failure(&tagger, &c).is_none() {
            failures.push(format!(
                "{}: {:?} passes now: move it to its family file",
                c.at, c.text
            ));
        }
    }
    assert!(count >= 200, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

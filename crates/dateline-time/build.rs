//! Collects the words a rule can start with into sorted tables, so the scanner can skip at
//! once any other word: every lower-case string literal of the grammar, and (apart, since
//! only the holiday rule needs trying there) the first word of each name in the holiday
//! table.

use std::collections::BTreeSet;
use std::io::Write;

/// The lower-case string literals of a source text, in order.
fn literals(src: &str) -> Vec<(usize, &str)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'"' {
                let lit = &src[start..j];
                if !lit.is_empty() && lit.chars().all(|c| c.is_ascii_lowercase() || c == '\'') {
                    out.push((start, lit));
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn main() {
    let read = |file: &str| {
        println!("cargo:rerun-if-changed={file}");
        std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {file}: {e}"))
    };
    // Every file of the grammar module, in a fixed order.
    let mut files: Vec<_> = std::fs::read_dir("src/grammar")
        .expect("src/grammar")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    println!("cargo:rerun-if-changed=src/grammar");
    let grammar: String = files
        .iter()
        .map(|p| read(p.to_str().expect("utf-8 path")) + "\n")
        .collect();
    let holidays = read("src/holidays.rs");
    let words: BTreeSet<String> = literals(&grammar)
        .into_iter()
        .map(|(_, w)| w.to_string())
        .collect();
    // Holiday names are written `&["first", "second", …]`: only a first word starts one.
    let holiday_first: BTreeSet<String> = literals(&holidays)
        .into_iter()
        .filter(|&(at, _)| holidays[..at - 1].ends_with("&["))
        .map(|(_, w)| w.to_string())
        .filter(|w| !words.contains(w))
        .collect();
    // A cheap filter before the binary searches: which (first letter, second letter) pairs
    // begin some holiday name (bit 26 of a row: a one-letter name).
    let mut prefixes = [0u32; 26];
    for (at, w) in literals(&holidays) {
        if !holidays[..at - 1].ends_with("&[") {
            continue;
        }
        let b = w.as_bytes();
        if b[0].is_ascii_lowercase() {
            let second = b
                .get(1)
                .filter(|c| c.is_ascii_lowercase())
                .map_or(26, |c| c - b'a');
            prefixes[(b[0] - b'a') as usize] |= 1 << second;
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("literals.rs");
    let mut f = std::fs::File::create(out).expect("create literals.rs");
    let mut table = |doc: &str, name: &str, words: &BTreeSet<String>| {
        writeln!(f, "/// {doc}").unwrap();
        writeln!(f, "pub static {name}: &[&str] = &[").unwrap();
        for w in words {
            writeln!(f, "    {w:?},").unwrap();
        }
        writeln!(f, "];").unwrap();
    };
    table(
        "Every lower-case word literal of the grammar, sorted.",
        "LITERALS",
        &words,
    );
    table(
        "First words of holiday names that are no grammar literal, sorted.",
        "HOLIDAY_FIRST",
        &holiday_first,
    );
    writeln!(
        f,
        "/// Letter pairs that begin a holiday name: bit b of row a for \"ab…\"."
    )
    .unwrap();
    writeln!(f, "pub static HOLIDAY_PREFIXES: [u32; 26] = {prefixes:?};").unwrap();
}

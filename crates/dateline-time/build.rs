//! Collects every lower-case string literal of the grammar into a sorted table, so the
//! scanner can skip at once any word no rule could start with.

use std::collections::BTreeSet;
use std::io::Write;

fn main() {
    let src = std::fs::read_to_string("src/grammar.rs").expect("read src/grammar.rs");
    println!("cargo:rerun-if-changed=src/grammar.rs");
    let mut words = BTreeSet::new();
    let bytes = src.as_bytes();
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
                    words.insert(lit.to_string());
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("literals.rs");
    let mut f = std::fs::File::create(out).expect("create literals.rs");
    writeln!(
        f,
        "/// Every lower-case word literal in the grammar, sorted."
    )
    .unwrap();
    writeln!(f, "pub static LITERALS: &[&str] = &[").unwrap();
    for w in &words {
        writeln!(f, "    {w:?},").unwrap();
    }
    writeln!(f, "];").unwrap();
}

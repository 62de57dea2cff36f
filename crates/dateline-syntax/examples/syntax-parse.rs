//! Prints dateline's tokens, tags, lemmas and dependency arcs for text on stdin, one
//! CoNLL-U-like table per sentence: `echo "Mr Starmer met Mr Trump." |
//! cargo run --release -p dateline-syntax --example syntax-parse [-- MODEL]`.

use dateline_core::{Document, Source};
use dateline_syntax::Syntax;
use std::io::Read;

fn main() {
    let mut raw = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut raw) {
        eprintln!("cannot read stdin: {e}");
        std::process::exit(1);
    }
    // An optional argument names another model file (for comparing candidates).
    let syntax = match std::env::args().nth(1) {
        Some(path) => Syntax::from_model(
            dateline_syntax::Model::from_bytes(&std::fs::read(&path).expect("read model"))
                .expect("load model"),
        ),
        None => Syntax::load().expect("load syntax model"),
    };
    let prepared = dateline_text::prepare(&raw);
    let mut doc = Document::new("stdin", Source::text("-"), prepared.text);
    dateline_text::segment(&mut doc);
    syntax.annotate(&mut doc);
    for s in 0..doc.sentences.len() {
        let range = doc.sentence_tokens(s);
        if range.is_empty() {
            continue;
        }
        let first = range.start;
        for i in range {
            let t = &doc.tokens[i];
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i - first + 1,
                t.text,
                t.lemma.as_deref().unwrap_or("_"),
                t.upos.map_or("_", |u| u.as_str()),
                t.xpos.as_deref().unwrap_or("_"),
                t.head.map_or(0, |h| h - first + 1),
                t.deprel.map_or("_", |d| d.as_str())
            );
        }
        println!();
    }
}

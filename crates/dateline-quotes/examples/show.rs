//! Prints the quotes dateline finds in text files, running the stages before the quote
//! stage (segment, syntax, entities) as they exist.
//!
//! `cargo run -p dateline-quotes --release --example show -- FILE...`

use dateline_core::{Document, Source};

fn main() {
    let syntax = dateline_syntax::Syntax::load().expect("syntax model");
    let entities = dateline_entities::EntityRecognizer::load().expect("entities");
    let quotes = dateline_quotes::QuoteExtractor::load().expect("quotes");
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let mut doc = Document::new(path.clone(), Source::text(&path), text);
        dateline_text::segment(&mut doc);
        syntax.annotate(&mut doc);
        entities.annotate(&mut doc);
        quotes.annotate(&mut doc);
        println!("== {path}: {} entities", doc.entities.len());
        for q in &doc.quotes {
            let who = q
                .speaker
                .as_ref()
                .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
                .map(|e| e.name.as_str())
                .unwrap_or("-");
            println!(
                "{} {:?} cue={:?} speaker_text={:?} -> {}\n    {}",
                q.id, q.kind, q.cue, q.speaker_text, who, q.text
            );
        }
    }
}

//! Prints the quotes dateline finds in text files, running the stages before the quote
//! stage (segment, syntax, entities) as they exist.
//!
//! `cargo run -p dateline-quotes --release --example show -- FILE...`

use dateline_core::{Document, Source};

fn main() {
    // A stage that fails to load (e.g. a model being retrained) is skipped with a warning:
    // the quote stage works on whatever layers exist.
    let syntax = dateline_syntax::Syntax::load()
        .map_err(|e| eprintln!("warning: syntax stage skipped: {e}"))
        .ok();
    let entities = dateline_entities::EntityRecognizer::load()
        .map_err(|e| eprintln!("warning: entities stage skipped: {e}"))
        .ok();
    let quotes = dateline_quotes::QuoteExtractor::load().expect("quotes");
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let mut doc = Document::new(path.clone(), Source::text(&path), text);
        dateline_text::segment(&mut doc);
        if let Some(syntax) = &syntax {
            syntax.annotate(&mut doc);
        }
        if let Some(entities) = &entities {
            entities.annotate(&mut doc);
        }
        quotes.annotate(&mut doc);
        println!("== {path}: {} entities", doc.entities.len());
        if std::env::var_os("DUMP_ENTITIES").is_some() {
            for e in &doc.entities {
                let roles: Vec<&str> = e.roles.iter().map(|r| r.title.as_str()).collect();
                let mentions: Vec<String> = e
                    .mentions
                    .iter()
                    .map(|m| format!("{}@{}", m.text, m.start))
                    .collect();
                println!(
                    "  {} {} {:?} roles={roles:?} mentions={mentions:?}",
                    e.id, e.name, e.kind
                );
            }
        }
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

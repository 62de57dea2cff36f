//! Prints the entities dateline finds in text files, as JSON, one document per file.
//!
//! Usage: `cargo run --release -p dateline-entities --example show_entities -- [--published YYYY-MM-DD] FILE...`

use dateline_core::{Document, Source};
use dateline_entities::EntityRecognizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let recognizer = EntityRecognizer::load()?;
    let mut published = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--published" {
            published = args.next();
            continue;
        }
        let raw = String::from_utf8_lossy(&std::fs::read(&a)?).into_owned();
        let prepared = dateline_text::prepare(&raw);
        let mut doc = Document::new(a.clone(), Source::text(a.clone()), prepared.text);
        doc.published = published.clone();
        dateline_text::segment(&mut doc);
        recognizer.annotate(&mut doc);
        println!("{}", serde_json::to_string_pretty(&doc.entities)?);
    }
    Ok(())
}

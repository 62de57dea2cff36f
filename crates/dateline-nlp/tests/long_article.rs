//! A very long article is analysed in windows: the result is one consistent document whose
//! entities are joined across windows.

use dateline_core::{Article, EntityType};
use dateline_nlp::{Options, Pipeline, WINDOW_THRESHOLD_BYTES};

#[test]
fn a_long_article_is_one_consistent_document_with_entities_joined_across_windows() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed-article.txt"
    ))
    .unwrap();
    let copies = WINDOW_THRESHOLD_BYTES / seed.len() + 2;
    let body = vec![seed.trim(); copies].join("\n\n");
    let pipeline = Pipeline::new().unwrap();
    let options = Options {
        published: Some("2025-02-15".into()),
        with_tokens: true,
    };
    let doc = pipeline.process(
        Article {
            body,
            ..Default::default()
        },
        &options,
    );
    doc.check_spans().unwrap();
    assert!(
        doc.warnings.iter().any(|w| w.contains("windows")),
        "{:?}",
        doc.warnings
    );
    // Keir Starmer is one entity with the mentions of every copy.
    let starmer: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person && e.name == "Keir Starmer")
        .collect();
    assert_eq!(starmer.len(), 1);
    assert!(starmer[0].mentions.len() >= copies * 3);
    // Ids are dense and in order, and every token's head stays in its own sentence.
    for (i, e) in doc.entities.iter().enumerate() {
        assert_eq!(e.id, format!("E{}", i + 1));
    }
    for (i, v) in doc.events.iter().enumerate() {
        assert_eq!(v.id, format!("V{}", i + 1));
    }
    for t in &doc.tokens {
        if let Some(h) = t.head {
            assert_eq!(doc.tokens[h].sentence, t.sentence);
        }
    }
    // The copies' events are the events of one copy (repeats within a window merge, as
    // repeated mentions of one event in an article do).
    let one = pipeline.process(
        Article {
            body: seed.trim().to_string(),
            ..Default::default()
        },
        &options,
    );
    let kinds = |d: &dateline_core::Document| {
        let mut k: Vec<String> = d.events.iter().map(|v| format!("{:?}", v.kind)).collect();
        k.sort();
        k.dedup();
        k
    };
    assert!(doc.events.len() >= one.events.len());
    assert_eq!(kinds(&doc), kinds(&one));
}

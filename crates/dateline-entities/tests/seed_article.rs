//! End to end on the reference article: prepare → segment (→ syntax when its model
//! loads) → entities.

use dateline_core::{Document, Entity, EntityType, MentionKind, Source};
use dateline_entities::EntityRecognizer;

fn seed_doc(with_syntax: bool) -> Option<Document> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed-article.txt"
    );
    let raw = std::fs::read_to_string(path).expect("seed article");
    let prepared = dateline_text::prepare(&raw);
    let mut doc = Document::new("seed", Source::text(path), prepared.text);
    doc.published = Some("2025-02-15".into());
    dateline_text::segment(&mut doc);
    if with_syntax {
        match dateline_syntax::Syntax::load() {
            Ok(syntax) => syntax.annotate(&mut doc),
            Err(e) => {
                eprintln!("skipping the syntax variant: {e}");
                return None;
            }
        }
    }
    // The pipeline tags times before entities: a word inside a time is not an entity.
    dateline_time::TimeTagger::load()
        .expect("time grammar loads")
        .annotate(&mut doc);
    let recognizer = EntityRecognizer::load().expect("embedded model loads");
    recognizer.annotate(&mut doc);
    Some(doc)
}

fn entity<'a>(doc: &'a Document, name: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity named {name:?}; have {:?}",
                doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

fn has_mention(e: &Entity, text: &str) -> bool {
    e.mentions.iter().any(|m| m.text == text)
}

fn has_role(doc: &Document, e: &Entity, title: &str, of: Option<&str>) -> bool {
    e.roles.iter().any(|r| {
        r.title == title
            && match of {
                None => true,
                Some(name) => {
                    r.of.as_ref()
                        .and_then(|id| doc.entities.iter().find(|x| &x.id == id))
                        .is_some_and(|x| x.name == name)
                }
            }
    })
}

fn check(doc: &Document) {
    let starmer = entity(doc, "Keir Starmer");
    assert_eq!(starmer.kind, EntityType::Person);
    assert!(has_mention(starmer, "Mr Starmer"));
    assert!(has_mention(starmer, "the Prime Minister"));
    assert!(
        starmer
            .mentions
            .iter()
            .filter(|m| m.text == "Mr Starmer")
            .count()
            >= 3,
        "bracketed [Mr Starmer’s] too"
    );
    assert!(has_role(doc, starmer, "Prime Minister", None));

    let trump = entity(doc, "Donald Trump");
    assert!(has_mention(trump, "Mr Trump"));
    assert!(has_mention(trump, "the US President"));
    assert!(has_mention(trump, "the President"));
    assert!(has_role(doc, trump, "President", Some("US")));

    let rutte = entity(doc, "Mark Rutte");
    assert!(has_role(doc, rutte, "Secretary General", Some("NATO")));
    assert!(has_role(
        doc,
        entity(doc, "Volodymyr Zelensky"),
        "President",
        None
    ));
    assert!(has_mention(
        entity(doc, "Volodymyr Zelensky"),
        "Mr Zelensky"
    ));
    let kellogg = entity(doc, "Keith Kellogg");
    assert!(has_mention(kellogg, "Kellogg"));
    assert!(has_role(doc, kellogg, "envoy to Ukraine", None));
    assert!(kellogg
        .mentions
        .iter()
        .any(|m| m.kind == MentionKind::Pronoun && m.text == "he"));
    assert!(has_role(
        doc,
        entity(doc, "Marco Rubio"),
        "Secretary of State",
        Some("US")
    ));
    assert_eq!(entity(doc, "Vladimir Putin").kind, EntityType::Person);
    let people = doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .count();
    assert_eq!(
        people,
        7,
        "seven people: {:?}",
        doc.entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .map(|e| &e.name)
            .collect::<Vec<_>>()
    );

    let nato = entity(doc, "NATO");
    assert!(has_mention(nato, "Nato"));
    assert_eq!(
        nato.codes.get("cameo").map(String::as_str),
        Some("IGOWSTNAT")
    );
    let russia = entity(doc, "Russian Federation");
    assert!(has_mention(russia, "Russia"));
    assert_eq!(russia.codes.get("iso3").map(String::as_str), Some("RUS"));
    let us = entity(doc, "US");
    assert!(has_mention(us, "United Sates"));
    assert_eq!(us.codes.get("iso3").map(String::as_str), Some("USA"));
    for name in [
        "G7",
        "Munich Security Conference",
        "White House",
        "Washington",
        "France",
        "Ukraine",
        "Europe",
        "UK",
    ] {
        entity(doc, name);
    }
    assert_eq!(
        entity(doc, "France").codes.get("iso3").map(String::as_str),
        Some("FRA")
    );
    assert_eq!(
        entity(doc, "Munich Security Conference").kind,
        EntityType::Event,
        "a gathering named after its city"
    );
    assert!(
        !doc.entities.iter().any(|e| e.name.contains("Getty")),
        "photo credit is no entity"
    );
    assert!(
        !doc.entities.iter().any(|e| e.name == "WC"),
        "\"WC 24th Feb\" is a time (week commencing), not an organisation"
    );
    assert!(!doc
        .entities
        .iter()
        .any(|e| e.mentions.iter().any(|m| m.text == "n't")));

    // Offsets are chars into doc.text.
    let chars: Vec<char> = doc.text.chars().collect();
    for e in &doc.entities {
        for m in &e.mentions {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
        for r in &e.roles {
            assert_eq!(chars[r.start..r.end].iter().collect::<String>(), r.title);
        }
    }
}

#[test]
fn reference_article_without_syntax() {
    check(&seed_doc(false).expect("document"));
}

#[test]
fn reference_article_with_syntax() {
    if let Some(doc) = seed_doc(true) {
        check(&doc);
    }
}

//! End-to-end checks on the reference article (tests/fixtures/seed-article.txt, published
//! 2025-02-15): once with hand-made entities, to test speaker linking on its own, and once
//! through the stages that precede quotes (segment, syntax, entities).

use dateline_core::{
    Document, Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, Role, Source,
};
use dateline_quotes::QuoteExtractor;

fn seed_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed-article.txt"
    );
    std::fs::read_to_string(path).expect("reference article in tests/fixtures")
}

fn find<'a>(quotes: &'a [Quote], needle: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {quotes:#?}"))
}

fn speaker_name<'a>(doc: &'a Document, q: &Quote) -> Option<&'a str> {
    let id = q.speaker.as_ref()?;
    doc.entities
        .iter()
        .find(|e| &e.id == id)
        .map(|e| e.name.as_str())
}

/// Entities as a correct entity stage would give them: names and roles from the text.
fn hand_made_entities(text: &str) -> Vec<Entity> {
    let spec: &[(&str, EntityType, &[&str], &[&str])] = &[
        (
            "Keir Starmer",
            EntityType::Person,
            &["Keir Starmer", "Mr Starmer"],
            &["Prime Minister"],
        ),
        (
            "Donald Trump",
            EntityType::Person,
            &["Donald Trump", "Mr Trump"],
            &["President"],
        ),
        (
            "Volodymyr Zelensky",
            EntityType::Person,
            &["Volodymyr Zelensky", "Mr Zelensky"],
            &["President"],
        ),
        (
            "Keith Kellogg",
            EntityType::Person,
            &["Keith Kellogg", "Kellogg"],
            &["envoy to Ukraine"],
        ),
        (
            "Mark Rutte",
            EntityType::Person,
            &["Mark Rutte"],
            &["Secretary General"],
        ),
        (
            "Marco Rubio",
            EntityType::Person,
            &["Marco Rubio"],
            &["Secretary of State"],
        ),
        (
            "Vladimir Putin",
            EntityType::Person,
            &["Vladimir Putin"],
            &[],
        ),
        (
            "Munich Security Conference",
            EntityType::Org,
            &["Munich Security Conference"],
            &[],
        ),
        ("G7", EntityType::Org, &["G7"], &[]),
        ("NATO", EntityType::Org, &["Nato", "NATO"], &[]),
        (
            "Russia",
            EntityType::Gpe,
            &["Russia", "Russian Federation"],
            &[],
        ),
        ("Ukraine", EntityType::Gpe, &["Ukraine"], &[]),
        ("United Kingdom", EntityType::Gpe, &["UK"], &[]),
        ("United States", EntityType::Gpe, &["US"], &[]),
        ("Munich", EntityType::Gpe, &["Munich"], &[]),
    ];
    let chars: Vec<char> = text.chars().collect();
    spec.iter()
        .enumerate()
        .map(|(i, (name, kind, mentions, roles))| {
            let mut found = Vec::new();
            for m in mentions.iter() {
                let mc: Vec<char> = m.chars().collect();
                for s in 0..chars.len().saturating_sub(mc.len()) {
                    let before = s == 0 || !chars[s - 1].is_alphanumeric();
                    let after = chars.get(s + mc.len()).is_none_or(|c| !c.is_alphanumeric());
                    if before && after && chars[s..s + mc.len()] == mc[..] {
                        found.push(Mention {
                            start: s,
                            end: s + mc.len(),
                            text: m.to_string(),
                            kind: MentionKind::Name,
                        });
                    }
                }
            }
            found.sort_by_key(|m| m.start);
            Entity {
                id: format!("E{}", i + 1),
                name: name.to_string(),
                kind: *kind,
                roles: roles
                    .iter()
                    .map(|r| Role {
                        title: r.to_string(),
                        of: None,
                        start: 0,
                        end: 0,
                    })
                    .collect(),
                mentions: found,
                codes: Default::default(),
            }
        })
        .collect()
}

/// What must hold whatever the entities are.
fn check_spans_and_kinds(quotes: &[Quote]) {
    let ids: Vec<String> = (1..=quotes.len()).map(|i| format!("Q{i}")).collect();
    assert_eq!(quotes.iter().map(|q| q.id.clone()).collect::<Vec<_>>(), ids);
    assert!(
        quotes.windows(2).all(|w| w[0].start <= w[1].start),
        "text order"
    );

    let pm1 = find(quotes, "This is a once in a generation moment");
    let pm2 = find(quotes, "It’s clear Europe must take on a greater role");
    for q in [pm1, pm2] {
        assert_eq!(q.kind, QuoteKind::Direct);
        assert_eq!(q.speaker_text.as_deref(), Some("the Prime Minister"));
        assert_eq!(q.cue.as_deref(), Some("said"));
    }
    assert!(
        pm2.text.ends_with("the external enemies we face."),
        "whole paragraph: {:?}",
        pm2.text
    );

    let trump = find(quotes, "his [Mr Starmer’s] request, not mine");
    assert_eq!(trump.text, "his [Mr Starmer’s] request, not mine");
    assert_eq!(trump.kind, QuoteKind::Partial);
    assert_eq!(trump.speaker_text.as_deref(), Some("the President"));
    assert_eq!(trump.cue.as_deref(), Some("dismissing"));

    let steer = quotes
        .iter()
        .find(|q| q.text == "steer the US where others can’t.")
        .expect("the Munich partial quote");
    assert_eq!(steer.kind, QuoteKind::Partial);
    assert_eq!(
        steer.speaker_text.as_deref(),
        Some("sources at the Munich Security Conference")
    );

    let k1 = find(
        quotes,
        "To me there will have to be things like territorial concessions",
    );
    let k2 = find(quotes, "There’s some territorial…renouncement");
    for q in [k1, k2] {
        assert_eq!(q.kind, QuoteKind::Direct);
        assert_eq!(q.speaker_text.as_deref(), Some("he"));
        assert_eq!(q.cue.as_deref(), Some("said"));
    }
    assert!(k2.text.ends_with("maybe he’s uncomfortable with."));

    let accepted = find(quotes, "Russia would have to give back territory");
    assert_eq!(accepted.kind, QuoteKind::Indirect);
    assert_eq!(accepted.cue.as_deref(), Some("accepted"));
    assert!(accepted
        .text
        .starts_with("Russia would have to give back territory"));

    let believe = find(quotes, "forthcoming meeting with Mr Trump could be key");
    assert_eq!(believe.kind, QuoteKind::Indirect);
    assert_eq!(believe.speaker_text.as_deref(), Some("Government sources"));
    assert_eq!(believe.cue.as_deref(), Some("believe"));
    assert!(
        !believe.text.contains("despite"),
        "the clause ends at the dash: {:?}",
        believe.text
    );

    let g7 = find(quotes, "Any new, additional sanctions after February");
    assert_eq!(g7.kind, QuoteKind::Direct);
    assert_eq!(g7.speaker_text.as_deref(), Some("the statement"));

    // The scare quote is no quote of its own.
    assert!(quotes.iter().all(|q| q.text != "special relationship"));
}

#[test]
fn reference_article_with_hand_made_entities() {
    let text = seed_text();
    let mut doc = Document::new("seed", Source::text("seed-article.txt"), text.clone());
    doc.published = Some("2025-02-15".into());
    doc.entities = hand_made_entities(&text);
    QuoteExtractor::load().unwrap().annotate(&mut doc);
    let quotes = doc.quotes.clone();
    check_spans_and_kinds(&quotes);
    let who = |needle: &str| speaker_name(&doc, find(&quotes, needle));
    assert_eq!(
        who("This is a once in a generation moment"),
        Some("Keir Starmer")
    );
    assert_eq!(who("It’s clear Europe must take on"), Some("Keir Starmer"));
    assert_eq!(who("his [Mr Starmer’s] request"), Some("Donald Trump"));
    assert_eq!(who("To me there will have to be"), Some("Keith Kellogg"));
    assert_eq!(who("There’s some territorial"), Some("Keith Kellogg"));
    assert_eq!(who("Russia would have to give back"), Some("Keith Kellogg"));
    assert_eq!(who("Any new, additional sanctions"), Some("G7"));
    let steer = quotes
        .iter()
        .find(|q| q.text == "steer the US where others can’t.")
        .unwrap();
    assert_eq!(
        speaker_name(&doc, steer),
        Some("Munich Security Conference")
    );
    // "Government sources" names no entity.
    assert_eq!(
        find(&quotes, "forthcoming meeting with Mr Trump").speaker,
        None
    );
}

#[test]
fn reference_article_through_the_pipeline_stages() {
    let text = seed_text();
    let mut doc = Document::new("seed", Source::text("seed-article.txt"), text);
    doc.published = Some("2025-02-15".into());
    dateline_text::segment(&mut doc);
    match dateline_syntax::Syntax::load() {
        Ok(syntax) => syntax.annotate(&mut doc),
        Err(e) => eprintln!("syntax stage unavailable, testing without it: {e}"),
    }
    let entities_loaded = match dateline_entities::EntityRecognizer::load() {
        Ok(entities) => {
            entities.annotate(&mut doc);
            true
        }
        Err(e) => {
            eprintln!("entities stage unavailable, testing without it: {e}");
            false
        }
    };
    QuoteExtractor::load().unwrap().annotate(&mut doc);
    let quotes = doc.quotes.clone();
    check_spans_and_kinds(&quotes);
    if !entities_loaded || doc.entities.is_empty() {
        eprintln!("no entities: speaker links not checked");
        return;
    }
    let who = |needle: &str| {
        speaker_name(&doc, find(&quotes, needle))
            .unwrap_or("-")
            .to_string()
    };
    assert!(who("This is a once in a generation moment").contains("Starmer"));
    assert!(who("It’s clear Europe must take on").contains("Starmer"));
    assert!(who("To me there will have to be").contains("Kellogg"));
    assert!(who("There’s some territorial").contains("Kellogg"));
    assert!(who("Russia would have to give back").contains("Kellogg"));
    assert!(who("Any new, additional sanctions").contains("G7"));
    // "the President" follows the entity stage's own coreference of that mention when it
    // has one; it is checked with correct entities in the test above.
}

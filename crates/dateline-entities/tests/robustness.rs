//! Any text is handled without panicking, and every offset the stage writes is a valid
//! char span of the text. The stage reads the segmenter's tokens, so documents are
//! segmented first; a document without tokens gets no entities.

use dateline_core::{Document, EntityType, Source};
use dateline_entities::EntityRecognizer;

fn check(recognizer: &EntityRecognizer, text: &str) {
    let mut unsegmented = Document::new("t", Source::text("t"), text.to_string());
    recognizer.annotate(&mut unsegmented);
    assert!(unsegmented.entities.is_empty());
    let mut doc = Document::new("t", Source::text("t"), text.to_string());
    dateline_text::segment(&mut doc);
    recognizer.annotate(&mut doc);
    let chars: Vec<char> = doc.text.chars().collect();
    for e in &doc.entities {
        assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= chars.len(), "{m:?}");
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
        for r in &e.roles {
            assert!(r.start < r.end && r.end <= chars.len());
            if let Some(of) = &r.of {
                assert!(doc.entities.iter().any(|x| &x.id == of));
            }
        }
    }
}

#[test]
fn odd_inputs_never_panic() {
    let recognizer = EntityRecognizer::load().expect("model loads");
    let long_name = "Mr ".repeat(500) + "Smith";
    let many = "President Mr Dr the the US President of Nato , , ' ’s [ ] ( ) “ ” \" ".repeat(200);
    let inputs = [
        "",
        " ",
        "\n\n\n",
        "’s",
        "n't",
        "Mr",
        "the President",
        "he said",
        "his [",
        "(\nGetty Images)",
        "By Jane Smith, BBC News",
        "\u{0}\u{1}\u{7f}\u{feff}Zürich, Ελλάδα and 東京 met in São Paulo. Ünïcödé Ltd. said so.",
        "UNITED SATES UNITED SATES UNITED SATES",
        "A-B-C-D - - -- ---",
        "U.S. St. Louis Mr. Smith Dr.",
        long_name.as_str(),
        many.as_str(),
        "Keith Kellogg, Mr Trump’s envoy to Ukraine, said: “He’s not going to.”",
    ];
    for text in inputs {
        check(&recognizer, text);
    }
    let binary: String = (0u32..2000)
        .filter_map(|c| char::from_u32(c * 37 % 0x3000))
        .collect();
    check(&recognizer, &binary);
}

#[test]
fn credits_and_bylines_are_not_entities() {
    let recognizer = EntityRecognizer::load().expect("model loads");
    let text = "By Jane Smith, BBC News\n\nPrime Minister Keir Starmer visited Paris on Monday.\n\nGetty Images\n\nHe met French officials. (Reuters)";
    let mut doc = Document::new("t", Source::text("t"), text.to_string());
    dateline_text::segment(&mut doc);
    recognizer.annotate(&mut doc);
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Keir Starmer"), "{names:?}");
    assert!(names.contains(&"Paris"), "{names:?}");
    for credit in ["Getty Images", "Reuters", "Jane Smith", "BBC News"] {
        assert!(!names.contains(&credit), "{credit} in {names:?}");
    }
}

fn entities_of(text: &str) -> Vec<(String, EntityType)> {
    let recognizer = EntityRecognizer::load().expect("model loads");
    let mut doc = Document::new("t", Source::text("t"), text.to_string());
    dateline_text::segment(&mut doc);
    recognizer.annotate(&mut doc);
    doc.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind))
        .collect()
}

#[test]
fn a_surname_that_is_also_a_month_follows_an_honorific() {
    let found = entities_of(
        "Brexit talks resumed.\n\nMrs May told MPs on Wednesday that the deal was dead.",
    );
    assert!(
        found.contains(&("May".to_string(), EntityType::Person)),
        "{found:?}"
    );
}

#[test]
fn companies_are_found_without_their_legal_form() {
    let found = entities_of(
        "Markets fell.\n\nShares in Apple fell on Tuesday after Apple warned of weaker iPhone sales. \
         He ate an apple.",
    );
    assert!(
        found.contains(&("Apple".to_string(), EntityType::Org)),
        "{found:?}"
    );
    // With its legal form or without, one company.
    let found = entities_of("Markets fell.\n\nApple Inc said sales fell. Shares in Apple dropped.");
    assert_eq!(
        found.iter().filter(|(n, _)| n.starts_with("Apple")).count(),
        1,
        "{found:?}"
    );
    // At the start of a sentence a word the article also writes in lower case is no name.
    let found = entities_of(
        "Fruit prices rose.\n\nApple prices rose. An apple a day keeps the doctor away.",
    );
    assert!(!found.iter().any(|(n, _)| n == "Apple"), "{found:?}");
}

#[test]
fn a_surname_that_is_also_a_place_completes_a_first_name() {
    let found = entities_of(
        "Row over remarks.\n\nMayor Ken Livingstone compared a reporter to a guard. \
         Livingstone later refused to apologise.",
    );
    assert!(
        found.contains(&("Ken Livingstone".to_string(), EntityType::Person)),
        "{found:?}"
    );
    assert!(!found.iter().any(|(n, _)| n == "Livingstone"), "{found:?}");
}

#[test]
fn two_known_names_joined_by_and_are_two_entities() {
    let found = entities_of("Deal done.\n\nGoogle and Apple agreed a deal on Monday.");
    assert!(
        found.contains(&("Google".to_string(), EntityType::Org)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Apple".to_string(), EntityType::Org)),
        "{found:?}"
    );
}

#[test]
fn a_role_set_off_before_the_name_is_read() {
    let recognizer = EntityRecognizer::load().expect("model loads");
    let text =
        "Talks go on.\n\nRussia's foreign minister, Sergei Lavrov, said talks would continue. \
                A member of the Syrian parliament, Mohammed Mamoun, started a hunger strike.";
    let mut doc = Document::new("t", Source::text("t"), text.to_string());
    dateline_text::segment(&mut doc);
    recognizer.annotate(&mut doc);
    let person = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", doc.entities))
    };
    let lavrov = person("Sergei Lavrov");
    assert_eq!(lavrov.roles[0].title, "foreign minister");
    assert_eq!(lavrov.codes.get("country").map(String::as_str), Some("RUS"));
    let mamoun = person("Mohammed Mamoun");
    assert_eq!(mamoun.roles[0].title, "member of the Syrian parliament");
    assert_eq!(mamoun.codes.get("country").map(String::as_str), Some("SYR"));
}

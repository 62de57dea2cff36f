//! Behaviour tests on small synthetic texts, with hand-made entities for speaker linking.

use super::*;
use dateline_core::{Entity, EntityType, Mention, MentionKind, Role, Source};

fn doc_with(text: &str, entities: &[(&str, EntityType, &[&str], &[&str])]) -> Document {
    let mut doc = Document::new("t", Source::text("t"), text.into());
    let chars: Vec<char> = text.chars().collect();
    for (i, (name, kind, mentions, roles)) in entities.iter().enumerate() {
        let mut e = Entity {
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
            mentions: Vec::new(),
            codes: Default::default(),
        };
        // Every occurrence of each mention string (whole words), in char offsets.
        for m in mentions.iter() {
            let mc: Vec<char> = m.chars().collect();
            for s in 0..chars.len().saturating_sub(mc.len() - 1) {
                let boundary_before = s == 0 || !chars[s - 1].is_alphanumeric();
                let boundary_after = chars.get(s + mc.len()).is_none_or(|c| !c.is_alphanumeric());
                if chars[s..s + mc.len()] == mc[..] && boundary_before && boundary_after {
                    e.mentions.push(Mention {
                        start: s,
                        end: s + mc.len(),
                        text: m.to_string(),
                        kind: MentionKind::Name,
                    });
                }
            }
        }
        e.mentions.sort_by_key(|m| m.start);
        doc.entities.push(e);
    }
    doc
}

fn run(doc: &mut Document) -> Vec<Quote> {
    QuoteExtractor::load().unwrap().annotate(doc);
    doc.quotes.clone()
}

fn run_text(text: &str) -> Vec<Quote> {
    run(&mut doc_with(text, &[]))
}

fn speaker_name(doc: &Document, q: &Quote) -> Option<String> {
    let id = q.speaker.as_ref()?;
    doc.entities
        .iter()
        .find(|e| &e.id == id)
        .map(|e| e.name.clone())
}

#[test]
fn empty_and_odd_text_has_no_quotes() {
    assert!(run_text("").is_empty());
    assert!(run_text("   \n\n  ").is_empty());
    for odd in [
        "“",
        "”,” said",
        "\"\"\"",
        "said said said",
        "according to",
        "‘’‘’",
        "\u{0}“x”\u{0}",
    ] {
        let _ = run_text(odd);
    }
}

#[test]
fn trailing_and_inverted_attributions() {
    let q = run_text("“We will not back down,” the minister said.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].speaker_text.as_deref(), Some("the minister"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));

    let q = run_text("“It is over,” said Mark Rutte, the Nato chief.");
    assert_eq!(q[0].speaker_text.as_deref(), Some("Mark Rutte"));

    let q = run_text("\"Straight quotes work too,\" she told reporters.");
    assert_eq!(q[0].text, "Straight quotes work too,");
    assert_eq!(q[0].speaker_text.as_deref(), Some("she"));
    assert_eq!(q[0].cue.as_deref(), Some("told"));
}

#[test]
fn colon_and_according_to() {
    let q = run_text("The senator said: “This bill is a disgrace and we will fight it.”");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].speaker_text.as_deref(), Some("The senator"));

    let q = run_text("The economy grew by 3% last year, according to the central bank.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].text, "The economy grew by 3% last year");
    assert_eq!(q[0].cue.as_deref(), Some("according to"));
    assert_eq!(q[0].speaker_text.as_deref(), Some("the central bank"));
}

#[test]
fn split_quote_and_paragraph_continuation_keep_the_speaker() {
    let text = "‘We tried everything,’ Jones said. ‘Nothing worked for the team.’\n\
                “A new paragraph of quotation opens here,” Smith added.\n\
                “And a second paragraph with no cue goes on speaking for him.”";
    let mut doc = doc_with(
        text,
        &[
            ("Ann Jones", EntityType::Person, &["Jones"], &[]),
            ("Bob Smith", EntityType::Person, &["Smith"], &[]),
        ],
    );
    let q = run(&mut doc);
    assert_eq!(q.len(), 4, "{q:#?}");
    let names: Vec<Option<String>> = q.iter().map(|x| speaker_name(&doc, x)).collect();
    assert_eq!(names[0].as_deref(), Some("Ann Jones"));
    assert_eq!(names[1].as_deref(), Some("Ann Jones"));
    assert_eq!(names[2].as_deref(), Some("Bob Smith"));
    assert_eq!(names[3].as_deref(), Some("Bob Smith"));
    assert_eq!(q[1].text, "Nothing worked for the team.");
}

#[test]
fn unclosed_paragraph_continues_into_the_next() {
    let text = "“The first paragraph opens the quote and does not close it.\n\
                “The second paragraph reopens and closes it,” the chairman said.";
    let q = run_text(text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert!(q[0].text.starts_with("The first paragraph"));
    assert!(q[0].text.ends_with("closes it,"));
    assert_eq!(q[0].speaker_text.as_deref(), Some("the chairman"));
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    assert!(run_text("The UK’s ‘special relationship’ means a lot to both countries.").is_empty());
    assert!(run_text("She starred in the film “The Long Goodbye” in 1973.").is_empty());
    assert!(run_text("They called it the “new normal” era of politics.")
        .iter()
        .all(|q| q.kind != QuoteKind::Partial));
    // A short fragment framed by a cue is a partial quote.
    let q = run_text("The mayor called the plan “a disgrace”.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Partial);
    assert_eq!(q[0].speaker_text.as_deref(), Some("The mayor"));
}

#[test]
fn apostrophes_do_not_open_quotes() {
    let q = run_text(
        "It’s Ukraine’s future, back in the ’90s, when rock ’n’ roll ruled the leaders’ summit.",
    );
    assert!(q.is_empty(), "{q:#?}");
}

#[test]
fn reported_speech_has_the_complement_clause() {
    let q = run_text("Kellogg accepted Russia would have to give back territory.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].text, "Russia would have to give back territory");
    assert_eq!(q[0].cue.as_deref(), Some("accepted"));
    assert_eq!(q[0].speaker_text.as_deref(), Some("Kellogg"));

    let q = run_text("The minister told reporters that the talks had collapsed.");
    assert_eq!(q[0].text, "the talks had collapsed");
    assert_eq!(q[0].speaker_text.as_deref(), Some("The minister"));

    let q = run_text("Secret Service protocol called for a trauma centre visit, sources said.");
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].text,
        "Secret Service protocol called for a trauma centre visit"
    );
    assert_eq!(q[0].speaker_text.as_deref(), Some("sources"));

    // "accepted" with an object, not a clause, is no reported speech.
    assert!(run_text("The company accepted the offer on Monday.").is_empty());
}

#[test]
fn speakers_link_by_pronoun_office_and_document() {
    let text = "Keith Kellogg met Mr Zelensky in Kyiv.\n\
                “Peace will take time,” he said.\n\
                Keir Starmer will travel to Washington.\n\
                “This is a generational moment,” the Prime Minister said.\n\
                G7 ministers met in Munich. “Sanctions must continue,” the statement said.";
    let mut doc = doc_with(
        text,
        &[
            (
                "Keith Kellogg",
                EntityType::Person,
                &["Keith Kellogg"],
                &["envoy to Ukraine"],
            ),
            (
                "Volodymyr Zelensky",
                EntityType::Person,
                &["Zelensky"],
                &["President"],
            ),
            ("Keir Starmer", EntityType::Person, &["Keir Starmer"], &[]),
            ("G7", EntityType::Org, &["G7"], &[]),
            ("Munich", EntityType::Gpe, &["Munich"], &[]),
        ],
    );
    let q = run(&mut doc);
    assert_eq!(q.len(), 3, "{q:#?}");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Keith Kellogg"));
    assert_eq!(speaker_name(&doc, &q[1]).as_deref(), Some("Keir Starmer"));
    assert_eq!(speaker_name(&doc, &q[2]).as_deref(), Some("G7"));
    assert_eq!(q[2].speaker_text.as_deref(), Some("the statement"));
}

#[test]
fn ids_follow_text_order() {
    let q = run_text("Officials said the vote was delayed. “We regret it,” the mayor said.");
    let ids: Vec<&str> = q.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["Q1", "Q2"]);
    assert!(q[0].start < q[1].start);
    let doc = Document::new("x", Source::text("x"), String::new());
    let _ = doc; // offsets are chars: checked against the text below
    let text = "“Ünïcödé wörds here,” she said.";
    let q = run_text(text);
    let chars: Vec<char> = text.chars().collect();
    let sliced: String = chars[q[0].start..q[0].end].iter().collect();
    assert_eq!(sliced, q[0].text);
}

#[test]
fn random_text_never_panics() {
    const ALPHABET: &[&str] = &[
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "''",
        "\n",
        "\n\n",
        " ",
        ",",
        ".",
        ":",
        ";",
        "–",
        "—",
        "(",
        ")",
        "said",
        "he",
        "she",
        "told",
        "according to",
        "that",
        "The",
        "Mr",
        "Smith",
        "would",
        "X",
        "é",
        "\u{0}",
        "…",
        "?",
        "!",
        "“Yes,”",
        "and",
        "sources",
        "the statement",
    ];
    let extractor = QuoteExtractor::load().unwrap();
    let mut state: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 40) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
            if state.is_multiple_of(3) {
                text.push(' ');
            }
        }
        let mut doc = doc_with(&text, &[("Mr Smith", EntityType::Person, &["Smith"], &[])]);
        extractor.annotate(&mut doc);
        let n = text.chars().count();
        for q in &doc.quotes {
            assert!(q.start <= q.end && q.end <= n, "{text:?}: {q:?}");
        }
    }
}

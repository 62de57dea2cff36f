//! The reference article's key sentences must parse with the right subjects and objects,
//! with either parser.

use dateline_core::{Deprel, Document, Source};
use dateline_syntax::{ParserKind, Syntax};

/// Both parsers, loaded once.
fn parsers() -> [&'static Syntax; 2] {
    static PERCEPTRON: std::sync::OnceLock<Syntax> = std::sync::OnceLock::new();
    static NEURAL: std::sync::OnceLock<Syntax> = std::sync::OnceLock::new();
    [
        PERCEPTRON.get_or_init(|| Syntax::load_kind(ParserKind::Perceptron).expect("model loads")),
        NEURAL.get_or_init(|| Syntax::load_kind(ParserKind::Neural).expect("model loads")),
    ]
}

/// The sentence parsed by each parser.
fn parse(text: &str) -> Vec<Document> {
    parsers()
        .into_iter()
        .map(|syntax| {
            let mut doc = Document::new("t", Source::text("-"), text.to_string());
            dateline_text::segment(&mut doc);
            syntax.annotate(&mut doc);
            doc
        })
        .collect()
}

/// Asserts an arc `relation(head, dependent)`, relation matched on its universal part
/// against any of `relations`. A word inside a multi-word name stands for the name: UD
/// heads "Keir Starmer" on "Keir" (`flat`), so the arc is checked on the name's head.
fn assert_arc(docs: &[Document], relations: &[&str], head: &str, dependent: &str) {
    for doc in docs {
        assert_arc_in(doc, relations, head, dependent);
    }
}

fn assert_arc_in(doc: &Document, relations: &[&str], head: &str, dependent: &str) {
    let find = |word: &str| {
        doc.tokens
            .iter()
            .position(|t| t.text == word)
            .unwrap_or_else(|| panic!("no token {word:?}"))
    };
    let name_head = |mut i: usize| {
        while doc.tokens[i]
            .deprel
            .is_some_and(|r| r.base() == Deprel::Flat)
        {
            match doc.tokens[i].head {
                Some(h) => i = h,
                None => break,
            }
        }
        i
    };
    let (h, d) = (name_head(find(head)), name_head(find(dependent)));
    let t = &doc.tokens[d];
    let universal = t.deprel.map_or("", |d| d.base().as_str());
    let parse: Vec<String> = doc
        .tokens
        .iter()
        .map(|t| {
            format!(
                "{}/{}<-{}:{}",
                t.text,
                t.upos.map_or("?", |u| u.as_str()),
                t.head
                    .map(|h| doc.tokens[h].text.as_str())
                    .unwrap_or("ROOT"),
                t.deprel.map_or("?", |d| d.as_str())
            )
        })
        .collect();
    assert!(
        t.head == Some(h) && relations.contains(&universal),
        "expected {relations:?}({head}, {dependent}); parse: {}",
        parse.join(" ")
    );
}

#[test]
fn starmer_will_travel_to_meet_trump() {
    let docs = parse(
        "Keir Starmer will travel to Washington to meet Donald Trump, following an expected \
         meeting of European leaders to discuss Ukraine, it is understood.",
    );
    assert_arc(&docs, &["nsubj"], "travel", "Starmer");
    assert_arc(&docs, &["xcomp", "advcl"], "travel", "meet");
    assert_arc(&docs, &["obj"], "meet", "Trump");
}

#[test]
fn starmer_spoke_to_zelensky() {
    let docs = parse(
        "Mr Starmer spoke to President Volodymyr Zelensky on Friday Morning, and discussed the \
         importance of a US Security guarantee that Vladimir Putin does not attack Ukraine again \
         once peace is reached.",
    );
    assert_arc(&docs, &["nsubj"], "spoke", "Starmer");
    assert_arc(&docs, &["obl"], "spoke", "Zelensky");
}

#[test]
fn ministers_agreed_to_continue_pursuing_a_deal() {
    let docs = parse(
        "G7 foreign ministers at the Munich summit agreed to continue pursuing a strong peace \
         deal for Ukraine – with robust security guarantees.",
    );
    assert_arc(&docs, &["nsubj"], "agreed", "ministers");
    assert_arc(&docs, &["xcomp"], "agreed", "continue");
    assert_arc(&docs, &["obj"], "pursuing", "deal");
}

#[test]
fn degenerate_documents_do_not_panic() {
    for syntax in parsers() {
        degenerate_documents(syntax);
    }
}

fn degenerate_documents(syntax: &Syntax) {
    for text in ["", "Hello", "...", "\u{0}\u{1}", "“”", "A\n\nB"] {
        let mut doc = Document::new("t", Source::text("-"), text.to_string());
        dateline_text::segment(&mut doc);
        syntax.annotate(&mut doc);
        for t in &doc.tokens {
            assert!(t.upos.is_some());
            assert!(t.head.is_none_or(|h| h < doc.tokens.len()));
        }
    }
    // A 600-token "sentence" without any full stop: one tree, every head in range.
    let long = "the minister said that ".repeat(150);
    let mut doc = Document::new("t", Source::text("-"), long);
    dateline_text::segment(&mut doc);
    syntax.annotate(&mut doc);
    assert!(doc.tokens.len() >= 600);
    assert!(doc.tokens.iter().all(|t| t.deprel.is_some()));
}

#[test]
fn one_token_sentences_are_roots() {
    for syntax in parsers() {
        one_token_sentence(syntax);
    }
}

fn one_token_sentence(syntax: &Syntax) {
    let mut doc = Document::new("t", Source::text("-"), "Yes".to_string());
    dateline_text::segment(&mut doc);
    syntax.annotate(&mut doc);
    assert_eq!(doc.tokens.len(), 1);
    assert_eq!(doc.tokens[0].head, None);
    assert_eq!(doc.tokens[0].deprel, Some(Deprel::Root));
}

#[test]
fn a_name_is_one_object_not_two() {
    // The neural parser alone made "Donald" and "Trump" two objects of "meet".
    let docs = parse("Keir Starmer will meet Donald Trump in Washington next week.");
    assert_arc(&docs, &["obj"], "meet", "Trump");
    for doc in &docs {
        let trump = doc.tokens.iter().position(|t| t.text == "Trump").unwrap();
        assert_eq!(doc.tokens[trump].deprel, Some(Deprel::Flat));
        assert_eq!(doc.tokens[trump].head, Some(trump - 1));
    }
}

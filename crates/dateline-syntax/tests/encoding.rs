//! The neural parser leaves its BiLSTM states on the document as the shared token encoding.

use dateline_core::{Document, Source};
use dateline_syntax::{ParserKind, Syntax};

const TEXT: &str = "Keir Starmer will meet Donald Trump in Washington next week. \
                    The talks will cover Ukraine, and the talks may run late.";

fn annotated(syntax: &Syntax) -> Document {
    let mut doc = Document::new("t", Source::text("-"), TEXT.to_string());
    dateline_text::segment(&mut doc);
    syntax.annotate(&mut doc);
    doc
}

#[test]
fn the_neural_parser_fills_one_vector_per_token_the_same_every_time() {
    let syntax = Syntax::load_kind(ParserKind::Neural).expect("model loads");
    let doc = annotated(&syntax);
    assert!(doc.sentences.len() == 2 && doc.tokens.len() > 20);
    let encoding = doc.encoding.as_ref().expect("an encoding");
    assert_eq!(encoding.dim(), 256);
    assert_eq!(encoding.len(), doc.tokens.len());
    assert_eq!(encoding.data().len(), doc.tokens.len() * encoding.dim());
    // States are in (-1, 1), and contextual: every token's row differs from every other's,
    // even for the same word ("the talks" twice).
    assert!(encoding.data().iter().all(|v| v.abs() <= 1.0));
    for i in 0..encoding.len() {
        for j in i + 1..encoding.len() {
            assert_ne!(encoding.row(i), encoding.row(j), "tokens {i} and {j}");
        }
    }
    let again = annotated(&syntax);
    assert_eq!(again.encoding, doc.encoding);
    assert_eq!(again.tokens, doc.tokens);
}

#[test]
fn the_perceptron_parser_leaves_no_encoding() {
    let syntax = Syntax::load_kind(ParserKind::Perceptron).expect("model loads");
    let mut doc = Document::new("t", Source::text("-"), TEXT.to_string());
    doc.encoding = Some(dateline_core::Encoding::new(1, vec![0.0]));
    dateline_text::segment(&mut doc);
    syntax.annotate(&mut doc);
    assert_eq!(doc.encoding, None);
}

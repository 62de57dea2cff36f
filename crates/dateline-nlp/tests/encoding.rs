//! The syntax stage's shared token encoding, seen through the whole pipeline.

use dateline_core::Article;
use dateline_nlp::{Options, ParserKind, Pipeline};

fn article() -> Article {
    Article {
        body: "Keir Starmer will meet Donald Trump in Washington next week.".into(),
        ..Article::default()
    }
}

#[test]
fn the_pipeline_keeps_one_vector_per_token_and_gives_the_same_each_run() {
    let pipeline = Pipeline::with_parser(ParserKind::Neural).expect("models load");
    let options = Options {
        with_tokens: true,
        ..Options::default()
    };
    let first = pipeline.process(article(), &options);
    let encoding = first.encoding.as_ref().expect("an encoding");
    assert_eq!(encoding.len(), first.tokens.len());
    assert_eq!(encoding.data().len(), first.tokens.len() * encoding.dim());
    assert_ne!(encoding.row(0), encoding.row(1));
    let second = pipeline.process(article(), &options);
    assert_eq!(second.encoding, first.encoding);
    // Without the tokens, their vectors go too.
    let without = pipeline.process(article(), &Options::default());
    assert!(without.tokens.is_empty() && without.encoding.is_none());
}

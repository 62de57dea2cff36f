//! The quotes stage's contract with the pipeline: what it reads and what it writes.

use dateline_core::{Document, Layer, Stage};

impl Stage for crate::QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Syntax,
            Layer::Entities,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn annotate(&self, doc: &mut Document) {
        crate::QuoteExtractor::annotate(self, doc)
    }
}

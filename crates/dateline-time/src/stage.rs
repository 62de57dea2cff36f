//! The times stage's contract with the pipeline: what it reads and what it writes.

use dateline_core::{Document, Layer, Stage};

impl Stage for crate::TimeTagger {
    fn name(&self) -> &'static str {
        "times"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Published,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Syntax,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Times]
    }

    fn annotate(&self, doc: &mut Document) {
        crate::TimeTagger::annotate(self, doc)
    }
}

//! The events stage's contract with the pipeline: what it reads and what it writes.

use dateline_core::{Document, Layer, Stage};

impl Stage for crate::EventExtractor {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Syntax,
            Layer::Times,
            Layer::Entities,
            Layer::Quotes,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::Entities]
    }

    fn annotate(&self, doc: &mut Document) {
        crate::EventExtractor::annotate(self, doc)
    }
}

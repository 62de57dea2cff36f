//! The entities stage's contract with the pipeline: what it reads and what it writes.

use dateline_core::{Document, Layer, Stage};

impl Stage for crate::EntityRecognizer {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Syntax]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn annotate(&self, doc: &mut Document) {
        crate::EntityRecognizer::annotate(self, doc)
    }
}

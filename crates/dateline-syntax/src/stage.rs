//! The syntax stage's contract with the pipeline: what it reads and what it writes.

use dateline_core::{Document, Layer, Stage};

impl Stage for crate::Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Syntax, Layer::Encoding]
    }

    fn annotate(&self, doc: &mut Document) {
        crate::Syntax::annotate(self, doc)
    }
}

//! Part-of-speech tags, lemmas and dependency arcs (UD) for a document's tokens.

use dateline_core::{Document, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct Syntax {}

impl Syntax {
    /// Loads the stage's resources.
    pub fn load() -> Result<Self> {
        Ok(Syntax {})
    }

    /// Adds this stage's layer to `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}

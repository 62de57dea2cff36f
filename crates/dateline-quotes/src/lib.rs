//! Direct, partial and reported speech tied to speaker entities.

use dateline_core::{Document, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct QuoteExtractor {}

impl QuoteExtractor {
    /// Loads the stage's resources.
    pub fn load() -> Result<Self> {
        Ok(QuoteExtractor {})
    }

    /// Adds this stage's layer to `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}

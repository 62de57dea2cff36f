//! Time expressions (TIMEX3) normalised against the document's publication date.

use dateline_core::{Document, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct TimeTagger {}

impl TimeTagger {
    /// Loads the stage's resources.
    pub fn load() -> Result<Self> {
        Ok(TimeTagger {})
    }

    /// Adds this stage's layer to `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}

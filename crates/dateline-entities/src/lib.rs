//! Named entities merged into one entity per referent, with roles and codes.

use dateline_core::{Document, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct EntityRecognizer {}

impl EntityRecognizer {
    /// Loads the stage's resources.
    pub fn load() -> Result<Self> {
        Ok(EntityRecognizer {})
    }

    /// Adds this stage's layer to `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}

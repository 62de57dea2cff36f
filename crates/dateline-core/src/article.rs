use crate::{PublishedFrom, Source};
use serde::{Deserialize, Serialize};

/// What a reader produces: an article's raw body and metadata, before any NLP.
///
/// Readers (text, JSONL, HTML, feeds, WARC) never tokenise or tag; the pipeline turns an
/// `Article` into a [`crate::Document`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// A stable id given by the input; when absent the pipeline derives one from the text.
    pub id: Option<String>,
    /// The headline, when the input gives one.
    pub title: Option<String>,
    /// The body text. It may begin with the title (plain-text files do); when it does not,
    /// the pipeline puts the title on the first line of the document text.
    pub body: String,
    /// `YYYY-MM-DD` or RFC 3339.
    pub published: Option<String>,
    /// Where `published` came from.
    pub published_from: PublishedFrom,
    /// The byline, when the input gives one.
    pub author: Option<String>,
    /// Where the article was read from; the pipeline fills a plain-text source when absent.
    pub source: Option<Source>,
    /// Notes from the reader (replaced bytes, skipped markup…), copied into the document's warnings.
    pub warnings: Vec<String>,
}

//! The dateline pipeline: turns an [`Article`] into a [`Document`] with every layer.
//!
//! Stages run in order — prepare, segment, syntax, times, entities, quotes, events — and
//! each reads the layers before it and adds its own. The [`Pipeline`] loads every model
//! once; it is `Sync`, so one pipeline serves all threads of a batch.
//!
//! ```
//! use dateline_core::Article;
//! use dateline_nlp::{Pipeline, Options};
//!
//! let pipeline = Pipeline::new().unwrap();
//! let article = Article { body: "Mr Starmer spoke to Mr Trump on Friday.".into(), ..Default::default() };
//! let doc = pipeline.process(article, &Options::default());
//! assert_eq!(doc.schema, "dateline.document/1");
//! assert!(!doc.sentences.is_empty());
//! ```

use dateline_core::{Article, Document, PublishedFrom, Source, SourceFormat};

pub use dateline_core as core;

/// Per-run options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publication date to anchor relative dates, overriding the article's own.
    pub published: Option<String>,
    /// Keep the tokens layer in the output document.
    pub with_tokens: bool,
}

/// Every stage's resources, loaded once.
pub struct Pipeline {
    syntax: dateline_syntax::Syntax,
    times: dateline_time::TimeTagger,
    entities: dateline_entities::EntityRecognizer,
    quotes: dateline_quotes::QuoteExtractor,
    events: dateline_events::EventExtractor,
}

impl Pipeline {
    /// Loads every stage's models and lexicons.
    pub fn new() -> dateline_core::Result<Self> {
        Ok(Pipeline {
            syntax: dateline_syntax::Syntax::load()?,
            times: dateline_time::TimeTagger::load()?,
            entities: dateline_entities::EntityRecognizer::load()?,
            quotes: dateline_quotes::QuoteExtractor::load()?,
            events: dateline_events::EventExtractor::load()?,
        })
    }

    /// Runs every stage on one article.
    pub fn process(&self, article: Article, options: &Options) -> Document {
        let mut doc = self.prepare(article, options);
        dateline_text::segment(&mut doc);
        self.syntax.annotate(&mut doc);
        self.times.annotate(&mut doc);
        self.entities.annotate(&mut doc);
        self.quotes.annotate(&mut doc);
        self.events.annotate(&mut doc);
        if !options.with_tokens {
            doc.tokens = Vec::new();
        }
        doc
    }

    /// Builds the document shell: prepared text, id, title and publication date.
    pub fn prepare(&self, article: Article, options: &Options) -> Document {
        let Article {
            id,
            title,
            body,
            published,
            published_from,
            source,
            warnings,
            ..
        } = article;
        let raw = match &title {
            Some(t) if !body.trim_start().starts_with(t.trim()) && !t.trim().is_empty() => {
                format!("{}\n\n{}", t.trim(), body)
            }
            _ => body,
        };
        let prepared = dateline_text::prepare(&raw);
        let source = source.unwrap_or(Source {
            path: None,
            url: None,
            format: SourceFormat::Text,
        });
        let id = id.unwrap_or_else(|| content_id(&source, &prepared.text));
        let mut doc = Document::new(id, source, prepared.text);
        doc.title = title;
        match (&options.published, published) {
            (Some(p), _) => {
                doc.published = Some(p.clone());
                doc.published_from = PublishedFrom::Given;
            }
            (None, Some(p)) => {
                doc.published = Some(p);
                doc.published_from = if published_from == PublishedFrom::None {
                    PublishedFrom::Given
                } else {
                    published_from
                };
            }
            (None, None) => {}
        }
        doc.warnings = warnings;
        doc.warnings.extend(prepared.warnings);
        doc
    }
}

/// A stable id from the source and text: FNV-1a 64, hex. The same article always gets the
/// same id, which the store's idempotent ingest relies on.
pub fn content_id(source: &Source, text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    if let Some(url) = &source.url {
        feed(url.as_bytes());
    }
    feed(&[0]);
    feed(text.as_bytes());
    format!("{h:016x}")
}

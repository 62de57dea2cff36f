//! Text preparation: the document shell every stage starts from.
//!
//! The article's title (when the body does not already start with it) and body become the
//! prepared text (`dateline_text::prepare`), whose offset map back to the text as it was
//! read is kept on the document. The publication date is the one given (options first,
//! then the article's own) or, failing both, the one the text states about itself
//! ("Published 15 February 2025", a news-agency dateline): it is found here, once, before
//! any stage runs, so the time stage only reads it.

use crate::{content_id, Options};
use dateline_core::{Article, Document, PublishedFrom, Source, SourceFormat};

/// Builds the prepared document of `article`.
pub(crate) fn prepare(article: Article, options: &Options) -> Document {
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
    drop(raw);
    let source = source.unwrap_or(Source {
        path: None,
        url: None,
        format: SourceFormat::Text,
    });
    let id = id.unwrap_or_else(|| content_id(&source, &prepared.text));
    let mut doc = Document::new(id, source, prepared.text);
    doc.offsets = prepared.offsets;
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
        (None, None) => {
            if let Some(p) = dateline_time::publication_date_from_text(&doc.text) {
                doc.published = Some(p);
                doc.published_from = PublishedFrom::Text;
            }
        }
    }
    doc.warnings = warnings;
    doc.warnings.extend(prepared.warnings);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_leads_the_text_and_offsets_point_back_into_it() {
        let article = Article {
            title: Some("Talks end".into()),
            body: "Ministers  left\r\non Friday.".into(),
            ..Default::default()
        };
        let doc = prepare(article, &Options::default());
        assert!(doc.text.starts_with("Talks end\n\nMinisters"));
        // "Friday" sits one char earlier in the prepared text than in the raw one (CR gone).
        let at = doc.text.find("Friday").unwrap();
        let (s, e) = doc.original_span(at, at + 6);
        assert_eq!((s, e), (at + 1, at + 7));
    }

    #[test]
    fn a_date_the_text_states_is_found_once_here() {
        let article = Article {
            body: "Published 15 February 2025\nTalks ended on Friday.".into(),
            ..Default::default()
        };
        let doc = prepare(article, &Options::default());
        assert_eq!(doc.published.as_deref(), Some("2025-02-15"));
        assert_eq!(doc.published_from, PublishedFrom::Text);
        let given = Options {
            published: Some("2025-03-01".into()),
            ..Default::default()
        };
        let article = Article {
            body: "Published 15 February 2025\nTalks.".into(),
            ..Default::default()
        };
        let doc = prepare(article, &given);
        assert_eq!(doc.published.as_deref(), Some("2025-03-01"));
        assert_eq!(doc.published_from, PublishedFrom::Given);
    }
}

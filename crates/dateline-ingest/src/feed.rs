//! RSS 0.9x/1.0/2.0, Atom and JSON Feed files → one [`Article`] per item (parsed by
//! `feed-rs`).
//!
//! Each item's text is its full content (`content:encoded`, Atom `<content>`, JSON Feed
//! `content_html`/`content_text`) when the feed carries it, else its summary, with the HTML
//! turned into text one paragraph a line. `published` is the item's own date (its update
//! date when it has no publication date); the item's link is kept in `source.url`.

use crate::html::fragment_text;
use dateline_core::{Article, Error, PublishedFrom, Result, Source, SourceFormat};
use feed_rs::model::{Entry, Feed, FeedType};

/// Parses a feed document (XML or JSON) into its articles.
pub fn read_feed(bytes: &[u8], path: &str) -> Result<Vec<Article>> {
    // feed-rs falls back to a random UUID for items with no id, link or feed URI; an
    // article id must be stable, so such items get none and the pipeline derives one.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, title, uri| {
            if links.is_empty() && uri.is_none() {
                String::new()
            } else {
                feed_rs::parser::generate_id(links, title, uri)
            }
        })
        .build();
    // quick-xml (under feed-rs) can panic on some malformed encodings; one bad feed must
    // not end the batch, so a panic becomes this input's error.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes)));
    let feed = match parsed {
        Ok(result) => result
            .map_err(|e| Error::input(path, format!("not a readable RSS, Atom or JSON feed: {e}")))?,
        Err(_) => {
            return Err(Error::input(
                path,
                "not a readable RSS, Atom or JSON feed: the XML parser failed on it (malformed encoding)",
            ))
        }
    };
    Ok(articles_from_feed(&feed, path))
}

/// The articles of an already parsed feed.
pub fn articles_from_feed(feed: &Feed, path: &str) -> Vec<Article> {
    let format = match feed.feed_type {
        FeedType::Atom => SourceFormat::Atom,
        FeedType::JSON => SourceFormat::Json,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => SourceFormat::Rss,
    };
    feed.entries
        .iter()
        .map(|entry| article_from_entry(entry, path, format))
        .collect()
}

fn article_from_entry(entry: &Entry, path: &str, format: SourceFormat) -> Article {
    let mut warnings = Vec::new();
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| s.content.as_str())
        .filter(|s| !s.trim().is_empty());
    let body = match (content, summary) {
        (Some(c), _) => fragment_text(c),
        (None, Some(s)) => {
            if entry.content.as_ref().is_some_and(|c| c.src.is_some()) {
                warnings.push(
                    "the item's full content is only linked (content src), so its summary is used"
                        .into(),
                );
            }
            fragment_text(s)
        }
        (None, None) => {
            warnings.push(
                "the feed item has no content or summary: only its title is available".into(),
            );
            String::new()
        }
    };
    let title = entry
        .title
        .as_ref()
        .map(|t| fragment_text(&t.content).replace('\n', " "))
        .filter(|t| !t.is_empty());
    let (published, published_from) = match entry.published.or(entry.updated) {
        Some(dt) => (
            Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            PublishedFrom::Metadata,
        ),
        None => (None, PublishedFrom::None),
    };
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let author = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Article {
        id: Some(entry.id.clone()).filter(|id| !id.is_empty()),
        title,
        body,
        published,
        published_from,
        author: Some(author).filter(|a| !a.is_empty()),
        source: Some(Source {
            path: Some(path.to_string()),
            url,
            format,
        }),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_item_content_beats_summary() {
        let xml = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example News</title><link>https://example.com/</link><description>News</description>
<item><title>Talks resume in Riyadh</title><link>https://example.com/2025/02/15/talks</link>
<guid>https://example.com/2025/02/15/talks</guid>
<pubDate>Sat, 15 Feb 2025 09:30:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Negotiators met on Friday.</p><p>They will meet again &amp; talk.</p>]]></content:encoded>
</item>
<item><title>Second</title><link>https://example.com/b</link><description>&lt;p&gt;Only a summary.&lt;/p&gt;</description></item>
</channel></rss>"#;
        let articles = read_feed(xml, "feed.xml").unwrap();
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(a.title.as_deref(), Some("Talks resume in Riyadh"));
        assert_eq!(
            a.body,
            "Negotiators met on Friday.\nThey will meet again & talk."
        );
        assert_eq!(a.published.as_deref(), Some("2025-02-15T09:30:00Z"));
        assert_eq!(a.published_from, PublishedFrom::Metadata);
        let src = a.source.as_ref().unwrap();
        assert_eq!(
            src.url.as_deref(),
            Some("https://example.com/2025/02/15/talks")
        );
        assert_eq!(src.format, SourceFormat::Rss);
        assert_eq!(articles[1].body, "Only a summary.");
        assert_eq!(articles[1].published, None);
    }

    #[test]
    fn broken_feed_is_an_error() {
        let err = read_feed(b"\x00\x01garbage", "x.xml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.xml: not a readable RSS, Atom or JSON feed"),
            "{err}"
        );
    }

    #[test]
    fn parser_panic_becomes_an_error() {
        // Found by tests/fuzz_readers.rs: quick-xml panics on this encoding switch.
        let crash = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/feed-encoding-panic.xml");
        let bytes = std::fs::read(&crash).unwrap();
        let err = read_feed(&bytes, "crash.xml").unwrap_err().to_string();
        assert!(
            err.contains("not a readable RSS, Atom or JSON feed"),
            "{err}"
        );
    }
}

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

/// quick-xml (0.42, under feed-rs) can switch encoding only while it reads its first
/// 64 bytes; an XML declaration naming another encoding that ends later makes it panic.
const XML_LOOK_AHEAD: usize = 64;

/// Keeps every XML declaration within quick-xml's look-ahead, so that it never panics:
/// a declaration may only open a document, but concatenated or spliced feeds carry more
/// of them, and padded ones run long. A long opening declaration is rewritten short with
/// its encoding; any other is renamed (`<?xml` to `<?xm_`, an ordinary processing
/// instruction that parsers skip). No text changes.
fn without_late_xml_declarations(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    const OPEN: &[u8] = b"<?xml";
    let declaration_at = |at: usize| {
        bytes[at] == b'<'
            && bytes.len() > at + OPEN.len()
            && bytes[at..at + OPEN.len()].eq_ignore_ascii_case(OPEN)
            && bytes[at + OPEN.len()].is_ascii_whitespace()
    };
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let starts = (0..bytes.len()).filter(|&at| declaration_at(at));
    for (k, at) in starts.enumerate() {
        if at < copied {
            // Inside a declaration already rewritten (an unterminated one runs into the next).
            continue;
        }
        let end = bytes[at..]
            .windows(2)
            .position(|w| w == b"?>")
            .map_or(bytes.len(), |p| at + p + 2);
        if k == 0 && end <= XML_LOOK_AHEAD {
            continue;
        }
        let out = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
        out.extend_from_slice(&bytes[copied..at]);
        let short = (k == 0)
            .then(|| xml_encoding(&bytes[at..end]))
            .flatten()
            .map(|enc| format!("<?xml version=\"1.0\" encoding=\"{enc}\"?>"))
            .filter(|d| at + d.len() <= XML_LOOK_AHEAD);
        match short {
            Some(declaration) => {
                out.extend_from_slice(declaration.as_bytes());
                copied = end;
            }
            None => {
                out.extend_from_slice(b"<?xm_");
                copied = at + OPEN.len();
            }
        }
    }
    match out {
        Some(mut v) => {
            v.extend_from_slice(&bytes[copied..]);
            std::borrow::Cow::Owned(v)
        }
        None => std::borrow::Cow::Borrowed(bytes),
    }
}

/// The `encoding="…"` value of an XML declaration, when it is a plausible label.
fn xml_encoding(declaration: &[u8]) -> Option<&str> {
    let key = declaration
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"encoding"))?;
    let rest = std::str::from_utf8(&declaration[key + 8..]).ok()?;
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let value = rest[1..].split(quote).next()?;
    (!value.is_empty()
        && value.len() <= 40
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
    .then_some(value)
}

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
    let bytes = without_late_xml_declarations(bytes);
    let parsed =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(&bytes[..])));
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
    fn a_second_xml_declaration_is_ignored_not_a_panic() {
        // Found by `fuzz/run.sh` (ingest_feed): a feed spliced into another, whose own
        // declaration switches encoding mid-document, made quick-xml panic.
        let crash = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/feed-second-xml-declaration.xml");
        let bytes = std::fs::read(&crash).unwrap();
        assert!(matches!(
            without_late_xml_declarations(&bytes),
            std::borrow::Cow::Owned(_)
        ));
        // A panic would be caught and reported as "the XML parser failed on it".
        if let Err(e) = read_feed(&bytes, "spliced.xml") {
            assert!(!e.to_string().contains("parser failed"), "{e}");
        }

        // The opening declaration padded past the look-ahead: rewritten short, encoding kept.
        let padded = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/feed-long-xml-declaration.xml");
        let bytes = std::fs::read(&padded).unwrap();
        let cleaned = without_late_xml_declarations(&bytes);
        assert!(cleaned.starts_with(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
        if let Err(e) = read_feed(&bytes, "padded.xml") {
            assert!(!e.to_string().contains("parser failed"), "{e}");
        }

        // An unterminated declaration running into the next one (found by the fuzzer).
        let nested = b"<?xml version=\"1.0\" encoding=\"utf-8\"?<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>";
        let cleaned = without_late_xml_declarations(nested);
        assert!(cleaned.ends_with(b"<title>T</title></feed>"));
        let _ = read_feed(nested, "nested.xml");

        let single = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>T</title>\
            <item><title>A</title><description>Caf\xe9 <?xml version=\"1.0\"?> x</description></item>\
            </channel></rss>";
        let cleaned = without_late_xml_declarations(single);
        assert_eq!(&cleaned[..5], b"<?xml", "the opening declaration stays");
        assert_eq!(cleaned.len(), single.len());
        assert!(!cleaned[5..].windows(5).any(|w| w == b"<?xml"));
        assert!(matches!(
            without_late_xml_declarations(b"<?xml version=\"1.0\"?><rss/>"),
            std::borrow::Cow::Borrowed(_)
        ));
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

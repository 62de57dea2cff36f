//! Input format detection from the first bytes of the content (the extension only breaks ties).

use std::io::{self, BufRead, Read};

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text: the whole input is one article.
    Text,
    /// JSON Lines: one article object a line.
    Jsonl,
    /// One HTML page.
    Html,
    /// RSS, Atom, RDF or JSON Feed.
    Feed,
    /// WARC or ARC.
    Archive,
    /// Gzip: decompress and look again.
    Gzip,
    /// Binary data that none of the readers understands.
    Binary,
}

/// How many bytes are looked at.
pub const SNIFF_BYTES: usize = 8192;

/// Decides the kind of an input from its first bytes and its name.
pub fn sniff(head: &[u8], name: &str) -> Kind {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = &head[head.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    if start.starts_with(b"WARC/") || start.starts_with(b"filedesc://") {
        return Kind::Archive;
    }
    let lower_name = name.to_ascii_lowercase();
    let lower: Vec<u8> = start
        .iter()
        .take(SNIFF_BYTES)
        .map(u8::to_ascii_lowercase)
        .collect();
    if start.starts_with(b"{") {
        if contains(&lower, b"jsonfeed.org") {
            return Kind::Feed;
        }
        return Kind::Jsonl;
    }
    if start.starts_with(b"<") {
        let is_feed = contains(&lower, b"<rss")
            || contains(&lower, b"<feed")
            || contains(&lower, b"<rdf:rdf");
        if is_feed && !contains(&lower, b"<html") {
            return Kind::Feed;
        }
        if looks_like_html(start) {
            return Kind::Html;
        }
        if start.starts_with(b"<?xml") {
            return Kind::Feed;
        }
    }
    if head.iter().take(SNIFF_BYTES).any(|&b| b == 0) {
        return Kind::Binary;
    }
    if lower_name.ends_with(".jsonl") || lower_name.ends_with(".ndjson") {
        return Kind::Jsonl;
    }
    Kind::Text
}

/// True when the bytes look like an HTML page or fragment.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let lower: Vec<u8> = bytes
        .iter()
        .take(SNIFF_BYTES)
        .map(u8::to_ascii_lowercase)
        .collect();
    let start = &lower[lower.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    start.starts_with(b"<!doctype html")
        || ["<html", "<head", "<body", "<meta", "<title", "<!--"]
            .iter()
            .any(|t| start.starts_with(t.as_bytes()))
        || (start.starts_with(b"<")
            && ["<p>", "<p ", "<div", "<article", "<br"]
                .iter()
                .any(|t| contains(&lower, t.as_bytes())))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Reads up to [`SNIFF_BYTES`] from `reader` and returns them with a reader that replays
/// them before the rest, so nothing is lost (works for pipes as well as files).
pub fn peek<R: Read + Send + 'static>(
    mut reader: R,
) -> io::Result<(Vec<u8>, Box<dyn BufRead + Send>)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let replay = io::Cursor::new(head.clone()).chain(reader);
    Ok((
        head,
        Box::new(io::BufReader::with_capacity(1 << 16, replay)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(sniff(b"WARC/1.0\r\n", "a.bin"), Kind::Archive);
        assert_eq!(
            sniff(b"filedesc://x.arc 0.0.0.0 2014 text/plain 75\n", "a"),
            Kind::Archive
        );
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0], "a.txt"), Kind::Gzip);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "a.txt"),
            Kind::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "a"),
            Kind::Feed
        );
        assert_eq!(
            sniff(
                b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                "f.json"
            ),
            Kind::Feed
        );
        assert_eq!(
            sniff(b"{\"id\": 1, \"text\": \"x\"}\n", "a.txt"),
            Kind::Jsonl
        );
        assert_eq!(sniff(b"\n  <!DOCTYPE html><html>", "page"), Kind::Html);
        assert_eq!(sniff(b"<div><p>Hello</p></div>", "x"), Kind::Html);
        assert_eq!(sniff(b"Headline\n\nBody text.", "story.html"), Kind::Text);
        assert_eq!(sniff(b"\x00\x01\x02", "x"), Kind::Binary);
        assert_eq!(sniff(b"", "x"), Kind::Text);
    }

    #[test]
    fn peek_replays_the_head() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let (head, mut rest) = peek(io::Cursor::new(data.clone())).unwrap();
        assert_eq!(head.len(), SNIFF_BYTES);
        let mut all = Vec::new();
        rest.read_to_end(&mut all).unwrap();
        assert_eq!(all, data);
    }
}

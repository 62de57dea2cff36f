//! Duplicate articles in a run: the same URL or the same words.

use dateline_core::fnv::{fnv1a64, Fnv64};
use dateline_core::Article;
use std::collections::HashSet;

/// Why an article was recognised as a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicate {
    /// An earlier article had the same normalised URL.
    SameUrl,
    /// An earlier article had the same normalised text.
    SameText,
}

/// Remembers the articles of a batch by URL and by normalised text (8-byte hashes, so a
/// run over millions of articles stays small).
#[derive(Default)]
pub struct Deduplicator {
    urls: HashSet<u64>,
    texts: HashSet<u64>,
}

impl Deduplicator {
    /// An empty deduplicator: no article seen yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Some` when this article was seen before in the batch; otherwise remembers it.
    pub fn check(&mut self, article: &Article) -> Option<Duplicate> {
        let url_key = article
            .source
            .as_ref()
            .and_then(|s| s.url.as_deref())
            .map(normalise_url)
            .filter(|u| !u.is_empty())
            .map(|u| fnv1a64(u.as_bytes()));
        let text_key = normalised_text_hash(&article.body);
        if url_key.is_some_and(|k| self.urls.contains(&k)) {
            return Some(Duplicate::SameUrl);
        }
        if text_key.is_some_and(|k| self.texts.contains(&k)) {
            return Some(Duplicate::SameText);
        }
        if let Some(k) = url_key {
            self.urls.insert(k);
        }
        if let Some(k) = text_key {
            self.texts.insert(k);
        }
        None
    }
}

/// The URL key duplicates are found by: no scheme, `www.`, fragment or trailing slash; lower case.
pub fn normalise_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_ascii_lowercase()
}

/// Hash of the text's words, lowercased, punctuation and spacing ignored. Texts of fewer
/// than five words are not compared (two empty bodies are not the same article).
/// The text key duplicates are found by: a hash of the lower-cased words (None under 5 words).
pub fn normalised_text_hash(text: &str) -> Option<u64> {
    let mut h = Fnv64::new();
    let mut words = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
        h.write(b" ");
        words += 1;
    }
    (words >= 5).then(|| h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::test_article as article;

    #[test]
    fn duplicates_by_url_and_by_text() {
        let mut d = Deduplicator::new();
        let text = "The minister said on Monday that the talks would resume next week.";
        assert_eq!(
            d.check(&article(text, Some("https://www.example.com/a/"))),
            None
        );
        assert_eq!(
            d.check(&article(
                "Other text entirely, with enough words in it.",
                Some("http://example.com/a#top")
            )),
            Some(Duplicate::SameUrl)
        );
        assert_eq!(
            d.check(&article(
                "  THE minister said, on Monday, that the talks would resume next week!",
                None
            )),
            Some(Duplicate::SameText)
        );
        assert_eq!(
            d.check(&article(
                "A different story about the weather in Paris today.",
                None
            )),
            None
        );
        assert_eq!(d.check(&article("", None)), None);
        assert_eq!(d.check(&article("", None)), None);
    }
}

//! The document index: the token layer's lookups, built once and shared by every stage.
//!
//! After segmentation and syntax, every later stage needs the same things: which token a
//! char offset falls in, the tokens of a sentence, the dependency children of a token, and
//! char ↔ byte conversion for slicing. [`DocIndex`] builds them once per document (like
//! spaCy's `Doc`, where spans are token ranges and children are computed once), instead of
//! each stage rebuilding its own. Spans inside the pipeline are [`TokenSpan`]s; char offsets
//! for the JSON are derived from them with [`DocIndex::char_span`].
//!
//! ```
//! use dateline_core::{Document, Source, Token, Sentence, TokenSpan};
//!
//! let mut doc = Document::new("d", Source::text("a.txt"), "Mr Starmer met Mr Trump.".into());
//! doc.sentences.push(Sentence { start: 0, end: 24 });
//! for (s, e, w) in [(0, 2, "Mr"), (3, 10, "Starmer"), (11, 14, "met"), (15, 17, "Mr"),
//!                   (18, 23, "Trump"), (23, 24, ".")] {
//!     doc.tokens.push(Token::new(s, e, w, 0));
//! }
//! doc.tokens[1].head = Some(2); // Starmer <- met
//! doc.tokens[4].head = Some(2); // Trump <- met
//! doc.tokens_changed();
//!
//! let index = doc.index();
//! assert_eq!(index.token_at(5), Some(1));
//! assert_eq!(index.children(2), &[1, 4]);
//! let span = index.covering(15, 23).unwrap();
//! assert_eq!(span, TokenSpan::new(3, 5));
//! assert_eq!(index.char_span(span), (15, 23));
//! assert_eq!(index.slice(&doc.text, 15, 23), "Mr Trump");
//! ```

use crate::{CharIndex, Sentence, Token};
use std::ops::Range;

/// A span of tokens: indices into [`Document::tokens`](crate::Document::tokens),
/// end-exclusive. The pipeline's internal span type; char offsets are derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TokenSpan {
    /// The first token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
}

impl TokenSpan {
    /// The tokens `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        TokenSpan {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The token indices of the span.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// How many tokens the span holds.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for a span of no tokens.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when token `t` lies in the span.
    pub fn contains(self, t: usize) -> bool {
        self.range().contains(&t)
    }
}

/// Token-level lookups over one document, built once from its text, sentences and tokens.
///
/// Memory is linear and small: a char ↔ byte table, two offsets a token, and the children
/// lists (one entry a token). Build it with [`DocIndex::build`] or take the document's own
/// through [`Document::index`](crate::Document::index).
#[derive(Debug, Clone, Default)]
pub struct DocIndex {
    chars: CharIndex,
    starts: Vec<u32>,
    ends: Vec<u32>,
    sentence_starts: Vec<u32>,
    child_offsets: Vec<u32>,
    children: Vec<u32>,
}

impl PartialEq for DocIndex {
    /// Indexes are derived data: any two compare equal, so documents compare by their layers.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl DocIndex {
    /// Builds the index of a document's text, sentences and tokens. Tokens must be in text
    /// order (as the segmenter makes them); heads that point outside `tokens` are ignored.
    pub fn build(text: &str, sentences: &[Sentence], tokens: &[Token]) -> Self {
        let n = tokens.len();
        let starts: Vec<u32> = tokens.iter().map(|t| t.start as u32).collect();
        let ends: Vec<u32> = tokens.iter().map(|t| t.end as u32).collect();
        // Sentence s starts at token sentence_starts[s]; one more entry closes the last.
        let mut sentence_starts = Vec::with_capacity(sentences.len() + 1);
        for s in 0..sentences.len() {
            sentence_starts.push(tokens.partition_point(|t| t.sentence < s) as u32);
        }
        sentence_starts.push(n as u32);
        // Children in compressed rows: count, prefix-sum, fill (children in token order).
        let mut child_offsets = vec![0u32; n + 1];
        // A head outside the tokens, or a token as its own head, is no arc.
        let head = |i: usize, t: &Token| t.head.filter(|&h| h < n && h != i);
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = head(i, t) {
                child_offsets[h + 1] += 1;
            }
        }
        for i in 0..n {
            child_offsets[i + 1] += child_offsets[i];
        }
        let mut fill = child_offsets.clone();
        let mut children = vec![0u32; child_offsets[n] as usize];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = head(i, t) {
                children[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        DocIndex {
            chars: CharIndex::new(text),
            starts,
            ends,
            sentence_starts,
            child_offsets,
            children,
        }
    }

    /// The number of tokens indexed.
    pub fn token_count(&self) -> usize {
        self.starts.len()
    }

    /// The char ↔ byte table of the text.
    pub fn chars(&self) -> &CharIndex {
        &self.chars
    }

    /// The text between char offsets `start` and `end` (clamped, never panics).
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> &'a str {
        self.chars().slice(text, start, end)
    }

    /// The token whose chars include char offset `c`, if any (none in whitespace).
    pub fn token_at(&self, c: usize) -> Option<usize> {
        let c = c as u32;
        let i = self.starts.partition_point(|&s| s <= c);
        (i > 0 && c < self.ends[i - 1]).then(|| i - 1)
    }

    /// The tokens that overlap the char span `start..end`.
    pub fn overlapping(&self, start: usize, end: usize) -> TokenSpan {
        let lo = self.ends.partition_point(|&e| e <= start as u32);
        let hi = self.starts.partition_point(|&s| s < end as u32);
        TokenSpan::new(lo, hi.max(lo))
    }

    /// The smallest token span covering the char span `start..end`; `None` when no token
    /// overlaps it.
    pub fn covering(&self, start: usize, end: usize) -> Option<TokenSpan> {
        let span = self.overlapping(start, end);
        (!span.is_empty()).then_some(span)
    }

    /// The char span `(start, end)` of a token span, end-exclusive. An empty span gives the
    /// empty char span where its tokens would start.
    pub fn char_span(&self, span: TokenSpan) -> (usize, usize) {
        let r = span.range();
        if r.is_empty() {
            let at = self
                .starts
                .get(r.start)
                .copied()
                .or_else(|| self.ends.last().copied())
                .unwrap_or(0) as usize;
            return (at, at);
        }
        (
            self.starts[r.start] as usize,
            self.ends[r.end.min(self.ends.len()) - 1] as usize,
        )
    }

    /// The char span of token `t`.
    pub fn token_chars(&self, t: usize) -> (usize, usize) {
        (self.starts[t] as usize, self.ends[t] as usize)
    }

    /// The tokens of sentence `s` (empty for a sentence index out of range).
    pub fn sentence_tokens(&self, s: usize) -> Range<usize> {
        match (self.sentence_starts.get(s), self.sentence_starts.get(s + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The sentence that token `t` belongs to.
    pub fn sentence_of(&self, t: usize) -> usize {
        let sentences = self.sentence_starts.len().saturating_sub(1);
        self.sentence_starts[..sentences]
            .partition_point(|&s| s as usize <= t)
            .saturating_sub(1)
    }

    /// The dependency children of token `t`, in text order.
    pub fn children(&self, t: usize) -> &[u32] {
        match (self.child_offsets.get(t), self.child_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// For each token, the index of the span in `spans` (char spans) that covers it: a
    /// token → mention (or time, quote) lookup. Where spans overlap, the first one listed wins.
    pub fn owners<I>(&self, spans: I) -> Vec<Option<u32>>
    where
        I: IntoIterator<Item = (usize, usize)>,
    {
        let mut owner = vec![None; self.token_count()];
        for (i, (start, end)) in spans.into_iter().enumerate() {
            for t in self.overlapping(start, end).range() {
                owner[t].get_or_insert(i as u32);
            }
        }
        owner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> (String, Vec<Sentence>, Vec<Token>) {
        // "Talks ended. Iran denied it."
        let text = "Talks ended. Iran denied it.".to_string();
        let sentences = vec![
            Sentence { start: 0, end: 12 },
            Sentence { start: 13, end: 28 },
        ];
        let spec = [
            (0, 5, "Talks", 0, Some(1)),
            (6, 11, "ended", 0, None),
            (11, 12, ".", 0, Some(1)),
            (13, 17, "Iran", 1, Some(4)),
            (18, 24, "denied", 1, None),
            (25, 27, "it", 1, Some(4)),
            (27, 28, ".", 1, Some(4)),
        ];
        let tokens = spec
            .iter()
            .map(|&(s, e, w, sent, head)| {
                let mut t = Token::new(s, e, w, sent);
                t.head = head;
                t
            })
            .collect();
        (text, sentences, tokens)
    }

    #[test]
    fn tokens_are_found_by_char_and_whitespace_has_none() {
        let (text, sentences, tokens) = doc();
        let index = DocIndex::build(&text, &sentences, &tokens);
        assert_eq!(index.token_at(0), Some(0));
        assert_eq!(index.token_at(4), Some(0));
        assert_eq!(index.token_at(5), None);
        assert_eq!(index.token_at(11), Some(2));
        assert_eq!(index.token_at(27), Some(6));
        assert_eq!(index.token_at(28), None);
    }

    #[test]
    fn spans_convert_both_ways() {
        let (text, sentences, tokens) = doc();
        let index = DocIndex::build(&text, &sentences, &tokens);
        let span = index.covering(13, 24).unwrap();
        assert_eq!(span, TokenSpan::new(3, 5));
        assert_eq!(index.char_span(span), (13, 24));
        // A char span that cuts a token covers the whole token.
        assert_eq!(index.covering(14, 20), Some(TokenSpan::new(3, 5)));
        assert_eq!(index.covering(12, 13), None);
        assert_eq!(index.char_span(TokenSpan::new(2, 2)), (11, 11));
    }

    #[test]
    fn sentences_and_children_are_token_ranges() {
        let (text, sentences, tokens) = doc();
        let index = DocIndex::build(&text, &sentences, &tokens);
        assert_eq!(index.sentence_tokens(0), 0..3);
        assert_eq!(index.sentence_tokens(1), 3..7);
        assert_eq!(index.sentence_tokens(2), 0..0);
        assert_eq!(index.sentence_of(0), 0);
        assert_eq!(index.sentence_of(3), 1);
        assert_eq!(index.sentence_of(6), 1);
        assert_eq!(index.children(4), &[3, 5, 6]);
        assert_eq!(index.children(1), &[0, 2]);
        assert!(index.children(0).is_empty());
        assert!(index.children(99).is_empty());
    }

    #[test]
    fn owners_map_tokens_to_the_first_covering_span() {
        let (text, sentences, tokens) = doc();
        let index = DocIndex::build(&text, &sentences, &tokens);
        let owners = index.owners([(13, 17), (0, 11), (13, 24)]);
        assert_eq!(
            owners,
            vec![Some(1), Some(1), None, Some(0), Some(2), None, None]
        );
    }

    #[test]
    fn an_empty_document_never_panics() {
        let index = DocIndex::build("", &[], &[]);
        assert_eq!(index.token_at(0), None);
        assert_eq!(index.covering(0, 5), None);
        assert_eq!(index.char_span(TokenSpan::new(0, 0)), (0, 0));
        assert_eq!(index.sentence_tokens(0), 0..0);
        assert_eq!(index.slice("", 0, 3), "");
        let default = DocIndex::default();
        assert_eq!(default.slice("abc", 0, 3), "");
    }
}

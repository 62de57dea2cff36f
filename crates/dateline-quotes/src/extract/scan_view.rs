//! The scanned text as the finders see it: tokens, quoted spans, sentences, and the cue
//! starting at each token.

use super::words::PRONOUNS;
use crate::lexicon::{Cue, Lexicon};
use crate::scan::{QuotedSpan, Tok};
use crate::syntax::SyntaxView;

/// Pieces of the scanned text every finder reads.
pub struct Scan<'a> {
    pub chars: &'a [char],
    pub toks: &'a [Tok],
    pub spans: &'a [QuotedSpan],
    pub lex: &'a Lexicon,
    pub syntax: Option<&'a SyntaxView<'a>>,
    /// First token of each sentence, plus a final entry equal to `toks.len()`.
    pub sent_starts: Vec<usize>,
    /// Token index of each span's opening mark.
    pub span_open_tok: Vec<Option<usize>>,
    /// Token index of each span's closing mark.
    pub span_close_tok: Vec<Option<usize>>,
    /// The cue starting at each token, computed once.
    cues: Vec<Option<(&'a Cue, usize)>>,
}

impl<'a> Scan<'a> {
    pub fn new(
        chars: &'a [char],
        toks: &'a [Tok],
        spans: &'a [QuotedSpan],
        lex: &'a Lexicon,
        syntax: Option<&'a SyntaxView<'a>>,
    ) -> Self {
        let mut sent_starts = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            if k == 0 || t.sent != toks[k - 1].sent {
                sent_starts.push(k);
            }
        }
        sent_starts.push(toks.len());
        let mut span_open_tok = vec![None; spans.len()];
        let mut span_close_tok = vec![None; spans.len()];
        for (k, t) in toks.iter().enumerate() {
            match (t.quote, t.mark) {
                (Some(q), Some(true)) => span_open_tok[q] = Some(k),
                (Some(q), Some(false)) => span_close_tok[q] = Some(k),
                _ => {}
            }
        }
        let mut scan = Scan {
            chars,
            toks,
            spans,
            lex,
            syntax,
            sent_starts,
            span_open_tok,
            span_close_tok,
            cues: Vec::new(),
        };
        scan.cues = (0..toks.len()).map(|k| scan.compute_cue(k)).collect();
        scan
    }

    /// Token range `[start, end)` of the sentence holding token `k`.
    pub(crate) fn sentence_of(&self, k: usize) -> (usize, usize) {
        let s = self.toks[k].sent;
        let i = self
            .sent_starts
            .partition_point(|&st| st < self.toks.len() && self.toks[st].sent <= s);
        (self.sent_starts[i - 1], self.sent_starts[i])
    }

    pub(crate) fn outside_quotes(&self, k: usize) -> bool {
        self.toks[k].quote.is_none()
    }

    /// The cue starting at token `k` (outside quotes), with its length in tokens.
    pub fn cue_at(&self, k: usize) -> Option<(&'a Cue, usize)> {
        self.cues.get(k).copied().flatten()
    }

    fn compute_cue(&self, k: usize) -> Option<(&'a Cue, usize)> {
        let t = self.toks.get(k)?;
        if !t.is_word || !self.outside_quotes(k) {
            return None;
        }
        let hi = (k + 3).min(self.toks.len());
        let mut words: [&str; 3] = [""; 3];
        let mut n_words = 0;
        for t in self.toks[k..hi]
            .iter()
            .take_while(|t| t.is_word && t.quote.is_none())
        {
            words[n_words] = t.lower.as_str();
            n_words += 1;
        }
        let words = &words[..n_words];
        let (cue, n) = self.lex.lookup(words)?;
        // Capitalised cue words are headline or title words ("Trump Says …"), except a
        // sentence-opening "According to".
        let sentence_start = k == 0 || self.toks[k - 1].sent != t.sent;
        let after_cap = k > 0 && self.toks[k - 1].is_word && self.toks[k - 1].cap;
        if t.cap && cue.lemma != "according to" && (sentence_start || after_cap) {
            return None;
        }
        if let Some(sx) = self.syntax {
            // With a tagger, a noun reading ("the report", "his comments") is no cue.
            if !sx.may_be_verb(self.toks[k].start) && cue.lemma != "according to" {
                return None;
            }
        }
        Some((cue, n))
    }

    pub(crate) fn is_pronoun(&self, k: usize) -> bool {
        PRONOUNS.contains(&self.toks[k].lower.as_str())
    }

    /// The end of the sentence holding `k`, as a token index (exclusive).
    pub(crate) fn sent_end(&self, k: usize) -> usize {
        self.sentence_of(k).1
    }

    /// Number of words inside a quoted span.
    pub fn span_words(&self, q: usize) -> usize {
        let (a, b) = (self.span_open_tok[q], self.span_close_tok[q]);
        match a {
            Some(a) => {
                let b = b.unwrap_or_else(|| {
                    self.toks[a..].partition_point(|t| t.start < self.spans[q].close) + a
                });
                self.toks[a + 1..b].iter().filter(|t| t.is_word).count()
            }
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{tok, with_scan};

    #[test]
    fn sentences_and_span_marks_are_indexed() {
        with_scan("He left. “We will stay here,” she said.", |sc| {
            assert_eq!(sc.sent_starts.len(), 3, "two sentences and the end");
            let we = tok(sc, "we");
            assert_eq!(sc.sentence_of(we), (3, sc.toks.len()));
            assert_eq!(sc.sent_end(0), 3);
            assert_eq!(sc.span_open_tok[0], Some(we - 1));
            assert_eq!(sc.span_words(0), 4);
        });
    }

    #[test]
    fn cues_are_found_outside_quotes_only() {
        with_scan("“They said no,” she said.", |sc| {
            let inner = tok(sc, "said");
            assert!(sc.cue_at(inner).is_none(), "inside the quote");
            let outer = sc.toks.len() - 2;
            assert_eq!(
                sc.cue_at(outer).map(|(c, n)| (c.lemma.as_str(), n)),
                Some(("say", 1))
            );
        });
    }

    #[test]
    fn capitalised_cue_words_are_headline_words() {
        with_scan("Trump Says No", |sc| {
            assert!(sc.cue_at(1).is_none());
        });
    }
}

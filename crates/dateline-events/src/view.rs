//! A read-only view of one document for event extraction: lemmas (the parser's, backed by
//! the lexicon's own candidates), dependency children, and which entity each token names.

use crate::lexicon::{candidate_lemmas, Lexicon};
use dateline_core::{Document, EntityType, MentionKind, Upos};

pub struct View<'a> {
    pub doc: &'a Document,
    /// Candidate lemmas per token, the parser's first when there is one.
    pub lemmas: Vec<Vec<String>>,
    pub lower: Vec<String>,
    /// Per sentence: does it carry a dependency parse?
    pub parsed: Vec<bool>,
    /// Per token: the entity (index into `doc.entities`) whose mention covers it, with the
    /// mention's kind.
    pub entity_at: Vec<Option<(usize, MentionKind)>>,
    /// Token ranges of each time expression (index into `doc.times`).
    pub time_tokens: Vec<Option<(usize, usize)>>,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document, lex: &Lexicon) -> View<'a> {
        let n = doc.tokens.len();
        let mut lemmas = Vec::with_capacity(n);
        let mut lower = Vec::with_capacity(n);
        for t in &doc.tokens {
            let l = t.text.to_lowercase();
            let mut cands = Vec::new();
            if let Some(lem) = &t.lemma {
                let lem = lem.to_lowercase();
                if !lem.is_empty() {
                    cands.push(lem);
                }
            }
            for c in candidate_lemmas(lex, &l) {
                if !cands.contains(&c) {
                    cands.push(c);
                }
            }
            lemmas.push(cands);
            lower.push(l);
        }
        let index = doc.index();
        let mut parsed = vec![false; doc.sentences.len()];
        for t in &doc.tokens {
            if t.head.is_some() && t.deprel.is_some() {
                if let Some(p) = parsed.get_mut(t.sentence) {
                    *p = true;
                }
            }
        }
        let mut entity_at: Vec<Option<(usize, MentionKind)>> = vec![None; n];
        let mut span_len: Vec<usize> = vec![usize::MAX; n];
        for (ei, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                for ti in index.overlapping(m.start, m.end).range() {
                    // The innermost mention wins: "Nato" inside "Nato Secretary General Mark
                    // Rutte" stays Nato when both are mentions.
                    let len = m.end - m.start;
                    if len < span_len[ti] {
                        span_len[ti] = len;
                        entity_at[ti] = Some((ei, m.kind));
                    }
                }
            }
        }
        let time_tokens = doc
            .times
            .iter()
            .map(|tx| {
                let span = index.overlapping(tx.start, tx.end);
                (!span.is_empty()).then(|| (span.start as usize, span.end as usize - 1))
            })
            .collect();
        View {
            doc,
            lemmas,
            lower,
            parsed,
            entity_at,
            time_tokens,
        }
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.lemmas[i].first().map(String::as_str).unwrap_or("")
    }

    pub fn has_lemma(&self, i: usize, word: &str) -> bool {
        self.lemmas[i].iter().any(|l| l == word) || self.lower[i] == word
    }

    /// The part of speech of token `i`, when a tagger has run.
    pub fn upos(&self, i: usize) -> Option<Upos> {
        self.doc.tokens[i].upos
    }

    pub fn deprel(&self, i: usize) -> &str {
        self.doc.tokens[i].deprel.map_or("", |d| d.as_str())
    }

    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn rel(&self, i: usize) -> &str {
        self.deprel(i).split(':').next().unwrap_or("")
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.doc.tokens[i]
            .head
            .filter(|&h| h < self.doc.tokens.len() && h != i)
    }

    pub fn is_parsed(&self, i: usize) -> bool {
        self.parsed
            .get(self.doc.tokens[i].sentence)
            .copied()
            .unwrap_or(false)
    }

    pub fn sentence_range(&self, s: usize) -> std::ops::Range<usize> {
        self.doc.index().sentence_tokens(s)
    }

    /// The dependency children of token `i`, in text order (from the document index).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + 'a {
        self.doc.index().children(i).iter().map(|&c| c as usize)
    }

    /// Char → byte offsets of the text (from the document index): slicing by chars is O(1).
    pub fn chars(&self) -> &'a dateline_core::CharIndex {
        self.doc.index().chars()
    }

    /// Children of `i` with relation `rel` (exact, or the base relation when `rel` has no
    /// subtype).
    pub fn kids<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children(i).filter(move |&c| {
            let d = self.deprel(c);
            d == rel || (!rel.contains(':') && d.split(':').next() == Some(rel))
        })
    }

    /// The preposition (case marker) of a nominal dependent, lower-cased.
    pub fn case_of(&self, i: usize) -> Option<&str> {
        self.kids(i, "case")
            .next()
            .map(|c| self.lower[c].as_str())
            .or_else(|| {
                // No parse: the word before a nominal is its preposition.
                (!self.is_parsed(i) && i > 0).then(|| self.lower[i - 1].as_str())
            })
    }

    /// Every token of the subtree under `i` (including `i`), without crossing into clauses
    /// listed in `stop`.
    pub fn subtree(&self, i: usize, stop: &[&str]) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let t = out[k];
            k += 1;
            if out.len() > 400 {
                break;
            }
            for c in self.children(t) {
                if !stop.contains(&self.deprel(c)) && !stop.contains(&self.rel(c)) {
                    out.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    pub fn entity_type(&self, e: usize) -> EntityType {
        self.doc.entities[e].kind
    }
}

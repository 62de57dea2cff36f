//! A read-only view of one document for event extraction: lemmas (the parser's, backed by
//! the lexicon's own candidates), dependency children, and which entity each token names.

use crate::lexicon::{candidate_lemmas, Lexicon};
use dateline_core::{Deprel, Document, EntityType, MentionKind, Upos};

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
    /// Per token: does a quote cover it?
    pub in_quote: Vec<bool>,
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
        let mut in_quote = vec![false; n];
        for q in &doc.quotes {
            for ti in index.overlapping(q.start, q.end).range() {
                let tok = &doc.tokens[ti];
                in_quote[ti] |= q.start <= tok.start && tok.end <= q.end;
            }
        }
        View {
            doc,
            lemmas,
            lower,
            parsed,
            entity_at,
            time_tokens,
            in_quote,
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

    /// The dependency relation of token `i` to its head, when a parser has run.
    pub fn deprel(&self, i: usize) -> Option<Deprel> {
        self.doc.tokens[i].deprel
    }

    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn rel(&self, i: usize) -> Option<Deprel> {
        self.deprel(i).map(Deprel::base)
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
    pub fn kids<'s>(&'s self, i: usize, rel: Deprel) -> impl Iterator<Item = usize> + 's {
        let universal = rel.base() == rel;
        self.children(i).filter(move |&c| {
            self.deprel(c)
                .is_some_and(|d| d == rel || (universal && d.base() == rel))
        })
    }

    /// The preposition (case marker) of a nominal dependent, lower-cased.
    pub fn case_of(&self, i: usize) -> Option<&str> {
        self.kids(i, Deprel::Case)
            .next()
            .map(|c| self.lower[c].as_str())
            .or_else(|| {
                // No parse: the word before a nominal is its preposition.
                (!self.is_parsed(i) && i > 0).then(|| self.lower[i - 1].as_str())
            })
    }

    /// Every token of the subtree under `i` (including `i`), without crossing into clauses
    /// listed in `stop`.
    pub fn subtree(&self, i: usize, stop: &[Deprel]) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let t = out[k];
            k += 1;
            if out.len() > 400 {
                break;
            }
            for c in self.children(t) {
                let stopped = self
                    .deprel(c)
                    .is_some_and(|d| stop.contains(&d) || stop.contains(&d.base()));
                if !stopped {
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

#[cfg(test)]
mod tests {
    use super::View;
    use crate::tests::doc_from;
    use crate::Lexicon;
    use dateline_core::Deprel;

    #[test]
    fn relations_match_exactly_when_subtyped_and_by_base_when_universal() {
        // "Talks were held by ministers, officials said": `said` is the root.
        let doc = doc_from(&[
            "Talks/NOUN/talk/3/nsubj:pass were/AUX/be/3/aux:pass held/VERB/hold/7/ccomp by/ADP/by/5/case ministers/NOUN/minister/3/obl:agent ,/./,/3/punct officials/NOUN/official/8/nsubj said/VERB/say/0/root",
            "Unparsed words",
        ]);
        let lex = Lexicon::builtin().unwrap();
        let v = View::new(&doc, &lex);
        assert_eq!(v.deprel(0), Some(Deprel::NsubjPass));
        assert_eq!(v.rel(0), Some(Deprel::Nsubj));
        assert_eq!(v.rel(4), Some(Deprel::Obl));
        assert_eq!(v.deprel(8), None);
        assert_eq!(v.rel(8), None);
        // A universal relation takes its subtypes; a subtyped one only itself.
        assert_eq!(v.kids(2, Deprel::Nsubj).collect::<Vec<_>>(), vec![0]);
        assert_eq!(v.kids(2, Deprel::NsubjPass).collect::<Vec<_>>(), vec![0]);
        assert_eq!(v.kids(2, Deprel::Aux).collect::<Vec<_>>(), vec![1]);
        assert_eq!(v.kids(2, Deprel::OblTmod).count(), 0);
        assert_eq!(v.kids(7, Deprel::Nsubj).collect::<Vec<_>>(), vec![6]);
        assert_eq!(v.case_of(4), Some("by"));
        // The subtree stops at the listed relations, matched exactly or by base.
        assert_eq!(v.subtree(7, &[Deprel::Ccomp]), vec![6, 7]);
        assert_eq!(v.subtree(2, &[Deprel::Punct]), vec![0, 1, 2, 3, 4]);
        assert_eq!(v.subtree(2, &[Deprel::Obl]), vec![0, 1, 2, 5]);
        assert_eq!(
            v.subtree(2, &[Deprel::OblAgent, Deprel::Aux]),
            vec![0, 2, 5]
        );
    }
}

//! What the stage reads from the syntax layer when the parser has run: whether a word is
//! a verb, and the subject (nsubj) and clausal complement (ccomp) of a cue verb.

use dateline_core::{Deprel, DocIndex, Document, Token};

/// A read-only view of `doc.tokens`' syntax, looked up by token start offset through the
/// document index.
#[derive(Debug, Clone)]
pub struct SyntaxView<'a> {
    tokens: &'a [Token],
    index: &'a DocIndex,
    has_tree: bool,
}

impl<'a> SyntaxView<'a> {
    /// The view, or `None` when no tagger or parser has filled the tokens.
    pub fn from_doc(doc: &'a Document) -> Option<Self> {
        let tagged = doc.tokens.iter().any(|t| t.upos.is_some());
        let has_tree = doc
            .tokens
            .iter()
            .any(|t| t.deprel.is_some() && t.head.is_some());
        if !tagged && !has_tree {
            return None;
        }
        Some(SyntaxView {
            tokens: &doc.tokens,
            index: doc.index(),
            has_tree,
        })
    }

    /// The index of the token starting at char `start`.
    fn at(&self, start: usize) -> Option<usize> {
        let i = self.index.token_at(start)?;
        (self.index.token_chars(i).0 == start).then_some(i)
    }

    /// The dependency children of `i`, in text order.
    fn children(&self, i: usize) -> impl Iterator<Item = usize> + 'a {
        self.index.children(i).iter().map(|&c| c as usize)
    }

    fn deprel(&self, i: usize) -> Option<Deprel> {
        self.tokens[i].deprel
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.tokens[i].head.filter(|&h| h < self.tokens.len())
    }

    /// False only when the tagger says the word at `start` is not a verb.
    pub fn may_be_verb(&self, start: usize) -> bool {
        match self.at(start).and_then(|i| self.tokens[i].upos) {
            Some(u) => u.is_verbal(),
            None => true,
        }
    }

    fn child_with(&self, head: usize, rels: &[Deprel]) -> Option<usize> {
        self.children(head)
            .find(|&c| self.deprel(c).is_some_and(|d| rels.contains(&d)))
    }

    /// Char span of the subtree of `i`, leaving out relative clauses, appositions and
    /// punctuation at the edges.
    fn subtree_span(&self, i: usize) -> (usize, usize) {
        let mut lo = self.tokens[i].start;
        let mut hi = self.tokens[i].end;
        let mut stack = vec![i];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > 400 {
                break; // a malformed (cyclic) tree must not hang the stage
            }
            for c in self.children(x) {
                let rel = self.deprel(c);
                if x == i
                    && matches!(
                        rel,
                        Some(Deprel::AclRelcl | Deprel::Appos | Deprel::Punct | Deprel::Parataxis)
                    )
                {
                    continue;
                }
                lo = lo.min(self.tokens[c].start);
                hi = hi.max(self.tokens[c].end);
                stack.push(c);
            }
        }
        (lo, hi)
    }

    /// Char span of the nominal subject of the verb starting at `start`.
    pub fn subject_of(&self, start: usize) -> Option<(usize, usize)> {
        if !self.has_tree {
            return None;
        }
        let mut v = self.at(start)?;
        // A participle or coordinated cue ("…, saying", "praised X and said") takes the
        // subject of the clause it hangs from.
        for _ in 0..3 {
            if let Some(s) = self.child_with(v, &[Deprel::Nsubj, Deprel::NsubjPass]) {
                return Some(self.subtree_span(s));
            }
            let rel = self.deprel(v);
            if !matches!(rel, Some(Deprel::Advcl | Deprel::Conj | Deprel::Xcomp)) {
                return None;
            }
            v = self.head(v)?;
        }
        None
    }

    /// Char span of the clausal complement of the verb starting at `start`.
    pub fn complement_of(&self, start: usize) -> Option<(usize, usize)> {
        if !self.has_tree {
            return None;
        }
        let v = self.at(start)?;
        let c = self.child_with(v, &[Deprel::Ccomp])?;
        let (lo, hi) = self.subtree_span(c);
        // The complement must follow the verb (a fronted one is found by the postposed rule).
        (lo > start).then_some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Source, Token};

    #[test]
    fn subject_and_complement_from_a_parse() {
        let text = "Kellogg accepted Russia would leave.";
        let mut doc = Document::new("t", Source::text("t"), text.into());
        let spec = [
            (0, 7, "PROPN", 1, "nsubj"),
            (8, 16, "VERB", usize::MAX, "root"),
            (17, 23, "PROPN", 4, "nsubj"),
            (24, 29, "AUX", 4, "aux"),
            (30, 35, "VERB", 1, "ccomp"),
            (35, 36, "PUNCT", 1, "punct"),
        ];
        for (s, e, u, h, d) in spec {
            let mut t = Token::new(s, e, &text[s..e], 0);
            t.upos = Some(u.parse().unwrap());
            t.head = (h != usize::MAX).then_some(h);
            t.deprel = Some(d.parse().unwrap());
            doc.tokens.push(t);
        }
        let sx = SyntaxView::from_doc(&doc).unwrap();
        assert_eq!(sx.subject_of(8), Some((0, 7)));
        assert_eq!(sx.complement_of(8), Some((17, 35)));
        assert!(!sx.may_be_verb(0));
        assert!(sx.may_be_verb(8));
    }
}

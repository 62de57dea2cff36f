//! The learned trigger head's say over triggers: the lexicon proposes, the head decides.
//!
//! For every content word the head gives a type or "no event", reading the lexicon's proposal
//! as one of its features. A lexicon trigger the head calls no event is dropped; one it
//! types differently is retyped; a word the lexicon missed ("talks" after "held", a verbal
//! "attack") becomes a trigger when the head is confident of it.

use super::{Cand, Extractor};
use crate::learned::TriggerHead;
use crate::lexicon::Entry;
use dateline_core::{PloverType, Upos};

impl Extractor<'_> {
    pub(super) fn learned_triggers(&self, head: &TriggerHead, rules: Vec<Cand>) -> Vec<Cand> {
        let v = &self.view;
        let n = v.doc.tokens.len();
        let mut rule_at: Vec<Option<usize>> = vec![None; n];
        let mut covered = vec![false; n];
        for (k, c) in rules.iter().enumerate() {
            rule_at[c.tok] = Some(k);
            for t in c.tok..=c.last.min(n.saturating_sub(1)) {
                covered[t] = true;
            }
        }
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for i in 0..n {
            let rule = rule_at[i].map(|k| &rules[k]);
            let guess = head.guess(v, self.lex, i, rule.map(|c| &c.entry), &mut buf);
            match (rule, guess) {
                // Not a word the head judges (part of a name): the lexicon decides.
                (Some(c), None) => out.push(c.clone()),
                (Some(c), Some(g)) => {
                    if let Some(kind) = g.kind {
                        let mut c = c.clone();
                        if kind != c.entry.kind {
                            c.entry = self.entry_for(i, kind);
                        }
                        c.confidence = Some(g.confidence);
                        out.push(c);
                    }
                }
                (None, Some(g)) if !covered[i] => {
                    if let Some(kind) = g.kind {
                        out.push(Cand {
                            tok: i,
                            last: i,
                            entry: self.entry_for(i, kind),
                            parent: None,
                            framed: false,
                            confidence: Some(g.confidence),
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The lexicon's one-word entry for token `i` with this type (it gives the mode), or a
    /// bare entry of the type.
    fn entry_for(&self, i: usize, kind: PloverType) -> Entry {
        let v = &self.view;
        let noun = v.upos(i) == Some(Upos::Noun);
        for lemma in &v.lemmas[i] {
            if let Some(e) = self.lex.starting_with(lemma).find(|e| {
                e.kind == kind && e.words.len() == 1 && e.pattern.is_empty() && e.noun == noun
            }) {
                return e.clone();
            }
        }
        Entry {
            noun,
            words: vec![v.lemma(i).to_string()],
            pattern: Vec::new(),
            kind,
            mode: None,
            cameo: String::new(),
            strong: false,
            curated: true,
        }
    }
}

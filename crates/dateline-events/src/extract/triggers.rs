//! Trigger finding: lexicon entries matched on lemmas (multiword verbs with particles,
//! patterns in the trigger's clause, nominal triggers told from verbs by tag or by the word
//! before them), and statements of what another actor must do read as demands.

use super::{Cand, Extractor, STOP_SUBTREE};
use crate::lexicon::Entry;
use crate::words::*;
use dateline_core::{Deprel, EntityType, MentionKind, PloverType, Upos};

impl Extractor<'_> {
    /// Every trigger in the document: the lexicon's, judged by the learned head when one is
    /// loaded.
    pub fn find_triggers(&self) -> Vec<Cand> {
        let rules = self.rule_triggers();
        match self.head {
            Some(head) => self.learned_triggers(head, rules),
            None => rules,
        }
    }

    /// Every lexicon trigger in the document, most specific entry per token.
    pub fn rule_triggers(&self) -> Vec<Cand> {
        let v = &self.view;
        let doc = self.doc();
        let mut out: Vec<Cand> = Vec::new();
        for s in 0..doc.sentences.len() {
            let range = v.sentence_range(s);
            let mut covered_until = range.start;
            for i in range.clone() {
                if i < covered_until {
                    continue;
                }
                if let Some((e, kind)) = v.entity_at[i] {
                    // Names do not trigger ("Aid Agency"), but event names and nominal
                    // mentions ("the talks") may.
                    let et = v.entity_type(e);
                    if kind == MentionKind::Name && et != EntityType::Event {
                        continue;
                    }
                }
                // Borrowed while comparing: only the winner is cloned into its candidate.
                let mut best: Option<(usize, std::borrow::Cow<Entry>, usize)> = None;
                // A common verb has hundreds of entries with patterns: its clause is
                // walked once, not once per entry.
                let clause = std::cell::OnceCell::new();
                for lemma in &v.lemmas[i] {
                    for entry in self.lex.starting_with(lemma) {
                        if let Some(last) = self.match_entry(i, range.end, entry, &clause) {
                            let better = match &best {
                                None => true,
                                Some((_, b, _)) => entry.specificity() > b.specificity(),
                            };
                            if better {
                                best = Some((last, std::borrow::Cow::Borrowed(entry), i));
                            }
                        }
                    }
                }
                if best.is_none() && v.is_parsed(i) && self.is_modal_demand(i) {
                    best = Some((
                        i,
                        std::borrow::Cow::Owned(Entry {
                            noun: false,
                            words: vec![v.lemma(i).to_string()],
                            pattern: Vec::new(),
                            kind: PloverType::Request,
                            mode: None,
                            cameo: "100".into(),
                            strong: false,
                            curated: true,
                        }),
                        i,
                    ));
                }
                if let Some((last, entry, tok)) = best {
                    let entry = entry.into_owned();
                    if !entry.pattern.is_empty() || entry.words.len() > 1 {
                        covered_until = last + 1;
                    }
                    let last = if entry.pattern.is_empty() { last } else { tok };
                    out.push(Cand {
                        tok,
                        last: last.max(tok),
                        entry,
                        parent: None,
                        framed: false,
                        confidence: None,
                    });
                }
            }
        }
        out
    }

    /// "X said (that) Y must …": a statement of what another actor must do is a demand
    /// (CAMEO codes it so; PLOVER REQUEST).
    pub(super) fn is_modal_demand(&self, i: usize) -> bool {
        let v = &self.view;
        if !contains(SAY_VERBS, v.lemma(i)) {
            return false;
        }
        v.kids(i, Deprel::Ccomp).any(|c| {
            v.kids(c, Deprel::Aux)
                .any(|a| matches!(v.lower[a].as_str(), "must"))
                && v.kids(c, Deprel::Nsubj).next().is_some()
        })
    }

    /// Does `entry` match at token `i`? Returns the last token of the trigger words.
    /// `clause`: token `i`'s subtree (as `View::subtree` gives it), computed on first use.
    pub(super) fn match_entry(
        &self,
        i: usize,
        sent_end: usize,
        entry: &Entry,
        clause: &std::cell::OnceCell<Vec<usize>>,
    ) -> Option<usize> {
        let v = &self.view;
        if !self.pos_ok(i, entry.noun) {
            return None;
        }
        // Remaining trigger words: contiguous, or (verbs) a particle child anywhere.
        let mut last = i;
        for w in entry.words.iter().skip(1) {
            let next = last + 1;
            if next < sent_end && v.has_lemma(next, w) {
                last = next;
                continue;
            }
            if !entry.noun
                && v.children(i).any(|c| {
                    v.has_lemma(c, w) && matches!(v.rel(c), Some(Deprel::Compound | Deprel::Advmod))
                })
            {
                continue;
            }
            return None;
        }
        if entry.pattern.is_empty() {
            return Some(last);
        }
        // Pattern words must follow in order within the trigger's clause.
        let window: Vec<usize> = if v.is_parsed(i) {
            clause
                .get_or_init(|| v.subtree(i, STOP_SUBTREE))
                .iter()
                .copied()
                .filter(|&t| t > last)
                .collect()
        } else {
            (last + 1..sent_end.min(last + 9))
                .take_while(|&t| !matches!(v.lower[t].as_str(), "." | ";" | ":" | "!" | "?"))
                .collect()
        };
        let mut k = 0;
        let mut end = last;
        for &t in &window {
            if k < entry.pattern.len() && v.has_lemma(t, &entry.pattern[k]) {
                k += 1;
                end = t;
            }
        }
        (k == entry.pattern.len()).then_some(end)
    }

    pub(super) fn pos_ok(&self, i: usize, noun: bool) -> bool {
        let v = &self.view;
        // A participle used as an adjective ("the most visited museum") reports no act.
        if !noun
            && v.deprel(i) == Some(Deprel::Amod)
            && (v.kids(i, Deprel::Advmod).next().is_some()
                || (i > 0
                    && matches!(
                        v.lower[i - 1].as_str(),
                        "the" | "a" | "an" | "'s" | "’s" | "most" | "much" | "widely" | "well"
                    )))
        {
            return false;
        }
        match v.upos(i) {
            Some(u) => {
                if noun {
                    matches!(u, Upos::Noun | Upos::Propn)
                } else {
                    u == Upos::Verb
                }
            }
            None => {
                // No tagger: a determiner, possessive or adjective-like word before the
                // token makes it a noun; "to", a modal or a pronoun makes it a verb.
                let prev = if i > 0
                    && self.doc().tokens[i - 1].sentence == self.doc().tokens[i].sentence
                {
                    v.lower[i - 1].as_str()
                } else {
                    ""
                };
                let nounish_prev = matches!(
                    prev,
                    "a" | "an"
                        | "the"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                        | "'s"
                        | "’s"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "new"
                        | "further"
                        | "informal"
                        | "formal"
                        | "forthcoming"
                        | "expected"
                        | "of"
                        | "for"
                        | "peace"
                );
                if noun {
                    nounish_prev || !v.lower[i].ends_with("ed")
                } else {
                    !nounish_prev
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::{doc_from, entity};
    use crate::Lexicon;
    use dateline_core::EntityType;

    #[test]
    fn verbs_and_nouns_trigger_but_names_do_not() {
        let mut doc = doc_from(&[
            "Iran/PROPN/Iran/2/nsubj threatened/VERB/threaten/0/root Iraq/PROPN/Iraq/2/obj ././2/punct",
            "The/DET/the/2/det talks/NOUN/talk/3/nsubj failed/VERB/fail/0/root ././3/punct",
            "Aid/PROPN/Aid/2/compound Agency/PROPN/Agency/3/nsubj spoke/VERB/speak/0/root ././3/punct",
        ]);
        entity(&mut doc, "E1", EntityType::Org, &[(8, 10)]);
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        let words: Vec<(String, bool)> = ex
            .find_triggers()
            .iter()
            .map(|c| (doc.tokens[c.tok].text.clone(), c.entry.noun))
            .collect();
        assert!(words.contains(&("threatened".into(), false)), "{words:?}");
        assert!(words.contains(&("talks".into(), true)), "{words:?}");
        assert!(!words.iter().any(|(w, _)| w == "Aid"), "{words:?}");
    }

    #[test]
    fn a_statement_of_what_another_must_do_is_a_demand() {
        let doc = doc_from(&["Iran/PROPN/Iran/2/nsubj said/VERB/say/0/root Iraq/PROPN/Iraq/5/nsubj must/AUX/must/5/aux leave/VERB/leave/2/ccomp ././2/punct"]);
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        let said = ex.find_triggers().into_iter().find(|c| c.tok == 1);
        assert_eq!(
            said.map(|c| c.entry.kind),
            Some(dateline_core::PloverType::Request)
        );
    }
}

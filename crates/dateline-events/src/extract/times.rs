//! Time attachment: the time expression of each trigger's clause.

use super::{Cand, Extractor};
use dateline_core::{Deprel, TimeType};
use std::collections::HashMap;

impl Extractor<'_> {
    /// The time expression attached to each candidate's clause: the first trigger (or a
    /// noun trigger's governing verb) met walking up from the time expression's head.
    pub fn attach_times(&self, cands: &[Cand]) -> Vec<Option<usize>> {
        let v = &self.view;
        let doc = self.doc();
        let mut out = vec![None; cands.len()];
        let mut anchor: HashMap<usize, usize> = HashMap::new();
        for (k, c) in cands.iter().enumerate() {
            let root = c.parent.unwrap_or(k);
            anchor.entry(c.tok).or_insert(root);
        }
        for (k, c) in cands.iter().enumerate() {
            if c.entry.noun && v.is_parsed(c.tok) {
                if let Some(h) = v.head(c.tok) {
                    if matches!(v.rel(c.tok), Some(Deprel::Obj | Deprel::Obl)) {
                        anchor.entry(h).or_insert(c.parent.unwrap_or(k));
                    }
                }
            }
        }
        let mut used = vec![false; doc.times.len()];
        for (ti, tx) in doc.times.iter().enumerate() {
            if matches!(tx.kind, TimeType::Set | TimeType::Duration) {
                continue;
            }
            let Some((first, last)) = v.time_tokens[ti] else {
                continue;
            };
            if !v.is_parsed(first) {
                continue;
            }
            // Head of the time expression: the token whose head lies outside the span.
            let head = (first..=last)
                .find(|&i| v.head(i).is_none_or(|h| h < first || h > last))
                .unwrap_or(last);
            let mut cur = head;
            for _ in 0..6 {
                let Some(h) = v.head(cur) else { break };
                if let Some(&k) = anchor.get(&h) {
                    if out[k].is_none() {
                        out[k] = Some(ti);
                    }
                    used[ti] = true;
                    break;
                }
                cur = h;
            }
        }
        // Fallback: the single unattached date of the sentence (or the nearest one when the
        // sentence has no parse).
        for (k, c) in cands.iter().enumerate() {
            if c.parent.is_some() || out[k].is_some() {
                continue;
            }
            let s = doc.tokens[c.tok].sentence;
            let in_sentence: Vec<usize> = (0..doc.times.len())
                .filter(|&ti| {
                    !used[ti]
                        && !matches!(doc.times[ti].kind, TimeType::Set | TimeType::Duration)
                        && v.time_tokens[ti].is_some_and(|(f, _)| doc.tokens[f].sentence == s)
                })
                .collect();
            if v.is_parsed(c.tok) {
                // Only the main clause may take the sentence's lone date.
                let main_clause = !c.entry.noun
                    && matches!(v.rel(c.tok), None | Some(Deprel::Root | Deprel::Conj));
                if in_sentence.len() == 1 && main_clause {
                    out[k] = Some(in_sentence[0]);
                }
            } else if let Some(&ti) = in_sentence.iter().min_by_key(|&&ti| {
                v.time_tokens[ti]
                    .map(|(f, _)| f.abs_diff(c.tok))
                    .unwrap_or(usize::MAX)
            }) {
                out[k] = Some(ti);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::{doc_from, entity};
    use crate::Lexicon;
    use dateline_core::EntityType;

    use crate::tests::time;

    #[test]
    fn a_date_attaches_to_the_clause_it_hangs_from() {
        let mut doc = doc_from(&["Iran/PROPN/Iran/2/nsubj attacked/VERB/attack/0/root Iraq/PROPN/Iraq/2/obj on/ADP/on/5/case Friday/PROPN/Friday/2/obl ././2/punct"]);
        entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
        time(&mut doc, "T1", 4, 5, "2025-02-14");
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        let cands = ex.find_triggers();
        assert_eq!(ex.attach_times(&cands), vec![Some(0)]);
    }
}

//! Folding candidates into one another: the same event said twice in a clause, or an
//! action framed by a speech act ("threatened to cut off").

use super::{Cand, Extractor};
use crate::words::*;
use dateline_core::{Deprel, PloverType};
use std::collections::HashMap;

impl Extractor<'_> {
    /// Folds candidates that belong to another one: the same event said twice in a clause
    /// ("travel to Washington to meet"), or an action framed by a speech act ("threatened to
    /// cut off").
    pub fn relate(&self, cands: &mut [Cand]) {
        let v = &self.view;
        let at: HashMap<usize, usize> = cands.iter().enumerate().map(|(k, c)| (c.tok, k)).collect();
        for b in 0..cands.len() {
            let bt = cands[b].tok;
            let mut found: Option<(usize, Vec<Deprel>)> = None;
            if v.is_parsed(bt) {
                let mut cur = bt;
                let mut path: Vec<Deprel> = Vec::new();
                for _ in 0..4 {
                    // Only a relation on the list leads on (an unparsed token has none).
                    let Some(rel) = v.deprel(cur) else { break };
                    if !matches!(
                        rel.base(),
                        Deprel::Xcomp
                            | Deprel::Obj
                            | Deprel::Obl
                            | Deprel::Nmod
                            | Deprel::Advcl
                            | Deprel::Ccomp
                            | Deprel::Acl
                            | Deprel::Conj
                            | Deprel::Compound
                            | Deprel::Nsubj
                    ) || rel == Deprel::AclRelcl
                    {
                        break;
                    }
                    // Past the first step only control chains lead on: "agreed to continue
                    // pursuing …", not "meet …, following a meeting … to discuss".
                    if path.last().is_some_and(|&p| p != Deprel::Xcomp) {
                        break;
                    }
                    path.push(rel);
                    let Some(h) = v.head(cur) else { break };
                    if let Some(&a) = at.get(&h) {
                        if a != b {
                            found = Some((a, path.clone()));
                        }
                        break;
                    }
                    cur = h;
                }
            } else {
                // No parse: a trigger shortly before, linked by "to" ("agreed to provide").
                for back in 1..=3 {
                    let Some(p) = bt.checked_sub(back) else { break };
                    if self.doc().tokens[p].sentence != self.doc().tokens[bt].sentence {
                        break;
                    }
                    if let Some(&a) = at.get(&p) {
                        if v.lower[bt - 1] == "to" || back == 1 {
                            found = Some((a, vec![Deprel::Xcomp]));
                        }
                        break;
                    }
                }
            }
            let Some((a, path)) = found else { continue };
            // A noun under a verb is the same event only as its object ("host a meeting")
            // or purpose ("travel for talks"); "travel … following a meeting" is another.
            if cands[b].entry.noun && v.is_parsed(bt) {
                let rel = v.deprel(bt);
                let case = v.case_of(bt).unwrap_or("");
                let direct = v.head(bt) == Some(cands[a].tok);
                let ok = direct
                    && (matches!(
                        rel,
                        Some(Deprel::Obj | Deprel::NsubjPass | Deprel::Compound)
                    ) || (v.rel(bt) == Some(Deprel::Obl)
                        && matches!(case, "for" | "to" | "into")));
                if !ok {
                    continue;
                }
            }
            let same = cands[a].entry.kind == cands[b].entry.kind;
            let through_nsubj = path.iter().any(|r| r.base() == Deprel::Nsubj);
            let through_conj = path.contains(&Deprel::Conj);
            if same && !through_nsubj {
                cands[b].parent = Some(a);
            } else if FRAMERS.contains(&cands[a].entry.kind)
                && !through_conj
                && !through_nsubj
                && cands[a].entry.kind != PloverType::Concede
                && path
                    .iter()
                    .all(|r| matches!(r, Deprel::Xcomp | Deprel::Ccomp | Deprel::Obj))
            {
                cands[b].parent = Some(a);
                cands[b].framed = true;
            }
        }
        // Resolve chains so every parent is a root.
        for b in 0..cands.len() {
            let mut p = cands[b].parent;
            let mut hops = 0;
            while let Some(x) = p {
                hops += 1;
                if cands[x].parent.is_none() || hops > 8 {
                    break;
                }
                p = cands[x].parent;
            }
            if p == Some(b) {
                p = None;
            }
            cands[b].parent = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::doc_from;
    use crate::Lexicon;

    #[test]
    fn a_framed_action_folds_into_its_framing_verb() {
        let doc = doc_from(&["Iran/PROPN/Iran/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark attack/VERB/attack/2/xcomp Iraq/PROPN/Iraq/4/obj ././2/punct"]);
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        let mut cands = ex.find_triggers();
        ex.relate(&mut cands);
        let attack = cands.iter().find(|c| c.tok == 3).expect("attack");
        assert!(attack.framed);
        assert_eq!(attack.parent.map(|p| cands[p].tok), Some(1));
    }
}

//! Status of an event: occurred, planned, expected, hypothetical or denied, from its clause
//! chain (modals, negation, framing verbs, conditions) or from the words before it.

use super::{Cand, Extractor};
use crate::view::View;
use crate::words::*;
use dateline_core::{Deprel, EventStatus, Upos};

impl Extractor<'_> {
    /// The status of a candidate's event, read from its clause chain (or from the words
    /// before it without a parse).
    pub fn status_of(&self, c: &Cand) -> EventStatus {
        let v = &self.view;
        if !v.is_parsed(c.tok) {
            return self.linear_status(c);
        }
        // The clause chain: the trigger, then the verbs it is the complement of.
        let mut chain = vec![c.tok];
        let mut cur = c.tok;
        if c.entry.noun {
            if let Some(h) = v.head(cur) {
                // Not a plain subject: in "the meeting could be key" the modal is about the
                // predicate.
                if matches!(v.rel(cur), Some(Deprel::Obj | Deprel::Obl))
                    || v.deprel(cur) == Some(Deprel::NsubjPass)
                {
                    chain.push(h);
                    cur = h;
                }
            }
        }
        for _ in 0..3 {
            let rel = v.rel(cur);
            if !matches!(
                rel,
                Some(Deprel::Xcomp | Deprel::Conj | Deprel::Advcl | Deprel::Ccomp | Deprel::Csubj)
            ) {
                break;
            }
            // Purpose clauses share their governor's status ("will travel … to meet");
            // adjuncts such as "despite … dismissing" do not.
            if rel == Some(Deprel::Advcl)
                && (v.lower[cur].ends_with("ing")
                    || v.kids(cur, Deprel::Mark).any(|m| v.lower[m] != "to"))
            {
                break;
            }
            let Some(h) = v.head(cur) else { break };
            if rel == Some(Deprel::Ccomp)
                && !contains(EXPECT_WORDS, v.lemma(h))
                && !contains(DENY_WORDS, v.lemma(h))
            {
                break;
            }
            chain.push(h);
            cur = h;
        }
        let mut status = EventStatus::Occurred;
        // "a guarantee that Putin does not attack": the content of a noun is not an event
        // that happened.
        let mut hypothetical = !c.entry.noun
            && matches!(v.rel(c.tok), Some(Deprel::Acl | Deprel::Ccomp))
            && v.head(c.tok).is_some_and(|h| {
                v.upos(h) == Some(Upos::Noun)
                    && v.lemmas[h].iter().any(|l| contains(CONTENT_NOUNS, l))
            });
        let mut denied = false;
        let mut planned = false;
        let mut expected = false;
        for (depth, &x) in chain.iter().enumerate() {
            for k in v.children(x) {
                let l = v.lower[k].as_str();
                let lemma = v.lemma(k);
                match v.rel(k) {
                    // (UD has no `neg`: negation is `advmod` or `det`.)
                    Some(Deprel::Advmod | Deprel::Det)
                        if matches!(l, "not" | "n't" | "never" | "no")
                            && (depth == 0 || v.rel(chain[depth - 1]) == Some(Deprel::Xcomp)) =>
                    {
                        denied = true;
                    }
                    Some(Deprel::Aux) => match lemma {
                        "will" | "shall" | "'ll" | "wo" => planned = true,
                        "would" => {
                            if chain_has_if(v, &chain) {
                                hypothetical = true;
                            } else {
                                planned = true;
                            }
                        }
                        "could" | "might" | "may" | "should" | "must" => hypothetical = true,
                        _ => {}
                    },
                    Some(Deprel::Mark) if matches!(l, "if" | "unless" | "whether") => {
                        hypothetical = true
                    }
                    Some(Deprel::Amod | Deprel::Advmod) if c.entry.noun && depth == 0 => {
                        if contains(EXPECTED_MODIFIERS, l) {
                            expected = true;
                        } else if contains(FUTURE_MODIFIERS, l) {
                            planned = true;
                        }
                    }
                    _ => {}
                }
            }
            if depth > 0 {
                let lemma = v.lemma(x);
                if contains(EXPECT_WORDS, lemma) {
                    expected = true;
                } else if contains(DENY_WORDS, lemma) && !c.framed {
                    denied = true;
                } else if contains(PLAN_VERBS, lemma) {
                    planned = true;
                } else if (contains(REQUEST_VERBS, lemma)
                    && matches!(v.rel(chain[depth - 1]), Some(Deprel::Xcomp | Deprel::Ccomp)))
                    || (contains(CONDITION_VERBS, lemma) && c.entry.noun)
                {
                    hypothetical = true;
                }
            }
            // "were to be achieved", "is to visit"
            if v.kids(x, Deprel::Mark).any(|m| v.lower[m] == "if") {
                hypothetical = true;
            }
        }
        if hypothetical {
            status = EventStatus::Hypothetical;
        } else if denied {
            status = EventStatus::Denied;
        } else if expected {
            status = EventStatus::Expected;
        } else if planned {
            status = EventStatus::Planned;
        }
        status
    }

    pub(super) fn linear_status(&self, c: &Cand) -> EventStatus {
        let v = &self.view;
        let s = self.doc().tokens[c.tok].sentence;
        let range = v.sentence_range(s);
        let from = c.tok.saturating_sub(5).max(range.start);
        let before: Vec<&str> = (from..c.tok).map(|i| v.lower[i].as_str()).collect();
        let sentence_has_if = range
            .clone()
            .any(|i| matches!(v.lower[i].as_str(), "if" | "unless"));
        if before.iter().any(|w| matches!(*w, "not" | "n't" | "never")) {
            EventStatus::Denied
        } else if before
            .iter()
            .any(|w| matches!(*w, "could" | "might" | "may" | "should"))
            || (sentence_has_if && before.contains(&"would"))
        {
            EventStatus::Hypothetical
        } else if before.iter().any(|w| matches!(*w, "expected" | "likely")) {
            EventStatus::Expected
        } else if before.iter().any(|w| {
            matches!(
                *w,
                "will"
                    | "would"
                    | "'ll"
                    | "planned"
                    | "plans"
                    | "preparing"
                    | "forthcoming"
                    | "upcoming"
            )
        }) {
            EventStatus::Planned
        } else {
            EventStatus::Occurred
        }
    }

    /// Negated with a modal of will ("will not accept", "would not meet"): a refusal.
    pub(super) fn refusal(&self, c: &Cand) -> bool {
        let v = &self.view;
        if !v.is_parsed(c.tok) {
            return false;
        }
        let negated = v
            .children(c.tok)
            .any(|k| matches!(v.lower[k].as_str(), "not" | "n't" | "never"));
        let volitional = v.kids(c.tok, Deprel::Aux).any(|k| {
            matches!(
                v.lower[k].as_str(),
                "will" | "would" | "wo" | "'ll" | "shall" | "can" | "ca"
            )
        });
        negated && volitional
    }

    /// True when the trigger's sentence carries an "if" or "unless".
    pub(super) fn conditional(&self, c: &Cand) -> bool {
        let v = &self.view;
        let s = self.doc().tokens[c.tok].sentence;
        v.sentence_range(s)
            .any(|i| matches!(v.lower[i].as_str(), "if" | "unless"))
    }
}

/// True when a condition ("if", "unless") hangs from the sentence or the clause chain.
fn chain_has_if(v: &View, chain: &[usize]) -> bool {
    // "would have to give back territory … if peace were to be achieved": the condition
    // may hang from any verb of the sentence.
    if let Some(&first) = chain.first() {
        let s = v.doc.tokens[first].sentence;
        if v.sentence_range(s).any(|i| {
            matches!(v.lower[i].as_str(), "if" | "unless") && v.rel(i) == Some(Deprel::Mark)
        }) {
            return true;
        }
    }
    chain.iter().any(|&x| {
        v.kids(x, Deprel::Mark)
            .any(|m| matches!(v.lower[m].as_str(), "if" | "unless"))
            || v.children(x).any(|k| {
                v.rel(k) == Some(Deprel::Advcl)
                    && v.kids(k, Deprel::Mark)
                        .any(|m| matches!(v.lower[m].as_str(), "if" | "unless"))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::doc_from;
    use crate::Lexicon;

    use dateline_core::EventStatus;

    fn status_of(sentence: &str, trigger: usize) -> EventStatus {
        let doc = doc_from(&[sentence]);
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        let cands = ex.find_triggers();
        let c = cands.iter().find(|c| c.tok == trigger).expect("trigger");
        ex.status_of(c)
    }

    #[test]
    fn modals_negation_and_conditions() {
        assert_eq!(status_of("Iran/PROPN/Iran/3/nsubj will/AUX/will/3/aux attack/VERB/attack/0/root Iraq/PROPN/Iraq/3/obj ././3/punct", 2), EventStatus::Planned);
        assert_eq!(
            status_of("Iran/PROPN/Iran/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod attack/VERB/attack/0/root Iraq/PROPN/Iraq/4/obj ././4/punct", 3),
            EventStatus::Denied
        );
        assert_eq!(
            status_of("Iran/PROPN/Iran/3/nsubj could/AUX/could/3/aux attack/VERB/attack/0/root Iraq/PROPN/Iraq/3/obj ././3/punct", 2),
            EventStatus::Hypothetical
        );
        // Without a parse, the words before the trigger decide.
        assert_eq!(
            status_of("Iran is expected to attack Iraq .", 4),
            EventStatus::Expected
        );
    }
}

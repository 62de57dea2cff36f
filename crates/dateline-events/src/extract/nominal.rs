//! Argument assignment for nominal triggers ("the meeting", "sanctions on Russia"):
//! possessors, modifiers, prepositional complements, relative clauses and the governing verb.

use super::{Args, Cand, Extractor};
use crate::words::*;
use dateline_core::{Deprel, EntityType, PloverType, Upos};

impl Extractor<'_> {
    /// The arguments of a noun trigger.
    pub(super) fn noun_args(&mut self, c: &Cand) -> Args {
        // A multiword noun ("hunger strike") is headed by its last word.
        let n = if c.last > c.tok && self.view.head(c.tok) == Some(c.last) {
            c.last
        } else {
            c.tok
        };
        let kind = c.entry.kind;
        let consult = kind == PloverType::Consult;
        let mut a = Args::default();
        self.noun_dependents(c, n, consult, &mut a);
        self.lend_governing_subject(n, consult, &mut a);
        if consult {
            self.meeting_with_in_order(n, &mut a);
            self.elliptical_participants(n, &mut a);
            self.auxiliary_only_participants(n, &mut a);
        }
        a
    }

    /// Arguments from the noun's own dependents: a possessor is the source; entity modifiers
    /// are participants of a meeting, else sources; prepositional complements by their
    /// preposition; a relative clause's subjects take part in a meeting.
    fn noun_dependents(&mut self, c: &Cand, n: usize, consult: bool, a: &mut Args) {
        let kids = self.view.children(n).collect::<Vec<_>>();
        for k in kids {
            if k >= c.tok && k <= c.last && c.last > c.tok {
                continue;
            }
            match self.view.deprel(k) {
                Some(Deprel::NmodPoss) => {
                    let ids = self.actor_of(k, 0);
                    a.sources.extend(ids);
                }
                Some(Deprel::Compound | Deprel::Amod) => {
                    if self.view.entity_at[k].is_none() {
                        continue;
                    }
                    if let Some(p) = self.place_entity(k) {
                        if consult {
                            a.places.push(p);
                            continue;
                        }
                    }
                    let ids = self.actor_of(k, 1);
                    if consult {
                        a.participants.extend(ids);
                    } else {
                        a.sources.extend(ids);
                    }
                }
                Some(r) if r.base() == Deprel::Nmod => {
                    let case = self.view.case_of(k).unwrap_or("").to_string();
                    if let Some(p) = self.place_entity(k) {
                        if matches!(case.as_str(), "in" | "at" | "near") {
                            a.places.push(p);
                            continue;
                        }
                        if consult && case == "to" {
                            a.places.push(p.clone());
                            a.targets.push(p);
                            continue;
                        }
                    }
                    if !self.is_actor_token(k) {
                        continue;
                    }
                    let ids = self.actor_of(k, 0);
                    match case.as_str() {
                        "with" => a.targets.extend(ids),
                        "between" | "among" => a.participants.extend(ids),
                        "of" if consult => a.participants.extend(ids),
                        "on" | "about" | "over" if consult => {}
                        "of" | "on" | "against" | "to" | "into" | "for" => a.targets.extend(ids),
                        "by" | "from" => a.sources.extend(ids),
                        _ => {}
                    }
                }
                Some(Deprel::AclRelcl | Deprel::Acl) if consult => {
                    // "a meeting …, which Mr Starmer will attend, as will Mark Rutte"
                    let sub = self.view.subtree(k, &[Deprel::Punct]);
                    let subj: Vec<usize> = sub
                        .into_iter()
                        .filter(|&x| {
                            self.view.rel(x) == Some(Deprel::Nsubj)
                                && !contains(RELATIVE_PRONOUNS, self.view.lower[x].as_str())
                        })
                        .collect();
                    for s in subj {
                        let ids = self.actor_of(s, 0);
                        if consult {
                            a.participants.extend(ids);
                        } else {
                            a.sources.extend(ids);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The verb that governs the noun as its object lends its subject: "they linked future
    /// sanctions", "France is preparing to host an informal meeting".
    fn lend_governing_subject(&mut self, n: usize, consult: bool, a: &mut Args) {
        // The verb that governs the noun as its object lends its subject: "they linked
        // future sanctions", "France is preparing to host an informal meeting".
        if a.sources.is_empty()
            && a.participants.is_empty()
            && self.view.rel(n) == Some(Deprel::Obj)
        {
            if let Some(g) = self.view.head(n) {
                // A meeting is someone's only through verbs of holding or joining it.
                let lends = !consult
                    || self.view.lemmas[g]
                        .iter()
                        .any(|l| contains(MEETING_SUPPORT_VERBS, l));
                if lends && self.view.upos(g).is_none_or(|u| u == Upos::Verb) {
                    let mut subj: Vec<usize> = self.view.kids(g, Deprel::Nsubj).collect();
                    if subj.is_empty() {
                        subj = self.controller_subjects(g);
                    }
                    for s in subj {
                        let ids = self.actor_of(s, 0);
                        if consult {
                            a.participants.extend(ids);
                        } else {
                            a.sources.extend(ids);
                        }
                    }
                    if !consult && a.targets.is_empty() {
                        let obls: Vec<usize> = self
                            .view
                            .kids(g, Deprel::Obl)
                            .filter(|&o| matches!(self.view.case_of(o), Some("on" | "against")))
                            .collect();
                        for o in obls {
                            if self.is_actor_token(o) {
                                let ids = self.actor_of(o, 0);
                                a.targets.extend(ids);
                            }
                        }
                    }
                }
            }
        }
    }

    /// "meeting with Mr Trump" that the parse hung elsewhere.
    fn meeting_with_in_order(&mut self, n: usize, a: &mut Args) {
        // "meeting with Mr Trump" that the parse hung elsewhere.
        if a.targets.is_empty() {
            let s = self.doc().tokens[n].sentence;
            let end = self.view.sentence_range(s).end;
            if n + 1 < end && self.view.lower[n + 1] == "with" {
                for x in n + 2..end.min(n + 6) {
                    if self.view.entity_at[x].is_some() && self.is_actor_token(x) {
                        let ids = self.actor_of(x, 1);
                        a.targets.extend(ids);
                        break;
                    }
                }
            }
        }
    }

    /// "…, as will Nato Secretary General Mark Rutte": the actor of an elliptical clause
    /// joins the meeting.
    fn elliptical_participants(&mut self, n: usize, a: &mut Args) {
        // "…, as will Nato Secretary General Mark Rutte": the actor of an elliptical clause
        // joins the meeting.
        if !a.participants.is_empty() {
            let s = self.doc().tokens[n].sentence;
            let range = self.view.sentence_range(s);
            let mut x = n + 1;
            while x + 1 < range.end {
                if self.view.lower[x] == "as"
                    && matches!(
                        self.view.lower[x + 1].as_str(),
                        "will" | "would" | "does" | "do" | "did" | "can" | "shall"
                    )
                {
                    for y in x + 2..range.end.min(x + 10) {
                        if let Some((e, _)) = self.view.entity_at[y] {
                            if matches!(self.view.entity_type(e), EntityType::Person) {
                                let ids = self.actor_of(y, 1);
                                a.participants.extend(ids);
                                break;
                            }
                        }
                    }
                }
                x += 1;
            }
        }
    }

    /// Ellipsis the parser attaches elsewhere: subjects of auxiliary-only clauses in the same
    /// sentence join a meeting.
    fn auxiliary_only_participants(&mut self, n: usize, a: &mut Args) {
        // Ellipsis the parser attaches elsewhere ("…, as will Nato Secretary General Mark
        // Rutte"): subjects of auxiliary-only clauses in the same sentence join a meeting.
        if !a.participants.is_empty() {
            let range = self.view.sentence_range(self.doc().tokens[n].sentence);
            let extra: Vec<usize> = range
                .filter(|&x| x > n && self.view.rel(x) == Some(Deprel::Nsubj))
                .filter(|&x| {
                    self.view.head(x).is_some_and(|h| {
                        self.view.upos(h) == Some(Upos::Aux)
                            || self.view.lower[h] == "will"
                            || (self
                                .view
                                .kids(h, Deprel::Mark)
                                .any(|m| self.view.lower[m] == "as")
                                && self.view.upos(h) != Some(Upos::Verb))
                    })
                })
                .collect();
            for x in extra {
                let ids = self.actor_of(x, 0);
                a.participants.extend(ids);
            }
        }
    }
}

//! Argument assignment for verb triggers: subjects, objects and obliques from the parse, the
//! subject a controlled verb inherits, and word order when the parse has none.

use super::{Args, Cand, Extractor, STOP_SUBTREE};
use crate::words::*;
use dateline_core::{Deprel, EntityType, PloverType};

impl Extractor<'_> {
    /// The arguments of a candidate: from the parse (backed up by word order) or, without
    /// one, by word order alone.
    pub(super) fn args_of(&mut self, c: &Cand) -> Args {
        if self.view.is_parsed(c.tok) {
            if c.entry.noun {
                self.noun_args(c)
            } else {
                let mut a = self.verb_args(c);
                // A parse that found no subject (or attached the verb oddly) is backed up by
                // word order: the nearest actor before the verb, the first after it.
                let passive = self.view.kids(c.tok, Deprel::NsubjPass).next().is_some();
                if a.targets.is_empty() && !passive && c.entry.kind != PloverType::Consult {
                    let lin = self.linear_args(c);
                    a.targets = lin.targets;
                }
                let has_subject = self.view.kids(c.tok, Deprel::Nsubj).next().is_some();
                if a.sources.is_empty() && a.hosts.is_empty() && !passive && !has_subject {
                    let lin = self.linear_args(c);
                    a.sources = lin.sources;
                    if a.targets.is_empty() {
                        a.targets = lin.targets;
                    }
                    for p in lin.places {
                        if !a.places.contains(&p) {
                            a.places.push(p);
                        }
                    }
                }
                a
            }
        } else {
            self.linear_args(c)
        }
    }

    /// The arguments of a verb trigger: subjects (or the controller's), objects and obliques,
    /// then what purpose clauses, a consumed event noun and a framed complement add.
    pub(super) fn verb_args(&mut self, c: &Cand) -> Args {
        let mut a = Args::default();
        self.verb_dependents(c, &mut a);
        if c.entry.kind == PloverType::Consult && a.targets.iter().all(|t| a.places.contains(t)) {
            self.purpose_targets(c.tok, &mut a);
        }
        if !c.entry.pattern.is_empty() {
            self.consumed_noun_arguments(c, &mut a);
        }
        if FRAMERS.contains(&c.entry.kind) && a.targets.is_empty() {
            self.complement_targets(c, &mut a);
        }
        // "host": the subject hosts.
        if c.entry.words[0] == "host" || c.entry.cameo == "043" {
            a.hosts = std::mem::take(&mut a.sources);
        }
        a
    }

    /// Subjects are sources (passive subjects targets, a by-agent the source), a subjectless
    /// verb takes its controller's subject; objects and obliques by their relation and case.
    fn verb_dependents(&mut self, c: &Cand, a: &mut Args) {
        let t = c.tok;
        let kind = c.entry.kind;
        let subjects: Vec<usize> = self.view.kids(t, Deprel::Nsubj).collect();
        let passive_subjects: Vec<usize> = self.view.kids(t, Deprel::NsubjPass).collect();
        let has_own_subject = !subjects.is_empty() || !passive_subjects.is_empty();
        for s in subjects {
            let ids = self.actor_of(s, 0);
            a.sources.extend(ids);
        }
        for s in &passive_subjects {
            let ids = self.actor_of(*s, 0);
            a.targets.extend(ids);
        }
        if a.sources.is_empty() && !has_own_subject {
            for s in self.controller_subjects(t) {
                let ids = self.actor_of(s, 0);
                a.sources.extend(ids);
            }
        }
        let objs: Vec<usize> = self
            .view
            .children(t)
            .filter(|&k| matches!(self.view.rel(k), Some(Deprel::Obj | Deprel::Iobj)))
            .collect();
        for o in objs {
            self.attach_object(c, o, a);
        }
        let obls: Vec<usize> = self
            .view
            .children(t)
            .filter(|&k| matches!(self.view.rel(k), Some(Deprel::Obl | Deprel::Nmod)))
            .collect();
        for o in obls {
            let case = self.view.case_of(o).unwrap_or("").to_string();
            if case == "by" && !passive_subjects.is_empty()
                || self.view.deprel(o) == Some(Deprel::OblAgent)
            {
                let ids = self.actor_of(o, 0);
                a.sources.extend(ids);
                continue;
            }
            self.attach_oblique(kind, c.entry.mode.as_deref(), o, &case, a);
        }
    }

    /// Purpose clauses carry the target of a trip: "head to the White House … to take
    /// messages … to the US President".
    fn purpose_targets(&mut self, t: usize, a: &mut Args) {
        let purposes: Vec<usize> = self
            .view
            .children(t)
            .filter(|&k| matches!(self.view.rel(k), Some(Deprel::Advcl | Deprel::Xcomp)))
            .collect();
        for p in purposes {
            let inner: Vec<usize> = self
                .view
                .subtree(p, STOP_SUBTREE)
                .into_iter()
                .filter(|&k| {
                    matches!(self.view.rel(k), Some(Deprel::Obl | Deprel::Nmod))
                        && self.view.case_of(k) == Some("to")
                        && self.view.entity_at[k].is_some_and(|(e, _)| {
                            matches!(
                                self.view.entity_type(e),
                                EntityType::Person | EntityType::Org
                            )
                        })
                })
                .collect();
            for o in inner {
                if self.is_actor_token(o) {
                    let ids = self.actor_of(o, 0);
                    a.targets.extend(ids);
                }
            }
        }
    }

    /// An event noun the pattern consumed ("host an informal meeting of leaders …, which Mr
    /// Starmer will attend") brings its own participants.
    fn consumed_noun_arguments(&mut self, c: &Cand, a: &mut Args) {
        let (t, kind) = (c.tok, c.entry.kind);
        let objs: Vec<usize> = self.view.kids(t, Deprel::Obj).collect();
        for o in objs {
            let noun_entry = self.view.lemmas[o]
                .iter()
                .flat_map(|l| self.lex.starting_with(l))
                .find(|e| e.noun && e.kind == kind && e.words.len() == 1)
                .cloned();
            if let Some(entry) = noun_entry {
                let pseudo = Cand {
                    tok: o,
                    last: o,
                    entry,
                    parent: None,
                    framed: false,
                    confidence: None,
                };
                let inner = self.noun_args(&pseudo);
                a.targets.extend(inner.targets);
                a.participants.extend(inner.participants);
                a.places.extend(inner.places);
            }
        }
    }

    /// A framing verb with no target of its own takes its complement's: "threatened to cut
    /// off electricity to Nakhichevan".
    fn complement_targets(&mut self, c: &Cand, a: &mut Args) {
        let (t, kind) = (c.tok, c.entry.kind);
        let comps: Vec<usize> = self
            .view
            .children(t)
            .filter(|&k| matches!(self.view.rel(k), Some(Deprel::Xcomp | Deprel::Ccomp)))
            .collect();
        for comp in comps {
            let deps: Vec<usize> = self.view.children(comp).collect::<Vec<_>>();
            for o in deps {
                let rel = self.view.rel(o);
                let demanded_of = kind == PloverType::Request && rel == Some(Deprel::Nsubj);
                if (rel == Some(Deprel::Obj) || demanded_of) && self.is_actor_token(o) {
                    let ids = self.actor_of(o, 0);
                    a.targets.extend(ids);
                } else if rel == Some(Deprel::Obl) {
                    let case = self.view.case_of(o).unwrap_or("").to_string();
                    if matches!(case.as_str(), "to" | "against" | "on" | "with" | "from")
                        && self.is_actor_token(o)
                    {
                        let ids = self.actor_of(o, 0);
                        a.targets.extend(ids);
                    }
                }
            }
        }
    }

    /// The subject an embedded verb inherits: "X will travel … to meet", "X is expected to
    /// visit", "Afghan rebels … kidnapped … and exploded".
    pub(super) fn controller_subjects(&self, t: usize) -> Vec<usize> {
        let v = &self.view;
        let mut cur = t;
        for _ in 0..4 {
            let rel = v.deprel(cur);
            let Some(h) = v.head(cur) else { break };
            let base = v.rel(cur);
            if rel == Some(Deprel::AclRelcl) {
                // The relative pronoun stands for the modified noun.
                return vec![h];
            }
            if base == Some(Deprel::Acl) {
                return vec![h];
            }
            if !matches!(
                base,
                Some(Deprel::Xcomp | Deprel::Advcl | Deprel::Conj | Deprel::Ccomp)
            ) {
                break;
            }
            // "following a meeting … to discuss": a participial adjunct has no controller.
            if cur != t && base == Some(Deprel::Advcl) && v.lower[cur].ends_with("ing") {
                break;
            }
            if base == Some(Deprel::Xcomp) && contains(OBJECT_CONTROL, v.lemma(h)) {
                let objs: Vec<usize> = v.kids(h, Deprel::Obj).collect();
                if !objs.is_empty() {
                    return objs;
                }
            }
            let subj: Vec<usize> = v.kids(h, Deprel::Nsubj).collect();
            if !subj.is_empty() {
                return subj;
            }
            let pass: Vec<usize> = v.kids(h, Deprel::NsubjPass).collect();
            if !pass.is_empty() && base != Some(Deprel::Conj) {
                return pass;
            }
            cur = h;
        }
        Vec::new()
    }

    pub(super) fn attach_object(&mut self, c: &Cand, o: usize, a: &mut Args) {
        let kind = c.entry.kind;
        // What is discussed or negotiated is a topic, not a counterpart ("to discuss
        // Ukraine").
        if kind == PloverType::Consult && contains(TOPIC_VERBS, c.entry.words[0].as_str()) {
            return;
        }
        let place_like = self.place_entity(o);
        if let Some(p) = place_like.clone() {
            if kind == PloverType::Consult {
                a.places.push(p.clone());
                a.targets.push(p);
                return;
            }
        }
        let ids = self.actor_of(o, 0);
        if !ids.is_empty() {
            a.targets.extend(ids);
            return;
        }
        // "halted economic aid to Serbia", "imposed sanctions on the Taliban": the object is
        // a thing, its complement names the target.
        if kind != PloverType::Consult {
            let kids: Vec<usize> = self.view.kids(o, Deprel::Nmod).collect();
            for k in kids {
                let case = self.view.case_of(k).unwrap_or("");
                if matches!(case, "to" | "on" | "against" | "for" | "with")
                    && self.is_actor_token(k)
                {
                    let ids = self.actor_of(k, 0);
                    a.targets.extend(ids);
                    break;
                }
            }
        }
    }

    pub(super) fn attach_oblique(
        &mut self,
        kind: PloverType,
        mode: Option<&str>,
        o: usize,
        case: &str,
        a: &mut Args,
    ) {
        if let Some(p) = self.place_entity(o) {
            match case {
                "in" | "at" | "inside" | "near" => {
                    a.places.push(p);
                    return;
                }
                "to" | "into" if kind == PloverType::Consult || mode == Some("visit") => {
                    a.places.push(p.clone());
                    a.targets.push(p);
                    return;
                }
                _ => {}
            }
        }
        let target_cases: &[&str] = match kind {
            PloverType::Consult => &["with", "to"],
            PloverType::Retreat => &["to", "with", "for", "from"],
            PloverType::Sanction => &["against", "on", "to", "with", "from"],
            PloverType::Aid
            | PloverType::Cooperate
            | PloverType::Support
            | PloverType::Agree
            | PloverType::Concede => &["to", "with", "for"],
            PloverType::Assault
            | PloverType::Coerce
            | PloverType::Protest
            | PloverType::Threaten
            | PloverType::Accuse => &["against", "on", "to", "with", "into"],
            PloverType::Reject | PloverType::Request => &["to", "from", "with", "on"],
            _ => &["to", "with"],
        };
        if case == "between" || case == "among" {
            let ids = self.actor_of(o, 0);
            a.participants.extend(ids);
        } else if target_cases.contains(&case) && self.is_actor_token(o) {
            let ids = self.actor_of(o, 0);
            a.targets.extend(ids);
        }
    }
}

//! Actors of an argument: the entity ids a nominal names (conjuncts, modifiers, appositions),
//! pronouns resolved to the nearest fitting earlier actor.

use super::Extractor;
use crate::words::*;
use dateline_core::{Deprel, EntityType, MentionKind, Upos};

impl Extractor<'_> {
    /// The id of the place entity (GPE, LOC, FAC) at token `t`, if any.
    pub(super) fn place_entity(&self, t: usize) -> Option<String> {
        let (e, _) = self.view.entity_at[t]?;
        matches!(
            self.view.entity_type(e),
            EntityType::Gpe | EntityType::Loc | EntityType::Fac
        )
        .then(|| self.doc().entities[e].id.clone())
    }

    /// Can this token (head of a nominal) name an actor?
    pub(super) fn is_actor_token(&self, t: usize) -> bool {
        if let Some((e, _)) = self.view.entity_at[t] {
            return !matches!(
                self.view.entity_type(e),
                EntityType::Event | EntityType::Other
            );
        }
        let lower = self.view.lower[t].as_str();
        if contains(PERSONAL_PRONOUNS, lower) {
            return true;
        }
        if self.view.lemmas[t].iter().any(|l| contains(GROUP_NOUNS, l)) {
            return true;
        }
        // A nominal whose modifiers name an entity: "Romania's new government".
        self.view.is_parsed(t)
            && self.view.children(t).any(|k| {
                matches!(
                    self.view.deprel(k),
                    Some(Deprel::NmodPoss | Deprel::Compound | Deprel::Amod | Deprel::Flat)
                ) && self.view.entity_at[k].is_some()
            })
    }

    /// The entity ids a nominal argument names, creating a group entity for collective
    /// actors the entities layer left out.
    pub(super) fn actor_of(&mut self, t: usize, depth: usize) -> Vec<String> {
        let mut out = self.actor_single(t, depth);
        if self.view.is_parsed(t) && depth < 3 {
            let conj: Vec<usize> = self.view.kids(t, Deprel::Conj).collect();
            for k in conj {
                for id in self.actor_of(k, depth + 1) {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }

    pub(super) fn actor_single(&mut self, t: usize, depth: usize) -> Vec<String> {
        let v = &self.view;
        // Words of a time expression ("(WC 24th Feb)") name no actor.
        if v.time_tokens
            .iter()
            .flatten()
            .any(|&(f, l)| f <= t && t <= l)
        {
            return Vec::new();
        }
        if let Some((e, kind)) = v.entity_at[t] {
            let ent = &self.doc().entities[e];
            // An OTHER entity inside a noun phrase is usually a nationality the entities
            // layer could not type ("Iraqi towns"); alone it names no actor.
            if ent.kind == EntityType::Event || (ent.kind == EntityType::Other && depth == 0) {
                return Vec::new();
            }
            let mut out = vec![ent.id.clone()];
            // A nominal group ("foreign ministers", "officials") brings the states and
            // organisations that modify it: "European Community foreign ministers",
            // "Hungarian and Romanian officials".
            if kind == MentionKind::Nominal
                && v.is_parsed(t)
                && depth == 0
                && matches!(
                    ent.kind,
                    EntityType::Org | EntityType::Norp | EntityType::Other
                )
            {
                let mods: Vec<usize> = v
                    .children(t)
                    .filter(|&k| {
                        matches!(
                            v.deprel(k),
                            Some(Deprel::Amod | Deprel::Compound | Deprel::NmodPoss)
                        )
                    })
                    .filter(|&k| v.entity_at[k].is_some_and(|(m, _)| m != e))
                    .collect();
                for k in mods {
                    for id in self.actor_of(k, 1) {
                        if !out.contains(&id) {
                            out.push(id);
                        }
                    }
                }
            }
            return out;
        }
        if let Some(&g) = self.group_at.get(&t) {
            return vec![self.groups[g].id.clone()];
        }
        let lower = v.lower[t].clone();
        if contains(RELATIVE_PRONOUNS, &lower) {
            if let Some(h) = v.head(t).and_then(|h| v.head(h)) {
                if depth < 2 {
                    return self.actor_of(h, depth + 1);
                }
            }
            return Vec::new();
        }
        if contains(PERSONAL_PRONOUNS, &lower) {
            return self.resolve_pronoun(t).into_iter().collect();
        }
        let group = v.lemmas[t].iter().any(|l| contains(GROUP_NOUNS, l));
        if group {
            // "A member of the Syrian parliament, Mohammed Mamoun", "Syrian MP Mohammed
            // Mamoun": the named person, not a group.
            let named = v
                .children(t)
                .filter(|&k| {
                    matches!(
                        v.deprel(k),
                        Some(Deprel::Appos | Deprel::Flat | Deprel::Compound)
                    )
                })
                .find_map(|k| {
                    v.entity_at[k].filter(|&(e, kind)| {
                        kind == MentionKind::Name
                            && self.doc().entities[e].kind == EntityType::Person
                    })
                });
            // The parse may hang the appositive elsewhere: read "<group>, <Name>," in order.
            let named = named.or_else(|| {
                let s = self.doc().tokens[t].sentence;
                let comma = (t + 1..v.lower.len().min(t + 12))
                    .take_while(|&k| {
                        self.doc().tokens[k].sentence == s
                            && !v.upos(k).is_some_and(Upos::is_verbal)
                    })
                    .find(|&k| v.lower[k] == ",")?;
                let (e, kind) = v.entity_at.get(comma + 1).copied().flatten()?;
                let person = self.doc().entities[e].kind == EntityType::Person;
                let closed = (comma + 2..v.lower.len().min(comma + 8))
                    .find(|&k| v.entity_at[k].map(|(x, _)| x) != Some(e))
                    .is_some_and(|k| v.lower[k] == ",");
                (person && kind == MentionKind::Name && closed).then_some((e, kind))
            });
            if let Some((e, _)) = named {
                return vec![self.doc().entities[e].id.clone()];
            }
            return vec![self.group_entity(t)];
        }
        // Look inside the noun phrase only at the top: "the withdrawal of Serbian forces",
        // "Romania's new government"; deeper ("the importance of a US guarantee") is noise.
        if depth >= 1 || !v.is_parsed(t) {
            return Vec::new();
        }
        let kids: Vec<usize> = v
            .children(t)
            .filter(|&k| {
                matches!(
                    v.deprel(k),
                    Some(
                        Deprel::NmodPoss
                            | Deprel::Compound
                            | Deprel::Amod
                            | Deprel::Flat
                            | Deprel::Appos
                            | Deprel::Nmod
                    )
                )
            })
            .collect();
        for k in kids {
            if self.view.deprel(k) == Some(Deprel::Nmod)
                && !matches!(self.view.case_of(k), Some("of") | Some("from"))
            {
                continue;
            }
            let ids = self.actor_of(k, depth + 1);
            if !ids.is_empty() {
                return ids;
            }
        }
        Vec::new()
    }

    /// The nearest earlier actor a pronoun can stand for.
    pub(super) fn resolve_pronoun(&self, t: usize) -> Option<String> {
        let v = &self.view;
        let doc = self.doc();
        let lower = v.lower[t].as_str();
        let person = matches!(lower, "he" | "she" | "him" | "her");
        let sent = doc.tokens[t].sentence;
        let mut best: Option<(usize, String)> = None;
        for i in (0..t).rev() {
            if doc.tokens[i].sentence + 2 < sent {
                break;
            }
            let cand = if let Some((e, _)) = v.entity_at[i] {
                let ent = &doc.entities[e];
                let ok = if person {
                    ent.kind == EntityType::Person
                } else {
                    matches!(
                        ent.kind,
                        EntityType::Org | EntityType::Gpe | EntityType::Norp
                    )
                };
                ok.then(|| ent.id.clone())
            } else if !person {
                self.group_at.get(&i).map(|&g| self.groups[g].id.clone())
            } else {
                None
            };
            if let Some(id) = cand {
                // Prefer subjects: walk to the first subject candidate, else keep the nearest.
                let subj = !v.is_parsed(i)
                    || v.rel(i) == Some(Deprel::Nsubj)
                    || v.head(i).is_some_and(|h| v.rel(h) == Some(Deprel::Nsubj));
                if subj {
                    return Some(id);
                }
                if best.is_none() {
                    best = Some((i, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::{doc_from, entity};
    use crate::Lexicon;
    use dateline_core::EntityType;

    #[test]
    fn conjuncts_and_pronouns_name_actors() {
        let mut doc = doc_from(&[
            "Iran/PROPN/Iran/4/nsubj and/CCONJ/and/3/cc Iraq/PROPN/Iraq/1/conj met/VERB/meet/0/root ././4/punct",
            "It/PRON/it/2/nsubj left/VERB/leave/0/root ././2/punct",
        ]);
        entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
        entity(&mut doc, "E2", EntityType::Gpe, &[(2, 3)]);
        let lex = Lexicon::builtin().unwrap();
        let mut ex = Extractor::new(&doc, &lex);
        assert_eq!(ex.actor_of(0, 0), vec!["E1".to_string(), "E2".to_string()]);
        // The nearest earlier subject-like actor: "Iraq", conjoined to the subject.
        assert_eq!(ex.actor_of(5, 0), vec!["E2".to_string()]);
        assert!(ex.is_actor_token(5));
        assert!(!ex.is_actor_token(3));
    }
}

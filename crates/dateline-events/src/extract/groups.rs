//! Group entities: collective actors the entities layer left out ("G7 foreign ministers"),
//! created once and reused for later mentions.

use super::Extractor;
use crate::words::*;
use dateline_core::{Deprel, Entity, EntityType, Mention, MentionKind, Upos};

impl Extractor<'_> {
    /// Creates (or reuses) an entity for a collective actor headed by token `t`.
    pub(super) fn group_entity(&mut self, t: usize) -> String {
        let v = &self.view;
        let doc = self.doc();
        // The noun phrase: the head and its pre-modifiers (and "of …" complements).
        let mut toks = vec![t];
        if v.is_parsed(t) {
            let mut stack = vec![t];
            while let Some(x) = stack.pop() {
                for k in v.children(x) {
                    let d = v.deprel(k);
                    let keep =
                        matches!(
                            d,
                            Some(
                                Deprel::Amod
                                    | Deprel::Compound
                                    | Deprel::NmodPoss
                                    | Deprel::Flat
                                    | Deprel::Case
                                    | Deprel::Cc
                                    | Deprel::Conj
                            )
                        ) || (d == Some(Deprel::Nmod) && k > t && v.case_of(k) == Some("of"))
                            || (d == Some(Deprel::Case) && x != t);
                    let keep = keep
                        && !(d == Some(Deprel::Conj) && x == t)
                        && !(d == Some(Deprel::Cc) && x == t);
                    if keep && k.abs_diff(t) < 10 {
                        toks.push(k);
                        stack.push(k);
                    }
                }
            }
        } else {
            let s = doc.tokens[t].sentence;
            let mut i = t;
            while i > 0 && doc.tokens[i - 1].sentence == s && t - i < 4 {
                let w = &doc.tokens[i - 1];
                let cap = w.text.chars().next().is_some_and(|c| c.is_uppercase());
                if cap || v.entity_at[i - 1].is_some() {
                    i -= 1;
                    toks.push(i);
                } else {
                    break;
                }
            }
        }
        toks.sort_unstable();
        // Drop leading articles and quantities; a possessive's own "'s" stays.
        while toks.len() > 1 && {
            let f = toks[0];
            matches!(
                v.upos(f),
                Some(Upos::Det | Upos::Num | Upos::Adp | Upos::Cconj)
            ) || matches!(
                v.lower[f].as_str(),
                "the" | "a" | "an" | "some" | "senior" | "top"
            )
        } {
            toks.remove(0);
        }
        let first = toks[0];
        let last = *toks.last().unwrap_or(&t);
        let start = doc.tokens[first].start;
        let end = doc.tokens[last].end;
        let text = v.chars().slice(&doc.text, start, end).to_string();
        let head_lemma = v.lemmas[t]
            .iter()
            .find(|l| contains(GROUP_NOUNS, l))
            .cloned()
            .unwrap_or_else(|| v.lower[t].clone());
        let mods: Vec<String> = toks
            .iter()
            .filter(|&&x| x != t)
            .map(|&x| v.lower[x].clone())
            .collect();
        // Codes of the entities inside ("G7", "Hungarian") make the group theirs.
        let mut codes = std::collections::BTreeMap::new();
        for &x in &toks {
            if let Some((e, _)) = v.entity_at[x] {
                for (k, val) in &doc.entities[e].codes {
                    codes.entry(k.clone()).or_insert_with(|| val.clone());
                }
            }
        }
        // The sector annotators gave such groups ("police" → POL), by the head's lemma.
        let lemma = v.lemma(t);
        if let Some(sector) = crate::learned::sectors::sector_of(lemma) {
            codes.insert("sector".to_string(), sector.to_string());
        }
        // Reuse a group with the same head whose modifiers include or are included in ours
        // ("leaders" after "European leaders").
        let mention = Mention {
            start,
            end,
            text: text.clone(),
            kind: MentionKind::Nominal,
        };
        for (gi, g) in self.groups.iter_mut().enumerate() {
            let gmods: Vec<String> = g
                .name
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let g_head = gmods.last().cloned().unwrap_or_default();
            let same_head = g_head.starts_with(&head_lemma) || head_lemma.starts_with(&g_head);
            let ours_in_theirs = mods.iter().all(|m| gmods.contains(m));
            let theirs_in_ours = gmods[..gmods.len().saturating_sub(1)]
                .iter()
                .all(|m| mods.contains(m));
            if same_head && (ours_in_theirs || theirs_in_ours) {
                if !g.mentions.iter().any(|m| m.start == start) {
                    g.mentions.push(mention);
                }
                self.group_at.insert(t, gi);
                return g.id.clone();
            }
        }
        let id = format!("{}{}", self.id_prefix, self.next_entity);
        self.next_entity += 1;
        self.groups.push(Entity {
            id: id.clone(),
            name: text,
            kind: EntityType::Org,
            roles: Vec::new(),
            mentions: vec![mention],
            codes,
        });
        self.group_at.insert(t, self.groups.len() - 1);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::{doc_from, entity};
    use crate::Lexicon;
    use dateline_core::EntityType;

    #[test]
    fn a_collective_actor_becomes_one_group_entity() {
        let mut doc = doc_from(&["G7/PROPN/G7/3/compound foreign/ADJ/foreign/3/amod ministers/NOUN/minister/4/nsubj met/VERB/meet/0/root ././4/punct"]);
        entity(&mut doc, "E1", EntityType::Org, &[(0, 1)]);
        let lex = Lexicon::builtin().unwrap();
        let mut ex = Extractor::new(&doc, &lex);
        let id = ex.group_entity(2);
        assert_eq!(id, "E2");
        assert_eq!(ex.groups[0].name, "G7 foreign ministers");
        assert_eq!(ex.group_entity(2), id, "reused, not created twice");
        assert_eq!(ex.groups.len(), 1);
    }
}

//! How clearly an actor is political, given the article's domain.

use super::{Extractor, Political};
use crate::domain::Domain;
use crate::words::*;
use dateline_core::{Entity, EntityType, MentionKind};

impl Extractor<'_> {
    /// How political an actor is, given the article's domain.
    pub fn political(&self, id: &str) -> Political {
        let size = self
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or(0, |g| g.mentions.len());
        let key = (id.to_string(), size);
        if let Some(&known) = self.political_cache.borrow().get(&key) {
            return known;
        }
        let answer = self.political_uncached(id);
        self.political_cache.borrow_mut().insert(key, answer);
        answer
    }

    pub(super) fn political_uncached(&self, id: &str) -> Political {
        let doc = self.doc();
        let lenient = !matches!(self.domain, Domain::Sport | Domain::Entertainment);
        if let Some(g) = self.groups.iter().find(|g| g.id == id) {
            let lower = g.name.to_lowercase();
            let head = lower.split_whitespace().last().unwrap_or("");
            let political_head = POLITICAL_GROUP_NOUNS.iter().any(|p| head.starts_with(p));
            // "Iraqi civilians", "Palestinian youths": a group of a nation or state.
            let national = lenient
                && g.mentions
                    .iter()
                    .any(|m| self.contains_national_mention(m.start, m.end));
            return if political_head || national {
                Political::Strong
            } else if lenient {
                Political::Weak
            } else {
                Political::No
            };
        }
        let Some(e) = doc.entities.iter().find(|e| e.id == id) else {
            return Political::No;
        };
        let titled = self.has_political_title(e);
        // An entity named by a group noun ("Demonstrators", "Afghan rebels").
        let group_named = e
            .name
            .to_lowercase()
            .split_whitespace()
            .last()
            .is_some_and(|w| POLITICAL_GROUP_NOUNS.iter().any(|p| w.starts_with(p)));
        if group_named && (lenient || e.kind == EntityType::Org) {
            return Political::Strong;
        }
        match e.kind {
            EntityType::Gpe | EntityType::Norp => {
                if lenient {
                    Political::Strong
                } else {
                    Political::No
                }
            }
            EntityType::Org => {
                let name = e.name.to_lowercase();
                let words: Vec<&str> = name
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let sports_body = words.iter().any(|w| contains(SPORT_ORG_WORDS, w));
                let political_name = !sports_body
                    && (words.iter().any(|w| contains(POLITICAL_ORG_WORDS, w))
                        || e.codes.keys().any(|k| k == "cameo" || k == "plover"));
                let sporting = words.iter().any(|w| {
                    matches!(
                        *w,
                        "league" | "union" | "federation" | "association" | "fa" | "club"
                    )
                });
                if political_name && (lenient || !sporting) {
                    Political::Strong
                } else if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            EntityType::Person => {
                if titled || self.domain == Domain::Politics {
                    Political::Strong
                } else if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            EntityType::Fac => {
                if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            _ => Political::No,
        }
    }

    pub(super) fn has_political_title(&self, e: &Entity) -> bool {
        let title_word = |w: &str| contains(POLITICAL_TITLES, w);
        if e.roles
            .iter()
            .any(|r| r.title.to_lowercase().split_whitespace().any(title_word))
        {
            return true;
        }
        let doc = self.doc();
        for m in &e.mentions {
            if m.text.to_lowercase().split_whitespace().any(title_word)
                && m.kind != MentionKind::Pronoun
            {
                return true;
            }
            let first = doc.tokens.partition_point(|t| t.end <= m.start);
            for back in 1..=3 {
                let Some(i) = first.checked_sub(back) else {
                    break;
                };
                if title_word(&self.view.lower[i]) {
                    return true;
                }
                let cap = doc.tokens[i]
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase());
                if !cap {
                    break;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::tests::{doc_from, entity};
    use crate::Lexicon;
    use dateline_core::EntityType;

    use super::super::Political;

    #[test]
    fn states_are_political_and_sport_clubs_are_not() {
        let mut doc = doc_from(&["Iran/PROPN/Iran/2/nsubj met/VERB/meet/0/root Chelsea/PROPN/Chelsea/4/compound club/NOUN/club/2/obj ././2/punct"]);
        entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
        entity(&mut doc, "E2", EntityType::Org, &[(2, 4)]);
        doc.entities[1].name = "Chelsea Football Club".into();
        let lex = Lexicon::builtin().unwrap();
        let ex = Extractor::new(&doc, &lex);
        assert_eq!(ex.political("E1"), Political::Strong);
        assert!(ex.political("E2") < Political::Strong);
        assert_eq!(ex.political("E404"), Political::No);
    }
}

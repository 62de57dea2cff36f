//! Mentions merged into entities: full person names first, then surnames and first names
//! to the person they belong to, then identities and normalised names, acronyms to their
//! long forms and same-written names across types; then each entity's type by vote.

use super::candidates::Cand;
use super::roles::RoleDraft;
use super::tokens::Tok;
use super::typing::family;
use crate::gazetteer::Gazetteer;
use dateline_core::{EntityType, MentionKind};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub(super) struct Ent {
    pub(super) ty: EntityType,
    pub(super) mentions: Vec<usize>,
    pub(super) roles: Vec<RoleDraft>,
    pub(super) ident: Option<String>,
}

/// Mentions and the entities they were merged into.
pub(super) struct Grouping {
    /// The mentions.
    pub(super) kept: Vec<Cand>,
    /// For each mention, its entity (`usize::MAX` for none).
    pub(super) owner: Vec<usize>,
    /// The entities; merged-away ones have no mentions.
    pub(super) ents: Vec<Ent>,
}

impl Grouping {
    /// For each of `n` tokens, the index of the mention that covers it.
    pub(super) fn mention_at(&self, n: usize) -> Vec<Option<usize>> {
        mention_index(&self.kept, &self.owner, n)
    }

    /// Adds mentions found after merging (titles used as names, pronouns) to their entities.
    pub(super) fn add_mentions(&mut self, extra: Vec<(usize, Cand)>) {
        let Grouping { kept, owner, ents } = self;
        for (e, c) in extra {
            kept.push(c);
            owner.push(e);
            ents[e].mentions.push(kept.len() - 1);
        }
    }
}

/// Merges `kept` into entities and gives each entity its type.
pub(super) fn group(gaz: &Gazetteer, toks: &[Tok], mut kept: Vec<Cand>) -> Grouping {
    let mut ents: Vec<Ent> = Vec::new();
    let mut owner: Vec<usize> = vec![usize::MAX; kept.len()];
    group_full_names(toks, &kept, &mut ents, &mut owner);
    attach_short_names(toks, &mut kept, &mut ents, &mut owner);
    group_by_identity(toks, &kept, &mut ents, &mut owner);
    merge_acronyms(&mut ents, &kept, toks, &mut owner);
    merge_same_names(&mut ents, &kept, toks, &mut owner);
    vote_types(gaz, toks, &kept, &mut ents);
    Grouping { kept, owner, ents }
}

/// The lowercased words of a mention's name proper.
fn name_words(toks: &[Tok], c: &Cand) -> Vec<String> {
    toks[c.name_first..c.end]
        .iter()
        .filter(|t| t.alpha())
        .map(|t| t.lower.clone())
        .collect()
}

/// Persons with full names first, so short forms find them wherever they appear.
fn group_full_names(toks: &[Tok], kept: &[Cand], ents: &mut Vec<Ent>, owner: &mut [usize]) {
    let name_words = |c: &Cand| name_words(toks, c);
    for (m, c) in kept.iter().enumerate() {
        if c.ty != EntityType::Person || name_words(c).len() < 2 {
            continue;
        }
        let nw = name_words(c);
        let found = ents.iter().position(|e| {
            e.ty == EntityType::Person && {
                let ew = name_words(&kept[e.mentions[0]]);
                ew.last() == nw.last()
                    && (ew[0] == nw[0]
                        || ew[0].chars().next() == nw[0].chars().next()
                            && (ew[0].len() <= 2 || nw[0].len() <= 2))
            }
        });
        let e = found.unwrap_or_else(|| {
            ents.push(Ent {
                ty: EntityType::Person,
                mentions: Vec::new(),
                roles: Vec::new(),
                ident: None,
            });
            ents.len() - 1
        });
        ents[e].mentions.push(m);
        owner[m] = e;
    }
}

/// A one-word name joins the person whose surname (else first name) it is, mentioned
/// most recently.
fn attach_short_names(toks: &[Tok], kept: &mut [Cand], ents: &mut [Ent], owner: &mut [usize]) {
    let name_words = |c: &Cand| name_words(toks, c);
    let person_surnames: Vec<(usize, String, String)> = ents
        .iter()
        .enumerate()
        .flat_map(|(e, ent)| {
            let nw = name_words(&kept[ent.mentions[0]]);
            Some((e, nw.first()?.clone(), nw.last()?.clone()))
        })
        .collect();
    for (m, c) in kept.iter_mut().enumerate() {
        if owner[m] != usize::MAX {
            continue;
        }
        let nw: Vec<String> = toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .map(|t| t.lower.clone())
            .collect();
        if nw.len() != 1 {
            continue;
        }
        let known_elsewhere = c.ident.is_some();
        let honorific = c.first < c.name_first;
        if c.ty != EntityType::Person
            && (known_elsewhere
                || !matches!(c.ty, EntityType::Org | EntityType::Other | EntityType::Gpe))
            && !honorific
        {
            continue;
        }
        // The person whose surname (else first name) this is, mentioned most recently.
        let pick = |by_last: bool| {
            person_surnames
                .iter()
                .filter(|(_, f, l)| if by_last { *l == nw[0] } else { *f == nw[0] })
                .map(|(e, _, _)| *e)
                .max_by_key(|&e| {
                    let before = ents[e].mentions.iter().filter(|&&x| x < m).count();
                    (before > 0, before)
                })
        };
        if let Some(e) = pick(true).or_else(|| {
            if c.ty == EntityType::Person {
                pick(false)
            } else {
                None
            }
        }) {
            c.ty = EntityType::Person;
            owner[m] = e;
            ents[e].mentions.push(m);
        }
    }
}

/// Everything else groups by identity, else by normalised text.
fn group_by_identity(toks: &[Tok], kept: &[Cand], ents: &mut Vec<Ent>, owner: &mut [usize]) {
    let name_words = |c: &Cand| name_words(toks, c);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for e in 0..ents.len() {
        let c = &kept[ents[e].mentions[0]];
        by_key.insert(format!("per:{}", name_words(c).join(" ")), e);
    }
    for (m, c) in kept.iter().enumerate() {
        if owner[m] != usize::MAX {
            continue;
        }
        let k = match &c.ident {
            Some(id) => id.clone(),
            None => format!("{}:{}", family(c.ty), name_words(c).join(" ")),
        };
        let e = *by_key.entry(k.clone()).or_insert_with(|| {
            ents.push(Ent {
                ty: c.ty,
                mentions: Vec::new(),
                roles: Vec::new(),
                ident: c.ident.clone(),
            });
            ents.len() - 1
        });
        ents[e].mentions.push(m);
        owner[m] = e;
    }
}

/// "Nato" ↔ "North Atlantic Treaty Organization": a short name equal to the initials
/// of another organisation's or place's long name joins it.
fn merge_acronyms(ents: &mut [Ent], kept: &[Cand], toks: &[Tok], owner: &mut [usize]) {
    let initials = |c: &Cand| -> Option<String> {
        let words: Vec<&Tok> = toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .collect();
        if words.len() < 2 {
            return None;
        }
        Some(
            words
                .iter()
                .filter(|t| !matches!(t.lower.as_str(), "of" | "the" | "and" | "for" | "on" | "in"))
                .filter_map(|t| t.text.chars().next())
                .flat_map(|ch| ch.to_uppercase())
                .collect(),
        )
    };
    for a in 0..ents.len() {
        if ents[a].mentions.is_empty() || ents[a].ty == EntityType::Person {
            continue;
        }
        let short: Vec<String> = ents[a]
            .mentions
            .iter()
            .filter(|&&m| kept[m].end - kept[m].name_first == 1)
            .map(|&m| {
                toks[kept[m].name_first]
                    .text
                    .to_uppercase()
                    .replace('.', "")
            })
            .collect();
        if short.is_empty()
            || ents[a]
                .mentions
                .iter()
                .any(|&m| kept[m].end - kept[m].name_first > 1)
        {
            continue;
        }
        let target = (0..ents.len()).find(|&b| {
            b != a
                && !ents[b].mentions.is_empty()
                && family(ents[b].ty) == family(ents[a].ty)
                && ents[b]
                    .mentions
                    .iter()
                    .any(|&m| initials(&kept[m]).is_some_and(|i| short.contains(&i)))
        });
        if let Some(b) = target {
            let moved = std::mem::take(&mut ents[a].mentions);
            for &m in &moved {
                owner[m] = b;
            }
            ents[b].mentions.extend(moved);
            let strong = |id: &Option<String>| {
                id.as_deref()
                    .is_some_and(|i| i.starts_with("gpe:") || i.starts_with("org:"))
            };
            if ents[b].ident.is_none() || (!strong(&ents[b].ident) && strong(&ents[a].ident)) {
                ents[b].ident = ents[a].ident.clone();
            }
        }
    }
}

/// One referent, one entity: entities whose names are written identically merge,
/// whatever types the tagger gave them ("Dimension Data" as PER once, ORG elsewhere).
/// Groups (NORP) stay apart from the places they are named after.
fn merge_same_names(ents: &mut [Ent], kept: &[Cand], toks: &[Tok], owner: &mut [usize]) {
    let name_key = |m: usize| -> String {
        let c = &kept[m];
        toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for e in 0..ents.len() {
        if ents[e].mentions.is_empty() || ents[e].ty == EntityType::Norp {
            continue;
        }
        let keys: Vec<String> = ents[e]
            .mentions
            .iter()
            .filter(|&&m| kept[m].kind == MentionKind::Name)
            .map(|&m| name_key(m))
            .filter(|k| !k.is_empty())
            .collect();
        let target = keys
            .iter()
            .find_map(|k| first_with.get(k).copied())
            .filter(|&t| t != e && !ents[t].mentions.is_empty());
        match target {
            Some(t)
                if ents[t].ident.is_none()
                    || ents[e].ident.is_none()
                    || ents[t].ident == ents[e].ident =>
            {
                let moved = std::mem::take(&mut ents[e].mentions);
                for &m in &moved {
                    owner[m] = t;
                }
                ents[t].mentions.extend(moved);
                if ents[t].ident.is_none() {
                    ents[t].ident = ents[e].ident.clone();
                }
                for k in keys {
                    first_with.entry(k).or_insert(t);
                }
            }
            _ => {
                for k in keys {
                    first_with.entry(k).or_insert(e);
                }
            }
        }
    }
}

/// Entity types: the mentions' majority; gazetteer names, honorifics and known first
/// names count double; ties go to the likelier type in news. Sorts each entity's
/// mentions by position.
fn vote_types(gaz: &Gazetteer, toks: &[Tok], kept: &[Cand], ents: &mut [Ent]) {
    let tie_rank = |t: EntityType| match t {
        EntityType::Org => 7,
        EntityType::Gpe => 6,
        EntityType::Person => 5,
        EntityType::Loc => 4,
        EntityType::Fac => 3,
        EntityType::Event => 2,
        EntityType::Norp => 1,
        EntityType::Other => 0,
    };
    for ent in ents.iter_mut() {
        let mut votes: BTreeMap<EntityType, usize> = BTreeMap::new();
        for &m in &ent.mentions {
            let c = &kept[m];
            let strong = c.ident.is_some()
                || (c.ty == EntityType::Person
                    && (c.first < c.name_first
                        || (c.end - c.name_first >= 2
                            && gaz.is_first_name(&toks[c.name_first].text))));
            *votes.entry(c.ty).or_default() += if strong { 2 } else { 1 };
        }
        if let Some((&t, _)) = votes.iter().max_by_key(|(t, &n)| (n, tie_rank(**t))) {
            ent.ty = t;
        }
        ent.mentions.sort_by_key(|&m| kept[m].first);
    }
}

/// For each token, the index of the mention that covers it.
fn mention_index(kept: &[Cand], owner: &[usize], n: usize) -> Vec<Option<usize>> {
    let mut at = vec![None; n];
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX {
            continue;
        }
        for slot in at.iter_mut().take(c.end).skip(c.first) {
            *slot = Some(m);
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cand, entity_named, grouped, toks};
    use super::*;

    #[test]
    fn surnames_and_honorifics_join_the_full_name() {
        let (toks, g) = grouped("Keir Starmer spoke. Later Starmer left. Mr Starmer smiled.");
        let e = entity_named(&toks, &g, "Keir Starmer");
        assert_eq!(g.ents[e].ty, EntityType::Person);
        assert_eq!(g.ents[e].mentions.len(), 3);
        for &m in &g.ents[e].mentions {
            assert_eq!(g.owner[m], e);
        }
    }

    #[test]
    fn an_acronym_joins_its_long_form() {
        // Federal(0) Widget(1) Agency(2) met(3) FWA(4) staff(5)
        let toks = toks("Federal Widget Agency met FWA staff.");
        let kept = vec![cand(0, 3, EntityType::Org), cand(4, 5, EntityType::Org)];
        let mut owner = vec![0, 1];
        let mut ents: Vec<Ent> = (0..2)
            .map(|m| Ent {
                ty: EntityType::Org,
                mentions: vec![m],
                roles: Vec::new(),
                ident: None,
            })
            .collect();
        merge_acronyms(&mut ents, &kept, &toks, &mut owner);
        assert_eq!(owner, [0, 0]);
        assert_eq!(ents[0].mentions, [0, 1]);
        assert!(ents[1].mentions.is_empty());
    }

    #[test]
    fn honorifics_outvote_the_tagger() {
        // Dimension(0) Data(1) ...
        let toks = toks("Dimension Data rose. Mr Dimension Data spoke.");
        let mut honorific = cand(5, 7, EntityType::Person);
        honorific.first = 4;
        let kept = vec![cand(0, 2, EntityType::Org), honorific];
        let mut ents = vec![Ent {
            ty: EntityType::Org,
            mentions: vec![1, 0],
            roles: Vec::new(),
            ident: None,
        }];
        vote_types(super::super::testing::gaz(), &toks, &kept, &mut ents);
        assert_eq!(ents[0].ty, EntityType::Person);
        assert_eq!(ents[0].mentions, [0, 1]);
        let g = Grouping {
            kept,
            owner: vec![0, 0],
            ents,
        };
        let at = g.mention_at(toks.len());
        assert_eq!(&at[..3], [Some(0), Some(0), None]);
        assert_eq!(at[4], Some(1));
    }
}

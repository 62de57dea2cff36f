//! Titles used as names ("the Prime Minister", "the President of France"), linked to the
//! person the article establishes as holding the title.

use super::candidates::Cand;
use super::merging::{Ent, Grouping};
use super::roles::RoleDraft;
use super::titles::title_at;
use super::tokens::{text_of, Tok};
use crate::gazetteer::key;
use dateline_core::{EntityType, MentionKind};

/// Nominal mentions of persons by title, with the entity each belongs to; gives the
/// holder the title as a role when the text had not. `at` is [`Grouping::mention_at`].
pub(super) fn titles_as_names(
    toks: &[Tok],
    at: &[Option<usize>],
    g: &mut Grouping,
) -> Vec<(usize, Cand)> {
    let mut extra = Vec::new();
    find_titles_as_names(toks, &g.kept, &g.owner, at, &mut g.ents, &mut extra);
    extra
}

fn last_mention_before(kept: &[Cand], ent: &Ent, pos: usize) -> Option<usize> {
    ent.mentions
        .iter()
        .map(|&m| kept[m].first)
        .filter(|&f| f < pos)
        .max()
}

/// "the Prime Minister", "the US President", "the President of France": linked to the
/// person the article establishes as holding the title.
fn find_titles_as_names(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
    extra: &mut Vec<(usize, Cand)>,
) {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].lower != "the" {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut of = None;
        if let Some(Some(q)) = at.get(j) {
            let qc = &kept[*q];
            let e = owner[*q];
            if qc.first == j
                && matches!(
                    ents[e].ty,
                    EntityType::Gpe | EntityType::Org | EntityType::Norp
                )
            {
                of = Some(e);
                j = qc.end;
            }
        }
        let Some((end, title)) = title_at(toks, j, true) else {
            i += 1;
            continue;
        };
        // "the President Volodymyr Zelensky" is a premodifier, not a title used as a name.
        if at
            .get(end)
            .is_some_and(|x| x.is_some_and(|m| ents[owner[m]].ty == EntityType::Person))
            || at[j].is_some()
        {
            i = end;
            continue;
        }
        let mut mention_end = end;
        if toks.get(end).is_some_and(|t| t.lower == "of") {
            if let Some(Some(q)) = at.get(end + 1) {
                let e = owner[*q];
                if matches!(ents[e].ty, EntityType::Gpe | EntityType::Org) {
                    of = Some(e);
                    mention_end = kept[*q].end;
                }
            }
        }
        let sentence = toks[i].sentence;
        let holds = |ent: &Ent| {
            ent.roles
                .iter()
                .any(|r| key(&r.title) == title && (of.is_none() || r.of.is_none() || r.of == of))
        };
        let persons = (0..ents.len())
            .filter(|&e| ents[e].ty == EntityType::Person && !ents[e].mentions.is_empty());
        // Who holds the title: someone the text already gave it to; else someone it
        // gives it to later ("the home secretary" ... "Home Secretary Charles Clarke");
        // else, for a capitalised title, the most recently mentioned person with no
        // role yet who is not already named in this sentence.
        let holds_exactly = |ent: &Ent| {
            ent.roles
                .iter()
                .any(|r| key(&r.title) == title && r.of == of)
        };
        let holder = persons
            .clone()
            .filter(|&e| holds(&ents[e]) && last_mention_before(kept, &ents[e], i).is_some())
            .max_by_key(|&e| last_mention_before(kept, &ents[e], i).map_or(0, |p| p + 1))
            .or_else(|| {
                persons
                    .clone()
                    .filter(|&e| holds_exactly(&ents[e]))
                    .min_by_key(|&e| kept[ents[e].mentions[0]].first)
            });
        let capitalised = toks[j].cap();
        let chosen = holder.or_else(|| {
            if !capitalised {
                return None;
            }
            persons
                .filter(|&e| ents[e].roles.is_empty())
                .filter(|&e| {
                    !ents[e]
                        .mentions
                        .iter()
                        .any(|&m| toks[kept[m].first].sentence == sentence)
                })
                .filter_map(|e| last_mention_before(kept, &ents[e], i).map(|p| (p, e)))
                .max()
                .map(|(_, e)| e)
        });
        if let Some(e) = chosen {
            let mention = Cand {
                first: i,
                name_first: j,
                end: mention_end,
                ty: EntityType::Person,
                kind: MentionKind::Nominal,
                ident: None,
                exact: false,
            };
            let title_text = text_of(toks, j, end);
            if !holds(&ents[e]) || of.is_some() && !ents[e].roles.iter().any(|r| r.of == of) {
                ents[e].roles.push(RoleDraft {
                    title: title_text,
                    of,
                    start: j,
                    end,
                });
            }
            extra.push((e, mention));
        }
        i = mention_end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entity_named, grouped};
    use super::*;

    #[test]
    fn a_title_used_as_a_name_links_to_its_holder() {
        let (toks, mut g) =
            grouped("Prime Minister Keir Starmer arrived. Later the Prime Minister spoke.");
        let at = g.mention_at(toks.len());
        super::super::roles::attach(&toks, &at, &mut g);
        let extra = titles_as_names(&toks, &at, &mut g);
        let starmer = entity_named(&toks, &g, "Keir Starmer");
        assert_eq!(extra.len(), 1);
        let (e, c) = &extra[0];
        assert_eq!(*e, starmer);
        assert_eq!(text_of(&toks, c.first, c.end), "the Prime Minister");
        assert_eq!(c.kind, MentionKind::Nominal);
    }

    #[test]
    fn a_lowercase_title_needs_a_holder() {
        let (toks, mut g) = grouped("Keir Starmer arrived. Later the prime minister spoke.");
        let at = g.mention_at(toks.len());
        assert!(titles_as_names(&toks, &at, &mut g).is_empty());
    }
}

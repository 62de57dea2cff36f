//! The stage's output: entities in order of first mention, with ids, mentions, the
//! canonical name, roles (deduplicated, `of` as entity ids) and codes.

use super::candidates::Cand;
use super::codes::codes_for;
use super::merging::{Ent, Grouping};
use super::tokens::{span_text, Article, Tok};
use crate::gazetteer::Gazetteer;
use dateline_core::{Entity, Mention, MentionKind, Role};
use std::collections::HashMap;

/// The entities of `g`, numbered E1, E2… in order of first mention; `published` is the
/// publication date as YYYYMMDD.
pub(super) fn entities(
    gaz: &Gazetteer,
    article: &Article,
    g: Grouping,
    published: Option<&str>,
) -> Vec<Entity> {
    let Grouping { kept, mut ents, .. } = g;
    let toks = article.toks;
    let mut order: Vec<usize> = (0..ents.len())
        .filter(|&e| !ents[e].mentions.is_empty())
        .collect();
    for e in &order {
        ents[*e]
            .mentions
            .sort_by_key(|&m| (kept[m].first, kept[m].end));
    }
    order.sort_by_key(|&e| kept[ents[e].mentions[0]].first);
    let ids: HashMap<usize, String> = order
        .iter()
        .enumerate()
        .map(|(i, &e)| (e, format!("E{}", i + 1)))
        .collect();
    let mut out = Vec::new();
    for &e in &order {
        let ent = &ents[e];
        let mentions: Vec<Mention> = ent
            .mentions
            .iter()
            .map(|&m| {
                let c = &kept[m];
                Mention {
                    start: toks[c.first].start,
                    end: toks[c.end - 1].end,
                    text: article.span_text(c.first, c.end),
                    kind: c.kind,
                }
            })
            .collect();
        let name = canonical_name(toks, article.text, &article.index, &kept, ent, gaz);
        let mut roles: Vec<Role> = Vec::new();
        for r in &ent.roles {
            let role = Role {
                title: r.title.clone(),
                of: r.of.and_then(|o| ids.get(&o).cloned()),
                start: toks[r.start].start,
                end: toks[r.end - 1].end,
            };
            if !roles
                .iter()
                .any(|x| x.title.to_lowercase() == role.title.to_lowercase() && x.of == role.of)
            {
                roles.push(role);
            }
        }
        let codes = codes_for(gaz, ent, &ents, &name, published);
        out.push(Entity {
            id: ids[&e].clone(),
            name,
            kind: ent.ty,
            roles,
            mentions,
            codes,
        });
    }
    out
}

/// The fullest proper name the text uses: gazetteer-exact names before fuzzy ones
/// (so a typo never becomes the name), then the most words, then the earliest.
fn canonical_name(
    toks: &[Tok],
    text: &str,
    index: &dateline_core::CharIndex,
    kept: &[Cand],
    ent: &Ent,
    gaz: &Gazetteer,
) -> String {
    let best = ent
        .mentions
        .iter()
        .filter(|&&m| kept[m].kind == MentionKind::Name)
        .max_by_key(|&&m| {
            let c = &kept[m];
            let words = toks[c.name_first..c.end]
                .iter()
                .filter(|t| t.alpha())
                .count();
            let name = span_text(toks, text, c.name_first, c.end, index);
            let known = (gaz.place(&name).is_some() || gaz.org(&name).is_some())
                && !gaz.is_misspelt_country(&name);
            // Between equally full names, the organisation's own spelling ("NATO" over "Nato").
            let official = gaz.org(&name).is_some_and(|o| o.canonical == name);
            (
                (c.exact && !gaz.is_misspelt_country(&name)) || known,
                words,
                name.chars().count(),
                official,
                std::cmp::Reverse(c.first),
            )
        });
    match best {
        Some(&m) => span_text(toks, text, kept[m].name_first, kept[m].end, index),
        None => ent
            .mentions
            .first()
            .map(|&m| span_text(toks, text, kept[m].first, kept[m].end, index))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{gaz, grouped, segmented};
    use super::super::tokens::token_view;
    use super::*;

    #[test]
    fn entities_in_order_of_first_mention_with_their_fullest_name() {
        let text = "Starmer spoke in Paris. Keir Starmer left Paris.";
        let (_, g) = grouped(text);
        let doc = segmented(text);
        let toks = token_view(&doc);
        let article = Article::new(&doc.text, &toks);
        let out = entities(gaz(), &article, g, None);
        let names: Vec<(&str, &str, usize)> = out
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str(), e.mentions.len()))
            .collect();
        assert_eq!(names, [("E1", "Keir Starmer", 2), ("E2", "Paris", 2)]);
        assert_eq!(out[0].mentions[0].text, "Starmer");
        assert_eq!(out[1].codes.get("country").map(String::as_str), Some("FRA"));
    }
}

//! Candidate mention spans: the tagger's spans outside time expressions, gazetteer names
//! it missed, honorific + capitalised words, and company names.

use super::tokens::{opens_sentence, Article, Tok};
use crate::gazetteer::Gazetteer;
use crate::lexicon::*;
use crate::ner::Span;
use dateline_core::{EntityType, MentionKind, TimeExpr};

/// One mention before merging: a token range and a type.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    /// First token of the mention (an honorific when there is one).
    pub(super) first: usize,
    /// First token of the name proper.
    pub(super) name_first: usize,
    /// One past the last token.
    pub(super) end: usize,
    pub(super) ty: EntityType,
    pub(super) kind: MentionKind,
    /// Gazetteer identity ("gpe:USA", "org:nato") when known.
    pub(super) ident: Option<String>,
    /// Came from an exact gazetteer or tagger match (not a fuzzy one).
    pub(super) exact: bool,
}

/// All candidates, sorted by `(first, end)`: the tagger's spans (`tagged`, per sentence)
/// with those inside a time expression of `times` dropped, then what the tagger missed.
pub(super) fn find(
    gaz: &Gazetteer,
    article: &Article,
    tagged: &[Vec<Span>],
    times: &[TimeExpr],
) -> Vec<Cand> {
    let toks = article.toks;
    let mut cands = from_tagger(article, tagged);
    drop_inside_times(toks, times, &mut cands);
    // Gazetteer names the tagger missed (capitalised, not overlapping a tagged span).
    let mut covered = vec![false; toks.len()];
    for c in &cands {
        covered[c.first..c.end].iter_mut().for_each(|x| *x = true);
    }
    gazetteer_names(gaz, article, &mut covered, &mut cands);
    honorific_names(toks, &mut covered, &mut cands);
    company_names(gaz, toks, &article.lower_seen, &mut covered, &mut cands);
    cands.sort_by_key(|c| (c.first, c.end));
    cands
}

/// The tagger's spans as person, organisation, place or other names.
fn from_tagger(article: &Article, tagged: &[Vec<Span>]) -> Vec<Cand> {
    let mut cands: Vec<Cand> = Vec::new();
    for (r, spans) in article.sentences.iter().zip(tagged) {
        for &(s, e, t) in spans {
            let (first, end) = (r.start + s, r.start + e);
            cands.push(Cand {
                first,
                name_first: first,
                end,
                ty: match t {
                    0 => EntityType::Person,
                    1 => EntityType::Org,
                    2 => EntityType::Gpe,
                    _ => EntityType::Other,
                },
                kind: MentionKind::Name,
                ident: None,
                exact: true,
            });
        }
    }
    cands
}

/// A capitalised word inside a time expression is part of the time ("WC 24th Feb" is
/// "week commencing", "Super Tuesday"), not an organisation; a person's name is kept
/// in case the time tagger misread it.
fn drop_inside_times(toks: &[Tok], times: &[TimeExpr], cands: &mut Vec<Cand>) {
    cands.retain(|c| {
        let (start, end) = (toks[c.first].start, toks[c.end - 1].end);
        c.ty == EntityType::Person || !times.iter().any(|t| t.start <= start && end <= t.end)
    });
}

/// Gazetteer names the tagger missed: capitalised phrases not overlapping a candidate
/// (`covered`), not a lone sentence-initial common word; organisations only when they
/// are international ones.
fn gazetteer_names(
    gaz: &Gazetteer,
    article: &Article,
    covered: &mut [bool],
    cands: &mut Vec<Cand>,
) {
    let toks = article.toks;
    let lower_seen = &article.lower_seen;
    let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    for r in &article.sentences {
        let tags = gaz.tag_tokens(&lowers[r.clone()]);
        let mut i = 0;
        while i < tags.len() {
            let Some((class, pos)) = tags[i] else {
                i += 1;
                continue;
            };
            // A phrase runs from its begin token (pos 1) to its last token (pos 3).
            let mut len = 1;
            if pos == 1 {
                while i + len < tags.len()
                    && matches!(tags[i + len], Some((c, 2 | 3)) if c == class)
                {
                    len += 1;
                    if matches!(tags[i + len - 1], Some((_, 3))) {
                        break;
                    }
                }
            }
            let (a, b) = (r.start + i, r.start + i + len);
            i += len;
            let all_cap = toks[a..b]
                .iter()
                .all(|t| t.cap() || !t.alpha() || matches!(t.lower.as_str(), "of" | "and" | "the"));
            if !all_cap || covered[a..b].iter().any(|&x| x) {
                continue;
            }
            let initial = a == r.start || !toks[a - 1].alpha();
            if b - a == 1 && initial && lower_seen.contains(toks[a].lower.as_str()) {
                continue;
            }
            use crate::gazetteer::GazClass::*;
            let ty = match class {
                Country | City => EntityType::Gpe,
                Region => EntityType::Loc,
                Demonym => EntityType::Norp,
                Org => match gaz.org(&article.span_text(a, b)) {
                    Some(o) if o.cameo.starts_with("IGO") => EntityType::Org,
                    _ => continue,
                },
                Leader if b - a >= 2 => EntityType::Person,
                _ => continue,
            };
            covered[a..b].iter_mut().for_each(|x| *x = true);
            cands.push(Cand {
                first: a,
                name_first: a,
                end: b,
                ty,
                kind: MentionKind::Name,
                ident: None,
                exact: true,
            });
        }
    }
}

/// "Mr Trump" is a person whatever the tagger says: an honorific followed by
/// capitalised words starts a person mention (an honorific-only span grows to it).
fn honorific_names(toks: &[Tok], covered: &mut [bool], cands: &mut Vec<Cand>) {
    for c in cands.iter_mut() {
        if toks[c.first..c.end]
            .iter()
            .all(|t| is_in(HONORIFICS, &t.text))
        {
            covered[c.first..c.end].iter_mut().for_each(|x| *x = false);
            c.end = c.first;
        }
    }
    cands.retain(|c| c.end > c.first);
    for i in 0..toks.len().saturating_sub(1) {
        if !is_in(HONORIFICS, &toks[i].text) || !toks[i].cap() || covered[i] {
            continue;
        }
        let name_end = (i + 1..toks.len().min(i + 4))
            .take_while(|&k| {
                toks[k].cap()
                    && toks[k].alpha()
                    && toks[k].sentence == toks[i].sentence
                    && !is_in(HONORIFICS, &toks[k].text)
            })
            .last()
            .map(|k| k + 1);
        let Some(end) = name_end else { continue };
        if covered[i + 1..end].iter().any(|&x| x) {
            // The tagger has the name; extend a person span or retype a single name.
            if let Some(c) = cands.iter_mut().find(|c| c.first == i + 1) {
                c.ty = EntityType::Person;
            }
            continue;
        }
        covered[i..end].iter_mut().for_each(|x| *x = true);
        cands.push(Cand {
            first: i + 1,
            name_first: i + 1,
            end,
            ty: EntityType::Person,
            kind: MentionKind::Name,
            ident: None,
            exact: true,
        });
    }
}

/// Company names the tagger left out ("Shares in Apple fell"): capitalised words that spell
/// a company's name without its legal form. The tagger learnt its names from 1996 Reuters
/// text, and a name that is also a common word ("apple") rarely looks like a name to it.
/// At the start of a sentence the word must not also appear in lower case in the article.
fn company_names(
    gaz: &Gazetteer,
    toks: &[Tok],
    lower_seen: &std::collections::HashSet<&str>,
    covered: &mut [bool],
    cands: &mut Vec<Cand>,
) {
    const LONGEST: usize = 4;
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        if toks[i].cap() && !covered[i] {
            let mut end = i;
            while end < toks.len()
                && end - i < LONGEST
                && toks[end].cap()
                && toks[end].alpha()
                && !covered[end]
                && toks[end].sentence == toks[i].sentence
            {
                end += 1;
            }
            for e in (i + 1..=end).rev() {
                let text = toks[i..e]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if gaz.company(&text).is_some() {
                    found = Some(e);
                    break;
                }
            }
        }
        let Some(end) = found else {
            i += 1;
            continue;
        };
        let initial = opens_sentence(toks, i) || toks[i - 1].text == ":";
        // A name continued by another capitalised word is some other name ("Apple Daily").
        let continued = toks
            .get(end)
            .is_some_and(|t| t.cap() && t.alpha() && t.sentence == toks[i].sentence);
        if continued || (initial && lower_seen.contains(toks[i].lower.as_str())) {
            i = end;
            continue;
        }
        if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
            let context: Vec<&str> = toks[i.saturating_sub(4)..(end + 4).min(toks.len())]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            eprintln!("company name: {}", context.join(" "));
        }
        covered[i..end].iter_mut().for_each(|x| *x = true);
        cands.push(Cand {
            first: i,
            name_first: i,
            end,
            ty: EntityType::Org,
            kind: MentionKind::Name,
            ident: None,
            exact: true,
        });
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{gaz, segmented, toks, words};
    use super::super::tokens::token_view;
    use super::*;
    use dateline_core::{TimeExpr, TimeType};
    use std::collections::HashSet;

    #[test]
    fn an_honorific_starts_a_person_name() {
        let toks = toks("Yesterday Mr Smith Jones said no.");
        let mut covered = vec![false; toks.len()];
        let mut cands = Vec::new();
        honorific_names(&toks, &mut covered, &mut cands);
        assert_eq!(cands.len(), 1);
        assert_eq!(words(&toks, &cands[0]), "Smith Jones");
        assert_eq!(cands[0].ty, EntityType::Person);
    }

    #[test]
    fn company_names_need_a_name_that_is_not_continued() {
        let toks = toks("Shares in Apple fell, but Apple Daily rose.");
        let mut covered = vec![false; toks.len()];
        let mut cands = Vec::new();
        company_names(gaz(), &toks, &HashSet::new(), &mut covered, &mut cands);
        let found: Vec<String> = cands.iter().map(|c| words(&toks, c)).collect();
        assert_eq!(found, ["Apple"]);
        assert_eq!(toks[cands[0].first].start, 10);
    }

    #[test]
    fn gazetteer_names_the_tagger_missed() {
        let doc = segmented("Talks in Paris and france ended.");
        let toks = token_view(&doc);
        let article = Article::new(&doc.text, &toks);
        let mut covered = vec![false; toks.len()];
        let mut cands = Vec::new();
        gazetteer_names(gaz(), &article, &mut covered, &mut cands);
        let found: Vec<(String, EntityType)> =
            cands.iter().map(|c| (words(&toks, c), c.ty)).collect();
        assert_eq!(found, [("Paris".to_string(), EntityType::Gpe)]);
    }

    #[test]
    fn names_inside_time_expressions_are_dropped_unless_persons() {
        let toks = toks("See you Super Tuesday with Mr Smith.");
        let time = TimeExpr {
            id: "T1".into(),
            text: "Super Tuesday".into(),
            start: toks[2].start,
            end: toks[3].end,
            kind: TimeType::Date,
            value: "XXXX".into(),
            modifier: None,
            anchor: "none".into(),
        };
        let mut cands = vec![
            super::super::testing::cand(2, 4, EntityType::Org),
            super::super::testing::cand(3, 4, EntityType::Person),
            super::super::testing::cand(6, 7, EntityType::Person),
        ];
        drop_inside_times(&toks, &[time], &mut cands);
        let kept: Vec<usize> = cands.iter().map(|c| c.first).collect();
        assert_eq!(kept, [3, 6]);
    }
}

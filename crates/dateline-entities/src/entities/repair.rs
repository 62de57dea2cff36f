//! Span repairs: names cut where greedy decoding ran on, joined names split, titles
//! split out, adjacent person spans joined, and first names completed by a surname.

use super::candidates::Cand;
use super::titles::title_at;
use super::tokens::{text_of, Article, Tok};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::lexicon::*;
use dateline_core::EntityType;
use std::collections::HashSet;

/// Repairs the spans of `cands` (sorted by position), then completes first names.
pub(super) fn repair(gaz: &Gazetteer, article: &Article, cands: Vec<Cand>) -> Vec<Cand> {
    let mut cands = repair_spans(gaz, article.toks, cands, &article.lower_seen);
    complete_first_names(gaz, article.toks, &mut cands, &article.lower_seen);
    cands
}

/// Cuts a name at a comma and trailing lowercase or punctuation tokens, drops a leading
/// "the", splits names joined by "and" that the gazetteers know apart, keeps the country
/// of "US Security", splits titles out of tagged spans ("Nato Secretary General Mark" +
/// "Rutte" → ORG "Nato", title, PERSON "Mark Rutte"), and joins adjacent person spans.
fn repair_spans(
    gaz: &Gazetteer,
    toks: &[Tok],
    cands: Vec<Cand>,
    lower_seen: &HashSet<&str>,
) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for mut c in cands {
        // Greedy BILOU decoding can run a name on past its end ("Ms Diemont says ."):
        // a name stops at a comma and never ends on a lowercase word or punctuation.
        if let Some(k) = (c.first + 1..c.end).find(|&k| toks[k].text == ",") {
            c.end = k;
        }
        while c.end > c.first + 1 && {
            let t = &toks[c.end - 1];
            !t.text.chars().any(|ch| ch.is_alphanumeric())
                || t.is_possessive()
                || t.text.chars().next().is_some_and(|ch| ch.is_lowercase())
        } {
            c.end -= 1;
        }
        while c.end > c.first + 1
            && (!toks[c.first].text.chars().any(|ch| ch.is_alphanumeric())
                || toks[c.first].lower == "the")
        {
            c.first += 1;
            c.name_first = c.first;
        }
        // "Google and Apple": two names the gazetteers know, joined into one span by the
        // tagger ("Trinidad and Tobago", known whole, stays one).
        if let Some(k) = (c.first + 1..c.end.saturating_sub(1))
            .find(|&k| matches!(toks[k].text.as_str(), "and" | "&"))
        {
            let known = |a: usize, b: usize| {
                let text = text_of(toks, a, b);
                gaz.org(&text).is_some() || gaz.place(&text).is_some()
            };
            if c.ty != EntityType::Person
                && !known(c.first, c.end)
                && known(c.first, k)
                && known(k + 1, c.end)
            {
                if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
                    eprintln!("split: {}", text_of(toks, c.first, c.end));
                }
                let right = Cand {
                    first: k + 1,
                    name_first: k + 1,
                    ..c.clone()
                };
                c.end = k;
                out.push(c);
                out.push(right);
                continue;
            }
        }
        // "US Security" when "security" is a common word of the article: keep the place.
        if c.end - c.first >= 2 && c.ty != EntityType::Person {
            let place_len = (1..c.end - c.first).rev().find(|&n| {
                gaz.place(&text_of(toks, c.first, c.first + n))
                    .is_some_and(|p| p[0].kind == PlaceKind::Country)
            });
            if let Some(n) = place_len {
                if toks[c.first + n..c.end]
                    .iter()
                    .all(|t| lower_seen.contains(t.lower.as_str()))
                    && title_at(toks, c.first + n, false).is_none()
                {
                    c.end = c.first + n;
                    c.ty = EntityType::Gpe;
                }
            }
        }
        // A capitalised title inside the span.
        let mut split = None;
        for k in c.first..c.end {
            if !toks[k].cap() {
                continue;
            }
            if let Some((title_end, _)) = title_at(toks, k, false) {
                if toks[k..title_end]
                    .iter()
                    .all(|t| t.cap() || matches!(t.lower.as_str(), "of" | "the"))
                {
                    split = Some((k, title_end));
                    break;
                }
            }
        }
        let Some((ts, te)) = split else {
            out.push(c);
            continue;
        };
        if ts > c.first {
            let text = text_of(toks, c.first, ts);
            let ty = match gaz.place(&text).map(|p| p[0].kind) {
                Some(PlaceKind::Demonym) => EntityType::Norp,
                Some(_) => EntityType::Gpe,
                None if gaz.org(&text).is_some() => EntityType::Org,
                None => c.ty,
            };
            out.push(Cand {
                end: ts,
                ty,
                ..c.clone()
            });
        }
        if te < c.end && toks[te].cap() && !is_in(TIME_WORDS, &toks[te].text) {
            out.push(Cand {
                first: te,
                name_first: te,
                ty: EntityType::Person,
                ..c.clone()
            });
        }
    }
    // "Mark" + "Rutte": adjacent person spans are one name.
    let mut joined: Vec<Cand> = Vec::new();
    for c in out {
        if let Some(last) = joined.last_mut() {
            if last.ty == EntityType::Person
                && c.ty == EntityType::Person
                && last.end == c.first
                && toks[c.first].sentence == toks[last.first].sentence
            {
                last.end = c.end;
                continue;
            }
        }
        joined.push(c);
    }
    joined
}

/// A person tagged by first name only, right before a capitalised word that no other name
/// claims or that was only taken for a place ("Mayor Ken | Livingstone compared…", "George
/// Washington"): the word is the surname.
fn complete_first_names(
    gaz: &Gazetteer,
    toks: &[Tok],
    cands: &mut Vec<Cand>,
    lower_seen: &HashSet<&str>,
) {
    let mut absorbed = Vec::new();
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.ty != EntityType::Person || c.end - c.name_first != 1 {
            continue;
        }
        let Some(next) = toks.get(c.end) else {
            continue;
        };
        let claimed = cands.iter().position(|o| o.first <= c.end && c.end < o.end);
        let claim_is_a_lone_place = claimed.is_some_and(|k| {
            let o = &cands[k];
            o.first == c.end
                && o.end == c.end + 1
                && matches!(o.ty, EntityType::Gpe | EntityType::Loc)
        });
        if gaz.is_first_name(&toks[c.end - 1].text)
            && next.cap()
            && next.text.chars().all(char::is_alphabetic)
            && next.text != "I"
            && next.sentence == toks[c.first].sentence
            && (claimed.is_none() || claim_is_a_lone_place)
            && !lower_seen.contains(next.lower.as_str())
            && !is_in(HONORIFICS, &next.text)
            && title_at(toks, c.end, false).is_none()
        {
            if let Some(k) = claimed {
                absorbed.push(k);
            }
            if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
                let c = &cands[i];
                eprintln!("surname: {} {}", toks[c.end - 1].text, toks[c.end].text);
            }
            cands[i].end += 1;
        }
    }
    absorbed.sort_unstable();
    for k in absorbed.into_iter().rev() {
        cands.remove(k);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cand, gaz, segmented, words};
    use super::super::tokens::token_view;
    use super::*;

    fn repaired(text: &str, cands: Vec<Cand>) -> Vec<(String, EntityType)> {
        let doc = segmented(text);
        let toks = token_view(&doc);
        let article = Article::new(&doc.text, &toks);
        repair(gaz(), &article, cands)
            .iter()
            .map(|c| (words(&toks, c), c.ty))
            .collect()
    }

    fn pairs(list: &[(&str, EntityType)]) -> Vec<(String, EntityType)> {
        list.iter().map(|(w, t)| (w.to_string(), *t)).collect()
    }

    #[test]
    fn titles_split_out_and_person_spans_join() {
        // Nato(0) Secretary(1) General(2) Mark(3) Rutte(4) spoke(5)
        let got = repaired(
            "Nato Secretary General Mark Rutte spoke.",
            vec![cand(0, 4, EntityType::Org), cand(4, 5, EntityType::Person)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Nato", EntityType::Org),
                ("Mark Rutte", EntityType::Person)
            ])
        );
    }

    #[test]
    fn known_names_joined_by_and_split_and_spans_are_trimmed() {
        // France(0) and(1) Germany(2) met(3) the(4) Commission(5) ,(6) today(7)
        let got = repaired(
            "France and Germany met the Commission, today.",
            vec![cand(0, 3, EntityType::Gpe), cand(4, 8, EntityType::Org)],
        );
        assert_eq!(
            got,
            pairs(&[
                ("France", EntityType::Gpe),
                ("Germany", EntityType::Gpe),
                ("Commission", EntityType::Org)
            ])
        );
    }

    #[test]
    fn a_first_name_takes_the_surname_a_lone_place_claimed() {
        let got = repaired(
            "George Washington crossed the river.",
            vec![cand(0, 1, EntityType::Person), cand(1, 2, EntityType::Gpe)],
        );
        assert_eq!(got, pairs(&[("George Washington", EntityType::Person)]));
    }
}

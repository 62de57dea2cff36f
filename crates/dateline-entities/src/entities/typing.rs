//! Which candidates are names, and of what type: drops common words, time words and
//! credits, attaches honorifics, and maps the tagger's CoNLL types to dateline's with
//! the gazetteers and name heads, recording a gazetteer identity when there is one.

use super::candidates::Cand;
use super::credits::Credits;
use super::tokens::{opens_sentence, Article, Tok};
use crate::gazetteer::{key, Gazetteer, PlaceKind};
use crate::lexicon::*;
use dateline_core::EntityType;

/// The candidates that are names, typed and identified, honorifics attached.
pub(super) fn clean_and_type(gaz: &Gazetteer, article: &Article, cands: Vec<Cand>) -> Vec<Cand> {
    let toks = article.toks;
    let lower_seen = &article.lower_seen;
    let credits = Credits::new(article.text);
    let mut kept: Vec<Cand> = Vec::new();
    for mut c in cands {
        let text = article.span_text(c.first, c.end);
        if !toks[c.first..c.end].iter().any(|t| {
            t.text
                .chars()
                .any(|ch| ch.is_uppercase() || ch.is_numeric())
        }) {
            continue; // "n't", lowercase common words
        }
        if !toks[c.first..c.end].iter().any(|t| t.alpha()) || toks[c.first].is_possessive() {
            continue;
        }
        if credits.is_credit(toks, &c, &text) {
            continue;
        }
        let initial = opens_sentence(toks, c.first);
        if c.end - c.first == 1
            && initial
            && lower_seen.contains(toks[c.first].lower.as_str())
            && gaz.place(&text).is_none()
            && gaz.org(&text).is_none()
        {
            continue; // a capitalised common word opening a sentence
        }
        let after_honorific = c.first > 0
            && is_in(HONORIFICS, &toks[c.first - 1].text)
            && toks[c.first - 1].sentence == toks[c.first].sentence;
        if !after_honorific
            && toks[c.first..c.end]
                .iter()
                .all(|t| is_in(TIME_WORDS, &t.text) || is_in(HONORIFICS, &t.text) || !t.alpha())
        {
            continue; // "Morning" in "Friday Morning", but not "May" in "Mrs May"
        }
        while c.name_first + 1 < c.end && is_in(HONORIFICS, &toks[c.name_first].text) {
            c.name_first += 1;
            c.ty = EntityType::Person;
        }
        // Honorifics join person mentions ("Mr Starmer").
        if c.first > 0
            && is_in(HONORIFICS, &toks[c.first - 1].text)
            && toks[c.first - 1].sentence == toks[c.first].sentence
        {
            c.first -= 1;
            c.ty = EntityType::Person;
        }
        retype(gaz, toks, &mut c, &text);
        kept.push(c);
    }
    kept
}

/// The family a type's identities live in ("place" for GPE, LOC and FAC).
pub(super) fn family(t: EntityType) -> &'static str {
    match t {
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "place",
        EntityType::Org => "org",
        EntityType::Person => "per",
        EntityType::Norp => "norp",
        EntityType::Event => "event",
        EntityType::Other => "other",
    }
}

fn last_word(toks: &[Tok], c: &Cand) -> String {
    toks[c.end - 1].lower.clone()
}

/// "Munich Security Conference", "2024 Paris Forum": a gathering named after its city or
/// year; "World Economic Forum" stays an organisation.
fn named_after_city_or_year(gaz: &Gazetteer, toks: &[Tok], c: &Cand) -> bool {
    let first = &toks[c.first].text;
    c.end - c.first >= 2
        && (first.chars().all(|ch| ch.is_ascii_digit())
            || gaz
                .place(first)
                .is_some_and(|p| matches!(p[0].kind, PlaceKind::City)))
}

/// Maps the tagger's CoNLL type to dateline's types with the gazetteers and name heads.
fn retype(gaz: &Gazetteer, toks: &[Tok], c: &mut Cand, text: &str) {
    let head = last_word(toks, c);
    let name_text: String = text.to_string();
    let place = gaz.place(&name_text).map(|p| p[0].clone());
    let org = gaz.org(&name_text);
    if let Some(o) = org {
        if c.ty == EntityType::Org || (c.ty != EntityType::Person && place.is_none()) {
            c.ty = EntityType::Org;
            c.ident = Some(format!("org:{}", key(&o.canonical)));
            return;
        }
    }
    match c.ty {
        EntityType::Person => {}
        EntityType::Org => {
            if let Some(p) = &place {
                if p.kind == PlaceKind::Country {
                    c.ty = EntityType::Gpe;
                    c.ident = p.iso3.as_ref().map(|i| format!("gpe:{i}"));
                }
            } else if let Some(iso) = gaz.fuzzy_country(&name_text) {
                c.ty = EntityType::Gpe;
                c.ident = Some(format!("gpe:{iso}"));
                c.exact = false;
            } else if ["summit", "olympics", "games", "war", "cup"].contains(&head.as_str())
                || (is_in(EVENT_HEADS, &head) && named_after_city_or_year(gaz, toks, c))
            {
                c.ty = EntityType::Event;
            }
        }
        EntityType::Gpe => match &place {
            Some(p) => {
                c.ty = match p.kind {
                    PlaceKind::Region => EntityType::Loc,
                    PlaceKind::Demonym => EntityType::Norp,
                    _ => EntityType::Gpe,
                };
                c.ident = match p.kind {
                    PlaceKind::Country => p.iso3.as_ref().map(|i| format!("gpe:{i}")),
                    _ => Some(format!("{}:{}", family(c.ty), key(&name_text))),
                };
            }
            None => {
                if is_in(LOC_HEADS, &head) {
                    c.ty = EntityType::Loc;
                } else if is_in(FAC_HEADS, &head) {
                    c.ty = EntityType::Fac;
                } else if let Some(iso) = gaz.fuzzy_country(&name_text) {
                    c.ident = Some(format!("gpe:{iso}"));
                    c.exact = false;
                }
            }
        },
        _ => {
            let demonym = place.as_ref().is_some_and(|p| p.kind == PlaceKind::Demonym)
                || (toks[c.first..c.end].len() == 1
                    && ["ian", "ese", "ish", "ans", "ian", "ic"]
                        .iter()
                        .any(|s| head.ends_with(s))
                    && head.len() > 4);
            if demonym {
                c.ty = EntityType::Norp;
                c.ident = Some(format!("norp:{}", key(&name_text)));
            } else if is_in(EVENT_HEADS, &head) {
                c.ty = EntityType::Event;
            } else if place.as_ref().is_some_and(|p| p.kind == PlaceKind::Country) {
                c.ty = EntityType::Gpe;
                c.ident = place
                    .as_ref()
                    .and_then(|p| p.iso3.as_ref())
                    .map(|i| format!("gpe:{i}"));
            } else {
                c.ty = EntityType::Other;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cand, gaz, segmented, toks, words};
    use super::super::tokens::token_view;
    use super::*;

    fn retyped(text: &str, first: usize, end: usize, ty: EntityType) -> Cand {
        let toks = toks(text);
        let mut c = cand(first, end, ty);
        let name = words(&toks, &c);
        retype(gaz(), &toks, &mut c, &name);
        c
    }

    #[test]
    fn gazetteers_and_heads_decide_types() {
        let france = retyped("France won.", 0, 1, EntityType::Org);
        assert_eq!(
            (france.ty, france.ident.as_deref()),
            (EntityType::Gpe, Some("gpe:FRA"))
        );
        let nato = retyped("Nato met.", 0, 1, EntityType::Gpe);
        assert_eq!(nato.ty, EntityType::Org);
        let conference = retyped("Munich Security Conference opened.", 0, 3, EntityType::Org);
        assert_eq!(conference.ty, EntityType::Event);
        let forum = retyped("World Economic Forum opened.", 0, 3, EntityType::Org);
        assert_eq!(forum.ty, EntityType::Org);
        let lake = retyped("Zorbl Lake froze.", 0, 2, EntityType::Gpe);
        assert_eq!(lake.ty, EntityType::Loc);
        assert_eq!(family(EntityType::Fac), "place");
    }

    #[test]
    fn common_words_are_dropped_and_honorifics_attached() {
        // Morning(0) came(1) .(2) Mrs(3) May(4) spoke(5) .(6)
        let doc = segmented("Morning came. Mrs May spoke.");
        let toks = token_view(&doc);
        let article = Article::new(&doc.text, &toks);
        let kept = clean_and_type(
            gaz(),
            &article,
            vec![cand(0, 1, EntityType::Org), cand(4, 5, EntityType::Other)],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(words(&toks, &kept[0]), "Mrs May");
        assert_eq!((kept[0].name_first, kept[0].ty), (4, EntityType::Person));
    }
}

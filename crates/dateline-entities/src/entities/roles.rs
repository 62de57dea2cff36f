//! Roles of persons read from the text around their names: premodifying titles ("Nato
//! Secretary General Mark Rutte"), appositions ("Keith Kellogg, Mr Trump's envoy to
//! Ukraine,") and roles set off before the name ("Qatar's emir, Sheikh Hamad").

use super::candidates::Cand;
use super::merging::{Ent, Grouping};
use super::titles::title_before;
use super::tokens::{text_of, Tok};
use crate::lexicon::*;
use dateline_core::{EntityType, Upos};

/// A role before output: a title, the entity it is of, and its token range.
#[derive(Debug, Clone)]
pub(super) struct RoleDraft {
    pub(super) title: String,
    pub(super) of: Option<usize>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Adds the roles the text gives persons; `at` is [`Grouping::mention_at`].
pub(super) fn attach(toks: &[Tok], at: &[Option<usize>], g: &mut Grouping) {
    premodifier_roles(toks, &g.kept, &g.owner, at, &mut g.ents);
    appositive_roles(toks, &g.kept, &g.owner, at, &mut g.ents);
}

/// The entity an organisation/place/group qualifier mention ending at `end` refers to.
fn qualifier_before(
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    end: usize,
) -> Option<usize> {
    let m = at.get(end.checked_sub(1)?)?.as_ref()?;
    if kept[*m].end != end {
        return None;
    }
    let e = owner[*m];
    matches!(
        ents[e].ty,
        EntityType::Org | EntityType::Gpe | EntityType::Norp | EntityType::Loc
    )
    .then_some(e)
}

/// "Nato Secretary General Mark Rutte", "President Volodymyr Zelensky".
fn premodifier_roles(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
) {
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX || ents[owner[m]].ty != EntityType::Person || c.first == 0 {
            continue;
        }
        // Lowercase titles count too ("Middlesbrough mayor Ray Mallon"): right before a
        // name they are titles, not common nouns.
        let Some((mut start, _)) = title_before(toks, c.first, false) else {
            continue;
        };
        let of = qualifier_before(kept, owner, at, ents, start);
        // "former chief executive Bernie Ebbers": the modifier belongs to the role.
        if of.is_none()
            && start > 0
            && is_in(TITLE_MODIFIERS, &toks[start - 1].text)
            && toks[start - 1].sentence == toks[start].sentence
        {
            start -= 1;
        }
        let role = RoleDraft {
            title: text_of(toks, start, c.first),
            of,
            start,
            end: c.first,
        };
        ents[owner[m]].roles.push(role);
    }
}

/// "Keith Kellogg, Mr Trump's envoy to Ukraine," and "X, the Y of Z,".
fn appositive_roles(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
) {
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX || ents[owner[m]].ty != EntityType::Person {
            continue;
        }
        if let Some(role) = preposed_role(toks, kept, owner, at, ents, c) {
            ents[owner[m]].roles.push(role);
            continue;
        }
        if toks.get(c.end).is_none_or(|t| t.text != ",") {
            continue;
        }
        let sent = toks[c.end].sentence;
        let mut i = c.end + 1;
        // Determiner, possessor ("Mr Trump's") or qualifier ("the US").
        if toks.get(i).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            )
        }) {
            i += 1;
        }
        let mut of = None;
        if let Some(Some(q)) = at.get(i) {
            let qc = &kept[*q];
            if qc.first == i {
                i = qc.end;
                if toks.get(i).is_some_and(|t| t.is_possessive()) {
                    i += 1;
                }
                let e = owner[*q];
                if ents[e].ty != EntityType::Person {
                    of = Some(e);
                }
            }
        }
        let title_start = i;
        let mut head_at = None;
        while i < toks.len() && toks[i].sentence == sent && i - title_start < 10 {
            let t = &toks[i];
            if matches!(
                t.text.as_str(),
                "," | "." | ";" | ":" | "(" | ")" | "–" | "—" | "-" | "\"" | "“" | "”"
            ) || t.upos == Some(Upos::Verb)
            {
                break;
            }
            if is_in(ROLE_HEADS, &t.text) {
                head_at = Some(i);
            }
            i += 1;
        }
        let Some(head) = head_at else { continue };
        let closed = toks
            .get(i)
            .is_none_or(|t| matches!(t.text.as_str(), "," | "." | ";" | ")" | "–" | "—"));
        if !closed || head < title_start {
            continue;
        }
        // "the Y of Z": Z becomes `of` when it is a named organisation or place.
        let mut end = i;
        if let Some(ofpos) = (head + 1..i).find(|&k| toks[k].lower == "of") {
            if let Some(Some(q)) = at.get(ofpos + 1) {
                let e = owner[*q];
                if kept[*q].end == i && ents[e].ty != EntityType::Person {
                    of = Some(e);
                    end = ofpos;
                }
            }
        }
        let role = RoleDraft {
            title: text_of(toks, title_start, end),
            of,
            start: title_start,
            end,
        };
        ents[owner[m]].roles.push(role);
    }
}

/// A role that opens the sentence and is set off before the name: "Qatar's emir, Sheikh
/// Hamad", "A member of the Syrian parliament, Mohammed Mamoun, …". The organisation or
/// place it is of is the first non-person name in it.
fn preposed_role(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    c: &Cand,
) -> Option<RoleDraft> {
    // Honorifics and titles before the name ("Sheikh Hamad", "Dr Smith") belong to
    // neither.
    let mut first = c.first;
    while first > 0 && c.first - first < 3 && toks[first - 1].cap() && toks[first - 1].alpha() {
        first -= 1;
    }
    let comma = first.checked_sub(1)?;
    if toks[comma].text != "," {
        return None;
    }
    let sent = toks[c.first].sentence;
    let mut start = comma;
    while start > 0
        && toks[start - 1].sentence == sent
        && comma - start < 10
        && toks[start - 1].alpha()
        && toks[start - 1].upos != Some(Upos::Verb)
    {
        start -= 1;
    }
    let opens_sentence = start == 0 || toks[start - 1].sentence != sent;
    // The name (with any particles the tagger left out, "al-Thani") closes the apposition:
    // a comma or the verb comes next.
    let closed = (c.end..toks.len().min(c.end + 5))
        .find(|&k| {
            let w = toks[k].lower.as_str();
            !(toks[k].cap()
                || matches!(w, "-" | "al" | "bin" | "ibn" | "de" | "van" | "von")
                || w.starts_with("al-")
                || w.starts_with("el-"))
        })
        .is_some_and(|k| toks[k].text == "," || toks[k].upos == Some(Upos::Verb));
    if !opens_sentence || !closed || start == comma {
        return None;
    }
    let title_start = if matches!(toks[start].lower.as_str(), "the" | "a" | "an") {
        start + 1
    } else {
        start
    };
    let head = (title_start..comma)
        .rev()
        .find(|&k| is_in(ROLE_HEADS, &toks[k].text))?;
    // Everything after the role head is "of …" or a name; nothing else may follow it.
    if head + 1 < comma && toks[head + 1].lower != "of" {
        return None;
    }
    let of = (title_start..comma)
        .filter_map(|k| at[k])
        .map(|q| owner[q])
        .find(|&e| e != usize::MAX && ents[e].ty != EntityType::Person);
    // A possessor's "'s" stays out of the title: "Qatar's emir" is the emir of Qatar.
    let mut title_from = title_start;
    if let Some(q) = at[title_start] {
        let qc = &kept[q];
        if qc.first == title_start && toks.get(qc.end).is_some_and(|t| t.is_possessive()) {
            title_from = qc.end + 1;
        }
    }
    (title_from < comma).then(|| RoleDraft {
        title: text_of(toks, title_from, comma),
        of,
        start: title_from,
        end: comma,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entity_named, grouped};
    use super::*;

    fn roles(text: &str, name: &str) -> Vec<(String, Option<String>)> {
        let (toks, mut g) = grouped(text);
        let at = g.mention_at(toks.len());
        attach(&toks, &at, &mut g);
        let e = entity_named(&toks, &g, name);
        let name_of = |o: usize| {
            let m = g.ents[o].mentions[0];
            text_of(&toks, g.kept[m].name_first, g.kept[m].end)
        };
        g.ents[e]
            .roles
            .iter()
            .map(|r| (r.title.clone(), r.of.map(name_of)))
            .collect()
    }

    #[test]
    fn premodifying_titles_with_their_organisation() {
        assert_eq!(
            roles("Nato Secretary General Mark Rutte spoke.", "Mark Rutte"),
            [("Secretary General".to_string(), Some("Nato".to_string()))]
        );
        assert_eq!(
            roles(
                "The former chief executive Bernie Ebbers spoke.",
                "Bernie Ebbers"
            ),
            [("former chief executive".to_string(), None)]
        );
    }

    #[test]
    fn appositions_after_and_before_the_name() {
        assert_eq!(
            roles(
                "Keith Kellogg, the envoy of France, arrived on Monday.",
                "Keith Kellogg"
            ),
            [("envoy".to_string(), Some("France".to_string()))]
        );
        assert_eq!(
            roles("Qatar's emir, Sheikh Hamad, arrived on Monday.", "Hamad"),
            [("emir".to_string(), Some("Qatar".to_string()))]
        );
    }
}

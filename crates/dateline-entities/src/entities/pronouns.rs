//! Pronouns linked to the persons they refer to: subject pronouns outside quotes, and
//! pronouns before a bracketed name ("his [Mr Starmer's]").

use super::candidates::Cand;
use super::merging::{Ent, Grouping};
use super::tokens::Tok;
use dateline_core::{Deprel, EntityType, MentionKind};

/// Pronoun mentions with the entity each refers to. `at` is [`Grouping::mention_at`].
pub(super) fn link(toks: &[Tok], at: &[Option<usize>], g: &Grouping) -> Vec<(usize, Cand)> {
    let in_quote = quoted(toks);
    let mut extra = Vec::new();
    pronouns(toks, &g.kept, &g.owner, at, &g.ents, &in_quote, &mut extra);
    extra
}

/// Which tokens lie inside quotation marks.
fn quoted(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut inside = false;
    // Sentences begun since the quote opened: paragraph-long quotes are common, but an
    // unbalanced quote mark must not swallow the rest of the article.
    let mut open_sentences = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.text.as_str() {
            "“" => {
                inside = true;
                open_sentences = 0;
            }
            "”" => inside = false,
            "\"" => {
                inside = !inside;
                open_sentences = 0;
            }
            _ => out[i] = inside,
        }
        if inside && i > 0 && toks[i - 1].sentence != t.sentence {
            open_sentences += 1;
            if open_sentences > 8 {
                inside = false;
                out[i] = false;
            }
        }
    }
    out
}

/// Subject pronouns outside quotes, and pronouns before a bracketed name ("his [Mr
/// Starmer's]"), linked to the person they refer to.
fn pronouns(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    in_quote: &[bool],
    extra: &mut Vec<(usize, Cand)>,
) {
    let person_mentions: Vec<(usize, usize)> = {
        let mut v: Vec<(usize, usize)> = kept
            .iter()
            .enumerate()
            .filter(|(m, _)| owner[*m] != usize::MAX && ents[owner[*m]].ty == EntityType::Person)
            .map(|(m, c)| (c.first, m))
            .collect();
        v.sort();
        v
    };
    for (i, t) in toks.iter().enumerate() {
        let feminine = match t.lower.as_str() {
            "he" | "his" | "him" => false,
            "she" | "her" => true,
            _ => continue,
        };
        // "his [Mr Starmer's]": the bracketed name says who.
        if toks.get(i + 1).is_some_and(|n| n.text == "[") {
            if let Some(Some(m)) = at.get(i + 2) {
                let e = owner[*m];
                if ents[e].ty == EntityType::Person {
                    extra.push((e, pronoun_cand(i)));
                }
            }
            continue;
        }
        if in_quote[i] || !matches!(t.lower.as_str(), "he" | "she") {
            continue;
        }
        let subject = match t.deprel {
            Some(d) => d.base() == Deprel::Nsubj,
            None => toks.get(i + 1).is_some_and(|n| n.alpha() && !n.cap()),
        };
        if !subject {
            continue;
        }
        // The nearest earlier sentence with a person; in it, the first mention that is
        // not a possessor (a proxy for the subject).
        let before = &person_mentions[..person_mentions.partition_point(|(f, _)| *f < i)];
        let Some(&(last_first, _)) = before.last() else {
            continue;
        };
        let sentence = toks[last_first].sentence;
        let compatible = |m: usize| {
            let c = &kept[m];
            let hon = toks[c.first].lower.as_str();
            let is_mr = matches!(hon, "mr" | "mr." | "sir" | "lord");
            let is_ms = matches!(
                hon,
                "mrs" | "mrs." | "ms" | "ms." | "miss" | "dame" | "lady"
            );
            let ent = &ents[owner[m]];
            let ent_mr = ent.mentions.iter().any(|&x| {
                matches!(
                    toks[kept[x].first].lower.as_str(),
                    "mr" | "mr." | "sir" | "lord"
                )
            });
            let ent_ms = ent.mentions.iter().any(|&x| {
                matches!(
                    toks[kept[x].first].lower.as_str(),
                    "mrs" | "mrs." | "ms" | "ms." | "miss" | "dame" | "lady"
                )
            });
            if feminine {
                !(is_mr || ent_mr)
            } else {
                !(is_ms || ent_ms)
            }
        };
        let in_sentence: Vec<usize> = before
            .iter()
            .filter(|(f, _)| toks[*f].sentence == sentence)
            .map(|(_, m)| *m)
            .collect();
        let pick = in_sentence
            .iter()
            .copied()
            .filter(|&m| compatible(m))
            .find(|&m| {
                !toks.get(kept[m].end).is_some_and(|n| n.is_possessive())
                    && !in_quote[kept[m].first]
            })
            .or_else(|| in_sentence.iter().copied().rev().find(|&m| compatible(m)));
        if let Some(m) = pick {
            extra.push((owner[m], pronoun_cand(i)));
        }
    }
}

fn pronoun_cand(i: usize) -> Cand {
    Cand {
        first: i,
        name_first: i,
        end: i + 1,
        ty: EntityType::Person,
        kind: MentionKind::Pronoun,
        ident: None,
        exact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{entity_named, grouped, toks};
    use super::*;

    #[test]
    fn quotes_open_and_close() {
        let toks = toks("He said “we will go” and left.");
        let inside: Vec<&str> = toks
            .iter()
            .zip(quoted(&toks))
            .filter(|(_, q)| *q)
            .map(|(t, _)| t.text.as_str())
            .collect();
        assert_eq!(inside, ["we", "will", "go"]);
    }

    #[test]
    fn subject_pronouns_link_to_the_person_of_the_previous_sentence() {
        let (toks, g) = grouped("Mr Starmer met Mrs Smith. He said she was right.");
        let at = g.mention_at(toks.len());
        let links = link(&toks, &at, &g);
        let starmer = entity_named(&toks, &g, "Mr Starmer");
        let smith = entity_named(&toks, &g, "Mrs Smith");
        let found: Vec<(&str, usize)> = links
            .iter()
            .map(|(e, c)| (toks[c.first].text.as_str(), *e))
            .collect();
        assert_eq!(found, [("He", starmer), ("she", smith)]);
        assert!(links.iter().all(|(_, c)| c.kind == MentionKind::Pronoun));
    }
}

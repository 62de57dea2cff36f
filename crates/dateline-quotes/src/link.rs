//! Linking the words that name a speaker to an entity of `doc.entities`.

use crate::extract::{DOCUMENT_NOUNS, PRONOUNS};
use dateline_core::{Entity, EntityType, MentionKind};

/// Titles and honorifics that are not part of a name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "lady",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "gov",
    "gov.",
    "gen",
    "gen.",
    "president",
    "prime",
    "minister",
    "secretary",
    "general",
    "the",
    "a",
    "an",
    "former",
    "senator",
    "governor",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chief",
];

/// Head nouns that name a person by office or function ("the Prime Minister said").
const PERSON_TITLES: &[&str] = &[
    "minister",
    "president",
    "chancellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "leader",
    "premier",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "congressman",
    "congresswoman",
    "candidate",
    "nominee",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "commissioner",
    "general",
    "commander",
    "chief",
    "king",
    "queen",
    "prince",
    "pope",
    "judge",
    "prosecutor",
    "attorney",
    "lawyer",
    "adviser",
    "advisor",
    "aide",
    "official",
    "manager",
    "coach",
    "captain",
    "founder",
    "owner",
    "executive",
    "host",
    "speaker",
    "republican",
    "democrat",
    "foreign",
    "author",
    "economist",
    "professor",
];

/// A mention with its entity, for searches by position.
#[derive(Debug, Clone)]
struct Placed {
    start: usize,
    end: usize,
    entity: usize,
    kind: MentionKind,
    /// The mention opens its sentence (a subject position).
    subject: bool,
    /// The mention lies inside a quotation: not an antecedent for attribution.
    quoted: bool,
}

/// Resolves speaker words to entities.
pub struct Linker<'a> {
    entities: &'a [Entity],
    placed: Vec<Placed>,
}

fn type_rank(t: EntityType) -> u8 {
    match t {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Norp => 2,
        EntityType::Gpe => 3,
        EntityType::Event => 4,
        _ => 5,
    }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
}

/// "Starmer’s" → "starmer".
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

impl<'a> Linker<'a> {
    /// `quoted` are char ranges of quotations; `sentence_starts` are char offsets at which
    /// sentences (or their main clauses) start.
    pub fn new(
        entities: &'a [Entity],
        quoted: &[(usize, usize)],
        sentence_starts: &[usize],
    ) -> Self {
        let mut placed = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let inside = quoted.iter().any(|&(a, b)| a <= m.start && m.end <= b);
                placed.push(Placed {
                    start: m.start,
                    end: m.end,
                    entity: ei,
                    kind: m.kind,
                    subject: sentence_starts.binary_search(&m.start).is_ok(),
                    quoted: inside,
                });
            }
        }
        placed.sort_by_key(|p| (p.start, p.end));
        Linker { entities, placed }
    }

    fn kind(&self, e: usize) -> EntityType {
        self.entities[e].kind
    }

    /// The most recent antecedent mention before `pos` accepted by `ok`.
    fn recent(&self, pos: usize, ok: impl Fn(&Placed) -> bool) -> Option<usize> {
        let hi = self.placed.partition_point(|p| p.start < pos);
        self.placed[..hi]
            .iter()
            .rev()
            .find(|p| p.end <= pos && !p.quoted && ok(p))
            .map(|p| p.entity)
    }

    /// The entity the speaker words at `[start, end)` name. `prev` is the previous quote's
    /// speaker, preferred for pronouns in a quote sequence.
    pub fn resolve(
        &self,
        start: usize,
        end: usize,
        text: &str,
        prev: Option<usize>,
    ) -> Option<usize> {
        // "He’s" → "he": a contracted pronoun names the same speaker.
        let base = text
            .split(['’', '\''])
            .next()
            .filter(|b| PRONOUNS.contains(&b.to_lowercase().as_str()) && !text.contains(' '))
            .unwrap_or(text);
        let ws = words(base);
        let first = ws.first().map(String::as_str).unwrap_or("");
        // 1. A mention overlapping the speaker words ("sources at the Munich Security
        //    Conference" keeps its words, linked to the named organisation).
        let lo = self
            .placed
            .partition_point(|p| p.end <= start.saturating_sub(200));
        let overlapping = self.placed[lo..]
            .iter()
            .take_while(|p| p.start < end)
            .filter(|p| p.start < end && start < p.end)
            .min_by_key(|p| {
                let overlap = p.end.min(end) - p.start.max(start);
                (
                    type_rank(self.kind(p.entity)),
                    std::cmp::Reverse(overlap),
                    p.start,
                )
            });
        if let Some(p) = overlapping {
            return Some(p.entity);
        }
        // 2. Pronouns.
        if ws.len() == 1 && PRONOUNS.contains(&first) {
            return match first {
                // The previous quote's speaker, else the latest person in subject position
                // (centering: a pronoun subject continues the previous subject), else the
                // latest person.
                "he" | "she" => prev
                    .filter(|&e| self.kind(e) == EntityType::Person)
                    .or_else(|| {
                        self.recent(start, |p| {
                            p.subject && self.kind(p.entity) == EntityType::Person
                        })
                    })
                    .or_else(|| self.recent(start, |p| self.kind(p.entity) == EntityType::Person)),
                "they" | "we" => prev.or_else(|| {
                    self.recent(start, |p| {
                        matches!(self.kind(p.entity), EntityType::Org | EntityType::Norp)
                    })
                }),
                _ => None,
            };
        }
        let head = ws.last().map(|w| strip_possessive(w)).unwrap_or("");
        // 3. "the statement" / "a report" speaks for the organisation that issued it.
        if DOCUMENT_NOUNS.contains(&head) && ws.len() <= 3 {
            for kinds in [
                &[EntityType::Org][..],
                &[EntityType::Norp, EntityType::Gpe],
                &[EntityType::Person],
            ] {
                if let Some(e) = self.recent(start, |p| kinds.contains(&self.kind(p.entity))) {
                    return Some(e);
                }
            }
            return None;
        }
        // 4. A name written differently from the mentions ("Kellogg" for Keith Kellogg).
        let names: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(strip_possessive)
            .filter(|w| !HONORIFICS.contains(&w.to_lowercase().as_str()))
            .collect();
        if !names.is_empty() {
            let mut best: Option<(usize, usize)> = None; // (matched words, entity)
            for (ei, e) in self.entities.iter().enumerate() {
                let ename = words(&e.name);
                let matched = names
                    .iter()
                    .filter(|n| ename.contains(&n.to_lowercase()))
                    .count();
                if matched > 0
                    && best.is_none_or(|(m, b)| {
                        matched > m
                            || (matched == m
                                && self.last_before(ei, start) > self.last_before(b, start))
                    })
                {
                    best = Some((matched, ei));
                }
            }
            if let Some((_, e)) = best {
                return Some(e);
            }
        }
        // 5. An office or function: an entity holding that role, else the person the
        //    passage is about (the latest subject-position person).
        if PERSON_TITLES.contains(&head) {
            let role_holder = self.recent(start, |p| {
                self.kind(p.entity) == EntityType::Person
                    && self.entities[p.entity]
                        .roles
                        .iter()
                        .any(|r| role_head(&r.title) == head)
            });
            if role_holder.is_some() {
                return role_holder;
            }
            let titled = self.recent(start, |p| {
                self.kind(p.entity) == EntityType::Person
                    && p.kind == MentionKind::Name
                    && self.entities[p.entity]
                        .mentions
                        .iter()
                        .any(|m| words(&m.text).iter().any(|w| w == head))
            });
            if titled.is_some() {
                return titled;
            }
            let holds_other_role = |e: usize| {
                let roles = &self.entities[e].roles;
                !roles.is_empty() && roles.iter().all(|r| role_head(&r.title) != head)
            };
            return self
                .recent(start, |p| {
                    self.kind(p.entity) == EntityType::Person
                        && p.subject
                        && !holds_other_role(p.entity)
                })
                .or_else(|| {
                    self.recent(start, |p| {
                        self.kind(p.entity) == EntityType::Person && !holds_other_role(p.entity)
                    })
                });
        }
        None
    }

    /// Start of the entity's last mention before `pos` (0 when none).
    fn last_before(&self, e: usize, pos: usize) -> usize {
        self.entities[e]
            .mentions
            .iter()
            .filter(|m| m.start < pos)
            .map(|m| m.end)
            .max()
            .unwrap_or(0)
    }
}

/// The head noun of a role title: "envoy to Ukraine" → "envoy", "US President" → "president".
fn role_head(title: &str) -> String {
    let ws = words(title);
    let cut = ws
        .iter()
        .position(|w| matches!(w.as_str(), "to" | "of" | "for" | "at" | "in" | "on"))
        .unwrap_or(ws.len());
    ws[..cut].last().cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_heads() {
        assert_eq!(role_head("envoy to Ukraine"), "envoy");
        assert_eq!(role_head("US President"), "president");
        assert_eq!(role_head("Prime Minister"), "minister");
        assert_eq!(role_head(""), "");
    }
}

//! Arguments without a parse: the nearest actor before the trigger is the source, the first
//! after it the target, "in/at X" a place.

use super::{Args, Cand, Extractor};
use dateline_core::{EntityType, PloverType};

impl Extractor<'_> {
    /// Arguments without a parse: the nearest actor before the trigger is the source, the
    /// first one after it the target, "in/at X" a place.
    pub(super) fn linear_args(&mut self, c: &Cand) -> Args {
        let mut a = Args::default();
        let s = self.doc().tokens[c.tok].sentence;
        let range = self.view.sentence_range(s);
        let mut left = None;
        for i in (range.start..c.tok).rev() {
            if self.view.lower[i] == "," && left.is_some() {
                break;
            }
            if self.view.entity_at[i].is_some() && self.is_actor_token(i) {
                let prev = if i > range.start {
                    self.view.lower[i - 1].as_str()
                } else {
                    ""
                };
                if !matches!(prev, "in" | "at" | "of" | "from" | "near") {
                    left = Some(i);
                    break;
                }
            }
        }
        if let Some(l) = left {
            let ids = self.actor_of(l, 0);
            if c.entry.noun && c.entry.kind == PloverType::Consult {
                a.participants.extend(ids);
            } else {
                a.sources.extend(ids);
            }
        }
        let mut i = c.last + 1;
        while i < range.end.min(c.last + 12) {
            if matches!(self.view.lower[i].as_str(), "." | ";" | "said" | "says") {
                break;
            }
            if let Some((e, _)) = self.view.entity_at[i] {
                let prev = self.view.lower[i - 1].as_str();
                let id = self.doc().entities[e].id.clone();
                let is_place = matches!(
                    self.view.entity_type(e),
                    EntityType::Gpe | EntityType::Loc | EntityType::Fac
                );
                if is_place && matches!(prev, "in" | "at" | "near") {
                    if !a.places.contains(&id) {
                        a.places.push(id);
                    }
                } else if a.targets.is_empty() && self.is_actor_token(i) {
                    if is_place && c.entry.kind == PloverType::Consult {
                        a.places.push(id.clone());
                    }
                    a.targets.push(id);
                }
                while i + 1 < range.end && self.view.entity_at[i + 1].map(|x| x.0) == Some(e) {
                    i += 1;
                }
            }
            i += 1;
        }
        a
    }
}

//! One event mentioned several times in an article becomes one event: same type,
//! overlapping actors (one set inside the other) and compatible times.

use crate::extract::Draft;
use dateline_core::{ActorRole, EventStatus, PloverType, TimeExpr, Timex};

/// The ISO week (`2025-W09`) of a day, a time of day, a weekday or a weekend (a week is
/// its own week); `None` for anything longer or vaguer.
pub fn iso_week(value: &Timex) -> Option<Timex> {
    value.iso_week().map(|(y, w)| Timex::week(y, w))
}

/// Can two TIMEX3 values describe the same event time? A missing value, a duration or a
/// value with unknowns (`XXXX-02-14`) can; two dates can when their calendar periods
/// overlap (two different times of one day cannot); anything else only when equal.
pub fn compatible(a: Option<&Timex>, b: Option<&Timex>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let vague = |t: &Timex| match t {
        Timex::Duration(_) | Timex::Other(_) => true,
        Timex::Date(d) => d.has_unknowns(),
        _ => false,
    };
    a == b || vague(a) || vague(b) || a.overlaps(b)
}

/// Is `value` wholly after the publication date `published` (`YYYY-MM-DD`), so that the
/// event lies ahead? `FUTURE_REF` is; a value with unknowns is not.
pub fn after_published(value: &Timex, published: &str) -> bool {
    match Timex::parse(published).day_range() {
        Some(p) if p.first == p.last => value.is_after_date(p.first),
        _ => false,
    }
}

/// Merges drafts in place; returns the surviving drafts in text order.
pub fn merge(mut drafts: Vec<Draft>, times: &[TimeExpr]) -> Vec<Draft> {
    let value = |d: &Draft| d.time.and_then(|t| times.get(t)).map(|t| &t.value);
    let mut out: Vec<Draft> = Vec::new();
    drafts.sort_by_key(|d| d.triggers[0].0);
    for d in drafts {
        let mut target: Option<usize> = None;
        // A visited place counts as a counterpart for display, not for identity.
        let mine: Vec<&str> = d
            .actors
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| d.place.as_deref() != Some(*id))
            .collect();
        let dv = value(&d);
        if d.anaphoric {
            // "the meeting", "the visit": the latest earlier event of the type in reach.
            target = out
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, e)| {
                    e.kind == d.kind
                        && d.sentence.saturating_sub(e.sentence) <= 4
                        && compatible(value(e), dv)
                        && (e.lemma == d.lemma
                            || (e.mode == d.mode
                                && matches!(
                                    d.mode.as_deref(),
                                    Some("visit" | "call" | "restrict")
                                )))
                })
                .map(|(i, _)| i)
                .next();
            if let Some(i) = target {
                let e = &mut out[i];
                e.triggers.push(d.triggers[0]);
            }
            continue;
        }
        let mut best_overlap = 0;
        for (i, e) in out.iter().enumerate() {
            if e.kind != d.kind || !compatible(value(e), dv) {
                continue;
            }
            if e.status == EventStatus::Denied || d.status == EventStatus::Denied {
                continue;
            }
            let theirs: Vec<&str> = e
                .actors
                .iter()
                .map(|(id, _)| id.as_str())
                .filter(|id| e.place.as_deref() != Some(*id))
                .collect();
            let overlap = mine.iter().filter(|x| theirs.contains(x)).count();
            if overlap == 0 {
                continue;
            }
            let nested =
                mine.iter().all(|x| theirs.contains(x)) || theirs.iter().all(|x| mine.contains(x));
            if nested && overlap > best_overlap {
                best_overlap = overlap;
                target = Some(i);
            }
        }
        match target {
            Some(i) => {
                let e = &mut out[i];
                e.triggers.extend(d.triggers.iter().copied());
                for (id, role) in d.actors {
                    if !e.actors.iter().any(|(x, _)| *x == id) {
                        e.actors.push((id, role));
                    }
                }
                if e.time.is_none() {
                    e.time = d.time;
                }
                if e.place.is_none() {
                    e.place = d.place;
                }
                if e.mode.is_none() {
                    e.mode = d.mode;
                }
                // A plan stated by a participant ("is preparing to host") outranks an
                // expectation ("an expected meeting"); anything outranks "occurred" when
                // another mention places the event ahead.
                let upgrade = e.status == EventStatus::Occurred
                    || (d.status == EventStatus::Planned && e.status == EventStatus::Expected);
                if upgrade && e.sentence != d.sentence && d.status != EventStatus::Denied {
                    e.status = d.status;
                }
            }
            None => out.push(d),
        }
    }
    // At a hosted meeting everyone but the host takes part.
    for e in &mut out {
        let hosted = e.actors.iter().any(|(_, r)| *r == ActorRole::Host);
        if hosted && e.kind == PloverType::Consult && e.mode.as_deref() != Some("visit") {
            for (_, role) in e.actors.iter_mut() {
                if *role != ActorRole::Host {
                    *role = ActorRole::Participant;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &str) -> Timex {
        Timex::parse(v)
    }

    fn compat(a: &str, b: &str) -> bool {
        compatible(Some(&t(a)), Some(&t(b)))
    }

    #[test]
    fn iso_weeks_follow_the_iso_calendar() {
        let week = |v: &str| iso_week(&t(v)).map(|w| w.to_string());
        assert_eq!(week("2025-02-24").as_deref(), Some("2025-W09"));
        assert_eq!(week("2025-02-17").as_deref(), Some("2025-W08"));
        assert_eq!(week("2021-01-03").as_deref(), Some("2020-W53"));
        assert_eq!(week("2024-12-30").as_deref(), Some("2025-W01"));
        assert_eq!(week("2025-02-14TMO").as_deref(), Some("2025-W07"));
        assert_eq!(week("2025-W09-WE").as_deref(), Some("2025-W09"));
        assert_eq!(week("2025-02"), None);
        assert_eq!(week("nonsense"), None);
    }

    #[test]
    fn times_are_compatible_when_one_contains_the_other() {
        assert!(compat("2025-W09", "2025-02-25"));
        assert!(compat("2025-02", "2025-02-25"));
        assert!(compatible(None, Some(&t("2025-02-25"))));
        assert!(!compat("2025-W09", "2025-02-17"));
        assert!(compat("2025-02-14", "2025-02-14TMO"));
        assert!(!compat("2025-02-14TMO", "2025-02-14TEV"));
        assert!(compat("P3D", "2025-02-14"));
        assert!(compat("XXXX-02-14", "2025-02-20"));
        assert!(!compat("PRESENT_REF", "2025-02-14"));
        assert!(after_published(&t("2025-W09"), "2025-02-15"));
        assert!(!after_published(&t("2025-02-14"), "2025-02-15"));
        assert!(after_published(&t("FUTURE_REF"), "2025-02-15"));
        assert!(after_published(&t("2026-W01"), "2025-12-28"));
        assert!(!after_published(&t("2025-W01"), "2024-12-31"));
    }

    /// Cases that the string version (prefixes, `&value[..10] > published`) got wrong.
    #[test]
    fn periods_are_compared_on_the_calendar_not_as_strings() {
        // Periods that contain a day without sharing a prefix with it.
        assert!(compat("2025-Q1", "2025-02-14"));
        assert!(compat("2025-H2", "2025-10-01"));
        assert!(compat("2025-SU", "2025-07-04"));
        assert!(compat("2025-02", "2025-W09")); // Feb 24 - Mar 2
                                                // "2025-W01-2" starts with "2025" but is Tuesday 31 December 2024.
        assert!(!compat("2025", "2025-W01-2"));
        // A weekend shares "2025-W09" with the Monday of its week but not the day.
        assert!(!compat("2025-W09-WE", "2025-02-24"));
        assert!(compat("2025-W09-WE", "2025-03-01"));
        // A quarter is no prefix of its months and the wrong quarter is no match.
        assert!(!compat("2025-Q1", "2025-04-02"));
        // "XXXX-02-20" > "2025-02-15" as strings ('X' sorts after digits): not a future date.
        assert!(!after_published(&t("XXXX-02-20"), "2025-02-15"));
        // Months, quarters and years after publication were never "after" as strings.
        assert!(after_published(&t("2025-03"), "2025-02-15"));
        assert!(after_published(&t("2025-Q2"), "2025-02-15"));
        assert!(after_published(&t("2026"), "2025-02-15"));
        assert!(!after_published(&t("2025-02"), "2025-02-15"));
    }
}

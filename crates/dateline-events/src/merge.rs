//! One event mentioned several times in an article becomes one event: same type,
//! overlapping actors (one set inside the other) and compatible times.

use crate::extract::Draft;
use dateline_core::{calendar, ActorRole, EventStatus, PloverType, TimeExpr};

/// ISO week (`2025-W09`) of a `YYYY-MM-DD` date.
pub fn iso_week(date: &str) -> Option<String> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: u32 = date.get(5..7)?.parse().ok()?;
    let d: u32 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (ty, week) = calendar::iso_week(calendar::days_from_civil(y, m, d));
    Some(format!("{ty:04}-W{week:02}"))
}

/// Can two TIMEX3 values describe the same event time?
pub fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a == b || a.starts_with(b) || b.starts_with(a) {
        return true;
    }
    let week = |x: &str, y: &str| {
        x.contains("-W")
            && y.len() >= 10
            && iso_week(&y[..10]).as_deref() == Some(&x[..8.min(x.len())])
    };
    week(a, b)
        || week(b, a)
        || a.starts_with('P')
        || b.starts_with('P')
        || a.contains('X')
        || b.contains('X')
}

/// Is `value` after the publication date (so the event lies ahead)?
pub fn after_published(value: &str, published: &str) -> bool {
    if value.len() >= 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-' {
        return &value[..10] > published;
    }
    if value.contains("-W") {
        if let Some(pw) = iso_week(published) {
            return value.get(..8).is_some_and(|w| w > pw.as_str());
        }
    }
    if value == "FUTURE_REF" {
        return true;
    }
    false
}

/// Merges drafts in place; returns the surviving drafts in text order.
pub fn merge(mut drafts: Vec<Draft>, times: &[TimeExpr]) -> Vec<Draft> {
    let value = |d: &Draft| d.time.and_then(|t| times.get(t)).map(|t| t.value.clone());
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
                        && compatible(value(e).as_deref(), dv.as_deref())
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
            if e.kind != d.kind || !compatible(value(e).as_deref(), dv.as_deref()) {
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

    #[test]
    fn iso_weeks_follow_the_iso_calendar() {
        assert_eq!(iso_week("2025-02-24").as_deref(), Some("2025-W09"));
        assert_eq!(iso_week("2025-02-17").as_deref(), Some("2025-W08"));
        assert_eq!(iso_week("2021-01-03").as_deref(), Some("2020-W53"));
        assert_eq!(iso_week("2024-12-30").as_deref(), Some("2025-W01"));
        assert_eq!(iso_week("nonsense"), None);
    }

    #[test]
    fn times_are_compatible_when_one_contains_the_other() {
        assert!(compatible(Some("2025-W09"), Some("2025-02-25")));
        assert!(compatible(Some("2025-02"), Some("2025-02-25")));
        assert!(compatible(None, Some("2025-02-25")));
        assert!(!compatible(Some("2025-W09"), Some("2025-02-17")));
        assert!(after_published("2025-W09", "2025-02-15"));
        assert!(!after_published("2025-02-14", "2025-02-15"));
    }
}

//! The cross-article event merge rule: when do two event reports describe one real-world
//! event? A pure function over [`EventFacts`], so the store, the tests and (later) the Python
//! bindings share one rule. See the crate README for the rule in prose.

use dateline_core::{ActorRole, EventStatus, PloverType};
use serde::Serialize;
use std::collections::BTreeSet;

/// Days a report's publication date may be from another's when neither event has a usable
/// time: "the meeting" reported on Monday and on Wednesday is one meeting, a month apart it
/// is probably not.
pub const UNKNOWN_TIME_WINDOW_DAYS: i64 = 3;

/// Time ranges wider than this are too coarse to identify an event ("in 2025", "this
/// spring"); they are treated like an unknown time.
pub const MAX_USEFUL_SPAN_DAYS: i64 = 31;

/// Reports whose publication dates cannot be compared (an undated corpus, such as an archive
/// of article files) and whose times do not both place the event: they merge only when they
/// share at least this many actors…
pub const UNDATED_MIN_SHARED_ACTORS: usize = 2;

/// …and when their articles tell the same story: the Jaccard similarity of the sets of
/// corpus entities the two articles name is at least this. Articles about one story share
/// most of their people, organisations and places (0.4–1.0 on the BBC corpus); articles
/// that merely share two frequent actors ("Labour", "the Tories") share few others.
pub const UNDATED_MIN_CONTEXT_SIMILARITY: f64 = 0.3;

/// …and whose articles name at least this many entities in common besides the actors the
/// reports share: a Jaccard index over two short articles rests on too few names.
pub const UNDATED_MIN_SHARED_CONTEXT: usize = 3;

/// PLOVER types that are statements (accusing, asking, rejecting, promising, backing,
/// warning, conceding). One story reports many statements by the same people, so undated
/// reports of these merge only when their triggers share a stem ("warned" and "warns"):
/// "Balls rejected the allegation" is not "Balls refused to say". Meetings, attacks and
/// resignations are told in varied words ("hold talks", "met") and need no such check.
pub const STATEMENT_TYPES: &[PloverType] = &[
    PloverType::Accuse,
    PloverType::Request,
    PloverType::Reject,
    PloverType::Agree,
    PloverType::Support,
    PloverType::Threaten,
    PloverType::Concede,
];

/// PLOVER types whose participants are interchangeable: a meeting of A and B is a meeting
/// of B and A, whoever the sentence made the subject.
pub const SYMMETRIC_TYPES: &[PloverType] = &[
    PloverType::Consult,
    PloverType::Cooperate,
    PloverType::Agree,
];

/// A half-open range of days since 1970-01-01: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayRange {
    /// First day (days since 1970-01-01).
    pub start: i64,
    /// One past the last day.
    pub end: i64,
}

impl DayRange {
    /// The one day `d`.
    pub fn day(d: i64) -> Self {
        DayRange {
            start: d,
            end: d + 1,
        }
    }
    /// Number of days covered.
    pub fn len(&self) -> i64 {
        self.end - self.start
    }
    /// True when it covers no day.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two share at least one day.
    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Days between the two ranges (0 when they touch or overlap).
    pub fn gap(&self, other: &DayRange) -> i64 {
        if self.overlaps(other) {
            0
        } else if self.end <= other.start {
            other.start - self.end + 1
        } else {
            self.start - other.end + 1
        }
    }
    /// The first day as `YYYY-MM-DD`.
    pub fn first_date(&self) -> String {
        format_date(self.start)
    }
    /// The last day (inclusive) as `YYYY-MM-DD`.
    pub fn last_date(&self) -> String {
        format_date(self.end - 1)
    }
}

use dateline_core::calendar::{civil_from_days, days_from_civil, iso_week_monday};

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
pub fn format_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    let s = s?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A calendar date (`YYYY-MM-DD`, optionally followed by a time) as a day number.
pub fn parse_date(s: &str) -> Option<i64> {
    let y: i64 = num(s.get(0..4))?;
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
        return None;
    }
    let m: u32 = num(s.get(5..7))?;
    let d: u32 = num(s.get(8..10))?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Time modifiers that move an event off its stated time ("before Monday"): such a time
/// does not place the event, so the merge rule treats it as unknown.
const DIRECTIONAL_MODS: &[&str] = &[
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
];

/// The usable time range of a TIMEX value and modifier, for merging.
pub fn merge_time(value: Option<&str>, modifier: Option<&str>) -> Option<DayRange> {
    if modifier.is_some_and(|m| DIRECTIONAL_MODS.contains(&m)) {
        return None;
    }
    timex_range(value?)
}

/// The days a TIMEX3 value covers, when it names a calendar period: `2025-02-27`,
/// `2025-02-27T10:00`, `2025-02-14TMO`, `2025-W09`, `2025-W09-WE`, `2025-W09-4`, `2025-02`,
/// `2025-Q1`, `2025-H1`, seasons, `2025`. `None` for durations, sets, references
/// (`PRESENT_REF`) and values with unknown parts (`XXXX-XX-XX`).
pub fn timex_range(value: &str) -> Option<DayRange> {
    let v = value.trim();
    let y: i64 = num(v.get(0..4))?;
    let rest = &v[4..];
    if rest.is_empty() {
        let start = days_from_civil(y, 1, 1);
        return Some(DayRange {
            start,
            end: days_from_civil(y + 1, 1, 1),
        });
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(week) = rest.strip_prefix('W') {
        let w: u32 = num(week.get(0..2))?;
        if !(1..=53).contains(&w) {
            return None;
        }
        let monday = iso_week_monday(y, w);
        let tail = &week[2..];
        return match tail {
            "" => Some(DayRange {
                start: monday,
                end: monday + 7,
            }),
            "-WE" => Some(DayRange {
                start: monday + 5,
                end: monday + 7,
            }),
            _ => {
                let d: i64 = num(tail.strip_prefix('-'))?;
                (1..=7).contains(&d).then(|| DayRange::day(monday + d - 1))
            }
        };
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = num(Some(q))?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let start = days_from_civil(y, 3 * q - 2, 1);
        let end = if q == 4 {
            days_from_civil(y + 1, 1, 1)
        } else {
            days_from_civil(y, 3 * q + 1, 1)
        };
        return Some(DayRange { start, end });
    }
    if let Some(h) = rest.strip_prefix('H') {
        let h: u32 = num(Some(h))?;
        return match h {
            1 => Some(DayRange {
                start: days_from_civil(y, 1, 1),
                end: days_from_civil(y, 7, 1),
            }),
            2 => Some(DayRange {
                start: days_from_civil(y, 7, 1),
                end: days_from_civil(y + 1, 1, 1),
            }),
            _ => None,
        };
    }
    let season = |m1: u32, y2: i64, m2: u32| {
        Some(DayRange {
            start: days_from_civil(y, m1, 1),
            end: days_from_civil(y2, m2, 1),
        })
    };
    match rest {
        "SP" => return season(3, y, 6),
        "SU" => return season(6, y, 9),
        "FA" => return season(9, y, 12),
        "WI" => return season(12, y + 1, 3),
        _ => {}
    }
    let m: u32 = num(rest.get(0..2))?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let after_month = &rest[2..];
    if after_month.is_empty() {
        let start = days_from_civil(y, m, 1);
        return Some(DayRange {
            start,
            end: start + days_in_month(y, m) as i64,
        });
    }
    parse_date(v).map(DayRange::day)
}

/// The facts of one event report (or of a corpus event, aggregated over its reports) that
/// the merge rule looks at. Actors are corpus-entity ids.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFacts {
    /// PLOVER type.
    pub kind: PloverType,
    /// The report's status (for a corpus event, its current status); `None` when unknown.
    pub status: Option<EventStatus>,
    /// Actors in the source role.
    pub sources: BTreeSet<i64>,
    /// Actors in the target role.
    pub targets: BTreeSet<i64>,
    /// Participants and hosts: actors with no direction.
    pub others: BTreeSet<i64>,
    /// The days the event's resolved time covers, if it has a usable one.
    pub time: Option<DayRange>,
    /// Publication days of the report(s): one day for a report, first..last for a corpus event.
    pub reported: Option<DayRange>,
    /// For each reporting article, the corpus entities it names (its *context*): what tells
    /// two undated reports of the same story apart from two reports that only share actors.
    /// Empty when unknown.
    pub contexts: Vec<BTreeSet<i64>>,
    /// The stems of the reports' triggers ([`trigger_stem`]): "warned" and "warns" → `warn`.
    pub triggers: BTreeSet<String>,
}

impl EventFacts {
    /// Facts of an event of type `kind` with nothing else known yet.
    pub fn new(kind: PloverType) -> Self {
        EventFacts {
            kind,
            status: None,
            sources: BTreeSet::new(),
            targets: BTreeSet::new(),
            others: BTreeSet::new(),
            time: None,
            reported: None,
            contexts: Vec::new(),
            triggers: BTreeSet::new(),
        }
    }

    /// Every actor, whatever its role.
    pub fn actors(&self) -> BTreeSet<i64> {
        self.sources
            .iter()
            .chain(&self.targets)
            .chain(&self.others)
            .copied()
            .collect()
    }

    /// Adds an actor in its role (participants and hosts have no direction).
    pub fn add_actor(&mut self, id: i64, role: ActorRole) {
        match role {
            ActorRole::Source => self.sources.insert(id),
            ActorRole::Target => self.targets.insert(id),
            ActorRole::Participant | ActorRole::Host => self.others.insert(id),
        };
    }

    /// The time to use for merging: the resolved time unless it is too coarse.
    fn useful_time(&self) -> Option<DayRange> {
        self.time
            .filter(|t| t.len() <= MAX_USEFUL_SPAN_DAYS && !t.is_empty())
    }

    /// Folds another report of the same event into these facts: actors are united, the
    /// narrower known time kept, the reporting range widened.
    pub fn absorb(&mut self, other: &EventFacts) {
        self.sources.extend(&other.sources);
        self.targets.extend(&other.targets);
        self.others.extend(&other.others);
        self.time = match (self.time, other.time) {
            (Some(a), Some(b)) => Some(if b.len() < a.len() { b } else { a }),
            (a, b) => a.or(b),
        };
        self.reported = match (self.reported, other.reported) {
            (Some(a), Some(b)) => Some(DayRange {
                start: a.start.min(b.start),
                end: a.end.max(b.end),
            }),
            (a, b) => a.or(b),
        };
        self.triggers.extend(other.triggers.iter().cloned());
        for context in &other.contexts {
            if !self.contexts.contains(context) {
                self.contexts.push(context.clone());
            }
        }
    }

    /// The highest similarity between one of these reports' articles and one of `other`'s:
    /// the Jaccard index of the corpus entities they name. 0 when either side is unknown.
    pub fn context_similarity(&self, other: &EventFacts) -> f64 {
        self.closest_contexts(other, &BTreeSet::new()).0
    }

    /// The most similar pair of articles (one of ours, one of `other`'s): their Jaccard index
    /// and how many entities they both name apart from `besides`.
    fn closest_contexts(&self, other: &EventFacts, besides: &BTreeSet<i64>) -> (f64, usize) {
        let mut best = (0.0, 0);
        for a in &self.contexts {
            for b in &other.contexts {
                let shared = a.intersection(b).count();
                let union = a.len() + b.len() - shared;
                if union == 0 {
                    continue;
                }
                let similarity = shared as f64 / union as f64;
                if similarity > best.0 {
                    let others = a.intersection(b).filter(|e| !besides.contains(e)).count();
                    best = (similarity, others);
                }
            }
        }
        best
    }
}

/// How strongly two reports look like one event: `None` when the rule says they are
/// different events, otherwise a score (higher is a better match) used to choose among
/// several compatible corpus events.
///
/// The rule, all of which must hold:
/// 1. **Type**: the same PLOVER type.
/// 2. **Status**: a denied event merges only with denied reports.
/// 3. **Actors**: both reports name at least one actor and they share one. When both
///    reports name two or more actors, they must share two (Starmer meeting Trump is not
///    Starmer meeting Macron). For directed types (ACCUSE, SANCTION, …) a side named by
///    both reports must overlap: sources with sources, targets with targets. For
///    symmetric types (CONSULT, COOPERATE, AGREE) roles are ignored.
/// 4. **Time**: when both have a usable resolved time (at most a month wide), the ranges
///    overlap ("2025-W09" contains "2025-02-27"). Otherwise the reports must have been
///    published at most [`UNKNOWN_TIME_WINDOW_DAYS`] apart, and a known time must not
///    contradict the other's status: an event reported as having occurred cannot be
///    one that starts after that report was published, nor a planned one that ended before.
///    When either side has no publication date (an undated archive), the reports must
///    instead share [`UNDATED_MIN_SHARED_ACTORS`] actors and come from articles that tell the
///    same story: [`EventFacts::context_similarity`] at least
///    [`UNDATED_MIN_CONTEXT_SIMILARITY`], with [`UNDATED_MIN_SHARED_CONTEXT`] entities in
///    common besides the shared actors.
pub fn merge_score(a: &EventFacts, b: &EventFacts) -> Option<u32> {
    if a.kind != b.kind {
        return None;
    }
    let denied = |f: &EventFacts| f.status == Some(EventStatus::Denied);
    if denied(a) != denied(b) {
        return None;
    }
    let (all_a, all_b) = (a.actors(), b.actors());
    if all_a.is_empty() || all_b.is_empty() {
        return None;
    }
    let shared = all_a.intersection(&all_b).count();
    if shared == 0 {
        return None;
    }
    if all_a.len() >= 2 && all_b.len() >= 2 && shared < 2 {
        return None;
    }
    if !SYMMETRIC_TYPES.contains(&a.kind) {
        let side_ok = |x: &BTreeSet<i64>, y: &BTreeSet<i64>| {
            x.is_empty() || y.is_empty() || !x.is_disjoint(y)
        };
        if !side_ok(&a.sources, &b.sources) || !side_ok(&a.targets, &b.targets) {
            return None;
        }
    }
    let mut score = 10 * shared as u32;
    match (a.useful_time(), b.useful_time()) {
        (Some(ta), Some(tb)) => {
            if !ta.overlaps(&tb) {
                return None;
            }
            score += 20 - (ta.len().max(tb.len()).min(20) as u32) / 2;
        }
        (ta, tb) => {
            let (Some(ra), Some(rb)) = (a.reported, b.reported) else {
                return undated_score(a, b, shared).map(|s| score + s);
            };
            let gap = ra.gap(&rb);
            if gap > UNKNOWN_TIME_WINDOW_DAYS {
                return None;
            }
            // One side has a time, the other a status that places it before or after its
            // own publication.
            let check = |time: Option<DayRange>, other: &EventFacts, reported: DayRange| {
                let Some(t) = time else { return true };
                match other.status {
                    Some(EventStatus::Occurred) => t.start < reported.end,
                    Some(EventStatus::Planned) | Some(EventStatus::Expected) => {
                        t.end > reported.start
                    }
                    _ => true,
                }
            };
            if !check(ta, b, rb) || !check(tb, a, ra) {
                return None;
            }
            score += (UNKNOWN_TIME_WINDOW_DAYS - gap) as u32;
        }
    }
    Some(score)
}

/// A crude English stem of a trigger, enough to tell a repeated report of one statement
/// ("warned", "warns"; "called on", "calling on") from another statement ("refused").
pub fn trigger_stem(trigger: &str) -> String {
    let stem_word = |w: &str| -> String {
        let w = w.to_lowercase();
        let mut stem = w.as_str();
        for suffix in ["ing", "ied", "ies", "ed", "es", "s"] {
            if stem.chars().count() > suffix.len() + 2 && stem.ends_with(suffix) {
                stem = &stem[..stem.len() - suffix.len()];
                break;
            }
        }
        let mut stem = stem.trim_end_matches('e').to_string();
        let chars: Vec<char> = stem.chars().collect();
        if let [.., x, y] = chars[..] {
            if x == y && !"aeiouls".contains(x) {
                stem.pop();
            }
        }
        stem
    };
    trigger
        .split_whitespace()
        .map(stem_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The time part of the rule when publication dates cannot be compared: no time window
/// to check, so the actors and the articles' contexts must carry the decision.
fn undated_score(a: &EventFacts, b: &EventFacts, shared_actors: usize) -> Option<u32> {
    if shared_actors < UNDATED_MIN_SHARED_ACTORS {
        return None;
    }
    if STATEMENT_TYPES.contains(&a.kind) && a.triggers.is_disjoint(&b.triggers) {
        return None;
    }
    let actors: BTreeSet<i64> = a.actors().intersection(&b.actors()).copied().collect();
    let (similarity, shared_context) = a.closest_contexts(b, &actors);
    if similarity < UNDATED_MIN_CONTEXT_SIMILARITY || shared_context < UNDATED_MIN_SHARED_CONTEXT {
        return None;
    }
    Some((similarity * 10.0).round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i64 {
        parse_date(s).unwrap()
    }

    fn facts(
        kind: &str,
        status: EventStatus,
        actors: &[(i64, ActorRole)],
        time: Option<&str>,
        published: &str,
    ) -> EventFacts {
        let mut f = EventFacts {
            status: Some(status),
            time: time.and_then(timex_range),
            reported: Some(DayRange::day(d(published))),
            ..EventFacts::new(kind.parse().unwrap())
        };
        for (id, role) in actors {
            f.add_actor(*id, *role);
        }
        f
    }

    const STARMER: i64 = 1;
    const TRUMP: i64 = 2;
    const MACRON: i64 = 3;
    const RUSSIA: i64 = 4;
    const EU: i64 = 5;

    #[test]
    fn dates_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2025-02-27",
            "1999-12-31",
            "2100-03-01",
        ] {
            assert_eq!(format_date(d(s)), s);
        }
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("nonsense"), None);
        assert_eq!(parse_date("2025-0"), None);
    }

    #[test]
    fn timex_values_become_day_ranges() {
        let w09 = timex_range("2025-W09").unwrap();
        assert_eq!(
            (w09.first_date(), w09.last_date()),
            ("2025-02-24".into(), "2025-03-02".into())
        );
        let r = timex_range("2025-W09-WE").unwrap();
        assert_eq!(
            (r.first_date(), r.last_date()),
            ("2025-03-01".into(), "2025-03-02".into())
        );
        assert_eq!(
            timex_range("2025-W09-4").unwrap().first_date(),
            "2025-02-27"
        );
        // ISO week 1 of 2021 starts on 2021-01-04; 2020 has a week 53.
        assert_eq!(timex_range("2021-W01").unwrap().first_date(), "2021-01-04");
        assert_eq!(timex_range("2020-W53").unwrap().first_date(), "2020-12-28");
        assert_eq!(timex_range("2025-02").unwrap().len(), 28);
        assert_eq!(timex_range("2024-02").unwrap().len(), 29);
        assert_eq!(
            timex_range("2025-02-14TMO").unwrap().first_date(),
            "2025-02-14"
        );
        assert_eq!(timex_range("2025-02-14T10:30").unwrap().len(), 1);
        assert_eq!(timex_range("2025-Q1").unwrap().len(), 90);
        assert_eq!(timex_range("2025").unwrap().len(), 365);
        assert_eq!(timex_range("2025-SU").unwrap().first_date(), "2025-06-01");
        for bad in [
            "XXXX-XX-XX",
            "PRESENT_REF",
            "P3D",
            "",
            "2025-W60",
            "2025-Q5",
            "20",
            "2025-1",
            "ÿÿÿÿ",
        ] {
            assert_eq!(timex_range(bad), None, "{bad}");
        }
    }

    #[test]
    fn planned_week_and_later_day_report_are_one_meeting() {
        let planned = facts(
            "CONSULT",
            EventStatus::Planned,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-W09"),
            "2025-02-15",
        );
        let occurred = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(TRUMP, ActorRole::Source), (STARMER, ActorRole::Target)],
            Some("2025-02-27"),
            "2025-02-28",
        );
        assert!(merge_score(&planned, &occurred).is_some());
        assert!(
            merge_score(&occurred, &planned).is_some(),
            "the rule is symmetric"
        );
    }

    #[test]
    fn different_counterpart_or_week_means_different_events() {
        let a = facts(
            "CONSULT",
            EventStatus::Planned,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-W09"),
            "2025-02-15",
        );
        let macron = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (MACRON, ActorRole::Target)],
            Some("2025-02-27"),
            "2025-02-28",
        );
        assert_eq!(merge_score(&a, &macron), None);
        let later = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-03-20"),
            "2025-03-21",
        );
        assert_eq!(merge_score(&a, &later), None);
        let other_type = facts(
            "ACCUSE",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-02-27"),
            "2025-02-28",
        );
        assert_eq!(merge_score(&a, &other_type), None);
    }

    #[test]
    fn unknown_times_merge_only_when_reported_close_together() {
        let a = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(EU, ActorRole::Source), (RUSSIA, ActorRole::Target)],
            None,
            "2025-02-15",
        );
        let b = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(EU, ActorRole::Source), (RUSSIA, ActorRole::Target)],
            None,
            "2025-02-17",
        );
        let far = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(EU, ActorRole::Source), (RUSSIA, ActorRole::Target)],
            None,
            "2025-04-01",
        );
        assert!(merge_score(&a, &b).is_some());
        assert_eq!(merge_score(&a, &far), None);
        // Unknown publication dates give nothing to compare.
        let mut undated = b.clone();
        undated.reported = None;
        assert_eq!(merge_score(&a, &undated), None);
    }

    /// An undated report (an archive file) naming `actors`, in an article naming `context`.
    fn undated(kind: &str, actors: &[(i64, ActorRole)], context: &[i64]) -> EventFacts {
        undated_said(kind, "said", actors, context)
    }

    fn undated_said(
        kind: &str,
        trigger: &str,
        actors: &[(i64, ActorRole)],
        context: &[i64],
    ) -> EventFacts {
        let mut f = EventFacts {
            status: Some(EventStatus::Occurred),
            contexts: vec![context.iter().copied().collect()],
            triggers: [trigger_stem(trigger)].into(),
            ..EventFacts::new(kind.parse().unwrap())
        };
        for (id, role) in actors {
            f.add_actor(*id, *role);
        }
        f
    }

    const KILROY_SILK: i64 = 10;
    const UKIP: i64 = 11;
    const LABOUR: i64 = 12;
    const TORIES: i64 = 13;

    #[test]
    fn undated_reports_merge_when_their_articles_tell_the_same_story() {
        // "Kilroy-Silk quits UKIP" in two articles about his resignation: they name mostly
        // the same people and parties (Jaccard 5/7).
        let story = [KILROY_SILK, UKIP, 20, 21, 22, 23];
        let a = undated(
            "SANCTION",
            &[(KILROY_SILK, ActorRole::Source), (UKIP, ActorRole::Target)],
            &story,
        );
        let b = undated(
            "SANCTION",
            &[(KILROY_SILK, ActorRole::Source), (UKIP, ActorRole::Target)],
            &[KILROY_SILK, UKIP, 20, 21, 22, 24],
        );
        assert!(a.context_similarity(&b) > 0.7);
        assert!(merge_score(&a, &b).is_some());
        assert!(merge_score(&b, &a).is_some(), "the rule is symmetric");
    }

    #[test]
    fn undated_reports_sharing_only_frequent_actors_stay_apart() {
        // "Labour attacked the Tories" in two election articles on different subjects.
        let a = undated(
            "ACCUSE",
            &[(LABOUR, ActorRole::Source), (TORIES, ActorRole::Target)],
            &[LABOUR, TORIES, 30, 31, 32, 33],
        );
        let b = undated(
            "ACCUSE",
            &[(LABOUR, ActorRole::Source), (TORIES, ActorRole::Target)],
            &[LABOUR, TORIES, 40, 41, 42, 43],
        );
        assert!(a.context_similarity(&b) < UNDATED_MIN_CONTEXT_SIMILARITY);
        assert_eq!(merge_score(&a, &b), None);
        // Two short articles (the TUC calling on the government about jobs, and about safety
        // inspectors): similar by Jaccard (3/7), but they share a single name besides the actors.
        let union = 99;
        let jobs = undated(
            "REQUEST",
            &[(LABOUR, ActorRole::Source), (TORIES, ActorRole::Target)],
            &[LABOUR, TORIES, union, 30, 31],
        );
        let safety = undated(
            "REQUEST",
            &[(LABOUR, ActorRole::Source), (TORIES, ActorRole::Target)],
            &[LABOUR, TORIES, union, 40, 41],
        );
        assert!(jobs.context_similarity(&safety) >= UNDATED_MIN_CONTEXT_SIMILARITY);
        assert_eq!(merge_score(&jobs, &safety), None);
    }

    #[test]
    fn undated_reports_need_two_shared_actors_and_the_same_direction() {
        let story = [KILROY_SILK, UKIP, LABOUR, 20, 21];
        let one_actor = undated("SANCTION", &[(KILROY_SILK, ActorRole::Source)], &story);
        let two_actors = undated(
            "SANCTION",
            &[(KILROY_SILK, ActorRole::Source), (UKIP, ActorRole::Target)],
            &story,
        );
        assert_eq!(
            merge_score(&one_actor, &two_actors),
            None,
            "one shared actor is too little without a date"
        );
        let reversed = undated(
            "SANCTION",
            &[(UKIP, ActorRole::Source), (KILROY_SILK, ActorRole::Target)],
            &story,
        );
        assert_eq!(merge_score(&two_actors, &reversed), None);
        // Unknown contexts (a caller that does not provide them) never merge undated reports.
        let mut blind = two_actors.clone();
        blind.contexts.clear();
        assert_eq!(merge_score(&two_actors, &blind), None);
    }

    #[test]
    fn trigger_stems_join_inflections_only() {
        for (a, b) in [
            ("warned", "warns"),
            ("called on", "calling on"),
            ("insisted", "insist"),
            ("criticised", "criticising"),
            ("urged", "urge"),
            ("stopped", "stops"),
            ("Accused", "accuses"),
        ] {
            assert_eq!(trigger_stem(a), trigger_stem(b), "{a} / {b}");
        }
        for (a, b) in [
            ("rejected", "refused"),
            ("pledged", "offered"),
            ("asked", "requests"),
        ] {
            assert_ne!(trigger_stem(a), trigger_stem(b), "{a} / {b}");
        }
        assert_eq!(trigger_stem(""), "");
        assert_eq!(trigger_stem("ÿ’s"), trigger_stem("ÿ’s"));
    }

    #[test]
    fn undated_statements_need_the_same_trigger_but_meetings_do_not() {
        // Two statements by Ed Balls about Gordon Brown in two articles on one story.
        let story = [LABOUR, TORIES, 20, 21, 22, 23];
        let actors = [(LABOUR, ActorRole::Source), (TORIES, ActorRole::Target)];
        let rejected = undated_said("REJECT", "rejected", &actors, &story);
        let refused = undated_said("REJECT", "refused", &actors, &story);
        assert_eq!(merge_score(&rejected, &refused), None);
        let rejects = undated_said("REJECT", "rejects", &actors, &story);
        assert!(merge_score(&rejected, &rejects).is_some());
        // Unions "will hold talks" with Prescott, then "met" him: one meeting.
        let hold = undated_said("CONSULT", "hold", &actors, &story);
        let met = undated_said("CONSULT", "met", &actors, &story);
        assert!(merge_score(&hold, &met).is_some());
    }

    #[test]
    fn a_corpus_event_compares_by_its_closest_article() {
        let mut event = undated(
            "CONSULT",
            &[
                (STARMER, ActorRole::Participant),
                (TRUMP, ActorRole::Participant),
            ],
            &[STARMER, TRUMP, 50, 51],
        );
        event.absorb(&undated(
            "CONSULT",
            &[
                (STARMER, ActorRole::Participant),
                (TRUMP, ActorRole::Participant),
            ],
            &[STARMER, TRUMP, 60, 61, 62, 63, 64, 65],
        ));
        assert_eq!(event.contexts.len(), 2);
        let report = undated(
            "CONSULT",
            &[
                (STARMER, ActorRole::Participant),
                (TRUMP, ActorRole::Participant),
            ],
            &[STARMER, TRUMP, 60, 61, 62, 63],
        );
        assert!((event.context_similarity(&report) - 0.75).abs() < 1e-9);
        assert!(merge_score(&report, &event).is_some());
    }

    #[test]
    fn directed_types_keep_their_direction() {
        let eu_on_russia = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(EU, ActorRole::Source), (RUSSIA, ActorRole::Target)],
            Some("2025-02-15"),
            "2025-02-15",
        );
        let russia_on_eu = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(RUSSIA, ActorRole::Source), (EU, ActorRole::Target)],
            Some("2025-02-15"),
            "2025-02-15",
        );
        assert_eq!(merge_score(&eu_on_russia, &russia_on_eu), None);
        // A report naming only the target agrees with one naming both.
        let on_russia = facts(
            "SANCTION",
            EventStatus::Occurred,
            &[(RUSSIA, ActorRole::Target)],
            Some("2025-02-15"),
            "2025-02-16",
        );
        assert!(merge_score(&eu_on_russia, &on_russia).is_some());
    }

    #[test]
    fn coarse_times_fall_back_to_publication_dates() {
        let a = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025"),
            "2025-02-01",
        );
        let b = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025"),
            "2025-09-01",
        );
        assert_eq!(
            merge_score(&a, &b),
            None,
            "two meetings 'in 2025' months apart"
        );
    }

    #[test]
    fn status_must_agree_with_a_known_time() {
        // Reported as already held on 15 Feb: cannot be the meeting planned for the week after.
        let held = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            None,
            "2025-02-15",
        );
        let planned = facts(
            "CONSULT",
            EventStatus::Planned,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-W09"),
            "2025-02-14",
        );
        assert_eq!(merge_score(&held, &planned), None);
        let forthcoming = facts(
            "CONSULT",
            EventStatus::Planned,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            None,
            "2025-02-15",
        );
        assert!(merge_score(&forthcoming, &planned).is_some());
        let denied = facts(
            "CONSULT",
            EventStatus::Denied,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            None,
            "2025-02-15",
        );
        assert_eq!(merge_score(&forthcoming, &denied), None);
    }

    #[test]
    fn absorb_keeps_the_narrowest_time_and_widens_reporting() {
        let mut a = facts(
            "CONSULT",
            EventStatus::Planned,
            &[(STARMER, ActorRole::Source), (TRUMP, ActorRole::Target)],
            Some("2025-W09"),
            "2025-02-15",
        );
        let b = facts(
            "CONSULT",
            EventStatus::Occurred,
            &[
                (TRUMP, ActorRole::Source),
                (STARMER, ActorRole::Target),
                (MACRON, ActorRole::Participant),
            ],
            Some("2025-02-27"),
            "2025-02-28",
        );
        a.absorb(&b);
        assert_eq!(a.time.unwrap().first_date(), "2025-02-27");
        assert_eq!(a.reported.unwrap().last_date(), "2025-02-28");
        assert_eq!(a.actors().len(), 3);
    }
}

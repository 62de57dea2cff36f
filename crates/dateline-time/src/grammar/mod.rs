//! The recogniser: a hand-written grammar over [`crate::lex`] tokens.
//!
//! At each token the grammar tries every pattern that can start there and keeps the
//! longest match; the scanner then continues after it.

use crate::lex::{Kind, Tok};
use crate::sem::{Hol, Sem, YSpec};
use crate::words::{self, Unit};
use dateline_core::TimeType;

include!(concat!(env!("OUT_DIR"), "/literals.rs"));

mod clock;
mod dates;
mod holiday;
mod periods;
mod quantity;
mod relative;
mod scan;
mod sets;
mod tokens;

use clock::adjust_hour;

/// Regional conventions that change readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    #[default]
    /// No region given: the default readings.
    Neutral,
    /// United States (its holidays, such as Labor Day and Tax Day).
    Us,
    /// United Kingdom.
    Gb,
    /// Canada.
    Ca,
    /// Ireland.
    Ie,
    /// Australia.
    Au,
    /// New Zealand.
    Nz,
    /// India.
    In,
    /// South Africa.
    Za,
    /// The Philippines.
    Ph,
    /// Jamaica.
    Jm,
    /// Trinidad and Tobago.
    Tt,
    /// Belize.
    Bz,
}

#[derive(Debug, Clone)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub kind: TimeType,
    pub modifier: Option<&'static str>,
    /// "in three weeks": a date ahead in a future clause, else a duration.
    pub in_phrase: bool,
    /// A clock time's stated zone, minutes east of UTC ("4pm CET" = 60).
    pub zone: Option<i32>,
    /// A duration reaching back (-1) or ahead (1) from now: "the last two days" is
    /// (Day, Some(2), -1); its begin and end points are worked out against the reference.
    pub span: Option<(Unit, Option<i64>, i64)>,
}

pub struct Grammar<'a> {
    pub toks: &'a [Tok],
    pub day_first: bool,
    pub region: Region,
}

const TEMPORAL_PREPS: &[&str] = &[
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "before",
    "after",
    "during",
    "of",
    "between",
    "through",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "about",
    "and",
    "or",
    "throughout",
    "last",
    "next",
    "this",
    "that",
    "every",
    "each",
    "fiscal",
    "year",
    "for",
    "at",
    "as",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "beginning",
    "end",
];

fn kind_of(sem: &Sem) -> TimeType {
    match sem {
        Sem::Clock { .. } => TimeType::Time,
        Sem::Pod { .. } => TimeType::Time,
        _ => TimeType::Date,
    }
}

fn cand(start: usize, end: usize, sem: Sem) -> Cand {
    Cand {
        start,
        end,
        kind: kind_of(&sem),
        sem,
        modifier: None,
        in_phrase: false,
        zone: None,
        span: None,
    }
}

fn lit(start: usize, end: usize, kind: TimeType, value: impl Into<String>) -> Cand {
    Cand {
        start,
        end,
        sem: Sem::Lit(value.into()),
        kind,
        modifier: None,
        in_phrase: false,
        zone: None,
        span: None,
    }
}

/// A digit clock time as read by `Grammar::hour_minute`.
struct HourMinute {
    h: i64,
    m: i64,
    pm: Option<bool>,
    /// Minutes or an "h" were written ("3:30", "15h").
    minutes: bool,
    end: usize,
}

/// True when some holiday name could begin with the word (a cheap test on its first two
/// letters, before any table is searched).
fn may_start_holiday(w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_lowercase() => {
            let second = b
                .get(1)
                .filter(|c| c.is_ascii_lowercase())
                .map_or(26, |c| c - b'a');
            HOLIDAY_PREFIXES[(c - b'a') as usize] & (1 << second) != 0
        }
        _ => false,
    }
}

fn longest(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, None) => a,
        (None, b) => b,
    }
}

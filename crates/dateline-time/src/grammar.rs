//! The recogniser: a hand-written grammar over [`crate::lex`] tokens.
//!
//! At each token the grammar tries every pattern that can start there and keeps the
//! longest match; the scanner then continues after it.

use crate::lex::{Kind, Tok};
use crate::sem::{Hol, Sem, YSpec};
use crate::words::{self, Unit};
use dateline_core::TimeType;

include!(concat!(env!("OUT_DIR"), "/literals.rs"));

/// Regional conventions that change readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    #[default]
    Neutral,
    Us,
    Gb,
    Ca,
    Ie,
    Au,
    Nz,
    In,
    Za,
    Ph,
    Jm,
    Tt,
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
/// FNV-1a: a fast hash for the short words the grammar looks up.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

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

impl<'a> Grammar<'a> {
    fn t(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }
    fn any(&self, i: usize, ws: &[&str]) -> bool {
        ws.contains(&self.low(i))
    }
    /// True when token i directly follows token i-1 with no space.
    fn glued(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| !t.space_before)
    }
    fn num(&self, i: usize) -> Option<i64> {
        self.t(i).and_then(Tok::num)
    }
    fn numlen(&self, i: usize) -> usize {
        self.t(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.low.len())
    }
    fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Word)
    }
    fn cap(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.cap)
    }
    /// Skips an optional "." glued to token i-1.
    fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// True when a number at i is part of a longer numeric string (phone, score, id).
    fn numeric_chain_before(&self, i: usize) -> bool {
        i >= 2
            && self.glued(i)
            && matches!(self.low(i - 1), "-" | "." | "/" | ":" | ",")
            && self.glued(i - 1)
            && self.t(i - 2).is_some_and(|t| t.kind == Kind::Num)
            || i >= 1 && self.glued(i) && matches!(self.low(i - 1), "$" | "£" | "€" | "#" | "+")
    }
    fn numeric_chain_after(&self, end: usize) -> bool {
        matches!(self.low(end), "-" | "." | "/" | ":" | ",")
            && self.glued(end)
            && self.glued(end + 1)
            && self.t(end + 1).is_some_and(|t| t.kind == Kind::Num)
            || self.glued(end) && matches!(self.low(end), "%")
            || self.is(end, "per") && self.is(end + 1, "cent")
    }

    // ---------------------------------------------------------------- numbers

    /// A cardinal number: digits, "twenty four", "twenty-four". Returns (value, next).
    fn cardinal(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(n) = self.num(i) {
            if self.numeric_chain_before(i) {
                return None;
            }
            // "2.5" is not a count of whole units.
            if self.is(i + 1, ".")
                && self.glued(i + 1)
                && self.num(i + 2).is_some()
                && self.glued(i + 2)
            {
                return None;
            }
            // "1,000"
            if self.is(i + 1, ",")
                && self.glued(i + 1)
                && self.numlen(i + 2) == 3
                && self.glued(i + 2)
            {
                let tail = self.num(i + 2)?;
                return Some((n * 1000 + tail, i + 3));
            }
            return Some((n, i + 1));
        }
        let w = self.low(i);
        let v = words::cardinal_word(w)?;
        if v == 100 || v == 12 && w == "dozen" {
            return None;
        }
        let mut next = i + 1;
        let mut val = v;
        if (20..=90).contains(&v) {
            let j = if self.is(next, "-") && self.glued(next) {
                next + 1
            } else {
                next
            };
            if let Some(u) = words::cardinal_word(self.low(j)) {
                if (1..=9).contains(&u) {
                    val += u;
                    next = j + 1;
                }
            }
        }
        if self.is(next, "hundred") {
            val *= 100;
            next += 1;
        } else if self.is(next, "thousand") {
            val *= 1000;
            next += 1;
        }
        Some((val, next))
    }

    /// A quantity before a unit: a cardinal, "a", "an", "a couple of", "a few", "several".
    /// None in the value means an unspecified count.
    fn quantity(&self, i: usize) -> Option<(Option<i64>, usize)> {
        match self.low(i) {
            "a" if self.is(i + 1, "hundred") => return Some((Some(100), i + 2)),
            "a" | "an" | "one"
                if !(self.any(i + 1, &["few", "couple"])
                    || self.is(i + 1, "pair") && self.is(i + 2, "of")) =>
            {
                if self.is(i + 1, "half") || self.is(i + 1, "quarter") {
                    return None;
                }
                return Some((Some(1), i + 1));
            }
            "a" if self.is(i + 1, "couple") => {
                let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((Some(2), j));
            }
            "couple" if self.is(i + 1, "of") => return Some((Some(2), i + 2)),
            "a" if self.is(i + 1, "pair") && self.is(i + 2, "of") => return Some((Some(2), i + 3)),
            "a" if self.is(i + 1, "few") => return Some((None, i + 2)),
            "few" | "several" | "many" | "some" => return Some((None, i + 1)),
            _ => {}
        }
        let (n, j) = self.cardinal(i)?;
        Some((Some(n), j))
    }

    /// An ordinal: "24th", "first", "twenty-first", "21st".
    fn ordinal(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(n) = self.num(i) {
            if self.any(i + 1, &["st", "nd", "rd", "th"]) && self.glued(i + 1) {
                return Some((n, i + 2));
            }
            return None;
        }
        let w = self.low(i);
        if let Some(v) = words::ordinal_word(w) {
            return Some((v, i + 1));
        }
        if let Some(t) = words::cardinal_word(w).filter(|v| (20..=30).contains(v)) {
            let j = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
            if let Some(u) = words::ordinal_word(self.low(j)).filter(|u| *u <= 9) {
                return Some((t + u, j + 1));
            }
        }
        None
    }

    /// A day of month: ordinal or a plain number 1–31.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((n, j)) = self.ordinal(i) {
            if (1..=31).contains(&n) {
                return Some((n as u32, j));
            }
            return None;
        }
        let n = self.num(i)?;
        if self.numlen(i) <= 2 && (1..=31).contains(&n) && !self.numeric_chain_before(i) {
            return Some((n as u32, i + 1));
        }
        None
    }

    /// A year continuing an expression ("26 February 2005", "the third Sunday of 2015"):
    /// never across a line break, where a number starts something else ("26 February" on
    /// one line of a fixture list, "1400 GMT" on the next).
    fn year_after(&self, i: usize, loose: bool) -> Option<(i32, usize)> {
        let first = if self.is(i, "'") { i + 1 } else { i };
        if self.toks.get(first).is_some_and(|t| t.newline_before) {
            return None;
        }
        self.year_num(i, loose)
    }

    /// A four-digit year (or "'98"), optionally with BC/AD.
    fn year_num(&self, i: usize, loose: bool) -> Option<(i32, usize)> {
        if self.is(i, "'") && self.numlen(i + 1) == 2 && self.glued(i + 1) {
            let n = self.num(i + 1)? as i32;
            return Some((if n < 30 { 2000 + n } else { 1900 + n }, i + 2));
        }
        let n = self.num(i)?;
        let len = self.numlen(i);
        let era_follows = self.any(i + 1, &["bc", "bce"])
            || self.any(i + 1, &["ad", "ce"]) && self.t(i + 1).is_some_and(|t| t.upper)
            || self.any(i + 1, &["a", "b"]) && self.is(i + 2, ".") && self.any(i + 3, &["d", "c"]);
        let mut y = if len == 4 && (1000..=2999).contains(&n) {
            if !era_follows
                && i > 0
                && self.bare_24h_clock(i, i, i + 1, self.any(i - 1, &["at", "@"]))
            {
                // "around 2200 on Friday" is a clock, not a year
                let day_follows = self.is(i + 1, "on")
                    && (self.weekday_at(i + 2).is_some()
                        || self.any(i + 2, &["today", "tomorrow", "yesterday"]));
                if day_follows || self.any(i + 1, &["local", "sharp", "today", "tonight"]) {
                    return None;
                }
            }
            n as i32
        } else if era_follows && (1..=9999).contains(&n) && len <= 4 {
            // "14 A.D.", "500 BC": the era makes any number a year
            n as i32
        } else if loose && len == 2 {
            let n = n as i32;
            if n < 50 {
                2000 + n
            } else {
                1900 + n
            }
        } else {
            return None;
        };
        let mut j = i + 1;
        if self.any(j, &["bc", "bce"]) {
            y = -y;
            j += 1;
        } else if self.is(j, "b") && self.is(j + 1, ".") && self.is(j + 2, "c") {
            y = -y;
            j = self.dot(j + 3);
        } else if self.any(j, &["ad", "ce"]) && self.t(j).is_some_and(|t| t.upper) {
            j += 1;
        } else if self.is(j, "a") && self.is(j + 1, ".") && self.is(j + 2, "d") {
            j = self.dot(j + 3);
        }
        Some((y, j))
    }

    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let m = words::month(&t.low)?;
        let full = matches!(t.low.as_str(), "may" | "june" | "july") || t.low.len() > 4;
        let j = if full { i + 1 } else { self.dot(i + 1) };
        Some((m, j))
    }

    /// A month name that is meant as a month here (not "may" the modal, "march" the verb).
    fn month_ok(&self, i: usize, followed_by_number: bool) -> bool {
        let t = match self.t(i) {
            Some(t) => t,
            None => return false,
        };
        let w = t.low.as_str();
        let short = w.len() <= 4 && w != "june" && w != "july" && w != "may";
        if followed_by_number {
            // "may 5" is still a month, but "May 2,000 people"? rare; accept.
            return !(w == "may"
                && !t.cap
                && self.is_word(i.wrapping_sub(1))
                && self.prev_is_subject(i));
        }
        if !words::month_is_ambiguous(w) && !short {
            return true;
        }
        if short && !t.cap {
            return false;
        }
        if !t.cap {
            return false;
        }
        if self.toks.len() == 1 {
            return true; // a month name on its own: "May"
        }
        // Capitalised ambiguous name: need a temporal preposition before it or a clause edge after.
        let prev = if i > 0 { self.low(i - 1) } else { "" };
        let prev_ok = TEMPORAL_PREPS.contains(&prev) || prev == "mid" || prev == "-";
        if prev_ok {
            // "in August Smith said" — a name after the month is fine; a following capitalised
            // surname right after a first-name-like use ("August Wilson") is not.
            let next_cap_name = self.is_word(i + 1)
                && self.cap(i + 1)
                && !self.t(i + 1).is_some_and(|t| t.upper)
                && words::month(self.low(i + 1)).is_none()
                && words::weekday(self.low(i + 1)).is_none();
            return !next_cap_name || prev == "in" && w != "august";
        }
        let next = self.low(i + 1);
        if w == "may" || w == "march" || w == "mar" {
            return false;
        }
        matches!(next, "," | "." | ";" | ")" | "") && i > 0
    }

    fn prev_is_subject(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.low(i - 1),
                "i" | "you" | "we" | "they" | "he" | "she" | "it" | "who" | "which"
            )
    }

    fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let (wd, short) = words::weekday(&t.low)?;
        if t.low.ends_with('s') && t.low.len() > 4 {
            return None; // plural: handled as a set
        }
        // "the Sunday Telegraph", "Sunday Times": a paper's name
        if t.cap && self.cap(i + 1) && words::newspaper_word(self.low(i + 1)) {
            return None;
        }
        if short {
            let risky = matches!(t.low.as_str(), "sat" | "sun" | "wed" | "mon");
            let dotted = self.is(i + 1, ".") && self.glued(i + 1);
            let comma = self.is(i + 1, ",");
            let date_next = self.month_at(self.dot(i + 1) + comma as usize).is_some()
                || self.num(self.dot(i + 1) + comma as usize).is_some();
            let ok = if risky {
                date_next || dotted && self.toks.len() <= 3 || self.toks.len() == 1
            } else {
                date_next || dotted || t.cap || self.toks.len() <= 3
            };
            if !ok {
                return None;
            }
            return Some((wd, self.dot(i + 1)));
        }
        Some((wd, i + 1))
    }

    // ---------------------------------------------------------------- entry

    /// True when some rule could start at a word: it is a literal of this grammar or
    /// belongs to one of the word classes the rules test.
    fn can_start(w: &str) -> bool {
        // Frequent function words that appear in rules only after their first token.
        const NEVER_FIRST: &[&str] = &[
            "after", "and", "are", "be", "been", "before", "between", "but", "by", "can", "could",
            "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i",
            "if", "into", "is", "it", "its", "not", "of", "or", "said", "she", "should", "since",
            "so", "than", "their", "there", "they", "through", "till", "to", "until", "was", "we",
            "were", "what", "when", "which", "who", "will", "with", "would", "you",
        ];
        // Asked for every word of the text, so a hash set rather than a binary search.
        static STARTERS: std::sync::OnceLock<
            std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>,
        > = std::sync::OnceLock::new();
        STARTERS
            .get_or_init(|| {
                LITERALS
                    .iter()
                    .copied()
                    .filter(|w| !NEVER_FIRST.contains(w))
                    .collect()
            })
            .contains(w)
            || words::month(w).is_some()
            || words::weekday(w).is_some()
            || words::unit(w).is_some()
            || words::cardinal_word(w).is_some()
            || words::ordinal_word(w).is_some()
            || words::part_of_day(w).is_some()
            || words::season(w).is_some()
            || w.len() == 2 && w.starts_with('q')
    }

    /// The longest expression starting at token i.
    pub fn match_at(&self, i: usize) -> Option<Cand> {
        let t = self.t(i)?;
        if t.kind == Kind::Word && !Self::can_start(&t.low) {
            // "Diwali", "Yom Kippur": words only a holiday name starts with
            if may_start_holiday(&t.low)
                && HOLIDAY_FIRST.binary_search(&t.low.as_str()).is_ok()
                && !(i > 0 && self.glued(i))
            {
                return self.holiday(i);
            }
            return None;
        }
        if t.kind == Kind::Punct && !matches!(t.low.as_str(), "'" | "@") {
            return None;
        }
        // A word glued to a preceding letter/digit run is inside another token ("A4", "4a").
        if i > 0 && self.glued(i) {
            let p = &self.toks[i - 1];
            if p.kind != Kind::Punct && !(p.kind == Kind::Num && t.kind == Kind::Word) {
                return None;
            }
            if p.kind == Kind::Num {
                return None;
            }
            if p.kind == Kind::Punct
                && matches!(p.low.as_str(), "-" | "/")
                && i >= 2
                && self.glued(i - 1)
                && self.is_word(i - 2)
            {
                // "pre-1990", "post-war": only "mid-" and "post-"/"pre-" lead into a time.
                if !matches!(self.low(i - 2), "mid" | "post" | "pre") {
                    return None;
                }
            }
        }
        let c = self.with_modifiers(i)?;
        if c.end <= i {
            return None;
        }
        Some(c)
    }

    fn with_modifiers(&self, i: usize) -> Option<Cand> {
        // Quantity modifiers on durations and dates.
        let approx: Option<(&'static str, usize)> = match self.low(i) {
            "about" | "around" | "approximately" | "roughly" | "circa" | "some" => {
                Some(("APPROX", i + 1))
            }
            "nearly" | "almost" => Some(("LESS_THAN", i + 1)),
            "more" | "longer" if self.is(i + 1, "than") => Some(("MORE_THAN", i + 2)),
            "over" => Some(("MORE_THAN", i + 1)),
            "less" | "fewer" | "shorter" if self.is(i + 1, "than") => Some(("LESS_THAN", i + 2)),
            "under" => Some(("LESS_THAN", i + 1)),
            "at" if self.is(i + 1, "least") => Some(("EQUAL_OR_MORE", i + 2)),
            "at" if self.is(i + 1, "most") => Some(("EQUAL_OR_LESS", i + 2)),
            "up" if self.is(i + 1, "to") => Some(("EQUAL_OR_LESS", i + 2)),
            "no" if self.is(i + 1, "more") && self.is(i + 2, "than") => {
                Some(("EQUAL_OR_LESS", i + 3))
            }
            "no" if self.is(i + 1, "later") && self.is(i + 2, "than") => {
                Some(("ON_OR_BEFORE", i + 3))
            }
            _ => None,
        };
        if let Some((m, j)) = approx {
            if let Some(mut c) = self.positioned(j) {
                let quantity_like = c.kind == TimeType::Duration
                    || matches!(c.sem, Sem::Offset { .. } | Sem::Clock { .. })
                    || matches!(
                        self.low(i),
                        "about" | "around" | "approximately" | "circa" | "roughly"
                    ) && m == "APPROX";
                let starts_with_number = self.quantity(j).is_some()
                    || self.num(j).is_some()
                    || self.is(j, "the") && self.quantity(j + 1).is_some();
                if quantity_like && (starts_with_number || m == "APPROX" && self.low(i) != "some") {
                    if c.modifier.is_none() {
                        c.modifier = Some(m);
                    }
                    c.start = i;
                    return Some(c);
                }
            }
        }
        // "after February": the span is the time; the relation is kept as its mod.
        self.positioned(i)
    }

    /// Position modifiers: early/late/mid, "the end of", "earlier this year".
    fn positioned(&self, i: usize) -> Option<Cand> {
        let pos: Option<(&'static str, usize)> = match self.low(i) {
            "early" | "earlier" => Some(("START", i + 1)),
            "late" | "later" => Some(("END", i + 1)),
            "mid" => Some(("MID", if self.is(i + 1, "-") { i + 2 } else { i + 1 })),
            "middle" if self.is(i + 1, "of") => Some(("MID", i + 2)),
            "end" | "close" if self.is(i + 1, "of") => Some(("END", i + 2)),
            "beginning" | "start" | "dawn" if self.is(i + 1, "of") => Some(("START", i + 2)),
            "the" if self.any(i + 1, &["end", "close"]) && self.is(i + 2, "of") => {
                Some(("END", i + 3))
            }
            "the" if self.any(i + 1, &["beginning", "start", "dawn"]) && self.is(i + 2, "of") => {
                Some(("START", i + 3))
            }
            "the" if self.is(i + 1, "middle") && self.is(i + 2, "of") => Some(("MID", i + 3)),
            "the" if self.any(i + 1, &["early", "late", "mid"]) => {
                let m = match self.low(i + 1) {
                    "early" => "START",
                    "late" => "END",
                    _ => "MID",
                };
                Some((m, if self.is(i + 2, "-") { i + 3 } else { i + 2 }))
            }
            _ => None,
        };
        if let Some((m, mut j)) = pos {
            // "late on Tuesday"
            if m != "MID" && self.is(j, "on") {
                j += 1;
            }
            // "the end of around next week": the hedge belongs to the whole phrase
            if self.any(j, &["around", "about", "roughly"]) && self.relative(j + 1).is_some() {
                j += 1;
            }
            if let Some(mut c) = self.combined(j) {
                if matches!(self.low(i), "earlier" | "later")
                    && matches!(c.sem, Sem::Wd { .. } | Sem::Pod { .. } | Sem::Clock { .. })
                {
                    return self.combined(i + 1).map(|mut c| {
                        c.modifier = Some(m);
                        c
                    });
                }
                let fits = !matches!(c.kind, TimeType::Duration | TimeType::Set)
                    && !matches!(c.sem, Sem::Offset { .. } | Sem::Clock { .. })
                    && !(matches!(c.sem, Sem::Lit(_)));
                if fits {
                    // "the early 1990s": the article belongs to the decade.
                    c.start = i;
                    if c.modifier.is_none() {
                        c.modifier = Some(m);
                    }
                    if let Sem::Pod { .. } = c.sem {
                        // "late Tuesday night"
                    }
                    return Some(c);
                }
            }
        }
        self.combined(i)
    }

    /// A core expression, extended by a time of day, a part of day or a date.
    fn combined(&self, i: usize) -> Option<Cand> {
        let mut c = self.core(i)?;
        // weekday + date: "Thursday, April 6", "Mon 17 Feb 2025"
        if let Sem::Wd { rel: 0, .. } = c.sem {
            let j = if self.is(c.end, ",") {
                c.end + 1
            } else {
                c.end
            };
            if let Some(d) = self.core(j) {
                if matches!(d.sem, Sem::Cal { .. }) {
                    c = Cand {
                        start: c.start,
                        ..d
                    };
                }
            }
        }
        // clock ranges: "9:30 - 11:00 on Thursday" — the first time takes the second's day
        // and, when it has none of its own, its am/pm.
        if let Sem::Clock {
            base: None,
            h,
            m,
            s,
        } = c.sem
        {
            if self.any(c.end, &["-", "to", "till", "until", "untill", "and"])
                && !self.unit_follows(c.end + 1)
            {
                if let Some(k) = self.core(c.end + 1).map(|k| self.extend_clock(k)) {
                    if let Sem::Clock { base, h: h2, .. } = k.sem {
                        let h = if h < 12
                            && h2 >= 12
                            && h + 12 <= h2
                            && !self.ampm_between(c.start, c.end)
                        {
                            h + 12
                        } else {
                            h
                        };
                        c.sem = Sem::Clock { base, h, m, s };
                        // "9:30 - 11:00 CST": both ends in the zone named once
                        c.zone = c.zone.or(k.zone);
                    }
                }
            }
        }
        // date + weekday: "Jul 18, Fri"
        if matches!(c.sem, Sem::Cal { .. }) {
            let k = if self.is(c.end, ",") {
                c.end + 1
            } else {
                c.end
            };
            if let Some((wd, e)) = self.weekday_at(k) {
                c.end = e;
                if let Sem::Cal { y: None, m, d } = c.sem {
                    c.sem = Sem::CalWd { m, d, wd };
                }
            }
        }
        // "Friday the 13th", "Thu 15th": a weekday and a day with no month (not "the Friday
        // the 13th films")
        let after_article = c.start > 0 && self.is(c.start - 1, "the");
        if let (Sem::Wd { wd, rel: 0 }, false) = (&c.sem, after_article) {
            let wd = *wd;
            let j = if self.is(c.end, "the") {
                c.end + 1
            } else {
                c.end
            };
            let suffixed = self.any(j + 1, &["st", "nd", "rd", "th"]) && self.glued(j + 1);
            if let Some(d) = self
                .num(j)
                .filter(|d| (1..=31).contains(d) && self.numlen(j) <= 2)
            {
                let e = if suffixed { j + 2 } else { j + 1 };
                if (suffixed || j > c.end)
                    && self.month_at(e).is_none()
                    && !self.is(e, "of")
                    && !self.numeric_chain_after(e)
                    && !self.unit_follows(e)
                {
                    c = cand(c.start, e, Sem::WdDay { wd, d: d as u32 });
                }
            }
        }
        // weekday + "next week" / "of this week"
        // "last week's Sunday"
        if let Sem::UnitRel {
            unit: Unit::Week,
            n,
        } = c.sem
        {
            if self.is(c.end, "'") && self.is(c.end + 1, "s") {
                if let Some((wd, e)) = self.weekday_at(c.end + 2) {
                    c = cand(c.start, e, Sem::WdOfWeek { wd, week: n });
                }
            }
        }
        if let Sem::Wd { wd, rel: 0 } = c.sem {
            let j = if self.any(c.end, &["of", "from"]) {
                c.end + 1
            } else {
                c.end
            };
            let wk = match (self.low(j), self.low(j + 1)) {
                ("next", "week") => Some(1),
                ("last", "week") => Some(-1),
                ("this", "week") => Some(0),
                _ => None,
            };
            if let Some(week) = wk {
                c = cand(c.start, j + 2, Sem::WdOfWeek { wd, week });
            }
        }
        // date + part of day: "Friday Morning", "yesterday afternoon", "Monday night",
        // "February 15th in the morning"
        if c.sem.is_day_level() {
            let mut j = c.end;
            // "Sunday in the early hours (of the morning)", "Monday early in the morning"
            let early_hours = match (self.low(j), self.low(j + 1), self.low(j + 2)) {
                ("in", "the", "early") if self.is(j + 3, "hours") => Some(j + 4),
                ("early", "in", "the") if self.is(j + 3, "morning") => Some(j + 4),
                _ => None,
            };
            if let Some(mut e) = early_hours {
                if self.is(e, "of") && self.is(e + 1, "the") && self.is(e + 2, "morning") {
                    e += 3;
                }
                let mut new = cand(
                    c.start,
                    e,
                    Sem::Pod {
                        base: Box::new(c.sem.clone()),
                        pod: "MO",
                    },
                );
                new.modifier = Some("START");
                return Some(new);
            }
            // "tomorrow at lunch"
            if self.is(j, "at") && self.any(j + 1, &["lunch", "lunchtime"]) {
                j += 1;
            }
            if self.is(j, "in")
                && self.is(j + 1, "the")
                && words::part_of_day(self.low(j + 2)).is_some()
            {
                j += 2;
            }
            let mut late = None;
            if self.any(j, &["early", "late"]) && words::part_of_day(self.low(j + 1)).is_some() {
                late = Some(if self.is(j, "early") { "START" } else { "END" });
                j += 1;
            }
            if let Some(p) = words::part_of_day(self.low(j)).filter(|_| !self.low(j).ends_with('s'))
            {
                let mut new = cand(
                    c.start,
                    j + 1,
                    Sem::Pod {
                        base: Box::new(c.sem.clone()),
                        pod: p,
                    },
                );
                new.modifier = late.or(c.modifier);
                c = new;
            }
        }
        // date + clock: "Friday at 3pm", "today at 2pm", "Fri, Jul 18, 2014 19h"
        if c.sem.is_day_level() || matches!(c.sem, Sem::Pod { .. }) {
            let j = match self.low(c.end) {
                "," | "from" | "by" => c.end + 1,
                _ => c.end,
            };
            if let Some(k) = self.clock(j, true).or_else(|| self.clock_range_first(j)) {
                if let Sem::Clock { h, m, s, .. } = k.sem {
                    let (h, base) = match &c.sem {
                        Sem::Pod { base, pod } => (adjust_hour(h, pod), base.as_ref().clone()),
                        other => (h, other.clone()),
                    };
                    c = Cand {
                        zone: k.zone,
                        ..cand(
                            c.start,
                            k.end,
                            Sem::Clock {
                                base: Some(Box::new(base)),
                                h,
                                m,
                                s,
                            },
                        )
                    };
                }
            }
        } else if c.sem.is_clock() {
            // clock + date: "3pm Friday", "5 p.m. EST Nov. 9", "noon Saturday", "10:30 GMT on Friday"
            let j = match self.low(c.end) {
                "on" | "," => c.end + 1,
                "this" | "tomorrow" | "tonight" | "today" | "yesterday" | "next" | "last" => c.end,
                _ => c.end,
            };
            let j2 = if self.is(j, ",") { j + 1 } else { j };
            if let Some(d) = self.core(j2) {
                if let Sem::Clock { h, m, s, .. } = c.sem {
                    let day_sem = match d.sem {
                        ref x if x.is_day_level() => Some((x.clone(), h)),
                        Sem::Pod { ref base, pod } => {
                            Some((base.as_ref().clone(), adjust_hour(h, pod)))
                        }
                        _ => None,
                    };
                    if let Some((b, mut h)) = day_sem {
                        let mut end = d.end;
                        // "9 tomorrow morning", "at 5 tomorrow afternoon"
                        if let Some(p) = words::part_of_day(self.low(end)) {
                            h = adjust_hour(h, p);
                            end += 1;
                        }
                        c = Cand {
                            zone: c.zone,
                            ..cand(
                                c.start,
                                end,
                                Sem::Clock {
                                    base: Some(Box::new(b)),
                                    h,
                                    m,
                                    s,
                                },
                            )
                        };
                    }
                }
            }
        }
        Some(c)
    }

    /// A clock followed by "on <day>" takes that day ("11:00 on Thursday").
    fn extend_clock(&self, k: Cand) -> Cand {
        if let Sem::Clock {
            base: None,
            h,
            m,
            s,
        } = k.sem
        {
            let j = if self.any(k.end, &["on", ","]) {
                k.end + 1
            } else {
                k.end
            };
            if let Some(d) = self.core(j).filter(|d| d.sem.is_day_level()) {
                return Cand {
                    zone: k.zone,
                    ..cand(
                        k.start,
                        d.end,
                        Sem::Clock {
                            base: Some(Box::new(d.sem)),
                            h,
                            m,
                            s,
                        },
                    )
                };
            }
        }
        k
    }

    fn ampm_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.ampm(k).is_some() && !self.is(k, "a"))
    }

    // ---------------------------------------------------------------- core

    fn core(&self, i: usize) -> Option<Cand> {
        let mut best = None;
        // "the early hours of Sunday": the small hours, the start of that day's morning
        let j = if self.is(i, "the") { i + 1 } else { i };
        if self.is(j, "early") && self.is(j + 1, "hours") && self.is(j + 2, "of") {
            if let Some(d) = self.core(j + 3).filter(|d| d.sem.is_day_level()) {
                let mut c = cand(
                    i,
                    d.end,
                    Sem::Pod {
                        base: Box::new(d.sem),
                        pod: "MO",
                    },
                );
                c.modifier = Some("START");
                return Some(c);
            }
        }
        // "in the afternoon", "during the night": that part of the day the text is on (the
        // previous time's day, else the reference day); a part of day standing alone (a
        // query) is today's.
        let lone_pod = |k: usize| {
            words::part_of_day(self.low(k)).filter(|p| {
                !self.low(k).ends_with('s')
                    && matches!(*p, "MO" | "AF" | "EV" | "NI")
                    && !self.any(k + 1, &["of", "'"])
            })
        };
        let pod_here = if self.any(i, &["in", "during"]) && self.is(i + 1, "the") {
            lone_pod(i + 2).map(|p| (i + 1, i + 3, p))
        } else if i == 0 && self.toks.len() == 1 {
            lone_pod(i).map(|p| (i, i + 1, p))
        } else {
            None
        };
        if let Some((start, end, pod)) = pod_here {
            let day = Sem::Anaph {
                unit: Unit::Day,
                n: 0,
            };
            // "in the evening at eight"
            if self.is(end, "at") {
                let hour = self.hour_word(end + 1).filter(|&(h, e)| {
                    (1..=12).contains(&h) && !self.is_word(e) && self.num(e).is_none()
                });
                let clock = self.clock(end, true).or_else(|| {
                    hour.map(|(h, e)| {
                        cand(
                            end + 1,
                            e,
                            Sem::Clock {
                                base: None,
                                h: h as u32,
                                m: 0,
                                s: None,
                            },
                        )
                    })
                });
                if let Some(k) = clock {
                    if let Sem::Clock {
                        base: None,
                        h,
                        m,
                        s,
                    } = k.sem
                    {
                        let h = if self.ampm(k.end - 1).is_some() {
                            h
                        } else {
                            adjust_hour(h, pod)
                        };
                        return Some(cand(
                            start,
                            k.end,
                            Sem::Clock {
                                base: Some(Box::new(day)),
                                h,
                                m,
                                s,
                            },
                        ));
                    }
                }
            }
            if start == i || self.fixed_words(end).is_none() {
                return Some(cand(
                    start,
                    end,
                    Sem::Pod {
                        base: Box::new(day),
                        pod,
                    },
                ));
            }
        }
        if let Some(p) = words::part_of_day(self.low(i)) {
            // "(mid-)afternoon yesterday", "morning today": the part of day before its day
            let day = if self.is(i + 1, "of") {
                self.core(i + 2).filter(|d| d.sem.is_day_level())
            } else if !self.low(i).ends_with('s') {
                self.fixed_words(i + 1)
                    .filter(|d| matches!(d.sem, Sem::DayRel(_)))
            } else {
                None
            };
            if let Some(d) = day {
                return Some(cand(
                    i,
                    d.end,
                    Sem::Pod {
                        base: Box::new(d.sem),
                        pod: p,
                    },
                ));
            }
        }
        best = longest(best, self.fixed_words(i));
        // "three days after Easter": a count or "day" with "before"/"after" close behind
        let ahead = (i + 1..i + 4).any(|k| matches!(self.low(k), "before" | "after"));
        if ahead
            && (self.t(i).is_some_and(|t| t.kind == Kind::Num)
                || matches!(self.low(i), "day" | "a" | "one")
                || words::cardinal_word(self.low(i)).is_some())
        {
            best = longest(best, self.is_day_after_before(i));
        }
        best = longest(best, self.relative(i));
        best = longest(best, self.weekday_expr(i));
        best = longest(best, self.nth_weekday_of(i));
        best = longest(best, self.nth_from(i));
        best = longest(best, self.upcoming_n(i));
        best = longest(best, self.on_the_nth(i));
        best = longest(best, self.month_expr(i));
        best = longest(best, self.numeric_date(i));
        best = longest(best, self.spaced_date(i));
        best = longest(best, self.conjoined_day(i));
        best = longest(best, self.year_expr(i));
        best = longest(best, self.decade(i));
        best = longest(best, self.spelled_year(i));
        best = longest(best, self.quantity_expr(i));
        best = longest(best, self.quarter(i));
        best = longest(best, self.season_expr(i));
        best = longest(best, self.clock(i, false));
        best = longest(best, self.clock_range_first(i));
        best = longest(best, self.set_expr(i));
        best = longest(best, self.holiday(i));
        best = longest(best, self.week_of(i));
        best
    }

    /// Words with a fixed reading: today, now, recently, tonight, the future…
    fn fixed_words(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let next = self.low(i + 1);
        let c = match w {
            "today" | "todays" => {
                // "USA Today", "VOA Today": a title after an acronym names a paper or a show.
                // (In a headline in capitals the word before is not the only one in capitals.)
                let acronym = |k: usize| self.t(k).is_some_and(|p| p.upper && p.low.len() <= 5);
                if self.cap(i) && i > 0 && acronym(i - 1) && !(i > 1 && acronym(i - 2)) {
                    return None;
                }
                if self.is(i + 1, "'") && self.is(i + 2, "s") {
                    return Some(cand(i, i + 1, Sem::DayRel(0)));
                }
                cand(i, i + 1, Sem::DayRel(0))
            }
            "tomorrow" | "tomorrows" | "tmrw" => cand(i, i + 1, Sem::DayRel(1)),
            "yesterday" => cand(i, i + 1, Sem::DayRel(-1)),
            "tonight" | "tonite" => cand(
                i,
                i + 1,
                Sem::Pod {
                    base: Box::new(Sem::DayRel(0)),
                    pod: "NI",
                },
            ),
            "overnight" => cand(
                i,
                i + 1,
                Sem::Pod {
                    base: Box::new(Sem::DayRel(-1)),
                    pod: "NI",
                },
            ),
            "now" if !(next == "on" || next == "," && self.low(i + 2) == "however") => {
                lit(i, i + 1, TimeType::Date, "PRESENT_REF")
            }
            "coming" | "upcoming"
                if words::unit(next).is_some_and(|(u, _)| u >= Unit::Day)
                    && words::unit_is_plural(next) =>
            {
                let (u, _) = words::unit(next)?;
                lit(i, i + 2, TimeType::Duration, words::duration_value(u, None))
            }
            "the"
                if words::unit(next).is_some_and(|(u, _)| u >= Unit::Day)
                    && words::unit_is_plural(next)
                    && (self.any(
                        i + 2,
                        &[
                            "ahead",
                            "before",
                            "after",
                            "since",
                            "following",
                            "preceding",
                        ],
                    ) || self.is(i + 2, "that") && self.is(i + 3, "followed")) =>
            {
                let (u, _) = words::unit(next)?;
                lit(i, i + 2, TimeType::Duration, words::duration_value(u, None))
            }
            "the"
                if matches!(next, "full" | "fiscal" | "current")
                    && self.is(i + 2, "year")
                    && !self.any(i + 3, &["ended", "ending", "'", "-"]) =>
            {
                cand(
                    i,
                    i + 3,
                    Sem::UnitRel {
                        unit: Unit::Year,
                        n: 0,
                    },
                )
            }
            "the"
                if matches!(next, "full" | "fiscal")
                    && self.is(i + 2, "year")
                    && self.any(i + 3, &["ended", "ending"]) =>
            {
                lit(i, i + 3, TimeType::Duration, "P1Y")
            }
            "the"
                if matches!(next, "latest" | "most")
                    && self.any(i + 2, &["fiscal"])
                    && self.is(i + 3, "year") =>
            {
                cand(
                    i,
                    i + 4,
                    Sem::UnitRel {
                        unit: Unit::Year,
                        n: -1,
                    },
                )
            }
            "the" if next == "latest" && self.is(i + 2, "period") => {
                cand(i, i + 3, Sem::AnaphQuarter)
            }
            "that" if next == "quarter" => cand(i, i + 2, Sem::AnaphQuarter),
            "the"
                if matches!(next, "week" | "month")
                    && !self.any(i + 2, &["of", "-", "before", "after", "when", "in", "that"]) =>
            {
                let unit = if next == "week" {
                    Unit::Week
                } else {
                    Unit::Month
                };
                cand(i, i + 2, Sem::UnitRel { unit, n: 0 })
            }
            "the"
                if matches!(next, "next" | "following")
                    && words::part_of_day(self.low(i + 2)).is_some()
                    && !self.low(i + 2).ends_with('s') =>
            {
                let p = words::part_of_day(self.low(i + 2))?;
                cand(
                    i,
                    i + 3,
                    Sem::Pod {
                        base: Box::new(Sem::Anaph {
                            unit: Unit::Day,
                            n: 1,
                        }),
                        pod: p,
                    },
                )
            }
            "nowadays" | "currently" => lit(i, i + 1, TimeType::Date, "PRESENT_REF"),
            "right" if next == "now" => lit(i, i + 2, TimeType::Date, "PRESENT_REF"),
            "just" if next == "now" => lit(i, i + 2, TimeType::Date, "PRESENT_REF"),
            "these" if next == "days" => lit(i, i + 2, TimeType::Date, "PRESENT_REF"),
            "at" if next == "present" => lit(i + 1, i + 2, TimeType::Date, "PRESENT_REF"),
            "at" if next == "the" && self.is(i + 2, "moment") => {
                lit(i + 1, i + 3, TimeType::Date, "PRESENT_REF")
            }
            "recently" | "lately" => lit(i, i + 1, TimeType::Date, "PAST_REF"),
            "soon"
                if !matches!(next, "as" | "after")
                    && self.low(i.wrapping_sub(1)) != "as"
                    && !self.after_aux(i) =>
            {
                lit(i, i + 1, TimeType::Date, "FUTURE_REF")
            }
            "the"
                if next == "past" && !self.quantity_follows(i + 2) && !self.unit_follows(i + 2) =>
            {
                lit(i, i + 2, TimeType::Date, "PAST_REF")
            }
            "the" if next == "future" => lit(i, i + 2, TimeType::Date, "FUTURE_REF"),
            "the" if matches!(next, "near" | "short" | "medium") && self.is(i + 2, "term") => {
                lit(i, i + 3, TimeType::Date, "FUTURE_REF")
            }
            "as" if next == "soon" && self.is(i + 2, "as") && self.is(i + 3, "possible") => {
                lit(i, i + 4, TimeType::Date, "FUTURE_REF")
            }
            "a" if next == "later" && self.is(i + 2, "date") => {
                lit(i, i + 3, TimeType::Date, "FUTURE_REF")
            }
            "post" | "pre" if next == "-" && self.glued(i + 1) && self.glued(i + 2) => {
                let (y, e) = self.year_after(i + 2, false)?;
                let mut c = cand(i, e, Sem::Year(y));
                c.modifier = Some(if w == "post" { "AFTER" } else { "BEFORE" });
                c
            }
            "the"
                if matches!(next, "near" | "foreseeable" | "distant")
                    && self.is(i + 2, "future") =>
            {
                lit(i, i + 3, TimeType::Date, "FUTURE_REF")
            }
            "the" if next == "present" && !self.is_word(i + 2) => {
                lit(i, i + 2, TimeType::Date, "PRESENT_REF")
            }
            "future" if self.low(i.wrapping_sub(1)) == "in" => {
                lit(i, i + 1, TimeType::Date, "FUTURE_REF")
            }
            "current"
                if self.is_word(i + 1)
                    && !self.any(
                        i + 1,
                        &[
                            "account",
                            "accounts",
                            "affairs",
                            "events",
                            "account's",
                            "and",
                            "or",
                        ],
                    )
                    && !self.cap(i + 1) =>
            {
                lit(i, i + 1, TimeType::Date, "PRESENT_REF")
            }
            // "for years", "over recent weeks", "in recent months"
            "recent"
                if words::unit(next).is_some_and(|(u, _)| u >= Unit::Day)
                    && words::unit_is_plural(next) =>
            {
                let (u, _) = words::unit(next)?;
                lit(i, i + 2, TimeType::Duration, words::duration_value(u, None))
            }
            _ if i > 0
                && (self.any(i - 1, &["for", "over", "within"])
                    || self.is(i - 1, "in") && !self.is_word(i + 1))
                && words::unit(w).is_some_and(|(u, _)| u >= Unit::Day)
                && words::unit_is_plural(w)
                && !self.is(i + 1, "of") =>
            {
                let (u, _) = words::unit(w)?;
                lit(i, i + 1, TimeType::Duration, words::duration_value(u, None))
            }
            "midnight" => cand(
                i,
                i + 1,
                Sem::Clock {
                    base: None,
                    h: 24,
                    m: 0,
                    s: None,
                },
            ),
            "noon" | "midday" if self.low(i.wrapping_sub(1)) != "high" => cand(
                i,
                i + 1,
                Sem::Clock {
                    base: None,
                    h: 12,
                    m: 0,
                    s: None,
                },
            ),
            "mid" if next == "day" => cand(
                i,
                i + 2,
                Sem::Clock {
                    base: None,
                    h: 12,
                    m: 0,
                    s: None,
                },
            ),
            "this" if next == "time" && self.is(i + 2, "last") && self.is(i + 3, "year") => {
                let mut c = cand(i, i + 4, Sem::SameTimeLastYear);
                c.modifier = Some("APPROX");
                c
            }
            "the" | "that" | "this" | "same" if self.is_day_after_before(i).is_some() => {
                self.is_day_after_before(i)?
            }
            "day"
                if self.any(i + 1, &["after", "before"])
                    && self.any(i + 2, &["tomorrow", "yesterday"]) =>
            {
                let base = if self.is(i + 2, "tomorrow") { 1 } else { -1 };
                let off = if self.is(i + 1, "after") { 1 } else { -1 };
                cand(i, i + 3, Sem::DayRel(base + off))
            }
            "just" if next == "now" => lit(i, i + 2, TimeType::Date, "PRESENT_REF"),
            _ => return None,
        };
        Some(c)
    }

    /// True after an auxiliary or modal: "is now", "can now", "was soon".
    fn after_aux(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.low(i - 1),
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "can"
                    | "could"
                    | "will"
                    | "would"
                    | "has"
                    | "have"
                    | "had"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "shall"
                    | "'s"
                    | "'re"
                    | "do"
                    | "does"
                    | "did"
            )
    }

    fn quantity_follows(&self, i: usize) -> bool {
        self.quantity(i).is_some_and(|(_, j)| self.unit_follows(j))
    }
    fn unit_follows(&self, i: usize) -> bool {
        words::unit(self.low(i)).is_some()
    }

    /// "the day after tomorrow", "the next day", "that day", "the same day", "the day before".
    fn is_day_after_before(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        // "the day before last Tuesday", "three days after Easter", "two weeks before
        // Christmas": a day counted from a named day
        {
            let j = if w == "the" { i + 1 } else { i };
            let (n, k) = match self.low(j) {
                "day" => (Some(1), j + 1),
                _ => match self.cardinal(j) {
                    Some((n, k)) if (1..=1000).contains(&n) => (Some(n), k),
                    _ if self.any(j, &["a", "one"]) => (Some(1), j + 1),
                    _ => (None, j),
                },
            };
            let unit_days = match self.low(k) {
                "day" | "days" if k > j => Some(1),
                "week" | "weeks" if k > j => Some(7),
                _ if self.low(j) == "day" => Some(1),
                _ => None,
            };
            let k = if self.low(j) == "day" { k } else { k + 1 };
            if let (Some(n), Some(per)) = (n, unit_days) {
                if let Some(dir) = match self.low(k) {
                    "before" => Some(-1),
                    "after" => Some(1),
                    _ => None,
                } {
                    if let Some(b) = self
                        .core(k + 1)
                        .filter(|b| b.sem.is_day_level() && !matches!(b.sem, Sem::DayRel(_)))
                    {
                        return Some(cand(
                            i,
                            b.end,
                            Sem::DaysFrom {
                                base: Box::new(b.sem),
                                n: dir * n * per,
                            },
                        ));
                    }
                }
            }
        }
        if w == "the" && self.is(i + 1, "day") && self.any(i + 2, &["after", "before"]) {
            if self.any(i + 3, &["tomorrow", "yesterday"]) {
                let base = if self.is(i + 3, "tomorrow") { 1 } else { -1 };
                let off = if self.is(i + 2, "after") { 1 } else { -1 };
                return Some(cand(i, i + 4, Sem::DayRel(base + off)));
            }
            // "the day before" (anaphoric) — only when no noun phrase follows.
            if !self.is_word(i + 3) || self.any(i + 3, &["and", "but", "when", "that"]) {
                let n = if self.is(i + 2, "after") { 1 } else { -1 };
                return Some(cand(i, i + 3, Sem::Anaph { unit: Unit::Day, n }));
            }
        }
        let same = w == "that" && self.is(i + 1, "same");
        if (w == "that" || w == "the" && self.is(i + 1, "same")) && {
            let k = if w == "the" || same { i + 2 } else { i + 1 };
            self.any(
                k,
                &[
                    "day",
                    "week",
                    "month",
                    "year",
                    "morning",
                    "afternoon",
                    "evening",
                    "night",
                ],
            )
        } {
            let k = if w == "the" || same { i + 2 } else { i + 1 };
            let unit = match self.low(k) {
                "week" => Unit::Week,
                "month" => Unit::Month,
                "year" => Unit::Year,
                _ => Unit::Day,
            };
            // "that year's budget" is fine; "that day" as a noun ("that day will come") is too.
            let mut c = cand(i, k + 1, Sem::Anaph { unit, n: 0 });
            if let Some(p) = words::part_of_day(self.low(k)) {
                c = cand(
                    i,
                    k + 1,
                    Sem::Pod {
                        base: Box::new(Sem::Anaph {
                            unit: Unit::Day,
                            n: 0,
                        }),
                        pod: p,
                    },
                );
            }
            return Some(c);
        }
        None
    }

    /// this/next/last + unit; "the following week"; "the weekend"; "the previous year".
    fn relative(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let (n, j, anaph): (i64, usize, bool) = match w {
            "last"
                if self.is(i + 1, "year")
                    && self.is(i + 2, "'")
                    && self.is(i + 3, "s")
                    && self.any(i + 4, &["quarter", "period"]) =>
            {
                return Some(cand(i, i + 5, Sem::YearEarlierPeriod(1)));
            }
            // "the past decade", "the past year": a span of time back from now.
            "the"
                if self.is(i + 1, "past")
                    && words::unit(self.low(i + 2)).is_some_and(|(u, _)| u >= Unit::Week)
                    && !words::unit_is_plural(self.low(i + 2)) =>
            {
                let (u, mult) = words::unit(self.low(i + 2))?;
                return Some(lit(
                    i,
                    i + 3,
                    TimeType::Duration,
                    words::duration_value(u, Some(mult)),
                ));
            }
            "this" | "current" | "present" => (0, i + 1, false),
            "the" if self.any(i + 1, &["current", "present"]) => (0, i + 2, false),
            "next" | "coming" | "upcoming" => (1, i + 1, false),
            "last" | "past" => (-1, i + 1, false),
            "previous" | "preceding" | "prior" => (-1, i + 1, true),
            "following" | "subsequent" => (1, i + 1, true),
            "the" if self.any(i + 1, &["coming", "upcoming"]) => (1, i + 2, false),
            "the" if self.any(i + 1, &["following", "next", "subsequent"]) => (1, i + 2, true),
            "the" if self.any(i + 1, &["previous", "preceding", "prior"]) => (-1, i + 2, true),
            "the" if self.any(i + 1, &["last", "past"]) => (-1, i + 2, false),
            "the" if self.is(i + 1, "weekend") => {
                return Some(cand(i, i + 2, Sem::Weekend { rel: 0 }));
            }
            "weekend" if i > 0 && self.any(i - 1, &["at", "over", "on", "during"]) => {
                return Some(cand(i, i + 1, Sem::Weekend { rel: 0 }));
            }
            "the"
                if self.is(i + 1, "year")
                    && self.any(i + 2, &["-", "earlier", "ago"])
                    && self.year_earlier(i + 1).is_some() =>
            {
                let c = self.year_earlier(i + 1)?;
                let mut end = c.end;
                if let Some(q) = self.quarter(end) {
                    end = q.end;
                } else if self.any(
                    end,
                    &["period", "quarter", "level", "levels", "month", "week"],
                ) {
                    end += 1;
                }
                return Some(Cand { start: i, end, ..c });
            }
            "the"
                if self.is(i + 1, "year")
                    && self.any(i + 2, &["ended", "ending", "to", "through"]) =>
            {
                return Some(lit(i, i + 2, TimeType::Duration, "P1Y"));
            }
            "the"
                if self.is(i + 1, "year")
                    && !self.cap(i + 1)
                    && !self.any(
                        i + 2,
                        &["of", "'", "when", "in", "that", "before", "after", "-"],
                    ) =>
            {
                return Some(cand(
                    i,
                    i + 2,
                    Sem::UnitRel {
                        unit: Unit::Year,
                        n: 0,
                    },
                ));
            }

            "the" if self.any(i + 1, &["quarter"]) && !self.is(i + 2, "of") => {
                return Some(cand(i, i + 2, Sem::AnaphQuarter));
            }
            "the"
                if self.any(i + 1, &["latest", "most"])
                    && self.any(i + 2, &["quarter", "recent"]) =>
            {
                let k = if self.is(i + 2, "recent") {
                    i + 3
                } else {
                    i + 2
                };
                if self.is(k, "quarter") {
                    return Some(cand(i, k + 1, Sem::AnaphQuarter));
                }
                return None;
            }
            "year" if self.any(i + 1, &["-", "'"]) && self.any(i + 2, &["end", "s"]) => {
                let k = if self.is(i + 2, "s") { i + 3 } else { i + 2 };
                if self.is(k, "end") || self.is(i + 2, "end") {
                    let e = if self.is(i + 2, "end") { i + 3 } else { k + 1 };
                    let mut c = cand(
                        i,
                        e,
                        Sem::UnitRel {
                            unit: Unit::Year,
                            n: 0,
                        },
                    );
                    c.modifier = Some("END");
                    return Some(c);
                }
                return None;
            }
            "eom" | "bom" | "eoy" | "boy" | "eod" if self.t(i).is_some_and(|t| t.upper) => {
                let unit = match w {
                    "eom" | "bom" => Unit::Month,
                    "eod" => Unit::Day,
                    _ => Unit::Year,
                };
                let sem = if unit == Unit::Day {
                    Sem::DayRel(0)
                } else {
                    Sem::UnitRel { unit, n: 0 }
                };
                let mut c = cand(i, i + 1, sem);
                c.modifier = Some(if w.starts_with('b') { "START" } else { "END" });
                return Some(c);
            }
            // "end of month", "beginning of year": the article left out
            "month" | "year" | "week"
                if i >= 2
                    && self.is(i - 1, "of")
                    && self.any(i - 2, &["end", "beginning", "start", "middle"]) =>
            {
                let unit = match w {
                    "month" => Unit::Month,
                    "week" => Unit::Week,
                    _ => Unit::Year,
                };
                return Some(cand(i, i + 1, Sem::UnitRel { unit, n: 0 }));
            }
            "year" if self.is(i + 1, "end") => {
                let mut c = cand(
                    i,
                    i + 2,
                    Sem::UnitRel {
                        unit: Unit::Year,
                        n: 0,
                    },
                );
                c.modifier = Some("END");
                return Some(c);
            }
            "year" | "a" if self.year_earlier(i).is_some() => return self.year_earlier(i),
            // "last year's quarter", "the corresponding period last year"
            "the"
                if self.any(i + 1, &["corresponding", "comparable", "same"])
                    && self.any(i + 2, &["period", "quarter"])
                    && self.is(i + 3, "last")
                    && self.is(i + 4, "year") =>
            {
                return Some(cand(i, i + 5, Sem::YearEarlierPeriod(1)));
            }
            "the" if self.is(i + 1, "year") && self.any(i + 2, &["-", "earlier", "ago"]) => {
                let c = self.year_earlier(i + 1)?;
                if self.any(c.end, &["period", "quarter"]) {
                    return Some(cand(i, c.end + 1, Sem::YearEarlierPeriod(1)));
                }
                let end = if self.any(c.end, &["level", "levels"]) {
                    c.end + 1
                } else {
                    c.end
                };
                return Some(Cand { start: i, end, ..c });
            }
            _ => return None,
        };
        // "the current fiscal year", "last fiscal year": the year the text speaks of.
        let j = if self.is(j, "fiscal") && self.any(j + 1, &["year", "quarter"]) {
            j + 1
        } else {
            j
        };
        let u = self.low(j);
        if u == "weekend" || u == "week" && self.is(j + 1, "-") && self.is(j + 2, "end") {
            let end = if u == "weekend" { j + 1 } else { j + 3 };
            return Some(cand(i, end, Sem::Weekend { rel: n as i32 }));
        }
        if w == "past" || w == "last" || w == "previous" {
            // "last night"
            if u == "night" {
                return Some(cand(
                    i,
                    j + 1,
                    Sem::Pod {
                        base: Box::new(Sem::DayRel(-1)),
                        pod: "NI",
                    },
                ));
            }
        }
        // "This Morning" in title case is a programme's name, not a time.
        let title_case = self.cap(i) && self.cap(j) && !self.t(j).is_some_and(|t| t.upper);
        if w == "this" && !title_case {
            if let Some(p) = words::part_of_day(u).filter(|_| !u.ends_with('s')) {
                return Some(cand(
                    i,
                    j + 1,
                    Sem::Pod {
                        base: Box::new(Sem::DayRel(0)),
                        pod: p,
                    },
                ));
            }
        }
        let (unit, mult) = match words::unit(u) {
            Some(x) if !words::unit_is_plural(u) => x,
            _ => return None,
        };
        if unit < Unit::Day {
            return None;
        }
        let sem = if anaph {
            Sem::Anaph { unit, n: n * mult }
        } else {
            // "the next day" reads like "tomorrow" only in speech; in narrative it is anaphoric.
            if unit == Unit::Day {
                if w == "the" {
                    Sem::Anaph { unit, n: n * mult }
                } else {
                    return None;
                }
            } else {
                Sem::UnitRel { unit, n: n * mult }
            }
        };
        let sem = match sem {
            Sem::UnitRel {
                unit: Unit::Week,
                n,
            } if mult == 2 => Sem::UnitRel {
                unit: Unit::Week,
                n: n * 2,
            },
            s => s,
        };
        Some(cand(i, j + 1, sem))
    }

    /// "upcoming two weeks", "2 upcoming months": the n-th unit ahead.
    fn upcoming_n(&self, i: usize) -> Option<Cand> {
        let (n, k) = if self.is(i, "upcoming") {
            let (n, k) = self.cardinal(i + 1)?;
            (n, k)
        } else {
            let (n, k) = self.cardinal(i)?;
            if !self.is(k, "upcoming") {
                return None;
            }
            (n, k + 1)
        };
        let (unit, mult) = words::unit(self.low(k))?;
        if unit < Unit::Day || !(1..=100).contains(&n) {
            return None;
        }
        Some(cand(i, k + 1, Sem::UnitRel { unit, n: n * mult }))
    }

    /// "a year earlier", "a year ago" (with a quarter before it), "year-earlier", "year-ago".
    fn year_earlier(&self, i: usize) -> Option<Cand> {
        if self.is(i, "year") && self.is(i + 1, "-") && self.any(i + 2, &["earlier", "ago"]) {
            let mut end = i + 3;
            if let Some(q) = self.quarter(end) {
                end = q.end;
            } else if self.any(end, &["period", "quarter"]) {
                return Some(cand(i, end + 1, Sem::YearEarlierPeriod(1)));
            }
            return Some(cand(i, end, Sem::YearEarlier(1)));
        }
        if self.is(i, "year") && self.any(i + 1, &["earlier", "ago"]) {
            return Some(cand(i, i + 2, Sem::YearEarlier(1)));
        }
        if self.is(i, "a")
            && self.is(i + 1, "year")
            && self.any(i + 2, &["earlier", "ago", "before"])
        {
            return Some(cand(i, i + 3, Sem::YearEarlier(1)));
        }
        None
    }

    fn weekday_expr(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.low(i) {
            "last" | "past" | "previous" => (-1, i + 1),
            "next" | "coming" => (1, i + 1),
            "this" => (2, i + 1),
            "on" => (0, i + 1),
            _ => (0, i),
        };
        let (wd, end) = self.weekday_at(j)?;
        // Plural/"on" handled by callers; "on" is not part of the span.
        let start = if self.is(i, "on") { j } else { i };
        if self.is(end, "after") && self.is(end + 1, "next") {
            return Some(cand(start, end + 2, Sem::WdOfWeek { wd, week: 1 }));
        }
        if rel == 0 {
            // "Thursday, April 6", "Fri, Sep 20", "Mon 17 Feb 2025"
            let k = if self.is(end, ",") { end + 1 } else { end };
            if let Some(d) = longest(self.month_expr(k), self.numeric_date(k)) {
                if let Sem::Cal { y: None, m, d: day } = d.sem {
                    return Some(Cand {
                        start,
                        sem: Sem::CalWd { m, d: day, wd },
                        ..d
                    });
                }
                if matches!(d.sem, Sem::Cal { .. }) {
                    return Some(Cand { start, ..d });
                }
            }
        }
        Some(cand(start, end, Sem::Wd { wd, rel }))
    }

    /// "on the 15th", "on 24th": a day of the current month.
    /// Also "by the 24th", "until the 1st", and "the 24" standing alone (a query).
    fn on_the_nth(&self, i: usize) -> Option<Cand> {
        let alone = |e: usize| i == 0 && e == self.toks.len();
        let (j, start) = if self.is(i, "on") {
            let j = if self.is(i + 1, "the") { i + 2 } else { i + 1 };
            (j, if j == i + 2 { i + 1 } else { j })
        } else if self.is(i, "the")
            && (i > 0
                && matches!(
                    self.low(i - 1),
                    "by" | "until" | "till" | "before" | "after" | "since" | "from"
                )
                || i == 0)
        {
            (i + 1, i)
        } else {
            return None;
        };
        let (d, e) = self
            .ordinal(j)
            .or_else(|| alone(j + 1).then(|| self.num(j).map(|n| (n, j + 1)))?)?;
        // Alone, only a numeral: "the Twelfth" is also a holiday's name.
        if start == i
            && self.is(i, "the")
            && (i == 0 || !self.is_word(i - 1))
            && (!alone(e) || self.num(j).is_none())
        {
            return None;
        }
        if !(1..=31).contains(&d)
            || self.month_at(e).is_some()
            || self.is(e, "of")
            || self.is(e, "-")
            || self.unit_follows(e)
            || self.is_word(e) && !self.any(e, &["and", "or", "at"])
        {
            return None;
        }
        Some(cand(
            start,
            e,
            Sem::DayOf {
                d: d as u32,
                month: Box::new(Sem::UnitRel {
                    unit: Unit::Month,
                    n: 0,
                }),
            },
        ))
    }

    /// "the first Monday of March", "third tuesday of september 2014", "last friday of the month".
    fn nth_weekday_of(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (n, k) = match self.ordinal(j) {
            // "the second last week", "fifth last day": counted from the end
            Some((n, k)) if (1..=9).contains(&n) && self.is(k, "last") => (-(n as i32), k + 1),
            Some((n, k)) if (1..=5).contains(&n) => (n as i32, k),
            _ if self.any(j, &["last", "final"]) => (-1, j + 1),
            _ => return None,
        };
        // 1-7: a weekday; 8: "weekend"; 9: "day"; 10: "week"
        let (wd, k2) = match self.low(k) {
            "week" if !self.is(k + 1, "-") && !self.is(k + 1, "end") => (10, k + 1),
            "weekend" | "wkend" => (8, k + 1),
            "week" if self.is(k + 1, "-") && self.is(k + 2, "end") => (8, k + 3),
            "week" if self.is(k + 1, "end") => (8, k + 2),
            "day" => (9, k + 1),
            _ => self.weekday_at(k)?,
        };
        if !self.any(k2, &["of", "in"]) {
            return None;
        }
        let build = |month: Sem| match wd {
            10 => Sem::NthWeekOf {
                n,
                period: Box::new(month),
            },
            8 => Sem::NthWeekendOf {
                n,
                month: Box::new(month),
            },
            9 => Sem::NthDayOf {
                n,
                month: Box::new(month),
            },
            _ => Sem::NthWd {
                n,
                wd,
                month: Box::new(month),
            },
        };
        let m0 = k2 + 1;
        if let Some((m, e)) = self.month_at(m0) {
            let (y, e2) = self.opt_year(e, true);
            return Some(cand(
                i,
                e2,
                build(Sem::Month {
                    m,
                    y: y.map_or(YSpec::Infer, YSpec::Abs),
                }),
            ));
        }
        // "the first week of 2018", "the third Sunday of 2015"
        if wd == 10 || (1..=7).contains(&wd) {
            if let Some((y, e)) = self.year_after(m0, false) {
                return Some(cand(i, e, build(Sem::Year(y))));
            }
        }
        let r = self.relative(m0).or_else(|| self.fixed_words(m0))?;
        if let Sem::UnitRel { unit, .. } = r.sem {
            if unit == Unit::Month || unit == Unit::Year && wd == 10 {
                return Some(cand(i, r.end, build(r.sem)));
            }
        }
        None
    }

    /// "the closest Monday to Oct 5th", "the second closest Super Tuesday to 2019", "the
    /// third Tuesday after Christmas 2014", "the first Monday before the 15th".
    fn nth_from(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (n, k) = self.ordinal(j).unwrap_or((1, j));
        let closest = self.any(k, &["closest", "nearest"]);
        if !closest && k == j {
            return None;
        }
        let k = k + closest as usize;
        let (what, e) = match self.t(k).and_then(|t| words::weekday(&t.low)) {
            // Plural weekdays ("Mondays") are sets, not one day.
            Some((wd, short)) if !(self.low(k).ends_with('s') && self.low(k).len() > 4) => {
                let e = if short { self.dot(k + 1) } else { k + 1 };
                (Sem::Wd { wd, rel: 0 }, e)
            }
            _ => {
                let (h, e) = self.holiday_name(k)?;
                (Sem::Holiday { h, y: YSpec::Infer }, self.dot(e))
            }
        };
        let dir = match (closest, self.low(e)) {
            (true, "to") => 0,
            (false, "after") => 1,
            (false, "before") => -1,
            _ => return None,
        };
        let base = self.combined(e + 1)?;
        if matches!(base.kind, TimeType::Duration | TimeType::Set) {
            return None;
        }
        Some(cand(
            i,
            base.end,
            Sem::NthFrom {
                n,
                what: Box::new(what),
                base: Box::new(base.sem),
                dir,
            },
        ))
    }

    /// Month-based dates: "24th Feb", "February 24, 2025", "Feb. 24", "March 2024", "in March".
    fn month_expr(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        // [the] ORD [of] MONTH [,] [YEAR]
        {
            let j0 = if self.is(i, "the") { i + 1 } else { i };
            if let Some((d, j)) = self.day_num(j0) {
                let plain = self.num(j0).is_some() && !self.any(j0 + 1, &["st", "nd", "rd", "th"]);
                let k = if self.is(j, "of") || self.is(j, "-") && self.glued(j) {
                    j + 1
                } else {
                    j
                };
                let k = if self.is(k, "day") && self.is(k + 1, "of") {
                    k + 2
                } else {
                    k
                };
                // "from the 13th to the 15th of July": the first day takes the month after.
                if self.any(j, &["to", "-", "through", "till", "until", "and"]) {
                    let r0 = if self.is(j + 1, "the") { j + 2 } else { j + 1 };
                    let second = self.day_num(r0).or_else(|| {
                        // "1-8 September": the second day is glued to the dash
                        let n = self
                            .num(r0)
                            .filter(|n| (1..=31).contains(n) && self.numlen(r0) <= 2)?;
                        Some((n as u32, r0 + 1))
                    });
                    if let Some((_, r1)) = second {
                        let r2 = if self.is(r1, "of") { r1 + 1 } else { r1 };
                        if let Some((m, r3)) = self.month_at(r2).filter(|_| self.month_ok(r2, true))
                        {
                            let (y, _) = self.opt_year(r3, true);
                            if crate::cal::valid_date(y.unwrap_or(2000), m, d)
                                && !(plain && j0 != i)
                            {
                                return Some(cand(i, j, Sem::Cal { y, m, d }));
                            }
                        }
                    }
                }
                if k > j {
                    if let Some(r) = self.relative(k) {
                        if matches!(
                            r.sem,
                            Sem::UnitRel {
                                unit: Unit::Month,
                                ..
                            } | Sem::Anaph {
                                unit: Unit::Month,
                                ..
                            }
                        ) {
                            return Some(cand(
                                i,
                                r.end,
                                Sem::DayOf {
                                    d,
                                    month: Box::new(r.sem),
                                },
                            ));
                        }
                    }
                }
                if let Some((m, k2)) = self.month_at(k) {
                    if self.month_ok(k, true) && !(plain && j0 != i) {
                        let (y, e) = self.opt_year(k2, true);
                        if crate::cal::valid_date(y.unwrap_or(2000), m, d) {
                            best = longest(best, Some(cand(i, e, Sem::Cal { y, m, d })));
                        }
                    }
                }
            }
        }
        // [last|next|this] MONTH [the] [ORD|NUM] [,] [YEAR]
        let (rel, j) = match self.low(i) {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            _ => (None, i),
        };
        if let Some((m, k)) = self.month_at(j) {
            let k1 = if self.is(k, "the") { k + 1 } else { k };
            let day = self.day_num(k1).filter(|(d, e)| {
                // "March 2,000" / "May 5%" are not dates; a year directly after is fine.
                // "July 13-15" is a range of days, not a longer number.
                let day_range = self.is(*e, "-")
                    && self.num(*e + 1).is_some_and(|n| (1..=31).contains(&n))
                    && !self.numeric_chain_after(*e + 2);
                (!self.numeric_chain_after(*e) || day_range)
                    && crate::cal::valid_date(2000, m, *d)
                    && !self.unit_follows(*e)
            });
            // "last Oct. 23", "next March 5": the day in last/next such month
            if let Some((d, e)) = day.filter(|_| matches!(rel, Some(-1) | Some(1))) {
                let r = rel.unwrap_or(0) as i64;
                best = longest(
                    best,
                    Some(cand(
                        i,
                        e,
                        Sem::DayOf {
                            d,
                            month: Box::new(Sem::Month {
                                m,
                                y: YSpec::Rel(r * 100),
                            }),
                        },
                    )),
                );
            }
            if let Some((d, e)) = day.filter(|_| self.month_ok(j, true) && rel.is_none()) {
                let (mut y, e2) = self.opt_year(e, true);
                // "July 13-15, 2014": the year after the second day dates the first too
                if y.is_none() {
                    if let Some(Sem::Cal { y: y2, .. }) = self.conjoined_day(e + 1).map(|c| c.sem) {
                        y = y2;
                    }
                }
                best = longest(best, Some(cand(i, e2, Sem::Cal { y, m, d })));
            } else if let Some((y, e)) = self.year_after_month(k) {
                if self.month_ok(j, true) {
                    best = longest(
                        best,
                        Some(cand(
                            i,
                            e,
                            Sem::Month {
                                m,
                                y: YSpec::Abs(y),
                            },
                        )),
                    );
                }
            } else if self.month_ok(j, false)
                || rel.is_some() && self.cap(j)
                || rel.is_some() && !words::month_is_ambiguous(self.low(j))
            {
                let y = match rel {
                    Some(-1) | Some(1) => {
                        // "last April" is the latest April before now.
                        let _ = rel;
                        YSpec::Infer
                    }
                    _ => YSpec::Infer,
                };
                let mut c = cand(i, k, Sem::Month { m, y });
                if let Some(r) = rel {
                    c.sem = Sem::Month {
                        m,
                        y: YSpec::Rel(r as i64 * 100),
                    };
                }
                // "March of next year", "February this year", "July last year"
                let ky = if self.is(k, "of") { k + 1 } else { k };
                if let Some(r) = self
                    .year_ref(ky)
                    .filter(|r| ky > k || !matches!(r.0, YSpec::Abs(_)))
                {
                    c = cand(i, r.1, Sem::Month { m, y: r.0 });
                } else if let Some(q) = self.quantity_expr(k).filter(|q| q.in_phrase) {
                    // "March in a year", "March in 2 years": that year's March
                    if let Sem::Offset {
                        unit: Unit::Year,
                        n: Some(n),
                    } = q.sem
                    {
                        c = cand(
                            i,
                            q.end,
                            Sem::Month {
                                m,
                                y: YSpec::Rel(n),
                            },
                        );
                    }
                }
                best = longest(best, Some(c));
            }
        }
        best
    }

    /// "next year" / "last year" / "this year" after "of".
    fn year_ref(&self, i: usize) -> Option<(YSpec, usize)> {
        match (self.low(i), self.low(i + 1)) {
            ("next", "year") => Some((YSpec::Rel(1), i + 2)),
            ("last", "year") => Some((YSpec::Rel(-1), i + 2)),
            ("this", "year") => Some((YSpec::Rel(0), i + 2)),
            _ => self.year_after(i, false).map(|(y, e)| (YSpec::Abs(y), e)),
        }
    }

    fn year_after_month(&self, k: usize) -> Option<(i32, usize)> {
        let k2 = if self.any(k, &[",", "of"]) { k + 1 } else { k };
        // "January nineteen ninety-seven"
        if let Some(Cand {
            sem: Sem::Year(y),
            end,
            ..
        }) = self.spelled_year(k2)
        {
            return Some((y, end));
        }
        let (y, e) = self.year_after(k2, false)?;
        if self.numeric_chain_after(e) {
            return None;
        }
        Some((y, e))
    }

    fn opt_year(&self, k: usize, allow_comma: bool) -> (Option<i32>, usize) {
        let k2 = if allow_comma && self.is(k, ",") {
            k + 1
        } else {
            k
        };
        let k2 = if self.is(k2, "of") { k2 + 1 } else { k2 };
        if let Some((y, e)) = self.year_after(k2, false) {
            if !self.numeric_chain_after(e) && !self.unit_follows(e) {
                return (Some(y), e);
            }
        }
        // "January nineteen ninety-seven"
        if let Some(Cand {
            sem: Sem::Year(y),
            end,
            ..
        }) = self.spelled_year(k2)
        {
            return (Some(y), end);
        }
        // "31-Oct-74" (a two-digit year only right after a month, not in "July 13-15")
        if self.is(k, "-")
            && self.glued(k)
            && self.numlen(k + 1) == 2
            && k > 0
            && (words::month(self.low(k - 1)).is_some() || self.is(k - 1, "."))
        {
            if let Some((y, e)) = self.year_after(k + 1, true) {
                return (Some(y), e);
            }
        }
        (None, k)
    }

    /// The second day of "April 24 and 25", "July 13-15": the month (and a year after it)
    /// carries over from the first.
    fn conjoined_day(&self, i: usize) -> Option<Cand> {
        if i < 3 || self.num(i).is_none() {
            return None;
        }
        if !self.any(i - 1, &["and", "or", "-", "to", "through", "&"]) {
            return None;
        }
        let day_at = |k: usize| -> Option<(u32, usize)> {
            let d = self
                .num(k)
                .filter(|d| (1..=31).contains(d) && self.numlen(k) <= 2)?;
            let e = if self.any(k + 1, &["st", "nd", "rd", "th"]) && self.glued(k + 1) {
                k + 2
            } else {
                k + 1
            };
            Some((d as u32, e))
        };
        let (d, e) = day_at(i)?;
        // the first day right after its month: "April 24", "Apr. 24th"
        let first = (i - 3..i - 1)
            .rev()
            .find(|&k| day_at(k).is_some_and(|(_, e1)| e1 == i - 1))?;
        let m_end = first;
        let m_start = if m_end >= 2 && self.is(m_end - 1, ".") {
            m_end - 2
        } else {
            m_end.checked_sub(1)?
        };
        let (m, me) = self.month_at(m_start)?;
        if self.dot(me) != m_end || self.month_at(e).is_some() || self.unit_follows(e) {
            return None;
        }
        // "April 24 and 25 percent", "March 3 and 10 people": a count, not a day
        if self.is_word(e) && !self.cap(e) && !words::function_word(self.low(e))
            || self.any(e, &["%", "$"])
        {
            return None;
        }
        if self.numeric_chain_after(e) {
            return None;
        }
        let (y, end) = self.opt_year(e, true);
        Some(cand(i, end, Sem::Cal { y, m, d }))
    }

    /// A date written with spaces only, "31 10 1974" (day-first) or "10 31 1974".
    fn spaced_date(&self, i: usize) -> Option<Cand> {
        let (a, b) = (self.num(i)?, self.num(i + 1)?);
        if self.numlen(i) > 2 || self.numlen(i + 1) > 2 || self.numlen(i + 2) != 4 {
            return None;
        }
        if self.glued(i + 1) || self.glued(i + 2) || self.numeric_chain_before(i) {
            return None;
        }
        if i > 0 && self.t(i - 1).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        let (y, e) = self.year_after(i + 2, false)?;
        if self.t(e).is_some_and(|t| t.kind == Kind::Num) || self.numeric_chain_after(e) {
            return None;
        }
        let (d, m) = if self.day_first { (a, b) } else { (b, a) };
        if !crate::cal::valid_date(y, m as u32, d as u32) {
            return None;
        }
        Some(cand(
            i,
            e,
            Sem::Cal {
                y: Some(y),
                m: m as u32,
                d: d as u32,
            },
        ))
    }

    /// Numeric dates: 2025-02-17, 24/02/2025, 2/15, 10.31.1974, 31/Oct/1974.
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let a = self.num(i)?;
        if self.numeric_chain_before(i) {
            return None;
        }
        let sep = self.low(i + 1).to_string();
        let spaced = !self.glued(i + 1);
        if !matches!(sep.as_str(), "-" | "/" | ".") {
            return None;
        }
        // ISO 2025-02-17 (optionally with a time)
        if self.numlen(i) == 4 && sep == "-" && self.glued(i + 1) {
            let m = self.num(i + 2)?;
            if self.is(i + 3, "-") && self.numlen(i + 4) >= 1 && self.numlen(i + 4) <= 2 {
                let d = self.num(i + 4)?;
                let (y, m, d) = (a as i32, m as u32, d as u32);
                if !crate::cal::valid_date(y, m, d) {
                    return None;
                }
                let mut end = i + 5;
                let base = Sem::Cal { y: Some(y), m, d };
                // "T14:30" or " 17:00:00"
                let tpos = if self.is(end, "t") && self.glued(end) {
                    Some(end + 1)
                } else if self.num(end).is_some() && self.is(end + 1, ":") {
                    Some(end)
                } else {
                    None
                };
                if let Some(tp) = tpos {
                    if let (Some(h), true, Some(mi)) =
                        (self.num(tp), self.is(tp + 1, ":"), self.num(tp + 2))
                    {
                        if h < 24 && mi < 60 {
                            let mut s = None;
                            end = tp + 3;
                            if self.is(end, ":") && self.num(end + 1).is_some() {
                                s = self.num(end + 1).map(|x| x as u32);
                                end += 2;
                            }
                            return Some(cand(
                                i,
                                end,
                                Sem::Clock {
                                    base: Some(Box::new(base)),
                                    h: h as u32,
                                    m: mi as u32,
                                    s,
                                },
                            ));
                        }
                    }
                }
                if self.numeric_chain_after(end) {
                    return None;
                }
                return Some(cand(i, end, base));
            }
            if (1..=12).contains(&m) && self.numlen(i + 2) == 2 && !self.numeric_chain_after(i + 3)
            {
                return Some(cand(
                    i,
                    i + 3,
                    Sem::Month {
                        m: m as u32,
                        y: YSpec::Abs(a as i32),
                    },
                ));
            }
            return None;
        }
        // "2/2013", "2014/10": month and year
        if sep == "/" && self.glued(i + 1) && self.glued(i + 2) && !self.numeric_chain_after(i + 3)
        {
            let b = self.num(i + 2)?;
            if self.numlen(i + 2) == 4 && (1..=12).contains(&a) && (1000..=2999).contains(&b) {
                return Some(cand(
                    i,
                    i + 3,
                    Sem::Month {
                        m: a as u32,
                        y: YSpec::Abs(b as i32),
                    },
                ));
            }
            if self.numlen(i) == 4
                && (1..=12).contains(&b)
                && self.numlen(i + 2) <= 2
                && !self.is(i + 3, "/")
            {
                return Some(cand(
                    i,
                    i + 3,
                    Sem::Month {
                        m: b as u32,
                        y: YSpec::Abs(a as i32),
                    },
                ));
            }
        }
        // 31/Oct/1974
        let k = i + 2;
        if let Some((m, k2)) = self.month_at(k) {
            if (1..=31).contains(&a) && self.any(k2, &["/", "-"]) {
                if let Some((y, e)) = self.year_after(k2 + 1, true) {
                    if crate::cal::valid_date(y, m, a as u32) {
                        return Some(cand(
                            i,
                            e,
                            Sem::Cal {
                                y: Some(y),
                                m,
                                d: a as u32,
                            },
                        ));
                    }
                }
            }
            return None;
        }
        let b = self.num(k)?;
        if self.numlen(i) > 2 || self.numlen(k) > 2 {
            return None;
        }
        // optional third part
        let mut y = None;
        let mut end = k + 1;
        if self.is(end, &sep) && self.glued(end) != spaced && self.num(end + 1).is_some() {
            let (yy, e) = self.year_after(end + 1, true)?;
            if self.numlen(end + 1) != 2 && self.numlen(end + 1) != 4 {
                return None;
            }
            y = Some(yy);
            end = e;
        }
        if self.numeric_chain_after(end) {
            return None;
        }
        if y.is_none() {
            // Without a year, only slashes make a date ("2/15"); "3-1" is a score, "1.5" a
            // number.
            if sep == "." || sep == "-" && b <= 12 {
                return None;
            }
            if i > 0
                && self.any(i - 1, &["a", "the", "by", "of", "won", "lost", "beat"])
                && sep == "-"
            {
                return None;
            }
            if self.any(
                end,
                &[
                    "win",
                    "victory",
                    "defeat",
                    "lead",
                    "loss",
                    "draw",
                    "vote",
                    "margin",
                    "majority",
                    "scoreline",
                    "home",
                    "away",
                    "on",
                    "in",
                    "aggregate",
                ],
            ) && sep == "-"
            {
                return None;
            }
            if sep == "/"
                && (self.unit_follows(end)
                    || (b as u64).is_power_of_two() && a < b
                    || i > 0 && self.num(i - 1).is_some())
            {
                return None;
            }
        }
        let (a, b) = (a as u32, b as u32);
        // "9/11" names the 2001 attacks.
        if y.is_none() && sep == "/" && a == 9 && b == 11 && !self.is(i.wrapping_sub(1), "on") {
            return Some(cand(
                i,
                end,
                Sem::Cal {
                    y: Some(2001),
                    m: 9,
                    d: 11,
                },
            ));
        }
        let (m, d) = if a > 12 && b <= 12 {
            (b, a)
        } else if b > 12 && a <= 12 {
            (a, b)
        } else if self.day_first {
            (b, a)
        } else {
            (a, b)
        };
        if !crate::cal::valid_date(y.unwrap_or(2000), m, d) {
            return None;
        }
        Some(cand(i, end, Sem::Cal { y, m, d }))
    }

    /// Years: "2024", "in 2014 B.C.", "fiscal 1989", "FY2024".
    fn year_expr(&self, i: usize) -> Option<Cand> {
        if self.is(i, "fiscal") || self.is(i, "fy") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            if let Some((y, e)) = self.year_after(j, true) {
                if self.numlen(j) == 4 || self.is(j, "'") {
                    return Some(cand(i, e, Sem::Year(y)));
                }
            }
            return None;
        }
        let (y, e) = self.year_num(i, false)?;
        if self.is(i, "'") {
            return None;
        }
        if self.numeric_chain_before(i) || self.numeric_chain_after(e) {
            return None;
        }
        // A following unit or count noun makes it a quantity ("2000 troops", "1990 hours").
        let prev = if i > 0 { self.low(i - 1) } else { "" };
        let prev_temporal =
            TEMPORAL_PREPS.contains(&prev) || words::month(prev).is_some() || prev == "'s";
        if self.unit_follows(e) && !prev_temporal {
            return None;
        }
        let det_before = matches!(
            prev,
            "the" | "a" | "its" | "his" | "her" | "their" | "our" | "this"
        ) || prev == "s" && i >= 2 && self.is(i - 2, "'");
        if !prev_temporal && !det_before && self.is_word(e) && !self.cap(e) {
            let next = self.low(e);
            let ok = matches!(
                next,
                "and"
                    | "or"
                    | "to"
                    | "when"
                    | "as"
                    | "after"
                    | "before"
                    | "the"
                    | "a"
                    | "was"
                    | "is"
                    | "saw"
                    | "election"
                    | "elections"
                    | "season"
                    | "budget"
                    | "census"
                    | "campaign"
                    | "olympics"
                    | "world"
                    | "general"
                    | "presidential"
                    | "final"
                    | "levels"
                    | "level"
                    | "figures"
                    | "results"
                    | "model"
                    | "edition"
                    | "film"
                    | "album"
                    | "version"
                    | "report"
                    | "survey"
                    | "study"
                    | "onwards"
                    | "through"
                    | "until"
                    | "bc"
                    | "ad"
            );
            if !ok {
                return None;
            }
        }
        let prev_det = matches!(
            prev,
            "the" | "a" | "its" | "his" | "her" | "their" | "our" | "this" | "s"
        );
        if prev_det && !prev_temporal && self.is_word(e) && !self.cap(e) && !self.unit_follows(e) {
            return Some(cand(i, e, Sem::Year(y)));
        }
        // "Windows 2000", "Pay ABC 2000": a number after a name is part of the name.
        let after_name = i > 0
            && self.is_word(i - 1)
            && (self.cap(i - 1) || self.t(i - 1).is_some_and(|t| t.upper))
            && words::month(prev).is_none()
            && words::season(prev).is_none()
            && !self.t(i - 1).is_some_and(|t| t.newline_before)
            && i >= 2
            && !matches!(self.low(i - 2), "in" | "since" | "of" | "the");
        if after_name && !prev_temporal {
            return None;
        }
        if prev == "no" || prev == "number" || prev == "flight" || prev == "room" || prev == "route"
        {
            return None;
        }
        if !(1800..=2100).contains(&y) && !prev_temporal && y > 0 {
            return None;
        }
        Some(cand(i, e, Sem::Year(y)))
    }

    /// Years in words: "nineteen ninety-six", "the year two thousand".
    fn spelled_year(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") && self.is(i + 1, "year") {
            i + 2
        } else {
            i
        };
        if self.is(j, "two") && self.is(j + 1, "thousand") {
            let mut y = 2000;
            let mut e = j + 2;
            let k = if self.is(e, "and") { e + 1 } else { e };
            // "two thousand and nine", "two thousand nineteen" (words, not "two thousand 19")
            if let Some((n, e2)) = self.cardinal(k).filter(|_| self.num(k).is_none()) {
                if n < 100 {
                    y += n as i32;
                    e = e2;
                }
            }
            if j == i && e == j + 2 {
                return None;
            }
            return Some(cand(i, e, Sem::Year(y)));
        }
        let century = match self.low(j) {
            "nineteen" => 1900,
            "eighteen" => 1800,
            _ => return None,
        };
        let (n, e) = self.cardinal(j + 1)?;
        if !(10..100).contains(&n) || self.num(j + 1).is_some() {
            return None;
        }
        Some(cand(i, e, Sem::Year(century + n as i32)))
    }

    /// Decades and centuries: "the 1990s", "the '80s", "the 20th century", "the nineties".
    fn decade(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        // 1990s / 1990's
        if let Some(n) = self.num(j) {
            let len = self.numlen(j);
            let k = if self.is(j + 1, "'") && self.glued(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if self.is(k, "s") && self.glued(k) && n % 10 == 0 {
                if len == 4 {
                    return Some(cand(i, k + 1, Sem::Decade((n / 10) as i32)));
                }
                if len == 2 && j == i + 1 {
                    return Some(cand(i, k + 1, Sem::Decade(190 + (n / 10) as i32)));
                }
            }
        }
        // the '80s
        if self.is(j, "'") && self.numlen(j + 1) == 2 && self.is(j + 2, "s") && self.glued(j + 2) {
            let n = self.num(j + 1)?;
            if n % 10 == 0 {
                let d = if n < 30 { 200 + n / 10 } else { 190 + n / 10 };
                return Some(cand(i, j + 3, Sem::Decade(d as i32)));
            }
        }
        let dec = |w: &str| -> Option<i32> {
            Some(match w {
                "twenties" => 192,
                "thirties" => 193,
                "forties" => 194,
                "fifties" => 195,
                "sixties" => 196,
                "seventies" => 197,
                "eighties" => 198,
                "nineties" => 199,
                _ => return None,
            })
        };
        if j == i + 1 {
            if let Some(d) = dec(self.low(j)) {
                return Some(cand(i, j + 1, Sem::Decade(d)));
            }
        }
        // the 20th century / the twentieth century
        if let Some((n, k)) = self.ordinal(j) {
            if self.any(k, &["century"]) && (1..=30).contains(&n) {
                return Some(cand(i, k + 1, Sem::Century(n as i32 - 1)));
            }
            if self.is(k, "-") && self.is(k + 1, "century") {
                return Some(cand(i, k + 2, Sem::Century(n as i32 - 1)));
            }
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "Q3 2024", "the first half".
    fn quarter(&self, i: usize) -> Option<Cand> {
        // "2018Q4", "18q4": a year glued to its quarter
        if self.is(i + 1, "q") && self.glued(i + 1) && self.glued(i + 2) {
            let y = match (self.num(i), self.numlen(i)) {
                (Some(n), 4) if (1000..=2999).contains(&n) => n as i32,
                (Some(n), 2) => 2000 + n as i32,
                _ => return None,
            };
            let q = self.num(i + 2).filter(|q| (1..=4).contains(q))? as u32;
            let run_on = self.glued(i + 3) && self.t(i + 3).is_some_and(|t| t.kind != Kind::Punct);
            if self.numlen(i + 2) != 1 || self.numeric_chain_before(i) || run_on {
                return None;
            }
            return Some(cand(
                i,
                i + 3,
                Sem::Quarter {
                    q,
                    y: YSpec::Abs(y),
                },
            ));
        }
        // Q3 / Q3 2024 / 3Q
        let w = self.low(i);
        if w.len() == 2 && w.starts_with('q') && self.t(i).is_some_and(|t| t.upper) {
            let q = w[1..].parse::<u32>().ok()?;
            if !(1..=4).contains(&q) {
                return None;
            }
            let (y, e) = self.opt_year(i + 1, false);
            return Some(cand(
                i,
                e,
                Sem::Quarter {
                    q,
                    y: y.map_or(YSpec::Infer, YSpec::Abs),
                },
            ));
        }
        if w == "q" && self.t(i).is_some_and(|t| t.cap) && self.glued(i + 1) {
            let q = self.num(i + 1)? as u32;
            if !(1..=4).contains(&q) {
                return None;
            }
            let (y, e) = self.opt_year(i + 2, false);
            return Some(cand(
                i,
                e,
                Sem::Quarter {
                    q,
                    y: y.map_or(YSpec::Infer, YSpec::Abs),
                },
            ));
        }
        let mut j = if self.is(i, "the") { i + 1 } else { i };
        let mut y = YSpec::Infer;
        // "this year's third quarter", "the 1988 quarter"
        if let Some((yy, e)) = self.year_after(j, false) {
            if self.any(
                e,
                &[
                    "fourth", "third", "second", "first", "quarter", "period", "fiscal",
                ],
            ) {
                y = YSpec::Abs(yy);
                j = e;
            }
        }
        if self.any(j, &["this", "last", "next"])
            && self.is(j + 1, "year")
            && self.is(j + 2, "'")
            && self.is(j + 3, "s")
        {
            y = YSpec::Rel(match self.low(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            j += 4;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let (q, k) = match self.ordinal(j) {
            Some((q, k)) if (1..=4).contains(&q) => (q as u32, k),
            _ => match self.low(j) {
                "final" | "last" => (4, j + 1),
                _ => {
                    if let YSpec::Abs(yy) = y {
                        if self.any(j, &["quarter", "period"]) && i + 1 < j {
                            return Some(cand(i, j + 1, Sem::PeriodOfYear(yy)));
                        }
                    }
                    return None;
                }
            },
        };
        let k = if self.is(k, "-") { k + 1 } else { k };
        let k = if self.is(k, "fiscal") { k + 1 } else { k };
        let (is_half, k2) = match self.low(k) {
            "quarter" | "qtr" | "quarters" => (false, k + 1),
            "half" => (true, k + 1),
            _ => return None,
        };
        if self.low(k) == "quarters" {
            return None;
        }
        let mut end = k2;
        if y == YSpec::Infer {
            if self.is(end, "of") || self.is(end, ",") {
                if let Some((yy, e)) = self.year_ref(end + 1) {
                    y = yy;
                    end = e;
                }
            } else if let Some((yy, e)) = self.year_after(end, false) {
                y = YSpec::Abs(yy);
                end = e;
            }
        }
        let h = if self.any(j, &["last", "final"]) {
            2
        } else {
            q.min(2)
        };
        let sem = if is_half {
            Sem::Half { h, y }
        } else {
            Sem::Quarter { q, y }
        };
        if is_half && q > 2 && !self.any(j, &["last", "final"]) {
            return None;
        }
        Some(cand(i, end, sem))
    }

    fn season_expr(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.low(i) {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" | "current" => (Some(0), i + 1),
            "the" if self.is(i + 1, "coming") => (Some(1), i + 2),
            "the" if self.is(i + 1, "current") => (Some(0), i + 2),
            // "the summer (of 1994)": the article belongs to the season, unless the season
            // only modifies a noun ("the summer transfer window")
            "the"
                if words::season(self.low(i + 1)).is_some()
                    && !(self.is_word(i + 2)
                        && !self.cap(i + 2)
                        && !words::function_word(self.low(i + 2))
                        && !words::season_noun(self.low(i + 2))) =>
            {
                (None, i + 1)
            }
            _ => (None, i),
        };
        let s = words::season(self.low(j))?;
        // "fall" is a verb unless marked as a season.
        if self.is(j, "fall") && rel.is_none() {
            return None;
        }
        if rel.is_some() && self.is(j + 1, "season") {
            return None;
        }
        let mut end = j + 1;
        let mut y = rel.map_or(YSpec::Infer, YSpec::Rel);
        let k = if self.is(end, "of") { end + 1 } else { end };
        if let Some((yy, e)) = self.year_after(k, false).or_else(|| {
            // "the winter of nineteen ninety-four"
            match self.spelled_year(k).filter(|_| k > end) {
                Some(Cand {
                    sem: Sem::Year(yy),
                    end: e,
                    ..
                }) => Some((yy, e)),
                _ => None,
            }
        }) {
            y = YSpec::Abs(yy);
            end = e;
        }
        if rel.is_none() && y == YSpec::Infer && j == i {
            // bare "summer" needs a temporal preposition before it
            let prev = if i > 0 { self.low(i - 1) } else { "" };
            if !matches!(
                prev,
                "in" | "during"
                    | "this"
                    | "by"
                    | "until"
                    | "since"
                    | "over"
                    | "the"
                    | "early"
                    | "late"
                    | "mid"
            ) {
                return None;
            }
        }
        Some(cand(i, end, Sem::Season { s, y }))
    }

    /// Fractions of an hour: "half an hour", "a quarter of an hour", "1/2 h", "2.5 hours".
    fn fraction_of_hour(&self, i: usize) -> Option<(i64, usize)> {
        let (mins, k) = match (self.low(i), self.low(i + 1), self.low(i + 2)) {
            ("half", "an", "hour") => (30, i + 3),
            ("a", "half", "hour") => (30, i + 3),
            ("a", "quarter", "of") if self.is(i + 3, "an") && self.is(i + 4, "hour") => (15, i + 5),
            ("three", "-", "quarters")
                if self.is(i + 3, "of") && self.is(i + 4, "an") && self.is(i + 5, "hour") =>
            {
                (45, i + 6)
            }
            _ => {
                let a = self.num(i)?;
                if self.is(i + 1, "/") && self.glued(i + 1) {
                    let b = self.num(i + 2)?;
                    let u = if self.is(i + 3, "hour") || self.is(i + 3, "h") {
                        i + 4
                    } else {
                        return None;
                    };
                    if b == 0 || a >= b {
                        return None;
                    }
                    (a * 60 / b, u)
                } else if self.is(i + 1, ".")
                    && self.glued(i + 1)
                    && self.numlen(i + 2) == 1
                    && self.any(i + 3, &["hours", "hour", "h"])
                {
                    let tenth = self.num(i + 2)?;
                    (a * 60 + tenth * 6, i + 4)
                } else if self.is(i + 1, "and")
                    && self.any(i + 2, &["a", "an"])
                    && self.is(i + 3, "half")
                    && self.any(i + 4, &["hours", "hour"])
                {
                    (a * 60 + 30, i + 5)
                } else {
                    return None;
                }
            }
        };
        Some((mins, k))
    }

    /// Durations, "ago", "from now", "in three weeks", "the past two months", "five-year".
    fn quantity_expr(&self, i: usize) -> Option<Cand> {
        {
            let in_prefix = self.is(i, "in");
            let j = if in_prefix { i + 1 } else { i };
            let (j, approx) = if self.is(j, "about") {
                (j + 1, true)
            } else {
                (j, false)
            };
            if let Some((mins, e)) = self.fraction_of_hour(j) {
                let mut c = cand(
                    if in_prefix && !approx { i + 1 } else { j },
                    e,
                    Sem::Offset {
                        unit: Unit::Minute,
                        n: Some(mins),
                    },
                );
                if in_prefix {
                    c.in_phrase = true;
                    return Some(c);
                }
                return Some(lit(j, e, TimeType::Duration, format!("PT{mins}M")));
            }
        }
        let mut j = i;
        let mut lead: Option<i64> = None; // the past/last/next N units
        let mut the = false;
        if self.is(j, "the") {
            the = true;
            j += 1;
        }
        if self.any(
            j,
            &[
                "past",
                "last",
                "next",
                "previous",
                "coming",
                "first",
                "latest",
                "final",
                "following",
                "preceding",
            ],
        ) {
            lead = Some(if self.any(j, &["next", "coming", "following"]) {
                1
            } else {
                -1
            });
            j += 1;
        } else if the && !(self.quantity(j).is_some_and(|(_, k)| self.unit_follows(k))) {
            return None;
        }
        // "2 sundays from now", "two thursdays ago"
        if !the && lead.is_none() {
            if let Some((Some(cnt), k)) = self.quantity(j) {
                if let Some((wd, false)) = words::weekday(self.low(k)) {
                    let dir = match (self.low(k + 1), self.low(k + 2)) {
                        ("from", "now" | "today") => Some((1, k + 3)),
                        ("hence", _) => Some((1, k + 2)),
                        ("ago" | "back", _) => Some((-1, k + 2)),
                        _ => None,
                    };
                    if let Some((d, e)) = dir {
                        return Some(cand(i, e, Sem::WdCount { wd, n: d * cnt }));
                    }
                }
            }
        }
        let in_prefix = !the && lead.is_none() && self.is(i, "in") && !self.is(i + 1, "the");
        if in_prefix {
            j += 1;
        }
        let (n, k) = self.quantity(j)?;
        if n.is_none() && self.low(j) == "many" {
            return None;
        }
        // "5 1/2 hours", "2 1/2 years"
        if let Some(whole) = n
            .filter(|_| self.num(k) == Some(1) && self.is(k + 1, "/") && self.num(k + 2) == Some(2))
        {
            if let Some((unit, _)) = words::unit(self.low(k + 3)) {
                let v = match unit {
                    Unit::Year => format!("P{whole}Y6M"),
                    Unit::Month => format!("P{whole}M15D"),
                    Unit::Day => format!("P{whole}DT12H"),
                    Unit::Hour => format!("PT{whole}H30M"),
                    Unit::Minute => format!("PT{whole}M30S"),
                    _ => words::duration_value(unit, Some(whole)),
                };
                return Some(lit(i, k + 4, TimeType::Duration, v));
            }
        }
        // "two to three weeks", "two or three years"
        let mut k = k;
        let mut n = n;
        if self.any(k, &["to", "or", "-"]) {
            if let Some((_, k2)) = self.quantity(k + 1) {
                if self.unit_follows(k2) {
                    k = k2;
                }
            }
        }
        // hyphenated: "five-year", "10-year"
        let hyphen = self.is(k, "-") && self.glued(k);
        let ku = if hyphen { k + 1 } else { k };
        let ku = if self.any(
            ku,
            &[
                "more",
                "further",
                "additional",
                "long",
                "straight",
                "consecutive",
                "full",
                "trading",
                "working",
                "business",
            ],
        ) && self.unit_follows(ku + 1)
        {
            ku + 1
        } else {
            ku
        };
        let (unit, mult) = words::unit(self.low(ku))?;
        let ulow = self.low(ku);
        // "three-quarters of", "the 1988 quarter": fractions and years, not counts.
        if ulow.starts_with("quarter")
            && (hyphen || n.is_some_and(|v| v <= 3) && self.is(ku + 1, "of"))
            || self.numlen(j) == 4 && n.is_some_and(|v| (1800..=2100).contains(&v))
        {
            return None;
        }
        if ulow == "h" || ulow == "min" || ulow == "mo" {
            // "in 1h" but not "3 h" in running text
            if !self.glued(ku) {
                return None;
            }
        }
        if self.num(j).is_some() && self.numeric_chain_before(j) {
            return None;
        }
        if self.low(j) == "a" && ulow == "second" && !in_prefix {
            return None; // "a second time"
        }
        if self.is(ku + 1, "-") && self.any(ku + 2, &["earlier", "ago"]) || self.is(ku + 1, "old") {
            return None;
        }
        // "24 hours a day", "358,000 a month", "four flights a week": rates, not times.
        if self.any(j, &["a", "per"]) && j > 0 && j == i {
            let p = if i > 0 { self.low(i - 1) } else { "" };
            let plural_noun = p.len() > 3
                && p.ends_with('s')
                && !matches!(
                    p,
                    "was"
                        | "has"
                        | "this"
                        | "thus"
                        | "plus"
                        | "across"
                        | "towards"
                        | "years"
                        | "days"
                        | "weeks"
                        | "months"
                        | "is"
                );
            if i > 0
                && (self.num(i - 1).is_some()
                    || plural_noun
                    || matches!(
                        p,
                        "million"
                            | "billion"
                            | "thousand"
                            | "hundred"
                            | "percent"
                            | "%"
                            | "cents"
                            | "dollars"
                            | "times"
                    ))
            {
                return None;
            }
        }
        // "a 6-year-old", "44-year-old": ages are not durations of the text's events.
        if self.is(ku + 1, "-") && self.any(ku + 2, &["old", "olds"]) {
            return None;
        }
        let n_units = n.map(|v| v * mult);
        n = n_units;
        let mut end = ku + 1;
        // "a week or so ago": the hedge is part of the expression
        let mut hedged = false;
        if self.is(end, "or") && self.is(end + 1, "so") && self.any(end + 2, &["ago", "hence"]) {
            end += 2;
            hedged = true;
        }
        // "three days ago", "two years earlier", "a week from now", "in three weeks"
        let after = self.low(end);
        let (dir, tail) = match after {
            "ago" | "back" if lead.is_none() && !the => (Some(-1), end + 1),
            "before" if lead.is_none() && !the && !self.is_word(end + 1) => (Some(-1), end + 1),
            "from" if self.any(end + 1, &["now", "today"]) => (Some(1), end + 2),
            "hence" => (Some(1), end + 1),
            // TimeML: in "three days later" the timex is the duration; "later" is a signal.
            "later" | "earlier" if lead.is_none() && !the => (None, end),
            _ => (None, end),
        };
        if let Some(d) = dir {
            let start = i;
            if in_prefix {
                return None;
            }
            let sem = match n {
                Some(v) => Sem::Offset {
                    unit,
                    n: Some(d * v),
                },
                None => {
                    return Some(lit(
                        start,
                        tail,
                        TimeType::Date,
                        if d < 0 { "PAST_REF" } else { "FUTURE_REF" },
                    ));
                }
            };
            let mut c = cand(start, tail, sem);
            if hedged {
                c.modifier = Some("APPROX");
            }
            return Some(c);
        }
        if in_prefix {
            // "in three weeks": resolved as a date or kept as a duration by the clause's tense.
            // "in a few hours": about three; a few days or weeks stay vague.
            let few = n.is_none()
                && (self.is(i + 1, "few") || self.is(i + 2, "few"))
                && unit <= Unit::Hour;
            let v = if few { 3 } else { n? };
            let e = if self.is(end, "time") {
                end + 1
            } else if self.is(end, "'") && self.is(end + 1, "time") {
                end + 2
            } else if self.is(end, "'") && self.is(end + 1, "s") && self.is(end + 2, "time") {
                end + 3
            } else {
                end
            };
            let mut c = cand(i + 1, e, Sem::Offset { unit, n: Some(v) });
            c.in_phrase = true;
            if few {
                c.modifier = Some("APPROX");
            }
            return Some(c);
        }
        // A lone unit after "a": "a week" is a duration only in a time reading ("for a week").
        if n == Some(1) && self.any(j, &["a", "an"]) && lead.is_none() && !the {
            let prev = if i > 0 { self.low(i - 1) } else { "" };
            if matches!(prev, "once" | "twice" | "times" | "per") {
                return None;
            }
        }
        // "the past decade", "the last year": a span of time back from now.
        let mut value = words::duration_value(unit, n);
        // "a minute and a half", "two hours and a half"
        if self.is(end, "and") && self.any(end + 1, &["a", "one"]) && self.is(end + 2, "half") {
            if let Some(v) = n {
                let halved = match unit {
                    Unit::Second => Some(format!("PT{v}.5S")),
                    Unit::Minute => Some(format!("PT{v}M30S")),
                    Unit::Hour => Some(format!("PT{v}H30M")),
                    Unit::Day => Some(format!("P{v}DT12H")),
                    Unit::Year => Some(format!("P{}M", v * 12 + 6)),
                    Unit::Month | Unit::Week => {
                        Some(format!("P{v}.5{}", &value[value.len() - 1..]))
                    }
                    _ => None,
                };
                if let Some(h) = halved {
                    value = h;
                    end += 3;
                }
            }
        }
        end = if self.is(end, "'") && self.is(end + 1, "s") && self.is(end + 2, "time") {
            end + 3
        } else {
            end
        };
        let mut c = lit(i, end, TimeType::Duration, value);
        // "the past two days", "the next few weeks": counted in whole units from the
        // current one, so the span's ends are known.
        if let Some(dir) = lead.filter(|_| {
            c.sem == Sem::Lit(words::duration_value(unit, n))
                && self.any(j - 1, &["past", "last", "next", "previous", "coming"])
        }) {
            c.span = Some((unit, n, dir));
        }
        Some(c)
    }

    /// A bare four-digit 24-hour clock ("at 1030", "around 2200 on Friday"): only after "at"
    /// or an approximation word, a valid hour and minute, and nothing after it that would make
    /// the number a count ("at 1500 metres", "about 1500 people") or a year ("at 1030 AD").
    fn bare_24h_clock(&self, i: usize, j: usize, k: usize, explicit_at: bool) -> bool {
        let Some(v) = self.num(j) else { return false };
        if v / 100 > 23 || v % 100 > 59 {
            return false;
        }
        let cue = explicit_at
            || i > 0 && j == i && self.any(i - 1, &["about", "around", "approximately", "roughly"]);
        if !cue {
            return false;
        }
        k >= self.toks.len()
            || self.any(
                k,
                &[
                    ".",
                    ",",
                    ";",
                    ":",
                    ")",
                    "on",
                    "today",
                    "tomorrow",
                    "yesterday",
                    "tonight",
                    "this",
                    "local",
                    "sharp",
                ],
            )
            || self.weekday_at(k).is_some()
    }

    /// Clock times: 3pm, 10:30 GMT, 15h30, half past three, noon handled in fixed words.
    pub fn clock(&self, i: usize, after_day: bool) -> Option<Cand> {
        let mut start = i;
        let mut j = i;
        if self.any(j, &["at", "@"]) {
            j += 1;
            start = j;
        }
        let explicit_at = j > i;
        // half past three / a quarter past 3pm / 20 minutes to 2pm
        let mut rel_min: Option<i64> = None;
        {
            let (mins, k) = match self.low(j) {
                "half" => (Some(30), j + 1),
                "quarter" => (Some(15), j + 1),
                "a" if self.is(j + 1, "quarter") => (Some(15), j + 2),
                _ => match self.cardinal(j) {
                    Some((n, k)) if self.any(k, &["minutes", "minute", "mins"]) && n < 60 => {
                        (Some(n), k + 1)
                    }
                    // "twenty after 3pm", "15 to noon": only before a clearly marked hour
                    Some((n, k))
                        if n < 60
                            && self.any(k, &["past", "after", "to", "till", "before"])
                            && (self.any(k + 1, &["noon", "midnight"])
                                || self.cardinal(k + 1).is_some_and(|(_, e)| {
                                    self.ampm(e).is_some() || self.is(e, "o'clock")
                                })) =>
                    {
                        (Some(n), k)
                    }
                    _ => (None, j),
                },
            };
            // "15 minutes from 1pm": only before a clearly marked hour ("from now" is an offset).
            let marked_hour = |k: usize| {
                self.any(k, &["noon", "midnight"])
                    || self.cardinal(k).is_some_and(|(h, e)| {
                        h <= 12 && (self.ampm(e).is_some() || self.is(e, "o'clock"))
                    })
            };
            if let Some(mv) = mins {
                if self.any(k, &["past", "after"]) || self.is(k, "from") && marked_hour(k + 1) {
                    rel_min = Some(mv);
                    j = k + 1;
                } else if self.any(k, &["to", "till", "before", "of"]) && mv != 30 {
                    rel_min = Some(-mv);
                    j = k + 1;
                } else if mv == 30
                    && self.low(j) == "half"
                    && self.hour_word(k).is_some()
                    && self.region != Region::Us
                {
                    // British "half three"
                    rel_min = Some(30);
                    j = k;
                }
            }
        }
        // hour
        let (mut h, mut m, mut s, mut k, digits);
        let mut spelled_minutes = false;
        // "1030": four digits are a clock only with a cue, so they are as sure as "10:30am".
        let mut four_digit = false;
        if let Some(hv) = self.num(j) {
            // "3:30-6:00pm": the second clock of a range may follow the first's hyphen.
            let range_end = j > 0
                && self.is(j - 1, "-")
                && self
                    .hour_minute(j)
                    .is_some_and(|hm| hm.pm.is_some() || hm.minutes);
            if self.numeric_chain_before(j) && !range_end {
                return None;
            }
            digits = true;
            let len = self.numlen(j);
            h = hv;
            m = 0;
            s = None;
            k = j + 1;
            if len == 3 || len == 4 {
                // "330 p.m.", "1530 hours", "730 in the evening"
                if !(self.ampm(k).is_some()
                    || self.in_the_pod(k).is_some()
                    || self.any(k, &["hours", "hrs", "gmt", "utc", "bst"])
                    || len == 4 && self.bare_24h_clock(i, j, k, explicit_at))
                {
                    return None;
                }
                four_digit = len == 4;
                h = hv / 100;
                m = hv % 100;
            } else if len > 2 {
                return None;
            }
            if (self.is(k, ":") || self.is(k, ".") && self.ampm(k + 2).is_some())
                && self.glued(k)
                && self.numlen(k + 1) == 2
            {
                m = self.num(k + 1)?;
                k += 2;
                if self.is(k, ":") && self.glued(k) && self.numlen(k + 1) == 2 {
                    s = Some(self.num(k + 1)? as u32);
                    k += 2;
                }
            } else if self.is(k, "h") && self.glued(k) {
                // 15h30, 16h
                k += 1;
                if self.numlen(k) == 2 && self.glued(k) {
                    m = self.num(k)?;
                    k += 1;
                }
                if h > 23 {
                    return None;
                }
                return self.finish_clock(start, k, h, m, s, true, rel_min);
            }
        } else if let Some((hv, kk)) = self.hour_word(j) {
            digits = false;
            h = hv;
            m = 0;
            s = None;
            k = kk;
            if self.low(k) == "noon" || self.low(j) == "noon" {
                return self.finish_clock(start, k, 12, 0, None, true, rel_min);
            }
            // "ten thirty", "at three twenty", "twelve oh three", "ten-thirty"
            // ("flight one oh three" is a number: the minutes need "at" or a query of its own)
            let hyphen = |k: usize| {
                if self.is(k, "-") && self.glued(k) {
                    k + 1
                } else {
                    k
                }
            };
            let kh = hyphen(k);
            if self.any(kh, &["oh", "o", "ou", "zero"]) && !self.cap(kh) && (explicit_at || i == 0)
            {
                if let Some((mv, k2)) = self
                    .cardinal(hyphen(kh + 1))
                    .filter(|&(mv, _)| (1..10).contains(&mv))
                {
                    m = mv;
                    k = k2;
                    spelled_minutes = true;
                }
            } else if let Some((mv, k2)) = self.cardinal(kh) {
                let marked = self.ampm(k2).is_some() || self.is(k2, "o'clock");
                if (10..60).contains(&mv)
                    // "ten-thirty": the hyphen makes one clock of the words
                    && (marked
                        || kh > k
                        || explicit_at && !self.is(k2, "-") && words::unit(self.low(k2)).is_none())
                {
                    m = mv;
                    k = k2;
                    spelled_minutes = true;
                }
            }
        } else if self.any(j, &["noon", "midday"]) && rel_min.is_some() {
            return self.finish_clock(start, j + 1, 12, 0, None, true, rel_min);
        } else if self.is(j, "midnight") && rel_min.is_some() {
            return self.finish_clock(start, j + 1, 0, 0, None, true, rel_min);
        } else {
            return None;
        }
        if h > 24 || m > 59 {
            return None;
        }
        let had_minutes = m != 0 || self.is(j + 1, ":");
        // o'clock
        let mut sure = had_minutes && digits;
        if self.is(k, "o'clock") || self.is(k, "oclock") {
            k += 1;
            sure = true;
        }
        if let Some((pm, k2)) = self.ampm(k) {
            if h > 12 || h == 0 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            k = k2;
            sure = true;
        } else if let Some((pm, k2)) = self.in_the_pod(k) {
            if h <= 12 {
                if pm && h < 12 {
                    h += 12;
                } else if !pm && h == 12 {
                    h = 0;
                }
                k = k2;
                sure = true;
            }
        }
        if rel_min.is_some() || spelled_minutes || four_digit {
            sure = true;
        }
        if !sure
            && (self.any(k, &["tomorrow", "tonight", "tonite", "today"])
                || self.is(k, "this") && words::part_of_day(self.low(k + 1)).is_some())
            && h <= 12
        {
            sure = true; // "9 tomorrow morning", "eight tonight"
        }
        if !sure {
            // "at 8" on its own is too ambiguous, except after a day ("Thursday at 8").
            if !(explicit_at && (after_day || self.tz(k).is_some()) && h <= 24) {
                return None;
            }
        }
        if !digits && !sure {
            return None;
        }
        let _ = &mut s;
        self.finish_clock(start, k, h, m, s, true, rel_min)
    }

    /// A digit clock at i: "3", "3:30", "15h30", each with an optional am/pm.
    fn hour_minute(&self, i: usize) -> Option<HourMinute> {
        if self.numlen(i) > 2 {
            return None;
        }
        let h = self.num(i)?;
        let mut k = i + 1;
        let (mut m, mut minutes) = (0, false);
        if self.is(k, ":") && self.glued(k) && self.numlen(k + 1) == 2 {
            m = self.num(k + 1)?;
            k += 2;
            minutes = true;
        } else if self.is(k, "h") && self.glued(k) {
            k += 1;
            minutes = true;
            if self.numlen(k) == 2 && self.glued(k) {
                m = self.num(k)?;
                k += 1;
            }
        }
        let pm = self.ampm(k).map(|(pm, e)| {
            k = e;
            pm
        });
        if h > 24 || m > 59 || pm.is_some() && (h == 0 || h > 12) {
            return None;
        }
        Some(HourMinute {
            h,
            m,
            pm,
            minutes,
            end: k,
        })
    }

    /// The first clock of a range ("3-4pm", "9:30 to 11am", "11:30-1:30", "15h30-18h"):
    /// it takes its half of the day from the second when it has none. Plain "3-4" (a score)
    /// is not a range of times.
    fn clock_range_first(&self, i: usize) -> Option<Cand> {
        let j = if self.t(i)?.kind == Kind::Num {
            i
        } else if self.any(i, &["from", "between"]) {
            i + 1
        } else {
            return None;
        };
        if self.numeric_chain_before(j) {
            return None;
        }
        let a = self.hour_minute(j)?;
        let k = match self.low(a.end) {
            "-" | "to" | "till" | "until" | "and" => a.end + 1,
            _ => return None,
        };
        let mut b = self.hour_minute(k)?;
        if self.numeric_chain_after(b.end) {
            return None;
        }
        // "from 3 to 4 in the PM"
        if b.pm.is_none() {
            if let Some((pm, _)) = self.in_the_pod(b.end) {
                b.pm = Some(pm);
            }
        }
        if a.pm.is_none() && b.pm.is_none() && !(a.minutes && b.minutes) {
            return None;
        }
        let mut h = a.h;
        match a.pm.or(b.pm) {
            Some(true) if h < 12 && (a.pm.is_some() || h <= b.h) => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        let mut c = cand(
            j,
            a.end,
            Sem::Clock {
                base: None,
                h: h as u32,
                m: a.m as u32,
                s: None,
            },
        );
        if let Some((z, e)) = self.zone_at(a.end) {
            c.end = e;
            c.zone = z;
        } else if let Some((z, _)) = self.zone_at(b.end) {
            // "9-11am CET": the zone named once covers both ends
            c.zone = z;
        }
        Some(c)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_clock(
        &self,
        start: usize,
        k: usize,
        h: i64,
        m: i64,
        s: Option<u32>,
        _sure: bool,
        rel_min: Option<i64>,
    ) -> Option<Cand> {
        let mut k = k;
        let (mut h, mut m) = (h, m);
        if let Some(r) = rel_min {
            let total = (h * 60 + r).rem_euclid(24 * 60);
            h = total / 60;
            m = total % 60;
        }
        let mut zone = None;
        if let Some((z, k2)) = self.zone_at(k) {
            k = k2;
            zone = z;
        }
        // "approximately" / "ish" after a time
        if self.any(k, &["ish"]) && self.glued(k) {
            k += 1;
        }
        // "3:30-6:00pm" is a range of clock times, not a longer number.
        if self.numeric_chain_after(k) && !(self.is(k, "-") && self.clock(k + 1, false).is_some()) {
            return None;
        }
        let mut c = cand(
            start,
            k,
            Sem::Clock {
                base: None,
                h: h as u32,
                m: m as u32,
                s,
            },
        );
        c.zone = zone;
        Some(c)
    }

    fn hour_word(&self, i: usize) -> Option<(i64, usize)> {
        let w = self.low(i);
        let v = words::cardinal_word(w)?;
        if (1..=12).contains(&v) {
            Some((v, i + 1))
        } else {
            None
        }
    }

    /// am/pm in its spellings: pm, p.m., p, PM, "a m".
    fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        match self.low(i) {
            "am" | "a" if self.is(i + 1, ".") && self.is(i + 2, "m") => {
                Some((false, self.dot(i + 3)))
            }
            "pm" | "p" if self.is(i + 1, ".") && self.is(i + 2, "m") => {
                Some((true, self.dot(i + 3)))
            }
            "am" => Some((false, self.dot(i + 1))),
            "pm" => Some((true, self.dot(i + 1))),
            // "nine fifty nine a m"
            "a" | "p" if self.is(i + 1, "m") && !self.glued(i + 1) && !self.is_word(i + 2) => {
                Some((self.is(i, "p"), i + 2))
            }
            // "3:18a", "3:20p": a lone letter only after minutes ("4a" is a paper size).
            "p" if self.glued(i) && i >= 2 && self.is(i - 2, ":") => Some((true, self.dot(i + 1))),
            "a" if self.glued(i) && i >= 2 && self.is(i - 2, ":") => Some((false, self.dot(i + 1))),
            // "at 3p", "from 9a to 11a": after "at", or in a range whose hours both carry the
            // letter, a one- or two-digit hour takes it too ("rose to 300p" is pence).
            "p" | "a" if self.glued(i) && self.letter_hour(i) => {
                Some((self.is(i, "p"), self.dot(i + 1)))
            }
            _ => None,
        }
    }

    /// An "a"/"p" at i glued to an hour that reads as am/pm: "at 3p", "from 9a to 11a".
    fn letter_hour(&self, i: usize) -> bool {
        let hour =
            |k: usize| self.numlen(k) <= 2 && self.num(k).is_some_and(|h| (1..=12).contains(&h));
        if i < 2 || !hour(i - 1) {
            return false;
        }
        let letter = self.low(i);
        let lettered = |k: usize| self.is(k, letter) && self.glued(k) && hour(k - 1);
        match self.low(i - 2) {
            "at" | "@" => true,
            "from" => self.any(i + 1, &["to", "-"]) && lettered(i + 3),
            "to" | "-" | "till" | "until" => i >= 4 && lettered(i - 3),
            _ => false,
        }
    }

    /// "in the morning", "in the afternoon", "at night", "tonight".
    fn in_the_pod(&self, i: usize) -> Option<(bool, usize)> {
        if self.is(i, "in") && self.is(i + 1, "the") {
            return match self.low(i + 2) {
                "morning" | "am" => Some((false, i + 3)),
                "afternoon" | "evening" | "pm" => Some((true, i + 3)),
                _ => None,
            };
        }
        if self.is(i, "at") && self.is(i + 1, "night") {
            return Some((true, i + 2));
        }
        None
    }

    fn tz(&self, i: usize) -> Option<usize> {
        self.zone_at(i).map(|(_, e)| e)
    }

    /// A time zone after a clock time ("GMT", "(BST)", "pst") with its offset in minutes
    /// east of UTC when the abbreviation fixes one ("ET" may be EST or EDT: no offset).
    fn zone_at(&self, i: usize) -> Option<(Option<i32>, usize)> {
        let paren = self.is(i, "(");
        let k = if paren { i + 1 } else { i };
        let t = self.t(k)?;
        let w = t.low.as_str();
        let offset = words::zone_offset(w, t.cap, t.upper)?;
        let mut e = k + 1;
        if paren {
            if !self.is(e, ")") {
                return None;
            }
            e += 1;
        }
        Some((offset, e))
    }

    /// Sets: every Monday, daily, weekly, each year, on Mondays.
    fn set_expr(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let simple = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" | "annual" if w != "annual" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            "quarterly" => Some("P3M"),
            "fortnightly" | "biweekly" => Some("P2W"),
            _ => None,
        };
        if let Some(v) = simple {
            // "the daily Telegraph", "a weekly magazine" — adjectives before nouns are not times.
            let next_noun = self.is_word(i + 1)
                && !self.any(
                    i + 1,
                    &[
                        "and", "or", "basis", "since", "until", "for", "at", "in", "on", "from",
                        "to", "by",
                    ],
                );
            let prev_det = i > 0
                && self.any(
                    i - 1,
                    &[
                        "a", "the", "its", "their", "his", "her", "our", "your", "an",
                    ],
                );
            if next_noun && self.cap(i + 1) && (self.cap(i) || !self.toks[i + 1].newline_before) {
                return None; // "Daily Mail", "the party daily Granma": a paper's name
            }
            let _ = prev_det;
            if next_noun && !matches!(w, "daily" | "weekly" | "monthly" | "annually" | "hourly") {
                return None;
            }
            return Some(lit(i, i + 1, TimeType::Set, v));
        }
        // every/each [other] [N] unit|weekday|month|pod
        if matches!(w, "every" | "each") {
            let mut j = i + 1;
            let mut step = 1;
            if self.is(j, "other") {
                step = 2;
                j += 1;
            }
            if let Some((n, k)) = self.cardinal(j) {
                if self.unit_follows(k) {
                    step = n;
                    j = k;
                }
            }
            let u = self.low(j);
            if let Some((unit, mult)) = words::unit(u) {
                let v = words::duration_value(unit, Some(step * mult));
                return Some(lit(i, j + 1, TimeType::Set, v));
            }
            if let Some((wd, _)) = words::weekday(u) {
                let mut end = j + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = words::part_of_day(self.low(end)) {
                    v.push_str(&format!("T{p}"));
                    end += 1;
                }
                return Some(lit(i, end, TimeType::Set, v));
            }
            if let Some(m) =
                words::month(u).filter(|_| self.cap(j) || !words::month_is_ambiguous(u))
            {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-{m:02}")));
            }
            if let Some(p) = words::part_of_day(u) {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-XX-XXT{p}")));
            }
            if let Some(s) = words::season(u) {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-{s}")));
            }
            if u == "weekend" {
                return Some(lit(i, j + 1, TimeType::Set, "XXXX-WXX-WE"));
            }
            return None;
        }
        // once/twice/N times a week
        if matches!(w, "once" | "twice")
            || self.cardinal(i).is_some() && self.any(i + 1, &["times"])
        {
            let j = if matches!(w, "once" | "twice") {
                i + 1
            } else {
                i + 2
            };
            if self.any(j, &["a", "per", "every", "each"]) {
                if let Some((unit, _)) = words::unit(self.low(j + 1)) {
                    return Some(lit(
                        i,
                        j + 2,
                        TimeType::Set,
                        words::duration_value(unit, Some(1)),
                    ));
                }
            }
            return None;
        }
        // "on Mondays", "Tuesday nights"
        if let Some((wd, short)) = words::weekday(w) {
            if !short && w.ends_with('s') && self.cap(i) {
                return Some(lit(i, i + 1, TimeType::Set, format!("XXXX-WXX-{wd}")));
            }
            if !short
                && self.cap(i)
                && self.any(i + 1, &["nights", "mornings", "evenings", "afternoons"])
            {
                let p = words::part_of_day(self.low(i + 1))?;
                return Some(lit(i, i + 2, TimeType::Set, format!("XXXX-WXX-{wd}T{p}")));
            }
        }
        None
    }

    fn holiday(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.low(i) {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            _ => (None, i),
        };
        let (h, k) = self.holiday_name(j)?;
        let mut end = k;
        let mut y = match rel {
            Some(r) => YSpec::Rel(r * 1000),
            None => YSpec::Infer,
        };
        let k2 = if self.any(end, &["of", ",", "in"]) {
            end + 1
        } else {
            end
        };
        if let Some((ys, e)) = self.year_ref(k2) {
            y = ys;
            end = e;
        } else if let Some(Sem::Year(year)) = self.spelled_year(k2).map(|c| {
            end = c.end;
            c.sem
        }) {
            y = YSpec::Abs(year);
        } else if let Some(c) = self.quantity_expr(end) {
            // "Thanksgiving in three years", "tax day two years ago": that year's holiday.
            if let Sem::Offset {
                unit: Unit::Year,
                n: Some(n),
            } = c.sem
            {
                y = YSpec::Rel(n);
                end = c.end;
            }
        }
        Some(cand(i, end, Sem::Holiday { h, y }))
    }

    /// The longest name of [`crate::holidays::HOLIDAYS`] at token i, a regional entry of
    /// the region in force preferred over a general one.
    fn holiday_from_table(&self, i: usize) -> Option<(Hol, usize, bool)> {
        use crate::holidays::{bit, COMMON_WORD_NAMES, HOLIDAYS};
        use std::sync::OnceLock;
        // Entries by first word, sorted for a binary search (the scanner asks at most tokens).
        static BY_FIRST: OnceLock<Vec<(&'static str, Vec<usize>)>> = OnceLock::new();
        let index = BY_FIRST.get_or_init(|| {
            let mut m: Vec<(&'static str, Vec<usize>)> = Vec::new();
            for (k, (words, _, _)) in HOLIDAYS.iter().enumerate() {
                match m.iter_mut().find(|(w, _)| *w == words[0]) {
                    Some((_, v)) => v.push(k),
                    None => m.push((words[0], vec![k])),
                }
            }
            m.sort_by_key(|(w, _)| *w);
            m
        });
        let first = self.low(i);
        if !may_start_holiday(first) {
            return None;
        }
        let at = index.binary_search_by(|(w, _)| (*w).cmp(first)).ok()?;
        let entries = &index[at].1;
        // The text's words from i with apostrophes, possessive s, hyphens and dots left out.
        let mut words: [(&str, usize); 6] = [("", 0); 6];
        let mut n = 0;
        let mut k = i;
        while n < words.len() && k < self.toks.len() {
            let t = &self.toks[k];
            match t.low.as_str() {
                "'" if self.is(k + 1, "s") && self.glued(k + 1) => k += 2,
                // A bare apostrophe only closes a plural possessive ("Presidents' Day").
                "'" if k == i || !self.low(k - 1).ends_with('s') => break,
                "'" | "-" | "." if k > i => k += 1,
                _ if t.kind == Kind::Punct => break,
                w => {
                    words[n] = (w, k + 1);
                    n += 1;
                    k += 1;
                }
            }
        }
        let words = &words[..n];
        let here = bit(self.region);
        let mut best: Option<(Hol, usize, bool)> = None;
        for &e in entries {
            let (name, h, regions) = HOLIDAYS[e];
            if regions != 0 && regions & here == 0 {
                continue;
            }
            if name.len() > words.len() || name.iter().zip(words).any(|(a, (b, _))| a != b) {
                continue;
            }
            let end = words[name.len() - 1].1;
            if name.len() == 1
                && COMMON_WORD_NAMES.contains(&name[0])
                && !self.cap(i)
                && self.year_after(end, false).is_none()
            {
                continue;
            }
            let specific = regions != 0;
            let better = match best {
                None => true,
                Some((_, e0, s0)) => end > e0 || end == e0 && specific && !s0,
            };
            if better {
                best = Some((h, end, specific));
            }
        }
        best
    }

    fn holiday_name(&self, i: usize) -> Option<(Hol, usize)> {
        let fixed = self.holiday_name_fixed(i);
        match (fixed, self.holiday_from_table(i)) {
            (Some((h, e)), Some((h2, e2, specific))) => {
                if e2 > e || e2 == e && specific {
                    Some((h2, e2))
                } else {
                    Some((h, e))
                }
            }
            (f, t) => f.or(t.map(|(h, e, _)| (h, e))),
        }
    }

    fn holiday_name_fixed(&self, i: usize) -> Option<(Hol, usize)> {
        let w = self.low(i);
        let w1 = self.low(i + 1);
        let w2 = self.low(i + 2);
        let poss = |k: usize| -> usize {
            // skip "'s" / "'" / "s'"
            // "King's", "Presidents'": a bare apostrophe only after a plural.
            if self.is(k, "'") {
                if self.is(k + 1, "s") {
                    return k + 2;
                }
                if k > 0 && self.low(k - 1).ends_with('s') {
                    return k + 1;
                }
                return usize::MAX / 2;
            }
            k
        };
        let day_word = |k: usize| -> usize {
            if self.is(k, "day") {
                k + 1
            } else {
                k
            }
        };
        let cap = self.cap(i);
        let r = match w {
            "christmas" | "xmas" => {
                if self.is(i + 1, "eve") {
                    (Hol::Fixed(12, 24), i + 2)
                } else {
                    (Hol::Fixed(12, 25), day_word(i + 1))
                }
            }
            "boxing" if w1 == "day" => (Hol::Fixed(12, 26), i + 2),
            "new" if w1 == "year" || w1 == "years" => {
                let k = poss(i + 2);
                match self.low(k) {
                    "eve" => (Hol::Fixed(12, 31), k + 1),
                    "day" => (Hol::Fixed(1, 1), k + 1),
                    _ if self.cap(i) && self.cap(i + 1) => (Hol::Fixed(1, 1), k),
                    _ => return None,
                }
            }
            "halloween" => (Hol::Fixed(10, 31), i + 1),
            "valentine" | "valentines" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(2, 14), k + 1)
                } else {
                    return None;
                }
            }
            "st" | "saint"
                if {
                    let k = self.dot(i + 1);
                    self.any(
                        k,
                        &[
                            "patrick", "patricks", "patty", "paddy", "george", "andrew", "david",
                        ],
                    )
                } =>
            {
                let k = self.dot(i + 1);
                let (m, d) = match self.low(k) {
                    "george" => (4, 23),
                    "andrew" => (11, 30),
                    "david" => (3, 1),
                    _ => (3, 17),
                };
                let k2 = poss(k + 1);
                if self.is(k2, "day") {
                    (Hol::Fixed(m, d), k2 + 1)
                } else {
                    return None;
                }
            }
            "thanksgiving" => {
                let h = if self.region == Region::Ca {
                    Hol::ThanksgivingCa
                } else {
                    Hol::Thanksgiving(0)
                };
                (h, day_word(i + 1))
            }
            "black" if w1 == "friday" => (Hol::Thanksgiving(1), i + 2),
            "cyber" if w1 == "monday" => (Hol::Thanksgiving(4), i + 2),
            "orthodox" if w1 == "easter" => (Hol::OrthodoxEaster(0), day_word(i + 2)),
            "orthodox" if matches!(w1, "good" | "great") && w2 == "friday" => {
                (Hol::OrthodoxEaster(-2), i + 3)
            }
            "orthodox" if w1 == "shrove" && w2 == "monday" => (Hol::OrthodoxEaster(-48), i + 3),
            "clean" if w1 == "monday" => (Hol::OrthodoxEaster(-48), i + 2),
            "lazarus" if w1 == "saturday" => (Hol::OrthodoxEaster(-8), i + 2),
            "white" | "whit" if w1 == "sunday" => (Hol::Easter(49), i + 2),
            "whitsunday" => (Hol::Easter(49), i + 1),
            "whitmonday" => (Hol::Easter(50), i + 1),
            "branch" if w1 == "sunday" => (Hol::Easter(-7), i + 2),
            "covenant" if matches!(w1, "thursday" | "thu") => (Hol::Easter(-3), self.dot(i + 2)),
            "mardi" if w1 == "gras" => (Hol::Easter(-47), i + 2),
            "ash" if w1 == "wednesday" => (Hol::Easter(-46), i + 2),
            "civil" if w1 == "rights" && w2 == "day" => (Hol::NthWd(1, 1, 3), i + 3),
            "easter" => match w1 {
                "monday" | "mon" => (Hol::Easter(1), self.dot(i + 2)),
                "sunday" => (Hol::Easter(0), i + 2),
                "day" => (Hol::Easter(0), i + 2),
                _ => (Hol::Easter(0), i + 1),
            },
            "good" if w1 == "friday" && cap => (Hol::Easter(-2), i + 2),
            "maundy" if w1 == "thursday" => (Hol::Easter(-3), i + 2),
            "palm" if w1 == "sunday" => (Hol::Easter(-7), i + 2),
            "shrove" if w1 == "tuesday" => (Hol::Easter(-47), i + 2),
            "pancake" if w1 == "day" || w1 == "tuesday" => (Hol::Easter(-47), i + 2),
            "whit" if w1 == "monday" => (Hol::Easter(50), i + 2),
            "whit" if w1 == "sunday" => (Hol::Easter(49), i + 2),
            "pentecost" => (Hol::Easter(49), i + 1),
            "ascension" if w1 == "day" => (Hol::Easter(39), i + 2),
            "trinity" if w1 == "sunday" => (Hol::Easter(56), i + 2),
            "mother" | "mothers" | "mom" | "moms" | "mum" | "mums" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    let h = if matches!(self.region, Region::Gb | Region::Ie) {
                        Hol::MotheringSunday
                    } else {
                        Hol::NthWd(5, 7, 2)
                    };
                    (h, k + 1)
                } else {
                    return None;
                }
            }
            "mothering" if w1 == "sunday" => (Hol::MotheringSunday, i + 2),
            "father" | "fathers" | "dad" | "dads" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::NthWd(6, 7, 3), k + 1)
                } else {
                    return None;
                }
            }
            "labor" | "labour" if w1 == "day" => {
                let h = match self.region {
                    Region::Us | Region::Ca | Region::Neutral => Hol::NthWd(9, 1, 1),
                    _ => Hol::Fixed(5, 1),
                };
                let mut e = i + 2;
                if self.is(e, "weekend") {
                    e += 1;
                }
                (h, e)
            }
            "may" if w1 == "day" && cap => (Hol::Fixed(5, 1), i + 2),
            "memorial" if w1 == "day" => (Hol::NthWd(5, 1, -1), i + 2),
            "veterans" | "veteran" | "veteran's"
                if poss(i + 1) < i + 4 && self.is(poss(i + 1), "day") =>
            {
                (Hol::Fixed(11, 11), poss(i + 1) + 1)
            }
            "remembrance" | "armistice" if w1 == "day" => (Hol::Fixed(11, 11), i + 2),
            "remembrance" if w1 == "sunday" => (Hol::NthWd(11, 7, 2), i + 2),
            "independence" if w1 == "day" && self.region != Region::Gb => (Hol::Fixed(7, 4), i + 2),
            "columbus" if w1 == "day" => (Hol::NthWd(10, 1, 2), i + 2),
            "groundhog" | "groundhogs" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(2, 2), k + 1)
                } else {
                    return None;
                }
            }
            "earth" if w1 == "day" => (Hol::Fixed(4, 22), i + 2),
            "guy" if w1 == "fawkes" => (Hol::Fixed(11, 5), day_word(poss(i + 2))),
            "bonfire" if w1 == "night" => (Hol::Fixed(11, 5), i + 2),
            "canada" if w1 == "day" => (Hol::Fixed(7, 1), i + 2),
            "bastille" if w1 == "day" => (Hol::Fixed(7, 14), i + 2),
            "anzac" if w1 == "day" => (Hol::Fixed(4, 25), i + 2),
            "australia" if w1 == "day" => (Hol::Fixed(1, 26), i + 2),
            "tax" if w1 == "day" => (Hol::Fixed(4, 15), i + 2),
            "juneteenth" => (Hol::Fixed(6, 19), i + 1),
            "election" if w1 == "day" && cap && self.cap(i + 1) => (Hol::ElectionDay, i + 2),
            "martin" if w1 == "luther" && w2 == "king" => {
                let k = poss(i + 3);
                let k = if self.is(k, "jr") { self.dot(k + 1) } else { k };
                if self.is(k, "day")
                    && !(self.is(i + 3, "king") && self.is(i + 4, "'") && !self.is(i + 5, "s"))
                {
                    (Hol::NthWd(1, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "mlk" => (Hol::NthWd(1, 1, 3), day_word(i + 1)),
            "martin" if w1 == "luther" && w2 == "kings" && self.is(i + 3, "day") => {
                (Hol::NthWd(1, 1, 3), i + 4)
            }
            "president" | "presidents" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::NthWd(2, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "washington" => {
                let k = poss(i + 1);
                if self.is(k, "birthday") {
                    (Hol::NthWd(2, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "lincoln" => {
                let k = poss(i + 1);
                if self.is(k, "birthday") {
                    (Hol::Fixed(2, 12), k + 1)
                } else {
                    return None;
                }
            }
            "boss" | "bosses" | "boss's" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::BossDay, k + 1)
                } else {
                    return None;
                }
            }
            "administrative" | "admin" | "secretaries" | "secretary" => {
                let mut k = i + 1;
                if self.is(k, "professionals") || self.is(k, "professional") {
                    k = poss(k + 1);
                } else {
                    k = poss(k);
                }
                if self.is(k, "day") {
                    (Hol::AdminDay, k + 1)
                } else {
                    return None;
                }
            }
            "all" if w1 == "saints" => (Hol::Fixed(11, 1), day_word(poss(i + 2))),
            "all" if w1 == "souls" => (Hol::Fixed(11, 2), day_word(poss(i + 2))),
            "epiphany" => (Hol::Fixed(1, 6), i + 1),
            "hogmanay" => (Hol::Fixed(12, 31), i + 1),
            "burns" if w1 == "night" => (Hol::Fixed(1, 25), i + 2),
            "world" if w1 == "vegan" && w2 == "day" => (Hol::Fixed(11, 1), i + 3),
            "siblings" | "sibling" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(4, 10), k + 1)
                } else {
                    return None;
                }
            }
            "grandparents" if w1 == "day" => (Hol::Thanksgiving(0), i + 2),
            _ => return None,
        };
        Some(r)
    }

    /// "WC 24th Feb", "w/c 24 February", "week commencing …", "the week of October 6th".
    fn week_of(&self, i: usize) -> Option<Cand> {
        let j = match (self.low(i), self.low(i + 1), self.low(i + 2)) {
            ("wc", _, _) => i + 1,
            ("w", "/", "c") => i + 3,
            ("w", ".", "c") => self.dot(i + 3),
            ("week", "commencing" | "beginning" | "starting", _) => i + 2,
            ("the", "week", "of" | "commencing" | "beginning" | "starting") => i + 3,
            ("week", "of", _) => i + 2,
            _ => return None,
        };
        if self.low(i) == "wc" && !self.t(i).is_some_and(|t| t.upper) && self.toks.len() > 6 {
            return None;
        }
        let j = if self.any(j, &[":", "."]) { j + 1 } else { j };
        let d = self.core(j)?;
        if !matches!(
            d.sem,
            Sem::Cal { .. } | Sem::Wd { .. } | Sem::DayRel(_) | Sem::Holiday { .. }
        ) {
            return None;
        }
        Some(cand(i, d.end, Sem::WeekOf(Box::new(d.sem))))
    }
}

/// Moves an hour into a part of day: "this evening at 8" = 20:00.
fn adjust_hour(h: u32, pod: &str) -> u32 {
    match pod {
        "AF" | "EV" | "NI" if h < 12 && !(pod == "NI" && h < 5) => h + 12,
        "MO" if h == 12 => 0,
        _ => h,
    }
}

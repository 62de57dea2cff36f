//! [`Timex`]: a TimeML TIMEX3 `value` string parsed into its parts, so that the stages that
//! compare times (events, store) work on calendar periods rather than on strings.
//!
//! A value is a calendar point or period at any grain (century `20`, decade `202`, year
//! `2025`, season `2025-SU`, quarter `2025-Q1`, half `2025-H2`, month `2025-02`, ISO week
//! `2025-W09`, weekend `2025-W09-WE`, day `2025-02-14`, part of day `2025-02-14TMO`, clock
//! time `2025-02-14T15:00`, with an optional zone), possibly with `X` unknowns
//! (`XXXX-02-14`, `XXXX-WXX-1`); a duration (`P3D`, `PT2H30M`, `PXY`); or one of
//! `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`. TIMEX3 sets (type SET) have no value syntax of
//! their own: "every Monday" is `XXXX-WXX-1`, "daily" is `P1D`.
//!
//! Display gives back exactly the string that was parsed: a string that this module does
//! not understand, or that it would print differently, is kept whole as [`Timex::Other`].
//! Serde writes and reads a `Timex` as that plain string.
//!
//! ```
//! use dateline_core::Timex;
//!
//! let week: Timex = "2025-W09".parse().unwrap();
//! let day = Timex::parse("2025-02-25");
//! assert!(week.contains(&day));
//! assert_eq!(day.iso_week(), Some((2025, 9)));
//! assert_eq!(Timex::parse("2025-02-14TMO").to_string(), "2025-02-14TMO");
//! assert_eq!(Timex::parse("not a value"), Timex::Other("not a value".into()));
//! ```

use crate::calendar::{civil_from_days, days_from_civil, iso_week, iso_week_monday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt::{self, Display, Write};
use std::str::FromStr;

/// A TIMEX3 value. See the module documentation for the forms it understands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Timex {
    /// A calendar point or period, possibly with unknown (`X`) fields.
    Date(Date),
    /// A duration: `P3D`, `PT2H30M`, `P1.5Y`, `PXY`.
    Duration(Duration),
    /// `PRESENT_REF`: now.
    PresentRef,
    /// `PAST_REF`: some time in the past.
    PastRef,
    /// `FUTURE_REF`: some time in the future.
    FutureRef,
    /// Any other string, kept as it was.
    Other(String),
}

/// A calendar point or period: a year part, what lies within it, and a time of day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    /// The year, decade or century.
    pub year: Year,
    /// The part of the year (only with [`Year::Full`]).
    pub within: Within,
    /// A part of day or clock time (only with a day or a weekday).
    pub time: Option<DayTime>,
}

/// The leading field of a date; `None` stands for the unknown `XXXX`, `XXX`, `XX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Year {
    /// A year: `2025`, `-0044`, `XXXX`.
    Full(Option<i32>),
    /// A decade by its first three digits: `202` is 2020–2029.
    Decade(Option<i32>),
    /// A century by its first two digits: `20` is 2000–2099.
    Century(Option<i32>),
}

/// The part of a year a date names; `None` fields are unknown (`XX`, `WXX`, `QX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Within {
    /// The whole year (decade, century).
    Whole,
    /// A month: `-02`.
    Month(Option<u32>),
    /// A day of a month: `-02-14`, `-XX-14`.
    Day(Option<u32>, Option<u32>),
    /// An ISO week: `-W09`.
    Week(Option<u32>),
    /// A weekday (1 = Monday) of an ISO week: `-W09-1`, `-WXX-1`.
    WeekDay(Option<u32>, u32),
    /// The weekend of an ISO week: `-W09-WE`.
    Weekend(Option<u32>),
    /// A quarter: `-Q1`.
    Quarter(Option<u32>),
    /// A half year: `-H2`.
    Half(Option<u32>),
    /// A season: `-SP`.
    Season(Season),
}

/// TimeML seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`, from 21 March.
    Spring,
    /// `SU`, from 21 June.
    Summer,
    /// `FA`, from 21 September.
    Fall,
    /// `WI`, from 21 December to 20 March of the next year.
    Winter,
}

/// A time within a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayTime {
    /// A TimeML part of day: `TMO`, `TAF`, `TEV`, `TNI`, `TMI`, `TDT`.
    Part(PartOfDay),
    /// A clock time `Thh:mm[:ss]` with an optional zone.
    Clock {
        /// Hour, 0–24.
        hour: u32,
        /// Minute.
        minute: u32,
        /// Second, when stated.
        second: Option<u32>,
        /// Zone, when stated.
        zone: Option<Zone>,
    },
}

/// TimeML parts of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    /// `MO`
    Morning,
    /// `MI`
    Midday,
    /// `AF`
    Afternoon,
    /// `EV`
    Evening,
    /// `NI`
    Night,
    /// `DT`
    Daytime,
}

/// A stated time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    /// `Z`
    Utc,
    /// `+01:00`, `-06:00`: minutes east of UTC.
    Offset(i32),
}

/// A duration: its date components then its time components, in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Components before `T`, unit `Y`, `M`, `W`, `D`, `DE`, `CE` or `ML`.
    pub date: Vec<(Amount, &'static str)>,
    /// Components after `T`, unit `H`, `M` or `S`.
    pub time: Vec<(Amount, &'static str)>,
}

/// The amount of a duration component.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Amount {
    /// A whole number.
    Whole(u64),
    /// A decimal number as written: `1.5`.
    Decimal(String),
    /// `X`: unknown.
    Unknown,
}

/// The grain of a value: the size of the period a date names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    /// A clock time.
    Time,
    /// A part of day.
    PartOfDay,
    /// A day.
    Day,
    /// A weekend.
    Weekend,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
}

/// The first and last calendar day (day numbers of [`crate::calendar`]) a value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRange {
    /// The first day.
    pub first: i64,
    /// The last day (inclusive).
    pub last: i64,
}

impl DayRange {
    /// Does this range hold every day of `other`?
    pub fn contains(&self, other: &DayRange) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// Do the two ranges share a day?
    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

impl Timex {
    /// Parses a TIMEX3 value; never fails (see [`Timex::Other`]).
    ///
    /// ```
    /// use dateline_core::timex::{Date, Timex, Within, Year};
    ///
    /// assert_eq!(
    ///     Timex::parse("XXXX-02-14"),
    ///     Timex::Date(Date { year: Year::Full(None), within: Within::Day(Some(2), Some(14)), time: None })
    /// );
    /// assert_eq!(Timex::parse("2025-13"), Timex::Other("2025-13".into()));
    /// ```
    pub fn parse(s: &str) -> Timex {
        let parsed = match s {
            "PRESENT_REF" => Some(Timex::PresentRef),
            "PAST_REF" => Some(Timex::PastRef),
            "FUTURE_REF" => Some(Timex::FutureRef),
            _ if s.starts_with('P') => parse_duration(&s[1..]).map(Timex::Duration),
            _ => parse_date(s).map(Timex::Date),
        };
        match parsed {
            // Only a value that prints back identically keeps its parsed form.
            Some(t) if format!("{t}") == s => t,
            _ => Timex::Other(s.to_string()),
        }
    }

    /// The day `day` (a day number of [`crate::calendar`]) as a value: `2025-02-17`.
    ///
    /// ```
    /// use dateline_core::{calendar::days_from_civil, Timex};
    /// assert_eq!(Timex::day(days_from_civil(2025, 2, 17)).to_string(), "2025-02-17");
    /// ```
    pub fn day(day: i64) -> Timex {
        let (y, m, d) = civil_from_days(day);
        Timex::Date(Date {
            year: Year::Full(Some(y as i32)),
            within: Within::Day(Some(m), Some(d)),
            time: None,
        })
    }

    /// ISO week `w` of ISO year `y` as a value: `2025-W09`.
    pub fn week(y: i64, w: u32) -> Timex {
        Timex::Date(Date {
            year: Year::Full(Some(y as i32)),
            within: Within::Week(Some(w)),
            time: None,
        })
    }

    /// The date, when this is one.
    pub fn as_date(&self) -> Option<&Date> {
        match self {
            Timex::Date(d) => Some(d),
            _ => None,
        }
    }

    /// The grain of a date (`None` for durations, references and other strings).
    ///
    /// ```
    /// use dateline_core::timex::{Grain, Timex};
    /// assert_eq!(Timex::parse("2025-W09-WE").grain(), Some(Grain::Weekend));
    /// assert_eq!(Timex::parse("P3D").grain(), None);
    /// ```
    pub fn grain(&self) -> Option<Grain> {
        self.as_date().map(Date::grain)
    }

    /// Does the value have an unknown (`X`) field?
    pub fn has_unknowns(&self) -> bool {
        match self {
            Timex::Date(d) => d.has_unknowns(),
            Timex::Duration(d) => d
                .date
                .iter()
                .chain(&d.time)
                .any(|(a, _)| *a == Amount::Unknown),
            Timex::Other(s) => s.contains('X'),
            _ => false,
        }
    }

    /// The first and last calendar day a fully known date covers.
    ///
    /// ```
    /// use dateline_core::{calendar::days_from_civil, Timex};
    ///
    /// let q1 = Timex::parse("2024-Q1").day_range().unwrap();
    /// assert_eq!((q1.first, q1.last), (days_from_civil(2024, 1, 1), days_from_civil(2024, 3, 31)));
    /// // ISO week 1 of 2025 starts in 2024.
    /// assert_eq!(Timex::parse("2025-W01").day_range().unwrap().first, days_from_civil(2024, 12, 30));
    /// assert_eq!(Timex::parse("XXXX-02-14").day_range(), None);
    /// assert_eq!(Timex::parse("2025-02-30").day_range(), None);
    /// ```
    pub fn day_range(&self) -> Option<DayRange> {
        self.as_date()?.day_range()
    }

    /// Does `self` cover all of `other`? Dates compare by their day ranges; a time of day
    /// covers only itself (a part of day is not taken to contain clock times). Equal values
    /// always contain each other.
    ///
    /// ```
    /// use dateline_core::Timex;
    /// let t = Timex::parse;
    /// assert!(t("2025-Q1").contains(&t("2025-02")));
    /// assert!(t("2025-02-14").contains(&t("2025-02-14TMO")));
    /// assert!(!t("2025-02-14TMO").contains(&t("2025-02-14")));
    /// assert!(!t("2025-W09-WE").contains(&t("2025-02-24"))); // a Monday
    /// assert!(!t("2025").contains(&t("2025-W01"))); // starts on 2024-12-30
    /// ```
    pub fn contains(&self, other: &Timex) -> bool {
        if self == other {
            return true;
        }
        let (Some(a), Some(b)) = (self.as_date(), other.as_date()) else {
            return false;
        };
        let (Some(ra), Some(rb)) = (a.day_range(), b.day_range()) else {
            return false;
        };
        ra.contains(&rb) && (a.time.is_none() || (a.time == b.time && ra == rb))
    }

    /// Can `self` and `other` share a moment? Dates overlap when their day ranges share a
    /// day, except that two different times of day never overlap.
    ///
    /// ```
    /// use dateline_core::Timex;
    /// let t = Timex::parse;
    /// assert!(t("2025-01").overlaps(&t("2025-W01")));
    /// assert!(t("2025-W09").overlaps(&t("2025-03")));
    /// assert!(!t("2025-02-14TMO").overlaps(&t("2025-02-14TEV")));
    /// assert!(!t("2025-Q1").overlaps(&t("2025-04-01")));
    /// ```
    pub fn overlaps(&self, other: &Timex) -> bool {
        if self == other {
            return true;
        }
        let (Some(a), Some(b)) = (self.as_date(), other.as_date()) else {
            return false;
        };
        let (Some(ra), Some(rb)) = (a.day_range(), b.day_range()) else {
            return false;
        };
        if a.time.is_some() && b.time.is_some() {
            return self.contains(other) || other.contains(self);
        }
        ra.overlaps(&rb)
    }

    /// Does the value lie wholly after the day `day` (a day number)? `FUTURE_REF` does;
    /// a value with unknowns, a duration or another reference does not.
    ///
    /// ```
    /// use dateline_core::{calendar::days_from_civil, Timex};
    /// let published = days_from_civil(2025, 2, 15);
    /// assert!(Timex::parse("2025-03").is_after_date(published));
    /// assert!(Timex::parse("2025-W08").is_after_date(published));
    /// assert!(!Timex::parse("2025-02").is_after_date(published));
    /// assert!(!Timex::parse("XXXX-12-25").is_after_date(published));
    /// ```
    pub fn is_after_date(&self, day: i64) -> bool {
        match self {
            Timex::FutureRef => true,
            _ => self.day_range().is_some_and(|r| r.first > day),
        }
    }

    /// The ISO (year, week) of a week, weekend, weekday, day or time of day.
    ///
    /// ```
    /// use dateline_core::Timex;
    /// assert_eq!(Timex::parse("2021-01-03").iso_week(), Some((2020, 53)));
    /// assert_eq!(Timex::parse("2025-W09-WE").iso_week(), Some((2025, 9)));
    /// assert_eq!(Timex::parse("2025-02").iso_week(), None);
    /// ```
    pub fn iso_week(&self) -> Option<(i64, u32)> {
        let date = self.as_date()?;
        let range = date.day_range()?;
        match date.within {
            Within::Week(_) | Within::Weekend(_) | Within::WeekDay(..) | Within::Day(..) => {
                Some(iso_week(range.first))
            }
            _ => None,
        }
    }
}

impl Date {
    /// The size of the period this date names.
    pub fn grain(&self) -> Grain {
        match self.time {
            Some(DayTime::Clock { .. }) => return Grain::Time,
            Some(DayTime::Part(_)) => return Grain::PartOfDay,
            None => {}
        }
        match (self.year, self.within) {
            (Year::Century(_), _) => Grain::Century,
            (Year::Decade(_), _) => Grain::Decade,
            (_, Within::Whole) => Grain::Year,
            (_, Within::Month(_)) => Grain::Month,
            (_, Within::Day(..) | Within::WeekDay(..)) => Grain::Day,
            (_, Within::Week(_)) => Grain::Week,
            (_, Within::Weekend(_)) => Grain::Weekend,
            (_, Within::Quarter(_)) => Grain::Quarter,
            (_, Within::Half(_)) => Grain::Half,
            (_, Within::Season(_)) => Grain::Season,
        }
    }

    /// Does the date have an unknown (`X`) field?
    pub fn has_unknowns(&self) -> bool {
        let year = match self.year {
            Year::Full(y) | Year::Decade(y) | Year::Century(y) => y.is_none(),
        };
        year || match self.within {
            Within::Whole | Within::Season(_) => false,
            Within::Month(x)
            | Within::Week(x)
            | Within::WeekDay(x, _)
            | Within::Weekend(x)
            | Within::Quarter(x)
            | Within::Half(x) => x.is_none(),
            Within::Day(m, d) => m.is_none() || d.is_none(),
        }
    }

    /// The first and last calendar day the date covers, when every field is known and valid.
    pub fn day_range(&self) -> Option<DayRange> {
        let range = |first, last| Some(DayRange { first, last });
        let y = match self.year {
            Year::Century(c) => {
                let c = c? as i64;
                return range(days_from_civil(c * 100, 1, 1), year_end(c * 100 + 99));
            }
            Year::Decade(d) => {
                let d = d? as i64;
                return range(days_from_civil(d * 10, 1, 1), year_end(d * 10 + 9));
            }
            Year::Full(y) => y? as i64,
        };
        let months = |from: u32, to: u32| range(days_from_civil(y, from, 1), month_end(y, to));
        let week = |w: Option<u32>| {
            let monday = iso_week_monday(y, w?);
            (iso_week(monday) == (y, w?)).then_some(monday)
        };
        match self.within {
            Within::Whole => range(days_from_civil(y, 1, 1), year_end(y)),
            Within::Month(m) => months(m?, m?),
            Within::Quarter(q) => months(q? * 3 - 2, q? * 3),
            Within::Half(h) => months(h? * 6 - 5, h? * 6),
            Within::Day(m, d) => {
                let day = days_from_civil(y, m?, d?);
                (civil_from_days(day) == (y, m?, d?)).then_some(DayRange {
                    first: day,
                    last: day,
                })
            }
            Within::Week(w) => week(w).and_then(|mo| range(mo, mo + 6)),
            Within::Weekend(w) => week(w).and_then(|mo| range(mo + 5, mo + 6)),
            Within::WeekDay(w, d) => {
                week(w).and_then(|mo| range(mo + d as i64 - 1, mo + d as i64 - 1))
            }
            Within::Season(s) => {
                let start = |y: i64, s: Season| days_from_civil(y, s.start_month(), 21);
                let next = match s {
                    Season::Spring => start(y, Season::Summer),
                    Season::Summer => start(y, Season::Fall),
                    Season::Fall => start(y, Season::Winter),
                    Season::Winter => start(y + 1, Season::Spring),
                };
                range(start(y, s), next - 1)
            }
        }
    }
}

impl Season {
    /// The TimeML code: `SP`, `SU`, `FA`, `WI`.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The month in which the season starts (on the 21st).
    pub fn start_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }

    fn from_code(s: &str) -> Option<Season> {
        [Season::Spring, Season::Summer, Season::Fall, Season::Winter]
            .into_iter()
            .find(|x| x.code() == s)
    }
}

impl PartOfDay {
    /// The TimeML code: `MO`, `MI`, `AF`, `EV`, `NI`, `DT`.
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }

    fn from_code(s: &str) -> Option<PartOfDay> {
        use PartOfDay::*;
        [Morning, Midday, Afternoon, Evening, Night, Daytime]
            .into_iter()
            .find(|x| x.code() == s)
    }
}

fn month_end(y: i64, m: u32) -> i64 {
    if m == 12 {
        year_end(y)
    } else {
        days_from_civil(y, m + 1, 1) - 1
    }
}

fn year_end(y: i64) -> i64 {
    days_from_civil(y + 1, 1, 1) - 1
}

/// `Some(n)` for `n` digits in `lo..=hi`, `None` for as many `X`s.
fn field(s: &str, width: usize, lo: u32, hi: u32) -> Option<Option<u32>> {
    if s.len() != width {
        return None;
    }
    if s.bytes().all(|b| b == b'X') {
        return Some(None);
    }
    let n: u32 = digits(s)?;
    (lo..=hi).contains(&n).then_some(Some(n))
}

fn digits<T: FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_date(s: &str) -> Option<Date> {
    let (date, time) = match s.find('T') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (negative, date) = match date.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let mut parts = date.split('-');
    let head = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let number = |n: Option<u32>| n.map(|n| if negative { -(n as i32) } else { n as i32 });
    let year = match head.len() {
        4 => Year::Full(number(field(head, 4, 0, 9999)?)),
        3 if rest.is_empty() => Year::Decade(number(field(head, 3, 0, 999)?)),
        2 if rest.is_empty() => Year::Century(number(field(head, 2, 0, 99)?)),
        _ => return None,
    };
    let within = match rest.as_slice() {
        [] => Within::Whole,
        [m] if m.len() == 2 && m.starts_with(['0', '1', 'X']) => Within::Month(field(m, 2, 1, 12)?),
        [m, d] if !m.starts_with('W') => Within::Day(field(m, 2, 1, 12)?, field(d, 2, 1, 31)?),
        [w] if w.len() == 3 && w.starts_with('W') => Within::Week(field(&w[1..], 2, 1, 53)?),
        [w, "WE"] if w.starts_with('W') => Within::Weekend(field(&w[1..], 2, 1, 53)?),
        [w, d] if w.starts_with('W') => {
            Within::WeekDay(field(&w[1..], 2, 1, 53)?, field(d, 1, 1, 7)??)
        }
        [q] if q.starts_with('Q') => Within::Quarter(field(&q[1..], 1, 1, 4)?),
        [h] if h.starts_with('H') => Within::Half(field(&h[1..], 1, 1, 2)?),
        [s] => Within::Season(Season::from_code(s)?),
        _ => return None,
    };
    let time = match time {
        None => None,
        Some(t) if matches!(within, Within::Day(..) | Within::WeekDay(..)) => {
            Some(parse_day_time(t)?)
        }
        Some(_) => return None,
    };
    Some(Date { year, within, time })
}

fn parse_day_time(t: &str) -> Option<DayTime> {
    if let Some(p) = PartOfDay::from_code(t) {
        return Some(DayTime::Part(p));
    }
    let zone_at = t.find(['Z', '+', '-']).unwrap_or(t.len());
    let (clock, zone) = t.split_at(zone_at);
    let zone = match zone {
        "" => None,
        "Z" => Some(Zone::Utc),
        _ => {
            let (h, m) = zone[1..].split_once(':')?;
            let minutes = field(h, 2, 0, 23)?? as i32 * 60 + field(m, 2, 0, 59)?? as i32;
            Some(Zone::Offset(if zone.starts_with('-') {
                -minutes
            } else {
                minutes
            }))
        }
    };
    let mut hms = clock.split(':');
    let hour = field(hms.next()?, 2, 0, 24)??;
    let minute = field(hms.next()?, 2, 0, 59)??;
    let second = match hms.next() {
        Some(s) => Some(field(s, 2, 0, 60)??),
        None => None,
    };
    if hms.next().is_some() {
        return None;
    }
    Some(DayTime::Clock {
        hour,
        minute,
        second,
        zone,
    })
}

fn parse_duration(s: &str) -> Option<Duration> {
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = components(date, &["DE", "CE", "ML", "Y", "M", "W", "D"])?;
    let time = match time {
        Some(t) => components(t, &["H", "M", "S"]).filter(|c| !c.is_empty())?,
        None => Vec::new(),
    };
    (!date.is_empty() || !time.is_empty()).then_some(Duration { date, time })
}

fn components(mut s: &str, units: &[&'static str]) -> Option<Vec<(Amount, &'static str)>> {
    let mut out = Vec::new();
    while !s.is_empty() {
        let n = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))
            .unwrap_or(s.len());
        let (amount, rest) = s.split_at(n);
        let unit = units.iter().find(|u| rest.starts_with(**u))?;
        let amount = if amount == "X" {
            Amount::Unknown
        } else if let Some(whole) = digits(amount) {
            Amount::Whole(whole)
        } else {
            let (i, f) = amount.split_once('.')?;
            digits::<u64>(i)?;
            digits::<u64>(f)?;
            Amount::Decimal(amount.to_string())
        };
        out.push((amount, *unit));
        s = &rest[unit.len()..];
    }
    Some(out)
}

/// Width and alignment (`{:<16}`) apply to the whole value, as for a string.
impl Display for Timex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_some() || f.precision().is_some() {
            return f.pad(&Plain(self).to_string());
        }
        Plain(self).fmt(f)
    }
}

/// A value written without padding.
struct Plain<'a>(&'a Timex);

impl Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Timex::Date(d) => d.fmt(f),
            Timex::Duration(d) => d.fmt(f),
            Timex::PresentRef => f.write_str("PRESENT_REF"),
            Timex::PastRef => f.write_str("PAST_REF"),
            Timex::FutureRef => f.write_str("FUTURE_REF"),
            Timex::Other(s) => f.write_str(s),
        }
    }
}

/// Writes `n` zero-padded to `width`, or `width` Xs.
fn put(f: &mut fmt::Formatter<'_>, n: Option<impl Into<i64>>, width: usize) -> fmt::Result {
    match n.map(Into::into) {
        Some(n) if n < 0 => write!(f, "-{:0width$}", -n),
        Some(n) => write!(f, "{n:0width$}"),
        None => f.write_str(&"X".repeat(width)),
    }
}

impl Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Year::Full(y) => put(f, y, 4)?,
            Year::Decade(d) => put(f, d, 3)?,
            Year::Century(c) => put(f, c, 2)?,
        }
        match self.within {
            Within::Whole => {}
            Within::Month(m) => {
                f.write_char('-')?;
                put(f, m, 2)?;
            }
            Within::Day(m, d) => {
                f.write_char('-')?;
                put(f, m, 2)?;
                f.write_char('-')?;
                put(f, d, 2)?;
            }
            Within::Week(w) | Within::WeekDay(w, _) | Within::Weekend(w) => {
                f.write_str("-W")?;
                put(f, w, 2)?;
                match self.within {
                    Within::WeekDay(_, d) => write!(f, "-{d}")?,
                    Within::Weekend(_) => f.write_str("-WE")?,
                    _ => {}
                }
            }
            Within::Quarter(q) => {
                f.write_str("-Q")?;
                put(f, q, 1)?;
            }
            Within::Half(h) => {
                f.write_str("-H")?;
                put(f, h, 1)?;
            }
            Within::Season(s) => write!(f, "-{}", s.code())?,
        }
        match self.time {
            None => Ok(()),
            Some(DayTime::Part(p)) => write!(f, "T{}", p.code()),
            Some(DayTime::Clock {
                hour,
                minute,
                second,
                zone,
            }) => {
                write!(f, "T{hour:02}:{minute:02}")?;
                if let Some(s) = second {
                    write!(f, ":{s:02}")?;
                }
                match zone {
                    None => Ok(()),
                    Some(Zone::Utc) => f.write_char('Z'),
                    Some(Zone::Offset(m)) => {
                        let sign = if m < 0 { '-' } else { '+' };
                        write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
                    }
                }
            }
        }
    }
}

impl Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('P')?;
        let put = |f: &mut fmt::Formatter<'_>, parts: &[(Amount, &str)]| {
            parts.iter().try_for_each(|(a, u)| match a {
                Amount::Whole(n) => write!(f, "{n}{u}"),
                Amount::Decimal(s) => write!(f, "{s}{u}"),
                Amount::Unknown => write!(f, "X{u}"),
            })
        };
        put(f, &self.date)?;
        if !self.time.is_empty() {
            f.write_char('T')?;
            put(f, &self.time)?;
        }
        Ok(())
    }
}

impl FromStr for Timex {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Timex::parse(s))
    }
}

impl From<&str> for Timex {
    fn from(s: &str) -> Self {
        Timex::parse(s)
    }
}

impl From<String> for Timex {
    fn from(s: String) -> Self {
        Timex::parse(&s)
    }
}

impl PartialEq<str> for Timex {
    fn eq(&self, other: &str) -> bool {
        match self {
            Timex::Other(s) => s == other,
            _ => format!("{self}") == other,
        }
    }
}

impl PartialEq<&str> for Timex {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for Timex {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Timex> for String {
    fn eq(&self, other: &Timex) -> bool {
        other == self.as_str()
    }
}

impl PartialEq<Timex> for &str {
    fn eq(&self, other: &Timex) -> bool {
        other == *self
    }
}

impl Serialize for Timex {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Timex::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALUES: &[&str] = &[
        "20",
        "202",
        "XXX",
        "2025",
        "-0044",
        "XXXX",
        "2025-SU",
        "2025-WI",
        "2025-Q1",
        "XXXX-QX",
        "2025-H2",
        "2025-02",
        "XXXX-02",
        "XXXX-XX",
        "2025-W09",
        "2025-WXX",
        "XXXX-WXX",
        "2025-W09-WE",
        "XXXX-WXX-WE",
        "2025-W09-1",
        "XXXX-WXX-7",
        "2025-02-14",
        "XXXX-02-14",
        "XXXX-XX-14",
        "XXXX-XX-XX",
        "2025-02-XX",
        "2025-02-14TMO",
        "2025-02-14TAF",
        "2025-02-14TEV",
        "2025-02-14TNI",
        "XXXX-XX-XXTNI",
        "XXXX-WXX-5TEV",
        "2025-02-14T15:00",
        "2025-02-14T15:00:30",
        "2013-02-12T16:00Z",
        "2013-02-12T09:30-06:00",
        "2013-02-12T16:00+01:00",
        "P3D",
        "P1W",
        "PT2H30M",
        "P2DT3H",
        "PXY",
        "PTXH",
        "P1.5Y",
        "PT4.5S",
        "PXDE",
        "PXCE",
        "P2M15D",
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
    ];

    #[test]
    fn every_understood_value_round_trips_parsed() {
        for v in VALUES {
            let t = Timex::parse(v);
            assert!(!matches!(t, Timex::Other(_)), "{v} not understood: {t:?}");
            assert_eq!(t.to_string(), *v);
        }
    }

    #[test]
    fn anything_else_round_trips_as_other() {
        for v in [
            "",
            "2025-1",
            "2025-13",
            "2025-02-32",
            "25-02",
            "2025-02-14T25:00",
            "2025-Q5",
            "P",
            "PT",
            "P3",
            "PD",
            "P03D",
            "2025-W54",
            "2025-02TMO",
            "2025-02-14TXX",
            "19XX",
            "201X",
            "2025-02-14T15:00+1",
            "present_ref",
            "2025-02-14 ",
        ] {
            let t = Timex::parse(v);
            assert_eq!(t, Timex::Other(v.to_string()), "{v}");
            assert_eq!(t.to_string(), v);
        }
    }

    #[test]
    fn serde_uses_the_plain_string() {
        let t = Timex::parse("2025-W09");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2025-W09\"");
        let back: Timex = serde_json::from_str("\"2025-W09\"").unwrap();
        assert_eq!(back, t);
        let odd: Timex = serde_json::from_str("\"sometime\"").unwrap();
        assert_eq!(odd, Timex::Other("sometime".into()));
    }

    #[test]
    fn day_ranges_follow_the_calendar() {
        let r = |v: &str| {
            Timex::parse(v)
                .day_range()
                .map(|r| (civil_from_days(r.first), civil_from_days(r.last)))
        };
        assert_eq!(r("2024-02"), Some(((2024, 2, 1), (2024, 2, 29))));
        assert_eq!(r("2025-02"), Some(((2025, 2, 1), (2025, 2, 28))));
        assert_eq!(r("2025-H2"), Some(((2025, 7, 1), (2025, 12, 31))));
        assert_eq!(r("2025-WI"), Some(((2025, 12, 21), (2026, 3, 20))));
        assert_eq!(r("202"), Some(((2020, 1, 1), (2029, 12, 31))));
        assert_eq!(r("19"), Some(((1900, 1, 1), (1999, 12, 31))));
        assert_eq!(r("2020-W53"), Some(((2020, 12, 28), (2021, 1, 3))));
        assert_eq!(r("2025-W53"), None); // 2025 has 52 ISO weeks
        assert_eq!(r("2025-W09-WE"), Some(((2025, 3, 1), (2025, 3, 2))));
        assert_eq!(r("2025-W09-3"), Some(((2025, 2, 26), (2025, 2, 26))));
        assert_eq!(r("2025-02-14T15:00"), Some(((2025, 2, 14), (2025, 2, 14))));
        assert_eq!(r("P3D"), None);
        assert_eq!(r("XXXX-WXX-1"), None);
    }

    #[test]
    fn grains_and_unknowns() {
        assert_eq!(Timex::parse("2025-02-14T15:00").grain(), Some(Grain::Time));
        assert_eq!(
            Timex::parse("2025-02-14TNI").grain(),
            Some(Grain::PartOfDay)
        );
        assert_eq!(Timex::parse("202").grain(), Some(Grain::Decade));
        assert!(Timex::parse("XXXX-02-14").has_unknowns());
        assert!(Timex::parse("PTXH").has_unknowns());
        assert!(!Timex::parse("2025-02-14").has_unknowns());
    }

    #[test]
    fn comparisons_work_on_periods_not_strings() {
        let t = Timex::parse;
        // "202" (the 2020s) is a string prefix of "2025" and does contain it,
        // but "2025-1…" style prefixes mean nothing: Q1 contains February.
        assert!(t("202").contains(&t("2025-06")));
        assert!(t("2025-Q1").contains(&t("2025-02-14")));
        assert!(!t("2025-Q1").contains(&t("2025-10")));
        assert!(t("2025-W09").contains(&t("2025-03-02")));
        assert!(!t("2025-02").contains(&t("2025-W09")));
        assert!(t("2025-02").overlaps(&t("2025-W09")));
        assert!(!t("XXXX-02-14").overlaps(&t("2025-02-14")));
        assert!(t("PRESENT_REF").contains(&t("PRESENT_REF")));
        assert!(Timex::FutureRef.is_after_date(0));
        assert!(!Timex::PresentRef.is_after_date(0));
    }

    #[test]
    fn padding_applies_to_the_whole_value() {
        assert_eq!(
            format!("[{:<12}]", Timex::parse("2025-W09")),
            "[2025-W09    ]"
        );
        assert_eq!(format!("[{:>6}]", Timex::parse("odd")), "[   odd]");
    }

    #[test]
    fn comparisons_with_strings() {
        assert_eq!(Timex::parse("2025-02-17"), "2025-02-17");
        assert!(Timex::parse("odd") == "odd");
        assert!(Timex::parse("2025") != "2026");
    }
}

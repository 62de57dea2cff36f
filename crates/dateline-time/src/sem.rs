//! What a matched expression means, and how it resolves against a reference date.

use crate::astro::{chinese_new_year, lunar_festival, onam, sankranti, Observed};
use crate::cal::*;
use crate::words::Unit;

/// How the year of an expression is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YSpec {
    Abs(i32),
    /// Relative to the reference year ("last summer" = -1, "this summer" = 0).
    Rel(i64),
    /// Chosen by tense.
    Infer,
}

/// Holidays the grammar knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hol {
    Fixed(u32, u32),
    /// n-th weekday of a month (negative = from the end).
    NthWd(u32, u32, i32),
    /// Days from Easter Sunday.
    Easter(i64),
    /// Days from US Thanksgiving.
    Thanksgiving(i64),
    /// Canadian Thanksgiving (second Monday of October).
    ThanksgivingCa,
    /// UK Mothering Sunday (three weeks before Easter).
    MotheringSunday,
    /// Wednesday of the last full week of April.
    AdminDay,
    /// Boss's Day: October 16, or the nearest weekday.
    BossDay,
    /// US Election Day: the Tuesday after the first Monday of November.
    ElectionDay,
    /// Days from Orthodox (Julian) Easter Sunday.
    OrthodoxEaster(i64),
    /// A Hebrew month (Nisan = 1) and day, dated by the evening it begins; the third
    /// field moves it off the Sabbath: 1 Yom HaShoah, 2 Yom HaAtzmaut, 3 Tisha B'Av.
    Hebrew(u32, u32, u8),
    /// An Islamic (arithmetic calendar) month and day.
    Islamic(u32, u32),
    /// Jumu'atul-Wida: the last Friday of Ramadan.
    LastFridayOfRamadan,
    /// The Dutch King's Day: 27 April, or the 26th when the 27th is a Sunday.
    KingsDay,
    /// n-th weekday of a month, moved by some days ("the Sunday after Labor Day").
    NthWdPlus(u32, u32, i32, i64),
    /// The first given weekday on or after a month day ("the Monday before 25 May").
    WdOnOrAfter(u32, u32, u32),
    /// DC Emancipation Day: 16 April, observed on the nearest weekday.
    EmancipationDay,
    /// US Tax Day: 15 April, moved past weekends and Emancipation Day.
    TaxDay,
    /// A Hindu lunar festival: amanta month (0 = Chaitra), tithi (1–30), when in the day it
    /// is kept, and days after that (Holi is the day after Holika Dahan).
    Lunar(u32, u32, Observed, i64),
    /// The day the Sun enters a sidereal sign (9 = Makara: Makar Sankranti, Pongal), moved
    /// by some days (Bhogi is the day before).
    Sankranti(u32, i64),
    Onam,
    ChineseNewYear,
    /// The US presidential primaries' Super Tuesday: only in presidential election years.
    SuperTuesday,
    /// An event held once, on one day ("Tsunami Tuesday" = 5 February 2008).
    Once(i32, u32, u32),
}

impl Hol {
    /// The holiday's day in Gregorian year `y`; `None` when it does not fall that year
    /// (a lunar festival in a year whose month is a leap month).
    pub fn day_in(self, y: i32) -> Option<i64> {
        Some(match self {
            Hol::Fixed(m, d) => days_from_civil(y, m, d.min(month_len(y, m))),
            Hol::NthWd(m, wd, n) => nth_weekday(y, m, wd, n),
            Hol::Easter(off) => easter(y) + off,
            Hol::Thanksgiving(off) => nth_weekday(y, 11, 4, 4) + off,
            Hol::ThanksgivingCa => nth_weekday(y, 10, 1, 2),
            Hol::MotheringSunday => easter(y) - 21,
            Hol::AdminDay => nth_weekday(y, 4, 6, -1) - 3,
            Hol::ElectionDay => nth_weekday(y, 11, 1, 1) + 1,
            Hol::OrthodoxEaster(off) => orthodox_easter(y) + off,
            Hol::Hebrew(m, d, rule) => {
                let day = hebrew_in_gregorian(y, m, d);
                let moved = match (rule, weekday(day)) {
                    (1, 5) => day - 1,
                    (1, 7) => day + 1,
                    (2, 5) => day - 1,
                    (2, 6) => day - 2,
                    (2, 1) => day + 1,
                    (3, 6) => day + 1,
                    _ => day,
                };
                moved - 1
            }
            Hol::Islamic(m, d) => islamic_in_gregorian(y, m, d),
            Hol::LastFridayOfRamadan => {
                let end = islamic_in_gregorian(y, 10, 1) - 1;
                end - (weekday(end) as i64 - 5).rem_euclid(7)
            }
            Hol::KingsDay => {
                let d = days_from_civil(y, 4, 27);
                if weekday(d) == 7 {
                    d - 1
                } else {
                    d
                }
            }
            Hol::NthWdPlus(m, wd, n, off) => nth_weekday(y, m, wd, n) + off,
            Hol::WdOnOrAfter(m, d, wd) => weekday_on_or_after(days_from_civil(y, m, d), wd),
            Hol::EmancipationDay => observed(days_from_civil(y, 4, 16)),
            Hol::Lunar(m, t, at, off) => lunar_festival(y, m, t, at)? + off,
            Hol::Sankranti(sign, off) => sankranti(y, sign)? + off,
            Hol::Onam => onam(y)?,
            Hol::ChineseNewYear => chinese_new_year(y),
            Hol::SuperTuesday => super_tuesday(y)?,
            Hol::Once(year, m, d) if year == y => days_from_civil(y, m, d),
            Hol::Once(..) => return None,
            Hol::TaxDay => {
                let emancipation = observed(days_from_civil(y, 4, 16));
                let mut d = days_from_civil(y, 4, 15);
                while weekday(d) >= 6 || d == emancipation {
                    d += 1;
                }
                d
            }
            Hol::BossDay => {
                let d = days_from_civil(y, 10, 16);
                match weekday(d) {
                    6 => d - 1,
                    7 => d + 1,
                    _ => d,
                }
            }
        })
    }
}

/// Super Tuesday of a presidential election year: the primaries' first Tuesday in March
/// since 2012, the second in 1988–1996, 5 February in 2008.
fn super_tuesday(y: i32) -> Option<i64> {
    if y % 4 != 0 || y < 1988 {
        return None;
    }
    Some(match y {
        2008 => days_from_civil(2008, 2, 5),
        1988..=1996 => nth_weekday(y, 3, 2, 2),
        _ => nth_weekday(y, 3, 2, 1),
    })
}

/// A Saturday holiday is observed on the Friday before, a Sunday one on the Monday after.
fn observed(day: i64) -> i64 {
    match weekday(day) {
        6 => day - 1,
        7 => day + 1,
        _ => day,
    }
}

/// The meaning of a matched expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    Cal {
        y: Option<i32>,
        m: u32,
        d: u32,
    },
    Month {
        m: u32,
        y: YSpec,
    },
    /// rel: 0 by tense, -1 last, 1 next, 2 this.
    Wd {
        wd: u32,
        rel: i32,
    },
    WdOfWeek {
        wd: u32,
        week: i64,
    },
    DayRel(i64),
    UnitRel {
        unit: Unit,
        n: i64,
    },
    /// Relative to the previous time in the text ("the following week").
    Anaph {
        unit: Unit,
        n: i64,
    },
    /// n units from the reference ("two years ago" = -2).
    Offset {
        unit: Unit,
        n: Option<i64>,
    },
    Quarter {
        q: u32,
        y: YSpec,
    },
    /// The quarter the text last spoke of ("the quarter").
    AnaphQuarter,
    Half {
        h: u32,
        y: YSpec,
    },
    Season {
        s: &'static str,
        y: YSpec,
    },
    Year(i32),
    Decade(i32),
    Century(i32),
    Lit(String),
    Clock {
        base: Option<Box<Sem>>,
        h: u32,
        m: u32,
        s: Option<u32>,
    },
    Pod {
        base: Box<Sem>,
        pod: &'static str,
    },
    WeekOf(Box<Sem>),
    Weekend {
        rel: i32,
    },
    Holiday {
        h: Hol,
        y: YSpec,
    },
    /// "a year earlier": the previous time moved back n years, at its own grain.
    YearEarlier(i64),
    /// "the year-ago quarter", "last year's period": the quarter in focus, n years back.
    YearEarlierPeriod(i64),
    /// "the 1988 quarter", "the 1989 period": the quarter in focus, in that year.
    PeriodOfYear(i32),
    SameTimeLastYear,
    /// A day of a month given relatively ("20th of next month").
    DayOf {
        d: u32,
        month: Box<Sem>,
    },
    /// A month day whose year is fixed by its weekday ("Fri, Jul 18").
    CalWd {
        m: u32,
        d: u32,
        wd: u32,
    },
    /// Days from a given day: "the day before last Tuesday" (-1), "three days after
    /// Easter" (3).
    DaysFrom {
        base: Box<Sem>,
        n: i64,
    },
    /// A weekday with a day of the month and no month ("Friday the 13th", "Thu 15th"): the
    /// nearest month, in the clause's direction, in which that day falls on that weekday.
    WdDay {
        wd: u32,
        d: u32,
    },
    /// The n-th weekday from now ("2 sundays from now" = 2, "two thursdays ago" = -2).
    WdCount {
        wd: u32,
        n: i64,
    },
    /// The n-th (negative: from the end) weekday of a month.
    NthWd {
        n: i32,
        wd: u32,
        month: Box<Sem>,
    },
    /// "the last weekend of October": the weekend of the month's n-th Saturday.
    NthWeekendOf {
        n: i32,
        month: Box<Sem>,
    },
    /// "the first week of October 2014", "the third last week of 2018": the n-th (negative:
    /// from the end) week lying wholly inside a month or year.
    NthWeekOf {
        n: i32,
        period: Box<Sem>,
    },
    /// "the last day of June", "the first day of next month".
    NthDayOf {
        n: i32,
        month: Box<Sem>,
    },
    /// The n-th occurrence of a weekday or holiday counted from another time: the n-th
    /// closest to it (`dir` 0: "the closest Monday to Oct 5th", "the second closest Super
    /// Tuesday to 2019"), or the n-th after (1) or before (-1) it ("the third Tuesday after
    /// Christmas 2014").
    NthFrom {
        n: i64,
        what: Box<Sem>,
        base: Box<Sem>,
        dir: i8,
    },
}

impl Sem {
    /// True for expressions whose grain is a day or finer with a calendar day.
    pub fn is_day_level(&self) -> bool {
        matches!(
            self,
            Sem::Cal { .. }
                | Sem::CalWd { .. }
                | Sem::WdDay { .. }
                | Sem::DaysFrom { .. }
                | Sem::DayOf { .. }
                | Sem::WdCount { .. }
                | Sem::NthWd { .. }
                | Sem::NthDayOf { .. }
                | Sem::NthFrom { .. }
                | Sem::Wd { .. }
                | Sem::WdOfWeek { .. }
                | Sem::DayRel(_)
                | Sem::Holiday { .. }
        ) || matches!(
            self,
            Sem::Anaph {
                unit: Unit::Day,
                ..
            }
        )
    }
    pub fn is_clock(&self) -> bool {
        matches!(self, Sem::Clock { base: None, .. })
    }
}

/// A resolved value at its grain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum V {
    Day(i64),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    Year(i32),
    Decade(i32),
    Century(i32),
    Pod(i64, &'static str),
    Clock(i64, u32, u32, Option<u32>),
    Lit(String),
}

impl V {
    pub fn value(&self) -> String {
        match self {
            V::Day(d) => fmt_day(*d),
            V::Week(y, w) => format!("{}-W{:02}", fmt_year(*y), w),
            V::Weekend(y, w) => format!("{}-W{:02}-WE", fmt_year(*y), w),
            V::Month(y, m) => format!("{}-{:02}", fmt_year(*y), m),
            V::Quarter(y, q) => format!("{}-Q{}", fmt_year(*y), q),
            V::Half(y, h) => format!("{}-H{}", fmt_year(*y), h),
            V::Season(y, s) => format!("{}-{}", fmt_year(*y), s),
            V::Year(y) => fmt_year(*y),
            V::Decade(d) => format!("{d:03}"),
            V::Century(c) => format!("{c:02}"),
            V::Pod(d, p) => format!("{}T{}", fmt_day(*d), p),
            V::Clock(d, h, m, s) => match s {
                Some(s) => format!("{}T{:02}:{:02}:{:02}", fmt_day(*d), h, m, s),
                None => format!("{}T{:02}:{:02}", fmt_day(*d), h, m),
            },
            V::Lit(s) => s.clone(),
        }
    }

    /// First and last day of the period, when it is a calendar period.
    pub fn day_span(&self) -> Option<(i64, i64)> {
        let first = self.first_day()?;
        let last = match *self {
            V::Week(y, w) => iso_week_monday(y, w) + 6,
            V::Weekend(y, w) => iso_week_monday(y, w) + 6,
            V::Month(y, m) => days_from_civil(y, m, month_len(y, m)),
            V::Quarter(y, q) => days_from_civil(y, q * 3, month_len(y, q * 3)),
            V::Half(y, h) => days_from_civil(y, h * 6, month_len(y, h * 6)),
            V::Season(..) => first + 90,
            V::Year(y) => days_from_civil(y, 12, 31),
            V::Decade(d) => days_from_civil(d * 10 + 9, 12, 31),
            V::Century(c) => days_from_civil(c * 100 + 99, 12, 31),
            _ => first,
        };
        Some((first, last))
    }

    /// First day of the period, when it is a calendar period.
    pub fn first_day(&self) -> Option<i64> {
        Some(match *self {
            V::Day(d) | V::Pod(d, _) | V::Clock(d, ..) => d,
            V::Week(y, w) => iso_week_monday(y, w),
            V::Weekend(y, w) => iso_week_monday(y, w) + 5,
            V::Month(y, m) => days_from_civil(y, m, 1),
            V::Quarter(y, q) => days_from_civil(y, (q - 1) * 3 + 1, 1),
            V::Half(y, h) => days_from_civil(y, (h - 1) * 6 + 1, 1),
            V::Season(y, s) => days_from_civil(y, season_start_month(s), 21),
            V::Year(y) => days_from_civil(y, 1, 1),
            V::Decade(d) => days_from_civil(d * 10, 1, 1),
            V::Century(c) => days_from_civil(c * 100, 1, 1),
            V::Lit(_) => return None,
        })
    }
}

pub fn season_start_month(s: &str) -> u32 {
    match s {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

fn season_of_month(m: u32) -> &'static str {
    match m {
        3..=5 => "SP",
        6..=8 => "SU",
        9..=11 => "FA",
        _ => "WI",
    }
}

/// The value of `day` at the grain of `unit`.
pub fn at_grain(day: i64, unit: Unit) -> V {
    let (y, m, _) = civil_from_days(day);
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => V::Day(day),
        Unit::Week => {
            let (wy, w) = iso_week(day);
            V::Week(wy, w)
        }
        Unit::Month => V::Month(y, m),
        Unit::Quarter => V::Quarter(y, (m - 1) / 3 + 1),
        Unit::Year => V::Year(y),
        Unit::Decade => V::Decade(y.div_euclid(10)),
        Unit::Century => V::Century(y.div_euclid(100)),
    }
}

/// `day` moved by n units.
pub fn shift_day(day: i64, unit: Unit, n: i64) -> i64 {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => day + n,
        Unit::Week => day + 7 * n,
        Unit::Month => add_months_day(day, n),
        Unit::Quarter => add_months_day(day, 3 * n),
        Unit::Year => add_months_day(day, 12 * n),
        Unit::Decade => add_months_day(day, 120 * n),
        Unit::Century => add_months_day(day, 1200 * n),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Published,
    Prev,
    None,
}

/// What resolution may look at.
pub struct Res<'a> {
    pub ref_day: Option<i64>,
    pub tense: Tense,
    pub prev: Option<&'a V>,
    /// A default reading for bare expressions: future (calendar queries) or past (news).
    pub bare_future: bool,
    /// True when the previous time is in the same sentence.
    pub prev_near: bool,
    /// Seconds since midnight of the reference time, when the publication time is known.
    pub ref_sec: Option<i64>,
    /// The latest quarter (or half) the text has named, for "the quarter" and "a year earlier".
    pub last_quarter: Option<&'a V>,
    /// The first reported (not future) quarter the text named: what a results story is about.
    pub lead_quarter: Option<&'a V>,
    /// The clause's verb stands right before the time ("ended Jan. 31"), so its tense
    /// outweighs nearness to the reference date.
    pub verb_adjacent: bool,
}

/// The quarter a results story is about: the one the text last named, else the quarter
/// just ended at publication (results are reported after a quarter closes).
fn focus_quarter(r: &Res, ry: i32, rm: u32) -> (i32, u32) {
    // A forecast quarter ("through the third quarter of 1990") is not the one reported.
    let reported = |v: &V| match (v.first_day(), r.ref_day) {
        (Some(d), Some(rd)) => d <= rd,
        _ => true,
    };
    let near = if r.prev_near { r.prev } else { None };
    for v in [near, r.lead_quarter, r.last_quarter].into_iter().flatten() {
        if let V::Quarter(y, q) = v {
            if reported(v) {
                return (*y, *q);
            }
        }
    }
    let rq = (rm - 1) / 3 + 1;
    if rq == 1 {
        (ry - 1, 4)
    } else {
        (ry, rq - 1)
    }
}

fn pick_year<F: Fn(i32) -> Option<i64>>(ref_day: i64, tense: Tense, f: F) -> Option<i64> {
    let (ry, _, _) = civil_from_days(ref_day);
    let pick = |years: std::ops::RangeInclusive<i32>, tense: Tense| {
        let cands = years.filter_map(&f);
        match tense {
            Tense::Past => cands.filter(|&d| d <= ref_day).max(),
            Tense::Future => cands.filter(|&d| d >= ref_day).min(),
            Tense::Unknown => cands.min_by_key(|&d| (d - ref_day).abs()),
        }
    };
    pick(ry - 1..=ry + 1, tense)
}

/// A holiday's day: yearly ones are found within a year; one kept every few years (Super
/// Tuesday) or only once is looked for further out, the nearest when none lies the tense's
/// way.
fn pick_holiday(ref_day: i64, tense: Tense, h: Hol) -> Option<i64> {
    if let Hol::Once(y, m, d) = h {
        return Some(days_from_civil(y, m, d));
    }
    let (ry, _, _) = civil_from_days(ref_day);
    let pick = |years: std::ops::RangeInclusive<i32>, tense: Tense| {
        let cands = years.filter_map(|y| h.day_in(y));
        match tense {
            Tense::Past => cands.filter(|&d| d <= ref_day).max(),
            Tense::Future => cands.filter(|&d| d >= ref_day).min(),
            Tense::Unknown => cands.min_by_key(|&d| (d - ref_day).abs()),
        }
    };
    pick(ry - 1..=ry + 1, tense)
        .or_else(|| pick(ry - 12..=ry + 12, tense))
        .or_else(|| pick(ry - 12..=ry + 12, Tense::Unknown))
}

/// The n-th (from 1) weekday or holiday closest to the days first..=last (`dir` 0), or
/// after (1) or before (-1) them.
fn nth_from(what: &Sem, n: i64, first: i64, last: i64, dir: i8) -> Option<i64> {
    if !(1..=20).contains(&n) {
        return None;
    }
    let mut days: Vec<i64> = match what {
        Sem::Wd { wd, .. } => {
            let reach = 7 * (n + 1);
            (first - reach..=last + reach)
                .filter(|&d| weekday(d) == *wd)
                .collect()
        }
        Sem::Holiday { h, .. } => {
            // Enough years either way for n occurrences of a day kept every four years.
            let reach = 4 * (n as i32 + 1);
            let (y0, y1) = (civil_from_days(first).0, civil_from_days(last).0);
            (y0 - reach..=y1 + reach)
                .filter_map(|y| h.day_in(y))
                .collect()
        }
        _ => return None,
    };
    let distance = |d: i64| (first - d).max(d - last).max(0);
    match dir {
        0 => days.sort_by_key(|&d| (distance(d), d)),
        1 => {
            days.retain(|&d| d > last);
            days.sort_unstable();
        }
        _ => {
            days.retain(|&d| d < first);
            days.sort_unstable_by_key(|&d| -d);
        }
    }
    days.get(n as usize - 1).copied()
}

fn placeholder(sem: &Sem) -> String {
    match sem {
        Sem::Cal { y: Some(y), m, d } => format!("{}-{:02}-{:02}", fmt_year(*y), m, d),
        Sem::Cal { m, d, .. } => format!("XXXX-{m:02}-{d:02}"),
        Sem::Month { m, .. } => format!("XXXX-{m:02}"),
        Sem::Wd { wd, .. } | Sem::WdOfWeek { wd, .. } => format!("XXXX-WXX-{wd}"),
        Sem::DayRel(_) | Sem::Holiday { .. } => "XXXX-XX-XX".into(),
        Sem::Anaph { unit, .. } | Sem::UnitRel { unit, .. } | Sem::Offset { unit, .. } => {
            match unit {
                Unit::Week => "XXXX-WXX".into(),
                Unit::Month => "XXXX-XX".into(),
                Unit::Quarter => "XXXX-QX".into(),
                Unit::Year => "XXXX".into(),
                Unit::Decade => "XXX".into(),
                Unit::Century => "XX".into(),
                _ => "XXXX-XX-XX".into(),
            }
        }
        Sem::Quarter { q, .. } => format!("XXXX-Q{q}"),
        Sem::AnaphQuarter => "XXXX-QX".into(),
        Sem::Half { h, .. } => format!("XXXX-H{h}"),
        Sem::Season { s, .. } => format!("XXXX-{s}"),
        Sem::Weekend { .. } => "XXXX-WXX-WE".into(),
        Sem::Clock { base, h, m, s } => {
            let b = base
                .as_deref()
                .map(placeholder)
                .unwrap_or_else(|| "XXXX-XX-XX".into());
            match s {
                Some(s) => format!("{b}T{h:02}:{m:02}:{s:02}"),
                None => format!("{b}T{h:02}:{m:02}"),
            }
        }
        Sem::Pod { base, pod } => format!("{}T{}", placeholder(base), pod),
        Sem::WeekOf(_) => "XXXX-WXX".into(),
        Sem::YearEarlier(_) | Sem::SameTimeLastYear => "XXXX".into(),
        Sem::YearEarlierPeriod(_) => "XXXX-QX".into(),
        Sem::PeriodOfYear(y) => format!("{}-QX", fmt_year(*y)),
        Sem::NthWd { .. } | Sem::NthDayOf { .. } | Sem::DayOf { .. } | Sem::WdCount { .. } => {
            "XXXX-XX-XX".into()
        }
        Sem::NthWeekendOf { .. } => "XXXX-WXX-WE".into(),
        Sem::NthWeekOf { .. } => "XXXX-WXX".into(),
        Sem::CalWd { m, d, .. } => format!("XXXX-{m:02}-{d:02}"),
        Sem::WdDay { d, .. } => format!("XXXX-XX-{d:02}"),
        Sem::DaysFrom { .. } | Sem::NthFrom { .. } => "XXXX-XX-XX".into(),
        Sem::Year(y) => fmt_year(*y),
        Sem::Decade(d) => format!("{d:03}"),
        Sem::Century(c) => format!("{c:02}"),
        Sem::Lit(s) => s.clone(),
    }
}

fn year_of(spec: YSpec, ref_day: Option<i64>) -> Option<i32> {
    match spec {
        YSpec::Abs(y) => Some(y),
        YSpec::Rel(n) => ref_day.map(|r| civil_from_days(r).0 + n as i32),
        YSpec::Infer => None,
    }
}

/// Resolves a meaning to a value and says what it was resolved against.
pub fn resolve(sem: &Sem, r: &Res) -> (V, Anchor) {
    match resolve_inner(sem, r) {
        Some(x) => x,
        None => (V::Lit(placeholder(sem)), Anchor::None),
    }
}

fn resolve_inner(sem: &Sem, r: &Res) -> Option<(V, Anchor)> {
    use Anchor::*;
    // Absolute values need no anchor.
    match sem {
        Sem::Cal { y: Some(y), m, d } => return Some((V::Day(days_from_civil(*y, *m, *d)), None)),
        Sem::Month {
            m,
            y: YSpec::Abs(y),
        } => return Some((V::Month(*y, *m), None)),
        Sem::Quarter {
            q,
            y: YSpec::Abs(y),
        } => return Some((V::Quarter(*y, *q), None)),
        Sem::Half {
            h,
            y: YSpec::Abs(y),
        } => return Some((V::Half(*y, *h), None)),
        Sem::Season {
            s,
            y: YSpec::Abs(y),
        } => return Some((V::Season(*y, s), None)),
        Sem::Holiday {
            h,
            y: YSpec::Abs(y),
        } => return Some((V::Day(h.day_in(*y)?), None)),
        Sem::Year(y) => return Some((V::Year(*y), None)),
        Sem::Decade(d) => return Some((V::Decade(*d), None)),
        Sem::Century(c) => return Some((V::Century(*c), None)),
        Sem::Lit(s) => return Some((V::Lit(s.clone()), None)),
        Sem::Clock {
            base: Option::None,
            h,
            m,
            s,
        } => return clock_in_context(r, *h, *m, *s),
        Sem::Clock {
            base: Some(b),
            h,
            m,
            s,
        } => {
            let (bv, a) = resolve_inner(b, r)?;
            let d = bv.first_day()?;
            return Some((V::Clock(d, *h, *m, *s), a));
        }
        Sem::Pod { base, pod } => {
            let (bv, a) = resolve_inner(base, r)?;
            let d = bv.first_day()?;
            return Some((V::Pod(d, pod), a));
        }
        Sem::WeekOf(b) => {
            let (bv, a) = resolve_inner(b, r)?;
            return Some((at_grain(bv.first_day()?, Unit::Week), a));
        }
        Sem::Anaph { unit, n } => return anaphoric(r, *unit, *n),
        Sem::AnaphQuarter => {
            if let Some(V::Quarter(y, q)) = r.prev.or(r.last_quarter) {
                return Some((V::Quarter(*y, *q), Prev));
            }
        }
        Sem::YearEarlierPeriod(n) => {
            if let Some(V::Half(y, h)) = r.last_quarter {
                return Some((V::Half(y - *n as i32, *h), Prev));
            }
        }
        Sem::YearEarlier(n) => {
            // In results reporting "a year earlier" is the same quarter of the year before.
            if let Some(p) = r.prev {
                let v = match *p {
                    V::Quarter(y, q) => Some(V::Quarter(y - *n as i32, q)),
                    V::Half(y, h) => Some(V::Half(y - *n as i32, h)),
                    V::Month(y, m) => Some(V::Month(y - *n as i32, m)),
                    _ => Option::None,
                };
                if let Some(v) = v {
                    return Some((v, Prev));
                }
            }
        }
        _ => {}
    }
    let rd = r.ref_day?;
    match sem {
        Sem::Cal { .. }
        | Sem::Wd { .. }
        | Sem::WdOfWeek { .. }
        | Sem::DayRel { .. }
        | Sem::Weekend { .. }
        | Sem::Holiday { .. }
        | Sem::SameTimeLastYear
        | Sem::DayOf { .. }
        | Sem::DaysFrom { .. }
        | Sem::WdDay { .. }
        | Sem::CalWd { .. }
        | Sem::WdCount { .. } => resolve_day(sem, r, rd),
        Sem::Month { .. }
        | Sem::UnitRel { .. }
        | Sem::Offset { .. }
        | Sem::Quarter { .. }
        | Sem::AnaphQuarter
        | Sem::Half { .. }
        | Sem::Season { .. }
        | Sem::YearEarlier { .. }
        | Sem::YearEarlierPeriod { .. }
        | Sem::PeriodOfYear { .. } => resolve_period(sem, r, rd),
        Sem::NthFrom { .. }
        | Sem::NthWd { .. }
        | Sem::NthWeekendOf { .. }
        | Sem::NthWeekOf { .. }
        | Sem::NthDayOf { .. } => resolve_nth(sem, r),
        _ => Option::None,
    }
}

/// A clock time with no day of its own: on the day just mentioned, else on the publication
/// day (the next day when a bare time already passed).
fn clock_in_context(r: &Res, h: u32, m: u32, s: Option<u32>) -> Option<(V, Anchor)> {
    use Anchor::*;
    let day_grain = matches!(r.prev, Some(V::Day(_) | V::Pod(..) | V::Clock(..)));
    if let Some(d) = r
        .prev
        .and_then(V::first_day)
        .filter(|_| r.prev_near || day_grain)
    {
        return Some((V::Clock(d, h, m, s), Prev));
    }
    let mut d = r.ref_day?;
    // A bare clock time already past reads as the next one ("at 3am" said at 4:30).
    if r.bare_future
        && r.ref_sec
            .is_some_and(|rs| ((h * 3600 + m * 60) as i64) < rs)
    {
        d += 1;
    }
    Some((V::Clock(d, h, m, s), Published))
}

/// "That day", "the same week": the unit of the time just mentioned, else of the publication
/// date, `n` units on.
fn anaphoric(r: &Res, unit: Unit, n: i64) -> Option<(V, Anchor)> {
    use Anchor::*;
    // "that same day" after "in October": the day is in October but unknown.
    match (r.prev, unit) {
        (Some(V::Month(y, m)), Unit::Day) => {
            return Some((V::Lit(format!("{}-{:02}-XX", fmt_year(*y), m)), Prev))
        }
        (Some(V::Year(y)), Unit::Day) => {
            return Some((V::Lit(format!("{}-XX-XX", fmt_year(*y))), Prev))
        }
        (Some(V::Year(y)), Unit::Week) => {
            return Some((V::Lit(format!("{}-WXX", fmt_year(*y))), Prev))
        }
        (Some(V::Year(y)), Unit::Month) => {
            return Some((V::Lit(format!("{}-XX", fmt_year(*y))), Prev))
        }
        _ => {}
    }
    if let Some(p) = r.prev.and_then(V::first_day) {
        return Some((at_grain(shift_day(p, unit, n), unit), Prev));
    }
    let rd = r.ref_day?;
    Some((at_grain(shift_day(rd, unit, n), unit), Published))
}

/// Days and weekends against the reference day `rd`: calendar dates without a year, weekdays,
/// holidays, "the day after …", "Monday the 3rd".
fn resolve_day(sem: &Sem, r: &Res, rd: i64) -> Option<(V, Anchor)> {
    use Anchor::*;
    let (ry, _, _) = civil_from_days(rd);
    let v = match sem {
        Sem::Cal { m, d, .. } => {
            let f = |y: i32| valid_date(y, *m, *d).then(|| days_from_civil(y, *m, *d));
            // A date within a few months of publication is that nearest one, whatever the
            // tense of the clause ("said … by Jan. 14"); further away the tense decides.
            let near = pick_year(rd, Tense::Unknown, f)?;
            if r.bare_future && r.tense == Tense::Unknown {
                V::Day(pick_year(rd, Tense::Future, f).unwrap_or(near))
            } else if (near - rd).abs() <= 120 && !r.verb_adjacent || r.tense == Tense::Unknown {
                V::Day(near)
            } else {
                V::Day(pick_year(rd, r.tense, f).unwrap_or(near))
            }
        }
        Sem::Wd { wd, rel } => {
            let rwd = weekday(rd) as i64;
            let back = (rwd - *wd as i64).rem_euclid(7);
            let fwd = (*wd as i64 - rwd).rem_euclid(7);
            let day = match rel {
                -1 => rd - if back == 0 { 7 } else { back },
                // "next Wednesday": the Wednesday of next week.
                1 => rd - rwd + 1 + 7 + (*wd as i64 - 1),
                2 => match r.tense {
                    Tense::Past => rd - back,
                    _ => rd + fwd,
                },
                _ => match r.tense {
                    _ if back == 0 && !r.bare_future => rd,
                    Tense::Future => rd + if fwd == 0 { 7 } else { fwd },
                    Tense::Unknown if r.bare_future => rd + if fwd == 0 { 7 } else { fwd },
                    _ => rd - back,
                },
            };
            V::Day(day)
        }
        Sem::WdOfWeek { wd, week } => {
            let monday = rd - weekday(rd) as i64 + 1 + 7 * week;
            V::Day(monday + *wd as i64 - 1)
        }
        Sem::DayRel(n) => V::Day(rd + n),
        Sem::Weekend { rel } => {
            let (wy, w) = iso_week(rd);
            let wd = weekday(rd);
            let this = (wy, w);
            let base = match rel {
                -1 => iso_week(rd - if wd >= 6 { 7 } else { wd as i64 }),
                1 => iso_week(rd + 7),
                _ => match r.tense {
                    Tense::Past if wd < 6 => iso_week(rd - 7),
                    _ => this,
                },
            };
            V::Weekend(base.0, base.1)
        }
        Sem::Holiday { h, y } => match y {
            YSpec::Rel(-1000) => V::Day(pick_holiday(rd - 1, Tense::Past, *h)?),
            YSpec::Rel(1000) => V::Day(pick_holiday(rd + 1, Tense::Future, *h)?),
            YSpec::Rel(n) => V::Day(h.day_in(ry + *n as i32)?),
            // A holiday named on its own is this year's; in a clause, the tense decides.
            _ if r.bare_future && r.tense == Tense::Unknown => {
                V::Day(pick_holiday(rd, Tense::Future, *h)?)
            }
            _ => V::Day(pick_holiday(rd, r.tense, *h)?),
        },
        Sem::SameTimeLastYear => V::Day(shift_day(rd, Unit::Year, -1)),
        Sem::DayOf { d, month } => {
            let (mv, _) = resolve_inner(month, r)?;
            let V::Month(y, m) = mv else {
                return Option::None;
            };
            // "on the 24th" with no month: this month's, or the next or last one's when the
            // day has already passed or is still to come and the clause points that way.
            let implicit = matches!(
                **month,
                Sem::UnitRel {
                    unit: Unit::Month,
                    n: 0
                }
            );
            let tense = if r.bare_future && r.tense == Tense::Unknown {
                Tense::Future
            } else {
                r.tense
            };
            let (_, _, rday) = civil_from_days(rd);
            let (y, m) = match tense {
                Tense::Future if implicit && *d < rday => add_months(y, m, 1),
                Tense::Past if implicit && *d > rday => add_months(y, m, -1),
                _ => (y, m),
            };
            if !valid_date(y, m, *d) {
                return Option::None;
            }
            V::Day(days_from_civil(y, m, *d))
        }
        Sem::DaysFrom { base, n } => {
            let (bv, _) = resolve_inner(base, r)?;
            V::Day(bv.first_day()? + n)
        }
        Sem::WdDay { wd, d } => {
            let tense = if r.bare_future && r.tense == Tense::Unknown {
                Tense::Future
            } else {
                r.tense
            };
            let (ry, rm, _) = civil_from_days(rd);
            let fits = |k: i64| {
                let (y, m) = add_months(ry, rm, k);
                let day = valid_date(y, m, *d).then(|| days_from_civil(y, m, *d))?;
                (weekday(day) == *wd).then_some(day)
            };
            let found: Vec<i64> = (-14..=14).filter_map(fits).collect();
            let day = match tense {
                Tense::Future => found.iter().copied().filter(|&x| x >= rd).min(),
                Tense::Past => found.iter().copied().filter(|&x| x <= rd).max(),
                Tense::Unknown => found.iter().copied().min_by_key(|&x| (x - rd).abs()),
            }?;
            V::Day(day)
        }
        Sem::CalWd { m, d, wd } => {
            // The year next to the reference in which the date falls on that weekday, in the
            // direction the clause points; otherwise the date as for a plain month and day.
            let fits = |y: i32| valid_date(y, *m, *d) && weekday(days_from_civil(y, *m, *d)) == *wd;
            let tense = if r.bare_future && r.tense == Tense::Unknown {
                Tense::Future
            } else {
                r.tense
            };
            let best = pick_year(rd, tense, |y| fits(y).then(|| days_from_civil(y, *m, *d)));
            match best {
                Some(day) => V::Day(day),
                Option::None => V::Day(pick_year(rd, Tense::Unknown, |y| {
                    valid_date(y, *m, *d).then(|| days_from_civil(y, *m, *d))
                })?),
            }
        }
        Sem::WdCount { wd, n } => {
            let rwd = weekday(rd) as i64;
            let day = if *n > 0 {
                let fwd = (*wd as i64 - rwd).rem_euclid(7);
                rd + if fwd == 0 { 7 } else { fwd } + 7 * (n - 1)
            } else {
                let back = (rwd - *wd as i64).rem_euclid(7);
                rd - if back == 0 { 7 } else { back } - 7 * (-n - 1)
            };
            V::Day(day)
        }
        _ => return Option::None,
    };
    Some((v, Published))
}

/// Months and longer periods against the reference day `rd`: months, quarters, halves,
/// seasons, "next month", "three years ago".
fn resolve_period(sem: &Sem, r: &Res, rd: i64) -> Option<(V, Anchor)> {
    use Anchor::*;
    let (ry, rm, _) = civil_from_days(rd);
    let v = match sem {
        Sem::Month { m, y } => match y {
            // "last April": the latest April before this month; "next March": the first after.
            YSpec::Rel(-100) => V::Month(if *m < rm { ry } else { ry - 1 }, *m),
            YSpec::Rel(100) => V::Month(if *m > rm { ry } else { ry + 1 }, *m),
            YSpec::Rel(n) => V::Month(ry + *n as i32, *m),
            _ => {
                let months = |y: i32, m: u32| y as i64 * 12 + m as i64;
                let here = months(ry, rm);
                let near = (ry - 1..=ry + 1)
                    .min_by_key(|&y| (months(y, *m) - here).abs())
                    .unwrap_or(ry);
                let y = if r.bare_future && r.tense == Tense::Unknown {
                    if *m < rm {
                        ry + 1
                    } else {
                        ry
                    }
                } else if (months(near, *m) - here).abs() <= 2 && !r.verb_adjacent
                    || r.tense == Tense::Unknown
                {
                    near
                } else {
                    match r.tense {
                        Tense::Past if *m > rm => ry - 1,
                        Tense::Future if *m < rm => ry + 1,
                        _ => ry,
                    }
                };
                V::Month(y, *m)
            }
        },
        Sem::UnitRel { unit, n } => at_grain(shift_day(rd, *unit, *n), *unit),
        Sem::Offset { unit, n } => {
            let n = (*n)?;
            if let (Some(rs), Unit::Second | Unit::Minute | Unit::Hour) = (r.ref_sec, unit) {
                let step = match unit {
                    Unit::Second => 1,
                    Unit::Minute => 60,
                    _ => 3600,
                };
                let t = rd * 86400 + rs + n * step;
                let (day, sec) = (t.div_euclid(86400), t.rem_euclid(86400));
                let secs = (sec % 60 != 0 || *unit == Unit::Second).then_some((sec % 60) as u32);
                return Some((
                    V::Clock(day, (sec / 3600) as u32, (sec / 60 % 60) as u32, secs),
                    Published,
                ));
            }
            let d = shift_day(rd, *unit, n);
            match unit {
                Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week => V::Day(d),
                Unit::Month => at_grain(d, Unit::Month),
                _ => at_grain(d, Unit::Year),
            }
        }
        Sem::Quarter { q, y } => {
            let rq = (rm - 1) / 3 + 1;
            let y = match y {
                YSpec::Rel(n) => ry + *n as i32,
                // Quarters are reported after they end: never move one forward by tense alone.
                _ => match r.tense {
                    Tense::Past if *q > rq => ry - 1,
                    _ => ry,
                },
            };
            V::Quarter(y, *q)
        }
        Sem::AnaphQuarter => {
            // In earnings news "the quarter" is the one just reported.
            let rq = (rm - 1) / 3 + 1;
            if rq == 1 {
                V::Quarter(ry - 1, 4)
            } else {
                V::Quarter(ry, rq - 1)
            }
        }
        Sem::Half { h, y } => {
            let y = year_of(*y, Some(rd)).unwrap_or(ry);
            V::Half(y, *h)
        }
        Sem::Season { s, y } => match y {
            YSpec::Rel(n) => {
                // The latest instance of the season that has begun by the reference date.
                let start = season_start_month(s);
                let latest = if start <= rm { ry } else { ry - 1 };
                let current = *s == season_of_month(rm);
                let y = match (*n, current) {
                    (0, true) => latest,
                    // "this summer" is this calendar year's, ahead or behind.
                    (0, false) if *s == "WI" => ry,
                    (0, false) => ry,
                    (n, true) => latest + n as i32,
                    (n, false) if n < 0 => latest + n as i32 + 1,
                    (n, false) => latest + n as i32,
                };
                V::Season(y, s)
            }
            _ => {
                let start = season_start_month(s);
                let y = match r.tense {
                    Tense::Past if start > rm && *s != "WI" => ry - 1,
                    Tense::Future if start < rm && !(*s == "WI" && rm <= 2) => ry + 1,
                    _ if *s == "WI" && rm <= 2 => ry - 1,
                    _ => ry,
                };
                V::Season(y, s)
            }
        },
        Sem::YearEarlier(n) => V::Year(ry - *n as i32),
        Sem::YearEarlierPeriod(n) => {
            let (y, q) = focus_quarter(r, ry, rm);
            V::Quarter(y - *n as i32, q)
        }
        Sem::PeriodOfYear(y) => match r.last_quarter {
            Some(V::Half(_, h)) => V::Half(*y, *h),
            _ => V::Quarter(*y, focus_quarter(r, ry, rm).1),
        },
        _ => return Option::None,
    };
    Some((v, Published))
}

/// Counted expressions (reached only with a reference day): "the second Monday of May",
/// "the first week of March", "the third day from now".
fn resolve_nth(sem: &Sem, r: &Res) -> Option<(V, Anchor)> {
    use Anchor::*;
    let v = match sem {
        Sem::NthFrom { n, what, base, dir } => {
            let (first, last) = resolve_inner(base, r)?.0.day_span()?;
            V::Day(nth_from(what, *n, first, last, *dir)?)
        }
        Sem::NthWd { n, wd, month } => {
            let (mv, _) = resolve_inner(month, r)?;
            if let V::Year(y) = mv {
                let (first, last) = (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31));
                let d = if *n > 0 {
                    weekday_on_or_after(first, *wd) + 7 * (*n as i64 - 1)
                } else {
                    last - (weekday(last) as i64 - *wd as i64).rem_euclid(7) - 7 * (-*n as i64 - 1)
                };
                return (first..=last)
                    .contains(&d)
                    .then_some((V::Day(d), Published));
            }
            let V::Month(y, m) = mv else {
                return Option::None;
            };
            let d = nth_weekday(y, m, *wd, *n);
            let (_, dm, _) = civil_from_days(d);
            if dm != m {
                return Option::None;
            }
            V::Day(d)
        }
        Sem::NthWeekendOf { n, month } => {
            let (mv, _) = resolve_inner(month, r)?;
            let V::Month(y, m) = mv else {
                return Option::None;
            };
            let saturday = nth_weekday(y, m, 6, *n);
            if civil_from_days(saturday).1 != m {
                return Option::None;
            }
            let (wy, w) = iso_week(saturday);
            V::Weekend(wy, w)
        }
        Sem::NthWeekOf { n, period } => {
            let (first, last) = match resolve_inner(period, r)?.0 {
                V::Month(y, m) => (
                    days_from_civil(y, m, 1),
                    days_from_civil(y, m, month_len(y, m)),
                ),
                V::Year(y) => (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)),
                _ => return Option::None,
            };
            let monday = if *n > 0 {
                weekday_on_or_after(first, 1) + 7 * (*n as i64 - 1)
            } else {
                let last_sunday = last - (weekday(last) as i64).rem_euclid(7);
                last_sunday - 6 - 7 * (-*n as i64 - 1)
            };
            if monday < first || monday + 6 > last {
                return Option::None;
            }
            let (y, w) = iso_week(monday);
            V::Week(y, w)
        }
        Sem::NthDayOf { n, month } => {
            let (mv, _) = resolve_inner(month, r)?;
            let V::Month(y, m) = mv else {
                return Option::None;
            };
            let len = month_len(y, m) as i32;
            let d = if *n > 0 { *n } else { len + 1 + *n };
            if !(1..=len).contains(&d) {
                return Option::None;
            }
            V::Day(days_from_civil(y, m, d as u32))
        }
        _ => return Option::None,
    };
    Some((v, Published))
}

//! Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).

use dateline_core::calendar;
pub use dateline_core::calendar::weekday;

/// Day number of a civil date ([`calendar::days_from_civil`] with the grammar's `i32` years).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    calendar::days_from_civil(y as i64, m, d)
}

/// Civil date of a day number ([`calendar::civil_from_days`]).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let (y, m, d) = calendar::civil_from_days(z);
    (y as i32, m, d)
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid_date(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= month_len(y, m)
}

/// ISO week-numbering year and week of a day ([`calendar::iso_week`]).
pub fn iso_week(day: i64) -> (i32, u32) {
    let (y, w) = calendar::iso_week(day);
    (y as i32, w)
}

/// The Monday of an ISO week ([`calendar::iso_week_monday`]).
pub fn iso_week_monday(y: i32, w: u32) -> i64 {
    calendar::iso_week_monday(y as i64, w)
}

/// Adds months to a (year, month) pair.
pub fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

/// Adds months to a day, clamping the day of month.
pub fn add_months_day(day: i64, n: i64) -> i64 {
    let (y, m, d) = civil_from_days(day);
    let (y2, m2) = add_months(y, m, n);
    days_from_civil(y2, m2, d.min(month_len(y2, m2)))
}

/// The n-th (1-based; negative counts from the end) given weekday of a month.
pub fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> i64 {
    if n > 0 {
        let first = days_from_civil(y, m, 1);
        let shift = (wd as i64 - weekday(first) as i64).rem_euclid(7);
        first + shift + (n as i64 - 1) * 7
    } else {
        let last = days_from_civil(y, m, month_len(y, m));
        let shift = (weekday(last) as i64 - wd as i64).rem_euclid(7);
        last - shift + (n as i64 + 1) * 7
    }
}

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> i64 {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    days_from_civil(y, month as u32, day as u32)
}

/// Orthodox Easter Sunday: the Julian computus, shifted to the Gregorian calendar.
pub fn orthodox_easter(y: i32) -> i64 {
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian to Gregorian: 13 days in 1900–2099 (one less per century before).
    let shift = y / 100 - y / 400 - 2;
    days_from_civil(y, month as u32, day as u32) + shift as i64
}

/// Day number of R.D. 0 (Reingold & Dershowitz's fixed dates count from 0001-01-01 = 1).
const RD_OFFSET: i64 = 719_163;

fn hebrew_leap(y: i64) -> bool {
    (7 * y + 1).rem_euclid(19) < 7
}

fn hebrew_elapsed_days(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    // Molad postponements: the new year never falls on Sunday, Wednesday or Friday.
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

fn hebrew_new_year(y: i64) -> i64 {
    let (ny0, ny1, ny2) = (
        hebrew_elapsed_days(y - 1),
        hebrew_elapsed_days(y),
        hebrew_elapsed_days(y + 1),
    );
    let correction = if ny2 - ny1 == 356 {
        2
    } else if ny1 - ny0 == 382 {
        1
    } else {
        0
    };
    // The Hebrew epoch is R.D. -1373427 (7 October 3761 BCE, Julian).
    -1_373_427 + ny1 + correction - RD_OFFSET
}

fn hebrew_month_len(y: i64, m: u32) -> i64 {
    let year_len = hebrew_new_year(y + 1) - hebrew_new_year(y);
    match m {
        2 | 4 | 6 | 10 | 13 => 29,
        12 if !hebrew_leap(y) => 29,
        8 if year_len % 10 != 5 => 29,
        9 if year_len % 10 == 3 => 29,
        _ => 30,
    }
}

/// Day number of a Hebrew date. Months count from Nisan = 1 (Tishri = 7, Adar = 12,
/// Adar II = 13); the year starts at Tishri.
pub fn hebrew_day(y: i64, m: u32, d: u32) -> i64 {
    let last = if hebrew_leap(y) { 13 } else { 12 };
    let mut day = hebrew_new_year(y) + d as i64 - 1;
    if m < 7 {
        day += (7..=last).map(|k| hebrew_month_len(y, k)).sum::<i64>();
        day += (1..m).map(|k| hebrew_month_len(y, k)).sum::<i64>();
    } else {
        day += (7..m).map(|k| hebrew_month_len(y, k)).sum::<i64>();
    }
    day
}

/// The Hebrew date (month from Nisan = 1, day) that falls in Gregorian year `gy`.
/// Purim's Adar is Adar II (13) in a leap year.
pub fn hebrew_in_gregorian(gy: i32, m: u32, d: u32) -> i64 {
    // Tishri–Adar of a Gregorian year belong to the Hebrew year that began in its autumn,
    // Nisan–Elul to the one that began the autumn before.
    let hy = gy as i64 + if m >= 7 { 3761 } else { 3760 };
    let m = if m == 12 && hebrew_leap(hy) { 13 } else { m };
    let day = hebrew_day(hy, m, d);
    // Adar (and early Tevet/Shevat) of the year that began last autumn.
    if civil_from_days(day).0 != gy {
        let hy = hy - 1;
        let m2 = if m >= 12 && hebrew_leap(hy) {
            13
        } else {
            m.min(12)
        };
        return hebrew_day(hy, m2, d);
    }
    day
}

/// Day number of a date of the arithmetic (tabular) Islamic calendar, civil epoch.
/// Observed dates follow the moon and can differ by a day.
pub fn islamic_day(y: i64, m: u32, d: u32) -> i64 {
    d as i64
        + 29 * (m as i64 - 1)
        + m as i64 / 2
        + (y - 1) * 354
        + (3 + 11 * y).div_euclid(30)
        + 227_015
        - 1
        - RD_OFFSET
}

/// The first occurrence of an Islamic month/day in Gregorian year `gy` (the Islamic year is
/// eleven days shorter, so a date can fall twice in one Gregorian year). Months begin as
/// the Umm al-Qura calendar has them (see [`crate::astro::islamic_month_start`]), which
/// the arithmetic calendar can miss by a day.
pub fn islamic_in_gregorian(gy: i32, m: u32, d: u32) -> i64 {
    let approx = ((gy as i64 - 622) * 33) / 32;
    let observed = |y: i64| crate::astro::islamic_month_start(islamic_day(y, m, 1)) + d as i64 - 1;
    (approx - 2..=approx + 3)
        .map(observed)
        .filter(|&day| civil_from_days(day).0 == gy)
        .min()
        .unwrap_or_else(|| observed(approx + 1))
}

/// The weekday on or after a day (ISO weekday number).
pub fn weekday_on_or_after(day: i64, wd: u32) -> i64 {
    day + (wd as i64 - weekday(day) as i64).rem_euclid(7)
}

pub fn fmt_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{}-{:02}-{:02}", fmt_year(y), m, d)
}

pub fn fmt_year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weeks() {
        for day in -800_000..800_000i64 {
            if day % 997 != 0 {
                continue;
            }
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        let sat = days_from_civil(2025, 2, 15);
        assert_eq!(weekday(sat), 6);
        assert_eq!(iso_week(sat), (2025, 7));
        assert_eq!(iso_week_monday(2025, 9), days_from_civil(2025, 2, 24));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(easter(2025), days_from_civil(2025, 4, 20));
        assert_eq!(orthodox_easter(2018), days_from_civil(2018, 4, 8));
        assert_eq!(orthodox_easter(2020), days_from_civil(2020, 4, 19));
        assert_eq!(nth_weekday(2013, 11, 4, 4), days_from_civil(2013, 11, 28));
        assert_eq!(nth_weekday(2013, 5, 1, -1), days_from_civil(2013, 5, 27));
    }

    #[test]
    fn hebrew_and_islamic_dates() {
        // 1 Tishri 5779 = 10 September 2018; 15 Nisan 5778 = 31 March 2018.
        assert_eq!(
            hebrew_in_gregorian(2018, 7, 1),
            days_from_civil(2018, 9, 10)
        );
        assert_eq!(
            hebrew_in_gregorian(2018, 1, 15),
            days_from_civil(2018, 3, 31)
        );
        // Purim 2013 (14 Adar 5773) and in a leap year (14 Adar II 5776 = 24 March 2016).
        assert_eq!(
            hebrew_in_gregorian(2013, 12, 14),
            days_from_civil(2013, 2, 24)
        );
        assert_eq!(
            hebrew_in_gregorian(2016, 12, 14),
            days_from_civil(2016, 3, 24)
        );
        // Hanukkah 5779 began 3 December 2018.
        assert_eq!(
            hebrew_in_gregorian(2018, 9, 25),
            days_from_civil(2018, 12, 3)
        );
        // 1 Ramadan 1439 ≈ 16–17 May 2018; 1 Shawwal 1439 ≈ 15 June 2018.
        assert_eq!(
            islamic_in_gregorian(2018, 9, 1),
            days_from_civil(2018, 5, 16)
        );
        assert_eq!(
            islamic_in_gregorian(2018, 10, 1),
            days_from_civil(2018, 6, 15)
        );
    }
}

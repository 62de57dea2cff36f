//! Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), shared by
//! the time stage, the events stage and the store so that all of them agree on every date.
//!
//! ```
//! use dateline_core::calendar::{civil_from_days, days_from_civil, iso_week, weekday};
//!
//! let day = days_from_civil(2025, 2, 17);
//! assert_eq!(civil_from_days(day), (2025, 2, 17));
//! assert_eq!(weekday(day), 1); // a Monday
//! assert_eq!(iso_week(day), (2025, 8));
//! ```

/// Day number of a civil date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Civil date (year, month, day) of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// ISO weekday: Monday = 1 … Sunday = 7.
pub fn weekday(day: i64) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((day + 3).rem_euclid(7) + 1) as u32
}

/// ISO week-numbering year and week of a day.
pub fn iso_week(day: i64) -> (i64, u32) {
    let thursday = day - weekday(day) as i64 + 4;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    (y, ((thursday - jan1) / 7 + 1) as u32)
}

/// The Monday of ISO week `w` of ISO year `y`.
pub fn iso_week_monday(y: i64, w: u32) -> i64 {
    let jan4 = days_from_civil(y, 1, 4);
    jan4 - weekday(jan4) as i64 + 1 + (w as i64 - 1) * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_iso_weeks() {
        for day in [-800_000, -719_469, -1, 0, 1, 11_016, 20_136, 2_000_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(iso_week(days_from_civil(2025, 2, 24)), (2025, 9));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week_monday(2025, 9), days_from_civil(2025, 2, 24));
        assert_eq!(iso_week_monday(2020, 53), days_from_civil(2020, 12, 28));
    }
}

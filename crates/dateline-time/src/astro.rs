//! Just enough astronomy for the lunisolar calendars: the apparent longitudes of the Sun and
//! the Moon (the main periodic terms of Meeus, *Astronomical Algorithms*, ch. 25 and 47),
//! new moons, and from them the Hindu tithi, lunar month and solar sankranti, and the
//! Chinese New Year.
//!
//! Accuracy: the Moon's longitude to about 0.01°, so new and full moons within a few
//! minutes (1900–2100); good enough to date a festival to the day except when a tithi
//! boundary falls within minutes of the moment the festival is observed.
//! Times are Julian days (UT; ΔT of about a minute is ignored).

/// Julian day of 1970-01-01T00:00 UT, the grammar's day 0.
const JD_UNIX: f64 = 2_440_587.5;

/// Periodic terms of the Moon's longitude: multiples of D, M, M′, F and the coefficient
/// in 1e-6 degrees.
const MOON_TERMS: [(i8, i8, i8, i8, i32); 50] = [
    (0, 0, 1, 0, 6_288_774),
    (2, 0, -1, 0, 1_274_027),
    (2, 0, 0, 0, 658_314),
    (0, 0, 2, 0, 213_618),
    (0, 1, 0, 0, -185_116),
    (0, 0, 0, 2, -114_332),
    (2, 0, -2, 0, 58_793),
    (2, -1, -1, 0, 57_066),
    (2, 0, 1, 0, 53_322),
    (2, -1, 0, 0, 45_758),
    (0, 1, -1, 0, -40_923),
    (1, 0, 0, 0, -34_720),
    (0, 1, 1, 0, -30_383),
    (2, 0, 0, -2, 15_327),
    (0, 0, 1, 2, -12_528),
    (0, 0, 1, -2, 10_980),
    (4, 0, -1, 0, 10_675),
    (0, 0, 3, 0, 10_034),
    (4, 0, -2, 0, 8_548),
    (2, 1, -1, 0, -7_888),
    (2, 1, 0, 0, -6_766),
    (1, 0, -1, 0, -5_163),
    (1, 1, 0, 0, 4_987),
    (2, -1, 1, 0, 4_036),
    (2, 0, 2, 0, 3_994),
    (4, 0, 0, 0, 3_861),
    (2, 0, -3, 0, 3_665),
    (0, 1, -2, 0, -2_689),
    (2, 0, -1, 2, -2_602),
    (2, -1, -2, 0, 2_390),
    (1, 0, 1, 0, -2_348),
    (2, -2, 0, 0, 2_236),
    (0, 1, 2, 0, -2_120),
    (0, 2, 0, 0, -2_069),
    (2, -2, -1, 0, 2_048),
    (2, 0, 1, -2, -1_773),
    (2, 0, 0, 2, -1_595),
    (4, -1, -1, 0, 1_215),
    (0, 0, 2, 2, -1_110),
    (3, 0, -1, 0, -892),
    (2, 1, 1, 0, -810),
    (4, -1, -2, 0, 759),
    (0, 2, -1, 0, -713),
    (2, 2, -1, 0, -700),
    (2, 1, -2, 0, 691),
    (2, -1, 0, -2, 596),
    (4, 0, 1, 0, 549),
    (0, 0, 4, 0, 537),
    (4, -1, 0, 0, 520),
    (1, 0, -2, 0, -487),
];

fn centuries(jd: f64) -> f64 {
    (jd - 2_451_545.0) / 36_525.0
}

fn sin_deg(x: f64) -> f64 {
    x.to_radians().sin()
}

/// The Moon's geocentric ecliptic longitude, degrees.
pub fn moon_longitude(jd: f64) -> f64 {
    let t = centuries(jd);
    let l = 218.316_447_7 + 481_267.881_234_21 * t - 0.001_578_6 * t * t;
    let d = 297.850_192_1 + 445_267.111_403_4 * t - 0.001_881_9 * t * t;
    let m = 357.529_109_2 + 35_999.050_290_9 * t - 0.000_153_6 * t * t;
    let mp = 134.963_396_4 + 477_198.867_505_5 * t + 0.008_741_4 * t * t;
    let f = 93.272_095 + 483_202.017_523_3 * t - 0.003_653_9 * t * t;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t * t;
    let mut sum = 0.0;
    for &(cd, cm, cmp, cf, coef) in &MOON_TERMS {
        let arg = cd as f64 * d + cm as f64 * m + cmp as f64 * mp + cf as f64 * f;
        sum += coef as f64 * e.powi(cm.unsigned_abs() as i32) * sin_deg(arg);
    }
    let a1 = 119.75 + 131.849 * t;
    let a2 = 53.09 + 479_264.29 * t;
    sum += 3958.0 * sin_deg(a1) + 1962.0 * sin_deg(l - f) + 318.0 * sin_deg(a2);
    (l + sum / 1e6).rem_euclid(360.0)
}

/// The Sun's apparent longitude, degrees.
pub fn sun_longitude(jd: f64) -> f64 {
    let t = centuries(jd);
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1934.136 * t;
    (l0 + c - 0.005_69 - 0.004_78 * sin_deg(omega)).rem_euclid(360.0)
}

/// The Lahiri ayanamsa: the offset of the sidereal zodiac of Indian calendars.
fn ayanamsa(jd: f64) -> f64 {
    23.853 + (jd - 2_451_545.0) / 365.25 * 0.013_964
}

fn sidereal_sun(jd: f64) -> f64 {
    (sun_longitude(jd) - ayanamsa(jd)).rem_euclid(360.0)
}

fn sidereal_moon(jd: f64) -> f64 {
    (moon_longitude(jd) - ayanamsa(jd)).rem_euclid(360.0)
}

/// The Moon's elongation from the Sun, degrees (0 = new moon, 180 = full).
fn elongation(jd: f64) -> f64 {
    (moon_longitude(jd) - sun_longitude(jd)).rem_euclid(360.0)
}

/// The first moment after `jd` at which the elongation is `target` degrees.
fn phase_after(jd: f64, target: f64) -> f64 {
    // The elongation grows by about 12.19° a day.
    let mut t = jd + (target - elongation(jd)).rem_euclid(360.0) / 12.19;
    for _ in 0..8 {
        let diff = (target - elongation(t) + 180.0).rem_euclid(360.0) - 180.0;
        t += diff / 12.19;
    }
    t
}

/// Day number (days since 1970-01-01) to Julian day at a given hour of UT.
fn jd_at(day: i64, hours_ut: f64) -> f64 {
    JD_UNIX + day as f64 + hours_ut / 24.0
}

/// The civil day (at a UT offset in hours) containing a Julian day.
fn day_of(jd: f64, offset_hours: f64) -> i64 {
    (jd - JD_UNIX + offset_hours / 24.0).floor() as i64
}

/// When in the Indian civil day a festival is kept: the tithi in force at that moment
/// decides the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    Sunrise,
    Midday,
    Afternoon,
    /// Pradosh: the first hours after sunset.
    Evening,
    Moonrise,
    Midnight,
}

const IST: f64 = 5.5;

/// Hours (IST) of the moment of a day; sunrise and sunset follow the season at about
/// Delhi's latitude.
fn observed_hour(day: i64, at: Observed) -> f64 {
    let (_, m, d) = crate::cal::civil_from_days(day);
    let doy = (m as f64 - 1.0) * 30.44 + d as f64;
    let swing = 0.93 * (2.0 * std::f64::consts::PI * (doy + 10.0) / 365.25).cos();
    match at {
        Observed::Sunrise => 6.3 + swing,
        Observed::Midday => 12.3,
        Observed::Afternoon => 15.0,
        Observed::Evening => 18.3 - swing + 0.8,
        Observed::Moonrise => 20.5,
        Observed::Midnight => 24.0,
    }
}

fn tithi_at(jd: f64) -> u32 {
    (elongation(jd) / 12.0) as u32 + 1
}

/// The Gregorian day of a Hindu lunar festival in year `y`: the day in the amanta month
/// `month` (0 = Chaitra … 11 = Phalguna) at whose observance moment the tithi `tithi`
/// (1–15 bright half, 16–30 dark half, 30 = amavasya) is in force. Leap (adhika) months,
/// in which no sankranti falls, are skipped.
pub fn lunar_festival(y: i32, month: u32, tithi: u32, at: Observed) -> Option<i64> {
    let start = crate::cal::days_from_civil(y - 1, 11, 15);
    let mut new_moon = phase_after(jd_at(start, 0.0), 0.0);
    for _ in 0..16 {
        let next = phase_after(new_moon + 1.0, 0.0);
        let sign0 = (sidereal_sun(new_moon) / 30.0) as u32 % 12;
        let sign1 = (sidereal_sun(next) / 30.0) as u32 % 12;
        if sign0 != sign1 && (sign0 + 1) % 12 == month {
            let first = day_of(new_moon, IST);
            let last = day_of(next, IST);
            let moment = |day: i64| jd_at(day, observed_hour(day, at) - IST);
            let in_month = |day: i64| (new_moon..next).contains(&moment(day));
            let found = (first..=last)
                .find(|&d| in_month(d) && tithi_at(moment(d)) == tithi)
                // A tithi that spans no observance moment (kshaya) is kept the day it begins.
                .or_else(|| {
                    (first..=last)
                        .find(|&d| in_month(d) && tithi_at(moment(d)) > tithi)
                        .map(|d| d - 1)
                });
            if let Some(d) = found.filter(|&d| crate::cal::civil_from_days(d).0 == y) {
                return Some(d);
            }
        }
        new_moon = next;
    }
    None
}

/// The day (IST) the Sun enters sidereal sign `sign` (0 = Mesha … 9 = Makara) in year `y`;
/// a transit after sunset counts for the next day.
pub fn sankranti(y: i32, sign: u32) -> Option<i64> {
    let target = sign as f64 * 30.0;
    let past = |jd: f64| (sidereal_sun(jd) - target).rem_euclid(360.0) < 180.0;
    let first = crate::cal::days_from_civil(y, 1, 1);
    let last = crate::cal::days_from_civil(y, 12, 31);
    let day = (first..=last).find(|&d| !past(jd_at(d, 0.0)) && past(jd_at(d + 1, 0.0)))?;
    let (mut lo, mut hi) = (jd_at(day, 0.0), jd_at(day + 1, 0.0));
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let local = day_of(hi, IST);
    let hour = (hi - jd_at(local, -IST)) * 24.0;
    let sunset = observed_hour(local, Observed::Evening) - 0.8;
    Some(if hour > sunset { local + 1 } else { local })
}

/// Onam (Thiruvonam): the day in the solar month Chingam (Sun in Simha) on which the Moon
/// is in the Shravana nakshatra at sunrise.
pub fn onam(y: i32) -> Option<i64> {
    let from = crate::cal::days_from_civil(y, 8, 1);
    (from..from + 62).find(|&d| {
        let jd = jd_at(d, observed_hour(d, Observed::Sunrise) - IST);
        (sidereal_sun(jd) / 30.0) as u32 == 4 && (280.0..293.34).contains(&sidereal_moon(jd))
    })
}

/// The first day of an Islamic month as Saudi Arabia's Umm al-Qura calendar reckons it: the
/// day after the evening on which the conjunction has happened before sunset in Mecca.
/// `approx` is the month's first day by the arithmetic calendar, at most a few days off.
pub fn islamic_month_start(approx: i64) -> i64 {
    let conjunction = phase_after(jd_at(approx - 4, 0.0), 0.0);
    const MECCA: f64 = 3.0;
    let local_day = day_of(conjunction, MECCA);
    let hour = (conjunction - jd_at(local_day, -MECCA)) * 24.0;
    let (_, m, d) = crate::cal::civil_from_days(local_day);
    let doy = (m as f64 - 1.0) * 30.44 + d as f64;
    // Sunset in Mecca: about 17:40 in December, 19:05 in June (local time).
    let sunset = 18.37 - 0.7 * (2.0 * std::f64::consts::PI * (doy + 10.0) / 365.25).cos();
    if hour < sunset {
        local_day + 1
    } else {
        local_day + 2
    }
}

/// Chinese New Year: the second new moon after the December solstice, in China's time.
pub fn chinese_new_year(y: i32) -> i64 {
    let mut jd = jd_at(crate::cal::days_from_civil(y - 1, 12, 1), 0.0);
    while !(270.0..280.0).contains(&sun_longitude(jd)) {
        jd += 1.0;
    }
    let first = phase_after(jd, 0.0);
    let second = phase_after(first + 1.0, 0.0);
    day_of(second, 8.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cal::days_from_civil;

    #[test]
    fn new_moons_within_minutes() {
        // New moon 2019-10-28 03:38 UT; full moon 2019-03-21 01:43 UT.
        let nm = phase_after(jd_at(days_from_civil(2019, 10, 27), 0.0), 0.0);
        let expect = jd_at(days_from_civil(2019, 10, 28), 3.0 + 38.0 / 60.0);
        assert!((nm - expect).abs() * 24.0 * 60.0 < 10.0, "{nm} vs {expect}");
        let fm = phase_after(jd_at(days_from_civil(2019, 3, 20), 0.0), 180.0);
        let expect = jd_at(days_from_civil(2019, 3, 21), 1.0 + 43.0 / 60.0);
        assert!((fm - expect).abs() * 24.0 * 60.0 < 10.0, "{fm} vs {expect}");
    }

    #[test]
    fn festivals_of_the_lunisolar_calendars() {
        let day = days_from_civil;
        // Diwali 2019 (Ashvin amavasya at dusk), Holika Dahan 2019, Ugadi 2018.
        assert_eq!(
            lunar_festival(2019, 6, 30, Observed::Evening),
            Some(day(2019, 10, 27))
        );
        assert_eq!(
            lunar_festival(2019, 11, 15, Observed::Evening),
            Some(day(2019, 3, 20))
        );
        assert_eq!(
            lunar_festival(2018, 0, 1, Observed::Sunrise),
            Some(day(2018, 3, 18))
        );
        assert_eq!(sankranti(2018, 9), Some(day(2018, 1, 14)));
        // after sunset: the next day
        assert_eq!(sankranti(2019, 9), Some(day(2019, 1, 15)));
        assert_eq!(chinese_new_year(2014), day(2014, 1, 31));
        assert_eq!(chinese_new_year(2033), day(2033, 1, 31));
        assert_eq!(onam(2019), Some(day(2019, 9, 11)));
    }
}

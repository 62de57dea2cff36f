//! Clock times: "3:30pm", "at 8", "half past two", 24-hour times, ranges and time zones.

use super::*;

impl Grammar<'_> {
    /// A bare four-digit 24-hour clock ("at 1030", "around 2200 on Friday"): only after "at"
    /// or an approximation word, a valid hour and minute, and nothing after it that would make
    /// the number a count ("at 1500 metres", "about 1500 people") or a year ("at 1030 AD").
    pub(super) fn bare_24h_clock(&self, i: usize, j: usize, k: usize, explicit_at: bool) -> bool {
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
    pub(super) fn hour_minute(&self, i: usize) -> Option<HourMinute> {
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
    pub(super) fn clock_range_first(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn finish_clock(
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

    pub(super) fn hour_word(&self, i: usize) -> Option<(i64, usize)> {
        let w = self.low(i);
        let v = words::cardinal_word(w)?;
        if (1..=12).contains(&v) {
            Some((v, i + 1))
        } else {
            None
        }
    }

    /// am/pm in its spellings: pm, p.m., p, PM, "a m".
    pub(super) fn ampm(&self, i: usize) -> Option<(bool, usize)> {
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
    pub(super) fn letter_hour(&self, i: usize) -> bool {
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
    pub(super) fn in_the_pod(&self, i: usize) -> Option<(bool, usize)> {
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

    pub(super) fn tz(&self, i: usize) -> Option<usize> {
        self.zone_at(i).map(|(_, e)| e)
    }

    /// A time zone after a clock time ("GMT", "(BST)", "pst") with its offset in minutes
    /// east of UTC when the abbreviation fixes one ("ET" may be EST or EDT: no offset).
    pub(super) fn zone_at(&self, i: usize) -> Option<(Option<i32>, usize)> {
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
}

/// Moves an hour into a part of day: "this evening at 8" = 20:00.
pub(super) fn adjust_hour(h: u32, pod: &str) -> u32 {
    match pod {
        "AF" | "EV" | "NI" if h < 12 && !(pod == "NI" && h < 5) => h + 12,
        "MO" if h == 12 => 0,
        _ => h,
    }
}

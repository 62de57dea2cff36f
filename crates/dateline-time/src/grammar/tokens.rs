//! Shared core of the grammar: token access and the word classes (numbers, ordinals,
//! day numbers, years, months, weekdays) that the rule families test.

use super::*;

impl Grammar<'_> {
    pub(super) fn t(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    pub(super) fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }
    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }
    pub(super) fn any(&self, i: usize, ws: &[&str]) -> bool {
        ws.contains(&self.low(i))
    }
    /// True when token i directly follows token i-1 with no space.
    pub(super) fn glued(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| !t.space_before)
    }
    pub(super) fn num(&self, i: usize) -> Option<i64> {
        self.t(i).and_then(Tok::num)
    }
    pub(super) fn numlen(&self, i: usize) -> usize {
        self.t(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.low.len())
    }
    pub(super) fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub(super) fn cap(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.cap)
    }
    /// Skips an optional "." glued to token i-1.
    pub(super) fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// True when a number at i is part of a longer numeric string (phone, score, id).
    pub(super) fn numeric_chain_before(&self, i: usize) -> bool {
        i >= 2
            && self.glued(i)
            && matches!(self.low(i - 1), "-" | "." | "/" | ":" | ",")
            && self.glued(i - 1)
            && self.t(i - 2).is_some_and(|t| t.kind == Kind::Num)
            || i >= 1 && self.glued(i) && matches!(self.low(i - 1), "$" | "£" | "€" | "#" | "+")
    }
    pub(super) fn numeric_chain_after(&self, end: usize) -> bool {
        matches!(self.low(end), "-" | "." | "/" | ":" | ",")
            && self.glued(end)
            && self.glued(end + 1)
            && self.t(end + 1).is_some_and(|t| t.kind == Kind::Num)
            || self.glued(end) && matches!(self.low(end), "%")
            || self.is(end, "per") && self.is(end + 1, "cent")
    }

    // ---------------------------------------------------------------- numbers

    /// A cardinal number: digits, "twenty four", "twenty-four". Returns (value, next).
    pub(super) fn cardinal(&self, i: usize) -> Option<(i64, usize)> {
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
    pub(super) fn quantity(&self, i: usize) -> Option<(Option<i64>, usize)> {
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
    pub(super) fn ordinal(&self, i: usize) -> Option<(i64, usize)> {
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
    pub(super) fn day_num(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn year_after(&self, i: usize, loose: bool) -> Option<(i32, usize)> {
        let first = if self.is(i, "'") { i + 1 } else { i };
        if self.toks.get(first).is_some_and(|t| t.newline_before) {
            return None;
        }
        self.year_num(i, loose)
    }

    /// A four-digit year (or "'98"), optionally with BC/AD.
    pub(super) fn year_num(&self, i: usize, loose: bool) -> Option<(i32, usize)> {
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

    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn month_ok(&self, i: usize, followed_by_number: bool) -> bool {
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

    pub(super) fn prev_is_subject(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.low(i - 1),
                "i" | "you" | "we" | "they" | "he" | "she" | "it" | "who" | "which"
            )
    }

    pub(super) fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
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
}

//! Quantities and durations: "three days", "an hour and a half", "the last two weeks".

use super::*;

impl Grammar<'_> {
    /// Fractions of an hour: "half an hour", "a quarter of an hour", "1/2 h", "2.5 hours".
    pub(super) fn fraction_of_hour(&self, i: usize) -> Option<(i64, usize)> {
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
    pub(super) fn quantity_expr(&self, i: usize) -> Option<Cand> {
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
}

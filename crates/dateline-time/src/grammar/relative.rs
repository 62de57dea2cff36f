//! Relative expressions: fixed words ("today", "tonight", "now"), "the day after
//! tomorrow", "next week", "three days ago", "a year earlier".

use super::*;

impl Grammar<'_> {
    /// Words with a fixed reading: today, now, recently, tonight, the future…
    pub(super) fn fixed_words(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn after_aux(&self, i: usize) -> bool {
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

    pub(super) fn quantity_follows(&self, i: usize) -> bool {
        self.quantity(i).is_some_and(|(_, j)| self.unit_follows(j))
    }
    pub(super) fn unit_follows(&self, i: usize) -> bool {
        words::unit(self.low(i)).is_some()
    }

    /// "the day after tomorrow", "the next day", "that day", "the same day", "the day before".
    pub(super) fn is_day_after_before(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn relative(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn upcoming_n(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn year_earlier(&self, i: usize) -> Option<Cand> {
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
}

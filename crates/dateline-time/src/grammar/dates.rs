//! Dates: weekdays, "the 24th", "the second Monday of May", month-day-year in words and
//! digits, and "the week of …".

use super::*;

impl Grammar<'_> {
    pub(super) fn weekday_expr(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn on_the_nth(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn nth_weekday_of(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn nth_from(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn month_expr(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn year_ref(&self, i: usize) -> Option<(YSpec, usize)> {
        match (self.low(i), self.low(i + 1)) {
            ("next", "year") => Some((YSpec::Rel(1), i + 2)),
            ("last", "year") => Some((YSpec::Rel(-1), i + 2)),
            ("this", "year") => Some((YSpec::Rel(0), i + 2)),
            _ => self.year_after(i, false).map(|(y, e)| (YSpec::Abs(y), e)),
        }
    }

    pub(super) fn year_after_month(&self, k: usize) -> Option<(i32, usize)> {
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

    pub(super) fn opt_year(&self, k: usize, allow_comma: bool) -> (Option<i32>, usize) {
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
    pub(super) fn conjoined_day(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn spaced_date(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn numeric_date(&self, i: usize) -> Option<Cand> {
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

    /// "WC 24th Feb", "w/c 24 February", "week commencing …", "the week of October 6th".
    pub(super) fn week_of(&self, i: usize) -> Option<Cand> {
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

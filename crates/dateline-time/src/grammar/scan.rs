//! The entry point of the grammar: which words can start a rule, and the dispatch that
//! tries every family at a token, then widens the match with modifiers, positions
//! ("the end of …") and combinations (a date with a clock time, ranges).

use super::*;

impl Grammar<'_> {
    /// True when some rule could start at a word: it is a literal of this grammar or
    /// belongs to one of the word classes the rules test.
    pub(super) fn can_start(w: &str) -> bool {
        // Frequent function words that appear in rules only after their first token.
        const NEVER_FIRST: &[&str] = &[
            "after", "and", "are", "be", "been", "before", "between", "but", "by", "can", "could",
            "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i",
            "if", "into", "is", "it", "its", "not", "of", "or", "said", "she", "should", "since",
            "so", "than", "their", "there", "they", "through", "till", "to", "until", "was", "we",
            "were", "what", "when", "which", "who", "will", "with", "would", "you",
        ];
        // Asked for every word of the text, so a hash set rather than a binary search.
        static STARTERS: std::sync::OnceLock<
            std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<words::Fnv>>,
        > = std::sync::OnceLock::new();
        STARTERS
            .get_or_init(|| {
                LITERALS
                    .iter()
                    .copied()
                    .filter(|w| !NEVER_FIRST.contains(w))
                    .collect()
            })
            .contains(w)
            || words::is_lexical(w)
            || w.len() == 2 && w.starts_with('q')
    }

    /// The longest expression starting at token i.
    pub fn match_at(&self, i: usize) -> Option<Cand> {
        let t = self.t(i)?;
        if t.kind == Kind::Word && !Self::can_start(&t.low) {
            // "Diwali", "Yom Kippur": words only a holiday name starts with
            if may_start_holiday(&t.low)
                && HOLIDAY_FIRST.binary_search(&t.low.as_str()).is_ok()
                && !(i > 0 && self.glued(i))
            {
                return self.holiday(i);
            }
            return None;
        }
        if t.kind == Kind::Punct && !matches!(t.low.as_str(), "'" | "@") {
            return None;
        }
        // A word glued to a preceding letter/digit run is inside another token ("A4", "4a").
        if i > 0 && self.glued(i) {
            let p = &self.toks[i - 1];
            if p.kind != Kind::Punct && !(p.kind == Kind::Num && t.kind == Kind::Word) {
                return None;
            }
            if p.kind == Kind::Num {
                return None;
            }
            if p.kind == Kind::Punct
                && matches!(p.low.as_str(), "-" | "/")
                && i >= 2
                && self.glued(i - 1)
                && self.is_word(i - 2)
            {
                // "pre-1990", "post-war": only "mid-" and "post-"/"pre-" lead into a time.
                if !matches!(self.low(i - 2), "mid" | "post" | "pre") {
                    return None;
                }
            }
        }
        let c = self.with_modifiers(i)?;
        if c.end <= i {
            return None;
        }
        Some(c)
    }

    pub(super) fn with_modifiers(&self, i: usize) -> Option<Cand> {
        // Quantity modifiers on durations and dates.
        let approx: Option<(&'static str, usize)> = match self.low(i) {
            "about" | "around" | "approximately" | "roughly" | "circa" | "some" => {
                Some(("APPROX", i + 1))
            }
            "nearly" | "almost" => Some(("LESS_THAN", i + 1)),
            "more" | "longer" if self.is(i + 1, "than") => Some(("MORE_THAN", i + 2)),
            "over" => Some(("MORE_THAN", i + 1)),
            "less" | "fewer" | "shorter" if self.is(i + 1, "than") => Some(("LESS_THAN", i + 2)),
            "under" => Some(("LESS_THAN", i + 1)),
            "at" if self.is(i + 1, "least") => Some(("EQUAL_OR_MORE", i + 2)),
            "at" if self.is(i + 1, "most") => Some(("EQUAL_OR_LESS", i + 2)),
            "up" if self.is(i + 1, "to") => Some(("EQUAL_OR_LESS", i + 2)),
            "no" if self.is(i + 1, "more") && self.is(i + 2, "than") => {
                Some(("EQUAL_OR_LESS", i + 3))
            }
            "no" if self.is(i + 1, "later") && self.is(i + 2, "than") => {
                Some(("ON_OR_BEFORE", i + 3))
            }
            _ => None,
        };
        if let Some((m, j)) = approx {
            if let Some(mut c) = self.positioned(j) {
                let quantity_like = c.kind == TimeType::Duration
                    || matches!(c.sem, Sem::Offset { .. } | Sem::Clock { .. })
                    || matches!(
                        self.low(i),
                        "about" | "around" | "approximately" | "circa" | "roughly"
                    ) && m == "APPROX";
                let starts_with_number = self.quantity(j).is_some()
                    || self.num(j).is_some()
                    || self.is(j, "the") && self.quantity(j + 1).is_some();
                if quantity_like && (starts_with_number || m == "APPROX" && self.low(i) != "some") {
                    if c.modifier.is_none() {
                        c.modifier = Some(m);
                    }
                    c.start = i;
                    return Some(c);
                }
            }
        }
        // "after February": the span is the time; the relation is kept as its mod.
        self.positioned(i)
    }

    /// Position modifiers: early/late/mid, "the end of", "earlier this year".
    pub(super) fn positioned(&self, i: usize) -> Option<Cand> {
        let pos: Option<(&'static str, usize)> = match self.low(i) {
            "early" | "earlier" => Some(("START", i + 1)),
            "late" | "later" => Some(("END", i + 1)),
            "mid" => Some(("MID", if self.is(i + 1, "-") { i + 2 } else { i + 1 })),
            "middle" if self.is(i + 1, "of") => Some(("MID", i + 2)),
            "end" | "close" if self.is(i + 1, "of") => Some(("END", i + 2)),
            "beginning" | "start" | "dawn" if self.is(i + 1, "of") => Some(("START", i + 2)),
            "the" if self.any(i + 1, &["end", "close"]) && self.is(i + 2, "of") => {
                Some(("END", i + 3))
            }
            "the" if self.any(i + 1, &["beginning", "start", "dawn"]) && self.is(i + 2, "of") => {
                Some(("START", i + 3))
            }
            "the" if self.is(i + 1, "middle") && self.is(i + 2, "of") => Some(("MID", i + 3)),
            "the" if self.any(i + 1, &["early", "late", "mid"]) => {
                let m = match self.low(i + 1) {
                    "early" => "START",
                    "late" => "END",
                    _ => "MID",
                };
                Some((m, if self.is(i + 2, "-") { i + 3 } else { i + 2 }))
            }
            _ => None,
        };
        if let Some((m, mut j)) = pos {
            // "late on Tuesday"
            if m != "MID" && self.is(j, "on") {
                j += 1;
            }
            // "the end of around next week": the hedge belongs to the whole phrase
            if self.any(j, &["around", "about", "roughly"]) && self.relative(j + 1).is_some() {
                j += 1;
            }
            if let Some(mut c) = self.combined(j) {
                if matches!(self.low(i), "earlier" | "later")
                    && matches!(c.sem, Sem::Wd { .. } | Sem::Pod { .. } | Sem::Clock { .. })
                {
                    return self.combined(i + 1).map(|mut c| {
                        c.modifier = Some(m);
                        c
                    });
                }
                let fits = !matches!(c.kind, TimeType::Duration | TimeType::Set)
                    && !matches!(c.sem, Sem::Offset { .. } | Sem::Clock { .. })
                    && !(matches!(c.sem, Sem::Lit(_)));
                if fits {
                    // "the early 1990s": the article belongs to the decade.
                    c.start = i;
                    if c.modifier.is_none() {
                        c.modifier = Some(m);
                    }
                    if let Sem::Pod { .. } = c.sem {
                        // "late Tuesday night"
                    }
                    return Some(c);
                }
            }
        }
        self.combined(i)
    }

    /// A core expression, extended by a time of day, a part of day or a date.
    pub(super) fn combined(&self, i: usize) -> Option<Cand> {
        let mut c = self.core(i)?;
        // weekday + date: "Thursday, April 6", "Mon 17 Feb 2025"
        if let Sem::Wd { rel: 0, .. } = c.sem {
            let j = if self.is(c.end, ",") {
                c.end + 1
            } else {
                c.end
            };
            if let Some(d) = self.core(j) {
                if matches!(d.sem, Sem::Cal { .. }) {
                    c = Cand {
                        start: c.start,
                        ..d
                    };
                }
            }
        }
        // clock ranges: "9:30 - 11:00 on Thursday" — the first time takes the second's day
        // and, when it has none of its own, its am/pm.
        if let Sem::Clock {
            base: None,
            h,
            m,
            s,
        } = c.sem
        {
            if self.any(c.end, &["-", "to", "till", "until", "untill", "and"])
                && !self.unit_follows(c.end + 1)
            {
                if let Some(k) = self.core(c.end + 1).map(|k| self.extend_clock(k)) {
                    if let Sem::Clock { base, h: h2, .. } = k.sem {
                        let h = if h < 12
                            && h2 >= 12
                            && h + 12 <= h2
                            && !self.ampm_between(c.start, c.end)
                        {
                            h + 12
                        } else {
                            h
                        };
                        c.sem = Sem::Clock { base, h, m, s };
                        // "9:30 - 11:00 CST": both ends in the zone named once
                        c.zone = c.zone.or(k.zone);
                    }
                }
            }
        }
        // date + weekday: "Jul 18, Fri"
        if matches!(c.sem, Sem::Cal { .. }) {
            let k = if self.is(c.end, ",") {
                c.end + 1
            } else {
                c.end
            };
            if let Some((wd, e)) = self.weekday_at(k) {
                c.end = e;
                if let Sem::Cal { y: None, m, d } = c.sem {
                    c.sem = Sem::CalWd { m, d, wd };
                }
            }
        }
        // "Friday the 13th", "Thu 15th": a weekday and a day with no month (not "the Friday
        // the 13th films")
        let after_article = c.start > 0 && self.is(c.start - 1, "the");
        if let (Sem::Wd { wd, rel: 0 }, false) = (&c.sem, after_article) {
            let wd = *wd;
            let j = if self.is(c.end, "the") {
                c.end + 1
            } else {
                c.end
            };
            let suffixed = self.any(j + 1, &["st", "nd", "rd", "th"]) && self.glued(j + 1);
            if let Some(d) = self
                .num(j)
                .filter(|d| (1..=31).contains(d) && self.numlen(j) <= 2)
            {
                let e = if suffixed { j + 2 } else { j + 1 };
                if (suffixed || j > c.end)
                    && self.month_at(e).is_none()
                    && !self.is(e, "of")
                    && !self.numeric_chain_after(e)
                    && !self.unit_follows(e)
                {
                    c = cand(c.start, e, Sem::WdDay { wd, d: d as u32 });
                }
            }
        }
        // weekday + "next week" / "of this week"
        // "last week's Sunday"
        if let Sem::UnitRel {
            unit: Unit::Week,
            n,
        } = c.sem
        {
            if self.is(c.end, "'") && self.is(c.end + 1, "s") {
                if let Some((wd, e)) = self.weekday_at(c.end + 2) {
                    c = cand(c.start, e, Sem::WdOfWeek { wd, week: n });
                }
            }
        }
        if let Sem::Wd { wd, rel: 0 } = c.sem {
            let j = if self.any(c.end, &["of", "from"]) {
                c.end + 1
            } else {
                c.end
            };
            let wk = match (self.low(j), self.low(j + 1)) {
                ("next", "week") => Some(1),
                ("last", "week") => Some(-1),
                ("this", "week") => Some(0),
                _ => None,
            };
            if let Some(week) = wk {
                c = cand(c.start, j + 2, Sem::WdOfWeek { wd, week });
            }
        }
        // date + part of day: "Friday Morning", "yesterday afternoon", "Monday night",
        // "February 15th in the morning"
        if c.sem.is_day_level() {
            let mut j = c.end;
            // "Sunday in the early hours (of the morning)", "Monday early in the morning"
            let early_hours = match (self.low(j), self.low(j + 1), self.low(j + 2)) {
                ("in", "the", "early") if self.is(j + 3, "hours") => Some(j + 4),
                ("early", "in", "the") if self.is(j + 3, "morning") => Some(j + 4),
                _ => None,
            };
            if let Some(mut e) = early_hours {
                if self.is(e, "of") && self.is(e + 1, "the") && self.is(e + 2, "morning") {
                    e += 3;
                }
                let mut new = cand(
                    c.start,
                    e,
                    Sem::Pod {
                        base: Box::new(c.sem.clone()),
                        pod: "MO",
                    },
                );
                new.modifier = Some("START");
                return Some(new);
            }
            // "tomorrow at lunch"
            if self.is(j, "at") && self.any(j + 1, &["lunch", "lunchtime"]) {
                j += 1;
            }
            if self.is(j, "in")
                && self.is(j + 1, "the")
                && words::part_of_day(self.low(j + 2)).is_some()
            {
                j += 2;
            }
            let mut late = None;
            if self.any(j, &["early", "late"]) && words::part_of_day(self.low(j + 1)).is_some() {
                late = Some(if self.is(j, "early") { "START" } else { "END" });
                j += 1;
            }
            if let Some(p) = words::part_of_day(self.low(j)).filter(|_| !self.low(j).ends_with('s'))
            {
                let mut new = cand(
                    c.start,
                    j + 1,
                    Sem::Pod {
                        base: Box::new(c.sem.clone()),
                        pod: p,
                    },
                );
                new.modifier = late.or(c.modifier);
                c = new;
            }
        }
        // date + clock: "Friday at 3pm", "today at 2pm", "Fri, Jul 18, 2014 19h"
        if c.sem.is_day_level() || matches!(c.sem, Sem::Pod { .. }) {
            let j = match self.low(c.end) {
                "," | "from" | "by" => c.end + 1,
                _ => c.end,
            };
            if let Some(k) = self.clock(j, true).or_else(|| self.clock_range_first(j)) {
                if let Sem::Clock { h, m, s, .. } = k.sem {
                    let (h, base) = match &c.sem {
                        Sem::Pod { base, pod } => (adjust_hour(h, pod), base.as_ref().clone()),
                        other => (h, other.clone()),
                    };
                    c = Cand {
                        zone: k.zone,
                        ..cand(
                            c.start,
                            k.end,
                            Sem::Clock {
                                base: Some(Box::new(base)),
                                h,
                                m,
                                s,
                            },
                        )
                    };
                }
            }
        } else if c.sem.is_clock() {
            // clock + date: "3pm Friday", "5 p.m. EST Nov. 9", "noon Saturday", "10:30 GMT on Friday"
            let j = match self.low(c.end) {
                "on" | "," => c.end + 1,
                "this" | "tomorrow" | "tonight" | "today" | "yesterday" | "next" | "last" => c.end,
                _ => c.end,
            };
            let j2 = if self.is(j, ",") { j + 1 } else { j };
            if let Some(d) = self.core(j2) {
                if let Sem::Clock { h, m, s, .. } = c.sem {
                    let day_sem = match d.sem {
                        ref x if x.is_day_level() => Some((x.clone(), h)),
                        Sem::Pod { ref base, pod } => {
                            Some((base.as_ref().clone(), adjust_hour(h, pod)))
                        }
                        _ => None,
                    };
                    if let Some((b, mut h)) = day_sem {
                        let mut end = d.end;
                        // "9 tomorrow morning", "at 5 tomorrow afternoon"
                        if let Some(p) = words::part_of_day(self.low(end)) {
                            h = adjust_hour(h, p);
                            end += 1;
                        }
                        c = Cand {
                            zone: c.zone,
                            ..cand(
                                c.start,
                                end,
                                Sem::Clock {
                                    base: Some(Box::new(b)),
                                    h,
                                    m,
                                    s,
                                },
                            )
                        };
                    }
                }
            }
        }
        Some(c)
    }

    /// A clock followed by "on <day>" takes that day ("11:00 on Thursday").
    pub(super) fn extend_clock(&self, k: Cand) -> Cand {
        if let Sem::Clock {
            base: None,
            h,
            m,
            s,
        } = k.sem
        {
            let j = if self.any(k.end, &["on", ","]) {
                k.end + 1
            } else {
                k.end
            };
            if let Some(d) = self.core(j).filter(|d| d.sem.is_day_level()) {
                return Cand {
                    zone: k.zone,
                    ..cand(
                        k.start,
                        d.end,
                        Sem::Clock {
                            base: Some(Box::new(d.sem)),
                            h,
                            m,
                            s,
                        },
                    )
                };
            }
        }
        k
    }

    pub(super) fn ampm_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.ampm(k).is_some() && !self.is(k, "a"))
    }

    // ---------------------------------------------------------------- core

    pub(super) fn core(&self, i: usize) -> Option<Cand> {
        let mut best = None;
        // "the early hours of Sunday": the small hours, the start of that day's morning
        let j = if self.is(i, "the") { i + 1 } else { i };
        if self.is(j, "early") && self.is(j + 1, "hours") && self.is(j + 2, "of") {
            if let Some(d) = self.core(j + 3).filter(|d| d.sem.is_day_level()) {
                let mut c = cand(
                    i,
                    d.end,
                    Sem::Pod {
                        base: Box::new(d.sem),
                        pod: "MO",
                    },
                );
                c.modifier = Some("START");
                return Some(c);
            }
        }
        // "in the afternoon", "during the night": that part of the day the text is on (the
        // previous time's day, else the reference day); a part of day standing alone (a
        // query) is today's.
        let lone_pod = |k: usize| {
            words::part_of_day(self.low(k)).filter(|p| {
                !self.low(k).ends_with('s')
                    && matches!(*p, "MO" | "AF" | "EV" | "NI")
                    && !self.any(k + 1, &["of", "'"])
            })
        };
        let pod_here = if self.any(i, &["in", "during"]) && self.is(i + 1, "the") {
            lone_pod(i + 2).map(|p| (i + 1, i + 3, p))
        } else if i == 0 && self.toks.len() == 1 {
            lone_pod(i).map(|p| (i, i + 1, p))
        } else {
            None
        };
        if let Some((start, end, pod)) = pod_here {
            let day = Sem::Anaph {
                unit: Unit::Day,
                n: 0,
            };
            // "in the evening at eight"
            if self.is(end, "at") {
                let hour = self.hour_word(end + 1).filter(|&(h, e)| {
                    (1..=12).contains(&h) && !self.is_word(e) && self.num(e).is_none()
                });
                let clock = self.clock(end, true).or_else(|| {
                    hour.map(|(h, e)| {
                        cand(
                            end + 1,
                            e,
                            Sem::Clock {
                                base: None,
                                h: h as u32,
                                m: 0,
                                s: None,
                            },
                        )
                    })
                });
                if let Some(k) = clock {
                    if let Sem::Clock {
                        base: None,
                        h,
                        m,
                        s,
                    } = k.sem
                    {
                        let h = if self.ampm(k.end - 1).is_some() {
                            h
                        } else {
                            adjust_hour(h, pod)
                        };
                        return Some(cand(
                            start,
                            k.end,
                            Sem::Clock {
                                base: Some(Box::new(day)),
                                h,
                                m,
                                s,
                            },
                        ));
                    }
                }
            }
            if start == i || self.fixed_words(end).is_none() {
                return Some(cand(
                    start,
                    end,
                    Sem::Pod {
                        base: Box::new(day),
                        pod,
                    },
                ));
            }
        }
        if let Some(p) = words::part_of_day(self.low(i)) {
            // "(mid-)afternoon yesterday", "morning today": the part of day before its day
            let day = if self.is(i + 1, "of") {
                self.core(i + 2).filter(|d| d.sem.is_day_level())
            } else if !self.low(i).ends_with('s') {
                self.fixed_words(i + 1)
                    .filter(|d| matches!(d.sem, Sem::DayRel(_)))
            } else {
                None
            };
            if let Some(d) = day {
                return Some(cand(
                    i,
                    d.end,
                    Sem::Pod {
                        base: Box::new(d.sem),
                        pod: p,
                    },
                ));
            }
        }
        best = longest(best, self.fixed_words(i));
        // "three days after Easter": a count or "day" with "before"/"after" close behind
        let ahead = (i + 1..i + 4).any(|k| matches!(self.low(k), "before" | "after"));
        if ahead
            && (self.t(i).is_some_and(|t| t.kind == Kind::Num)
                || matches!(self.low(i), "day" | "a" | "one")
                || words::cardinal_word(self.low(i)).is_some())
        {
            best = longest(best, self.is_day_after_before(i));
        }
        best = longest(best, self.relative(i));
        best = longest(best, self.weekday_expr(i));
        best = longest(best, self.nth_weekday_of(i));
        best = longest(best, self.nth_from(i));
        best = longest(best, self.upcoming_n(i));
        best = longest(best, self.on_the_nth(i));
        best = longest(best, self.month_expr(i));
        best = longest(best, self.numeric_date(i));
        best = longest(best, self.spaced_date(i));
        best = longest(best, self.conjoined_day(i));
        best = longest(best, self.year_expr(i));
        best = longest(best, self.decade(i));
        best = longest(best, self.spelled_year(i));
        best = longest(best, self.quantity_expr(i));
        best = longest(best, self.quarter(i));
        best = longest(best, self.season_expr(i));
        best = longest(best, self.clock(i, false));
        best = longest(best, self.clock_range_first(i));
        best = longest(best, self.set_expr(i));
        best = longest(best, self.holiday(i));
        best = longest(best, self.week_of(i));
        best
    }
}

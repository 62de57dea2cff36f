//! Calendar periods longer than a month: years, spelled years, decades, quarters and
//! halves, seasons.

use super::*;

impl Grammar<'_> {
    /// Years: "2024", "in 2014 B.C.", "fiscal 1989", "FY2024".
    pub(super) fn year_expr(&self, i: usize) -> Option<Cand> {
        if self.is(i, "fiscal") || self.is(i, "fy") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            if let Some((y, e)) = self.year_after(j, true) {
                if self.numlen(j) == 4 || self.is(j, "'") {
                    return Some(cand(i, e, Sem::Year(y)));
                }
            }
            return None;
        }
        let (y, e) = self.year_num(i, false)?;
        if self.is(i, "'") {
            return None;
        }
        if self.numeric_chain_before(i) || self.numeric_chain_after(e) {
            return None;
        }
        // A following unit or count noun makes it a quantity ("2000 troops", "1990 hours").
        let prev = if i > 0 { self.low(i - 1) } else { "" };
        let prev_temporal =
            TEMPORAL_PREPS.contains(&prev) || words::month(prev).is_some() || prev == "'s";
        if self.unit_follows(e) && !prev_temporal {
            return None;
        }
        let det_before = matches!(
            prev,
            "the" | "a" | "its" | "his" | "her" | "their" | "our" | "this"
        ) || prev == "s" && i >= 2 && self.is(i - 2, "'");
        if !prev_temporal && !det_before && self.is_word(e) && !self.cap(e) {
            let next = self.low(e);
            let ok = matches!(
                next,
                "and"
                    | "or"
                    | "to"
                    | "when"
                    | "as"
                    | "after"
                    | "before"
                    | "the"
                    | "a"
                    | "was"
                    | "is"
                    | "saw"
                    | "election"
                    | "elections"
                    | "season"
                    | "budget"
                    | "census"
                    | "campaign"
                    | "olympics"
                    | "world"
                    | "general"
                    | "presidential"
                    | "final"
                    | "levels"
                    | "level"
                    | "figures"
                    | "results"
                    | "model"
                    | "edition"
                    | "film"
                    | "album"
                    | "version"
                    | "report"
                    | "survey"
                    | "study"
                    | "onwards"
                    | "through"
                    | "until"
                    | "bc"
                    | "ad"
            );
            if !ok {
                return None;
            }
        }
        let prev_det = matches!(
            prev,
            "the" | "a" | "its" | "his" | "her" | "their" | "our" | "this" | "s"
        );
        if prev_det && !prev_temporal && self.is_word(e) && !self.cap(e) && !self.unit_follows(e) {
            return Some(cand(i, e, Sem::Year(y)));
        }
        // "Windows 2000", "Pay ABC 2000": a number after a name is part of the name.
        let after_name = i > 0
            && self.is_word(i - 1)
            && (self.cap(i - 1) || self.t(i - 1).is_some_and(|t| t.upper))
            && words::month(prev).is_none()
            && words::season(prev).is_none()
            && !self.t(i - 1).is_some_and(|t| t.newline_before)
            && i >= 2
            && !matches!(self.low(i - 2), "in" | "since" | "of" | "the");
        if after_name && !prev_temporal {
            return None;
        }
        if prev == "no" || prev == "number" || prev == "flight" || prev == "room" || prev == "route"
        {
            return None;
        }
        if !(1800..=2100).contains(&y) && !prev_temporal && y > 0 {
            return None;
        }
        Some(cand(i, e, Sem::Year(y)))
    }

    /// Years in words: "nineteen ninety-six", "the year two thousand".
    pub(super) fn spelled_year(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") && self.is(i + 1, "year") {
            i + 2
        } else {
            i
        };
        if self.is(j, "two") && self.is(j + 1, "thousand") {
            let mut y = 2000;
            let mut e = j + 2;
            let k = if self.is(e, "and") { e + 1 } else { e };
            // "two thousand and nine", "two thousand nineteen" (words, not "two thousand 19")
            if let Some((n, e2)) = self.cardinal(k).filter(|_| self.num(k).is_none()) {
                if n < 100 {
                    y += n as i32;
                    e = e2;
                }
            }
            if j == i && e == j + 2 {
                return None;
            }
            return Some(cand(i, e, Sem::Year(y)));
        }
        let century = match self.low(j) {
            "nineteen" => 1900,
            "eighteen" => 1800,
            _ => return None,
        };
        let (n, e) = self.cardinal(j + 1)?;
        if !(10..100).contains(&n) || self.num(j + 1).is_some() {
            return None;
        }
        Some(cand(i, e, Sem::Year(century + n as i32)))
    }

    /// Decades and centuries: "the 1990s", "the '80s", "the 20th century", "the nineties".
    pub(super) fn decade(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        // 1990s / 1990's
        if let Some(n) = self.num(j) {
            let len = self.numlen(j);
            let k = if self.is(j + 1, "'") && self.glued(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if self.is(k, "s") && self.glued(k) && n % 10 == 0 {
                if len == 4 {
                    return Some(cand(i, k + 1, Sem::Decade((n / 10) as i32)));
                }
                if len == 2 && j == i + 1 {
                    return Some(cand(i, k + 1, Sem::Decade(190 + (n / 10) as i32)));
                }
            }
        }
        // the '80s
        if self.is(j, "'") && self.numlen(j + 1) == 2 && self.is(j + 2, "s") && self.glued(j + 2) {
            let n = self.num(j + 1)?;
            if n % 10 == 0 {
                let d = if n < 30 { 200 + n / 10 } else { 190 + n / 10 };
                return Some(cand(i, j + 3, Sem::Decade(d as i32)));
            }
        }
        let dec = |w: &str| -> Option<i32> {
            Some(match w {
                "twenties" => 192,
                "thirties" => 193,
                "forties" => 194,
                "fifties" => 195,
                "sixties" => 196,
                "seventies" => 197,
                "eighties" => 198,
                "nineties" => 199,
                _ => return None,
            })
        };
        if j == i + 1 {
            if let Some(d) = dec(self.low(j)) {
                return Some(cand(i, j + 1, Sem::Decade(d)));
            }
        }
        // the 20th century / the twentieth century
        if let Some((n, k)) = self.ordinal(j) {
            if self.any(k, &["century"]) && (1..=30).contains(&n) {
                return Some(cand(i, k + 1, Sem::Century(n as i32 - 1)));
            }
            if self.is(k, "-") && self.is(k + 1, "century") {
                return Some(cand(i, k + 2, Sem::Century(n as i32 - 1)));
            }
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "Q3 2024", "the first half".
    pub(super) fn quarter(&self, i: usize) -> Option<Cand> {
        // "2018Q4", "18q4": a year glued to its quarter
        if self.is(i + 1, "q") && self.glued(i + 1) && self.glued(i + 2) {
            let y = match (self.num(i), self.numlen(i)) {
                (Some(n), 4) if (1000..=2999).contains(&n) => n as i32,
                (Some(n), 2) => 2000 + n as i32,
                _ => return None,
            };
            let q = self.num(i + 2).filter(|q| (1..=4).contains(q))? as u32;
            let run_on = self.glued(i + 3) && self.t(i + 3).is_some_and(|t| t.kind != Kind::Punct);
            if self.numlen(i + 2) != 1 || self.numeric_chain_before(i) || run_on {
                return None;
            }
            return Some(cand(
                i,
                i + 3,
                Sem::Quarter {
                    q,
                    y: YSpec::Abs(y),
                },
            ));
        }
        // Q3 / Q3 2024 / 3Q
        let w = self.low(i);
        if w.len() == 2 && w.starts_with('q') && self.t(i).is_some_and(|t| t.upper) {
            let q = w[1..].parse::<u32>().ok()?;
            if !(1..=4).contains(&q) {
                return None;
            }
            let (y, e) = self.opt_year(i + 1, false);
            return Some(cand(
                i,
                e,
                Sem::Quarter {
                    q,
                    y: y.map_or(YSpec::Infer, YSpec::Abs),
                },
            ));
        }
        if w == "q" && self.t(i).is_some_and(|t| t.cap) && self.glued(i + 1) {
            let q = self.num(i + 1)? as u32;
            if !(1..=4).contains(&q) {
                return None;
            }
            let (y, e) = self.opt_year(i + 2, false);
            return Some(cand(
                i,
                e,
                Sem::Quarter {
                    q,
                    y: y.map_or(YSpec::Infer, YSpec::Abs),
                },
            ));
        }
        let mut j = if self.is(i, "the") { i + 1 } else { i };
        let mut y = YSpec::Infer;
        // "this year's third quarter", "the 1988 quarter"
        if let Some((yy, e)) = self.year_after(j, false) {
            if self.any(
                e,
                &[
                    "fourth", "third", "second", "first", "quarter", "period", "fiscal",
                ],
            ) {
                y = YSpec::Abs(yy);
                j = e;
            }
        }
        if self.any(j, &["this", "last", "next"])
            && self.is(j + 1, "year")
            && self.is(j + 2, "'")
            && self.is(j + 3, "s")
        {
            y = YSpec::Rel(match self.low(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            j += 4;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let (q, k) = match self.ordinal(j) {
            Some((q, k)) if (1..=4).contains(&q) => (q as u32, k),
            _ => match self.low(j) {
                "final" | "last" => (4, j + 1),
                _ => {
                    if let YSpec::Abs(yy) = y {
                        if self.any(j, &["quarter", "period"]) && i + 1 < j {
                            return Some(cand(i, j + 1, Sem::PeriodOfYear(yy)));
                        }
                    }
                    return None;
                }
            },
        };
        let k = if self.is(k, "-") { k + 1 } else { k };
        let k = if self.is(k, "fiscal") { k + 1 } else { k };
        let (is_half, k2) = match self.low(k) {
            "quarter" | "qtr" | "quarters" => (false, k + 1),
            "half" => (true, k + 1),
            _ => return None,
        };
        if self.low(k) == "quarters" {
            return None;
        }
        let mut end = k2;
        if y == YSpec::Infer {
            if self.is(end, "of") || self.is(end, ",") {
                if let Some((yy, e)) = self.year_ref(end + 1) {
                    y = yy;
                    end = e;
                }
            } else if let Some((yy, e)) = self.year_after(end, false) {
                y = YSpec::Abs(yy);
                end = e;
            }
        }
        let h = if self.any(j, &["last", "final"]) {
            2
        } else {
            q.min(2)
        };
        let sem = if is_half {
            Sem::Half { h, y }
        } else {
            Sem::Quarter { q, y }
        };
        if is_half && q > 2 && !self.any(j, &["last", "final"]) {
            return None;
        }
        Some(cand(i, end, sem))
    }

    pub(super) fn season_expr(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.low(i) {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" | "current" => (Some(0), i + 1),
            "the" if self.is(i + 1, "coming") => (Some(1), i + 2),
            "the" if self.is(i + 1, "current") => (Some(0), i + 2),
            // "the summer (of 1994)": the article belongs to the season, unless the season
            // only modifies a noun ("the summer transfer window")
            "the"
                if words::season(self.low(i + 1)).is_some()
                    && !(self.is_word(i + 2)
                        && !self.cap(i + 2)
                        && !words::function_word(self.low(i + 2))
                        && !words::season_noun(self.low(i + 2))) =>
            {
                (None, i + 1)
            }
            _ => (None, i),
        };
        let s = words::season(self.low(j))?;
        // "fall" is a verb unless marked as a season.
        if self.is(j, "fall") && rel.is_none() {
            return None;
        }
        if rel.is_some() && self.is(j + 1, "season") {
            return None;
        }
        let mut end = j + 1;
        let mut y = rel.map_or(YSpec::Infer, YSpec::Rel);
        let k = if self.is(end, "of") { end + 1 } else { end };
        if let Some((yy, e)) = self.year_after(k, false).or_else(|| {
            // "the winter of nineteen ninety-four"
            match self.spelled_year(k).filter(|_| k > end) {
                Some(Cand {
                    sem: Sem::Year(yy),
                    end: e,
                    ..
                }) => Some((yy, e)),
                _ => None,
            }
        }) {
            y = YSpec::Abs(yy);
            end = e;
        }
        if rel.is_none() && y == YSpec::Infer && j == i {
            // bare "summer" needs a temporal preposition before it
            let prev = if i > 0 { self.low(i - 1) } else { "" };
            if !matches!(
                prev,
                "in" | "during"
                    | "this"
                    | "by"
                    | "until"
                    | "since"
                    | "over"
                    | "the"
                    | "early"
                    | "late"
                    | "mid"
            ) {
                return None;
            }
        }
        Some(cand(i, end, Sem::Season { s, y }))
    }
}

//! Sets: "every Monday", "daily", "each morning".

use super::*;

impl Grammar<'_> {
    /// Sets: every Monday, daily, weekly, each year, on Mondays.
    pub(super) fn set_expr(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let simple = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" | "annual" if w != "annual" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            "quarterly" => Some("P3M"),
            "fortnightly" | "biweekly" => Some("P2W"),
            _ => None,
        };
        if let Some(v) = simple {
            // "the daily Telegraph", "a weekly magazine" — adjectives before nouns are not times.
            let next_noun = self.is_word(i + 1)
                && !self.any(
                    i + 1,
                    &[
                        "and", "or", "basis", "since", "until", "for", "at", "in", "on", "from",
                        "to", "by",
                    ],
                );
            let prev_det = i > 0
                && self.any(
                    i - 1,
                    &[
                        "a", "the", "its", "their", "his", "her", "our", "your", "an",
                    ],
                );
            if next_noun && self.cap(i + 1) && (self.cap(i) || !self.toks[i + 1].newline_before) {
                return None; // "Daily Mail", "the party daily Granma": a paper's name
            }
            let _ = prev_det;
            if next_noun && !matches!(w, "daily" | "weekly" | "monthly" | "annually" | "hourly") {
                return None;
            }
            return Some(lit(i, i + 1, TimeType::Set, v));
        }
        // every/each [other] [N] unit|weekday|month|pod
        if matches!(w, "every" | "each") {
            let mut j = i + 1;
            let mut step = 1;
            if self.is(j, "other") {
                step = 2;
                j += 1;
            }
            if let Some((n, k)) = self.cardinal(j) {
                if self.unit_follows(k) {
                    step = n;
                    j = k;
                }
            }
            let u = self.low(j);
            if let Some((unit, mult)) = words::unit(u) {
                let v = words::duration_value(unit, Some(step * mult));
                return Some(lit(i, j + 1, TimeType::Set, v));
            }
            if let Some((wd, _)) = words::weekday(u) {
                let mut end = j + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = words::part_of_day(self.low(end)) {
                    v.push_str(&format!("T{p}"));
                    end += 1;
                }
                return Some(lit(i, end, TimeType::Set, v));
            }
            if let Some(m) =
                words::month(u).filter(|_| self.cap(j) || !words::month_is_ambiguous(u))
            {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-{m:02}")));
            }
            if let Some(p) = words::part_of_day(u) {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-XX-XXT{p}")));
            }
            if let Some(s) = words::season(u) {
                return Some(lit(i, j + 1, TimeType::Set, format!("XXXX-{s}")));
            }
            if u == "weekend" {
                return Some(lit(i, j + 1, TimeType::Set, "XXXX-WXX-WE"));
            }
            return None;
        }
        // once/twice/N times a week
        if matches!(w, "once" | "twice")
            || self.cardinal(i).is_some() && self.any(i + 1, &["times"])
        {
            let j = if matches!(w, "once" | "twice") {
                i + 1
            } else {
                i + 2
            };
            if self.any(j, &["a", "per", "every", "each"]) {
                if let Some((unit, _)) = words::unit(self.low(j + 1)) {
                    return Some(lit(
                        i,
                        j + 2,
                        TimeType::Set,
                        words::duration_value(unit, Some(1)),
                    ));
                }
            }
            return None;
        }
        // "on Mondays", "Tuesday nights"
        if let Some((wd, short)) = words::weekday(w) {
            if !short && w.ends_with('s') && self.cap(i) {
                return Some(lit(i, i + 1, TimeType::Set, format!("XXXX-WXX-{wd}")));
            }
            if !short
                && self.cap(i)
                && self.any(i + 1, &["nights", "mornings", "evenings", "afternoons"])
            {
                let p = words::part_of_day(self.low(i + 1))?;
                return Some(lit(i, i + 2, TimeType::Set, format!("XXXX-WXX-{wd}T{p}")));
            }
        }
        None
    }
}

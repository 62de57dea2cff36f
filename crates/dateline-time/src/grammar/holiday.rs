//! Holiday names: the fixed ones of the grammar and the table in [`crate::holidays`].

use super::*;

impl Grammar<'_> {
    pub(super) fn holiday(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match self.low(i) {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            _ => (None, i),
        };
        let (h, k) = self.holiday_name(j)?;
        let mut end = k;
        let mut y = match rel {
            Some(r) => YSpec::Rel(r * 1000),
            None => YSpec::Infer,
        };
        let k2 = if self.any(end, &["of", ",", "in"]) {
            end + 1
        } else {
            end
        };
        if let Some((ys, e)) = self.year_ref(k2) {
            y = ys;
            end = e;
        } else if let Some(Sem::Year(year)) = self.spelled_year(k2).map(|c| {
            end = c.end;
            c.sem
        }) {
            y = YSpec::Abs(year);
        } else if let Some(c) = self.quantity_expr(end) {
            // "Thanksgiving in three years", "tax day two years ago": that year's holiday.
            if let Sem::Offset {
                unit: Unit::Year,
                n: Some(n),
            } = c.sem
            {
                y = YSpec::Rel(n);
                end = c.end;
            }
        }
        Some(cand(i, end, Sem::Holiday { h, y }))
    }

    /// The longest name of [`crate::holidays::HOLIDAYS`] at token i, a regional entry of
    /// the region in force preferred over a general one.
    pub(super) fn holiday_from_table(&self, i: usize) -> Option<(Hol, usize, bool)> {
        use crate::holidays::{bit, COMMON_WORD_NAMES, HOLIDAYS};
        use std::sync::OnceLock;
        // Entries by first word, sorted for a binary search (the scanner asks at most tokens).
        static BY_FIRST: OnceLock<Vec<(&'static str, Vec<usize>)>> = OnceLock::new();
        let index = BY_FIRST.get_or_init(|| {
            let mut m: Vec<(&'static str, Vec<usize>)> = Vec::new();
            for (k, (words, _, _)) in HOLIDAYS.iter().enumerate() {
                match m.iter_mut().find(|(w, _)| *w == words[0]) {
                    Some((_, v)) => v.push(k),
                    None => m.push((words[0], vec![k])),
                }
            }
            m.sort_by_key(|(w, _)| *w);
            m
        });
        let first = self.low(i);
        if !may_start_holiday(first) {
            return None;
        }
        let at = index.binary_search_by(|(w, _)| (*w).cmp(first)).ok()?;
        let entries = &index[at].1;
        // The text's words from i with apostrophes, possessive s, hyphens and dots left out.
        let mut words: [(&str, usize); 6] = [("", 0); 6];
        let mut n = 0;
        let mut k = i;
        while n < words.len() && k < self.toks.len() {
            let t = &self.toks[k];
            match t.low.as_str() {
                "'" if self.is(k + 1, "s") && self.glued(k + 1) => k += 2,
                // A bare apostrophe only closes a plural possessive ("Presidents' Day").
                "'" if k == i || !self.low(k - 1).ends_with('s') => break,
                "'" | "-" | "." if k > i => k += 1,
                _ if t.kind == Kind::Punct => break,
                w => {
                    words[n] = (w, k + 1);
                    n += 1;
                    k += 1;
                }
            }
        }
        let words = &words[..n];
        let here = bit(self.region);
        let mut best: Option<(Hol, usize, bool)> = None;
        for &e in entries {
            let (name, h, regions) = HOLIDAYS[e];
            if regions != 0 && regions & here == 0 {
                continue;
            }
            if name.len() > words.len() || name.iter().zip(words).any(|(a, (b, _))| a != b) {
                continue;
            }
            let end = words[name.len() - 1].1;
            if name.len() == 1
                && COMMON_WORD_NAMES.contains(&name[0])
                && !self.cap(i)
                && self.year_after(end, false).is_none()
            {
                continue;
            }
            let specific = regions != 0;
            let better = match best {
                None => true,
                Some((_, e0, s0)) => end > e0 || end == e0 && specific && !s0,
            };
            if better {
                best = Some((h, end, specific));
            }
        }
        best
    }

    pub(super) fn holiday_name(&self, i: usize) -> Option<(Hol, usize)> {
        let fixed = self.holiday_name_fixed(i);
        match (fixed, self.holiday_from_table(i)) {
            (Some((h, e)), Some((h2, e2, specific))) => {
                if e2 > e || e2 == e && specific {
                    Some((h2, e2))
                } else {
                    Some((h, e))
                }
            }
            (f, t) => f.or(t.map(|(h, e, _)| (h, e))),
        }
    }

    pub(super) fn holiday_name_fixed(&self, i: usize) -> Option<(Hol, usize)> {
        let w = self.low(i);
        let w1 = self.low(i + 1);
        let w2 = self.low(i + 2);
        let poss = |k: usize| -> usize {
            // skip "'s" / "'" / "s'"
            // "King's", "Presidents'": a bare apostrophe only after a plural.
            if self.is(k, "'") {
                if self.is(k + 1, "s") {
                    return k + 2;
                }
                if k > 0 && self.low(k - 1).ends_with('s') {
                    return k + 1;
                }
                return usize::MAX / 2;
            }
            k
        };
        let day_word = |k: usize| -> usize {
            if self.is(k, "day") {
                k + 1
            } else {
                k
            }
        };
        let cap = self.cap(i);
        let r = match w {
            "christmas" | "xmas" => {
                if self.is(i + 1, "eve") {
                    (Hol::Fixed(12, 24), i + 2)
                } else {
                    (Hol::Fixed(12, 25), day_word(i + 1))
                }
            }
            "boxing" if w1 == "day" => (Hol::Fixed(12, 26), i + 2),
            "new" if w1 == "year" || w1 == "years" => {
                let k = poss(i + 2);
                match self.low(k) {
                    "eve" => (Hol::Fixed(12, 31), k + 1),
                    "day" => (Hol::Fixed(1, 1), k + 1),
                    _ if self.cap(i) && self.cap(i + 1) => (Hol::Fixed(1, 1), k),
                    _ => return None,
                }
            }
            "halloween" => (Hol::Fixed(10, 31), i + 1),
            "valentine" | "valentines" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(2, 14), k + 1)
                } else {
                    return None;
                }
            }
            "st" | "saint"
                if {
                    let k = self.dot(i + 1);
                    self.any(
                        k,
                        &[
                            "patrick", "patricks", "patty", "paddy", "george", "andrew", "david",
                        ],
                    )
                } =>
            {
                let k = self.dot(i + 1);
                let (m, d) = match self.low(k) {
                    "george" => (4, 23),
                    "andrew" => (11, 30),
                    "david" => (3, 1),
                    _ => (3, 17),
                };
                let k2 = poss(k + 1);
                if self.is(k2, "day") {
                    (Hol::Fixed(m, d), k2 + 1)
                } else {
                    return None;
                }
            }
            "thanksgiving" => {
                let h = if self.region == Region::Ca {
                    Hol::ThanksgivingCa
                } else {
                    Hol::Thanksgiving(0)
                };
                (h, day_word(i + 1))
            }
            "black" if w1 == "friday" => (Hol::Thanksgiving(1), i + 2),
            "cyber" if w1 == "monday" => (Hol::Thanksgiving(4), i + 2),
            "orthodox" if w1 == "easter" => (Hol::OrthodoxEaster(0), day_word(i + 2)),
            "orthodox" if matches!(w1, "good" | "great") && w2 == "friday" => {
                (Hol::OrthodoxEaster(-2), i + 3)
            }
            "orthodox" if w1 == "shrove" && w2 == "monday" => (Hol::OrthodoxEaster(-48), i + 3),
            "clean" if w1 == "monday" => (Hol::OrthodoxEaster(-48), i + 2),
            "lazarus" if w1 == "saturday" => (Hol::OrthodoxEaster(-8), i + 2),
            "white" | "whit" if w1 == "sunday" => (Hol::Easter(49), i + 2),
            "whitsunday" => (Hol::Easter(49), i + 1),
            "whitmonday" => (Hol::Easter(50), i + 1),
            "branch" if w1 == "sunday" => (Hol::Easter(-7), i + 2),
            "covenant" if matches!(w1, "thursday" | "thu") => (Hol::Easter(-3), self.dot(i + 2)),
            "mardi" if w1 == "gras" => (Hol::Easter(-47), i + 2),
            "ash" if w1 == "wednesday" => (Hol::Easter(-46), i + 2),
            "civil" if w1 == "rights" && w2 == "day" => (Hol::NthWd(1, 1, 3), i + 3),
            "easter" => match w1 {
                "monday" | "mon" => (Hol::Easter(1), self.dot(i + 2)),
                "sunday" => (Hol::Easter(0), i + 2),
                "day" => (Hol::Easter(0), i + 2),
                _ => (Hol::Easter(0), i + 1),
            },
            "good" if w1 == "friday" && cap => (Hol::Easter(-2), i + 2),
            "maundy" if w1 == "thursday" => (Hol::Easter(-3), i + 2),
            "palm" if w1 == "sunday" => (Hol::Easter(-7), i + 2),
            "shrove" if w1 == "tuesday" => (Hol::Easter(-47), i + 2),
            "pancake" if w1 == "day" || w1 == "tuesday" => (Hol::Easter(-47), i + 2),
            "whit" if w1 == "monday" => (Hol::Easter(50), i + 2),
            "whit" if w1 == "sunday" => (Hol::Easter(49), i + 2),
            "pentecost" => (Hol::Easter(49), i + 1),
            "ascension" if w1 == "day" => (Hol::Easter(39), i + 2),
            "trinity" if w1 == "sunday" => (Hol::Easter(56), i + 2),
            "mother" | "mothers" | "mom" | "moms" | "mum" | "mums" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    let h = if matches!(self.region, Region::Gb | Region::Ie) {
                        Hol::MotheringSunday
                    } else {
                        Hol::NthWd(5, 7, 2)
                    };
                    (h, k + 1)
                } else {
                    return None;
                }
            }
            "mothering" if w1 == "sunday" => (Hol::MotheringSunday, i + 2),
            "father" | "fathers" | "dad" | "dads" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::NthWd(6, 7, 3), k + 1)
                } else {
                    return None;
                }
            }
            "labor" | "labour" if w1 == "day" => {
                let h = match self.region {
                    Region::Us | Region::Ca | Region::Neutral => Hol::NthWd(9, 1, 1),
                    _ => Hol::Fixed(5, 1),
                };
                let mut e = i + 2;
                if self.is(e, "weekend") {
                    e += 1;
                }
                (h, e)
            }
            "may" if w1 == "day" && cap => (Hol::Fixed(5, 1), i + 2),
            "memorial" if w1 == "day" => (Hol::NthWd(5, 1, -1), i + 2),
            "veterans" | "veteran" | "veteran's"
                if poss(i + 1) < i + 4 && self.is(poss(i + 1), "day") =>
            {
                (Hol::Fixed(11, 11), poss(i + 1) + 1)
            }
            "remembrance" | "armistice" if w1 == "day" => (Hol::Fixed(11, 11), i + 2),
            "remembrance" if w1 == "sunday" => (Hol::NthWd(11, 7, 2), i + 2),
            "independence" if w1 == "day" && self.region != Region::Gb => (Hol::Fixed(7, 4), i + 2),
            "columbus" if w1 == "day" => (Hol::NthWd(10, 1, 2), i + 2),
            "groundhog" | "groundhogs" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(2, 2), k + 1)
                } else {
                    return None;
                }
            }
            "earth" if w1 == "day" => (Hol::Fixed(4, 22), i + 2),
            "guy" if w1 == "fawkes" => (Hol::Fixed(11, 5), day_word(poss(i + 2))),
            "bonfire" if w1 == "night" => (Hol::Fixed(11, 5), i + 2),
            "canada" if w1 == "day" => (Hol::Fixed(7, 1), i + 2),
            "bastille" if w1 == "day" => (Hol::Fixed(7, 14), i + 2),
            "anzac" if w1 == "day" => (Hol::Fixed(4, 25), i + 2),
            "australia" if w1 == "day" => (Hol::Fixed(1, 26), i + 2),
            "tax" if w1 == "day" => (Hol::Fixed(4, 15), i + 2),
            "juneteenth" => (Hol::Fixed(6, 19), i + 1),
            "election" if w1 == "day" && cap && self.cap(i + 1) => (Hol::ElectionDay, i + 2),
            "martin" if w1 == "luther" && w2 == "king" => {
                let k = poss(i + 3);
                let k = if self.is(k, "jr") { self.dot(k + 1) } else { k };
                if self.is(k, "day")
                    && !(self.is(i + 3, "king") && self.is(i + 4, "'") && !self.is(i + 5, "s"))
                {
                    (Hol::NthWd(1, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "mlk" => (Hol::NthWd(1, 1, 3), day_word(i + 1)),
            "martin" if w1 == "luther" && w2 == "kings" && self.is(i + 3, "day") => {
                (Hol::NthWd(1, 1, 3), i + 4)
            }
            "president" | "presidents" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::NthWd(2, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "washington" => {
                let k = poss(i + 1);
                if self.is(k, "birthday") {
                    (Hol::NthWd(2, 1, 3), k + 1)
                } else {
                    return None;
                }
            }
            "lincoln" => {
                let k = poss(i + 1);
                if self.is(k, "birthday") {
                    (Hol::Fixed(2, 12), k + 1)
                } else {
                    return None;
                }
            }
            "boss" | "bosses" | "boss's" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::BossDay, k + 1)
                } else {
                    return None;
                }
            }
            "administrative" | "admin" | "secretaries" | "secretary" => {
                let mut k = i + 1;
                if self.is(k, "professionals") || self.is(k, "professional") {
                    k = poss(k + 1);
                } else {
                    k = poss(k);
                }
                if self.is(k, "day") {
                    (Hol::AdminDay, k + 1)
                } else {
                    return None;
                }
            }
            "all" if w1 == "saints" => (Hol::Fixed(11, 1), day_word(poss(i + 2))),
            "all" if w1 == "souls" => (Hol::Fixed(11, 2), day_word(poss(i + 2))),
            "epiphany" => (Hol::Fixed(1, 6), i + 1),
            "hogmanay" => (Hol::Fixed(12, 31), i + 1),
            "burns" if w1 == "night" => (Hol::Fixed(1, 25), i + 2),
            "world" if w1 == "vegan" && w2 == "day" => (Hol::Fixed(11, 1), i + 3),
            "siblings" | "sibling" => {
                let k = poss(i + 1);
                if self.is(k, "day") {
                    (Hol::Fixed(4, 10), k + 1)
                } else {
                    return None;
                }
            }
            "grandparents" if w1 == "day" => (Hol::Thanksgiving(0), i + 2),
            _ => return None,
        };
        Some(r)
    }
}

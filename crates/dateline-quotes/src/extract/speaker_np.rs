//! Speaker noun phrases: the subject left of a cue ("the minister said"), the phrase right
//! of an inverted cue ("said Mr Smith"), and what may stand between a cue and the end of
//! its sentence.

use super::scan_view::Scan;
use super::words::*;

impl Scan<'_> {
    /// The subject noun phrase left of the cue at `k`, not reaching before `lo`.
    pub fn left_np(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        if let Some(name) = self.apposed_name(k, lo) {
            return Some(name);
        }
        if let Some(sx) = self.syntax {
            if let Some((a, b)) = sx.subject_of(self.toks[k].start) {
                let s = self.toks.partition_point(|t| t.start < a);
                let e = self.toks.partition_point(|t| t.start < b);
                // A parse may swallow a dateline or an introductory phrase ("Dec 29
                // (Reuters) - …", "In February, Sanders"): punctuation sends the phrase to
                // the token patterns.
                let clean = (s..e).all(|i| {
                    self.outside_quotes(i)
                        && (self.toks[i].is_word
                            || matches!(self.toks[i].lower.as_str(), "-" | "&" | "."))
                });
                if s >= lo && e <= k && s < e && clean {
                    if let Some(np) = self.finish_np(s, e) {
                        return Some(np);
                    }
                }
            }
        }
        self.left_np_pattern(k, lo)
    }

    /// "The Shadow Secretary of State, Theresa May, said": the name in an apposition just
    /// before the cue names the speaker best.
    fn apposed_name(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = k;
        while j > lo && SKIP_LEFT.contains(&self.toks[j - 1].lower.as_str()) {
            j -= 1;
        }
        if j < lo + 3 || !self.toks[j - 1].is_punct(',') {
            return None;
        }
        let end = j - 1;
        let mut m = end;
        while m > lo && self.toks[m - 1].is_word && self.toks[m - 1].cap && end - m < 4 {
            m -= 1;
        }
        let opened =
            m > lo + 1 && m < end && self.toks[m - 1].is_punct(',') && self.toks[m - 2].is_word;
        let name = (m..end)
            .all(|i| self.outside_quotes(i) && !TIME_NOUNS.contains(&self.toks[i].lower.as_str()));
        (opened && name).then_some((m, end))
    }

    /// [`Scan::left_np`] by token patterns only.
    pub fn left_np_pattern(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = k;
        loop {
            if j > lo && SKIP_LEFT.contains(&self.toks[j - 1].lower.as_str()) {
                j -= 1;
            } else if j > lo + 1
                && TIME_NOUNS.contains(&self.toks[j - 1].lower.as_str())
                && matches!(
                    self.toks[j - 2].lower.as_str(),
                    "last" | "this" | "next" | "on" | "earlier" | "late" | "early"
                )
            {
                j -= 2; // "had last month charged", "on Friday said"
            } else {
                break;
            }
        }
        // A parenthetical between subject and verb: "Kellogg, Mr Trump’s envoy, accepted",
        // "the statement – which includes … – said".
        if j > lo + 1 {
            let closer = &self.toks[j - 1];
            if !closer.is_word && matches!(closer.lower.as_str(), "," | "–" | "—" | ")") {
                let want = if closer.lower == ")" {
                    "("
                } else {
                    closer.lower.as_str()
                };
                let floor = j.saturating_sub(20).max(lo);
                let mut m = j - 1;
                while m > floor {
                    m -= 1;
                    let t = &self.toks[m];
                    if t.quote.is_some() || (!t.is_word && matches!(t.lower.as_str(), "." | ";")) {
                        break;
                    }
                    if !t.is_word && t.lower == want {
                        // "The Shadow Secretary, Theresa May, said": the name in the
                        // apposition names the speaker best.
                        let inner = m + 1..j - 1;
                        let name = want == ","
                            && (1..=4).contains(&inner.len())
                            && self.toks[inner.clone()].iter().all(|t| t.is_word && t.cap)
                            && m > lo
                            && self.toks[m - 1].is_word;
                        if name {
                            return Some((inner.start, inner.end));
                        }
                        if m > lo && self.toks[m - 1].is_word {
                            j = m;
                        }
                        break;
                    }
                }
            }
        }
        let end = j;
        while j > lo {
            let t = &self.toks[j - 1];
            if !t.is_word || t.quote.is_some() {
                // Keep "&" and hyphens inside names; anything else ends the phrase.
                if t.quote.is_none() && matches!(t.lower.as_str(), "&" | "-") && j - 1 > lo {
                    j -= 1;
                    continue;
                }
                break;
            }
            if STOP_LEFT.contains(&t.lower.as_str()) && !(t.cap && j == end) {
                break;
            }
            if !t.cap && self.cue_at(j - 1).is_some() {
                break;
            }
            // A past-tense verb ends the phrase ("attacked billionaire Donald Trump"),
            // an adjective after a determiner does not ("the embattled senator").
            if !t.cap
                && t.lower.ends_with("ed")
                && j >= 2
                && !DETERMINERS.contains(&self.toks[j - 2].lower.as_str())
                && j < end
            {
                break;
            }
            j -= 1;
            if end - j >= 10 || (self.is_pronoun(j) && j + 1 == end) {
                break;
            }
        }
        self.finish_np(j, end)
    }

    /// Trims a speaker phrase to its opening word and checks it.
    fn finish_np(&self, mut j: usize, mut end: usize) -> Option<(usize, usize)> {
        while end > j && !self.toks[end - 1].is_word {
            end -= 1;
        }
        // Trim leading conjunctions, prepositions, time words ("On Monday Lib Dem …") and
        // stray words.
        while j < end
            && (!self.np_opener(j)
                || (j + 1 < end && TIME_NOUNS.contains(&self.toks[j].lower.as_str()))
                || matches!(
                    self.toks[j].lower.as_str(),
                    "and" | "but" | "or" | "so" | "yet"
                ))
        {
            j += 1;
        }
        if j >= end {
            return None;
        }
        let w = self.toks[j].lower.as_str();
        if end - j == 1
            && matches!(
                w,
                "it" | "it’s" | "it's" | "there" | "this" | "that" | "which"
            )
        {
            return None;
        }
        self.valid_np(j, end).then_some((j, end))
    }

    /// True when token `j` can open a noun phrase.
    fn np_opener(&self, j: usize) -> bool {
        let t = &self.toks[j];
        t.is_word
            && !PREPOSITIONS.contains(&t.lower.as_str())
            && (t.cap
                || DETERMINERS.contains(&t.lower.as_str())
                || self.is_pronoun(j)
                || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
                || !PREPOSITIONS.contains(&t.lower.as_str())
                    && !t.lower.ends_with("ly")
                    && !t.lower.ends_with("ing")
                    && !t.lower.ends_with("ed")
                    && !FINITE.contains(&t.lower.as_str()))
    }

    /// The noun phrase right of position `k` (after an inverted cue), up to `hi`.
    pub fn right_np(&self, k: usize, hi: usize) -> Option<(usize, usize)> {
        let mut j = k;
        let start = k;
        let mut clean_end = j >= hi;
        while j < hi {
            let t = &self.toks[j];
            if !t.is_word || t.quote.is_some() {
                clean_end = t.quote.is_none() && t.mark.is_none();
                break;
            }
            if j > start && FINITE.contains(&t.lower.as_str()) {
                return None; // "said the senator can …": a clause subject, not a speaker
            }
            if j > start && STOP_RIGHT.contains(&t.lower.as_str()) {
                clean_end = true;
                break;
            }
            if j == start {
                let w = t.lower.as_str();
                let opener = (t.cap || DETERMINERS.contains(&w) || self.is_pronoun(j))
                    && !matches!(
                        w,
                        "that" | "this" | "these" | "those" | "it" | "no" | "all" | "any"
                    );
                if !opener {
                    return None;
                }
            }
            if j > start && !t.cap && self.cue_at(j).is_some() {
                clean_end = true;
                break;
            }
            j += 1;
            if j - start >= 8 {
                break;
            }
            if j >= hi {
                clean_end = true;
            }
        }
        (j > start && clean_end && self.valid_np(start, j)).then_some((start, j))
    }

    /// A plausible speaker phrase: ends in a noun-like word, and a one-word phrase is a
    /// name, a pronoun or a plural noun ("sources", "officials").
    fn valid_np(&self, s: usize, e: usize) -> bool {
        let last = &self.toks[e - 1];
        let lw = last.lower.as_str();
        if TIME_NOUNS.contains(&lw) || matches!(lw, "day" | "today" | "yesterday" | "tonight") {
            return false; // "The next month, …": a time adverbial, not a speaker
        }
        if DETERMINERS.contains(&lw) && !last.cap
            || STOP_LEFT.contains(&lw)
            || PREPOSITIONS.contains(&lw)
            || FINITE.contains(&lw)
        {
            return false;
        }
        if e - s == 1 {
            let w = self.toks[s].lower.as_str();
            return last.cap
                || self.is_pronoun(s)
                || (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 && !w.ends_with("ous"));
        }
        let first = self.toks[s].lower.as_str();
        !first.ends_with("ing") || self.toks[s].cap
    }

    /// ("at a panel event in Munich", "on Friday", "in a statement").
    pub(crate) fn only_adverbials(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return true;
        }
        let first = &self.toks[a];
        let opens = !first.is_word && first.lower == ","
            || matches!(
                first.lower.as_str(),
                "at" | "in"
                    | "on"
                    | "during"
                    | "to"
                    | "after"
                    | "before"
                    | "yesterday"
                    | "today"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "late"
                    | "early"
                    | "when"
                    | "while"
                    | "via"
                    | "from"
                    | "tonight"
                    | "recently"
                    | "told"
                    | "through"
                    | "adding"
                    | "according"
                    | "citing"
                    | "referring"
                    | "as"
                    | "of"
                    | "about"
                    | "with"
                    | "shortly"
                    | "overnight"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
            );
        opens && (a..b).all(|i| self.toks[i].quote.is_none() || self.toks[i].mark.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{tok, with_scan, words};

    #[test]
    fn subject_left_of_a_cue() {
        with_scan("Officials in Kyiv said the talks had failed.", |sc| {
            let said = tok(sc, "said");
            let np = sc.left_np(said, 0).map(|r| words(sc, r));
            assert_eq!(np.as_deref(), Some("Officials in Kyiv"));
        });
        with_scan(
            "The Shadow Secretary of State, Theresa May, said it was wrong.",
            |sc| {
                let said = tok(sc, "said");
                let np = sc.left_np(said, 0).map(|r| words(sc, r));
                assert_eq!(np.as_deref(), Some("Theresa May"));
            },
        );
    }

    #[test]
    fn a_time_adverbial_is_no_speaker() {
        with_scan("On Friday said nothing.", |sc| {
            let said = tok(sc, "said");
            assert_eq!(sc.left_np(said, 0), None);
        });
    }

    #[test]
    fn phrase_right_of_an_inverted_cue() {
        with_scan("“No,” said Mr Smith on Friday.", |sc| {
            let after = tok(sc, "said") + 1;
            let np = sc.right_np(after, sc.toks.len()).map(|r| words(sc, r));
            assert_eq!(np.as_deref(), Some("Mr Smith"));
            // "said the senator can …": a clause subject, not a speaker.
        });
        with_scan("He said the senator can win.", |sc| {
            let after = tok(sc, "said") + 1;
            assert_eq!(sc.right_np(after, sc.toks.len()), None);
        });
    }

    #[test]
    fn adverbials_after_a_cue() {
        with_scan("X said at a panel event in Munich.", |sc| {
            let at = tok(sc, "at");
            assert!(sc.only_adverbials(at, sc.toks.len() - 1));
            assert!(!sc.only_adverbials(tok(sc, "panel"), sc.toks.len() - 1));
        });
    }
}

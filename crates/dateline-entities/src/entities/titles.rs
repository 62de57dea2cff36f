//! Title phrases ("prime minister", "secretary general") found in the token view,
//! before a name or at a position.

use super::tokens::Tok;
use crate::lexicon::{TITLES, UNIQUE_TITLES};
use std::collections::HashMap;

/// Title phrases split into words, indexed by their last and first words, built once.
struct TitleIndex {
    by_last: HashMap<&'static str, Vec<Vec<&'static str>>>,
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>>,
}

fn title_index(list: &'static [&'static str]) -> TitleIndex {
    let mut by_last: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    let mut by_first: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    for t in list {
        let words: Vec<&str> = t.split_whitespace().collect();
        by_last
            .entry(words[words.len() - 1])
            .or_default()
            .push(words.clone());
        by_first.entry(words[0]).or_default().push(words);
    }
    TitleIndex { by_last, by_first }
}

fn titles(unique: bool) -> &'static TitleIndex {
    static ALL: std::sync::OnceLock<TitleIndex> = std::sync::OnceLock::new();
    static UNIQUE: std::sync::OnceLock<TitleIndex> = std::sync::OnceLock::new();
    if unique {
        UNIQUE.get_or_init(|| title_index(UNIQUE_TITLES))
    } else {
        ALL.get_or_init(|| title_index(TITLES))
    }
}

/// The longest title ending just before token `end` (exclusive), as
/// `(start, lowercase title)`.
pub(super) fn title_before(toks: &[Tok], end: usize, need_caps: bool) -> Option<(usize, String)> {
    let last = toks.get(end.checked_sub(1)?)?;
    let mut best: Option<(usize, &Vec<&str>)> = None;
    for words in titles(false).by_last.get(last.lower.as_str())? {
        let n = words.len();
        if n > end {
            continue;
        }
        let start = end - n;
        let matches = toks[start..end]
            .iter()
            .zip(words)
            .all(|(t, w)| t.lower == *w && t.sentence == last.sentence);
        if matches && (!need_caps || toks[start].cap()) && best.is_none_or(|b| b.0 > start) {
            best = Some((start, words));
        }
    }
    best.map(|(s, w)| (s, w.join(" ")))
}

/// The longest title from [`TITLES`] (or [`UNIQUE_TITLES`]) starting at token
/// `start`, as `(end, lowercase title)`.
pub(super) fn title_at(toks: &[Tok], start: usize, unique: bool) -> Option<(usize, String)> {
    let first = toks.get(start)?;
    let mut best: Option<&Vec<&str>> = None;
    for words in titles(unique).by_first.get(first.lower.as_str())? {
        let n = words.len();
        if start + n > toks.len() {
            continue;
        }
        let matches = toks[start..start + n]
            .iter()
            .zip(words)
            .all(|(t, w)| t.lower == *w && t.sentence == first.sentence);
        if matches && best.is_none_or(|b| b.len() < n) {
            best = Some(words);
        }
    }
    best.map(|w| (start + w.len(), w.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::super::testing::toks;
    use super::*;

    #[test]
    fn longest_titles_before_and_at_a_position() {
        // The(0) deputy(1) prime(2) minister(3) Jo(4) Smith(5)
        let toks = toks("The deputy prime minister Jo Smith spoke.");
        assert_eq!(
            title_before(&toks, 4, false),
            Some((1, "deputy prime minister".to_string()))
        );
        assert_eq!(title_before(&toks, 4, true), None);
        let capitalised = super::super::testing::toks("Prime Minister Jo Smith spoke.");
        assert_eq!(
            title_before(&capitalised, 2, true),
            Some((0, "prime minister".to_string()))
        );
        assert_eq!(
            title_at(&toks, 2, false),
            Some((4, "prime minister".to_string()))
        );
        assert_eq!(title_at(&toks, 4, false), None);
    }
}

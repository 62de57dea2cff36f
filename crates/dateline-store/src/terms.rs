//! The words of a search as the full-text indexes see them: split on punctuation,
//! deduplicated and capped at [`MAX_SEARCH_TERMS`], then written as an FTS5 query.
//!
//! The cap matters: FTS5's work grows with the square of the terms in a query, so a search
//! repeating one word 5,000 times ran for minutes. Repeats are dropped (they never narrow
//! a match) and words past the cap are ignored, which [`SearchTerms::warning`] says.

use std::collections::HashSet;

/// The most distinct words one search matches on; further words are ignored, with a warning.
pub const MAX_SEARCH_TERMS: usize = 32;

/// The words of a search, deduplicated (ignoring case) and capped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchTerms {
    /// The distinct words searched for, in the order given, at most [`MAX_SEARCH_TERMS`].
    pub terms: Vec<String>,
    /// Distinct words past the cap, not searched for.
    pub ignored: usize,
    /// Words dropped because they repeat an earlier one.
    pub repeated: usize,
}

impl SearchTerms {
    /// Splits `words` into terms, whatever punctuation the user typed.
    pub fn parse(words: &str) -> SearchTerms {
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = SearchTerms::default();
        for word in words
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
        {
            if !seen.insert(word.to_lowercase()) {
                out.repeated += 1;
            } else if out.terms.len() < MAX_SEARCH_TERMS {
                out.terms.push(word.to_string());
            } else {
                out.ignored += 1;
            }
        }
        out
    }

    /// The FTS5 query matching every term (each a quoted phrase); `None` when there is none.
    pub fn fts(&self) -> Option<String> {
        let quoted: Vec<String> = self
            .terms
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect();
        (!quoted.is_empty()).then(|| quoted.join(" "))
    }

    /// What was left out of the search, in words; `None` when every word was searched for.
    pub fn warning(&self) -> Option<String> {
        (self.ignored > 0).then(|| {
            format!(
                "only the first {MAX_SEARCH_TERMS} distinct words were searched for; {} more were ignored",
                self.ignored
            )
        })
    }
}

/// An FTS5 query that matches every word given (at most [`MAX_SEARCH_TERMS`] distinct ones),
/// whatever punctuation the user typed.
pub fn fts_query(words: &str) -> Option<String> {
    SearchTerms::parse(words).fts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_on_punctuation_and_quoted() {
        assert_eq!(
            fts_query("Starmer, (Trump) O'Brien's \"deal\"").as_deref(),
            Some("\"Starmer\" \"Trump\" \"O'Brien's\" \"deal\"")
        );
        assert_eq!(fts_query(" ,;- "), None);
    }

    #[test]
    fn repeated_words_count_once_whatever_their_case() {
        let terms = SearchTerms::parse(&"peace Peace PEACE talks ".repeat(5000));
        assert_eq!(terms.terms, vec!["peace", "talks"]);
        assert_eq!(terms.repeated, 5000 * 4 - 2);
        assert_eq!(terms.ignored, 0);
        assert_eq!(terms.warning(), None);
        assert_eq!(terms.fts().as_deref(), Some("\"peace\" \"talks\""));
    }

    #[test]
    fn words_past_the_cap_are_ignored_and_said_so() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let terms = SearchTerms::parse(&words.join(" "));
        assert_eq!(terms.terms.len(), MAX_SEARCH_TERMS);
        assert_eq!(terms.terms[0], "w0");
        assert_eq!(terms.terms[MAX_SEARCH_TERMS - 1], "w31");
        assert_eq!(terms.ignored, 100 - MAX_SEARCH_TERMS);
        let warning = terms.warning().unwrap();
        assert!(warning.contains("first 32 distinct words"), "{warning}");
        assert!(warning.contains("68 more"), "{warning}");
        // Repeats of words already searched for are not counted as ignored.
        let terms = SearchTerms::parse(&format!("{} w0 w1", words.join(" ")));
        assert_eq!(terms.ignored, 100 - MAX_SEARCH_TERMS);
    }
}

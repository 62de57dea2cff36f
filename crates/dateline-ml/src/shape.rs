//! Word shapes: a word's letters and digits replaced by their class, runs collapsed.
//! Both the syntax models and the named-entity tagger use the shape as a feature, so it
//! is written once here.

/// The compressed shape of `word`: upper-case letters become `X`, lower-case `x`, digits
/// `d`, other characters stay; a run of one class (or of one other character) keeps at
/// most two characters. With `max_chars`, only the first `max_chars` characters count.
///
/// ```
/// use dateline_ml::shape::word_shape;
///
/// assert_eq!(word_shape("Starmer", None), "Xxx");
/// assert_eq!(word_shape("G7", None), "Xd");
/// assert_eq!(word_shape("2025", None), "dd");
/// assert_eq!(word_shape("U.S.", None), "X.X.");
/// assert_eq!(word_shape("Zelensky’s", None), "Xxx’x");
/// assert_eq!(word_shape("Starmer", Some(1)), "X");
/// ```
pub fn word_shape(word: &str, max_chars: Option<usize>) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars().take(max_chars.unwrap_or(usize::MAX)) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(class);
        last = class;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_two_characters() {
        assert_eq!(word_shape("ABCDEF", None), "XX");
        assert_eq!(word_shape("abc", None), "xx");
        assert_eq!(word_shape("ab", None), "xx");
        assert_eq!(word_shape("a", None), "x");
        assert_eq!(word_shape("", None), "");
        assert_eq!(word_shape("...", None), "..");
        assert_eq!(word_shape("1,000,000", None), "d,dd,dd");
    }

    #[test]
    fn max_chars_truncates_before_collapsing() {
        let long = "a".repeat(30) + "B";
        assert_eq!(word_shape(&long, None), "xxX");
        assert_eq!(word_shape(&long, Some(24)), "xx");
        assert_eq!(word_shape("Éire", Some(2)), "Xx");
    }
}

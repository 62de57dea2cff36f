//! Word-form normalisation and the per-token lexical features the tagger and parser share.

use crate::hashing::{hash_chars, hash_str, key};

/// Maps typographic variants to the ASCII forms the treebank mostly uses, so that
/// news text with curly quotes (“It’s”) looks like the training data (It 's).
pub fn normalise(form: &str) -> std::borrow::Cow<'_, str> {
    if form.is_ascii() {
        return std::borrow::Cow::Borrowed(form);
    }
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
                out.push('"')
            }
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A compressed word shape of the first 24 chars ([`dateline_ml::shape::word_shape`]):
/// "Starmer" → "Xxx", "G7" → "Xd", "2025" → "dd", "U.S." → "X.X.".
pub fn shape(form: &str) -> String {
    dateline_ml::shape::word_shape(form, Some(24))
}

/// Capitalisation style of a whole sentence: headlines in title case or capitals make
/// capital letters a weak cue for proper nouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Ordinary sentence case.
    Normal = 0,
    /// Most words (7 in 10 of at least 4) start with a capital.
    Title = 1,
    /// Most words (7 in 10 of at least 3) are written in capitals.
    Upper = 2,
}

/// The capitalisation style of a sentence's `words` (words not starting with a letter
/// are ignored).
pub fn sentence_style(words: &[&str]) -> Style {
    let mut alpha = 0;
    let mut init_cap = 0;
    let mut all_cap = 0;
    for w in words {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        alpha += 1;
        if first.is_uppercase() {
            init_cap += 1;
        }
        if w.chars().count() > 1 && !w.chars().any(|c| c.is_lowercase()) {
            all_cap += 1;
        }
    }
    if alpha >= 3 && all_cap * 10 >= alpha * 7 {
        Style::Upper
    } else if alpha >= 4 && init_cap * 10 >= alpha * 7 {
        Style::Title
    } else {
        Style::Normal
    }
}

/// Lexical feature values of one token, hashed once and reused by every template.
#[derive(Debug, Clone, Copy)]
pub struct Lex {
    /// Hash of the normalised form.
    pub form: u64,
    /// Hash of the lowercase normalised form.
    pub lower: u64,
    /// Hashes of the last 1, 2, 3 and 4 lowercase chars.
    pub suffix: [u64; 4],
    /// Hashes of the first 1, 2 and 3 lowercase chars.
    pub prefix: [u64; 3],
    /// Hash of the form's [`shape`].
    pub shape: u64,
    /// Bit set: digit, hyphen, initial capital, all capitals, alphabetic, all punctuation
    /// (bit 10 marks a sentence boundary, see [`Lex::boundary`]).
    pub flags: u64,
}

const FLAG_DIGIT: u64 = 1;
const FLAG_HYPHEN: u64 = 2;
const FLAG_INIT_UPPER: u64 = 4;
const FLAG_ALL_UPPER: u64 = 8;
const FLAG_ALPHA: u64 = 16;
const FLAG_PUNCT: u64 = 32;

impl Lex {
    /// Hashes the lexical values of the word `raw` (normalised first).
    pub fn new(raw: &str) -> Self {
        let form = normalise(raw);
        let lower = form.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let n = chars.len();
        let suffix_of =
            |k: usize| -> u64 { key(100 + k as u64, &[hash_chars(&chars[n.saturating_sub(k)..])]) };
        let prefix_of =
            |k: usize| -> u64 { key(200 + k as u64, &[hash_chars(&chars[..k.min(n)])]) };
        let mut flags = 0;
        if form.chars().any(|c| c.is_numeric()) {
            flags |= FLAG_DIGIT;
        }
        if form.contains('-') {
            flags |= FLAG_HYPHEN;
        }
        if form.chars().next().is_some_and(|c| c.is_uppercase()) {
            flags |= FLAG_INIT_UPPER;
        }
        if form.chars().any(|c| c.is_alphabetic()) {
            flags |= FLAG_ALPHA;
            if !form.chars().any(|c| c.is_lowercase()) {
                flags |= FLAG_ALL_UPPER;
            }
        }
        if !form.is_empty() && form.chars().all(|c| !c.is_alphanumeric()) {
            flags |= FLAG_PUNCT;
        }
        Lex {
            form: hash_str(&form),
            lower: hash_str(&lower),
            suffix: [suffix_of(1), suffix_of(2), suffix_of(3), suffix_of(4)],
            prefix: [prefix_of(1), prefix_of(2), prefix_of(3)],
            shape: hash_str(&shape(&form)),
            flags,
        }
    }

    /// Stands in for positions before the sentence start or after its end.
    pub fn boundary(which: u64) -> Self {
        let v = key(999, &[which]);
        Lex {
            form: v,
            lower: v,
            suffix: [v; 4],
            prefix: [v; 3],
            shape: v,
            flags: 1 << 10 | which,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_styles() {
        assert_eq!(shape("Starmer"), "Xxx");
        assert_eq!(shape("G7"), "Xd");
        // Only the first 24 chars count: a long digit run then letters keeps no letters.
        assert_eq!(shape(&format!("{}abc", "1".repeat(24))), "dd");
        assert_eq!(normalise("It’s"), "It's");
        assert_eq!(
            sentence_style(&["Ad", "Sales", "Boost", "Time", "Warner", "Profit"]),
            Style::Title
        );
        assert_eq!(sentence_style(&["PM", "TO", "MEET", "TRUMP"]), Style::Upper);
        assert_eq!(
            sentence_style(&["Mr", "Starmer", "spoke", "to", "him"]),
            Style::Normal
        );
    }
}

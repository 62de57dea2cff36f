//! The strings a word's features are looked up by, in the order of the model's feature
//! list, and the vocabularies they are looked up in. `neural/train.py` computes the same
//! strings; the two must agree on every feature.

use crate::lexical::normalise;
use std::collections::HashMap;

/// The vocabularies are fixed at load and only looked up: a multiply-rotate hash (FxHash's)
/// is several times cheaper than the default SipHash, whose flooding resistance they do
/// not need.
#[derive(Default, Clone, Copy)]
pub(super) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type Vocabulary = HashMap<String, u32, std::hash::BuildHasherDefault<FastHasher>>;

/// What a feature is computed from, parsed once from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FeatureKind {
    Word,
    Shape,
    Suffix(usize),
    Prefix(usize),
    /// The whole sentence's capitalisation: "normal", "title" or "upper"
    /// ([`crate::lexical::sentence_style`]).
    Style,
}

impl FeatureKind {
    pub(super) fn of(name: &str) -> Option<FeatureKind> {
        match name {
            "word" => Some(FeatureKind::Word),
            "shape" => Some(FeatureKind::Shape),
            "style" => Some(FeatureKind::Style),
            _ => {
                let n = name.get(3..)?.parse().ok()?;
                match name.get(..3)? {
                    "suf" => Some(FeatureKind::Suffix(n)),
                    "pre" => Some(FeatureKind::Prefix(n)),
                    _ => None,
                }
            }
        }
    }
}

/// Lower case with every ASCII digit turned into 0: the word-embedding key.
pub fn word_key(form: &str) -> String {
    normalise(form)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Upper, lower, digit or the char itself, runs collapsed, at most five symbols.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    let mut n = 0;
    for c in normalise(form).chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
            n += 1;
            if n == 5 {
                break;
            }
        }
    }
    out
}

/// The last `n` chars of `key` (all of it if shorter).
pub fn suffix_of(key: &str, n: usize) -> &str {
    match n.checked_sub(1) {
        None => "",
        Some(back) => key
            .char_indices()
            .rev()
            .nth(back)
            .map_or(key, |(i, _)| &key[i..]),
    }
}

/// The first `n` chars of `key` (all of it if shorter).
pub fn prefix_of(key: &str, n: usize) -> &str {
    key.char_indices().nth(n).map_or(key, |(i, _)| &key[..i])
}

/// The pretrained-vector lookup key: the normalised form in lower case, digits kept.
pub fn vector_key(form: &str) -> String {
    normalise(form)
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

/// British news writes "Mr Starmer", "Dr Smith" without the period that EWT (American
/// web text, where "Mr" never occurs) always has: such a title is read as its dotted
/// form, which the network has seen. (The perceptron tagger learns the same from
/// training copies with British titles.)
pub fn as_in_treebank(form: &str) -> &str {
    match form {
        "Mr" => "Mr.",
        "Mrs" => "Mrs.",
        "Ms" => "Ms.",
        "Dr" => "Dr.",
        "MR" => "MR.",
        "MRS" => "MRS.",
        "DR" => "DR.",
        _ => form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_match_the_training_script() {
        assert_eq!(word_key("Starmer’s"), "starmer's");
        assert_eq!(word_key("G7"), "g0");
        assert_eq!(shape("Starmer"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2025-02-15"), "d-d-d");
        assert_eq!(suffix_of("starmer", 3), "mer");
        assert_eq!(suffix_of("to", 3), "to");
        assert_eq!(prefix_of("é", 2), "é");
        assert_eq!(prefix_of("starmer", 2), "st");
        assert_eq!(vector_key("G7’s"), "g7's");
        assert_eq!(as_in_treebank("Mr"), "Mr.");
        assert_eq!(as_in_treebank("Mrs."), "Mrs.");
    }

    #[test]
    fn feature_kinds_are_read_from_their_names() {
        assert_eq!(FeatureKind::of("word"), Some(FeatureKind::Word));
        assert_eq!(FeatureKind::of("suf3"), Some(FeatureKind::Suffix(3)));
        assert_eq!(FeatureKind::of("pre2"), Some(FeatureKind::Prefix(2)));
        assert_eq!(FeatureKind::of("style"), Some(FeatureKind::Style));
        assert_eq!(FeatureKind::of("suffix"), None);
        assert_eq!(FeatureKind::of("mid2"), None);
    }

    #[test]
    fn the_vocabulary_hash_finds_what_was_inserted() {
        let vocab: Vocabulary = ["the", "starmer", ""]
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i as u32))
            .collect();
        assert_eq!(vocab.get("starmer"), Some(&1));
        assert_eq!(vocab.get(""), Some(&2));
        assert_eq!(vocab.get("trump"), None);
    }
}

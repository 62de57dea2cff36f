//! The FNV scheme: FNV-1a string hashes finalised with splitmix64, and feature keys that
//! mix a template id with its values. The syntax models' keys are made this way, so these
//! functions must keep their values.
//!
//! ```
//! use dateline_ml::hashing::fnv::{hash_chars, hash_str, key};
//!
//! let word: Vec<char> = "talks".chars().collect();
//! assert_eq!(hash_chars(&word), hash_str("talks"));
//! // A key depends on the template and on the order of the values.
//! let (a, b) = (hash_str("peace"), hash_str("talks"));
//! assert_ne!(key(1, &[a, b]), key(1, &[b, a]));
//! assert_ne!(key(1, &[a]), key(2, &[a]));
//! ```

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xBF58_476D_1CE4_E5B9;
const K3: u64 = 0x94D0_49BB_1331_11EB;
const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

/// The splitmix64 finaliser: spreads every input bit over the whole output.
#[inline]
pub fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(K2);
    x ^= x >> 27;
    x = x.wrapping_mul(K3);
    x ^ (x >> 31)
}

/// Combines an accumulated hash with one more value.
#[inline]
pub fn combine(acc: u64, value: u64) -> u64 {
    (acc.rotate_left(23) ^ value).wrapping_mul(K1)
}

/// The hash of a string (FNV-1a, then finalised).
pub fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    finish(h)
}

/// The same hash as [`hash_str`] of the string the chars spell, without building it.
pub fn hash_chars(chars: &[char]) -> u64 {
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in chars {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    finish(h)
}

/// A feature key from a template id and its values; never 0 (0 marks an empty slot).
#[inline]
pub fn key(template: u64, values: &[u64]) -> u64 {
    let mut acc = template.wrapping_add(1).wrapping_mul(K2);
    for &v in values {
        acc = combine(acc, v);
    }
    finish(acc).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_template_and_order() {
        assert_ne!(key(1, &[2, 3]), key(1, &[3, 2]));
        assert_ne!(key(1, &[2]), key(2, &[2]));
        assert_ne!(key(0, &[]), 0);
    }

    #[test]
    fn char_hash_matches_string_hash() {
        let s = "Zelensky’s";
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(hash_chars(&chars), hash_str(s));
        assert_eq!(hash_chars(&chars[8..]), hash_str("’s"));
    }

    /// The values the committed syntax model was built with.
    #[test]
    fn values_are_pinned() {
        assert_eq!(hash_str(""), finish(FNV_OFFSET));
        assert_eq!(hash_str("a"), finish(0xAF63_DC4C_8601_EC8C));
        assert_eq!(finish(0), 0);
        assert_eq!(combine(0, 1), K1);
    }
}

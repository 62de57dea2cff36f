//! The Fx scheme: FxHash-style mixing of 8-byte words, with a murmur3-style avalanche for
//! feature keys. It is the feature-key scheme of the named-entity tagger (every key in
//! `dateline-entities`' `data/ner.model` is a [`feature`] or [`feature2`] of [`hash_str`]
//! values), so these functions must keep their values. [`FxHasher`] is the same mix as a
//! `Hasher`, for maps keyed by short strings, where SipHash's resistance to crafted keys
//! buys nothing.
//!
//! ```
//! use dateline_ml::hashing::fx::{feature, feature2, hash_str, FxMap};
//!
//! let shape = hash_str("Xx");
//! assert_ne!(feature(7, shape), feature(8, shape));
//! assert_ne!(feature2(10, 1, 2), feature2(10, 2, 1));
//!
//! let mut seen: FxMap<String, bool> = FxMap::default();
//! seen.insert("kyiv".to_string(), true);
//! assert!(seen.contains_key("kyiv"));
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;
const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Mixes `v` into `h` (one FxHash step; feature keys end with [`finish`]).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// The final avalanche of a feature key (murmur3's `fmix64` without its last round).
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The hash of a string: its bytes as little-endian 8-byte words (the last one padded
/// with zeros), then its length.
pub fn hash_str(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut h = SEED;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(mix(h, u64::from_le_bytes(tail)), bytes.len() as u64)
}

/// The key of a feature with one value.
#[inline]
pub fn feature(template: u64, value: u64) -> u64 {
    finish(mix(mix(0, template), value))
}

/// The key of a feature with two values (order matters).
#[inline]
pub fn feature2(template: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(mix(0, template), a), b))
}

/// [`mix`] as a `Hasher`: 8-byte words, then the remaining bytes one at a time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.0 = mix(self.0, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        for &b in chunks.remainder() {
            self.0 = mix(self.0, u64::from(b));
        }
    }
}

/// A `HashMap` hashed with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` hashed with [`FxHasher`].
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Values computed independently of this code (a Python transcription of the
    /// scheme): the NER model's keys depend on every one of them.
    #[test]
    fn values_are_pinned() {
        assert_eq!(hash_str(""), 13972797491740967093);
        assert_eq!(hash_str("Starmer"), 16945762963486600011);
        assert_eq!(hash_str("Zelensky’s"), 12843550401781005334);
        assert_eq!(feature(7, hash_str("Xx")), 15926960271641949014);
        assert_eq!(feature2(10, 1, 2), 13830031194192027943);
        let mut h = FxHasher::default();
        h.write(b"kyiv");
        assert_eq!(h.finish(), 15280560698617300463);
    }

    #[test]
    fn strings_of_different_lengths_differ() {
        assert_ne!(hash_str("a"), hash_str("a\0"));
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
    }
}

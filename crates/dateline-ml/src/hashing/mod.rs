//! Feature hashing: every feature is a 64-bit hash of its template id and values, so the
//! models never store strings and a lookup is one probe in a table keyed by the hash.
//!
//! Two schemes live here, because each is baked into committed model files and changing
//! either would change their keys:
//!
//! - [`fnv`]: FNV-1a string hashes and splitmix64 key mixing, the scheme of the syntax
//!   tagger, lemmatiser and parser (`dateline-syntax`'s `model/syntax.bin`). Its functions
//!   are re-exported here ([`hash_str`], [`key`], …) under the names that crate uses;
//! - [`fx`]: FxHash-style string hashes and feature keys, the scheme of the named-entity
//!   tagger (`dateline-entities`' `data/ner.model`), and the fast hasher of its word maps.
//!
//! New models should use [`fnv`]. Both schemes produce well-mixed keys, so both use
//! [`KeyMap`], a `HashMap` that takes the key as its own hash.
//!
//! ```
//! use dateline_ml::hashing::{fnv, fx, KeyMap};
//!
//! let mut weights: KeyMap<f32> = KeyMap::default();
//! weights.insert(fnv::key(3, &[fnv::hash_str("Starmer")]), 1.5);
//! weights.insert(fx::feature(3, fx::hash_str("Starmer")), -0.5);
//! assert_eq!(weights.len(), 2);
//! ```

pub mod fnv;
pub mod fx;

pub use crate::rng::Rng;
pub use fnv::{combine, finish, hash_chars, hash_str, key};

use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well-mixed hashes: a `u64` is its own hash.
///
/// Only `u64` keys should be hashed with it; other types go through [`Hasher::write`],
/// which just shifts the bytes in.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The build-hasher of [`KeyMap`] and [`KeySet`].
pub type BuildIdentity = BuildHasherDefault<IdentityHasher>;

/// A `HashMap` keyed by pre-hashed `u64` feature keys.
pub type KeyMap<V> = std::collections::HashMap<u64, V, BuildIdentity>;

/// A `HashSet` of pre-hashed `u64` feature keys.
pub type KeySet = std::collections::HashSet<u64, BuildIdentity>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    #[test]
    fn a_u64_key_is_its_own_hash() {
        for k in [0u64, 1, 0xDEAD_BEEF, u64::MAX] {
            let mut h = IdentityHasher::default();
            k.hash(&mut h);
            assert_eq!(h.finish(), k);
            assert_eq!(BuildIdentity::default().hash_one(k), k);
        }
    }

    #[test]
    fn maps_and_sets_find_their_keys() {
        let mut m: KeyMap<u32> = KeyMap::default();
        let mut s = KeySet::default();
        for k in 0..1000u64 {
            m.insert(k * 64, k as u32);
            s.insert(k * 64);
        }
        assert_eq!(m[&6400], 100);
        assert!(s.contains(&640) && !s.contains(&641));
    }
}

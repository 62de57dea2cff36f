//! Feature keys: every feature is a 64-bit hash of its template id and values, so the
//! models never store strings and a lookup is one probe in an open-addressing table.

use std::hash::{BuildHasherDefault, Hasher};

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xBF58_476D_1CE4_E5B9;
const K3: u64 = 0x94D0_49BB_1331_11EB;

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
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    finish(h)
}

/// The same hash as [`hash_str`] of the string the chars spell, without building it.
pub fn hash_chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut buf = [0u8; 4];
    for c in chars {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
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

/// A hasher for keys that are already well-mixed hashes.
#[derive(Default, Clone, Copy)]
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

/// A `HashMap` keyed by pre-hashed `u64` feature keys.
pub type KeyMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// A small deterministic random number generator (xorshift64*), so training is reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(finish(seed).max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A uniform float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
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

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        let f = a.next_f64();
        assert!((0.0..1.0).contains(&f));
    }
}

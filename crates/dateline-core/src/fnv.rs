//! FNV-1a, 64 bits: the one stable, non-cryptographic hash dateline keys things by
//! (document ids, the store's input hashes, the batch run's duplicate keys). Its values are
//! stored and compared across runs, so they must never change.

/// FNV-1a's 64-bit offset basis: the hash of nothing.
const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV's 64-bit prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The FNV-1a 64-bit hash of `bytes`.
///
/// ```
/// use dateline_core::fnv::fnv1a64;
/// assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
/// assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv64::new();
    h.write(bytes);
    h.finish()
}

/// An FNV-1a 64-bit hash fed in pieces: writing `a` then `b` gives the hash of `a` and `b`
/// concatenated.
///
/// ```
/// use dateline_core::fnv::{fnv1a64, Fnv64};
/// let mut h = Fnv64::new();
/// h.write(b"foo");
/// h.write(b"bar");
/// assert_eq!(h.finish(), fnv1a64(b"foobar"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv64(u64);

impl Fnv64 {
    /// A hash of nothing yet.
    pub fn new() -> Self {
        Fnv64(OFFSET_BASIS)
    }

    /// Feeds these bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    /// The hash of everything written so far (writing may go on).
    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors from the FNV reference test suite (FNV-1a, 64 bits).
    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn pieces_hash_like_the_whole() {
        let text = "Keir Starmer will meet Donald Trump next week.".as_bytes();
        for cut in 0..text.len() {
            let mut h = Fnv64::default();
            h.write(&text[..cut]);
            h.write(&text[cut..]);
            assert_eq!(h.finish(), fnv1a64(text));
        }
    }
}

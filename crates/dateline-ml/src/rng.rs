//! A small deterministic random number generator, so that training is reproducible.
//!
//! ```
//! use dateline_ml::rng::Rng;
//!
//! let mut a = Rng::new(7);
//! let mut order = [1, 2, 3, 4, 5];
//! a.shuffle(&mut order);
//! let mut sorted = order;
//! sorted.sort();
//! assert_eq!(sorted, [1, 2, 3, 4, 5]);
//! ```

use crate::hashing::fnv::finish;

/// xorshift64*, seeded through the splitmix64 finaliser so small seeds still differ.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose stream depends only on `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(finish(seed).max(1))
    }
    /// The next 64 random bits.
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
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        let f = a.next_f64();
        assert!((0.0..1.0).contains(&f));
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }
}

//! Quantising trained weights to `i16`, as both perceptron model files store them.
//!
//! One scale serves a whole model: the largest kept weight becomes ±32767, so a weight is
//! `q as f32 * scale`. Weights below the pruning threshold, and those that round to zero,
//! are dropped, which is most of what keeps the model files small.
//!
//! ```
//! use dateline_ml::quantise::Quantiser;
//!
//! let q = Quantiser::new(2.0, 0.1);
//! assert_eq!(q.quantise(2.0), Some(32767));
//! assert_eq!(q.quantise(-1.5), Some(-24575));
//! assert_eq!(q.quantise(0.05), None); // below min_abs
//! assert!((f32::from(q.quantise(1.0).unwrap()) * q.scale() - 1.0).abs() < 1e-4);
//! ```

/// Turns `f32` weights into `i16` multiples of one scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiser {
    scale: f32,
    min_abs: f32,
}

impl Quantiser {
    /// A quantiser for weights up to `max_abs` in magnitude (scale `max_abs / 32767`, or 1
    /// when `max_abs` is 0) that drops weights smaller than `min_abs`.
    pub fn new(max_abs: f32, min_abs: f32) -> Self {
        let scale = if max_abs > 0.0 {
            max_abs / f32::from(i16::MAX)
        } else {
            1.0
        };
        Quantiser { scale, min_abs }
    }

    /// What one unit of a quantised weight is worth; stored in the model file.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The quantised weight, or `None` when the weight is below `min_abs` in magnitude or
    /// rounds to zero.
    #[inline]
    pub fn quantise(&self, weight: f32) -> Option<i16> {
        if weight.abs() < self.min_abs {
            return None;
        }
        let q = (weight / self.scale).round() as i16;
        (q != 0).then_some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_weight_is_full_scale() {
        let q = Quantiser::new(0.75, 0.0);
        assert_eq!(q.scale(), 0.75 / 32767.0);
        assert_eq!(q.quantise(0.75), Some(i16::MAX));
        assert_eq!(q.quantise(-0.75), Some(-i16::MAX));
        assert_eq!(q.quantise(0.5), Some(21845));
    }

    #[test]
    fn small_and_zero_weights_are_dropped() {
        let q = Quantiser::new(1.0, 0.25);
        assert_eq!(q.quantise(0.2499), None);
        assert_eq!(q.quantise(-0.25), Some(-8192));
        let q = Quantiser::new(1.0, 0.0);
        assert_eq!(q.quantise(0.0), None);
        assert_eq!(q.quantise(1e-6), None);
        assert_eq!(q.quantise(2e-5), Some(1));
    }

    #[test]
    fn a_zero_maximum_gives_scale_one() {
        let q = Quantiser::new(0.0, 0.0);
        assert_eq!(q.scale(), 1.0);
        assert_eq!(q.quantise(0.0), None);
    }
}

//! The machine-learning pieces dateline's models share, written once.
//!
//! - [`hashing`]: every feature is a 64-bit hash of its template and values, looked up in
//!   an open-addressing table ([`hashing::KeyMap`]);
//! - [`perceptron`]: the averaged perceptron's trainer and its compact, quantised
//!   classifier;
//! - [`binio`]: the little-endian reader and writer of model files, with errors that say
//!   what was truncated.
//!
//! The tagger and parser of `dateline-syntax` are built on these; new learned heads should
//! be too, so that one model format and one hashing scheme serve the whole pipeline.
//!
//! ```
//! use dateline_ml::perceptron::Trainer;
//! use dateline_ml::hashing::hash_str;
//!
//! // Two classes, one feature each: the perceptron learns them apart.
//! let (a, b) = (hash_str("word=talks"), hash_str("word=strike"));
//! let mut trainer = Trainer::new(2);
//! for _ in 0..5 {
//!     trainer.update(&[a], 0, 1);
//!     trainer.update(&[b], 1, 0);
//!     trainer.tick();
//! }
//! let model = trainer.finish(0.0);
//! let mut scores = [0f32; 2];
//! model.score_f32(&[a], &mut scores);
//! assert!(scores[0] > scores[1]);
//! ```

pub mod binio;
pub mod hashing;
pub mod perceptron;

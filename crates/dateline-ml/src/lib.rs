//! The machine-learning pieces dateline's models share, written once.
//!
//! Not a pipeline stage itself: the syntax models (dateline-syntax: tagger, lemmatiser,
//! parser) and the NER model (dateline-entities) are built on it, at run time to load and
//! apply their model files and in their training tools to write them.
//!
//! - [`hashing`]: every feature is a 64-bit hash of its template and values, looked up in
//!   a table keyed by that hash ([`hashing::KeyMap`]); the syntax models' scheme
//!   ([`hashing::fnv`]) and the NER model's ([`hashing::fx`]);
//! - [`perceptron`]: the averaged perceptron's sparse trainer and its compact, quantised
//!   classifier (the syntax tagger, lemmatiser and parser);
//! - [`quantise`]: averaged weights to `i16` at one scale, as both perceptron model files
//!   store them;
//! - [`shape`]: word shapes ("Starmer" → "Xxx"), a feature of every tagger;
//! - [`mem`]: the cache prefetch that makes table lookups overlap;
//! - [`binio`]: the little-endian reader and writer of model files, with errors that say
//!   which model was truncated;
//! - [`model_file`]: the magic number and version every model file starts with, and the
//!   check that says how to retrain a file of another version;
//! - [`rng`]: the deterministic random numbers of reproducible training.
//!
//! The tagger and parser of `dateline-syntax` and the named-entity tagger of
//! `dateline-entities` are built on these; new learned heads should be too, so that one
//! model format and one hashing scheme serve the whole pipeline.
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

#![deny(missing_docs)]

pub mod binio;
pub mod hashing;
pub mod mem;
pub mod model_file;
pub mod perceptron;
pub mod quantise;
pub mod rng;
pub mod shape;

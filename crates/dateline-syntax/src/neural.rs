//! The neural tagger and parser: a BiLSTM over word, affix and shape embeddings and
//! pretrained word vectors, a joint UPOS|XPOS classifier, a biaffine arc scorer decoded as a
//! maximum spanning tree (Chu-Liu/Edmonds, one root), and a label scorer. Trained by
//! `crates/dateline-syntax/neural/train.py` (the training scripts live there, outside
//! `src/`), which writes the file this module reads; the two must agree on every feature
//! (see [`features`]).
//!
//! Inference is arranged for speed on one core: the first layer's input projection is
//! folded into per-vocabulary tables at load time (a word costs a few row additions instead
//! of a matrix product); every product whose input is an LSTM state is done in 8-bit
//! integers ([`quant`]: AVX-512 VNNI where the CPU has it, bit-identical portable code
//! elsewhere); all sentences of a batch share each recurrent step; and the LSTM cell is
//! a loop the compiler vectorises (with AVX2 or AVX-512 where the CPU has them).
//!
//! The parts, in the order a word goes through them:
//! - [`features`]: the strings a word is looked up by;
//! - `format`: the model file (magic, version, layout), and `network`: the network built
//!   from it ([`Network`]);
//! - `encoder`: the BiLSTM layers;
//! - `scorer`: the tag, arc and label heads, and `tree`: the arcs decoded as a tree;
//! - `matrix`, `kernels` and [`quant`]: float products, the vectorised LSTM cell and row
//!   sums, and the 8-bit products.

mod encoder;
pub mod features;
mod format;
mod kernels;
mod matrix;
mod network;
pub mod quant;
mod scorer;
mod tree;

pub use format::{FORMAT_VERSION, MAGIC};
pub use network::{Network, NeuralWord};

//! The neural tagger and parser: a BiLSTM over word, affix and shape embeddings and
//! pretrained word vectors, a joint UPOS|XPOS classifier, a biaffine arc scorer decoded as a
//! maximum spanning tree (Chu-Liu/Edmonds, one root), and a label scorer. Trained by
//! `neural/train.py`, which writes the file this module reads; the two must agree on every
//! feature (see [`features`]).
//!
//! Inference is arranged for speed on one core: the first layer's input projection is
//! folded into per-vocabulary tables at load time (a word costs a few row additions instead
//! of a matrix product); every product whose input is an LSTM state is done in 8-bit
//! integers ([`quant`]: AVX-512 VNNI where the CPU has it, bit-identical portable code
//! elsewhere); all sentences of a document share each recurrent step; and the LSTM cell is
//! a loop the compiler vectorises (with AVX2 or AVX-512 where the CPU has them).

pub mod quant;

use crate::binio::Reader;
use crate::lexical::normalise;
use dateline_core::{Error, Result};
use quant::{Kernel, QMatrix};

/// The vocabularies are fixed at load and only looked up: a multiply-rotate hash (FxHash's)
/// is several times cheaper than the default SipHash, whose flooding resistance they do
/// not need.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Vocabulary = HashMap<String, u32, std::hash::BuildHasherDefault<FastHasher>>;

/// What a feature is computed from, parsed once from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeatureKind {
    Word,
    Shape,
    Suffix(usize),
    Prefix(usize),
    /// The whole sentence's capitalisation: "normal", "title" or "upper"
    /// ([`crate::lexical::sentence_style`]).
    Style,
}

impl FeatureKind {
    fn of(name: &str) -> Option<FeatureKind> {
        match name {
            "word" => Some(FeatureKind::Word),
            "shape" => Some(FeatureKind::Shape),
            "style" => Some(FeatureKind::Style),
            _ => {
                let n = name.get(3..)?.parse().ok()?;
                match name.get(..3)? {
                    "suf" => Some(FeatureKind::Suffix(n)),
                    "pre" => Some(FeatureKind::Prefix(n)),
                    _ => None,
                }
            }
        }
    }
}
use std::collections::HashMap;

pub const MAGIC: &[u8; 8] = b"DLNEURAL";
/// Bumped with any change to the file layout or the features.
pub const FORMAT_VERSION: u32 = 2;

/// The strings a word's features are looked up by, in the order of the model's feature list.
pub mod features {
    use super::normalise;

    /// Lower case with every ASCII digit turned into 0: the word-embedding key.
    pub fn word_key(form: &str) -> String {
        normalise(form)
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect()
    }

    /// Upper, lower, digit or the char itself, runs collapsed, at most five symbols.
    pub fn shape(form: &str) -> String {
        let mut out = String::new();
        let mut last = None;
        let mut n = 0;
        for c in normalise(form).chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if last != Some(s) {
                out.push(s);
                last = Some(s);
                n += 1;
                if n == 5 {
                    break;
                }
            }
        }
        out
    }

    /// The last `n` chars of `key` (all of it if shorter).
    pub fn suffix_of(key: &str, n: usize) -> &str {
        match n.checked_sub(1) {
            None => "",
            Some(back) => key
                .char_indices()
                .rev()
                .nth(back)
                .map_or(key, |(i, _)| &key[i..]),
        }
    }

    /// The first `n` chars of `key` (all of it if shorter).
    pub fn prefix_of(key: &str, n: usize) -> &str {
        key.char_indices().nth(n).map_or(key, |(i, _)| &key[..i])
    }

    /// The pretrained-vector lookup key: the normalised form in lower case, digits kept.
    pub fn vector_key(form: &str) -> String {
        normalise(form)
            .chars()
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// British news writes "Mr Starmer", "Dr Smith" without the period that EWT (American
    /// web text, where "Mr" never occurs) always has: such a title is read as its dotted
    /// form, which the network has seen. (The perceptron tagger learns the same from
    /// training copies with British titles.)
    pub fn as_in_treebank(form: &str) -> &str {
        match form {
            "Mr" => "Mr.",
            "Mrs" => "Mrs.",
            "Ms" => "Ms.",
            "Dr" => "Dr.",
            "MR" => "MR.",
            "MRS" => "MRS.",
            "DR" => "DR.",
            _ => form,
        }
    }
}

/// A row-major matrix.
#[derive(Debug, Clone)]
struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

impl Matrix {
    fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }
    fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }
    fn row_mut(&mut self, r: usize) -> &mut [f32] {
        &mut self.data[r * self.cols..(r + 1) * self.cols]
    }
    /// Rows `from..to` as a new matrix.
    fn rows_range(&self, from: usize, to: usize) -> Matrix {
        Matrix {
            rows: to - from,
            cols: self.cols,
            data: self.data[from * self.cols..to * self.cols].to_vec(),
        }
    }
    fn hconcat(parts: &[&Matrix]) -> Matrix {
        let rows = parts[0].rows;
        let cols = parts.iter().map(|m| m.cols).sum();
        let mut out = Matrix::zeros(rows, cols);
        for r in 0..rows {
            let mut c = 0;
            for m in parts {
                out.row_mut(r)[c..c + m.cols].copy_from_slice(m.row(r));
                c += m.cols;
            }
        }
        out
    }
}

/// `c[m×n] = a[m×k] · b[k×n]` (+ `c` if `accumulate`), all row-major.
fn gemm(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32], accumulate: bool) {
    debug_assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n);
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: the slices are at least as long as the dimensions and strides imply
    // (checked above in debug builds, and by construction in every caller).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            k as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            if accumulate { 1.0 } else { 0.0 },
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// `c = a · b` (+ `c` if `accumulate`) for an `m × k` by `k × n` product, each operand given
/// as (slice, row stride, column stride) and `c` as (slice, row stride).
#[allow(clippy::type_complexity)]
fn gemm_strided(
    (m, k, n): (usize, usize, usize),
    (a, rsa, csa): (&[f32], usize, usize),
    (b, rsb, csb): (&[f32], usize, usize),
    (c, rsc): (&mut [f32], usize),
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    let last = |rows: usize, cols: usize, rs: usize, cs: usize| (rows - 1) * rs + (cols - 1) * cs;
    assert!(k == 0 || (last(m, k, rsa, csa) < a.len() && last(k, n, rsb, csb) < b.len()));
    assert!(last(m, n, rsc, 1) < c.len());
    // SAFETY: the last element each operand's strides reach is inside its slice (checked).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            rsa as isize,
            csa as isize,
            b.as_ptr(),
            rsb as isize,
            csb as isize,
            if accumulate { 1.0 } else { 0.0 },
            c.as_mut_ptr(),
            rsc as isize,
            1,
        );
    }
}

mod kernels {
    //! The float inner loops (LSTM cell, row sums), compiled for the baseline target and,
    //! where the CPU has them, with AVX2 and FMA or AVX-512 (chosen once, at load). The
    //! 8-bit products are in `quant`.

    /// 2^f for f in [0, 1): least-squares fit in relative error (max 5.3e-6: the states
    /// are stored in 8 bits, steps of 1/127, so more terms would buy nothing).
    const EXP2_POLY: [f32; 5] = [
        1.000_005_2,
        0.692_974_27,
        0.241_508_8,
        0.051_989_6,
        0.013_511_545,
    ];

    // `max` and `min` rather than `clamp`: they turn a NaN into the bound, which makes the
    // unchecked conversions below sound, and, unlike `as`, those vectorise.
    #[inline(always)]
    #[allow(clippy::manual_clamp)]
    fn exp(x: f32) -> f32 {
        let y = (x * std::f32::consts::LOG2_E).max(-126.0).min(126.0);
        let i = y.floor();
        let f = y - i;
        let p = EXP2_POLY[0]
            + f * (EXP2_POLY[1] + f * (EXP2_POLY[2] + f * (EXP2_POLY[3] + f * EXP2_POLY[4])));
        // SAFETY: `i` is a whole number in [-126, 126], never NaN.
        let i: i32 = unsafe { i.to_int_unchecked() };
        p * f32::from_bits(((i + 127) as u32) << 23)
    }

    #[inline(always)]
    fn sigmoid(x: f32) -> f32 {
        1.0 / (1.0 + exp(-x))
    }

    #[inline(always)]
    #[allow(clippy::manual_clamp)]
    fn tanh(x: f32) -> f32 {
        let e = exp(2.0 * x.max(-15.0).min(15.0));
        (e - 1.0) / (e + 1.0)
    }

    /// The LSTM cell update from the pre-activations of the i, f, o and u blocks; the new
    /// state is written in 8 bits (`quant::quantise`).
    #[inline(always)]
    fn lstm_cell_body(gates: &[f32], c: &mut [f32], h: &mut [u8]) {
        let n = h.len();
        // Every slice exactly `n` long, so that the loop has no bounds checks and vectorises.
        let (i, f, o, u) = (
            &gates[..n],
            &gates[n..2 * n],
            &gates[2 * n..3 * n],
            &gates[3 * n..4 * n],
        );
        let c = &mut c[..n];
        for j in 0..n {
            let cj = sigmoid(f[j]) * c[j] + sigmoid(i[j]) * tanh(u[j]);
            c[j] = cj;
            h[j] = super::quant::quantise(sigmoid(o[j]) * tanh(cj));
        }
    }

    /// `pub fn $name(cpu, args…)` running `$body` compiled for the widest instructions `cpu`
    /// allows: the body is `#[inline(always)]`, so each wrapper gets its own vectorisation.
    macro_rules! dispatched {
        ($(#[$doc:meta])* $name:ident => $body:ident ($($arg:ident: $ty:ty),*)) => {
            $(#[$doc])*
            pub fn $name(cpu: Cpu, $($arg: $ty),*) {
                #[cfg(target_arch = "x86_64")]
                #[target_feature(enable = "avx2,fma")]
                unsafe fn avx2($($arg: $ty),*) {
                    $body($($arg),*)
                }
                #[cfg(target_arch = "x86_64")]
                #[target_feature(enable = "avx512f,avx2,fma")]
                unsafe fn avx512($($arg: $ty),*) {
                    $body($($arg),*)
                }
                match cpu {
                    // SAFETY: the variants are only chosen when the CPU reported the features.
                    #[cfg(target_arch = "x86_64")]
                    Cpu::Avx512 => unsafe { avx512($($arg),*) },
                    #[cfg(target_arch = "x86_64")]
                    Cpu::Avx2 => unsafe { avx2($($arg),*) },
                    _ => $body($($arg),*),
                }
            }
        };
    }

    dispatched!(lstm_cell => lstm_cell_body(gates: &[f32], c: &mut [f32], h: &mut [u8]));

    dispatched!(
        /// `out = first + Σ rows`.
        sum_rows => sum_rows_body(first: &[f32], rows: &[&[f32]], out: &mut [f32])
    );

    /// Asks for `row` to be brought into cache.
    #[inline(always)]
    pub fn prefetch(row: &[f32]) {
        #[cfg(target_arch = "x86_64")]
        for line in row.chunks(16) {
            // SAFETY: a prefetch has no effect on memory; the pointer is inside `row`.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    line.as_ptr() as *const i8
                )
            };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = row;
    }

    #[inline(always)]
    fn sum_rows_body(first: &[f32], rows: &[&[f32]], out: &mut [f32]) {
        let n = out.len();
        out.copy_from_slice(&first[..n]);
        for row in rows {
            for (x, v) in out.iter_mut().zip(&row[..n]) {
                *x += v;
            }
        }
    }

    pub fn relu(x: &mut [f32]) {
        for v in x {
            *v = v.max(0.0);
        }
    }

    /// The widest vector instructions the kernels may use here.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Cpu {
        Baseline,
        Avx2,
        Avx512,
    }

    pub fn detect() -> Cpu {
        #[cfg(target_arch = "x86_64")]
        {
            let avx2 =
                std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma");
            if avx2 && std::is_x86_feature_detected!("avx512f") {
                return Cpu::Avx512;
            }
            if avx2 {
                return Cpu::Avx2;
            }
        }
        Cpu::Baseline
    }
}

#[derive(Debug, Clone)]
struct Layer {
    /// Input projections of both directions side by side, `[input, 8H]` (forward first), in
    /// 8 bits. Empty for the first layer, whose projection is folded into
    /// [`Network::input_tables`] at load time.
    wx: QMatrix,
    /// Biases of both directions, `8H`.
    bias: Vec<f32>,
    /// Recurrent weights, forward and backward, `[H, 4H]` each, in 8 bits.
    wh: [QMatrix; 2],
}

/// Pretrained word vectors (spaCy's en_core_web_md vectors, CC0) after the projection learnt
/// in training, with their part of the first layer's input projection.
#[derive(Debug, Clone)]
struct Vectors {
    /// The keys, sorted (byte order), one after another; `ends[i]` is where key `i` ends.
    keys: Vec<u8>,
    ends: Vec<u32>,
    /// The table row of each key (0 is the zero vector, never stored).
    rows: Vec<u32>,
    /// `[rows, width]`: the vectors after the projection learnt in training.
    table: Matrix,
    /// `[width, 8H]`: their part of the first layer's input projection. (Multiplying the
    /// whole table out would take 80 MB; a word costs `width × 8H` multiplications instead.)
    projection: Matrix,
}

impl Vectors {
    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.keys[start..self.ends[i] as usize]
    }

    /// The projected-table row of a lookup key, if it has a vector.
    fn row(&self, key: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key(mid).cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.rows[mid] as usize),
            }
        }
        None
    }
}

/// The trained network, ready for inference.
#[derive(Debug, Clone)]
pub struct Network {
    pub feature_names: Vec<String>,
    vocabs: Vec<Vocabulary>,
    feature_kinds: Vec<FeatureKind>,
    /// Per feature: the embedding table times the first layer's input projection for both
    /// directions, `[vocab, 8H]`.
    input_tables: Vec<Matrix>,
    /// Per row of the word table: whether the word's vector is already added into it.
    vector_folded: Vec<bool>,
    vectors: Option<Vectors>,
    /// Which feature is the word itself.
    word_feature: Option<usize>,
    layers: Vec<Layer>,
    hidden: usize,
    /// Tag, arc-dependent, arc-head, label-dependent and label-head projections side by
    /// side, in 8 bits (padded to `heads_w.n` columns).
    heads_w: QMatrix,
    heads_b: Vec<f32>,
    root_head_arc: Vec<f32>,
    root_head_lab: Vec<f32>,
    arc_u: Matrix,
    arc_hb: Vec<f32>,
    lab_wd: Matrix,
    lab_wh: Matrix,
    lab_wm: Matrix,
    lab_b: Vec<f32>,
    pub tags: Vec<String>,
    pub relations: Vec<String>,
    n_arc: usize,
    n_lab: usize,
    cpu: kernels::Cpu,
    kernel: Kernel,
}

/// One word's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeuralWord {
    /// Index into [`Network::tags`] ("UPOS|XPOS").
    pub tag: u16,
    /// Index of the head word, `None` for the root.
    pub head: Option<usize>,
    /// Index into [`Network::relations`].
    pub relation: u16,
}

fn corrupt(what: &str) -> Error {
    Error::Other(format!("neural syntax model is corrupt ({what})"))
}

fn read_strings(r: &mut Reader) -> Result<Vec<String>> {
    let n = r.count()?;
    (0..n).map(|_| r.str()).collect()
}

const EMBEDDED: &[u8] = include_bytes!("../model/neural.bin");

impl Network {
    /// The network committed with this crate (`model/neural.bin`).
    pub fn embedded() -> Result<Self> {
        Network::from_bytes(EMBEDDED)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        if r.take(8).ok() != Some(&MAGIC[..]) {
            return Err(Error::Other(
                "not a dateline neural syntax model (bad magic)".into(),
            ));
        }
        let version = r.u32()?;
        // Version 1 is version 2 without pretrained vectors.
        if version != FORMAT_VERSION && version != 1 {
            return Err(Error::Other(format!(
                "neural syntax model has format version {version}, this build needs \
                 {FORMAT_VERSION}: retrain with crates/dateline-syntax/neural/train.sh"
            )));
        }
        let hidden = r.u32()? as usize;
        let n_layers = r.u32()? as usize;
        let n_arc = r.u32()? as usize;
        let n_lab = r.u32()? as usize;
        // The 8-bit products need rows in fours and columns in sixteens (`quant`).
        if hidden == 0 || !hidden.is_multiple_of(4) {
            return Err(corrupt("hidden width is not a multiple of 4"));
        }
        let n_features = r.count()?;
        let mut feature_names = Vec::new();
        let mut vocabs = Vec::new();
        for _ in 0..n_features {
            feature_names.push(r.str()?);
            let words = read_strings(&mut r)?;
            vocabs.push(
                words
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| (w, i as u32))
                    .collect::<Vocabulary>(),
            );
        }
        let feature_kinds = feature_names
            .iter()
            .map(|name| FeatureKind::of(name).ok_or_else(|| corrupt("feature name")))
            .collect::<Result<Vec<_>>>()?;
        let tags = read_strings(&mut r)?;
        let relations = read_strings(&mut r)?;
        let n_keys = if version >= 2 { r.count()? } else { 0 };
        let mut keys = Vec::new();
        let mut ends = Vec::with_capacity(n_keys);
        for _ in 0..n_keys {
            let n = r.u32()? as usize;
            keys.extend_from_slice(r.take(n)?);
            ends.push(u32::try_from(keys.len()).map_err(|_| corrupt("vector keys"))?);
        }
        let key_rows: Vec<u32> = r
            .take(
                n_keys
                    .checked_mul(4)
                    .ok_or_else(|| corrupt("vector rows"))?,
            )?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let mut tensors: HashMap<String, Matrix> = HashMap::new();
        let n_tensors = r.count()?;
        for _ in 0..n_tensors {
            let name = r.str()?;
            let ndim = r.count()?;
            let dims: Vec<usize> = (0..ndim)
                .map(|_| r.u32().map(|d| d as usize))
                .collect::<Result<_>>()?;
            let len = dims
                .iter()
                .try_fold(1usize, |acc, &d| acc.checked_mul(d))
                .and_then(|n| n.checked_mul(4))
                .ok_or_else(|| corrupt("tensor size"))?;
            let raw = r.take(len)?;
            let data: Vec<f32> = raw
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            let (rows, cols) = match dims.as_slice() {
                [n] => (1, *n),
                [a, b] => (*a, *b),
                _ => return Err(corrupt("tensor rank")),
            };
            tensors.insert(name, Matrix { rows, cols, data });
        }
        if !r.at_end() {
            return Err(corrupt("trailing bytes"));
        }
        let mut take = |name: &str| {
            tensors
                .remove(name)
                .ok_or_else(|| corrupt(&format!("missing tensor {name}")))
        };
        let width = 4 * hidden;
        let mut layers: Vec<Layer> = Vec::new();
        let mut first_wx = Matrix::zeros(0, 0);
        for l in 0..n_layers {
            let mut dir = |d: &str| -> Result<(Matrix, Matrix, Vec<f32>)> {
                Ok((
                    take(&format!("lstm{l}{d}_wx"))?,
                    take(&format!("lstm{l}{d}_wh"))?,
                    take(&format!("lstm{l}{d}_b"))?.data,
                ))
            };
            let (fwd_wx, fwd_wh, fwd_b) = dir("f")?;
            let (bwd_wx, bwd_wh, bwd_b) = dir("b")?;
            let input = if l == 0 { fwd_wx.rows } else { 2 * hidden };
            for (wx, wh, b) in [(&fwd_wx, &fwd_wh, &fwd_b), (&bwd_wx, &bwd_wh, &bwd_b)] {
                if wh.rows != hidden
                    || wh.cols != width
                    || wx.rows != input
                    || wx.cols != width
                    || b.len() != width
                {
                    return Err(corrupt("recurrent weights"));
                }
            }
            let wx = Matrix::hconcat(&[&fwd_wx, &bwd_wx]);
            let wx_8bit = if l == 0 {
                // Folded into the input tables below, in floats; never multiplied in 8 bits.
                let empty = QMatrix::new(0, 0, &[]);
                first_wx = wx;
                empty
            } else {
                QMatrix::new(wx.rows, wx.cols, &wx.data)
            };
            layers.push(Layer {
                wx: wx_8bit,
                bias: [fwd_b, bwd_b].concat(),
                wh: [&fwd_wh, &bwd_wh].map(|m| QMatrix::new(m.rows, m.cols, &m.data)),
            });
        }
        if layers.is_empty() {
            return Err(corrupt("no layers"));
        }
        // Fold each embedding table into the first layer's input projection.
        let both = &first_wx;
        let mut input_tables = Vec::new();
        let mut offset = 0;
        for name in &feature_names {
            let emb = take(&format!("emb_{name}"))?;
            if offset + emb.cols > both.rows {
                return Err(corrupt("embedding widths"));
            }
            let slice = both.rows_range(offset, offset + emb.cols);
            let mut table = Matrix::zeros(emb.rows, 2 * width);
            gemm(
                emb.rows,
                emb.cols,
                2 * width,
                &emb.data,
                &slice.data,
                &mut table.data,
                false,
            );
            input_tables.push(table);
            offset += emb.cols;
        }
        let vectors = if n_keys > 0 {
            let table = take("vec_table")?;
            if offset + table.cols != both.rows {
                return Err(corrupt("vector width"));
            }
            let projection = both.rows_range(offset, both.rows);
            offset = both.rows;
            let vectors = Vectors {
                keys,
                ends,
                rows: key_rows,
                table,
                projection,
            };
            let sorted = (1..n_keys).all(|i| vectors.key(i - 1) < vectors.key(i));
            if !sorted
                || vectors
                    .rows
                    .iter()
                    .any(|&row| row as usize >= vectors.table.rows)
            {
                return Err(corrupt("vector keys"));
            }
            Some(vectors)
        } else {
            None
        };
        if offset != both.rows {
            return Err(corrupt("embedding widths"));
        }
        // A word-table entry without digits has the same key as its vector (digits are 0 in
        // one and kept in the other): its vector's part is added to its row once, here.
        let mut vector_folded = Vec::new();
        let word_feature = feature_names.iter().position(|name| name == "word");
        if let (Some(vectors), Some(word)) = (&vectors, word_feature) {
            vector_folded = vec![false; input_tables[word].rows];
            let mut ids = Vec::new();
            let mut gathered = Vec::new();
            for (key, &id) in &vocabs[word] {
                let id = id as usize;
                if id == 0 || id >= vector_folded.len() || key.contains('0') {
                    continue;
                }
                vector_folded[id] = true;
                if let Some(row) = vectors.row(key) {
                    ids.push(id);
                    gathered.extend_from_slice(vectors.table.row(row));
                }
            }
            let mut parts = Matrix::zeros(ids.len(), 2 * width);
            gemm(
                ids.len(),
                vectors.table.cols,
                2 * width,
                &gathered,
                &vectors.projection.data,
                &mut parts.data,
                false,
            );
            for (k, &id) in ids.iter().enumerate() {
                for (x, v) in input_tables[word].row_mut(id).iter_mut().zip(parts.row(k)) {
                    *x += v;
                }
            }
        }

        let parts = [
            ("tag_w", "tag_b"),
            ("arc_dep_w", "arc_dep_b"),
            ("arc_head_w", "arc_head_b"),
            ("lab_dep_w", "lab_dep_b"),
            ("lab_head_w", "lab_head_b"),
        ];
        let mut ws = Vec::new();
        let mut heads_b = Vec::new();
        let widths = [tags.len(), n_arc, n_arc, n_lab, n_lab];
        for ((w, b), cols) in parts.into_iter().zip(widths) {
            let (w, b) = (take(w)?, take(b)?);
            if w.rows != 2 * hidden || w.cols != cols || b.data.len() != cols {
                return Err(corrupt("output weights"));
            }
            ws.push(w);
            heads_b.extend(b.data);
        }
        let heads_w = Matrix::hconcat(&ws.iter().collect::<Vec<_>>());
        let heads_w = QMatrix::new(heads_w.rows, heads_w.cols, &heads_w.data);
        heads_b.resize(heads_w.n, 0.0);
        let root = take("root")?.data;
        if root.len() != 2 * hidden {
            return Err(corrupt("root vector"));
        }
        let project = |w: &Matrix, b: &[f32]| -> Vec<f32> {
            let mut out = b.to_vec();
            gemm(1, w.rows, w.cols, &root, &w.data, &mut out, true);
            out.iter_mut().for_each(|v| *v = v.max(0.0));
            out
        };
        let root_head_arc = project(&ws[2], &heads_b[tags.len() + n_arc..tags.len() + 2 * n_arc]);
        let lab_head_from = tags.len() + 2 * n_arc + n_lab;
        let root_head_lab = project(&ws[4], &heads_b[lab_head_from..lab_head_from + n_lab]);
        let network = Network {
            feature_names,
            vocabs,
            feature_kinds,
            input_tables,
            vector_folded,
            vectors,
            word_feature,
            layers,
            hidden,
            heads_w,
            heads_b,
            root_head_arc,
            root_head_lab,
            arc_u: take("arc_u")?,
            arc_hb: take("arc_hb")?.data,
            lab_wd: take("lab_wd")?,
            lab_wh: take("lab_wh")?,
            lab_wm: take("lab_wm")?,
            lab_b: take("lab_b")?.data,
            tags,
            relations,
            n_arc,
            n_lab,
            cpu: kernels::detect(),
            kernel: Kernel::detect(),
        };
        let n_rel = network.relations.len();
        let label_ok = |m: &Matrix| m.rows == n_lab && m.cols == n_rel;
        if network.lab_b.len() != n_rel
            || !label_ok(&network.lab_wd)
            || !label_ok(&network.lab_wh)
            || !label_ok(&network.lab_wm)
            || network.arc_u.rows != n_arc
            || network.arc_u.cols != n_arc
            || network.arc_hb.len() != n_arc
            || network.tags.is_empty()
            || network.tags.len() > usize::from(u16::MAX)
            || n_rel == 0
        {
            return Err(corrupt("output widths"));
        }
        Ok(network)
    }

    /// The UPOS and XPOS of tag class `tag`.
    pub fn tag_parts(&self, tag: u16) -> (&str, &str) {
        let joint = self
            .tags
            .get(tag as usize)
            .map(String::as_str)
            .unwrap_or("X|_");
        joint.split_once('|').unwrap_or((joint, "_"))
    }

    /// Tags and parses one sentence.
    pub fn analyse(&self, forms: &[&str]) -> Vec<NeuralWord> {
        self.analyse_batch(&[forms]).pop().unwrap_or_default()
    }

    /// Tags and parses sentences together: the recurrent steps of all of them (both
    /// directions) are computed as one matrix product per position, which is several times
    /// faster than a sentence at a time.
    pub fn analyse_batch(&self, sentences: &[&[&str]]) -> Vec<Vec<NeuralWord>> {
        let offsets: Vec<usize> = sentences
            .iter()
            .scan(0, |acc, s| {
                let start = *acc;
                *acc += s.len();
                Some(start)
            })
            .collect();
        let total: usize = sentences.iter().map(|s| s.len()).sum();
        if total == 0 {
            return sentences.iter().map(|_| Vec::new()).collect();
        }
        let states = self.encode(sentences, &offsets, total);
        let n_tags = self.tags.len();
        let out_w = self.heads_w.n;
        let mut out = scratch::take(total, out_w);
        for i in 0..total {
            out.row_mut(i).copy_from_slice(&self.heads_b);
        }
        quant::multiply(
            self.kernel,
            &states,
            total,
            &self.heads_w,
            &mut out.data,
            out_w,
        );
        let mut tag_ids = Vec::with_capacity(total);
        for i in 0..total {
            let row = out.row_mut(i);
            let (tag_part, rest) = row.split_at_mut(n_tags);
            tag_ids.push(argmax(tag_part) as u16);
            kernels::relu(rest);
        }
        // Columns of `out` after the tags: arc dependent, arc head, label dependent, label head.
        let (a, l) = (self.n_arc, self.n_lab);
        let dep_arc = n_tags;
        let head_arc = n_tags + a;
        let dep_lab = n_tags + 2 * a;
        let head_lab = n_tags + 2 * a + l;
        // Everything that does not depend on the chosen heads, for the whole document at once
        // (per sentence, the small products cost more in packing than in arithmetic).
        let mut dep_u = Matrix::zeros(total, a);
        gemm_strided(
            (total, a, a),
            (&out.data[dep_arc..], out_w, 1),
            (&self.arc_u.data, a, 1),
            (&mut dep_u.data, a),
            false,
        );
        let head_bias: Vec<f32> = (0..total)
            .map(|i| dot(&out.row(i)[head_arc..head_arc + a], &self.arc_hb))
            .collect();
        let root_bias = dot(&self.root_head_arc, &self.arc_hb);
        let n_rel = self.relations.len();
        let mut rel_scores = Matrix::zeros(total, n_rel);
        for i in 0..total {
            rel_scores.row_mut(i).copy_from_slice(&self.lab_b);
        }
        gemm_strided(
            (total, l, n_rel),
            (&out.data[dep_lab..], out_w, 1),
            (&self.lab_wd.data, n_rel, 1),
            (&mut rel_scores.data, n_rel),
            true,
        );
        // Arcs, a sentence at a time: scores[i][j] = dep_i · U · head_j + head_j · hb.
        let mut heads = vec![0usize; total];
        for (sentence, &start) in sentences.iter().zip(&offsets) {
            let n = sentence.len();
            if n == 0 {
                continue;
            }
            let mut scores = Matrix::zeros(n, n + 1);
            gemm_strided(
                (n, a, n),
                (&dep_u.data[start * a..], a, 1),
                (&out.data[start * out_w + head_arc..], 1, out_w),
                (&mut scores.data[1..], n + 1),
                false,
            );
            for i in 0..n {
                let row = scores.row_mut(i);
                row[0] = dot(dep_u.row(start + i), &self.root_head_arc) + root_bias;
                for (s, b) in row[1..].iter_mut().zip(&head_bias[start..start + n]) {
                    *s += b;
                }
            }
            // Heads as rows of the document (`usize::MAX` for the root).
            for (i, head) in decode_tree(&scores).into_iter().enumerate() {
                heads[start + i] = head.checked_sub(1).map_or(usize::MAX, |h| start + h);
            }
        }
        // Labels: dep · Wd + head · Wh + (dep ⊙ head) · Wm + b.
        let mut chosen = Matrix::zeros(total, l);
        let mut products = Matrix::zeros(total, l);
        for (i, &head) in heads.iter().enumerate() {
            let head_row = if head == usize::MAX {
                &self.root_head_lab[..]
            } else {
                &out.row(head)[head_lab..head_lab + l]
            };
            chosen.row_mut(i).copy_from_slice(head_row);
            let dep_row = &out.row(i)[dep_lab..dep_lab + l];
            for ((p, d), h) in products.row_mut(i).iter_mut().zip(dep_row).zip(head_row) {
                *p = d * h;
            }
        }
        scratch::give_back(out);
        gemm(
            total,
            l,
            n_rel,
            &chosen.data,
            &self.lab_wh.data,
            &mut rel_scores.data,
            true,
        );
        gemm(
            total,
            l,
            n_rel,
            &products.data,
            &self.lab_wm.data,
            &mut rel_scores.data,
            true,
        );
        sentences
            .iter()
            .zip(&offsets)
            .map(|(sentence, &start)| {
                (start..start + sentence.len())
                    .map(|i| NeuralWord {
                        tag: tag_ids[i],
                        head: (heads[i] != usize::MAX).then(|| heads[i] - start),
                        relation: argmax(rel_scores.row(i)) as u16,
                    })
                    .collect()
            })
            .collect()
    }

    /// The BiLSTM states of all words, `[total, 2H]` in 8 bits, sentence after sentence.
    fn encode(&self, sentences: &[&[&str]], offsets: &[usize], total: usize) -> Vec<u8> {
        let h = self.hidden;
        let width = 4 * h;
        // Each word's row in every feature's table, then the sums: the rows (4 KB each) are
        // mostly not in cache, so the next word's are fetched while this word's are added.
        let n_features = self.feature_names.len();
        let mut ids = Vec::with_capacity(total * n_features);
        // Words whose vector is not folded into the word table: (row in `inputs`, vector row).
        let mut unfolded = Vec::new();
        let sentence_styles = sentences.iter().flat_map(|s| {
            let style = match crate::lexical::sentence_style(s) {
                crate::lexical::Style::Normal => "normal",
                crate::lexical::Style::Title => "title",
                crate::lexical::Style::Upper => "upper",
            };
            s.iter().map(move |form| (form, style))
        });
        for (form, style) in sentence_styles {
            let at = ids.len() / n_features;
            let form = features::as_in_treebank(form);
            let key = features::word_key(form);
            for (f, kind) in self.feature_kinds.iter().enumerate() {
                // The same strings as `features::strings`, without allocating each.
                let shape;
                let text = match *kind {
                    FeatureKind::Word => key.as_str(),
                    FeatureKind::Shape => {
                        shape = features::shape(form);
                        shape.as_str()
                    }
                    FeatureKind::Suffix(n) => features::suffix_of(&key, n),
                    FeatureKind::Prefix(n) => features::prefix_of(&key, n),
                    FeatureKind::Style => style,
                };
                let id = self.vocabs[f].get(text).copied().unwrap_or(0) as usize;
                ids.push(id);
                if Some(f) == self.word_feature
                    && !self.vector_folded.get(id).copied().unwrap_or(false)
                {
                    if let Some(vector) = self
                        .vectors
                        .as_ref()
                        .and_then(|v| v.row(&features::vector_key(form)))
                    {
                        unfolded.push((at, vector));
                    }
                }
            }
        }
        let mut inputs = scratch::take(total, 2 * width);
        for (t, word_ids) in ids.chunks_exact(n_features).enumerate() {
            if let Some(next) = ids.get((t + 1) * n_features..(t + 2) * n_features) {
                for (f, &id) in next.iter().enumerate() {
                    kernels::prefetch(self.input_tables[f].row(id));
                }
            }
            let rows: Vec<&[f32]> = word_ids
                .iter()
                .enumerate()
                .map(|(f, &id)| self.input_tables[f].row(id))
                .collect();
            kernels::sum_rows(self.cpu, &self.layers[0].bias, &rows, inputs.row_mut(t));
        }
        if let (Some(vectors), false) = (&self.vectors, unfolded.is_empty()) {
            let dims = vectors.table.cols;
            let mut gathered = Vec::with_capacity(unfolded.len() * dims);
            for &(_, v) in &unfolded {
                gathered.extend_from_slice(vectors.table.row(v));
            }
            let mut parts = Matrix::zeros(unfolded.len(), 2 * width);
            gemm(
                unfolded.len(),
                dims,
                2 * width,
                &gathered,
                &vectors.projection.data,
                &mut parts.data,
                false,
            );
            for (k, &(at, _)) in unfolded.iter().enumerate() {
                for (x, v) in inputs.row_mut(at).iter_mut().zip(parts.row(k)) {
                    *x += v;
                }
            }
        }
        // Longest sentence first, so that the sentences still running at step t are a prefix.
        let mut order: Vec<usize> = (0..sentences.len())
            .filter(|&s| !sentences[s].is_empty())
            .collect();
        order.sort_by_key(|&s| std::cmp::Reverse(sentences[s].len()));
        let longest = order.first().map_or(0, |&s| sentences[s].len());
        let batch = order.len();
        // Each layer's output, the states of both directions side by side, in 8 bits
        // (`quant::quantise`): all that reads them is an 8-bit product.
        let mut states = vec![0u8; total * 2 * h];
        let mut hidden = [vec![128u8; batch * h], vec![128u8; batch * h]];
        let mut cells = [Matrix::zeros(batch, h), Matrix::zeros(batch, h)];
        let mut gates = Matrix::zeros(batch, width);
        for (l, layer) in self.layers.iter().enumerate() {
            if l > 0 {
                for t in 0..total {
                    inputs.row_mut(t).copy_from_slice(&layer.bias);
                }
                quant::multiply(
                    self.kernel,
                    &states,
                    total,
                    &layer.wx,
                    &mut inputs.data,
                    2 * width,
                );
            }
            let mut next = vec![0u8; total * 2 * h];
            for m in &mut hidden {
                m.iter_mut().for_each(|v| *v = 128);
            }
            for m in &mut cells {
                m.data.iter_mut().for_each(|v| *v = 0.0);
            }
            for t in 0..longest {
                let active = order.partition_point(|&s| sentences[s].len() > t);
                for (d, wh) in layer.wh.iter().enumerate() {
                    // The word each running sentence is at, in this direction.
                    let word = |s: usize| {
                        let n = sentences[s].len();
                        offsets[s] + if d == 0 { t } else { n - 1 - t }
                    };
                    for (b, &s) in order[..active].iter().enumerate() {
                        gates
                            .row_mut(b)
                            .copy_from_slice(&inputs.row(word(s))[d * width..(d + 1) * width]);
                    }
                    quant::multiply(
                        self.kernel,
                        &hidden[d][..active * h],
                        active,
                        wh,
                        &mut gates.data[..active * width],
                        width,
                    );
                    for (b, &s) in order[..active].iter().enumerate() {
                        let h_row = &mut hidden[d][b * h..(b + 1) * h];
                        kernels::lstm_cell(self.cpu, gates.row(b), cells[d].row_mut(b), h_row);
                        let at = word(s) * 2 * h + d * h;
                        next[at..at + h].copy_from_slice(h_row);
                    }
                }
            }
            states = next;
        }
        scratch::give_back(inputs);
        states
    }
}

/// A per-thread buffer for the gate inputs (4 KB a word) and then the output heads: reused
/// from one document to the next instead of being allocated, page-faulted and zeroed each
/// time.
mod scratch {
    use super::Matrix;
    use std::cell::RefCell;

    /// Buffers of more elements than this (16 MB) are not kept.
    const KEEP_AT_MOST: usize = 4 << 20;

    thread_local! {
        static BUFFER: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
    }

    /// A `rows × cols` matrix whose contents are unspecified: the caller writes every element.
    pub fn take(rows: usize, cols: usize) -> Matrix {
        let mut data = BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
        data.resize(rows * cols, 0.0);
        Matrix { rows, cols, data }
    }

    pub fn give_back(m: Matrix) {
        if m.data.capacity() <= KEEP_AT_MOST {
            BUFFER.with(|b| *b.borrow_mut() = m.data);
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn argmax(xs: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = i;
        }
    }
    best
}

/// The highest-scoring tree with exactly one word on the root. `scores[i][j]` scores word
/// `i` (0-based) taking head `j` (0 = root, `k` = word `k - 1`). Returns heads in the same
/// numbering.
fn decode_tree(scores: &Matrix) -> Vec<usize> {
    let n = scores.rows;
    let best_head = |i: usize, allow_root: bool| -> usize {
        let row = scores.row(i);
        let mut best = usize::MAX;
        for j in 0..=n {
            if j == i + 1 || (j == 0 && !allow_root) {
                continue;
            }
            if best == usize::MAX || row[j] > row[best] {
                best = j;
            }
        }
        best
    };
    // The root is the word that loses least by taking it.
    let mut root = 0;
    let mut root_margin = f32::NEG_INFINITY;
    for i in 0..n {
        let other = best_head(i, false);
        let margin = scores.row(i)[0]
            - if other == usize::MAX {
                0.0
            } else {
                scores.row(i)[other]
            };
        if margin > root_margin {
            root_margin = margin;
            root = i;
        }
    }
    // Nodes 0..=n (0 = root); weight[d][h].
    let size = n + 1;
    let mut weight = vec![f32::NEG_INFINITY; size * size];
    for i in 0..n {
        for j in 0..=n {
            if j == i + 1 || (j == 0 && i != root) {
                continue;
            }
            weight[(i + 1) * size + j] = scores.row(i)[j];
        }
    }
    let heads = chu_liu_edmonds(&weight, size);
    heads[1..].to_vec()
}

/// Maximum spanning arborescence rooted at node 0 over a dense `weight[dep * size + head]`
/// (`-inf` for a missing arc). Returns each node's head (`heads[0]` is 0).
fn chu_liu_edmonds(weight: &[f32], size: usize) -> Vec<usize> {
    let mut heads = vec![0usize; size];
    for d in 1..size {
        let row = &weight[d * size..(d + 1) * size];
        heads[d] = argmax(row);
    }
    let Some(cycle) = find_cycle(&heads) else {
        return heads;
    };
    let in_cycle: Vec<bool> = (0..size).map(|v| cycle.contains(&v)).collect();
    // The contracted graph: nodes outside the cycle keep their order; the cycle is the last.
    let outside: Vec<usize> = (0..size).filter(|&v| !in_cycle[v]).collect();
    let m = outside.len() + 1;
    let c = m - 1;
    let mut w2 = vec![f32::NEG_INFINITY; m * m];
    // For an arc into the cycle from h: which cycle node it enters.
    let mut enter_at = vec![usize::MAX; m];
    // For an arc out of the cycle to d: which cycle node it leaves from.
    let mut leave_from = vec![usize::MAX; m];
    for (d2, &d) in outside.iter().enumerate() {
        for (h2, &h) in outside.iter().enumerate() {
            w2[d2 * m + h2] = weight[d * size + h];
        }
        // Arcs from the cycle to an outside node.
        let mut best = f32::NEG_INFINITY;
        for &h in &cycle {
            let w = weight[d * size + h];
            if w > best {
                best = w;
                leave_from[d2] = h;
            }
        }
        w2[d2 * m + c] = best;
    }
    for (h2, &h) in outside.iter().enumerate() {
        let mut best = f32::NEG_INFINITY;
        for &d in &cycle {
            let w = weight[d * size + h] - weight[d * size + heads[d]];
            if w > best {
                best = w;
                enter_at[h2] = d;
            }
        }
        w2[c * m + h2] = best;
    }
    let heads2 = chu_liu_edmonds(&w2, m);
    let mut result = heads.clone();
    for (d2, &d) in outside.iter().enumerate() {
        if d == 0 {
            continue;
        }
        let h2 = heads2[d2];
        result[d] = if h2 == c { leave_from[d2] } else { outside[h2] };
    }
    let h2 = heads2[c];
    let entered = enter_at[h2];
    if entered != usize::MAX {
        result[entered] = outside[h2];
    }
    result
}

/// A cycle among the head pointers (node 0 is the root and has none), if there is one.
fn find_cycle(heads: &[usize]) -> Option<Vec<usize>> {
    let n = heads.len();
    let mut state = vec![0u8; n]; // 0 unvisited, 1 on the current path, 2 done
    state[0] = 2;
    for start in 1..n {
        let mut path = Vec::new();
        let mut v = start;
        while state[v] == 0 {
            state[v] = 1;
            path.push(v);
            v = heads[v];
        }
        if state[v] == 1 {
            let at = path.iter().position(|&p| p == v).unwrap_or(0);
            return Some(path[at..].to_vec());
        }
        for p in path {
            state[p] = 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(scores: Vec<Vec<f32>>) -> Vec<usize> {
        let n = scores.len();
        let m = Matrix {
            rows: n,
            cols: n + 1,
            data: scores.into_iter().flatten().collect(),
        };
        decode_tree(&m)
    }

    #[test]
    fn argmax_tree_is_kept() {
        // word 1 (index 1) is the root; 0 and 2 attach to it (head number 2).
        let heads = tree_of(vec![
            vec![0.0, 0.0, 5.0, 0.0],
            vec![5.0, 0.0, 0.0, 0.0],
            vec![0.0, 0.0, 5.0, 0.0],
        ]);
        assert_eq!(heads, vec![2, 0, 2]);
    }

    #[test]
    fn cycle_is_broken_and_one_root_kept() {
        // Words 0 and 1 prefer each other (a cycle); word 2 prefers the root, and so does
        // word 0 a little: the best tree puts 2 on the root.
        let heads = tree_of(vec![
            vec![1.0, 0.0, 5.0, 0.0],
            vec![0.0, 5.0, 0.0, 0.0],
            vec![4.0, 0.0, 0.0, 0.0],
        ]);
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
        assert_eq!(heads[2], 0);
        assert_eq!(heads[1], 1);
        assert!(heads[0] == 2 || heads[0] == 3);
        // Every word reaches the root.
        for start in 0..3 {
            let mut v = start + 1;
            let mut steps = 0;
            while v != 0 && steps < 5 {
                v = heads[v - 1];
                steps += 1;
            }
            assert_eq!(v, 0);
        }
    }

    #[test]
    fn features_match_the_training_script() {
        assert_eq!(features::word_key("Starmer’s"), "starmer's");
        assert_eq!(features::word_key("G7"), "g0");
        assert_eq!(features::shape("Starmer"), "Xx");
        assert_eq!(features::shape("U.S."), "X.X.");
        assert_eq!(features::shape("2025-02-15"), "d-d-d");
        assert_eq!(features::suffix_of("starmer", 3), "mer");
        assert_eq!(features::suffix_of("to", 3), "to");
        assert_eq!(features::prefix_of("é", 2), "é");
        assert_eq!(features::prefix_of("starmer", 2), "st");
    }
}

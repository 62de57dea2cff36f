//! The neural tagger and parser: a BiLSTM over word, affix and shape embeddings, a joint
//! UPOS|XPOS classifier, a biaffine arc scorer decoded as a maximum spanning tree
//! (Chu-Liu/Edmonds, one root), and a label scorer. Trained by `neural/train.py`, which
//! writes the file this module reads; the two must agree on every feature (see
//! [`features`]).
//!
//! Inference is arranged for speed on one core: the first layer's input projection is
//! folded into per-vocabulary tables at load time (a word costs a few row additions instead
//! of a matrix product), the output heads are one matrix product per sentence, and the
//! recurrent step and the activations are written as straight loops that the compiler
//! vectorises (with AVX2 and FMA where the CPU has them).

use crate::binio::Reader;
use crate::lexical::normalise;
use dateline_core::{Error, Result};
use std::collections::HashMap;

pub const MAGIC: &[u8; 8] = b"DLNEURAL";
/// Bumped with any change to the file layout or the features.
pub const FORMAT_VERSION: u32 = 1;

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

    pub fn suffix(key: &str, n: usize) -> String {
        let chars: Vec<char> = key.chars().collect();
        chars[chars.len().saturating_sub(n)..].iter().collect()
    }

    pub fn prefix(key: &str, n: usize) -> String {
        key.chars().take(n).collect()
    }

    /// The feature strings of one word, for the named features.
    pub fn strings(form: &str, names: &[String]) -> Vec<String> {
        let key = word_key(form);
        names
            .iter()
            .map(|name| match name.as_str() {
                "word" => key.clone(),
                "shape" => shape(form),
                other => {
                    let n = other[3..].parse().unwrap_or(0);
                    if other.starts_with("suf") {
                        suffix(&key, n)
                    } else {
                        prefix(&key, n)
                    }
                }
            })
            .collect()
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
    fn transpose(&self) -> Matrix {
        let mut out = Matrix::zeros(self.cols, self.rows);
        for r in 0..self.rows {
            for c in 0..self.cols {
                out.data[c * self.rows + r] = self.data[r * self.cols + c];
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

mod kernels {
    //! The inner loops, compiled twice: for the baseline target and, where the CPU has
    //! them, with AVX2 and FMA (chosen once, at load).

    /// 2^f for f in [0, 1): least-squares fit in relative error (max 8e-8).
    const EXP2_POLY: [f32; 6] = [
        0.999_999_93,
        0.693_152_97,
        0.240_154_53,
        0.055_823_604,
        0.008_992_584,
        0.001_876_233,
    ];

    #[inline(always)]
    fn exp(x: f32) -> f32 {
        let y = (x * std::f32::consts::LOG2_E).clamp(-126.0, 126.0);
        let i = y.floor();
        let f = y - i;
        let p = EXP2_POLY[0]
            + f * (EXP2_POLY[1]
                + f * (EXP2_POLY[2] + f * (EXP2_POLY[3] + f * (EXP2_POLY[4] + f * EXP2_POLY[5]))));
        p * f32::from_bits(((i as i32 + 127) as u32) << 23)
    }

    #[inline(always)]
    fn sigmoid(x: f32) -> f32 {
        1.0 / (1.0 + exp(-x))
    }

    #[inline(always)]
    fn tanh(x: f32) -> f32 {
        let e = exp(2.0 * x.clamp(-15.0, 15.0));
        (e - 1.0) / (e + 1.0)
    }

    /// The LSTM cell update from the pre-activations of the i, f, o and u blocks.
    #[inline(always)]
    fn lstm_cell_body(gates: &[f32], c: &mut [f32], h: &mut [f32]) {
        let hidden = h.len();
        let (i, rest) = gates.split_at(hidden);
        let (f, rest) = rest.split_at(hidden);
        let (o, u) = rest.split_at(hidden);
        for j in 0..hidden {
            let cj = sigmoid(f[j]) * c[j] + sigmoid(i[j]) * tanh(u[j]);
            c[j] = cj;
            h[j] = sigmoid(o[j]) * tanh(cj);
        }
    }

    /// `c[r] += a[r] · w` for every row `r`: `a` is `[rows, k]`, `w` is `[k, n]`, `c` is
    /// `[rows, n]`, all row-major. Four rows share each pass over `w`, and nothing is packed:
    /// the recurrent step multiplies a few rows by the same small matrix at every word,
    /// where a general matrix product would copy `w` each time.
    /// `acc + x · w`, fused where the caller is compiled with FMA (a plain `mul_add` would
    /// call the slow software routine on CPUs without it).
    #[inline(always)]
    fn madd<const FMA: bool>(acc: f32, x: f32, w: f32) -> f32 {
        if FMA {
            x.mul_add(w, acc)
        } else {
            acc + x * w
        }
    }

    #[inline(always)]
    fn rows_times_body<const R: usize, const C: usize, const FMA: bool>(
        a: &[f32],
        k: usize,
        w: &[f32],
        n: usize,
        c: &mut [f32],
    ) {
        // Tiles of R rows × C columns stay in registers across the whole of `k`.
        let rows = c.len() / n;
        let mut r = 0;
        while r < rows {
            let take = (rows - r).min(R);
            let mut j0 = 0;
            while j0 < n {
                let width = (n - j0).min(C);
                let mut acc = [[0f32; C]; R];
                for (rr, acc_row) in acc.iter_mut().enumerate().take(take) {
                    acc_row[..width]
                        .copy_from_slice(&c[(r + rr) * n + j0..(r + rr) * n + j0 + width]);
                }
                if take == R && width == C {
                    for kk in 0..k {
                        let wv: &[f32; C] = w[kk * n + j0..kk * n + j0 + C].try_into().unwrap();
                        for (rr, acc_row) in acc.iter_mut().enumerate() {
                            let x = a[(r + rr) * k + kk];
                            for j in 0..C {
                                acc_row[j] = madd::<FMA>(acc_row[j], x, wv[j]);
                            }
                        }
                    }
                } else {
                    for kk in 0..k {
                        let wv = &w[kk * n + j0..kk * n + j0 + width];
                        for (rr, acc_row) in acc.iter_mut().enumerate().take(take) {
                            let x = a[(r + rr) * k + kk];
                            for j in 0..width {
                                acc_row[j] = madd::<FMA>(acc_row[j], x, wv[j]);
                            }
                        }
                    }
                }
                for (rr, acc_row) in acc.iter().enumerate().take(take) {
                    c[(r + rr) * n + j0..(r + rr) * n + j0 + width]
                        .copy_from_slice(&acc_row[..width]);
                }
                j0 += width;
            }
            r += take;
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn rows_times_avx2(a: &[f32], k: usize, w: &[f32], n: usize, c: &mut [f32]) {
        rows_times_body::<4, 16, true>(a, k, w, n, c)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    unsafe fn rows_times_avx512(a: &[f32], k: usize, w: &[f32], n: usize, c: &mut [f32]) {
        rows_times_body::<4, 32, true>(a, k, w, n, c)
    }

    pub fn rows_times(cpu: Cpu, a: &[f32], k: usize, w: &[f32], n: usize, c: &mut [f32]) {
        match cpu {
            // SAFETY: the variants are only chosen when the CPU reported the features.
            #[cfg(target_arch = "x86_64")]
            Cpu::Avx512 => unsafe { rows_times_avx512(a, k, w, n, c) },
            #[cfg(target_arch = "x86_64")]
            Cpu::Avx2 => unsafe { rows_times_avx2(a, k, w, n, c) },
            _ => rows_times_body::<4, 16, false>(a, k, w, n, c),
        }
    }

    #[inline(always)]
    fn relu_body(x: &mut [f32]) {
        for v in x {
            *v = v.max(0.0);
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn lstm_cell_avx2(gates: &[f32], c: &mut [f32], h: &mut [f32]) {
        lstm_cell_body(gates, c, h)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    unsafe fn lstm_cell_avx512(gates: &[f32], c: &mut [f32], h: &mut [f32]) {
        lstm_cell_body(gates, c, h)
    }

    pub fn lstm_cell(cpu: Cpu, gates: &[f32], c: &mut [f32], h: &mut [f32]) {
        match cpu {
            // SAFETY: the variants are only chosen when the CPU reported the features.
            #[cfg(target_arch = "x86_64")]
            Cpu::Avx512 => unsafe { lstm_cell_avx512(gates, c, h) },
            #[cfg(target_arch = "x86_64")]
            Cpu::Avx2 => unsafe { lstm_cell_avx2(gates, c, h) },
            _ => lstm_cell_body(gates, c, h),
        }
    }

    pub fn relu(x: &mut [f32]) {
        relu_body(x)
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
    /// Input projections of both directions side by side, `[input, 8H]` (forward first).
    /// The first layer's is folded into [`Network::input_tables`] at load time.
    wx: Matrix,
    /// Biases of both directions, `8H`.
    bias: Vec<f32>,
    /// Recurrent weights, forward and backward, `[H, 4H]` each.
    wh: [Matrix; 2],
}

/// The trained network, ready for inference.
#[derive(Debug, Clone)]
pub struct Network {
    pub feature_names: Vec<String>,
    vocabs: Vec<HashMap<String, u32>>,
    /// Per feature: the embedding table times the first layer's input projection for both
    /// directions, `[vocab, 8H]`.
    input_tables: Vec<Matrix>,
    layers: Vec<Layer>,
    hidden: usize,
    /// Tag, arc-dependent, arc-head, label-dependent and label-head projections side by side.
    heads_w: Matrix,
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
        if version != FORMAT_VERSION {
            return Err(Error::Other(format!(
                "neural syntax model has format version {version}, this build needs \
                 {FORMAT_VERSION}: retrain with crates/dateline-syntax/neural/train.sh"
            )));
        }
        let hidden = r.u32()? as usize;
        let n_layers = r.u32()? as usize;
        let n_arc = r.u32()? as usize;
        let n_lab = r.u32()? as usize;
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
                    .collect::<HashMap<_, _>>(),
            );
        }
        let tags = read_strings(&mut r)?;
        let relations = read_strings(&mut r)?;
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
            layers.push(Layer {
                wx: Matrix::hconcat(&[&fwd_wx, &bwd_wx]),
                bias: [fwd_b, bwd_b].concat(),
                wh: [fwd_wh, bwd_wh],
            });
        }
        if layers.is_empty() {
            return Err(corrupt("no layers"));
        }
        // Fold each embedding table into the first layer's input projection.
        let both = &layers[0].wx;
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
        if offset != both.rows {
            return Err(corrupt("embedding widths"));
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
            input_tables,
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
        let r = 2 * self.hidden;
        let n_tags = self.tags.len();
        let out_w = self.heads_w.cols;
        let mut out = Matrix::zeros(total, out_w);
        for i in 0..total {
            out.row_mut(i).copy_from_slice(&self.heads_b);
        }
        gemm(
            total,
            r,
            out_w,
            &states.data,
            &self.heads_w.data,
            &mut out.data,
            true,
        );
        let mut tag_ids = Vec::with_capacity(total);
        for i in 0..total {
            let row = out.row_mut(i);
            let (tag_part, rest) = row.split_at_mut(n_tags);
            tag_ids.push(argmax(tag_part) as u16);
            kernels::relu(rest);
        }
        sentences
            .iter()
            .zip(&offsets)
            .map(|(s, &start)| self.parse_sentence(&out, start, s.len(), &tag_ids))
            .collect()
    }

    /// Arcs and labels of the sentence at rows `start..start + n` of the head outputs.
    fn parse_sentence(
        &self,
        out: &Matrix,
        start: usize,
        n: usize,
        tag_ids: &[u16],
    ) -> Vec<NeuralWord> {
        if n == 0 {
            return Vec::new();
        }
        let n_tags = self.tags.len();
        let (a, l) = (self.n_arc, self.n_lab);
        // Head candidates: row 0 is the root.
        let mut head_arc = Matrix::zeros(n + 1, a);
        let mut dep_arc = Matrix::zeros(n, a);
        let mut head_lab = Matrix::zeros(n + 1, l);
        let mut dep_lab = Matrix::zeros(n, l);
        head_arc.row_mut(0).copy_from_slice(&self.root_head_arc);
        head_lab.row_mut(0).copy_from_slice(&self.root_head_lab);
        for i in 0..n {
            let rest = &out.row(start + i)[n_tags..];
            dep_arc.row_mut(i).copy_from_slice(&rest[..a]);
            head_arc.row_mut(i + 1).copy_from_slice(&rest[a..2 * a]);
            dep_lab.row_mut(i).copy_from_slice(&rest[2 * a..2 * a + l]);
            head_lab
                .row_mut(i + 1)
                .copy_from_slice(&rest[2 * a + l..2 * a + 2 * l]);
        }
        // scores[i][j] = dep_i · U · head_j + head_j · hb
        let mut dep_u = Matrix::zeros(n, a);
        gemm(
            n,
            a,
            a,
            &dep_arc.data,
            &self.arc_u.data,
            &mut dep_u.data,
            false,
        );
        let head_t = head_arc.transpose();
        let mut scores = Matrix::zeros(n, n + 1);
        gemm(
            n,
            a,
            n + 1,
            &dep_u.data,
            &head_t.data,
            &mut scores.data,
            false,
        );
        let head_bias: Vec<f32> = (0..=n)
            .map(|j| dot(head_arc.row(j), &self.arc_hb))
            .collect();
        for i in 0..n {
            for (s, b) in scores.row_mut(i).iter_mut().zip(&head_bias) {
                *s += b;
            }
        }
        let heads = decode_tree(&scores);

        let n_rel = self.relations.len();
        // Label scores: dep · Wd + head · Wh + (dep ⊙ head) · Wm + b, each a matrix product.
        let mut rel_scores = Matrix::zeros(n, n_rel);
        for i in 0..n {
            rel_scores.row_mut(i).copy_from_slice(&self.lab_b);
        }
        gemm(
            n,
            l,
            n_rel,
            &dep_lab.data,
            &self.lab_wd.data,
            &mut rel_scores.data,
            true,
        );
        let mut chosen_heads = Matrix::zeros(n, l);
        let mut products = Matrix::zeros(n, l);
        for (i, &head) in heads.iter().enumerate() {
            let hrow = head_lab.row(head);
            chosen_heads.row_mut(i).copy_from_slice(hrow);
            for ((p, d), hv) in products.row_mut(i).iter_mut().zip(dep_lab.row(i)).zip(hrow) {
                *p = d * hv;
            }
        }
        gemm(
            n,
            l,
            n_rel,
            &chosen_heads.data,
            &self.lab_wh.data,
            &mut rel_scores.data,
            true,
        );
        gemm(
            n,
            l,
            n_rel,
            &products.data,
            &self.lab_wm.data,
            &mut rel_scores.data,
            true,
        );
        (0..n)
            .map(|i| NeuralWord {
                tag: tag_ids[start + i],
                head: heads[i].checked_sub(1),
                relation: argmax(rel_scores.row(i)) as u16,
            })
            .collect()
    }

    /// The BiLSTM states of all words, `[total, 2H]`, sentence after sentence.
    fn encode(&self, sentences: &[&[&str]], offsets: &[usize], total: usize) -> Matrix {
        let h = self.hidden;
        let width = 4 * h;
        let mut inputs = Matrix::zeros(total, 2 * width);
        let mut row_index = 0;
        for forms in sentences {
            for form in forms.iter() {
                let row = inputs.row_mut(row_index);
                row_index += 1;
                row.copy_from_slice(&self.layers[0].bias);
                for (f, key) in features::strings(form, &self.feature_names)
                    .iter()
                    .enumerate()
                {
                    let id = self.vocabs[f].get(key.as_str()).copied().unwrap_or(0) as usize;
                    for (x, v) in row.iter_mut().zip(self.input_tables[f].row(id)) {
                        *x += v;
                    }
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
        let mut states = Matrix::zeros(total, 2 * h);
        let mut hidden = [Matrix::zeros(batch, h), Matrix::zeros(batch, h)];
        let mut cells = [Matrix::zeros(batch, h), Matrix::zeros(batch, h)];
        let mut gates = Matrix::zeros(batch, width);
        for (l, layer) in self.layers.iter().enumerate() {
            if l > 0 {
                inputs = Matrix::zeros(total, 2 * width);
                for t in 0..total {
                    inputs.row_mut(t).copy_from_slice(&layer.bias);
                }
                gemm(
                    total,
                    2 * h,
                    2 * width,
                    &states.data,
                    &layer.wx.data,
                    &mut inputs.data,
                    true,
                );
            }
            let mut next = Matrix::zeros(total, 2 * h);
            for m in hidden.iter_mut().chain(cells.iter_mut()) {
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
                    kernels::rows_times(
                        self.cpu,
                        &hidden[d].data[..active * h],
                        h,
                        &wh.data,
                        width,
                        &mut gates.data[..active * width],
                    );
                    for (b, &s) in order[..active].iter().enumerate() {
                        kernels::lstm_cell(
                            self.cpu,
                            gates.row(b),
                            cells[d].row_mut(b),
                            hidden[d].row_mut(b),
                        );
                        next.row_mut(word(s))[d * h..(d + 1) * h].copy_from_slice(hidden[d].row(b));
                    }
                }
            }
            states = next;
        }
        states
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
        assert_eq!(features::suffix("starmer", 3), "mer");
        assert_eq!(features::prefix("é", 2), "é");
    }
}

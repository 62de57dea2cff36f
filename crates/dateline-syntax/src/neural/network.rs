//! The trained network as loaded for inference: its parts ([`Network`]), and their
//! building from the model file, where the first layer's input projection is folded into
//! per-vocabulary tables (a word then costs a few row additions instead of a matrix
//! product) and every matrix that multiplies an LSTM state is quantised to 8 bits.

use super::features::{FeatureKind, Vocabulary};
use super::format::{corrupt, ModelFile};
use super::kernels;
use super::matrix::{gemm, Matrix};
use super::quant::{Kernel, QMatrix};
use dateline_core::{Deprel, Result, Upos};

#[derive(Debug, Clone)]
pub(super) struct Layer {
    /// Input projections of both directions side by side, `[input, 8H]` (forward first), in
    /// 8 bits. Empty for the first layer, whose projection is folded into
    /// [`Network::input_tables`] at load time.
    pub(super) wx: QMatrix,
    /// Biases of both directions, `8H`.
    pub(super) bias: Vec<f32>,
    /// Recurrent weights, forward and backward, `[H, 4H]` each, in 8 bits.
    pub(super) wh: [QMatrix; 2],
}

/// Pretrained word vectors (spaCy's en_core_web_md vectors, CC0) after the projection learnt
/// in training, with their part of the first layer's input projection.
#[derive(Debug, Clone)]
pub(super) struct Vectors {
    /// The keys, sorted (byte order), one after another; `ends[i]` is where key `i` ends.
    pub(super) keys: Vec<u8>,
    pub(super) ends: Vec<u32>,
    /// The table row of each key (0 is the zero vector, never stored).
    pub(super) rows: Vec<u32>,
    /// `[rows, width]`: the vectors after the projection learnt in training.
    pub(super) table: Matrix,
    /// `[width, 8H]`: their part of the first layer's input projection. (Multiplying the
    /// whole table out would take 80 MB; a word costs `width × 8H` multiplications instead.)
    pub(super) projection: Matrix,
}

impl Vectors {
    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.keys[start..self.ends[i] as usize]
    }

    /// The projected-table row of a lookup key, if it has a vector.
    pub(super) fn row(&self, key: &str) -> Option<usize> {
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
    /// Name of each input feature (word, affixes, shape...), in input order.
    pub feature_names: Vec<String>,
    pub(super) vocabs: Vec<Vocabulary>,
    pub(super) feature_kinds: Vec<FeatureKind>,
    /// Per feature: the embedding table times the first layer's input projection for both
    /// directions, `[vocab, 8H]`.
    pub(super) input_tables: Vec<Matrix>,
    /// Per row of the word table: whether the word's vector is already added into it.
    pub(super) vector_folded: Vec<bool>,
    pub(super) vectors: Option<Vectors>,
    /// Which feature is the word itself.
    pub(super) word_feature: Option<usize>,
    pub(super) layers: Vec<Layer>,
    pub(super) hidden: usize,
    /// Tag, arc-dependent, arc-head, label-dependent and label-head projections side by
    /// side, in 8 bits (padded to `heads_w.n` columns).
    pub(super) heads_w: QMatrix,
    pub(super) heads_b: Vec<f32>,
    pub(super) root_head_arc: Vec<f32>,
    pub(super) root_head_lab: Vec<f32>,
    pub(super) arc_u: Matrix,
    pub(super) arc_hb: Vec<f32>,
    pub(super) lab_wd: Matrix,
    pub(super) lab_wh: Matrix,
    pub(super) lab_wm: Matrix,
    pub(super) lab_b: Vec<f32>,
    /// The joint tags the classifier predicts, as "UPOS|XPOS", indexed by tag id.
    pub tags: Vec<String>,
    /// The relations the label scorer predicts ("nsubj"), indexed by label id.
    pub relations: Vec<String>,
    /// The UPOS of each of [`Network::tags`], parsed once at load.
    pub upos: Vec<Upos>,
    /// Each of [`Network::relations`] as a typed relation, parsed once at load.
    pub deprels: Vec<Deprel>,
    pub(super) n_arc: usize,
    pub(super) n_lab: usize,
    pub(super) cpu: kernels::Cpu,
    pub(super) kernel: Kernel,
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

const EMBEDDED: &[u8] = include_bytes!("../../model/neural.bin");

impl Network {
    /// The network committed with this crate (`model/neural.bin`).
    pub fn embedded() -> Result<Self> {
        Network::from_bytes(EMBEDDED)
    }

    /// Reads a network file; fails (never panics) on a file that is not one, of another
    /// format version, or whose parts do not fit together.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut file = ModelFile::parse(bytes)?;
        let width = 4 * file.hidden;
        let (layers, first_wx) = Network::read_layers(&mut file)?;
        let (mut input_tables, offset) = Network::fold_embeddings(&mut file, &first_wx)?;
        let vectors = Network::read_vectors(&mut file, &first_wx, offset)?;
        let word_feature = file.feature_names.iter().position(|name| name == "word");
        let vector_folded = match (&vectors, word_feature) {
            (Some(vectors), Some(word)) => {
                Network::fold_vectors(&file.vocabs[word], vectors, &mut input_tables[word], width)
            }
            _ => Vec::new(),
        };
        let parts = [
            ("tag_w", "tag_b"),
            ("arc_dep_w", "arc_dep_b"),
            ("arc_head_w", "arc_head_b"),
            ("lab_dep_w", "lab_dep_b"),
            ("lab_head_w", "lab_head_b"),
        ];
        let mut ws = Vec::new();
        let mut heads_b = Vec::new();
        let widths = [
            file.tags.len(),
            file.n_arc,
            file.n_arc,
            file.n_lab,
            file.n_lab,
        ];
        for ((w, b), cols) in parts.into_iter().zip(widths) {
            let (w, b) = (file.take(w)?, file.take(b)?);
            if w.rows != 2 * file.hidden || w.cols != cols || b.data.len() != cols {
                return Err(corrupt("output weights"));
            }
            ws.push(w);
            heads_b.extend(b.data);
        }
        let heads_w = Matrix::hconcat(&ws.iter().collect::<Vec<_>>());
        let heads_w = QMatrix::new(heads_w.rows, heads_w.cols, &heads_w.data);
        heads_b.resize(heads_w.n, 0.0);
        let root = file.take("root")?.data;
        if root.len() != 2 * file.hidden {
            return Err(corrupt("root vector"));
        }
        let project = |w: &Matrix, b: &[f32]| -> Vec<f32> {
            let mut out = b.to_vec();
            gemm(1, w.rows, w.cols, &root, &w.data, &mut out, true);
            out.iter_mut().for_each(|v| *v = v.max(0.0));
            out
        };
        let root_head_arc = project(
            &ws[2],
            &heads_b[file.tags.len() + file.n_arc..file.tags.len() + 2 * file.n_arc],
        );
        let lab_head_from = file.tags.len() + 2 * file.n_arc + file.n_lab;
        let root_head_lab = project(&ws[4], &heads_b[lab_head_from..lab_head_from + file.n_lab]);
        let upos = crate::labels::joint_upos("neural syntax model tags", &file.tags)?;
        let deprels = crate::labels::relations("neural syntax model relations", &file.relations)?;
        let network = Network {
            feature_names: std::mem::take(&mut file.feature_names),
            vocabs: std::mem::take(&mut file.vocabs),
            feature_kinds: std::mem::take(&mut file.feature_kinds),
            input_tables,
            vector_folded,
            vectors,
            word_feature,
            layers,
            hidden: file.hidden,
            heads_w,
            heads_b,
            root_head_arc,
            root_head_lab,
            arc_u: file.take("arc_u")?,
            arc_hb: file.take("arc_hb")?.data,
            lab_wd: file.take("lab_wd")?,
            lab_wh: file.take("lab_wh")?,
            lab_wm: file.take("lab_wm")?,
            lab_b: file.take("lab_b")?.data,
            tags: std::mem::take(&mut file.tags),
            relations: std::mem::take(&mut file.relations),
            upos,
            deprels,
            n_arc: file.n_arc,
            n_lab: file.n_lab,
            cpu: kernels::detect(),
            kernel: Kernel::detect(),
        };
        let n_rel = network.relations.len();
        let label_ok = |m: &Matrix| m.rows == network.n_lab && m.cols == n_rel;
        if network.lab_b.len() != n_rel
            || !label_ok(&network.lab_wd)
            || !label_ok(&network.lab_wh)
            || !label_ok(&network.lab_wm)
            || network.arc_u.rows != network.n_arc
            || network.arc_u.cols != network.n_arc
            || network.arc_hb.len() != network.n_arc
            || network.tags.is_empty()
            || network.tags.len() > usize::from(u16::MAX)
            || n_rel == 0
        {
            return Err(corrupt("output widths"));
        }
        Ok(network)
    }

    /// The LSTM layers; the first one's input projection (both directions side by side,
    /// in floats) is returned apart, to be folded into the input tables.
    fn read_layers(file: &mut ModelFile) -> Result<(Vec<Layer>, Matrix)> {
        let hidden = file.hidden;
        let width = 4 * hidden;
        let mut layers: Vec<Layer> = Vec::new();
        let mut first_wx = Matrix::zeros(0, 0);
        for l in 0..file.n_layers {
            let mut dir = |d: &str| -> Result<(Matrix, Matrix, Vec<f32>)> {
                Ok((
                    file.take(&format!("lstm{l}{d}_wx"))?,
                    file.take(&format!("lstm{l}{d}_wh"))?,
                    file.take(&format!("lstm{l}{d}_b"))?.data,
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
        Ok((layers, first_wx))
    }

    /// Each feature's embedding table times its rows of the first layer's input
    /// projection `both`; also returns how many of those rows the features took.
    fn fold_embeddings(file: &mut ModelFile, both: &Matrix) -> Result<(Vec<Matrix>, usize)> {
        let width = 4 * file.hidden;
        // Fold each embedding table into the first layer's input projection.
        let mut input_tables = Vec::new();
        let mut offset = 0;
        for name in file.feature_names.clone() {
            let emb = file.take(&format!("emb_{name}"))?;
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
        Ok((input_tables, offset))
    }

    /// The pretrained vectors, which take the rows of `both` from `offset` on.
    fn read_vectors(file: &mut ModelFile, both: &Matrix, offset: usize) -> Result<Option<Vectors>> {
        let n_keys = file.vector_keys.ends.len();
        let mut offset = offset;
        let vectors = if n_keys > 0 {
            let table = file.take("vec_table")?;
            if offset + table.cols != both.rows {
                return Err(corrupt("vector width"));
            }
            let projection = both.rows_range(offset, both.rows);
            offset = both.rows;
            let vectors = Vectors {
                keys: std::mem::take(&mut file.vector_keys.keys),
                ends: std::mem::take(&mut file.vector_keys.ends),
                rows: std::mem::take(&mut file.vector_keys.rows),
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
        if offset != both.rows {
            return Err(corrupt("embedding widths"));
        }
        Ok(vectors)
    }

    /// Adds each word-table entry's vector part into its row once; returns which rows have it.
    fn fold_vectors(
        vocab: &Vocabulary,
        vectors: &Vectors,
        word_table: &mut Matrix,
        width: usize,
    ) -> Vec<bool> {
        // A word-table entry without digits has the same key as its vector (digits are 0 in
        // one and kept in the other): its vector's part is added to its row once, here.
        let mut vector_folded = vec![false; word_table.rows];
        {
            let mut ids = Vec::new();
            let mut gathered = Vec::new();
            for (key, &id) in vocab {
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
                for (x, v) in word_table.row_mut(id).iter_mut().zip(parts.row(k)) {
                    *x += v;
                }
            }
        }
        vector_folded
    }

    /// How many values a word's encoding has: the final layer's states, both directions.
    pub fn encoding_dim(&self) -> usize {
        2 * self.hidden
    }

    /// The UPOS of tag class `tag` (`X` for a class the network does not have).
    pub fn tag_upos(&self, tag: u16) -> Upos {
        self.upos.get(tag as usize).copied().unwrap_or(Upos::X)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_network_loads_and_names_its_outputs() {
        let network = Network::embedded().unwrap();
        assert_eq!(network.layers.len(), 2);
        assert_eq!(network.input_tables.len(), network.feature_names.len());
        assert_eq!(network.input_tables[0].cols, 8 * network.hidden);
        assert!(network.vectors.is_some());
        let det = network.tags.iter().position(|t| t == "DET|DT").unwrap();
        assert_eq!(network.tag_parts(det as u16), ("DET", "DT"));
        assert_eq!(network.tag_parts(u16::MAX), ("X", "_"));
        assert!(network.relations.iter().any(|r| r == "nsubj"));
    }

    #[test]
    fn a_file_without_its_tensors_is_an_error() {
        // A valid layout that lacks every tensor.
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/neural.bin")).unwrap();
        let mut file = ModelFile::parse(&bytes).unwrap();
        assert!(file.take("lstm0f_wx").is_ok());
        assert!(Network::read_layers(&mut file).is_err());
    }
}

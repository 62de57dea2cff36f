//! The network's file (`model/neural.bin`, written by `neural/train.py`): magic bytes and
//! format version, then the sizes, the feature vocabularies, the tag and relation names, the
//! pretrained vectors' keys and the named weight tensors. [`ModelFile::parse`] reads and
//! checks the layout; `network` checks the shapes and builds the network.

use super::features::{FeatureKind, Vocabulary};
use super::matrix::Matrix;
use crate::binio::Reader;
use dateline_core::{Error, Result};
use std::collections::HashMap;

/// The first eight bytes of the file.
pub const MAGIC: &[u8; 8] = b"DLNEURAL";
/// Bumped with any change to the file layout or the features.
pub const FORMAT_VERSION: u32 = 2;

/// The network's file: its header and how to retrain it. Version 1 is version 2 without
/// pretrained vectors.
const NEURAL_FILE: dateline_ml::model_file::ModelFile = dateline_ml::model_file::ModelFile {
    name: "neural syntax model",
    file: "crates/dateline-syntax/model/neural.bin",
    header: dateline_ml::model_file::Header {
        magic: *MAGIC,
        version: FORMAT_VERSION,
    },
    also_reads: &[1],
    retrain: "crates/dateline-syntax/neural/train.sh",
};

/// The error for a file whose contents do not fit together.
pub(super) fn corrupt(what: &str) -> Error {
    Error::Other(format!("neural syntax model is corrupt ({what})"))
}

fn read_strings(r: &mut Reader) -> Result<Vec<String>> {
    let n = r.count()?;
    (0..n).map(|_| r.str()).collect()
}

/// The pretrained vectors' lookup keys as stored: sorted, one after another.
pub(super) struct VectorKeys {
    /// The keys' bytes, one after another; `ends[i]` is where key `i` ends.
    pub keys: Vec<u8>,
    pub ends: Vec<u32>,
    /// The table row of each key.
    pub rows: Vec<u32>,
}

/// A model file read but not yet turned into a network.
pub(super) struct ModelFile {
    /// Width of one LSTM direction.
    pub hidden: usize,
    pub n_layers: usize,
    /// Widths of the arc and label projections.
    pub n_arc: usize,
    pub n_lab: usize,
    pub feature_names: Vec<String>,
    pub feature_kinds: Vec<FeatureKind>,
    /// Per feature: its strings, numbered in file order.
    pub vocabs: Vec<Vocabulary>,
    /// Joint "UPOS|XPOS" tags and dependency relations, in output order.
    pub tags: Vec<String>,
    pub relations: Vec<String>,
    pub vector_keys: VectorKeys,
    tensors: HashMap<String, Matrix>,
}

impl ModelFile {
    /// Reads a whole file; fails (never panics) on a bad magic, another version, a
    /// truncated or corrupt layout.
    pub fn parse(bytes: &[u8]) -> Result<ModelFile> {
        let mut r = Reader::new(bytes);
        let version = NEURAL_FILE.read_header(&mut r)?;
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
        Ok(ModelFile {
            hidden,
            n_layers,
            n_arc,
            n_lab,
            feature_names,
            feature_kinds,
            vocabs,
            tags,
            relations,
            vector_keys: VectorKeys {
                keys,
                ends,
                rows: key_rows,
            },
            tensors,
        })
    }

    /// Takes the tensor called `name` out of the file.
    pub fn take(&mut self, name: &str) -> Result<Matrix> {
        self.tensors
            .remove(name)
            .ok_or_else(|| corrupt(&format!("missing tensor {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binio::Writer;

    /// A file with one feature, one tag, one relation, no vectors and one tensor.
    fn tiny_file(version: u32) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.u32(version);
        for size in [4, 1, 2, 2] {
            w.u32(size); // hidden, layers, arc, label widths
        }
        w.count(1);
        w.str("word");
        w.count(2);
        w.str("");
        w.str("the");
        for strings in [["DET|DT"], ["det"]] {
            w.count(1);
            w.str(strings[0]);
        }
        if version >= 2 {
            w.count(0); // vector keys
        }
        w.count(1);
        w.str("root");
        w.count(1);
        w.u32(2);
        w.f32(0.5);
        w.f32(-1.0);
        w.bytes
    }

    #[test]
    fn reads_the_layout_of_both_versions() {
        for version in [1, FORMAT_VERSION] {
            let mut file = ModelFile::parse(&tiny_file(version)).unwrap();
            assert_eq!((file.hidden, file.n_layers, file.n_arc), (4, 1, 2));
            assert_eq!(file.feature_kinds, vec![FeatureKind::Word]);
            assert_eq!(file.vocabs[0].get("the"), Some(&1));
            assert_eq!(
                (file.tags.as_slice(), file.relations.as_slice()),
                (&["DET|DT".to_string()][..], &["det".to_string()][..])
            );
            assert_eq!(file.take("root").unwrap().data, vec![0.5, -1.0]);
            assert!(file.take("root").is_err());
        }
    }

    #[test]
    fn a_bad_magic_another_version_or_a_cut_file_is_an_error() {
        let good = tiny_file(FORMAT_VERSION);
        let mut other = good.clone();
        other[8] = 9;
        let err = ModelFile::parse(&other).err().unwrap().to_string();
        assert!(err.contains("format version 9"), "{err}");
        assert!(
            err.contains("model/neural.bin") && err.contains("train.sh"),
            "{err}"
        );
        assert!(ModelFile::parse(b"DLSYNTAX\x02\0\0\0").is_err());
        for cut in 0..good.len() {
            assert!(ModelFile::parse(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = good;
        longer.push(0);
        assert!(ModelFile::parse(&longer).is_err());
    }
}

//! Greedy averaged-perceptron sequence tagger over BILOU tags, its training and its
//! compact file format.

use crate::features::{tag_features, DocContext, SentenceFeatures};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// CoNLL types the tagger predicts; `crate::types` maps them to dateline's types.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// O + B/I/L/U for each type.
pub const N_LABELS: usize = 1 + 4 * TYPES.len();

/// Bumped whenever the file layout changes.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"DLNERPCT";

/// Position of a label within its entity: Begin, Inside, Last, Unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    B,
    I,
    L,
    U,
}

pub fn label(type_index: usize, part: Part) -> u8 {
    (1 + type_index * 4 + part as usize) as u8
}

/// `(type index, part)` of a label, `None` for O.
pub fn decode_label(l: u8) -> Option<(usize, Part)> {
    if l == 0 {
        return None;
    }
    let k = (l - 1) as usize;
    let part = [Part::B, Part::I, Part::L, Part::U][k % 4];
    Some((k / 4, part))
}

/// Whether `next` may follow `prev` (BILOU), and whether it may end a sentence.
fn allowed(prev: u8, next: u8, last: bool) -> bool {
    let open = |l: u8| matches!(decode_label(l), Some((_, Part::B | Part::I)));
    let next_ok_at_end = !open(next);
    if last && !next_ok_at_end {
        return false;
    }
    match (decode_label(prev), decode_label(next)) {
        (Some((t, Part::B | Part::I)), Some((u, Part::I | Part::L))) => t == u,
        (Some((_, Part::B | Part::I)), _) => false,
        (_, Some((_, Part::I | Part::L))) => false,
        _ => true,
    }
}

/// Entity spans `(start, end, type index)` (token indices, end-exclusive) of a tag sequence.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match decode_label(l) {
            Some((t, Part::U)) => {
                open = None;
                out.push((i, i + 1, t));
            }
            Some((t, Part::B)) => open = Some((i, t)),
            Some((t, Part::L)) => {
                if let Some((s, ot)) = open.take() {
                    if ot == t {
                        out.push((s, i + 1, t));
                    }
                }
            }
            Some((_, Part::I)) => {}
            None => open = None,
        }
    }
    out
}

/// BILOU labels for token spans.
pub fn labels_from_spans(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for &(s, e, t) in spans {
        if e == s + 1 {
            out[s] = label(t, Part::U);
        } else {
            out[s] = label(t, Part::B);
            for slot in out.iter_mut().take(e - 1).skip(s + 1) {
                *slot = label(t, Part::I);
            }
            out[e - 1] = label(t, Part::L);
        }
    }
    out
}

/// Feature hashes are already well mixed: use them as their own hash.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Something that scores features: the trained model or a model in training.
pub trait Scorer {
    fn add_scores(&self, feature: u64, scores: &mut [f32; N_LABELS]);
}

/// The trained, averaged model.
#[derive(Debug, Default)]
pub struct Model {
    index: FeatureMap<u32>,
    weights: Vec<f32>,
    pub feature_version: u32,
}

impl Scorer for Model {
    #[inline]
    fn add_scores(&self, feature: u64, scores: &mut [f32; N_LABELS]) {
        if let Some(&row) = self.index.get(&feature) {
            let w = &self.weights[row as usize * N_LABELS..(row as usize + 1) * N_LABELS];
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a dateline NER model file")]
    Magic,
    #[error("NER model format {found}, this build reads {expected}: retrain with train_ner")]
    Format { found: u32, expected: u32 },
    #[error("NER model built with feature version {found}, this build extracts {expected}: retrain with train_ner")]
    Features { found: u32, expected: u32 },
    #[error("NER model file is truncated or corrupt")]
    Corrupt,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let s = self
            .bytes
            .get(self.pos..self.pos + n)
            .ok_or(ModelError::Corrupt)?;
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| ModelError::Corrupt)?,
        ))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().map_err(|_| ModelError::Corrupt)?,
        ))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().map_err(|_| ModelError::Corrupt)?,
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| ModelError::Corrupt)?,
        ))
    }
}

impl Model {
    /// Reads a model file, checking its format and feature versions.
    pub fn from_bytes(bytes: &[u8], expected_features: u32) -> Result<Self, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let format = r.u32()?;
        if format != FORMAT_VERSION {
            return Err(ModelError::Format {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let feature_version = r.u32()?;
        if feature_version != expected_features {
            return Err(ModelError::Features {
                found: feature_version,
                expected: expected_features,
            });
        }
        if r.u32()? as usize != N_LABELS {
            return Err(ModelError::Corrupt);
        }
        let scale = r.f32()?;
        let rows = r.u32()? as usize;
        let mut index = FeatureMap::default();
        index.reserve(rows);
        let mut weights = vec![0f32; rows * N_LABELS];
        for row in 0..rows {
            let h = r.u64()?;
            let nnz = r.u8()? as usize;
            for _ in 0..nnz {
                let l = r.u8()? as usize;
                let q = r.i16()?;
                if l >= N_LABELS {
                    return Err(ModelError::Corrupt);
                }
                weights[row * N_LABELS + l] = f32::from(q) * scale;
            }
            index.insert(h, row as u32);
        }
        Ok(Model {
            index,
            weights,
            feature_version,
        })
    }

    pub fn rows(&self) -> usize {
        self.index.len()
    }
}

/// Greedy left-to-right decoding of one sentence with BILOU constraints.
/// `gold` (training) is consulted only through `on_step`, called with the features,
/// the predicted and the step index, so the trainer can update.
pub fn decode<S: Scorer>(
    scorer: &S,
    sent: &SentenceFeatures,
    mut on_step: impl FnMut(usize, &[u64], &[u64; 4], u8),
) -> Vec<u8> {
    let n = sent.infos.len();
    let mut labels = Vec::with_capacity(n);
    let (mut prev, mut prev2) = (0u8, 0u8);
    let mut tag_feats = [0u64; 4];
    for i in 0..n {
        let mut scores = [0f32; N_LABELS];
        let static_feats = sent.token(i);
        for &f in static_feats {
            scorer.add_scores(f, &mut scores);
        }
        tag_features(&sent.infos[i], prev, prev2, &mut tag_feats);
        for &f in &tag_feats {
            scorer.add_scores(f, &mut scores);
        }
        let last = i + 1 == n;
        let mut best = 0u8;
        let mut best_score = f32::NEG_INFINITY;
        for (l, &s) in scores.iter().enumerate() {
            let l = l as u8;
            if allowed(prev, l, last) && s > best_score {
                best = l;
                best_score = s;
            }
        }
        on_step(i, static_feats, &tag_feats, best);
        labels.push(best);
        prev2 = prev;
        prev = best;
    }
    labels
}

/// Records the document-level history after a sentence is tagged.
pub fn update_history(doc: &mut DocContext, sent: &SentenceFeatures, labels: &[u8]) {
    for (i, info) in sent.infos.iter().enumerate() {
        if !(info.cap || info.all_caps) {
            continue;
        }
        let t = decode_label(labels[i]).map_or(0, |(t, _)| t as u8 + 1);
        doc.history.insert(info.lower_text.clone(), t);
    }
}

/// Averaged perceptron in training.
pub struct Trainer {
    index: FeatureMap<u32>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    allowed: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
    step: u32,
}

impl Scorer for Trainer {
    #[inline]
    fn add_scores(&self, feature: u64, scores: &mut [f32; N_LABELS]) {
        if let Some(&row) = self.index.get(&feature) {
            let w = &self.weights[row as usize * N_LABELS..(row as usize + 1) * N_LABELS];
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Trainer {
    /// `allowed`: the features frequent enough in training to get weights.
    pub fn new(allowed: HashSet<u64, BuildHasherDefault<IdentityHasher>>) -> Self {
        Trainer {
            index: FeatureMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            allowed,
            step: 0,
        }
    }

    pub fn tick(&mut self) {
        self.step += 1;
    }

    fn row(&mut self, f: u64) -> Option<usize> {
        if let Some(&r) = self.index.get(&f) {
            return Some(r as usize);
        }
        if !self.allowed.contains(&f) {
            return None;
        }
        let r = self.index.len();
        self.index.insert(f, r as u32);
        self.weights.extend_from_slice(&[0.0; N_LABELS]);
        self.totals.extend_from_slice(&[0.0; N_LABELS]);
        self.stamps.extend_from_slice(&[0; N_LABELS]);
        Some(r)
    }

    pub fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        for &f in feats {
            let Some(r) = self.row(f) else { continue };
            for (l, delta) in [(gold, 1.0f32), (pred, -1.0)] {
                let k = r * N_LABELS + l as usize;
                self.totals[k] +=
                    f64::from(self.step - self.stamps[k]) * f64::from(self.weights[k]);
                self.stamps[k] = self.step;
                self.weights[k] += delta;
            }
        }
    }

    /// Averages, quantises to i16 and drops weights below `min_abs` (after averaging).
    /// Returns the file bytes.
    pub fn finish(&self, feature_version: u32, min_abs: f32) -> Vec<u8> {
        let step = self.step.max(1);
        let mut avg = vec![0f32; self.weights.len()];
        for (k, a) in avg.iter_mut().enumerate() {
            let total =
                self.totals[k] + f64::from(step - self.stamps[k]) * f64::from(self.weights[k]);
            *a = (total / f64::from(step)) as f32;
        }
        let max = avg.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 32767.0;
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let mut body = Vec::new();
        let mut kept = 0u32;
        for (h, r) in rows {
            let w = &avg[r as usize * N_LABELS..(r as usize + 1) * N_LABELS];
            let entries: Vec<(u8, i16)> = w
                .iter()
                .enumerate()
                .filter(|(_, x)| x.abs() >= min_abs)
                .map(|(l, x)| (l as u8, (x / scale).round() as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            if entries.is_empty() {
                continue;
            }
            kept += 1;
            body.extend_from_slice(&h.to_le_bytes());
            body.push(entries.len() as u8);
            for (l, q) in entries {
                body.push(l);
                body.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(body.len() + 32);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&feature_version.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&kept.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    pub fn features(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip_and_constraints() {
        let spans_in = vec![(0, 2, 0), (3, 4, 2)];
        let labels = labels_from_spans(5, &spans_in);
        assert_eq!(spans(&labels), spans_in);
        assert!(!allowed(label(0, Part::B), 0, false));
        assert!(allowed(label(0, Part::B), label(0, Part::L), true));
        assert!(!allowed(0, label(1, Part::I), false));
        assert!(!allowed(0, label(1, Part::B), true));
    }

    #[test]
    fn rejects_foreign_bytes() {
        assert!(matches!(
            Model::from_bytes(b"nonsense", 1),
            Err(ModelError::Corrupt | ModelError::Magic)
        ));
        assert!(matches!(
            Model::from_bytes(b"DLNERPCT\x09\0\0\0", 1),
            Err(ModelError::Format { .. })
        ));
    }
}

//! Greedy averaged-perceptron sequence tagger over BILOU tags, its training and its
//! compact file format.

use crate::features::{tag_features, DocContext, SentenceFeatures};
use dateline_ml::binio::{Reader, Writer};
use dateline_ml::hashing::{KeyMap, KeySet};
use dateline_ml::mem::prefetch;
use dateline_ml::model_file::{Header, HeaderError, ModelFile};
use dateline_ml::quantise::Quantiser;

/// CoNLL types the tagger predicts; `crate::types` maps them to dateline's types.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// O + B/I/L/U for each type.
pub const N_LABELS: usize = 1 + 4 * TYPES.len();

/// Bumped whenever the file layout changes.
pub const FORMAT_VERSION: u32 = 1;

/// The NER model file: its header and how to retrain it.
pub const MODEL_FILE: ModelFile = ModelFile {
    name: "NER model",
    file: "crates/dateline-entities/data/ner.model",
    header: Header {
        magic: *b"DLNERPCT",
        version: FORMAT_VERSION,
    },
    also_reads: &[],
    retrain: RETRAIN,
};

/// The command that retrains the model (and rewrites `data/ner.model`).
const RETRAIN: &str = "cargo run --release -p dateline-entities --example train_ner";

/// Position of a label within its entity: Begin, Inside, Last, Unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// First token of a multi-token entity.
    B,
    /// Token inside a multi-token entity.
    I,
    /// Last token of a multi-token entity.
    L,
    /// The only token of a one-token entity.
    U,
}

/// The label id of `part` of an entity of type `TYPES[type_index]`: 1 + 4 × type + part
/// (0 is O, outside any entity).
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

/// Something that scores features: the trained model or a model in training.
pub trait Scorer {
    /// Adds the weights of `feature` to `scores` (one per label); unknown features add nothing.
    fn add_scores(&self, feature: u64, scores: &mut [f32; N_LABELS]);

    /// Hints that `features` will be scored soon (the trained model prefetches them).
    fn prefetch(&self, _features: &[u64]) {}
}

/// The trained, averaged model, in a table laid out for decoding: every token looks up
/// some fifty features at random in it, so lookups are cache misses, and this layout
/// makes each one a single miss (a flat key array, which mostly stays in cache, then the
/// row) instead of hashbrown's three (control bytes, bucket, separately stored row).
#[derive(Debug, Default)]
pub struct Model {
    /// Open addressing with linear probing over a power-of-two number of slots, at most
    /// half full: slot `i` holds feature hash `keys[i]` (0 = empty slot) and its row
    /// `weights[i * N_LABELS..(i + 1) * N_LABELS]`.
    keys: Vec<u64>,
    /// The quantised weights as stored in the file: half the memory of `f32`s.
    weights: Vec<i16>,
    /// The row of the feature whose hash is 0, which an empty slot cannot hold.
    zero_key_row: Option<[i16; N_LABELS]>,
    rows: usize,
    /// Multiplies a quantised weight into its value.
    scale: f32,
    /// The [`crate::features::FEATURE_VERSION`] of the features the model was trained on.
    pub feature_version: u32,
}

impl Scorer for Model {
    #[inline]
    fn add_scores(&self, feature: u64, scores: &mut [f32; N_LABELS]) {
        if let Some(w) = self.row(feature) {
            for (s, &q) in scores.iter_mut().zip(w) {
                // The same product the file's weight always meant, so scores are exactly
                // those of a table of `f32` weights.
                *s += f32::from(q) * self.scale;
            }
        }
    }

    /// Starts loading each feature's key slot and, as its row sits at the same index, the
    /// row: a token's fifty lookups then overlap instead of waiting one after another.
    fn prefetch(&self, features: &[u64]) {
        let Some(mask) = self.keys.len().checked_sub(1) else {
            return;
        };
        for &f in features {
            let slot = f as usize & mask;
            prefetch(self.keys.as_ptr().wrapping_add(slot));
            let row = self.weights.as_ptr().wrapping_add(slot * N_LABELS);
            prefetch(row);
            prefetch(row.wrapping_add(N_LABELS - 1));
        }
    }
}

impl Model {
    #[inline]
    fn row(&self, feature: u64) -> Option<&[i16]> {
        if feature == 0 {
            return self.zero_key_row.as_ref().map(|r| &r[..]);
        }
        let mask = self.keys.len().checked_sub(1)?;
        // Feature hashes are well mixed (`features::finish`): their low bits index the table.
        let mut slot = feature as usize & mask;
        loop {
            match self.keys[slot] {
                k if k == feature => {
                    return Some(&self.weights[slot * N_LABELS..(slot + 1) * N_LABELS])
                }
                0 => return None,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The row for `feature`, a new zero row when it has none yet (the table must have a
    /// free slot: the capacity is set from the row count before filling).
    fn row_mut(&mut self, feature: u64) -> &mut [i16] {
        if feature == 0 {
            if self.zero_key_row.is_none() {
                self.rows += 1;
            }
            return self.zero_key_row.get_or_insert([0; N_LABELS]);
        }
        let mask = self.keys.len() - 1;
        let mut slot = feature as usize & mask;
        while self.keys[slot] != feature && self.keys[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        if self.keys[slot] == 0 {
            self.keys[slot] = feature;
            self.rows += 1;
        }
        &mut self.weights[slot * N_LABELS..(slot + 1) * N_LABELS]
    }
}

/// Why a model file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not an NER model file, or one of another format version.
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// A model for other features than this build extracts.
    #[error(
        "NER model built with feature version {found}, this build extracts {expected}: \
         retrain it (crates/dateline-entities/data/ner.model) with `{RETRAIN}`"
    )]
    Features {
        /// The feature version recorded in the file.
        found: u32,
        /// [`crate::features::FEATURE_VERSION`] of this build.
        expected: u32,
    },
    /// The file is truncated or its contents make no sense.
    #[error("{0}: retrain it (crates/dateline-entities/data/ner.model) with `{RETRAIN}`")]
    Corrupt(String),
}

/// The model reader's errors are all about truncated or corrupt bytes.
impl From<dateline_core::Error> for ModelError {
    fn from(e: dateline_core::Error) -> Self {
        ModelError::Corrupt(e.to_string())
    }
}

impl Model {
    /// Reads a model file, checking its format and feature versions.
    pub fn from_bytes(bytes: &[u8], expected_features: u32) -> Result<Self, ModelError> {
        let mut r = Reader::named(bytes, MODEL_FILE.name);
        MODEL_FILE.read_header(&mut r)?;
        let feature_version = r.u32()?;
        if feature_version != expected_features {
            return Err(ModelError::Features {
                found: feature_version,
                expected: expected_features,
            });
        }
        if r.u32()? as usize != N_LABELS {
            return Err(r.corrupt("label count").into());
        }
        let scale = r.f32()?;
        let rows = r.u32()? as usize;
        // Each row takes at least 9 bytes: a count beyond the file's size is corrupt, and
        // must not size the table.
        if rows > bytes.len() / 9 {
            return Err(r.corrupt("row count").into());
        }
        let slots = (rows * 2).next_power_of_two().max(16);
        let mut model = Model {
            keys: vec![0; slots],
            weights: vec![0; slots * N_LABELS],
            zero_key_row: None,
            rows: 0,
            scale,
            feature_version,
        };
        for _ in 0..rows {
            let h = r.u64()?;
            let nnz = r.u8()? as usize;
            // A feature listed twice keeps its last row, as a map insert would.
            let row = model.row_mut(h);
            row.fill(0);
            for _ in 0..nnz {
                let l = r.u8()? as usize;
                let q = r.i16()?;
                if l >= N_LABELS {
                    return Err(r.corrupt("label").into());
                }
                row[l] = q;
            }
        }
        Ok(model)
    }

    /// The number of features with weights.
    pub fn rows(&self) -> usize {
        self.rows
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
    // The features that do not depend on earlier tags are scored for the whole sentence
    // first: their lookups are independent, so the CPU overlaps their cache misses. They
    // are added in the same order as before the tag features, so the sums are unchanged.
    if n > 0 {
        scorer.prefetch(sent.token(0));
    }
    let static_scores: Vec<[f32; N_LABELS]> = (0..n)
        .map(|i| {
            if i + 1 < n {
                scorer.prefetch(sent.token(i + 1));
            }
            let mut scores = [0f32; N_LABELS];
            for &f in sent.token(i) {
                scorer.add_scores(f, &mut scores);
            }
            scores
        })
        .collect();
    for (i, &static_part) in static_scores.iter().enumerate() {
        let mut scores = static_part;
        let static_feats = sent.token(i);
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
    index: KeyMap<u32>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    allowed: KeySet,
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
    pub fn new(allowed: KeySet) -> Self {
        Trainer {
            index: KeyMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            allowed,
            step: 0,
        }
    }

    /// Counts one training step (one token), for the averaging of weights.
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

    /// The perceptron update for one token: every feature in `feats` gains weight for the
    /// `gold` label and loses it for the predicted `pred` label (nothing when they agree).
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
        let quantiser = Quantiser::new(max, min_abs);
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let mut body = Writer::default();
        let mut kept = 0u32;
        for (h, r) in rows {
            let w = &avg[r as usize * N_LABELS..(r as usize + 1) * N_LABELS];
            let entries: Vec<(u8, i16)> = w
                .iter()
                .enumerate()
                .filter_map(|(l, &x)| Some((l as u8, quantiser.quantise(x)?)))
                .collect();
            if entries.is_empty() {
                continue;
            }
            kept += 1;
            body.u64(h);
            body.u8(entries.len() as u8);
            for (l, q) in entries {
                body.u8(l);
                body.i16(q);
            }
        }
        let mut out = Writer::default();
        MODEL_FILE.write_header(&mut out);
        out.u32(feature_version);
        out.u32(N_LABELS as u32);
        out.f32(quantiser.scale());
        out.u32(kept);
        out.raw(&body.bytes);
        out.bytes
    }

    /// The number of features with weights so far.
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

    /// A model file written by hand: `(hash, [(label, quantised weight)])` rows.
    fn model_bytes(scale: f32, rows: &[(u64, &[(u8, i16)])]) -> Vec<u8> {
        let mut out = MODEL_FILE.header.magic.to_vec();
        for v in [FORMAT_VERSION, 7, N_LABELS as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, entries) in rows {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(entries.len() as u8);
            for (l, q) in entries.iter() {
                out.push(*l);
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    #[test]
    fn table_finds_every_row_including_collisions_zero_and_repeats() {
        let scale = 0.0295;
        // 16 and 32 share their low bits with 0 and each other: they probe past each other.
        let rows: Vec<(u64, &[(u8, i16)])> = vec![
            (16, &[(0, 100), (3, -7)]),
            (32, &[(16, 5)]),
            (0, &[(1, 2)]),
            (u64::MAX, &[(2, -32767)]),
            (48, &[(4, 9)]),
            (48, &[(5, 11)]),
        ];
        let model = Model::from_bytes(&model_bytes(scale, &rows), 7).unwrap();
        assert_eq!(model.rows(), 5);
        let scores = |f: u64| {
            let mut s = [0f32; N_LABELS];
            model.add_scores(f, &mut s);
            s
        };
        let expect = |entries: &[(u8, i16)]| {
            let mut s = [0f32; N_LABELS];
            for &(l, q) in entries {
                s[l as usize] = f32::from(q) * scale;
            }
            s
        };
        assert_eq!(scores(16), expect(&[(0, 100), (3, -7)]));
        assert_eq!(scores(32), expect(&[(16, 5)]));
        assert_eq!(scores(0), expect(&[(1, 2)]));
        assert_eq!(scores(u64::MAX), expect(&[(2, -32767)]));
        // A repeated feature keeps its last row, as the former map did.
        assert_eq!(scores(48), expect(&[(5, 11)]));
        for absent in [1, 64, 80, 12345, u64::MAX - 1] {
            assert_eq!(scores(absent), [0f32; N_LABELS]);
        }
        assert_eq!(Model::default().row(5), None);
    }

    #[test]
    fn embedded_model_scores_like_a_map_of_f32_rows() {
        let bytes = crate::ner::EMBEDDED_MODEL;
        let model = Model::from_bytes(bytes, crate::features::FEATURE_VERSION).unwrap();
        let scale = f32::from_le_bytes(bytes[20..24].try_into().unwrap());
        let mut r = Reader::new(bytes);
        r.take(28).unwrap();
        let mut reference: std::collections::HashMap<u64, [f32; N_LABELS]> =
            std::collections::HashMap::new();
        while !r.at_end() {
            let h = r.u64().unwrap();
            let mut row = [0f32; N_LABELS];
            for _ in 0..r.u8().unwrap() {
                let l = r.u8().unwrap() as usize;
                row[l] = f32::from(r.i16().unwrap()) * scale;
            }
            reference.insert(h, row);
        }
        assert_eq!(model.rows(), reference.len());
        for (h, row) in reference.iter().take(5000) {
            let mut s = [0f32; N_LABELS];
            model.add_scores(*h, &mut s);
            assert_eq!(&s, row);
            let mut absent = [0f32; N_LABELS];
            let other = h.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 1;
            if !reference.contains_key(&other) {
                model.add_scores(other, &mut absent);
                assert_eq!(absent, [0f32; N_LABELS]);
            }
        }
    }

    /// FNV-1a over bytes: a fingerprint of a model file for the pinned test.
    fn fingerprint(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
        })
    }

    /// The trainer's file bytes are pinned: a change to averaging, pruning, quantisation
    /// or the layout that would change the committed model fails here.
    #[test]
    fn finish_is_pinned() {
        let mut x = 0x853c_49e6_748f_ea9bu64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let allowed = (0..60u64).filter(|f| f % 7 != 3).collect();
        let mut t = Trainer::new(allowed);
        for _ in 0..500 {
            let feats: Vec<u64> = (0..6).map(|_| next() % 64).collect();
            let gold = (next() % N_LABELS as u64) as u8;
            let pred = (next() % N_LABELS as u64) as u8;
            t.update(&feats, gold, pred);
            t.tick();
        }
        let mut sizes = Vec::new();
        let mut prints = Vec::new();
        for min_abs in [0.0, 0.5, 3.0, 1e9] {
            let bytes = t.finish(5, min_abs);
            sizes.push(bytes.len());
            prints.push(fingerprint(&bytes));
        }
        assert_eq!(sizes, [3076, 2419, 304, 28]);
        assert_eq!(
            prints,
            [
                11738675117520925645,
                8971760089171163007,
                14488671410121520751,
                7029890885707183190
            ]
        );
        let empty = Trainer::new(KeySet::default()).finish(5, 0.0);
        assert_eq!(
            (empty.len(), fingerprint(&empty)),
            (28, 16563090793677910411)
        );
    }

    #[test]
    fn rejects_foreign_bytes() {
        assert!(matches!(
            Model::from_bytes(b"nonsense", 1),
            Err(ModelError::Header(HeaderError::NotThisKind { .. }))
        ));
        let err = Model::from_bytes(b"DLNERPCT\x09\0\0\0", 1).unwrap_err();
        assert!(matches!(
            err,
            ModelError::Header(HeaderError::Version {
                found: 9,
                expected: FORMAT_VERSION,
                ..
            })
        ));
        assert!(err.to_string().contains(RETRAIN), "{err}");
        let bytes = crate::ner::EMBEDDED_MODEL;
        let err = Model::from_bytes(bytes, crate::features::FEATURE_VERSION + 1).unwrap_err();
        assert!(matches!(err, ModelError::Features { .. }));
        assert!(err.to_string().contains(RETRAIN), "{err}");
        for cut in [10, 13, 30, bytes.len() / 2, bytes.len() - 1] {
            let err =
                Model::from_bytes(&bytes[..cut], crate::features::FEATURE_VERSION).unwrap_err();
            assert!(
                matches!(err, ModelError::Corrupt(_) | ModelError::Header(_)),
                "cut at {cut}: {err}"
            );
        }
        let err = Model::from_bytes(&bytes[..100], crate::features::FEATURE_VERSION).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "NER model is corrupt or truncated (row count): retrain it \
                 (crates/dateline-entities/data/ner.model) with `{RETRAIN}`"
            )
        );
    }
}

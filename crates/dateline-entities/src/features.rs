//! Feature extraction for the tagger. Every feature is a 64-bit hash of a template
//! id and a value, so nothing is allocated per feature and the model stores hashes.
//! The hashes are `dateline_ml`'s Fx scheme ([`dateline_ml::hashing::fx`]), which the
//! committed model's keys were made with.

use crate::clusters::Clusters;
use crate::gazetteer::FastMap;
use crate::gazetteer::Gazetteer;
use dateline_ml::hashing::fx::{feature, feature2, hash_str};
use dateline_ml::shape::word_shape;

/// Bumped whenever a template changes; stored in the model file.
pub const FEATURE_VERSION: u32 = 5;

/// Word attributes computed once per token.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// Fx hash of the word as written.
    pub word: u64,
    /// Fx hash of the lowercase word (with `’` read as `'`).
    pub lower: u64,
    /// The lowercase word (with `’` read as `'`), the key of [`DocContext`]'s maps.
    pub lower_text: String,
    /// Fx hash of the word's shape ([`dateline_ml::shape::word_shape`], uncapped).
    pub shape: u64,
    /// Fx hashes of the 1- to 4-character prefixes (slots 0..4) and suffixes (slots 4..8),
    /// each set only when the word is longer than the affix (0 otherwise).
    pub affixes: [u64; 8],
    /// Cluster ids at the three granularities (coarse to fine), plus one; 0 when the word
    /// has no cluster.
    pub clusters: [u64; 3],
    /// The gazetteer reading: `class * 4 + position + 1`, with the class a [`crate::gazetteer::GazClass`]
    /// and the position 0 = whole match, 1 = first, 2 = inside, 3 = last token of a phrase;
    /// 0 when no list matches.
    pub gaz: u64,
    /// Capitalised (first char uppercase).
    pub cap: bool,
    /// Has a letter and no lowercase letter ("NATO", "US").
    pub all_caps: bool,
}

/// Per-document context for the document-level features.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Lowercase words seen written in lowercase somewhere in the document.
    pub lower_seen: FastMap<String, bool>,
    /// Last predicted type (1-4, 0 = outside) of a capitalised word, keyed by lowercase.
    pub history: FastMap<String, u8>,
}

impl DocContext {
    /// A context for a document of `words` (every token, in order), with an empty history.
    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> Self {
        let mut lower_seen = FastMap::default();
        for w in words {
            if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                lower_seen.insert(w.to_string(), true);
            }
        }
        DocContext {
            lower_seen,
            history: FastMap::default(),
        }
    }
}

/// Static features of every token of a sentence (everything but the tag history).
pub struct SentenceFeatures {
    /// Per-token attributes, one per word.
    pub infos: Vec<TokenInfo>,
    /// Flat list of feature hashes; token i owns `offsets[i]..offsets[i + 1]`.
    pub feats: Vec<u64>,
    /// `offsets[i]..offsets[i + 1]` is token i's slice of `feats`; `len() == infos.len() + 1`.
    pub offsets: Vec<usize>,
}

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

/// The per-token attributes of a sentence's `words`, with gazetteer phrases matched
/// across the sentence.
pub fn token_infos(words: &[&str], clusters: &Clusters, gaz: &Gazetteer) -> Vec<TokenInfo> {
    let lowers: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let lower_refs: Vec<&str> = lowers.iter().map(|s| s.as_str()).collect();
    let gaz_tags = gaz.tag_tokens(&lower_refs);
    words
        .iter()
        .zip(lowers)
        .zip(gaz_tags)
        .map(|((w, lower), g)| {
            // Char boundaries, to hash prefixes and suffixes without allocating.
            let mut bounds = [0usize; 5];
            let mut n_chars = 0usize;
            for (k, (b, _)) in w.char_indices().enumerate() {
                if k < 5 {
                    bounds[k] = b;
                }
                n_chars = k + 1;
            }
            let mut tail_bounds = [w.len(); 5];
            for (k, (b, _)) in w.char_indices().rev().take(4).enumerate() {
                tail_bounds[k + 1] = b;
            }
            let mut affixes = [0u64; 8];
            for n in 1..=4usize {
                if n_chars > n {
                    affixes[n - 1] = hash_str(&w[..bounds[n]]);
                    affixes[n + 3] = hash_str(&w[tail_bounds[n]..]);
                }
            }
            let first = w.chars().next();
            let clusters = match clusters.ids(w) {
                Some(ids) => [
                    u64::from(ids[0]) + 1,
                    u64::from(ids[1]) + 1,
                    u64::from(ids[2]) + 1,
                ],
                None => [0; 3],
            };
            let cap = first.is_some_and(|c| c.is_uppercase());
            let all_caps =
                w.chars().any(|c| c.is_alphabetic()) && !w.chars().any(|c| c.is_lowercase());
            TokenInfo {
                word: hash_str(w),
                lower: hash_str(&lower),
                lower_text: lower,
                shape: hash_str(&word_shape(w, None)),
                affixes,
                clusters,
                gaz: g
                    .map(|(c, p)| (c as u64) * 4 + u64::from(p) + 1)
                    .unwrap_or(0),
                cap,
                all_caps,
            }
        })
        .collect()
}

impl SentenceFeatures {
    /// Extracts the static features of a sentence's `words`, using the document-level
    /// facts in `doc` (words seen in lowercase, previous types of capitalised words).
    pub fn new(words: &[&str], clusters: &Clusters, gaz: &Gazetteer, doc: &DocContext) -> Self {
        let infos = token_infos(words, clusters, gaz);
        let n = infos.len();
        let alpha = infos.iter().filter(|t| t.cap || t.all_caps).count();
        let caps_line =
            n >= 3 && infos.iter().filter(|t| t.all_caps).count() * 10 >= alpha.max(1) * 7;
        let mut feats = Vec::with_capacity(n * 48);
        let mut offsets = Vec::with_capacity(n + 1);
        let lower_at = |i: isize| -> u64 {
            if i < 0 {
                BOS
            } else if i as usize >= n {
                EOS
            } else {
                infos[i as usize].lower
            }
        };
        let shape_at = |i: isize| -> u64 {
            if i < 0 {
                BOS
            } else if i as usize >= n {
                EOS
            } else {
                infos[i as usize].shape
            }
        };
        let get = |i: isize| -> Option<&TokenInfo> {
            if i < 0 {
                None
            } else {
                infos.get(i as usize)
            }
        };
        for (i, t) in infos.iter().enumerate() {
            offsets.push(feats.len());
            let ii = i as isize;
            feats.push(feature(0, 0));
            feats.push(feature(1, t.word));
            feats.push(feature(2, t.lower));
            feats.push(feature(3, lower_at(ii - 1)));
            feats.push(feature(4, lower_at(ii + 1)));
            feats.push(feature(5, lower_at(ii - 2)));
            feats.push(feature(6, lower_at(ii + 2)));
            feats.push(feature(7, t.shape));
            feats.push(feature(8, shape_at(ii - 1)));
            feats.push(feature(9, shape_at(ii + 1)));
            feats.push(feature2(10, shape_at(ii - 1), t.shape));
            feats.push(feature2(11, t.shape, shape_at(ii + 1)));
            feats.push(feature2(12, lower_at(ii - 1), t.lower));
            feats.push(feature2(13, t.lower, lower_at(ii + 1)));
            feats.push(feature2(14, lower_at(ii - 1), t.shape));
            feats.push(feature2(15, t.shape, lower_at(ii + 1)));
            feats.push(feature2(16, lower_at(ii - 1), lower_at(ii + 1)));
            for (k, a) in t.affixes.iter().enumerate() {
                if *a != 0 {
                    feats.push(feature(20 + k as u64, *a));
                }
            }
            for (k, c) in t.clusters.iter().enumerate() {
                feats.push(feature(30 + k as u64, *c));
            }
            for (off, base) in [(-1isize, 34u64), (1, 37), (-2, 40), (2, 43)] {
                match get(ii + off) {
                    Some(o) => {
                        feats.push(feature(base, o.clusters[1]));
                        feats.push(feature(base + 1, o.clusters[2]));
                        feats.push(feature2(base + 2, o.gaz, o.shape));
                    }
                    None => feats.push(feature(base, BOS)),
                }
            }
            feats.push(feature(50, t.gaz));
            feats.push(feature2(51, t.gaz, t.shape));
            feats.push(feature2(52, t.gaz, t.clusters[0]));
            // Sentence-initial capitals say little; seeing the word lowercase elsewhere says a lot.
            let initial = i == 0
                || matches!(
                    get(ii - 1).map(|p| p.lower_text.as_str()),
                    Some("\"" | "“" | "'" | "‘" | "(" | ":" | "-")
                );
            let seen_lower = doc.lower_seen.contains_key(&t.lower_text);
            feats.push(feature2(
                53,
                u64::from(initial) * 2 + u64::from(seen_lower),
                t.shape,
            ));
            feats.push(feature2(54, u64::from(caps_line), t.shape));
            if caps_line {
                feats.push(feature(55, t.lower));
            }
            let hist = if t.cap || t.all_caps {
                doc.history.get(&t.lower_text).copied().map_or(9, u64::from)
            } else {
                10
            };
            feats.push(feature(56, hist));
            feats.push(feature2(57, hist, t.shape));
            let prev_hist = match get(ii - 1) {
                Some(p) if p.cap || p.all_caps => {
                    doc.history.get(&p.lower_text).copied().map_or(9, u64::from)
                }
                _ => 10,
            };
            let next_hist = match get(ii + 1) {
                Some(p) if p.cap || p.all_caps => {
                    doc.history.get(&p.lower_text).copied().map_or(9, u64::from)
                }
                _ => 10,
            };
            feats.push(feature2(58, prev_hist, next_hist));
        }
        offsets.push(feats.len());
        SentenceFeatures {
            infos,
            feats,
            offsets,
        }
    }

    /// The feature hashes of token `i` (panics if `i` is out of range).
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Features that depend on the tags already assigned to the left.
pub fn tag_features(info: &TokenInfo, prev: u8, prev2: u8, out: &mut [u64; 4]) {
    out[0] = feature(60, u64::from(prev));
    out[1] = feature2(61, u64::from(prev), u64::from(prev2));
    out[2] = feature2(62, u64::from(prev), info.shape);
    out[3] = feature2(63, u64::from(prev), info.lower);
}

//! Distributional word clusters built by spherical k-means over PPMI context vectors
//! of news text (`examples/build_clusters.rs`), at three granularities (coarse to
//! fine), used by the tagger as features.

use crate::gazetteer::FastMap;

/// Word → cluster ids at each granularity.
#[derive(Debug, Default)]
pub struct Clusters {
    paths: FastMap<String, [u16; 3]>,
}

const CLUSTERS: &str = include_str!("../data/clusters.tsv");

impl Clusters {
    /// The clusters compiled into the binary.
    pub fn embedded() -> Self {
        Self::parse(CLUSTERS)
    }

    /// Parses `word<TAB>coarse<TAB>medium<TAB>fine` lines.
    pub fn parse(text: &str) -> Self {
        let mut paths = FastMap::default();
        for line in text.lines() {
            let mut f = line.split('\t');
            let Some(word) = f.next() else { continue };
            let mut ids = [0u16; 3];
            let mut ok = true;
            for id in ids.iter_mut() {
                match f.next().and_then(|x| x.parse().ok()) {
                    Some(v) => *id = v,
                    None => ok = false,
                }
            }
            if ok {
                paths.insert(word.to_string(), ids);
            }
        }
        Clusters { paths }
    }

    /// The cluster ids of `word`, trying its exact form, then title case, then lowercase.
    pub fn ids(&self, word: &str) -> Option<[u16; 3]> {
        if let Some(p) = self.paths.get(word) {
            return Some(*p);
        }
        let lower = word.to_lowercase();
        let mut title = String::with_capacity(word.len());
        for (i, c) in lower.chars().enumerate() {
            if i == 0 {
                title.extend(c.to_uppercase());
            } else {
                title.push(c);
            }
        }
        self.paths
            .get(&title)
            .or_else(|| self.paths.get(&lower))
            .copied()
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no word has clusters (the table failed to load or is empty).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

//! Averaged multi-class perceptron over hashed sparse features.
//!
//! Training ([`Trainer`]) keeps, per feature, only the classes it was ever updated for,
//! so a 100-class parser model over millions of features fits in memory. The frozen
//! model ([`Classifier`]) keeps the averaged weights quantised to `i16` in flat arrays
//! behind an open-addressing table, which is what makes tagging and parsing fast.

use crate::binio::{Reader, Writer};
use crate::hashing::KeyMap;
use crate::mem::prefetch;
use crate::quantise::Quantiser;
use dateline_core::Result;

#[derive(Clone, Copy)]
struct Slot {
    class: u16,
    weight: f32,
    /// Sum of `time * delta` over updates: the averaged weight is `weight - stamped / time`.
    stamped: f64,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    index: KeyMap<u32>,
    rows: Vec<Vec<Slot>>,
    time: u64,
}

impl Trainer {
    /// A trainer for `n_classes` classes (at most 256), with no weights yet.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            index: KeyMap::default(),
            rows: Vec::new(),
            time: 1,
        }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Current (non-averaged) scores of every class.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                for slot in &self.rows[row as usize] {
                    scores[slot.class as usize] += slot.weight;
                }
            }
        }
    }

    /// Advances the clock by one training instance.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from `guess` to `truth` on every feature.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let next = self.rows.len() as u32;
            let row = *self.index.entry(f).or_insert(next);
            if row == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[row as usize];
            Self::add(row, truth, 1.0, self.time);
            Self::add(row, guess, -1.0, self.time);
        }
    }

    fn add(row: &mut Vec<Slot>, class: usize, delta: f32, time: u64) {
        let slot = match row.iter_mut().position(|s| s.class as usize == class) {
            Some(i) => &mut row[i],
            None => {
                row.push(Slot {
                    class: class as u16,
                    weight: 0.0,
                    stamped: 0.0,
                });
                row.last_mut().expect("just pushed")
            }
        };
        slot.weight += delta;
        slot.stamped += time as f64 * f64::from(delta);
    }

    /// The number of features with any weight.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Freezes the averaged weights, dropping those smaller than `min_abs`.
    pub fn finish(&self, min_abs: f32) -> Classifier {
        let time = self.time as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u8, f32)>)> = Vec::new();
        let mut max_abs = 0f32;
        for (key, row) in keys {
            let mut kept: Vec<(u8, f32)> = self.rows[row as usize]
                .iter()
                .map(|s| {
                    (
                        s.class as u8,
                        (f64::from(s.weight) - s.stamped / time) as f32,
                    )
                })
                .filter(|(_, w)| w.abs() >= min_abs && *w != 0.0)
                .collect();
            if kept.is_empty() {
                continue;
            }
            kept.sort_unstable_by_key(|&(c, _)| c);
            for &(_, w) in &kept {
                max_abs = max_abs.max(w.abs());
            }
            rows.push((key, kept));
        }
        let quantiser = Quantiser::new(max_abs, min_abs);
        let quantised = rows
            .into_iter()
            .map(|(k, row)| {
                let q: Vec<(u8, i16)> = row
                    .into_iter()
                    .filter_map(|(c, w)| Some((c, quantiser.quantise(w)?)))
                    .collect();
                (k, q)
            })
            .filter(|(_, q)| !q.is_empty())
            .collect();
        Classifier::build(self.n_classes, quantiser.scale(), quantised)
    }
}

const EMPTY: u64 = 0;

/// One slot of the open-addressing table: the key and where its row lives, in one
/// cache line fetch.
#[derive(Debug, Clone, Copy)]
struct TableSlot {
    key: u64,
    start: u32,
    len: u32,
}

/// A (class, weight) pair packed into 3 bytes so a row is one short contiguous read.
#[derive(Debug, Clone, Copy)]
#[repr(C, packed)]
struct Entry {
    class: u8,
    weight: i16,
}

/// A frozen, quantised perceptron.
#[derive(Debug, Clone)]
pub struct Classifier {
    n_classes: usize,
    scale: f32,
    mask: usize,
    slots: Vec<TableSlot>,
    entries: Vec<Entry>,
}

impl Classifier {
    fn build(n_classes: usize, scale: f32, rows: Vec<(u64, Vec<(u8, i16)>)>) -> Self {
        assert!(n_classes <= 256, "at most 256 classes");
        // Load factor at most 1/2 keeps probe sequences short for absent features too.
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![
            TableSlot {
                key: EMPTY,
                start: 0,
                len: 0
            };
            capacity
        ];
        let mut entries = Vec::new();
        for (key, row) in rows {
            let mut i = key as usize & mask;
            while slots[i].key != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = TableSlot {
                key,
                start: entries.len() as u32,
                len: row.len() as u32,
            };
            entries.extend(row.into_iter().map(|(c, w)| Entry {
                class: c,
                weight: w,
            }));
        }
        Classifier {
            n_classes,
            scale,
            mask,
            slots,
            entries,
        }
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// A copy without weights smaller than `min_abs` (in perceptron units).
    pub fn pruned(&self, min_abs: f32) -> Classifier {
        let min_q = (min_abs / self.scale).round() as i32;
        let mut rows: Vec<(u64, Vec<(u8, i16)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| {
                let row = &self.entries[s.start as usize..(s.start + s.len) as usize];
                let kept = row
                    .iter()
                    .map(|e| (e.class, e.weight))
                    .filter(|&(_, w)| i32::from(w).abs() >= min_q.max(1))
                    .collect::<Vec<_>>();
                (s.key, kept)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        Classifier::build(self.n_classes, self.scale, rows)
    }

    /// The number of stored (feature, class) weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Integer scores of every class (in units of the quantisation step).
    ///
    /// The model is far larger than the CPU caches, so lookups are memory-bound: all
    /// table slots are prefetched first, then all rows, so the misses overlap instead of
    /// queueing one after another.
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        // Classes are u8, so indexing a 256-wide accumulator needs no bounds checks.
        let mut acc = [0i32; 256];
        const CHUNK: usize = 128;
        let mut rows = [(0u32, 0u32); CHUNK];
        for chunk in features.chunks(CHUNK) {
            for &f in chunk {
                prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
            }
            let mut n = 0;
            for &f in chunk {
                let row = self.locate(f);
                if row.1 > 0 {
                    let first = self.entries.as_ptr().wrapping_add(row.0 as usize);
                    prefetch(first);
                    if row.1 > 21 {
                        prefetch(first.wrapping_add(21));
                    }
                    rows[n] = row;
                    n += 1;
                }
            }
            for &(start, len) in &rows[..n] {
                let start = start as usize;
                for e in &self.entries[start..start + len as usize] {
                    let (class, weight) = (e.class, e.weight);
                    acc[usize::from(class)] += i32::from(weight);
                }
            }
        }
        let n = scores.len().min(256);
        scores[..n].copy_from_slice(&acc[..n]);
    }

    #[inline]
    fn locate(&self, key: u64) -> (u32, u32) {
        let mut i = key as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return (slot.start, slot.len);
            }
            if slot.key == EMPTY {
                return (0, 0);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Scores as floats in the averaged perceptron's own units.
    pub fn score_f32(&self, features: &[u64], scores: &mut [f32]) {
        let mut ints = vec![0i32; scores.len()];
        self.score(features, &mut ints);
        for (s, i) in scores.iter_mut().zip(ints) {
            *s = i as f32 * self.scale;
        }
    }

    /// Writes the classifier: class count, scale, then its rows in key order.
    pub fn write(&self, w: &mut Writer) {
        w.count(self.n_classes);
        w.f32(self.scale);
        // Rows in key order, so the file is byte-identical across runs.
        let mut slots: Vec<&TableSlot> = self.slots.iter().filter(|s| s.key != EMPTY).collect();
        slots.sort_unstable_by_key(|s| s.key);
        w.count(slots.len());
        for slot in slots {
            let row = &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
            w.u64(slot.key);
            w.u16(row.len() as u16);
            for e in row {
                let (class, weight) = (e.class, e.weight);
                w.u8(class);
                w.i16(weight);
            }
        }
    }

    /// Reads a classifier written by [`Classifier::write`].
    pub fn read(r: &mut Reader) -> Result<Self> {
        let n_classes = r.count()?;
        if n_classes == 0 || n_classes > 256 {
            return Err(r.corrupt("class count"));
        }
        let scale = r.f32()?;
        let n_rows = r.count()?;
        let mut rows = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            let key = r.u64()?;
            if key == EMPTY {
                return Err(r.corrupt("empty feature key"));
            }
            let n = r.u16()? as usize;
            let mut row = Vec::with_capacity(n);
            for _ in 0..n {
                let c = r.u8()?;
                let w = r.i16()?;
                row.push((c, w));
            }
            rows.push((key, row));
        }
        Ok(Classifier::build(n_classes, scale, rows))
    }

    /// Moves `r` past a classifier written by [`Classifier::write`] without building it.
    pub fn skip(r: &mut Reader) -> Result<()> {
        r.count()?;
        r.f32()?;
        let n_rows = r.count()?;
        for _ in 0..n_rows {
            r.u64()?;
            let n = r.u16()? as usize;
            r.take(3 * n)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![10u64, 1], 0usize), (vec![20, 1], 1), (vec![30, 1], 2)];
        let mut scores = vec![0f32; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = argmax(&scores);
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let c = t.finish(0.0);
        let mut w = Writer::default();
        c.write(&mut w);
        let c2 = Classifier::read(&mut Reader::new(&w.bytes)).unwrap();
        let mut skipped = Reader::new(&w.bytes);
        Classifier::skip(&mut skipped).unwrap();
        assert!(skipped.at_end());
        let mut ints = vec![0i32; 3];
        for (f, y) in &data {
            c2.score(f, &mut ints);
            let best = (0..3).max_by_key(|&i| ints[i]).unwrap();
            assert_eq!(best, *y);
        }
    }

    /// FNV-1a over bytes: a fingerprint of a model file for the pinned tests.
    fn fingerprint(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
        })
    }

    /// The trainer's output is pinned: any change to averaging, pruning or quantisation
    /// that would change a committed model's bytes fails here.
    #[test]
    fn finish_is_pinned() {
        let mut rng = crate::hashing::Rng::new(42);
        let mut t = Trainer::new(7);
        for _ in 0..400 {
            let feats: Vec<u64> = (0..6).map(|_| rng.next_u64() % 50 + 1).collect();
            let truth = (rng.next_u64() % 7) as usize;
            let guess = (rng.next_u64() % 7) as usize;
            t.update(&feats, truth, guess);
            t.tick();
        }
        let mut sizes = Vec::new();
        let mut prints = Vec::new();
        for min_abs in [0.0, 0.5, 3.0, 1e9] {
            let mut w = Writer::default();
            t.finish(min_abs).write(&mut w);
            sizes.push(w.bytes.len());
            prints.push(fingerprint(&w.bytes));
        }
        assert_eq!(sizes, [1562, 1349, 471, 12]);
        assert_eq!(
            prints,
            [
                10612515861833836459,
                11082467724322490429,
                12532060134859331796,
                1902182231802610523
            ]
        );
    }

    fn argmax(s: &[f32]) -> usize {
        (0..s.len())
            .max_by(|&a, &b| s[a].partial_cmp(&s[b]).unwrap().then(b.cmp(&a)))
            .unwrap()
    }
}

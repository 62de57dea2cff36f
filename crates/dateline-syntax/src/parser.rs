//! Greedy arc-hybrid dependency parser with an averaged perceptron, trained with the
//! dynamic oracle of Goldberg & Nivre (2013) and Zhang & Nivre (2011)-style features.
//!
//! The artificial root sits at the end of the buffer (Ballesteros & Nivre 2013), and a
//! left-arc to it is allowed only when the stack holds a single word, so every parse is
//! one tree with exactly one root. The parser is linear in sentence length.

use crate::binio::{Reader, Writer};
use crate::hashing::{key, Rng};
use crate::perceptron::{Classifier, Trainer};
use dateline_core::{Error, Result};

const NONE: usize = usize::MAX;

/// What the parser knows of a word: hashed lower-cased form, tag class, UPOS.
#[derive(Debug, Clone, Copy)]
pub struct ParseToken {
    /// Hash of the lowercase normalised form (as [`crate::lexical::Lex::lower`]).
    pub word: u64,
    /// The tagger's tag id (UPOS|XPOS pair) as a number.
    pub tag: u64,
    /// Hash of the tag's UPOS (0 when the tag id is unknown).
    pub upos: u64,
}

/// A gold training sentence: heads are word indices, `n` (one past the last word) for the root.
pub struct GoldSentence {
    /// The sentence's words.
    pub tokens: Vec<ParseToken>,
    /// Gold head of each word.
    pub heads: Vec<usize>,
    /// Gold relation of each word: an index into [`Parser::labels`].
    pub labels: Vec<u8>,
}

/// The parser's configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    b0: usize,
    head: Vec<usize>,
    label: Vec<u8>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn new(n: usize) -> Self {
        let m = n + 1;
        State {
            n,
            stack: Vec::with_capacity(n),
            b0: 0,
            head: vec![NONE; m],
            label: vec![0; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            n_left: vec![0; m],
            n_right: vec![0; m],
            left_labels: vec![0; m],
            right_labels: vec![0; m],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b0 >= self.n
    }

    fn top(&self, depth: usize) -> usize {
        let len = self.stack.len();
        if depth < len {
            self.stack[len - 1 - depth]
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, h: usize, d: usize, label: u8) {
        self.head[d] = h;
        self.label[d] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            if self.l1[h] == NONE || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == NONE || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.n_left[h] = self.n_left[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            if self.r1[h] == NONE || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == NONE || d > self.r2[h] {
                self.r2[h] = d;
            }
            self.n_right[h] = self.n_right[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }
}

/// Transition classes: 0 = SHIFT, 1 + 2l = LEFT with label l, 2 + 2l = RIGHT with label l.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

fn decode(class: usize) -> Move {
    if class == 0 {
        Move::Shift
    } else if class % 2 == 1 {
        Move::Left(((class - 1) / 2) as u8)
    } else {
        Move::Right(((class - 2) / 2) as u8)
    }
}

/// The trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// The relations the parser predicts ("nsubj", "obl:tmod"), indexed by label id.
    pub labels: Vec<String>,
    root_label: u8,
    model: Classifier,
}

fn valid(state: &State, class: usize, root_label: u8) -> bool {
    match decode(class) {
        Move::Shift => state.b0 < state.n,
        Move::Left(l) => {
            !state.stack.is_empty()
                && if state.b0 < state.n {
                    l != root_label
                } else {
                    state.stack.len() == 1 && l == root_label
                }
        }
        Move::Right(l) => state.stack.len() >= 2 && l != root_label,
    }
}

fn apply(state: &mut State, class: usize) {
    match decode(class) {
        Move::Shift => {
            state.stack.push(state.b0);
            state.b0 += 1;
        }
        Move::Left(l) => {
            let d = state.stack.pop().expect("valid left");
            state.add_arc(state.b0, d, l);
        }
        Move::Right(l) => {
            let d = state.stack.pop().expect("valid right");
            let h = *state.stack.last().expect("valid right");
            state.add_arc(h, d, l);
        }
    }
}

const W_NONE: u64 = 0x5eed_0001;
const W_ROOT: u64 = 0x5eed_0002;

fn features(state: &State, tokens: &[ParseToken], out: &mut Vec<u64>) {
    let n = state.n;
    let word = |i: usize| -> u64 {
        if i == NONE {
            W_NONE
        } else if i == n {
            W_ROOT
        } else {
            tokens[i].word
        }
    };
    let tag = |i: usize| -> u64 {
        if i == NONE {
            1
        } else if i == n {
            2
        } else {
            tokens[i].tag + 3
        }
    };
    let upos = |i: usize| -> u64 {
        if i == NONE {
            1
        } else if i == n {
            2
        } else {
            tokens[i].upos
        }
    };
    let lab = |i: usize| -> u64 {
        if i == NONE || state.head[i] == NONE {
            0
        } else {
            u64::from(state.label[i]) + 1
        }
    };
    let child = |v: &Vec<usize>, i: usize| -> usize {
        if i == NONE {
            NONE
        } else {
            v[i]
        }
    };
    let count = |v: &Vec<u8>, i: usize| -> u64 {
        if i == NONE {
            99
        } else {
            u64::from(v[i])
        }
    };
    let set = |v: &Vec<u64>, i: usize| -> u64 {
        if i == NONE {
            1 << 63
        } else {
            v[i]
        }
    };
    let s0 = state.top(0);
    let s1 = state.top(1);
    let s2 = state.top(2);
    let n0 = if state.b0 <= n { state.b0 } else { NONE };
    let n1 = if state.b0 < n { state.b0 + 1 } else { NONE };
    let n2 = if state.b0 + 1 < n { state.b0 + 2 } else { NONE };
    let (s0w, s0t, s1w, s1t, s2w, s2t) = (word(s0), tag(s0), word(s1), tag(s1), word(s2), tag(s2));
    let (n0w, n0t, n1w, n1t, n2w, n2t) = (word(n0), tag(n0), word(n1), tag(n1), word(n2), tag(n2));
    let (s0l1, s0l2, s0r1, s0r2) = (
        child(&state.l1, s0),
        child(&state.l2, s0),
        child(&state.r1, s0),
        child(&state.r2, s0),
    );
    let (n0l1, n0l2) = (child(&state.l1, n0), child(&state.l2, n0));
    let (s1l1, s1r1, s1r2) = (
        child(&state.l1, s1),
        child(&state.r1, s1),
        child(&state.r2, s1),
    );
    let dist = |a: usize, b: usize| -> u64 {
        if a == NONE || b == NONE {
            0
        } else {
            (b.abs_diff(a) as u64).min(10)
        }
    };
    let d0 = dist(s0, n0);
    let d1 = dist(s1, s0);
    let depth = (state.stack.len() as u64).min(4);
    out.clear();
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[s0w, s0t]),
        key(2, &[s0w]),
        key(3, &[s0t]),
        key(4, &[n0w, n0t]),
        key(5, &[n0w]),
        key(6, &[n0t]),
        key(7, &[n1w, n1t]),
        key(8, &[n1w]),
        key(9, &[n1t]),
        key(10, &[n2w, n2t]),
        key(11, &[s1w, s1t]),
        key(12, &[s1w]),
        key(13, &[s1t]),
        key(14, &[s2t]),
        key(15, &[s2w]),
        key(16, &[s0w, s0t, n0w, n0t]),
        key(17, &[s0w, s0t, n0w]),
        key(18, &[s0w, n0w, n0t]),
        key(19, &[s0w, s0t, n0t]),
        key(20, &[s0t, n0w, n0t]),
        key(21, &[s0w, n0w]),
        key(22, &[s0t, n0t]),
        key(23, &[n0t, n1t]),
        key(24, &[s1w, s1t, s0w, s0t]),
        key(25, &[s1w, s0w]),
        key(26, &[s1t, s0t]),
        key(27, &[s1w, s0t]),
        key(28, &[s1t, s0w]),
        key(29, &[n0t, n1t, n2t]),
        key(30, &[s0t, n0t, n1t]),
        key(31, &[s1t, s0t, n0t]),
        key(32, &[s0t, tag(s0l1), n0t]),
        key(33, &[s0t, tag(s0r1), n0t]),
        key(34, &[s0t, n0t, tag(n0l1)]),
        key(35, &[s1t, tag(s1r1), s0t]),
        key(36, &[s1t, s0t, tag(s0l1)]),
        key(37, &[s2t, s1t, s0t]),
        key(38, &[s1t, tag(s1l1), s0t]),
        key(39, &[s0w, d0]),
        key(40, &[s0t, d0]),
        key(41, &[n0w, d0]),
        key(42, &[n0t, d0]),
        key(43, &[s0w, n0w, d0]),
        key(44, &[s0t, n0t, d0]),
        key(45, &[s1t, s0t, d1]),
        key(46, &[s1w, s0w, d1]),
        key(47, &[s0w, count(&state.n_right, s0)]),
        key(48, &[s0t, count(&state.n_right, s0)]),
        key(49, &[s0w, count(&state.n_left, s0)]),
        key(50, &[s0t, count(&state.n_left, s0)]),
        key(51, &[n0w, count(&state.n_left, n0)]),
        key(52, &[n0t, count(&state.n_left, n0)]),
        key(53, &[s1t, count(&state.n_right, s1)]),
        key(54, &[s1t, count(&state.n_left, s1)]),
        key(55, &[word(s0l1)]),
        key(56, &[tag(s0l1)]),
        key(57, &[lab(s0l1)]),
        key(58, &[word(s0r1)]),
        key(59, &[tag(s0r1)]),
        key(60, &[lab(s0r1)]),
        key(61, &[word(n0l1)]),
        key(62, &[tag(n0l1)]),
        key(63, &[lab(n0l1)]),
        key(64, &[tag(s1r1), lab(s1r1)]),
        key(65, &[tag(s1l1), lab(s1l1)]),
        key(66, &[word(s0l2), tag(s0l2), lab(s0l2)]),
        key(67, &[word(s0r2), tag(s0r2), lab(s0r2)]),
        key(68, &[word(n0l2), tag(n0l2), lab(n0l2)]),
        key(69, &[s0t, tag(s0l1), tag(s0l2)]),
        key(70, &[s0t, tag(s0r1), tag(s0r2)]),
        key(71, &[n0t, tag(n0l1), tag(n0l2)]),
        key(72, &[s0w, set(&state.right_labels, s0)]),
        key(73, &[s0t, set(&state.right_labels, s0)]),
        key(74, &[s0w, set(&state.left_labels, s0)]),
        key(75, &[s0t, set(&state.left_labels, s0)]),
        key(76, &[n0w, set(&state.left_labels, n0)]),
        key(77, &[n0t, set(&state.left_labels, n0)]),
        key(78, &[s1t, set(&state.right_labels, s1)]),
        key(79, &[upos(s0), upos(n0)]),
        key(80, &[upos(s1), upos(s0), upos(n0)]),
        key(81, &[depth, n0t]),
        key(82, &[depth, s0t, n0t]),
        key(83, &[s0t, n0t, lab(s0l1), lab(s0r1)]),
        key(84, &[s1t, s0t, lab(s1r1), lab(s0l1)]),
        key(85, &[tag(s1r2), tag(s1r1), s1t]),
        key(86, &[s0w, n0t, n1t]),
        key(87, &[s0t, n0w, n1t]),
        key(88, &[s1t, s0t, n0t, n1t]),
        key(89, &[s1w, s0t, n0t]),
    ]);
}

/// Cost of the unlabelled moves: gold arcs each would make unreachable.
fn unlabelled_costs(state: &State, gold: &[usize]) -> [u32; 3] {
    let n = state.n;
    let s0 = state.top(0);
    let s1 = state.top(1);
    let b0 = state.b0;
    let deps_in_buffer = |x: usize| -> u32 { (b0..n).filter(|&d| gold[d] == x).count() as u32 };
    let shift = if b0 < n {
        let head_lost = state.stack.iter().any(|&k| k != s0 && gold[b0] == k) as u32;
        let deps_lost = state.stack.iter().filter(|&&k| gold[k] == b0).count() as u32;
        head_lost + deps_lost
    } else {
        u32::MAX
    };
    let (left, right) = if s0 != NONE {
        let deps = deps_in_buffer(s0);
        let h = gold[s0];
        let left_head = (h == s1 && s1 != NONE || (h > b0 && h <= n)) as u32;
        let right = if s1 != NONE {
            (h >= b0 && h <= n) as u32 + deps
        } else {
            u32::MAX
        };
        (left_head + deps, right)
    } else {
        (u32::MAX, u32::MAX)
    };
    [shift, left, right]
}

fn class_cost(
    state: &State,
    class: usize,
    base: &[u32; 3],
    gold: &[usize],
    gold_labels: &[u8],
) -> u32 {
    match decode(class) {
        Move::Shift => base[0],
        Move::Left(l) => {
            let s0 = state.top(0);
            base[1].saturating_add((gold[s0] == state.b0 && gold_labels[s0] != l) as u32)
        }
        Move::Right(l) => {
            let s0 = state.top(0);
            let s1 = state.top(1);
            base[2].saturating_add((gold[s0] == s1 && gold_labels[s0] != l) as u32)
        }
    }
}

impl Parser {
    /// The highest-scoring class that is valid in `state` (ties to the lowest class).
    fn best_valid(&self, state: &State, scores: &[i32]) -> usize {
        let mut best = NONE;
        let mut best_score = i32::MIN;
        if state.b0 < state.n {
            best = 0;
            best_score = scores[0];
        }
        let can_left = !state.stack.is_empty() && (state.b0 < state.n || state.stack.len() == 1);
        let can_right = state.stack.len() >= 2;
        let root = usize::from(self.root_label);
        for l in 0..self.labels.len() {
            let left_ok = can_left && ((l == root) == (state.b0 >= state.n));
            let (left, right) = (1 + 2 * l, 2 + 2 * l);
            if left_ok && (best == NONE || scores[left] > best_score) {
                best = left;
                best_score = scores[left];
            }
            if can_right && l != root && (best == NONE || scores[right] > best_score) {
                best = right;
                best_score = scores[right];
            }
        }
        best
    }

    /// Parses one sentence: per word, its head (`None` for the root) and label id.
    pub fn parse(&self, tokens: &[ParseToken]) -> Vec<(Option<usize>, u8)> {
        let n = tokens.len();
        let mut state = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0i32; self.model.n_classes()];
        while !state.terminal() {
            features(&state, tokens, &mut feats);
            self.model.score(&feats, &mut scores);
            let best = self.best_valid(&state, &scores);
            if best == NONE {
                break;
            }
            apply(&mut state, best);
        }
        (0..n)
            .map(|i| {
                let h = state.head[i];
                if h == NONE || h >= n {
                    (None, self.root_label)
                } else {
                    (Some(h), state.label[i])
                }
            })
            .collect()
    }

    /// Trains with the dynamic oracle. After the first epoch the trainer follows its own
    /// (possibly wrong) prediction with probability `explore`, learning to recover from errors.
    pub fn train(
        labels: Vec<String>,
        sentences: &[GoldSentence],
        epochs: usize,
        explore: f64,
        seed: u64,
        prune: f32,
        mut after_epoch: impl FnMut(usize, &Parser),
    ) -> Result<Parser> {
        let root_label = labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| Error::Other("no root label".into()))? as u8;
        let n_classes = 1 + 2 * labels.len();
        let mut trainer = Trainer::new(n_classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; n_classes];
        let mut costs = vec![0u32; n_classes];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sentence = &sentences[s];
                let n = sentence.tokens.len();
                let mut state = State::new(n);
                while !state.terminal() {
                    features(&state, &sentence.tokens, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let base = unlabelled_costs(&state, &sentence.heads);
                    let mut min_cost = u32::MAX;
                    for (c, cost) in costs.iter_mut().enumerate() {
                        *cost = if valid(&state, c, root_label) {
                            class_cost(&state, c, &base, &sentence.heads, &sentence.labels)
                        } else {
                            u32::MAX
                        };
                        min_cost = min_cost.min(*cost);
                    }
                    if min_cost == u32::MAX {
                        break;
                    }
                    let mut guess = NONE;
                    let mut best_gold = NONE;
                    for c in 0..n_classes {
                        if costs[c] == u32::MAX {
                            continue;
                        }
                        if guess == NONE || scores[c] > scores[guess] {
                            guess = c;
                        }
                        if costs[c] == min_cost
                            && (best_gold == NONE || scores[c] > scores[best_gold])
                        {
                            best_gold = c;
                        }
                    }
                    if costs[guess] > min_cost {
                        trainer.update(&feats, best_gold, guess);
                    }
                    trainer.tick();
                    let follow = if epoch > 0 && rng.next_f64() < explore {
                        guess
                    } else {
                        best_gold
                    };
                    apply(&mut state, follow);
                }
            }
            let parser = Parser {
                labels: labels.clone(),
                root_label,
                model: trainer.finish(0.0),
            };
            after_epoch(epoch, &parser);
        }
        Ok(Parser {
            labels,
            root_label,
            model: trainer.finish(prune),
        })
    }

    /// Number of non-zero weights in the model.
    pub fn n_weights(&self) -> usize {
        self.model.n_weights()
    }

    /// A copy without weights smaller than `min_abs`.
    pub fn pruned(&self, min_abs: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            root_label: self.root_label,
            model: self.model.pruned(min_abs),
        }
    }

    /// Appends the labels and the weights to a model file.
    pub fn write(&self, w: &mut Writer) {
        w.count(self.labels.len());
        for l in &self.labels {
            w.str(l);
        }
        w.u8(self.root_label);
        self.model.write(w);
    }

    /// Reads what [`Parser::write`] wrote; fails on truncated or malformed bytes.
    pub fn read(r: &mut Reader) -> Result<Self> {
        let n = r.count()?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?);
        }
        let root_label = r.u8()?;
        let model = Classifier::read(r)?;
        if root_label as usize >= labels.len() || model.n_classes() != 1 + 2 * labels.len() {
            return Err(Error::Other("syntax model: parser classes".into()));
        }
        Ok(Parser {
            labels,
            root_label,
            model,
        })
    }
}

/// Lifts non-projective arcs (to the head's head, shortest first) until the tree is
/// projective; heads are word indices with `n` for the root. Returns how many arcs moved.
pub fn projectivise(heads: &mut [usize]) -> usize {
    let n = heads.len();
    let mut lifted = 0;
    for _ in 0..n * n + 1 {
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = heads[d];
            if h >= n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k));
            if crossing && worst.is_none_or(|(span, _)| hi - lo < span) {
                worst = Some((hi - lo, d));
            }
        }
        match worst {
            Some((_, d)) => {
                heads[d] = heads[heads[d]];
                lifted += 1;
            }
            None => break,
        }
    }
    lifted
}

fn dominates(heads: &[usize], h: usize, mut k: usize) -> bool {
    let n = heads.len();
    for _ in 0..=n {
        if k == h {
            return true;
        }
        if k >= n {
            return false;
        }
        k = heads[k];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivise_lifts_crossing_arcs() {
        // 0 <- 2 (root 3?) : words 0..4, root index 4.
        // Arcs: 0->2, 1->3 (crossing with 2's arc over 1? ), make a classic crossing.
        let mut heads = vec![2, 4, 1, 1];
        // arc 2->0 spans word 1, which 2 does not dominate: non-projective.
        let moved = projectivise(&mut heads);
        assert!(moved >= 1);
        for d in 0..heads.len() {
            let h = heads[d];
            if h < heads.len() {
                let (lo, hi) = if h < d { (h, d) } else { (d, h) };
                assert!((lo + 1..hi).all(|k| dominates(&heads, h, k)));
            }
        }
    }

    #[test]
    fn oracle_reproduces_a_projective_tree() {
        // "She saw him" : saw is root (index 3 = n), She <- saw, him <- saw.
        let gold = vec![1usize, 3, 1];
        let labels = vec![0u8, 1, 2];
        let mut state = State::new(3);
        while !state.terminal() {
            let base = unlabelled_costs(&state, &gold);
            let class = (0..7)
                .filter(|&c| valid(&state, c, 1))
                .min_by_key(|&c| class_cost(&state, c, &base, &gold, &labels))
                .unwrap();
            apply(&mut state, class);
        }
        assert_eq!(&state.head[..3], &[1, 3, 1]);
        assert_eq!(&state.label[..3], &[0, 1, 2]);
    }
}

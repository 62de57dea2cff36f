//! Greedy left-to-right averaged-perceptron tagger predicting UPOS and XPOS jointly
//! (one class per UPOS|XPOS pair seen in training).

use crate::binio::{Reader, Writer};
use crate::hashing::{hash_str, key, KeyMap, Rng};
use crate::lexical::{normalise, sentence_style, Lex, Style};
use crate::perceptron::{Classifier, Trainer};
use dateline_core::Result;
use std::collections::HashMap;

/// A UPOS|XPOS pair the tagger can predict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Universal part of speech ("PROPN").
    pub upos: String,
    /// Penn Treebank tag ("NNP").
    pub xpos: String,
}

/// A training sentence: forms and gold tag ids.
pub struct TaggedSentence {
    /// The words as written.
    pub forms: Vec<String>,
    /// Gold tag of each word: an index into [`Tagger::tags`].
    pub tags: Vec<u16>,
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// The tags the tagger predicts, indexed by tag id.
    pub tags: Vec<Tag>,
    model: Classifier,
    /// Frequent forms that (almost) always carry one tag.
    dictionary: HashMap<String, u16>,
    /// Lower-cased form hash → hash of the set of UPOS it was seen with (its ambiguity
    /// class): lets the tagger look at what the *following* words can be.
    ambiguity: KeyMap<u64>,
}

const START: [u64; 2] = [1, 2];
const END: [u64; 2] = [3, 4];

const UNKNOWN_CLASS: u64 = 7;

#[allow(clippy::too_many_arguments)]
fn features(
    lex: &[Lex],
    amb: &[u64],
    i: usize,
    p1: u64,
    p2: u64,
    style: Style,
    out: &mut Vec<u64>,
) {
    let amb_at = |d: usize| amb.get(i + d).copied().unwrap_or(5);
    let at = |d: isize| -> Lex {
        let j = i as isize + d;
        if j < 0 {
            Lex::boundary(START[(-j - 1).min(1) as usize])
        } else if j as usize >= lex.len() {
            Lex::boundary(END[(j as usize - lex.len()).min(1)])
        } else {
            lex[j as usize]
        }
    };
    let w = lex[i];
    let (m1, m2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let style = style as u64;
    out.clear();
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[w.form]),
        key(2, &[w.lower]),
        key(3, &[w.suffix[0]]),
        key(4, &[w.suffix[1]]),
        key(5, &[w.suffix[2]]),
        key(6, &[w.suffix[3]]),
        key(7, &[w.prefix[0]]),
        key(8, &[w.prefix[1]]),
        key(9, &[w.prefix[2]]),
        key(10, &[w.shape]),
        key(11, &[w.flags]),
        key(12, &[p1]),
        key(13, &[p2]),
        key(14, &[p1, p2]),
        key(15, &[p1, w.lower]),
        key(16, &[m1.lower]),
        key(17, &[m2.lower]),
        key(18, &[n1.lower]),
        key(19, &[n2.lower]),
        key(20, &[m1.suffix[2]]),
        key(21, &[n1.suffix[2]]),
        key(22, &[m1.lower, w.lower]),
        key(23, &[w.lower, n1.lower]),
        key(24, &[m1.shape, w.shape]),
        key(25, &[w.shape, n1.shape]),
        key(26, &[style, w.lower]),
        key(27, &[style, w.suffix[2]]),
        key(28, &[style, w.shape, (i == 0) as u64]),
        key(29, &[p1, w.suffix[2]]),
        key(30, &[(i == 0) as u64, w.flags]),
        key(31, &[p1, n1.lower]),
        key(32, &[n1.flags, w.flags]),
        key(33, &[m1.flags, w.flags, style]),
        key(34, &[m1.lower, n1.lower]),
        key(35, &[n1.suffix[1], w.suffix[2]]),
        key(36, &[amb_at(0)]),
        key(37, &[amb_at(1)]),
        key(38, &[amb_at(2)]),
        key(39, &[amb_at(0), amb_at(1)]),
        key(40, &[p1, amb_at(0)]),
        key(41, &[amb_at(0), amb_at(1), amb_at(2)]),
        key(42, &[p1, amb_at(0), amb_at(1)]),
        key(43, &[i.checked_sub(1).map_or(6, |j| amb[j]), amb_at(0)]),
    ]);
}

fn tag_value(tag: Option<u16>) -> u64 {
    match tag {
        Some(t) => u64::from(t) + 10,
        None => 0,
    }
}

/// The lexical values of each of `forms`.
pub fn lexes(forms: &[&str]) -> Vec<Lex> {
    forms.iter().map(|f| Lex::new(f)).collect()
}

impl Tagger {
    /// Tags one sentence; returns an index into [`Tagger::tags`] per form.
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        self.tag_lexed(forms, &lexes(forms))
    }

    /// Tags one sentence whose lexical features are already computed.
    pub fn tag_lexed(&self, forms: &[&str], lex: &[Lex]) -> Vec<u16> {
        let amb = ambiguity_classes(&self.ambiguity, lex);
        let style = sentence_style(forms);
        let mut out = Vec::with_capacity(forms.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0i32; self.model.n_classes()];
        for (i, form) in forms.iter().enumerate() {
            if let Some(&t) = self.dictionary.get(normalise(form).as_ref()) {
                out.push(t);
                continue;
            }
            let p1 = tag_value(i.checked_sub(1).map(|j| out[j]));
            let p2 = tag_value(i.checked_sub(2).map(|j| out[j]));
            features(lex, &amb, i, p1, p2, style, &mut feats);
            self.model.score(&feats, &mut scores);
            out.push(argmax_i32(&scores) as u16);
        }
        out
    }

    /// Trains on `train` for `epochs` passes; `tags` names the class ids.
    pub fn train(tags: Vec<Tag>, train: &[TaggedSentence], epochs: usize, seed: u64) -> Self {
        let dictionary = build_dictionary(train);
        let ambiguity = build_ambiguity(&tags, train);
        let mut trainer = Trainer::new(tags.len());
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0f32; tags.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sentence = &train[s];
                let forms: Vec<&str> = sentence.forms.iter().map(String::as_str).collect();
                let lex = lexes(&forms);
                let amb = ambiguity_classes(&ambiguity, &lex);
                let style = sentence_style(&forms);
                let mut predicted: Vec<u16> = Vec::with_capacity(forms.len());
                for (i, form) in forms.iter().enumerate() {
                    if let Some(&t) = dictionary.get(normalise(form).as_ref()) {
                        predicted.push(t);
                        continue;
                    }
                    let p1 = tag_value(i.checked_sub(1).map(|j| predicted[j]));
                    let p2 = tag_value(i.checked_sub(2).map(|j| predicted[j]));
                    features(&lex, &amb, i, p1, p2, style, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax_f32(&scores);
                    trainer.update(&feats, sentence.tags[i] as usize, guess);
                    trainer.tick();
                    predicted.push(guess as u16);
                }
            }
        }
        Tagger {
            tags,
            model: trainer.finish(1e-3),
            dictionary,
            ambiguity,
        }
    }

    /// Number of non-zero weights in the model.
    pub fn n_weights(&self) -> usize {
        self.model.n_weights()
    }

    /// Appends the tags, the tag dictionary, the ambiguity classes and the weights to a
    /// model file.
    pub fn write(&self, w: &mut Writer) {
        w.count(self.tags.len());
        for t in &self.tags {
            w.str(&t.upos);
            w.str(&t.xpos);
        }
        let mut dict: Vec<(&String, &u16)> = self.dictionary.iter().collect();
        dict.sort();
        w.count(dict.len());
        for (form, tag) in dict {
            w.str(form);
            w.u16(*tag);
        }
        let mut amb: Vec<(&u64, &u64)> = self.ambiguity.iter().collect();
        amb.sort();
        w.count(amb.len());
        for (k, v) in amb {
            w.u64(*k);
            w.u64(*v);
        }
        self.model.write(w);
    }

    /// Moves `r` past a tagger written by [`Tagger::write`] without building it (for a
    /// reader that needs only what follows it in the file).
    pub fn skip(r: &mut Reader) -> Result<()> {
        let n = r.count()?;
        for _ in 0..2 * n {
            r.str_bytes()?;
        }
        let n = r.count()?;
        for _ in 0..n {
            r.str_bytes()?;
            r.u16()?;
        }
        let n = r.count()?;
        r.take(n.checked_mul(16).ok_or_else(|| {
            dateline_core::Error::Other("syntax model: ambiguity classes".into())
        })?)?;
        Classifier::skip(r)
    }

    /// Reads what [`Tagger::write`] wrote; fails on truncated or malformed bytes.
    pub fn read(r: &mut Reader) -> Result<Self> {
        let n = r.count()?;
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let upos = r.str()?;
            let xpos = r.str()?;
            tags.push(Tag { upos, xpos });
        }
        let n = r.count()?;
        let mut dictionary = HashMap::with_capacity(n);
        for _ in 0..n {
            let form = r.str()?;
            let tag = r.u16()?;
            if tag as usize >= tags.len() {
                return Err(dateline_core::Error::Other(
                    "syntax model: bad tag id".into(),
                ));
            }
            dictionary.insert(form, tag);
        }
        let n = r.count()?;
        let mut ambiguity = KeyMap::default();
        ambiguity.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u64()?;
            ambiguity.insert(k, v);
        }
        let model = Classifier::read(r)?;
        if model.n_classes() != tags.len() {
            return Err(dateline_core::Error::Other(
                "syntax model: tagger classes".into(),
            ));
        }
        Ok(Tagger {
            tags,
            model,
            dictionary,
            ambiguity,
        })
    }
}

fn ambiguity_classes(ambiguity: &KeyMap<u64>, lex: &[Lex]) -> Vec<u64> {
    lex.iter()
        .map(|l| ambiguity.get(&l.lower).copied().unwrap_or(UNKNOWN_CLASS))
        .collect()
}

/// Ambiguity classes of forms seen at least twice (rarer words look unknown, as unseen
/// words will at run time); tags under 5% of a form's uses are ignored as noise.
fn build_ambiguity(tags: &[Tag], train: &[TaggedSentence]) -> KeyMap<u64> {
    let mut counts: HashMap<u64, HashMap<&str, u32>> = HashMap::new();
    for s in train {
        for (f, &t) in s.forms.iter().zip(&s.tags) {
            let lower = hash_str(&normalise(f).to_lowercase());
            *counts
                .entry(lower)
                .or_default()
                .entry(tags[t as usize].upos.as_str())
                .or_default() += 1;
        }
    }
    let mut out = KeyMap::default();
    for (form, upos) in counts {
        let total: u32 = upos.values().sum();
        if total < 2 {
            continue;
        }
        let mut set: Vec<&str> = upos
            .iter()
            .filter(|(_, &n)| n * 20 >= total)
            .map(|(u, _)| *u)
            .collect();
        set.sort_unstable();
        out.insert(form, hash_str(&set.join("|")));
    }
    out
}

fn build_dictionary(train: &[TaggedSentence]) -> HashMap<String, u16> {
    let mut counts: HashMap<String, HashMap<u16, u32>> = HashMap::new();
    for s in train {
        for (f, &t) in s.forms.iter().zip(&s.tags) {
            *counts
                .entry(normalise(f).into_owned())
                .or_default()
                .entry(t)
                .or_default() += 1;
        }
    }
    let mut dict = HashMap::new();
    for (form, tags) in counts {
        let total: u32 = tags.values().sum();
        let (&best, &n) = tags
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
            .expect("non-empty");
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
            dict.insert(form, best);
        }
    }
    dict
}

pub(crate) fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

pub(crate) fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Case variants of a training sentence, so the tagger sees headline-style text:
/// title case (function words kept lower) or all capitals.
pub fn case_variant(forms: &[String], upper: bool) -> Vec<String> {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as",
        "from",
    ];
    forms
        .iter()
        .map(|f| {
            if upper {
                f.to_uppercase()
            } else if SMALL.contains(&f.as_str()) {
                f.clone()
            } else {
                let mut c = f.chars();
                match c.next() {
                    Some(first) => first.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect()
}

//! Scoring against a treebank: words are matched by char span, so a tokenisation error
//! makes every score of the gold words it touches wrong.

use crate::conllu::TreebankSentence;
use crate::Model;
use std::collections::HashMap;

/// A system token with its analysis, as char span into the sentence text.
#[derive(Debug, Clone)]
pub struct SystemWord {
    /// Char offset of the word's first char in the sentence text.
    pub start: usize,
    /// Char offset one past the word's last char.
    pub end: usize,
    /// Predicted universal part of speech ("NOUN").
    pub upos: String,
    /// Predicted treebank-specific tag ("NN").
    pub xpos: String,
    /// Predicted lemma.
    pub lemma: String,
    /// Index into the same sentence's system words.
    pub head: Option<usize>,
    /// Predicted relation to the head, with subtype ("nmod:poss"); "root" for the root.
    pub deprel: String,
}

/// Counts of correct gold words.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Gold words seen: the denominator of every rate.
    pub words: usize,
    /// Gold words with a system word of exactly the same char span.
    pub aligned: usize,
    /// Gold words with the right UPOS.
    pub upos: usize,
    /// Gold words with the right XPOS.
    pub xpos: usize,
    /// Gold words with the right lemma.
    pub lemma: usize,
    /// Gold words attached to the right head (unlabelled attachment).
    pub uas: usize,
    /// Labelled attachment on the universal relation (subtypes ignored, as CoNLL 2018).
    pub las: usize,
    /// Labelled attachment on the full relation with subtype.
    pub las_full: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

impl Scores {
    /// Adds one sentence: gold words against system words.
    pub fn add(&mut self, gold: &TreebankSentence, system: &[SystemWord]) {
        let by_span: HashMap<(usize, usize), usize> = system
            .iter()
            .enumerate()
            .map(|(i, w)| ((w.start, w.end), i))
            .collect();
        let span_of_gold_head = |w: &crate::conllu::Word| -> Option<(usize, usize)> {
            w.head
                .checked_sub(1)
                .and_then(|h| gold.words.get(h))
                .map(|h| (h.start, h.end))
        };
        for w in &gold.words {
            self.words += 1;
            let Some(&i) = by_span.get(&(w.start, w.end)) else {
                continue;
            };
            let s = &system[i];
            self.aligned += 1;
            self.upos += (s.upos == w.upos) as usize;
            self.xpos += (s.xpos == w.xpos) as usize;
            self.lemma += (s.lemma == w.lemma) as usize;
            let system_head = s.head.and_then(|h| system.get(h)).map(|h| (h.start, h.end));
            if system_head == span_of_gold_head(w) {
                self.uas += 1;
                self.las += (universal(&s.deprel) == universal(&w.deprel)) as usize;
                self.las_full += (s.deprel == w.deprel) as usize;
            }
        }
    }

    fn rate(&self, n: usize) -> f64 {
        n as f64 / self.words.max(1) as f64
    }

    /// A one-block human-readable report.
    pub fn report(&self, title: &str) -> String {
        format!(
            "{title}\n  words {}  aligned {:.4}\n  UPOS {:.4}  XPOS {:.4}  lemma {:.4}\n  UAS {:.4}  LAS {:.4}  (LAS with subtypes {:.4})",
            self.words,
            self.rate(self.aligned),
            self.rate(self.upos),
            self.rate(self.xpos),
            self.rate(self.lemma),
            self.rate(self.uas),
            self.rate(self.las),
            self.rate(self.las_full)
        )
    }

    /// UPOS accuracy: the fraction (0..=1) of gold words with the right UPOS.
    pub fn upos_accuracy(&self) -> f64 {
        self.rate(self.upos)
    }
    /// Labelled attachment score on universal relations, as a fraction (0..=1) of gold words.
    pub fn las_score(&self) -> f64 {
        self.rate(self.las)
    }
    /// Unlabelled attachment score, as a fraction (0..=1) of gold words.
    pub fn uas_score(&self) -> f64 {
        self.rate(self.uas)
    }
}

/// Analyses the gold words of `sentence` with `model` (gold tokenisation).
pub fn analyse_gold_tokens(model: &Model, sentence: &TreebankSentence) -> Vec<SystemWord> {
    let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
    model
        .analyse(&forms)
        .into_iter()
        .zip(&sentence.words)
        .map(|(a, w)| SystemWord {
            start: w.start,
            end: w.end,
            upos: a.upos.to_string(),
            xpos: a.xpos,
            lemma: a.lemma,
            head: a.head,
            deprel: a.deprel.to_string(),
        })
        .collect()
}

/// Scores `model` on gold tokens.
pub fn score_gold_tokens(model: &Model, sentences: &[TreebankSentence]) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        scores.add(s, &analyse_gold_tokens(model, s));
    }
    scores
}

/// CPU time of the calling thread in seconds (Linux `/proc`), so throughput figures mean
/// something on a loaded machine; `None` where unavailable.
pub fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

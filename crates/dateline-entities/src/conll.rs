//! CoNLL-2003 reading and conlleval-style span scoring.

use std::collections::BTreeMap;

/// One sentence: words and their CoNLL entity spans (token indices, type index into
/// [`crate::model::TYPES`]).
#[derive(Debug, Clone, Default)]
pub struct ConllSentence {
    /// The sentence's tokens, as written.
    pub words: Vec<String>,
    /// Entity spans as `(start, end, type)`: token indices, end-exclusive, and an index
    /// into [`crate::model::TYPES`].
    pub spans: Vec<(usize, usize, usize)>,
}

/// Reads a CoNLL-2003 file (IOB1 or IOB2) into documents. `-DOCSTART-` lines separate
/// documents, whether they open or close them.
pub fn read(text: &str) -> Vec<Vec<ConllSentence>> {
    let mut docs = Vec::new();
    let mut doc: Vec<ConllSentence> = Vec::new();
    let mut words = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut Vec<ConllSentence>| {
        if !words.is_empty() {
            doc.push(ConllSentence {
                words: std::mem::take(words),
                spans: iob_spans(tags),
            });
            tags.clear();
        }
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut tags, &mut doc);
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut words, &mut tags, &mut doc);
            continue;
        }
        words.push(fields[0].to_string());
        tags.push(fields.last().copied().unwrap_or("O").to_string());
    }
    flush(&mut words, &mut tags, &mut doc);
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

fn type_index(t: &str) -> Option<usize> {
    crate::model::TYPES.iter().position(|x| *x == t)
}

/// Spans of an IOB1/IOB2 tag sequence.
pub fn iob_spans(tags: &[String]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let t = type_index(ty);
        let continues = prefix == "I" && open.is_some_and(|(_, ot)| Some(ot) == t);
        if !continues {
            if let Some((s, ot)) = open.take() {
                out.push((s, i, ot));
            }
            if let Some(t) = t {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, ot)) = open {
        out.push((s, tags.len(), ot));
    }
    out
}

/// Exact-span precision/recall counts per type.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    /// type → (true positives, predicted, gold)
    pub counts: BTreeMap<String, (usize, usize, usize)>,
}

impl Scores {
    /// Adds one unit's gold and predicted spans (any hashable span key + type name).
    pub fn add<K: Ord + Clone>(&mut self, gold: &[(K, String)], pred: &[(K, String)]) {
        let gold_set: std::collections::BTreeSet<_> = gold.iter().cloned().collect();
        for g in gold {
            self.counts.entry(g.1.clone()).or_default().2 += 1;
        }
        for p in pred {
            let c = self.counts.entry(p.1.clone()).or_default();
            c.1 += 1;
            if gold_set.contains(p) {
                c.0 += 1;
            }
        }
    }

    fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
        let p = if pred == 0 {
            0.0
        } else {
            tp as f64 / pred as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// Micro-averaged `(precision, recall, F1)` over all types, each a fraction in 0..=1
    /// (0 when its denominator is 0).
    pub fn overall(&self) -> (f64, f64, f64) {
        let (tp, p, g) = self
            .counts
            .values()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        Self::prf(tp, p, g)
    }

    /// A conlleval-like table.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (t, &(tp, p, g)) in &self.counts {
            let (pr, rc, f) = Self::prf(tp, p, g);
            out.push_str(&format!(
                "{t:>8}  P {pr:.4}  R {rc:.4}  F1 {f:.4}  (gold {g}, predicted {p})\n"
            ));
        }
        let (pr, rc, f) = self.overall();
        out.push_str(&format!(
            "{:>8}  P {pr:.4}  R {rc:.4}  F1 {f:.4}\n",
            "overall"
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_with_closing_docstart() {
        let text = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n-DOCSTART- -X- O O\n\nA X X B-LOC\nB X X I-LOC\n";
        let docs = read(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0][0].spans, vec![(0, 1, 1), (2, 3, 3)]);
        assert_eq!(docs[0][1].spans, vec![(0, 2, 0)]);
        assert_eq!(docs[1][0].spans, vec![(0, 2, 2)]);
    }
}

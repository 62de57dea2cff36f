//! The learned trigger head: a perceptron over [`features`] that says, for each content word,
//! whether it names a PLOVER event and of which type, with a confidence.
//!
//! Trained by `cargo run --release -p dateline-events --example train_events` on the train
//! split of dateline's own BBC event corpus (`eval/data/events`, rules in
//! `docs/annotation/events.md`); the model file is `data/triggers.model`.

pub mod arguments;
pub mod features;
pub mod sectors;

use crate::lexicon::{Entry, Lexicon};
use crate::view::View;
use dateline_core::{PloverType, Result};
use dateline_ml::binio::{Reader, Writer};
use dateline_ml::model_file::{Header, ModelFile};
use dateline_ml::perceptron::Classifier;

/// The model file compiled into the binary (empty when none has been trained yet).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/triggers.model");

/// The trigger model's file header.
pub const MODEL_FILE: ModelFile = ModelFile {
    name: "event trigger model",
    file: "crates/dateline-events/data/triggers.model",
    header: Header {
        magic: *b"DLTRIGGR",
        version: 1,
    },
    also_reads: &[],
    retrain: "cargo run --release -p dateline-events --example train_events",
};

/// Training mentions of a type from which the head may overrule the lexicon for it.
pub const MIN_TRAINED: u32 = 100;

/// Class 0 is "no event"; class `k` is `PloverType::ALL[k - 1]`.
pub const N_CLASSES: usize = PloverType::ALL.len() + 1;

/// The class of a type.
pub fn class_of(kind: Option<PloverType>) -> usize {
    kind.map_or(0, |k| {
        PloverType::ALL
            .iter()
            .position(|&x| x == k)
            .map_or(0, |p| p + 1)
    })
}

/// What the head says of one token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TriggerGuess {
    /// The best type, or `None` when "no event" wins.
    pub kind: Option<PloverType>,
    /// The best type among the 16, even when "no event" wins.
    pub best_type: PloverType,
    /// Probability of `best_type` (softmax over the scores), in [0, 1].
    pub confidence: f32,
    /// Probability of "no event".
    pub p_none: f32,
    /// Probability of each type, in the order of [`PloverType::ALL`].
    pub p_types: [f32; N_CLASSES - 1],
}

impl TriggerGuess {
    /// The probability the head gives `kind`.
    pub fn probability(&self, kind: PloverType) -> f32 {
        self.p_types[class_of(Some(kind)) - 1]
    }
}

/// The frozen trigger head.
#[derive(Debug, Clone)]
pub struct TriggerHead {
    model: Classifier,
    /// Softmax temperature, chosen on dev: probabilities are `softmax(score / temperature)`.
    temperature: f32,
    /// Subtracted from the "no event" score before deciding, chosen on dev (the classes are
    /// very unequal: most words are no trigger).
    none_bias: f32,
    /// Training mentions of each type (order of [`PloverType::ALL`]): the head overrules the
    /// lexicon only for types it has seen enough of ([`TriggerHead::knows`]).
    trained: [u32; N_CLASSES - 1],
    /// Lemmas that were a trigger in training: a word with another lemma is judged only when
    /// the lexicon proposes it (the head never learned to call it an event).
    lemmas: std::collections::HashSet<String>,
}

impl TriggerHead {
    /// The model compiled into the binary, or `None` when none was trained.
    pub fn embedded() -> Result<Option<TriggerHead>> {
        if EMBEDDED_MODEL.is_empty() {
            return Ok(None);
        }
        TriggerHead::read(EMBEDDED_MODEL).map(Some)
    }

    /// Reads a model file written by [`TriggerHead::write`].
    pub fn read(bytes: &[u8]) -> Result<TriggerHead> {
        let mut r = Reader::named(bytes, MODEL_FILE.name);
        MODEL_FILE.read_header(&mut r)?;
        let temperature = r.f32()?;
        let none_bias = r.f32()?;
        let mut trained = [0u32; N_CLASSES - 1];
        for t in &mut trained {
            *t = r.u32()?;
        }
        let n_lemmas = r.count()?;
        let mut lemmas = std::collections::HashSet::with_capacity(n_lemmas);
        for _ in 0..n_lemmas {
            lemmas.insert(r.str()?);
        }
        let model = Classifier::read(&mut r)?;
        if model.n_classes() != N_CLASSES {
            return Err(r.corrupt("class count"));
        }
        Ok(TriggerHead {
            model,
            temperature,
            none_bias,
            trained,
            lemmas,
        })
    }

    /// Wraps a trained classifier with its dev-chosen temperature and "no event" bias, the
    /// number of training mentions of each type and the lemmas that were triggers.
    pub fn new(
        model: Classifier,
        temperature: f32,
        none_bias: f32,
        trained: [u32; N_CLASSES - 1],
        lemmas: impl IntoIterator<Item = String>,
    ) -> TriggerHead {
        TriggerHead {
            model,
            temperature,
            none_bias,
            trained,
            lemmas: lemmas.into_iter().collect(),
        }
    }

    /// Whether the head saw enough training mentions of `kind` ([`MIN_TRAINED`]) to veto or
    /// retype a lexicon trigger of that type.
    pub fn knows(&self, kind: PloverType) -> bool {
        self.trained[class_of(Some(kind)) - 1] >= MIN_TRAINED
    }

    /// The model file's bytes.
    pub fn write(&self) -> Vec<u8> {
        let mut w = Writer::default();
        MODEL_FILE.write_header(&mut w);
        w.f32(self.temperature);
        w.f32(self.none_bias);
        for &t in &self.trained {
            w.u32(t);
        }
        let mut lemmas: Vec<&String> = self.lemmas.iter().collect();
        lemmas.sort();
        w.count(lemmas.len());
        for l in lemmas {
            w.str(l);
        }
        self.model.write(&mut w);
        w.bytes
    }

    /// Scores of every class for token `i` (class 0 = no event).
    pub fn scores(
        &self,
        view: &View,
        lex: &Lexicon,
        i: usize,
        rule: Option<&Entry>,
        buf: &mut Vec<u64>,
    ) -> [f32; N_CLASSES] {
        features::trigger_features(view, lex, i, rule, buf);
        let mut scores = [0f32; N_CLASSES];
        self.model.score_f32(buf, &mut scores);
        scores
    }

    /// What the head says of token `i`; `None` when it is no candidate.
    pub fn guess(
        &self,
        view: &View,
        lex: &Lexicon,
        i: usize,
        rule: Option<&Entry>,
        buf: &mut Vec<u64>,
    ) -> Option<TriggerGuess> {
        if !features::is_candidate(view, i)
            || (rule.is_none() && !self.lemmas.contains(view.lemma(i)))
        {
            return None;
        }
        let mut scores = self.scores(view, lex, i, rule, buf);
        scores[0] -= self.none_bias;
        Some(decide(&scores, self.temperature))
    }
}

/// The decision and confidence from class scores.
pub fn decide(scores: &[f32; N_CLASSES], temperature: f32) -> TriggerGuess {
    let t = temperature.max(1e-3);
    let max = scores.iter().copied().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = scores.iter().map(|s| ((s - max) / t).exp()).collect();
    let sum: f32 = exp.iter().sum();
    let (best_k, _) =
        scores[1..].iter().enumerate().fold(
            (0, f32::MIN),
            |acc, (k, &s)| if s > acc.1 { (k, s) } else { acc },
        );
    let best_type = PloverType::ALL[best_k];
    let confidence = exp[best_k + 1] / sum;
    let kind = (scores[best_k + 1] > scores[0]).then_some(best_type);
    TriggerGuess {
        kind,
        best_type,
        confidence,
        p_none: exp[0] / sum,
        p_types: std::array::from_fn(|k| exp[k + 1] / sum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_trip_and_no_event_is_class_zero() {
        assert_eq!(class_of(None), 0);
        for (k, t) in PloverType::ALL.iter().enumerate() {
            assert_eq!(class_of(Some(*t)), k + 1);
        }
    }

    #[test]
    fn decide_picks_the_best_type_and_says_when_no_event_wins() {
        let mut s = [0f32; N_CLASSES];
        s[class_of(Some(PloverType::Consult))] = 4.0;
        let g = decide(&s, 1.0);
        assert_eq!(g.kind, Some(PloverType::Consult));
        assert!(g.confidence > 0.5 && g.confidence <= 1.0);
        s[0] = 9.0;
        let g = decide(&s, 1.0);
        assert_eq!((g.kind, g.best_type), (None, PloverType::Consult));
        assert!(g.confidence < 0.1);
        assert!(g.p_none > 0.9);
        assert_eq!(g.probability(PloverType::Consult), g.confidence);
        let sum: f32 = g.p_none + g.p_types.iter().sum::<f32>();
        assert!((sum - 1.0).abs() < 1e-4);
    }

    #[test]
    fn a_head_learns_triggers_and_its_model_file_round_trips() {
        use crate::tests::doc_from;
        // "Blair met Chirac ." and "Blair ate lunch ."
        let doc = doc_from(&[
            "Blair/PROPN/Blair/2/nsubj met/VERB/meet/0/root Chirac/PROPN/Chirac/2/obj ./././2/punct",
            "Blair/PROPN/Blair/2/nsubj ate/VERB/eat/0/root lunch/NOUN/lunch/2/obj ./././2/punct",
        ]);
        let lex = Lexicon::builtin().unwrap();
        let view = View::new(&doc, &lex);
        let mut met = Vec::new();
        let mut ate = Vec::new();
        features::trigger_features(&view, &lex, 1, None, &mut met);
        features::trigger_features(&view, &lex, 5, None, &mut ate);
        let mut trainer = dateline_ml::perceptron::Trainer::new(N_CLASSES);
        let consult = class_of(Some(PloverType::Consult));
        for _ in 0..5 {
            for (f, truth) in [(&met, consult), (&ate, 0)] {
                let mut s = vec![0f32; N_CLASSES];
                trainer.score(f, &mut s);
                let guess = (0..N_CLASSES)
                    .max_by(|&a, &b| s[a].total_cmp(&s[b]))
                    .unwrap();
                if guess != truth {
                    trainer.update(f, truth, guess);
                }
                trainer.tick();
            }
        }
        let mut trained = [0u32; N_CLASSES - 1];
        trained[consult - 1] = 150;
        let bytes =
            TriggerHead::new(trainer.finish(0.0), 1.0, 0.0, trained, ["meet".to_string()]).write();
        let head = TriggerHead::read(&bytes).unwrap();
        let mut buf = Vec::new();
        let g = head.guess(&view, &lex, 1, None, &mut buf).unwrap();
        assert_eq!(g.kind, Some(PloverType::Consult));
        // "ate" was never a trigger in training: the head does not judge it unless the
        // lexicon proposes it; proposed, it is no event.
        assert!(head.guess(&view, &lex, 5, None, &mut buf).is_none());
        let entry = lex.starting_with("meet").next().unwrap().clone();
        let g = head.guess(&view, &lex, 5, Some(&entry), &mut buf).unwrap();
        assert_eq!(g.kind, None);
        // Names are no candidates; the head knows only the types it saw enough of.
        assert!(head.guess(&view, &lex, 0, None, &mut buf).is_none());
        assert!(head.knows(PloverType::Consult) && !head.knows(PloverType::Assault));
        let err = TriggerHead::read(&bytes[..bytes.len() - 3])
            .unwrap_err()
            .to_string();
        assert!(err.contains("event trigger model"), "{err}");
    }
}

/// One content word of a document with its features: a training or evaluation row.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Token index.
    pub token: usize,
    /// Char offsets of the token (Unicode scalars, end-exclusive).
    pub start: usize,
    /// End of the token.
    pub end: usize,
    /// Its head token, when parsed.
    pub head: Option<usize>,
    /// Feature keys.
    pub features: Vec<u64>,
    /// The type the lexicon rules give this token, if they make it a trigger.
    pub rule: Option<PloverType>,
    /// The token's lemma.
    pub lemma: String,
}

/// Every candidate trigger of `doc` (which must carry tokens, a parse and entities, as
/// after the entities stage) with its features.
pub fn candidates(
    extractor: &crate::EventExtractor,
    doc: &dateline_core::Document,
) -> Vec<Candidate> {
    let lex = extractor.lexicon();
    let ex = crate::extract::Extractor::new(doc, lex);
    let rules = ex.rule_triggers();
    let mut rule_at: Vec<Option<&Entry>> = vec![None; doc.tokens.len()];
    for c in &rules {
        rule_at[c.tok] = Some(&c.entry);
    }
    let view = &ex.view;
    let mut out = Vec::new();
    for (i, rule) in rule_at.iter().enumerate() {
        if !features::is_candidate(view, i) {
            continue;
        }
        let mut f = Vec::new();
        features::trigger_features(view, lex, i, *rule, &mut f);
        out.push(Candidate {
            token: i,
            start: doc.tokens[i].start,
            end: doc.tokens[i].end,
            head: view.head(i),
            features: f,
            rule: rule.map(|e| e.kind),
            lemma: view.lemma(i).to_string(),
        });
    }
    out
}

/// The head token of the words at `start..end` (char offsets): the one whose dependency head
/// lies outside them, else the first.
pub fn span_head(doc: &dateline_core::Document, start: usize, end: usize) -> Option<usize> {
    let span = doc.index().overlapping(start, end);
    let toks: Vec<usize> = span.range().collect();
    toks.iter()
        .copied()
        .find(|&k| {
            doc.tokens[k]
                .head
                .is_none_or(|h| h == k || !toks.contains(&h))
        })
        .or_else(|| toks.first().copied())
}

/// The argument candidates of the trigger at token `t` (type `kind`) with their features:
/// training and evaluation rows for [`arguments::ArgHead`].
pub fn argument_candidates(
    extractor: &crate::EventExtractor,
    doc: &dateline_core::Document,
    t: usize,
    kind: PloverType,
) -> Vec<Candidate> {
    let view = View::new(doc, extractor.lexicon());
    let range = view.sentence_range(doc.tokens[t].sentence);
    let mut out = Vec::new();
    for a in range {
        if a == t || !arguments::is_arg_candidate(&view, a) {
            continue;
        }
        let mut f = Vec::new();
        arguments::arg_features(&view, t, kind, a, &mut f);
        out.push(Candidate {
            token: a,
            start: doc.tokens[a].start,
            end: doc.tokens[a].end,
            head: view.head(a),
            features: f,
            rule: None,
            lemma: view.lemma(a).to_string(),
        });
    }
    out
}

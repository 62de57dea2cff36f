//! Trains the learned trigger head (`data/triggers.model`) on the train split of dateline's
//! BBC event corpus and picks the number of epochs and the softmax temperature on the dev
//! split. The test split is never read.
//!
//! ```text
//! cargo run --release -p dateline-events --example train_triggers -- \
//!     [--corpus eval/data/events] [--shared ../shared] [--out crates/dateline-events/data/triggers.model]
//! ```
//!
//! Deterministic: the same corpus and pipeline give the same file.

use dateline_core::{Article, Document, PloverType};
use dateline_events::learned::{self, candidates, class_of, Candidate, TriggerHead, N_CLASSES};
use dateline_events::EventExtractor;
use dateline_ml::perceptron::{Classifier, Trainer};
use dateline_ml::rng::Rng;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Gold triggers of one article: (start, end, type).
type Gold = Vec<(usize, usize, PloverType)>;

/// A labelled candidate: features, gold class, the lexicon rules' class, the word (for the
/// error list of `--errors`).
type Row = (Vec<u64>, usize, usize, String);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let corpus = PathBuf::from(flag("--corpus").unwrap_or_else(|| "eval/data/events".into()));
    let shared = flag("--shared")
        .map(PathBuf::from)
        .unwrap_or_else(dateline_core::shared_dir);
    let out = PathBuf::from(
        flag("--out").unwrap_or_else(|| "crates/dateline-events/data/triggers.model".into()),
    );
    let pipeline = dateline_nlp::Pipeline::new().unwrap_or_else(|e| fail(&format!("pipeline: {e}")));
    let extractor = EventExtractor::load().unwrap_or_else(|e| fail(&format!("events: {e}")));
    let train = rows(&pipeline, &extractor, &shared, &read_split(&corpus.join("train.jsonl")));
    let dev = rows(&pipeline, &extractor, &shared, &read_split(&corpus.join("dev.jsonl")));
    eprintln!(
        "train: {} candidates ({} triggers); dev: {} candidates ({} triggers)",
        train.len(),
        train.iter().filter(|r| r.1 != 0).count(),
        dev.len(),
        dev.iter().filter(|r| r.1 != 0).count()
    );
    let (p, r, f) = prf(dev.iter().map(|row| (row.2, row.1)));
    eprintln!("lexicon rules alone: dev P {p:.3} R {r:.3} F1 {f:.3}");
    let max_epochs = 12;
    let mut best = (0usize, -1.0f64);
    for epochs in 1..=max_epochs {
        let model = fit(&train, epochs);
        let f1 = score(&model, &dev, 1.0, 0.0).2;
        eprintln!("epochs {epochs:>2}: dev trigger+type F1 {f1:.3}");
        if f1 > best.1 {
            best = (epochs, f1);
        }
    }
    let model = fit(&train, best.0);
    // Candidate biases: each dev row's margin of its best type over "no event", so every
    // cut through the dev rows is tried.
    let mut s = [0f32; N_CLASSES];
    let mut cuts: Vec<f32> = dev
        .iter()
        .map(|(f, _, _, _)| {
            model.score_f32(f, &mut s);
            let best = s[1..].iter().copied().fold(f32::MIN, f32::max);
            (s[0] - best).max(0.0) + 1e-3
        })
        .collect();
    cuts.push(0.0);
    cuts.sort_by(f32::total_cmp);
    cuts.dedup();
    let mut bias = (0f32, -1.0f64);
    for &b in &cuts {
        let f1 = score(&model, &dev, 1.0, b).2;
        if f1 > bias.1 + 1e-9 {
            bias = (b, f1);
        }
    }
    let none_bias = bias.0;
    let temperature = fit_temperature(&model, &dev);
    let (p, r, f) = score(&model, &dev, temperature, none_bias);
    eprintln!(
        "chosen: {} epochs, no-event bias {none_bias}, temperature {temperature}; dev P {p:.3} R {r:.3} F1 {f:.3}; {} weights",
        best.0,
        model.n_weights()
    );
    if args.iter().any(|a| a == "--errors") {
        print_errors(&model, &dev, temperature, none_bias);
    }
    let head = TriggerHead::new(model, temperature, none_bias);
    std::fs::write(&out, head.write()).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    eprintln!("wrote {}", out.display());
}

fn fail(msg: &str) -> ! {
    eprintln!("train_triggers: {msg}");
    std::process::exit(1)
}

/// Articles of a split file with their gold triggers (articles with no event included).
fn read_split(path: &Path) -> BTreeMap<String, Gold> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        fail(&format!(
            "{}: {e}; build the corpus with eval/events-corpus/build.py",
            path.display()
        ))
    });
    let mut docs: BTreeMap<String, Gold> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let r: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        let doc = r["doc"].as_str().unwrap_or_default().to_string();
        let entry = docs.entry(doc).or_default();
        if r["done"].as_bool() == Some(true) {
            continue;
        }
        let span = &r["trigger"];
        let kind: PloverType = r["type"]
            .as_str()
            .and_then(|t| t.parse().ok())
            .unwrap_or_else(|| fail(&format!("{}: bad type in {line}", path.display())));
        let (s, e) = (
            span[0].as_u64().unwrap_or(0) as usize,
            span[1].as_u64().unwrap_or(0) as usize,
        );
        entry.push((s, e, kind));
    }
    docs
}

fn read_article(shared: &Path, doc: &str) -> String {
    let path = shared.join("data/bbc-news").join(doc);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// Every candidate of every article, labelled: (features, class). Tokens inside a gold trigger
/// that are not its head are left out (neither trigger nor non-trigger).
fn rows(
    pipeline: &dateline_nlp::Pipeline,
    extractor: &EventExtractor,
    shared: &Path,
    docs: &BTreeMap<String, Gold>,
) -> Vec<Row> {
    let mut out = Vec::new();
    for (name, gold) in docs {
        let doc = analyse(pipeline, &read_article(shared, name));
        let cands = candidates(extractor, &doc);
        let words: Vec<String> = cands
            .iter()
            .map(|c| doc.tokens[c.token].text.to_lowercase())
            .collect();
        out.extend(
            label(&cands, gold)
                .into_iter()
                .map(|(k, f, g, r)| (f, g, r, words[k].clone())),
        );
    }
    out
}

fn analyse(pipeline: &dateline_nlp::Pipeline, body: &str) -> Document {
    let article = Article {
        body: body.to_string(),
        ..Default::default()
    };
    let mut doc = pipeline.prepare(article, &dateline_nlp::Options::default());
    for stage in pipeline.stages() {
        if stage.name() != "events" {
            stage.annotate(&mut doc);
        }
    }
    doc
}

fn label(cands: &[Candidate], gold: &Gold) -> Vec<(usize, Vec<u64>, usize, usize)> {
    let mut class = vec![0usize; cands.len()];
    let mut skip = BTreeSet::new();
    for &(s, e, kind) in gold {
        let inside: Vec<usize> = (0..cands.len())
            .filter(|&k| cands[k].start < e && s < cands[k].end)
            .collect();
        let tokens: BTreeSet<usize> = inside.iter().map(|&k| cands[k].token).collect();
        let head = inside
            .iter()
            .copied()
            .find(|&k| cands[k].head.is_none_or(|h| !tokens.contains(&h)))
            .or_else(|| inside.first().copied());
        for &k in &inside {
            if Some(k) == head {
                class[k] = class_of(Some(kind));
            } else if class[k] == 0 {
                skip.insert(k);
            }
        }
    }
    (0..cands.len())
        .filter(|k| !skip.contains(k) || class[*k] != 0)
        .map(|k| (k, cands[k].features.clone(), class[k], class_of(cands[k].rule)))
        .collect()
}

fn fit(rows: &[Row], epochs: usize) -> Classifier {
    let mut trainer = Trainer::new(N_CLASSES);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng::new(17);
    let mut scores = vec![0f32; N_CLASSES];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (f, truth, _, _) = &rows[k];
            trainer.score(f, &mut scores);
            let guess = argmax(&scores);
            if guess != *truth {
                trainer.update(f, *truth, guess);
            }
            trainer.tick();
        }
    }
    trainer.finish(0.0)
}

fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for k in 1..s.len() {
        if s[k] > s[best] {
            best = k;
        }
    }
    best
}

/// Token-level trigger+type precision, recall and F1 on labelled rows.
fn score(
    model: &Classifier,
    rows: &[Row],
    temperature: f32,
    none_bias: f32,
) -> (f64, f64, f64) {
    let mut s = [0f32; N_CLASSES];
    let guesses = rows.iter().map(|(f, truth, _, _)| {
        model.score_f32(f, &mut s);
        s[0] -= none_bias;
        (class_of(learned::decide(&s, temperature).kind), *truth)
    });
    prf(guesses)
}

/// Precision, recall and F1 of (guess, truth) class pairs, class 0 being "no event".
fn prf(pairs: impl Iterator<Item = (usize, usize)>) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for (guess, truth) in pairs {
        match (guess, truth) {
            (0, 0) => {}
            (0, _) => fn_ += 1.0,
            (_, 0) => fp += 1.0,
            (a, b) if a == b => tp += 1.0,
            _ => {
                fp += 1.0;
                fn_ += 1.0;
            }
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// The temperature that makes the dev probabilities of the true class most likely.
fn fit_temperature(model: &Classifier, rows: &[Row]) -> f32 {
    let mut s = [0f32; N_CLASSES];
    let mut best = (1.0f32, f64::MAX);
    for t in (0..24).map(|k| 0.25f32 * 1.5f32.powi(k)) {
        let mut nll = 0f64;
        for (f, truth, _, _) in rows {
            model.score_f32(f, &mut s);
            let max = s.iter().copied().fold(f32::MIN, f32::max);
            let z: f64 = s.iter().map(|x| f64::from((x - max) / t).exp()).sum();
            let p = f64::from((s[*truth] - max) / t).exp() / z;
            nll -= p.max(1e-12).ln();
        }
        if nll < best.1 {
            best = (t, nll);
        }
    }
    best.0
}

/// The dev words most often missed, wrongly found and mistyped.
fn print_errors(model: &Classifier, rows: &[Row], temperature: f32, none_bias: f32) {
    use std::collections::HashMap;
    let name = |c: usize| {
        if c == 0 {
            "-".to_string()
        } else {
            PloverType::ALL[c - 1].as_str().to_string()
        }
    };
    let mut errors: HashMap<String, usize> = HashMap::new();
    let mut s = [0f32; N_CLASSES];
    for (f, truth, _, word) in rows {
        model.score_f32(f, &mut s);
        s[0] -= none_bias;
        let guess = class_of(learned::decide(&s, temperature).kind);
        if guess != *truth {
            *errors
                .entry(format!("gold {} guess {} {word}", name(*truth), name(guess)))
                .or_default() += 1;
        }
    }
    let mut v: Vec<_> = errors.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (e, n) in v.iter().take(60) {
        eprintln!("{n:>4} {e}");
    }
}

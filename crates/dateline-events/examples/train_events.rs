//! Trains the learned event heads on the train split of dateline's BBC event corpus and picks
//! their epochs, biases and temperature on the dev split (the test split is never read):
//! - the trigger head (`data/triggers.model`): which words name an event, of which type;
//! - the argument head (`data/arguments.model`): which words head its source and target.
//!
//! ```text
//! cargo run --release -p dateline-events --example train_events -- \
//!     [--corpus eval/data/events] [--shared ../shared] [--out-dir crates/dateline-events/data] [--errors]
//! ```
//!
//! Deterministic: the same corpus and pipeline give the same file.

use dateline_core::{Article, Document, PloverType};
use dateline_events::learned::arguments::{ArgHead, ArgRole, N_ROLES};
use dateline_events::learned::{
    self, argument_candidates, candidates, class_of, span_head, Candidate, TriggerHead, N_CLASSES,
};
use dateline_events::EventExtractor;
use dateline_ml::perceptron::{Classifier, Trainer};
use dateline_ml::rng::Rng;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One gold event mention: trigger span, type, source and target spans.
struct Mention {
    start: usize,
    end: usize,
    kind: PloverType,
    sources: Vec<(usize, usize)>,
    targets: Vec<(usize, usize)>,
    /// Actor spans the annotator gave a sector, with the sector.
    sectors: Vec<((usize, usize), String)>,
}

/// An analysed article with its gold mentions.
struct Analysed {
    doc: Document,
    gold: Vec<Mention>,
}

/// A labelled candidate: features, gold class, the lexicon rules' class, its lemma (the
/// head's trigger lemmas, and the error list of `--errors`).
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
    let out_dir =
        PathBuf::from(flag("--out-dir").unwrap_or_else(|| "crates/dateline-events/data".into()));
    // The stages before events; the events stage itself is not loaded, so a stale or
    // missing model file cannot stop its own retraining.
    let stages = || -> dateline_core::Result<Vec<Box<dyn dateline_core::Stage>>> {
        Ok(vec![
            Box::new(dateline_text::Segmenter),
            Box::new(dateline_syntax::Syntax::load()?),
            Box::new(dateline_time::TimeTagger::load()?),
            Box::new(dateline_entities::EntityRecognizer::load()?),
            Box::new(dateline_quotes::QuoteExtractor::load()?),
        ])
    };
    let pipeline = stages()
        .and_then(dateline_nlp::Pipeline::from_stages)
        .unwrap_or_else(|e| fail(&format!("pipeline: {e}")));
    let extractor = EventExtractor::rules_only().unwrap_or_else(|e| fail(&format!("events: {e}")));
    let train = analyse_split(&pipeline, &shared, &corpus.join("train.jsonl"));
    let dev = analyse_split(&pipeline, &shared, &corpus.join("dev.jsonl"));
    let errors = args.iter().any(|a| a == "--errors");
    let triggers = train_triggers(&extractor, &train, &dev, errors);
    write(&out_dir.join("triggers.model"), &triggers.write());
    let arguments = train_arguments(&extractor, &train, &dev);
    write(&out_dir.join("arguments.model"), &arguments.write());
    let sectors = train_sectors(&train, &dev);
    write(&out_dir.join("sectors.tsv"), sectors.as_bytes());
}

/// Head lemmas of the common-noun actors given a sector, with the sector: names are left out
/// (a person's or an organisation's sector is not the word's).
fn sector_examples(docs: &[Analysed]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for Analysed { doc, gold } in docs {
        for m in gold {
            for &((s, e), ref sector) in &m.sectors {
                let Some(h) = span_head(doc, s, e) else {
                    continue;
                };
                let tok = &doc.tokens[h];
                if tok.upos != Some(dateline_core::Upos::Noun) {
                    continue;
                }
                let lemma = tok
                    .lemma
                    .clone()
                    .unwrap_or_else(|| tok.text.clone())
                    .to_lowercase();
                out.push((lemma, sector.clone()));
            }
        }
    }
    out
}

/// The sector table: each head lemma's majority sector in train, kept when seen at least
/// twice with at least 60 % agreement; scored on dev (accuracy where the table has the lemma).
fn train_sectors(train_docs: &[Analysed], dev_docs: &[Analysed]) -> String {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (lemma, sector) in sector_examples(train_docs) {
        *counts.entry(lemma).or_default().entry(sector).or_default() += 1;
    }
    let mut table = BTreeMap::new();
    for (lemma, by_sector) in &counts {
        let total: usize = by_sector.values().sum();
        let (best, n) = by_sector
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, n)| (s.clone(), *n))
            .unwrap_or_default();
        if total >= 2 && n * 10 >= total * 6 {
            table.insert(lemma.clone(), (best, total));
        }
    }
    let dev = sector_examples(dev_docs);
    let covered: Vec<_> = dev.iter().filter(|(l, _)| table.contains_key(l)).collect();
    let right = covered.iter().filter(|(l, s)| table[l].0 == *s).count();
    eprintln!(
        "sectors: {} head lemmas; dev: {} of {} sector-tagged common-noun actors covered, {} right ({:.3})",
        table.len(),
        covered.len(),
        dev.len(),
        right,
        right as f64 / covered.len().max(1) as f64
    );
    let mut out = String::from(
        "# Sector of collective actors by head lemma, learned from the event corpus's train split\n\
         # by crates/dateline-events/examples/train_events.rs. Columns: lemma, sector, train count.\n",
    );
    for (lemma, (sector, n)) in table {
        out.push_str(&format!("{lemma}\t{sector}\t{n}\n"));
    }
    out
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
}

fn train_triggers(
    extractor: &EventExtractor,
    train_docs: &[Analysed],
    dev_docs: &[Analysed],
    errors: bool,
) -> TriggerHead {
    let train = rows(extractor, train_docs);
    let dev = rows(extractor, dev_docs);
    eprintln!(
        "triggers: train {} candidates ({} triggers); dev {} candidates ({} triggers)",
        train.len(),
        train.iter().filter(|r| r.1 != 0).count(),
        dev.len(),
        dev.iter().filter(|r| r.1 != 0).count()
    );
    let examples: Vec<(&[u64], usize)> = train.iter().map(|r| (r.0.as_slice(), r.1)).collect();
    let (p, r, f) = prf(dev.iter().map(|row| (row.2, row.1)));
    eprintln!("lexicon rules alone: dev P {p:.3} R {r:.3} F1 {f:.3}");
    let max_epochs = 12;
    let mut best = (0usize, -1.0f64);
    for epochs in 1..=max_epochs {
        let model = fit(N_CLASSES, &examples, epochs, 17);
        let f1 = score(&model, &dev, 1.0, 0.0).2;
        eprintln!("epochs {epochs:>2}: dev trigger+type F1 {f1:.3}");
        if f1 > best.1 {
            best = (epochs, f1);
        }
    }
    let model = fit(N_CLASSES, &examples, best.0, 17);
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
    if errors {
        print_errors(&model, &dev, temperature, none_bias);
    }
    let mut trained = [0u32; N_CLASSES - 1];
    for (_, class, _, _) in &train {
        if *class > 0 {
            trained[class - 1] += 1;
        }
    }
    let lemmas: BTreeSet<String> = train
        .iter()
        .filter(|r| r.1 > 0)
        .map(|r| r.3.clone())
        .collect();
    eprintln!("{} trigger lemmas", lemmas.len());
    TriggerHead::new(model, temperature, none_bias, trained, lemmas)
}

fn fail(msg: &str) -> ! {
    eprintln!("train_events: {msg}");
    std::process::exit(1)
}

fn spans(v: &Value) -> Vec<(usize, usize)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    let s = &x["span"];
                    (
                        s[0].as_u64().unwrap_or(0) as usize,
                        s[1].as_u64().unwrap_or(0) as usize,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Articles of a split file with their gold mentions (articles with no event included).
fn read_split(path: &Path) -> BTreeMap<String, Vec<Mention>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        fail(&format!(
            "{}: {e}; build the corpus with eval/events-corpus/build.py",
            path.display()
        ))
    });
    let mut docs: BTreeMap<String, Vec<Mention>> = BTreeMap::new();
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
        entry.push(Mention {
            start: span[0].as_u64().unwrap_or(0) as usize,
            end: span[1].as_u64().unwrap_or(0) as usize,
            kind,
            sources: spans(&r["source"]),
            targets: spans(&r["target"]),
            sectors: ["source", "target", "participants"]
                .iter()
                .flat_map(|role| r[*role].as_array().cloned().unwrap_or_default())
                .filter_map(|a| {
                    let sector = a["sector"].as_str()?.to_string();
                    let s = &a["span"];
                    let span = (s[0].as_u64()? as usize, s[1].as_u64()? as usize);
                    Some((span, sector))
                })
                .collect(),
        });
    }
    docs
}

fn analyse_split(pipeline: &dateline_nlp::Pipeline, shared: &Path, path: &Path) -> Vec<Analysed> {
    read_split(path)
        .into_iter()
        .map(|(name, gold)| Analysed {
            doc: analyse(pipeline, &read_article(shared, &name)),
            gold,
        })
        .collect()
}

fn read_article(shared: &Path, doc: &str) -> String {
    if doc.starts_with("ecbplus/") {
        let path = shared.join("data").join(doc);
        let xml = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        return ecb_text(&xml);
    }
    let path = shared.join("data/bbc-news").join(doc);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// The canonical text of an ECB+ document, as `eval/events-corpus/ecb_text.py` makes it:
/// each sentence's tokens joined by a space, sentences by a newline, a first sentence that is
/// only the story's URL left out.
fn ecb_text(xml: &str) -> String {
    let mut sentences: Vec<(String, Vec<String>)> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find("<token") {
        rest = &rest[open..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..gt];
        let Some(close) = rest.find("</token>") else {
            break;
        };
        let word = unescape(&rest[gt + 1..close]);
        rest = &rest[close + "</token>".len()..];
        let sentence = tag
            .split("sentence=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string();
        match sentences.last_mut() {
            Some((s, words)) if *s == sentence => words.push(word),
            _ => sentences.push((sentence, vec![word])),
        }
    }
    let mut lines: Vec<String> = sentences.into_iter().map(|(_, w)| w.join(" ")).collect();
    if lines.first().is_some_and(|l| l.starts_with("http")) {
        lines.remove(0);
    }
    lines.join("\n") + "\n"
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every candidate of every article, labelled: (features, class). Tokens inside a gold trigger
/// that are not its head are left out (neither trigger nor non-trigger).
fn rows(extractor: &EventExtractor, docs: &[Analysed]) -> Vec<Row> {
    let mut out = Vec::new();
    for Analysed { doc, gold } in docs {
        let gold: Vec<(usize, usize, PloverType)> =
            gold.iter().map(|m| (m.start, m.end, m.kind)).collect();
        let cands = candidates(extractor, doc);
        let words: Vec<String> = cands.iter().map(|c| c.lemma.clone()).collect();
        out.extend(
            label(&cands, &gold)
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

fn label(
    cands: &[Candidate],
    gold: &[(usize, usize, PloverType)],
) -> Vec<(usize, Vec<u64>, usize, usize)> {
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
        .map(|k| {
            (
                k,
                cands[k].features.clone(),
                class[k],
                class_of(cands[k].rule),
            )
        })
        .collect()
}

/// An averaged perceptron over `(features, class)` examples, shuffled each epoch by a
/// seeded generator (so training is deterministic).
fn fit(n_classes: usize, examples: &[(&[u64], usize)], epochs: usize, seed: u64) -> Classifier {
    let mut trainer = Trainer::new(n_classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = vec![0f32; n_classes];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (f, truth) = examples[k];
            trainer.score(f, &mut scores);
            let guess = argmax(&scores);
            if guess != truth {
                trainer.update(f, truth, guess);
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
fn score(model: &Classifier, rows: &[Row], temperature: f32, none_bias: f32) -> (f64, f64, f64) {
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
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
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
                .entry(format!(
                    "gold {} guess {} {word}",
                    name(*truth),
                    name(guess)
                ))
                .or_default() += 1;
        }
    }
    let mut v: Vec<_> = errors.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (e, n) in v.iter().take(60) {
        eprintln!("{n:>4} {e}");
    }
}

/// Argument rows: for each gold mention, each candidate word of its sentence labelled source,
/// target or none (words inside a gold actor other than its head are left out).
fn argument_rows(extractor: &EventExtractor, docs: &[Analysed]) -> Vec<(Vec<u64>, usize)> {
    let mut out = Vec::new();
    for Analysed { doc, gold } in docs {
        for m in gold {
            let Some(t) = span_head(doc, m.start, m.end) else {
                continue;
            };
            let cands = argument_candidates(extractor, doc, t, m.kind);
            let heads = |spans: &[(usize, usize)]| -> (BTreeSet<usize>, BTreeSet<usize>) {
                let mut h = BTreeSet::new();
                let mut inside = BTreeSet::new();
                for &(s, e) in spans {
                    if let Some(x) = span_head(doc, s, e) {
                        h.insert(x);
                    }
                    inside.extend(doc.index().overlapping(s, e).range());
                }
                (h, inside)
            };
            let (src, src_in) = heads(&m.sources);
            let (tgt, tgt_in) = heads(&m.targets);
            for c in cands {
                let class = if src.contains(&c.token) {
                    ArgRole::Source.class()
                } else if tgt.contains(&c.token) {
                    ArgRole::Target.class()
                } else if src_in.contains(&c.token) || tgt_in.contains(&c.token) {
                    continue;
                } else {
                    0
                };
                out.push((c.features, class));
            }
        }
    }
    out
}

fn train_arguments(
    extractor: &EventExtractor,
    train_docs: &[Analysed],
    dev_docs: &[Analysed],
) -> ArgHead {
    let train = argument_rows(extractor, train_docs);
    let dev = argument_rows(extractor, dev_docs);
    let count = |rows: &[(Vec<u64>, usize)], c: usize| rows.iter().filter(|r| r.1 == c).count();
    eprintln!(
        "arguments: train {} candidates ({} sources, {} targets); dev {} ({} sources, {} targets)",
        train.len(),
        count(&train, 1),
        count(&train, 2),
        dev.len(),
        count(&dev, 1),
        count(&dev, 2)
    );
    let examples: Vec<(&[u64], usize)> = train.iter().map(|(f, c)| (f.as_slice(), *c)).collect();
    let fit_args = |epochs: usize| fit(N_ROLES, &examples, epochs, 23);
    let f1_of = |model: &Classifier, bias: f32| {
        let mut s = [0f32; N_ROLES];
        prf(dev.iter().map(|(f, truth)| {
            model.score_f32(f, &mut s);
            s[0] -= bias;
            (argmax(&s), *truth)
        }))
    };
    let mut best = (1usize, -1.0f64);
    for epochs in 1..=10 {
        let f = f1_of(&fit_args(epochs), 0.0).2;
        if f > best.1 {
            best = (epochs, f);
        }
    }
    let model = fit_args(best.0);
    let mut bias = (0f32, -1.0f64);
    for step in -20..=20 {
        let b = step as f32 * 2.0;
        let f = f1_of(&model, b).2;
        if f > bias.1 + 1e-9 {
            bias = (b, f);
        }
    }
    let (p, r, f) = f1_of(&model, bias.0);
    eprintln!(
        "arguments chosen: {} epochs, none bias {}; dev source/target P {p:.3} R {r:.3} F1 {f:.3}",
        best.0, bias.0
    );
    ArgHead::new(model, bias.0)
}

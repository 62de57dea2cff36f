//! Trains the NER model on CoNLL-2003 eng.train, reports eng.testa F1 after each
//! epoch, and writes `data/ner.model`. Deterministic.
//!
//! Usage: `cargo run --release -p dateline-entities --example train_ner [-- --epochs N --min-count N --prune X --out PATH --no-clusters]`

use dateline_entities::clusters::Clusters;
use dateline_entities::conll::{self, ConllSentence, Scores};
use dateline_entities::features::{tag_features, DocContext, SentenceFeatures, FEATURE_VERSION};
use dateline_entities::gazetteer::Gazetteer;
use dateline_entities::model::{decode, labels_from_spans, update_history, Model, Trainer, TYPES};
use dateline_entities::ner::Ner;
use dateline_ml::hashing::{KeyMap, KeySet};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

fn main() {
    let epochs: usize = arg("--epochs", "12").parse().expect("--epochs");
    let min_count: u32 = arg("--min-count", "2").parse().expect("--min-count");
    let prune: f32 = arg("--prune", "0.0").parse().expect("--prune");
    let out = arg(
        "--out",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/ner.model"),
    );
    let shared = dateline_core::shared_dir();
    let read = |name: &str| {
        let p = shared.join("data/conll2003").join(name);
        String::from_utf8_lossy(
            &std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        )
        .into_owned()
    };
    let train = conll::read(&read("eng.train"));
    let dev = conll::read(&read("eng.testa"));
    // `--no-clusters` trains without the word-cluster features (ablation).
    let clusters = if std::env::args().any(|a| a == "--no-clusters") {
        Clusters::parse("")
    } else {
        Clusters::embedded()
    };
    let gaz = Gazetteer::embedded();
    eprintln!(
        "train {} docs, dev {} docs, {} clustered words",
        train.len(),
        dev.len(),
        clusters.len()
    );

    // Features seen fewer than `min_count` times (with gold history) get no weights.
    let mut counts: KeyMap<u32> = KeyMap::default();
    for doc in &train {
        let mut ctx = DocContext::new(doc.iter().flat_map(|s| s.words.iter().map(|w| w.as_str())));
        for s in doc {
            let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
            let sent = SentenceFeatures::new(&words, &clusters, &gaz, &ctx);
            let gold = labels_from_spans(words.len(), &s.spans);
            let mut tf = [0u64; 4];
            for i in 0..words.len() {
                for &f in sent.token(i) {
                    *counts.entry(f).or_default() += 1;
                }
                let prev = if i > 0 { gold[i - 1] } else { 0 };
                let prev2 = if i > 1 { gold[i - 2] } else { 0 };
                tag_features(&sent.infos[i], prev, prev2, &mut tf);
                for &f in &tf {
                    *counts.entry(f).or_default() += 1;
                }
            }
            update_history(&mut ctx, &sent, &gold);
        }
    }
    let allowed: KeySet = counts
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .map(|(f, _)| f)
        .collect();
    eprintln!("{} features kept (count >= {min_count})", allowed.len());

    let mut trainer = Trainer::new(allowed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = 0x853c_49e6_748f_ea9bu64;
    let mut best = (0.0, 0usize, Vec::new());
    for epoch in 1..=epochs {
        // Fisher–Yates with a fixed xorshift stream: deterministic shuffles.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        for &d in &order {
            let doc = &train[d];
            let mut ctx =
                DocContext::new(doc.iter().flat_map(|s| s.words.iter().map(|w| w.as_str())));
            for s in doc {
                let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
                let sent = SentenceFeatures::new(&words, &clusters, &gaz, &ctx);
                let gold = labels_from_spans(words.len(), &s.spans);
                let mut updates: Vec<(Vec<u64>, u8, u8)> = Vec::new();
                let labels = decode(&trainer, &sent, |i, sf, tf, pred| {
                    if pred != gold[i] {
                        let mut feats = sf.to_vec();
                        feats.extend_from_slice(tf);
                        updates.push((feats, gold[i], pred));
                    }
                });
                // Updates after the sentence: decoding borrows the trainer.
                errors += updates.len();
                for (feats, g, p) in updates {
                    trainer.update(&feats, g, p);
                }
                trainer.tick();
                update_history(&mut ctx, &sent, &labels);
            }
        }
        let bytes = trainer.finish(FEATURE_VERSION, prune);
        let model = Model::from_bytes(&bytes, FEATURE_VERSION).expect("fresh model reads back");
        let f1 = evaluate(&model, &dev, &clusters, &gaz);
        eprintln!(
            "epoch {epoch}: {errors} training errors, dev F1 {f1:.4}, {} rows, {} bytes",
            model.rows(),
            bytes.len()
        );
        if f1 > best.0 {
            best = (f1, epoch, bytes);
        }
    }
    eprintln!(
        "best dev F1 {:.4} at epoch {}; writing {out} ({} bytes)",
        best.0,
        best.1,
        best.2.len()
    );
    std::fs::write(&out, &best.2).expect("write model");
}

fn evaluate(
    model: &Model,
    dev: &[Vec<ConllSentence>],
    clusters: &Clusters,
    gaz: &Gazetteer,
) -> f64 {
    let mut scores = Scores::default();
    for doc in dev {
        let mut ctx = DocContext::new(doc.iter().flat_map(|s| s.words.iter().map(|w| w.as_str())));
        for (k, s) in doc.iter().enumerate() {
            let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
            let sent = SentenceFeatures::new(&words, clusters, gaz, &ctx);
            let labels = decode(model, &sent, |_, _, _, _| {});
            update_history(&mut ctx, &sent, &labels);
            let key = |sp: &(usize, usize, usize)| ((k, sp.0, sp.1), TYPES[sp.2].to_string());
            let gold: Vec<_> = s.spans.iter().map(key).collect();
            let pred: Vec<_> = dateline_entities::model::spans(&labels)
                .iter()
                .map(key)
                .collect();
            scores.add(&gold, &pred);
        }
    }
    let _ = Ner::embedded; // the runtime path is checked by eval_ner
    scores.overall().2
}

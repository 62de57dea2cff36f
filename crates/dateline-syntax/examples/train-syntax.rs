//! Trains the tagger, lemmatiser and parser on UD English EWT, prints dev scores and
//! writes the model file.
//!
//! `cargo run --release -p dateline-syntax --example train-syntax [-- --epochs N --tagger-epochs N --out PATH]`

use dateline_syntax::conllu::{self, TreebankSentence};
use dateline_syntax::evaluation::score_gold_tokens;
use dateline_syntax::hashing::Rng;
use dateline_syntax::lemma::Lemmatizer;
use dateline_syntax::parser::{projectivise, GoldSentence, Parser};
use dateline_syntax::tagger::{case_variant, Tag, TaggedSentence, Tagger};
use dateline_syntax::{parse_token, Model};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

const SEED: u64 = 20250215;
const FOLDS: usize = 4;

struct Options {
    data: PathBuf,
    out: PathBuf,
    parser_epochs: usize,
    tagger_epochs: usize,
    explore: f64,
    prune: f32,
    eval_every_epoch: bool,
    tagger_only: bool,
    augment: bool,
}

fn options() -> Options {
    let mut o = Options {
        data: dateline_core::shared_dir().join("data/ud-english-ewt"),
        out: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("model/syntax.bin"),
        parser_epochs: 12,
        tagger_epochs: 10,
        explore: 0.9,
        // Chosen on dev: 1.5 keeps LAS within 0.5 of the unpruned model at a third of its
        // size and the speed bar (see model/README.md).
        prune: 1.5,
        eval_every_epoch: false,
        tagger_only: false,
        augment: true,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--data" => o.data = value.into(),
            "--out" => o.out = value.into(),
            "--epochs" => o.parser_epochs = value.parse().expect("--epochs N"),
            "--tagger-epochs" => o.tagger_epochs = value.parse().expect("--tagger-epochs N"),
            "--explore" => o.explore = value.parse().expect("--explore P"),
            "--prune" => o.prune = value.parse().expect("--prune W"),
            "--tagger-only" => {
                o.tagger_only = true;
                i += 1;
                continue;
            }
            "--no-augment" => {
                o.augment = false;
                i += 1;
                continue;
            }
            "--eval-every-epoch" => {
                o.eval_every_epoch = true;
                i += 1;
                continue;
            }
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    o
}

/// Titles written without their period, as British news does ("Mr Starmer"); EWT has
/// almost only the American "Mr.", so sentences with a titled name get a copy without it.
const TITLES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Prof.", "Messrs."];

fn british_titles(forms: &[String]) -> Option<Vec<String>> {
    if !forms.iter().any(|f| TITLES.contains(&f.as_str())) {
        return None;
    }
    Some(
        forms
            .iter()
            .map(|f| {
                if TITLES.contains(&f.as_str()) {
                    f.trim_end_matches('.').to_string()
                } else {
                    f.clone()
                }
            })
            .collect(),
    )
}

fn tagged(
    sentences: &[&TreebankSentence],
    tags: &[Tag],
    rng: &mut Rng,
    augment: bool,
) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    for s in sentences {
        let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let ids: Vec<u16> = s
            .words
            .iter()
            .map(|w| tag_id(tags, &w.upos, &w.xpos))
            .collect();
        // Headline-style copies: capitalisation must not be the only cue for PROPN.
        let r = if augment { rng.next_f64() } else { 1.0 };
        if r < 0.10 {
            out.push(TaggedSentence {
                forms: case_variant(&forms, false),
                tags: ids.clone(),
            });
        } else if r < 0.14 {
            out.push(TaggedSentence {
                forms: case_variant(&forms, true),
                tags: ids.clone(),
            });
        }
        if let Some(variant) = british_titles(&forms) {
            out.push(TaggedSentence {
                forms: variant,
                tags: ids.clone(),
            });
        }
        out.push(TaggedSentence { forms, tags: ids });
    }
    out
}

fn tag_id(tags: &[Tag], upos: &str, xpos: &str) -> u16 {
    tags.iter()
        .position(|t| t.upos == upos && t.xpos == xpos)
        .unwrap_or(0) as u16
}

fn main() {
    let started = Instant::now();
    let o = options();
    let train = conllu::read_file(&o.data.join("en_ewt-ud-train.conllu")).expect("read train");
    let dev = conllu::read_file(&o.data.join("en_ewt-ud-dev.conllu")).expect("read dev");
    eprintln!(
        "train {} sentences, dev {} sentences",
        train.len(),
        dev.len()
    );

    let tags: Vec<Tag> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| (w.upos.clone(), w.xpos.clone())))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(upos, xpos)| Tag { upos, xpos })
        .collect();
    let labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    eprintln!("{} tag classes, {} labels", tags.len(), labels.len());
    let mut rng = Rng::new(SEED);

    if o.tagger_only {
        let all: Vec<&TreebankSentence> = train.iter().collect();
        let tagger = Tagger::train(
            tags.clone(),
            &tagged(&all, &tags, &mut rng, o.augment),
            o.tagger_epochs,
            SEED,
        );
        let (mut n, mut upos, mut xpos) = (0, 0, 0);
        for s in &dev {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (w, t) in s.words.iter().zip(tagger.tag(&forms)) {
                let t = &tagger.tags[t as usize];
                n += 1;
                upos += (t.upos == w.upos) as usize;
                xpos += (t.xpos == w.xpos) as usize;
            }
        }
        println!(
            "tagger only: dev UPOS {:.4} XPOS {:.4} ({:.0?})",
            upos as f64 / n as f64,
            xpos as f64 / n as f64,
            started.elapsed()
        );
        return;
    }
    // Jackknifed tags, so the parser trains on tags as noisy as it will see.
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    for fold in 0..FOLDS {
        let rest: Vec<&TreebankSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, s)| s)
            .collect();
        let tagger = Tagger::train(
            tags.clone(),
            &tagged(&rest, &tags, &mut rng, o.augment),
            o.tagger_epochs,
            SEED + fold as u64,
        );
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            predicted[i] = tagger.tag(&forms);
        }
        eprintln!("jackknife fold {fold} done ({:.0?})", started.elapsed());
    }
    let all: Vec<&TreebankSentence> = train.iter().collect();
    let tagger = Tagger::train(
        tags.clone(),
        &tagged(&all, &tags, &mut rng, o.augment),
        o.tagger_epochs,
        SEED,
    );
    eprintln!(
        "tagger trained ({:.0?}), {} weights",
        started.elapsed(),
        tagger.n_weights()
    );

    let lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.upos.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
            )
        })
    }));

    let upos_hashes: Vec<u64> = tags
        .iter()
        .map(|t| dateline_syntax::hashing::hash_str(&t.upos))
        .collect();
    let mut lifted = 0;
    let mut nonprojective = 0;
    let mut gold: Vec<GoldSentence> = Vec::new();
    for (s, tags) in train.iter().zip(&predicted) {
        let n = s.words.len();
        let mut heads: Vec<usize> = s
            .heads()
            .into_iter()
            .map(|h| h.unwrap_or(n).min(n))
            .collect();
        let moved = projectivise(&mut heads);
        lifted += moved;
        nonprojective += (moved > 0) as usize;
        let labels: Vec<u8> = s
            .words
            .iter()
            .map(|w| labels.iter().position(|l| *l == w.deprel).unwrap_or(0) as u8)
            .collect();
        let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let variants = std::iter::once(forms.clone()).chain(british_titles(&forms));
        for forms in variants {
            gold.push(GoldSentence {
                tokens: forms
                    .iter()
                    .zip(tags)
                    .map(|(f, &t)| parse_token(f, t, &upos_hashes))
                    .collect(),
                heads: heads.clone(),
                labels: labels.clone(),
            });
        }
    }
    eprintln!(
        "projectivised {nonprojective} non-projective sentences ({lifted} arcs lifted) of {}",
        train.len()
    );

    let parser = Parser::train(
        labels.clone(),
        &gold,
        o.parser_epochs,
        o.explore,
        SEED,
        o.prune,
        |epoch, parser| {
            if o.eval_every_epoch || epoch + 1 == o.parser_epochs {
                let model = Model::new(tagger.clone(), lemmatizer.clone(), parser.clone())
                    .expect("tags and relations are UD labels");
                let s = score_gold_tokens(&model, &dev);
                eprintln!(
                    "epoch {epoch}: dev UAS {:.4} LAS {:.4} ({:.0?})",
                    s.uas_score(),
                    s.las_score(),
                    started.elapsed()
                );
            } else {
                eprintln!("epoch {epoch} ({:.0?})", started.elapsed());
            }
        },
    )
    .expect("train parser");

    let model = Model::new(tagger, lemmatizer, parser).expect("tags and relations are UD labels");
    let bytes = model.to_bytes();
    let reloaded = Model::from_bytes(&bytes).expect("model round-trips");
    let scores = score_gold_tokens(&reloaded, &dev);
    println!(
        "{}",
        scores.report("EWT dev, gold tokens (final pruned model)")
    );
    println!(
        "model: {} bytes ({:.1} MB), tagger weights {}, parser weights {}",
        bytes.len(),
        bytes.len() as f64 / 1e6,
        model.tagger.n_weights(),
        model.parser.n_weights()
    );
    if let Some(dir) = o.out.parent() {
        std::fs::create_dir_all(dir).expect("create model dir");
    }
    std::fs::write(&o.out, &bytes).expect("write model");
    println!("wrote {} in {:.0?}", o.out.display(), started.elapsed());
}

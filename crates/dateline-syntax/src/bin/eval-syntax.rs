//! Scores the syntax model on UD English EWT dev, from gold tokens and from dateline's own
//! tokenisation of each sentence's raw text (tokens aligned by char span).
//!
//! `cargo run --release -p dateline-syntax --bin eval-syntax [-- --model PATH --data DIR]`

use dateline_core::{Document, Source};
use dateline_syntax::conllu;
use dateline_syntax::evaluation::{analyse_gold_tokens, thread_cpu_seconds, Scores, SystemWord};
use dateline_syntax::{Model, Syntax};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut model_path: Option<PathBuf> = None;
    let mut prune = 0f32;
    let mut write: Option<PathBuf> = None;
    let mut data = dateline_core::shared_dir().join("data/ud-english-ewt");
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--model", Some(p)) => model_path = Some(p.into()),
            ("--data", Some(p)) => data = p.into(),
            ("--prune", Some(p)) => prune = p.parse().expect("--prune W"),
            ("--write", Some(p)) => write = Some(PathBuf::from(p)),
            _ => panic!("usage: eval-syntax [--model PATH] [--data DIR]"),
        }
    }
    let mut model = match &model_path {
        Some(p) => Model::from_bytes(&std::fs::read(p).expect("read model")).expect("load model"),
        None => Model::embedded().expect("load embedded model"),
    };
    if prune > 0.0 {
        let weights = model.parser.n_weights();
        model.parser = model.parser.pruned(prune);
        eprintln!(
            "pruned parser at {prune}: {weights} -> {} weights",
            model.parser.n_weights()
        );
    }
    if let Some(path) = &write {
        let bytes = model.to_bytes();
        std::fs::write(path, &bytes).expect("write model");
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    let dev_path = data.join("en_ewt-ud-dev.conllu");
    let dev = match conllu::read_file(&dev_path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping: cannot read {}: {e}", dev_path.display());
            return;
        }
    };

    if std::env::var("SYNTAX_PROFILE").is_ok() {
        let forms: Vec<Vec<&str>> = dev
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let c0 = thread_cpu_seconds().unwrap_or(0.0);
        let tags: Vec<Vec<u16>> = forms.iter().map(|f| model.tagger.tag(f)).collect();
        let c1 = thread_cpu_seconds().unwrap_or(0.0);
        let mut n = 0;
        for (f, t) in forms.iter().zip(&tags) {
            for (w, &t) in f.iter().zip(t) {
                let tag = &model.tagger.tags[t as usize];
                n += model.lemmatizer.lemma(w, &tag.upos, &tag.xpos).len();
            }
        }
        let c2 = thread_cpu_seconds().unwrap_or(0.0);
        for (f, t) in forms.iter().zip(&tags) {
            let toks: Vec<_> = f
                .iter()
                .zip(t)
                .map(|(w, &t)| model.parse_token(w, t))
                .collect();
            n += model.parser.parse(&toks).len();
        }
        let c3 = thread_cpu_seconds().unwrap_or(0.0);
        eprintln!(
            "profile CPU: tag {:.2}s lemma {:.2}s parse {:.2}s ({n})",
            c1 - c0,
            c2 - c1,
            c3 - c2
        );
    }
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut gold = Scores::default();
    for s in &dev {
        gold.add(s, &analyse_gold_tokens(&model, s));
    }
    let gold_secs = started.elapsed().as_secs_f64();
    if std::env::var("SYNTAX_CONFUSIONS").is_ok() {
        let mut confusions: std::collections::HashMap<(String, String), usize> = Default::default();
        let mut labels: std::collections::HashMap<(String, String), usize> = Default::default();
        let mut lemmas: std::collections::HashMap<(String, String), usize> = Default::default();
        for s in &dev {
            for (w, a) in s.words.iter().zip(analyse_gold_tokens(&model, s)) {
                if w.upos != a.upos {
                    *confusions
                        .entry((w.upos.clone(), a.upos.clone()))
                        .or_default() += 1;
                }
                if w.lemma != a.lemma {
                    *lemmas
                        .entry((
                            format!("{}/{}", w.form, w.upos),
                            format!("{} (gold {})", a.lemma, w.lemma),
                        ))
                        .or_default() += 1;
                }
                if w.deprel != a.deprel {
                    *labels
                        .entry((w.deprel.clone(), a.deprel.clone()))
                        .or_default() += 1;
                }
            }
        }
        for map in [confusions, labels, lemmas] {
            let mut v: Vec<_> = map.into_iter().collect();
            v.sort_by_key(|e| std::cmp::Reverse(e.1));
            for ((g, p), n) in v.into_iter().take(15) {
                eprintln!("  gold {g:>10} -> {p:<10} {n}");
            }
            eprintln!();
        }
    }
    let gold_cpu = thread_cpu_seconds().zip(cpu_started).map(|(b, a)| b - a);
    println!(
        "{}",
        gold.report("EWT dev, GOLD tokens (tagger+lemmatiser+parser)")
    );

    let syntax = Syntax::from_model(model);
    let mut raw = Scores::default();
    let mut misaligned: std::collections::HashMap<String, usize> = Default::default();
    let mut system_tokens = 0;
    let mut analyse_secs = 0.0;
    for s in &dev {
        let prepared = dateline_text::prepare(&s.text);
        let mut doc = Document::new(s.id.clone(), Source::text("ewt-dev"), prepared.text.clone());
        dateline_text::segment(&mut doc);
        let t = Instant::now();
        syntax.annotate(&mut doc);
        analyse_secs += t.elapsed().as_secs_f64();
        system_tokens += doc.tokens.len();
        let words: Vec<SystemWord> = doc
            .tokens
            .iter()
            .map(|t| {
                let (start, end) = prepared.original_span(t.start, t.end);
                SystemWord {
                    start,
                    end,
                    upos: t.upos.clone().unwrap_or_default(),
                    xpos: t.xpos.clone().unwrap_or_default(),
                    lemma: t.lemma.clone().unwrap_or_default(),
                    head: t.head,
                    deprel: t.deprel.clone().unwrap_or_default(),
                }
            })
            .collect();
        if std::env::var("SYNTAX_MISALIGNED").is_ok() {
            let spans: std::collections::HashSet<(usize, usize)> =
                words.iter().map(|w| (w.start, w.end)).collect();
            for w in &s.words {
                if !spans.contains(&(w.start, w.end)) {
                    *misaligned.entry(w.form.clone()).or_default() += 1;
                }
            }
        }
        raw.add(s, &words);
    }
    if !misaligned.is_empty() {
        let mut v: Vec<_> = misaligned.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        let top: Vec<String> = v.iter().take(40).map(|(f, n)| format!("{f}:{n}")).collect();
        eprintln!(
            "gold words without a matching dateline token: {}",
            top.join(" ")
        );
    }
    println!(
        "{}",
        raw.report("EWT dev, RAW text (dateline_text::prepare + segment per sentence, aligned by char span)")
    );
    println!(
        "speed (tag+lemma+parse incl. scoring, one thread): {:.0} tokens/s wall, {} tokens/s CPU; \
         raw-text annotate only: {:.0} tokens/s wall",
        gold.words as f64 / gold_secs,
        gold_cpu.map_or("?".to_string(), |c| format!(
            "{:.0}",
            gold.words as f64 / c.max(1e-9)
        )),
        system_tokens as f64 / analyse_secs
    );
}

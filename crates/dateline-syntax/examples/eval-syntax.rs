//! Scores the syntax model on UD English EWT dev, from gold tokens and from dateline's own
//! tokenisation of each sentence's raw text (tokens aligned by char span).
//!
//! `cargo run --release -p dateline-syntax --example eval-syntax [-- --model PATH --data DIR --parser neural|perceptron]`
//!
//! The parser is `--parser`, else the perceptron if `--model` (a perceptron model file) or
//! `--prune` is given, else the one `DATELINE_PARSER` names (the neural one by default);
//! `--neural PATH` scores another network file.
//!
//! `SYNTAX_MISALIGNED=1` prints the gold words no dateline token matches; `=context` lists
//! each one, grouped by cause, with the system tokens over it and its context.

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
    let mut neural: Option<PathBuf> = None;
    let mut parser: Option<dateline_syntax::ParserKind> = None;
    let mut data = dateline_core::shared_dir().join("data/ud-english-ewt");
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--model", Some(p)) => model_path = Some(p.into()),
            ("--data", Some(p)) => data = p.into(),
            ("--prune", Some(p)) => prune = p.parse().expect("--prune W"),
            ("--write", Some(p)) => write = Some(PathBuf::from(p)),
            ("--neural", Some(p)) => neural = Some(PathBuf::from(p)),
            ("--parser", Some(p)) => {
                parser = Some(p.parse().expect("--parser perceptron|neural"));
            }
            _ => panic!(
                "usage: eval-syntax [--model PATH] [--data DIR] [--parser perceptron|neural] [--neural PATH] [--prune W] [--write PATH]"
            ),
        }
    }
    // A perceptron model file or pruning means the perceptron, unless --parser says otherwise.
    let embedded_neural = match parser {
        Some(kind) => kind == dateline_syntax::ParserKind::Neural,
        None if model_path.is_some() || prune > 0.0 => false,
        None => {
            dateline_syntax::ParserKind::from_env().expect("DATELINE_PARSER")
                == dateline_syntax::ParserKind::Neural
        }
    };
    let mut model = match &model_path {
        Some(p) => Model::from_bytes(&std::fs::read(p).expect("read model")).expect("load model"),
        None => Model::embedded().expect("load embedded model"),
    };
    if let Some(path) = &neural {
        let bytes = std::fs::read(path).expect("read neural model");
        let network =
            dateline_syntax::neural::Network::from_bytes(&bytes).expect("load neural model");
        model = model.with_network(network);
    } else if embedded_neural {
        model = model.with_network(
            dateline_syntax::neural::Network::embedded().expect("load embedded neural model"),
        );
    }
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
                if w.upos != a.upos
                    && std::env::var("SYNTAX_CONFUSIONS").as_deref() == Ok(w.upos.as_str())
                {
                    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                    eprintln!(
                        "{} -> {}: {}  ||  {}",
                        w.form,
                        a.upos,
                        w.upos,
                        words.join(" ")
                    );
                }
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
    // Headline styles: the same gold tokens in title case and in capitals (lemmas are not
    // scored: the gold lemmas keep the original case).
    for (name, upper) in [("title case", false), ("CAPITALS", true)] {
        let mut styled = Scores::default();
        for s in &dev {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let mut variant = s.clone();
            for (w, f) in variant
                .words
                .iter_mut()
                .zip(dateline_syntax::tagger::case_variant(&forms, upper))
            {
                w.form = f;
            }
            styled.add(s, &analyse_gold_tokens(&model, &variant));
        }
        println!(
            "EWT dev, gold tokens in {name} (headline style)\n  UPOS {:.4}  LAS {:.4}",
            styled.upos_accuracy(),
            styled.las_score()
        );
    }

    let syntax = Syntax::from_model(model);
    let mut raw = Scores::default();
    let mut misaligned: std::collections::HashMap<String, usize> = Default::default();
    let mut misaligned_by_cause: std::collections::BTreeMap<String, Vec<String>> =
        Default::default();
    let mut system_tokens = 0;
    let (mut split_sentences, mut split_words) = (0, 0);
    let mut analyse_secs = 0.0;
    for s in &dev {
        let prepared = dateline_text::prepare(&s.text);
        let mut doc = Document::new(s.id.clone(), Source::text("ewt-dev"), prepared.text.clone());
        dateline_text::segment(&mut doc);
        let t = Instant::now();
        syntax.annotate(&mut doc);
        analyse_secs += t.elapsed().as_secs_f64();
        system_tokens += doc.tokens.len();
        if doc.sentences.len() > 1 {
            split_sentences += 1;
            split_words += s.words.len();
        }
        let words: Vec<SystemWord> = doc
            .tokens
            .iter()
            .map(|t| {
                let (start, end) = prepared.original_span(t.start, t.end);
                SystemWord {
                    start,
                    end,
                    upos: t.upos.map(|u| u.to_string()).unwrap_or_default(),
                    xpos: t.xpos.clone().unwrap_or_default(),
                    lemma: t.lemma.clone().unwrap_or_default(),
                    head: t.head,
                    deprel: t.deprel.map(|d| d.to_string()).unwrap_or_default(),
                }
            })
            .collect();
        if let Ok(mode) = std::env::var("SYNTAX_MISALIGNED") {
            let spans: std::collections::HashSet<(usize, usize)> =
                words.iter().map(|w| (w.start, w.end)).collect();
            for w in &s.words {
                if !spans.contains(&(w.start, w.end)) {
                    *misaligned.entry(w.form.clone()).or_default() += 1;
                    if mode == "context" {
                        let (cause, line) = describe_misalignment(s, w, &words);
                        misaligned_by_cause.entry(cause).or_default().push(line);
                    }
                }
            }
        }
        raw.add(s, &words);
    }
    let mut causes: Vec<_> = misaligned_by_cause.into_iter().collect();
    causes.sort_by_key(|(_, lines)| std::cmp::Reverse(lines.len()));
    for (cause, lines) in causes {
        eprintln!("== {cause}: {}", lines.len());
        for line in lines {
            eprintln!("  {line}");
        }
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
        "  gold sentences that dateline splits into several: {split_sentences} of {} ({split_words} words)",
        dev.len()
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

/// Why gold word `w` matches no system token, as a cause key ("split inside '-'", "merged
/// across '.'", …) and a line showing the word, the overlapping system tokens and context.
/// Printed by `SYNTAX_MISALIGNED=context`.
fn describe_misalignment(
    sentence: &conllu::TreebankSentence,
    w: &conllu::Word,
    system: &[SystemWord],
) -> (String, String) {
    let chars: Vec<char> = sentence.text.chars().collect();
    let slice = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect()
    };
    let overlapping: Vec<&SystemWord> = system
        .iter()
        .filter(|t| t.start < w.end && w.start < t.end)
        .collect();
    let inside = overlapping
        .iter()
        .all(|t| t.start >= w.start && t.end <= w.end);
    let covering = overlapping
        .iter()
        .any(|t| t.start <= w.start && t.end >= w.end);
    let form: Vec<char> = slice(w.start, w.end).chars().collect();
    let marker = |c: &char| !c.is_alphanumeric();
    let cause = if form.iter().collect::<String>() != w.form {
        "multi-word token not spelled out".to_string()
    } else if inside && overlapping.len() > 1 {
        let seps: String = form.iter().filter(|c| marker(c)).take(3).collect();
        format!("split inside {seps:?}")
    } else if covering {
        let t = overlapping[0];
        // Letters and digits read as "a", so "its" and "cats" share a group.
        let class = |c: char| if c.is_alphanumeric() { 'a' } else { c };
        let mut around = String::new();
        if t.start < w.start {
            around.push(class(chars[w.start - 1]));
        }
        around.push('|');
        if t.end > w.end {
            around.push(class(chars[w.end]));
        }
        let kind = if w.form.chars().all(|c| c.is_alphanumeric()) {
            "word"
        } else {
            "symbol"
        };
        format!("{kind} merged across {around:?}")
    } else {
        "crossing boundaries".to_string()
    };
    let tokens: Vec<String> = overlapping.iter().map(|t| slice(t.start, t.end)).collect();
    let line = format!(
        "{:<14} system [{}]  …{}⟦{}⟧{}…",
        w.form,
        tokens.join(" "),
        slice(w.start.saturating_sub(30), w.start),
        slice(w.start, w.end),
        slice(w.end, w.end + 30)
    );
    (cause, line)
}

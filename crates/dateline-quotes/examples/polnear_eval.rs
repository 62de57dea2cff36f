//! Evaluates the quote stage on PolNeAR (brat standoff: Source, Cue and Content spans linked
//! by Attribution events). Runs dateline's stages on each article's raw text (so offsets
//! stay those of the gold files): segment → syntax → entities → quotes.
//!
//! ```text
//! cargo run -p dateline-quotes --release --example polnear_eval -- [--split dev|train]
//!     [--limit N] [--errors] [--shared DIR]
//! ```
//!
//! Prints:
//! - precision: a dateline quote counts when ≥ 50% of its length lies in one gold Content;
//! - quoted-content recall: gold Contents containing quotation marks matched by a quote
//!   (same criterion);
//! - speaker accuracy over matched quotes whose gold attribution has a Source: the speaker
//!   entity has a mention overlapping the gold Source, or its name or the quote's
//!   speaker_text appears in the Source text (whole words);
//! - recall over all gold attributions;
//! - quote-stage time per article against the stages before it.

use dateline_core::{Document, Quote, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
struct Gold {
    content: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
    source_text: String,
    content_text: String,
}

fn parse_segments(s: &str) -> Vec<(usize, usize)> {
    s.split(';')
        .filter_map(|seg| {
            let mut it = seg.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            Some((a, b))
        })
        .collect()
}

/// A brat text-bound annotation: type, char segments, covered text.
type TextBound = (String, Vec<(usize, usize)>, String);

fn parse_ann(ann: &str) -> Vec<Gold> {
    let mut spans: HashMap<String, TextBound> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        if cols[0].starts_with('T') {
            let (kind, segs) = cols[1].split_once(' ').unwrap_or((cols[1], ""));
            let text = cols.get(2).copied().unwrap_or("").to_string();
            spans.insert(
                cols[0].to_string(),
                (kind.to_string(), parse_segments(segs), text),
            );
        } else if cols[0].starts_with('E') {
            events.push(cols[1].to_string());
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut g = Gold::default();
        for arg in e.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let Some((_, segs, text)) = spans.get(id) else {
                continue;
            };
            match role.trim_end_matches(char::is_numeric) {
                "Content" => {
                    g.content.extend(segs);
                    g.content_text.push_str(text);
                }
                "Source" => {
                    g.source.extend(segs);
                    g.source_text.push_str(text);
                    g.source_text.push(' ');
                }
                _ => {}
            }
        }
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    out
}

fn overlap(a: (usize, usize), segs: &[(usize, usize)]) -> usize {
    segs.iter()
        .map(|&(s, e)| e.min(a.1).saturating_sub(s.max(a.0)))
        .sum()
}

fn has_quote_marks(s: &str) -> bool {
    s.contains(['“', '”', '"', '‘'])
}

/// `needle` occurs in `hay` as whole words (case-insensitive).
fn contains_words(hay: &str, needle: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (h, n) = (norm(hay), norm(needle));
    !n.is_empty() && h.windows(n.len()).any(|w| w == n.as_slice())
}

fn speaker_correct(doc: &Document, q: &Quote, g: &Gold) -> bool {
    if let Some(id) = &q.speaker {
        if let Some(e) = doc.entities.iter().find(|e| &e.id == id) {
            if e.mentions
                .iter()
                .any(|m| overlap((m.start, m.end), &g.source) > 0)
            {
                return true;
            }
            if contains_words(&g.source_text, &e.name)
                || e.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|last| contains_words(&g.source_text, last))
            {
                return true;
            }
        }
    }
    q.speaker_text
        .as_deref()
        .is_some_and(|t| contains_words(&g.source_text, t))
}

fn main() {
    let mut split = "dev".to_string();
    let mut limit = usize::MAX;
    let mut errors = false;
    let mut shared: PathBuf = dateline_core::shared_dir();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = args.next().expect("--split NAME"),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).expect("--limit N"),
            "--errors" => errors = true,
            "--shared" => shared = args.next().expect("--shared DIR").into(),
            other => panic!("unknown argument {other}"),
        }
    }
    let dir = shared.join("data/polnear").join(&split);
    let ann_dir = dir.join("attributions");
    let Ok(entries) = std::fs::read_dir(&ann_dir) else {
        eprintln!(
            "PolNeAR not found at {} (set DATELINE_SHARED)",
            ann_dir.display()
        );
        std::process::exit(2);
    };
    let mut anns: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    anns.sort();
    // One annotation per article: the first annotator's.
    let mut seen = std::collections::HashSet::new();
    anns.retain(|p| seen.insert(article_name(p)));
    anns.truncate(limit);

    // A stage that fails to load (e.g. a model being retrained) is skipped with a warning:
    // the quote stage works on whatever layers exist.
    let syntax = dateline_syntax::Syntax::load()
        .map_err(|e| eprintln!("warning: syntax stage skipped: {e}"))
        .ok();
    let entities = dateline_entities::EntityRecognizer::load()
        .map_err(|e| eprintln!("warning: entities stage skipped: {e}"))
        .ok();
    let quotes = dateline_quotes::QuoteExtractor::load().expect("quotes");

    let (mut n_pred, mut n_pred_ok) = (0usize, 0usize);
    let (mut n_qgold, mut n_qgold_hit) = (0usize, 0usize);
    let (mut n_gold, mut n_gold_hit) = (0usize, 0usize);
    let (mut n_spk, mut n_spk_ok) = (0usize, 0usize);
    let mut by_kind: HashMap<String, (usize, usize)> = HashMap::new();
    let (mut t_rest, mut t_quotes) = (Duration::ZERO, Duration::ZERO);
    let mut articles = 0;
    for ann_path in &anns {
        let name = article_name(ann_path);
        let Ok(text) = std::fs::read_to_string(dir.join("text").join(format!("{name}.txt"))) else {
            continue;
        };
        let Ok(ann) = std::fs::read_to_string(ann_path) else {
            continue;
        };
        articles += 1;
        let gold = parse_ann(&ann);
        let t0 = Instant::now();
        let mut doc = Document::new(name.clone(), Source::text(&name), text);
        dateline_text::segment(&mut doc);
        if let Some(syntax) = &syntax {
            syntax.annotate(&mut doc);
        }
        if let Some(entities) = &entities {
            entities.annotate(&mut doc);
        }
        let t1 = Instant::now();
        quotes.annotate(&mut doc);
        t_quotes += t1.elapsed();
        t_rest += t1 - t0;

        let mut gold_hit = vec![false; gold.len()];
        for q in &doc.quotes {
            n_pred += 1;
            let len = q.end.saturating_sub(q.start).max(1);
            let best = gold
                .iter()
                .enumerate()
                .map(|(i, g)| (overlap((q.start, q.end), &g.content), i))
                .max();
            let kind = format!("{:?}", q.kind).to_lowercase();
            let entry = by_kind.entry(kind).or_default();
            entry.0 += 1;
            match best {
                Some((ov, i)) if ov * 2 >= len => {
                    n_pred_ok += 1;
                    entry.1 += 1;
                    gold_hit[i] = true;
                    let g = &gold[i];
                    if !g.source.is_empty() {
                        n_spk += 1;
                        if speaker_correct(&doc, q, g) {
                            n_spk_ok += 1;
                        } else if errors {
                            println!(
                                "SPEAKER {name}: {:?} cue={:?} spk={:?} gold={:?} :: {} ## {}",
                                q.kind,
                                q.cue,
                                q.speaker_text,
                                g.source_text.trim(),
                                short(&q.text),
                                short(&context(&doc, q))
                            );
                        }
                    }
                }
                _ => {
                    if errors {
                        println!(
                            "FP {name}: {:?} cue={:?} spk={:?} :: {} ## {}",
                            q.kind,
                            q.cue,
                            q.speaker_text,
                            short(&q.text),
                            short(&context(&doc, q))
                        );
                    }
                }
            }
        }
        for (g, hit) in gold.iter().zip(&gold_hit) {
            n_gold += 1;
            n_gold_hit += *hit as usize;
            if has_quote_marks(&g.content_text) {
                n_qgold += 1;
                n_qgold_hit += *hit as usize;
                if !hit && errors {
                    println!(
                        "MISS {name}: src={:?} :: {}",
                        g.source_text.trim(),
                        short(&g.content_text)
                    );
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!("PolNeAR {split}: {articles} articles, {n_gold} gold attributions, {n_pred} dateline quotes");
    println!(
        "precision (>=50% of quote inside a gold Content): {:.3} ({n_pred_ok}/{n_pred})  [bar 0.85]",
        ratio(n_pred_ok, n_pred)
    );
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort();
    for (k, (n, ok)) in kinds {
        println!("  {k:<8} {:.3} ({ok}/{n})", ratio(ok, n));
    }
    println!(
        "recall of gold Contents with quotation marks: {:.3} ({n_qgold_hit}/{n_qgold})  [bar 0.90]",
        ratio(n_qgold_hit, n_qgold)
    );
    println!(
        "speaker accuracy over matched quotes with a gold Source: {:.3} ({n_spk_ok}/{n_spk})  [bar 0.85]",
        ratio(n_spk_ok, n_spk)
    );
    println!(
        "recall over all gold attributions: {:.3} ({n_gold_hit}/{n_gold})",
        ratio(n_gold_hit, n_gold)
    );
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / articles.max(1) as f64;
    println!(
        "time per article: quote stage {:.3} ms, stages before it (segment+syntax+entities) {:.3} ms; quotes add {:.1}%",
        per(t_quotes),
        per(t_rest),
        100.0 * ratio(t_quotes.as_nanos() as usize, t_rest.as_nanos() as usize)
    );
}

fn article_name(p: &Path) -> String {
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.rsplit_once('_') {
        Some((name, annotator)) if annotator.len() == 4 => name.to_string(),
        _ => stem.to_string(),
    }
}

fn context(doc: &Document, q: &Quote) -> String {
    let a = q.start.saturating_sub(120);
    let b = q.end + 80;
    doc.slice(a, b).to_string()
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(240).collect();
    s.replace('\n', " ")
}

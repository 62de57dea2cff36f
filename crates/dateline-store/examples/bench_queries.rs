//! Query latency on a store: p50/p99 per query kind, with parameters drawn from the store
//! itself (its most mentioned people, organisations and places; common news words).
//!
//!   cargo run --release -p dateline-store --example bench_queries -- corpus.db [ROUNDS]

use dateline_store::{EventFilter, QuoteFilter, Store};
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("usage: bench_queries STORE.db [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let store = match Store::open_existing(&db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let people: Vec<String> = store
        .entities(None, Some("PERSON"), 20, 0)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    let actors: Vec<String> = store
        .entities(None, None, 20, 0)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    let words = [
        "government",
        "minister",
        "election",
        "market",
        "film",
        "match",
        "police",
        "talks",
        "deal",
        "court",
    ];
    let types = [
        "CONSULT",
        "ACCUSE",
        "AGREE",
        "SUPPORT",
        "REQUEST",
        "SANCTION",
        "COOPERATE",
        "REJECT",
    ];
    let stats = store.stats().unwrap();
    println!(
        "store {db}: {} documents, {} corpus entities, {} corpus events, {} quotes; {rounds} rounds per parameter",
        stats.documents, stats.corpus_entities, stats.corpus_events, stats.quotes
    );
    type Query<'a> = Box<dyn Fn(usize) -> usize + 'a>;
    let kinds: Vec<(&str, Query)> = vec![
        (
            "query --actor NAME",
            Box::new(|i| {
                let f = EventFilter {
                    actor: Some(actors[i % actors.len().max(1)].clone()),
                    ..Default::default()
                };
                store.events(&f).map(|v| v.len()).unwrap_or(0)
            }),
        ),
        (
            "query --type T --from --to",
            Box::new(|i| {
                let f = EventFilter {
                    kind: Some(types[i % types.len()].into()),
                    from: Some("2004-01-01".into()),
                    to: Some("2005-12-31".into()),
                    limit: Some(100),
                    ..Default::default()
                };
                store.events(&f).map(|v| v.len()).unwrap_or(0)
            }),
        ),
        (
            "query --text WORDS",
            Box::new(|i| {
                let f = EventFilter {
                    text: Some(words[i % words.len()].into()),
                    limit: Some(100),
                    ..Default::default()
                };
                store.events(&f).map(|v| v.len()).unwrap_or(0)
            }),
        ),
        (
            "timeline ACTOR (entity page)",
            Box::new(|i| {
                let ids = store
                    .find_entities(&people[i % people.len().max(1)])
                    .unwrap_or_default();
                ids.first()
                    .and_then(|id| store.entity(*id).ok().flatten())
                    .map(|e| e.events.len())
                    .unwrap_or(0)
            }),
        ),
        (
            "quotes --speaker NAME --about TEXT",
            Box::new(|i| {
                let f = QuoteFilter {
                    speaker: Some(people[i % people.len().max(1)].clone()),
                    about: Some(words[i % words.len()].into()),
                    ..Default::default()
                };
                store.quotes(&f).map(|v| v.len()).unwrap_or(0)
            }),
        ),
        (
            "search WORDS (all layers)",
            Box::new(|i| {
                store
                    .search(words[i % words.len()], 20)
                    .map(|r| r.documents.len() + r.events.len() + r.quotes.len() + r.entities.len())
                    .unwrap_or(0)
            }),
        ),
    ];
    println!(
        "{:<36} {:>10} {:>10} {:>10} {:>12}",
        "query kind", "p50 ms", "p99 ms", "max ms", "rows (mean)"
    );
    for (name, run) in &kinds {
        let mut times = Vec::new();
        let mut rows = 0usize;
        for round in 0..rounds {
            for i in 0..10 {
                let t = Instant::now();
                rows += run(round * 10 + i);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name:<36} {:>10.3} {:>10.3} {:>10.3} {:>12.1}",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or(f64::NAN),
            rows as f64 / times.len() as f64
        );
    }
}

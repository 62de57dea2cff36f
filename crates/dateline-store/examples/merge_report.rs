//! How cross-article merging went on a store: counts, and sample merged events with every
//! report (article, date, status, trigger, sentence) for a person to judge.
//!
//!   cargo run --release -p dateline-store --example merge_report -- corpus.db [SAMPLES]

use dateline_store::{EventFilter, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("usage: merge_report STORE.db [SAMPLES]");
        std::process::exit(2);
    };
    let samples: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let store = match Store::open_existing(&db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let stats = store.stats().unwrap();
    println!(
        "{} documents; {} entity mentions-sets resolved to {} corpus entities; {} event reports → {} corpus events",
        stats.documents, stats.entities, stats.corpus_entities, stats.events, stats.corpus_events
    );
    let events = store.events(&EventFilter::default()).unwrap();
    let merged: Vec<_> = events.iter().filter(|e| e.sources > 1).collect();
    let cross: Vec<_> = merged.iter().filter(|e| e.documents > 1).collect();
    println!(
        "{} corpus events merge several reports ({} reports folded in); {} of them across articles",
        merged.len(),
        stats.merged_reports,
        cross.len()
    );
    // Prefer cross-article merges, spread over the corpus.
    let pool: Vec<_> = if cross.is_empty() {
        merged.clone()
    } else {
        cross.into_iter().copied().collect()
    };
    let step = (pool.len() / samples.max(1)).max(1);
    for e in pool.iter().step_by(step).take(samples) {
        let detail = store.event(e.id).unwrap().unwrap();
        println!(
            "\n#{} {} [{}] time {} · first reported {} · {} reports in {} articles",
            e.id,
            e.label,
            e.status,
            e.time.as_deref().unwrap_or("?"),
            e.first_reported.as_deref().unwrap_or("?"),
            e.sources,
            e.documents
        );
        for r in &detail.reports {
            let sentence: String = r.sentence.chars().take(160).collect();
            println!(
                "   {} {} [{}] “{}” time {}: {}",
                r.document,
                r.published.as_deref().unwrap_or("(undated)"),
                r.status,
                r.trigger.text,
                r.time_value.as_deref().unwrap_or("-"),
                sentence.replace('\n', " ")
            );
        }
    }
}

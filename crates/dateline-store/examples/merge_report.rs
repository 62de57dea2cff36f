//! How cross-article merging went on a store: counts, and sample merged events with every
//! report (article, date, status, trigger, sentence) for a person to judge.
//!
//!   cargo run --release -p dateline-store --example merge_report -- corpus.db [SAMPLES]

use dateline_store::{EventDetail, EventFilter, Store};
use std::collections::BTreeSet;

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
    let details: Vec<_> = merged
        .iter()
        .map(|e| store.event(e.id).unwrap().unwrap())
        .collect();
    let cross: Vec<_> = details.iter().filter(|d| d.event.documents > 1).collect();
    // A merge whose reports all carry (nearly) the same sentence comes from copies of one
    // article (the BBC set holds many near-duplicates): correct, but it says little about the
    // rule. Nearly: at least 80% of the words in common.
    let same_sentence = |d: &&&EventDetail| {
        let words = |s: &str| -> BTreeSet<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let first = words(&d.reports[0].sentence);
        d.reports.iter().all(|r| {
            let other = words(&r.sentence);
            let shared = first.intersection(&other).count();
            let union = first.union(&other).count().max(1);
            shared * 5 >= union * 4
        })
    };
    let (copies, reworded): (Vec<&&EventDetail>, Vec<&&EventDetail>) =
        cross.iter().partition(same_sentence);
    println!(
        "{} corpus events merge several reports ({} reports folded in); {} of them across articles: \
         {} from copies of one article (nearly the same sentence), {} from differently worded reports",
        merged.len(),
        stats.merged_reports,
        cross.len(),
        copies.len(),
        reworded.len()
    );
    // Show the differently worded merges first (they test the rule), spread over the corpus.
    let pool: Vec<&EventDetail> = if reworded.len() >= samples {
        reworded.iter().map(|d| **d).collect()
    } else {
        reworded.iter().chain(copies.iter()).map(|d| **d).collect()
    };
    let step = (pool.len() / samples.max(1)).max(1);
    for detail in pool.iter().step_by(step).take(samples) {
        let e = &detail.event;
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
            let sentence: String = r.sentence.chars().take(200).collect();
            println!(
                "   [{}] {} {} [{}] “{}” time {}: {}",
                r.title.as_deref().unwrap_or(&r.document),
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

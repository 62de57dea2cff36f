//! Crash safety: a process ingesting many articles is killed with SIGKILL mid-way; the store
//! must open, pass SQLite's integrity check, hold every article whole or not at all, and a
//! second run must complete the ingest.
//!
//! The test re-runs its own test binary as the child process (the `durability_child` test,
//! which does nothing unless `DATELINE_DURABILITY_CHILD` names a store).

mod common;

use common::DocBuilder;
use dateline_core::{Document, EntityType, EventStatus};
use dateline_store::{EventFilter, Store};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const ARTICLES: usize = 200;

const PEOPLE: &[&str] = &[
    "Keir Starmer",
    "Donald Trump",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Volodymyr Zelensky",
    "Mark Rutte",
    "Marco Rubio",
    "Keith Kellogg",
];

/// Article `i`: a few sentences, each a meeting between two people with a date, plus a quote.
fn article(i: usize) -> Document {
    let mut text = format!("Report number {i}\n");
    let mut lines = Vec::new();
    for s in 0..12 {
        let a = PEOPLE[(i + s) % PEOPLE.len()];
        let b = PEOPLE[(i + s + 1 + s % 3) % PEOPLE.len()];
        let day = 1 + (i + s) % 28;
        lines.push((
            a,
            b,
            day,
            format!("{a} met {b} on day {day} of story {i} part {s}."),
        ));
    }
    for (_, _, _, l) in &lines {
        text.push_str(l);
        text.push('\n');
    }
    text.push_str(&format!(
        "\u{201c}We talked about item {i}\u{201d}, {} said.",
        PEOPLE[i % PEOPLE.len()]
    ));
    let published = format!("2025-03-{:02}", 1 + i % 28);
    let mut b = DocBuilder::new(
        &format!("doc{i:04}"),
        Some(&format!("https://news.example/{i}")),
        Some(&published),
        &text,
    );
    for (k, name) in PEOPLE.iter().enumerate() {
        if text.contains(name) {
            b = b.entity(&format!("E{k}"), name, EntityType::Person, &[name]);
        }
    }
    for (s, (a, bb, day, line)) in lines.iter().enumerate() {
        let ka = PEOPLE.iter().position(|p| p == a).unwrap();
        let kb = PEOPLE.iter().position(|p| p == bb).unwrap();
        let day_text = format!("on day {day} of story {i} part {s}");
        assert!(line.contains(&day_text));
        b = b.time(&format!("T{s}"), &day_text, &format!("2025-02-{day:02}"));
        let trigger_sentence = format!("met {bb} on day {day} of story {i} part {s}");
        b = b.event(
            &format!("V{s}"),
            "CONSULT",
            EventStatus::Occurred,
            &trigger_sentence,
            &[(&format!("E{ka}"), "source"), (&format!("E{kb}"), "target")],
            Some(&format!("T{s}")),
            &[],
        );
    }
    b = b.quote(
        "Q1",
        &format!("We talked about item {i}"),
        Some(&format!("E{}", i % PEOPLE.len())),
    );
    b.build()
}

fn ingest_all(path: &std::path::Path, announce: bool) {
    let mut store = Store::open(path).unwrap();
    for i in 0..ARTICLES {
        store.ingest(&article(i), None).unwrap();
        if announce {
            println!("committed {i}");
        }
    }
}

#[test]
fn durability_child() {
    if let Ok(path) = std::env::var("DATELINE_DURABILITY_CHILD") {
        ingest_all(std::path::Path::new(&path), true);
    }
}

#[test]
fn kill_during_ingest_leaves_whole_articles_and_rerun_completes() {
    let dir = std::env::temp_dir().join(format!("dateline-durability-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "durability_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DATELINE_DURABILITY_CHILD", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut committed = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            committed = n.trim().parse::<usize>().unwrap() + 1;
            if committed >= 40 {
                break;
            }
        }
    }
    // SIGKILL: no destructors, no rollback, no checkpoint.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(committed >= 40, "the child stopped early");

    let store = Store::open_existing(&path).unwrap();
    store.integrity_check().unwrap();
    let stats = store.stats().unwrap();
    assert!(
        stats.documents >= committed as i64 && stats.documents < ARTICLES as i64,
        "{} documents after {committed} commits",
        stats.documents
    );
    assert_eq!(store.incomplete_documents().unwrap(), Vec::<String>::new());
    let reports: i64 = store
        .events(&EventFilter::default())
        .unwrap()
        .iter()
        .map(|e| e.sources)
        .sum();
    assert_eq!(
        reports, stats.events,
        "every report belongs to exactly one corpus event"
    );
    drop(store);

    ingest_all(&path, false);
    let store = Store::open_existing(&path).unwrap();
    store.integrity_check().unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, ARTICLES as i64);
    assert_eq!(stats.events, 12 * ARTICLES as i64);
    assert_eq!(
        stats.corpus_entities,
        PEOPLE.len() as i64,
        "people resolved across articles"
    );
    assert!(store.incomplete_documents().unwrap().is_empty());
    drop(store);
    std::fs::remove_dir_all(&dir).unwrap();
}

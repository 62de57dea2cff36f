//! `dateline extract` and `dateline ingest` read their inputs through the same batch driver:
//! the same folder gives the same counts (README left out, non-English article and
//! duplicate skipped), and `ingest` takes a directory.

mod common;

use common::*;
use std::path::{Path, PathBuf};

const ENGLISH: &str = "Ukraine's president met the US envoy in Kyiv on Thursday, a day after talks in Munich ended without agreement, officials said.\n\nEuropean leaders will meet in Paris next week to discuss security guarantees for Ukraine, the French government announced.\n";
const GERMAN: &str = "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu erhöhen, was bei der Opposition und den Wirtschaftsverbänden auf scharfe Kritik stieß. Die Minister verteidigten den Plan.\n";

fn tmpdir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("dateline-batch-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The number just before `what` in a summary line.
fn count(summary: &str, what: &str) -> Option<usize> {
    let at = summary.find(what)?;
    summary[..at].split_whitespace().last()?.parse().ok()
}

/// The counts both commands print: not English, duplicates, files left out, failed.
fn batch_counts(summary: &str) -> [Option<usize>; 4] {
    [
        count(summary, "skipped as not English"),
        count(summary, "duplicate(s)"),
        count(summary, "file(s) skipped"),
        count(summary, "failed"),
    ]
}

#[test]
fn extract_and_ingest_count_a_folder_the_same_way() {
    let dir = tmpdir("same-counts");
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("a.txt"), ENGLISH).unwrap();
    std::fs::write(articles.join("b.txt"), ENGLISH).unwrap();
    std::fs::write(articles.join("c.txt"), GERMAN).unwrap();
    std::fs::write(
        articles.join("README.TXT"),
        "How these articles were collected.\n",
    )
    .unwrap();

    let extracted = dateline(&["extract", path_str(&articles), "--format", "jsonl"], None);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    assert_eq!(jsonl_documents(&extracted).len(), 1);
    let extract_summary = stderr(&extracted);
    assert!(
        extract_summary.contains("1 article(s) extracted"),
        "{extract_summary}"
    );

    let db = dir.join("news.db");
    let ingested = dateline(
        &[
            "ingest",
            path_str(&articles),
            "--db",
            path_str(&db),
            "--quiet",
        ],
        None,
    );
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    let ingest_summary = stderr(&ingested);
    assert!(ingest_summary.contains("1 new"), "{ingest_summary}");
    assert!(ingest_summary.contains("1 documents"), "{ingest_summary}");

    let expected = [Some(1), Some(1), Some(1), Some(0)];
    assert_eq!(
        batch_counts(&extract_summary),
        expected,
        "{extract_summary}"
    );
    assert_eq!(batch_counts(&ingest_summary), expected, "{ingest_summary}");

    // A glob is not a directory walk: the README it matches is read like any file (the
    // articles are stored already, or duplicates, or not English).
    let pattern = format!("{}/*.TXT", path_str(&articles));
    let again = dateline(
        &["ingest", &pattern, "--db", path_str(&db), "--quiet"],
        None,
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("1 new"), "{}", stderr(&again));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_that_stores_nothing_leaves_no_store() {
    let dir = tmpdir("no-store");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let db = dir.join("news.db");
    let out = dateline(&["ingest", path_str(&empty), "--db", path_str(&db)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("was not created"), "{}", stderr(&out));
    let missing = dir.join("missing.txt");
    let out = dateline(&["ingest", path_str(&missing), "--db", path_str(&db)], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["empty"], "no news.db, -wal or -shm left");
    std::fs::remove_dir_all(&dir).unwrap();
}

//! End-to-end tests of the Parquet tables: `dateline export --format parquet` then
//! `dateline ingest --parquet` gives a store with the same counts, idempotently; a binary
//! built without the `parquet` feature says how to get it.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dateline-parquet-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

#[cfg(feature = "parquet")]
/// The store summary line `dateline ingest` prints last, without the file name and size.
fn store_counts(out: &std::process::Output) -> String {
    let err = stderr(out);
    assert!(out.status.success(), "{err}");
    let line = err
        .lines()
        .rfind(|l| l.starts_with("dateline: store "))
        .unwrap_or_else(|| panic!("no store summary in {err}"));
    line.split_once("MB): ")
        .map(|(_, counts)| counts.to_string())
        .unwrap_or_else(|| panic!("unexpected summary {line}"))
}

const ARTICLE_1: &str = "Prime Minister Keir Starmer will meet President Donald Trump at the White House on Thursday, Downing Street said.\n\n\"We will talk about Ukraine,\" Mr Starmer told reporters in London.\n";
#[cfg(feature = "parquet")]
const ARTICLE_2: &str = "Sir Keir Starmer met Donald Trump in Washington on Thursday. The two leaders discussed security guarantees for Ukraine.\n\nFrance's president Emmanuel Macron criticised the plan on Friday.\n";

#[cfg(feature = "parquet")]
#[test]
fn export_then_import_gives_the_same_store_and_is_idempotent() {
    let dir = tmpdir("roundtrip");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, ARTICLE_1).unwrap();
    std::fs::write(&b, ARTICLE_2).unwrap();
    let db = dir.join("corpus.db");
    let first = dateline(
        &[
            "ingest",
            path_str(&a),
            path_str(&b),
            "--db",
            path_str(&db),
            "--published",
            "2025-02-20",
            "--quiet",
        ],
        None,
    );
    let want = store_counts(&first);
    assert!(want.starts_with("2 documents"), "{want}");

    let tables = dir.join("tables");
    let export = dateline(
        &[
            "export",
            "--db",
            path_str(&db),
            "--format",
            "parquet",
            "--out",
            path_str(&tables),
        ],
        None,
    );
    assert!(export.status.success(), "{}", stderr(&export));
    for table in [
        "documents",
        "entities",
        "quotes",
        "events",
        "corpus_entities",
        "corpus_events",
    ] {
        let file = tables.join(format!("{table}.parquet"));
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    }

    let copy = dir.join("copy.db");
    let args = [
        "ingest",
        "--parquet",
        path_str(&tables),
        "--db",
        path_str(&copy),
    ];
    let imported = dateline(&args, None);
    assert_eq!(store_counts(&imported), want);
    assert!(stderr(&imported).contains("2 new"), "{}", stderr(&imported));
    let again = dateline(&args, None);
    assert_eq!(store_counts(&again), want);
    assert!(stderr(&again).contains("2 unchanged"), "{}", stderr(&again));

    // The imported corpus answers queries as the original does.
    let query = |db: &Path| {
        let out = dateline(&["query", "--db", path_str(db), "--format", "jsonl"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(query(&copy), query(&db));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "parquet")]
#[test]
fn a_folder_without_tables_is_a_clear_error() {
    let dir = tmpdir("missing");
    let db = dir.join("corpus.db");
    let out = dateline(
        &[
            "ingest",
            "--parquet",
            path_str(&dir.join("nowhere")),
            "--db",
            path_str(&db),
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no such file or folder"),
        "{}",
        stderr(&out)
    );
    let out = dateline(
        &["ingest", "--parquet", path_str(&dir), "--db", path_str(&db)],
        None,
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no documents table"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(not(feature = "parquet"))]
#[test]
fn without_the_feature_parquet_says_how_to_rebuild() {
    let dir = tmpdir("nofeature");
    let db = dir.join("corpus.db");
    let out = dateline(
        &["ingest", "--parquet", path_str(&dir), "--db", path_str(&db)],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--features parquet"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists(), "no empty store is left behind");

    let a = dir.join("a.txt");
    std::fs::write(&a, ARTICLE_1).unwrap();
    let ingest = dateline(
        &["ingest", path_str(&a), "--db", path_str(&db), "--quiet"],
        None,
    );
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let out = dateline(
        &[
            "export",
            "--db",
            path_str(&db),
            "--format",
            "parquet",
            "--out",
            path_str(&dir.join("tables")),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--features parquet"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parquet_conflicts_with_article_inputs() {
    let dir = tmpdir("conflict");
    let out = dateline(
        &[
            "ingest",
            "a.txt",
            "--parquet",
            path_str(&dir),
            "--db",
            path_str(&dir.join("c.db")),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

//! Opening stores: several threads and processes creating the same new store at once (one
//! creates the schema, the others find it made), and errors that name the path and say
//! what to do.
//!
//! The process test re-runs its own test binary as the children (the `open_child` test,
//! which does nothing unless `DATELINE_OPEN_CHILD` names a store).

mod common;

use dateline_store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("dateline-open-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Opens (creating) the store and ingests one article named after `who`.
fn open_and_ingest(path: &Path, who: &str) -> Result<(), String> {
    let mut store = Store::open(path).map_err(|e| e.to_string())?;
    let mut doc = common::planned_meeting();
    doc.id = format!("doc-{who}");
    doc.source = dateline_core::Source::text(format!("{who}.txt"));
    doc.text.push_str(&format!(" Reported by {who}."));
    store.ingest(&doc, None).map_err(|e| e.to_string())?;
    Ok(())
}

#[test]
fn open_child() {
    if let Ok(path) = std::env::var("DATELINE_OPEN_CHILD") {
        let who = std::env::var("DATELINE_OPEN_WHO").unwrap_or_default();
        if let Err(e) = open_and_ingest(Path::new(&path), &who) {
            eprintln!("CHILD FAILED: {e}");
            std::process::exit(3);
        }
    }
}

#[test]
fn threads_creating_the_same_new_store_all_succeed() {
    let dir = temp_dir("threads");
    for round in 0..10 {
        let path = dir.join(format!("new-{round}.db"));
        let start = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    open_and_ingest(&path, &format!("t{t}"))
                })
            })
            .collect();
        for h in handles {
            h.join()
                .unwrap()
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let store = Store::open_existing(&path).unwrap();
        assert_eq!(store.stats().unwrap().documents, 8, "round {round}");
        store.integrity_check().unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn processes_creating_the_same_new_store_all_succeed() {
    let dir = temp_dir("processes");
    for round in 0..5 {
        let path = dir.join(format!("race-{round}.db"));
        let children: Vec<_> = (0..4)
            .map(|p| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "open_child", "--test-threads=1"])
                    .env("DATELINE_OPEN_CHILD", &path)
                    .env("DATELINE_OPEN_WHO", format!("p{p}"))
                    .output()
                    .unwrap()
            })
            .collect::<Vec<_>>();
        // `output` waits for each child in turn, so spawn all first for a real race.
        drop(children);
        let children: Vec<_> = (0..4)
            .map(|p| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "open_child", "--test-threads=1"])
                    .env("DATELINE_OPEN_CHILD", &path)
                    .env("DATELINE_OPEN_WHO", format!("p{p}"))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let store = Store::open_existing(&path).unwrap();
        store.integrity_check().unwrap();
        assert_eq!(store.stats().unwrap().documents, 4, "round {round}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn open_errors_name_the_path_and_say_what_to_do() {
    let dir = temp_dir("errors");
    // A file that is not SQLite.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    for err in [
        Store::open(&junk).err().unwrap(),
        Store::open_existing(&junk).err().unwrap(),
    ] {
        let message = err.to_string();
        assert!(message.contains(&junk.display().to_string()), "{message}");
        assert!(message.contains("not an SQLite file"), "{message}");
    }
    // A "folder" that is a file: SQLite cannot open the store.
    let inside_a_file = junk.join("store.db");
    let message = Store::open(&inside_a_file).err().unwrap().to_string();
    assert!(
        message.contains(&inside_a_file.display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("unable to open database file"),
        "{message}"
    );
    assert!(message.contains("read and write"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

//! Helpers shared by the end-to-end tests: run the binary, validate documents.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Runs `dateline ARGS…` with `stdin` as standard input.
pub fn dateline(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the dateline binary runs");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Write from a thread so a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    child.wait_with_output().expect("dateline finishes")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text =
            std::fs::read_to_string(repo_root().join("schema/document.schema.json")).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&value).expect("the schema compiles")
    })
}

/// Validates a JSON document against `schema/document.schema.json` and checks that every
/// span's text is the text it points at, then returns it as a typed document.
pub fn valid_document(value: &serde_json::Value) -> dateline_core::Document {
    let errors: Vec<String> = schema()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "document violates the schema: {errors:#?}"
    );
    let doc: dateline_core::Document =
        serde_json::from_value(value.clone()).expect("a schema-valid document deserialises");
    if let Err(problem) = doc.check_spans() {
        panic!("document {} has a bad span: {problem}", doc.id);
    }
    doc
}

/// Parses stdout as one JSON document per line.
pub fn jsonl_documents(out: &Output) -> Vec<dateline_core::Document> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|line| valid_document(&serde_json::from_str(line).expect("each line is JSON")))
        .collect()
}

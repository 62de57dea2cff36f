//! `dateline extract` and `ingest` on inputs past their limits: an over-long JSONL line is
//! skipped and the lines around it still come out, an article over `--max-article-bytes`
//! is cut with a warning naming it, deep HTML nesting is flattened, `--threads` is capped
//! and impossible `--published` dates are refused with the reason.

mod common;

use common::*;

const STORY: &str = "The minister said on Monday that talks with the unions would resume next week in London, and that the government had not changed its position on the pay offer.";

fn tmpdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dateline-limits-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_over_long_jsonl_line_is_skipped_and_the_rest_read() {
    let dir = tmpdir("jsonl");
    let file = dir.join("lines.jsonl");
    let long = "word ".repeat(4000);
    let lines = [
        serde_json::json!({"id": "a", "text": STORY}),
        serde_json::json!({"id": "long", "text": long}),
        serde_json::json!({"id": "b", "text": STORY.replace("Monday", "Friday")}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, text).unwrap();
    let out = dateline(
        &["extract", file.to_str().unwrap(), "--max-line-bytes", "8KB"],
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ids: Vec<_> = jsonl_documents(&out).into_iter().map(|d| d.id).collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(
        err.contains("lines.jsonl:2: the line is") && err.contains("--max-line-bytes"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_long_article_is_cut_with_a_warning_and_deep_nesting_flattened() {
    let dir = tmpdir("cut");
    let story = dir.join("story.txt");
    std::fs::write(
        &story,
        format!("Talks\n\n{}", format!("{STORY}\n").repeat(40)),
    )
    .unwrap();
    let page = dir.join("deep.html");
    let n = 50_000;
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Deep</title></head><body>{}<p>{STORY}</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    )
    .unwrap();
    let out = dateline(
        &[
            "extract",
            story.to_str().unwrap(),
            page.to_str().unwrap(),
            "--max-article-bytes",
            "2KB",
            "--threads",
            "100000",
        ],
        None,
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let docs = jsonl_documents(&out);
    assert_eq!(docs.len(), 2, "{err}");
    assert!(docs[0].text.len() <= 2048);
    assert!(docs[0]
        .warnings
        .iter()
        .any(|w| w.contains("--max-article-bytes")));
    assert!(docs[1].text.contains("talks with the unions"));
    assert!(docs[1].warnings.iter().any(|w| w.contains("50000 deep")));
    assert!(
        err.contains("warning: ") && err.contains("story.txt: the article has"),
        "{err}"
    );
    assert!(err.contains("deep.html: the page nests"), "{err}");
    assert!(err.contains("--threads: 100000 threads asked for"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn impossible_published_dates_are_refused() {
    let out = dateline(
        &["extract", "-", "--published", "2025-02-15T25:61:00+99:00"],
        Some(STORY.as_bytes()),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("hour 25: hours run 00 to 23"), "{err}");
    assert!(err.contains("RFC 3339"), "{err}");
}

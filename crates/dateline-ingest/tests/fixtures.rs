//! Every feed and archive fixture in ../shared/data/feeds-warc reads as expected.
//! Skipped, with a message, when the shared data is absent.

use dateline_ingest::{feed, warc};
use std::path::{Path, PathBuf};

fn fixtures() -> Option<PathBuf> {
    let dir = dateline_core::shared_dir().join("data/feeds-warc");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} is absent (set DATELINE_SHARED)",
            dir.display()
        );
        None
    }
}

fn files_in(dir: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if suffixes.iter().any(|s| p.to_string_lossy().ends_with(s)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every feed-rs fixture with an expected parse (`*.serde.json`, written by feed-rs itself)
/// gives exactly the expected items: same count, and per item the same title, text
/// (content, else summary), date (published, else updated) and link.
#[test]
fn every_feed_fixture_parses_to_the_expected_items() {
    let Some(dir) = fixtures() else { return };
    let expected_files = files_in(&dir.join("feed-rs"), &[".serde.json"]);
    assert!(
        expected_files.len() >= 60,
        "found only {} expected parses",
        expected_files.len()
    );
    let mut checked = 0;
    for expected_path in expected_files {
        let stem = expected_path
            .to_string_lossy()
            .trim_end_matches(".serde.json")
            .to_string();
        let source = [".xml", ".json"]
            .iter()
            .map(|ext| PathBuf::from(format!("{stem}{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no feed beside {}", expected_path.display()));
        // The fixtures come from a newer feed-rs than the crate release, so they are read as
        // plain JSON rather than into feed-rs's model.
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let entries = expected["entries"].as_array().unwrap();
        let name = source.to_string_lossy().into_owned();
        let got = feed::read_feed(&std::fs::read(&source).unwrap(), &name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.len(), entries.len(), "{name}: item count");
        for (g, w) in got.iter().zip(entries) {
            let title = w["title"]["content"]
                .as_str()
                .map(|t| dateline_ingest::html::fragment_text(t).replace('\n', " "));
            assert_eq!(g.title, title.filter(|t| !t.is_empty()), "{name}: title");
            let text = w["content"]["body"]
                .as_str()
                .filter(|b| !b.trim().is_empty())
                .or(w["summary"]["content"]
                    .as_str()
                    .filter(|b| !b.trim().is_empty()))
                .map(dateline_ingest::html::fragment_text)
                .unwrap_or_default();
            assert_eq!(g.body, text, "{name}: body");
            let date = w["published"].as_str().or(w["updated"].as_str()).map(|d| {
                chrono::DateTime::parse_from_rfc3339(d)
                    .unwrap()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
            assert_eq!(g.published, date, "{name}: published");
            let links = w["links"].as_array().unwrap();
            let link = links
                .iter()
                .find(|l| l["rel"].is_null() || l["rel"] == "alternate")
                .or(links.first())
                .and_then(|l| l["href"].as_str());
            assert_eq!(
                g.source.as_ref().unwrap().url.as_deref(),
                link,
                "{name}: link"
            );
            // Items without any id or link have a random id in the expected parse; ours have none.
            if let Some(id) = &g.id {
                assert_eq!(Some(id.as_str()), w["id"].as_str(), "{name}: id");
            }
        }
        checked += 1;
    }
    eprintln!("{checked} feed fixtures match their expected parses");
}

/// The real-world BBC feed: items with text, dates and links.
#[test]
fn bbc_feed_items_have_text_dates_and_links() {
    let Some(dir) = fixtures() else { return };
    let path = dir.join("feed-rs/feed-rs/fixture/rss2/rss_2.0_bbc.xml");
    let articles = dateline_ingest::read_input(&path.to_string_lossy())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(!articles.is_empty());
    for a in &articles {
        assert!(a.title.is_some());
        assert!(!a.body.is_empty());
        assert!(a.published.is_some());
        let src = a.source.as_ref().unwrap();
        assert_eq!(src.format, dateline_core::SourceFormat::Rss);
        assert!(src.url.as_deref().unwrap().starts_with("http"));
    }
}

/// The trafilatura feed fixtures (Atom, RSS, JSON Feed) are read by content through `read_input`.
#[test]
fn trafilatura_feeds_read_through_read_input() {
    let Some(dir) = fixtures() else { return };
    let res = dir.join("trafilatura/tests/resources");
    for (file, format) in [
        ("feed1.atom", dateline_core::SourceFormat::Atom),
        ("feed2.rss", dateline_core::SourceFormat::Rss),
        ("feed.json", dateline_core::SourceFormat::Json),
    ] {
        let path = res.join(file);
        let articles: Vec<_> = dateline_ingest::read_input(&path.to_string_lossy()).collect();
        assert!(!articles.is_empty(), "{file}");
        for a in articles {
            let a = a.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(a.source.unwrap().format, format, "{file}");
        }
    }
}

/// Records in each valid warcio fixture, counted independently (`WARC/1.` lines; ARC
/// records besides the `filedesc` header).
const VALID_ARCHIVES: &[(&str, usize)] = &[
    ("example.warc", 6),
    ("example.warc.gz", 6),
    ("example-digest.warc", 4),
    ("example-iana.org-chunked.warc", 3),
    ("example-resource.warc.gz", 3),
    ("example-space-in-target-uri.warc.gz", 2),
    ("example-wget-bad-target-uri.warc.gz", 6),
    ("example-wrong-chunks.warc.gz", 2),
    ("post-test.warc.gz", 6),
    ("example.arc", 1),
    ("example.arc.gz", 1),
    ("example-space-in-url.arc", 1),
    // Gzipped as one member rather than per record: warcio refuses to index these; a
    // streaming reader reads them.
    ("example-bad-non-chunked.warc.gz", 6),
    ("example-bad.warc.gz.bad", 6),
];

#[test]
fn every_valid_archive_yields_its_records() {
    let Some(dir) = fixtures() else { return };
    let data = dir.join("warcio/test/data");
    for (file, want) in VALID_ARCHIVES {
        let path = data.join(file);
        let reader =
            warc::maybe_gunzip(std::io::BufReader::new(std::fs::File::open(&path).unwrap()))
                .unwrap();
        let records: Vec<_> = warc::RecordReader::new(reader, warc::keep_all).collect();
        let errors: Vec<String> = records
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        let count = records
            .iter()
            .filter(|r| r.as_ref().is_ok_and(|r| r.kind != "filedesc"))
            .count();
        assert_eq!(count, *want, "{file}");
        // Every capture of example.com reads as a page with its text and URL.
        let articles: Vec<_> = dateline_ingest::read_input(&path.to_string_lossy()).collect();
        let errors: Vec<String> = articles
            .iter()
            .filter_map(|a| a.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        for a in articles.iter().flatten() {
            let src = a.source.as_ref().unwrap();
            assert_eq!(src.format, dateline_core::SourceFormat::Warc);
            assert!(
                src.url.as_deref().is_some_and(|u| u.contains("://")),
                "{file}"
            );
            assert!(a.published.is_some(), "{file}: the crawl date stands in");
        }
        if file.contains("example.") && !file.contains("resource") {
            assert!(
                articles
                    .iter()
                    .flatten()
                    .any(|a| a.body.contains("illustrative examples")),
                "{file}: no example.com page text"
            );
        }
    }
}

#[test]
fn every_broken_archive_gives_a_clear_error_and_no_panic() {
    let Some(dir) = fixtures() else { return };
    let data = dir.join("warcio/test/data");
    for (file, expect) in [
        ("example-trunc.warc", "expected a WARC record header"),
        ("bad.arc", "invalid ARC record length"),
    ] {
        let path = data.join(file);
        let results: Vec<_> = dateline_ingest::read_input(&path.to_string_lossy()).collect();
        let errors: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(!errors.is_empty(), "{file}: no error");
        assert!(
            errors
                .iter()
                .any(|e| e.contains(expect) && e.contains("record ") && e.contains("(byte ")),
            "{file}: {errors:?}"
        );
    }
    // The records before the truncation are still read.
    let trunc = data.join("example-trunc.warc");
    let reader =
        warc::maybe_gunzip(std::io::BufReader::new(std::fs::File::open(trunc).unwrap())).unwrap();
    let records: Vec<_> = warc::RecordReader::new(reader, warc::keep_all).collect();
    assert!(
        records.iter().filter(|r| r.is_ok()).count() >= 3,
        "{records:?}"
    );
    // ...and so is the request record after the damaged one.
    assert!(records
        .last()
        .unwrap()
        .as_ref()
        .is_ok_and(|r| r.kind == "request"));
}

/// Every file under feeds-warc, whatever it is, reads without a panic.
#[test]
fn no_fixture_panics() {
    let Some(dir) = fixtures() else { return };
    for path in files_in(&dir, &[""]) {
        let _ = dateline_ingest::read_input(&path.to_string_lossy()).count();
    }
}

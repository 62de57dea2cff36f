//! End-to-end tests of `dateline extract` on real-world input kinds: an HTML page, an RSS
//! feed, a gzip WARC, a directory of mixed files, a broken WARC, and batch bookkeeping
//! (non-English articles skipped, duplicates written once).

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dateline-ingest-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn docs(out: &std::process::Output) -> Vec<dateline_core::Document> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| valid_document(&serde_json::from_str(l).expect("one JSON document a line")))
        .collect()
}

const PARA_1: &str = "Ukraine's president met the US envoy in Kyiv on Thursday, a day after talks in Munich ended without agreement, officials said.";
const PARA_2: &str = "European leaders will meet in Paris next week to discuss security guarantees for Ukraine, the French government announced.";

fn news_page(title: &str, date: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>{title} | Example News</title>
<meta property="article:published_time" content="{date}">
<meta name="author" content="Jane Doe"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<article><h1>{title}</h1>
<figure><img src="kyiv.jpg"><figcaption>The envoy in Kyiv. Photo: Example Agency</figcaption></figure>
<p>{PARA_1}</p><p>{PARA_2}</p></article>
<aside class="related"><a href="/x">Read more: another story entirely about something else</a></aside>
<footer>Copyright Example News</footer></body></html>"#
    )
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example</title><link>https://example.com/</link><description>News</description>"#,
    );
    for (title, link, text) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>Sat, 15 Feb 2025 09:30:00 GMT</pubDate><description>Summary only.</description><content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-16T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

/// A gzip member with stored (uncompressed) deflate blocks: valid gzip, no compressor needed.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    let mut crc: u32 = !0;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    out.extend_from_slice(&(!crc).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn html_page_gives_its_article_with_date_and_without_boilerplate() {
    let dir = tmpdir("html");
    let page = dir.join("story.html");
    std::fs::write(
        &page,
        news_page("Envoy meets Zelensky in Kyiv", "2025-02-15T09:30:00Z"),
    )
    .unwrap();
    let out = dateline(&["extract", path_str(&page)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = valid_document(&serde_json::from_slice(&out.stdout).unwrap());
    assert_eq!(doc.title.as_deref(), Some("Envoy meets Zelensky in Kyiv"));
    assert_eq!(doc.published.as_deref(), Some("2025-02-15T09:30:00Z"));
    assert_eq!(doc.published_from, dateline_core::PublishedFrom::Metadata);
    assert_eq!(doc.source.format, dateline_core::SourceFormat::Html);
    assert!(
        doc.text.contains(PARA_1) && doc.text.contains(PARA_2),
        "{}",
        doc.text
    );
    for junk in [
        "World news",
        "Photo: Example Agency",
        "Read more",
        "Copyright",
    ] {
        assert!(!doc.text.contains(junk), "{junk:?} in {}", doc.text);
    }
    assert!(doc.sentences.len() >= 2);
}

#[test]
fn rss_feed_gives_one_document_per_item() {
    let dir = tmpdir("rss");
    let feed = dir.join("news.xml");
    std::fs::write(
        &feed,
        rss(&[
            ("Envoy in Kyiv", "https://example.com/a", PARA_1),
            ("Paris meeting", "https://example.com/b", PARA_2),
        ]),
    )
    .unwrap();
    let out = dateline(&["extract", path_str(&feed)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = docs(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].source.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(docs[1].source.url.as_deref(), Some("https://example.com/b"));
    assert_eq!(docs[0].source.format, dateline_core::SourceFormat::Rss);
    assert_eq!(docs[0].published.as_deref(), Some("2025-02-15T09:30:00Z"));
    assert!(
        docs[0].text.contains(PARA_1),
        "full content, not the summary: {}",
        docs[0].text
    );
    assert!(!docs[0].text.contains("Summary only"));
}

#[test]
fn gzip_warc_gives_its_pages_with_urls_and_dates() {
    let dir = tmpdir("warc");
    let archive = dir.join("crawl.warc.gz");
    let mut bytes = gzip_stored(&warc_response(
        "https://example.com/world/2025/02/15/envoy",
        &news_page("Envoy meets Zelensky in Kyiv", "2025-02-15"),
    ));
    bytes.extend(gzip_stored(
        b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: https://example.com/b\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n",
    ));
    let second = news_page("Leaders to meet in Paris", "2025-02-14")
        .replace(PARA_1, "The meeting was called by France.");
    bytes.extend(gzip_stored(&warc_response(
        "https://example.com/b",
        &second,
    )));
    std::fs::write(&archive, bytes).unwrap();
    let out = dateline(&["extract", path_str(&archive)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = docs(&out);
    assert_eq!(docs.len(), 2, "{}", stderr(&out));
    assert_eq!(
        docs[0].source.url.as_deref(),
        Some("https://example.com/world/2025/02/15/envoy")
    );
    assert_eq!(docs[0].source.format, dateline_core::SourceFormat::Warc);
    assert_eq!(docs[0].published.as_deref(), Some("2025-02-15"));
    assert_eq!(docs[1].title.as_deref(), Some("Leaders to meet in Paris"));
    assert_eq!(docs[1].published.as_deref(), Some("2025-02-14"));
}

#[test]
fn directory_of_mixed_files_is_read_by_content() {
    let dir = tmpdir("mixed");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), format!("Envoy in Kyiv\n\n{PARA_1}")).unwrap();
    // An HTML page and a feed without telling extensions.
    std::fs::write(
        dir.join("page"),
        news_page("Leaders to meet in Paris", "2025-02-14"),
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/feed.dat"),
        rss(&[("Budget talks", "https://example.com/c", "The finance ministers agreed on a budget for the next year after long talks in Brussels.")]),
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/items.jsonl"),
        "{\"id\": \"j1\", \"text\": \"The central bank raised interest rates by half a point on Wednesday, its third rise this year.\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/crawl.warc"),
        warc_response(
            "https://example.com/d",
            &news_page("Storm hits coast", "2025-02-13").replace(PARA_1, "A storm hit the coast overnight, cutting power to thousands of homes.").replace(PARA_2, "Repair crews were working through the day to restore electricity, the utility company said."),
        ),
    )
    .unwrap();
    std::fs::write(dir.join("logo.png"), [0x89, b'P', b'N', b'G', 0, 0, 0]).unwrap();
    let out = dateline(&["extract", path_str(&dir), "--format", "jsonl"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = docs(&out);
    use dateline_core::SourceFormat::*;
    let formats: Vec<_> = docs.iter().map(|d| d.source.format).collect();
    // Sorted paths: a.txt, page, sub/crawl.warc, sub/feed.dat, sub/items.jsonl.
    assert_eq!(formats, [Text, Html, Warc, Rss, Jsonl], "{}", stderr(&out));
    assert_eq!(docs[4].id, "j1");
}

#[test]
fn broken_warc_is_reported_and_the_rest_processed() {
    let dir = tmpdir("broken");
    let good = dir.join("good.txt");
    std::fs::write(&good, format!("Envoy in Kyiv\n\n{PARA_1}")).unwrap();
    let mut archive = warc_response(
        "https://example.com/a",
        &news_page("Envoy meets Zelensky in Kyiv", "2025-02-15"),
    );
    let second = warc_response(
        "https://example.com/b",
        &news_page("Leaders to meet in Paris", "2025-02-14"),
    );
    archive.extend_from_slice(&second[..second.len() / 2]);
    let broken = dir.join("broken.warc");
    std::fs::write(&broken, archive).unwrap();
    let out = dateline(&["extract", path_str(&broken), path_str(&good)], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("broken.warc: record 2 (byte ") && err.contains("truncated"),
        "{err}"
    );
    let docs = docs(&out);
    assert_eq!(docs.len(), 2, "the intact record and the other file: {err}");
    assert!(err.contains("2 article(s) extracted, 1 failed"), "{err}");
}

#[test]
fn non_english_and_duplicates_are_skipped_and_counted() {
    let dir = tmpdir("batch");
    let lines = [
        format!("{{\"id\": \"en1\", \"text\": \"{PARA_1}\", \"url\": \"https://example.com/a\"}}"),
        format!("{{\"id\": \"en2\", \"text\": \"{PARA_1}\"}}"),
        "{\"id\": \"de1\", \"text\": \"Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu erhöhen, was bei Opposition und Wirtschaftsverbänden auf Kritik stieß.\"}".to_string(),
        format!("{{\"id\": \"en3\", \"text\": \"{PARA_2}\", \"url\": \"https://example.com/a/\"}}"),
        format!("{{\"id\": \"en4\", \"text\": \"{PARA_2}\"}}"),
    ];
    let input = dir.join("batch.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dateline(&["extract", path_str(&input)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = docs(&out).into_iter().map(|d| d.id).collect();
    // en2: same text as en1; en3: same URL as en1; de1: German.
    assert_eq!(ids, ["en1", "en4"]);
    let err = stderr(&out);
    assert!(
        err.contains("1 skipped as not English") && err.contains("2 duplicate(s)"),
        "{err}"
    );
}

#[test]
fn stdin_is_sniffed_too() {
    let page = news_page("Envoy meets Zelensky in Kyiv", "2025-02-15");
    let out = dateline(&["extract", "-"], Some(page.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = valid_document(&serde_json::from_slice(&out.stdout).unwrap());
    assert_eq!(doc.source.format, dateline_core::SourceFormat::Html);
    assert_eq!(doc.title.as_deref(), Some("Envoy meets Zelensky in Kyiv"));
}

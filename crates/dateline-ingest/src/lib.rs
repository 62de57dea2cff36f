//! Readers that turn inputs into [`Article`]s: plain text, JSONL, HTML pages, RSS/Atom/JSON
//! feeds and WARC/ARC archives (plain or gzip), detected from their content. Readers never
//! do NLP.
//!
//! This is the pipeline's input side: `dateline extract` and `dateline ingest` (and the
//! Python package) read articles here and hand each to dateline-nlp's `Pipeline`.
//!
//! Every reader yields `Result<Article>` per article, so one bad record is reported with
//! where it is (file and line, or archive record and byte offset) and the rest of the input
//! is still read. Archives and JSONL are streamed; nothing is read whole except single
//! pages, feeds and text files.
//!
//! ```no_run
//! for article in dateline_ingest::read_input("crawl.warc.gz") {
//!     match article {
//!         Ok(a) => println!("{:?} {:?}", a.title, a.published),
//!         Err(e) => eprintln!("{e}"),
//!     }
//! }
//! ```
//!
//! [`limits`] keeps bad input from exhausting memory or time: articles over a size are
//! cut, over-long JSONL lines skipped, gzip bombs stopped, deep HTML nesting flattened
//! before parsing ([`nesting`]), each with a message naming the input.
//!
//! [`batch`] has what a batch run needs besides: directory and glob expansion, language
//! detection and duplicate detection.

#![deny(missing_docs)]

use dateline_core::{Article, Error, PublishedFrom, Result, Source, SourceFormat};
use std::io::{BufRead, Read};

pub mod batch;
pub mod dates;
pub mod feed;
pub mod html;
pub mod limits;
pub mod nesting;
pub mod sniff;
pub mod warc;

/// Re-exported for the `dateline` binary's progress bar.
pub use indicatif;
pub use limits::Limits;

/// Decodes an HTML page's bytes: UTF-8 when valid, else Windows-1252 / Latin-1 (what
/// browsers assume for undeclared legacy pages), so no page is refused for its encoding.
pub fn decode_html(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{FEFF}').unwrap_or(s).to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads every article of one input (`-` is stdin). The format is detected from the
/// content — WARC/ARC, gzip (of any of these), RSS/Atom/JSON feed, HTML, JSONL or plain
/// text — with the extension only breaking ties. Archives and JSONL are streamed.
pub fn read_input(path: &str) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    Box::new(read_input_jobs(path).filter_map(|job| job.and_then(Job::run).transpose()))
}

/// One article still to be made: either ready, or an HTML page whose extraction (the
/// costly part of reading) is left to whichever thread runs the job.
pub struct Job(JobKind);

enum JobKind {
    Ready(Article),
    Deferred(Box<dyn FnOnce() -> Result<Option<Article>> + Send>),
}

impl Job {
    /// A job whose article is already made: running it just returns it.
    pub fn ready(article: Article) -> Self {
        Job(JobKind::Ready(article))
    }

    /// A job that makes its article when run; `f` yields `Ok(None)` when the input
    /// holds no article after all.
    pub fn deferred(f: impl FnOnce() -> Result<Option<Article>> + Send + 'static) -> Self {
        Job(JobKind::Deferred(Box::new(f)))
    }

    /// Makes the article. `Ok(None)`: the input turned out to hold no article (an archived
    /// image, a redirect, an empty page), which is not an error.
    pub fn run(self) -> Result<Option<Article>> {
        match self.0 {
            JobKind::Ready(a) => Ok(Some(a)),
            JobKind::Deferred(f) => f(),
        }
    }
}

/// Like [`read_input`], but HTML extraction is deferred into [`Job`]s so a caller can run
/// it on many threads while this iterator streams the input on one.
pub fn read_input_jobs(path: &str) -> Box<dyn Iterator<Item = Result<Job>> + Send> {
    read_input_jobs_with(path, &Limits::default())
}

/// Like [`read_input_jobs`], under these [`Limits`] (JSONL line length, gzip expansion).
pub fn read_input_jobs_with(
    path: &str,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Job>> + Send> {
    match open_sniffed(path, limits) {
        Ok((kind, reader)) => read_kind(path, kind, reader, limits),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// Opens an input, decompresses it (within the limits) when it is gzip, and tells what it
/// holds.
fn open_sniffed(path: &str, limits: &Limits) -> Result<(sniff::Kind, Box<dyn BufRead + Send>)> {
    let raw: Box<dyn Read + Send> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(open(path)?)
    };
    let (head, reader) = sniff::peek(raw).map_err(|e| io_error(path, e))?;
    let kind = sniff::sniff(&head, path);
    if kind != sniff::Kind::Gzip {
        return Ok((kind, reader));
    }
    let inner = limits::gunzip_limited(reader, limits);
    let (head, reader) = sniff::peek(inner).map_err(|e| io_error(path, e))?;
    let name = path.trim_end_matches(".gz").trim_end_matches(".GZ");
    match sniff::sniff(&head, name) {
        sniff::Kind::Gzip => Err(Error::input(
            path,
            "is gzip inside gzip; decompress it first",
        )),
        kind => Ok((kind, reader)),
    }
}

/// Inputs read whole (pages, feeds, text) may not exceed this.
const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

fn read_all(path: &str, reader: Box<dyn BufRead + Send>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(Error::input(
            path,
            format!(
                "is larger than {} MB; split it, or give it as JSONL or WARC, which are streamed",
                MAX_DOCUMENT_BYTES >> 20
            ),
        ));
    }
    Ok(bytes)
}

fn read_kind(
    path: &str,
    kind: sniff::Kind,
    reader: Box<dyn BufRead + Send>,
    limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Job>> + Send> {
    use sniff::Kind;
    let one = |r: Result<Job>| -> Box<dyn Iterator<Item = Result<Job>> + Send> {
        Box::new(std::iter::once(r))
    };
    match kind {
        Kind::Archive => Box::new(warc::read_archive_jobs(path.to_string(), reader)),
        Kind::Jsonl => Box::new(
            read_jsonl_with(path.to_string(), reader, limits.max_line_bytes)
                .map(|r| r.map(Job::ready)),
        ),
        Kind::Feed => match read_all(path, reader).and_then(|b| feed::read_feed(&b, path)) {
            Ok(articles) if articles.is_empty() => one(Err(Error::input(path, "the feed has no items"))),
            Ok(articles) => Box::new(articles.into_iter().map(|a| Ok(Job::ready(a)))),
            Err(e) => one(Err(e)),
        },
        Kind::Html => one(read_all(path, reader).map(|bytes| {
            let path = path.to_string();
            Job::deferred(move || html_article(&bytes, &path, None, None).map(Some))
        })),
        Kind::Text => one(read_all(path, reader).and_then(|b| text_article(b, path)).map(Job::ready)),
        Kind::Binary => one(Err(Error::input(
            path,
            "looks like binary data (it contains NUL bytes); give a text, HTML, JSONL, feed or WARC file",
        ))),
        Kind::Gzip => one(Err(Error::input(path, "is gzip inside gzip; decompress it first"))),
    }
}

/// Reads one HTML page into an article. `url` is the page's address, when known (for a
/// date in its path); `crawled` bounds the publication date.
pub fn html_article(
    bytes: &[u8],
    path: &str,
    url: Option<&str>,
    crawled: Option<chrono::NaiveDate>,
) -> Result<Article> {
    let page = decode_html(bytes);
    let url = url.map(str::to_string).or_else(|| canonical_url(&page));
    let mut extracted = html::extract(&page, url.as_deref(), crawled);
    if extracted.body.trim().is_empty() {
        return Err(Error::input(
            path,
            "no article text found in this HTML page",
        ));
    }
    Ok(Article {
        id: None,
        title: extracted.title,
        body: extracted.body,
        published: extracted.published,
        published_from: extracted.published_from,
        author: extracted.author,
        source: Some(Source {
            path: Some(path.to_string()),
            url,
            format: SourceFormat::Html,
        }),
        warnings: std::mem::take(&mut extracted.warnings),
    })
}

/// A saved page's own address: `<link rel="canonical">` or `og:url`.
fn canonical_url(page: &str) -> Option<String> {
    let head_end = page
        .char_indices()
        .nth(65_536)
        .map(|(i, _)| i)
        .unwrap_or(page.len());
    let head = &page[..head_end];
    let flattened = nesting::flatten(head, nesting::MAX_DEPTH);
    let doc = dom_query::Document::from(flattened.as_ref().map_or(head, |f| f.html.as_str()));
    doc.select(r#"link[rel="canonical"]"#)
        .attr("href")
        .or_else(|| doc.select(r#"meta[property="og:url"]"#).attr("content"))
        .map(|u| u.trim().to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn text_article(bytes: Vec<u8>, path: &str) -> Result<Article> {
    let mut warnings = Vec::new();
    let body = decode_lossy(bytes, path, &mut warnings)?;
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(&body).to_string();
    if body.trim().is_empty() {
        return Err(Error::input(
            path,
            "is empty: there is no article text to read",
        ));
    }
    let title = detect_title(&body);
    Ok(Article {
        id: None,
        title,
        body,
        published: None,
        published_from: PublishedFrom::None,
        author: None,
        source: Some(Source::text(path)),
        warnings,
    })
}

fn open(path: &str) -> Result<Box<dyn BufRead + Send>> {
    if path == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(Error::input(
            path,
            "is a directory; give the files inside it (for example `dir/*.txt`)",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, file)))
}

fn io_error(path: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        source,
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences and saying so.
pub fn decode_lossy(bytes: Vec<u8>, path: &str, warnings: &mut Vec<String>) -> Result<String> {
    if looks_binary(&bytes) {
        return Err(Error::input(
            path,
            "looks like binary data, not text (it contains NUL bytes); give a text, HTML, JSONL, feed or WARC file",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(format!(
                "input is not valid UTF-8: {bad} invalid byte sequence(s) replaced with U+FFFD"
            ));
            Ok(text)
        }
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// Reads a plain-text article. The first line is the title when it is followed by a blank
/// line, or when it looks like a headline (short, no final full stop).
pub fn read_text_file(path: &str) -> Result<Article> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(path, e))?;
    } else {
        open(path)?
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(path, e))?;
    }
    text_article(bytes, path)
}

/// The headline of a plain-text article, if its first line is one.
pub fn detect_title(body: &str) -> Option<String> {
    let mut lines = body.lines();
    let first = lines.next()?.trim();
    if first.is_empty() {
        return None;
    }
    let second_blank = lines.next().map(|l| l.trim().is_empty()).unwrap_or(false);
    let words = first.split_whitespace().count();
    let headline_like =
        words <= 25 && !first.ends_with(['.', ':', ',', ';']) && first.chars().count() <= 200;
    if second_blank || headline_like {
        Some(first.to_string())
    } else {
        None
    }
}

/// One JSONL record: `{"id", "text", "title"?, "published"?, "url"?}`.
#[derive(serde::Deserialize)]
struct JsonlRecord {
    id: Option<serde_json::Value>,
    text: String,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Reads a JSONL file of articles, one JSON object a line. A malformed line is reported
/// with its line number; the other lines are still read. Lines longer than
/// [`limits::DEFAULT_MAX_LINE_BYTES`] are skipped (see [`read_jsonl_with`]).
pub fn read_jsonl<R: BufRead + Send + 'static>(
    path: String,
    reader: R,
) -> impl Iterator<Item = Result<Article>> + Send {
    read_jsonl_with(path, reader, limits::DEFAULT_MAX_LINE_BYTES)
}

/// Like [`read_jsonl`], skipping lines longer than `max_line_bytes` with an error naming
/// the file and line; such a line is read past without being held in memory.
pub fn read_jsonl_with<R: BufRead + Send + 'static>(
    path: String,
    reader: R,
    max_line_bytes: usize,
) -> impl Iterator<Item = Result<Article>> + Send {
    limits::Lines::new(reader, max_line_bytes)
        .filter_map(move |(lineno, line)| {
            let here = format!("{path}:{lineno}");
            let line = match line {
                limits::Line::Text(l) => l,
                limits::Line::Failed(e) => return Some(Err(io_error(&here, e))),
                limits::Line::TooLong(length) => {
                    return Some(Err(Error::input(
                        here,
                        format!(
                            "the line is {} long, more than the {} limit: skipped; raise --max-line-bytes, or split the article",
                            limits::megabytes(length),
                            limits::megabytes(max_line_bytes as u64),
                        ),
                    )))
                }
            };
            let mut warnings = Vec::new();
            let line = match decode_lossy(line, &here, &mut warnings) {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            if line.trim().is_empty() {
                return None;
            }
            let rec: JsonlRecord = match serde_json::from_str(&line) {
                Ok(r) => r,
                Err(e) => {
                    return Some(Err(Error::input(
                        here,
                        format!("not a JSON article record ({e}); expected {{\"id\", \"text\", \"title\"?, \"published\"?, \"url\"?}}"),
                    )))
                }
            };
            let id = rec.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
            let published_from = if rec.published.is_some() {
                PublishedFrom::Given
            } else {
                PublishedFrom::None
            };
            Some(Ok(Article {
                id,
                title: rec.title,
                body: rec.text,
                published: rec.published,
                published_from,
                author: None,
                source: Some(Source {
                    path: Some(path.clone()),
                    url: rec.url,
                    format: SourceFormat::Jsonl,
                }),
                warnings,
            }))
        })
}

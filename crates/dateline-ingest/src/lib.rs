//! Readers that turn inputs into [`Article`]s: plain text, JSONL, and (to come) HTML,
//! RSS/Atom/JSON feeds and WARC archives. Readers never do NLP.
//!
//! Every reader yields `Result<Article>` per article, so one bad record is reported with
//! where it is (file and line or record) and the rest of the input is still read.

use dateline_core::{Article, Error, PublishedFrom, Result, Source, SourceFormat};
use std::io::{BufRead, Read};

/// Reads every article of one input (`-` is stdin). The format is chosen from the
/// extension and, failing that, from the content.
pub fn read_input(path: &str) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return match open(path) {
            Ok(reader) => Box::new(read_jsonl(path.to_string(), reader)),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
    }
    Box::new(std::iter::once(read_text_file(path)))
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
    let mut warnings = Vec::new();
    let body = decode_lossy(bytes, path, &mut warnings)?;
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(&body).to_string();
    if body.trim().is_empty() {
        return Err(Error::input(path, "is empty: there is no article text to read"));
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

/// The headline of a plain-text article, if its first line is one.
pub fn detect_title(body: &str) -> Option<String> {
    let mut lines = body.lines();
    let first = lines.next()?.trim();
    if first.is_empty() {
        return None;
    }
    let second_blank = lines.next().map(|l| l.trim().is_empty()).unwrap_or(false);
    let words = first.split_whitespace().count();
    let headline_like = words <= 25 && !first.ends_with(['.', ':', ',', ';']) && first.chars().count() <= 200;
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
/// with its line number; the other lines are still read.
pub fn read_jsonl<R: BufRead + Send + 'static>(
    path: String,
    reader: R,
) -> impl Iterator<Item = Result<Article>> + Send {
    reader
        .split(b'\n')
        .enumerate()
        .filter_map(move |(i, line)| {
            let lineno = i + 1;
            let here = format!("{path}:{lineno}");
            let line = match line {
                Ok(l) => l,
                Err(e) => return Some(Err(io_error(&here, e))),
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

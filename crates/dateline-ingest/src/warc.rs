//! WARC (1.0/1.1) and ARC archives, plain or gzip (per record, as Common Crawl writes them,
//! or the whole file) → the HTML pages they captured → articles.
//!
//! The reader streams: it holds one record at a time, so a multi-gigabyte archive is never
//! loaded whole. A broken record (truncated, bad length, corrupt gzip member) is reported
//! with its record number and byte offset and skipped; reading resumes at the next record
//! header (or the next gzip member), so the rest of the archive is still processed.

use crate::html;
use chrono::NaiveDate;
use dateline_core::{Article, Error, PublishedFrom, Result, Source, SourceFormat};
use std::io::{self, BufRead, Read};

/// Records larger than this are skipped (reported), not read into memory.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;
/// Header lines longer than this mean the stream is not a WARC at that point.
const MAX_LINE_BYTES: usize = 64 << 10;
const MAX_HEADERS: usize = 512;
/// A decompressed HTTP body may not grow beyond this (a gzip bomb stops here).
const MAX_PAYLOAD_BYTES: u64 = 32 << 20;

/// One archive record. `block` holds the record's content only for records the caller
/// asked to keep (see [`RecordReader::new`]); it is empty for the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `response`, `request`, `warcinfo`, `resource`, `revisit`, `metadata`…, or `arc`
    /// for an ARC record and `filedesc` for an ARC file header.
    pub kind: String,
    /// The captured URL (`WARC-Target-URI`, or the URL of an ARC record's header line).
    pub target_uri: Option<String>,
    /// The capture date, as the archive writes it (RFC 3339 for WARC, 14 digits for ARC).
    pub date: Option<String>,
    /// The record's `Content-Type` (for a response, `application/http…`).
    pub content_type: Option<String>,
    /// The block's length in bytes, as the record header declares it.
    pub content_length: u64,
    /// Byte offset of the record's header in the (decompressed) stream.
    pub offset: u64,
    /// 1-based position of the record in the archive.
    pub number: usize,
    /// The record's content (for a response: HTTP headers and body), or empty when the
    /// reader was not asked to keep it.
    pub block: Vec<u8>,
    /// The archive ended before the record's Content-Length: `block` is what there was.
    pub truncated: bool,
    /// Bytes of the block present in the archive (`content_length` unless truncated).
    pub received: u64,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// 1-based position of the record in the archive.
    pub number: usize,
    /// Byte offset of the record's header in the (decompressed) stream.
    pub offset: u64,
    /// What was wrong with it.
    pub message: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "record {} (byte {}): {}",
            self.number, self.offset, self.message
        )
    }
}

/// True when `bytes` start like a WARC or ARC archive (after decompression).
pub fn looks_like_archive(bytes: &[u8]) -> bool {
    let start = trim_leading_blank(bytes);
    start.starts_with(b"WARC/") || start.starts_with(b"filedesc://")
}

fn trim_leading_blank(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Wraps a stream that may be gzip (any number of members) so that it reads decompressed.
pub fn maybe_gunzip<R: BufRead + Send + 'static>(
    mut inner: R,
) -> io::Result<Box<dyn BufRead + Send>> {
    let head = inner.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(io::BufReader::with_capacity(
            1 << 16,
            GzMembers::new(inner),
        )))
    } else {
        Ok(Box::new(inner))
    }
}

/// Decompresses gzip members one after another. A corrupt member yields one error; the
/// next read resumes at the next gzip header found in the compressed stream, which in a
/// per-record gzip WARC is the next record.
pub struct GzMembers<R: BufRead> {
    state: GzState<R>,
}

enum GzState<R: BufRead> {
    Member(Box<flate2::bufread::GzDecoder<R>>),
    Between(R),
    Done,
}

impl<R: BufRead> GzMembers<R> {
    /// Reads the gzip stream `inner`, starting at its first member.
    pub fn new(inner: R) -> Self {
        GzMembers {
            state: GzState::Between(inner),
        }
    }
}

/// Skips to the next gzip header (`1f 8b 08`). Returns false at end of stream.
fn seek_gzip_header<R: BufRead>(r: &mut R) -> io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if let Some(i) = buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            r.consume(i);
            return Ok(true);
        }
        // Keep the last two bytes: a header may straddle the buffer boundary.
        let keep = buf.len().min(2);
        let n = buf.len() - keep;
        if n == 0 {
            // Two bytes left and no header: nothing more can start here.
            let len = buf.len();
            r.consume(len);
        } else {
            r.consume(n);
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, GzState::Done) {
                GzState::Done => return Ok(0),
                GzState::Between(mut inner) => {
                    if inner.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    self.state = GzState::Member(Box::new(flate2::bufread::GzDecoder::new(inner)));
                }
                GzState::Member(mut dec) => match dec.read(out) {
                    Ok(0) if !out.is_empty() => {
                        self.state = GzState::Between(dec.into_inner());
                    }
                    Ok(n) => {
                        self.state = GzState::Member(dec);
                        return Ok(n);
                    }
                    Err(e) => {
                        let mut inner = dec.into_inner();
                        // Step past the broken member's header so the search finds the next one.
                        if !inner.fill_buf().map(|b| b.is_empty()).unwrap_or(true) {
                            inner.consume(1);
                        }
                        self.state = match seek_gzip_header(&mut inner) {
                            Ok(true) => GzState::Between(inner),
                            _ => GzState::Done,
                        };
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("corrupt gzip data ({e})"),
                        ));
                    }
                },
            }
        }
    }
}

/// Streams the records of a (decompressed) WARC or ARC archive.
pub struct RecordReader<R: BufRead> {
    inner: R,
    offset: u64,
    number: usize,
    /// ARC files start with a `filedesc://` record; WARC with `WARC/`.
    arc: Option<bool>,
    /// After a broken record: skip lines until the next record header.
    resync: bool,
    done: bool,
    keep_block: fn(&Record) -> bool,
}

/// Which records' blocks to keep: HTML captures (responses, resources and ARC records).
pub fn keep_html_captures(r: &Record) -> bool {
    matches!(r.kind.as_str(), "response" | "resource" | "arc")
}

/// Keeps every block (for tools and tests).
#[doc(hidden)]
pub fn keep_all(_: &Record) -> bool {
    true
}

impl<R: BufRead> RecordReader<R> {
    /// Reads WARC or ARC records (detected from the first) from the decompressed stream
    /// `inner`, keeping the blocks of the records `keep_block` accepts.
    pub fn new(inner: R, keep_block: fn(&Record) -> bool) -> Self {
        RecordReader {
            inner,
            offset: 0,
            number: 0,
            arc: None,
            resync: false,
            done: false,
            keep_block,
        }
    }

    /// Reads one line (without its end), at most [`MAX_LINE_BYTES`]. `None` at end of stream.
    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let n = (&mut self.inner)
            .take(MAX_LINE_BYTES as u64)
            .read_until(b'\n', &mut line)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            line.pop();
        }
        Ok(Some(line))
    }

    fn fail(&mut self, offset: u64, message: impl Into<String>) -> RecordError {
        self.resync = true;
        RecordError {
            number: self.number,
            offset,
            message: message.into(),
        }
    }

    fn next_record(&mut self) -> Option<std::result::Result<Record, RecordError>> {
        loop {
            if self.done {
                return None;
            }
            let start = self.offset;
            let line = match self.read_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.number += 1;
                    return Some(Err(self.fail(start, e.to_string())));
                }
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let is_warc = line.starts_with(b"WARC/");
            if self.arc.is_none() {
                if is_warc {
                    self.arc = Some(false);
                } else if line.starts_with(b"filedesc://") {
                    self.arc = Some(true);
                } else {
                    self.done = true;
                    self.number += 1;
                    return Some(Err(self.fail(start, "not a WARC or ARC archive: it does not start with `WARC/` or `filedesc://`")));
                }
            }
            let arc = self.arc == Some(true);
            if self.resync {
                let header_like = if arc {
                    looks_like_arc_header(&line)
                } else {
                    is_warc
                };
                if !header_like {
                    continue;
                }
                self.resync = false;
            }
            self.number += 1;
            return Some(if arc {
                self.arc_record(start, &line)
            } else if is_warc {
                self.warc_record(start)
            } else {
                Err(self.fail(
                    start,
                    format!(
                        "expected a WARC record header, found `{}` (the record before has a wrong Content-Length, or the file is damaged here); skipping to the next record",
                        preview(&line)
                    ),
                ))
            });
        }
    }

    fn warc_record(&mut self, start: u64) -> std::result::Result<Record, RecordError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.read_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    return Err(self.fail(
                        start,
                        "truncated: the archive ends inside the record's headers",
                    ))
                }
                Err(e) => return Err(self.fail(start, e.to_string())),
            };
            if line.is_empty() {
                break;
            }
            if headers.len() >= MAX_HEADERS {
                return Err(self.fail(start, "too many header lines"));
            }
            let text = String::from_utf8_lossy(&line);
            if text.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
                None => {
                    return Err(
                        self.fail(start, format!("malformed header line `{}`", preview(&line)))
                    )
                }
            }
        }
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let Some(length) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Err(self.fail(start, "missing or invalid Content-Length"));
        };
        let mut record = Record {
            kind: get("warc-type").unwrap_or_default().to_ascii_lowercase(),
            target_uri: get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
            date: get("warc-date"),
            content_type: get("content-type"),
            content_length: length,
            offset: start,
            number: self.number,
            block: Vec::new(),
            truncated: false,
            received: 0,
        };
        self.read_block(&mut record)?;
        Ok(record)
    }

    fn arc_record(&mut self, start: u64, line: &[u8]) -> std::result::Result<Record, RecordError> {
        let text = String::from_utf8_lossy(line).into_owned();
        let fields: Vec<&str> = text.split(' ').filter(|f| !f.is_empty()).collect();
        if fields.len() < 5 {
            return Err(self.fail(
                start,
                format!("malformed ARC record header `{}`", preview(line)),
            ));
        }
        let Ok(length) = fields[fields.len() - 1].parse::<u64>() else {
            return Err(self.fail(
                start,
                format!("invalid ARC record length `{}`", fields[fields.len() - 1]),
            ));
        };
        // url ip date mime length (v1); the URL itself may contain spaces, so count from the end.
        let n = fields.len();
        let (url, date, mime) = if n == 5 {
            (fields[0].to_string(), fields[2], fields[3])
        } else {
            (fields[..n - 4].join("%20"), fields[n - 3], fields[n - 2])
        };
        let kind = if url.starts_with("filedesc://") {
            "filedesc"
        } else {
            "arc"
        };
        let mut record = Record {
            kind: kind.to_string(),
            target_uri: Some(url),
            date: Some(date.to_string()),
            content_type: Some(mime.to_string()),
            content_length: length,
            offset: start,
            number: self.number,
            block: Vec::new(),
            truncated: false,
            received: 0,
        };
        self.read_block(&mut record)?;
        Ok(record)
    }

    fn read_block(&mut self, record: &mut Record) -> std::result::Result<(), RecordError> {
        let length = record.content_length;
        let keep = (self.keep_block)(record) && length <= MAX_RECORD_BYTES;
        let start = record.offset;
        let got = if keep {
            let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
            let got = (&mut self.inner).take(length).read_to_end(&mut block);
            record.block = block;
            got
        } else {
            io::copy(&mut (&mut self.inner).take(length), &mut io::sink()).map(|n| n as usize)
        };
        match got {
            Ok(n) => {
                self.offset += n as u64;
                record.received = n as u64;
                if (n as u64) < length {
                    // The last record: hand over what there is and let the caller judge
                    // whether its payload is complete.
                    self.done = true;
                    record.truncated = true;
                }
            }
            Err(e) => return Err(self.fail(start, e.to_string())),
        }
        if (self.keep_block)(record) && length > MAX_RECORD_BYTES {
            return Err(RecordError {
                number: record.number,
                offset: start,
                message: format!(
                    "record of {length} bytes is larger than {MAX_RECORD_BYTES}; skipped"
                ),
            });
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    type Item = std::result::Result<Record, RecordError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

fn looks_like_arc_header(line: &[u8]) -> bool {
    let t = String::from_utf8_lossy(line);
    let fields: Vec<&str> = t.split(' ').filter(|f| !f.is_empty()).collect();
    fields.len() >= 5 && fields[0].contains(':') && fields[fields.len() - 1].parse::<u64>().is_ok()
}

fn preview(line: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(line).chars().take(60).collect();
    s.escape_debug().to_string()
}

/// An HTTP response split into status, headers and (de-chunked, decompressed) body.
#[derive(Debug)]
pub struct HttpResponse {
    /// The HTTP status code (200, 404…).
    pub status: u16,
    /// False when the HTTP headers give a length (or chunking) that the body falls short of.
    pub complete: bool,
    /// The `Content-Type` header's value.
    pub content_type: Option<String>,
    /// The body, de-chunked and decompressed (`Content-Encoding: gzip`/`deflate`).
    pub body: Vec<u8>,
    /// Problems met while decoding the response, to pass on as document warnings.
    pub warnings: Vec<String>,
}

/// Parses an HTTP/1.x response as captured in a WARC `response` or ARC record.
pub fn parse_http_response(block: &[u8]) -> Option<HttpResponse> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, sep) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => (find(block, b"\n\n")?, 2),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    let mut declared_length: Option<usize> = None;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-type" => content_type = Some(v.to_string()),
                "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
                "content-length" => declared_length = v.parse().ok(),
                _ => {}
            }
        }
    }
    let mut warnings = Vec::new();
    let mut body = block[head_end + sep..].to_vec();
    let mut complete = declared_length.is_none_or(|l| body.len() >= l);
    if chunked {
        match dechunk(&body) {
            Some(b) => body = b,
            None => {
                complete = false;
                warnings.push("the HTTP body says it is chunked but is not; read as is".to_string())
            }
        }
    }
    match encoding.as_deref() {
        Some("gzip") | Some("x-gzip") => {
            match inflate(flate2::read::MultiGzDecoder::new(&body[..])) {
                Some(b) => body = b,
                None => warnings.push("the HTTP body is not valid gzip; read as is".to_string()),
            }
        }
        Some("deflate") => match inflate(flate2::read::ZlibDecoder::new(&body[..]))
            .or_else(|| inflate(flate2::read::DeflateDecoder::new(&body[..])))
        {
            Some(b) => body = b,
            None => {
                warnings.push("the HTTP body is not valid deflate data; read as is".to_string())
            }
        },
        _ => {}
    }
    Some(HttpResponse {
        status,
        complete,
        content_type,
        body,
        warnings,
    })
}

fn inflate(reader: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(MAX_PAYLOAD_BYTES).read_to_end(&mut out).ok()?;
    Some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = data[size..].strip_prefix(b"\r\n")?;
    }
}

/// The capture date of a record as a calendar date.
fn crawl_date(record: &Record) -> Option<NaiveDate> {
    let d = record.date.as_deref()?;
    if d.len() >= 8 && d.bytes().take(8).all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&d[..8], "%Y%m%d").ok();
    }
    crate::dates::parse_date(d).map(|p| p.date)
}

/// The article in one record, if the record is an HTML capture with text.
/// `Ok(None)`: the record is not an article (a request, an image, a redirect, an empty page).
pub fn article_from_record(record: &Record, path: &str) -> Result<Option<Article>> {
    if !keep_html_captures(record) {
        return Ok(None);
    }
    let here = || format!("{path}: record {} (byte {})", record.number, record.offset);
    let truncated = || {
        Error::input(
            here(),
            format!(
                "truncated: Content-Length is {} but the archive ends after {} bytes",
                record.content_length, record.received
            ),
        )
    };
    let (bytes, declared_type, mut warnings) = if record.kind == "resource" {
        if record.truncated {
            return Err(truncated());
        }
        (
            record.block.clone(),
            record.content_type.clone(),
            Vec::new(),
        )
    } else {
        match parse_http_response(&record.block) {
            Some(resp) if record.truncated && !resp.complete => return Err(truncated()),
            Some(resp) if (200..300).contains(&resp.status) => {
                let mut warnings = resp.warnings;
                if record.truncated {
                    warnings.push(format!(
                        "the archive record is shorter than its Content-Length ({} of {} bytes) but its page is complete",
                        record.received, record.content_length
                    ));
                }
                (resp.body, resp.content_type, warnings)
            }
            _ if record.truncated => return Err(truncated()),
            Some(_) => return Ok(None),
            None if record.kind == "arc" => return Ok(None),
            None => {
                return Err(Error::input(
                    here(),
                    "the response record does not hold an HTTP response",
                ))
            }
        }
    };
    let is_html = match declared_type.as_deref() {
        Some(t) => t.to_ascii_lowercase().contains("html"),
        None => crate::sniff::looks_like_html(&bytes),
    };
    if !is_html {
        return Ok(None);
    }
    let page = crate::decode_html(&bytes);
    let crawled = crawl_date(record);
    let url = record.target_uri.clone();
    let mut extracted = html::extract(&page, url.as_deref(), crawled);
    if extracted.body.trim().is_empty() {
        return Ok(None);
    }
    warnings.append(&mut extracted.warnings);
    let (published, published_from) = match (extracted.published, crawled) {
        (Some(p), _) => (Some(p), extracted.published_from),
        (None, Some(c)) => {
            warnings.push(
                "no publication date on the page: the crawl date (WARC-Date) is used".to_string(),
            );
            (
                Some(c.format("%Y-%m-%d").to_string()),
                PublishedFrom::Inferred,
            )
        }
        (None, None) => (None, PublishedFrom::None),
    };
    Ok(Some(Article {
        id: None,
        title: extracted.title,
        body: extracted.body,
        published,
        published_from,
        author: extracted.author,
        source: Some(Source {
            path: Some(path.to_string()),
            url,
            format: SourceFormat::Warc,
        }),
        warnings,
    }))
}

/// Streams the articles of an archive (already decompressed by [`maybe_gunzip`]).
pub fn read_archive<R: BufRead + Send + 'static>(
    path: String,
    reader: R,
) -> impl Iterator<Item = Result<Article>> + Send {
    read_archive_jobs(path, reader).filter_map(|job| job.and_then(crate::Job::run).transpose())
}

/// Streams an archive's HTML captures as [`crate::Job`]s: records are read here, pages
/// are extracted when the job runs.
pub fn read_archive_jobs<R: BufRead + Send + 'static>(
    path: String,
    reader: R,
) -> impl Iterator<Item = Result<crate::Job>> + Send {
    RecordReader::new(reader, keep_html_captures).filter_map(move |rec| match rec {
        Ok(record) if record.truncated && !keep_html_captures(&record) => Some(Err(Error::input(
            format!("{path}: record {} (byte {})", record.number, record.offset),
            format!(
                "truncated: Content-Length is {} but the archive ends after {} bytes",
                record.content_length, record.received
            ),
        ))),
        Ok(record) if keep_html_captures(&record) => {
            let path = path.clone();
            Some(Ok(crate::Job::deferred(move || {
                article_from_record(&record, &path)
            })))
        }
        Ok(_) => None,
        Err(e) => Some(Err(Error::input(
            format!("{path}: record {} (byte {})", e.number, e.offset),
            e.message,
        ))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-16T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn page(text: &str) -> Vec<u8> {
        let html = format!("<html><body><article><p>{text}</p></article></body></html>");
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len()).into_bytes()
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    const TEXT_A: &str =
        "The envoy met the president in Kyiv on Thursday and talked for three hours about the war.";
    const TEXT_B: &str = "Ministers from both countries will meet in Riyadh next week to prepare a summit in the spring.";

    #[test]
    fn reads_responses_from_plain_and_per_record_gzip() {
        let a = warc_record(
            "response",
            "https://example.com/2025/02/15/a",
            &page(TEXT_A),
        );
        let req = warc_record(
            "request",
            "https://example.com/b",
            b"GET /b HTTP/1.1\r\n\r\n",
        );
        let b = warc_record("response", "https://example.com/b", &page(TEXT_B));
        let plain = [a.clone(), req.clone(), b.clone()].concat();
        let gzipped = [gz(&a), gz(&req), gz(&b)].concat();
        for bytes in [plain, gzipped] {
            let reader = maybe_gunzip(io::Cursor::new(bytes)).unwrap();
            let articles: Vec<Article> = read_archive("x.warc".into(), reader)
                .map(|r| r.unwrap())
                .collect();
            assert_eq!(articles.len(), 2);
            assert_eq!(articles[0].body, TEXT_A);
            assert_eq!(articles[0].published.as_deref(), Some("2025-02-15"));
            assert_eq!(
                articles[0].source.as_ref().unwrap().url.as_deref(),
                Some("https://example.com/2025/02/15/a")
            );
            // No date on the page: the crawl date stands in, marked as inferred.
            assert_eq!(articles[1].published.as_deref(), Some("2025-02-16"));
            assert_eq!(articles[1].published_from, PublishedFrom::Inferred);
        }
    }

    #[test]
    fn corrupt_gzip_member_is_reported_and_the_rest_read() {
        let a = gz(&warc_record(
            "response",
            "https://example.com/a",
            &page(TEXT_A),
        ));
        let mut broken = gz(&warc_record(
            "response",
            "https://example.com/x",
            &page("lost"),
        ));
        let mid = broken.len() / 2;
        for byte in &mut broken[12..mid] {
            *byte ^= 0x5a;
        }
        let b = gz(&warc_record(
            "response",
            "https://example.com/b",
            &page(TEXT_B),
        ));
        let reader = maybe_gunzip(io::Cursor::new([a, broken, b].concat())).unwrap();
        let results: Vec<Result<Article>> = read_archive("x.warc.gz".into(), reader).collect();
        let ok: Vec<&Article> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        let errors: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(ok.len(), 2, "{errors:?}");
        assert_eq!(ok[1].body, TEXT_B);
        assert!(!errors.is_empty());
        assert!(
            errors[0].starts_with("x.warc.gz: record 2 (byte"),
            "{errors:?}"
        );
    }

    #[test]
    fn truncated_record_is_reported() {
        let a = warc_record("response", "https://example.com/a", &page(TEXT_A));
        let b = warc_record("response", "https://example.com/b", &page(TEXT_B));
        let cut = [a, b[..b.len() - 40].to_vec()].concat();
        let results: Vec<Result<Article>> =
            read_archive("t.warc".into(), io::Cursor::new(cut)).collect();
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        let err = results[1].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("record 2 (byte") && err.contains("truncated"),
            "{err}"
        );
    }

    #[test]
    fn chunked_and_gzip_http_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\nWiki").is_none());
        let body = gz(b"<p>hello</p>");
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&body);
        let resp = parse_http_response(&block).unwrap();
        assert_eq!(resp.body, b"<p>hello</p>");
        assert_eq!(resp.status, 200);
    }

    #[test]
    fn garbage_does_not_panic() {
        for bytes in [
            &b""[..],
            b"WARC/1.0\r\n",
            b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nabc",
            b"\x1f\x8b\x08garbage",
            b"filedesc://x 1 2 3 abc\n",
        ] {
            let reader = maybe_gunzip(io::Cursor::new(bytes.to_vec())).unwrap();
            let _ = read_archive("g".into(), reader).count();
        }
        let reader = maybe_gunzip(io::Cursor::new(b"hello world".to_vec())).unwrap();
        let errs: Vec<_> = read_archive("g".into(), reader).collect();
        assert_eq!(errs.len(), 1);
        assert!(errs[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("not a WARC or ARC archive"));
    }
}

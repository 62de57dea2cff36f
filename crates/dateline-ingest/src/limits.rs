//! Limits that keep bad input from exhausting memory, time or threads, and fail cleanly:
//! the maximum article size ([`cap_article`]), the maximum JSONL line length ([`Lines`]),
//! the gzip expansion limit ([`gunzip_limited`]) and the thread cap ([`cap_threads`]).
//!
//! Each limit reports what it did in words a user can act on (which input, what limit,
//! which option raises it); the rest of the input, and of the batch, is still read.

use dateline_core::Article;
use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Default longest article text kept, in bytes of UTF-8 (5 MB; `--max-article-bytes`).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 5 << 20;
/// Default longest JSONL line read, in bytes (16 MB; `--max-line-bytes`).
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;
/// Default largest expansion of gzip input: decompressed bytes per compressed byte.
pub const DEFAULT_MAX_GZIP_RATIO: u64 = 100;
/// Gzip input may always expand to this many bytes, whatever its ratio (small files of
/// repetitive text compress far better than 100×).
pub const DEFAULT_GZIP_FLOOR_BYTES: u64 = 32 << 20;
/// The most worker threads ever started, whatever the machine.
pub const MAX_THREADS: usize = 256;

/// The limits a reader and a batch run apply; [`Limits::default`] gives the defaults above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Articles with more text than this are cut at a paragraph or sentence boundary.
    pub max_article_bytes: usize,
    /// JSONL lines longer than this are skipped (reported with their line number).
    pub max_line_bytes: usize,
    /// Gzip input stops (with an error) when it expands beyond this many times the
    /// compressed bytes read so far, and beyond `gzip_floor_bytes`.
    pub max_gzip_ratio: u64,
    /// Decompressed bytes always allowed, whatever the ratio.
    pub gzip_floor_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            max_gzip_ratio: DEFAULT_MAX_GZIP_RATIO,
            gzip_floor_bytes: DEFAULT_GZIP_FLOOR_BYTES,
        }
    }
}

/// Megabytes, for messages: `5 MB`, `0.2 MB`.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1 << 20) as f64;
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// Cuts an article whose text is longer than `max_bytes` at the last paragraph break
/// before the limit (else the last sentence end, else the last space), adds a warning to
/// its `warnings` and returns that warning. `None`: the article is within the limit.
pub fn cap_article(article: &mut Article, max_bytes: usize) -> Option<String> {
    let total = article.body.len();
    if total <= max_bytes {
        return None;
    }
    let (cut, at) = cut_point(&article.body, max_bytes);
    article.body.truncate(cut);
    let message = format!(
        "the article has {} of text, more than the {} limit: only the first {} were read (cut at {at}); raise --max-article-bytes to read more",
        megabytes(total as u64),
        megabytes(max_bytes as u64),
        megabytes(cut as u64),
    );
    article.warnings.push(message.clone());
    Some(message)
}

/// Where to cut `text` to at most `max` bytes, and what kind of boundary that is.
fn cut_point(text: &str, max: usize) -> (usize, &'static str) {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // A boundary in the last half of what fits; else the cut would lose too much.
    let floor = end / 2;
    if let Some(i) = head.rfind('\n').filter(|&i| i >= floor) {
        return (i, "a paragraph break");
    }
    let sentence = head
        .match_indices(['.', '!', '?'])
        .filter(|(i, _)| {
            head[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
        })
        .map(|(i, _)| i + 1)
        .next_back()
        .filter(|&i| i >= floor);
    if let Some(i) = sentence {
        return (i, "a sentence end");
    }
    if let Some(i) = head.rfind(char::is_whitespace).filter(|&i| i >= floor) {
        return (i, "a space");
    }
    (end, "a character")
}

/// The most threads a run may start on this machine: 4 per core, at most [`MAX_THREADS`].
pub fn thread_limit() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores * 4).clamp(1, MAX_THREADS)
}

/// `requested` threads, capped at [`thread_limit`], with a warning when it was capped.
pub fn cap_threads(requested: usize) -> (usize, Option<String>) {
    let limit = thread_limit();
    if requested <= limit {
        return (requested, None);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (
        limit,
        Some(format!(
            "{requested} threads asked for, but this machine has {cores} core(s): using {limit} (at most 4 per core and {MAX_THREADS} in all)"
        )),
    )
}

/// Decompresses gzip input (any number of members) under the expansion limit of
/// `limits`: past it, the read fails once with an error saying so (the caller names the
/// file), then the stream ends, so a gzip bomb costs at most the limit in memory and time.
pub fn gunzip_limited(reader: Box<dyn BufRead + Send>, limits: &Limits) -> Box<dyn BufRead + Send> {
    let compressed = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: reader,
        count: compressed.clone(),
    };
    Box::new(io::BufReader::with_capacity(
        1 << 16,
        RatioLimit {
            inner: crate::warc::GzMembers::new(counted),
            compressed,
            out: 0,
            ratio: limits.max_gzip_ratio,
            floor: limits.gzip_floor_bytes,
            tripped: false,
        },
    ))
}

/// A reader that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.count.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

struct RatioLimit<R> {
    inner: R,
    compressed: Arc<AtomicU64>,
    out: u64,
    ratio: u64,
    floor: u64,
    tripped: bool,
}

impl<R: Read> Read for RatioLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let compressed = self.compressed.load(Ordering::Relaxed).max(1);
        let allowed = compressed.saturating_mul(self.ratio).max(self.floor);
        if self.out > allowed {
            self.tripped = true;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the gzip data expands more than {}× (over {} from {} compressed): reading stopped there, as it looks like a decompression bomb; decompress it yourself if it is genuine",
                    self.ratio,
                    megabytes(self.out),
                    megabytes(compressed),
                ),
            ));
        }
        Ok(n)
    }
}

/// One line of a [`Lines`] reader.
#[derive(Debug)]
pub enum Line {
    /// The line's bytes, without the newline.
    Text(Vec<u8>),
    /// The line was longer than the limit and was skipped; this many bytes long.
    TooLong(u64),
    /// Reading failed.
    Failed(io::Error),
}

/// The lines of a stream, numbered from 1, holding at most `max` bytes at a time: a line
/// longer than that is read past without being kept ([`Line::TooLong`]).
pub struct Lines<R> {
    reader: R,
    max: usize,
    lineno: usize,
    failures_in_a_row: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`, each at most `max` bytes long.
    pub fn new(reader: R, max: usize) -> Self {
        Lines {
            reader,
            max,
            lineno: 0,
            failures_in_a_row: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = (usize, Line);

    fn next(&mut self) -> Option<(usize, Line)> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        let mut length = 0u64;
        let mut started = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failures_in_a_row += 1;
                    // A stream that keeps failing is given up.
                    self.done = self.failures_in_a_row >= 16;
                    self.lineno += 1;
                    return Some((self.lineno, Line::Failed(e)));
                }
            };
            self.failures_in_a_row = 0;
            if buf.is_empty() {
                self.done = true;
                if !started {
                    return None;
                }
                break;
            }
            started = true;
            let (take, ends) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            length += take as u64;
            if length <= self.max as u64 {
                line.extend_from_slice(&buf[..take]);
            } else {
                line = Vec::new();
            }
            self.reader.consume(take + usize::from(ends));
            if ends {
                break;
            }
        }
        self.lineno += 1;
        if length > self.max as u64 {
            Some((self.lineno, Line::TooLong(length)))
        } else {
            Some((self.lineno, Line::Text(line)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn article(body: &str) -> Article {
        Article {
            body: body.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn long_articles_are_cut_at_a_paragraph_break() {
        let para = "The talks resumed on Monday. Both sides said little.\n";
        let mut a = article(&para.repeat(100));
        let warning = cap_article(&mut a, 1000).expect("over the limit");
        assert!(a.body.len() <= 1000);
        assert!(
            a.body.ends_with("said little."),
            "{:?}",
            &a.body[a.body.len() - 20..]
        );
        assert!(warning.contains("--max-article-bytes"), "{warning}");
        assert!(warning.contains("paragraph"), "{warning}");
        assert_eq!(a.warnings, [warning]);
        // Within the limit: untouched.
        let mut short = article(para);
        assert_eq!(cap_article(&mut short, 1000), None);
        assert_eq!(short.body, para);
        assert!(short.warnings.is_empty());
    }

    #[test]
    fn without_paragraphs_the_cut_is_at_a_sentence_end_and_a_char_boundary() {
        let mut a = article(&"Élan vital returned. ".repeat(100));
        cap_article(&mut a, 500).unwrap();
        assert!(a.body.ends_with("returned."), "{}", a.body);
        assert!(a.warnings[0].contains("sentence"));
        let mut b = article(&"é".repeat(1000));
        cap_article(&mut b, 501).unwrap();
        assert_eq!(b.body.len(), 500);
    }

    #[test]
    fn threads_are_capped() {
        let limit = thread_limit();
        assert!((1..=MAX_THREADS).contains(&limit));
        assert_eq!(cap_threads(1), (1, None));
        let (n, warning) = cap_threads(10_000);
        assert_eq!(n, limit);
        assert!(warning.unwrap().contains("10000 threads"));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit_with_an_error() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..8 {
            gz.write_all(&zeros).unwrap();
        }
        let bomb = gz.finish().unwrap();
        let limits = Limits {
            gzip_floor_bytes: 1 << 20,
            ..Limits::default()
        };
        let mut reader = gunzip_limited(Box::new(io::Cursor::new(bomb)), &limits);
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).unwrap_err().to_string();
        assert!(err.contains("decompression bomb"), "{err}");
        assert!(err.contains("100×"), "{err}");
        assert!(out.len() <= (1 << 20) + (1 << 16), "{}", out.len());
        // After the error the stream ends.
        assert_eq!(reader.read(&mut [0u8; 16]).unwrap(), 0);
        // Ordinary text is read whole.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let text: String = (0..20_000)
            .map(|i| format!("line {i} of the story\n"))
            .collect();
        gz.write_all(text.as_bytes()).unwrap();
        let plain = gz.finish().unwrap();
        let limits = Limits {
            gzip_floor_bytes: 0,
            ..Limits::default()
        };
        let mut reader = gunzip_limited(Box::new(io::Cursor::new(plain)), &limits);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn an_over_long_line_is_skipped_and_counted() {
        let input = format!("one\n{}\nthree\n\nfive", "x".repeat(100));
        let lines: Vec<_> = Lines::new(io::BufReader::with_capacity(8, input.as_bytes()), 10)
            .map(|(n, l)| match l {
                Line::Text(t) => format!("{n}:{}", String::from_utf8(t).unwrap()),
                Line::TooLong(len) => format!("{n}:too long ({len})"),
                Line::Failed(e) => format!("{n}:{e}"),
            })
            .collect();
        assert_eq!(
            lines,
            ["1:one", "2:too long (100)", "3:three", "4:", "5:five"]
        );
        assert_eq!(Lines::new(io::Cursor::new(b""), 10).count(), 0);
        assert_eq!(Lines::new(io::Cursor::new(b"a\n"), 10).count(), 1);
    }
}

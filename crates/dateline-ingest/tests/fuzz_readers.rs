//! A deterministic mutation fuzzer for the HTML, feed and WARC readers, for machines
//! without `cargo fuzz` (which needs nightly and a sanitizer build; its targets are in
//! `fuzz/`). Seeds are the shared fixtures plus small synthetic inputs; each round
//! flips, inserts, deletes, duplicates or splices bytes, sometimes gzips the result, and
//! feeds it to one reader. A panic or a stack overflow fails the run.
//!
//! `FUZZ_SECONDS=600 cargo test --release -p dateline-ingest --test fuzz_readers -- --ignored --nocapture`
//! (FUZZ_SECONDS per reader; FUZZ_READER=html|feed|warc runs one.)

use std::io::Write;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn seeds(kind: &str) -> Vec<Vec<u8>> {
    let shared = dateline_core::shared_dir().join("data");
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut add_dir = |dir: std::path::PathBuf, filter: &dyn Fn(&str) -> bool| {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if filter(&p.to_string_lossy()) {
                    if let Ok(b) = std::fs::read(&p) {
                        out.push(b);
                    }
                }
            }
        }
    };
    match kind {
        "html" => {
            add_dir(shared.join("article-extraction/html"), &|p| {
                p.ends_with(".html.gz")
            });
            out.truncate(40);
            out = out
                .into_iter()
                .map(|gz| {
                    let mut s = Vec::new();
                    let _ = std::io::Read::read_to_end(
                        &mut flate2::read::GzDecoder::new(&gz[..]),
                        &mut s,
                    );
                    s.truncate(80_000);
                    s
                })
                .collect();
            out.push(b"<html><head><meta property='article:published_time' content='2025-02-15'></head><body><article><p>Text one.</p><p>Text two<br>line</p></article></body></html>".to_vec());
        }
        "feed" => {
            add_dir(shared.join("feeds-warc/feed-rs"), &|p| {
                p.ends_with(".xml") || (p.ends_with(".json") && !p.ends_with(".serde.json"))
            });
            add_dir(shared.join("feeds-warc/trafilatura"), &|_| true);
            out.push(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>T</title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>".to_vec());
        }
        _ => {
            add_dir(shared.join("feeds-warc/warcio"), &|p| {
                !p.ends_with("LICENSE")
            });
            out.push(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello world</p>\r\n\r\n".to_vec());
        }
    }
    if out.is_empty() {
        eprintln!("no shared fixtures found; fuzzing from the synthetic seed only");
    }
    out
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let len = data.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, bytes);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(4096));
                data.drain(i..i + n);
            }
            3 => data.truncate(rng.below(len + 1)),
            4 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(2048));
                let chunk = data[i..i + n].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, chunk);
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = 1 + rng.below((other.len() - i).min(4096));
                    let at = rng.below(data.len() + 1);
                    data.splice(at..at, other[i..i + n].iter().copied());
                }
            }
            _ => {
                // Structure-aware: repeat an opening tag or a header line many times.
                let pieces: [&[u8]; 6] = [
                    b"<div>",
                    b"<p>",
                    b"\r\n",
                    b"WARC/1.0\r\n",
                    b"<![CDATA[",
                    b"&amp;",
                ];
                let piece = pieces[rng.below(pieces.len())];
                let at = rng.below(data.len() + 1);
                let reps = 1 + rng.below(600);
                data.splice(
                    at..at,
                    piece.iter().copied().cycle().take(piece.len() * reps),
                );
            }
        }
    }
    data
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn run(kind: &str, input: &[u8]) {
    match kind {
        "html" => {
            let page = dateline_ingest::decode_html(input);
            let a = dateline_ingest::html::extract(
                &page,
                Some("https://example.com/2025/02/15/x"),
                None,
            );
            assert!(!a.body.contains("\n\n"));
        }
        "feed" => {
            let _ = dateline_ingest::feed::read_feed(input, "fuzz.xml");
        }
        _ => {
            let reader =
                dateline_ingest::warc::maybe_gunzip(std::io::Cursor::new(input.to_vec())).unwrap();
            // Reading must end (each item consumes input); a hang shows as a stalled run.
            let _ = dateline_ingest::warc::read_archive("fuzz.warc".into(), reader).count();
        }
    }
}

#[test]
#[ignore = "long-running fuzz campaign; run explicitly"]
fn fuzz_readers() {
    let secs: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let only = std::env::var("FUZZ_READER").ok();
    for kind in ["html", "feed", "warc"] {
        if only.as_deref().is_some_and(|o| o != kind) {
            continue;
        }
        let seeds = seeds(kind);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ kind.len() as u64);
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut runs = 0u64;
        while Instant::now() < deadline {
            let mut input = mutate(&mut rng, &seeds);
            if kind == "warc" && rng.below(3) == 0 {
                input = gzip(&input);
            }
            let result = std::panic::catch_unwind(|| run(kind, &input));
            if result.is_err() {
                let path =
                    std::env::temp_dir().join(format!("dateline-fuzz-{kind}-crash-{runs}.bin"));
                std::fs::write(&path, &input).unwrap();
                panic!(
                    "{kind} reader panicked on input saved to {}",
                    path.display()
                );
            }
            runs += 1;
        }
        eprintln!("fuzz {kind}: {runs} inputs in {secs} s, no panic");
    }
}

//! Fuzzes prepare + segment for a set time with random inputs built from tricky pieces,
//! random Unicode and mutated real text, checking the output invariants after each run.
//!
//! ```text
//! fuzz-segment [--seconds N] [--seed N] [--corpus FILE]
//! ```
//! Exits non-zero and prints the input (escaped) on the first panic or broken invariant.

use dateline_core::{Document, Source};
use std::time::{Duration, Instant};

const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{A0}",
    "\u{200B}",
    "\u{AD}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{2029}",
    "\u{301}",
    "e\u{301}",
    ".",
    "..",
    "...",
    "…",
    "?",
    "!",
    "?!",
    ",",
    ";",
    ":",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "-",
    "–",
    "—",
    "--",
    "/",
    "&",
    "@",
    "#",
    "$",
    "£",
    "%",
    "Mr",
    "Mr.",
    "Dr.",
    "U.S.",
    "a.m.",
    "No.",
    "No. 10",
    "J.",
    "Inc.",
    "etc.",
    "etc...",
    "don't",
    "can’t",
    "Starmer’s",
    "parents'",
    "'90s",
    "1.5bn",
    "$1.5bn",
    "10:30",
    "1,000",
    "15-year",
    "post-war",
    "F-16",
    "http://x.co/a_(b)",
    "https://bbc.co.uk/news?a=1&b=2.",
    "www.gov.uk",
    "jo.smith@bbc.co.uk",
    "@user",
    "#tag",
    "The",
    "he",
    "said",
    "Getty Images",
    "(\nGetty Images)",
    "(\n",
    "Getty Images)",
    "Image caption",
    "Image copyright Reuters",
    "Share this with",
    "Email",
    "Facebook",
    "Media playback is unsupported on your device",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{7f}",
    "😀",
    "👩\u{200D}💻",
    "ﬁ",
    "İ",
    "ß",
    "Ω",
    "漢字",
    "عربى",
    "\u{202E}",
    "\u{10FFFF}",
    "a",
    "Z",
    "9",
    "__",
    "*",
    "<3",
    ":)",
    "’s",
    "n't",
    "'ll",
    "cannot",
    "gonna",
    "ca",
    "A/B",
    "9/11",
    "AT&T",
    "e-mail",
    "3.",
    "5G",
    "Ã©",
    "Ã\u{83}Â§",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn random_char(rng: &mut Rng) -> char {
    let ranges: &[(u32, u32)] = &[
        (0x20, 0x7E),
        (0x0, 0x20),
        (0x80, 0x2FF),
        (0x300, 0x36F),
        (0x2000, 0x206F),
        (0x3000, 0x30FF),
        (0x1F300, 0x1F6FF),
        (0xFE00, 0xFFFF),
        (0x0, 0x10FFFF),
    ];
    let (lo, hi) = ranges[rng.below(ranges.len())];
    loop {
        let c = lo + (rng.next() % u64::from(hi - lo + 1)) as u32;
        if let Some(ch) = char::from_u32(c) {
            return ch;
        }
    }
}

fn generate(rng: &mut Rng, corpus: &[char]) -> String {
    let mut s = String::new();
    let len = match rng.below(10) {
        0 => rng.below(5),
        1..=6 => rng.below(200),
        7 | 8 => rng.below(3_000),
        _ => rng.below(30_000),
    };
    for _ in 0..len {
        match rng.below(10) {
            0..=5 => s.push_str(PIECES[rng.below(PIECES.len())]),
            6 | 7 => s.push(random_char(rng)),
            _ if !corpus.is_empty() => {
                let start = rng.below(corpus.len());
                let n = rng.below(80).min(corpus.len() - start);
                s.extend(&corpus[start..start + n]);
            }
            _ => s.push(' '),
        }
    }
    s
}

fn check(raw: &str) -> Result<(), String> {
    let prepared = dateline_text::prepare(raw);
    dateline_text::check_offsets(raw, &prepared)?;
    let mut doc = Document::new("f", Source::text("f"), prepared.text);
    dateline_text::segment(&mut doc);
    dateline_text::check_segmentation(&doc)
}

fn main() {
    let mut seconds = 60u64;
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut corpus_text = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).unwrap_or(seconds),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--corpus" => {
                if let Some(p) = args.next() {
                    corpus_text = std::fs::read_to_string(&p).unwrap_or_default();
                }
            }
            other => {
                eprintln!("unknown argument {other}; usage: fuzz_segment [--seconds N] [--seed N] [--corpus FILE]");
                std::process::exit(2);
            }
        }
    }
    let corpus: Vec<char> = corpus_text.chars().collect();
    let mut rng = Rng(seed.max(1));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    let mut chars = 0u64;
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let input = generate(&mut rng, &corpus);
        chars += input.chars().count() as u64;
        let outcome = std::panic::catch_unwind(|| check(&input));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(p) => Some(
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic".into()),
            ),
        };
        if let Some(msg) = failure {
            println!("FAILED after {runs} inputs: {msg}\ninput: {input:?}");
            std::process::exit(1);
        }
        runs += 1;
    }
    println!(
        "fuzz_segment: {runs} inputs, {chars} chars, {seconds} s, no panic, all invariants held"
    );
}

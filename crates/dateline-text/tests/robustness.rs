//! Property tests: prepare + segment never panic and always produce well-formed output.
//! `PROPTEST_CASES=100000 cargo test -p dateline-text --release --test robustness` runs a
//! long session; `examples/fuzz_segment.rs` fuzzes for a set time.

use dateline_core::{Document, Source};
use proptest::prelude::*;

fn check(raw: &str) -> Result<(), TestCaseError> {
    let prepared = dateline_text::prepare(raw);
    dateline_text::check_offsets(raw, &prepared).map_err(TestCaseError::fail)?;
    let mut doc = Document::new("p", Source::text("p"), prepared.text);
    dateline_text::segment(&mut doc);
    dateline_text::check_segmentation(&doc).map_err(TestCaseError::fail)?;
    Ok(())
}

/// Pieces that exercise the tricky paths: abbreviations, clitics, quotes, debris lines,
/// URLs, odd spaces, invisible chars, combining marks, line breaks of every kind.
const PIECES: &[&str] = &[
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
    "U.S.",
    "a.m.",
    "No.",
    "J.",
    "Inc.",
    "etc.",
    "don't",
    "can’t",
    "Starmer’s",
    "parents'",
    "'90s",
    "1.5bn",
    "10:30",
    "1,000",
    "15-year",
    "post-war",
    "http://x.co/a_(b)",
    "www.bbc.co.uk.",
    "a@b.com",
    "@user",
    "#tag",
    "The",
    "he",
    "said",
    "Getty Images",
    "(\nGetty Images)",
    "Image caption",
    "Share this with",
    "Email",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "😀",
    "👩\u{200D}💻",
    "ﬁ",
    "İ",
    "ß",
    "Ω",
    "漢字",
    "عربى",
    "\u{202E}",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_unicode_is_handled(raw in any::<String>()) {
        check(&raw)?;
    }

    #[test]
    fn tricky_pieces_are_handled(raw in pieces()) {
        check(&raw)?;
    }

    #[test]
    fn punctuation_only_is_handled(raw in "[.!?…,;:'\"“”‘’()\\[\\]{}<>/\\\\|@#$%^&*+=~`_ \n-]{0,200}") {
        check(&raw)?;
    }
}

#[test]
fn long_inputs_without_breaks_are_cut_into_bounded_sentences() {
    let raw = "word ".repeat(5_000) + &"x-".repeat(5_000) + &".".repeat(5_000);
    check(&raw).unwrap();
    let prepared = dateline_text::prepare(&raw);
    let (sentences, _) = dateline_text::segment_text(&prepared.text);
    assert!(sentences.len() >= 5_000 / dateline_text::MAX_SENTENCE_TOKENS);
}

//! A scanned text for the finders' unit tests: the stage's own tokens, no syntax layer.

use super::scan_view::Scan;
use crate::lexicon::{Lexicon, CUES_TSV};
use crate::scan;

/// Scans `text` as the stage does without a parse and hands the scan to `f`.
pub(super) fn with_scan<R>(text: &str, f: impl FnOnce(&Scan) -> R) -> R {
    let chars: Vec<char> = text.chars().collect();
    let paras = scan::paragraphs(&chars);
    let spans = scan::quoted_spans(&chars, &paras);
    let toks = scan::tokenize(&chars, &paras, &spans, &[]);
    let lex = Lexicon::parse(CUES_TSV).unwrap();
    let sc = Scan::new(&chars, &toks, &spans, &lex, None);
    f(&sc)
}

/// The text of tokens `[s, e)`.
pub(super) fn words(sc: &Scan, (s, e): (usize, usize)) -> String {
    sc.chars[sc.toks[s].start..sc.toks[e - 1].end]
        .iter()
        .collect()
}

/// The index of the first token whose lower-cased text is `w`.
pub(super) fn tok(sc: &Scan, w: &str) -> usize {
    sc.toks.iter().position(|t| t.lower == w).unwrap()
}

//! Finding quotes and their attributions (cue verb and speaker words) over the scanned text.
//!
//! - `words`: the word lists the finders read;
//! - `scan_view`: the scanned text (tokens, spans, sentences, cues) every finder reads;
//! - `speaker_np`: speaker noun phrases left and right of a cue;
//! - `attribution`: the cue and speaker of a quoted span;
//! - `quoted`: direct and partial quotes from the quoted spans;
//! - `reported`: indirect speech from cue verbs with a complement clause.

mod attribution;
mod quoted;
mod reported;
mod scan_view;
mod speaker_np;
mod words;

pub use quoted::quoted;
pub use reported::reported;
pub use scan_view::Scan;
pub use words::{DOCUMENT_NOUNS, PRONOUNS};

use dateline_core::QuoteKind;

/// A quote found in the text before speaker linking. Offsets are chars; token indices
/// point into the stage's own tokens.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// Token range of the cue (may be several words: "according to").
    pub cue: Option<(usize, usize)>,
    /// Token range of the speaker words.
    pub speaker: Option<(usize, usize)>,
    /// Inherits the previous quote's attribution (a quote sequence with no new cue).
    pub continues: bool,
    /// The quoted span this candidate comes from (direct and partial quotes).
    pub span: Option<usize>,
}

#[cfg(test)]
mod testing;

//! Text preparation and segmentation for English news.
//!
//! These are the pipeline's first steps (run by dateline-nlp): every later layer —
//! syntax, times, entities, quotes, events — is computed on the prepared text and the
//! sentences and tokens made here.
//!
//! [`prepare`] turns a raw article body into the document text: line breaks, odd spaces,
//! invisible chars and decomposed accents are normalised, mojibake ("itâ€™s") is
//! repaired, and scraping debris (photo
//! credits split over lines, image captions, share widgets, "Media playback is
//! unsupported…") is removed with a warning each. Quotes, apostrophes, dashes and ellipses
//! are kept as written. Every prepared char maps back to the raw input through
//! [`Prepared::offsets`].
//!
//! [`segment`] fills a document's sentences and tokens in one linear pass. Tokens follow
//! the UD English EWT conventions the parser is trained on: clitics split ("do n't",
//! "Starmer ’s"), punctuation and quotes separate, abbreviations keep their period
//! ("Mr.", "U.S.", "a.m."), money and units split ("$ 1.5 bn"), most hyphenated compounds
//! split ("15 - year") except bound prefixes ("post-war").
//!
//! ```
//! use dateline_core::{Document, Source};
//!
//! let raw = "Starmer to meet Trump\r\nMr Starmer will travel to the U.S. next week. \
//!            “It’s clear,” he said.\r\n(\r\nGetty Images)\r\nTalks begin on Monday.";
//! let prepared = dateline_text::prepare(raw);
//! assert_eq!(prepared.warnings, vec!["removed photo credit \"(Getty Images)\" at line 3"]);
//!
//! let mut doc = Document::new("d1", Source::text("a.txt"), prepared.text);
//! dateline_text::segment(&mut doc);
//! let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.start, s.end)).collect();
//! assert_eq!(sentences, [
//!     "Starmer to meet Trump",
//!     "Mr Starmer will travel to the U.S. next week.",
//!     "“It’s clear,” he said.",
//!     "Talks begin on Monday.",
//! ]);
//! let words: Vec<&str> = doc.tokens[14..20].iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(words, ["“", "It", "’s", "clear", ",", "”"]);
//! ```

#![deny(missing_docs)]

pub mod conllu;
mod debris;
mod lexicon;
mod mojibake;
mod normalize;
mod sentences;
mod tokenize;

pub use dateline_core::OffsetMap;
pub use debris::{DebrisKind, Removal};
pub use sentences::MAX_SENTENCE_TOKENS;

use dateline_core::{Document, Sentence, Token};

/// The prepared text of an article and what preparation changed.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The text every later stage works on.
    pub text: String,
    /// One line per change a reader should know about (each removed piece of debris).
    pub warnings: Vec<String>,
    /// Maps char offsets in `text` back to char offsets in the raw input.
    pub offsets: OffsetMap,
    /// The debris removed, in raw char offsets.
    pub removals: Vec<Removal>,
}

impl Prepared {
    /// The raw-input char span of the prepared span `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.offsets.span_to_original(start, end)
    }
}

/// Prepares raw article text for the pipeline.
pub fn prepare(raw: &str) -> Prepared {
    let lines = debris::lines(raw);
    let removals = debris::find(raw, &lines);
    drop(lines);
    let (mut text, mut offsets, stats) = normalize::normalize(raw, &removals);
    let repaired = mojibake::repair(&mut text, &mut offsets);
    let mut warnings: Vec<String> = removals.iter().map(Removal::warning).collect();
    if repaired > 0 {
        warnings.push(format!(
            "repaired {repaired} mis-decoded character sequence(s) (UTF-8 read as Windows-1252)"
        ));
    }
    if stats.control_chars > 0 {
        warnings.push(format!(
            "replaced {} control character(s) with spaces",
            stats.control_chars
        ));
    }
    Prepared {
        text,
        warnings,
        offsets,
        removals,
    }
}

/// The segmentation stage: [`segment`] as a pipeline [`Stage`](dateline_core::Stage).
#[derive(Debug, Clone, Copy, Default)]
pub struct Segmenter;

impl dateline_core::Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [dateline_core::Layer] {
        &[dateline_core::Layer::Text]
    }

    fn assigns(&self) -> &'static [dateline_core::Layer] {
        &[
            dateline_core::Layer::Sentences,
            dateline_core::Layer::Tokens,
        ]
    }

    fn annotate(&self, doc: &mut Document) {
        segment(doc);
    }
}

/// Fills `doc.sentences` and `doc.tokens` from `doc.text` (replacing any already there).
pub fn segment(doc: &mut Document) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut raw_tokens = Vec::with_capacity(chars.len() / 5 + 1);
    tokenize::tokenize(&chars, &mut raw_tokens);
    let ranges = sentences::split(&chars, &raw_tokens);
    let mut tokens = Vec::with_capacity(raw_tokens.len());
    let mut sents = Vec::with_capacity(ranges.len());
    for (s, range) in ranges.into_iter().enumerate() {
        if range.is_empty() {
            continue;
        }
        sents.push(Sentence {
            start: raw_tokens[range.start].start,
            end: raw_tokens[range.end - 1].end,
        });
        for t in &raw_tokens[range] {
            let text: String = chars[t.start..t.end].iter().collect();
            let mut token = Token::new(t.start, t.end, text, s);
            token.space_after = chars.get(t.end).is_some_and(|c| c.is_whitespace());
            tokens.push(token);
        }
    }
    doc.tokens = tokens;
    doc.sentences = sents;
    doc.tokens_changed();
}

/// Whether `line` reads like a headline: short (at most 25 words), starting with a
/// capital, a digit or a quote, and not ending like a sentence of prose (no final full
/// stop, comma, semicolon or colon; a question or exclamation mark is fine). Readers use
/// it to decide whether an article's first line is its title.
pub fn is_headline_like(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit() || "\"“‘'".contains(first)) {
        return false;
    }
    if line.chars().count() > 200 || line.split_whitespace().count() > 25 {
        return false;
    }
    let body = line.trim_end_matches(['"', '”', '’', '\'', ')']);
    !body.ends_with(['.', ',', ';', ':']) || body.ends_with("...")
}

/// Checks that `doc`'s tokens and sentences are well formed: tokens ordered, disjoint,
/// in bounds, equal to their span of the text and covering every non-space char;
/// sentences ordered, disjoint, each spanning exactly its tokens. Returns the first
/// violation found. Tests and fuzzers use it; it is linear in the text.
pub fn check_segmentation(doc: &Document) -> Result<(), String> {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    let mut covered = 0usize; // chars before this offset are covered or whitespace
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.start >= t.end || t.end > n {
            return Err(format!(
                "token {i} has span {}..{} (text has {n} chars)",
                t.start, t.end
            ));
        }
        if t.start < covered {
            return Err(format!(
                "token {i} at {} overlaps the previous token",
                t.start
            ));
        }
        if let Some(p) = (covered..t.start).find(|&p| !chars[p].is_whitespace()) {
            return Err(format!("char {p} ({:?}) belongs to no token", chars[p]));
        }
        let text: String = chars[t.start..t.end].iter().collect();
        if text != t.text {
            return Err(format!("token {i} text {:?} != span text {text:?}", t.text));
        }
        if text.chars().any(char::is_whitespace) {
            return Err(format!("token {i} {text:?} contains whitespace"));
        }
        let space = chars.get(t.end).is_some_and(|c| c.is_whitespace());
        if t.space_after != space {
            return Err(format!("token {i} space_after is {}", t.space_after));
        }
        let Some(s) = doc.sentences.get(t.sentence) else {
            return Err(format!(
                "token {i} points to missing sentence {}",
                t.sentence
            ));
        };
        if t.start < s.start || t.end > s.end {
            return Err(format!(
                "token {i} lies outside its sentence {}",
                t.sentence
            ));
        }
        if i > 0 && doc.tokens[i - 1].sentence > t.sentence {
            return Err(format!("token {i} goes back to an earlier sentence"));
        }
        covered = t.end;
    }
    if let Some(p) = (covered..n).find(|&p| !chars[p].is_whitespace()) {
        return Err(format!("char {p} ({:?}) belongs to no token", chars[p]));
    }
    let mut prev_end = 0;
    for (s, sent) in doc.sentences.iter().enumerate() {
        let range = doc.sentence_tokens(s);
        if range.is_empty() {
            return Err(format!("sentence {s} has no tokens"));
        }
        if range.len() > MAX_SENTENCE_TOKENS {
            return Err(format!("sentence {s} has {} tokens", range.len()));
        }
        if sent.start < prev_end {
            return Err(format!("sentence {s} overlaps the previous one"));
        }
        if sent.start != doc.tokens[range.start].start || sent.end != doc.tokens[range.end - 1].end
        {
            return Err(format!("sentence {s} does not span exactly its tokens"));
        }
        prev_end = sent.end;
    }
    Ok(())
}

/// Checks that every prepared char maps to a raw char, in order.
pub fn check_offsets(raw: &str, prepared: &Prepared) -> Result<(), String> {
    let raw_len = raw.chars().count();
    let len = prepared.text.chars().count();
    if prepared.offsets.prepared_len() != len || prepared.offsets.raw_len() != raw_len {
        return Err(format!(
            "offset map lengths {}/{} != texts {len}/{raw_len}",
            prepared.offsets.prepared_len(),
            prepared.offsets.raw_len()
        ));
    }
    let mut prev_end = 0usize;
    for p in 0..len {
        let (s, e) = prepared.offsets.span_to_original(p, p + 1);
        if s < prev_end || e <= s || e > raw_len {
            return Err(format!(
                "prepared char {p} maps to raw {s}..{e} (previous ends at {prev_end}, raw has {raw_len})"
            ));
        }
        prev_end = e;
    }
    Ok(())
}

/// Convenience for callers without a [`Document`]: the sentences and tokens of `text`.
pub fn segment_text(text: &str) -> (Vec<Sentence>, Vec<Token>) {
    let mut doc = Document::new("", dateline_core::Source::text(""), text.to_string());
    segment(&mut doc);
    (doc.sentences, doc.tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{CharIndex, Source};

    fn seed_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/seed-article.txt")
    }

    #[test]
    fn reference_article_has_22_sentences() {
        let raw = std::fs::read_to_string(seed_path()).expect("seed article fixture");
        let prepared = prepare(&raw);
        assert_eq!(
            prepared.warnings,
            vec!["removed photo credit \"(Getty Images)\" at line 11"]
        );
        let mut doc = Document::new("seed", Source::text("seed"), prepared.text.clone());
        segment(&mut doc);
        let got: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| doc.slice(s.start, s.end))
            .collect();
        let expected = [
            "Keir Starmer assembly with Donald Trump date confirmed to comply with EU leaders summit on Ukraine",
            "Keir Starmer will travel to Washington to meet Donald Trump, following an expected meeting of European leaders to discuss Ukraine, it is understood.",
            "France is preparing to host an informal meeting of leaders on Monday, which Mr Starmer will attend, as will Nato Secretary General Mark Rutte.",
            "Mr Starmer will head to the White House the following week (WC 24th Feb) to take messages from the meeting to the US President.",
            "“This is a once in a generation moment for our national security where we engage with the reality of the world today and the threat we face from Russia,” the Prime Minister said.",
            "“It’s clear Europe must take on a greater role in NATO as we work with the United Sates to secure Ukraine’s future and face down the threat we face from Russia.",
            "The UK will work to ensure we keep the US and Europe together.",
            "We cannot allow any divisions in the alliance to distract from the external enemies we face.”",
            "Mr Starmer spoke to President Volodymyr Zelensky on Friday Morning, and discussed the importance of a US Security guarantee that Vladimir Putin does not attack Ukraine again once peace is reached.",
            "Government sources believe Keir Starmer’s forthcoming meeting with Mr Trump could be key to determining the direction the peace talks will take – despite the President yesterday dismissing the visit as being at “his [Mr Starmer’s] request, not mine”.",
            "And sources at the Munich Security Conference said the UK’s ‘special relationship’ means it is in a better position to “steer the US where others can’t.”",
            "Clear red lines for negotiations have yet to be drawn.",
            "But it’s felt Nato membership for Ukraine should remain on the table, and the US should guarantee some level of support for European forces in maintaining any peaceful settlement.",
            "And Keith Kellogg, Mr Trump’s envoy to Ukraine, accepted Russia would have to give back territory it had invaded if peace were to be achieved.",
            "“To me there will have to be things like territorial concessions as well,” he said at a panel event in Munich.",
            "“There’s some territorial…renouncement of the use of force into the future.",
            "He’s not going to downsize his military force.",
            "What we’re going to try to do is force him into actions maybe he’s uncomfortable with.”",
            "Kellogg is expected to visit Ukraine next week, hoping to bring Mr Zelensky to the table at proposed talks.",
            "G7 foreign ministers at the Munich summit agreed to continue pursuing a strong peace deal for Ukraine – with robust security guarantees.",
            "And they linked future sanctions on Russia to the forthcoming negotiations.",
            "“Any new, additional sanctions after February should be linked to whether the Russian Federation enters into real, good-faith efforts to bring an enduring end to the war against Ukraine that provides Ukraine with long-term security and stability as a sovereign, independent country,” the statement – which includes US Secretary of State Marco Rubio – said after a meeting on the sidelines of the conference.",
        ];
        assert_eq!(got, expected);

        // Every token maps back to the same text in the raw file.
        let raw_index = CharIndex::new(&raw);
        for t in &doc.tokens {
            let (s, e) = prepared.original_span(t.start, t.end);
            assert_eq!(raw_index.slice(&raw, s, e), t.text);
        }
    }

    #[test]
    fn tokens_and_sentences_are_consistent() {
        let text = "“It’s clear,” he said. \"No.\"\n\nU.S. troops—$1.5bn—left at 10:30.";
        let (sents, toks) = segment_text(text);
        let idx = CharIndex::new(text);
        for t in &toks {
            assert_eq!(idx.slice(text, t.start, t.end), t.text);
            let s = sents[t.sentence];
            assert!(s.start <= t.start && t.end <= s.end);
        }
        assert_eq!(sents.len(), 3);
        assert!(!toks[0].space_after && !toks[4].space_after && toks[5].space_after);
    }

    #[test]
    fn headlines_are_recognised() {
        assert!(is_headline_like(
            "Keir Starmer assembly with Donald Trump date confirmed to comply with EU leaders summit on Ukraine"
        ));
        assert!(is_headline_like("Is this the end of cheap flights?"));
        assert!(is_headline_like("‘We will not back down’, says minister"));
        assert!(!is_headline_like(
            "Keir Starmer will travel to Washington to meet Donald Trump."
        ));
        assert!(!is_headline_like("“It’s clear,” he said."));
        assert!(!is_headline_like("the lower-case start of a line"));
        assert!(!is_headline_like(""));
    }

    #[test]
    fn empty_and_blank_inputs() {
        for text in ["", " ", "\n\n\n", "\u{200B}\u{FEFF}"] {
            let p = prepare(text);
            let (s, t) = segment_text(&p.text);
            assert!(s.is_empty() && t.is_empty(), "{text:?}");
        }
    }
}

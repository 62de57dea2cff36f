//! Quotes: who said what. Direct, partial and reported (indirect) speech, each tied to the
//! words naming its speaker and, through `doc.entities`, to a speaker entity.
//!
//! The stage makes one linear pass over the text:
//! 1. quotation marks are told apart from apostrophes (it’s, the ’90s, rock ’n’ roll) and
//!    paired — curly and straight, double and British single, across paragraphs by the
//!    newspaper convention of an unclosed paragraph continued by a reopened one;
//! 2. each quoted span is classed as a whole utterance (`direct`) or a fragment embedded
//!    in the author's sentence (`partial`); scare quotes and titles are dropped;
//! 3. attributions are read around each span (“…,” he said / X said: “…” / “…,” said X /
//!    according to X), a cue-less quote continues the previous speaker, and reported speech
//!    is found as a cue verb with a complement clause (`indirect`);
//! 4. speaker words are linked to entities: by mention overlap, name, pronoun (preferring
//!    the previous quote's speaker), office ("the Prime Minister"), or document noun ("the
//!    statement" → the organisation that issued it).
//!
//! The cue lexicon (`data/cues.tsv`) lists the sources it was derived from. `Quote::cue` is
//! the cue **as written** in the text ("said", "dismissing", "according to"); a quote that
//! continues the previous speaker without a cue of its own repeats that quote's cue and
//! speaker words. The stage uses the syntax layer (UPOS, `nsubj`, `ccomp`) when the parser
//! has filled it and robust token patterns otherwise, and works with or without entities.
//!
//! Evaluation: `eval/quotes.sh` (PolNeAR dev; `--split train`, `--errors` to list the
//! misses). The lexicon's PolNeAR counts: `cargo run -p dateline-quotes --release --example
//! polnear_cues`. A quick look at any text: `--example show -- FILE`.
//!
//! ```
//! use dateline_core::{Document, QuoteKind, Source};
//! use dateline_quotes::QuoteExtractor;
//!
//! let text = "“We will not back down,” the minister said. Officials said the talks had failed.";
//! let mut doc = Document::new("d", Source::text("d.txt"), text.into());
//! QuoteExtractor::load().unwrap().annotate(&mut doc);
//! assert_eq!(doc.quotes[0].text, "We will not back down,");
//! assert_eq!(doc.quotes[0].speaker_text.as_deref(), Some("the minister"));
//! assert_eq!(doc.quotes[1].kind, QuoteKind::Indirect);
//! assert_eq!(doc.quotes[1].text, "the talks had failed");
//! ```

#![deny(missing_docs)]

mod extract;
pub mod lexicon;
mod link;
mod scan;
mod syntax;

use dateline_core::{Document, Error, Quote, QuoteKind, Result};
use extract::{Candidate, Scan};
use lexicon::Lexicon;

/// Loaded once, shared read-only across threads.
#[derive(Debug)]
pub struct QuoteExtractor {
    lexicon: Lexicon,
}

impl QuoteExtractor {
    /// Loads the cue lexicon.
    pub fn load() -> Result<Self> {
        let lexicon = Lexicon::parse(lexicon::CUES_TSV).map_err(Error::Other)?;
        Ok(QuoteExtractor { lexicon })
    }

    /// The cue lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Fills `doc.quotes` (ids Q1, Q2… in text order).
    pub fn annotate(&self, doc: &mut Document) {
        doc.quotes = self.extract(doc);
    }

    /// The quotes of `doc`, without modifying it.
    pub fn extract(&self, doc: &Document) -> Vec<Quote> {
        let chars: Vec<char> = doc.text.chars().collect();
        if chars.is_empty() {
            return Vec::new();
        }
        let paras = scan::paragraphs(&chars);
        let spans = scan::quoted_spans(&chars, &paras);
        let toks = scan::tokenize(&chars, &paras, &spans, &doc.sentences);
        let syntax = syntax::SyntaxView::from_doc(doc);
        let sc = Scan::new(&chars, &toks, &spans, &self.lexicon, syntax.as_ref());

        let mut cands = extract::quoted(&sc);
        let reported = extract::reported(&sc, &cands);
        cands.extend(reported);
        cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        cands.dedup_by(|b, a| a.start == b.start && a.end == b.end);

        let quoted_ranges: Vec<(usize, usize)> =
            spans.iter().map(|s| (s.open, s.close + 1)).collect();
        let sentence_starts = clause_starts(&toks);
        let linker = link::Linker::new(&doc.entities, &quoted_ranges, &sentence_starts);
        self.resolve(&sc, &cands, &linker, doc)
    }

    fn resolve(
        &self,
        sc: &Scan,
        cands: &[Candidate],
        linker: &link::Linker,
        doc: &Document,
    ) -> Vec<Quote> {
        let slice = |a: usize, b: usize| -> String { sc.chars[a.min(b)..b].iter().collect() };
        let mut quotes: Vec<Quote> = Vec::with_capacity(cands.len());
        let mut prev_speaker: Option<usize> = None;
        // The attribution of the latest direct or partial quote, for cue-less continuations.
        let mut last_quoted: Option<(Option<usize>, Option<String>, Option<String>)> = None;
        for c in cands {
            let (speaker, speaker_text, cue) = if c.continues {
                last_quoted.clone().unwrap_or((None, None, None))
            } else {
                let cue = c
                    .cue
                    .map(|(s, e)| slice(sc.toks[s].start, sc.toks[e - 1].end));
                let (speaker, text) = match c.speaker {
                    Some((s, e)) => {
                        let (a, mut b) = (sc.toks[s].start, sc.toks[e - 1].end);
                        // "He’s predicting": the speaker is "He".
                        if e - s == 1 {
                            if let Some(cut) = sc.chars[a..b]
                                .iter()
                                .position(|&ch| ch == '’' || ch == '\'')
                            {
                                let base: String = sc.chars[a..a + cut]
                                    .iter()
                                    .flat_map(|c| c.to_lowercase())
                                    .collect();
                                if extract::PRONOUNS.contains(&base.as_str()) {
                                    b = a + cut;
                                }
                            }
                        }
                        let text = slice(a, b);
                        (linker.resolve(a, b, &text, prev_speaker), Some(text))
                    }
                    None => (None, None),
                };
                (speaker, text, cue)
            };
            if speaker.is_some() {
                prev_speaker = speaker;
            }
            // A continuation repeats the latest attribution before it, direct or reported.
            if speaker_text.is_some() || c.kind != QuoteKind::Indirect {
                last_quoted = Some((speaker, speaker_text.clone(), cue.clone()));
            }
            quotes.push(Quote {
                id: format!("Q{}", quotes.len() + 1),
                text: slice(c.start, c.end),
                start: c.start,
                end: c.end,
                kind: c.kind,
                speaker: speaker.map(|e| doc.entities[e].id.clone()),
                speaker_text,
                cue,
            });
        }
        quotes
    }
}

/// Char offsets where sentences start (past a leading "And"/"But"), for subject salience.
fn clause_starts(toks: &[scan::Tok]) -> Vec<usize> {
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if k == 0 || t.sent != toks[k - 1].sent {
            out.push(t.start);
            if matches!(t.lower.as_str(), "and" | "but" | "so" | "yet") {
                if let Some(n) = toks.get(k + 1) {
                    out.push(n.start);
                }
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests;

mod stage;

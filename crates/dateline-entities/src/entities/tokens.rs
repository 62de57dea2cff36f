//! This stage's token view of a document: the segmenter's tokens with possessives and
//! name-final periods split off, hyphenated words rejoined and sentence breaks after
//! abbreviations undone; plus the small questions every later step asks of it.

use crate::gazetteer::key;
use dateline_core::{CharIndex, Deprel, Document, Upos};
use std::collections::HashSet;
use std::ops::Range;

/// A token as this stage sees it.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// The token's text.
    pub text: String,
    /// Its gazetteer key (lowercase, curly apostrophes folded).
    pub lower: String,
    /// Index of its sentence.
    pub sentence: usize,
    /// Dependency relation, when a parser has run.
    pub deprel: Option<Deprel>,
    /// Universal part of speech, when a tagger has run.
    pub upos: Option<Upos>,
}

impl Tok {
    /// Starts with a capital letter.
    pub fn cap(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// Has a letter.
    pub fn alpha(&self) -> bool {
        self.text.chars().any(|c| c.is_alphabetic())
    }
    /// Is a possessive "'s" or "'".
    pub fn is_possessive(&self) -> bool {
        matches!(self.lower.as_str(), "'s" | "'")
    }
}

/// Builds this stage's token view from the document's tokens (the segmenter's, with
/// `upos`/`deprel` when a parser has run); empty when the document has no tokens.
pub fn token_view(doc: &Document) -> Vec<Tok> {
    let mut out = Vec::with_capacity(doc.tokens.len());
    for t in &doc.tokens {
        let tok = Tok {
            start: t.start,
            end: t.end,
            lower: key(&t.text),
            text: t.text.clone(),
            sentence: t.sentence,
            deprel: t.deprel,
            upos: t.upos,
        };
        split_token(tok, &mut out);
    }
    rejoin_abbreviation_breaks(join_hyphenated(out))
}

/// Abbreviations whose final period belongs to the word.
const DOTTED: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "inc.", "co.", "ltd.", "corp.", "jr.", "sr.",
    "lt.", "col.", "sgt.", "rev.", "prof.", "sen.", "rep.", "gov.", "no.", "vs.", "jan.", "feb.",
    "aug.", "sept.", "oct.", "nov.", "dec.",
];

/// Splits what a name needs apart even when the segmenter kept it together: a
/// possessive "'s" and a sentence-final period after a capitalised word.
fn split_token(tok: Tok, out: &mut Vec<Tok>) {
    let n = tok.text.chars().count();
    let first_upper = tok.text.chars().next().is_some_and(|c| c.is_uppercase());
    let cut = if n > 2
        && first_upper
        && (tok.lower.ends_with("'s"))
        && tok
            .text
            .chars()
            .nth(n - 3)
            .is_some_and(|c| c.is_alphabetic())
    {
        Some(n - 2)
    } else if n > 3
        && first_upper
        && tok.text.ends_with('.')
        && tok.text.matches('.').count() == 1
        && !DOTTED.contains(&tok.lower.as_str())
    {
        Some(n - 1)
    } else {
        None
    };
    match cut {
        Some(k) => {
            let head: String = tok.text.chars().take(k).collect();
            let tail: String = tok.text.chars().skip(k).collect();
            out.push(Tok {
                start: tok.start,
                end: tok.start + k,
                lower: key(&head),
                text: head,
                sentence: tok.sentence,
                deprel: tok.deprel,
                upos: tok.upos,
            });
            out.push(Tok {
                start: tok.start + k,
                end: tok.end,
                lower: key(&tail),
                text: tail,
                sentence: tok.sentence,
                deprel: None,
                upos: None,
            });
        }
        None => out.push(tok),
    }
}

/// Undoes sentence breaks after an abbreviation inside a name ("U.S. Treasury",
/// "St. Louis"): a break after initials or a dotted abbreviation, followed by a
/// capitalised word on the same line, is no break for the tagger.
fn rejoin_abbreviation_breaks(mut toks: Vec<Tok>) -> Vec<Tok> {
    let mut shift = 0;
    let mut prev_original = toks.first().map_or(0, |t| t.sentence);
    for k in 1..toks.len() {
        let original = toks[k].sentence;
        let (prev, cur) = (&toks[k - 1], &toks[k]);
        if original != prev_original {
            let initials = prev.text.len() >= 2
                && prev.text.ends_with('.')
                && prev
                    .text
                    .split('.')
                    .filter(|p| !p.is_empty())
                    .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()));
            let dotted = DOTTED.contains(&prev.lower.as_str());
            let same_line = cur.start == prev.end + 1;
            if (initials || dotted) && same_line && cur.cap() {
                shift += 1;
            }
        }
        prev_original = original;
        toks[k].sentence -= shift;
    }
    toks
}

/// Rejoins what news names keep whole but UD tokenisation splits: hyphenated words
/// ("Nagorno-Karabakh", "Mercedes-Benz", "1996-08-30") and a detached "' s".
fn join_hyphenated(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    let alnum = |t: &Tok| {
        t.text.chars().all(|c| c.is_alphanumeric() || c == '.')
            && t.text.chars().any(|c| c.is_alphanumeric())
    };
    while i < toks.len() {
        let mut j = i + 1;
        if alnum(&toks[i]) {
            while j + 1 < toks.len()
                && toks[j].text == "-"
                && toks[j].start == toks[j - 1].end
                && toks[j + 1].start == toks[j].end
                && alnum(&toks[j + 1])
                && toks[j + 1].sentence == toks[i].sentence
            {
                j += 2;
            }
        } else if toks[i].text == "'"
            && toks
                .get(i + 1)
                .is_some_and(|n| n.text == "s" && n.start == toks[i].end)
        {
            j = i + 2;
        }
        if j == i + 1 {
            out.push(toks[i].clone());
        } else {
            let text: String = toks[i..j].iter().map(|t| t.text.as_str()).collect();
            out.push(Tok {
                start: toks[i].start,
                end: toks[j - 1].end,
                lower: key(&text),
                text,
                sentence: toks[i].sentence,
                deprel: toks[i..j].iter().find_map(|t| t.deprel),
                upos: toks[j - 1].upos,
            });
        }
        i = j;
    }
    out
}

/// Token ranges of the sentences.
pub(super) fn sentence_ranges(toks: &[Tok]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].sentence != toks[start].sentence {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Form a token takes when fed to the tagger (CoNLL's ASCII quotes).
pub(super) fn tagger_form(text: &str) -> &str {
    match text {
        "“" | "”" | "„" => "\"",
        "‘" | "’" => "'",
        "’s" => "'s",
        "—" | "–" => "-",
        _ => text,
    }
}

/// Text of tokens `from..to` as the document writes it.
pub(super) fn span_text(
    toks: &[Tok],
    text: &str,
    from: usize,
    to: usize,
    index: &dateline_core::CharIndex,
) -> String {
    index
        .slice(text, toks[from].start, toks[to - 1].end)
        .to_string()
}

/// Text of tokens `a..b`, with one space wherever the document has a gap.
pub(super) fn text_of(toks: &[Tok], a: usize, b: usize) -> String {
    let mut s = String::new();
    for (i, t) in toks[a..b].iter().enumerate() {
        if i > 0 && toks[a + i - 1].end < t.start {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}

/// Whether token `i` starts its sentence or an opening quotation or bracket, where any word
/// is capitalised.
pub(super) fn opens_sentence(toks: &[Tok], i: usize) -> bool {
    i == 0
        || toks[i - 1].sentence != toks[i].sentence
        || matches!(toks[i - 1].text.as_str(), "“" | "\"" | "‘" | "(")
}

/// The document as every step reads it: its text, this stage's token view and what is
/// derived from them once.
pub(super) struct Article<'a> {
    /// The document's text.
    pub(super) text: &'a str,
    /// Char offsets to byte offsets of `text`.
    pub(super) index: CharIndex,
    /// This stage's tokens.
    pub(super) toks: &'a [Tok],
    /// Token ranges of the sentences.
    pub(super) sentences: Vec<Range<usize>>,
    /// Words the article writes in lower case somewhere, so a capitalised one opening a
    /// sentence may be a common word.
    pub(super) lower_seen: HashSet<&'a str>,
}

impl<'a> Article<'a> {
    pub(super) fn new(text: &'a str, toks: &'a [Tok]) -> Self {
        let lower_seen: HashSet<&str> = toks
            .iter()
            .filter(|t| t.text.chars().next().is_some_and(|c| c.is_lowercase()))
            .map(|t| t.text.as_str())
            .collect();
        Article {
            text,
            index: CharIndex::new(text),
            toks,
            sentences: sentence_ranges(toks),
            lower_seen,
        }
    }

    /// Text of tokens `from..to` as the document writes it.
    pub(super) fn span_text(&self, from: usize, to: usize) -> String {
        span_text(self.toks, self.text, from, to, &self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{tok, toks};
    use super::*;

    fn texts(toks: &[Tok]) -> Vec<&str> {
        toks.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn splits_possessives_and_name_final_periods_but_not_abbreviations() {
        let mut out = Vec::new();
        for (text, start) in [("Trump's", 0), ("Jones.", 8), ("Dr.", 15), ("Ltd.", 19)] {
            split_token(tok(text, start, 0), &mut out);
        }
        assert_eq!(texts(&out), ["Trump", "'s", "Jones", ".", "Dr.", "Ltd."]);
        assert_eq!((out[1].start, out[1].end), (5, 7));
    }

    #[test]
    fn rejoins_hyphenated_words() {
        let toks = toks("Fighting in Nagorno-Karabakh worried Mercedes-Benz.");
        assert!(
            texts(&toks).contains(&"Nagorno-Karabakh"),
            "{:?}",
            texts(&toks)
        );
        assert!(
            texts(&toks).contains(&"Mercedes-Benz"),
            "{:?}",
            texts(&toks)
        );
    }

    #[test]
    fn undoes_sentence_breaks_after_initials_on_the_same_line() {
        let toks = vec![
            tok("the", 0, 0),
            tok("U.S.", 4, 0),
            tok("Treasury", 9, 1),
            tok("said", 18, 1),
            tok(".", 22, 1),
            tok("It", 24, 2),
        ];
        let sentences: Vec<usize> = rejoin_abbreviation_breaks(toks)
            .iter()
            .map(|t| t.sentence)
            .collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn sentences_texts_and_sentence_openings() {
        let toks = vec![
            tok("(", 0, 0),
            tok("Hello", 1, 0),
            tok("world", 7, 0),
            tok("Bye", 13, 1),
        ];
        assert_eq!(sentence_ranges(&toks), [0..3, 3..4]);
        assert_eq!(text_of(&toks, 0, 3), "(Hello world");
        assert!(opens_sentence(&toks, 1) && opens_sentence(&toks, 3));
        assert!(!opens_sentence(&toks, 2));
        assert_eq!(tagger_form("“"), "\"");
        assert_eq!(tagger_form("’s"), "'s");
        let text = "(Hello world\nBye";
        let article = Article::new(text, &toks);
        assert_eq!(article.span_text(1, 3), "Hello world");
        assert!(article.lower_seen.contains("world") && !article.lower_seen.contains("Hello"));
    }
}

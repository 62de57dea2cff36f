//! One linear pass over the text: quotation marks told apart from apostrophes and paired
//! into quoted spans, and a light word/punctuation tokenisation with paragraph and sentence
//! numbers. The stage does its own light tokenisation so that it works before (and
//! independently of) the segmenter; the document's sentences are used when present.

use dateline_core::Sentence;

/// What a quote-like character is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight `"` whose direction only pairing can tell.
    Either,
    Apostrophe,
}

/// A span of text between paired quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedSpan {
    /// Char offset of the opening mark.
    pub open: usize,
    /// Char offset of the closing mark, or the end of the last paragraph when unclosed.
    pub close: usize,
    /// True when a closing mark was found.
    pub closed: bool,
    /// Double (“…”, "…") rather than single (‘…’, '…') marks.
    pub double: bool,
    /// Number of paragraphs the span covers (newspaper convention: an unclosed paragraph
    /// continued by one that reopens the quote).
    pub paragraphs: usize,
}

impl QuotedSpan {
    /// The quoted text's char range (inside the marks).
    pub fn content(&self) -> (usize, usize) {
        (self.open + 1, self.close.max(self.open + 1))
    }
}

fn is_opening_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„'
                )
        }
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Elided words that start with an apostrophe: 'em, 'til, 'cause, 'n', 'tis, 'twas, 'bout.
fn starts_elision(chars: &[char], i: usize) -> bool {
    let rest: String = chars[i + 1..]
        .iter()
        .take(6)
        .take_while(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let after = chars.get(i + 1 + rest.chars().count()).copied();
    let ends_word = !is_word_char(after);
    ends_word
        && matches!(
            rest.as_str(),
            "em" | "til" | "cause" | "n" | "tis" | "twas" | "bout"
        )
}

fn classify(chars: &[char], i: usize) -> Option<(Mark, bool)> {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let next_space = next.is_none_or(|n| n.is_whitespace());
    let double = matches!(c, '“' | '”' | '"' | '„' | '«' | '»');
    // Two apostrophes stand for a double quote in some archives (''like this''): the inner
    // character of the pair is the mark, the outer one is ignored.
    if c == '\'' && (next == Some('\'') || prev == Some('\'')) {
        let first = next == Some('\'');
        let (before, after) = if first {
            (prev, chars.get(i + 2).copied())
        } else {
            (i.checked_sub(2).map(|p| chars[p]), next)
        };
        let opens = is_opening_context(before) && !after.is_none_or(char::is_whitespace);
        let closes = !before.is_none_or(char::is_whitespace);
        return match (first, opens, closes) {
            (false, true, _) => Some((Mark::Open, true)),
            (true, false, true) => Some((Mark::Close, true)),
            _ => Some((Mark::Apostrophe, true)),
        };
    }
    let mark = match c {
        '“' | '„' | '«' => {
            // Some sources mis-curl closing marks as “.
            if !is_opening_context(prev) && next_space {
                Mark::Close
            } else {
                Mark::Open
            }
        }
        '”' | '»' => {
            if is_opening_context(prev) && !next_space && prev.is_some_and(char::is_whitespace) {
                Mark::Open
            } else {
                Mark::Close
            }
        }
        '"' => {
            let left = is_opening_context(prev) && !next_space;
            let right = !prev.is_none_or(char::is_whitespace)
                && (next_space || next.is_some_and(|n| !n.is_alphanumeric()));
            match (left, right) {
                (true, false) => Mark::Open,
                (false, true) => Mark::Close,
                _ => Mark::Either,
            }
        }
        '‘' | '’' | '\'' => {
            let inside_word = is_word_char(prev) && is_word_char(next);
            let before_digits = next.is_some_and(|n| n.is_ascii_digit()) && !is_word_char(prev);
            if inside_word || before_digits {
                Mark::Apostrophe // it’s, the ’90s
            } else if is_opening_context(prev) && !next_space {
                if c == '’' || starts_elision(chars, i) {
                    Mark::Apostrophe
                } else {
                    Mark::Open
                }
            } else if prev.is_some_and(|p| !p.is_whitespace()) && c != '‘' {
                // rock ’n’ roll: the second mark closes an elision, not a quote.
                if i >= 2 && chars[i - 1] == 'n' && matches!(chars[i - 2], '’' | '\'') {
                    Mark::Apostrophe
                } else {
                    Mark::Close
                }
            } else {
                Mark::Apostrophe
            }
        }
        _ => return None,
    };
    Some((mark, double))
}

/// True when a single closing candidate at `i` looks like a plural possessive
/// ("the leaders’ summit") rather than the end of a quote.
fn looks_possessive(chars: &[char], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    if prev != Some('s') {
        return false;
    }
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some(' '), Some(n)) => n.is_lowercase(),
        _ => false,
    }
}

/// Paragraph char ranges: text between newlines, trimmed of surrounding whitespace,
/// empty ones skipped.
pub fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' || chars[i] == '\u{2029}' {
            let mut s = start;
            let mut e = i;
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if e > s {
                out.push((s, e));
            }
            start = i + 1;
        }
    }
    out
}

struct Pending {
    open: usize,
    paragraphs: usize,
}

/// Finds quoted spans of one family (double or single marks).
fn pair_family(chars: &[char], paras: &[(usize, usize)], double: bool) -> Vec<QuotedSpan> {
    let mut spans = Vec::new();
    let mut carry: Option<Pending> = None;
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        let marks: Vec<(usize, Mark)> = (ps..pe)
            .filter_map(|i| match classify(chars, i) {
                Some((m, d)) if d == double && m != Mark::Apostrophe => Some((i, m)),
                _ => None,
            })
            .collect();
        let mut open: Option<Pending> = None;
        let mut skip_first = false;
        if let Some(c) = carry.take() {
            let reopens = marks
                .first()
                .is_some_and(|&(i, m)| i == ps && m != Mark::Close);
            if reopens {
                open = Some(Pending {
                    open: c.open,
                    paragraphs: c.paragraphs + 1,
                });
                skip_first = true;
            } else {
                let prev_end = paras[pi - 1].1;
                if unclosed_is_plausible(chars, c.open) {
                    spans.push(QuotedSpan {
                        open: c.open,
                        close: prev_end,
                        closed: false,
                        double,
                        paragraphs: c.paragraphs,
                    });
                }
            }
        }
        for (k, &(i, m)) in marks.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            match (m, &open) {
                (Mark::Open, pending) => {
                    // A new opener after a sentence end while a quote is open: the
                    // convention of a quote running on into a new paragraph, with the
                    // paragraph break lost ("… 26 weeks. "We are going …").
                    if let Some(p) = pending {
                        let end = (p.open + 1..i)
                            .rev()
                            .find(|&j| !chars[j].is_whitespace())
                            .map(|j| j + 1);
                        if let Some(end) = end {
                            if double && matches!(chars[end - 1], '.' | '?' | '!') {
                                spans.push(QuotedSpan {
                                    open: p.open,
                                    close: end,
                                    closed: false,
                                    double,
                                    paragraphs: p.paragraphs,
                                });
                            }
                        }
                    }
                    open = Some(Pending {
                        open: i,
                        paragraphs: 1,
                    })
                }
                (Mark::Close | Mark::Either, Some(p)) => {
                    if !double
                        && looks_possessive(chars, i)
                        && marks[k + 1..].iter().any(|&(_, m)| m == Mark::Close)
                    {
                        continue;
                    }
                    spans.push(QuotedSpan {
                        open: p.open,
                        close: i,
                        closed: true,
                        double,
                        paragraphs: p.paragraphs,
                    });
                    open = None;
                }
                (Mark::Either, None) => {
                    open = Some(Pending {
                        open: i,
                        paragraphs: 1,
                    })
                }
                (Mark::Close, None) | (Mark::Apostrophe, _) => {}
            }
        }
        if let Some(p) = open {
            if pi + 1 < paras.len() {
                carry = Some(p);
            } else if unclosed_is_plausible(chars, p.open) && double {
                spans.push(QuotedSpan {
                    open: p.open,
                    close: pe,
                    closed: false,
                    double,
                    paragraphs: p.paragraphs,
                });
            }
        }
    }
    if let Some(c) = carry {
        if let Some(&(_, pe)) = paras.last() {
            if double {
                spans.push(QuotedSpan {
                    open: c.open,
                    close: pe,
                    closed: false,
                    double,
                    paragraphs: c.paragraphs,
                });
            }
        }
    }
    if !double {
        // An unclosed single opener is far more often a stray apostrophe than a quote.
        spans.retain(|s| s.closed);
    }
    spans
}

/// An unclosed quote is kept when it opens its paragraph or follows a colon or comma:
/// the newspaper convention of a quote running on to the end of the paragraph.
fn unclosed_is_plausible(chars: &[char], open: usize) -> bool {
    let before = chars[..open.min(chars.len())]
        .iter()
        .rev()
        .find(|&&c| !c.is_whitespace() || c == '\n' || c == '\u{2029}');
    matches!(before, None | Some('\n' | '\u{2029}' | ':' | ','))
}

/// Every quoted span in the text, outermost only, in text order.
pub fn quoted_spans(chars: &[char], paras: &[(usize, usize)]) -> Vec<QuotedSpan> {
    let mut spans = pair_family(chars, paras, true);
    spans.extend(pair_family(chars, paras, false));
    spans.retain(|s| {
        let (a, b) = s.content();
        // HTML-ish attribute values (id="…") are not quotations.
        let attr = s.open > 0 && chars[s.open - 1] == '=';
        b > a && chars[a..b].iter().any(|c| c.is_alphanumeric()) && !attr
    });
    spans.sort_by_key(|s| (s.open, std::cmp::Reverse(s.close)));
    let mut out: Vec<QuotedSpan> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = out.last() {
            if s.open < last.close {
                continue; // nested inside (or overlapping) an earlier span
            }
        }
        out.push(s);
    }
    out
}

/// A token of the stage's own light tokenisation.
#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    /// Lower-cased text.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    pub para: usize,
    pub sent: usize,
    /// Index of the quoted span this token is inside of, or whose mark it is.
    pub quote: Option<usize>,
    /// This token is the opening (`Some(true)`) or closing (`Some(false)`) mark of `quote`.
    pub mark: Option<bool>,
}

impl Tok {
    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.lower.starts_with(c) && self.lower.chars().count() == 1
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "jr", "sr", "lt", "col", "capt",
    "prof", "no", "vs", "etc", "inc", "corp", "co", "ltd", "sgt", "maj", "adm", "rev", "hon",
    "pres", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft",
    "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "cmdr", "supt", "insp", "det",
];

fn is_word_piece(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c.is_alphanumeric() {
        return true;
    }
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    match c {
        // Word-internal apostrophes, hyphens, periods (U.S.), and number separators.
        '\'' | '’' | '-' | '.' | ',' | '&' => {
            let inner = is_word_char(prev) && is_word_char(next);
            if c == ',' {
                inner
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
            } else {
                inner
            }
        }
        _ => false,
    }
}

/// Tokenises `chars`, numbering paragraphs and sentences and marking quoted spans.
/// When `sentences` is non-empty (the segmenter ran), its boundaries are used.
pub fn tokenize(
    chars: &[char],
    paras: &[(usize, usize)],
    spans: &[QuotedSpan],
    sentences: &[Sentence],
) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(chars.len() / 5);
    let mut span_i = 0;
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        let mut i = ps;
        while i < pe {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            let is_word = c.is_alphanumeric();
            if is_word {
                i += 1;
                while i < pe && is_word_piece(chars, i) {
                    i += 1;
                }
                // Keep an abbreviation's period with it ("Mr.", "U.S.").
                if i < pe && chars[i] == '.' {
                    let w: String = chars[start..i]
                        .iter()
                        .flat_map(|c| c.to_lowercase())
                        .collect();
                    let single_initial = i - start == 1 && chars[start].is_uppercase();
                    if ABBREVIATIONS.contains(&w.as_str()) || single_initial {
                        i += 1;
                    }
                }
            } else if c == '\'' && i + 1 < pe && chars[i + 1] == '\'' {
                i += 2; // ''a doubled-apostrophe quote mark''
            } else {
                i += 1;
            }
            while span_i < spans.len() && spans[span_i].close < start {
                span_i += 1;
            }
            let (quote, mark) = match spans.get(span_i) {
                Some(s) if (start..i).contains(&s.open) => (Some(span_i), Some(true)),
                Some(s) if s.closed && (start..i).contains(&s.close) => (Some(span_i), Some(false)),
                Some(s) if s.open < start && start < s.close => (Some(span_i), None),
                _ => (None, None),
            };
            let text: String = chars[start..i].iter().collect();
            toks.push(Tok {
                start,
                end: i,
                lower: text.to_lowercase(),
                is_word,
                cap: c.is_uppercase(),
                para: pi,
                sent: 0,
                quote,
                mark,
            });
        }
    }
    if sentences.is_empty() {
        number_sentences(&mut toks);
    } else {
        // Renumber so that a paragraph break always ends a sentence, even where the
        // segmenter disagreed.
        let mut s = 0;
        let mut number = 0;
        let mut last: Option<(usize, usize)> = None;
        for t in toks.iter_mut() {
            while s + 1 < sentences.len() && sentences[s].end <= t.start {
                s += 1;
            }
            if let Some(prev) = last {
                if prev != (s, t.para) {
                    number += 1;
                }
            }
            last = Some((s, t.para));
            t.sent = number;
        }
    }
    toks
}

fn number_sentences(toks: &mut [Tok]) {
    let mut sent = 0;
    let mut boundary_after: Option<usize> = None;
    for k in 0..toks.len() {
        if k > 0 && toks[k].para != toks[k - 1].para {
            sent += 1;
            boundary_after = None;
        } else if let Some(b) = boundary_after {
            // Closing quotes and brackets stay with the sentence they end.
            let t = &toks[k];
            let closer = t.mark == Some(false) || matches!(t.lower.as_str(), ")" | "]");
            if !closer {
                let starts = t.cap
                    || t.mark == Some(true)
                    || t.lower.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(t.lower.as_str(), "(" | "[" | "—" | "–" | "-");
                if starts && k > b {
                    sent += 1;
                }
                boundary_after = None;
            }
        }
        toks[k].sent = sent;
        if !toks[k].is_word && matches!(toks[k].lower.as_str(), "." | "!" | "?" | "…") {
            boundary_after = Some(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let paras = paragraphs(&chars);
        quoted_spans(&chars, &paras)
            .iter()
            .map(|s| {
                let (a, b) = s.content();
                chars[a..b].iter().collect()
            })
            .collect()
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans_of("It’s Ukraine’s future, back in the ’90s, rock ’n’ roll.").is_empty());
        assert!(spans_of("It's the '90s and rock 'n' roll, y'all.").is_empty());
        assert!(spans_of("The leaders’ summit ended.").is_empty());
    }

    #[test]
    fn single_and_double_quotes_pair() {
        assert_eq!(
            spans_of("The UK’s ‘special relationship’ means it is “in a better position.”"),
            vec!["special relationship", "in a better position."]
        );
        assert_eq!(
            spans_of("‘We won’t go,’ he said. ‘The leaders’ deal is bad.’"),
            vec!["We won’t go,", "The leaders’ deal is bad."]
        );
        assert_eq!(spans_of("He said \"no way\" and left."), vec!["no way"]);
        assert_eq!(
            spans_of("“He called it ‘a mess’,” she said."),
            vec!["He called it ‘a mess’,"]
        );
    }

    #[test]
    fn run_on_quote_with_a_lost_paragraph_break() {
        assert_eq!(
            spans_of("She said: \"We doubled it. \"We will extend it.\" Then she left."),
            vec!["We doubled it.", "We will extend it."]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(
            spans_of("''I loved it,'' she said. It's ''fine''."),
            vec!["I loved it,", "fine"]
        );
    }

    #[test]
    fn quote_continues_across_paragraphs() {
        let text = "“First paragraph of the quote.\n“Second paragraph,” he said.";
        let chars: Vec<char> = text.chars().collect();
        let paras = paragraphs(&chars);
        let spans = quoted_spans(&chars, &paras);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].paragraphs, 2);
        assert!(spans[0].closed);
    }

    #[test]
    fn sentences_split_after_quotes_and_not_after_abbreviations() {
        let text = "“To me,” he said in Munich. “There’s more.” Mr. Smith agreed.";
        let chars: Vec<char> = text.chars().collect();
        let paras = paragraphs(&chars);
        let spans = quoted_spans(&chars, &paras);
        let toks = tokenize(&chars, &paras, &spans, &[]);
        let sents: Vec<usize> = toks.iter().map(|t| t.sent).collect();
        assert_eq!(sents.iter().max(), Some(&2));
        let mr = toks.iter().find(|t| t.lower == "mr.").unwrap();
        assert_eq!(mr.sent, 2);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "\"",
            "’",
            "‘",
            "“\n\n”",
            "'\n'",
            "''",
            "'''",
            "x''\n''y",
            "\u{0}\u{ffff}“’‘”\"'",
            "a.\n\n.b",
            "“a\n“b\n“c\nd”\n“e",
            "\"a\n\"b\n\"c",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let paras = paragraphs(&chars);
            let spans = quoted_spans(&chars, &paras);
            let _ = tokenize(&chars, &paras, &spans, &[]);
        }
    }
}

//! Sentence boundaries over the token stream.
//!
//! A boundary follows terminal punctuation (with any closing quotes and brackets attached
//! to it) when the next word does not continue the sentence, a blank line, or a single line
//! break that is not hard wrapping (a headline, a one-paragraph-per-line article).

use crate::lexicon;
use crate::tokenize::{Abbrev, RawToken};

/// Sentences longer than this are cut, so that later stages never see unbounded input.
pub const MAX_SENTENCE_TOKENS: usize = 300;

fn first_char(chars: &[char], t: &RawToken) -> char {
    chars[t.start]
}

fn token_is(chars: &[char], t: &RawToken, f: impl Fn(char) -> bool) -> bool {
    chars[t.start..t.end].iter().all(|&c| f(c))
}

fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '”' | '’' | ')' | ']' | '}' | '»' | '›' | '"' | '\'')
}

fn is_opening_char(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '(' | '[' | '{' | '«' | '‹' | '"' | '\'' | '„'
    )
}

/// Whether token `i` closes a quote or bracket opened earlier (straight quotes count when
/// glued to the previous token).
fn is_closer(chars: &[char], toks: &[RawToken], i: usize) -> bool {
    let t = &toks[i];
    if t.end - t.start != 1 {
        return false;
    }
    let c = chars[t.start];
    if c == '"' || c == '\'' {
        // Glued to the previous token, unless that one opens something itself ("'Oh).
        if i == 0 || t.space_before || t.newlines_before > 0 {
            return false;
        }
        let p = &toks[i - 1];
        let pc = chars[p.start];
        let prev_opens = p.end - p.start == 1
            && (matches!(pc, '“' | '‘' | '(' | '[' | '{' | '«' | '„')
                || (matches!(pc, '"' | '\'') && (i == 1 || p.space_before)));
        return !prev_opens;
    }
    is_closing_char(c)
}

fn is_opener(chars: &[char], toks: &[RawToken], i: usize) -> bool {
    let t = &toks[i];
    t.end - t.start == 1 && is_opening_char(chars[t.start]) && !is_closer(chars, toks, i)
}

/// How the text is laid out in lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    /// Lines are hard wrapped at a fixed width (a single newline does not end a sentence).
    pub wrapped: bool,
    /// The wrap width in chars, when wrapped.
    pub width: usize,
    /// Lines that start with a bullet and a capitalised word ("- The plan…").
    pub bullets: usize,
}

fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '•' | '*' | '–' | '—' | '·' | '▪' | '►')
}

/// Detects hard wrapping: most lines short and of similar length, and many line breaks
/// inside sentences (a line ending in a word or comma followed by a lower-case word).
pub(crate) fn layout(chars: &[char]) -> Layout {
    let mut lengths: Vec<usize> = Vec::new();
    let mut breaks = 0usize;
    let mut mid_sentence = 0usize;
    let mut bullets = 0usize;
    let mut line_start = 0usize;
    let mut prev_last: Option<char> = None;
    let mut i = 0;
    let n = chars.len();
    while i <= n {
        if i == n || chars[i] == '\n' {
            let line = &chars[line_start..i];
            let first = line.iter().copied().find(|c| !c.is_whitespace());
            let last = line.iter().rev().copied().find(|c| !c.is_whitespace());
            if let (Some(p), Some(f)) = (prev_last, first) {
                breaks += 1;
                if p == ',' || (p.is_alphanumeric() && (f.is_lowercase() || f.is_ascii_digit())) {
                    mid_sentence += 1;
                }
            }
            if first.is_some() {
                lengths.push(line.len());
                let lead = line.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
                if is_bullet(line[lead])
                    && line.get(lead + 1).is_some_and(|c| *c == ' ')
                    && line.get(lead + 2).is_some_and(|c| c.is_uppercase())
                {
                    bullets += 1;
                }
            }
            prev_last = last;
            line_start = i + 1;
        }
        i += 1;
    }
    if breaks < 3 || mid_sentence * 3 < breaks {
        return Layout {
            wrapped: false,
            width: 0,
            bullets,
        };
    }
    lengths.sort_unstable();
    let p90 = lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)];
    let long = lengths.iter().filter(|&&l| l > 120).count();
    let wrapped = p90 <= 120 && long * 10 <= lengths.len();
    Layout {
        wrapped,
        width: p90,
        bullets,
    }
}

/// Length in chars of the line that ends just before token `i`.
fn previous_line_len(chars: &[char], toks: &[RawToken], i: usize) -> usize {
    let end = toks[i - 1].end;
    let start = chars[..end]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    end - start
}

/// The token whose case decides a boundary: the first token after any opening quotes.
fn decisive_next(chars: &[char], toks: &[RawToken], i: usize) -> usize {
    let mut j = i;
    while j + 1 < toks.len() && is_opener(chars, toks, j) {
        j += 1;
    }
    j
}

enum End {
    /// "." or "..." or "?!" ending the sentence.
    Stop {
        ellipsis: bool,
        period: bool,
    },
    Abbrev(Abbrev),
    None,
}

/// Decides whether a sentence boundary falls between token `i - 1` and token `i`.
fn boundary_before(chars: &[char], toks: &[RawToken], i: usize, layout: Layout) -> bool {
    let next = &toks[i];
    if next.newlines_before >= 2 {
        return true;
    }
    // A closer glued to the previous token stays in its sentence.
    if is_closer(chars, toks, i) && !next.space_before {
        return false;
    }
    let mut k = i - 1;
    while k > 0 && is_closer(chars, toks, k) && !toks[k].space_before {
        k -= 1;
    }
    let closed = k < i - 1;
    let last = &toks[k];
    let end = if token_is(chars, last, is_terminal_char) {
        let ellipsis = chars[last.start..last.end]
            .iter()
            .all(|&c| c == '.' || c == '…')
            && (last.end - last.start > 1 || chars[last.start] == '…');
        let period = chars[last.start..last.end].iter().all(|&c| c == '.') && !ellipsis;
        End::Stop { ellipsis, period }
    } else if last.abbrev != Abbrev::None {
        End::Abbrev(last.abbrev)
    } else {
        End::None
    };
    let newline = next.newlines_before == 1;
    if !newline && matches!(end, End::None) {
        return false; // the common case: a word inside a sentence
    }
    // A list item: a bullet at the start of a line, followed by a capitalised word.
    if newline
        && (!layout.wrapped || layout.bullets >= 2)
        && next.end - next.start == 1
        && is_bullet(chars[next.start])
        && toks
            .get(i + 1)
            .is_some_and(|t| chars[t.start].is_uppercase() || chars[t.start].is_ascii_digit())
    {
        return true;
    }
    let d = decisive_next(chars, toks, i);
    let dt = &toks[d];
    let f = first_char(chars, dt);
    let lower = f.is_lowercase();
    let upper_or_digit = f.is_uppercase() || f.is_ascii_digit();
    let continues =
        matches!(f, ',' | ';' | ':' | ')' | ']' | '}' | '%') || is_closer(chars, toks, d);
    let starter = || {
        dt.end - dt.start <= 12 && {
            let w: String = chars[dt.start..dt.end].iter().collect();
            lexicon::is_sentence_starter(&w)
        }
    };
    match end {
        End::Stop { ellipsis, period } => {
            if continues {
                return false;
            }
            if newline && !layout.wrapped {
                return true;
            }
            if ellipsis {
                return upper_or_digit && (next.space_before || is_opener(chars, toks, i));
            }
            if lower {
                // After a quoted "?", "!" or "." a lower-case word continues ("“Why?” he
                // asked", "year." said Mr Smith), as it does after a title such as "Wham!"
                // or "Are We There Yet?". Otherwise it is a sloppy sentence start.
                if closed || !next.space_before || layout.wrapped {
                    return false;
                }
                let word_before = k.checked_sub(1).is_some_and(|w| {
                    let word = &chars[toks[w].start..toks[w].end];
                    word.iter().any(|c| c.is_lowercase()) && !word.iter().any(|c| c.is_uppercase())
                });
                return period || word_before;
            }
            true
        }
        End::Abbrev(kind) => {
            if kind == Abbrev::Title {
                return false;
            }
            if newline && !layout.wrapped && kind != Abbrev::Initial {
                return true;
            }
            if kind == Abbrev::Closing && f.is_uppercase() {
                // A title-case word ("Former", not "CEO") that is not another suffix
                // ("Co. Ltd.").
                let second_lower = chars.get(dt.start + 1).is_some_and(|c| c.is_lowercase());
                let suffix = toks.get(d).is_some_and(|t| t.abbrev != Abbrev::None);
                if second_lower && !suffix {
                    return true;
                }
            }
            let opens_quote =
                is_opener(chars, toks, i) && !matches!(chars[next.start], '(' | '[' | '{');
            starter() || (kind != Abbrev::Initial && opens_quote && upper_or_digit)
        }
        End::None => {
            if !newline {
                return false;
            }
            if lower || continues {
                return false;
            }
            if !layout.wrapped {
                return true;
            }
            previous_line_len(chars, toks, i) * 10 < layout.width * 6
        }
    }
}

/// Groups tokens into sentences: returns, for each sentence, its token range.
pub(crate) fn split(chars: &[char], toks: &[RawToken]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if toks.is_empty() {
        return out;
    }
    let layout = layout(chars);
    let mut start = 0;
    for i in 1..toks.len() {
        let mut cut = boundary_before(chars, toks, i, layout);
        if !cut && i - start >= MAX_SENTENCE_TOKENS {
            cut = true;
        } else if !cut && i - start >= MAX_SENTENCE_TOKENS - 50 {
            // Approaching the cap: prefer a cut after a clause separator.
            cut = token_is(chars, &toks[i - 1], |c| matches!(c, ';' | ','));
        }
        if cut {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..toks.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut toks = Vec::new();
        tokenize(&chars, &mut toks);
        split(&chars, &toks)
            .into_iter()
            .map(|r| {
                chars[toks[r.start].start..toks[r.end - 1].end]
                    .iter()
                    .collect()
            })
            .collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones. J. K. Rowling wrote it. He left."),
            vec![
                "Mr. Smith met Dr. Jones.",
                "J. K. Rowling wrote it.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviations_end_sentences_before_a_starter() {
        assert_eq!(
            sentences("U.S. officials met at 5 p.m. The talks failed in the U.S. But not here."),
            vec![
                "U.S. officials met at 5 p.m.",
                "The talks failed in the U.S.",
                "But not here."
            ]
        );
        assert_eq!(
            sentences("He met U.S. President Trump."),
            vec!["He met U.S. President Trump."]
        );
    }

    #[test]
    fn quotes_stay_attached() {
        assert_eq!(
            sentences("“It’s clear. We agree.” He left. “Why?” she asked."),
            vec![
                "“It’s clear.",
                "We agree.”",
                "He left.",
                "“Why?” she asked."
            ]
        );
        assert_eq!(
            sentences("He said: \"Go now.\" Then he left."),
            vec!["He said: \"Go now.\"", "Then he left."]
        );
    }

    #[test]
    fn exclamations_and_questions_before_lower_case() {
        assert_eq!(
            sentences("His former Wham! partner came. Are We There Yet? sales fell. I loved it! it was fun."),
            vec!["His former Wham! partner came.", "Are We There Yet? sales fell.", "I loved it!", "it was fun."]
        );
    }

    #[test]
    fn ellipsis_inside_a_sentence() {
        assert_eq!(
            sentences("There’s some territorial…renouncement of force. He’s not... sure."),
            vec![
                "There’s some territorial…renouncement of force.",
                "He’s not... sure."
            ]
        );
    }

    #[test]
    fn headline_line_break_ends_a_sentence() {
        assert_eq!(
            sentences("Starmer to meet Trump\nKeir Starmer will travel.\nHe will go."),
            vec![
                "Starmer to meet Trump",
                "Keir Starmer will travel.",
                "He will go."
            ]
        );
    }

    #[test]
    fn list_items_are_sentences_even_when_wrapped() {
        let text = "The plans include:\n- Upgrading security at nuclear arms stores as a\ntemporary measure, backed by the UN\n- Creating a new Global Safety Authority to tackle\nnuclear terrorism in every one of the states\n- backed by the United Nations.";
        assert_eq!(
            sentences(text),
            vec![
                "The plans include:",
                "- Upgrading security at nuclear arms stores as a\ntemporary measure, backed by the UN",
                "- Creating a new Global Safety Authority to tackle\nnuclear terrorism in every one of the states\n- backed by the United Nations."
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let text = "Starmer to meet Trump\n\nKeir Starmer will travel to Washington to meet\nDonald Trump, following an expected meeting of\nEuropean leaders to discuss Ukraine, it is\nunderstood. France is preparing to host an\ninformal meeting of leaders on Monday.\n\nMr Starmer will head to the White House the\nfollowing week.";
        assert_eq!(sentences(text).len(), 4, "{:?}", sentences(text));
    }
}

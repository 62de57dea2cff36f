//! Photo credits, agency datelines and bylines, which name agencies and people who are
//! not in the story.

use super::candidates::Cand;
use super::tokens::Tok;
use crate::gazetteer::key;
use crate::lexicon::*;

/// The document's chars and line boundaries, to look at the line a mention sits on.
pub(super) struct Credits {
    chars: Vec<char>,
    lines: Lines,
}

impl Credits {
    pub(super) fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let lines = Lines::new(&chars);
        Credits { chars, lines }
    }

    /// Whether candidate `c` (whose text is `mention`) is a credit or byline.
    pub(super) fn is_credit(&self, toks: &[Tok], c: &Cand, mention: &str) -> bool {
        is_credit(toks, &self.chars, &self.lines, c, mention)
    }
}

struct Lines {
    /// Char offsets where lines start, ascending.
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(chars: &[char]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            chars
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines {
            starts,
            len: chars.len(),
        }
    }

    /// The start of the line holding `start` and the end of the line holding `end`.
    fn bounds(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.starts[self
            .starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1)];
        let next = self.starts.partition_point(|&s| s <= end);
        let b = self.starts.get(next).map_or(self.len, |&s| s - 1);
        (a, b.max(a))
    }
}

/// A byline line, or a credit name alone on its line or set off by a credit cue.
fn is_credit(toks: &[Tok], chars: &[char], lines: &Lines, c: &Cand, mention: &str) -> bool {
    let lower = key(mention);
    let prev = c
        .first
        .checked_sub(1)
        .map(|i| toks[i].lower.as_str())
        .unwrap_or("");
    let next = toks.get(c.end).map(|t| t.lower.as_str()).unwrap_or("");
    let (a, b) = lines.bounds(toks[c.first].start, toks[c.end - 1].end);
    // Credits and bylines are short lines; a long line is body text.
    if b - a > 200 {
        return false;
    }
    let line: String = chars[a..b].iter().collect();
    let line_lower = line.trim_start().to_lowercase();
    // "By Jane Smith, BBC News" and similar byline lines.
    if line_lower.starts_with("by ") && line.split_whitespace().count() <= 10 {
        return true;
    }
    if !CREDIT_NAMES.contains(&lower.as_str()) {
        return false;
    }
    let rest: String = line.replacen(mention, "", 1);
    let alone = !rest.chars().any(|ch| ch.is_alphanumeric())
        || rest
            .to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| CREDIT_CUES.contains(&w) || CREDIT_NAMES.contains(&w));
    alone
        || matches!(prev, "(" | "/" | ":" | "©")
        || CREDIT_CUES.contains(&prev)
        || next == "/"
        || (prev == "(" && next == ")")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cand, toks};
    use super::*;
    use dateline_core::EntityType;

    fn credit(text: &str, words: &str) -> bool {
        let toks = toks(text);
        let first_word = words.split(' ').next().unwrap();
        let n = words.split(' ').count();
        let first = toks.iter().position(|t| t.text == first_word).unwrap();
        let c = cand(first, first + n, EntityType::Org);
        Credits::new(text).is_credit(&toks, &c, words)
    }

    #[test]
    fn line_bounds() {
        let chars: Vec<char> = "ab\ncd\n\nef".chars().collect();
        let lines = Lines::new(&chars);
        assert_eq!(lines.bounds(0, 1), (0, 2));
        assert_eq!(lines.bounds(3, 4), (3, 5));
        assert_eq!(lines.bounds(1, 8), (0, 9));
    }

    #[test]
    fn credits_and_bylines_but_not_body_text() {
        assert!(credit(
            "The talks ended.\nGetty Images\nMore followed.",
            "Getty Images"
        ));
        assert!(credit(
            "By Jane Smith, BBC News\n\nThe talks ended.",
            "Jane Smith"
        ));
        assert!(!credit(
            "Reuters reported that the talks went on late into the night.",
            "Reuters"
        ));
    }
}

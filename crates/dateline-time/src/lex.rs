//! A small lexer: words, digit runs and single punctuation marks with char offsets.
//!
//! The tagger scans its own tokens rather than the pipeline's so that "3pm", "24th" and
//! "1990s" split into the pieces the grammar matches, whatever tokenizer ran before.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lower-cased text.
    pub low: String,
    /// True when the token starts with an upper-case letter.
    pub cap: bool,
    /// True when the whole word is upper case (and longer than one letter).
    pub upper: bool,
    /// True when whitespace (or the start of text) precedes the token.
    pub space_before: bool,
    /// True when a line break precedes the token.
    pub newline_before: bool,
}

impl Tok {
    pub fn num(&self) -> Option<i64> {
        if self.kind == Kind::Num && self.low.len() <= 9 {
            self.low.parse().ok()
        } else {
            None
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

pub fn lex(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            space = true;
            if c == '\n' || c == '\r' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            kind = Kind::Num;
        } else if c.is_alphabetic() {
            while i < chars.len() {
                let ch = chars[i];
                if ch.is_alphabetic() {
                    i += 1;
                } else if is_apostrophe(ch)
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphabetic()
                    && !(i + 2 <= chars.len()
                        && chars[i + 1].eq_ignore_ascii_case(&'s')
                        && (i + 2 == chars.len() || !chars[i + 2].is_alphabetic()))
                {
                    // o'clock, Ha'atzmaut — but not the possessive 's.
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Word;
        } else {
            i += 1;
            kind = Kind::Punct;
        }
        let span = &chars[start..i];
        let mut low = String::with_capacity(span.len());
        for &c in span {
            match c {
                '\u{2019}' => low.push('\''),
                c if c.is_ascii() => low.push(c.to_ascii_lowercase()),
                c => low.extend(c.to_lowercase()),
            }
        }
        let cap = span.first().is_some_and(|c| c.is_uppercase());
        let upper = kind == Kind::Word && span.len() > 1 && span.iter().all(|c| !c.is_lowercase());
        toks.push(Tok {
            start,
            end: i,
            kind,
            low,
            cap,
            upper,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_from_letters() {
        let t = lex("3pm 24th Feb o'clock Mr’s");
        let lows: Vec<&str> = t.iter().map(|t| t.low.as_str()).collect();
        assert_eq!(
            lows,
            ["3", "pm", "24", "th", "feb", "o'clock", "mr", "'", "s"]
        );
        assert!(!t[1].space_before);
        assert!(t[2].space_before);
    }
}

//! Tokenization following UD English EWT conventions, in one left-to-right pass.
//!
//! The text is cut at whitespace into chunks; each chunk is split into word runs and
//! punctuation. A word run absorbs connectors that EWT keeps inside a token (decimal and
//! thousands separators, time colons, periods of abbreviations, apostrophes, bound
//! prefixes such as "post-"), then clitics ("n't", "'s", "'ll"…) and unit suffixes
//! ("1.5bn" → "1.5" "bn") are split off. URLs, e-mail addresses, @handles and #hashtags
//! stay whole. Contractions typed without their apostrophe split as EWT splits them
//! ("dont" → "do" "nt"); a sentence-final abbreviation at the end of a paragraph gives
//! its period to the sentence ("etc" "."). Every step looks only at a bounded
//! neighbourhood, so the cost is linear.

use crate::lexicon;

/// How a token that ends with its own period behaves at a sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    None,
    /// "Mr.", "Gen.": always followed by a name.
    Title,
    /// "J.", a single letter: usually an initial.
    Initial,
    /// "U.S.", "a.m.", "Calif.": may end a sentence.
    Other,
    /// "Inc.", "etc.", "Dec.": ends a sentence before a capitalised word.
    Closing,
}

/// A token found by [`tokenize`], in char offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawToken {
    pub start: usize,
    pub end: usize,
    /// Newlines in the whitespace just before the token.
    pub newlines_before: u32,
    /// Whether whitespace separates the token from the previous one.
    pub space_before: bool,
    pub abbrev: Abbrev,
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
            || unicode_normalization::char::canonical_combining_class(c) != 0
            || c == '\u{200C}'
            || c == '\u{200D}'
    }
}

/// Chars that may trail a URL or e-mail address without belonging to it.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '”' | '’' | ')' | ']' | '}' | '>' | '»'
    )
}

const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":/", ":-/", "<3",
    ":o)", ":'(", "=)", ":]", ":[",
];

fn eq_ignore_case(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    for w in word.chars() {
        match it.next() {
            Some(&c) if c == w || (c.is_ascii() && c.to_ascii_lowercase() == w) => {}
            Some(&'’') if w == '\'' => {}
            _ => return false,
        }
    }
    it.next().is_none()
}

fn ends_with_ignore_case(chars: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    chars.len() >= n && eq_ignore_case(&chars[chars.len() - n..], suffix)
}

/// Splits `chars` into tokens, appending them to `out`.
pub(crate) fn tokenize(chars: &[char], out: &mut Vec<RawToken>) {
    let n = chars.len();
    let mut i = 0;
    let mut newlines = 0u32;
    let mut space = false;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            match c {
                '\n' | '\u{2028}' | '\u{85}' => newlines = newlines.saturating_add(1),
                '\u{2029}' => newlines = newlines.saturating_add(2),
                _ => {}
            }
            space = true;
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && !chars[j].is_whitespace() {
            j += 1;
        }
        let first = out.len();
        Chunk {
            chars,
            start: i,
            end: j,
        }
        .split(out);
        if let Some(t) = out.get_mut(first) {
            t.newlines_before = newlines;
            t.space_before = space;
        }
        newlines = 0;
        space = false;
        i = j;
    }
}

struct Chunk<'a> {
    /// The whole text (for look-ahead past the chunk).
    chars: &'a [char],
    start: usize,
    end: usize,
}

/// Longest local part of an e-mail address (RFC 5321); bounds the look-ahead.
const MAX_EMAIL_LOCAL: usize = 64;

impl Chunk<'_> {
    fn push(&self, out: &mut Vec<RawToken>, start: usize, end: usize, abbrev: Abbrev) {
        if start < end {
            out.push(RawToken {
                start,
                end,
                newlines_before: 0,
                space_before: false,
                abbrev,
            });
        }
    }

    fn split(&self, out: &mut Vec<RawToken>) {
        let (s, e) = (self.start, self.end);
        let c = self.chars;
        let mut k = s;
        while k < e {
            if let Some(end) = self.special_form(k) {
                self.push(out, k, end, Abbrev::None);
                k = end;
                continue;
            }
            if is_word_char(c[k]) {
                let (end, abbrev) = self.scan_word(k);
                self.emit_word(out, k, end, abbrev);
                k = end;
                continue;
            }
            let end = self.symbol_run(k);
            self.push(out, k, end, Abbrev::None);
            k = end;
        }
    }

    /// An emoticon at `k` that ends the chunk or is followed by punctuation: "family:)".
    fn emoticon(&self, k: usize) -> Option<usize> {
        let c = self.chars;
        let after_word = k > self.start && is_word_char(c[k - 1]);
        EMOTICONS
            .iter()
            .filter(|m| {
                // After a word only a smiley that cannot be a colon before a letter ("C:/").
                !after_word || m.ends_with(')') || m.ends_with('(')
            })
            .filter_map(|m| {
                let n = m.chars().count();
                let end = k + n;
                let fits = end <= self.end
                    && c[k..end].iter().copied().eq(m.chars())
                    && (end == self.end || !is_word_char(c[end]));
                fits.then_some(end)
            })
            .max()
    }

    /// A country calling code before a phone number: "+1 212-848-8400", "(+44 20 …".
    fn calling_code(&self, k: usize) -> Option<usize> {
        let c = self.chars;
        let mut j = k + 1;
        while j < self.end && j - k <= 4 && c[j].is_ascii_digit() {
            j += 1;
        }
        let digits = j - k - 1;
        if !(1..=3).contains(&digits) || j != self.end {
            return None;
        }
        let next = c[j..].iter().take(3).find(|x| !x.is_whitespace());
        matches!(next, Some(d) if d.is_ascii_digit() || *d == '(').then_some(j)
    }

    /// URLs, e-mail addresses, @handles, #hashtags, emoticons and "'90s" that start at `k`.
    fn special_form(&self, k: usize) -> Option<usize> {
        let c = self.chars;
        let e = self.end;
        if matches!(c[k], ':' | ';' | '=' | '<') {
            if let Some(end) = self.emoticon(k) {
                return Some(end);
            }
        }
        let alpha_end = |from: usize| (from..e).find(|&x| !c[x].is_alphabetic()).unwrap_or(e);
        if is_apostrophe(c[k]) && k > self.start && c[k - 1] == '.' {
            // A clitic after an abbreviation: "the U.S.'s role".
            let j = alpha_end(k + 1);
            let clitic = ["s", "re", "ve", "ll", "d", "m"]
                .iter()
                .any(|x| eq_ignore_case(&c[k + 1..j], x));
            if clitic && (j == e || !is_word_char(c[j])) {
                return Some(j);
            }
        }
        let at_boundary = k == self.start || !is_word_char(c[k - 1]) && c[k - 1] != '.';
        if !at_boundary {
            return None;
        }
        let ch = c[k];
        if ch == '+' {
            return self.calling_code(k);
        }
        // "w/" for "with" before a word: "w/it".
        if ch == 'w'
            && k + 3 < e
            && c[k + 1] == '/'
            && c[k + 2].is_alphabetic()
            && c[k + 3].is_alphabetic()
        {
            return Some(k + 2);
        }
        if ch == '.' {
            // A decimal without its zero: "$.04", ".45 calibre".
            let digits_end = (k + 1..e).find(|&x| !c[x].is_ascii_digit()).unwrap_or(e);
            if digits_end > k + 1 && (digits_end == e || !is_word_char(c[digits_end])) {
                return Some(digits_end);
            }
            // A file extension after a closing bracket: "(draft).doc".
            let j = alpha_end(k + 1);
            let ext: String = c[k + 1..j].iter().collect();
            let ends = j == e || !is_word_char(c[j]);
            return (ends && lexicon::is_file_extension(&ext)).then_some(j);
        }
        // Words that start with an elided letter: 'em, 'til, 'cause, and rock 'n' roll.
        if is_apostrophe(ch) && k + 1 < e && c[k + 1].is_alphabetic() {
            let j = alpha_end(k + 1);
            let word = &c[k + 1..j];
            if j < e && eq_ignore_case(word, "n") && is_apostrophe(c[j]) {
                return Some(j + 1);
            }
            let elided = ["em", "til", "cause", "tis", "twas", "bout"]
                .iter()
                .any(|x| eq_ignore_case(word, x));
            if elided && (j == e || !is_word_char(c[j])) {
                return Some(j);
            }
        }
        // '90s, ’80s
        if is_apostrophe(ch) && k + 2 < e && c[k + 1].is_ascii_digit() && c[k + 2].is_ascii_digit()
        {
            let mut j = k + 3;
            if j < e && c[j] == 's' {
                j += 1;
            }
            if j == e || !is_word_char(c[j]) {
                return Some(j);
            }
        }
        if ch == '@' || ch == '#' {
            let mut j = k + 1;
            while j < e && (c[j].is_alphanumeric() || c[j] == '_') {
                j += 1;
            }
            let has_letter = c[k + 1..j].iter().any(|x| x.is_alphabetic());
            if ch == '@' && j > k + 1 && j < e && c[j] == '.' {
                if let Some(end) = self.domain_end(j) {
                    return Some(end); // "@paulhastings.com", the domain part of an address
                }
            }
            if j > k + 1 && has_letter {
                return Some(j); // but "@2.975" is "at" a price
            }
            return None;
        }
        if ch.is_ascii_alphabetic() {
            if let Some(end) = self.url(k) {
                return Some(end);
            }
        }
        if ch.is_alphanumeric() {
            return self.email(k);
        }
        None
    }

    /// The end of a domain name continuing at the period `dot`, if it ends in a lower-case
    /// top-level domain (".com", ".co.uk").
    fn domain_end(&self, dot: usize) -> Option<usize> {
        let c = self.chars;
        let mut d = dot;
        while d < self.end && (c[d].is_alphanumeric() || c[d] == '.' || c[d] == '-') {
            d += 1;
        }
        while d > dot && !c[d - 1].is_alphanumeric() {
            d -= 1;
        }
        let last_dot = (dot..d).rev().find(|&x| c[x] == '.')?;
        let tld = &c[last_dot + 1..d];
        let ok = tld.len() >= 2 && tld.iter().all(|x| x.is_ascii_lowercase());
        ok.then_some(d)
    }

    fn starts_with_ci(&self, k: usize, prefix: &str) -> bool {
        let n = prefix.len();
        k + n <= self.end && eq_ignore_case(&self.chars[k..k + n], prefix)
    }

    fn url(&self, k: usize) -> Option<usize> {
        let c = self.chars;
        let scheme = ["https://", "http://", "ftp://", "www."]
            .iter()
            .find(|p| self.starts_with_ci(k, p))?;
        let body = k + scheme.len();
        if body >= self.end || !c[body].is_alphanumeric() {
            return None;
        }
        let mut end = self.end;
        let opens = c[k..end].iter().filter(|&&x| x == '(').count();
        let mut closes = c[k..end].iter().filter(|&&x| x == ')').count();
        while end > body && is_trailing_punct(c[end - 1]) {
            if c[end - 1] == ')' && closes <= opens {
                break;
            }
            if c[end - 1] == ')' {
                closes -= 1;
            }
            end -= 1;
        }
        Some(end)
    }

    fn email(&self, k: usize) -> Option<usize> {
        let c = self.chars;
        let e = self.end;
        let local = |x: char| x.is_alphanumeric() || matches!(x, '.' | '_' | '%' | '+' | '-');
        let mut j = k;
        while j < e && j - k <= MAX_EMAIL_LOCAL && local(c[j]) {
            j += 1;
        }
        if j >= e || c[j] != '@' || j == k {
            return None;
        }
        let domain_start = j + 1;
        let mut d = domain_start;
        while d < e && (c[d].is_alphanumeric() || c[d] == '.' || c[d] == '-') {
            d += 1;
        }
        while d > domain_start && !c[d - 1].is_alphanumeric() {
            d -= 1;
        }
        let domain = &c[domain_start..d];
        let last_dot = domain.iter().rposition(|&x| x == '.')?;
        let tld = &domain[last_dot + 1..];
        if tld.len() >= 2 && tld.iter().all(|x| x.is_alphabetic()) && last_dot > 0 {
            Some(d)
        } else {
            None
        }
    }

    /// Scans the word run starting at `k`; returns its end and, when it absorbed a final
    /// period, what kind of abbreviation it is.
    fn scan_word(&self, k: usize) -> (usize, Abbrev) {
        let c = self.chars;
        let e = self.end;
        let mut j = k;
        let mut piece_start = k;
        loop {
            while j < e && is_word_char(c[j]) {
                j += 1;
            }
            if j >= e {
                return (j, Abbrev::None);
            }
            let sep = c[j];
            if j + 1 < e && is_word_char(c[j + 1]) && self.joins(k, piece_start, j) {
                j += 1;
                piece_start = j;
                continue;
            }
            if sep == '.' {
                let kind = self.abbreviation(k, j);
                if kind != Abbrev::None {
                    return (j + 1, kind);
                }
            }
            // "US$4.5bn", "HK$10": the currency symbol with its country letters.
            if sep == '$'
                && piece_start == k
                && j - k <= 3
                && c[k..j].iter().all(|x| x.is_ascii_uppercase())
                && j + 1 < self.chars.len()
                && c[j + 1].is_ascii_digit()
            {
                return (j + 1, Abbrev::None);
            }
            if sep == '!' && piece_start == k && j - k <= 8 {
                let word: String = c[k..j].iter().collect();
                if lexicon::is_bang_name(&word) && (j + 1 == e || !is_word_char(c[j + 1])) {
                    return (j + 1, Abbrev::Closing); // "!" may end the sentence, as before
                }
            }
            return (j, Abbrev::None);
        }
    }

    /// Whether the separator at `j` stays inside the word run that started at `k` and whose
    /// current piece started at `piece_start`.
    fn joins(&self, k: usize, piece_start: usize, j: usize) -> bool {
        let c = self.chars;
        let sep = c[j];
        let left = &c[piece_start..j];
        let right_end = {
            let mut r = j + 1;
            while r < self.end && is_word_char(c[r]) {
                r += 1;
            }
            r
        };
        let right = &c[j + 1..right_end];
        let (l, r) = (c[j - 1], c[j + 1]);
        let all_digits = |s: &[char]| !s.is_empty() && s.iter().all(|x| x.is_ascii_digit());
        match sep {
            '.' => {
                // "Dr.Michael", "Nov.28": a title or month abbreviation run into what follows.
                let glued_abbreviation = piece_start == k
                    && (r.is_uppercase() || r.is_ascii_digit())
                    && left.len() <= 4
                    && {
                        let word: String = left.iter().collect();
                        lexicon::is_title(&word) || lexicon::is_closing_abbreviation(&word)
                    };
                l.is_alphanumeric() && r.is_alphanumeric() && !glued_abbreviation
            }
            ',' => l.is_ascii_digit() && all_digits(right) && right.len() == 3,
            ':' => l.is_ascii_digit() && r.is_ascii_digit(),
            _ if is_hyphen(sep) => {
                if piece_start == k && left.len() <= 7 {
                    let prefix: String = left.iter().collect();
                    // "over-priced", but not "over-the-top".
                    let long_enough = right.len() >= 4 || !eq_ignore_case(left, "over");
                    if long_enough && lexicon::is_bound_prefix(&prefix) {
                        return true;
                    }
                }
                if !all_digits(left) || !all_digits(right) {
                    return false;
                }
                // What follows `right`: "-" and the length of the next digit group.
                let next_group = (right_end + 1 < self.end && is_hyphen(c[right_end])).then(|| {
                    c[right_end + 1..self.end]
                        .iter()
                        .take_while(|x| x.is_ascii_digit())
                        .count()
                });
                let date_so_far = piece_start > k && {
                    let first = &c[k..piece_start - 1];
                    first.len() <= 2 && all_digits(first) && left.len() <= 2
                };
                // Telephone numbers, extensions and ZIP+4 codes stay whole: 555-0123,
                // 713-654-0365, 1-800-991-9019, 3-5213, 20500-0001; so do dates written with
                // hyphens (11-20-2000), and 3-3 pairs as before (737-800). Scores and other
                // ranges split: 3-1, 1990-1995, 200,000-300,000.
                (right.len() == 4 && matches!(left.len(), 1 | 3 | 5) && !date_so_far)
                    || (left.len() == 3
                        && right.len() == 3
                        && (piece_start == k || next_group == Some(4)))
                    || (left.len() == 1
                        && left[0] == '1'
                        && right.len() == 3
                        && next_group == Some(3))
                    || (left.len() <= 2
                        && right.len() <= 2
                        && piece_start == k
                        && matches!(next_group, Some(2) | Some(4)))
                    || (date_so_far && matches!(right.len(), 2 | 4))
            }
            '/' => {
                if all_digits(left) && all_digits(right) {
                    // Dates and spans of years stay whole (9/11, 16/11/2004, 2005/06); other
                    // short pairs split (24/7, 20/20, 50/50), as in EWT.
                    let number = |s: &[char]| s.iter().collect::<String>().parse::<u32>().ok();
                    let three_part = piece_start > k
                        || (right_end + 1 < self.end
                            && c[right_end] == '/'
                            && c[right_end + 1].is_ascii_digit());
                    let month_day = matches!(number(left), Some(1..=12))
                        && matches!(number(right), Some(1..=31))
                        && right.len() <= 2;
                    let short_pair = left.len() <= 2 && right.len() <= 2;
                    return three_part || month_day || !short_pair;
                }
                (left.len() == 1 && left[0].is_alphabetic() && !(left[0] == 'w' && right.len() > 1))
                    || (right.len() == 1 && right[0].is_alphabetic())
            }
            '&' => {
                let short_caps = |s: &[char]| {
                    !s.is_empty() && s.len() <= 3 && s.iter().all(|x| x.is_uppercase())
                };
                short_caps(left) && short_caps(right)
            }
            '\'' | '’' => l.is_alphanumeric() && r.is_alphabetic(),
            '@' => l.is_alphabetic() && r.is_alphabetic(),
            _ => false,
        }
    }

    /// Whether the word run `k..j` followed by a period at `j` is an abbreviation that keeps
    /// the period.
    fn abbreviation(&self, k: usize, j: usize) -> Abbrev {
        let c = self.chars;
        // "etc..." is "etc" + an ellipsis, but "Inc.." is "Inc." + a full stop.
        if j + 2 < c.len() && c[j + 1] == '.' && c[j + 2] == '.' {
            return Abbrev::None;
        }
        if c[k..j].iter().any(|&x| is_apostrophe(x)) {
            return Abbrev::None; // "didn't." ends with a clitic, not an initial
        }
        // The whole run decides: "Jay-Z." and "AT&T." are not initials.
        let word = &c[k..j];
        if word.len() == 1 {
            // "Jay-Z." ends a name, it is not an initial.
            let joined = k > self.start && matches!(c[k - 1], '-' | '&' | '/' | '\'' | '’');
            return if word[0].is_alphabetic() && !joined {
                Abbrev::Initial
            } else {
                Abbrev::None
            };
        }
        if word.contains(&'.') {
            let mut segments = 0;
            let ok = word.split(|&x| x == '.').all(|seg| {
                segments += 1;
                !seg.is_empty() && seg.len() <= 2 && seg.iter().all(|x| x.is_alphabetic())
            });
            return if ok && segments >= 2 {
                Abbrev::Other
            } else {
                Abbrev::None
            };
        }
        if word.len() > 7 {
            return Abbrev::None;
        }
        let text: String = word.iter().collect();
        if lexicon::is_title(&text) {
            return Abbrev::Title;
        }
        if lexicon::is_closing_abbreviation(&text) {
            return Abbrev::Closing;
        }
        if lexicon::is_upper_title(&text) {
            return Abbrev::Closing; // "MS. Final approval", "FT. But"
        }
        if lexicon::is_abbreviation(&text) {
            return Abbrev::Other;
        }
        if lexicon::is_numeric_abbreviation(&text) {
            let next = c[j + 1..]
                .iter()
                .take(8)
                .find(|x| !x.is_whitespace() || **x == '\n');
            if matches!(next, Some(d) if d.is_ascii_digit()) {
                return Abbrev::Title;
            }
        }
        Abbrev::None
    }

    /// Emits a word run, splitting off clitics and unit suffixes.
    fn emit_word(&self, out: &mut Vec<RawToken>, k: usize, j: usize, abbrev: Abbrev) {
        if abbrev != Abbrev::None {
            // EWT gives a sentence-final abbreviation no second period: "etc" + ".".
            if abbrev != Abbrev::Title && j - k > 1 && self.ends_paragraph(j) {
                self.push(out, k, j - 1, Abbrev::None);
                self.push(out, j - 1, j, Abbrev::None);
            } else {
                self.push(out, k, j, abbrev);
            }
            return;
        }
        let c = self.chars;
        let w = &c[k..j];
        let n = w.len();
        if let Some(cuts) = self.informal_contraction(k, j) {
            let mut from = k;
            for cut in cuts.into_iter().flatten() {
                self.push(out, from, cut, Abbrev::None);
                from = cut;
            }
            self.push(out, from, j, Abbrev::None);
            return;
        }
        // Every clitic has its apostrophe second or third from the end ("n't", "'s",
        // "'ll"); checking that first keeps the common word off the suffix comparisons.
        let clitic_apostrophe = (2..=3).any(|d| n > d && is_apostrophe(w[n - d]));
        if clitic_apostrophe {
            if n > 3 && ends_with_ignore_case(w, "n't") && w[n - 4].is_alphabetic() {
                self.emit_base(out, k, j - 3);
                self.push(out, j - 3, j, Abbrev::None);
                return;
            }
            for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
                let len = clitic.len();
                if n > len && ends_with_ignore_case(w, clitic) && w[n - len - 1].is_alphanumeric() {
                    let base = &w[..n - len];
                    let decade = len == 2
                        && matches!(base.len(), 2 | 4)
                        && base.iter().all(|x| x.is_ascii_digit())
                        && base[base.len() - 1] == '0';
                    if decade {
                        break; // the plural "the 1980's", "70's" stays whole, as in EWT
                    }
                    self.emit_base(out, k, j - len);
                    self.push(out, j - len, j, Abbrev::None);
                    return;
                }
            }
        }
        if n == 6 && eq_ignore_case(w, "cannot") {
            self.push(out, k, k + 3, Abbrev::None);
            self.push(out, k + 3, j, Abbrev::None);
            return;
        }
        if n == 5
            && (eq_ignore_case(w, "gonna")
                || eq_ignore_case(w, "wanna")
                || eq_ignore_case(w, "gotta"))
        {
            self.push(out, k, k + 3, Abbrev::None);
            self.push(out, k + 3, j, Abbrev::None);
            return;
        }
        self.emit_base(out, k, j);
    }

    /// Whether only closing brackets or quotes and whitespace with a blank line, or the end
    /// of the text, follow `j`.
    fn ends_paragraph(&self, j: usize) -> bool {
        let mut newlines = 0;
        // Closing brackets and quotes may follow: "(… Michigan Ave.)".
        let closers_start = j;
        let mut j = j;
        while j < self.end
            && j - closers_start < 4
            && matches!(self.chars[j], ')' | ']' | '"' | '”' | '’' | '\'')
        {
            j += 1;
        }
        for (i, &x) in self.chars[j..].iter().enumerate() {
            if i >= 64 || !x.is_whitespace() {
                return false;
            }
            if x == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
        }
        true
    }

    /// The next word after the whitespace that follows `j`, if it is short and not the
    /// start of a hyphenated compound.
    fn next_word(&self, j: usize) -> Option<&[char]> {
        let c = self.chars;
        let mut s = j;
        while s < c.len() && s - j < 4 && c[s] == ' ' {
            s += 1;
        }
        if s == j || s >= c.len() {
            return None;
        }
        let mut e = s;
        while e < c.len() && e - s <= 12 && c[e].is_alphabetic() {
            e += 1;
        }
        let compound = e < c.len() && (is_hyphen(c[e]) || c[e].is_alphanumeric());
        (e > s && !compound).then_some(&c[s..e])
    }

    /// Whether the word before `k` (across spaces) is capitalised, as in "Jony Ive".
    fn after_capitalised_word(&self, k: usize) -> bool {
        let c = self.chars;
        let mut p = k;
        while p > 0 && k - p < 4 && c[p - 1] == ' ' {
            p -= 1;
        }
        if p == k {
            return false;
        }
        let mut s = p;
        while s > 0 && p - s < 20 && c[s - 1].is_alphabetic() {
            s -= 1;
        }
        s < p && c[s].is_uppercase()
    }

    /// Whether `k` starts a sentence: only whitespace after the start of the text or after
    /// a full stop, question or exclamation mark.
    fn starts_sentence(&self, k: usize) -> bool {
        let c = self.chars;
        let mut p = k;
        while p > 0 && k - p < 8 && c[p - 1].is_whitespace() {
            p -= 1;
        }
        p == 0 || (p < k && matches!(c[p - 1], '.' | '!' | '?'))
    }

    /// Cut points of a contraction written without its apostrophe, which EWT splits like
    /// the spelled one: "dont" → "do" "nt", "thats" → "that" "s", "dunno" → "du" "n" "no",
    /// "outta" → "out" "ta", and "its" → "it" "s" where the next word shows it is "it's"
    /// ("its not"). The word itself decides except for "its", "Lets" and "Ive", which
    /// look at one neighbouring word.
    fn informal_contraction(&self, k: usize, j: usize) -> Option<[Option<usize>; 2]> {
        let c = self.chars;
        let w = &c[k..j];
        let n = w.len();
        if !(2..=8).contains(&n) {
            return None;
        }
        // Every form handled here ends in one of these letter pairs; most words do not.
        let ending = [w[n - 2].to_ascii_lowercase(), w[n - 1].to_ascii_lowercase()];
        if !matches!(
            ending,
            ['n', 't' | 'o']
                | ['t', 'a' | 's']
                | ['i', 'm']
                | ['v' | 'r', 'e']
                | ['e', 's']
                | ['l', 'l']
        ) {
            return None;
        }
        // One pass, no allocation (this runs for most words): the word in lower case, and
        // how many capitals it has.
        let mut buf = [0u8; 8];
        let mut capitals = 0;
        for (b, &x) in buf.iter_mut().zip(w) {
            if !x.is_ascii_alphabetic() {
                return None;
            }
            capitals += x.is_ascii_uppercase() as usize;
            *b = x.to_ascii_lowercase() as u8;
        }
        let all_caps = capitals == n;
        if capitals > 1 && !all_caps || capitals == 1 && !w[0].is_ascii_uppercase() {
            return None; // "McDonalds", "iPod"
        }
        let word = std::str::from_utf8(&buf[..n]).unwrap_or("");
        if n > 3 && word.ends_with("nt") && lexicon::is_negated_auxiliary(&word[..n - 2]) {
            return Some([Some(j - 2), None]);
        }
        match word {
            "dunno" => return Some([Some(k + 2), Some(k + 3)]),
            "outta" => return Some([Some(k + 3), None]),
            _ if all_caps => return None, // "IM", "HES": acronyms
            _ => {}
        }
        if let Some(pronoun) = lexicon::pronoun_contraction(word) {
            // "Jony Ive", "director Im Kwon-taek": a capitalised form needs a lower-case
            // word after it and no capitalised word before it.
            let lower_next = self
                .next_word(j)
                .is_some_and(|next| next.iter().all(|x| x.is_lowercase()));
            if w[0].is_uppercase() && (self.after_capitalised_word(k) || !lower_next) {
                return None;
            }
            return Some([Some(k + pronoun), None]);
        }
        let next_is_lower = |set: fn(&str) -> bool| {
            self.next_word(j).is_some_and(|next| {
                next.iter().all(|x| x.is_lowercase()) && set(&next.iter().collect::<String>())
            })
        };
        if word == "its" && next_is_lower(lexicon::is_after_its_is) {
            return Some([Some(k + 2), None]);
        }
        if word == "lets"
            && w[0] == 'L'
            && self.starts_sentence(k)
            && next_is_lower(|next| {
                !matches!(
                    next,
                    "down" | "up" | "out" | "in" | "off" | "slip" | "loose"
                )
            })
        {
            return Some([Some(k + 3), None]);
        }
        None
    }

    /// Emits a word without clitics: "20m" → "20" "m", but "10th" and "1990s" stay whole.
    fn emit_base(&self, out: &mut Vec<RawToken>, k: usize, j: usize) {
        let c = self.chars;
        if c[k].is_ascii_digit() {
            let split = (k..j).find(|&x| c[x].is_alphabetic());
            if let Some(p) = split {
                let numeric = c[k..p]
                    .iter()
                    .all(|x| x.is_ascii_digit() || matches!(x, '.' | ',' | ':'));
                let suffix = &c[p..j];
                if numeric && suffix.iter().all(|x| x.is_ascii_alphabetic()) {
                    let keep = ["st", "nd", "rd", "th", "s"]
                        .iter()
                        .any(|s| eq_ignore_case(suffix, s));
                    // Of single letters only the units EWT splits ("20m", "5k", "$3b", "4x"),
                    // not "4g" or "3d".
                    let unit = suffix == ['K']
                        || suffix.iter().all(|x| x.is_ascii_lowercase())
                            && (suffix.len() > 1
                                || matches!(suffix, ['m' | 'k' | 'b' | 'x' | 'p']))
                        || eq_ignore_case(suffix, "am")
                        || eq_ignore_case(suffix, "pm");
                    if !keep && unit && c[p - 1].is_ascii_digit() {
                        self.push(out, k, p, Abbrev::None);
                        self.push(out, p, j, Abbrev::None);
                        return;
                    }
                }
            }
        }
        self.push(out, k, j, Abbrev::None);
    }

    /// A run of punctuation that forms one token: "...", "?!", "--", "***".
    fn symbol_run(&self, k: usize) -> usize {
        let c = self.chars;
        let e = self.end;
        let first = c[k];
        let same_class = |x: char| -> bool {
            if matches!(first, '.' | '!' | '?' | '…') {
                matches!(x, '.' | '!' | '?' | '…')
            } else if matches!(first, '-' | '=') {
                // Separator lines mix them: "----==".
                matches!(x, '-' | '=')
            } else if matches!(
                first,
                '*' | '~' | '#' | '<' | '>' | '+' | '^' | '—' | '–' | '$' | '/' | '\\'
            ) {
                x == first
            } else {
                false
            }
        };
        let mut j = k + 1;
        while j < e && same_class(c[j]) {
            j += 1;
        }
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        tokenize(&chars, &mut out);
        out.iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    fn check(text: &str, expected: &str) {
        assert_eq!(toks(text).join(" "), expected, "tokenizing {text:?}");
    }

    #[test]
    fn clitics_split_like_ewt() {
        check("I don't know", "I do n't know");
        check("can't won't", "ca n't wo n't");
        check("It’s Mr Starmer’s", "It ’s Mr Starmer ’s");
        check(
            "we'll they're I'm you've she'd",
            "we 'll they 're I 'm you 've she 'd",
        );
        check("the parents' cars", "the parents ' cars");
        check("cannot gonna", "can not gon na");
        check("O'Brien's", "O'Brien 's");
        check("the U.S.'s role", "the U.S. 's role");
        check("rock ’n’ roll told ’em 'til", "rock ’n’ roll told ’em 'til");
    }

    #[test]
    fn punctuation_and_quotes_are_separate() {
        check(
            "“It’s clear,” he said. (Yes!)",
            "“ It ’s clear , ” he said . ( Yes ! )",
        );
        check(
            "‘special relationship’ means",
            "‘ special relationship ’ means",
        );
        check(
            "his [Mr Starmer’s] request",
            "his [ Mr Starmer ’s ] request",
        );
        check("territorial…renouncement", "territorial … renouncement");
        check("Wait... what?!", "Wait ... what ?!");
        check("peace – despite", "peace – despite");
        check("well--known", "well -- known");
    }

    #[test]
    fn abbreviations_keep_their_period() {
        check("Mr. Smith met Gen. Lee", "Mr. Smith met Gen. Lee");
        check("the U.S. and U.K. now", "the U.S. and U.K. now");
        check("at 10 a.m., not", "at 10 a.m. , not");
        check("J. K. Rowling", "J. K. Rowling");
        check("No. 10 Downing St. today", "No. 10 Downing St. today");
        check("say no. Then", "say no . Then");
        check("etc... fine", "etc ... fine");
        check("U.S.-led", "U.S. - led");
        check("ended.", "ended .");
    }

    #[test]
    fn numbers_money_and_units() {
        check("$1.5bn (£20m) up 2.5%", "$ 1.5 bn ( £ 20 m ) up 2.5 %");
        check("1,000 people at 10:30pm", "1,000 people at 10:30 pm");
        check("the 24th and 1990s, '90s", "the 24th and 1990s , '90s");
        check("a 15-year term", "a 15 - year term");
        check("call 713-654-0365", "call 713-654-0365");
        check("on 16/11/2004 and/or 9/11", "on 16/11/2004 and / or 9/11");
        check(
            "open 24/7, 3/4 of 20/20 w/it",
            "open 24 / 7 , 3/4 of 20 / 20 w/ it",
        );
        check("$39K", "$ 39 K");
        check("G7 F-16", "G7 F - 16");
    }

    #[test]
    fn hyphenated_compounds_follow_ewt() {
        check(
            "post-war e-mail anti-American",
            "post-war e-mail anti-American",
        );
        check("long-term well-known", "long - term well - known");
        check("AT&T and P&L rock&roll", "AT&T and P&L rock & roll");
    }

    #[test]
    fn web_forms_stay_whole() {
        check(
            "See https://example.com/a?b=1. Mail jo.smith@bbc.co.uk, @BBCNews #Brexit",
            "See https://example.com/a?b=1 . Mail jo.smith@bbc.co.uk , @BBCNews #Brexit",
        );
        check("(www.gov.uk)", "( www.gov.uk )");
        check("smile :) ok", "smile :) ok");
    }

    #[test]
    fn phone_numbers_dates_and_ranges() {
        check(
            "ext. 3-5213 or +1 212-848-8400",
            "ext. 3-5213 or +1 212-848-8400",
        );
        check("dial 1-800-991-9019 now", "dial 1-800-991-9019 now");
        check(
            "737-800 jets, 200,000-300,000",
            "737-800 jets , 200,000 - 300,000",
        );
        check(
            "paid on 11-20-2000, won 3-1",
            "paid on 11-20-2000 , won 3 - 1",
        );
        check("ZIP 20500-0001", "ZIP 20500-0001");
        check("a +5 rating, 1+1", "a + 5 rating , 1 + 1");
    }

    #[test]
    fn sentence_final_abbreviation_gives_up_its_period() {
        check("shops, cafes etc.", "shops , cafes etc .");
        check("delivery in the U.S.\n\nNext", "delivery in the U.S . Next");
        check("the U.S.\nNext", "the U.S. Next");
        check("met Mr.", "met Mr.");
        check("(220 South Michigan Ave.)", "( 220 South Michigan Ave . )");
        check("Dr.Michael Cowpland", "Dr. Michael Cowpland");
    }

    #[test]
    fn informal_contractions_split_like_ewt() {
        check("i dont know, thats it", "i do nt know , that s it");
        check("im sure ive seen it", "i m sure i ve seen it");
        check("I dunno, Im outta here", "I du n no , I m out ta here");
        check("its not its own fault", "it s not its own fault");
        check("its very own, its kind", "its very own , its kind");
        check("Lets go. Sir Jony Ive said", "Let s go . Sir Jony Ive said");
        check("IM ID HES wont", "IM ID HES wont");
        check(
            "the 70's, 1980’s, 2003's and Radio 4's",
            "the 70's , 1980’s , 2003 's and Radio 4 's",
        );
        check(
            "director Im Kwon-taek. Im sure",
            "director Im Kwon - taek . I m sure",
        );
        check("its now infamous poster", "its now infamous poster");
    }

    #[test]
    fn names_symbols_and_files() {
        check("than Yahoo! and AOL", "than Yahoo! and AOL");
        check("US$4.5bn and HK$10", "US$ 4.5 bn and HK$ 10");
        check("family:) and :-).", "family :) and :-) .");
        check("C:/Windows 1:30", "C : / Windows 1:30");
        check("==---- x", "==---- x");
        check("(draft).doc costs $.04", "( draft ) .doc costs $ .04");
        check(
            "@paulhastings.com @2.975 @BBCNews.",
            "@paulhastings.com @ 2.975 @BBCNews .",
        );
        check("over-priced over-the-top", "over-priced over - the - top");
        check(
            "10mins 4g 20m 2001alleging 116i",
            "10 mins 4g 20 m 2001 alleging 116i",
        );
    }

    #[test]
    fn newlines_are_counted() {
        let chars: Vec<char> = "a\n\nb c\nd".chars().collect();
        let mut out = Vec::new();
        tokenize(&chars, &mut out);
        let nl: Vec<u32> = out.iter().map(|t| t.newlines_before).collect();
        assert_eq!(nl, vec![0, 2, 0, 1]);
    }
}

//! Detection of scraping debris: whole lines that are photo credits, captions, share
//! widgets or page furniture rather than article prose.
//!
//! Every rule looks at one short line (or a credit split over two or three lines, such as
//! `(` + `Getty Images)`) and matches it in full: a line is removed only when nothing in it
//! is prose. Long lines are never touched.

/// What kind of debris a removed line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DebrisKind {
    /// A picture credit ("Image copyright Reuters", "(Getty Images)"), possibly split over
    /// two or three lines.
    PhotoCredit,
    /// An image or media caption ("Image caption The minister…").
    Caption,
    /// Page furniture such as "Media playback is unsupported on your device".
    Boilerplate,
    /// A short share/follow prompt ("Share this with…").
    ShareWidget,
}

impl DebrisKind {
    /// The kind in words, as the removal warning says it ("photo credit").
    pub fn describe(self) -> &'static str {
        match self {
            DebrisKind::PhotoCredit => "photo credit",
            DebrisKind::Caption => "caption",
            DebrisKind::Boilerplate => "boilerplate",
            DebrisKind::ShareWidget => "share widget",
        }
    }
}

/// A line of the raw input, in char offsets (the terminator is not part of the line).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    /// Char offset just after the line terminator (the end of the text for the last line).
    pub next: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Lines of `raw`, split at LF, CRLF, lone CR and the Unicode line/paragraph separators.
pub(crate) fn lines(raw: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut byte_start = 0usize;
    let mut chars = raw.char_indices().peekable();
    let mut idx = 0usize;
    while let Some((b, c)) = chars.next() {
        let is_break = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
        if is_break {
            let mut next = idx + 1;
            if c == '\r' {
                if let Some(&(_, '\n')) = chars.peek() {
                    chars.next();
                    next += 1;
                }
            }
            out.push(Line {
                start,
                next,
                byte_start,
                byte_end: b,
            });
            start = next;
            idx = next;
            byte_start = chars.peek().map(|&(nb, _)| nb).unwrap_or(raw.len());
            continue;
        }
        idx += 1;
    }
    out.push(Line {
        start,
        next: idx,
        byte_start,
        byte_end: raw.len(),
    });
    out
}

/// Longest line (in bytes) any rule looks at; prose paragraphs are longer.
const MAX_DEBRIS_BYTES: usize = 400;

/// The comparison key of a line: trimmed, invisible chars dropped, odd spaces folded,
/// runs of spaces collapsed, lower-cased.
fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if crate::normalize::is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        key.extend(c.to_lowercase());
    }
    key
}

/// Words that make up picture-agency credits.
const CREDIT_WORDS: &[&str] = &[
    "getty",
    "images",
    "image",
    "reuters",
    "afp",
    "ap",
    "pa",
    "epa",
    "efe",
    "upi",
    "anadolu",
    "agency",
    "shutterstock",
    "alamy",
    "corbis",
    "bloomberg",
    "xinhua",
    "tass",
    "sipa",
    "rex",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "zuma",
    "wire",
    "sopa",
    "nurphoto",
    "istock",
    "istockphoto",
    "photo",
    "photos",
    "picture",
    "pictures",
    "file",
    "handout",
    "pool",
    "via",
    "press",
    "associated",
    "media",
    "the",
    "&",
    "and",
    "©",
    "(c)",
    "copyright",
    "news",
    "wireimage",
    "filmmagic",
    "pa-wire",
    "ap/pa",
    "afp/getty",
    "getty/afp",
];

/// Credit words that on their own identify a picture agency.
const AGENCY_WORDS: &[&str] = &[
    "getty",
    "reuters",
    "afp",
    "ap",
    "pa",
    "epa",
    "efe",
    "upi",
    "anadolu",
    "shutterstock",
    "alamy",
    "corbis",
    "xinhua",
    "tass",
    "sipa",
    "rex",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "zuma",
    "nurphoto",
    "istock",
    "istockphoto",
    "wireimage",
    "filmmagic",
];

/// Labels that start a credit line ("Image copyright Reuters", "Photo: AFP").
const CREDIT_LABELS: &[&str] = &[
    "image copyright",
    "image source",
    "image credit",
    "photo credit",
    "picture credit",
    "photograph:",
    "photo:",
    "photos:",
    "picture:",
    "pictures:",
    "pic:",
    "image:",
    "credit:",
    "credits:",
    "©",
    "(c) ",
    "copyright ",
];

/// Labels that start a caption line.
const CAPTION_LABELS: &[&str] = &[
    "image caption",
    "media caption",
    "picture caption",
    "caption:",
];

/// Page furniture that is never prose (compared with the whole line, trailing `.:` trimmed).
const BOILERPLATE: &[&str] = &[
    "advertisement",
    "skip advertisement",
    "continue reading the main story",
    "continue reading",
    "story continues below advertisement",
    "article continues below advertisement",
    "related topics",
    "more on this story",
    "related internet links",
    "the bbc is not responsible for the content of external sites",
    "read more about our approach to external linking",
    "listen to this article",
    "skip to content",
    "skip to main content",
    "back to top",
    "sign up to our newsletter",
    "sign up for our newsletter",
    "click here to subscribe",
    "watch",
    "play video",
    "video",
];

/// Page furniture recognised by how the line starts.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "media playback is unsupported on your device",
    "media playback is not supported on this device",
    "this video can not be played",
    "this video cannot be played",
    "to play this video you need to enable javascript",
    "this article is more than ",
];

const SHARE_OPENERS: &[&str] = &[
    "share this with",
    "share this article",
    "share this story",
    "share this page",
    "copy this link",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share via email",
];

const SHARE_TARGETS: &[&str] = &[
    "email",
    "e-mail",
    "facebook",
    "messenger",
    "twitter",
    "x",
    "pinterest",
    "whatsapp",
    "linkedin",
    "reddit",
    "copy link",
    "copy this link",
    "share",
    "tweet",
];

fn strip_brackets(key: &str) -> &str {
    let k = key.trim();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if k.starts_with(open) && k.ends_with(close) && k.len() >= 2 {
            return k[1..k.len() - 1].trim();
        }
    }
    k
}

fn is_credit_words(part: &str) -> bool {
    let mut strong = false;
    let mut words = 0;
    for w in part.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '|') {
        let w = w.trim_matches(|c: char| c == '.' || c == ':');
        if w.is_empty() {
            continue;
        }
        words += 1;
        if !CREDIT_WORDS.contains(&w) {
            return false;
        }
        if AGENCY_WORDS.contains(&w) {
            strong = true;
        }
    }
    strong && words <= 8
}

/// True when `key` (a line key, brackets allowed) is nothing but a picture credit:
/// "Getty Images", "AFP via Getty Images", "Dan Kitwood/Getty Images", "AP Photo/Evan Vucci".
pub(crate) fn is_credit(key: &str) -> bool {
    let inner = strip_brackets(key);
    if inner.is_empty() || inner.chars().count() > 100 {
        return false;
    }
    if inner.ends_with(['.', '!', '?', '"', '”']) && !inner.ends_with("ap.") {
        return false;
    }
    let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
    if !parts.iter().any(|p| is_credit_words(p)) {
        return false;
    }
    // The other parts name photographers: a few words, no sentence punctuation.
    parts.iter().all(|p| {
        is_credit_words(p)
            || (p.split_whitespace().count() <= 4
                && p.chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\''))
    })
}

fn trim_trailing_punct(key: &str) -> &str {
    key.trim_end_matches(['.', ':', ' ', '»', '›', '>'])
}

/// "Main image credit: Getty", "Top photo credits: …": a credit label after a few words
/// that only say which picture is meant.
fn is_labelled_credit(bare: &str) -> bool {
    const PICTURE_WORDS: &[&str] = &[
        "main",
        "top",
        "lead",
        "header",
        "featured",
        "feature",
        "cover",
        "hero",
        "image",
        "images",
        "photo",
        "photos",
        "picture",
        "pictures",
        "photograph",
        "photographs",
    ];
    let Some(pos) = bare.find("credit") else {
        return false;
    };
    let before: Vec<&str> = bare[..pos].split_whitespace().collect();
    let after = &bare[pos..];
    !before.is_empty()
        && before.len() <= 3
        && before.iter().all(|w| PICTURE_WORDS.contains(w))
        && (after.starts_with("credit:") || after.starts_with("credits:"))
        && after.chars().count() <= 150
}

/// Classifies one line on its own.
fn classify(key: &str) -> Option<DebrisKind> {
    if key.is_empty() {
        return None;
    }
    let bare = strip_brackets(key);
    for label in CAPTION_LABELS {
        if bare.starts_with(label) {
            return Some(DebrisKind::Caption);
        }
    }
    for label in CREDIT_LABELS {
        if let Some(rest) = bare.strip_prefix(label) {
            // BBC pages flatten "Image copyright Reuters Image caption The minister…".
            if rest.contains("image caption") || rest.contains("media caption") {
                return Some(DebrisKind::Caption);
            }
            if rest.chars().count() <= 150 {
                return Some(DebrisKind::PhotoCredit);
            }
        }
    }
    if is_labelled_credit(bare) {
        return Some(DebrisKind::PhotoCredit);
    }
    if is_credit(key) {
        return Some(DebrisKind::PhotoCredit);
    }
    let trimmed = trim_trailing_punct(key);
    if BOILERPLATE.contains(&trimmed) {
        return Some(DebrisKind::Boilerplate);
    }
    if BOILERPLATE_PREFIXES.iter().any(|p| key.starts_with(p)) {
        return Some(DebrisKind::Boilerplate);
    }
    if SHARE_OPENERS.iter().any(|p| trimmed.starts_with(p)) && trimmed.chars().count() <= 60 {
        return Some(DebrisKind::ShareWidget);
    }
    None
}

/// One debris removal, in raw char offsets (the span includes the line terminator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// First removed char (raw input char offset).
    pub start: usize,
    /// One past the last removed char (raw input char offset), after the line terminator.
    pub end: usize,
    /// 1-based line number in the raw input where the debris starts.
    pub line: usize,
    /// What the removed line was.
    pub kind: DebrisKind,
    /// The removed text, its lines joined.
    pub text: String,
}

impl Removal {
    /// The warning a document carries for this removal.
    pub fn warning(&self) -> String {
        let mut shown: String = self.text.chars().take(100).collect();
        if self.text.chars().count() > 100 {
            shown.push('…');
        }
        format!(
            "removed {} \"{}\" at line {}",
            self.kind.describe(),
            shown,
            self.line
        )
    }
}

/// Joins the trimmed contents of several lines the way a reader sees them: a lone opening
/// bracket sticks to what follows, other lines are separated by a space.
fn join_lines(raw: &str, lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        let t = raw[l.byte_start..l.byte_end].trim();
        if !out.is_empty() && !out.ends_with(['(', '[']) {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Finds every debris line of `raw`.
pub(crate) fn find(raw: &str, lines: &[Line]) -> Vec<Removal> {
    let mut out: Vec<Removal> = Vec::new();
    let mut i = 0;
    let mut previous_share = false;
    let short = |l: &Line| l.byte_end - l.byte_start <= MAX_DEBRIS_BYTES;
    while i < lines.len() {
        let line = &lines[i];
        if !short(line) {
            previous_share = false;
            i += 1;
            continue;
        }
        let key = line_key(&raw[line.byte_start..line.byte_end]);
        if key.is_empty() {
            i += 1;
            continue;
        }
        let mut span = 1;
        let mut kind = classify(&key);
        // A credit split over lines: "(" / "Getty Images)".
        if kind.is_none() && (key.starts_with('(') || key.starts_with('[')) {
            let close = if key.starts_with('(') { ')' } else { ']' };
            if !key.contains(close) {
                let mut joined = key.clone();
                for (k, next) in lines.iter().enumerate().skip(i + 1).take(2) {
                    if !short(next) {
                        break;
                    }
                    let next_key = line_key(&raw[next.byte_start..next.byte_end]);
                    if next_key.is_empty() {
                        break;
                    }
                    if !joined.ends_with(['(', '[']) {
                        joined.push(' ');
                    }
                    joined.push_str(&next_key);
                    if next_key.contains(close) {
                        if joined.ends_with(close) && is_credit(&joined) {
                            kind = Some(DebrisKind::PhotoCredit);
                            span = k - i + 1;
                        }
                        break;
                    }
                }
            }
        }
        if kind.is_none() && previous_share && SHARE_TARGETS.contains(&trim_trailing_punct(&key)) {
            kind = Some(DebrisKind::ShareWidget);
        }
        // A caption label alone on its line: the caption is the next (short) line.
        if kind == Some(DebrisKind::Caption) && CAPTION_LABELS.contains(&trim_trailing_punct(&key))
        {
            if let Some(next) = lines.get(i + 1) {
                let next_key = line_key(&raw[next.byte_start..next.byte_end]);
                if !next_key.is_empty() && next_key.chars().count() <= 250 {
                    span = 2;
                }
            }
        }
        match kind {
            Some(k) => {
                let last = &lines[i + span - 1];
                out.push(Removal {
                    start: line.start,
                    end: last.next,
                    line: i + 1,
                    kind: k,
                    text: join_lines(raw, &lines[i..i + span]),
                });
                previous_share = k == DebrisKind::ShareWidget;
                i += span;
            }
            None => {
                previous_share = false;
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(raw: &str) -> Vec<String> {
        find(raw, &lines(raw)).iter().map(|r| r.warning()).collect()
    }

    #[test]
    fn split_photo_credit_is_removed_with_its_line_number() {
        let raw = "Para one.\n\n(\nGetty Images)\nPara two.";
        assert_eq!(
            removed(raw),
            vec!["removed photo credit \"(Getty Images)\" at line 3"]
        );
    }

    #[test]
    fn credit_and_caption_lines_are_removed() {
        let raw = "Text.\nImage copyright Reuters\nImage caption The minister arrived on Monday\nMedia playback is unsupported on your device\nAFP via Getty Images\nDan Kitwood/Getty Images\nPhoto: AFP/John Smith\nMain image credit: Getty\nImage copyright PA Image caption Mr Blair said he would stand down after a full third term, which he said was the right thing to do for the country and for the party\nMore text.";
        let r = removed(raw);
        assert_eq!(r.len(), 8, "{r:?}");
        assert!(r[7].starts_with("removed caption"), "{r:?}");
        assert!(r[1].starts_with("removed caption \"Image caption The minister"));
    }

    #[test]
    fn share_widget_block_is_removed() {
        let raw =
            "Text.\nShare this with\nEmail\nFacebook\nTwitter\nEmail is how she keeps in touch.";
        let r = removed(raw);
        assert_eq!(r.len(), 4, "{r:?}");
    }

    #[test]
    fn prose_is_never_removed() {
        let raw = "Reuters reported that the talks failed.\nThe AP said so.\n(He was not there.)\nGetty Images was sold in 2020 for $1bn.\nEmail\nPhotography is his passion.\nWatch out for the details.";
        assert!(removed(raw).is_empty(), "{:?}", removed(raw));
    }

    #[test]
    fn lines_handle_every_terminator() {
        let l = lines("a\r\nb\rc\nd");
        let spans: Vec<(usize, usize)> = l.iter().map(|l| (l.start, l.next)).collect();
        assert_eq!(spans, vec![(0, 3), (3, 5), (5, 7), (7, 8)]);
    }
}

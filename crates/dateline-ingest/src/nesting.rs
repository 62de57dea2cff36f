//! The HTML nesting guard: a linear pre-scan of the markup, run before any tree is built,
//! that flattens elements nested deeper than a limit.
//!
//! html5ever searches the stack of open elements for many tags, so 100,000 nested `<div>`s
//! take half a minute to parse and 200,000 over two. No news page nests more than about a
//! hundred deep, so past [`MAX_DEPTH`] the start and end tags are dropped and only their
//! text is kept: the page then parses in linear time and reads the same.
//!
//! The scan is deliberately simple. It counts start and end tags of elements that contain
//! others, skipping void elements (`<br>`, `<img>`…), elements whose end tag is optional
//! and that do not nest in practice (`<p>`, `<li>`, `<td>`…), comments, doctypes, and the
//! raw text of `<script>`, `<style>` and the like; `/>` closes an element only inside
//! `<svg>` or `<math>`, as in HTML.

/// Elements nested deeper than this are flattened (real pages stay under about 100).
pub const MAX_DEPTH: usize = 384;

/// Elements with no content: they never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose end tag may be left out and which the parser closes itself when a
/// sibling starts: not counted, so a page of unclosed `<p>`s is not taken for deep nesting.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// What [`flatten`] did to a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flattened {
    /// The page with the tags past the limit removed.
    pub html: String,
    /// The deepest nesting seen.
    pub depth: usize,
    /// How many start tags were removed.
    pub removed: usize,
}

impl Flattened {
    /// The warning for the document.
    pub fn warning(&self, max_depth: usize) -> String {
        format!(
            "the page nests elements {} deep (more than {max_depth}): {} tags past that depth were dropped and only their text kept",
            self.depth, self.removed
        )
    }
}

/// One tag found by the scan.
enum Tag {
    /// A start tag that opens a level (`self_closed`: it ended with `/>` inside SVG or MathML).
    Open {
        name_lower: String,
        self_closed: bool,
    },
    /// An end tag.
    Close { name_lower: String },
    /// Anything that does not change the depth.
    Other,
}

/// Scans `html` and, when elements nest deeper than `max_depth`, returns the page with the
/// start and end tags past that depth removed. `None`: the page is within the limit (the
/// common case costs one pass and no allocation beyond tag names).
pub fn flatten(html: &str, max_depth: usize) -> Option<Flattened> {
    let deepest = scan(html, max_depth, None);
    if deepest <= max_depth {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let removed = scan_removed(html, max_depth, &mut out);
    Some(Flattened {
        html: out,
        depth: deepest,
        removed,
    })
}

fn scan_removed(html: &str, max_depth: usize, out: &mut String) -> usize {
    let mut removed = 0;
    scan(html, max_depth, Some((out, &mut removed)));
    removed
}

/// The one pass. Without `out` it returns the deepest nesting; with it, it also copies the
/// page into `out` minus the tags past `max_depth`, counting the removed start tags.
fn scan(html: &str, max_depth: usize, mut out: Option<(&mut String, &mut usize)>) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut foreign = 0usize;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let (tag, end) = read_tag(bytes, start, foreign > 0);
        let mut drop = false;
        match tag {
            Tag::Open {
                name_lower,
                self_closed,
            } => {
                if name_lower == "svg" || name_lower == "math" {
                    foreign += usize::from(!self_closed);
                }
                if !self_closed {
                    depth += 1;
                    deepest = deepest.max(depth);
                    drop = depth > max_depth;
                }
                if RAW_TEXT.contains(&name_lower.as_str()) && !self_closed {
                    // Skip the raw text to the end tag, which closes the level.
                    copy(&mut out, html, &mut copied, start, end, drop);
                    i = find_end_tag(bytes, end, &name_lower);
                    continue;
                }
            }
            Tag::Close { name_lower } => {
                if (name_lower == "svg" || name_lower == "math") && foreign > 0 {
                    foreign -= 1;
                }
                drop = depth > max_depth;
                depth = depth.saturating_sub(1);
            }
            Tag::Other => {}
        }
        copy(&mut out, html, &mut copied, start, end, drop);
        i = end;
    }
    if let Some((out, _)) = out {
        out.push_str(&html[copied..]);
    }
    deepest
}

/// Copies `html[copied..end]` into `out`, leaving out `start..end` when `drop` (counting a
/// dropped start tag).
fn copy(
    out: &mut Option<(&mut String, &mut usize)>,
    html: &str,
    copied: &mut usize,
    start: usize,
    end: usize,
    drop: bool,
) {
    let Some((out, removed)) = out else { return };
    if drop {
        out.push_str(&html[*copied..start]);
        if !html[start..].starts_with("</") {
            **removed += 1;
        }
        *copied = end;
    } else {
        out.push_str(&html[*copied..end]);
        *copied = end;
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Reads the markup starting with `<` at `start`: what it is and where it ends.
fn read_tag(bytes: &[u8], start: usize, in_foreign: bool) -> (Tag, usize) {
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        let end = find(bytes, start + 4, b"-->").map_or(bytes.len(), |i| i + 3);
        return (Tag::Other, end);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        let end = memchr(b'>', &rest[2..]).map_or(bytes.len(), |i| start + 2 + i + 1);
        return (Tag::Other, end);
    }
    let closing = rest.starts_with(b"</");
    let name_start = start + if closing { 2 } else { 1 };
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        // A lone `<` in text.
        return (Tag::Other, start + 1);
    }
    let name_lower =
        String::from_utf8_lossy(&bytes[name_start..name_start + name_len]).to_ascii_lowercase();
    // The end of the tag: the first `>` outside quoted attribute values.
    let mut j = name_start + name_len;
    let mut quote = None;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => break,
            None => {}
        }
        j += 1;
    }
    let end = (j + 1).min(bytes.len());
    if closing {
        if counted(&name_lower) {
            return (Tag::Close { name_lower }, end);
        }
        return (Tag::Other, end);
    }
    if !counted(&name_lower) {
        return (Tag::Other, end);
    }
    let slash = j > 0 && j <= bytes.len() && bytes[j - 1] == b'/';
    let self_closed = slash && (in_foreign || name_lower == "svg" || name_lower == "math");
    (
        Tag::Open {
            name_lower,
            self_closed,
        },
        end,
    )
}

/// True for elements whose start tag opens a level the scan counts.
fn counted(name_lower: &str) -> bool {
    !VOID.contains(&name_lower) && !SELF_CLOSING_SIBLINGS.contains(&name_lower)
}

/// Where `</name` starts after `from` (ASCII case-insensitive), or the end of the page.
fn find_end_tag(bytes: &[u8], from: usize, name_lower: &str) -> usize {
    let name = name_lower.as_bytes();
    let mut i = from;
    while let Some(offset) = find(bytes, i, b"</") {
        let after = offset + 2;
        if bytes.len() >= after + name.len()
            && bytes[after..after + name.len()].eq_ignore_ascii_case(name)
        {
            return offset;
        }
        i = after;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page =
            "<!DOCTYPE html><html><head><title>a < b</title><script>if (a<b) {}</script></head>\
            <body><!-- <div><div> --><p>One<p>Two<ul><li>x<li>y</ul><br><img src='a>b.png'>\
            <svg><path d='M0'/><path/></svg><div><div>Text</div></div></body></html>";
        assert_eq!(flatten(page, 4), None);
        // A thousand unclosed paragraphs are siblings, not nesting.
        assert_eq!(flatten(&"<p>para ".repeat(1000), 4), None);
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_the_text() {
        let n = 1000;
        let page = format!(
            "<html><body>{}<p>The deep text.</p>{}<p>After it.</p></body></html>",
            "<div class=\"x\">".repeat(n),
            "</div>".repeat(n)
        );
        let flat = flatten(&page, 10).expect("too deep");
        assert_eq!(flat.depth, n);
        assert_eq!(flat.removed, n - 10);
        assert_eq!(flat.html.matches("<div").count(), 10);
        assert_eq!(flat.html.matches("</div>").count(), 10);
        assert!(flat.html.contains("<p>The deep text.</p>"));
        assert!(flat.html.ends_with("<p>After it.</p></body></html>"));
        assert_eq!(flatten(&flat.html, 10), None);
        assert!(flat.warning(10).contains("1000 deep"));
    }

    #[test]
    fn two_hundred_thousand_divs_parse_in_well_under_a_second() {
        let n = 200_000;
        let page = format!("{}<p>Deep.</p>{}", "<div>".repeat(n), "</div>".repeat(n));
        let started = std::time::Instant::now();
        let flat = flatten(&page, MAX_DEPTH).unwrap();
        let doc = dom_query::Document::from(flat.html.as_str());
        assert_eq!(doc.select("p").text().as_ref(), "Deep.");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
}

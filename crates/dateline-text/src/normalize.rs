//! Char-level normalisation that keeps every prepared char mappable to the raw input.

use crate::debris::Removal;
use dateline_core::OffsetMap;
use unicode_normalization::char::{canonical_combining_class, compose};

/// Chars that render as nothing and only get in the way of matching: zero-width space,
/// word joiner, byte-order mark, soft hyphen, direction marks and embeddings.
/// Zero-width (non-)joiners are kept: they change how some scripts and emoji render.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Space-like chars that become a plain space.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// What normalisation changed, for warnings.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Stats {
    pub control_chars: usize,
}

/// Normalises `raw` into a new string, skipping the `removals` (sorted, non-overlapping raw
/// char spans) and recording the offset map:
/// CRLF and CR become LF, Unicode line/paragraph separators become LF, odd spaces become a
/// space, invisible chars are dropped, other control chars become a space, and a base char
/// followed by a combining mark is composed (canonical composition, as NFC does).
pub(crate) fn normalize(raw: &str, removals: &[Removal]) -> (String, OffsetMap, Stats) {
    let mut out = String::with_capacity(raw.len());
    let mut map = OffsetMap::new();
    let mut stats = Stats::default();
    let mut out_len = 0usize;
    // The last char written, so a combining mark can compose with it.
    let mut last_char: Option<char> = None;
    // The raw offset of the last char written, so a merge knows how many raw chars it spans.
    let mut last_raw = 0usize;
    let mut shifted = false;
    let mut removal = 0usize;
    let mut chars = raw.chars().enumerate().peekable();
    while let Some((r, c)) = chars.next() {
        while removal < removals.len() && removals[removal].end <= r {
            removal += 1;
        }
        if removal < removals.len() && removals[removal].start <= r {
            shifted = true;
            continue;
        }
        let mapped = match c {
            '\r' => {
                if let Some(&(_, '\n')) = chars.peek() {
                    shifted = true;
                    continue;
                }
                '\n'
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => '\n',
            '\n' | '\t' => c,
            c if is_odd_space(c) => ' ',
            c if is_invisible(c) => {
                shifted = true;
                continue;
            }
            c if c.is_control() => {
                stats.control_chars += 1;
                ' '
            }
            c => c,
        };
        // Combining marks start at U+0300; the check is costly, so skip Latin-1 first.
        if mapped >= '\u{300}' && canonical_combining_class(mapped) != 0 {
            if let Some(base) = last_char {
                if let Some(composed) = compose(base, mapped) {
                    out.pop();
                    out.push(composed);
                    last_char = Some(composed);
                    map.merged(out_len - 1, r + 1 - last_raw);
                    shifted = true;
                    continue;
                }
            }
        }
        if shifted {
            map.anchor(out_len, r);
            shifted = false;
        }
        out.push(mapped);
        out_len += 1;
        last_char = Some(mapped);
        last_raw = r;
    }
    map.finish(out_len, raw.chars().count());
    (out, map, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(raw: &str, out: &str, map: &OffsetMap) {
        let raw_chars: Vec<char> = raw.chars().collect();
        for (p, c) in out.chars().enumerate() {
            let r = map.to_original(p);
            assert!(r < raw_chars.len(), "{p} -> {r}");
            let rc = raw_chars[r];
            assert!(
                rc == c || rc.is_whitespace() || rc.is_control() || r + 1 < raw_chars.len(),
                "prepared {c:?} at {p} maps to raw {rc:?}"
            );
        }
    }

    #[test]
    fn line_breaks_spaces_and_invisibles_are_normalised() {
        let raw = "a\r\nb\rc\u{00A0}d\u{200B}e\u{00AD}f\u{2028}g";
        let (out, map, _) = normalize(raw, &[]);
        assert_eq!(out, "a\nb\nc d\u{65}f\ng");
        check_map(raw, &out, &map);
        // 'e' is raw 9 (after the zero-width space at 8).
        assert_eq!(map.to_original(7), 9);
        // 'f' is raw 11 (after the soft hyphen).
        assert_eq!(map.to_original(8), 11);
        assert_eq!(map.to_original(out.chars().count()), raw.chars().count());
    }

    #[test]
    fn combining_accents_compose() {
        let raw = "Cafe\u{0301} ole";
        let (out, map, _) = normalize(raw, &[]);
        assert_eq!(out, "Café ole");
        assert_eq!(map.span_to_original(0, 4), (0, 5));
        assert_eq!(map.to_original(5), 6);
    }

    #[test]
    fn quotes_dashes_and_ellipses_are_kept() {
        let raw = "“It’s” – ok… — \"yes\" 'no'";
        let (out, map, _) = normalize(raw, &[]);
        assert_eq!(out, raw);
        assert_eq!(map.edit_count(), 0);
    }
}

//! Repair of mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 somewhere on
//! its way ("Ã©" for "é", "â€™" for "’", and twice over "Ã\u{83}Â§" for "ç").
//!
//! A sequence is repaired only when it is a complete UTF-8 encoding whose lead byte is one
//! that mojibake typically shows (Â Ã Ä Å Î Ï Ð Ñ Ø Ù â ã… ð), so genuine accented
//! capitals next to punctuation ("CAFÉ”") stay as they are.

use dateline_core::OffsetMap;

/// The byte a char stood for when UTF-8 bytes were read as Windows-1252 (or Latin-1 for
/// the C1 range that Windows-1252 leaves undefined).
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Lead bytes that mojibake commonly starts with, and the sequence length they announce.
fn lead_len(b: u8) -> Option<usize> {
    match b {
        0xC2..=0xC5 | 0xCE | 0xCF | 0xD0 | 0xD1 | 0xD7..=0xD9 => Some(2),
        0xE2..=0xE9 | 0xEF => Some(3),
        0xF0 => Some(4),
        _ => None,
    }
}

/// Quick test: could `text` contain mojibake at all?
fn may_contain(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            'Â' | 'Ã'
                | 'Ä'
                | 'Å'
                | 'Î'
                | 'Ï'
                | 'Ð'
                | 'Ñ'
                | '×'
                | 'Ø'
                | 'Ù'
                | 'â'
                | 'ã'
                | 'ä'
                | 'å'
                | 'æ'
                | 'ç'
                | 'è'
                | 'é'
                | 'ï'
                | 'ð'
        )
    })
}

/// One repair pass. Returns `None` when nothing changed.
fn repair_once(text: &str) -> Option<(String, OffsetMap, usize)> {
    if !may_contain(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::new();
    let mut out_len = 0usize;
    let mut repaired = 0usize;
    let mut i = 0;
    let mut bytes = [0u8; 4];
    while i < chars.len() {
        let c = chars[i];
        if let Some(n) = cp1252_byte(c).and_then(lead_len) {
            if i + n <= chars.len() {
                bytes[0] = cp1252_byte(c).unwrap_or(0);
                let mut ok = true;
                for k in 1..n {
                    match cp1252_byte(chars[i + k]) {
                        Some(b @ 0x80..=0xBF) => bytes[k] = b,
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    if let Ok(s) = std::str::from_utf8(&bytes[..n]) {
                        out.push_str(s);
                        map.merged(out_len, n);
                        out_len += 1;
                        i += n;
                        map.anchor(out_len, i);
                        repaired += 1;
                        continue;
                    }
                }
            }
        }
        out.push(c);
        out_len += 1;
        i += 1;
    }
    if repaired == 0 {
        return None;
    }
    map.finish(out_len, chars.len());
    Some((out, map, repaired))
}

/// Repairs mojibake in `text` (up to two layers), chaining the offset changes onto `map`.
/// Returns the number of sequences repaired.
pub(crate) fn repair(text: &mut String, map: &mut OffsetMap) -> usize {
    let mut total = 0;
    for _ in 0..2 {
        let Some((fixed, step, n)) = repair_once(text) else {
            break;
        };
        *text = fixed;
        *map = std::mem::take(map).then(step);
        total += n;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let mut t = s.to_string();
        let mut m = OffsetMap::identity(s.chars().count());
        repair(&mut t, &mut m);
        t
    }

    #[test]
    fn common_mojibake_is_repaired() {
        assert_eq!(fix("cafÃ© â€œquotedâ€\u{9d} itâ€™s"), "café “quoted” it’s");
        assert_eq!(fix("FranÃ\u{83}Â§ois"), "François");
        assert_eq!(fix("PeÃ±a NiÃ±o"), "Peña Niño");
    }

    #[test]
    fn genuine_text_is_left_alone() {
        for s in [
            "CAFÉ” said",
            "São Paulo",
            "Ångström’s",
            "naïve «x»",
            "€5 – £3",
            "Ärger",
        ] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn offsets_map_through_repairs() {
        let raw = "aÃ©b";
        let mut t = raw.to_string();
        let mut m = OffsetMap::identity(4);
        repair(&mut t, &mut m);
        assert_eq!(t, "aéb");
        assert_eq!(m.to_original(1), 1);
        assert_eq!(m.span_to_original(1, 2), (1, 3));
        assert_eq!(m.to_original(2), 3);
    }
}

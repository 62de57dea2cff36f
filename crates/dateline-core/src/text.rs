//! Char ↔ byte offset helpers. Every public offset in dateline is in chars; Rust strings
//! index by bytes, so stages that slice a lot build a [`CharIndex`] once.

/// Byte offset of every char boundary of a string, so char offsets convert in O(1).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `bytes[i]` is the byte offset of char `i`; the last entry is the string's byte length.
    bytes: Vec<usize>,
}

impl Default for CharIndex {
    /// The index of the empty string.
    fn default() -> Self {
        CharIndex::new("")
    }
}

impl CharIndex {
    /// Indexes `text`'s char boundaries (linear in its length).
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// Number of chars in the indexed string.
    pub fn char_len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of char offset `c`, clamped to the end of the string.
    pub fn byte(&self, c: usize) -> usize {
        self.bytes[c.min(self.bytes.len() - 1)]
    }

    /// Char offset of byte offset `b` (which must be a char boundary; otherwise the next one).
    pub fn char_of_byte(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }

    /// The substring between char offsets `start` and `end` (clamped, never panics).
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> &'a str {
        let s = self.byte(start);
        let e = self.byte(end.max(start));
        text.get(s..e).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte_text() {
        let text = "“It’s” – ok…";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        assert_eq!(idx.slice(text, 1, 5), "It’s");
        for c in 0..=idx.char_len() {
            assert_eq!(idx.char_of_byte(idx.byte(c)), c);
        }
        assert_eq!(idx.slice(text, 10, 100), "k…");
        assert_eq!(idx.slice(text, 5, 2), "");
    }
}

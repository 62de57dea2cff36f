//! Mapping prepared-text char offsets back to the raw input.
//!
//! Text preparation (`dateline_text::prepare`) builds the map; the [`Document`](crate::Document)
//! keeps it, so every span of every layer can be pointed back into the article as it was read
//! ([`Document::original_span`](crate::Document::original_span)), in the manner of Hugging Face
//! tokenizers' `NormalizedString`.
//!
//! Preparation deletes chars (a CR before LF, zero-width chars, debris lines) and merges a
//! few (a base letter with its combining accent, a mojibake sequence into the char it
//! stood for). Everything else maps one to one, so a map stores only the points where the
//! shift between the two texts changes, plus the merged chars: memory grows with the
//! number of edits, not with the size of the text. Preparation steps chain their maps.

/// One step's map: from its output text to its input text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Step {
    /// `(output, input)` pairs, strictly increasing in both: from `output` on, an output
    /// offset `p` maps to `input + (p - output)` until the next anchor.
    anchors: Vec<(usize, usize)>,
    /// `(output, width)` for output chars made from `width` > 1 input chars, by offset.
    merged: Vec<(usize, usize)>,
}

impl Step {
    fn map(&self, p: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= p);
        if i == 0 {
            p
        } else {
            let (o, r) = self.anchors[i - 1];
            r + (p - o)
        }
    }

    fn width(&self, p: usize) -> usize {
        match self.merged.binary_search_by_key(&p, |m| m.0) {
            Ok(i) => self.merged[i].1,
            Err(_) => 1,
        }
    }
}

/// Maps char offsets in the prepared text to char offsets in the raw input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Steps in the order they ran; the last one produced the prepared text.
    steps: Vec<Step>,
    prepared_len: usize,
    raw_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` chars.
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            steps: Vec::new(),
            prepared_len: len,
            raw_len: len,
        }
    }

    /// An empty one-step map, to be filled with [`anchor`](Self::anchor) and
    /// [`merged`](Self::merged) and closed with [`finish`](Self::finish). Preparation steps
    /// build one each and chain them with [`then`](Self::then).
    pub fn new() -> Self {
        OffsetMap {
            steps: vec![Step::default()],
            prepared_len: 0,
            raw_len: 0,
        }
    }

    fn last_step(&mut self) -> &mut Step {
        if self.steps.is_empty() {
            self.steps.push(Step::default());
        }
        let n = self.steps.len();
        &mut self.steps[n - 1]
    }

    /// Records that output offset `output` corresponds to input offset `input`.
    pub fn anchor(&mut self, output: usize, input: usize) {
        let step = self.last_step();
        if step.map(output) == input {
            return;
        }
        if let Some(last) = step.anchors.last_mut() {
            if last.0 == output {
                last.1 = input;
                return;
            }
        }
        step.anchors.push((output, input));
    }

    /// Records that output char `output` was made from `width` input chars.
    pub fn merged(&mut self, output: usize, width: usize) {
        let step = self.last_step();
        match step.merged.last_mut() {
            Some(last) if last.0 == output => last.1 = width,
            _ => step.merged.push((output, width)),
        }
    }

    /// Closes a one-step map: the output text has `output_len` chars, the input `input_len`.
    pub fn finish(&mut self, output_len: usize, input_len: usize) {
        self.prepared_len = output_len;
        self.raw_len = input_len;
    }

    /// Chains `next` (a one-step map from a newer text into this map's prepared text) after
    /// this map, so the result maps the newer text to the raw input.
    pub fn then(mut self, next: OffsetMap) -> OffsetMap {
        self.steps.extend(next.steps);
        self.prepared_len = next.prepared_len;
        self
    }

    /// The raw offset of the char at prepared offset `prepared` (the end of the raw text
    /// for the end of the prepared text).
    pub fn to_original(&self, prepared: usize) -> usize {
        if prepared >= self.prepared_len {
            return self.raw_len;
        }
        let mut p = prepared;
        for step in self.steps.iter().rev() {
            p = step.map(p);
        }
        p.min(self.raw_len)
    }

    /// The raw offset just after the raw chars that prepared char `prepared` came from.
    fn end_of(&self, prepared: usize) -> usize {
        let mut last = prepared;
        for step in self.steps.iter().rev() {
            last = step.map(last) + step.width(last) - 1;
        }
        (last + 1).min(self.raw_len)
    }

    /// The raw span covering the prepared span `start..end` (end-exclusive).
    pub fn span_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        if end <= start || start >= self.prepared_len {
            return (s, s);
        }
        let e = self.end_of(end.min(self.prepared_len) - 1);
        (s, e.max(s))
    }

    /// How many shift points and merged chars the map holds (a measure of how much
    /// preparation changed).
    pub fn edit_count(&self) -> usize {
        self.steps
            .iter()
            .map(|s| s.anchors.len() + s.merged.len())
            .sum()
    }

    /// Length of the prepared text in chars.
    pub fn prepared_len(&self) -> usize {
        self.prepared_len
    }

    /// Length of the raw text in chars.
    pub fn raw_len(&self) -> usize {
        self.raw_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_each_offset_to_itself() {
        let m = OffsetMap::identity(5);
        assert_eq!(m.to_original(3), 3);
        assert_eq!(m.to_original(5), 5);
        assert_eq!(m.span_to_original(1, 4), (1, 4));
    }

    #[test]
    fn deletions_shift_later_offsets() {
        // raw "ab\r\ncd" -> prepared "ab\ncd": the CR (raw 2) is deleted.
        let mut m = OffsetMap::new();
        m.anchor(2, 3);
        m.finish(5, 6);
        assert_eq!(m.to_original(1), 1);
        assert_eq!(m.to_original(2), 3);
        assert_eq!(m.to_original(4), 5);
        assert_eq!(m.span_to_original(3, 5), (4, 6));
        // A span ending before a deletion does not swallow the deleted char.
        assert_eq!(m.span_to_original(0, 2), (0, 2));
        assert_eq!(m.to_original(99), 6);
    }

    #[test]
    fn merged_chars_cover_their_sources() {
        // raw "ae\u{301}b" -> "aéb"
        let mut m = OffsetMap::new();
        m.merged(1, 2);
        m.anchor(2, 3);
        m.finish(3, 4);
        assert_eq!(m.span_to_original(0, 2), (0, 3));
        assert_eq!(m.span_to_original(2, 3), (3, 4));
    }

    #[test]
    fn chained_maps_compose() {
        // raw "xab\r\nc" -> "ab\r\nc" (x dropped) -> "ab\nc" (CR dropped)
        let mut first = OffsetMap::new();
        first.anchor(0, 1);
        first.finish(5, 6);
        let mut second = OffsetMap::new();
        second.anchor(2, 3);
        second.finish(4, 5);
        let m = first.then(second);
        assert_eq!(m.to_original(0), 1);
        assert_eq!(m.to_original(2), 4);
        assert_eq!(m.to_original(3), 5);
        assert_eq!(m.to_original(4), 6);
        assert_eq!(m.span_to_original(0, 2), (1, 3));
    }
}

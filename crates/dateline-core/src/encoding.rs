//! Contextual token vectors shared by the stages that read them: one vector per token of a
//! document, computed once by an encoder (the neural parser's BiLSTM) so that later learned
//! heads read them instead of encoding the text again (spaCy's tok2vec and listeners).

/// One contextual vector of `dim` values per token, in token order, stored row after row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Encoding {
    dim: usize,
    data: Vec<f32>,
}

impl Encoding {
    /// Vectors of `dim` values stored one after another in `data`.
    ///
    /// # Panics
    /// If `dim` is 0 while `data` is not empty, or `data` is not a whole number of rows.
    pub fn new(dim: usize, data: Vec<f32>) -> Self {
        assert!(
            if dim == 0 {
                data.is_empty()
            } else {
                data.len().is_multiple_of(dim)
            },
            "an encoding of {} values is not a whole number of rows of {dim}",
            data.len()
        );
        Encoding { dim, data }
    }

    /// How many values each token's vector has.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// How many tokens have a vector.
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }

    /// Whether no token has a vector.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The vector of token `i`.
    ///
    /// # Panics
    /// If `i` is not below [`Encoding::len`].
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }

    /// All vectors, row after row.
    pub fn data(&self) -> &[f32] {
        &self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_tokens_vectors_in_order() {
        let e = Encoding::new(2, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!((e.len(), e.dim(), e.is_empty()), (3, 2, false));
        assert_eq!(e.row(1), &[3.0, 4.0]);
        assert_eq!(e.data().len(), 6);
        assert_eq!(Encoding::default().len(), 0);
        assert!(Encoding::new(0, Vec::new()).is_empty());
    }

    #[test]
    #[should_panic(expected = "whole number of rows")]
    fn a_partial_row_is_refused() {
        Encoding::new(4, vec![0.0; 6]);
    }

    #[test]
    fn the_document_json_does_not_carry_it() {
        let mut doc = crate::Document::new("d", crate::Source::text("-"), "Hi.".into());
        let without = serde_json::to_string(&doc).unwrap();
        doc.encoding = Some(Encoding::new(1, vec![0.5]));
        assert_eq!(serde_json::to_string(&doc).unwrap(), without);
        let back: crate::Document = serde_json::from_str(&without).unwrap();
        assert_eq!(back.encoding, None);
    }
}

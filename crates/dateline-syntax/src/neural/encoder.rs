//! The BiLSTM encoder: each word's features summed from the folded input tables (plus its
//! pretrained vector's part), then the LSTM layers, both directions, all sentences of a
//! batch sharing each recurrent step (longest sentence first, so the sentences still running
//! at a step are a prefix of the batch).

use super::features::{self, FeatureKind};
use super::matrix::{gemm, scratch, Matrix};
use super::network::Network;
use super::{kernels, quant};

impl Network {
    /// The BiLSTM states of all words, `[total, 2H]` in 8 bits, sentence after sentence.
    pub(super) fn encode(&self, sentences: &[&[&str]], offsets: &[usize], total: usize) -> Vec<u8> {
        let h = self.hidden;
        let width = 4 * h;
        // Each word's row in every feature's table, then the sums: the rows (4 KB each) are
        // mostly not in cache, so the next word's are fetched while this word's are added.
        let n_features = self.feature_names.len();
        let mut ids = Vec::with_capacity(total * n_features);
        // Words whose vector is not folded into the word table: (row in `inputs`, vector row).
        let mut unfolded = Vec::new();
        let sentence_styles = sentences.iter().flat_map(|s| {
            let style = match crate::lexical::sentence_style(s) {
                crate::lexical::Style::Normal => "normal",
                crate::lexical::Style::Title => "title",
                crate::lexical::Style::Upper => "upper",
            };
            s.iter().map(move |form| (form, style))
        });
        for (form, style) in sentence_styles {
            let at = ids.len() / n_features;
            let form = features::as_in_treebank(form);
            let key = features::word_key(form);
            for (f, kind) in self.feature_kinds.iter().enumerate() {
                // The same strings as `features::strings`, without allocating each.
                let shape;
                let text = match *kind {
                    FeatureKind::Word => key.as_str(),
                    FeatureKind::Shape => {
                        shape = features::shape(form);
                        shape.as_str()
                    }
                    FeatureKind::Suffix(n) => features::suffix_of(&key, n),
                    FeatureKind::Prefix(n) => features::prefix_of(&key, n),
                    FeatureKind::Style => style,
                };
                let id = self.vocabs[f].get(text).copied().unwrap_or(0) as usize;
                ids.push(id);
                if Some(f) == self.word_feature
                    && !self.vector_folded.get(id).copied().unwrap_or(false)
                {
                    if let Some(vector) = self
                        .vectors
                        .as_ref()
                        .and_then(|v| v.row(&features::vector_key(form)))
                    {
                        unfolded.push((at, vector));
                    }
                }
            }
        }
        let mut inputs = scratch::take(total, 2 * width);
        for (t, word_ids) in ids.chunks_exact(n_features).enumerate() {
            if let Some(next) = ids.get((t + 1) * n_features..(t + 2) * n_features) {
                for (f, &id) in next.iter().enumerate() {
                    kernels::prefetch(self.input_tables[f].row(id));
                }
            }
            let rows: Vec<&[f32]> = word_ids
                .iter()
                .enumerate()
                .map(|(f, &id)| self.input_tables[f].row(id))
                .collect();
            kernels::sum_rows(self.cpu, &self.layers[0].bias, &rows, inputs.row_mut(t));
        }
        if let (Some(vectors), false) = (&self.vectors, unfolded.is_empty()) {
            let dims = vectors.table.cols;
            let mut gathered = Vec::with_capacity(unfolded.len() * dims);
            for &(_, v) in &unfolded {
                gathered.extend_from_slice(vectors.table.row(v));
            }
            let mut parts = Matrix::zeros(unfolded.len(), 2 * width);
            gemm(
                unfolded.len(),
                dims,
                2 * width,
                &gathered,
                &vectors.projection.data,
                &mut parts.data,
                false,
            );
            for (k, &(at, _)) in unfolded.iter().enumerate() {
                for (x, v) in inputs.row_mut(at).iter_mut().zip(parts.row(k)) {
                    *x += v;
                }
            }
        }
        // Longest sentence first, so that the sentences still running at step t are a prefix.
        let mut order: Vec<usize> = (0..sentences.len())
            .filter(|&s| !sentences[s].is_empty())
            .collect();
        order.sort_by_key(|&s| std::cmp::Reverse(sentences[s].len()));
        let longest = order.first().map_or(0, |&s| sentences[s].len());
        let batch = order.len();
        // Each layer's output, the states of both directions side by side, in 8 bits
        // (`quant::quantise`): all that reads them is an 8-bit product.
        let mut states = vec![0u8; total * 2 * h];
        let mut hidden = [vec![128u8; batch * h], vec![128u8; batch * h]];
        let mut cells = [Matrix::zeros(batch, h), Matrix::zeros(batch, h)];
        let mut gates = Matrix::zeros(batch, width);
        for (l, layer) in self.layers.iter().enumerate() {
            if l > 0 {
                for t in 0..total {
                    inputs.row_mut(t).copy_from_slice(&layer.bias);
                }
                quant::multiply(
                    self.kernel,
                    &states,
                    total,
                    &layer.wx,
                    &mut inputs.data,
                    2 * width,
                );
            }
            let mut next = vec![0u8; total * 2 * h];
            for m in &mut hidden {
                m.iter_mut().for_each(|v| *v = 128);
            }
            for m in &mut cells {
                m.data.iter_mut().for_each(|v| *v = 0.0);
            }
            for t in 0..longest {
                let active = order.partition_point(|&s| sentences[s].len() > t);
                for (d, wh) in layer.wh.iter().enumerate() {
                    // The word each running sentence is at, in this direction.
                    let word = |s: usize| {
                        let n = sentences[s].len();
                        offsets[s] + if d == 0 { t } else { n - 1 - t }
                    };
                    for (b, &s) in order[..active].iter().enumerate() {
                        gates
                            .row_mut(b)
                            .copy_from_slice(&inputs.row(word(s))[d * width..(d + 1) * width]);
                    }
                    quant::multiply(
                        self.kernel,
                        &hidden[d][..active * h],
                        active,
                        wh,
                        &mut gates.data[..active * width],
                        width,
                    );
                    for (b, &s) in order[..active].iter().enumerate() {
                        let h_row = &mut hidden[d][b * h..(b + 1) * h];
                        kernels::lstm_cell(self.cpu, gates.row(b), cells[d].row_mut(b), h_row);
                        let at = word(s) * 2 * h + d * h;
                        next[at..at + h].copy_from_slice(h_row);
                    }
                }
            }
            states = next;
        }
        scratch::give_back(inputs);
        states
    }
}

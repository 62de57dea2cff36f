//! The output heads over the encoder's states: the joint UPOS|XPOS classifier, the
//! biaffine arc scorer (decoded per sentence as a tree, see `tree`) and the label scorer.

use super::matrix::{argmax, dot, gemm, gemm_strided, scratch, Matrix};
use super::network::{Network, NeuralWord};
use super::tree::decode_tree;
use super::{kernels, quant};

impl Network {
    /// Tags and parses one sentence.
    pub fn analyse(&self, forms: &[&str]) -> Vec<NeuralWord> {
        self.analyse_batch(&[forms]).pop().unwrap_or_default()
    }

    /// Tags and parses sentences together: the recurrent steps of all of them (both
    /// directions) are computed as one matrix product per position, which is several times
    /// faster than a sentence at a time.
    pub fn analyse_batch(&self, sentences: &[&[&str]]) -> Vec<Vec<NeuralWord>> {
        self.analyse_batch_encoding(sentences, None)
    }

    /// [`Network::analyse_batch`], also appending to `encoding`, when given, every word's
    /// final-layer states (forward then backward, [`Network::encoding_dim`] values), in
    /// order: the encoder's own output, read once more as floats.
    pub fn analyse_batch_encoding(
        &self,
        sentences: &[&[&str]],
        encoding: Option<&mut Vec<f32>>,
    ) -> Vec<Vec<NeuralWord>> {
        let offsets: Vec<usize> = sentences
            .iter()
            .scan(0, |acc, s| {
                let start = *acc;
                *acc += s.len();
                Some(start)
            })
            .collect();
        let total: usize = sentences.iter().map(|s| s.len()).sum();
        if total == 0 {
            return sentences.iter().map(|_| Vec::new()).collect();
        }
        let states = self.encode(sentences, &offsets, total);
        if let Some(encoding) = encoding {
            encoding.extend(states.iter().map(|&q| quant::dequantise(q)));
        }
        let n_tags = self.tags.len();
        let out_w = self.heads_w.n;
        let mut out = scratch::take(total, out_w);
        for i in 0..total {
            out.row_mut(i).copy_from_slice(&self.heads_b);
        }
        quant::multiply(
            self.kernel,
            &states,
            total,
            &self.heads_w,
            &mut out.data,
            out_w,
        );
        let mut tag_ids = Vec::with_capacity(total);
        for i in 0..total {
            let row = out.row_mut(i);
            let (tag_part, rest) = row.split_at_mut(n_tags);
            tag_ids.push(argmax(tag_part) as u16);
            kernels::relu(rest);
        }
        // Columns of `out` after the tags: arc dependent, arc head, label dependent, label head.
        let (a, l) = (self.n_arc, self.n_lab);
        let dep_arc = n_tags;
        let head_arc = n_tags + a;
        let dep_lab = n_tags + 2 * a;
        let head_lab = n_tags + 2 * a + l;
        // Everything that does not depend on the chosen heads, for the whole document at once
        // (per sentence, the small products cost more in packing than in arithmetic).
        let mut dep_u = Matrix::zeros(total, a);
        gemm_strided(
            (total, a, a),
            (&out.data[dep_arc..], out_w, 1),
            (&self.arc_u.data, a, 1),
            (&mut dep_u.data, a),
            false,
        );
        let head_bias: Vec<f32> = (0..total)
            .map(|i| dot(&out.row(i)[head_arc..head_arc + a], &self.arc_hb))
            .collect();
        let root_bias = dot(&self.root_head_arc, &self.arc_hb);
        let n_rel = self.relations.len();
        let mut rel_scores = Matrix::zeros(total, n_rel);
        for i in 0..total {
            rel_scores.row_mut(i).copy_from_slice(&self.lab_b);
        }
        gemm_strided(
            (total, l, n_rel),
            (&out.data[dep_lab..], out_w, 1),
            (&self.lab_wd.data, n_rel, 1),
            (&mut rel_scores.data, n_rel),
            true,
        );
        // Arcs, a sentence at a time: scores[i][j] = dep_i · U · head_j + head_j · hb.
        let mut heads = vec![0usize; total];
        for (sentence, &start) in sentences.iter().zip(&offsets) {
            let n = sentence.len();
            if n == 0 {
                continue;
            }
            let mut scores = Matrix::zeros(n, n + 1);
            gemm_strided(
                (n, a, n),
                (&dep_u.data[start * a..], a, 1),
                (&out.data[start * out_w + head_arc..], 1, out_w),
                (&mut scores.data[1..], n + 1),
                false,
            );
            for i in 0..n {
                let row = scores.row_mut(i);
                row[0] = dot(dep_u.row(start + i), &self.root_head_arc) + root_bias;
                for (s, b) in row[1..].iter_mut().zip(&head_bias[start..start + n]) {
                    *s += b;
                }
            }
            // Heads as rows of the document (`usize::MAX` for the root).
            for (i, head) in decode_tree(&scores).into_iter().enumerate() {
                heads[start + i] = head.checked_sub(1).map_or(usize::MAX, |h| start + h);
            }
        }
        // Labels: dep · Wd + head · Wh + (dep ⊙ head) · Wm + b.
        let mut chosen = Matrix::zeros(total, l);
        let mut products = Matrix::zeros(total, l);
        for (i, &head) in heads.iter().enumerate() {
            let head_row = if head == usize::MAX {
                &self.root_head_lab[..]
            } else {
                &out.row(head)[head_lab..head_lab + l]
            };
            chosen.row_mut(i).copy_from_slice(head_row);
            let dep_row = &out.row(i)[dep_lab..dep_lab + l];
            for ((p, d), h) in products.row_mut(i).iter_mut().zip(dep_row).zip(head_row) {
                *p = d * h;
            }
        }
        scratch::give_back(out);
        gemm(
            total,
            l,
            n_rel,
            &chosen.data,
            &self.lab_wh.data,
            &mut rel_scores.data,
            true,
        );
        gemm(
            total,
            l,
            n_rel,
            &products.data,
            &self.lab_wm.data,
            &mut rel_scores.data,
            true,
        );
        sentences
            .iter()
            .zip(&offsets)
            .map(|(sentence, &start)| {
                (start..start + sentence.len())
                    .map(|i| NeuralWord {
                        tag: tag_ids[i],
                        head: (heads[i] != usize::MAX).then(|| heads[i] - start),
                        relation: argmax(rel_scores.row(i)) as u16,
                    })
                    .collect()
            })
            .collect()
    }
}

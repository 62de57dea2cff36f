//! Float matrices: a row-major [`Matrix`], products through `matrixmultiply`, a per-thread
//! scratch buffer, and the small vector helpers the scorers use.

/// A row-major matrix.
#[derive(Debug, Clone)]
pub(super) struct Matrix {
    pub(super) rows: usize,
    pub(super) cols: usize,
    pub(super) data: Vec<f32>,
}

impl Matrix {
    pub(super) fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }
    pub(super) fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }
    pub(super) fn row_mut(&mut self, r: usize) -> &mut [f32] {
        &mut self.data[r * self.cols..(r + 1) * self.cols]
    }
    /// Rows `from..to` as a new matrix.
    pub(super) fn rows_range(&self, from: usize, to: usize) -> Matrix {
        Matrix {
            rows: to - from,
            cols: self.cols,
            data: self.data[from * self.cols..to * self.cols].to_vec(),
        }
    }
    pub(super) fn hconcat(parts: &[&Matrix]) -> Matrix {
        let rows = parts[0].rows;
        let cols = parts.iter().map(|m| m.cols).sum();
        let mut out = Matrix::zeros(rows, cols);
        for r in 0..rows {
            let mut c = 0;
            for m in parts {
                out.row_mut(r)[c..c + m.cols].copy_from_slice(m.row(r));
                c += m.cols;
            }
        }
        out
    }
}

/// `c[m×n] = a[m×k] · b[k×n]` (+ `c` if `accumulate`), all row-major.
pub(super) fn gemm(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    b: &[f32],
    c: &mut [f32],
    accumulate: bool,
) {
    debug_assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n);
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: the slices are at least as long as the dimensions and strides imply
    // (checked above in debug builds, and by construction in every caller).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            k as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            if accumulate { 1.0 } else { 0.0 },
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// `c = a · b` (+ `c` if `accumulate`) for an `m × k` by `k × n` product, each operand given
/// as (slice, row stride, column stride) and `c` as (slice, row stride).
#[allow(clippy::type_complexity)]
pub(super) fn gemm_strided(
    (m, k, n): (usize, usize, usize),
    (a, rsa, csa): (&[f32], usize, usize),
    (b, rsb, csb): (&[f32], usize, usize),
    (c, rsc): (&mut [f32], usize),
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    let last = |rows: usize, cols: usize, rs: usize, cs: usize| (rows - 1) * rs + (cols - 1) * cs;
    assert!(k == 0 || (last(m, k, rsa, csa) < a.len() && last(k, n, rsb, csb) < b.len()));
    assert!(last(m, n, rsc, 1) < c.len());
    // SAFETY: the last element each operand's strides reach is inside its slice (checked).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            rsa as isize,
            csa as isize,
            b.as_ptr(),
            rsb as isize,
            csb as isize,
            if accumulate { 1.0 } else { 0.0 },
            c.as_mut_ptr(),
            rsc as isize,
            1,
        );
    }
}

/// A per-thread buffer for the gate inputs (4 KB a word) and then the output heads: reused
/// from one document to the next instead of being allocated, page-faulted and zeroed each
/// time.
pub(super) mod scratch {
    use super::Matrix;
    use std::cell::RefCell;

    /// Buffers of more elements than this (16 MB) are not kept.
    const KEEP_AT_MOST: usize = 4 << 20;

    thread_local! {
        static BUFFER: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
    }

    /// A `rows × cols` matrix whose contents are unspecified: the caller writes every element.
    pub fn take(rows: usize, cols: usize) -> Matrix {
        let mut data = BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
        data.resize(rows * cols, 0.0);
        Matrix { rows, cols, data }
    }

    pub fn give_back(m: Matrix) {
        if m.data.capacity() <= KEEP_AT_MOST {
            BUFFER.with(|b| *b.borrow_mut() = m.data);
        }
    }
}

pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(super) fn argmax(xs: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_match_the_definition() {
        // [2×3]·[3×2]
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0];
        let mut c = vec![1.0; 4];
        gemm(2, 3, 2, &a, &b, &mut c, false);
        assert_eq!(c, vec![4.0, 5.0, 10.0, 11.0]);
        gemm(2, 3, 2, &a, &b, &mut c, true);
        assert_eq!(c, vec![8.0, 10.0, 20.0, 22.0]);
        // The same product with b read transposed from a column-major copy.
        let bt = [1.0, 0.0, 1.0, 0.0, 1.0, 1.0];
        let mut c2 = vec![0.0; 4];
        gemm_strided((2, 3, 2), (&a, 3, 1), (&bt, 1, 3), (&mut c2, 2), false);
        assert_eq!(c2, vec![4.0, 5.0, 10.0, 11.0]);
    }

    #[test]
    fn rows_concatenation_and_helpers() {
        let a = Matrix {
            rows: 2,
            cols: 1,
            data: vec![1.0, 2.0],
        };
        let b = Matrix {
            rows: 2,
            cols: 2,
            data: vec![3.0, 4.0, 5.0, 6.0],
        };
        let ab = Matrix::hconcat(&[&a, &b]);
        assert_eq!(ab.data, vec![1.0, 3.0, 4.0, 2.0, 5.0, 6.0]);
        assert_eq!(ab.rows_range(1, 2).data, vec![2.0, 5.0, 6.0]);
        assert_eq!(dot(&[1.0, 2.0], &[3.0, 4.0]), 11.0);
        assert_eq!(argmax(&[0.5, 2.0, 2.0, -1.0]), 1);
        let m = scratch::take(3, 4);
        assert_eq!((m.rows, m.cols, m.data.len()), (3, 4, 12));
        scratch::give_back(m);
    }
}

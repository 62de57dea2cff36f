//! 8-bit matrix products for the network's large multiplications.
//!
//! Every matrix the network multiplies at run time by a learnt weight matrix (the recurrent
//! state, the first layer's output feeding the second, the second's feeding the output heads)
//! is an LSTM output in (−1, 1). Such an activation is stored as `round(127·x) + 128`, an
//! unsigned byte; each weight column is stored as signed bytes with its own scale. The
//! products are then exact sums of integers, which AVX-512 VNNI computes 64 at a time
//! (`vpdpbusd`), four times the multiplications per instruction of 32-bit floats.
//!
//! The integer sums are exact and the one conversion to float is done the same way by every
//! implementation, so the portable code and the VNNI code give bit-identical results: the
//! parser says the same on every machine.

/// The byte an activation in [−1, 1] is stored as: 127·x + 128, rounded (halves up).
#[inline(always)]
#[allow(clippy::manual_clamp)]
pub fn quantise(x: f32) -> u8 {
    // `max` and `min` turn a NaN into a bound, so the conversion is sound; unlike `as`
    // (which checks for NaN) it vectorises.
    let v = (x * 127.0 + 128.5).max(1.0).min(255.0);
    // SAFETY: v is in [1, 255], never NaN.
    unsafe { v.to_int_unchecked::<u8>() }
}

/// The activation a byte stands for (the inverse of [`quantise`], up to its rounding).
#[inline]
pub fn dequantise(q: u8) -> f32 {
    (f32::from(q) - 128.0) / 127.0
}

/// A weight matrix `[k, n]` in signed bytes, packed for [`multiply`]: groups of four
/// consecutive rows interleaved per column (`packed[((g·n) + j)·4 + q]` is row `4g + q`,
/// column `j`), `k` and `n` padded with zeros to multiples of 4 and 16.
#[derive(Debug, Clone)]
pub struct QMatrix {
    /// Rows (the input width), padded to a multiple of 4.
    pub k: usize,
    /// Columns, padded to a multiple of 16; columns past the real ones have weight 0.
    pub n: usize,
    packed: Vec<i8>,
    /// Per column: the float value of one unit of the integer sum (weight scale / 127).
    scale: Vec<f32>,
    /// Per column: 128 × the sum of its weights, which the +128 of every activation adds.
    offset: Vec<i32>,
}

impl QMatrix {
    /// Quantises a row-major `[rows, cols]` float matrix, a scale per column.
    pub fn new(rows: usize, cols: usize, data: &[f32]) -> QMatrix {
        let k = rows.div_ceil(4) * 4;
        let n = cols.div_ceil(16) * 16;
        let mut packed = vec![0i8; k * n];
        let mut scale = vec![0f32; n];
        let mut offset = vec![0i32; n];
        for j in 0..cols {
            let largest = (0..rows)
                .map(|r| data[r * cols + j].abs())
                .fold(0f32, f32::max);
            if largest == 0.0 {
                continue;
            }
            let step = largest / 127.0;
            scale[j] = step / 127.0;
            let mut sum = 0i32;
            for r in 0..rows {
                let q = (data[r * cols + j] / step).round().clamp(-127.0, 127.0) as i8;
                packed[((r / 4) * n + j) * 4 + r % 4] = q;
                sum += i32::from(q);
            }
            offset[j] = 128 * sum;
        }
        QMatrix {
            k,
            n,
            packed,
            scale,
            offset,
        }
    }
}

/// Which implementation [`multiply`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// Plain Rust, on any CPU.
    Portable,
    #[cfg(target_arch = "x86_64")]
    /// AVX2 8-bit products (x86-64 with AVX2).
    Avx2,
    #[cfg(target_arch = "x86_64")]
    /// AVX-512 VNNI `vpdpbusd` products (x86-64 with AVX-512 F, BW and VNNI).
    Vnni,
}

impl Kernel {
    /// The fastest kernel this CPU supports.
    pub fn detect() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx512f")
                && std::is_x86_feature_detected!("avx512bw")
                && std::is_x86_feature_detected!("avx512vnni")
            {
                return Kernel::Vnni;
            }
            if std::is_x86_feature_detected!("avx2") {
                return Kernel::Avx2;
            }
        }
        Kernel::Portable
    }
}

/// `c[r][j] += Σ_i x[r][i] · w[i][j]` for the `rows` rows of `a` (quantised activations,
/// `[rows, w.k]` row-major) and the first `w.n` columns of `c` (row stride `ldc ≥ w.n`).
pub fn multiply(kernel: Kernel, a: &[u8], rows: usize, w: &QMatrix, c: &mut [f32], ldc: usize) {
    assert!(a.len() >= rows * w.k, "activations shorter than rows × k");
    assert!(ldc >= w.n, "output stride below the padded width");
    if rows == 0 {
        return;
    }
    assert!(
        c.len() >= (rows - 1) * ldc + w.n,
        "output shorter than rows × stride"
    );
    match kernel {
        // SAFETY: the variants are only chosen when the CPU reported the features, and the
        // lengths were checked above.
        #[cfg(target_arch = "x86_64")]
        Kernel::Vnni => unsafe { vnni::multiply(a, rows, w, c, ldc) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { multiply_avx2(a, rows, w, c, ldc) },
        Kernel::Portable => multiply_portable(a, rows, w, c, ldc),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn multiply_avx2(a: &[u8], rows: usize, w: &QMatrix, c: &mut [f32], ldc: usize) {
    multiply_portable(a, rows, w, c, ldc)
}

#[inline(always)]
fn multiply_portable(a: &[u8], rows: usize, w: &QMatrix, c: &mut [f32], ldc: usize) {
    let (k, n) = (w.k, w.n);
    let mut acc = vec![0i32; n];
    for r in 0..rows {
        acc.iter_mut().for_each(|v| *v = 0);
        let x = &a[r * k..(r + 1) * k];
        for g in 0..k / 4 {
            let xs = [
                i32::from(x[4 * g]),
                i32::from(x[4 * g + 1]),
                i32::from(x[4 * g + 2]),
                i32::from(x[4 * g + 3]),
            ];
            let block = &w.packed[g * n * 4..(g + 1) * n * 4];
            for (v, ws) in acc.iter_mut().zip(block.chunks_exact(4)) {
                *v += xs[0] * i32::from(ws[0])
                    + xs[1] * i32::from(ws[1])
                    + xs[2] * i32::from(ws[2])
                    + xs[3] * i32::from(ws[3]);
            }
        }
        let out = &mut c[r * ldc..r * ldc + n];
        for j in 0..n {
            out[j] += (acc[j] - w.offset[j]) as f32 * w.scale[j];
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use super::QMatrix;
    use std::arch::x86_64::*;

    /// Tiles of up to 4 rows × 64 columns, the sums in 16 registers across all of `k`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn multiply(a: &[u8], rows: usize, w: &QMatrix, c: &mut [f32], ldc: usize) {
        let mut r = 0;
        while r < rows {
            let take = (rows - r).min(4);
            let mut j = 0;
            while j < w.n {
                let cols = ((w.n - j) / 16).min(4);
                // SAFETY (all arms): `multiply` checked the lengths; tiles stay inside them.
                unsafe {
                    match (take, cols) {
                        (4, 4) => tile::<4, 4>(a, r, w, j, c, ldc),
                        (4, 3) => tile::<4, 3>(a, r, w, j, c, ldc),
                        (4, 2) => tile::<4, 2>(a, r, w, j, c, ldc),
                        (4, _) => tile::<4, 1>(a, r, w, j, c, ldc),
                        (3, 4) => tile::<3, 4>(a, r, w, j, c, ldc),
                        (3, 3) => tile::<3, 3>(a, r, w, j, c, ldc),
                        (3, 2) => tile::<3, 2>(a, r, w, j, c, ldc),
                        (3, _) => tile::<3, 1>(a, r, w, j, c, ldc),
                        (2, 4) => tile::<2, 4>(a, r, w, j, c, ldc),
                        (2, 3) => tile::<2, 3>(a, r, w, j, c, ldc),
                        (2, 2) => tile::<2, 2>(a, r, w, j, c, ldc),
                        (2, _) => tile::<2, 1>(a, r, w, j, c, ldc),
                        (_, 4) => tile::<1, 4>(a, r, w, j, c, ldc),
                        (_, 3) => tile::<1, 3>(a, r, w, j, c, ldc),
                        (_, 2) => tile::<1, 2>(a, r, w, j, c, ldc),
                        (_, _) => tile::<1, 1>(a, r, w, j, c, ldc),
                    }
                }
                j += 16 * cols;
            }
            r += take;
        }
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    #[inline]
    unsafe fn tile<const R: usize, const C: usize>(
        a: &[u8],
        r0: usize,
        w: &QMatrix,
        j0: usize,
        c: &mut [f32],
        ldc: usize,
    ) {
        let (k, n) = (w.k, w.n);
        let mut acc = [[_mm512_setzero_si512(); C]; R];
        let wp = w.packed.as_ptr();
        let ap = a.as_ptr();
        for g in 0..k / 4 {
            // SAFETY: g < k/4 and j0 + 16·C ≤ n, so every load is inside `packed` and `a`.
            unsafe {
                let base = wp.add((g * n + j0) * 4);
                let mut ws = [_mm512_setzero_si512(); C];
                for (q, wq) in ws.iter_mut().enumerate() {
                    *wq = _mm512_loadu_si512(base.add(64 * q) as *const _);
                }
                for (i, acc_row) in acc.iter_mut().enumerate() {
                    let x = (ap.add((r0 + i) * k + 4 * g) as *const i32).read_unaligned();
                    let xv = _mm512_set1_epi32(x);
                    for (q, acc_q) in acc_row.iter_mut().enumerate() {
                        *acc_q = _mm512_dpbusd_epi32(*acc_q, xv, ws[q]);
                    }
                }
            }
        }
        for (i, acc_row) in acc.iter().enumerate() {
            for (q, acc_q) in acc_row.iter().enumerate() {
                let col = j0 + 16 * q;
                // SAFETY: col + 16 ≤ n ≤ ldc and row r0 + i < rows.
                unsafe {
                    let offset = _mm512_loadu_si512(w.offset.as_ptr().add(col) as *const _);
                    let scale = _mm512_loadu_ps(w.scale.as_ptr().add(col));
                    let sum = _mm512_cvtepi32_ps(_mm512_sub_epi32(*acc_q, offset));
                    let out = c.as_mut_ptr().add((r0 + i) * ldc + col);
                    let value = _mm512_add_ps(_mm512_loadu_ps(out), _mm512_mul_ps(sum, scale));
                    _mm512_storeu_ps(out, value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(x: &[f32], rows: usize, k: usize, w: &[f32], n: usize) -> Vec<f32> {
        let mut out = vec![0f32; rows * n];
        for r in 0..rows {
            for j in 0..n {
                out[r * n + j] = (0..k).map(|i| x[r * k + i] * w[i * n + j]).sum();
            }
        }
        out
    }

    #[test]
    fn every_kernel_matches_the_float_product_and_each_other() {
        let (rows, k, n) = (7, 70, 45);
        let x: Vec<f32> = (0..rows * k)
            .map(|i| ((i * 37 % 101) as f32 / 50.0 - 1.0) * 0.99)
            .collect();
        let w: Vec<f32> = (0..k * n)
            .map(|i| ((i * 53 % 97) as f32 / 48.0 - 1.0) * 0.3)
            .collect();
        let q = QMatrix::new(k, n, &w);
        let mut a = vec![0u8; rows * q.k];
        for r in 0..rows {
            for i in 0..k {
                a[r * q.k + i] = quantise(x[r * k + i]);
            }
            for i in k..q.k {
                a[r * q.k + i] = 128;
            }
        }
        let expected = reference(&x, rows, k, &w, n);
        let mut kernels = vec![Kernel::Portable];
        if Kernel::detect() != Kernel::Portable {
            kernels.push(Kernel::detect());
        }
        let mut results = Vec::new();
        for kernel in kernels {
            let ldc = q.n + 3;
            let mut c = vec![1.0f32; rows * ldc];
            multiply(kernel, &a, rows, &q, &mut c, ldc);
            for r in 0..rows {
                for j in 0..n {
                    let got = c[r * ldc + j] - 1.0;
                    let want = expected[r * n + j];
                    assert!(
                        (got - want).abs() < 0.05,
                        "{kernel:?} [{r}][{j}] {got} vs {want}"
                    );
                }
                for j in n..q.n {
                    assert_eq!(c[r * ldc + j], 1.0, "padding column {j} changed");
                }
            }
            results.push(c);
        }
        assert!(results.windows(2).all(|p| p[0] == p[1]), "kernels disagree");
    }

    #[test]
    fn quantise_covers_the_range() {
        assert_eq!(quantise(0.0), 128);
        assert_eq!(quantise(1.0), 255);
        assert_eq!(quantise(-1.0), 1);
        assert_eq!(quantise(7.0), 255);
        for q in 1..=255u8 {
            assert_eq!(quantise(dequantise(q)), q);
        }
    }
}

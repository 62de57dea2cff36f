//! The float inner loops (LSTM cell, row sums), compiled for the baseline target and,
//! where the CPU has them, with AVX2 and FMA or AVX-512 (chosen once, at load). The
//! 8-bit products are in `quant`.

/// 2^f for f in [0, 1): least-squares fit in relative error (max 5.3e-6: the states
/// are stored in 8 bits, steps of 1/127, so more terms would buy nothing).
const EXP2_POLY: [f32; 5] = [
    1.000_005_2,
    0.692_974_27,
    0.241_508_8,
    0.051_989_6,
    0.013_511_545,
];

// `max` and `min` rather than `clamp`: they turn a NaN into the bound, which makes the
// unchecked conversions below sound, and, unlike `as`, those vectorise.
#[inline(always)]
#[allow(clippy::manual_clamp)]
fn exp(x: f32) -> f32 {
    let y = (x * std::f32::consts::LOG2_E).max(-126.0).min(126.0);
    let i = y.floor();
    let f = y - i;
    let p = EXP2_POLY[0]
        + f * (EXP2_POLY[1] + f * (EXP2_POLY[2] + f * (EXP2_POLY[3] + f * EXP2_POLY[4])));
    // SAFETY: `i` is a whole number in [-126, 126], never NaN.
    let i: i32 = unsafe { i.to_int_unchecked() };
    p * f32::from_bits(((i + 127) as u32) << 23)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

#[inline(always)]
#[allow(clippy::manual_clamp)]
fn tanh(x: f32) -> f32 {
    let e = exp(2.0 * x.max(-15.0).min(15.0));
    (e - 1.0) / (e + 1.0)
}

/// The LSTM cell update from the pre-activations of the i, f, o and u blocks; the new
/// state is written in 8 bits (`quant::quantise`).
#[inline(always)]
fn lstm_cell_body(gates: &[f32], c: &mut [f32], h: &mut [u8]) {
    let n = h.len();
    // Every slice exactly `n` long, so that the loop has no bounds checks and vectorises.
    let (i, f, o, u) = (
        &gates[..n],
        &gates[n..2 * n],
        &gates[2 * n..3 * n],
        &gates[3 * n..4 * n],
    );
    let c = &mut c[..n];
    for j in 0..n {
        let cj = sigmoid(f[j]) * c[j] + sigmoid(i[j]) * tanh(u[j]);
        c[j] = cj;
        h[j] = super::quant::quantise(sigmoid(o[j]) * tanh(cj));
    }
}

/// `pub fn $name(cpu, args…)` running `$body` compiled for the widest instructions `cpu`
/// allows: the body is `#[inline(always)]`, so each wrapper gets its own vectorisation.
macro_rules! dispatched {
    ($(#[$doc:meta])* $name:ident => $body:ident ($($arg:ident: $ty:ty),*)) => {
        $(#[$doc])*
        pub fn $name(cpu: Cpu, $($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn avx2($($arg: $ty),*) {
                $body($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx2,fma")]
            unsafe fn avx512($($arg: $ty),*) {
                $body($($arg),*)
            }
            match cpu {
                // SAFETY: the variants are only chosen when the CPU reported the features.
                #[cfg(target_arch = "x86_64")]
                Cpu::Avx512 => unsafe { avx512($($arg),*) },
                #[cfg(target_arch = "x86_64")]
                Cpu::Avx2 => unsafe { avx2($($arg),*) },
                _ => $body($($arg),*),
            }
        }
    };
}

dispatched!(lstm_cell => lstm_cell_body(gates: &[f32], c: &mut [f32], h: &mut [u8]));

dispatched!(
    /// `out = first + Σ rows`.
    sum_rows => sum_rows_body(first: &[f32], rows: &[&[f32]], out: &mut [f32])
);

/// Asks for `row` to be brought into cache.
#[inline(always)]
pub fn prefetch(row: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    for line in row.chunks(16) {
        // SAFETY: a prefetch has no effect on memory; the pointer is inside `row`.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                line.as_ptr() as *const i8
            )
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

#[inline(always)]
fn sum_rows_body(first: &[f32], rows: &[&[f32]], out: &mut [f32]) {
    let n = out.len();
    out.copy_from_slice(&first[..n]);
    for row in rows {
        for (x, v) in out.iter_mut().zip(&row[..n]) {
            *x += v;
        }
    }
}

pub fn relu(x: &mut [f32]) {
    for v in x {
        *v = v.max(0.0);
    }
}

/// The widest vector instructions the kernels may use here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cpu {
    Baseline,
    Avx2,
    Avx512,
}

pub fn detect() -> Cpu {
    #[cfg(target_arch = "x86_64")]
    {
        let avx2 = std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma");
        if avx2 && std::is_x86_feature_detected!("avx512f") {
            return Cpu::Avx512;
        }
        if avx2 {
            return Cpu::Avx2;
        }
    }
    Cpu::Baseline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_exponential_is_close() {
        for x in [-20.0f32, -3.0, -0.5, 0.0, 0.25, 1.0, 4.0, 30.0] {
            let (got, want) = (exp(x), x.exp());
            assert!(
                (got - want).abs() <= want * 1e-5,
                "exp({x}) = {got}, not {want}"
            );
        }
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-5);
        assert!((tanh(0.5) - 0.5f32.tanh()).abs() < 1e-5);
        assert!((tanh(100.0) - 1.0).abs() < 1e-5 && (tanh(-100.0) + 1.0).abs() < 1e-5);
    }

    #[test]
    fn every_cpu_variant_computes_the_same_cell_and_sums() {
        let n = 20;
        let gates: Vec<f32> = (0..4 * n).map(|i| (i as f32 * 0.37).sin() * 3.0).collect();
        let run = |cpu: Cpu| {
            let mut c: Vec<f32> = (0..n).map(|i| i as f32 / n as f32 - 0.5).collect();
            let mut h = vec![0u8; n];
            lstm_cell(cpu, &gates, &mut c, &mut h);
            let mut out = vec![0.0; n];
            sum_rows(
                cpu,
                &gates[..n],
                &[&gates[n..2 * n], &gates[2 * n..3 * n]],
                &mut out,
            );
            (c, h, out)
        };
        let (c, h, out) = run(Cpu::Baseline);
        // c = σ(f)·c + σ(i)·tanh(u), h = σ(o)·tanh(c) in 8 bits.
        let s = |x: f32| 1.0 / (1.0 + (-x).exp());
        let c0 = 0.0 / n as f32 - 0.5;
        let want_c = s(gates[n]) * c0 + s(gates[0]) * gates[3 * n].tanh();
        assert!((c[0] - want_c).abs() < 1e-4);
        assert_eq!(
            h[0],
            super::super::quant::quantise(s(gates[2 * n]) * want_c.tanh())
        );
        assert!((out[0] - (gates[0] + gates[n] + gates[2 * n])).abs() < 1e-6);
        assert_eq!(run(detect()), (c, h, out));
    }
}

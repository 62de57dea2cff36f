//! On-CPU time of the current thread, for speed figures that other processes on a
//! shared machine do not distort. Linux only (`/proc/thread-self/schedstat`); `None`
//! elsewhere, where callers fall back to wall-clock time.

/// Seconds this thread has run on a CPU.
pub fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Runs `f`, returning its result, wall-clock seconds and on-CPU seconds (wall-clock
/// when the CPU clock is unavailable).
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let cpu0 = thread_cpu_seconds();
    let t0 = std::time::Instant::now();
    let out = f();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (out, wall, cpu)
}

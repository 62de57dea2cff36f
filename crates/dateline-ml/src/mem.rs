//! Memory hints for the models' table lookups.
//!
//! A model is far larger than the CPU caches and its features are looked up at random, so
//! decoding is bound by cache misses. Asking for the cache lines of the next lookups
//! before using them lets the misses overlap instead of queueing one after another.
//!
//! ```
//! let table = vec![0u64; 1 << 16];
//! for key in [17usize, 40_000, 9] {
//!     dateline_ml::mem::prefetch(table.as_ptr().wrapping_add(key));
//! }
//! ```

/// Hints the CPU to start loading `ptr`'s cache line into all cache levels; a no-op off
/// x86-64. Any address is fine, even one outside an allocation: a prefetch never
/// dereferences and never faults.
#[inline(always)]
pub fn prefetch<T>(ptr: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: prefetching is a hint; it never dereferences or faults on any address.
        unsafe {
            std::arch::x86_64::_mm_prefetch(ptr as *const i8, std::arch::x86_64::_MM_HINT_T0);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = ptr;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetching_any_address_is_harmless() {
        let v = [1u8, 2, 3];
        prefetch(v.as_ptr());
        prefetch(v.as_ptr().wrapping_add(1 << 40));
        prefetch(std::ptr::null::<u64>());
        assert_eq!(v, [1, 2, 3]);
    }
}

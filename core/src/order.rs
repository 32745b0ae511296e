//! A stable sort for the short lists the core orders: findings, endpoint
//! rows, clock samples, code params.
//!
//! `slice::sort_by` is fast on long slices, but each element type
//! instantiates about 4 KB of wasm (quicksort, drift sort, small sorts);
//! nine of them made up 34 KB of the checker. Insertion sort is a few
//! hundred bytes per type, stable, and quadratic only in the length of
//! lists that hold tens of items (a config with a thousand endpoints still
//! sorts in well under a millisecond).

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && compare(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` stably by the key `key` extracts.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs sorted by the first item only: equal keys must keep their
        // original order, as `slice::sort_by_key` keeps them.
        let mut seed = 0x2545_f491_u32;
        for len in 0..40 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sort_by_orders_floats_with_total_cmp() {
        let mut v = [3.5, -1.0, f64::INFINITY, 0.0, -0.0];
        sort_by(&mut v, f64::total_cmp);
        assert_eq!(v.map(f64::to_bits), [-1.0, -0.0, 0.0, 3.5, f64::INFINITY].map(f64::to_bits));
    }
}

//! Decoding arc scores into a tree: the highest-scoring tree with one word on the root,
//! found with Chu-Liu/Edmonds' maximum spanning arborescence.

use super::matrix::{argmax, Matrix};

/// The highest-scoring tree with exactly one word on the root. `scores[i][j]` scores word
/// `i` (0-based) taking head `j` (0 = root, `k` = word `k - 1`). Returns heads in the same
/// numbering.
pub(super) fn decode_tree(scores: &Matrix) -> Vec<usize> {
    let n = scores.rows;
    let best_head = |i: usize, allow_root: bool| -> usize {
        let row = scores.row(i);
        let mut best = usize::MAX;
        for j in 0..=n {
            if j == i + 1 || (j == 0 && !allow_root) {
                continue;
            }
            if best == usize::MAX || row[j] > row[best] {
                best = j;
            }
        }
        best
    };
    // The root is the word that loses least by taking it.
    let mut root = 0;
    let mut root_margin = f32::NEG_INFINITY;
    for i in 0..n {
        let other = best_head(i, false);
        let margin = scores.row(i)[0]
            - if other == usize::MAX {
                0.0
            } else {
                scores.row(i)[other]
            };
        if margin > root_margin {
            root_margin = margin;
            root = i;
        }
    }
    // Nodes 0..=n (0 = root); weight[d][h].
    let size = n + 1;
    let mut weight = vec![f32::NEG_INFINITY; size * size];
    for i in 0..n {
        for j in 0..=n {
            if j == i + 1 || (j == 0 && i != root) {
                continue;
            }
            weight[(i + 1) * size + j] = scores.row(i)[j];
        }
    }
    let heads = chu_liu_edmonds(&weight, size);
    heads[1..].to_vec()
}

/// Maximum spanning arborescence rooted at node 0 over a dense `weight[dep * size + head]`
/// (`-inf` for a missing arc). Returns each node's head (`heads[0]` is 0).
fn chu_liu_edmonds(weight: &[f32], size: usize) -> Vec<usize> {
    let mut heads = vec![0usize; size];
    for d in 1..size {
        let row = &weight[d * size..(d + 1) * size];
        heads[d] = argmax(row);
    }
    let Some(cycle) = find_cycle(&heads) else {
        return heads;
    };
    let in_cycle: Vec<bool> = (0..size).map(|v| cycle.contains(&v)).collect();
    // The contracted graph: nodes outside the cycle keep their order; the cycle is the last.
    let outside: Vec<usize> = (0..size).filter(|&v| !in_cycle[v]).collect();
    let m = outside.len() + 1;
    let c = m - 1;
    let mut w2 = vec![f32::NEG_INFINITY; m * m];
    // For an arc into the cycle from h: which cycle node it enters.
    let mut enter_at = vec![usize::MAX; m];
    // For an arc out of the cycle to d: which cycle node it leaves from.
    let mut leave_from = vec![usize::MAX; m];
    for (d2, &d) in outside.iter().enumerate() {
        for (h2, &h) in outside.iter().enumerate() {
            w2[d2 * m + h2] = weight[d * size + h];
        }
        // Arcs from the cycle to an outside node.
        let mut best = f32::NEG_INFINITY;
        for &h in &cycle {
            let w = weight[d * size + h];
            if w > best {
                best = w;
                leave_from[d2] = h;
            }
        }
        w2[d2 * m + c] = best;
    }
    for (h2, &h) in outside.iter().enumerate() {
        let mut best = f32::NEG_INFINITY;
        for &d in &cycle {
            let w = weight[d * size + h] - weight[d * size + heads[d]];
            if w > best {
                best = w;
                enter_at[h2] = d;
            }
        }
        w2[c * m + h2] = best;
    }
    let heads2 = chu_liu_edmonds(&w2, m);
    let mut result = heads.clone();
    for (d2, &d) in outside.iter().enumerate() {
        if d == 0 {
            continue;
        }
        let h2 = heads2[d2];
        result[d] = if h2 == c { leave_from[d2] } else { outside[h2] };
    }
    let h2 = heads2[c];
    let entered = enter_at[h2];
    if entered != usize::MAX {
        result[entered] = outside[h2];
    }
    result
}

/// A cycle among the head pointers (node 0 is the root and has none), if there is one.
fn find_cycle(heads: &[usize]) -> Option<Vec<usize>> {
    let n = heads.len();
    let mut state = vec![0u8; n]; // 0 unvisited, 1 on the current path, 2 done
    state[0] = 2;
    for start in 1..n {
        let mut path = Vec::new();
        let mut v = start;
        while state[v] == 0 {
            state[v] = 1;
            path.push(v);
            v = heads[v];
        }
        if state[v] == 1 {
            let at = path.iter().position(|&p| p == v).unwrap_or(0);
            return Some(path[at..].to_vec());
        }
        for p in path {
            state[p] = 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(scores: Vec<Vec<f32>>) -> Vec<usize> {
        let n = scores.len();
        let m = Matrix {
            rows: n,
            cols: n + 1,
            data: scores.into_iter().flatten().collect(),
        };
        decode_tree(&m)
    }

    #[test]
    fn argmax_tree_is_kept() {
        // word 1 (index 1) is the root; 0 and 2 attach to it (head number 2).
        let heads = tree_of(vec![
            vec![0.0, 0.0, 5.0, 0.0],
            vec![5.0, 0.0, 0.0, 0.0],
            vec![0.0, 0.0, 5.0, 0.0],
        ]);
        assert_eq!(heads, vec![2, 0, 2]);
    }

    #[test]
    fn cycle_is_broken_and_one_root_kept() {
        // Words 0 and 1 prefer each other (a cycle); word 2 prefers the root, and so does
        // word 0 a little: the best tree puts 2 on the root.
        let heads = tree_of(vec![
            vec![1.0, 0.0, 5.0, 0.0],
            vec![0.0, 5.0, 0.0, 0.0],
            vec![4.0, 0.0, 0.0, 0.0],
        ]);
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
        assert_eq!(heads[2], 0);
        assert_eq!(heads[1], 1);
        assert!(heads[0] == 2 || heads[0] == 3);
        // Every word reaches the root.
        for start in 0..3 {
            let mut v = start + 1;
            let mut steps = 0;
            while v != 0 && steps < 5 {
                v = heads[v - 1];
                steps += 1;
            }
            assert_eq!(v, 0);
        }
    }
}

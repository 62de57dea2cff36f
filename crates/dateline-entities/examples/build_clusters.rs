//! Builds `data/clusters.tsv`: a binary word hierarchy from news text in the shared
//! data (BBC articles, CoNLL-2003 train tokens, PolNeAR article text).
//!
//! Method: count left/right neighbours of every word seen at least `MIN_COUNT` times
//! among the `CONTEXTS` most frequent words, weight by positive PMI, project to
//! `DIMS` dimensions with a fixed random sign matrix, centre, then cluster with
//! spherical k-means at three granularities (`GRANULARITIES`). Deterministic.
//!
//! Usage: `cargo run --release -p dateline-entities --example build_clusters [-- OUT]`

use dateline_entities::tokenize::simple_tokens;
use std::collections::HashMap;
use std::path::Path;

const MIN_COUNT: usize = 4;
const CONTEXTS: usize = 1000;
const DIMS: usize = 256;
const GRANULARITIES: [usize; 3] = [48, 192, 768];
const MAX_WORDS: usize = 60_000;

fn read_lenient(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data/clusters.tsv").to_string());
    let shared = dateline_core::shared_dir();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut files = Vec::new();
    collect_files(&shared.join("data/bbc-news/bbc"), &mut files);
    collect_files(&shared.join("data/polnear/train/text"), &mut files);
    collect_files(&shared.join("data/polnear/dev/text"), &mut files);
    for f in &files {
        let text = read_lenient(f);
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            let toks: Vec<String> = simple_tokens(line)
                .into_iter()
                .map(|(s, e)| chars[s..e].iter().collect())
                .collect();
            if !toks.is_empty() {
                sentences.push(toks);
            }
        }
    }
    let conll = read_lenient(&shared.join("data/conll2003/eng.train"));
    let mut cur = Vec::new();
    for line in conll.lines() {
        match line.split_whitespace().next() {
            Some(w) if !line.starts_with("-DOCSTART-") => cur.push(w.to_string()),
            _ => {
                if !cur.is_empty() {
                    sentences.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    let n_tokens: usize = sentences.iter().map(|s| s.len()).sum();
    eprintln!(
        "{} files, {} sentences, {} tokens",
        files.len(),
        sentences.len(),
        n_tokens
    );

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in &sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, usize)> = counts.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let context_index: HashMap<String, usize> = by_freq
        .iter()
        .take(CONTEXTS)
        .enumerate()
        .map(|(i, (w, _))| (w.to_lowercase(), i))
        .collect();
    let words: Vec<&str> = by_freq
        .iter()
        .filter(|(w, c)| *c >= MIN_COUNT && w.chars().any(|c| c.is_alphabetic()))
        .take(MAX_WORDS)
        .map(|(w, _)| *w)
        .collect();
    let word_index: HashMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    eprintln!("{} words to cluster", words.len());

    // Sparse co-occurrence counts: features 0..C left neighbour, C..2C right, then second neighbours.
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); words.len()];
    for s in &sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = word_index.get(w.as_str()) else {
                continue;
            };
            let left = if i == 0 {
                Some(CONTEXTS - 1)
            } else {
                context_index.get(&s[i - 1].to_lowercase()).copied()
            };
            if let Some(c) = left {
                *cooc[wi].entry(c as u32).or_default() += 1.0;
            }
            let right = s
                .get(i + 1)
                .and_then(|r| context_index.get(&r.to_lowercase()).copied());
            if let Some(c) = right {
                *cooc[wi].entry((CONTEXTS + c) as u32).or_default() += 1.0;
            }
            // Second neighbours count half: they add topic without swamping syntax.
            let left2 = if i >= 2 {
                context_index.get(&s[i - 2].to_lowercase()).copied()
            } else {
                None
            };
            if let Some(c) = left2 {
                *cooc[wi].entry((2 * CONTEXTS + c) as u32).or_default() += 0.5;
            }
            let right2 = s
                .get(i + 2)
                .and_then(|r| context_index.get(&r.to_lowercase()).copied());
            if let Some(c) = right2 {
                *cooc[wi].entry((3 * CONTEXTS + c) as u32).or_default() += 0.5;
            }
        }
    }
    // PPMI weighting.
    let mut col_sum = vec![0f64; 4 * CONTEXTS];
    let mut total = 0f64;
    for row in &cooc {
        for (&c, &v) in row {
            col_sum[c as usize] += f64::from(v);
            total += f64::from(v);
        }
    }
    // Random projection with a fixed xorshift stream.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut proj = vec![0f32; 4 * CONTEXTS * DIMS];
    for p in proj.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *p = if state & 1 == 0 { 1.0 } else { -1.0 };
    }
    let mut vecs = vec![0f32; words.len() * DIMS];
    for (wi, row) in cooc.iter().enumerate() {
        let row_sum: f64 = row.values().map(|&v| f64::from(v)).sum();
        let v = &mut vecs[wi * DIMS..(wi + 1) * DIMS];
        for (&c, &n) in row {
            let pmi = ((f64::from(n) * total) / (row_sum * col_sum[c as usize])).ln();
            if pmi > 0.0 {
                let w = pmi as f32;
                let pr = &proj[c as usize * DIMS..(c as usize + 1) * DIMS];
                for d in 0..DIMS {
                    v[d] += w * pr[d];
                }
            }
        }
        normalise(v);
    }
    // Centre: the shared component (frequent function-word contexts) hides the rest.
    let mut mean = vec![0f32; DIMS];
    for v in vecs.chunks(DIMS) {
        mean.iter_mut().zip(v).for_each(|(m, x)| *m += x);
    }
    mean.iter_mut()
        .for_each(|m| *m /= words.len().max(1) as f32);
    for v in vecs.chunks_mut(DIMS) {
        v.iter_mut().zip(&mean).for_each(|(x, m)| *x -= m);
        normalise(v);
    }
    if let Ok(probe) = std::env::var("CLUSTER_PROBE") {
        for w in probe.split(',') {
            let Some(&wi) = word_index.get(w) else {
                continue;
            };
            let v = &vecs[wi * DIMS..(wi + 1) * DIMS];
            let mut sims: Vec<(f32, &str)> = (0..words.len())
                .map(|j| (dot(v, &vecs[j * DIMS..(j + 1) * DIMS]), words[j]))
                .collect();
            sims.sort_by(|a, b| b.0.total_cmp(&a.0));
            eprintln!("{w}: {:?}", &sims[..10]);
        }
    }
    let ids: Vec<Vec<usize>> = GRANULARITIES
        .iter()
        .map(|&k| kmeans(&vecs, words.len(), k))
        .collect();
    let mut lines: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{w}\t{}\t{}\t{}\n", ids[0][i], ids[1][i], ids[2][i]))
        .collect();
    lines.sort();
    std::fs::write(&out, lines.concat()).expect("write clusters");
    eprintln!("wrote {out}");
}

/// Spherical k-means with k-means++ seeding from a fixed random stream.
fn kmeans(vecs: &[f32], n: usize, k: usize) -> Vec<usize> {
    let row = |i: usize| &vecs[i * DIMS..(i + 1) * DIMS];
    let mut state = 0x2545_F491_4F6C_DD1Du64 ^ k as u64;
    let mut rand = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut centres: Vec<f32> = row(0).to_vec();
    let mut best = vec![f32::MAX; n];
    for c in 1..k {
        let last = &centres[(c - 1) * DIMS..c * DIMS].to_vec();
        let mut total = 0f64;
        for (i, b) in best.iter_mut().enumerate() {
            let d = 1.0 - dot(row(i), last);
            if d < *b {
                *b = d.max(0.0);
            }
            total += f64::from(*b);
        }
        let mut target = rand() * total;
        let mut pick = n - 1;
        for (i, b) in best.iter().enumerate() {
            target -= f64::from(*b);
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        centres.extend_from_slice(row(pick));
    }
    let mut assign = vec![0usize; n];
    for _ in 0..10 {
        for (i, a) in assign.iter_mut().enumerate() {
            let r = row(i);
            let mut top = (f32::MIN, 0);
            for c in 0..k {
                let s = dot(r, &centres[c * DIMS..(c + 1) * DIMS]);
                if s > top.0 {
                    top = (s, c);
                }
            }
            *a = top.1;
        }
        let mut sums = vec![0f32; k * DIMS];
        for (i, &a) in assign.iter().enumerate() {
            sums[a * DIMS..(a + 1) * DIMS]
                .iter_mut()
                .zip(row(i))
                .for_each(|(x, y)| *x += y);
        }
        for c in 0..k {
            let s = &mut sums[c * DIMS..(c + 1) * DIMS];
            if s.iter().any(|x| *x != 0.0) {
                normalise(s);
                centres[c * DIMS..(c + 1) * DIMS].copy_from_slice(s);
            }
        }
    }
    assign
}

fn normalise(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

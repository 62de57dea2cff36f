//! Threshold checks on samples of the shared data sets (skipped when ../shared is absent).
//! The full evaluation is `eval/segment.sh`.

use dateline_core::{Document, Source};
use std::collections::HashSet;

fn segmented(raw: &str) -> (dateline_text::Prepared, Document) {
    let prepared = dateline_text::prepare(raw);
    let mut doc = Document::new("t", Source::text("t"), prepared.text.clone());
    dateline_text::segment(&mut doc);
    (prepared, doc)
}

#[test]
fn ewt_dev_sample_meets_thresholds() {
    let path = dateline_core::shared_dir().join("data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(conllu) = dateline_text::conllu::read_conllu(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let (mut tp, mut gold, mut pred) = (0usize, 0usize, 0usize);
    let (mut end_tp, mut end_pred) = (0usize, 0usize);
    for g in conllu.docs.iter().take(80) {
        let (prepared, doc) = segmented(&g.text);
        let p: HashSet<(usize, usize)> = doc
            .tokens
            .iter()
            .map(|t| prepared.original_span(t.start, t.end))
            .collect();
        let w: HashSet<(usize, usize)> = g.words.iter().copied().collect();
        tp += p.intersection(&w).count();
        gold += w.len();
        pred += p.len();
        let gold_ends: HashSet<usize> = g.sentences.iter().map(|s| s.1).collect();
        for s in &doc.sentences {
            end_pred += 1;
            if gold_ends.contains(&prepared.original_span(s.start, s.end).1) {
                end_tp += 1;
            }
        }
    }
    let (p, r) = (tp as f64 / pred as f64, tp as f64 / gold as f64);
    let f1 = 2.0 * p * r / (p + r);
    let end_precision = end_tp as f64 / end_pred as f64;
    assert!(f1 >= 0.98, "token F1 {f1:.4} on the EWT dev sample");
    assert!(
        end_precision >= 0.97,
        "sentence-end precision {end_precision:.4}"
    );
}

#[test]
fn bbc_sample_loses_nothing_and_is_well_formed() {
    let dir = dateline_core::shared_dir().join("data/bbc-news/bbc/politics");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().take(150) {
        let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let (prepared, doc) = segmented(&raw);
        // BBC bodies are clean prose: preparation must not remove anything from them.
        assert!(
            prepared.removals.is_empty(),
            "{}: {:?}",
            path.display(),
            prepared.warnings
        );
        dateline_text::check_offsets(&raw, &prepared).unwrap();
        dateline_text::check_segmentation(&doc).unwrap();
        // The title line is its own sentence.
        let title = raw.lines().next().unwrap_or("").trim();
        let first = doc.sentences[0];
        assert_eq!(
            doc.slice(first.start, first.end),
            title,
            "{}",
            path.display()
        );
    }
}

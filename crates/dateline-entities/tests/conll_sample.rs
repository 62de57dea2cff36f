//! A threshold on a small sample of CoNLL-2003 dev (the full evaluation is
//! `eval/entities.sh`). Skipped when the shared data is absent.

use dateline_entities::conll::{self, Scores};
use dateline_entities::model::TYPES;
use dateline_entities::EntityRecognizer;

#[test]
fn dev_sample_f1() {
    let path = dateline_core::shared_dir().join("data/conll2003/eng.testa");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let docs = conll::read(&String::from_utf8_lossy(&bytes));
    let recognizer = EntityRecognizer::load().expect("model loads");
    let mut scores = Scores::default();
    for (d, doc) in docs.iter().take(40).enumerate() {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(|w| w.as_str()).collect())
            .collect();
        let predicted = recognizer.ner().tag_document(&words);
        for (k, (s, p)) in doc.iter().zip(&predicted).enumerate() {
            let key = |sp: &(usize, usize, usize)| ((d, k, sp.0, sp.1), TYPES[sp.2].to_string());
            scores.add(
                &s.spans.iter().map(key).collect::<Vec<_>>(),
                &p.iter().map(key).collect::<Vec<_>>(),
            );
        }
    }
    let f1 = scores.overall().2;
    eprintln!("{}", scores.report());
    assert!(f1 >= 0.85, "dev sample F1 {f1:.4}");
}

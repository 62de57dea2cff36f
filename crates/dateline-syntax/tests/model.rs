//! The committed model: loads, rejects other formats, and scores sensibly on a dev sample.

use dateline_syntax::conllu;
use dateline_syntax::evaluation::score_gold_tokens;
use dateline_syntax::{Model, FORMAT_VERSION};

#[test]
fn a_model_of_another_format_version_fails_loudly() {
    let mut bytes = Model::embedded().expect("embedded model loads").to_bytes();
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = Model::from_bytes(&bytes)
        .expect_err("must refuse")
        .to_string();
    assert!(err.contains("format version"), "{err}");
    assert!(
        err.contains("model/syntax.bin"),
        "the error names the file: {err}"
    );
    assert!(
        err.contains("--example train-syntax"),
        "and the retrain command: {err}"
    );
    assert!(Model::from_bytes(b"not a model").is_err());
    assert!(Model::from_bytes(&[]).is_err());
}

#[test]
fn truncated_models_are_errors_not_panics() {
    let bytes = Model::embedded().expect("embedded model loads").to_bytes();
    for cut in [12, 100, 10_000, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}

/// Every 10th EWT dev sentence, or `None` (and a note) when ../shared is absent.
fn dev_sample() -> Option<Vec<conllu::TreebankSentence>> {
    let path = dateline_core::shared_dir().join("data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(dev) = conllu::read_file(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return None;
    };
    Some(dev.into_iter().step_by(10).collect())
}

#[test]
fn dev_sample_scores_clear_a_floor() {
    let Some(sample) = dev_sample() else { return };
    let model = Model::embedded().expect("embedded model loads");
    let scores = score_gold_tokens(&model, &sample);
    eprintln!(
        "{}",
        scores.report("dev sample (every 10th sentence), gold tokens")
    );
    assert!(
        scores.upos_accuracy() > 0.93,
        "UPOS {}",
        scores.upos_accuracy()
    );
    assert!(scores.las_score() > 0.75, "LAS {}", scores.las_score());
}

fn neural_bytes() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model/neural.bin");
    std::fs::read(&path).expect("model/neural.bin is committed")
}

#[test]
fn the_neural_model_loads_and_refuses_damaged_files() {
    use dateline_syntax::neural::{Network, FORMAT_VERSION as NEURAL_VERSION};
    let bytes = neural_bytes();
    Network::from_bytes(&bytes).expect("committed network loads");
    let mut other = bytes.clone();
    other[8..12].copy_from_slice(&(NEURAL_VERSION + 1).to_le_bytes());
    let err = Network::from_bytes(&other)
        .expect_err("must refuse")
        .to_string();
    assert!(err.contains("format version"), "{err}");
    for cut in [0, 12, 100, 10_000, bytes.len() / 2, bytes.len() - 1] {
        assert!(Network::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Damaged bytes anywhere give an error or a working network, never a panic.
    for at in (12..bytes.len()).step_by(bytes.len() / 41) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0xA5;
        if let Ok(network) = Network::from_bytes(&damaged) {
            network.analyse(&["Mr", "Starmer", "met", "Mr", "Trump", "."]);
        }
    }
}

#[test]
fn neural_dev_sample_scores_clear_a_floor() {
    let Some(sample) = dev_sample() else { return };
    let network = dateline_syntax::neural::Network::from_bytes(&neural_bytes()).expect("loads");
    let model = Model::embedded()
        .expect("embedded model loads")
        .with_network(network);
    let scores = score_gold_tokens(&model, &sample);
    eprintln!("{}", scores.report("neural, dev sample, gold tokens"));
    assert!(
        scores.upos_accuracy() > 0.93,
        "UPOS {}",
        scores.upos_accuracy()
    );
    assert!(scores.las_score() > 0.80, "LAS {}", scores.las_score());
}

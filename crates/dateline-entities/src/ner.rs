//! The named-entity tagger: features + model + document-level history.

use crate::clusters::Clusters;
use crate::features::{DocContext, SentenceFeatures, FEATURE_VERSION};
use crate::gazetteer::Gazetteer;
use crate::model::{decode, spans, update_history, Model, ModelError};

/// The model compiled into the binary (`cargo run --release -p dateline-entities --example train_ner`).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../data/ner.model");

/// Tags sentences of a document with CoNLL types (PER/ORG/LOC/MISC).
#[derive(Debug)]
pub struct Ner {
    /// The averaged-perceptron model.
    pub model: Model,
    /// The word clusters used as features.
    pub clusters: Clusters,
    /// The name lists used as features (and by the rest of the stage).
    pub gazetteer: Gazetteer,
}

/// A tagged span: token indices within its sentence (end-exclusive) and a type index
/// into [`crate::model::TYPES`].
pub type Span = (usize, usize, usize);

impl Ner {
    /// The tagger with the model, clusters and gazetteers compiled into the binary.
    ///
    /// Fails with [`ModelError`] if the embedded model is of another format or feature version
    /// than this build (retrain it), or corrupt.
    pub fn embedded() -> Result<Self, ModelError> {
        Ok(Ner {
            model: Model::from_bytes(EMBEDDED_MODEL, FEATURE_VERSION)?,
            clusters: Clusters::embedded(),
            gazetteer: Gazetteer::embedded(),
        })
    }

    /// Spans for each sentence of one document, tagged in order so earlier decisions
    /// inform later ones.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        let mut ctx = DocContext::new(sentences.iter().flatten().copied());
        sentences
            .iter()
            .map(|words| {
                let sent = SentenceFeatures::new(words, &self.clusters, &self.gazetteer, &ctx);
                let labels = decode(&self.model, &sent, |_, _, _, _| {});
                update_history(&mut ctx, &sent, &labels);
                spans(&labels)
            })
            .collect()
    }
}

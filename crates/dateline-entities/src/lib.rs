//! Named entities merged into one entity per referent, with roles and codes.
//!
//! The stage tags names with a greedy averaged-perceptron tagger trained on
//! CoNLL-2003 (BILOU tags, word/shape/affix/context features, gazetteers, word
//! clusters from news text, document-level history), maps CoNLL's types to dateline's
//! (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, OTHER) with gazetteers, drops photo
//! credits and bylines, merges mentions into entities (surnames, honorifics, acronyms,
//! typos of country names, titles used as names, subject pronouns), reads roles from
//! premodifying titles and appositions, and attaches ISO 3166 / CAMEO codes.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_entities::EntityRecognizer;
//!
//! let recognizer = EntityRecognizer::load().unwrap();
//! let text = "Prime Minister Keir Starmer met Nato officials in Brussels. Mr Starmer said he was pleased.";
//! let mut doc = Document::new("d", Source::text("t.txt"), text.to_string());
//! dateline_text::segment(&mut doc);
//! recognizer.annotate(&mut doc);
//! let starmer = doc.entities.iter().find(|e| e.name == "Keir Starmer").unwrap();
//! assert_eq!(starmer.roles[0].title, "Prime Minister");
//! assert!(starmer.mentions.iter().any(|m| m.text == "Mr Starmer"));
//! ```

#![deny(missing_docs)]

pub mod clusters;
pub mod conll;
pub mod cputime;
pub mod entities;
pub mod features;
pub mod gazetteer;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod tokenize;

use dateline_core::{Document, Error, Result};

/// Loaded once, shared read-only across threads.
#[derive(Debug)]
pub struct EntityRecognizer {
    ner: ner::Ner,
}

impl EntityRecognizer {
    /// Loads the embedded model, clusters and gazetteers. Fails when the embedded
    /// model's format or feature version does not match this build.
    pub fn load() -> Result<Self> {
        let ner = ner::Ner::embedded().map_err(|e| Error::Other(e.to_string()))?;
        Ok(EntityRecognizer { ner })
    }

    /// The tagger underneath, for evaluation and benchmarks.
    pub fn ner(&self) -> &ner::Ner {
        &self.ner
    }

    /// Fills `doc.entities` (replacing what was there) from `doc.tokens` (and their
    /// `upos`/`deprel` when a parser has run): a document the segmenter has not
    /// tokenised gets no entities.
    pub fn annotate(&self, doc: &mut Document) {
        entities::annotate(&self.ner, doc);
    }
}

mod stage;

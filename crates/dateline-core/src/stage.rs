//! The stage contract: what a pipeline component reads, what it writes, and how it runs.
//!
//! Every step of the pipeline — segmentation, syntax, times, entities, quotes, events —
//! implements [`Stage`]: it names the [`Layer`]s it requires and the ones it assigns, and
//! adds them to a [`Document`] in [`Stage::annotate`]. This is spaCy's
//! `Language.factory(requires=…, assigns=…)`: a pipeline is a list of stages, checked once
//! with [`check_order`] so that no stage runs before what it reads exists, and timings,
//! documentation and the architecture table all come from the same list.
//!
//! ```
//! use dateline_core::{check_order, Document, Layer, Stage};
//!
//! struct Shout;
//! impl Stage for Shout {
//!     fn name(&self) -> &'static str { "shout" }
//!     fn requires(&self) -> &'static [Layer] { &[Layer::Text] }
//!     fn assigns(&self) -> &'static [Layer] { &[Layer::Warnings] }
//!     fn annotate(&self, doc: &mut Document) { doc.warnings.push(doc.text.to_uppercase()); }
//! }
//!
//! let stages: Vec<Box<dyn Stage>> = vec![Box::new(Shout)];
//! assert!(check_order(&stages).is_ok());
//! ```

use crate::Document;

/// A layer of a [`Document`] that a stage can require or assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The prepared text, its offset map back to the input, and the document's metadata.
    Text,
    /// The publication date (`published`, `published_from`).
    Published,
    /// Warnings about the input.
    Warnings,
    /// Sentence spans.
    Sentences,
    /// Token spans and their text.
    Tokens,
    /// Tokens' UPOS, XPOS, lemma, head and relation.
    Syntax,
    /// The shared contextual token vectors that learned heads read.
    Encoding,
    /// Time expressions.
    Times,
    /// Entities with their mentions and roles.
    Entities,
    /// Quotes and their speakers.
    Quotes,
    /// Events.
    Events,
}

impl Layer {
    /// The layer's name, as stages and ARCHITECTURE.md print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Text => "text",
            Layer::Published => "published",
            Layer::Warnings => "warnings",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Syntax => "syntax",
            Layer::Encoding => "encoding",
            Layer::Times => "times",
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
        }
    }
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One pipeline component. Implementations load their resources once (they are shared
/// read-only across threads) and must never panic on any document: a stage that cannot read
/// a document adds a warning and leaves its layer empty.
pub trait Stage: Send + Sync {
    /// A short lower-case name, as timings and errors print it.
    fn name(&self) -> &'static str;
    /// The layers this stage reads; each must be assigned by an earlier stage (the text
    /// preparation assigns [`Layer::Text`], [`Layer::Published`] and [`Layer::Warnings`]).
    fn requires(&self) -> &'static [Layer];
    /// The layers this stage writes (it may also add to [`Layer::Warnings`]).
    fn assigns(&self) -> &'static [Layer];
    /// Adds this stage's layers to `doc`.
    fn annotate(&self, doc: &mut Document);
}

/// The layers the text preparation assigns before any stage runs.
pub const PREPARED: [Layer; 3] = [Layer::Text, Layer::Published, Layer::Warnings];

/// Checks that every stage's required layers are assigned by the preparation or an earlier
/// stage. The error names the stage and the missing layer, and says which stage would
/// provide it if one comes later.
pub fn check_order(stages: &[Box<dyn Stage>]) -> Result<(), String> {
    let mut have: Vec<Layer> = PREPARED.to_vec();
    for (i, stage) in stages.iter().enumerate() {
        for layer in stage.requires() {
            if !have.contains(layer) {
                let later = stages[i + 1..]
                    .iter()
                    .find(|s| s.assigns().contains(layer))
                    .map(|s| format!(": stage `{}` assigns it but runs later", s.name()))
                    .unwrap_or_default();
                return Err(format!(
                    "stage `{}` requires the {layer} layer, which no earlier stage assigns{later}",
                    stage.name()
                ));
            }
        }
        have.extend_from_slice(stage.assigns());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn annotate(&self, _: &mut Document) {}
    }

    #[test]
    fn a_stage_before_what_it_reads_is_refused_with_the_reason() {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Fake("events", &[Layer::Entities], &[Layer::Events])),
            Box::new(Fake("entities", &[Layer::Tokens], &[Layer::Entities])),
        ];
        let err = check_order(&stages).unwrap_err();
        assert!(
            err.contains("`events` requires the entities layer"),
            "{err}"
        );
        assert!(
            err.contains("`entities` assigns it but runs later"),
            "{err}"
        );
    }

    #[test]
    fn stages_in_order_pass() {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Fake(
                "segment",
                &[Layer::Text],
                &[Layer::Sentences, Layer::Tokens],
            )),
            Box::new(Fake("entities", &[Layer::Tokens], &[Layer::Entities])),
        ];
        assert!(check_order(&stages).is_ok());
    }
}

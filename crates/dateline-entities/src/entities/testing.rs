//! Helpers for the unit tests of the stage's steps: segmented token views, the embedded
//! tagger and gazetteers loaded once, hand-made candidates, and the steps run up to
//! merging.

use super::candidates::Cand;
use super::merging::{group, Grouping};
use super::tokens::{token_view, Article, Tok};
use super::{candidates, repair, tag, typing};
use crate::gazetteer::{key, Gazetteer};
use crate::ner::Ner;
use dateline_core::{Document, EntityType, MentionKind, Source};
use std::sync::OnceLock;

/// The embedded tagger, loaded once for all tests.
pub(super) fn ner() -> &'static Ner {
    static NER: OnceLock<Ner> = OnceLock::new();
    NER.get_or_init(|| Ner::embedded().expect("embedded model loads"))
}

/// The embedded gazetteers.
pub(super) fn gaz() -> &'static Gazetteer {
    &ner().gazetteer
}

/// `text` segmented by dateline_text, as a document.
pub(super) fn segmented(text: &str) -> Document {
    let mut doc = Document::new("t", Source::text("t"), text.to_string());
    dateline_text::segment(&mut doc);
    doc
}

/// This stage's token view of `text`.
pub(super) fn toks(text: &str) -> Vec<Tok> {
    token_view(&segmented(text))
}

/// A token on its own, in sentence `sentence`, at char offset `start`.
pub(super) fn tok(text: &str, start: usize, sentence: usize) -> Tok {
    Tok {
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
        lower: key(text),
        sentence,
        deprel: None,
        upos: None,
    }
}

/// A name candidate over tokens `first..end`.
pub(super) fn cand(first: usize, end: usize, ty: EntityType) -> Cand {
    Cand {
        first,
        name_first: first,
        end,
        ty,
        kind: MentionKind::Name,
        ident: None,
        exact: true,
    }
}

/// The token texts of `toks[c.first..c.end]`, space-joined.
pub(super) fn words(toks: &[Tok], c: &Cand) -> String {
    toks[c.first..c.end]
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` through the steps up to merging: its token view and the grouped mentions.
pub(super) fn grouped(text: &str) -> (Vec<Tok>, Grouping) {
    let doc = segmented(text);
    let toks = token_view(&doc);
    let article = Article::new(&doc.text, &toks);
    let tagged = tag(ner(), &article);
    let cands = candidates::find(gaz(), &article, &tagged, &doc.times);
    let cands = repair::repair(gaz(), &article, cands);
    let kept = typing::clean_and_type(gaz(), &article, cands);
    let grouping = group(gaz(), &toks, kept);
    (toks, grouping)
}

/// The entity whose first mention is the name `name`, in a grouping of `toks`.
pub(super) fn entity_named(toks: &[Tok], g: &Grouping, name: &str) -> usize {
    (0..g.ents.len())
        .find(|&e| {
            g.ents[e]
                .mentions
                .iter()
                .any(|&m| words(toks, &g.kept[m]) == name)
        })
        .unwrap_or_else(|| {
            let all: Vec<String> = g.kept.iter().map(|c| words(toks, c)).collect();
            panic!("no entity {name} in {all:?}")
        })
}

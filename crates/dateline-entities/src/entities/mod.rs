//! The entity stage: from the document's tokens to entities with mentions, roles and
//! codes. [`annotate`] runs the steps in order, each in its own module:
//!
//! 1. `tokens`: this stage's token view of the document;
//! 2. the NER tagger over its sentences (here);
//! 3. `candidates`: candidate mention spans (the tagger's, gazetteer names, honorific +
//!    name, company names), then `repair`: their spans repaired;
//! 4. `typing`: which are names (common words and `credits` dropped), of which type;
//! 5. `merging`: mentions merged into entities, each entity typed by vote;
//! 6. `roles`: roles from the titles (`titles`) and appositions around names;
//! 7. `nominals` and `pronouns`: titles used as names and pronouns, linked to persons;
//! 8. `output`: entities in order of first mention, with names and `codes`.

mod candidates;
mod codes;
mod credits;
mod merging;
mod nominals;
mod output;
mod pronouns;
mod repair;
mod roles;
#[cfg(test)]
mod testing;
mod titles;
mod tokens;
mod typing;

pub use tokens::{token_view, Tok};

use crate::ner::{Ner, Span};
use dateline_core::Document;
use tokens::{tagger_form, Article};

/// The tagger's raw spans over a document, as char spans with a CoNLL type index
/// (no cleaning, typing or merging): what the CoNLL evaluation scores.
pub fn tagged_char_spans(ner: &Ner, doc: &Document) -> Vec<(usize, usize, usize)> {
    let toks = token_view(doc);
    let article = Article::new(&doc.text, &toks);
    let tagged = ner.tag_document(&tagger_words(&article));
    let mut out = Vec::new();
    for (r, spans) in article.sentences.iter().zip(&tagged) {
        for &(s, e, t) in spans {
            out.push((toks[r.start + s].start, toks[r.start + e - 1].end, t));
        }
    }
    out
}

/// Runs the whole stage on a document: fills `doc.entities` (replacing what was there).
pub fn annotate(ner: &Ner, doc: &mut Document) {
    let toks = token_view(doc);
    if toks.is_empty() {
        return;
    }
    let gaz = &ner.gazetteer;
    let article = Article::new(&doc.text, &toks);
    let tagged = tag(ner, &article);
    let cands = candidates::find(gaz, &article, &tagged, &doc.times);
    let cands = repair::repair(gaz, &article, cands);
    let kept = typing::clean_and_type(gaz, &article, cands);
    let mut grouping = merging::group(gaz, &toks, kept);
    let mention_at = grouping.mention_at(toks.len());
    roles::attach(&toks, &mention_at, &mut grouping);
    let mut extra = nominals::titles_as_names(&toks, &mention_at, &mut grouping);
    extra.extend(pronouns::link(&toks, &mention_at, &grouping));
    grouping.add_mentions(extra);
    let published = doc.published_date().map(|d| d.replace('-', ""));
    let entities = output::entities(gaz, &article, grouping, published.as_deref());
    doc.entities = entities;
}

/// Each sentence's tokens in the form the tagger reads.
fn tagger_words<'a>(article: &Article<'a>) -> Vec<Vec<&'a str>> {
    article
        .sentences
        .iter()
        .map(|r| {
            article.toks[r.clone()]
                .iter()
                .map(|t| tagger_form(&t.text))
                .collect()
        })
        .collect()
}

/// The tagger's spans, sentence by sentence (printed to stderr when
/// `DATELINE_ENTITIES_DEBUG` is set).
fn tag(ner: &Ner, article: &Article) -> Vec<Vec<Span>> {
    let words = tagger_words(article);
    let tagged = ner.tag_document(&words);
    if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
        for (w, t) in words.iter().zip(&tagged) {
            eprintln!("{:?} {:?}", w, t);
        }
    }
    tagged
}

#[cfg(test)]
mod tests {
    use super::testing::{ner, segmented};
    use super::*;
    use dateline_core::EntityType;

    #[test]
    fn annotate_fills_entities_with_roles_and_codes() {
        let mut doc = segmented(
            "Prime Minister Keir Starmer met Nato officials in Brussels. Mr Starmer said he was pleased.",
        );
        annotate(ner(), &mut doc);
        let starmer = doc
            .entities
            .iter()
            .find(|e| e.name == "Keir Starmer")
            .unwrap();
        assert_eq!(starmer.kind, EntityType::Person);
        assert_eq!(starmer.roles[0].title, "Prime Minister");
        let texts: Vec<&str> = starmer.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["Keir Starmer", "Mr Starmer", "he"]);
        let nato = doc.entities.iter().find(|e| e.name == "Nato").unwrap();
        assert_eq!(nato.codes["cameo"], "IGOWSTNAT");
        assert_eq!(doc.entities[0].id, "E1");
    }

    #[test]
    fn tagged_spans_are_char_spans_of_the_tagger_output() {
        let doc = segmented("Angela Merkel visited Paris.");
        let chars: Vec<char> = doc.text.chars().collect();
        let spans: Vec<String> = tagged_char_spans(ner(), &doc)
            .into_iter()
            .map(|(a, b, _)| chars[a..b].iter().collect())
            .collect();
        assert_eq!(spans, ["Angela Merkel", "Paris"]);
    }

    #[test]
    fn the_stage_reads_the_documents_tokens_only() {
        let text = "Keir Starmer visited Paris.";
        let mut doc = Document::new("t", dateline_core::Source::text("t"), text.to_string());
        annotate(ner(), &mut doc);
        assert!(doc.entities.is_empty());
        assert!(tagged_char_spans(ner(), &doc).is_empty());
        let mut doc = segmented(text);
        annotate(ner(), &mut doc);
        assert_eq!(doc.entities.len(), 2);
    }
}

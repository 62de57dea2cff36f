//! The learned argument head: for an event trigger and each noun, proper noun or pronoun of
//! its sentence, whether that word heads the event's source, its target, or neither.
//!
//! Its features are the dependency path between the two words (with the case marker: "by"
//! makes the agent of a passive a source), the trigger's voice, lemma and type, and what the
//! word is (entity type, pronoun, group noun). Trained by
//! `cargo run --release -p dateline-events --example train_events` on the train split of
//! the BBC event corpus; the model file is `data/arguments.model`.

use super::features::tpl;
use crate::view::View;
use dateline_core::{Deprel, PloverType, Result, Upos};
use dateline_ml::binio::{Reader, Writer};
use dateline_ml::hashing::fx::{feature, feature2, hash_str};
use dateline_ml::model_file::{Header, ModelFile};
use dateline_ml::perceptron::Classifier;

/// The model file compiled into the binary (empty when none has been trained yet).
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/arguments.model");

/// The argument model's file header.
pub const MODEL_FILE: ModelFile = ModelFile {
    name: "event argument model",
    file: "crates/dateline-events/data/arguments.model",
    header: Header {
        magic: *b"DLARGUMT",
        version: 1,
    },
    also_reads: &[],
    retrain: "cargo run --release -p dateline-events --example train_events",
};

/// A word's role in an event: class 0 none, 1 source, 2 target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgRole {
    /// Not an argument.
    None,
    /// Who does it.
    Source,
    /// Whom it is done to or aimed at.
    Target,
}

impl ArgRole {
    /// The class index.
    pub fn class(self) -> usize {
        match self {
            ArgRole::None => 0,
            ArgRole::Source => 1,
            ArgRole::Target => 2,
        }
    }

    fn from_class(c: usize) -> ArgRole {
        match c {
            1 => ArgRole::Source,
            2 => ArgRole::Target,
            _ => ArgRole::None,
        }
    }
}

/// Number of classes.
pub const N_ROLES: usize = 3;

/// Whether token `a` can head an argument: a noun, proper noun or pronoun.
pub fn is_arg_candidate(view: &View, a: usize) -> bool {
    matches!(
        view.upos(a),
        Some(Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    )
}

/// Up to 6 ancestors of `i`, nearest first, with the relation by which each step goes up.
fn ancestors(view: &View, i: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut x = i;
    while out.len() < 6 {
        let Some(h) = view.head(x) else { break };
        let rel = view.deprel(x).map_or("?", |d| d.as_str()).to_string();
        out.push((h, rel));
        x = h;
    }
    out
}

/// The dependency path from `a` up to the common ancestor and down to `t`, e.g.
/// `nsubj↑` or `obl:by↑` or `nmod:of↑obj↑`; "far" past four steps.
fn path(view: &View, a: usize, t: usize) -> String {
    let up_a = ancestors(view, a);
    let up_t = ancestors(view, t);
    let case = |x: usize| view.case_of(x).map(|c| format!(":{c}")).unwrap_or_default();
    // t is an ancestor of a
    let mut s = String::new();
    let mut cur = a;
    for (k, (h, rel)) in up_a.iter().enumerate() {
        s.push_str(rel);
        if k == 0 {
            s.push_str(&case(cur));
        }
        s.push('↑');
        if *h == t {
            return s;
        }
        if let Some(pos) = up_t.iter().position(|(x, _)| x == h) {
            // down from the common ancestor to t
            let mut down: Vec<&str> = up_t[..=pos].iter().map(|(_, r)| r.as_str()).collect();
            down.reverse();
            let steps = k + 1 + down.len();
            if steps > 4 {
                return "far".into();
            }
            for r in down {
                s.push_str(r);
                s.push('↓');
            }
            return s;
        }
        cur = *h;
        if k >= 3 {
            break;
        }
    }
    // a is an ancestor of t
    if let Some(pos) = up_t.iter().position(|(x, _)| *x == a) {
        if pos < 4 {
            let mut s = String::from("↓");
            for (_, r) in up_t[..=pos].iter().rev() {
                s.push_str(r);
                s.push('↓');
            }
            return s;
        }
    }
    "far".into()
}

/// Pushes the features of word `a` as an argument of the trigger at `t` of type `kind`.
pub fn arg_features(view: &View, t: usize, kind: PloverType, a: usize, out: &mut Vec<u64>) {
    out.clear();
    let p = path(view, a, t);
    let ph = hash_str(&p);
    let kh = hash_str(kind.as_str());
    let tl = hash_str(view.lemma(t));
    let passive = view
        .children(t)
        .any(|c| matches!(view.deprel(c), Some(Deprel::AuxPass | Deprel::NsubjPass)));
    let voice = u64::from(passive);
    out.push(feature(const { tpl("bias") }, 0));
    out.push(feature(const { tpl("path") }, ph));
    out.push(feature2(const { tpl("path+voice") }, ph, voice));
    out.push(feature2(const { tpl("path+type") }, ph, kh));
    out.push(feature2(const { tpl("path+trigger") }, ph, tl));
    out.push(feature2(
        const { tpl("path+trigger-upos") },
        ph,
        hash_str(view.upos(t).map_or("", |u| u.as_str())),
    ));
    let dir = u64::from(a < t);
    let dist = (a.abs_diff(t)).min(12) as u64 / 3;
    out.push(feature2(const { tpl("dir+dist") }, dir, dist));
    out.push(feature2(const { tpl("dir+type") }, dir, kh));
    out.push(feature2(const { tpl("dir+voice") }, dir, voice));
    let al = view.lemma(a);
    let upos = view.upos(a).map_or("", |u| u.as_str());
    out.push(feature(const { tpl("arg-upos") }, hash_str(upos)));
    out.push(feature2(const { tpl("arg-upos+path") }, hash_str(upos), ph));
    if matches!(view.upos(a), Some(Upos::Pron | Upos::Noun)) {
        out.push(feature(const { tpl("arg-lemma") }, hash_str(al)));
        out.push(feature2(const { tpl("arg-lemma+dir") }, hash_str(al), dir));
    }
    match view.entity_at[a] {
        Some((e, mk)) => {
            let et = hash_str(view.entity_type(e).as_str());
            out.push(feature(const { tpl("arg-entity") }, et));
            out.push(feature2(const { tpl("arg-entity+path") }, et, ph));
            out.push(feature2(const { tpl("arg-entity+type") }, et, kh));
            out.push(feature(
                const { tpl("arg-mention-kind") },
                hash_str(&format!("{mk:?}")),
            ));
        }
        None => out.push(feature(const { tpl("arg-no-entity") }, 0)),
    }
    if let Some(c) = view.case_of(a) {
        out.push(feature2(const { tpl("case+type") }, hash_str(c), kh));
    }
    let doc = view.doc;
    let in_quote = |i: usize| {
        doc.quotes
            .iter()
            .any(|q| q.start <= doc.tokens[i].start && doc.tokens[i].end <= q.end)
    };
    out.push(feature2(
        const { tpl("quote") },
        u64::from(in_quote(a)),
        u64::from(in_quote(t)),
    ));
}

/// The frozen argument head.
#[derive(Debug, Clone)]
pub struct ArgHead {
    model: Classifier,
    /// Subtracted from the "none" score before deciding (chosen on dev).
    none_bias: f32,
}

impl ArgHead {
    /// The model compiled into the binary, or `None` when none was trained.
    pub fn embedded() -> Result<Option<ArgHead>> {
        if EMBEDDED_MODEL.is_empty() {
            return Ok(None);
        }
        ArgHead::read(EMBEDDED_MODEL).map(Some)
    }

    /// Reads a model file written by [`ArgHead::write`].
    pub fn read(bytes: &[u8]) -> Result<ArgHead> {
        let mut r = Reader::named(bytes, MODEL_FILE.name);
        MODEL_FILE.read_header(&mut r)?;
        let none_bias = r.f32()?;
        let model = Classifier::read(&mut r)?;
        if model.n_classes() != N_ROLES {
            return Err(r.corrupt("class count"));
        }
        Ok(ArgHead { model, none_bias })
    }

    /// Wraps a trained classifier with its dev-chosen bias.
    pub fn new(model: Classifier, none_bias: f32) -> ArgHead {
        ArgHead { model, none_bias }
    }

    /// The model file's bytes.
    pub fn write(&self) -> Vec<u8> {
        let mut w = Writer::default();
        MODEL_FILE.write_header(&mut w);
        w.f32(self.none_bias);
        self.model.write(&mut w);
        w.bytes
    }

    /// The role of each argument candidate of the trigger at `t`, in its sentence, with the
    /// margin of the role over "none" (only words with a role are returned).
    pub fn roles(&self, view: &View, t: usize, kind: PloverType) -> Vec<(usize, ArgRole, f32)> {
        let range = view.sentence_range(view.doc.tokens[t].sentence);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for a in range {
            if a == t || !is_arg_candidate(view, a) {
                continue;
            }
            arg_features(view, t, kind, a, &mut buf);
            let mut s = [0f32; N_ROLES];
            self.model.score_f32(&buf, &mut s);
            s[0] -= self.none_bias;
            let best = if s[1] >= s[2] { 1 } else { 2 };
            if s[best] > s[0] {
                out.push((a, ArgRole::from_class(best), s[best] - s[0]));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tests::{doc_from, entity};
    use dateline_core::EntityType;

    fn passive_arrest() -> dateline_core::Document {
        // "Protesters were arrested by police in Hong Kong ."
        let mut doc = doc_from(&[
            "Protesters/NOUN/protester/3/nsubj:pass were/AUX/be/3/aux:pass \
             arrested/VERB/arrest/0/root by/ADP/by/5/case police/NOUN/police/3/obl \
             in/ADP/in/7/case Hong/PROPN/Hong/3/obl Kong/PROPN/Kong/7/flat ./././3/punct",
        ]);
        entity(&mut doc, "E1", EntityType::Gpe, &[(6, 8)]);
        doc
    }

    #[test]
    fn paths_name_the_relations_and_the_case_marker() {
        let doc = passive_arrest();
        let lex = Lexicon::builtin().unwrap();
        let view = View::new(&doc, &lex);
        assert_eq!(path(&view, 0, 2), "nsubj:pass↑");
        assert_eq!(path(&view, 4, 2), "obl:by↑");
        assert_eq!(path(&view, 6, 2), "obl:in↑");
        // Down from the argument to a trigger below it, and siblings through their head.
        assert_eq!(path(&view, 2, 4), "↓obl↓");
        assert_eq!(path(&view, 0, 4), "nsubj:pass↑obl↓");
    }

    #[test]
    fn features_differ_by_voice_and_role_and_the_model_round_trips() {
        let doc = passive_arrest();
        let lex = Lexicon::builtin().unwrap();
        let view = View::new(&doc, &lex);
        let mut agent = Vec::new();
        let mut patient = Vec::new();
        arg_features(&view, 2, PloverType::Coerce, 4, &mut agent);
        arg_features(&view, 2, PloverType::Coerce, 0, &mut patient);
        assert_ne!(agent, patient);
        // Teach a head that the "by" agent is the source and the passive subject the target.
        let mut trainer = dateline_ml::perceptron::Trainer::new(N_ROLES);
        for _ in 0..5 {
            for (f, truth) in [(&agent, 1), (&patient, 2)] {
                let mut s = vec![0f32; N_ROLES];
                trainer.score(f, &mut s);
                let guess = (0..N_ROLES).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
                if guess != truth {
                    trainer.update(f, truth, guess);
                }
                trainer.tick();
            }
        }
        let head = ArgHead::read(&ArgHead::new(trainer.finish(0.0), 0.0).write()).unwrap();
        let roles = head.roles(&view, 2, PloverType::Coerce);
        assert!(roles.contains(&(
            4,
            ArgRole::Source,
            roles.iter().find(|r| r.0 == 4).unwrap().2
        )));
        assert!(roles.iter().any(|r| r.0 == 0 && r.1 == ArgRole::Target));
        assert!(ArgHead::read(b"DLTRIGGR").is_err());
    }
}

//! Reads a model's label strings into typed labels ([`Upos`], [`Deprel`]) once, at load,
//! so analysis copies an enum per word instead of parsing or cloning a string.

use dateline_core::{Deprel, Error, Result, Upos};

/// Parses every label of `labels` (in `what`, for the error), failing on the first unknown
/// one with its name: a model trained on other tags or relations is a load error.
pub fn parse_all<T: std::str::FromStr<Err = String>>(
    what: &str,
    labels: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<Vec<T>> {
    labels
        .into_iter()
        .map(|l| {
            l.as_ref()
                .parse()
                .map_err(|e| Error::Other(format!("{what}: unknown label: {e}")))
        })
        .collect()
}

/// The reserved first entry of a network's output vocabularies: never a training target,
/// so never predicted; read as `X` (a tag) or `dep` (a relation) to keep indices aligned.
pub const UNKNOWN: &str = "<unk>";

/// The UPOS of each joint tag `UPOS|XPOS` of a network (`X` for [`UNKNOWN`]).
pub fn joint_upos(what: &str, tags: &[String]) -> Result<Vec<Upos>> {
    fn upos(t: &str) -> &str {
        match t {
            UNKNOWN => Upos::X.as_str(),
            t => t.split_once('|').map_or(t, |p| p.0),
        }
    }
    parse_all(what, tags.iter().map(|t| upos(t)))
}

/// The relations of a model's label names (`dep` for [`UNKNOWN`]).
pub fn relations(what: &str, names: &[String]) -> Result<Vec<Deprel>> {
    fn name(n: &str) -> &str {
        match n {
            UNKNOWN => Deprel::Dep.as_str(),
            n => n,
        }
    }
    parse_all(what, names.iter().map(|n| name(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_labels_and_names_an_unknown_one() {
        let tags = ["NOUN|NN".to_string(), "PROPN|NNP".to_string()];
        assert_eq!(joint_upos("t", &tags).unwrap(), [Upos::Noun, Upos::Propn]);
        let rels = ["nsubj:pass".to_string(), "obj".to_string()];
        assert_eq!(
            relations("r", &rels).unwrap(),
            [Deprel::NsubjPass, Deprel::Obj]
        );
        let err = relations("syntax model", &["nsubj:foo".to_string()]).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("syntax model") && msg.contains("`nsubj:foo`"),
            "{msg}"
        );
        assert!(joint_upos("t", &["NOUNS|NN".to_string()]).is_err());
        let unk = [UNKNOWN.to_string()];
        assert_eq!(joint_upos("t", &unk).unwrap(), [Upos::X]);
        assert_eq!(relations("r", &unk).unwrap(), [Deprel::Dep]);
    }
}

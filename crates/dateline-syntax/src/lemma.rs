//! Lemmatiser: a (form, UPOS) → lemma table learnt from the treebank, with suffix rules
//! learnt per XPOS for unseen words ("stopped"/VBD → "stop", "ministries"/NNS → "ministry").
//!
//! Lemmas are lower case as in EWT, except proper nouns, which keep the form's case.

use crate::binio::{Reader, Writer};
use crate::lexical::normalise;
use dateline_core::Result;
use std::collections::HashMap;

/// Strip `cut` chars from the end of the base form, then append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Edit {
    cut: u8,
    add: String,
}

impl Edit {
    fn between(base: &str, lemma: &str) -> Option<Edit> {
        let b: Vec<char> = base.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let common = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
        let cut = u8::try_from(b.len() - common).ok()?;
        Some(Edit {
            cut,
            add: l[common..].iter().collect(),
        })
    }

    fn apply(&self, base: &str) -> Option<String> {
        let n = base.chars().count();
        let keep = n.checked_sub(self.cut as usize)?;
        if keep == 0 && self.add.is_empty() {
            return None;
        }
        let mut s: String = base.chars().take(keep).collect();
        s.push_str(&self.add);
        Some(s)
    }
}

const MAX_SUFFIX: usize = 5;

/// The trained lemmatiser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lemmatizer {
    /// "UPOS\tlower form" → edit of the base form.
    table: HashMap<String, Edit>,
    /// "XPOS\tsuffix" → edit, for the longest suffix seen at least twice.
    rules: HashMap<String, Edit>,
}

/// The form edits work on: proper nouns keep their case, other words are lower-cased.
fn base(form: &str, upos: &str) -> String {
    let form = normalise(form);
    if upos == "PROPN" {
        form.into_owned()
    } else {
        form.to_lowercase()
    }
}

impl Lemmatizer {
    /// Learns from (form, upos, xpos, lemma) examples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut table_counts: HashMap<String, HashMap<Edit, u32>> = HashMap::new();
        let mut types: HashMap<(String, String), HashMap<Edit, u32>> = HashMap::new();
        for (form, upos, xpos, lemma) in examples {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let b = base(form, upos);
            let Some(edit) = Edit::between(&b, lemma) else {
                continue;
            };
            let lower = normalise(form).to_lowercase();
            *table_counts
                .entry(format!("{upos}\t{lower}"))
                .or_default()
                .entry(edit.clone())
                .or_default() += 1;
            *types
                .entry((xpos.to_string(), b.to_lowercase()))
                .or_default()
                .entry(edit)
                .or_default() += 1;
        }
        let table = table_counts
            .into_iter()
            .map(|(k, edits)| (k, most_frequent(edits)))
            .collect();
        // Each word type votes once, so frequent irregular words do not drown the rules.
        let mut rule_counts: HashMap<String, HashMap<Edit, u32>> = HashMap::new();
        for ((xpos, lower), edits) in types {
            let edit = most_frequent(edits);
            let chars: Vec<char> = lower.chars().collect();
            for k in 0..=MAX_SUFFIX.min(chars.len()) {
                let suffix: String = chars[chars.len() - k..].iter().collect();
                *rule_counts
                    .entry(format!("{xpos}\t{suffix}"))
                    .or_default()
                    .entry(edit.clone())
                    .or_default() += 1;
            }
        }
        let rules = rule_counts
            .into_iter()
            .filter(|(_, e)| e.values().sum::<u32>() >= 2)
            .map(|(k, e)| (k, most_frequent(e)))
            .collect();
        Lemmatizer { table, rules }
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let b = base(form, upos);
        let lower = normalise(form).to_lowercase();
        if let Some(edit) = self.table.get(&format!("{upos}\t{lower}")) {
            if let Some(l) = edit.apply(&b) {
                return l;
            }
        }
        if upos == "PROPN" || upos == "PUNCT" || upos == "SYM" || upos == "NUM" {
            return b;
        }
        let chars: Vec<char> = lower.chars().collect();
        for k in (0..=MAX_SUFFIX.min(chars.len())).rev() {
            let suffix: String = chars[chars.len() - k..].iter().collect();
            if let Some(edit) = self.rules.get(&format!("{xpos}\t{suffix}")) {
                if let Some(l) = edit.apply(&b) {
                    return l;
                }
                break;
            }
        }
        b
    }

    /// Appends the lookup table and the suffix rules to a model file, sorted so the bytes
    /// are deterministic.
    pub fn write(&self, w: &mut Writer) {
        for map in [&self.table, &self.rules] {
            let mut entries: Vec<(&String, &Edit)> = map.iter().collect();
            entries.sort();
            w.count(entries.len());
            for (k, e) in entries {
                w.str(k);
                w.u8(e.cut);
                w.str(&e.add);
            }
        }
    }

    /// Reads what [`Lemmatizer::write`] wrote; fails on truncated or malformed bytes.
    pub fn read(r: &mut Reader) -> Result<Self> {
        let mut maps = [HashMap::new(), HashMap::new()];
        for map in &mut maps {
            let n = r.count()?;
            map.reserve(n);
            for _ in 0..n {
                let k = r.str()?;
                let cut = r.u8()?;
                let add = r.str()?;
                map.insert(k, Edit { cut, add });
            }
        }
        let [table, rules] = maps;
        Ok(Lemmatizer { table, rules })
    }
}

fn most_frequent(edits: HashMap<Edit, u32>) -> Edit {
    edits
        .into_iter()
        .max_by(|(a, na), (b, nb)| na.cmp(nb).then_with(|| b.cmp(a)))
        .map(|(e, _)| e)
        .expect("non-empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_table_and_suffix_rules() {
        let data = [
            ("stopped", "VERB", "VBD", "stop"),
            ("dropped", "VERB", "VBD", "drop"),
            ("walked", "VERB", "VBD", "walk"),
            ("talked", "VERB", "VBD", "talk"),
            ("cities", "NOUN", "NNS", "city"),
            ("parties", "NOUN", "NNS", "party"),
            ("The", "DET", "DT", "the"),
            ("went", "VERB", "VBD", "go"),
            ("Americans", "PROPN", "NNPS", "American"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        assert_eq!(l.lemma("went", "VERB", "VBD"), "go");
        assert_eq!(l.lemma("THE", "DET", "DT"), "the");
        assert_eq!(l.lemma("shipped", "VERB", "VBD"), "ship");
        assert_eq!(l.lemma("ministries", "NOUN", "NNS"), "ministry");
        assert_eq!(l.lemma("Starmer", "PROPN", "NNP"), "Starmer");
        assert_eq!(l.lemma("Americans", "PROPN", "NNPS"), "American");
        assert_eq!(l.lemma("parked", "VERB", "VBD"), "park");
    }
}

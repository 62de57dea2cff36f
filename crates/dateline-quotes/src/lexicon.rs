//! The cue lexicon: speech and cognition verbs, read from `data/cues.tsv` (embedded at
//! compile time so the stage has no run-time file dependency).

use std::collections::HashMap;

/// The lexicon file, embedded. Its header cites where the entries come from.
pub const CUES_TSV: &str = include_str!("../data/cues.tsv");

/// How a cue verb behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// A verb of saying: introduces direct quotes and, with a clause, reported speech.
    Speech,
    /// A verb of belief or thought: reported speech only with a clear complement clause.
    Cognition,
    /// Frames an object with a quoted description ("called it “…”"); never takes a clause.
    Characterise,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The cue verb's lemma ("say", "tell").
    pub lemma: String,
    /// Whether it introduces speech, cognition or something else.
    pub class: CueClass,
}

/// Word forms (lower case; multi-word forms joined by a space) → cue.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    single: HashMap<String, Cue>,
    /// First word of a multi-word cue → (all words, cue).
    multi: HashMap<String, Vec<(Vec<String>, Cue)>>,
}

impl Lexicon {
    /// Parses the lexicon format described in `data/cues.tsv`.
    pub fn parse(tsv: &str) -> Result<Self, String> {
        let mut lex = Lexicon::default();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(format!("cues.tsv line {}: expected 3+ columns", n + 1));
            }
            let class = match cols[1] {
                "speech" => CueClass::Speech,
                "cognition" => CueClass::Cognition,
                "characterise" => CueClass::Characterise,
                other => return Err(format!("cues.tsv line {}: unknown class {other}", n + 1)),
            };
            let cue = Cue {
                lemma: cols[0].to_string(),
                class,
            };
            for form in cols[2].split_whitespace() {
                let words: Vec<String> = form.split('_').map(str::to_lowercase).collect();
                if words.len() == 1 {
                    lex.single.insert(words[0].clone(), cue.clone());
                } else {
                    lex.multi
                        .entry(words[0].clone())
                        .or_default()
                        .push((words, cue.clone()));
                }
            }
        }
        if lex.single.is_empty() {
            return Err("cues.tsv has no entries".into());
        }
        Ok(lex)
    }

    /// The embedded lexicon.
    pub fn embedded() -> Self {
        Self::parse(CUES_TSV).expect("embedded cues.tsv is valid")
    }

    /// The cue starting at `words[0]`, with the number of words it spans.
    /// `words` are lower-cased word forms in text order.
    pub fn lookup<S: AsRef<str>>(&self, words: &[S]) -> Option<(&Cue, usize)> {
        let first = words.first()?.as_ref();
        if let Some(multis) = self.multi.get(first) {
            for (forms, cue) in multis {
                if words.len() >= forms.len()
                    && forms.iter().zip(words).all(|(f, w)| f == w.as_ref())
                {
                    return Some((cue, forms.len()));
                }
            }
        }
        self.single.get(first).map(|c| (c, 1))
    }

    /// The lemma of a single word form, when it is a cue.
    pub fn lemma_of(&self, word: &str) -> Option<&str> {
        self.single.get(word).map(|c| c.lemma.as_str())
    }

    /// Number of single-word forms (for reporting).
    pub fn len(&self) -> usize {
        self.single.len() + self.multi.values().map(Vec::len).sum::<usize>()
    }

    /// True when the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_has_core_cues() {
        let lex = Lexicon::embedded();
        for w in [
            "said",
            "told",
            "added",
            "warned",
            "insisted",
            "believes",
            "accepted",
            "dismissed",
        ] {
            assert!(lex.lookup(&[w]).is_some(), "{w} missing");
        }
        let (cue, n) = lex.lookup(&["according", "to", "officials"]).unwrap();
        assert_eq!((cue.lemma.as_str(), n), ("according to", 2));
        assert_eq!(lex.lookup(&["said"]).unwrap().0.class, CueClass::Speech);
        assert_eq!(
            lex.lookup(&["called"]).unwrap().0.class,
            CueClass::Characterise
        );
        assert!(lex.lookup(&["according"]).is_none());
    }

    #[test]
    fn malformed_lexicon_is_an_error() {
        assert!(Lexicon::parse("say\tshouting\tsaid").is_err());
        assert!(Lexicon::parse("# only a comment\n").is_err());
    }
}

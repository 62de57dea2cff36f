//! Typed syntax labels: Universal Dependencies part-of-speech tags ([`Upos`]) and
//! dependency relations ([`Deprel`]).
//!
//! Stages compare labels as enum values, not strings, so a typo is a compile error and a
//! comparison is one byte. Both serialise as their UD strings, so the JSON is unchanged.
//!
//! ```
//! use dateline_core::{Deprel, Upos};
//!
//! let rel: Deprel = "nsubj:pass".parse().unwrap();
//! assert_eq!(rel, Deprel::NsubjPass);
//! assert_eq!(rel.base(), Deprel::Nsubj); // the universal relation without its subtype
//! assert_eq!(rel.to_string(), "nsubj:pass");
//! assert!("PROPN".parse::<Upos>().unwrap().is_nominal());
//! assert!("NSUBJ".parse::<Deprel>().is_err());
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Defines a label enum with its UD strings, `as_str`, `FromStr`, `Display` and serde.
macro_rules! labels {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $text, "`")] $variant,)*
        }

        impl $name {
            /// Every label, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The UD string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(format!(
                        "`{s}` is not a {}; expected one of: {}",
                        $what,
                        [$($text),*].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
    };
}

labels! {
    /// A Universal Dependencies part-of-speech tag.
    Upos, "UD part-of-speech tag" {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
}

impl Upos {
    /// Nouns, proper nouns and pronouns: what can head a noun phrase.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }

    /// Verbs and auxiliaries.
    pub fn is_verbal(self) -> bool {
        matches!(self, Upos::Verb | Upos::Aux)
    }
}

labels! {
    /// A Universal Dependencies relation, with the subtypes of UD English (EWT and GUM).
    Deprel, "UD dependency relation" {
        Acl = "acl",
        AclRelcl = "acl:relcl",
        Advcl = "advcl",
        AdvclRelcl = "advcl:relcl",
        Advmod = "advmod",
        Amod = "amod",
        Appos = "appos",
        Aux = "aux",
        AuxPass = "aux:pass",
        Case = "case",
        Cc = "cc",
        CcPreconj = "cc:preconj",
        Ccomp = "ccomp",
        Clf = "clf",
        Compound = "compound",
        CompoundPrt = "compound:prt",
        Conj = "conj",
        Cop = "cop",
        Csubj = "csubj",
        CsubjOuter = "csubj:outer",
        CsubjPass = "csubj:pass",
        Dep = "dep",
        Det = "det",
        DetPoss = "det:poss",
        DetPredet = "det:predet",
        Discourse = "discourse",
        Dislocated = "dislocated",
        Expl = "expl",
        Fixed = "fixed",
        Flat = "flat",
        FlatForeign = "flat:foreign",
        Goeswith = "goeswith",
        Iobj = "iobj",
        List = "list",
        Mark = "mark",
        Nmod = "nmod",
        NmodDesc = "nmod:desc",
        NmodNpmod = "nmod:npmod",
        NmodPoss = "nmod:poss",
        NmodTmod = "nmod:tmod",
        NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj",
        NsubjOuter = "nsubj:outer",
        NsubjPass = "nsubj:pass",
        Nummod = "nummod",
        Obj = "obj",
        Obl = "obl",
        OblAgent = "obl:agent",
        OblNpmod = "obl:npmod",
        OblTmod = "obl:tmod",
        OblUnmarked = "obl:unmarked",
        Orphan = "orphan",
        Parataxis = "parataxis",
        Punct = "punct",
        Reparandum = "reparandum",
        Root = "root",
        Vocative = "vocative",
        Xcomp = "xcomp",
    }
}

impl Deprel {
    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base(self) -> Deprel {
        let s = self.as_str();
        match s.split_once(':') {
            Some((base, _)) => base.parse().unwrap_or(self),
            None => self,
        }
    }

    /// True for the core and oblique arguments that name a participant: subjects, objects
    /// and obliques, with their subtypes.
    pub fn is_argument(self) -> bool {
        matches!(
            self.base(),
            Deprel::Nsubj | Deprel::Csubj | Deprel::Obj | Deprel::Iobj | Deprel::Obl
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_round_trips_through_its_string_and_json() {
        for &u in Upos::ALL {
            assert_eq!(u.as_str().parse::<Upos>(), Ok(u));
            let json = serde_json::to_string(&u).unwrap();
            assert_eq!(json, format!("\"{}\"", u.as_str()));
            assert_eq!(serde_json::from_str::<Upos>(&json).unwrap(), u);
        }
        for &d in Deprel::ALL {
            assert_eq!(d.as_str().parse::<Deprel>(), Ok(d));
            assert_eq!(d.to_string(), d.as_str());
        }
    }

    #[test]
    fn subtypes_have_their_universal_base() {
        assert_eq!(Deprel::AclRelcl.base(), Deprel::Acl);
        assert_eq!(Deprel::OblUnmarked.base(), Deprel::Obl);
        assert_eq!(Deprel::Obj.base(), Deprel::Obj);
        assert!(Deprel::NsubjPass.is_argument());
        assert!(!Deprel::Amod.is_argument());
    }

    #[test]
    fn every_relation_of_the_treebank_is_known() {
        // The relations of UD English EWT 2.x train, as the parser was trained on them.
        let ewt = "punct case nsubj det root advmod obj amod obl conj compound mark nmod cc aux \
                   cop advcl nmod:poss xcomp ccomp acl:relcl flat parataxis nummod appos acl \
                   aux:pass nsubj:pass obl:unmarked nmod:unmarked discourse compound:prt iobj \
                   list expl fixed nmod:desc obl:agent csubj nsubj:outer det:predet vocative \
                   goeswith advcl:relcl cc:preconj reparandum orphan csubj:pass dislocated dep \
                   csubj:outer";
        for rel in ewt.split_whitespace() {
            assert!(rel.parse::<Deprel>().is_ok(), "{rel}");
        }
        let err = "nsubj:foo".parse::<Deprel>().unwrap_err();
        assert!(err.contains("not a UD dependency relation"), "{err}");
    }
}

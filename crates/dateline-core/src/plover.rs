//! Typed values of the events layer: the PLOVER event types dateline emits, their quad
//! classes, and the roles an actor plays in an event. Each serialises as the string the
//! `dateline.document/1` contract has always carried (`"CONSULT"`, `"source"`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A PLOVER event type. dateline codes PLOVER's DEMAND as REQUEST, DISAPPROVE as ACCUSE and
/// FIGHT as ASSAULT, and does not emit INVESTIGATE or CRIME.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverType {
    /// Agree to act (PLOVER AGREE).
    Agree,
    /// Meet, talk, visit (CONSULT).
    Consult,
    /// Praise or endorse (SUPPORT).
    Support,
    /// Yield or ease a position (CONCEDE).
    Concede,
    /// Act together (COOPERATE).
    Cooperate,
    /// Give aid (AID).
    Aid,
    /// Withdraw (RETREAT).
    Retreat,
    /// Ask or demand (REQUEST; PLOVER DEMAND).
    Request,
    /// Criticise or accuse (ACCUSE; PLOVER DISAPPROVE).
    Accuse,
    /// Refuse or reject (REJECT).
    Reject,
    /// Threaten (THREATEN).
    Threaten,
    /// Protest, strike, demonstrate (PROTEST).
    Protest,
    /// Sanction or cut ties (SANCTION).
    Sanction,
    /// Mobilise forces (MOBILIZE).
    Mobilize,
    /// Arrest, restrict, seize (COERCE).
    Coerce,
    /// Attack or fight (ASSAULT; PLOVER FIGHT).
    Assault,
}

/// PLOVER's 2×2 aggregation of event types: cooperation or conflict, in words or in deeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuadClass {
    /// Cooperation in words.
    VerbalCooperation,
    /// Cooperation in deeds.
    MaterialCooperation,
    /// Conflict in words.
    VerbalConflict,
    /// Conflict in deeds.
    MaterialConflict,
}

impl PloverType {
    /// Every type, in the PLOVER codebook's order.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The upper-case name the document contract uses: `"CONSULT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The quad class of the PLOVER codebook (DEMAND and DISAPPROVE, which dateline codes as
    /// REQUEST and ACCUSE, are verbal conflict).
    pub fn quad_class(self) -> QuadClass {
        use PloverType::*;
        match self {
            Agree | Consult | Support | Concede => QuadClass::VerbalCooperation,
            Cooperate | Aid | Retreat => QuadClass::MaterialCooperation,
            Request | Accuse | Reject | Threaten | Sanction => QuadClass::VerbalConflict,
            Protest | Mobilize | Coerce | Assault => QuadClass::MaterialConflict,
        }
    }
}

/// A string that names no [`PloverType`] or [`ActorRole`]; its message lists the allowed
/// values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    what: &'static str,
    value: String,
    allowed: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}; expected one of {}",
            self.what, self.value, self.allowed
        )
    }
}

impl std::error::Error for UnknownValue {}

impl FromStr for PloverType {
    type Err = UnknownValue;

    /// Reads a type name in any letter case, surrounding spaces ignored: `"consult"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        PloverType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownValue {
                what: "PLOVER type",
                value: s.to_string(),
                allowed: PloverType::ALL.map(PloverType::as_str).join(", "),
            })
    }
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorRole {
    /// Who acts: the subject of "X threatened Y".
    Source,
    /// Who is acted on or met.
    Target,
    /// One of several actors with no direction ("talks between X and Y").
    Participant,
    /// Who hosts a meeting.
    Host,
}

impl ActorRole {
    /// Every role.
    pub const ALL: [ActorRole; 4] = [
        ActorRole::Source,
        ActorRole::Target,
        ActorRole::Participant,
        ActorRole::Host,
    ];

    /// The lower-case name the document contract uses: `"source"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorRole::Source => "source",
            ActorRole::Target => "target",
            ActorRole::Participant => "participant",
            ActorRole::Host => "host",
        }
    }
}

impl FromStr for ActorRole {
    type Err = UnknownValue;

    /// Reads a role name in any letter case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        ActorRole::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownValue {
                what: "actor role",
                value: s.to_string(),
                allowed: ActorRole::ALL.map(ActorRole::as_str).join(", "),
            })
    }
}

/// `Display`, serde as the contract's string, and comparison with plain strings for the
/// two name types.
macro_rules! string_value {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<str>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

string_value!(PloverType);
string_value!(ActorRole);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_round_trip_through_their_names_and_json() {
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>(), Ok(t));
            assert_eq!(t.to_string(), t.as_str());
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<PloverType>(&json).unwrap(), t);
        }
        assert_eq!(" consult ".parse::<PloverType>(), Ok(PloverType::Consult));
    }

    #[test]
    fn unknown_names_say_what_is_allowed() {
        let err = "DEMAND".parse::<PloverType>().unwrap_err().to_string();
        assert!(err.contains("\"DEMAND\""), "{err}");
        assert!(
            err.contains("AGREE, CONSULT") && err.ends_with("ASSAULT"),
            "{err}"
        );
        let err = "speaker".parse::<ActorRole>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown actor role \"speaker\"; expected one of source, target, participant, host"
        );
        assert!(serde_json::from_str::<ActorRole>("\"speaker\"").is_err());
    }

    #[test]
    fn roles_serialise_lower_case() {
        for r in ActorRole::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
            assert_eq!(serde_json::from_str::<ActorRole>(&json).unwrap(), r);
        }
        assert_eq!(ActorRole::Host, "host");
    }

    #[test]
    fn quad_classes_follow_the_codebook() {
        assert_eq!(
            PloverType::Concede.quad_class(),
            QuadClass::VerbalCooperation
        );
        assert_eq!(
            PloverType::Retreat.quad_class(),
            QuadClass::MaterialCooperation
        );
        assert_eq!(PloverType::Sanction.quad_class(), QuadClass::VerbalConflict);
        assert_eq!(
            PloverType::Protest.quad_class(),
            QuadClass::MaterialConflict
        );
        let verbal_conflict = PloverType::ALL
            .iter()
            .filter(|t| t.quad_class() == QuadClass::VerbalConflict)
            .count();
        assert_eq!(verbal_conflict, 5);
    }
}

//! Name normalisation for cross-document entity resolution.
//!
//! Two mentions in different articles name one corpus entity when their normalised forms
//! agree: honorifics and titles are dropped from person names ("Sir Keir Starmer" →
//! `keir starmer`), a leading article from organisation and place names ("the US" → `us`),
//! possessives, punctuation and case are ignored.

use dateline_core::EntityType;

/// Words that precede a person's name without being part of it.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "prof",
    "professor",
    "rev",
    "reverend",
    "president",
    "vice-president",
    "prime",
    "minister",
    "pm",
    "chancellor",
    "secretary",
    "general",
    "gen",
    "col",
    "colonel",
    "capt",
    "captain",
    "major",
    "king",
    "queen",
    "prince",
    "princess",
    "senator",
    "sen",
    "rep",
    "representative",
    "judge",
    "justice",
    "pope",
    "ambassador",
    "envoy",
    "chairman",
    "chairwoman",
    "governor",
    "gov",
    "mayor",
    "sheikh",
    "emir",
    "sultan",
    "foreign",
    "defence",
    "defense",
    "state",
    "us",
    "uk",
];

/// Generational suffixes that do not distinguish a person across articles.
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "mp", "qc", "kc", "obe", "mbe", "cbe",
];

/// Entity-type families whose members may name the same thing: taggers disagree on
/// whether "Crimea" is a GPE or a LOC, never on whether it is a person.
pub fn type_family(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Gpe | EntityType::Loc => "PLACE",
        EntityType::Person => "PERSON",
        EntityType::Org => "ORG",
        EntityType::Norp => "NORP",
        EntityType::Fac => "FAC",
        EntityType::Event => "EVENT",
        EntityType::Other => "OTHER",
    }
}

/// Parses an entity type name (`PERSON`, `GPE`, …).
pub fn parse_type(s: &str) -> Option<EntityType> {
    Some(match s.to_ascii_uppercase().as_str() {
        "PERSON" => EntityType::Person,
        "ORG" => EntityType::Org,
        "GPE" => EntityType::Gpe,
        "LOC" => EntityType::Loc,
        "NORP" => EntityType::Norp,
        "FAC" => EntityType::Fac,
        "EVENT" => EntityType::Event,
        "OTHER" => EntityType::Other,
        _ => return None,
    })
}

/// Lower-cased words of a name, without punctuation or possessive endings.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in name.split(|c: char| c.is_whitespace() || c == ',' || c == '/') {
        let mut w: String = raw
            .chars()
            .map(|c| if c == '’' { '\'' } else { c })
            .collect::<String>()
            .to_lowercase();
        for suffix in ["'s", "'"] {
            if let Some(stripped) = w.strip_suffix(suffix) {
                w = stripped.to_string();
            }
        }
        let w: String = w
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
            .collect();
        let w = w.trim_matches(|c| c == '-' || c == '\'').to_string();
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// The normalised key of a name for an entity of type `kind`. Empty when nothing is left
/// (a name made only of titles, such as "the President").
pub fn normalize(name: &str, kind: EntityType) -> String {
    let mut ws = words(name);
    match kind {
        EntityType::Person => {
            // Titles only lead; "Rubio" in "Marco Rubio" is never dropped, but
            // "US Secretary of State Marco Rubio" loses its whole title.
            while ws.len() > 1 && (HONORIFICS.contains(&ws[0].as_str()) || ws[0] == "of") {
                ws.remove(0);
            }
            while ws.len() > 1 && SUFFIXES.contains(&ws[ws.len() - 1].as_str()) {
                ws.pop();
            }
            if ws.len() == 1 && HONORIFICS.contains(&ws[0].as_str()) {
                ws.clear();
            }
        }
        _ => {
            if ws.len() > 1 && ws[0] == "the" {
                ws.remove(0);
            }
        }
    }
    ws.join(" ")
}

/// The surname of a normalised person key: its last word.
pub fn surname(norm: &str) -> Option<&str> {
    norm.rsplit(' ').next().filter(|s| !s.is_empty())
}

/// True when a normalised person key is a single word ("starmer").
pub fn is_single_word(norm: &str) -> bool {
    !norm.is_empty() && !norm.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_and_titles_are_dropped_from_people() {
        let p = EntityType::Person;
        assert_eq!(normalize("Sir Keir Starmer", p), "keir starmer");
        assert_eq!(normalize("Keir Starmer", p), "keir starmer");
        assert_eq!(normalize("Mr Starmer", p), "starmer");
        assert_eq!(normalize("Mr. Trump’s", p), "trump");
        assert_eq!(
            normalize("President Volodymyr Zelensky", p),
            "volodymyr zelensky"
        );
        assert_eq!(
            normalize("US Secretary of State Marco Rubio", p),
            "marco rubio"
        );
        assert_eq!(normalize("Martin Luther King Jr.", p), "martin luther king");
        assert_eq!(normalize("the President", p), "the president");
        assert_eq!(normalize("President", p), "");
    }

    #[test]
    fn articles_are_dropped_from_places_and_orgs() {
        assert_eq!(normalize("the US", EntityType::Gpe), "us");
        assert_eq!(normalize("The White House", EntityType::Fac), "white house");
        assert_eq!(normalize("Nato", EntityType::Org), "nato");
        assert_eq!(normalize("NATO", EntityType::Org), "nato");
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert_eq!(normalize("", EntityType::Person), "");
        assert_eq!(normalize("’’ -- ''", EntityType::Org), "");
        assert_eq!(normalize("Zürich", EntityType::Gpe), "zürich");
        assert_eq!(surname("keir starmer"), Some("starmer"));
        assert!(is_single_word("kellogg"));
        assert!(!is_single_word("keith kellogg"));
    }
}

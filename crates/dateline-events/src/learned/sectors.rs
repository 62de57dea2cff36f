//! Sectors of collective actors: "police" → POL, "troops" → MIL, "protesters" → CVL, in the
//! POLECAT-style codes of `docs/annotation/events.md`.
//!
//! The table (`data/sectors.tsv`: lemma, sector, training count) is learned by
//! `examples/train_events.rs` from the sectors annotators gave group actors in the train split:
//! a head noun's majority sector, kept when it was seen at least twice and at least 60 % of
//! its mentions agree. Group entities carry the sector in their `codes` (`"sector": "POL"`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table compiled into the binary.
const TABLE: &str = include_str!("../../data/sectors.tsv");

/// The sector annotators most often gave a collective actor headed by `lemma`, if the train
/// split says so clearly.
///
/// ```
/// assert_eq!(dateline_events::learned::sectors::sector_of("police"), Some("POL"));
/// assert_eq!(dateline_events::learned::sectors::sector_of("weather"), None);
/// ```
pub fn sector_of(lemma: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| parse(TABLE)).get(lemma).copied()
}

fn parse(table: &'static str) -> HashMap<&'static str, &'static str> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_skips_comments() {
        let m = parse("# lemma\tsector\tcount\npolice\tPOL\t12\n\ntroop\tMIL\t3\n");
        assert_eq!(m.get("police"), Some(&"POL"));
        assert_eq!(m.get("troop"), Some(&"MIL"));
        assert_eq!(m.len(), 2);
        assert!(
            !parse(TABLE).is_empty(),
            "data/sectors.tsv is empty: run train_events"
        );
    }
}

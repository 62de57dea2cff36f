//! Word lists: numbers, ordinals, months, weekdays, units, parts of day and seasons come from
//! the data file `data/lexicon.tsv` (loaded once); the shorter cue lists (tense, newspapers,
//! function words, time zones) stay here as code.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// FNV-1a: a fast hash for the short words the grammar looks up.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words, with [`Fnv`].
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;

/// What the lexicon says about one word; a word may belong to several classes.
#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    cardinal: Option<i64>,
    ordinal: Option<i64>,
    month: Option<u32>,
    month_ambiguous: bool,
    weekday: Option<(u32, bool)>,
    unit: Option<(Unit, i64)>,
    pod: Option<&'static str>,
    season: Option<&'static str>,
}

static LEXICON_TSV: &str = include_str!("../data/lexicon.tsv");

/// Parses `word<TAB>class<TAB>value[<TAB>flag]` lines (see the file's header).
fn parse_lexicon(src: &'static str) -> WordMap<Entry> {
    let mut map = WordMap::default();
    for (n, line) in src.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        let (word, class, value, flag) = match f.as_slice() {
            [w, c, v] => (*w, *c, *v, ""),
            [w, c, v, fl] => (*w, *c, *v, *fl),
            _ => bad_line(n, line),
        };
        let num = || value.parse::<i64>().unwrap_or_else(|_| bad_line(n, line));
        let e: &mut Entry = map.entry(word).or_default();
        match class {
            "cardinal" => e.cardinal = Some(num()),
            "ordinal" => e.ordinal = Some(num()),
            "month" => {
                e.month = Some(num() as u32);
                e.month_ambiguous = flag == "ambiguous";
            }
            "weekday" => e.weekday = Some((num() as u32, flag == "short")),
            "unit" => {
                let (u, k) = value.split_once(':').unwrap_or_else(|| bad_line(n, line));
                let unit = match u {
                    "second" => Unit::Second,
                    "minute" => Unit::Minute,
                    "hour" => Unit::Hour,
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "quarter" => Unit::Quarter,
                    "year" => Unit::Year,
                    "decade" => Unit::Decade,
                    "century" => Unit::Century,
                    _ => bad_line(n, line),
                };
                e.unit = Some((unit, k.parse().unwrap_or_else(|_| bad_line(n, line))));
            }
            "pod" => e.pod = Some(value),
            "season" => e.season = Some(value),
            _ => bad_line(n, line),
        }
    }
    map
}

fn bad_line(n: usize, line: &str) -> ! {
    panic!("data/lexicon.tsv:{}: bad line {line:?}", n + 1)
}

fn entry(w: &str) -> Option<&'static Entry> {
    static LEXICON: OnceLock<WordMap<Entry>> = OnceLock::new();
    LEXICON.get_or_init(|| parse_lexicon(LEXICON_TSV)).get(w)
}

/// Is the word in the lexicon (a number, ordinal, month, weekday, unit, part of day or
/// season word)?
pub fn is_lexical(w: &str) -> bool {
    entry(w).is_some()
}

/// The value of a number word: "seven" = 7, "dozen" = 12.
pub fn cardinal_word(w: &str) -> Option<i64> {
    entry(w)?.cardinal
}

/// The value of an ordinal word: "third" = 3.
pub fn ordinal_word(w: &str) -> Option<i64> {
    entry(w)?.ordinal
}

/// Month number of a month name or abbreviation.
pub fn month(w: &str) -> Option<u32> {
    entry(w)?.month
}

/// Month names that are also ordinary English words or names.
pub fn month_is_ambiguous(w: &str) -> bool {
    entry(w).is_some_and(|e| e.month_ambiguous)
}

/// ISO weekday (Monday = 1) of a weekday name; the flag says it is a short form.
pub fn weekday(w: &str) -> Option<(u32, bool)> {
    entry(w)?.weekday
}

/// A time unit word; the number is a multiplier ("fortnight" = 2 weeks).
pub fn unit(w: &str) -> Option<(Unit, i64)> {
    entry(w)?.unit
}

/// Part-of-day words and their TimeML codes.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    entry(w)?.pod
}

/// Season words and their TimeML codes.
pub fn season(w: &str) -> Option<&'static str> {
    entry(w)?.season
}

/// Time units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

pub fn unit_is_plural(w: &str) -> bool {
    w.ends_with('s') && !matches!(w, "mos")
}

/// Number of TimeML years a unit spans, for values such as P10Y.
pub fn duration_value(unit: Unit, n: Option<i64>) -> String {
    let num = |k: i64| match n {
        Some(n) => (n * k).to_string(),
        None => "X".to_string(),
    };
    match unit {
        Unit::Second => format!("PT{}S", num(1)),
        Unit::Minute => format!("PT{}M", num(1)),
        Unit::Hour => format!("PT{}H", num(1)),
        Unit::Day => format!("P{}D", num(1)),
        Unit::Week => format!("P{}W", num(1)),
        Unit::Month => format!("P{}M", num(1)),
        // ISO 8601 has no quarter unit: three months each.
        Unit::Quarter => format!("P{}M", num(3)),
        Unit::Year => format!("P{}Y", num(1)),
        Unit::Decade => match n {
            Some(_) => format!("P{}Y", num(10)),
            None => "PXDE".to_string(),
        },
        Unit::Century => match n {
            Some(_) => format!("P{}Y", num(100)),
            None => "PXCE".to_string(),
        },
    }
}

/// Words that show a clause is about the future.
pub fn future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "upcoming"
            | "forthcoming"
            | "coming"
            | "next"
            | "tomorrow"
            | "plans"
            | "planned"
            | "planning"
            | "scheduled"
            | "due"
            | "expected"
            | "expects"
            | "preparing"
            | "prepares"
            | "intends"
            | "aims"
            | "hopes"
            | "set"
            | "would"
            | "won't"
            | "wo"
    )
}

/// Irregular past-tense verbs common in news.
pub fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "was"
            | "were"
            | "had"
            | "did"
            | "spoke"
            | "told"
            | "met"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "made"
            | "held"
            | "saw"
            | "left"
            | "found"
            | "became"
            | "began"
            | "won"
            | "lost"
            | "fell"
            | "rose"
            | "sold"
            | "bought"
            | "paid"
            | "brought"
            | "thought"
            | "felt"
            | "kept"
            | "led"
            | "ran"
            | "wrote"
            | "got"
            | "hit"
            | "sent"
            | "struck"
            | "shot"
            | "broke"
            | "chose"
            | "drew"
            | "fled"
            | "flew"
            | "forgot"
            | "grew"
            | "knew"
            | "meant"
            | "put"
            | "quit"
            | "read"
            | "rang"
            | "sat"
            | "spent"
            | "stood"
            | "swore"
            | "taught"
            | "threw"
            | "understood"
            | "woke"
            | "wore"
            | "ago"
            | "last"
            | "yesterday"
            | "earlier"
            | "previously"
            | "announced"
    )
}

/// Words ending in -ed that are not past-tense verbs.
pub fn ed_not_past(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "bed"
            | "red"
            | "shed"
            | "speed"
            | "seed"
            | "feed"
            | "bred"
            | "indeed"
            | "hundred"
            | "led"
            | "fed"
            | "wed"
            | "ted"
    ) || w.len() < 4
}

/// A newspaper's name after a weekday: "the Sunday Telegraph", "Sunday Times".
pub fn newspaper_word(w: &str) -> bool {
    matches!(
        w,
        "telegraph"
            | "times"
            | "mirror"
            | "express"
            | "herald"
            | "post"
            | "people"
            | "independent"
            | "tribune"
            | "mail"
            | "sport"
            | "observer"
    )
}

/// Words that can follow a time without making it a noun's modifier ("in the summer
/// when…" but not "the summer transfer window"; "April 24 and 25 in" but not "25 percent").
pub fn function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "or"
            | "at"
            | "in"
            | "on"
            | "to"
            | "from"
            | "for"
            | "with"
            | "when"
            | "while"
            | "as"
            | "but"
            | "this"
            | "next"
            | "last"
            | "the"
            | "a"
            | "after"
            | "before"
            | "that"
            | "was"
            | "is"
            | "will"
            | "has"
            | "had"
            | "until"
            | "by"
    )
}

/// A time-zone abbreviation's offset in minutes east of UTC, `Some(None)` when it fixes
/// none (ET may be EST or EDT). Abbreviations that are also English words (cat, eat, et)
/// count only in capitals.
pub fn zone_offset(w: &str, cap: bool, upper: bool) -> Option<Option<i32>> {
    let offset = match w {
        "gmt" | "utc" | "z" => Some(0),
        "bst" | "cet" | "wat" => Some(60),
        "cest" | "eet" | "cat" | "sast" => Some(120),
        "eest" | "msk" | "eat" => Some(180),
        "ist" => Some(330),
        "hkt" | "sgt" | "awst" => Some(480),
        "jst" | "kst" => Some(540),
        "aest" => Some(600),
        "aedt" => Some(660),
        "nzst" => Some(720),
        "est" | "cdt" => Some(-300),
        "edt" => Some(-240),
        "cst" | "mdt" => Some(-360),
        "mst" | "pdt" => Some(-420),
        "pst" => Some(-480),
        "et" | "pt" => None,
        _ => return None,
    };
    let word_like = matches!(w, "et" | "pt" | "cat" | "eat" | "wat" | "z");
    // "Z" is a capital but no upper-case word (those need two letters)
    if word_like && !(upper || cap && w == "z") {
        return None;
    }
    Some(offset)
}

/// Nouns a season commonly modifies as a whole ("the summer months", "the winter break").
pub fn season_noun(w: &str) -> bool {
    matches!(w, "months" | "break" | "holidays" | "recess")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_file_gives_every_class() {
        assert_eq!(cardinal_word("dozen"), Some(12));
        assert_eq!(ordinal_word("thirtieth"), Some(30));
        // "second" is an ordinal and a unit.
        assert_eq!(ordinal_word("second"), Some(2));
        assert_eq!(unit("second"), Some((Unit::Second, 1)));
        assert_eq!(unit("fortnight"), Some((Unit::Week, 2)));
        assert_eq!(month("sept"), Some(9));
        assert!(month_is_ambiguous("may") && !month_is_ambiguous("june"));
        assert_eq!(weekday("thurs"), Some((4, true)));
        assert_eq!(weekday("sundays"), Some((7, false)));
        assert_eq!(part_of_day("lunch"), Some("MI"));
        assert_eq!(season("fall"), Some("FA"));
        assert!(!is_lexical("table"));
        assert_eq!(parse_lexicon(LEXICON_TSV).len(), 151);
    }
}

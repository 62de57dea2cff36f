//! Word lists: numbers, ordinals, months, weekdays, units, holidays.

pub fn cardinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

pub fn ordinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Month number of a month name or abbreviation.
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Month names that are also ordinary English words or names.
pub fn month_is_ambiguous(w: &str) -> bool {
    matches!(
        w,
        "may" | "march" | "mar" | "jan" | "jun" | "dec" | "sep" | "august" | "aug" | "oct" | "nov"
    )
}

/// ISO weekday (Monday = 1) of a weekday name; the flag says it is a short form.
pub fn weekday(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "monday" | "mondays" => (1, false),
        "tuesday" | "tuesdays" => (2, false),
        "wednesday" | "wednesdays" => (3, false),
        "thursday" | "thursdays" => (4, false),
        "friday" | "fridays" => (5, false),
        "saturday" | "saturdays" => (6, false),
        "sunday" | "sundays" => (7, false),
        "mon" => (1, true),
        "tue" | "tues" => (2, true),
        "wed" => (3, true),
        "thu" | "thur" | "thurs" => (4, true),
        "fri" => (5, true),
        "sat" => (6, true),
        "sun" => (7, true),
        _ => return None,
    })
}

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

/// A time unit word; the number is a multiplier ("fortnight" = 2 weeks).
pub fn unit(w: &str) -> Option<(Unit, i64)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => (Unit::Second, 1),
        "minute" | "minutes" | "min" | "mins" => (Unit::Minute, 1),
        "hour" | "hours" | "hr" | "hrs" | "h" => (Unit::Hour, 1),
        "day" | "days" => (Unit::Day, 1),
        "week" | "weeks" | "wk" | "wks" => (Unit::Week, 1),
        "fortnight" | "fortnights" => (Unit::Week, 2),
        "month" | "months" | "mo" | "mos" => (Unit::Month, 1),
        "quarter" | "quarters" | "qtr" | "qtrs" => (Unit::Quarter, 1),
        "year" | "years" | "yr" | "yrs" => (Unit::Year, 1),
        "decade" | "decades" => (Unit::Decade, 1),
        "century" | "centuries" => (Unit::Century, 1),
        _ => return None,
    })
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

/// Part-of-day words and their TimeML codes.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" => "NI",
        "daytime" => "DT",
        "lunchtime" | "lunch" => "MI",
        _ => return None,
    })
}

pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
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

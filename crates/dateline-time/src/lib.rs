//! Time expressions (TIMEX3) recognised in English news and normalised against the
//! document's publication date.
//!
//! A hand-written grammar over a small lexer finds DATE, TIME, DURATION and SET expressions
//! ("on Monday", "the following week (WC 24th Feb)", "Friday Morning", "three days",
//! "every Monday") and resolves them to TimeML values. Relative expressions resolve against
//! the publication date, anaphoric ones ("the following week", "that day") against the
//! previous time in the text; a bare weekday or month goes forward or back by the tense and
//! modality of its clause (from the syntax layer when present, else from word cues). With no
//! publication date nothing is guessed: the value keeps X placeholders and anchor `none`.
//!
//! Named holidays come from the grammar and a table (`holidays.rs`) with regional
//! variants (Labour Day in the US, New Zealand or India). Movable feasts are computed, not
//! listed: Easter and its cycle, the Hebrew calendar (Passover, Yom Kippur, Hanukkah…), the
//! Islamic months as Umm al-Qura begins them (Ramadan, Eid al-Adha…), and from the Sun's and
//! Moon's positions the Hindu tithis and sankrantis (Diwali, Holi, Pongal, Vaisakhi…) and
//! Chinese New Year (`astro.rs`). Days kept every few years or once are dated too (Super
//! Tuesday in presidential election years), and counted from other times ("the closest
//! Monday to Oct 5th", "the third Tuesday after Christmas 2014").
//!
//! A duration anchored at the publication time ("the last two days", "the next three
//! months") keeps its TimeML value (`P2D`); [`TimeTagger::tag_text_spans`] also gives its
//! TIMEX3 begin and end points, which `dateline_core::TimeExpr` has no field for yet.
//!
//! ```
//! use dateline_time::TimeTagger;
//!
//! let tagger = TimeTagger::load().unwrap();
//! let times = tagger.tag_text("The summit will be held next Monday.", Some("2025-02-15"));
//! assert_eq!(times[0].text, "next Monday");
//! assert_eq!(times[0].value, "2025-02-17");
//! assert_eq!(times[0].anchor, "published");
//! ```

#![deny(missing_docs)]

mod astro;
mod cal;
mod grammar;
mod holidays;
mod lex;
mod pubdate;
mod sem;
mod words;

use dateline_core::{Deprel, Document, PublishedFrom, Result, TimeExpr, TimeType, Token, Upos};
pub use grammar::Region;
use grammar::{Cand, Grammar};
use lex::{Kind, Tok};
pub use pubdate::publication_date_from_text;
use sem::{Anchor, Res, Sem, Tense, V};
use std::fmt::Write as _;
use words::Unit;

/// Options that change how text is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Day-first numeric dates (24/02/2025); `None` decides from the text.
    pub day_first: Option<bool>,
    /// Holiday conventions; `None` decides from the text.
    pub region: Option<Region>,
}

/// Loaded once, shared read-only across threads.
#[derive(Debug, Default)]
pub struct TimeTagger {}

impl TimeTagger {
    /// Loads the stage's resources (the grammar is compiled in).
    pub fn load() -> Result<Self> {
        Ok(TimeTagger {})
    }

    /// Adds `doc.times`. Uses `doc.tokens`' syntax for tense when the parser has run.
    /// When `doc.published` is missing but the text states its date, that date is used
    /// and recorded with `published_from = text`.
    pub fn annotate(&self, doc: &mut Document) {
        if doc.published.is_none() {
            if let Some(p) = publication_date_from_text(&doc.text) {
                doc.published = Some(p);
                doc.published_from = PublishedFrom::Text;
            }
        }
        let published = doc.published.clone();
        let sentences: Vec<(usize, usize)> =
            doc.sentences.iter().map(|s| (s.start, s.end)).collect();
        doc.times = self.run(
            &doc.text,
            published.as_deref(),
            ReadOptions::default(),
            &sentences,
            &doc.tokens,
        );
    }

    /// Finds and resolves the time expressions of a text against `published`
    /// (`YYYY-MM-DD` or RFC 3339).
    pub fn tag_text(&self, text: &str, published: Option<&str>) -> Vec<TimeExpr> {
        self.run(text, published, ReadOptions::default(), &[], &[])
    }

    /// [`TimeTagger::tag_text`] with explicit reading options.
    pub fn tag_text_with(
        &self,
        text: &str,
        published: Option<&str>,
        opts: ReadOptions,
    ) -> Vec<TimeExpr> {
        self.run(text, published, opts, &[], &[])
    }

    /// [`TimeTagger::tag_text_with`], with the begin and end points of durations anchored
    /// at the publication time ("the last two days", "the next three months").
    ///
    /// ```
    /// let tagger = dateline_time::TimeTagger::load().unwrap();
    /// let spans = tagger.tag_text_spans(
    ///     "Prices rose over the last two months.",
    ///     Some("2013-02-12"),
    ///     Default::default(),
    /// );
    /// assert_eq!(spans[0].time.value, "P2M");
    /// assert_eq!(spans[0].begin.as_deref(), Some("2012-12"));
    /// assert_eq!(spans[0].end.as_deref(), Some("2013-01"));
    /// ```
    pub fn tag_text_spans(
        &self,
        text: &str,
        published: Option<&str>,
        opts: ReadOptions,
    ) -> Vec<AnchoredTime> {
        let mut points = Vec::new();
        let times = self.run_with_points(text, published, opts, &[], &[], Some(&mut points));
        times
            .into_iter()
            .zip(points)
            .map(|(time, (begin, end))| AnchoredTime { time, begin, end })
            .collect()
    }

    fn run(
        &self,
        text: &str,
        published: Option<&str>,
        opts: ReadOptions,
        sentences: &[(usize, usize)],
        tokens: &[Token],
    ) -> Vec<TimeExpr> {
        self.run_with_points(text, published, opts, sentences, tokens, None)
    }

    /// Tags the text; when `points` is given, it receives each time's begin and end points.
    fn run_with_points(
        &self,
        text: &str,
        published: Option<&str>,
        opts: ReadOptions,
        sentences: &[(usize, usize)],
        tokens: &[Token],
        mut points: Option<&mut Vec<Points>>,
    ) -> Vec<TimeExpr> {
        let toks = lex::lex(text);
        if toks.is_empty() {
            return Vec::new();
        }
        let (brit, amer) = dialect_scores(text);
        let day_first = opts.day_first.unwrap_or(brit > amer);
        let region = opts.region.unwrap_or(if brit > amer {
            Region::Gb
        } else if amer > brit {
            Region::Us
        } else {
            Region::Neutral
        });
        let g = Grammar {
            toks: &toks,
            day_first,
            region,
        };
        let ref_day = published.and_then(parse_published);
        let ref_sec = published.and_then(parse_published_time);
        let sent_of = sentence_ids(&toks, sentences);
        let chars: Vec<char> = text.chars().collect();
        let mut out: Vec<TimeExpr> = Vec::new();
        let mut prev: PrevTime = None;
        let mut last_quarter: Option<V> = None;
        let mut lead_quarter: Option<V> = None;
        let mut i = 0;
        while i < toks.len() {
            let Some(c) = g.match_at(i) else {
                i += 1;
                continue;
            };
            let next = c.end.max(i + 1);
            if let Some(te) = self.finish(
                &g,
                &c,
                (ref_day, ref_sec),
                &sent_of,
                tokens,
                (&mut prev, &mut last_quarter, &mut lead_quarter),
                out.len() + 1,
                &chars,
            ) {
                if let Some(points) = points.as_deref_mut() {
                    let anchored = c.span.filter(|_| te.kind == TimeType::Duration);
                    points.push(anchored.map_or((None, None), |(unit, n, dir)| {
                        span_points(unit, n, dir, ref_day, ref_sec)
                    }));
                }
                out.push(te);
            }
            i = next;
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        g: &Grammar,
        c: &Cand,
        (ref_day, ref_sec): (Option<i64>, Option<i64>),
        sent_of: &[usize],
        tokens: &[Token],
        (prev, last_quarter, lead_quarter): (&mut PrevTime, &mut Option<V>, &mut Option<V>),
        n: usize,
        chars: &[char],
    ) -> Option<TimeExpr> {
        let toks = g.toks;
        let start = toks[c.start].start;
        let end = toks[c.end - 1].end;
        let (mut tense, bare) = clause_tense(toks, sent_of, c.start, c.end, tokens, start, end);
        // "Wednesday's ruling": a possessive day names something already fixed, not a plan.
        if toks.get(c.end).is_some_and(|t| t.low == "'")
            && toks.get(c.end + 1).is_some_and(|t| t.low == "s")
            && matches!(c.sem, Sem::Wd { rel: 0, .. })
        {
            tense = Tense::Unknown;
        }
        let id = format!("T{n}");
        let mut kind = c.kind;
        let mut sem = c.sem.clone();
        if bare {
            twelve_hour_reading(&mut sem, toks, ref_sec);
        }
        // "in a few hours" is read as about three hours ahead; kept as a duration it is
        // the vague "PTXH".
        let mut few = c.in_phrase && c.modifier == Some("APPROX");
        if c.in_phrase && tense != Tense::Future && !bare {
            if let Sem::Offset { unit, n } = sem {
                sem = Sem::Lit(words::duration_value(unit, if few { None } else { n }));
                kind = TimeType::Duration;
            }
        } else {
            few = false;
        }
        let res = Res {
            ref_day,
            tense,
            prev: prev.as_ref().map(|p| &p.0),
            bare_future: bare,
            prev_near: prev.as_ref().is_some_and(|p| p.2 == sent_of[c.start]),
            ref_sec,
            last_quarter: last_quarter.as_ref(),
            lead_quarter: lead_quarter.as_ref(),
            verb_adjacent: c.start > 0
                && word_cue(toks, c.start - 1).is_some()
                && sent_of[c.start - 1] == sent_of[c.start],
        };
        let (v, anchor) = sem::resolve(&sem, &res);
        let anchor_s = match anchor {
            Anchor::Published => "published".to_string(),
            Anchor::Prev => prev
                .as_ref()
                .map_or_else(|| "published".to_string(), |p| p.1.clone()),
            Anchor::None => "none".to_string(),
        };
        let mut modifier = if few { None } else { c.modifier };
        if modifier.is_none() && kind == TimeType::Date && !matches!(v, V::Lit(_)) && c.start > 0 {
            let p = toks[c.start - 1].low.as_str();
            let pp = if c.start > 1 {
                toks[c.start - 2].low.as_str()
            } else {
                ""
            };
            modifier = match (pp, p) {
                (_, "after") | ("post", "-") => Some("AFTER"),
                (_, "before") | ("pre", "-") => Some("BEFORE"),
                _ => None,
            };
        }
        if !matches!(v, V::Lit(_))
            && matches!(kind, TimeType::Date | TimeType::Time)
            && !matches!(sem, Sem::YearEarlier(_) | Sem::YearEarlierPeriod(_))
        {
            *prev = Some((v.clone(), id.clone(), sent_of[c.start]));
        }
        if matches!(v, V::Quarter(..) | V::Half(..))
            && !matches!(sem, Sem::YearEarlier(_) | Sem::YearEarlierPeriod(_))
        {
            *last_quarter = Some(v.clone());
            let reported = matches!((v.first_day(), ref_day), (Some(d), Some(rd)) if d <= rd);
            if lead_quarter.is_none() && matches!(v, V::Quarter(..)) && reported {
                *lead_quarter = Some(v.clone());
            }
        }
        if let V::Pod(..) = v {
            kind = TimeType::Time;
        }
        let mut value = v.value();
        // A stated zone stays in the value, ISO 8601 style: "2013-02-12T16:00+01:00".
        if let (Some(z), V::Clock(..)) = (c.zone, &v) {
            if z == 0 {
                value.push('Z');
            } else {
                let sign = if z < 0 { '-' } else { '+' };
                let _ = write!(value, "{sign}{:02}:{:02}", z.abs() / 60, z.abs() % 60);
            }
        }
        Some(TimeExpr {
            id,
            text: chars[start..end].iter().collect(),
            start,
            end,
            kind,
            value: value.into(),
            modifier: modifier.map(str::to_string),
            anchor: anchor_s,
        })
    }
}

/// A time with the TIMEX3 `beginPoint`/`endPoint` of an anchored duration, as values.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchoredTime {
    /// The time expression.
    pub time: TimeExpr,
    /// The first whole unit of the span ("2012-12" for "the last two months" on 12 Feb
    /// 2013): the span is counted in whole units next to the current one, which it leaves
    /// out, as calendar queries read "the last two months" (Duckling does the same).
    pub begin: Option<String>,
    /// The last whole unit of the span ("2013-01").
    pub end: Option<String>,
}

type Points = (Option<String>, Option<String>);

/// The first and last unit of `n` whole units before (`dir` -1) or after (1) the current
/// one; an unknown count ("the past few days") leaves the far end open. Units below a day
/// need the reference's time of day.
fn span_points(
    unit: Unit,
    n: Option<i64>,
    dir: i64,
    ref_day: Option<i64>,
    ref_sec: Option<i64>,
) -> Points {
    let Some(rd) = ref_day else {
        return (None, None);
    };
    // The unit `k` steps from the current one, as a TimeML value.
    let step = |k: i64| -> Option<String> {
        let (y, m, _) = cal::civil_from_days(rd);
        Some(match unit {
            Unit::Day => cal::fmt_day(rd + k),
            Unit::Week => sem::at_grain(rd + 7 * k, Unit::Week).value(),
            Unit::Month => {
                let (y, m) = cal::add_months(y, m, k);
                V::Month(y, m).value()
            }
            Unit::Quarter => {
                let (y, m) = cal::add_months(y, (m - 1) / 3 * 3 + 1, 3 * k);
                V::Quarter(y, (m - 1) / 3 + 1).value()
            }
            Unit::Year => V::Year(y + k as i32).value(),
            Unit::Hour | Unit::Minute | Unit::Second => {
                let size = match unit {
                    Unit::Hour => 3600,
                    Unit::Minute => 60,
                    _ => 1,
                };
                let at = rd * 86_400 + ref_sec? / size * size + k * size;
                let (day, sec) = (at.div_euclid(86_400), at.rem_euclid(86_400));
                let clock = format!("{:02}:{:02}", sec / 3600, sec % 3600 / 60);
                if unit == Unit::Second {
                    format!("{}T{clock}:{:02}", cal::fmt_day(day), sec % 60)
                } else {
                    format!("{}T{clock}", cal::fmt_day(day))
                }
            }
            Unit::Decade | Unit::Century => return None,
        })
    };
    let near = step(dir);
    let far = n
        .filter(|&n| (1..=10_000).contains(&n))
        .and_then(|n| step(dir * n));
    if dir < 0 {
        (far, near)
    } else {
        (near, far)
    }
}

/// Day number of a `YYYY-MM-DD` or RFC 3339 publication date.
fn parse_published(p: &str) -> Option<i64> {
    let p = p.trim();
    let y: i32 = p.get(0..4)?.parse().ok()?;
    if p.get(4..5)? != "-" {
        return None;
    }
    let m: u32 = p.get(5..7)?.parse().ok()?;
    let d: u32 = p.get(8..10)?.parse().ok()?;
    if !cal::valid_date(y, m, d) {
        return None;
    }
    Some(cal::days_from_civil(y, m, d))
}

/// Seconds since midnight of an RFC 3339 publication time ("2013-02-12T04:30:00-02:00").
fn parse_published_time(p: &str) -> Option<i64> {
    let t = p.trim().get(10..)?;
    let t = t.strip_prefix('T').or_else(|| t.strip_prefix(' '))?;
    let h: i64 = t.get(0..2)?.parse().ok()?;
    let m: i64 = t.get(3..5)?.parse().ok()?;
    let s: i64 = t.get(6..8).and_then(|x| x.parse().ok()).unwrap_or(0);
    (h < 24 && m < 60).then_some(h * 3600 + m * 60 + s)
}

/// Counts of British and American spelling and style cues.
fn dialect_scores(text: &str) -> (usize, usize) {
    // The opening of an article shows its dialect; scanning it all costs more than it tells.
    let cut = text.char_indices().nth(4000).map_or(text.len(), |(b, _)| b);
    let text = &text[..cut];
    // One pass records where each cue's first byte occurs; a cue is then checked only there
    // (scanning the opening once per cue cost a third of the tagger's time).
    let bytes = text.as_bytes();
    let mut at: [Vec<u32>; 8] = Default::default();
    let slot = |b: u8| match b {
        b'M' | b'D' => Some(0),
        b'o' | b'f' | b'l' => Some(1),
        b'c' => Some(2),
        b'p' | b'r' => Some(3),
        b'w' | b'd' => Some(4),
        0xC2 | b'$' => Some(5),
        _ => None,
    };
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(k) = slot(b) {
            at[k].push(i as u32);
        }
    }
    let count = |pat: &str| {
        let p = pat.as_bytes();
        let Some(k) = slot(p[0]) else {
            return text.matches(pat).count();
        };
        let mut n = 0;
        let mut next_free = 0usize;
        for &i in &at[k] {
            let i = i as usize;
            if i >= next_free && bytes[i..].starts_with(p) {
                n += 1;
                next_free = i + p.len();
            }
        }
        n
    };
    let mut brit = 0;
    let mut amer = 0;
    for (pat, b) in [
        ("Mr ", true),
        ("Mrs ", true),
        ("Dr ", true),
        ("£", true),
        ("organisation", true),
        ("colour", true),
        ("favour", true),
        ("labour", true),
        ("centre", true),
        ("programme", true),
        ("realise", true),
        ("whilst", true),
        ("defence", true),
        ("Mr. ", false),
        ("Mrs. ", false),
        ("Dr. ", false),
        ("$", false),
        ("organization", false),
        ("color", false),
        ("favor", false),
        ("labor", false),
        ("center", false),
        ("realize", false),
        ("defense", false),
    ] {
        let c = count(pat).min(3);
        if b {
            brit += c;
        } else {
            amer += c;
        }
    }
    (brit, amer)
}

/// Sentence index of each lexer token: from the document's sentences when given, else by
/// a light splitter.
fn sentence_ids(toks: &[Tok], sentences: &[(usize, usize)]) -> Vec<usize> {
    if !sentences.is_empty() {
        let mut s = 0;
        return toks
            .iter()
            .map(|t| {
                while s + 1 < sentences.len() && t.start >= sentences[s].1 {
                    s += 1;
                }
                s
            })
            .collect();
    }
    let mut ids = Vec::with_capacity(toks.len());
    let mut s = 0;
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            let p = &toks[k - 1];
            let after_stop = matches!(p.low.as_str(), "." | "!" | "?")
                && t.space_before
                && (t.cap || t.kind != Kind::Word)
                && !(k >= 2
                    && matches!(
                        toks[k - 2].low.as_str(),
                        "mr" | "mrs"
                            | "dr"
                            | "st"
                            | "ms"
                            | "prof"
                            | "gen"
                            | "sen"
                            | "rep"
                            | "gov"
                            | "jan"
                            | "feb"
                            | "aug"
                            | "sept"
                            | "oct"
                            | "nov"
                            | "dec"
                            | "no"
                            | "u"
                            | "a"
                            | "p"
                            | "v"
                            | "vs"
                            | "lt"
                            | "col"
                            | "capt"
                            | "sgt"
                            | "rev"
                            | "mt"
                    ));
            if t.newline_before || after_stop {
                s += 1;
            }
        }
        ids.push(s);
    }
    ids
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "be"
            | "been"
            | "being"
            | "am"
            | "'s"
            | "'re"
            | "was"
            | "were"
            | "get"
            | "got"
    )
}

/// Cue from one word: Some(true) = future, Some(false) = past.
fn word_cue(toks: &[Tok], k: usize) -> Option<bool> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.low.as_str();
    let prev = if k > 0 { toks[k - 1].low.as_str() } else { "" };
    let next = toks.get(k + 1).map_or("", |t| t.low.as_str());
    if w.ends_with("'ll")
        || w == "going" && next == "to"
        || w == "about" && next == "to" && is_be(prev) && !matches!(prev, "was" | "were")
    {
        return Some(true);
    }
    // "had been scheduled to expire Friday", "previously planned": a plan already past.
    let before_prev = if k > 1 { toks[k - 2].low.as_str() } else { "" };
    if matches!(
        w,
        "scheduled" | "due" | "set" | "planned" | "expected" | "slated"
    ) && (prev == "been" && before_prev == "had"
        || matches!(prev, "previously" | "originally" | "initially"))
    {
        return Some(false);
    }
    // "were planning to", "was expected to": the auxiliary's past says nothing about the plan.
    if matches!(w, "was" | "were")
        && matches!(
            next,
            "planning"
                | "preparing"
                | "going"
                | "expected"
                | "scheduled"
                | "set"
                | "due"
                | "about"
                | "slated"
                | "poised"
                | "to"
        )
    {
        return None;
    }
    if w == "set" && next == "to" || w == "due" && next == "to" && is_be(prev) {
        return Some(true);
    }
    if w == "set" || w == "due" || w == "last" || w == "next" {
        return None;
    }
    if matches!(
        w,
        "plans"
            | "plan"
            | "intends"
            | "hopes"
            | "aims"
            | "expects"
            | "wants"
            | "preparing"
            | "prepares"
            | "planning"
            | "scheduled"
            | "expected"
            | "planned"
    ) && matches!(next, "to" | "for")
    {
        return Some(true);
    }
    if matches!(
        w,
        "agreed" | "decided" | "promised" | "pledged" | "vowed" | "voted" | "undertook"
    ) && next == "to"
    {
        return Some(true);
    }
    if matches!(w, "scheduled" | "planned" | "slated") || w == "soon" && prev == "as" {
        return Some(true);
    }
    if matches!(w, "expected" | "preparing" | "plans" | "planning") {
        return None;
    }
    if words::future_cue(w) {
        return Some(true);
    }
    if words::irregular_past(w) {
        if w == "had" && next == "to" {
            return Some(false);
        }
        if matches!(w, "read" | "put" | "hit" | "set" | "cut" | "quit") && !t.cap {
            return None;
        }
        // "would be paid", "will be held": a passive participle carries no tense.
        if is_be(prev) && !matches!(w, "was" | "were" | "had" | "did") {
            return None;
        }
        return Some(false);
    }
    // "a still unspecified date", "the newly elected board": a participle used as an
    // adjective after an article and an adverb.
    let adjectival = matches!(before_prev, "the" | "a" | "an")
        && (prev.ends_with("ly") || matches!(prev, "still" | "yet" | "not" | "as"));
    if w.ends_with("ed")
        && !words::ed_not_past(w)
        && !t.cap
        && !is_be(prev)
        && !adjectival
        && !matches!(prev, "to" | "the" | "a" | "an" | "will" | "would" | "be")
    {
        return Some(false);
    }
    None
}

/// The tense of the clause around tokens [s, e) and whether the text is a bare phrase.
fn clause_tense(
    toks: &[Tok],
    sent_of: &[usize],
    s: usize,
    e: usize,
    tokens: &[Token],
    cs: usize,
    ce: usize,
) -> (Tense, bool) {
    // "since March", "since shortly after the Oct. 23 slaying": since always looks back.
    let since = (1..=4).any(|back| {
        s >= back
            && toks[s - back].low == "since"
            && toks[s - back + 1..s].iter().all(|t| {
                matches!(
                    t.low.as_str(),
                    "shortly"
                        | "just"
                        | "soon"
                        | "after"
                        | "before"
                        | "the"
                        | "early"
                        | "late"
                        | "mid"
                        | "-"
                )
            })
    });
    if since {
        return (Tense::Past, false);
    }
    if let Some(t) = syntax_tense(tokens, cs, ce) {
        return (t, false);
    }
    // "by February", "until Monday", "through January": a deadline ahead, unless the
    // clause says otherwise ("had filed reports by Wednesday").
    let deadline = s > 0
        && matches!(
            toks[s - 1].low.as_str(),
            "by" | "until" | "till" | "through" | "pending"
        );
    let sid = sent_of[s];
    // (distance, future?, found after the time?)
    let mut best: Option<(f32, bool, bool)> = None;
    let mut any = false;
    let mut k = s;
    let mut dist = 0.0f32;
    // Cues further than a clause or two away say nothing (and a text without sentence
    // breaks must not make this quadratic).
    const REACH: usize = 40;
    while k > 0 && s - k < REACH {
        k -= 1;
        if sent_of[k] != sid {
            break;
        }
        dist += 1.0;
        if let Some(f) = word_cue(toks, k) {
            any = true;
            best = Some((dist, f, false));
            break;
        }
    }
    let mut dist = 0.0f32;
    let mut k = e;
    while k < toks.len() && sent_of[k] == sid && k - e < REACH {
        dist += 1.0;
        if let Some(f) = word_cue(toks, k) {
            any = true;
            let d = dist * 1.5;
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, f, true));
            }
            break;
        }
        k += 1;
    }
    // A bare phrase: a short text with no clause at all ("next Monday", "3pm tomorrow").
    let bare = !any
        && toks.len() <= 16
        && !toks
            .iter()
            .any(|t| t.kind == Kind::Word && t.low.ends_with("ed") && t.low.len() > 4);
    match best {
        // A deadline reads ahead unless a verb close by says otherwise.
        // "had to pay ... by February" reads ahead; "By September, sales had fallen" not.
        Some((d, false, false)) if deadline && d > 6.0 => (Tense::Future, false),
        Some((_, true, _)) => (Tense::Future, false),
        Some((_, false, _)) => (Tense::Past, false),
        None if deadline => (Tense::Future, false),
        None => (Tense::Unknown, bare),
    }
}

/// The last date-like time: its value, id and sentence.
type PrevTime = Option<(V, String, usize)>;

/// A bare query's clock time with no am/pm ("3:30", "half three") reads on a twelve-hour
/// dial: the next time the hands show it, so "3:30" said at 04:30 is 15:30. An afternoon
/// or evening word in the query ("3:20 in the afternoon") settles it the same way.
fn twelve_hour_reading(sem: &mut Sem, toks: &[Tok], ref_sec: Option<i64>) {
    let Sem::Clock { base, h, m, .. } = sem else {
        return;
    };
    if !(1..=11).contains(h) {
        return;
    }
    let has = |ws: &[&str]| toks.iter().any(|t| ws.contains(&t.low.as_str()));
    // "09:30", "3h18": continental, twenty-four-hour notation.
    let written_24h = toks.iter().any(|t| {
        t.kind == Kind::Num && t.low.starts_with('0')
            || t.low == "h"
            || t.low.starts_with(|c: char| c.is_ascii_digit()) && t.low.contains('h')
    });
    if written_24h || has(&["am", "a.m.", "a.m", "a", "morning", "midnight", "noon"]) {
        return;
    }
    if has(&[
        "pm",
        "p.m.",
        "p.m",
        "p",
        "afternoon",
        "evening",
        "tonight",
        "tonite",
    ]) {
        *h += 12;
        return;
    }
    if base.is_some() {
        return;
    }
    let at = |hh: u32| (hh * 3600 + *m * 60) as i64;
    if ref_sec.is_some_and(|rs| at(*h) < rs && at(*h + 12) >= rs) {
        *h += 12;
    }
}

/// Tense from the dependency parse when the syntax stage has run.
fn syntax_tense(tokens: &[Token], cs: usize, ce: usize) -> Option<Tense> {
    if tokens.is_empty()
        || tokens
            .iter()
            .take(50)
            .all(|t| t.head.is_none() && t.upos.is_none())
    {
        return None;
    }
    let lo = tokens.partition_point(|t| t.end <= cs);
    let hi = tokens.partition_point(|t| t.start < ce);
    if lo >= hi {
        return None;
    }
    // The span's head: a token whose head lies outside the span.
    let head = (lo..hi).find(|&k| tokens[k].head.is_none_or(|h| h < lo || h >= hi))?;
    let mut v = tokens[head].head?;
    let mut steps = 0;
    while !tokens[v].upos.is_some_and(Upos::is_verbal) {
        v = tokens[v].head?;
        steps += 1;
        if steps > 6 {
            return None;
        }
    }
    verb_tense(tokens, v, 0)
}

fn verb_tense(tokens: &[Token], v: usize, depth: usize) -> Option<Tense> {
    if depth > 3 {
        return None;
    }
    let sent = tokens[v].sentence;
    let lo = tokens.partition_point(|t| t.sentence < sent);
    let hi = tokens.partition_point(|t| t.sentence <= sent);
    let children: Vec<&Token> = (lo..hi)
        .filter(|&k| tokens[k].head == Some(v))
        .map(|k| &tokens[k])
        .collect();
    let lemma = |t: &Token| t.lemma.clone().unwrap_or_else(|| t.text.to_lowercase());
    let mut has_to = false;
    let mut perfect = false;
    let mut prog = false;
    for c in &children {
        let l = lemma(c);
        match c.deprel {
            Some(Deprel::Aux | Deprel::AuxPass) => {
                if matches!(l.as_str(), "will" | "shall" | "'ll" | "wo") || l == "would" {
                    return Some(Tense::Future);
                }
                if l == "have" {
                    perfect = true;
                    if c.xpos.as_deref() == Some("VBD") {
                        return Some(Tense::Past);
                    }
                }
                if l == "be" {
                    if c.xpos.as_deref() == Some("VBD") {
                        return Some(Tense::Past);
                    }
                    prog = true;
                }
                if l == "do" && c.xpos.as_deref() == Some("VBD") {
                    return Some(Tense::Past);
                }
            }
            Some(Deprel::Mark) if l == "to" => has_to = true,
            _ => {}
        }
    }
    let xpos = tokens[v].xpos.as_deref().unwrap_or("");
    if xpos == "VBD" || perfect {
        return Some(Tense::Past);
    }
    if has_to || xpos == "VB" {
        // "is preparing to host", "plans to visit": the governing verb decides.
        let h = tokens[v].head?;
        let hl = lemma(&tokens[h]);
        if matches!(
            hl.as_str(),
            "prepare"
                | "plan"
                | "expect"
                | "intend"
                | "aim"
                | "hope"
                | "want"
                | "schedule"
                | "set"
                | "due"
                | "go"
                | "seek"
                | "try"
                | "promise"
                | "agree"
                | "decide"
        ) {
            if tokens[h].xpos.as_deref() == Some("VBD") && hl != "go" {
                return None;
            }
            return Some(Tense::Future);
        }
        return verb_tense(tokens, h, depth + 1);
    }
    if xpos == "VBG" && prog {
        return Some(Tense::Future);
    }
    None
}

#[cfg(test)]
mod tests;

mod stage;

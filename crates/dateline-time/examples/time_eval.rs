//! Evaluates the time tagger: Duckling's English corpus, TempEval-3 TBAQ, the reference article.
//!
//! `cargo run --release -p dateline-time --example time-eval [-- duckling|tempeval|reference]`
//! Failures go to `target-*/time-eval-*.txt` (printed at the end).

use dateline_core::{calendar, shared_dir, TimeExpr};
use dateline_time::{ReadOptions, Region, TimeTagger};
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let which: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // `time-eval show FILE [PUBLISHED]`: print the times of one text, for inspection.
    if which.first().is_some_and(|w| w == "show") {
        let tagger = TimeTagger::load().expect("load");
        let path = which.get(1).expect("time-eval show FILE [PUBLISHED]");
        let text = String::from_utf8_lossy(&std::fs::read(path).expect("read FILE")).into_owned();
        for t in tagger.tag_text(&text, which.get(2).map(String::as_str)) {
            println!(
                "{}\t{:?}\t{}\t{}\t{}\t{}",
                t.id,
                t.kind,
                t.text,
                t.value,
                t.modifier.as_deref().unwrap_or("-"),
                t.anchor
            );
        }
        return;
    }
    let all = which.is_empty();
    let tagger = TimeTagger::load().expect("load");
    let out_dir = std::env::var("TIME_EVAL_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir());
    let mut ok = true;
    if all || which.iter().any(|w| w == "reference") {
        ok &= reference(&tagger);
    }
    if all || which.iter().any(|w| w == "duckling") {
        duckling(&tagger, &out_dir);
    }
    if all || which.iter().any(|w| w == "tempeval") {
        tempeval(&tagger, &out_dir);
    }
    if !ok {
        std::process::exit(1);
    }
}

// ------------------------------------------------------------------ reference article

fn reference(tagger: &TimeTagger) -> bool {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-article.txt");
    let text = std::fs::read_to_string(&path).expect("seed article");
    #[cfg(feature = "eval-syntax")]
    let times = if std::env::args().any(|a| a == "--syntax") {
        let mut doc =
            dateline_core::Document::new("seed", dateline_core::Source::text("seed"), text.clone());
        doc.published = Some("2025-02-15".into());
        dateline_text::segment(&mut doc);
        dateline_syntax::Syntax::load()
            .expect("syntax model")
            .annotate(&mut doc);
        tagger.annotate(&mut doc);
        println!("  (through the pipeline's segmenter and parser)");
        doc.times
    } else {
        tagger.tag_text(&text, Some("2025-02-15"))
    };
    #[cfg(not(feature = "eval-syntax"))]
    let times = tagger.tag_text(&text, Some("2025-02-15"));
    let expect: [(&str, &[&str], Option<&str>); 7] = [
        ("Monday", &["2025-02-17"], None),
        ("the following week", &["2025-W09"], None),
        ("WC 24th Feb", &["2025-W09", "2025-02-24"], None),
        ("Friday Morning", &["2025-02-14TMO"], None),
        ("yesterday", &["2025-02-14"], None),
        ("next week", &["2025-W08"], None),
        ("February", &["2025-02"], Some("AFTER")),
    ];
    let mut pass = 0;
    println!("== reference article (published 2025-02-15)");
    for (text, values, m) in expect {
        let got = times.iter().find(|t| t.text == text);
        let good = got.is_some_and(|t| {
            values.contains(&t.value.to_string().as_str())
                && (m.is_none() || t.modifier.as_deref() == m)
        });
        pass += good as usize;
        match got {
            Some(t) => println!(
                "  {:<4} {:<22} {:<16} mod={:<6} anchor={}",
                if good { "ok" } else { "FAIL" },
                text,
                t.value,
                t.modifier.as_deref().unwrap_or("-"),
                t.anchor
            ),
            None => println!("  FAIL {text:<22} (not found)"),
        }
    }
    println!("  reference: {pass}/7 expected values");
    println!(
        "  all times: {}",
        times
            .iter()
            .map(|t| format!("{}={}", t.text, t.value))
            .collect::<Vec<_>>()
            .join("; ")
    );
    pass == 7
}

// ------------------------------------------------------------------ duckling

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

fn grain_of(s: &str) -> Option<Grain> {
    Some(match s {
        "Second" => Grain::Second,
        "Minute" => Grain::Minute,
        "Hour" => Grain::Hour,
        "Day" => Grain::Day,
        "Week" => Grain::Week,
        "Month" => Grain::Month,
        "Quarter" => Grain::Quarter,
        "Year" => Grain::Year,
        _ => return None,
    })
}

/// Maps a TimeML value (and mod) to the start instant and grain Duckling would report.
/// A clock value with a stated zone ("…T16:00+01:00", "…T08:00Z") is moved into the
/// reference's zone (`ref_zone` minutes east of UTC), as Duckling reports it.
fn timeml_to_duckling(
    value: &str,
    modifier: Option<&str>,
    ref_zone: i64,
) -> Option<(String, Grain)> {
    let num = |s: &str| s.parse::<i64>().ok();
    // A BCE year ("-2014"): Duckling writes it the same way.
    if let Some(bce) = value.strip_prefix('-') {
        if bce.len() == 4 && num(bce).is_some() {
            return Some((format!("{value}-01-01T00:00:00"), Grain::Year));
        }
        return None;
    }
    let b = value.as_bytes();
    let y = value.get(0..4).and_then(num)?;
    let ymd = |m: i64, d: i64, t: &str| format!("{y:04}-{m:02}-{d:02}T{t}");
    if value.len() == 4 {
        return Some(match modifier {
            Some("END") => (ymd(9, 1, "00:00:00"), Grain::Month),
            Some("START") => (ymd(1, 1, "00:00:00"), Grain::Month),
            _ => (ymd(1, 1, "00:00:00"), Grain::Year),
        });
    }
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let rest = &value[5..];
    if let Some(q) = rest.strip_prefix('Q') {
        let q = num(q)?;
        return Some((ymd((q - 1) * 3 + 1, 1, "00:00:00"), Grain::Quarter));
    }
    for (s, m, d) in [("SP", 3, 20), ("SU", 6, 21), ("FA", 9, 23), ("WI", 12, 21)] {
        if rest == s {
            return Some((ymd(m, d, "00:00:00"), Grain::Day));
        }
    }
    if let Some(w) = rest.strip_prefix('W') {
        let wn = num(w.get(0..2)?)?;
        let monday = iso_monday(y, wn);
        if w.ends_with("-WE") {
            return Some((format!("{}T18:00:00", add_days(&monday, 4)), Grain::Hour));
        }
        return Some(match modifier {
            Some("END") => (format!("{}T00:00:00", add_days(&monday, 4)), Grain::Day),
            Some("START") => (format!("{monday}T00:00:00"), Grain::Day),
            _ => (format!("{monday}T00:00:00"), Grain::Week),
        });
    }
    for (s, m, d) in [("SP", 3, 20), ("SU", 6, 21), ("FA", 9, 23), ("WI", 12, 21)] {
        if rest == s {
            return Some((ymd(m, d, "00:00:00"), Grain::Day));
        }
    }
    let m = num(rest.get(0..2)?)?;
    if rest.len() == 2 {
        return Some(match modifier {
            Some("END") => (ymd(m, 21, "00:00:00"), Grain::Day),
            Some("START") => (ymd(m, 1, "00:00:00"), Grain::Day),
            Some("MID") => (ymd(m, 11, "00:00:00"), Grain::Day),
            _ => (ymd(m, 1, "00:00:00"), Grain::Month),
        });
    }
    let d = num(rest.get(3..5)?)?;
    if rest.len() == 5 {
        return Some((ymd(m, d, "00:00:00"), Grain::Day));
    }
    let t = rest.get(6..)?;
    let pod = |h: &str| Some((ymd(m, d, h), Grain::Hour));
    match t {
        "MO" => return pod("00:00:00"),
        "AF" | "MI" => return pod("12:00:00"),
        // "late tonight" (NI, mod END): Duckling's late night starts at 21:00.
        "EV" | "NI" if modifier == Some("END") => return pod("21:00:00"),
        "EV" | "NI" => return pod("18:00:00"),
        _ => {}
    }
    // Split off a zone: "Z" or "±HH:MM".
    let (t, zone) = if let Some(t) = t.strip_suffix('Z') {
        (t, Some(0))
    } else if t.len() > 6 && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-') {
        let (clock, z) = t.split_at(t.len() - 6);
        let mins = num(&z[1..3])? * 60 + num(&z[4..6])?;
        (clock, Some(if z.starts_with('-') { -mins } else { mins }))
    } else {
        (t, None)
    };
    let hh = num(t.get(0..2)?)?;
    let mm = t.get(3..5).and_then(num).unwrap_or(0);
    let ss = t.get(6..8).and_then(num);
    let shift = zone.map_or(0, |z| ref_zone - z);
    let minutes = hh * 60 + mm + shift;
    let (hh, mm) = (minutes.rem_euclid(24 * 60) / 60, minutes.rem_euclid(60));
    let day = add_days(
        &format!("{y:04}-{m:02}-{d:02}"),
        minutes.div_euclid(24 * 60),
    );
    Some((
        format!("{day}T{hh:02}:{mm:02}:{:02}", ss.unwrap_or(0)),
        if ss.is_some() {
            Grain::Second
        } else {
            Grain::Minute
        },
    ))
}

fn civil(z: i64) -> String {
    let (y, m, d) = calendar::civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn add_days(date: &str, n: i64) -> String {
    let y = date[0..4].parse().unwrap_or(0);
    let m = date[5..7].parse().unwrap_or(1);
    let d = date[8..10].parse().unwrap_or(1);
    civil(calendar::days_from_civil(y, m, d) + n)
}

fn iso_monday(y: i64, w: i64) -> String {
    civil(calendar::iso_week_monday(y, w as u32))
}

fn truncate(instant: &str, g: Grain) -> String {
    let n = match g {
        Grain::Year => 4,
        Grain::Quarter | Grain::Month => 7,
        Grain::Week | Grain::Day => 10,
        Grain::Hour => 13,
        Grain::Minute => 16,
        Grain::Second => 19,
    };
    instant.chars().take(n).collect()
}

/// Duckling's English corpus. Each example is one text read against its reference time
/// (2013-02-12T04:30) with its locale's holiday calendar and date order. How a positive
/// is scored:
///
/// - The system's TimeML value is mapped to the start instant and grain Duckling reports
///   ([`timeml_to_duckling`]): a month is its first day at month grain, `2013-W07` its
///   Monday at week grain, a weekend Friday 18:00, a part of day its Duckling start hour
///   (MO 00:00, AF 12:00, EV/NI 18:00, and 21:00 for a late evening or night, mod END),
///   mod START/END of a year or month Duckling's
///   "beginning/end of" intervals, `PRESENT_REF` the reference instant.
/// - The grain must be Duckling's, except that hour, minute and second count as one
///   sub-day grain (a clock time "15:00" matches Duckling's "3pm" at hour grain); the
///   instants are then compared at the coarser of the two grains.
/// - For an interval only its start is checked, against the first time in the text
///   ("3-4pm" is right when the first time is 15:00); otherwise the longest time is used.
///
/// - A duration anchored at the reference ("the last 2 days", value P2D) is an interval:
///   its start is the TIMEX3 begin point the tagger gives it ([`TimeTagger::tag_text_spans`]:
///   2013-02-10, whole days before today, Duckling's reading too).
///
/// Nothing else is forgiven, so these Duckling conventions count as failures although the
/// TimeML value is right: "in 7 days"/"7 days ago" at hour grain (TimeML: the day),
/// "three months ago" at day grain (TimeML: the month), "by 2pm" as the interval from now, year grain for
/// "Chinese New Year" and "New Year's Eve". A clock time whose value states a zone
/// ("…T16:00+01:00") is moved into the reference's zone first, as Duckling does.
fn duckling(tagger: &TimeTagger, out_dir: &std::path::Path) {
    let path = shared_dir().join("data/duckling/duckling_time_en.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("== duckling: {} not found, skipped", path.display());
        return;
    };
    let (mut pos, mut pos_ok, mut neg, mut neg_ok) = (0, 0, 0, 0);
    let mut fails = String::new();
    let mut by_section: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for line in data.lines() {
        let Ok(r) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let text = s("text");
        let locale = s("locale");
        let ref_time = s("ref_time");
        let ref_zone = r
            .get("ref_tz_offset_hours")
            .and_then(|v| v.as_f64())
            .map_or(0, |h| (h * 60.0) as i64);
        let ref_date = ref_time.as_str();
        // Each Duckling locale is read with its own holiday calendar; numeric dates are
        // month-first in the US, Canada and the Philippines, day-first elsewhere.
        let region = match locale.as_str() {
            "EN_US" => Region::Us,
            "EN_PH" => Region::Ph,
            "EN_CA" => Region::Ca,
            "EN_GB" => Region::Gb,
            "EN_IE" => Region::Ie,
            "EN_AU" => Region::Au,
            "EN_NZ" => Region::Nz,
            "EN_IN" => Region::In,
            "EN_ZA" => Region::Za,
            "EN_JM" => Region::Jm,
            "EN_BZ" => Region::Bz,
            "EN_TT" => Region::Tt,
            _ => Region::Neutral,
        };
        let day_first = !matches!(
            region,
            Region::Us | Region::Ph | Region::Ca | Region::Neutral
        );
        let opts = ReadOptions {
            day_first: Some(day_first),
            region: Some(region),
        };
        let spans = tagger.tag_text_spans(&text, Some(ref_date), opts);
        let times: Vec<TimeExpr> = spans.iter().map(|s| s.time.clone()).collect();
        let kind = s("kind");
        if kind == "negative" {
            neg += 1;
            if times.is_empty() {
                neg_ok += 1;
            } else {
                let _ = writeln!(fails, "NEG\t{text}\t{}", show(&times));
            }
            continue;
        }
        pos += 1;
        let Some(grain) = grain_of(&s("grain")) else {
            continue;
        };
        let expected = if !s("value").is_empty() {
            s("value")
        } else {
            s("from")
        };
        // An interval is compared by its start: the first time; otherwise the longest.
        let best = if kind.contains("Interval") {
            times.first()
        } else {
            times
                .iter()
                .max_by_key(|t| (t.end - t.start, std::cmp::Reverse(t.start)))
        };
        let got = best.and_then(|t| {
            if t.value == "PRESENT_REF" {
                return Some((ref_time.clone(), Grain::Second));
            }
            // An anchored duration ("the last two days") starts at its begin point.
            let begin = spans
                .iter()
                .find(|s| s.time.id == t.id)
                .and_then(|s| s.begin.as_deref());
            match begin {
                Some(b) => timeml_to_duckling(b, None, ref_zone),
                None => timeml_to_duckling(&t.value.to_string(), t.modifier.as_deref(), ref_zone),
            }
        });
        let good = got.as_ref().is_some_and(|(inst, g)| {
            let sub_day = |g: Grain| g <= Grain::Hour;
            (*g == grain || sub_day(*g) && sub_day(grain))
                && truncate(inst, grain.min(*g)) == truncate(&expected, grain.min(*g))
        });
        let e = by_section.entry(locale.clone()).or_default();
        e.0 += 1;
        if good {
            pos_ok += 1;
            e.1 += 1;
        } else {
            let _ = writeln!(
                fails,
                "{locale}\t{kind}\t{text}\texpected {expected} {grain:?}\tgot {got:?}\t{}",
                show(&times)
            );
        }
    }
    let fail_path = out_dir.join("time-eval-duckling-failures.txt");
    let _ = std::fs::write(&fail_path, fails);
    println!("== duckling ({})", path.display());
    for (loc, (n, k)) in &by_section {
        println!("  {loc:<6} {k:>4}/{n:<4}");
    }
    println!(
        "  positives resolved at expected value+grain: {pos_ok}/{pos} = {:.1}%   negatives with no time: {neg_ok}/{neg}",
        100.0 * pos_ok as f64 / pos.max(1) as f64
    );
    println!("  failures: {}", fail_path.display());
}

fn show(times: &[TimeExpr]) -> String {
    times
        .iter()
        .map(|t| {
            format!(
                "[{}]={}{}",
                t.text,
                t.value,
                t.modifier
                    .as_deref()
                    .map(|m| format!("/{m}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// ------------------------------------------------------------------ TempEval-3

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    text: String,
}

fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|p| {
            let rest = &tag[p + key.len()..];
            rest.find('"').map(|e| rest[..e].to_string())
        })
        .unwrap_or_default()
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    for (e, c) in [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ] {
        if s.starts_with(e) {
            return Some((c, e.len()));
        }
    }
    None
}

/// Strips TimeML markup from the TEXT section, returning raw text and gold TIMEX3 spans.
fn parse_tml(doc: &str) -> Option<(String, String, Vec<Gold>)> {
    let dct_tag_start = doc.find("<DCT>")?;
    let dct = attr(
        &doc[dct_tag_start..doc[dct_tag_start..].find("</DCT>")? + dct_tag_start],
        "value",
    );
    let body_start = doc.find("<TEXT>")? + "<TEXT>".len();
    let body_end = doc.find("</TEXT>")?;
    let body = &doc[body_start..body_end];
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut golds = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest.find('>')?;
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                open = Some((nchars, attr(tag, "type"), attr(tag, "value")));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, k, v)) = open.take() {
                    let t: String = text.chars().skip(s).collect();
                    golds.push(Gold {
                        start: s,
                        end: nchars,
                        kind: k,
                        value: v,
                        text: t,
                    });
                }
            }
            i += close + 1;
            continue;
        }
        if rest.starts_with('&') {
            if let Some((c, len)) = decode_entity(rest) {
                text.push(c);
                nchars += 1;
                i += len;
                continue;
            }
        }
        let c = rest.chars().next()?;
        text.push(c);
        nchars += 1;
        i += c.len_utf8();
    }
    Some((dct, text, golds))
}

/// Value equality up to notation: TimeBank writes some values in older TIMEX2-style
/// forms that mean the same as the ISO forms dateline writes — unpadded weeks ("2000-W7"),
/// decades as "199X", hour-only times ("T17"), and decade/century/millennium durations with
/// E/C/L units ("P1E" = "P10Y", "PXE" = "PXDE"); and it writes the clock as stated without
/// its zone ("5 p.m. EST" = "T17:00", dateline "T17:00-05:00").
fn same_value(a: &str, b: &str) -> bool {
    fn norm(v: &str) -> String {
        let mut v = v.to_string();
        if v.len() > 16 && v.as_bytes().get(10) == Some(&b'T') {
            if v.ends_with('Z') {
                v.pop();
            } else if matches!(v.as_bytes()[v.len() - 6], b'+' | b'-') {
                v.truncate(v.len() - 6);
            }
        }
        if let Some(p) = v.find("-W") {
            let w = &v[p + 2..];
            if w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()) {
                v = format!("{}-W0{}", &v[..p], w);
            }
        }
        if v.len() == 4 && v.ends_with('X') && v[..3].chars().all(|c| c.is_ascii_digit()) {
            v.truncate(3);
        }
        if let Some(p) = v.find('T') {
            let t = &v[p + 1..];
            if t.len() == 2 && t.chars().all(|c| c.is_ascii_digit()) && p == 10 {
                v = format!("{v}:00");
            }
        }
        if let Some(rest) = v.strip_prefix('P') {
            for (unit, years, x) in [("E", 10, "PXDE"), ("C", 100, "PXCE"), ("L", 1000, "PXML")] {
                if let Some(n) = rest.strip_suffix(unit) {
                    if n == "X" {
                        return x.to_string();
                    }
                    if let Ok(n) = n.parse::<u32>() {
                        return format!("P{}Y", n * years);
                    }
                }
            }
        }
        v
    }
    a == b || norm(a) == norm(b)
}

fn tempeval(tagger: &TimeTagger, out_dir: &std::path::Path) {
    let root = shared_dir().join("data/tempeval3/TBAQ-cleaned");
    let mut files = Vec::new();
    for sub in ["TimeBank", "AQUAINT"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            for e in rd.flatten() {
                if e.path().extension().is_some_and(|x| x == "tml") {
                    files.push(e.path());
                }
            }
        }
    }
    files.sort();
    if files.is_empty() {
        println!("== tempeval: {} not found, skipped", root.display());
        return;
    }
    let with_syntax = std::env::args().any(|a| a == "--syntax");
    #[cfg(feature = "eval-syntax")]
    let syntax = with_syntax.then(|| dateline_syntax::Syntax::load().expect("syntax model"));
    #[cfg(not(feature = "eval-syntax"))]
    if with_syntax {
        eprintln!("--syntax needs the eval-syntax feature; running on word cues only");
    }
    let (mut n_gold, mut n_sys) = (0usize, 0usize);
    let (mut exact_gold, mut exact_sys) = (0usize, 0usize);
    let (mut rel_gold, mut rel_sys, mut strict, mut val_gold, mut val_sys, mut type_ok, mut type_n) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut fails = String::new();
    let started = std::time::Instant::now();
    for f in &files {
        let Ok(doc) = std::fs::read_to_string(f) else {
            continue;
        };
        let Some((dct, text, golds)) = parse_tml(&doc) else {
            continue;
        };
        #[cfg(feature = "eval-syntax")]
        let sys = match &syntax {
            Some(sx) => {
                let mut doc = dateline_core::Document::new(
                    "te3",
                    dateline_core::Source::text("te3"),
                    text.clone(),
                );
                doc.published = Some(dct.clone());
                dateline_text::segment(&mut doc);
                sx.annotate(&mut doc);
                tagger.annotate(&mut doc);
                doc.times
            }
            None => tagger.tag_text(&text, Some(&dct)),
        };
        #[cfg(not(feature = "eval-syntax"))]
        let sys = tagger.tag_text(&text, Some(&dct));
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        n_gold += golds.len();
        n_sys += sys.len();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for g in &golds {
            let m: Vec<&TimeExpr> = sys
                .iter()
                .filter(|s| overlaps((s.start, s.end), (g.start, g.end)))
                .collect();
            if !m.is_empty() {
                rel_gold += 1;
                let s = m[0];
                type_n += 1;
                if format!("{:?}", s.kind).to_uppercase() == g.kind {
                    type_ok += 1;
                }
                if m.iter().any(|s| s.value == g.value) {
                    exact_gold += 1;
                }
                if m.iter().any(|s| same_value(&s.value.to_string(), &g.value)) {
                    val_gold += 1;
                } else {
                    let ctx: String = text
                        .chars()
                        .skip(g.start.saturating_sub(100))
                        .take(g.end - g.start + 140)
                        .collect::<String>()
                        .replace('\n', " ");
                    let _ = writeln!(
                        fails,
                        "VAL\t{name}\t{dct}\t[{}] gold={} {}\tsys={}\t| {ctx}",
                        g.text,
                        g.value,
                        g.kind,
                        show(&m.iter().map(|x| (*x).clone()).collect::<Vec<_>>())
                    );
                }
                if m.iter().any(|s| s.start == g.start && s.end == g.end) {
                    strict += 1;
                } else {
                    let _ = writeln!(
                        fails,
                        "SPAN\t{name}\t[{}]\tsys={}",
                        g.text,
                        m.iter()
                            .map(|s| format!("[{}]", s.text))
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                }
            } else {
                let ctx: String = text
                    .chars()
                    .skip(g.start.saturating_sub(40))
                    .take(g.end - g.start + 80)
                    .collect::<String>()
                    .replace('\n', " ");
                let _ = writeln!(
                    fails,
                    "FN\t{name}\t{dct}\t[{}] {} {}\t| {ctx}",
                    g.text, g.kind, g.value
                );
            }
        }
        for s in &sys {
            let m: Vec<&Gold> = golds
                .iter()
                .filter(|g| overlaps((s.start, s.end), (g.start, g.end)))
                .collect();
            if !m.is_empty() {
                rel_sys += 1;
                if m.iter().any(|g| g.value == s.value) {
                    exact_sys += 1;
                }
                if m.iter().any(|g| same_value(&g.value, &s.value.to_string())) {
                    val_sys += 1;
                }
            } else {
                let ctx: String = text
                    .chars()
                    .skip(s.start.saturating_sub(40))
                    .take(s.end - s.start + 80)
                    .collect::<String>()
                    .replace('\n', " ");
                let _ = writeln!(fails, "FP\t{name}\t[{}]={}\t| {ctx}", s.text, s.value);
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let (g, s) = (n_gold.max(1) as f64, n_sys.max(1) as f64);
    let (rp, rr) = (rel_sys as f64 / s, rel_gold as f64 / g);
    let (sp, sr) = (strict as f64 / s, strict as f64 / g);
    let (vp, vr) = (val_sys as f64 / s, val_gold as f64 / g);
    let fail_path = out_dir.join("time-eval-tempeval-failures.txt");
    let _ = std::fs::write(&fail_path, fails);
    println!(
        "== TempEval-3 TBAQ-cleaned ({} docs, {} gold TIMEX3, {} system, {:.2}s)",
        files.len(),
        n_gold,
        n_sys,
        elapsed
    );
    println!("  relaxed  P {rp:.3} R {rr:.3} F1 {:.3}", f1(rp, rr));
    println!("  strict   P {sp:.3} R {sr:.3} F1 {:.3}", f1(sp, sr));
    println!(
        "  value    P {vp:.3} R {vr:.3} F1 {:.3}   (values equal up to notation, see same_value)",
        f1(vp, vr)
    );
    let (ep, er) = (exact_sys as f64 / s, exact_gold as f64 / g);
    println!(
        "  value exact-string  P {ep:.3} R {er:.3} F1 {:.3}",
        f1(ep, er)
    );
    println!(
        "  type accuracy (relaxed matches) {:.3}",
        type_ok as f64 / type_n.max(1) as f64
    );
    println!("  failures: {}", fail_path.display());
}

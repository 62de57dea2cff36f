use super::*;

fn tag(text: &str, published: Option<&str>) -> Vec<TimeExpr> {
    TimeTagger::load().unwrap().tag_text(text, published)
}

fn find<'a>(times: &'a [TimeExpr], text: &str) -> &'a TimeExpr {
    times
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no time {text:?} in {times:#?}"))
}

fn value(text: &str, published: &str) -> String {
    let t = tag(text, Some(published));
    assert!(!t.is_empty(), "nothing found in {text:?}");
    t[0].value.clone()
}

#[test]
fn reference_article_end_to_end() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed-article.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let times = tag(&text, Some("2025-02-15"));
    let monday = find(&times, "Monday");
    assert_eq!(monday.value, "2025-02-17");
    assert_eq!(monday.anchor, "published");
    let following = find(&times, "the following week");
    assert_eq!(following.value, "2025-W09");
    assert_eq!(following.anchor, monday.id);
    let wc = find(&times, "WC 24th Feb");
    assert!(wc.value == "2025-W09" || wc.value == "2025-02-24", "{wc:?}");
    let friday = find(&times, "Friday Morning");
    assert_eq!(friday.value, "2025-02-14TMO");
    assert_eq!(friday.kind, TimeType::Time);
    assert_eq!(find(&times, "yesterday").value, "2025-02-14");
    assert_eq!(find(&times, "next week").value, "2025-W08");
    let feb = find(&times, "February");
    assert_eq!(feb.value, "2025-02");
    assert_eq!(feb.modifier.as_deref(), Some("AFTER"));
    // ids in order of appearance
    for (k, t) in times.iter().enumerate() {
        assert_eq!(t.id, format!("T{}", k + 1));
    }
    // nothing spurious: "we", "may", "once in a generation" are not times
    assert!(
        times
            .iter()
            .all(|t| !matches!(t.text.as_str(), "we" | "may" | "once")),
        "{times:#?}"
    );
}

#[test]
fn annotate_uses_document_and_states_published_from_text() {
    let mut doc = Document::new(
        "d",
        dateline_core::Source::text("x"),
        "LONDON, Feb 15 (Reuters) - Ministers met on Friday and will meet again in 2025.".into(),
    );
    TimeTagger::load().unwrap().annotate(&mut doc);
    assert_eq!(doc.published.as_deref(), Some("2025-02-15"));
    assert_eq!(doc.published_from, PublishedFrom::Text);
    assert_eq!(find(&doc.times, "Friday").value, "2025-02-14");
}

#[test]
fn weekdays_follow_tense() {
    assert_eq!(
        value("He will visit Paris on Monday.", "2025-02-15"),
        "2025-02-17"
    );
    assert_eq!(
        value("He visited Paris on Monday.", "2025-02-15"),
        "2025-02-10"
    );
    assert_eq!(
        value("He said on Saturday that talks failed.", "2025-02-15"),
        "2025-02-15"
    );
    assert_eq!(
        value("Talks resume next Monday", "2025-02-15"),
        "2025-02-17"
    );
    assert_eq!(
        value("The deal was signed last Friday.", "2025-02-15"),
        "2025-02-14"
    );
    assert_eq!(
        value(
            "The vote is expected to take place late on Tuesday.",
            "2025-02-15"
        ),
        "2025-02-18"
    );
}

#[test]
fn relative_units_and_anchors() {
    assert_eq!(value("next week", "2025-02-15"), "2025-W08");
    assert_eq!(value("last week", "2025-02-15"), "2025-W06");
    assert_eq!(value("this month", "2025-02-15"), "2025-02");
    assert_eq!(value("early next year", "2025-02-15"), "2026");
    assert_eq!(value("two years ago", "2025-02-15"), "2023");
    assert_eq!(value("He left three days ago.", "2025-02-15"), "2025-02-12");
    assert_eq!(value("tomorrow", "2025-02-15"), "2025-02-16");
    assert_eq!(value("tonight", "2025-02-15"), "2025-02-15TNI");
    let t = tag(
        "The talks will open on 3 March. The next day they will move to Geneva.",
        Some("2025-02-15"),
    );
    let next = find(&t, "The next day");
    assert_eq!(next.value, "2025-03-04");
    assert_eq!(next.anchor, "T1");
}

#[test]
fn calendar_forms() {
    let p = "2025-02-15";
    assert_eq!(value("on 24th Feb", p), "2025-02-24");
    assert_eq!(value("Feb. 24", p), "2025-02-24");
    assert_eq!(value("24 February 2025", p), "2025-02-24");
    assert_eq!(value("February 24, 2025", p), "2025-02-24");
    assert_eq!(value("2025-02-17", p), "2025-02-17");
    assert_eq!(value("in March 2024", p), "2024-03");
    assert_eq!(value("in 2024", p), "2024");
    assert_eq!(value("the 1990s", p), "199");
    assert_eq!(value("the 20th century", p), "19");
    assert_eq!(value("the third quarter of 2024", p), "2024-Q3");
    assert_eq!(value("Q1 2025", p), "2025-Q1");
    assert_eq!(value("this summer", p), "2025-SU");
    let mid = tag("The plan starts in mid-March.", Some(p));
    assert_eq!(mid[0].value, "2025-03");
    assert_eq!(mid[0].modifier.as_deref(), Some("MID"));
}

#[test]
fn numeric_dates_follow_dialect() {
    assert_eq!(
        value("Mr Smith arrived on 04/02/2025 with £5.", "2025-02-15"),
        "2025-02-04"
    );
    assert_eq!(
        value("Mr. Smith arrived on 04/02/2025 with $5.", "2025-02-15"),
        "2025-04-02"
    );
    assert_eq!(
        value("It happened on 24/02/2025.", "2025-02-15"),
        "2025-02-24"
    );
}

#[test]
fn durations_sets_and_times() {
    let p = "2025-02-15";
    let t = tag(
        "The strike lasted three days and 48 hours of talks followed a decade of work.",
        Some(p),
    );
    let vals: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(vals, ["P3D", "PT48H", "P10Y"]);
    assert!(t.iter().all(|t| t.kind == TimeType::Duration));
    let s = tag("They meet every Monday and publish daily.", Some(p));
    assert_eq!(s[0].value, "XXXX-WXX-1");
    assert_eq!(s[0].kind, TimeType::Set);
    assert_eq!(s[1].value, "P1D");
    assert_eq!(
        value("The meeting starts at 3pm on Monday.", p),
        "2025-02-17T15:00"
    );
    assert_eq!(value("at 10:30 GMT", p), "2025-02-15T10:30");
    assert_eq!(value("noon", p), "2025-02-15T12:00");
}

#[test]
fn no_anchor_means_placeholders() {
    let t = tag("The summit will be held on Monday.", None);
    assert_eq!(t[0].value, "XXXX-WXX-1");
    assert_eq!(t[0].anchor, "none");
    assert_eq!(tag("yesterday", None)[0].value, "XXXX-XX-XX");
    assert_eq!(tag("next week", None)[0].value, "XXXX-WXX");
}

#[test]
fn non_dates_produce_nothing() {
    for text in [
        "we are separated",
        "The count was 2882015 votes.",
        "Call 650-650-6500 now or 650.650.6500",
        "United won the 2-1 win at home.",
        "He lives at No 10 Downing Street.",
        "It cost $2000 and £2025.",
        "You may go now that the march is over.",
        "The sun rose over the hills.",
        "Mar Roxas spoke.",
        "laughing out loud",
        "1 adult",
        "25",
        "this one",
        "A4 A5",
    ] {
        let t = tag(text, Some("2025-02-15"));
        let bad: Vec<_> = t.iter().filter(|t| t.value != "PRESENT_REF").collect();
        assert!(bad.is_empty(), "{text:?} gave {bad:#?}");
    }
}

#[test]
fn odd_input_does_not_panic() {
    let tagger = TimeTagger::load().unwrap();
    for text in [
        "",
        " ",
        "\u{0}\u{1}",
        "’’’",
        "12/",
        "2025-",
        "at",
        "the",
        "ñ 3 ü 4pm ߷",
        &"9".repeat(5000),
    ] {
        let _ = tagger.tag_text(text, Some("2025-02-15"));
        let _ = tagger.tag_text(text, Some("garbage"));
        let _ = publication_date_from_text(text);
    }
}

#[test]
fn calendar_arithmetic_phrases() {
    let p = "2013-02-12"; // a Tuesday
    assert_eq!(value("next wednesday", p), "2013-02-20");
    assert_eq!(value("last tuesday", p), "2013-02-05");
    assert_eq!(value("2 sundays from now", p), "2013-02-24");
    assert_eq!(value("20th of next month", p), "2013-03-20");
    assert_eq!(value("the first Monday of March", p), "2013-03-04");
    assert_eq!(value("last friday of october", p), "2013-10-25");
    assert_eq!(value("Fri, Jul 18", p), "2014-07-18");
    assert_eq!(value("thanksgiving 2014", p), "2014-11-27");
    assert_eq!(value("Easter Monday 2025", p), "2025-04-21");
    assert_eq!(
        value("in half an hour", "2013-02-12T04:30:00"),
        "2013-02-12T05:00"
    );
    assert_eq!(value("9:30 - 11:00 on Thursday", p), "2013-02-14T09:30");
}

#[test]
fn publication_dates_in_text() {
    assert_eq!(
        publication_date_from_text("Updated: 3 March 2024, 10:00\nBody"),
        Some("2024-03-03".into())
    );
    assert_eq!(
        publication_date_from_text("Headline\nFebruary 15, 2025\nBody text here."),
        Some("2025-02-15".into())
    );
    assert_eq!(
        publication_date_from_text("WASHINGTON, March 12 (Xinhua) -- Talks in 1999 went on."),
        Some("1999-03-12".into())
    );
    // A date inside running text is not a publication date.
    assert_eq!(
        publication_date_from_text("The company said on 3 March 2024 that profits rose sharply."),
        None
    );
}

#[test]
fn anaphora_and_financial_quarters() {
    let t = tag(
        "Profit rose in the third quarter. A year earlier, the company lost money. The quarter was strong.",
        Some("1989-10-26"),
    );
    assert_eq!(find(&t, "the third quarter").value, "1989-Q3");
    let earlier = find(&t, "A year earlier");
    assert_eq!(earlier.value, "1988-Q3");
    assert_eq!(earlier.anchor, "T1");
    assert_eq!(find(&t, "The quarter").value, "1989-Q3");
}

#[test]
fn days_of_month_and_prefixed_years() {
    let p = "2013-02-12";
    assert_eq!(value("The vote is on the 15th.", p), "2013-02-15");
    let t = tag("Post-1959 politics split families.", Some(p));
    assert_eq!(t[0].value, "1959");
    assert_eq!(t[0].modifier.as_deref(), Some("AFTER"));
    assert_eq!(
        value("It will be done as soon as possible.", p),
        "FUTURE_REF"
    );
    // a lone number after "on" is not a day
    assert!(tag("He scored on 15 occasions.", Some(p)).is_empty());
}

#[test]
fn year_ago_periods_take_the_quarter_in_focus() {
    let p = Some("1989-10-26");
    let t = tag(
        "Net fell in the third quarter. In the year-ago period, Bethlehem earned $101.4 million.",
        p,
    );
    assert_eq!(find(&t, "the year-ago period").value, "1988-Q3");
    // No quarter named: the one just ended at publication.
    let t = tag(
        "Sales rose from last year's quarter and the 1988 period.",
        p,
    );
    assert_eq!(find(&t, "last year's quarter").value, "1988-Q3");
    assert_eq!(find(&t, "the 1988 period").value, "1988-Q3");
    let t = tag("Net rose from the corresponding period last year.", p);
    assert_eq!(
        find(&t, "the corresponding period last year").value,
        "1988-Q3"
    );
}

#[test]
fn bare_clock_times_read_on_a_twelve_hour_dial() {
    let p = "2013-02-12T04:30:00";
    assert_eq!(value("3:30", p), "2013-02-12T15:30");
    assert_eq!(value("half three", p), "2013-02-12T15:30");
    assert_eq!(value("3:20 in afternoon", p), "2013-02-12T15:20");
    // explicit morning, or a time still ahead, stays as written
    assert_eq!(value("3:30am", p), "2013-02-13T03:30");
    assert_eq!(value("5:15", p), "2013-02-12T05:15");
    // in running text the clause decides, not the dial
    let t = tag(
        "The blast happened at 3:30, police said on Tuesday.",
        Some(p),
    );
    assert_eq!(find(&t, "3:30").value, "2013-02-12T03:30");
}

#[test]
fn nth_weekends_and_days_of_a_month() {
    let p = "2013-02-12";
    assert_eq!(value("the last weekend of October", p), "2013-W43-WE");
    assert_eq!(value("last day of october 2015", p), "2015-10-31");
    assert_eq!(value("the first day of next month", p), "2013-03-01");
    assert_eq!(
        value("at three twenty", "2013-02-12T04:30:00"),
        "2013-02-12T15:20"
    );
    assert_eq!(
        value("twelve oh three", "2013-02-12T04:30:00"),
        "2013-02-12T12:03"
    );
    // a flight number is not a clock time
    assert!(tag("He bombed flight one oh three.", Some(p)).is_empty());
    // "were planning to" looks ahead, whatever the auxiliary's tense
    let t = tag(
        "Protesters planned a rally on Saturday and were planning to march.",
        Some("2000-01-07"),
    );
    assert_eq!(find(&t, "Saturday").value, "2000-01-08");
}

#[test]
fn hyphenated_ordinals_are_not_days() {
    let t = tag(
        "No estimate of the impact on fourth-quarter results.",
        Some("1989-10-30"),
    );
    assert_eq!(find(&t, "fourth-quarter").value, "1989-Q4");
    assert!(t.iter().all(|x| x.text != "fourth"), "{t:?}");
}

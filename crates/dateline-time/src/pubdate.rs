//! Finding the publication date an article states about itself.

use crate::TimeTagger;

/// Looks for a stated publication date: "Published 15 February 2025", "Updated: …",
/// a date alone on one of the first lines, or a news-agency dateline
/// ("LONDON, Feb 15 (Reuters) -", the year then taken from the years the text mentions).
/// Returns `YYYY-MM-DD`.
///
/// ```
/// use dateline_time::publication_date_from_text;
/// assert_eq!(publication_date_from_text("Published 15 February 2025\nText."), Some("2025-02-15".into()));
/// assert_eq!(
///     publication_date_from_text("LONDON, Feb 15 (Reuters) - Talks in 2025 go on."),
///     Some("2025-02-15".into())
/// );
/// assert_eq!(publication_date_from_text("No date here."), None);
/// ```
pub fn publication_date_from_text(text: &str) -> Option<String> {
    let head: String = text.chars().take(1500).collect();
    let tagger = TimeTagger {};
    let times = tagger.tag_text(&head, None);
    let chars: Vec<char> = head.chars().collect();
    let before = |start: usize, n: usize| -> String {
        chars[start.saturating_sub(n)..start]
            .iter()
            .collect::<String>()
            .to_lowercase()
    };
    let after = |end: usize, n: usize| -> String {
        chars[end..(end + n).min(chars.len())].iter().collect()
    };
    // A news article is not published before 1900: an earlier "date" is a misreading.
    let full_day = |v: &str| {
        v.len() >= 10
            && !v.starts_with('X')
            && v.as_bytes()[4] == b'-'
            && v.as_bytes()[7] == b'-'
            && v[..4].parse::<i32>().is_ok_and(|y| y >= 1900)
    };
    // 1. Labelled dates.
    for t in &times {
        let value = t.value.to_string();
        if !full_day(&value) {
            continue;
        }
        let b = before(t.start, 40);
        let label = [
            "published",
            "updated",
            "posted",
            "date:",
            "dated",
            "first published",
            "last modified",
        ];
        if label.iter().any(|l| b.contains(l)) && !b.contains('\n')
            || b.trim_end().ends_with("published")
        {
            return Some(value[..10].to_string());
        }
    }
    // 2. A date alone on an early line.
    for t in &times {
        let value = t.value.to_string();
        if !full_day(&value) || t.start > 600 {
            continue;
        }
        let line_start = chars[..t.start]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1);
        let line_end = chars[t.end..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| t.end + p);
        let rest: String = chars[line_start..t.start]
            .iter()
            .chain(chars[t.end..line_end].iter())
            .collect();
        let rest_words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if rest_words <= 3 && (line_end - line_start) < 60 {
            return Some(value[..10].to_string());
        }
    }
    // 3. Agency dateline: "CITY, Mon DD (Agency) -" or "CITY (Agency) - Mon DD".
    for t in &times {
        let value = t.value.to_string();
        if t.start > 300 || value.len() != 10 {
            continue;
        }
        let a = after(t.end, 20);
        let b = before(t.start, 40);
        let is_dateline = a.trim_start().starts_with('(') && (a.contains(')'))
            || b.trim_end().ends_with(',')
                && (a.trim_start().starts_with('-')
                    || a.trim_start().starts_with('\u{2014}')
                    || a.trim_start().starts_with('\u{2013}'));
        if !is_dateline {
            continue;
        }
        if value.starts_with("XXXX-") {
            let year = dominant_year(text)?;
            return Some(format!("{year}{}", &value[4..]));
        }
        if full_day(&value) {
            return Some(value[..10].to_string());
        }
    }
    None
}

/// The year the text mentions most often (ties: the latest).
fn dominant_year(text: &str) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit();
        if boundary_before && boundary_after && window.iter().all(u8::is_ascii_digit) {
            let y: i32 = std::str::from_utf8(window).ok()?.parse().ok()?;
            if (1990..=2100).contains(&y) {
                match counts.iter_mut().find(|(yy, _)| *yy == y) {
                    Some(e) => e.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, c)| (c, y))
        .map(|(y, _)| y)
}

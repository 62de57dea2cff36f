//! Publication-date candidates: parsing the many ways pages and feeds write a date, and
//! choosing the most trustworthy, most specific one that is not in the future.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use dateline_core::PublishedFrom;

/// A parsed date, with the time and offset when the source gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDate {
    /// The calendar day.
    pub date: NaiveDate,
    /// The time of day, when the source gave one.
    pub time: Option<NaiveTime>,
    /// The UTC offset, when the source gave one with the time.
    pub offset: Option<FixedOffset>,
}

impl PageDate {
    /// `YYYY-MM-DD` when only the day is known, RFC 3339 when the time and offset are.
    pub fn to_published(self) -> String {
        match (self.time, self.offset) {
            (Some(t), Some(off)) => {
                let naive = NaiveDateTime::new(self.date, t);
                match naive.and_local_timezone(off).single() {
                    Some(dt) => dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    None => self.date.format("%Y-%m-%d").to_string(),
                }
            }
            _ => self.date.format("%Y-%m-%d").to_string(),
        }
    }

    fn specificity(&self) -> u8 {
        match (self.time, self.offset) {
            (Some(_), Some(_)) => 2,
            (Some(_), None) => 1,
            _ => 0,
        }
    }
}

impl From<DateTime<FixedOffset>> for PageDate {
    fn from(dt: DateTime<FixedOffset>) -> Self {
        PageDate {
            date: dt.date_naive(),
            time: Some(dt.time()),
            offset: Some(*dt.offset()),
        }
    }
}

/// Where a date candidate was found, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateSource {
    /// JSON-LD `datePublished`.
    JsonLd,
    /// `article:published_time` and equivalent publication meta tags.
    PublishedMeta,
    /// `<time datetime>` / `itemprop=datePublished` inside the page.
    TimeElement,
    /// Generic meta (`date`, `dc.date`, Open Graph `og:updated_time`…).
    OtherMeta,
    /// The visible dateline ("Published 15 February 2025").
    VisibleText,
    /// `/2025/02/15/` in the URL.
    UrlPath,
}

impl DateSource {
    /// The document model's record of where the publication date came from.
    pub fn published_from(self) -> PublishedFrom {
        match self {
            DateSource::JsonLd
            | DateSource::PublishedMeta
            | DateSource::TimeElement
            | DateSource::OtherMeta => PublishedFrom::Metadata,
            DateSource::VisibleText => PublishedFrom::Text,
            DateSource::UrlPath => PublishedFrom::Inferred,
        }
    }
}

/// Picks the publication date: the strongest source wins; a weaker source that agrees on
/// the day but also gives the time makes it more specific. Dates after `not_after` (the
/// crawl date, or today) and before 1990 are refused.
pub fn choose(
    candidates: &[(DateSource, PageDate)],
    not_after: NaiveDate,
) -> Option<(PageDate, DateSource)> {
    let earliest = NaiveDate::from_ymd_opt(1990, 1, 1)?;
    let plausible: Vec<&(DateSource, PageDate)> = candidates
        .iter()
        .filter(|(_, d)| d.date <= not_after && d.date >= earliest)
        .collect();
    let best_source = plausible.iter().map(|(s, _)| *s).min()?;
    let (_, best) = plausible.iter().find(|(s, _)| *s == best_source)?;
    let refined = plausible
        .iter()
        .filter(|(_, d)| d.date == best.date)
        .max_by_key(|(s, d)| (d.specificity(), std::cmp::Reverse(*s)))
        .map(|(_, d)| *d)
        .unwrap_or(*best);
    Some((refined, best_source))
}

/// Today's date (UTC), the default upper bound for publication dates.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Parses the date formats found in meta tags, JSON-LD, feeds and HTTP/WARC headers.
pub fn parse_date(raw: &str) -> Option<PageDate> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.into());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.into());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%z",
        "%a, %d %b %Y %H:%M:%S %z",
        "%a %b %d %H:%M:%S %z %Y",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.into());
        }
    }
    // A trailing Z or UTC without an RFC 3339 shape.
    let no_z = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix(" UTC"))
        .or_else(|| s.strip_suffix(" GMT"));
    let utc = no_z.is_some();
    let body = no_z.unwrap_or(s);
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%a, %d %b %Y %H:%M:%S",
        "%d %b %Y %H:%M:%S",
        "%Y%m%d%H%M%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(body, fmt) {
            return Some(PageDate {
                date: dt.date(),
                time: Some(dt.time()),
                offset: utc.then(|| FixedOffset::east_opt(0)).flatten(),
            });
        }
    }
    let day_part = s.get(..10).filter(|p| p.is_char_boundary(p.len()));
    if let Some(d) = day_part.and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) {
        return Some(day(d));
    }
    for fmt in [
        "%Y/%m/%d",
        "%Y%m%d",
        "%d.%m.%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(day(d));
        }
    }
    find_date_in_text(s)
}

fn day(date: NaiveDate) -> PageDate {
    PageDate {
        date,
        time: None,
        offset: None,
    }
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    full.iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

fn number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.', 's', 't', 'h', 'n', 'd', 'r']);
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// Finds a written date ("15 February 2025", "Feb. 15, 2025", "2025-02-15") in a short text
/// such as a byline or dateline.
pub fn find_date_in_text(text: &str) -> Option<PageDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·' || c == '•')
        .filter(|w| !w.is_empty())
        .take(400)
        .collect();
    for i in 0..words.len() {
        let w = words[i];
        // ISO date embedded in text.
        if w.len() >= 10 {
            let start = w.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            if let Some(d) = w
                .get(start..start + 10)
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            {
                return Some(day(d));
            }
        }
        if let Some(month) = month_of(w) {
            // Month D, YYYY
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|x| number(x)),
                words.get(i + 2).and_then(|x| number(x)),
            ) {
                if let Some(date) = ymd(y, month, d) {
                    return Some(day(date));
                }
            }
            // D Month YYYY
            if let (Some(d), Some(y)) = (
                i.checked_sub(1)
                    .and_then(|j| words.get(j))
                    .and_then(|x| number(x)),
                words.get(i + 1).and_then(|x| number(x)),
            ) {
                if let Some(date) = ymd(y, month, d) {
                    return Some(day(date));
                }
            }
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&y) || !(1..=31).contains(&d) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// A date in a URL path: `/2025/02/15/`, `/2025-02-15/`, `/20250215/`, or `/2025/02/` (then
/// nothing: a month alone is not a publication date).
pub fn date_from_url(url: &str) -> Option<PageDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split("://").nth(1).unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        if seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit()) {
            let y: u32 = seg.parse().ok()?;
            let m = segments.get(i + 1).and_then(|s| two_digits(s));
            let d = segments.get(i + 2).and_then(|s| two_digits(s));
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(day(date));
                }
            }
        }
        for token in seg.split(['-', '_', '.']).collect::<Vec<_>>().windows(3) {
            if token[0].len() == 4 && token[1].len() == 2 && token[2].len() == 2 {
                if let (Ok(y), Ok(m), Ok(d)) =
                    (token[0].parse(), token[1].parse(), token[2].parse())
                {
                    if let Some(date) = ymd(y, m, d) {
                        return Some(day(date));
                    }
                }
            }
        }
        if seg.len() == 8 && seg.bytes().all(|b| b.is_ascii_digit()) {
            let (y, m, d) = (
                seg[..4].parse().ok()?,
                seg[4..6].parse().ok()?,
                seg[6..].parse().ok()?,
            );
            if let Some(date) = ymd(y, m, d) {
                return Some(day(date));
            }
        }
    }
    None
}

fn two_digits(s: &str) -> Option<u32> {
    if (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The year of a date, for sanity checks in callers.
pub fn year(d: &PageDate) -> i32 {
    d.date.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_formats() {
        assert_eq!(
            parse_date("2025-02-15T09:30:00Z").unwrap().to_published(),
            "2025-02-15T09:30:00Z"
        );
        assert_eq!(
            parse_date("2025-02-15T09:30:00+01:00")
                .unwrap()
                .to_published(),
            "2025-02-15T09:30:00+01:00"
        );
        assert_eq!(
            parse_date("Sat, 15 Feb 2025 09:30:00 GMT")
                .unwrap()
                .to_published(),
            "2025-02-15T09:30:00Z"
        );
        assert_eq!(
            parse_date("2025-02-15").unwrap().to_published(),
            "2025-02-15"
        );
        assert_eq!(
            parse_date("February 15, 2025").unwrap().to_published(),
            "2025-02-15"
        );
        assert_eq!(
            parse_date("Updated 15 Feb. 2025, 10:00")
                .unwrap()
                .to_published(),
            "2025-02-15"
        );
        assert!(parse_date("2025-02-15 09:30:00").unwrap().time.is_some());
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("").is_none());
        assert!(parse_date("2025-13-45").is_none());
    }

    #[test]
    fn url_dates() {
        let d = |u| date_from_url(u).map(|d| d.to_published());
        assert_eq!(
            d("https://x.com/2025/02/15/story.html").as_deref(),
            Some("2025-02-15")
        );
        assert_eq!(
            d("https://x.com/news/2025-02-15-story").as_deref(),
            Some("2025-02-15")
        );
        assert_eq!(
            d("https://x.com/a/20250215/story").as_deref(),
            Some("2025-02-15")
        );
        assert_eq!(d("https://x.com/2025/02/story"), None);
        assert_eq!(d("https://x.com/article/12345678"), None);
    }

    #[test]
    fn choice_prefers_strong_then_specific_and_refuses_future() {
        let jsonld = parse_date("2025-02-15").unwrap();
        let meta = parse_date("2025-02-15T09:30:00Z").unwrap();
        let url = parse_date("2025-02-14").unwrap();
        let (d, src) = choose(
            &[
                (DateSource::UrlPath, url),
                (DateSource::JsonLd, jsonld),
                (DateSource::OtherMeta, meta),
            ],
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        )
        .unwrap();
        assert_eq!(src, DateSource::JsonLd);
        assert_eq!(d.to_published(), "2025-02-15T09:30:00Z");
        let future = parse_date("2030-01-01").unwrap();
        let (d, src) = choose(
            &[(DateSource::JsonLd, future), (DateSource::UrlPath, url)],
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (d.to_published().as_str(), src),
            ("2025-02-14", DateSource::UrlPath)
        );
    }
}

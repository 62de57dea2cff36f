//! HTML pages → article body, title, author and publication date.
//!
//! The main-content block is found by `dom_smoothie` (a Readability port, the best
//! speed × accuracy of the maintained crates on the Zyte benchmark, see the crate README).
//! Around it we add what news needs: the text keeps its paragraphs as lines, figure
//! captions, credits, share bars and "related" blocks are dropped, and the publication date
//! is read from every place a page states it and chosen by [`crate::dates::choose`].

use crate::dates::{self, DateSource, PageDate};
use chrono::NaiveDate;
use dom_query::{Document, NodeRef};

/// What the HTML reader finds in one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// The headline, from the page's metadata or markup.
    pub title: Option<String>,
    /// The byline, when the page names one.
    pub author: Option<String>,
    /// The article text, one paragraph a line.
    pub body: String,
    /// The publication date found in the page, as written into the document.
    pub published: Option<String>,
    /// Where in the page `published` was found.
    pub published_from: dateline_core::PublishedFrom,
    /// The page's declared language (`<html lang>`), when it has one.
    pub declared_language: Option<String>,
    /// What the reader had to do to the page (deep nesting flattened), for the document.
    pub warnings: Vec<String>,
}

/// Pages larger than this are cut before parsing: no news article needs more, and parsing
/// cost grows with the markup.
const MAX_HTML_BYTES: usize = 8 << 20;

/// Extracts the article from an HTML page. `url` is the page's address (for dates in the
/// path); dates after `not_after` (the crawl date, default today) are refused.
///
/// ```
/// let html = r#"<html><head><title>Talks resume | Example News</title>
///   <meta property="article:published_time" content="2025-02-15T09:30:00Z"></head>
///   <body><nav>Home | World</nav><article><h1>Talks resume</h1>
///   <p>Negotiators met in Riyadh on Friday to restart the talks, officials said.</p>
///   <p>The meeting lasted four hours and ended without a statement from either side.</p>
///   </article></body></html>"#;
/// let page = dateline_ingest::html::extract(html, None, None);
/// assert_eq!(page.published.as_deref(), Some("2025-02-15T09:30:00Z"));
/// assert!(page.body.contains("Negotiators met in Riyadh"));
/// assert!(!page.body.contains("Home | World"));
/// ```
pub fn extract(html: &str, url: Option<&str>, not_after: Option<NaiveDate>) -> HtmlArticle {
    let html = truncate_at_char_boundary(html, MAX_HTML_BYTES);
    // Deep nesting is flattened before any tree is built: html5ever's cost grows with the
    // square of the depth.
    match crate::nesting::flatten(html, crate::nesting::MAX_DEPTH) {
        None => extract_parsed(html, url, not_after),
        Some(flat) => {
            let mut article = extract_parsed(&flat.html, url, not_after);
            article
                .warnings
                .push(flat.warning(crate::nesting::MAX_DEPTH));
            article
        }
    }
}

fn extract_parsed(html: &str, url: Option<&str>, not_after: Option<NaiveDate>) -> HtmlArticle {
    let doc = Document::from(html);
    let meta = collect_metadata(&doc, url);
    let declared_language = doc
        .select_single("html")
        .attr("lang")
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty());

    if nesting_depth(&doc) > MAX_NESTING {
        // Readability's scoring recurses over the tree; pathological nesting would exhaust
        // the stack, so such pages are read as plain block text.
        let body = match doc.select_single("body").nodes().first() {
            Some(node) => drop_boilerplate_lines(&block_text(node)),
            None => String::new(),
        };
        return finish(
            meta.title,
            meta.author,
            body,
            meta.dates,
            declared_language,
            not_after,
        );
    }
    let config = dom_smoothie::Config {
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let url_for_readability = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = match dom_smoothie::Readability::with_document(
        doc,
        url_for_readability,
        Some(config.clone()),
    ) {
        Ok(r) => r,
        Err(_) => {
            match dom_smoothie::Readability::with_document(Document::from(html), None, Some(config))
            {
                Ok(r) => r,
                Err(_) => return fallback(html, meta, declared_language, not_after),
            }
        }
    };
    let parsed = readability.parse();
    let (mut body, rd_title, rd_byline, rd_published) = match parsed {
        Ok(article) => {
            let root = readability.doc.select_single("#readability-page-1");
            let body = match root.nodes().first() {
                Some(node) => block_text(node),
                None => String::new(),
            };
            (
                body,
                Some(article.title),
                article.byline,
                article.published_time,
            )
        }
        Err(_) => (String::new(), None, None, None),
    };
    if body.trim().is_empty() {
        body = whole_page_text(html);
    }
    let body = drop_boilerplate_lines(&body);

    let mut candidates = meta.dates;
    if let Some(d) = rd_published.as_deref().and_then(dates::parse_date) {
        candidates.push((DateSource::OtherMeta, d));
    }
    if let Some(d) = dates::find_date_in_text(&first_chars(&body, 300)) {
        candidates.push((DateSource::VisibleText, d));
    }
    let title = meta
        .title
        .or(rd_title.map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty());
    let author = meta
        .author
        .or(rd_byline.map(|b| clean_byline(&b)))
        .filter(|a| !a.is_empty() && a.chars().count() < 200);
    finish(
        title,
        author,
        body,
        candidates,
        declared_language,
        not_after,
    )
}

/// Deeper element nesting than this is not a real page (real ones stay under ~100).
const MAX_NESTING: usize = 400;

fn nesting_depth(doc: &Document) -> usize {
    let mut max = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        if max > MAX_NESTING {
            break;
        }
        for child in node.children_it(false) {
            if child.is_element() {
                stack.push((child, depth + 1));
            }
        }
    }
    max
}

fn finish(
    title: Option<String>,
    author: Option<String>,
    body: String,
    candidates: Vec<(DateSource, PageDate)>,
    declared_language: Option<String>,
    not_after: Option<NaiveDate>,
) -> HtmlArticle {
    let limit = not_after.unwrap_or_else(dates::today);
    let chosen = dates::choose(&candidates, limit);
    HtmlArticle {
        title,
        author,
        body,
        published: chosen.map(|(d, _)| d.to_published()),
        published_from: chosen.map(|(_, s)| s.published_from()).unwrap_or_default(),
        declared_language,
        warnings: Vec::new(),
    }
}

fn fallback(
    html: &str,
    meta: PageMeta,
    declared_language: Option<String>,
    not_after: Option<NaiveDate>,
) -> HtmlArticle {
    finish(
        meta.title,
        meta.author,
        whole_page_text(html),
        meta.dates,
        declared_language,
        not_after,
    )
}

fn whole_page_text(html: &str) -> String {
    let doc = Document::from(html);
    let body = doc.select_single("body");
    match body.nodes().first() {
        Some(node) => block_text(node),
        None => String::new(),
    }
}

fn truncate_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn clean_byline(b: &str) -> String {
    let b = b.split_whitespace().collect::<Vec<_>>().join(" ");
    let b = b
        .strip_prefix("By ")
        .or_else(|| b.strip_prefix("by "))
        .or_else(|| b.strip_prefix("BY "))
        .unwrap_or(&b);
    b.trim().to_string()
}

#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    author: Option<String>,
    dates: Vec<(DateSource, PageDate)>,
}

/// Meta names that state the publication date, by how much they can be trusted.
fn meta_date_source(key: &str) -> Option<DateSource> {
    Some(match key {
        "article:published_time"
        | "og:article:published_time"
        | "article.published"
        | "datepublished"
        | "published_time"
        | "publish-date"
        | "publish_date"
        | "publishdate"
        | "pubdate"
        | "parsely-pub-date"
        | "sailthru.date"
        | "dc.date.issued"
        | "dcterms.issued"
        | "article_date_original"
        | "original-publish-date"
        | "cxenseparse:recs:publishtime"
        | "datecreated"
        | "dcterms.created"
        | "date.published" => DateSource::PublishedMeta,
        "date"
        | "dc.date"
        | "dc.created"
        | "dcterms.date"
        | "citation_publication_date"
        | "citation_date"
        | "og:pubdate"
        | "pdate"
        | "displaydate"
        | "creation_date" => DateSource::OtherMeta,
        _ => return None,
    })
}

fn collect_metadata(doc: &Document, url: Option<&str>) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut og_title = None;
    for node in doc.select("meta").nodes() {
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"));
        let (Some(key), Some(content)) = (key, node.attr("content")) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        if let Some(source) = meta_date_source(&key) {
            if let Some(d) = dates::parse_date(content) {
                meta.dates.push((source, d));
            }
            continue;
        }
        match key.as_str() {
            "og:title" | "twitter:title" if og_title.is_none() => {
                og_title = Some(content.to_string())
            }
            "author" | "article:author" | "parsely-author" | "sailthru.author" | "dc.creator"
                if meta.author.is_none() && !content.starts_with("http") =>
            {
                meta.author = Some(clean_byline(content));
            }
            _ => {}
        }
    }
    for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = node.text();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) {
            read_json_ld(&value, &mut meta, 0);
        }
    }
    for node in doc.select("[itemprop=datePublished]").nodes() {
        let raw = node
            .attr("content")
            .or_else(|| node.attr("datetime"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| node.text().to_string());
        if let Some(d) = dates::parse_date(&raw) {
            meta.dates.push((DateSource::TimeElement, d));
        }
    }
    if let Some(node) = doc.select("time[datetime]").nodes().first() {
        if let Some(d) = node.attr("datetime").and_then(|v| dates::parse_date(&v)) {
            meta.dates.push((DateSource::TimeElement, d));
        }
    }
    // Visible bylines and datelines that carry a date in words.
    for node in doc
        .select(r#"[class*="date"], [class*="byline"], [class*="publish"], [class*="dateline"], [id*="date"]"#)
        .nodes()
        .iter()
        .take(8)
    {
        let text = node.text();
        if text.len() < 200 {
            if let Some(d) = dates::find_date_in_text(&text) {
                meta.dates.push((DateSource::VisibleText, d));
            }
        }
    }
    if let Some(d) = url.and_then(dates::date_from_url) {
        meta.dates.push((DateSource::UrlPath, d));
    }
    meta.title = meta.title.or(og_title);
    meta
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "LiveBlogPosting",
    "WebPage",
    "Report",
];

fn read_json_ld(value: &serde_json::Value, meta: &mut PageMeta, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items.iter().take(64) {
                read_json_ld(item, meta, depth + 1);
            }
        }
        serde_json::Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                read_json_ld(graph, meta, depth + 1);
            }
            let is_article = match obj.get("@type") {
                Some(serde_json::Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(serde_json::Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if !is_article {
                return;
            }
            if let Some(d) = obj
                .get("datePublished")
                .and_then(|v| v.as_str())
                .and_then(dates::parse_date)
            {
                meta.dates.push((DateSource::JsonLd, d));
            }
            if meta.title.is_none() {
                meta.title = obj
                    .get("headline")
                    .and_then(|v| v.as_str())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
            }
            if meta.author.is_none() {
                meta.author = obj.get("author").and_then(author_name);
            }
        }
        _ => {}
    }
}

fn author_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.starts_with("http") => Some(clean_byline(s)),
        serde_json::Value::Object(o) => o.get("name").and_then(author_name),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().take(8).filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// Elements whose text is never article prose.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "figcaption",
    "button",
    "nav",
    "aside",
    "form",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "canvas",
    "input",
    "head",
    "title",
    "math",
];

/// Elements that start a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "tbody",
    "thead",
];

/// Class or id words of boilerplate inside an article body: captions, credits, share
/// bars, related links, newsletter sign-ups, ads, comments.
fn is_boilerplate(node: &NodeRef) -> bool {
    let mut attrs = String::new();
    if let Some(c) = node.attr("class") {
        attrs.push_str(&c);
    }
    attrs.push(' ');
    if let Some(i) = node.attr("id") {
        attrs.push_str(&i);
    }
    if attrs.len() < 3 {
        return false;
    }
    let a = attrs.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "caption",
        "credit",
        "related",
        "share",
        "social",
        "newsletter",
        "advert",
        "promo",
        "comment",
        "sponsor",
        "subscribe",
        "recirc",
        "read-more",
        "readmore",
        "more-stories",
        "signup",
        "sign-up",
        "breadcrumb",
        "visually-hidden",
        "sr-only",
        "screen-reader",
    ];
    WORDS.iter().any(|w| a.contains(w))
}

/// The text of `root` with one paragraph a line: block elements and `<br>` end lines,
/// runs of whitespace become one space, captions and share bars are left out.
pub fn block_text(root: &NodeRef) -> String {
    let mut out = String::new();
    // An explicit stack, not recursion: pages nest tens of thousands of levels deep at worst.
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Exit,
    }
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit => newline(&mut out),
            Step::Enter(node) => {
                if node.is_text() {
                    push_inline(&mut out, &node.text());
                    continue;
                }
                if !node.is_element() && !node.is_document() && !node.is_fragment() {
                    continue;
                }
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIP_TAGS.contains(&name.as_str()) {
                    continue;
                }
                if name == "br" {
                    newline(&mut out);
                    continue;
                }
                if node.attr("hidden").is_some()
                    || node
                        .attr("aria-hidden")
                        .is_some_and(|v| v.as_ref() == "true")
                    || is_boilerplate(&node)
                {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&name.as_str());
                if block {
                    newline(&mut out);
                    stack.push(Step::Exit);
                }
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    tidy_lines(&out)
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_inline(out: &mut String, text: &str) {
    for (i, part) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(part);
    }
}

fn tidy_lines(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// Lines that are never article prose even inside the content block: repeated captions,
/// photo credits, gallery controls, bylines and "updated" stamps, all-caps promos, and
/// "You may also like" lists of headlines.
fn drop_boilerplate_lines(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    // A caption shown twice (thumbnail and enlarged view) repeats within a line or two;
    // a refrain repeated far apart in the text is prose and stays.
    let near_copy = |i: usize| {
        let lo = i.saturating_sub(2);
        let hi = (i + 3).min(lines.len());
        (lo..hi).any(|j| j != i && lines[j] == lines[i])
    };
    let mut kept = Vec::with_capacity(lines.len());
    let mut in_related_list = false;
    for (i, line) in lines.iter().enumerate() {
        let words = line.split_whitespace().count();
        if in_related_list {
            if words < 20 && !ends_sentence(line) {
                continue;
            }
            in_related_list = false;
        }
        if is_related_header(line) {
            in_related_list = true;
            continue;
        }
        let repeated = words >= 4 && near_copy(i);
        let near_top = i < 6;
        if repeated
            || is_caption_or_credit(line, words)
            || is_stamp(line, words, near_top)
            || is_promo(line, words)
        {
            continue;
        }
        kept.push(*line);
    }
    kept.join("\n")
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn is_related_header(line: &str) -> bool {
    let l = line.trim().trim_end_matches(['.', ':', '…']).to_lowercase();
    matches!(
        l.as_str(),
        "you may also like"
            | "you might also like"
            | "related"
            | "related articles"
            | "related stories"
            | "related content"
            | "more from this section"
            | "recommended"
            | "recommended for you"
            | "most read"
            | "most popular"
            | "trending"
            | "read more"
            | "more stories"
            | "don't miss"
            | "also read"
            | "see also"
            | "more on this story"
            | "top stories"
            | "latest news"
    )
}

fn is_caption_or_credit(line: &str, words: usize) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    if words <= 12
        && (lower.starts_with("photo:")
            || lower.starts_with("photograph:")
            || lower.starts_with("image:")
            || lower.starts_with("credit:")
            || lower.starts_with("photo credit")
            || lower.starts_with("picture:")
            || lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("image copyright")
            || lower.starts_with("getty images")
            || lower.starts_with("media caption"))
    {
        return true;
    }
    if lower.starts_with("image ") && lower.contains(" of ") && words <= 5 {
        return true;
    }
    if matches!(
        lower.as_str(),
        "caption"
            | "close"
            | "advertisement"
            | "continue reading below"
            | "share"
            | "share this article"
            | "hide caption"
            | "toggle caption"
            | "enlarge this image"
            | "play"
            | "skip advertisement"
            | "story continues below advertisement"
            | "ad"
            | "sponsored"
    ) {
        return true;
    }
    if l.starts_with('[') && l.ends_with(']') && words <= 6 {
        return true;
    }
    // "… (Image: GETTY)", "… (AP Photo/Alan Diaz, File)": a caption with its credit.
    let tail = lower.trim_end_matches([' ', '.']);
    if tail.ends_with(')') {
        if let Some(open) = tail.rfind('(') {
            let credit = &tail[open..];
            if credit.starts_with("(image:")
                || credit.starts_with("(photo")
                || credit.contains("ap photo")
                || credit.starts_with("(picture:")
                || credit.starts_with("(credit")
                || credit.contains("getty images")
            {
                return true;
            }
        }
    }
    lower.contains('©') && words <= 40
}

fn is_stamp(line: &str, words: usize, near_top: bool) -> bool {
    let l = line.trim_start_matches(['|', ' ']).to_lowercase();
    if words <= 14
        && (l.starts_with("published")
            || l.starts_with("updated")
            || l.starts_with("posted")
            || l.starts_with("last updated")
            || l.starts_with("first published"))
    {
        return true;
    }
    near_top && words <= 12 && (l.starts_with("by ") && !ends_sentence(line))
}

fn is_promo(line: &str, words: usize) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let all_caps = letters.len() >= 8 && upper * 10 >= letters.len() * 9;
    if all_caps && words <= 16 {
        return true;
    }
    let lower = line.to_lowercase();
    words <= 25
        && [
            "see more:",
            "read more:",
            "related:",
            "more:",
            "watch:",
            "listen:",
            "sign up",
            "click here",
            "read next:",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Converts a fragment of HTML (a feed item's content) to text, one paragraph a line.
pub fn fragment_text(html: &str) -> String {
    let html = truncate_at_char_boundary(html, MAX_HTML_BYTES);
    if !html.contains('<') {
        return tidy_lines(&decode_entities(html));
    }
    let doc = Document::fragment(html);
    block_text(&doc.root())
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let doc = Document::fragment(format!("<p>{}</p>", s.replace('<', "&lt;")));
    doc.root().text().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
      <title>Envoy meets Zelensky in Kyiv - The Daily Example</title>
      <meta name="author" content="Jane Doe">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Envoy meets Zelensky in Kyiv","datePublished":"2025-02-15T08:00:00+00:00",
        "author":{"@type":"Person","name":"Jane Doe"}}</script>
      </head><body>
      <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
      <main><article>
        <h1>Envoy meets Zelensky in Kyiv</h1>
        <div class="byline">By Jane Doe, 15 February 2025</div>
        <figure><img src="a.jpg"><figcaption>The envoy arrives. Photo: Reuters</figcaption></figure>
        <p>The US envoy met President Volodymyr Zelensky in Kyiv on Thursday, a day after
           talks in Munich, officials said.</p>
        <p>"We had a good meeting," the envoy told reporters<br>outside the presidential office.</p>
        <div class="related-links"><a href="/x">Related: Ceasefire talks stall in Riyadh after
           a long day of negotiations between the delegations</a></div>
        <p>Ukraine has asked for security guarantees before any ceasefire, and European leaders
           are expected to meet in Paris next week to discuss the proposal in detail.</p>
      </article></main>
      <aside>Most read: Something else entirely happened somewhere else today.</aside>
      <footer>Copyright 2025</footer></body></html>"#;

    #[test]
    fn extracts_body_title_author_and_date() {
        let page = extract(
            PAGE,
            Some("https://example.com/world/2025/02/15/envoy"),
            None,
        );
        assert_eq!(page.title.as_deref(), Some("Envoy meets Zelensky in Kyiv"));
        assert_eq!(page.author.as_deref(), Some("Jane Doe"));
        assert_eq!(page.published.as_deref(), Some("2025-02-15T08:00:00Z"));
        assert_eq!(page.published_from, dateline_core::PublishedFrom::Metadata);
        assert_eq!(page.declared_language.as_deref(), Some("en"));
        assert!(
            page.body
                .contains("The US envoy met President Volodymyr Zelensky"),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("Ukraine has asked for security guarantees"));
        assert!(!page.body.contains("Photo: Reuters"), "{}", page.body);
        assert!(!page.body.contains("Related:"), "{}", page.body);
        assert!(!page.body.contains("Most read"));
        assert!(!page.body.contains("Copyright"));
        // Paragraphs are lines; a <br> ends a line too.
        let lines: Vec<&str> = page.body.lines().collect();
        assert!(lines
            .iter()
            .any(|l| l.starts_with("The US envoy") && l.ends_with("officials said.")));
    }

    #[test]
    fn refuses_future_dates_and_falls_back_to_url() {
        let html = r#"<html><head><meta property="article:published_time" content="2031-01-01"></head>
          <body><p>Some article text that is long enough to be the body of the page here.</p></body></html>"#;
        let crawl = NaiveDate::from_ymd_opt(2025, 3, 1);
        let page = extract(html, Some("https://example.com/2025/02/14/story"), crawl);
        assert_eq!(page.published.as_deref(), Some("2025-02-14"));
        assert_eq!(page.published_from, dateline_core::PublishedFrom::Inferred);
    }

    #[test]
    fn deep_nesting_is_flattened_before_parsing_with_a_warning() {
        let n = 200_000;
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}<p>Negotiators met in Riyadh on Friday to restart the talks, officials said.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let started = std::time::Instant::now();
        let article = extract(&page, None, None);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        assert!(
            article.body.contains("Negotiators met in Riyadh"),
            "{article:?}"
        );
        assert_eq!(article.warnings.len(), 1);
        assert!(
            article.warnings[0].contains("200000 deep"),
            "{:?}",
            article.warnings
        );
        let plain = extract("<html><body><p>Just a page.</p></body></html>", None, None);
        assert!(plain.warnings.is_empty());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for html in [
            "",
            "<",
            "<html>",
            "\u{0}\u{0}",
            "<p>ü</p>",
            &"<div>".repeat(5_000),
        ] {
            let _ = extract(html, Some("not a url"), None);
        }
        assert_eq!(fragment_text("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(
            fragment_text("<p>One</p><p>Two <b>bold</b></p>"),
            "One\nTwo bold"
        );
    }
}

//! The dateline document model: the contract every stage, output and consumer shares.
//!
//! A [`Document`] carries an article's prepared `text` and the layers that the pipeline
//! stages add to it: sentences, tokens, entities, times, quotes and events. Every offset
//! is in **chars** (Unicode scalar values), end-exclusive, into [`Document::text`], so that
//! in Python `doc["text"][m["start"]:m["end"]] == m["text"]`.
//!
//! The JSON shape is `dateline.document/1`, published as `schema/document.schema.json`
//! at the root of the repository.
//!
//! ```
//! use dateline_core::{Document, Source, SourceFormat};
//!
//! let doc = Document::new("d1", Source::text("a.txt"), "Mr Starmer spoke on Friday.".into());
//! assert_eq!(doc.schema, dateline_core::SCHEMA);
//! assert_eq!(doc.char_len(), 27);
//! assert_eq!(doc.slice(3, 10), "Starmer");
//! ```

#![deny(missing_docs)]

mod article;
pub mod calendar;
mod encoding;
pub mod fnv;
mod index;
mod offsets;
mod plover;
mod stage;
mod tags;
mod text;
pub mod timex;

pub use article::Article;
pub use encoding::Encoding;
pub use index::{DocIndex, TokenSpan};
pub use offsets::OffsetMap;
pub use plover::{ActorRole, PloverType, QuadClass, UnknownValue};
pub use stage::{check_order, Layer, Stage, PREPARED};
pub use tags::{Deprel, Upos};
pub use text::CharIndex;
pub use timex::Timex;

use serde::{Deserialize, Serialize};

/// The schema identifier written into every document.
pub const SCHEMA: &str = "dateline.document/1";

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file (or `-` for stdin) the article was read from.
    pub path: Option<String>,
    /// The article's URL, when the input gives one.
    pub url: Option<String>,
    /// The input format the reader recognised.
    pub format: SourceFormat,
}

impl Source {
    /// A plain-text source read from `path`.
    pub fn text(path: impl Into<String>) -> Self {
        Source {
            path: Some(path.into()),
            url: None,
            format: SourceFormat::Text,
        }
    }
}

/// Input formats a reader can recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text (`.txt`, standard input).
    Text,
    /// An HTML page, main text extracted.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// An RSS feed.
    Rss,
    /// An Atom feed.
    Atom,
    /// A JSON Feed.
    Json,
    /// A WARC web archive (optionally gzipped).
    Warc,
}

impl SourceFormat {
    /// The lower-case name the JSON uses.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Rss => "rss",
            SourceFormat::Atom => "atom",
            SourceFormat::Json => "json",
            SourceFormat::Warc => "warc",
        }
    }
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// Given by the user (`--published`) or by the input record.
    Given,
    /// Read from the page's or feed's metadata.
    Metadata,
    /// Read from the article text (a dateline, a stated date).
    Text,
    /// Inferred from other evidence (the crawl date, the URL).
    Inferred,
    /// No publication date is known.
    #[default]
    None,
}

/// A sentence: a char span of [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
}

/// A token with its syntax. `head` is the index of the head token in the same
/// document's `tokens` (`None` for a sentence root or when no parser has run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// Universal part of speech.
    pub upos: Option<Upos>,
    /// Penn Treebank tag (EWT's XPOS).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub xpos: Option<String>,
    /// Dictionary form.
    pub lemma: Option<String>,
    /// Index of the head token in `tokens`; `None` for a root.
    pub head: Option<usize>,
    /// Relation to the head.
    pub deprel: Option<Deprel>,
    /// Index into [`Document::sentences`]; not part of the JSON contract.
    #[serde(skip)]
    pub sentence: usize,
    /// True when whitespace follows this token in the text; not part of the JSON contract.
    #[serde(skip)]
    pub space_after: bool,
}

impl Token {
    /// A token with no syntax yet.
    pub fn new(start: usize, end: usize, text: impl Into<String>, sentence: usize) -> Self {
        Token {
            start,
            end,
            text: text.into(),
            upos: None,
            xpos: None,
            lemma: None,
            head: None,
            deprel: None,
            sentence,
            space_after: false,
        }
    }
}

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: company, party, agency, armed group.
    Org,
    /// A geopolitical entity: country, city, state.
    Gpe,
    /// A place that is not a polity: region, river, mountain.
    Loc,
    /// A nationality, religious or political group ("Russian", "Labour").
    Norp,
    /// A facility: building, airport, bridge.
    Fac,
    /// A named event: a summit, a war, a festival.
    Event,
    /// Anything else named.
    Other,
}

impl EntityType {
    /// The upper-case name the JSON uses.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Fac => "FAC",
            EntityType::Event => "EVENT",
            EntityType::Other => "OTHER",
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name ("Keir Starmer", "Mr Starmer").
    Name,
    /// A description ("the Prime Minister").
    Nominal,
    /// A pronoun ("he", "his").
    Pronoun,
}

/// One place in the text that refers to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// How the mention names the entity.
    pub kind: MentionKind,
}

/// A role an entity holds, as the text states it ("Prime Minister", "envoy to Ukraine").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role as written ("Prime Minister").
    pub title: String,
    /// The entity id of the organisation or country the role belongs to.
    pub of: Option<String>,
    /// Char offset of the first char of the role's words.
    pub start: usize,
    /// Char offset one past the role's words.
    pub end: usize,
}

/// A real-world referent with every mention the article makes of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `E1`, `E2`… in order of first mention.
    pub id: String,
    /// The fullest proper name the text uses.
    pub name: String,
    #[serde(rename = "type")]
    /// The entity's type.
    pub kind: EntityType,
    /// Roles the text gives it.
    pub roles: Vec<Role>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Standard codes: `iso3` (ISO 3166 alpha-3), `cameo`, `plover` where they exist, and for
    /// collective actors the events stage creates, `sector` (POLECAT-style: GOV, MIL, POL, JUD,
    /// CVL, BUS…) when the corpus knows the group's head noun.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty", default)]
    pub codes: std::collections::BTreeMap<String, String>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time ("three days").
    Duration,
    /// A recurrence ("every Monday").
    Set,
}

/// A time expression normalised to a TimeML TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// `T1`, `T2`… in text order.
    pub id: String,
    /// The expression as written.
    pub text: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    #[serde(rename = "type")]
    /// The TIMEX3 type.
    pub kind: TimeType,
    /// TIMEX3 value: `2025-02-17`, `2025-W09`, `2025-02-14TMO`, `P3D`, `PRESENT_REF`, `XXXX-XX-XX`…
    pub value: Timex,
    /// TimeML mod: AFTER, BEFORE, START, MID, END, APPROX, …
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// What a relative expression was resolved against: `published`, a time id, or `none`.
    pub anchor: String,
}

/// Kinds of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks attributed to a speaker.
    Direct,
    /// A quoted fragment inside reported speech.
    Partial,
    /// Reported speech without quotation marks ("he said that …").
    Indirect,
}

/// Speech attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// `Q1`, `Q2`… in text order.
    pub id: String,
    /// The quoted words.
    pub text: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaker's entity id.
    pub speaker: Option<String>,
    /// The words in the text that name the speaker.
    pub speaker_text: Option<String>,
    /// The speech or cognition verb that introduces the quote.
    pub cue: Option<String>,
}

/// Event status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// The text reports it as having happened.
    Occurred,
    /// A participant has arranged or announced it.
    Planned,
    /// Others expect it.
    Expected,
    /// It would happen under a condition, or is asked for.
    Hypothetical,
    /// The text says it did not or will not happen.
    Denied,
}

/// The words that carry an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The words as written.
    pub text: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
}

/// A participant in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// The entity id of the participant.
    pub entity: String,
    /// `source`, `target`, `participant` or `host`.
    pub role: ActorRole,
}

/// A PLOVER event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `V1`, `V2`… in text order.
    pub id: String,
    /// PLOVER type: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST,
    /// ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT.
    #[serde(rename = "type")]
    pub kind: PloverType,
    /// The PLOVER mode ("visit", "restrict", …) when the trigger says it.
    pub mode: Option<String>,
    /// Whether it happened, is planned, expected, hypothetical or denied.
    pub status: EventStatus,
    /// The words that carry it first.
    pub trigger: Trigger,
    /// Further words that carry the same event elsewhere in the article.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub other_triggers: Vec<Trigger>,
    /// Its participants with their roles.
    pub actors: Vec<EventActor>,
    /// The time id of when it happens.
    pub time: Option<String>,
    /// The entity id of where it happens.
    pub place: Option<String>,
    /// The index of the sentence of its trigger.
    pub sentence: usize,
    /// Ids of quotes that report it.
    pub quotes: Vec<String>,
    /// How sure the learned trigger head is of the event's type, in [0, 1]; absent when the
    /// lexicon alone decided (no model, or a named event the head does not judge).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<f32>,
}

/// One article and its layers: the `dateline.document/1` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `dateline.document/1`.
    pub schema: String,
    /// A stable id: the input's, or a hash of the URL and text.
    pub id: String,
    /// Where the article was read from.
    pub source: Source,
    /// The headline, when known.
    pub title: Option<String>,
    /// `YYYY-MM-DD` or RFC 3339.
    pub published: Option<String>,
    /// Where `published` came from.
    pub published_from: PublishedFrom,
    /// ISO 639-1 code of the text's language.
    pub language: String,
    /// The prepared text every offset points into.
    pub text: String,
    /// Sentence spans in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens and their syntax. Always computed; written to JSON only on request
    /// (`--with-tokens`), so an empty list is omitted.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tokens: Vec<Token>,
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Time expressions in text order.
    pub times: Vec<TimeExpr>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Events in text order.
    pub events: Vec<Event>,
    /// What the reader and the stages noticed about the input.
    pub warnings: Vec<String>,
    /// Maps char offsets in `text` back to the text as it was read (the title and body
    /// before preparation); not part of the JSON contract.
    #[serde(skip)]
    pub offsets: OffsetMap,
    /// The token layer's lookups, built on first use after the tokens last changed.
    #[serde(skip)]
    index: std::sync::OnceLock<DocIndex>,
    /// The shared contextual token vectors (one per token of `tokens`) that later learned
    /// heads read instead of encoding again; filled by the neural parser, never in JSON.
    #[serde(skip)]
    pub encoding: Option<Encoding>,
}

impl Document {
    /// An empty document over `text`, with no layers.
    pub fn new(id: impl Into<String>, source: Source, text: String) -> Self {
        Document {
            schema: SCHEMA.to_string(),
            id: id.into(),
            source,
            title: None,
            published: None,
            published_from: PublishedFrom::None,
            language: "en".to_string(),
            text,
            sentences: Vec::new(),
            tokens: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
            offsets: OffsetMap::default(),
            index: std::sync::OnceLock::new(),
            encoding: None,
        }
    }

    /// The document index (char ↔ token maps, sentence token ranges, dependency children),
    /// built once on first use. Stages that change `tokens` or their syntax call
    /// [`Document::tokens_changed`] so the next call rebuilds it.
    pub fn index(&self) -> &DocIndex {
        self.index
            .get_or_init(|| DocIndex::build(&self.text, &self.sentences, &self.tokens))
    }

    /// Drops the document index after `tokens` (or their heads) changed.
    pub fn tokens_changed(&mut self) {
        self.index = std::sync::OnceLock::new();
    }

    /// The char span in the text as it was read (before preparation) of the span
    /// `start..end` of `text`. With no offset map recorded, the span itself.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.offsets.prepared_len() == 0 && self.offsets.raw_len() == 0 {
            return (start, end);
        }
        self.offsets.span_to_original(start, end)
    }

    /// The length of `text` in chars.
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }

    /// The text between two char offsets. Out-of-range offsets are clamped.
    /// For many lookups build a [`CharIndex`] once instead.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        CharIndex::new(&self.text).slice(&self.text, start, end)
    }

    /// The publication date as a calendar date (`YYYY-MM-DD`), when it is known.
    pub fn published_date(&self) -> Option<&str> {
        self.published.as_deref().and_then(|p| p.get(..10))
    }

    /// Checks that every span in every layer lies inside `text`, that its `text` field equals
    /// the text it points at, and that cross-references (entity, time and quote ids) resolve.
    /// Tests of every stage call this; it returns the first problem found.
    pub fn check_spans(&self) -> std::result::Result<(), String> {
        let idx = CharIndex::new(&self.text);
        let n = idx.char_len();
        let check = |what: &str, start: usize, end: usize, text: Option<&str>| {
            if start > end || end > n {
                return Err(format!(
                    "{what}: span {start}..{end} outside text of {n} chars"
                ));
            }
            if let Some(t) = text {
                let actual = idx.slice(&self.text, start, end);
                if actual != t {
                    return Err(format!(
                        "{what}: text {t:?} but span {start}..{end} is {actual:?}"
                    ));
                }
            }
            Ok(())
        };
        for (i, s) in self.sentences.iter().enumerate() {
            check(&format!("sentence {i}"), s.start, s.end, None)?;
        }
        for (i, t) in self.tokens.iter().enumerate() {
            check(&format!("token {i}"), t.start, t.end, Some(&t.text))?;
            if let Some(h) = t.head {
                if h >= self.tokens.len() {
                    return Err(format!("token {i}: head {h} is not a token index"));
                }
            }
        }
        let entity_ids: std::collections::HashSet<&str> =
            self.entities.iter().map(|e| e.id.as_str()).collect();
        for e in &self.entities {
            for m in &e.mentions {
                check(
                    &format!("entity {} mention", e.id),
                    m.start,
                    m.end,
                    Some(&m.text),
                )?;
            }
            for r in &e.roles {
                check(&format!("entity {} role", e.id), r.start, r.end, None)?;
                if let Some(of) = &r.of {
                    if !entity_ids.contains(of.as_str()) {
                        return Err(format!("entity {} role: `of` {of} is not an entity", e.id));
                    }
                }
            }
        }
        let time_ids: std::collections::HashSet<&str> =
            self.times.iter().map(|t| t.id.as_str()).collect();
        for t in &self.times {
            check(&format!("time {}", t.id), t.start, t.end, Some(&t.text))?;
        }
        let quote_ids: std::collections::HashSet<&str> =
            self.quotes.iter().map(|q| q.id.as_str()).collect();
        for q in &self.quotes {
            check(&format!("quote {}", q.id), q.start, q.end, Some(&q.text))?;
            if let Some(s) = &q.speaker {
                if !entity_ids.contains(s.as_str()) {
                    return Err(format!("quote {}: speaker {s} is not an entity", q.id));
                }
            }
        }
        for v in &self.events {
            for trig in std::iter::once(&v.trigger).chain(&v.other_triggers) {
                check(
                    &format!("event {} trigger", v.id),
                    trig.start,
                    trig.end,
                    Some(&trig.text),
                )?;
            }
            for a in &v.actors {
                if !entity_ids.contains(a.entity.as_str()) {
                    return Err(format!(
                        "event {}: actor {} is not an entity",
                        v.id, a.entity
                    ));
                }
            }
            if let Some(p) = &v.place {
                if !entity_ids.contains(p.as_str()) {
                    return Err(format!("event {}: place {p} is not an entity", v.id));
                }
            }
            if let Some(t) = &v.time {
                if !time_ids.contains(t.as_str()) {
                    return Err(format!("event {}: time {t} is not a time", v.id));
                }
            }
            for q in &v.quotes {
                if !quote_ids.contains(q.as_str()) {
                    return Err(format!("event {}: quote {q} is not a quote", v.id));
                }
            }
            if v.sentence >= self.sentences.len().max(1) {
                return Err(format!(
                    "event {}: sentence {} out of range",
                    v.id, v.sentence
                ));
            }
        }
        Ok(())
    }

    /// Indices of the tokens in sentence `s` (a range into `tokens`).
    pub fn sentence_tokens(&self, s: usize) -> std::ops::Range<usize> {
        let lo = self.tokens.partition_point(|t| t.sentence < s);
        let hi = self.tokens.partition_point(|t| t.sentence <= s);
        lo..hi
    }
}

/// Errors a reader or the pipeline reports for one input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    /// Reading a file failed.
    Io {
        /// The file.
        path: String,
        #[source]
        /// The I/O error.
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    /// An input could not be read as an article: where, and what is wrong.
    Input {
        /// The input (a path, `-`, or a path with a line or record number).
        path: String,
        /// What is wrong, and what to do about it.
        message: String,
    },
    #[error("{0}")]
    /// Any other failure, with its message.
    Other(String),
}

impl Error {
    /// An [`Error::Input`] naming the input and the problem.
    pub fn input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A result with dateline's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Checks a publication date given by a user (`--published`, the Python `published=`):
/// `YYYY-MM-DD`, or RFC 3339 (`YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or an offset such as
/// `+01:00`). The date must exist, hours run to 23, minutes and seconds to 59, offsets
/// within ±14:00. Returns it unchanged, or a message that names what is wrong and says
/// what to write.
///
/// ```
/// use dateline_core::parse_published;
/// assert!(parse_published("2025-02-15").is_ok());
/// assert!(parse_published("2025-02-15T09:30:00Z").is_ok());
/// assert!(parse_published("2025-02-15T09:30:00.250-05:00").is_ok());
/// assert!(parse_published("15/02/2025").unwrap_err().contains("YYYY-MM-DD"));
/// assert!(parse_published("2025-02-30").unwrap_err().contains("February 2025 has 28 days"));
/// assert!(parse_published("2024-02-29").is_ok());
/// let e = parse_published("2025-02-15T25:61:00+99:00").unwrap_err();
/// assert!(e.contains("hour 25"), "{e}");
/// assert!(parse_published("2025-02-15T23:59:00+14:30").unwrap_err().contains("±14:00"));
/// ```
pub fn parse_published(s: &str) -> std::result::Result<String, String> {
    check_published(s).map(|()| s.to_string()).map_err(|why| {
        format!(
            "`{s}` is not a date{why}: use YYYY-MM-DD (e.g. 2025-02-15) or RFC 3339 (e.g. 2025-02-15T09:30:00Z or 2025-02-15T09:30:00+01:00)"
        )
    })
}

/// `Err(reason)`, the reason starting with `" (…)"` or empty, for an invalid date.
fn check_published(s: &str) -> std::result::Result<(), String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(String::new());
    };
    if b[4] != b'-' || b[7] != b'-' {
        return Err(String::new());
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !(1..=12).contains(&month) {
        return Err(format!(" (month {month}: months run 01 to 12)"));
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days_in_month).contains(&day) {
        return Err(format!(
            " (day {day}: {} {year} has {days_in_month} days)",
            MONTHS[month as usize - 1]
        ));
    }
    if b.len() == 10 {
        return Ok(());
    }
    if !matches!(b[10], b'T' | b't') {
        return Err(String::new());
    }
    // HH:MM, then :SS and .fraction, each optional.
    let (Some(hour), Some(minute)) = (digits(11..13), digits(14..16)) else {
        return Err(" (the time must be HH:MM or HH:MM:SS)".into());
    };
    if b.get(13) != Some(&b':') {
        return Err(" (the time must be HH:MM or HH:MM:SS)".into());
    }
    if hour > 23 {
        return Err(format!(" (hour {hour}: hours run 00 to 23)"));
    }
    if minute > 59 {
        return Err(format!(" (minute {minute}: minutes run 00 to 59)"));
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        let Some(second) = digits(i + 1..i + 3) else {
            return Err(" (seconds must be two digits)".into());
        };
        if second > 59 {
            return Err(format!(" (second {second}: seconds run 00 to 59)"));
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            let fraction = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if fraction == 0 {
                return Err(" (a decimal point must be followed by digits)".into());
            }
            i += 1 + fraction;
        }
    }
    let offset = &s[i..];
    match offset.as_bytes().first() {
        None | Some(b'Z' | b'z') if offset.len() <= 1 => Ok(()),
        Some(b'+' | b'-') => {
            let ob = offset.as_bytes();
            let (hours, minutes) = match ob.len() {
                3 => (digits(i + 1..i + 3), Some(0)),
                5 => (digits(i + 1..i + 3), digits(i + 3..i + 5)),
                6 if ob[3] == b':' => (digits(i + 1..i + 3), digits(i + 4..i + 6)),
                _ => (None, None),
            };
            match (hours, minutes) {
                (Some(h), Some(m)) if m <= 59 && h * 60 + m <= 14 * 60 => Ok(()),
                (Some(_), Some(_)) => Err(format!(
                    " (offset {offset}: offsets lie within ±14:00, minutes up to 59)"
                )),
                _ => Err(format!(
                    " (offset `{offset}`: write Z, or +HH:MM such as +01:00)"
                )),
            }
        }
        _ => Err(format!(
            " (`{offset}` after the time: end it with Z or an offset such as +01:00)"
        )),
    }
}

/// Where the shared data lives: `$DATELINE_SHARED`, else `../shared` beside the repository.
pub fn shared_dir() -> std::path::PathBuf {
    if let Ok(dir) = std::env::var("DATELINE_SHARED") {
        return dir.into();
    }
    // CARGO_MANIFEST_DIR is crates/<name>; the repository root is two levels up.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join("../shared")
}

#[cfg(test)]
mod published_tests {
    use super::parse_published;

    #[test]
    fn published_dates_are_checked_strictly() {
        for ok in [
            "2025-02-15",
            "2025-02-15T09:30",
            "2025-02-15T09:30:00",
            "2025-02-15T23:59:59.999999Z",
            "2025-02-15t00:00:00z",
            "2025-02-15T09:30:00+14:00",
            "2025-02-15T09:30:00-12:00",
            "2025-02-15T09:30:00+0530",
            "2025-02-15T09:30:00+01",
            "2000-02-29",
        ] {
            assert_eq!(parse_published(ok).as_deref(), Ok(ok));
        }
        for (bad, why) in [
            ("2025-02-15T25:61:00+99:00", "hour 25"),
            ("2025-02-15T23:61:00Z", "minute 61"),
            ("2025-02-15T23:59:60Z", "second 60"),
            ("2025-02-15T09:30:00+99:00", "±14:00"),
            ("2025-02-15T09:30:00+14:01", "±14:00"),
            ("2025-02-15T09:30:00+01:75", "±14:00"),
            ("2025-02-15T09:30:00 UTC", "after the time"),
            ("2025-02-15T9:30", "HH:MM"),
            ("2025-13-01", "month 13"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2025-04-31", "April 2025 has 30 days"),
            ("2025-02-15 09:30", "YYYY-MM-DD"),
            ("yesterday", "YYYY-MM-DD"),
            ("2025-02-15T09:30:00.Z", "decimal point"),
        ] {
            let e = parse_published(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
            assert!(e.contains(bad), "{e}");
            assert!(e.contains("RFC 3339"), "{e}");
        }
    }
}

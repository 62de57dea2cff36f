//! The read path: corpus events, entities, quotes, documents and search, as serialisable
//! rows shared by the CLI and the HTTP API.

use crate::names::{normalize, surname};
use crate::terms::{fts_query, SearchTerms};
use crate::write::StatusChange;
use crate::{Error, Result, Store};
use dateline_core::{Document, EntityType};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A corpus entity, briefly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Corpus entity id (the store's row id; `#id` in filters).
    pub id: i64,
    /// The name it is listed under (the full name, once any article gives one).
    pub name: String,
    /// Entity type (`PERSON`, `ORG`, `GPE`…).
    #[serde(rename = "type")]
    pub kind: String,
}

/// An actor of a corpus event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Corpus entity id (the store's row id; `#id` in filters).
    pub id: i64,
    /// The name it is listed under.
    pub name: String,
    /// Entity type (`PERSON`, `ORG`, `GPE`…).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its part in the event: `source`, `target` or `participant`.
    pub role: String,
}

/// One real-world event, merged over every report of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusEvent {
    /// Corpus event id (the store's row id).
    pub id: i64,
    /// PLOVER type (`CONSULT`, `ACCUSE`…).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode (e.g. `restrict`, or what is threatened), the one most reports give.
    pub mode: Option<String>,
    /// `occurred`, `planned`, `expected`, `hypothetical` or `denied`, as the latest report says.
    pub status: String,
    /// A one-line summary: "Keir Starmer → CONSULT → Donald Trump".
    pub label: String,
    /// The most precise TIMEX3 value any report gives.
    pub time: Option<String>,
    /// First day (`YYYY-MM-DD`) that `time` covers.
    pub date_start: Option<String>,
    /// Last day (`YYYY-MM-DD`, inclusive) that `time` covers.
    pub date_end: Option<String>,
    /// Publication date of the earliest report.
    pub first_reported: Option<String>,
    /// Publication date of the latest report.
    pub last_reported: Option<String>,
    /// Its actors, merged over the reports.
    pub actors: Vec<ActorRef>,
    /// Number of reports (document events) merged into this event.
    pub sources: i64,
    /// Number of distinct documents reporting it.
    pub documents: i64,
    /// Each change of status, in report order.
    pub history: Vec<StatusChange>,
}

/// Words of the text that carry an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// The words as written.
    pub text: String,
    /// First char (char offset in the document text).
    pub start: i64,
    /// One past the last char (char offset in the document text).
    pub end: i64,
}

/// One article's report of a corpus event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    /// The reporting document's id.
    pub document: String,
    /// That document's title.
    pub title: Option<String>,
    /// That document's URL.
    pub url: Option<String>,
    /// That document's publication date.
    pub published: Option<String>,
    /// The event's id inside its document (`V1`).
    pub event: String,
    /// The status this report gives (`occurred`, `planned`…).
    pub status: String,
    /// The words that carry the event.
    pub trigger: Span,
    /// The time expression as written ("on Tuesday").
    pub time_text: Option<String>,
    /// Its resolved TIMEX3 value (`2025-02-11`).
    pub time_value: Option<String>,
    /// The name of the place the report gives.
    pub place: Option<String>,
    /// The sentence the event is reported in.
    pub sentence: String,
    /// Quotes the report ties to the event.
    pub quotes: Vec<QuoteRow>,
}

/// A corpus event with every report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    /// The merged event.
    #[serde(flatten)]
    pub event: CorpusEvent,
    /// Every article's report of it, by publication date.
    pub reports: Vec<EventReport>,
}

/// A quote with its speaker and article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// The quote's row id in the store.
    pub id: i64,
    /// The id of the document it is in.
    pub document: String,
    /// That document's title.
    pub title: Option<String>,
    /// That document's publication date.
    pub published: Option<String>,
    /// The quote's id inside its document (`Q1`).
    pub quote: String,
    /// The quoted words.
    pub text: String,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
    /// The corpus entity it is attributed to, when resolved.
    pub speaker: Option<EntityRef>,
    /// The words in the text that name the speaker.
    pub speaker_text: Option<String>,
    /// The speech or cognition verb that introduces it ("said").
    pub cue: Option<String>,
    /// First char (char offset in the document text).
    pub start: i64,
    /// One past the last char (char offset in the document text).
    pub end: i64,
}

/// A corpus entity with counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// Corpus entity id (the store's row id; `#id` in filters).
    pub id: i64,
    /// The name it is listed under (the full name, once any article gives one).
    pub name: String,
    /// Entity type (`PERSON`, `ORG`, `GPE`…).
    #[serde(rename = "type")]
    pub kind: String,
    /// Articles that name it.
    pub document_count: i64,
    /// Corpus events it takes part in.
    pub event_count: i64,
    /// Quotes attributed to it.
    pub quote_count: i64,
    /// Standard codes: `iso3` (ISO 3166 alpha-3), `cameo`, `plover` where they exist.
    pub codes: BTreeMap<String, String>,
}

/// A name an entity was called by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AliasRow {
    /// The name as written.
    pub alias: String,
    /// Articles that use it.
    pub documents: i64,
    /// Publication date of the first article that uses it.
    pub first_seen: Option<String>,
    /// Publication date of the last article that uses it.
    pub last_seen: Option<String>,
}

/// A role an entity was said to hold, with when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRow {
    /// The role ("Prime Minister").
    pub title: String,
    /// What the role is of ("the UK"), when said.
    pub of: Option<String>,
    /// Articles that give it.
    pub documents: i64,
    /// Publication date of the first article that gives it.
    pub first_seen: Option<String>,
    /// Publication date of the last article that gives it.
    pub last_seen: Option<String>,
}

/// An edge of an actor's network: events linking it to another entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkEdge {
    /// The entity at the other end.
    pub other: EntityRef,
    /// PLOVER type of the linking events.
    #[serde(rename = "type")]
    pub kind: String,
    /// `out` (this actor is the source), `in` (the target), or `with` (no direction).
    pub direction: String,
    /// Number of corpus events of that type linking the two.
    pub events: i64,
}

/// Everything known about one corpus entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDetail {
    /// The entity with its counts.
    #[serde(flatten)]
    pub entity: EntitySummary,
    /// Publication date of the first article naming it.
    pub first_seen: Option<String>,
    /// Publication date of the last article naming it.
    pub last_seen: Option<String>,
    /// Every name it was called by.
    pub aliases: Vec<AliasRow>,
    /// Every role it was said to hold.
    pub roles: Vec<RoleRow>,
    /// Quotes attributed to it (at most 200).
    pub quotes: Vec<QuoteRow>,
    /// Corpus events it takes part in.
    pub events: Vec<CorpusEvent>,
    /// The entities it shares events with.
    pub network: Vec<NetworkEdge>,
}

/// A stored document, briefly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// The URL it was read from.
    pub url: Option<String>,
    /// The file it was read from.
    pub path: Option<String>,
    /// Its publication date (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Number of entities in it.
    pub entities: i64,
    /// Number of events in it.
    pub events: i64,
    /// Number of quotes in it.
    pub quotes: i64,
    /// Search hits only: the matching passage, with matches between U+0002 and U+0003.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// A stored document with links from its layers to the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDetail {
    /// The document as stored, every layer included.
    pub document: Document,
    /// Document entity id (`E1`) → corpus entity id.
    pub entity_links: BTreeMap<String, i64>,
    /// Document event id (`V1`) → corpus event id.
    pub event_links: BTreeMap<String, i64>,
}

/// Search results across layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The words searched for.
    pub query: String,
    /// Entities whose names match.
    pub entities: Vec<EntitySummary>,
    /// Corpus events reported in matching sentences.
    pub events: Vec<CorpusEvent>,
    /// Quotes that match.
    pub quotes: Vec<QuoteRow>,
    /// Documents whose text matches, with a snippet each.
    pub documents: Vec<DocumentSummary>,
    /// What was left out of the search (words past [`crate::MAX_SEARCH_TERMS`]), when anything was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// Corpus counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Documents stored.
    pub documents: i64,
    /// Document-level entities.
    pub entities: i64,
    /// Corpus entities (document entities merged across articles).
    pub corpus_entities: i64,
    /// Quotes.
    pub quotes: i64,
    /// Document-level events (reports).
    pub events: i64,
    /// Corpus events (reports merged across articles).
    pub corpus_events: i64,
    /// Corpus events with more than one report.
    pub merged_events: i64,
    /// Reports folded into another report's corpus event (`events - corpus_events`).
    pub merged_reports: i64,
}

/// Filters for corpus events; every field narrows the result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// A name ("Keir Starmer", "Starmer"), a code (`GBR`) or `#id` of a corpus entity.
    pub actor: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First day (`YYYY-MM-DD`): events whose time ends on or after it.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`): events whose time starts on or before it.
    pub to: Option<String>,
    /// Event status (`occurred`, `planned`…).
    pub status: Option<String>,
    /// Words that must appear in a sentence reporting the event.
    pub text: Option<String>,
    /// At most this many results.
    pub limit: Option<usize>,
    /// Skip this many results first (paging).
    pub offset: Option<usize>,
}

/// Filters for quotes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteFilter {
    /// A name, a code or `#id` of the corpus entity quoted.
    pub speaker: Option<String>,
    /// Words the quote must contain.
    pub about: Option<String>,
    /// Only quotes in this document (by id).
    pub document: Option<String>,
    /// At most this many results.
    pub limit: Option<usize>,
    /// Skip this many results first (paging).
    pub offset: Option<usize>,
}

fn check_date(field: &str, value: &str) -> Result<()> {
    if crate::merge::parse_date(value).is_none() || value.len() != 10 {
        return Err(Error::Invalid(format!(
            "{field}: `{value}` is not a date; use YYYY-MM-DD"
        )));
    }
    Ok(())
}

const EVENT_COLUMNS: &str =
    "ce.id, ce.type, ce.mode, ce.status, ce.label, ce.time_value, ce.date_start, ce.date_end,
     ce.first_reported, ce.last_reported, ce.sources, ce.documents, ce.history";

const QUOTE_COLUMNS: &str =
    "q.id, d.doc_id, d.title, d.published_date, q.local_id, q.text, q.kind, q.speaker_corpus,
     c.name, c.type, q.speaker_text, q.cue, q.start, q.end";

const QUOTE_FROM: &str = "quotes q JOIN documents d ON d.id = q.doc LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus";

fn quote_row(r: &Row) -> rusqlite::Result<QuoteRow> {
    let speaker_id: Option<i64> = r.get(7)?;
    Ok(QuoteRow {
        id: r.get(0)?,
        document: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        quote: r.get(4)?,
        text: r.get(5)?,
        kind: r.get(6)?,
        speaker: match speaker_id {
            Some(id) => Some(EntityRef {
                id,
                name: r.get(8)?,
                kind: r.get(9)?,
            }),
            None => None,
        },
        speaker_text: r.get(10)?,
        cue: r.get(11)?,
        start: r.get(12)?,
        end: r.get(13)?,
    })
}

const ENTITY_COLUMNS: &str = "c.id, c.name, c.type, c.codes,
     (SELECT count(DISTINCT doc) FROM entities e WHERE e.corpus_id = c.id),
     (SELECT count(DISTINCT event_id) FROM corpus_event_actors a WHERE a.entity_id = c.id),
     (SELECT count(*) FROM quotes q WHERE q.speaker_corpus = c.id)";

fn entity_row(r: &Row) -> rusqlite::Result<EntitySummary> {
    let codes: String = r.get(3)?;
    Ok(EntitySummary {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        codes: serde_json::from_str(&codes).unwrap_or_default(),
        document_count: r.get(4)?,
        event_count: r.get(5)?,
        quote_count: r.get(6)?,
    })
}

impl Store {
    /// Corpus entity ids an actor or speaker query names: `#12`, a code (`GBR`, `USA`), a
    /// full name or alias ("Sir Keir Starmer", "the US"), or a surname ("Starmer").
    pub fn find_entities(&self, query: &str) -> Result<Vec<i64>> {
        let q = query.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(id) = q.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
            return Ok(vec![id]);
        }
        let mut ids: Vec<i64> = Vec::new();
        let push = |ids: &mut Vec<i64>, found: Vec<i64>| {
            for id in found {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        };
        let by_code: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT DISTINCT corpus_id FROM entity_codes WHERE code = ?1")?;
            let rows = stmt.query_map([q.to_ascii_uppercase()], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        push(&mut ids, by_code);
        let mut norms = vec![
            normalize(q, EntityType::Person),
            normalize(q, EntityType::Org),
        ];
        norms.retain(|n| !n.is_empty());
        norms.dedup();
        for norm in &norms {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM corpus_entities WHERE norm = ?1
                 UNION SELECT DISTINCT corpus_id FROM aliases WHERE norm = ?1",
            )?;
            let rows = stmt.query_map([norm], |r| r.get(0))?;
            push(&mut ids, rows.collect::<rusqlite::Result<_>>()?);
        }
        if ids.is_empty() {
            if let Some(last) = norms
                .first()
                .filter(|n| !n.contains(' '))
                .and_then(|n| surname(n))
            {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT id FROM corpus_entities WHERE family = 'PERSON' AND surname = ?1",
                )?;
                let rows = stmt.query_map([last], |r| r.get(0))?;
                push(&mut ids, rows.collect::<rusqlite::Result<_>>()?);
            }
        }
        Ok(ids)
    }

    /// Corpus events matching `filter`, in time order (an event without a time sorts at its
    /// first report).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<CorpusEvent>> {
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(actor) = filter.actor.as_deref().filter(|a| !a.trim().is_empty()) {
            let ids = self.find_entities(actor)?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            wheres.push(format!(
                "ce.id IN (SELECT event_id FROM corpus_event_actors WHERE entity_id IN ({list}))"
            ));
        }
        if let Some(kind) = filter.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            wheres.push("ce.type = ?".into());
            args.push(Value::Text(kind.trim().to_ascii_uppercase()));
        }
        if let Some(status) = filter.status.as_deref().filter(|s| !s.trim().is_empty()) {
            let status = status.trim().to_ascii_lowercase();
            if crate::write::parse_status(&status).is_none() {
                return Err(Error::Invalid(format!(
                    "status: `{status}` is not one of occurred, planned, expected, hypothetical, denied"
                )));
            }
            wheres.push("ce.status = ?".into());
            args.push(Value::Text(status));
        }
        if let Some(from) = filter.from.as_deref().filter(|s| !s.is_empty()) {
            check_date("from", from)?;
            wheres.push("COALESCE(ce.date_end, ce.last_reported) >= ?".into());
            args.push(Value::Text(from.into()));
        }
        if let Some(to) = filter.to.as_deref().filter(|s| !s.is_empty()) {
            check_date("to", to)?;
            wheres.push("COALESCE(ce.date_start, ce.first_reported) <= ?".into());
            args.push(Value::Text(to.into()));
        }
        if let Some(text) = filter.text.as_deref() {
            match fts_query(text) {
                Some(q) => {
                    wheres.push(
                        "ce.id IN (SELECT corpus_event FROM events WHERE id IN
                         (SELECT rowid FROM events_fts WHERE events_fts MATCH ?))"
                            .into(),
                    );
                    args.push(Value::Text(q));
                }
                None if !text.trim().is_empty() => return Ok(Vec::new()),
                None => {}
            }
        }
        let where_sql = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        args.push(Value::Integer(filter.limit.map(|l| l as i64).unwrap_or(-1)));
        args.push(Value::Integer(filter.offset.unwrap_or(0) as i64));
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM corpus_events ce {where_sql}
             ORDER BY COALESCE(ce.date_start, ce.first_reported) IS NULL, COALESCE(ce.date_start, ce.first_reported), ce.id
             LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| self.event_row(r))?;
        let mut events: Vec<CorpusEvent> = rows.collect::<rusqlite::Result<_>>()?;
        for e in &mut events {
            e.actors = self.event_actors(e.id)?;
        }
        Ok(events)
    }

    fn event_row(&self, r: &Row) -> rusqlite::Result<CorpusEvent> {
        let history: String = r.get(12)?;
        Ok(CorpusEvent {
            id: r.get(0)?,
            kind: r.get(1)?,
            mode: r.get(2)?,
            status: r.get(3)?,
            label: r.get(4)?,
            time: r.get(5)?,
            date_start: r.get(6)?,
            date_end: r.get(7)?,
            first_reported: r.get(8)?,
            last_reported: r.get(9)?,
            actors: Vec::new(),
            sources: r.get(10)?,
            documents: r.get(11)?,
            history: serde_json::from_str(&history).unwrap_or_default(),
        })
    }

    fn event_actors(&self, event: i64) -> Result<Vec<ActorRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.type, a.role FROM corpus_event_actors a JOIN corpus_entities c ON c.id = a.entity_id
             WHERE a.event_id = ?1 ORDER BY CASE a.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END, c.id",
        )?;
        let rows = stmt.query_map([event], |r| {
            Ok(ActorRef {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                role: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One corpus event with all its reports.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM corpus_events ce WHERE ce.id = ?1");
        let event = self
            .conn
            .query_row(&sql, [id], |r| self.event_row(r))
            .optional()?;
        let Some(mut event) = event else {
            return Ok(None);
        };
        event.actors = self.event_actors(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.doc, d.doc_id, d.title, d.url, d.published_date, e.local_id, e.status, e.trigger_text,
                    e.trigger_start, e.trigger_end, e.time_text, e.time_value, e.place, e.sentence_text, e.quotes
             FROM events e JOIN documents d ON d.id = e.doc WHERE e.corpus_event = ?1
             ORDER BY e.published_date IS NULL, e.published_date, e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let quotes: String = r.get(14)?;
            Ok((
                r.get::<_, i64>(0)?,
                serde_json::from_str::<Vec<String>>(&quotes).unwrap_or_default(),
                EventReport {
                    document: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    published: r.get(4)?,
                    event: r.get(5)?,
                    status: r.get(6)?,
                    trigger: Span {
                        text: r.get(7)?,
                        start: r.get(8)?,
                        end: r.get(9)?,
                    },
                    time_text: r.get(10)?,
                    time_value: r.get(11)?,
                    place: r.get(12)?,
                    sentence: r.get(13)?,
                    quotes: Vec::new(),
                },
            ))
        })?;
        let mut reports = Vec::new();
        for row in rows {
            let (doc, quote_ids, mut report) = row?;
            for qid in quote_ids {
                let sql = format!(
                    "SELECT {QUOTE_COLUMNS} FROM {QUOTE_FROM} WHERE q.doc = ?1 AND q.local_id = ?2"
                );
                if let Some(q) = self
                    .conn
                    .prepare_cached(&sql)?
                    .query_row(params![doc, qid], quote_row)
                    .optional()?
                {
                    report.quotes.push(q);
                }
            }
            reports.push(report);
        }
        Ok(Some(EventDetail { event, reports }))
    }

    /// Quotes matching `filter`, newest first.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(speaker) = filter.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            let ids = self.find_entities(speaker)?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            wheres.push(format!("q.speaker_corpus IN ({list})"));
        }
        if let Some(about) = filter.about.as_deref() {
            match fts_query(about) {
                Some(q) => {
                    wheres.push(
                        "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)".into(),
                    );
                    args.push(Value::Text(q));
                }
                None if !about.trim().is_empty() => return Ok(Vec::new()),
                None => {}
            }
        }
        if let Some(doc) = filter.document.as_deref() {
            wheres.push("d.doc_id = ?".into());
            args.push(Value::Text(doc.into()));
        }
        let where_sql = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        args.push(Value::Integer(filter.limit.map(|l| l as i64).unwrap_or(-1)));
        args.push(Value::Integer(filter.offset.unwrap_or(0) as i64));
        let sql = format!(
            "SELECT {QUOTE_COLUMNS} FROM {QUOTE_FROM} {where_sql}
             ORDER BY d.published_date IS NULL, d.published_date DESC, q.doc, q.start LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), quote_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Corpus entities that `query` names ([`Store::find_entities`]) or whose name or an alias
    /// contains its words, the last word as a prefix (all when empty); most mentioned first.
    pub fn entities(
        &self,
        query: Option<&str>,
        kind: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<EntitySummary>> {
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(q) = query.map(str::trim).filter(|q| !q.is_empty()) {
            let ids = self.find_entities(q)?;
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            // Words of a name or alias, the last one as a prefix ("tony bl" finds Tony Blair):
            // an FTS lookup, not a scan of every alias.
            match fts_query(q) {
                Some(words) => {
                    wheres.push(format!(
                        "(c.id IN ({list}) OR c.id IN (SELECT rowid FROM entity_names_fts WHERE entity_names_fts MATCH ?))"
                    ));
                    args.push(Value::Text(format!("{words}*")));
                }
                None => wheres.push(format!("c.id IN ({list})")),
            }
        }
        if let Some(kind) = kind.map(str::trim).filter(|k| !k.is_empty()) {
            wheres.push("c.type = ?".into());
            args.push(Value::Text(kind.to_ascii_uppercase()));
        }
        let where_sql = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset as i64));
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM corpus_entities c {where_sql}
             ORDER BY (SELECT count(DISTINCT doc) FROM entities e WHERE e.corpus_id = c.id) DESC, c.id LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), entity_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything about one corpus entity: aliases, roles (with dates), quotes, events and
    /// its network of who did what to whom.
    pub fn entity(&self, id: i64) -> Result<Option<EntityDetail>> {
        let sql = format!("SELECT {ENTITY_COLUMNS} FROM corpus_entities c WHERE c.id = ?1");
        let Some(entity) = self.conn.query_row(&sql, [id], entity_row).optional()? else {
            return Ok(None);
        };
        let (first_seen, last_seen): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(d.published_date), max(d.published_date) FROM entities e JOIN documents d ON d.id = e.doc
             WHERE e.corpus_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let aliases = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT alias, count(DISTINCT doc), min(seen), max(seen) FROM aliases WHERE corpus_id = ?1
                 GROUP BY alias ORDER BY count(DISTINCT doc) DESC, alias",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(AliasRow {
                    alias: r.get(0)?,
                    documents: r.get(1)?,
                    first_seen: r.get(2)?,
                    last_seen: r.get(3)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let roles = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT title, of_name, count(DISTINCT doc), min(seen), max(seen) FROM roles WHERE corpus_id = ?1
                 GROUP BY lower(title), of_name ORDER BY count(DISTINCT doc) DESC, min(seen)",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(RoleRow {
                    title: r.get(0)?,
                    of: r.get(1)?,
                    documents: r.get(2)?,
                    first_seen: r.get(3)?,
                    last_seen: r.get(4)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let quotes = self.quotes(&QuoteFilter {
            speaker: Some(format!("#{id}")),
            limit: Some(200),
            ..Default::default()
        })?;
        let events = self.events(&EventFilter {
            actor: Some(format!("#{id}")),
            limit: Some(500),
            ..Default::default()
        })?;
        let network = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT o.entity_id, c.name, c.type, ce.type,
                        CASE WHEN me.role = 'source' AND o.role = 'target' THEN 'out'
                             WHEN me.role = 'target' AND o.role = 'source' THEN 'in' ELSE 'with' END AS direction,
                        count(DISTINCT ce.id)
                 FROM corpus_event_actors me
                 JOIN corpus_event_actors o ON o.event_id = me.event_id AND o.entity_id != me.entity_id
                 JOIN corpus_events ce ON ce.id = me.event_id
                 JOIN corpus_entities c ON c.id = o.entity_id
                 WHERE me.entity_id = ?1
                 GROUP BY o.entity_id, ce.type, direction
                 ORDER BY count(DISTINCT ce.id) DESC, c.name LIMIT 200",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(NetworkEdge {
                    other: EntityRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        kind: r.get(2)?,
                    },
                    kind: r.get(3)?,
                    direction: r.get(4)?,
                    events: r.get(5)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(Some(EntityDetail {
            entity,
            first_seen,
            last_seen,
            aliases,
            roles,
            quotes,
            events,
            network,
        }))
    }

    /// Stored documents, newest first.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc_id, d.title, d.url, d.path, d.published_date,
                    (SELECT count(*) FROM entities WHERE doc = d.id), (SELECT count(*) FROM events WHERE doc = d.id),
                    (SELECT count(*) FROM quotes WHERE doc = d.id)
             FROM documents d ORDER BY d.published_date IS NULL, d.published_date DESC, d.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], document_summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One stored document, whole, with links to corpus entities and events.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentDetail>> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, json FROM documents WHERE doc_id = ?1",
                [doc_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, json)) = row else {
            return Ok(None);
        };
        let document: Document = serde_json::from_str(&json)?;
        let pairs = |sql: &str| -> Result<BTreeMap<String, i64>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Some(DocumentDetail {
            document,
            entity_links: pairs("SELECT local_id, corpus_id FROM entities WHERE doc = ?1")?,
            event_links: pairs("SELECT local_id, corpus_event FROM events WHERE doc = ?1")?,
        }))
    }

    /// Every stored document's JSON, in ingest order, streamed to `f`.
    pub fn for_each_document(&self, mut f: impl FnMut(&str) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT json FROM documents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            f(&json)?;
        }
        Ok(())
    }

    /// Searches entities by name, events and quotes by words, and article text (ranked by BM25).
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults> {
        let mut results = SearchResults {
            query: query.to_string(),
            entities: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            documents: Vec::new(),
            warning: None,
        };
        let terms = SearchTerms::parse(query);
        results.warning = terms.warning();
        let Some(fts) = terms.fts() else {
            return Ok(results);
        };
        results.entities = self.entities(Some(query), None, limit, 0)?;
        results.events = self.events(&EventFilter {
            text: Some(query.into()),
            limit: Some(limit),
            ..Default::default()
        })?;
        results.quotes = self.quotes(&QuoteFilter {
            about: Some(query.into()),
            limit: Some(limit),
            ..Default::default()
        })?;
        // `ORDER BY rank LIMIT n` inside the FTS query lets FTS5 rank the matches itself and
        // stop after n, so snippets and counts are computed for the n shown documents only
        // (sorting by bm25() outside made them for every match: 459 for "government").
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc_id, d.title, d.url, d.path, d.published_date,
                    (SELECT count(*) FROM entities WHERE doc = d.id), (SELECT count(*) FROM events WHERE doc = d.id),
                    (SELECT count(*) FROM quotes WHERE doc = d.id),
                    hit.snippet
             FROM (SELECT rowid AS id, rank, snippet(documents_fts, 1, char(2), char(3), '…', 16) AS snippet
                   FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2) hit
             JOIN documents d ON d.id = hit.id
             ORDER BY hit.rank",
        )?;
        let rows = stmt.query_map(params![fts, limit as i64], |r| {
            let mut s = document_summary(r)?;
            s.snippet = r.get(8)?;
            Ok(s)
        })?;
        results.documents = rows.collect::<rusqlite::Result<_>>()?;
        Ok(results)
    }

    /// Corpus counts.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let events = count("SELECT count(*) FROM events")?;
        let corpus_events = count("SELECT count(*) FROM corpus_events")?;
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            entities: count("SELECT count(*) FROM entities")?,
            corpus_entities: count("SELECT count(*) FROM corpus_entities")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events,
            corpus_events,
            merged_events: count("SELECT count(*) FROM corpus_events WHERE sources > 1")?,
            merged_reports: events - corpus_events,
        })
    }

    /// Checks that every stored document is whole: its layer tables hold exactly what its
    /// JSON says. Returns the ids of documents that are not.
    pub fn incomplete_documents(&self) -> Result<Vec<String>> {
        let mut bad = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.doc_id, d.json,
                    (SELECT count(*) FROM entities WHERE doc = d.id), (SELECT count(*) FROM mentions WHERE doc = d.id),
                    (SELECT count(*) FROM times WHERE doc = d.id), (SELECT count(*) FROM quotes WHERE doc = d.id),
                    (SELECT count(*) FROM events WHERE doc = d.id),
                    (SELECT count(*) FROM documents_fts WHERE rowid = d.id)
             FROM documents d",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc_id: String = r.get(1)?;
            let json: String = r.get(2)?;
            let Ok(doc) = serde_json::from_str::<Document>(&json) else {
                bad.push(doc_id);
                continue;
            };
            let counts: [i64; 6] = [
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ];
            let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
            let expected = [
                doc.entities.len() as i64,
                mentions as i64,
                doc.times.len() as i64,
                doc.quotes.len() as i64,
                doc.events.len() as i64,
                1,
            ];
            if counts != expected {
                bad.push(doc_id);
            }
        }
        Ok(bad)
    }
}

fn document_summary(r: &Row) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        path: r.get(3)?,
        published: r.get(4)?,
        entities: r.get(5)?,
        events: r.get(6)?,
        quotes: r.get(7)?,
        snippet: None,
    })
}

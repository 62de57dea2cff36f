//! The write path: one document in, in one transaction, with its corpus entities and
//! corpus events brought up to date.

use crate::merge::{
    merge_score, merge_time, parse_date, timex_range, trigger_stem, DayRange, EventFacts,
    SYMMETRIC_TYPES, UNDATED_MIN_SHARED_ACTORS,
};
use crate::names::{is_single_word, normalize, surname, type_family};
use crate::{content_hash, Error, Ingested, Result, Store};
use dateline_core::{
    ActorRole, Document, Entity, EntityType, EventStatus, MentionKind, PloverType,
};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) fn status_str(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Occurred => "occurred",
        EventStatus::Planned => "planned",
        EventStatus::Expected => "expected",
        EventStatus::Hypothetical => "hypothetical",
        EventStatus::Denied => "denied",
    }
}

pub(crate) fn parse_status(s: &str) -> Option<EventStatus> {
    Some(match s {
        "occurred" => EventStatus::Occurred,
        "planned" => EventStatus::Planned,
        "expected" => EventStatus::Expected,
        "hypothetical" => EventStatus::Hypothetical,
        "denied" => EventStatus::Denied,
        _ => return None,
    })
}

fn mention_kind(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Nominal => "nominal",
        MentionKind::Pronoun => "pronoun",
    }
}

/// The identity of an article across versions: its URL, else its text.
fn doc_key(doc: &Document) -> String {
    match doc
        .source
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(url) => format!("url:{url}"),
        None => format!("text:{}", content_hash(&[doc.text.as_bytes()])),
    }
}

impl Store {
    /// True when an article with this input hash is stored: an ingest can skip analysing it.
    pub fn has_input(&self, input_hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE input_hash = ?1 LIMIT 1")?
            .exists([input_hash])?)
    }

    /// Stores one document, all of it or nothing. `input_hash` identifies the input it was
    /// made from (so a later ingest can skip the analysis); it defaults to a hash of the
    /// document itself.
    pub fn ingest(&mut self, doc: &Document, input_hash: Option<&str>) -> Result<Ingested> {
        let json = serde_json::to_string(doc)?;
        let json_hash = content_hash(&[json.as_bytes()]);
        let input_hash = input_hash.unwrap_or(&json_hash).to_string();
        let key = doc_key(doc);
        let published_date = doc.published_date().filter(|d| parse_date(d).is_some());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<(i64, String, Option<String>)> = tx
            .query_row(
                "SELECT id, json_hash, published_date FROM documents WHERE doc_key = ?1 OR doc_id = ?2
                 ORDER BY doc_key = ?1 DESC LIMIT 1",
                params![key, doc.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let outcome = match &existing {
            Some((id, hash, _)) if *hash == json_hash => {
                tx.execute(
                    "UPDATE documents SET input_hash = ?1 WHERE id = ?2",
                    params![input_hash, id],
                )?;
                tx.commit()?;
                return Ok(Ingested::Unchanged);
            }
            Some((_, _, Some(old))) if published_date.is_some_and(|new| new < old.as_str()) => {
                return Ok(Ingested::Older);
            }
            Some(_) => {
                // The same URL, or the same document id under another key: both go.
                let ids: Vec<i64> = {
                    let mut stmt = tx.prepare_cached(
                        "SELECT id FROM documents WHERE doc_key = ?1 OR doc_id = ?2",
                    )?;
                    let rows = stmt.query_map(params![key, doc.id], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                for id in ids {
                    delete_document(&tx, id)?;
                }
                Ingested::Replaced
            }
            None => Ingested::New,
        };
        insert_document(
            &tx,
            doc,
            &json,
            &json_hash,
            &input_hash,
            &key,
            published_date,
        )?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Removes a document and everything derived from it. False when there was none.
    pub fn remove_document(&mut self, doc_id: &str) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM documents WHERE doc_id = ?1",
                [doc_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            delete_document(&tx, id)?;
        }
        tx.commit()?;
        Ok(id.is_some())
    }
}

fn delete_document(tx: &Transaction, id: i64) -> Result<()> {
    let corpus_events: Vec<i64> = collect(
        tx,
        "SELECT DISTINCT corpus_event FROM events WHERE doc = ?1",
        id,
    )?;
    let corpus_entities: Vec<i64> = collect(
        tx,
        "SELECT DISTINCT corpus_id FROM entities WHERE doc = ?1",
        id,
    )?;
    for sql in [
        "DELETE FROM documents_fts WHERE rowid = ?1",
        "DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE doc = ?1)",
        "DELETE FROM events_fts WHERE rowid IN (SELECT id FROM events WHERE doc = ?1)",
        "DELETE FROM event_actors WHERE event IN (SELECT id FROM events WHERE doc = ?1)",
        "DELETE FROM events WHERE doc = ?1",
        "DELETE FROM quotes WHERE doc = ?1",
        "DELETE FROM times WHERE doc = ?1",
        "DELETE FROM roles WHERE doc = ?1",
        "DELETE FROM aliases WHERE doc = ?1",
        "DELETE FROM mentions WHERE doc = ?1",
        "DELETE FROM entities WHERE doc = ?1",
        "DELETE FROM documents WHERE id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    for ce in corpus_events {
        recompute_corpus_event(tx, ce)?;
    }
    for entity in corpus_entities {
        let used: bool = tx
            .prepare_cached("SELECT 1 FROM entities WHERE corpus_id = ?1 LIMIT 1")?
            .exists([entity])?;
        if !used {
            tx.execute("DELETE FROM entity_codes WHERE corpus_id = ?1", [entity])?;
            tx.execute(
                "DELETE FROM corpus_event_actors WHERE entity_id = ?1",
                [entity],
            )?;
            tx.execute(
                "UPDATE quotes SET speaker_corpus = NULL WHERE speaker_corpus = ?1",
                [entity],
            )?;
            tx.execute(
                "UPDATE event_actors SET corpus_id = NULL WHERE corpus_id = ?1",
                [entity],
            )?;
            tx.execute("DELETE FROM corpus_entities WHERE id = ?1", [entity])?;
        }
        refresh_entity_names(tx, entity)?;
    }
    Ok(())
}

/// The names (name and every alias) of corpus entity `id`, as its search row.
const ENTITY_NAMES_SQL: &str = "INSERT INTO entity_names_fts (rowid, names)
     SELECT c.id, c.name || ' ' || COALESCE((SELECT group_concat(alias, ' ')
                                             FROM (SELECT DISTINCT alias FROM aliases WHERE corpus_id = c.id)), '')
     FROM corpus_entities c";

/// Brings corpus entity `id`'s row in the name index up to date (removes it when the
/// entity is gone).
fn refresh_entity_names(tx: &Transaction, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM entity_names_fts WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached(&format!("{ENTITY_NAMES_SQL} WHERE c.id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Adds the indexes a store made by an earlier build of schema version 1 lacks (derived data
/// only, so adding them changes nothing else): the name index and the name-key index.
pub(crate) fn ensure_indexes(conn: &rusqlite::Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS corpus_entities_name_key ON corpus_entities(norm);",
    )?;
    let present: bool = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE name = 'entity_names_fts'")?
        .exists([])?;
    if !present {
        // Checked again under the write lock: another process may have built it meanwhile.
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let built = (|| -> Result<()> {
            let present: bool = conn
                .prepare("SELECT 1 FROM sqlite_master WHERE name = 'entity_names_fts'")?
                .exists([])?;
            if !present {
                conn.execute_batch(&format!(
                    "CREATE VIRTUAL TABLE entity_names_fts USING fts5(names, tokenize = 'unicode61 remove_diacritics 2');
                     {ENTITY_NAMES_SQL};"
                ))?;
            }
            Ok(())
        })();
        conn.execute_batch(if built.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
        built?;
    }
    Ok(())
}

fn collect(tx: &Transaction, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (day, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::merge::format_date(day),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[allow(clippy::too_many_arguments)]
fn insert_document(
    tx: &Transaction,
    doc: &Document,
    json: &str,
    json_hash: &str,
    input_hash: &str,
    key: &str,
    published_date: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO documents (doc_id, doc_key, input_hash, json_hash, url, path, title, published,
                                published_date, ingested_at, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            doc.id,
            key,
            input_hash,
            json_hash,
            doc.source.url,
            doc.source.path,
            doc.title,
            doc.published,
            published_date,
            now_rfc3339(),
            json
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![id, doc.title.as_deref().unwrap_or(""), doc.text],
    )?;
    let chars = dateline_core::CharIndex::new(&doc.text);

    // Entities, resolved to corpus entities.
    let mut corpus_of: HashMap<&str, i64> = HashMap::new();
    let names: HashMap<&str, &str> = doc
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    for entity in &doc.entities {
        let corpus_id = resolve_entity(tx, entity)?;
        corpus_of.insert(&entity.id, corpus_id);
        tx.prepare_cached(
            "INSERT OR REPLACE INTO entities (doc, local_id, corpus_id, name, type, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, entity.id, corpus_id, entity.name, entity.kind.as_str(), entity.mentions.len() as i64])?;
        let mut mention_stmt = tx.prepare_cached(
            "INSERT INTO mentions (doc, entity, start, end, text, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in &entity.mentions {
            mention_stmt.execute(params![
                id,
                entity.id,
                m.start as i64,
                m.end as i64,
                m.text,
                mention_kind(m.kind)
            ])?;
        }
        let mut seen_aliases = BTreeSet::new();
        let alias_texts = std::iter::once(entity.name.as_str()).chain(
            entity
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(|m| m.text.as_str()),
        );
        let mut alias_stmt = tx.prepare_cached(
            "INSERT INTO aliases (corpus_id, doc, alias, norm, seen) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for text in alias_texts {
            let norm = normalize(text, entity.kind);
            let display = text.trim();
            if norm.is_empty() || !seen_aliases.insert(display.to_string()) {
                continue;
            }
            alias_stmt.execute(params![corpus_id, id, display, norm, published_date])?;
        }
        refresh_entity_names(tx, corpus_id)?;
        let mut role_stmt = tx.prepare_cached(
            "INSERT INTO roles (doc, entity, corpus_id, title, of_name, start, end, seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for role in &entity.roles {
            let of_name = role.of.as_deref().and_then(|o| names.get(o).copied());
            role_stmt.execute(params![
                id,
                entity.id,
                corpus_id,
                role.title,
                of_name,
                role.start as i64,
                role.end as i64,
                published_date
            ])?;
        }
    }

    // Times.
    let values: Vec<String> = doc.times.iter().map(|t| t.value.to_string()).collect();
    let mut times: HashMap<&str, (&str, &str, Option<&str>)> = HashMap::new();
    for (t, value) in doc.times.iter().zip(&values) {
        times.insert(&t.id, (&t.text, value, t.modifier.as_deref()));
        let kind = serde_json::to_value(t.kind)?;
        tx.prepare_cached(
            "INSERT OR REPLACE INTO times (doc, local_id, text, start, end, type, value, mod, anchor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            id,
            t.id,
            t.text,
            t.start as i64,
            t.end as i64,
            kind.as_str().unwrap_or(""),
            value,
            t.modifier,
            t.anchor
        ])?;
    }

    // Quotes.
    for q in &doc.quotes {
        let speaker = q.speaker.as_deref().and_then(|s| corpus_of.get(s).copied());
        let kind = serde_json::to_value(q.kind)?;
        tx.prepare_cached(
            "INSERT INTO quotes (doc, local_id, text, start, end, kind, speaker_local, speaker_corpus, speaker_text, cue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            id,
            q.id,
            q.text,
            q.start as i64,
            q.end as i64,
            kind.as_str().unwrap_or(""),
            q.speaker,
            speaker,
            q.speaker_text,
            q.cue
        ])?;
        let qid = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)")?
            .execute(params![qid, q.text])?;
    }

    // Events, each merged into a corpus event.
    let reported = published_date.and_then(parse_date).map(DayRange::day);
    let context: BTreeSet<i64> = corpus_of.values().copied().collect();
    for ev in &doc.events {
        let kind = ev.kind.as_str();
        let time = ev.time.as_deref().and_then(|t| times.get(t).copied());
        let mut facts = EventFacts {
            status: Some(ev.status),
            time: time.and_then(|(_, v, m)| merge_time(Some(v), m)),
            reported,
            contexts: vec![context.clone()],
            triggers: [trigger_stem(&ev.trigger.text)].into(),
            ..EventFacts::new(ev.kind)
        };
        for actor in &ev.actors {
            if let Some(&cid) = corpus_of.get(actor.entity.as_str()) {
                facts.add_actor(cid, actor.role);
            }
        }
        let corpus_event = match best_corpus_event(tx, &facts)? {
            Some(ce) => ce,
            None => {
                tx.execute(
                    "INSERT INTO corpus_events (type, status, label, sources, documents, history)
                     VALUES (?1, ?2, '', 0, 0, '[]')",
                    params![kind, status_str(ev.status)],
                )?;
                tx.last_insert_rowid()
            }
        };
        let sentence_text = doc
            .sentences
            .get(ev.sentence)
            .map(|s| chars.slice(&doc.text, s.start, s.end).to_string())
            .unwrap_or_else(|| ev.trigger.text.clone());
        let place = ev
            .place
            .as_deref()
            .map(|p| names.get(p).copied().unwrap_or(p));
        tx.prepare_cached(
            "INSERT INTO events (doc, local_id, corpus_event, type, mode, status, trigger_text, trigger_start,
                                 trigger_end, time_local, time_text, time_value, time_mod, place, sentence,
                                 sentence_text, quotes, published_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?
        .execute(params![
            id,
            ev.id,
            corpus_event,
            kind,
            ev.mode,
            status_str(ev.status),
            ev.trigger.text,
            ev.trigger.start as i64,
            ev.trigger.end as i64,
            ev.time,
            time.map(|t| t.0),
            time.map(|t| t.1),
            time.and_then(|t| t.2),
            place,
            ev.sentence as i64,
            sentence_text,
            serde_json::to_string(&ev.quotes)?,
            published_date
        ])?;
        let event_row = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO events_fts (rowid, sentence) VALUES (?1, ?2)")?
            .execute(params![event_row, sentence_text])?;
        let mut actor_stmt = tx.prepare_cached(
            "INSERT INTO event_actors (event, entity, corpus_id, role) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for actor in &ev.actors {
            let cid = corpus_of.get(actor.entity.as_str()).copied();
            actor_stmt.execute(params![event_row, actor.entity, cid, actor.role.as_str()])?;
        }
        recompute_corpus_event(tx, corpus_event)?;
    }
    Ok(())
}

/// The corpus event a report belongs to, by the merge rule; `None` when it is new.
fn best_corpus_event(tx: &Transaction, facts: &EventFacts) -> Result<Option<i64>> {
    let actors = facts.actors();
    if actors.is_empty() {
        return Ok(None);
    }
    let list = actors
        .iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // Only corpus events the time rule could accept: an overlapping time, or reports close
    // in publication date. Frequent actors have thousands of events; this keeps it cheap.
    let mut windows: Vec<String> = Vec::new();
    let mut args: Vec<String> = vec![facts.kind.to_string()];
    if let Some(t) = facts
        .time
        .filter(|t| t.len() <= crate::merge::MAX_USEFUL_SPAN_DAYS)
    {
        args.push(t.last_date());
        args.push(t.first_date());
        windows.push(format!(
            "(ce.date_start <= ?{} AND ce.date_end >= ?{})",
            args.len() - 1,
            args.len()
        ));
    }
    if let Some(r) = facts.reported {
        let w = crate::merge::UNKNOWN_TIME_WINDOW_DAYS;
        args.push(crate::merge::format_date(r.end - 1 + w));
        args.push(crate::merge::format_date(r.start - w));
        windows.push(format!(
            "(ce.first_reported <= ?{} AND ce.last_reported >= ?{})",
            args.len() - 1,
            args.len()
        ));
    }
    let mut candidates: Vec<i64> = Vec::new();
    if !windows.is_empty() {
        let sql = format!(
            "SELECT DISTINCT a.event_id FROM corpus_event_actors a JOIN corpus_events ce ON ce.id = a.event_id
             WHERE ce.type = ?1 AND a.entity_id IN ({list}) AND ({})",
            windows.join(" OR ")
        );
        let mut stmt = tx.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?;
        candidates = rows.collect::<rusqlite::Result<_>>()?;
    }
    // Publication dates that cannot be compared (this report or the corpus event is undated):
    // the undated rule needs shared actors, so only corpus events sharing enough are read.
    if actors.len() >= UNDATED_MIN_SHARED_ACTORS {
        let undated = if facts.reported.is_some() {
            "AND ce.first_reported IS NULL"
        } else {
            ""
        };
        let sql = format!(
            "SELECT a.event_id FROM corpus_event_actors a JOIN corpus_events ce ON ce.id = a.event_id
             WHERE ce.type = ?1 AND a.entity_id IN ({list}) {undated}
             GROUP BY a.event_id HAVING count(DISTINCT a.entity_id) >= ?2"
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![facts.kind.as_str(), UNDATED_MIN_SHARED_ACTORS as i64],
            |r| r.get::<_, i64>(0),
        )?;
        for id in rows {
            let id = id?;
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
    }
    let mut best: Option<(u32, i64)> = None;
    for ce in candidates {
        let existing = corpus_event_facts(tx, ce, facts.reported.is_none())?;
        if let Some(score) = merge_score(facts, &existing) {
            // Ties go to the oldest corpus event, so the outcome does not depend on row order.
            if best.is_none_or(|(s, id)| score > s || (score == s && ce < id)) {
                best = Some((score, ce));
            }
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// One report as the recompute step reads it.
struct Report {
    status: String,
    mode: Option<String>,
    time_value: Option<String>,
    time_mod: Option<String>,
    published: Option<String>,
    document: String,
}

fn reports(tx: &Transaction, ce: i64) -> Result<Vec<Report>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.status, e.mode, e.time_value, e.time_mod, e.published_date, d.doc_id
         FROM events e JOIN documents d ON d.id = e.doc WHERE e.corpus_event = ?1
         ORDER BY e.published_date IS NULL, e.published_date, e.id",
    )?;
    let rows = stmt.query_map([ce], |r| {
        Ok(Report {
            status: r.get(0)?,
            mode: r.get(1)?,
            time_value: r.get(2)?,
            time_mod: r.get(3)?,
            published: r.get(4)?,
            document: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The merge facts of a corpus event: every report folded together.
///
/// The articles' contexts matter only to the undated rule, so they are read only when
/// `with_contexts` is set or the corpus event itself is undated.
pub(crate) fn corpus_event_facts(
    tx: &rusqlite::Connection,
    ce: i64,
    with_contexts: bool,
) -> Result<EventFacts> {
    let (kind, status): (String, String) = tx.query_row(
        "SELECT type, status FROM corpus_events WHERE id = ?1",
        [ce],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let kind: PloverType = kind.parse().map_err(|e| Error::Invalid(format!("{e}")))?;
    let mut facts = EventFacts {
        status: parse_status(&status),
        ..EventFacts::new(kind)
    };
    let mut stmt = tx.prepare_cached(
        "SELECT e.time_value, e.time_mod, e.published_date, e.trigger_text FROM events e WHERE e.corpus_event = ?1",
    )?;
    let rows = stmt.query_map([ce], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (value, modifier, published, trigger) = row?;
        facts.absorb(&EventFacts {
            time: merge_time(value.as_deref(), modifier.as_deref()),
            reported: published.as_deref().and_then(parse_date).map(DayRange::day),
            triggers: [trigger_stem(&trigger)].into(),
            ..EventFacts::new(kind)
        });
    }
    if with_contexts || facts.reported.is_none() {
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT e.doc, x.corpus_id FROM events e JOIN entities x ON x.doc = e.doc
             WHERE e.corpus_event = ?1 ORDER BY e.doc",
        )?;
        let rows = stmt.query_map([ce], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let mut by_doc: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
        for row in rows {
            let (doc, entity) = row?;
            by_doc.entry(doc).or_default().insert(entity);
        }
        facts.contexts = by_doc.into_values().collect();
    }
    let mut stmt =
        tx.prepare_cached("SELECT entity_id, role FROM corpus_event_actors WHERE event_id = ?1")?;
    let rows = stmt.query_map([ce], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, role) = row?;
        let role: ActorRole = role.parse().map_err(|e| Error::Invalid(format!("{e}")))?;
        facts.add_actor(id, role);
    }
    Ok(facts)
}

/// A status change in a corpus event's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StatusChange {
    pub status: String,
    /// Publication date of the first report with this status.
    pub since: Option<String>,
    /// The document that reported it.
    pub document: String,
}

fn status_rank(s: &str) -> u8 {
    match s {
        "occurred" => 3,
        "denied" => 2,
        "planned" | "expected" => 1,
        _ => 0,
    }
}

/// Rebuilds a corpus event's summary (actors, time, dates, status, history, label) from its
/// reports; deletes it when it has none left.
fn recompute_corpus_event(tx: &Transaction, ce: i64) -> Result<()> {
    let reports = reports(tx, ce)?;
    tx.execute("DELETE FROM corpus_event_actors WHERE event_id = ?1", [ce])?;
    if reports.is_empty() {
        tx.execute("DELETE FROM corpus_events WHERE id = ?1", [ce])?;
        return Ok(());
    }
    tx.execute(
        "INSERT OR IGNORE INTO corpus_event_actors (event_id, entity_id, role)
         SELECT DISTINCT e.corpus_event, ea.corpus_id, CASE ea.role WHEN 'host' THEN 'participant' ELSE ea.role END
         FROM event_actors ea JOIN events e ON e.id = ea.event
         WHERE e.corpus_event = ?1 AND ea.corpus_id IS NOT NULL",
        [ce],
    )?;
    // The narrowest time any report gives; a usable (unmodified) one before a directional one.
    let mut best_time: Option<(bool, i64, String, DayRange)> = None;
    for r in &reports {
        let Some(value) = r.time_value.as_deref() else {
            continue;
        };
        let Some(range) = timex_range(value) else {
            continue;
        };
        let usable = merge_time(Some(value), r.time_mod.as_deref()).is_some();
        let candidate = (!usable, range.len(), value.to_string(), range);
        if best_time
            .as_ref()
            .is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1))
        {
            best_time = Some(candidate);
        }
    }
    let mut history: Vec<StatusChange> = Vec::new();
    for r in &reports {
        if history.last().is_none_or(|h| h.status != r.status) {
            history.push(StatusChange {
                status: r.status.clone(),
                since: r.published.clone(),
                document: r.document.clone(),
            });
        }
    }
    // The latest report decides the status; among reports of the same day, an occurrence wins.
    let latest_date = reports.last().and_then(|r| r.published.clone());
    let status = reports
        .iter()
        .filter(|r| r.published == latest_date)
        .max_by_key(|r| status_rank(&r.status))
        .map(|r| r.status.clone())
        .unwrap_or_else(|| "occurred".into());
    let mut modes: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &reports {
        if let Some(m) = r.mode.as_deref() {
            *modes.entry(m).or_default() += 1;
        }
    }
    let mode = modes
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(m, _)| m.to_string());
    let first = reports.iter().filter_map(|r| r.published.clone()).min();
    let last = reports.iter().filter_map(|r| r.published.clone()).max();
    let documents: BTreeSet<&str> = reports.iter().map(|r| r.document.as_str()).collect();
    let kind: String = tx.query_row("SELECT type FROM corpus_events WHERE id = ?1", [ce], |r| {
        r.get(0)
    })?;
    let label = event_label(tx, ce, &kind)?;
    tx.execute(
        "UPDATE corpus_events SET mode = ?2, status = ?3, label = ?4, time_value = ?5, date_start = ?6,
                date_end = ?7, first_reported = ?8, last_reported = ?9, sources = ?10, documents = ?11,
                history = ?12 WHERE id = ?1",
        params![
            ce,
            mode,
            status,
            label,
            best_time.as_ref().map(|t| t.2.clone()),
            best_time.as_ref().map(|t| t.3.first_date()),
            best_time.as_ref().map(|t| t.3.last_date()),
            first,
            last,
            reports.len() as i64,
            documents.len() as i64,
            serde_json::to_string(&history)?
        ],
    )?;
    Ok(())
}

/// "Keir Starmer → CONSULT → Donald Trump", "CONSULT: Keir Starmer, Donald Trump".
fn event_label(tx: &Transaction, ce: i64, kind: &str) -> Result<String> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.name, a.role FROM corpus_event_actors a JOIN corpus_entities c ON c.id = a.entity_id
         WHERE a.event_id = ?1 ORDER BY a.role, c.id",
    )?;
    let rows = stmt.query_map([ce], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut sides: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let (name, role) = row?;
        let side = sides.entry(role).or_default();
        if !side.contains(&name) {
            side.push(name);
        }
    }
    let join = |role: &str| sides.get(role).map(|v| v.join(" & ")).unwrap_or_default();
    let (sources, targets, others) = (join("source"), join("target"), join("participant"));
    if kind
        .parse()
        .is_ok_and(|k: PloverType| SYMMETRIC_TYPES.contains(&k))
        || (sources.is_empty() && targets.is_empty())
    {
        let mut all: Vec<String> = Vec::new();
        for name in sides.values().flatten() {
            if !all.contains(name) {
                all.push(name.clone());
            }
        }
        // Sources first reads more naturally: "Keir Starmer, Donald Trump".
        all.sort_by_key(|n| !sides.get("source").is_some_and(|s| s.contains(n)));
        return Ok(format!("{kind}: {}", all.join(", "))
            .trim_end_matches(": ")
            .to_string());
    }
    let mut label = String::new();
    if !sources.is_empty() {
        label.push_str(&sources);
        label.push_str(" → ");
    }
    label.push_str(kind);
    if !targets.is_empty() {
        label.push_str(" → ");
        label.push_str(&targets);
    }
    if !others.is_empty() {
        label.push_str(&format!(" (with {others})"));
    }
    Ok(label)
}

/// Finds (or creates) the corpus entity a document entity refers to.
fn resolve_entity(tx: &Transaction, entity: &Entity) -> Result<i64> {
    let family = type_family(entity.kind);
    let mut norm = normalize(&entity.name, entity.kind);
    if norm.is_empty() {
        norm = entity.name.trim().to_lowercase();
    }
    let person = entity.kind == EntityType::Person;
    let codes = serde_json::to_string(&entity.codes)?;

    let found = match_entity(tx, entity, family, &norm, person)?;
    let id = match found {
        Some(id) => id,
        None => {
            let surname_col = if person {
                surname(&norm).map(str::to_string)
            } else {
                None
            };
            tx.execute(
                "INSERT INTO corpus_entities (name, type, family, norm, surname, codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![display_name(&entity.name, entity.kind), entity.kind.as_str(), family, norm, surname_col, codes],
            )?;
            tx.last_insert_rowid()
        }
    };
    if !entity.codes.is_empty() {
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO entity_codes (corpus_id, scheme, code) VALUES (?1, ?2, ?3)",
        )?;
        for (scheme, code) in &entity.codes {
            stmt.execute(params![id, scheme, code])?;
        }
        let merged: BTreeMap<String, String> = {
            let mut stmt = tx.prepare_cached(
                "SELECT scheme, code FROM entity_codes WHERE corpus_id = ?1 ORDER BY scheme, code",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute(
            "UPDATE corpus_entities SET codes = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(&merged)?],
        )?;
    }
    Ok(id)
}

/// A person's name without leading titles, in its original case ("Sir Keir Starmer" stays
/// as written only when nothing better is known; "Mr Starmer" becomes "Starmer").
fn display_name(name: &str, kind: EntityType) -> String {
    let name = name.trim();
    if kind != EntityType::Person {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let norm_words = normalize(name, kind).split(' ').count();
    if norm_words < words.len() && !normalize(name, kind).is_empty() {
        words[words.len() - norm_words..].join(" ")
    } else {
        name.to_string()
    }
}

fn match_entity(
    tx: &Transaction,
    entity: &Entity,
    family: &str,
    norm: &str,
    person: bool,
) -> Result<Option<i64>> {
    // 1. A country code names one country, whatever it is called.
    if family == "PLACE" {
        if let Some(code) = entity.codes.get("iso3") {
            let id: Option<i64> = tx
                .query_row(
                    "SELECT corpus_id FROM entity_codes WHERE scheme = 'iso3' AND code = ?1 ORDER BY corpus_id LIMIT 1",
                    [code],
                    |r| r.get(0),
                )
                .optional()?;
            if id.is_some() {
                return Ok(id);
            }
        }
    }
    // 2. The same normalised name (or an alias of it) in the same type family.
    let mut candidates: Vec<(i64, String, i64)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT c.id, c.norm, (SELECT count(DISTINCT doc) FROM entities e WHERE e.corpus_id = c.id)
             FROM corpus_entities c
             WHERE c.family = ?1 AND (c.norm = ?2 OR c.id IN (SELECT corpus_id FROM aliases WHERE norm = ?2))",
        )?;
        let rows = stmt.query_map(params![family, norm], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if let Some((id, _, _)) = candidates.iter().find(|(_, n, _)| n == norm) {
        if candidates.iter().filter(|(_, n, _)| n == norm).count() == 1 {
            return Ok(Some(*id));
        }
    }
    if let Some(id) = dominant(&mut candidates) {
        return Ok(Some(id));
    }
    if !person {
        return Ok(None);
    }
    let Some(last) = surname(norm) else {
        return Ok(None);
    };
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, c.norm, (SELECT count(DISTINCT doc) FROM entities e WHERE e.corpus_id = c.id)
         FROM corpus_entities c WHERE c.family = 'PERSON' AND c.surname = ?1",
    )?;
    let rows = stmt.query_map([last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
    let same_surname: Vec<(i64, String, i64)> = rows?.collect::<rusqlite::Result<_>>()?;
    if is_single_word(norm) {
        // 3. "Kellogg" alone: the one person of that surname the corpus knows by full name.
        let mut full: Vec<(i64, String, i64)> = same_surname
            .into_iter()
            .filter(|(_, n, _)| !is_single_word(n))
            .collect();
        return Ok(dominant(&mut full));
    }
    // 4. "Keith Kellogg" when the corpus so far only knew "Kellogg": adopt that entity and
    // give it the full name, unless another full-named Kellogg makes it ambiguous.
    let (bare, full): (Vec<_>, Vec<_>) = same_surname
        .into_iter()
        .partition(|(_, n, _)| is_single_word(n));
    if bare.len() == 1 && full.is_empty() {
        let id = bare[0].0;
        tx.execute(
            "UPDATE corpus_entities SET name = ?2, norm = ?3 WHERE id = ?1",
            params![id, display_name(&entity.name, entity.kind), norm],
        )?;
        return Ok(Some(id));
    }
    Ok(None)
}

/// The one candidate, or the one named in at least three times as many documents as any
/// other; `None` when there is no clear choice.
fn dominant(candidates: &mut [(i64, String, i64)]) -> Option<i64> {
    match candidates.len() {
        0 => None,
        1 => Some(candidates[0].0),
        _ => {
            candidates.sort_by_key(|(id, _, docs)| (std::cmp::Reverse(*docs), *id));
            (candidates[0].2 >= 3 * candidates[1].2.max(1)).then_some(candidates[0].0)
        }
    }
}

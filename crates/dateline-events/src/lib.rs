//! PLOVER events — who did what to whom, when and where — with actors, time, place and
//! status.
//!
//! The [`EventExtractor`] finds triggers with a lexicon built from the CAMEO 2.0 verb
//! dictionary mapped to PLOVER plus hand-curated news entries (see `README.md` and
//! `data/lexicon.tsv`), matched on lemmas. Arguments come from the dependency parse when the
//! syntax layer has run (subject → source; object, "with X", "to X" → target; "host" → host;
//! "in X" → place; relative clauses of nominal events → participants) and from word order
//! otherwise. Actors are entity ids; collective actors the entities layer left out ("G7
//! foreign ministers") are added to `doc.entities` as `ORG` entities with nominal mentions.
//! Each event gets a status (occurred, planned, expected, hypothetical, denied), the time
//! expression of its clause, and the quotes that carry it. One event mentioned several times
//! in an article is merged into one, every trigger kept.
//!
//! Sport and entertainment stories use the words of conflict and diplomacy for games and
//! premieres; there an event needs an unmistakably political actor.
//!
//! ```
//! use dateline_core::{Document, Entity, EntityType, Mention, MentionKind, Sentence, Source, Token};
//! use dateline_events::{summarize, EventExtractor};
//!
//! let text = "Iran threatened Iraq.";
//! let mut doc = Document::new("d", Source::text("t"), text.into());
//! doc.sentences.push(Sentence { start: 0, end: 21 });
//! for (s, e, w) in [(0, 4, "Iran"), (5, 15, "threatened"), (16, 20, "Iraq"), (20, 21, ".")] {
//!     doc.tokens.push(Token::new(s, e, w, 0));
//! }
//! for (id, name, s, e) in [("E1", "Iran", 0, 4), ("E2", "Iraq", 16, 20)] {
//!     doc.entities.push(Entity {
//!         id: id.into(), name: name.into(), kind: EntityType::Gpe, roles: vec![],
//!         mentions: vec![Mention { start: s, end: e, text: name.into(), kind: MentionKind::Name }],
//!         codes: Default::default(),
//!     });
//! }
//! EventExtractor::load().unwrap().annotate(&mut doc);
//! assert_eq!(doc.events[0].kind, dateline_core::PloverType::Threaten);
//! assert_eq!(summarize(&doc, &doc.events[0]), "date unknown · THREATEN · Iran → Iraq · occurred");
//! ```

#![deny(missing_docs)]

pub mod domain;
mod extract;
pub mod learned;
pub mod lexicon;
mod merge;
mod view;
mod words;

pub use extract::Political;
pub use lexicon::Lexicon;
pub use merge::iso_week;

use dateline_core::{
    ActorRole, Document, EntityType, Error, Event, EventActor, EventStatus, PloverType, Result,
    Trigger,
};

/// Loaded once, shared read-only across threads.
#[derive(Debug)]
pub struct EventExtractor {
    lexicon: Lexicon,
    /// The learned trigger head; `None` when no model is compiled in or
    /// `DATELINE_EVENTS_RULES_ONLY` is set (the lexicon alone, for comparison).
    triggers: Option<learned::TriggerHead>,
    /// The learned argument head (`None` as for `triggers`).
    arguments: Option<learned::arguments::ArgHead>,
}

impl EventExtractor {
    /// Loads the trigger lexicon compiled into the crate.
    pub fn load() -> Result<Self> {
        let lexicon =
            Lexicon::builtin().map_err(|m| Error::input("dateline-events/data/lexicon.tsv", m))?;
        let rules_only = std::env::var_os("DATELINE_EVENTS_RULES_ONLY").is_some();
        let (triggers, arguments) = if rules_only {
            (None, None)
        } else {
            (
                learned::TriggerHead::embedded()?,
                learned::arguments::ArgHead::embedded()?,
            )
        };
        Ok(EventExtractor {
            lexicon,
            triggers,
            arguments,
        })
    }

    /// The lexicon rules alone, without the learned heads: what the heads are trained
    /// against, and the comparison `DATELINE_EVENTS_RULES_ONLY=1` gives.
    pub fn rules_only() -> Result<Self> {
        let lexicon =
            Lexicon::builtin().map_err(|m| Error::input("dateline-events/data/lexicon.tsv", m))?;
        Ok(EventExtractor {
            lexicon,
            triggers: None,
            arguments: None,
        })
    }

    /// The trigger lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Fills `doc.events` (ids V1, V2… in text order); may add group entities to
    /// `doc.entities`. Needs tokens; uses upos, lemmas, heads, entities, times and quotes
    /// when present.
    pub fn annotate(&self, doc: &mut Document) {
        doc.events.clear();
        if doc.tokens.is_empty() || doc.sentences.is_empty() {
            return;
        }
        let (drafts, groups) = {
            let mut ex = extract::Extractor::new(doc, &self.lexicon)
                .with_head(self.triggers.as_ref())
                .with_arg_head(self.arguments.as_ref());
            if ex.debug {
                let mut cands = ex.find_triggers();
                ex.relate(&mut cands);
                for c in &cands {
                    eprintln!(
                        "trigger @{} {:?} {:?} {} {:?} mode={:?} parent={:?} framed={} confidence={:?}",
                        doc.tokens[c.tok].start,
                        doc.tokens[c.tok].text,
                        c.entry.words,
                        c.entry.kind,
                        c.entry.pattern,
                        c.entry.mode,
                        c.parent,
                        c.framed,
                        c.confidence
                    );
                }
                eprintln!("domain {:?}", ex.domain);
            }
            let drafts = ex.drafts();
            if ex.debug {
                for d in &drafts {
                    eprintln!(
                        "draft @{} {} {:?} {:?} {:?}",
                        doc.tokens[d.triggers[0].0].start, d.kind, d.status, d.actors, d.triggers
                    );
                }
            }
            (drafts, std::mem::take(&mut ex.groups))
        };
        let published = doc.published_date().map(str::to_string);
        let mut drafts = drafts;
        for d in &mut drafts {
            // A sanction made conditional on the target's behaviour is a threat to
            // sanction (PLOVER THREATEN: "threaten to … impose sanctions").
            if d.kind == PloverType::Sanction && d.status == EventStatus::Hypothetical {
                d.kind = PloverType::Threaten;
                d.mode = Some("restrict".into());
            }
            // Coercion or force promised on a condition ("will withdraw … unless") is an
            // ultimatum: PLOVER THREATEN.
            if d.conditional
                && matches!(
                    d.kind,
                    PloverType::Coerce | PloverType::Assault | PloverType::Mobilize
                )
                && matches!(d.status, EventStatus::Hypothetical | EventStatus::Planned)
            {
                // The mode says what is threatened, so it is read before the type changes.
                let threatened = if d.kind == PloverType::Coerce {
                    "restrict"
                } else {
                    "violence"
                };
                d.kind = PloverType::Threaten;
                d.mode = Some(threatened.into());
            }
            // "will not accept", "would not meet": a refusal (PLOVER REJECT), which did
            // happen, rather than a cooperative act that was denied.
            if d.refusal
                && d.status == EventStatus::Denied
                && matches!(
                    d.kind,
                    PloverType::Agree
                        | PloverType::Consult
                        | PloverType::Support
                        | PloverType::Cooperate
                        | PloverType::Aid
                        | PloverType::Concede
                        | PloverType::Retreat
                )
            {
                d.kind = PloverType::Reject;
                d.mode = None;
                d.status = EventStatus::Occurred;
            }
            // An event dated after publication has not happened yet.
            if d.status == EventStatus::Occurred {
                if let (Some(t), Some(p)) = (d.time.and_then(|t| doc.times.get(t)), &published) {
                    if merge::after_published(&t.value, p) {
                        d.status = EventStatus::Planned;
                    }
                }
            }
        }
        let merged = merge::merge(drafts, &doc.times);
        let chars = dateline_core::CharIndex::new(&doc.text);
        doc.entities.extend(groups);
        let mut events = Vec::new();
        for mut d in merged {
            if d.actors.is_empty() {
                continue;
            }
            // A building or area visited is the place once a person or body is met there.
            if d.kind == PloverType::Consult {
                let kind_of = |id: &str| doc.entities.iter().find(|e| e.id == id).map(|e| e.kind);
                let met = d.actors.iter().any(|(id, role)| {
                    *role == ActorRole::Target
                        && matches!(kind_of(id), Some(EntityType::Person | EntityType::Org))
                });
                if met {
                    d.actors.retain(|(id, role)| {
                        !(*role == ActorRole::Target
                            && matches!(kind_of(id), Some(EntityType::Fac | EntityType::Loc)))
                    });
                }
            }
            let span = |(a, b): (usize, usize)| {
                let start = doc.tokens[a].start;
                let end = doc.tokens[b.max(a)].end;
                Trigger {
                    text: chars.slice(&doc.text, start, end).to_string(),
                    start,
                    end,
                }
            };
            let trigger = span(d.triggers[0]);
            let other_triggers: Vec<Trigger> = d.triggers[1..].iter().map(|&t| span(t)).collect();
            let mut quotes = Vec::new();
            for q in &doc.quotes {
                let carries = std::iter::once(&trigger)
                    .chain(other_triggers.iter())
                    .any(|t| t.start >= q.start && t.end <= q.end);
                let speech_by_source = matches!(
                    d.kind,
                    PloverType::Threaten
                        | PloverType::Accuse
                        | PloverType::Request
                        | PloverType::Reject
                        | PloverType::Agree
                        | PloverType::Support
                ) && q.speaker.as_ref().is_some_and(|s| {
                    d.actors
                        .iter()
                        .any(|(id, role)| id == s && *role == ActorRole::Source)
                }) && doc
                    .sentences
                    .get(d.sentence)
                    .is_some_and(|s| q.start < s.end && q.end > s.start);
                if carries || speech_by_source {
                    quotes.push(q.id.clone());
                }
            }
            events.push(Event {
                id: String::new(),
                kind: d.kind,
                mode: d.mode.clone(),
                status: d.status,
                trigger,
                other_triggers,
                actors: d
                    .actors
                    .iter()
                    .map(|(id, role)| EventActor {
                        entity: id.clone(),
                        role: *role,
                    })
                    .collect(),
                time: d.time.and_then(|t| doc.times.get(t)).map(|t| t.id.clone()),
                place: d.place.clone(),
                sentence: d.sentence,
                quotes,
                confidence: d.confidence.map(|c| (c * 1000.0).round() / 1000.0),
            });
        }
        events.sort_by_key(|e| e.trigger.start);
        for (i, e) in events.iter_mut().enumerate() {
            e.id = format!("V{}", i + 1);
        }
        doc.events = events;
    }
}

/// A one-line view of an event for people:
/// `2025-W09 · CONSULT (visit) · Keir Starmer → Donald Trump · Washington · planned`.
pub fn summarize(doc: &Document, ev: &Event) -> String {
    let name = |id: &str| {
        doc.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let with_role = |role: ActorRole| {
        ev.actors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| name(&a.entity))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    parts.push(
        ev.time
            .as_ref()
            .and_then(|t| doc.times.iter().find(|x| &x.id == t))
            .map(|t| t.value.to_string())
            .unwrap_or_else(|| "date unknown".into()),
    );
    parts.push(match &ev.mode {
        Some(m) => format!("{} ({m})", ev.kind),
        None => ev.kind.to_string(),
    });
    let (src, tgt, part, host) = (
        with_role(ActorRole::Source),
        with_role(ActorRole::Target),
        with_role(ActorRole::Participant),
        with_role(ActorRole::Host),
    );
    let mut who = match (src.is_empty(), tgt.is_empty()) {
        (false, false) => format!("{src} → {tgt}"),
        (false, true) => src,
        (true, false) => format!("→ {tgt}"),
        (true, true) => String::new(),
    };
    if !part.is_empty() {
        who = if who.is_empty() {
            part
        } else {
            format!("{who} with {part}")
        };
    }
    if !host.is_empty() {
        who = if who.is_empty() {
            format!("hosted by {host}")
        } else {
            format!("{who}, hosted by {host}")
        };
    }
    if !who.is_empty() {
        parts.push(who);
    }
    if let Some(p) = &ev.place {
        parts.push(name(p));
    }
    parts.push(
        match ev.status {
            EventStatus::Occurred => "occurred",
            EventStatus::Planned => "planned",
            EventStatus::Expected => "expected",
            EventStatus::Hypothetical => "hypothetical",
            EventStatus::Denied => "denied",
        }
        .to_string(),
    );
    parts.join(" · ")
}

#[cfg(test)]
mod tests;

mod stage;

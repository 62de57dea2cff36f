//! Trigger finding, argument attachment and event assembly for one document.
//!
//! The [`Extractor`] holds one document's view and the group entities it creates; its work
//! is split by job:
//! - `triggers`: lexicon entries matched on lemmas (verbs, particles, nominal triggers);
//! - `relate`: candidates folded into the event they repeat or that frames them;
//! - `arguments`, `nominal`, `linear`: sources, targets, participants, hosts and places of
//!   verb triggers, of noun triggers, and by word order without a parse;
//! - `actors`, `groups`: the entity ids an argument names, and group entities created;
//! - `politics`: how clearly an actor is political;
//! - `status`, `times`: the status and the time expression of each event;
//! - `drafts`: one draft event per root trigger, kept when it is political.

mod actors;
mod arguments;
mod drafts;
mod groups;
mod learned;
mod linear;
mod nominal;
mod politics;
mod relate;
mod status;
mod times;
mod triggers;

use crate::domain::{self, Domain};
use crate::lexicon::{Entry, Lexicon};
use crate::view::View;
use dateline_core::{ActorRole, Deprel, Document, Entity, EntityType, EventStatus, PloverType};
use std::collections::HashMap;

/// A trigger found in the text.
#[derive(Debug, Clone)]
pub struct Cand {
    /// Token carrying the trigger's head word.
    pub tok: usize,
    /// Last token of a multiword trigger.
    pub last: usize,
    pub entry: Entry,
    /// Index of the candidate this one was folded into (same event or framed by it).
    pub parent: Option<usize>,
    /// True when a framing trigger absorbed this one ("threatened to cut off").
    pub framed: bool,
    /// The learned trigger head's probability for this trigger's type, when it judged it.
    pub confidence: Option<f32>,
}

/// One event before ids are assigned and mentions across the article are merged.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: PloverType,
    pub mode: Option<String>,
    pub status: EventStatus,
    pub noun: bool,
    pub strong: bool,
    /// Trigger token ranges, the first being the main trigger.
    pub triggers: Vec<(usize, usize)>,
    pub lemma: String,
    /// (entity id, role) in order of attachment.
    pub actors: Vec<(String, ActorRole)>,
    pub time: Option<usize>,
    pub place: Option<String>,
    pub sentence: usize,
    /// The trigger has no actor of its own and only says "the meeting" again.
    pub anaphoric: bool,
    /// Negated with a modal of will ("will not accept", "would not meet").
    pub refusal: bool,
    /// Its clause carries an "if"/"unless" condition.
    pub conditional: bool,
    /// The learned head's probability of the type, when it judged the trigger.
    pub confidence: Option<f32>,
}

#[derive(Default, Debug)]
struct Args {
    sources: Vec<String>,
    targets: Vec<String>,
    participants: Vec<String>,
    hosts: Vec<String>,
    places: Vec<String>,
}

impl Args {
    fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.targets.is_empty()
            && self.participants.is_empty()
            && self.hosts.is_empty()
    }
    fn absorb(&mut self, other: Args) {
        for (mine, theirs) in [
            (&mut self.sources, other.sources),
            (&mut self.targets, other.targets),
            (&mut self.participants, other.participants),
            (&mut self.hosts, other.hosts),
            (&mut self.places, other.places),
        ] {
            for x in theirs {
                if !mine.contains(&x) {
                    mine.push(x);
                }
            }
        }
    }
}

/// How clearly an actor is political.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Political {
    /// Not political (a person or group with no political role).
    No,
    /// Possibly political (an unnamed official, a group noun).
    Weak,
    /// Clearly political (a state, government, party, leader).
    Strong,
}

pub struct Extractor<'a> {
    pub view: View<'a>,
    lex: &'a Lexicon,
    /// The learned trigger head, when one is loaded: it keeps, retypes, drops and adds
    /// triggers (see `learned`).
    head: Option<&'a crate::learned::TriggerHead>,
    /// The learned argument head, when one is loaded: it picks sources and targets.
    arg_head: Option<&'a crate::learned::arguments::ArgHead>,
    /// `DATELINE_EVENTS_DEBUG` is set: drafts and argument roles are printed to stderr.
    /// Read once here, not in the per-trigger code.
    pub debug: bool,
    pub domain: Domain,
    /// Collective actors created here because the entities layer had none.
    pub groups: Vec<Entity>,
    /// Head token of each group mention → index into `groups`.
    group_at: HashMap<usize, usize>,
    next_entity: usize,
    id_prefix: char,
    /// Spans of every GPE/NORP mention, sorted by start, so "is this group national?" is a
    /// binary search rather than a scan of every entity (long documents made that quadratic).
    national_spans: Vec<(usize, usize)>,
    /// `political()` per actor id; for groups keyed also by their mention count, since
    /// groups grow while drafting.
    political_cache: std::cell::RefCell<HashMap<(String, usize), Political>>,
}

const STOP_SUBTREE: &[Deprel] = &[
    Deprel::AclRelcl,
    Deprel::Parataxis,
    Deprel::Ccomp,
    Deprel::Advcl,
    Deprel::Punct,
];

impl<'a> Extractor<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Extractor<'a> {
        // New ids follow the entities layer's style ("E12" or "e12") and never collide.
        let prefix = doc
            .entities
            .first()
            .and_then(|e| e.id.chars().next())
            .filter(|c| c.is_alphabetic())
            .unwrap_or('E');
        let next_entity = doc
            .entities
            .iter()
            .filter_map(|e| e.id.get(1..).and_then(|n| n.parse::<usize>().ok()))
            .max()
            .unwrap_or(0)
            + 1;
        Extractor {
            view: View::new(doc, lex),
            lex,
            head: None,
            arg_head: None,
            debug: std::env::var_os("DATELINE_EVENTS_DEBUG").is_some(),
            domain: domain::classify(doc),
            groups: Vec::new(),
            group_at: HashMap::new(),
            next_entity,
            id_prefix: prefix,
            national_spans: {
                let mut spans: Vec<(usize, usize)> = doc
                    .entities
                    .iter()
                    .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Norp))
                    .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
                    .collect();
                spans.sort_unstable();
                spans
            },
            political_cache: Default::default(),
        }
    }

    /// The same extractor with the learned trigger head deciding on triggers.
    pub fn with_head(mut self, head: Option<&'a crate::learned::TriggerHead>) -> Self {
        self.head = head;
        self
    }

    /// The same extractor with the learned argument head picking sources and targets.
    pub fn with_arg_head(mut self, head: Option<&'a crate::learned::arguments::ArgHead>) -> Self {
        self.arg_head = head;
        self
    }

    /// True when a GPE/NORP mention lies inside `start..end`.
    fn contains_national_mention(&self, start: usize, end: usize) -> bool {
        let first = self.national_spans.partition_point(|&(s, _)| s < start);
        self.national_spans[first..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .any(|&(_, e)| e <= end)
    }

    fn doc(&self) -> &'a Document {
        self.view.doc
    }
}

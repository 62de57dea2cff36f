//! Hand-made documents for the store tests: small news stories with entities, times,
//! quotes and events, built the way the pipeline builds them.
#![allow(dead_code)]

use dateline_core::{
    Document, Entity, EntityType, Event, EventActor, EventStatus, Mention, MentionKind, Quote,
    QuoteKind, Role, Sentence, Source, TimeExpr, TimeType, Trigger,
};

/// Builds a document whose spans are found by searching its text, so tests stay readable.
pub struct DocBuilder {
    doc: Document,
}

fn char_span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` not in text"))
        .0;
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

impl DocBuilder {
    pub fn new(id: &str, url: Option<&str>, published: Option<&str>, text: &str) -> Self {
        let mut source = Source::text(format!("{id}.txt"));
        source.url = url.map(str::to_string);
        let mut doc = Document::new(id, source, text.to_string());
        doc.published = published.map(str::to_string);
        doc.title = text.lines().next().map(str::to_string);
        // One sentence per line.
        let mut start = 0;
        for line in text.split('\n') {
            let len = line.chars().count();
            if len > 0 {
                doc.sentences.push(Sentence {
                    start,
                    end: start + len,
                });
            }
            start += len + 1;
        }
        DocBuilder { doc }
    }

    /// An entity whose mentions are the given strings (first occurrence each).
    pub fn entity(mut self, id: &str, name: &str, kind: EntityType, mentions: &[&str]) -> Self {
        let text = self.doc.text.clone();
        let mentions = mentions
            .iter()
            .map(|m| {
                let (start, end) = char_span(&text, m, 0);
                Mention {
                    start,
                    end,
                    text: m.to_string(),
                    kind: MentionKind::Name,
                }
            })
            .collect();
        self.doc.entities.push(Entity {
            id: id.into(),
            name: name.into(),
            kind,
            roles: Vec::new(),
            mentions,
            codes: Default::default(),
        });
        self
    }

    pub fn code(mut self, entity: &str, scheme: &str, code: &str) -> Self {
        let e = self
            .doc
            .entities
            .iter_mut()
            .find(|e| e.id == entity)
            .unwrap();
        e.codes.insert(scheme.into(), code.into());
        self
    }

    pub fn role(mut self, entity: &str, title: &str, of: Option<&str>) -> Self {
        let (start, end) = char_span(&self.doc.text, title, 0);
        let e = self
            .doc
            .entities
            .iter_mut()
            .find(|e| e.id == entity)
            .unwrap();
        e.roles.push(Role {
            title: title.into(),
            of: of.map(str::to_string),
            start,
            end,
        });
        self
    }

    pub fn time(mut self, id: &str, text: &str, value: &str) -> Self {
        let (start, end) = char_span(&self.doc.text, text, 0);
        self.doc.times.push(TimeExpr {
            id: id.into(),
            text: text.into(),
            start,
            end,
            kind: TimeType::Date,
            value: value.into(),
            modifier: None,
            anchor: "published".into(),
        });
        self
    }

    pub fn quote(mut self, id: &str, text: &str, speaker: Option<&str>) -> Self {
        let (start, end) = char_span(&self.doc.text, text, 0);
        self.doc.quotes.push(Quote {
            id: id.into(),
            text: text.into(),
            start,
            end,
            kind: QuoteKind::Direct,
            speaker: speaker.map(str::to_string),
            speaker_text: None,
            cue: Some("said".into()),
        });
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn event(
        mut self,
        id: &str,
        kind: &str,
        status: EventStatus,
        trigger: &str,
        actors: &[(&str, &str)],
        time: Option<&str>,
        quotes: &[&str],
    ) -> Self {
        let (start, end) = char_span(&self.doc.text, trigger, 0);
        let sentence = self
            .doc
            .sentences
            .iter()
            .position(|s| s.start <= start && end <= s.end)
            .unwrap_or(0);
        self.doc.events.push(Event {
            id: id.into(),
            kind: kind.parse().expect("a PLOVER type"),
            mode: None,
            status,
            trigger: Trigger {
                text: trigger.into(),
                start,
                end,
            },
            other_triggers: Vec::new(),
            confidence: None,
            actors: actors
                .iter()
                .map(|(e, r)| EventActor {
                    entity: e.to_string(),
                    role: r.parse().expect("an actor role"),
                })
                .collect(),
            time: time.map(str::to_string),
            place: None,
            sentence,
            quotes: quotes.iter().map(|q| q.to_string()).collect(),
        });
        self
    }

    pub fn build(self) -> Document {
        self.doc
    }
}

/// The planned meeting, as the seed article reports it (published 2025-02-15).
pub fn planned_meeting() -> Document {
    let text = "Starmer to meet Trump\nKeir Starmer will travel to Washington to meet Donald Trump the following week (WC 24th Feb).\n\u{201c}To me there will have to be territorial concessions,\u{201d} Keith Kellogg, Mr Trump\u{2019}s envoy to Ukraine, said.";
    DocBuilder::new(
        "planned",
        Some("https://news.example/starmer-trump"),
        Some("2025-02-15"),
        text,
    )
    .entity(
        "E1",
        "Keir Starmer",
        EntityType::Person,
        &["Keir Starmer", "Starmer"],
    )
    .entity(
        "E2",
        "Donald Trump",
        EntityType::Person,
        &["Donald Trump", "Mr Trump"],
    )
    .entity(
        "E3",
        "Keith Kellogg",
        EntityType::Person,
        &["Keith Kellogg"],
    )
    .entity("E4", "Ukraine", EntityType::Gpe, &["Ukraine"])
    .code("E4", "iso3", "UKR")
    .entity("E5", "Washington", EntityType::Gpe, &["Washington"])
    .role("E3", "envoy", Some("E4"))
    .time("T1", "the following week (WC 24th Feb)", "2025-W09")
    .quote(
        "Q1",
        "To me there will have to be territorial concessions,",
        Some("E3"),
    )
    .event(
        "V1",
        "CONSULT",
        EventStatus::Planned,
        "meet",
        &[("E1", "source"), ("E2", "target")],
        Some("T1"),
        &[],
    )
    .build()
}

/// A later report of the same meeting, naming Starmer with his honorific.
pub fn meeting_held() -> Document {
    let text = "Starmer and Trump meet at White House\nSir Keir Starmer met President Trump at the White House on Thursday.\nThe Prime Minister said the talks were \u{201c}productive\u{201d}.";
    DocBuilder::new(
        "held",
        Some("https://other.example/white-house-talks"),
        Some("2025-02-28"),
        text,
    )
    .entity(
        "E1",
        "Sir Keir Starmer",
        EntityType::Person,
        &["Sir Keir Starmer", "Starmer"],
    )
    .entity(
        "E2",
        "Trump",
        EntityType::Person,
        &["President Trump", "Trump"],
    )
    .entity("E3", "White House", EntityType::Fac, &["White House"])
    .role("E1", "Prime Minister", None)
    .time("T1", "Thursday", "2025-02-27")
    .quote("Q1", "productive", Some("E1"))
    .event(
        "V1",
        "CONSULT",
        EventStatus::Occurred,
        "met",
        &[("E1", "source"), ("E2", "target")],
        Some("T1"),
        &["Q1"],
    )
    .build()
}

/// A meeting with someone else in the same week: must stay a separate event.
pub fn other_meeting() -> Document {
    let text = "Starmer meets Macron\nKeir Starmer met Emmanuel Macron in Paris on Wednesday.";
    DocBuilder::new("macron", None, Some("2025-02-27"), text)
        .entity("E1", "Keir Starmer", EntityType::Person, &["Keir Starmer"])
        .entity(
            "E2",
            "Emmanuel Macron",
            EntityType::Person,
            &["Emmanuel Macron"],
        )
        .time("T1", "Wednesday", "2025-02-26")
        .event(
            "V1",
            "CONSULT",
            EventStatus::Occurred,
            "met",
            &[("E1", "source"), ("E2", "target")],
            Some("T1"),
            &[],
        )
        .build()
}

//! Store behaviour on hand-made documents: idempotence, replacement, cross-document
//! entities, cross-article event merging and the query layer.

mod common;

use common::*;
use dateline_core::{EntityType, EventStatus};
use dateline_store::{EventFilter, Ingested, QuoteFilter, Store};

fn store_with(docs: &[dateline_core::Document]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for d in docs {
        store.ingest(d, None).unwrap();
    }
    store
}

#[test]
fn reingesting_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.ingest(&planned_meeting(), None).unwrap(),
        Ingested::New
    );
    let before = store.stats().unwrap();
    let events_before = store.events(&EventFilter::default()).unwrap();
    for _ in 0..3 {
        assert_eq!(
            store.ingest(&planned_meeting(), None).unwrap(),
            Ingested::Unchanged
        );
    }
    assert_eq!(store.stats().unwrap(), before);
    assert_eq!(
        store.events(&EventFilter::default()).unwrap(),
        events_before
    );
    assert_eq!(before.documents, 1);
    assert_eq!(before.corpus_events, 1);
    assert!(store.incomplete_documents().unwrap().is_empty());
}

#[test]
fn newer_version_of_a_url_replaces_the_older() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&planned_meeting(), None).unwrap();
    let mut updated = planned_meeting();
    updated.id = "planned-v2".into();
    updated.text.push_str("\nUpdated at 18:00.");
    updated.published = Some("2025-02-16".into());
    assert_eq!(store.ingest(&updated, None).unwrap(), Ingested::Replaced);
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 1);
    assert_eq!(stats.corpus_events, 1);
    assert!(store.document("planned").unwrap().is_none());
    let stored = store.document("planned-v2").unwrap().unwrap();
    assert!(stored.document.text.ends_with("Updated at 18:00."));
    // The older version arriving late does not overwrite the newer one.
    assert_eq!(
        store.ingest(&planned_meeting(), None).unwrap(),
        Ingested::Older
    );
    assert!(store.document("planned-v2").unwrap().is_some());
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(store.incomplete_documents().unwrap().is_empty());
}

#[test]
fn honorifics_and_surnames_resolve_to_one_corpus_entity() {
    let store = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    let starmer = store.find_entities("Keir Starmer").unwrap();
    assert_eq!(starmer.len(), 1, "one Keir Starmer: {starmer:?}");
    assert_eq!(store.find_entities("Sir Keir Starmer").unwrap(), starmer);
    assert_eq!(store.find_entities("Starmer").unwrap(), starmer);
    // "Trump" alone in the second article is the Donald Trump of the first.
    let trump = store.find_entities("Donald Trump").unwrap();
    assert_eq!(trump.len(), 1);
    assert_eq!(store.find_entities("Trump").unwrap(), trump);
    assert_eq!(
        store.find_entities("UKR").unwrap().len(),
        1,
        "found by its code"
    );

    let detail = store.entity(starmer[0]).unwrap().unwrap();
    assert_eq!(detail.entity.name, "Keir Starmer");
    assert_eq!(detail.entity.document_count, 3);
    let aliases: Vec<&str> = detail.aliases.iter().map(|a| a.alias.as_str()).collect();
    assert!(
        aliases.contains(&"Sir Keir Starmer") && aliases.contains(&"Keir Starmer"),
        "{aliases:?}"
    );
    let role = detail
        .roles
        .iter()
        .find(|r| r.title == "Prime Minister")
        .expect("role kept");
    assert_eq!(role.first_seen.as_deref(), Some("2025-02-28"));
    assert_eq!(detail.first_seen.as_deref(), Some("2025-02-15"));
    assert_eq!(detail.last_seen.as_deref(), Some("2025-02-28"));
}

#[test]
fn surname_first_then_full_name_adopts_the_entity() {
    let first = DocBuilder::new("a", None, Some("2025-01-01"), "Kellogg spoke.")
        .entity("E1", "Kellogg", EntityType::Person, &["Kellogg"])
        .build();
    let second = DocBuilder::new("b", None, Some("2025-01-02"), "Keith Kellogg spoke again.")
        .entity(
            "E1",
            "Keith Kellogg",
            EntityType::Person,
            &["Keith Kellogg"],
        )
        .build();
    let store = store_with(&[first, second]);
    let ids = store.find_entities("Kellogg").unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        store.entity(ids[0]).unwrap().unwrap().entity.name,
        "Keith Kellogg"
    );
}

#[test]
fn ambiguous_surnames_stay_apart() {
    let a = DocBuilder::new("a", None, Some("2025-01-01"), "Donald Trump spoke.")
        .entity("E1", "Donald Trump", EntityType::Person, &["Donald Trump"])
        .build();
    let b = DocBuilder::new("b", None, Some("2025-01-02"), "Melania Trump spoke.")
        .entity(
            "E1",
            "Melania Trump",
            EntityType::Person,
            &["Melania Trump"],
        )
        .build();
    let c = DocBuilder::new("c", None, Some("2025-01-03"), "Trump spoke.")
        .entity("E1", "Trump", EntityType::Person, &["Trump"])
        .build();
    let store = store_with(&[a, b, c]);
    assert_eq!(
        store.stats().unwrap().corpus_entities,
        3,
        "bare 'Trump' is not guessed"
    );
    // A different type never merges: Jordan the country is not Michael Jordan.
    let d = DocBuilder::new("d", None, None, "Jordan said.")
        .entity("E1", "Jordan", EntityType::Gpe, &["Jordan"])
        .build();
    let e = DocBuilder::new("e", None, None, "Jordan scored.")
        .entity("E1", "Jordan", EntityType::Person, &["Jordan"])
        .build();
    let store = store_with(&[d, e]);
    assert_eq!(store.stats().unwrap().corpus_entities, 2);
}

#[test]
fn planned_and_held_meeting_merge_into_one_event_with_history() {
    let store = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    let stats = store.stats().unwrap();
    assert_eq!(stats.events, 3);
    assert_eq!(
        stats.corpus_events, 2,
        "Starmer–Trump merged, Starmer–Macron apart"
    );
    assert_eq!(stats.merged_events, 1);

    let events = store
        .events(&EventFilter {
            actor: Some("Trump".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 1);
    let ev = &events[0];
    assert_eq!(ev.kind, "CONSULT");
    assert_eq!(ev.status, "occurred");
    assert_eq!(
        ev.time.as_deref(),
        Some("2025-02-27"),
        "the narrowest time wins"
    );
    assert_eq!(ev.first_reported.as_deref(), Some("2025-02-15"));
    assert_eq!(ev.sources, 2);
    assert_eq!(ev.documents, 2);
    let history: Vec<(&str, Option<&str>)> = ev
        .history
        .iter()
        .map(|h| (h.status.as_str(), h.since.as_deref()))
        .collect();
    assert_eq!(
        history,
        vec![
            ("planned", Some("2025-02-15")),
            ("occurred", Some("2025-02-28"))
        ]
    );
    assert!(
        ev.label.contains("Keir Starmer") && ev.label.contains("Donald Trump"),
        "{}",
        ev.label
    );

    let detail = store.event(ev.id).unwrap().unwrap();
    assert_eq!(detail.reports.len(), 2);
    assert_eq!(detail.reports[0].trigger.text, "meet");
    assert_eq!(detail.reports[1].trigger.text, "met");
    assert_eq!(detail.reports[1].quotes[0].text, "productive");
    assert_eq!(detail.reports[0].time_value.as_deref(), Some("2025-W09"));
}

#[test]
fn merging_does_not_depend_on_arrival_order() {
    let forward = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    let backward = store_with(&[other_meeting(), meeting_held(), planned_meeting()]);
    let summary = |s: &Store| {
        let mut v: Vec<(String, String, i64, Option<String>)> = s
            .events(&EventFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| (e.label, e.status, e.sources, e.first_reported))
            .collect();
        v.sort();
        v
    };
    assert_eq!(summary(&forward), summary(&backward));
}

#[test]
fn removing_a_source_updates_the_corpus_event() {
    let mut store = store_with(&[planned_meeting(), meeting_held()]);
    assert!(store.remove_document("held").unwrap());
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].status, "planned");
    assert_eq!(events[0].sources, 1);
    assert_eq!(events[0].time.as_deref(), Some("2025-W09"));
    // Entities only the removed article knew are gone; shared ones stay.
    assert!(store.find_entities("White House").unwrap().is_empty());
    assert_eq!(store.find_entities("Keir Starmer").unwrap().len(), 1);
    store.integrity_check().unwrap();
}

#[test]
fn query_filters_narrow_the_events() {
    let store = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    let count = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(count(EventFilter::default()), 2);
    assert_eq!(
        count(EventFilter {
            actor: Some("Macron".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("Nobody Known".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            kind: Some("consult".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            kind: Some("SANCTION".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            status: Some("occurred".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            from: Some("2025-02-27".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            to: Some("2025-02-26".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            text: Some("White House".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            text: Some("\"(*".into()),
            ..Default::default()
        }),
        0,
        "odd input is not an FTS error"
    );
    assert!(store
        .events(&EventFilter {
            from: Some("last week".into()),
            ..Default::default()
        })
        .is_err());
    assert!(store
        .events(&EventFilter {
            status: Some("maybe".into()),
            ..Default::default()
        })
        .is_err());
    // Time order: the Macron meeting (26 Feb) before the Trump one (27 Feb).
    let all = store.events(&EventFilter::default()).unwrap();
    assert!(all[0].label.contains("Macron"));
}

#[test]
fn quotes_by_speaker_and_topic() {
    let store = store_with(&[planned_meeting(), meeting_held()]);
    let kellogg = store
        .quotes(&QuoteFilter {
            speaker: Some("Kellogg".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(kellogg.len(), 1);
    assert!(kellogg[0].text.contains("territorial"));
    assert_eq!(kellogg[0].speaker.as_ref().unwrap().name, "Keith Kellogg");
    let about = store
        .quotes(&QuoteFilter {
            speaker: Some("Keith Kellogg".into()),
            about: Some("territorial".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(about.len(), 1);
    let none = store
        .quotes(&QuoteFilter {
            speaker: Some("Kellogg".into()),
            about: Some("sanctions".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn search_network_and_documents() {
    let store = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    let results = store.search("White House", 10).unwrap();
    assert_eq!(results.documents.len(), 1);
    assert!(results.documents[0]
        .snippet
        .as_deref()
        .unwrap()
        .contains('\u{2}'));
    assert!(results.entities.iter().any(|e| e.name == "White House"));
    let starmer = store.find_entities("Starmer").unwrap()[0];
    let detail = store.entity(starmer).unwrap().unwrap();
    let partners: Vec<&str> = detail
        .network
        .iter()
        .map(|n| n.other.name.as_str())
        .collect();
    assert!(
        partners.contains(&"Donald Trump") && partners.contains(&"Emmanuel Macron"),
        "{partners:?}"
    );
    assert!(detail.network.iter().all(|n| n.direction == "out"));
    let doc = store.document("planned").unwrap().unwrap();
    assert_eq!(doc.entity_links.len(), 5);
    assert_eq!(doc.event_links.len(), 1);
    assert_eq!(store.documents(10, 0).unwrap().len(), 3);
    assert!(store.search("", 10).unwrap().documents.is_empty());
}

#[test]
fn searches_with_repeated_or_too_many_words_stay_fast_and_say_what_was_left_out() {
    let store = store_with(&[planned_meeting(), meeting_held(), other_meeting()]);
    // One word 5,000 times: searched for once (this ran for minutes when every repeat was a term).
    let started = std::time::Instant::now();
    let repeated = store.search(&"White House ".repeat(5000), 10).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(repeated.documents.len(), 1);
    assert_eq!(repeated.warning, None);
    // 200 distinct words: the first 32 are searched for and the answer says so.
    let many: Vec<String> = (0..200).map(|i| format!("word{i}")).collect();
    let wide = store
        .search(&format!("White House {}", many.join(" ")), 10)
        .unwrap();
    assert!(wide.documents.is_empty());
    let warning = wide.warning.unwrap();
    assert!(warning.contains("170 more were ignored"), "{warning}");
    let json = serde_json::to_value(store.search("White House", 10).unwrap()).unwrap();
    assert!(
        json.get("warning").is_none(),
        "no warning key when nothing was left out"
    );
}

#[test]
fn odd_documents_are_stored_without_panicking() {
    let mut store = Store::open_in_memory().unwrap();
    let empty = DocBuilder::new("empty", None, None, "").build();
    assert_eq!(store.ingest(&empty, None).unwrap(), Ingested::New);
    let mut weird =
        DocBuilder::new("weird", None, Some("not a date"), "Ünïcödé 🎉 \u{0}text").build();
    // An event pointing at entities and times that do not exist.
    weird.events.push(dateline_core::Event {
        id: "V1".into(),
        kind: "assault".parse().unwrap(),
        mode: None,
        status: EventStatus::Occurred,
        trigger: dateline_core::Trigger {
            text: "x".into(),
            start: 99,
            end: 100,
        },
        other_triggers: vec![],
        confidence: None,
        actors: vec![dateline_core::EventActor {
            entity: "E404".into(),
            role: dateline_core::ActorRole::Source,
        }],
        time: Some("T404".into()),
        place: Some("E405".into()),
        sentence: 42,
        quotes: vec!["Q404".into()],
    });
    assert_eq!(store.ingest(&weird, None).unwrap(), Ingested::New);
    assert_eq!(store.stats().unwrap().corpus_events, 1);
    assert!(store.incomplete_documents().unwrap().is_empty());
    store.integrity_check().unwrap();
}

#[test]
fn store_file_reopens_and_refuses_foreign_databases() {
    let dir = std::env::temp_dir().join(format!("dateline-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.db");
    let _ = std::fs::remove_file(&path);
    assert!(matches!(
        Store::open_existing(&path),
        Err(dateline_store::Error::Missing(_))
    ));
    {
        let mut store = Store::open(&path).unwrap();
        store.ingest(&planned_meeting(), None).unwrap();
    }
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    let message = Store::open_existing(dir.join("nope.db"))
        .err()
        .unwrap()
        .to_string();
    assert!(message.contains("dateline ingest"), "{message}");
    let foreign = dir.join("foreign.db");
    let _ = std::fs::remove_file(&foreign);
    std::fs::write(
        &foreign,
        b"not sqlite at all, just text that is long enough to be a header....",
    )
    .unwrap();
    assert!(Store::open_existing(&foreign).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn same_id_under_a_new_url_replaces_rather_than_failing() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&planned_meeting(), None).unwrap();
    let mut moved = planned_meeting();
    moved.source.url = Some("https://news.example/moved".into());
    assert_eq!(store.ingest(&moved, None).unwrap(), Ingested::Replaced);
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(store.incomplete_documents().unwrap().is_empty());
}

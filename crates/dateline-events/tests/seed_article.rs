//! The reference article end to end through the whole pipeline.

use dateline_core::{Article, Document, Event, EventStatus};
use dateline_nlp::{Options, Pipeline};

fn seed() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed-article.txt"
    );
    let body = std::fs::read_to_string(path).expect("reference article");
    let pipeline = Pipeline::new().expect("pipeline loads");
    let article = Article {
        body,
        published: Some("2025-02-15".into()),
        ..Default::default()
    };
    pipeline.process(article, &Options::default())
}

fn name<'a>(doc: &'a Document, id: &str) -> &'a str {
    doc.entities
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.as_str())
        .unwrap_or("")
}

fn has_actor(doc: &Document, ev: &Event, needle: &str) -> bool {
    ev.actors
        .iter()
        .any(|a| name(doc, &a.entity).contains(needle))
}

fn time_value(doc: &Document, ev: &Event) -> String {
    ev.time
        .as_ref()
        .and_then(|t| doc.times.iter().find(|x| &x.id == t))
        .map(|t| t.value.to_string())
        .unwrap_or_default()
}

#[test]
fn reference_article_events() {
    let doc = seed();
    doc.check_spans().unwrap();
    let all: Vec<String> = doc
        .events
        .iter()
        .map(|e| dateline_events::summarize(&doc, e))
        .collect();
    let find = |pred: &dyn Fn(&Event) -> bool, what: &str| {
        doc.events
            .iter()
            .find(|e| pred(e))
            .unwrap_or_else(|| panic!("no event: {what}\n{all:#?}"))
    };

    let trump = find(
        &|e| e.kind == "CONSULT" && has_actor(&doc, e, "Starmer") && has_actor(&doc, e, "Trump"),
        "Starmer–Trump meeting",
    );
    assert_eq!(trump.status, EventStatus::Planned);
    assert_eq!(time_value(&doc, trump), "2025-W09");
    let place = trump.place.as_deref().map(|p| name(&doc, p)).unwrap_or("");
    assert!(
        place.contains("Washington") || place.contains("White House"),
        "{place}"
    );
    assert!(!trump.other_triggers.is_empty(), "mentioned more than once");

    let leaders = find(
        &|e| e.kind == "CONSULT" && e.actors.iter().any(|a| a.role == "host"),
        "hosted meeting of leaders",
    );
    assert!(leaders
        .actors
        .iter()
        .any(|a| a.role == "host" && name(&doc, &a.entity).contains("France")));
    assert!(has_actor(&doc, leaders, "Starmer") && has_actor(&doc, leaders, "Rutte"));
    assert_eq!(leaders.status, EventStatus::Planned);
    assert_eq!(time_value(&doc, leaders), "2025-02-17");

    let call = find(
        &|e| e.kind == "CONSULT" && has_actor(&doc, e, "Zelensky"),
        "Starmer–Zelensky call",
    );
    assert_eq!(call.mode.as_deref(), Some("call"));
    assert_eq!(call.status, EventStatus::Occurred);
    assert!(time_value(&doc, call).starts_with("2025-02-14"));

    let kellogg = find(
        &|e| e.kind == "CONSULT" && has_actor(&doc, e, "Kellogg"),
        "Kellogg's visit",
    );
    assert_eq!(kellogg.mode.as_deref(), Some("visit"));
    assert_eq!(kellogg.status, EventStatus::Expected);
    assert_eq!(time_value(&doc, kellogg), "2025-W08");

    let sanctions = find(
        &|e| matches!(e.kind.as_str(), "THREATEN" | "SANCTION") && has_actor(&doc, e, "Russia"),
        "G7 sanctions linked to negotiations",
    );
    assert_eq!(sanctions.status, EventStatus::Hypothetical);
}

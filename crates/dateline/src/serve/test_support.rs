//! What the serve tests share: a hand-written sample document, an app over a fresh store
//! holding it, and a GET helper.

use super::app::app;
use super::{AllowedHosts, AppState};
use axum::body::Body;
use axum::http::{header, Request as HttpRequest, StatusCode};
use axum::response::Response;
use axum::Router;
use dateline_core::{
    ActorRole, Document, Entity, EntityType, Event, EventActor, EventStatus, Mention, MentionKind,
    PloverType, Quote, QuoteKind, Sentence, Source, TimeExpr, TimeType, Trigger,
};
use dateline_store::Store;
use std::path::PathBuf;
use tower::ServiceExt;

fn span(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// A small article with one meeting and one quote, written by hand.
pub(crate) fn sample_document() -> Document {
    let text = "Starmer to meet Trump\n\u{201c}Peace needs strength,\u{201d} said Keith Kellogg on Friday. Keir Starmer will meet Donald Trump next week.";
    let mut doc = Document::new("sample", Source::text("sample.txt"), text.into());
    doc.published = Some("2025-02-15".into());
    let first_line = text.find('\n').unwrap();
    doc.sentences = vec![
        Sentence {
            start: 0,
            end: first_line,
        },
        Sentence {
            start: first_line + 1,
            end: text.chars().count(),
        },
    ];
    let ent = |id: &str, name: &str, kind: EntityType| {
        let (start, end) = span(text, name);
        Entity {
            id: id.into(),
            name: name.into(),
            kind,
            roles: vec![],
            mentions: vec![Mention {
                start,
                end,
                text: name.into(),
                kind: MentionKind::Name,
            }],
            codes: Default::default(),
        }
    };
    doc.entities = vec![
        ent("E1", "Keir Starmer", EntityType::Person),
        ent("E2", "Donald Trump", EntityType::Person),
        ent("E3", "Keith Kellogg", EntityType::Person),
    ];
    let (ts, te) = span(text, "next week");
    doc.times = vec![TimeExpr {
        id: "T1".into(),
        text: "next week".into(),
        start: ts,
        end: te,
        kind: TimeType::Date,
        value: "2025-W09".into(),
        modifier: None,
        anchor: "published".into(),
    }];
    let (qs, qe) = span(text, "Peace needs strength,");
    doc.quotes = vec![Quote {
        id: "Q1".into(),
        text: "Peace needs strength,".into(),
        start: qs,
        end: qe,
        kind: QuoteKind::Direct,
        speaker: Some("E3".into()),
        speaker_text: Some("Keith Kellogg".into()),
        cue: Some("said".into()),
    }];
    let (vs, ve) = span(text, "meet Donald");
    doc.events = vec![Event {
        id: "V1".into(),
        kind: PloverType::Consult,
        mode: None,
        status: EventStatus::Planned,
        trigger: Trigger {
            text: "meet".into(),
            start: vs,
            end: ve - " Donald".chars().count(),
        },
        other_triggers: vec![],
        confidence: None,
        actors: vec![
            EventActor {
                entity: "E1".into(),
                role: ActorRole::Source,
            },
            EventActor {
                entity: "E2".into(),
                role: ActorRole::Target,
            },
        ],
        time: Some("T1".into()),
        place: None,
        sentence: 1,
        quotes: vec![],
    }];
    doc
}

/// An app over a fresh store in a temporary folder holding [`sample_document`]; the
/// folder is for the caller to remove.
pub(crate) fn test_app() -> (Router, PathBuf) {
    test_app_with(AllowedHosts::default())
}

/// [`test_app`] answering for `hosts`.
pub(crate) fn test_app_with(hosts: AllowedHosts) -> (Router, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "dateline-serve-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let mut store = Store::open(&db).unwrap();
    store.ingest(&sample_document(), None).unwrap();
    drop(store);
    let state = AppState::open(&db, super::QUERY_TIMEOUT, hosts).unwrap();
    (app(state), dir)
}

/// GETs `uri`: the whole response.
pub(crate) async fn get_response(app: &Router, uri: &str) -> Response {
    app.clone()
        .oneshot(HttpRequest::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap()
}

/// GETs `uri`: the status, the body when it is JSON (else null) and the content type.
pub(crate) async fn get(app: &Router, uri: &str) -> (StatusCode, serde_json::Value, String) {
    let response = get_response(app, uri).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let value = if content_type.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        serde_json::Value::Null
    };
    (status, value, content_type)
}

//! Unit tests on hand-made documents: tokens with syntax, entities and times built here, so
//! the stage is tested independently of the other layers.

use super::*;
use dateline_core::{
    Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, Sentence, Source, TimeExpr,
    TimeType, Token, Upos,
};

/// Builds a document from sentences of `word/UPOS/lemma/head/deprel` tokens (heads 1-based
/// within the sentence, 0 = root; `_` for an absent field).
pub(crate) fn doc_from(sentences: &[&str]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let sent_start = text.chars().count();
        let base = tokens.len();
        for (k, spec) in s.split(' ').enumerate() {
            let f: Vec<&str> = spec.split('/').collect();
            if k > 0 {
                text.push(' ');
            }
            let start = text.chars().count();
            text.push_str(f[0]);
            let end = text.chars().count();
            let mut t = Token::new(start, end, f[0], si);
            let field = |i: usize| f.get(i).filter(|x| **x != "_").map(|x| x.to_string());
            // The specs write punctuation as `./.`: its tag `.` is PUNCT.
            t.upos = field(1).map(|u| match u.as_str() {
                "." => Upos::Punct,
                u => u.parse().unwrap(),
            });
            t.lemma = field(2);
            t.head = field(3)
                .and_then(|h| h.parse::<usize>().ok())
                .and_then(|h| h.checked_sub(1))
                .map(|h| base + h);
            t.deprel = field(4).map(|d| d.parse().unwrap());
            tokens.push(t);
        }
        sents.push(Sentence {
            start: sent_start,
            end: text.chars().count(),
        });
    }
    let mut doc = Document::new("test", Source::text("test"), text);
    doc.tokens = tokens;
    doc.sentences = sents;
    doc.published = Some("2025-02-15".into());
    doc
}

/// Adds an entity with one mention per token range (token indices, end-exclusive).
pub(crate) fn entity(doc: &mut Document, id: &str, kind: EntityType, ranges: &[(usize, usize)]) {
    let mentions: Vec<Mention> = ranges
        .iter()
        .map(|&(a, b)| {
            let (start, end) = (doc.tokens[a].start, doc.tokens[b - 1].end);
            Mention {
                start,
                end,
                text: doc.slice(start, end).to_string(),
                kind: MentionKind::Name,
            }
        })
        .collect();
    doc.entities.push(Entity {
        id: id.into(),
        name: mentions[0].text.clone(),
        kind,
        roles: vec![],
        mentions,
        codes: Default::default(),
    });
}

/// Gives an entity a role, as the entities layer does for "the Prime Minister".
fn titled(doc: &mut Document, id: &str, title: &str) {
    let e = doc.entities.iter_mut().find(|e| e.id == id).unwrap();
    let (start, end) = (e.mentions[0].start, e.mentions[0].end);
    e.roles.push(dateline_core::Role {
        title: title.into(),
        of: None,
        start,
        end,
    });
}

pub(crate) fn time(doc: &mut Document, id: &str, a: usize, b: usize, value: &str) {
    let (start, end) = (doc.tokens[a].start, doc.tokens[b - 1].end);
    doc.times.push(TimeExpr {
        id: id.into(),
        text: doc.slice(start, end).to_string(),
        start,
        end,
        kind: TimeType::Date,
        value: value.into(),
        modifier: None,
        anchor: "published".into(),
    });
}

/// The lexicon rules alone: these tests pin the rules' logic; the learned heads, trained on
/// news, are measured by `eval/events.sh` instead.
fn run(doc: &mut Document) {
    EventExtractor::rules_only().unwrap().annotate(doc);
    doc.check_spans().unwrap();
}

fn role_of<'a>(ev: &'a Event, id: &str) -> Option<&'a str> {
    ev.actors
        .iter()
        .find(|a| a.entity == id)
        .map(|a| a.role.as_str())
}

const TRAVEL: &str = "Keir/PROPN/Keir/4/nsubj Starmer/PROPN/Starmer/1/flat will/AUX/will/4/aux travel/VERB/travel/0/root to/ADP/to/6/case Washington/PROPN/Washington/4/obl to/PART/to/8/mark meet/VERB/meet/4/advcl Donald/PROPN/Donald/8/obj Trump/PROPN/Trump/9/flat ././4/punct";

#[test]
fn planned_trip_to_meet_is_one_consult_event() {
    let mut doc = doc_from(&[TRAVEL]);
    entity(&mut doc, "E1", EntityType::Person, &[(0, 2)]);
    entity(&mut doc, "E2", EntityType::Gpe, &[(5, 6)]);
    entity(&mut doc, "E3", EntityType::Person, &[(8, 10)]);
    titled(&mut doc, "E1", "Prime Minister");
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    let ev = &doc.events[0];
    assert_eq!(ev.id, "V1");
    assert_eq!(ev.kind, "CONSULT");
    assert_eq!(ev.status, EventStatus::Planned);
    assert_eq!(role_of(ev, "E1"), Some("source"));
    assert_eq!(role_of(ev, "E3"), Some("target"));
    assert_eq!(ev.place.as_deref(), Some("E2"));
    assert_eq!(ev.trigger.text, "travel");
    assert_eq!(ev.other_triggers[0].text, "meet");
    assert_eq!(
        summarize(&doc, ev),
        "date unknown · CONSULT (visit) · Keir Starmer → Donald Trump · Washington · planned"
    );
}

#[test]
fn hosted_meeting_takes_participants_from_its_relative_clause() {
    let mut doc = doc_from(&["France/PROPN/France/3/nsubj is/AUX/be/3/aux preparing/VERB/prepare/0/root to/PART/to/5/mark host/VERB/host/3/xcomp an/DET/a/8/det informal/ADJ/informal/8/amod meeting/NOUN/meeting/5/obj of/ADP/of/10/case leaders/NOUN/leader/8/nmod on/ADP/on/12/case Monday/PROPN/Monday/8/nmod ,/PUNCT/,/18/punct which/PRON/which/18/obj Mr/PROPN/Mr/16/compound Starmer/PROPN/Starmer/18/nsubj will/AUX/will/18/aux attend/VERB/attend/8/acl:relcl ././3/punct"]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
    entity(&mut doc, "E2", EntityType::Person, &[(14, 16)]);
    time(&mut doc, "T1", 11, 12, "2025-02-17");
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    let ev = &doc.events[0];
    assert_eq!(ev.kind, "CONSULT");
    assert_eq!(ev.status, EventStatus::Planned);
    assert_eq!(role_of(ev, "E1"), Some("host"));
    assert!(role_of(ev, "E2").is_some());
    assert_eq!(ev.time.as_deref(), Some("T1"));
    // "leaders" became a group entity taking part.
    let group = doc
        .entities
        .iter()
        .find(|e| e.name == "leaders")
        .expect("group entity");
    assert_eq!(group.mentions[0].kind, MentionKind::Nominal);
    assert!(role_of(ev, &group.id).is_some());
    assert_ne!(ev.place.as_deref(), Some("E1"), "a host is not the place");
}

#[test]
fn speaking_to_a_leader_is_a_call_that_occurred() {
    let mut doc = doc_from(&["Mr/PROPN/Mr/2/compound Starmer/PROPN/Starmer/3/nsubj spoke/VERB/speak/0/root to/ADP/to/6/case President/PROPN/President/6/compound Zelensky/PROPN/Zelensky/3/obl on/ADP/on/8/case Friday/PROPN/Friday/3/obl ././3/punct"]);
    entity(&mut doc, "E1", EntityType::Person, &[(0, 2)]);
    entity(&mut doc, "E2", EntityType::Person, &[(5, 6)]);
    time(&mut doc, "T1", 7, 8, "2025-02-14");
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    let ev = &doc.events[0];
    assert_eq!(
        (ev.kind.as_str(), ev.mode.as_deref()),
        ("CONSULT", Some("call"))
    );
    assert_eq!(ev.status, EventStatus::Occurred);
    assert_eq!(ev.time.as_deref(), Some("T1"));
    assert_eq!(role_of(ev, "E2"), Some("target"));
}

#[test]
fn framing_verb_absorbs_its_complement() {
    let mut doc = doc_from(&["Iran/PROPN/Iran/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark cut/VERB/cut/2/xcomp off/ADP/off/4/compound:prt electricity/NOUN/electricity/4/obj to/ADP/to/8/case Nakhichevan/PROPN/Nakhichevan/4/obl ././2/punct"]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
    entity(&mut doc, "E2", EntityType::Gpe, &[(7, 8)]);
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    let ev = &doc.events[0];
    assert_eq!(ev.kind, "THREATEN");
    assert_eq!(role_of(ev, "E1"), Some("source"));
    assert_eq!(role_of(ev, "E2"), Some("target"));
}

#[test]
fn negation_and_conditions_set_the_status() {
    let mut doc = doc_from(&[
        "Russia/PROPN/Russia/4/nsubj has/AUX/have/4/aux not/PART/not/4/advmod rejected/VERB/reject/0/root the/DET/the/6/det plan/NOUN/plan/4/obj ././4/punct",
        "Russia/PROPN/Russia/3/nsubj would/AUX/would/3/aux withdraw/VERB/withdraw/0/root if/SCONJ/if/6/mark peace/NOUN/peace/6/nsubj came/VERB/come/3/advcl ././3/punct",
    ]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1), (7, 8)]);
    run(&mut doc);
    let kinds: Vec<(&str, EventStatus)> = doc
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.status))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("REJECT", EventStatus::Denied),
            ("RETREAT", EventStatus::Hypothetical)
        ]
    );
}

#[test]
fn one_event_mentioned_twice_is_merged_with_both_triggers() {
    let mut doc = doc_from(&[
        TRAVEL,
        "Starmer/PROPN/Starmer/4/nmod:poss 's/PART/'s/1/case forthcoming/ADJ/forthcoming/4/amod meeting/NOUN/meeting/0/root with/ADP/with/6/case Trump/PROPN/Trump/4/nmod ././4/punct",
    ]);
    entity(&mut doc, "E1", EntityType::Person, &[(0, 2), (11, 12)]);
    entity(&mut doc, "E2", EntityType::Gpe, &[(5, 6)]);
    entity(&mut doc, "E3", EntityType::Person, &[(8, 10), (16, 17)]);
    titled(&mut doc, "E3", "President");
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    let triggers: Vec<&str> = doc.events[0]
        .other_triggers
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(triggers, vec!["meet", "meeting"]);
}

#[test]
fn collective_actor_becomes_a_group_entity_with_codes() {
    let mut doc = doc_from(&["G7/PROPN/G7/3/compound foreign/ADJ/foreign/3/amod ministers/NOUN/minister/4/nsubj agreed/VERB/agree/0/root to/PART/to/6/mark continue/VERB/continue/4/xcomp talks/NOUN/talk/6/obj ././4/punct"]);
    entity(&mut doc, "E1", EntityType::Org, &[(0, 1)]);
    doc.entities[0].codes.insert("cameo".into(), "IGOG7".into());
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    assert_eq!(doc.events[0].kind, "AGREE");
    let group = doc
        .entities
        .iter()
        .find(|e| e.name == "G7 foreign ministers")
        .expect("group entity");
    assert_eq!(group.id, "E2");
    assert_eq!(group.codes.get("cameo").map(String::as_str), Some("IGOG7"));
    assert_eq!(role_of(&doc.events[0], "E2"), Some("source"));
}

#[test]
fn conditional_sanctions_are_a_threat_and_carry_the_quote() {
    let mut doc = doc_from(&[
        "Ministers/NOUN/minister/2/nsubj linked/VERB/link/0/root future/ADJ/future/4/amod sanctions/NOUN/sanction/2/obj on/ADP/on/6/case Russia/PROPN/Russia/4/nmod to/ADP/to/8/case talks/NOUN/talk/2/obl ././2/punct",
    ]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(5, 6)]);
    let end = doc.char_len();
    doc.quotes.push(Quote {
        id: "Q1".into(),
        text: doc.text.clone(),
        start: 0,
        end,
        kind: QuoteKind::Indirect,
        speaker: None,
        speaker_text: None,
        cue: None,
    });
    run(&mut doc);
    let ev = doc
        .events
        .iter()
        .find(|e| e.trigger.text == "sanctions")
        .expect("sanction event");
    assert_eq!(ev.kind, "THREATEN");
    assert_eq!(ev.status, EventStatus::Hypothetical);
    assert_eq!(role_of(ev, "E1"), Some("target"));
    assert_eq!(ev.quotes, vec!["Q1".to_string()]);
}

#[test]
fn sport_stories_yield_no_events() {
    let mut doc = doc_from(&[
        "Wales/PROPN/Wales/2/nsubj beat/VERB/beat/0/root England/PROPN/England/2/obj in/ADP/in/7/case the/DET/the/7/det Six/NUM/six/7/nummod Nations/PROPN/Nations/2/obl ././2/punct",
        "The/DET/the/2/det coach/NOUN/coach/3/nsubj said/VERB/say/0/root the/DET/the/5/det team/NOUN/team/6/nsubj will/AUX/will/6/aux attack/VERB/attack/3/ccomp France/PROPN/France/7/obj at/ADP/at/10/case Cardiff/PROPN/Cardiff/7/obl ././3/punct",
        "The/DET/the/2/det match/NOUN/match/5/nsubj was/AUX/be/5/cop a/DET/a/5/det victory/NOUN/victory/0/root for/ADP/for/8/case the/DET/the/8/det squad/NOUN/squad/5/nmod and/CCONJ/and/10/cc fans/NOUN/fan/5/conj in/ADP/in/13/case the/DET/the/13/det league/NOUN/league/10/nmod season/NOUN/season/13/compound ././5/punct",
    ]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
    entity(&mut doc, "E2", EntityType::Gpe, &[(2, 3)]);
    entity(&mut doc, "E3", EntityType::Gpe, &[(15, 16)]);
    entity(&mut doc, "E4", EntityType::Gpe, &[(18, 19)]);
    run(&mut doc);
    assert!(doc.events.is_empty(), "{:#?}", doc.events);
}

#[test]
fn works_without_syntax_and_on_odd_input() {
    // Tokens only, no tags or parse.
    let mut doc = doc_from(&["Iran threatened to shell Iraqi towns ."]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(0, 1)]);
    entity(&mut doc, "E2", EntityType::Norp, &[(4, 5)]);
    run(&mut doc);
    assert_eq!(doc.events.len(), 1, "{:#?}", doc.events);
    assert_eq!(doc.events[0].kind, "THREATEN");
    assert_eq!(role_of(&doc.events[0], "E1"), Some("source"));

    let mut empty = Document::new("e", Source::text("e"), String::new());
    run(&mut empty);
    assert!(empty.events.is_empty());

    // Broken heads and odd text never panic.
    let mut odd = doc_from(&["\u{0}\u{fffd}/X/_/9/nsubj meet/VERB/meet/1/obj ✓/SYM/_/2/conj"]);
    odd.tokens[0].head = Some(1000);
    odd.tokens[1].head = Some(1);
    let _ = std::panic::catch_unwind(|| ()).ok();
    EventExtractor::load().unwrap().annotate(&mut odd);
}

#[test]
fn what_is_asked_for_has_not_happened() {
    let mut doc = doc_from(&[
        "Lawmakers/NOUN/lawmaker/2/nsubj urged/VERB/urge/0/root Israel/PROPN/Israel/2/obj to/PART/to/5/mark apologise/VERB/apologise/2/xcomp and/CCONJ/and/7/cc withdraw/VERB/withdraw/5/conj troops/NOUN/troop/7/obj ././2/punct",
    ]);
    entity(&mut doc, "E1", EntityType::Gpe, &[(2, 3)]);
    run(&mut doc);
    let retreats: Vec<EventStatus> = doc
        .events
        .iter()
        .filter(|e| e.kind == "RETREAT")
        .map(|e| e.status)
        .collect();
    assert_eq!(
        retreats,
        vec![EventStatus::Hypothetical],
        "{:#?}",
        doc.events
    );
}

/// Runs one parsed sentence with entities given as (id, type, first token, end token) and
/// returns the (type, mode, status) of the event triggered by `trigger`.
fn event_at(
    sentence: &str,
    entities: &[(&str, EntityType, usize, usize)],
    trigger: &str,
) -> Option<(String, Option<String>, EventStatus)> {
    let mut doc = doc_from(&[sentence]);
    for &(id, kind, a, b) in entities {
        entity(&mut doc, id, kind, &[(a, b)]);
    }
    run(&mut doc);
    doc.events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .map(|e| (e.kind.to_string(), e.mode.clone(), e.status))
}

const ULTIMATUM: &str = "Iran/PROPN/Iran/3/nsubj will/AUX/will/3/aux VERB/VERB/LEMMA/0/root Iraq/PROPN/Iraq/3/obj unless/SCONJ/unless/7/mark Iraq/PROPN/Iraq/7/nsubj apologises/VERB/apologise/3/advcl ././3/punct";

#[test]
fn an_ultimatum_to_coerce_is_a_threat_to_restrict() {
    // "Iran will arrest Iraq unless Iraq apologises": COERCE promised on a condition.
    let sentence = ULTIMATUM.replace("VERB/VERB/LEMMA", "arrest/VERB/arrest");
    let entities = [("E1", EntityType::Gpe, 0, 1), ("E2", EntityType::Gpe, 3, 4)];
    assert_eq!(
        event_at(&sentence, &entities, "arrest"),
        Some((
            "THREATEN".to_string(),
            Some("restrict".to_string()),
            EventStatus::Planned
        ))
    );
}

#[test]
fn an_ultimatum_of_force_is_a_threat_of_violence() {
    // "Iran will attack Iraq unless Iraq apologises": ASSAULT promised on a condition.
    let sentence = ULTIMATUM.replace("VERB/VERB/LEMMA", "attack/VERB/attack");
    let entities = [("E1", EntityType::Gpe, 0, 1), ("E2", EntityType::Gpe, 3, 4)];
    assert_eq!(
        event_at(&sentence, &entities, "attack"),
        Some((
            "THREATEN".to_string(),
            Some("violence".to_string()),
            EventStatus::Planned
        ))
    );
}

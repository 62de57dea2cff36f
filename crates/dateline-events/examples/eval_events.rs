//! Evaluates the events stage end to end through the pipeline.
//!
//! `cargo run --release -p dateline-events --example eval_events -- plover [--shared DIR]`
//!   PLOVER gold dev records (216 sentences): event type accuracy and type + source + target
//!   accuracy, with the definitions printed.
//! `cargo run --release -p dateline-events --example eval_events -- bbc [--shared DIR] [--judged FILE]`
//!   Events found in the first 30 sport and first 30 entertainment BBC articles (sorted file
//!   names): every event is listed with the judgement recorded in FILE (true/false), and the
//!   share judged false is printed; events not yet judged are listed as `?`.
//! `… -- article FILE [--published DATE]` prints one article's events as summaries.

use dateline_core::{Article, Document, Event, Source};
use dateline_events::{summarize, EventExtractor};
use dateline_nlp::Options;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("plover");
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let shared = flag("--shared")
        .map(PathBuf::from)
        .unwrap_or_else(dateline_core::shared_dir);
    let pipeline = Pipeline::load();
    match mode {
        "plover" => plover(&pipeline, &shared, args.iter().any(|a| a == "--verbose")),
        "bbc" => bbc(
            &pipeline,
            &shared,
            &flag("--judged").unwrap_or_else(|| "eval/events-bbc-judged.md".into()),
            args.iter().any(|a| a == "--write"),
            flag("--skip").and_then(|s| s.parse().ok()).unwrap_or(0),
        ),
        "article" | "text" => {
            let path = args.get(1).expect("article FILE (or text)");
            let body = if mode == "text" {
                path.clone()
            } else {
                std::fs::read_to_string(path).expect("readable article")
            };
            let doc = process(&pipeline, &body, flag("--published"));
            if args.iter().any(|a| a == "--parse") {
                for (i, t) in doc.tokens.iter().enumerate() {
                    let ent = doc
                        .entities
                        .iter()
                        .find(|e| {
                            e.mentions
                                .iter()
                                .any(|m| m.start <= t.start && t.end <= m.end)
                        })
                        .map(|e| format!("{}:{}:{}", e.id, e.kind.as_str(), e.name))
                        .unwrap_or_default();
                    println!(
                        "{i}\t{}\t{}\t{:?}\t{:?}\t{}\t{}\t{ent}",
                        t.sentence,
                        t.text,
                        t.upos.map(|u| u.as_str()),
                        t.lemma,
                        t.head.map(|h| h as i64).unwrap_or(-1),
                        t.deprel.map_or("", |d| d.as_str())
                    );
                }
            }
            for ev in &doc.events {
                let others: Vec<&str> = ev.other_triggers.iter().map(|t| t.text.as_str()).collect();
                println!(
                    "{} {}  [{}] {:?} {:?}",
                    ev.id,
                    summarize(&doc, ev),
                    ev.trigger.text,
                    others,
                    ev.quotes
                );
            }
        }
        other => {
            eprintln!("unknown mode {other}: use plover, bbc or article");
            std::process::exit(2);
        }
    }
}

/// The whole pipeline when it loads; otherwise the stages that do load, in pipeline order,
/// with a warning naming the ones left out.
enum Pipeline {
    Full(dateline_nlp::Pipeline),
    Partial(Vec<Box<dyn dateline_core::Stage>>),
}

impl Pipeline {
    fn load() -> Pipeline {
        match dateline_nlp::Pipeline::new() {
            Ok(p) => Pipeline::Full(p),
            Err(e) => {
                eprintln!(
                    "warning: full pipeline failed to load ({e}); running the stages that load"
                );
                fn stage<T: dateline_core::Stage + 'static>(
                    name: &str,
                    r: dateline_core::Result<T>,
                ) -> Option<Box<dyn dateline_core::Stage>> {
                    r.map(|s| Box::new(s) as Box<dyn dateline_core::Stage>)
                        .map_err(|e| eprintln!("warning: {name} stage left out: {e}"))
                        .ok()
                }
                let stages = [
                    stage("segment", Ok(dateline_text::Segmenter)),
                    stage("syntax", dateline_syntax::Syntax::load()),
                    stage("times", dateline_time::TimeTagger::load()),
                    stage("entities", dateline_entities::EntityRecognizer::load()),
                    stage("quotes", dateline_quotes::QuoteExtractor::load()),
                    Some(Box::new(
                        EventExtractor::load().expect("events stage loads"),
                    )),
                ];
                Pipeline::Partial(stages.into_iter().flatten().collect())
            }
        }
    }
}

fn process(pipeline: &Pipeline, body: &str, published: Option<String>) -> Document {
    match pipeline {
        Pipeline::Full(p) => {
            let article = Article {
                body: body.to_string(),
                published,
                ..Default::default()
            };
            let options = Options {
                with_tokens: true,
                ..Default::default()
            };
            p.process(article, &options)
        }
        Pipeline::Partial(stages) => {
            let prepared = dateline_text::prepare(body);
            let mut doc = Document::new("eval", Source::text("eval"), prepared.text);
            doc.published = published;
            for stage in stages {
                stage.annotate(&mut doc);
            }
            doc
        }
    }
}

// ------------------------------------------------------------------ PLOVER

fn gold_type(t: &str) -> Option<&str> {
    match t {
        "DOCUMENT" | "INVESTIGATE" => None,
        "DEMAND" => Some("REQUEST"),
        "DISAPPROVE" => Some("ACCUSE"),
        "FIGHT" => Some("ASSAULT"),
        other => Some(other),
    }
}

/// Gold actors of one side: (actor text, code).
fn gold_actors(v: Option<&Value>) -> Vec<(String, String)> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                (
                    x["actorText"].as_str().unwrap_or("").to_string(),
                    x["code"].as_str().unwrap_or("").to_string(),
                )
            })
            .filter(|(t, c)| !t.trim().is_empty() || !c.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

const GENERIC: &[&str] = &[
    "the",
    "of",
    "and",
    "in",
    "government",
    "forces",
    "force",
    "leader",
    "leaders",
    "officials",
    "official",
    "president",
    "minister",
    "prime",
    "foreign",
    "military",
    "army",
    "police",
    "authorities",
    "troops",
    "rebels",
    "group",
    "party",
    "new",
    "senior",
    "former",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .collect()
}

/// Two words match when equal or when one extends the other by a suffix and they share at
/// least five letters ("Palestinian"/"Palestinians", "Israel"/"Israeli").
fn word_match(a: &str, b: &str) -> bool {
    a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

/// A predicted entity matches a gold actor when one of the entity's codes equals the gold
/// code, or when a distinctive (non-generic) word of the gold actor text occurs in the
/// entity's name or one of its mentions.
fn actor_matches(doc: &Document, entity: &str, gold: &(String, String)) -> bool {
    let Some(e) = doc.entities.iter().find(|e| e.id == entity) else {
        return false;
    };
    let code = gold.1.trim();
    if !code.is_empty()
        && code != "IGO"
        && code != "NGO"
        && e.codes.values().any(|v| v.starts_with(code))
    {
        return true;
    }
    let gw = words(&gold.0);
    let mut texts = vec![e.name.clone()];
    texts.extend(e.mentions.iter().map(|m| m.text.clone()));
    texts.iter().any(|t| {
        let ew = words(t);
        gw.iter().any(|g| ew.iter().any(|w| word_match(g, w)))
    })
}

fn side_matches(doc: &Document, ev: &Event, roles: &[&str], gold: &[(String, String)]) -> bool {
    if gold.is_empty() {
        return true;
    }
    ev.actors
        .iter()
        .filter(|a| roles.contains(&a.role.as_str()))
        .any(|a| gold.iter().any(|g| actor_matches(doc, &a.entity, g)))
}

const COOPERATIVE: &[&str] = &[
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "AGREE",
];

/// PLOVER (and CAMEO before it) code "all cooperative actions reported in future tense" as
/// AGREE; dateline codes the action and puts the tense in the status.
/// Likewise coercion and force announced for the future are coded THREATEN.
fn plover_view(ev: &Event) -> &str {
    use dateline_core::EventStatus::*;
    let future = matches!(ev.status, Planned | Expected | Hypothetical);
    if COOPERATIVE.contains(&ev.kind.as_str()) && future {
        "AGREE"
    } else if CONFLICTUAL.contains(&ev.kind.as_str()) && future {
        "THREATEN"
    } else {
        ev.kind.as_str()
    }
}

/// SANCTION is left out: an announced reduction of relations ("would prohibit all aid") is
/// the sanction itself in PLOVER.
const CONFLICTUAL: &[&str] = &["COERCE", "ASSAULT", "MOBILIZE", "PROTEST"];

fn plover(pipeline: &Pipeline, shared: &std::path::Path, verbose: bool) {
    let path = shared.join("data/plover/plover_gold_dev.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "no PLOVER gold at {} (set --shared or DATELINE_SHARED)",
            path.display()
        );
        std::process::exit(1);
    };
    let records: Vec<Value> = serde_json::from_str(&text).expect("PLOVER gold is a JSON array");
    let mut cache: HashMap<String, Document> = HashMap::new();
    let (mut n, mut any_event) = (0usize, 0usize);
    let (mut type_ok, mut type_ok_strict, mut full_ok, mut first_type_ok) =
        (0usize, 0usize, 0usize, 0usize);
    let mut per_type: HashMap<String, (usize, usize)> = HashMap::new();
    let mut predicted_events = 0usize;
    for r in &records {
        let Some(gtype) = r["event"].as_str().and_then(gold_type) else {
            continue;
        };
        let Some(sentence) = r["text"].as_str() else {
            continue;
        };
        n += 1;
        let doc = cache.entry(sentence.to_string()).or_insert_with(|| {
            let d = process(pipeline, sentence, r["date"].as_str().map(str::to_string));
            predicted_events += d.events.len();
            d
        });
        let gsrc = gold_actors(r.get("source"));
        let gtgt = gold_actors(r.get("target"));
        let gold_words: Vec<String> = r["eventText"]
            .as_str()
            .unwrap_or("")
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        // Align: the event whose trigger words are among the gold event words; otherwise
        // the first event of the sentence.
        let aligned = doc
            .events
            .iter()
            .find(|e| {
                std::iter::once(&e.trigger)
                    .chain(e.other_triggers.iter())
                    .any(|t| {
                        t.text
                            .split_whitespace()
                            .any(|w| gold_words.contains(&w.to_lowercase()))
                    })
            })
            .or_else(|| doc.events.first());
        let entry = per_type.entry(gtype.to_string()).or_default();
        entry.1 += 1;
        let Some(ev) = aligned else {
            if verbose {
                println!("MISS {gtype}: {sentence}");
            }
            continue;
        };
        any_event += 1;
        if doc.events.first().is_some_and(|f| plover_view(f) == gtype) {
            first_type_ok += 1;
        }
        if ev.kind == gtype {
            type_ok_strict += 1;
        }
        if plover_view(ev) == gtype {
            type_ok += 1;
            entry.0 += 1;
            let src = side_matches(doc, ev, &["source", "host", "participant"], &gsrc);
            let tgt = side_matches(doc, ev, &["target", "participant", "source"], &gtgt);
            if src && tgt {
                full_ok += 1;
            } else if verbose {
                let names: Vec<String> = ev
                    .actors
                    .iter()
                    .map(|a| {
                        let n = doc
                            .entities
                            .iter()
                            .find(|e| e.id == a.entity)
                            .map(|e| e.name.clone())
                            .unwrap_or_default();
                        format!("{}={}", a.role, n)
                    })
                    .collect();
                println!("ACTORS {gtype} src_ok={src} tgt_ok={tgt} pred={names:?} gold_src={gsrc:?} gold_tgt={gtgt:?}: {sentence}");
            }
        } else if verbose {
            println!(
                "TYPE gold={gtype} pred={} ({:?}, trigger {:?}): {sentence}",
                ev.kind, ev.status, ev.trigger.text
            );
        }
    }
    let pct = |a: usize| a as f64 / n.max(1) as f64;
    println!("PLOVER gold dev: {n} records scored (DOCUMENT and INVESTIGATE skipped; DEMAND→REQUEST, DISAPPROVE→ACCUSE, FIGHT→ASSAULT)");
    println!(
        "  records with ≥1 predicted event          {:.3} ({any_event}/{n})",
        pct(any_event)
    );
    println!(
        "  event type accuracy                      {:.3} ({type_ok}/{n})   [bar ≥ 0.75]",
        pct(type_ok)
    );
    println!(
        "  type + source + target accuracy          {:.3} ({full_ok}/{n})   [bar ≥ 0.60]",
        pct(full_ok)
    );
    println!(
        "  type accuracy, strict (no intent rule)   {:.3} ({type_ok_strict}/{n})",
        pct(type_ok_strict)
    );
    println!(
        "  type accuracy of the first event only    {:.3} ({first_type_ok}/{n})",
        pct(first_type_ok)
    );
    println!(
        "  predicted events per sentence            {:.2}",
        predicted_events as f64 / cache.len().max(1) as f64
    );
    println!("Definitions: the predicted event for a record is the one whose trigger words occur in the gold");
    println!("eventText, else the sentence's first event; no event = wrong. Intent rule: PLOVER codes future-tense");
    println!("cooperative actions as AGREE (and CAMEO codes announced coercion as THREATEN), so a planned/expected/");
    println!("hypothetical CONSULT/SUPPORT/COOPERATE/AID/CONCEDE/RETREAT counts as AGREE and a planned/expected/");
    println!("hypothetical COERCE/ASSAULT/MOBILIZE/PROTEST as THREATEN; the strict line drops this rule.");
    println!("Actors: a gold side with actors is matched when a predicted actor of that side");
    println!("(source: source/host/participant; target: target/participant/source) has an entity code equal to the");
    println!("gold code, or shares a distinctive word with the gold actorText (generic words such as 'government',");
    println!("'forces', 'officials' ignored; words match if equal or one extends the other, ≥5 letters shared).");
    println!("An empty gold side matches anything.");
    let mut types: Vec<_> = per_type.into_iter().collect();
    types.sort();
    let line: Vec<String> = types
        .iter()
        .map(|(t, (ok, all))| format!("{t} {ok}/{all}"))
        .collect();
    println!("  per type: {}", line.join(", "));
}

// ------------------------------------------------------------------ BBC

fn bbc_articles(shared: &std::path::Path, skip: usize) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for section in ["sport", "entertainment"] {
        let dir = shared.join("data/bbc-news/bbc").join(section);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        files.sort();
        for f in files.into_iter().skip(skip).take(30) {
            let name = format!(
                "{section}/{}",
                f.file_name().unwrap_or_default().to_string_lossy()
            );
            out.push((name, f));
        }
    }
    out
}

fn bbc(pipeline: &Pipeline, shared: &std::path::Path, judged_path: &str, write: bool, skip: usize) {
    let articles = bbc_articles(shared, skip);
    if articles.is_empty() {
        eprintln!("no BBC articles under {}", shared.display());
        std::process::exit(1);
    }
    // Existing judgements: rows `| article | offset | type | trigger | summary | judgement |`.
    // Everything from the "## Earlier runs" heading on is kept as written by hand.
    let mut judged: HashMap<(String, String, String), String> = HashMap::new();
    let mut history = String::new();
    if let Ok(text) = std::fs::read_to_string(judged_path) {
        if let Some(i) = text.find("## Earlier runs") {
            history = text[i..].to_string();
        }
        let text = &text[..text.find("## Earlier runs").unwrap_or(text.len())];
        for line in text.lines() {
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            if cols.len() >= 8 && cols[1].contains(".txt") {
                judged.insert(
                    (
                        cols[1].to_string(),
                        cols[3].to_string(),
                        cols[4].to_string(),
                    ),
                    cols[6].to_string(),
                );
            }
        }
    }
    let mut rows = Vec::new();
    let (mut t, mut f, mut unjudged) = (0, 0, 0);
    for (name, path) in &articles {
        let bytes = std::fs::read(path).unwrap_or_default();
        let body = String::from_utf8_lossy(&bytes).to_string();
        let doc = process(pipeline, &body, None);
        for ev in &doc.events {
            let key = (name.clone(), ev.kind.to_string(), ev.trigger.text.clone());
            let verdict = judged.get(&key).cloned().unwrap_or_else(|| "?".into());
            match verdict.as_str() {
                "true" => t += 1,
                "false" => f += 1,
                _ => unjudged += 1,
            }
            let sentence = doc
                .sentences
                .get(ev.sentence)
                .map(|s| doc.slice(s.start, s.end).replace(['|', '\n'], " "))
                .unwrap_or_default();
            rows.push(format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                name,
                ev.trigger.start,
                ev.kind,
                ev.trigger.text,
                summarize(&doc, ev).replace('|', "/"),
                verdict,
                sentence.chars().take(160).collect::<String>()
            ));
        }
    }
    println!(
        "BBC sport + entertainment, files {}-{} of each section (sorted names): {} articles",
        skip + 1,
        skip + 30,
        articles.len()
    );
    println!("  events found: {}", rows.len());
    println!("  judged true {t}, judged false {f}, not yet judged {unjudged}");
    let judged_n = t + f;
    if judged_n > 0 {
        println!(
            "  share judged false: {:.3} ({f}/{judged_n})",
            f as f64 / judged_n as f64
        );
    }
    println!(
        "  events per article: {:.2}",
        rows.len() as f64 / articles.len() as f64
    );
    if write {
        let mut out = String::new();
        out.push_str("# Events found in BBC sport and entertainment articles, judged\n\n");
        out.push_str(
            "Articles: the first 30 files (sorted by name) of `bbc-news/bbc/sport` and of\n",
        );
        out.push_str("`bbc-news/bbc/entertainment`. These stories should yield no political event; each event the\n");
        out.push_str("pipeline finds is listed with a human judgement: `true` (a real PLOVER event the text reports),\n");
        out.push_str("`false` (a spurious event). Regenerate the list with `eval/events.sh --write-bbc` (judgements of\n");
        out.push_str("unchanged rows are kept; new rows get `?` until judged).\n\n");
        out.push_str("| article | offset | type | trigger | summary | judgement | sentence |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for r in &rows {
            out.push_str(r);
            out.push('\n');
        }
        if !history.is_empty() {
            out.push('\n');
            out.push_str(&history);
        }
        std::fs::write(judged_path, out).expect("write judged list");
        println!("  wrote {judged_path}");
    }
}

//! `dateline._dateline`: the native half of the `dateline` Python package.
//!
//! It wraps the Rust pipeline (`dateline-nlp`), the readers (`dateline-ingest`) and the
//! store's cross-article event merge rule (`dateline-store::merge`). Documents and
//! articles cross the boundary as JSON text produced by the same `serde` serialisation the
//! CLI writes, so the Python package's output is the CLI's output byte for byte; the pure
//! Python layer (`dateline/__init__.py`) turns it into dicts and adds the friendly API.

use dateline_core::{Article, Error, PublishedFrom, Source, SourceFormat};
use dateline_nlp::Options;
use dateline_store::merge::{
    merge_score, merge_time, parse_date, trigger_stem, DayRange, EventFacts,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Raises the package's exception for a reader or pipeline error, with the CLI's message.
fn dateline_error(py: Python<'_>, error: &Error) -> PyErr {
    let class = match error {
        Error::Io { .. } => "DatelineIOError",
        _ => "DatelineError",
    };
    raise(py, class, error.to_string())
}

fn raise(py: Python<'_>, class: &str, message: String) -> PyErr {
    let made = py
        .import("dateline._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((message.clone(),)));
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(_) => PyValueError::new_err(message),
    }
}

/// The CLI's check of `--published`, with its message.
fn check_published(s: &str) -> Result<(), String> {
    dateline_core::parse_published(s).map(|_| ())
}

/// An article as a plain-text file gives it to the CLI: BOM dropped, the first line taken
/// as the title when it reads like one, refused when empty.
fn text_article(
    text: &str,
    title: Option<String>,
    url: Option<String>,
    path: Option<String>,
) -> Result<Article, Error> {
    let here = path.clone().unwrap_or_else(|| "<text>".to_string());
    let mut warnings = Vec::new();
    let body = dateline_ingest::decode_lossy(text.as_bytes().to_vec(), &here, &mut warnings)?;
    let body = body.strip_prefix('\u{FEFF}').unwrap_or(&body).to_string();
    if body.trim().is_empty() {
        return Err(Error::input(
            here,
            "is empty: there is no article text to read",
        ));
    }
    let title = title.or_else(|| dateline_ingest::detect_title(&body));
    Ok(Article {
        title,
        body,
        source: Some(Source {
            path,
            url,
            format: SourceFormat::Text,
        }),
        warnings,
        ..Default::default()
    })
}

/// An article from a dict: a reader's article (`body`, `source`, …) or a JSONL-style record
/// (`text`, `id`?, `title`?, `published`?, `url`?), or a bare string (plain text).
fn article_from_json(value: serde_json::Value, here: &str) -> Result<Article, Error> {
    use serde_json::Value;
    let obj = match value {
        Value::String(text) => return text_article(&text, None, None, None),
        Value::Object(obj) => obj,
        _ => {
            return Err(Error::input(
                here,
                "not an article: give a str, or a dict with \"text\" (or a reader's \"body\")",
            ))
        }
    };
    let string = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
    let id = obj.get("id").and_then(|v| match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    });
    if obj.contains_key("body") && !obj.contains_key("text") {
        // A reader's article: keep everything the reader found.
        let source = obj
            .get("source")
            .filter(|s| !s.is_null())
            .map(|s| serde_json::from_value::<Source>(s.clone()))
            .transpose()
            .map_err(|e| Error::input(here, format!("bad \"source\": {e}")))?;
        let published_from = obj
            .get("published_from")
            .map(|p| serde_json::from_value::<PublishedFrom>(p.clone()))
            .transpose()
            .map_err(|e| Error::input(here, format!("bad \"published_from\": {e}")))?;
        let published = string("published");
        let published_from = match published_from {
            Some(p) => p,
            None if published.is_some() => PublishedFrom::Given,
            None => PublishedFrom::None,
        };
        let warnings = obj
            .get("warnings")
            .and_then(Value::as_array)
            .map(|w| {
                w.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        return Ok(Article {
            id,
            title: string("title"),
            body: string("body").unwrap_or_default(),
            published,
            published_from,
            author: string("author"),
            source,
            warnings,
        });
    }
    let Some(text) = string("text") else {
        return Err(Error::input(
            here,
            "not an article record: expected {\"id\", \"text\", \"title\"?, \"published\"?, \"url\"?}",
        ));
    };
    // The same article a JSONL line gives the CLI.
    let published = string("published");
    Ok(Article {
        id,
        title: string("title"),
        body: text,
        published_from: if published.is_some() {
            PublishedFrom::Given
        } else {
            PublishedFrom::None
        },
        published,
        author: None,
        source: Some(Source {
            path: string("path"),
            url: string("url"),
            format: SourceFormat::Jsonl,
        }),
        warnings: Vec::new(),
    })
}

/// The pipeline with every model loaded once; shared by all threads.
#[pyclass(module = "dateline._dateline", name = "NativePipeline", frozen)]
struct NativePipeline {
    pipeline: Arc<dateline_nlp::Pipeline>,
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

impl NativePipeline {
    fn pool(&self, threads: usize) -> Result<Arc<rayon::ThreadPool>, String> {
        let mut pools = self.pools.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = pools.get(&threads) {
            return Ok(p.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("dateline-{i}"))
            .build()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
        let pool = Arc::new(pool);
        pools.insert(threads, pool.clone());
        Ok(pool)
    }
}

fn to_json(doc: &dateline_core::Document) -> String {
    // A Document is plain data (strings, numbers, maps with string keys): it always serialises.
    serde_json::to_string(doc).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

#[pymethods]
impl NativePipeline {
    #[new]
    fn new(py: Python<'_>) -> PyResult<Self> {
        let pipeline = py.detach(dateline_nlp::Pipeline::new).map_err(|e| {
            raise(
                py,
                "DatelineError",
                format!("could not load the pipeline's models: {e}"),
            )
        })?;
        Ok(NativePipeline {
            pipeline: Arc::new(pipeline),
            pools: Mutex::new(HashMap::new()),
        })
    }

    /// One plain-text article → its document as JSON.
    #[pyo3(signature = (text, published=None, title=None, url=None, path=None, with_tokens=false))]
    // The arguments are Python's keyword arguments, one for one.
    #[allow(clippy::too_many_arguments)]
    fn extract_text(
        &self,
        py: Python<'_>,
        text: &str,
        published: Option<String>,
        title: Option<String>,
        url: Option<String>,
        path: Option<String>,
        with_tokens: bool,
    ) -> PyResult<String> {
        if let Some(p) = &published {
            check_published(p).map_err(|m| raise(py, "DatelineError", m))?;
        }
        let mut article =
            text_article(text, title, url, path).map_err(|e| dateline_error(py, &e))?;
        // The CLI's hard cap on article size; the warning is in the document.
        dateline_ingest::limits::cap_article(
            &mut article,
            dateline_ingest::limits::DEFAULT_MAX_ARTICLE_BYTES,
        );
        let options = Options {
            published,
            with_tokens,
        };
        let pipeline = &self.pipeline;
        Ok(py.detach(|| to_json(&pipeline.process(article, &options))))
    }

    /// Many articles (each a JSON str: a record, a reader's article or a bare string) →
    /// their documents as JSON, in input order, processed in parallel without the GIL.
    /// With `skip_non_english`, an article the CLI would skip gives `None`.
    #[pyo3(signature = (items, threads=None, published=None, with_tokens=false, skip_non_english=false))]
    fn extract_json_batch(
        &self,
        py: Python<'_>,
        items: Vec<String>,
        threads: Option<usize>,
        published: Option<String>,
        with_tokens: bool,
        skip_non_english: bool,
    ) -> PyResult<Vec<Option<String>>> {
        if let Some(p) = &published {
            check_published(p).map_err(|m| raise(py, "DatelineError", m))?;
        }
        if threads == Some(0) {
            return Err(raise(
                py,
                "DatelineError",
                "threads must be at least 1".into(),
            ));
        }
        let mut articles = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let here = format!("item {i}");
            let value: serde_json::Value = serde_json::from_str(item)
                .map_err(|e| raise(py, "DatelineError", format!("{here}: not JSON ({e})")))?;
            let mut article = article_from_json(value, &here).map_err(|e| dateline_error(py, &e))?;
            dateline_ingest::limits::cap_article(
                &mut article,
                dateline_ingest::limits::DEFAULT_MAX_ARTICLE_BYTES,
            );
            articles.push(article);
        }
        let options = Options {
            published,
            with_tokens,
        };
        let pipeline = &self.pipeline;
        let run = move || -> Vec<Option<String>> {
            articles
                .into_par_iter()
                .map(|a| {
                    if skip_non_english && !dateline_ingest::batch::is_english(&a) {
                        None
                    } else {
                        Some(to_json(&pipeline.process(a, &options)))
                    }
                })
                .collect()
        };
        match threads {
            None => Ok(py.detach(run)),
            Some(n) => {
                // The Python layer warns; a direct caller is capped all the same.
                let (n, _) = dateline_ingest::limits::cap_threads(n);
                let pool = self.pool(n).map_err(|m| raise(py, "DatelineError", m))?;
                Ok(py.detach(|| pool.install(run)))
            }
        }
    }
}

type ArticleIter = Box<dyn Iterator<Item = dateline_core::Result<Article>> + Send>;

/// Streams the articles of one input; each `__next__` reads one record with the GIL released.
#[pyclass(module = "dateline._dateline", name = "NativeReader", frozen)]
struct NativeReader {
    articles: Mutex<ArticleIter>,
    /// For `read_bytes`: the spooled file to delete, and the caller's name for it.
    spool: Option<Spool>,
}

struct Spool {
    dir: PathBuf,
    file: String,
    name: String,
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[pymethods]
impl NativeReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let next = py.detach(|| {
            let mut articles = self.articles.lock().unwrap_or_else(|p| p.into_inner());
            articles.next()
        });
        match next {
            None => Ok(None),
            Some(Ok(mut article)) => {
                if let (Some(spool), Some(source)) = (&self.spool, article.source.as_mut()) {
                    if source.path.as_deref() == Some(spool.file.as_str()) {
                        source.path = Some(spool.name.clone());
                    }
                }
                serde_json::to_string(&article)
                    .map(Some)
                    .map_err(|e| raise(py, "DatelineError", e.to_string()))
            }
            Some(Err(e)) => {
                let err = dateline_error(py, &e);
                match &self.spool {
                    // Name the input as the caller did, not by the spool file.
                    Some(spool) => {
                        let class = match e {
                            Error::Io { .. } => "DatelineIOError",
                            _ => "DatelineError",
                        };
                        Err(raise(
                            py,
                            class,
                            e.to_string().replace(&spool.file, &spool.name),
                        ))
                    }
                    None => Err(err),
                }
            }
        }
    }
}

/// The articles of a file (text, JSONL, HTML, RSS/Atom/JSON feed, WARC/ARC, any gzipped),
/// a directory or a glob, read as `dateline extract` reads its inputs
/// (`dateline_ingest::batch::read_articles`).
#[pyfunction]
fn read_path(path: &str) -> NativeReader {
    NativeReader {
        articles: Mutex::new(Box::new(dateline_ingest::batch::read_articles(&[
            path.to_string()
        ]))),
        spool: None,
    }
}

/// The articles of an input held in memory (e.g. a WARC file Spark read from S3). `name` is
/// the input's name (its extension breaks format ties; messages and `source.path` use it).
#[pyfunction]
fn read_bytes(py: Python<'_>, data: &[u8], name: &str) -> PyResult<NativeReader> {
    static SPOOLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = SPOOLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dateline-spool-{}-{n}", std::process::id()));
    let base = std::path::Path::new(name)
        .file_name()
        .map(|b| b.to_string_lossy().into_owned())
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| "input".to_string());
    let file = dir.join(base);
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&file, data));
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(dateline_error(
            py,
            &Error::Io {
                path: name.to_string(),
                source: e,
            },
        ));
    }
    let file = file.to_string_lossy().into_owned();
    Ok(NativeReader {
        articles: Mutex::new(dateline_ingest::read_input(&file)),
        spool: Some(Spool {
            dir,
            file,
            name: name.to_string(),
        }),
    })
}

/// The most threads `extract_many` starts on this machine (4 per core, at most 256), and
/// the warning for `requested` threads when that is more.
#[pyfunction]
fn thread_cap(requested: usize) -> (usize, Option<String>) {
    dateline_ingest::limits::cap_threads(requested)
}

/// True unless the article is reliably in another language than English (the CLI skips it).
#[pyfunction]
fn is_english_json(py: Python<'_>, article: &str) -> PyResult<bool> {
    let value: serde_json::Value =
        serde_json::from_str(article).map_err(|e| raise(py, "DatelineError", e.to_string()))?;
    let article = article_from_json(value, "article").map_err(|e| dateline_error(py, &e))?;
    Ok(dateline_ingest::batch::is_english(&article))
}

/// One event report as the merge rule sees it (see `dateline.merge_events`).
#[derive(serde::Deserialize)]
struct ReportIn {
    /// Read in any letter case, as before the type was typed.
    #[serde(rename = "type")]
    kind: dateline_core::PloverType,
    status: Option<dateline_core::EventStatus>,
    #[serde(default)]
    actors: Vec<ActorIn>,
    time: Option<String>,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    published: Option<String>,
    /// The trigger words ("warned"): statements by the same people merge only when their
    /// triggers share a stem, as in the store.
    #[serde(default)]
    trigger: Option<String>,
    /// The corpus entity ids the reporting article names: what tells two undated reports of
    /// one story from two reports that only share actors. Empty when unknown.
    #[serde(default)]
    context: Vec<i64>,
}

#[derive(serde::Deserialize)]
struct ActorIn {
    entity: i64,
    role: dateline_core::ActorRole,
}

fn report_facts(r: &ReportIn) -> EventFacts {
    let mut facts = EventFacts {
        status: r.status,
        time: merge_time(r.time.as_deref(), r.modifier.as_deref()),
        reported: r
            .published
            .as_deref()
            .and_then(parse_date)
            .map(DayRange::day),
        contexts: if r.context.is_empty() {
            Vec::new()
        } else {
            vec![r.context.iter().copied().collect()]
        },
        triggers: r.trigger.as_deref().map(trigger_stem).into_iter().collect(),
        ..EventFacts::new(r.kind)
    };
    for a in &r.actors {
        facts.add_actor(a.entity, a.role);
    }
    facts
}

/// Groups event reports into corpus events with the store's rule (`merge_score`): each
/// report, in publication order, joins the best-scoring corpus event so far (ties to the
/// oldest), or starts a new one. Returns each report's corpus-event number, in input order.
#[pyfunction]
fn merge_events_json(py: Python<'_>, reports: Vec<String>) -> PyResult<Vec<usize>> {
    let mut parsed = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let report: ReportIn = serde_json::from_str(r)
            .map_err(|e| raise(py, "DatelineError", format!("report {i}: {e}")))?;
        parsed.push(report);
    }
    Ok(py.detach(|| cluster(&parsed)))
}

fn cluster(reports: &[ReportIn]) -> Vec<usize> {
    let facts: Vec<EventFacts> = reports.iter().map(report_facts).collect();
    let mut order: Vec<usize> = (0..reports.len()).collect();
    // Publication order, undated last, as the store ingests a corpus.
    order.sort_by_key(|&i| {
        (
            facts[i].reported.is_none(),
            facts[i].reported.map(|r| r.start),
            i,
        )
    });
    struct CorpusEvent {
        facts: EventFacts,
        latest: Option<i64>,
    }
    let mut events: Vec<CorpusEvent> = Vec::new();
    let mut by_type: HashMap<dateline_core::PloverType, Vec<usize>> = HashMap::new();
    let mut assigned = vec![0; reports.len()];
    for i in order {
        let f = &facts[i];
        let mut best: Option<(u32, usize)> = None;
        if !f.actors().is_empty() {
            for &ce in by_type.get(&f.kind).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(score) = merge_score(f, &events[ce].facts) {
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, ce));
                    }
                }
            }
        }
        let ce = match best {
            Some((_, ce)) => {
                let event = &mut events[ce];
                event.facts.absorb(f);
                // The latest report decides the corpus event's status, as in the store.
                let day = f.reported.map(|r| r.start);
                if day >= event.latest {
                    event.latest = day;
                    event.facts.status = f.status;
                }
                ce
            }
            None => {
                events.push(CorpusEvent {
                    facts: f.clone(),
                    latest: f.reported.map(|r| r.start),
                });
                by_type
                    .entry(f.kind)
                    .or_default()
                    .push(events.len() - 1);
                events.len() - 1
            }
        };
        assigned[i] = ce;
    }
    assigned
}

/// Scores two reports with the store's rule: `None` when they are different events.
#[pyfunction]
fn merge_score_json(py: Python<'_>, a: &str, b: &str) -> PyResult<Option<u32>> {
    let parse = |s: &str| -> PyResult<ReportIn> {
        serde_json::from_str(s).map_err(|e| raise(py, "DatelineError", e.to_string()))
    };
    Ok(merge_score(
        &report_facts(&parse(a)?),
        &report_facts(&parse(b)?),
    ))
}

/// The store's normalised form of an entity name (`Sir Keir Starmer` → `keir starmer`), and
/// its type family: the key under which mentions in different articles name one entity.
#[pyfunction]
fn entity_key(py: Python<'_>, name: &str, kind: &str) -> PyResult<(String, String)> {
    let Some(kind) = dateline_store::names::parse_type(kind) else {
        return Err(raise(
            py,
            "DatelineError",
            format!("`{kind}` is not an entity type"),
        ));
    };
    Ok((
        dateline_store::names::type_family(kind).to_string(),
        dateline_store::names::normalize(name, kind),
    ))
}

/// The keys the CLI's duplicate check (`dateline_ingest::batch::Deduplicator`) compares:
/// the normalised URL and the normalised text (8-byte FNV-1a hashes, as hex). A corpus
/// split over many machines drops an article when an earlier one shares either key.
/// Mirrors the private helpers of `batch`; `tests/test_dedup.py` checks the two agree.
#[pyfunction]
fn dedup_keys_json(py: Python<'_>, article: &str) -> PyResult<(Option<String>, Option<String>)> {
    let value: serde_json::Value =
        serde_json::from_str(article).map_err(|e| raise(py, "DatelineError", e.to_string()))?;
    let article = article_from_json(value, "article").map_err(|e| dateline_error(py, &e))?;
    let url = article
        .source
        .as_ref()
        .and_then(|s| s.url.as_deref())
        .map(dateline_ingest::batch::normalise_url)
        .filter(|u| !u.is_empty())
        .map(|u| format!("{:016x}", dateline_core::fnv::fnv1a64(u.as_bytes())));
    let text =
        dateline_ingest::batch::normalised_text_hash(&article.body).map(|h| format!("{h:016x}"));
    Ok((url, text))
}

/// True when the CLI's duplicate check finds `b` a duplicate of `a` (for testing the keys).
#[pyfunction]
fn is_duplicate_json(py: Python<'_>, a: &str, b: &str) -> PyResult<bool> {
    let parse = |s: &str| -> PyResult<Article> {
        let value: serde_json::Value =
            serde_json::from_str(s).map_err(|e| raise(py, "DatelineError", e.to_string()))?;
        article_from_json(value, "article").map_err(|e| dateline_error(py, &e))
    };
    let mut seen = dateline_ingest::batch::Deduplicator::new();
    seen.check(&parse(a)?);
    Ok(seen.check(&parse(b)?).is_some())
}

#[pymodule]
fn _dateline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativePipeline>()?;
    m.add_class::<NativeReader>()?;
    m.add_function(wrap_pyfunction!(read_path, m)?)?;
    m.add_function(wrap_pyfunction!(read_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(is_english_json, m)?)?;
    m.add_function(wrap_pyfunction!(thread_cap, m)?)?;
    m.add_function(wrap_pyfunction!(merge_events_json, m)?)?;
    m.add_function(wrap_pyfunction!(merge_score_json, m)?)?;
    m.add_function(wrap_pyfunction!(entity_key, m)?)?;
    m.add_function(wrap_pyfunction!(dedup_keys_json, m)?)?;
    m.add_function(wrap_pyfunction!(is_duplicate_json, m)?)?;
    m.add("SCHEMA", dateline_core::SCHEMA)?;
    Ok(())
}

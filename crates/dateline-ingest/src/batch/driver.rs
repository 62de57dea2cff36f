//! The batch driver: command-line inputs in, analysed articles out, in bounded chunks.
//!
//! One [`Driver`] does what every batch run does, in this order: expand the inputs
//! ([`expand_inputs`]: files, directories, quoted globs, `-`), read their articles lazily
//! (a chunk of at most [`DEFAULT_CHUNK`] pages or records at a time, HTML extraction on
//! rayon), cut articles longer than the [`Limits`] allow, drop duplicates ([`Deduplicator`]), let the caller pass over articles it has
//! already (`keep`), skip articles not in English ([`is_english`]) and run the caller's
//! `analyse` step on rayon. Results come back in input order, and the [`Tally`] counts
//! every article read exactly once.
//!
//! ```no_run
//! use dateline_ingest::batch::{Driver, Report};
//! let inputs = vec!["articles/".to_string(), "feeds/*.xml".to_string()];
//! let mut driver = Driver::new(&inputs, |r| {
//!     if let Report::Failed(e) = r {
//!         eprintln!("{e}");
//!     }
//! });
//! while let Some(titles) = driver.next_analysed(|a| a.title.clone()) {
//!     for title in titles {
//!         println!("{title:?}");
//!     }
//! }
//! assert!(driver.tally().adds_up());
//! ```

use super::{expand_inputs, is_english, Deduplicator};
use crate::{Job, Limits};
use dateline_core::{Article, Error, Result};
use rayon::prelude::*;
use std::convert::Infallible;

/// Pages or records read per chunk by default: enough to keep every core busy, few enough
/// to bound memory.
pub const DEFAULT_CHUNK: usize = 256;

/// What a batch run did. Every article read is counted once in `duplicates`,
/// `not_english`, `passed_over` or `analysed` ([`Tally::adds_up`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Files the inputs expanded to (stdin counts as one).
    pub files: usize,
    /// Files inside directories left out as README, LICENSE or COPYING files.
    pub skipped_files: usize,
    /// Articles read.
    pub read: usize,
    /// Articles seen before in the run (same URL or same words).
    pub duplicates: usize,
    /// Articles reliably in another language than English.
    pub not_english: usize,
    /// Articles the caller's `keep` step declined (for `dateline ingest`: already stored).
    pub passed_over: usize,
    /// Articles given to the `analyse` step.
    pub analysed: usize,
    /// Inputs, files or records that could not be read, each reported.
    pub failed: usize,
}

impl Tally {
    /// True when every article read is counted once.
    pub fn adds_up(&self) -> bool {
        self.read == self.duplicates + self.not_english + self.passed_over + self.analysed
    }
}

/// What the driver tells its caller as it goes.
#[derive(Debug)]
pub enum Report<'a> {
    /// It starts reading this file.
    Reading(&'a str),
    /// This input, file or record could not be read (the error names it); the run goes on.
    Failed(&'a Error),
    /// An article was read with a warning (cut at the size limit, not valid UTF-8, deep
    /// nesting flattened…), also in its document's `warnings`.
    Warning {
        /// Which article: its file, and its id or URL when it has one.
        input: &'a str,
        /// What happened.
        message: &'a str,
    },
}

/// Drives a batch run over command-line inputs; see the [module](crate::batch) documentation.
pub struct Driver<'r> {
    jobs: Jobs,
    dedup: Deduplicator,
    tally: Tally,
    chunk: usize,
    report: Box<dyn FnMut(Report<'_>) + 'r>,
}

impl<'r> Driver<'r> {
    /// A driver over these inputs (files, directories, globs, `-`); inputs that expand to
    /// nothing are reported at once. Nothing is read until the first chunk is asked for.
    pub fn new(inputs: &[String], report: impl FnMut(Report<'_>) + 'r) -> Driver<'r> {
        let mut report: Box<dyn FnMut(Report<'_>) + 'r> = Box::new(report);
        let expanded = expand_inputs(inputs);
        let tally = Tally {
            files: expanded.files.len(),
            skipped_files: expanded.skipped.len(),
            failed: expanded.errors.len(),
            ..Tally::default()
        };
        for e in &expanded.errors {
            report(Report::Failed(e));
        }
        Driver {
            jobs: Jobs::new(expanded.files),
            dedup: Deduplicator::new(),
            tally,
            chunk: DEFAULT_CHUNK,
            report,
        }
    }

    /// Reads at most `n` pages or records per chunk (at least one).
    pub fn chunk_size(mut self, n: usize) -> Self {
        self.chunk = n.max(1);
        self
    }

    /// Reads under these limits instead of the defaults (article size, JSONL line length,
    /// gzip expansion).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.jobs.limits = limits;
        self
    }

    /// The counts so far.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// True when every input has been read (it may open the next file to tell).
    pub fn is_exhausted(&mut self) -> bool {
        self.jobs.is_exhausted(&mut self.report)
    }

    /// The next chunk: `analyse` run on rayon over each new English article, results in
    /// input order. `None` when the inputs are exhausted; a chunk may be empty (all of it
    /// duplicates, say) without the inputs being exhausted.
    pub fn next_analysed<T: Send>(
        &mut self,
        analyse: impl Fn(Article) -> T + Sync + Send,
    ) -> Option<Vec<T>> {
        match self.next_chunk(|_| Ok::<bool, Infallible>(true), analyse) {
            Ok(chunk) => chunk,
            Err(never) => match never {},
        }
    }

    /// Like [`Driver::next_analysed`], with a `keep` step run in input order on this thread
    /// before the language check: an article it declines is counted as passed over and not
    /// analysed. Its error stops the chunk and is returned.
    pub fn next_chunk<T: Send, E>(
        &mut self,
        keep: impl FnMut(&Article) -> std::result::Result<bool, E>,
        analyse: impl Fn(Article) -> T + Sync + Send,
    ) -> std::result::Result<Option<Vec<T>>, E> {
        let jobs = self.next_jobs();
        if jobs.is_empty() {
            return Ok(None);
        }
        let articles = self.read_new(jobs, keep)?;
        let analysed: Vec<Option<T>> = articles
            .into_par_iter()
            .map(|a| is_english(&a).then(|| analyse(a)))
            .collect();
        let mut results = Vec::with_capacity(analysed.len());
        for outcome in analysed {
            match outcome {
                Some(result) => {
                    self.tally.analysed += 1;
                    results.push(result);
                }
                None => self.tally.not_english += 1,
            }
        }
        Ok(Some(results))
    }

    /// Up to a chunk of jobs; reading errors on the way are counted and reported.
    fn next_jobs(&mut self) -> Vec<Job> {
        let mut jobs = Vec::with_capacity(self.chunk);
        while jobs.len() < self.chunk {
            match self.jobs.next(&mut self.report) {
                Some(Ok(job)) => jobs.push(job),
                Some(Err(e)) => self.fail(&e),
                None => break,
            }
        }
        jobs
    }

    /// Runs the jobs (HTML extraction) on rayon, then, in input order, counts errors,
    /// duplicates and the articles `keep` declines; the rest are returned.
    fn read_new<E>(
        &mut self,
        jobs: Vec<Job>,
        mut keep: impl FnMut(&Article) -> std::result::Result<bool, E>,
    ) -> std::result::Result<Vec<Article>, E> {
        let read: Vec<Result<Option<Article>>> = jobs.into_par_iter().map(Job::run).collect();
        let mut articles = Vec::with_capacity(read.len());
        for result in read {
            match result {
                Ok(Some(mut article)) => {
                    self.tally.read += 1;
                    crate::limits::cap_article(&mut article, self.jobs.limits.max_article_bytes);
                    if !article.warnings.is_empty() {
                        let input = describe(&article);
                        for message in &article.warnings {
                            (self.report)(Report::Warning {
                                input: &input,
                                message,
                            });
                        }
                    }
                    if self.dedup.check(&article).is_some() {
                        self.tally.duplicates += 1;
                    } else if keep(&article)? {
                        articles.push(article);
                    } else {
                        self.tally.passed_over += 1;
                    }
                }
                Ok(None) => {}
                Err(e) => self.fail(&e),
            }
        }
        Ok(articles)
    }

    fn fail(&mut self, e: &Error) {
        self.tally.failed += 1;
        (self.report)(Report::Failed(e));
    }
}

/// Names an article for a message: its file, with its id or URL when it has one.
fn describe(article: &Article) -> String {
    let source = article.source.as_ref();
    let path = source.and_then(|s| s.path.as_deref()).unwrap_or("<input>");
    match (&article.id, source.and_then(|s| s.url.as_deref())) {
        (Some(id), _) => format!("{path} (id {id})"),
        (None, Some(url)) if !path.ends_with(".html") && !path.ends_with(".htm") => {
            format!("{path} ({url})")
        }
        _ => path.to_string(),
    }
}

/// The articles of command-line inputs (files, directories, globs, `-`), read lazily one
/// at a time, as the driver reads them but without its duplicate and language checks:
/// what the Python package's `read` gives.
pub fn read_articles(inputs: &[String]) -> impl Iterator<Item = Result<Article>> + Send {
    let expanded = expand_inputs(inputs);
    let files = expanded.files.into_iter().flat_map(|path| {
        crate::read_input_jobs(&path).filter_map(|job| job.and_then(Job::run).transpose())
    });
    expanded.errors.into_iter().map(Err).chain(files)
}

/// The jobs of the files in order, one file open at a time, with one job of look-ahead.
struct Jobs {
    limits: Limits,
    files: std::vec::IntoIter<String>,
    current: Option<Box<dyn Iterator<Item = Result<Job>> + Send>>,
    peeked: Option<Result<Job>>,
}

impl Jobs {
    fn new(files: Vec<String>) -> Jobs {
        Jobs {
            limits: Limits::default(),
            files: files.into_iter(),
            current: None,
            peeked: None,
        }
    }

    fn next(&mut self, report: &mut dyn FnMut(Report<'_>)) -> Option<Result<Job>> {
        if let Some(job) = self.peeked.take() {
            return Some(job);
        }
        loop {
            if let Some(job) = self.current.as_mut().and_then(Iterator::next) {
                return Some(job);
            }
            let path = self.files.next()?;
            report(Report::Reading(&path));
            self.current = Some(crate::read_input_jobs_with(&path, &self.limits));
        }
    }

    fn is_exhausted(&mut self, report: &mut dyn FnMut(Report<'_>)) -> bool {
        if self.peeked.is_none() {
            self.peeked = self.next(report);
        }
        self.peeked.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "The minister said on Monday that the talks with the unions would \
        resume next week, and that the government had not changed its position on the pay \
        offer, which the unions have rejected. Officials from both sides were expected to meet \
        in London on Tuesday to discuss the timetable for the negotiations.";
    const GERMAN: &str = "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf \
        Kraftstoffe zu erhöhen, was bei der Opposition und den Wirtschaftsverbänden auf scharfe \
        Kritik stieß. Die Minister verteidigten den Plan und sagten, er sei nötig, um die \
        Reparatur der Straßen und Brücken zu bezahlen.";

    fn folder(name: &str, files: &[(&str, String)]) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dateline-driver-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    #[test]
    fn counts_add_up_over_a_folder() {
        let other = ENGLISH
            .replace("London", "Leeds")
            .replace("Monday", "Friday");
        let dir = folder(
            "counts",
            &[
                ("a.txt", format!("Talks to resume\n\n{ENGLISH}")),
                ("b.txt", format!("Talks to resume\n\n{ENGLISH}")),
                ("c.txt", format!("Steuern\n\n{GERMAN}")),
                ("d.txt", format!("Leeds talks\n\n{other}")),
                ("e.txt", String::new()),
                ("README.TXT", "How this folder was made.".into()),
            ],
        );
        let mut failures = Vec::new();
        let mut driver = Driver::new(&[dir.to_string_lossy().into_owned()], |r| {
            if let Report::Failed(e) = r {
                failures.push(e.to_string());
            }
        })
        .chunk_size(2);
        let mut titles = Vec::new();
        while let Some(chunk) = driver.next_analysed(|a| a.title.unwrap_or_default()) {
            titles.extend(chunk);
        }
        let tally = driver.tally().clone();
        drop(driver);
        assert_eq!(titles, ["Talks to resume", "Leeds talks"]);
        assert_eq!(
            tally,
            Tally {
                files: 5,
                skipped_files: 1,
                read: 4,
                duplicates: 1,
                not_english: 1,
                passed_over: 0,
                analysed: 2,
                failed: 1,
            }
        );
        assert!(tally.adds_up());
        assert_eq!(failures.len(), 1);
        assert!(failures[0].contains("e.txt"), "{failures:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn keep_declines_and_its_error_stops_the_chunk() {
        let dir = folder("keep", &[("a.txt", ENGLISH.into())]);
        let inputs = [dir.join("a.txt").to_string_lossy().into_owned()];
        let mut driver = Driver::new(&inputs, |_| {});
        assert!(!driver.is_exhausted());
        let chunk = driver.next_chunk(|_| Ok::<_, String>(false), |a| a.body.len());
        assert_eq!(chunk, Ok(Some(vec![])));
        assert!(driver.is_exhausted());
        assert_eq!(driver.tally().passed_over, 1);
        assert!(driver.tally().adds_up());
        let mut driver = Driver::new(&inputs, |_| {});
        let chunk = driver.next_chunk(|_| Err::<bool, _>("store gone"), |a| a.body.len());
        assert_eq!(chunk, Err("store gone"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn limits_fail_cleanly_and_the_batch_goes_on() {
        use std::io::Write;
        let good = |id: usize| {
            serde_json::json!({"id": id.to_string(), "text": ENGLISH.replace("Monday", &format!("day {id}"))})
                .to_string()
        };
        let jsonl = format!(
            "{}\n{{\"id\": \"big\", \"text\": \"{}\"}}\n{}\n",
            good(1),
            "word ".repeat(100_000),
            good(3)
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'a'; 8 << 20]).unwrap();
        let bomb = gz.finish().unwrap();
        let long = format!("Long story\n\n{}", format!("{ENGLISH}\n").repeat(20));
        let dir = folder("limits", &[("a.jsonl", jsonl), ("c.txt", long)]);
        std::fs::write(dir.join("b.txt.gz"), bomb).unwrap();
        let mut failures = Vec::new();
        let mut warnings = Vec::new();
        let limits = Limits {
            max_article_bytes: 2000,
            max_line_bytes: 100_000,
            gzip_floor_bytes: 1 << 20,
            ..Limits::default()
        };
        let mut driver = Driver::new(&[dir.to_string_lossy().into_owned()], |r| match r {
            Report::Failed(e) => failures.push(e.to_string()),
            Report::Warning { input, message } => warnings.push(format!("{input}: {message}")),
            Report::Reading(_) => {}
        })
        .limits(limits);
        let mut bodies = Vec::new();
        while let Some(chunk) = driver.next_analysed(|a| (a.id, a.body.len(), a.warnings)) {
            bodies.extend(chunk);
        }
        let tally = driver.tally().clone();
        drop(driver);
        let ids: Vec<_> = bodies.iter().map(|(id, _, _)| id.clone()).collect();
        assert_eq!(ids, [Some("1".to_string()), Some("3".to_string()), None]);
        assert_eq!(tally.failed, 2, "{failures:?}");
        assert!(failures[0].contains("a.jsonl:2") && failures[0].contains("--max-line-bytes"));
        assert!(failures[1].contains("b.txt.gz") && failures[1].contains("gzip"));
        let (_, len, doc_warnings) = &bodies[2];
        assert!(*len <= 2000);
        assert_eq!(doc_warnings.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("c.txt") && warnings[0].contains("--max-article-bytes"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn read_articles_takes_folders_and_names_failing_inputs() {
        let dir = folder(
            "read",
            &[("a.txt", ENGLISH.into()), ("LICENSE", "MIT".into())],
        );
        let results: Vec<_> = read_articles(&[
            dir.to_string_lossy().into_owned(),
            dir.join("missing.txt").to_string_lossy().into_owned(),
        ])
        .collect();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].as_ref().unwrap().body, ENGLISH);
        let error = results[1].as_ref().unwrap_err().to_string();
        assert!(error.contains("missing.txt"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

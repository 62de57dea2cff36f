//! The dateline pipeline: turns an [`Article`] into a [`Document`] with every layer.
//!
//! The pipeline is a list of [`Stage`]s — segment, syntax, times, entities, quotes, events —
//! after the text preparation. Each stage declares the layers it requires and assigns
//! ([`Stage::requires`], [`Stage::assigns`]); the list is checked once when the pipeline is
//! built, and timings are reported per stage from the same list ([`Pipeline::stage_names`]).
//! The [`Pipeline`] loads every model once; it is `Sync`, so one pipeline serves all threads
//! of a batch. The syntax stage uses the neural tagger and parser unless `DATELINE_PARSER`
//! or [`Pipeline::with_parser`] chooses the perceptron.
//!
//! A very long article (a book, a transcript, a concatenated dump) is analysed in windows of
//! whole paragraphs, so memory stays bounded by the window, not the article (see
//! [`WINDOW_BYTES`]); entities are merged across windows and the document says so in a
//! warning.
//!
//! ```
//! use dateline_core::Article;
//! use dateline_nlp::{Pipeline, Options};
//!
//! let pipeline = Pipeline::new().unwrap();
//! let article = Article { body: "Mr Starmer spoke to Mr Trump on Friday.".into(), ..Default::default() };
//! let doc = pipeline.process(article, &Options::default());
//! assert_eq!(doc.schema, "dateline.document/1");
//! assert!(!doc.sentences.is_empty());
//! assert_eq!(pipeline.stage_names()[0], "prepare");
//! ```

#![deny(missing_docs)]

mod prepare;
mod window;

use dateline_core::{Article, Document, Layer, Source, Stage};

pub use dateline_core as core;
pub use dateline_syntax::ParserKind;
pub use window::{WINDOW_BYTES, WINDOW_THRESHOLD_BYTES};

/// The memory allocator programs that run the pipeline should use: mimalloc. The stages
/// make many small, short-lived allocations per token (strings, candidate lists), and on a
/// one-thread run over the 2,225 BBC articles mimalloc takes about 15% less CPU time than
/// glibc's malloc, with the same output. A library cannot choose a program's allocator, so
/// a program opts in:
///
/// ```ignore
/// #[global_allocator]
/// static GLOBAL: dateline_nlp::Allocator = dateline_nlp::Allocator;
/// ```
pub use mimalloc::MiMalloc as Allocator;

/// Per-run options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publication date to anchor relative dates, overriding the article's own.
    pub published: Option<String>,
    /// Keep the tokens layer in the output document.
    pub with_tokens: bool,
}

/// Every stage, its resources loaded once, in the order they run.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Loads every stage's models and lexicons, with the parser `DATELINE_PARSER` names
    /// (the neural one by default).
    pub fn new() -> dateline_core::Result<Self> {
        Pipeline::with_parser(dateline_syntax::ParserKind::from_env()?)
    }

    /// Loads every stage's models and lexicons, with the given parser.
    pub fn with_parser(parser: dateline_syntax::ParserKind) -> dateline_core::Result<Self> {
        Pipeline::from_stages(vec![
            Box::new(dateline_text::Segmenter),
            Box::new(dateline_syntax::Syntax::load_kind(parser)?),
            Box::new(dateline_time::TimeTagger::load()?),
            Box::new(dateline_entities::EntityRecognizer::load()?),
            Box::new(dateline_quotes::QuoteExtractor::load()?),
            Box::new(dateline_events::EventExtractor::load()?),
        ])
    }

    /// A pipeline of the given stages, after the text preparation. Fails when a stage
    /// requires a layer that no earlier stage assigns.
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> dateline_core::Result<Self> {
        dateline_core::check_order(&stages).map_err(dateline_core::Error::Other)?;
        Ok(Pipeline { stages })
    }

    /// The stages after preparation, in order.
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// The names of the steps [`Pipeline::process_timed`] reports: `prepare`, then every
    /// stage in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        std::iter::once("prepare")
            .chain(self.stages.iter().map(|s| s.name()))
            .collect()
    }

    /// The stages as a Markdown table: each stage with the layers it requires and assigns.
    /// ARCHITECTURE.md holds this table; a test keeps the two the same.
    pub fn stage_table(&self) -> String {
        let layers = |ls: &[Layer]| {
            ls.iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::from("| stage | requires | assigns |\n|---|---|---|\n");
        out.push_str(&format!(
            "| prepare | the article | {} |\n",
            layers(&dateline_core::PREPARED)
        ));
        for stage in &self.stages {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                stage.name(),
                layers(stage.requires()),
                layers(stage.assigns())
            ));
        }
        out
    }

    /// Runs every stage on one article.
    pub fn process(&self, article: Article, options: &Options) -> Document {
        self.run(article, options, &mut |_| {})
    }

    /// [`Pipeline::process`], adding the time each step took to `spent` (indexed like
    /// [`Pipeline::stage_names`]; a shorter slice drops the rest); `clock` reads the time in
    /// seconds, e.g. the thread's CPU time, so a profile on a shared machine can leave out
    /// time spent waiting for a core.
    pub fn process_timed(
        &self,
        article: Article,
        options: &Options,
        clock: &mut dyn FnMut() -> f64,
        spent: &mut [f64],
    ) -> Document {
        let mut last = clock();
        self.run(article, options, &mut |step| {
            let now = clock();
            if let Some(s) = spent.get_mut(step) {
                *s += now - last;
            }
            last = now;
        })
    }

    /// Preparation, then the stages — over the whole document, or window by window for a
    /// very long one. `lap(i)` is called when step `stage_names()[i]` has finished.
    fn run(&self, article: Article, options: &Options, lap: &mut dyn FnMut(usize)) -> Document {
        let mut doc = self.prepare(article, options);
        lap(0);
        if doc.text.len() > WINDOW_THRESHOLD_BYTES {
            window::run_in_windows(&self.stages, &mut doc, options.with_tokens, lap);
        } else {
            run_stages(&self.stages, &mut doc, lap);
        }
        if !options.with_tokens {
            doc.tokens = Vec::new();
            doc.tokens_changed();
            // One vector per token: it goes with them.
            doc.encoding = None;
        }
        doc
    }

    /// Builds the document shell: prepared text (with its offset map back to the input),
    /// id, title and publication date (given, or stated in the text).
    pub fn prepare(&self, article: Article, options: &Options) -> Document {
        prepare::prepare(article, options)
    }
}

/// Runs `stages` in order on `doc`, calling `lap(i + 1)` after stage `i`.
fn run_stages(stages: &[Box<dyn Stage>], doc: &mut Document, lap: &mut dyn FnMut(usize)) {
    for (i, stage) in stages.iter().enumerate() {
        stage.annotate(doc);
        lap(i + 1);
    }
}

/// A stable id from the source and text: FNV-1a 64, hex. The same article always gets the
/// same id, which the store's idempotent ingest relies on.
pub fn content_id(source: &Source, text: &str) -> String {
    let mut h = dateline_core::fnv::Fnv64::new();
    if let Some(url) = &source.url {
        h.write(url.as_bytes());
    }
    h.write(&[0]);
    h.write(text.as_bytes());
    format!("{:016x}", h.finish())
}

//! Part-of-speech tags, lemmas and dependency arcs (Universal Dependencies) for a
//! document's tokens, trained on UD English EWT.
//!
//! Two taggers and parsers, chosen by [`ParserKind`] (`DATELINE_PARSER` chooses for every
//! program that calls [`Syntax::load`]):
//! - the default, [`neural`]: a two-layer BiLSTM over word, affix, shape and pretrained
//!   word-vector features with a joint UPOS|XPOS classifier and a biaffine arc scorer
//!   decoded as a maximum spanning tree, run with 8-bit integer matrix products (trained by
//!   `neural/train.sh`);
//! - the perceptrons ([`ParserKind::Perceptron`]), 1.1–1.2× as fast and 3.5 LAS points less
//!   accurate: a greedy averaged-perceptron tagger predicting UPOS and XPOS jointly
//!   ([`tagger`]), robust to headline title case and capitals, and a greedy arc-hybrid
//!   dependency parser with a dynamic oracle ([`parser`]).
//!
//! Both use the lemmatiser of `model/syntax.bin`: a treebank lookup table plus suffix rules
//! learnt per XPOS ([`lemma`]).
//!
//! Features are 64-bit hashes; the frozen perceptrons keep quantised weights in flat
//! arrays behind open-addressing tables ([`perceptron`]). `model/README.md` gives the
//! training command, data, dev scores and size; the examples `train-syntax`, `eval-syntax`,
//! `bench-syntax` and `syntax-parse` (`cargo run --release -p dateline-syntax --example
//! NAME`) train, score, time and show it.
//!
//! ```
//! use dateline_core::{Document, Source, Token};
//! use dateline_syntax::Syntax;
//!
//! let syntax = Syntax::load().unwrap();
//! let mut doc = Document::new("d", Source::text("-"), "Mr Starmer met Mr Trump.".into());
//! let mut start = 0;
//! for word in ["Mr", "Starmer", "met", "Mr", "Trump", "."] {
//!     let end = start + word.len();
//!     doc.tokens.push(Token::new(start, end, word, 0));
//!     start = end + 1;
//! }
//! syntax.annotate(&mut doc);
//! assert_eq!(doc.tokens[2].upos, Some(dateline_core::Upos::Verb));
//! assert_eq!(doc.tokens[2].head, None); // "met" is the root
//! assert_eq!(doc.tokens[1].head, Some(2));
//! assert_eq!(doc.tokens[1].deprel, Some(dateline_core::Deprel::Nsubj));
//! ```

#![deny(missing_docs)]

pub use dateline_ml::{binio, hashing, perceptron};
/// The CoNLL-U reader (one, in `dateline-text`).
pub use dateline_text::conllu;
pub mod evaluation;
pub mod labels;
pub mod lemma;
pub mod lexical;
pub mod neural;
pub mod parser;
pub mod repair;
pub mod tagger;

use binio::{Reader, Writer};
use dateline_core::{Deprel, Document, Encoding, Error, Result, Upos};
use dateline_ml::model_file::{Header, ModelFile};
use hashing::hash_str;
use lemma::Lemmatizer;
use lexical::normalise;
use parser::{ParseToken, Parser};
pub use repair::{
    repair_dateline_subject, repair_news_constructions, repair_split_names,
    repair_subjectless_complements, repair_titled_names,
};
use tagger::Tagger;

/// Bumped whenever the file layout or any feature template changes: a model trained
/// with other features would load but silently mispredict, so it must fail instead.
pub const FORMAT_VERSION: u32 = 2;
/// The syntax model file (`model/syntax.bin`): its header and how to retrain it.
const MODEL_FILE: ModelFile = ModelFile {
    name: "syntax model",
    file: "crates/dateline-syntax/model/syntax.bin",
    header: Header {
        magic: *b"DLSYNTAX",
        version: FORMAT_VERSION,
    },
    also_reads: &[],
    retrain: "cargo run --release -p dateline-syntax --example train-syntax",
};
const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/syntax.bin");

/// Which tagger and parser [`Syntax`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParserKind {
    /// The BiLSTM tagger and biaffine parser ([`neural`]).
    #[default]
    Neural,
    /// The averaged perceptrons: a little faster, a few points less accurate.
    Perceptron,
}

impl std::str::FromStr for ParserKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "perceptron" | "fast" => Ok(ParserKind::Perceptron),
            "neural" | "accurate" => Ok(ParserKind::Neural),
            other => Err(Error::Other(format!(
                "unknown parser {other:?}: use \"neural\" (the default) or \"perceptron\" (a little faster, less accurate)"
            ))),
        }
    }
}

impl ParserKind {
    /// `DATELINE_PARSER` ("neural" or "perceptron"), else the neural parser.
    pub fn from_env() -> Result<Self> {
        match std::env::var("DATELINE_PARSER") {
            Ok(v) if !v.is_empty() => v
                .parse()
                .map_err(|e: Error| Error::Other(format!("DATELINE_PARSER: {e}"))),
            _ => Ok(ParserKind::Neural),
        }
    }
}

/// The tagger, lemmatiser and parser together, as stored in the model file.
#[derive(Debug, Clone)]
pub struct Model {
    /// The perceptron tagger (predicts UPOS and XPOS jointly).
    pub tagger: Tagger,
    /// The lemmatiser (lookup table plus suffix rules per XPOS).
    pub lemmatizer: Lemmatizer,
    /// The perceptron arc-hybrid dependency parser.
    pub parser: Parser,
    /// When present, tags and arcs come from this network instead of the perceptrons
    /// (the lemmatiser stays).
    pub network: Option<neural::Network>,
    upos_hashes: Vec<u64>,
    /// The UPOS of each of the tagger's tags, parsed once at load.
    upos: Vec<Upos>,
    /// The relation of each of the parser's labels, parsed once at load.
    deprels: Vec<Deprel>,
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag ("NNP").
    pub xpos: String,
    /// Lemma ("be" for "was").
    pub lemma: String,
    /// Index of the head word in the sentence, `None` for the root.
    pub head: Option<usize>,
    /// Relation to the head ([`Deprel::Root`] for the root).
    pub deprel: Deprel,
}

impl Model {
    /// Puts the parts together; fails when a tag or relation is not a UD label.
    pub fn new(tagger: Tagger, lemmatizer: Lemmatizer, parser: Parser) -> Result<Self> {
        let upos_hashes = tagger.tags.iter().map(|t| hash_str(&t.upos)).collect();
        let upos = labels::parse_all("syntax model tags", tagger.tags.iter().map(|t| &t.upos))?;
        let deprels = labels::relations("syntax model relations", &parser.labels)?;
        Ok(Model {
            tagger,
            lemmatizer,
            parser,
            network: None,
            upos_hashes,
            upos,
            deprels,
        })
    }

    /// Uses `network` for tags and arcs; the lemmatiser stays.
    pub fn with_network(mut self, network: neural::Network) -> Self {
        self.network = Some(network);
        self
    }

    /// What the parser sees of a word tagged with tag class `tag`.
    pub fn parse_token(&self, form: &str, tag: u16) -> ParseToken {
        parse_token(form, tag, &self.upos_hashes)
    }

    /// Tags, lemmatises and parses sentences; with a network as [`NeuralModel`] does.
    pub fn analyse_sentences(&self, sentences: &[&[&str]]) -> Vec<Vec<Analysis>> {
        match &self.network {
            Some(network) => analyse_with_network(network, &self.lemmatizer, sentences, None),
            None => sentences.iter().map(|forms| self.analyse(forms)).collect(),
        }
    }

    /// Tags, lemmatises and parses one sentence.
    pub fn analyse(&self, forms: &[&str]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        if self.network.is_some() {
            return self.analyse_sentences(&[forms]).pop().unwrap_or_default();
        }
        let lex = tagger::lexes(forms);
        let tags = self.tagger.tag_lexed(forms, &lex);
        // The parser's word feature is the same lower-cased normalised form hash.
        let tokens: Vec<ParseToken> = lex
            .iter()
            .zip(&tags)
            .map(|(l, &t)| ParseToken {
                word: l.lower,
                tag: u64::from(t),
                upos: self.upos_hashes.get(t as usize).copied().unwrap_or(0),
            })
            .collect();
        let mut arcs = self.parser.parse(&tokens);
        self.repair_case_markers(&mut arcs);
        let mut analyses: Vec<Analysis> = forms
            .iter()
            .zip(tags)
            .zip(arcs)
            .map(|((form, t), (head, label))| {
                let tag = &self.tagger.tags[t as usize];
                Analysis {
                    upos: self.upos[t as usize],
                    xpos: tag.xpos.clone(),
                    lemma: self.lemmatizer.lemma(form, &tag.upos, &tag.xpos),
                    head,
                    deprel: self.deprels[label as usize],
                }
            })
            .collect();
        repair_news_constructions(forms, &mut analyses);
        analyses
    }

    /// UD attaches a preposition (`case`) to the head of its nominal. A greedy parser
    /// sometimes hangs it on a pre-modifier of that head instead — "to President(→case)
    /// Volodymyr Zelensky" — and then labels the real head as a bare object. Moves such a
    /// marker to the nominal head and turns `obj`/`iobj` of that head into `obl`.
    fn repair_case_markers(&self, arcs: &mut [(Option<usize>, u8)]) {
        let id = |rel: Deprel| self.deprels.iter().position(|&l| l == rel).map(|i| i as u8);
        let (Some(case), Some(obl)) = (id(Deprel::Case), id(Deprel::Obl)) else {
            return;
        };
        let premodifiers: Vec<u8> = [Deprel::NmodDesc, Deprel::Compound]
            .into_iter()
            .filter_map(id)
            .collect();
        let objects: Vec<u8> = [Deprel::Obj, Deprel::Iobj]
            .into_iter()
            .filter_map(id)
            .collect();
        for d in 0..arcs.len() {
            let (Some(h), label) = arcs[d] else { continue };
            if label != case || h <= d {
                continue;
            }
            let (Some(g), h_label) = arcs[h] else {
                continue;
            };
            if g <= h || !premodifiers.contains(&h_label) {
                continue;
            }
            // Only when the marker is the first word of the modifier's span.
            if (d + 1..h).any(|k| arcs[k].0 != Some(h)) {
                continue;
            }
            arcs[d].0 = Some(g);
            if objects.contains(&arcs[g].1) {
                arcs[g].1 = obl;
            }
        }
    }

    /// The model committed with this crate (`model/syntax.bin`).
    pub fn embedded() -> Result<Self> {
        Model::from_bytes(EMBEDDED_MODEL)
    }

    /// The model file: the `DLSYNTAX` magic, [`FORMAT_VERSION`], then the tagger,
    /// lemmatiser and parser (without the neural network, which has its own file).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        MODEL_FILE.write_header(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        w.bytes
    }

    /// Reads a model file written by [`Model::to_bytes`].
    ///
    /// Fails with [`Error::Other`] if the bytes are not a syntax model or one of another format
    /// version (retrain it), and with an error naming the part if they are truncated or
    /// malformed.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        read_header(&mut r)?;
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        if !r.at_end() {
            return Err(Error::Other("syntax model: trailing bytes".into()));
        }
        Model::new(tagger, lemmatizer, parser)
    }

    /// The lemmatiser of the model committed with this crate, without its perceptrons.
    pub fn embedded_lemmatizer() -> Result<Lemmatizer> {
        Model::lemmatizer_from_bytes(EMBEDDED_MODEL)
    }

    /// The lemmatiser alone from a model file: the tagger before it is skipped, the parser
    /// after it not read.
    pub fn lemmatizer_from_bytes(bytes: &[u8]) -> Result<Lemmatizer> {
        let mut r = Reader::new(bytes);
        read_header(&mut r)?;
        Tagger::skip(&mut r)?;
        Lemmatizer::read(&mut r)
    }
}

/// Checks the magic bytes and format version at the start of a model file.
fn read_header(r: &mut Reader) -> Result<()> {
    MODEL_FILE.read_header(r)?;
    Ok(())
}

/// The neural tagger and parser with the lemmatiser: all that the neural path runs (the
/// perceptron tagger and parser stored beside the lemmatiser are not loaded).
#[derive(Debug, Clone)]
pub struct NeuralModel {
    /// The neural tagger and parser.
    pub network: neural::Network,
    /// The lemmatiser, read from `model/syntax.bin`.
    pub lemmatizer: Lemmatizer,
}

impl NeuralModel {
    /// The network of `model/neural.bin` and the lemmatiser of `model/syntax.bin`, both
    /// committed with this crate.
    pub fn embedded() -> Result<Self> {
        Ok(NeuralModel {
            network: neural::Network::embedded()?,
            lemmatizer: Model::embedded_lemmatizer()?,
        })
    }

    /// Tags, lemmatises and parses sentences in batches of consecutive sentences of at most
    /// [`BATCH_TOKENS`] tokens (a longer sentence is a batch of its own), so that the
    /// network's matrices stay small however long the document is.
    pub fn analyse_sentences(&self, sentences: &[&[&str]]) -> Vec<Vec<Analysis>> {
        analyse_with_network(&self.network, &self.lemmatizer, sentences, None)
    }

    /// [`NeuralModel::analyse_sentences`], also giving every word's final BiLSTM states
    /// (forward ‖ backward), sentence after sentence: the encoder's output, not a second pass.
    pub fn analyse_sentences_encoding(
        &self,
        sentences: &[&[&str]],
    ) -> (Vec<Vec<Analysis>>, Encoding) {
        network_encoding(&self.network, &self.lemmatizer, sentences)
    }
}

/// [`NeuralModel::analyse_sentences_encoding`] over borrowed parts.
fn network_encoding(
    network: &neural::Network,
    lemmatizer: &Lemmatizer,
    sentences: &[&[&str]],
) -> (Vec<Vec<Analysis>>, Encoding) {
    let words: usize = sentences.iter().map(|s| s.len()).sum();
    let mut data = Vec::with_capacity(words * network.encoding_dim());
    let analyses = analyse_with_network(network, lemmatizer, sentences, Some(&mut data));
    (analyses, Encoding::new(network.encoding_dim(), data))
}

/// [`NeuralModel::analyse_sentences`] over borrowed parts, appending the words' encoding to
/// `encoding` when given.
fn analyse_with_network(
    network: &neural::Network,
    lemmatizer: &Lemmatizer,
    sentences: &[&[&str]],
    mut encoding: Option<&mut Vec<f32>>,
) -> Vec<Vec<Analysis>> {
    let mut analyses = Vec::with_capacity(sentences.len());
    for batch in token_batches(sentences, BATCH_TOKENS) {
        let batch = &sentences[batch];
        let words = network.analyse_batch_encoding(batch, encoding.as_deref_mut());
        analyses.extend(words.into_iter().zip(batch).map(|(words, forms)| {
            let mut sentence: Vec<Analysis> = words
                .into_iter()
                .zip(forms.iter())
                .map(|(w, form)| {
                    let (upos, xpos) = network.tag_parts(w.tag);
                    Analysis {
                        upos: network.tag_upos(w.tag),
                        xpos: xpos.to_string(),
                        lemma: lemmatizer.lemma(form, upos, xpos),
                        head: w.head,
                        deprel: network.deprels[w.relation as usize],
                    }
                })
                .collect();
            repair_news_constructions(forms, &mut sentence);
            sentence
        }));
    }
    analyses
}

/// How many tokens the network analyses at most in one batch (unless one sentence is
/// longer). Its working memory grows with the batch (about 4 KB of gate inputs a token),
/// and a document of typical length (a few hundred to a thousand tokens) is one batch.
pub const BATCH_TOKENS: usize = 2_000;

/// Consecutive runs of `sentences` of at most `max_tokens` tokens together; a sentence
/// longer than that is a run of its own.
pub fn token_batches(sentences: &[&[&str]], max_tokens: usize) -> Vec<std::ops::Range<usize>> {
    let mut batches = Vec::new();
    let mut start = 0;
    while start < sentences.len() {
        let mut end = start + 1;
        let mut tokens = sentences[start].len();
        while end < sentences.len() && tokens + sentences[end].len() <= max_tokens {
            tokens += sentences[end].len();
            end += 1;
        }
        batches.push(start..end);
        start = end;
    }
    batches
}

/// What the parser sees of a word: its lower-cased normalised form and its tag.
pub fn parse_token(form: &str, tag: u16, upos_hashes: &[u64]) -> ParseToken {
    ParseToken {
        word: hash_str(&normalise(form).to_lowercase()),
        tag: u64::from(tag),
        upos: upos_hashes.get(tag as usize).copied().unwrap_or(0),
    }
}

/// Loaded once, shared read-only across threads.
#[derive(Debug)]
pub struct Syntax {
    analyser: Analyser,
}

/// What [`Syntax`] runs.
#[derive(Debug)]
enum Analyser {
    /// The neural path, without the perceptrons.
    Neural(Box<NeuralModel>),
    /// A whole model file: the perceptrons, or a network given with [`Model::with_network`].
    Model(Box<Model>),
}

impl Syntax {
    /// Loads the models compiled into the binary, the parser chosen by `DATELINE_PARSER`
    /// (the neural one unless it says "perceptron"); fails if a model's format version does
    /// not match this build.
    pub fn load() -> Result<Self> {
        Syntax::load_kind(ParserKind::from_env()?)
    }

    /// Loads the models compiled into the binary with the given parser.
    /// Loads the models compiled into the binary with the given parser: for the neural
    /// one, the network and the lemmatiser only.
    pub fn load_kind(kind: ParserKind) -> Result<Self> {
        let analyser = match kind {
            ParserKind::Perceptron => Analyser::Model(Box::new(Model::embedded()?)),
            ParserKind::Neural => Analyser::Neural(Box::new(NeuralModel::embedded()?)),
        };
        Ok(Syntax { analyser })
    }

    /// Wraps an already loaded model.
    pub fn from_model(model: Model) -> Self {
        Syntax {
            analyser: Analyser::Model(Box::new(model)),
        }
    }

    /// Wraps an already loaded network and lemmatiser.
    pub fn from_neural(model: NeuralModel) -> Self {
        Syntax {
            analyser: Analyser::Neural(Box::new(model)),
        }
    }

    /// Which parser runs.
    pub fn kind(&self) -> ParserKind {
        match &self.analyser {
            Analyser::Neural(_) => ParserKind::Neural,
            Analyser::Model(model) if model.network.is_some() => ParserKind::Neural,
            Analyser::Model(_) => ParserKind::Perceptron,
        }
    }

    /// Tags, lemmatises and parses sentences of words.
    pub fn analyse_sentences(&self, sentences: &[&[&str]]) -> Vec<Vec<Analysis>> {
        match &self.analyser {
            Analyser::Neural(model) => model.analyse_sentences(sentences),
            Analyser::Model(model) => model.analyse_sentences(sentences),
        }
    }

    /// [`Syntax::analyse_sentences`], with the words' encoding when a network runs.
    fn analyse_sentences_encoding(
        &self,
        sentences: &[&[&str]],
    ) -> (Vec<Vec<Analysis>>, Option<Encoding>) {
        let (analyses, encoding) = match &self.analyser {
            Analyser::Neural(model) => model.analyse_sentences_encoding(sentences),
            Analyser::Model(model) => match &model.network {
                Some(network) => network_encoding(network, &model.lemmatizer, sentences),
                None => return (model.analyse_sentences(sentences), None),
            },
        };
        (analyses, Some(encoding))
    }

    /// Fills `upos`, `xpos`, `lemma`, `head` and `deprel` of every token, sentence by
    /// sentence (runs of tokens with the same `sentence` index), and, when the neural
    /// parser runs, the document's [`Encoding`] (else none). Drops the document's index, whose
    /// dependency children change.
    pub fn annotate(&self, doc: &mut Document) {
        let mut ranges = Vec::new();
        let mut start = 0;
        while start < doc.tokens.len() {
            let s = doc.tokens[start].sentence;
            let mut end = start + 1;
            while end < doc.tokens.len() && doc.tokens[end].sentence == s {
                end += 1;
            }
            ranges.push(start..end);
            start = end;
        }
        let forms: Vec<Vec<&str>> = ranges
            .iter()
            .map(|r| {
                doc.tokens[r.clone()]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect()
            })
            .collect();
        let sentences: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
        let (analyses, encoding) = self.analyse_sentences_encoding(&sentences);
        doc.encoding = encoding;
        for (range, sentence) in ranges.into_iter().zip(analyses) {
            let start = range.start;
            for (token, a) in doc.tokens[range].iter_mut().zip(sentence) {
                token.upos = Some(a.upos);
                token.xpos = Some(a.xpos);
                token.lemma = Some(a.lemma);
                token.head = a.head.map(|h| start + h);
                token.deprel = Some(a.deprel);
            }
        }
        // Heads changed: the document index (children) is rebuilt on next use.
        doc.tokens_changed();
    }
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn batches_are_consecutive_and_bounded_and_a_long_sentence_stands_alone() {
        let short: &[&str] = &["a"; 3];
        let long: &[&str] = &["b"; 12];
        let sentences = [short, short, short, long, short, &[][..], short];
        let batches = token_batches(&sentences, 7);
        assert_eq!(batches, vec![0..2, 2..3, 3..4, 4..7]);
        assert!(token_batches(&[], 7).is_empty());
    }

    #[test]
    fn batching_does_not_change_the_analysis() {
        let model = Model::embedded()
            .unwrap()
            .with_network(neural::Network::embedded().unwrap());
        let text = [
            &["Keir", "Starmer", "will", "meet", "Donald", "Trump", "."][..],
            &["He", "said", "talks", "went", "well", "."][..],
            &["The", "G7", "agreed", "a", "deal", "on", "Friday", "."][..],
        ];
        let network = model.network.as_ref().unwrap();
        let whole = analyse_with_network(network, &model.lemmatizer, &text, None);
        let one_by_one: Vec<_> = text.iter().map(|s| model.analyse(s)).collect();
        assert_eq!(one_by_one, whole);
        // Three batches of one sentence each.
        let batches = token_batches(&text, 8);
        assert_eq!(batches.len(), 3);
    }

    #[test]
    fn the_neural_model_reads_the_same_lemmatiser_without_the_perceptrons() {
        let lemmatizer = Model::lemmatizer_from_bytes(EMBEDDED_MODEL).unwrap();
        assert_eq!(lemmatizer, Model::embedded().unwrap().lemmatizer);
        assert!(Model::lemmatizer_from_bytes(&EMBEDDED_MODEL[..1000]).is_err());
        let neural = Syntax::load_kind(ParserKind::Neural).unwrap();
        assert_eq!(neural.kind(), ParserKind::Neural);
        let forms: &[&str] = &["Mrs", "May", "said", "talks", "went", "well", "."];
        let whole = Model::embedded()
            .unwrap()
            .with_network(neural::Network::embedded().unwrap())
            .analyse(forms);
        assert_eq!(neural.analyse_sentences(&[forms]), vec![whole]);
    }
}

mod stage;

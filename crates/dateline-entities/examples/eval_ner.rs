//! CoNLL-2003 dev (eng.testa) evaluation of the tagger: conlleval-style exact spans,
//! P/R/F1 per type, in two modes, and tagging speed.
//!
//! * gold-token mode: the tagger reads CoNLL's own tokens;
//! * raw-text mode: each sentence's tokens are joined with spaces, sentences with
//!   blank lines, one document per CoNLL document; dateline_text::segment tokenises
//!   and splits the text; predicted and gold spans are compared as char spans.
//!
//! Usage: `cargo run --release -p dateline-entities --example eval_ner [-- FILE]`

use dateline_core::{Document, Source};
use dateline_entities::conll::{self, Scores};
use dateline_entities::cputime::timed;
use dateline_entities::entities::tagged_char_spans;
use dateline_entities::model::TYPES;
use dateline_entities::EntityRecognizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dateline_core::shared_dir().join("data/conll2003/eng.testa"));
    let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
    let docs = conll::read(&text);
    let recognizer = EntityRecognizer::load()?;
    let ner = recognizer.ner();
    let n_tokens: usize = docs.iter().flatten().map(|s| s.words.len()).sum();
    println!(
        "data: {} ({} documents, {} tokens)",
        path.display(),
        docs.len(),
        n_tokens
    );

    // Gold tokens.
    let inputs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|s| s.words.iter().map(|w| w.as_str()).collect())
                .collect()
        })
        .collect();
    let (predicted, gold_wall, gold_cpu) = timed(|| {
        inputs
            .iter()
            .map(|words| ner.tag_document(words))
            .collect::<Vec<_>>()
    });
    let mut scores = Scores::default();
    for (d, (doc, pred)) in docs.iter().zip(&predicted).enumerate() {
        for (k, (s, p)) in doc.iter().zip(pred).enumerate() {
            let key = |sp: &(usize, usize, usize)| ((d, k, sp.0, sp.1), TYPES[sp.2].to_string());
            scores.add(
                &s.spans.iter().map(key).collect::<Vec<_>>(),
                &p.iter().map(key).collect::<Vec<_>>(),
            );
        }
    }
    println!("\n== gold-token mode (CoNLL tokens)\n{}", scores.report());

    // Raw text through dateline's tokeniser.
    let mut scores = Scores::default();
    let mut tag_secs = 0.0;
    let mut raw_tokens = 0usize;
    for (d, doc) in docs.iter().enumerate() {
        let mut text = String::new();
        let mut gold = Vec::new();
        let mut offset = 0usize;
        for (k, s) in doc.iter().enumerate() {
            if k > 0 {
                text.push_str("\n\n");
                offset += 2;
            }
            let mut starts = Vec::with_capacity(s.words.len());
            for (i, w) in s.words.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                    offset += 1;
                }
                starts.push(offset);
                text.push_str(w);
                offset += w.chars().count();
            }
            for &(a, b, t) in &s.spans {
                let end = starts[b - 1] + s.words[b - 1].chars().count();
                gold.push(((d, starts[a], end), TYPES[t].to_string()));
            }
        }
        let mut document = Document::new(format!("d{d}"), Source::text("eng.testa"), text);
        dateline_text::segment(&mut document);
        raw_tokens += document.tokens.len();
        let (spans, _, tag_cpu) = timed(|| tagged_char_spans(ner, &document));
        tag_secs += tag_cpu;
        let pred: Vec<_> = spans
            .into_iter()
            .map(|(a, b, t)| ((d, a, b), TYPES[t].to_string()))
            .collect();
        if std::env::var_os("EVAL_NER_DIFF").is_some() {
            let chars: Vec<char> = document.text.chars().collect();
            let show = |(_, a, b): (usize, usize, usize)| {
                chars[a.saturating_sub(30)..(b + 30).min(chars.len())]
                    .iter()
                    .collect::<String>()
                    .replace('\n', " | ")
            };
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                eprintln!(
                    "MISS {} {:?} :: {}",
                    g.1,
                    chars[g.0 .1..g.0 .2].iter().collect::<String>(),
                    show(g.0)
                );
            }
            for p in pred.iter().filter(|p| !gold.contains(p)) {
                eprintln!(
                    "FALSE {} {:?} :: {}",
                    p.1,
                    chars[p.0 .1..p.0 .2].iter().collect::<String>(),
                    show(p.0)
                );
            }
        }
        scores.add(&gold, &pred);
    }
    println!(
        "== raw-text mode (tokens joined by spaces, tokenised by dateline_text::segment)\n{}",
        scores.report()
    );
    println!(
        "speed (one thread, on-CPU time): tagger on gold tokens {:.0} tokens/s (wall-clock {:.0}); raw mode tagger {:.0} tokens/s",
        n_tokens as f64 / gold_cpu,
        n_tokens as f64 / gold_wall,
        raw_tokens.max(n_tokens) as f64 / tag_secs,
    );
    Ok(())
}

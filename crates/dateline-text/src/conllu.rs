//! The one CoNLL-U reader (UD English EWT): treebank sentences with their gold words for
//! training and evaluating the tagger and parser ([`parse`], [`read_file`]), and the same
//! sentences rebuilt as running text with gold sentence and word spans for evaluating
//! segmentation ([`read_conllu`]).
//!
//! ```
//! let s = dateline_text::conllu::parse(
//!     "# newdoc id = d\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
//!      2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\
//!      3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
//! );
//! assert!(s[0].newdoc);
//! assert_eq!(s[0].tokens.len(), 3); // "I", "don't" (two words), "."
//! assert_eq!((s[0].words[2].start, s[0].words[2].end), (4, 7)); // "n't"
//! ```

use std::collections::HashSet;
use std::path::Path;

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// 1-based head word, 0 for the root.
    pub head: usize,
    /// DEPREL.
    pub deprel: String,
    /// Char span of the word in [`TreebankSentence::text`]; words of one multi-word token
    /// that cannot be split by their forms share the token's span.
    pub start: usize,
    /// End of the char span (exclusive).
    pub end: usize,
}

/// A sentence with its raw text and gold words.
#[derive(Debug, Clone, Default)]
pub struct TreebankSentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`: the sentence as written.
    pub text: String,
    /// The syntactic words.
    pub words: Vec<Word>,
    /// Surface tokens: the form and the first and last word (0-based) it holds; a
    /// multi-word token such as "don't" holds two words.
    pub tokens: Vec<SurfaceToken>,
    /// A `# newdoc` comment opens a new document here.
    pub newdoc: bool,
    /// A `# newpar` comment opens a new paragraph here.
    pub newpar: bool,
}

/// A surface token of a treebank sentence and the syntactic words it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceToken {
    /// The token as written.
    pub form: String,
    /// The first word it holds (0-based index into [`TreebankSentence::words`]).
    pub first: usize,
    /// The last word it holds.
    pub last: usize,
}

impl TreebankSentence {
    /// Gold heads as 0-based word indices (`None` for the root).
    pub fn heads(&self) -> Vec<Option<usize>> {
        self.words.iter().map(|w| w.head.checked_sub(1)).collect()
    }
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> std::io::Result<Vec<TreebankSentence>> {
    let text = std::fs::read_to_string(path)?;
    Ok(parse(&text))
}

/// Parses CoNLL-U text. Empty nodes (`8.1`) are skipped; multi-word tokens give their
/// words char spans inside the token's span.
pub fn parse(text: &str) -> Vec<TreebankSentence> {
    let mut sentences = Vec::new();
    let mut current = TreebankSentence::default();
    // Surface tokens: (form, first word index, last word index).
    let mut surface: Vec<SurfaceToken> = Vec::new();
    let mut mwt_until = 0usize;
    let flush = |current: &mut TreebankSentence,
                 surface: &mut Vec<SurfaceToken>,
                 out: &mut Vec<TreebankSentence>| {
        if !current.words.is_empty() {
            current.tokens = std::mem::take(surface);
            assign_spans(current);
            out.push(std::mem::take(current));
        } else {
            // Markers before a sentence with no words carry over to the next one.
            let (newdoc, newpar) = (current.newdoc, current.newpar);
            *current = TreebankSentence::default();
            current.newdoc = newdoc;
            current.newpar = newpar;
        }
        surface.clear();
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            flush(&mut current, &mut surface, &mut sentences);
            mwt_until = 0;
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start();
            if let Some(t) = rest.strip_prefix("text =") {
                current.text = t.trim().to_string();
            } else if let Some(t) = rest.strip_prefix("sent_id =") {
                current.id = t.trim().to_string();
            } else if rest.starts_with("newdoc") {
                current.newdoc = true;
            } else if rest.starts_with("newpar") {
                current.newpar = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            continue;
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b): (usize, usize) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            surface.push(SurfaceToken {
                form: cols[1].to_string(),
                first: a.saturating_sub(1),
                last: b.saturating_sub(1),
            });
            mwt_until = b;
            continue;
        }
        let index: usize = id.parse().unwrap_or(0);
        if index > mwt_until {
            surface.push(SurfaceToken {
                form: cols[1].to_string(),
                first: index.saturating_sub(1),
                last: index.saturating_sub(1),
            });
        }
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
            start: 0,
            end: 0,
        });
    }
    flush(&mut current, &mut surface, &mut sentences);
    sentences
}

fn assign_spans(sentence: &mut TreebankSentence) {
    let chars: Vec<char> = sentence.text.chars().collect();
    let mut cursor = 0usize;
    let surface = std::mem::take(&mut sentence.tokens);
    for SurfaceToken { form, first, last } in &surface {
        let form_chars: Vec<char> = form.chars().collect();
        let start = find(&chars, &form_chars, cursor).unwrap_or(cursor.min(chars.len()));
        let end = (start + form_chars.len()).min(chars.len());
        cursor = end;
        if first == last {
            if let Some(w) = sentence.words.get_mut(*first) {
                w.start = start;
                w.end = end;
            }
            continue;
        }
        // Split the token by its words' forms when they spell it out ("do" + "n't").
        let mut pos = start;
        let mut spelled = true;
        for i in *first..=*last {
            let Some(w) = sentence.words.get(i) else {
                break;
            };
            let n = w.form.chars().count();
            let piece: String = chars
                .get(pos..(pos + n).min(end))
                .unwrap_or(&[])
                .iter()
                .collect();
            if piece.to_lowercase() != w.form.to_lowercase() {
                spelled = false;
                break;
            }
            pos += n;
        }
        spelled &= pos == end;
        let mut pos = start;
        for i in *first..=*last {
            if let Some(w) = sentence.words.get_mut(i) {
                if spelled {
                    let n = w.form.chars().count();
                    w.start = pos;
                    w.end = pos + n;
                    pos += n;
                } else {
                    w.start = start;
                    w.end = end;
                }
            }
        }
    }
    sentence.tokens = surface;
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// One CoNLL-U document (`# newdoc`) rebuilt as running text: sentences of a paragraph
/// joined by a space, paragraphs (`# newpar`) by a blank line. Words are EWT's
/// syntactic words: a multiword token such as "don't" gives "do" + "n't".
#[derive(Debug, Default, Clone)]
pub struct Gold {
    /// The document's running text.
    pub text: String,
    /// Sentence char spans.
    pub sentences: Vec<(usize, usize)>,
    /// Word char spans.
    pub words: Vec<(usize, usize)>,
    /// Sentence ends that coincide with a paragraph end (given away by the blank line).
    pub paragraph_ends: HashSet<usize>,
}

/// The documents of a CoNLL-U file.
#[derive(Debug, Default)]
pub struct Conllu {
    /// One entry per `# newdoc`.
    pub docs: Vec<Gold>,
    /// Surface tokens that could not be found in their sentence's `# text`.
    pub misaligned: usize,
}

/// Rebuilds running text from CoNLL-U sentences: sentences of a paragraph joined by a
/// space, paragraphs by a blank line, one [`Gold`] per `# newdoc`.
#[derive(Default)]
struct Builder {
    docs: Vec<Gold>,
    cur: Gold,
    cur_len: usize,
    sent_text: String,
    new_par: bool,
    /// Per surface token: its text and its syntactic words.
    surface: Vec<(String, Vec<String>)>,
    misaligned: usize,
}

impl Builder {
    fn flush_sentence(&mut self) {
        let surface = std::mem::take(&mut self.surface);
        if self.sent_text.is_empty() {
            return;
        }
        let cur = &mut self.cur;
        if !cur.text.is_empty() {
            if self.new_par {
                if let Some(&(_, e)) = cur.sentences.last() {
                    cur.paragraph_ends.insert(e);
                }
                cur.text.push_str("\n\n");
                self.cur_len += 2;
            } else {
                cur.text.push(' ');
                self.cur_len += 1;
            }
        }
        self.new_par = false;
        let base = self.cur_len;
        let chars: Vec<char> = self.sent_text.chars().collect();
        let mut pos = 0usize;
        for (form, words) in &surface {
            let sc: Vec<char> = form.chars().collect();
            while pos < chars.len() && chars[pos].is_whitespace() {
                pos += 1;
            }
            if chars[pos..].starts_with(&sc) {
                let mut p = pos;
                for w in words {
                    let n = w.chars().count();
                    cur.words.push((base + p, base + p + n));
                    p += n;
                }
                pos += sc.len();
            } else {
                self.misaligned += 1;
            }
        }
        cur.sentences.push((base, base + chars.len()));
        cur.text.push_str(&self.sent_text);
        self.cur_len += chars.len();
        self.sent_text.clear();
    }

    fn flush_doc(&mut self) {
        self.flush_sentence();
        if !self.cur.text.is_empty() {
            if let Some(&(_, e)) = self.cur.sentences.last() {
                self.cur.paragraph_ends.insert(e);
            }
            self.docs.push(std::mem::take(&mut self.cur));
        }
        self.cur_len = 0;
        self.new_par = false;
    }

    fn sentence(&mut self, s: &TreebankSentence) {
        if s.newdoc {
            self.flush_doc();
        }
        if s.newpar {
            self.new_par = true;
        }
        self.sent_text = s.text.clone();
        self.surface = s
            .tokens
            .iter()
            .map(|t| {
                let words = (t.first..=t.last)
                    .filter_map(|i| s.words.get(i))
                    .map(|w| w.form.clone())
                    .collect();
                (t.form.clone(), words)
            })
            .collect();
        self.flush_sentence();
    }
}

/// Reads a CoNLL-U file as documents of running text ([`Gold`]).
pub fn read_conllu(path: &Path) -> std::io::Result<Conllu> {
    let mut b = Builder::default();
    for s in read_file(path)? {
        b.sentence(&s);
    }
    b.flush_doc();
    Ok(Conllu {
        docs: b.docs,
        misaligned: b.misaligned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_spans_and_multiword_tokens() {
        let text = "# sent_id = s1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        let spans: Vec<(usize, usize)> = s[0].words.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(spans, vec![(0, 1), (2, 4), (4, 7), (8, 12), (12, 13)]);
        assert_eq!(s[0].heads()[3], None);
    }

    #[test]
    fn multiword_tokens_give_word_spans() {
        let dir = std::env::temp_dir().join(format!("dateline-conllu-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.conllu");
        let row = |id: &str, form: &str| format!("{id}\t{form}\t_\t_\t_\t_\t0\troot\t_\t_\n");
        let data = format!(
            "# newdoc id = d\n# newpar id = p\n# text = I don't.\n{}{}{}{}{}\n# text = Ok\n{}\n",
            row("1", "I"),
            row("2-3", "don't"),
            row("2", "do"),
            row("3", "n't"),
            row("4", "."),
            row("1", "Ok")
        );
        std::fs::write(&path, data).unwrap();
        let c = read_conllu(&path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(c.docs.len(), 1);
        let d = &c.docs[0];
        assert_eq!(d.text, "I don't. Ok");
        assert_eq!(d.words, vec![(0, 1), (2, 4), (4, 7), (7, 8), (9, 11)]);
        assert_eq!(d.sentences, vec![(0, 8), (9, 11)]);
    }
}

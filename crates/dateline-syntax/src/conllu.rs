//! Reading CoNLL-U treebanks (UD English EWT) for training and evaluation.

use std::path::Path;

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based head word, 0 for the root.
    pub head: usize,
    pub deprel: String,
    /// Char span of the word in [`TreebankSentence::text`]; words of one multi-word token
    /// that cannot be split by their forms share the token's span.
    pub start: usize,
    pub end: usize,
}

/// A sentence with its raw text and gold words.
#[derive(Debug, Clone, Default)]
pub struct TreebankSentence {
    pub id: String,
    pub text: String,
    pub words: Vec<Word>,
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
    let mut surface: Vec<(String, usize, usize)> = Vec::new();
    let mut mwt_until = 0usize;
    let flush = |current: &mut TreebankSentence,
                 surface: &mut Vec<(String, usize, usize)>,
                 out: &mut Vec<TreebankSentence>| {
        if !current.words.is_empty() {
            assign_spans(current, surface);
            out.push(std::mem::take(current));
        }
        *current = TreebankSentence::default();
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
            surface.push((cols[1].to_string(), a - 1, b - 1));
            mwt_until = b;
            continue;
        }
        let index: usize = id.parse().unwrap_or(0);
        if index > mwt_until {
            surface.push((cols[1].to_string(), index - 1, index - 1));
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

fn assign_spans(sentence: &mut TreebankSentence, surface: &[(String, usize, usize)]) {
    let chars: Vec<char> = sentence.text.chars().collect();
    let mut cursor = 0usize;
    for (form, first, last) in surface {
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
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..i + needle.len()] == *needle)
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
}

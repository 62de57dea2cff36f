//! Reading UD CoNLL-U files back into running text with gold sentence and word spans,
//! for evaluating segmentation (and for stages that align their gold data to our tokens).

use std::collections::HashSet;
use std::path::Path;

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
    mwt_remaining: usize,
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

    fn line(&mut self, line: &str) {
        if line.starts_with("# newdoc") {
            self.flush_doc();
        } else if line.starts_with("# newpar") {
            self.new_par = true;
        } else if let Some(t) = line.strip_prefix("# text = ") {
            self.sent_text = t.to_string();
        } else if line.is_empty() {
            self.flush_sentence();
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols[0].contains('.') {
                return;
            }
            if let Some((a, b)) = cols[0].split_once('-') {
                let a: usize = a.parse().unwrap_or(0);
                let b: usize = b.parse().unwrap_or(a);
                self.surface.push((cols[1].to_string(), Vec::new()));
                self.mwt_remaining = b.saturating_sub(a) + 1;
            } else if self.mwt_remaining > 0 {
                if let Some((_, words)) = self.surface.last_mut() {
                    words.push(cols[1].to_string());
                }
                self.mwt_remaining -= 1;
            } else {
                self.surface
                    .push((cols[1].to_string(), vec![cols[1].to_string()]));
            }
        }
    }
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> std::io::Result<Conllu> {
    let data = std::fs::read_to_string(path)?;
    let mut b = Builder::default();
    for line in data.lines() {
        b.line(line);
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
    fn multiword_tokens_give_word_spans() {
        let dir = std::env::temp_dir().join(format!("dateline-conllu-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.conllu");
        std::fs::write(
            &path,
            "# newdoc id = d\n# newpar id = p\n# text = I don't.\n1\tI\t_\n2-3\tdon't\t_\n2\tdo\t_\n3\tn't\t_\n4\t.\t_\n\n# text = Ok\n1\tOk\t_\n\n",
        )
        .unwrap();
        let c = read_conllu(&path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(c.docs.len(), 1);
        let d = &c.docs[0];
        assert_eq!(d.text, "I don't. Ok");
        assert_eq!(d.words, vec![(0, 1), (2, 4), (4, 7), (7, 8), (9, 11)]);
        assert_eq!(d.sentences, vec![(0, 8), (9, 11)]);
    }
}

//! A small rule tokenizer for building the word-cluster corpus
//! (`examples/build_clusters.rs`); the entity stage itself reads the document's tokens
//! from dateline_text::segment. It follows the UD EWT conventions that matter for names:
//! clitics (`'s`, `n't`) split off, abbreviations with dots (`U.S.`) and hyphenated
//! words kept whole.

/// Char spans `(start, end)` of the tokens of `text`.
pub fn simple_tokens(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if chars[i].is_alphanumeric() {
            while i < chars.len() && word_char(&chars, i) {
                i += 1;
            }
            // A trailing abbreviation dot stays with single letters joined by dots ("U.S.").
            if i < chars.len() && chars[i] == '.' && chars[start..i].contains(&'.') {
                i += 1;
            }
            let end = split_clitic(&chars, start, i);
            out.push((start, end));
            if end < i {
                out.push((end, i));
            }
        } else if is_apostrophe(chars[i]) && i + 1 < chars.len() && chars[i + 1].is_alphabetic() {
            // "'s" after a closing bracket or quote.
            i += 1;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
            // Runs of the same punctuation ("...", "--") stay together.
            while i < chars.len() && chars[i] == chars[start] && !chars[i].is_alphanumeric() {
                i += 1;
            }
            out.push((start, i));
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn word_char(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c.is_alphanumeric() {
        return true;
    }
    let next_alnum = i + 1 < chars.len() && chars[i + 1].is_alphanumeric();
    let prev_alnum = i > 0 && chars[i - 1].is_alphanumeric();
    match c {
        '-' | '&' => prev_alnum && next_alnum,
        '.' | ',' => prev_alnum && next_alnum && (chars[i - 1].is_numeric() || c == '.'),
        '\'' | '’' => prev_alnum && next_alnum,
        _ => false,
    }
}

/// Where a word should end so that `'s`, `'re`, `n't`... become their own token.
fn split_clitic(chars: &[char], start: usize, end: usize) -> usize {
    let word: String = chars[start..end].iter().collect::<String>().to_lowercase();
    let word = word.replace('’', "'");
    if word.ends_with("n't") && end - start > 3 {
        return end - 3;
    }
    for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if word.ends_with(clitic) && end - start > clitic.len() {
            return end - clitic.chars().count();
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        simple_tokens(text)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn splits_clitics_and_keeps_abbreviations() {
        assert_eq!(
            toks("Mr Trump’s U.S. envoy didn't go, 3.5 km."),
            vec!["Mr", "Trump", "’s", "U.S.", "envoy", "did", "n't", "go", ",", "3.5", "km", "."]
        );
        assert_eq!(
            toks("his [Mr Starmer’s] request"),
            vec!["his", "[", "Mr", "Starmer", "’s", "]", "request"]
        );
        assert!(toks("").is_empty());
    }
}

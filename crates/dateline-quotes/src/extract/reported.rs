//! Reported (indirect) speech: a cue verb with a complement clause, postposed attributions
//! ("…, sources said.") and "according to".

use super::scan_view::Scan;
use super::words::*;
use super::Candidate;
use crate::lexicon::{Cue, CueClass};
use dateline_core::QuoteKind;

/// Finds reported (indirect) speech: a cue verb with a complement clause, postposed
/// attributions ("…, sources said.") and "according to".
pub fn reported(sc: &Scan, quoted: &[Candidate]) -> Vec<Candidate> {
    let used: std::collections::HashSet<usize> = quoted
        .iter()
        .filter(|c| c.kind == QuoteKind::Direct)
        .filter_map(|c| c.cue.map(|(s, _)| s))
        .collect();
    let mut out: Vec<Candidate> = Vec::new();
    let n = sc.toks.len();
    let mut k = 0;
    // End (char offset) of the latest reported content: a cue inside it ("X said they
    // think …") belongs to the reported words, not to a new attribution.
    let mut inside_until = 0;
    while k < n {
        if sc.toks[k].start < inside_until {
            k += 1;
            continue;
        }
        let Some((cue, len)) = sc.cue_at(k) else {
            k += 1;
            continue;
        };
        if used.contains(&k) || cue.class == CueClass::Characterise {
            k += len;
            continue;
        }
        let (ss, se) = sc.sentence_of(k);
        if let Some(c) = reported_at(sc, k, len, cue, ss, se) {
            // Skip what a direct quote already covers.
            let covered = quoted
                .iter()
                .any(|q| q.kind == QuoteKind::Direct && q.start <= c.start && c.end <= q.end + 2);
            if !covered && c.end > c.start {
                if c.start > sc.toks[k].start {
                    inside_until = c.end;
                }
                out.push(c);
            }
        }
        k += len;
    }
    out
}

fn reported_at(
    sc: &Scan,
    k: usize,
    len: usize,
    cue: &Cue,
    ss: usize,
    se: usize,
) -> Option<Candidate> {
    let toks = sc.toks;
    let after = k + len;
    let terminal = (after..se)
        .find(|&i| {
            !toks[i].is_word
                && toks[i].quote.is_none()
                && matches!(toks[i].lower.as_str(), "." | "!" | "?")
        })
        .unwrap_or(se);
    // "according to X, CLAUSE" and "CLAUSE, according to X."
    if cue.lemma == "according to" {
        let np = sc.right_np(after, terminal)?;
        if np.0 != after {
            return None;
        }
        if k == ss || (k == ss + 1 && toks[ss].is_word) {
            let comma = (np.1..terminal).find(|&i| toks[i].is_punct(','))?;
            return content_candidate(sc, comma + 1, terminal, k, len, Some(np));
        }
        if k > ss + 3 && toks[k - 1].is_punct(',') && sc.only_adverbials(np.1, terminal) {
            return content_candidate(sc, ss, k - 1, k, len, Some(np));
        }
        return None;
    }
    let subject = sc.left_np(k, ss);
    // Postposed: "CLAUSE, X said." / "CLAUSE, said X."
    if sc.only_adverbials(after, terminal) {
        if let Some((s, e)) = subject {
            if s > ss + 3 && toks[s - 1].is_punct(',') && e <= k {
                return content_candidate(sc, ss, s - 1, k, len, Some((s, e)));
            }
        }
        if k > ss + 3 && toks[k - 1].is_punct(',') {
            if let Some(np) = sc.right_np(after, terminal) {
                if sc.only_adverbials(np.1, terminal) {
                    return content_candidate(sc, ss, k - 1, k, len, Some(np));
                }
            }
        }
    }
    // Forward: "X said (that) CLAUSE", "X told reporters CLAUSE" — unless the sentence
    // ends with its own attribution ("Guidance said …, Mr Thomas said."), which then
    // reports this whole clause.
    let subject = subject?;
    // A postposed attribution sits in the sentence's last few words.
    let tail = terminal.saturating_sub(14).max(after + 1);
    let postposed = (tail..terminal).any(|j| {
        toks[j - 1].is_punct(',')
            && (j..terminal).any(|c| {
                sc.cue_at(c).is_some_and(|(cue, n)| {
                    cue.class != CueClass::Characterise
                        && sc.only_adverbials(c + n, terminal)
                        && (c == j || sc.left_np(c, j).is_some_and(|(s, _)| s == j))
                })
            })
    });
    if postposed {
        return None;
    }
    if let Some(sx) = sc.syntax {
        if let Some((a, b)) = sx.complement_of(toks[k].start) {
            let s = toks.partition_point(|t| t.start < a);
            let e = toks.partition_point(|t| t.start < b);
            if s >= after && e <= se {
                // The parse finds where the clause starts; its end is the sentence's (a
                // greedy parse often attaches the clause's tail elsewhere).
                let s = if toks.get(s).is_some_and(|t| t.is("that")) {
                    s + 1
                } else {
                    s
                };
                return content_candidate(sc, s, terminal.max(s), k, len, Some(subject));
            }
        }
    }
    let start = complement_start(sc, after, terminal, cue)?;
    content_candidate(sc, start, terminal, k, len, Some(subject))
}

/// The first token of the complement clause after a cue, if there is one.
fn complement_start(sc: &Scan, after: usize, terminal: usize, cue: &Cue) -> Option<usize> {
    let toks = sc.toks;
    // "said (on Friday / in a statement / to reporters) that …"
    let reach = (after + 9).min(terminal);
    for (m, t) in toks.iter().enumerate().take(reach).skip(after) {
        if t.is("that") {
            return (m + 1 < terminal).then_some(m + 1);
        }
        if !t.is_word || t.quote.is_some() {
            if !t.is_punct(',') {
                break;
            }
            continue;
        }
        if m > after && !TIME_WORDS.contains(&t.lower.as_str()) && !t.cap && cue.lemma != "tell" {
            break;
        }
    }
    // Skip a time adverbial or an addressee: "told reporters", "said on Friday".
    let mut starts = vec![after];
    let mut j = after;
    while j < terminal && j < after + 5 && TIME_WORDS.contains(&toks[j].lower.as_str()) {
        j += 1;
        starts.push(j);
    }
    if matches!(
        cue.lemma.as_str(),
        "tell" | "warn" | "remind" | "assure" | "inform" | "ask" | "convince"
    ) {
        for skip in 1..=3 {
            starts.push(after + skip);
        }
    }
    let strong = cue.class == CueClass::Speech;
    for s in starts {
        if s >= terminal {
            continue;
        }
        let t = &toks[s];
        if !t.is_word && t.mark != Some(true) {
            if t.is_punct(',') && s + 1 < terminal {
                continue;
            }
            break;
        }
        if NOT_CLAUSE_START.contains(&t.lower.as_str()) || (t.mark.is_none() && !t.is_word) {
            continue;
        }
        // A finite verb within a short reach shows a clause.
        let reach = (s + 1..(s + 12).min(terminal)).take_while(|&i| {
            let t = &toks[i];
            t.is_word || t.quote.is_some() || matches!(t.lower.as_str(), "-" | "&")
        });
        for i in reach {
            let w = toks[i].lower.as_str();
            let finite = FINITE.contains(&w)
                || (strong
                    && toks[i].quote.is_none()
                    && !toks[i].cap
                    && (w.ends_with("ed") && w.len() > 4 || sc.cue_at(i).is_some()));
            if finite {
                return Some(s);
            }
        }
    }
    None
}

/// Builds an indirect candidate over tokens `[s, e)`, cut at a dash or semicolon and
/// trimmed of closing punctuation.
fn content_candidate(
    sc: &Scan,
    s: usize,
    e: usize,
    k: usize,
    len: usize,
    speaker: Option<(usize, usize)>,
) -> Option<Candidate> {
    let toks = sc.toks;
    let mut e = e;
    if let Some(cut) = (s..e).find(|&i| {
        let t = &toks[i];
        !t.is_word && t.quote.is_none() && matches!(t.lower.as_str(), ";" | "–" | "—") && i > s
    }) {
        e = cut;
    }
    while e > s {
        let t = &toks[e - 1];
        if !t.is_word
            && t.mark.is_none()
            && t.quote.is_none()
            && !matches!(t.lower.as_str(), ")" | "]")
        {
            e -= 1;
        } else {
            break;
        }
    }
    let words = (s..e).filter(|&i| toks[i].is_word).count();
    if words < 3 {
        return None;
    }
    Some(Candidate {
        start: toks[s].start,
        end: toks[e - 1].end,
        kind: QuoteKind::Indirect,
        cue: Some((k, k + len)),
        speaker,
        continues: false,
        span: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::quoted::quoted;
    use super::super::testing::{with_scan, words};
    use super::*;

    /// (content, speaker) of each reported candidate of `text`.
    fn reported_in(text: &str) -> Vec<(String, Option<String>)> {
        with_scan(text, |sc| {
            let direct = quoted(sc);
            reported(sc, &direct)
                .iter()
                .map(|c| {
                    let content: String = sc.chars[c.start..c.end].iter().collect();
                    (content, c.speaker.map(|r| words(sc, r)))
                })
                .collect()
        })
    }

    #[test]
    fn a_cue_with_a_complement_clause() {
        assert_eq!(
            reported_in("Officials said the talks had failed."),
            vec![("the talks had failed".into(), Some("Officials".into()))]
        );
        assert_eq!(
            reported_in("The minister told reporters that the deal was off."),
            vec![("the deal was off".into(), Some("The minister".into()))]
        );
    }

    #[test]
    fn postposed_attribution_and_according_to() {
        assert_eq!(
            reported_in("The talks have failed again, officials said."),
            vec![(
                "The talks have failed again".into(),
                Some("officials".into())
            )]
        );
        assert_eq!(
            reported_in("According to the ministry, the border will close."),
            vec![("the border will close".into(), Some("the ministry".into()))]
        );
    }

    #[test]
    fn what_a_direct_quote_covers_is_not_reported_again() {
        assert!(reported_in("“The talks have failed,” officials said.").is_empty());
    }
}

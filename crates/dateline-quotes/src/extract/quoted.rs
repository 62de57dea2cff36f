//! Direct and partial quotes from the quoted spans: whole utterance or embedded fragment,
//! scare quotes and titles dropped, cue-less quotes continuing the previous speaker.

use super::attribution::{attribute_span, first_verbish};
use super::scan_view::Scan;
use super::words::*;
use super::Candidate;
use crate::lexicon::CueClass;
use crate::scan::Tok;
use dateline_core::QuoteKind;

/// Whether a quoted span is embedded in the author's sentence (partial) or stands as a
/// whole utterance (direct).
fn is_direct(sc: &Scan, q: usize) -> bool {
    let Some(o) = sc.span_open_tok[q] else {
        return false;
    };
    let (ss, _) = sc.sentence_of(o);
    let prev = (o > 0 && sc.toks[o - 1].para == sc.toks[o].para).then(|| &sc.toks[o - 1]);
    let starts = match prev {
        None => true,
        Some(p) if p.mark == Some(false) => true,
        Some(p)
            if !p.is_word
                && matches!(
                    p.lower.as_str(),
                    ":" | "." | "!" | "?" | ";" | "(" | "—" | "–"
                ) =>
        {
            true
        }
        Some(p) if p.is_punct(',') => {
            // "he said, “…”"
            (o.saturating_sub(5).max(ss)..o - 1).any(|k| sc.cue_at(k).is_some())
        }
        Some(_) if o == ss => true,
        Some(_) => (o.saturating_sub(1)..o).any(|k| {
            sc.cue_at(k)
                .is_some_and(|(c, _)| c.class == CueClass::Speech && c.lemma != "according to")
        }),
    };
    if !starts {
        return false;
    }
    // The quote must end its clause: terminal punctuation inside, or an attribution,
    // punctuation or a new sentence after the closing mark.
    let (a, b) = sc.spans[q].content();
    let last = sc.chars[a..b].iter().rev().find(|c| !c.is_whitespace());
    if matches!(
        last,
        Some(',' | '.' | '!' | '?' | '…' | '—' | '–' | ':' | ';')
    ) {
        return true;
    }
    match sc.span_close_tok[q] {
        None => true,
        Some(c) => match sc.toks.get(c + 1) {
            None => true,
            Some(n) if n.para != sc.toks[c].para || !n.is_word => true,
            Some(n) => {
                n.cap
                    || sc.cue_at(c + 1).is_some()
                    || sc.right_np(c + 1, c + 3).is_some() && {
                        (c + 1..(c + 8).min(sc.toks.len())).any(|k| sc.cue_at(k).is_some())
                    }
            }
        },
    }
}

/// True when the span reads as a title or name (Title Case words, a title noun before it).
fn looks_like_title(sc: &Scan, q: usize) -> bool {
    let Some(o) = sc.span_open_tok[q] else {
        return false;
    };
    let (a, b) = sc.spans[q].content();
    let words: Vec<&Tok> = sc.toks[o + 1..]
        .iter()
        .take_while(|t| t.start < b)
        .filter(|t| t.is_word && t.start >= a)
        .collect();
    let before_title_noun = (o.saturating_sub(2)..o).any(|k| {
        TITLE_CUES.contains(&sc.toks[k].lower.as_str())
            || sc.toks[k].lower.ends_with("’s") && sc.toks[k].cap && k + 1 == o
    });
    let content_words: Vec<&&Tok> = words
        .iter()
        .filter(|t| t.lower.chars().count() > 3)
        .collect();
    let title_case = !content_words.is_empty() && content_words.iter().all(|t| t.cap);
    (title_case && words.len() >= 2) || (before_title_noun && words.len() <= 6)
}

/// Finds direct and partial quotes from the quoted spans.
pub fn quoted(sc: &Scan) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for q in 0..sc.spans.len() {
        if let Some(c) = span_candidate(sc, q, out.last()) {
            out.push(c);
        }
    }
    out
}

/// The candidate of quoted span `q`, if it is speech; `prev` is the latest candidate.
fn span_candidate(sc: &Scan, q: usize, prev: Option<&Candidate>) -> Option<Candidate> {
    let o = sc.span_open_tok[q]?;
    let words = sc.span_words(q);
    if words == 0 {
        return None;
    }
    let direct = is_direct(sc, q);
    let (cue, speaker, found) = attribute_span(sc, q);
    let (a, b) = sc.spans[q].content();
    let (a, b) = trim(sc.chars, a, b);
    if !found {
        return cueless_candidate(sc, q, o, (a, b), words, direct, prev);
    }
    if attributed_but_not_speech(sc, q, (a, b), words, direct) {
        return None;
    }
    Some(Candidate {
        start: a,
        end: b,
        kind: if direct {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        },
        cue,
        speaker,
        continues: false,
        span: Some(q),
    })
}

/// A quoted span with no attribution of its own: a quote paragraph or sentence that
/// continues the previous speaker, a long whole-sentence quote that is still speech, or a
/// fragment taken as the sentence subject's words; a short or embedded one is a scare
/// quote or a title and yields nothing.
fn cueless_candidate(
    sc: &Scan,
    q: usize,
    o: usize,
    (a, b): (usize, usize),
    words: usize,
    direct: bool,
    prev: Option<&Candidate>,
) -> Option<Candidate> {
    let candidate = |kind, speaker, continues| Candidate {
        start: a,
        end: b,
        kind,
        cue: None,
        speaker,
        continues,
        span: Some(q),
    };
    if direct && prev.is_some_and(|p| continues_speaker(sc, p, o)) {
        return Some(candidate(QuoteKind::Direct, None, true));
    }
    let exclaims = direct
        && matches!(
            sc.chars[a..b].iter().rev().find(|c| !c.is_whitespace()),
            Some('.' | '!' | '?')
        );
    if looks_like_title(sc, q) || (words < 4 && !exclaims) {
        return None;
    }
    if direct {
        return Some(candidate(QuoteKind::Direct, None, false));
    }
    // A fragment quoted in a sentence without a cue verb: its words are most often the
    // sentence subject's ("The DNC issued “a deep and sincere apology”").
    let (ss, _) = sc.sentence_of(o);
    let subject = first_verbish(sc, ss, o)
        .and_then(|v| sc.left_np(v, ss))
        .filter(|&(s, e)| sc.toks[s..e].iter().any(|t| t.cap) || (e - s == 1 && sc.is_pronoun(s)));
    Some(candidate(QuoteKind::Partial, subject, false))
}

/// True when a cue-less quote opening at token `o` continues the speaker of `prev`: the
/// previous quote has a speaker (or continues one), sits in the same or the previous
/// paragraph, and no other speaker is introduced in between.
fn continues_speaker(sc: &Scan, prev: &Candidate, o: usize) -> bool {
    let prev_para = prev
        .span
        .and_then(|s| sc.span_open_tok[s])
        .map(|t| sc.toks[t].para);
    (prev.speaker.is_some() || prev.continues)
        && prev_para.is_some_and(|pp| pp + 1 >= sc.toks[o].para)
        && (!intervening_cue(sc, prev, o) || attribution_just_before(sc, o))
}

/// True when an attributed span is still not speech: a title, or a short scare-quoted
/// modifier ("the UK’s ‘special relationship’ means …").
fn attributed_but_not_speech(
    sc: &Scan,
    q: usize,
    (a, b): (usize, usize),
    words: usize,
    direct: bool,
) -> bool {
    let short = words <= 3;
    let punct_inside = matches!(
        sc.chars[a..b].iter().rev().find(|c| !c.is_whitespace()),
        Some(',' | '.' | '!' | '?')
    );
    (!direct && looks_like_title(sc, q) && !punct_inside)
        || (short && !direct && !punct_inside && modifier_like(sc, q))
}

/// True when the sentence before token `o` (in the same or the previous paragraph) is an
/// attribution with a subject ("She said new mothers …. “We have made …”"): a cue-less
/// quote that follows continues that speaker.
fn attribution_just_before(sc: &Scan, o: usize) -> bool {
    let (ss, _) = sc.sentence_of(o);
    if ss == 0 || sc.toks[ss - 1].para + 1 < sc.toks[o].para {
        return false;
    }
    let (ps, pe) = sc.sentence_of(ss - 1);
    (ps..pe).any(|k| {
        sc.cue_at(k)
            .is_some_and(|(c, _)| c.class != CueClass::Characterise)
            && sc.left_np(k, ps).is_some()
    })
}

/// True when a cue word stands between the previous quote and token `o`, so the
/// previous speaker does not simply continue.
fn intervening_cue(sc: &Scan, prev: &Candidate, o: usize) -> bool {
    let from = prev
        .span
        .and_then(|s| sc.span_close_tok[s])
        .map(|c| c + 1)
        .unwrap_or(o);
    let used = prev.cue.map(|(s, _)| s);
    // A cue with its own subject introduces another speaker; a participle ("…,” Trump
    // said, adding …") continues the same one.
    (from..o).any(|k| {
        Some(k) != used
            && sc
                .cue_at(k)
                .is_some_and(|(c, _)| c.class == CueClass::Speech)
            && !sc.toks[k].lower.ends_with("ing")
            && sc.left_np(k, from).is_some()
    })
}

/// A quoted span used as part of the author's noun phrase: after a determiner or
/// possessive and followed by more of the sentence ("the UK’s ‘special relationship’ means").
fn modifier_like(sc: &Scan, q: usize) -> bool {
    let (Some(o), Some(c)) = (sc.span_open_tok[q], sc.span_close_tok[q]) else {
        return false;
    };
    let before = o.checked_sub(1).map(|p| &sc.toks[p]);
    let det = before.is_some_and(|t| {
        t.is_word
            && (DETERMINERS.contains(&t.lower.as_str())
                || t.lower.ends_with("’s")
                || t.lower.ends_with("'s")
                || t.lower.ends_with("s’"))
    });
    let after = sc.toks.get(c + 1).is_some_and(|t| {
        t.is_word
            && t.para == sc.toks[c].para
            && !PREPOSITIONS.contains(&t.lower.as_str())
            && !matches!(
                t.lower.as_str(),
                "and" | "or" | "but" | "regarding" | "that" | "because" | "if" | "when" | "as"
            )
    });
    det && after
}

/// `[a, b)` without surrounding whitespace.
fn trim(chars: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::super::testing::with_scan;
    use super::*;

    /// (kind, text, continues) of each quoted candidate of `text`.
    fn quoted_in(text: &str) -> Vec<(QuoteKind, String, bool)> {
        with_scan(text, |sc| {
            quoted(sc)
                .iter()
                .map(|c| {
                    let words: String = sc.chars[c.start..c.end].iter().collect();
                    (c.kind, words, c.continues)
                })
                .collect()
        })
    }

    #[test]
    fn whole_utterances_are_direct_and_fragments_partial() {
        assert_eq!(
            quoted_in("“We will not back down,” the minister said."),
            vec![(QuoteKind::Direct, "We will not back down,".into(), false)]
        );
        assert_eq!(
            quoted_in("The minister said the plan was “dead in the water” on Friday."),
            vec![(QuoteKind::Partial, "dead in the water".into(), false)]
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_dropped() {
        assert!(quoted_in("The UK’s ‘special relationship’ means it is safe.").is_empty());
        assert!(quoted_in("She starred in the film “Gone With The Wind” last year.").is_empty());
    }

    #[test]
    fn a_cueless_quote_paragraph_continues_the_speaker() {
        let got = quoted_in("“We are ready,” the minister said.\n“We will not wait for them.”");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].2, "{got:?}");
    }

    #[test]
    fn trim_drops_surrounding_whitespace() {
        let chars: Vec<char> = "  ab c ".chars().collect();
        assert_eq!(trim(&chars, 0, chars.len()), (2, 6));
        assert_eq!(trim(&chars, 0, 2), (2, 2));
    }
}

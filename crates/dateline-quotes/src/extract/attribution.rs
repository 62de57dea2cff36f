//! The attribution of a quoted span: the cue and speaker after the closing mark, before
//! the opening mark, in a headline or colon introduction, or later in the sentence.

use super::scan_view::Scan;
use super::words::*;
use crate::lexicon::CueClass;

/// The cue's and the speaker's token ranges, and whether an attribution was found.
pub(super) type Attribution = (Option<(usize, usize)>, Option<(usize, usize)>, bool);

/// Finds the attribution of a quoted span: its cue and speaker, tried in order after the
/// closing mark, before the opening mark, as a headline speaker, as the subject of a
/// colon introduction, and as a cue later in the sentence.
pub(super) fn attribute_span(sc: &Scan, q: usize) -> Attribution {
    let Some(o) = sc.span_open_tok[q] else {
        return (None, None, false);
    };
    sc.span_close_tok[q]
        .and_then(|c| after_closing_mark(sc, q, c))
        .or_else(|| before_opening_mark(sc, o))
        .or_else(|| headline_speaker(sc, o))
        .or_else(|| colon_introduction(sc, o))
        .or_else(|| cue_later_in_sentence(sc, q, o))
        .unwrap_or((None, None, false))
}

/// The token window after a closing mark `c` where its attribution may stand: from the
/// token after the mark (past a comma) to the end of the clause. Also says whether the quote
/// closed on a full stop.
fn window_after_close(sc: &Scan, q: usize, c: usize) -> (usize, usize, bool) {
    let mut a = c + 1;
    if a < sc.toks.len() && sc.toks[a].is_punct(',') {
        a += 1;
    }
    // A segmenter may end the sentence at “…?” or “…!” before the attribution; only a
    // quote closing on a full stop keeps its attribution within the sentence.
    let (qa, qb) = sc.spans[q].content();
    let full_stop = sc.chars[qa..qb].iter().rev().find(|c| !c.is_whitespace()) == Some(&'.');
    let hi = if full_stop {
        sc.sent_end(c).max(c + 1).min(sc.toks.len())
    } else {
        (c + 40).min(sc.toks.len())
    };
    let hi = (a..hi)
        .find(|&i| {
            let t = &sc.toks[i];
            t.para != sc.toks[c].para
                || t.mark == Some(true)
                || (!t.is_word && matches!(t.lower.as_str(), "." | ";" | "!" | "?"))
        })
        .unwrap_or(hi);
    (a, hi, full_stop)
}

/// Step 1: After the closing mark `c`: "…,” he said", "…,” said X", "…” according to X", or an
/// attribution verb outside the lexicon ("…,” Trump shot back").
fn after_closing_mark(sc: &Scan, q: usize, c: usize) -> Option<Attribution> {
    let (a, hi, full_stop) = window_after_close(sc, q, c);
    if let Some(found) = first_cue_after_close(sc, a, hi) {
        return Some(found);
    }
    if full_stop {
        return None;
    }
    let (qa, qb) = sc.spans[q].content();
    let open_ending = matches!(
        sc.chars[qa..qb].iter().rev().find(|c| !c.is_whitespace()),
        Some(',' | '?' | '!')
    );
    if open_ending {
        unlisted_verb_after(sc, a, hi)
    } else {
        None
    }
}

/// The first cue in `[a, hi)` after a closing mark, with the speaker on its right
/// (inverted: "said X") or filling the whole stretch before it ("X said").
fn first_cue_after_close(sc: &Scan, a: usize, hi: usize) -> Option<Attribution> {
    let window_hi = hi.min(a + 24);
    let (k, (cue, n)) = (a..window_hi).find_map(|k| sc.cue_at(k).map(|c| (k, c)))?;
    let participle = sc.toks[k].lower.ends_with("ing") && cue.lemma != "according to";
    if participle {
        return None; // "…,” adding …": the speaker is found before the quote
    }
    if cue.lemma == "according to" || (k == a && cue.class == CueClass::Speech) {
        let np = sc.right_np(k + n, hi);
        if np.is_some() || cue.lemma == "according to" {
            return Some((Some((k, k + n)), np, true));
        }
    }
    // The whole stretch between the quote and the cue must be the speaker (a parse may
    // give only the head of "Senate minority leader Harry Reid").
    let np = sc
        .left_np(k, a)
        .filter(|&(s, _)| s == a)
        .or_else(|| sc.left_np_pattern(k, a));
    match np {
        Some((s, e)) if s == a && e <= k => Some((Some((k, k + n)), Some((s, e)), true)),
        _ => None,
    }
}

/// "“…,” Trump shot back.": a quote ending on a comma, question or exclamation mark, then
/// a short name and a verb that ends the sentence.
fn unlisted_verb_after(sc: &Scan, a: usize, hi: usize) -> Option<Attribution> {
    let (s, e) = sc
        .right_np(a, hi)
        .filter(|&(s, e)| e - s <= 4 && sc.toks[s..e].iter().any(|t| t.cap || sc.is_pronoun(s)))?;
    let v = e;
    let verbish = sc.toks.get(v).is_some_and(|t| {
        t.is_word
            && !t.cap
            && sc.syntax.is_none_or(|sx| sx.may_be_verb(t.start))
            && !STOP_RIGHT.contains(&t.lower.as_str())
            && (t.lower.ends_with("ed") || t.lower.ends_with('s') || sc.syntax.is_some())
    });
    let ends_sentence = sc.only_adverbials(v + 1, hi)
        || matches!(
            sc.toks.get(v + 1).map(|t| t.lower.as_str()),
            Some("back" | "out" | "up")
        );
    (verbish && ends_sentence).then_some((Some((v, v + 1)), Some((s, e)), true))
}

/// Step 2: Before the opening mark `o`, in the same sentence: "X said: “…”", "X said, “…”",
/// "according to X, “…”", "dismissing the visit as being at “…”". A paragraph that opens
/// with a quote may take its cue from the previous paragraph's closing colon ("Cruz
/// said:¶“…”").
fn before_opening_mark(sc: &Scan, o: usize) -> Option<Attribution> {
    let para = sc.toks[o].para;
    let colon_before = o > 0 && sc.toks[o - 1].para + 1 == para && sc.toks[o - 1].is_punct(':');
    let from = if colon_before { o - 1 } else { o };
    let (ss, _) = sc.sentence_of(from);
    let k = (ss..from).rev().find(|&k| sc.cue_at(k).is_some())?;
    let (cue, n) = sc.cue_at(k)?;
    if cue.lemma == "according to" {
        let np = sc.right_np(k + n, o.min(sc.sent_end(k)));
        return Some((Some((k, k + n)), np, true));
    }
    let mut np = sc.left_np(k, ss);
    if np.is_none() && k > ss && matches!(sc.toks[k - 1].lower.as_str(), "," | "and") {
        // "…, saying “…”", "praised X and said “…”": the subject of the main clause.
        np = first_verbish(sc, ss, k - 1).and_then(|v| sc.left_np(v, ss));
    }
    if np.is_none() {
        // Inverted cue before the quote: "said Mr Smith: “…”".
        np = sc.right_np(k + n, o.min(sc.sent_end(k)));
    }
    Some((Some((k, k + n)), np, true))
}

/// True when the token before `o` is a colon in the same paragraph, at least `min_before`
/// tokens into its sentence `ss`.
fn colon_before(sc: &Scan, o: usize, ss: usize, min_before: usize) -> bool {
    o > ss + min_before && sc.toks[o - 1].is_punct(':') && sc.toks[o - 1].para == sc.toks[o].para
}

/// Step 3: A headline or transcript attribution: "Bernie Sanders: ‘It Is Not A Radical Idea’".
fn headline_speaker(sc: &Scan, o: usize) -> Option<Attribution> {
    let (ss, _) = sc.sentence_of(o);
    if !colon_before(sc, o, ss, 1) {
        return None;
    }
    let (s, e) = sc.left_np(o - 1, ss)?;
    let lead = s == ss || (s == ss + 1 && matches!(sc.toks[ss].lower.as_str(), "and" | "but"));
    (lead && e == o - 1 && e - s <= 6 && sc.toks[s..e].iter().any(|t| t.cap)).then_some((
        None,
        Some((s, e)),
        true,
    ))
}

/// Step 4: A quote introduced by a colon without a cue verb ("Kaine has adopted the stance:
/// “…”"): the subject of the introducing clause.
fn colon_introduction(sc: &Scan, o: usize) -> Option<Attribution> {
    let (ss, _) = sc.sentence_of(o);
    if !colon_before(sc, o, ss, 2) {
        return None;
    }
    let np = first_verbish(sc, ss, o - 1).and_then(|v| sc.left_np(v, ss))?;
    Some((None, Some(np), true))
}

/// Step 5: A cue after the quote later in the sentence: "“…” for the party, X said."
fn cue_later_in_sentence(sc: &Scan, q: usize, o: usize) -> Option<Attribution> {
    let (_, se) = sc.sentence_of(o);
    let c = sc.span_close_tok[q]?;
    for k in c + 1..se {
        if sc.toks[k].mark == Some(true) {
            break;
        }
        let Some((cue, n)) = sc.cue_at(k) else {
            continue;
        };
        if cue.class == CueClass::Characterise {
            continue;
        }
        let end = (k + n..se)
            .find(|&i| !sc.toks[i].is_word && matches!(sc.toks[i].lower.as_str(), "." | "!" | "?"))
            .unwrap_or(se);
        if let Some((s, e)) = sc.left_np(k, c + 1) {
            if s > c + 1 && sc.toks[s - 1].is_punct(',') && sc.only_adverbials(k + n, end) {
                return Some((Some((k, k + n)), Some((s, e)), true));
            }
        }
        if sc.toks[k - 1].is_punct(',') {
            if let Some(np) = sc.right_np(k + n, end) {
                return Some((Some((k, k + n)), Some(np), true));
            }
        }
    }
    None
}

/// The first verb-looking word of a sentence before `limit` (used to find the subject of
/// a main clause from a trailing participle).
pub(super) fn first_verbish(sc: &Scan, ss: usize, limit: usize) -> Option<usize> {
    (ss + 1..limit).find(|&i| {
        let t = &sc.toks[i];
        t.is_word
            && !t.cap
            && (FINITE.contains(&t.lower.as_str())
                || t.lower.ends_with("ed")
                || sc.cue_at(i).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{tok, with_scan, words};
    use super::*;

    /// The cue and speaker words of the first quoted span of `text`.
    fn attribution_of(text: &str) -> (Option<String>, Option<String>) {
        with_scan(text, |sc| {
            let (cue, speaker, found) = attribute_span(sc, 0);
            assert!(found || (cue.is_none() && speaker.is_none()));
            (cue.map(|r| words(sc, r)), speaker.map(|r| words(sc, r)))
        })
    }

    #[test]
    fn attribution_after_the_quote() {
        assert_eq!(
            attribution_of("“We will not back down,” the minister said."),
            (Some("said".into()), Some("the minister".into()))
        );
        assert_eq!(
            attribution_of("“We will not back down,” said Mr Smith."),
            (Some("said".into()), Some("Mr Smith".into()))
        );
    }

    #[test]
    fn attribution_before_the_quote_and_by_colon() {
        assert_eq!(
            attribution_of("The minister said: “We will not back down.”"),
            (Some("said".into()), Some("The minister".into()))
        );
        assert_eq!(
            attribution_of("Bernie Sanders: “It Is Not A Radical Idea”"),
            (None, Some("Bernie Sanders".into()))
        );
    }

    #[test]
    fn a_cue_later_in_the_sentence_and_no_cue_at_all() {
        assert_eq!(
            attribution_of("“A disaster” for the party, the senator said."),
            (Some("said".into()), Some("the senator".into()))
        );
        assert_eq!(
            attribution_of("“That is nonsense.” The meeting ended early."),
            (None, None)
        );
    }

    #[test]
    fn first_verbish_skips_the_subject() {
        with_scan("The party adopted the stance: “No.”", |sc| {
            assert_eq!(
                first_verbish(sc, 0, sc.toks.len()),
                Some(tok(sc, "adopted"))
            );
        });
    }
}

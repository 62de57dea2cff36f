//! The features of the learned trigger head: what a token, its dependency neighbours, the
//! PLOVER/CAMEO lexicon and the shared encoder say about whether it names an event, and of
//! which type.
//!
//! The same function serves training (`examples/train_events.rs`) and tagging, so the two
//! cannot drift apart. Every feature is a 64-bit key from [`dateline_ml::hashing::fx`].

use crate::lexicon::{Entry, Lexicon};
use crate::view::View;
use dateline_core::{Deprel, Upos};
use dateline_ml::hashing::fx::{feature, feature2, hash_str, mix};

/// Whether token `i` can be a trigger at all: content words (verbs, nouns, adjectives) that do
/// not belong to a name.
pub fn is_candidate(view: &View, i: usize) -> bool {
    let upos_ok = matches!(
        view.upos(i),
        Some(Upos::Verb | Upos::Noun | Upos::Adj) | None
    );
    let in_name = matches!(
        view.entity_at[i],
        Some((_, dateline_core::MentionKind::Name))
    );
    upos_ok && !in_name && view.lower[i].chars().any(char::is_alphabetic)
}

/// The key of a feature template's name, computed at compile time (FNV-1a): feature
/// extraction runs for every content word of every article.
pub(crate) const fn tpl(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The hash of a label's name (no allocation: this runs for every content word).
fn label_hash(name: Option<&str>) -> u64 {
    name.map_or(0, hash_str)
}

/// Pushes the features of token `i` into `out` (cleared first). `rule` is the lexicon
/// trigger the rules found at this token, if any.
pub fn trigger_features(
    view: &View,
    lex: &Lexicon,
    i: usize,
    rule: Option<&Entry>,
    out: &mut Vec<u64>,
) {
    out.clear();
    match rule {
        Some(e) => {
            let kind = hash_str(e.kind.as_str());
            out.push(feature(const { tpl("rule") }, kind));
            out.push(feature2(
                const { tpl("rule+noun") },
                kind,
                u64::from(e.noun),
            ));
            out.push(feature2(
                const { tpl("rule+curated") },
                kind,
                u64::from(e.curated),
            ));
            out.push(feature2(
                const { tpl("rule+strong") },
                kind,
                u64::from(e.strong),
            ));
            let multi = e.words.len() > 1 || !e.pattern.is_empty();
            out.push(feature2(
                const { tpl("rule+multiword") },
                kind,
                u64::from(multi),
            ));
        }
        None => out.push(feature(const { tpl("no-rule") }, 0)),
    }
    let doc = view.doc;
    let lemma = view.lemma(i);
    let lemma_h = hash_str(lemma);
    let upos = label_hash(view.upos(i).map(Upos::as_str));
    let deprel = label_hash(view.deprel(i).map(Deprel::as_str));
    out.push(feature(const { tpl("bias") }, 0));
    out.push(feature(const { tpl("lemma") }, lemma_h));
    out.push(feature(const { tpl("lower") }, hash_str(&view.lower[i])));
    out.push(feature(const { tpl("upos") }, upos));
    out.push(feature2(const { tpl("lemma+upos") }, lemma_h, upos));
    out.push(feature(const { tpl("deprel") }, deprel));
    out.push(feature2(const { tpl("lemma+deprel") }, lemma_h, deprel));
    let suffix: String = {
        let chars: Vec<char> = view.lower[i].chars().collect();
        chars[chars.len().saturating_sub(3)..].iter().collect()
    };
    out.push(feature(const { tpl("suffix3") }, hash_str(&suffix)));

    // The head: "called for" hangs "for" under "called"; "the talks" may hang under "held".
    if let Some(h) = view.head(i) {
        let hl = hash_str(view.lemma(h));
        out.push(feature(const { tpl("head-lemma") }, hl));
        out.push(feature2(const { tpl("lemma+head-lemma") }, lemma_h, hl));
        out.push(feature2(const { tpl("deprel+head-lemma") }, deprel, hl));
        out.push(feature(
            const { tpl("head-upos") },
            label_hash(view.upos(h).map(Upos::as_str)),
        ));
    } else {
        out.push(feature(const { tpl("root") }, 0));
    }

    // Dependents: objects, particles, prepositions, subjects and their kinds.
    let mut passive = false;
    for c in view.children(i) {
        let rel = view.deprel(c);
        if matches!(rel, Some(Deprel::AuxPass | Deprel::NsubjPass)) {
            passive = true;
        }
        let rel_h = label_hash(rel.map(Deprel::as_str));
        let cl = hash_str(view.lemma(c));
        out.push(feature(const { tpl("child-rel") }, rel_h));
        out.push(feature2(const { tpl("child-rel+lemma") }, rel_h, cl));
        out.push(feature2(
            const { tpl("lemma+child-rel+lemma") },
            lemma_h,
            mix(rel_h, cl),
        ));
        if let Some(case) = view.case_of(c) {
            out.push(feature2(
                const { tpl("lemma+case") },
                lemma_h,
                hash_str(case),
            ));
        }
        if let Some((e, kind)) = view.entity_at[c] {
            let et = hash_str(view.entity_type(e).as_str());
            out.push(feature2(const { tpl("child-rel+entity") }, rel_h, et));
            out.push(feature2(
                const { tpl("child-rel+mention-kind") },
                rel_h,
                hash_str(&format!("{kind:?}")),
            ));
        }
        if matches!(rel, Some(Deprel::Aux)) {
            out.push(feature(const { tpl("aux") }, cl));
        }
        if matches!(rel, Some(Deprel::Advmod)) && view.lemma(c) == "not" {
            out.push(feature(const { tpl("negated") }, 0));
        }
    }
    if passive {
        out.push(feature(const { tpl("passive") }, 0));
        out.push(feature(const { tpl("passive+lemma") }, lemma_h));
    }

    // Neighbours in the sentence.
    let range = view.sentence_range(doc.tokens[i].sentence);
    let prev = (i > range.start).then(|| hash_str(view.lemma(i - 1)));
    let next = (i + 1 < range.end).then(|| hash_str(view.lemma(i + 1)));
    out.push(feature(const { tpl("prev") }, prev.unwrap_or(1)));
    out.push(feature(const { tpl("next") }, next.unwrap_or(1)));
    out.push(feature2(
        const { tpl("lemma+next") },
        lemma_h,
        next.unwrap_or(1),
    ));
    out.push(feature2(
        const { tpl("prev+lemma") },
        prev.unwrap_or(1),
        lemma_h,
    ));

    // What is said: for a verb with a clausal complement or a quote in its sentence, the
    // content words of that complement or quote ("said the plan was a disgrace" reads as an
    // accusation, "said ministers must act" as a demand).
    let content = said_content(view, i, &range);
    if !content.is_empty() {
        out.push(feature(const { tpl("has-content") }, 0));
        for &c in content.iter().take(60) {
            let l = view.lemma(c);
            let keep = matches!(
                view.upos(c),
                Some(Upos::Noun | Upos::Verb | Upos::Adj | Upos::Adv | Upos::Aux | Upos::Part)
            );
            if keep {
                out.push(feature(const { tpl("content") }, hash_str(l)));
                out.push(feature2(
                    const { tpl("lemma+content") },
                    lemma_h,
                    hash_str(l),
                ));
            }
        }
    }
    if view.in_quote[i] {
        out.push(feature(const { tpl("in-quote") }, 0));
    }

    // The lexicon: which types its entries for this lemma give, and whether a pattern word
    // ("talks" for "hold") is among the dependents.
    for entry in lex.starting_with(lemma) {
        let kind = hash_str(entry.kind.as_str());
        let single = entry.words.len() == 1;
        if single && entry.pattern.is_empty() {
            out.push(feature2(const { tpl("lex") }, kind, u64::from(entry.noun)));
            if entry.curated {
                out.push(feature(const { tpl("lex-curated") }, kind));
            }
        } else {
            let needed = entry.words.iter().skip(1).chain(entry.pattern.iter());
            let mut all = true;
            for w in needed {
                let found = view.children(i).any(|c| {
                    view.lemma(c) == w.as_str()
                        || view.children(c).any(|g| view.lemma(g) == w.as_str())
                }) || (i + 1 < range.end && view.lemma(i + 1) == w.as_str());
                all &= found;
            }
            if all {
                out.push(feature(const { tpl("lex-pattern") }, kind));
            }
        }
    }

    // The shared encoder: each dimension's sign when it is clearly away from zero.
    // (±0.25 chosen on dev: 0.1 and 0.5 and no encoder features were within 0.02 F1, 0.25 best.)
    let thr = 0.25f32;
    if let Some(enc) = doc
        .encoding
        .as_ref()
        .filter(|e| e.len() == doc.tokens.len())
    {
        for (d, &v) in enc.row(i).iter().enumerate() {
            if v > thr {
                out.push(feature2(const { tpl("enc+") }, d as u64, 1));
            } else if v < -thr {
                out.push(feature2(const { tpl("enc-") }, d as u64, 1));
            }
        }
    }
}

/// The tokens of what token `i` reports: its clausal complements' subtrees, or else the
/// tokens of a quote in its sentence.
fn said_content(view: &View, i: usize, range: &std::ops::Range<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for c in view.children(i) {
        if matches!(
            view.deprel(c),
            Some(Deprel::Ccomp | Deprel::Parataxis | Deprel::Xcomp)
        ) {
            out.extend(view.subtree(c, &[]));
        }
    }
    if out.is_empty() && view.upos(i) == Some(Upos::Verb) {
        let doc = view.doc;
        let (s, e) = (doc.tokens[range.start].start, doc.tokens[range.end - 1].end);
        if let Some(q) = doc.quotes.iter().find(|q| q.start < e && s < q.end) {
            out.extend(
                range
                    .clone()
                    .filter(|&k| q.start <= doc.tokens[k].start && doc.tokens[k].end <= q.end),
            );
        }
    }
    out
}

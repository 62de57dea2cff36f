//! From tagged spans to entities: cleaning, typing, merging mentions, roles, titles
//! used as names, pronouns and codes.

use crate::gazetteer::{key, Gazetteer, PlaceKind};
use crate::lexicon::*;
use crate::ner::Ner;
use dateline_core::{Document, Entity, EntityType, Mention, MentionKind, Role};
use std::collections::{BTreeMap, HashMap};

/// A token as this stage sees it.
#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub sentence: usize,
    pub deprel: Option<String>,
    pub upos: Option<String>,
}

impl Tok {
    fn cap(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn alpha(&self) -> bool {
        self.text.chars().any(|c| c.is_alphabetic())
    }
    fn is_possessive(&self) -> bool {
        matches!(self.lower.as_str(), "'s" | "'")
    }
}

/// One mention before merging: a token range and a type.
#[derive(Debug, Clone)]
struct Cand {
    /// First token of the mention (an honorific when there is one).
    first: usize,
    /// First token of the name proper.
    name_first: usize,
    /// One past the last token.
    end: usize,
    ty: EntityType,
    kind: MentionKind,
    /// Gazetteer identity ("gpe:USA", "org:nato") when known.
    ident: Option<String>,
    /// Came from an exact gazetteer or tagger match (not a fuzzy one).
    exact: bool,
}

#[derive(Debug, Clone)]
struct RoleDraft {
    title: String,
    of: Option<usize>,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone)]
struct Ent {
    ty: EntityType,
    mentions: Vec<usize>,
    roles: Vec<RoleDraft>,
    ident: Option<String>,
}

/// Builds this stage's token view: the document's tokens, or a fallback tokenisation
/// (line and full-stop sentence breaks) when no segmenter has run.
pub fn token_view(doc: &Document) -> Vec<Tok> {
    if !doc.tokens.is_empty() {
        let mut out = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let tok = Tok {
                start: t.start,
                end: t.end,
                lower: key(&t.text),
                text: t.text.clone(),
                sentence: t.sentence,
                deprel: t.deprel.clone(),
                upos: t.upos.clone(),
            };
            split_token(tok, &mut out);
        }
        return rejoin_abbreviation_breaks(join_hyphenated(out));
    }
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut sentence = 0;
    let mut last_end = 0;
    for (s, e) in crate::tokenize::simple_tokens(&doc.text) {
        let text: String = chars[s..e].iter().collect();
        if let Some(prev) = out.last() {
            let gap_newline = chars[last_end..s].contains(&'\n');
            let after_stop = matches!(prev.text.as_str(), "." | "!" | "?")
                && text.chars().next().is_some_and(|c| c.is_uppercase());
            if gap_newline || after_stop {
                sentence += 1;
            }
        }
        last_end = e;
        out.push(Tok {
            start: s,
            end: e,
            lower: key(&text),
            text,
            sentence,
            deprel: None,
            upos: None,
        });
    }
    out
}

/// Abbreviations whose final period belongs to the word.
const DOTTED: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "inc.", "co.", "ltd.", "corp.", "jr.", "sr.",
    "lt.", "col.", "sgt.", "rev.", "prof.", "sen.", "rep.", "gov.", "no.", "vs.", "jan.", "feb.",
    "aug.", "sept.", "oct.", "nov.", "dec.",
];

/// Splits what a name needs apart even when the segmenter kept it together: a
/// possessive "'s" and a sentence-final period after a capitalised word.
fn split_token(tok: Tok, out: &mut Vec<Tok>) {
    let n = tok.text.chars().count();
    let first_upper = tok.text.chars().next().is_some_and(|c| c.is_uppercase());
    let cut = if n > 2
        && first_upper
        && (tok.lower.ends_with("'s"))
        && tok
            .text
            .chars()
            .nth(n - 3)
            .is_some_and(|c| c.is_alphabetic())
    {
        Some(n - 2)
    } else if n > 3
        && first_upper
        && tok.text.ends_with('.')
        && tok.text.matches('.').count() == 1
        && !DOTTED.contains(&tok.lower.as_str())
    {
        Some(n - 1)
    } else {
        None
    };
    match cut {
        Some(k) => {
            let head: String = tok.text.chars().take(k).collect();
            let tail: String = tok.text.chars().skip(k).collect();
            out.push(Tok {
                start: tok.start,
                end: tok.start + k,
                lower: key(&head),
                text: head,
                sentence: tok.sentence,
                deprel: tok.deprel.clone(),
                upos: tok.upos.clone(),
            });
            out.push(Tok {
                start: tok.start + k,
                end: tok.end,
                lower: key(&tail),
                text: tail,
                sentence: tok.sentence,
                deprel: None,
                upos: None,
            });
        }
        None => out.push(tok),
    }
}

/// Undoes sentence breaks after an abbreviation inside a name ("U.S. Treasury",
/// "St. Louis"): a break after initials or a dotted abbreviation, followed by a
/// capitalised word on the same line, is no break for the tagger.
fn rejoin_abbreviation_breaks(mut toks: Vec<Tok>) -> Vec<Tok> {
    let mut shift = 0;
    let mut prev_original = toks.first().map_or(0, |t| t.sentence);
    for k in 1..toks.len() {
        let original = toks[k].sentence;
        let (prev, cur) = (&toks[k - 1], &toks[k]);
        if original != prev_original {
            let initials = prev.text.len() >= 2
                && prev.text.ends_with('.')
                && prev
                    .text
                    .split('.')
                    .filter(|p| !p.is_empty())
                    .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()));
            let dotted = DOTTED.contains(&prev.lower.as_str());
            let same_line = cur.start == prev.end + 1;
            if (initials || dotted) && same_line && cur.cap() {
                shift += 1;
            }
        }
        prev_original = original;
        toks[k].sentence -= shift;
    }
    toks
}

/// Rejoins what news names keep whole but UD tokenisation splits: hyphenated words
/// ("Nagorno-Karabakh", "Mercedes-Benz", "1996-08-30") and a detached "' s".
fn join_hyphenated(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    let alnum = |t: &Tok| {
        t.text.chars().all(|c| c.is_alphanumeric() || c == '.')
            && t.text.chars().any(|c| c.is_alphanumeric())
    };
    while i < toks.len() {
        let mut j = i + 1;
        if alnum(&toks[i]) {
            while j + 1 < toks.len()
                && toks[j].text == "-"
                && toks[j].start == toks[j - 1].end
                && toks[j + 1].start == toks[j].end
                && alnum(&toks[j + 1])
                && toks[j + 1].sentence == toks[i].sentence
            {
                j += 2;
            }
        } else if toks[i].text == "'"
            && toks
                .get(i + 1)
                .is_some_and(|n| n.text == "s" && n.start == toks[i].end)
        {
            j = i + 2;
        }
        if j == i + 1 {
            out.push(toks[i].clone());
        } else {
            let text: String = toks[i..j].iter().map(|t| t.text.as_str()).collect();
            out.push(Tok {
                start: toks[i].start,
                end: toks[j - 1].end,
                lower: key(&text),
                text,
                sentence: toks[i].sentence,
                deprel: toks[i..j].iter().find_map(|t| t.deprel.clone()),
                upos: toks[j - 1].upos.clone(),
            });
        }
        i = j;
    }
    out
}

/// Token ranges of the sentences.
fn sentence_ranges(toks: &[Tok]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].sentence != toks[start].sentence {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Form a token takes when fed to the tagger (CoNLL's ASCII quotes).
fn tagger_form(text: &str) -> &str {
    match text {
        "“" | "”" | "„" => "\"",
        "‘" | "’" => "'",
        "’s" => "'s",
        "—" | "–" => "-",
        _ => text,
    }
}

/// Which tokens lie inside quotation marks.
fn quoted(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut inside = false;
    // Sentences begun since the quote opened: paragraph-long quotes are common, but an
    // unbalanced quote mark must not swallow the rest of the article.
    let mut open_sentences = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.text.as_str() {
            "“" => {
                inside = true;
                open_sentences = 0;
            }
            "”" => inside = false,
            "\"" => {
                inside = !inside;
                open_sentences = 0;
            }
            _ => out[i] = inside,
        }
        if inside && i > 0 && toks[i - 1].sentence != t.sentence {
            open_sentences += 1;
            if open_sentences > 8 {
                inside = false;
                out[i] = false;
            }
        }
    }
    out
}

fn last_word(toks: &[Tok], c: &Cand) -> String {
    toks[c.end - 1].lower.clone()
}

fn span_text(
    toks: &[Tok],
    text: &str,
    from: usize,
    to: usize,
    index: &dateline_core::CharIndex,
) -> String {
    index
        .slice(text, toks[from].start, toks[to - 1].end)
        .to_string()
}

/// The tagger's raw spans over a document, as char spans with a CoNLL type index
/// (no cleaning, typing or merging): what the CoNLL evaluation scores.
pub fn tagged_char_spans(ner: &Ner, doc: &Document) -> Vec<(usize, usize, usize)> {
    let toks = token_view(doc);
    let sentences = sentence_ranges(&toks);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|r| {
            toks[r.clone()]
                .iter()
                .map(|t| tagger_form(&t.text))
                .collect()
        })
        .collect();
    let tagged = ner.tag_document(&words);
    let mut out = Vec::new();
    for (r, spans) in sentences.iter().zip(&tagged) {
        for &(s, e, t) in spans {
            out.push((toks[r.start + s].start, toks[r.start + e - 1].end, t));
        }
    }
    out
}

/// Runs the whole stage on a document.
pub fn annotate(ner: &Ner, doc: &mut Document) {
    let toks = token_view(doc);
    if toks.is_empty() {
        return;
    }
    let index = dateline_core::CharIndex::new(&doc.text);
    let doc_chars: Vec<char> = doc.text.chars().collect();
    let lines = Lines::new(&doc_chars);
    let gaz = &ner.gazetteer;
    let sentences = sentence_ranges(&toks);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|r| {
            toks[r.clone()]
                .iter()
                .map(|t| tagger_form(&t.text))
                .collect()
        })
        .collect();
    let tagged = ner.tag_document(&words);
    if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
        for (w, t) in words.iter().zip(&tagged) {
            eprintln!("{:?} {:?}", w, t);
        }
    }
    let in_quote = quoted(&toks);
    let lower_seen: std::collections::HashSet<&str> = toks
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(|c| c.is_lowercase()))
        .map(|t| t.text.as_str())
        .collect();

    let mut cands: Vec<Cand> = Vec::new();
    for (r, spans) in sentences.iter().zip(&tagged) {
        for &(s, e, t) in spans {
            let (first, end) = (r.start + s, r.start + e);
            cands.push(Cand {
                first,
                name_first: first,
                end,
                ty: match t {
                    0 => EntityType::Person,
                    1 => EntityType::Org,
                    2 => EntityType::Gpe,
                    _ => EntityType::Other,
                },
                kind: MentionKind::Name,
                ident: None,
                exact: true,
            });
        }
    }
    // A capitalised word inside a time expression is part of the time ("WC 24th Feb" is
    // "week commencing", "Super Tuesday"), not an organisation; a person's name is kept
    // in case the time tagger misread it.
    cands.retain(|c| {
        let (start, end) = (toks[c.first].start, toks[c.end - 1].end);
        c.ty == EntityType::Person || !doc.times.iter().any(|t| t.start <= start && end <= t.end)
    });
    // Gazetteer names the tagger missed (capitalised, not overlapping a tagged span).
    let mut covered = vec![false; toks.len()];
    for c in &cands {
        covered[c.first..c.end].iter_mut().for_each(|x| *x = true);
    }
    let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    for r in &sentences {
        let tags = gaz.tag_tokens(&lowers[r.clone()]);
        let mut i = 0;
        while i < tags.len() {
            let Some((class, pos)) = tags[i] else {
                i += 1;
                continue;
            };
            // A phrase runs from its begin token (pos 1) to its last token (pos 3).
            let mut len = 1;
            if pos == 1 {
                while i + len < tags.len()
                    && matches!(tags[i + len], Some((c, 2 | 3)) if c == class)
                {
                    len += 1;
                    if matches!(tags[i + len - 1], Some((_, 3))) {
                        break;
                    }
                }
            }
            let (a, b) = (r.start + i, r.start + i + len);
            i += len;
            let all_cap = toks[a..b]
                .iter()
                .all(|t| t.cap() || !t.alpha() || matches!(t.lower.as_str(), "of" | "and" | "the"));
            if !all_cap || covered[a..b].iter().any(|&x| x) {
                continue;
            }
            let initial = a == r.start || !toks[a - 1].alpha();
            if b - a == 1 && initial && lower_seen.contains(toks[a].lower.as_str()) {
                continue;
            }
            use crate::gazetteer::GazClass::*;
            let ty = match class {
                Country | City => EntityType::Gpe,
                Region => EntityType::Loc,
                Demonym => EntityType::Norp,
                Org => match gaz.org(&span_text(&toks, &doc.text, a, b, &index)) {
                    Some(o) if o.cameo.starts_with("IGO") => EntityType::Org,
                    _ => continue,
                },
                Leader if b - a >= 2 => EntityType::Person,
                _ => continue,
            };
            covered[a..b].iter_mut().for_each(|x| *x = true);
            cands.push(Cand {
                first: a,
                name_first: a,
                end: b,
                ty,
                kind: MentionKind::Name,
                ident: None,
                exact: true,
            });
        }
    }
    // "Mr Trump" is a person whatever the tagger says: an honorific followed by
    // capitalised words starts a person mention (an honorific-only span grows to it).
    for c in cands.iter_mut() {
        if toks[c.first..c.end]
            .iter()
            .all(|t| is_in(HONORIFICS, &t.text))
        {
            covered[c.first..c.end].iter_mut().for_each(|x| *x = false);
            c.end = c.first;
        }
    }
    cands.retain(|c| c.end > c.first);
    for i in 0..toks.len().saturating_sub(1) {
        if !is_in(HONORIFICS, &toks[i].text) || !toks[i].cap() || covered[i] {
            continue;
        }
        let name_end = (i + 1..toks.len().min(i + 4))
            .take_while(|&k| {
                toks[k].cap()
                    && toks[k].alpha()
                    && toks[k].sentence == toks[i].sentence
                    && !is_in(HONORIFICS, &toks[k].text)
            })
            .last()
            .map(|k| k + 1);
        let Some(end) = name_end else { continue };
        if covered[i + 1..end].iter().any(|&x| x) {
            // The tagger has the name; extend a person span or retype a single name.
            if let Some(c) = cands.iter_mut().find(|c| c.first == i + 1) {
                c.ty = EntityType::Person;
            }
            continue;
        }
        covered[i..end].iter_mut().for_each(|x| *x = true);
        cands.push(Cand {
            first: i + 1,
            name_first: i + 1,
            end,
            ty: EntityType::Person,
            kind: MentionKind::Name,
            ident: None,
            exact: true,
        });
    }
    company_names(gaz, &toks, &lower_seen, &mut covered, &mut cands);
    cands.sort_by_key(|c| (c.first, c.end));
    let mut cands = repair_spans(gaz, &toks, cands, &lower_seen);
    complete_first_names(gaz, &toks, &mut cands, &lower_seen);

    // Clean, type and identify.
    let mut kept: Vec<Cand> = Vec::new();
    for mut c in cands {
        let text = span_text(&toks, &doc.text, c.first, c.end, &index);
        if !toks[c.first..c.end].iter().any(|t| {
            t.text
                .chars()
                .any(|ch| ch.is_uppercase() || ch.is_numeric())
        }) {
            continue; // "n't", lowercase common words
        }
        if !toks[c.first..c.end].iter().any(|t| t.alpha()) || toks[c.first].is_possessive() {
            continue;
        }
        if is_credit(&toks, &doc_chars, &lines, &c, &text) {
            continue;
        }
        let initial = opens_sentence(&toks, c.first);
        if c.end - c.first == 1
            && initial
            && lower_seen.contains(toks[c.first].lower.as_str())
            && gaz.place(&text).is_none()
            && gaz.org(&text).is_none()
        {
            continue; // a capitalised common word opening a sentence
        }
        let after_honorific = c.first > 0
            && is_in(HONORIFICS, &toks[c.first - 1].text)
            && toks[c.first - 1].sentence == toks[c.first].sentence;
        if !after_honorific
            && toks[c.first..c.end]
                .iter()
                .all(|t| is_in(TIME_WORDS, &t.text) || is_in(HONORIFICS, &t.text) || !t.alpha())
        {
            continue; // "Morning" in "Friday Morning", but not "May" in "Mrs May"
        }
        while c.name_first + 1 < c.end && is_in(HONORIFICS, &toks[c.name_first].text) {
            c.name_first += 1;
            c.ty = EntityType::Person;
        }
        // Honorifics join person mentions ("Mr Starmer").
        if c.first > 0
            && is_in(HONORIFICS, &toks[c.first - 1].text)
            && toks[c.first - 1].sentence == toks[c.first].sentence
        {
            c.first -= 1;
            c.ty = EntityType::Person;
        }
        retype(gaz, &toks, &mut c, &text);
        kept.push(c);
    }

    // Merge mentions into entities.
    let mut ents: Vec<Ent> = Vec::new();
    let mut owner: Vec<usize> = vec![usize::MAX; kept.len()];
    let name_words = |c: &Cand| -> Vec<String> {
        toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .map(|t| t.lower.clone())
            .collect()
    };
    // Persons with full names first, so short forms find them wherever they appear.
    for (m, c) in kept.iter().enumerate() {
        if c.ty != EntityType::Person || name_words(c).len() < 2 {
            continue;
        }
        let nw = name_words(c);
        let found = ents.iter().position(|e| {
            e.ty == EntityType::Person && {
                let ew = name_words(&kept[e.mentions[0]]);
                ew.last() == nw.last()
                    && (ew[0] == nw[0]
                        || ew[0].chars().next() == nw[0].chars().next()
                            && (ew[0].len() <= 2 || nw[0].len() <= 2))
            }
        });
        let e = found.unwrap_or_else(|| {
            ents.push(Ent {
                ty: EntityType::Person,
                mentions: Vec::new(),
                roles: Vec::new(),
                ident: None,
            });
            ents.len() - 1
        });
        ents[e].mentions.push(m);
        owner[m] = e;
    }
    let person_surnames: Vec<(usize, String, String)> = ents
        .iter()
        .enumerate()
        .flat_map(|(e, ent)| {
            let nw = name_words(&kept[ent.mentions[0]]);
            Some((e, nw.first()?.clone(), nw.last()?.clone()))
        })
        .collect();
    for (m, c) in kept.iter_mut().enumerate() {
        if owner[m] != usize::MAX {
            continue;
        }
        let nw: Vec<String> = toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .map(|t| t.lower.clone())
            .collect();
        if nw.len() != 1 {
            continue;
        }
        let known_elsewhere = c.ident.is_some();
        let honorific = c.first < c.name_first;
        if c.ty != EntityType::Person
            && (known_elsewhere
                || !matches!(c.ty, EntityType::Org | EntityType::Other | EntityType::Gpe))
            && !honorific
        {
            continue;
        }
        // The person whose surname (else first name) this is, mentioned most recently.
        let pick = |by_last: bool| {
            person_surnames
                .iter()
                .filter(|(_, f, l)| if by_last { *l == nw[0] } else { *f == nw[0] })
                .map(|(e, _, _)| *e)
                .max_by_key(|&e| {
                    let before = ents[e].mentions.iter().filter(|&&x| x < m).count();
                    (before > 0, before)
                })
        };
        if let Some(e) = pick(true).or_else(|| {
            if c.ty == EntityType::Person {
                pick(false)
            } else {
                None
            }
        }) {
            c.ty = EntityType::Person;
            owner[m] = e;
            ents[e].mentions.push(m);
        }
    }
    // Everything else groups by identity, else by normalised text.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for e in 0..ents.len() {
        let c = &kept[ents[e].mentions[0]];
        by_key.insert(format!("per:{}", name_words(c).join(" ")), e);
    }
    for (m, c) in kept.iter().enumerate() {
        if owner[m] != usize::MAX {
            continue;
        }
        let k = match &c.ident {
            Some(id) => id.clone(),
            None => format!("{}:{}", family(c.ty), name_words(c).join(" ")),
        };
        let e = *by_key.entry(k.clone()).or_insert_with(|| {
            ents.push(Ent {
                ty: c.ty,
                mentions: Vec::new(),
                roles: Vec::new(),
                ident: c.ident.clone(),
            });
            ents.len() - 1
        });
        ents[e].mentions.push(m);
        owner[m] = e;
    }
    merge_acronyms(&mut ents, &kept, &toks, &mut owner);
    merge_same_names(&mut ents, &kept, &toks, &mut owner);

    // Entity types: the mentions' majority; gazetteer names, honorifics and known first
    // names count double; ties go to the likelier type in news.
    let tie_rank = |t: EntityType| match t {
        EntityType::Org => 7,
        EntityType::Gpe => 6,
        EntityType::Person => 5,
        EntityType::Loc => 4,
        EntityType::Fac => 3,
        EntityType::Event => 2,
        EntityType::Norp => 1,
        EntityType::Other => 0,
    };
    for ent in ents.iter_mut() {
        let mut votes: BTreeMap<EntityType, usize> = BTreeMap::new();
        for &m in &ent.mentions {
            let c = &kept[m];
            let strong = c.ident.is_some()
                || (c.ty == EntityType::Person
                    && (c.first < c.name_first
                        || (c.end - c.name_first >= 2
                            && gaz.is_first_name(&toks[c.name_first].text))));
            *votes.entry(c.ty).or_default() += if strong { 2 } else { 1 };
        }
        if let Some((&t, _)) = votes.iter().max_by_key(|(t, &n)| (n, tie_rank(**t))) {
            ent.ty = t;
        }
        ent.mentions.sort_by_key(|&m| kept[m].first);
    }

    let mention_at = mention_index(&kept, &owner, toks.len());
    premodifier_roles(&toks, &kept, &owner, &mention_at, &mut ents);
    appositive_roles(&toks, &kept, &owner, &mention_at, &mut ents);
    let mut extra: Vec<(usize, Cand)> = Vec::new();
    titles_as_names(
        &toks,
        &kept,
        &owner,
        &mention_at,
        &mut ents,
        &mut extra,
        &in_quote,
    );
    pronouns(
        &toks,
        &kept,
        &owner,
        &mention_at,
        &ents,
        &in_quote,
        &mut extra,
    );
    for (e, c) in extra {
        kept.push(c);
        owner.push(e);
        ents[e].mentions.push(kept.len() - 1);
    }

    // Output, in order of first mention.
    let mut order: Vec<usize> = (0..ents.len())
        .filter(|&e| !ents[e].mentions.is_empty())
        .collect();
    for e in &order {
        ents[*e]
            .mentions
            .sort_by_key(|&m| (kept[m].first, kept[m].end));
    }
    order.sort_by_key(|&e| kept[ents[e].mentions[0]].first);
    let ids: HashMap<usize, String> = order
        .iter()
        .enumerate()
        .map(|(i, &e)| (e, format!("E{}", i + 1)))
        .collect();
    let published = doc.published_date().map(|d| d.replace('-', ""));
    let mut out = Vec::new();
    for &e in &order {
        let ent = &ents[e];
        let mentions: Vec<Mention> = ent
            .mentions
            .iter()
            .map(|&m| {
                let c = &kept[m];
                Mention {
                    start: toks[c.first].start,
                    end: toks[c.end - 1].end,
                    text: span_text(&toks, &doc.text, c.first, c.end, &index),
                    kind: c.kind,
                }
            })
            .collect();
        let name = canonical_name(&toks, &doc.text, &index, &kept, ent, gaz);
        let mut roles: Vec<Role> = Vec::new();
        for r in &ent.roles {
            let role = Role {
                title: r.title.clone(),
                of: r.of.and_then(|o| ids.get(&o).cloned()),
                start: toks[r.start].start,
                end: toks[r.end - 1].end,
            };
            if !roles
                .iter()
                .any(|x| x.title.to_lowercase() == role.title.to_lowercase() && x.of == role.of)
            {
                roles.push(role);
            }
        }
        let codes = codes_for(gaz, ent, &ents, &name, published.as_deref());
        out.push(Entity {
            id: ids[&e].clone(),
            name,
            kind: ent.ty,
            roles,
            mentions,
            codes,
        });
    }
    doc.entities = out;
}

/// When the CAMEO leaders dictionary was last revised (YYYYMMDD).
const LEADERS_REVISED: &str = "20141231";

/// Whether token `i` starts its sentence or an opening quotation or bracket, where any word
/// is capitalised.
fn opens_sentence(toks: &[Tok], i: usize) -> bool {
    i == 0
        || toks[i - 1].sentence != toks[i].sentence
        || matches!(toks[i - 1].text.as_str(), "“" | "\"" | "‘" | "(")
}

/// Company names the tagger left out ("Shares in Apple fell"): capitalised words that spell
/// a company's name without its legal form. The tagger learnt its names from 1996 Reuters
/// text, and a name that is also a common word ("apple") rarely looks like a name to it.
/// At the start of a sentence the word must not also appear in lower case in the article.
fn company_names(
    gaz: &Gazetteer,
    toks: &[Tok],
    lower_seen: &std::collections::HashSet<&str>,
    covered: &mut [bool],
    cands: &mut Vec<Cand>,
) {
    const LONGEST: usize = 4;
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        if toks[i].cap() && !covered[i] {
            let mut end = i;
            while end < toks.len()
                && end - i < LONGEST
                && toks[end].cap()
                && toks[end].alpha()
                && !covered[end]
                && toks[end].sentence == toks[i].sentence
            {
                end += 1;
            }
            for e in (i + 1..=end).rev() {
                let text = toks[i..e]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if gaz.company(&text).is_some() {
                    found = Some(e);
                    break;
                }
            }
        }
        let Some(end) = found else {
            i += 1;
            continue;
        };
        let initial = opens_sentence(toks, i) || toks[i - 1].text == ":";
        // A name continued by another capitalised word is some other name ("Apple Daily").
        let continued = toks
            .get(end)
            .is_some_and(|t| t.cap() && t.alpha() && t.sentence == toks[i].sentence);
        if continued || (initial && lower_seen.contains(toks[i].lower.as_str())) {
            i = end;
            continue;
        }
        if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
            let context: Vec<&str> = toks[i.saturating_sub(4)..(end + 4).min(toks.len())]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            eprintln!("company name: {}", context.join(" "));
        }
        covered[i..end].iter_mut().for_each(|x| *x = true);
        cands.push(Cand {
            first: i,
            name_first: i,
            end,
            ty: EntityType::Org,
            kind: MentionKind::Name,
            ident: None,
            exact: true,
        });
        i = end;
    }
}

fn family(t: EntityType) -> &'static str {
    match t {
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "place",
        EntityType::Org => "org",
        EntityType::Person => "per",
        EntityType::Norp => "norp",
        EntityType::Event => "event",
        EntityType::Other => "other",
    }
}

/// Splits titles out of tagged spans ("Nato Secretary General Mark" + "Rutte" →
/// ORG "Nato", title, PERSON "Mark Rutte"), drops a leading "the", and joins adjacent
/// person spans.
/// A person tagged by first name only, right before a capitalised word that no other name
/// claims or that was only taken for a place ("Mayor Ken | Livingstone compared…", "George
/// Washington"): the word is the surname.
fn complete_first_names(
    gaz: &Gazetteer,
    toks: &[Tok],
    cands: &mut Vec<Cand>,
    lower_seen: &std::collections::HashSet<&str>,
) {
    let mut absorbed = Vec::new();
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.ty != EntityType::Person || c.end - c.name_first != 1 {
            continue;
        }
        let Some(next) = toks.get(c.end) else {
            continue;
        };
        let claimed = cands.iter().position(|o| o.first <= c.end && c.end < o.end);
        let claim_is_a_lone_place = claimed.is_some_and(|k| {
            let o = &cands[k];
            o.first == c.end
                && o.end == c.end + 1
                && matches!(o.ty, EntityType::Gpe | EntityType::Loc)
        });
        if gaz.is_first_name(&toks[c.end - 1].text)
            && next.cap()
            && next.text.chars().all(char::is_alphabetic)
            && next.text != "I"
            && next.sentence == toks[c.first].sentence
            && (claimed.is_none() || claim_is_a_lone_place)
            && !lower_seen.contains(next.lower.as_str())
            && !is_in(HONORIFICS, &next.text)
            && title_at(toks, c.end, false).is_none()
        {
            if let Some(k) = claimed {
                absorbed.push(k);
            }
            if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
                let c = &cands[i];
                eprintln!("surname: {} {}", toks[c.end - 1].text, toks[c.end].text);
            }
            cands[i].end += 1;
        }
    }
    absorbed.sort_unstable();
    for k in absorbed.into_iter().rev() {
        cands.remove(k);
    }
}

fn repair_spans(
    gaz: &Gazetteer,
    toks: &[Tok],
    cands: Vec<Cand>,
    lower_seen: &std::collections::HashSet<&str>,
) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for mut c in cands {
        // Greedy BILOU decoding can run a name on past its end ("Ms Diemont says ."):
        // a name stops at a comma and never ends on a lowercase word or punctuation.
        if let Some(k) = (c.first + 1..c.end).find(|&k| toks[k].text == ",") {
            c.end = k;
        }
        while c.end > c.first + 1 && {
            let t = &toks[c.end - 1];
            !t.text.chars().any(|ch| ch.is_alphanumeric())
                || t.is_possessive()
                || t.text.chars().next().is_some_and(|ch| ch.is_lowercase())
        } {
            c.end -= 1;
        }
        while c.end > c.first + 1
            && (!toks[c.first].text.chars().any(|ch| ch.is_alphanumeric())
                || toks[c.first].lower == "the")
        {
            c.first += 1;
            c.name_first = c.first;
        }
        // "Google and Apple": two names the gazetteers know, joined into one span by the
        // tagger ("Trinidad and Tobago", known whole, stays one).
        if let Some(k) = (c.first + 1..c.end.saturating_sub(1))
            .find(|&k| matches!(toks[k].text.as_str(), "and" | "&"))
        {
            let known = |a: usize, b: usize| {
                let text = text_of(toks, a, b);
                gaz.org(&text).is_some() || gaz.place(&text).is_some()
            };
            if c.ty != EntityType::Person
                && !known(c.first, c.end)
                && known(c.first, k)
                && known(k + 1, c.end)
            {
                if std::env::var_os("DATELINE_ENTITIES_DEBUG").is_some() {
                    eprintln!("split: {}", text_of(toks, c.first, c.end));
                }
                let right = Cand {
                    first: k + 1,
                    name_first: k + 1,
                    ..c.clone()
                };
                c.end = k;
                out.push(c);
                out.push(right);
                continue;
            }
        }
        // "US Security" when "security" is a common word of the article: keep the place.
        if c.end - c.first >= 2 && c.ty != EntityType::Person {
            let place_len = (1..c.end - c.first).rev().find(|&n| {
                gaz.place(&text_of(toks, c.first, c.first + n))
                    .is_some_and(|p| p[0].kind == PlaceKind::Country)
            });
            if let Some(n) = place_len {
                if toks[c.first + n..c.end]
                    .iter()
                    .all(|t| lower_seen.contains(t.lower.as_str()))
                    && title_at(toks, c.first + n, false).is_none()
                {
                    c.end = c.first + n;
                    c.ty = EntityType::Gpe;
                }
            }
        }
        // A capitalised title inside the span.
        let mut split = None;
        for k in c.first..c.end {
            if !toks[k].cap() {
                continue;
            }
            if let Some((title_end, _)) = title_at(toks, k, false) {
                if toks[k..title_end]
                    .iter()
                    .all(|t| t.cap() || matches!(t.lower.as_str(), "of" | "the"))
                {
                    split = Some((k, title_end));
                    break;
                }
            }
        }
        let Some((ts, te)) = split else {
            out.push(c);
            continue;
        };
        if ts > c.first {
            let text = text_of(toks, c.first, ts);
            let ty = match gaz.place(&text).map(|p| p[0].kind) {
                Some(PlaceKind::Demonym) => EntityType::Norp,
                Some(_) => EntityType::Gpe,
                None if gaz.org(&text).is_some() => EntityType::Org,
                None => c.ty,
            };
            out.push(Cand {
                end: ts,
                ty,
                ..c.clone()
            });
        }
        if te < c.end && toks[te].cap() && !is_in(TIME_WORDS, &toks[te].text) {
            out.push(Cand {
                first: te,
                name_first: te,
                ty: EntityType::Person,
                ..c.clone()
            });
        }
    }
    // "Mark" + "Rutte": adjacent person spans are one name.
    let mut joined: Vec<Cand> = Vec::new();
    for c in out {
        if let Some(last) = joined.last_mut() {
            if last.ty == EntityType::Person
                && c.ty == EntityType::Person
                && last.end == c.first
                && toks[c.first].sentence == toks[last.first].sentence
            {
                last.end = c.end;
                continue;
            }
        }
        joined.push(c);
    }
    joined
}

/// Photo credits, agency datelines and bylines.
/// Line boundaries of a text, computed once.
struct Lines {
    /// Char offsets where lines start, ascending.
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(chars: &[char]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            chars
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines {
            starts,
            len: chars.len(),
        }
    }

    /// The start of the line holding `start` and the end of the line holding `end`.
    fn bounds(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.starts[self
            .starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1)];
        let next = self.starts.partition_point(|&s| s <= end);
        let b = self.starts.get(next).map_or(self.len, |&s| s - 1);
        (a, b.max(a))
    }
}

fn is_credit(toks: &[Tok], chars: &[char], lines: &Lines, c: &Cand, mention: &str) -> bool {
    let lower = key(mention);
    let prev = c
        .first
        .checked_sub(1)
        .map(|i| toks[i].lower.as_str())
        .unwrap_or("");
    let next = toks.get(c.end).map(|t| t.lower.as_str()).unwrap_or("");
    let (a, b) = lines.bounds(toks[c.first].start, toks[c.end - 1].end);
    // Credits and bylines are short lines; a long line is body text.
    if b - a > 200 {
        return false;
    }
    let line: String = chars[a..b].iter().collect();
    let line_lower = line.trim_start().to_lowercase();
    // "By Jane Smith, BBC News" and similar byline lines.
    if line_lower.starts_with("by ") && line.split_whitespace().count() <= 10 {
        return true;
    }
    if !CREDIT_NAMES.contains(&lower.as_str()) {
        return false;
    }
    let rest: String = line.replacen(mention, "", 1);
    let alone = !rest.chars().any(|ch| ch.is_alphanumeric())
        || rest
            .to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| CREDIT_CUES.contains(&w) || CREDIT_NAMES.contains(&w));
    alone
        || matches!(prev, "(" | "/" | ":" | "©")
        || CREDIT_CUES.contains(&prev)
        || next == "/"
        || (prev == "(" && next == ")")
}

/// "Munich Security Conference", "2024 Paris Forum": a gathering named after its city or
/// year; "World Economic Forum" stays an organisation.
fn named_after_city_or_year(gaz: &Gazetteer, toks: &[Tok], c: &Cand) -> bool {
    let first = &toks[c.first].text;
    c.end - c.first >= 2
        && (first.chars().all(|ch| ch.is_ascii_digit())
            || gaz
                .place(first)
                .is_some_and(|p| matches!(p[0].kind, PlaceKind::City)))
}

/// Maps the tagger's CoNLL type to dateline's types with the gazetteers and name heads.
fn retype(gaz: &Gazetteer, toks: &[Tok], c: &mut Cand, text: &str) {
    let head = last_word(toks, c);
    let name_text: String = text.to_string();
    let place = gaz.place(&name_text).map(|p| p[0].clone());
    let org = gaz.org(&name_text);
    if let Some(o) = org {
        if c.ty == EntityType::Org || (c.ty != EntityType::Person && place.is_none()) {
            c.ty = EntityType::Org;
            c.ident = Some(format!("org:{}", key(&o.canonical)));
            return;
        }
    }
    match c.ty {
        EntityType::Person => {}
        EntityType::Org => {
            if let Some(p) = &place {
                if p.kind == PlaceKind::Country {
                    c.ty = EntityType::Gpe;
                    c.ident = p.iso3.as_ref().map(|i| format!("gpe:{i}"));
                }
            } else if let Some(iso) = gaz.fuzzy_country(&name_text) {
                c.ty = EntityType::Gpe;
                c.ident = Some(format!("gpe:{iso}"));
                c.exact = false;
            } else if ["summit", "olympics", "games", "war", "cup"].contains(&head.as_str())
                || (is_in(EVENT_HEADS, &head) && named_after_city_or_year(gaz, toks, c))
            {
                c.ty = EntityType::Event;
            }
        }
        EntityType::Gpe => match &place {
            Some(p) => {
                c.ty = match p.kind {
                    PlaceKind::Region => EntityType::Loc,
                    PlaceKind::Demonym => EntityType::Norp,
                    _ => EntityType::Gpe,
                };
                c.ident = match p.kind {
                    PlaceKind::Country => p.iso3.as_ref().map(|i| format!("gpe:{i}")),
                    _ => Some(format!("{}:{}", family(c.ty), key(&name_text))),
                };
            }
            None => {
                if is_in(LOC_HEADS, &head) {
                    c.ty = EntityType::Loc;
                } else if is_in(FAC_HEADS, &head) {
                    c.ty = EntityType::Fac;
                } else if let Some(iso) = gaz.fuzzy_country(&name_text) {
                    c.ident = Some(format!("gpe:{iso}"));
                    c.exact = false;
                }
            }
        },
        _ => {
            let demonym = place.as_ref().is_some_and(|p| p.kind == PlaceKind::Demonym)
                || (toks[c.first..c.end].len() == 1
                    && ["ian", "ese", "ish", "ans", "ian", "ic"]
                        .iter()
                        .any(|s| head.ends_with(s))
                    && head.len() > 4);
            if demonym {
                c.ty = EntityType::Norp;
                c.ident = Some(format!("norp:{}", key(&name_text)));
            } else if is_in(EVENT_HEADS, &head) {
                c.ty = EntityType::Event;
            } else if place.as_ref().is_some_and(|p| p.kind == PlaceKind::Country) {
                c.ty = EntityType::Gpe;
                c.ident = place
                    .as_ref()
                    .and_then(|p| p.iso3.as_ref())
                    .map(|i| format!("gpe:{i}"));
            } else {
                c.ty = EntityType::Other;
            }
        }
    }
}

/// "Nato" ↔ "North Atlantic Treaty Organization": a short name equal to the initials
/// of another organisation's or place's long name joins it.
fn merge_acronyms(ents: &mut [Ent], kept: &[Cand], toks: &[Tok], owner: &mut [usize]) {
    let initials = |c: &Cand| -> Option<String> {
        let words: Vec<&Tok> = toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .collect();
        if words.len() < 2 {
            return None;
        }
        Some(
            words
                .iter()
                .filter(|t| !matches!(t.lower.as_str(), "of" | "the" | "and" | "for" | "on" | "in"))
                .filter_map(|t| t.text.chars().next())
                .flat_map(|ch| ch.to_uppercase())
                .collect(),
        )
    };
    for a in 0..ents.len() {
        if ents[a].mentions.is_empty() || ents[a].ty == EntityType::Person {
            continue;
        }
        let short: Vec<String> = ents[a]
            .mentions
            .iter()
            .filter(|&&m| kept[m].end - kept[m].name_first == 1)
            .map(|&m| {
                toks[kept[m].name_first]
                    .text
                    .to_uppercase()
                    .replace('.', "")
            })
            .collect();
        if short.is_empty()
            || ents[a]
                .mentions
                .iter()
                .any(|&m| kept[m].end - kept[m].name_first > 1)
        {
            continue;
        }
        let target = (0..ents.len()).find(|&b| {
            b != a
                && !ents[b].mentions.is_empty()
                && family(ents[b].ty) == family(ents[a].ty)
                && ents[b]
                    .mentions
                    .iter()
                    .any(|&m| initials(&kept[m]).is_some_and(|i| short.contains(&i)))
        });
        if let Some(b) = target {
            let moved = std::mem::take(&mut ents[a].mentions);
            for &m in &moved {
                owner[m] = b;
            }
            ents[b].mentions.extend(moved);
            let strong = |id: &Option<String>| {
                id.as_deref()
                    .is_some_and(|i| i.starts_with("gpe:") || i.starts_with("org:"))
            };
            if ents[b].ident.is_none() || (!strong(&ents[b].ident) && strong(&ents[a].ident)) {
                ents[b].ident = ents[a].ident.clone();
            }
        }
    }
}

/// One referent, one entity: entities whose names are written identically merge,
/// whatever types the tagger gave them ("Dimension Data" as PER once, ORG elsewhere).
/// Groups (NORP) stay apart from the places they are named after.
fn merge_same_names(ents: &mut [Ent], kept: &[Cand], toks: &[Tok], owner: &mut [usize]) {
    let name_key = |m: usize| -> String {
        let c = &kept[m];
        toks[c.name_first..c.end]
            .iter()
            .filter(|t| t.alpha())
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for e in 0..ents.len() {
        if ents[e].mentions.is_empty() || ents[e].ty == EntityType::Norp {
            continue;
        }
        let keys: Vec<String> = ents[e]
            .mentions
            .iter()
            .filter(|&&m| kept[m].kind == MentionKind::Name)
            .map(|&m| name_key(m))
            .filter(|k| !k.is_empty())
            .collect();
        let target = keys
            .iter()
            .find_map(|k| first_with.get(k).copied())
            .filter(|&t| t != e && !ents[t].mentions.is_empty());
        match target {
            Some(t)
                if ents[t].ident.is_none()
                    || ents[e].ident.is_none()
                    || ents[t].ident == ents[e].ident =>
            {
                let moved = std::mem::take(&mut ents[e].mentions);
                for &m in &moved {
                    owner[m] = t;
                }
                ents[t].mentions.extend(moved);
                if ents[t].ident.is_none() {
                    ents[t].ident = ents[e].ident.clone();
                }
                for k in keys {
                    first_with.entry(k).or_insert(t);
                }
            }
            _ => {
                for k in keys {
                    first_with.entry(k).or_insert(e);
                }
            }
        }
    }
}

/// For each token, the index of the mention that covers it.
fn mention_index(kept: &[Cand], owner: &[usize], n: usize) -> Vec<Option<usize>> {
    let mut at = vec![None; n];
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX {
            continue;
        }
        for slot in at.iter_mut().take(c.end).skip(c.first) {
            *slot = Some(m);
        }
    }
    at
}

/// Title phrases split into words, indexed by their last and first words, built once.
struct TitleIndex {
    by_last: HashMap<&'static str, Vec<Vec<&'static str>>>,
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>>,
}

fn title_index(list: &'static [&'static str]) -> TitleIndex {
    let mut by_last: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    let mut by_first: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    for t in list {
        let words: Vec<&str> = t.split_whitespace().collect();
        by_last
            .entry(words[words.len() - 1])
            .or_default()
            .push(words.clone());
        by_first.entry(words[0]).or_default().push(words);
    }
    TitleIndex { by_last, by_first }
}

fn titles(unique: bool) -> &'static TitleIndex {
    static ALL: std::sync::OnceLock<TitleIndex> = std::sync::OnceLock::new();
    static UNIQUE: std::sync::OnceLock<TitleIndex> = std::sync::OnceLock::new();
    if unique {
        UNIQUE.get_or_init(|| title_index(UNIQUE_TITLES))
    } else {
        ALL.get_or_init(|| title_index(TITLES))
    }
}

/// The longest title ending just before token `end` (exclusive), as
/// `(start, lowercase title)`.
fn title_before(toks: &[Tok], end: usize, need_caps: bool) -> Option<(usize, String)> {
    let last = toks.get(end.checked_sub(1)?)?;
    let mut best: Option<(usize, &Vec<&str>)> = None;
    for words in titles(false).by_last.get(last.lower.as_str())? {
        let n = words.len();
        if n > end {
            continue;
        }
        let start = end - n;
        let matches = toks[start..end]
            .iter()
            .zip(words)
            .all(|(t, w)| t.lower == *w && t.sentence == last.sentence);
        if matches && (!need_caps || toks[start].cap()) && best.is_none_or(|b| b.0 > start) {
            best = Some((start, words));
        }
    }
    best.map(|(s, w)| (s, w.join(" ")))
}

/// The longest title from [`TITLES`] (or [`UNIQUE_TITLES`]) starting at token
/// `start`, as `(end, lowercase title)`.
fn title_at(toks: &[Tok], start: usize, unique: bool) -> Option<(usize, String)> {
    let first = toks.get(start)?;
    let mut best: Option<&Vec<&str>> = None;
    for words in titles(unique).by_first.get(first.lower.as_str())? {
        let n = words.len();
        if start + n > toks.len() {
            continue;
        }
        let matches = toks[start..start + n]
            .iter()
            .zip(words)
            .all(|(t, w)| t.lower == *w && t.sentence == first.sentence);
        if matches && best.is_none_or(|b| b.len() < n) {
            best = Some(words);
        }
    }
    best.map(|w| (start + w.len(), w.join(" ")))
}

fn text_of(toks: &[Tok], a: usize, b: usize) -> String {
    let mut s = String::new();
    for (i, t) in toks[a..b].iter().enumerate() {
        if i > 0 && toks[a + i - 1].end < t.start {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}

/// The entity an organisation/place/group qualifier mention ending at `end` refers to.
fn qualifier_before(
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    end: usize,
) -> Option<usize> {
    let m = at.get(end.checked_sub(1)?)?.as_ref()?;
    if kept[*m].end != end {
        return None;
    }
    let e = owner[*m];
    matches!(
        ents[e].ty,
        EntityType::Org | EntityType::Gpe | EntityType::Norp | EntityType::Loc
    )
    .then_some(e)
}

/// "Nato Secretary General Mark Rutte", "President Volodymyr Zelensky".
fn premodifier_roles(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
) {
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX || ents[owner[m]].ty != EntityType::Person || c.first == 0 {
            continue;
        }
        // Lowercase titles count too ("Middlesbrough mayor Ray Mallon"): right before a
        // name they are titles, not common nouns.
        let Some((mut start, _)) = title_before(toks, c.first, false) else {
            continue;
        };
        let of = qualifier_before(kept, owner, at, ents, start);
        // "former chief executive Bernie Ebbers": the modifier belongs to the role.
        if of.is_none()
            && start > 0
            && is_in(TITLE_MODIFIERS, &toks[start - 1].text)
            && toks[start - 1].sentence == toks[start].sentence
        {
            start -= 1;
        }
        let role = RoleDraft {
            title: text_of(toks, start, c.first),
            of,
            start,
            end: c.first,
        };
        ents[owner[m]].roles.push(role);
    }
}

/// "Keith Kellogg, Mr Trump's envoy to Ukraine," and "X, the Y of Z,".
fn appositive_roles(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
) {
    for (m, c) in kept.iter().enumerate() {
        if owner[m] == usize::MAX || ents[owner[m]].ty != EntityType::Person {
            continue;
        }
        if let Some(role) = preposed_role(toks, kept, owner, at, ents, c) {
            ents[owner[m]].roles.push(role);
            continue;
        }
        if toks.get(c.end).is_none_or(|t| t.text != ",") {
            continue;
        }
        let sent = toks[c.end].sentence;
        let mut i = c.end + 1;
        // Determiner, possessor ("Mr Trump's") or qualifier ("the US").
        if toks.get(i).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            )
        }) {
            i += 1;
        }
        let mut of = None;
        if let Some(Some(q)) = at.get(i) {
            let qc = &kept[*q];
            if qc.first == i {
                i = qc.end;
                if toks.get(i).is_some_and(|t| t.is_possessive()) {
                    i += 1;
                }
                let e = owner[*q];
                if ents[e].ty != EntityType::Person {
                    of = Some(e);
                }
            }
        }
        let title_start = i;
        let mut head_at = None;
        while i < toks.len() && toks[i].sentence == sent && i - title_start < 10 {
            let t = &toks[i];
            if matches!(
                t.text.as_str(),
                "," | "." | ";" | ":" | "(" | ")" | "–" | "—" | "-" | "\"" | "“" | "”"
            ) || t.upos.as_deref() == Some("VERB")
            {
                break;
            }
            if is_in(ROLE_HEADS, &t.text) {
                head_at = Some(i);
            }
            i += 1;
        }
        let Some(head) = head_at else { continue };
        let closed = toks
            .get(i)
            .is_none_or(|t| matches!(t.text.as_str(), "," | "." | ";" | ")" | "–" | "—"));
        if !closed || head < title_start {
            continue;
        }
        // "the Y of Z": Z becomes `of` when it is a named organisation or place.
        let mut end = i;
        if let Some(ofpos) = (head + 1..i).find(|&k| toks[k].lower == "of") {
            if let Some(Some(q)) = at.get(ofpos + 1) {
                let e = owner[*q];
                if kept[*q].end == i && ents[e].ty != EntityType::Person {
                    of = Some(e);
                    end = ofpos;
                }
            }
        }
        let role = RoleDraft {
            title: text_of(toks, title_start, end),
            of,
            start: title_start,
            end,
        };
        ents[owner[m]].roles.push(role);
    }
}

/// A role that opens the sentence and is set off before the name: "Qatar's emir, Sheikh
/// Hamad", "A member of the Syrian parliament, Mohammed Mamoun, …". The organisation or
/// place it is of is the first non-person name in it.
fn preposed_role(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    c: &Cand,
) -> Option<RoleDraft> {
    // Honorifics and titles before the name ("Sheikh Hamad", "Dr Smith") belong to
    // neither.
    let mut first = c.first;
    while first > 0 && c.first - first < 3 && toks[first - 1].cap() && toks[first - 1].alpha() {
        first -= 1;
    }
    let comma = first.checked_sub(1)?;
    if toks[comma].text != "," {
        return None;
    }
    let sent = toks[c.first].sentence;
    let mut start = comma;
    while start > 0
        && toks[start - 1].sentence == sent
        && comma - start < 10
        && toks[start - 1].alpha()
        && toks[start - 1].upos.as_deref() != Some("VERB")
    {
        start -= 1;
    }
    let opens_sentence = start == 0 || toks[start - 1].sentence != sent;
    // The name (with any particles the tagger left out, "al-Thani") closes the apposition:
    // a comma or the verb comes next.
    let closed = (c.end..toks.len().min(c.end + 5))
        .find(|&k| {
            let w = toks[k].lower.as_str();
            !(toks[k].cap()
                || matches!(w, "-" | "al" | "bin" | "ibn" | "de" | "van" | "von")
                || w.starts_with("al-")
                || w.starts_with("el-"))
        })
        .is_some_and(|k| toks[k].text == "," || toks[k].upos.as_deref() == Some("VERB"));
    if !opens_sentence || !closed || start == comma {
        return None;
    }
    let title_start = if matches!(toks[start].lower.as_str(), "the" | "a" | "an") {
        start + 1
    } else {
        start
    };
    let head = (title_start..comma)
        .rev()
        .find(|&k| is_in(ROLE_HEADS, &toks[k].text))?;
    // Everything after the role head is "of …" or a name; nothing else may follow it.
    if head + 1 < comma && toks[head + 1].lower != "of" {
        return None;
    }
    let of = (title_start..comma)
        .filter_map(|k| at[k])
        .map(|q| owner[q])
        .find(|&e| e != usize::MAX && ents[e].ty != EntityType::Person);
    // A possessor's "'s" stays out of the title: "Qatar's emir" is the emir of Qatar.
    let mut title_from = title_start;
    if let Some(q) = at[title_start] {
        let qc = &kept[q];
        if qc.first == title_start && toks.get(qc.end).is_some_and(|t| t.is_possessive()) {
            title_from = qc.end + 1;
        }
    }
    (title_from < comma).then(|| RoleDraft {
        title: text_of(toks, title_from, comma),
        of,
        start: title_from,
        end: comma,
    })
}

fn last_mention_before(kept: &[Cand], ent: &Ent, pos: usize) -> Option<usize> {
    ent.mentions
        .iter()
        .map(|&m| kept[m].first)
        .filter(|&f| f < pos)
        .max()
}

/// "the Prime Minister", "the US President", "the President of France": linked to the
/// person the article establishes as holding the title.
#[allow(clippy::too_many_arguments)]
fn titles_as_names(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &mut [Ent],
    extra: &mut Vec<(usize, Cand)>,
    _in_quote: &[bool],
) {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].lower != "the" {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut of = None;
        if let Some(Some(q)) = at.get(j) {
            let qc = &kept[*q];
            let e = owner[*q];
            if qc.first == j
                && matches!(
                    ents[e].ty,
                    EntityType::Gpe | EntityType::Org | EntityType::Norp
                )
            {
                of = Some(e);
                j = qc.end;
            }
        }
        let Some((end, title)) = title_at(toks, j, true) else {
            i += 1;
            continue;
        };
        // "the President Volodymyr Zelensky" is a premodifier, not a title used as a name.
        if at
            .get(end)
            .is_some_and(|x| x.is_some_and(|m| ents[owner[m]].ty == EntityType::Person))
            || at[j].is_some()
        {
            i = end;
            continue;
        }
        let mut mention_end = end;
        if toks.get(end).is_some_and(|t| t.lower == "of") {
            if let Some(Some(q)) = at.get(end + 1) {
                let e = owner[*q];
                if matches!(ents[e].ty, EntityType::Gpe | EntityType::Org) {
                    of = Some(e);
                    mention_end = kept[*q].end;
                }
            }
        }
        let sentence = toks[i].sentence;
        let holds = |ent: &Ent| {
            ent.roles
                .iter()
                .any(|r| key(&r.title) == title && (of.is_none() || r.of.is_none() || r.of == of))
        };
        let persons = (0..ents.len())
            .filter(|&e| ents[e].ty == EntityType::Person && !ents[e].mentions.is_empty());
        // Who holds the title: someone the text already gave it to; else someone it
        // gives it to later ("the home secretary" ... "Home Secretary Charles Clarke");
        // else, for a capitalised title, the most recently mentioned person with no
        // role yet who is not already named in this sentence.
        let holds_exactly = |ent: &Ent| {
            ent.roles
                .iter()
                .any(|r| key(&r.title) == title && r.of == of)
        };
        let holder = persons
            .clone()
            .filter(|&e| holds(&ents[e]) && last_mention_before(kept, &ents[e], i).is_some())
            .max_by_key(|&e| last_mention_before(kept, &ents[e], i).map_or(0, |p| p + 1))
            .or_else(|| {
                persons
                    .clone()
                    .filter(|&e| holds_exactly(&ents[e]))
                    .min_by_key(|&e| kept[ents[e].mentions[0]].first)
            });
        let capitalised = toks[j].cap();
        let chosen = holder.or_else(|| {
            if !capitalised {
                return None;
            }
            persons
                .filter(|&e| ents[e].roles.is_empty())
                .filter(|&e| {
                    !ents[e]
                        .mentions
                        .iter()
                        .any(|&m| toks[kept[m].first].sentence == sentence)
                })
                .filter_map(|e| last_mention_before(kept, &ents[e], i).map(|p| (p, e)))
                .max()
                .map(|(_, e)| e)
        });
        if let Some(e) = chosen {
            let mention = Cand {
                first: i,
                name_first: j,
                end: mention_end,
                ty: EntityType::Person,
                kind: MentionKind::Nominal,
                ident: None,
                exact: false,
            };
            let title_text = text_of(toks, j, end);
            if !holds(&ents[e]) || of.is_some() && !ents[e].roles.iter().any(|r| r.of == of) {
                ents[e].roles.push(RoleDraft {
                    title: title_text,
                    of,
                    start: j,
                    end,
                });
            }
            extra.push((e, mention));
        }
        i = mention_end;
    }
}

/// Subject pronouns outside quotes, and pronouns before a bracketed name ("his [Mr
/// Starmer's]"), linked to the person they refer to.
fn pronouns(
    toks: &[Tok],
    kept: &[Cand],
    owner: &[usize],
    at: &[Option<usize>],
    ents: &[Ent],
    in_quote: &[bool],
    extra: &mut Vec<(usize, Cand)>,
) {
    let person_mentions: Vec<(usize, usize)> = {
        let mut v: Vec<(usize, usize)> = kept
            .iter()
            .enumerate()
            .filter(|(m, _)| owner[*m] != usize::MAX && ents[owner[*m]].ty == EntityType::Person)
            .map(|(m, c)| (c.first, m))
            .collect();
        v.sort();
        v
    };
    for (i, t) in toks.iter().enumerate() {
        let feminine = match t.lower.as_str() {
            "he" | "his" | "him" => false,
            "she" | "her" => true,
            _ => continue,
        };
        // "his [Mr Starmer's]": the bracketed name says who.
        if toks.get(i + 1).is_some_and(|n| n.text == "[") {
            if let Some(Some(m)) = at.get(i + 2) {
                let e = owner[*m];
                if ents[e].ty == EntityType::Person {
                    extra.push((e, pronoun_cand(i)));
                }
            }
            continue;
        }
        if in_quote[i] || !matches!(t.lower.as_str(), "he" | "she") {
            continue;
        }
        let subject = match t.deprel.as_deref() {
            Some(d) => d.starts_with("nsubj"),
            None => toks.get(i + 1).is_some_and(|n| n.alpha() && !n.cap()),
        };
        if !subject {
            continue;
        }
        // The nearest earlier sentence with a person; in it, the first mention that is
        // not a possessor (a proxy for the subject).
        let before = &person_mentions[..person_mentions.partition_point(|(f, _)| *f < i)];
        let Some(&(last_first, _)) = before.last() else {
            continue;
        };
        let sentence = toks[last_first].sentence;
        let compatible = |m: usize| {
            let c = &kept[m];
            let hon = toks[c.first].lower.as_str();
            let is_mr = matches!(hon, "mr" | "mr." | "sir" | "lord");
            let is_ms = matches!(
                hon,
                "mrs" | "mrs." | "ms" | "ms." | "miss" | "dame" | "lady"
            );
            let ent = &ents[owner[m]];
            let ent_mr = ent.mentions.iter().any(|&x| {
                matches!(
                    toks[kept[x].first].lower.as_str(),
                    "mr" | "mr." | "sir" | "lord"
                )
            });
            let ent_ms = ent.mentions.iter().any(|&x| {
                matches!(
                    toks[kept[x].first].lower.as_str(),
                    "mrs" | "mrs." | "ms" | "ms." | "miss" | "dame" | "lady"
                )
            });
            if feminine {
                !(is_mr || ent_mr)
            } else {
                !(is_ms || ent_ms)
            }
        };
        let in_sentence: Vec<usize> = before
            .iter()
            .filter(|(f, _)| toks[*f].sentence == sentence)
            .map(|(_, m)| *m)
            .collect();
        let pick = in_sentence
            .iter()
            .copied()
            .filter(|&m| compatible(m))
            .find(|&m| {
                !toks.get(kept[m].end).is_some_and(|n| n.is_possessive())
                    && !in_quote[kept[m].first]
            })
            .or_else(|| in_sentence.iter().copied().rev().find(|&m| compatible(m)));
        if let Some(m) = pick {
            extra.push((owner[m], pronoun_cand(i)));
        }
    }
}

fn pronoun_cand(i: usize) -> Cand {
    Cand {
        first: i,
        name_first: i,
        end: i + 1,
        ty: EntityType::Person,
        kind: MentionKind::Pronoun,
        ident: None,
        exact: false,
    }
}

/// The fullest proper name the text uses: gazetteer-exact names before fuzzy ones
/// (so a typo never becomes the name), then the most words, then the earliest.
fn canonical_name(
    toks: &[Tok],
    text: &str,
    index: &dateline_core::CharIndex,
    kept: &[Cand],
    ent: &Ent,
    gaz: &Gazetteer,
) -> String {
    let best = ent
        .mentions
        .iter()
        .filter(|&&m| kept[m].kind == MentionKind::Name)
        .max_by_key(|&&m| {
            let c = &kept[m];
            let words = toks[c.name_first..c.end]
                .iter()
                .filter(|t| t.alpha())
                .count();
            let name = span_text(toks, text, c.name_first, c.end, index);
            let known = (gaz.place(&name).is_some() || gaz.org(&name).is_some())
                && !gaz.is_misspelt_country(&name);
            // Between equally full names, the organisation's own spelling ("NATO" over "Nato").
            let official = gaz.org(&name).is_some_and(|o| o.canonical == name);
            (
                (c.exact && !gaz.is_misspelt_country(&name)) || known,
                words,
                name.chars().count(),
                official,
                std::cmp::Reverse(c.first),
            )
        });
    match best {
        Some(&m) => span_text(toks, text, kept[m].name_first, kept[m].end, index),
        None => ent
            .mentions
            .first()
            .map(|&m| span_text(toks, text, kept[m].first, kept[m].end, index))
            .unwrap_or_default(),
    }
}

/// ISO 3166 / CAMEO codes for countries, organisations and groups; a country code for
/// persons when a role ties them to one, or a dated office in the leaders dictionary
/// covers the publication date.
fn codes_for(
    gaz: &Gazetteer,
    ent: &Ent,
    ents: &[Ent],
    name: &str,
    published: Option<&str>,
) -> BTreeMap<String, String> {
    let mut codes = BTreeMap::new();
    match ent.ident.as_deref() {
        Some(id) if id.starts_with("gpe:") => {
            let iso = &id[4..];
            codes.insert("iso3".to_string(), iso.to_string());
            codes.insert("cameo".to_string(), iso.to_string());
        }
        Some(id) if id.starts_with("org:") => {
            if let Some(o) = gaz.org(&id[4..]).or_else(|| gaz.org(name)) {
                codes.insert("cameo".to_string(), o.cameo.clone());
            }
        }
        _ => {}
    }
    if matches!(ent.ty, EntityType::Gpe | EntityType::Norp | EntityType::Loc)
        && !codes.contains_key("iso3")
    {
        if let Some(p) = gaz.place(name).and_then(|p| p.first()) {
            if let Some(iso) = &p.iso3 {
                codes.insert("country".to_string(), iso.clone());
            }
        }
    }
    if ent.ty == EntityType::Person {
        for r in &ent.roles {
            let Some(of) = r.of.and_then(|o| ents.get(o)) else {
                continue;
            };
            if let Some(iso) = of.ident.as_deref().and_then(|id| id.strip_prefix("gpe:")) {
                codes.insert("country".to_string(), iso.to_string());
            } else if of.ty == EntityType::Norp {
                // "Syrian MP Mohammed Mamoun": the nationality's country.
                let iso = of
                    .ident
                    .as_deref()
                    .and_then(|id| id.strip_prefix("norp:"))
                    .and_then(|n| gaz.place(n))
                    .and_then(|p| p.first())
                    .and_then(|p| p.iso3.clone());
                if let Some(iso) = iso {
                    codes.insert("country".to_string(), iso);
                }
            }
        }
        if let (Some(date), None) = (published, codes.get("country")) {
            // The dictionary was last revised in 2014: an office still open then says
            // nothing about later dates.
            let open_until = LEADERS_REVISED;
            if let Some(office) = gaz.offices(name).and_then(|offices| {
                offices.iter().find(|o| {
                    o.from.as_deref().is_none_or(|f| f <= date)
                        && o.to.as_deref().unwrap_or(open_until) >= date
                })
            }) {
                codes.insert("cameo".to_string(), office.code.clone());
                if office.code.len() >= 3 && !office.code.starts_with("IGO") {
                    codes.insert("country".to_string(), office.code[..3].to_string());
                }
            }
        }
    }
    codes
}

//! Trigger finding, argument attachment and event assembly for one document.

use crate::domain::{self, Domain};
use crate::lexicon::{Entry, Lexicon};
use crate::view::View;
use crate::words::*;
use dateline_core::{
    ActorRole, Document, Entity, EntityType, EventStatus, Mention, MentionKind, PloverType,
    TimeType,
};
use std::collections::HashMap;

/// A trigger found in the text.
#[derive(Debug, Clone)]
pub struct Cand {
    /// Token carrying the trigger's head word.
    pub tok: usize,
    /// Last token of a multiword trigger.
    pub last: usize,
    pub entry: Entry,
    /// Index of the candidate this one was folded into (same event or framed by it).
    pub parent: Option<usize>,
    /// True when a framing trigger absorbed this one ("threatened to cut off").
    pub framed: bool,
}

/// One event before ids are assigned and mentions across the article are merged.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: PloverType,
    pub mode: Option<String>,
    pub status: EventStatus,
    pub noun: bool,
    pub strong: bool,
    /// Trigger token ranges, the first being the main trigger.
    pub triggers: Vec<(usize, usize)>,
    pub lemma: String,
    /// (entity id, role) in order of attachment.
    pub actors: Vec<(String, ActorRole)>,
    pub time: Option<usize>,
    pub place: Option<String>,
    pub sentence: usize,
    /// The trigger has no actor of its own and only says "the meeting" again.
    pub anaphoric: bool,
    /// Negated with a modal of will ("will not accept", "would not meet").
    pub refusal: bool,
    /// Its clause carries an "if"/"unless" condition.
    pub conditional: bool,
}

#[derive(Default, Debug)]
struct Args {
    sources: Vec<String>,
    targets: Vec<String>,
    participants: Vec<String>,
    hosts: Vec<String>,
    places: Vec<String>,
}

impl Args {
    fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.targets.is_empty()
            && self.participants.is_empty()
            && self.hosts.is_empty()
    }
    fn absorb(&mut self, other: Args) {
        for (mine, theirs) in [
            (&mut self.sources, other.sources),
            (&mut self.targets, other.targets),
            (&mut self.participants, other.participants),
            (&mut self.hosts, other.hosts),
            (&mut self.places, other.places),
        ] {
            for x in theirs {
                if !mine.contains(&x) {
                    mine.push(x);
                }
            }
        }
    }
}

/// How clearly an actor is political.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Political {
    No,
    Weak,
    Strong,
}

pub struct Extractor<'a> {
    pub view: View<'a>,
    lex: &'a Lexicon,
    pub domain: Domain,
    /// Collective actors created here because the entities layer had none.
    pub groups: Vec<Entity>,
    /// Head token of each group mention → index into `groups`.
    group_at: HashMap<usize, usize>,
    next_entity: usize,
    id_prefix: char,
    /// Spans of every GPE/NORP mention, sorted by start, so "is this group national?" is a
    /// binary search rather than a scan of every entity (long documents made that quadratic).
    national_spans: Vec<(usize, usize)>,
    /// `political()` per actor id; for groups keyed also by their mention count, since
    /// groups grow while drafting.
    political_cache: std::cell::RefCell<HashMap<(String, usize), Political>>,
}

const STOP_SUBTREE: &[&str] = &["acl:relcl", "parataxis", "ccomp", "advcl", "punct"];

impl<'a> Extractor<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon) -> Extractor<'a> {
        // New ids follow the entities layer's style ("E12" or "e12") and never collide.
        let prefix = doc
            .entities
            .first()
            .and_then(|e| e.id.chars().next())
            .filter(|c| c.is_alphabetic())
            .unwrap_or('E');
        let next_entity = doc
            .entities
            .iter()
            .filter_map(|e| e.id.get(1..).and_then(|n| n.parse::<usize>().ok()))
            .max()
            .unwrap_or(0)
            + 1;
        Extractor {
            view: View::new(doc, lex),
            lex,
            domain: domain::classify(doc),
            groups: Vec::new(),
            group_at: HashMap::new(),
            next_entity,
            id_prefix: prefix,
            national_spans: {
                let mut spans: Vec<(usize, usize)> = doc
                    .entities
                    .iter()
                    .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Norp))
                    .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
                    .collect();
                spans.sort_unstable();
                spans
            },
            political_cache: Default::default(),
        }
    }

    /// True when a GPE/NORP mention lies inside `start..end`.
    fn contains_national_mention(&self, start: usize, end: usize) -> bool {
        let first = self.national_spans.partition_point(|&(s, _)| s < start);
        self.national_spans[first..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .any(|&(_, e)| e <= end)
    }

    fn doc(&self) -> &'a Document {
        self.view.doc
    }

    // ---------------------------------------------------------------- triggers

    /// Every trigger in the document, most specific entry per token.
    pub fn find_triggers(&self) -> Vec<Cand> {
        let v = &self.view;
        let doc = self.doc();
        let mut out: Vec<Cand> = Vec::new();
        for s in 0..doc.sentences.len() {
            let range = v.sentence_range(s);
            let mut covered_until = range.start;
            for i in range.clone() {
                if i < covered_until {
                    continue;
                }
                if let Some((e, kind)) = v.entity_at[i] {
                    // Names do not trigger ("Aid Agency"), but event names and nominal
                    // mentions ("the talks") may.
                    let et = v.entity_type(e);
                    if kind == MentionKind::Name && et != EntityType::Event {
                        continue;
                    }
                }
                // Borrowed while comparing: only the winner is cloned into its candidate.
                let mut best: Option<(usize, std::borrow::Cow<Entry>, usize)> = None;
                // A common verb has hundreds of entries with patterns: its clause is
                // walked once, not once per entry.
                let clause = std::cell::OnceCell::new();
                for lemma in &v.lemmas[i] {
                    for entry in self.lex.starting_with(lemma) {
                        if let Some(last) = self.match_entry(i, range.end, entry, &clause) {
                            let better = match &best {
                                None => true,
                                Some((_, b, _)) => entry.specificity() > b.specificity(),
                            };
                            if better {
                                best = Some((last, std::borrow::Cow::Borrowed(entry), i));
                            }
                        }
                    }
                }
                if best.is_none() && v.is_parsed(i) && self.is_modal_demand(i) {
                    best = Some((
                        i,
                        std::borrow::Cow::Owned(Entry {
                            noun: false,
                            words: vec![v.lemma(i).to_string()],
                            pattern: Vec::new(),
                            kind: PloverType::Request,
                            mode: None,
                            cameo: "100".into(),
                            strong: false,
                            curated: true,
                        }),
                        i,
                    ));
                }
                if let Some((last, entry, tok)) = best {
                    let entry = entry.into_owned();
                    if !entry.pattern.is_empty() || entry.words.len() > 1 {
                        covered_until = last + 1;
                    }
                    let last = if entry.pattern.is_empty() { last } else { tok };
                    out.push(Cand {
                        tok,
                        last: last.max(tok),
                        entry,
                        parent: None,
                        framed: false,
                    });
                }
            }
        }
        out
    }

    /// "X said (that) Y must …": a statement of what another actor must do is a demand
    /// (CAMEO codes it so; PLOVER REQUEST).
    fn is_modal_demand(&self, i: usize) -> bool {
        let v = &self.view;
        if !contains(SAY_VERBS, v.lemma(i)) {
            return false;
        }
        v.kids(i, "ccomp").any(|c| {
            v.kids(c, "aux")
                .any(|a| matches!(v.lower[a].as_str(), "must"))
                && v.kids(c, "nsubj").next().is_some()
        })
    }

    /// Does `entry` match at token `i`? Returns the last token of the trigger words.
    /// `clause`: token `i`'s subtree (as `View::subtree` gives it), computed on first use.
    fn match_entry(
        &self,
        i: usize,
        sent_end: usize,
        entry: &Entry,
        clause: &std::cell::OnceCell<Vec<usize>>,
    ) -> Option<usize> {
        let v = &self.view;
        if !self.pos_ok(i, entry.noun) {
            return None;
        }
        // Remaining trigger words: contiguous, or (verbs) a particle child anywhere.
        let mut last = i;
        for w in entry.words.iter().skip(1) {
            let next = last + 1;
            if next < sent_end && v.has_lemma(next, w) {
                last = next;
                continue;
            }
            if !entry.noun
                && v.children[i]
                    .iter()
                    .any(|&c| v.has_lemma(c, w) && matches!(v.rel(c), "compound" | "advmod"))
            {
                continue;
            }
            return None;
        }
        if entry.pattern.is_empty() {
            return Some(last);
        }
        // Pattern words must follow in order within the trigger's clause.
        let window: Vec<usize> = if v.is_parsed(i) {
            clause
                .get_or_init(|| v.subtree(i, STOP_SUBTREE))
                .iter()
                .copied()
                .filter(|&t| t > last)
                .collect()
        } else {
            (last + 1..sent_end.min(last + 9))
                .take_while(|&t| !matches!(v.lower[t].as_str(), "." | ";" | ":" | "!" | "?"))
                .collect()
        };
        let mut k = 0;
        let mut end = last;
        for &t in &window {
            if k < entry.pattern.len() && v.has_lemma(t, &entry.pattern[k]) {
                k += 1;
                end = t;
            }
        }
        (k == entry.pattern.len()).then_some(end)
    }

    fn pos_ok(&self, i: usize, noun: bool) -> bool {
        let v = &self.view;
        // A participle used as an adjective ("the most visited museum") reports no act.
        if !noun
            && v.deprel(i) == "amod"
            && (v.kids(i, "advmod").next().is_some()
                || (i > 0
                    && matches!(
                        v.lower[i - 1].as_str(),
                        "the" | "a" | "an" | "'s" | "’s" | "most" | "much" | "widely" | "well"
                    )))
        {
            return false;
        }
        match v.upos(i) {
            Some(u) => {
                if noun {
                    matches!(u, "NOUN" | "PROPN")
                } else {
                    u == "VERB"
                }
            }
            None => {
                // No tagger: a determiner, possessive or adjective-like word before the
                // token makes it a noun; "to", a modal or a pronoun makes it a verb.
                let prev = if i > 0
                    && self.doc().tokens[i - 1].sentence == self.doc().tokens[i].sentence
                {
                    v.lower[i - 1].as_str()
                } else {
                    ""
                };
                let nounish_prev = matches!(
                    prev,
                    "a" | "an"
                        | "the"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                        | "'s"
                        | "’s"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "new"
                        | "further"
                        | "informal"
                        | "formal"
                        | "forthcoming"
                        | "expected"
                        | "of"
                        | "for"
                        | "peace"
                );
                if noun {
                    nounish_prev || !v.lower[i].ends_with("ed")
                } else {
                    !nounish_prev
                }
            }
        }
    }

    /// Folds candidates that belong to another one: the same event said twice in a clause
    /// ("travel to Washington to meet"), or an action framed by a speech act ("threatened to
    /// cut off").
    pub fn relate(&self, cands: &mut [Cand]) {
        let v = &self.view;
        let at: HashMap<usize, usize> = cands.iter().enumerate().map(|(k, c)| (c.tok, k)).collect();
        for b in 0..cands.len() {
            let bt = cands[b].tok;
            let mut found: Option<(usize, Vec<String>)> = None;
            if v.is_parsed(bt) {
                let mut cur = bt;
                let mut path: Vec<String> = Vec::new();
                for _ in 0..4 {
                    let rel = v.deprel(cur).to_string();
                    let base = rel.split(':').next().unwrap_or("").to_string();
                    if !matches!(
                        base.as_str(),
                        "xcomp"
                            | "obj"
                            | "obl"
                            | "nmod"
                            | "advcl"
                            | "ccomp"
                            | "acl"
                            | "conj"
                            | "compound"
                            | "nsubj"
                    ) || rel == "acl:relcl"
                    {
                        break;
                    }
                    // Past the first step only control chains lead on: "agreed to continue
                    // pursuing …", not "meet …, following a meeting … to discuss".
                    if path.last().is_some_and(|p| p != "xcomp") {
                        break;
                    }
                    path.push(rel);
                    let Some(h) = v.head(cur) else { break };
                    if let Some(&a) = at.get(&h) {
                        if a != b {
                            found = Some((a, path.clone()));
                        }
                        break;
                    }
                    cur = h;
                }
            } else {
                // No parse: a trigger shortly before, linked by "to" ("agreed to provide").
                for back in 1..=3 {
                    let Some(p) = bt.checked_sub(back) else { break };
                    if self.doc().tokens[p].sentence != self.doc().tokens[bt].sentence {
                        break;
                    }
                    if let Some(&a) = at.get(&p) {
                        if v.lower[bt - 1] == "to" || back == 1 {
                            found = Some((a, vec!["xcomp".into()]));
                        }
                        break;
                    }
                }
            }
            let Some((a, path)) = found else { continue };
            // A noun under a verb is the same event only as its object ("host a meeting")
            // or purpose ("travel for talks"); "travel … following a meeting" is another.
            if cands[b].entry.noun && v.is_parsed(bt) {
                let rel = v.deprel(bt);
                let case = v.case_of(bt).unwrap_or("");
                let direct = v.head(bt) == Some(cands[a].tok);
                let ok = direct
                    && (matches!(rel, "obj" | "nsubj:pass" | "compound")
                        || (v.rel(bt) == "obl" && matches!(case, "for" | "to" | "into")));
                if !ok {
                    continue;
                }
            }
            let same = cands[a].entry.kind == cands[b].entry.kind;
            let through_nsubj = path.iter().any(|r| r.starts_with("nsubj"));
            let through_conj = path.iter().any(|r| r == "conj");
            if same && !through_nsubj {
                cands[b].parent = Some(a);
            } else if FRAMERS.contains(&cands[a].entry.kind)
                && !through_conj
                && !through_nsubj
                && cands[a].entry.kind != PloverType::Concede
                && path
                    .iter()
                    .all(|r| matches!(r.as_str(), "xcomp" | "ccomp" | "obj"))
            {
                cands[b].parent = Some(a);
                cands[b].framed = true;
            }
        }
        // Resolve chains so every parent is a root.
        for b in 0..cands.len() {
            let mut p = cands[b].parent;
            let mut hops = 0;
            while let Some(x) = p {
                hops += 1;
                if cands[x].parent.is_none() || hops > 8 {
                    break;
                }
                p = cands[x].parent;
            }
            if p == Some(b) {
                p = None;
            }
            cands[b].parent = p;
        }
    }

    // ---------------------------------------------------------------- arguments

    fn args_of(&mut self, c: &Cand) -> Args {
        if self.view.is_parsed(c.tok) {
            if c.entry.noun {
                self.noun_args(c)
            } else {
                let mut a = self.verb_args(c);
                // A parse that found no subject (or attached the verb oddly) is backed up by
                // word order: the nearest actor before the verb, the first after it.
                let passive = self.view.kids(c.tok, "nsubj:pass").next().is_some();
                if a.targets.is_empty() && !passive && c.entry.kind != PloverType::Consult {
                    let lin = self.linear_args(c);
                    a.targets = lin.targets;
                }
                let has_subject = self.view.kids(c.tok, "nsubj").next().is_some();
                if a.sources.is_empty() && a.hosts.is_empty() && !passive && !has_subject {
                    let lin = self.linear_args(c);
                    a.sources = lin.sources;
                    if a.targets.is_empty() {
                        a.targets = lin.targets;
                    }
                    for p in lin.places {
                        if !a.places.contains(&p) {
                            a.places.push(p);
                        }
                    }
                }
                a
            }
        } else {
            self.linear_args(c)
        }
    }

    fn verb_args(&mut self, c: &Cand) -> Args {
        let t = c.tok;
        let kind = c.entry.kind;
        let mut a = Args::default();
        let subjects: Vec<usize> = self.view.kids(t, "nsubj").collect();
        let passive_subjects: Vec<usize> = self.view.kids(t, "nsubj:pass").collect();
        let has_own_subject = !subjects.is_empty() || !passive_subjects.is_empty();
        for s in subjects {
            let ids = self.actor_of(s, 0);
            a.sources.extend(ids);
        }
        for s in &passive_subjects {
            let ids = self.actor_of(*s, 0);
            a.targets.extend(ids);
        }
        if a.sources.is_empty() && !has_own_subject {
            for s in self.controller_subjects(t) {
                let ids = self.actor_of(s, 0);
                a.sources.extend(ids);
            }
        }
        let objs: Vec<usize> = self.view.children[t]
            .iter()
            .copied()
            .filter(|&k| matches!(self.view.rel(k), "obj" | "iobj"))
            .collect();
        for o in objs {
            self.attach_object(c, o, &mut a);
        }
        let obls: Vec<usize> = self.view.children[t]
            .iter()
            .copied()
            .filter(|&k| matches!(self.view.rel(k), "obl" | "nmod"))
            .collect();
        for o in obls {
            let case = self.view.case_of(o).unwrap_or("").to_string();
            if case == "by" && !passive_subjects.is_empty() || self.view.deprel(o) == "obl:agent" {
                let ids = self.actor_of(o, 0);
                a.sources.extend(ids);
                continue;
            }
            self.attach_oblique(kind, c.entry.mode.as_deref(), o, &case, &mut a);
        }
        // Purpose clauses carry the target of a trip: "head to the White House … to take
        // messages … to the US President".
        let only_places = a.targets.iter().all(|t| a.places.contains(t));
        if kind == PloverType::Consult && only_places {
            let purposes: Vec<usize> = self.view.children[t]
                .iter()
                .copied()
                .filter(|&k| matches!(self.view.rel(k), "advcl" | "xcomp"))
                .collect();
            for p in purposes {
                let inner: Vec<usize> = self
                    .view
                    .subtree(p, STOP_SUBTREE)
                    .into_iter()
                    .filter(|&k| {
                        matches!(self.view.rel(k), "obl" | "nmod")
                            && self.view.case_of(k) == Some("to")
                            && self.view.entity_at[k].is_some_and(|(e, _)| {
                                matches!(
                                    self.view.entity_type(e),
                                    EntityType::Person | EntityType::Org
                                )
                            })
                    })
                    .collect();
                for o in inner {
                    if self.is_actor_token(o) {
                        let ids = self.actor_of(o, 0);
                        a.targets.extend(ids);
                    }
                }
            }
        }
        // An event noun the pattern consumed ("host an informal meeting of leaders …, which
        // Mr Starmer will attend") brings its own participants.
        if !c.entry.pattern.is_empty() {
            let objs: Vec<usize> = self.view.kids(t, "obj").collect();
            for o in objs {
                let noun_entry = self.view.lemmas[o]
                    .iter()
                    .flat_map(|l| self.lex.starting_with(l))
                    .find(|e| e.noun && e.kind == kind && e.words.len() == 1)
                    .cloned();
                if let Some(entry) = noun_entry {
                    let pseudo = Cand {
                        tok: o,
                        last: o,
                        entry,
                        parent: None,
                        framed: false,
                    };
                    let inner = self.noun_args(&pseudo);
                    a.targets.extend(inner.targets);
                    a.participants.extend(inner.participants);
                    a.places.extend(inner.places);
                }
            }
        }
        // A framing verb with no target of its own takes its complement's: "threatened to
        // cut off electricity to Nakhichevan".
        if FRAMERS.contains(&kind) && a.targets.is_empty() {
            let comps: Vec<usize> = self.view.children[t]
                .iter()
                .copied()
                .filter(|&k| matches!(self.view.rel(k), "xcomp" | "ccomp"))
                .collect();
            for comp in comps {
                let deps: Vec<usize> = self.view.children[comp].clone();
                for o in deps {
                    let rel = self.view.rel(o);
                    let demanded_of = kind == PloverType::Request && rel == "nsubj";
                    if (rel == "obj" || demanded_of) && self.is_actor_token(o) {
                        let ids = self.actor_of(o, 0);
                        a.targets.extend(ids);
                    } else if rel == "obl" {
                        let case = self.view.case_of(o).unwrap_or("").to_string();
                        if matches!(case.as_str(), "to" | "against" | "on" | "with" | "from")
                            && self.is_actor_token(o)
                        {
                            let ids = self.actor_of(o, 0);
                            a.targets.extend(ids);
                        }
                    }
                }
            }
        }
        // "host": the subject hosts.
        if c.entry.words[0] == "host" || c.entry.cameo == "043" {
            a.hosts = std::mem::take(&mut a.sources);
        }
        a
    }

    /// The subject an embedded verb inherits: "X will travel … to meet", "X is expected to
    /// visit", "Afghan rebels … kidnapped … and exploded".
    fn controller_subjects(&self, t: usize) -> Vec<usize> {
        let v = &self.view;
        let mut cur = t;
        for _ in 0..4 {
            let rel = v.deprel(cur).to_string();
            let Some(h) = v.head(cur) else { break };
            let base = rel.split(':').next().unwrap_or("");
            if rel == "acl:relcl" {
                // The relative pronoun stands for the modified noun.
                return vec![h];
            }
            if base == "acl" {
                return vec![h];
            }
            if !matches!(base, "xcomp" | "advcl" | "conj" | "ccomp") {
                break;
            }
            // "following a meeting … to discuss": a participial adjunct has no controller.
            if cur != t && base == "advcl" && v.lower[cur].ends_with("ing") {
                break;
            }
            if base == "xcomp" && contains(OBJECT_CONTROL, v.lemma(h)) {
                let objs: Vec<usize> = v.kids(h, "obj").collect();
                if !objs.is_empty() {
                    return objs;
                }
            }
            let subj: Vec<usize> = v.kids(h, "nsubj").collect();
            if !subj.is_empty() {
                return subj;
            }
            let pass: Vec<usize> = v.kids(h, "nsubj:pass").collect();
            if !pass.is_empty() && base != "conj" {
                return pass;
            }
            cur = h;
        }
        Vec::new()
    }

    fn attach_object(&mut self, c: &Cand, o: usize, a: &mut Args) {
        let kind = c.entry.kind;
        // What is discussed or negotiated is a topic, not a counterpart ("to discuss
        // Ukraine").
        if kind == PloverType::Consult && contains(TOPIC_VERBS, c.entry.words[0].as_str()) {
            return;
        }
        let place_like = self.place_entity(o);
        if let Some(p) = place_like.clone() {
            if kind == PloverType::Consult {
                a.places.push(p.clone());
                a.targets.push(p);
                return;
            }
        }
        let ids = self.actor_of(o, 0);
        if !ids.is_empty() {
            a.targets.extend(ids);
            return;
        }
        // "halted economic aid to Serbia", "imposed sanctions on the Taliban": the object is
        // a thing, its complement names the target.
        if kind != PloverType::Consult {
            let kids: Vec<usize> = self.view.kids(o, "nmod").collect();
            for k in kids {
                let case = self.view.case_of(k).unwrap_or("");
                if matches!(case, "to" | "on" | "against" | "for" | "with")
                    && self.is_actor_token(k)
                {
                    let ids = self.actor_of(k, 0);
                    a.targets.extend(ids);
                    break;
                }
            }
        }
    }

    fn attach_oblique(
        &mut self,
        kind: PloverType,
        mode: Option<&str>,
        o: usize,
        case: &str,
        a: &mut Args,
    ) {
        if let Some(p) = self.place_entity(o) {
            match case {
                "in" | "at" | "inside" | "near" => {
                    a.places.push(p);
                    return;
                }
                "to" | "into" if kind == PloverType::Consult || mode == Some("visit") => {
                    a.places.push(p.clone());
                    a.targets.push(p);
                    return;
                }
                _ => {}
            }
        }
        let target_cases: &[&str] = match kind {
            PloverType::Consult => &["with", "to"],
            PloverType::Retreat => &["to", "with", "for", "from"],
            PloverType::Sanction => &["against", "on", "to", "with", "from"],
            PloverType::Aid
            | PloverType::Cooperate
            | PloverType::Support
            | PloverType::Agree
            | PloverType::Concede => &["to", "with", "for"],
            PloverType::Assault
            | PloverType::Coerce
            | PloverType::Protest
            | PloverType::Threaten
            | PloverType::Accuse => &["against", "on", "to", "with", "into"],
            PloverType::Reject | PloverType::Request => &["to", "from", "with", "on"],
            _ => &["to", "with"],
        };
        if case == "between" || case == "among" {
            let ids = self.actor_of(o, 0);
            a.participants.extend(ids);
        } else if target_cases.contains(&case) && self.is_actor_token(o) {
            let ids = self.actor_of(o, 0);
            a.targets.extend(ids);
        }
    }

    fn noun_args(&mut self, c: &Cand) -> Args {
        // A multiword noun ("hunger strike") is headed by its last word.
        let n = if c.last > c.tok && self.view.head(c.tok) == Some(c.last) {
            c.last
        } else {
            c.tok
        };
        let kind = c.entry.kind;
        let consult = kind == PloverType::Consult;
        let mut a = Args::default();
        let kids = self.view.children[n].clone();
        for k in kids {
            if k >= c.tok && k <= c.last && c.last > c.tok {
                continue;
            }
            let rel = self.view.deprel(k).to_string();
            match rel.as_str() {
                "nmod:poss" => {
                    let ids = self.actor_of(k, 0);
                    a.sources.extend(ids);
                }
                "compound" | "amod" => {
                    if self.view.entity_at[k].is_none() {
                        continue;
                    }
                    if let Some(p) = self.place_entity(k) {
                        if consult {
                            a.places.push(p);
                            continue;
                        }
                    }
                    let ids = self.actor_of(k, 1);
                    if consult {
                        a.participants.extend(ids);
                    } else {
                        a.sources.extend(ids);
                    }
                }
                r if r.starts_with("nmod") => {
                    let case = self.view.case_of(k).unwrap_or("").to_string();
                    if let Some(p) = self.place_entity(k) {
                        if matches!(case.as_str(), "in" | "at" | "near") {
                            a.places.push(p);
                            continue;
                        }
                        if consult && case == "to" {
                            a.places.push(p.clone());
                            a.targets.push(p);
                            continue;
                        }
                    }
                    if !self.is_actor_token(k) {
                        continue;
                    }
                    let ids = self.actor_of(k, 0);
                    match case.as_str() {
                        "with" => a.targets.extend(ids),
                        "between" | "among" => a.participants.extend(ids),
                        "of" if consult => a.participants.extend(ids),
                        "on" | "about" | "over" if consult => {}
                        "of" | "on" | "against" | "to" | "into" | "for" => a.targets.extend(ids),
                        "by" | "from" => a.sources.extend(ids),
                        _ => {}
                    }
                }
                "acl:relcl" | "acl" if consult => {
                    // "a meeting …, which Mr Starmer will attend, as will Mark Rutte"
                    let sub = self.view.subtree(k, &["punct"]);
                    let subj: Vec<usize> = sub
                        .into_iter()
                        .filter(|&x| {
                            matches!(self.view.rel(x), "nsubj")
                                && !contains(RELATIVE_PRONOUNS, self.view.lower[x].as_str())
                        })
                        .collect();
                    for s in subj {
                        let ids = self.actor_of(s, 0);
                        if consult {
                            a.participants.extend(ids);
                        } else {
                            a.sources.extend(ids);
                        }
                    }
                }
                _ => {}
            }
        }
        // The verb that governs the noun as its object lends its subject: "they linked
        // future sanctions", "France is preparing to host an informal meeting".
        if a.sources.is_empty() && a.participants.is_empty() && self.view.rel(n) == "obj" {
            if let Some(g) = self.view.head(n) {
                // A meeting is someone's only through verbs of holding or joining it.
                let lends = !consult
                    || self.view.lemmas[g]
                        .iter()
                        .any(|l| contains(MEETING_SUPPORT_VERBS, l));
                if lends && self.view.upos(g).is_none_or(|u| u == "VERB") {
                    let mut subj: Vec<usize> = self.view.kids(g, "nsubj").collect();
                    if subj.is_empty() {
                        subj = self.controller_subjects(g);
                    }
                    for s in subj {
                        let ids = self.actor_of(s, 0);
                        if consult {
                            a.participants.extend(ids);
                        } else {
                            a.sources.extend(ids);
                        }
                    }
                    if !consult && a.targets.is_empty() {
                        let obls: Vec<usize> = self
                            .view
                            .kids(g, "obl")
                            .filter(|&o| matches!(self.view.case_of(o), Some("on" | "against")))
                            .collect();
                        for o in obls {
                            if self.is_actor_token(o) {
                                let ids = self.actor_of(o, 0);
                                a.targets.extend(ids);
                            }
                        }
                    }
                }
            }
        }
        // "meeting with Mr Trump" that the parse hung elsewhere.
        if consult && a.targets.is_empty() {
            let s = self.doc().tokens[n].sentence;
            let end = self.view.sentence_range(s).end;
            if n + 1 < end && self.view.lower[n + 1] == "with" {
                for x in n + 2..end.min(n + 6) {
                    if self.view.entity_at[x].is_some() && self.is_actor_token(x) {
                        let ids = self.actor_of(x, 1);
                        a.targets.extend(ids);
                        break;
                    }
                }
            }
        }
        // "…, as will Nato Secretary General Mark Rutte": the actor of an elliptical clause
        // joins the meeting.
        if consult && !a.participants.is_empty() {
            let s = self.doc().tokens[n].sentence;
            let range = self.view.sentence_range(s);
            let mut x = n + 1;
            while x + 1 < range.end {
                if self.view.lower[x] == "as"
                    && matches!(
                        self.view.lower[x + 1].as_str(),
                        "will" | "would" | "does" | "do" | "did" | "can" | "shall"
                    )
                {
                    for y in x + 2..range.end.min(x + 10) {
                        if let Some((e, _)) = self.view.entity_at[y] {
                            if matches!(self.view.entity_type(e), EntityType::Person) {
                                let ids = self.actor_of(y, 1);
                                a.participants.extend(ids);
                                break;
                            }
                        }
                    }
                }
                x += 1;
            }
        }
        // Ellipsis the parser attaches elsewhere ("…, as will Nato Secretary General Mark
        // Rutte"): subjects of auxiliary-only clauses in the same sentence join a meeting.
        if consult && !a.participants.is_empty() {
            let range = self.view.sentence_range(self.doc().tokens[n].sentence);
            let extra: Vec<usize> = range
                .filter(|&x| x > n && self.view.rel(x) == "nsubj")
                .filter(|&x| {
                    self.view.head(x).is_some_and(|h| {
                        self.view.upos(h) == Some("AUX")
                            || self.view.lower[h] == "will"
                            || (self
                                .view
                                .kids(h, "mark")
                                .any(|m| self.view.lower[m] == "as")
                                && self.view.upos(h) != Some("VERB"))
                    })
                })
                .collect();
            for x in extra {
                let ids = self.actor_of(x, 0);
                a.participants.extend(ids);
            }
        }
        a
    }

    /// Arguments without a parse: the nearest actor before the trigger is the source, the
    /// first one after it the target, "in/at X" a place.
    fn linear_args(&mut self, c: &Cand) -> Args {
        let mut a = Args::default();
        let s = self.doc().tokens[c.tok].sentence;
        let range = self.view.sentence_range(s);
        let mut left = None;
        for i in (range.start..c.tok).rev() {
            if self.view.lower[i] == "," && left.is_some() {
                break;
            }
            if self.view.entity_at[i].is_some() && self.is_actor_token(i) {
                let prev = if i > range.start {
                    self.view.lower[i - 1].as_str()
                } else {
                    ""
                };
                if !matches!(prev, "in" | "at" | "of" | "from" | "near") {
                    left = Some(i);
                    break;
                }
            }
        }
        if let Some(l) = left {
            let ids = self.actor_of(l, 0);
            if c.entry.noun && c.entry.kind == PloverType::Consult {
                a.participants.extend(ids);
            } else {
                a.sources.extend(ids);
            }
        }
        let mut i = c.last + 1;
        while i < range.end.min(c.last + 12) {
            if matches!(self.view.lower[i].as_str(), "." | ";" | "said" | "says") {
                break;
            }
            if let Some((e, _)) = self.view.entity_at[i] {
                let prev = self.view.lower[i - 1].as_str();
                let id = self.doc().entities[e].id.clone();
                let is_place = matches!(
                    self.view.entity_type(e),
                    EntityType::Gpe | EntityType::Loc | EntityType::Fac
                );
                if is_place && matches!(prev, "in" | "at" | "near") {
                    if !a.places.contains(&id) {
                        a.places.push(id);
                    }
                } else if a.targets.is_empty() && self.is_actor_token(i) {
                    if is_place && c.entry.kind == PloverType::Consult {
                        a.places.push(id.clone());
                    }
                    a.targets.push(id);
                }
                while i + 1 < range.end && self.view.entity_at[i + 1].map(|x| x.0) == Some(e) {
                    i += 1;
                }
            }
            i += 1;
        }
        a
    }

    fn place_entity(&self, t: usize) -> Option<String> {
        let (e, _) = self.view.entity_at[t]?;
        matches!(
            self.view.entity_type(e),
            EntityType::Gpe | EntityType::Loc | EntityType::Fac
        )
        .then(|| self.doc().entities[e].id.clone())
    }

    /// Can this token (head of a nominal) name an actor?
    fn is_actor_token(&self, t: usize) -> bool {
        if let Some((e, _)) = self.view.entity_at[t] {
            return !matches!(
                self.view.entity_type(e),
                EntityType::Event | EntityType::Other
            );
        }
        let lower = self.view.lower[t].as_str();
        if contains(PERSONAL_PRONOUNS, lower) {
            return true;
        }
        if self.view.lemmas[t].iter().any(|l| contains(GROUP_NOUNS, l)) {
            return true;
        }
        // A nominal whose modifiers name an entity: "Romania's new government".
        self.view.is_parsed(t)
            && self.view.children[t].iter().any(|&k| {
                matches!(
                    self.view.deprel(k),
                    "nmod:poss" | "compound" | "amod" | "flat"
                ) && self.view.entity_at[k].is_some()
            })
    }

    /// The entity ids a nominal argument names, creating a group entity for collective
    /// actors the entities layer left out.
    fn actor_of(&mut self, t: usize, depth: usize) -> Vec<String> {
        let mut out = self.actor_single(t, depth);
        if self.view.is_parsed(t) && depth < 3 {
            let conj: Vec<usize> = self.view.kids(t, "conj").collect();
            for k in conj {
                for id in self.actor_of(k, depth + 1) {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }

    fn actor_single(&mut self, t: usize, depth: usize) -> Vec<String> {
        let v = &self.view;
        // Words of a time expression ("(WC 24th Feb)") name no actor.
        if v.time_tokens
            .iter()
            .flatten()
            .any(|&(f, l)| f <= t && t <= l)
        {
            return Vec::new();
        }
        if let Some((e, kind)) = v.entity_at[t] {
            let ent = &self.doc().entities[e];
            // An OTHER entity inside a noun phrase is usually a nationality the entities
            // layer could not type ("Iraqi towns"); alone it names no actor.
            if ent.kind == EntityType::Event || (ent.kind == EntityType::Other && depth == 0) {
                return Vec::new();
            }
            let mut out = vec![ent.id.clone()];
            // A nominal group ("foreign ministers", "officials") brings the states and
            // organisations that modify it: "European Community foreign ministers",
            // "Hungarian and Romanian officials".
            if kind == MentionKind::Nominal
                && v.is_parsed(t)
                && depth == 0
                && matches!(
                    ent.kind,
                    EntityType::Org | EntityType::Norp | EntityType::Other
                )
            {
                let mods: Vec<usize> = v.children[t]
                    .iter()
                    .copied()
                    .filter(|&k| matches!(v.deprel(k), "amod" | "compound" | "nmod:poss"))
                    .filter(|&k| v.entity_at[k].is_some_and(|(m, _)| m != e))
                    .collect();
                for k in mods {
                    for id in self.actor_of(k, 1) {
                        if !out.contains(&id) {
                            out.push(id);
                        }
                    }
                }
            }
            return out;
        }
        if let Some(&g) = self.group_at.get(&t) {
            return vec![self.groups[g].id.clone()];
        }
        let lower = v.lower[t].clone();
        if contains(RELATIVE_PRONOUNS, &lower) {
            if let Some(h) = v.head(t).and_then(|h| v.head(h)) {
                if depth < 2 {
                    return self.actor_of(h, depth + 1);
                }
            }
            return Vec::new();
        }
        if contains(PERSONAL_PRONOUNS, &lower) {
            return self.resolve_pronoun(t).into_iter().collect();
        }
        let group = v.lemmas[t].iter().any(|l| contains(GROUP_NOUNS, l));
        if group {
            // "A member of the Syrian parliament, Mohammed Mamoun", "Syrian MP Mohammed
            // Mamoun": the named person, not a group.
            let named = v.children[t]
                .iter()
                .copied()
                .filter(|&k| matches!(v.deprel(k), "appos" | "flat" | "compound"))
                .find_map(|k| {
                    v.entity_at[k].filter(|&(e, kind)| {
                        kind == MentionKind::Name
                            && self.doc().entities[e].kind == EntityType::Person
                    })
                });
            // The parse may hang the appositive elsewhere: read "<group>, <Name>," in order.
            let named = named.or_else(|| {
                let s = self.doc().tokens[t].sentence;
                let comma = (t + 1..v.lower.len().min(t + 12))
                    .take_while(|&k| {
                        self.doc().tokens[k].sentence == s
                            && !matches!(v.upos(k), Some("VERB") | Some("AUX"))
                    })
                    .find(|&k| v.lower[k] == ",")?;
                let (e, kind) = v.entity_at.get(comma + 1).copied().flatten()?;
                let person = self.doc().entities[e].kind == EntityType::Person;
                let closed = (comma + 2..v.lower.len().min(comma + 8))
                    .find(|&k| v.entity_at[k].map(|(x, _)| x) != Some(e))
                    .is_some_and(|k| v.lower[k] == ",");
                (person && kind == MentionKind::Name && closed).then_some((e, kind))
            });
            if let Some((e, _)) = named {
                return vec![self.doc().entities[e].id.clone()];
            }
            return vec![self.group_entity(t)];
        }
        // Look inside the noun phrase only at the top: "the withdrawal of Serbian forces",
        // "Romania's new government"; deeper ("the importance of a US guarantee") is noise.
        if depth >= 1 || !v.is_parsed(t) {
            return Vec::new();
        }
        let kids: Vec<usize> = v.children[t]
            .iter()
            .copied()
            .filter(|&k| {
                matches!(
                    v.deprel(k),
                    "nmod:poss" | "compound" | "amod" | "flat" | "appos" | "nmod"
                )
            })
            .collect();
        for k in kids {
            if self.view.deprel(k) == "nmod"
                && !matches!(self.view.case_of(k), Some("of") | Some("from"))
            {
                continue;
            }
            let ids = self.actor_of(k, depth + 1);
            if !ids.is_empty() {
                return ids;
            }
        }
        Vec::new()
    }

    /// The nearest earlier actor a pronoun can stand for.
    fn resolve_pronoun(&self, t: usize) -> Option<String> {
        let v = &self.view;
        let doc = self.doc();
        let lower = v.lower[t].as_str();
        let person = matches!(lower, "he" | "she" | "him" | "her");
        let sent = doc.tokens[t].sentence;
        let mut best: Option<(usize, String)> = None;
        for i in (0..t).rev() {
            if doc.tokens[i].sentence + 2 < sent {
                break;
            }
            let cand = if let Some((e, _)) = v.entity_at[i] {
                let ent = &doc.entities[e];
                let ok = if person {
                    ent.kind == EntityType::Person
                } else {
                    matches!(
                        ent.kind,
                        EntityType::Org | EntityType::Gpe | EntityType::Norp
                    )
                };
                ok.then(|| ent.id.clone())
            } else if !person {
                self.group_at.get(&i).map(|&g| self.groups[g].id.clone())
            } else {
                None
            };
            if let Some(id) = cand {
                // Prefer subjects: walk to the first subject candidate, else keep the nearest.
                let subj = !v.is_parsed(i)
                    || v.rel(i) == "nsubj"
                    || v.head(i).is_some_and(|h| v.rel(h) == "nsubj");
                if subj {
                    return Some(id);
                }
                if best.is_none() {
                    best = Some((i, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    /// Creates (or reuses) an entity for a collective actor headed by token `t`.
    fn group_entity(&mut self, t: usize) -> String {
        let v = &self.view;
        let doc = self.doc();
        // The noun phrase: the head and its pre-modifiers (and "of …" complements).
        let mut toks = vec![t];
        if v.is_parsed(t) {
            let mut stack = vec![t];
            while let Some(x) = stack.pop() {
                for &k in &v.children[x] {
                    let d = v.deprel(k);
                    let keep = matches!(
                        d,
                        "amod" | "compound" | "nmod:poss" | "flat" | "case" | "cc" | "conj"
                    ) || (d == "nmod" && k > t && v.case_of(k) == Some("of"))
                        || (d == "case" && x != t);
                    let keep = keep && !(d == "conj" && x == t) && !(d == "cc" && x == t);
                    if keep && k.abs_diff(t) < 10 {
                        toks.push(k);
                        stack.push(k);
                    }
                }
            }
        } else {
            let s = doc.tokens[t].sentence;
            let mut i = t;
            while i > 0 && doc.tokens[i - 1].sentence == s && t - i < 4 {
                let w = &doc.tokens[i - 1];
                let cap = w.text.chars().next().is_some_and(|c| c.is_uppercase());
                if cap || v.entity_at[i - 1].is_some() {
                    i -= 1;
                    toks.push(i);
                } else {
                    break;
                }
            }
        }
        toks.sort_unstable();
        // Drop leading articles and quantities; a possessive's own "'s" stays.
        while toks.len() > 1 && {
            let f = toks[0];
            matches!(
                v.upos(f),
                Some("DET") | Some("NUM") | Some("ADP") | Some("CCONJ")
            ) || matches!(
                v.lower[f].as_str(),
                "the" | "a" | "an" | "some" | "senior" | "top"
            )
        } {
            toks.remove(0);
        }
        let first = toks[0];
        let last = *toks.last().unwrap_or(&t);
        let start = doc.tokens[first].start;
        let end = doc.tokens[last].end;
        let text = v.chars.slice(&doc.text, start, end).to_string();
        let head_lemma = v.lemmas[t]
            .iter()
            .find(|l| contains(GROUP_NOUNS, l))
            .cloned()
            .unwrap_or_else(|| v.lower[t].clone());
        let mods: Vec<String> = toks
            .iter()
            .filter(|&&x| x != t)
            .map(|&x| v.lower[x].clone())
            .collect();
        // Codes of the entities inside ("G7", "Hungarian") make the group theirs.
        let mut codes = std::collections::BTreeMap::new();
        for &x in &toks {
            if let Some((e, _)) = v.entity_at[x] {
                for (k, val) in &doc.entities[e].codes {
                    codes.entry(k.clone()).or_insert_with(|| val.clone());
                }
            }
        }
        // Reuse a group with the same head whose modifiers include or are included in ours
        // ("leaders" after "European leaders").
        let mention = Mention {
            start,
            end,
            text: text.clone(),
            kind: MentionKind::Nominal,
        };
        for (gi, g) in self.groups.iter_mut().enumerate() {
            let gmods: Vec<String> = g
                .name
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let g_head = gmods.last().cloned().unwrap_or_default();
            let same_head = g_head.starts_with(&head_lemma) || head_lemma.starts_with(&g_head);
            let ours_in_theirs = mods.iter().all(|m| gmods.contains(m));
            let theirs_in_ours = gmods[..gmods.len().saturating_sub(1)]
                .iter()
                .all(|m| mods.contains(m));
            if same_head && (ours_in_theirs || theirs_in_ours) {
                if !g.mentions.iter().any(|m| m.start == start) {
                    g.mentions.push(mention);
                }
                self.group_at.insert(t, gi);
                return g.id.clone();
            }
        }
        let id = format!("{}{}", self.id_prefix, self.next_entity);
        self.next_entity += 1;
        self.groups.push(Entity {
            id: id.clone(),
            name: text,
            kind: EntityType::Org,
            roles: Vec::new(),
            mentions: vec![mention],
            codes,
        });
        self.group_at.insert(t, self.groups.len() - 1);
        id
    }

    // ---------------------------------------------------------------- politics

    /// How political an actor is, given the article's domain.
    pub fn political(&self, id: &str) -> Political {
        let size = self
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or(0, |g| g.mentions.len());
        let key = (id.to_string(), size);
        if let Some(&known) = self.political_cache.borrow().get(&key) {
            return known;
        }
        let answer = self.political_uncached(id);
        self.political_cache.borrow_mut().insert(key, answer);
        answer
    }

    fn political_uncached(&self, id: &str) -> Political {
        let doc = self.doc();
        let lenient = !matches!(self.domain, Domain::Sport | Domain::Entertainment);
        if let Some(g) = self.groups.iter().find(|g| g.id == id) {
            let lower = g.name.to_lowercase();
            let head = lower.split_whitespace().last().unwrap_or("");
            let political_head = POLITICAL_GROUP_NOUNS.iter().any(|p| head.starts_with(p));
            // "Iraqi civilians", "Palestinian youths": a group of a nation or state.
            let national = lenient
                && g.mentions
                    .iter()
                    .any(|m| self.contains_national_mention(m.start, m.end));
            return if political_head || national {
                Political::Strong
            } else if lenient {
                Political::Weak
            } else {
                Political::No
            };
        }
        let Some(e) = doc.entities.iter().find(|e| e.id == id) else {
            return Political::No;
        };
        let titled = self.has_political_title(e);
        // An entity named by a group noun ("Demonstrators", "Afghan rebels").
        let group_named = e
            .name
            .to_lowercase()
            .split_whitespace()
            .last()
            .is_some_and(|w| POLITICAL_GROUP_NOUNS.iter().any(|p| w.starts_with(p)));
        if group_named && (lenient || e.kind == EntityType::Org) {
            return Political::Strong;
        }
        match e.kind {
            EntityType::Gpe | EntityType::Norp => {
                if lenient {
                    Political::Strong
                } else {
                    Political::No
                }
            }
            EntityType::Org => {
                let name = e.name.to_lowercase();
                let words: Vec<&str> = name
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let sports_body = words.iter().any(|w| contains(SPORT_ORG_WORDS, w));
                let political_name = !sports_body
                    && (words.iter().any(|w| contains(POLITICAL_ORG_WORDS, w))
                        || e.codes.keys().any(|k| k == "cameo" || k == "plover"));
                let sporting = words.iter().any(|w| {
                    matches!(
                        *w,
                        "league" | "union" | "federation" | "association" | "fa" | "club"
                    )
                });
                if political_name && (lenient || !sporting) {
                    Political::Strong
                } else if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            EntityType::Person => {
                if titled || self.domain == Domain::Politics {
                    Political::Strong
                } else if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            EntityType::Fac => {
                if lenient {
                    Political::Weak
                } else {
                    Political::No
                }
            }
            _ => Political::No,
        }
    }

    fn has_political_title(&self, e: &Entity) -> bool {
        let title_word = |w: &str| contains(POLITICAL_TITLES, w);
        if e.roles
            .iter()
            .any(|r| r.title.to_lowercase().split_whitespace().any(title_word))
        {
            return true;
        }
        let doc = self.doc();
        for m in &e.mentions {
            if m.text.to_lowercase().split_whitespace().any(title_word)
                && m.kind != MentionKind::Pronoun
            {
                return true;
            }
            let first = doc.tokens.partition_point(|t| t.end <= m.start);
            for back in 1..=3 {
                let Some(i) = first.checked_sub(back) else {
                    break;
                };
                if title_word(&self.view.lower[i]) {
                    return true;
                }
                let cap = doc.tokens[i]
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase());
                if !cap {
                    break;
                }
            }
        }
        false
    }

    // ---------------------------------------------------------------- status and time

    pub fn status_of(&self, c: &Cand) -> EventStatus {
        let v = &self.view;
        if !v.is_parsed(c.tok) {
            return self.linear_status(c);
        }
        // The clause chain: the trigger, then the verbs it is the complement of.
        let mut chain = vec![c.tok];
        let mut cur = c.tok;
        if c.entry.noun {
            if let Some(h) = v.head(cur) {
                // Not a plain subject: in "the meeting could be key" the modal is about the
                // predicate.
                if matches!(v.rel(cur), "obj" | "obl") || v.deprel(cur) == "nsubj:pass" {
                    chain.push(h);
                    cur = h;
                }
            }
        }
        for _ in 0..3 {
            let rel = v.rel(cur);
            if !matches!(rel, "xcomp" | "conj" | "advcl" | "ccomp" | "csubj") {
                break;
            }
            // Purpose clauses share their governor's status ("will travel … to meet");
            // adjuncts such as "despite … dismissing" do not.
            if rel == "advcl"
                && (v.lower[cur].ends_with("ing")
                    || v.kids(cur, "mark").any(|m| v.lower[m] != "to"))
            {
                break;
            }
            let Some(h) = v.head(cur) else { break };
            if rel == "ccomp"
                && !contains(EXPECT_WORDS, v.lemma(h))
                && !contains(DENY_WORDS, v.lemma(h))
            {
                break;
            }
            chain.push(h);
            cur = h;
        }
        let mut status = EventStatus::Occurred;
        // "a guarantee that Putin does not attack": the content of a noun is not an event
        // that happened.
        let mut hypothetical = !c.entry.noun
            && matches!(v.rel(c.tok), "acl" | "ccomp")
            && v.head(c.tok).is_some_and(|h| {
                v.upos(h) == Some("NOUN") && v.lemmas[h].iter().any(|l| contains(CONTENT_NOUNS, l))
            });
        let mut denied = false;
        let mut planned = false;
        let mut expected = false;
        for (depth, &x) in chain.iter().enumerate() {
            for &k in &v.children[x] {
                let l = v.lower[k].as_str();
                let lemma = v.lemma(k);
                match v.rel(k) {
                    "advmod" | "neg" | "det"
                        if matches!(l, "not" | "n't" | "never" | "no")
                            && (depth == 0 || v.rel(chain[depth - 1]) == "xcomp") =>
                    {
                        denied = true;
                    }
                    "aux" => match lemma {
                        "will" | "shall" | "'ll" | "wo" => planned = true,
                        "would" => {
                            if chain_has_if(v, &chain) {
                                hypothetical = true;
                            } else {
                                planned = true;
                            }
                        }
                        "could" | "might" | "may" | "should" | "must" => hypothetical = true,
                        _ => {}
                    },
                    "mark" if matches!(l, "if" | "unless" | "whether") => hypothetical = true,
                    "amod" | "advmod" if c.entry.noun && depth == 0 => {
                        if contains(EXPECTED_MODIFIERS, l) {
                            expected = true;
                        } else if contains(FUTURE_MODIFIERS, l) {
                            planned = true;
                        }
                    }
                    _ => {}
                }
            }
            if depth > 0 {
                let lemma = v.lemma(x);
                if contains(EXPECT_WORDS, lemma) {
                    expected = true;
                } else if contains(DENY_WORDS, lemma) && !c.framed {
                    denied = true;
                } else if contains(PLAN_VERBS, lemma) {
                    planned = true;
                } else if (contains(REQUEST_VERBS, lemma)
                    && matches!(v.rel(chain[depth - 1]), "xcomp" | "ccomp"))
                    || (contains(CONDITION_VERBS, lemma) && c.entry.noun)
                {
                    hypothetical = true;
                }
            }
            // "were to be achieved", "is to visit"
            if v.kids(x, "mark").any(|m| v.lower[m] == "if") {
                hypothetical = true;
            }
        }
        if hypothetical {
            status = EventStatus::Hypothetical;
        } else if denied {
            status = EventStatus::Denied;
        } else if expected {
            status = EventStatus::Expected;
        } else if planned {
            status = EventStatus::Planned;
        }
        status
    }

    fn linear_status(&self, c: &Cand) -> EventStatus {
        let v = &self.view;
        let s = self.doc().tokens[c.tok].sentence;
        let range = v.sentence_range(s);
        let from = c.tok.saturating_sub(5).max(range.start);
        let before: Vec<&str> = (from..c.tok).map(|i| v.lower[i].as_str()).collect();
        let sentence_has_if = range
            .clone()
            .any(|i| matches!(v.lower[i].as_str(), "if" | "unless"));
        if before.iter().any(|w| matches!(*w, "not" | "n't" | "never")) {
            EventStatus::Denied
        } else if before
            .iter()
            .any(|w| matches!(*w, "could" | "might" | "may" | "should"))
            || (sentence_has_if && before.contains(&"would"))
        {
            EventStatus::Hypothetical
        } else if before.iter().any(|w| matches!(*w, "expected" | "likely")) {
            EventStatus::Expected
        } else if before.iter().any(|w| {
            matches!(
                *w,
                "will"
                    | "would"
                    | "'ll"
                    | "planned"
                    | "plans"
                    | "preparing"
                    | "forthcoming"
                    | "upcoming"
            )
        }) {
            EventStatus::Planned
        } else {
            EventStatus::Occurred
        }
    }

    /// The time expression attached to each candidate's clause: the first trigger (or a
    /// noun trigger's governing verb) met walking up from the time expression's head.
    pub fn attach_times(&self, cands: &[Cand]) -> Vec<Option<usize>> {
        let v = &self.view;
        let doc = self.doc();
        let mut out = vec![None; cands.len()];
        let mut anchor: HashMap<usize, usize> = HashMap::new();
        for (k, c) in cands.iter().enumerate() {
            let root = c.parent.unwrap_or(k);
            anchor.entry(c.tok).or_insert(root);
        }
        for (k, c) in cands.iter().enumerate() {
            if c.entry.noun && v.is_parsed(c.tok) {
                if let Some(h) = v.head(c.tok) {
                    if matches!(v.rel(c.tok), "obj" | "obl") {
                        anchor.entry(h).or_insert(c.parent.unwrap_or(k));
                    }
                }
            }
        }
        let mut used = vec![false; doc.times.len()];
        for (ti, tx) in doc.times.iter().enumerate() {
            if matches!(tx.kind, TimeType::Set | TimeType::Duration) {
                continue;
            }
            let Some((first, last)) = v.time_tokens[ti] else {
                continue;
            };
            if !v.is_parsed(first) {
                continue;
            }
            // Head of the time expression: the token whose head lies outside the span.
            let head = (first..=last)
                .find(|&i| v.head(i).is_none_or(|h| h < first || h > last))
                .unwrap_or(last);
            let mut cur = head;
            for _ in 0..6 {
                let Some(h) = v.head(cur) else { break };
                if let Some(&k) = anchor.get(&h) {
                    if out[k].is_none() {
                        out[k] = Some(ti);
                    }
                    used[ti] = true;
                    break;
                }
                cur = h;
            }
        }
        // Fallback: the single unattached date of the sentence (or the nearest one when the
        // sentence has no parse).
        for (k, c) in cands.iter().enumerate() {
            if c.parent.is_some() || out[k].is_some() {
                continue;
            }
            let s = doc.tokens[c.tok].sentence;
            let in_sentence: Vec<usize> = (0..doc.times.len())
                .filter(|&ti| {
                    !used[ti]
                        && !matches!(doc.times[ti].kind, TimeType::Set | TimeType::Duration)
                        && v.time_tokens[ti].is_some_and(|(f, _)| doc.tokens[f].sentence == s)
                })
                .collect();
            if v.is_parsed(c.tok) {
                // Only the main clause may take the sentence's lone date.
                let main_clause = !c.entry.noun && matches!(v.rel(c.tok), "root" | "conj" | "");
                if in_sentence.len() == 1 && main_clause {
                    out[k] = Some(in_sentence[0]);
                }
            } else if let Some(&ti) = in_sentence.iter().min_by_key(|&&ti| {
                v.time_tokens[ti]
                    .map(|(f, _)| f.abs_diff(c.tok))
                    .unwrap_or(usize::MAX)
            }) {
                out[k] = Some(ti);
            }
        }
        out
    }

    // ---------------------------------------------------------------- drafts

    /// Builds one draft per root candidate (folded candidates add their triggers and
    /// arguments), keeps those whose actors make them political events.
    pub fn drafts(&mut self) -> Vec<Draft> {
        let mut cands = self.find_triggers();
        self.relate(&mut cands);
        let times = self.attach_times(&cands);
        let mut args: Vec<Args> = Vec::with_capacity(cands.len());
        for c in &cands {
            let a = self.args_of(c);
            args.push(a);
        }
        let mut drafts: Vec<(usize, Draft, Args)> = Vec::new();
        let mut index_of_root: HashMap<usize, usize> = HashMap::new();
        for (k, c) in cands.iter().enumerate() {
            if c.parent.is_some() {
                continue;
            }
            let d = Draft {
                kind: c.entry.kind,
                mode: c.entry.mode.clone(),
                status: self.status_of(c),
                noun: c.entry.noun,
                strong: c.entry.strong,
                triggers: vec![(c.tok, c.last)],
                lemma: c.entry.words.join(" "),
                actors: Vec::new(),
                time: times[k],
                place: None,
                sentence: self.doc().tokens[c.tok].sentence,
                anaphoric: false,
                refusal: self.refusal(c),
                conditional: self.conditional(c),
            };
            index_of_root.insert(k, drafts.len());
            drafts.push((k, d, std::mem::take(&mut args[k])));
        }
        for (k, c) in cands.iter().enumerate() {
            let Some(p) = c.parent else { continue };
            let Some(&di) = index_of_root.get(&p) else {
                continue;
            };
            let a = std::mem::take(&mut args[k]);
            let (_, d, da) = &mut drafts[di];
            if c.framed {
                // The framed action lends its target and place only.
                if da.targets.is_empty() {
                    da.targets = a.targets;
                }
                da.places.extend(a.places);
                if da.sources.is_empty() {
                    da.sources = a.sources;
                }
            } else {
                d.triggers.push((c.tok, c.last));
                da.absorb(a);
                if d.time.is_none() {
                    d.time = times[k];
                }
                // A trip ("travel to") that is also a meeting keeps the trip's mode.
                if d.mode.is_none() {
                    d.mode = c.entry.mode.clone();
                }
                d.strong |= c.entry.strong;
                // "host" + "meeting": the meeting says what kind of consultation it is.
                if c.entry.noun
                    && !d.noun
                    && c.entry.kind == PloverType::Consult
                    && d.lemma == "host"
                {
                    d.mode = c.entry.mode.clone();
                }
            }
        }
        let mut out = Vec::new();
        for (k, mut d, a) in drafts {
            let root = &cands[k];
            let passive = self.view.is_parsed(root.tok)
                && self.view.kids(root.tok, "nsubj:pass").next().is_some();
            let has_actor = !a.is_empty()
                && (root.entry.noun
                    || passive
                    || !a.sources.is_empty()
                    || !a.hosts.is_empty()
                    || !a.participants.is_empty());
            if !has_actor {
                // A bare definite noun ("the meeting", "the visit") may still name an
                // earlier event.
                let definite = root.tok > 0
                    && (self.view.children[root.tok].iter().any(|&k| {
                        matches!(
                            self.view.lower[k].as_str(),
                            "the" | "this" | "that" | "these"
                        )
                    }) || matches!(
                        self.view.lower[root.tok - 1].as_str(),
                        "the" | "this" | "that"
                    ));
                // A statement quoted after the report restates its event ("Any new,
                // additional sanctions … should be linked …").
                let start = self.doc().tokens[root.tok].start;
                let quoted = self
                    .doc()
                    .quotes
                    .iter()
                    .any(|q| q.start <= start && start < q.end);
                if d.noun && (definite || quoted) {
                    d.anaphoric = true;
                    out.push(d);
                }
                continue;
            }
            // A warning is a threat only when it names its target or announces what will
            // be done ("warned that police will no longer tolerate rallies"), not when it
            // predicts ("warned that prices could rise").
            if d.lemma == "warn" && a.targets.is_empty() {
                let v = &self.view;
                let announces = v.kids(root.tok, "ccomp").any(|c| {
                    v.kids(c, "aux")
                        .any(|x| matches!(v.lower[x].as_str(), "will" | "would" | "'ll"))
                });
                if !announces {
                    continue;
                }
            }
            // A bare weak noun needs both sides ("his request" alone is no event).
            if d.noun
                && d.kind != PloverType::Consult
                && !d.strong
                && (a.sources.is_empty() || a.targets.is_empty())
            {
                continue;
            }
            // Roles in order; an entity keeps its first role.
            let mut actors: Vec<(String, ActorRole)> = Vec::new();
            let mut push = |id: &String, role: ActorRole| {
                if !actors.iter().any(|(x, _)| x == id) {
                    actors.push((id.clone(), role));
                }
            };
            for id in &a.hosts {
                push(id, ActorRole::Host);
            }
            for id in &a.sources {
                push(id, ActorRole::Source);
            }
            for id in &a.targets {
                push(id, ActorRole::Target);
            }
            for id in &a.participants {
                push(id, ActorRole::Participant);
            }
            // At a hosted meeting everyone but the host takes part.
            if !a.hosts.is_empty()
                && d.kind == PloverType::Consult
                && d.mode.as_deref() != Some("visit")
            {
                for (_, role) in actors.iter_mut() {
                    if *role != ActorRole::Host {
                        *role = ActorRole::Participant;
                    }
                }
            }
            // Force, aid or coercion in a country with no other target is aimed at it
            // ("withdraw troops from Lebanon", "lifted a curfew in Montenegro").
            if d.kind != PloverType::Consult {
                let doc = self.doc();
                let named_target = a
                    .targets
                    .iter()
                    .any(|t| doc.entities.iter().any(|e| &e.id == t));
                if !named_target {
                    if let Some(p) = a.places.iter().find(|p| {
                        doc.entities
                            .iter()
                            .any(|e| &e.id == *p && e.kind == EntityType::Gpe)
                    }) {
                        if !actors.iter().any(|(x, _)| x == p) {
                            actors.push((p.clone(), ActorRole::Target));
                        }
                    }
                }
            }
            // A meeting's host is not its place, but a visited country is.
            d.place = a.places.iter().find(|p| !a.hosts.contains(p)).cloned();
            if d.kind == PloverType::Consult {
                // A speech-to with a place is a meeting, not a call.
                if d.mode.as_deref() == Some("call") && d.place.is_some() {
                    d.mode = Some("meet".into());
                }
                // Places are not counterparts when a person is one already.
                let has_person_target = a.targets.iter().any(|t| !a.places.contains(t));
                if has_person_target {
                    actors.retain(|(id, role)| {
                        !(*role == ActorRole::Target
                            && a.places.contains(id)
                            && !a.hosts.contains(id))
                    });
                }
            }
            let best = actors
                .iter()
                .map(|(id, _)| self.political(id))
                .max()
                .unwrap_or(Political::No);
            let has_role = |role: ActorRole| actors.iter().any(|(_, r)| *r == role);
            let keep = match best {
                Political::Strong => true,
                // Only ordinary actors: an unambiguous trigger between two of them.
                Political::Weak => {
                    d.strong
                        && (has_role(ActorRole::Target) || d.kind == PloverType::Protest || d.noun)
                }
                Political::No => false,
            };
            // In sport and entertainment stories only an unambiguous trigger whose doer is
            // clearly political counts ("police arrested the striker").
            let keep = keep
                && (!matches!(self.domain, Domain::Sport | Domain::Entertainment)
                    || (d.strong
                        && actors.iter().any(|(id, r)| {
                            matches!(*r, ActorRole::Source | ActorRole::Host)
                                && self.political(id) == Political::Strong
                        })));
            if !keep {
                continue;
            }
            d.actors = actors;
            out.push(d);
        }
        out
    }
}

impl Extractor<'_> {
    fn refusal(&self, c: &Cand) -> bool {
        let v = &self.view;
        if !v.is_parsed(c.tok) {
            return false;
        }
        let negated = v.children[c.tok]
            .iter()
            .any(|&k| matches!(v.lower[k].as_str(), "not" | "n't" | "never"));
        let volitional = v.kids(c.tok, "aux").any(|k| {
            matches!(
                v.lower[k].as_str(),
                "will" | "would" | "wo" | "'ll" | "shall" | "can" | "ca"
            )
        });
        negated && volitional
    }

    fn conditional(&self, c: &Cand) -> bool {
        let v = &self.view;
        let s = self.doc().tokens[c.tok].sentence;
        v.sentence_range(s)
            .any(|i| matches!(v.lower[i].as_str(), "if" | "unless"))
    }
}

fn chain_has_if(v: &View, chain: &[usize]) -> bool {
    // "would have to give back territory … if peace were to be achieved": the condition
    // may hang from any verb of the sentence.
    if let Some(&first) = chain.first() {
        let s = v.doc.tokens[first].sentence;
        if v.sentence_range(s)
            .any(|i| matches!(v.lower[i].as_str(), "if" | "unless") && v.rel(i) == "mark")
        {
            return true;
        }
    }
    chain.iter().any(|&x| {
        v.kids(x, "mark")
            .any(|m| matches!(v.lower[m].as_str(), "if" | "unless"))
            || v.children[x].iter().any(|&k| {
                v.rel(k) == "advcl"
                    && v.kids(k, "mark")
                        .any(|m| matches!(v.lower[m].as_str(), "if" | "unless"))
            })
    })
}

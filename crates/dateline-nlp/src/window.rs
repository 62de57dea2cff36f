//! Long articles in windows: memory bounded by a window, not by the article.
//!
//! A document longer than [`WINDOW_THRESHOLD_BYTES`] (a book, a transcript, a concatenated
//! dump) is cut at paragraph breaks into windows of about [`WINDOW_BYTES`]; every stage runs
//! on one window at a time and the window's layers are appended to the document with their
//! offsets, token indices, sentence numbers and ids shifted. Entities are joined across
//! windows: the same name and type is one entity, and a one-word person name ("Starmer")
//! joins the one person of an earlier window whose name ends with it. Times, quotes and
//! events are read within their window (a relative time is still anchored to the
//! publication date). The document gets a warning that says so.
//!
//! Tokens of a window are kept only when the caller asked for them (`--with-tokens`), so
//! peak memory is the output plus one window's working set.

use dateline_core::{Document, Entity, EntityType, Stage};
use std::collections::HashMap;

/// Articles longer than this (in bytes of prepared text) are analysed in windows. News
/// articles are far shorter (the longest of the 2,225 BBC articles is about 25 KB).
pub const WINDOW_THRESHOLD_BYTES: usize = 200_000;

/// The size a window aims at, in bytes: it ends at the last paragraph break before this
/// (failing that a line break, a sentence end, then a space).
pub const WINDOW_BYTES: usize = 60_000;

/// Runs `stages` over `doc` window by window and joins the windows' layers into `doc`.
/// `lap(i + 1)` is called after stage `i` of every window. Tokens are kept when
/// `keep_tokens` is true.
pub(crate) fn run_in_windows(
    stages: &[Box<dyn Stage>],
    doc: &mut Document,
    keep_tokens: bool,
    lap: &mut dyn FnMut(usize),
) {
    let cuts = cut_points(&doc.text, WINDOW_BYTES);
    let mut joined = Joined::default();
    let mut char_base = 0usize;
    let mut last = 0usize;
    for &cut in cuts.iter().chain(std::iter::once(&doc.text.len())) {
        let piece = &doc.text[last..cut];
        let chars = piece.chars().count();
        let mut window = Document::new(doc.id.clone(), doc.source.clone(), piece.to_string());
        window.published = doc.published.clone();
        window.published_from = doc.published_from;
        super::run_stages(stages, &mut window, lap);
        joined.append(doc, window, char_base, keep_tokens);
        char_base += chars;
        last = cut;
    }
    doc.warnings.push(format!(
        "long article ({} chars): analysed in {} windows of about {} KB cut at paragraph breaks; \
         entities are joined across windows by name, times, quotes and events are read within their window",
        char_base,
        cuts.len() + 1,
        WINDOW_BYTES / 1000
    ));
    doc.tokens_changed();
}

/// Byte offsets where windows end (each a char boundary, strictly increasing, none at 0 or
/// at the end), so that every window is at most about `size` bytes.
fn cut_points(text: &str, size: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut from = 0;
    while text.len() - from > size {
        let mut limit = from + size;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let region = &text[from..limit];
        // The latest break of the best kind in the second half of the region, so a window
        // is never tiny; the break's whitespace stays with the earlier window.
        let half = region.len() / 2;
        let after = |pat: &str| {
            region
                .rfind(pat)
                .filter(|&i| i >= half)
                .map(|i| from + i + pat.len())
        };
        let cut = after("\n\n")
            .or_else(|| after("\n"))
            .or_else(|| after(". "))
            .or_else(|| after(" "))
            .unwrap_or(limit);
        let cut = if cut > from { cut } else { limit.max(from + 1) };
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        if cut >= text.len() {
            break;
        }
        cuts.push(cut);
        from = cut;
    }
    cuts
}

/// What the windows appended so far left behind: counters for new ids and the entities by
/// name, for joining.
#[derive(Default)]
struct Joined {
    /// (type, name) → index into `doc.entities`.
    by_name: HashMap<(EntityType, String), usize>,
    /// Last word of a person's name → the person entities whose name ends with it.
    by_surname: HashMap<String, Vec<usize>>,
}

impl Joined {
    /// Appends `window`'s layers to `doc`, shifting char offsets by `char_base`.
    fn append(&mut self, doc: &mut Document, window: Document, char_base: usize, keep: bool) {
        let sentence_base = doc.sentences.len();
        let token_base = doc.tokens.len();
        let Document {
            sentences,
            tokens,
            entities,
            times,
            quotes,
            events,
            warnings,
            ..
        } = window;
        for mut s in sentences {
            s.start += char_base;
            s.end += char_base;
            doc.sentences.push(s);
        }
        if keep {
            for mut t in tokens {
                t.start += char_base;
                t.end += char_base;
                t.head = t.head.map(|h| h + token_base);
                t.sentence += sentence_base;
                doc.tokens.push(t);
            }
        }
        for w in warnings {
            if !doc.warnings.contains(&w) {
                doc.warnings.push(w);
            }
        }
        let entity_ids = self.append_entities(doc, entities, char_base);
        let mut time_ids = HashMap::new();
        for mut t in times {
            let id = format!("T{}", doc.times.len() + 1);
            time_ids.insert(std::mem::replace(&mut t.id, id.clone()), id);
            t.start += char_base;
            t.end += char_base;
            if let Some(a) = time_ids.get(&t.anchor) {
                t.anchor = a.clone();
            }
            doc.times.push(t);
        }
        let mut quote_ids = HashMap::new();
        for mut q in quotes {
            let id = format!("Q{}", doc.quotes.len() + 1);
            quote_ids.insert(std::mem::replace(&mut q.id, id.clone()), id);
            q.start += char_base;
            q.end += char_base;
            q.speaker = q.speaker.and_then(|s| entity_ids.get(&s).cloned());
            doc.quotes.push(q);
        }
        for mut v in events {
            v.id = format!("V{}", doc.events.len() + 1);
            v.sentence += sentence_base;
            for trigger in std::iter::once(&mut v.trigger).chain(&mut v.other_triggers) {
                trigger.start += char_base;
                trigger.end += char_base;
            }
            v.actors.retain_mut(|a| match entity_ids.get(&a.entity) {
                Some(id) => {
                    a.entity = id.clone();
                    true
                }
                None => false,
            });
            v.place = v.place.and_then(|p| entity_ids.get(&p).cloned());
            v.time = v.time.and_then(|t| time_ids.get(&t).cloned());
            v.quotes = v
                .quotes
                .iter()
                .filter_map(|q| quote_ids.get(q).cloned())
                .collect();
            doc.events.push(v);
        }
    }

    /// Appends or joins the window's entities; returns the window id → document id map.
    fn append_entities(
        &mut self,
        doc: &mut Document,
        entities: Vec<Entity>,
        char_base: usize,
    ) -> HashMap<String, String> {
        // First decide where each entity goes, so roles can point at later ones.
        let mut ids = HashMap::new();
        let mut places = Vec::with_capacity(entities.len());
        let mut next = doc.entities.len();
        for e in &entities {
            let target = self.find(doc, e);
            let id = match target {
                Some(i) => doc.entities[i].id.clone(),
                None => {
                    next += 1;
                    format!("E{next}")
                }
            };
            ids.insert(e.id.clone(), id);
            places.push(target);
        }
        for (mut e, target) in entities.into_iter().zip(places) {
            for m in &mut e.mentions {
                m.start += char_base;
                m.end += char_base;
            }
            for r in &mut e.roles {
                r.start += char_base;
                r.end += char_base;
                r.of = r.of.take().and_then(|of| ids.get(&of).cloned());
            }
            match target {
                Some(i) => {
                    let into = &mut doc.entities[i];
                    into.mentions.append(&mut e.mentions);
                    for r in e.roles {
                        if !into
                            .roles
                            .iter()
                            .any(|x| x.title == r.title && x.of == r.of)
                        {
                            into.roles.push(r);
                        }
                    }
                    for (k, v) in e.codes {
                        into.codes.entry(k).or_insert(v);
                    }
                }
                None => {
                    e.id = ids[&e.id].clone();
                    let i = doc.entities.len();
                    self.by_name.insert((e.kind, e.name.clone()), i);
                    if e.kind == EntityType::Person {
                        if let Some(last) = e.name.split_whitespace().last() {
                            self.by_surname.entry(last.to_string()).or_default().push(i);
                        }
                    }
                    doc.entities.push(e);
                }
            }
        }
        ids
    }

    /// The entity of an earlier window that `e` is: the same type and name, or for a
    /// one-word person name, the one earlier person whose name ends with it.
    fn find(&self, doc: &Document, e: &Entity) -> Option<usize> {
        if let Some(&i) = self.by_name.get(&(e.kind, e.name.clone())) {
            return Some(i);
        }
        if e.kind == EntityType::Person && !e.name.contains(' ') {
            if let Some([i]) = self.by_surname.get(&e.name).map(Vec::as_slice) {
                if doc.entities[*i].name != e.name {
                    return Some(*i);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_after_paragraph_breaks_and_bound_every_window() {
        let para = "Ministers met in Brussels on Monday. They talked.\n\n";
        let text = para.repeat(50);
        let cuts = cut_points(&text, 300);
        assert!(!cuts.is_empty());
        let mut last = 0;
        for &c in &cuts {
            assert!(c - last <= 300, "window {last}..{c} too long");
            assert!(
                text[..c].ends_with("\n\n"),
                "cut at {c} not after a paragraph"
            );
            last = c;
        }
        assert!(text.len() - last <= 300);
    }

    #[test]
    fn text_without_breaks_is_still_cut_on_char_boundaries() {
        let text = "é".repeat(1000);
        let cuts = cut_points(&text, 301);
        assert!(!cuts.is_empty());
        for &c in &cuts {
            assert!(text.is_char_boundary(c));
        }
        assert!(cut_points("short", 300).is_empty());
    }
}

//! Repairs run after either parser for news constructions the treebank (American web
//! text) lacks or that both parsers get wrong in news: datelines, titled names, reported
//! clauses whose subject was taken for an object, and names split into several arguments.

use crate::Analysis;
use dateline_core::{Deprel, Upos};

/// The repairs run after either parser, for news constructions the treebank lacks.
pub fn repair_news_constructions(forms: &[&str], words: &mut [Analysis]) {
    repair_subjectless_complements(words);
    repair_dateline_subject(forms, words);
    repair_titled_names(forms, words);
    repair_split_names(forms, words);
}

/// "Keir Starmer will meet Donald(obj) Trump(obj)": a parser sometimes makes the words of
/// one name separate arguments of the same head. Adjacent singular proper nouns attached as
/// siblings with core nominal relations (subject, object, indirect object: a head has one
/// of each) are one name: as EWT heads a person's name ("Donald Trump") on its first word,
/// the later words hang on the first as `flat`, and what hung on them (a possessive "'s")
/// moves to the first. Obliques and nominal modifiers are left alone: a head may have
/// several, and the names the treebank heads on their last word ("Bay Rd", "State
/// Department") are mostly places and organisations there. A headline in title case or
/// capitals is left alone too: there, a capital does not mark a name.
pub fn repair_split_names(forms: &[&str], words: &mut [Analysis]) {
    if crate::lexical::sentence_style(forms) != crate::lexical::Style::Normal {
        return;
    }
    let nominal = |w: &Analysis| {
        w.upos == Upos::Propn
            && w.xpos == "NNP"
            && matches!(w.deprel.base(), Deprel::Nsubj | Deprel::Obj | Deprel::Iobj)
    };
    let mut first = 0;
    while first < words.len() {
        let head = words[first].head;
        let mut end = first + 1;
        if head.is_some() && nominal(&words[first]) {
            while end < words.len() && words[end].head == head && nominal(&words[end]) {
                end += 1;
            }
        }
        for later in &mut words[first + 1..end] {
            later.head = Some(first);
            later.deprel = Deprel::Flat;
        }
        let name = first + 1..end;
        for (i, word) in words.iter_mut().enumerate() {
            if !name.contains(&i) && word.head.is_some_and(|h| name.contains(&h)) {
                word.head = Some(first);
            }
        }
        first = end;
    }
}

/// "Kellogg accepted Russia(→obj) would have to give back territory": both parsers sometimes
/// take the subject of a reported clause for the speech verb's object, which leaves the
/// clause (`ccomp`) without a subject. When the object is right before such a clause and the
/// clause is finite (a modal or a finite verb: a bare infinitive or participle would be a
/// real object-control reading), the object becomes the clause's subject.
pub fn repair_subjectless_complements(words: &mut [Analysis]) {
    let is_subject = |w: &Analysis| {
        matches!(
            w.deprel.base(),
            Deprel::Nsubj | Deprel::Csubj | Deprel::Expl
        )
    };
    let finite = |xpos: &str| matches!(xpos, "MD" | "VBD" | "VBZ" | "VBP");
    for c in 0..words.len() {
        if words[c].deprel != Deprel::Ccomp {
            continue;
        }
        let Some(verb) = words[c].head else { continue };
        let dependents: Vec<usize> = (0..words.len())
            .filter(|&d| words[d].head == Some(c))
            .collect();
        if dependents.iter().any(|&d| is_subject(&words[d])) {
            continue;
        }
        let is_finite = finite(&words[c].xpos)
            || dependents.iter().any(|&d| {
                matches!(words[d].deprel, Deprel::Aux | Deprel::AuxPass | Deprel::Cop)
                    && finite(&words[d].xpos)
            });
        if !is_finite {
            continue;
        }
        let clause_start = subtree_span(words, c).0;
        let Some(object) = (0..c).find(|&x| {
            words[x].head == Some(verb)
                && words[x].deprel == Deprel::Obj
                && subtree_span(words, x).1 + 1 == clause_start
        }) else {
            continue;
        };
        // The clause must not hang inside the object's subtree (a non-projective parse).
        if dominates(words, object, c) {
            continue;
        }
        words[object].head = Some(c);
        words[object].deprel = Deprel::Nsubj;
    }
}

/// "WASHINGTON -- President Obama, dedicating the museum, said …": a news dateline (words
/// in capitals before a dash, at the start of a sentence) is not in the treebank, and a
/// parser may make it the subject, with the real subject in apposition to it. The dateline
/// then hangs on the verb as `dep` and the phrase after the dash becomes the subject.
pub fn repair_dateline_subject(forms: &[&str], words: &mut [Analysis]) {
    let Some(dash) = forms
        .iter()
        .take(8)
        .position(|f| matches!(*f, "-" | "--" | "—" | "–"))
    else {
        return;
    };
    let capitals =
        |f: &str| f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase);
    let reuters = |f: &str| matches!(f, "(" | ")" | "Reuters" | "AP" | "AFP" | ",");
    if dash == 0
        || !capitals(forms[0])
        || !forms[..dash].iter().all(|f| capitals(f) || reuters(f))
        || words.len() != forms.len()
    {
        return;
    }
    // The dateline's own head word: the one of its words whose head lies outside it.
    let Some(head) = (0..dash).find(|&i| words[i].head.is_none_or(|h| h >= dash)) else {
        return;
    };
    let Some(verb) = words[head].head else { return };
    if words[head].deprel.base() != Deprel::Nsubj {
        return;
    }
    let Some(subject) = (dash + 1..words.len()).find(|&i| words[i].head == Some(head)) else {
        return;
    };
    if !matches!(
        words[subject].deprel.base(),
        Deprel::Appos
            | Deprel::Flat
            | Deprel::Compound
            | Deprel::Conj
            | Deprel::Parataxis
            | Deprel::Dep
            | Deprel::Nmod
    ) {
        return;
    }
    words[subject].head = Some(verb);
    words[subject].deprel = std::mem::replace(&mut words[head].deprel, Deprel::Dep);
    // What hung on the dateline after the dash belongs to the subject now.
    for (i, word) in words.iter_mut().enumerate().skip(dash) {
        if i != subject && word.head == Some(head) {
            word.head = Some(subject);
        }
    }
}

/// "Mrs May said", "Mr Brown told MPs", "Dr Fox": after a title, a capitalised word is a
/// surname, however common a word it is otherwise. The name is the head, the title hangs
/// on it as `nmod:desc` (as EWT has "Mr. Smith"), and a name tagged as something else
/// ("May" as a modal) becomes a proper noun.
pub fn repair_titled_names(forms: &[&str], words: &mut [Analysis]) {
    const TITLES: [&str; 8] = ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];
    if words.len() != forms.len() {
        return;
    }
    for i in 0..forms.len().saturating_sub(1) {
        let j = i + 1;
        let name = forms[j];
        let capitalised = name.chars().next().is_some_and(char::is_uppercase)
            && name
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        if !TITLES.contains(&forms[i]) || !capitalised || words[i].head == Some(j) {
            continue;
        }
        if words[j].upos != Upos::Propn {
            words[j].upos = Upos::Propn;
            words[j].xpos = "NNP".into();
            words[j].lemma = name.to_string();
        }
        // The name takes the title's place in the sentence, unless that place is inside the
        // name's own subtree (which would make a cycle).
        let head = words[i].head;
        if head.is_some_and(|h| dominates(words, j, h)) {
            continue;
        }
        let deprel = std::mem::replace(&mut words[i].deprel, Deprel::NmodDesc);
        for (k, word) in words.iter_mut().enumerate() {
            if k != j && word.head == Some(i) {
                word.head = Some(j);
            }
        }
        words[j].head = head;
        words[j].deprel = deprel;
        words[i].head = Some(j);
    }
}

/// Whether `node` is `ancestor` or lies under it, following heads up (at most one step per
/// word, so a malformed tree with a cycle ends the walk).
fn dominates(words: &[Analysis], ancestor: usize, node: usize) -> bool {
    let mut up = Some(node);
    for _ in 0..=words.len() {
        match up {
            Some(u) if u == ancestor => return true,
            Some(u) => up = words[u].head,
            None => return false,
        }
    }
    false
}

/// The first and last word of the subtree under `root`.
fn subtree_span(words: &[Analysis], root: usize) -> (usize, usize) {
    (0..words.len())
        .filter(|&d| dominates(words, root, d))
        .fold((root, root), |(first, last), d| (first.min(d), last.max(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(spec: &[(&str, &str, Option<usize>, &str)]) -> Vec<Analysis> {
        spec.iter()
            .map(|&(_form, xpos, head, deprel)| Analysis {
                upos: Upos::X,
                xpos: xpos.into(),
                lemma: String::new(),
                head,
                deprel: deprel.parse().unwrap(),
            })
            .collect()
    }

    #[test]
    fn an_object_before_a_subjectless_finite_clause_becomes_its_subject() {
        // Kellogg accepted Russia(obj→accepted) would have(ccomp) to give .
        let mut w = words(&[
            ("Kellogg", "NNP", Some(1), "nsubj"),
            ("accepted", "VBD", None, "root"),
            ("Russia", "NNP", Some(1), "obj"),
            ("would", "MD", Some(4), "aux"),
            ("have", "VB", Some(1), "ccomp"),
            ("to", "TO", Some(6), "mark"),
            ("give", "VB", Some(4), "xcomp"),
            (".", ".", Some(1), "punct"),
        ]);
        repair_subjectless_complements(&mut w);
        assert_eq!((w[2].head, w[2].deprel.as_str()), (Some(4), "nsubj"));
    }

    #[test]
    fn a_clause_with_its_own_subject_or_without_a_finite_verb_is_left_alone() {
        // She told him(obj) they(nsubj) would(aux) go(ccomp).
        let mut w = words(&[
            ("She", "PRP", Some(1), "nsubj"),
            ("told", "VBD", None, "root"),
            ("him", "PRP", Some(1), "obj"),
            ("they", "PRP", Some(5), "nsubj"),
            ("would", "MD", Some(5), "aux"),
            ("go", "VB", Some(1), "ccomp"),
        ]);
        let before = w.clone();
        repair_subjectless_complements(&mut w);
        assert_eq!(w, before);
        // They saw him(obj) leave(ccomp): a bare infinitive, no modal.
        let mut w = words(&[
            ("They", "PRP", Some(1), "nsubj"),
            ("saw", "VBD", None, "root"),
            ("him", "PRP", Some(1), "obj"),
            ("leave", "VB", Some(1), "ccomp"),
        ]);
        let before = w.clone();
        repair_subjectless_complements(&mut w);
        assert_eq!(w, before);
    }

    #[test]
    fn a_dateline_taken_for_the_subject_gives_way_to_the_real_one() {
        // WASHINGTON(nsubj→said) -- President Obama(appos→WASHINGTON) said .
        let forms = ["WASHINGTON", "--", "President", "Obama", "said", "."];
        let mut w = words(&[
            ("WASHINGTON", "NNP", Some(4), "nsubj"),
            ("--", ",", Some(0), "punct"),
            ("President", "NNP", Some(3), "compound"),
            ("Obama", "NNP", Some(0), "appos"),
            ("said", "VBD", None, "root"),
            (".", ".", Some(4), "punct"),
        ]);
        repair_dateline_subject(&forms, &mut w);
        assert_eq!((w[3].head, w[3].deprel.as_str()), (Some(4), "nsubj"));
        assert_eq!((w[0].head, w[0].deprel.as_str()), (Some(4), "dep"));
        // A lower-case start is not a dateline.
        let forms = ["Obama", "--", "the", "president", "said", "."];
        let mut w2 = w.clone();
        w2[0].deprel = Deprel::Nsubj;
        let before = w2.clone();
        repair_dateline_subject(&forms, &mut w2);
        assert_eq!(w2, before);
    }

    #[test]
    fn adjacent_proper_nouns_taken_for_two_arguments_are_one_name() {
        // Keir Starmer will meet Donald(obj) Trump(obj) 's aides .
        let mut w = words(&[
            ("Keir", "NNP", Some(1), "compound"),
            ("Starmer", "NNP", Some(3), "nsubj"),
            ("will", "MD", Some(3), "aux"),
            ("meet", "VB", None, "root"),
            ("Donald", "NNP", Some(3), "obj"),
            ("Trump", "NNP", Some(3), "obj"),
            ("'s", "POS", Some(5), "case"),
            (".", ".", Some(3), "punct"),
        ]);
        for i in [0, 1, 4, 5] {
            w[i].upos = Upos::Propn;
        }
        let forms = [
            "Keir", "Starmer", "will", "meet", "Donald", "Trump", "'s", ".",
        ];
        let mut headline = w.clone();
        repair_split_names(
            &forms.map(str::to_uppercase).each_ref().map(String::as_str),
            &mut headline,
        );
        assert_eq!(headline, w);
        repair_split_names(&forms, &mut w);
        assert_eq!((w[4].head, w[4].deprel.as_str()), (Some(3), "obj"));
        assert_eq!((w[5].head, w[5].deprel.as_str()), (Some(4), "flat"));
        assert_eq!(w[6].head, Some(4));
        // "Keir Starmer" was not split; "will" and "meet" are not proper nouns.
        assert_eq!((w[0].head, w[0].deprel.as_str()), (Some(1), "compound"));
        // A name already whole, and proper nouns of different heads, are left alone.
        let before = w.clone();
        repair_split_names(&forms, &mut w);
        assert_eq!(w, before);
    }

    #[test]
    fn obliques_and_plurals_are_not_joined() {
        // moved to(case) Bay(obl) Rd(obl); State(nsubj) Arabists(nsubj, NNPS) were allowed.
        let mut w = words(&[
            ("moved", "VBD", None, "root"),
            ("to", "IN", Some(3), "case"),
            ("Bay", "NNP", Some(0), "obl"),
            ("Rd", "NNP", Some(0), "obl"),
            ("State", "NNP", Some(6), "nsubj:pass"),
            ("Arabists", "NNPS", Some(6), "nsubj:pass"),
            ("allowed", "VBN", Some(0), "conj"),
        ]);
        for x in &mut w[2..6] {
            x.upos = Upos::Propn;
        }
        let before = w.clone();
        let forms = ["moved", "to", "Bay", "Rd", "State", "Arabists", "allowed"];
        repair_split_names(&forms, &mut w);
        assert_eq!(w, before);
    }

    #[test]
    fn proper_nouns_that_are_compounds_are_left_alone() {
        // the U.S.(compound) State(compound) Department(nsubj) said so: not arguments.
        let forms = ["the", "U.S.", "State", "Department", "said", "so"];
        let mut w = words(&[
            ("the", "DT", Some(3), "det"),
            ("U.S.", "NNP", Some(3), "compound"),
            ("State", "NNP", Some(3), "compound"),
            ("Department", "NNP", Some(4), "nsubj"),
            ("said", "VBD", None, "root"),
            ("so", "RB", Some(4), "advmod"),
        ]);
        for x in &mut w[1..4] {
            x.upos = Upos::Propn;
        }
        let before = w.clone();
        repair_split_names(&forms, &mut w);
        assert_eq!(w, before);
    }

    #[test]
    fn a_name_after_a_title_heads_it_whatever_it_was_tagged() {
        // Mrs(nsubj→said) May(aux→said, MD) said .
        let forms = ["Mrs", "May", "said", "."];
        let mut w = words(&[
            ("Mrs", "NNP", Some(2), "nsubj"),
            ("May", "MD", Some(2), "aux"),
            ("said", "VBD", None, "root"),
            (".", ".", Some(2), "punct"),
        ]);
        w[1].upos = Upos::Aux;
        repair_titled_names(&forms, &mut w);
        assert_eq!((w[1].head, w[1].deprel.as_str()), (Some(2), "nsubj"));
        assert_eq!((w[1].upos.as_str(), w[1].xpos.as_str()), ("PROPN", "NNP"));
        assert_eq!((w[0].head, w[0].deprel.as_str()), (Some(1), "nmod:desc"));
        // Already the treebank's analysis: unchanged.
        let before = w.clone();
        repair_titled_names(&forms, &mut w);
        assert_eq!(w, before);
    }
}

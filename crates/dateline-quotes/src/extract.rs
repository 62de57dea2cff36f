//! Finding quotes and their attributions (cue verb and speaker words) over the scanned text.

use crate::lexicon::{Cue, CueClass, Lexicon};
use crate::scan::{QuotedSpan, Tok};
use crate::syntax::SyntaxView;
use dateline_core::QuoteKind;

/// A quote found in the text before speaker linking. Offsets are chars; token indices
/// point into the stage's own tokens.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// Token range of the cue (may be several words: "according to").
    pub cue: Option<(usize, usize)>,
    /// Token range of the speaker words.
    pub speaker: Option<(usize, usize)>,
    /// Inherits the previous quote's attribution (a quote sequence with no new cue).
    pub continues: bool,
    /// The quoted span this candidate comes from (direct and partial quotes).
    pub span: Option<usize>,
}

/// Words skipped between a subject and its cue verb ("has said", "also told",
/// "yesterday dismissing").
const SKIP_LEFT: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "previously",
    "later",
    "earlier",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "once",
    "then",
    "repeatedly",
    "reportedly",
    "publicly",
    "privately",
    "again",
    "further",
    "simply",
    "just",
    "would",
    "will",
    "did",
    "does",
    "do",
    "never",
    "not",
    "first",
    "initially",
    "subsequently",
    "now",
    "often",
    "frequently",
    "still",
    "always",
    "has",
    "had",
    "already",
    "flatly",
    "quickly",
    "angrily",
    "bluntly",
    "openly",
    "told",
    "separately",
    "clearly",
    "even",
    "may",
    "might",
    "could",
    "can",
    "should",
    "must",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
];

/// Words that end a subject noun phrase when read leftwards.
const STOP_LEFT: &[&str] = &[
    "and", "but", "or", "nor", "that", "which", "who", "whom", "whose", "where", "when", "while",
    "as", "because", "if", "although", "though", "since", "so", "than", "then", "what", "why",
    "how", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "not", "after",
    "before", "until", "unless", "whether", "yet", "also", "despite", "once", "whereas", "said",
    "says", "told", "added", "to", "yes", "no",
];

/// Words that end a noun phrase read rightwards (after an inverted cue: "said Mark Rutte").
const STOP_RIGHT: &[&str] = &[
    "at",
    "in",
    "on",
    "during",
    "after",
    "before",
    "when",
    "while",
    "who",
    "which",
    "that",
    "to",
    "as",
    "adding",
    "and",
    "but",
    "in",
    "from",
    "with",
    "about",
    "by",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "later",
    "on",
    "told",
    "said",
    "says",
    "tonight",
    "because",
    "if",
    "told",
    "wrote",
    "via",
    "into",
    "through",
];

/// Determiners and possessives that may open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "one", "another", "some",
    "several", "many", "most", "two", "three", "four", "five", "both", "all", "other", "senior",
    "top", "former", "these", "those", "this", "that", "each", "every", "any", "no",
];

/// Time nouns of adverbials that may sit between a subject and its verb.
const TIME_NOUNS: &[&str] = &[
    "month",
    "week",
    "year",
    "night",
    "weekend",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "evening",
    "afternoon",
    "time",
];

/// Prepositions that cannot end or open a speaker phrase.
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "of", "for", "from", "with", "by", "during", "after", "before", "to",
    "about", "under", "over", "like", "into", "through", "against", "among", "between",
];

/// Subject pronouns.
pub const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "it",
    "he’s",
    "she’s",
    "they’re",
    "we’re",
    "i’m",
    "he’d",
    "she’d",
    "they’d",
    "he's",
    "she's",
    "they're",
    "we're",
    "i'm",
    "he'd",
    "she'd",
    "they'd",
    "he’ll",
    "she’ll",
    "they’ll",
    "he'll",
    "she'll",
    "they'll",
];

/// Finite-verb markers that show a complement clause ("Russia *would* have to…").
const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "shall",
    "won’t",
    "won't",
    "isn’t",
    "isn't",
    "wasn’t",
    "wasn't",
    "can’t",
    "can't",
    "couldn’t",
    "couldn't",
    "wouldn’t",
    "wouldn't",
    "don’t",
    "don't",
    "doesn’t",
    "doesn't",
    "didn’t",
    "didn't",
    "hasn’t",
    "hasn't",
    "haven’t",
    "haven't",
    "aren’t",
    "aren't",
    "weren’t",
    "weren't",
    "shouldn’t",
    "shouldn't",
    "it’s",
    "it's",
    "he’s",
    "he's",
    "she’s",
    "she's",
    "they’re",
    "they're",
    "we’re",
    "we're",
    "there’s",
    "there's",
    "he’d",
    "he'd",
    "she’d",
    "she'd",
    "they’d",
    "they'd",
    "we’ll",
    "we'll",
    "he’ll",
    "he'll",
    "she’ll",
    "she'll",
    "they’ll",
    "they'll",
    "that’s",
    "that's",
    "means",
    "needs",
    "wants",
    "remains",
    "seems",
    "appears",
    "lacks",
    "knows",
    "plans",
    "intends",
    "supports",
    "opposes",
    "believes",
    "faces",
];

/// Words that cannot start a complement clause.
const NOT_CLAUSE_START: &[&str] = &[
    "to",
    "for",
    "about",
    "with",
    "by",
    "in",
    "on",
    "at",
    "of",
    "from",
    "as",
    "into",
    "up",
    "out",
    "so",
    "and",
    "but",
    "or",
    "nothing",
    "anything",
    "something",
    "little",
    "much",
    "more",
    "less",
    "goodbye",
    "hello",
    "sorry",
    "thanks",
    "yes",
    "no",
    "again",
    "too",
    "repeatedly",
    "otherwise",
    "enough",
    "later",
    "earlier",
    "how",
    "what",
    "why",
    "when",
    "where",
    "whether",
    "if",
    "over",
];

/// Time adverbials skipped after a cue ("said on Friday that").
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "recently",
    "previously",
    "again",
    "also",
    "repeatedly",
    "publicly",
    "privately",
    "afterwards",
    "then",
    "now",
    "once",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "on",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "at",
    "news",
    "conference",
    "press",
    "during",
    "speech",
    "briefing",
    "hearing",
    "weekend",
    "separately",
    "privately",
    "flatly",
    "bluntly",
    "simply",
    "quietly",
    "openly",
    "confidently",
    "firmly",
    "late",
    "early",
];

/// Nouns naming a text that speaks for its authors ("the statement said").
pub const DOCUMENT_NOUNS: &[&str] = &[
    "statement",
    "report",
    "release",
    "communique",
    "communiqué",
    "letter",
    "memo",
    "declaration",
    "document",
    "filing",
    "complaint",
    "lawsuit",
    "ruling",
    "study",
    "survey",
    "poll",
    "polls",
    "analysis",
    "review",
    "resolution",
    "text",
    "post",
    "tweet",
    "notice",
    "email",
    "message",
    "order",
    "announcement",
    "website",
    "advert",
    "ad",
    "papers",
];

/// Words before a quoted span that mark it as a title or a name, not speech.
const TITLE_CUES: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "song",
    "album",
    "show",
    "series",
    "play",
    "programme",
    "program",
    "titled",
    "entitled",
    "headlined",
    "headline",
    "hashtag",
    "slogan",
    "nicknamed",
    "dubbed",
    "so-called",
    "single",
    "documentary",
    "episode",
    "poem",
    "painting",
    "exhibition",
    "musical",
    "opera",
    "podcast",
    "sitcom",
    "drama",
    "memoir",
    "column",
    "essay",
    "article",
    "campaign",
    "operation",
    "brand",
    "label",
    "term",
    "word",
    "phrase",
    "known",
];

/// Pieces of the scanned text every finder reads.
pub struct Scan<'a> {
    pub chars: &'a [char],
    pub toks: &'a [Tok],
    pub spans: &'a [QuotedSpan],
    pub lex: &'a Lexicon,
    pub syntax: Option<&'a SyntaxView<'a>>,
    /// First token of each sentence, plus a final entry equal to `toks.len()`.
    pub sent_starts: Vec<usize>,
    /// Token index of each span's opening mark.
    pub span_open_tok: Vec<Option<usize>>,
    /// Token index of each span's closing mark.
    pub span_close_tok: Vec<Option<usize>>,
    /// The cue starting at each token, computed once.
    cues: Vec<Option<(&'a Cue, usize)>>,
}

impl<'a> Scan<'a> {
    pub fn new(
        chars: &'a [char],
        toks: &'a [Tok],
        spans: &'a [QuotedSpan],
        lex: &'a Lexicon,
        syntax: Option<&'a SyntaxView<'a>>,
    ) -> Self {
        let mut sent_starts = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            if k == 0 || t.sent != toks[k - 1].sent {
                sent_starts.push(k);
            }
        }
        sent_starts.push(toks.len());
        let mut span_open_tok = vec![None; spans.len()];
        let mut span_close_tok = vec![None; spans.len()];
        for (k, t) in toks.iter().enumerate() {
            match (t.quote, t.mark) {
                (Some(q), Some(true)) => span_open_tok[q] = Some(k),
                (Some(q), Some(false)) => span_close_tok[q] = Some(k),
                _ => {}
            }
        }
        let mut scan = Scan {
            chars,
            toks,
            spans,
            lex,
            syntax,
            sent_starts,
            span_open_tok,
            span_close_tok,
            cues: Vec::new(),
        };
        scan.cues = (0..toks.len()).map(|k| scan.compute_cue(k)).collect();
        scan
    }

    /// Token range `[start, end)` of the sentence holding token `k`.
    fn sentence_of(&self, k: usize) -> (usize, usize) {
        let s = self.toks[k].sent;
        let i = self
            .sent_starts
            .partition_point(|&st| st < self.toks.len() && self.toks[st].sent <= s);
        (self.sent_starts[i - 1], self.sent_starts[i])
    }

    fn outside_quotes(&self, k: usize) -> bool {
        self.toks[k].quote.is_none()
    }

    /// The cue starting at token `k` (outside quotes), with its length in tokens.
    pub fn cue_at(&self, k: usize) -> Option<(&'a Cue, usize)> {
        self.cues.get(k).copied().flatten()
    }

    fn compute_cue(&self, k: usize) -> Option<(&'a Cue, usize)> {
        let t = self.toks.get(k)?;
        if !t.is_word || !self.outside_quotes(k) {
            return None;
        }
        let hi = (k + 3).min(self.toks.len());
        let mut words: [&str; 3] = [""; 3];
        let mut n_words = 0;
        for t in self.toks[k..hi]
            .iter()
            .take_while(|t| t.is_word && t.quote.is_none())
        {
            words[n_words] = t.lower.as_str();
            n_words += 1;
        }
        let words = &words[..n_words];
        let (cue, n) = self.lex.lookup(words)?;
        // Capitalised cue words are headline or title words ("Trump Says …"), except a
        // sentence-opening "According to".
        let sentence_start = k == 0 || self.toks[k - 1].sent != t.sent;
        let after_cap = k > 0 && self.toks[k - 1].is_word && self.toks[k - 1].cap;
        if t.cap && cue.lemma != "according to" && (sentence_start || after_cap) {
            return None;
        }
        if let Some(sx) = self.syntax {
            // With a tagger, a noun reading ("the report", "his comments") is no cue.
            if !sx.may_be_verb(self.toks[k].start) && cue.lemma != "according to" {
                return None;
            }
        }
        Some((cue, n))
    }

    fn is_pronoun(&self, k: usize) -> bool {
        PRONOUNS.contains(&self.toks[k].lower.as_str())
    }

    /// The subject noun phrase left of the cue at `k`, not reaching before `lo`.
    pub fn left_np(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        if let Some(name) = self.apposed_name(k, lo) {
            return Some(name);
        }
        if let Some(sx) = self.syntax {
            if let Some((a, b)) = sx.subject_of(self.toks[k].start) {
                let s = self.toks.partition_point(|t| t.start < a);
                let e = self.toks.partition_point(|t| t.start < b);
                // A parse may swallow a dateline or an introductory phrase ("Dec 29
                // (Reuters) - …", "In February, Sanders"): punctuation sends the phrase to
                // the token patterns.
                let clean = (s..e).all(|i| {
                    self.outside_quotes(i)
                        && (self.toks[i].is_word
                            || matches!(self.toks[i].lower.as_str(), "-" | "&" | "."))
                });
                if s >= lo && e <= k && s < e && clean {
                    if let Some(np) = self.finish_np(s, e) {
                        return Some(np);
                    }
                }
            }
        }
        self.left_np_pattern(k, lo)
    }

    /// "The Shadow Secretary of State, Theresa May, said": the name in an apposition just
    /// before the cue names the speaker best.
    fn apposed_name(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = k;
        while j > lo && SKIP_LEFT.contains(&self.toks[j - 1].lower.as_str()) {
            j -= 1;
        }
        if j < lo + 3 || !self.toks[j - 1].is_punct(',') {
            return None;
        }
        let end = j - 1;
        let mut m = end;
        while m > lo && self.toks[m - 1].is_word && self.toks[m - 1].cap && end - m < 4 {
            m -= 1;
        }
        let opened =
            m > lo + 1 && m < end && self.toks[m - 1].is_punct(',') && self.toks[m - 2].is_word;
        let name = (m..end)
            .all(|i| self.outside_quotes(i) && !TIME_NOUNS.contains(&self.toks[i].lower.as_str()));
        (opened && name).then_some((m, end))
    }

    /// [`Scan::left_np`] by token patterns only.
    pub fn left_np_pattern(&self, k: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = k;
        loop {
            if j > lo && SKIP_LEFT.contains(&self.toks[j - 1].lower.as_str()) {
                j -= 1;
            } else if j > lo + 1
                && TIME_NOUNS.contains(&self.toks[j - 1].lower.as_str())
                && matches!(
                    self.toks[j - 2].lower.as_str(),
                    "last" | "this" | "next" | "on" | "earlier" | "late" | "early"
                )
            {
                j -= 2; // "had last month charged", "on Friday said"
            } else {
                break;
            }
        }
        // A parenthetical between subject and verb: "Kellogg, Mr Trump’s envoy, accepted",
        // "the statement – which includes … – said".
        if j > lo + 1 {
            let closer = &self.toks[j - 1];
            if !closer.is_word && matches!(closer.lower.as_str(), "," | "–" | "—" | ")") {
                let want = if closer.lower == ")" {
                    "("
                } else {
                    closer.lower.as_str()
                };
                let floor = j.saturating_sub(20).max(lo);
                let mut m = j - 1;
                while m > floor {
                    m -= 1;
                    let t = &self.toks[m];
                    if t.quote.is_some() || (!t.is_word && matches!(t.lower.as_str(), "." | ";")) {
                        break;
                    }
                    if !t.is_word && t.lower == want {
                        // "The Shadow Secretary, Theresa May, said": the name in the
                        // apposition names the speaker best.
                        let inner = m + 1..j - 1;
                        let name = want == ","
                            && (1..=4).contains(&inner.len())
                            && self.toks[inner.clone()].iter().all(|t| t.is_word && t.cap)
                            && m > lo
                            && self.toks[m - 1].is_word;
                        if name {
                            return Some((inner.start, inner.end));
                        }
                        if m > lo && self.toks[m - 1].is_word {
                            j = m;
                        }
                        break;
                    }
                }
            }
        }
        let end = j;
        while j > lo {
            let t = &self.toks[j - 1];
            if !t.is_word || t.quote.is_some() {
                // Keep "&" and hyphens inside names; anything else ends the phrase.
                if t.quote.is_none() && matches!(t.lower.as_str(), "&" | "-") && j - 1 > lo {
                    j -= 1;
                    continue;
                }
                break;
            }
            if STOP_LEFT.contains(&t.lower.as_str()) && !(t.cap && j == end) {
                break;
            }
            if !t.cap && self.cue_at(j - 1).is_some() {
                break;
            }
            // A past-tense verb ends the phrase ("attacked billionaire Donald Trump"),
            // an adjective after a determiner does not ("the embattled senator").
            if !t.cap
                && t.lower.ends_with("ed")
                && j >= 2
                && !DETERMINERS.contains(&self.toks[j - 2].lower.as_str())
                && j < end
            {
                break;
            }
            j -= 1;
            if end - j >= 10 || (self.is_pronoun(j) && j + 1 == end) {
                break;
            }
        }
        self.finish_np(j, end)
    }

    /// Trims a speaker phrase to its opening word and checks it.
    fn finish_np(&self, mut j: usize, mut end: usize) -> Option<(usize, usize)> {
        while end > j && !self.toks[end - 1].is_word {
            end -= 1;
        }
        // Trim leading conjunctions, prepositions, time words ("On Monday Lib Dem …") and
        // stray words.
        while j < end
            && (!self.np_opener(j)
                || (j + 1 < end && TIME_NOUNS.contains(&self.toks[j].lower.as_str()))
                || matches!(
                    self.toks[j].lower.as_str(),
                    "and" | "but" | "or" | "so" | "yet"
                ))
        {
            j += 1;
        }
        if j >= end {
            return None;
        }
        let w = self.toks[j].lower.as_str();
        if end - j == 1
            && matches!(
                w,
                "it" | "it’s" | "it's" | "there" | "this" | "that" | "which"
            )
        {
            return None;
        }
        self.valid_np(j, end).then_some((j, end))
    }

    /// True when token `j` can open a noun phrase.
    fn np_opener(&self, j: usize) -> bool {
        let t = &self.toks[j];
        t.is_word
            && !PREPOSITIONS.contains(&t.lower.as_str())
            && (t.cap
                || DETERMINERS.contains(&t.lower.as_str())
                || self.is_pronoun(j)
                || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
                || !PREPOSITIONS.contains(&t.lower.as_str())
                    && !t.lower.ends_with("ly")
                    && !t.lower.ends_with("ing")
                    && !t.lower.ends_with("ed")
                    && !FINITE.contains(&t.lower.as_str()))
    }

    /// The noun phrase right of position `k` (after an inverted cue), up to `hi`.
    pub fn right_np(&self, k: usize, hi: usize) -> Option<(usize, usize)> {
        let mut j = k;
        let start = k;
        let mut clean_end = j >= hi;
        while j < hi {
            let t = &self.toks[j];
            if !t.is_word || t.quote.is_some() {
                clean_end = t.quote.is_none() && t.mark.is_none();
                break;
            }
            if j > start && FINITE.contains(&t.lower.as_str()) {
                return None; // "said the senator can …": a clause subject, not a speaker
            }
            if j > start && STOP_RIGHT.contains(&t.lower.as_str()) {
                clean_end = true;
                break;
            }
            if j == start {
                let w = t.lower.as_str();
                let opener = (t.cap || DETERMINERS.contains(&w) || self.is_pronoun(j))
                    && !matches!(
                        w,
                        "that" | "this" | "these" | "those" | "it" | "no" | "all" | "any"
                    );
                if !opener {
                    return None;
                }
            }
            if j > start && !t.cap && self.cue_at(j).is_some() {
                clean_end = true;
                break;
            }
            j += 1;
            if j - start >= 8 {
                break;
            }
            if j >= hi {
                clean_end = true;
            }
        }
        (j > start && clean_end && self.valid_np(start, j)).then_some((start, j))
    }

    /// A plausible speaker phrase: ends in a noun-like word, and a one-word phrase is a
    /// name, a pronoun or a plural noun ("sources", "officials").
    fn valid_np(&self, s: usize, e: usize) -> bool {
        let last = &self.toks[e - 1];
        let lw = last.lower.as_str();
        if TIME_NOUNS.contains(&lw) || matches!(lw, "day" | "today" | "yesterday" | "tonight") {
            return false; // "The next month, …": a time adverbial, not a speaker
        }
        if DETERMINERS.contains(&lw) && !last.cap
            || STOP_LEFT.contains(&lw)
            || PREPOSITIONS.contains(&lw)
            || FINITE.contains(&lw)
        {
            return false;
        }
        if e - s == 1 {
            let w = self.toks[s].lower.as_str();
            return last.cap
                || self.is_pronoun(s)
                || (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 && !w.ends_with("ous"));
        }
        let first = self.toks[s].lower.as_str();
        !first.ends_with("ing") || self.toks[s].cap
    }

    /// The end of the sentence holding `k`, as a token index (exclusive).
    fn sent_end(&self, k: usize) -> usize {
        self.sentence_of(k).1
    }

    /// True when the tokens in `[a, b)` are only adverbials that may follow a cue
    /// ("at a panel event in Munich", "on Friday", "in a statement").
    fn only_adverbials(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return true;
        }
        let first = &self.toks[a];
        let opens = !first.is_word && first.lower == ","
            || matches!(
                first.lower.as_str(),
                "at" | "in"
                    | "on"
                    | "during"
                    | "to"
                    | "after"
                    | "before"
                    | "yesterday"
                    | "today"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "late"
                    | "early"
                    | "when"
                    | "while"
                    | "via"
                    | "from"
                    | "tonight"
                    | "recently"
                    | "told"
                    | "through"
                    | "adding"
                    | "according"
                    | "citing"
                    | "referring"
                    | "as"
                    | "of"
                    | "about"
                    | "with"
                    | "shortly"
                    | "overnight"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
            );
        opens && (a..b).all(|i| self.toks[i].quote.is_none() || self.toks[i].mark.is_some())
    }

    /// Number of words inside a quoted span.
    pub fn span_words(&self, q: usize) -> usize {
        let (a, b) = (self.span_open_tok[q], self.span_close_tok[q]);
        match a {
            Some(a) => {
                let b = b.unwrap_or_else(|| {
                    self.toks[a..].partition_point(|t| t.start < self.spans[q].close) + a
                });
                self.toks[a + 1..b].iter().filter(|t| t.is_word).count()
            }
            None => 0,
        }
    }
}

/// Finds the attribution of a quoted span; fills the cue and speaker.
/// The cue's and the speaker's token ranges, and whether an attribution was found.
type Attribution = (Option<(usize, usize)>, Option<(usize, usize)>, bool);

fn attribute_span(sc: &Scan, q: usize) -> Attribution {
    let Some(o) = sc.span_open_tok[q] else {
        return (None, None, false);
    };
    let para = sc.toks[o].para;
    // 1. After the closing mark: "…,” he said", "…,” said X", "…” according to X".
    if let Some(c) = sc.span_close_tok[q] {
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
        let window_hi = hi.min(a + 24);
        for k in a..window_hi {
            let Some((cue, n)) = sc.cue_at(k) else {
                continue;
            };
            let participle = sc.toks[k].lower.ends_with("ing") && cue.lemma != "according to";
            if participle {
                break; // "…,” adding …": the speaker is found before the quote
            }
            if cue.lemma == "according to" || (k == a && cue.class == CueClass::Speech) {
                let np = sc.right_np(k + n, hi);
                if np.is_some() || cue.lemma == "according to" {
                    return (Some((k, k + n)), np, true);
                }
            }
            // The whole stretch between the quote and the cue must be the speaker (a parse
            // may give only the head of "Senate minority leader Harry Reid").
            let np = sc
                .left_np(k, a)
                .filter(|&(s, _)| s == a)
                .or_else(|| sc.left_np_pattern(k, a));
            if let Some((s, e)) = np {
                if s == a && e <= k {
                    return (Some((k, k + n)), Some((s, e)), true);
                }
            }
            break;
        }
        // An attribution verb outside the lexicon: "“…,” Trump shot back." — a quote
        // ending on a comma, question or exclamation mark, then a name and a verb that
        // ends the sentence.
        if !full_stop
            && matches!(
                sc.chars[qa..qb].iter().rev().find(|c| !c.is_whitespace()),
                Some(',' | '?' | '!')
            )
        {
            if let Some((s, e)) = sc.right_np(a, hi).filter(|&(s, e)| {
                e - s <= 4 && sc.toks[s..e].iter().any(|t| t.cap || sc.is_pronoun(s))
            }) {
                let v = e;
                let verbish = sc.toks.get(v).is_some_and(|t| {
                    t.is_word
                        && !t.cap
                        && sc.syntax.is_none_or(|sx| sx.may_be_verb(t.start))
                        && !STOP_RIGHT.contains(&t.lower.as_str())
                        && (t.lower.ends_with("ed")
                            || t.lower.ends_with('s')
                            || sc.syntax.is_some())
                });
                if verbish
                    && (sc.only_adverbials(v + 1, hi)
                        || matches!(
                            sc.toks.get(v + 1).map(|t| t.lower.as_str()),
                            Some("back" | "out" | "up")
                        ))
                {
                    return (Some((v, v + 1)), Some((s, e)), true);
                }
            }
        }
    }
    // 2. Before the opening mark, in the same sentence: "X said: “…”", "X said, “…”",
    //    "according to X, “…”", "dismissing the visit as being at “…”".
    //    A paragraph that opens with a quote may take its cue from the previous
    //    paragraph's closing colon ("Cruz said:¶“…”").
    let colon_before = o > 0 && sc.toks[o - 1].para + 1 == para && sc.toks[o - 1].is_punct(':');
    let (ss, _) = sc.sentence_of(if colon_before { o - 1 } else { o });
    let mut k = if colon_before { o - 1 } else { o };
    let mut cue_found = None;
    while k > ss {
        k -= 1;
        if let Some((cue, n)) = sc.cue_at(k) {
            cue_found = Some((k, n, cue));
            break;
        }
    }
    if let Some((k, n, cue)) = cue_found {
        if cue.lemma == "according to" {
            let np = sc.right_np(k + n, o.min(sc.sent_end(k)));
            return (Some((k, k + n)), np, true);
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
        return (Some((k, k + n)), np, true);
    }
    // 3. A headline or transcript attribution: "Bernie Sanders: ‘It Is Not A Radical Idea’".
    if o > ss + 1 && sc.toks[o - 1].is_punct(':') && sc.toks[o - 1].para == para {
        if let Some((s, e)) = sc.left_np(o - 1, ss) {
            let lead =
                s == ss || (s == ss + 1 && matches!(sc.toks[ss].lower.as_str(), "and" | "but"));
            if lead && e == o - 1 && e - s <= 6 && sc.toks[s..e].iter().any(|t| t.cap) {
                return (None, Some((s, e)), true);
            }
        }
    }
    // 4. A quote introduced by a colon without a cue verb ("Kaine has adopted the stance:
    //    “…”"): the subject of the introducing clause.
    if o > ss + 2 && sc.toks[o - 1].is_punct(':') && sc.toks[o - 1].para == para {
        if let Some(np) = first_verbish(sc, ss, o - 1).and_then(|v| sc.left_np(v, ss)) {
            return (None, Some(np), true);
        }
    }
    // 5. A cue after the quote later in the sentence: "“…” for the party, X said."
    let (_, se) = sc.sentence_of(o);
    if let Some(c) = sc.span_close_tok[q] {
        for k in c + 1..se {
            if sc.toks[k].mark == Some(true) {
                break;
            }
            if let Some((cue, n)) = sc.cue_at(k) {
                if cue.class == CueClass::Characterise {
                    continue;
                }
                let end = (k + n..se)
                    .find(|&i| {
                        !sc.toks[i].is_word && matches!(sc.toks[i].lower.as_str(), "." | "!" | "?")
                    })
                    .unwrap_or(se);
                if let Some((s, e)) = sc.left_np(k, c + 1) {
                    if s > c + 1 && sc.toks[s - 1].is_punct(',') && sc.only_adverbials(k + n, end) {
                        return (Some((k, k + n)), Some((s, e)), true);
                    }
                }
                if sc.toks[k - 1].is_punct(',') {
                    if let Some(np) = sc.right_np(k + n, end) {
                        return (Some((k, k + n)), Some(np), true);
                    }
                }
            }
        }
    }
    (None, None, false)
}

/// The first verb-looking word of a sentence before `limit` (used to find the subject of
/// a main clause from a trailing participle).
fn first_verbish(sc: &Scan, ss: usize, limit: usize) -> Option<usize> {
    (ss + 1..limit).find(|&i| {
        let t = &sc.toks[i];
        t.is_word
            && !t.cap
            && (FINITE.contains(&t.lower.as_str())
                || t.lower.ends_with("ed")
                || sc.cue_at(i).is_some())
    })
}

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
        let Some(o) = sc.span_open_tok[q] else {
            continue;
        };
        let words = sc.span_words(q);
        if words == 0 {
            continue;
        }
        let direct = is_direct(sc, q);
        let (cue, speaker, found) = attribute_span(sc, q);
        let (a, b) = sc.spans[q].content();
        let (a, b) = trim(sc.chars, a, b);
        if !found {
            // A quote paragraph or sentence with no cue continues the previous speaker.
            let prev = out.last();
            let continues = direct
                && prev.is_some_and(|p| {
                    let pp = p
                        .span
                        .and_then(|s| sc.span_open_tok[s])
                        .map(|t| sc.toks[t].para);
                    (p.speaker.is_some() || p.continues)
                        && pp.is_some_and(|pp| pp + 1 >= sc.toks[o].para)
                        && (!intervening_cue(sc, p, o) || attribution_just_before(sc, o))
                });
            if continues {
                out.push(Candidate {
                    start: a,
                    end: b,
                    kind: QuoteKind::Direct,
                    cue: None,
                    speaker: None,
                    continues: true,
                    span: Some(q),
                });
                continue;
            }
            // Without a cue: a long whole-sentence quote is still speech; a short or embedded
            // one is a scare quote or a title.
            let exclaims = direct
                && matches!(
                    sc.chars[a..b].iter().rev().find(|c| !c.is_whitespace()),
                    Some('.' | '!' | '?')
                );
            if looks_like_title(sc, q) || (words < 4 && !exclaims) {
                continue;
            }
            if !direct {
                // A fragment quoted in a sentence without a cue verb: its words are most
                // often the sentence subject's ("The DNC issued “a deep and sincere apology”").
                let (ss, _) = sc.sentence_of(o);
                let subject = first_verbish(sc, ss, o)
                    .and_then(|v| sc.left_np(v, ss))
                    .filter(|&(s, e)| {
                        sc.toks[s..e].iter().any(|t| t.cap) || (e - s == 1 && sc.is_pronoun(s))
                    });
                out.push(Candidate {
                    start: a,
                    end: b,
                    kind: QuoteKind::Partial,
                    cue: None,
                    speaker: subject,
                    continues: false,
                    span: Some(q),
                });
                continue;
            }
        } else {
            let short = words <= 3;
            let punct_inside = matches!(
                sc.chars[a..b].iter().rev().find(|c| !c.is_whitespace()),
                Some(',' | '.' | '!' | '?')
            );
            if !direct && looks_like_title(sc, q) && !punct_inside {
                continue;
            }
            if short && !direct && !punct_inside && modifier_like(sc, q) {
                continue; // the UK’s ‘special relationship’ means …: a scare quote
            }
        }
        out.push(Candidate {
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
        });
    }
    out
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

fn trim(chars: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}

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

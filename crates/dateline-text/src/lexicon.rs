//! Closed word lists the tokenizer and sentence splitter consult.

/// Titles that precede a name: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Drs", "Profs", "Mme", "Mlle", "Dr", "Prof", "Gen", "Lt",
    "Col", "Maj", "Capt", "Cmdr", "Cdr", "Cmdt", "Adm", "Sgt", "Cpl", "Pte", "Pvt", "Brig", "Gov",
    "Sen", "Rep", "Reps", "Rev", "Revd", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Sra", "Sta",
    "Mt", "Ft", "Atty", "Amb", "Lieut", "Cllr", "Cong",
];

/// Abbreviations that keep their period but may also end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "St", "Inc", "Ltd", "Corp", "Co", "Cos", "Bros", "Plc", "PLC", "LLC", "Esq",
    "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Hwy", "etc", "vs", "al", "approx", "est", "cf",
    "ca", "viz", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Ala", "Ariz", "Ark",
    "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md",
    "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "eds", "Dist", "Sts", "lb", "oz", "eg",
];

/// Abbreviations that keep their period only before a number ("No. 10", "pp. 4-5").
const NUMERIC_ABBREVIATIONS: &[&str] = &[
    "No", "no", "Nos", "nos", "Vol", "vol", "p", "pp", "Art", "art", "Fig", "fig", "Ch", "ch",
    "Sec", "sec", "Para", "para", "ext", "Ext", "Tel", "tel",
];

/// Hyphenated prefixes that EWT keeps inside one token ("post-war", "e-mail", "non-stop").
const BOUND_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "pro", "multi", "ex", "sub", "semi",
    "cross", "neo", "psycho", "socio", "counter", "intra", "inter", "un", "micro", "macro",
    "ultra", "hyper", "trans", "bi", "tri", "mis", "extra", "infra", "pan", "quasi", "super",
    "cyber", "geo", "eco", "mega", "mini", "pseudo", "retro", "auto", "bio", "tele", "uni", "over",
];

/// Names written with an exclamation mark that belongs to them ("Yahoo! News").
const BANG_NAMES: &[&str] = &["Yahoo", "YAHOO", "Jeopardy"];

/// Words after which a written "its" can only be "it's": function words that cannot follow
/// the possessive ("its not", "its a"). Adverbs can ("its now infamous poster").
const AFTER_ITS_IS: &[&str] = &[
    "a", "an", "the", "not", "like", "in", "for", "from", "between", "been", "nothing", "going",
    "gonna", "my", "your", "his", "her", "our", "their", "this", "these", "those", "what", "how",
    "at", "on", "about",
];

/// File-name extensions, which EWT keeps with their period when they stand alone (".doc").
const FILE_EXTENSIONS: &[&str] = &[
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "rtf", "csv", "htm", "html", "jpg",
    "jpeg", "png", "gif", "zip", "mp3", "mp4", "wav", "exe",
];

/// True for a lower-case file-name extension such as "doc" or "pdf".
pub(crate) fn is_file_extension(ext: &str) -> bool {
    FILE_EXTENSIONS.contains(&ext)
}

/// True for a name that keeps its "!" ("Yahoo").
pub(crate) fn is_bang_name(word: &str) -> bool {
    BANG_NAMES.contains(&word)
}

/// True when `base` (lower case) + "nt" is a negated auxiliary written without its
/// apostrophe: EWT splits "dont" as "do" + "nt" like "don't". "wont" is left alone: in
/// edited text it is the noun ("as is his wont").
pub(crate) fn is_negated_auxiliary(base: &str) -> bool {
    matches!(
        base,
        "do" | "does"
            | "did"
            | "could"
            | "would"
            | "should"
            | "is"
            | "was"
            | "are"
            | "were"
            | "have"
            | "has"
            | "had"
            | "ai"
            | "ca"
            | "ar"
            | "need"
            | "must"
    )
}

/// The pronoun length of a contraction written without its apostrophe that is no English
/// word, given in lower case: EWT splits "thats" as "that" + "s". Forms that are words
/// ("its", "ill", "id", "well", "were", "lets") are not here.
pub(crate) fn pronoun_contraction(word: &str) -> Option<usize> {
    match word {
        "im" | "ive" => Some(1),
        "hes" | "itll" => Some(2),
        "youre" | "youve" | "youll" => Some(3),
        "thats" | "whats" | "heres" | "theyre" | "theyve" | "theyll" => Some(4),
        "theres" => Some(5),
        _ => None,
    }
}

/// True when `next` (lower case) after a written "its" shows it means "it's".
pub(crate) fn is_after_its_is(next: &str) -> bool {
    AFTER_ITS_IS.contains(&next)
}

/// Capitalised words that typically start a sentence; after an abbreviation that can end a
/// sentence ("U.S.", "Inc.") they signal that it did.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "for",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "however",
    "meanwhile",
    "also",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "then",
    "yet",
    "still",
    "since",
    "although",
    "though",
    "despite",
    "during",
    "under",
    "according",
    "last",
    "earlier",
    "later",
    "now",
    "today",
    "yesterday",
    "both",
    "each",
    "every",
    "other",
    "another",
    "such",
    "more",
    "much",
    "one",
    "here",
    "mr",
    "mrs",
    "ms",
    "dr",
    "is",
    "was",
    "are",
    "were",
    "do",
    "does",
    "did",
    "can",
    "will",
    "would",
    "should",
    "could",
    "let",
    "with",
    "without",
    "from",
    "by",
    "to",
    "about",
    "instead",
    "thus",
    "indeed",
    "nor",
    "neither",
    "even",
    "only",
    "just",
    "because",
    "once",
    "until",
    "unless",
    "whether",
    "over",
    "among",
    "following",
    "overall",
    "separately",
    "further",
    "besides",
    "nevertheless",
    "moreover",
    "furthermore",
    "hence",
    "otherwise",
    "perhaps",
    "maybe",
    "analysts",
    "officials",
    "police",
    "sources",
];

/// True when `word` (without its period) is a title such as "Mr" or "Gen".
pub(crate) fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// True for an all-caps form of a title ("MR", "GEN" in headlines): it keeps its period
/// but, unlike the title, may be an acronym that ends a sentence ("the FT.").
pub(crate) fn is_upper_title(word: &str) -> bool {
    word.len() <= 5
        && word.chars().all(|c| c.is_ascii_uppercase())
        && TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Company suffixes, "etc" and month abbreviations: before a capitalised word they end
/// the sentence ("… Apple Inc. Former staff", "… in Dec. Natalie").
const CLOSING_ABBREVIATIONS: &[&str] = &[
    "Inc", "Ltd", "Corp", "Cos", "Bros", "Plc", "PLC", "LLC", "etc", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "INC", "LTD", "CORP",
];

/// True when `word` (without its period) usually ends a sentence before a capitalised word.
pub(crate) fn is_closing_abbreviation(word: &str) -> bool {
    CLOSING_ABBREVIATIONS.contains(&word)
}

/// True when `word` (without its period) is an abbreviation that keeps its period.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// True when `word` keeps its period if a number follows.
pub(crate) fn is_numeric_abbreviation(word: &str) -> bool {
    NUMERIC_ABBREVIATIONS.contains(&word)
}

/// True when `word` is a prefix that stays attached to what follows its hyphen.
pub(crate) fn is_bound_prefix(word: &str) -> bool {
    word.len() <= 7
        && BOUND_PREFIXES
            .iter()
            .any(|p| p.len() == word.len() && p.eq_ignore_ascii_case(word))
}

/// True when `word` is a capitalised sentence starter such as "The" or "He".
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || word.len() > 12 {
        return false;
    }
    let lower = word.to_lowercase().replace('’', "'");
    SENTENCE_STARTERS.contains(&lower.as_str())
}

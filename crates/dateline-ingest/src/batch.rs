//! What a batch run needs around the readers: expanding directories and globs into files,
//! skipping non-English articles, and recognising duplicates.

use dateline_core::{Article, Error};
use std::collections::HashSet;
use std::path::Path;

/// Extensions that are never articles; a directory walk leaves such files out.
const NOT_ARTICLES: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "pdf", "css", "js",
    "mjs", "map", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "m4a", "wav", "ogg", "webm",
    "mov", "avi", "zip", "7z", "rar", "exe", "dll", "so", "dylib", "o", "a", "class", "jar", "pyc",
    "wasm", "db", "sqlite", "lock", "DS_Store",
];

/// Turns the command-line inputs into files: a directory gives every file under it
/// (recursively, sorted, hidden entries and media files left out), a glob gives its
/// matches (sorted), `-` stays stdin. Inputs that match nothing are reported as errors.
pub fn expand_inputs(args: &[String]) -> (Vec<String>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            files.push(arg.clone());
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else if path.exists() || !arg.contains(['*', '?', '[']) {
            files.push(arg.clone());
        } else {
            let options = glob::MatchOptions {
                require_literal_leading_dot: true,
                ..Default::default()
            };
            match glob::glob_with(arg, options) {
                Ok(paths) => {
                    let mut matched: Vec<_> = paths.filter_map(|p| p.ok()).collect();
                    matched.sort();
                    if matched.is_empty() {
                        errors.push(Error::input(arg, "no file matches this pattern"));
                    }
                    for m in matched {
                        if m.is_dir() {
                            walk(&m, &mut files, &mut errors);
                        } else {
                            files.push(m.to_string_lossy().into_owned());
                        }
                    }
                }
                Err(e) => errors.push(Error::input(arg, format!("not a valid file pattern: {e}"))),
            }
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<String>, errors: &mut Vec<Error>) {
    // An explicit stack, so a deep tree cannot overflow the call stack.
    let mut stack = vec![dir.to_path_buf()];
    let mut found = Vec::new();
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                errors.push(Error::Io {
                    path: d.to_string_lossy().into_owned(),
                    source: e,
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            // file_type() does not follow symlinks; is_dir() does, which could loop.
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() || (ft.is_symlink() && p.is_file()) {
                let ext = p
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                if !NOT_ARTICLES.contains(&ext.as_str()) {
                    found.push(p);
                }
            }
        }
    }
    found.sort();
    files.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
}

/// The language of an article's text, as an ISO 639-3 code (`eng`, `deu`…), when it can
/// be told reliably. Short or mixed texts give `None` and are treated as English.
pub fn detect_language(article: &Article) -> Option<&'static str> {
    let sample: String = match &article.title {
        Some(t) => t
            .chars()
            .chain(std::iter::once('\n'))
            .chain(article.body.chars())
            .take(2000)
            .collect(),
        None => article.body.chars().take(2000).collect(),
    };
    let info = whatlang::detect(&sample)?;
    info.is_reliable().then(|| info.lang().code())
}

/// True unless the article is reliably detected as written in another language than English.
pub fn is_english(article: &Article) -> bool {
    plainly_english(article) || detect_language(article).is_none_or(|code| code == "eng")
}

/// English function words that are not words of the other languages whatlang tells apart
/// with Latin script ("in", "a", "on", "was", "die" are left out for that reason).
const ENGLISH_MARKERS: [&str; 24] = [
    "the", "of", "and", "to", "that", "for", "with", "said", "has", "have", "from", "this", "his",
    "they", "were", "been", "which", "their", "who", "would", "it", "by", "are", "not",
];

/// A fast path for the common case: a text whose words are at least an eighth English
/// function words is English, and whatlang (a tenth of the time of a short article's whole
/// pipeline) need not run. Texts that fall short still go to whatlang, so this can only
/// keep an article, never skip one.
fn plainly_english(article: &Article) -> bool {
    let title = article.title.as_deref().unwrap_or("");
    let (mut words, mut markers) = (0usize, 0usize);
    let mut budget = 2000usize;
    'texts: for text in [title, article.body.as_str()] {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            // About the 2,000-char window whatlang is given.
            let chars = word.chars().count() + 1;
            if chars > budget {
                break 'texts;
            }
            budget -= chars;
            if word.is_empty() {
                continue;
            }
            words += 1;
            if word.len() <= 5 && ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
                markers += 1;
            }
        }
    }
    words >= 40 && markers * 8 >= words
}

/// Why an article was recognised as a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicate {
    SameUrl,
    SameText,
}

/// Remembers the articles of a batch by URL and by normalised text (8-byte hashes, so a
/// run over millions of articles stays small).
#[derive(Default)]
pub struct Deduplicator {
    urls: HashSet<u64>,
    texts: HashSet<u64>,
}

impl Deduplicator {
    pub fn new() -> Self {
        Self::default()
    }

    /// `Some` when this article was seen before in the batch; otherwise remembers it.
    pub fn check(&mut self, article: &Article) -> Option<Duplicate> {
        let url_key = article
            .source
            .as_ref()
            .and_then(|s| s.url.as_deref())
            .map(normalise_url)
            .filter(|u| !u.is_empty())
            .map(|u| fnv(u.as_bytes()));
        let text_key = normalised_text_hash(&article.body);
        if url_key.is_some_and(|k| self.urls.contains(&k)) {
            return Some(Duplicate::SameUrl);
        }
        if text_key.is_some_and(|k| self.texts.contains(&k)) {
            return Some(Duplicate::SameText);
        }
        if let Some(k) = url_key {
            self.urls.insert(k);
        }
        if let Some(k) = text_key {
            self.texts.insert(k);
        }
        None
    }
}

/// The URL key duplicates are found by: no scheme, `www.`, fragment or trailing slash; lower case.
pub fn normalise_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_ascii_lowercase()
}

/// Hash of the text's words, lowercased, punctuation and spacing ignored. Texts of fewer
/// than five words are not compared (two empty bodies are not the same article).
/// The text key duplicates are found by: a hash of the lower-cased words (None under 5 words).
pub fn normalised_text_hash(text: &str) -> Option<u64> {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut words = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        h ^= b' ' as u64;
        h = h.wrapping_mul(0x100000001b3);
        words += 1;
    }
    (words >= 5).then_some(h)
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Source, SourceFormat};

    fn article(body: &str, url: Option<&str>) -> Article {
        Article {
            body: body.to_string(),
            source: Some(Source {
                path: None,
                url: url.map(str::to_string),
                format: SourceFormat::Html,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn duplicates_by_url_and_by_text() {
        let mut d = Deduplicator::new();
        let text = "The minister said on Monday that the talks would resume next week.";
        assert_eq!(
            d.check(&article(text, Some("https://www.example.com/a/"))),
            None
        );
        assert_eq!(
            d.check(&article(
                "Other text entirely, with enough words in it.",
                Some("http://example.com/a#top")
            )),
            Some(Duplicate::SameUrl)
        );
        assert_eq!(
            d.check(&article(
                "  THE minister said, on Monday, that the talks would resume next week!",
                None
            )),
            Some(Duplicate::SameText)
        );
        assert_eq!(
            d.check(&article(
                "A different story about the weather in Paris today.",
                None
            )),
            None
        );
        assert_eq!(d.check(&article("", None)), None);
        assert_eq!(d.check(&article("", None)), None);
    }

    #[test]
    fn language_detection() {
        let en = article("The government announced on Tuesday that it would raise taxes on fuel, drawing criticism from opposition parties and business groups.", None);
        let de = article("Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu erhöhen, was bei Opposition und Wirtschaftsverbänden auf Kritik stieß.", None);
        assert!(is_english(&en));
        assert!(!is_english(&de));
        assert_eq!(detect_language(&de), Some("deu"));
        assert!(is_english(&article("OK", None)));
    }

    #[test]
    fn english_fast_path_keeps_english_and_leaves_the_rest_to_whatlang() {
        let en = "The government said on Tuesday that it would raise taxes on fuel from April, \
            drawing criticism from opposition parties, which have said that the rise would hurt \
            families who drive to work. Ministers have defended the plan, saying it was needed to \
            pay for the repair of roads and bridges that were damaged by floods this winter.";
        assert!(plainly_english(&article(en, None)));
        let others = [
            "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoffe zu \
             erhöhen, was bei der Opposition und den Wirtschaftsverbänden auf scharfe Kritik stieß. \
             Die Minister verteidigten den Plan und sagten, er sei nötig, um die Reparatur der \
             Straßen und Brücken zu bezahlen, die in diesem Winter durch Hochwasser beschädigt wurden.",
            "Le gouvernement a annoncé mardi qu'il allait augmenter les taxes sur le carburant à \
             partir d'avril, ce qui a suscité les critiques des partis d'opposition, qui estiment \
             que la hausse pénalisera les familles qui prennent la voiture pour aller travailler. \
             Les ministres ont défendu le projet, nécessaire selon eux pour réparer les routes.",
            "El gobierno anunció el martes que subirá los impuestos sobre el combustible a partir \
             de abril, lo que provocó las críticas de los partidos de la oposición, que afirman que \
             la subida perjudicará a las familias que usan el coche para ir a trabajar. Los \
             ministros defendieron el plan, que según ellos es necesario para reparar carreteras.",
        ];
        for text in others {
            assert!(!plainly_english(&article(text, None)), "{text}");
            assert!(!is_english(&article(text, None)), "{text}");
        }
        // Too short to tell by counting: whatlang decides.
        assert!(!plainly_english(&article("The talks.", None)));
    }

    #[test]
    fn expands_directories_and_globs() {
        let dir = std::env::temp_dir().join(format!("dateline-expand-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for f in ["b.txt", "a.html", "logo.png", ".hidden.txt", "sub/c.xml"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let (files, errors) = expand_inputs(&[dir.to_string_lossy().into_owned()]);
        assert!(errors.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                Path::new(f)
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "sub/c.xml"]);
        let pattern = format!("{}/*.txt", dir.to_string_lossy());
        let (files, _) = expand_inputs(&[pattern]);
        assert_eq!(files.len(), 1);
        let (files, errors) = expand_inputs(&[format!("{}/*.nothing", dir.to_string_lossy())]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

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
    detect_language(article).is_none_or(|code| code == "eng")
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

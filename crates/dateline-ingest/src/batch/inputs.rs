//! Command-line inputs into files: directories walked, globs matched, `-` kept for stdin.

use dateline_core::Error;
use std::path::Path;

/// Extensions that are never articles; a directory walk leaves such files out.
const NOT_ARTICLES: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "pdf", "css", "js",
    "mjs", "map", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "m4a", "wav", "ogg", "webm",
    "mov", "avi", "zip", "7z", "rar", "exe", "dll", "so", "dylib", "o", "a", "class", "jar", "pyc",
    "wasm", "db", "sqlite", "lock", "DS_Store",
];

/// File names a directory walk leaves out, whatever their extension (`README.TXT`,
/// `LICENSE`, `COPYING.md`): a corpus folder's notes, not articles. Named on the command
/// line, such a file is read like any other.
const PROJECT_FILES: &[&str] = &["readme", "license", "licence", "copying"];

/// What the command-line inputs expand to.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The files to read, in order (`-` for stdin).
    pub files: Vec<String>,
    /// Inputs that could not be expanded (a pattern matching nothing, an unreadable folder).
    pub errors: Vec<Error>,
    /// Files inside directories left out as project files (README, LICENSE, COPYING).
    pub skipped: Vec<String>,
}

/// Turns the command-line inputs into files: a directory gives every file under it
/// (recursively, sorted; hidden entries, media files and README/LICENSE/COPYING files left
/// out), a glob gives its matches (sorted), `-` stays stdin. Inputs that match nothing are
/// reported as errors.
pub fn expand_inputs(args: &[String]) -> Expanded {
    let mut expanded = Expanded::default();
    let Expanded {
        files,
        errors,
        skipped,
    } = &mut expanded;
    for arg in args {
        if arg == "-" {
            files.push(arg.clone());
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, files, errors, skipped);
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
                            walk(&m, files, errors, skipped);
                        } else {
                            files.push(m.to_string_lossy().into_owned());
                        }
                    }
                }
                Err(e) => errors.push(Error::input(arg, format!("not a valid file pattern: {e}"))),
            }
        }
    }
    expanded
}

/// True for a README, LICENSE or COPYING file, with or without an extension.
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    PROJECT_FILES.contains(&stem.as_str())
}

fn walk(dir: &Path, files: &mut Vec<String>, errors: &mut Vec<Error>, skipped: &mut Vec<String>) {
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
                if is_project_file(&p) {
                    skipped.push(p.to_string_lossy().into_owned());
                } else if !NOT_ARTICLES.contains(&ext.as_str()) {
                    found.push(p);
                }
            }
        }
    }
    found.sort();
    files.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_directories_and_globs() {
        let dir = std::env::temp_dir().join(format!("dateline-expand-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for f in [
            "b.txt",
            "a.html",
            "logo.png",
            ".hidden.txt",
            "sub/c.xml",
            "README.TXT",
            "sub/LICENSE",
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let Expanded {
            files,
            errors,
            skipped,
        } = expand_inputs(&[dir.to_string_lossy().into_owned()]);
        assert!(errors.is_empty());
        assert_eq!(skipped.len(), 2, "{skipped:?}");
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
        let pattern = format!("{}/*.html", dir.to_string_lossy());
        assert_eq!(expand_inputs(&[pattern]).files.len(), 1);
        // Named explicitly, a README is read.
        let readme = dir.join("README.TXT").to_string_lossy().into_owned();
        assert_eq!(expand_inputs(std::slice::from_ref(&readme)).files, [readme]);
        let none = expand_inputs(&[format!("{}/*.nothing", dir.to_string_lossy())]);
        assert!(none.files.is_empty());
        assert_eq!(none.errors.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

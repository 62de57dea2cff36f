//! Runs an HTML extractor over the Zyte article-extraction benchmark and writes its output in
//! the benchmark's format (`output/<name>.json`), printing pages/s. `eval/ingest.sh` scores it.
//!
//! `cargo run --release -p dateline-ingest --example zyte_eval -- --data DIR --out DIR [--extractor dateline|dom_smoothie|rs_trafilatura]`

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut data = dateline_core::shared_dir().join("data/article-extraction");
    let mut out = PathBuf::from("zyte-out");
    let mut extractor = "dateline".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().expect("--data DIR").into(),
            "--out" => out = args.next().expect("--out DIR").into(),
            "--extractor" => extractor = args.next().expect("--extractor NAME"),
            other => {
                eprintln!("zyte_eval: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let mut pages = Vec::new();
    let dir = data.join("html");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    entries.sort();
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("ground truth is JSON");
    for path in entries {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".html.gz")
            .to_string();
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let url = truth[&name]["url"].as_str().map(str::to_string);
        pages.push((name, bytes, url));
    }
    let started = Instant::now();
    let mut output = serde_json::Map::new();
    for (name, bytes, url) in &pages {
        let html = dateline_ingest::decode_html(bytes);
        let body = match extractor.as_str() {
            "dateline" => dateline_ingest::html::extract(&html, url.as_deref(), None).body,
            "dom_smoothie" => dom_smoothie::Readability::new(html.as_str(), None, None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default(),
            #[cfg(feature = "rs-trafilatura")]
            "rs_trafilatura" => rs_trafilatura::extract(&html)
                .map(|r| r.content_text)
                .unwrap_or_default(),
            other => {
                eprintln!("zyte_eval: unknown extractor {other} (rs_trafilatura needs --features rs-trafilatura)");
                std::process::exit(2);
            }
        };
        output.insert(name.clone(), serde_json::json!({ "articleBody": body }));
    }
    let secs = started.elapsed().as_secs_f64();
    let out_dir = out.join("output");
    std::fs::create_dir_all(&out_dir).unwrap();
    let version = match extractor.as_str() {
        "dom_smoothie" => "0.19.0",
        "rs_trafilatura" => "0.2.2",
        _ => env!("CARGO_PKG_VERSION"),
    };
    let doc = serde_json::json!({ "version": version, "output": output });
    std::fs::write(
        out_dir.join(format!("{extractor}.json")),
        serde_json::to_string(&doc).unwrap(),
    )
    .unwrap();
    println!(
        "{extractor}: {} pages in {secs:.2} s = {:.1} pages/s (one thread)",
        pages.len(),
        pages.len() as f64 / secs
    );
}

//! HTML reader: any bytes, decoded as a page, must extract without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = dateline_ingest::decode_html(data);
    let article =
        dateline_ingest::html::extract(&page, Some("https://example.com/2025/02/15/x"), None);
    // The body is one paragraph a line, never with empty lines.
    assert!(!article.body.contains("\n\n"));
    let _ = dateline_ingest::html::fragment_text(&page);
});

//! Feed reader: any bytes either parse to articles or give an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(articles) = dateline_ingest::feed::read_feed(data, "fuzz.xml") {
        for a in articles {
            assert!(!a.body.contains("\n\n"));
        }
    }
});

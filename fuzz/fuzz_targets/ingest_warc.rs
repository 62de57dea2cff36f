//! WARC/ARC reader (plain or gzip): any bytes give records, articles or positioned errors,
//! never a panic, and reading always ends.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = dateline_ingest::warc::maybe_gunzip(std::io::Cursor::new(data.to_vec()))
    else {
        return;
    };
    let mut n = 0usize;
    for item in dateline_ingest::warc::read_archive("fuzz.warc".into(), reader) {
        n += 1;
        assert!(n <= data.len() + 2, "more items than input bytes");
        if let Err(e) = item {
            assert!(e.to_string().starts_with("fuzz.warc"));
        }
    }
});

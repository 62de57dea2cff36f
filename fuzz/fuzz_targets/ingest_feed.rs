//! Feed reader: any bytes either parse to articles or give an error; no panic escapes it.
//!
//! `read_feed` catches the panics of two known upstream bugs (feed-rs 3.0 slicing an author
//! string inside a character, quick-xml encoding switches it cannot prevent) and reports
//! the input as unreadable, so here a panic is a crash only when it escapes `read_feed`
//! (libfuzzer-sys then aborts). Each caught panic's location is logged once.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::Mutex;

fuzz_target!(
    init: {
        let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        std::panic::set_hook(Box::new(move |info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if seen.lock().map(|mut s| s.insert(at)).unwrap_or(false) {
                eprintln!("panic (a crash only if it escapes read_feed): {info}");
            }
        }));
    },
    |data: &[u8]| {
        if let Ok(articles) = dateline_ingest::feed::read_feed(data, "fuzz.xml") {
            for a in articles {
                assert!(!a.body.contains("\n\n"));
            }
        }
    }
);

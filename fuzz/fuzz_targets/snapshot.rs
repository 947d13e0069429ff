//! A page snapshot (what `extension/snapshot.js` sends, in the wire format, or one written as
//! JSON and converted to it) and a patch list from arbitrary text: built into a tree, read by whichever site reader its URL picks, and the page judged against a small
//! directory: the whole path of `check_snapshot` in the wasm binding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::model::{Context, Directory};
use procguard_core::{evaluate, parse_now, Policy};
use procguard_readers::{read, Dom};

const DIRECTORY: &str = r#"{
  "format": "procguard/directory@1",
  "msp": {"name": "Fuzz IT", "email_domains": ["fuzz.example"]},
  "customers": [
    {"id": "acme", "name": "Acme Dental LLC", "aliases": ["Acme"], "domains": ["acmedental.com"],
     "subscriptions": [{"product": "Visio Plan 2", "quantity": 2, "term": "monthly", "billing": "monthly"}]}
  ]
}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Dom::parse_patches(text);
    let Ok(dom) = Dom::from_wire(text).or_else(|_| Dom::from_json(text)) else {
        return;
    };
    let Some(reading) = read(&dom) else {
        return;
    };
    for anchor in &reading.anchors {
        let _ = anchor.at;
    }
    let Some(page) = reading.page else {
        return;
    };
    let directory = Directory::from_json(DIRECTORY).expect("the fuzz directory is valid");
    let now = "2026-11-21T10:30:00-05:00";
    let context = Context::for_page(&directory, page, None, now);
    let _ = evaluate(
        &Policy::default(),
        &context,
        parse_now(now).expect("a fixed moment"),
    );
});

//! `procguard_core::json_out` writes what serde_json writes, for every page the fixtures read
//! to, for the pieces of a result, and for whatever `extra` a page carries; a fraction is
//! refused rather than written otherwise.

use std::path::PathBuf;

use procguard_core::json_out::to_json;
use procguard_core::{Diagnostic, Page};
use serde_json::json;

fn fixture_pages() -> Vec<(String, Page)> {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures"
    ));
    let mut pages = Vec::new();
    for site in std::fs::read_dir(&root).unwrap() {
        let site = site.unwrap().path();
        if !site.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&site).unwrap() {
            let expected = case.unwrap().path().join("expected.json");
            if let Ok(text) = std::fs::read_to_string(&expected) {
                let text = text.replace("{{TODAY}}", "2026-12-04");
                let page = Page::from_json(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
                pages.push((expected.display().to_string(), page));
            }
        }
    }
    pages
}

#[test]
fn every_fixture_page_is_written_as_serde_json_writes_it() {
    let pages = fixture_pages();
    assert!(pages.len() >= 10, "{} pages", pages.len());
    for (name, page) in &pages {
        assert_eq!(
            to_json(page).unwrap(),
            serde_json::to_string(page).unwrap(),
            "{name}"
        );
        assert_eq!(
            to_json(&Some(page)).unwrap(),
            serde_json::to_string(&Some(page)).unwrap()
        );
    }
    let none: Option<Page> = None;
    assert_eq!(to_json(&none).unwrap(), "null");
}

#[test]
fn extra_fields_strings_that_need_escapes_and_the_result_pieces_are_written_alike() {
    let mut page: Page = serde_json::from_value(json!({
        "kind": "pax8-cart",
        "customer": "Quote \" back\\slash \t tab \u{1} ctl é 😀 \u{202e}rtl",
        "lines": [{"product": "P", "quantity": -3, "term": "annual", "billing": null, "note": [1, "x", null, true, {"k": {}}]}],
        "vendor_field": {"b": 2, "a": [u64::MAX, i64::MIN]}
    }))
    .unwrap();
    assert_eq!(
        to_json(&page).unwrap(),
        serde_json::to_string(&page).unwrap()
    );
    let diagnostics = vec![Diagnostic {
        check: "order.ambiguous-term".into(),
        message: "a \"message\"".into(),
    }];
    assert_eq!(
        to_json(&diagnostics).unwrap(),
        serde_json::to_string(&diagnostics).unwrap()
    );
    for targets in [vec![], vec![0u32, 7, u32::MAX]] {
        assert_eq!(
            to_json(&targets).unwrap(),
            serde_json::to_string(&targets).unwrap()
        );
    }
    assert_eq!(to_json(&true).unwrap(), "true");
    // A fraction anywhere is refused, never written another way than serde_json would.
    if let Page::Pax8Cart(cart) = &mut page {
        cart.extra.insert("ratio".into(), json!(0.5));
    }
    assert!(to_json(&page).is_err());
}

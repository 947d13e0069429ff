//! The wasm binding in a real browser (wasm-bindgen-test with /usr/bin/chromedriver): the
//! exported entry points work on wasm32, including reading the clock (chrono's `wasmbind`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DIRECTORY: &str = r#"{"format":"procguard/directory@1",
  "msp":{"name":"GGIT","email_domains":["ggit.example"]},
  "customers":[{"id":"acme","name":"Acme Dental LLC","aliases":[],"domains":["acmedental.com"],
    "agreements":[{"product":"Visio Plan 2","term":"monthly","status":"signed","signed_on":"2026-01-02"}],
    "quotes":[{"id":"Q-1","items":[{"product":"Visio Plan 2","quantity":2,"term":"monthly"}]}]}]}"#;

/// A Pax8 cart with one line, as extension/snapshot.js would send it.
fn cart_snapshot(product: &str, quantity: &str) -> String {
    let nodes = serde_json::json!([
        {"p": -1, "t": "body", "i": 0},
        {"p": 0, "t": "p", "i": 1}, {"p": 1, "x": "Company"},
        {"p": 0, "t": "h2", "i": 2}, {"p": 3, "x": "Acme Dental LLC"},
        {"p": 0, "t": "table", "i": 3},
        {"p": 5, "t": "tr", "i": 4},
        {"p": 6, "t": "th", "i": 5}, {"p": 7, "x": "Product"},
        {"p": 6, "t": "th", "i": 6}, {"p": 9, "x": "Term"},
        {"p": 6, "t": "th", "i": 7}, {"p": 11, "x": "Quantity"},
        {"p": 5, "t": "tr", "i": 8},
        {"p": 13, "t": "td", "i": 9}, {"p": 14, "x": product},
        {"p": 13, "t": "td", "i": 10}, {"p": 16, "x": "Monthly"},
        {"p": 13, "t": "td", "i": 11},
        {"p": 18, "t": "input", "i": 12, "a": {"type": "number", "aria-label": "Quantity"}, "v": quantity},
        {"p": 0, "t": "button", "i": 13}, {"p": 20, "x": "Checkout"}
    ]);
    serde_json::json!({"url": "https://app.pax8.com/cart", "title": "Cart", "nodes": nodes})
        .to_string()
}

fn check(snapshot: &str) -> serde_json::Value {
    let wire = procguard_readers::dom::wire_of_json(snapshot).unwrap();
    serde_json::from_str(&procguard_wasm::check_snapshot(&wire, "")).unwrap()
}

#[wasm_bindgen_test]
fn a_cart_matching_its_quote_is_read_and_not_held_using_the_browser_clock() {
    procguard_wasm::load_directory(DIRECTORY).unwrap();
    let result = check(&cart_snapshot("Visio Plan 2", "2"));
    assert_eq!(result["page"]["lines"][0]["product"], "Visio Plan 2");
    assert_eq!(result["page"]["lines"][0]["quantity"], 2);
    assert_eq!(result["holds_checkout"], false, "{result}");
}

#[wasm_bindgen_test]
fn a_product_not_on_the_quote_holds_checkout_and_points_at_its_line() {
    procguard_wasm::load_directory(DIRECTORY).unwrap();
    let result = check(&cart_snapshot("Visio Plan 1", "2"));
    assert_eq!(result["holds_checkout"], true);
    let finding = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "order.product-matches-quote")
        .expect("product finding");
    assert_eq!(finding["anchor"], 8, "anchored on the cart row");
    assert_eq!(result["hold_targets"], serde_json::json!([13]));
}

#[wasm_bindgen_test]
fn a_bad_directory_is_refused_and_the_previous_one_stays() {
    procguard_wasm::load_directory(DIRECTORY).unwrap();
    let err = procguard_wasm::load_directory(
        r#"{"format":"procguard/directory@1","customers":[{"id":1}]}"#,
    );
    assert!(err.is_err());
    let result = check(&cart_snapshot("Visio Plan 2", "2"));
    assert_eq!(result["directory_loaded"], true);
    assert!(!result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "page.customer-unknown"));
}

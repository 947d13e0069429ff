//! Reading contexts and directories: errors name the line, column and field path, in
//! lowercase words with user values in backticks and the advice apart.

use procguard_core::{Context, Directory, Page};

fn scenario() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scenarios/01-monthly-new-on-confirmation.json"
    ))
    .unwrap()
}

fn directory_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/directory.json"
    ))
    .unwrap()
}

#[test]
fn errors_name_the_field_path_line_and_column() {
    let text = scenario();
    let cases = [
        (
            "\"term\": \"annual\"",
            "\"term\": \"weekly\"",
            "customers[0].subscriptions[1].term",
            "unknown variant `weekly`",
        ),
        (
            "\"quantity\": 12",
            "\"quantity\": \"twelve\"",
            "customers[0].subscriptions[0].quantity",
            "expected a whole number",
        ),
        (
            "\"billing\": \"monthly\"",
            "\"billing\": \"weekly\"",
            "page.lines[0].billing",
            "unknown variant `weekly`",
        ),
        (
            "\"kind\": \"pax8-cart\"",
            "\"kind\": \"pax8-basket\"",
            "page.kind",
            "unknown page kind `pax8-basket`",
        ),
        (
            "\"kind\": \"pax8-cart\",",
            "",
            "page.kind",
            "the page has no `kind`",
        ),
        (
            "\"now\": \"2026-11-21T10:30:00-05:00\"",
            "\"now\": \"yesterday\"",
            "now",
            "`yesterday` is not a date-time",
        ),
        (
            "\"id\": \"bright\"",
            "\"id\": \"acme\"",
            "customers[2].id",
            "duplicate customer id `acme`",
        ),
        (
            "\"High\": 60",
            "\"High\": \"soon\"",
            "msp.helpdesk_vendor.sla_minutes.High",
            "not a number of minutes",
        ),
    ];
    for (from, to, path, words) in cases {
        let changed = text.replacen(from, to, 1);
        let error = Context::from_json(&changed).expect_err(path);
        assert_eq!(error.path, path, "{error}");
        assert!(error.message.contains(words), "{error}");
        assert!(error.line > 1 && error.column >= 1, "{error}");
        assert!(
            !error.message.contains("i64") && !error.message.contains("struct"),
            "{error}"
        );
        assert!(!error.message.starts_with(char::is_uppercase), "{error}");
    }
}

#[test]
fn a_truncated_file_says_where_it_ends_and_why() {
    let text = scenario();
    let cut = &text[..text.find("\"rmm_devices\"").unwrap()];
    let error = Context::from_json(cut).unwrap_err();
    assert!(error.path.starts_with("customers[0]"), "{error}");
    assert!(
        error.help.as_deref().unwrap().contains("truncated"),
        "{error}"
    );
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("{}:{}: ", error.line, error.column)),
        "{shown}"
    );
}

#[test]
fn wrong_format_says_what_the_file_is() {
    let error = Context::from_json(&directory_text()).unwrap_err();
    assert!(error.message.contains("this is not a context"), "{error}");
    assert!(error.message.contains("`procguard/directory@1`"), "{error}");
    let error = Directory::from_json(&scenario()).unwrap_err();
    assert!(error.message.contains("this is not a directory"), "{error}");
    let error = Context::from_json("[1, 2]").unwrap_err();
    assert!(error.message.contains("not a context"), "{error}");
    let error = Context::from_json("{}").unwrap_err();
    assert!(error.message.contains("has no `format`"), "{error}");
}

#[test]
fn a_directory_export_keeps_what_was_imported() {
    let mut value: serde_json::Value = serde_json::from_str(&directory_text()).unwrap();
    value["customers"][0]["x_crm_id"] = serde_json::json!({"id": 42});
    value["x_exported_by"] = serde_json::json!("options page");
    let directory = Directory::from_json(&value.to_string()).unwrap();
    let exported: serde_json::Value = serde_json::from_str(&directory.to_json_pretty()).unwrap();
    assert_eq!(exported["customers"][0]["x_crm_id"]["id"], 42);
    assert_eq!(exported["x_exported_by"], "options page");
    assert_eq!(
        Directory::from_json(&directory.to_json_pretty()).unwrap(),
        directory
    );
}

#[test]
fn a_page_on_its_own_keeps_unknown_fields_and_says_where_it_is_wrong() {
    let page = r#"{
  "kind": "pax8-cart",
  "customer": "Acme Dental",
  "x_reader": "v2",
  "lines": [
    {"product": "Visio Plan 2", "quantity": 2, "term": "monthly", "x_row": 7},
    {"product": "Visio Plan 1", "quantity": 1, "term": "annual"}
  ]
}"#;
    let read = Page::from_json(page).unwrap();
    let written: serde_json::Value = serde_json::to_value(&read).unwrap();
    assert_eq!(written["kind"], "pax8-cart");
    assert_eq!(written["x_reader"], "v2");
    assert_eq!(written["lines"][0]["x_row"], 7);
    assert_eq!(Page::from_json(&written.to_string()).unwrap(), read);
    let unknown: Vec<String> = serde_json::to_value(
        Page::from_json(r#"{"x_b": 1, "kind": "autotask-ticket", "x_a": 2, "x_c": 3}"#).unwrap(),
    )
    .unwrap()
    .as_object()
    .unwrap()
    .keys()
    .filter(|key| key.starts_with("x_"))
    .cloned()
    .collect();
    assert_eq!(
        unknown,
        ["x_b", "x_a", "x_c"],
        "unknown fields keep their order"
    );
    assert!(Page::from_json(r#"["pax8-cart"]"#).is_err());
    // `kind` first or not, spaced or not, read the same; of two kinds the last one counts.
    for (text, kind) in [
        (
            r#" { "kind" : "pax8-cart" , "customer": "Acme" }"#,
            "pax8-cart",
        ),
        (r#"{"customer": "Acme", "kind": "pax8-cart"}"#, "pax8-cart"),
        (
            r#"{"kind": "pax8-cart", "kind": "autotask-ticket"}"#,
            "autotask-ticket",
        ),
    ] {
        assert_eq!(Page::from_json(text).unwrap().kind(), kind, "{text}");
    }

    // A valid page is read in one pass; a wrong one still gets its place and field path.
    let cases = [
        (
            "\"quantity\": 1,",
            "\"quantity\": \"one\",",
            7,
            "lines[1].quantity",
            "expected a whole number",
        ),
        (
            "\"term\": \"annual\"",
            "\"term\": \"weekly\"",
            7,
            "lines[1].term",
            "unknown variant `weekly`",
        ),
        (
            "\"pax8-cart\"",
            "\"pax8-basket\"",
            2,
            "kind",
            "unknown page kind `pax8-basket`",
        ),
        (
            "\"kind\": \"pax8-cart\",",
            "",
            1,
            "kind",
            "the page has no `kind`",
        ),
    ];
    for (from, to, line, path, words) in cases {
        let error = Page::from_json(&page.replacen(from, to, 1)).expect_err(path);
        assert_eq!((error.line, error.path.as_str()), (line, path), "{error}");
        assert!(error.message.contains(words), "{error}");
    }
}

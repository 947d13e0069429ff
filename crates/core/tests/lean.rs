//! The content script's decoders (`procguard_core::lean`, over `procguard_core::json`) read
//! every directory and user of the shared fixtures and scenarios exactly as serde does, and
//! refuse what serde refuses.

use procguard_core::{json, lean, Directory, User, DIRECTORY_FORMAT};
use serde_json::{json, Value};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Every directory the shared files hold: the fixtures' directory, and each scenario's
/// `msp` and `customers` as a directory.
fn directories() -> Vec<(String, String)> {
    let mut out = vec![(
        "fixtures/directory.json".to_string(),
        std::fs::read_to_string(format!("{SHARED}/fixtures/directory.json")).unwrap(),
    )];
    let mut scenarios: Vec<_> = std::fs::read_dir(format!("{SHARED}/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 10, "the shared scenarios are there");
    for path in scenarios {
        let context: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut directory = json!({"format": DIRECTORY_FORMAT});
        for key in ["msp", "customers"] {
            if let Some(v) = context.get(key) {
                directory[key] = v.clone();
            }
        }
        out.push((
            path.display().to_string(),
            serde_json::to_string_pretty(&directory).unwrap(),
        ));
    }
    out
}

#[test]
fn every_shared_directory_reads_as_serde_reads_it_unknown_fields_included() {
    for (name, text) in directories() {
        let by_serde = Directory::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let lean = lean::directory_from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(lean, by_serde, "{name}");
    }
}

#[test]
fn unknown_fields_at_every_level_are_kept_in_extra() {
    let text = r#"{"format": "procguard/directory@1", "x": 1,
        "msp": {"name": "M", "y": [true], "helpdesk_vendor": {"sla_minutes": {"High": 60}, "z": null}},
        "customers": [{"id": "a", "name": "A", "w": {"deep": "er"},
            "subscriptions": [{"product": "P", "term": "annual", "seat_changes": [{"delta": -2, "v": 1.5}]}],
            "contacts": [{"name": "C", "authority": ["purchasing"], "u": "x"}],
            "help_desk": {"plan": "per-device", "t": 0}}]}"#;
    assert_eq!(
        lean::directory_from_json(text).unwrap(),
        Directory::from_json(text).unwrap()
    );
}

#[test]
fn what_serde_refuses_is_refused_with_the_field_path() {
    let base = |customers: &str| {
        format!(
            r#"{{"format": "procguard/directory@1", "customers": [{{"id": "a", "name": "A"}}, {customers}]}}"#
        )
    };
    for (customer, path) in [
        (
            r#"{"id": "b", "name": "B", "subscriptions": [{"product": "P", "term": "weekly"}]}"#,
            "customers[1].subscriptions[0].term",
        ),
        (r#"{"id": "b", "name": 7}"#, "customers[1].name"),
        (
            r#"{"id": "b", "name": "B", "aliases": null}"#,
            "customers[1].aliases",
        ),
        (
            r#"{"id": "b", "name": "B", "subscriptions": [{"product": "P", "quantity": 1.5}]}"#,
            "customers[1].subscriptions[0].quantity",
        ),
        (
            r#"{"id": "b", "name": "B", "contacts": [{"name": "C", "authority": ["boss"]}]}"#,
            "customers[1].contacts[0].authority[0]",
        ),
        (
            r#"{"id": "b", "name": "B", "help_desk": {"plan": null}}"#,
            "customers[1].help_desk.plan",
        ),
    ] {
        let text = base(customer);
        assert!(
            Directory::from_json(&text).is_err(),
            "serde refuses {customer}"
        );
        let error = lean::directory_from_json(&text).expect_err(customer);
        assert_eq!(error.path, path, "{customer}: {error}");
    }
    let error = lean::directory_from_json(r#"{"format": "procguard/context@1"}"#).unwrap_err();
    assert_eq!(error.path, "format");
    let error = lean::directory_from_json("{\"format\": ").unwrap_err();
    assert!(error.message.contains("line 1 column 12"), "{error}");
}

#[test]
fn a_user_reads_as_serde_reads_it() {
    for text in [
        r#"{"name": "Dana", "email": "dana@msp.example"}"#,
        r#"{"email": null, "team": "T1"}"#,
        "{}",
    ] {
        let by_serde: User = serde_json::from_str(text).unwrap();
        assert_eq!(
            lean::user(json::parse_value(text).unwrap()).unwrap(),
            by_serde,
            "{text}"
        );
    }
    assert!(lean::user(json::parse_value(r#"{"name": 1}"#).unwrap()).is_err());
}

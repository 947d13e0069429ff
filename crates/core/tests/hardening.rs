//! Regressions found by fuzzing (`fuzz/`): inputs that once broke a read or a round trip.

use procguard_core::Directory;

/// fuzz/directory_json: two customers without an `id` were accepted, then written out with
/// `"id": ""` each and refused on the next read as duplicates.
#[test]
fn a_customer_without_an_id_is_refused_and_names_where() {
    let text = r#"{"format": "procguard/directory@1", "customers": [
  {"id": "a", "name": "A"},
  {"name": "B Law"}
]}"#;
    let error = Directory::from_json(text).unwrap_err();
    assert_eq!(error.path, "customers[1].id");
    assert_eq!(error.message, "customer `B Law` has no `id`");
    assert_eq!((error.line, error.column), (3, 3));
    let blank = r#"{"format": "procguard/directory@1", "customers": [{"id": " "}]}"#;
    assert_eq!(
        Directory::from_json(blank).unwrap_err().message,
        "a customer has no `id`"
    );
}

/// Whatever a directory import accepts writes out as a directory that reads back the same.
#[test]
fn an_accepted_directory_round_trips() {
    let text = r#"{"format": "procguard/directory@1", "customers": [{"id": "a", "name": "A", "x": [1, {"y": null}]}]}"#;
    let directory = Directory::from_json(text).unwrap();
    let written = directory.to_json_pretty();
    assert_eq!(
        Directory::from_json(&written).unwrap().to_json_pretty(),
        written
    );
}

//! A directory import from arbitrary text: read, written back out, and read again. What was
//! accepted once must be accepted again and write out the same (unknown fields included).
//! An older format is migrated: the result must read as a directory and need no migration.
//! What serde accepts, the content script's hand-written decoder reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::model::Directory;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(Some(migrated)) = Directory::migrate_json(text) {
        if let Err(e) = Directory::from_json(&migrated.text) {
            panic!("a migrated directory does not read: {e}\n{}", migrated.text);
        }
        assert_eq!(Directory::migrate_json(&migrated.text), Ok(None));
    }
    match Directory::from_json(text) {
        Ok(directory) => {
            match procguard_core::lean::directory_from_json(text) {
                Ok(lean) => assert_eq!(lean, directory, "the lean decoder reads it otherwise"),
                Err(e) => panic!("serde accepts what the lean decoder refuses: {e}"),
            }
            let written = directory.to_json_pretty();
            let again = Directory::from_json(&written).unwrap_or_else(|e| {
                panic!("an accepted directory wrote out unreadable: {e}\n{written}")
            });
            assert_eq!(
                again.to_json_pretty(),
                written,
                "round trip changed the directory"
            );
        }
        Err(error) => {
            // The message places the problem inside the text.
            let _ = error.to_string();
            assert!(
                error.line <= text.lines().count().max(1) + 1,
                "line {} past the text",
                error.line
            );
        }
    }
});

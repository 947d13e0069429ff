//! A directory import from arbitrary text: read, written back out, and read again. What was
//! accepted once must be accepted again and write out the same (unknown fields included).
//! An older format is migrated: the result must read as a directory and need no migration.
//! What serde accepts goes through a settings pack (the content script's form of it) and
//! comes back as the same pack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::model::Directory;
use procguard_core::pack::{PackReader, PackWriter};

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
            let pack = |d: Option<&Directory>| {
                let mut w = PackWriter::new();
                w.directory(d);
                w.finish()
            };
            let packed = pack(Some(&directory));
            let mut reader = PackReader::new(&packed)
                .unwrap_or_else(|e| panic!("a pack does not read: {e}\n{packed}"));
            let back = reader
                .directory()
                .unwrap_or_else(|e| panic!("a packed directory does not read: {e}\n{packed}"));
            reader.finish().unwrap();
            assert_eq!(pack(back.as_ref()), packed, "a pack read back writes otherwise");
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

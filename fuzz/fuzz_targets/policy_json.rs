//! Policy overrides from arbitrary text: accepted or refused with errors, never a panic; an
//! accepted policy exports and reads back to the same policy.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Policy::from_overrides_json(text) {
        Ok(policy) => {
            let exported = policy.to_json();
            let again = Policy::default()
                .merge_value(&exported)
                .unwrap_or_else(|e| {
                    panic!("an accepted policy exported unreadable: {e:?}\n{exported}")
                });
            assert_eq!(
                again.revision(),
                policy.revision(),
                "export changed the policy"
            );
            // Layering a second time (the organisation over local) must hold up too.
            let _ = policy.merge(text);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "refused without a reason");
            for error in &errors {
                let _ = error.to_string();
            }
        }
    }
});

//! The scenario corpus (`../shared/scenarios/*.json`): every file must pass.
//! `PROCGUARD_SCENARIOS` points elsewhere.

use std::path::PathBuf;

use procguard_core::{evaluate, parse_now, scenario::check_expect, Context, Policy};

fn scenarios_dir() -> PathBuf {
    match std::env::var_os("PROCGUARD_SCENARIOS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/scenarios"
        )),
    }
}

#[test]
fn every_scenario_passes_with_the_default_policy() {
    let dir = scenarios_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario files in {}", dir.display());
    let policy = Policy::default();
    let mut failed = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(file).expect("readable scenario");
        let context = match Context::from_json(&text) {
            Ok(context) => context,
            Err(error) => {
                failed.push(format!("{name}: {error}"));
                continue;
            }
        };
        let now = context
            .now
            .as_deref()
            .and_then(parse_now)
            .unwrap_or_else(|| panic!("{name}: a scenario fixes `now`"));
        let decision = evaluate(&policy, &context, now);
        let expect = context.expect.clone().unwrap_or_default();
        let failures = check_expect(&expect, &decision);
        if failures.is_empty() {
            println!("ok   {name}");
        } else {
            println!("FAIL {name}: {}", failures.join("; "));
            failed.push(format!("{name}: {}", failures.join("; ")));
        }
        assert!(
            decision.diagnostics.is_empty(),
            "{name}: {:?}",
            decision.diagnostics
        );
        assert_eq!(
            decision.findings_json(),
            serde_json::to_string(&decision.findings).unwrap(),
            "{name}: the findings' JSON is serde_json's"
        );
    }
    assert!(
        failed.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

//! The page fixtures (`../shared/fixtures/<site>/<case>/`): each `expected.json` is a page
//! the core reads and writes back unchanged, and with `directory.json`, user Sam Tech and
//! `now` on the test date it produces what `findings.json` asks.

use std::path::{Path, PathBuf};

use procguard_core::{
    evaluate, parse_now, scenario::check_expect, Context, Directory, Expect, Page, Policy, User,
};
use serde_json::Value;

const TODAY: &str = "2026-11-21";
/// Findings depend on the date only through `{{TODAY}}`: other days, month ends and a leap
/// day give the same verdicts.
const OTHER_DAYS: [&str; 4] = ["2026-12-31", "2027-01-31", "2028-02-29", "2027-06-06"];

fn fixtures_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures"
    ))
}

fn cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for site in std::fs::read_dir(fixtures_dir()).expect("fixtures folder") {
        let site = site.expect("entry").path();
        if !site.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&site).expect("site folder") {
            let case = case.expect("entry").path();
            if case.join("expected.json").is_file() {
                cases.push(case);
            }
        }
    }
    cases.sort();
    assert!(!cases.is_empty(), "no fixture cases found");
    cases
}

fn read_on(path: &Path, today: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("{{TODAY}}", today)
}

fn read(path: &Path) -> String {
    read_on(path, TODAY)
}

fn sam() -> User {
    User {
        name: Some("Sam Tech".into()),
        email: Some("sam@ggit.example".into()),
        ..User::default()
    }
}

#[test]
fn every_fixture_page_round_trips_to_identical_json() {
    for case in cases() {
        let text = read(&case.join("expected.json"));
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        let page: Page =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let back = serde_json::to_value(&page).expect("serialisable");
        assert_eq!(value, back, "{}", case.display());
        assert_eq!(
            Page::from_json(&text).as_ref(),
            Ok(&page),
            "{}",
            case.display()
        );
    }
}

fn check_fixtures_on(today: &str) {
    let directory = Directory::from_json(&read_on(&fixtures_dir().join("directory.json"), today))
        .expect("fixtures directory reads");
    let policy = Policy::default();
    let now_text = format!("{today}T10:30:00-05:00");
    let now = parse_now(&now_text).expect("now");
    let mut failed = Vec::new();
    for case in cases() {
        let page: Page =
            serde_json::from_str(&read_on(&case.join("expected.json"), today)).expect("page");
        let expect: Expect = serde_json::from_str(&read_on(&case.join("findings.json"), today))
            .expect("findings.json");
        let context = Context::for_page(&directory, page, Some(sam()), &now_text);
        let decision = evaluate(&policy, &context, now);
        let failures = check_expect(&expect, &decision);
        let name = case
            .strip_prefix(fixtures_dir())
            .unwrap()
            .display()
            .to_string();
        if failures.is_empty() {
            println!("ok   {today} {name}");
        } else {
            failed.push(format!("{today} {name}: {}", failures.join("; ")));
        }
        assert!(
            decision.diagnostics.is_empty(),
            "{name}: {:?}",
            decision.diagnostics
        );
    }
    assert!(failed.is_empty(), "fixtures failed:\n{}", failed.join("\n"));
}

#[test]
fn every_fixture_page_gives_the_findings_it_lists() {
    check_fixtures_on(TODAY);
}

#[test]
fn fixture_findings_do_not_depend_on_the_day() {
    for today in OTHER_DAYS {
        check_fixtures_on(today);
    }
}

//! The `procguard` binary, run as a user would.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn procguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_procguard"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("procguard runs")
}

fn scenarios() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scenarios"
    ))
}

fn scenario(name: &str) -> String {
    scenarios().join(name).to_string_lossy().to_string()
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("procguard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn scenarios_folder_reports_19_passed_0_failed() {
    let output = procguard(&["check", "--scenarios", &scenarios().to_string_lossy()]);
    let out = stdout(&output);
    assert_eq!(out.lines().last(), Some("19 passed, 0 failed"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("ok  ")).count(), 19);
    assert!(output.status.success());
}

#[test]
fn check_prints_one_json_decision_and_exits_0_even_when_it_blocks() {
    let output = procguard(&["check", &scenario("02-product-not-on-quote.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let decision: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("one JSON object");
    assert_eq!(decision["holds_checkout"], true);
    let finding = decision["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "order.product-matches-quote")
        .expect("product finding");
    for key in ["severity", "message", "evidence", "remedy", "source"] {
        assert!(finding[key].is_string(), "{key}");
    }
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `Visio Plan 2`?"));
}

#[test]
fn check_reads_stdin_with_a_dash() {
    let text = std::fs::read_to_string(scenario("16-hourly-time-entry.json")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_procguard"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(stdout(&output).contains("ticket.hourly-increments"));
}

#[test]
fn truncated_file_exits_2_naming_file_line_and_column() {
    let text = std::fs::read_to_string(scenario("01-monthly-new-on-confirmation.json")).unwrap();
    let cut: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    let path = temp_file("truncated.json", &cut);
    let output = procguard(&["check", &path.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    let expected = format!("{}:40:", path.display());
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("at `msp."), "names the field path: {err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn bad_value_exits_2_with_the_field_path() {
    let text = std::fs::read_to_string(scenario("01-monthly-new-on-confirmation.json"))
        .unwrap()
        .replacen("\"term\": \"annual\"", "\"term\": \"weekly\"", 1);
    let path = temp_file("weekly.json", &text);
    let output = procguard(&["check", &path.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("customers[0].subscriptions[1].term"), "{err}");
    assert!(err.contains("`weekly`"), "{err}");
}

#[test]
fn wrong_format_says_it_is_not_a_context() {
    let directory = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/directory.json"
    );
    let output = procguard(&["check", directory]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("this is not a context"), "{err}");
    assert!(err.contains("procguard/directory@1"), "{err}");
}

#[test]
fn policy_override_file_changes_severity() {
    let policy = temp_file(
        "policy.json",
        r#"{"checks": {"order.product-matches-quote": {"severity": "warn"}}}"#,
    );
    let output = procguard(&[
        "check",
        "--policy",
        &policy.to_string_lossy(),
        &scenario("02-product-not-on-quote.json"),
    ]);
    assert!(output.status.success());
    let decision: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let finding = decision["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "order.product-matches-quote")
        .unwrap();
    assert_eq!(finding["severity"], "warn");

    // Combined with --scenarios, the changed severity makes scenario 02 fail.
    let output = procguard(&[
        "check",
        "--policy",
        &policy.to_string_lossy(),
        "--scenarios",
        &scenarios().to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("FAIL 02-product-not-on-quote.json"), "{out}");
    assert_eq!(out.lines().last(), Some("18 passed, 1 failed"));
}

#[test]
fn invalid_policy_exits_2_naming_the_key_and_what_is_allowed() {
    let policy = temp_file(
        "bad-policy.json",
        r#"{"checks": {"order.no-such-check": {}, "ticket.mc-sla": {"severity": "fatal"}}}"#,
    );
    let output = procguard(&[
        "check",
        "--policy",
        &policy.to_string_lossy(),
        &scenario("02-product-not-on-quote.json"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("unknown check id `order.no-such-check`"),
        "{err}"
    );
    assert!(err.contains("bad severity `fatal`"), "{err}");
    assert!(err.contains("`block`, `warn`, `info`"), "{err}");
}

#[test]
fn help_explains_check_scenarios_and_policy() {
    let output = procguard(&["--help"]);
    assert!(output.status.success());
    let out = stdout(&output);
    for needle in [
        "check FILE",
        "--scenarios DIR",
        "--policy POLICY.json",
        "passed, M failed",
    ] {
        assert!(out.contains(needle), "{needle}");
    }
}

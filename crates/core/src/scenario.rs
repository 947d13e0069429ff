//! Scenario files: a context with `expect`, and how a decision is judged against it.

use crate::engine::Decision;
use crate::model::Expect;

/// Human-readable failures of a decision against an `expect`; empty means it passes.
///
/// Passes when every listed finding is reported (at least once), none of `absent` is,
/// the listed severities match (any finding of that id with that severity), and
/// `holds_checkout` agrees. Findings not listed are allowed.
pub fn check_expect(expect: &Expect, decision: &Decision) -> Vec<String> {
    fn reported<'d>(
        decision: &'d Decision,
        id: &'d str,
    ) -> impl Iterator<Item = &'d crate::engine::Finding> {
        decision.findings.iter().filter(move |f| f.id == id)
    }
    let mut failures = Vec::new();
    for id in &expect.findings {
        if reported(decision, id).next().is_none() {
            failures.push(format!("expected `{id}`, not reported"));
        }
    }
    for id in &expect.absent {
        if let Some(finding) = reported(decision, id).next() {
            failures.push(format!(
                "`{id}` must not be reported, but was: {}",
                finding.message
            ));
        }
    }
    for (id, severity) in &expect.severity {
        let Some(wanted) = severity.as_str() else {
            failures.push(format!("`expect.severity` of `{id}` is not a string"));
            continue;
        };
        let found: Vec<&str> = reported(decision, id)
            .map(|f| f.severity.as_str())
            .collect();
        if found.is_empty() {
            if !expect.findings.contains(id) {
                failures.push(format!("expected `{id}` at `{wanted}`, not reported"));
            }
        } else if !found.contains(&wanted) {
            failures.push(format!(
                "`{id}` is `{}`, expected `{wanted}`",
                found.join("`, `")
            ));
        }
    }
    if let Some(holds) = expect.holds_checkout {
        if holds != decision.holds_checkout {
            let blocks: Vec<&str> = decision
                .findings
                .iter()
                .filter(|f| f.severity == crate::policy::Severity::Block)
                .map(|f| f.id.as_str())
                .collect();
            failures.push(format!(
                "holds_checkout is {}, expected {holds} (block findings: {})",
                decision.holds_checkout,
                if blocks.is_empty() {
                    "none".to_string()
                } else {
                    blocks.join(", ")
                }
            ));
        }
    }
    failures
}

//! The state the binding keeps between calls (directory, policy, user) and the JSON shapes it
//! returns. Plain Rust, so `cargo test` exercises it natively.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use procguard_core::model::{Context, Directory, Page, User};
use procguard_core::{evaluate, Policy};
use procguard_readers::{Dom, Reading};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Default)]
pub struct Engine {
    directory: Option<Directory>,
    policy: Policy,
    user: Option<User>,
}

/// One finding as the overlay paints it: the core's finding plus the element it is about.
#[derive(Serialize)]
struct PaintedFinding<'a> {
    #[serde(flatten)]
    finding: &'a procguard_core::Finding,
    /// Element index on the page (the snapshot's `i`), when the finding is about a field.
    anchor: Option<u32>,
}

impl Engine {
    pub fn load_directory(&mut self, json: &str) -> Result<(), String> {
        let directory = Directory::from_json(json).map_err(|e| e.to_string())?;
        self.directory = Some(directory);
        Ok(())
    }

    pub fn load_policy(&mut self, json: &str) -> Result<String, String> {
        let policy = if json.trim().is_empty() {
            Policy::default()
        } else {
            Policy::from_overrides_json(json).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            })?
        };
        let revision = policy.revision();
        self.policy = policy;
        Ok(revision)
    }

    pub fn set_user(&mut self, json: &str) -> Result<(), String> {
        let user: User = serde_json::from_str(json).map_err(|e| format!("user: {e}"))?;
        self.user = Some(user);
        Ok(())
    }

    pub fn effective_policy(&self) -> String {
        self.policy.to_json().to_string()
    }

    /// Reads the snapshot and judges the page. Pages procguard does not check give
    /// `{"page": null}`.
    pub fn check_snapshot(&self, snapshot_json: &str, now: DateTime<FixedOffset>) -> String {
        let dom = match Dom::from_json(snapshot_json) {
            Ok(dom) => dom,
            Err(e) => return error_json(&e.to_string()),
        };
        match procguard_readers::read(&dom) {
            None => json!({"page": null, "findings": [], "holds_checkout": false}).to_string(),
            Some(reading) => self.judge(reading, now),
        }
    }

    fn judge(&self, reading: Reading, now: DateTime<FixedOffset>) -> String {
        let page: Page = reading.page.clone().expect("a reader always sets the page");
        let empty = Directory::default();
        let directory = self.directory.as_ref().unwrap_or(&empty);
        let context = Context::for_page(directory, page, self.user.clone(), &now.to_rfc3339());
        let decision = evaluate(&self.policy, &context, now);
        let findings: Vec<PaintedFinding> = decision
            .findings
            .iter()
            .map(|finding| PaintedFinding {
                anchor: finding
                    .about
                    .as_ref()
                    .and_then(|a| reading.anchor_for(&a.field, a.index)),
                finding,
            })
            .collect();
        json!({
            "page": context.page,
            "findings": findings,
            "holds_checkout": decision.holds_checkout,
            "hold_targets": reading.hold_targets,
            "diagnostics": decision.diagnostics,
            "policy_revision": decision.policy_revision,
            "directory_loaded": self.directory.is_some(),
        })
        .to_string()
    }
}

pub fn error_json(message: &str) -> String {
    json!({"error": message}).to_string()
}

/// What importing `new_json` over `current_json` would change, by customer id.
pub fn preview_import(current_json: &str, new_json: &str) -> String {
    let incoming = match Directory::from_json(new_json) {
        Ok(d) => d,
        Err(e) => {
            return json!({"ok": false, "error": {
                "message": e.message, "path": e.path, "line": e.line, "column": e.column,
                "help": e.help, "text": e.to_string(),
            }})
            .to_string()
        }
    };
    let current = Directory::from_json(current_json).ok();
    let by_id = |d: &Directory| -> Vec<(String, Value)> {
        d.customers
            .iter()
            .map(|c| (c.id.clone(), serde_json::to_value(c).unwrap_or(Value::Null)))
            .collect()
    };
    let old = current.as_ref().map(by_id).unwrap_or_default();
    let new = by_id(&incoming);
    let old_ids: BTreeSet<&String> = old.iter().map(|(id, _)| id).collect();
    let new_ids: BTreeSet<&String> = new.iter().map(|(id, _)| id).collect();
    let added: Vec<&String> = new_ids.difference(&old_ids).copied().collect();
    let removed: Vec<&String> = old_ids.difference(&new_ids).copied().collect();
    let changed: Vec<&String> = new
        .iter()
        .filter(|(id, value)| old.iter().any(|(o, v)| o == id && v != value))
        .map(|(id, _)| id)
        .collect();
    json!({
        "ok": true,
        "customers": incoming.customers.len(),
        "added": added, "changed": changed, "removed": removed,
    })
    .to_string()
}

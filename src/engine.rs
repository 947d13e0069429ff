//! The state the binding keeps between calls (directory, policy, user) and the JSON shapes it
//! returns. Plain Rust, so `cargo test` exercises it natively.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use procguard_core::model::{Context, Directory, Page, User};
use procguard_core::{evaluate, Policy};
use procguard_readers::{Dom, PortalHosts, Reading};

use crate::learning::{apply_facts, facts_from_page, Fact};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Default)]
pub struct Engine {
    /// The directory as imported (never changed by what pages teach).
    imported: Option<Directory>,
    /// What the checks see: the import with the learned facts applied.
    directory: Option<Directory>,
    facts: Vec<Fact>,
    imported_at: String,
    conflicts: Vec<crate::learning::Conflict>,
    policy: Policy,
    user: Option<User>,
    /// Where the optional portals (Mimecast, MCAM) are: a setting.
    portals: PortalHosts,
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
        self.imported = Some(directory);
        self.reapply();
        Ok(())
    }

    /// Loads what pages taught (`[Fact]`) and when the import was applied (RFC 3339).
    pub fn load_learned(&mut self, facts_json: &str, imported_at: &str) -> Result<(), String> {
        let facts: Vec<Fact> = if facts_json.trim().is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(facts_json).map_err(|e| format!("learned facts: {e}"))?
        };
        self.facts = facts;
        self.imported_at = imported_at.to_string();
        self.reapply();
        Ok(())
    }

    fn reapply(&mut self) {
        let Some(imported) = &self.imported else {
            return;
        };
        let (effective, conflicts) = apply_facts(imported, &self.facts, &self.imported_at);
        self.directory = Some(effective);
        self.conflicts = conflicts;
    }

    /// The directory the checks see (import plus learned facts), as JSON; empty when none.
    pub fn effective_directory(&self) -> String {
        self.directory
            .as_ref()
            .and_then(|d| serde_json::to_string(d).ok())
            .unwrap_or_default()
    }

    /// The facts and the conflicts still waiting for a decision.
    pub fn learned_view(&self) -> String {
        json!({"facts": self.facts, "conflicts": self.conflicts}).to_string()
    }

    /// What a page teaches (Autotask company page, IT Glue Site Summary), as new facts.
    pub fn learn_from_page(&self, page_json: &str, now: &str, url: &str) -> String {
        let Some(imported) = &self.imported else {
            return "[]".into();
        };
        match Page::from_json(page_json) {
            Ok(page) => serde_json::to_string(&facts_from_page(
                imported,
                &self.policy,
                &page,
                now,
                Some(url).filter(|u| !u.is_empty()),
            ))
            .unwrap_or_else(|_| "[]".into()),
            Err(e) => error_json(&e.to_string()),
        }
    }

    /// The orders a placed Pax8 checkout made, as facts (one per line), each tied to the
    /// ticket whose order intent names its product.
    pub fn orders_placed(&self, page_json: &str, now: &str) -> String {
        let Some(directory) = &self.directory else {
            return "[]".into();
        };
        match Page::from_json(page_json) {
            Ok(page) => serde_json::to_string(&crate::learning::order_facts(
                directory,
                &self.policy,
                &page,
                now,
            ))
            .unwrap_or_else(|_| "[]".into()),
            Err(e) => error_json(&e.to_string()),
        }
    }

    /// The order intent started from a ticket, as a fact (or `{"error"}`).
    pub fn order_intent(
        &self,
        account: &str,
        ticket: &str,
        product: &str,
        quantity: &str,
        term: &str,
        now: &str,
    ) -> String {
        let Some(imported) = &self.imported else {
            return error_json("no directory is imported");
        };
        let ticket = Some(ticket.to_string()).filter(|t| !t.is_empty());
        crate::learning::intent_from_form(ticket, product, quantity, term)
            .and_then(|intent| {
                crate::learning::order_intent_fact(
                    imported,
                    &self.policy,
                    account,
                    &intent,
                    now,
                    None,
                )
            })
            .map(|fact| json!({"fact": fact}).to_string())
            .unwrap_or_else(|e| error_json(&e))
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

    /// Loads the optional portals' host settings; on error the previous ones stay.
    pub fn load_portal_hosts(&mut self, json: &str) -> Result<(), String> {
        self.portals = PortalHosts::from_json(json)?;
        Ok(())
    }

    /// The portals' hosts and the match patterns to register content scripts on:
    /// `[{"portal": "mcam", "name": "MCAM / MCSM", "hosts": [...], "origins": [...]}]`.
    pub fn portal_hosts(&self) -> String {
        portal_hosts_json(&self.portals)
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
        match procguard_readers::read_with(&dom, &self.portals) {
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
            "final_targets": reading.final_targets,
            "diagnostics": decision.diagnostics,
            "policy_revision": decision.policy_revision,
            "directory_loaded": self.directory.is_some(),
        })
        .to_string()
    }
}

/// The portals as the options page and the worker use them (see `Engine::portal_hosts`).
pub fn portal_hosts_json(portals: &PortalHosts) -> String {
    let list: Vec<Value> = procguard_readers::hosts::PORTALS
        .iter()
        .map(|(key, name)| {
            let hosts = portals.of(key);
            json!({
                "portal": key,
                "name": name,
                "hosts": hosts,
                "origins": hosts.iter().map(|h| procguard_readers::hosts::origin_pattern(h)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list).to_string()
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

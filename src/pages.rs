//! The exports only the extension's own pages call: the worker's learning and order
//! intents, the options page's import, policy and audit views, the popup's lookup.

use wasm_bindgen::prelude::*;

use crate::{engine, js_error, learning, lookup, ENGINE};

/// Loads the organisation's directory (CONTEXT.md directory format). On error the previous
/// directory stays loaded and the message names the line, column and field.
#[wasm_bindgen]
pub fn load_directory(json: &str) -> Result<(), JsError> {
    ENGINE.with(|e| e.borrow_mut().load_directory(json).map_err(js_error))
}

/// Loads policy overrides (organisation file merged with managed storage); returns the
/// effective policy's revision. On error the previous policy stays.
#[wasm_bindgen]
pub fn load_policy(json: &str) -> Result<String, JsError> {
    ENGINE.with(|e| e.borrow_mut().load_policy(json).map_err(js_error))
}

/// Loads what pages taught (a JSON array of facts) and when the directory was imported.
#[wasm_bindgen]
pub fn load_learned(facts_json: &str, imported_at: &str) -> Result<(), JsError> {
    ENGINE.with(|e| {
        e.borrow_mut()
            .load_learned(facts_json, imported_at)
            .map_err(js_error)
    })
}

/// Loads the optional portals' host names (`{"mimecast": [...], "mcam": [...]}`, empty for
/// the defaults). On error the previous ones stay and the message names the entry.
#[wasm_bindgen]
pub fn load_portal_hosts(json: &str) -> Result<(), JsError> {
    ENGINE.with(|e| e.borrow_mut().load_portal_hosts(json).map_err(js_error))
}

/// The technician using the extension: `{"name": …, "email": …}`.
#[wasm_bindgen]
pub fn set_user(json: &str) -> Result<(), JsError> {
    ENGINE.with(|e| e.borrow_mut().set_user(json).map_err(js_error))
}

/// What the engine has loaded, as a settings pack for the content script's core
/// (`load_settings_pack`).
#[wasm_bindgen]
pub fn settings_pack() -> String {
    ENGINE.with(|e| e.borrow().settings_pack())
}

/// The local policy overrides with the organisation's (`chrome.storage.managed`) on top, as
/// one overrides document for `load_policy`: `{"ok":true,"overrides":"…"}` or
/// `{"ok":false,"layer","errors":[{path,message,help,text}]}`.
#[wasm_bindgen]
pub fn merge_policy_overrides(local_json: &str, managed_json: &str) -> String {
    lookup::layered_overrides(local_json, managed_json).to_string()
}

/// The directory the checks see (the import with learned facts applied), as JSON.
#[wasm_bindgen]
pub fn effective_directory() -> String {
    ENGINE.with(|e| e.borrow().effective_directory())
}

/// The learned facts and the conflicts with the import waiting for a decision.
#[wasm_bindgen]
pub fn learned_view() -> String {
    ENGINE.with(|e| e.borrow().learned_view())
}

/// New facts a page teaches (`page_json` is a page object as read), as a JSON array.
#[wasm_bindgen]
pub fn learn_from_page(page_json: &str, now: &str, url: &str) -> String {
    ENGINE.with(|e| e.borrow().learn_from_page(page_json, now, url))
}

/// Merges new facts into the stored ones: `{"facts": [...], "changed": bool}`.
#[wasm_bindgen]
pub fn merge_learned(stored_json: &str, new_json: &str) -> String {
    let parse = |text: &str| -> Vec<learning::Fact> {
        if text.trim().is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(text).unwrap_or_default()
        }
    };
    let mut stored = parse(stored_json);
    let changed = learning::merge_facts(&mut stored, parse(new_json));
    serde_json::json!({"facts": stored, "changed": changed}).to_string()
}

/// The orders a Pax8 checkout that went through placed, as facts (a JSON array).
#[wasm_bindgen]
pub fn orders_placed(page_json: &str, now: &str) -> String {
    ENGINE.with(|e| e.borrow().orders_placed(page_json, now))
}

/// The order intent a technician starts from a ticket: `{"fact": …}` or `{"error": …}`.
#[wasm_bindgen]
pub fn order_intent(
    account: &str,
    ticket: &str,
    product: &str,
    quantity: &str,
    term: &str,
    now: &str,
) -> String {
    ENGINE.with(|e| {
        e.borrow()
            .order_intent(account, ticket, product, quantity, term, now)
    })
}

/// Brings a stored directory text to the current format: `{"status":"current"}`,
/// `{"status":"migrated","from","text"}` or `{"status":"error","error"}`.
#[wasm_bindgen]
pub fn migrate_directory(text: &str) -> String {
    match procguard_core::Directory::migrate_json(text) {
        Ok(None) => serde_json::json!({"status": "current"}),
        Ok(Some(migrated)) => {
            serde_json::json!({"status": "migrated", "from": migrated.from, "text": migrated.text})
        }
        Err(e) => serde_json::json!({"status": "error", "error": e.to_string()}),
    }
    .to_string()
}

/// The loaded portals with their host patterns and origins (JSON array).
#[wasm_bindgen]
pub fn portal_hosts() -> String {
    ENGINE.with(|e| e.borrow().portal_hosts())
}

/// Validates portal host settings without loading them: `{"ok": true, "portals": [...]}` with
/// the normalised hosts, or `{"ok": false, "error": "..."}`.
#[wasm_bindgen]
pub fn validate_portal_hosts(json: &str) -> String {
    match procguard_readers::PortalHosts::from_json(json) {
        Ok(hosts) => format!(
            "{{\"ok\":true,\"portals\":{}}}",
            engine::portal_hosts_json(&hosts)
        ),
        Err(error) => serde_json::json!({"ok": false, "error": error}).to_string(),
    }
}

/// Validates a directory file against the stored one and says what an import would change,
/// without changing anything: `{"ok":true,"added":[…],"changed":[…],"removed":[…]}` or
/// `{"ok":false,"error":{…}}`.
#[wasm_bindgen]
pub fn preview_import(current_json: &str, new_json: &str) -> String {
    engine::preview_import(current_json, new_json)
}

/// The effective policy (defaults merged with the loaded overrides), for the options page.
#[wasm_bindgen]
pub fn effective_policy() -> String {
    ENGINE.with(|e| e.borrow().effective_policy())
}

// ---- The popup's customer lookup and plan card, the options page's policy and audit log
// (issue 6). JSON in, JSON out; the logic is in `lookup.rs`.

/// The effective policy of the engine, parsed (for the lookup's parameters and suffixes).
fn engine_policy_json() -> serde_json::Value {
    ENGINE.with(|e| serde_json::from_str(&e.borrow().effective_policy()).unwrap_or_default())
}

/// Loads the directory the popup searches (CONTEXT.md directory format); returns how many
/// customers it has. On error the previous one stays and the message names the field.
#[wasm_bindgen]
pub fn load_lookup_directory(json: &str) -> Result<usize, JsError> {
    lookup::load(json).map_err(js_error)
}

/// Customers matching `query` by name, alias or mail domain (typos and case forgiven), best
/// first, at most `limit` (0: all): `[{"id","name","field","matched","kind","distance","exact","plan"}]`.
/// An empty query lists every customer by name.
#[wasm_bindgen]
pub fn search_customers(query: &str, limit: u32) -> String {
    let suffixes = lookup::legal_suffixes(&engine_policy_json());
    let hits = lookup::search_loaded(query, limit as usize, &suffixes);
    serde_json::to_string(&hits).unwrap_or_else(|_| "[]".into())
}

/// The plan card of customer `id` at `now` (RFC 3339; empty: the browser's clock), with the
/// deadlines worked out with the loaded policy's parameters; `{"ok":false,"error"}` when no
/// customer has that id.
#[wasm_bindgen]
pub fn customer_card(id: &str, now: &str) -> String {
    let today = if now.is_empty() {
        chrono::Local::now().date_naive()
    } else {
        match procguard_core::dates::parse_rfc3339(now) {
            Some(t) => t.date_naive(),
            None => {
                let error = format!(
                    "`now` is not an RFC 3339 time: `{now}` (write it like 2026-11-21T10:30:00-05:00)"
                );
                return serde_json::json!({"ok": false, "error": error}).to_string();
            }
        }
    };
    let days = lookup::DeadlineDays::from_policy_json(&engine_policy_json());
    lookup::with_directory(|d| match d.customers.iter().find(|c| c.id == id) {
        Some(customer) => lookup::card(customer, today, days).to_string(),
        None => serde_json::json!({"ok": false, "error": format!("no customer with id `{id}`")})
            .to_string(),
    })
}

/// The built-in policy (POLICY.md defaults), as `effective_policy` shows it.
#[wasm_bindgen]
pub fn default_policy() -> String {
    procguard_core::Policy::default().to_json().to_string()
}

/// What the options page shows of the policy: `{"ok","defaults","effective","revision",
/// "organisation"}` (organisation: the managed overrides, read-only), or the errors.
#[wasm_bindgen]
pub fn policy_view(local_json: &str, managed_json: &str) -> String {
    lookup::policy_view(local_json, managed_json).to_string()
}

/// Validates policy overrides as typed in the options page: `{"ok":true,"revision"}` or
/// `{"ok":false,"errors":[{path,message,help,text}]}`.
#[wasm_bindgen]
pub fn validate_policy(overrides_json: &str) -> String {
    lookup::validate_policy(overrides_json).to_string()
}

fn audit_input(
    records_json: &str,
    filter_json: &str,
) -> Result<(Vec<serde_json::Value>, lookup::AuditFilter), String> {
    let records = serde_json::from_str(records_json).map_err(|e| format!("audit records: {e}"))?;
    let filter = if filter_json.trim().is_empty() {
        lookup::AuditFilter::default()
    } else {
        serde_json::from_str(filter_json).map_err(|e| format!("audit filter: {e}"))?
    };
    Ok((records, filter))
}

fn browser_local(at: chrono::DateTime<chrono::FixedOffset>) -> chrono::NaiveDateTime {
    at.with_timezone(&chrono::Local).naive_local()
}

/// The audit log filtered by `{"customer","from","to"}` (local days), newest first:
/// `{"ok":true,"rows":[…],"customers":[…],"total":n}`.
#[wasm_bindgen]
pub fn audit_view(records_json: &str, filter_json: &str) -> String {
    match audit_input(records_json, filter_json) {
        Ok((records, filter)) => {
            let suffixes = lookup::legal_suffixes(&engine_policy_json());
            let rows = lookup::audit_rows(&records, &filter, &suffixes, &browser_local);
            serde_json::json!({
                "ok": true, "rows": rows, "total": records.len(),
                "customers": lookup::audit_customers(&records),
            })
            .to_string()
        }
        Err(error) => serde_json::json!({"ok": false, "error": error}).to_string(),
    }
}

/// The filtered audit log as CSV (quoted where needed, formulas neutralised).
#[wasm_bindgen]
pub fn audit_csv(records_json: &str, filter_json: &str) -> Result<String, JsError> {
    let (records, filter) = audit_input(records_json, filter_json).map_err(js_error)?;
    let suffixes = lookup::legal_suffixes(&engine_policy_json());
    Ok(lookup::audit_csv(&lookup::audit_rows(
        &records,
        &filter,
        &suffixes,
        &browser_local,
    )))
}

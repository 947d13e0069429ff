//! The policy core as the benchmark calls it (issue 8). Not shipped.
//!
//! Two ways in, both over a directory loaded once (as the extension keeps it):
//! - [`evaluate_loaded`]: `evaluate` alone on a context parsed beforehand, `times` times in a
//!   row (the core's own cost, as criterion measures it natively);
//! - [`evaluate_page`]: what the extension does after reading a page: a `page` object as JSON
//!   in, `Context::for_page`, `evaluate`, the findings as JSON out (the wasm boundary
//!   included). The peers of the comparison are measured against this one.

use std::cell::RefCell;

use procguard_core::{evaluate, parse_now, Context, Directory, Page, Policy, User};
use wasm_bindgen::prelude::*;

#[derive(Default)]
struct State {
    policy: Policy,
    directory: Option<Directory>,
    user: Option<User>,
    context: Option<Context>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// Policy overrides (`{"checks": {id: {"enabled": false}}}`); empty: every check at its default.
#[wasm_bindgen]
pub fn load_policy(overrides_json: &str) -> Result<(), JsError> {
    let policy = if overrides_json.trim().is_empty() {
        Policy::default()
    } else {
        Policy::from_overrides_json(overrides_json).map_err(|errors| {
            error(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })?
    };
    STATE.with(|s| s.borrow_mut().policy = policy);
    Ok(())
}

/// The ids of every check, as a JSON array.
#[wasm_bindgen]
pub fn check_ids() -> String {
    serde_json::to_string(&Policy::default().check_ids()).unwrap_or_default()
}

/// The directory (`procguard/directory@1`) and the technician (`{"name","email"}`).
#[wasm_bindgen]
pub fn load_directory(directory_json: &str, user_json: &str) -> Result<(), JsError> {
    let directory = Directory::from_json(directory_json).map_err(error)?;
    let user: Option<User> = if user_json.trim().is_empty() {
        None
    } else {
        Some(serde_json::from_str(user_json).map_err(error)?)
    };
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.directory = Some(directory);
        s.user = user;
    });
    Ok(())
}

/// Parses a page and keeps the context [`evaluate_loaded`] judges; returns its cart lines.
#[wasm_bindgen]
pub fn load_page(page_json: &str, now: &str) -> Result<usize, JsError> {
    let page = Page::from_json(page_json).map_err(error)?;
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let directory = s.directory.clone().unwrap_or_default();
        let context = Context::for_page(&directory, page, s.user.clone(), now);
        let lines = context
            .page
            .as_ref()
            .and_then(|p| serde_json::to_value(p).ok())
            .and_then(|v| v.get("lines").and_then(|l| l.as_array()).map(Vec::len))
            .unwrap_or(0);
        s.context = Some(context);
        Ok(lines)
    })
}

/// `evaluate` on the loaded context, `times` times; the number of findings of the last.
#[wasm_bindgen]
pub fn evaluate_loaded(now: &str, times: u32) -> Result<u32, JsError> {
    let now = parse_now(now).ok_or_else(|| error(format!("`{now}` is not a time")))?;
    STATE.with(|s| {
        let s = s.borrow();
        let context = s.context.as_ref().ok_or_else(|| error("no page loaded"))?;
        let mut count = 0;
        for _ in 0..times {
            count = evaluate(&s.policy, context, now).findings.len() as u32;
        }
        Ok(count)
    })
}

/// A page as JSON in, its findings as JSON out (`[{"id","severity",...}]`).
#[wasm_bindgen]
pub fn evaluate_page(page_json: &str, now: &str) -> String {
    let Some(at) = parse_now(now) else {
        return serde_json::json!({"error": format!("`{now}` is not a time")}).to_string();
    };
    let page = match Page::from_json(page_json) {
        Ok(page) => page,
        Err(e) => return serde_json::json!({"error": e.to_string()}).to_string(),
    };
    STATE.with(|s| {
        let s = s.borrow();
        let empty = Directory::default();
        let directory = s.directory.as_ref().unwrap_or(&empty);
        let context = Context::for_page(directory, page, s.user.clone(), now);
        evaluate(&s.policy, &context, at).findings_json()
    })
}

// ---- The stages of the extension's `check_snapshot`, one call each, so that the runner can
// time each: parse the snapshot, read the page, build the context (the directory is cloned
// into it), evaluate, serialise the result. Each stage works on what the previous one left.

#[derive(Default)]
struct Stages {
    dom: Option<procguard_readers::Dom>,
    reading: Option<procguard_readers::Reading>,
    context: Option<Context>,
    decision: Option<procguard_core::Decision>,
}

thread_local! {
    static STAGES: RefCell<Stages> = RefCell::new(Stages::default());
}

/// Stage 1: the snapshot (the wire format) into the readers' DOM; returns its node count.
#[wasm_bindgen]
pub fn stage_parse(snapshot: &str) -> Result<usize, JsError> {
    let dom = procguard_readers::Dom::from_wire(snapshot).map_err(error)?;
    let nodes = dom.nodes.len();
    STAGES.with(|s| s.borrow_mut().dom = Some(dom));
    Ok(nodes)
}

/// Stage 2: the readers on the parsed DOM; returns the cart lines read.
#[wasm_bindgen]
pub fn stage_read() -> Result<usize, JsError> {
    STAGES.with(|s| {
        let mut s = s.borrow_mut();
        let dom = s.dom.as_ref().ok_or_else(|| error("no snapshot parsed"))?;
        let reading =
            procguard_readers::read(dom).ok_or_else(|| error("no reader for this page"))?;
        let lines = reading
            .page
            .as_ref()
            .and_then(|p| serde_json::to_value(p).ok())
            .and_then(|v| v.get("lines").and_then(|l| l.as_array()).map(Vec::len))
            .unwrap_or(0);
        s.reading = Some(reading);
        Ok(lines)
    })
}

/// Stage 3: `Context::for_page` with the loaded directory and user.
#[wasm_bindgen]
pub fn stage_context(now: &str) -> Result<(), JsError> {
    STATE.with(|state| {
        let state = state.borrow();
        let empty = Directory::default();
        let directory = state.directory.as_ref().unwrap_or(&empty);
        STAGES.with(|s| {
            let mut s = s.borrow_mut();
            let page = s
                .reading
                .as_ref()
                .and_then(|r| r.page.clone())
                .ok_or_else(|| error("nothing read"))?;
            s.context = Some(Context::for_page(directory, page, state.user.clone(), now));
            Ok(())
        })
    })
}

/// Stage 4: `evaluate`; returns the number of findings.
#[wasm_bindgen]
pub fn stage_evaluate(now: &str) -> Result<u32, JsError> {
    let at = parse_now(now).ok_or_else(|| error(format!("`{now}` is not a time")))?;
    STATE.with(|state| {
        let state = state.borrow();
        STAGES.with(|s| {
            let mut s = s.borrow_mut();
            let context = s.context.as_ref().ok_or_else(|| error("no context"))?;
            let decision = evaluate(&state.policy, context, at);
            let count = decision.findings.len() as u32;
            s.decision = Some(decision);
            Ok(count)
        })
    })
}

/// Stage 5: the result as the extension serialises it (page, findings with their anchors,
/// targets); returns its length in bytes.
#[wasm_bindgen]
pub fn stage_serialize() -> Result<usize, JsError> {
    STAGES.with(|s| {
        let s = s.borrow();
        let (Some(reading), Some(context), Some(decision)) = (&s.reading, &s.context, &s.decision)
        else {
            return Err(error("nothing evaluated"));
        };
        let findings: Vec<serde_json::Value> = decision
            .findings
            .iter()
            .map(|finding| {
                let mut value = serde_json::to_value(finding).unwrap_or_default();
                let anchor = finding
                    .about
                    .as_ref()
                    .and_then(|a| reading.anchor_for(&a.field, a.index));
                value["anchor"] = serde_json::json!(anchor);
                value
            })
            .collect();
        Ok(serde_json::json!({
            "page": context.page,
            "findings": findings,
            "holds_checkout": decision.holds_checkout,
            "hold_targets": reading.hold_targets,
            "final_targets": reading.final_targets,
            "diagnostics": decision.diagnostics,
            "policy_revision": decision.policy_revision,
        })
        .to_string()
        .len())
    })
}

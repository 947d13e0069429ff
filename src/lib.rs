//! procguard's wasm binding: JSON in, JSON out. Everything it does is in `procguard-core`
//! (the checks) and `procguard-readers` (the page readers); this crate only keeps the loaded
//! directory and policy between calls and reads the clock.
//!
//! The same module runs in the content script (when the page's CSP allows wasm) and in the
//! service worker (when it does not): both call `check_snapshot`.

mod engine;

use wasm_bindgen::prelude::*;

pub use engine::Engine;

thread_local! {
    static ENGINE: std::cell::RefCell<Engine> = std::cell::RefCell::new(Engine::default());
}

fn js_error(message: String) -> JsError {
    JsError::new(&message)
}

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

/// The technician using the extension: `{"name": …, "email": …}`.
#[wasm_bindgen]
pub fn set_user(json: &str) -> Result<(), JsError> {
    ENGINE.with(|e| e.borrow_mut().set_user(json).map_err(js_error))
}

/// Reads a page snapshot and judges it. `now` is an RFC 3339 time for tests; empty means
/// the browser's clock in the browser's time zone. Returns the result as JSON (see
/// `engine::CheckResult`).
#[wasm_bindgen]
pub fn check_snapshot(snapshot_json: &str, now: &str) -> String {
    let now = if now.is_empty() {
        chrono::Local::now().fixed_offset()
    } else {
        match chrono::DateTime::parse_from_rfc3339(now) {
            Ok(t) => t,
            Err(e) => {
                return engine::error_json(&format!("`now` is not an RFC 3339 time: {e}"));
            }
        }
    };
    ENGINE.with(|e| e.borrow().check_snapshot(snapshot_json, now))
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

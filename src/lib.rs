//! procguard's wasm binding: JSON in, JSON out. Everything it does is in `procguard-core`
//! (the checks) and `procguard-readers` (the page readers); this crate only keeps the loaded
//! directory and policy between calls and reads the clock.
//!
//! Two kinds of build: the content script's (cargo feature `content`: the exports in this
//! file, which read and judge a page), one per site (`--no-default-features --features
//! content,<site>`: only that site's readers and checks, see [`sites`]), and the extension
//! pages' (every site, these exports and `pages`). All read and judge with the same code: the
//! content script when the page's CSP allows wasm, the service worker when it does not.
//! `decode` says how each build reads the settings it is given.

// The content build calls only part of these (see `pages`).
#[cfg_attr(feature = "content", allow(dead_code))]
mod decode;
#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "content")),
    allow(dead_code)
)]
mod heap;

/// The content script's build allocates with [`heap::Heap`] (why: see `heap`).
#[cfg(all(target_arch = "wasm32", feature = "content"))]
#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();
#[cfg_attr(feature = "content", allow(dead_code))]
mod engine;
#[cfg_attr(feature = "content", allow(dead_code))]
pub mod learning;
#[cfg_attr(feature = "content", allow(dead_code))]
mod lookup;
// Everything the extension pages call (the worker, the popup, the options page): left out of
// the content script's build, which carries only what reading and judging a page needs.
#[cfg(not(feature = "content"))]
mod pages;
#[cfg(not(feature = "content"))]
pub use pages::*;

use wasm_bindgen::prelude::*;

pub use engine::Engine;

#[cfg(not(feature = "content"))]
thread_local! {
    static ENGINE: std::cell::RefCell<Engine> = std::cell::RefCell::new(Engine::default());
}

#[cfg(feature = "content")]
thread_local! {
    static ENGINE: std::cell::RefCell<Engine> = const { std::cell::RefCell::new(Engine::EMPTY) };
}

#[cfg(not(feature = "content"))]
fn js_error(message: String) -> JsError {
    JsError::new(&message)
}

/// The sites whose pages this build reads and checks, space-separated (`pax8 autotask itglue
/// portals` in the full build). The content script loads one module per site and checks
/// with this that the module is the one for its page before it reads a page with it.
#[wasm_bindgen]
pub fn sites() -> String {
    [
        (cfg!(feature = "pax8"), "pax8"),
        (cfg!(feature = "autotask"), "autotask"),
        (cfg!(feature = "itglue"), "itglue"),
        (cfg!(feature = "portals"), "portals"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .fold(String::new(), |mut sites, (_, site)| {
        if !sites.is_empty() {
            sites.push(' ');
        }
        sites.push_str(site);
        sites
    })
}

/// Loads a settings pack (`procguard_core::pack`): what the service worker's core has loaded,
/// as its `settings_pack` wrote it. The content script's build reads its settings only this
/// way. Answers `""` once loaded; else what was loaded stays, and the answer says where the
/// pack is off. An answer, not a thrown `JsError`: this was the content modules' only
/// `JsError`, and without it they carry no code to make one, hand it over and free its slot
/// among the JavaScript references (issue 8: 0.1-0.4 KB of each module gzipped).
#[wasm_bindgen]
pub fn load_settings_pack(pack: &str) -> String {
    ENGINE.with(|e| {
        e.borrow_mut()
            .load_settings_pack(pack)
            .err()
            .unwrap_or_default()
    })
}

/// Reads a page snapshot (in the wire format: `procguard_readers::Dom::from_wire`) and judges
/// it. `now` is an RFC 3339 time for tests; empty means the browser's clock in the browser's
/// time zone. Returns the result as JSON (see
/// `engine::CheckResult`). Not in the content script's build: its whole reads keep their
/// snapshot for the edits after them (`check_snapshot_in`), and this one more export was
/// 0.2 KB of each module gzipped (issue 8).
#[cfg(not(feature = "content"))]
#[wasm_bindgen]
pub fn check_snapshot(snapshot: &str, now: &str) -> String {
    match parse_now(now) {
        Ok(now) => ENGINE.with(|e| e.borrow().check_snapshot(snapshot, now)),
        Err(error) => error,
    }
}

/// `check_snapshot`, also keeping the parsed snapshot under `slot` (the worker uses
/// `"tab:frame"`, the content script `"page"`; at most 16 are kept, the least recently used
/// dropped) so that the next edit can be sent to `check_patch`. Same result JSON.
#[wasm_bindgen]
pub fn check_snapshot_in(slot: &str, snapshot: &str, now: &str) -> String {
    match parse_now(now) {
        Ok(now) => ENGINE.with(|e| e.borrow_mut().check_snapshot_in(slot, snapshot, now)),
        Err(error) => error,
    }
}

/// Applies value patches to the snapshot kept under `slot` and reads and judges it again;
/// the same result JSON as `check_snapshot`. `patch` is in the wire format
/// (`procguard_core::wire`; `Dom::parse_patches`): per patch `i` the element's index, then any
/// of `v` value or selected option's text, `s` select value, `k` checked. Answers
/// `{"stale":true}` when the slot is not kept or an `i` is not a control of it that a snapshot
/// gives that state (send a full snapshot to
/// `check_snapshot_in` then), and `{"stale":true,"error":…}` when the patch is not readable;
/// either way the slot is forgotten.
#[wasm_bindgen]
pub fn check_patch(slot: &str, patch: &str, now: &str) -> String {
    match parse_now(now) {
        Ok(now) => ENGINE.with(|e| e.borrow_mut().check_patch(slot, patch, now)),
        Err(error) => error,
    }
}

/// Drops the snapshot kept under `slot` (its tab or frame is gone).
#[wasm_bindgen]
pub fn forget_slot(slot: &str) {
    ENGINE.with(|e| e.borrow_mut().forget_slot(slot))
}

/// `now` as RFC 3339, or (outside the content script's build) the browser's clock in its
/// time zone when empty; an error result JSON when it is not a time. The content script
/// passes its own clock (`extension/content.js` `localNow`), so that its modules need not
/// carry chrono's clock and the JavaScript date bindings behind it.
fn parse_now(now: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    if now.is_empty() {
        #[cfg(not(feature = "content"))]
        return Ok(chrono::Local::now().fixed_offset());
        #[cfg(feature = "content")]
        return Err(engine::error_json(
            "`now` is missing: the content script passes its local time",
        ));
    }
    procguard_core::dates::parse_rfc3339(now).ok_or_else(|| {
        engine::error_json(&procguard_core::fill!(
            "`now` is not an RFC 3339 time: `{}` (write it like 2026-11-21T10:30:00-05:00)",
            now
        ))
    })
}

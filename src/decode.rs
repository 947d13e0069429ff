//! How the engine reads the JSON it is given: the directory, the learned facts, the
//! technician and the policy overrides.
//!
//! The extension pages' build reads them with serde: its errors name line, column and field,
//! and the options page shows them when it validates an import. The content script's build
//! is only given what the options page accepted, and reads it with procguard-core's small JSON
//! reader and hand-written decoders (`procguard_core::lean`, held to serde's results by
//! `crates/core/tests/lean.rs`), so that its wasm carries no serde deserialiser (issue 8).

use procguard_core::{Directory, Policy, PolicyError, User};
use serde_json::Value;

use crate::learning::Fact;

#[cfg(not(feature = "content"))]
pub fn directory(json: &str) -> Result<Directory, String> {
    Directory::from_json(json).map_err(|e| e.to_string())
}

#[cfg(feature = "content")]
pub fn directory(json: &str) -> Result<Directory, String> {
    procguard_core::lean::directory_from_json(json).map_err(|e| format!("directory: {e}"))
}

#[cfg(not(feature = "content"))]
pub fn facts(json: &str) -> Result<Vec<Fact>, String> {
    serde_json::from_str(json).map_err(|e| format!("learned facts: {e}"))
}

#[cfg(feature = "content")]
pub fn facts(json: &str) -> Result<Vec<Fact>, String> {
    Fact::list_from_value(value(json).map_err(|e| format!("learned facts: {e}"))?)
}

#[cfg(not(feature = "content"))]
pub fn user(json: &str) -> Result<User, String> {
    serde_json::from_str(json).map_err(|e| format!("user: {e}"))
}

#[cfg(feature = "content")]
pub fn user(json: &str) -> Result<User, String> {
    let value = value(json).map_err(|e| format!("user: {e}"))?;
    procguard_core::lean::user(value).map_err(|e| format!("user: {e}"))
}

/// The built-in policy with the overrides applied, or every problem in them.
pub fn policy(json: &str) -> Result<Policy, Vec<PolicyError>> {
    #[cfg(not(feature = "content"))]
    return Policy::from_overrides_json(json);
    #[cfg(feature = "content")]
    {
        let overrides = value(json).map_err(|e| {
            vec![PolicyError {
                path: String::new(),
                message: format!("the policy is not valid JSON: {e}"),
                help: None,
            }]
        })?;
        Policy::default().merge_value(&overrides)
    }
}

/// Any JSON text as a value.
pub fn value(json: &str) -> Result<Value, String> {
    #[cfg(not(feature = "content"))]
    return serde_json::from_str(json).map_err(|e| e.to_string());
    #[cfg(feature = "content")]
    procguard_core::json::parse_value(json).map_err(|e| e.to_string())
}

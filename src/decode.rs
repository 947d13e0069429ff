//! How the engine reads the JSON settings it is given (the service worker's and the extension
//! pages' build): the directory, the learned facts, the technician and the policy overrides,
//! with serde, whose errors name line, column and field for the options page. The content
//! script's build is given none of these: it reads the settings pack the worker writes from
//! them (`procguard_core::pack`, issue 8).

use procguard_core::{Directory, Policy, PolicyError, User};
use serde_json::Value;

use crate::learning::Fact;

pub fn directory(json: &str) -> Result<Directory, String> {
    Directory::from_json(json).map_err(|e| e.to_string())
}

pub fn facts(json: &str) -> Result<Vec<Fact>, String> {
    serde_json::from_str(json).map_err(|e| format!("learned facts: {e}"))
}

pub fn user(json: &str) -> Result<User, String> {
    serde_json::from_str(json).map_err(|e| format!("user: {e}"))
}

/// The built-in policy with the overrides applied, or every problem in them.
pub fn policy(json: &str) -> Result<Policy, Vec<PolicyError>> {
    Policy::from_overrides_json(json)
}

/// Any JSON text as a value.
pub fn value(json: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

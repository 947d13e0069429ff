//! Stored directories written in an older format, brought up to `procguard/directory@1`.
//!
//! The extension keeps the imported directory text as it was imported. When the format
//! changes, a directory stored by an older version is migrated once, on start: the caller
//! keeps the old text as a backup, stores the migrated text, and drops the backup only after
//! the migrated text has loaded.
//!
//! Formats:
//! - `procguard/directory@0` (the draft layout before the first release): the help-desk
//!   vendor was `msp.vendor`, and a customer's plan was a bare `help_desk_plan` string
//!   (`"per-device"`, `"hourly"`, …) beside `help_desk_source` and `help_desk_as_of`.
//!   `@1` names them `msp.helpdesk_vendor` and `help_desk: {plan, source, as_of}`.
//!   Everything else, unknown fields included, is kept as it was, in its order.
//! - `procguard/directory@1`: current; nothing to do.

use serde_json::{Map, Value};

use crate::input::InputError;
use crate::model::{Directory, DIRECTORY_FORMAT};

/// The older directory format this version migrates from.
pub const DIRECTORY_FORMAT_0: &str = "procguard/directory@0";

/// A stored directory brought up to the current format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The format the text was in.
    pub from: String,
    /// The same directory in the current format (pretty JSON), valid for
    /// [`Directory::from_json`].
    pub text: String,
}

impl Directory {
    /// Brings a stored directory text to the current format. `Ok(None)`: it is current (or
    /// not a JSON object with a format this version knows how to migrate; `from_json` then
    /// says what is wrong with it). `Ok(Some(..))`: the migrated text, already checked to
    /// read as a directory. `Err`: an older format whose migrated form is not a valid
    /// directory; the error names the place in the migrated text's terms.
    pub fn migrate_json(text: &str) -> Result<Option<Migrated>, InputError> {
        let Ok(Value::Object(top)) = serde_json::from_str::<Value>(text) else {
            return Ok(None);
        };
        let from = match top.get("format") {
            Some(Value::String(format)) if format == DIRECTORY_FORMAT_0 => format.clone(),
            _ => return Ok(None),
        };
        let migrated = Value::Object(from_0(top));
        let text = serde_json::to_string_pretty(&migrated).unwrap_or_default();
        Directory::from_json(&text)?;
        Ok(Some(Migrated { from, text }))
    }
}

/// `@0` to `@1`: renames in place, keeping every other key and its order.
fn from_0(top: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in top {
        match (key.as_str(), value) {
            ("format", _) => {
                out.insert(key, Value::String(DIRECTORY_FORMAT.to_string()));
            }
            ("msp", Value::Object(msp)) => {
                let msp = msp
                    .into_iter()
                    .map(|(k, v)| match k.as_str() {
                        "vendor" => ("helpdesk_vendor".to_string(), v),
                        _ => (k, v),
                    })
                    .collect();
                out.insert(key, Value::Object(msp));
            }
            ("customers", Value::Array(customers)) => {
                let customers = customers
                    .into_iter()
                    .map(|customer| match customer {
                        Value::Object(customer) => Value::Object(customer_from_0(customer)),
                        other => other,
                    })
                    .collect();
                out.insert(key, Value::Array(customers));
            }
            (_, value) => {
                out.insert(key, value);
            }
        }
    }
    out
}

fn customer_from_0(customer: Map<String, Value>) -> Map<String, Value> {
    const OLD: [(&str, &str); 3] = [
        ("help_desk_plan", "plan"),
        ("help_desk_source", "source"),
        ("help_desk_as_of", "as_of"),
    ];
    if !OLD.iter().any(|(old, _)| customer.contains_key(*old)) {
        return customer;
    }
    // A `help_desk` object already there keeps its values; the old fields fill the rest.
    let mut help_desk = match customer.get("help_desk") {
        Some(Value::Object(existing)) => existing.clone(),
        _ => Map::new(),
    };
    for (old, new) in OLD {
        if let Some(value) = customer.get(old) {
            if !help_desk.contains_key(new) {
                help_desk.insert(new.to_string(), value.clone());
            }
        }
    }
    let mut out = Map::new();
    for (key, value) in customer {
        if key == "help_desk" || OLD.iter().any(|(old, _)| *old == key) {
            // The object takes the place of the first of these fields the customer had.
            if !out.contains_key("help_desk") {
                out.insert("help_desk".to_string(), Value::Object(help_desk.clone()));
            }
            continue;
        }
        out.insert(key, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HelpDeskPlan;

    const OLD: &str = r#"{
  "format": "procguard/directory@0",
  "msp": {"name": "GGIT", "vendor": {"name": "Mission Control", "resource_names": ["Mission Control"]}, "x_kept": 1},
  "customers": [
    {"id": "acme", "name": "Acme Dental LLC", "help_desk_plan": "per-device", "help_desk_source": "IT Glue", "help_desk_as_of": "2026-10-01", "domains": ["acmedental.com"]},
    {"id": "zeta", "name": "Zeta", "x_note": "kept"}
  ],
  "x_crm": {"synced": true}
}"#;

    #[test]
    fn a_format_0_directory_is_migrated_and_keeps_what_it_does_not_rename() {
        let migrated = Directory::migrate_json(OLD).unwrap().expect("migrated");
        assert_eq!(migrated.from, DIRECTORY_FORMAT_0);
        let directory = Directory::from_json(&migrated.text).unwrap();
        let vendor = directory
            .msp
            .helpdesk_vendor
            .as_ref()
            .expect("vendor renamed");
        assert_eq!(vendor.name.as_deref(), Some("Mission Control"));
        let acme = &directory.customers[0];
        let help_desk = acme.help_desk.as_ref().expect("help_desk built");
        assert_eq!(help_desk.plan, HelpDeskPlan::PerDevice);
        assert_eq!(help_desk.source.as_deref(), Some("IT Glue"));
        assert_eq!(help_desk.as_of.as_deref(), Some("2026-10-01"));
        assert!(directory.customers[1].help_desk.is_none());
        // A customer with both keeps its help_desk values and gains the old ones it lacks.
        let both = r#"{"format": "procguard/directory@0", "customers": [{"id": "b", "help_desk": {"plan": "none"}, "help_desk_plan": "hourly", "help_desk_source": "Autotask"}]}"#;
        let both = Directory::migrate_json(both).unwrap().unwrap();
        let value: Value = serde_json::from_str(&both.text).unwrap();
        assert_eq!(
            value["customers"][0],
            serde_json::json!({"id": "b", "help_desk": {"plan": "none", "source": "Autotask"}})
        );
        let value: Value = serde_json::from_str(&migrated.text).unwrap();
        assert_eq!(value["format"], DIRECTORY_FORMAT);
        assert_eq!(value["x_crm"]["synced"], true);
        assert_eq!(value["msp"]["x_kept"], 1);
        assert_eq!(value["customers"][1]["x_note"], "kept");
        assert!(value["customers"][0].get("help_desk_plan").is_none());
        // Key order is kept: help_desk takes the old fields' place, before `domains`.
        let keys: Vec<&String> = value["customers"][0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "name", "help_desk", "domains"]);
        // Migrating the result again does nothing.
        assert_eq!(Directory::migrate_json(&migrated.text).unwrap(), None);
    }

    #[test]
    fn a_current_or_unreadable_directory_is_left_to_from_json() {
        assert_eq!(
            Directory::migrate_json(r#"{"format": "procguard/directory@1", "customers": []}"#)
                .unwrap(),
            None
        );
        assert_eq!(Directory::migrate_json("{\"format\": ").unwrap(), None);
        assert_eq!(Directory::migrate_json("[]").unwrap(), None);
        assert_eq!(
            Directory::migrate_json(r#"{"format": "procguard/directory@9"}"#).unwrap(),
            None
        );
    }

    #[test]
    fn a_format_0_directory_that_is_not_valid_once_migrated_is_refused_with_the_place() {
        let bad = r#"{"format": "procguard/directory@0", "customers": [{"id": "a", "help_desk_plan": "weekly"}]}"#;
        let error = Directory::migrate_json(bad).unwrap_err();
        assert_eq!(error.path, "customers[0].help_desk.plan");
        assert!(error.message.contains("weekly"), "{}", error.message);
    }
}

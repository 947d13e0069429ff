//! Hand-written decoders of the directory model from a `serde_json::Value`, for the content
//! script's build of the core (issue 8): serde's derived deserialisers are the largest part
//! of the wasm, and the content script only ever reads what the options page already
//! accepted with [`Directory::from_json`](crate::Directory::from_json), whose errors name
//! line, column and field.
//!
//! They take what serde takes and refuse what it refuses (a wrong type, an unknown enum
//! value): a test holds them to serde's result on every directory of the shared fixtures
//! and scenarios. Missing fields read as their default; unknown ones land in `extra`.

use std::fmt;

use serde_json::{Map, Value};

use crate::json::{self, JsonError};
use crate::model::*;

/// A value of the wrong shape, and where (`customers[1].subscriptions[0].term`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeanError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for LeanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LeanError {}

impl From<JsonError> for LeanError {
    fn from(error: JsonError) -> Self {
        LeanError {
            path: String::new(),
            message: error.to_string(),
        }
    }
}

type Result<T> = std::result::Result<T, LeanError>;

fn wrong(what: &str, found: &Value) -> LeanError {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    LeanError {
        path: String::new(),
        message: format!("expected {what}, found {found}"),
    }
}

/// Puts a field name (or `[index]`) in front of an error's path.
fn within<T>(result: Result<T>, key: &str, index: Option<usize>) -> Result<T> {
    result.map_err(|mut error| {
        let mut path = key.to_string();
        if let Some(i) = index {
            path.push_str(&format!("[{i}]"));
        }
        if !error.path.is_empty() && !error.path.starts_with('[') {
            path.push('.');
        }
        path.push_str(&error.path);
        error.path = path;
        error
    })
}

/// The members of an object; every decoder of a struct starts here.
fn object(value: Value) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(wrong("an object", &other)),
    }
}

fn string(value: Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(wrong("a string", &other)),
    }
}

fn opt_string(value: Value) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        other => string(other).map(Some),
    }
}

fn opt_i64(value: Value) -> Result<Option<i64>> {
    match &value {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong("a whole number", &value)),
        _ => Err(wrong("a whole number", &value)),
    }
}

fn opt_bool(value: Value) -> Result<Option<bool>> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        other => Err(wrong("`true` or `false`", &other)),
    }
}

/// A loop, not `collect` into a `Result`: that instantiates an adapter stack for every item
/// type, and the loop leaves the content wasm 3.3 KB smaller before compression (issue 8).
fn list<T>(value: Value, item: fn(Value) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(wrong("a list", &value));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        out.push(within(item(v), "", Some(i))?);
    }
    Ok(out)
}

fn strings(value: Value) -> Result<Vec<String>> {
    list(value, string)
}

fn opt<T>(value: Value, decode: fn(Value) -> Result<T>) -> Result<Option<T>> {
    match value {
        Value::Null => Ok(None),
        other => decode(other).map(Some),
    }
}

fn map(value: Value) -> Result<Map<String, Value>> {
    object(value)
}

/// An enum written as one of its kebab-case names.
fn named<T: Copy>(value: Value, names: &[(&str, T)]) -> Result<T> {
    let text = string(value)?;
    names
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, v)| *v)
        .ok_or_else(|| LeanError {
            path: String::new(),
            message: format!(
                "unknown value `{text}`, expected one of {}",
                names
                    .iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
}

pub fn term(value: Value) -> Result<Term> {
    named(
        value,
        &[
            ("monthly", Term::Monthly),
            ("annual", Term::Annual),
            ("multi-year", Term::MultiYear),
            ("trial", Term::Trial),
            ("one-time", Term::OneTime),
        ],
    )
}

fn opt_term(value: Value) -> Result<Option<Term>> {
    opt(value, term)
}

fn authority(value: Value) -> Result<Authority> {
    named(
        value,
        &[
            ("primary-authorization", Authority::PrimaryAuthorization),
            ("purchasing", Authority::Purchasing),
            ("security", Authority::Security),
            ("technical", Authority::Technical),
        ],
    )
}

fn help_desk_plan(value: Value) -> Result<HelpDeskPlan> {
    named(
        value,
        &[
            ("per-device", HelpDeskPlan::PerDevice),
            ("hourly", HelpDeskPlan::Hourly),
            ("none", HelpDeskPlan::None),
            ("unknown", HelpDeskPlan::Unknown),
        ],
    )
}

fn agreement_status(value: Value) -> Result<AgreementStatus> {
    named(
        value,
        &[
            ("none", AgreementStatus::None),
            ("sent", AgreementStatus::Sent),
            ("signed", AgreementStatus::Signed),
        ],
    )
}

fn confirmation_kind(value: Value) -> Result<ConfirmationKind> {
    named(
        value,
        &[
            ("ticket-note", ConfirmationKind::TicketNote),
            ("email", ConfirmationKind::Email),
        ],
    )
}

/// Decodes each member with `field` (which says whether it knew the key); the others go
/// to `extra`. Errors get the member's name in their path.
fn members(
    value: Value,
    extra: &mut Map<String, Value>,
    mut field: impl FnMut(&str, Value) -> Result<Option<Value>>,
) -> Result<()> {
    for (key, member) in object(value)? {
        if let Some(unknown) = within(field(&key, member), &key, None)? {
            extra.insert(key, unknown);
        }
    }
    Ok(())
}

/// A decoder of a model struct: each listed key read into its field by the function given,
/// a missing key left at the field's default, any other key kept in `extra`.
macro_rules! decoder {
    ($vis:vis fn $name:ident -> $ty:ident { $($key:literal => $field:ident: $read:expr),+ $(,)? }) => {
        $vis fn $name(value: Value) -> Result<$ty> {
            let mut out = $ty::default();
            members(value, &mut out.extra, |key, v| {
                match key {
                    $($key => out.$field = ($read)(v)?,)+
                    _ => return Ok(Some(v)),
                }
                Ok(None)
            })?;
            Ok(out)
        }
    };
}

/// A directory text (`procguard/directory@1`) as the options page stored it.
pub fn directory_from_json(text: &str) -> Result<Directory> {
    directory(json::parse_value(text)?)
}

pub fn directory(value: Value) -> Result<Directory> {
    let d = directory_fields(value)?;
    if d.format != DIRECTORY_FORMAT {
        return Err(LeanError {
            path: "format".into(),
            message: format!("this is not a directory: its `format` is `{}`", d.format),
        });
    }
    Ok(d)
}

decoder!(fn directory_fields -> Directory {
    "format" => format: string,
    "msp" => msp: msp,
    "customers" => customers: |v| list(v, customer).map(std::sync::Arc::new),
});

decoder!(pub fn user -> User {
    "name" => name: opt_string,
    "email" => email: opt_string,
});

decoder!(fn msp -> Msp {
    "name" => name: opt_string,
    "email_domains" => email_domains: strings,
    "senior_staff" => senior_staff: strings,
    "billing_contact" => billing_contact: opt_string,
    "helpdesk_vendor" => helpdesk_vendor: |v| opt(v, helpdesk_vendor),
    "internal_use_products" => internal_use_products: strings,
});

decoder!(fn helpdesk_vendor -> HelpdeskVendor {
    "name" => name: opt_string,
    "resource_names" => resource_names: strings,
    "dispatch_statuses" => dispatch_statuses: strings,
    "confidential_numbers" => confidential_numbers: strings,
    "public_number" => public_number: opt_string,
    "queue" => queue: opt_string,
    "work_type" => work_type: opt_string,
    "sla_minutes" => sla_minutes: map,
});

decoder!(fn customer -> Customer {
    "id" => id: string,
    "name" => name: string,
    "aliases" => aliases: strings,
    "domains" => domains: strings,
    "help_desk" => help_desk: |v| opt(v, help_desk),
    "contacts" => contacts: |v| list(v, contact),
    "subscriptions" => subscriptions: |v| list(v, subscription),
    "agreements" => agreements: |v| list(v, agreement),
    "quotes" => quotes: |v| list(v, quote),
    "order_intents" => order_intents: |v| list(v, order_intent),
    "confirmations" => confirmations: |v| list(v, confirmation),
    "reminders" => reminders: |v| list(v, reminder),
    "rmm_devices" => rmm_devices: strings,
    "classification" => classification: opt_string,
    "orders" => orders: |v| list(v, order),
});

decoder!(pub fn help_desk -> HelpDesk {
    "plan" => plan: help_desk_plan,
    "source" => source: opt_string,
    "as_of" => as_of: opt_string,
});

decoder!(pub fn contact -> Contact {
    "name" => name: string,
    "email" => email: opt_string,
    "authority" => authority: |v| list(v, authority),
});

decoder!(fn subscription -> Subscription {
    "product" => product: string,
    "term" => term: opt_term,
    "quantity" => quantity: opt_i64,
    "start" => start: opt_string,
    "end" => end: opt_string,
    "status" => status: opt_string,
    "purchased_on" => purchased_on: opt_string,
    "temporary" => temporary: opt_bool,
    "seat_changes" => seat_changes: |v| list(v, seat_change),
});

decoder!(fn seat_change -> SeatChange {
    "at" => at: opt_string,
    "delta" => delta: opt_i64,
});

decoder!(fn agreement -> Agreement {
    "product" => product: string,
    "term" => term: opt_term,
    "status" => status: |v| opt(v, agreement_status),
    "signed_on" => signed_on: opt_string,
});

decoder!(fn quote -> Quote {
    "id" => id: opt_string,
    "at" => at: opt_string,
    "items" => items: |v| list(v, quote_item),
});

decoder!(fn quote_item -> QuoteItem {
    "product" => product: string,
    "quantity" => quantity: opt_i64,
    "term" => term: opt_term,
});

decoder!(pub fn order_intent -> OrderIntent {
    "ticket" => ticket: opt_string,
    "product" => product: string,
    "quantity" => quantity: opt_i64,
    "term" => term: opt_term,
    "at" => at: opt_string,
});

decoder!(fn confirmation -> Confirmation {
    "id" => id: opt_string,
    "kind" => kind: |v| opt(v, confirmation_kind),
    "ticket" => ticket: opt_string,
    "from" => from: opt_string,
    "at" => at: opt_string,
    "product" => product: string,
    "quantity" => quantity: opt_i64,
    "term" => term: opt_term,
});

decoder!(fn reminder -> Reminder {
    "ticket" => ticket: opt_string,
    "product" => product: string,
    "due" => due: opt_string,
    "resources" => resources: strings,
});

decoder!(pub fn order -> Order {
    "ticket" => ticket: opt_string,
    "product" => product: string,
    "quantity" => quantity: opt_i64,
    "term" => term: opt_term,
    "placed_at" => placed_at: opt_string,
});

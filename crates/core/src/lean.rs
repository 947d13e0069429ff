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

fn list<T>(value: Value, item: fn(Value) -> Result<T>) -> Result<Vec<T>> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| within(item(v), "", Some(i)))
            .collect(),
        other => Err(wrong("a list", &other)),
    }
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

/// A directory text (`procguard/directory@1`) as the options page stored it.
pub fn directory_from_json(text: &str) -> Result<Directory> {
    directory(json::parse_value(text)?)
}

pub fn directory(value: Value) -> Result<Directory> {
    let mut d = Directory::default();
    members(value, &mut d.extra, |key, v| {
        match key {
            "format" => d.format = string(v)?,
            "msp" => d.msp = msp(v)?,
            "customers" => d.customers = list(v, customer)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    if d.format != DIRECTORY_FORMAT {
        return Err(LeanError {
            path: "format".into(),
            message: format!("this is not a directory: its `format` is `{}`", d.format),
        });
    }
    Ok(d)
}

pub fn user(value: Value) -> Result<User> {
    let mut u = User::default();
    members(value, &mut u.extra, |key, v| {
        match key {
            "name" => u.name = opt_string(v)?,
            "email" => u.email = opt_string(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(u)
}

fn msp(value: Value) -> Result<Msp> {
    let mut m = Msp::default();
    members(value, &mut m.extra, |key, v| {
        match key {
            "name" => m.name = opt_string(v)?,
            "email_domains" => m.email_domains = strings(v)?,
            "senior_staff" => m.senior_staff = strings(v)?,
            "billing_contact" => m.billing_contact = opt_string(v)?,
            "helpdesk_vendor" => m.helpdesk_vendor = opt(v, helpdesk_vendor)?,
            "internal_use_products" => m.internal_use_products = strings(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(m)
}

fn helpdesk_vendor(value: Value) -> Result<HelpdeskVendor> {
    let mut h = HelpdeskVendor::default();
    members(value, &mut h.extra, |key, v| {
        match key {
            "name" => h.name = opt_string(v)?,
            "resource_names" => h.resource_names = strings(v)?,
            "dispatch_statuses" => h.dispatch_statuses = strings(v)?,
            "confidential_numbers" => h.confidential_numbers = strings(v)?,
            "public_number" => h.public_number = opt_string(v)?,
            "queue" => h.queue = opt_string(v)?,
            "work_type" => h.work_type = opt_string(v)?,
            "sla_minutes" => h.sla_minutes = map(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(h)
}

fn customer(value: Value) -> Result<Customer> {
    let mut c = Customer::default();
    members(value, &mut c.extra, |key, v| {
        match key {
            "id" => c.id = string(v)?,
            "name" => c.name = string(v)?,
            "aliases" => c.aliases = strings(v)?,
            "domains" => c.domains = strings(v)?,
            "help_desk" => c.help_desk = opt(v, help_desk)?,
            "contacts" => c.contacts = list(v, contact)?,
            "subscriptions" => c.subscriptions = list(v, subscription)?,
            "agreements" => c.agreements = list(v, agreement)?,
            "quotes" => c.quotes = list(v, quote)?,
            "order_intents" => c.order_intents = list(v, order_intent)?,
            "confirmations" => c.confirmations = list(v, confirmation)?,
            "reminders" => c.reminders = list(v, reminder)?,
            "rmm_devices" => c.rmm_devices = strings(v)?,
            "classification" => c.classification = opt_string(v)?,
            "orders" => c.orders = list(v, order)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(c)
}

pub fn help_desk(value: Value) -> Result<HelpDesk> {
    let mut h = HelpDesk::default();
    members(value, &mut h.extra, |key, v| {
        match key {
            "plan" => h.plan = help_desk_plan(v)?,
            "source" => h.source = opt_string(v)?,
            "as_of" => h.as_of = opt_string(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(h)
}

pub fn contact(value: Value) -> Result<Contact> {
    let mut c = Contact::default();
    members(value, &mut c.extra, |key, v| {
        match key {
            "name" => c.name = string(v)?,
            "email" => c.email = opt_string(v)?,
            "authority" => c.authority = list(v, authority)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(c)
}

fn subscription(value: Value) -> Result<Subscription> {
    let mut s = Subscription::default();
    members(value, &mut s.extra, |key, v| {
        match key {
            "product" => s.product = string(v)?,
            "term" => s.term = opt_term(v)?,
            "quantity" => s.quantity = opt_i64(v)?,
            "start" => s.start = opt_string(v)?,
            "end" => s.end = opt_string(v)?,
            "status" => s.status = opt_string(v)?,
            "purchased_on" => s.purchased_on = opt_string(v)?,
            "temporary" => s.temporary = opt_bool(v)?,
            "seat_changes" => s.seat_changes = list(v, seat_change)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(s)
}

fn seat_change(value: Value) -> Result<SeatChange> {
    let mut s = SeatChange::default();
    members(value, &mut s.extra, |key, v| {
        match key {
            "at" => s.at = opt_string(v)?,
            "delta" => s.delta = opt_i64(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(s)
}

fn agreement(value: Value) -> Result<Agreement> {
    let mut a = Agreement::default();
    members(value, &mut a.extra, |key, v| {
        match key {
            "product" => a.product = string(v)?,
            "term" => a.term = opt_term(v)?,
            "status" => a.status = opt(v, agreement_status)?,
            "signed_on" => a.signed_on = opt_string(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(a)
}

fn quote(value: Value) -> Result<Quote> {
    let mut q = Quote::default();
    members(value, &mut q.extra, |key, v| {
        match key {
            "id" => q.id = opt_string(v)?,
            "at" => q.at = opt_string(v)?,
            "items" => q.items = list(v, quote_item)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(q)
}

fn quote_item(value: Value) -> Result<QuoteItem> {
    let mut q = QuoteItem::default();
    members(value, &mut q.extra, |key, v| {
        match key {
            "product" => q.product = string(v)?,
            "quantity" => q.quantity = opt_i64(v)?,
            "term" => q.term = opt_term(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(q)
}

pub fn order_intent(value: Value) -> Result<OrderIntent> {
    let mut o = OrderIntent::default();
    members(value, &mut o.extra, |key, v| {
        match key {
            "ticket" => o.ticket = opt_string(v)?,
            "product" => o.product = string(v)?,
            "quantity" => o.quantity = opt_i64(v)?,
            "term" => o.term = opt_term(v)?,
            "at" => o.at = opt_string(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(o)
}

fn confirmation(value: Value) -> Result<Confirmation> {
    let mut c = Confirmation::default();
    members(value, &mut c.extra, |key, v| {
        match key {
            "id" => c.id = opt_string(v)?,
            "kind" => c.kind = opt(v, confirmation_kind)?,
            "ticket" => c.ticket = opt_string(v)?,
            "from" => c.from = opt_string(v)?,
            "at" => c.at = opt_string(v)?,
            "product" => c.product = string(v)?,
            "quantity" => c.quantity = opt_i64(v)?,
            "term" => c.term = opt_term(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(c)
}

fn reminder(value: Value) -> Result<Reminder> {
    let mut r = Reminder::default();
    members(value, &mut r.extra, |key, v| {
        match key {
            "ticket" => r.ticket = opt_string(v)?,
            "product" => r.product = string(v)?,
            "due" => r.due = opt_string(v)?,
            "resources" => r.resources = strings(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(r)
}

pub fn order(value: Value) -> Result<Order> {
    let mut o = Order::default();
    members(value, &mut o.extra, |key, v| {
        match key {
            "ticket" => o.ticket = opt_string(v)?,
            "product" => o.product = string(v)?,
            "quantity" => o.quantity = opt_i64(v)?,
            "term" => o.term = opt_term(v)?,
            "placed_at" => o.placed_at = opt_string(v)?,
            _ => return Ok(Some(v)),
        }
        Ok(None)
    })?;
    Ok(o)
}

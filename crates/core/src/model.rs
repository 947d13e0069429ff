//! The data model of `spec/CONTEXT.md`: context, directory, page and expect.
//!
//! Every struct keeps the fields it does not know in `extra`, so nothing a user imports
//! is lost on a read/write round trip. Missing keys read as their default (`null`, `[]`).
//! Page fields are `Option` and serialise as `null` when the page did not show them:
//! a reader's output is compared with fixture JSON for exact equality.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields the model does not know, kept as read (cargo feature `unknown-fields`, on by
/// default).
#[cfg(feature = "unknown-fields")]
pub type Extra = Map<String, Value>;

/// A build without `unknown-fields` keeps none: the content script's, which reads pages from
/// a snapshot and records from the settings pack, neither of which has any. Its model then
/// needs neither the JSON value tree nor a map writer for them (issue 8: its size).
#[cfg(not(feature = "unknown-fields"))]
pub type Extra = NoExtra;

/// The items of a list a page may not show (`None`: not read), as a slice: the checks loop
/// over it. Not `iter().flatten()`: each flattening of an `Option` is a copy of its own in
/// the content wasm (issue 8).
pub fn items<T>(list: &Option<Vec<T>>) -> &[T] {
    list.as_deref().unwrap_or_default()
}

/// `extra` of a build that keeps no unknown fields: always empty, and not read or written.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoExtra;

impl NoExtra {
    pub fn get(&self, _key: &str) -> Option<&Value> {
        None
    }

    pub fn shift_remove(&mut self, _key: &str) -> Option<Value> {
        None
    }

    pub fn is_empty(&self) -> bool {
        true
    }

    pub fn clear(&mut self) {}
}

/// The `format` of a page check context.
pub const CONTEXT_FORMAT: &str = "procguard/context@1";
/// The `format` of a directory import/export.
pub const DIRECTORY_FORMAT: &str = "procguard/directory@1";

/// Commitment term of a subscription. Billing frequency is a separate field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    Monthly,
    Annual,
    MultiYear,
    Trial,
    OneTime,
}

impl Term {
    pub fn as_str(self) -> &'static str {
        match self {
            Term::Monthly => "monthly",
            Term::Annual => "annual",
            Term::MultiYear => "multi-year",
            Term::Trial => "trial",
            Term::OneTime => "one-time",
        }
    }

    /// Annual or multi-year: a commitment beyond the month.
    pub fn is_commitment(self) -> bool {
        matches!(self, Term::Annual | Term::MultiYear)
    }

    /// How long the commitment is: an agreement covers a line when its rank is at least
    /// the line's (an annual agreement does not cover a 3-year line).
    pub fn commitment_rank(self) -> u8 {
        match self {
            Term::Trial | Term::OneTime => 0,
            Term::Monthly => 1,
            Term::Annual => 2,
            Term::MultiYear => 3,
        }
    }
}

impl crate::fill::Put for Term {
    fn put(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Billing frequency of a cart line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Billing {
    Monthly,
    Annual,
}

/// A customer contact's authority (IT Glue Site Summary fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Authority {
    PrimaryAuthorization,
    Purchasing,
    Security,
    Technical,
}

impl Authority {
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::PrimaryAuthorization => "primary-authorization",
            Authority::Purchasing => "purchasing",
            Authority::Security => "security",
            Authority::Technical => "technical",
        }
    }

    /// Rule 8: written confirmation counts only from these authorities.
    pub fn may_confirm_purchases(self) -> bool {
        !matches!(self, Authority::Technical)
    }
}

/// The customer's help-desk plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum HelpDeskPlan {
    PerDevice,
    Hourly,
    None,
    #[default]
    Unknown,
}

impl HelpDeskPlan {
    pub fn as_str(self) -> &'static str {
        match self {
            HelpDeskPlan::PerDevice => "per-device",
            HelpDeskPlan::Hourly => "hourly",
            HelpDeskPlan::None => "none",
            HelpDeskPlan::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementStatus {
    None,
    Sent,
    Signed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfirmationKind {
    TicketNote,
    Email,
}

/// Who can see a ticket note or draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    Internal,
    Customer,
}

/// Mimecast "Primary Product" option: Keep Existing, Add to, Select New.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProductOption {
    Keep,
    Add,
    New,
}

/// MCSM service status light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusLight {
    Grey,
    Red,
    Orange,
    Green,
}

// ---------------------------------------------------------------------------------------
// Top level

/// A page check: the directory, the page and (in scenarios) what must be found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    pub format: String,
    pub now: Option<String>,
    pub user: Option<User>,
    /// Shared with the directory, as `customers` is (issue 8: a copy for each read was its
    /// own code in the content wasm, and its own allocations on every read).
    pub msp: std::sync::Arc<Msp>,
    /// Shared, not copied: the extension judges every read of a page against the whole
    /// directory, which a context for each read would otherwise copy (issue 8).
    pub customers: std::sync::Arc<Vec<Customer>>,
    pub page: Option<Page>,
    /// Scenarios only. Not in a build without `unknown-fields` (the content script's, which
    /// runs no scenario): its expected severities are JSON values, whose code the context's
    /// drop would link into the content script's module (issue 8).
    #[cfg(feature = "unknown-fields")]
    pub expect: Option<Expect>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// The organisation's directory of customers (import/export of the options page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Directory {
    pub format: String,
    pub msp: std::sync::Arc<Msp>,
    /// Shared with each read's [`Context`] (`Context::for_page_of`) instead of copied for it:
    /// the extension keeps one copy of the customers, however many reads it judges.
    pub customers: std::sync::Arc<Vec<Customer>>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// The technician using the extension.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    pub name: Option<String>,
    pub email: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// The organisation running procguard.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Msp {
    pub name: Option<String>,
    pub email_domains: Vec<String>,
    pub senior_staff: Vec<String>,
    pub billing_contact: Option<String>,
    pub helpdesk_vendor: Option<HelpdeskVendor>,
    pub internal_use_products: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// The help-desk vendor (Mission Control) and how it shows in Autotask.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HelpdeskVendor {
    pub name: Option<String>,
    pub resource_names: Vec<String>,
    pub dispatch_statuses: Vec<String>,
    pub confidential_numbers: Vec<String>,
    pub public_number: Option<String>,
    pub queue: Option<String>,
    pub work_type: Option<String>,
    /// Priority name to response minutes, in the order given (see `SlaTable`).
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub sla_minutes: SlaTable,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// An SLA's response minutes by priority name, in the order given: as imported, whatever the
/// values, in a build that keeps unknown fields; as whole minutes (`None`: not whole minutes)
/// in the content script's, which gets them from the settings pack and has no JSON values
/// (see `Extra`).
#[cfg(feature = "unknown-fields")]
pub type SlaTable = Map<String, Value>;
#[cfg(not(feature = "unknown-fields"))]
pub type SlaTable = Vec<(String, Option<i64>)>;

impl HelpdeskVendor {
    /// Response minutes for a priority (case-insensitive), when the SLA gives one.
    pub fn sla_for(&self, priority: &str) -> Option<i64> {
        let wanted = priority.trim();
        self.sla_entries()
            .find(|(name, _)| name.trim().eq_ignore_ascii_case(wanted))
            .and_then(|(_, minutes)| minutes)
    }

    /// The SLA's priorities with their whole minutes (`None`: not whole minutes), in order.
    pub fn sla_entries(&self) -> impl Iterator<Item = (&str, Option<i64>)> {
        #[cfg(feature = "unknown-fields")]
        let entries = self
            .sla_minutes
            .iter()
            .map(|(p, m)| (p.as_str(), m.as_i64()));
        #[cfg(not(feature = "unknown-fields"))]
        let entries = self.sla_minutes.iter().map(|(p, m)| (p.as_str(), *m));
        entries
    }

    /// Adds a priority's whole minutes (`None`: not whole minutes) to the SLA.
    pub fn add_sla(&mut self, priority: String, minutes: Option<i64>) {
        #[cfg(feature = "unknown-fields")]
        self.sla_minutes
            .insert(priority, minutes.map_or(Value::Null, Value::from));
        #[cfg(not(feature = "unknown-fields"))]
        self.sla_minutes.push((priority, minutes));
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub help_desk: Option<HelpDesk>,
    pub contacts: Vec<Contact>,
    pub subscriptions: Vec<Subscription>,
    pub agreements: Vec<Agreement>,
    pub quotes: Vec<Quote>,
    pub order_intents: Vec<OrderIntent>,
    pub confirmations: Vec<Confirmation>,
    pub reminders: Vec<Reminder>,
    pub rmm_devices: Vec<String>,
    pub classification: Option<String>,
    pub orders: Vec<Order>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HelpDesk {
    pub plan: HelpDeskPlan,
    pub source: Option<String>,
    pub as_of: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// A customer contact; also an IT Glue authorization contact.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub authority: Vec<Authority>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Subscription {
    pub product: String,
    pub term: Option<Term>,
    pub quantity: Option<i64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub status: Option<String>,
    pub purchased_on: Option<String>,
    pub temporary: Option<bool>,
    pub seat_changes: Vec<SeatChange>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

impl Subscription {
    /// Rule 6: held when its status is `active`; dates are not consulted.
    pub fn is_active(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|status| status.trim().eq_ignore_ascii_case("active"))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SeatChange {
    pub at: Option<String>,
    pub delta: Option<i64>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Agreement {
    pub product: String,
    pub term: Option<Term>,
    pub status: Option<AgreementStatus>,
    pub signed_on: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

impl Agreement {
    pub fn is_signed(&self) -> bool {
        self.status == Some(AgreementStatus::Signed)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Quote {
    pub id: Option<String>,
    pub at: Option<String>,
    pub items: Vec<QuoteItem>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteItem {
    pub product: String,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// An order recorded from a ticket ("Start Pax8 order from this ticket"); used like a quote.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderIntent {
    pub ticket: Option<String>,
    pub product: String,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    pub at: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// A written confirmation on file (ticket note or saved email).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Confirmation {
    pub id: Option<String>,
    pub kind: Option<ConfirmationKind>,
    pub ticket: Option<String>,
    pub from: Option<String>,
    pub at: Option<String>,
    pub product: String,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// A cancellation reminder ticket.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reminder {
    pub ticket: Option<String>,
    pub product: String,
    pub due: Option<String>,
    pub resources: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// An order procguard saw placed (Pax8 checkout).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub ticket: Option<String>,
    pub product: String,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    pub placed_at: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// Scenarios only: what the check must find.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Expect {
    pub findings: Vec<String>,
    pub severity: Map<String, Value>,
    pub absent: Vec<String>,
    pub holds_checkout: Option<bool>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------------------
// Pages

/// What was read from the page. `kind` says which page.
// Unboxed variants keep `Page::AutotaskTicket(TicketPage { .. })` simple for the readers;
// one page per check, so the size does not matter.
//
// A page kind whose checks or reader are not in the build (cargo features `cart`, `ticket`,
// `account`, `site-summary`, `mimecast`, `mcam`; all on by default) has no variant: the
// content script's per-site
// modules (issue 8: their size) then carry no code that writes, compares or judges pages
// their site never shows, which the optimiser cannot leave out by itself while a `match`
// could still meet them.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Page {
    #[cfg(feature = "cart")]
    #[serde(rename = "pax8-cart")]
    Pax8Cart(CartPage),
    #[cfg(feature = "ticket")]
    #[serde(rename = "autotask-ticket")]
    AutotaskTicket(TicketPage),
    #[cfg(feature = "mimecast")]
    #[serde(rename = "mimecast-upgrade")]
    MimecastUpgrade(MimecastUpgradePage),
    #[cfg(feature = "mcam")]
    #[serde(rename = "mcam-new-user")]
    McamNewUser(McamNewUserPage),
    #[cfg(feature = "account")]
    #[serde(rename = "autotask-account")]
    AutotaskAccount(AccountPage),
    #[cfg(feature = "site-summary")]
    #[serde(rename = "itglue-site-summary")]
    ItGlueSiteSummary(SiteSummaryPage),
}

impl Page {
    /// The page `kind` as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(_) => "pax8-cart",
            #[cfg(feature = "ticket")]
            Page::AutotaskTicket(_) => "autotask-ticket",
            #[cfg(feature = "mimecast")]
            Page::MimecastUpgrade(_) => "mimecast-upgrade",
            #[cfg(feature = "mcam")]
            Page::McamNewUser(_) => "mcam-new-user",
            #[cfg(feature = "account")]
            Page::AutotaskAccount(_) => "autotask-account",
            #[cfg(feature = "site-summary")]
            Page::ItGlueSiteSummary(_) => "itglue-site-summary",
        }
    }

    /// The page kinds this version understands.
    pub const KINDS: [&'static str; 6] = [
        "pax8-cart",
        "autotask-ticket",
        "mimecast-upgrade",
        "mcam-new-user",
        "autotask-account",
        "itglue-site-summary",
    ];

    /// The customer the page is about, as shown, and the field it was read from.
    pub fn customer_field(&self) -> (&'static str, Option<&str>) {
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(p) => ("customer", p.customer.as_deref()),
            #[cfg(feature = "ticket")]
            Page::AutotaskTicket(p) => ("account", p.account.as_deref()),
            #[cfg(feature = "mimecast")]
            Page::MimecastUpgrade(p) => ("customer", p.customer.as_deref()),
            #[cfg(feature = "mcam")]
            Page::McamNewUser(p) => ("account", p.account.as_deref()),
            #[cfg(feature = "account")]
            Page::AutotaskAccount(p) => ("name", p.name.as_deref()),
            #[cfg(feature = "site-summary")]
            Page::ItGlueSiteSummary(p) => ("organization", p.organization.as_deref()),
        }
    }

    /// The cart of a Pax8 cart page; `None` for another page, and always in a build without
    /// cart pages.
    pub fn cart(&self) -> Option<&CartPage> {
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(cart) => Some(cart),
            // Not reached in a build whose only page kind is the cart (the Pax8 module's).
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// `cart`, to change.
    pub fn cart_mut(&mut self) -> Option<&mut CartPage> {
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(cart) => Some(cart),
            // Not reached in a build whose only page kind is the cart (the Pax8 module's).
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Fields shown on the page but not readable (CONTEXT rule 22).
    pub fn unreadable_fields(&self) -> &[String] {
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(p) => &p.unreadable_fields,
            #[cfg(feature = "ticket")]
            Page::AutotaskTicket(p) => &p.unreadable_fields,
            #[cfg(feature = "mimecast")]
            Page::MimecastUpgrade(p) => &p.unreadable_fields,
            #[cfg(feature = "mcam")]
            Page::McamNewUser(p) => &p.unreadable_fields,
            #[cfg(feature = "account")]
            Page::AutotaskAccount(p) => &p.unreadable_fields,
            #[cfg(feature = "site-summary")]
            Page::ItGlueSiteSummary(p) => &p.unreadable_fields,
        }
    }
}

/// Pax8 cart or checkout.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CartPage {
    pub customer: Option<String>,
    pub lines: Option<Vec<CartLine>>,
    pub primary_contact_email: Option<String>,
    pub order_contact_email: Option<String>,
    pub domain: Option<String>,
    /// As typed, a string.
    pub acceptance_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CartLine {
    pub product: Option<String>,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    pub billing: Option<Billing>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// Autotask ticket detail.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketPage {
    pub number: Option<String>,
    pub title: Option<String>,
    pub account: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    pub queue: Option<String>,
    pub source: Option<String>,
    pub work_type: Option<String>,
    pub primary_resource: Option<String>,
    pub secondary_resources: Option<Vec<String>>,
    pub configuration_item: Option<String>,
    pub escalated_from_vendor: Option<bool>,
    pub notes: Option<Vec<Note>>,
    pub time_entries: Option<Vec<TimeEntry>>,
    /// A note or email being written.
    pub draft: Option<Draft>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    pub text: Option<String>,
    pub visibility: Option<Visibility>,
    pub at: Option<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeEntry {
    pub minutes: Option<i64>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub text: Option<String>,
    pub visibility: Option<Visibility>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// Mimecast MSP portal: a customer's change options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MimecastUpgradePage {
    pub customer: Option<String>,
    pub current_product: Option<String>,
    pub current_seats: Option<i64>,
    /// May be negative (a seat downgrade).
    pub seat_adjustment: Option<i64>,
    pub product_option: Option<ProductOption>,
    pub new_product: Option<String>,
    /// `""` when shown with nothing selected.
    pub implementation_lead: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// MCSM New User.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct McamNewUserPage {
    pub account: Option<String>,
    pub upn: Option<String>,
    pub existing_upns: Option<Vec<String>>,
    pub service: Option<String>,
    pub purchased_services: Option<Vec<String>>,
    pub service_statuses: Option<Vec<ServiceStatus>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceStatus {
    pub service: Option<String>,
    pub status: Option<StatusLight>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// Autotask company page (teaches the help-desk plan; no checks of its own).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountPage {
    pub name: Option<String>,
    pub help_desk_support_type: Option<String>,
    pub help_desk_plan: Option<HelpDeskPlan>,
    pub classification: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

/// IT Glue flexible asset "Site Summary".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SiteSummaryPage {
    pub organization: Option<String>,
    pub help_desk_plan: Option<HelpDeskPlan>,
    pub authorization_contacts: Option<Vec<Contact>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
    #[cfg_attr(feature = "unknown-fields", serde(flatten))]
    #[cfg_attr(not(feature = "unknown-fields"), serde(skip))]
    pub extra: Extra,
}

// Findings' text

/// A piece of a finding's text: a fixed string of the catalog (an id, a source, a field
/// name, a set remedy), one shared by the findings of every cart line of a product, or
/// one of its own. It reads, compares and serialises as the plain string: on a 200-line
/// cart with a finding on most lines, copying the same message and remedy into each was
/// most of `evaluate`'s time (issue 8).
#[derive(Clone)]
pub struct Text(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Static(&'static str),
    Shared(std::rc::Rc<str>),
    Owned(String),
}

impl Text {
    /// One text for many findings: each clone shares it.
    pub fn shared(text: String) -> Text {
        Text(TextRepr::Shared(text.into()))
    }

    /// `shared`, from a borrowed text.
    pub fn shared_copy(text: &str) -> Text {
        Text(TextRepr::Shared(text.into()))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Static(text) => text,
            TextRepr::Shared(text) => text,
            TextRepr::Owned(text) => text,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Text {
    fn from(text: &'static str) -> Text {
        Text(TextRepr::Static(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(TextRepr::Owned(text))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl crate::fill::Put for Text {
    #[inline]
    fn put(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

/// A finding's evidence, kept as two texts read as one: most per-line findings' evidence is
/// their cart line's description ("cart line 3: `Visio Plan 2` ×2 monthly", shared by the
/// line's findings) and then what the records say (shared by the lines of a product).
/// Written into one string for each finding, they were 30 % of `evaluate` on the faulty
/// 200-line cart of the benchmark (issue 8); the JSON writers write the two pieces in turn.
/// It compares, prints and serialises as the joined text.
#[derive(Clone)]
pub struct Evidence {
    head: Text,
    tail: Text,
}

impl Evidence {
    /// `head` and then `tail`, as one evidence.
    pub fn joined(head: Text, tail: Text) -> Evidence {
        Evidence { head, tail }
    }

    /// The two pieces, in order: the evidence is their concatenation.
    pub fn pieces(&self) -> [&str; 2] {
        [&self.head, &self.tail]
    }

    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, needle: &str) -> bool {
        if self.head.is_empty() {
            self.tail.contains(needle)
        } else {
            self.to_string().contains(needle)
        }
    }

    /// Whether the evidence is `text`, without joining the pieces.
    fn is(&self, text: &str) -> bool {
        let [head, tail] = self.pieces();
        text.len() == head.len() + tail.len()
            && text.as_bytes()[..head.len()] == *head.as_bytes()
            && text.as_bytes()[head.len()..] == *tail.as_bytes()
    }
}

impl From<Text> for Evidence {
    fn from(text: Text) -> Evidence {
        Evidence::joined(Text::from(""), text)
    }
}

impl From<&'static str> for Evidence {
    fn from(text: &'static str) -> Evidence {
        Text::from(text).into()
    }
}

impl From<String> for Evidence {
    fn from(text: String) -> Evidence {
        Text::from(text).into()
    }
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Evidence) -> bool {
        // The same text may be split differently (a finding read back from JSON is one
        // piece): compared as the joined bytes, a common run of both at a time.
        if self.len() != other.len() {
            return false;
        }
        // The pieces by index, not through a mapped iterator: its adapter is a copy of its
        // own in the wasm (issue 8).
        let (ours, theirs) = (self.pieces(), other.pieces());
        let (mut i, mut j) = (0, 0);
        let (mut a, mut b) = (ours[0].as_bytes(), theirs[0].as_bytes());
        loop {
            // Of equal lengths, both run out together.
            while a.is_empty() {
                i += 1;
                match ours.get(i) {
                    Some(next) => a = next.as_bytes(),
                    None => return true,
                }
            }
            while b.is_empty() {
                j += 1;
                match theirs.get(j) {
                    Some(next) => b = next.as_bytes(),
                    None => return false,
                }
            }
            let run = a.len().min(b.len());
            if a[..run] != b[..run] {
                return false;
            }
            (a, b) = (&a[run..], &b[run..]);
        }
    }
}

impl Eq for Evidence {}

impl PartialEq<str> for Evidence {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for Evidence {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl PartialEq<String> for Evidence {
    fn eq(&self, other: &String) -> bool {
        self.is(other)
    }
}

impl crate::fill::Put for Evidence {
    fn put(&self, out: &mut String) {
        out.push_str(&self.head);
        out.push_str(&self.tail);
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.head)?;
        f.write_str(&self.tail)
    }
}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Evidence, D::Error> {
        String::deserialize(deserializer).map(Evidence::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &'static str, at: usize) -> Evidence {
        Evidence::joined(Text::from(&text[..at]), Text::from(&text[at..]))
    }

    #[test]
    fn evidence_compares_as_its_joined_text_however_it_is_split() {
        let text = "cart line 3: `Visio Plan 2™` ×2 monthly; the quote lists `Visio Plan 1`";
        let whole = Evidence::from(text);
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            let evidence = split(text, at);
            assert_eq!(evidence, whole, "split at {at}");
            assert_eq!(evidence, text);
            assert_eq!(evidence, text.to_string());
            assert_eq!(evidence.to_string(), text);
            assert_eq!(evidence.len(), text.len());
            assert!(evidence.contains("2™` ×2"));
            for other in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(evidence, split(text, other), "split at {at} and {other}");
            }
        }
    }

    #[test]
    fn evidence_differs_from_a_text_that_differs_anywhere() {
        let text = "cart line 3: `Visio Plan 2` ×2 monthly";
        let evidence = split(text, 13);
        assert_ne!(evidence, "cart line 3: `Visio Plan 2` ×2 monthl");
        assert_ne!(evidence, "cart line 3: `Visio Plan 2` ×2 monthlyy");
        assert_ne!(evidence, "cart line 4: `Visio Plan 2` ×2 monthly");
        assert_ne!(
            evidence,
            split("cart line 3: `Visio Plan 2` ×3 monthly", 20)
        );
        assert_ne!(evidence, Evidence::from(""));
        assert_eq!(split("", 0), Evidence::from(""));
        assert!(split("", 0).is_empty());
    }

    #[test]
    fn evidence_serialises_and_reads_back_as_one_string() {
        let evidence = split("cart line 1: `A \"B\"`; held", 14);
        let json = serde_json::to_string(&evidence).unwrap();
        assert_eq!(json, r#""cart line 1: `A \"B\"`; held""#);
        let back: Evidence = serde_json::from_str(&json).unwrap();
        assert_eq!(back, evidence);
        assert_eq!(back.pieces(), ["", "cart line 1: `A \"B\"`; held"]);
    }
}

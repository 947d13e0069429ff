//! Every check of POLICY.md, one file per check, named by its id.
//!
//! A check is a [`Rule`]: its id, default severity, source procedure, the page kinds it
//! runs on, its parameters (policy data) and a `run` function over the prepared [`Eval`].

#![cfg_attr(not(feature = "all"), allow(dead_code))]

use crate::engine::{Eval, Out, ProductFacts};
use crate::model::TicketPage;
use crate::normalize::words;
use crate::policy::Severity;

mod mcam_provision_error_retry;
mod mcam_service_purchased;
mod mcam_upn_unique;
mod mimecast_implementation_lead;
mod mimecast_no_product_change_with_seat_downgrade;
mod mimecast_seat_change_needs_confirmation;
mod order_acceptance_date;
mod order_ambiguous_term;
mod order_annual_needs_signed_annual_agreement;
mod order_annual_seat_lock_in;
mod order_confirmation_from_authorized_contact;
mod order_domain_matches_customer;
mod order_internal_use_license;
mod order_new_subscription_needs_agreement;
mod order_no_partial_refunds;
mod order_no_quote_on_file;
mod order_order_contact_is_msp;
mod order_primary_contact_is_msp;
mod order_product_matches_quote;
mod order_quantity_matches_quote;
mod order_seat_add_needs_confirmation;
mod order_temporary_monthly_needs_reminder;
mod order_term_matches_quote;
mod page_customer_unknown;
mod page_unreadable;
mod ticket_agreement_deadline;
mod ticket_confidential_number;
mod ticket_customer_acknowledgements;
mod ticket_escalation_unassigned;
mod ticket_help_desk_plan;
mod ticket_hourly_increments;
mod ticket_license_purchase_by_msp;
mod ticket_mc_device_in_rmm;
mod ticket_mc_queue;
mod ticket_mc_sla;
mod ticket_mc_sole_resource;
mod ticket_mc_status;
mod ticket_mc_work_type;
mod ticket_onsite_scope;
mod ticket_post_purchase_checklist;
mod ticket_subscription_request_checklist;

/// What a check's `run` returns: `Err` skips the check with a diagnostic.
pub(crate) type CheckResult = Result<(), String>;

/// A parameter's built-in default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ParamDefault {
    Number(u32),
    Words(&'static [&'static str]),
}

/// One check of the catalog.
pub(crate) struct Rule {
    pub id: &'static str,
    /// Default severity (POLICY.md).
    pub severity: Severity,
    /// The procedure: a seed file name, or the article's name.
    pub source: &'static str,
    /// Page kinds it runs on.
    pub pages: &'static [&'static str],
    pub params: &'static [(&'static str, ParamDefault)],
    /// Variants with their own default severity (an override sets all, rule 12).
    pub variants: &'static [(&'static str, Severity)],
    /// Whether the check judges each cart line on its own: its findings about a line depend
    /// only on that line and on what is not a line (customer, records, policy, today), all
    /// are about a line, and they come in line order. A re-read after an edit then runs it
    /// on the lines edited only and keeps the rest of its last findings
    /// (`engine::evaluate_again`); a test holds every such check to this.
    pub per_line: bool,
    pub run: fn(&Eval, &mut Out) -> CheckResult,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.id == other.id
    }
}

pub(crate) const S000: &str = "000_485357627c48e5a3.txt";
pub(crate) const S001: &str = "001_f0bc64f247079553.txt";
pub(crate) const S002: &str = "002_7e3b33d2c71c012b.txt";
pub(crate) const S003: &str = "003_822bfe5d3e231768.txt";
pub(crate) const S004: &str = "004_91566548e18f58fa.txt";
pub(crate) const ARTICLE_CREATING_MC_TICKET: &str = "Creating a ticket for Mission Control";
pub(crate) const ARTICLE_MC_DOCUMENTATION: &str = "Documentation for Mission Control";
pub(crate) const POLICY_MD: &str = "POLICY.md";

pub(crate) const CART: &[&str] = &["pax8-cart"];
pub(crate) const TICKET: &[&str] = &["autotask-ticket"];
pub(crate) const CART_AND_TICKET: &[&str] = &["pax8-cart", "autotask-ticket"];
pub(crate) const MIMECAST: &[&str] = &["mimecast-upgrade"];
pub(crate) const MCAM: &[&str] = &["mcam-new-user"];
pub(crate) const ANY_PAGE: &[&str] = &crate::model::Page::KINDS;

/// Every check, in the order findings are reported, and each check's line for the options
/// page in the same order (apart from `Rule`, so that a build that never shows them, the
/// content script's, leaves them out). A check is in a build only with its pages (cargo
/// features `cart`, `ticket`, `mimecast`, `mcam`; all on by default): a content-script module
/// (issue 8: its payload) carries the ids, parameters and defaults of its own site's checks
/// only, and reads the settings of the others in its settings pack as checks it passes over
/// (`Policy::read_pack`). The two checks of every page (`page.*`) are in every build.
macro_rules! catalog {
    ($(#[cfg($pages:meta)] [$($check:ident),*])*) => {
        pub(crate) static CATALOG: &[&Rule] = &[$($(#[cfg($pages)] &$check::RULE,)*)*];
        pub(crate) static SUMMARIES: &[&str] = &[$($(#[cfg($pages)] $check::SUMMARY,)*)*];
    };
}

catalog! {
    #[cfg(all())] [
        page_customer_unknown,
        page_unreadable
    ]
    #[cfg(feature = "cart")] [
        order_internal_use_license,
        order_no_quote_on_file,
        order_product_matches_quote,
        order_quantity_matches_quote,
        order_term_matches_quote,
        order_new_subscription_needs_agreement,
        order_annual_needs_signed_annual_agreement,
        order_temporary_monthly_needs_reminder,
        order_seat_add_needs_confirmation,
        order_ambiguous_term,
        order_annual_seat_lock_in,
        order_no_partial_refunds,
        order_primary_contact_is_msp,
        order_order_contact_is_msp,
        order_domain_matches_customer,
        order_acceptance_date,
        order_confirmation_from_authorized_contact
    ]
    #[cfg(feature = "ticket")] [
        ticket_help_desk_plan,
        ticket_mc_status,
        ticket_mc_sole_resource,
        ticket_mc_device_in_rmm,
        ticket_mc_queue,
        ticket_mc_work_type,
        ticket_mc_sla,
        ticket_hourly_increments,
        ticket_license_purchase_by_msp,
        ticket_subscription_request_checklist,
        ticket_agreement_deadline
    ]
    #[cfg(any(feature = "cart", feature = "ticket"))] [
        ticket_customer_acknowledgements
    ]
    #[cfg(feature = "ticket")] [
        ticket_confidential_number,
        ticket_escalation_unassigned,
        ticket_post_purchase_checklist,
        ticket_onsite_scope
    ]
    #[cfg(feature = "mimecast")] [
        mimecast_no_product_change_with_seat_downgrade,
        mimecast_seat_change_needs_confirmation,
        mimecast_implementation_lead
    ]
    #[cfg(feature = "mcam")] [
        mcam_upn_unique,
        mcam_service_purchased,
        mcam_provision_error_retry
    ]
}

/// Rule 20's words: buying, adding or ordering.
pub(crate) const ACTION_WORDS: &[&str] = &[
    "buy",
    "buys",
    "buying",
    "bought",
    "purchase",
    "purchases",
    "purchasing",
    "purchased",
    "add",
    "adds",
    "adding",
    "added",
    "order",
    "orders",
    "ordering",
    "ordered",
];

/// Where a ticket asks for something: the field, the note index, and the sentence.
pub(crate) struct Request<'a> {
    pub field: &'static str,
    pub index: Option<usize>,
    pub sentence: &'a str,
}

/// Rule 20: the title or a note speaks of buying, adding or ordering one of `items`, in
/// one sentence. `skip` lets a check drop a sentence (the shared-mailbox exception).
pub(crate) fn find_requests<'a>(
    ticket: &'a TicketPage,
    actions: &[String],
    items: &[String],
    skip: impl Fn(&[String]) -> bool,
) -> Vec<Request<'a>> {
    let mut found = Vec::new();
    let mut look = |field: &'static str, index: Option<usize>, text: &'a str| {
        for sentence in crate::normalize::split_at_any(text, &['.', '!', '?', '\n', ';']) {
            let said: Vec<String> = words(sentence);
            let has = |list: &[String]| {
                said.iter()
                    .any(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
            };
            if has(actions) && has(items) && !skip(&said) {
                found.push(Request {
                    field,
                    index,
                    sentence: sentence.trim(),
                });
                return;
            }
        }
    };
    if let Some(title) = &ticket.title {
        look("title", None, title);
    }
    for (index, note) in crate::model::items(&ticket.notes).iter().enumerate() {
        if let Some(text) = &note.text {
            look("notes", Some(index), text);
        }
    }
    found
}

/// Quotes a piece of page text briefly for evidence.
pub(crate) fn excerpt(text: &str) -> String {
    let collapsed = crate::normalize::collapse(text);
    match collapsed.char_indices().nth(117) {
        Some((cut, _)) if collapsed.chars().count() > 120 => {
            crate::fill!("\"{}...\"", &collapsed[..cut])
        }
        _ => crate::fill!("\"{}\"", collapsed),
    }
}

// The evidence lists below are written into one string as they go, not mapped, collected
// and joined: each `map(format!).collect()` is its own copy in the content wasm (issue 8).

/// A record's term as the evidence names it, or that none is stated.
fn push_term(out: &mut String, term: Option<crate::model::Term>) {
    match term {
        Some(t) => {
            crate::put!(out; "{}", t);
        }
        None => out.push_str("term not stated"),
    }
}

/// "agreements for it: annual `sent`; monthly `signed` 2026-02-20" or "no agreement on file".
pub(crate) fn agreements_evidence(facts: &ProductFacts) -> String {
    let agreements = &facts.agreements;
    if agreements.is_empty() {
        return "no agreement for it on file".to_string();
    }
    let mut out = String::from("agreements for it: ");
    for (i, a) in agreements.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        push_term(&mut out, a.term);
        out.push_str(match a.status {
            Some(crate::model::AgreementStatus::Signed) => " signed",
            Some(crate::model::AgreementStatus::Sent) => " sent, not signed",
            Some(crate::model::AgreementStatus::None) | None => " not sent",
        });
        if let Some(on) = a.signed_on.as_ref().filter(|_| a.is_signed()) {
            crate::put!(out; " {}", on);
        }
    }
    out
}

/// The confirmations on file for a product, with whether each counts.
pub(crate) fn confirmations_evidence(facts: &ProductFacts) -> String {
    let confirmations = &facts.confirmations;
    if confirmations.is_empty() {
        return "no written confirmation for it on file".to_string();
    }
    let mut out = String::from("confirmations on file: ");
    for (i, c) in confirmations.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&c.label());
        if !c.counts {
            out.push_str(" (sender not an authorization contact)");
        }
    }
    out
}

/// The product's holdings: "Acme holds it monthly ×12 and annual ×3".
pub(crate) fn holdings_evidence(customer: &crate::model::Customer, facts: &ProductFacts) -> String {
    if facts.held.is_empty() {
        return crate::fill!("{} holds no active subscription of it", customer.name);
    }
    let mut out = crate::fill!("{} holds it ", customer.name);
    for (i, s) in facts.held.iter().enumerate() {
        if i > 0 {
            out.push_str(" and ");
        }
        push_term(&mut out, s.term);
        if let Some(q) = s.quantity {
            crate::put!(out; " ×{}", q);
        }
    }
    out
}

/// The contacts whose written confirmation counts (rule 8), by name.
pub(crate) fn authorized_contacts(customer: &crate::model::Customer) -> String {
    let mut text = String::from("a purchasing, security or primary authorization contact");
    let mut first = true;
    for c in &customer.contacts {
        if !c.authority.iter().any(|a| a.may_confirm_purchases()) {
            continue;
        }
        text.push_str(if first { ": " } else { ", " });
        first = false;
        text.push_str(&c.name);
        if let Some(email) = &c.email {
            text.push_str(" (");
            text.push_str(email);
            text.push(')');
        }
    }
    if first {
        text.push_str(" (none is on file)");
    }
    text
}

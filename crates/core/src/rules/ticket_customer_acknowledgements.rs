//! ticket.customer-acknowledgements: for a temporary monthly purchase, the text the
//! customer's authorization contact must confirm in writing (seed 004), ready to paste.
//!
//! On a ticket: for each active temporary monthly subscription without a signed agreement
//! (rule 20). Choice: also on the cart, for a product bought as a temporary monthly (new,
//! monthly, no signed agreement, confirmed in writing), once per product on its first line,
//! because the customer must confirm before the order. The annual variant is used when the
//! customer is waiting for an annual or multi-year agreement (an unsigned commitment
//! agreement, or the quote's term); else the monthly one. The text goes in `remedy`, one
//! point per line.

use chrono::NaiveDate;

use super::{CheckResult, Rule, CART_AND_TICKET, S004};
use crate::dates::{add_days, add_one_month, business_days_before, show, ymd};
use crate::engine::{About, Eval, Out, ProductFacts};
use crate::model::Term;
use crate::normalize::has_product_key;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.customer-acknowledgements",
    severity: Severity::Info,
    source: S004,
    pages: CART_AND_TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "a temporary monthly purchase: the text the authorization contact must confirm in writing";

/// The customer is waiting for an annual or multi-year agreement for the product.
fn wants_commitment(facts: &ProductFacts) -> bool {
    let agreement = facts
        .agreements
        .iter()
        .any(|a| !a.is_signed() && a.term.is_some_and(Term::is_commitment));
    let quoted = facts
        .quote
        .as_ref()
        .and_then(|e| e.term)
        .is_some_and(Term::is_commitment);
    agreement || quoted
}

/// The monthly variant of seed 004, with the dates filled in where known.
pub(crate) fn monthly_text(product: &str, bought: Option<NaiveDate>) -> String {
    let renewal = bought.map(add_one_month);
    let by = renewal.map_or(String::new(), |r| {
        crate::fill!(" (by {})", show(add_days(r, -5)))
    });
    let renewal_text = renewal.map_or(String::new(), |r| crate::fill!(" ({})", show(r)));
    crate::fill!("Please confirm in writing that you understand the following about the monthly subscription to {}:\n\
         - The subscription agreement must be signed at least five days in advance of the first month's renewal date{}{}. Otherwise, the subscription will be cancelled at the end of the month, resulting in a service disruption for the subscription users.\n\
         - Once the subscription agreement is signed, please allow up to five business days for provisioning of the licenses.", product, renewal_text, by)
}

/// The annual variant of seed 004, with the dates filled in where known.
pub(crate) fn annual_text(product: &str, bought: Option<NaiveDate>, billing: &str) -> String {
    let deadline = bought.map_or(String::new(), |b| {
        crate::fill!(" (by {})", show(business_days_before(add_one_month(b), 5)))
    });
    crate::fill!("Please confirm in writing that you understand the following about the temporary monthly subscription to {} while the annual commitment agreement is prepared:\n\
         - Depending on the subscription, the monthly subscription may have a higher retail price than the annual version. (Pricing details from {}.)\n\
         - Please allow up to five business days for provisioning of the licenses.\n\
         - If you do not sign a subscription agreement at least five business days in advance of the temporary subscription's expiration date{}, the monthly subscription will be cancelled. (NO EXCEPTIONS.) This can and will result in a disruption of the service for the users. If this occurs, then once the contract is signed please allow up to five business days for re-provisioning of the licenses.\n\
         - If you change your mind during the course of the month and decide to stay with a monthly subscription instead of annual, you must notify us ten business days before the end of the month so we have time to send you a monthly agreement. The monthly agreement must be signed at least five business days in advance of the subscription's expiration date.\n\
         - Whether you choose a monthly or annual term, if a subscription agreement is not signed at least five business days in advance of the subscription's expiration date, the subscription will terminate, resulting in a service disruption for the subscription users.\n\
         - The time that you were subscribed to the monthly subscription will not count towards the annual term. The annual commitment agreement will be for the full twelve months.", product, billing, deadline)
}

/// The finding's message and remedy (the text to paste) for one product.
fn acknowledgement(
    facts: &ProductFacts,
    product: &str,
    bought: Option<NaiveDate>,
    contacts: &str,
    billing: &str,
) -> (String, String) {
    let (variant, text) = if wants_commitment(facts) {
        ("annual", annual_text(product, bought, billing))
    } else {
        ("monthly", monthly_text(product, bought))
    };
    (
        crate::fill!(
            "temporary monthly `{}`: the customer must confirm the {} acknowledgements in writing",
            product,
            variant
        ),
        crate::fill!(
            "send this to {} and keep the written reply (ticket note or saved email):\n{}",
            contacts,
            text
        ),
    )
}

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    let contacts = super::authorized_contacts(records.customer);
    let billing = eval.billing_contact();
    if let Some(cart) = eval.cart() {
        // Only a product with a written confirmation that counts can be bought as a temporary
        // monthly (`ProductFacts::temporary_purchase`): a cart without one is not looked at
        // line by line (a re-read after an edit then gathers no facts for its other lines).
        // Loops rather than adapter chains: each is its own copy in the content wasm.
        let mut confirmed: Vec<&str> = Vec::new();
        for (key, confirmations) in records.confirmations.iter() {
            if confirmations.iter().any(|c| c.counts) {
                confirmed.push(key.as_str());
            }
        }
        let mut any_confirmed = false;
        if !confirmed.is_empty() {
            // A slice's loop, not a flattened and filtered one (issue 8).
            for line in crate::model::items(&cart.lines) {
                let Some(product) = line.product.as_deref() else {
                    continue;
                };
                if confirmed.iter().any(|key| has_product_key(product, key)) {
                    any_confirmed = true;
                    break;
                }
            }
        }
        if !any_confirmed {
            return Ok(());
        }
        // Bought today. One text per product, on its first line: the customer confirms a
        // product once, however many lines the cart shows it on.
        let mut done = vec![false; eval.products().len()];
        for line in eval.lines() {
            let (Some(id), Some(facts), Some(product)) =
                (line.product_id, eval.facts(line), line.product)
            else {
                continue;
            };
            if done[id] || facts.temporary_purchase(line).is_none() {
                continue;
            }
            done[id] = true;
            let (message, remedy) =
                acknowledgement(facts, product, Some(eval.today), &contacts, billing);
            out.add(
                About::item("lines", line.index),
                message,
                crate::fill!("cart {}: new monthly subscription on written confirmation, no signed agreement", line.describe()),
                remedy,
            );
        }
        return Ok(());
    }
    for (subscription, facts) in records.pending_temporary() {
        let bought = Eval::purchase_date(subscription);
        let (message, remedy) =
            acknowledgement(&facts, &subscription.product, bought, &contacts, billing);
        out.add(
            About::field("account"),
            message,
            crate::fill!(
                "{} holds `{}` monthly as a temporary subscription{}; no signed agreement on file",
                records.customer.name,
                subscription.product,
                bought.map_or(String::new(), |b| crate::fill!(" bought {}", ymd(b)))
            ),
            remedy,
        );
    }
    Ok(())
}

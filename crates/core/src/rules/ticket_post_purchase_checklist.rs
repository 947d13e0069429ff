//! ticket.post-purchase-checklist: an order was placed for this ticket (the customer's
//! `orders` name its number): the steps of seed 004 after purchase.

use super::{CheckResult, Rule, S004, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::same_name;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.post-purchase-checklist",
    severity: Severity::Info,
    source: S004,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "an order was placed for this ticket: the post-purchase steps";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(customer)) = (eval.ticket(), eval.customer()) else {
        return Ok(());
    };
    let Some(number) = ticket.number.as_deref() else {
        return Ok(());
    };
    // The orders as one text, written in a loop (an iterator chain is its own copy in the
    // content script's wasm, issue 8).
    let mut orders = String::new();
    for o in &customer.orders {
        if !o.ticket.as_deref().is_some_and(|t| same_name(t, number)) {
            continue;
        }
        if !orders.is_empty() {
            orders.push_str(", ");
        }
        orders.push('`');
        orders.push_str(&o.product);
        orders.push('`');
        if let Some(q) = o.quantity {
            orders.push_str(&crate::fill!(" ×{}", q));
        }
        if let Some(at) = &o.placed_at {
            orders.push_str(" placed ");
            orders.push_str(at);
        }
    }
    if orders.is_empty() {
        return Ok(());
    }
    let msp = eval.msp.name.as_deref().unwrap_or("the MSP");
    out.add(
        About::field("number"),
        "an order was placed for this ticket: finish the post-purchase steps",
        crate::fill!("orders for ticket `{}`: {}", number, orders),
        crate::fill!("add {} as delegated Microsoft administrator if not done; enable 2FA and change the password of the admin user Pax8 created; document in IT Glue the user accounts and the admin account (with OTP code), and the OTP secret key as its own password of type \"OTP secret key\" restricted to senior staff; move the Pax8 order confirmation emails to the vendor emails folder; notify {} so billing starts", msp, eval.billing_contact()),
    );
    Ok(())
}

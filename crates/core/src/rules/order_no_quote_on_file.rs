//! order.no-quote-on-file: nothing to compare the cart with.
//!
//! Fires once per cart with at least one line, for a known customer without a quote or
//! order intent, and for an unknown customer (rule 7: its quote cannot be known).

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.no-quote-on-file",
    severity: Severity::Warn,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "no quote (or order intent from a ticket) is known for this customer";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // Whether the cart has lines, from the page: the lines' facts are not needed here.
    if eval
        .cart()
        .is_none_or(|cart| cart.lines.as_ref().is_none_or(Vec::is_empty))
    {
        return Ok(());
    }
    let customer = eval.customer_name();
    let evidence = match &eval.records {
        Some(records) if records.has_quote => return Ok(()),
        Some(_) => crate::fill!(
            "the directory has no quote and no order intent for {}",
            customer
        ),
        None => crate::fill!(
            "`{}` is not in the directory, so no quote is known",
            customer
        ),
    };
    out.add(
        About::field("lines"),
        crate::fill!("no quote is on file for {}: the products and quantities cannot be checked", customer),
        evidence,
        "open the customer's quote or the ticket first (\"Start Pax8 order from this ticket\"), so the order can be checked against it",
    );
    Ok(())
}

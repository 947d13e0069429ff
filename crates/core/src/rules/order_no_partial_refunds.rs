//! order.no-partial-refunds: annual and multi-year lines cancel only at the term's end.
//! Needs only the page, so it runs for an unknown customer too.

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::{Term, Text};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.no-partial-refunds",
    severity: Severity::Info,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "annual or multi-year line: cancellation takes effect at the term's end, no partial refunds";

/// How many terms there are (`Term as usize` is below it).
const TERMS: usize = 5;
const _: () = assert!(
    Term::OneTime as usize + 1 == TERMS,
    "a term was added: count it"
);

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // The message depends on the product name and term only: written once for each, kept
    // by name id and term in a table (a hash map of them was 0.5 KB of the content wasm).
    let mut messages: Vec<Option<Text>> = Vec::new();
    for line in eval.lines() {
        let Some(term) = line.term.filter(|t| t.is_commitment()) else {
            continue;
        };
        let slot = line.name_id.map_or(0, |id| id + 1) * TERMS + term as usize;
        if messages.len() <= slot {
            messages.resize(slot + 1, None);
        }
        let message = messages[slot].get_or_insert_with(|| {
            Text::shared(crate::fill!("{} {}: a cancellation takes effect only at the end of the term, with no partial refunds", line.product_label(), term))
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(""),
            "prefer monthly subscriptions unless the customer has chosen the commitment",
        );
    }
    Ok(())
}

//! order.no-partial-refunds: annual and multi-year lines cancel only at the term's end.
//! Needs only the page, so it runs for an unknown customer too.

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::fasthash::FastMap;
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
    run: gate!(CART, run),
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "annual or multi-year line: cancellation takes effect at the term's end, no partial refunds";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // The message depends on the product name and term only: written once for each.
    let mut messages: FastMap<(Option<usize>, Term), Text> = FastMap::default();
    for line in eval.lines() {
        let Some(term) = line.term.filter(|t| t.is_commitment()) else {
            continue;
        };
        let message = messages.entry((line.name_id, term)).or_insert_with(|| {
            Text::shared(format!(
                "{} {term}: a cancellation takes effect only at the end of the term, with no partial refunds",
                line.product_label()
            ))
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

//! order.ambiguous-term: the customer holds the product both monthly and annual (annual
//! meaning annual or multi-year, rule 16), and neither a counting confirmation nor the
//! quote says which term the seats go to.
//!
//! Choice: the cart line's own term does not settle it: the point is to ask the customer.

use super::{holdings_evidence, CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::{Term, Text};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.ambiguous-term",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the customer holds the product monthly and annual, and nothing says which term the seats go to";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(customer) = eval.customer() else {
        return Ok(());
    };
    // The message is written once per product name, the holdings once per product.
    let mut messages: Vec<Option<Text>> = eval.per_name();
    let mut holdings: Vec<Option<Text>> = eval.per_product();
    for line in eval.lines() {
        let (Some(name_id), Some(id), Some(facts)) =
            (line.name_id, line.product_id, eval.facts(line))
        else {
            continue;
        };
        let monthly = facts.held.iter().any(|s| s.term == Some(Term::Monthly));
        let committed = facts
            .held
            .iter()
            .any(|s| s.term.is_some_and(Term::is_commitment));
        if !(monthly && committed) {
            continue;
        }
        let quote_says = facts.quote.as_ref().and_then(|e| e.term).is_some();
        let confirmation_says = facts
            .confirmations
            .iter()
            .any(|c| c.counts && c.confirmation.term.is_some());
        if quote_says || confirmation_says {
            continue;
        }
        let message = messages[name_id].get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "{} holds {} both monthly and annual: which subscription do the seats go to?",
                customer.name,
                line.product_label()
            ))
        });
        let holdings = holdings[id].get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "; {}; neither the quote nor a written confirmation names a term",
                holdings_evidence(customer, facts)
            ))
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(holdings.clone()),
            "ask the customer which subscription the seats are to be added to, and keep the answer in writing",
        );
    }
    Ok(())
}

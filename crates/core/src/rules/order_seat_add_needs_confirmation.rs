//! order.seat-add-needs-confirmation: seats added to an existing subscription need written
//! confirmation naming the product and a quantity at least the cart's (rule 4, 8, 16).
//!
//! A confirmation without a term counts for any line; one naming a term only for lines
//! of that term.

use super::{confirmations_evidence, holdings_evidence, CheckResult, Rule, CART, S004};
use crate::engine::{push_number, About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.seat-add-needs-confirmation",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "seats added to an existing subscription without written confirmation of product and quantity";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    // What depends only on the product is written once per product.
    let mut on_file: Vec<Option<Text>> = eval.per_product();
    let mut remedy: Option<Text> = None;
    for line in eval.lines() {
        let (Some(id), Some(facts), Some(quantity)) =
            (line.product_id, eval.facts(line), line.quantity)
        else {
            continue;
        };
        if quantity <= 0 || facts.is_new() {
            continue;
        }
        if facts.confirmation_covering(quantity, line.term).is_some() {
            continue;
        }
        // "adding {quantity} seats to `{product}` needs written confirmation of the product
        // and at least {quantity} seats", written without `format!` (once per line).
        let product = line.product.unwrap_or("?");
        let mut message = String::with_capacity(110 + product.len());
        message.push_str("adding ");
        push_number(&mut message, quantity);
        message.push_str(" seats to `");
        message.push_str(product);
        message.push_str("` needs written confirmation of the product and at least ");
        push_number(&mut message, quantity);
        message.push_str(" seats");
        out.add(
            About::item("lines", line.index),
            message,
            line.cart_evidence(
                on_file[id]
                    .get_or_insert_with(|| {
                        Text::shared(crate::fill!("; {}; {}", holdings_evidence(records.customer, facts), confirmations_evidence(facts)))
                    })
                    .clone(),
            ),
            remedy
                .get_or_insert_with(|| Text::shared(crate::fill!("get the product name and quantity confirmed in writing (ticket note or saved email) by {} before ordering", super::authorized_contacts(records.customer))))
                .clone(),
        );
    }
    Ok(())
}

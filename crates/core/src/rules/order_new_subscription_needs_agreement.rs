//! order.new-subscription-needs-agreement: a new subscription needs a signed agreement,
//! unless it is monthly and confirmed in writing for the first month.
//!
//! Any signed agreement for the product lifts it (rule 15). Choices: a line whose term or
//! quantity could not be read cannot show the monthly exception, so it still fires; an
//! annual or multi-year line fires too (written confirmation never covers those; the
//! annual agreement itself is `order.annual-needs-signed-annual-agreement`).

use super::{agreements_evidence, confirmations_evidence, CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::{Term, Text};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.new-subscription-needs-agreement",
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
    "new subscription, no signed agreement, and not (monthly term with written confirmation)";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    // What depends only on the product is written once per product (the records) or product
    // name (the message), and the remedy once per kind of term: a 200-line cart of new
    // products has a finding on every line.
    let mut messages: Vec<Option<Text>> = eval.per_name();
    let mut on_file: Vec<Option<Text>> = eval.per_product();
    let mut remedies: [Option<Text>; 2] = [None, None];
    for line in eval.lines() {
        let (Some(name_id), Some(id), Some(facts)) =
            (line.name_id, line.product_id, eval.facts(line))
        else {
            continue;
        };
        if !facts.is_new() || facts.signed {
            continue;
        }
        if facts.temporary_purchase(line).is_some() {
            continue;
        }
        let commitment = line.term.is_some_and(Term::is_commitment);
        let remedy = remedies[usize::from(commitment)].get_or_insert_with(|| {
            let billing = eval.billing_contact();
            Text::shared(if commitment {
                crate::fill!("ask {} to create the subscription agreement and order nothing until it is signed; if the customer cannot wait, order monthly for the first month on written confirmation", billing)
            } else {
                crate::fill!("ask {} to create the subscription agreement and order nothing until it is signed; if the customer cannot wait, get written confirmation of a monthly first month (ticket note or saved email) from an authorization contact, naming the product and quantity", billing)
            })
        });
        let message = messages[name_id].get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "`{}` is a new subscription for {} and no agreement for it is signed",
                line.product.unwrap_or("?"),
                records.customer.name
            ))
        });
        let on_file = on_file[id].get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "; {} holds no active subscription of it; {}; {}",
                records.customer.name,
                agreements_evidence(facts),
                confirmations_evidence(facts)
            ))
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(on_file.clone()),
            remedy.clone(),
        );
    }
    Ok(())
}

//! order.term-matches-quote: when the quote states a term, the cart line has it.

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.term-matches-quote",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the quote states a term and the cart line's term differs";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // What the quote says is written once per product: the evidence's end and the remedy.
    let mut quoted_as: Vec<Option<(Text, Text)>> = eval.per_product();
    for line in eval.lines() {
        let (Some(id), Some(facts), Some(term)) = (line.product_id, eval.facts(line), line.term)
        else {
            continue;
        };
        let Some(entry) = &facts.quote else {
            continue;
        };
        let Some(quoted) = entry.term else { continue };
        if quoted == term {
            continue;
        }
        let (quote_says, remedy) = quoted_as[id].get_or_insert_with(|| {
            (
                Text::shared(crate::fill!(
                    "; {} gives `{}` {}",
                    entry.origin,
                    entry.product,
                    quoted
                )),
                Text::shared(crate::fill!(
                    "choose the {} term as quoted, or have the quote changed first",
                    quoted
                )),
            )
        });
        out.add(
            About::item("lines", line.index),
            crate::fill!(
                "{} is {} in the cart but {} on the quote",
                line.product_label(),
                term,
                quoted
            ),
            line.cart_evidence(quote_says.clone()),
            remedy.clone(),
        );
    }
    Ok(())
}

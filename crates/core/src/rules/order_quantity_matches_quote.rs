//! order.quantity-matches-quote: the cart quantity is the quoted quantity.
//!
//! Only for lines whose product is on the quote (rule 5); the newest quote item decides
//! and a quantity it leaves out is not compared (rule 14).

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.quantity-matches-quote",
    severity: Severity::Block,
    source: S004,
    summary: "a cart line's quantity differs from the quoted quantity",
    pages: CART,
    params: &[],
    variants: &[],
    run,
};

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // What the quote says is written once per product: the evidence's end and the remedy.
    let mut quoted_as: Vec<Option<(String, Text)>> = eval.per_product();
    for line in &eval.lines {
        let (Some(id), Some(facts), Some(quantity)) =
            (line.product_id, eval.facts(line), line.quantity)
        else {
            continue;
        };
        let Some(entry) = &facts.quote else {
            continue;
        };
        let Some(quoted) = entry.quantity else {
            continue;
        };
        if quoted == quantity {
            continue;
        }
        let (quote_says, remedy) = quoted_as[id].get_or_insert_with(|| {
            (
                format!("; {} gives `{}` ×{quoted}", entry.origin, entry.product),
                Text::shared(format!(
                    "set the quantity to {quoted} as quoted, or have the quote changed first"
                )),
            )
        });
        out.add(
            About::item("lines", line.index),
            format!(
                "{}: the cart has {quantity}, the quote {quoted}",
                line.product_label()
            ),
            line.cart_evidence(&[quote_says]),
            remedy.clone(),
        );
    }
    Ok(())
}

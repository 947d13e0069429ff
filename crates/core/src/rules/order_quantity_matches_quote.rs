//! order.quantity-matches-quote: the cart quantity is the quoted quantity.
//!
//! Only for lines whose product is on the quote (rule 5); the newest quote item decides
//! and a quantity it leaves out is not compared (rule 14).

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
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
    for line in &eval.lines {
        let (Some(facts), Some(quantity)) = (eval.facts(line), line.quantity) else {
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
        out.add(
            About::item("lines", line.index),
            format!(
                "{}: the cart has {quantity}, the quote {quoted}",
                line.product_label()
            ),
            format!(
                "cart {}; {} gives `{}` ×{quoted}",
                line.describe(),
                entry.origin,
                entry.product
            ),
            format!("set the quantity to {quoted} as quoted, or have the quote changed first"),
        );
    }
    Ok(())
}

//! order.quantity-matches-quote: the cart quantity is the quoted quantity.
//!
//! Only for lines whose product is on the quote (rule 5); the newest quote item decides
//! and a quantity it leaves out is not compared (rule 14).

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{push_number, About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.quantity-matches-quote",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "a cart line's quantity differs from the quoted quantity";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // What the quote says is written once per product (the end of the message and of the
    // evidence, the remedy), the start of the message once per product name.
    let mut quoted_as: Vec<Option<QuotedAs>> = eval.per_product();
    let mut cart_has: Vec<Option<String>> = eval.per_name();
    for line in eval.lines() {
        let (Some(name_id), Some(id), Some(facts), Some(quantity)) = (
            line.name_id,
            line.product_id,
            eval.facts(line),
            line.quantity,
        ) else {
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
        let cart_has = cart_has[name_id]
            .get_or_insert_with(|| crate::fill!("{}: the cart has ", line.product_label()));
        let quoted_as = quoted_as[id].get_or_insert_with(|| QuotedAs {
            quote_has: crate::fill!(", the quote {}", quoted),
            quote_says: Text::shared(crate::fill!(
                "; {} gives `{}` ×{}",
                entry.origin,
                entry.product,
                quoted
            )),
            remedy: Text::shared(crate::fill!(
                "set the quantity to {} as quoted, or have the quote changed first",
                quoted
            )),
        });
        let mut message = String::with_capacity(cart_has.len() + quoted_as.quote_has.len() + 20);
        message.push_str(cart_has);
        push_number(&mut message, quantity);
        message.push_str(&quoted_as.quote_has);
        out.add(
            About::item("lines", line.index),
            message,
            line.cart_evidence(quoted_as.quote_says.clone()),
            quoted_as.remedy.clone(),
        );
    }
    Ok(())
}

/// What the quote says about a product, written once: the message is "`{product}`: the
/// cart has {quantity}" and then `quote_has`, the evidence the line's and then `quote_says`.
struct QuotedAs {
    quote_has: String,
    quote_says: Text,
    remedy: Text,
}

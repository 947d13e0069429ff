//! order.term-matches-quote: when the quote states a term, the cart line has it.

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.term-matches-quote",
    severity: Severity::Block,
    source: S004,
    summary: "the quote states a term and the cart line's term differs",
    pages: CART,
    params: &[],
    variants: &[],
    run,
};

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    for line in &eval.lines {
        let (Some(facts), Some(term)) = (eval.facts(line), line.term) else {
            continue;
        };
        let Some(entry) = &facts.quote else {
            continue;
        };
        let Some(quoted) = entry.term else { continue };
        if quoted == term {
            continue;
        }
        out.add(
            About::item("lines", line.index),
            format!(
                "{} is {term} in the cart but {quoted} on the quote",
                line.product_label()
            ),
            format!(
                "cart {}; {} gives `{}` {quoted}",
                line.describe(),
                entry.origin,
                entry.product
            ),
            format!("choose the {quoted} term as quoted, or have the quote changed first"),
        );
    }
    Ok(())
}

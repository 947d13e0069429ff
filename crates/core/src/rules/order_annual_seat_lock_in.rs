//! order.annual-seat-lock-in: seats added to an annual or multi-year subscription are
//! committed for the rest of the term `window_days` after purchase (rule 11, 17).

use super::{CheckResult, ParamDefault, Rule, CART, S004};
use crate::dates::{add_days, show, ymd};
use crate::engine::{About, Eval, Out};
use crate::model::{Term, Text};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.annual-seat-lock-in",
    severity: Severity::Warn,
    source: S004,
    pages: CART,
    params: &[("window_days", ParamDefault::Number(7))],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "seats added to an annual or multi-year subscription are committed 7 days after purchase";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(customer) = eval.customer() else {
        return Ok(());
    };
    let window = i64::from(out.number("window_days"));
    let committed = show(add_days(eval.today, window));
    let remedy = Text::shared(crate::fill!(
        "be sure of the quantity: seats can be removed only until {}",
        committed
    ));
    // The evidence's end, once per commitment term (index 1 multi-year, 0 annual).
    let mut holds: [Option<Text>; 2] = [None, None];
    for line in eval.lines() {
        let (Some(facts), Some(term)) = (eval.facts(line), line.term) else {
            continue;
        };
        if !term.is_commitment() {
            continue;
        }
        let Some(held) = facts.held.iter().find(|s| s.term == Some(term)) else {
            continue;
        };
        // "after {committed} the {q} seats added to the {term} `{product}` are committed
        // until the term's end ({end})", written in one string (once per line).
        let mut message = String::with_capacity(128);
        crate::put!(message; "after {} ", committed);
        match line.quantity {
            Some(q) => {
                crate::put!(message; "the {} seats", q);
            }
            None => message.push_str("the seats"),
        }
        crate::put!(message; " added to the {} `{}` are committed until the term's end", term, line.product.unwrap_or("?"));
        if let Some(end) = &held.end {
            crate::put!(message; " ({})", end);
        }
        out.add(
            About::item("lines", line.index),
            message,
            line.cart_evidence(
                holds[usize::from(term == Term::MultiYear)]
                    .get_or_insert_with(|| {
                        Text::shared(crate::fill!(
                            "; {} holds it {}; bought today {}, the window closes {} days later",
                            customer.name,
                            term,
                            ymd(eval.today),
                            window
                        ))
                    })
                    .clone(),
            ),
            remedy.clone(),
        );
    }
    Ok(())
}

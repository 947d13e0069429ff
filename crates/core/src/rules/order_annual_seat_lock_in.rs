//! order.annual-seat-lock-in: seats added to an annual or multi-year subscription are
//! committed for the rest of the term `window_days` after purchase (rule 11, 17).

use super::{CheckResult, ParamDefault, Rule, CART, S004};
use crate::dates::{add_days, show, ymd};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.annual-seat-lock-in",
    severity: Severity::Warn,
    source: S004,
    summary:
        "seats added to an annual or multi-year subscription are committed 7 days after purchase",
    pages: CART,
    params: &[("window_days", ParamDefault::Number(7))],
    variants: &[],
    run,
};

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(customer) = eval.customer() else {
        return Ok(());
    };
    let window = i64::from(out.number("window_days"));
    let committed = show(add_days(eval.today, window));
    let remedy = Text::shared(format!(
        "be sure of the quantity: seats can be removed only until {committed}"
    ));
    let bought = format!(
        "; bought today {}, the window closes {window} days later",
        ymd(eval.today)
    );
    for line in &eval.lines {
        let (Some(facts), Some(term)) = (eval.facts(line), line.term) else {
            continue;
        };
        if !term.is_commitment() {
            continue;
        }
        let Some(held) = facts.held.iter().find(|s| s.term == Some(term)) else {
            continue;
        };
        let until = held
            .end
            .as_deref()
            .map_or("the term's end".to_string(), |end| {
                format!("the term's end ({end})")
            });
        let seats = line
            .quantity
            .map_or("the seats".to_string(), |q| format!("the {q} seats"));
        out.add(
            About::item("lines", line.index),
            format!(
                "after {committed} {seats} added to the {term} {} are committed until {until}",
                line.product_label()
            ),
            line.cart_evidence(&["; ", &customer.name, " holds it ", term.as_str(), &bought]),
            remedy.clone(),
        );
    }
    Ok(())
}

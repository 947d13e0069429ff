//! order.temporary-monthly-needs-reminder: a monthly subscription bought on written
//! confirmation only needs a cancellation reminder ticket.
//!
//! Rule 11: the first month ends one month after purchase (today, clamped to the month's
//! end); the reminder is due `days_before_month_end` calendar days before that day.

use super::{CheckResult, ParamDefault, Rule, CART, S004};
use crate::dates::{add_days, add_one_month, show};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.temporary-monthly-needs-reminder",
    severity: Severity::Warn,
    source: S004,
    pages: CART,
    params: &[("days_before_month_end", ParamDefault::Number(5))],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "new monthly subscription bought on written confirmation only, and no cancellation reminder ticket";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let days = i64::from(out.number("days_before_month_end"));
    // Bought today: the first month ends a month from now (rule 11, 21).
    let month_end = add_one_month(eval.today);
    let due = add_days(month_end, -days);
    // The message is the same for every line of a product name, the remedy for every line.
    let mut messages: Vec<Option<Text>> = eval.per_name();
    let mut remedy: Option<Text> = None;
    for line in eval.lines() {
        let (Some(name_id), Some(facts)) = (
            line.name_id,
            eval.facts(line).filter(|facts| !facts.reminder),
        ) else {
            continue;
        };
        let Some(confirmation) = facts.temporary_purchase(line) else {
            continue;
        };
        let message = messages[name_id].get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "create a cancellation reminder ticket for {}, due {}",
                line.product_label(),
                show(due)
            ))
        });
        let remedy = remedy.get_or_insert_with(|| {
            Text::shared(crate::fill!("create the reminder ticket due {} ({} days before the first month ends on {}), with you and {} as resources; when the agreement is signed, note it on that ticket and complete it", show(due), days, show(month_end), eval.senior_staff()))
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(crate::fill!(": a new monthly subscription with no signed agreement, bought on {}; no reminder ticket for it is on file", confirmation.label())),
            remedy.clone(),
        );
    }
    Ok(())
}

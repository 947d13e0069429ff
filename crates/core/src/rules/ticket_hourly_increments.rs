//! ticket.hourly-increments: an hourly (non-onboarded) customer is billed in
//! `increment_minutes` increments; each time entry should be a multiple.
//!
//! Choice: a 0-minute (or negative) entry is flagged too: it bills nothing and is almost
//! always a worked range typed wrong. Needs the customer's plan, so not for unknown ones.

use super::{CheckResult, ParamDefault, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::model::HelpDeskPlan;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.hourly-increments",
    severity: Severity::Warn,
    source: S001,
    pages: TICKET,
    params: &[("increment_minutes", ParamDefault::Number(15))],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "hourly (non-onboarded) customer and a time entry is not a multiple of 15 minutes";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(customer)) = (eval.ticket(), eval.customer()) else {
        return Ok(());
    };
    if customer.help_desk.as_ref().map(|h| h.plan) != Some(HelpDeskPlan::Hourly) {
        return Ok(());
    }
    let increment = i64::from(out.number("increment_minutes"));
    if increment == 0 {
        return Err("`increment_minutes` is 0".to_string());
    }
    for (index, entry) in crate::model::items(&ticket.time_entries).iter().enumerate() {
        let Some(minutes) = entry.minutes else {
            continue;
        };
        if minutes > 0 && minutes % increment == 0 {
            continue;
        }
        let up = if minutes > 0 {
            (minutes / increment + i64::from(minutes % increment != 0)).saturating_mul(increment)
        } else {
            increment
        };
        out.add(
            About::item("time_entries", index),
            crate::fill!("time entry {} is {} minutes, not a multiple of {}", index + 1, minutes, increment),
            crate::fill!("{} is on the hourly plan, billed in {}-minute increments; time entry {}: {} minutes", customer.name, increment, index + 1, minutes),
            crate::fill!("record the time in {}-minute increments (e.g. {} minutes)", increment, up),
        );
    }
    Ok(())
}

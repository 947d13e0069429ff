//! ticket.mc-status: the vendor is alerted only by its dispatch statuses (New, Returned to
//! MC). Choice: when the MSP lists no dispatch statuses, the seed's two are used.

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::same_name;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-status",
    severity: Severity::Warn,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "MC is a resource but the status is neither New nor Returned to MC";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(vendor)) = (eval.ticket(), eval.vendor()) else {
        return Ok(());
    };
    let Some(status) = ticket.status.as_deref() else {
        return Ok(());
    };
    if !eval.vendor_is_resource() {
        return Ok(());
    }
    let defaults = ["New".to_string(), "Returned to MC".to_string()];
    let statuses = if vendor.dispatch_statuses.is_empty() {
        &defaults[..]
    } else {
        &vendor.dispatch_statuses[..]
    };
    if statuses.iter().any(|s| same_name(s, status)) {
        return Ok(());
    }
    let listed = crate::normalize::backticked(statuses, " or ");
    let name = eval.vendor_name();
    out.add(
        About::field("status"),
        crate::fill!(
            "{} is a resource but the status `{}` does not alert them",
            name,
            status
        ),
        crate::fill!(
            "status `{}`; {} is alerted only by {}",
            status,
            name,
            listed
        ),
        crate::fill!("set the status to {} so {} sees the ticket", listed, name),
    );
    Ok(())
}

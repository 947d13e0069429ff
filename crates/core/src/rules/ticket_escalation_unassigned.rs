//! ticket.escalation-unassigned: escalated from the vendor and no primary resource yet:
//! it is still available to accept. Choice: an empty primary resource is "none"; a `null`
//! one (not shown) is not judged (rule 1).

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.escalation-unassigned",
    severity: Severity::Info,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "escalated from MC and no primary resource";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(ticket) = eval.ticket() else {
        return Ok(());
    };
    if ticket.escalated_from_vendor != Some(true) {
        return Ok(());
    }
    let Some(primary) = ticket.primary_resource.as_deref() else {
        return Ok(());
    };
    if !primary.trim().is_empty() {
        return Ok(());
    }
    let name = eval.vendor_name();
    out.add(
        About::field("primary_resource"),
        crate::fill!("escalated from {} and no one has accepted it yet", name),
        crate::fill!("escalated from {}; primary resource: none", name),
        "accept it by making yourself the primary resource, then follow up with the user",
    );
    Ok(())
}

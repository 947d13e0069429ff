//! ticket.mc-queue: the vendor works from its own queue only (`helpdesk_vendor.queue`).

use super::{CheckResult, Rule, ARTICLE_CREATING_MC_TICKET, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::same_name;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-queue",
    severity: Severity::Warn,
    source: ARTICLE_CREATING_MC_TICKET,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the help-desk vendor is a resource and the queue is not the vendor's queue";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(vendor)) = (eval.ticket(), eval.vendor()) else {
        return Ok(());
    };
    let (Some(queue), Some(wanted)) = (ticket.queue.as_deref(), vendor.queue.as_deref()) else {
        return Ok(());
    };
    if same_name(queue, wanted) || !eval.vendor_is_resource() {
        return Ok(());
    }
    let name = eval.vendor_name();
    out.add(
        About::field("queue"),
        crate::fill!(
            "{} is a resource but the queue is `{}`, not `{}`",
            name,
            queue,
            wanted
        ),
        crate::fill!("queue `{}`; {} works from `{}`", queue, name, wanted),
        crate::fill!(
            "move the ticket to the `{}` queue: {} works from that queue only",
            wanted,
            name
        ),
    );
    Ok(())
}

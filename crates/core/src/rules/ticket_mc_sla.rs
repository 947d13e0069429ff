//! ticket.mc-sla: the response time the vendor's SLA gives the ticket's priority. With no
//! priority, or one without an SLA, it is still shown and says so (rule 19). An emailed
//! ticket at Medium gets a reminder that emailed tickets default to Medium.

use super::{CheckResult, Rule, ARTICLE_MC_DOCUMENTATION, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::same_name;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-sla",
    severity: Severity::Info,
    source: ARTICLE_MC_DOCUMENTATION,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the response time the help-desk vendor's SLA gives this priority";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(vendor)) = (eval.ticket(), eval.vendor()) else {
        return Ok(());
    };
    if !eval.vendor_is_resource() {
        return Ok(());
    }
    let name = eval.vendor_name();
    let mut table = String::new();
    for (p, m) in vendor.sla_entries() {
        if !table.is_empty() {
            table.push_str(", ");
        }
        table.push_str(p);
        match m {
            Some(minutes) => table.push_str(&crate::fill!(" {}", minutes)),
            // Not whole minutes, so `sla_for` gives no time for it. The value itself is not
            // shown: the content script's settings pack carries only whole minutes.
            None => table.push_str(" (not whole minutes)"),
        }
    }
    let evidence = crate::fill!(
        "priority `{}`, source `{}`; {}'s SLA (minutes): {}",
        ticket.priority.as_deref().unwrap_or("not shown"),
        ticket.source.as_deref().unwrap_or("not shown"),
        name,
        if table.is_empty() {
            "none on file".to_string()
        } else {
            table
        }
    );
    let mut message = match ticket.priority.as_deref() {
        None => "no priority is shown, so the SLA response time is unknown".to_string(),
        Some(priority) => match vendor.sla_for(priority) {
            Some(minutes) => crate::fill!(
                "{}'s SLA: a `{}` ticket gets a response within {} minutes",
                name,
                priority,
                minutes
            ),
            None => crate::fill!(
                "{}'s SLA gives no response time for priority `{}`",
                name,
                priority
            ),
        },
    };
    let emailed = ticket
        .source
        .as_deref()
        .is_some_and(|s| same_name(s, "Email"));
    let medium = ticket
        .priority
        .as_deref()
        .is_some_and(|p| same_name(p, "Medium"));
    if emailed && medium {
        message.push_str("; emailed tickets default to Medium");
    }
    out.add(
        About::field("priority"),
        message,
        evidence,
        "set the priority the caller was promised",
    );
    Ok(())
}

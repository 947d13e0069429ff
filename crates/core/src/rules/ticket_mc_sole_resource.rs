//! ticket.mc-sole-resource: the vendor's Autotask bridge needs it as the only resource.
//! Its other resource names (e.g. `MC Helpdesk`) are the vendor too, not someone else.

use crate::normalize::Joined;

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-sole-resource",
    severity: Severity::Warn,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "MC is a resource together with anyone else";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(ticket) = eval.ticket() else {
        return Ok(());
    };
    if !eval.vendor_is_resource() {
        return Ok(());
    }
    let mut others: Vec<&str> = Vec::new();
    if let Some(primary) = ticket.primary_resource.as_deref() {
        if !primary.trim().is_empty() && !eval.is_vendor(primary) {
            others.push(primary);
        }
    }
    for secondary in crate::model::items(&ticket.secondary_resources) {
        if !secondary.trim().is_empty() && !eval.is_vendor(secondary) {
            others.push(secondary);
        }
    }
    if others.is_empty() {
        return Ok(());
    }
    let name = eval.vendor_name();
    let listed = crate::normalize::backticked(&others, ", ");
    out.add(
        About::field("secondary_resources"),
        crate::fill!("{} is not the only resource: {} also", name, listed),
        crate::fill!(
            "primary resource `{}`; secondary resources: {}",
            ticket.primary_resource.as_deref().unwrap_or("none"),
            ticket
                .secondary_resources
                .as_deref()
                .map_or("none".to_string(), |s| if s.is_empty() {
                    "none".to_string()
                } else {
                    s.joined(", ")
                })
        ),
        crate::fill!(
            "remove {} so {} is the only resource; its Autotask bridge needs that",
            listed,
            name
        ),
    );
    Ok(())
}

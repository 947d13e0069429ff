//! ticket.onsite-scope: on-site work for a non-managed customer: only the work in the
//! ticket, anything else needs senior approval, and a backup in place first.
//!
//! On-site is read from the work type, or an `issue_type`/`sub_issue_type` the reader adds.
//! Classification compares ignoring case and punctuation (`Non-Managed`, `non managed`).

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::{has_text, is_word_char, lower_char};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.onsite-scope",
    severity: Severity::Info,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "on-site work for a non-managed customer: only the ticket's work, senior approval for more, backup first";

fn letters(text: &str) -> String {
    // A loop, not a filtered and mapped `collect` (issue 8).
    let mut out = String::new();
    for c in text.chars() {
        if is_word_char(c) {
            out.push(lower_char(c));
        }
    }
    out
}

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(customer)) = (eval.ticket(), eval.customer()) else {
        return Ok(());
    };
    if customer.classification.as_deref().map(letters).as_deref() != Some("nonmanaged") {
        return Ok(());
    }
    let mut shown: Vec<(&str, &str)> = Vec::new();
    if let Some(work_type) = ticket.work_type.as_deref() {
        shown.push(("work_type", work_type));
    }
    for key in ["issue_type", "sub_issue_type"] {
        if let Some(value) = ticket.extra.get(key).and_then(|v| v.as_str()) {
            shown.push((key, value));
        }
    }
    // A loop, not `find`: the adapter is a copy of its own in the content wasm (issue 8).
    let mut onsite = None;
    for (field, value) in shown {
        if has_text(&letters(value), "onsite") {
            onsite = Some((field, value));
            break;
        }
    }
    let Some((field, value)) = onsite else {
        return Ok(());
    };
    out.add(
        About::field(field),
        crate::fill!("on-site visit for non-managed {}: do only the work in the ticket", customer.name),
        crate::fill!("{} `{}`; {} is classified `{}`", field, value, customer.name, customer.classification.as_deref().unwrap_or("")),
        crate::fill!("before work begins, make sure a backup system is in place; anything not in the ticket needs approval from {} first", eval.senior_staff()),
    );
    Ok(())
}

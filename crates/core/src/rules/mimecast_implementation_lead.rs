//! mimecast.implementation-lead: a primary implementation lead must be selected. Shown
//! empty reads as `""` and fires (rule 18). Choice: a placeholder such as "Select a user"
//! counts as empty.

use super::{CheckResult, Rule, MIMECAST, S003};
use crate::engine::{About, Eval, Out};
use crate::normalize::Lowercase;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mimecast.implementation-lead",
    severity: Severity::Warn,
    source: S003,
    pages: MIMECAST,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "no primary implementation lead selected";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(page) = eval.mimecast() else {
        return Ok(());
    };
    let Some(lead) = page.implementation_lead.as_deref() else {
        return Ok(());
    };
    let trimmed = lead.trim().lowercase();
    if !(trimmed.is_empty() || trimmed.starts_with("select") || trimmed.starts_with("-- select")) {
        return Ok(());
    }
    out.add(
        About::field("implementation_lead"),
        "no primary implementation lead is selected",
        crate::fill!("Primary Implementation Lead: `{}`", lead),
        "select a user from the drop-down list; if the right person is not listed, create them as a user first",
    );
    Ok(())
}

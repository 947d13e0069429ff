//! page.customer-unknown: the page's customer is not in the directory.
//!
//! Choice: a customer field shown empty counts as unknown (nothing to match); a `null`
//! field (not shown) reports nothing (rule 1).

use super::{CheckResult, Rule, ANY_PAGE, POLICY_MD};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "page.customer-unknown",
    severity: Severity::Warn,
    source: POLICY_MD,
    pages: ANY_PAGE,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the page's customer is not in the directory";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (field, Some(shown)) = eval.shown_customer else {
        return Ok(());
    };
    if eval.records.is_some() {
        return Ok(());
    }
    let known = eval.context.customers.len();
    out.add(
        About::field(field),
        crate::fill!("`{}` is not a customer in the directory: checks that need its records are skipped", shown),
        crate::fill!("page field `{}`: `{}`; the directory has {} customers, none with that name or alias (case, punctuation and legal suffixes ignored)", field, shown, known),
        "check the customer on the page; if it is right, add it (or the alias) to the directory on the options page",
    );
    Ok(())
}

//! page.unreadable: a field shown on the page could not be read; never a silent pass.
//!
//! Choice: every field a reader lists in `unreadable_fields` is reported, once, because a
//! reader only tries to read fields some check needs.

use super::{CheckResult, Rule, ANY_PAGE, POLICY_MD};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "page.unreadable",
    severity: Severity::Warn,
    source: POLICY_MD,
    pages: ANY_PAGE,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "a field a check needs could not be read from the page";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let fields = eval.page.unreadable_fields();
    for (position, field) in fields.iter().enumerate() {
        if fields[..position].contains(field) {
            continue;
        }
        out.add(
            About::field(field.clone()),
            crate::fill!("the page shows `{}` but it could not be read: the checks on it did not run", field),
            crate::fill!("{} page: `{}` is listed as unreadable by the page reader", eval.page.kind(), field),
            crate::fill!("check `{}` on the page yourself; if the page changed, report it so the reader can be fixed", field),
        );
    }
    Ok(())
}

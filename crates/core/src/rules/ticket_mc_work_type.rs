//! ticket.mc-work-type: the vendor's time entries bridge back only with its work type.
//! Not when the work type is not shown (rule 1).

use super::{CheckResult, Rule, ARTICLE_CREATING_MC_TICKET, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::same_name;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-work-type",
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
    "the help-desk vendor is a resource and the work type is not its bridging work type";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(vendor)) = (eval.ticket(), eval.vendor()) else {
        return Ok(());
    };
    let (Some(work_type), Some(wanted)) =
        (ticket.work_type.as_deref(), vendor.work_type.as_deref())
    else {
        return Ok(());
    };
    if same_name(work_type, wanted) || !eval.vendor_is_resource() {
        return Ok(());
    }
    let name = eval.vendor_name();
    out.add(
        About::field("work_type"),
        crate::fill!(
            "{} is a resource but the work type is `{}`, not `{}`",
            name,
            work_type,
            wanted
        ),
        crate::fill!(
            "work type `{}`; {}'s time entries bridge back with `{}`",
            work_type,
            name,
            wanted
        ),
        crate::fill!(
            "set the work type to `{}` so {}'s time entries bridge back",
            wanted,
            name
        ),
    );
    Ok(())
}

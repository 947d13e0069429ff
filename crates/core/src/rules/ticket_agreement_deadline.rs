//! ticket.agreement-deadline: a temporary monthly subscription awaiting its agreement must
//! have it signed `business_days_before_month_end` business days before the first month
//! ends (rule 11: purchase + 1 month, clamped); past that day, cancel and tell the
//! customer. Applies when the customer holds an active temporary monthly subscription
//! without a signed agreement (rule 20). Choice: the purchase date is `purchased_on`, else
//! `start`; without either the finding says the date is unknown.

use super::{CheckResult, ParamDefault, Rule, S004, TICKET};
use crate::dates::{add_one_month, business_days_before, show, ymd};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.agreement-deadline",
    severity: Severity::Warn,
    source: S004,
    pages: TICKET,
    params: &[("business_days_before_month_end", ParamDefault::Number(5))],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "a temporary monthly subscription awaits its agreement: deadline 5 business days before the month's end";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    let days = out.number("business_days_before_month_end");
    for (subscription, _) in records.pending_temporary() {
        let product = &subscription.product;
        let Some(bought) = Eval::purchase_date(subscription) else {
            out.add(
                About::field("account"),
                crate::fill!("the agreement for the temporary monthly `{}` is pending and its purchase date is unknown", product),
                crate::fill!("{} holds `{}` monthly as a temporary subscription; no purchase date on file", records.customer.name, product),
                "find the purchase date in Pax8: the agreement is due 5 business days before the first month ends",
            );
            continue;
        };
        let month_end = add_one_month(bought);
        let deadline = business_days_before(month_end, days);
        let evidence = crate::fill!("{} holds `{}` monthly as a temporary subscription bought {}; the first month ends {}; no signed agreement on file", records.customer.name, product, ymd(bought), show(month_end));
        if eval.today > deadline {
            out.add(
                About::field("account"),
                crate::fill!("the agreement deadline for `{}` ({}) has passed", product, show(deadline)),
                evidence,
                crate::fill!("set the subscription to cancel at the end of the monthly term ({}) and notify the customer of the pending cancellation", show(month_end)),
            );
        } else {
            out.add(
                About::field("account"),
                crate::fill!("the agreement for `{}` must be signed by {}", product, show(deadline)),
                evidence,
                crate::fill!("make sure the customer signs by {} ({} business days before the first month ends); if not, set the subscription to cancel at the end of the month and tell the customer", show(deadline), days),
            );
        }
    }
    Ok(())
}

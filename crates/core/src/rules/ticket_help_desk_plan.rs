//! ticket.help-desk-plan: on a known customer's ticket, the customer's help-desk plan and
//! where that was learned. A customer without a plan on file is shown as unknown.

use super::{CheckResult, Rule, S000, TICKET};
use crate::engine::{About, Eval, Out};
use crate::model::HelpDeskPlan;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.help-desk-plan",
    severity: Severity::Info,
    source: S000,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the customer's help-desk plan (per-device, hourly, none) and where it was learned";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(customer) = eval.customer() else {
        return Ok(());
    };
    let plan = customer
        .help_desk
        .as_ref()
        .map_or(HelpDeskPlan::Unknown, |h| h.plan);
    let vendor = eval.vendor_name();
    let (described, remedy) = match plan {
        HelpDeskPlan::PerDevice => (
            "the per-device (onboarded) help-desk plan".to_string(),
            crate::fill!("{} may work this customer's tickets under the plan", vendor),
        ),
        HelpDeskPlan::Hourly => (
            "the hourly (non-onboarded) help-desk plan".to_string(),
            crate::fill!(
                "{} works it hourly, billed in 15-minute increments; the device must be in the RMM",
                vendor
            ),
        ),
        HelpDeskPlan::None => (
            "no help-desk plan".to_string(),
            "not a help-desk customer: end-user support is by arrangement only".to_string(),
        ),
        HelpDeskPlan::Unknown => (
            "an unknown help-desk plan".to_string(),
            "look it up in the IT Glue Site Summary (or the Autotask UDF Help Desk Support Type)"
                .to_string(),
        ),
    };
    let evidence = match &customer.help_desk {
        Some(help_desk) => crate::fill!(
            "directory: plan `{}` from {}{}",
            plan.as_str(),
            help_desk.source.as_deref().unwrap_or("an unknown source"),
            help_desk
                .as_of
                .as_deref()
                .map_or(String::new(), |d| crate::fill!(", as of {}", d))
        ),
        None => crate::fill!("the directory has no help-desk plan for {}", customer.name),
    };
    out.add(
        About::field("account"),
        crate::fill!("{} is on {}", customer.name, described),
        evidence,
        remedy,
    );
    Ok(())
}

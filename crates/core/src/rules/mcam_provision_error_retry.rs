//! mcam.provision-error-retry: a service light shows red: provision once more; if it stays
//! red, escalate. One finding per red service.

use super::{CheckResult, Rule, MCAM, S002};
use crate::engine::{About, Eval, Out};
use crate::model::StatusLight;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mcam.provision-error-retry",
    severity: Severity::Info,
    source: S002,
    pages: MCAM,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "a service shows red (error): provision once more; if it stays red, escalate";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(page) = eval.mcam() else {
        return Ok(());
    };
    for (index, status) in crate::model::items(&page.service_statuses)
        .iter()
        .enumerate()
    {
        if status.status != Some(StatusLight::Red) {
            continue;
        }
        let service = status.service.as_deref().unwrap_or("a service");
        out.add(
            About::item("service_statuses", index),
            crate::fill!("`{}` shows red: provisioning failed", service),
            crate::fill!("service status light of `{}`: red", service),
            "expand the service and click Provision again, which often corrects one-off errors; if it stays red, escalate",
        );
    }
    Ok(())
}

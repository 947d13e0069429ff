//! mcam.service-purchased: a service can be provisioned only after it is purchased.
//! Service names compare like products (case, spacing, ™/® ignored).

use super::{CheckResult, Rule, MCAM, S002};
use crate::engine::{About, Eval, Out};
use crate::normalize::{product_key, Joined};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mcam.service-purchased",
    severity: Severity::Block,
    source: S002,
    pages: MCAM,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "a service is provisioned that the account has not purchased";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(page) = eval.mcam() else {
        return Ok(());
    };
    let (Some(service), Some(purchased)) =
        (page.service.as_deref(), page.purchased_services.as_ref())
    else {
        return Ok(());
    };
    let key = product_key(service);
    if key.is_empty() || purchased.iter().any(|p| product_key(p) == key) {
        return Ok(());
    }
    out.add(
        About::field("service"),
        crate::fill!(
            "`{}` is not purchased on this account, so it cannot be provisioned",
            service
        ),
        crate::fill!(
            "service `{}`; purchased: {}",
            service,
            if purchased.is_empty() {
                "none".to_string()
            } else {
                purchased.joined(", ")
            }
        ),
        "purchase the service in MCAM (Services quadrant, BUY) first, then provision it",
    );
    Ok(())
}

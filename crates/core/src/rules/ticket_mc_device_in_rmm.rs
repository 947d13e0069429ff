//! ticket.mc-device-in-rmm: the vendor can work only on devices in the RMM.
//! Does not fire when the ticket names no device (rule 10) or the customer is unknown.

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::{same_name, Joined};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.mc-device-in-rmm",
    severity: Severity::Warn,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the ticket is for MC and its device is not known to be in the RMM";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(customer)) = (eval.ticket(), eval.customer()) else {
        return Ok(());
    };
    let Some(device) = ticket
        .configuration_item
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    else {
        return Ok(());
    };
    if !eval.vendor_is_resource() || customer.rmm_devices.iter().any(|d| same_name(d, device)) {
        return Ok(());
    }
    let name = eval.vendor_name();
    out.add(
        About::field("configuration_item"),
        crate::fill!(
            "the device `{}` is not known to be in the RMM, so {} cannot work on it",
            device,
            name
        ),
        crate::fill!(
            "configuration item `{}`; RMM devices of {}: {}",
            device,
            customer.name,
            if customer.rmm_devices.is_empty() {
                "none on file".to_string()
            } else {
                customer.rmm_devices.joined(", ")
            }
        ),
        crate::fill!(
            "add the device to the RMM first, or keep the ticket away from {}",
            name
        ),
    );
    Ok(())
}

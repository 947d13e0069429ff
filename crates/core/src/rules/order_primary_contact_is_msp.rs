//! order.primary-contact-is-msp: "Primary Contact for Pax8 related communications" must be
//! an MSP contact (an address on the MSP's mail domains), never the customer.
//!
//! Choice: shown but empty means nothing was chosen yet, which is reported too.
//! Needs only the page and the MSP's settings, so it runs for unknown customers.

use crate::normalize::Joined;

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.primary-contact-is-msp",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "\"Primary Contact for Pax8 related communications\" is not an MSP contact";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(cart) = eval.cart() else {
        return Ok(());
    };
    let Some(email) = cart.primary_contact_email.as_deref() else {
        return Ok(());
    };
    if eval.is_msp_email(email) {
        return Ok(());
    }
    let msp = eval.msp.name.as_deref().unwrap_or("MSP");
    let yourself = eval
        .context
        .user
        .as_ref()
        .and_then(|u| u.email.as_deref())
        .map_or(String::new(), |e| crate::fill!(" ({})", e));
    let message = if email.trim().is_empty() {
        "no primary contact for Pax8 communications is chosen".to_string()
    } else {
        crate::fill!(
            "the primary contact for Pax8 communications `{}` is not a {} contact",
            email,
            msp
        )
    };
    out.add(
        About::field("primary_contact_email"),
        message,
        crate::fill!("\"Primary Contact for Pax8 Related Communications\": `{}`; {}'s mail domains: {}", email, msp, eval.msp.email_domains.joined(", ")),
        crate::fill!("choose \"Use Existing Contact\" and pick an existing {} contact, generally yourself{}; never the customer's email", msp, yourself),
    );
    Ok(())
}

//! order.order-contact-is-msp: the person who receives Microsoft order information should
//! be the technician (an MSP contact). Empty counts as not chosen.

use super::{CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.order-contact-is-msp",
    severity: Severity::Warn,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the contact who receives Microsoft order information is not an MSP contact";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(cart) = eval.cart() else {
        return Ok(());
    };
    let Some(email) = cart.order_contact_email.as_deref() else {
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
        .map_or("yourself".to_string(), |e| crate::fill!("yourself ({})", e));
    out.add(
        About::field("order_contact_email"),
        crate::fill!(
            "Microsoft order information would go to `{}`, not a {} contact",
            email,
            msp
        ),
        crate::fill!(
            "\"person who will receive Microsoft order information\" email: `{}`",
            email
        ),
        crate::fill!("choose {} as the contact", yourself),
    );
    Ok(())
}

//! order.confirmation-from-authorized-contact: a written confirmation naming a cart line's
//! product comes from someone without purchasing, security or primary authorization
//! authority (rule 8, 16), senders missing from the directory included. One finding per
//! such confirmation.

use super::{authorized_contacts, CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.confirmation-from-authorized-contact",
    severity: Severity::Warn,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the written confirmation comes from someone who is not a purchasing, security or primary authorization contact";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    // Nothing to report when every confirmation on file counts: the cart's lines are then
    // not looked at (a re-read after an edit does not gather the facts of every line).
    let mut all_count = true;
    for group in records.confirmations.groups() {
        for confirmation in group {
            all_count &= confirmation.counts;
        }
    }
    if all_count {
        return Ok(());
    }
    let mut reported: Vec<*const crate::model::Confirmation> = Vec::new();
    for line in eval.lines() {
        let Some(product) = eval.facts(line) else {
            continue;
        };
        for facts in product.confirmations.iter().filter(|c| !c.counts) {
            let pointer: *const _ = facts.confirmation;
            if reported.contains(&pointer) {
                continue;
            }
            reported.push(pointer);
            let from = facts
                .confirmation
                .from
                .as_deref()
                .unwrap_or("an unknown sender");
            let who = match facts.sender {
                Some(contact) if contact.authority.is_empty() => {
                    crate::fill!("{} has no authority on file", contact.name)
                }
                Some(contact) => {
                    // Written as it goes, not mapped, collected and joined (issue 8).
                    let mut who = crate::fill!("{} is only a ", contact.name);
                    for (i, a) in contact.authority.iter().enumerate() {
                        if i > 0 {
                            who.push_str(", ");
                        }
                        who.push_str(a.as_str());
                    }
                    who.push_str(" contact");
                    who
                }
                None => crate::fill!(
                    "`{}` is not a contact of {} in the directory",
                    from,
                    records.customer.name
                ),
            };
            out.add(
                About::item("lines", line.index),
                crate::fill!("the written confirmation for {} comes from `{}`, who may not authorise purchases", line.product_label(), from),
                crate::fill!("{}; {}", facts.label(), who),
                crate::fill!("get the confirmation from {}", authorized_contacts(records.customer)),
            );
        }
    }
    Ok(())
}

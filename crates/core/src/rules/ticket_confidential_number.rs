//! ticket.confidential-number: a customer-visible note or the draft being written to the
//! customer contains a number customers must not get (the vendor's DID), in any format
//! (digits compared, rule 9). Internal notes may carry it. Choice: a draft or note whose
//! visibility is not shown is not judged (rule 1).

use super::{CheckResult, Rule, S001, TICKET};
use crate::engine::{About, Eval, Out};
use crate::model::Visibility;
use crate::normalize::{phone_digits, text_contains_number};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.confidential-number",
    severity: Severity::Block,
    source: S001,
    pages: TICKET,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "a customer-visible note or email contains a number that must not be given out";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(ticket), Some(vendor)) = (eval.ticket(), eval.vendor()) else {
        return Ok(());
    };
    let mut numbers: Vec<(&str, String)> = Vec::new();
    for n in &vendor.confidential_numbers {
        numbers.push((n.as_str(), phone_digits(n)));
    }
    if numbers.is_empty() {
        return Ok(());
    }
    let public = vendor
        .public_number
        .as_deref()
        .map_or("the MSP's public number".to_string(), |n| {
            crate::fill!("the public number {}", n)
        });
    let mut places: Vec<(Option<About>, String, &str)> = Vec::new();
    if let Some(draft) = &ticket.draft {
        if draft.visibility == Some(Visibility::Customer) {
            if let Some(text) = &draft.text {
                places.push((
                    About::field("draft"),
                    "the message being written to the customer".to_string(),
                    text,
                ));
            }
        }
    }
    for (index, note) in crate::model::items(&ticket.notes).iter().enumerate() {
        if note.visibility == Some(Visibility::Customer) {
            if let Some(text) = &note.text {
                places.push((
                    About::item("notes", index),
                    crate::fill!("customer-visible note {}", index + 1),
                    text,
                ));
            }
        }
    }
    for (about, place, text) in places {
        for (shown, digits) in &numbers {
            if !text_contains_number(text, digits) {
                continue;
            }
            out.add(
                about.clone(),
                crate::fill!(
                    "{} gives out `{}`, a number customers must not get",
                    place,
                    shown
                ),
                crate::fill!("{}: {}", place, super::excerpt(text)),
                crate::fill!("remove it and give {} instead", public),
            );
        }
    }
    Ok(())
}

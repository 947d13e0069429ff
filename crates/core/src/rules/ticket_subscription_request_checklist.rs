//! ticket.subscription-request-checklist: a ticket asking for a new subscription gets the
//! checklist of what to confirm with the customer (seed 004). Detection as rule 20, with
//! its own word lists.

use crate::normalize::Joined;

use super::{find_requests, CheckResult, ParamDefault, Rule, ACTION_WORDS, S004, TICKET};
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.subscription-request-checklist",
    severity: Severity::Info,
    source: S004,
    pages: TICKET,
    params: &[
        ("action_words", ParamDefault::Words(ACTION_WORDS)),
        (
            "item_words",
            ParamDefault::Words(&["subscription", "subscriptions"]),
        ),
    ],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the ticket asks for a new subscription: what to confirm with the customer";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(ticket) = eval.ticket() else {
        return Ok(());
    };
    let requests = find_requests(
        ticket,
        out.words("action_words"),
        out.words("item_words"),
        |_| false,
    );
    let Some(first) = requests.first() else {
        return Ok(());
    };
    let pricing = if eval.msp.senior_staff.is_empty() {
        eval.billing_contact().to_string()
    } else {
        eval.msp.senior_staff.joined(" or ")
    };
    out.add(
        match first.index {
            Some(index) => About::item(first.field, index),
            None => About::field(first.field),
        },
        "new subscription request: confirm the exact product, licences, dates and term with the customer",
        crate::fill!("{}: {}", first.index.map_or(first.field.to_string(), |i| crate::fill!("note {}", i + 1)), super::excerpt(first.sentence)),
        crate::fill!("confirm and pass on to {}: the exact product name (e.g. \"Visio Plan 1\" or \"Visio Plan 2\"); the number of licences; the desired start date (if not immediately); the desired end date (if known); monthly or annual term. If the customer asks for pricing before choosing the term, confirm it with {} first", eval.billing_contact(), pricing),
    );
    Ok(())
}

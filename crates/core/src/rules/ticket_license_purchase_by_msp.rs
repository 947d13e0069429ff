//! ticket.license-purchase-by-msp: a ticket asking to buy, add or order a licence, seat,
//! mailbox or subscription (rule 20): the MSP procures it, after checking with the
//! customer's purchasing or security contact.
//!
//! Choice: a sentence about a shared mailbox with no buying word (buy, purchase, order)
//! and no licence, seat or subscription is skipped: shared mailboxes without a purchase
//! need no check. One finding per ticket, citing the first place it was asked.

use super::{find_requests, CheckResult, ParamDefault, Rule, ACTION_WORDS, S000, TICKET};
use crate::engine::{About, Eval, Out};
use crate::normalize::is_one_of;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "ticket.license-purchase-by-msp",
    severity: Severity::Info,
    source: S000,
    pages: TICKET,
    params: &[
        ("action_words", ParamDefault::Words(ACTION_WORDS)),
        (
            "item_words",
            ParamDefault::Words(&[
                "licence",
                "licences",
                "license",
                "licenses",
                "seat",
                "seats",
                "mailbox",
                "mailboxes",
                "subscription",
                "subscriptions",
            ]),
        ),
    ],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the ticket asks for a licence or mailbox purchase: the MSP procures it after checking with the customer";

const BUYING: &str = "buy|buying|bought|purchase|purchasing|purchased|order|ordering|ordered";
const PAID_ITEMS: &str = "licence|licences|license|licenses|seat|seats|subscription|subscriptions";

/// A sentence about a shared mailbox only, with no purchase in it.
fn shared_mailbox_only(said: &[String]) -> bool {
    let shared = said
        .windows(2)
        .any(|w| w[0] == "shared" && w[1].starts_with("mailbox"));
    shared
        && !said
            .iter()
            .any(|w| is_one_of(w, BUYING) || is_one_of(w, PAID_ITEMS))
}

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(ticket) = eval.ticket() else {
        return Ok(());
    };
    let requests = find_requests(
        ticket,
        out.words("action_words"),
        out.words("item_words"),
        shared_mailbox_only,
    );
    let Some(first) = requests.first() else {
        return Ok(());
    };
    let msp = eval.msp.name.as_deref().unwrap_or("the MSP");
    let contacts = match eval.customer() {
        Some(customer) => super::authorized_contacts(customer),
        None => "the customer's purchasing or security contact".to_string(),
    };
    let place = match first.index {
        Some(index) => crate::fill!("note {}", index + 1),
        None => first.field.to_string(),
    };
    out.add(
        match first.index {
            Some(index) => About::item(first.field, index),
            None => About::field(first.field),
        },
        crate::fill!("this ticket asks for a licence purchase: {} procures it, after checking with the customer", msp),
        crate::fill!("{}: {}", place, super::excerpt(first.sentence)),
        crate::fill!("verify permission to purchase with {} before procuring; shared mailboxes without a purchase need no check", contacts),
    );
    Ok(())
}

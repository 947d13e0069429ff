//! mimecast.seat-change-needs-confirmation: seats change and no counting confirmation
//! (rule 8) names the current or new Mimecast product and a quantity equal to the seats
//! added or removed (rule 18). Needs the customer's records (rule 7).

use super::{CheckResult, Rule, MIMECAST, S003};
use crate::engine::{About, Eval, Out};
use crate::normalize::{product_key, Joined};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mimecast.seat-change-needs-confirmation",
    severity: Severity::Warn,
    source: S003,
    pages: MIMECAST,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "seats change and no written confirmation names the Mimecast product and the seat change";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(page), Some(records)) = (eval.mimecast(), &eval.records) else {
        return Ok(());
    };
    let Some(adjustment) = page.seat_adjustment.filter(|a| *a != 0) else {
        return Ok(());
    };
    let products: Vec<&str> = [page.current_product.as_deref(), page.new_product.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let confirmed = products.iter().any(|product| {
        records
            .confirmations(&product_key(product))
            .iter()
            .any(|c| {
                c.counts
                    && c.confirmation.quantity.map(i64::unsigned_abs)
                        == Some(adjustment.unsigned_abs())
                    && c.confirmation.quantity.is_some_and(|q| q > 0)
            })
    });
    if confirmed {
        return Ok(());
    }
    let named = products
        .iter()
        .map(|p| crate::fill!("`{}`", p))
        .collect::<Vec<_>>()
        .joined(" or ");
    out.add(
        About::field("seat_adjustment"),
        crate::fill!("no written confirmation on file for the seat change of {}", adjustment),
        crate::fill!("Seat Adjustment {} for {}; no confirmation from an authorization contact names {} with {} seats", adjustment, records.customer.name, named, adjustment.unsigned_abs()),
        crate::fill!("get the product and seat change confirmed in writing by {} before submitting", super::authorized_contacts(records.customer)),
    );
    Ok(())
}

//! order.annual-needs-signed-annual-agreement: never order annual or multi-year without a
//! signed commitment agreement of at least that term for the product.
//!
//! Written confirmation does not lift it. Choice: a signed agreement whose term is not
//! stated does not count as a commitment agreement (a commitment agreement states it).

use super::{agreements_evidence, CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::{Term, Text};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.annual-needs-signed-annual-agreement",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "annual or multi-year line without a signed commitment agreement of at least that term";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // Written once per product (the agreements on file), per product name and commitment
    // term (the message) and per term (the remedy); index 1 is multi-year, 0 annual.
    let mut on_file: Vec<Option<Text>> = eval.per_product();
    let mut messages: Vec<Option<[Option<Text>; 2]>> = eval.per_name();
    let mut remedies: [Option<Text>; 2] = [None, None];
    for line in eval.lines() {
        let (Some(name_id), Some(id), Some(facts), Some(term)) =
            (line.name_id, line.product_id, eval.facts(line), line.term)
        else {
            continue;
        };
        if !term.is_commitment() {
            continue;
        }
        let covered = facts.agreements.iter().any(|a| {
            a.is_signed()
                && a.term
                    .is_some_and(|t| t.commitment_rank() >= term.commitment_rank())
        });
        if covered {
            continue;
        }
        let multi_year = term == Term::MultiYear;
        let needed = if multi_year { "multi-year" } else { "annual" };
        let on_file = on_file[id]
            .get_or_insert_with(|| Text::shared(crate::fill!("; {}", agreements_evidence(facts))));
        let message = messages[name_id].get_or_insert_with(Default::default)
            [usize::from(multi_year)]
        .get_or_insert_with(|| {
            Text::shared(crate::fill!(
                "never order {} {} without a signed {} commitment agreement",
                line.product_label(),
                term,
                needed
            ))
        });
        let remedy = remedies[usize::from(multi_year)].get_or_insert_with(|| {
            Text::shared(crate::fill!("order monthly for the first month on written confirmation instead, and ask {} for the {} commitment agreement", eval.billing_contact(), needed))
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(on_file.clone()),
            remedy.clone(),
        );
    }
    Ok(())
}

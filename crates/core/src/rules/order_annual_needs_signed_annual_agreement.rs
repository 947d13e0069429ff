//! order.annual-needs-signed-annual-agreement: never order annual or multi-year without a
//! signed commitment agreement of at least that term for the product.
//!
//! Written confirmation does not lift it. Choice: a signed agreement whose term is not
//! stated does not count as a commitment agreement (a commitment agreement states it).

use super::{agreements_evidence, CheckResult, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::Term;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.annual-needs-signed-annual-agreement",
    severity: Severity::Block,
    source: S004,
    summary:
        "annual or multi-year line without a signed commitment agreement of at least that term",
    pages: CART,
    params: &[],
    variants: &[],
    run,
};

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    for line in &eval.lines {
        let (Some(facts), Some(term)) = (eval.facts(line), line.term) else {
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
        let needed = if term == Term::MultiYear {
            "multi-year"
        } else {
            "annual"
        };
        out.add(
            About::item("lines", line.index),
            format!(
                "never order {} {term} without a signed {needed} commitment agreement",
                line.product_label()
            ),
            format!(
                "cart {}; {}",
                line.describe(),
                agreements_evidence(facts)
            ),
            format!(
                "order monthly for the first month on written confirmation instead, and ask {} for the {needed} commitment agreement",
                eval.billing_contact()
            ),
        );
    }
    Ok(())
}

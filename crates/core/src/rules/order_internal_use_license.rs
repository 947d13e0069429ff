//! order.internal-use-license: Action Pack / MAPs licences are for the MSP only.
//!
//! Choice: a cart product matches an internal-use name when the name's words appear in it
//! in order (`Microsoft Action Pack Subscription`); a one-word name such as `MAPs` must be
//! the product's first word, so `Bing Maps for Enterprise` is not taken for MAPs. The
//! names are the MSP's `internal_use_products` plus the `products` parameter. Runs for an
//! unknown customer too (rule 7): it needs only the page and the MSP's settings.

use super::{CheckResult, ParamDefault, Rule, CART, S000};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::normalize::words;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.internal-use-license",
    severity: Severity::Block,
    source: S000,
    pages: CART,
    params: &[(
        "products",
        ParamDefault::Words(&["Microsoft Action Pack", "MAPs"]),
    )],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "a Microsoft Action Pack / MAPs or other internal-use licence is ordered for a customer";

fn is_internal(product: &[String], name: &[String]) -> bool {
    match name.len() {
        0 => false,
        1 => product.first() == name.first(),
        n => product.windows(n).any(|window| window == name),
    }
}

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    // A loop rather than a chained, mapped and collected iterator: each such chain is its
    // own copy in the content wasm (issue 8).
    let mut names: Vec<(&str, Vec<String>)> = Vec::new();
    for list in [&eval.msp.internal_use_products[..], out.words("products")] {
        for name in list {
            names.push((name.as_str(), words(name)));
        }
    }
    let customer = eval.customer_name();
    // Decided once per distinct product, not per line, with the finding's message and the
    // end of its evidence. The findings are added once `names` (which borrows the policy
    // words from `out`) is done with.
    let mut verdicts: Vec<Option<Option<(Text, Text)>>> = eval.per_product();
    let mut found = Vec::new();
    for line in eval.lines() {
        let (Some(id), Some(product)) = (line.product_id, line.product) else {
            continue;
        };
        let verdict = verdicts[id].get_or_insert_with(|| {
            let product_words: Vec<String> = words(product);
            let (name, _) = names.iter().find(|(_, w)| is_internal(&product_words, w))?;
            Some((
                Text::shared(crate::fill!(
                    "never order an internal-use licence (`{}`) for a customer",
                    name
                )),
                Text::shared(crate::fill!(
                    " for {}; `{}` is on the MSP's internal-use list",
                    customer,
                    name
                )),
            ))
        });
        if let Some((message, listed)) = verdict {
            found.push((line, message.clone(), listed.clone()));
        }
    }
    for (line, message, listed) in found {
        out.add(
            About::item("lines", line.index),
            message,
            line.cart_evidence(listed),
            "remove the line: Action Pack / MAPs licences are for the MSP's internal use only, under no circumstances for customers",
        );
    }
    Ok(())
}

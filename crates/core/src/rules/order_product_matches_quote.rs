//! order.product-matches-quote: each cart product is exactly a product of the quote.
//!
//! Runs only when a quote or order intent is on file (rule 14); otherwise
//! `order.no-quote-on-file` fires. Names compare ignoring case, spacing and ™/® (rule 2).
//! A near miss names the closest quote item (edit distance within `suggest_within`).

use super::{CheckResult, ParamDefault, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::model::Text;
use crate::normalize::edit_distance_within;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.product-matches-quote",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[("suggest_within", ParamDefault::Number(3))],
    variants: &[],
    per_line: true,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "a cart line's product is not exactly a product on the customer's quote";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(records) = &eval.records else {
        return Ok(());
    };
    if !records.has_quote {
        return Ok(());
    }
    let within = out.number("suggest_within") as usize;
    // Worked out once per evaluation and per distinct product name, not per line (the
    // message names the product as the line writes it).
    let mut quoted: Option<Text> = None;
    let mut verdicts: Vec<Option<(Text, Text)>> = eval.per_name();
    for line in eval.lines() {
        let (Some(name_id), Some(id), Some(facts)) =
            (line.name_id, line.product_id, eval.facts(line))
        else {
            continue;
        };
        if facts.quote.is_some() {
            continue;
        }
        let quoted = quoted.get_or_insert_with(|| {
            let mut products: Vec<&str> = Vec::new();
            for group in records.quote.groups() {
                for entry in group {
                    products.push(entry.product);
                }
            }
            products.sort_unstable();
            let products = crate::normalize::backticked(&products, ", ");
            Text::shared(crate::fill!(
                "; the quote for {} lists {}",
                records.customer.name,
                products
            ))
        });
        let (message, remedy) = verdicts[name_id].get_or_insert_with(|| {
            // Only a quote item within `within` edits is suggested, so farther ones are not
            // measured (a 200-line cart of unquoted products compares every line with
            // every quote item).
            // A loop, not `filter_map(..).min()`: the same first closest item, without an
            // adapter chain's copy in the content wasm.
            let mut closest = None;
            for (quoted, entries) in records.quote.iter() {
                let Some(entry) = entries.first() else {
                    continue;
                };
                let Some(distance) = edit_distance_within(quoted, &eval.products()[id].key, within)
                else {
                    continue;
                };
                let candidate = (distance, entry.product, &entry.origin);
                if closest.as_ref().is_none_or(|c| candidate < *c) {
                    closest = Some(candidate);
                }
            }
            let product = line.product_label();
            match closest {
                Some((_, near, origin)) => (
                    Text::shared(crate::fill!("{} is not on the quote: did you mean `{}`?", product, near)),
                    Text::shared(crate::fill!("order exactly `{}` as on {}, or have the quote changed first", near, origin)),
                ),
                _ => (
                    Text::shared(crate::fill!("{} is not on the customer's quote", product)),
                    "order only what the quote lists; if the customer wants this product, have it quoted first".into(),
                ),
            }
        });
        out.add(
            About::item("lines", line.index),
            message.clone(),
            line.cart_evidence(quoted.clone()),
            remedy.clone(),
        );
    }
    Ok(())
}

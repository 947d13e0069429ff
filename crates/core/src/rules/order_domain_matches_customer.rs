//! order.domain-matches-customer: the domain entered is one of the customer's.
//!
//! Variants: a near miss (edit distance within `near_miss_distance`) or an unknown domain
//! block; `onmicrosoft` (info) where a `*.onmicrosoft.com` domain is used while the
//! customer has a domain of its own. Choices: a customer with no domains on file gets the
//! `none-on-file` variant (warn: nothing to compare with, double-check the spelling), and
//! a new `*.onmicrosoft.com` domain for such a customer is what the seed asks for, so it
//! passes. Needs the customer's records (rule 7).

use super::{CheckResult, ParamDefault, Rule, CART, S004};
use crate::engine::{About, Eval, Out};
use crate::normalize::{domain_key, edit_distance};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.domain-matches-customer",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[("near_miss_distance", ParamDefault::Number(2))],
    variants: &[
        ("onmicrosoft", Severity::Info),
        ("none-on-file", Severity::Warn),
    ],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the domain is not one of the customer's domains (a near miss or unknown)";

const ONMICROSOFT: &str = ".onmicrosoft.com";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let (Some(cart), Some(records)) = (eval.cart(), &eval.records) else {
        return Ok(());
    };
    let Some(entered) = cart.domain.as_deref() else {
        return Ok(());
    };
    let customer = records.customer;
    let domain = domain_key(entered);
    // Loops rather than collected adapter chains: each chain is its own copy in the wasm.
    let mut own: Vec<String> = Vec::with_capacity(customer.domains.len());
    for d in &customer.domains {
        own.push(domain_key(d));
    }
    // `&str`s, as the quote's products are: one copy of `backticked` for both (issue 8).
    let mut regular: Vec<&str> = Vec::new();
    for d in &own {
        if !d.ends_with(ONMICROSOFT) {
            regular.push(d);
        }
    }
    let on_file = if own.is_empty() {
        "none".to_string()
    } else {
        crate::normalize::backticked(&own, ", ")
    };
    let evidence = crate::fill!(
        "domain entered: `{}`; {}'s domains: {}",
        entered,
        customer.name,
        on_file
    );
    let about = About::field("domain");
    if domain.is_empty() {
        out.add(
            about,
            "no domain is entered",
            evidence,
            "enter the customer's email domain; with no domain, create a *.onmicrosoft.com one",
        );
        return Ok(());
    }
    if domain.ends_with(ONMICROSOFT) && !regular.is_empty() {
        let severity = out.variant("onmicrosoft");
        let has = crate::normalize::backticked(&regular, ", ");
        out.add(
            about,
            crate::fill!("`{}` is an onmicrosoft.com domain while {} has {}", domain, customer.name, has),
            evidence,
            crate::fill!("use the customer's own email domain ({}) unless the onmicrosoft.com one is intended", has),
        )
        .severity = severity;
        return Ok(());
    }
    if own.contains(&domain) {
        return Ok(());
    }
    if own.is_empty() {
        if domain.ends_with(ONMICROSOFT) {
            return Ok(());
        }
        let severity = out.variant("none-on-file");
        out.add(
            about,
            crate::fill!(
                "{} has no domain on file to compare `{}` with",
                customer.name,
                domain
            ),
            evidence,
            "double-check the domain's spelling with the customer, and add it to the directory",
        )
        .severity = severity;
        return Ok(());
    }
    let within = out.number("near_miss_distance") as usize;
    let mut closest: Option<(usize, &String)> = None;
    for d in &own {
        let candidate = (edit_distance(d, &domain), d);
        if closest.is_none_or(|best| candidate < best) {
            closest = Some(candidate);
        }
    }
    match closest {
        Some((distance, near)) if distance <= within => {
            out.add(
                about,
                crate::fill!(
                    "`{}` is not {}'s domain: did you mean `{}`?",
                    domain,
                    customer.name,
                    near
                ),
                evidence,
                crate::fill!(
                    "double-check the spelling: the customer's domain is `{}`",
                    near
                ),
            );
        }
        _ => {
            out.add(
                about,
                crate::fill!("`{}` is not one of {}'s domains", domain, customer.name),
                evidence,
                "double-check the domain with the customer; enter their email domain",
            );
        }
    }
    Ok(())
}

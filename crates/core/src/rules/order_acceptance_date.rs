//! order.acceptance-date: the date of acceptance is today, written year first.
//!
//! Variants: `format` (block) when it is not `YYYY-MM-DD` (a real date), `not-today` (warn)
//! when it is another day than `now`'s date in `now`'s offset. An organisation's severity
//! applies to both (rule 12). Choice: surrounding spaces are ignored; empty is a format
//! problem. Needs only the page, so it runs for unknown customers.

use chrono::NaiveDate;

use super::{CheckResult, Rule, CART, S004};
use crate::dates::ymd;
use crate::engine::{About, Eval, Out};
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "order.acceptance-date",
    severity: Severity::Block,
    source: S004,
    pages: CART,
    params: &[],
    variants: &[("format", Severity::Block), ("not-today", Severity::Warn)],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the date of acceptance is not year-first YYYY-MM-DD (block), or not today (warn)";

/// `YYYY-MM-DD` exactly, and a real date.
pub(crate) fn year_first(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    crate::dates::parse_ymd(text)
}

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(cart) = eval.cart() else {
        return Ok(());
    };
    let Some(typed) = cart.acceptance_date.as_deref() else {
        return Ok(());
    };
    let today = ymd(eval.today);
    let evidence = crate::fill!("\"Date of Acceptance\": `{}`; today is {}", typed, today);
    match year_first(typed.trim()) {
        None => {
            let severity = out.variant("format");
            let message = if typed.trim().is_empty() {
                "the date of acceptance is empty".to_string()
            } else {
                crate::fill!(
                    "the date of acceptance `{}` is not written year first (YYYY-MM-DD)",
                    typed
                )
            };
            out.add(
                About::field("acceptance_date"),
                message,
                evidence,
                crate::fill!(
                    "type today's date year first, with dashes and no slashes: `{}`",
                    today
                ),
            )
            .severity = severity;
        }
        Some(date) if date != eval.today => {
            let severity = out.variant("not-today");
            out.add(
                About::field("acceptance_date"),
                crate::fill!(
                    "the date of acceptance `{}` is not today ({})",
                    typed,
                    today
                ),
                evidence,
                crate::fill!("put the current date: `{}`", today),
            )
            .severity = severity;
        }
        Some(_) => {}
    }
    Ok(())
}

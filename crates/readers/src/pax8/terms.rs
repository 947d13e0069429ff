//! The portal's words for a commitment term and a billing frequency.

use procguard_core::model::{Billing, Term};
use procguard_core::normalize::{has_text, split_at_text, Lowercase};

/// Reads a term as Pax8 shows it ("Monthly", "Annual", "1-Year", "3-Year",
/// "Annual commitment, billed monthly", "Annual (billed annually)", "Trial", "One-Time").
/// Returns the term and, when the same text says it, the billing frequency.
/// `None` for a word procguard does not know: the caller reports it, never guesses.
pub fn parse_term(shown: &str) -> Option<(Term, Option<Billing>)> {
    let text = shown.lowercase().replace(['–', '—'], "-");
    let billing = billing_in(&text);
    let head = text
        .split(['(', ',', '/', '|', ';', '·'])
        .next()
        .unwrap_or_default();
    // "1 Year - Billed Annually": a spaced dash ends the term too (a bare one is in "1-Year").
    let head = split_at_text(head, " - ")
        .map_or(head, |(term, _)| term)
        .trim();
    // Without `trim_end_matches`, whose text pattern brings std's text searcher (issue 8).
    let head = trim_end_all(trim_end_all(head, " commitment"), " term").trim();
    let term = match head {
        "monthly" | "month" | "1-month" | "1 month" | "month-to-month" | "p1m" => Term::Monthly,
        "annual" | "annually" | "yearly" | "1-year" | "1 year" | "12 months" | "12-month"
        | "p1y" => Term::Annual,
        "2-year" | "2 year" | "3-year" | "3 year" | "multi-year" | "24 months" | "36 months"
        | "p2y" | "p3y" => Term::MultiYear,
        "trial" | "free trial" => Term::Trial,
        "one-time" | "one time" | "onetime" | "one-time purchase" => Term::OneTime,
        _ => return None,
    };
    // "Monthly" alone means monthly term billed monthly; an annual term names its billing
    // or takes it from the line ("Billed monthly"), which the caller reads.
    let billing = billing.or(match term {
        Term::Monthly => Some(Billing::Monthly),
        _ => None,
    });
    Some((term, billing))
}

/// "billed monthly", "paid annually", "monthly billing"...
pub fn billing_in(text: &str) -> Option<Billing> {
    let text = text.lowercase();
    for (words, billing) in [
        (
            ["billed monthly", "paid monthly", "monthly billing"],
            Billing::Monthly,
        ),
        (
            ["billed annually", "paid annually", "annual billing"],
            Billing::Annual,
        ),
    ] {
        if words.iter().any(|w| has_text(&text, w)) {
            return Some(billing);
        }
    }
    if has_text(&text, "billed yearly") || has_text(&text, "paid upfront") {
        return Some(Billing::Annual);
    }
    None
}

/// `text` without every `suffix` (not empty) at its end.
fn trim_end_all<'a>(mut text: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_words_map_to_terms_and_billing() {
        let cases = [
            ("Monthly", Term::Monthly, Some(Billing::Monthly)),
            ("Annual", Term::Annual, None),
            ("1-Year", Term::Annual, None),
            ("2-Year", Term::MultiYear, None),
            ("3-Year", Term::MultiYear, None),
            (
                "Annual commitment, billed monthly",
                Term::Annual,
                Some(Billing::Monthly),
            ),
            (
                "Annual (billed annually)",
                Term::Annual,
                Some(Billing::Annual),
            ),
            ("Trial", Term::Trial, None),
            ("One-Time", Term::OneTime, None),
            (
                "1 Year – Billed Annually",
                Term::Annual,
                Some(Billing::Annual),
            ),
            (
                "Monthly - billed monthly",
                Term::Monthly,
                Some(Billing::Monthly),
            ),
            (
                "Annual | Monthly billing",
                Term::Annual,
                Some(Billing::Monthly),
            ),
        ];
        for (shown, term, billing) in cases {
            assert_eq!(parse_term(shown), Some((term, billing)), "{shown}");
        }
    }

    #[test]
    fn unknown_term_words_are_not_guessed() {
        assert_eq!(parse_term("Quarterly"), None);
        assert_eq!(parse_term(""), None);
    }
}

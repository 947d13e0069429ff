//! The portal's words for a commitment term and a billing frequency.

use procguard_core::model::{Billing, Term};
use procguard_core::normalize::{
    alternatives, has_text, is_one_of, replace_text, split_at_text, Lowercase,
};

use crate::labels::has_word;

/// Reads a term as Pax8 shows it ("Monthly", "Annual", "1-Year", "3-Year",
/// "Annual commitment, billed monthly", "Annual (billed annually)", "Trial", "One-Time").
/// Returns the term and, when the same text says it, the billing frequency.
/// `None` for a word procguard does not know: the caller reports it, never guesses.
pub fn parse_term(shown: &str) -> Option<(Term, Option<Billing>)> {
    // A picture before the words ("● Annual") is none of them.
    let shown = crate::dom::value_words(shown);
    let text = crate::labels::dashes_as_hyphens(&shown.lowercase());
    let billing = billing_in(&text);
    // Up to the first bracket or separator. A closure, not the set of chars clippy prefers:
    // that set is a searcher of its own in the wasm (48 bytes gzip more, issue 8).
    #[allow(clippy::manual_pattern_char_comparison)]
    let end = text
        .find(|c: char| matches!(c, '(' | ',' | '/' | '|' | ';' | '·'))
        .unwrap_or(text.len());
    let head = &text[..end];
    // "1 Year - Billed Annually": a spaced dash ends the term too (a bare one is in "1-Year").
    let mut head = split_at_text(head, " - ")
        .map_or(head, |(term, _)| term)
        .to_string();
    // "Annual paid monthly": the billing said in the same run of words is not the term.
    for (phrases, _) in BILLING_PHRASES {
        for phrase in alternatives(phrases) {
            head = replace_text(&head, phrase, " ");
        }
    }
    // The term's words, hyphens as spaces ("12-Month" is "12 month"), without the words that
    // name no term ("Annual Commitment", "1-Year Term", "NCE Monthly"). Pushed, not joined:
    // a `join` is a copy of its own in the content wasm (issue 8).
    let mut words = String::new();
    for word in procguard_core::normalize::split_at_any(&head, &[' ', '-', ':']) {
        // "12 mo." as "12 mo".
        let word = procguard_core::normalize::trim_ascii(word, b"", b".");
        if matches!(
            word,
            "" | "commitment" | "term" | "subscription" | "contract" | "plan" | "nce"
        ) {
            continue;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    // A table searched in a loop: a `match` on strings is a tree of comparisons in the wasm.
    let mut term = None;
    for (names, t) in TERM_WORDS {
        if is_one_of(&words, names) {
            term = Some(t);
            break;
        }
    }
    let term = term?;
    // "Monthly" alone means monthly term billed monthly; an annual term names its billing
    // or takes it from the line ("Billed monthly"), which the caller reads.
    let billing = billing.or(match term {
        Term::Monthly => Some(Billing::Monthly),
        _ => None,
    });
    Some((term, billing))
}

/// The words of each term, as `parse_term` leaves them.
const TERM_WORDS: [(&str, Term); 5] = [
    (
        "monthly|month|1 month|month to month|p1m|one month|1 mo",
        Term::Monthly,
    ),
    (
        "annual|annually|yearly|1 year|one year|12 months|12 month|1 yr|12 mo|12 mos|p1y",
        Term::Annual,
    ),
    (
        concat!(
            "2 year|2 years|3 year|3 years|two year|three year|two years|three years|",
            "multi year|24 months|24 month|36 months|36 month|p2y|p3y",
        ),
        Term::MultiYear,
    ),
    ("trial|free trial", Term::Trial),
    ("one time|onetime|one time purchase", Term::OneTime),
];

/// How the portal says a billing frequency, monthly ones first ([`alternatives`]). "upfront"
/// and "prepaid" after "paid upfront": "Annual Upfront", "1 Year Prepaid" (a term read as
/// unknown without them).
const BILLING_PHRASES: [(&str, Billing); 2] = [
    (
        "billed monthly|paid monthly|monthly billing",
        Billing::Monthly,
    ),
    (
        "billed annually|paid annually|annual billing|billed yearly|paid upfront|upfront|prepaid",
        Billing::Annual,
    ),
];

/// "billed monthly", "paid annually", "monthly billing"...
pub fn billing_in(text: &str) -> Option<Billing> {
    let text = text.lowercase();
    for (phrases, billing) in BILLING_PHRASES {
        if alternatives(phrases).any(|phrase| has_text(&text, phrase)) {
            return Some(billing);
        }
    }
    None
}

/// The value of a billing field or column: a phrase ("Billed monthly"), or a frequency on its
/// own ("Monthly", "Annually", "Paid upfront", "Per year"), which the field's label makes a
/// billing. Whole words only: "bimonthly" is neither.
pub fn billing_of_field(shown: &str) -> Option<Billing> {
    let text = shown.lowercase();
    let says = |words: &str| alternatives(words).any(|w| has_word(&text, w));
    billing_in(&text).or(if says("monthly|month") {
        Some(Billing::Monthly)
    } else if says("annual|annually|yearly|year|upfront") {
        Some(Billing::Annual)
    } else {
        None
    })
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
            ("1 Month", Term::Monthly, Some(Billing::Monthly)),
            ("Month to Month", Term::Monthly, Some(Billing::Monthly)),
            ("12-Month Commitment", Term::Annual, None),
            ("1-Year Term", Term::Annual, None),
            ("Annual paid monthly", Term::Annual, Some(Billing::Monthly)),
            (
                "NCE Annual: billed annually",
                Term::Annual,
                Some(Billing::Annual),
            ),
            ("3 Years", Term::MultiYear, None),
            ("36-month term", Term::MultiYear, None),
            ("Free Trial", Term::Trial, None),
            ("One-time purchase", Term::OneTime, None),
            ("12 mo. commitment", Term::Annual, None),
            ("Three Years", Term::MultiYear, None),
            // A colour dot or icon drawn before the words.
            (
                "● Annual (billed annually)",
                Term::Annual,
                Some(Billing::Annual),
            ),
            ("\u{1F7E2} Monthly", Term::Monthly, Some(Billing::Monthly)),
            ("Annual Upfront", Term::Annual, Some(Billing::Annual)),
            ("1 Year Prepaid", Term::Annual, Some(Billing::Annual)),
            ("3-Year upfront", Term::MultiYear, Some(Billing::Annual)),
        ];
        for (shown, term, billing) in cases {
            assert_eq!(parse_term(shown), Some((term, billing)), "{shown}");
        }
    }

    #[test]
    fn a_billing_field_s_value_names_the_billing_on_its_own() {
        for (shown, billing) in [
            ("Monthly", Some(Billing::Monthly)),
            ("Per month", Some(Billing::Monthly)),
            ("Billed monthly", Some(Billing::Monthly)),
            ("Annually", Some(Billing::Annual)),
            ("Annual (upfront)", Some(Billing::Annual)),
            ("Paid upfront", Some(Billing::Annual)),
            ("Yearly", Some(Billing::Annual)),
            ("Bimonthly", None),
            ("Select", None),
        ] {
            assert_eq!(billing_of_field(shown), billing, "{shown}");
        }
        // Free text (a whole row) says its billing only as a phrase: "Monthly" there is
        // usually the term.
        assert_eq!(billing_in("Visio Plan 2 Monthly 2"), None);
    }

    #[test]
    fn unknown_term_words_are_not_guessed() {
        assert_eq!(parse_term("Quarterly"), None);
        assert_eq!(parse_term(""), None);
        // Billing alone names no term.
        assert_eq!(parse_term("Billed monthly"), None);
        assert_eq!(parse_term("Monthly billing"), None);
        assert_eq!(parse_term("Microsoft 365 Business Premium"), None);
    }
}

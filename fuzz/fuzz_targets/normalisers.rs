//! The text normalisers over arbitrary text: Pax8 terms and quantities, product and customer
//! keys, phone numbers, domains, edit distance and dates. The input is split at the first
//! line break into two texts for the functions that take two.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::dates::{parse_date, parse_now};
use procguard_core::normalize::{
    customer_key, domain_key, edit_distance, phone_digits, product_key, text_contains_number,
};
use procguard_readers::pax8::{parse_quantity, parse_term};

const SUFFIXES: [&str; 5] = ["llc", "inc", "pc", "ltd", "co"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\n').unwrap_or((text, ""));
    let suffixes: Vec<String> = SUFFIXES.iter().map(|s| s.to_string()).collect();

    let _ = parse_term(a);
    if let Some(quantity) = parse_quantity(a) {
        assert!(
            quantity >= 0,
            "a quantity read from digits is never negative"
        );
    }

    let key = product_key(a);
    assert_eq!(product_key(&key), key, "product_key is idempotent");
    let customer = customer_key(a, &suffixes);
    assert!(
        !customer.contains(char::is_whitespace),
        "a customer key has no spaces"
    );
    let _ = domain_key(a);

    let digits = phone_digits(b);
    assert!(digits.bytes().all(|c| c.is_ascii_digit()));
    if text_contains_number(a, &digits) {
        assert!(digits.len() >= 4);
    }
    // The number written as its own digits is always found.
    if digits.len() >= 4 {
        assert!(text_contains_number(&digits, &digits));
    }

    let distance = edit_distance(a, b);
    assert!(distance <= a.chars().count().max(b.chars().count()));
    assert_eq!(distance, edit_distance(b, a), "edit distance is symmetric");
    assert_eq!(edit_distance(a, a), 0);

    let _ = parse_date(a);
    if let Some(moment) = parse_now(a) {
        let _ = moment.date_naive();
    }
});

//! `evaluate` on 50- and 200-line Pax8 carts with every check enabled.
//! Quick to run: small sample and short measurement (`cargo bench -p procguard-core`).

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use procguard_core::{evaluate, parse_now, Context, Policy};
use serde_json::{json, Value};

const PRODUCTS: [(&str, i64, &str); 8] = [
    ("Visio Plan 2", 2, "monthly"),
    ("Microsoft 365 Business Standard", 3, "monthly"),
    ("Exchange Online (Plan 1)", 1, "monthly"),
    ("Microsoft 365 Business Premium", 2, "annual"),
    ("Visio Plan 1", 2, "monthly"),
    ("Power BI Pro", 4, "monthly"),
    ("Microsoft Action Pack", 1, "annual"),
    ("Microsoft 365™ Business Premium", 5, "multi-year"),
];

/// A cart where no check fires: seats added to a held monthly subscription, as quoted and
/// confirmed. Measures the evaluation itself.
fn quiet_context(count: usize) -> Context {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scenarios/01-monthly-new-on-confirmation.json"
    ))
    .expect("scenario 01");
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let line = json!({"product": "Microsoft 365 Business Standard", "quantity": 3, "term": "monthly", "billing": "monthly"});
    value["page"]["lines"] = json!(vec![line; count]);
    value["customers"][0]["confirmations"][1]["product"] = json!("Microsoft 365 Business Standard");
    value["customers"][0]["confirmations"][1]["quantity"] = json!(3);
    Context::from_json(&value.to_string()).expect("bench context")
}

/// A cart as it should be: every line on the quote, confirmed, checkout fields right;
/// the annual and temporary monthly lines still get their warnings and hints.
const CLEAN: [(&str, i64, &str); 3] = [
    ("Visio Plan 2", 2, "monthly"),
    ("Microsoft 365 Business Standard", 3, "monthly"),
    ("Microsoft 365 Business Premium", 2, "annual"),
];

fn clean_context(count: usize) -> Context {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scenarios/01-monthly-new-on-confirmation.json"
    ))
    .expect("scenario 01");
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let lines: Vec<Value> = (0..count)
        .map(|i| {
            let (product, quantity, term) = CLEAN[i % CLEAN.len()];
            json!({"product": product, "quantity": quantity, "term": term, "billing": "monthly"})
        })
        .collect();
    value["page"]["lines"] = json!(lines);
    value["customers"][0]["confirmations"][1]["product"] = json!("Microsoft 365 Business Standard");
    value["customers"][0]["confirmations"][1]["quantity"] = json!(3);
    value["customers"][0]["reminders"] = json!([{"ticket": "T1", "product": "Visio Plan 2", "due": "2026-12-16", "resources": ["Sam Tech", "Roberta Diaz"]}]);
    Context::from_json(&value.to_string()).expect("bench context")
}

/// A cart with something wrong on almost every line (several findings per line).
fn context_with_lines(count: usize) -> Context {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/scenarios/01-monthly-new-on-confirmation.json"
    ))
    .expect("scenario 01");
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let lines: Vec<Value> = (0..count)
        .map(|i| {
            let (product, quantity, term) = PRODUCTS[i % PRODUCTS.len()];
            json!({"product": product, "quantity": quantity + (i / PRODUCTS.len()) as i64 % 2, "term": term, "billing": "monthly"})
        })
        .collect();
    value["page"]["lines"] = json!(lines);
    value["page"]["primary_contact_email"] = json!("jane@acmedental.com");
    value["page"]["domain"] = json!("acmedentl.com");
    value["page"]["acceptance_date"] = json!("11/21/2026");
    Context::from_json(&value.to_string()).expect("bench context")
}

fn bench(c: &mut Criterion) {
    let policy = Policy::default();
    let now = parse_now("2026-11-21T10:30:00-05:00").unwrap();
    let mut group = c.benchmark_group("evaluate");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for lines in [50, 200] {
        for (name, context) in [
            ("quiet_cart_lines", quiet_context(lines)),
            ("clean_cart_lines", clean_context(lines)),
            ("faulty_cart_lines", context_with_lines(lines)),
        ] {
            group.bench_with_input(BenchmarkId::new(name, lines), &context, |b, context| {
                b.iter(|| evaluate(black_box(&policy), black_box(context), now))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

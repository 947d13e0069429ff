//! Property tests: arbitrary input never panics, round trips keep every field, cart lines
//! do not interfere with each other, and a re-evaluation after an edit finds what a whole
//! evaluation finds.

use std::sync::OnceLock;

use procguard_core::{evaluate, evaluate_again, parse_now, Context, Found, Page, Policy};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

fn scenarios() -> &'static Vec<Value> {
    static SCENARIOS: OnceLock<Vec<Value>> = OnceLock::new();
    SCENARIOS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/scenarios");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("scenarios folder")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    })
}

/// Words the model knows, so mutations often stay valid and reach the checks.
const KNOWN: &[&str] = &[
    "monthly",
    "annual",
    "multi-year",
    "trial",
    "one-time",
    "active",
    "signed",
    "sent",
    "none",
    "customer",
    "internal",
    "new",
    "add",
    "keep",
    "red",
    "green",
    "per-device",
    "hourly",
    "unknown",
    "pax8-cart",
    "autotask-ticket",
    "mimecast-upgrade",
    "mcam-new-user",
    "autotask-account",
    "itglue-site-summary",
    "Mission Control",
    "Acme Dental LLC",
    "Visio Plan 2",
    "551-212-0048",
    "2026-11-21",
    "2026-01-31",
    "",
    "purchasing",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-100i64..100).prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,16}".prop_map(Value::String),
        proptest::sample::select(KNOWN).prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec(("[a-z_]{1,10}", inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every JSON pointer in a value (objects and arrays included).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let next = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(next.clone());
                pointers(child, next, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let next = format!("{at}/{i}");
                out.push(next.clone());
                pointers(child, next, out);
            }
        }
        _ => {}
    }
}

/// Reads and evaluates; a check that panicked shows as a diagnostic, which fails.
fn check_survives(text: &str) -> Result<(), TestCaseError> {
    if let Ok(context) = Context::from_json(text) {
        let now = parse_now("2026-11-21T10:30:00-05:00").unwrap();
        let decision = evaluate(&Policy::default(), &context, now);
        prop_assert!(
            decision
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("failed")),
            "{:?}",
            decision.diagnostics
        );
        let _ = serde_json::to_string(&decision).unwrap();
    }
    Ok(())
}

/// `small` is contained in `big`: every key with an equal (contained) value.
fn contained(small: &Value, big: &Value) -> bool {
    match (small, big) {
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| contained(v, w))),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(v, w)| contained(v, w))
        }
        _ => small == big,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        check_survives(&value.to_string())?;
        let _ = Page::from_json(&value.to_string());
        // Also as the page of a context, where the checks run.
        let wrapped = json!({"format": "procguard/context@1", "page": value});
        check_survives(&wrapped.to_string())?;
    }

    #[test]
    fn mutated_scenarios_never_panic(which in any::<Index>(), at in any::<Index>(), replacement in arb_json(), delete in any::<bool>()) {
        let mut value = which.get(scenarios()).clone();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = at.get(&all).clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match value.pointer_mut(parent) {
            Some(Value::Object(map)) if delete => { map.remove(&key.replace("~1", "/").replace("~0", "~")); }
            _ => { *value.pointer_mut(&pointer).unwrap() = replacement; }
        }
        check_survives(&value.to_string())?;
    }

    #[test]
    fn truncated_scenarios_never_panic_and_give_a_place(which in any::<Index>(), cut in any::<Index>()) {
        let text = serde_json::to_string_pretty(which.get(scenarios())).unwrap();
        let end = cut.index(text.len());
        if let Some(prefix) = text.get(..end) {
            if let Err(error) = Context::from_json(prefix) {
                prop_assert!(error.line >= 1 && error.column >= 1, "{error}");
            }
        }
    }

    #[test]
    fn broken_text_with_any_characters_never_panics(which in any::<Index>(), at in any::<Index>(), cut in any::<Index>(), inserted in "\\PC{0,12}") {
        let text = serde_json::to_string_pretty(which.get(scenarios())).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let at = at.index(chars.len());
        let mut broken: String = chars[..at].iter().collect();
        broken.push_str(&inserted);
        broken.extend(&chars[at..]);
        let cut: String = broken.chars().take(cut.index(broken.chars().count() + 1)).collect();
        for candidate in [&broken, &cut] {
            if let Err(error) = Context::from_json(candidate) {
                prop_assert!(error.line >= 1 && error.column >= 1, "{error}");
            }
            let _ = Page::from_json(candidate);
        }
    }

    #[test]
    fn round_trip_keeps_every_field_known_or_not(which in any::<Index>(), spots in proptest::collection::vec((any::<Index>(), "x_[a-z]{1,8}", arb_json()), 1..6)) {
        let mut value = which.get(scenarios()).clone();
        for (spot, key, extra) in spots {
            let mut objects = vec![String::new()];
            pointers(&value, String::new(), &mut objects);
            // Every struct keeps unknown keys; `sla_minutes` is a map of minutes, not a struct.
            objects.retain(|p| value.pointer(p).is_some_and(Value::is_object) && !p.ends_with("/sla_minutes"));
            let pointer = spot.get(&objects).clone();
            if let Some(Value::Object(map)) = value.pointer_mut(&pointer) {
                map.insert(key, extra);
            }
        }
        let context = Context::from_json(&value.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = serde_json::to_value(&context).unwrap();
        prop_assert!(contained(&value, &back), "lost a field:\n{value}\n{back}");
        // And once more: the written form reads back to the same context.
        let again = Context::from_json(&back.to_string()).unwrap();
        prop_assert_eq!(again, context);
    }

    #[test]
    fn adding_an_unrelated_cart_line_never_removes_a_finding_about_another_line(
        lines in proptest::collection::vec(arb_line(), 1..6),
        extra in arb_unrelated_line(),
        customer in proptest::sample::select(vec!["Acme Dental LLC", "Hudson Law Group PC", "Brightside Bakery Inc", "Zenith Robotics"]),
    ) {
        let base = scenarios()[0].clone();
        let decide = |lines: &[Value]| {
            let mut value = base.clone();
            value["page"]["customer"] = json!(customer);
            value["page"]["lines"] = json!(lines);
            let context = Context::from_json(&value.to_string()).unwrap();
            evaluate(&Policy::default(), &context, parse_now("2026-11-21T10:30:00-05:00").unwrap())
        };
        let before = decide(&lines);
        let mut more = lines.clone();
        more.push(extra);
        let after = decide(&more);
        for finding in before.findings.iter().filter(|f| f.about.as_ref().is_some_and(|a| a.field == "lines" && a.index.is_some())) {
            prop_assert!(after.findings.contains(finding), "lost {finding:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `evaluate_again` runs the per-line checks on the edited lines only: what it gives,
    /// with each kept finding looked up in the previous decision, must be exactly what
    /// `evaluate` gives of the edited page, in the same order, for any cart scenario, lines
    /// and edits (lines replaced, each with another product, quantity or term).
    #[test]
    fn re_evaluating_after_an_edit_of_some_lines_finds_exactly_what_a_whole_evaluation_finds(
        which in any::<Index>(),
        lines in proptest::collection::vec(prop_oneof![arb_line(), arb_unrelated_line()], 1..9),
        edits in proptest::collection::vec((any::<Index>(), prop_oneof![arb_line(), arb_unrelated_line()]), 1..3),
        customer in proptest::sample::select(vec!["", "Acme Dental LLC", "Hudson Law Group PC", "Brightside Bakery Inc", "Zenith Robotics"]),
    ) {
        let carts: Vec<&Value> = scenarios().iter().filter(|s| s["page"]["kind"] == "pax8-cart").collect();
        let base = carts[which.index(carts.len())];
        let now = parse_now("2026-11-21T10:30:00-05:00").unwrap();
        let context_of = |lines: &[Value]| {
            let mut value = base.clone();
            if !customer.is_empty() {
                value["page"]["customer"] = json!(customer);
            }
            value["page"]["lines"] = json!(lines);
            // A confirmation from a contact without authority, reported once for all the
            // lines of its product: a check that is not per line.
            for customer in value["customers"].as_array_mut().into_iter().flatten() {
                if customer["name"] == "Acme Dental LLC" {
                    customer["confirmations"].as_array_mut().unwrap().push(json!({
                        "id": "note-900", "kind": "ticket-note", "ticket": "T20261120.0009",
                        "from": "lou@acmedental.com", "at": "2026-11-20T10:00:00-05:00",
                        "product": "Visio Plan 1", "quantity": 3
                    }));
                }
            }
            Context::from_json(&value.to_string()).unwrap()
        };
        let policy = Policy::default();
        let before = evaluate(&policy, &context_of(&lines), now);
        prop_assume!(before.diagnostics.is_empty());
        let mut edited = lines.clone();
        let mut changed = Vec::new();
        for (at, line) in &edits {
            let at = at.index(lines.len());
            edited[at] = line.clone();
            changed.push(at);
        }
        let context = context_of(&edited);
        let whole = evaluate(&policy, &context, now);
        let previous: Vec<_> = before.findings.iter().collect();
        let again = evaluate_again(&policy, &context, now, &previous, &changed)
            .expect("a clean previous decision can be re-evaluated");
        let resolved: Vec<_> = again
            .findings
            .iter()
            .map(|found| match found {
                Found::Previous(k) => before.findings[*k].clone(),
                Found::New(finding) => (**finding).clone(),
            })
            .collect();
        prop_assert_eq!(&resolved, &whole.findings);
        prop_assert_eq!(again.holds_checkout, whole.holds_checkout);
        prop_assert_eq!(again.policy_revision, whole.policy_revision);
        // And nothing about a line left alone was worked out again.
        for found in &again.findings {
            if let Found::New(finding) = found {
                if let Some(index) = finding.about.as_ref().and_then(|a| (a.field == "lines").then_some(a.index).flatten()) {
                    let per_line_elsewhere = !changed.contains(&index) && before.findings.contains(finding);
                    prop_assert!(!per_line_elsewhere || !is_per_line(&finding.id), "{finding:?} was found again");
                }
            }
        }
    }
}

/// The checks that judge each cart line on its own (`Rule::per_line`), as the policy's
/// catalog lists them.
fn is_per_line(id: &str) -> bool {
    [
        "order.ambiguous-term",
        "order.annual-needs-signed-annual-agreement",
        "order.annual-seat-lock-in",
        "order.internal-use-license",
        "order.new-subscription-needs-agreement",
        "order.no-partial-refunds",
        "order.product-matches-quote",
        "order.quantity-matches-quote",
        "order.seat-add-needs-confirmation",
        "order.temporary-monthly-needs-reminder",
        "order.term-matches-quote",
    ]
    .contains(&id)
}

/// Cart lines from `products` (the property draws the added line from a disjoint list).
fn arb_line_of(products: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let terms = vec!["monthly", "annual", "multi-year", "trial", "one-time"];
    (
        proptest::sample::select(products),
        0i64..8,
        proptest::sample::select(terms),
        proptest::sample::select(vec!["monthly", "annual"]),
    )
        .prop_map(|(product, quantity, term, billing)| {
            json!({"product": product, "quantity": quantity, "term": term, "billing": billing})
        })
}

fn arb_line() -> impl Strategy<Value = Value> {
    arb_line_of(vec![
        "Visio Plan 2",
        "Visio Plan 1",
        "Microsoft 365 Business Standard",
        "Exchange Online (Plan 1)",
        "Microsoft 365 Business Premium",
        "Microsoft Action Pack",
    ])
}

fn arb_unrelated_line() -> impl Strategy<Value = Value> {
    arb_line_of(vec![
        "Power BI Pro",
        "Microsoft Teams Premium",
        "Microsoft 365 Business Basic",
        "Project Plan 3",
        "MAPs",
    ])
}

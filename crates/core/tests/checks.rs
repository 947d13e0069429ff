//! Table-driven tests per check, including the boundaries: each test's name says the
//! behaviour it proves. The directory is the shared fixtures' `directory.json`.

use procguard_core::{
    evaluate, parse_now, Context, Decision, Directory, Finding, Page, Policy, Severity, User,
};
use serde_json::{json, Value};

const NOW: &str = "2026-11-21T10:30:00-05:00";

fn directory() -> Directory {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/directory.json"
    ))
    .expect("directory.json");
    Directory::from_json(&text).expect("directory reads")
}

fn page(value: Value) -> Page {
    serde_json::from_value(value).expect("page")
}

fn run_with(policy: &Policy, directory: &Directory, page: Page, now: &str) -> Decision {
    let user = User {
        name: Some("Sam Tech".into()),
        email: Some("sam@ggit.example".into()),
        ..User::default()
    };
    let context = Context::for_page(directory, page, Some(user), now);
    evaluate(policy, &context, parse_now(now).unwrap())
}

fn run(page_json: Value) -> Decision {
    run_with(&Policy::default(), &directory(), page(page_json), NOW)
}

fn found<'d>(decision: &'d Decision, id: &str) -> Vec<&'d Finding> {
    decision.findings.iter().filter(|f| f.id == id).collect()
}

fn cart(customer: &str, lines: Value) -> Value {
    json!({
        "kind": "pax8-cart", "customer": customer, "lines": lines,
        "primary_contact_email": null, "order_contact_email": null,
        "domain": null, "acceptance_date": null
    })
}

fn cart_with(field: &str, value: Value) -> Value {
    let mut page = cart(
        "Acme Dental LLC",
        json!([{"product": "Visio Plan 2", "quantity": 2, "term": "monthly", "billing": "monthly"}]),
    );
    page[field] = value;
    page
}

fn ticket(account: &str, changes: Value) -> Value {
    let mut page = json!({
        "kind": "autotask-ticket", "number": "T20261121.0100", "title": "Printer offline",
        "account": account, "status": "New", "priority": "Medium", "queue": "Help Desk",
        "source": "Phone", "work_type": null, "primary_resource": "Sam Tech",
        "secondary_resources": [], "configuration_item": null, "escalated_from_vendor": false,
        "notes": [], "time_entries": [], "draft": null
    });
    for (key, value) in changes.as_object().unwrap() {
        page[key] = value.clone();
    }
    page
}

#[test]
fn hourly_increments_accept_multiples_of_15_and_flag_others_and_zero() {
    for (minutes, fires) in [
        (15, false),
        (30, false),
        (45, false),
        (120, false),
        (20, true),
        (10, true),
        (0, true),
        (-15, true),
    ] {
        let decision = run(ticket(
            "Hudson Law Group PC",
            json!({"time_entries": [{"minutes": minutes}]}),
        ));
        assert_eq!(
            !found(&decision, "ticket.hourly-increments").is_empty(),
            fires,
            "{minutes} minutes"
        );
    }
    // A per-device customer is not billed hourly.
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"time_entries": [{"minutes": 20}]}),
    ));
    assert!(found(&decision, "ticket.hourly-increments").is_empty());
}

#[test]
fn hourly_increment_parameter_changes_the_multiple() {
    let policy = Policy::from_overrides_json(
        r#"{"checks": {"ticket.hourly-increments": {"params": {"increment_minutes": 6}}}}"#,
    )
    .unwrap();
    let page_json = ticket(
        "Hudson Law Group PC",
        json!({"time_entries": [{"minutes": 18}, {"minutes": 20}]}),
    );
    let decision = run_with(&policy, &directory(), page(page_json), NOW);
    let findings = found(&decision, "ticket.hourly-increments");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].about.as_ref().unwrap().index, Some(1));
}

fn with_temporary(purchased_on: &str, agreement_term: &str) -> Directory {
    let mut directory = directory();
    let acme = &mut std::sync::Arc::make_mut(&mut directory.customers)[0];
    acme.subscriptions.push(
        serde_json::from_value(json!({
            "product": "Visio Plan 2", "term": "monthly", "quantity": 2,
            "status": "active", "purchased_on": purchased_on, "temporary": true
        }))
        .unwrap(),
    );
    acme.agreements.push(
        serde_json::from_value(json!({"product": "Visio Plan 2", "term": agreement_term, "status": "sent", "signed_on": null}))
            .unwrap(),
    );
    directory
}

#[test]
fn agreement_deadline_counts_business_days_back_from_a_month_end_on_a_weekend() {
    // Bought Thursday 2026-11-19: the first month ends Saturday 2026-12-19; five business
    // days before is Monday 2026-12-14.
    let decision = run_with(
        &Policy::default(),
        &with_temporary("2026-11-19", "monthly"),
        page(ticket("Acme Dental LLC", json!({}))),
        NOW,
    );
    let findings = found(&decision, "ticket.agreement-deadline");
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].message.contains("2026-12-14 (Monday)"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[0].evidence.contains("2026-12-19 (Saturday)"),
        "{}",
        findings[0].evidence
    );
}

#[test]
fn agreement_deadline_past_says_to_cancel_and_tell_the_customer() {
    // Bought 2026-10-25: month ends Wednesday 2026-11-25, deadline Wednesday 2026-11-18.
    let decision = run_with(
        &Policy::default(),
        &with_temporary("2026-10-25", "monthly"),
        page(ticket("Acme Dental LLC", json!({}))),
        NOW,
    );
    let finding = found(&decision, "ticket.agreement-deadline")[0];
    assert!(
        finding.message.contains("2026-11-18") && finding.message.contains("has passed"),
        "{}",
        finding.message
    );
    assert!(finding.remedy.contains("cancel") && finding.remedy.contains("notify the customer"));
}

#[test]
fn customer_acknowledgements_give_the_monthly_or_annual_text_ready_to_paste() {
    let monthly = run_with(
        &Policy::default(),
        &with_temporary("2026-11-19", "monthly"),
        page(ticket("Acme Dental LLC", json!({}))),
        NOW,
    );
    let finding = found(&monthly, "ticket.customer-acknowledgements")[0];
    assert_eq!(finding.severity, Severity::Info);
    assert!(finding
        .remedy
        .contains("at least five days in advance of the first month's renewal date"));
    assert!(finding
        .remedy
        .contains("allow up to five business days for provisioning"));
    assert!(finding.remedy.contains("jane@acmedental.com"));

    let annual = run_with(
        &Policy::default(),
        &with_temporary("2026-11-19", "annual"),
        page(ticket("Acme Dental LLC", json!({}))),
        NOW,
    );
    let finding = found(&annual, "ticket.customer-acknowledgements")[0];
    assert!(finding
        .remedy
        .contains("will not count towards the annual term"));
    assert!(finding.remedy.contains("(NO EXCEPTIONS.)"));
    assert!(finding.message.contains("annual"));
}

#[test]
fn reminder_due_date_clamps_the_month_add_at_month_end() {
    let line = json!([{"product": "Visio Plan 2", "quantity": 2, "term": "monthly", "billing": "monthly"}]);
    for (now, due) in [
        ("2026-01-31T10:00:00-05:00", "2026-02-23"), // 31 Jan + 1 month = 28 Feb, minus 5 days
        ("2028-01-31T10:00:00-05:00", "2028-02-24"), // leap year: 29 Feb, minus 5 days
        ("2026-11-21T10:30:00-05:00", "2026-12-16"),
    ] {
        let decision = run_with(
            &Policy::default(),
            &directory(),
            page(cart("Acme Dental LLC", line.clone())),
            now,
        );
        let finding = found(&decision, "order.temporary-monthly-needs-reminder")[0];
        assert!(finding.message.contains(due), "{now}: {}", finding.message);
    }
}

#[test]
fn a_reminder_on_file_lifts_the_reminder_warning() {
    let mut directory = directory();
    std::sync::Arc::make_mut(&mut directory.customers)[0].reminders.push(
        serde_json::from_value(json!({"ticket": "T1", "product": "visio plan 2", "due": "2026-12-16", "resources": ["Sam Tech", "Roberta Diaz"]})).unwrap(),
    );
    let line = json!([{"product": "Visio Plan 2", "quantity": 2, "term": "monthly", "billing": "monthly"}]);
    let decision = run_with(
        &Policy::default(),
        &directory,
        page(cart("Acme Dental LLC", line)),
        NOW,
    );
    assert!(found(&decision, "order.temporary-monthly-needs-reminder").is_empty());
}

#[test]
fn domain_near_miss_unknown_own_and_onmicrosoft() {
    let cases = [
        (
            "acmedentl.com",
            Some(Severity::Block),
            Some("did you mean `acmedental.com`?"),
        ),
        (
            "acmedenta1.com",
            Some(Severity::Block),
            Some("did you mean"),
        ),
        ("zenithrobotics.io", Some(Severity::Block), None),
        ("acmedental.com", None, None),
        (" ACMEDENTAL.COM ", None, None),
        ("acmedental.onmicrosoft.com", Some(Severity::Info), None),
    ];
    for (domain, severity, words) in cases {
        let decision = run(cart_with("domain", json!(domain)));
        let findings = found(&decision, "order.domain-matches-customer");
        assert_eq!(findings.first().map(|f| f.severity), severity, "{domain}");
        match words {
            Some(words) => assert!(
                findings[0].message.contains(words),
                "{domain}: {}",
                findings[0].message
            ),
            None => assert!(
                findings.iter().all(|f| !f.message.contains("did you mean")),
                "{domain}"
            ),
        }
    }
}

#[test]
fn confidential_number_is_found_in_any_formatting_only_when_customer_visible() {
    for text in [
        "call 551-212-0048",
        "call 551.212.0048",
        "call (551) 212-0048",
        "call 551 212 0048",
        "call +1 551 212 0048",
        "call 1 (551) 212.0048 any time",
    ] {
        let decision = run(ticket(
            "Hudson Law Group PC",
            json!({"draft": {"text": text, "visibility": "customer"}}),
        ));
        let findings = found(&decision, "ticket.confidential-number");
        assert_eq!(findings.len(), 1, "{text}");
        assert_eq!(findings[0].severity, Severity::Block);
        assert!(findings[0].remedy.contains("(347) 308-6455"));
        assert!(decision.holds_checkout);
    }
    let internal = run(ticket(
        "Hudson Law Group PC",
        json!({"draft": {"text": "551-212-0048", "visibility": "internal"}}),
    ));
    assert!(found(&internal, "ticket.confidential-number").is_empty());
    let public = run(ticket(
        "Hudson Law Group PC",
        json!({"draft": {"text": "call (347) 308-6455", "visibility": "customer"}}),
    ));
    assert!(found(&public, "ticket.confidential-number").is_empty());
    let note = run(ticket(
        "Hudson Law Group PC",
        json!({"notes": [{"text": "ok", "visibility": "customer", "at": null}, {"text": "DID 5512120048", "visibility": "customer", "at": null}]}),
    ));
    let finding = found(&note, "ticket.confidential-number")[0];
    assert_eq!(finding.about.as_ref().unwrap().field, "notes");
    assert_eq!(finding.about.as_ref().unwrap().index, Some(1));
}

#[test]
fn acceptance_date_format_blocks_and_another_day_warns() {
    for (typed, expected) in [
        ("2026-11-21", None),
        (" 2026-11-21 ", None),
        ("2026-11-20", Some(Severity::Warn)),
        ("11/21/2026", Some(Severity::Block)),
        ("2026/11/21", Some(Severity::Block)),
        ("2026-11-31", Some(Severity::Block)),
        ("21-11-2026", Some(Severity::Block)),
        ("", Some(Severity::Block)),
    ] {
        let decision = run(cart_with("acceptance_date", json!(typed)));
        let severity = found(&decision, "order.acceptance-date")
            .first()
            .map(|f| f.severity);
        assert_eq!(severity, expected, "`{typed}`");
    }
}

#[test]
fn severity_override_applies_to_both_variants_of_acceptance_date() {
    let policy = Policy::from_overrides_json(
        r#"{"checks": {"order.acceptance-date": {"severity": "info"}}}"#,
    )
    .unwrap();
    for typed in ["11/21/2026", "2026-11-20"] {
        let decision = run_with(
            &policy,
            &directory(),
            page(cart_with("acceptance_date", json!(typed))),
            NOW,
        );
        let finding = found(&decision, "order.acceptance-date")[0];
        assert_eq!(finding.severity, Severity::Info, "{typed}");
    }
    let policy = Policy::from_overrides_json(
        r#"{"checks": {"order.acceptance-date": {"severity": "block"}}}"#,
    )
    .unwrap();
    let decision = run_with(
        &policy,
        &directory(),
        page(cart_with("acceptance_date", json!("2026-11-20"))),
        NOW,
    );
    assert_eq!(
        found(&decision, "order.acceptance-date")[0].severity,
        Severity::Block
    );
    assert!(decision.holds_checkout);
}

#[test]
fn disabled_check_does_not_fire() {
    let line = json!([{"product": "Visio Plan 1", "quantity": 2, "term": "monthly", "billing": "monthly"}]);
    let default = run(cart("Acme Dental LLC", line.clone()));
    assert_eq!(found(&default, "order.product-matches-quote").len(), 1);
    let policy = Policy::from_overrides_json(
        r#"{"checks": {"order.product-matches-quote": {"enabled": false}}}"#,
    )
    .unwrap();
    let decision = run_with(
        &policy,
        &directory(),
        page(cart("Acme Dental LLC", line)),
        NOW,
    );
    assert!(found(&decision, "order.product-matches-quote").is_empty());
    assert_ne!(default.policy_revision, decision.policy_revision);
}

#[test]
fn product_names_ignore_case_spacing_and_trademarks_and_near_misses_name_the_quote_item() {
    for product in [
        "Visio Plan 2",
        "visio  plan 2",
        "Visio™ Plan 2®",
        "VISIO PLAN 2",
    ] {
        let decision = run(cart(
            "Acme Dental LLC",
            json!([{"product": product, "quantity": 2, "term": "monthly", "billing": "monthly"}]),
        ));
        assert!(
            found(&decision, "order.product-matches-quote").is_empty(),
            "{product}"
        );
    }
    let decision = run(cart(
        "Acme Dental LLC",
        json!([{"product": "Visio Plan 1", "quantity": 2, "term": "monthly", "billing": "monthly"}]),
    ));
    let finding = found(&decision, "order.product-matches-quote")[0];
    assert!(
        finding.message.contains("did you mean `Visio Plan 2`?"),
        "{}",
        finding.message
    );
    assert_eq!(finding.about.as_ref().unwrap().field, "lines");
    let decision = run(cart(
        "Acme Dental LLC",
        json!([{"product": "Power BI Pro", "quantity": 2, "term": "monthly", "billing": "monthly"}]),
    ));
    assert!(!found(&decision, "order.product-matches-quote")[0]
        .message
        .contains("did you mean"));
}

#[test]
fn a_finding_names_the_product_as_its_own_line_writes_it() {
    // The same products written two ways (rule 2 makes them one product): what the checks
    // work out once per product must not carry the first line's spelling to the others.
    let lines = json!([
        {"product": "Visio Plan 1", "quantity": 2, "term": "annual", "billing": "monthly"},
        {"product": "visio plan 1™", "quantity": 2, "term": "annual", "billing": "monthly"},
        {"product": "Microsoft 365 Business Standard", "quantity": 5, "term": "annual", "billing": "monthly"},
        {"product": "MICROSOFT 365 BUSINESS STANDARD", "quantity": 5, "term": "annual", "billing": "monthly"},
        {"product": "Exchange Online (Plan 1)", "quantity": 3, "term": "annual", "billing": "monthly"},
        {"product": "exchange online (plan 1)", "quantity": 3, "term": "annual", "billing": "monthly"},
    ]);
    let written: Vec<String> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|line| format!("`{}`", line["product"].as_str().unwrap()))
        .collect();
    let decision = run(cart("Acme Dental LLC", lines));
    let mut checked = std::collections::BTreeSet::new();
    for finding in &decision.findings {
        let Some(index) = finding.about.as_ref().and_then(|a| a.index) else {
            continue;
        };
        if finding.id == "order.internal-use-license" {
            continue; // it names the internal-use list's entry, not the line's product
        }
        assert!(
            finding.message.contains(&written[index]),
            "{} on line {index}: {}",
            finding.id,
            finding.message
        );
        checked.insert(finding.id.to_string());
    }
    for id in [
        "order.product-matches-quote",
        "order.no-partial-refunds",
        "order.annual-needs-signed-annual-agreement",
        "order.term-matches-quote",
        "order.quantity-matches-quote",
        "order.ambiguous-term",
    ] {
        assert!(checked.contains(id), "{id} did not fire: {checked:?}");
    }
}

#[test]
fn customers_match_by_name_or_alias_ignoring_case_punctuation_and_legal_suffixes() {
    for name in [
        "Acme Dental LLC",
        "ACME DENTAL, L.L.C.",
        "acme  dental",
        "Acme Dental Inc.",
        "Hudson Law Group, P.C.",
        "hudson law",
    ] {
        let decision = run(cart(name, json!([])));
        assert!(
            found(&decision, "page.customer-unknown").is_empty(),
            "{name}"
        );
    }
    let decision = run(cart("Acme Dental Lab", json!([])));
    assert_eq!(found(&decision, "page.customer-unknown").len(), 1);
}

#[test]
fn unknown_customer_runs_only_page_and_msp_checks() {
    let mut page_json = cart(
        "Zenith Robotics",
        json!([{"product": "Microsoft Action Pack", "quantity": 1, "term": "annual", "billing": "annual"}]),
    );
    page_json["primary_contact_email"] = json!("ceo@zenith.io");
    page_json["domain"] = json!("zenith.io");
    page_json["acceptance_date"] = json!("11/21/2026");
    let decision = run(page_json);
    let ids: Vec<&str> = decision.findings.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "page.customer-unknown",
        "order.no-quote-on-file",
        "order.internal-use-license",
        "order.primary-contact-is-msp",
        "order.acceptance-date",
        "order.no-partial-refunds",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    for id in [
        "order.new-subscription-needs-agreement",
        "order.annual-needs-signed-annual-agreement",
        "order.domain-matches-customer",
        "order.product-matches-quote",
    ] {
        assert!(!ids.contains(&id), "{id} in {ids:?}");
    }
}

#[test]
fn annual_agreement_does_not_cover_a_multi_year_line() {
    let line = |term: &str| json!([{"product": "Exchange Online (Plan 1)", "quantity": 1, "term": term, "billing": "annual"}]);
    let annual = run(cart("Acme Dental LLC", line("annual")));
    assert!(found(&annual, "order.annual-needs-signed-annual-agreement").is_empty());
    let multi = run(cart("Acme Dental LLC", line("multi-year")));
    assert_eq!(
        found(&multi, "order.annual-needs-signed-annual-agreement").len(),
        1
    );
}

#[test]
fn confirmation_naming_another_term_does_not_cover_the_line() {
    // note-80 confirms Business Premium ×2 annual; a monthly line is not covered.
    let decision = run(cart(
        "Acme Dental LLC",
        json!([{"product": "Microsoft 365 Business Premium", "quantity": 2, "term": "monthly", "billing": "monthly"}]),
    ));
    assert_eq!(
        found(&decision, "order.seat-add-needs-confirmation").len(),
        1
    );
    let decision = run(cart(
        "Acme Dental LLC",
        json!([{"product": "Microsoft 365 Business Premium", "quantity": 3, "term": "annual", "billing": "monthly"}]),
    ));
    assert_eq!(
        found(&decision, "order.seat-add-needs-confirmation").len(),
        1,
        "3 seats > 2 confirmed"
    );
}

#[test]
fn confirmation_from_a_contact_without_authority_does_not_count_and_is_reported() {
    let mut directory = directory();
    std::sync::Arc::make_mut(&mut directory.customers)[0].confirmations.push(
        serde_json::from_value(json!({"id": "mail-99", "kind": "email", "from": "lou@acmedental.com", "product": "Power BI Pro", "quantity": 1, "term": "monthly"})).unwrap(),
    );
    let line = json!([{"product": "Power BI Pro", "quantity": 1, "term": "monthly", "billing": "monthly"}]);
    let decision = run_with(
        &Policy::default(),
        &directory,
        page(cart("Acme Dental LLC", line)),
        NOW,
    );
    let finding = found(&decision, "order.confirmation-from-authorized-contact")[0];
    assert_eq!(finding.severity, Severity::Warn);
    assert!(finding.message.contains("lou@acmedental.com"));
    assert_eq!(
        found(&decision, "order.new-subscription-needs-agreement").len(),
        1
    );
    assert!(found(&decision, "order.temporary-monthly-needs-reminder").is_empty());
}

#[test]
fn internal_use_products_match_by_words_not_substrings() {
    for (product, fires) in [
        ("Microsoft Action Pack", true),
        ("Microsoft Action Pack Subscription", true),
        ("MAPs", true),
        ("Bing Maps for Enterprise", false),
        ("Visio Plan 2", false),
    ] {
        let decision = run(cart(
            "Brightside Bakery Inc",
            json!([{"product": product, "quantity": 1, "term": "annual", "billing": "annual"}]),
        ));
        assert_eq!(
            !found(&decision, "order.internal-use-license").is_empty(),
            fires,
            "{product}"
        );
    }
}

#[test]
fn unreadable_field_is_reported_by_name_and_null_fields_report_nothing() {
    let mut page_json = cart_with("domain", Value::Null);
    page_json["unreadable_fields"] = json!(["primary_contact_email"]);
    let decision = run(page_json);
    let findings = found(&decision, "page.unreadable");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message.contains("`primary_contact_email`"));
    assert_eq!(
        findings[0].about.as_ref().unwrap().field,
        "primary_contact_email"
    );
    assert!(found(&decision, "order.primary-contact-is-msp").is_empty());
    assert!(found(&decision, "order.domain-matches-customer").is_empty());
}

#[test]
fn mimecast_implementation_lead_empty_fires_but_null_does_not() {
    let base = json!({"kind": "mimecast-upgrade", "customer": "Acme Dental LLC", "current_product": "Mimecast Email Security Cloud Gateway", "current_seats": 20, "seat_adjustment": 5, "product_option": "keep", "new_product": null});
    for (lead, fires) in [
        (json!(""), true),
        (json!("  "), true),
        (Value::Null, false),
        (json!("Sam Tech"), false),
    ] {
        let mut page_json = base.clone();
        page_json["implementation_lead"] = lead.clone();
        let decision = run(page_json);
        assert_eq!(
            !found(&decision, "mimecast.implementation-lead").is_empty(),
            fires,
            "{lead}"
        );
        assert!(found(&decision, "mimecast.no-product-change-with-seat-downgrade").is_empty());
    }
}

#[test]
fn mimecast_seat_change_is_lifted_by_a_confirmation_of_that_many_seats() {
    let mut directory = directory();
    std::sync::Arc::make_mut(&mut directory.customers)[0].confirmations.push(
        serde_json::from_value(json!({"id": "m-1", "kind": "email", "from": "raj@acmedental.com", "product": "Mimecast Email Security Cloud Gateway", "quantity": 5})).unwrap(),
    );
    let page_json = json!({"kind": "mimecast-upgrade", "customer": "Acme Dental LLC", "current_product": "Mimecast Email Security Cloud Gateway", "current_seats": 20, "seat_adjustment": -5, "product_option": "keep", "new_product": null, "implementation_lead": "Sam Tech"});
    let decision = run_with(&Policy::default(), &directory, page(page_json.clone()), NOW);
    assert!(found(&decision, "mimecast.seat-change-needs-confirmation").is_empty());
    let mut other = page_json;
    other["seat_adjustment"] = json!(-4);
    let decision = run_with(&Policy::default(), &directory, page(other), NOW);
    assert_eq!(
        found(&decision, "mimecast.seat-change-needs-confirmation").len(),
        1
    );
}

#[test]
fn mc_sla_is_shown_without_priority_and_reminds_of_emailed_medium() {
    let no_priority = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Mission Control", "priority": null}),
    ));
    assert!(found(&no_priority, "ticket.mc-sla")[0]
        .message
        .contains("no priority"));
    let emailed = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "MC Helpdesk", "source": "Email"}),
    ));
    let message = &found(&emailed, "ticket.mc-sla")[0].message;
    assert!(
        message.contains("120 minutes") && message.contains("emailed tickets default to Medium"),
        "{message}"
    );
    let urgent = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Mission Control", "priority": "Urgent"}),
    ));
    assert!(found(&urgent, "ticket.mc-sla")[0]
        .message
        .contains("no response time"));
}

#[test]
fn mc_as_secondary_resource_counts_and_its_aliases_are_not_others() {
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Mission Control", "secondary_resources": ["MC Helpdesk"]}),
    ));
    assert!(found(&decision, "ticket.mc-sole-resource").is_empty());
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Sam Tech", "secondary_resources": ["Mission Control"], "status": "In Progress"}),
    ));
    assert_eq!(found(&decision, "ticket.mc-sole-resource").len(), 1);
    assert_eq!(found(&decision, "ticket.mc-status").len(), 1);
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Mission Control", "configuration_item": "ACME-BACK-09"}),
    ));
    assert_eq!(found(&decision, "ticket.mc-device-in-rmm").len(), 1);
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"primary_resource": "Mission Control", "configuration_item": "acme-front-01"}),
    ));
    assert!(found(&decision, "ticket.mc-device-in-rmm").is_empty());
}

#[test]
fn licence_requests_get_the_procurement_hint_but_shared_mailboxes_do_not() {
    for (title, fires) in [
        ("Please add 2 licenses for new hires", true),
        ("Need to buy a mailbox for Ann", true),
        ("Order a new Visio subscription", true),
        ("Add a shared mailbox for billing", false),
        ("Printer offline", false),
    ] {
        let decision = run(ticket("Acme Dental LLC", json!({"title": title})));
        assert_eq!(
            !found(&decision, "ticket.license-purchase-by-msp").is_empty(),
            fires,
            "{title}"
        );
    }
    let decision = run(ticket(
        "Acme Dental LLC",
        json!({"title": "Order a new Visio subscription"}),
    ));
    assert_eq!(
        found(&decision, "ticket.subscription-request-checklist").len(),
        1
    );
}

#[test]
fn post_purchase_checklist_and_onsite_scope_and_escalation() {
    let mut directory = directory();
    std::sync::Arc::make_mut(&mut directory.customers)[1].orders.push(
        serde_json::from_value(json!({"ticket": "T20261121.0100", "product": "Microsoft 365 Business Premium", "quantity": 5, "term": "monthly", "placed_at": "2026-11-21T09:00:00-05:00"})).unwrap(),
    );
    std::sync::Arc::make_mut(&mut directory.customers)[1].classification =
        Some("Non-Managed".into());
    let page_json = ticket(
        "Hudson Law Group PC",
        json!({"work_type": "On-Site Support"}),
    );
    let decision = run_with(&Policy::default(), &directory, page(page_json), NOW);
    assert_eq!(found(&decision, "ticket.post-purchase-checklist").len(), 1);
    assert_eq!(found(&decision, "ticket.onsite-scope").len(), 1);
    let escalated = run(ticket(
        "Acme Dental LLC",
        json!({"escalated_from_vendor": true, "primary_resource": ""}),
    ));
    assert_eq!(found(&escalated, "ticket.escalation-unassigned").len(), 1);
}

#[test]
fn mcam_upn_compares_case_insensitively_and_services_must_be_purchased() {
    let decision = run(
        json!({"kind": "mcam-new-user", "account": "Acme Dental LLC", "upn": "RAJ@AcmeDental.com", "existing_upns": ["raj@acmedental.com"], "service": "Hosted SharePoint", "purchased_services": ["Managed Exchange"], "service_statuses": [{"service": "Managed Exchange", "status": "red"}, {"service": "Email Archiving", "status": "green"}]}),
    );
    assert_eq!(found(&decision, "mcam.upn-unique").len(), 1);
    assert_eq!(found(&decision, "mcam.service-purchased").len(), 1);
    assert_eq!(found(&decision, "mcam.provision-error-retry").len(), 1);
}

#[test]
fn a_check_that_errors_is_skipped_with_a_diagnostic_and_the_rest_still_run() {
    let policy = Policy::from_overrides_json(
        r#"{"checks": {"ticket.hourly-increments": {"params": {"increment_minutes": 0}}}}"#,
    )
    .unwrap();
    let page_json = ticket(
        "Hudson Law Group PC",
        json!({"time_entries": [{"minutes": 20}], "draft": {"text": "551-212-0048", "visibility": "customer"}}),
    );
    let decision = run_with(&policy, &directory(), page(page_json), NOW);
    assert_eq!(decision.diagnostics.len(), 1);
    assert_eq!(decision.diagnostics[0].check, "ticket.hourly-increments");
    assert!(found(&decision, "ticket.confidential-number").len() == 1);
}

#[test]
fn every_finding_has_message_evidence_remedy_and_source() {
    let decision = run(cart(
        "Hudson Law Group PC",
        json!([
            {"product": "Microsoft 365 Business Premium", "quantity": 5, "term": "annual", "billing": "annual"},
            {"product": "Exchange Online (Plan 1)", "quantity": 1, "term": "monthly", "billing": "monthly"}
        ]),
    ));
    assert!(!decision.findings.is_empty());
    for finding in &decision.findings {
        assert!(
            !finding.message.is_empty() && !finding.message.contains('\n'),
            "{finding:?}"
        );
        assert!(
            !finding.evidence.is_empty() && !finding.remedy.is_empty(),
            "{finding:?}"
        );
        assert!(
            finding.source.ends_with(".txt") || finding.source == "POLICY.md",
            "{finding:?}"
        );
    }
}

#[test]
fn policy_validation_names_the_key_and_what_is_allowed() {
    let errors = Policy::from_overrides_json(
        r#"{"checks": {"order.product-matches-qoute": {}, "ticket.mc-sla": {"severity": "fatal", "enable": true},
            "ticket.hourly-increments": {"params": {"increment": 6, "increment_minutes": "six"}}},
           "matching": {"suffixes": []}, "extra": 1}"#,
    )
    .unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(
        all.contains("unknown check id `order.product-matches-qoute`"),
        "{all}"
    );
    assert!(
        all.contains("did you mean `order.product-matches-quote`?"),
        "{all}"
    );
    assert!(
        all.contains("bad severity `fatal`") && all.contains("`block`, `warn`, `info`"),
        "{all}"
    );
    assert!(all.contains("unknown key `enable`"), "{all}");
    assert!(
        all.contains("unknown parameter `increment`") && all.contains("`increment_minutes`"),
        "{all}"
    );
    assert!(all.contains("a whole number"), "{all}");
    assert!(all.contains("unknown key `suffixes`"), "{all}");
    assert!(all.contains("unknown key `extra`"), "{all}");
    assert_eq!(errors.len(), 7, "{all}");
    assert!(Policy::from_overrides_json("{").is_err());
}

#[test]
fn policy_revision_is_stable_and_the_exported_policy_reads_back() {
    let policy = Policy::default();
    assert_eq!(policy.revision(), Policy::default().revision());
    assert_eq!(policy.revision().len(), 12);
    let exported = policy.to_json();
    assert_eq!(exported["revision"], policy.revision());
    assert_eq!(
        exported["checks"]["order.acceptance-date"]["variants"]["not-today"],
        "warn"
    );
    assert_eq!(exported["checks"].as_object().unwrap().len(), 41);
    let merged = policy
        .merge(&exported.to_string())
        .expect("an export reads back as overrides");
    assert_eq!(merged.to_json(), exported);
    assert_eq!(merged.revision(), policy.revision());
}

#[test]
fn pages_teach_the_directory_plan_classification_and_contacts() {
    let policy = Policy::default();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");
    let read_page = |path: &str| -> Page {
        serde_json::from_str(&std::fs::read_to_string(format!("{fixtures}/{path}")).unwrap())
            .unwrap()
    };
    let mut directory = directory();
    // The IT Glue fixture agrees with the directory: nothing to learn.
    let summary = read_page("itglue-site-summary/a-acme/expected.json");
    assert!(directory
        .learn_from_page(&policy, &summary, "2026-11-21")
        .is_empty());
    // The Autotask company page adds Hudson's classification; its plan is already on file.
    let account = read_page("autotask-account/a-hudson-udf/expected.json");
    let changes = directory.learn_from_page(&policy, &account, "2026-11-21");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        directory.customers[1].classification.as_deref(),
        Some("Non-Managed")
    );
    // An Autotask page does not overrule a plan learned from IT Glue.
    let autotask_says = page(
        json!({"kind": "autotask-account", "name": "Acme Dental", "help_desk_support_type": "No", "help_desk_plan": "none", "classification": "Managed"}),
    );
    directory.learn_from_page(&policy, &autotask_says, "2026-11-21");
    assert_eq!(
        directory.customers[0].help_desk.as_ref().unwrap().plan,
        procguard_core::HelpDeskPlan::PerDevice
    );
    // IT Glue changes the plan, and adds or updates authorization contacts.
    let itglue_says = page(
        json!({"kind": "itglue-site-summary", "organization": "Acme Dental LLC", "help_desk_plan": "hourly",
        "authorization_contacts": [{"name": "Lou Desk", "email": "LOU@acmedental.com", "authority": ["purchasing"]},
                                   {"name": "Mia New", "email": "mia@acmedental.com", "authority": ["security"]}]}),
    );
    let changes = directory.learn_from_page(&policy, &itglue_says, "2026-11-21");
    assert_eq!(changes.len(), 3, "{changes:?}");
    let acme = &directory.customers[0];
    assert_eq!(
        acme.help_desk.as_ref().unwrap().plan,
        procguard_core::HelpDeskPlan::Hourly
    );
    assert_eq!(
        acme.help_desk.as_ref().unwrap().as_of.as_deref(),
        Some("2026-11-21")
    );
    assert_eq!(acme.contacts.len(), 5);
    // An unknown customer teaches nothing.
    let stranger = page(
        json!({"kind": "autotask-account", "name": "Zenith Robotics", "help_desk_plan": "hourly"}),
    );
    assert!(directory
        .learn_from_page(&policy, &stranger, "2026-11-21")
        .is_empty());
}

#[test]
fn extreme_numbers_and_dates_are_reported_without_failing_a_check() {
    let pages = [
        ticket(
            "Hudson Law Group PC",
            json!({"time_entries": [{"minutes": i64::MAX}, {"minutes": i64::MIN}]}),
        ),
        json!({"kind": "mimecast-upgrade", "customer": "Acme Dental LLC", "current_product": "X", "current_seats": i64::MAX, "seat_adjustment": i64::MIN, "product_option": "new", "new_product": "Y", "implementation_lead": ""}),
        cart(
            "Acme Dental LLC",
            json!([{"product": "Visio Plan 2", "quantity": i64::MAX, "term": "monthly", "billing": "monthly"}, {"product": "Microsoft 365 Business Premium", "quantity": i64::MIN, "term": "annual", "billing": "annual"}]),
        ),
    ];
    for page_json in pages {
        let decision = run(page_json);
        assert!(
            decision.diagnostics.is_empty(),
            "{:?}",
            decision.diagnostics
        );
    }
    let mut directory = directory();
    std::sync::Arc::make_mut(&mut directory.customers)[0].subscriptions.push(
        serde_json::from_value(json!({"product": "Visio Plan 2", "term": "monthly", "status": "active", "purchased_on": "+262142-12-31", "temporary": true})).unwrap(),
    );
    let decision = run_with(
        &Policy::default(),
        &directory,
        page(ticket("Acme Dental LLC", json!({}))),
        NOW,
    );
    assert!(
        decision.diagnostics.is_empty(),
        "{:?}",
        decision.diagnostics
    );
    assert_eq!(found(&decision, "ticket.agreement-deadline").len(), 1);
}

//! `procguard_core::page_json` writes what serde_json writes: for every page the fixtures read
//! to, for every page kind full, empty and with fields procguard does not know, and for the
//! pieces of a result.

use std::path::PathBuf;

use procguard_core::page_json::{write_diagnostics, write_indexes, write_page};
use procguard_core::{Diagnostic, Page};
use serde_json::json;

fn fixture_pages() -> Vec<(String, Page)> {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures"
    ));
    let mut pages = Vec::new();
    for site in std::fs::read_dir(&root).unwrap() {
        let site = site.unwrap().path();
        if !site.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&site).unwrap() {
            let expected = case.unwrap().path().join("expected.json");
            if let Ok(text) = std::fs::read_to_string(&expected) {
                let text = text.replace("{{TODAY}}", "2026-12-04");
                let page = Page::from_json(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
                pages.push((expected.display().to_string(), page));
            }
        }
    }
    pages
}

fn by_hand(page: &Page) -> String {
    let mut out = String::new();
    page.write_json(&mut out);
    out
}

#[test]
fn every_fixture_page_is_written_by_hand_as_serde_json_writes_it() {
    for (name, page) in &fixture_pages() {
        assert_eq!(
            by_hand(page),
            serde_json::to_string(page).unwrap(),
            "{name}"
        );
    }
    let mut out = String::new();
    write_page(&mut out, None);
    assert_eq!(out, "null");
}

/// Every page kind with every field set (escapes, negative numbers, lists of several items,
/// each enum name), with every field empty, and with fields procguard does not know.
#[test]
fn every_page_kind_full_empty_or_with_unknown_fields_is_written_by_hand_as_serde_json_writes_it() {
    let odd = "Quote \" back\\slash \t tab \u{1} ctl é 😀 \u{202e}rtl";
    let full = [
        json!({"kind": "pax8-cart", "customer": odd, "lines": [
            {"product": "A", "quantity": -3, "term": "annual", "billing": "monthly"},
            {"product": null, "quantity": null, "term": "multi-year", "billing": "annual"},
            {"term": "monthly"}, {"term": "trial"}, {"term": "one-time"}],
            "primary_contact_email": "a@b.c", "order_contact_email": odd, "domain": "b.c",
            "acceptance_date": "2026-12-04", "unreadable_fields": ["lines[0].term", odd]}),
        json!({"kind": "autotask-ticket", "number": "T1", "title": odd, "account": "Acme",
            "status": "New", "priority": "P1", "queue": "Q", "source": "Phone",
            "work_type": "W", "primary_resource": "Sam", "secondary_resources": ["A", odd],
            "configuration_item": "PC", "escalated_from_vendor": true,
            "notes": [{"text": odd, "visibility": "internal", "at": "2026-12-04T10:00:00-05:00"},
                      {"visibility": "customer"}, {}],
            "time_entries": [{"minutes": 15}, {"minutes": null}, {"minutes": -1}],
            "draft": {"text": "x", "visibility": "customer"},
            "unreadable_fields": ["notes[1].text"]}),
        json!({"kind": "autotask-ticket", "escalated_from_vendor": false, "draft": {}}),
        json!({"kind": "mimecast-upgrade", "customer": odd, "current_product": "S1",
            "current_seats": 120, "seat_adjustment": -20, "product_option": "keep",
            "new_product": "S2", "implementation_lead": "", "unreadable_fields": ["x"]}),
        json!({"kind": "mimecast-upgrade", "product_option": "add"}),
        json!({"kind": "mimecast-upgrade", "product_option": "new"}),
        json!({"kind": "mcam-new-user", "account": "Acme", "upn": "a@b.c",
            "existing_upns": ["x@b.c", odd], "service": "Archive",
            "purchased_services": ["Archive"], "service_statuses": [
                {"service": "A", "status": "grey"}, {"service": "B", "status": "red"},
                {"service": odd, "status": "orange"}, {"status": "green"}, {}],
            "unreadable_fields": ["upn"]}),
        json!({"kind": "autotask-account", "name": odd, "help_desk_support_type": "Hourly",
            "help_desk_plan": "hourly", "classification": "Managed", "unreadable_fields": ["a"]}),
        json!({"kind": "autotask-account", "help_desk_plan": "per-device"}),
        json!({"kind": "autotask-account", "help_desk_plan": "none"}),
        json!({"kind": "autotask-account", "help_desk_plan": "unknown"}),
        json!({"kind": "itglue-site-summary", "organization": odd, "help_desk_plan": "hourly",
            "authorization_contacts": [
                {"name": odd, "email": "a@b.c", "authority": ["primary-authorization", "purchasing", "security", "technical"]},
                {"name": "B", "email": null, "authority": []}],
            "unreadable_fields": ["authorization_contacts"]}),
    ];
    let mut pages: Vec<Page> = full
        .iter()
        .map(|value| serde_json::from_value(value.clone()).unwrap())
        .collect();
    for kind in Page::KINDS {
        pages.push(serde_json::from_value(json!({ "kind": kind })).unwrap());
    }
    // Unknown fields, on the page and on its items, written after the known ones.
    for value in [
        json!({"kind": "pax8-cart", "lines": [{"product": "P", "note": [1, "x", null, true, {"k": {}}]}],
            "vendor_field": {"b": 2, "a": [u64::MAX, i64::MIN, 0.5]}, "z": "last"}),
        json!({"kind": "autotask-ticket", "notes": [{"text": "t", "pinned": true}],
            "time_entries": [{"minutes": 5, "billable": false}], "draft": {"text": "d", "cc": ["x"]},
            "udf": {"Help Desk": "Hourly"}}),
        json!({"kind": "itglue-site-summary", "authorization_contacts": [{"name": "A", "phone": "1"}], "site": 1}),
        json!({"kind": "mcam-new-user", "service_statuses": [{"service": "A", "since": "x"}], "extra": null}),
    ] {
        pages.push(serde_json::from_value(value).unwrap());
    }
    for page in &pages {
        assert_eq!(by_hand(page), serde_json::to_string(page).unwrap());
    }
}

#[test]
fn the_result_pieces_are_written_by_hand_as_serde_json_writes_them() {
    for diagnostics in [
        vec![],
        vec![
            Diagnostic {
                check: "order.ambiguous-term".into(),
                message: "a \"message\"\n".into(),
            },
            Diagnostic {
                check: String::new(),
                message: String::new(),
            },
        ],
    ] {
        let mut out = String::new();
        write_diagnostics(&mut out, &diagnostics);
        assert_eq!(out, serde_json::to_string(&diagnostics).unwrap());
    }
    for targets in [vec![], vec![0u32, 7, u32::MAX]] {
        let mut out = String::new();
        write_indexes(&mut out, &targets);
        assert_eq!(out, serde_json::to_string(&targets).unwrap());
    }
}

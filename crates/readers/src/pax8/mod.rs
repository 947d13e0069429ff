//! Pax8 partner portal: cart, provisioning details and review/checkout steps.
//!
//! The portal is a React/MUI single-page app whose ids and `css-*` classes change on every
//! build, so every field is found by its visible label: table headers (or ARIA grid column
//! headers) for cart lines, form labels for the checkout fields.

mod lines;
mod terms;

use procguard_core::model::{CartPage, Page};

use crate::dom::Dom;
use crate::labels::{
    control_for_label, control_value, email_in, find_any_label, find_labels_starting,
    text_after_label, value_for_label,
};
use crate::Reading;

pub use terms::parse_term;

/// Hosts the Pax8 reader serves.
pub fn handles(host: &str) -> bool {
    host == "app.pax8.com"
}

/// Words of the buttons that place the order (held while a `block` finding stands).
const ORDER_BUTTONS: &[&str] = &[
    "checkout",
    "proceed to checkout",
    "place order",
    "submit order",
    "complete order",
    "complete purchase",
    "purchase",
    "confirm order",
];

pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let mut reading = Reading::default();
    let mut page = CartPage::default();

    let found_lines = lines::read_lines(dom, root, &mut reading);
    let hold_targets = order_buttons(dom, root);
    let Some(found_lines) = found_lines else {
        if hold_targets.is_empty() {
            // No cart on this page (yet): nothing to check, and nothing to hold.
            return None;
        }
        // An order button without readable lines: fail closed, say we could not check.
        reading.unreadable.push("lines".into());
        page.lines = Some(Vec::new());
        reading.hold_targets = hold_targets;
        return Some(finish(reading, page, dom, root));
    };
    page.lines = Some(found_lines);
    reading.hold_targets = hold_targets;
    Some(finish(reading, page, dom, root))
}

fn finish(mut reading: Reading, mut page: CartPage, dom: &Dom, root: usize) -> Reading {
    read_customer(dom, root, &mut page, &mut reading);
    read_contacts(dom, root, &mut page, &mut reading);

    if let Some(label) = find_any_label(dom, root, &["Domain", "Domain name", "Customer domain"]) {
        match value_for_label(dom, label) {
            Some((at, value)) => {
                reading.anchor("domain", at);
                page.domain = Some(value);
            }
            None => reading.unreadable.push("domain".into()),
        }
    }
    if let Some(label) = find_any_label(
        dom,
        root,
        &["Date of Acceptance", "Date of acceptance", "Acceptance date"],
    ) {
        match control_for_label(dom, label) {
            Some(control) => {
                reading.anchor("acceptance_date", control);
                page.acceptance_date = Some(control_value(dom, control));
            }
            None => reading.unreadable.push("acceptance_date".into()),
        }
    }
    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::Pax8Cart(page));
    reading
}

fn read_customer(dom: &Dom, root: usize, page: &mut CartPage, reading: &mut Reading) {
    let label = find_any_label(dom, root, &["Company", "Customer", "Client"]);
    match label.and_then(|l| text_after_label(dom, l)) {
        Some((at, name)) => {
            reading.anchor("customer", at);
            page.customer = Some(name);
        }
        None => reading.unreadable.push("customer".into()),
    }
}

/// "Primary Contact for Pax8 Related Communications" and the contact "who will receive
/// Microsoft order information". Only the address is kept.
fn read_contacts(dom: &Dom, root: usize, page: &mut CartPage, reading: &mut Reading) {
    if let Some(label) =
        find_labels_starting(dom, root, "Primary Contact for Pax8 Related Communications")
            .into_iter()
            .next()
    {
        match control_for_label(dom, label).map(|c| (c, control_value(dom, c))) {
            Some((control, shown)) => {
                reading.anchor("primary_contact_email", control);
                match email_in(&shown) {
                    Some(email) => page.primary_contact_email = Some(email),
                    None if shown.is_empty() => page.primary_contact_email = Some(String::new()),
                    None => reading.unreadable.push("primary_contact_email".into()),
                }
            }
            None => reading.unreadable.push("primary_contact_email".into()),
        }
    }

    // The order contact's section is introduced by a sentence; its "Email" field is the one
    // inside the smallest container holding both (the agreement signatory has an Email too).
    if let Some(intro) = find_labels_starting(
        dom,
        root,
        "Please enter contact information for the person who will receive Microsoft order information",
    )
    .into_iter()
    .next()
    {
        let email_control = dom.ancestors(intro).take(4).find_map(|section| {
            crate::labels::find_labels(dom, section, "Email")
                .into_iter()
                .chain(crate::labels::find_labels(dom, section, "Email address"))
                .find_map(|l| control_for_label(dom, l))
        });
        match email_control {
            Some(control) => {
                reading.anchor("order_contact_email", control);
                let shown = control_value(dom, control);
                page.order_contact_email = Some(email_in(&shown).unwrap_or(shown));
            }
            None => reading.unreadable.push("order_contact_email".into()),
        }
    }
}

/// The buttons that submit the order, by their words.
fn order_buttons(dom: &Dom, root: usize) -> Vec<u32> {
    std::iter::once(root)
        .chain(dom.descendants(root))
        .filter(|&i| {
            let node = dom.node(i);
            (node.tag == "button"
                || node.role() == Some("button")
                || (node.tag == "input" && matches!(node.attr("type"), Some("submit"))))
                && ORDER_BUTTONS.contains(&dom.text(i).to_lowercase().as_str())
        })
        .map(|i| dom.node(i).element)
        .collect()
}

//! IT Glue: the flexible asset "Site Summary" record. It teaches the directory the
//! customer's help-desk plan and who may authorise purchases.
//!
//! Fields are found by their labels (Help Desk Plan, Primary Authorization Contact,
//! Purchasing/Security/Technical Contact(s)); the value is what follows the label in its
//! row. The organisation is the one the page is in (the organisation sidebar, the page
//! title, or the breadcrumb), not the record's own name. Hidden revisions and `<template>`s
//! are not in the snapshot.

use procguard_core::model::{Authority, Contact, HelpDeskPlan, Page, SiteSummaryPage};
use procguard_core::normalize::{
    alternatives, has_text, replace_text, split_at_text, Joined, Lowercase,
};

use crate::dom::{collapse_whitespace, is_control, Dom};
use crate::labels::plan_of;
use crate::labels::{
    email_in, find_labels, in_column_heading, normalise_label, shown_value, value_nodes_after_label,
};
use crate::Reading;

const PLAN: &str = "Help Desk Plan|Helpdesk Plan";

/// The contact fields, in the order their authorities are listed.
const CONTACT_FIELDS: &[(Authority, &str)] = &[
    (
        Authority::PrimaryAuthorization,
        concat!(
            "Primary Authorization Contact|Primary Authorization Contact(s)|",
            "Primary Authorization Contacts|Primary Authorisation Contact|",
            "Primary Authorizing Contact|Authorization Contact|Authorizing Contact",
        ),
    ),
    (
        Authority::Purchasing,
        "Purchasing Contact(s)|Purchasing Contacts|Purchasing Contact",
    ),
    (
        Authority::Security,
        "Security Contact(s)|Security Contacts|Security Contact",
    ),
    (
        Authority::Technical,
        "Technical Contact(s)|Technical Contacts|Technical Contact",
    ),
];

/// Every label of the record's fields known here, to stop a value at the next label.
fn is_field_label(text: &str) -> bool {
    let label = normalise_label(text);
    let others = "Name|Managed Services|Help Desk Hours|RMM Site|Backup in Place|Onsite Notes|\
                  Location";
    [PLAN, others]
        .iter()
        .chain(CONTACT_FIELDS.iter().map(|(_, labels)| labels))
        .any(|&list| alternatives(list).any(|l| normalise_label(l) == label))
}

/// The plan under a label procguard does not know: the values that name one by its own
/// words ("Per-Device (Onboarded)", "Hourly (non-onboarded)"), when they all agree. "None"
/// alone says too little to be taken for a plan.
fn plan_shown(dom: &Dom, root: usize) -> Option<(usize, HelpDeskPlan)> {
    let mut found: Option<(usize, HelpDeskPlan)> = None;
    for at in dom.select(root, false, &|&i| {
        dom.has_own_text(i) && dom.node(i).raw_len < 60 && !is_control(dom.node(i))
    }) {
        let text = dom.text(at).lowercase();
        let named = ["per-device", "per device", "hourly", "onboarded"]
            .iter()
            .any(|w| has_text(&text, w));
        let plan = match plan_of(&text) {
            Some(plan @ (HelpDeskPlan::PerDevice | HelpDeskPlan::Hourly)) if named => plan,
            _ => continue,
        };
        match found {
            Some((_, seen)) if seen != plan => return None,
            Some(_) => {}
            None => found = Some((at, plan)),
        }
    }
    found
}

pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let path = dom.url.lowercase();
    let says_site_summary = has_text(&path, "site-summary")
        || !find_labels(dom, root, "Site Summary").is_empty()
        || has_text(&dom.title.lowercase(), "site summary");
    let plan_label = first_field_label(dom, root, PLAN);
    let contact_labels: Vec<(Authority, usize)> = CONTACT_FIELDS
        .iter()
        .filter_map(|(authority, labels)| {
            first_field_label(dom, root, labels).map(|l| (*authority, l))
        })
        .collect();
    // A Site Summary record by its address whose fields procguard finds none of is
    // unreadable, never "not a page": that showed nothing at all.
    let record = has_text(&path, "site-summary/records/");
    let no_fields = plan_label.is_none() && contact_labels.is_empty();
    if !says_site_summary || (no_fields && !record) {
        // Another IT Glue page (a list, another asset type): nothing procguard reads.
        return None;
    }
    let mut reading = Reading::default();
    let mut page = SiteSummaryPage::default();

    match organization(dom, root) {
        Some((at, name)) => {
            if let Some(at) = at {
                reading.anchor("organization", at);
            }
            page.organization = Some(name);
        }
        None => reading.unreadable.push("organization".into()),
    }

    match plan_label {
        Some(label) => {
            let values = value_of(dom, label);
            reading.anchor("help_desk_plan", values.first().copied().unwrap_or(label));
            let shown = text_of(dom, &values);
            match plan_of(&shown) {
                Some(plan) => page.help_desk_plan = Some(plan),
                None => reading.unreadable.push("help_desk_plan".into()),
            }
        }
        None => match plan_shown(dom, root) {
            Some((at, plan)) => {
                reading.anchor("help_desk_plan", at);
                page.help_desk_plan = Some(plan);
            }
            None if no_fields => reading.unreadable.push("help_desk_plan".into()),
            None => {}
        },
    }

    if !contact_labels.is_empty() {
        page.authorization_contacts = Some(read_contacts(dom, contact_labels, &mut reading));
    } else if no_fields {
        reading.unreadable.push("authorization_contacts".into());
    }

    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::ItGlueSiteSummary(page));
    Some(reading)
}

/// The first label (in page order) among alternative wordings, outside column headings.
fn first_field_label(dom: &Dom, root: usize, labels: &str) -> Option<usize> {
    alternatives(labels)
        .flat_map(|l| find_labels(dom, root, l))
        .filter(|&l| !in_column_heading(dom, l))
        .min()
}

fn value_of(dom: &Dom, label: usize) -> Vec<usize> {
    value_nodes_after_label(dom, label, &|id| {
        dom.node(id).raw_len < 80 && is_field_label(&dom.text(id))
    })
}

/// The values' shown text; a control (an edit form's picker) shows its value.
fn text_of(dom: &Dom, nodes: &[usize]) -> String {
    collapse_whitespace(
        &nodes
            .iter()
            .map(|&n| shown_value(dom, n))
            .collect::<Vec<_>>()
            .joined(" "),
    )
}

/// The organisation the record belongs to: the organisation sidebar (a landmark named
/// "Organization"), else the page title ("Record | Site Summary | Org | IT Glue"), else the
/// breadcrumb's first item.
fn organization(dom: &Dom, root: usize) -> Option<(Option<usize>, String)> {
    let landmark = dom.select_first(root, true, &|&i| {
        dom.node(i).attr("aria-label").is_some_and(|l| {
            matches!(
                l.trim().lowercase().as_str(),
                "organization" | "organisation"
            )
        })
    });
    if let Some(leaf) = landmark.and_then(|l| dom.first_text_leaf(l, l)) {
        let name = dom.text(leaf);
        if !name.is_empty() {
            return Some((Some(leaf), name));
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = dom.title.as_str();
    // "Main Office | Site Summary | Acme Dental LLC | IT Glue", or with dashes.
    let separator = [" | ", " - ", " – "]
        .into_iter()
        .find(|s| has_text(rest, s))
        .unwrap_or(" | ");
    while let Some((part, after)) = split_at_text(rest, separator) {
        parts.push(part.trim());
        rest = after;
    }
    parts.push(rest.trim());
    if parts.len() >= 3
        && parts
            .last()
            .is_some_and(|p| p.eq_ignore_ascii_case("IT Glue"))
    {
        let name = parts[parts.len() - 2];
        if !name.is_empty() {
            return Some((None, name.to_string()));
        }
    }
    // A link to the organization itself: its address is the page's first path segment
    // ("/2843117" on ".../2843117/assets/...").
    let org_path = split_at_text(&dom.url, "://")
        .and_then(|(_, rest)| split_at_text(rest, "/"))
        .map(|(_, path)| split_at_text(path, "/").map_or(path, |(first, _)| first))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        .map(|id| procguard_core::fill!("/{}", id));
    if let Some(org_path) = org_path {
        let link = dom.select_first(root, true, &|&i| {
            let n = dom.node(i);
            n.tag == "a" && n.attr("href") == Some(org_path.as_str()) && n.raw_len > 0
        });
        if let Some(link) = link {
            let name = dom.text(link);
            if !name.is_empty() {
                return Some((Some(link), name));
            }
        }
    }
    let crumbs = dom.select_first(root, true, &|&i| {
        let n = dom.node(i);
        n.attr("aria-label")
            .is_some_and(|l| l.eq_ignore_ascii_case("breadcrumb"))
            || n.attr("class")
                .is_some_and(|c| has_text(&c.lowercase(), "breadcrumb"))
    })?;
    let first = dom.first_text_leaf(crumbs, crumbs)?;
    Some((Some(first), dom.text(first)))
}

/// One contact per person, in order of first appearance on the page; each person's
/// authorities in field order.
fn read_contacts(
    dom: &Dom,
    mut labels: Vec<(Authority, usize)>,
    reading: &mut Reading,
) -> Vec<Contact> {
    labels.sort_by_key(|&(_, label)| label);
    let mut contacts: Vec<Contact> = Vec::new();
    let mut unreadable = false;
    for (authority, label) in labels {
        let values = value_of(dom, label);
        if let Some(&first) = values.first() {
            if reading.anchor_for("authorization_contacts", None).is_none() {
                reading.anchor("authorization_contacts", first);
            }
        }
        for (at, name, email) in people(dom, &values) {
            if name.is_empty() && email.is_none() {
                unreadable = true;
                continue;
            }
            let same = |c: &Contact| match (&c.email, &email) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => !name.is_empty() && c.name.eq_ignore_ascii_case(&name),
            };
            match contacts.iter_mut().position(|c| same(c)) {
                Some(i) => {
                    let contact = &mut contacts[i];
                    if !contact.authority.contains(&authority) {
                        contact.authority.push(authority);
                    }
                    if contact.email.is_none() {
                        contact.email = email;
                    }
                    if contact.name.is_empty() {
                        contact.name = name;
                    }
                }
                None => {
                    reading.anchor_item("authorization_contacts", contacts.len(), at);
                    contacts.push(Contact {
                        name,
                        email,
                        authority: vec![authority],
                        ..Default::default()
                    });
                }
            }
        }
    }
    let rank = |a: &Authority| CONTACT_FIELDS.iter().position(|(x, _)| x == a);
    for contact in &mut contacts {
        contact.authority.sort_by_key(rank);
    }
    if unreadable {
        reading.unreadable.push("authorization_contacts".into());
    }
    contacts
}

/// The people a contact field shows: its list items (IT Glue tags), else its links, else
/// its text split at `;` or between "Name (email)" entries. Each with name and email.
fn people(dom: &Dom, values: &[usize]) -> Vec<(usize, String, Option<String>)> {
    let in_values = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
        values
            .iter()
            .flat_map(|&v| std::iter::once(v).chain(dom.descendants(v)))
            .filter(|&i| !dom.node(i).is_text() && pred(i))
            .collect()
    };
    let items = in_values(&|i| {
        let n = dom.node(i);
        (n.tag == "li" || n.role() == Some("listitem")) && !dom.text(i).is_empty()
    });
    if !items.is_empty() {
        return items
            .into_iter()
            .map(|item| person(dom, item, &dom.text(item)))
            .collect();
    }
    let links = in_values(&|i| dom.node(i).tag == "a" && !dom.text(i).is_empty());
    if !links.is_empty() {
        // Each link with the text up to the next link (an email shown beside the name).
        let all_text: Vec<usize> = values
            .iter()
            .flat_map(|&v| v..dom.subtree_end(v) + 1)
            .collect();
        return links
            .iter()
            .enumerate()
            .map(|(k, &link)| {
                let next = links.get(k + 1).copied().unwrap_or(usize::MAX);
                let text: Vec<String> = all_text
                    .iter()
                    .copied()
                    .filter(|&i| i >= link && i < next && dom.node(i).is_text())
                    .map(|i| dom.text(i))
                    .collect();
                person(dom, link, &text.joined(" "))
            })
            .collect();
    }
    // Chips drawn without list or link roles: the innermost elements showing one email and a
    // name, each in an element of its own (texts that touch on the page, "Jane Roe" beside
    // "jane@acme.com", are read apart).
    let chips = dom.innermost(&in_values(&|i| {
        let text = leaf_texts(dom, i);
        text.matches('@').count() == 1 && !split_person(&text).0.is_empty()
    }));
    if !chips.is_empty() {
        return chips
            .into_iter()
            .map(|chip| person(dom, chip, &leaf_texts(dom, chip)))
            .collect();
    }
    let text = text_of(dom, values);
    if text.is_empty() {
        return Vec::new();
    }
    let at = values.first().copied().unwrap_or(0);
    procguard_core::normalize::split_at_any(
        &replace_text(&replace_text(&text, "),", ");"), ">,", ">;"),
        &[';'],
    )
    .into_iter()
    .map(str::trim)
    .filter(|t| !t.is_empty())
    .map(|t| {
        let (name, email) = split_person(t);
        (at, name, email)
    })
    .collect()
}

/// An element's texts, each text node apart (elements that touch on the page stay words),
/// without its buttons' (a tag's "×" to remove it).
fn leaf_texts(dom: &Dom, id: usize) -> String {
    let texts: Vec<String> = (id..dom.subtree_end(id) + 1)
        .filter(|&i| {
            dom.node(i).is_text()
                && !dom.ancestors(i).take_while(|&a| a != id).any(|a| {
                    let n = dom.node(a);
                    n.tag == "button" || n.role() == Some("button")
                })
        })
        .map(|i| dom.text(i))
        .collect();
    collapse_whitespace(&texts.joined(" "))
}

/// A person from an item: the name is its link's (or first) text without the email.
fn person(dom: &Dom, item: usize, text: &str) -> (usize, String, Option<String>) {
    let link = dom.select_first(item, true, &|&i| {
        dom.node(i).tag == "a" && !dom.text(i).is_empty()
    });
    // Else the address behind the name: its link's `mailto:`, or its tooltip ("Jane Roe"
    // titled "jane@acme.com", shown on hover).
    let behind_name = crate::labels::address_behind(dom, item);
    // The email from one text run (names and emails may touch across inline elements).
    let leaf_email = std::iter::once(item)
        .chain(dom.descendants(item))
        .chain((item..dom.subtree_end(item) + 1).filter(|&i| dom.node(i).is_text()))
        .find_map(|i| {
            email_in(&dom.own_text(i)).or_else(|| dom.node(i).text.as_deref().and_then(email_in))
        });
    let (fallback_name, text_email) = split_person(text);
    let email = leaf_email.or(text_email);
    let name = link
        .map(|l| dom.text(l))
        .filter(|n| email_in(n).is_none() && !n.is_empty())
        .unwrap_or(fallback_name);
    let email = email.or(behind_name);
    (item, name, email)
}

/// "Jane Roe jane@acme.com", "Jane Roe (jane@acme.com)", "Jane Roe <jane@acme.com>".
fn split_person(text: &str) -> (String, Option<String>) {
    let email = email_in(text);
    let name = match &email {
        Some(e) => replace_text(text, e, " "),
        None => text.to_string(),
    };
    let name = collapse_whitespace(&replace_text(
        &name.replace(['(', ')', '<', '>', ',', '·', '|'], " "),
        "mailto:",
        " ",
    ))
    .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
    .to_string();
    (name, email)
}

#[cfg(test)]
mod tests;

//! Mission Control's MCAM / MCSM: the New User page (UPN, the account's users, services to
//! provision, purchased services and provisioning status lights).
//!
//! The UPN is a prefix box followed by a domain select (its selected option, not the first).
//! The account's users and the services are tables read by their column headers, in any
//! order. Hidden tabs (deleted users) are not in the snapshot. The host is a setting
//! (`hosts::PortalHosts`), since each MSP's MCAM instance has its own name.

use procguard_core::model::{McamNewUserPage, Page, ServiceStatus, StatusLight};
use procguard_core::normalize::{
    alternatives, has_text, last_byte, split_at_text, trim_ascii, Joined, Lowercase,
};

use crate::dom::{collapse_whitespace, is_control, is_heading, Dom};
use crate::labels::{
    buttons_named, choice_label, control_named, control_near_label, control_value, email_in,
    find_labels, has_word, in_column_heading, is_button, labels_saying, text_after_label,
    value_nodes_after_label,
};
use crate::table::{self, tables, Row, Table};
use crate::Reading;

const UPN: &str = concat!(
    "UPN|User Principal Name|User Principal Name (UPN)|User logon name|Logon name|Login|Username|",
    "User name|Sign-in name|Sign-in address",
);
const ACCOUNT: &str = "Account|Account Name|Customer|Organisation|Organization|Company";
const UPN_COLUMN: &str = concat!(
    "UPN|User Principal Name|User Principal Name (UPN)|Logon name|Login|Username|User name|Email|",
    "Email Address|E-mail|Primary Email|Primary SMTP Address",
);
const SERVICE_COLUMN: &str = "Service|Service Name|Services|Product";
const STATUS_COLUMN: &str = "Status|Purchase Status|Purchased|Availability";
const PROVISION_WORDS: &str =
    "provision|provision user|provision services|create|create user|add user|save|submit|finish";

pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let url = dom.url.lowercase();
    let says_new_user = ["newuser", "new-user", "adduser", "add-user", "createuser"]
        .iter()
        .any(|p| has_text(&url, p))
        || [
            "New User",
            "Add User",
            "Create User",
            "Add a User",
            "New Mailbox User",
        ]
        .iter()
        .any(|h| {
            find_labels(dom, root, h).into_iter().any(|l| {
                dom.closest(l, &|n| {
                    matches!(n.tag.as_str(), "h1" | "h2" | "title") || n.role() == Some("heading")
                })
                .is_some()
            })
        });
    if !says_new_user {
        // Other MCAM/MCSM pages (user lists, billing): nothing procguard checks.
        return None;
    }
    let mut reading = Reading::default();
    let mut page = McamNewUserPage::default();

    match account(dom, root) {
        Some((at, name)) => {
            reading.anchor("account", at);
            page.account = Some(name);
        }
        None => reading.unreadable.push("account".into()),
    }

    read_upn(dom, root, &mut page, &mut reading);

    let all = tables(dom, root);
    let (user_tables, other_tables): (Vec<&Table>, Vec<&Table>) =
        all.iter().partition(|t| upn_column(dom, t).is_some());
    if !user_tables.is_empty() {
        reading.anchor("existing_upns", user_tables[0].node);
        page.existing_upns = Some(existing_upns(dom, &user_tables));
    } else if let Some((list, upns)) = user_list(dom, root) {
        reading.anchor("existing_upns", list);
        page.existing_upns = Some(upns);
    }
    let service_tables: Vec<&Table> = other_tables
        .into_iter()
        .filter(|t| t.column(SERVICE_COLUMN).is_some())
        .collect();
    read_services(dom, root, &service_tables, &mut page, &mut reading);

    reading.hold_targets = buttons_named(dom, root, PROVISION_WORDS, is_button)
        .into_iter()
        .map(|b| dom.node(b).element)
        .collect();

    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::McamNewUser(page));
    Some(reading)
}

/// The account: a labelled field ("Account" then its value), else a line that says
/// "Account: Acme Dental LLC (ACME0042)" (the header), without the trailing account code.
fn account(dom: &Dom, root: usize) -> Option<(usize, String)> {
    for label in alternatives(ACCOUNT) {
        for l in find_labels(dom, root, label) {
            if let Some(control) = control_near_label(dom, l) {
                let value = control_value(dom, control);
                if !value.is_empty() {
                    return Some((control, value));
                }
            }
            let values = value_nodes_after_label(dom, l, &|_| false);
            let text = collapse_whitespace(
                &values
                    .iter()
                    .map(|&v| dom.text(v))
                    .collect::<Vec<_>>()
                    .joined(" "),
            );
            if !text.is_empty() {
                return Some((values[0], without_code(&text)));
            }
        }
    }
    // "Account: Name (CODE)" in one element: the smallest element whose text starts so.
    let prefixes = [
        "account:",
        "account name:",
        "customer:",
        "customer account:",
        "organisation:",
        "organization:",
        "company:",
    ];
    let line = std::iter::once(root)
        .chain(dom.descendants(root))
        .filter(|&i| dom.node(i).raw_len < 300)
        .filter(|&i| {
            let text = dom.text(i).lowercase();
            prefixes.iter().any(|p| text.starts_with(p))
        })
        .last()?;
    let text = dom.text(line);
    let value = split_at_text(&text, ":").map(|(_, v)| v.trim())?;
    let name = without_code(value);
    if name.is_empty() {
        return None;
    }
    // Anchor on the element showing the name itself when there is one.
    let at = dom
        .select_first(line, false, &|&i| dom.text(i) == name)
        .unwrap_or(line);
    Some((at, name))
}

/// "Acme Dental LLC (ACME0042)" or "… [ACME0042]" → "Acme Dental LLC": a trailing bracketed code (one word
/// with a digit, spaces inside the brackets allowed: a code in an element of its own reads
/// "( ACME0042 )") is the account code, not part of the name.
fn without_code(text: &str) -> String {
    let text = text.trim();
    // "(ACME0042)" or "[HUDS0007]".
    let (open_mark, close_mark) = match text.ends_with("]") {
        true => (b'[', ']'),
        false => (b'(', ')'),
    };
    if let Some(open) = last_byte(text, open_mark) {
        let inner = trim_ascii(&text[open + 1..], b"", &[close_mark as u8]).trim();
        if text.ends_with(close_mark)
            && !inner.contains(' ')
            && inner.chars().any(|c| c.is_ascii_digit())
            && open > 0
        {
            return text[..open].trim().to_string();
        }
    }
    text.to_string()
}

/// The UPN: the prefix box and the domain control after it ("raj" @ "acmedental.com").
fn read_upn(dom: &Dom, root: usize, page: &mut McamNewUserPage, reading: &mut Reading) {
    // The UPN field's label (a column heading "UPN" of the users table is not one).
    let mut labels: Vec<usize> = alternatives(UPN)
        .flat_map(|l| find_labels(dom, root, l))
        .filter(|&l| !in_column_heading(dom, l))
        .collect();
    if labels.is_empty() {
        labels = upn_labels_reworded(dom, root);
    }
    // No label shown, or none beside a box (a users table stacked into cards starts each
    // address with "UPN", a users grid of plain blocks has a heading "UPN"): a box named by
    // its own `aria-label` ("UPN *"), else by a label that says more ("UPN * (required)"),
    // else no UPN field.
    let prefix_box = labels
        .iter()
        .find_map(|&l| control_near_label(dom, l))
        .or_else(|| control_named(dom, root, UPN))
        .or_else(|| {
            let reworded = upn_labels_reworded(dom, root);
            reworded.iter().find_map(|&l| control_near_label(dom, l))
        });
    let Some(prefix_box) = prefix_box else {
        // A New User form always asks for the UPN: none found is unreadable, never a page
        // without one (the check that it is unique would pass unseen).
        if labels.is_empty() {
            reading.unreadable.push("upn".into());
            return;
        }
        // A review step shows the UPN as text after its label: a whole address, else
        // unreadable.
        match labels
            .iter()
            .find_map(|&l| text_after_label(dom, l).filter(|(_, t)| is_address(t)))
        {
            Some((at, upn)) => {
                reading.anchor("upn", at);
                page.upn = Some(upn);
            }
            None => reading.unreadable.push("upn".into()),
        }
        return;
    };
    reading.anchor("upn", prefix_box);
    if dom.node(prefix_box).tag == "select" {
        // A prefix is typed, never picked: the label's nearest control is the domain's
        // picker, and the prefix is not in a box procguard can tell apart.
        reading.unreadable.push("upn".into());
        return;
    }
    let prefix = control_value(dom, prefix_box);
    if prefix.contains('@') || prefix.is_empty() {
        // A whole UPN typed in one box, or nothing typed yet ("").
        page.upn = Some(prefix);
        return;
    }
    match upn_domain(dom, prefix_box) {
        Some(domain) => page.upn = Some(procguard_core::fill!("{}@{}", prefix, domain)),
        None => reading.unreadable.push("upn".into()),
    }
}

/// A whole address shown as text: one word, a name before the `@` and a dotted domain after.
fn is_address(text: &str) -> bool {
    !text.contains(' ')
        && split_at_text(text, "@")
            .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'))
}

/// Labels procguard does not know that still name the UPN ("Username (UPN)", "Email / UPN"):
/// short texts with the word "UPN" or the words "user principal name", not its domain's.
fn upn_labels_reworded(dom: &Dom, root: usize) -> Vec<usize> {
    labels_saying(dom, root, &|t| {
        (has_word(t, "upn") || has_text(t, "user principal name"))
            && !has_word(t, "domain")
            && !has_word(t, "suffix")
    })
}

/// The domain shown after the prefix box: what follows it beside it ("@" and a picker, or a
/// fixed "@domain" text when the account has one domain), else the next control in its row
/// (a select's chosen option), else a control named as the UPN domain.
fn upn_domain(dom: &Dom, prefix_box: usize) -> Option<String> {
    let clean = |s: String| -> Option<String> {
        let s = trim_ascii(s.trim(), b"@", b"").trim().to_string();
        (!s.is_empty() && s.contains('.')).then_some(s)
    };
    if let Some(parent) = dom.node(prefix_box).parent {
        let mut after = String::new();
        for &c in dom
            .node(parent)
            .children
            .iter()
            .skip_while(|&&c| c != prefix_box)
            .skip(1)
        {
            if let Some(control) = dom.first_control(c, true) {
                if trim_ascii(&collapse_whitespace(&after), b"@", b"")
                    .trim()
                    .is_empty()
                {
                    return clean(control_value(dom, control));
                }
                break;
            }
            after.push_str(&dom.text(c));
        }
        let after = collapse_whitespace(&after);
        if let Some(domain) = after.strip_prefix("@") {
            return clean(domain.split_whitespace().next().unwrap_or("").to_string());
        }
    }
    for row in dom.ancestors_up_to(prefix_box, 3) {
        let end = dom.subtree_end(row);
        if let Some(control) = (prefix_box + 1..end + 1).find(|&i| {
            let n = dom.node(i);
            is_control(n) && n.checked.is_none() && n.attr("type") != Some("password")
        }) {
            return clean(control_value(dom, control));
        }
    }
    if let Some(control) = dom.elements().find(|&i| {
        let n = dom.node(i);
        is_control(n)
            && n.attr("aria-label")
                .is_some_and(|l| has_text(&l.lowercase(), "domain"))
    }) {
        return clean(control_value(dom, control));
    }
    None
}

/// The column of a table listing the account's users that shows their UPNs: headed as such,
/// else (a heading procguard does not know: "Login name", "Sign-in") the column whose every
/// cell is one whole address. Without the second, such a users table was read as a table of
/// services (its "Services" column) and its rows as service statuses.
fn upn_column(dom: &Dom, table: &Table) -> Option<usize> {
    table.column(UPN_COLUMN).or_else(|| {
        (0..table.headers.len()).find(|&column| {
            !table.rows.is_empty()
                && table.rows.iter().all(|row| {
                    table
                        .cell(row, column)
                        .is_some_and(|cell| is_address(&dom.text(cell)))
                })
        })
    })
}

fn existing_upns(dom: &Dom, user_tables: &[&Table]) -> Vec<String> {
    let mut upns = Vec::new();
    for table in user_tables {
        let Some(column) = upn_column(dom, table) else {
            continue;
        };
        for row in &table.rows {
            let Some(cell) = table.cell(row, column) else {
                continue;
            };
            let text = dom.text(cell);
            if let Some(upn) = email_in(&text).or_else(|| text.contains('@').then_some(text)) {
                upns.push(upn);
            }
        }
    }
    upns
}

/// The account's users drawn as a list, not a table ("Jane Roe — jane@acme.com" items under a
/// "Users on this account" heading): a list whose every item shows one email, after a heading
/// that speaks of users or mailboxes.
fn user_list(dom: &Dom, root: usize) -> Option<(usize, Vec<String>)> {
    for list in dom.descendants(root) {
        let n = dom.node(list);
        // A list, or rows of blocks (a grid drawn without table roles): two at least.
        let is_list = matches!(n.tag.as_str(), "ul" | "ol") || n.role() == Some("list");
        if n.is_text() || (!is_list && n.children.len() < 2) {
            continue;
        }
        let mut upns = Vec::new();
        let mut all = true;
        for &item in &n.children {
            let text = dom.text(item);
            if dom.node(item).is_text() || text.is_empty() {
                continue;
            }
            match email_in(&text).filter(|_| text.matches('@').count() == 1) {
                Some(upn) => upns.push(upn),
                // A header row before the users ("Display Name | UPN").
                None if upns.is_empty() && !text.contains('@') => {}
                None => all = false,
            }
        }
        if !all || upns.is_empty() {
            continue;
        }
        let heading = (root..list).rev().find(|&i| is_heading(dom.node(i)));
        if heading.is_some_and(|h| {
            let words = dom.text(h).lowercase();
            has_text(&words, "user") || has_text(&words, "mailbox")
        }) {
            return Some((list, upns));
        }
    }
    None
}

/// A service row's name: the cell's text without nested blocks holding controls (service
/// levels chosen by radios) or status lights.
fn service_name(dom: &Dom, cell: usize, heading: &str) -> String {
    let mut parts = Vec::new();
    for &child in &dom.node(cell).children {
        let node = dom.node(child);
        if node.is_text() {
            parts.push(dom.text(child));
            continue;
        }
        // A table stacked into cards on a narrow screen repeats the column's heading in
        // each cell ("Service Managed Exchange"), without the heading's qualifier
        // ("Service (all)").
        if dom
            .short_text(child)
            .is_some_and(|text| table::heading_names(heading, text))
        {
            continue;
        }
        // A level's radio buttons, native or ARIA ones, with their labels: not the name.
        let holds_control = std::iter::once(child)
            .chain(dom.descendants(child))
            .any(|i| is_control(dom.node(i)) || dom.node(i).role() == Some("radio"));
        if !holds_control && light_of(dom, child).is_none() {
            parts.push(dom.text(child));
        }
    }
    let name = collapse_whitespace(&parts.joined(" "));
    if name.is_empty() {
        dom.text(cell)
    } else {
        name
    }
}

/// The row's provision tick. A data grid may lead each row with a tick that selects the row
/// for bulk actions ("Select row", or no label at all) beside the one that provisions the
/// service: with two or more ticks, the first that does not select the row.
fn checkbox_in(dom: &Dom, row: &Row) -> Option<usize> {
    let mut ticks = dom.descendants(row.node).filter(|&i| is_tick(dom.node(i)));
    let first = ticks.next()?;
    if !selects_row(dom, first) {
        return Some(first);
    }
    Some(ticks.find(|&t| !selects_row(dom, t)).unwrap_or(first))
}

fn selects_row(dom: &Dom, tick: usize) -> bool {
    let label = choice_label(dom, tick).lowercase();
    label.is_empty() || label.starts_with("select")
}

/// A checkbox or switch: how a service is ticked for provisioning.
fn is_tick(n: &crate::dom::Node) -> bool {
    (n.tag == "input" && n.attr("type") == Some("checkbox"))
        || matches!(n.role(), Some("checkbox" | "switch"))
}

/// Purchased or not, from a status cell's words; `None` for words that say neither.
fn purchased_in(words: &str) -> Option<bool> {
    let w = words.lowercase();
    if [
        "not purchased",
        "unpurchased",
        "not available",
        "unavailable",
        "buy",
        "not licensed",
        "no licence",
        "no license",
    ]
    .iter()
    .any(|x| has_text(&w, x))
    {
        Some(false)
    } else if ["purchased", "available", "licensed", "active", "yes"]
        .iter()
        .any(|x| has_text(&w, x))
    {
        Some(true)
    } else {
        None
    }
}

fn read_services(
    dom: &Dom,
    root: usize,
    service_tables: &[&Table],
    page: &mut McamNewUserPage,
    reading: &mut Reading,
) {
    let mut purchased: Vec<String> = Vec::new();
    let mut chosen: Vec<(usize, String, bool)> = Vec::new();
    let mut statuses: Vec<ServiceStatus> = Vec::new();
    let mut any_light = false;
    for table in service_tables {
        let Some(service_col) = table.column(SERVICE_COLUMN) else {
            continue;
        };
        let status_col = table.column(STATUS_COLUMN);
        if purchased.is_empty() && chosen.is_empty() {
            reading.anchor("purchased_services", table.node);
        }
        for row in &table.rows {
            let Some(cell) = table.cell(row, service_col) else {
                continue;
            };
            let name = service_name(dom, cell, &table.headers[service_col]);
            if name.is_empty() {
                continue;
            }
            let checkbox = checkbox_in(dom, row);
            // Purchased: the status column's words, else an enabled provision checkbox.
            let is_purchased = status_col
                .and_then(|c| table.cell(row, c))
                .and_then(|c| purchased_in(&dom.text(c)))
                .or_else(|| checkbox.map(|c| !dom.node(c).is_disabled()))
                .unwrap_or(false);
            if is_purchased {
                purchased.push(name.clone());
            }
            if let Some(c) = checkbox.filter(|&c| dom.node(c).is_ticked()) {
                chosen.push((c, name.clone(), is_purchased));
            }
            // A status light in the row (not in the service's own name); else a status cell
            // whose words are a provisioning status (not a purchase status).
            let status_words = status_col
                .and_then(|c| table.cell(row, c))
                .map(|c| dom.text(c))
                .filter(|t| {
                    let t = t.lowercase();
                    ["provision", "error", "fail"]
                        .iter()
                        .any(|w| has_text(&t, w))
                });
            if let Some(light) = lights_in(dom, row.node).into_iter().next() {
                any_light = true;
                let status = light_of(dom, light);
                if status.is_none() {
                    reading.unreadable.push(procguard_core::fill!(
                        "service_statuses[{}].status",
                        statuses.len()
                    ));
                }
                reading.anchor_item("service_statuses", statuses.len(), row.node);
                statuses.push(ServiceStatus {
                    service: Some(name.clone()),
                    status,
                    ..Default::default()
                });
            } else if let Some(words) = status_words {
                any_light = true;
                reading.anchor_item("service_statuses", statuses.len(), row.node);
                statuses.push(ServiceStatus {
                    service: Some(name.clone()),
                    status: status_in_words(&words),
                    ..Default::default()
                });
            }
        }
    }
    let mut listed = false;
    if service_tables.is_empty() {
        // No table: the services as a list of ticks under a "Services" heading.
        if let Some((list_at, items)) = service_list(dom, root) {
            listed = true;
            reading.anchor("purchased_services", list_at);
            for (item, checkbox, name) in items {
                let is_purchased =
                    purchased_in(&dom.text(item)).unwrap_or(!dom.node(checkbox).is_disabled());
                if is_purchased {
                    purchased.push(name.clone());
                }
                if dom.node(checkbox).is_ticked() {
                    chosen.push((checkbox, name, is_purchased));
                }
            }
        }
    }
    if !service_tables.is_empty() || listed {
        page.purchased_services = Some(purchased);
    }
    // A review step shows no ticks: the service chosen is written after its label.
    let has_ticks = || {
        dom.select_first(root, false, &|&i| is_tick(dom.node(i)))
            .is_some()
    };
    // Choice: when several services are ticked, the first one not purchased is the one
    // reported (the check must see it); else the first ticked.
    let pick = chosen
        .iter()
        .find(|(_, _, purchased)| !purchased)
        .or_else(|| chosen.first());
    match pick {
        Some((at, name, _)) => {
            reading.anchor("service", *at);
            page.service = Some(name.clone());
        }
        None => {
            // No table: a select or field labelled "Service", or on a review step the
            // service shown as text after that label (no ticks and no table: the choice
            // is made).
            if let Some((at, value)) = ["Service", "Service to provision"].iter().find_map(|l| {
                find_labels(dom, root, l).into_iter().find_map(|label| {
                    match control_near_label(dom, label) {
                        Some(control) => Some((control, control_value(dom, control))),
                        None if service_tables.is_empty() && !listed && !has_ticks() => {
                            text_after_label(dom, label)
                        }
                        None => None,
                    }
                })
            }) {
                if !value.is_empty() && !value.lowercase().starts_with("select") {
                    reading.anchor("service", at);
                    page.service = Some(value);
                }
            }
        }
    }
    if !any_light {
        statuses = list_statuses(dom, root, reading);
        any_light = !statuses.is_empty();
    }
    // Null when the page shows no service status list.
    page.service_statuses = any_light.then_some(statuses);
}

/// A service in a list of ticks: its item, its tick and its name.
type ListedService = (usize, usize, String);

/// The services drawn as a list of ticks (a redesign without the services grid): after a
/// "Services" heading, up to the next heading, each tick with its item (list item or row)
/// and the service it names. `None` when no such heading has ticks after it.
fn service_list(dom: &Dom, root: usize) -> Option<(usize, Vec<ListedService>)> {
    // A heading saying so, before a menu's "Services" link.
    let mut labels = Vec::new();
    for l in ["Services", "Service", "Services to provision"] {
        labels.extend(find_labels(dom, root, l));
    }
    labels.retain(|&l| !in_column_heading(dom, l));
    let heading = labels
        .iter()
        .copied()
        .find(|&l| {
            std::iter::once(l)
                .chain(dom.ancestors(l))
                .any(|a| is_heading(dom.node(a)))
        })
        .or_else(|| labels.first().copied())?;
    let mut items = Vec::new();
    for i in dom.subtree_end(heading) + 1..=dom.subtree_end(root) {
        if is_heading(dom.node(i)) {
            break;
        }
        if !is_tick(dom.node(i)) {
            continue;
        }
        // The tick's row: a list item or table row, else the block around its label, else
        // the largest block around it holding no other tick (rows of plain blocks).
        let alone = |a: usize| {
            dom.select_first(a, true, &|&o| o != i && is_tick(dom.node(o)))
                .is_none()
        };
        let item = dom
            .closest(i, &|n| {
                n.tag == "li" || n.tag == "tr" || n.role() == Some("listitem")
            })
            .or_else(|| {
                dom.closest(i, &|n| n.tag == "label")
                    .and_then(|l| dom.node(l).parent)
            })
            .or_else(|| dom.ancestors_up_to(i, 3).take_while(|&a| alone(a)).last())
            .unwrap_or(i);
        // The service's name: its label's words; but a label that says more than the row
        // shows after the tick ("Provision Managed Exchange" for "Managed Exchange") names
        // the action too, and the row's words are the name.
        let label = collapse_whitespace(&choice_label(dom, i));
        let shown = dom
            .first_text_leaf(item, i + 1)
            .map(|l| dom.own_text(l))
            .unwrap_or_default();
        let name = if !shown.is_empty()
            && shown.len() < label.len()
            && has_text(&label.lowercase(), &shown.lowercase())
        {
            shown
        } else {
            label
        };
        if !name.is_empty() {
            items.push((item, i, name));
        }
    }
    (!items.is_empty()).then_some((heading, items))
}

/// Status lights listed outside tables: list items holding one light and the service name.
/// A legend (several lights in one line, naming the colours) is not a list.
fn list_statuses(dom: &Dom, root: usize, reading: &mut Reading) -> Vec<ServiceStatus> {
    let mut out = Vec::new();
    for item in std::iter::once(root)
        .chain(dom.descendants(root))
        .filter(|&i| {
            let n = dom.node(i);
            (n.tag == "li" || n.role() == Some("listitem"))
                && !dom.ancestors(i).any(|a| table::is_table(dom.node(a)))
        })
    {
        let lights = lights_in(dom, item);
        let [light] = lights.as_slice() else {
            continue;
        };
        let name = service_name(dom, item, "");
        if name.is_empty() {
            continue;
        }
        let status = light_of(dom, *light);
        if status.is_none() {
            reading.unreadable.push(procguard_core::fill!(
                "service_statuses[{}].status",
                out.len()
            ));
        }
        reading.anchor_item("service_statuses", out.len(), item);
        out.push(ServiceStatus {
            service: Some(name),
            status,
            ..Default::default()
        });
    }
    out
}

/// Elements inside `scope` that are status lights: classed as a light/status/LED/dot or
/// by a colour word, or an image/status role named by a status.
fn lights_in(dom: &Dom, scope: usize) -> Vec<usize> {
    dom.select(scope, false, &|&i| is_light(dom, i))
}

fn class_tokens(dom: &Dom, id: usize) -> Vec<String> {
    dom.node(id)
        .attr("class")
        .unwrap_or_default()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|t| !t.is_empty())
        .map(Lowercase::lowercase)
        .collect()
}

/// A status light: an icon (no text) classed as a light/LED/dot/indicator/status or by a
/// colour, or named by a status in its title or aria-label; or a short badge classed as a
/// status whose colour or words give one.
fn is_light(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    if is_control(node) || node.is_text() {
        return false;
    }
    let tokens = class_tokens(dom, id);
    let light_class = tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "light" | "lamp" | "led" | "dot" | "indicator" | "statuslight" | "traffic" | "status"
        )
    });
    let coloured = tokens.iter().any(|t| colour_of(t).is_some());
    let named = [node.attr("aria-label"), node.attr("title")]
        .into_iter()
        .flatten()
        .any(|w| status_in_words(w).is_some());
    let icon = dom.text(id).is_empty() || matches!(node.role(), Some("img" | "status"));
    if icon {
        return light_class || coloured || named;
    }
    // A badge with words: "Provisioned" in a status-classed pill.
    let badge = tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "status" | "badge" | "pill" | "light" | "indicator"
        )
    });
    badge && node.raw_len < 40 && (coloured || status_in_words(&dom.text(id)).is_some())
}

/// A light's status: from its aria-label or title words, else its colour class.
fn light_of(dom: &Dom, id: usize) -> Option<StatusLight> {
    if !is_light(dom, id) {
        return None;
    }
    let node = dom.node(id);
    for words in [node.attr("aria-label"), node.attr("title")]
        .into_iter()
        .flatten()
    {
        if let Some(status) = status_in_words(words) {
            return Some(status);
        }
    }
    let text = dom.text(id);
    if let Some(status) = (!text.is_empty()).then(|| status_in_words(&text)).flatten() {
        return Some(status);
    }
    class_tokens(dom, id).iter().find_map(|t| colour_of(t))
}

fn colour_of(token: &str) -> Option<StatusLight> {
    match token {
        "grey" | "gray" => Some(StatusLight::Grey),
        "red" => Some(StatusLight::Red),
        "orange" | "amber" | "yellow" => Some(StatusLight::Orange),
        "green" => Some(StatusLight::Green),
        _ => None,
    }
}

/// The status MCSM's legend gives each light: grey "Not provisioned", red "Error while
/// provisioning", orange "Currently provisioning", green "Provisioned successfully"; or
/// the colour named.
pub fn status_in_words(words: &str) -> Option<StatusLight> {
    let w = words.lowercase();
    if has_text(&w, "not provisioned") || has_text(&w, "not started") || has_text(&w, "inactive") {
        Some(StatusLight::Grey)
    } else if has_text(&w, "error") || has_text(&w, "fail") {
        Some(StatusLight::Red)
    } else if has_text(&w, "currently provisioning")
        || has_text(&w, "in progress")
        || has_text(&w, "pending")
        || has_text(&w, "provisioning")
    {
        Some(StatusLight::Orange)
    } else if has_text(&w, "provisioned") || has_text(&w, "success") || has_text(&w, "active") {
        Some(StatusLight::Green)
    } else {
        w.split(|c: char| !procguard_core::normalize::is_word_char(c) || c.is_ascii_digit())
            .find_map(colour_of)
    }
}

#[cfg(test)]
mod tests;

//! The Autotask ticket detail page (classic `TicketDetail.mvc`, or inside the 2025+ shell's
//! `main [data-slot="iframe"]` frame).

use procguard_core::model::{Page, TicketPage};
use procguard_core::normalize::{has_text, replace_text, split_at_text, Lowercase};

use super::activity;
use super::fields::{
    doc_of, doc_showing, find_field, in_dialog, is_empty_value, is_heading_text, read_text,
    resource_names, same_layer, split_names, value_text, Field, LabelIndex,
};
use crate::dom::{is_control, Dom, Node};
use crate::Reading;

const ACCOUNT: &str = "Account|Organization|Company|Client|Customer";
const STATUS: &str = "Status|Ticket Status";
const PRIORITY: &str = "Priority|Priority Level";
const QUEUE: &str = "Queue|Service Queue|Service Board";
const SOURCE: &str = "Source|Ticket Source";
const WORK_TYPE: &str = "Work Type|Billing Code";
const PRIMARY: &str = concat!(
    "Primary Resource (Role)|Primary Resource|Primary Resource(s)|Assigned Resource (Role)|",
    "Assigned Resource|Assigned To|Assigned Technician|Technician|Assignee",
);
const SECONDARY: &str = concat!(
    "Secondary Resources (Role)|Secondary Resources|Secondary Resource(s)|Secondary Resource|",
    "Additional Resources|Other Resources|Additional Technicians|Other Technicians",
);
const CONFIGURATION_ITEM: &str = "Configuration Item|Configuration Item (CI)|Asset|Device";
const TITLE: &str = "Title|Ticket Title";
const TICKET_NUMBER: &str = "Ticket Number|Ticket #|Ticket No.";
/// Labels of an "escalated from the help-desk vendor" flag (a UDF or checkbox field).
const ESCALATED: &str = concat!(
    "Escalated from Vendor|Escalated From MC|Escalated from Mission Control|Escalated by Vendor|",
    "Vendor Escalation|MC Escalation|Escalated",
);

/// Whether a text is an Autotask ticket number: "T20261121.0007" (prefix letters optional),
/// also after a number sign ("#T20261121.0007").
pub fn is_ticket_number(text: &str) -> bool {
    let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '#');
    let Some((date, seq)) = split_at_text(body, ".") else {
        return false;
    };
    date.len() >= 6
        && date.chars().all(|c| c.is_ascii_digit())
        && (1..=6).contains(&seq.len())
        && seq.chars().all(|c| c.is_ascii_digit())
}

/// A ticket number as shown, without the number sign a page may write before it.
fn without_number_sign(mut number: String) -> String {
    if number.starts_with('#') {
        number.remove(0);
    }
    number
}

/// The ticket's heading number element: structurally `.EntityHeadingContainer
/// .IdentificationText`; fallback, any element showing just a ticket number outside lists,
/// tables and links (a ticket list shows numbers only in rows and links), and outside
/// dialogs unless the page shows none.
pub fn heading_number(dom: &Dom, root: usize) -> Option<usize> {
    let structural: Vec<usize> = dom.select(root, false, &|&i| {
        dom.node(i).has_class("IdentificationText")
            && dom
                .ancestors(i)
                .any(|a| dom.node(a).has_class("EntityHeadingContainer"))
            && is_ticket_number(&dom.text(i))
    });
    // The page's own ticket first; a full ticket page opened in a dialog or drawer only
    // when the page itself shows none (a quick view has no `.EntityHeadingContainer`).
    if let Some(&number) = structural
        .iter()
        .find(|&&i| !in_dialog(dom, i))
        .or_else(|| structural.first())
    {
        return Some(number);
    }
    // Fallback: the one ticket number shown on its own; a page showing several (a list
    // drawn without table or list roles) has no heading number.
    let mut shown: Vec<usize> = dom.select(root, false, &|&i| {
        let n = dom.node(i);
        n.raw_len < 40
            && dom.has_own_text(i)
            && is_ticket_number(&dom.text(i))
            && !in_row_or_link(dom, i)
            && dom.closest(i, &|n| n.has_class("TitleBar")).is_none()
    });
    // The page's own first; a number shown in a dialog only when the page shows none.
    if shown.iter().any(|&i| !in_dialog(dom, i)) {
        crate::labels::keep_where(&mut shown, &|i| !in_dialog(dom, i));
    }
    let first = *shown.first()?;
    shown
        .iter()
        .all(|&i| dom.text(i) == dom.text(first))
        .then_some(first)
}

/// Whether an element is in a list, a table, a link or a picker: where a page shows other
/// tickets' numbers, never its own heading.
fn in_row_or_link(dom: &Dom, i: usize) -> bool {
    dom.closest(i, &|n| {
        matches!(
            n.tag.as_str(),
            "a" | "td" | "th" | "tr" | "li" | "option" | "select" | "title"
        ) || matches!(
            n.role(),
            Some("row" | "gridcell" | "cell" | "listitem" | "option" | "link")
        )
    })
    .is_some()
}

/// The ticket page, from the document that shows the ticket heading.
pub fn read(dom: &Dom, index: &LabelIndex, root: usize, url_says_ticket: bool) -> Option<Reading> {
    let number_at = heading_number(dom, root);
    let doc = match number_at {
        Some(n) => doc_of(dom, n),
        None if url_says_ticket => ticket_doc_by_labels(dom, index, root)?,
        None => return None,
    };
    // On an address that does not say "ticket", a ticket also shows its Status field.
    if !url_says_ticket && read_text(dom, index, doc, STATUS).is_none() {
        return None;
    }
    let mut reading = Reading::default();
    let mut page = TicketPage {
        account: required_text(dom, index, doc, ACCOUNT, "account", &mut reading),
        ..Default::default()
    };
    // After the account: the title bar's "- NUMBER - TITLE (ACCOUNT)" fallback needs it.
    read_heading(dom, index, doc, number_at, &mut page, &mut reading);
    page.status = required_text(dom, index, doc, STATUS, "status", &mut reading);
    page.priority = required_text(dom, index, doc, PRIORITY, "priority", &mut reading);
    page.queue = required_text(dom, index, doc, QUEUE, "queue", &mut reading);
    // A field left out of the snapshot (a collapsed section) is not shown, so not
    // unreadable. But a ticket showing none of these four is one whose fields the reader
    // could not find (a layout it does not know): said, never passed over in silence.
    let said = reading
        .unreadable
        .iter()
        .any(|f| matches!(f.as_str(), "account" | "status" | "priority" | "queue"));
    if page.account.is_none()
        && page.status.is_none()
        && page.priority.is_none()
        && page.queue.is_none()
        && !said
    {
        for field in ["account", "status", "priority", "queue"] {
            reading.unreadable.push(field.to_string());
        }
    }
    page.source = optional_text(dom, index, doc, SOURCE, "source", &mut reading);
    page.work_type = optional_text(dom, index, doc, WORK_TYPE, "work_type", &mut reading);
    page.configuration_item = optional_text(
        dom,
        index,
        doc,
        CONFIGURATION_ITEM,
        "configuration_item",
        &mut reading,
    );

    if let Some((at, names)) = resources(dom, index, doc, PRIMARY) {
        reading.anchor("primary_resource", at);
        // No primary resource is a state of its own (an unassigned ticket): null.
        page.primary_resource = names.into_iter().next();
    }
    if let Some((at, names)) = resources(dom, index, doc, SECONDARY) {
        reading.anchor("secondary_resources", at);
        page.secondary_resources = Some(names);
    }

    let routing = [
        page.source.as_deref(),
        page.status.as_deref(),
        page.queue.as_deref(),
    ];
    page.escalated_from_vendor = Some(escalated(dom, index, doc, &routing));

    let feed = activity::read_feed(dom, doc, &mut reading);
    page.notes = Some(feed.notes);
    page.time_entries = Some(feed.time_entries);
    page.draft = feed.draft;
    reading.hold_targets = feed.hold_targets;

    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::AutotaskTicket(page));
    Some(reading)
}

/// The people of a resource field (its anchor and names), `None` when it is not shown: by
/// its label, else a line that holds label and names ("Primary Resource: Mission Control").
fn resources(
    dom: &Dom,
    index: &LabelIndex,
    doc: usize,
    labels: &str,
) -> Option<(usize, Vec<String>)> {
    let Some(field) = find_field(dom, index, doc, labels) else {
        let (at, text) = index.find_inline(dom, doc, labels)?;
        let mut names = Vec::new();
        for name in split_names(&text) {
            if !is_empty_value(&name) {
                names.push(name);
            }
        }
        return Some((at, names));
    };
    let mut names = Vec::new();
    if let Some(v) = field.value {
        for (_, name) in resource_names(dom, v) {
            names.push(name);
        }
    }
    Some((field.value.unwrap_or(field.label), names))
}

/// Without a heading (a redesign), the document whose fields include Status and Priority,
/// as `fields::doc_showing` finds it (a company's is found the same way).
fn ticket_doc_by_labels(dom: &Dom, index: &LabelIndex, root: usize) -> Option<usize> {
    doc_showing(dom, root, &|doc| {
        read_text(dom, index, doc, STATUS).is_some()
            && read_text(dom, index, doc, PRIORITY).is_some()
    })
}

fn read_heading(
    dom: &Dom,
    index: &LabelIndex,
    doc: usize,
    number_at: Option<usize>,
    page: &mut TicketPage,
    reading: &mut Reading,
) {
    match number_at {
        Some(n) => {
            reading.anchor("number", n);
            page.number = Some(without_number_sign(dom.text(n)));
        }
        None => {
            if let Some((field, text)) = read_text(dom, index, doc, TICKET_NUMBER) {
                match text.filter(|t| !t.is_empty()) {
                    Some(t) => page.number = Some(without_number_sign(t)),
                    None => reading.unreadable.push("number".into()),
                }
                reading.anchor("number", field.value.unwrap_or(field.label));
            } else if let Some((bar, number)) = number_in_title_bar(dom, doc) {
                reading.anchor("number", bar);
                page.number = Some(number);
            }
        }
    }
    // Structural first choice: `.EntityHeadingContainer .Title .Text`.
    let structural = dom.select_first(doc, false, &|&i| {
        is_heading_text(dom, i) && doc_of(dom, i) == doc
    });
    // Fallback: the heading element (h1–h3 or role=heading) nearest the number (in its
    // heading block, else the document's first), else a Title field.
    // Or the heading that holds the number with the title after it ("T20261121.0007 ·
    // Outlook keeps asking for password").
    let holding_number = || {
        let number = number_at?;
        let h = dom.closest(number, &is_heading_element)?;
        let rest = replace_text(&dom.text(h), &dom.text(number), "");
        (!rest.trim_matches(is_title_separator).is_empty()).then_some(h)
    };
    // An edit form's Title box, before any heading further off (a section's "Activity").
    let title_box = || {
        let (field, text) = read_text(dom, index, doc, TITLE)?;
        let value = field.value.filter(|&v| is_control(dom.node(v)))?;
        text.filter(|t| !t.is_empty()).map(|t| (value, t))
    };
    let held = structural.or_else(holding_number);
    if held.is_none() {
        if let Some((at, title)) = title_box() {
            reading.anchor("title", at);
            page.title = Some(title);
            return;
        }
    }
    let heading = held.or_else(|| {
        let number = number_at?;
        let is_heading = |i: usize| {
            is_heading_element(dom.node(i))
                && !dom.contains(i, number)
                && !dom.text(i).is_empty()
                && same_layer(dom, i, doc)
                && doc_of(dom, i) == doc
        };
        dom.ancestors_up_to(number, 3)
            .find_map(|a| dom.select_first(a, false, &|&i| is_heading(i)))
            .or_else(|| dom.select_first(doc, false, &|&i| is_heading(i)))
    });
    match heading {
        Some(h) => {
            reading.anchor("title", h);
            let mut title = dom.text(h);
            // A heading that repeats the number ("T20261121.0050 - VPN drops") gives the rest.
            if let Some(number) = page.number.as_deref().filter(|n| has_text(&title, n)) {
                title = replace_text(&title, number, "")
                    .trim_matches(is_title_separator)
                    .to_string();
            }
            page.title = Some(title);
        }
        None => {
            if let Some((field, text)) = read_text(dom, index, doc, TITLE) {
                reading.anchor("title", field.value.unwrap_or(field.label));
                match text {
                    Some(t) => page.title = Some(t),
                    None => reading.unreadable.push("title".into()),
                }
            } else if let Some((at, title)) = title_from_bar(dom, doc, page) {
                reading.anchor("title", at);
                page.title = Some(title);
            } else if number_at.is_some() || page.number.is_some() {
                // The ticket is shown but its title could not be found.
                reading.unreadable.push("title".into());
            }
        }
    }
}

/// The number from a title bar that names the ticket ("Ticket - T20261121.0007 - Outlook
/// keeps asking for password (Acme Dental LLC)", the classic detail page), when the page shows
/// it nowhere else: the text starts with the number, or with "Ticket" and the number, and goes
/// on after a separator. Rows, links and dialogs are not the ticket's own bar.
fn number_in_title_bar(dom: &Dom, doc: usize) -> Option<(usize, String)> {
    for i in dom.descendants(doc) {
        if dom.node(i).raw_len >= 400 || !dom.has_own_text(i) || doc_of(dom, i) != doc {
            continue;
        }
        let text = dom.text(i);
        // Its first words, without separators: "Ticket", the number, then more.
        let mut words: Vec<&str> = Vec::new();
        for w in text.split_ascii_whitespace() {
            let w = w.trim_matches(is_title_separator);
            if !w.is_empty() {
                words.push(w);
            }
            if words.len() == 3 {
                break;
            }
        }
        let from = usize::from(
            words
                .first()
                .is_some_and(|w| w.eq_ignore_ascii_case("ticket")),
        );
        let (Some(number), true) = (words.get(from), words.len() > from + 1) else {
            continue;
        };
        if is_ticket_number(number) && !in_row_or_link(dom, i) && same_layer(dom, i, doc) {
            return Some((i, without_number_sign(number.to_string())));
        }
    }
    None
}

/// A heading that may show the ticket's number and title: `h1`–`h3` or role `heading`;
/// narrower than `dom::is_heading`, as a section's `h4`–`h6` never titles the ticket.
fn is_heading_element(n: &Node) -> bool {
    matches!(n.tag.as_str(), "h1" | "h2" | "h3") || n.role() == Some("heading")
}

/// What parts a ticket's number from its title in a heading: "T20261121.0007 - VPN drops",
/// "T20261121.0007 · VPN drops".
fn is_title_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | '·' | '•')
}

/// The title from a title bar that repeats it: "Ticket - T20261121.0007 - Outlook keeps
/// asking for password (Acme Dental LLC)": the text after the number, without the account
/// in brackets.
fn title_from_bar(dom: &Dom, doc: usize, page: &TicketPage) -> Option<(usize, String)> {
    let number = page.number.as_deref()?;
    // The last (deepest) element showing "NUMBER - …": the number, a separator and more
    // text; a heading that starts with the number may part them with a space alone.
    let mut bar = None;
    for i in dom.descendants(doc) {
        let n = dom.node(i);
        if n.raw_len >= 400 || !same_layer(dom, i, doc) || doc_of(dom, i) != doc {
            continue;
        }
        let text = dom.text(i);
        let Some((before, after)) = split_at_text(&text, number) else {
            continue;
        };
        let heading = is_heading_element(n);
        let rest = after.trim_start();
        let parted = rest.starts_with(|c: char| is_title_separator(c) && !c.is_whitespace())
            || (heading && before.is_empty() && after.starts_with(" "));
        if parted && rest.len() > 2 {
            bar = Some(i);
        }
    }
    let bar = bar?;
    let text = dom.text(bar);
    let after = split_at_text(&text, number)?.1;
    let mut title = after
        .trim_start_matches(is_title_separator)
        .trim()
        .to_string();
    if let Some(account) = page.account.as_deref() {
        let suffix = procguard_core::fill!("({})", account);
        if let Some(head) = title.strip_suffix(&suffix) {
            title = head.trim().to_string();
        }
    }
    (!title.is_empty()).then_some((bar, title))
}

/// A field that always has a value when shown (Account, Status, Priority, Queue): an empty
/// or missing value is unreadable, never a silent empty string.
fn required_text(
    dom: &Dom,
    index: &LabelIndex,
    doc: usize,
    labels: &str,
    key: &'static str,
    reading: &mut Reading,
) -> Option<String> {
    let (field, text) = read_text(dom, index, doc, labels)?;
    anchor_field(reading, key, field);
    match text.filter(|t| !t.is_empty()) {
        Some(text) => Some(text),
        None => {
            reading.unreadable.push(key.to_string());
            None
        }
    }
}

/// A field that may be empty (Source, Work Type, Configuration Item): empty reads as null,
/// as the page then shows nothing for it.
fn optional_text(
    dom: &Dom,
    index: &LabelIndex,
    doc: usize,
    labels: &str,
    key: &'static str,
    reading: &mut Reading,
) -> Option<String> {
    let (field, text) = read_text(dom, index, doc, labels)?;
    anchor_field(reading, key, field);
    text.filter(|t| !is_empty_value(t))
}

fn anchor_field(reading: &mut Reading, key: &'static str, field: Field) {
    reading.anchor(key, field.value.unwrap_or(field.label));
}

/// Choice: the ticket is "escalated from the vendor" when a field such as "Escalated from
/// Vendor" is shown with a yes-like value, or when its Source, Status or Queue names an
/// escalation ("Escalated from MC", "Escalations"). The fixtures show none, so `false`
/// there. The vendor's own name is not known to the reader (it is in the directory), so a
/// Source of "Mission Control" alone is not taken as one.
fn escalated(dom: &Dom, index: &LabelIndex, doc: usize, routing: &[Option<&str>]) -> bool {
    if routing
        .iter()
        .flatten()
        .any(|s| has_text(&s.lowercase(), "escalat"))
    {
        return true;
    }
    let Some(field) = find_field(dom, index, doc, ESCALATED) else {
        return false;
    };
    let Some(value) = field.value else {
        return false;
    };
    for i in dom.select(value, true, &|_| true) {
        let n = dom.node(i);
        if let Some(checked) = n
            .checked
            .or_else(|| n.attr("aria-checked").map(|a| a == "true"))
        {
            return checked;
        }
    }
    matches!(
        value_text(dom, value).lowercase().as_str(),
        "yes" | "true" | "y" | "checked" | "escalated"
    )
}

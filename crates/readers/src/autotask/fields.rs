//! Autotask detail-page fields, found by their label.
//!
//! First choice: Autotask's well-known structure, a `.ReadOnlyData` field whose label is a
//! `.PrimaryText` and whose value is in `.ReadOnlyValueContainer` (public descriptions of the
//! live page). Fallback, for redesigns: the label's `<label for>`/ARIA control, or the
//! elements after the label in its row (`labels::value_nodes_after_label`). Generated ids
//! (`z` + 32 hex) are never used.

use crate::dom::{is_control, Dom, Node};
use crate::labels::{
    control_near_label, control_value, in_column_heading, is_qualified, normalise_label,
    value_after_colon, value_nodes_after_label,
};
use procguard_core::normalize::{
    alternatives, is_one_of, last_byte, split_at_text, Joined, Lowercase,
};

/// A field shown on the page: its label and the element showing its value (`None` when the
/// label is shown but no value element could be found).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub label: usize,
    pub value: Option<usize>,
}

/// Labels of the detail fields (ticket and company pages), used to tell a value from the
/// next field's label when a field is empty.
pub const KNOWN_LABELS: &str = concat!(
    "account|organization|company|contact|status|priority|location|issue type|sub-issue type|",
    "source|due date|configuration item|asset|queue|primary resource (role)|primary resource|",
    "secondary resources (role)|secondary resources|additional contacts|contract|service/bundle|",
    "work type|purchase order number|estimated hours|line of business|co-managed visibility|",
    "closure reason|sla|ticket category|ticket type|classification|type|territory|account owner|",
    "phone|help desk support type|help desk plan|helpdesk support type|helpdesk plan|",
    "priority level|billing code",
);

/// The document whose fields `shows` finds: the deepest page `body` (a frame's before the
/// top page's); a dialog or drawer only when no page shows them (a record opened in one over
/// an empty shell; a quick view over its own page is not the page).
#[allow(clippy::manual_find)] // loops, not `find`s: see the body
pub fn doc_showing(dom: &Dom, root: usize, shows: &dyn Fn(usize) -> bool) -> Option<usize> {
    let bodies = dom.select(root, true, &|&i| {
        dom.node(i).tag == "body" && !in_dialog(dom, i)
    });
    // Loops, not `find`s: each adapter is a copy of its own in the wasm (issue 8).
    for &doc in bodies.iter().rev() {
        if shows(doc) {
            return Some(doc);
        }
    }
    for doc in dom.select(root, true, &|&i| dialog_of(dom, i) == Some(i)) {
        if shows(doc) {
            return Some(doc);
        }
    }
    None
}

/// The document a node belongs to: the top `body`, a same-origin frame's `body`, or a
/// dialog layer (a dialog or drawer shows a page of its own).
pub fn doc_of(dom: &Dom, id: usize) -> usize {
    dom.closest(id, &|n| n.tag == "body" || is_dialog_layer(n))
        .or_else(|| dom.ancestors(id).last())
        .unwrap_or(id)
}

fn is_dialog_layer(n: &Node) -> bool {
    n.attr("data-slot") == Some("iframe-overlay")
        || n.has_class("DialogContainer")
        || matches!(n.role(), Some("dialog" | "alertdialog"))
        || n.tag == "dialog"
}

/// Whether the node is the name in Autotask's page heading: `.EntityHeadingContainer .Title
/// .Text` (a ticket's title, a company's name).
pub fn is_heading_text(dom: &Dom, id: usize) -> bool {
    dom.node(id).has_class("Text")
        && dom
            .node(id)
            .parent
            .is_some_and(|p| dom.node(p).has_class("Title"))
        && dom
            .ancestors(id)
            .any(|a| dom.node(a).has_class("EntityHeadingContainer"))
}

/// Whether the node is inside a dialog layer: Autotask's overlay frame
/// (`iframe[data-slot="iframe-overlay"]`), a `.DialogContainer`, or an ARIA dialog. A quick
/// view of another ticket must never be read as this page.
pub fn in_dialog(dom: &Dom, id: usize) -> bool {
    dialog_of(dom, id).is_some()
}

/// The nearest dialog layer around the node (see `in_dialog`).
pub fn dialog_of(dom: &Dom, id: usize) -> Option<usize> {
    dom.closest(id, &is_dialog_layer)
}

/// Whether two nodes are in the same layer: both on the page, or both in the same dialog
/// (a ticket opened in a drawer or dialog is read there, and nothing outside it is).
pub fn same_layer(dom: &Dom, a: usize, b: usize) -> bool {
    dialog_of(dom, a) == dialog_of(dom, b)
}

/// Whether the node is a column heading or sits in an activity item or a (closed) picker
/// overlay: a label there is not a field.
fn out_of_fields(dom: &Dom, id: usize) -> bool {
    in_column_heading(dom, id)
        || dom
            .closest(id, &|n| {
                n.has_class("ConversationItem") || n.has_class("ContextOverlayContainer")
            })
            .is_some()
}

/// The shown text of every small element, normalised as a label, computed once per read:
/// the many label lookups of a page then cost a filter, not a walk building texts.
pub struct LabelIndex {
    entries: Vec<(usize, String)>,
}

impl LabelIndex {
    /// Longest text (bytes before collapsing) an element may have to be a label.
    const LONGEST: usize = 200;

    pub fn new(dom: &Dom) -> LabelIndex {
        let mut entries = Vec::new();
        for i in dom.elements() {
            let n = dom.node(i);
            if n.raw_len > 0 && n.raw_len <= Self::LONGEST && !is_control(n) {
                if let Some(t) = dom.short_text(i) {
                    entries.push((i, t.to_string()));
                }
            }
        }
        LabelIndex { entries }
    }

    /// Elements inside `scope` whose whole shown text is the label (the deepest of each
    /// nest), as `labels::find_labels` finds them.
    pub fn find(&self, dom: &Dom, scope: usize, label: &str) -> Vec<usize> {
        let wanted = normalise_label(label);
        let longest = wanted.len() * 3 + 40;
        let end = dom.subtree_end(scope);
        let mut found: Vec<usize> = Vec::new();
        // The label alone; with a qualifier in brackets ("Work Type (Billing Code)") only
        // when the page shows it nowhere alone (`labels::is_qualified`).
        let mut qualified = true;
        for (id, text) in &self.entries {
            let alone = *text == wanted;
            if *id < scope
                || *id > end
                || dom.node(*id).raw_len > longest
                || !(alone || qualified && is_qualified(text, &wanted))
            {
                continue;
            }
            if alone && qualified {
                qualified = false;
                found.clear();
            }
            crate::labels::push_deepest(dom, &mut found, *id);
        }
        found
    }
}

impl LabelIndex {
    /// An element of `doc`'s fields whose text is one of `labels`, a colon and a value, with
    /// that value: the deepest such element, the first label that has one.
    pub fn find_inline(&self, dom: &Dom, doc: usize, labels: &str) -> Option<(usize, String)> {
        let end = dom.subtree_end(doc);
        for label in alternatives(labels) {
            let prefix = procguard_core::fill!("{}:", normalise_label(label));
            let mut found: Option<usize> = None;
            for (id, text) in &self.entries {
                let id = *id;
                if id < doc || id > end || dom.node(id).raw_len > 120 || !text.starts_with(&prefix)
                {
                    continue;
                }
                if doc_of(dom, id) != doc || !same_layer(dom, id, doc) || out_of_fields(dom, id) {
                    continue;
                }
                // Entries come in document order: a later one inside the found is deeper.
                if found.is_none_or(|f| dom.contains(f, id)) {
                    found = Some(id);
                }
            }
            if let Some(at) = found {
                if let Some(value) = value_after_colon(dom, at) {
                    return Some((at, value));
                }
            }
        }
        None
    }
}

/// Finds the field labelled by one of `labels` inside `doc`: the first label in a
/// `.ReadOnlyData` field, else the first other label (not a column heading or a note).
pub fn find_field(dom: &Dom, index: &LabelIndex, doc: usize, labels: &str) -> Option<Field> {
    // Loops, not adapter chains: each chain is its own copy in the content wasm (issue 8).
    let usable =
        |l: usize| doc_of(dom, l) == doc && same_layer(dom, l, doc) && !out_of_fields(dom, l);
    let mut candidates: Vec<usize> = Vec::new();
    for wanted in alternatives(labels) {
        for l in index.find(dom, doc, wanted) {
            if usable(l) {
                candidates.push(l);
            }
        }
        if !candidates.is_empty() {
            break;
        }
    }
    // The field's label with "Ticket" before it ("Ticket Queue"). Not "Account …": on a
    // ticket page that is the company's field (its status is not the ticket's), so the
    // company page lists those wordings itself.
    if candidates.is_empty() {
        'reworded: for wanted in alternatives(labels) {
            for l in index.find(dom, doc, &procguard_core::fill!("ticket {}", wanted)) {
                if usable(l) {
                    candidates.push(l);
                    break 'reworded;
                }
            }
        }
    }
    let mut label = *candidates.first()?;
    for &l in &candidates {
        if dom.closest(l, &|n| n.has_class("ReadOnlyData")).is_some() {
            label = l;
            break;
        }
    }
    Some(Field {
        label,
        value: value_of(dom, label),
    })
}

/// Whether the element is a field's label, or a field written whole as "Label: value" (the
/// next field of a summary drawn as lines: never an empty field's value).
fn is_known_label(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    let known = |t: &str| is_one_of(t.strip_prefix("ticket ").unwrap_or(t), KNOWN_LABELS);
    node.raw_len < 120
        && dom.short_text(id).is_some_and(|t| {
            (node.raw_len < 60 && known(t)) || split_at_text(t, ":").is_some_and(|(l, _)| known(l))
        })
}

/// The element showing a label's value.
fn value_of(dom: &Dom, label: usize) -> Option<usize> {
    // Structural first choice: `.ReadOnlyData` > `.ReadOnlyValueContainer` (or `.Value`).
    if let Some(field) = dom.closest(label, &|n| n.has_class("ReadOnlyData")) {
        if let Some(value) = dom
            .select_first(field, false, &|&i| {
                dom.node(i).has_class("ReadOnlyValueContainer")
            })
            .or_else(|| dom.select_first(field, false, &|&i| dom.node(i).has_class("Value")))
        {
            return Some(value);
        }
    }
    // Label-driven: a form control the label names (edit forms), only when the page ties
    // them (`for`, ARIA, wrapping, same row), so a read-only field never takes a later one.
    if let Some(control) = control_near_label(dom, label) {
        return Some(control);
    }
    // Label-driven: what follows the label in its row.
    let values = value_nodes_after_label(dom, label, &|id| is_known_label(dom, id));
    match values.as_slice() {
        [] => None,
        [one] => Some(*one),
        // Several siblings: their common parent shows the value (minus the label, which
        // precedes them); the first with text is a good anchor and value.
        // A loop, not `find`: each adapter is a copy of its own in the wasm (issue 8).
        many => {
            for &v in many {
                if !dom.text(v).is_empty() || is_control(dom.node(v)) {
                    return Some(v);
                }
            }
            Some(many[0])
        }
    }
}

/// The value's shown text: a control's value; the colour band's text (Status, Priority,
/// Queue) or the link's text (Account, Contact, CI) when the value is one, so a badge or
/// icon text beside it is not taken; else the value's whole text.
pub fn value_text(dom: &Dom, value: usize) -> String {
    // A control, a text, or a container showing no text, whose control inside (inline edit)
    // gives the value: what `labels::shown_value` reads.
    let node = dom.node(value);
    if is_control(node) || node.is_text() || dom.text(value).is_empty() {
        return crate::labels::shown_value(dom, value);
    }
    // Structural first choice: Autotask's `.ColorBand`; label-driven: a link.
    let shown = |i: usize| !dom.text(i).is_empty();
    let band = dom.select_first(value, false, &|&i| {
        dom.node(i).has_class("ColorBand") && shown(i)
    });
    let link = || {
        dom.select_first(value, false, &|&i| {
            let n = dom.node(i);
            (n.tag == "a" || n.role() == Some("link") || n.has_class("LinkButton2")) && shown(i)
        })
    };
    // (`Dom::text` leaves out a colour dot drawn as a glyph beside the words: "● In Progress".)
    dom.text(band.or_else(link).unwrap_or(value))
}

/// The text of a field, `None` when the label is not shown; `Some(None)` when shown but
/// with no value element.
pub fn read_text(
    dom: &Dom,
    index: &LabelIndex,
    doc: usize,
    labels: &str,
) -> Option<(Field, Option<String>)> {
    if let Some(field) = find_field(dom, index, doc, labels) {
        let text = field.value.map(|v| value_text(dom, v));
        return Some((field, text));
    }
    // The label and its value in one element: "Status: In Progress" (a summary strip).
    let (at, text) = index.find_inline(dom, doc, labels)?;
    Some((
        Field {
            label: at,
            value: Some(at),
        },
        Some(text),
    ))
}

/// Whether a shown value says "nothing here" ("None", "—", "Unassigned"): an empty field.
pub fn is_empty_value(text: &str) -> bool {
    let t = text.trim().lowercase();
    t.is_empty()
        || matches!(
            t.as_str(),
            "none"
                | "(none)"
                | "-"
                | "–"
                | "—"
                | "n/a"
                | "unassigned"
                | "not assigned"
                | "no resource"
        )
}

/// Resource names in a resource value (Primary Resource, Secondary Resources): without the
/// initials badge and without the "(Role)" suffix, in page order. "None" is no one.
pub fn resource_names(dom: &Dom, value: usize) -> Vec<(usize, String)> {
    // A loop, not `retain`: a copy of its own in the wasm for each (issue 8).
    let mut names = Vec::new();
    for entry in resource_entries(dom, value) {
        if !is_empty_value(&entry.1) {
            names.push(entry);
        }
    }
    names
}

fn resource_entries(dom: &Dom, value: usize) -> Vec<(usize, String)> {
    // An edit form's picker: the names it shows chosen ("Mission Control (Help Desk Vendor)").
    if is_control(dom.node(value)) {
        let name = strip_role(&control_value(dom, value));
        return match name.is_empty() {
            true => Vec::new(),
            false => vec![(value, name)],
        };
    }
    // Structural first choice: `.PrimaryResource` / `.ResourceListItem` entries.
    let mut items: Vec<usize> = dom.select(value, false, &|&i| {
        let n = dom.node(i);
        n.has_class("ResourceListItem") || n.has_class("PrimaryResource")
    });
    if items.is_empty() {
        // Label-driven fallback: list items, else the value as one entry.
        items = dom.select(value, false, &|&i| {
            let n = dom.node(i);
            n.tag == "li" || n.role() == Some("listitem") || n.role() == Some("option")
        });
    }
    // Loops rather than iterator chains: each chain is its own copy in the wasm (issue 8).
    let mut entries = Vec::new();
    if items.is_empty() {
        for names in names_in(dom, value) {
            for name in split_names(&names) {
                entries.push((value, name));
            }
        }
        return entries;
    }
    for item in items {
        let structural = dom
            .select_first(item, false, &|&i| dom.node(i).has_class("Name"))
            .map(|n| strip_role(&dom.text(n)))
            .filter(|n| !n.is_empty());
        let name = match structural {
            Some(name) => name,
            None => names_in(dom, item).into_iter().next().unwrap_or_default(),
        };
        if !name.is_empty() {
            entries.push((item, name));
        }
    }
    entries
}

/// Several names written in one text: "Sam Tech (Technician); Matthew Lee (Senior Engineer)".
pub fn split_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let parts = procguard_core::normalize::replace_text(text, "),", ");");
    for part in procguard_core::normalize::split_at_any(&parts, &[';']) {
        let name = strip_role(part);
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// The people shown in an element's texts, without initials badges (a separate short
/// upper-case text before a name) and "(Role)" parts: a "(Role)" text ends a person, so a
/// flat run "ST · Sam Tech · (Technician) · ML · Matthew Lee · (Senior Engineer)" gives two.
fn names_in(dom: &Dom, item: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut flush = |current: &mut Vec<String>| {
        if current.len() > 1 && is_initials(&current[0]) {
            current.remove(0);
        }
        let name = strip_role(&current.joined(" "));
        if !name.is_empty() {
            names.push(name);
        }
        current.clear();
    };
    for piece in text_pieces(dom, item) {
        if piece.starts_with("(") && piece.ends_with(")") {
            flush(&mut current);
        } else {
            current.push(piece);
        }
    }
    flush(&mut current);
    names
}

/// The texts of an element split at element boundaries (each block or inline element's own
/// text, in order).
fn text_pieces(dom: &Dom, id: usize) -> Vec<String> {
    let end = dom.subtree_end(id);
    let mut pieces = Vec::new();
    for i in id..end + 1 {
        if !dom.node(i).is_text()
            || dom
                .ancestors(i)
                .any(|a| a != id && dom.contains(id, a) && is_control(dom.node(a)))
        {
            continue;
        }
        let text = dom.text(i);
        if !text.is_empty() {
            pieces.push(text);
        }
    }
    pieces
}

fn is_initials(text: &str) -> bool {
    (1..=3).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| procguard_core::normalize::is_upper_char(c) || c.is_ascii_digit())
}

/// "Sam Tech (Technician)" → "Sam Tech".
pub fn strip_role(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(")") {
        if let Some(open) = last_byte(text, b'(') {
            let head = text[..open].trim();
            if !head.is_empty() {
                return head.to_string();
            }
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_suffix_is_dropped_from_a_name() {
        assert_eq!(strip_role("Sam Tech (Technician)"), "Sam Tech");
        assert_eq!(strip_role("Mission Control"), "Mission Control");
        assert_eq!(strip_role("(Technician)"), "(Technician)");
    }

    #[test]
    fn several_names_in_one_text_are_split() {
        assert_eq!(
            split_names("Sam Tech (Technician), Matthew Lee (Senior Engineer)"),
            vec!["Sam Tech", "Matthew Lee"]
        );
    }
}

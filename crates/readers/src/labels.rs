//! Finding fields by their visible label, the way a person does: `<label for>`,
//! `aria-labelledby`, `aria-label`, a label wrapping its control, or a label followed by
//! its value. Generated ids and hashed class names are never used to find a field.

use crate::dom::{collapse_whitespace, is_control, Dom};

/// A label as the page writes it, normalised for comparison: case folded, a trailing
/// required-marker `*` and a trailing colon dropped.
pub fn normalise_label(text: &str) -> String {
    let mut label = collapse_whitespace(text).to_lowercase();
    loop {
        let trimmed = label
            .trim_end_matches(['*', ':', ' '])
            .trim_start_matches(['*', ' '])
            .to_string();
        if trimmed == label {
            return label;
        }
        label = trimmed;
    }
}

/// Elements inside `scope` whose whole shown text is the label (the deepest such element).
pub fn find_labels(dom: &Dom, scope: usize, label: &str) -> Vec<usize> {
    let wanted = normalise_label(label);
    let longest = wanted.len() * 3 + 40;
    let mut found: Vec<usize> = Vec::new();
    for id in std::iter::once(scope).chain(dom.descendants(scope)) {
        let node = dom.node(id);
        if is_control(node) || node.raw_len > longest || node.raw_len < wanted.len() {
            continue;
        }
        if normalise_label(&dom.text(id)) == wanted {
            // Keep only the deepest: drop an ancestor already found.
            found.retain(|&f| !dom.contains(f, id));
            found.push(id);
        }
    }
    found
}

/// Elements inside `scope` whose text starts with `prefix` (for long labels that carry a
/// note or a helper text in the same element).
pub fn find_labels_starting(dom: &Dom, scope: usize, prefix: &str) -> Vec<usize> {
    let wanted = normalise_label(prefix);
    let mut found: Vec<usize> = Vec::new();
    for id in std::iter::once(scope).chain(dom.descendants(scope)) {
        let node = dom.node(id);
        if is_control(node) || node.raw_len < wanted.len() || node.raw_len > 2000 {
            continue;
        }
        if normalise_label(&dom.text(id)).starts_with(&wanted) {
            found.retain(|&f| !dom.contains(f, id));
            found.push(id);
        }
    }
    found
}

/// The control a label names, or `None` when the label labels no control.
pub fn control_for_label(dom: &Dom, label: usize) -> Option<usize> {
    let node = dom.node(label);
    // 1. <label for="x">
    if let Some(target) = node.attr("for").and_then(|id| dom.by_id(id)) {
        return Some(control_inside(dom, target).unwrap_or(target));
    }
    // 2. aria-labelledby naming the label's id (a control, or a group holding one).
    if let Some(label_id) = node.attr("id") {
        let labelled: Vec<usize> = dom
            .elements()
            .filter(|&i| {
                dom.node(i)
                    .attr("aria-labelledby")
                    .is_some_and(|ids| ids.split_ascii_whitespace().any(|x| x == label_id))
            })
            .collect();
        if let Some(&control) = labelled
            .iter()
            .find(|&&i| is_value_control(dom, i))
        {
            return Some(control);
        }
        if let Some(control) = labelled.iter().find_map(|&g| control_inside(dom, g)) {
            return Some(control);
        }
    }
    // 3. A <label> wrapping its control.
    if node.tag == "label" {
        if let Some(control) = control_inside(dom, label) {
            return Some(control);
        }
    }
    // 4. The nearest control after the label inside a small enclosing container.
    control_after(dom, label)
}

/// A control (not a radio or checkbox choice) inside `scope`, or `scope` itself.
fn control_inside(dom: &Dom, scope: usize) -> Option<usize> {
    std::iter::once(scope)
        .chain(dom.descendants(scope))
        .find(|&i| is_value_control(dom, i))
}

fn is_value_control(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    is_control(node)
        && node.checked.is_none()
        && node.role() != Some("radiogroup")
        && node.attr("type") != Some("radio")
        && node.attr("type") != Some("checkbox")
}

/// The first control following the label in document order, within the nearest of the
/// label's ancestors (up to three levels) that holds one.
fn control_after(dom: &Dom, label: usize) -> Option<usize> {
    for ancestor in dom.ancestors(label).take(3) {
        let end = dom.subtree_end(ancestor);
        if let Some(found) = (label + 1..=end)
            .filter(|&i| !dom.node(i).is_text())
            .find(|&i| is_value_control(dom, i))
        {
            return Some(found);
        }
    }
    None
}

/// The value a control shows: an input's current value, a select's selected option, a
/// custom combobox's displayed text (decorations hidden with aria-hidden are already gone).
pub fn control_value(dom: &Dom, control: usize) -> String {
    let node = dom.node(control);
    match node.value.as_deref() {
        Some(value) => collapse_whitespace(value),
        None => {
            let mut out = String::new();
            for &child in &node.children {
                out.push(' ');
                out.push_str(&dom.text(child));
            }
            collapse_whitespace(&out)
        }
    }
}

/// The value shown for a label: its control's value, or else the first text after the label
/// (a heading under an overline, a `dd` after its `dt`, a value cell after a label cell).
pub fn value_for_label(dom: &Dom, label: usize) -> Option<(usize, String)> {
    if let Some(control) = control_for_label(dom, label) {
        return Some((control, control_value(dom, control)));
    }
    text_after_label(dom, label)
}

/// The first element with text of its own after the label, inside the label's nearest
/// ancestor (up to three levels) that holds more than the label.
pub fn text_after_label(dom: &Dom, label: usize) -> Option<(usize, String)> {
    let after = dom.subtree_end(label) + 1;
    for ancestor in dom.ancestors(label).take(3) {
        if let Some(leaf) = dom.first_text_leaf(ancestor, after) {
            if dom.contains(ancestor, leaf) {
                return Some((leaf, dom.text(leaf)));
            }
        }
    }
    None
}

/// First label found among `labels` (alternative wordings) inside `scope`.
pub fn find_any_label(dom: &Dom, scope: usize, labels: &[&str]) -> Option<usize> {
    labels
        .iter()
        .find_map(|l| find_labels(dom, scope, l).into_iter().next())
}

/// Extracts the first email address in a text such as `Jane Roe (jane@acme.com)`.
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"'))
        .find(|token| {
            let mut parts = token.split('@');
            matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if !a.is_empty() && b.contains('.'))
        })
        .map(|s| s.trim_end_matches('.').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_ignore_required_marker_colon_and_case() {
        assert_eq!(normalise_label(" Domain *"), "domain");
        assert_eq!(normalise_label("Date of Acceptance:"), "date of acceptance");
        assert_eq!(normalise_label("* Status"), "status");
    }

    #[test]
    fn email_is_taken_from_a_display_name() {
        assert_eq!(
            email_in("Jane Roe (jane@acmedental.com)").as_deref(),
            Some("jane@acmedental.com")
        );
        assert_eq!(email_in("Sam Tech <sam@ggit.example>").as_deref(), Some("sam@ggit.example"));
        assert_eq!(email_in("Select a contact"), None);
    }
}

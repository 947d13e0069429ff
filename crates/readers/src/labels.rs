//! Finding fields by their visible label, the way a person does: `<label for>`,
//! `aria-labelledby`, `aria-label`, a label wrapping its control, or a label followed by
//! its value. Generated ids and hashed class names are never used to find a field.

use crate::dom::{collapse_whitespace, is_control, is_heading, is_inline, value_words, Dom};
use procguard_core::model::HelpDeskPlan;
use procguard_core::normalize::{
    alternatives, has_text, is_word_char, last_byte, split_at_text, Lowercase,
};

/// A label as the page writes it, normalised for comparison: case folded, a trailing
/// required-marker `*` and a trailing colon dropped, and a trailing hint in brackets that
/// names no field: symbols ("Seat Adjustment (+/-)") or "(optional)", "(required)".
pub fn normalise_label(text: &str) -> String {
    // The readers' own names of fields ("Date of Acceptance") are looked up several times a
    // read: plain ASCII words one space apart need only their case folded (collapsing,
    // lowercasing and trimming them were a tenth of a re-read of a 200-line cart).
    if is_plain_label(text) {
        return text.to_ascii_lowercase();
    }
    normalise_label_text(text)
}

/// ASCII letters and digits in words one space apart, starting with a letter and ending in a
/// letter or a digit: what `normalise_label_text` only lowercases.
fn is_plain_label(text: &str) -> bool {
    // Starts after a space, as it were: no space first, none after another, none last.
    let mut after_space = true;
    for &b in text.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => after_space = false,
            _ => return false,
        }
    }
    text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && !after_space
}

fn normalise_label_text(text: &str) -> String {
    let mut label = collapse_whitespace(text).lowercase();
    loop {
        // A help mark after the label ("Email ?", "Quantity ⓘ") or a sortable column's
        // arrow ("Product ⇅", "Qty ▲") names no field.
        let mut trimmed = procguard_core::normalize::trim_ascii(
            label.trim_end_matches(is_mark_after_label),
            b"* ",
            b"",
        )
        .to_string();
        if let (Some(open), true) = (last_byte(&trimmed, b'('), trimmed.ends_with(")")) {
            let hint = &trimmed[open + 1..trimmed.len() - 1];
            if open > 0
                // Any letter outside ASCII counts as a word (`char::is_alphanumeric` would
                // bring std's Unicode tables into the content wasm: 2 KB gzip).
                && (!hint.chars().any(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
                    || hint == "optional"
                    || hint == "required")
            {
                trimmed.truncate(open);
            }
        }
        if trimmed == label {
            return label;
        }
        label = trimmed;
    }
}

/// What a page draws after a label that names no field: a required star, a colon, an
/// abbreviation's full stop ("Qty."), a help mark ("?", "ⓘ"), a sortable column's arrow or
/// triangle ("⇅", "▲": the Arrows and Geometric Shapes blocks, "⬆", "⏶").
fn is_mark_after_label(c: char) -> bool {
    matches!(
        c,
        '*' | ':'
            | '.'
            | ' '
            | '?'
            | '\u{24d8}'
            | '\u{2139}'
            | '\u{2b06}'
            | '\u{2b07}'
            | '\u{23f6}'
            | '\u{23f7}'
    ) || ('\u{2190}'..='\u{21ff}').contains(&c)
        || ('\u{25a0}'..='\u{25ff}').contains(&c)
}

/// Elements inside `scope` whose whole shown text is the label (the deepest such element).
pub fn find_labels(dom: &Dom, scope: usize, label: &str) -> Vec<usize> {
    let wanted = normalise_label(label);
    let longest = wanted.len() * 3 + 40;
    let end = dom.subtree_end(scope);
    let mut found: Vec<usize> = Vec::new();
    // The elements with that text, in document order: the same ones, in the same order, as a
    // walk of the scope comparing each node's text finds (the index leaves out text nodes and
    // empty texts, which only the scope itself, or an empty label, could give).
    let indexed = !wanted.is_empty() && !dom.node(scope).is_text();
    let mut candidates = if indexed {
        dom.with_short_text(&wanted)
    } else {
        walk(dom, scope, |text| text == wanted)
    };
    // Then, when none is in the scope, the label with a qualifier in brackets ("Work Type
    // (Billing Code)"): found so only when the page shows the words alone nowhere in the
    // scope, so a label whose qualifier names a field of its own ("Primary Resource (Role)")
    // is still found by its whole text first.
    for qualifier in [false, true] {
        if qualifier {
            if !found.is_empty() || !indexed {
                break;
            }
            // In the index's order (by text, then in document order): an element before
            // those inside it that show the same text, as the search for the deepest needs.
            candidates = dom.with_short_text_where(&wanted, &|t| t.starts_with(&wanted));
        }
        for &id in &candidates {
            let node = dom.node(id);
            if id < scope
                || id > end
                || (node.is_text() && id != scope)
                || is_control(node)
                || node.raw_len > longest
                || qualifier && !dom.short_text(id).is_some_and(|t| is_qualified(t, &wanted))
            {
                continue;
            }
            if is_phrase_fragment(dom, id) {
                continue;
            }
            push_deepest(dom, &mut found, id);
        }
    }
    found
}

/// Whether the element is a word or two of a longer phrase that a link, a button, a heading
/// or bold text shows as one: `<a><em>Account</em> Management Area</a>` in a menu, `<h2><em>
/// Customer</em> Details</h2>` (a search highlight, a styled first word). Its words name no
/// field there. A word in plain running text may still be a label followed by its value
/// (`<p><b>Account</b> Acme Dental LLC</p>`): only those wrappers make one phrase.
fn is_phrase_fragment(dom: &Dom, id: usize) -> bool {
    let mut at = id;
    while is_inline(dom.node(at)) {
        let Some(parent) = dom.node(at).parent else {
            break;
        };
        let p = dom.node(parent);
        if is_heading(p)
            || matches!(p.tag.as_str(), "a" | "button" | "b" | "strong")
            || matches!(p.role(), Some("link" | "button"))
        {
            return dom.short_text(parent) != dom.short_text(id);
        }
        at = parent;
    }
    false
}

/// Whether a normalised label is `wanted` followed by one qualifier in brackets ("work type
/// (billing code)" for "work type"): the same field with its words said another way.
pub fn is_qualified(text: &str, wanted: &str) -> bool {
    let n = wanted.len();
    text.len() > n + 3
        && text.as_bytes().starts_with(wanted.as_bytes())
        // Its last "(" opens the qualifier, right after the words and a space.
        && last_byte(text, b'(') == Some(n + 1)
        && text.as_bytes()[n] == b' '
        && last_byte(text, b')') == Some(text.len() - 1)
}

/// Elements inside `scope` whose text starts with `prefix` (for long labels that carry a
/// note or a helper text in the same element).
pub fn find_labels_starting(dom: &Dom, scope: usize, prefix: &str) -> Vec<usize> {
    let wanted = normalise_label(prefix);
    let end = dom.subtree_end(scope);
    let mut found: Vec<usize> = Vec::new();
    let candidates = if wanted.is_empty() || dom.node(scope).is_text() {
        walk(dom, scope, |text| text.starts_with(&wanted))
    } else {
        dom.with_short_text_starting(&wanted)
    };
    for id in candidates {
        let node = dom.node(id);
        if id < scope
            || id > end
            || (node.is_text() && id != scope)
            || is_control(node)
            || is_phrase_fragment(dom, id)
        {
            continue;
        }
        push_deepest(dom, &mut found, id);
    }
    found
}

/// Adds `id` to `found` (in document order), keeping only the deepest: an ancestor of it
/// already found is dropped. One function for every label search, so that the content wasm
/// has one copy of it (issue 8).
pub(crate) fn push_deepest(dom: &Dom, found: &mut Vec<usize>, id: usize) {
    keep_where(found, &|f| !dom.contains(f, id));
    found.push(id);
}

/// `list.retain(keep)` for lists of node indexes, with one copy in the content wasm for every
/// caller (std's `retain` is a copy per closure, issue 8).
pub(crate) fn keep_where(list: &mut Vec<usize>, keep: &dyn Fn(usize) -> bool) {
    let mut kept = 0;
    for at in 0..list.len() {
        let item = list[at];
        if keep(item) {
            list[kept] = item;
            kept += 1;
        }
    }
    list.truncate(kept);
}

/// The scope and the elements inside it whose short text matches, in document order: what
/// the short-text index answers, for the searches it does not cover.
fn walk(dom: &Dom, scope: usize, matches: impl Fn(&str) -> bool) -> Vec<usize> {
    dom.select(scope, true, &|&id| dom.short_text(id).is_some_and(&matches))
}

/// The element that does the labelling when the label's text is wrapped in inner elements
/// (`<label for="upn"><span>UPN</span></label>`, a `<font>` or an icon's text beside it): the
/// nearest ancestor showing the same text that is a `<label>` or is named by an
/// `aria-labelledby`. `find_labels` gives the deepest element with the text, which names no
/// control itself.
fn labelling_element(dom: &Dom, label: usize) -> usize {
    let node = dom.node(label);
    let text = dom.short_text(label);
    if node.tag == "label" || node.attr("id").is_some() || text.is_none() {
        return label;
    }
    for a in dom.ancestors(label) {
        if dom.short_text(a) != text {
            break;
        }
        let n = dom.node(a);
        let named = n
            .attr("id")
            .is_some_and(|id| (0..dom.nodes.len()).any(|m| names_by_id(dom.node(m), id)));
        if n.tag == "label" || named {
            return a;
        }
    }
    label
}

/// The control a label names, or `None` when the label labels no control.
pub fn control_for_label(dom: &Dom, label: usize) -> Option<usize> {
    // 4. The nearest control after the label inside a small enclosing container.
    control_tied_to_label(dom, label)
        .or_else(|| control_under_heading(dom, label))
        .or_else(|| control_after(dom, labelling_element(dom, label)))
}

/// A form drawn as a table, its fields' names as column headings and their boxes in the row
/// under them ("Domain | Date of Acceptance" over two boxes): the control in the heading's
/// columns of the next row. The control after the heading in the page's order is the first
/// column's, whichever the heading. Columns are counted with what each heading before it
/// spans (`colspan`), less the headings that reach down into the next row (`rowspan`),
/// which have no cell of their own there. Not through `table::tables`: the Autotask module
/// reads no table otherwise, and the whole table reader would be 3.4 KB more of it (issue 8).
fn control_under_heading(dom: &Dom, label: usize) -> Option<usize> {
    use crate::table::{is_header_cell, is_row, is_table, own_cells, span, spanned};
    let heading = dom.closest(label, &is_header_cell)?;
    let row = dom.closest(heading, &is_row)?;
    let table = dom.closest(row, &is_table)?;
    let end = dom.subtree_end(row);
    let next = dom.select_first(table, false, &|&i| {
        i > end && is_row(dom.node(i)) && dom.closest(i, &is_table) == Some(table)
    })?;
    let cells = own_cells(dom, next);
    let mut column = 0;
    for cell in own_cells(dom, row) {
        let across = span(dom, cell);
        if cell == heading {
            let end = cells.len().min(column + across);
            for &under in cells.get(column..end)? {
                if let Some(control) = control_inside(dom, under) {
                    return Some(control);
                }
            }
            break;
        }
        if spanned(dom, cell, "rowspan", "aria-rowspan", 2) == 1 {
            column += across;
        }
    }
    None
}

/// The control the page itself ties to a label: by `<label for>`, by `aria-labelledby`, or
/// by the label wrapping it. Never a control merely near it.
pub fn control_tied_to_label(dom: &Dom, label: usize) -> Option<usize> {
    let label = labelling_element(dom, label);
    let node = dom.node(label);
    // 1. <label for="x">
    if let Some(target) = node.attr("for").and_then(|id| dom.by_id(id)) {
        return Some(control_inside(dom, target).unwrap_or(target));
    }
    // 2. aria-labelledby naming the label's id (a control, or a group holding one).
    if let Some(label_id) = node.attr("id") {
        let mut labelled: Vec<usize> = Vec::new();
        for i in 0..dom.nodes.len() {
            if names_by_id(dom.node(i), label_id) {
                labelled.push(i);
            }
        }
        if let Some(&control) = labelled.iter().find(|&&i| is_value_control(dom, i)) {
            return Some(control);
        }
        if let Some(control) = labelled.iter().find_map(|&g| control_inside(dom, g)) {
            return Some(control);
        }
    }
    // 3. A <label> wrapping its control, or a group of choices (a drop-down drawn as radios
    // and put where the select was).
    if node.tag == "label" {
        return control_inside(dom, label).or_else(|| {
            dom.select_first(label, false, &|&i| {
                matches!(dom.node(i).role(), Some("radiogroup" | "listbox"))
            })
        });
    }
    None
}

/// Whether the node's `aria-labelledby` names the element with the id `id`.
fn names_by_id(node: &crate::dom::Node, id: &str) -> bool {
    node.attr("aria-labelledby")
        .is_some_and(|ids| ids.split_ascii_whitespace().any(|x| x == id))
}

/// A control (not a radio or checkbox choice) inside `scope`, or `scope` itself.
fn control_inside(dom: &Dom, scope: usize) -> Option<usize> {
    dom.select_first(scope, true, &|&i| is_value_control(dom, i))
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
    for ancestor in dom.ancestors_up_to(label, 3) {
        let end = dom.subtree_end(ancestor);
        for i in label + 1..end + 1 {
            if !dom.node(i).is_text() && is_value_control(dom, i) {
                return Some(i);
            }
        }
    }
    None
}

/// The value a control shows: an input's current value, a select's selected option, a
/// custom combobox's displayed text (decorations hidden with aria-hidden are already gone).
pub fn control_value(dom: &Dom, control: usize) -> String {
    let node = dom.node(control);
    match node.value.as_deref() {
        Some(value) if node.tag == "input" && value.trim().is_empty() => chips_before(dom, control),
        Some(value) => collapse_whitespace(value),
        // An ARIA control's text, as the page shows it: its children's words, without a
        // break at a word's emphasis or a break opportunity ("jane@<wbr>acme.com").
        // A group of choices shows the one ticked or selected; none, nothing.
        None if matches!(node.role(), Some("radiogroup" | "listbox")) => {
            for i in dom.descendants(control) {
                let n = dom.node(i);
                if n.is_ticked() || n.attr("aria-selected") == Some("true") {
                    return choice_label(dom, i);
                }
            }
            String::new()
        }
        None => {
            let mut out = String::new();
            for &child in &node.children {
                dom.push_text(child, &mut out);
            }
            value_words(&out)
        }
    }
}

/// What an empty box of a picker that shows its choices as chips before the box (MUI's
/// Autocomplete: `<div role="button">Jane Roe (jane@…)</div><input value="">`) has chosen:
/// the chips' words, joined by ", "; empty when nothing is chosen. A chip is a button (it
/// is removed by a click): a prefix drawn before a box ("$", "https://") is not one.
fn chips_before(dom: &Dom, control: usize) -> String {
    let is_chip = |n: &crate::dom::Node| n.tag == "button" || n.role() == Some("button");
    let mut out = String::new();
    let Some(parent) = dom.node(control).parent else {
        return out;
    };
    for &c in &dom.node(parent).children {
        if c == control {
            break;
        }
        if !is_chip(dom.node(c)) {
            continue;
        }
        // Its words, without its own remove button's ("×").
        let mut words = String::new();
        for &part in &dom.node(c).children {
            if !is_chip(dom.node(part)) {
                dom.push_text(part, &mut words);
            }
        }
        let words = value_words(&words);
        if !words.is_empty() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&words);
        }
    }
    out
}

/// What an element shows: a control's value, else its text, else (showing no text) the value
/// of the first control inside it.
pub fn shown_value(dom: &Dom, id: usize) -> String {
    if is_control(dom.node(id)) {
        return control_value(dom, id);
    }
    let text = dom.text(id);
    if !text.is_empty() {
        return text;
    }
    // A value drawn as a box to edit inside its element (an edit form: `<div
    // class="field-value"><input value="Per-Device (Onboarded)"></div>`) shows the box's.
    dom.first_control(id, false)
        .map_or(text, |control| control_value(dom, control))
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
/// ancestor (up to three levels) that holds more than the label; or a control showing a
/// value that comes before any such text (a picker under an overline: "Company", then the
/// company chosen in a drop-down, then a chip), its value.
pub fn text_after_label(dom: &Dom, label: usize) -> Option<(usize, String)> {
    let after = dom.subtree_end(label) + 1;
    for ancestor in dom.ancestors_up_to(label, 3) {
        let (mut i, end) = (after, dom.subtree_end(ancestor));
        while i <= end {
            let n = dom.node(i);
            if is_value_control(dom, i) {
                let value = control_value(dom, i);
                if !value.is_empty() {
                    return Some((i, value));
                }
                // An empty box is passed over, with what it holds (a select's options).
                i = dom.subtree_end(i);
            } else if !n.is_text() && !is_control(n) && dom.has_own_text(i) {
                return Some((i, dom.text(i)));
            }
            i += 1;
        }
    }
    None
}

/// A field written whole in one element, "Label: value": the first such element inside
/// `scope` for one of `labels` (in their order, [`alternatives`]) that shows a value, and the
/// value.
pub fn inline_value(dom: &Dom, scope: usize, labels: &str) -> Option<(usize, String)> {
    for label in alternatives(labels) {
        let wanted = normalise_label(label);
        for at in find_labels_starting(dom, scope, label) {
            let text = dom.text(at);
            let Some((name, value)) = split_at_text(&text, ":") else {
                continue;
            };
            let value = value.trim();
            if normalise_label(name) == wanted && !value.is_empty() {
                // A label tied to a box, with an icon's ligature after its colon ("Domain:
                // info"): the box holds the value.
                if let Some(control) = control_tied_to_label(dom, at) {
                    return Some((control, control_value(dom, control)));
                }
                return Some((at, value.to_string()));
            }
        }
    }
    None
}

/// The value of an element that reads "Label: value" (`None` when nothing follows the colon).
pub fn value_after_colon(dom: &Dom, at: usize) -> Option<String> {
    let text = dom.text(at);
    let value = split_at_text(&text, ":")?.1.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// For a field shown without a label: the first control inside `scope` that names itself
/// (`aria-label`, `placeholder` or `title`) with one of `labels` (alternative wordings,
/// compared as labels are: "Domain *" is "Domain").
pub fn control_named(dom: &Dom, scope: usize, labels: &str) -> Option<usize> {
    for l in alternatives(labels) {
        if let Some(&control) = dom.controls_named(scope, &normalise_label(l)).first() {
            return Some(control);
        }
    }
    None
}

/// The one text box inside `scope` whose hint says what it holds (its placeholder, or the
/// helper text its `aria-describedby` names, lowercased, passes `says`; a date box counts
/// as hinting "yyyy-mm-dd"): a field whose label procguard does not know, found by meaning.
/// `None` when no box or more than one does.
pub fn control_hinted(dom: &Dom, scope: usize, says: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut found = None;
    for i in dom.select(scope, false, &|&i| dom.node(i).tag == "input") {
        let node = dom.node(i);
        let kind = node.attr("type").unwrap_or("text");
        if !matches!(kind, "text" | "date" | "search" | "url") {
            continue;
        }
        let hinted = (kind == "date" && says("yyyy-mm-dd"))
            || node
                .attr("placeholder")
                .is_some_and(|p| says(&p.lowercase()))
            || node
                .attr("aria-describedby")
                .unwrap_or_default()
                .split_ascii_whitespace()
                .filter_map(|id| dom.by_id(id))
                .any(|helper| says(&dom.text(helper).lowercase()));
        if hinted {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// The control of a field: the one its `label` ties (`Some(None)` when the label is shown
/// but ties none: unreadable), or without a label shown, the control inside `scope` named
/// by one of `labels` (`None`: the field is not shown).
pub fn field_control(
    dom: &Dom,
    label: Option<usize>,
    scope: usize,
    labels: &str,
) -> Option<Option<usize>> {
    match label {
        Some(label) => Some(control_for_label(dom, label)),
        None => control_named(dom, scope, labels).map(Some),
    }
}

/// First label found among `labels` (alternative wordings, [`alternatives`]) inside `scope`.
pub fn find_any_label(dom: &Dom, scope: usize, labels: &str) -> Option<usize> {
    for l in alternatives(labels) {
        if let Some(&found) = find_labels(dom, scope, l).first() {
            return Some(found);
        }
    }
    None
}

/// First element found, among `prefixes` (alternative wordings, in order), whose text starts
/// with one (`find_labels_starting`).
pub fn find_any_label_starting(dom: &Dom, scope: usize, prefixes: &str) -> Option<usize> {
    for p in alternatives(prefixes) {
        if let Some(&found) = find_labels_starting(dom, scope, p).first() {
            return Some(found);
        }
    }
    None
}

/// Labels procguard does not know by their whole text, found by their words: the deepest
/// elements inside `scope` with a short text (under 60 bytes, normalised as a label) that
/// `says` accepts, never a column heading.
pub fn labels_saying(dom: &Dom, scope: usize, says: &dyn Fn(&str) -> bool) -> Vec<usize> {
    let found = dom.select(scope, false, &|&i| {
        let n = dom.node(i);
        !n.is_text() && n.raw_len < 60 && dom.short_text(i).is_some_and(says)
    });
    let mut labels = dom.innermost(&found);
    keep_where(&mut labels, &|l| !in_column_heading(dom, l));
    labels
}

/// Whether `word` is one of the words of `text` (runs of ASCII letters and digits).
pub fn has_word(text: &str, word: &str) -> bool {
    // By bytes: a character outside ASCII parts words as any other separator does. A loop,
    // not `split(..).any(..)`: the adapter is three times its size in the wasm (issue 8).
    let bytes = text.as_bytes();
    let mut start = 0;
    while start <= bytes.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if &bytes[start..end] == word.as_bytes() {
            return true;
        }
        start = end + 1;
    }
    false
}

/// The nodes that show a label's value when a page lays a field out as a label followed by
/// its value: a `dt` and its `dd`s, a label cell and the next cell, or a label element and
/// the elements after it in the same row. Climbs from the label while its wrappers hold
/// nothing but the label (decorations without text or children are passed over), then
/// takes the following siblings, stopping at the next label (`is_label`, or a `dt`/`th`).
/// Empty when the value is empty, or when the next thing after the label is another label.
pub fn value_nodes_after_label(
    dom: &Dom,
    label: usize,
    is_label: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    let label_text = normalise_label(&dom.text(label));
    let mut item = label;
    for _ in 0..6 {
        let Some(parent) = dom.node(item).parent else {
            return Vec::new();
        };
        let children = &dom.node(parent).children;
        let after = children
            .iter()
            .position(|&c| c == item)
            .map_or(children.len(), |p| p + 1);
        let mut siblings: Vec<usize> = Vec::new();
        for &c in &children[after..] {
            if (!dom.node(c).is_text() || !dom.text(c).is_empty()) && !is_label_mark(dom, c) {
                siblings.push(c);
            }
        }
        let tag = dom.node(item).tag.as_str();
        // A term, a heading cell or a heading starts the next part of the page: never part
        // of a value.
        let is_heading = |id: usize| {
            let node = dom.node(id);
            matches!(
                node.tag.as_str(),
                "dt" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            ) || node.role() == Some("rowheader")
        };
        let stops = |id: usize| is_heading(id) || is_label(id);
        if matches!(tag, "dt" | "th" | "td")
            || matches!(
                dom.node(item).role(),
                Some("rowheader" | "cell" | "gridcell")
            )
        {
            // A definition term: its definitions, whatever they say (a Source of "Phone" is
            // also the word of a company's field).
            if tag == "dt" {
                return until_stop(siblings, &|id| dom.node(id).tag != "dd");
            }
            // A label cell: the next cell. A data cell styled otherwise than the label cell is
            // the value even when its words are a label too ("Source | Phone | Work Type |"
            // with label cells of their own class).
            if let Some(&next) = siblings.first() {
                let n = dom.node(next);
                if tag == "td" && n.tag == "td" && n.attr("class") != dom.node(item).attr("class") {
                    return vec![next];
                }
            }
            let mut first = until_stop(siblings, &stops);
            first.truncate(1);
            return first;
        }
        // Text, a control, or an element holding an element or text (not only whitespace: an
        // icon placeholder in pretty-printed markup is as empty as one without it).
        let substantive = |id: usize| {
            let node = dom.node(id);
            node.is_text()
                || is_control(node)
                || node.children.iter().any(|&c| {
                    let child = dom.node(c);
                    !child.is_text() || child.raw_len > 0
                })
        };
        let shown = siblings.iter().filter(|&&s| substantive(s)).count();
        if let Some(&first) = siblings.iter().find(|&&s| substantive(s)) {
            if stops(first) || starts_with_label(dom, first, &is_label) {
                // Words that are also a label ("Phone" as a ticket's Source) as the one thing
                // after the label are its value; followed by more, they are the next field's
                // label and this one is empty. A heading cell is never a value.
                // A block that starts with a label and shows more is the next field: this
                // one is empty (its value element shows nothing).
                // A label with its own value ("Configuration Item: ACME-FRONT-01") is the
                // next field whole.
                let whole_field = || dom.short_text(first).is_some_and(|t| has_text(t, ":"));
                return if is_heading(first) || shown > 1 || !stops(first) || whole_field() {
                    Vec::new()
                } else {
                    vec![first]
                };
            }
            return until_stop(siblings, &stops);
        }
        if normalise_label(&dom.text(parent)) != label_text {
            return Vec::new();
        }
        item = parent;
    }
    Vec::new()
}

/// The nodes before the first that `stops` (the next field's label).
fn until_stop(mut nodes: Vec<usize>, stops: &dyn Fn(usize) -> bool) -> Vec<usize> {
    if let Some(at) = nodes.iter().position(|&n| stops(n)) {
        nodes.truncate(at);
    }
    nodes
}

/// Whether `id` only marks the label before it: a required-field star or a colon in an
/// element of its own (`<div class="Required">*</div>`). Such a mark is part of the label,
/// never its value; an empty element is not a mark (it may be an empty value).
fn is_label_mark(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    node.raw_len > 0
        && node.raw_len <= 12
        && normalise_label(&dom.text(id)).is_empty()
        && dom.first_control(id, true).is_none()
}

/// Whether `id` is a label or begins with one (its first element with text of its own).
fn starts_with_label(dom: &Dom, id: usize, is_label: &impl Fn(usize) -> bool) -> bool {
    is_label(id) || dom.first_text_leaf(id, id).is_some_and(is_label)
}

/// The control a label names, accepted only when the page ties them: `<label for>`,
/// `aria-labelledby`, a label wrapping its control, or else a control in the label's own row
/// (its parent or grandparent) with no other label (`label`, `dt`, `th`) between them. A
/// definition term or a column heading never takes a control from further down the page.
pub fn control_near_label(dom: &Dom, label: usize) -> Option<usize> {
    let label = labelling_element(dom, label);
    let control = control_for_label(dom, label)?;
    let node = dom.node(label);
    let by_for = node
        .attr("for")
        .and_then(|id| dom.by_id(id))
        .is_some_and(|target| dom.contains(target, control));
    let by_aria = node
        .attr("id")
        .is_some_and(|id| dom.closest(control, &|n| names_by_id(n, id)).is_some());
    if by_for || by_aria || dom.contains(label, control) {
        return Some(control);
    }
    if matches!(node.tag.as_str(), "dt" | "th") {
        return None;
    }
    // The document's body is no row: a label placed straight in it ("Account:" in a header
    // bar) does not take the first box of the form further down. Counted from the label's
    // block: the wrappers that show nothing but its words (`<span><font>UPN *</font>
    // <button>?</button></span>` in a cell) are the label still.
    let text = dom.short_text(label);
    let mut block = label;
    for a in dom.ancestors(label) {
        if dom.short_text(a) != text {
            break;
        }
        block = a;
    }
    let in_row = dom
        .ancestors_up_to(block, 2)
        .any(|a| dom.node(a).tag != "body" && dom.contains(a, control));
    let between = (dom.subtree_end(label) + 1..control).any(|i| {
        let n = dom.node(i);
        matches!(n.tag.as_str(), "label" | "dt" | "th")
    });
    (in_row && !between).then_some(control)
}

/// Whether the element is, or is inside, a column heading: an ARIA `columnheader`, a `th`
/// in a `thead` or with `scope=col`, or a `th` in a row of headings only. A row heading (a
/// `th` beside its `td`, or `scope=row`) labels a field and is not one.
pub fn in_column_heading(dom: &Dom, id: usize) -> bool {
    // Whether the row of a heading cell holds a data cell (showing something, with
    // `showing`): a heading followed by a value in its row heads that row.
    let row_has_data = |n: &crate::dom::Node, showing: bool| {
        n.parent.is_some_and(|row| {
            dom.node(row).children.iter().any(|&c| {
                let cell = dom.node(c);
                (cell.tag == "td" || matches!(cell.role(), Some("cell" | "gridcell")))
                    && (!showing || !dom.text(c).is_empty())
            })
        })
    };
    // `closest`, not a chain of the node and its ancestors: the chain's search is a copy of
    // its own in the wasm (issue 8).
    let heads = |n: &crate::dom::Node| {
        if n.tag == "thead" {
            return true;
        }
        // A "columnheader" followed by a value in its row heads the row (a grid drawing a
        // record's fields as rows of "columnheader" and "cell" read as no field at all);
        // an empty cell beside it is a header row's spacer.
        if n.role() == Some("columnheader") {
            return n.attr("scope") != Some("row") && !row_has_data(n, true);
        }
        if n.tag != "th" || n.role().is_some() {
            return false;
        }
        match n.attr("scope") {
            Some("col" | "colgroup") => true,
            Some("row" | "rowgroup") => false,
            _ => !row_has_data(n, false),
        }
    };
    dom.closest(id, &heads).is_some()
}

/// The words naming a choice (a radio, checkbox or ARIA radio/option): its `<label for>`, a
/// label wrapping it, `aria-label`, `aria-labelledby`, its own text (ARIA widgets), or else
/// the text right after it in its parent.
pub fn choice_label(dom: &Dom, choice: usize) -> String {
    let node = dom.node(choice);
    // Loops rather than iterator chains: each chain is its own copy in the wasm (issue 8).
    if let Some(id) = node.attr("id") {
        for (i, n) in dom.nodes.iter().enumerate() {
            if n.tag == "label" && n.attr("for") == Some(id) {
                return dom.text(i);
            }
        }
    }
    if let Some(label) = dom.closest(choice, &|n| n.tag == "label") {
        return dom.text(label);
    }
    if let Some(label) = node.attr("aria-label") {
        return collapse_whitespace(label);
    }
    if let Some(ids) = node.attr("aria-labelledby") {
        // The named elements' texts joined by spaces, whenever one of them exists.
        let mut text = String::new();
        let mut named = false;
        for id in ids.split_ascii_whitespace() {
            if let Some(l) = dom.by_id(id) {
                if named {
                    text.push(' ');
                }
                named = true;
                text.push_str(&dom.text(l));
            }
        }
        if named {
            return text;
        }
    }
    let own = dom.text(choice);
    if !own.is_empty() {
        return own;
    }
    let mut after = String::new();
    if let Some(parent) = node.parent {
        // The siblings after the choice, up to the next control.
        let mut seen = false;
        for &c in &dom.node(parent).children {
            if !seen {
                seen = c == choice;
                continue;
            }
            if is_control(dom.node(c)) {
                break;
            }
            after.push(' ');
            after.push_str(&dom.text(c));
        }
    }
    collapse_whitespace(&after)
}

/// Whether the element is something a user clicks to act: a button, an ARIA button, or a
/// submit/button input.
pub fn is_button(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    // Links too: design systems draw actions as links ("Checkout" as `<a href="/checkout">`),
    // and one missed is an order that is not held. Only their exact words make them targets.
    matches!(node.tag.as_str(), "button" | "a")
        || matches!(node.role(), Some("button" | "link"))
        || (node.tag == "input" && matches!(node.attr("type"), Some("submit" | "button")))
}

/// The words a button shows: its text, an input's value, or its aria-label; without glyphs
/// drawn around them ("✓ Submit →" says "Submit").
pub fn button_text(dom: &Dom, id: usize) -> String {
    let node = dom.node(id);
    let text = if node.tag == "input" {
        node.value.clone().unwrap_or_default()
    } else {
        dom.text(id)
    };
    let text = collapse_whitespace(text.trim_matches(|c: char| !is_word_char(c)));
    if text.is_empty() {
        node.attr("aria-label")
            .map(collapse_whitespace)
            .unwrap_or_default()
    } else {
        text
    }
}

/// Buttons inside `scope` (the outermost element of each, as `is_button_like` decides) whose
/// words are one of `words` (compared case-insensitively).
pub fn buttons_named(
    dom: &Dom,
    scope: usize,
    words: &str,
    is_button_like: fn(&Dom, usize) -> bool,
) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    for id in std::iter::once(scope).chain(dom.descendants(scope)) {
        if found.last().is_some_and(|&f| dom.contains(f, id)) || !is_button_like(dom, id) {
            continue;
        }
        if says_one_of(&button_text(dom, id).lowercase(), words) {
            found.push(id);
        }
    }
    found
}

/// Whether a button's words (lowercase) are one of `words`, alone or followed by a count, an
/// amount or a hint set apart: "place order (2)", "checkout · $1,324.80", "submit 3 items",
/// "place order, opens a dialog". A word right after them makes another action ("checkout
/// later", "place order for jane").
pub fn says_one_of(shown: &str, words: &str) -> bool {
    alternatives(words).any(|w| {
        // Bytes: a currency sign or a middle dot is not ASCII.
        shown.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.as_bytes();
            !rest.first().is_some_and(u8::is_ascii_alphanumeric)
                && !rest
                    .iter()
                    .find(|&&b| b != b' ')
                    .is_some_and(u8::is_ascii_alphabetic)
        })
    })
}

/// Extracts the first email address in a text such as `Jane Roe (jane@acme.com)`.
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"'))
        .find(|token| {
            // One `@`, a name before it and a dot after it. Bytes, not `split('@')`: std's
            // splitter at a character is a copy of its own in the content wasm (issue 8).
            let Some(at) = token.bytes().position(|b| b == b'@') else {
                return false;
            };
            let domain = &token.as_bytes()[at + 1..];
            at > 0 && !domain.contains(&b'@') && domain.contains(&b'.')
        })
        .map(|s| procguard_core::normalize::trim_ascii(s, b"", b".").to_string())
}

/// The address behind a name shown in `scope` (the element or one inside it): a link's
/// `mailto:` ("Jane Roe" linked to `mailto:jane@acme.com?subject=…`), else a tooltip holding
/// one ("Jane Roe" titled "jane@acme.com", shown on hover).
pub fn address_behind(dom: &Dom, scope: usize) -> Option<String> {
    for i in scope..dom.subtree_end(scope) + 1 {
        let node = dom.node(i);
        if let Some(link) = node.attr("href").and_then(|h| h.strip_prefix("mailto:")) {
            let address = split_at_text(link, "?").map_or(link, |(address, _)| address);
            if let Some(email) = email_in(address) {
                return Some(email);
            }
        }
        if let Some(email) = node.attr("title").and_then(email_in) {
            return Some(email);
        }
    }
    None
}

/// The text with its dashes ("‐", "–", "—", "−") as hyphens: "1–Year" as "1-Year". Char by
/// char: `str::replace` with a set of chars is a searcher of its own in the wasm (issue 8).
pub fn dashes_as_hyphens(text: &str) -> String {
    // A loop, not a mapped `collect`: its own copy of std's `from_iter` (issue 8).
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(if matches!(c, '‐' | '–' | '—' | '\u{2212}') {
            '-'
        } else {
            c
        });
    }
    out
}

/// The directory's plan for the words a page shows: "Per-Device (Onboarded)" → per-device,
/// "Hourly (non-onboarded)", "Break/Fix", "Time & Materials" → hourly, "None"/"No" → none,
/// an empty value or "Unknown" → unknown. Other words are not guessed (`None`: the caller
/// reports them unreadable).
pub fn plan_of(shown: &str) -> Option<HelpDeskPlan> {
    let w = shown.trim().lowercase();
    let w = dashes_as_hyphens(&w);
    if w.is_empty() || w == "unknown" || w == "-" || w.starts_with("select") {
        return Some(HelpDeskPlan::Unknown);
    }
    if has_text(&w, "per-device") || has_text(&w, "per device") || has_text(&w, "perdevice") {
        return Some(HelpDeskPlan::PerDevice);
    }
    if has_text(&w, "hourly")
        || has_text(&w, "non-onboarded")
        || has_text(&w, "not onboarded")
        || has_text(&w, "block hours")
        || has_text(&w, "break/fix")
        || has_text(&w, "break-fix")
        || has_text(&w, "break fix")
        || has_text(&w, "time and materials")
        || has_text(&w, "time & materials")
        || has_text(&w, "pay as you go")
    {
        return Some(HelpDeskPlan::Hourly);
    }
    if has_text(&w, "onboarded") || has_text(&w, "managed per") {
        return Some(HelpDeskPlan::PerDevice);
    }
    if matches!(
        w.as_str(),
        "none" | "no" | "n/a" | "no help desk" | "no plan"
    ) || w.starts_with("none ")
    {
        return Some(HelpDeskPlan::None);
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_label_only_lowercased_is_one_that_normalising_only_lowercases() {
        use super::{is_plain_label, normalise_label_text};
        // Every string of up to four characters over letters, a digit, a space and the marks
        // the normalising trims: the quick path is taken only where normalising lowercases.
        let alphabet = ['a', 'z', '7', ' ', '*', ':', '(', ')', '?', 'A', '\u{a0}'];
        let mut taken = 0;
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for text in &longer {
                if is_plain_label(text) {
                    taken += 1;
                    assert_eq!(normalise_label_text(text), text.to_ascii_lowercase());
                }
            }
            texts = longer;
        }
        assert!(taken > 50, "{taken}");
        for label in [
            "Date of Acceptance",
            "quantity",
            "Microsoft 365 E3",
            "TICKET NUMBER",
        ] {
            assert!(is_plain_label(label), "{label}");
        }
        for text in [
            "Quantity:",
            " quantity",
            "Seats (+/-)",
            "qty *",
            "a  b",
            "Qty\u{a0}",
            "7 seats",
        ] {
            assert!(!is_plain_label(text), "{text}");
        }
    }

    use super::*;

    /// Words are runs of ASCII letters and digits: parts of words, and words joined by a
    /// character outside ASCII, are not the word.
    #[test]
    fn a_word_is_a_whole_run_of_ascii_letters_and_digits() {
        for (text, word, found) in [
            ("contact pax8 support", "pax8", true),
            ("orders · contact", "contact", true),
            ("contacts", "contact", false),
            ("order-contact", "order", true),
            ("e-mail", "mail", true),
            ("caf\u{e9}order", "order", true),
            ("", "order", false),
            ("x", "x", true),
            ("primary contact", "order", false),
        ] {
            assert_eq!(has_word(text, word), found, "{text:?} {word:?}");
        }
    }

    /// A button's words are found with glyphs drawn around them ("✓ Submit →"), as a link,
    /// and as an input's value; a word inside a longer phrase is not a button's words.
    #[test]
    fn buttons_are_named_by_their_words_without_glyphs_around_them() {
        let dom = Dom::from_json(&crate::dom::build::html(
            "https://example.test/",
            r#"<body><button><span aria-hidden="true">✓</span> Submit <span>→</span></button>
            <a href="/next">» Submit</a><input type="submit" value="[ Submit ]">
            <button>SUBMIT <span class="badge">(2)</span></button><button>Submit · 3 items</button>
            <button>Submit later</button><button>Submitted</button><span>Submit</span></body>"#,
        ))
        .unwrap();
        let found = buttons_named(&dom, 0, "submit", is_button);
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn a_buttons_words_may_be_followed_by_a_count_an_amount_or_a_hint_set_apart_only() {
        for shown in [
            "place order",
            "place order (2)",
            "place order · $1,324.80",
            "place order 3 items",
            "place order, opens a dialog",
        ] {
            assert!(says_one_of(shown, "checkout|place order"), "{shown}");
        }
        for shown in [
            "place orders",
            "place order later",
            "place",
            "replace order",
            "place order for jane",
        ] {
            assert!(!says_one_of(shown, "checkout|place order"), "{shown}");
        }
    }

    /// A drop-down list drawn as a group of choices shows the one ticked or selected (it
    /// read as every choice's words: Mimecast's lead as "Roberta Diaz Sam Tech Matthew Lee"),
    /// and nothing when none is.
    #[test]
    fn a_group_of_choices_shows_the_one_ticked_or_selected() {
        let dom = Dom::from_json(&crate::dom::build::html(
            "https://example.test/",
            r#"<body><div role="radiogroup"><label><input type="radio"> Roberta Diaz</label>
            <label><input type="radio" checked> Sam Tech</label></div>
            <div role="radiogroup"><input type="radio" id="a"><label for="a">Annual</label>
            <input type="radio" id="m" checked><label for="m">Monthly</label></div>
            <div role="radiogroup"><span role="radio" aria-checked="false">New</span>
            <span role="radio" aria-checked="true">Add</span></div>
            <ul role="listbox"><li role="option">acmedental.onmicrosoft.com</li>
            <li role="option" aria-selected="true">acmedental.com</li></ul>
            <div role="radiogroup"><label><input type="radio"> Roberta Diaz</label></div></body>"#,
        ))
        .unwrap();
        let groups = dom.select(0, false, &|&i| {
            matches!(dom.node(i).role(), Some("radiogroup" | "listbox"))
        });
        let values: Vec<String> = groups.iter().map(|&g| control_value(&dom, g)).collect();
        assert_eq!(values, ["Sam Tech", "Monthly", "Add", "acmedental.com", ""]);
    }

    /// A label wrapping a group of choices (a drop-down redrawn as radios where the select
    /// was, inside the label that wrapped the select) names that group: its value is the
    /// choice ticked, not the first choice's words after the label (Mimecast's new product and
    /// implementation lead were read as nothing).
    #[test]
    fn a_label_wrapping_a_group_of_choices_gives_the_one_ticked() {
        let dom = Dom::from_json(&crate::dom::build::html(
            "https://example.test/",
            r#"<body><label><span>Implementation lead</span> <div role="radiogroup">
            <label><input type="radio" name="l"> Roberta Diaz</label>
            <label><input type="radio" name="l" checked> Sam Tech</label></div></label></body>"#,
        ))
        .unwrap();
        let label = find_labels(&dom, 0, "Implementation lead")[0];
        let (at, value) = value_for_label(&dom, label).unwrap();
        assert_eq!(dom.node(at).role(), Some("radiogroup"));
        assert_eq!(value, "Sam Tech");
    }

    /// An ARIA control's value is its words as shown: a break opportunity or an emphasised
    /// word inside it adds no space, a block inside it does.
    #[test]
    fn an_aria_controls_value_joins_its_words_as_shown() {
        let dom = Dom::from_json(&crate::dom::build::html(
            "https://example.test/",
            r#"<body><div role="combobox">Jane Roe (jane@<wbr>acmedental.com)</div>
            <div role="combobox"><span>Sam</span> <b>Tech</b>nician</div>
            <div role="combobox"><div>Annual</div><div>billed monthly</div></div></body>"#,
        ))
        .unwrap();
        let values: Vec<String> = dom
            .elements()
            .filter(|&i| dom.node(i).role() == Some("combobox"))
            .map(|i| control_value(&dom, i))
            .collect();
        assert_eq!(
            values,
            [
                "Jane Roe (jane@acmedental.com)",
                "Sam Technician",
                "Annual billed monthly"
            ]
        );
    }

    /// A word emphasised at the start of a link, a heading or bold text is part of that one
    /// phrase, not a label; a bold word in running text still is one.
    #[test]
    fn a_word_of_a_links_or_headings_phrase_is_no_label() {
        let dom = Dom::from_json(&crate::dom::build::html(
            "https://example.test/",
            r#"<body><nav><a><em>Account</em> Management Area (MCAM)</a></nav>
            <h2><em>Customer</em> Details</h2><div><b><em>Customer</em> Summary</b></div>
            <div role="heading"><mark>Customer</mark> list</div>
            <p><b>Account</b> Acme Dental LLC</p><dl><dt><em>Customer</em></dt><dd>Acme</dd></dl>
            <h3><em>Users</em> on this account (4)</h3></body>"#,
        ))
        .unwrap();
        let texts = |found: Vec<usize>| -> Vec<String> {
            found
                .into_iter()
                .map(|i| format!("{} {}", dom.node(i).tag, dom.text(i)))
                .collect()
        };
        assert_eq!(texts(find_labels(&dom, 0, "Account")), ["b Account"]);
        assert_eq!(texts(find_labels(&dom, 0, "Customer")), ["em Customer"]);
        assert_eq!(
            texts(find_labels_starting(&dom, 0, "Users")),
            ["h3 Users on this account (4)"]
        );
    }

    #[test]
    fn labels_ignore_a_bracketed_hint_that_names_no_field() {
        assert_eq!(normalise_label("Seat Adjustment (+/-)"), "seat adjustment");
        assert_eq!(normalise_label("Department (optional):"), "department");
        assert_eq!(normalise_label("Domain (Required) *"), "domain");
        // Words in brackets are part of the label.
        assert_eq!(
            normalise_label("Primary Resource (Role)"),
            "primary resource (role)"
        );
        assert_eq!(
            normalise_label("Purchasing Contact(s)"),
            "purchasing contact(s)"
        );
        assert_eq!(normalise_label("(+/-)"), "(+/-)");
    }

    #[test]
    fn labels_ignore_required_marker_colon_and_case() {
        assert_eq!(normalise_label(" Domain *"), "domain");
        assert_eq!(normalise_label("Date of Acceptance:"), "date of acceptance");
        assert_eq!(normalise_label("* Status"), "status");
    }

    #[test]
    fn labels_ignore_a_sortable_column_s_arrow_after_them() {
        assert_eq!(normalise_label("Product \u{21c5}"), "product");
        assert_eq!(normalise_label("Qty \u{25b2}"), "qty");
        assert_eq!(normalise_label("Term\u{2193}"), "term");
    }

    #[test]
    fn labels_ignore_a_help_mark_after_them() {
        // A help button or info icon drawn inside the label ("Email [?]", "Quantity ⓘ").
        assert_eq!(normalise_label("Email ?"), "email");
        assert_eq!(normalise_label("Quantity \u{24d8}"), "quantity");
        assert_eq!(normalise_label("Domain * \u{2139}"), "domain");
    }

    /// The label searches as they were before the short-text index: a walk of the scope.
    fn walked(dom: &Dom, scope: usize, label: &str, prefix: bool) -> Vec<usize> {
        let wanted = normalise_label(label);
        let longest = wanted.len() * 3 + 40;
        let mut found: Vec<usize> = Vec::new();
        for id in std::iter::once(scope).chain(dom.descendants(scope)) {
            let node = dom.node(id);
            // No lower bound on the text's length: a label broken over lines ("Date of<br>
            // Acceptance") shows a space its text nodes do not hold.
            let fits = if prefix {
                dom.short_text(id).is_some_and(|t| t.starts_with(&wanted))
            } else {
                node.raw_len <= longest && dom.short_text(id) == Some(wanted.as_str())
            };
            if !is_control(node) && fits {
                found.retain(|&f| !dom.contains(f, id));
                found.push(id);
            }
        }
        found
    }

    #[test]
    fn label_searches_by_the_index_find_what_a_walk_of_the_scope_finds() {
        use crate::dom::build::{snapshot, T::*};
        let field = |label: &'static str| {
            E(
                "div",
                vec![],
                vec![
                    E(
                        "label",
                        vec![],
                        vec![X(label), E("b", vec![], vec![X(" *")])],
                    ),
                    V("input", vec![("aria-label", label)], "x"),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                field("Email"),
                E(
                    "section",
                    vec![],
                    vec![field("Email"), field("Email address")],
                ),
                E("div", vec![], vec![E("span", vec![], vec![X("Email")])]),
                E("div", vec![("role", "textbox")], vec![X("Email")]),
                E("p", vec![], vec![X("Company: Acme")]),
                E("p", vec![], vec![X("   ")]),
                E("td", vec![], vec![]),
            ],
        );
        let dom = Dom::from_json(&snapshot("https://x/", body)).unwrap();
        let labels = [
            "Email",
            "email address",
            "Company:",
            "Company",
            "",
            " ",
            "E",
            "zzz",
        ];
        for scope in 0..dom.nodes.len() {
            for label in labels {
                assert_eq!(
                    find_labels(&dom, scope, label),
                    walked(&dom, scope, label, false),
                    "{scope} {label:?}"
                );
                assert_eq!(
                    find_labels_starting(&dom, scope, label),
                    walked(&dom, scope, label, true),
                    "{scope} {label:?} as a prefix"
                );
            }
        }
        assert_eq!(find_labels(&dom, 0, "Email").len(), 3);
    }

    #[test]
    fn email_is_taken_from_a_display_name() {
        assert_eq!(
            email_in("Jane Roe (jane@acmedental.com)").as_deref(),
            Some("jane@acmedental.com")
        );
        assert_eq!(
            email_in("Sam Tech <sam@ggit.example>").as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(email_in("Select a contact"), None);
    }
}

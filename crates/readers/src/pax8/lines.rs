//! Cart lines: from a table or ARIA grid with Product/Term/Quantity column headers (cart
//! step), from an order summary list whose items say "Term: …" and "Qty …" (review and
//! checkout steps), or from cards that each hold a labelled Quantity box. Recommendation
//! cards have none of these and are never read as lines.

use procguard_core::model::{Billing, CartLine};
use procguard_core::normalize::{alternatives, has_text, is_one_of, split_at_text, Lowercase};

use super::terms::{billing_in, billing_of_field, parse_term};
use crate::dom::{collapse_whitespace, is_control, is_heading, Dom};
use crate::labels::{
    choice_label, control_for_label, control_named, control_value, find_labels, normalise_label,
    shown_value, value_for_label,
};
use crate::table::{description_lists, tables, Table};
use crate::Reading;

const PRODUCT_HEADERS: &str = "product|product name|item|name|products|description|subscription";
const TERM_HEADERS: &str = concat!(
    "term|commitment|commitment term|term / billing|billing term|subscription term|term length|",
    "commitment length|term & billing|term and billing",
);
const QUANTITY_HEADERS: &str = concat!(
    "quantity|qty|seats|licenses|licences|quantity (seats)|users|licence count|license count|",
    "seat count|number of seats",
);
const BILLING_HEADERS: &str =
    "billing|billing frequency|billed|billing cycle|billing period|payment frequency";

/// Tables that list products but are not the cart: saved for later, recommendations, what
/// the company holds or ordered before.
const NOT_THE_CART: &str = concat!(
    "saved for later|save for later|recommend|frequently bought|you may also|holds| held|",
    "current subscriptions|existing subscriptions|active subscriptions|ordered|last order|",
    "previous order|past order|order history",
);

/// Titles that say a table or a list is the cart.
const THE_CART: &str = "cart|basket|checkout|your order|order summary";

/// The table's title: its aria-label, its caption, or the nearest heading before it.
fn table_title(dom: &Dom, table: usize) -> String {
    if let Some(label) = dom.node(table).attr("aria-label") {
        return label.lowercase();
    }
    // A caption is a child of its table (HTML puts it first): one further down belongs to
    // a table inside this one, and looking for it would visit every row.
    if let Some(&caption) = dom
        .node(table)
        .children
        .iter()
        .find(|&&i| dom.node(i).tag == "caption")
    {
        return dom.text(caption).lowercase();
    }
    heading_before(dom, table)
}

/// The closest heading that precedes `id` inside its nearest few containers, lowercased,
/// unless a table comes between them: the heading is that table's ("Saved for later" above
/// its table, then the cart's table without a heading of its own).
fn heading_before(dom: &Dom, id: usize) -> String {
    for container in dom.ancestors_up_to(id, 4) {
        for i in (container..id).rev() {
            let node = dom.node(i);
            if is_heading(node) {
                return dom.text(i).lowercase();
            }
            if crate::table::is_table(node) && !dom.contains(i, id) {
                return String::new();
            }
        }
    }
    String::new()
}

/// 0 when a title says its table or list is not the cart, 3 when it says it is, else 1.
fn title_rank(title: &str) -> u8 {
    let says = |list: &str| {
        alternatives(list).any(|words| procguard_core::normalize::has_text(title, words))
    };
    if says(NOT_THE_CART) {
        0
    } else if says(THE_CART) {
        3
    } else {
        1
    }
}

/// The cart's lines, or `None` when the page shows no cart.
///
/// Of several tables of products, the cart is the first whose title says so, else the first
/// whose lines can be edited, else the first: a table of what the company holds, before
/// the cart and titled otherwise, is not read as the cart.
pub fn read_lines(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let tables = tables(dom, root);
    let mut empty = None;
    for rank in [3, 2, 1] {
        for table in tables.iter() {
            if cart_rank(dom, table) != rank {
                continue;
            }
            // A table of headings alone (a sticky header drawn again above the grid) reads
            // as an empty cart only when no other table has lines.
            match read_table(dom, table, reading) {
                Some(lines) if lines.is_empty() => {
                    empty.get_or_insert(lines);
                }
                Some(lines) => return Some(lines),
                None => {}
            }
        }
    }
    if empty.is_some() {
        return empty;
    }
    // A cart of one line drawn as a card of a description list ("Product", "Term",
    // "Quantity"): `tables` leaves a list alone out, as it may be a record's details.
    for table in description_lists(dom, root) {
        if table.rows.len() == 1 {
            if let Some(lines) = read_table(dom, &table, reading).filter(|l| !l.is_empty()) {
                return Some(lines);
            }
        }
    }
    read_summary_items(dom, root, reading).or_else(|| read_cards(dom, root, reading))
}

/// How surely a table is the cart: 3 when its title says so, 2 when its lines can be
/// edited (a quantity or a term in a box, as on the cart step, where a table of what the
/// company holds shows text), 1 for any other, 0 when its title says it is not.
fn cart_rank(dom: &Dom, table: &Table) -> u8 {
    let rank = title_rank(&table_title(dom, table.node));
    if rank != 1 {
        return rank;
    }
    for column in [table.column(QUANTITY_HEADERS), table.column(TERM_HEADERS)]
        .into_iter()
        .flatten()
    {
        for row in &table.rows {
            let cell = table.cell(row, column);
            if cell.is_some_and(|cell| dom.first_control(cell, true).is_some()) {
                return 2;
            }
        }
    }
    1
}

fn read_table(dom: &Dom, table: &Table, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let product_column = table.column(PRODUCT_HEADERS)?;
    let quantity_column = table.column(QUANTITY_HEADERS);
    let term_column = table.column(TERM_HEADERS);
    // A table with a term column but none for the quantity shows it in the line's text
    // ("Microsoft · CFQ7TTC0LCHC-P1Y-A · 5 licenses" under the product): `quantity_in_text`.
    if quantity_column.is_none() && term_column.is_none() {
        return None;
    }
    let billing_column = table.column(BILLING_HEADERS);
    if crate::table::rows_out_of_view(dom, table) {
        // Lines out of view are lines not checked: never a silent pass.
        reading.unreadable.push("lines".into());
    }
    let mut lines = Vec::new();
    for row in &table.rows {
        let index = lines.len();
        // A row read before and not patched since reads the same (see `RowMemo`); whether
        // a row is a line at all depends on its text only.
        if let Some(kept) = dom.rows.get(row.node) {
            if kept.index == index {
                reading.anchor_item("lines", index, row.node);
                reading.unreadable.extend(kept.unreadable.iter().cloned());
                lines.push(kept.line.clone());
                continue;
            }
        }
        let Some(product_cell) = table.cell(row, product_column) else {
            continue;
        };
        let Some(mut product_at) = product_in(dom, product_cell) else {
            continue;
        };
        // A table stacked into cards repeats the column's heading in each cell ("Product"
        // before "Intune", also under "Product (all)"): the product is what follows it.
        if dom
            .short_text(product_at)
            .is_some_and(|text| crate::table::heading_names(&table.headers[product_column], text))
        {
            let Some(next) = dom.first_text_leaf(product_cell, dom.subtree_end(product_at) + 1)
            else {
                continue;
            };
            product_at = next;
        }
        if is_totals_row(dom, product_at) || is_removed_row(dom, row.node, product_at) {
            continue;
        }
        let quantity_cell = quantity_column.and_then(|q| table.cell(row, q));
        let (term_cell, term_text) = match term_column {
            Some(t) => {
                let cell = table.cell(row, t);
                (cell, cell.map(|c| term_in_cell(dom, c)))
            }
            // No column headed as the term (a header procguard does not know, or none): what
            // in the row shows a term, and the cell it is in.
            None => match term_shown_in(dom, row.node) {
                Some((at, text)) => {
                    let mut cell = None;
                    for &c in &row.cells {
                        if c == at || dom.contains(c, at) {
                            cell = Some(c);
                            break;
                        }
                    }
                    (cell, Some(text))
                }
                None => (None, None),
            },
        };
        // A row of notes under a line ("Promotion", then "15% off the first year" across the
        // other columns): fewer cells than columns, none under the quantity and no term,
        // where a line always shows its term (one drawn in fewer cells still reads, its
        // quantity unreadable).
        if quantity_cell.is_none()
            && row.cells.len() < table.headers.len()
            && term_text.as_deref().and_then(parse_term).is_none()
        {
            continue;
        }
        reading.anchor_item("lines", index, row.node);
        let unreadable_from = reading.unreadable.len();
        if term_text.is_none() {
            // Every cart line has a term: one not found is unreadable, never passed over.
            reading.unreadable.push(line_path(index, "term"));
        }
        let billing_cell = billing_column.and_then(|b| table.cell(row, b));
        let product = product_name(dom, product_at, first_line(dom, product_at));
        let quantity = match quantity_column {
            Some(_) => quantity_cell.and_then(|c| quantity_in_cell(dom, c)),
            None => quantity_in_text(dom, row.node),
        };
        if quantity.is_none() {
            reading.unreadable.push(line_path(index, "quantity"));
        }
        let billing_text = || match billing_cell {
            Some(c) => billing_of_field(&value_in_cell(dom, c)),
            None => billing_in(&dom.text(row.node)),
        };
        let line = line(product, quantity, term_text, &billing_text, index, reading);
        // The product is text; controls are read in these cells only (`dom.text` of the row
        // never includes a control's state).
        // A loop, not a mapped `collect`: its own copy of std's `from_iter` (issue 8).
        let mut reads = Vec::new();
        for cell in [quantity_cell, term_cell, billing_cell]
            .into_iter()
            .flatten()
        {
            reads.push((cell, dom.subtree_end(cell)));
        }
        dom.rows.insert(crate::dom::RowRead {
            node: row.node,
            index,
            line: line.clone(),
            unreadable: reading.unreadable[unreadable_from..].to_vec(),
            reads,
        });
        lines.push(line);
    }
    Some(lines)
}

/// A row of totals under the lines, drawn as one more row of the grid: its first cell says
/// "Total", "Subtotal", "Order total" or "Estimated monthly total", where a line names its
/// product.
fn is_totals_row(dom: &Dom, product_at: usize) -> bool {
    let text = normalise_label(&dom.text(product_at));
    matches!(text.as_str(), "total" | "totals" | "subtotal" | "sub-total")
        // Three words at most ("grand total", "order sub total"): two spaces.
        || (text.ends_with(" total") && text.bytes().filter(|&b| b == b' ').count() <= 2)
}

/// A line just removed from the cart, still drawn until the page is left: its product struck
/// out, or an "Undo" button in a row that says it was removed. Read as a line, it held the
/// order for a licence that is no longer ordered. (An "Undo" alone may undo an edit of a line
/// that is still ordered: such a line is read.)
fn is_removed_row(dom: &Dom, row: usize, product_at: usize) -> bool {
    let struck = |n: &crate::dom::Node| matches!(n.tag.as_str(), "s" | "del" | "strike");
    dom.closest(product_at, &struck).is_some()
        || dom
            .select_first(row, false, &|&i| {
                // A struck-out price elsewhere in the row is a discount, not a removal.
                (struck(dom.node(i)) && dom.contains(product_at, i))
                    || (crate::labels::is_button(dom, i)
                        && dom
                            .short_text(i)
                            .is_some_and(|t| t.eq_ignore_ascii_case("undo"))
                        && has_text(&dom.text(row).lowercase(), "removed"))
            })
            .is_some()
}

/// What inside `scope` shows a term, with what it shows: the term of a line whose Term field
/// or column is not named as such. Term radios give the chosen one (see `term_choice`).
fn term_shown_in(dom: &Dom, scope: usize) -> Option<(usize, String)> {
    term_choice(dom, scope).unwrap_or_else(|| term_text_in(dom, scope))
}

/// The first control or text inside `scope` that shows a term ("Monthly", "1-Year").
fn term_text_in(dom: &Dom, scope: usize) -> Option<(usize, String)> {
    let shown = dom.select_first(scope, false, &|&i| {
        let n = dom.node(i);
        (is_control(n) && parse_term(&control_value(dom, i)).is_some())
            || (dom.has_own_text(i)
                && n.raw_len < 80
                && dom.closest(i, &is_control).is_none()
                && parse_term(&dom.text(i)).is_some())
    })?;
    Some((shown, shown_value(dom, shown)))
}

/// The term chosen among radios (native, or ARIA `radio` with `aria-checked`), toggle
/// buttons (`aria-pressed`) or tabs (`aria-selected`) whose words are terms ("Monthly",
/// "Annual"): `None` when `scope` has no such choices, `Some(None)` when none of them is
/// chosen. The words of every choice are shown, so the text of the scope never tells the
/// term (the first of them, "Monthly", would be read for an annual line).
fn term_choice(dom: &Dom, scope: usize) -> Option<Option<(usize, String)>> {
    let mut any = false;
    for i in dom.select(scope, true, &|&i| {
        let n = dom.node(i);
        n.checked.is_some()
            || n.role() == Some("radio")
            || n.attr("aria-pressed").is_some()
            || (n.role() == Some("tab") && n.attr("aria-selected").is_some())
    }) {
        let words = choice_label(dom, i);
        if parse_term(&words).is_none() {
            continue;
        }
        any = true;
        let n = dom.node(i);
        if n.is_ticked()
            || n.attr("aria-pressed") == Some("true")
            || n.attr("aria-selected") == Some("true")
        {
            return Some(Some((i, words)));
        }
    }
    any.then_some(None)
}

/// A term cell's chosen radio, else its control value or text ("" when radios show none
/// chosen: unreadable).
fn term_in_cell(dom: &Dom, cell: usize) -> String {
    match term_choice(dom, cell) {
        Some(choice) => choice.map(|(_, words)| words).unwrap_or_default(),
        None => value_in_cell(dom, cell),
    }
}

/// A cell's control value (select, combobox, input), or its text.
fn value_in_cell(dom: &Dom, cell: usize) -> String {
    match dom.first_control(cell, true) {
        Some(control) => control_value(dom, control),
        None => dom.text(cell),
    }
}

fn quantity_in_cell(dom: &Dom, cell: usize) -> Option<i64> {
    // An ARIA spinbutton gives its number in aria-valuenow.
    if let Some(spin) = dom.select_first(cell, true, &|&i| dom.node(i).role() == Some("spinbutton"))
    {
        if let Some(now) = dom.node(spin).attr("aria-valuenow") {
            return parse_quantity(now);
        }
    }
    parse_quantity(&value_in_cell(dom, cell))
}

/// "Qty 3", "Quantity: 3", "Seats 3", "3 licenses", "3 users", "× 3".
fn is_quantity_text(text: &str) -> bool {
    const UNITS: &str = "license|licenses|licence|licences|seat|seats|user|users";
    let is_count = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == ',');
    text.starts_with("qty")
        || text.starts_with("quantity")
        || text.starts_with("seats")
        // A count after its product, as order summaries show it ("Visio Plan 2 × 2").
        || text
            .strip_prefix("\u{d7}")
            .or_else(|| text.strip_prefix("x"))
            .is_some_and(|n| is_count(n.strip_prefix(" ").unwrap_or(n)))
        || split_at_text(text, " ").is_some_and(|(n, unit)| is_count(n) && is_one_of(unit, UNITS))
}

/// The marks a line's or a summary item's text is parted by ("Microsoft · SKU · 5 licenses",
/// "Visio Plan 2 — Monthly | 2").
const ITEM_MARKS: [char; 5] = ['—', '–', '|', '·', '•'];

/// The quantity of a line in a table with no Quantity column: a box in the row named as one
/// ("Quantity" by its `aria-label`, under a heading with no name), else a count shown as
/// one part of the line's text ("5 licenses" in "Microsoft · SKU · 5 licenses"), parts being
/// parted by "·", "|", "•" or a dash.
fn quantity_in_text(dom: &Dom, row: usize) -> Option<i64> {
    for name in alternatives(QUANTITY_HEADERS) {
        if let Some(&control) = dom.controls_named(row, &normalise_label(name)).first() {
            return quantity_in_cell(dom, control);
        }
    }
    for i in dom.descendants(row) {
        let Some(text) = dom.short_text(i).filter(|_| dom.node(i).raw_len < 120) else {
            continue;
        };
        // The separators the summary's items are parted by (`read_summary_items`).
        for part in procguard_core::normalize::split_at_any(text, &ITEM_MARKS) {
            let part = part.trim();
            if is_quantity_text(part) {
                return parse_quantity(part);
            }
        }
    }
    None
}

/// The quantity an item shows as text ("Qty 2", "Quantity: 10", "2 seats").
/// Else the value of a Quantity field in the item: a box ("Quantity [5]") or a term and its
/// definition ("Quantity" then "5").
fn quantity_shown(dom: &Dom, item: usize) -> Option<i64> {
    dom.descendants(item)
        .filter(|&i| dom.node(i).raw_len < 40)
        .filter_map(|i| dom.short_text(i))
        .filter(|t| is_quantity_text(t))
        .find_map(parse_quantity)
        .or_else(|| parse_quantity(&labelled_value(dom, item, QUANTITY_HEADERS)?))
}

/// "3", "3 seats", "1,200", "Qty 3", "× 3".
pub fn parse_quantity(text: &str) -> Option<i64> {
    // One scan, no split, collect or `str::parse` (1.1 KB of the content wasm before, 0.2
    // after: issue 8); the same answers (a test holds it to the split version).
    let mut value: Option<i64> = None;
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            let digit = i64::from(c as u8 - b'0');
            value = match (in_number, value) {
                (false, Some(_)) => return None, // a second number: "3 of 5"
                (false, None) => Some(digit),
                // Too large for an i64: no quantity.
                (true, v) => Some(v?.checked_mul(10)?.checked_add(digit)?),
            };
            in_number = true;
        } else if !(c == ',' && in_number) {
            in_number = false;
        }
    }
    value
}

/// `billing_shown` is only asked for when the term does not say the billing: building a
/// row's whole text for every line of a large cart is much of a read.
fn line(
    product: String,
    quantity: Option<i64>,
    term_text: Option<String>,
    // `dyn`: one copy of this function in the content wasm for its four callers (issue 8).
    billing_shown: &dyn Fn() -> Option<Billing>,
    index: usize,
    reading: &mut Reading,
) -> CartLine {
    let (term, billing) = match term_text.as_deref().map(parse_term) {
        Some(Some((term, billing))) => (Some(term), billing),
        Some(None) => {
            reading.unreadable.push(line_path(index, "term"));
            (None, None)
        }
        None => (None, None),
    };
    let billing = billing.or_else(billing_shown).or(match term {
        // An annual term with no billing shown anywhere: Pax8's default is billed annually.
        Some(procguard_core::model::Term::Annual | procguard_core::model::Term::MultiYear) => {
            Some(Billing::Annual)
        }
        _ => None,
    });
    // A quantity box, when there is one, says more than the count before the name.
    let (quantity, product) = match split_count(&product) {
        Some((count, name)) => (quantity.or(Some(count)), name.to_string()),
        None => (quantity, product),
    };
    CartLine {
        product: Some(product),
        quantity,
        term,
        billing,
        ..Default::default()
    }
}

/// "Term: …", "Commitment: …", "Billing term: …": a term header with a colon and the value.
fn is_term_label(text: &str) -> bool {
    split_at_text(text, ":").is_some_and(|(label, _)| is_one_of(label.trim(), TERM_HEADERS))
}

/// Order-summary items on the review/checkout steps: each says "Term: …" and "Qty …".
fn read_summary_items(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let term_labels: Vec<usize> = dom.select(root, true, &|&i| {
        let node = dom.node(i);
        node.raw_len < 200
            && dom
                .short_text(i)
                .is_some_and(|text| text.starts_with("term ") || is_term_label(text))
    });
    let term_labels = dom.innermost(&term_labels);
    if term_labels.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    for term_label in term_labels {
        // Under a heading that says it is not the cart: what was ordered before.
        if title_rank(&heading_before(dom, term_label)) == 0 {
            continue;
        }
        let item = dom
            .closest(term_label, &|n| {
                n.tag == "li"
                    || matches!(n.role(), Some("listitem" | "row" | "article"))
                    || n.tag == "article"
            })
            // Else the nearest block around it that also shows the quantity ("Qty: 5" beside
            // it): the line's own, not the page around one line.
            .or_else(|| {
                dom.ancestors_up_to(term_label, 3)
                    .find(|&a| quantity_shown(dom, a).is_some())
            })
            .or_else(|| dom.ancestors(term_label).nth(2))?;
        let index = lines.len();
        reading.anchor_item("lines", index, item);
        let product = product_in(dom, item)
            .map(|p| product_name(dom, p, dom.text(p)))
            .unwrap_or_default();
        // "Term: Monthly", or without the colon "Term Monthly"; a label around its picker
        // ("Term [Annual]") shows the picker's choice.
        let shown = dom.text(term_label);
        let term_text = match dom.first_control(term_label, false) {
            Some(picker) => control_value(dom, picker),
            None => match split_at_text(&shown, ":") {
                Some((_, value)) => value,
                None => shown.get("Term".len()..).unwrap_or_default(),
            }
            .trim()
            .to_string(),
        };
        let quantity =
            quantity_shown(dom, item).or_else(|| split_count(&product).map(|(count, _)| count));
        if quantity.is_none() {
            reading.unreadable.push(line_path(index, "quantity"));
        }
        lines.push(line(
            product,
            quantity,
            Some(term_text),
            &|| billing_in(&dom.text(item)),
            index,
            reading,
        ));
    }
    Some(lines)
}

/// Summary items that name neither field ("Visio Plan 2 · Monthly · 2 seats"): the innermost
/// list items (or articles) that show a term, read by what they show. Only when nothing else
/// reads as the cart and the page has an order button (a marketplace list showing terms is
/// not a cart); an item showing a term but no quantity is a line whose quantity is
/// unreadable, never one passed over. Lists under a title that is not the cart ("Frequently
/// bought together") are left out.
pub fn read_list_items(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let is_item = |i: usize| {
        let n = dom.node(i);
        matches!(n.tag.as_str(), "li" | "article")
            || matches!(n.role(), Some("listitem" | "article"))
    };
    let mut items = dom.innermost(&dom.select(root, false, &|&i| is_item(i)));
    if let Some(lines) = one_text_lines(dom, &items, reading) {
        return Some(lines);
    }
    if !items.iter().any(|&i| term_shown_in(dom, i).is_some()) {
        // Lines drawn as plain blocks ("Visio Plan 2 | Monthly | Qty: 2 | $36.00"): the
        // nearest block around each quantity text that also shows a term.
        items.clear();
        for shown in dom.select(root, false, &|&i| {
            dom.node(i).raw_len < 40 && dom.short_text(i).is_some_and(is_quantity_text)
        }) {
            if let Some(block) = dom
                .ancestors_up_to(shown, 3)
                .find(|&a| term_shown_in(dom, a).is_some())
            {
                if !items.contains(&block) {
                    items.push(block);
                }
            }
        }
    }
    let mut lines = Vec::new();
    for item in items {
        let Some((term_at, term_text)) = term_shown_in(dom, item) else {
            continue;
        };
        let list = dom.node(item).parent.unwrap_or(item);
        let title = table_title(dom, list);
        if alternatives(NOT_THE_CART)
            .any(|words| procguard_core::normalize::has_text(&title, words))
        {
            continue;
        }
        let Some(product_at) =
            product_in(dom, item).filter(|&p| p != term_at && !is_removed_row(dom, item, p))
        else {
            continue;
        };
        let index = lines.len();
        reading.anchor_item("lines", index, item);
        let quantity = quantity_shown(dom, item);
        if quantity.is_none() {
            reading.unreadable.push(line_path(index, "quantity"));
        }
        lines.push(line(
            product_name(dom, product_at, dom.text(product_at)),
            quantity,
            Some(term_text),
            &|| billing_in(&dom.text(item)),
            index,
            reading,
        ));
    }
    (!lines.is_empty()).then_some(lines)
}

/// Lines written each as one text of parts ("Visio Plan 2 — Monthly — Qty 2", a review
/// step's list): the product first, a part that is a term and one that is a quantity. Only
/// when every item that shows such parts reads so; `None` when no item does.
fn one_text_lines(dom: &Dom, items: &[usize], reading: &mut Reading) -> Option<Vec<CartLine>> {
    let mut lines = Vec::new();
    for &item in items {
        if dom.node(item).raw_len > 200 || dom.first_control(item, false).is_some() {
            continue;
        }
        let text = dom.text(item);
        // Loops, not an adapter chain: each chain is its own copy in the content wasm.
        let (mut parts, mut term, mut quantity) = (Vec::new(), None, None);
        for part in procguard_core::normalize::split_at_any(&text, &ITEM_MARKS) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if term.is_none() && parse_term(part).is_some() {
                term = Some(part);
            } else if quantity.is_none() && is_quantity_text(&part.lowercase()) {
                quantity = Some(part);
            }
            parts.push(part);
        }
        let (Some(term), Some(quantity), [product, _, _, ..]) = (term, quantity, parts.as_slice())
        else {
            continue;
        };
        if *product == term || *product == quantity {
            continue;
        }
        let index = lines.len();
        reading.anchor_item("lines", index, item);
        lines.push(line(
            product.to_string(),
            parse_quantity(quantity),
            Some(term.to_string()),
            &|| billing_in(&text),
            index,
            reading,
        ));
    }
    (!lines.is_empty()).then_some(lines)
}

/// Cart lines drawn as cards, each with its own labelled Quantity box (and Term choice):
/// a card is the largest element around one quantity control that holds no other; its
/// product is its heading (or link, else first text that is not a label or a price).
fn read_cards(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    // Plain loops rather than iterator chains here: each chain is its own copy in the wasm.
    let mut quantities: Vec<usize> = Vec::new();
    for label in alternatives(QUANTITY_HEADERS) {
        for l in find_labels(dom, root, label) {
            if let Some(control) = control_for_label(dom, l) {
                quantities.push(control);
            }
        }
        quantities.extend(dom.controls_named(root, &normalise_label(label)));
    }
    quantities.sort_unstable();
    quantities.dedup();
    if quantities.is_empty() {
        return None;
    }
    let mut label_words: Vec<String> = Vec::new();
    for names in &[QUANTITY_HEADERS, TERM_HEADERS, BILLING_HEADERS] {
        for name in alternatives(names) {
            label_words.push(normalise_label(name));
        }
    }
    let mut lines = Vec::new();
    for &quantity_at in &quantities {
        // The card: the largest ancestor (a few levels up) holding no other quantity box, or
        // the row or list item around it (a table whose header row is not shown: its one
        // line must not reach the page's heading).
        let mut card = None;
        for a in dom.ancestors_up_to(quantity_at, 8) {
            if a == root
                || quantities
                    .iter()
                    .any(|&o| o != quantity_at && dom.contains(a, o))
            {
                break;
            }
            card = Some(a);
            let n = dom.node(a);
            if matches!(n.tag.as_str(), "tr" | "li" | "article")
                || matches!(n.role(), Some("row" | "listitem" | "article"))
            {
                break;
            }
        }
        let card = card?;
        let product_at = dom
            .select_first(card, false, &|&i| {
                let n = dom.node(i);
                (is_heading(n) || n.tag == "a") && n.raw_len > 0
            })
            .or_else(|| {
                dom.select_first(card, false, &|&i| {
                    dom.has_own_text(i)
                        && !dom
                            .short_text(i)
                            .is_some_and(|t| label_words.iter().any(|w| w == t))
                        // Its own text taken once, then three `has_text`: `contains` with a
                        // set of characters is a searcher of its own in the wasm (issue 8).
                        && {
                            let own = dom.own_text(i);
                            !["$", "€", "£"].iter().any(|m| has_text(&own, m))
                        }
                        && dom.closest(i, &is_control).is_none()
                })
            })?;
        let index = lines.len();
        reading.anchor_item("lines", index, card);
        let quantity = match dom.node(quantity_at).attr("aria-valuenow") {
            Some(now) => parse_quantity(now),
            None => parse_quantity(&control_value(dom, quantity_at)),
        };
        if quantity.is_none() {
            reading.unreadable.push(line_path(index, "quantity"));
        }
        // The Term field, else whatever in the card shows a term (a select without a
        // label); none is unreadable, as in a table.
        let term_text = match term_choice(dom, card) {
            Some(choice) => choice.map(|(_, words)| words),
            None => labelled_value(dom, card, TERM_HEADERS)
                .or_else(|| term_text_in(dom, card).map(|(_, text)| text)),
        };
        if term_text.is_none() {
            reading.unreadable.push(line_path(index, "term"));
        }
        let billing_text = labelled_value(dom, card, BILLING_HEADERS);
        lines.push(line(
            product_name(dom, product_at, dom.text(product_at)),
            quantity,
            term_text,
            &|| match &billing_text {
                Some(shown) => billing_of_field(shown),
                None => billing_in(&dom.text(card)),
            },
            index,
            reading,
        ));
    }
    Some(lines)
}

/// Where a line shows its product: its first text, unless that is a badge before the
/// product's link or heading ("Best seller", "New": a word or two, shorter than the name
/// after it). A "View details" link after a product named in plain text is not the product.
#[inline(never)]
fn product_in(dom: &Dom, scope: usize) -> Option<usize> {
    let first = dom.first_text_leaf(scope, scope)?;
    let named = dom.select_first(scope, false, &|&i| {
        let n = dom.node(i);
        i > first
            && (matches!(n.tag.as_str(), "a" | "h2" | "h3" | "h4")
                || matches!(n.role(), Some("link" | "heading")))
            && !dom.text(i).is_empty()
    });
    let shown = dom.text(first);
    let is_badge = |name: usize| {
        !dom.contains(first, name)
            && shown.split_whitespace().count() <= 2
            && shown.len() < dom.text(name).len()
    };
    if let Some(named) = named.filter(|&n| is_badge(n)) {
        return Some(named);
    }
    // A publisher line over the product ("Microsoft", "Microsoft · CFQ7TTC0HD33-P1M"): the
    // product is the text after it.
    if is_publisher_line(&shown) {
        if let Some(next) = dom.first_text_leaf(scope, dom.subtree_end(first) + 1) {
            if !is_publisher_line(&dom.text(next)) {
                return Some(next);
            }
        }
    }
    Some(first)
}

/// A line that names a product's publisher or its SKU, never the product: "Microsoft" alone
/// (the publisher whose licences the procedures are about), or a line one of whose parts
/// (between "·", "|", "•" or ":") is a code alone, of eight or more characters mixing
/// capitals and digits ("Microsoft · CFQ7TTC0HD33-P1M", "SKU: CFQ7TTC0HD33"). A name that
/// carries its code among its words ("Power BI Pro (CFQ7TTC0L3PB)") is a product's.
fn is_publisher_line(text: &str) -> bool {
    // One pass over the chars: `split` and `split_whitespace` cost 0.3 KB of the content
    // wasm each (issue 8).
    let (mut words, mut len, mut digit, mut capital, mut in_word) = (0, 0, false, false, false);
    for c in text.chars().chain(['|']) {
        if matches!(c, '\u{b7}' | '|' | '\u{2022}' | ':') {
            if words == 1 && len >= 8 && digit && capital {
                return true;
            }
            (words, len, digit, capital) = (0, 0, false, false);
            in_word = false;
        } else if c == ' ' {
            in_word = false;
        } else {
            words += usize::from(!in_word);
            in_word = true;
            len += 1;
            digit |= c.is_ascii_digit();
            capital |= c.is_ascii_uppercase();
        }
    }
    text.eq_ignore_ascii_case("microsoft")
}

/// "2 × Visio Plan 2", "2x Visio Plan 2", "Visio Plan 2 × 2": a count before the product's
/// name, or after it behind a times sign, is the line's quantity, and not part of the name
/// (texts here are collapsed to single spaces).
#[inline(never)]
fn split_count(product: &str) -> Option<(i64, &str)> {
    // After the name: " × 2", " x 2". Bytes, not `rsplit_once`: that brings std's reverse
    // char searcher into the content wasm (0.3 KB gzip, issue 8).
    let mut start = product.len();
    while start > 0 && product.as_bytes()[start - 1].is_ascii_digit() {
        start -= 1;
    }
    let (name, count) = product.split_at(start);
    if let Some(name) = name
        .strip_suffix(" \u{d7} ")
        .or_else(|| name.strip_suffix(" x "))
        .filter(|_| !count.is_empty())
    {
        return Some((parse_quantity(count)?, name));
    }
    let digits = product.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &product[digits..];
    let rest = rest.strip_prefix(" ").unwrap_or(rest);
    let name = rest
        .strip_prefix("\u{d7} ")
        .or_else(|| rest.strip_prefix("x "))?;
    Some((parse_quantity(&product[..digits])?, name))
}

/// "lines[3]", or "lines[3].term" for one of its fields: one formatter for the eleven places
/// that name a line (each `format!` is its own code in the content wasm, issue 8).
#[inline(never)]
fn line_path(index: usize, field: &str) -> String {
    let mut path = procguard_core::fill!("lines[{}]", index);
    if !field.is_empty() {
        path.push('.');
        path.push_str(field);
    }
    path
}

/// The product's name as `shown` by the element `id`, without a badge drawn inside it at
/// either end ("Visio Plan 2 [NCE]", "[New] Visio Plan 2", "Visio Plan 2 [Save 16%]"): a
/// child element whose text is a badge's (`is_badge`). Without it the name was not the
/// quote's, and the cart was held for a product it does have.
fn product_name(dom: &Dom, id: usize, shown: String) -> String {
    let mut name = shown.as_str();
    for &c in &dom.node(id).children {
        if dom.node(c).is_text() || is_control(dom.node(c)) {
            continue;
        }
        let badge = dom.text(c);
        if !is_badge(&badge) {
            continue;
        }
        let rest = name
            .strip_prefix(&*badge)
            .or_else(|| name.strip_suffix(&*badge));
        if let Some(rest) = rest.map(str::trim).filter(|rest| !rest.is_empty()) {
            name = rest;
        }
    }
    name.to_string()
}

/// A badge's text: a discount ("Save 16%", "-16%"), a word of capitals ("NCE", "NEW") or a
/// word a shop marks an offer with ("New", "Popular").
fn is_badge(text: &str) -> bool {
    (3..=12).contains(&text.len())
        && (text.as_bytes().last() == Some(&b'%')
            || text.bytes().all(|b| b.is_ascii_uppercase())
            || matches!(text, "New" | "Popular" | "Trial" | "Preview" | "Sale"))
}

/// An element's text up to its first line break: "Visio Plan 2<br><small>Microsoft
/// &middot; CFQ7TTC0HD33</small>" is the product, not its publisher and SKU under it. A
/// link's text is its name whole, wrapped or not ("Visio Plan<br>2").
fn first_line(dom: &Dom, id: usize) -> String {
    let children = &dom.node(id).children;
    match children.iter().position(|&c| dom.node(c).tag == "br") {
        Some(at) if at > 0 && dom.node(id).tag != "a" => {
            let mut text = String::new();
            for &c in &children[..at] {
                dom.push_text(c, &mut text);
            }
            collapse_whitespace(&text)
        }
        _ => dom.text(id),
    }
}

/// The value of the field labelled (or named) by the first of `names` found in `scope`.
fn labelled_value(dom: &Dom, scope: usize, names: &str) -> Option<String> {
    for name in alternatives(names) {
        for l in find_labels(dom, scope, name) {
            if let Some((_, value)) = value_for_label(dom, l) {
                return Some(value);
            }
        }
        if let Some(control) = control_named(dom, scope, name) {
            return Some(control_value(dom, control));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_read_from_numbers_with_words() {
        assert_eq!(parse_quantity("3"), Some(3));
        assert_eq!(parse_quantity("Qty 12"), Some(12));
        assert_eq!(parse_quantity("1,200 seats"), Some(1200));
        assert_eq!(parse_quantity("two"), None);
        assert_eq!(parse_quantity("3 of 5"), None);
    }

    #[test]
    fn a_count_after_a_times_sign_is_a_quantity_and_words_after_an_x_are_not() {
        for text in [
            "\u{d7} 2", "\u{d7}2", "x 2", "x2", "x 1,200", "qty: 2", "2 seats",
        ] {
            assert!(is_quantity_text(text), "{text:?}");
        }
        for text in [
            "xbox 2",
            "x",
            "\u{d7}",
            "x 2 of 5 left",
            "visio plan 2",
            "2",
        ] {
            assert!(!is_quantity_text(text), "{text:?}");
        }
        assert_eq!(parse_quantity("\u{d7} 12"), Some(12));
    }

    /// The split-and-parse version the scan replaced.
    fn split_and_parse(text: &str) -> Option<i64> {
        let digits: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_digit() || c == ','))
            .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
            .collect();
        match digits.as_slice() {
            [one] => one.replace(',', "").parse().ok(),
            _ => None,
        }
    }

    #[test]
    fn the_quantity_scan_answers_as_splitting_and_parsing_did() {
        let mut texts: Vec<String> = [
            "",
            "0",
            "12",
            "1,200",
            ",5",
            "5,",
            "5,,6",
            "5 , 6",
            "Qty: 05",
            "x2",
            "2 seats",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999",
            "−3",
            "-3",
            "3-5",
            "1.5",
            "٣",
            "Qty 12 ",
            "1,2,3",
            ",,",
            "a,1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every string of up to four characters from a small alphabet.
        let alphabet = ['1', '0', ',', ' ', 'a', '.', '9'];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            texts.extend(next.iter().cloned());
            frontier = next;
        }
        for text in &texts {
            assert_eq!(parse_quantity(text), split_and_parse(text), "{text:?}");
        }
    }
}

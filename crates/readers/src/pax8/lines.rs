//! Cart lines: from a table or ARIA grid with Product/Term/Quantity column headers (cart
//! step), or from an order summary list whose items say "Term: …" and "Qty …" (review and
//! checkout steps). Recommendation cards have neither and are never read as lines.

use procguard_core::model::{Billing, CartLine};

use super::terms::{billing_in, parse_term};
use crate::dom::{is_control, Dom, Node};
use crate::labels::{control_value, normalise_label};
use crate::Reading;

const PRODUCT_HEADERS: &[&str] = &["product", "product name", "item", "name", "products"];
const TERM_HEADERS: &[&str] = &[
    "term",
    "commitment",
    "commitment term",
    "term / billing",
    "billing term",
    "subscription term",
];
const QUANTITY_HEADERS: &[&str] = &[
    "quantity",
    "qty",
    "seats",
    "licenses",
    "licences",
    "quantity (seats)",
];
const BILLING_HEADERS: &[&str] = &["billing", "billing frequency", "billed"];

/// The cart's lines, or `None` when the page shows no cart.
pub fn read_lines(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    for table in std::iter::once(root)
        .chain(dom.descendants(root))
        .filter(|&i| is_table(dom.node(i)))
    {
        if let Some(lines) = read_table(dom, table, reading) {
            return Some(lines);
        }
    }
    read_summary_items(dom, root, reading)
}

fn is_table(node: &Node) -> bool {
    node.tag == "table" || matches!(node.role(), Some("table" | "grid" | "treegrid"))
}

fn is_row(node: &Node) -> bool {
    node.role() == Some("row") || (node.tag == "tr" && node.role().is_none())
}

fn is_cell(node: &Node) -> bool {
    matches!(
        node.role(),
        Some("cell" | "gridcell" | "columnheader" | "rowheader")
    ) || (matches!(node.tag.as_str(), "td" | "th") && node.role().is_none())
}

fn is_header_cell(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    node.role() == Some("columnheader") || (node.tag == "th" && node.role().is_none())
}

/// Rows of this table, not of a table nested in it.
fn rows_of(dom: &Dom, table: usize) -> Vec<usize> {
    dom.descendants(table)
        .filter(|&i| is_row(dom.node(i)))
        .filter(|&i| dom.ancestors(i).find(|&a| is_table(dom.node(a))) == Some(table))
        .collect()
}

fn cells_of(dom: &Dom, row: usize) -> Vec<usize> {
    dom.descendants(row)
        .filter(|&i| is_cell(dom.node(i)))
        .filter(|&i| dom.ancestors(i).find(|&a| is_row(dom.node(a))) == Some(row))
        .collect()
}

struct Columns {
    product: usize,
    term: Option<usize>,
    quantity: usize,
    billing: Option<usize>,
}

fn column_of(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&h.as_str()))
}

fn read_table(dom: &Dom, table: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let rows = rows_of(dom, table);
    let header_row = rows.iter().copied().find(|&r| {
        let cells = cells_of(dom, r);
        !cells.is_empty() && cells.iter().any(|&c| is_header_cell(dom, c))
    })?;
    let headers: Vec<String> = cells_of(dom, header_row)
        .into_iter()
        .map(|c| normalise_label(&dom.text(c)))
        .collect();
    let columns = Columns {
        product: column_of(&headers, PRODUCT_HEADERS)?,
        quantity: column_of(&headers, QUANTITY_HEADERS)?,
        term: column_of(&headers, TERM_HEADERS),
        billing: column_of(&headers, BILLING_HEADERS),
    };
    let mut lines = Vec::new();
    for row in rows.into_iter().filter(|&r| r != header_row) {
        let cells = cells_of(dom, row);
        if cells.iter().all(|&c| is_header_cell(dom, c)) {
            continue;
        }
        let Some(&product_cell) = cells.get(columns.product) else {
            continue;
        };
        let Some(product_at) = dom.first_text_leaf(product_cell, product_cell) else {
            continue;
        };
        let index = lines.len();
        reading.anchor(&format!("lines[{index}]"), row);
        let product = dom.text(product_at);
        let quantity = cells
            .get(columns.quantity)
            .and_then(|&c| quantity_in_cell(dom, c));
        if quantity.is_none() {
            reading.unreadable.push(format!("lines[{index}].quantity"));
        }
        let term_text = columns
            .term
            .and_then(|t| cells.get(t))
            .map(|&c| value_in_cell(dom, c));
        let billing_text = columns
            .billing
            .and_then(|b| cells.get(b))
            .map(|&c| value_in_cell(dom, c))
            .unwrap_or_else(|| dom.text(row));
        lines.push(line(
            product,
            quantity,
            term_text,
            &billing_text,
            index,
            reading,
        ));
    }
    Some(lines)
}

/// A cell's control value (select, combobox, input), or its text.
fn value_in_cell(dom: &Dom, cell: usize) -> String {
    match std::iter::once(cell)
        .chain(dom.descendants(cell))
        .find(|&i| is_control(dom.node(i)))
    {
        Some(control) => control_value(dom, control),
        None => dom.text(cell),
    }
}

fn quantity_in_cell(dom: &Dom, cell: usize) -> Option<i64> {
    // An ARIA spinbutton gives its number in aria-valuenow.
    if let Some(spin) = std::iter::once(cell)
        .chain(dom.descendants(cell))
        .find(|&i| dom.node(i).role() == Some("spinbutton"))
    {
        if let Some(now) = dom.node(spin).attr("aria-valuenow") {
            return parse_quantity(now);
        }
    }
    parse_quantity(&value_in_cell(dom, cell))
}

/// "3", "3 seats", "1,200", "Qty 3", "× 3".
pub fn parse_quantity(text: &str) -> Option<i64> {
    let digits: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
        .collect();
    match digits.as_slice() {
        [one] => one.replace(',', "").parse().ok(),
        _ => None,
    }
}

fn line(
    product: String,
    quantity: Option<i64>,
    term_text: Option<String>,
    billing_text: &str,
    index: usize,
    reading: &mut Reading,
) -> CartLine {
    let (term, billing) = match term_text.as_deref().map(parse_term) {
        Some(Some((term, billing))) => (Some(term), billing),
        Some(None) => {
            reading.unreadable.push(format!("lines[{index}].term"));
            (None, None)
        }
        None => (None, None),
    };
    let billing = billing.or_else(|| billing_in(billing_text)).or(match term {
        // An annual term with no billing shown anywhere: Pax8's default is billed annually.
        Some(procguard_core::model::Term::Annual | procguard_core::model::Term::MultiYear) => {
            Some(Billing::Annual)
        }
        _ => None,
    });
    CartLine {
        product: Some(product),
        quantity,
        term,
        billing,
        ..Default::default()
    }
}

/// Order-summary items on the review/checkout steps: each says "Term: …" and "Qty …".
fn read_summary_items(dom: &Dom, root: usize, reading: &mut Reading) -> Option<Vec<CartLine>> {
    let term_labels: Vec<usize> = std::iter::once(root)
        .chain(dom.descendants(root))
        .filter(|&i| {
            let node = dom.node(i);
            node.raw_len < 200
                && dom
                    .short_text(i)
                    .is_some_and(|text| text.starts_with("term:") || text.starts_with("term "))
        })
        .collect();
    // Keep the deepest element of each nest.
    let term_labels: Vec<usize> = term_labels
        .iter()
        .copied()
        .filter(|&t| !term_labels.iter().any(|&o| o != t && dom.contains(t, o)))
        .collect();
    if term_labels.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    for term_label in term_labels {
        let item = dom
            .closest(term_label, |n| {
                n.tag == "li"
                    || matches!(n.role(), Some("listitem" | "row" | "article"))
                    || n.tag == "article"
            })
            .or_else(|| dom.ancestors(term_label).nth(2))?;
        let index = lines.len();
        reading.anchor(&format!("lines[{index}]"), item);
        let product = dom
            .first_text_leaf(item, item)
            .map(|p| dom.text(p))
            .unwrap_or_default();
        let term_text = dom
            .text(term_label)
            .split_once(':')
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        let quantity = dom
            .descendants(item)
            .filter(|&i| dom.node(i).raw_len < 40)
            .filter_map(|i| dom.short_text(i).map(str::to_string))
            .find(|t| t.starts_with("qty") || t.starts_with("quantity") || t.starts_with("seats"))
            .and_then(|t| parse_quantity(&t));
        if quantity.is_none() {
            reading.unreadable.push(format!("lines[{index}].quantity"));
        }
        let item_text = dom.text(item);
        lines.push(line(
            product,
            quantity,
            Some(term_text),
            &item_text,
            index,
            reading,
        ));
    }
    Some(lines)
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
}

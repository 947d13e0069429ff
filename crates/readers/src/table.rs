//! Tables and ARIA grids read by their column headers, so columns may come in any order.

use std::rc::Rc;

use crate::dom::{Dom, Node};
use crate::labels::normalise_label;

/// Whether a column's `heading` (normalised) is `name`, or `name` with a qualifier after it
/// ("quantity (seats)", "service (all)"): how a column is looked up by name, and how a cell
/// that repeats its column's heading (a table stacked into cards) is told by its text.
pub fn heading_names(heading: &str, name: &str) -> bool {
    heading
        .strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(" ("))
}

pub fn is_table(node: &Node) -> bool {
    node.tag == "table" || matches!(node.role(), Some("table" | "grid" | "treegrid"))
}

/// Whether the grid `table` draws only some of its rows: it says it has more
/// (`aria-rowcount`, heading rows included) than are on the page. A virtual scroller (MUI's
/// DataGrid) draws the rows in view only; those out of view cannot be read.
pub fn rows_out_of_view(dom: &Dom, table: &Table) -> bool {
    dom.node(table.node)
        .attr("aria-rowcount")
        // Not `str::parse`, which brings std's integer parser into the content wasm (0.3 KB,
        // issue 8). "-1" (not known) is none.
        .and_then(|count| procguard_core::normalize::digits_value(count.trim()))
        .is_some_and(|count| {
            dom.select(table.node, false, &|&i| is_row(dom.node(i)))
                .len()
                < count as usize
        })
}

pub(crate) fn is_row(node: &Node) -> bool {
    node.role() == Some("row") || (node.tag == "tr" && keeps_own_role(node))
}

fn is_cell(node: &Node) -> bool {
    matches!(
        node.role(),
        Some("cell" | "gridcell" | "columnheader" | "rowheader")
    ) || (matches!(node.tag.as_str(), "td" | "th") && keeps_own_role(node))
}

pub(crate) fn is_header_cell(node: &Node) -> bool {
    node.role() == Some("columnheader") || (node.tag == "th" && keeps_own_role(node))
}

/// A `tr`, `td` or `th` with no role of its own, or a button's: a row that opens its line
/// (`<tr role="button">`) or a heading that sorts (`<th role="button">`) is still drawn and
/// read as a row or a heading. Other roles say what it is instead ("presentation").
fn keeps_own_role(node: &Node) -> bool {
    matches!(node.role(), None | Some("button"))
}

/// A table with its header texts (normalised) and its data rows' cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub node: usize,
    /// The row of headings (a grid's heading block).
    pub head: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub node: usize,
    pub cells: Vec<usize>,
}

impl Table {
    /// The column whose header is one of `names` (compared normalised), or one of them with
    /// a qualifier after it ("Quantity (seats)") when none is the name alone; the first name
    /// that matches any column wins.
    pub fn column(&self, names: &str) -> Option<usize> {
        procguard_core::normalize::alternatives(names).find_map(|name| {
            let wanted = normalise_label(name);
            self.headers
                .iter()
                .position(|h| *h == wanted)
                .or_else(|| self.headers.iter().position(|h| heading_names(h, &wanted)))
        })
    }

    pub fn cell(&self, row: &Row, column: usize) -> Option<usize> {
        row.cells.get(column).copied()
    }
}

/// Every table inside `scope` that has a header row, in page order. Worked out once per
/// Dom and scope (see `Dom::tables`).
pub fn tables(dom: &Dom, scope: usize) -> Rc<[Table]> {
    if let Some((_, found)) = dom.tables.borrow().iter().find(|(s, _)| *s == scope) {
        return Rc::clone(found);
    }
    // Loops over `Dom::select`, not adapter chains: each chain is its own copy in the
    // content wasm (issue 8).
    let mut found: Vec<Table> = Vec::new();
    for t in dom.select(scope, true, &|&i| is_table(dom.node(i))) {
        if let Some(table) = read_table(dom, t) {
            found.push(table);
            continue;
        }
        // A grid that draws its heading row as a table of its own (a sticky header) and its
        // rows in the next, headless one: those rows, read under the headings above them. The
        // heading row may end in empty cells its rows do not have (over the scrollbar).
        if let Some(head) = found.last_mut().filter(|h| h.rows.is_empty()) {
            let rows = data_rows(dom, t, None);
            if rows.first().is_some_and(|r| {
                head.headers
                    .get(r.cells.len()..)
                    .is_some_and(|extra| extra.iter().all(String::is_empty))
            }) {
                // Its headings named again over the rows it now has (see `headings`).
                head.headers = headings(dom, head.head, &rows);
                head.rows = rows;
            }
        }
    }
    if found.is_empty() {
        found = plain_grids(dom, scope);
    }
    // Cards of description lists, two or more alike: one list alone is as likely a record's
    // details (a review step's "User Principal Name" is no table of users); a reader that
    // knows what it looks for asks for those (`description_lists`).
    for list in description_lists(dom, scope) {
        if list.rows.len() >= 2 {
            // In page order among the others.
            let at = found.iter().position(|t| t.node > list.node);
            found.insert(at.unwrap_or(found.len()), list);
        }
    }
    let found: Rc<[Table]> = found.into();
    dom.tables.borrow_mut().push((scope, Rc::clone(&found)));
    found
}

fn read_table(dom: &Dom, table: usize) -> Option<Table> {
    let rows = own_rows(dom, table);
    let cells_of = |row: usize| own_cells(dom, row);
    // The header row: every cell that shows something is a column header (an empty corner
    // cell, as MUI renders above a row's actions, does not count against it).
    // Of several heading rows in a row (a band of grouping headings, "Details | Pricing",
    // above the columns' own), the one naming the most columns.
    let mut header_row = None;
    let mut most = 0;
    for &r in &rows {
        let (mut shown, mut headers) = (0, true);
        for c in cells_of(r) {
            if dom.node(c).raw_len > 0 {
                shown += 1;
                headers &= is_header_cell(dom.node(c));
            }
        }
        if shown > 0 && headers {
            if shown > most {
                header_row = Some(r);
                most = shown;
            }
        } else if header_row.is_some() {
            break;
        }
    }
    let header_row = header_row.or_else(|| headings_in_plain_cells(dom, &rows, &cells_of))?;
    let rows = data_rows(dom, table, Some(header_row));
    Some(Table {
        node: table,
        head: header_row,
        headers: headings(dom, header_row, &rows),
        rows,
    })
}

/// How many columns a cell spans (its `colspan`, an ARIA grid's `aria-colspan`, 1 to 20).
pub(crate) fn span(dom: &Dom, cell: usize) -> usize {
    spanned(dom, cell, "colspan", "aria-colspan", 20)
}

/// How many of a cell's attributes `html` or `aria` say it spans, 1 to `max`.
pub(crate) fn spanned(dom: &Dom, cell: usize, html: &str, aria: &str, max: u32) -> usize {
    let node = dom.node(cell);
    node.attr(html)
        .or_else(|| node.attr(aria))
        .and_then(|n| procguard_core::normalize::digits_value(n.trim()))
        .map_or(1, |n| n.clamp(1, max) as usize)
}

/// The headings of a heading row's columns (normalised). A heading across several columns (a
/// product's logo and its name under "Product") names the one whose cell shows something in
/// the first row; the others are unnamed, and the columns after it keep their places.
fn headings(dom: &Dom, header_row: usize, rows: &[Row]) -> Vec<String> {
    let mut headers = Vec::new();
    for c in own_cells(dom, header_row) {
        let first = headers.len();
        let span = span(dom, c);
        let named = (first..first + span)
            .find(|&at| {
                rows.first()
                    .and_then(|r| r.cells.get(at))
                    .is_some_and(|&cell| dom.node(cell).raw_len > 0)
            })
            .unwrap_or(first);
        // A heading drawn as an icon names its column by its `aria-label` or tooltip.
        let text = dom.text(c);
        let node = dom.node(c);
        let name = match node.attr("aria-label").or_else(|| node.attr("title")) {
            Some(name) if text.is_empty() => normalise_label(name),
            _ => normalise_label(&text),
        };
        for at in first..first + span {
            headers.push(if at == named {
                name.clone()
            } else {
                String::new()
            });
        }
    }
    headers
}

/// The table's own rows (not a nested table's), each with its own cells.
fn own_rows(dom: &Dom, table: usize) -> Vec<usize> {
    dom.select(table, false, &|&i| {
        is_row(dom.node(i)) && dom.closest(i, &is_table) == Some(table)
    })
}

pub(crate) fn own_cells(dom: &Dom, row: usize) -> Vec<usize> {
    dom.select(row, false, &|&i| {
        is_cell(dom.node(i)) && dom.closest(i, &is_row) == Some(row)
    })
}

/// The table's data rows: every own row but the header row, a footer's rows (totals), rows
/// of headings only and, in a table of several columns, rows of one cell (a group's heading
/// drawn across the columns: "Microsoft (3 items)").
fn data_rows(dom: &Dom, table: usize, header_row: Option<usize>) -> Vec<Row> {
    let mut data = Vec::new();
    let mut rows = Vec::new();
    let mut columns = 0;
    // A cell across rows below its own (`rowspan`: a vendor's name beside each of its
    // lines) is also in each of those rows, at its column: without it, their cells would
    // stand under the headings before theirs. (column, cell, rows still to fill).
    let mut across: Vec<(usize, usize, usize)> = Vec::new();
    for r in own_rows(dom, table) {
        let mut own = own_cells(dom, r).into_iter();
        let mut cells = Vec::new();
        loop {
            let at = cells.len();
            if let Some(above) = across.iter_mut().find(|(c, _, left)| *c == at && *left > 0) {
                above.2 -= 1;
                cells.push(above.1);
            } else if let Some(cell) = own.next() {
                let below = spanned(dom, cell, "rowspan", "aria-rowspan", 1000) - 1;
                if below > 0 {
                    across.push((at, cell, below));
                }
                cells.push(cell);
            } else {
                break;
            }
        }
        columns = columns.max(cells.len());
        rows.push((r, cells));
    }
    for (r, cells) in rows {
        if columns > 1 && cells.len() == 1 {
            continue;
        }
        let in_footer = dom
            .closest(r, &|n: &Node| n.tag == "tfoot")
            .is_some_and(|f| f > table);
        if Some(r) != header_row
            && !in_footer
            && !cells.is_empty()
            && !cells.iter().all(|&c| is_header_cell(dom.node(c)))
        {
            data.push(Row { node: r, cells });
        }
    }
    data
}

/// A table whose headings are drawn in plain cells (an ASP.NET grid without accessible
/// headers, a `<thead>` of `<td>`s): its first row showing anything, when it is in a
/// `<thead>`, or when there are rows after it, it has as many cells as the next, and every
/// cell it shows is a short text with no digit and no `@`, as a column's name is and a
/// line's product, quantity or address is not.
fn headings_in_plain_cells(
    dom: &Dom,
    rows: &[usize],
    cells_of: &dyn Fn(usize) -> Vec<usize>,
) -> Option<usize> {
    let first = rows
        .iter()
        .position(|&r| cells_of(r).iter().any(|&c| dom.node(c).raw_len > 0))?;
    let row = rows[first];
    if dom.ancestors(row).any(|a| dom.node(a).tag == "thead") {
        return Some(row);
    }
    // As many cells as the row after it: one cell across the columns ("All items (sorted
    // by name)") heads a group of rows, not the columns.
    // Counted with the columns each heading spans ("Product" across a logo's column and the
    // name's), but one cell alone is one.
    let cells = cells_of(row);
    let mut columns = 0;
    for &c in &cells {
        columns += if cells.len() > 1 { span(dom, c) } else { 1 };
    }
    let headings = rows
        .get(first + 1)
        .is_some_and(|&next| columns >= cells_of(next).len())
        && cells.iter().all(|&c| names_a_column(&dom.text(c)));
    headings.then_some(row)
}

/// Whether a cell's text can be a column's name: a short text with no digit and no `@`, as a
/// line's product, quantity or address is not.
fn names_a_column(text: &str) -> bool {
    text.len() <= 40 && !text.contains(|ch: char| ch.is_ascii_digit() || ch == '@')
}

/// The element children of a node (what a grid drawn with blocks has as rows and cells).
fn element_children(dom: &Dom, id: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in &dom.node(id).children {
        if !dom.node(c).is_text() {
            out.push(c);
        }
    }
    out
}

/// Rows drawn as cards, each a description list of the same terms ("Product", "Term",
/// "Quantity") and their values, as a narrow layout draws a table: the cards of one block
/// are the rows of a table headed by those terms, each `<dd>` the cell of the `<dt>` before
/// it.
pub fn description_lists(dom: &Dom, scope: usize) -> Vec<Table> {
    let mut lists: Vec<Table> = Vec::new();
    for list in dom.select(scope, true, &|&i| dom.node(i).tag == "dl") {
        let (terms, values) = terms_and_values(dom, list);
        if terms.len() < 2 {
            continue;
        }
        let row = Row {
            node: list,
            cells: values,
        };
        let parent = dom.node(list).parent.unwrap_or(list);
        match lists.last_mut() {
            Some(table) if table.node == parent && table.headers == terms => table.rows.push(row),
            _ => lists.push(Table {
                node: parent,
                head: list,
                headers: terms,
                rows: vec![row],
            }),
        }
    }
    lists
}

/// A description list's terms (normalised) and, for each, the first value after it; the
/// pairs may be wrapped in a block each, as HTML allows.
fn terms_and_values(dom: &Dom, list: usize) -> (Vec<String>, Vec<usize>) {
    let (mut terms, mut values) = (Vec::new(), Vec::new());
    let mut items = element_children(dom, list);
    items.reverse();
    while let Some(item) = items.pop() {
        match dom.node(item).tag.as_str() {
            "dt" if terms.len() == values.len() => terms.push(normalise_label(&dom.text(item))),
            "dd" if terms.len() == values.len() + 1 => values.push(item),
            "div" => {
                for child in element_children(dom, item).into_iter().rev() {
                    items.push(child);
                }
            }
            _ => {}
        }
    }
    terms.truncate(values.len());
    (terms, values)
}

/// Grids drawn as plain blocks, with no table markup or roles at all (a CSS grid): a block of
/// cells of which three or more show a short heading and none shows anything else (a
/// column's name, `names_a_column`, and no control),
/// followed by blocks with as many cells, its siblings or, when the heading row ends its block
/// (a head of its own, alone or under a band of grouping headings), the children of the next
/// block (the body). Only where a page has no table at all.
fn plain_grids(dom: &Dom, scope: usize) -> Vec<Table> {
    let mut grids: Vec<Table> = Vec::new();
    for head in dom.descendants(scope) {
        if grids.iter().any(|g| dom.contains(g.node, head)) {
            continue;
        }
        let cells = element_children(dom, head);
        // Empty cells (a corner over a row's actions) do not count against it.
        let mut named = 0;
        let headings = cells.iter().all(|&c| {
            let text = dom.text(c);
            named += usize::from(!text.is_empty());
            names_a_column(&text) && dom.first_control(c, true).is_none()
        }) && named >= 3;
        let Some(parent) = dom.node(head).parent.filter(|_| headings) else {
            continue;
        };
        let siblings = element_children(dom, parent);
        let at = siblings.iter().position(|&c| c == head).unwrap_or(0);
        // Rows after the heading row, else (a head block of its own, the heading row last in
        // it, under nothing but short headings such as a band of grouping headings,
        // "Details | Pricing") the next block's rows.
        let (grid, rows) = match (&siblings[at + 1..], dom.node(parent).parent) {
            ([], Some(grid)) if siblings[..at].iter().all(|&s| names_a_column(&dom.text(s))) => {
                let blocks = element_children(dom, grid);
                let next = blocks.iter().position(|&b| b == parent).map(|p| p + 1);
                let body = next.and_then(|n| blocks.get(n).copied());
                (
                    grid,
                    body.map(|b| element_children(dom, b)).unwrap_or_default(),
                )
            }
            (after, _) => (parent, after.to_vec()),
        };
        let mut data = Vec::new();
        for row in rows {
            let cells_of_row = element_children(dom, row);
            // A group's heading across the columns, or a row of notes under a line (a word,
            // then one block across the other columns): between rows, not the grid's end.
            if cells_of_row.len() != cells.len() {
                continue;
            }
            data.push(Row {
                node: row,
                cells: cells_of_row,
            });
        }
        if data.is_empty() {
            continue;
        }
        // A loop, not a mapped `collect`: its own copy of std's `from_iter` (issue 8).
        let mut headers = Vec::new();
        for &c in &cells {
            headers.push(normalise_label(&dom.text(c)));
        }
        grids.push(Table {
            node: grid,
            head,
            headers,
            rows: data,
        });
    }
    grids
}

#[cfg(test)]
mod tests {
    use crate::dom::build::{snapshot, T, T::*};
    use crate::Dom;

    #[test]
    fn cards_of_description_lists_alike_are_a_table_headed_by_their_terms() {
        // A narrow layout's cart: each line a <dl>, a pair wrapped in a block or not; beside a
        // form laid out in a table, and a record's details in a <dl> of their own.
        let pair = |term: &'static str, value: T| {
            E(
                "div",
                vec![],
                vec![E("dt", vec![], vec![X(term)]), E("dd", vec![], vec![value])],
            )
        };
        let card = |product: &'static str, quantity: &'static str| {
            E(
                "dl",
                vec![],
                vec![
                    pair("Product", E("a", vec![], vec![X(product)])),
                    E("dt", vec![], vec![X("Quantity:")]),
                    E(
                        "dd",
                        vec![],
                        vec![V("input", vec![("type", "number")], quantity)],
                    ),
                    pair("Price", X("$18.00")),
                ],
            )
        };
        let details = E(
            "dl",
            vec![],
            vec![
                pair("Customer", X("Acme Dental LLC")),
                pair("Seats", X("20")),
            ],
        );
        let form = E(
            "table",
            vec![],
            vec![E(
                "tr",
                vec![],
                vec![
                    E("th", vec![], vec![X("Notes")]),
                    E("td", vec![], vec![V("input", vec![], "")]),
                ],
            )],
        );
        let cards = E(
            "div",
            vec![],
            vec![card("Visio Plan 2", "2"), card("Microsoft 365 E3", "10")],
        );
        let json = snapshot("https://x/", E("body", vec![], vec![details, form, cards]));
        let dom = Dom::from_json(&json).unwrap();
        let tables = crate::table::tables(&dom, 0);
        let lists: Vec<_> = tables
            .iter()
            .filter(|t| dom.node(t.head).tag == "dl")
            .collect();
        // The two cards alike only: one record's details are no table.
        assert_eq!(lists.len(), 1, "{tables:?}");
        let cart = lists[0];
        assert_eq!(cart.headers, ["product", "quantity", "price"]);
        assert_eq!(cart.rows.len(), 2);
        let quantity = cart.column("Quantity").unwrap();
        let input = cart.cell(&cart.rows[1], quantity).unwrap();
        assert_eq!(
            dom.node(dom.node(input).children[0]).value.as_deref(),
            Some("10")
        );
        assert_eq!(
            dom.text(cart.cell(&cart.rows[0], 0).unwrap()),
            "Visio Plan 2"
        );
    }
}

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
    control_for_label, control_hinted, control_named, control_tied_to_label, control_value,
    email_in, field_control, find_any_label, find_any_label_starting, find_labels_starting,
    has_word, inline_value, is_button, normalise_label, says_one_of, text_after_label,
    value_after_colon, value_for_label,
};
use crate::Reading;
use procguard_core::normalize::{alternatives, has_text, Lowercase};

pub use lines::parse_quantity;
pub use terms::parse_term;

/// Words of the buttons that place the order (held while a `block` finding stands).
const ORDER_BUTTONS: &str = concat!(
    "checkout|proceed to checkout|continue to checkout|go to checkout|place order|",
    "place your order|submit order|complete order|complete purchase|confirm purchase|purchase|",
    "buy now|confirm order|order now|pay now|complete checkout|finalize order|finalise order",
);

pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let mut reading = Reading::default();
    let mut page = CartPage::default();

    let found_lines = lines::read_lines(dom, root, &mut reading);
    let buttons = order_buttons(dom, root);
    let (hold_targets, final_targets) = hold_and_final_targets(dom, &buttons);
    let placing = !final_targets.is_empty();
    // An order button that can be pressed orders something: no lines read beside one means
    // they are drawn in a way not read (an empty cart's button is disabled or gone).
    let orders = buttons.iter().any(|&b| !dom.node(b).is_disabled());
    let found_lines = match found_lines {
        Some(lines) if lines.is_empty() && orders => None,
        found => found,
    };
    let found_lines = match found_lines {
        None if !hold_targets.is_empty() => lines::read_list_items(dom, root, &mut reading),
        found => found,
    };
    let Some(found_lines) = found_lines.filter(|lines| !lines.is_empty() || !orders) else {
        if hold_targets.is_empty() {
            // No cart on this page (yet): nothing to check, and nothing to hold.
            return None;
        }
        // An order button without readable lines: fail closed, say we could not check.
        reading.unreadable.push("lines".into());
        page.lines = Some(Vec::new());
        reading.hold_targets = hold_targets;
        return Some(finish(reading, page, dom, root, placing));
    };
    page.lines = Some(found_lines);
    reading.final_targets = final_targets;
    reading.hold_targets = hold_targets;
    Some(finish(reading, page, dom, root, placing))
}

/// `placing`: the page has a button that places the order (not the cart's Checkout step).
fn finish(
    mut reading: Reading,
    mut page: CartPage,
    dom: &Dom,
    root: usize,
    placing: bool,
) -> Reading {
    read_customer(dom, root, &mut page, &mut reading);
    read_contacts(dom, root, &mut page, &mut reading, placing);

    // A field with no label shown (a placeholder or aria-label names it) is read too.
    match find_any_label(dom, root, DOMAIN_LABELS) {
        Some(label) => match value_for_label(dom, label) {
            Some((at, value)) => {
                reading.anchor("domain", at);
                page.domain = Some(value);
            }
            None => reading.unreadable.push("domain".into()),
        },
        None => {
            // Written whole on a review step ("Domain: acmedentl.com"); else a box named by
            // aria-label or placeholder, else hinted at by its helper text ("The customer's
            // email domain…") under a label procguard does not know.
            let found = inline_value(dom, root, DOMAIN_LABELS).or_else(|| {
                let control = control_named(dom, root, DOMAIN_LABELS).or_else(|| {
                    // Only where the order is placed: the cart step has no such field, and a
                    // 200-line cart is not scanned for one at every re-read.
                    if !placing {
                        return None;
                    }
                    domain_label_reworded(dom, root).or_else(|| {
                        control_hinted(dom, root, &|hint| {
                            has_text(hint, "domain") || has_text(hint, "onmicrosoft.com")
                        })
                    })
                })?;
                Some((control, control_value(dom, control)))
            });
            if let Some((at, domain)) = found {
                reading.anchor("domain", at);
                page.domain = Some(domain);
            }
        }
    }
    let label = find_any_label(dom, root, ACCEPTANCE_LABELS);
    // Under a label procguard does not know: the one box hinted as a date (on the page that
    // places the order only, as for the domain).
    let hinted = || {
        let date = |hint: &str| {
            has_text(hint, "yyyy") || has_text(hint, "mm/dd") || has_text(hint, "dd/mm")
        };
        placing.then(|| control_hinted(dom, root, &date)).flatten()
    };
    // A review step shows the date as text after its label: taken only when it reads as a
    // date (digits and separators), never a hint or a picker's words.
    // One loop over the bytes, not two adapters (each its own copy in the wasm, issue 8).
    let is_date = |text: &String| {
        let mut digits = 0;
        for b in text.bytes() {
            if b.is_ascii_digit() {
                digits += 1;
            } else if !b"-/. ".contains(&b) {
                return false;
            }
        }
        text.len() <= 12 && digits >= 6
    };
    let shown =
        match field_control(dom, label, root, ACCEPTANCE_LABELS).or_else(|| hinted().map(Some)) {
            Some(Some(control)) => Some(Some((control, control_value(dom, control)))),
            Some(None) => {
                Some(label.and_then(|l| text_after_label(dom, l).filter(|(_, t)| is_date(t))))
            }
            // Written whole: "Date of Acceptance: 2026-12-04".
            None => inline_value(dom, root, ACCEPTANCE_LABELS)
                .map(|(at, t)| is_date(&t).then_some((at, t))),
        };
    match shown {
        Some(Some((at, date))) => {
            reading.anchor("acceptance_date", at);
            page.acceptance_date = Some(date);
        }
        Some(None) => reading.unreadable.push("acceptance_date".into()),
        None => {}
    }
    if placing {
        new_customer_fields_together(&page, &mut reading);
    }
    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::Pax8Cart(page));
    reading
}

/// A new Microsoft customer's details are asked together (procedure 004: the primary contact
/// for Pax8 communications, the domain and the date of acceptance), and each is a block
/// check's. Where the order is placed, a page that shows one of them but not another hides
/// the other (in a collapsed section, under a label procguard does not know): it is
/// unreadable, never "not shown at this step", which would pass its check unseen.
fn new_customer_fields_together(page: &CartPage, reading: &mut Reading) {
    let mut hidden: Vec<&str> = Vec::new();
    for (field, read) in [
        (
            "primary_contact_email",
            page.primary_contact_email.is_some(),
        ),
        ("domain", page.domain.is_some()),
        ("acceptance_date", page.acceptance_date.is_some()),
    ] {
        if !read && !reading.unreadable.iter().any(|u| u == field) {
            hidden.push(field);
        }
    }
    // One or two of the three hidden: all three is a customer Microsoft knows.
    if hidden.len() < 3 {
        for field in hidden {
            reading.unreadable.push(field.into());
        }
    }
}

const CUSTOMER_LABELS: &str = concat!(
    "Company|Customer|Client|Ordering for|Buying for|Purchasing for|Ordering on behalf of|",
    "End customer|Company name|Customer name|Organization|Organisation",
);
const DOMAIN_LABELS: &str = "Domain|Domain name|Customer domain";
/// (Labels are compared in any case: one wording each.)
const ACCEPTANCE_LABELS: &str = "Date of Acceptance|Acceptance date";
/// Pax8's label first; shorter wordings for a redesign (each is also the start of a longer
/// label that carries a note).
const PRIMARY_CONTACT_LABELS: &str = concat!(
    "Primary Contact for Pax8 Related Communications|Primary Contact for Pax8|",
    "Pax8 Primary Contact|Primary Contact",
);
/// What introduces the order contact's section: Pax8's sentence, else its heading.
const ORDER_CONTACT_INTROS: &str = concat!(
    "Please enter contact information for the person who will receive Microsoft order information|",
    "Order contact|Microsoft order contact",
);

/// The box under a `<label>` procguard does not know that names a domain ("Microsoft
/// domain", "Tenant domain", "Company domain"): the one such label's control, `None` when no
/// label or more than one box is so named (never a guess between two). Only `<label>`s: a
/// form's boxes have them, and the checks of `labels_saying` cost 0.5 KB of this module.
fn domain_label_reworded(dom: &Dom, root: usize) -> Option<usize> {
    let labels = dom.select(root, false, &|&i| {
        dom.node(i).tag == "label" && dom.short_text(i).is_some_and(|t| has_word(t, "domain"))
    });
    let mut found = None;
    for label in labels {
        let Some(control) = control_for_label(dom, label) else {
            continue;
        };
        match found {
            Some(other) if other != control => return None,
            _ => found = Some(control),
        }
    }
    found
}

fn read_customer(dom: &Dom, root: usize, page: &mut CartPage, reading: &mut Reading) {
    let label = find_any_label(dom, root, CUSTOMER_LABELS);
    // The label and its value in one element: "Company: Acme Dental LLC".
    let inline = || inline_value(dom, root, CUSTOMER_LABELS);
    // The label as an element's own words and the name in an element inside it: "Ordering
    // for <strong>Hudson Law Group PC</strong>".
    // Loops, not `find_map` over each label's list: each is its own copy (issue 8).
    let around = || {
        for label in alternatives(CUSTOMER_LABELS) {
            for at in find_labels_starting(dom, root, label) {
                if normalise_label(&dom.own_text(at)) != normalise_label(label) {
                    continue;
                }
                let name = dom
                    .node(at)
                    .children
                    .iter()
                    .find(|&&c| !dom.node(c).is_text() && !dom.text(c).is_empty());
                if let Some(&name) = name {
                    return Some((name, dom.text(name)));
                }
            }
        }
        None
    };
    // A picker the label is tied to (the cart's company chooser) shows the customer chosen;
    // else the text after the label.
    let picked = |l: usize| {
        let control = control_tied_to_label(dom, l)?;
        let name = control_value(dom, control);
        (!name.is_empty()).then_some((control, name))
    };
    match label
        .and_then(|l| picked(l).or_else(|| text_after_label(dom, l)))
        .or_else(inline)
        .or_else(around)
    {
        Some((at, name)) => {
            reading.anchor("customer", at);
            page.customer = Some(name);
        }
        None => reading.unreadable.push("customer".into()),
    }
}

/// "Primary Contact for Pax8 Related Communications" and the contact "who will receive
/// Microsoft order information". Only the address is kept.
fn read_contacts(
    dom: &Dom,
    root: usize,
    page: &mut CartPage,
    reading: &mut Reading,
    placing: bool,
) {
    // Where the order is placed, a label procguard does not know that speaks of the primary
    // or Pax8 contact ("Pax8 communications contact") and names a picker: a block check
    // reads this field, which must not go unread for a reworded label.
    let label = find_any_label_starting(dom, root, PRIMARY_CONTACT_LABELS).or_else(|| {
        // Words, not parts of words: a menu's "Orders … Contact Pax8 Support" is no field.
        let says = |t: &str| {
            has_word(t, "contact")
                && (has_word(t, "pax8") || has_word(t, "primary"))
                && !has_word(t, "order")
        };
        placing
            .then(|| label_saying(dom, root, &says, true))
            .flatten()
    });
    if let Some(control) = field_control(dom, label, root, PRIMARY_CONTACT_LABELS) {
        // A review step shows the contact chosen as text: an address after the label.
        let shown = control
            .map(|c| (c, control_value(dom, c)))
            .or_else(|| label.and_then(|l| shown_address(dom, l)));
        match shown {
            Some((control, shown)) => {
                reading.anchor("primary_contact_email", control);
                match email_in(&shown).or_else(|| address_after(dom, control, label?)) {
                    Some(email) => page.primary_contact_email = Some(email),
                    None if shown.is_empty() => page.primary_contact_email = Some(String::new()),
                    None => reading.unreadable.push("primary_contact_email".into()),
                }
            }
            None => reading.unreadable.push("primary_contact_email".into()),
        }
    }

    // The order contact's section is introduced by a sentence (or a heading); its "Email"
    // field is the one inside the smallest container holding both (the agreement signatory
    // has an Email too).
    // A heading or sentence procguard does not know that speaks of who receives the order
    // ("Microsoft order recipient", "Who receives Microsoft order information").
    let intro = find_any_label_starting(dom, root, ORDER_CONTACT_INTROS).or_else(|| {
        let says = |t: &str| {
            has_word(t, "order")
                && (has_word(t, "contact") || has_word(t, "recipient") || has_word(t, "receives"))
                && !has_word(t, "primary")
        };
        placing
            .then(|| label_saying(dom, root, &says, false))
            .flatten()
    });
    if let Some(intro) = intro {
        // Only the fields after the intro: a section that is the intro's parent may start
        // with the agreement signatory's fields when the page is a flat list of rows.
        let email = dom.ancestors_up_to(intro, 4).find_map(|section| {
            // One list and a loop, not chained iterators: each chain is its own copy in the
            // content wasm (issue 8).
            let mut labels = crate::labels::find_labels(dom, section, "Email");
            labels.extend(crate::labels::find_labels(dom, section, "Email address"));
            labels.extend(find_labels_starting(dom, section, "Email:"));
            let mut by_label = None;
            for &l in &labels {
                if l <= intro {
                    continue;
                }
                by_label = control_for_label(dom, l)
                    .map(|c| (c, control_value(dom, c)))
                    .or_else(|| shown_address(dom, l));
                if by_label.is_some() {
                    break;
                }
            }
            by_label
                // A box with no label shown, named by its own `aria-label`.
                .or_else(|| {
                    let named = |name| dom.controls_named(section, name);
                    let mut boxes = named("email");
                    boxes.extend(named("email address"));
                    let c = *boxes.iter().find(|&&c| c > intro)?;
                    Some((c, control_value(dom, c)))
                })
                // A box under a label procguard does not know that speaks of email ("Work
                // email", "E-mail address"), or a box for an email by its type.
                .or_else(|| {
                    let at = dom.select_first(section, false, &|&i| {
                        let n = dom.node(i);
                        i > intro
                            && ((n.tag == "label"
                                && dom.short_text(i).is_some_and(|t| {
                                    let t = t.lowercase();
                                    has_word(&t, "email") || has_word(&t, "mail")
                                }))
                                || n.attr("type") == Some("email"))
                    })?;
                    let c = control_for_label(dom, at).unwrap_or(at);
                    Some((c, control_value(dom, c)))
                })
        });
        match email {
            Some((at, shown)) => {
                reading.anchor("order_contact_email", at);
                page.order_contact_email = Some(email_in(&shown).unwrap_or(shown));
            }
            None => reading.unreadable.push("order_contact_email".into()),
        }
    }
}

/// The first of the deepest short texts (under 120 bytes) inside `root` that `says`
/// accepts, never a button's or a link's words nor in a menu, a header or a footer; with
/// `ties`, only one tied to a control: a label or heading procguard does not know, found by
/// its words.
// A loop rather than `find`: the adapter is a copy of its own in the content wasm (issue 8).
#[allow(clippy::manual_find)]
fn label_saying(dom: &Dom, root: usize, says: &dyn Fn(&str) -> bool, ties: bool) -> Option<usize> {
    let found = dom.select(root, false, &|&i| {
        dom.node(i).raw_len < 120
            && dom.short_text(i).is_some_and(says)
            && dom
                .closest(i, &|n| {
                    matches!(n.tag.as_str(), "nav" | "header" | "footer" | "a")
                })
                .is_none()
    });
    for l in dom.innermost(&found) {
        if !is_button(dom, l) && (!ties || control_tied_to_label(dom, l).is_some()) {
            return Some(l);
        }
    }
    None
}

/// The address shown after a picker that shows only the contact's name ("Jane Roe", and
/// "jane@acmedental.com" under it): the text right after the picker in the field's group
/// (the nearest block around the picker that also holds its label), when it is an address.
/// Only that text: in a form of flat rows, a later field's address is another contact's.
fn address_after(dom: &Dom, control: usize, label: usize) -> Option<String> {
    let group = dom.ancestors(control).find(|&a| dom.contains(a, label))?;
    email_in(&dom.text(dom.first_text_leaf(group, dom.subtree_end(control) + 1)?))
}

/// A review step's value shown as text after its label, when it holds an address (any other
/// text there, a hint or a picker procguard does not know, is not taken for the value).
fn shown_address(dom: &Dom, label: usize) -> Option<(usize, String)> {
    // Written whole ("Email: sam@ggit.example"), else the text after the label, else the
    // address behind the name shown there (a `mailto:` link, a tooltip).
    let (at, text) = value_after_colon(dom, label)
        .map(|value| (label, value))
        .or_else(|| text_after_label(dom, label))?;
    match email_in(&text) {
        Some(_) => Some((at, text)),
        None => crate::labels::address_behind(dom, at).map(|email| (at, email)),
    }
}

/// Buttons that go to the next step rather than place the order.
const STEP_BUTTONS: &str = "checkout|proceed to checkout|continue to checkout|go to checkout";

/// The buttons that submit the order, by their words (snapshot positions, in document
/// order). Found through the short-text index rather than by visiting the page's every node
/// (6,000 on a 200-line cart) at each re-read.
fn order_buttons(dom: &Dom, root: usize) -> Vec<usize> {
    let end = dom.subtree_end(root);
    let mut buttons: Vec<usize> = Vec::new();
    for words in alternatives(ORDER_BUTTONS) {
        // "Place order", or "Place order (2)": the words, then a count or an amount.
        for i in dom.with_short_text_starting(words) {
            let says = dom.short_text(i).is_some_and(|t| says_one_of(t, words));
            if says && (root..end + 1).contains(&i) && is_button(dom, i) {
                buttons.push(i);
            }
        }
    }
    buttons.sort_unstable();
    buttons.dedup();
    buttons
}

/// Element indexes of all order buttons, and of those that place the order (not the cart's
/// Checkout step), from one scan of the page.
fn hold_and_final_targets(dom: &Dom, buttons: &[usize]) -> (Vec<u32>, Vec<u32>) {
    let (mut hold, mut placing) = (Vec::new(), Vec::new());
    for &i in buttons {
        let element = dom.node(i).element;
        hold.push(element);
        if !dom
            .short_text(i)
            .is_some_and(|t| says_one_of(t, STEP_BUTTONS))
        {
            placing.push(element);
        }
    }
    (hold, placing)
}

#[cfg(test)]
mod tests {
    use crate::dom::build::{snapshot, T, T::*};
    use crate::Dom;
    use procguard_core::model::{Billing, Page, Term};

    fn read(root: T) -> crate::Reading {
        let dom = Dom::from_json(&snapshot("https://app.pax8.com/cart", root)).unwrap();
        crate::read(&dom).expect("a Pax8 page")
    }

    /// The cart lines of a page that must read with nothing unreadable.
    fn clean_lines(body: T) -> (crate::Reading, Vec<procguard_core::model::CartLine>) {
        let reading = read(body);
        let page = cart(&reading);
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
        let lines = page.lines.clone().unwrap();
        (reading, lines)
    }

    fn cart(reading: &crate::Reading) -> &procguard_core::model::CartPage {
        match reading.page.as_ref().unwrap() {
            Page::Pax8Cart(cart) => cart,
            other => panic!("not a cart: {other:?}"),
        }
    }

    fn cell(role: &'static str, children: Vec<T>) -> T {
        E("div", vec![("role", role)], children)
    }

    #[test]
    fn an_aria_data_grid_with_spinbuttons_and_comboboxes_reads_like_a_table() {
        let grid = E(
            "div",
            vec![("role", "grid"), ("aria-label", "Cart")],
            vec![
                cell(
                    "row",
                    vec![
                        cell("columnheader", vec![X("Quantity")]),
                        cell("columnheader", vec![X("Product")]),
                        cell("columnheader", vec![X("Commitment")]),
                    ],
                ),
                cell(
                    "row",
                    vec![
                        cell(
                            "gridcell",
                            vec![E(
                                "div",
                                vec![("role", "spinbutton"), ("aria-valuenow", "4")],
                                vec![X("4")],
                            )],
                        ),
                        cell(
                            "gridcell",
                            vec![E("span", vec![], vec![X("Microsoft 365 Business Premium")])],
                        ),
                        cell(
                            "gridcell",
                            vec![E(
                                "div",
                                vec![("role", "combobox")],
                                vec![X("Annual commitment, billed monthly")],
                            )],
                        ),
                    ],
                ),
            ],
        );
        let body = E(
            "body",
            vec![],
            vec![
                E(
                    "dl",
                    vec![],
                    vec![
                        E("dt", vec![], vec![X("Company")]),
                        E("dd", vec![], vec![X("Hudson Law")]),
                    ],
                ),
                grid,
                E("button", vec![], vec![X("Checkout")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(page.customer.as_deref(), Some("Hudson Law"));
        let line = &page.lines.as_ref().unwrap()[0];
        assert_eq!(
            line.product.as_deref(),
            Some("Microsoft 365 Business Premium")
        );
        assert_eq!(line.quantity, Some(4));
        assert_eq!(line.term, Some(Term::Annual));
        assert_eq!(line.billing, Some(Billing::Monthly));
        assert_eq!(reading.hold_targets.len(), 1);
    }

    /// A cart of three lines (quantities 1, 2, 3 as inputs) and a Domain input outside it.
    fn three_line_cart(quantities: [&'static str; 3], domain: &'static str) -> T {
        let row = |product: &'static str, quantity: &'static str| {
            E(
                "tr",
                vec![],
                vec![
                    E("td", vec![], vec![X(product)]),
                    E(
                        "td",
                        vec![],
                        vec![V("input", vec![("type", "number")], quantity)],
                    ),
                    E("td", vec![], vec![X("Monthly")]),
                ],
            )
        };
        let header = E(
            "tr",
            vec![],
            ["Product", "Quantity", "Term"]
                .into_iter()
                .map(|h| E("th", vec![], vec![X(h)]))
                .collect(),
        );
        acme(vec![
            E(
                "table",
                vec![],
                vec![
                    header,
                    row("Visio Plan 2", quantities[0]),
                    row("Power BI Pro", quantities[1]),
                    row("Project Plan 3", quantities[2]),
                ],
            ),
            E("label", vec![("for", "d")], vec![X("Domain")]),
            V("input", vec![("id", "d"), ("type", "text")], domain),
            E("button", vec![], vec![X("Checkout")]),
        ])
    }

    /// A page for Acme Dental LLC ("Company" and the name) showing `children` after it.
    fn acme(children: Vec<T>) -> T {
        let mut all = vec![
            E("label", vec![], vec![X("Company")]),
            E("span", vec![], vec![X("Acme Dental LLC")]),
        ];
        all.extend(children);
        E("body", vec![], all)
    }

    #[test]
    fn a_pretty_printed_cart_table_with_whitespace_in_its_empty_header_cell_is_read() {
        // Markup served with line breaks between tags: every element, the empty corner cell
        // above the row actions too, has a whitespace text node (the snapshot sends " ").
        let gap = || X(" ");
        let header = E(
            "tr",
            vec![],
            vec![
                gap(),
                E("th", vec![], vec![X("Product")]),
                gap(),
                E("th", vec![], vec![X("Quantity")]),
                gap(),
                E("th", vec![], vec![X("Term")]),
                gap(),
                E("td", vec![], vec![gap()]),
                gap(),
            ],
        );
        let row = E(
            "tr",
            vec![],
            vec![
                gap(),
                E("td", vec![], vec![gap(), X("Visio Plan 2"), gap()]),
                gap(),
                E(
                    "td",
                    vec![],
                    vec![gap(), V("input", vec![("type", "number")], "2"), gap()],
                ),
                gap(),
                E("td", vec![], vec![gap(), X("Monthly"), gap()]),
                gap(),
                E(
                    "td",
                    vec![],
                    vec![
                        gap(),
                        E("button", vec![("aria-label", "Remove")], vec![]),
                        gap(),
                    ],
                ),
                gap(),
            ],
        );
        let body = E(
            "body",
            vec![],
            vec![
                E("label", vec![], vec![X("Company")]),
                E("span", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "table",
                    vec![],
                    vec![
                        gap(),
                        E("thead", vec![], vec![gap(), header, gap()]),
                        gap(),
                        E("tbody", vec![], vec![gap(), row, gap()]),
                        gap(),
                    ],
                ),
                E("button", vec![], vec![X("Checkout")]),
            ],
        );
        let (_, lines) = clean_lines(body);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].product.as_deref(), Some("Visio Plan 2"));
        assert_eq!(lines[0].quantity, Some(2));
        assert_eq!(lines[0].term, Some(Term::Monthly));
    }

    /// The element index of the `n`th input of the page.
    fn input(dom: &Dom, n: usize) -> u32 {
        dom.nodes
            .iter()
            .filter(|node| node.tag == "input")
            .nth(n)
            .unwrap()
            .element
    }

    #[test]
    fn a_patch_drops_only_the_cart_row_it_edits_and_the_re_read_is_a_fresh_read_of_the_page() {
        let url = "https://app.pax8.com/cart";
        let mut dom =
            Dom::from_json(&snapshot(url, three_line_cart(["1", "2", "3"], "acme.com"))).unwrap();
        crate::read(&dom).unwrap();
        assert_eq!(dom.rows.0.borrow().len(), 3, "every line's row is kept");

        // The second line's quantity: its row only is read again.
        let patch = crate::ValuePatch {
            i: input(&dom, 1),
            v: Some("9".into()),
            sv: None,
            k: None,
        };
        dom.apply_patches(&[patch]).unwrap();
        let kept: Vec<usize> = dom.rows.0.borrow().iter().map(|row| row.index).collect();
        assert_eq!(kept, vec![0, 2]);
        let patched = crate::read(&dom).unwrap();
        let fresh =
            Dom::from_json(&snapshot(url, three_line_cart(["1", "9", "3"], "acme.com"))).unwrap();
        let fresh = crate::read(&fresh).unwrap();
        assert_eq!(patched.page, fresh.page);
        assert_eq!(patched.anchors, fresh.anchors);
        assert_eq!(cart(&patched).lines.as_ref().unwrap()[1].quantity, Some(9));

        // A field outside the cart: no row is read again, and the field is.
        let patch = crate::ValuePatch {
            i: input(&dom, 3),
            v: Some("acme.example".into()),
            sv: None,
            k: None,
        };
        dom.apply_patches(&[patch]).unwrap();
        assert_eq!(dom.rows.0.borrow().len(), 3);
        let patched = crate::read(&dom).unwrap();
        assert_eq!(cart(&patched).domain.as_deref(), Some("acme.example"));
        let fresh = Dom::from_json(&snapshot(
            url,
            three_line_cart(["1", "9", "3"], "acme.example"),
        ))
        .unwrap();
        assert_eq!(patched.page, crate::read(&fresh).unwrap().page);
    }

    #[test]
    fn a_review_step_summary_list_gives_lines_with_term_quantity_and_billing() {
        // The second item's label has no colon: "Term 3-Year"; the third says "Commitment:".
        let item =
            |product: &'static str, term: &'static str, qty: &'static str, billed: &'static str| {
                let label = match qty.split(' ').next() {
                    Some("Qty") => "Term: ",
                    Some("Seats:") => "Commitment: ",
                    _ => "Term ",
                };
                E(
                    "li",
                    vec![],
                    vec![
                        E("p", vec![], vec![X(product)]),
                        E(
                            "span",
                            vec![],
                            vec![X(label), E("b", vec![], vec![X(term)])],
                        ),
                        E("span", vec![], vec![X(qty)]),
                        E("span", vec![], vec![X(billed)]),
                    ],
                )
            };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "ul",
                    vec![],
                    vec![
                        item("Visio Plan 2", "Monthly", "Qty 2", "Billed monthly"),
                        item(
                            "Microsoft 365 E3",
                            "3-Year",
                            "Quantity: 10",
                            "Billed annually",
                        ),
                        item("Visio Plan 1", "1 Month", "Seats: 4", ""),
                    ],
                ),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let lines = cart(&reading).lines.clone().unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].product.as_deref(), Some("Microsoft 365 E3"));
        assert_eq!(lines[1].term, Some(Term::MultiYear));
        assert_eq!(lines[1].quantity, Some(10));
        assert_eq!(lines[1].billing, Some(Billing::Annual));
        assert!(reading.anchor_for("lines", Some(1)).is_some());
        assert_eq!(lines[2].term, Some(Term::Monthly));
        assert_eq!(lines[2].quantity, Some(4));
    }

    /// The company chosen in a picker under the "Company" overline (a drop-down or a
    /// custom combobox, tied to no label), with a chip after it: the customer is the one
    /// chosen, never the chip's words ("Autotask linked").
    #[test]
    fn a_company_picker_under_the_overline_gives_the_customer_not_the_chip_after_it() {
        let cell = |text: &'static str| E("td", vec![], vec![X(text)]);
        let cart_table = || {
            let row = |cells| E("tr", vec![], cells);
            E(
                "table",
                vec![],
                vec![
                    row(vec![
                        E("th", vec![], vec![X("Product")]),
                        E("th", vec![], vec![X("Term")]),
                        E("th", vec![], vec![X("Quantity")]),
                    ]),
                    row(vec![cell("Visio Plan 2"), cell("Monthly"), cell("2")]),
                ],
            )
        };
        for picker in [
            V("select", vec![], "Acme Dental LLC"),
            E(
                "div",
                vec![("role", "combobox"), ("tabindex", "0")],
                vec![X("Acme Dental LLC")],
            ),
        ] {
            let body = E(
                "body",
                vec![],
                vec![E(
                    "div",
                    vec![],
                    vec![
                        E("p", vec![], vec![X("Company")]),
                        E(
                            "div",
                            vec![],
                            vec![
                                picker,
                                E("span", vec![], vec![X("Autotask linked")]),
                                E("button", vec![], vec![X("Change company")]),
                            ],
                        ),
                        cart_table(),
                        E("button", vec![], vec![X("Checkout")]),
                    ],
                )],
            );
            let reading = read(body);
            assert_eq!(cart(&reading).customer.as_deref(), Some("Acme Dental LLC"));
        }
    }

    #[test]
    fn a_custom_combobox_named_by_aria_labelledby_gives_the_primary_contact_address() {
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "span",
                    vec![("id", "pc")],
                    vec![X("Primary Contact for Pax8 Related Communications *")],
                ),
                E(
                    "div",
                    vec![("role", "combobox"), ("aria-labelledby", "pc")],
                    vec![X("Sam Tech (sam@ggit.example)")],
                ),
                E("label", vec![("for", "d")], vec![X("Domain")]),
                V("input", vec![("id", "d")], "acmedental.com"),
                E(
                    "label",
                    vec![("for", "acc")],
                    vec![X("Date of Acceptance *")],
                ),
                V("input", vec![("id", "acc")], "2026-11-21"),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(page.domain.as_deref(), Some("acmedental.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some("2026-11-21"));
        assert_eq!(page.order_contact_email, None, "not shown at this step");
        assert!(page.lines.as_ref().unwrap().is_empty());
        assert_eq!(
            page.unreadable_fields,
            vec!["lines".to_string()],
            "an order button with no lines read fails closed"
        );
    }

    /// Where the order is placed, contacts under wordings procguard does not know are found
    /// by their words: the picker of a label speaking of the Pax8 contact, and the email of
    /// a section headed as the order's recipient. A menu's "Orders" and "Contact Pax8
    /// Support" are no field. On the cart step nothing is looked for that way (not shown: null).
    #[test]
    fn contacts_under_reworded_labels_are_read_where_the_order_is_placed() {
        let page_with = |button: &'static str| {
            E(
                "body",
                vec![],
                vec![
                    // A menu: "Orders", then a help link.
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Orders")]),
                            E("span", vec![], vec![X("Need help? Contact Pax8 Support")]),
                        ],
                    ),
                    E("p", vec![], vec![X("Company")]),
                    E("h2", vec![], vec![X("Acme Dental LLC")]),
                    E(
                        "span",
                        vec![("id", "pc")],
                        vec![X("Pax8 communications contact")],
                    ),
                    E(
                        "div",
                        vec![("role", "combobox"), ("aria-labelledby", "pc")],
                        vec![X("Jane Roe (jane@acmedental.com)")],
                    ),
                    // The agreement's signatory has an Email too.
                    E("label", vec![("for", "se")], vec![X("Email")]),
                    V("input", vec![("id", "se")], "jane@acmedental.com"),
                    E(
                        "section",
                        vec![],
                        vec![
                            E("h2", vec![], vec![X("Microsoft order recipient")]),
                            E("label", vec![("for", "oe")], vec![X("Email")]),
                            V("input", vec![("id", "oe")], "sam@ggit.example"),
                        ],
                    ),
                    E("button", vec![], vec![X(button)]),
                ],
            )
        };
        let reading = read(page_with("Place Order"));
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("jane@acmedental.com")
        );
        assert_eq!(
            page.order_contact_email.as_deref(),
            Some("sam@ggit.example")
        );

        let reading = read(page_with("Checkout"));
        let page = cart(&reading);
        assert_eq!(page.primary_contact_email, None);
        assert_eq!(page.order_contact_email, None);
    }

    #[test]
    fn an_mui_4_select_a_button_opening_a_listbox_gives_the_primary_contact_address() {
        // MUI 4 draws a Select as `role="button" aria-haspopup="listbox"` showing the choice,
        // beside a hidden input holding the contact's id.
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "label",
                    vec![("id", "pc")],
                    vec![X("Primary Contact for Pax8 Related Communications")],
                ),
                E(
                    "div",
                    vec![],
                    vec![
                        E(
                            "div",
                            vec![
                                ("role", "button"),
                                ("aria-haspopup", "listbox"),
                                ("aria-labelledby", "pc sel"),
                                ("id", "sel"),
                            ],
                            vec![X("Jane Roe (jane@acmedental.com)")],
                        ),
                        V(
                            "input",
                            vec![("aria-hidden", "true"), ("tabindex", "-1")],
                            "c3a1f2d0-5b7e-4f0e-9a51-7d2c41e0aa19",
                        ),
                    ],
                ),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("jane@acmedental.com")
        );
        assert!(!page
            .unreadable_fields
            .contains(&"primary_contact_email".to_string()));
    }

    #[test]
    fn redesigned_contact_wordings_still_give_the_primary_and_order_contacts() {
        // "Primary contact" instead of Pax8's long label, and the order contact's section
        // introduced only by its heading: its Email, not the agreement signatory's before it.
        let field = |label: &'static str, id: &'static str, value: &'static str| {
            E(
                "div",
                vec![],
                vec![
                    E("label", vec![("for", id)], vec![X(label)]),
                    V("input", vec![("id", id)], value),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                field("Primary contact", "pc", "Sam Tech (sam@ggit.example)"),
                E(
                    "section",
                    vec![],
                    vec![
                        E("h3", vec![], vec![X("Microsoft Customer Agreement")]),
                        field("Email", "mca", "jane@acmedental.com"),
                    ],
                ),
                E(
                    "section",
                    vec![],
                    vec![
                        E("h3", vec![], vec![X("Order contact")]),
                        field("Email", "oc", "orders@ggit.example"),
                    ],
                ),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(
            page.order_contact_email.as_deref(),
            Some("orders@ggit.example")
        );
    }

    #[test]
    fn checkout_fields_under_labels_procguard_does_not_know_are_found_by_their_hints() {
        // "Tenant address" and "Accepted on" are no labels procguard knows; the boxes' helper
        // text and placeholder say what they hold.
        let field = |label: &'static str, id: &'static str, hint: T, value: &'static str| {
            let mut attrs = vec![("id", id), ("aria-describedby", "help-1")];
            if id == "date" {
                attrs = vec![("id", id), ("placeholder", "YYYY-MM-DD")];
            }
            E(
                "div",
                vec![],
                vec![
                    E("label", vec![("for", id)], vec![X(label)]),
                    V("input", attrs, value),
                    hint,
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                field(
                    "Tenant address",
                    "domain",
                    E(
                        "p",
                        vec![("id", "help-1")],
                        vec![X("The customer's email domain.")],
                    ),
                    "acmedentl.com",
                ),
                field("Accepted on", "date", X(""), "2026-12-04"),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(page.domain.as_deref(), Some("acmedentl.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some("2026-12-04"));
        assert!(reading.anchor_for("domain", None).is_some());
    }

    #[test]
    fn checkout_fields_named_only_by_placeholder_or_aria_label_are_read() {
        // A redesign with no label beside the fields: the controls name themselves.
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "div",
                    vec![
                        ("role", "combobox"),
                        (
                            "aria-label",
                            "Primary Contact for Pax8 Related Communications",
                        ),
                    ],
                    vec![X("Jane Roe (jane@acmedental.com)")],
                ),
                V("input", vec![("placeholder", "Domain *")], "acmedentl.com"),
                V(
                    "input",
                    vec![
                        ("aria-label", "Date of Acceptance"),
                        ("placeholder", "MM/DD/YYYY"),
                    ],
                    "11/21/2026",
                ),
                // Named otherwise: not a field procguard reads.
                V("input", vec![("placeholder", "Search products")], "visio"),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("jane@acmedental.com")
        );
        assert_eq!(page.domain.as_deref(), Some("acmedentl.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some("11/21/2026"));
        assert!(reading.anchor_for("domain", None).is_some());
        assert_eq!(page.unreadable_fields, vec!["lines".to_string()]);
    }

    #[test]
    fn cart_lines_drawn_as_cards_with_labelled_boxes_are_read() {
        // No table and no "Term:" text: each line is a card with a heading, a price, and its
        // own labelled Quantity box and Term select.
        let card = |product: &'static str, id: &'static str, quantity: &'static str, term| {
            E(
                "div",
                vec![],
                vec![
                    E("h3", vec![], vec![X(product)]),
                    E("span", vec![], vec![X("$18.00 / month")]),
                    E(
                        "div",
                        vec![],
                        vec![
                            E("label", vec![("for", id)], vec![X("Quantity")]),
                            V("input", vec![("id", id), ("type", "number")], quantity),
                        ],
                    ),
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Term")]),
                            V("select", vec![], term),
                        ],
                    ),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Hudson Law Group PC")]),
                E(
                    "div",
                    vec![],
                    vec![
                        card("Microsoft 365 Business Premium", "q1", "5", "Annual"),
                        card("Exchange Online (Plan 1)", "q2", "1", "Monthly"),
                    ],
                ),
                E("button", vec![], vec![X("Checkout")]),
            ],
        );
        let (reading, lines) = clean_lines(body);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0].product.as_deref(),
            Some("Microsoft 365 Business Premium")
        );
        assert_eq!(lines[0].quantity, Some(5));
        assert_eq!(lines[0].term, Some(Term::Annual));
        assert_eq!(lines[0].billing, Some(Billing::Annual));
        assert_eq!(
            lines[1].product.as_deref(),
            Some("Exchange Online (Plan 1)")
        );
        assert_eq!(lines[1].quantity, Some(1));
        assert_eq!(lines[1].term, Some(Term::Monthly));
        assert!(reading.anchor_for("lines", Some(1)).is_some());
    }

    #[test]
    fn a_billing_field_or_column_showing_just_monthly_bills_an_annual_line_monthly() {
        // A card with its own "Billing frequency" select.
        let labelled = |label: &'static str, id: &'static str, value: &'static str| {
            E(
                "div",
                vec![],
                vec![
                    E("label", vec![("for", id)], vec![X(label)]),
                    V("select", vec![("id", id)], value),
                ],
            )
        };
        let card = E(
            "div",
            vec![],
            vec![
                E("h3", vec![], vec![X("Microsoft 365 Business Premium")]),
                labelled("Commitment term", "t1", "1-Year"),
                labelled("Billing frequency", "b1", "Monthly"),
                E(
                    "div",
                    vec![],
                    vec![
                        E("label", vec![("for", "q1")], vec![X("Seats")]),
                        V("input", vec![("id", "q1"), ("type", "number")], "5"),
                    ],
                ),
            ],
        );
        // A table with a Billing column, under the names portals give it.
        let cell = |text: &'static str| E("td", vec![], vec![X(text)]);
        let heading = |text: &'static str| E("th", vec![], vec![X(text)]);
        let table = |billing: &'static str| {
            E(
                "table",
                vec![],
                vec![
                    E(
                        "tr",
                        vec![],
                        vec![
                            heading("Product"),
                            heading("Term"),
                            heading(billing),
                            heading("Quantity"),
                        ],
                    ),
                    E(
                        "tr",
                        vec![],
                        vec![
                            cell("Microsoft 365 Business Premium"),
                            cell("Annual"),
                            cell("Monthly"),
                            cell("5"),
                        ],
                    ),
                ],
            )
        };
        for lines_shown in [
            card,
            table("Billing"),
            table("Billing cycle"),
            table("Payment frequency"),
        ] {
            let body = E(
                "body",
                vec![],
                vec![
                    E("p", vec![], vec![X("Company")]),
                    E("h2", vec![], vec![X("Hudson Law Group PC")]),
                    lines_shown,
                    E("button", vec![], vec![X("Checkout")]),
                ],
            );
            let (_, lines) = clean_lines(body);
            assert_eq!(lines.len(), 1);
            assert_eq!(lines[0].term, Some(Term::Annual));
            assert_eq!(lines[0].billing, Some(Billing::Monthly));
        }
    }

    #[test]
    fn the_customer_under_a_label_saying_who_the_order_is_for_is_read() {
        for label in [
            "Buying for",
            "Purchasing for",
            "Ordering on behalf of",
            "End customer",
        ] {
            let cell = |text: &'static str| E("td", vec![], vec![X(text)]);
            let heading = |text: &'static str| E("th", vec![], vec![X(text)]);
            let body = E(
                "body",
                vec![],
                vec![
                    E(
                        "section",
                        vec![],
                        vec![
                            E("span", vec![], vec![X(label)]),
                            E("strong", vec![], vec![X("Acme Dental LLC")]),
                        ],
                    ),
                    E(
                        "table",
                        vec![],
                        vec![
                            E(
                                "tr",
                                vec![],
                                vec![heading("Product"), heading("Term"), heading("Quantity")],
                            ),
                            E(
                                "tr",
                                vec![],
                                vec![cell("Visio Plan 2"), cell("Monthly"), cell("2")],
                            ),
                        ],
                    ),
                    E("button", vec![], vec![X("Checkout")]),
                ],
            );
            let reading = read(body);
            assert_eq!(
                cart(&reading).customer.as_deref(),
                Some("Acme Dental LLC"),
                "{label}"
            );
        }
    }

    #[test]
    fn a_checkout_s_product_is_its_cell_s_first_line_and_a_domain_box_under_a_new_label_is_read() {
        let cell = |children: Vec<T>| E("td", vec![], children);
        let heading = |text: &'static str| E("th", vec![], vec![X(text)]);
        let field = |label: &'static str, id: &'static str, value: &'static str| {
            E(
                "div",
                vec![],
                vec![
                    E("label", vec![("for", id)], vec![X(label)]),
                    V("input", vec![("id", id), ("type", "text")], value),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("div", vec![], vec![X("Customer: Acme Dental LLC")]),
                E(
                    "table",
                    vec![],
                    vec![
                        E(
                            "tr",
                            vec![],
                            vec![heading("Item"), heading("Qty"), heading("Commitment")],
                        ),
                        E(
                            "tr",
                            vec![],
                            vec![
                                cell(vec![
                                    X("Visio Plan 2"),
                                    E("br", vec![], vec![]),
                                    E("small", vec![], vec![X("Microsoft · CFQ7TTC0HD33")]),
                                ]),
                                cell(vec![X("2")]),
                                cell(vec![X("Month-to-month")]),
                            ],
                        ),
                    ],
                ),
                field(
                    "Primary Contact for Pax8 Related Communications",
                    "p",
                    "sam@ggit.example",
                ),
                field("Microsoft domain", "d", "acmedentl.com"),
                field("First name", "f", "Jane"),
                field("Date of Acceptance", "a", "2026-12-04"),
                E("button", vec![("type", "submit")], vec![X("Place order")]),
            ],
        );
        let (reading, lines) = clean_lines(body);
        assert_eq!(lines[0].product.as_deref(), Some("Visio Plan 2"));
        assert_eq!(cart(&reading).domain.as_deref(), Some("acmedentl.com"));
    }

    #[test]
    fn a_customer_chosen_in_a_picker_tied_to_its_label_is_the_customer_not_the_next_text() {
        let cell = |text: &'static str| E("td", vec![], vec![X(text)]);
        let heading = |text: &'static str| E("th", vec![], vec![X(text)]);
        let cart_table = || {
            E(
                "table",
                vec![],
                vec![
                    E(
                        "tr",
                        vec![],
                        vec![heading("Product"), heading("Term"), heading("Quantity")],
                    ),
                    E(
                        "tr",
                        vec![],
                        vec![cell("Visio Plan 2"), cell("Monthly"), cell("2")],
                    ),
                ],
            )
        };
        let select = E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", "c")], vec![X("Customer")]),
                V("select", vec![("id", "c")], "Acme Dental LLC"),
            ],
        );
        let combobox = E(
            "div",
            vec![],
            vec![
                E("span", vec![("id", "cl")], vec![X("Company")]),
                E(
                    "div",
                    vec![("role", "combobox"), ("aria-labelledby", "cl")],
                    vec![X("Acme Dental LLC")],
                ),
            ],
        );
        for picker in [select, combobox] {
            let body = E(
                "body",
                vec![],
                vec![
                    picker,
                    cart_table(),
                    E("button", vec![], vec![X("Checkout")]),
                ],
            );
            let reading = read(body);
            assert_eq!(cart(&reading).customer.as_deref(), Some("Acme Dental LLC"));
        }
    }

    #[test]
    fn summary_lines_drawn_as_plain_blocks_take_their_own_heading_not_the_page_s() {
        let block = |product: &'static str, qty: &'static str, term: &'static str| {
            E(
                "div",
                vec![],
                vec![
                    E("h3", vec![], vec![X(product)]),
                    E("span", vec![], vec![X(qty)]),
                    E("span", vec![], vec![X(term)]),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("h1", vec![], vec![X("Checkout")]),
                E("p", vec![], vec![X("Company: Hudson Law Group PC")]),
                E(
                    "div",
                    vec![],
                    vec![
                        block(
                            "Microsoft 365 Business Premium",
                            "Qty: 5",
                            "Term: Annual (billed monthly)",
                        ),
                        block("Exchange Online (Plan 1)", "Qty: 1", "Term: Monthly"),
                    ],
                ),
                E("button", vec![], vec![X("Place Order")]),
            ],
        );
        let (_, lines) = clean_lines(body);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0].product.as_deref(),
            Some("Microsoft 365 Business Premium")
        );
        assert_eq!(lines[0].quantity, Some(5));
        assert_eq!(lines[0].billing, Some(Billing::Monthly));
        assert_eq!(
            lines[1].product.as_deref(),
            Some("Exchange Online (Plan 1)")
        );
        assert_eq!(lines[1].term, Some(Term::Monthly));
    }

    #[test]
    fn a_cart_table_without_its_header_row_is_read_row_by_row_from_named_controls() {
        // No header row to name the columns: each row is a line, its product the link, its
        // term the combobox named "Term for …"; the page's heading above is not a product.
        let row = |product: &'static str, term: &'static str, quantity: &'static str| {
            E(
                "tr",
                vec![],
                vec![
                    E("td", vec![], vec![E("a", vec![], vec![X(product)])]),
                    E(
                        "td",
                        vec![],
                        vec![E(
                            "div",
                            vec![("role", "combobox"), ("aria-label", "Term for the line")],
                            vec![X(term)],
                        )],
                    ),
                    E(
                        "td",
                        vec![],
                        vec![V("input", vec![("aria-label", "Quantity")], quantity)],
                    ),
                    E("td", vec![], vec![X("$18.00")]),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "div",
                    vec![],
                    vec![E(
                        "table",
                        vec![],
                        vec![E(
                            "tbody",
                            vec![],
                            vec![
                                row("Visio Plan 2", "Monthly", "2"),
                                row("Microsoft 365 E3", "1 Year – Billed Annually", "10"),
                            ],
                        )],
                    )],
                ),
                E("button", vec![], vec![X("Checkout")]),
            ],
        );
        let (_, lines) = clean_lines(body);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].product.as_deref(), Some("Visio Plan 2"));
        assert_eq!(
            (lines[0].quantity, lines[0].term),
            (Some(2), Some(Term::Monthly))
        );
        assert_eq!(lines[1].product.as_deref(), Some("Microsoft 365 E3"));
        assert_eq!(
            (lines[1].term, lines[1].billing),
            (Some(Term::Annual), Some(Billing::Annual))
        );
    }

    #[test]
    fn a_term_column_under_an_unknown_header_is_found_by_what_it_shows_and_a_missing_one_is_unreadable(
    ) {
        let cart_with = |header: &'static str, term: &'static str| {
            let row = |cells: Vec<T>| E("tr", vec![], cells);
            E(
                "body",
                vec![],
                vec![
                    E("p", vec![], vec![X("Company")]),
                    E("h2", vec![], vec![X("Acme Dental LLC")]),
                    E(
                        "table",
                        vec![],
                        vec![
                            row(vec![
                                E("th", vec![], vec![X("Product")]),
                                E("th", vec![], vec![X(header)]),
                                E("th", vec![], vec![X("Qty")]),
                            ]),
                            row(vec![
                                E("td", vec![], vec![X("Visio Plan 2")]),
                                E("td", vec![], vec![V("select", vec![], term)]),
                                E(
                                    "td",
                                    vec![],
                                    vec![V("input", vec![("type", "number")], "2")],
                                ),
                            ]),
                        ],
                    ),
                ],
            )
        };
        // "Plan" is no term header procguard knows; the select in that column shows one.
        let reading = read(cart_with("Plan", "1-Year (billed annually)"));
        let page = cart(&reading);
        let line = &page.lines.as_ref().unwrap()[0];
        assert_eq!(
            (line.term, line.billing),
            (Some(Term::Annual), Some(Billing::Annual))
        );
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
        // Nothing in the line shows a term: said, not passed over.
        let reading = read(cart_with("Plan", "Standard"));
        let page = cart(&reading);
        assert_eq!(page.lines.as_ref().unwrap()[0].term, None);
        assert_eq!(page.unreadable_fields, vec!["lines[0].term".to_string()]);
    }

    #[test]
    fn an_unknown_term_word_is_reported_unreadable_not_guessed() {
        let row = |cells: Vec<T>| E("tr", vec![], cells);
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company")]),
                E("h2", vec![], vec![X("Acme Dental LLC")]),
                E(
                    "table",
                    vec![],
                    vec![
                        row(vec![
                            E("th", vec![], vec![X("Product")]),
                            E("th", vec![], vec![X("Term")]),
                            E("th", vec![], vec![X("Qty")]),
                        ]),
                        row(vec![
                            E("td", vec![], vec![X("Visio Plan 2")]),
                            E("td", vec![], vec![X("Quarterly")]),
                            E(
                                "td",
                                vec![],
                                vec![V("input", vec![("type", "number")], "2")],
                            ),
                        ]),
                    ],
                ),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(page.lines.as_ref().unwrap()[0].term, None);
        assert_eq!(page.unreadable_fields, vec!["lines[0].term".to_string()]);
    }

    #[test]
    fn a_saved_for_later_table_before_the_cart_is_not_read_as_the_cart() {
        let table = |title: &'static str, product: &'static str| {
            E(
                "section",
                vec![],
                vec![
                    E("h3", vec![], vec![X(title)]),
                    E(
                        "table",
                        vec![],
                        vec![
                            E(
                                "tr",
                                vec![],
                                vec![
                                    E("th", vec![], vec![X("Product")]),
                                    E("th", vec![], vec![X("Quantity")]),
                                ],
                            ),
                            E(
                                "tr",
                                vec![],
                                vec![
                                    E("td", vec![], vec![X(product)]),
                                    E("td", vec![], vec![X("4 licenses")]),
                                ],
                            ),
                        ],
                    ),
                ],
            )
        };
        let body = E(
            "body",
            vec![],
            vec![
                E("p", vec![], vec![X("Company: Acme Dental LLC")]),
                table("Saved for later", "Microsoft Teams Premium"),
                table("Your cart", "Visio Plan 2"),
                E("button", vec![], vec![X("Checkout")]),
            ],
        );
        let reading = read(body);
        let page = cart(&reading);
        assert_eq!(
            page.customer.as_deref(),
            Some("Acme Dental LLC"),
            "label and value in one element"
        );
        let lines = page.lines.as_ref().unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].product.as_deref(), Some("Visio Plan 2"));
        assert_eq!(lines[0].quantity, Some(4));
    }

    #[test]
    fn a_page_without_a_cart_or_order_button_is_not_checked() {
        let body = E(
            "body",
            vec![],
            vec![E("h1", vec![], vec![X("Marketplace")])],
        );
        let dom = Dom::from_json(&snapshot("https://app.pax8.com/marketplace", body)).unwrap();
        assert!(crate::read(&dom).is_none());
    }

    #[test]
    fn reworded_order_buttons_are_held_and_only_those_placing_the_order_are_final() {
        let body = acme(vec![
            E(
                "ul",
                vec![],
                vec![E(
                    "li",
                    vec![],
                    vec![
                        E("p", vec![], vec![X("Visio Plan 2")]),
                        E("span", vec![], vec![X("Term: Monthly")]),
                        E("span", vec![], vec![X("Qty 2")]),
                    ],
                )],
            ),
            E("button", vec![], vec![X("Continue to checkout")]),
            E("div", vec![("role", "button")], vec![X("Place your order")]),
            E("button", vec![], vec![X("Buy now")]),
        ]);
        let reading = read(body);
        assert_eq!(reading.hold_targets.len(), 3);
        assert_eq!(reading.final_targets.len(), 2);
    }

    #[test]
    fn a_term_chosen_with_radios_is_the_checked_one_and_none_checked_is_unreadable() {
        let radio = |label: &'static str, checked: bool| {
            E(
                "label",
                vec![],
                vec![C(vec![("type", "radio")], checked), X(label)],
            )
        };
        let aria = |label: &'static str, checked: &'static str| {
            E(
                "div",
                vec![("role", "radio"), ("aria-checked", checked)],
                vec![X(label)],
            )
        };
        let row = |product: &'static str, qty: &'static str, term: T| {
            E(
                "tr",
                vec![],
                vec![
                    E("td", vec![], vec![X(product)]),
                    E("td", vec![], vec![term]),
                    E(
                        "td",
                        vec![],
                        vec![V("input", vec![("type", "number")], qty)],
                    ),
                ],
            )
        };
        let group = |choices: Vec<T>| E("div", vec![("role", "radiogroup")], choices);
        let page = |term_header: &'static str| {
            let header = ["Product", term_header, "Quantity"]
                .into_iter()
                .map(|h| E("th", vec![], vec![X(h)]))
                .collect();
            acme(vec![
                E(
                    "table",
                    vec![],
                    vec![
                        E("tr", vec![], header),
                        row(
                            "Visio Plan 2",
                            "2",
                            group(vec![radio("Monthly", false), radio("Annual", true)]),
                        ),
                        row(
                            "Visio Plan 1",
                            "3",
                            group(vec![aria("Monthly", "true"), aria("Annual", "false")]),
                        ),
                        row(
                            "Project Plan 3",
                            "1",
                            group(vec![radio("Monthly", false), radio("Annual", false)]),
                        ),
                    ],
                ),
                E("button", vec![], vec![X("Checkout")]),
            ])
        };
        // Under a Term header, and under a header procguard does not know.
        for header in ["Term", "Plan"] {
            let reading = read(page(header));
            let cart = cart(&reading);
            let lines = cart.lines.clone().unwrap();
            assert_eq!(lines[0].term, Some(Term::Annual), "{header}");
            assert_eq!(lines[1].term, Some(Term::Monthly), "{header}");
            assert_eq!(lines[2].term, None, "{header}");
            assert_eq!(
                cart.unreadable_fields,
                vec!["lines[2].term".to_string()],
                "{header}"
            );
        }
    }

    #[test]
    fn summary_items_naming_no_field_are_read_by_what_they_show_only_beside_an_order_button() {
        let item = |product: &'static str, term: &'static str, qty: &'static str| {
            E(
                "li",
                vec![],
                vec![
                    E("p", vec![], vec![X(product)]),
                    E("span", vec![], vec![X(term)]),
                    E("span", vec![], vec![X(qty)]),
                    E("span", vec![], vec![X("$36.00")]),
                ],
            )
        };
        let page = |button: Option<&'static str>| {
            let mut children = vec![
                E("h2", vec![], vec![X("Order summary")]),
                E(
                    "ul",
                    vec![],
                    vec![
                        item("Visio Plan 2", "Monthly", "2 seats"),
                        item("Microsoft 365 E3", "Annual", "10 licenses"),
                        item("Project Plan 3", "Monthly", ""),
                    ],
                ),
            ];
            children.extend(button.map(|b| E("button", vec![], vec![X(b)])));
            acme(children)
        };
        let reading = read(page(Some("Place Order")));
        let cart = cart(&reading);
        let lines = cart.lines.clone().unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].product.as_deref(), Some("Microsoft 365 E3"));
        assert_eq!(lines[1].term, Some(Term::Annual));
        assert_eq!(lines[1].quantity, Some(10));
        assert_eq!(lines[0].quantity, Some(2));
        assert_eq!(lines[2].quantity, None);
        assert_eq!(
            cart.unreadable_fields,
            vec!["lines[2].quantity".to_string()]
        );

        // The same list with no order button (a marketplace listing) is not a cart.
        let dom =
            Dom::from_json(&snapshot("https://app.pax8.com/marketplace", page(None))).unwrap();
        assert!(crate::read(&dom).is_none());
    }

    /// Cards whose Term and Quantity are labels wrapped around their pickers ("Term
    /// [Annual]"), and articles whose fields are a definition list, under "Ordering for" with
    /// the customer's name in an element of its own.
    #[test]
    fn pickers_wrapped_in_their_labels_and_definition_lists_give_term_and_quantity() {
        let card = |product: &'static str, term: &'static str, quantity: &'static str| {
            E(
                "div",
                vec![("role", "listitem")],
                vec![
                    E("h3", vec![], vec![X(product)]),
                    E("label", vec![], vec![X("Term "), V("select", vec![], term)]),
                    E(
                        "label",
                        vec![],
                        vec![
                            X("Quantity "),
                            V("input", vec![("type", "number")], quantity),
                        ],
                    ),
                ],
            )
        };
        let (_, lines) = clean_lines(E(
            "body",
            vec![],
            vec![
                E("div", vec![], vec![X("Company: Hudson Law Group PC")]),
                E(
                    "div",
                    vec![("role", "list")],
                    vec![
                        card(
                            "Microsoft 365 Business Premium",
                            "Annual (billed annually)",
                            "5",
                        ),
                        card("Exchange Online (Plan 1)", "Monthly", "1"),
                    ],
                ),
                E("button", vec![], vec![X("Proceed to checkout")]),
            ],
        ));
        let shown: Vec<(Option<i64>, Option<Term>)> =
            lines.iter().map(|l| (l.quantity, l.term)).collect();
        assert_eq!(
            shown,
            vec![
                (Some(5), Some(Term::Annual)),
                (Some(1), Some(Term::Monthly))
            ]
        );

        let article = |product: &'static str, term: &'static str, quantity: &'static str| {
            E(
                "article",
                vec![],
                vec![
                    E("h2", vec![], vec![X(product)]),
                    E(
                        "dl",
                        vec![],
                        vec![
                            E("dt", vec![], vec![X("Commitment term")]),
                            E("dd", vec![], vec![X(term)]),
                            E("dt", vec![], vec![X("Quantity")]),
                            E("dd", vec![], vec![X(quantity)]),
                        ],
                    ),
                ],
            )
        };
        let reading = read(E(
            "body",
            vec![],
            vec![
                E(
                    "p",
                    vec![],
                    vec![
                        X("Ordering for "),
                        E("strong", vec![], vec![X("Hudson Law Group PC")]),
                    ],
                ),
                article("Microsoft 365 Business Premium", "1 Year", "5"),
                article("Exchange Online (Plan 1)", "1 Month", "1"),
                E("button", vec![], vec![X("Proceed to checkout")]),
            ],
        ));
        let page = cart(&reading);
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
        assert_eq!(page.customer.as_deref(), Some("Hudson Law Group PC"));
        let shown: Vec<(Option<i64>, Option<Term>)> = page
            .lines
            .as_ref()
            .unwrap()
            .iter()
            .map(|l| (l.quantity, l.term))
            .collect();
        assert_eq!(
            shown,
            vec![
                (Some(5), Some(Term::Annual)),
                (Some(1), Some(Term::Monthly))
            ]
        );
    }

    /// A checkout summary whose line is a plain block of texts ("Visio Plan 2", "Monthly ·
    /// Billed monthly", "Qty: 2"), with no list item, table or "Term:" label.
    #[test]
    fn a_summary_line_drawn_as_a_plain_block_of_texts_is_read() {
        let (_, lines) = clean_lines(E(
            "body",
            vec![],
            vec![
                E("div", vec![], vec![X("Company: Acme Dental LLC")]),
                E(
                    "div",
                    vec![],
                    vec![
                        E("div", vec![], vec![X("Visio Plan 2")]),
                        E("div", vec![], vec![X("Monthly · Billed monthly")]),
                        E("div", vec![], vec![X("Qty: 2")]),
                        E("div", vec![], vec![X("$36.00")]),
                    ],
                ),
                E("button", vec![], vec![X("Place Order")]),
            ],
        ));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].product.as_deref(), Some("Visio Plan 2"));
        assert_eq!(lines[0].quantity, Some(2));
        assert_eq!(lines[0].term, Some(Term::Monthly));
        assert_eq!(lines[0].billing, Some(Billing::Monthly));
    }

    /// Terms drawn as toggle buttons: the pressed one is the term, never the first word shown.
    #[test]
    fn a_term_chosen_with_toggle_buttons_is_the_pressed_one() {
        let line = |product: &'static str, annual: bool| {
            let toggle = |words: &'static str, pressed: bool| {
                E(
                    "button",
                    vec![("aria-pressed", if pressed { "true" } else { "false" })],
                    vec![X(words)],
                )
            };
            E(
                "div",
                vec![],
                vec![
                    E("a", vec![], vec![X(product)]),
                    E(
                        "div",
                        vec![("role", "group"), ("aria-label", "Term")],
                        vec![toggle("Monthly", !annual), toggle("Annual", annual)],
                    ),
                    E(
                        "div",
                        vec![
                            ("role", "spinbutton"),
                            ("aria-label", "Quantity"),
                            ("aria-valuenow", "5"),
                        ],
                        vec![X("5")],
                    ),
                ],
            )
        };
        let (_, lines) = clean_lines(E(
            "body",
            vec![],
            vec![
                E("div", vec![], vec![X("Company: Hudson Law Group PC")]),
                line("Microsoft 365 Business Premium", true),
                line("Exchange Online (Plan 1)", false),
                E("button", vec![], vec![X("Checkout")]),
            ],
        ));
        let terms: Vec<Option<Term>> = lines.iter().map(|l| l.term).collect();
        assert_eq!(terms, vec![Some(Term::Annual), Some(Term::Monthly)]);
    }

    /// A badge before the product's link ("Best seller") is not the product; a "View details"
    /// link after a product named in plain text is not either.
    #[test]
    fn a_badge_before_the_product_link_and_a_details_link_after_the_name_are_not_the_product() {
        let row = |product: Vec<T>, quantity: &'static str| {
            E(
                "tr",
                vec![],
                vec![
                    E("td", vec![], product),
                    E("td", vec![], vec![X("Monthly")]),
                    E(
                        "td",
                        vec![],
                        vec![V("input", vec![("type", "number")], quantity)],
                    ),
                ],
            )
        };
        let (_, lines) = clean_lines(E(
            "body",
            vec![],
            vec![
                E("div", vec![], vec![X("Company: Acme Dental LLC")]),
                E(
                    "table",
                    vec![],
                    vec![
                        E(
                            "thead",
                            vec![],
                            vec![E(
                                "tr",
                                vec![],
                                vec![
                                    E("th", vec![], vec![X("Product")]),
                                    E("th", vec![], vec![X("Term")]),
                                    E("th", vec![], vec![X("Quantity")]),
                                ],
                            )],
                        ),
                        E(
                            "tbody",
                            vec![],
                            vec![
                                row(
                                    vec![
                                        E("span", vec![], vec![X("Best seller")]),
                                        E("a", vec![], vec![X("Microsoft 365 Business Premium")]),
                                    ],
                                    "5",
                                ),
                                row(
                                    vec![
                                        E("span", vec![], vec![X("Visio Plan 2")]),
                                        E("a", vec![], vec![X("View details")]),
                                    ],
                                    "2",
                                ),
                            ],
                        ),
                    ],
                ),
                E("button", vec![], vec![X("Checkout")]),
            ],
        ));
        let products: Vec<Option<&str>> = lines.iter().map(|l| l.product.as_deref()).collect();
        assert_eq!(
            products,
            vec![Some("Microsoft 365 Business Premium"), Some("Visio Plan 2")]
        );
    }

    /// Fixture b's checkout as a review step shows it: every field read, the contacts, the
    /// date of acceptance and the mistyped domain as the page gives them.
    fn assert_review_of_case_b(page: &procguard_core::model::CartPage) {
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
        let contacts = (
            page.primary_contact_email.as_deref(),
            page.order_contact_email.as_deref(),
        );
        assert_eq!(
            contacts,
            (Some("jane@acmedental.com"), Some("sam@ggit.example"))
        );
        assert_eq!(page.acceptance_date.as_deref(), Some("2026-12-04"));
        assert_eq!(page.domain.as_deref(), Some("acmedentl.com"));
    }

    /// Each cart line as (product, quantity, term).
    fn products_quantities_terms(
        page: &procguard_core::model::CartPage,
    ) -> Vec<(String, Option<i64>, Option<Term>)> {
        let lines = page.lines.as_deref().unwrap_or_default();
        lines
            .iter()
            .map(|l| (l.product.clone().unwrap_or_default(), l.quantity, l.term))
            .collect()
    }

    /// A line as `products_quantities_terms` gives it.
    fn expected_line(
        product: &str,
        quantity: i64,
        term: Term,
    ) -> (String, Option<i64>, Option<Term>) {
        (product.to_string(), Some(quantity), Some(term))
    }

    /// The cart read has these lines and nothing unreadable (the page's list: a reading
    /// hands what it could not read to the page it finishes).
    fn assert_clean_cart(reading: &crate::Reading, lines: &[(String, Option<i64>, Option<Term>)]) {
        let page = cart(reading);
        assert_eq!(products_quantities_terms(page), lines);
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
    }

    fn read_html(src: &str) -> crate::Reading {
        let json = crate::dom::build::html("https://app.pax8.com/checkout/review", src);
        crate::read(&Dom::from_json(&json).unwrap()).expect("a Pax8 page")
    }

    /// A column heading drawn as an icon named by its `aria-label` ("Quantity") names its
    /// column: the quantities were unreadable once a table without a Quantity heading was
    /// read for counts in its lines' text.
    #[test]
    fn a_column_heading_drawn_as_an_icon_is_named_by_its_aria_label() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th aria-label="Quantity"><svg aria-hidden="true"></svg></th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_clean_cart(&reading, &[expected_line("Visio Plan 2", 2, Term::Monthly)]);
        // Under a heading with no name at all, the box named "Quantity" is the quantity.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th></th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2" aria-label="Quantity"></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [expected_line("Visio Plan 2", 2, Term::Monthly)]
        );
    }

    /// The new customer's details drawn as a table, their names as column headings over a row
    /// of boxes: each box is read under its own heading. The date of acceptance read the
    /// domain's box (the first box after its heading in the page's order) and the primary
    /// contact was unreadable.
    #[test]
    fn fields_drawn_as_headings_over_a_row_of_boxes_read_each_under_its_heading() {
        for (open, close) in [("<table>", "</table>"), (r#"<div role="grid">"#, "</div>")] {
            let (row, head, cell) = if open == "<table>" {
                ("tr", "th", "td")
            } else {
                (
                    r#"div role="row""#,
                    r#"div role="columnheader""#,
                    r#"div role="gridcell""#,
                )
            };
            let end = |tag: &str| format!("</{}>", tag.split(' ').next().unwrap());
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p><table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td></tr></table>
                <h3>Microsoft customer details</h3>{open}
                <{row}><{head}>Domain{eh}<{head}>Date of Acceptance{eh}<{head}>Primary Contact{eh}{er}
                <{row}><{cell}><input value="acmedental.com">{ec}<{cell}><input value="2026-12-04">{ec}<{cell}><input value="jane@acmedental.com">{ec}{er}
                {close}<button>Place order</button></body>"#,
                eh = end(head),
                er = end(row),
                ec = end(cell),
            ));
            let page = cart(&reading);
            assert_eq!(page.domain.as_deref(), Some("acmedental.com"), "{open}");
            assert_eq!(
                page.acceptance_date.as_deref(),
                Some("2026-12-04"),
                "{open}"
            );
            assert_eq!(
                page.primary_contact_email.as_deref(),
                Some("jane@acmedental.com"),
                "{open}"
            );
            assert!(
                page.unreadable_fields.is_empty(),
                "{:?}",
                page.unreadable_fields
            );
        }
    }

    /// The same form with a heading across two columns (the date's box and its calendar
    /// button under "Date of Acceptance"), and with a heading in a cell across both rows
    /// beside the fields: each box is still read under its own heading. The primary contact
    /// read the calendar's cell (no box) and then the domain's box, and with the cell across
    /// rows each field read the box of the heading after its own.
    #[test]
    fn form_headings_across_columns_or_rows_still_name_the_box_under_them() {
        let forms = [
            r#"<tr><th>Domain</th><th colspan="2">Date of Acceptance</th><th>Primary Contact</th></tr>
            <tr><td><input value="acmedental.com"></td><td><input value="2026-12-04"></td>
            <td><button>Pick a date</button></td><td><input value="jane@acmedental.com"></td></tr>"#,
            r#"<tr><th rowspan="2">New customer</th><th>Domain</th><th>Date of Acceptance</th><th>Primary Contact</th></tr>
            <tr><td><input value="acmedental.com"></td><td><input value="2026-12-04"></td>
            <td><input value="jane@acmedental.com"></td></tr>"#,
        ];
        for form in forms {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p><table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td></tr></table>
                <h3>Microsoft customer details</h3><table>{form}</table><button>Place order</button></body>"#
            ));
            let page = cart(&reading);
            assert_eq!(page.domain.as_deref(), Some("acmedental.com"), "{form}");
            assert_eq!(
                page.acceptance_date.as_deref(),
                Some("2026-12-04"),
                "{form}"
            );
            assert_eq!(
                page.primary_contact_email.as_deref(),
                Some("jane@acmedental.com"),
                "{form}"
            );
            assert!(
                page.unreadable_fields.is_empty(),
                "{:?}",
                page.unreadable_fields
            );
        }
    }

    /// A first column naming the vendor in one cell across its lines (`rowspan`): each line
    /// after the first reads under its own headings. The second line was skipped unseen (its
    /// product stood under "Vendor", its term under "Product").
    #[test]
    fn a_cell_across_several_rows_stands_in_each_of_them() {
        for vendor in [
            r#"<td rowspan="3">Microsoft</td>"#,
            r#"<td aria-rowspan="3">Microsoft</td>"#,
        ] {
            let reading = read_html(&format!(
                r#"<body><p>Company: Hudson Law Group PC</p><table aria-label="Cart items">
                <tr><th>Vendor</th><th>Product</th><th>Term</th><th>Quantity</th></tr>
                <tr>{vendor}<td>Microsoft 365 Business Premium</td><td>Annual</td><td><input type="number" value="5"></td></tr>
                <tr><td>Exchange Online (Plan 1)</td><td>Monthly</td><td><input type="number" value="1"></td></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td></tr>
                </table><button>Checkout</button></body>"#
            ));
            assert_clean_cart(
                &reading,
                &[
                    expected_line("Microsoft 365 Business Premium", 5, Term::Annual),
                    expected_line("Exchange Online (Plan 1)", 1, Term::Monthly),
                    expected_line("Visio Plan 2", 2, Term::Monthly),
                ],
            );
        }
        // A cell across the term's column for two lines bought on one term.
        let reading = read_html(
            r#"<body><p>Company: Hudson Law Group PC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Exchange Online (Plan 1)</td><td rowspan="2">Monthly</td><td><input type="number" value="1"></td></tr>
            <tr><td>Visio Plan 2</td><td><input type="number" value="2"></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_clean_cart(
            &reading,
            &[
                expected_line("Exchange Online (Plan 1)", 1, Term::Monthly),
                expected_line("Visio Plan 2", 2, Term::Monthly),
            ],
        );
    }

    /// A cart table with a Term column but no Quantity column, each line's count in its
    /// caption under the product ("Microsoft · CFQ7TTC0LCHC-P1Y-A · 5 licenses"): the count
    /// is the line's quantity (the table was no cart: its lines were unreadable).
    #[test]
    fn a_count_in_the_products_caption_is_the_quantity_where_no_column_shows_it() {
        let reading = read_html(
            r#"<body><p>Company: Hudson Law Group PC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Total</th></tr>
            <tr><td><a href="/p/1">Microsoft 365 Business Premium</a>
            <p>Microsoft · CFQ7TTC0LCHC-P1Y-A · 5 licenses</p></td><td>Annual</td><td>$1,320.00</td></tr>
            <tr><td><a href="/p/2">Exchange Online (Plan 1)</a>
            <p>Microsoft | 1 license</p></td><td>Monthly</td><td>$4.80</td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_clean_cart(
            &reading,
            &[
                expected_line("Microsoft 365 Business Premium", 5, Term::Annual),
                expected_line("Exchange Online (Plan 1)", 1, Term::Monthly),
            ],
        );
    }

    /// Rows drawn as buttons to open a line (`<tr role="button">`) and headings as buttons
    /// to sort (`<th role="button">`) are still the table's rows and headings, and a heading
    /// abbreviated with a full stop ("Qty.") names its column: the quantities were unreadable
    /// and the second line lost.
    #[test]
    fn clickable_rows_and_a_qty_heading_with_a_full_stop_are_still_the_carts_lines() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th role="button" tabindex="0">Product</th><th>Term</th><th role="button">Qty.</th></tr>
            <tr role="button" tabindex="0"><td>Visio Plan 2</td><td>Monthly</td>
            <td><input type="number" value="2" aria-label="Qty."></td></tr>
            <tr role="button" tabindex="0"><td>Exchange Online (Plan 1)</td><td>Annual</td>
            <td><input type="number" value="1" aria-label="Qty."></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_clean_cart(
            &reading,
            &[
                expected_line("Visio Plan 2", 2, Term::Monthly),
                expected_line("Exchange Online (Plan 1)", 1, Term::Annual),
            ],
        );
    }

    /// A table of the licences the company holds, before the cart and with the same columns,
    /// is not the cart: the cart is the table whose title says so, else the one whose
    /// quantities or terms are in boxes to edit; and a table is not titled by the heading of
    /// another table before it.
    #[test]
    fn a_table_of_held_licences_or_saved_items_before_the_cart_is_not_read_as_the_cart() {
        let held = r#"<h2>Licences this company holds</h2>
            <table><tr><th>Product</th><th>Term</th><th>Quantity</th><th>Renews on</th></tr>
            <tr><td>Microsoft 365 Business Premium</td><td>Annual</td><td>12</td><td>2027-03-01</td></tr></table>"#;
        let edited = r#"<section><table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Visio Plan 2</td><td><select aria-label="Term"><option selected>Monthly</option></select></td>
            <td><input type="number" value="2" aria-label="Quantity"></td></tr></table></section>"#;
        let titled = r#"<h2>Your cart</h2><table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>"#;
        for table in [edited, titled] {
            let reading = read_html(&format!(
                "<body><p>Company: Acme Dental LLC</p>{held}{table}<button>Place order</button></body>"
            ));
            assert_eq!(
                products_quantities_terms(cart(&reading)),
                [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
                "{table}"
            );
        }
        // A heading above another table is not the title of the cart's table after it.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><div><h2>Saved for later</h2>
            <table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Microsoft Teams Premium</td><td>Monthly</td><td>4</td></tr></table>
            <table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table></div>
            <button>Place order</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
        );
        // Alone, such a table is what the page shows as its lines.
        let reading = read_html(&format!(
            "<body><p>Company: Acme Dental LLC</p>{held}<button>Place order</button></body>"
        ));
        assert_eq!(products_quantities_terms(cart(&reading)).len(), 1);
    }

    /// A line naming the publisher or the SKU above the product ("Microsoft", "Microsoft ·
    /// CFQ7TTC0HD33-P1M") is not the product, in the cart's table and on a review step's
    /// summary; a count before the name ("2 × Visio Plan 2") is the quantity, not the name.
    #[test]
    fn a_publisher_or_sku_line_above_the_product_and_a_count_before_its_name_are_not_the_product() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td><p>Microsoft · CFQ7TTC0HD33-P1M</p><a href="/p/1">Visio Plan 2</a></td><td>Monthly</td>
            <td><input type="number" value="2" aria-label="Quantity"></td></tr>
            <tr><td><p>Microsoft</p><p>Exchange Online (Plan 1)</p></td><td>Monthly</td>
            <td><input type="number" value="1" aria-label="Quantity"></td></tr>
            <tr><td><a href="/p/3">Power BI Pro (CFQ7TTC0L3PB)</a></td><td>Monthly</td>
            <td><input type="number" value="3" aria-label="Quantity"></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(1),
                    Some(Term::Monthly)
                ),
                // A code in the product's only text: that text is the product.
                (
                    "Power BI Pro (CFQ7TTC0L3PB)".to_string(),
                    Some(3),
                    Some(Term::Monthly)
                ),
            ]
        );
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><h2>Order summary</h2><ul>
            <li><p>Microsoft</p><p>Visio Plan 2</p><span>Term: Monthly</span> <span>Qty 2</span></li>
            <li><p>1 × Exchange Online (Plan 1)</p><span>Term: Annual</span></li>
            <li><p>3x Power BI Pro</p><span>Term: Monthly</span></li>
            <li><p>SKU: CFQ7TTC0LFLX</p><p>Microsoft 365 E3</p><span>Term: Annual</span> <span>Qty 4</span></li>
            <li><p>Visio Plan 1 (CFQ7TTC0HD32)</p><span>Term: Monthly</span> <span>Qty 1</span></li>
            </ul><button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(
            products_quantities_terms(page),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(1),
                    Some(Term::Annual)
                ),
                ("Power BI Pro".to_string(), Some(3), Some(Term::Monthly)),
                ("Microsoft 365 E3".to_string(), Some(4), Some(Term::Annual)),
                // A name carrying its code among its words is the product's, not a SKU line
                // over the next text (the term).
                (
                    "Visio Plan 1 (CFQ7TTC0HD32)".to_string(),
                    Some(1),
                    Some(Term::Monthly)
                ),
            ]
        );
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
    }

    /// An order summary that shows each count after a times sign ("× 2", "x 3"), on its own
    /// or as a part of one text, reads it as the line's quantity.
    #[test]
    fn a_count_after_a_times_sign_in_a_summary_is_the_line_s_quantity() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><h2>Order summary</h2><ul>
            <li><p>Visio Plan 2</p><span>Term: Monthly</span> <span>× 2</span></li>
            <li><p>Microsoft 365 E3</p><span>Term: Annual</span> <span>x 4</span></li>
            </ul><button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(
            products_quantities_terms(page),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                ("Microsoft 365 E3".to_string(), Some(4), Some(Term::Annual)),
            ]
        );
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
        // The count in the product's own text, after its name.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><h2>Order summary</h2><ul>
            <li><p>Visio Plan 2 × 2</p><span>Term: Monthly</span></li>
            <li><p>Microsoft 365 E3 x 4</p><span>Term: Annual</span></li>
            </ul><button>Place order</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                ("Microsoft 365 E3".to_string(), Some(4), Some(Term::Annual)),
            ]
        );
        let reading = read_html(
            "<body><p>Company: Acme Dental LLC</p><h2>Review</h2><ul>\
            <li>Visio Plan 2 \u{b7} Monthly \u{b7} \u{d7} 2</li>\
            <li>Microsoft 365 E3 \u{b7} Annual \u{b7} \u{d7} 4</li>\
            </ul><button>Place order</button></body>",
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                ("Microsoft 365 E3".to_string(), Some(4), Some(Term::Annual)),
            ]
        );
    }

    /// A line just removed, still drawn until the page is left (its product struck out, or
    /// an "Undo" button beside it), is not a line of the order, in a table and in cards; a
    /// struck-out price (a discount) does not make a line removed.
    #[test]
    fn a_line_just_removed_with_its_product_struck_out_or_an_undo_button_is_not_a_line() {
        for removed in [
            "<td><s>Microsoft 365 Business Basic</s> Removed</td><td>Annual</td><td>3</td>",
            "<td>Microsoft 365 Business Basic</td><td>Annual</td><td>Removed <button>Undo</button></td>",
        ] {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Quantity</th><th>Price</th></tr><tr>{removed}</tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2" aria-label="Quantity"></td>
            <td><s>$20.00</s> $18.00</td></tr>
            </table><button>Checkout</button></body>"#
            ));
            assert_eq!(
                products_quantities_terms(cart(&reading)),
                [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
                "{removed}"
            );
        }
        // An "Undo" beside a line that does not say it was removed undoes an edit: the line
        // is still ordered.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Visio Plan 2</td><td>Annual</td><td><input type="number" value="2" aria-label="Quantity"> <button>Undo</button></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [("Visio Plan 2".to_string(), Some(2), Some(Term::Annual))],
        );
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><ul>
            <li><p>Microsoft 365 Business Basic</p><p>Removed from your cart</p><p>Annual</p><p>Qty 3</p><button>Undo</button></li>
            <li><p>Visio Plan 2</p><p>Monthly</p><p>Qty 2</p></li>
            </ul><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
        );
    }

    /// A row of notes under a cart line, a word and then one cell across the other columns,
    /// is not a line, in a table and in a grid of plain blocks (where it ended the grid: the
    /// lines after it were lost); a line whose quantity cell is missing still reads as
    /// unreadable.
    #[test]
    fn a_note_row_across_the_columns_under_a_line_is_not_a_line() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
            <tr><th>Product</th><th>Term</th><th>Quantity</th><th>Total</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2" aria-label="Quantity"></td><td>$36.00</td></tr>
            <tr><td>Promotion</td><td colspan="3">15% off the first year</td></tr>
            <tr><td>Exchange Online (Plan 1)</td><td>Monthly</td></tr>
            </table><button>Checkout</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(
            products_quantities_terms(page),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    None,
                    Some(Term::Monthly)
                ),
            ]
        );
        assert_eq!(page.unreadable_fields, ["lines[1].quantity"]);

        // The same drawn as plain blocks (a CSS grid): the note's block has fewer cells, and
        // the lines after it are still the grid's.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><div>
            <div><div>Product</div><div>Term</div><div>Quantity</div><div>Total</div></div>
            <div><div>Visio Plan 2</div><div>Monthly</div><div><input type="number" value="2" aria-label="Quantity"></div><div>$36.00</div></div>
            <div><div>Promotion</div><div>15% off the first year</div></div>
            <div><div>Exchange Online (Plan 1)</div><div>Monthly</div><div><input type="number" value="1" aria-label="Quantity"></div><div>$4.00</div></div>
            </div><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(1),
                    Some(Term::Monthly)
                ),
            ]
        );
    }

    /// A product's link wrapped over two lines ("Visio Plan<br>2") is the product whole; in
    /// a cell without a link the first line is the product and the lines under it its
    /// publisher and SKU.
    #[test]
    fn a_product_link_broken_over_lines_is_read_whole() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><table>
            <tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td><a href="/p/1">Visio Plan<br>2</a><br><small>Microsoft · CFQ7TTC0HD33</small></td><td>Monthly</td><td><input type="number" value="2" aria-label="Quantity"></td></tr>
            <tr><td>Exchange Online (Plan 1)<br><small>Microsoft · CFQ7TTC0LH16</small></td><td>Monthly</td><td><input type="number" value="1" aria-label="Quantity"></td></tr>
            </table><button>Checkout</button></body>"#,
        );
        assert_eq!(
            products_quantities_terms(cart(&reading)),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(1),
                    Some(Term::Monthly)
                ),
            ]
        );
    }

    /// On a review step, lines shown under a heading that says they were ordered before
    /// ("Recently ordered", "Last order") are not the order's, wherever they are drawn.
    #[test]
    fn review_lines_under_a_heading_of_past_orders_are_not_the_orders_lines() {
        let summary = r#"<div><h2>Order summary</h2><ul><li><p>Visio Plan 2</p>
            <div><span>Term: Monthly</span> <span>Qty 2</span></div></li></ul>
            <button>Place Order</button></div>"#;
        let recent = r#"<section><h2>Recently ordered for this company</h2><ul><li>
            <p>Microsoft 365 Business Premium</p><div><span>Term: Annual</span> <span>Qty 12</span></div>
            </li></ul></section>"#;
        let last = r#"<section><h2>Last order</h2><div><p>Microsoft 365 Business Premium</p>
            <p>Term: Annual · Qty 12</p></div></section>"#;
        for (before, after) in [(recent, ""), ("", recent), (last, ""), ("", last)] {
            let reading = read_html(&format!(
                "<body><h1>Checkout</h1><p>Company: Acme Dental LLC</p>{before}{summary}{after}</body>"
            ));
            assert_eq!(
                products_quantities_terms(cart(&reading)),
                [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
                "{before}{after}"
            );
        }
    }

    /// A review step shows what was chosen as text: the contacts' addresses and the date of
    /// acceptance are read after their labels, and the order contact's is the Email after
    /// its heading, not the agreement signatory's before it.
    #[test]
    fn a_review_step_showing_contacts_and_the_acceptance_date_as_text_reads_them() {
        let reading = read_html(
            r#"<body><h1>Review your order</h1>
            <h2>Company</h2><p>Acme Dental LLC</p>
            <div><div>Primary Contact for Pax8 Related Communications</div><div>Jane Roe (jane@acmedental.com)</div></div>
            <div><div>Domain</div><div>acmedentl.com</div></div>
            <h3>Microsoft Customer Agreement</h3>
            <div><div>Email</div><div>jane@acmedental.com</div></div>
            <div><div>Date of Acceptance</div><div>2026-12-04</div></div>
            <h2>Order contact</h2>
            <div><div>Email</div><div>sam@ggit.example</div></div>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#,
        );
        assert_review_of_case_b(cart(&reading));
    }

    /// A review step showing the primary contact by name, the address behind it (a
    /// `mailto:` link, a tooltip): the address is the contact's. It was unreadable.
    #[test]
    fn a_contact_shown_by_name_reads_the_address_behind_it() {
        for contact in [
            r#"<a href="mailto:jane@acmedental.com?subject=Your%20order">Jane Roe</a>"#,
            r#"<span title="jane@acmedental.com">Jane Roe</span>"#,
        ] {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p><table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
                <h3>Microsoft customer details</h3><dl><dt>Domain</dt><dd>acmedental.com</dd>
                <dt>Date of Acceptance</dt><dd>2026-12-04</dd><dt>Primary Contact</dt><dd>{contact}</dd></dl>
                <button>Place order</button></body>"#
            ));
            let page = cart(&reading);
            assert_eq!(
                page.primary_contact_email.as_deref(),
                Some("jane@acmedental.com"),
                "{contact}"
            );
            assert!(
                page.unreadable_fields.is_empty(),
                "{:?}",
                page.unreadable_fields
            );
        }
    }

    /// A picker that shows its choice as a chip before an empty box (MUI's Autocomplete):
    /// the primary contact and the domain are the chips' words (they read as empty: "no
    /// primary contact chosen", "no domain entered"); a prefix before an empty box is no
    /// choice.
    #[test]
    fn a_choice_shown_as_a_chip_before_an_empty_box_is_the_fields_value() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p>
            <span id="pc">Primary Contact for Pax8 Related Communications</span>
            <div><div role="button" tabindex="-1"><span>Sam Tech (sam@ggit.example)</span><svg aria-hidden="true"></svg></div>
            <input type="text" role="combobox" aria-labelledby="pc" value=""></div>
            <label for="dm">Domain</label><div><div role="button">acmedental.com<span role="button" aria-label="Remove">×</span></div><input id="dm" value=""></div>
            <label for="da">Date of Acceptance</label><div><span>on</span><input id="da" value=""></div>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(page.domain.as_deref(), Some("acmedental.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some(""));
    }

    /// Where the order is placed, a new Microsoft customer's details come together: a page
    /// showing the domain and the date of acceptance but no primary contact (its section
    /// collapsed) has the contact unreadable, not "not shown" (its block check passed
    /// unseen); a page showing none of them (a customer Microsoft knows) has none unreadable.
    #[test]
    fn a_new_customers_primary_contact_hidden_where_its_domain_shows_is_unreadable() {
        let page = |details: &str| {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p>
                <details><summary><h2>Company details</h2></summary></details>{details}
                <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
                <button>Place order</button></body>"#
            ));
            cart(&reading).clone()
        };
        let new_customer = page(
            r#"<label for="dm">Domain</label><input id="dm" value="acmedental.com">
            <label for="da">Date of Acceptance</label><input id="da" value="2026-12-04">"#,
        );
        assert_eq!(new_customer.domain.as_deref(), Some("acmedental.com"));
        assert_eq!(new_customer.primary_contact_email, None);
        assert_eq!(new_customer.unreadable_fields, ["primary_contact_email"]);
        let known_customer = page("");
        assert_eq!(known_customer.domain, None);
        assert!(known_customer.unreadable_fields.is_empty());
    }

    /// Text after such a label that is no address or date (a hint, a picker procguard does
    /// not know) is not taken for the value: the field is unreadable.
    #[test]
    fn a_hint_after_a_contact_or_date_label_is_unreadable_not_the_value() {
        let reading = read_html(
            r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
            <div><div>Primary Contact for Pax8 Related Communications</div><div>Choose who receives Pax8 emails</div></div>
            <div><div>Date of Acceptance</div><div>Enter the date the customer accepted</div></div>
            <div><div>Domain</div><div>acmedental.com</div></div>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(page.primary_contact_email, None);
        assert_eq!(page.acceptance_date, None);
        assert_eq!(
            page.unreadable_fields,
            ["primary_contact_email", "acceptance_date"]
        );
    }

    /// Label cells broken over lines ("Company<br>Name", "Date of<br>Acceptance") are their
    /// labels; the order contact's Email follows its heading in a flat form.
    #[test]
    fn labels_broken_over_lines_are_found_and_the_order_contact_follows_its_heading() {
        let reading = read_html(
            r#"<body><table>
            <tr><th>Company<br>Name</th><td>Acme Dental LLC</td></tr>
            <tr><th>Primary Contact for<br>Pax8 Related Communications</th><td><select><option selected>Jane Roe (jane@acmedental.com)</option></select></td></tr>
            <tr><th>Email</th><td><input value="jane@acmedental.com"></td></tr>
            <tr><th>Date of<br>Acceptance</th><td><input value="2026-12-04"></td></tr></table>
            <h2>Order contact</h2>
            <table><tr><th>Email</th><td><input value="sam@ggit.example"></td></tr></table>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(page.customer.as_deref(), Some("Acme Dental LLC"));
        assert_eq!(
            page.order_contact_email.as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(page.acceptance_date.as_deref(), Some("2026-12-04"));
    }

    /// A heading row with no lines read under it beside an order button that can be pressed
    /// is a cart drawn in a way procguard does not read: the lines are unreadable and the
    /// order is held (it read as an empty cart, and nothing stopped the order). An empty
    /// cart's disabled button orders nothing.
    #[test]
    fn no_lines_read_beside_an_order_button_that_can_be_pressed_is_unreadable() {
        let page_with = |button: &str| {
            read_html(&format!(
                "<body><h2>Company</h2><p>Acme Dental LLC</p>\
                <table><thead><tr><th>Product</th><th>Term</th><th>Qty</th></tr></thead></table>\
                <p>Visio Plan 2 · Monthly · 2 seats</p>{button}</body>"
            ))
        };
        let reading = page_with("<button>Place order</button>");
        assert_eq!(cart(&reading).unreadable_fields, ["lines"]);
        assert_eq!(reading.hold_targets.len(), 1);
        for disabled in [
            "<button disabled>Place order</button>",
            "<button aria-disabled=\"true\">Place order</button>",
        ] {
            let reading = page_with(disabled);
            assert!(cart(&reading).unreadable_fields.is_empty(), "{disabled}");
            assert_eq!(cart(&reading).lines.as_deref(), Some(&[][..]), "{disabled}");
        }
    }

    /// A grid whose sticky header is a table of its own: its rows, in the next (headless)
    /// table, are the lines, also under a group row ("All items", which read as the rows'
    /// only heading, and the cart as empty); and a heading row drawn again alone above a
    /// whole table is no empty cart.
    #[test]
    fn a_sticky_header_table_above_the_rows_gives_the_lines() {
        let head =
            "<table><thead><tr><th>Product</th><th>Term</th><th>Qty</th></tr></thead></table>";
        let rows = "<tr><td>Visio Plan 2</td><td>Monthly</td><td><input type=\"number\" value=\"2\"></td></tr>\
                    <tr><td>Exchange Online (Plan 1)</td><td>Annual</td><td><input type=\"number\" value=\"5\"></td></tr>";
        let group = "<tr><td colspan=\"3\"><strong>All items</strong> (sorted by name)</td></tr>";
        let gutter =
            "<table><thead><tr><th>Product</th><th>Term</th><th>Qty</th><th></th></tr></thead></table>";
        for body in [
            // An empty heading over the scrollbar's gutter, which the rows do not have.
            format!("{gutter}<table><tbody>{rows}</tbody></table>"),
            format!("{head}<table><tbody>{rows}</tbody></table>"),
            // A group row first in the rows' table is not its headings.
            format!("{head}<table><tbody>{group}{rows}</tbody></table>"),
            format!("{head}<table><thead><tr><th>Product</th><th>Term</th><th>Qty</th></tr></thead><tbody>{rows}</tbody></table>"),
        ] {
            let reading = read_html(&format!(
                "<body><h2>Company</h2><p>Acme Dental LLC</p>{body}<button>Checkout</button></body>"
            ));
            let page = cart(&reading);
            assert_eq!(
                products_quantities_terms(page),
                [
                    ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                    ("Exchange Online (Plan 1)".to_string(), Some(5), Some(Term::Annual))
                ],
                "{body}"
            );
            assert!(page.unreadable_fields.is_empty());
        }
    }

    /// A table's footer row, and a row of totals drawn as one more row of the grid, are no
    /// cart lines.
    #[test]
    fn a_totals_row_under_the_lines_is_no_line() {
        for (footer, words, close) in [
            ("<tfoot>", "Showing 1 of 1 products", "</tfoot>"),
            ("", "Estimated monthly total", ""),
        ] {
            let reading = read_html(&format!(
                r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
                <table><thead><tr><th>Product</th><th>Term</th><th>Qty</th><th>Price</th></tr></thead>
                <tbody><tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td><td>$30.00</td></tr></tbody>
                {footer}<tr><td>{words}</td><td></td><td></td><td>$30.00</td></tr>{close}</table>
                <button>Checkout</button></body>"#
            ));
            let page = cart(&reading);
            assert_eq!(
                products_quantities_terms(page),
                [("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly))],
                "{footer}"
            );
            assert!(page.unreadable_fields.is_empty(), "{footer}");
        }
    }

    /// Checkout and Place Order drawn as links, as some design systems draw actions, as input
    /// buttons, as icon buttons named by `aria-label`, or with a count or an amount after their
    /// words: both are held (they were not found, so a blocked order went through), and Place
    /// Order is the one that places it.
    #[test]
    fn order_buttons_drawn_as_links_or_in_other_words_are_held() {
        for (checkout, place) in [
            (
                r#"<a href="/checkout">Checkout</a>"#,
                r##"<a href="#">Place Order</a>"##,
            ),
            (
                r#"<span role="link" tabindex="0">Checkout</span>"#,
                r#"<a>Place order</a>"#,
            ),
            (
                r#"<button>CHECKOUT <span class="badge">(1)</span></button>"#,
                r#"<button>Place order · $30.00</button>"#,
            ),
            (
                r#"<input type="button" value="Checkout">"#,
                r#"<input type="submit" value="Place Order">"#,
            ),
            // Other words for placing it.
            (
                r#"<button>Checkout</button>"#,
                r#"<button>Complete checkout</button>"#,
            ),
            (
                r#"<button>Checkout</button>"#,
                r#"<button>Order now</button>"#,
            ),
            // Icon buttons: their words are their accessible name only.
            (
                r#"<button aria-label="Checkout"><svg aria-hidden="true"></svg></button>"#,
                r#"<button aria-label="Place Order" title="Place Order"><i class="icon"></i></button>"#,
            ),
        ] {
            let reading = read_html(&format!(
                r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
                <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
                <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
                <nav><a href="/marketplace">Marketplace</a><a href="/orders">Orders</a></nav>
                {checkout} {place}</body>"#
            ));
            assert_eq!(reading.hold_targets.len(), 2, "{checkout}");
            assert_eq!(reading.final_targets.len(), 1, "{place}");
            assert!(reading.final_targets[0] > reading.hold_targets[0]);
        }
    }

    /// The cart most table tests here draw: Visio Plan 2 monthly × 2, Exchange Online (Plan 1)
    /// annual × 5, with nothing unreadable.
    fn reads_visio_monthly_and_exchange_annual(reading: &crate::Reading) {
        let page = cart(reading);
        assert_eq!(
            products_quantities_terms(page),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(5),
                    Some(Term::Annual)
                )
            ]
        );
        assert!(page.unreadable_fields.is_empty());
    }

    /// Column headings with a qualifier after their words ("Quantity (seats)") name their
    /// columns; a heading that is the name alone wins over a qualified one. (The header row
    /// read as a line named "Product (name)", and the lines lost their terms.)
    #[test]
    fn column_headings_with_a_qualifier_name_their_columns() {
        let reading = read_html(
            r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
            <table><tr><th>Product (name)</th><th>Term (commitment)</th><th>Quantity (seats)</th><th>Quantity</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>$30.00</td><td><input type="number" value="2"></td></tr>
            <tr><td>Exchange Online (Plan 1)</td><td>Annual</td><td>$4.80</td><td><input type="number" value="5"></td></tr></table>
            <button>Checkout</button></body>"#,
        );
        reads_visio_monthly_and_exchange_annual(&reading);
    }

    /// A band of grouping headings ("Details | Pricing") above the columns' own: the columns
    /// are named by the row naming the most of them (the quantity read as unreadable, and a
    /// line was lost).
    #[test]
    fn a_band_of_grouping_headings_above_the_columns_headings_is_passed_over() {
        let reading = read_html(
            r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
            <table><thead><tr><th colspan="2">Details</th><th colspan="2">Pricing</th></tr>
            <tr><th>Product</th><th>Term</th><th>Quantity</th><th>Total</th></tr></thead>
            <tbody><tr><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td><td>$30.00</td></tr>
            <tr><td>Exchange Online (Plan 1)</td><td>Annual</td><td><input type="number" value="5"></td><td>$24.00</td></tr></tbody></table>
            <button>Checkout</button></body>"#,
        );
        reads_visio_monthly_and_exchange_annual(&reading);
    }

    /// A grouped cart: a row of one cell across the columns heads each vendor's lines, in a
    /// table and in a grid drawn with blocks. It is no line (it read as one with no term or
    /// quantity, shown as unreadable, and the lines' numbers were off by one).
    #[test]
    fn a_group_row_across_the_columns_is_no_line() {
        for (open, row, cell, close) in [
            ("<table>", "tr", "td", "</table>"),
            ("<div>", "div", "div", "</div>"),
        ] {
            let reading = read_html(&format!(
                r#"<body><h2>Company</h2><p>Acme Dental LLC</p>{open}
                <{row}><{cell}>Product</{cell}><{cell}>Term</{cell}><{cell}>Qty</{cell}></{row}>
                <{row}><{cell} colspan="3">▾ Microsoft (2 items)</{cell}></{row}>
                <{row}><{cell}>Visio Plan 2</{cell}><{cell}>Monthly</{cell}><{cell}><input type="number" value="2"></{cell}></{row}>
                <{row}><{cell} colspan="3">▾ Exclaimer (1 item)</{cell}></{row}>
                <{row}><{cell}>Exclaimer Cloud</{cell}><{cell}>Annual</{cell}><{cell}><input type="number" value="5"></{cell}></{row}>
                {close}<button>Checkout</button></body>"#
            ));
            let page = cart(&reading);
            assert_eq!(
                products_quantities_terms(page),
                [
                    ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                    ("Exclaimer Cloud".to_string(), Some(5), Some(Term::Annual))
                ],
                "{open}"
            );
            assert!(page.unreadable_fields.is_empty(), "{open}");
        }
    }

    /// The order contact's email under a label procguard does not know ("Work email",
    /// "E-mail address") or in a box for an email with no label, and a primary contact's
    /// picker that shows only the name, its address on the line under it: both are read (they
    /// were unreadable), and the signatory's email before the order contact is not taken.
    #[test]
    fn reworded_email_labels_and_a_contact_picker_showing_only_the_name_are_read() {
        for email in [
            r#"<label for="oc">Work email</label><input id="oc" value="sam@ggit.example">"#,
            r#"<label for="oc">E-mail address</label><input id="oc" value="sam@ggit.example">"#,
            r#"<input type="email" value="sam@ggit.example">"#,
        ] {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p>
            <div><span id="pc">Primary Contact for Pax8 Related Communications</span>
            <div role="combobox" aria-labelledby="pc">Jane Roe</div><p>jane@acmedental.com</p>
            <p>Pax8 sends renewal notices to this contact.</p></div>
            <label for="dm">Domain</label><input id="dm" value="acmedental.com">
            <h3>Microsoft Customer Agreement</h3>
            <label for="mca">Signatory email</label><input id="mca" value="raj@acmedental.com">
            <label for="da">Date of Acceptance</label><input id="da" value="2026-12-04">
            <h2>Order contact</h2>
            <div><label for="fn">First Name</label><input id="fn" value="Sam">{email}</div>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#
            ));
            let page = cart(&reading);
            let contacts = (
                page.primary_contact_email.as_deref(),
                page.order_contact_email.as_deref(),
            );
            assert_eq!(
                contacts,
                (Some("jane@acmedental.com"), Some("sam@ggit.example")),
                "{email}"
            );
            assert!(page.unreadable_fields.is_empty(), "{email}");
        }
        // A picker showing only the name in a form of flat rows: the next text is a hint, and
        // a later row's address is another contact's, not taken for this one.
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p><div>
            <span id="pc">Primary Contact for Pax8 Related Communications</span>
            <div role="combobox" aria-labelledby="pc">Jane Roe</div>
            <p>Pax8 sends renewal notices to this contact.</p>
            <p>Signed by raj@acmedental.com</p>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table></div>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(page.primary_contact_email, None);
        assert!(page
            .unreadable_fields
            .contains(&"primary_contact_email".to_string()));
    }

    /// A compact form with no visible labels: each box named by its own `aria-label`. The
    /// order contact's Email is the box so named after its heading, not the signatory's.
    #[test]
    fn boxes_named_only_by_aria_label_give_the_contacts_domain_and_date() {
        let reading = read_html(
            r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
            <select aria-label="Primary Contact for Pax8 Related Communications"><option selected>Jane Roe (jane@acmedental.com)</option></select>
            <input aria-label="Domain" value="acmedentl.com">
            <h3>Microsoft Customer Agreement</h3>
            <input aria-label="Email" value="jane@acmedental.com">
            <input aria-label="Date of Acceptance" value="2026-12-04">
            <h2>Order contact</h2>
            <div><input aria-label="First Name" value="Sam"><input aria-label="Email" value="sam@ggit.example"></div>
            <table><tr><th>Product</th><th>Term</th><th>Qty</th></tr>
            <tr><td>Visio Plan 2</td><td>Monthly</td><td>2</td></tr></table>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(
            page.primary_contact_email.as_deref(),
            Some("jane@acmedental.com")
        );
        assert_eq!(
            page.order_contact_email.as_deref(),
            Some("sam@ggit.example")
        );
        assert_eq!(page.domain.as_deref(), Some("acmedentl.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some("2026-12-04"));
        assert!(page.unreadable_fields.is_empty());
    }

    /// A review step written as lines that each hold a label and its value, with the items
    /// as one text each ("Visio Plan 2 — Monthly — Qty 2"): every field is read, the order
    /// contact's Email after its heading and not the signatory's before it.
    #[test]
    fn a_review_step_of_label_colon_value_lines_and_one_text_items_is_read() {
        let reading = read_html(
            r#"<body><p>Company: Acme Dental LLC</p>
            <p>Primary Contact for Pax8 Related Communications: Jane Roe (jane@acmedental.com)</p>
            <p>Domain: acmedentl.com</p>
            <h3>Microsoft Customer Agreement</h3><p>Email: jane@acmedental.com</p>
            <p>Date of Acceptance: 2026-12-04</p>
            <h3>Order contact</h3><p>Sam Tech</p><p>Email: sam@ggit.example</p>
            <ul><li>Visio Plan 2 — Monthly — Qty 2</li><li>Microsoft 365 Business Premium | Annual | 10 seats</li></ul>
            <button>Place order</button></body>"#,
        );
        let page = cart(&reading);
        assert_review_of_case_b(page);
        assert_eq!(page.customer.as_deref(), Some("Acme Dental LLC"));
        assert_eq!(
            products_quantities_terms(page),
            [
                ("Visio Plan 2".to_string(), Some(2), Some(Term::Monthly)),
                (
                    "Microsoft 365 Business Premium".to_string(),
                    Some(10),
                    Some(Term::Annual)
                ),
            ]
        );
    }

    /// A cart whose table is drawn as plain blocks, with no table markup or roles (a CSS
    /// grid with a head block and a body block; an empty heading over the actions; a band of
    /// grouping headings above the columns' own): its lines are read by their columns, as a
    /// table's.
    #[test]
    fn a_cart_grid_drawn_as_plain_blocks_is_read_by_its_columns() {
        // The head block with the columns' headings alone, or under a band of grouping
        // headings (a quantity read as unreadable, and a line was lost).
        for band in ["", "<div><div>Details</div><div>Pricing</div></div>"] {
            let reading = read_html(&format!(
                r#"<body><p>Ordering for <b>Hudson Law Group PC</b></p>
            <div><div>{band}<div><div>Product</div><div>Term</div><div>Quantity</div><div></div></div></div>
            <div><div><div>Microsoft 365 Business Premium</div><div>Annual</div><div><input type="number" value="5"></div><div><button>Remove</button></div></div>
            <div><div>Exchange Online (Plan 1)</div><div>Monthly</div><div><input type="number" value="1"></div><div><button>Remove</button></div></div></div></div>
            <button>Proceed to checkout</button></body>"#
            ));
            reads_two_lines_as_a_grid(&reading);
        }
    }

    fn reads_two_lines_as_a_grid(reading: &crate::Reading) {
        assert!(cart(reading).unreadable_fields.is_empty());
        assert_eq!(
            products_quantities_terms(cart(reading)),
            [
                (
                    "Microsoft 365 Business Premium".to_string(),
                    Some(5),
                    Some(Term::Annual)
                ),
                (
                    "Exchange Online (Plan 1)".to_string(),
                    Some(1),
                    Some(Term::Monthly)
                ),
            ]
        );
    }

    /// Labels in capitals with a colon and an icon font's ligature after it ("DOMAIN:" then
    /// `<i class="material-icons">info</i>`): the label's box holds the value, not the
    /// ligature after the colon (the domain read as "info").
    #[test]
    fn a_label_with_an_icon_ligature_after_its_colon_gives_its_box_s_value() {
        let reading = read_html(
            r#"<body><h1>Checkout</h1><p>Company</p><h2>Acme Dental LLC</h2>
            <div><label for="d">DOMAIN:<i class="material-icons">info</i></label><input id="d" value="acmedentl.com"></div>
            <div><label for="a">DATE OF ACCEPTANCE:<i class="material-icons">info</i></label><input id="a" value="11/21/2026"></div>
            <table><tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
            <tr><td>Microsoft 365 Business Premium</td><td>Annual</td><td>3</td></tr></table>
            <button>Place Order</button></body>"#,
        );
        let page = cart(&reading);
        assert_eq!(page.domain.as_deref(), Some("acmedentl.com"));
        assert_eq!(page.acceptance_date.as_deref(), Some("11/21/2026"));
    }

    /// A heading across two columns, as carts draw a product's logo beside its name under
    /// one "Product" heading: the columns after it are read under their own headings, also
    /// when the headings are a sticky table of their own or plain cells (a line was lost and
    /// no quantity read).
    #[test]
    fn a_heading_spanning_a_logo_and_a_name_column_keeps_the_other_columns_in_place() {
        let rows = r#"<tr><td><img src="visio.png" alt=""></td><td>Visio Plan 2</td><td>Monthly</td><td><input type="number" value="2"></td><td>$30.00</td></tr>
            <tr><td><img src="exchange.png" alt=""></td><td>Exchange Online (Plan 1)</td><td>Annual</td><td><input type="number" value="5"></td><td>$24.00</td></tr>"#;
        let heads = |cell: &str| {
            format!(
                r#"<tr><{cell} colspan="2">Product</{cell}><{cell}>Term</{cell}><{cell}>Quantity</{cell}><{cell}>Total</{cell}></tr>"#
            )
        };
        for table in [
            format!(
                "<table><thead>{}</thead><tbody>{rows}</tbody></table>",
                heads("th")
            ),
            format!(
                "<table><thead>{}</thead></table><table><tbody>{rows}</tbody></table>",
                heads("th")
            ),
            format!("<table><tbody>{}{rows}</tbody></table>", heads("td")),
            // An ARIA grid says it with `aria-colspan`.
            format!(
                "<table><thead>{}</thead><tbody>{rows}</tbody></table>",
                heads("th")
            )
            .replace("<table>", r#"<div role="table">"#)
            .replace("</table>", "</div>")
            .replace("<thead>", "")
            .replace("</thead>", "")
            .replace("<tbody>", "")
            .replace("</tbody>", "")
            .replace("<tr>", r#"<div role="row">"#)
            .replace("</tr>", "</div>")
            .replace("<th colspan", r#"<div role="columnheader" aria-colspan"#)
            .replace("<th>", r#"<div role="columnheader">"#)
            .replace("</th>", "</div>")
            .replace("<td>", r#"<div role="cell">"#)
            .replace("</td>", "</div>"),
        ] {
            let reading = read_html(&format!(
                "<body><h2>Company</h2><p>Acme Dental LLC</p>{table}<button>Checkout</button></body>"
            ));
            reads_visio_monthly_and_exchange_annual(&reading);
        }
    }

    /// A cart table stacked into cards, each cell starting with its column's heading, and
    /// products named in fewer letters than the heading ("Product" before "Intune", "Product
    /// (all)" before "Visio Plan 2"): the products are the names after the headings (they
    /// read as "Product").
    #[test]
    fn stacked_cells_repeating_a_heading_longer_than_the_product_give_the_product() {
        // The column's heading, and the heading each cell repeats (without the qualifier).
        for (heading, repeated) in [
            ("Product", "Product"),
            ("Product (all)", "Product (all)"),
            ("Product (all)", "Product"),
        ] {
            let reading = read_html(&format!(
                r#"<body><h2>Company</h2><p>Acme Dental LLC</p>
                <table><thead><tr><th>{heading}</th><th>Term</th><th>Quantity</th></tr></thead>
                <tbody><tr><td><span>{repeated}</span> <a href="/p/1">Intune</a></td><td><span>Term</span> Monthly</td><td><span>Quantity</span> <input type="number" value="2"></td></tr>
                <tr><td><span>{repeated}</span> <a href="/p/2">Visio Plan 2</a></td><td><span>Term</span> Annual</td><td><span>Quantity</span> <input type="number" value="5"></td></tr></tbody></table>
                <button>Checkout</button></body>"#
            ));
            assert_eq!(
                products_quantities_terms(cart(&reading)),
                [
                    ("Intune".to_string(), Some(2), Some(Term::Monthly)),
                    ("Visio Plan 2".to_string(), Some(5), Some(Term::Annual))
                ],
                "{heading} / {repeated}"
            );
        }
    }
    /// A badge drawn inside the product's link, after or before its name ("Visio Plan 2
    /// [NCE]", "[New] Microsoft 365 Business Premium", "[Save 16%]"), is not part of the
    /// name: read into it, the product was not the quote's and the cart was held. Words of
    /// the name set apart in their own element stay ("Exchange Online <b>(Plan 1)</b>").
    #[test]
    fn a_badge_inside_the_product_link_is_not_part_of_the_name() {
        for (link, product) in [
            (
                r#"<a href="/p">Visio Plan 2 <span><span>NCE</span></span></a>"#,
                "Visio Plan 2",
            ),
            (
                r#"<a href="/p"><span><span>New</span></span> Visio Plan 2</a>"#,
                "Visio Plan 2",
            ),
            (
                r#"<a href="/p">Visio Plan 2 <span>Save 16%</span></a>"#,
                "Visio Plan 2",
            ),
            (
                r#"<a href="/p"><b>NEW</b> Visio Plan 2 <i>Popular</i></a>"#,
                "Visio Plan 2",
            ),
            (
                r#"<a href="/p">Exchange Online <b>(Plan 1)</b></a>"#,
                "Exchange Online (Plan 1)",
            ),
            (
                r#"<a href="/p">Microsoft 365 <b>E3</b></a>"#,
                "Microsoft 365 E3",
            ),
            (r#"<a href="/p">Power <b>BI</b></a>"#, "Power BI"),
            (r#"<a href="/p"><span>TRIAL</span></a>"#, "TRIAL"),
        ] {
            let reading = read_html(&format!(
                r#"<body><p>Company: Acme Dental LLC</p><table aria-label="Cart items">
                <tr><th>Product</th><th>Term</th><th>Quantity</th></tr>
                <tr><td>{link}</td><td>Monthly</td><td><input type="number" value="2"></td></tr>
                </table><button>Checkout</button></body>"#
            ));
            assert_clean_cart(&reading, &[expected_line(product, 2, Term::Monthly)]);
        }
    }
    /// A grid that draws only the rows in view (a virtual scroller: MUI's DataGrid) and says
    /// it has more (`aria-rowcount`): the lines out of view are unreadable, shown as
    /// `page.unreadable`, never passed over; those in view are read. All drawn: clean.
    #[test]
    fn a_grid_drawing_only_the_rows_in_view_makes_the_lines_unreadable() {
        let grid = |count: u32| {
            format!(
                r#"<body><p>Company: Acme Dental LLC</p>
                <div role="grid" aria-label="Cart" aria-rowcount="{count}">
                <div role="row" aria-rowindex="1"><div role="columnheader">Product</div><div role="columnheader">Term</div><div role="columnheader">Quantity</div></div>
                <div role="row" aria-rowindex="2"><div role="gridcell">Visio Plan 2</div><div role="gridcell">Monthly</div><div role="gridcell"><input type="number" value="2"></div></div>
                <div role="row" aria-rowindex="3"><div role="gridcell">Visio Plan 1</div><div role="gridcell">Monthly</div><div role="gridcell"><input type="number" value="1"></div></div>
                </div><button>Checkout</button></body>"#
            )
        };
        let lines = [
            expected_line("Visio Plan 2", 2, Term::Monthly),
            expected_line("Visio Plan 1", 1, Term::Monthly),
        ];
        let reading = read_html(&grid(40));
        assert_eq!(products_quantities_terms(cart(&reading)), lines);
        assert_eq!(cart(&reading).unreadable_fields, ["lines"]);
        assert_clean_cart(&read_html(&grid(3)), &lines);
    }
}

//! Mimecast MSP portal: a customer's change options (seat adjustment, primary product
//! option, new product, implementation lead), usually in the "Customer Details" dialog over
//! the customer list.
//!
//! Fields are found by their labels inside the open dialog that holds the change form (the
//! list behind it is never read). The product option may be native radios, ARIA radios
//! (`role=radio` + `aria-checked`) or a select; the option is known by its words ("Keep
//! Existing", "Add to", "Select New"). Hidden controls (the "Add to" product select while
//! "Add to" is not chosen) are not in the snapshot.

use procguard_core::model::{MimecastUpgradePage, Page, ProductOption};
use procguard_core::normalize::{
    alternatives, digits_value, find_text, has_text, split_at_text, Joined, Lowercase,
};

use crate::dom::{collapse_whitespace, is_control, is_heading, Dom};
use crate::labels::{
    buttons_named, choice_label, control_named, control_near_label, control_value, find_any_label,
    find_labels, has_word, in_column_heading, is_button, labels_saying, normalise_label,
    text_after_label, value_nodes_after_label,
};
use crate::Reading;

const CUSTOMER: &str = "Customer|Customer Name|Account|Account Name|Company";
const CURRENT_PRODUCT: &str = "Current Product|Current Primary Product|Primary Product|Product";
const CURRENT_SEATS: &str =
    "Licensed Seats|Current Seats|Seats|Number of Seats|Seat Count|Licenses|Licences";
const SEAT_ADJUSTMENT: &str =
    "Seat Adjustment|Seat Adjustments|Adjust Seats|Seat Change|Change in Seats";
const PRODUCT_OPTION: &str = "Primary Product|Primary Product Option|Product Option|Product Change";
const NEW_PRODUCT: &str = "New Primary Product|New Product|Select New Product";
const ADD_PRODUCT: &str = "Product to add|Add Product|Additional Product";
const LEAD: &str = "Primary Implementation Lead|Implementation Lead|Implementation Lead (Primary)";
/// The lead's label on a review step, where the lead chosen is shown as text after it (one
/// of `LEAD`).
const LEAD_SHOWN: &str = "Primary Implementation Lead";
/// The labels of the customer's facts under its name when no field names it: the account
/// code, the current seats and the current product (one wording each of `CURRENT_SEATS` and
/// `CURRENT_PRODUCT`).
const CUSTOMER_FACTS: &str = "Account Code|Licensed Seats|Primary Product";
/// Buttons that submit the change order (held while a `block` finding stands).
const SUBMIT_WORDS: &str = concat!(
    "submit|submit order|submit change|submit changes|review upgrade|upgrade|confirm|",
    "confirm upgrade|confirm order|confirm changes|place order|save|save changes|apply|",
    "apply changes",
);

fn is_known_label(text: &str) -> bool {
    let label = normalise_label(text);
    [
        CUSTOMER,
        CURRENT_PRODUCT,
        CURRENT_SEATS,
        SEAT_ADJUSTMENT,
        LEAD,
        PRODUCT_OPTION,
        NEW_PRODUCT,
        ADD_PRODUCT,
        "Account Code|Add-ons|Contract Term|Renewal",
    ]
    .iter()
    .any(|&list| alternatives(list).any(|l| normalise_label(l) == label))
}

pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let scope = form_scope(dom, root)?;
    let mut reading = Reading::default();
    let mut page = MimecastUpgradePage::default();

    match shown_text(dom, scope, CUSTOMER)
        .filter(|(_, text)| !text.is_empty())
        .or_else(|| customer_in_title(dom, scope, root))
        .or_else(|| customer_heading(dom, scope))
    {
        Some((at, text)) => {
            reading.anchor("customer", at);
            page.customer = Some(text);
        }
        // The change form is about one customer: not finding it is not "not shown".
        _ => reading.unreadable.push("customer".into()),
    }

    let choices = product_choices(dom, scope);
    let chosen = choices.iter().find(|c| c.checked).copied();

    page.current_product = current_product(dom, scope, &choices, &mut reading);

    if let Some((at, text)) = shown_text(dom, scope, CURRENT_SEATS) {
        reading.anchor("current_seats", at);
        match first_integer(&text) {
            Some(n) => page.current_seats = Some(n),
            None => reading.unreadable.push("current_seats".into()),
        }
    }

    read_seat_adjustment(dom, scope, &mut page, &mut reading);

    // The option: a chosen radio (native or ARIA), else a select labelled as the option.
    let option = match chosen {
        Some(choice) => {
            reading.anchor("product_option", choice.at);
            Some((choice.option, Some(choice)))
        }
        None => option_select(dom, scope, choices.is_empty()).map(|(at, option)| {
            reading.anchor("product_option", at);
            (option, None)
        }),
    };
    // Choice: option radios shown with none chosen read as null (nothing is being changed).
    page.product_option = option.map(|(o, _)| o);
    if let Some((option @ (ProductOption::New | ProductOption::Add), choice)) = option {
        match new_product(dom, scope, option, choice, &choices) {
            Some((at, product)) => {
                reading.anchor("new_product", at);
                page.new_product = Some(product);
            }
            None => reading.unreadable.push("new_product".into()),
        }
    }

    // The lead's picker; on a review step, the name shown as text after the change form's
    // own label ("Implementation Lead" in the customer's details is the lead now, not the
    // one chosen).
    if let Some((at, lead)) = alternatives(LEAD)
        .find_map(|l| {
            find_labels(dom, scope, l)
                .into_iter()
                .find_map(|label| control_near_label(dom, label))
        })
        // A picker with no label shown, named by its own `aria-label`.
        .or_else(|| control_named(dom, scope, LEAD))
        .or_else(|| lead_reworded(dom, scope))
        .map(|c| (c, without_placeholder(control_value(dom, c))))
        .or_else(|| shown_text(dom, scope, LEAD_SHOWN))
    {
        reading.anchor("implementation_lead", at);
        page.implementation_lead = Some(lead);
    }

    reading.hold_targets = buttons_named(dom, scope, SUBMIT_WORDS, is_button)
        .into_iter()
        .map(|b| dom.node(b).element)
        .collect();

    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::MimecastUpgrade(page));
    Some(reading)
}

/// The customer named in the change dialog's title, after its action: "Change subscription
/// — Acme Dental LLC", "Upgrade: Acme Dental LLC". Only a dialog's (the page's own heading
/// names the list), only after a dash or colon, and never a step ("Upgrade – Step 2 of 3").
fn customer_in_title(dom: &Dom, scope: usize, root: usize) -> Option<(usize, String)> {
    if scope == root {
        return None;
    }
    let title = dom
        .node(scope)
        .attr("aria-labelledby")
        .and_then(|ids| ids.split_ascii_whitespace().find_map(|id| dom.by_id(id)))
        .or_else(|| dom.select_first(scope, false, &|&i| is_heading(dom.node(i))))?;
    let text = dom.text(title);
    let name = [" — ", " – ", " - ", ": "]
        .iter()
        .filter_map(|separator| split_at_text(&text, separator).map(|(_, after)| after.trim()))
        .next()?;
    let step = name.lowercase();
    (!name.is_empty() && !has_word(&step, "step")).then(|| (title, name.to_string()))
}

/// The heading over the customer's facts (its account code, product or seats), when no field
/// names the customer: "Brightside Bakery" above "Account Code: CUS-US-23904". A heading that
/// names the page or a section ("Upgrade customer", "Customer Details") is no name.
fn customer_heading(dom: &Dom, scope: usize) -> Option<(usize, String)> {
    let fact =
        alternatives(CUSTOMER_FACTS).find_map(|l| find_labels(dom, scope, l).into_iter().next())?;
    dom.ancestors_up_to(fact, 4).find_map(|block| {
        let heading = dom.select_first(block, false, &|&i| {
            let n = dom.node(i);
            i < fact && is_heading(n)
        })?;
        let name = dom.text(heading);
        let words = name.lowercase();
        let names_a_part = [
            "customer", "details", "upgrade", "change", "summary", "account",
        ]
        .iter()
        .any(|w| has_word(&words, w));
        (!name.is_empty() && !names_a_part).then_some((heading, name))
    })
}

/// The open dialog holding the change form, else the page when it holds the form itself;
/// `None` when no change form is shown (the customer list alone).
fn form_scope(dom: &Dom, root: usize) -> Option<usize> {
    let has_form = |scope: usize| {
        alternatives(SEAT_ADJUSTMENT).any(|l| !find_labels(dom, scope, l).is_empty())
            // A box with no label shown, named by its own `aria-label`.
            || control_named(dom, scope, SEAT_ADJUSTMENT).is_some()
            || !product_choices(dom, scope).is_empty()
    };
    let dialogs: Vec<usize> = dom.select(root, true, &|&i| {
        let n = dom.node(i);
        matches!(n.role(), Some("dialog" | "alertdialog"))
            || n.tag == "dialog"
            || n.attr("aria-modal") == Some("true")
    });
    // The innermost dialog with the form (a dialog may wrap another's container).
    dialogs
        .iter()
        .rev()
        .copied()
        .find(|&d| has_form(d))
        .or_else(|| has_form(root).then_some(root))
}

/// A label's shown value (text after it, or its control's value) inside `scope`. Column
/// headings and option-group labels are not field labels; a label with a value wins over
/// one shown empty.
fn shown_text(dom: &Dom, scope: usize, labels: &str) -> Option<(usize, String)> {
    let mut empty: Option<(usize, String)> = None;
    for l in alternatives(labels) {
        for label in find_labels(dom, scope, l) {
            if labels_choices(dom, label) || in_column_heading(dom, label) {
                continue;
            }
            let found = if let Some(control) = control_near_label(dom, label) {
                (control, without_placeholder(control_value(dom, control)))
            } else {
                let values = value_nodes_after_label(dom, label, &|id| {
                    dom.node(id).raw_len < 60 && is_known_label(&dom.text(id))
                });
                if values.iter().any(|&v| {
                    std::iter::once(v)
                        .chain(dom.descendants(v))
                        .any(|i| is_control(dom.node(i)))
                }) {
                    continue;
                }
                let text: Vec<String> = values.iter().map(|&v| dom.text(v)).collect();
                (
                    values.first().copied().unwrap_or(label),
                    collapse_whitespace(&text.joined(" ")),
                )
            };
            if !found.1.is_empty() {
                return Some(found);
            }
            empty.get_or_insert(found);
        }
    }
    empty
}

/// Whether a label names a group of choices (a radiogroup's label or a fieldset legend).
fn labels_choices(dom: &Dom, label: usize) -> bool {
    let node = dom.node(label);
    let by_aria = node.attr("id").is_some_and(|id| {
        dom.elements().any(|i| {
            let n = dom.node(i);
            matches!(n.role(), Some("radiogroup" | "listbox"))
                && n.attr("aria-labelledby")
                    .is_some_and(|ids| ids.split_ascii_whitespace().any(|x| x == id))
        })
    });
    by_aria
        || node.tag == "legend"
        || dom
            .ancestors_up_to(label, 2)
            .any(|a| dom.node(a).role() == Some("radiogroup"))
}

#[derive(Debug, Clone, Copy)]
struct Choice {
    at: usize,
    option: ProductOption,
    checked: bool,
}

/// The product-option choices shown: native radios and ARIA radios whose words name an
/// option ("Keep Existing", "Add to", "Select New").
fn product_choices(dom: &Dom, scope: usize) -> Vec<Choice> {
    std::iter::once(scope)
        .chain(dom.descendants(scope))
        .filter_map(|i| {
            let n = dom.node(i);
            let checked = if n.tag == "input" && n.attr("type") == Some("radio") {
                n.checked.unwrap_or(false)
            } else if matches!(n.role(), Some("radio" | "menuitemradio")) {
                n.attr("aria-checked") == Some("true")
            } else {
                return None;
            };
            let option = option_of(&choice_label(dom, i))?;
            Some(Choice {
                at: i,
                option,
                checked,
            })
        })
        .collect()
}

/// The option a choice's words name. "Keep" wins (its label names the current product,
/// which may contain any word), then "select new", "add to", then the bare words.
pub fn option_of(words: &str) -> Option<ProductOption> {
    let w = words.lowercase();
    let tokens: Vec<&str> = w
        .split(|c: char| !procguard_core::normalize::is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect();
    let has = |t: &str| tokens.contains(&t);
    if has("keep") {
        Some(ProductOption::Keep)
    } else if has_text(&w, "select new")
        || has_text(&w, "new product")
        || has_text(&w, "change to")
        || has_text(&w, "switch to")
        || has_text(&w, "upgrade to")
    {
        Some(ProductOption::New)
    } else if has_text(&w, "add to") || has_text(&w, "add product") {
        Some(ProductOption::Add)
    } else if has("new") || has("replace") {
        Some(ProductOption::New)
    } else if has("add") {
        Some(ProductOption::Add)
    } else {
        None
    }
}

/// A select (or combobox) showing the option, labelled "Primary Product" or similar. With
/// `as_text` (no option radios shown: a review step), the option shown as text after a label
/// that names only the option ("Primary Product Option: Select New"); "Primary Product" there
/// is the current product, whose name must not be read for an option word.
fn option_select(dom: &Dom, scope: usize, as_text: bool) -> Option<(usize, ProductOption)> {
    alternatives(PRODUCT_OPTION).enumerate().find_map(|(n, l)| {
        find_labels(dom, scope, l).into_iter().find_map(|label| {
            match control_near_label(dom, label) {
                Some(control) => option_of(&control_value(dom, control)).map(|o| (control, o)),
                None if as_text && n > 0 => {
                    let (at, text) = text_after_label(dom, label)?;
                    option_of(&text).map(|o| (at, o))
                }
                None => None,
            }
        })
    })
}

/// The product chosen for "Select New" or "Add to": the control that follows the chosen
/// radio (before the next option), else a control labelled for it.
fn new_product(
    dom: &Dom,
    scope: usize,
    option: ProductOption,
    choice: Option<Choice>,
    choices: &[Choice],
) -> Option<(usize, String)> {
    if let Some(choice) = choice {
        let next = choices
            .iter()
            .map(|c| c.at)
            .filter(|&at| at > choice.at)
            .min()
            .unwrap_or_else(|| dom.subtree_end(scope) + 1);
        let group = dom
            .ancestors(choice.at)
            .find(|&a| choices.iter().all(|c| dom.contains(a, c.at)))
            .unwrap_or(scope);
        let end = next.min(dom.subtree_end(group) + 1);
        if let Some(control) = (dom.subtree_end(choice.at) + 1..end).find(|&i| {
            let n = dom.node(i);
            is_control(n) && n.checked.is_none() && n.role() != Some("radiogroup")
        }) {
            return Some((control, without_placeholder(control_value(dom, control))));
        }
    }
    let labels = if option == ProductOption::Add {
        ADD_PRODUCT
    } else {
        NEW_PRODUCT
    };
    // Its picker, or on a review step the product shown as text after the label.
    shown_text(dom, scope, labels)
}

/// The current product: a "Current/Primary Product" value shown as text (not the option
/// group's label), else the product named by the "Keep Existing …" choice.
fn current_product(
    dom: &Dom,
    scope: usize,
    choices: &[Choice],
    reading: &mut Reading,
) -> Option<String> {
    if let Some((at, text)) = shown_text(dom, scope, CURRENT_PRODUCT).filter(|(_, t)| !t.is_empty())
    {
        reading.anchor("current_product", at);
        return Some(text);
    }
    let keep = choices.iter().find(|c| c.option == ProductOption::Keep)?;
    let words = choice_label(dom, keep.at);
    let lower = words.lowercase();
    let at = find_text(&lower, "keep existing")? + "keep existing".len();
    let product = procguard_core::normalize::trim_ascii(words[at..].trim(), b"", b")").trim();
    (!product.is_empty()).then(|| {
        reading.anchor("current_product", keep.at);
        product.to_string()
    })
}

fn read_seat_adjustment(
    dom: &Dom,
    scope: usize,
    page: &mut MimecastUpgradePage,
    reading: &mut Reading,
) {
    let label = find_any_label(dom, scope, SEAT_ADJUSTMENT);
    let named = control_named(dom, scope, SEAT_ADJUSTMENT);
    let control = match label {
        Some(label) => control_near_label(dom, label),
        // A box named only by its placeholder or `aria-label` ("Seat Adjustment"): before
        // the form's one number box, whose name may be the hint after it ("New total: 15").
        None if named.is_some() => named,
        // Its label reworded past what procguard knows: the form's one number box. The change
        // form always shows the field, so finding none is unreadable, never "no change".
        None => {
            let numbers = dom.select(scope, false, &|&i| {
                let n = dom.node(i);
                (n.tag == "input" && n.attr("type") == Some("number"))
                    || n.role() == Some("spinbutton")
            });
            match numbers.as_slice() {
                [one] => {
                    // A box for the new total ("New seat total", "Seats after change") is no
                    // adjustment: the adjustment is the total less the seats held, and
                    // unreadable when those are not shown (15 is no increase of 15).
                    let name = box_name(dom, *one).lowercase();
                    if has_word(&name, "total") || has_word(&name, "after") {
                        reading.anchor("seat_adjustment", *one);
                        let total = parse_signed(&control_value(dom, *one));
                        match total.zip(page.current_seats) {
                            Some((total, held)) => page.seat_adjustment = Some(total - held),
                            None => reading.unreadable.push("seat_adjustment".into()),
                        }
                        return;
                    }
                    Some(*one)
                }
                _ => {
                    reading.unreadable.push("seat_adjustment".into());
                    return;
                }
            }
        }
    };
    // A direction chosen with radios ("Add seats" / "Remove seats") and a count in a box of
    // its own: the count with the chosen direction's sign. No direction chosen is unreadable,
    // never taken as an increase.
    let group = match control {
        Some(c) if dom.node(c).checked.is_none() => None,
        Some(radio) => Some(radio),
        None => label,
    }
    .and_then(|from| {
        dom.closest(from, &|n| {
            n.tag == "fieldset" || matches!(n.role(), Some("group" | "radiogroup"))
        })
    })
    .filter(|&g| {
        dom.select_first(g, false, &|&i| dom.node(i).checked.is_some())
            .is_some()
    });
    if let Some(group) = group {
        match directed_seats(dom, group) {
            Some((at, shown)) => {
                reading.anchor("seat_adjustment", at);
                match parse_signed(&shown) {
                    Some(n) => page.seat_adjustment = Some(n),
                    None => reading.unreadable.push("seat_adjustment".into()),
                }
            }
            None => reading.unreadable.push("seat_adjustment".into()),
        }
        return;
    }
    let (at, shown) = match control {
        Some(c) => {
            let node = dom.node(c);
            let shown = match node.attr("aria-valuenow") {
                Some(now) if node.role() == Some("spinbutton") => now.to_string(),
                _ => control_value(dom, c),
            };
            (c, shown)
        }
        None => match shown_text(dom, scope, SEAT_ADJUSTMENT) {
            Some((at, text)) => (at, text),
            None => {
                reading.unreadable.push("seat_adjustment".into());
                return;
            }
        },
    };
    reading.anchor("seat_adjustment", at);
    // Choice: an empty seat adjustment is no change (0), as the portal submits it.
    if shown.trim().is_empty() {
        page.seat_adjustment = Some(0);
        return;
    }
    match parse_signed(&shown) {
        Some(n) => page.seat_adjustment = Some(n),
        None => reading.unreadable.push("seat_adjustment".into()),
    }
}

/// The words naming a box, to tell a new total from an adjustment: its label, never its
/// description (`aria-describedby`): "… New total: 15 seats" under an adjustment box says
/// what the change makes, and read as the box's name it made -5 seats an adjustment of -25.
/// Described only, the box is named by the texts before it in its parent.
fn box_name(dom: &Dom, id: usize) -> String {
    let name = choice_label(dom, id);
    let node = dom.node(id);
    let described = node.attr("aria-describedby").is_some_and(|ids| {
        ids.split_ascii_whitespace()
            .filter_map(|d| dom.by_id(d))
            .any(|d| dom.text(d) == name)
    });
    if !described {
        return name;
    }
    let mut before = String::new();
    for &sibling in node.parent.map_or(&[][..], |p| &dom.node(p).children[..]) {
        if sibling == id {
            break;
        }
        before.push_str(&dom.text(sibling));
        before.push(' ');
    }
    before
}

/// The count box of a group whose radios choose the direction, with the direction's sign
/// ("-5" for "Remove seats" and 5); `None` when no direction word is chosen.
fn directed_seats(dom: &Dom, group: usize) -> Option<(usize, String)> {
    let count = dom.select_first(group, false, &|&i| {
        let n = dom.node(i);
        (is_control(n) && n.checked.is_none() && n.tag != "select")
            || n.role() == Some("spinbutton")
    })?;
    let chosen = dom.select_first(group, false, &|&i| dom.node(i).checked == Some(true))?;
    let words = choice_label(dom, chosen).lowercase();
    let sign = if ["remove", "decrease", "reduce", "fewer"]
        .iter()
        .any(|w| has_word(&words, w))
    {
        "-"
    } else if ["add", "increase", "more"]
        .iter()
        .any(|w| has_word(&words, w))
    {
        ""
    } else {
        return None;
    };
    Some((
        count,
        procguard_core::fill!("{}{}", sign, control_value(dom, count).trim()),
    ))
}

/// The lead's control under a label procguard does not know ("Onboarding Lead",
/// "Implementation Owner", "Lead Engineer"): the one person picker (a select or a combobox)
/// in the form labelled with the word "lead" or "implementation". Without it the lead reads
/// as not chosen, and `mimecast.implementation-lead` asks for one: a lead picker that is
/// shown is read, not reported missing. A date or a note ("Implementation Date") is never
/// taken for the lead, and more than one picker is not guessed between.
fn lead_reworded(dom: &Dom, scope: usize) -> Option<usize> {
    let labels = labels_saying(dom, scope, &|t| {
        (has_word(t, "lead") || has_word(t, "implementation"))
            && !has_word(t, "date")
            && !has_word(t, "time")
    });
    let mut found = None;
    for label in labels {
        let Some(control) = control_near_label(dom, label) else {
            continue;
        };
        let node = dom.node(control);
        let picker = node.tag == "select"
            || matches!(node.role(), Some("combobox" | "listbox"))
            || node.attr("aria-haspopup").is_some_and(|p| p != "false");
        if !picker {
            continue;
        }
        match found {
            Some(other) if other != control => return None,
            _ => found = Some(control),
        }
    }
    found
}

/// A signed seat count as typed: "-5", "−5" (Unicode minus), "– 5", "+3", "-5 seats".
pub fn parse_signed(text: &str) -> Option<i64> {
    let text: String = text
        .replace(
            [
                '\u{2212}', '\u{2013}', '\u{2014}', '\u{2012}', '\u{fe63}', '\u{ff0d}',
            ],
            "-",
        )
        .replace('\u{ff0b}', "+")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let (sign, rest) = match text.strip_prefix("-") {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix("+").unwrap_or(&text)),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = &rest[digits.len()..];
    if digits.is_empty()
        || !tail
            .chars()
            .all(|c| procguard_core::normalize::is_word_char(c) && !c.is_ascii_digit())
    {
        return None;
    }
    digits_value(&digits).map(|n| sign * i64::from(n))
}

/// The first whole number in a text ("20", "20 seats", "1,200").
fn first_integer(text: &str) -> Option<i64> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits_value(&digits).map(i64::from)
}

/// A select's placeholder option ("Select a user", "Choose…", "-- None --") shows nothing
/// chosen: `""`.
fn without_placeholder(shown: String) -> String {
    let lower = shown.trim().lowercase();
    if lower.starts_with("select")
        || lower.starts_with("choose")
        || lower.starts_with("please select")
        || lower.starts_with("--")
        || lower.starts_with("- ")
        || lower == "none selected"
    {
        String::new()
    } else {
        shown
    }
}

#[cfg(test)]
mod tests;

//! Variant layouts of the change options: native radios, ARIA radios, a select; a Unicode
//! minus; the hidden "Add to" select absent; no lead chosen.

use procguard_core::model::{MimecastUpgradePage, Page, ProductOption};

use super::{
    option_of, parse_signed, CURRENT_PRODUCT, CURRENT_SEATS, CUSTOMER_FACTS, LEAD, LEAD_SHOWN,
};
use crate::dom::build::{snapshot, T, T::*};
use crate::dom::Dom;
use crate::Reading;

const URL: &str = "https://login-us.mimecast.com/mspportal/#/customers/complete";

fn read(body: T) -> Option<(Reading, MimecastUpgradePage)> {
    let dom = Dom::from_json(&snapshot(URL, body)).unwrap();
    let reading = crate::read(&dom)?;
    match reading.page.clone() {
        Some(Page::MimecastUpgrade(page)) => Some((reading, page)),
        other => panic!("not a Mimecast page: {other:?}"),
    }
}

fn dialog(children: Vec<T>) -> T {
    E(
        "body",
        vec![],
        vec![
            E(
                "table",
                vec![],
                vec![
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("th", vec![], vec![X("Customer")]),
                            E("th", vec![], vec![X("Seats")]),
                        ],
                    ),
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("td", vec![], vec![X("Brightside Bakery")]),
                            E("td", vec![], vec![X("12")]),
                        ],
                    ),
                ],
            ),
            E(
                "div",
                vec![("role", "dialog"), ("aria-modal", "true")],
                children,
            ),
        ],
    )
}

fn details() -> T {
    E(
        "dl",
        vec![],
        vec![
            E("dt", vec![], vec![X("Customer")]),
            E("dd", vec![], vec![X("Hudson Law Group PC")]),
            E("dt", vec![], vec![X("Current Product")]),
            E(
                "dd",
                vec![],
                vec![X("Mimecast Email Security Cloud Integrated")],
            ),
            E("dt", vec![], vec![X("Seats")]),
            E("dd", vec![], vec![X("8 seats")]),
            E("dt", vec![], vec![X("Implementation Lead")]),
            E("dd", vec![], vec![X("Roberta Diaz")]),
        ],
    )
}

fn seat_input(value: &'static str) -> T {
    E(
        "div",
        vec![],
        vec![
            E(
                "label",
                vec![("for", "seats")],
                vec![X("Seat Adjustment *")],
            ),
            V("input", vec![("id", "seats"), ("type", "text")], value),
        ],
    )
}

fn submit() -> T {
    E(
        "div",
        vec![],
        vec![
            E("button", vec![], vec![X("Cancel")]),
            E("button", vec![], vec![X("Submit")]),
        ],
    )
}

/// A native radio of group `name` inside its label, followed by `words`.
fn radio_in_label(name: &'static str, checked: bool, words: &'static str) -> T {
    E(
        "label",
        vec![],
        vec![
            C(vec![("type", "radio"), ("name", name)], checked),
            X(words),
        ],
    )
}

fn aria_radio(label: &'static str, checked: &'static str) -> T {
    E(
        "div",
        vec![("role", "radio"), ("aria-checked", checked)],
        vec![X(label)],
    )
}

#[test]
fn aria_radios_a_unicode_minus_and_no_lead_chosen_are_read() {
    let (reading, page) = read(dialog(vec![
        details(),
        E(
            "div",
            vec![("role", "radiogroup"), ("aria-label", "Primary Product")],
            vec![
                aria_radio(
                    "Keep Existing Mimecast Email Security Cloud Integrated",
                    "false",
                ),
                aria_radio("Add to", "true"),
                E(
                    "div",
                    vec![],
                    vec![E(
                        "div",
                        vec![("role", "combobox")],
                        vec![X("Mimecast Archive Cloud")],
                    )],
                ),
                aria_radio("Select New", "false"),
            ],
        ),
        seat_input("\u{2212}3"),
        E(
            "div",
            vec![],
            vec![
                E(
                    "label",
                    vec![("for", "lead")],
                    vec![X("Primary Implementation Lead")],
                ),
                V("select", vec![("id", "lead")], "Select a user"),
            ],
        ),
        submit(),
    ]))
    .unwrap();
    assert_eq!(page.customer.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(
        page.current_product.as_deref(),
        Some("Mimecast Email Security Cloud Integrated")
    );
    assert_eq!(page.current_seats, Some(8));
    assert_eq!(page.seat_adjustment, Some(-3));
    assert_eq!(page.product_option, Some(ProductOption::Add));
    assert_eq!(page.new_product.as_deref(), Some("Mimecast Archive Cloud"));
    assert_eq!(page.implementation_lead.as_deref(), Some(""));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
    assert_eq!(reading.hold_targets.len(), 1);
    for key in [
        "seat_adjustment",
        "product_option",
        "new_product",
        "implementation_lead",
        "customer",
    ] {
        assert!(reading.anchor_for(key, None).is_some(), "anchor {key}");
    }
}

#[test]
fn native_radios_keep_existing_gives_no_new_product() {
    let (_, page) = read(dialog(vec![
        details(),
        E(
            "div",
            vec![],
            vec![
                C(vec![("type", "radio"), ("id", "k")], true),
                E(
                    "label",
                    vec![("for", "k")],
                    vec![X(
                        "Primary Product (Keep Existing Mimecast Email Security Cloud Integrated)",
                    )],
                ),
                C(vec![("type", "radio"), ("id", "n")], false),
                E(
                    "label",
                    vec![("for", "n")],
                    vec![X("Primary Product (Select New)")],
                ),
                // The product select of "Select New" is hidden: not in the snapshot.
            ],
        ),
        seat_input("+2"),
        submit(),
    ]))
    .unwrap();
    assert_eq!(page.product_option, Some(ProductOption::Keep));
    assert_eq!(page.new_product, None);
    assert_eq!(page.seat_adjustment, Some(2));
    assert_eq!(page.implementation_lead, None);
}

#[test]
fn a_select_gives_the_option_and_a_labelled_select_the_new_product() {
    let (_, page) = read(dialog(vec![
        details(),
        E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", "opt")], vec![X("Primary Product")]),
                V("select", vec![("id", "opt")], "Select New"),
            ],
        ),
        E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", "np")], vec![X("New Product")]),
                V(
                    "select",
                    vec![("id", "np")],
                    "Mimecast Email Security Cloud Gateway - Advanced",
                ),
            ],
        ),
        seat_input("-5"),
        submit(),
    ]))
    .unwrap();
    assert_eq!(page.product_option, Some(ProductOption::New));
    assert_eq!(
        page.new_product.as_deref(),
        Some("Mimecast Email Security Cloud Gateway - Advanced")
    );
    assert_eq!(page.seat_adjustment, Some(-5));
    // The "Primary Product" select is the option, not the current product.
    assert_eq!(
        page.current_product.as_deref(),
        Some("Mimecast Email Security Cloud Integrated")
    );
}

#[test]
fn an_unreadable_seat_adjustment_is_reported() {
    let (_, page) = read(dialog(vec![details(), seat_input("five"), submit()])).unwrap();
    assert_eq!(page.seat_adjustment, None);
    assert_eq!(page.unreadable_fields, vec!["seat_adjustment".to_string()]);
}

#[test]
fn a_seat_box_under_a_reworded_label_is_the_form_s_one_number_box_and_none_is_unreadable() {
    let reworded = |input: T| {
        E(
            "div",
            vec![],
            vec![E("label", vec![], vec![X("Seats to add or remove"), input])],
        )
    };
    // The product choice makes it the change form.
    let keep = || {
        E(
            "div",
            vec![("role", "radiogroup"), ("aria-label", "Primary Product")],
            vec![aria_radio(
                "Keep Existing Mimecast Email Security Cloud Integrated",
                "true",
            )],
        )
    };
    let number = V("input", vec![("type", "number")], "-5");
    let (_, page) = read(dialog(vec![details(), keep(), reworded(number), submit()])).unwrap();
    assert_eq!(page.seat_adjustment, Some(-5));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );

    // No box procguard can tell for the seats (a text box under a label it does not know):
    // said, not read as "no change".
    let text = V("input", vec![("type", "text")], "-5");
    let (_, page) = read(dialog(vec![details(), keep(), reworded(text), submit()])).unwrap();
    assert_eq!(page.seat_adjustment, None);
    assert_eq!(page.unreadable_fields, vec!["seat_adjustment".to_string()]);
}

#[test]
fn the_customer_list_alone_is_not_read() {
    let json = snapshot(
        URL,
        E(
            "body",
            vec![],
            vec![E(
                "table",
                vec![],
                vec![
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("th", vec![], vec![X("Customer")]),
                            E("th", vec![], vec![X("Seats")]),
                        ],
                    ),
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("td", vec![], vec![X("Acme Dental LLC")]),
                            E("td", vec![], vec![X("20")]),
                        ],
                    ),
                ],
            )],
        ),
    );
    assert!(crate::read(&Dom::from_json(&json).unwrap()).is_none());
}

#[test]
fn signed_seat_counts_accept_unicode_minus_and_words() {
    assert_eq!(parse_signed("-5"), Some(-5));
    assert_eq!(parse_signed("\u{2212}5"), Some(-5));
    assert_eq!(parse_signed("– 5"), Some(-5));
    assert_eq!(parse_signed("+3"), Some(3));
    assert_eq!(parse_signed("-5 seats"), Some(-5));
    assert_eq!(parse_signed("5-"), None);
    assert_eq!(parse_signed("abc"), None);
}

#[test]
fn option_words_map_to_the_three_options() {
    assert_eq!(
        option_of("Primary Product (Keep Existing Mimecast Email Security Cloud Gateway)"),
        Some(ProductOption::Keep)
    );
    assert_eq!(
        option_of("Primary Product (Add to)"),
        Some(ProductOption::Add)
    );
    assert_eq!(
        option_of("Primary Product (Select New)"),
        Some(ProductOption::New)
    );
    assert_eq!(
        option_of("Switch to another product"),
        Some(ProductOption::New)
    );
    assert_eq!(
        option_of("Upgrade to a different primary product"),
        Some(ProductOption::New)
    );
    assert_eq!(option_of("Monthly billing"), None);
}

#[test]
fn a_form_on_the_page_below_the_customer_list_is_read_without_taking_the_column_headings() {
    let (_, page) = read(E(
        "body",
        vec![],
        vec![
            E(
                "table",
                vec![],
                vec![
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("th", vec![], vec![X("Customer")]),
                            E("th", vec![], vec![X("Seats")]),
                        ],
                    ),
                    E(
                        "tr",
                        vec![],
                        vec![
                            E("td", vec![], vec![X("Brightside Bakery")]),
                            E("td", vec![], vec![X("12")]),
                        ],
                    ),
                ],
            ),
            details(),
            seat_input("0"),
            submit(),
        ],
    ))
    .unwrap();
    assert_eq!(page.customer.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.current_seats, Some(8));
    assert_eq!(page.seat_adjustment, Some(0));
    assert_eq!(page.product_option, None);
}

#[test]
fn a_lead_picker_under_a_reworded_label_is_read_and_two_are_not_guessed_between() {
    let picker = |label: &'static str, id: &'static str, shown: &'static str| {
        E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", id)], vec![X(label)]),
                V("select", vec![("id", id)], shown),
            ],
        )
    };
    let form = |pickers: Vec<T>| {
        let mut children = vec![details(), seat_input("-2")];
        children.extend(pickers);
        children.push(submit());
        read(dialog(children)).unwrap()
    };
    let (reading, page) = form(vec![picker("Onboarding Lead", "lead", "Sam Tech")]);
    assert_eq!(page.implementation_lead.as_deref(), Some("Sam Tech"));
    assert!(reading.anchor_for("implementation_lead", None).is_some());

    let (_, page) = form(vec![picker(
        "Implementation Owner",
        "owner",
        "Select a user",
    )]);
    assert_eq!(page.implementation_lead.as_deref(), Some(""));

    // A date of the implementation is not its lead.
    let date = E(
        "div",
        vec![],
        vec![
            E(
                "label",
                vec![("for", "when")],
                vec![X("Implementation Date")],
            ),
            V(
                "input",
                vec![("id", "when"), ("type", "date")],
                "2026-12-10",
            ),
        ],
    );
    let (_, page) = form(vec![date]);
    assert_eq!(page.implementation_lead, None);

    // Two pickers that could each be the lead: neither is taken for it.
    let (_, page) = form(vec![
        picker("Technical Lead", "tech", "Sam Tech"),
        picker("Implementation Sponsor", "sponsor", "Roberta Diaz"),
    ]);
    assert_eq!(page.implementation_lead, None);
}

#[test]
fn without_a_customer_field_the_customer_is_the_one_the_dialog_s_title_names() {
    let with_title = |title: &'static str| {
        read(dialog(vec![
            E("h2", vec![], vec![X(title)]),
            seat_input("-5"),
            submit(),
        ]))
        .unwrap()
        .1
    };
    for title in [
        "Change subscription — Hudson Law Group PC",
        "Upgrade: Hudson Law Group PC",
        "Change options - Hudson Law Group PC",
    ] {
        let page = with_title(title);
        assert_eq!(
            page.customer.as_deref(),
            Some("Hudson Law Group PC"),
            "{title}"
        );
        assert!(
            !page.unreadable_fields.contains(&"customer".to_string()),
            "{title}"
        );
    }
    // A title naming no customer leaves it unreadable, never a guess.
    for title in ["Customer Details", "Upgrade – Step 2 of 3"] {
        let page = with_title(title);
        assert_eq!(page.customer, None, "{title}");
        assert!(
            page.unreadable_fields.contains(&"customer".to_string()),
            "{title}"
        );
    }
}

/// The change form on a page of its own: the customer is the heading over its facts
/// ("Account Code:", "Primary Product:"), the seats are added with a plus sign and the
/// product is added to from the select under the chosen "Add to" radio.
#[test]
fn a_change_page_without_a_customer_field_takes_the_heading_over_its_facts() {
    let fact = |label: &'static str, value: &'static str| {
        E(
            "li",
            vec![],
            vec![
                E("span", vec![], vec![X(label)]),
                E("span", vec![], vec![X(value)]),
            ],
        )
    };
    let (_, page) = read(E(
        "body",
        vec![],
        vec![
            E("h1", vec![], vec![X("Upgrade customer")]),
            E(
                "section",
                vec![],
                vec![
                    E("h2", vec![], vec![X("Brightside Bakery")]),
                    E(
                        "ul",
                        vec![],
                        vec![
                            fact("Account Code:", "CUS-US-23904"),
                            fact("Primary Product:", "Mimecast Email Security Cloud Gateway"),
                            fact("Licensed Seats:", "12"),
                        ],
                    ),
                ],
            ),
            E(
                "section",
                vec![],
                vec![
                    E("h2", vec![], vec![X("Change Options")]),
                    E("label", vec![("for", "adj")], vec![X("Seat Adjustment")]),
                    V("input", vec![("id", "adj"), ("type", "text")], "+3"),
                    radio_in_label("pp", false, " Keep Existing"),
                    radio_in_label("pp", true, " Add to"),
                    E("label", vec![("for", "addp")], vec![X("Product to add")]),
                    V("select", vec![("id", "addp")], "Mimecast Archive Cloud"),
                ],
            ),
        ],
    ))
    .expect("a change form");
    assert_eq!(page.customer.as_deref(), Some("Brightside Bakery"));
    assert_eq!(page.current_seats, Some(12));
    assert_eq!(page.seat_adjustment, Some(3));
    assert_eq!(page.product_option, Some(ProductOption::Add));
    assert_eq!(page.new_product.as_deref(), Some("Mimecast Archive Cloud"));
}

/// Seats removed by choosing "Remove seats" and typing a count: the count with a minus. With
/// no direction chosen the adjustment is unreadable, never read as an increase.
#[test]
fn a_seat_count_with_a_direction_chosen_by_radios_takes_the_direction_s_sign() {
    let page_with = |remove_checked: bool, add_checked: bool| {
        E(
            "body",
            vec![],
            vec![E(
                "div",
                vec![("role", "dialog")],
                vec![
                    E("h2", vec![], vec![X("Upgrade – Acme Dental LLC")]),
                    E(
                        "fieldset",
                        vec![],
                        vec![
                            E("legend", vec![], vec![X("Seat Adjustment")]),
                            radio_in_label("d", add_checked, " Add seats"),
                            radio_in_label("d", remove_checked, " Remove seats"),
                            E("label", vec![("for", "n")], vec![X("Number of seats")]),
                            V("input", vec![("id", "n"), ("type", "number")], "5"),
                        ],
                    ),
                ],
            )],
        )
    };
    let (_, removed) = read(page_with(true, false)).expect("a change form");
    assert_eq!(removed.seat_adjustment, Some(-5));
    let (_, added) = read(page_with(false, true)).expect("a change form");
    assert_eq!(added.seat_adjustment, Some(5));
    let (_, unchosen) = read(page_with(false, false)).expect("a change form");
    assert_eq!(unchosen.seat_adjustment, None);
    assert!(unchosen
        .unreadable_fields
        .contains(&"seat_adjustment".to_string()));
}

/// A box for the new seat total under a label procguard does not know: the adjustment is the
/// total less the seats held (15 of 20 is a removal of 5, never an increase of 15), and
/// unreadable when the seats held are not shown.
#[test]
fn a_new_seat_total_is_the_total_less_the_seats_held() {
    let page_with = |held: bool| {
        let mut facts = vec![
            E("dt", vec![], vec![X("Customer")]),
            E("dd", vec![], vec![X("Acme Dental LLC")]),
        ];
        if held {
            facts.push(E("dt", vec![], vec![X("Licensed Seats")]));
            facts.push(E("dd", vec![], vec![X("20")]));
        }
        E(
            "body",
            vec![],
            vec![E(
                "div",
                vec![("role", "dialog")],
                vec![
                    E("dl", vec![], facts),
                    E("label", vec![("for", "tot")], vec![X("New seat total")]),
                    V("input", vec![("id", "tot"), ("type", "number")], "15"),
                    radio_in_label("pp", true, " Primary Product (Keep Existing)"),
                ],
            )],
        )
    };
    let (_, page) = read(page_with(true)).expect("a change form");
    assert_eq!(page.seat_adjustment, Some(-5));
    let (_, page) = read(page_with(false)).expect("a change form");
    assert_eq!(page.seat_adjustment, None);
    assert!(page
        .unreadable_fields
        .contains(&"seat_adjustment".to_string()));
}

fn read_html(src: &str) -> MimecastUpgradePage {
    let dom = Dom::from_json(&crate::dom::build::html(URL, src)).unwrap();
    match crate::read(&dom).and_then(|r| r.page) {
        Some(Page::MimecastUpgrade(page)) => page,
        other => panic!("not a Mimecast page: {other:?}"),
    }
}

/// A review step shows the change as text: the option, the new product and the lead chosen
/// are read after their labels. The customer's details ("Primary Product", "Implementation
/// Lead": what is held now) are not read as the option or the lead chosen.
#[test]
fn a_review_step_showing_the_change_as_text_reads_option_product_and_lead() {
    let page = read_html(
        r#"<body><div role="dialog"><h2>Review Upgrade</h2>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd>
        <dt>Primary Product</dt><dd>Mimecast Add-on Bundle</dd>
        <dt>Licensed Seats</dt><dd>20</dd>
        <dt>Implementation Lead</dt><dd>Roberta Diaz</dd></dl>
        <dl><dt>Seat Adjustment</dt><dd>-5</dd>
        <dt>Primary Implementation Lead</dt><dd>Sam Tech</dd>
        <dt>Primary Product Option</dt><dd>Select New</dd>
        <dt>New primary product</dt><dd>Mimecast Email Security Cloud Integrated</dd></dl>
        <button>Confirm Upgrade</button></div></body>"#,
    );
    assert_eq!(
        page.current_product.as_deref(),
        Some("Mimecast Add-on Bundle")
    );
    assert_eq!(page.product_option, Some(ProductOption::New));
    assert_eq!(
        page.new_product.as_deref(),
        Some("Mimecast Email Security Cloud Integrated")
    );
    assert_eq!(page.implementation_lead.as_deref(), Some("Sam Tech"));
    assert_eq!(page.seat_adjustment, Some(-5));

    // Without the change's own labels, the details are not read as a change.
    let page = read_html(
        r#"<body><div role="dialog"><h2>Review Upgrade</h2>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd>
        <dt>Primary Product</dt><dd>Mimecast Add-on Bundle</dd>
        <dt>Implementation Lead</dt><dd>Roberta Diaz</dd>
        <dt>Seat Adjustment</dt><dd>+2</dd></dl>
        <button>Confirm Upgrade</button></div></body>"#,
    );
    assert_eq!(page.product_option, None);
    assert_eq!(page.implementation_lead, None);
    assert_eq!(page.seat_adjustment, Some(2));
}

/// The lead's picker with no label shown, named by its own `aria-label`, is the lead chosen;
/// the customer's details' "Implementation Lead" (the lead now) is not.
#[test]
fn a_lead_picker_named_only_by_aria_label_is_the_lead_chosen() {
    let page = read_html(
        r#"<body><div role="dialog"><h2>Upgrade Customer</h2>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd>
        <dt>Primary Product</dt><dd>Mimecast Email Security Cloud Gateway</dd>
        <dt>Licensed Seats</dt><dd>20</dd>
        <dt>Implementation Lead</dt><dd>Roberta Diaz</dd></dl>
        <input type="number" aria-label="Seat Adjustment" value="-5">
        <select aria-label="Primary Implementation Lead"><option value="">Select a user</option>
        <option>Roberta Diaz</option><option selected>Sam Tech</option></select>
        <button>Confirm Upgrade</button></div></body>"#,
    );
    assert_eq!(page.implementation_lead.as_deref(), Some("Sam Tech"));
    assert_eq!(page.seat_adjustment, Some(-5));
}

/// A seat box named only by its placeholder, with a hint after it that gives the new total
/// ("New total: 15 seats"), is the adjustment itself (-5), not a box for the new total (which
/// would read 20 less, -25).
#[test]
fn a_seat_box_named_by_its_placeholder_is_the_adjustment_whatever_its_hint_says() {
    let page = read_html(
        r#"<body><div role="dialog"><h2>Upgrade Customer</h2>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd>
        <dt>Licensed Seats</dt><dd>20</dd></dl>
        <div><input type="number" placeholder="Seat Adjustment" value="-5">
        <span>Specify any change in seats required. New total: 15 seats.</span></div>
        <label><input type="radio" name="pp" checked> Primary Product (Keep Existing)</label>
        <button>Confirm Upgrade</button></div></body>"#,
    );
    assert_eq!(page.seat_adjustment, Some(-5));
}

/// A seat box under a label procguard cannot match (an icon's ligature glued to it: "Seat
/// Adjustmentinfo", in a span) and described by a hint that gives the new total: the hint
/// is its description, not its name, so the box is the adjustment (-5), not a new total
/// (-25).
#[test]
fn a_seat_box_described_by_a_new_total_hint_is_the_adjustment_not_a_total() {
    let page = read_html(
        r#"<body><div role="dialog"><h2>Upgrade Customer</h2>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd>
        <dt>Licensed Seats</dt><dd>20</dd></dl>
        <div><span>Seat Adjustment<i class="material-icons">info</i></span>
        <input type="number" value="-5" aria-describedby="hint">
        <span id="hint">Specify any change in seats required. New total: 15 seats.</span></div>
        <label><input type="radio" name="pp" checked> Primary Product (Keep Existing)</label>
        <button>Confirm Upgrade</button></div></body>"#,
    );
    assert_eq!(page.seat_adjustment, Some(-5));
}

/// A dialog's labels qualified in words ("Customer (Account)", "Seats (Licensed)") are its
/// fields, though the customer list behind it heads its columns "Customer" and "Seats".
#[test]
fn qualified_labels_in_the_dialog_are_read_though_the_list_behind_shows_them_alone() {
    let (_, page) = read(dialog(vec![
        E(
            "dl",
            vec![],
            vec![
                E("dt", vec![], vec![X("Customer (Account)")]),
                E("dd", vec![], vec![X("Hudson Law Group PC")]),
                E("dt", vec![], vec![X("Current Product")]),
                E(
                    "dd",
                    vec![],
                    vec![X("Mimecast Email Security Cloud Integrated")],
                ),
                E("dt", vec![], vec![X("Seats (Licensed)")]),
                E("dd", vec![], vec![X("8 seats")]),
            ],
        ),
        seat_input("2"),
        submit(),
    ]))
    .unwrap();
    assert_eq!(page.customer.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.current_seats, Some(8));
    assert_eq!(page.seat_adjustment, Some(2));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

/// Choices written as one field's words with a qualifier each ("Primary Product (Keep
/// Existing …)", "Primary Product (Select New)") are choices, not that field's label said
/// another way: with no "Current Product" shown, none of them is taken for it.
#[test]
fn radio_choices_qualified_in_brackets_are_not_a_field_s_label() {
    let (_, page) = read(dialog(vec![
        E(
            "dl",
            vec![],
            vec![
                E("dt", vec![], vec![X("Customer")]),
                E("dd", vec![], vec![X("Hudson Law Group PC")]),
                E("dt", vec![], vec![X("Seats")]),
                E("dd", vec![], vec![X("8 seats")]),
            ],
        ),
        E(
            "div",
            vec![],
            vec![
                C(vec![("type", "radio"), ("id", "k")], false),
                E(
                    "label",
                    vec![("for", "k")],
                    vec![X("Primary Product (Keep Existing)")],
                ),
                C(vec![("type", "radio"), ("id", "n")], true),
                E(
                    "label",
                    vec![("for", "n")],
                    vec![X("Primary Product (Select New)")],
                ),
            ],
        ),
        seat_input("+2"),
        submit(),
    ]))
    .unwrap();
    assert_eq!(page.product_option, Some(ProductOption::New));
    assert_eq!(page.current_product, None);
    // "Select New" chosen with no new product shown: that one is unreadable; the current
    // product, not shown, is not.
    assert_eq!(page.unreadable_fields, ["new_product"]);
}

/// The labels read on their own are wordings of the lists that name their fields, so that a
/// wording changed in one list is not left behind in the other.
#[test]
fn labels_read_alone_are_wordings_of_their_fields_lists() {
    use procguard_core::normalize::{alternatives, is_one_of};
    assert!(is_one_of(LEAD_SHOWN, LEAD));
    let facts: Vec<&str> = alternatives(CUSTOMER_FACTS).collect();
    assert_eq!(facts[0], "Account Code");
    assert!(is_one_of(facts[1], CURRENT_SEATS), "{}", facts[1]);
    assert!(is_one_of(facts[2], CURRENT_PRODUCT), "{}", facts[2]);
}

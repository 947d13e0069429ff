//! Variant layouts of the Site Summary record: fields reordered, a `dl`, contacts as links
//! or as text, the organisation from the title.

use procguard_core::model::{Authority, HelpDeskPlan, Page, SiteSummaryPage};

use crate::dom::build::{snapshot, T, T::*};
use crate::dom::Dom;

const URL: &str = "https://ggit.itglue.com/2843117/assets/61234-site-summary/records/1";

fn read_page(url: &str, title: &str, body: T) -> Option<SiteSummaryPage> {
    let json = snapshot(url, body).replacen("\"title\":\"\"", &format!("\"title\":\"{title}\""), 1);
    let dom = Dom::from_json(&json).unwrap();
    match crate::read(&dom)?.page {
        Some(Page::ItGlueSiteSummary(page)) => Some(page),
        other => panic!("not a site summary: {other:?}"),
    }
}

fn row(label: &'static str, value: Vec<T>) -> T {
    E(
        "div",
        vec![("class", "asset-field")],
        vec![E("div", vec![], vec![X(label)]), E("div", vec![], value)],
    )
}

fn tag(name: &'static str, email: &'static str) -> T {
    E(
        "li",
        vec![],
        vec![
            E("a", vec![("href", "#")], vec![X(name)]),
            E("span", vec![], vec![X(email)]),
        ],
    )
}

fn org_sidebar(name: &'static str) -> T {
    E(
        "aside",
        vec![("aria-label", "Organization")],
        vec![
            E("p", vec![], vec![X(name)]),
            E("div", vec![], vec![X("Customer")]),
        ],
    )
}

/// Hudson's Site Summary record: its organisation, its heading and `rows`.
fn hudson_record(rows: Vec<T>) -> T {
    let mut children = vec![
        org_sidebar("Hudson Law Group PC"),
        E("h1", vec![], vec![X("Hudson – Main")]),
    ];
    children.extend(rows);
    E("body", vec![], children)
}

#[test]
fn contacts_are_merged_per_person_in_order_of_appearance_with_roles_in_field_order() {
    let page = read_page(
        URL,
        "",
        hudson_record(vec![
            row(
                "Technical Contact(s)",
                vec![E(
                    "ul",
                    vec![],
                    vec![
                        tag("Front Desk", "frontdesk@hudsonlaw.com"),
                        tag("Ada Hudson", "ada@hudsonlaw.com"),
                    ],
                )],
            ),
            row("Help Desk Plan", vec![X("Hourly (non-onboarded)")]),
            row("Security Contact(s)", vec![]),
            row(
                "Primary Authorization Contact *",
                vec![E(
                    "ul",
                    vec![],
                    vec![tag("Ada Hudson", "ada@hudsonlaw.com")],
                )],
            ),
            row("Extra Field", vec![X("whatever")]),
        ]),
    )
    .unwrap();
    assert_eq!(page.organization.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::Hourly));
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].name, "Front Desk");
    assert_eq!(contacts[0].authority, vec![Authority::Technical]);
    assert_eq!(contacts[1].name, "Ada Hudson");
    assert_eq!(contacts[1].email.as_deref(), Some("ada@hudsonlaw.com"));
    assert_eq!(
        contacts[1].authority,
        vec![Authority::PrimaryAuthorization, Authority::Technical]
    );
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

#[test]
fn a_definition_list_with_text_contacts_and_the_organisation_from_the_title_is_read() {
    let page = read_page(
        URL,
        "Main Office | Site Summary | Acme Dental LLC | IT Glue",
        E(
            "body",
            vec![],
            vec![E(
                "dl",
                vec![],
                vec![
                    E("dt", vec![], vec![X("Help Desk Plan:")]),
                    E("dd", vec![], vec![X("Per-Device (Onboarded)")]),
                    E("dt", vec![], vec![X("Purchasing Contacts")]),
                    E(
                        "dd",
                        vec![],
                        vec![X(
                            "Jane Roe (jane@acmedental.com), Raj Patel (raj@acmedental.com)",
                        )],
                    ),
                    E("dt", vec![], vec![X("Security Contact")]),
                    E(
                        "dd",
                        vec![],
                        vec![E(
                            "a",
                            vec![("href", "mailto:raj@acmedental.com")],
                            vec![X("Raj Patel")],
                        )],
                    ),
                ],
            )],
        ),
    )
    .unwrap();
    assert_eq!(page.organization.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].name, "Jane Roe");
    assert_eq!(contacts[0].email.as_deref(), Some("jane@acmedental.com"));
    assert_eq!(contacts[1].name, "Raj Patel");
    assert_eq!(
        contacts[1].authority,
        vec![Authority::Purchasing, Authority::Security]
    );
}

#[test]
fn a_plan_the_reader_does_not_know_is_unreadable() {
    let page = read_page(
        URL,
        "",
        E(
            "body",
            vec![],
            vec![
                org_sidebar("Acme Dental LLC"),
                row("Help Desk Plan", vec![X("Gold")]),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.help_desk_plan, None);
    assert_eq!(page.unreadable_fields, vec!["help_desk_plan".to_string()]);
    assert_eq!(page.authorization_contacts, None);
}

#[test]
fn other_it_glue_pages_are_not_read() {
    let page = read_page(
        "https://ggit.itglue.com/2843117/passwords/1",
        "Alarm | Passwords | Acme Dental LLC | IT Glue",
        E(
            "body",
            vec![],
            vec![
                org_sidebar("Acme Dental LLC"),
                row("Username", vec![X("admin")]),
            ],
        ),
    );
    assert!(page.is_none());
}

#[test]
fn fields_as_table_rows_with_row_headings_are_read() {
    let tr = |label: &'static str, value: Vec<T>| {
        E(
            "tr",
            vec![],
            vec![E("th", vec![], vec![X(label)]), E("td", vec![], value)],
        )
    };
    let page = read_page(
        URL,
        "",
        E(
            "body",
            vec![],
            vec![
                org_sidebar("Acme Dental LLC"),
                E(
                    "table",
                    vec![],
                    vec![
                        tr("Help Desk Plan", vec![X("None")]),
                        tr(
                            "Security Contact(s)",
                            vec![
                                E("a", vec![("href", "#")], vec![X("Raj Patel")]),
                                X(" raj@acmedental.com"),
                            ],
                        ),
                        tr("Primary Authorization Contact", vec![]),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::None));
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].email.as_deref(), Some("raj@acmedental.com"));
    assert_eq!(contacts[0].authority, vec![Authority::Security]);
}

#[test]
fn a_plan_under_a_label_the_reader_does_not_know_is_read_from_the_words_of_its_value() {
    let record = |plan: &'static str, note: &'static str| {
        E(
            "body",
            vec![],
            vec![
                org_sidebar("Acme Dental LLC"),
                row("Support Plan", vec![X(plan)]),
                row("Onsite Notes", vec![X(note)]),
                row(
                    "Purchasing Contact(s)",
                    vec![tag("Jane Roe", "jane@acmedental.com")],
                ),
            ],
        )
    };
    let page = read_page(
        URL,
        "",
        record("Per-Device (Onboarded)", "Back door code 1234"),
    )
    .unwrap();
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );

    // Values that disagree name no plan: nothing is taken.
    let page = read_page(
        URL,
        "",
        record("Per-Device (Onboarded)", "Hourly until June"),
    )
    .unwrap();
    assert_eq!(page.help_desk_plan, None);
}

#[test]
fn an_authorizing_contact_is_the_primary_authorization_contact() {
    let page = read_page(
        URL,
        "",
        hudson_record(vec![
            row("Help Desk Plan", vec![X("Hourly (non-onboarded)")]),
            row(
                "Primary Authorizing Contact",
                vec![E(
                    "ul",
                    vec![],
                    vec![tag("Ada Hudson", "ada@hudsonlaw.com")],
                )],
            ),
        ]),
    )
    .unwrap();
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].authority, vec![Authority::PrimaryAuthorization]);
}

#[test]
fn the_organisation_comes_from_a_title_with_dashes_or_from_the_link_to_the_organisation() {
    let record = |extra: Vec<T>| {
        let mut children = extra;
        children.push(E("h1", vec![], vec![X("Hudson – Main")]));
        children.push(row("Help Desk Plan", vec![X("Hourly")]));
        E("body", vec![], children)
    };
    let by_title = read_page(
        URL,
        "Hudson – Main - Site Summary - Hudson Law Group PC - IT Glue",
        record(vec![]),
    )
    .unwrap();
    assert_eq!(
        by_title.organization.as_deref(),
        Some("Hudson Law Group PC")
    );

    let link = E(
        "a",
        vec![("href", "/2843117")],
        vec![X("Hudson Law Group PC")],
    );
    let by_link = read_page(
        URL,
        "Site Summary",
        record(vec![E("nav", vec![], vec![link])]),
    )
    .unwrap();
    assert_eq!(by_link.organization.as_deref(), Some("Hudson Law Group PC"));

    // With neither, the organisation is unreadable, never a guess.
    let neither = read_page(URL, "Site Summary", record(vec![])).unwrap();
    assert_eq!(neither.organization, None);
    assert!(neither
        .unreadable_fields
        .contains(&"organization".to_string()));
}

/// Contact chips drawn as a name and an email in elements that touch ("Jane Roe" and
/// "jane@acme.com" with no space between them in the markup): each chip is one person.
#[test]
fn contact_chips_whose_name_and_email_touch_are_read_apart() {
    let chip = |name: &'static str, email: &'static str| {
        E(
            "div",
            vec![("class", "chip")],
            vec![
                E("span", vec![], vec![X(name)]),
                E("span", vec![], vec![X(email)]),
            ],
        )
    };
    let page = read_page(
        URL,
        "Acme Dental – Main Office | Site Summary | Acme Dental LLC | IT Glue",
        E(
            "body",
            vec![],
            vec![
                row("Help Desk Plan", vec![X("Per-Device (Onboarded)")]),
                row(
                    "Primary Authorization Contact",
                    vec![chip("Jane Roe", "jane@acme.com")],
                ),
                row(
                    "Technical Contact(s)",
                    vec![
                        chip("Tom Front", "tom@acme.com"),
                        chip("Raj Patel", "raj@acme.com"),
                    ],
                ),
            ],
        ),
    )
    .expect("a site summary");
    let people: Vec<(&str, Option<&str>)> = page
        .authorization_contacts
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| (c.name.as_str(), c.email.as_deref()))
        .collect();
    assert_eq!(
        people,
        vec![
            ("Jane Roe", Some("jane@acme.com")),
            ("Tom Front", Some("tom@acme.com")),
            ("Raj Patel", Some("raj@acme.com")),
        ]
    );
}

/// The record's edit form: the plan is the option chosen in its picker, and a contact tag's
/// remove button ("×") is not part of the name.
#[test]
fn the_edit_form_gives_the_chosen_plan_and_tags_without_their_remove_buttons() {
    let tag = |name: &'static str, email: &'static str| {
        E(
            "span",
            vec![("class", "tag")],
            vec![
                X(name),
                E("small", vec![], vec![X(email)]),
                E("button", vec![("aria-label", "remove")], vec![X("×")]),
            ],
        )
    };
    let group = |label: &'static str, value: Vec<T>| {
        E(
            "div",
            vec![],
            vec![E("label", vec![], vec![X(label)]), E("div", vec![], value)],
        )
    };
    let page = read_page(
        "https://ggit.itglue.com/2843117/assets/61234-site-summary/records/1/edit",
        "Edit Site Summary - Acme Dental LLC - IT Glue",
        E(
            "body",
            vec![],
            vec![E(
                "form",
                vec![],
                vec![
                    E(
                        "div",
                        vec![],
                        vec![
                            E("label", vec![("for", "plan")], vec![X("Help Desk Plan")]),
                            V("select", vec![("id", "plan")], "Per-Device (Onboarded)"),
                        ],
                    ),
                    group(
                        "Primary Authorization Contact",
                        vec![tag("Jane Roe", "jane@acme.com")],
                    ),
                ],
            )],
        ),
    )
    .expect("a site summary");
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].name, "Jane Roe");
    assert_eq!(contacts[0].email.as_deref(), Some("jane@acme.com"));
}

/// A contact shown by name only, its address in the link's tooltip (shown on hover), gives
/// that address; a tooltip without an address gives none.
#[test]
fn a_contact_s_address_in_its_link_s_tooltip_is_its_email() {
    let linked = |name: &'static str, title: &'static str| {
        E(
            "ul",
            vec![],
            vec![E(
                "li",
                vec![],
                vec![E(
                    "a",
                    vec![("href", "/contacts/1"), ("title", title)],
                    vec![X(name)],
                )],
            )],
        )
    };
    let page = read_page(
        URL,
        "Main Office | Site Summary | Hudson Law Group PC | IT Glue",
        hudson_record(vec![
            row("Help Desk Plan", vec![X("Hourly")]),
            row(
                "Primary Authorization Contact",
                vec![linked("Ada Hudson", "ada@hudsonlaw.com")],
            ),
            row(
                "Technical Contact(s)",
                vec![linked("Ben Clerk", "Open the contact")],
            ),
        ]),
    )
    .unwrap();
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].name, "Ada Hudson");
    assert_eq!(contacts[0].email.as_deref(), Some("ada@hudsonlaw.com"));
    assert_eq!(contacts[1].name, "Ben Clerk");
    assert_eq!(contacts[1].email, None);
}

/// The record open in its edit form: each value a box inside its value element. The plan is
/// the box's value (it read as "unknown": the element around the box shows no text).
#[test]
fn a_record_in_its_edit_form_reads_the_plan_from_the_box_under_its_label() {
    let boxed = |value: &'static str| vec![V("input", vec![("type", "text")], value)];
    let page = read_page(
        URL,
        "",
        hudson_record(vec![
            row("Help Desk Plan", boxed("Per-Device (Onboarded)")),
            row(
                "Primary Authorization Contact",
                vec![tag("Ann Lee", "ann@hudsonlaw.com")],
            ),
        ]),
    )
    .unwrap();
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

fn read_html(src: &str) -> Option<SiteSummaryPage> {
    let dom = Dom::from_json(&crate::dom::build::html(URL, src)).unwrap();
    match crate::read(&dom)?.page {
        Some(Page::ItGlueSiteSummary(page)) => Some(page),
        other => panic!("not a site summary: {other:?}"),
    }
}

/// A record's fields drawn as rows of a grid, each a "columnheader" with its value in a
/// "cell" beside it: the heading heads its row, so it is the field's label (the record read
/// as no page at all).
#[test]
fn fields_drawn_as_grid_rows_of_a_heading_and_its_value_are_read() {
    let row = |label: &str, value: &str| {
        format!(
            r#"<div role="table"><div role="row"><div role="columnheader">{label}</div><div role="cell">{value}</div></div></div>"#
        )
    };
    let page = read_html(&format!(
        r#"<body><aside aria-label="Organization"><p>Acme Dental LLC</p></aside>
        <section aria-label="Site Summary"><h2>Site Summary</h2>{}{}</section></body>"#,
        row("Help Desk Plan", "Per-Device (Onboarded)"),
        row(
            "Purchasing Contact(s)",
            r#"<a href="/c/1">Jane Roe</a> <span>jane@acmedental.com</span>"#
        ),
    ))
    .expect("a site summary");
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    let contacts = page.authorization_contacts.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].email.as_deref(), Some("jane@acmedental.com"));
    assert_eq!(contacts[0].authority, [Authority::Purchasing]);
}

/// A Site Summary record (so its address says) whose fields procguard finds none of is a
/// page with its plan and contacts unreadable, shown as such, not a page procguard ignores.
#[test]
fn a_site_summary_record_with_no_field_found_is_unreadable_not_ignored() {
    let page = read_html(
        r#"<body><aside aria-label="Organization"><p>Acme Dental LLC</p></aside>
        <h1>Acme Dental – Main Office</h1><section><h2>Site Summary</h2>
        <div><span>Support tier</span><span>Gold</span></div></section></body>"#,
    )
    .expect("a site summary");
    assert_eq!(page.help_desk_plan, None);
    assert_eq!(
        page.unreadable_fields,
        ["help_desk_plan", "authorization_contacts"]
    );
}

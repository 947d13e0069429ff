//! Variant layouts of the New User page: the UPN column elsewhere, status lights shown,
//! a whole UPN in one box, a service not purchased ticked.

use procguard_core::model::{McamNewUserPage, Page, StatusLight};

use super::status_in_words;
use crate::dom::build::{snapshot, T, T::*};
use crate::dom::Dom;
use crate::Reading;

const URL: &str =
    "https://mcsm.mission-control.example/ServiceManagement/Users/NewUser.aspx?acct=X";

fn read(url: &str, body: T) -> Option<(Reading, McamNewUserPage)> {
    let dom = Dom::from_json(&snapshot(url, body)).unwrap();
    let reading = crate::read(&dom)?;
    match reading.page.clone() {
        Some(Page::McamNewUser(page)) => Some((reading, page)),
        other => panic!("not an MCAM page: {other:?}"),
    }
}

/// The New User page a page written as HTML reads as (`dom::build::html`).
fn read_html(src: &str) -> McamNewUserPage {
    let dom = Dom::from_json(&crate::dom::build::html(URL, src)).unwrap();
    match crate::read(&dom).and_then(|r| r.page) {
        Some(Page::McamNewUser(page)) => page,
        other => panic!("not an MCAM page: {other:?}"),
    }
}

/// Managed Exchange ticked, and it and Email Archiving purchased.
fn exchange_chosen_of_two_purchased(page: &McamNewUserPage) {
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert_eq!(
        page.purchased_services,
        Some(vec![
            "Managed Exchange".to_string(),
            "Email Archiving".to_string()
        ])
    );
}

fn th(text: &'static str) -> T {
    E("th", vec![], vec![X(text)])
}

fn td(children: Vec<T>) -> T {
    E("td", vec![], children)
}

/// A form row: `label` in one cell, `cells` in the next.
fn form_row(label: T, cells: Vec<T>) -> T {
    E("tr", vec![], vec![td(vec![label]), td(cells)])
}

/// The UPN's prefix box, "@" and its domain's picker.
fn upn_cells(prefix: &'static str, domain: &'static str) -> Vec<T> {
    vec![
        V("input", vec![("id", "upn"), ("type", "text")], prefix),
        X(" @ "),
        V("select", vec![("aria-label", "UPN domain")], domain),
    ]
}

fn upn_label() -> T {
    E("label", vec![("for", "upn")], vec![X("UPN *")])
}

fn upn_row(prefix: &'static str, domain: &'static str) -> T {
    form_row(upn_label(), upn_cells(prefix, domain))
}

/// Users table with the UPN column last, after the account's services.
fn users() -> T {
    E(
        "table",
        vec![],
        vec![
            E(
                "tr",
                vec![],
                vec![
                    th("Display Name"),
                    th("Services"),
                    th("User Principal Name"),
                ],
            ),
            E(
                "tr",
                vec![],
                vec![
                    td(vec![X("Ada Hudson")]),
                    td(vec![X("Managed Exchange")]),
                    td(vec![X("ada@hudsonlaw.com")]),
                ],
            ),
            E(
                "tr",
                vec![],
                vec![
                    td(vec![X("Front Desk")]),
                    td(vec![]),
                    td(vec![E("a", vec![], vec![X("FrontDesk@HudsonLaw.com")])]),
                ],
            ),
        ],
    )
}

fn service_row(name: &'static str, status: Vec<T>, checked: bool, disabled: bool) -> T {
    let mut attrs = vec![("type", "checkbox")];
    if disabled {
        attrs.push(("disabled", ""));
    }
    E(
        "tr",
        vec![],
        vec![td(vec![X(name)]), td(status), td(vec![C(attrs, checked)])],
    )
}

#[test]
fn the_upn_column_is_found_by_its_header_and_the_domain_is_the_selected_option() {
    let (reading, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E(
                    "div",
                    vec![],
                    vec![
                        X("Account: "),
                        E("span", vec![], vec![X("Hudson Law Group PC")]),
                        X(" ("),
                        E("span", vec![], vec![X("HUD0007")]),
                        X(")"),
                    ],
                ),
                E("h1", vec![], vec![X("New User")]),
                users(),
                E("table", vec![], vec![upn_row("frontdesk", "hudsonlaw.com")]),
                E(
                    "table",
                    vec![],
                    vec![
                        E(
                            "tr",
                            vec![],
                            vec![th("Service"), th("Status"), th("Provision")],
                        ),
                        service_row("Managed Exchange", vec![X("Purchased")], true, false),
                        service_row(
                            "Hosted SharePoint",
                            vec![X("Not purchased — buy in MCAM")],
                            false,
                            true,
                        ),
                    ],
                ),
                V("input", vec![("type", "submit")], "Provision"),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.account.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.upn.as_deref(), Some("frontdesk@hudsonlaw.com"));
    assert_eq!(
        page.existing_upns,
        Some(vec![
            "ada@hudsonlaw.com".to_string(),
            "FrontDesk@HudsonLaw.com".to_string()
        ])
    );
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert_eq!(
        page.purchased_services,
        Some(vec!["Managed Exchange".to_string()])
    );
    assert_eq!(page.service_statuses, None);
    assert_eq!(reading.hold_targets.len(), 1);
    assert!(reading.anchor_for("upn", None).is_some());
    assert!(reading.anchor_for("service", None).is_some());
}

#[test]
fn status_lights_in_the_service_rows_give_the_statuses() {
    let light = |class: &'static str, title: &'static str| {
        E("span", vec![("class", class), ("title", title)], vec![])
    };
    let (_, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E("h1", vec![], vec![X("New User")]),
                E("table", vec![], vec![upn_row("raj", "acmedental.com")]),
                E(
                    "table",
                    vec![],
                    vec![
                        E(
                            "tr",
                            vec![],
                            vec![th("Provision"), th("Service"), th("Status")],
                        ),
                        E(
                            "tr",
                            vec![],
                            vec![
                                td(vec![C(vec![("type", "checkbox")], true)]),
                                td(vec![X("Managed Exchange")]),
                                td(vec![
                                    light("light red", "Error while provisioning"),
                                    X("Purchased"),
                                ]),
                            ],
                        ),
                        E(
                            "tr",
                            vec![],
                            vec![
                                td(vec![C(vec![("type", "checkbox")], false)]),
                                td(vec![X("Email Archiving")]),
                                td(vec![light("status-light green", ""), X("Purchased")]),
                            ],
                        ),
                        E(
                            "tr",
                            vec![],
                            vec![
                                td(vec![C(vec![("type", "checkbox")], false)]),
                                td(vec![X("BlackBerry Services")]),
                                td(vec![light("light", ""), X("Purchased")]),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    let statuses = page.service_statuses.unwrap();
    assert_eq!(statuses.len(), 3);
    assert_eq!(statuses[0].service.as_deref(), Some("Managed Exchange"));
    assert_eq!(statuses[0].status, Some(StatusLight::Red));
    assert_eq!(statuses[1].status, Some(StatusLight::Green));
    assert_eq!(statuses[2].status, None);
    // The account is shown nowhere: unreadable, not silently null.
    assert_eq!(page.account, None);
    assert_eq!(
        page.unreadable_fields,
        vec![
            "account".to_string(),
            "service_statuses[2].status".to_string()
        ]
    );
}

#[test]
fn a_ticked_service_that_is_not_purchased_is_the_one_reported() {
    let (_, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E("h1", vec![], vec![X("New User")]),
                E(
                    "dl",
                    vec![],
                    vec![
                        E("dt", vec![], vec![X("Account")]),
                        E("dd", vec![], vec![X("Acme Dental LLC")]),
                    ],
                ),
                E(
                    "div",
                    vec![],
                    vec![
                        E("label", vec![("for", "u")], vec![X("User Principal Name")]),
                        V(
                            "input",
                            vec![("id", "u"), ("type", "text")],
                            "Raj@AcmeDental.com",
                        ),
                    ],
                ),
                E(
                    "table",
                    vec![],
                    vec![
                        E("tr", vec![], vec![th("Service"), th("Provision")]),
                        service_row("Managed Exchange", vec![], true, false),
                        service_row("Hosted SharePoint", vec![], true, false),
                    ],
                ),
                E(
                    "table",
                    vec![],
                    vec![E(
                        "tr",
                        vec![],
                        vec![th("Service"), th("Status"), th("Provision")],
                    )],
                ),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.upn.as_deref(), Some("Raj@AcmeDental.com"));
    // Without a status column, an enabled checkbox means purchased: both are, so the first.
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert_eq!(page.existing_upns, None);
}

#[test]
fn other_mcsm_pages_are_not_read() {
    let json = snapshot(
        "https://mcsm.mission-control.example/ServiceManagement/Users/AllUsers.aspx",
        E(
            "body",
            vec![],
            vec![E("h1", vec![], vec![X("All Users")]), users()],
        ),
    );
    assert!(crate::read(&Dom::from_json(&json).unwrap()).is_none());
}

#[test]
fn legend_words_map_to_lights() {
    assert_eq!(status_in_words("Not provisioned"), Some(StatusLight::Grey));
    assert_eq!(
        status_in_words("Error while provisioning"),
        Some(StatusLight::Red)
    );
    assert_eq!(
        status_in_words("Currently provisioning"),
        Some(StatusLight::Orange)
    );
    assert_eq!(
        status_in_words("Provisioned successfully"),
        Some(StatusLight::Green)
    );
    assert_eq!(status_in_words("amber"), Some(StatusLight::Orange));
    assert_eq!(status_in_words("whatever"), None);
}

#[test]
fn provisioning_words_in_the_status_column_are_a_status_list() {
    let (_, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E("h1", vec![], vec![X("New User")]),
                E(
                    "div",
                    vec![],
                    vec![X("Account: Acme Dental LLC (ACME0042)")],
                ),
                E(
                    "table",
                    vec![],
                    vec![
                        E("tr", vec![], vec![th("Service"), th("Status")]),
                        E(
                            "tr",
                            vec![],
                            vec![
                                td(vec![X("Managed Exchange")]),
                                td(vec![X("Error while provisioning")]),
                            ],
                        ),
                        E(
                            "tr",
                            vec![],
                            vec![
                                td(vec![X("Email Archiving")]),
                                td(vec![E(
                                    "span",
                                    vec![("class", "badge status-orange")],
                                    vec![X("Queued")],
                                )]),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    let statuses = page.service_statuses.unwrap();
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0].status, Some(StatusLight::Red));
    assert_eq!(statuses[1].service.as_deref(), Some("Email Archiving"));
    assert_eq!(statuses[1].status, Some(StatusLight::Orange));
}

#[test]
fn an_aria_grid_of_users_and_a_fixed_domain_text_are_read() {
    let cell = |role: &'static str, t: &'static str| E("div", vec![("role", role)], vec![X(t)]);
    let (_, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E("h1", vec![], vec![X("New User")]),
                E("div", vec![], vec![X("Customer: Brightside Bakery")]),
                E(
                    "div",
                    vec![],
                    vec![
                        E("label", vec![("for", "p")], vec![X("UPN")]),
                        V("input", vec![("id", "p"), ("type", "text")], "sam"),
                        E("span", vec![], vec![X("@brightsidebakery.com")]),
                    ],
                ),
                E(
                    "div",
                    vec![("role", "grid")],
                    vec![
                        E(
                            "div",
                            vec![("role", "row")],
                            vec![
                                cell("columnheader", "Email Address"),
                                cell("columnheader", "Name"),
                            ],
                        ),
                        E(
                            "div",
                            vec![("role", "row")],
                            vec![
                                cell("gridcell", "sam@brightsidebakery.com"),
                                cell("gridcell", "Sam Baker"),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    assert_eq!(page.account.as_deref(), Some("Brightside Bakery"));
    assert_eq!(page.upn.as_deref(), Some("sam@brightsidebakery.com"));
    assert_eq!(
        page.existing_upns,
        Some(vec!["sam@brightsidebakery.com".to_string()])
    );
}

#[test]
fn an_account_code_in_a_block_of_its_own_is_left_out_of_the_name() {
    // "Account: <div>Name</div> (<div>CODE</div>)": block elements read with spaces around,
    // "Acme Dental LLC ( ACME0042 )"; the code is still the code.
    let account = E(
        "div",
        vec![],
        vec![
            X("Account: "),
            E("div", vec![], vec![X("Acme Dental LLC")]),
            X(" ("),
            E("div", vec![], vec![X("ACME0042")]),
            X(")"),
        ],
    );
    let form = E("table", vec![], vec![upn_row("raj", "acmedental.com")]);
    let (_, page) = read(URL, new_user_page(account, form)).unwrap();
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
}

/// The New User page: the account line, the account's users, the form and its button.
fn new_user_page(account: T, form: T) -> T {
    E(
        "body",
        vec![],
        vec![
            account,
            E("h1", vec![], vec![X("New User")]),
            users(),
            form,
            V("input", vec![("type", "submit")], "Provision"),
        ],
    )
}

#[test]
fn a_upn_box_under_a_reworded_label_naming_the_upn_is_read_not_the_users_column() {
    let page_with = |label: &'static str| {
        let account = E(
            "div",
            vec![],
            vec![
                X("Account: "),
                E("span", vec![], vec![X("Hudson Law Group PC")]),
            ],
        );
        let form = E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", "upn")], vec![X(label)]),
                V("input", vec![("id", "upn"), ("type", "text")], "frontdesk"),
                X(" @ "),
                V("select", vec![("aria-label", "Domain")], "hudsonlaw.com"),
            ],
        );
        new_user_page(account, form)
    };
    for label in [
        "Username (UPN) *",
        "Email / UPN",
        "User principal name of the new user",
        "User Name *",
        "Username",
        "Sign-in name *",
    ] {
        let (reading, page) = read(URL, page_with(label)).unwrap();
        assert_eq!(
            page.upn.as_deref(),
            Some("frontdesk@hudsonlaw.com"),
            "{label}"
        );
        assert!(reading.anchor_for("upn", None).is_some(), "{label}");
    }
}

/// The UPN's label with its text wrapped in an inner element, as old markup (`<font>`) and
/// component libraries (`<span class="label-text">`) draw it, in a form laid out as a table.
fn wrapped_upn_row(wrapper: &'static str) -> T {
    let label = E(
        "label",
        vec![("for", "upn")],
        vec![E(wrapper, vec![], vec![X("UPN *")])],
    );
    form_row(label, upn_cells("raj", "acmedental.com"))
}

#[test]
fn a_label_whose_text_is_wrapped_in_an_inner_element_still_names_the_box_its_for_points_to() {
    for wrapper in ["font", "span", "strong"] {
        let account = E("div", vec![], vec![X("Account: Acme Dental LLC")]);
        let form = E("table", vec![], vec![wrapped_upn_row(wrapper)]);
        let (reading, page) = read(URL, new_user_page(account, form)).unwrap();
        assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"), "{wrapper}");
        assert!(reading.anchor_for("upn", None).is_some(), "{wrapper}");
        assert_eq!(page.unreadable_fields, Vec::<String>::new(), "{wrapper}");
    }
}

/// An ASP.NET grid without accessible headers: its headings are the first row's plain cells.
fn users_with_plain_headings(headings: [&'static str; 2]) -> T {
    let row =
        |a: &'static str, b: &'static str| E("tr", vec![], vec![td(vec![X(a)]), td(vec![X(b)])]);
    E(
        "table",
        vec![],
        vec![
            row(headings[0], headings[1]),
            row("Ada Hudson", "ada@hudsonlaw.com"),
            row("Front Desk", "frontdesk@hudsonlaw.com"),
        ],
    )
}

/// The users read from a page with a users table whose first row is `first_row`.
fn users_read_under(first_row: [&'static str; 2]) -> Option<Vec<String>> {
    let account = E("div", vec![], vec![X("Account: Hudson Law Group PC")]);
    let body = E(
        "body",
        vec![],
        vec![
            account,
            users_with_plain_headings(first_row),
            E("table", vec![], vec![upn_row("sam", "hudsonlaw.com")]),
        ],
    );
    read(URL, body).unwrap().1.existing_upns
}

#[test]
fn a_table_whose_headings_are_plain_cells_is_read_by_those_headings() {
    assert_eq!(
        users_read_under(["Display Name", "UPN"]),
        Some(vec![
            "ada@hudsonlaw.com".to_string(),
            "frontdesk@hudsonlaw.com".to_string()
        ])
    );
}

#[test]
fn a_table_without_headings_is_not_read_as_if_its_first_line_named_the_columns() {
    // Its first row holds an address, so it is a line, not a row of headings: no column is
    // called "UPN", and the users are not read from it.
    assert_eq!(users_read_under(["UPN", "upn@hudsonlaw.com"]), None);
}

/// A form row with the UPN's label and `cells`, then a row with the display name's box.
fn upn_form(cells: Vec<T>) -> T {
    let display_name = E("label", vec![("for", "dn")], vec![X("Display Name")]);
    let name_box = V("input", vec![("id", "dn"), ("type", "text")], "Sam Hudson");
    E(
        "table",
        vec![],
        vec![
            form_row(upn_label(), cells),
            form_row(display_name, vec![name_box]),
        ],
    )
}

#[test]
fn a_domain_shown_as_fixed_text_after_the_box_is_the_upns_domain_not_the_next_rows_box() {
    // An account with one domain: MCAM shows it as text, not a picker.
    let account = E("div", vec![], vec![X("Account: Hudson Law Group PC")]);
    let form = upn_form(vec![
        V("input", vec![("id", "upn"), ("type", "text")], "sam"),
        X(" @ hudsonlaw.com"),
    ]);
    let (_, page) = read(URL, new_user_page(account, form)).unwrap();
    assert_eq!(page.upn.as_deref(), Some("sam@hudsonlaw.com"));
    assert_eq!(page.unreadable_fields, Vec::<String>::new());
}

#[test]
fn a_domain_picker_nearest_the_upn_label_is_never_taken_for_the_prefix() {
    // The prefix is shown as text and only the domain is a control: procguard cannot tell
    // the prefix's box, so the UPN is unreadable, not "hudsonlaw.com@hudsonlaw.com".
    let account = E("div", vec![], vec![X("Account: Hudson Law Group PC")]);
    let form = upn_form(vec![
        E("span", vec![], vec![X("sam")]),
        X(" @ "),
        V(
            "select",
            vec![("aria-label", "UPN domain")],
            "hudsonlaw.com",
        ),
    ]);
    let (_, page) = read(URL, new_user_page(account, form)).unwrap();
    assert_eq!(page.upn, None);
    assert_eq!(page.unreadable_fields, vec!["upn".to_string()]);
}

#[test]
fn services_drawn_as_a_list_of_ticks_under_their_heading_are_read() {
    let service = |name: &'static str, checked: bool, disabled: bool, badge: &'static str| {
        let mut attrs = vec![("type", "checkbox")];
        if disabled {
            attrs.push(("disabled", ""));
        }
        E(
            "li",
            vec![],
            vec![
                E("label", vec![], vec![C(attrs, checked), X(name)]),
                E("span", vec![], vec![X(badge)]),
            ],
        )
    };
    let services = E(
        "ul",
        vec![],
        vec![
            service("Managed Exchange", false, false, "Purchased"),
            service("Hosted SharePoint", true, true, "Not purchased"),
            service("Email Archiving", false, false, "Purchased"),
        ],
    );
    let account = E("div", vec![], vec![X("Account: Hudson Law Group PC")]);
    let body = E(
        "body",
        vec![],
        vec![
            account,
            E("table", vec![], vec![upn_row("sam", "hudsonlaw.com")]),
            E("h2", vec![], vec![X("Services")]),
            services,
            V("input", vec![("type", "submit")], "Provision"),
            E("h2", vec![], vec![X("Existing users")]),
            users(),
        ],
    );
    let (reading, page) = read(URL, body).unwrap();
    assert_eq!(page.service.as_deref(), Some("Hosted SharePoint"));
    assert_eq!(
        page.purchased_services,
        Some(vec![
            "Managed Exchange".to_string(),
            "Email Archiving".to_string()
        ])
    );
    assert!(reading.anchor_for("service", None).is_some());
}

/// A header bar "Account: Acme Dental LLC (ACME0042)" in elements of their own, straight in
/// the page's body above the form: the account is the name beside the label, not the form's
/// first box; the account's users drawn as a list under their heading are its UPNs.
#[test]
fn a_header_account_beside_a_later_form_and_users_listed_without_a_table_are_read() {
    let (_, page) = read(
        URL,
        E(
            "body",
            vec![],
            vec![
                E("span", vec![], vec![X("Account:")]),
                E("b", vec![], vec![X("Acme Dental LLC")]),
                E("span", vec![], vec![X("(ACME0042)")]),
                E("h1", vec![], vec![X("New User")]),
                E(
                    "div",
                    vec![],
                    vec![
                        E("span", vec![], vec![X("First Name *")]),
                        V("input", vec![("aria-label", "First Name")], "Raj"),
                    ],
                ),
                E(
                    "div",
                    vec![],
                    vec![
                        E("span", vec![], vec![X("UPN *")]),
                        V("input", vec![("aria-label", "UPN prefix")], "raj"),
                        X(" @ "),
                        V(
                            "select",
                            vec![("aria-label", "UPN domain")],
                            "acmedental.com",
                        ),
                    ],
                ),
                E("h2", vec![], vec![X("Users on this account (2)")]),
                E(
                    "ul",
                    vec![],
                    vec![
                        E("li", vec![], vec![X("Jane Roe — jane@acmedental.com")]),
                        E("li", vec![], vec![X("Raj Patel — raj@acmedental.com")]),
                    ],
                ),
            ],
        ),
    )
    .expect("a new-user page");
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"));
    assert_eq!(
        page.existing_upns,
        Some(vec![
            "jane@acmedental.com".to_string(),
            "raj@acmedental.com".to_string()
        ])
    );
}

#[test]
fn an_account_code_in_round_or_square_brackets_is_not_part_of_the_name() {
    for (shown, name) in [
        ("Acme Dental LLC (ACME0042)", "Acme Dental LLC"),
        ("Hudson Law Group PC [HUDS0007]", "Hudson Law Group PC"),
        ("Acme Dental LLC ( ACME0042 )", "Acme Dental LLC"),
        ("Smith [and Sons]", "Smith [and Sons]"),
        ("Acme (Dental)", "Acme (Dental)"),
    ] {
        assert_eq!(super::without_code(shown), name, "{shown}");
    }
}

/// A review step shows the new user as text: the UPN (a whole address) and the service
/// after their labels. Text that is no address is not taken for the UPN.
#[test]
fn a_review_step_showing_the_upn_and_service_as_text_reads_them() {
    let page = read_html(
        r#"<body><h1>New User — Review</h1><dl><dt>Account</dt><dd>Acme Dental LLC</dd>
        <dt>User Principal Name</dt><dd>raj@acmedental.com</dd>
        <dt>Service</dt><dd>Managed Exchange</dd></dl><button>Create User</button></body>"#,
    );
    assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"));
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert!(page.unreadable_fields.is_empty());
    // The list of the new user's details is no table of existing users.
    assert_eq!(page.existing_upns, None, "{page:?}");
    let page = read_html(
        r#"<body><h1>New User</h1><dl><dt>Account</dt><dd>Acme Dental LLC</dd>
        <dt>User Principal Name</dt><dd>Type the user's sign-in name</dd></dl></body>"#,
    );
    assert_eq!(page.upn, None);
    assert_eq!(page.unreadable_fields, ["upn"]);
}

/// A page whose grids are drawn as plain blocks, with no table roles: the users are the rows
/// that each show one address after a header row, and the services are the ticks' rows, named
/// by the row's words, not by the tick's "Provision …" label; a Service heading cell there is
/// not a review step's "Service: …" (the page has ticks).
#[test]
fn grids_drawn_as_plain_blocks_give_the_users_and_the_ticked_service() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">User Principal Name</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Services</h2>
        <div><div><div>Provision</div><div>Service</div><div>Status</div></div>
        <div><div><input type="checkbox" checked aria-label="Provision Managed Exchange"></div><div>Managed Exchange</div><div>Purchased</div></div>
        <div><div><input type="checkbox" disabled aria-label="Provision Hosted SharePoint"></div><div>Hosted SharePoint</div><div>Not purchased</div></div></div>
        <h2>Users on this account (2)</h2>
        <div><div><div>Display Name</div><div>UPN</div></div>
        <div><div>Jane Roe</div><div>jane@acmedental.com</div></div>
        <div><div>Raj Patel</div><div>raj@acmedental.com</div></div></div>
        <button>Provision</button></body>"#,
    );
    assert_eq!(
        page.existing_upns,
        Some(vec![
            "jane@acmedental.com".to_string(),
            "raj@acmedental.com".to_string()
        ])
    );
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert_eq!(
        page.purchased_services,
        Some(vec!["Managed Exchange".to_string()])
    );
}

/// A data grid that leads each row with a tick selecting the row for bulk actions: the
/// service ticked is the one whose provision tick is ticked, not the (unticked) selection.
#[test]
fn a_row_selection_tick_before_the_provision_tick_is_not_the_service_choice() {
    for select in [r#"aria-label="Select row""#, ""] {
        let page = read_html(&format!(
            r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">User Principal Name</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Services</h2><table>
        <tr><th><input type="checkbox" aria-label="Select all"></th><th>Provision</th><th>Service</th><th>Status</th></tr>
        <tr><td><input type="checkbox" {select}></td><td><input type="checkbox" checked aria-label="Provision Managed Exchange"></td><td>Managed Exchange</td><td>Purchased</td></tr>
        <tr><td><input type="checkbox" {select}></td><td><input type="checkbox" aria-label="Provision Email Archiving"></td><td>Email Archiving</td><td>Purchased</td></tr>
        </table><button>Provision</button></body>"#
        ));
        assert_eq!(
            page.service.as_deref(),
            Some("Managed Exchange"),
            "{select}"
        );
        assert_eq!(
            page.purchased_services,
            Some(vec![
                "Managed Exchange".to_string(),
                "Email Archiving".to_string()
            ])
        );
    }
}

/// A compact form whose UPN box has no label shown, only its own `aria-label` ("UPN *"), and
/// services and users tables stacked into cards, each cell starting with its column's
/// heading: the UPN is the box's prefix at the domain picked (not unreadable for the users'
/// "UPN" cells), the services are named without the heading.
#[test]
fn a_upn_box_named_by_aria_label_and_cells_repeating_their_heading_are_read() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><input aria-label="UPN *" value="raj"> @ <select aria-label="UPN domain"><option>acmedental.onmicrosoft.com</option><option selected>acmedental.com</option></select></div>
        <h2>Services</h2><table>
        <tr><th>Provision</th><th>Service</th><th>Status</th></tr>
        <tr><td><span>Provision</span> <input type="checkbox" checked aria-label="Provision Managed Exchange"></td><td><span>Service</span> Managed Exchange</td><td><span>Status</span> Purchased</td></tr>
        <tr><td><span>Provision</span> <input type="checkbox" disabled aria-label="Provision Hosted SharePoint"></td><td><span>Service</span> Hosted SharePoint</td><td><span>Status</span> Not purchased</td></tr>
        </table><button>Provision</button>
        <h2>Users on this account</h2><table>
        <tr><th>Name</th><th>UPN</th></tr>
        <tr><td><span>Name</span> Jane Roe</td><td><span>UPN</span> jane@acmedental.com</td></tr>
        </table></body>"#,
    );
    // (A users table stacked into cards shows "UPN" before each address: no label of the box.)
    assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"));
    assert_eq!(page.service.as_deref(), Some("Managed Exchange"));
    assert_eq!(
        page.purchased_services,
        Some(vec!["Managed Exchange".to_string()])
    );
}

/// A users grid drawn as plain blocks has a heading "UPN" that is no label (not a `<th>`),
/// and the form's label says more ("UPN * (opens a list)"): the box the label names is the
/// UPN's (it read as unreadable).
#[test]
fn a_upn_label_that_says_more_names_the_box_beside_a_users_grid_of_plain_blocks() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><div><div><label for="upn">UPN<br>*<span>(opens a list)</span></label></div><div><input id="upn" value="raj"> @ <select aria-label="UPN domain"><option>acmedental.onmicrosoft.com</option><option selected>acmedental.com</option></select></div></div>
        <div><div><label for="dept">Department</label></div><div><input id="dept" value="Clinical"></div></div></div>
        <button>Provision</button>
        <h2>Users on this account</h2>
        <div><div><div>Display Name</div><div>UPN</div><div>Services</div></div>
        <div><div>Jane Roe</div><div>jane@acmedental.com</div><div>Managed Exchange</div></div></div></body>"#,
    );
    assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"));
}

/// Ticks and a level's radio buttons drawn as ARIA blocks (`role="checkbox"`, `role="radio"`
/// with `aria-checked`): the ticked service is read, named without its levels' labels (it
/// read as "Managed Exchange Managed Exchange - PC & Web Access Standard Mail (POPX)").
#[test]
fn aria_ticks_and_level_radios_give_the_service_named_alone() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">User Principal Name</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Services</h2><table>
        <tr><th>Provision</th><th>Service</th><th>Status</th></tr>
        <tr><td><span role="checkbox" tabindex="0" aria-checked="true" aria-label="Provision Managed Exchange"></span></td>
        <td>Managed Exchange <div><label><span role="radio" aria-checked="true"></span> Managed Exchange - PC &amp; Web Access</label>
        <label><span role="radio" aria-checked="false"></span> Standard Mail (POPX)</label></div></td><td>Purchased</td></tr>
        <tr><td><span role="checkbox" tabindex="0" aria-checked="false" aria-label="Provision Email Archiving"></span></td><td>Email Archiving</td><td>Purchased</td></tr>
        </table><button>Provision</button></body>"#,
    );
    exchange_chosen_of_two_purchased(&page);
}

/// A services table stacked into cards whose column headings carry a qualifier ("Service
/// (all)") while each card repeats the heading alone ("Service"): the services are named
/// without it (they read as "Service Managed Exchange").
#[test]
fn cells_repeating_a_qualified_heading_give_services_named_without_it() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">UPN</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Services</h2><table>
        <tr><th>Provision <small>(all)</small></th><th>Service <small>(all)</small></th><th>Status <small>(each)</small></th></tr>
        <tr><td><span>Provision</span> <input type="checkbox" checked aria-label="Provision Managed Exchange"></td><td><span>Service</span> Managed Exchange</td><td><span>Status</span> Purchased</td></tr>
        <tr><td><span>Provision</span> <input type="checkbox" aria-label="Provision Email Archiving"></td><td><span>Service</span> Email Archiving</td><td><span>Status</span> Purchased</td></tr>
        </table><button>Provision</button></body>"#,
    );
    exchange_chosen_of_two_purchased(&page);
}

/// A form's labels as spans with a help button inside ("UPN * [?]"), and boxes showing an
/// example address as their placeholder: the UPN is the prefix box's value at the domain
/// picked (it read as unreadable).
#[test]
fn a_span_label_with_a_help_button_names_the_box_whose_placeholder_is_an_example_address() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <table role="presentation">
        <tr><td><span><font>Display Name *</font> <button type="button" aria-label="About this field">?</button></span></td><td><input placeholder="e.g. jane.doe@example.com" value="Raj Patel"></td></tr>
        <tr><td><span><font>UPN *</font> <button type="button" aria-label="About this field">?</button></span></td><td><input placeholder="e.g. jane.doe@example.com" value="raj"> @ <select aria-label="UPN domain"><option>acmedental.onmicrosoft.com</option><option selected>acmedental.com</option></select></td></tr>
        </table><button>Provision</button></body>"#,
    );
    assert_eq!(page.upn.as_deref(), Some("raj@acmedental.com"));
}

/// A New User form whose UPN field procguard cannot find (its label in a column heading, a
/// box named otherwise): the UPN is unreadable, not a form without one (the uniqueness check
/// passed unseen).
#[test]
fn a_new_user_form_without_a_upn_field_found_reports_the_upn_unreadable() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div role="table"><div role="row"><div role="columnheader"><label>UPN *</label></div>
        <div role="cell"><input readonly value="raj"></div></div></div>
        <button>Provision</button></body>"#,
    );
    assert_eq!(page.upn, None);
    assert!(page.unreadable_fields.contains(&"upn".to_string()));
}

/// A users table whose UPN column has a heading procguard does not know ("Login name",
/// "Sign-in") and a "Services" column: its addresses are the existing UPNs, and it is not a
/// table of services (its rows read as service statuses, and its services as purchased).
#[test]
fn a_users_table_under_an_unknown_upn_heading_is_known_by_its_addresses_not_read_as_services() {
    for heading in ["Login name", "Sign-in"] {
        let page = read_html(&format!(
            r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">UPN</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Services</h2><table><tr><th>Provision</th><th>Service</th><th>Status</th></tr>
        <tr><td><input type="checkbox" checked aria-label="Provision Managed Exchange"></td><td>Managed Exchange</td><td>Purchased</td></tr></table>
        <h2>Users</h2><table><tr><th>Display Name</th><th>{heading}</th><th>Services</th></tr>
        <tr><td>Jane Roe</td><td>jane@acmedental.com</td><td><span title="Provisioned successfully"></span>Email Archiving</td></tr>
        <tr><td>Raj Patel</td><td>raj@acmedental.com</td><td><span title="Error while provisioning"></span>Managed Exchange</td></tr></table>
        <button>Provision</button></body>"#
        ));
        assert_eq!(
            page.existing_upns,
            Some(vec![
                "jane@acmedental.com".to_string(),
                "raj@acmedental.com".to_string()
            ]),
            "{heading}"
        );
        assert_eq!(page.service_statuses, None, "{heading}");
        assert_eq!(
            page.purchased_services,
            Some(vec!["Managed Exchange".to_string()]),
            "{heading}"
        );
    }
}

/// A users table whose rows open the user (`<tr role="button">`) is still a table: its
/// addresses are the existing UPNs (none were read, and the uniqueness check passed unseen).
#[test]
fn a_users_table_with_clickable_rows_still_gives_the_existing_upns() {
    let page = read_html(
        r#"<body><div>Account: Acme Dental LLC (ACME0042)</div><h1>New User</h1>
        <div><label for="upn">UPN</label><input id="upn" value="raj@acmedental.com"></div>
        <h2>Users</h2><table><tr><th>Display Name</th><th>UPN</th></tr>
        <tr role="button" tabindex="0"><td>Jane Roe</td><td>jane@acmedental.com</td></tr>
        <tr role="button" tabindex="0"><td>Raj Patel</td><td>raj@acmedental.com</td></tr></table>
        <button>Provision</button></body>"#,
    );
    assert_eq!(
        page.existing_upns,
        Some(vec![
            "jane@acmedental.com".to_string(),
            "raj@acmedental.com".to_string()
        ])
    );
}

//! Variant layouts of the Autotask pages, built as snapshots: fields reordered, labels with
//! `*`, extra fields, two secondary resources, a redesign without Autotask's classes.

use procguard_core::model::{HelpDeskPlan, Page, TicketPage, Visibility};

use crate::dom::build::{snapshot, T, T::*};
use crate::dom::Dom;
use crate::Reading;

const TICKET_URL: &str = "https://ww14.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=1";

/// A classic `.ReadOnlyData` field.
fn field(label: &'static str, value: Vec<T>) -> T {
    E(
        "div",
        vec![("class", "ReadOnlyData QuickEditEnabled")],
        vec![
            E(
                "div",
                vec![("class", "ReadOnlyLabelContainer")],
                vec![E(
                    "div",
                    vec![("class", "LabelContainer1")],
                    vec![E(
                        "div",
                        vec![("class", "Text")],
                        vec![E("span", vec![("class", "PrimaryText")], vec![X(label)])],
                    )],
                )],
            ),
            E(
                "div",
                vec![("class", "ReadOnlyValueContainer")],
                vec![E("div", vec![("class", "Value")], value)],
            ),
        ],
    )
}

fn band(text: &'static str) -> Vec<T> {
    band_drawn(vec![], text)
}

/// A colour band whose left part draws `left` (empty: a coloured block; or a dot glyph).
fn band_drawn(left: Vec<T>, text: &'static str) -> Vec<T> {
    vec![E(
        "div",
        vec![("class", "ColorBand")],
        vec![
            E("div", vec![("class", "Left")], left),
            E("div", vec![("class", "Right")], vec![X(text)]),
        ],
    )]
}

fn resource(
    class: &'static str,
    initials: &'static str,
    name: &'static str,
    role: &'static str,
) -> T {
    E(
        "div",
        vec![("class", class)],
        vec![
            E("div", vec![("class", "Initials")], vec![X(initials)]),
            E(
                "div",
                vec![("class", "Name")],
                vec![E("span", vec![], vec![X(name)])],
            ),
            E("div", vec![("class", "Support")], vec![X(role)]),
        ],
    )
}

fn heading(number: &'static str, title: &'static str) -> T {
    E(
        "div",
        vec![("class", "EntityHeadingContainer")],
        vec![
            E(
                "div",
                vec![],
                vec![E(
                    "span",
                    vec![("class", "IdentificationText")],
                    vec![X(number)],
                )],
            ),
            E(
                "div",
                vec![("class", "Title")],
                vec![E("span", vec![("class", "Text")], vec![X(title)])],
            ),
        ],
    )
}

fn note(publish: &'static str, text: &'static str, at: &'static str) -> T {
    note_with_footer(
        publish,
        text,
        E("span", vec![("class", "Timestamp")], vec![X(at)]),
    )
}

/// A note whose footer is `footer` (its time, drawn some way).
fn note_with_footer(publish: &'static str, text: &'static str, footer: T) -> T {
    E(
        "div",
        vec![
            ("class", "ConversationItem Note"),
            ("data-item-type", "Note"),
        ],
        vec![
            E(
                "div",
                vec![("class", "Type")],
                vec![
                    E("span", vec![], vec![X("Note")]),
                    E("span", vec![("class", "PublishText")], vec![X(publish)]),
                ],
            ),
            E(
                "div",
                vec![("class", "Body")],
                vec![E("div", vec![("class", "NoteText")], vec![X(text)])],
            ),
            E("div", vec![("class", "Footer")], vec![footer]),
        ],
    )
}

fn read(url: &str, body: T) -> Reading {
    let dom = Dom::from_json(&snapshot(url, body)).unwrap();
    crate::read(&dom).expect("a page")
}

fn ticket(reading: &Reading) -> &TicketPage {
    match reading.page.as_ref() {
        Some(Page::AutotaskTicket(page)) => page,
        other => panic!("not a ticket: {other:?}"),
    }
}

fn body(children: Vec<T>) -> T {
    E("body", vec![("class", "EntityDetail")], children)
}

#[test]
fn fields_in_another_order_with_starred_labels_extra_fields_and_two_secondaries_are_read() {
    let reading = read(
        TICKET_URL,
        body(vec![
            E(
                "div",
                vec![("class", "Details")],
                vec![
                    field("Queue *", band("Help Desk")),
                    field(
                        "Primary Resource (Role) *",
                        vec![resource(
                            "PrimaryResource",
                            "MC",
                            "Mission Control",
                            "(Help Desk Vendor)",
                        )],
                    ),
                    field(
                        "Secondary Resources (Role)",
                        vec![
                            resource("ResourceListItem", "ST", "Sam Tech", "(Technician)"),
                            resource("ResourceListItem", "ML", "Matthew Lee", "(Senior Engineer)"),
                        ],
                    ),
                    field("Warranty Expiration", vec![X("2027-01-01")]),
                    field("Status *", band("Returned to MC")),
                    field("Work Type", vec![X("Non-Billable Support")]),
                    field(
                        "Account *",
                        vec![E(
                            "div",
                            vec![("class", "LinkButton2")],
                            vec![X("Acme Dental LLC")],
                        )],
                    ),
                    field("Priority", band("High")),
                    field("Configuration Item", vec![]),
                    field("Source", vec![X("Email")]),
                ],
            ),
            heading("T20261121.0042", "Printer offline"),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0042"));
    assert_eq!(page.title.as_deref(), Some("Printer offline"));
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.status.as_deref(), Some("Returned to MC"));
    assert_eq!(page.priority.as_deref(), Some("High"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
    assert_eq!(page.work_type.as_deref(), Some("Non-Billable Support"));
    assert_eq!(page.source.as_deref(), Some("Email"));
    assert_eq!(page.configuration_item, None);
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
    assert_eq!(
        page.secondary_resources,
        Some(vec!["Sam Tech".to_string(), "Matthew Lee".to_string()])
    );
    assert_eq!(page.escalated_from_vendor, Some(false));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
    for key in [
        "status",
        "queue",
        "primary_resource",
        "secondary_resources",
        "work_type",
        "priority",
        "account",
    ] {
        assert!(reading.anchor_for(key, None).is_some(), "anchor {key}");
    }
}

#[test]
fn a_redesign_without_autotask_classes_is_read_by_labels() {
    // Label then value in rows, a required marker in the label text, resources as a list.
    let row = |label: &'static str, value: Vec<T>| {
        E(
            "div",
            vec![("class", "row")],
            vec![E("span", vec![], vec![X(label)]), E("div", vec![], value)],
        )
    };
    let reading = read(
        TICKET_URL,
        body(vec![
            E("h1", vec![], vec![X("VPN drops every hour")]),
            E("span", vec![], vec![X("T20261121.0050")]),
            row("Status*", vec![X("New")]),
            row(
                "Organization:",
                vec![E("a", vec![], vec![X("Hudson Law Group PC")])],
            ),
            row("Priority", vec![X("Medium")]),
            row(
                "Secondary Resources",
                vec![E(
                    "ul",
                    vec![],
                    vec![
                        E(
                            "li",
                            vec![],
                            vec![
                                E("span", vec![], vec![X("RD")]),
                                E("span", vec![], vec![X("Roberta Diaz")]),
                                E("span", vec![], vec![X("(Administrator)")]),
                            ],
                        ),
                        E("li", vec![], vec![X("Sam Tech (Technician)")]),
                    ],
                )],
            ),
            row("Configuration Item", vec![]),
            row("Queue", vec![X("Tier 2")]),
            row("Primary Resource", vec![X("Sam Tech (Technician)")]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0050"));
    assert_eq!(page.title.as_deref(), Some("VPN drops every hour"));
    assert_eq!(page.status.as_deref(), Some("New"));
    assert_eq!(page.account.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.queue.as_deref(), Some("Tier 2"));
    assert_eq!(page.configuration_item, None);
    assert_eq!(page.primary_resource.as_deref(), Some("Sam Tech"));
    assert_eq!(
        page.secondary_resources,
        Some(vec!["Roberta Diaz".to_string(), "Sam Tech".to_string()])
    );
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

#[test]
fn a_field_left_out_of_the_snapshot_is_null_and_an_empty_status_is_unreadable() {
    // The collapsed Billing section (work type) is not in the snapshot: null, no anchor.
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0007", "Outlook keeps asking for password"),
            field("Status", vec![]),
            field("Secondary Resources (Role)", vec![]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.work_type, None);
    assert_eq!(page.status, None);
    assert_eq!(page.secondary_resources, Some(vec![]));
    assert_eq!(page.unreadable_fields, vec!["status".to_string()]);
    assert!(reading.anchor_for("work_type", None).is_none());
}

#[test]
fn notes_time_entries_and_history_are_told_apart() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            note(
                "All Autotask Users",
                "Fixed, call (347) 308-6455.",
                "11/21/2026 10:31 AM",
            ),
            E(
                "div",
                vec![
                    ("class", "ConversationItem TimeEntry"),
                    ("data-item-type", "TimeEntry"),
                ],
                vec![E(
                    "span",
                    vec![("class", "WorkedRange")],
                    vec![X("11/21/2026 10:05 AM - 10:50 AM")],
                )],
            ),
            note(
                "Internal & Co-managed Users",
                "Internal only.",
                "7/2/2026 9:15 AM",
            ),
            E(
                "div",
                vec![
                    ("class", "ConversationItem History"),
                    ("data-item-type", "History"),
                ],
                vec![X(
                    "Status changed from New to In Progress 11/21/2026 9:58 AM",
                )],
            ),
        ]),
    );
    let page = ticket(&reading);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].visibility, Some(Visibility::Customer));
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T10:31:00-05:00"));
    assert_eq!(notes[1].visibility, Some(Visibility::Internal));
    assert_eq!(notes[1].text.as_deref(), Some("Internal only."));
    assert_eq!(notes[1].at.as_deref(), Some("2026-07-02T09:15:00-04:00"));
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(45));
    assert!(reading.anchor_for("notes", Some(1)).is_some());
    assert!(reading.anchor_for("time_entries", Some(0)).is_some());
}

#[test]
fn a_note_time_shown_relative_is_read_from_its_tooltip_else_unreadable() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            note_with_footer(
                "All Autotask Users",
                "Tooltip.",
                E(
                    "span",
                    vec![("class", "Timestamp")],
                    vec![E(
                        "time",
                        vec![("title", "11/21/2026 10:31 AM")],
                        vec![X("15 days ago")],
                    )],
                ),
            ),
            // No Autotask class, the day without its year.
            note_with_footer(
                "All Autotask Users",
                "Without class.",
                E(
                    "span",
                    vec![("title", "Thursday, July 2, 2026 9:15 AM")],
                    vec![X("Jul 2")],
                ),
            ),
            note_with_footer(
                "All Autotask Users",
                "No moment anywhere.",
                E("span", vec![("class", "Timestamp")], vec![X("yesterday")]),
            ),
        ]),
    );
    let page = ticket(&reading);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 3);
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T10:31:00-05:00"));
    assert_eq!(notes[1].at.as_deref(), Some("2026-07-02T09:15:00-04:00"));
    assert_eq!(notes[2].at, None);
    assert_eq!(page.unreadable_fields, ["notes[2].at"]);
}

/// A time shown relative with the moment only in `<time datetime>` (in UTC, as a script's
/// `toISOString` writes it) is read at New York's offset; without it, unreadable as before.
#[test]
fn a_note_time_shown_relative_is_read_from_its_machine_readable_moment() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            note_with_footer(
                "All Autotask Users",
                "Machine time.",
                E(
                    "span",
                    vec![("class", "Timestamp")],
                    vec![E(
                        "time",
                        vec![("datetime", "2026-11-21T15:31:00.000Z")],
                        vec![X("15 days ago")],
                    )],
                ),
            ),
            note_with_footer(
                "Internal Users Only",
                "Summer time, no class.",
                E(
                    "time",
                    vec![("datetime", "2026-07-02T13:15:00Z")],
                    vec![X("Jul 2")],
                ),
            ),
        ]),
    );
    let page = ticket(&reading);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T10:31:00-05:00"));
    assert_eq!(notes[1].at.as_deref(), Some("2026-07-02T09:15:00-04:00"));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

#[test]
fn activity_items_without_autotask_classes_are_read_by_their_words() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            E(
                "article",
                vec![],
                vec![
                    E(
                        "header",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Note")]),
                            E("span", vec![], vec![X("Internal Users Only")]),
                        ],
                    ),
                    E(
                        "p",
                        vec![],
                        vec![X(
                            "Called the DID 551-212-0048; nobody had touched the copier.",
                        )],
                    ),
                    E(
                        "footer",
                        vec![],
                        vec![E("time", vec![], vec![X("11/21/2026 9:52 AM")])],
                    ),
                ],
            ),
            E(
                "article",
                vec![],
                vec![
                    E(
                        "header",
                        vec![],
                        vec![E("span", vec![], vec![X("Time Entry")])],
                    ),
                    E(
                        "p",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Worked:")]),
                            E("span", vec![], vec![X("11/21/2026 10:00 AM - 10:20 AM")]),
                        ],
                    ),
                ],
            ),
            E(
                "article",
                vec![],
                vec![
                    E(
                        "header",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Note")]),
                            E("span", vec![], vec![X("Internal Users Only")]),
                        ],
                    ),
                    E("p", vec![], vec![X("A note whose time cannot be read.")]),
                    E(
                        "footer",
                        vec![],
                        vec![E("time", vec![], vec![X("sometime")])],
                    ),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Called the DID 551-212-0048; nobody had touched the copier.")
    );
    assert_eq!(notes[0].visibility, Some(Visibility::Internal));
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T09:52:00-05:00"));
    assert_eq!(notes[1].at, None);
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(20));
    assert_eq!(page.unreadable_fields, vec!["notes[1].at".to_string()]);
}

#[test]
fn a_quick_note_takes_its_publish_choice_and_holds_its_save_button() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            E(
                "div",
                vec![("class", "QuickNote")],
                vec![
                    V(
                        "textarea",
                        vec![
                            ("aria-label", "Quick note"),
                            ("placeholder", "Add a note..."),
                        ],
                        "Our help desk: 551-212-0048",
                    ),
                    E("label", vec![("for", "pub")], vec![X("Publish to")]),
                    V("select", vec![("id", "pub")], "All Autotask Users"),
                    E(
                        "div",
                        vec![("class", "Button2")],
                        vec![E("div", vec![("class", "Text2")], vec![X("Save")])],
                    ),
                    E(
                        "div",
                        vec![("class", "Button2")],
                        vec![E("div", vec![("class", "Text2")], vec![X("Cancel")])],
                    ),
                ],
            ),
            E(
                "div",
                vec![("class", "ComposerContainer")],
                vec![
                    E(
                        "div",
                        vec![
                            ("class", "ContentEditable2"),
                            ("contenteditable", "true"),
                            ("aria-label", "Note body"),
                        ],
                        vec![],
                    ),
                    E("button", vec![], vec![X("Save & Close")]),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    let draft = page.draft.as_ref().unwrap();
    assert_eq!(draft.text.as_deref(), Some("Our help desk: 551-212-0048"));
    assert_eq!(draft.visibility, Some(Visibility::Customer));
    // The Save of the quick note (element 5: body, heading, 2 spans... counted below).
    assert_eq!(reading.hold_targets.len(), 1);
    assert!(reading.anchor_for("draft", None).is_some());
}

#[test]
fn an_empty_editor_is_no_draft_and_holds_nothing() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            E(
                "div",
                vec![("class", "QuickNote")],
                vec![
                    V("textarea", vec![("aria-label", "Quick note")], ""),
                    E("button", vec![], vec![X("Save")]),
                ],
            ),
            E(
                "div",
                vec![],
                vec![
                    E(
                        "div",
                        vec![
                            ("contenteditable", "true"),
                            ("data-placeholder", "Write a note"),
                        ],
                        vec![X("Write a note")],
                    ),
                    E("button", vec![], vec![X("Save")]),
                ],
            ),
        ]),
    );
    assert_eq!(ticket(&reading).draft, None);
    assert!(reading.hold_targets.is_empty());
}

#[test]
fn the_ticket_in_the_new_shell_frame_is_read_and_a_dialog_frame_is_not() {
    let inner = |number: &'static str, status: &'static str| {
        E(
            "body",
            vec![("class", "EntityDetail")],
            vec![heading(number, "Webcam"), field("Status", band(status))],
        )
    };
    let reading = read(
        TICKET_URL,
        E(
            "body",
            vec![],
            vec![
                E("div", vec![("data-slot", "header")], vec![X("Autotask")]),
                E(
                    "main",
                    vec![],
                    vec![E(
                        "div",
                        vec![("data-slot", "iframe")],
                        vec![E("iframe", vec![], vec![inner("T20261121.0019", "New")])],
                    )],
                ),
                E(
                    "iframe",
                    vec![("data-slot", "iframe-overlay")],
                    vec![inner("T20261120.0004", "Complete")],
                ),
            ],
        ),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0019"));
    assert_eq!(page.status.as_deref(), Some("New"));
}

#[test]
fn a_ticket_list_is_not_read() {
    let json = snapshot(
        "https://ww14.autotask.net/Mvc/ServiceDesk/TicketGrid.mvc",
        body(vec![E(
            "table",
            vec![],
            vec![
                E(
                    "tr",
                    vec![],
                    vec![
                        E("th", vec![], vec![X("Ticket Number")]),
                        E("th", vec![], vec![X("Status")]),
                    ],
                ),
                E(
                    "tr",
                    vec![],
                    vec![
                        E(
                            "td",
                            vec![],
                            vec![E("a", vec![], vec![X("T20261121.0007")])],
                        ),
                        E("td", vec![], vec![X("New")]),
                    ],
                ),
            ],
        )]),
    );
    let dom = Dom::from_json(&json).unwrap();
    assert!(crate::read(&dom).is_none());
}

#[test]
fn the_company_page_teaches_the_plan_from_its_udfs() {
    let reading = read(
        "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684",
        body(vec![
            field("Help Desk Plan", vec![X("Per-Device (Onboarded)")]),
            field("Classification", vec![X("Managed")]),
            field("Help Desk Support Type *", vec![X("Yes")]),
            E(
                "div",
                vec![("class", "EntityHeadingContainer")],
                vec![E(
                    "div",
                    vec![("class", "Title")],
                    vec![E(
                        "span",
                        vec![("class", "Text")],
                        vec![X("Acme Dental LLC")],
                    )],
                )],
            ),
        ]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.help_desk_support_type.as_deref(), Some("Yes"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
    assert_eq!(page.classification.as_deref(), Some("Managed"));
}

#[test]
fn an_unknown_plan_word_is_unreadable_not_guessed() {
    let reading = read(
        "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=1",
        body(vec![
            E("h1", vec![], vec![X("Brightside Bakery")]),
            field("Help Desk Plan", vec![X("Platinum")]),
            E("label", vec![("for", "c")], vec![X("Classification")]),
            C(vec![("id", "unused"), ("type", "checkbox")], false),
        ]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name.as_deref(), Some("Brightside Bakery"));
    assert_eq!(page.help_desk_plan, None);
    assert!(page
        .unreadable_fields
        .contains(&"help_desk_plan".to_string()));
}

#[test]
fn a_table_of_row_headings_and_typed_items_are_read() {
    let tr = |label: &'static str, value: &'static str| {
        E(
            "tr",
            vec![],
            vec![
                E("th", vec![], vec![X(label)]),
                E("td", vec![], vec![X(value)]),
            ],
        )
    };
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0061", "New mailbox"),
            E(
                "table",
                vec![],
                vec![
                    tr("Status", "Waiting Customer"),
                    tr("Queue", "Help Desk"),
                    tr("Primary Resource", ""),
                ],
            ),
            E(
                "div",
                vec![("data-item-type", "TicketNote")],
                vec![
                    E("span", vec![("title", "Internal Users Only")], vec![]),
                    E(
                        "div",
                        vec![],
                        vec![X("Asked Jane to confirm the licence in writing.")],
                    ),
                    E("span", vec![], vec![X("11/21/2026 1:05 PM")]),
                ],
            ),
            E(
                "div",
                vec![("data-item-type", "TimeEntry")],
                vec![
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("Start Time")]),
                            E("span", vec![], vec![X("1:00 PM")]),
                        ],
                    ),
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("End Time")]),
                            E("span", vec![], vec![X("1:40 PM")]),
                        ],
                    ),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.status.as_deref(), Some("Waiting Customer"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
    assert_eq!(page.primary_resource, None);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].visibility, Some(Visibility::Internal));
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Asked Jane to confirm the licence in writing.")
    );
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T13:05:00-05:00"));
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(40));
}

#[test]
fn without_a_plan_udf_the_support_type_says_yes_unknown_or_no_none() {
    let account = |support: &'static str| {
        let reading = read(
            "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=1",
            body(vec![
                E("h1", vec![], vec![X("Brightside Bakery")]),
                field("Help Desk Support Type", vec![X(support)]),
            ]),
        );
        match reading.page {
            Some(Page::AutotaskAccount(page)) => page.help_desk_plan,
            other => panic!("not an account page: {other:?}"),
        }
    };
    assert_eq!(account("Yes"), Some(HelpDeskPlan::Unknown));
    assert_eq!(account("No"), Some(HelpDeskPlan::None));
    assert_eq!(
        account("Per-Device (Onboarded)"),
        Some(HelpDeskPlan::PerDevice)
    );
}

#[test]
fn a_status_naming_an_escalation_marks_the_ticket_escalated() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0070", "Printer"),
            field("Status", band("Escalated from MC")),
            field("Primary Resource (Role)", vec![]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.escalated_from_vendor, Some(true));
    assert_eq!(page.primary_resource, None);
}

#[test]
fn a_list_of_ticket_numbers_in_plain_divs_is_not_a_ticket() {
    let json = snapshot(
        "https://ww14.autotask.net/Autotask/Home#/tickets",
        body(vec![
            E(
                "div",
                vec![("class", "Grid")],
                vec![
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("T20261121.0007")]),
                            E("span", vec![], vec![X("New")]),
                        ],
                    ),
                    E(
                        "div",
                        vec![],
                        vec![
                            E("span", vec![], vec![X("T20261121.0012")]),
                            E("span", vec![], vec![X("In Progress")]),
                        ],
                    ),
                ],
            ),
            E(
                "div",
                vec![],
                vec![
                    E("span", vec![], vec![X("Status")]),
                    E("span", vec![], vec![X("Open")]),
                ],
            ),
        ]),
    );
    assert!(crate::read(&Dom::from_json(&json).unwrap()).is_none());
}

#[test]
fn none_shown_in_a_field_reads_as_empty() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0080", "Laptop"),
            field("Status", band("New")),
            field("Configuration Item", vec![X("—")]),
            field("Primary Resource (Role)", vec![X("None")]),
            field("Secondary Resources (Role)", vec![X("None")]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.configuration_item, None);
    assert_eq!(page.primary_resource, None);
    assert_eq!(page.secondary_resources, Some(vec![]));
}

#[test]
fn the_title_bar_gives_the_title_when_the_heading_has_none() {
    let reading = read(
        TICKET_URL,
        body(vec![
            E(
                "div",
                vec![],
                vec![
                    E("span", vec![], vec![X("Ticket ")]),
                    E(
                        "span",
                        vec![],
                        vec![X(
                            "- T20261121.0090 - Printer offline (2nd floor) (Acme Dental LLC)",
                        )],
                    ),
                ],
            ),
            E(
                "div",
                vec![("class", "EntityHeadingContainer")],
                vec![E(
                    "span",
                    vec![("class", "IdentificationText")],
                    vec![X("T20261121.0090")],
                )],
            ),
            field("Account", vec![X("Acme Dental LLC")]),
            field("Status", band("New")),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.title.as_deref(), Some("Printer offline (2nd floor)"));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

#[test]
fn a_flat_run_of_badges_names_and_roles_gives_each_person() {
    let span = |t: &'static str| E("span", vec![], vec![X(t)]);
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0091", "Printer"),
            field("Status", band("New")),
            field(
                "Secondary Resources",
                vec![
                    span("ST"),
                    span("Sam Tech"),
                    span("(Technician)"),
                    span("ML"),
                    span("Matthew Lee"),
                    span("(Senior Engineer)"),
                ],
            ),
        ]),
    );
    assert_eq!(
        ticket(&reading).secondary_resources,
        Some(vec!["Sam Tech".to_string(), "Matthew Lee".to_string()])
    );
}

#[test]
fn a_badge_beside_the_account_link_is_not_part_of_the_account() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0092", "Printer"),
            field(
                "Account",
                vec![
                    E(
                        "div",
                        vec![("class", "LinkButton2")],
                        vec![X("Acme Dental LLC")],
                    ),
                    E("span", vec![("class", "Badge")], vec![X("VIP")]),
                ],
            ),
            field(
                "Status",
                vec![
                    E(
                        "div",
                        vec![("class", "ColorBand")],
                        vec![E("div", vec![("class", "Right")], vec![X("New")])],
                    ),
                    E("span", vec![], vec![X("SLA met")]),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.status.as_deref(), Some("New"));
}

/// A colour band drawn with a dot glyph, or an emoji before the value's words: neither is
/// part of the value (a queue read as "● Help Desk" is no queue procguard knows).
#[test]
fn a_dot_or_emoji_drawn_beside_a_field_value_is_not_part_of_it() {
    let dotted = |text: &'static str| band_drawn(vec![X("\u{25cf}")], text);
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0093", "Printer"),
            field("Status", dotted("In Progress")),
            field(
                "Priority",
                vec![E("span", vec![], vec![X("\u{1F7E2} High")])],
            ),
            field("Queue", dotted("Help Desk")),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.status.as_deref(), Some("In Progress"));
    assert_eq!(page.priority.as_deref(), Some("High"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
}

#[test]
fn a_ticket_opened_in_a_drawer_is_read_there_and_an_open_quick_view_never_is() {
    // The ticket page in a drawer over a list: read inside the drawer.
    let drawer = read(
        "https://ww14.autotask.net/Autotask/Home#/tickets",
        body(vec![
            E(
                "table",
                vec![],
                vec![E(
                    "tr",
                    vec![],
                    vec![E(
                        "td",
                        vec![],
                        vec![E("a", vec![], vec![X("T20261121.0007")])],
                    )],
                )],
            ),
            E(
                "div",
                vec![("role", "dialog")],
                vec![
                    heading("T20261121.0012", "Scan to email"),
                    field("Status", band("In Progress")),
                    field("Status", band("In Progress")),
                    note(
                        "Internal Users Only",
                        "Checked the relay.",
                        "11/21/2026 9:15 AM",
                    ),
                ],
            ),
        ]),
    );
    let page = ticket(&drawer);
    assert_eq!(page.number.as_deref(), Some("T20261121.0012"));
    assert_eq!(page.status.as_deref(), Some("In Progress"));
    assert_eq!(page.notes.as_ref().map(Vec::len), Some(1));

    // An open quick view of another ticket over this one: this one is read.
    let quick_view = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0019", "Webcam"),
            field("Status", band("New")),
            E(
                "div",
                vec![("class", "DialogContainer")],
                vec![
                    E(
                        "div",
                        vec![("class", "QuickViewHeading")],
                        vec![E(
                            "span",
                            vec![("class", "IdentificationText")],
                            vec![X("T20261120.0004")],
                        )],
                    ),
                    field("Status", band("Complete")),
                ],
            ),
        ]),
    );
    let page = ticket(&quick_view);
    assert_eq!(page.number.as_deref(), Some("T20261121.0019"));
    assert_eq!(page.status.as_deref(), Some("New"));
}

/// The tree as pretty-printed markup would give it: whitespace text before, between and
/// after every element's children (the snapshot sends such text as one space).
fn pretty(t: T) -> T {
    match t {
        E(tag, attrs, children) => {
            let mut spaced = vec![X(" ")];
            for child in children {
                spaced.push(pretty(child));
                spaced.push(X(" "));
            }
            E(tag, attrs, spaced)
        }
        other => other,
    }
}

#[test]
fn a_required_star_in_an_element_of_its_own_is_part_of_the_label_not_the_value() {
    // Autotask's field markup with its classes gone: the star is a sibling of the label's
    // text, before an empty icon placeholder; the value is in the next container.
    let field = |label: &'static str, value: &'static str| {
        E(
            "div",
            vec![],
            vec![
                E(
                    "div",
                    vec![],
                    vec![E(
                        "div",
                        vec![],
                        vec![
                            E("div", vec![], vec![E("span", vec![], vec![X(label)])]),
                            E("div", vec![], vec![X("*")]),
                            E("div", vec![], vec![]),
                        ],
                    )],
                ),
                E(
                    "div",
                    vec![],
                    vec![E("div", vec![], vec![E("span", vec![], vec![X(value)])])],
                ),
            ],
        )
    };
    let page = || {
        body(vec![
            E("h1", vec![], vec![X("Printer offline")]),
            E("span", vec![], vec![X("T20261121.0060")]),
            field("Status", "In Progress"),
            field("Account", "Acme Dental LLC"),
            field("Priority", "Medium"),
            field("Queue", "Help Desk"),
            // A value that is also a label's words (the contact's "Phone").
            field("Source", "Phone"),
        ])
    };
    // As is, and pretty-printed (the empty icon placeholder then holds whitespace).
    for reading in [read(TICKET_URL, page()), read(TICKET_URL, pretty(page()))] {
        let page = ticket(&reading);
        assert_eq!(page.source.as_deref(), Some("Phone"));
        assert_eq!(page.status.as_deref(), Some("In Progress"));
        assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
        assert_eq!(page.priority.as_deref(), Some("Medium"));
        assert_eq!(page.queue.as_deref(), Some("Help Desk"));
        assert!(
            page.unreadable_fields.is_empty(),
            "{:?}",
            page.unreadable_fields
        );
    }
}

#[test]
fn a_company_page_without_its_heading_takes_the_name_from_the_title_bar() {
    let reading = read(
        "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684",
        body(vec![
            E(
                "div",
                vec![],
                vec![
                    E("span", vec![], vec![X("Account ")]),
                    E("span", vec![], vec![X("- Hudson Law Group PC")]),
                ],
            ),
            E("div", vec![], vec![X("Accounts")]),
            field("Help Desk Support Type", vec![X("Yes")]),
            field("Classification", vec![X("Non-Managed")]),
        ]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name.as_deref(), Some("Hudson Law Group PC"));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );

    // With no title bar either, the name is unreadable, never guessed.
    let reading = read(
        "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684",
        body(vec![field("Classification", vec![X("Non-Managed")])]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name, None);
    assert_eq!(page.unreadable_fields, vec!["name".to_string()]);
}

#[test]
fn a_feed_of_plain_divs_is_split_into_items_by_their_type_words_and_times() {
    // No classes, no item markers, no articles: each item is a header with its type word,
    // a body and a footer with its time. A "Notes" tab, an "Add note" button and the
    // editor's "Note | Email | Time Entry" tabs are no items.
    let item = |kind: &'static str, publish: &'static str, body: Vec<T>, at: &'static str| {
        E(
            "div",
            vec![],
            vec![
                E(
                    "div",
                    vec![],
                    vec![
                        E("div", vec![], vec![X("ST")]),
                        E(
                            "div",
                            vec![],
                            vec![
                                E("div", vec![], vec![E("span", vec![], vec![X("Sam Tech")])]),
                                E(
                                    "div",
                                    vec![],
                                    vec![
                                        E("span", vec![], vec![X(kind)]),
                                        E("span", vec![], vec![X("·")]),
                                        E("span", vec![], vec![X(publish)]),
                                    ],
                                ),
                            ],
                        ),
                    ],
                ),
                E("div", vec![], body),
                E(
                    "div",
                    vec![],
                    vec![
                        E("span", vec![], vec![X(at)]),
                        E("div", vec![], vec![E("span", vec![], vec![X("Reply")])]),
                    ],
                ),
            ],
        )
    };
    let text = |t: &'static str| vec![E("div", vec![], vec![X(t)])];
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email"),
            field("Status", band("In Progress")),
            E("div", vec![], vec![X("Notes")]),
            E("button", vec![], vec![X("Add note")]),
            // The editor's tabs.
            E(
                "div",
                vec![],
                ["Note", "Email", "Time Entry"]
                    .into_iter()
                    .map(|t| E("div", vec![], vec![E("span", vec![], vec![X(t)])]))
                    .collect(),
            ),
            E(
                "div",
                vec![],
                vec![
                    item(
                        "Note",
                        "All Autotask Users",
                        text("Scan to email works again; call us if it stops."),
                        "11/21/2026 10:31 AM",
                    ),
                    item(
                        "Time Entry",
                        "Remote Support",
                        vec![
                            E("span", vec![], vec![X("Worked:")]),
                            E("span", vec![], vec![X("11/21/2026 10:05 AM - 10:25 AM")]),
                        ],
                        "11/21/2026 10:26 AM",
                    ),
                    item(
                        "Note",
                        "Internal Users Only",
                        text("Called MC dispatch; they had not touched the copier."),
                        "some time ago",
                    ),
                    item(
                        "Ticket History",
                        "",
                        text("Ticket created by Ada Hudson via Email"),
                        "11/21/2026 9:02 AM",
                    ),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Scan to email works again; call us if it stops.")
    );
    assert_eq!(notes[0].visibility, Some(Visibility::Customer));
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T10:31:00-05:00"));
    assert_eq!(
        notes[1].text.as_deref(),
        Some("Called MC dispatch; they had not touched the copier.")
    );
    assert_eq!(notes[1].visibility, Some(Visibility::Internal));
    assert_eq!(
        notes[1].at, None,
        "a time that cannot be read is not guessed"
    );
    assert_eq!(page.time_entries.as_ref().unwrap().len(), 1);
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(20));
    assert_eq!(page.unreadable_fields, vec!["notes[1].at".to_string()]);
}

#[test]
fn fields_shown_as_label_colon_value_in_one_element_are_read() {
    // A summary strip: each field is one element, "Label: value".
    let strip = |fields: &[&'static str]| {
        E(
            "div",
            vec![],
            fields
                .iter()
                .map(|f| E("span", vec![], vec![X(f)]))
                .collect(),
        )
    };
    let page = |with_heading: bool| {
        let mut children = Vec::new();
        if with_heading {
            children.push(heading("T20261121.0070", "Laptop will not dock"));
        }
        children.push(strip(&[
            "Account: Acme Dental LLC",
            "Status: In Progress",
            "Priority: High",
            "Queue: Help Desk",
        ]));
        body(children)
    };
    for with_heading in [true, false] {
        let reading = read(TICKET_URL, page(with_heading));
        let page = ticket(&reading);
        assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
        assert_eq!(page.status.as_deref(), Some("In Progress"));
        assert_eq!(page.priority.as_deref(), Some("High"));
        assert_eq!(page.queue.as_deref(), Some("Help Desk"));
        assert!(reading.anchor_for("status", None).is_some());
    }
}

#[test]
fn a_ticket_showing_none_of_its_main_fields_says_they_could_not_be_read() {
    // The heading is read, but Account, Status, Priority and Queue are nowhere the reader
    // can find them (a layout it does not know): reported, not passed over.
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0080", "Monitor flickers"),
            E(
                "div",
                vec![],
                vec![E("canvas", vec![("aria-label", "Ticket details")], vec![])],
            ),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0080"));
    assert_eq!(
        page.unreadable_fields,
        vec!["account", "status", "priority", "queue"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    );
}

#[test]
fn labels_naming_the_ticket_first_and_additional_resources_are_read_as_their_fields() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0007", "Outlook keeps asking for password"),
            field("Ticket Status", band("In Progress")),
            field("Ticket Priority", band("Medium")),
            field("Ticket Queue", vec![X("Help Desk")]),
            field("Account", vec![X("Acme Dental LLC")]),
            field("Additional Resources", vec![]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
    assert_eq!(page.priority.as_deref(), Some("Medium"));
    assert_eq!(page.secondary_resources, Some(vec![]));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

#[test]
fn company_fields_named_with_the_subject_first_or_helpdesk_in_one_word_are_read() {
    let reading = read(
        "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684",
        body(vec![
            E("h1", vec![], vec![X("Hudson Law Group PC")]),
            field("Account Classification", vec![X("Non-Managed")]),
            field("Helpdesk Support Type", vec![X("Yes")]),
            field("Helpdesk Plan", vec![X("Hourly (non-onboarded)")]),
        ]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.classification.as_deref(), Some("Non-Managed"));
    assert_eq!(page.help_desk_support_type.as_deref(), Some("Yes"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::Hourly));
}

#[test]
fn priority_level_and_billing_code_are_the_priority_and_the_work_type() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0007", "Outlook keeps asking for password"),
            field("Status", band("In Progress")),
            field("Priority Level", band("Medium")),
            field("Queue", vec![X("Help Desk")]),
            field("Account", vec![X("Acme Dental LLC")]),
            field("Billing Code", vec![X("Remote Support")]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.priority.as_deref(), Some("Medium"));
    assert_eq!(page.work_type.as_deref(), Some("Remote Support"));
}

#[test]
fn the_company_s_status_is_never_taken_for_the_ticket_s() {
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0007", "Outlook keeps asking for password"),
            field("Account", vec![X("Acme Dental LLC")]),
            field("Account Status", vec![X("Active")]),
            field("Priority", band("Medium")),
            field("Queue", vec![X("Help Desk")]),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.status, None);
}

#[test]
fn an_assigned_resource_and_a_service_queue_are_the_primary_resource_and_the_queue() {
    for label in [
        "Assigned Resource",
        "Assigned To",
        "Assigned Resource (Role)",
    ] {
        let reading = read(
            TICKET_URL,
            body(vec![
                heading("T20261121.0007", "Outlook keeps asking for password"),
                field("Status", band("New")),
                field("Priority", band("Medium")),
                field("Service Queue", vec![X("Help Desk")]),
                field("Account", vec![X("Acme Dental LLC")]),
                field(
                    label,
                    vec![resource(
                        "PrimaryResource",
                        "MC",
                        "Mission Control",
                        "(Help Desk Vendor)",
                    )],
                ),
            ]),
        );
        let page = ticket(&reading);
        assert_eq!(
            page.primary_resource.as_deref(),
            Some("Mission Control"),
            "{label}"
        );
        assert_eq!(page.queue.as_deref(), Some("Help Desk"), "{label}");
    }
}

#[test]
fn a_definition_list_s_values_are_read_even_when_they_are_words_of_other_labels() {
    // A redesign: the number and the title in one heading, the fields as a <dl>. "Phone"
    // (the Source) is also a contact field's label; the definition is still its value.
    let term = |label: &'static str, value: &'static str| {
        vec![
            E("dt", vec![], vec![X(label)]),
            E("dd", vec![], vec![X(value)]),
        ]
    };
    let mut fields = Vec::new();
    for (label, value) in [
        ("Organization", "Acme Dental LLC"),
        ("Status", "In Progress"),
        ("Priority", "Medium"),
        ("Queue", "Help Desk"),
        ("Source", "Phone"),
    ] {
        fields.extend(term(label, value));
    }
    let reading = read(
        TICKET_URL,
        E(
            "body",
            vec![],
            vec![
                E(
                    "h1",
                    vec![],
                    vec![
                        E("span", vec![], vec![X("T20261121.0007")]),
                        X(" · Outlook keeps asking for password"),
                    ],
                ),
                E("dl", vec![], fields),
                E("h2", vec![], vec![X("Activity")]),
            ],
        ),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0007"));
    assert_eq!(
        page.title.as_deref(),
        Some("Outlook keeps asking for password")
    );
    assert_eq!(page.source.as_deref(), Some("Phone"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
}

#[test]
fn one_line_item_headers_an_hours_worked_line_and_a_note_form_s_box_are_read() {
    let div = |children: Vec<T>| E("div", vec![], children);
    let line = |text: &'static str| E("div", vec![], vec![X(text)]);
    let reading = read(
        TICKET_URL,
        body(vec![
            heading("T20261121.0012", "Scan to email stopped working"),
            field("Status", band("In Progress")),
            field("Priority", band("High")),
            field("Queue", vec![X("Tier 2")]),
            field("Account", vec![X("Hudson Law Group PC")]),
            E(
                "section",
                vec![],
                vec![
                    E("h3", vec![], vec![X("Activity")]),
                    div(vec![
                        line("Time Entry · Sam Tech · 11/21/2026 10:05 AM"),
                        line("Hours Worked: 0.33"),
                    ]),
                    div(vec![
                        line("Note · Sam Tech · 11/21/2026 09:15 AM · Internal"),
                        line("Copier lease is with Metro Office Systems."),
                    ]),
                ],
            ),
            E(
                "section",
                vec![],
                vec![
                    E("h3", vec![], vec![X("New Note")]),
                    E("label", vec![("for", "vis")], vec![X("Visibility")]),
                    V("select", vec![("id", "vis")], "Internal only"),
                    E("label", vec![("for", "body")], vec![X("Description")]),
                    V(
                        "textarea",
                        vec![("id", "body")],
                        "Hi Ada, call us any time.",
                    ),
                    E("button", vec![], vec![X("Save")]),
                ],
            ),
        ]),
    );
    let page = ticket(&reading);
    assert_eq!(page.time_entries.as_ref().map(|t| t.len()), Some(1));
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(20));
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Copier lease is with Metro Office Systems.")
    );
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T09:15:00-05:00"));
    assert_eq!(
        page.draft.as_ref().and_then(|d| d.text.as_deref()),
        Some("Hi Ada, call us any time.")
    );
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

/// A classic ticket page's table of label cells and data cells, four to a row, with its
/// number and title only in the title bar.
#[test]
fn a_classic_table_of_label_and_data_cells_and_the_title_bar_give_the_ticket() {
    let cell = |text: &'static str| E("td", vec![], vec![X(text)]);
    let label = |text: &'static str| E("td", vec![("class", "lbl")], vec![X(text)]);
    let row = |cells: Vec<T>| E("tr", vec![], cells);
    let reading = read(
        "https://ww3.autotask.net/Autotask/Views/ServiceDesk/ServiceDeskTicket/ServiceTicketDetail.aspx?ticketId=1",
        E(
            "body",
            vec![],
            vec![
                E(
                    "div",
                    vec![("class", "title")],
                    vec![X("Ticket - T20261121.0007 - Outlook keeps asking for password (Acme Dental LLC)")],
                ),
                E(
                    "table",
                    vec![],
                    vec![E(
                        "tbody",
                        vec![],
                        vec![
                            row(vec![label("Account"), cell("Acme Dental LLC"), label("Status"), cell("In Progress")]),
                            row(vec![label("Priority"), cell("Medium"), label("Queue"), cell("Help Desk")]),
                            // "Phone" is also a label (a company's phone), here the Source.
                            row(vec![label("Source"), cell("Phone"), label("Work Type"), cell("")]),
                        ],
                    )],
                ),
            ],
        ),
    );
    let page = ticket(&reading);
    assert_eq!(page.number.as_deref(), Some("T20261121.0007"));
    assert_eq!(
        page.title.as_deref(),
        Some("Outlook keeps asking for password")
    );
    assert_eq!(page.source.as_deref(), Some("Phone"));
    assert_eq!(page.work_type, None);
    assert_eq!(page.status.as_deref(), Some("In Progress"));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

/// The classic company page, opened by ExecuteCommand or at an address that says nothing,
/// shows its name as an "Account Name:" field and no heading.
#[test]
fn a_classic_company_page_without_a_heading_is_named_by_its_account_name_field() {
    let row = |label: &'static str, value: &'static str| {
        E(
            "tr",
            vec![],
            vec![
                E("td", vec![("class", "FieldLabel")], vec![X(label)]),
                E("td", vec![("class", "FieldValue")], vec![X(value)]),
            ],
        )
    };
    let page = || {
        E(
            "body",
            vec![],
            vec![E(
                "table",
                vec![],
                vec![E(
                    "tbody",
                    vec![],
                    vec![
                        row("Account Name:", "Hudson Law Group PC"),
                        row("Classification:", "Non-Managed"),
                        row("Help Desk Support Type:", "Yes"),
                        row("Help Desk Plan:", "Hourly (non-onboarded)"),
                    ],
                )],
            )],
        )
    };
    for url in [
        "https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenAccount&AccountID=29684",
        "https://ww5.autotask.net/Autotask/Views/Account/Detail.aspx?id=29684",
    ] {
        let reading = read(url, page());
        let Some(Page::AutotaskAccount(account)) = reading.page.as_ref() else {
            panic!("not an account page at {url}");
        };
        assert_eq!(account.name.as_deref(), Some("Hudson Law Group PC"));
        assert_eq!(account.help_desk_plan, Some(HelpDeskPlan::Hourly));
        assert_eq!(account.classification.as_deref(), Some("Non-Managed"));
    }
}

/// A redesign's sidebar of "label, value" blocks where an empty value is an empty element,
/// and a feed of list items whose header line holds the type, the publish choice and the
/// time, with the body in a block of its own below it.
#[test]
fn an_empty_value_element_is_empty_and_feed_items_are_their_list_items() {
    let field = |label: &'static str, value: Vec<T>| {
        E(
            "div",
            vec![("class", "field")],
            vec![
                E("div", vec![("class", "field-label")], vec![X(label)]),
                E("div", vec![("class", "field-value")], value),
            ],
        )
    };
    let item = |kind: &'static str, publish: &'static str, at: &'static str, body: &'static str| {
        E(
            "li",
            vec![],
            vec![
                E(
                    "div",
                    vec![],
                    vec![
                        E("b", vec![], vec![X("Sam Tech")]),
                        X(" added a "),
                        E("b", vec![], vec![X(kind)]),
                        X(" · "),
                        E("span", vec![], vec![X(publish)]),
                        X(" · "),
                        E("time", vec![], vec![X(at)]),
                    ],
                ),
                E("div", vec![], vec![X(body)]),
            ],
        )
    };
    let reading = read(
        TICKET_URL,
        E(
            "body",
            vec![],
            vec![
                E("span", vec![], vec![X("T20261121.0012")]),
                E("h1", vec![], vec![X("Scan to email stopped working")]),
                field("Account", vec![X("Hudson Law Group PC")]),
                field("Status", vec![X("In Progress")]),
                field("Priority", vec![X("High")]),
                field("Queue", vec![X("Tier 2")]),
                field("Secondary Resources (Role)", vec![]),
                field("Work Type", vec![X("Remote Support")]),
                E(
                    "ol",
                    vec![],
                    vec![
                        item(
                            "Note",
                            "All Autotask Users",
                            "11/21/2026 10:31 AM",
                            "Ada, scan to email is working again.",
                        ),
                        item(
                            "Note",
                            "Internal Users Only",
                            "11/21/2026 9:52 AM",
                            "Called MC dispatch to check the copier.",
                        ),
                    ],
                ),
            ],
        ),
    );
    let page = ticket(&reading);
    assert_eq!(page.secondary_resources, Some(vec![]));
    assert_eq!(page.work_type.as_deref(), Some("Remote Support"));
    let notes = page.notes.as_ref().unwrap();
    let read: Vec<(Option<&str>, Option<Visibility>, Option<&str>)> = notes
        .iter()
        .map(|n| (n.text.as_deref(), n.visibility, n.at.as_deref()))
        .collect();
    assert_eq!(
        read,
        vec![
            (
                Some("Ada, scan to email is working again."),
                Some(Visibility::Customer),
                Some("2026-11-21T10:31:00-05:00")
            ),
            (
                Some("Called MC dispatch to check the copier."),
                Some(Visibility::Internal),
                Some("2026-11-21T09:52:00-05:00")
            ),
        ]
    );
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

/// The ticket's edit form: the Title box (not a later "Activity" heading), pickers for the
/// resources, and a feed item drawn as a small block with its header line and its body.
#[test]
fn the_edit_form_gives_title_box_picked_resource_and_a_block_feed_item() {
    let row = |label: &'static str, id: &'static str, tag: &'static str, value: &'static str| {
        E(
            "div",
            vec![],
            vec![
                E("label", vec![("for", id)], vec![X(label)]),
                V(tag, vec![("id", id)], value),
            ],
        )
    };
    let reading = read(
        TICKET_URL,
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
                        vec![E("span", vec![], vec![X("T20261121.0007")])],
                    ),
                    row("Title", "t", "input", "Outlook keeps asking for password"),
                    row("Account", "a", "input", "Acme Dental LLC"),
                    row("Status", "s", "select", "In Progress"),
                    row("Priority", "p", "select", "Medium"),
                    row("Queue", "q", "select", "Help Desk"),
                    row(
                        "Primary Resource (Role)",
                        "r",
                        "select",
                        "Mission Control (Help Desk Vendor)",
                    ),
                    E("h3", vec![], vec![X("Activity")]),
                    E(
                        "div",
                        vec![],
                        vec![
                            E(
                                "div",
                                vec![],
                                vec![
                                    E("span", vec![], vec![X("Mission Control")]),
                                    E("span", vec![], vec![X("Note")]),
                                    E("span", vec![], vec![X("Internal Users Only")]),
                                    E("span", vec![], vec![X("11/21/2026 10:12 AM")]),
                                ],
                            ),
                            E(
                                "div",
                                vec![],
                                vec![X("Remoted in and cleared the stale credential.")],
                            ),
                        ],
                    ),
                ],
            )],
        ),
    );
    let page = ticket(&reading);
    assert_eq!(
        page.title.as_deref(),
        Some("Outlook keeps asking for password")
    );
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Remoted in and cleared the stale credential.")
    );
    assert_eq!(notes[0].visibility, Some(Visibility::Internal));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

fn read_html(url: &str, src: &str) -> Reading {
    let dom = Dom::from_json(&crate::dom::build::html(url, src)).unwrap();
    crate::read(&dom).expect("a page")
}

/// A title bar that shows the kind of page and the company's name in elements of their own,
/// with no separator ("<span>Account</span><span>Hudson Law Group PC</span>"), gives the
/// name; a menu whose first item is "Account" does not give its next item as the name.
#[test]
fn a_title_bar_with_kind_and_name_apart_gives_the_name_and_a_menu_item_does_not() {
    let url = "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684";
    let fields = r#"<div><div>Classification</div><div>Non-Managed</div></div>
        <div><div>Help Desk Plan</div><div>Hourly (non-onboarded)</div></div>"#;
    let name = |src: &str| {
        let reading = read_html(url, src);
        let Some(Page::AutotaskAccount(page)) = reading.page else {
            panic!("not an account page");
        };
        (page.name, page.unreadable_fields)
    };
    assert_eq!(
        name(&format!(
            r#"<body><div class="TitleBar"><span>Account</span><span>Hudson Law Group PC</span></div>{fields}</body>"#
        )),
        (Some("Hudson Law Group PC".to_string()), vec![])
    );
    assert_eq!(
        name(&format!(
            r#"<body><p>Acme MSP</p><ul><li>Account</li><li>Contacts</li></ul>{fields}</body>"#
        )),
        (None, vec!["name".to_string()])
    );
}

/// A summary drawn as lines that each hold a label and its value ("Status: In Progress"):
/// an empty field's line is empty, never the next line ("Work Type: " is not "Primary
/// Resource: Mission Control"); resources are read from their line; a note's one-line
/// header gives its time and publish words; a "·" parts the heading's number and title.
#[test]
fn a_summary_of_label_colon_value_lines_reads_each_field_from_its_own_line() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0007 · Outlook keeps asking for password</h1>
        <aside><p>Account: Acme Dental LLC</p><p>Status: In Progress</p><p>Priority: Medium</p>
        <p>Queue: Help Desk</p><p>Work Type: </p><p>Primary Resource: Mission Control</p>
        <p>Secondary Resources: </p><p>Configuration Item: ACME-FRONT-01</p></aside>
        <section><h2>Activity</h2><article>
        <header>Note by Mission Control · 11/21/2026 10:12 AM · Internal Users Only</header>
        <p>Remoted in via ScreenConnect and cleared a stale credential for the mailbox.</p>
        </article></section></body>"#,
    );
    let page = ticket(&reading);
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
    assert_eq!(
        page.title.as_deref(),
        Some("Outlook keeps asking for password")
    );
    assert_eq!(page.work_type, None);
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
    assert_eq!(page.secondary_resources, Some(vec![]));
    assert_eq!(page.configuration_item.as_deref(), Some("ACME-FRONT-01"));
    let note = &page.notes.as_ref().unwrap()[0];
    assert_eq!(
        note.visibility,
        Some(procguard_core::model::Visibility::Internal)
    );
    assert_eq!(note.at.as_deref(), Some("2026-11-21T10:12:00-05:00"));
}

/// A feed whose items say what was done ("<strong>Sam Tech</strong> added a Note <time>…")
/// gives its notes; an "Add a note" button is no item. A heading that starts with the
/// number gives the title after it, parted by a space alone.
#[test]
fn feed_items_whose_header_says_a_note_was_added_are_notes_and_an_add_button_is_not() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0019 Webcam not detected</h1>
        <dl><dt>Account</dt><dd>Acme Dental LLC</dd><dt>Status</dt><dd>New</dd>
        <dt>Priority</dt><dd>Medium</dd><dt>Queue</dt><dd>Help Desk</dd></dl>
        <h2>Activity</h2><button>Add a note</button>
        <ol><li><div><strong>Sam Tech</strong> added a Note <time>11/21/2026 11:05 AM</time></div>
        <div>Sent to MC per the help desk procedure; I added myself as secondary.</div>
        <div><em>Internal Users Only</em></div></li></ol></body>"#,
    );
    let page = ticket(&reading);
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
    assert_eq!(page.title.as_deref(), Some("Webcam not detected"));
    let notes = page.notes.as_ref().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Sent to MC per the help desk procedure; I added myself as secondary.")
    );
    assert_eq!(notes[0].at.as_deref(), Some("2026-11-21T11:05:00-05:00"));
}

/// An editor marked `contenteditable` bare (or "plaintext-only"), as the HTML standard
/// allows, is the draft being written, as one marked "true" is; "false" is not an editor.
#[test]
fn an_editor_marked_contenteditable_bare_or_plaintext_only_gives_the_draft() {
    let page = |editable: &str| {
        let src = format!(
            r#"<body><h1>T20261121.0012 - Scan to email stopped working</h1>
            <dl><dt>Account</dt><dd>Hudson Law Group PC</dd><dt>Status</dt><dd>In Progress</dd>
            <dt>Priority</dt><dd>High</dd><dt>Queue</dt><dd>Tier 2</dd></dl>
            <section><h2>New Note</h2><div {editable} role="textbox" aria-label="Note body">Call our help desk at 551-212-0048.</div>
            <label><input type="radio" name="p" checked> Internal Users Only</label></section></body>"#
        );
        ticket(&read_html(TICKET_URL, &src)).draft.clone()
    };
    for editable in [
        "contenteditable",
        r#"contenteditable="plaintext-only""#,
        r#"contenteditable="TRUE""#,
    ] {
        let draft = page(editable).unwrap_or_else(|| panic!("{editable}: no draft"));
        assert_eq!(
            draft.text.as_deref(),
            Some("Call our help desk at 551-212-0048."),
            "{editable}"
        );
    }
    assert_eq!(page(r#"contenteditable="false""#), None);
}

/// An email being written whose Send is a block the keyboard reaches (`tabindex="0"`) with no
/// class or role naming it a button (Autotask's `.Button2` without its class): Send is held,
/// and its Discard beside it is not.
#[test]
fn a_focusable_block_saying_send_under_a_draft_is_held() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0012 - Scan to email stopped working</h1>
        <dl><dt>Account</dt><dd>Hudson Law Group PC</dd><dt>Status</dt><dd>In Progress</dd>
        <dt>Priority</dt><dd>High</dd><dt>Queue</dt><dd>Tier 2</dd></dl>
        <div><div contenteditable="true" aria-label="Email body">Our help desk: 551-212-0048</div>
        <div><div><span>Add email to ticket as a note (All Autotask Users)</span></div>
        <div tabindex="0"><div>Send</div></div><div tabindex="0"><div>Discard</div></div></div></div>
        </body>"#,
    );
    assert_eq!(
        ticket(&reading)
            .draft
            .as_ref()
            .and_then(|d| d.text.as_deref()),
        Some("Our help desk: 551-212-0048")
    );
    assert_eq!(reading.hold_targets.len(), 1);
}

/// A time entry showing its time worked only as a duration ("Time worked: 20 min", "Duration
/// 0:20", "1h 5m" after "Time Spent") gives its minutes; a bare number is hours only after an
/// "Hours" label, and a duration procguard cannot read stays unreadable, never 0.
#[test]
fn a_time_entry_s_duration_in_minutes_or_on_a_clock_gives_its_minutes() {
    let div = |children: Vec<T>| E("div", vec![], children);
    let line = |text: &'static str| E("div", vec![], vec![X(text)]);
    let entry = |shown: Vec<T>| {
        let mut lines = vec![line("Time Entry · Sam Tech · 11/21/2026 10:05 AM")];
        lines.extend(shown);
        let reading = read(
            TICKET_URL,
            body(vec![
                heading("T20261121.0012", "Scan to email stopped working"),
                field("Status", band("In Progress")),
                field("Account", vec![X("Hudson Law Group PC")]),
                E(
                    "section",
                    vec![],
                    vec![E("h3", vec![], vec![X("Activity")]), div(lines)],
                ),
            ]),
        );
        let page = ticket(&reading);
        let minutes = page.time_entries.as_ref().unwrap()[0].minutes;
        (minutes, page.unreadable_fields.clone())
    };
    assert_eq!(entry(vec![line("Time worked: 20 min")]).0, Some(20));
    assert_eq!(entry(vec![line("Duration: 0:20")]).0, Some(20));
    assert_eq!(
        entry(vec![E(
            "p",
            vec![],
            vec![
                E("b", vec![], vec![X("Time Spent")]),
                E("span", vec![], vec![X("1h 5m")])
            ]
        )])
        .0,
        Some(65)
    );
    assert_eq!(entry(vec![line("Hours: 1.5")]).0, Some(90));
    let (minutes, unreadable) = entry(vec![line("Duration: 20")]);
    assert_eq!(minutes, None);
    assert!(unreadable.contains(&"time_entries[0].minutes".to_string()));
}

/// A label with a word qualifier that names the same field ("Work Type (Billing Code)",
/// "Primary Resource (Role)" beside a known "Queue") is that field: the qualifier is not
/// another field's name, so the field is read, never left unread.
#[test]
fn a_label_qualified_by_words_in_brackets_still_names_its_field() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0007 · Outlook keeps asking for password</h1>
        <dl><dt>Account</dt><dd>Acme Dental LLC</dd><dt>Status</dt><dd>In Progress</dd>
        <dt>Priority</dt><dd>Medium</dd><dt>Queue (Department)</dt><dd>Help Desk</dd>
        <dt>Work Type (Billing Code)</dt><dd>Remote Support</dd>
        <dt>Primary Resource</dt><dd>Mission Control</dd></dl></body>"#,
    );
    let page = ticket(&reading);
    assert_eq!(page.work_type.as_deref(), Some("Remote Support"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
}

/// A company opened in a dialog or drawer (nothing of it on the page behind) is read there,
/// heading and fields; one opened over its own page is not the page (the page is read).
#[test]
fn a_company_shown_only_in_a_dialog_is_read_in_the_dialog() {
    let url = "https://ww14.autotask.net/Mvc/CRM/AccountDetail.mvc?accountId=29684";
    let company = |name: &'static str, plan: &'static str| {
        vec![
            E("h1", vec![], vec![X(name)]),
            field("Classification", vec![X("Non-Managed")]),
            field("Help Desk Support Type", vec![X("Yes")]),
            field("Help Desk Plan", vec![X(plan)]),
        ]
    };
    let dialog = |children| E("div", vec![("role", "dialog")], children);
    let reading = read(
        url,
        body(vec![dialog(company("Hudson Law Group PC", "Hourly"))]),
    );
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name.as_deref(), Some("Hudson Law Group PC"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::Hourly));
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );

    let mut children = company("Acme Dental LLC", "Per Device");
    children.push(dialog(company("Hudson Law Group PC", "Hourly")));
    let reading = read(url, body(children));
    let Some(Page::AutotaskAccount(page)) = reading.page.as_ref() else {
        panic!("not an account page");
    };
    assert_eq!(page.name.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.help_desk_plan, Some(HelpDeskPlan::PerDevice));
}

/// A ticket whose fields are named as other service desks name them ("Customer", "Service
/// Board", "Technician", "Additional Technicians") reads them: they were null, which the
/// checks take as not shown.
#[test]
fn ticket_fields_named_as_other_service_desks_name_them_are_read() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0007 · Outlook keeps asking for password</h1>
        <dl><dt>Customer</dt><dd>Acme Dental LLC</dd><dt>Status</dt><dd>In Progress</dd>
        <dt>Priority</dt><dd>Medium</dd><dt>Service Board</dt><dd>Help Desk</dd>
        <dt>Technician</dt><dd>Mission Control</dd>
        <dt>Additional Technicians</dt><dd></dd></dl></body>"#,
    );
    let page = ticket(&reading);
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.queue.as_deref(), Some("Help Desk"));
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
    assert_eq!(page.secondary_resources, Some(vec![]));
}

/// A ticket without Autotask's heading classes, opened in a dialog over an empty shell, is
/// read in the dialog, its number and fields; it was no page at all (nothing shown).
#[test]
fn a_ticket_without_its_heading_shown_only_in_a_dialog_is_read_there() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><div role="dialog" aria-modal="true"><p><b>T20261121.0007</b></p>
        <dl><dt>Account</dt><dd>Acme Dental LLC</dd><dt>Status</dt><dd>In Progress</dd>
        <dt>Priority</dt><dd>Medium</dd><dt>Queue</dt><dd>Help Desk</dd>
        <dt>Primary Resource</dt><dd>Mission Control</dd></dl></div></body>"#,
    );
    let page = ticket(&reading);
    assert_eq!(page.account.as_deref(), Some("Acme Dental LLC"));
    assert_eq!(page.status.as_deref(), Some("In Progress"));
    assert_eq!(page.primary_resource.as_deref(), Some("Mission Control"));
    assert_eq!(page.number.as_deref(), Some("T20261121.0007"));
}

/// A ticket number written with a number sign ("#T20261121.0007") in the heading, in a
/// title bar or in a Ticket Number field is the number without it (it read as none).
#[test]
fn a_ticket_number_after_a_number_sign_is_read_without_it() {
    let fields = r#"<div><span>Account</span><span>Acme Dental LLC</span></div>
        <div><span>Status</span><span>In Progress</span></div>
        <div><span>Priority</span><span>Medium</span></div>"#;
    for heading in [
        r#"<h1>#T20261121.0007 · Outlook keeps asking for password</h1>"#,
        r#"<div class="TitleBar">Ticket - #T20261121.0007 - Outlook keeps asking for password (Acme Dental LLC)</div>"#,
        r#"<div><span>Ticket Number</span><span>#T20261121.0007</span></div><h1>Outlook keeps asking for password</h1>"#,
    ] {
        let reading = read_html(TICKET_URL, &format!("<body>{heading}{fields}</body>"));
        let page = ticket(&reading);
        assert_eq!(page.number.as_deref(), Some("T20261121.0007"), "{heading}");
        assert_eq!(
            page.title.as_deref(),
            Some("Outlook keeps asking for password"),
            "{heading}"
        );
    }
}

/// The activity drawn as a grid (Date, Type, Created By, Description, Publish): a time
/// entry's row gives its time in the description, "Worked: … - … · Hours Worked: 0.33 —
/// notes", read from that part of the text (it was unreadable); notes keep their texts.
#[test]
fn a_time_entry_in_an_activity_grid_reads_its_time_from_its_description() {
    let reading = read_html(
        TICKET_URL,
        r#"<body><h1>T20261121.0012 · Scan to email fails</h1>
        <div><span>Account</span><span>Hudson Law Group PC</span></div>
        <div><span>Status</span><span>In Progress</span></div>
        <div><span>Priority</span><span>Medium</span></div>
        <h2>Activity</h2><table><thead><tr><th>Date</th><th>Type</th><th>Created By</th>
        <th>Description</th><th>Publish</th></tr></thead><tbody>
        <tr><td>11/21/2026 10:31 AM</td><td>Note</td><td>Sam Tech</td><td>Ada, scan to email works again.</td><td>All Autotask Users</td></tr>
        <tr><td>11/21/2026 10:26 AM</td><td>Time Entry</td><td>Sam Tech</td><td>Worked: 11/21/2026 10:05 AM - 10:25 AM · Hours Worked: 0.33 — Reconfigured the SMTP relay on the copier.</td><td></td></tr>
        </tbody></table></body>"#,
    );
    let page = ticket(&reading);
    assert_eq!(page.time_entries.as_ref().unwrap()[0].minutes, Some(20));
    assert_eq!(page.notes.as_ref().unwrap().len(), 1);
    assert!(
        page.unreadable_fields.is_empty(),
        "{:?}",
        page.unreadable_fields
    );
}

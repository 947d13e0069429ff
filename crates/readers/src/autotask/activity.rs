//! The ticket's activity feed (notes and time entries) and the note or email being written.
//!
//! Structural first choice: `.ConversationItem` items (`data-item-type`, `.Type`,
//! `.PublishText`, `.NoteText`, `.Footer .Timestamp`, `.WorkedRange`), the `.QuickNote`
//! textarea and `.ContentEditable2` rich editors. Fallbacks read the same by meaning: an
//! item's type from its words ("Note", "Time Entry"), visibility from the publish words,
//! the timestamp as the item's date-and-time text, the worked range as two times.

use procguard_core::model::{Draft, Note, TimeEntry, Visibility};
use procguard_core::normalize::{alternatives, has_text, split_at_text, Lowercase};

use super::fields::{doc_of, same_layer};
use super::time::{
    machine_time, page_day_first, parse_date_time, to_rfc3339_new_york, worked_minutes,
};
use crate::dom::{is_control, is_editable, Dom};
use crate::labels::{buttons_named, control_value, find_labels, is_button, normalise_label};
use crate::Reading;

/// What the feed and editors show.
#[derive(Debug, Default)]
pub struct Feed {
    pub notes: Vec<Note>,
    pub time_entries: Vec<TimeEntry>,
    pub draft: Option<Draft>,
    pub hold_targets: Vec<u32>,
}

/// Buttons that save or send what an editor holds.
const SAVE_WORDS: &str = concat!(
    "save|save & close|save and close|save & new|save & send|send|send email|send & close|post|",
    "add note|save note",
);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Note,
    TimeEntry,
    Other,
}

pub fn read_feed(dom: &Dom, doc: usize, reading: &mut Reading) -> Feed {
    let mut feed = Feed::default();
    let day_first = page_day_first(dom, doc);
    for item in items(dom, doc) {
        match kind_of(dom, item) {
            Kind::Note => {
                let index = feed.notes.len();
                reading.anchor_item("notes", index, item);
                feed.notes
                    .push(read_note(dom, item, index, day_first, reading));
            }
            Kind::TimeEntry => {
                let index = feed.time_entries.len();
                reading.anchor_item("time_entries", index, item);
                let minutes = entry_minutes(dom, item, day_first);
                if minutes.is_none() {
                    reading
                        .unreadable
                        .push(procguard_core::fill!("time_entries[{}].minutes", index));
                }
                feed.time_entries.push(TimeEntry {
                    minutes,
                    ..Default::default()
                });
            }
            Kind::Other => {}
        }
    }
    read_draft(dom, &mut feed, reading);
    feed
}

/// Activity items of the ticket's document, in page order.
fn items(dom: &Dom, doc: usize) -> Vec<usize> {
    // Items of the ticket's document (or a frame inside it), in the ticket's layer.
    let in_doc = |i: usize| same_layer(dom, i, doc);
    let structural: Vec<usize> = dom.select(doc, false, &|&i| {
        dom.node(i).has_class("ConversationItem") && in_doc(i)
    });
    if !structural.is_empty() {
        return structural;
    }
    // Fallback: elements that say what item they are (data-item-type), else articles.
    let typed: Vec<usize> = dom.select(doc, false, &|&i| {
        dom.node(i).attr("data-item-type").is_some() && in_doc(i)
    });
    if !typed.is_empty() {
        return outermost(dom, typed);
    }
    let articles = outermost(
        dom,
        dom.select(doc, false, &|&i| {
            let n = dom.node(i);
            (n.tag == "article" || n.role() == Some("article")) && in_doc(i)
        }),
    );
    if !articles.is_empty() {
        return articles;
    }
    items_by_words(dom, doc, &in_doc)
}

/// Words an activity item shows as its type, in a text of its own ("Note · Internal Users
/// Only" has "Note" in its own element). Exact, so that a "Notes" tab or an "Add note" button
/// is not taken for one.
const ITEM_TYPES: &str = concat!(
    "note|ticket note|internal note|time entry|ticket time entry|history|ticket history|email|",
    "attachment",
);

/// Fallback by meaning, for a feed drawn without classes or item markers: every item shows
/// its type word, and its date and time. The item is the element around a type word that
/// first holds a date and time, else the largest (a few levels up at most) holding no other
/// type word: an item whose time cannot be read is still an item, reported so.
fn items_by_words(dom: &Dom, doc: usize, in_doc: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let markers: Vec<usize> = dom.select(doc, false, &|&i| {
        let n = dom.node(i);
        n.raw_len > 0
            && n.raw_len < 120
            && !is_control(n)
            && dom.has_own_text(i)
            && in_doc(i)
            && is_item_type(&dom.own_text(i))
    });
    let shows_time = |scope: usize| {
        for l in leaves(dom, scope) {
            if dom.node(l).raw_len < 60 && parse_date_time(&dom.text(l), false).is_some() {
                return true;
            }
        }
        false
    };
    let mut items = Vec::new();
    for &marker in &markers {
        let mut item = marker;
        for a in dom.ancestors_up_to(marker, 6) {
            if markers.iter().any(|&o| o != marker && dom.contains(a, o)) {
                break;
            }
            item = a;
            if shows_time(a) {
                break;
            }
        }
        // A header line holding the type and the time ("Sam Tech added a Note · 10:31 AM")
        // inside a list item or article, or a small block of its own (header, body, footer)
        // holding no other item: the item is that, which also holds the body.
        let alone = |a: usize| !markers.iter().any(|&o| o != marker && dom.contains(a, o));
        let mut whole = None;
        for a in dom.ancestors_up_to(item, 2) {
            let n = dom.node(a);
            if (matches!(n.tag.as_str(), "li" | "article")
                || matches!(n.role(), Some("listitem" | "article")))
                && alone(a)
            {
                whole = Some(a);
                break;
            }
        }
        if let Some(whole) = whole {
            item = whole;
        } else if let Some(p) = dom.node(item).parent {
            let mut elements = 0;
            for &c in &dom.node(p).children {
                elements += usize::from(!dom.node(c).is_text());
            }
            if elements <= 4 && alone(p) {
                item = p;
            }
        }
        // A tab or button that only says "Note" (the editor's "Note | Email | Time Entry"
        // tabs) is no item: an item shows more than its type.
        if dom.text(item) != dom.text(marker) {
            items.push(item);
        }
    }
    items
}

/// The marks a one-line item header's parts are parted by.
const HEADER_MARKS: [char; 3] = ['·', '|', '•'];

/// Whether a text names an item's type: on its own ("Time Entry"), or first in a one-line
/// header ("Time Entry · Sam Tech · 11/21/2026 10:05 AM", "Note | 09:15 AM").
/// Also a header saying what was done ("Sam Tech added a Note": a verb in the past, an
/// article, the type), never a button ("Add a note").
fn is_item_type(text: &str) -> bool {
    let first = normalise_label(procguard_core::normalize::split_at_any(text, &HEADER_MARKS)[0]);
    for t in alternatives(ITEM_TYPES) {
        if t == first {
            return true;
        }
        // What comes before the type: "… added a" / "… added an".
        let Some(before) = first.strip_suffix(t).and_then(|b| b.strip_suffix(" ")) else {
            continue;
        };
        let before = before
            .strip_suffix(" a")
            .or_else(|| before.strip_suffix(" an"));
        if before.is_some_and(|verb| verb.ends_with("ed")) {
            return true;
        }
    }
    false
}

fn outermost(dom: &Dom, ids: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for &i in &ids {
        if !ids.iter().any(|&o| o != i && dom.contains(o, i)) {
            out.push(i);
        }
    }
    out
}

fn kind_of(dom: &Dom, item: usize) -> Kind {
    let node = dom.node(item);
    if let Some(kind) = node.attr("data-item-type") {
        return kind_of_words(kind);
    }
    if node.has_class("Note") {
        return Kind::Note;
    }
    if node.has_class("TimeEntry") {
        return Kind::TimeEntry;
    }
    if node.has_class("History") {
        return Kind::Other;
    }
    // By words: the item's `.Type` text, else its first short texts.
    if let Some(t) = dom.select_first(item, false, &|&i| dom.node(i).has_class("Type")) {
        return kind_of_words(&dom.text(t));
    }
    let leaves = leaves(dom, item);
    // The first four by a slice, not `take`: its adapter is a copy of its own (issue 8).
    for &leaf in &leaves[..leaves.len().min(4)] {
        let mut kind = kind_of_words(&dom.text(leaf));
        // "<strong>Sam Tech</strong> added a Note <time>…</time>": the header's own words.
        let own = dom.own_text(leaf);
        if kind == Kind::Other && is_item_type(&own) {
            kind = kind_of_words(&own);
        }
        if kind != Kind::Other {
            return kind;
        }
    }
    Kind::Other
}

/// "Note", "Ticket Note", "TicketNote", "Note · Internal Users Only" are notes; "Time
/// Entry"/"TimeEntry" are time entries; anything else (history, attachments, emails) is not
/// read.
fn kind_of_words(words: &str) -> Kind {
    let first = split_at_text(words, "\u{b7}").map_or(words, |(first, _)| first);
    let mut w = String::new();
    for c in normalise_label(first).chars() {
        if procguard_core::normalize::is_word_char(c) {
            w.push(c);
        }
    }
    if has_text(&w, "timeentry") {
        Kind::TimeEntry
    } else if w == "note" || w.ends_with("note") || w.starts_with("note") {
        Kind::Note
    } else {
        Kind::Other
    }
}

/// Elements with text of their own inside `scope`, in order.
fn leaves(dom: &Dom, scope: usize) -> Vec<usize> {
    dom.select(scope, false, &|&i| {
        !is_control(dom.node(i)) && dom.has_own_text(i)
    })
}

fn read_note(dom: &Dom, item: usize, index: usize, day_first: bool, reading: &mut Reading) -> Note {
    let body = note_body(dom, item);
    let text = body.map(|b| dom.text(b)).filter(|t| !t.is_empty());
    if text.is_none() {
        reading
            .unreadable
            .push(procguard_core::fill!("notes[{}].text", index));
    }
    let visibility = note_visibility(dom, item, body);
    if visibility.is_none() {
        reading
            .unreadable
            .push(procguard_core::fill!("notes[{}].visibility", index));
    }
    let at = timestamp(dom, item, body, day_first);
    if at.is_none() {
        reading
            .unreadable
            .push(procguard_core::fill!("notes[{}].at", index));
    }
    Note {
        text,
        visibility,
        at,
        ..Default::default()
    }
}

/// The note body: `.NoteText`, else `.Body`, else the item's longest text.
fn note_body(dom: &Dom, item: usize) -> Option<usize> {
    let by_class = |class: &str| dom.select_first(item, false, &|&i| dom.node(i).has_class(class));
    by_class("NoteText")
        .or_else(|| by_class("Body"))
        .or_else(|| {
            // The longest text that is not a date and time (the last of equals, as
            // `max_by_key` would give).
            let mut longest: Option<(usize, usize)> = None;
            for l in leaves(dom, item) {
                let text = dom.text(l);
                if parse_date_time(&text, false).is_none()
                    && longest.is_none_or(|(_, n)| text.len() >= n)
                {
                    longest = Some((l, text.len()));
                }
            }
            longest.map(|(l, _)| l)
        })
}

/// Visibility from the publish words outside the body: `.PublishText`, else any short
/// text or icon title in the item.
fn note_visibility(dom: &Dom, item: usize, body: Option<usize>) -> Option<Visibility> {
    let outside_body = |i: usize| body.is_none_or(|b| !dom.contains(b, i));
    if let Some(publish) = dom.select_first(item, false, &|&i| {
        dom.node(i).has_class("PublishText") && outside_body(i)
    }) {
        return visibility_of(&dom.text(publish));
    }
    // Loops rather than adapter chains: each chain is its own copy in the wasm (issue 8).
    for i in dom.descendants(item) {
        if !outside_body(i) {
            continue;
        }
        let node = dom.node(i);
        let own = dom.own_text(i);
        // A one-line header's parts ("Note by Sam · 10:12 AM · Internal Users Only").
        if own.len() < 160 {
            for part in header_parts(&own) {
                if let Some(v) = visibility_of(part) {
                    return Some(v);
                }
            }
        }
        for name in ["title", "aria-label"] {
            if let Some(v) = node.attr(name).and_then(visibility_of) {
                return Some(v);
            }
        }
    }
    None
}

/// The parts of a one-line item header ("Note · Sam Tech · 11/21/2026 10:05 AM"), each a
/// short text (a long one is a sentence, whose words say nothing of the item).
/// A list, not a mapped and filtered iterator: each caller's search through the adapters was
/// a copy of its own in the content wasm (issue 8).
fn header_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for part in procguard_core::normalize::split_at_any(text, &HEADER_MARKS) {
        let part = part.trim();
        if part.len() < 60 {
            parts.push(part);
        }
    }
    parts
}

/// Autotask's publish choices: "Internal Users Only" and "Internal & Co-managed Users" are
/// internal; "All Autotask Users" (client portal and co-managing users) is customer-visible,
/// as are a redesign's "Everyone" and "External".
pub fn visibility_of(words: &str) -> Option<Visibility> {
    let w = words.lowercase();
    if has_text(&w, "internal") || has_text(&w, "private") {
        Some(Visibility::Internal)
    } else if has_text(&w, "all autotask users")
        || has_text(&w, "all users")
        || has_text(&w, "public")
        || has_text(&w, "customer")
        || has_text(&w, "client portal")
        || has_text(&w, "visible to client")
        || has_text(&w, "visible to contact")
        || has_text(&w, "everyone")
        || has_text(&w, "external")
    {
        Some(Visibility::Customer)
    } else {
        None
    }
}

/// The item's timestamp: `.Timestamp`, else the first short text outside the body that is a
/// date and time; else the first such tooltip (a time shown relative, "15 days ago", holds
/// the moment whole in its `title`) or machine-readable moment (`<time datetime>`).
fn timestamp(dom: &Dom, item: usize, body: Option<usize>, day_first: bool) -> Option<String> {
    let stamp = dom.select_first(item, false, &|&i| dom.node(i).has_class("Timestamp"));
    if let Some(at) = stamp.and_then(|stamp| parse_date_time(&dom.text(stamp), day_first)) {
        return Some(to_rfc3339_new_york(at));
    }
    for l in leaves(dom, item) {
        if body.is_some_and(|b| dom.contains(b, l)) || dom.node(l).raw_len >= 160 {
            continue;
        }
        let mut shown = None;
        if stamp.is_none() {
            for part in header_parts(&dom.text(l)) {
                shown = parse_date_time(part, day_first);
                if shown.is_some() {
                    break;
                }
            }
        }
        let node = dom.node(l);
        let tooltip = || parse_date_time(node.attr("title")?, day_first);
        if let Some(at) = shown.or_else(tooltip) {
            return Some(to_rfc3339_new_york(at));
        }
        if let Some(at) = node.attr("datetime").and_then(machine_time) {
            return Some(at);
        }
    }
    None
}

/// Minutes of a time entry: its worked range (`.WorkedRange`, else the text after a
/// "Worked" label, else any text holding two times), else its hours worked.
fn entry_minutes(dom: &Dom, item: usize, day_first: bool) -> Option<i64> {
    if let Some(range) = dom.select_first(item, false, &|&i| dom.node(i).has_class("WorkedRange")) {
        return worked_minutes(&dom.text(range), day_first);
    }
    for label in ["Worked", "Time Worked", "Worked Range"] {
        for l in find_labels(dom, item, label) {
            if let Some((_, text)) = crate::labels::text_after_label(dom, l) {
                if let Some(minutes) = worked_minutes(&text, day_first) {
                    return Some(minutes);
                }
            }
        }
    }
    let leaves = leaves(dom, item);
    for &l in &leaves {
        if dom.node(l).raw_len < 80 {
            if let Some(minutes) = worked_minutes(&dom.text(l), day_first) {
                return Some(minutes);
            }
        }
    }
    // Separate start and end fields ("Start Time 10:05 AM", "End Time 10:25 AM").
    // Loops, not nested `find_map`s: each adapter is a copy of its own in the wasm (issue 8).
    let at_label = |labels: &str| {
        for l in alternatives(labels) {
            for label in find_labels(dom, item, l) {
                if let Some((_, text)) = crate::labels::text_after_label(dom, label) {
                    return Some(text);
                }
            }
        }
        None
    };
    if let (Some(start), Some(end)) = (
        at_label("Start Time|Start|Started"),
        at_label("End Time|End|Ended"),
    ) {
        if let Some(minutes) =
            worked_minutes(&procguard_core::fill!("{} - {}", start, end), day_first)
        {
            return Some(minutes);
        }
    }
    // The time as a duration after its label: "Hours Worked 0.33", "Time Worked 20 min".
    for label in DURATION_LABELS {
        for l in find_labels(dom, item, label) {
            if let Some((_, text)) = crate::labels::text_after_label(dom, l) {
                if let Some(minutes) = duration_after(label, &text) {
                    return Some(minutes);
                }
            }
        }
    }
    // The label and its value in one element ("Hours Worked: 0.33", "Duration: 0:20"), or
    // in one part of a longer text (a grid's description cell: "Worked: 11/21/2026 10:05 AM
    // - 10:25 AM · Hours Worked: 0.33 — Reconfigured the relay"). Not parted at "–": a range
    // may be written with it.
    for l in leaves {
        if dom.node(l).raw_len >= 400 {
            continue;
        }
        let text = dom.text(l);
        for part in
            procguard_core::normalize::split_at_any(&text, &['\u{b7}', '\u{2014}', '|', '\u{2022}'])
        {
            let Some((label, value)) = split_at_text(part, ":") else {
                continue;
            };
            let label = normalise_label(label);
            for name in DURATION_LABELS {
                if label.eq_ignore_ascii_case(name) {
                    if let Some(minutes) =
                        duration_after(name, value).or_else(|| worked_minutes(value, day_first))
                    {
                        return Some(minutes);
                    }
                }
            }
        }
    }
    None
}

/// Labels of a time entry's time worked as a duration (a bare number is hours only after
/// the ones that say hours).
const DURATION_LABELS: [&str; 7] = [
    "Hours Worked",
    "Hours",
    "Time Worked",
    "Worked",
    "Duration",
    "Time Spent",
    "Total Time",
];

fn duration_after(label: &str, text: &str) -> Option<i64> {
    super::time::duration_minutes(text, label.starts_with("Hours"))
}

/// Whether an element is something the user clicks: a button, or Autotask's `.Button2`
/// (structural) or any element whose class names a button, or a block the keyboard reaches
/// (`tabindex` 0: `.Button2` is one, and without its class that is all that is left of it).
fn is_button_like(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    is_button(dom, id)
        || node.has_class("Button2")
        || (node.attr("tabindex") == Some("0") && node.role().is_none())
        || node.has_class("button")
}

/// The note or email being written: a visible rich editor or a note textarea that holds
/// text. Editors are looked for in every document of the page (a note dialog lives in the
/// new shell's overlay frame). Choice: when several hold text, a customer-visible one wins
/// (the riskier one is checked), else the first.
fn read_draft(dom: &Dom, feed: &mut Feed, reading: &mut Reading) {
    let root = dom.roots().next().unwrap_or(0);
    let mut drafts: Vec<(usize, String, Option<Visibility>, Vec<u32>)> = Vec::new();
    for editor in dom.select(root, true, &|&i| is_editor(dom, i)) {
        let text = editor_text(dom, editor);
        if text.is_empty() {
            continue;
        }
        let container = editor_container(dom, editor);
        let visibility = draft_visibility(dom, editor, container);
        let mut buttons = Vec::new();
        if let Some(c) = container {
            for b in buttons_named(dom, c, SAVE_WORDS, is_button_like) {
                buttons.push(dom.node(b).element);
            }
        }
        drafts.push((editor, text, visibility, buttons));
    }
    let chosen = drafts
        .iter()
        .position(|d| d.2 == Some(Visibility::Customer))
        .or((!drafts.is_empty()).then_some(0));
    let Some(chosen) = chosen else {
        return;
    };
    let (editor, text, visibility, buttons) = drafts.swap_remove(chosen);
    reading.anchor("draft", editor);
    if visibility.is_none() {
        reading.unreadable.push("draft.visibility".into());
    }
    feed.draft = Some(Draft {
        text: Some(text),
        visibility,
        ..Default::default()
    });
    feed.hold_targets = buttons;
}

/// A rich editor (`contenteditable`, `.ContentEditable2` being Autotask's) or a textarea for
/// a note, reply or email (not a ticket's own Description field).
fn is_editor(dom: &Dom, id: usize) -> bool {
    let node = dom.node(id);
    if is_editable(node) {
        // The outermost editable element only.
        return dom
            .node(id)
            .parent
            .is_none_or(|p| dom.closest(p, &is_editable).is_none());
    }
    if node.tag != "textarea" || node.attr("disabled").is_some() || node.attr("readonly").is_some()
    {
        return false;
    }
    if dom.closest(id, &|n| n.has_class("QuickNote")).is_some() {
        return true;
    }
    // Written as it goes, not mapped, collected and joined (issue 8).
    let mut words = String::new();
    for name in ["aria-label", "placeholder", "name", "title"] {
        if let Some(w) = node.attr(name) {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&w.lowercase());
        }
    }
    let says_note = |words: &str| {
        ["note", "reply", "email", "message", "comment"]
            .iter()
            .any(|w| has_text(words, w))
    };
    if says_note(&words) {
        return true;
    }
    // A box labelled only "Description" in a form or section headed "New Note", "Add Note",
    // "Reply": the heading says what is being written.
    let container = dom.closest(id, &|n| {
        matches!(n.tag.as_str(), "section" | "form" | "dialog")
            || matches!(n.role(), Some("dialog" | "form" | "region"))
    });
    container
        .and_then(|c| {
            dom.select_first(c, false, &|&i| {
                let n = dom.node(i);
                matches!(n.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "legend")
                    || n.role() == Some("heading")
            })
        })
        .is_some_and(|h| says_note(&dom.text(h).lowercase()))
}

/// The editor's text; a rich editor's placeholder (an attribute equal to its text) is not text.
fn editor_text(dom: &Dom, editor: usize) -> String {
    let node = dom.node(editor);
    let text = control_value(dom, editor);
    let placeholder = ["data-placeholder", "aria-placeholder", "placeholder"]
        .iter()
        .find_map(|a| node.attr(a));
    if placeholder.is_some_and(|p| crate::dom::collapse_whitespace(p) == text) {
        return String::new();
    }
    text
}

/// The smallest container around the editor that holds its Save/Send buttons (a note
/// page's toolbar may be far above its editor), within the editor's own document.
fn editor_container(dom: &Dom, editor: usize) -> Option<usize> {
    let doc = doc_of(dom, editor);
    for a in dom.ancestors_up_to(editor, 14) {
        if !dom.contains(doc, a) {
            break;
        }
        if !buttons_named(dom, a, SAVE_WORDS, is_button_like).is_empty() {
            return Some(a);
        }
    }
    None
}

/// An email (a composer with a Send button or a To line, or an editor named as an email
/// body) goes to the contact: customer. A note takes its publish choice.
fn draft_visibility(dom: &Dom, editor: usize, container: Option<usize>) -> Option<Visibility> {
    let node = dom.node(editor);
    let named_email = ["aria-label", "placeholder"].iter().any(|&a| {
        node.attr(a)
            .is_some_and(|w| has_text(&w.lowercase(), "email"))
    });
    let scope = container.unwrap_or(editor);
    let is_email = named_email
        || dom
            .closest(editor, &|n| n.has_class("EmailComposer"))
            .is_some()
        || !buttons_named(dom, scope, "send|send email|send & close", is_button_like).is_empty()
        || !find_labels(dom, scope, "To").is_empty();
    if is_email {
        return Some(Visibility::Customer);
    }
    // A publish control: a select or combobox labelled "Publish"/"Publish to", or whose
    // value is a publish choice; else a checked radio naming one.
    let controls: Vec<usize> = dom.select(scope, false, &|&i| {
        i != editor && is_control(dom.node(i)) && dom.node(i).checked.is_none()
    });
    for c in controls {
        if let Some(v) = visibility_of(&control_value(dom, c)) {
            return Some(v);
        }
    }
    for radio in dom.descendants(scope) {
        let n = dom.node(radio);
        if !n.is_ticked() {
            continue;
        }
        let label = crate::labels::choice_label(dom, radio);
        if let Some(v) = visibility_of(&label) {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::visibility_of;
    use procguard_core::model::Visibility;

    #[test]
    fn publish_words_map_to_internal_or_customer_and_unknown_words_to_neither() {
        for (words, visibility) in [
            ("Internal Users Only", Some(Visibility::Internal)),
            ("Internal & Co-managed Users", Some(Visibility::Internal)),
            ("Private", Some(Visibility::Internal)),
            ("All Autotask Users", Some(Visibility::Customer)),
            ("Visible to everyone", Some(Visibility::Customer)),
            ("External", Some(Visibility::Customer)),
            ("Client Portal", Some(Visibility::Customer)),
            ("Visible to contact", Some(Visibility::Customer)),
            ("Visible to client", Some(Visibility::Customer)),
            ("Contact: Ada Hudson", None),
            ("Team", None),
        ] {
            assert_eq!(visibility_of(words), visibility, "{words}");
        }
    }
}

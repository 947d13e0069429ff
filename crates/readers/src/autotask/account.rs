//! The Autotask company (account/organization) page: it teaches the directory the customer's
//! help-desk plan (UDFs "Help Desk Support Type" and "Help Desk Plan") and classification.

use procguard_core::model::{AccountPage, HelpDeskPlan, Page};
use procguard_core::normalize::Lowercase;

use super::fields::{doc_of, doc_showing, is_heading_text, read_text, same_layer, LabelIndex};
use crate::dom::Dom;
use crate::labels::plan_of;
use crate::Reading;

/// The name's labels but "Name" alone: away from a company's address and without its
/// heading, a bare "Name" field does not make a page a company's. One list written once.
macro_rules! qualified_name {
    () => {
        "Account Name|Company Name|Organization Name"
    };
}
const QUALIFIED_NAME: &str = qualified_name!();
const NAME: &str = concat!(qualified_name!(), "|Name");
const SUPPORT_TYPE: &str = "Help Desk Support Type|Helpdesk Support Type";
const PLAN: &str = "Help Desk Plan|Helpdesk Plan";
const CLASSIFICATION: &str = "Classification|Account Classification|Company Classification";

pub fn read(dom: &Dom, index: &LabelIndex, root: usize, url_says_account: bool) -> Option<Reading> {
    // The company's document: the one whose heading is shown (the classic page, or the new
    // shell's frame), found by the fields it must have.
    let doc = company_doc(dom, index, root)?;
    let mut reading = Reading::default();
    let mut page = AccountPage::default();

    let heading = heading_title(dom, doc);
    // Elsewhere than at a company's address, a company page shows its heading or its name
    // as a field ("Account Name:" on the classic page).
    if !url_says_account
        && heading.is_none()
        && read_text(dom, index, doc, QUALIFIED_NAME).is_none()
    {
        return None;
    }
    match heading {
        Some(h) => {
            reading.anchor("name", h);
            page.name = Some(dom.text(h));
        }
        None => match read_text(dom, index, doc, NAME) {
            Some((field, text)) => {
                reading.anchor("name", field.value.unwrap_or(field.label));
                match text.filter(|t| !t.is_empty()) {
                    Some(t) => page.name = Some(t),
                    None => reading.unreadable.push("name".into()),
                }
            }
            None => match name_from_bar(dom, doc) {
                Some((bar, name)) => {
                    reading.anchor("name", bar);
                    page.name = Some(name);
                }
                None => reading.unreadable.push("name".into()),
            },
        },
    }

    let support = read_text(dom, index, doc, SUPPORT_TYPE);
    if let Some((field, text)) = &support {
        reading.anchor("help_desk_support_type", field.value.unwrap_or(field.label));
        match text {
            Some(t) => page.help_desk_support_type = Some(t.clone()),
            None => reading.unreadable.push("help_desk_support_type".into()),
        }
    }
    match read_text(dom, index, doc, PLAN) {
        Some((field, text)) => {
            reading.anchor("help_desk_plan", field.value.unwrap_or(field.label));
            match text.as_deref().and_then(plan_of) {
                Some(plan) => page.help_desk_plan = Some(plan),
                None => reading.unreadable.push("help_desk_plan".into()),
            }
        }
        None => {
            // Choice: without a "Help Desk Plan" UDF, the support type teaches what it can:
            // plan words map as usual, "No" is no plan, and "Yes" (a help-desk customer whose
            // plan the page does not say, as Hudson: Yes with Hourly) is `unknown`.
            page.help_desk_plan = page.help_desk_support_type.as_deref().map(|t| {
                match t.trim().lowercase().as_str() {
                    "yes" | "y" | "true" => HelpDeskPlan::Unknown,
                    _ => plan_of(t).unwrap_or(HelpDeskPlan::Unknown),
                }
            });
        }
    }
    if let Some((field, text)) = read_text(dom, index, doc, CLASSIFICATION) {
        reading.anchor("classification", field.value.unwrap_or(field.label));
        match text {
            Some(t) if !t.is_empty() => page.classification = Some(t),
            // An empty classification is shown as nothing: null.
            Some(_) => {}
            None => reading.unreadable.push("classification".into()),
        }
    }

    page.unreadable_fields = std::mem::take(&mut reading.unreadable);
    reading.page = Some(Page::AutotaskAccount(page));
    Some(reading)
}

/// The document showing the company's fields (one showing "Classification" or a help-desk
/// UDF), as `fields::doc_showing` finds it.
fn company_doc(dom: &Dom, index: &LabelIndex, root: usize) -> Option<usize> {
    doc_showing(dom, root, &|doc| {
        [CLASSIFICATION, SUPPORT_TYPE, PLAN]
            .iter()
            .any(|&labels| read_text(dom, index, doc, labels).is_some())
    })
}

/// The heading's name: structurally `.EntityHeadingContainer .Title .Text`; fallback, the
/// first `h1` of the document.
fn heading_title(dom: &Dom, doc: usize) -> Option<usize> {
    let in_doc = |i: usize| doc_of(dom, i) == doc && same_layer(dom, i, doc);
    dom.select_first(doc, false, &|&i| {
        is_heading_text(dom, i) && in_doc(i) && !dom.text(i).is_empty()
    })
    .or_else(|| {
        dom.select_first(doc, false, &|&i| {
            let n = dom.node(i);
            (n.tag == "h1" || (n.role() == Some("heading") && n.attr("aria-level") == Some("1")))
                && in_doc(i)
                && !dom.text(i).is_empty()
        })
    })
}

/// The name from a title bar that gives it after the kind of page: "Account - Hudson Law
/// Group PC" (also "Company", "Organization"; a dash, en dash or colon), the deepest element
/// of the company's document that says so, not in a dialog.
fn name_from_bar(dom: &Dom, doc: usize) -> Option<(usize, String)> {
    let first_text = dom.first_text_leaf(doc, doc);
    let kind_apart = |i: usize, len: usize| {
        let first = dom.first_text_leaf(i, i);
        first.is_some_and(|f| dom.text(f).len() == len) && first == first_text
    };
    let name_in = |i: usize| -> Option<String> {
        let text = dom.text(i);
        for kind in ["account", "company", "organization"] {
            let Some(head) = text.get(..kind.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(kind) {
                continue;
            }
            let rest = text[kind.len()..].trim_start();
            let name = match rest.strip_prefix(['-', '–', ':']) {
                Some(name) => name.trim(),
                // The kind in an element of its own and the name in the next, with no
                // separator ("<span>Account</span><span>Hudson…</span>"): only for the bar
                // that opens the document (a menu's "Account" item is followed by others).
                None if kind_apart(i, kind.len()) => rest,
                None => return None,
            };
            return (!name.is_empty()).then(|| name.to_string());
        }
        None
    };
    let bars = dom.select(doc, false, &|&i| {
        dom.node(i).raw_len < 200
            && doc_of(dom, i) == doc
            && same_layer(dom, i, doc)
            && name_in(i).is_some()
    });
    // The deepest: a bar that holds no other (the title bar's text, not its container).
    let bar = *dom.innermost(&bars).first()?;
    Some((bar, name_in(bar)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_words_map_to_the_directory_enum() {
        assert_eq!(
            plan_of("Per-Device (Onboarded)"),
            Some(HelpDeskPlan::PerDevice)
        );
        assert_eq!(
            plan_of("Hourly (non-onboarded)"),
            Some(HelpDeskPlan::Hourly)
        );
        assert_eq!(plan_of("None"), Some(HelpDeskPlan::None));
        assert_eq!(plan_of(""), Some(HelpDeskPlan::Unknown));
        for hourly in ["Break/Fix", "Time & Materials", "Pay as you go (hourly)"] {
            assert_eq!(plan_of(hourly), Some(HelpDeskPlan::Hourly), "{hourly}");
        }
        assert_eq!(plan_of("Platinum"), None);
    }
}

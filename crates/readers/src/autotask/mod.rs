//! Autotask PSA: the ticket detail page (classic, or framed by the 2025+ UI shell) and the
//! company (account) page.
//!
//! Fields are found by their visible labels. Autotask's well-known structural classes
//! (`.EntityHeadingContainer .IdentificationText`, `.Title .Text`, `.ReadOnlyData` with
//! `.PrimaryText` labels, `.ConversationItem`, `.QuickNote`, `.ContentEditable2`) are tried
//! first, each with a label- or meaning-driven fallback. Generated ids (`z` + 32 hex, random
//! per load) are never used.

mod account;
mod activity;
mod fields;
mod ticket;
mod time;

use crate::dom::Dom;
use crate::Reading;
use procguard_core::normalize::{has_text, split_at_text, Lowercase};

pub use crate::labels::plan_of;

/// The ticket or company page shown, or `None` for other Autotask pages (ticket lists,
/// dashboards…).
pub fn read(dom: &Dom) -> Option<Reading> {
    let root = dom.roots().next()?;
    let path = path_of(&dom.url);
    let url_says_ticket = has_text(&path, "ticketdetail");
    // ExecuteCommand.aspx?Code=OpenAccount is the classic UI's link to a company.
    let url_says_account = [
        "accountdetail",
        "companydetail",
        "organizationdetail",
        "code=openaccount",
    ]
    .iter()
    .any(|p| has_text(&path, p));
    let index = fields::LabelIndex::new(dom);
    if url_says_account {
        return account::read(dom, &index, root, true);
    }
    if let Some(reading) = ticket::read(dom, &index, root, url_says_ticket) {
        return Some(reading);
    }
    if url_says_ticket {
        return None;
    }
    account::read(dom, &index, root, false)
}

/// The address without scheme and host, lower case (path, query and fragment: the new shell
/// may name the page in its fragment).
fn path_of(url: &str) -> String {
    let rest = split_at_text(url, "://").map_or(url, |(_, r)| r);
    rest.find(['/', '?', '#'])
        .map_or("", |at| &rest[at..])
        .lowercase()
}

#[cfg(test)]
mod tests;

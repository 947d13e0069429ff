//! The page as read, and the small pieces of a result, written as JSON by hand: byte for byte
//! what `serde_json::to_string` writes for them (`crates/core/tests/page_json.rs` holds every
//! fixture page, every page kind full and empty, and unknown fields to it).
//!
//! Why by hand: serde's derived `Serialize` for the pages, through a serde writer of our own
//! (`json_out`, in the history), was 3.2 KB of the Autotask content module's gzip (issue 8),
//! for a dozen flat structs of strings, numbers and names; serde_json's writer is larger
//! still. The findings are written the same way (`Finding::write_json`).

use crate::engine::{push_json_string, push_number};
use crate::model::*;
use crate::Diagnostic;

/// A JSON object under way: a `,` before each member but the first, `}` at `close`.
struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// `{"kind":"<kind>"`: a page, tagged as serde's `#[serde(tag = "kind")]` writes it.
    fn tagged(out: &'a mut String, kind: &str) -> Object<'a> {
        let mut object = Object::open(out);
        object.name("kind", Some(kind));
        object
    }

    fn open(out: &'a mut String) -> Object<'a> {
        out.push('{');
        Object { out, first: true }
    }

    /// Starts a member; `key` is one of the model's field names (no escaping needed).
    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn text(&mut self, key: &str, value: Option<&str>) {
        let out = self.key(key);
        match value {
            Some(text) => push_json_string(out, text),
            None => out.push_str("null"),
        }
    }

    /// An enum's name (kebab-case, as `#[serde(rename_all)]` gives it).
    fn name(&mut self, key: &str, value: Option<&str>) {
        self.text(key, value);
    }

    fn number(&mut self, key: &str, value: Option<i64>) {
        let out = self.key(key);
        match value {
            Some(n) => push_number(out, n),
            None => out.push_str("null"),
        }
    }

    // Only a ticket has a yes/no field.
    #[cfg_attr(not(feature = "ticket"), allow(dead_code))]
    fn flag(&mut self, key: &str, value: Option<bool>) {
        let out = self.key(key);
        out.push_str(match value {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        });
    }

    fn texts(&mut self, key: &str, value: Option<&[String]>) {
        let out = self.key(key);
        match value {
            Some(items) => write_texts(out, items),
            None => out.push_str("null"),
        }
    }

    fn list<T>(&mut self, key: &str, value: Option<&[T]>, write: fn(&T, &mut String)) {
        let out = self.key(key);
        match value {
            Some(items) => write_list(out, items, write),
            None => out.push_str("null"),
        }
    }

    /// `unreadable_fields`, left out when empty (`skip_serializing_if = "Vec::is_empty"`).
    fn unreadable(&mut self, fields: &[String]) {
        if !fields.is_empty() {
            self.texts("unreadable_fields", Some(fields));
        }
    }

    /// The fields procguard does not know, after the others (`#[serde(flatten)]`), and `}`.
    fn close(self, extra: &Extra) {
        #[cfg(feature = "unknown-fields")]
        for (at, (key, value)) in extra.iter().enumerate() {
            if !self.first || at > 0 {
                self.out.push(',');
            }
            push_json_string(self.out, key);
            self.out.push(':');
            // Unknown values may be anything JSON holds, fractions too: serde_json's writer,
            // which a build that keeps unknown fields carries anyway.
            self.out
                .push_str(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()));
        }
        #[cfg(not(feature = "unknown-fields"))]
        let _ = extra;
        self.out.push('}');
    }
}

fn write_list<T>(out: &mut String, items: &[T], write: fn(&T, &mut String)) {
    out.push('[');
    for (at, item) in items.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

fn write_texts(out: &mut String, items: &[String]) {
    write_list(out, items, |text, out| push_json_string(out, text));
}

/// Element indexes (`hold_targets`, `final_targets`) as a JSON list.
pub fn write_indexes(out: &mut String, items: &[u32]) {
    write_list(out, items, |n, out| push_number(out, i64::from(*n)));
}

/// The diagnostics of a result as a JSON list.
pub fn write_diagnostics(out: &mut String, items: &[Diagnostic]) {
    write_list(out, items, |d, out| {
        let mut o = Object::open(out);
        o.text("check", Some(&d.check));
        o.text("message", Some(&d.message));
        o.out.push('}');
    });
}

/// The page as read, or `null`.
pub fn write_page(out: &mut String, page: Option<&Page>) {
    match page {
        Some(page) => page.write_json(out),
        None => out.push_str("null"),
    }
}

impl Page {
    /// The page as serde_json writes it: `{"kind": …, its fields…}`.
    pub fn write_json(&self, out: &mut String) {
        let mut o = Object::tagged(out, self.kind());
        match self {
            #[cfg(feature = "cart")]
            Page::Pax8Cart(p) => {
                o.text("customer", p.customer.as_deref());
                o.list("lines", p.lines.as_deref(), CartLine::write_json);
                o.text("primary_contact_email", p.primary_contact_email.as_deref());
                o.text("order_contact_email", p.order_contact_email.as_deref());
                o.text("domain", p.domain.as_deref());
                o.text("acceptance_date", p.acceptance_date.as_deref());
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
            #[cfg(feature = "ticket")]
            Page::AutotaskTicket(p) => {
                o.text("number", p.number.as_deref());
                o.text("title", p.title.as_deref());
                o.text("account", p.account.as_deref());
                o.text("status", p.status.as_deref());
                o.text("priority", p.priority.as_deref());
                o.text("queue", p.queue.as_deref());
                o.text("source", p.source.as_deref());
                o.text("work_type", p.work_type.as_deref());
                o.text("primary_resource", p.primary_resource.as_deref());
                o.texts("secondary_resources", p.secondary_resources.as_deref());
                o.text("configuration_item", p.configuration_item.as_deref());
                o.flag("escalated_from_vendor", p.escalated_from_vendor);
                o.list("notes", p.notes.as_deref(), |note, out| {
                    let mut o = Object::open(out);
                    o.text("text", note.text.as_deref());
                    o.name("visibility", note.visibility.map(visibility));
                    o.text("at", note.at.as_deref());
                    o.close(&note.extra);
                });
                o.list("time_entries", p.time_entries.as_deref(), |entry, out| {
                    let mut o = Object::open(out);
                    o.number("minutes", entry.minutes);
                    o.close(&entry.extra);
                });
                let out = o.key("draft");
                match &p.draft {
                    Some(draft) => {
                        let mut d = Object::open(out);
                        d.text("text", draft.text.as_deref());
                        d.name("visibility", draft.visibility.map(visibility));
                        d.close(&draft.extra);
                    }
                    None => out.push_str("null"),
                }
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
            #[cfg(feature = "mimecast")]
            Page::MimecastUpgrade(p) => {
                o.text("customer", p.customer.as_deref());
                o.text("current_product", p.current_product.as_deref());
                o.number("current_seats", p.current_seats);
                o.number("seat_adjustment", p.seat_adjustment);
                o.name("product_option", p.product_option.map(product_option));
                o.text("new_product", p.new_product.as_deref());
                o.text("implementation_lead", p.implementation_lead.as_deref());
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
            #[cfg(feature = "mcam")]
            Page::McamNewUser(p) => {
                o.text("account", p.account.as_deref());
                o.text("upn", p.upn.as_deref());
                o.texts("existing_upns", p.existing_upns.as_deref());
                o.text("service", p.service.as_deref());
                o.texts("purchased_services", p.purchased_services.as_deref());
                o.list(
                    "service_statuses",
                    p.service_statuses.as_deref(),
                    |s, out| {
                        let mut o = Object::open(out);
                        o.text("service", s.service.as_deref());
                        o.name("status", s.status.map(status_light));
                        o.close(&s.extra);
                    },
                );
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
            #[cfg(feature = "account")]
            Page::AutotaskAccount(p) => {
                o.text("name", p.name.as_deref());
                o.text(
                    "help_desk_support_type",
                    p.help_desk_support_type.as_deref(),
                );
                o.name("help_desk_plan", p.help_desk_plan.map(HelpDeskPlan::as_str));
                o.text("classification", p.classification.as_deref());
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
            #[cfg(feature = "site-summary")]
            Page::ItGlueSiteSummary(p) => {
                o.text("organization", p.organization.as_deref());
                o.name("help_desk_plan", p.help_desk_plan.map(HelpDeskPlan::as_str));
                o.list(
                    "authorization_contacts",
                    p.authorization_contacts.as_deref(),
                    |contact, out| {
                        let mut o = Object::open(out);
                        o.text("name", Some(&contact.name));
                        o.text("email", contact.email.as_deref());
                        let out = o.key("authority");
                        write_list(out, &contact.authority, |a, out| {
                            push_json_string(out, a.as_str())
                        });
                        o.close(&contact.extra);
                    },
                );
                o.unreadable(&p.unreadable_fields);
                o.close(&p.extra);
            }
        }
    }
}

impl CartLine {
    /// The line as serde_json writes it.
    pub fn write_json(&self, out: &mut String) {
        let mut o = Object::open(out);
        o.text("product", self.product.as_deref());
        o.number("quantity", self.quantity);
        o.name("term", self.term.map(Term::as_str));
        o.name("billing", self.billing.map(billing));
        o.close(&self.extra);
    }
}

// The names serde gives these enums (`rename_all = "kebab-case"`).

fn billing(billing: Billing) -> &'static str {
    match billing {
        Billing::Monthly => "monthly",
        Billing::Annual => "annual",
    }
}

#[cfg(feature = "ticket")]
fn visibility(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Internal => "internal",
        Visibility::Customer => "customer",
    }
}

#[cfg(feature = "mimecast")]
fn product_option(option: ProductOption) -> &'static str {
    match option {
        ProductOption::Keep => "keep",
        ProductOption::Add => "add",
        ProductOption::New => "new",
    }
}

#[cfg(feature = "mcam")]
fn status_light(light: StatusLight) -> &'static str {
    match light {
        StatusLight::Grey => "grey",
        StatusLight::Red => "red",
        StatusLight::Orange => "orange",
        StatusLight::Green => "green",
    }
}

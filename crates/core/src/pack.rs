//! The settings pack: the directory the checks see, the effective policy and the technician,
//! written by the extension's full build of the core (the service worker, which reads the
//! stored settings with serde, applies what pages taught and layers the organisation's
//! policy) and read by the content script's build.
//!
//! Why a format of its own (issue 8: the content script's payload): decoding the stored
//! directory, learned facts and policy overrides by name, with an error path for every field
//! and the policy merge behind them, was a third of every content-script module. The pack is
//! JSON, but positional: each struct is a list of its fields in the order below, each enum a
//! number, so that reading it takes one call per field. It is never stored: the worker writes
//! it from what it has loaded and the content script reads it at once, both from the same
//! build, so it needs no versioning beyond its tag. Fields a build does not know (`extra`)
//! are not carried: no check reads them.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::engine::push_json_string;
use crate::json::{JsonError, Reader};
use crate::model::*;
use crate::policy::Policy;

/// The first item of every pack.
pub const PACK_FORMAT: &str = "procguard/settings-pack@1";

type Result<T> = std::result::Result<T, JsonError>;

/// Writes a pack: a JSON list whose items are written in turn, lists nested as records.
#[derive(Default)]
pub struct PackWriter {
    out: String,
    /// Whether the next item needs a `,` before it.
    after_item: bool,
}

impl PackWriter {
    /// A pack under way, its tag written.
    pub fn new() -> PackWriter {
        let mut writer = PackWriter::default();
        writer.open();
        writer.string(PACK_FORMAT);
        writer
    }

    /// The finished pack.
    pub fn finish(mut self) -> String {
        self.close();
        self.out
    }

    fn item(&mut self) {
        if self.after_item {
            self.out.push(',');
        }
        self.after_item = true;
    }

    /// Starts a nested list (a record or a list of items).
    pub fn open(&mut self) {
        self.item();
        self.out.push('[');
        self.after_item = false;
    }

    pub fn close(&mut self) {
        self.out.push(']');
        self.after_item = true;
    }

    pub fn null(&mut self) {
        self.item();
        self.out.push_str("null");
    }

    pub fn string(&mut self, text: &str) {
        self.item();
        push_json_string(&mut self.out, text);
    }

    pub fn opt_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub fn number(&mut self, n: i64) {
        self.item();
        crate::push_number(&mut self.out, n);
    }

    pub fn opt_number(&mut self, n: Option<i64>) {
        match n {
            Some(n) => self.number(n),
            None => self.null(),
        }
    }

    pub fn bool(&mut self, b: bool) {
        self.item();
        self.out.push_str(if b { "true" } else { "false" });
    }

    pub fn opt_bool(&mut self, b: Option<bool>) {
        match b {
            Some(b) => self.bool(b),
            None => self.null(),
        }
    }

    /// A JSON value as it is (the help-desk vendor's SLA table keeps the values it was given).
    pub fn value(&mut self, value: &Value) {
        self.item();
        self.out.push_str(&value.to_string());
    }

    pub fn strings(&mut self, items: &[String]) {
        self.list(items, |w, s| w.string(s));
    }

    pub fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut PackWriter, &T)) {
        self.open();
        for item in items {
            write(self, item);
        }
        self.close();
    }

    /// The directory the checks see, or `null` when none is imported.
    pub fn directory(&mut self, directory: Option<&Directory>) {
        let Some(d) = directory else {
            return self.null();
        };
        self.open();
        self.msp(&d.msp);
        self.list(&d.customers, PackWriter::customer);
        self.close();
    }

    fn msp(&mut self, m: &Msp) {
        self.open();
        self.opt_string(m.name.as_deref());
        self.strings(&m.email_domains);
        self.strings(&m.senior_staff);
        self.opt_string(m.billing_contact.as_deref());
        match &m.helpdesk_vendor {
            None => self.null(),
            Some(v) => {
                self.open();
                self.opt_string(v.name.as_deref());
                self.strings(&v.resource_names);
                self.strings(&v.dispatch_statuses);
                self.strings(&v.confidential_numbers);
                self.opt_string(v.public_number.as_deref());
                self.opt_string(v.queue.as_deref());
                self.opt_string(v.work_type.as_deref());
                self.open();
                for (priority, minutes) in &v.sla_minutes {
                    self.string(priority);
                    self.value(minutes);
                }
                self.close();
                self.close();
            }
        }
        self.strings(&m.internal_use_products);
        self.close();
    }

    fn customer(&mut self, c: &Customer) {
        self.open();
        self.string(&c.id);
        self.string(&c.name);
        self.strings(&c.aliases);
        self.strings(&c.domains);
        match &c.help_desk {
            None => self.null(),
            Some(h) => {
                self.open();
                self.number(h.plan as i64);
                self.opt_string(h.source.as_deref());
                self.opt_string(h.as_of.as_deref());
                self.close();
            }
        }
        self.list(&c.contacts, |w, c| {
            w.open();
            w.string(&c.name);
            w.opt_string(c.email.as_deref());
            w.list(&c.authority, |w, a| w.number(*a as i64));
            w.close();
        });
        self.list(&c.subscriptions, |w, s| {
            w.open();
            w.string(&s.product);
            w.term(s.term);
            w.opt_number(s.quantity);
            w.opt_string(s.start.as_deref());
            w.opt_string(s.end.as_deref());
            w.opt_string(s.status.as_deref());
            w.opt_string(s.purchased_on.as_deref());
            w.opt_bool(s.temporary);
            w.list(&s.seat_changes, |w, change| {
                w.open();
                w.opt_string(change.at.as_deref());
                w.opt_number(change.delta);
                w.close();
            });
            w.close();
        });
        self.list(&c.agreements, |w, a| {
            w.open();
            w.string(&a.product);
            w.term(a.term);
            w.opt_number(a.status.map(|s| s as i64));
            w.opt_string(a.signed_on.as_deref());
            w.close();
        });
        self.list(&c.quotes, |w, q| {
            w.open();
            w.opt_string(q.id.as_deref());
            w.opt_string(q.at.as_deref());
            w.list(&q.items, |w, item| {
                w.open();
                w.string(&item.product);
                w.opt_number(item.quantity);
                w.term(item.term);
                w.close();
            });
            w.close();
        });
        self.list(&c.order_intents, |w, i| {
            w.open();
            w.opt_string(i.ticket.as_deref());
            w.string(&i.product);
            w.opt_number(i.quantity);
            w.term(i.term);
            w.opt_string(i.at.as_deref());
            w.close();
        });
        self.list(&c.confirmations, |w, c| {
            w.open();
            w.opt_string(c.id.as_deref());
            w.opt_number(c.kind.map(|k| k as i64));
            w.opt_string(c.ticket.as_deref());
            w.opt_string(c.from.as_deref());
            w.opt_string(c.at.as_deref());
            w.string(&c.product);
            w.opt_number(c.quantity);
            w.term(c.term);
            w.close();
        });
        self.list(&c.reminders, |w, r| {
            w.open();
            w.opt_string(r.ticket.as_deref());
            w.string(&r.product);
            w.opt_string(r.due.as_deref());
            w.strings(&r.resources);
            w.close();
        });
        self.strings(&c.rmm_devices);
        self.opt_string(c.classification.as_deref());
        self.list(&c.orders, |w, o| {
            w.open();
            w.opt_string(o.ticket.as_deref());
            w.string(&o.product);
            w.opt_number(o.quantity);
            w.term(o.term);
            w.opt_string(o.placed_at.as_deref());
            w.close();
        });
        self.close();
    }

    fn term(&mut self, term: Option<Term>) {
        self.opt_number(term.map(|t| t as i64));
    }

    pub fn user(&mut self, user: Option<&User>) {
        let Some(u) = user else {
            return self.null();
        };
        self.open();
        self.opt_string(u.name.as_deref());
        self.opt_string(u.email.as_deref());
        self.close();
    }

    pub fn policy(&mut self, policy: &Policy) {
        policy.write_pack(self);
    }
}

/// Reads a pack, field by field in the order `PackWriter` wrote them. Every reader of a
/// field first steps to it (`field`), so a pack with fewer items than expected is an error,
/// not a default.
pub struct PackReader<'a> {
    r: Reader<'a>,
}

const TERMS: [Term; 5] = [
    Term::Monthly,
    Term::Annual,
    Term::MultiYear,
    Term::Trial,
    Term::OneTime,
];
const AUTHORITIES: [Authority; 4] = [
    Authority::PrimaryAuthorization,
    Authority::Purchasing,
    Authority::Security,
    Authority::Technical,
];
const PLANS: [HelpDeskPlan; 4] = [
    HelpDeskPlan::PerDevice,
    HelpDeskPlan::Hourly,
    HelpDeskPlan::None,
    HelpDeskPlan::Unknown,
];
const AGREEMENT_STATUSES: [AgreementStatus; 3] = [
    AgreementStatus::None,
    AgreementStatus::Sent,
    AgreementStatus::Signed,
];
const CONFIRMATION_KINDS: [ConfirmationKind; 2] =
    [ConfirmationKind::TicketNote, ConfirmationKind::Email];

impl<'a> PackReader<'a> {
    /// A pack's reader, past its tag; an error if the text is not a pack of this build.
    pub fn new(text: &'a str) -> Result<PackReader<'a>> {
        let mut reader = PackReader {
            r: Reader::new(text),
        };
        reader.r.begin_array()?;
        if reader.string()? != PACK_FORMAT {
            return Err(reader.r.error_at(0, format!("not a `{PACK_FORMAT}`")));
        }
        Ok(reader)
    }

    /// Checks that every item was read and nothing follows.
    pub fn finish(mut self) -> Result<()> {
        self.end()?;
        self.r.finish()
    }

    /// Steps to the next item of the list being read.
    fn field(&mut self) -> Result<()> {
        if self.r.next_item()? {
            Ok(())
        } else {
            Err(self
                .r
                .error("the settings pack has fewer items here than this build reads"))
        }
    }

    /// The end of the record being read.
    fn end(&mut self) -> Result<()> {
        if self.r.next_item()? {
            Err(self
                .r
                .error("the settings pack has more items here than this build reads"))
        } else {
            Ok(())
        }
    }

    /// Steps into the next field, a record; false (and nothing read) when it is `null`.
    fn open(&mut self) -> Result<bool> {
        self.field()?;
        if self.r.null() {
            return Ok(false);
        }
        self.r.begin_array()?;
        Ok(true)
    }

    pub fn string(&mut self) -> Result<String> {
        self.field()?;
        Ok(self.r.string()?.into_owned())
    }

    pub fn opt_string(&mut self) -> Result<Option<String>> {
        self.field()?;
        if self.r.null() {
            return Ok(None);
        }
        Ok(Some(self.r.string()?.into_owned()))
    }

    pub fn number(&mut self) -> Result<i64> {
        self.field()?;
        self.r.i64()
    }

    pub fn opt_number(&mut self) -> Result<Option<i64>> {
        self.field()?;
        if self.r.null() {
            return Ok(None);
        }
        self.r.i64().map(Some)
    }

    pub fn bool(&mut self) -> Result<bool> {
        self.field()?;
        self.r.bool()
    }

    fn opt_bool(&mut self) -> Result<Option<bool>> {
        self.field()?;
        if self.r.null() {
            return Ok(None);
        }
        self.r.bool().map(Some)
    }

    /// One of `table`, written as its index.
    pub(crate) fn one_of<T: Copy>(&mut self, table: &[T]) -> Result<Option<T>> {
        let at = self.r.offset();
        match self.opt_number()? {
            None => Ok(None),
            Some(n) => usize::try_from(n)
                .ok()
                .and_then(|n| table.get(n).copied())
                .map(Some)
                .ok_or_else(|| self.r.error_at(at, "a value this build does not know")),
        }
    }

    fn term(&mut self) -> Result<Option<Term>> {
        self.one_of(&TERMS)
    }

    /// The next field, a list of items each read by `item` (a loop, not a `collect`: the
    /// content wasm keeps one small loop per item type).
    pub fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let mut items = Vec::new();
        if self.open()? {
            // Each item is read as a field of the list: `item` steps to it itself.
            while self.r.peek() != Some(b']') {
                items.push(item(self)?);
            }
            self.end()?;
        }
        Ok(items)
    }

    /// A record of the list being read, by `fields`.
    pub(crate) fn record<T>(&mut self, fields: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if !self.open()? {
            return Err(self.r.error("expected a record, found `null`"));
        }
        let value = fields(self)?;
        self.end()?;
        Ok(value)
    }

    /// An optional record.
    fn opt_record<T>(&mut self, fields: impl FnOnce(&mut Self) -> Result<T>) -> Result<Option<T>> {
        if !self.open()? {
            return Ok(None);
        }
        let value = fields(self)?;
        self.end()?;
        Ok(Some(value))
    }

    pub fn strings(&mut self) -> Result<Vec<String>> {
        self.list(Self::string)
    }

    pub fn directory(&mut self) -> Result<Option<Directory>> {
        self.opt_record(|p| {
            Ok(Directory {
                format: DIRECTORY_FORMAT.to_string(),
                msp: p.msp()?,
                customers: Arc::new(p.list(|p| p.record(Self::customer))?),
                extra: Map::new(),
            })
        })
    }

    fn msp(&mut self) -> Result<Msp> {
        self.record(|p| {
            Ok(Msp {
                name: p.opt_string()?,
                email_domains: p.strings()?,
                senior_staff: p.strings()?,
                billing_contact: p.opt_string()?,
                helpdesk_vendor: p.opt_record(|p| {
                    Ok(HelpdeskVendor {
                        name: p.opt_string()?,
                        resource_names: p.strings()?,
                        dispatch_statuses: p.strings()?,
                        confidential_numbers: p.strings()?,
                        public_number: p.opt_string()?,
                        queue: p.opt_string()?,
                        work_type: p.opt_string()?,
                        sla_minutes: p.sla_minutes()?,
                        extra: Map::new(),
                    })
                })?,
                internal_use_products: p.strings()?,
                extra: Map::new(),
            })
        })
    }

    /// The SLA table: priority and value in turn.
    fn sla_minutes(&mut self) -> Result<Map<String, Value>> {
        let mut table = Map::new();
        if self.open()? {
            while self.r.peek() != Some(b']') {
                let priority = self.string()?;
                self.field()?;
                table.insert(priority, self.r.value()?);
            }
            self.end()?;
        }
        Ok(table)
    }

    fn customer(&mut self) -> Result<Customer> {
        Ok(Customer {
            id: self.string()?,
            name: self.string()?,
            aliases: self.strings()?,
            domains: self.strings()?,
            help_desk: self.opt_record(|p| {
                Ok(HelpDesk {
                    plan: p.one_of(&PLANS)?.unwrap_or_default(),
                    source: p.opt_string()?,
                    as_of: p.opt_string()?,
                    extra: Map::new(),
                })
            })?,
            contacts: self.list(|p| {
                p.record(|p| {
                    Ok(Contact {
                        name: p.string()?,
                        email: p.opt_string()?,
                        authority: p.list(|p| {
                            let at = p.r.offset();
                            p.one_of(&AUTHORITIES)?
                                .ok_or_else(|| p.r.error_at(at, "expected an authority"))
                        })?,
                        extra: Map::new(),
                    })
                })
            })?,
            subscriptions: self.list(|p| {
                p.record(|p| {
                    Ok(Subscription {
                        product: p.string()?,
                        term: p.term()?,
                        quantity: p.opt_number()?,
                        start: p.opt_string()?,
                        end: p.opt_string()?,
                        status: p.opt_string()?,
                        purchased_on: p.opt_string()?,
                        temporary: p.opt_bool()?,
                        seat_changes: p.list(|p| {
                            p.record(|p| {
                                Ok(SeatChange {
                                    at: p.opt_string()?,
                                    delta: p.opt_number()?,
                                    extra: Map::new(),
                                })
                            })
                        })?,
                        extra: Map::new(),
                    })
                })
            })?,
            agreements: self.list(|p| {
                p.record(|p| {
                    Ok(Agreement {
                        product: p.string()?,
                        term: p.term()?,
                        status: p.one_of(&AGREEMENT_STATUSES)?,
                        signed_on: p.opt_string()?,
                        extra: Map::new(),
                    })
                })
            })?,
            quotes: self.list(|p| {
                p.record(|p| {
                    Ok(Quote {
                        id: p.opt_string()?,
                        at: p.opt_string()?,
                        items: p.list(|p| {
                            p.record(|p| {
                                Ok(QuoteItem {
                                    product: p.string()?,
                                    quantity: p.opt_number()?,
                                    term: p.term()?,
                                    extra: Map::new(),
                                })
                            })
                        })?,
                        extra: Map::new(),
                    })
                })
            })?,
            order_intents: self.list(|p| {
                p.record(|p| {
                    Ok(OrderIntent {
                        ticket: p.opt_string()?,
                        product: p.string()?,
                        quantity: p.opt_number()?,
                        term: p.term()?,
                        at: p.opt_string()?,
                        extra: Map::new(),
                    })
                })
            })?,
            confirmations: self.list(|p| {
                p.record(|p| {
                    Ok(Confirmation {
                        id: p.opt_string()?,
                        kind: p.one_of(&CONFIRMATION_KINDS)?,
                        ticket: p.opt_string()?,
                        from: p.opt_string()?,
                        at: p.opt_string()?,
                        product: p.string()?,
                        quantity: p.opt_number()?,
                        term: p.term()?,
                        extra: Map::new(),
                    })
                })
            })?,
            reminders: self.list(|p| {
                p.record(|p| {
                    Ok(Reminder {
                        ticket: p.opt_string()?,
                        product: p.string()?,
                        due: p.opt_string()?,
                        resources: p.strings()?,
                        extra: Map::new(),
                    })
                })
            })?,
            rmm_devices: self.strings()?,
            classification: self.opt_string()?,
            orders: self.list(|p| {
                p.record(|p| {
                    Ok(Order {
                        ticket: p.opt_string()?,
                        product: p.string()?,
                        quantity: p.opt_number()?,
                        term: p.term()?,
                        placed_at: p.opt_string()?,
                        extra: Map::new(),
                    })
                })
            })?,
            extra: Map::new(),
        })
    }

    pub fn user(&mut self) -> Result<Option<User>> {
        self.opt_record(|p| {
            Ok(User {
                name: p.opt_string()?,
                email: p.opt_string()?,
                extra: Map::new(),
            })
        })
    }

    pub fn policy(&mut self) -> Result<Policy> {
        if !self.open()? {
            return Err(self.r.error("expected the policy, found `null`"));
        }
        let policy = Policy::read_pack(self)?;
        self.end()?;
        Ok(policy)
    }

    /// An error at the place reached, for a value that reads but does not fit.
    pub fn error(&self, message: &str) -> JsonError {
        self.r.error(message)
    }
}

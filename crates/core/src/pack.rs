//! The settings pack: the directory the checks see, the effective policy and the technician,
//! written by the extension's full build of the core (the service worker, which reads the
//! stored settings with serde, applies what pages taught and layers the organisation's
//! policy) and read by the content script's build.
//!
//! Why a format of its own (issue 8: the content script's payload): decoding the stored
//! directory, learned facts and policy overrides by name, with an error path for every field
//! and the policy merge behind them, was a third of every content-script module. The pack is
//! positional: each struct is a list of its fields in the order below, each enum a number, so
//! that reading it takes one call per field. It is written in the wire format
//! (`crate::wire`), not JSON, so that the content modules carry no JSON reader: tokens `[` and
//! `]` (a list), `-` (null), `"` (a string), `#` (a whole number), `t` and `f`. It is never stored: the worker writes
//! it from what it has loaded and the content script reads it at once, both from the same
//! build, so it needs no versioning beyond its tag. Fields a build does not know (`extra`)
//! are not carried: no check reads them.

// Records are read into their defaults field by field, on purpose (see `PackReader::directory`).
#![allow(clippy::field_reassign_with_default)]

use std::sync::Arc;

use crate::model::*;
use crate::policy::Policy;
use crate::wire::{push_token, Tokens, WireError};

/// The first item of every pack.
pub const PACK_FORMAT: &str = "procguard/settings-pack@1";

type Result<T> = std::result::Result<T, WireError>;

/// Whether this build has the ticket checks, the only ones that read the help-desk vendor,
/// a customer's help-desk plan, RMM devices, classification and past orders: a build without
/// them passes over those fields of the pack (issue 8: the content script's payload).
const TICKET: bool = cfg!(feature = "ticket");

/// Writes a pack: a list whose items are written in turn, lists nested as records.
#[derive(Default)]
pub struct PackWriter {
    out: String,
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

    /// Starts a nested list (a record or a list of items).
    pub fn open(&mut self) {
        push_token(&mut self.out, '[', "");
    }

    pub fn close(&mut self) {
        push_token(&mut self.out, ']', "");
    }

    pub fn null(&mut self) {
        push_token(&mut self.out, '-', "");
    }

    pub fn string(&mut self, text: &str) {
        push_token(&mut self.out, '"', text);
    }

    pub fn opt_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub fn number(&mut self, n: i64) {
        let mut digits = String::new();
        crate::push_number(&mut digits, n);
        push_token(&mut self.out, '#', &digits);
    }

    pub fn opt_number(&mut self, n: Option<i64>) {
        match n {
            Some(n) => self.number(n),
            None => self.null(),
        }
    }

    pub fn bool(&mut self, b: bool) {
        push_token(&mut self.out, if b { 't' } else { 'f' }, "");
    }

    pub fn opt_bool(&mut self, b: Option<bool>) {
        match b {
            Some(b) => self.bool(b),
            None => self.null(),
        }
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
                // Whole minutes, or `null` for a value that is not (`sla_for` gives no time
                // for it, and the SLA check says so without showing it).
                for (priority, minutes) in v.sla_entries() {
                    self.string(priority);
                    self.opt_number(minutes);
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
    r: Tokens<'a>,
    /// The first error met; the readers then return `Stop`, a unit, so that each of the
    /// hundred fields' error paths is a plain return (an error value moved up through every
    /// record was a large part of this reader in the content wasm).
    error: Option<WireError>,
}

/// Reading stopped; the reason is in `PackReader::error`.
pub(crate) struct Stop;

pub(crate) type Step<T> = std::result::Result<T, Stop>;

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
            r: Tokens::new(text),
            error: None,
        };
        let tag = match reader.r.peek() {
            Some(b'[') => reader.open().and_then(|_| reader.string()),
            _ => Err(Stop),
        };
        match reader.done(tag).ok().as_deref() == Some(PACK_FORMAT) {
            true => Ok(reader),
            false => Err(WireError {
                message: crate::fill!("not a `{}`", PACK_FORMAT),
                offset: 0,
            }),
        }
    }

    /// Checks that every item was read and nothing follows.
    pub fn finish(mut self) -> Result<()> {
        let end = self.end();
        self.done(end)?;
        match self.r.at_end() {
            true => Ok(()),
            false => Err(self.r.error("unexpected text after the settings pack")),
        }
    }

    /// The directory the checks see, or `None` when none is imported.
    pub fn directory(&mut self) -> Result<Option<Directory>> {
        let read = self.read_directory();
        self.done(read)
    }

    pub fn policy(&mut self) -> Result<Policy> {
        let read = self.read_policy();
        self.done(read)
    }

    pub fn user(&mut self) -> Result<Option<User>> {
        let read = self.read_user();
        self.done(read)
    }

    /// A list of strings (the portals' hosts).
    pub fn texts(&mut self) -> Result<Vec<String>> {
        let read = self.strings();
        self.done(read)
    }

    /// A step's error as the `WireError` met.
    fn done<T>(&mut self, step: Step<T>) -> Result<T> {
        step.map_err(|Stop| {
            self.error
                .take()
                .unwrap_or_else(|| self.r.error("the settings pack stops here"))
        })
    }

    /// Keeps `error` (the first only) and stops.
    fn fail(&mut self, error: WireError) -> Stop {
        self.error.get_or_insert(error);
        Stop
    }

    /// Stops with an error at the place reached, for a value that reads but does not fit.
    pub(crate) fn invalid(&mut self, message: &str) -> Stop {
        let error = self.r.error(message);
        self.fail(error)
    }

    /// Steps to the next item of the list being read.
    fn field(&mut self) -> Step<()> {
        match self.r.peek() {
            Some(b']') | None => {
                Err(self.invalid("the settings pack has fewer items here than this build reads"))
            }
            Some(_) => Ok(()),
        }
    }

    /// Takes the next item, which must be of `kind` (`what` names it in the error).
    #[inline(never)]
    fn take(&mut self, kind: u8, what: &str) -> Step<crate::wire::Token<'a>> {
        self.field()?;
        match self.r.next() {
            Ok(Some(token)) if token.kind == kind => Ok(token),
            Ok(_) => Err(self.invalid(what)),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Takes the next item if it is `null`.
    fn null(&mut self) -> Step<bool> {
        self.field()?;
        if self.r.peek() == Some(b'-') {
            self.take(b'-', "")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// The end of the record being read.
    fn end(&mut self) -> Step<()> {
        match self.r.peek() {
            Some(b']') => self.take_any().map(|_| ()),
            Some(_) => {
                Err(self.invalid("the settings pack has more items here than this build reads"))
            }
            None => Err(self.invalid("the settings pack stops here")),
        }
    }

    fn take_any(&mut self) -> Step<crate::wire::Token<'a>> {
        match self.r.next() {
            Ok(Some(token)) => Ok(token),
            Ok(None) => Err(self.invalid("the settings pack stops here")),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Steps into the next field, a record; false (and nothing read) when it is `null`.
    #[inline(never)]
    fn open(&mut self) -> Step<bool> {
        if self.null()? {
            return Ok(false);
        }
        self.take(b'[', "expected a list")?;
        Ok(true)
    }

    #[inline(never)]
    pub(crate) fn string(&mut self) -> Step<String> {
        let token = self.take(b'"', "expected a string")?;
        let text = token.string();
        self.wire(text)
    }

    #[inline(never)]
    pub(crate) fn opt_string(&mut self) -> Step<Option<String>> {
        if self.null()? {
            return Ok(None);
        }
        self.string().map(Some)
    }

    #[inline(never)]
    pub(crate) fn number(&mut self) -> Step<i64> {
        let token = self.take(b'#', "expected a number")?;
        let n = token.number();
        self.wire(n)
    }

    #[inline(never)]
    pub(crate) fn opt_number(&mut self) -> Step<Option<i64>> {
        if self.null()? {
            return Ok(None);
        }
        self.number().map(Some)
    }

    #[inline(never)]
    pub(crate) fn bool(&mut self) -> Step<bool> {
        self.field()?;
        match self.take_any()?.kind {
            b't' => Ok(true),
            b'f' => Ok(false),
            _ => Err(self.invalid("expected `t` or `f`")),
        }
    }

    #[inline(never)]
    fn opt_bool(&mut self) -> Step<Option<bool>> {
        if self.null()? {
            return Ok(None);
        }
        self.bool().map(Some)
    }

    fn wire<T>(&mut self, read: Result<T>) -> Step<T> {
        read.map_err(|e| self.fail(e))
    }

    /// One of `table`, written as its index.
    pub(crate) fn one_of<T: Copy>(&mut self, table: &[T]) -> Step<Option<T>> {
        match self.opt_number()? {
            None => Ok(None),
            Some(n) => match usize::try_from(n).ok().and_then(|n| table.get(n)) {
                Some(value) => Ok(Some(*value)),
                None => Err(self.invalid("a value this build does not know")),
            },
        }
    }

    fn term(&mut self) -> Step<Option<Term>> {
        self.one_of(&TERMS)
    }

    /// The next field, a list: `item` reads each of its items (each steps to its item
    /// itself). Not generic, so the content wasm has one copy of the loop.
    pub(crate) fn each(&mut self, item: &mut dyn FnMut(&mut Self) -> Step<()>) -> Step<()> {
        if self.open()? {
            while !matches!(self.r.peek(), Some(b']') | None) {
                item(self)?;
            }
            self.end()?;
        }
        Ok(())
    }

    /// The next field, a list of items each read by `item`.
    pub(crate) fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Step<T>) -> Step<Vec<T>> {
        let mut items = Vec::new();
        self.each(&mut |p| {
            items.push(item(p)?);
            Ok(())
        })?;
        Ok(items)
    }

    /// Passes over the next field, whatever it holds.
    pub(crate) fn skip(&mut self) -> Step<()> {
        self.field()?;
        let mut depth = 0usize;
        loop {
            match self.take_any()?.kind {
                b'[' => depth += 1,
                b']' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Steps into the next field, a record that must be there.
    fn begin(&mut self) -> Step<()> {
        if self.open()? {
            Ok(())
        } else {
            Err(self.invalid("expected a record, found `null`"))
        }
    }

    /// A record of the list being read, by `fields`.
    pub(crate) fn record<T>(&mut self, fields: impl FnOnce(&mut Self) -> Step<T>) -> Step<T> {
        self.begin()?;
        let value = fields(self)?;
        self.end()?;
        Ok(value)
    }

    pub(crate) fn strings(&mut self) -> Step<Vec<String>> {
        self.list(Self::string)
    }

    // The records below are filled in place from their defaults, field by field in the
    // writer's order: a struct literal of `?`s would clean up each field read so far on
    // each error path, which made this reader 32 KB of the content wasm.

    fn read_directory(&mut self) -> Step<Option<Directory>> {
        if !self.open()? {
            return Ok(None);
        }
        let mut d = Directory {
            format: DIRECTORY_FORMAT.to_string(),
            ..Default::default()
        };
        self.msp(&mut d.msp)?;
        d.customers = Arc::new(self.list(Self::customer)?);
        self.end()?;
        Ok(Some(d))
    }

    fn msp(&mut self, m: &mut Msp) -> Step<()> {
        self.begin()?;
        m.name = self.opt_string()?;
        m.email_domains = self.strings()?;
        m.senior_staff = self.strings()?;
        m.billing_contact = self.opt_string()?;
        if !TICKET {
            // Only the ticket checks read it (the help-desk vendor).
            self.skip()?;
        } else if self.open()? {
            let mut v = HelpdeskVendor::default();
            v.name = self.opt_string()?;
            v.resource_names = self.strings()?;
            v.dispatch_statuses = self.strings()?;
            v.confidential_numbers = self.strings()?;
            v.public_number = self.opt_string()?;
            v.queue = self.opt_string()?;
            v.work_type = self.opt_string()?;
            let vendor = &mut v;
            self.each(&mut |p| {
                let priority = p.string()?;
                vendor.add_sla(priority, p.opt_number()?);
                Ok(())
            })?;
            self.end()?;
            m.helpdesk_vendor = Some(v);
        }
        m.internal_use_products = self.strings()?;
        self.end()
    }

    fn customer(&mut self) -> Step<Customer> {
        self.begin()?;
        let mut c = Customer::default();
        c.id = self.string()?;
        c.name = self.string()?;
        c.aliases = self.strings()?;
        c.domains = self.strings()?;
        if !TICKET {
            self.skip()?;
        } else if self.open()? {
            let mut h = HelpDesk::default();
            h.plan = self.one_of(&PLANS)?.unwrap_or_default();
            h.source = self.opt_string()?;
            h.as_of = self.opt_string()?;
            self.end()?;
            c.help_desk = Some(h);
        }
        c.contacts = self.list(Self::contact)?;
        c.subscriptions = self.list(Self::subscription)?;
        c.agreements = self.list(Self::agreement)?;
        c.quotes = self.list(Self::quote)?;
        c.order_intents = self.list(Self::order_intent)?;
        c.confirmations = self.list(Self::confirmation)?;
        c.reminders = self.list(Self::reminder)?;
        if TICKET {
            c.rmm_devices = self.strings()?;
            c.classification = self.opt_string()?;
            c.orders = self.list(Self::order)?;
        } else {
            for _ in 0..3 {
                self.skip()?;
            }
        }
        self.end()?;
        Ok(c)
    }

    fn contact(&mut self) -> Step<Contact> {
        self.begin()?;
        let mut c = Contact::default();
        c.name = self.string()?;
        c.email = self.opt_string()?;
        c.authority = self.list(|p| {
            p.one_of(&AUTHORITIES)?
                .ok_or_else(|| p.invalid("expected an authority"))
        })?;
        self.end()?;
        Ok(c)
    }

    fn subscription(&mut self) -> Step<Subscription> {
        self.begin()?;
        let mut s = Subscription::default();
        s.product = self.string()?;
        s.term = self.term()?;
        s.quantity = self.opt_number()?;
        s.start = self.opt_string()?;
        s.end = self.opt_string()?;
        s.status = self.opt_string()?;
        s.purchased_on = self.opt_string()?;
        s.temporary = self.opt_bool()?;
        s.seat_changes = self.list(|p| {
            p.begin()?;
            let mut change = SeatChange::default();
            change.at = p.opt_string()?;
            change.delta = p.opt_number()?;
            p.end()?;
            Ok(change)
        })?;
        self.end()?;
        Ok(s)
    }

    fn agreement(&mut self) -> Step<Agreement> {
        self.begin()?;
        let mut a = Agreement::default();
        a.product = self.string()?;
        a.term = self.term()?;
        a.status = self.one_of(&AGREEMENT_STATUSES)?;
        a.signed_on = self.opt_string()?;
        self.end()?;
        Ok(a)
    }

    fn quote(&mut self) -> Step<Quote> {
        self.begin()?;
        let mut q = Quote::default();
        q.id = self.opt_string()?;
        q.at = self.opt_string()?;
        q.items = self.list(|p| {
            p.begin()?;
            let mut item = QuoteItem::default();
            item.product = p.string()?;
            item.quantity = p.opt_number()?;
            item.term = p.term()?;
            p.end()?;
            Ok(item)
        })?;
        self.end()?;
        Ok(q)
    }

    fn order_intent(&mut self) -> Step<OrderIntent> {
        self.begin()?;
        let mut i = OrderIntent::default();
        i.ticket = self.opt_string()?;
        i.product = self.string()?;
        i.quantity = self.opt_number()?;
        i.term = self.term()?;
        i.at = self.opt_string()?;
        self.end()?;
        Ok(i)
    }

    fn confirmation(&mut self) -> Step<Confirmation> {
        self.begin()?;
        let mut c = Confirmation::default();
        c.id = self.opt_string()?;
        c.kind = self.one_of(&CONFIRMATION_KINDS)?;
        c.ticket = self.opt_string()?;
        c.from = self.opt_string()?;
        c.at = self.opt_string()?;
        c.product = self.string()?;
        c.quantity = self.opt_number()?;
        c.term = self.term()?;
        self.end()?;
        Ok(c)
    }

    fn reminder(&mut self) -> Step<Reminder> {
        self.begin()?;
        let mut r = Reminder::default();
        r.ticket = self.opt_string()?;
        r.product = self.string()?;
        r.due = self.opt_string()?;
        r.resources = self.strings()?;
        self.end()?;
        Ok(r)
    }

    fn order(&mut self) -> Step<Order> {
        self.begin()?;
        let mut o = Order::default();
        o.ticket = self.opt_string()?;
        o.product = self.string()?;
        o.quantity = self.opt_number()?;
        o.term = self.term()?;
        o.placed_at = self.opt_string()?;
        self.end()?;
        Ok(o)
    }

    fn read_user(&mut self) -> Step<Option<User>> {
        if !self.open()? {
            return Ok(None);
        }
        let mut u = User::default();
        u.name = self.opt_string()?;
        u.email = self.opt_string()?;
        self.end()?;
        Ok(Some(u))
    }

    fn read_policy(&mut self) -> Step<Policy> {
        if !self.open()? {
            return Err(self.invalid("expected the policy, found `null`"));
        }
        let policy = Policy::read_pack(self)?;
        self.end()?;
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Severity;
    use crate::rules::{Rule, CATALOG};

    /// A content-script module has its own site's checks only (`rules::CATALOG`, issue 8).
    /// The pack the worker writes, with every check, reads in such a build as that site's
    /// settings: an override of one of them kept, the other sites' checks passed over, and
    /// what follows them in the pack still read.
    #[test]
    fn a_pack_of_every_check_reads_in_a_build_with_one_sites_checks_as_that_sites_settings() {
        let mut policy = Policy::default();
        for setting in &mut policy.checks {
            match setting.rule.id {
                "order.ambiguous-term" => setting.enabled = false,
                "ticket.mc-sla" | "mcam.upn-unique" => {
                    setting.severity = Severity::Info;
                    setting.severity_overridden = true;
                }
                _ => {}
            }
        }
        policy.legal_suffixes.push("gmbh".into());
        let mut w = PackWriter::new();
        w.policy(&policy);
        let text = w.finish();

        let cart_build: Vec<&'static Rule> = CATALOG
            .iter()
            .copied()
            .filter(|r| r.id.starts_with("page.") || r.id.starts_with("order."))
            .collect();
        let mut p = PackReader::new(&text).unwrap();
        let read = (|| {
            p.open()?;
            let read = Policy::read_pack_for(&mut p, &cart_build)?;
            p.end()?;
            Ok(read)
        })();
        let read = p.done(read).unwrap();
        p.finish().unwrap();

        let ids =
            |policy: &Policy| -> Vec<&str> { policy.checks.iter().map(|s| s.rule.id).collect() };
        assert_eq!(
            ids(&read),
            cart_build.iter().map(|r| r.id).collect::<Vec<_>>()
        );
        assert_eq!(read.checks.len(), 19);
        let ambiguous = read
            .checks
            .iter()
            .find(|s| s.rule.id == "order.ambiguous-term")
            .unwrap();
        assert!(!ambiguous.enabled);
        assert!(read
            .checks
            .iter()
            .filter(|s| s.rule.id != "order.ambiguous-term")
            .all(|s| s.enabled));
        assert_eq!(read.legal_suffixes, policy.legal_suffixes);
        assert_eq!(read.revision(), policy.revision());
    }
}

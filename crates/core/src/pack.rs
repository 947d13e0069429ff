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
//! `]` (a list), `-` (null), `"` (a string), `#` (a whole number), `t` and `f`. It is never
//! stored: the worker writes it from what it has loaded and the content script reads it at
//! once, both from the same build, so it needs no versioning beyond its tag. Fields a build
//! does not know (`extra`) are not carried: no check reads them.

// Records are read into their defaults field by field, on purpose (see `PackReader::directory`).
#![allow(clippy::field_reassign_with_default)]

use std::sync::Arc;

use crate::model::*;
use crate::policy::Policy;
use crate::wire::{push_token, Token, Tokens, WireError};

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
        // Digits need no escape: written in place, not through a `String` of their own.
        self.out.push('#');
        crate::push_number(&mut self.out, n);
        self.out.push(crate::wire::END);
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
///
/// The first error is kept (`error`) and every read after it does nothing: a field reader
/// writes into its field (or returns a plain value) and never returns early, so that each
/// of the hundred fields is one call where it is read. Returned as `Result`s, each field had
/// its own check, clean-up and copy: a third of this reader in the content wasm (issue 8).
pub struct PackReader<'a> {
    r: Tokens<'a>,
    error: Option<WireError>,
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
            r: Tokens::new(text),
            error: None,
        };
        let mut tag = String::new();
        if reader.r.peek() == Some(b'[') && reader.open() {
            reader.text(&mut tag);
        }
        match reader.error.is_none() && tag == PACK_FORMAT {
            true => Ok(reader),
            false => Err(WireError {
                message: crate::fill!("not a `{}`", PACK_FORMAT),
                offset: 0,
            }),
        }
    }

    /// Checks that every item was read and nothing follows: the first error met by any read
    /// (the `read_` readers give what they could read, and an error stops every read after
    /// it).
    pub fn finish(mut self) -> Result<()> {
        self.end();
        if self.error.is_none() && !self.r.at_end() {
            self.invalid("unexpected text after the settings pack");
        }
        self.done(())
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

    /// A list of strings (the portals' hosts), empty after an error.
    pub fn read_texts(&mut self) -> Vec<String> {
        let mut texts = Vec::new();
        self.strings(&mut texts);
        texts
    }

    /// What was read, or the first error met.
    fn done<T>(&mut self, read: T) -> Result<T> {
        match &self.error {
            None => Ok(read),
            Some(e) => Err(e.clone()),
        }
    }

    /// Whether no error has been met.
    pub(crate) fn ok(&self) -> bool {
        self.error.is_none()
    }

    /// Keeps `error` (the first only).
    #[inline(never)]
    fn fail(&mut self, error: WireError) {
        self.error.get_or_insert(error);
    }

    /// An error at the place reached, for a value that reads but does not fit.
    #[inline(never)]
    pub(crate) fn invalid(&mut self, message: &str) {
        let error = self.r.error(message);
        self.fail(error)
    }

    /// Steps to the next item of the list being read: false after an error, or (an error)
    /// when the list has no more.
    #[inline(never)]
    fn field(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        match self.r.peek() {
            Some(b']') | None => {
                self.invalid("the settings pack has fewer items here than this build reads");
                false
            }
            Some(_) => true,
        }
    }

    /// Takes the next item, which must be of `kind` (`what` names it in the error).
    #[inline(never)]
    fn take(&mut self, kind: u8, what: &str) -> Option<Token<'a>> {
        if !self.field() {
            return None;
        }
        match self.r.next() {
            Ok(Some(token)) if token.kind == kind => return Some(token),
            Ok(_) => self.invalid(what),
            Err(e) => self.fail(e),
        }
        None
    }

    /// Takes the next item if it is `null`.
    #[inline(never)]
    fn null(&mut self) -> bool {
        self.field() && self.r.peek() == Some(b'-') && self.take(b'-', "").is_some()
    }

    /// The end of the record or list being read.
    #[inline(never)]
    pub(crate) fn end(&mut self) {
        if self.error.is_some() {
            return;
        }
        match self.r.peek() {
            Some(b']') => {
                // Not `take`: its `field` refuses a list's end.
                if let Err(e) = self.r.next() {
                    self.fail(e);
                }
            }
            Some(_) => self.invalid("the settings pack has more items here than this build reads"),
            None => self.invalid("the settings pack stops here"),
        }
    }

    /// Steps into the next field, a list; false (and nothing read) when it is `null` or
    /// after an error.
    #[inline(never)]
    pub(crate) fn open(&mut self) -> bool {
        !self.null() && self.take(b'[', "expected a list").is_some()
    }

    /// Steps into the next field, a record that must be there.
    #[inline(never)]
    pub(crate) fn begin(&mut self) -> bool {
        if self.open() {
            return true;
        }
        if self.error.is_none() {
            self.invalid("expected a record, found `null`");
        }
        false
    }

    /// The next field, a string, into `to`.
    #[inline(never)]
    pub(crate) fn text(&mut self, to: &mut String) {
        if let Some(token) = self.take(b'"', "expected a string") {
            *to = token.string();
        }
    }

    /// The next field, a string or `null`, into `to`.
    #[inline(never)]
    pub(crate) fn opt_text(&mut self, to: &mut Option<String>) {
        if !self.null() {
            self.text(to.insert(String::new()));
        }
    }

    #[inline(never)]
    pub(crate) fn number(&mut self) -> i64 {
        let Some(token) = self.take(b'#', "expected a number") else {
            return 0;
        };
        token.number().unwrap_or_else(|e| {
            self.fail(e);
            0
        })
    }

    #[inline(never)]
    pub(crate) fn opt_number(&mut self) -> Option<i64> {
        match self.null() {
            true => None,
            false => Some(self.number()),
        }
    }

    #[inline(never)]
    pub(crate) fn bool(&mut self) -> bool {
        if self.field() {
            match self.r.next() {
                Ok(Some(token)) if matches!(token.kind, b't' | b'f') => return token.kind == b't',
                Ok(_) => self.invalid("expected `t` or `f`"),
                Err(e) => self.fail(e),
            }
        }
        false
    }

    fn opt_bool(&mut self) -> Option<bool> {
        match self.null() {
            true => None,
            false => Some(self.bool()),
        }
    }

    /// One of `table`, written as its index.
    pub(crate) fn one_of<T: Copy>(&mut self, table: &[T]) -> Option<T> {
        let n = self.opt_number()?;
        let value = usize::try_from(n).ok().and_then(|n| table.get(n)).copied();
        if value.is_none() {
            self.invalid("a value this build does not know");
        }
        value
    }

    fn term(&mut self) -> Option<Term> {
        self.one_of(&TERMS)
    }

    /// The next field, a list: `item` reads each of its items (each steps to its item
    /// itself). Not generic, so the content wasm has one copy of the loop.
    pub(crate) fn each(&mut self, item: &mut dyn FnMut(&mut Self)) {
        if self.open() {
            while self.error.is_none() && !matches!(self.r.peek(), Some(b']') | None) {
                item(self);
            }
            self.end();
        }
    }

    /// The next field, a list of items each read by `item` into its default, into `to`.
    pub(crate) fn list<T: Default>(&mut self, to: &mut Vec<T>, item: fn(&mut Self, &mut T)) {
        self.each(&mut |p| {
            let mut value = T::default();
            item(p, &mut value);
            to.push(value);
        });
    }

    /// Passes over the next field, whatever it holds.
    pub(crate) fn skip(&mut self) {
        if !self.field() {
            return;
        }
        let mut depth = 0usize;
        loop {
            let token = match self.r.next() {
                Ok(Some(token)) => token,
                Ok(None) => return self.invalid("the settings pack stops here"),
                Err(e) => return self.fail(e),
            };
            match token.kind {
                b'[' => depth += 1,
                b']' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// The next field, a list of strings, into `to`.
    pub(crate) fn strings(&mut self, to: &mut Vec<String>) {
        self.list(to, Self::text);
    }

    // The records below are filled in place from their defaults, field by field in the
    // writer's order.

    pub fn read_directory(&mut self) -> Option<Directory> {
        if !self.open() {
            return None;
        }
        let mut d = Directory {
            format: DIRECTORY_FORMAT.to_string(),
            ..Default::default()
        };
        let mut msp = Msp::default();
        self.msp(&mut msp);
        d.msp = Arc::new(msp);
        let mut customers = Vec::new();
        self.list(&mut customers, Self::customer);
        d.customers = Arc::new(customers);
        self.end();
        Some(d)
    }

    fn msp(&mut self, m: &mut Msp) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut m.name);
        self.strings(&mut m.email_domains);
        self.strings(&mut m.senior_staff);
        self.opt_text(&mut m.billing_contact);
        if !TICKET {
            // Only the ticket checks read it (the help-desk vendor).
            self.skip();
        } else if self.open() {
            let v = m.helpdesk_vendor.insert(HelpdeskVendor::default());
            self.opt_text(&mut v.name);
            self.strings(&mut v.resource_names);
            self.strings(&mut v.dispatch_statuses);
            self.strings(&mut v.confidential_numbers);
            self.opt_text(&mut v.public_number);
            self.opt_text(&mut v.queue);
            self.opt_text(&mut v.work_type);
            self.each(&mut |p| {
                let mut priority = String::new();
                p.text(&mut priority);
                let minutes = p.opt_number();
                v.add_sla(priority, minutes);
            });
            self.end();
        }
        self.strings(&mut m.internal_use_products);
        self.end();
    }

    fn customer(&mut self, c: &mut Customer) {
        if !self.begin() {
            return;
        }
        self.text(&mut c.id);
        self.text(&mut c.name);
        self.strings(&mut c.aliases);
        self.strings(&mut c.domains);
        if !TICKET {
            self.skip();
        } else if self.open() {
            let h = c.help_desk.insert(HelpDesk::default());
            h.plan = self.one_of(&PLANS).unwrap_or_default();
            self.opt_text(&mut h.source);
            self.opt_text(&mut h.as_of);
            self.end();
        }
        self.list(&mut c.contacts, Self::contact);
        self.list(&mut c.subscriptions, Self::subscription);
        self.list(&mut c.agreements, Self::agreement);
        self.list(&mut c.quotes, Self::quote);
        self.list(&mut c.order_intents, Self::order_intent);
        self.list(&mut c.confirmations, Self::confirmation);
        self.list(&mut c.reminders, Self::reminder);
        if TICKET {
            self.strings(&mut c.rmm_devices);
            self.opt_text(&mut c.classification);
            self.list(&mut c.orders, Self::order);
        } else {
            for _ in 0..3 {
                self.skip();
            }
        }
        self.end();
    }

    fn contact(&mut self, c: &mut Contact) {
        if !self.begin() {
            return;
        }
        self.text(&mut c.name);
        self.opt_text(&mut c.email);
        let authority = &mut c.authority;
        self.each(&mut |p| match p.one_of(&AUTHORITIES) {
            Some(a) => authority.push(a),
            None => p.invalid("expected an authority"),
        });
        self.end();
    }

    fn subscription(&mut self, s: &mut Subscription) {
        if !self.begin() {
            return;
        }
        self.text(&mut s.product);
        s.term = self.term();
        s.quantity = self.opt_number();
        self.opt_text(&mut s.start);
        self.opt_text(&mut s.end);
        self.opt_text(&mut s.status);
        self.opt_text(&mut s.purchased_on);
        s.temporary = self.opt_bool();
        self.list(&mut s.seat_changes, |p, change| {
            if p.begin() {
                p.opt_text(&mut change.at);
                change.delta = p.opt_number();
                p.end();
            }
        });
        self.end();
    }

    fn agreement(&mut self, a: &mut Agreement) {
        if !self.begin() {
            return;
        }
        self.text(&mut a.product);
        a.term = self.term();
        a.status = self.one_of(&AGREEMENT_STATUSES);
        self.opt_text(&mut a.signed_on);
        self.end();
    }

    fn quote(&mut self, q: &mut Quote) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut q.id);
        self.opt_text(&mut q.at);
        self.list(&mut q.items, |p, item| {
            if p.begin() {
                p.text(&mut item.product);
                item.quantity = p.opt_number();
                item.term = p.term();
                p.end();
            }
        });
        self.end();
    }

    fn order_intent(&mut self, i: &mut OrderIntent) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut i.ticket);
        self.text(&mut i.product);
        i.quantity = self.opt_number();
        i.term = self.term();
        self.opt_text(&mut i.at);
        self.end();
    }

    fn confirmation(&mut self, c: &mut Confirmation) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut c.id);
        c.kind = self.one_of(&CONFIRMATION_KINDS);
        self.opt_text(&mut c.ticket);
        self.opt_text(&mut c.from);
        self.opt_text(&mut c.at);
        self.text(&mut c.product);
        c.quantity = self.opt_number();
        c.term = self.term();
        self.end();
    }

    fn reminder(&mut self, r: &mut Reminder) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut r.ticket);
        self.text(&mut r.product);
        self.opt_text(&mut r.due);
        self.strings(&mut r.resources);
        self.end();
    }

    fn order(&mut self, o: &mut Order) {
        if !self.begin() {
            return;
        }
        self.opt_text(&mut o.ticket);
        self.text(&mut o.product);
        o.quantity = self.opt_number();
        o.term = self.term();
        self.opt_text(&mut o.placed_at);
        self.end();
    }

    pub fn read_user(&mut self) -> Option<User> {
        if !self.open() {
            return None;
        }
        let mut u = User::default();
        self.opt_text(&mut u.name);
        self.opt_text(&mut u.email);
        self.end();
        Some(u)
    }

    pub fn read_policy(&mut self) -> Policy {
        if !self.open() {
            if self.error.is_none() {
                self.invalid("expected the policy, found `null`");
            }
            return Policy::none();
        }
        let policy = Policy::read_pack(self);
        self.end();
        policy
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
        assert!(p.open());
        let read = Policy::read_pack_for(&mut p, &cart_build);
        p.end();
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

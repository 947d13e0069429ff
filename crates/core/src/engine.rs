//! `evaluate`: run every enabled check over a context and collect the decision.
//!
//! What the checks share is worked out once per evaluation in [`Eval`]: the customer,
//! the quote index by normalised product, the customer's subscriptions, agreements and
//! confirmations by product, and per cart line what applies to it. Checks only look up.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::fasthash::KeyIndex;
use crate::model::*;
use crate::normalize::{customer_key, product_key, same_name, Joined};
use crate::policy::{CheckSetting, Policy, Severity};

/// The page field a finding is about (for inline display), and the item when a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// Page field name: `lines`, `primary_contact_email`, `domain`, `notes`, `draft`, ...
    pub field: Text,
    /// Cart line, note or time entry index.
    #[serde(default)]
    pub index: Option<usize>,
}

impl About {
    pub fn field(field: impl Into<Text>) -> Option<About> {
        Some(About {
            field: field.into(),
            index: None,
        })
    }

    pub fn item(field: impl Into<Text>, index: usize) -> Option<About> {
        Some(About {
            field: field.into(),
            index: Some(index),
        })
    }
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The check's stable id, e.g. `order.product-matches-quote`.
    pub id: Text,
    pub severity: Severity,
    /// One plain line.
    pub message: Text,
    /// What was read, and from where.
    pub evidence: Evidence,
    /// What to do next.
    pub remedy: Text,
    /// The procedure it comes from (seed file name, or the article's name).
    pub source: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
}

/// A check that could not run (it panicked or errored): skipped, never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The check's id, or empty for the evaluation as a whole.
    pub check: String,
    pub message: String,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub findings: Vec<Finding>,
    /// At least one enabled finding of severity `block`.
    pub holds_checkout: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub policy_revision: String,
}

impl Decision {
    /// The findings as JSON, exactly as `serde_json::to_string(&self.findings)` writes them,
    /// about five times faster: the findings' text is most of a page's result (300 KB on
    /// the faulty 200-line cart of the benchmark), and serde_json checks it for escapes byte
    /// by byte.
    pub fn findings_json(&self) -> String {
        let text: usize = self
            .findings
            .iter()
            .map(|f| f.message.len() + f.evidence.len() + f.remedy.len() + f.source.len())
            .sum();
        // The keys, id, severity and `about` of a finding fit in 200 bytes.
        let mut out = String::with_capacity(text + 200 * self.findings.len() + 2);
        out.push('[');
        for (at, finding) in self.findings.iter().enumerate() {
            if at > 0 {
                out.push(',');
            }
            finding.write_json(&mut out);
        }
        out.push(']');
        out
    }
}

impl Finding {
    /// The finding as `serde_json` writes it (the derived `Serialize`: the fields in order,
    /// `about` left out when `None`), at the end of `out`.
    fn write_json(&self, out: &mut String) {
        self.write_json_fields(out);
        out.push('}');
    }

    /// `write_json` without the closing brace, for a writer that adds fields of its own
    /// after the finding's (the extension's result adds the element it anchors to).
    pub fn write_json_fields(&self, out: &mut String) {
        out.push_str("{\"id\":");
        push_json_string(out, &self.id);
        out.push_str(",\"severity\":\"");
        out.push_str(self.severity.as_str());
        out.push_str("\",\"message\":");
        push_json_string(out, &self.message);
        out.push_str(",\"evidence\":");
        push_json_pieces(out, &self.evidence.pieces());
        out.push_str(",\"remedy\":");
        push_json_string(out, &self.remedy);
        out.push_str(",\"source\":");
        push_json_string(out, &self.source);
        if let Some(about) = &self.about {
            out.push_str(",\"about\":{\"field\":");
            push_json_string(out, &about.field);
            out.push_str(",\"index\":");
            match about.index {
                Some(index) => push_number(out, index as i64),
                None => out.push_str("null"),
            }
            out.push('}');
        }
    }
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`, and the control
/// characters (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00xx`); everything else as is.
pub fn push_json_string(out: &mut String, text: &str) {
    push_json_pieces(out, &[text]);
}

/// The concatenation of `pieces` as one JSON string (a finding's `Evidence`): each piece
/// escaped in turn, as escaping works character by character.
fn push_json_pieces(out: &mut String, pieces: &[&str]) {
    out.push('"');
    for text in pieces {
        push_json_escaped(out, text);
    }
    out.push('"');
}

/// `text` escaped for the inside of a JSON string.
fn push_json_escaped(out: &mut String, text: &str) {
    let special = |byte: u8| (byte < 0x20) | (byte == b'"') | (byte == b'\\');
    // Whether any byte needs an escape, without stopping at the first: the compiler checks
    // many bytes at once, and almost no finding has one.
    if !text
        .bytes()
        .fold(false, |found, byte| found | special(byte))
    {
        out.push_str(text);
    } else {
        // Index loops, not `position`: its adapter is a copy of its own in the wasm (issue 8).
        let bytes = text.as_bytes();
        let mut from = 0;
        for (at, &byte) in bytes.iter().enumerate() {
            if !special(byte) {
                continue;
            }
            out.push_str(&text[from..at]);
            match byte {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                byte => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(byte >> 4)]));
                    out.push(char::from(HEX[usize::from(byte & 0xf)]));
                }
            }
            from = at + 1;
        }
        out.push_str(&text[from..]);
    }
}

/// Runs every enabled check of `policy` over the context's page, at `now`.
pub fn evaluate(policy: &Policy, context: &Context, now: DateTime<FixedOffset>) -> Decision {
    // Room for a few findings a cart line at once: a finding is about 200 bytes, and the list
    // grown one doubling at a time is copied each time (criterion, 200-line carts: the quiet
    // and clean ones 11 % faster, the faulty one within the noise).
    let lines = context
        .page
        .as_ref()
        .and_then(Page::cart)
        .map_or(0, |cart| cart.lines.as_ref().map_or(0, Vec::len));
    let mut decision = Decision {
        findings: Vec::with_capacity(16 + 3 * lines),
        holds_checkout: false,
        diagnostics: Vec::new(),
        policy_revision: policy.revision(),
    };
    let Some(page) = &context.page else {
        decision.diagnostics.push(Diagnostic {
            check: String::new(),
            message: "the context has no `page`: nothing to check".to_string(),
        });
        return decision;
    };
    let eval = Eval::new(policy, context, page, now);
    for setting in applicable(policy, page) {
        // A check adds its findings in place; those of a check that fails are taken back.
        let kept = decision.findings.len();
        if let Err(failure) = run_check(setting, &eval, &mut decision.findings) {
            decision.findings.truncate(kept);
            decision.diagnostics.push(Diagnostic {
                check: setting.rule.id.to_string(),
                message: failure,
            });
        }
    }
    decision.holds_checkout = decision
        .findings
        .iter()
        .any(|finding| finding.severity == Severity::Block);
    decision
}

/// The enabled checks of `policy` that run on `page`'s kind, in the policy's order.
fn applicable<'p>(policy: &'p Policy, page: &Page) -> impl Iterator<Item = &'p CheckSetting> {
    let kind = page.kind();
    policy
        .checks
        .iter()
        .filter(move |setting| setting.enabled && setting.rule.pages.contains(&kind))
}

/// Runs one check, adding its findings to `findings`; `Err` is the diagnostic's message (the
/// check returned an error or panicked), and the caller takes back what it added.
fn run_check(
    setting: &CheckSetting,
    eval: &Eval,
    findings: &mut Vec<Finding>,
) -> Result<(), String> {
    let mut out = Out { setting, findings };
    // Where a panic aborts (the shipped wasm), there is nothing to catch: the check is
    // called as it is, without the unwinding machinery's code (issue 8).
    if !cfg!(panic = "unwind") {
        return (setting.rule.run)(eval, &mut out)
            .map_err(|message| crate::fill!("skipped: {}", message));
    }
    match catch_unwind(AssertUnwindSafe(|| (setting.rule.run)(eval, &mut out))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(message)) => Err(crate::fill!("skipped: {}", message)),
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Err(crate::fill!("skipped: the check failed ({})", reason))
        }
    }
}

/// A finding of a re-evaluation: one of the previous decision's, unchanged (its index
/// there), or a new one. The new one is boxed: after an edit most are `Previous`, and a list
/// of 200-byte entries to hold an index each was a fifth of `evaluate_again` in copying.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Previous(usize),
    New(Box<Finding>),
}

impl From<Finding> for Found {
    fn from(finding: Finding) -> Found {
        Found::New(Box::new(finding))
    }
}

/// A decision written against the previous one (`evaluate_again`).
#[derive(Debug, Clone, PartialEq)]
pub struct Redecision {
    pub findings: Vec<Found>,
    pub holds_checkout: bool,
    /// Always empty from `evaluate_again` (a failing check makes it give up).
    pub diagnostics: Vec<Diagnostic>,
    pub policy_revision: String,
}

impl From<Decision> for Redecision {
    /// A whole evaluation's decision, every finding new.
    fn from(decision: Decision) -> Redecision {
        // A loop, not a mapped `collect`: one copy less in the content wasm (issue 8).
        let mut findings = Vec::with_capacity(decision.findings.len());
        for finding in decision.findings {
            findings.push(Found::from(finding));
        }
        Redecision {
            findings,
            holds_checkout: decision.holds_checkout,
            diagnostics: decision.diagnostics,
            policy_revision: decision.policy_revision,
        }
    }
}

/// The cart line a finding is about, if any.
fn line_of(finding: &Finding) -> Option<usize> {
    match &finding.about {
        Some(About {
            field,
            index: Some(index),
        }) if &**field == "lines" => Some(*index),
        _ => None,
    }
}

/// `evaluate` again after an edit of some cart lines, reusing what the previous decision
/// found about the others: the same findings in the same order as `evaluate` would give,
/// each unchanged per-line finding as its index in `previous`.
///
/// `previous` must be the findings of `evaluate` (or of this) with the same policy, directory
/// and user, on a context that differs from `context` only in the lines listed in `changed`
/// (same number of lines), on the same day as `now`. A per-line check (`Rule::per_line`)
/// then runs on the changed lines alone, every other check on the whole page. `None` when
/// the previous findings do not fit that (a check's findings are not where they should be)
/// or a check fails: the caller evaluates the page whole, which reports the failure.
/// On a 200-line cart the per-line checks are most of the evaluation and an edit changes one
/// line.
pub fn evaluate_again(
    policy: &Policy,
    context: &Context,
    now: DateTime<FixedOffset>,
    previous: &[&Finding],
    changed: &[usize],
) -> Option<Redecision> {
    let page = context.page.as_ref()?;
    // The checks that are not per line see the whole page; the lines' facts are gathered
    // only if one of them looks at the lines (`Eval::cart_facts`).
    let whole = Eval::new(policy, context, page, now);
    let edited = whole.restricted(changed);
    let mut findings = Vec::with_capacity(previous.len() + 16);
    let mut at = 0;
    let mut found = Vec::new();
    for setting in applicable(policy, page) {
        let id = setting.rule.id;
        let start = at;
        while previous.get(at).is_some_and(|f| &*f.id == id) {
            at += 1;
        }
        found.clear();
        if !setting.rule.per_line {
            run_check(setting, &whole, &mut found).ok()?;
            for finding in found.drain(..) {
                findings.push(Found::from(finding));
            }
            continue;
        }
        run_check(setting, &edited, &mut found).ok()?;
        // The kept findings of the lines not edited and the new ones of the lines edited, in
        // line order (a per-line check adds its findings line by line).
        // The new ones taken from the end of the reversed list, not through a peekable
        // drain: its adapters are copies of their own in the content wasm (issue 8).
        found.reverse();
        // The slice of this check's kept findings, not an enumerated `skip`: its `nth` is a
        // copy of its own in the wasm (issue 8).
        for (offset, kept) in previous[start..at].iter().enumerate() {
            let k = start + offset;
            let line = line_of(kept)?;
            if changed.contains(&line) {
                continue;
            }
            while found
                .last()
                .is_some_and(|f| line_of(f).is_some_and(|l| l < line))
            {
                findings.push(Found::from(found.pop()?));
            }
            findings.push(Found::Previous(k));
        }
        while let Some(next) = found.pop() {
            line_of(&next)?;
            findings.push(Found::from(next));
        }
    }
    if at != previous.len() {
        return None;
    }
    let holds_checkout = findings.iter().any(|found| {
        let finding = match found {
            Found::Previous(k) => previous[*k],
            Found::New(finding) => finding,
        };
        finding.severity == Severity::Block
    });
    Some(Redecision {
        findings,
        holds_checkout,
        diagnostics: Vec::new(),
        policy_revision: policy.revision(),
    })
}

/// Where a check puts its findings; it stamps id, severity and source.
pub(crate) struct Out<'p> {
    pub setting: &'p CheckSetting,
    /// The decision's findings, which this check's are added to.
    pub findings: &'p mut Vec<Finding>,
}

impl Out<'_> {
    /// Adds a finding at the check's severity.
    pub fn add(
        &mut self,
        about: Option<About>,
        message: impl Into<Text>,
        evidence: impl Into<Evidence>,
        remedy: impl Into<Text>,
    ) -> &mut Finding {
        self.add_as(about, message.into(), evidence.into(), remedy.into())
    }

    // One copy, whatever the arguments' types (issue 8: the content script's wasm).
    fn add_as(
        &mut self,
        about: Option<About>,
        message: Text,
        evidence: Evidence,
        remedy: Text,
    ) -> &mut Finding {
        self.findings.push(Finding {
            id: self.setting.rule.id.into(),
            severity: self.setting.severity,
            message,
            evidence,
            remedy,
            source: self.setting.rule.source.into(),
            about,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Severity of a named variant of the check (rule 12: an override applies to all).
    pub fn variant(&self, name: &str) -> Severity {
        self.setting.variant_severity(name)
    }

    pub fn number(&self, name: &str) -> u32 {
        self.setting.number(name)
    }

    pub fn words(&self, name: &str) -> &[String] {
        self.setting.words(name)
    }
}

/// The newest quote item (or order intent) for a product (rules 5 and 14).
#[derive(Debug, Clone)]
pub(crate) struct QuoteEntry<'a> {
    pub product: &'a str,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    /// `quote Q-1042` or `order intent from ticket T...`.
    pub origin: String,
}

/// A confirmation on file, with whether it counts (rule 8).
#[derive(Clone)]
pub(crate) struct ConfirmationFacts<'a> {
    pub confirmation: &'a Confirmation,
    pub sender: Option<&'a Contact>,
    pub counts: bool,
}

impl ConfirmationFacts<'_> {
    pub fn label(&self) -> String {
        let c = self.confirmation;
        let kind = match c.kind {
            Some(ConfirmationKind::Email) => "email",
            Some(ConfirmationKind::TicketNote) => "ticket note",
            None => "confirmation",
        };
        // One string written in place: a temporary monthly cart line quotes its label.
        let mut label = String::with_capacity(64 + c.product.len());
        crate::put!(label; "{} `{}`", kind, c.id.as_deref().unwrap_or("?"));
        if let Some(from) = &c.from {
            crate::put!(label; " from `{}`", from);
        }
        crate::put!(label; ": `{}`", c.product);
        if let Some(q) = c.quantity {
            crate::put!(label; " ×{}", q);
        }
        if let Some(t) = c.term {
            crate::put!(label; " {}", t);
        }
        label
    }

    /// Rule 8 and 16: counts, names a quantity at least `quantity`, and a term (if any)
    /// equal to the line's.
    pub fn covers(&self, quantity: i64, term: Option<Term>) -> bool {
        self.counts
            && self.confirmation.quantity.is_some_and(|q| q >= quantity)
            && match self.confirmation.term {
                None => true,
                Some(named) => Some(named) == term,
            }
    }
}

/// Records grouped by normalised product, in the order first met (see [`Groups`]).
pub(crate) type ByProduct<T> = crate::fasthash::Groups<T>;

/// The customer's records, indexed by normalised product.
pub(crate) struct Records<'a> {
    pub customer: &'a Customer,
    pub held: ByProduct<&'a Subscription>,
    pub agreements: ByProduct<&'a Agreement>,
    /// The newest quote item or order intent of each product (one per product).
    pub quote: ByProduct<QuoteEntry<'a>>,
    /// A quote or order intent is on file (rule 14).
    pub has_quote: bool,
    pub confirmations: ByProduct<ConfirmationFacts<'a>>,
    pub reminders: ByProduct<&'a Reminder>,
}

impl<'a> Records<'a> {
    fn new(customer: &'a Customer) -> Records<'a> {
        let mut held = ByProduct::default();
        for subscription in customer.subscriptions.iter().filter(|s| s.is_active()) {
            held.push(product_key(&subscription.product), subscription);
        }
        let mut agreements = ByProduct::default();
        for agreement in &customer.agreements {
            agreements.push(product_key(&agreement.product), agreement);
        }
        let mut confirmations = ByProduct::default();
        for confirmation in &customer.confirmations {
            let sender = confirmation.from.as_deref().and_then(|from| {
                customer.contacts.iter().find(|contact| {
                    contact
                        .email
                        .as_deref()
                        .is_some_and(|email| email.trim().eq_ignore_ascii_case(from.trim()))
                })
            });
            let counts = sender
                .is_some_and(|contact| contact.authority.iter().any(|a| a.may_confirm_purchases()));
            confirmations.push(
                product_key(&confirmation.product),
                ConfirmationFacts {
                    confirmation,
                    sender,
                    counts,
                },
            );
        }
        let mut reminders = ByProduct::default();
        for reminder in &customer.reminders {
            reminders.push(product_key(&reminder.product), reminder);
        }
        Records {
            customer,
            held,
            agreements,
            quote: quote_index(customer),
            has_quote: !customer.quotes.is_empty() || !customer.order_intents.is_empty(),
            confirmations,
            reminders,
        }
    }

    pub fn held(&self, key: &str) -> &[&'a Subscription] {
        self.held.get(key)
    }

    pub fn agreements(&self, key: &str) -> &[&'a Agreement] {
        self.agreements.get(key)
    }

    pub fn confirmations(&self, key: &str) -> &[ConfirmationFacts<'a>] {
        self.confirmations.get(key)
    }

    /// Rule 20: the active temporary monthly subscriptions whose agreement is not signed.
    pub fn pending_temporary(&self) -> Vec<(&'a Subscription, ProductFacts<'a>)> {
        // A loop, not an adapter chain: the chain's `next` held a copy of `facts` (1.1 KB of
        // the content wasm).
        let mut pending = Vec::new();
        for s in &self.customer.subscriptions {
            if s.is_active() && s.temporary == Some(true) && s.term == Some(Term::Monthly) {
                let facts = self.facts(&product_key(&s.product));
                if !facts.signed {
                    pending.push((s, facts));
                }
            }
        }
        pending
    }

    /// Everything the records say about one product, gathered once.
    pub fn facts(&self, key: &str) -> ProductFacts<'a> {
        let agreements = self.agreements(key).to_vec();
        ProductFacts {
            held: self.held(key).to_vec(),
            signed: agreements.iter().any(|a| a.is_signed()),
            agreements,
            confirmations: self.confirmations(key).to_vec(),
            quote: self.quote.get(key).first().cloned(),
            reminder: self.reminders.contains(key),
        }
    }
}

/// What the customer's records say about one product (normalised name), gathered once per
/// evaluation so that per-line checks do no lookups.
pub(crate) struct ProductFacts<'a> {
    /// Active subscriptions of it (rule 6).
    pub held: Vec<&'a Subscription>,
    pub agreements: Vec<&'a Agreement>,
    /// Any signed agreement for it (rule 15).
    pub signed: bool,
    pub confirmations: Vec<ConfirmationFacts<'a>>,
    /// The newest quote item or order intent (rule 14).
    pub quote: Option<QuoteEntry<'a>>,
    /// A cancellation reminder ticket is on file.
    pub reminder: bool,
}

impl<'a> ProductFacts<'a> {
    /// Seed 004's temporary monthly purchase: a new subscription with no signed agreement,
    /// bought monthly on a counting written confirmation of at least the line's seats.
    pub fn temporary_purchase(&self, line: &LineFacts) -> Option<&ConfirmationFacts<'a>> {
        if line.term != Some(Term::Monthly) || !self.is_new() || self.signed {
            return None;
        }
        self.confirmation_covering(line.quantity?, line.term)
    }

    pub fn is_new(&self) -> bool {
        self.held.is_empty()
    }

    /// A counting confirmation covers `quantity` seats of `term` (rule 8, 16).
    pub fn confirmation_covering(
        &self,
        quantity: i64,
        term: Option<Term>,
    ) -> Option<&ConfirmationFacts<'a>> {
        self.confirmations.iter().find(|c| c.covers(quantity, term))
    }
}

/// Rule 14: the newest item per product decides. Order intents carry `at`; quotes are
/// newest first and may carry `at`. Choice: a dated item beats an undated one (an intent
/// recorded from a ticket is later news than a quote without a date); among undated
/// quotes the first listed (newest) wins.
fn quote_index(customer: &Customer) -> ByProduct<QuoteEntry<'_>> {
    struct Candidate<'a> {
        at: Option<DateTime<FixedOffset>>,
        rank: usize,
        entry: QuoteEntry<'a>,
    }
    // Whether a candidate's (`at`, rank) is newer than another's.
    type When = (Option<DateTime<FixedOffset>>, usize);
    let newer = |(a_at, a_rank): When, (b_at, b_rank): When| match (a_at, b_at) {
        (Some(x), Some(y)) if x != y => x > y,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => a_rank < b_rank,
    };
    let mut candidates: Vec<(String, Candidate)> = Vec::new();
    for (rank, quote) in customer.quotes.iter().enumerate() {
        let at = quote.at.as_deref().and_then(crate::dates::parse_now);
        let origin = crate::fill!("quote `{}`", quote.id.as_deref().unwrap_or("?"));
        for item in &quote.items {
            candidates.push((
                product_key(&item.product),
                Candidate {
                    at,
                    rank,
                    entry: QuoteEntry {
                        product: &item.product,
                        quantity: item.quantity,
                        term: item.term,
                        origin: origin.clone(),
                    },
                },
            ));
        }
    }
    for intent in &customer.order_intents {
        candidates.push((
            product_key(&intent.product),
            Candidate {
                at: intent.at.as_deref().and_then(crate::dates::parse_now),
                rank: 0,
                entry: QuoteEntry {
                    product: &intent.product,
                    quantity: intent.quantity,
                    term: intent.term,
                    origin: crate::fill!(
                        "order intent from ticket `{}`",
                        intent.ticket.as_deref().unwrap_or("?")
                    ),
                },
            },
        ));
    }
    // The newest candidate of each product: `when[place]` is the `at` and rank of the entry
    // at that place of the index.
    let mut index = ByProduct::default();
    let mut when: Vec<When> = Vec::new();
    for (key, candidate) in candidates {
        match index.place(&key) {
            Some(place) => {
                if newer((candidate.at, candidate.rank), when[place]) {
                    when[place] = (candidate.at, candidate.rank);
                    index.group_mut(place)[0] = candidate.entry;
                }
            }
            None => {
                when.push((candidate.at, candidate.rank));
                index.push(key, candidate.entry);
            }
        }
    }
    index
}

/// What applies to one cart line, worked out once.
pub(crate) struct LineFacts<'a> {
    pub index: usize,
    pub product: Option<&'a str>,
    pub quantity: Option<i64>,
    pub term: Option<Term>,
    /// The same for every line showing the same product name, as written: what names the
    /// product in a finding's text is worked out once per `name_id`.
    pub name_id: Option<usize>,
    /// Index into `Eval::products`: the same for every line of the same product (rule 2),
    /// whichever way it is written (`Visio Plan 2`, `visio plan 2™`): what depends on the
    /// customer's records is worked out once per `product_id`.
    pub product_id: Option<usize>,
    /// "cart line 3: `Visio Plan 2` ×2 monthly", written when a finding first needs it and
    /// then shared by the line's findings (`cart_evidence`).
    cart_line: std::cell::OnceCell<Text>,
}

/// One distinct product of the cart, normalised once.
pub(crate) struct CartProduct<'a> {
    /// The normalised name (rule 2).
    pub key: String,
    /// What the records say about it, when the customer is known.
    pub facts: Option<ProductFacts<'a>>,
}

impl LineFacts<'_> {
    pub fn product_label(&self) -> String {
        crate::fill!("`{}`", self.product.unwrap_or("?"))
    }

    /// "line 3: `Visio Plan 2` ×2 monthly", for evidence.
    pub fn describe(&self) -> String {
        let mut text = String::with_capacity(64);
        self.describe_into(&mut text);
        text
    }

    /// `describe` at the end of `text` (evidence is built around it, once per finding).
    pub fn describe_into(&self, text: &mut String) {
        text.push_str("line ");
        push_number(text, self.index as i64 + 1);
        text.push_str(": `");
        text.push_str(self.product.unwrap_or("?"));
        text.push('`');
        if let Some(q) = self.quantity {
            text.push_str(" ×");
            push_number(text, q);
        }
        if let Some(t) = self.term {
            text.push(' ');
            text.push_str(t.as_str());
        }
    }

    /// "cart line 3: `Visio Plan 2` ×2 monthly" and then `rest`, the evidence of most
    /// per-line findings. Neither piece is copied: the line's description is written once
    /// for all its findings, and `rest` is usually shared by the lines of a product.
    pub fn cart_evidence(&self, rest: impl Into<Text>) -> Evidence {
        thread_local! {
            /// Where a line's description is written before it is shared: one allocation
            /// for it, not two.
            static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let line = self.cart_line.get_or_init(|| {
            SCRATCH.with_borrow_mut(|text| {
                text.clear();
                text.push_str("cart ");
                self.describe_into(text);
                Text::shared_copy(text)
            })
        });
        Evidence::joined(line.clone(), rest.into())
    }
}

/// Writes `n` at the end of `text` as `{n}` would, without the formatting machinery, which
/// was most of the cost of the short texts written for every cart line (and of the indexes
/// of a delta result's lines).
pub fn push_number(text: &mut String, n: i64) {
    if n < 0 {
        text.push('-');
    }
    push_unsigned(text, n.unsigned_abs());
}

/// `push_number` of an unsigned number (the texts' numbers: `fill::Put`).
pub fn push_unsigned(text: &mut String, n: u64) {
    let mut digits = [0; 20];
    let digits = decimal(n, &mut digits);
    // Room made once, then each digit pushed as a slice of a text of digits: `str::from_utf8`
    // on the whole would check again that they are text (500 bytes of the content wasm, issue
    // 8), and pushing `char`s encodes each one.
    text.reserve(digits.len());
    for &d in digits {
        let d = usize::from(d - b'0');
        text.push_str(&"0123456789"[d..d + 1]);
    }
}

/// `n`'s decimal digits, written into the end of `digits`: for the writers of numbers in
/// findings and results, which leave the formatting machinery out.
pub fn decimal(mut n: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &digits[start..];
        }
    }
}

/// Everything the checks read, prepared once.
pub(crate) struct Eval<'a> {
    pub context: &'a Context,
    pub msp: &'a Msp,
    pub page: &'a Page,
    /// `now`'s date in `now`'s own offset.
    pub today: NaiveDate,
    /// The page's customer in the directory, with indexed records (shared by the two
    /// evaluations of a re-evaluation, `Eval::restricted`).
    pub records: Option<std::rc::Rc<Records<'a>>>,
    /// The customer name the page shows, and its field.
    pub shown_customer: (&'static str, Option<&'a str>),
    /// The cart lines to gather facts for (`None`: all).
    only: Option<&'a [usize]>,
    cart_facts: std::cell::OnceCell<CartFacts<'a>>,
}

/// The cart's lines and products as the checks use them (`Eval::cart_facts`).
#[derive(Default)]
struct CartFacts<'a> {
    lines: Vec<LineFacts<'a>>,
    /// How many distinct product names the cart shows (`LineFacts::name_id`).
    names: usize,
    products: Vec<CartProduct<'a>>,
}

impl<'a> Eval<'a> {
    /// The facts the checks use, for the whole page (`restricted` narrows the cart lines).
    fn new(
        policy: &'a Policy,
        context: &'a Context,
        page: &'a Page,
        now: DateTime<FixedOffset>,
    ) -> Eval<'a> {
        let shown_customer = page.customer_field();
        let customer = shown_customer
            .1
            .and_then(|name| find_customer(&context.customers, name, &policy.legal_suffixes));
        let records = customer.map(|customer| std::rc::Rc::new(Records::new(customer)));
        Eval {
            context,
            msp: &context.msp,
            page,
            today: now.date_naive(),
            records,
            shown_customer,
            only: None,
            cart_facts: std::cell::OnceCell::new(),
        }
    }

    /// The same evaluation with facts for the cart lines of `only` alone (by index; each keeps
    /// its index), for the per-line checks re-run on the lines edited: its customer and
    /// records are this one's, not looked up and indexed again.
    fn restricted(&self, only: &'a [usize]) -> Eval<'a> {
        Eval {
            records: self.records.clone(),
            only: Some(only),
            cart_facts: std::cell::OnceCell::new(),
            ..*self
        }
    }

    /// The cart's lines with their facts (empty on other pages), gathered on first use: a
    /// re-evaluation whose checks on the whole cart find nothing to look at in it never
    /// gathers them for the 200 lines it does not re-judge.
    fn cart_facts(&self) -> &CartFacts<'a> {
        self.cart_facts.get_or_init(|| {
            let Some(cart) = self.cart() else {
                return CartFacts::default();
            };
            let mut products: Vec<CartProduct> = Vec::new();
            // Normalise each distinct product name once and gather its records once,
            // however many lines show it: name → name id → product id (ids are the order
            // first met).
            let mut by_name = KeyIndex::default();
            let mut product_of_name: Vec<usize> = Vec::new();
            let mut by_key = KeyIndex::default();
            let only = self.only;
            // A loop, not a filtered and mapped `extend`: one copy less in the content wasm
            // (issue 8).
            let all = cart.lines.as_ref().map_or(0, Vec::len);
            let mut lines = Vec::with_capacity(only.map_or(all, <[usize]>::len));
            for (index, line) in crate::model::items(&cart.lines).iter().enumerate() {
                if only.is_some_and(|only| !only.contains(&index)) {
                    continue;
                }
                let mut ids = None;
                if let Some(product) = line.product.as_deref() {
                    let name_id = match by_name.get(product) {
                        Some(name_id) => name_id,
                        None => {
                            let key = product_key(product);
                            let (product_id, new) = by_key.insert(key.clone());
                            if new {
                                let facts = self.records.as_ref().map(|r| r.facts(&key));
                                products.push(CartProduct { key, facts });
                            }
                            product_of_name.push(product_id);
                            by_name.insert(product.to_string()).0
                        }
                    };
                    ids = Some((name_id, product_of_name[name_id]));
                }
                lines.push(LineFacts {
                    index,
                    product: line.product.as_deref(),
                    quantity: line.quantity,
                    term: line.term,
                    name_id: ids.map(|(name_id, _)| name_id),
                    product_id: ids.map(|(_, product_id)| product_id),
                    cart_line: std::cell::OnceCell::new(),
                });
            }
            CartFacts {
                lines,
                names: product_of_name.len(),
                products,
            }
        })
    }

    /// The cart's lines (those of `only`, when given), with their ids of product and name.
    pub fn lines(&self) -> &[LineFacts<'a>] {
        &self.cart_facts().lines
    }

    /// One entry per distinct product of the cart.
    pub fn products(&self) -> &[CartProduct<'a>] {
        &self.cart_facts().products
    }

    /// A slot per distinct cart product (`LineFacts::product_id`), for what a check works
    /// out once per product rather than per line.
    pub fn per_product<T>(&self) -> Vec<Option<T>> {
        std::iter::repeat_with(|| None)
            .take(self.products().len())
            .collect()
    }

    /// A slot per distinct product name (`LineFacts::name_id`), for text that names the
    /// product as the line shows it.
    pub fn per_name<T>(&self) -> Vec<Option<T>> {
        std::iter::repeat_with(|| None)
            .take(self.cart_facts().names)
            .collect()
    }

    /// The records about a cart line's product, when the customer is known.
    pub fn facts(&self, line: &LineFacts) -> Option<&ProductFacts<'a>> {
        line.product_id
            .and_then(|id| self.products()[id].facts.as_ref())
    }

    pub fn customer(&self) -> Option<&'a Customer> {
        self.records.as_ref().map(|r| r.customer)
    }

    // Each page's accessor is `None` in a build without that page kind (see `Page`).

    pub fn cart(&self) -> Option<&'a CartPage> {
        self.page.cart()
    }

    pub fn ticket(&self) -> Option<&'a TicketPage> {
        match self.page {
            #[cfg(feature = "ticket")]
            Page::AutotaskTicket(ticket) => Some(ticket),
            _ => None,
        }
    }

    pub fn mimecast(&self) -> Option<&'a MimecastUpgradePage> {
        match self.page {
            #[cfg(feature = "mimecast")]
            Page::MimecastUpgrade(page) => Some(page),
            _ => None,
        }
    }

    pub fn mcam(&self) -> Option<&'a McamNewUserPage> {
        match self.page {
            #[cfg(feature = "mcam")]
            Page::McamNewUser(page) => Some(page),
            _ => None,
        }
    }

    pub fn vendor(&self) -> Option<&'a HelpdeskVendor> {
        self.msp.helpdesk_vendor.as_ref()
    }

    pub fn vendor_name(&self) -> &'a str {
        self.vendor()
            .and_then(|v| v.name.as_deref())
            .unwrap_or("the help-desk vendor")
    }

    /// Whether an Autotask resource name is the help-desk vendor (rule 10).
    pub fn is_vendor(&self, resource: &str) -> bool {
        // Loops, not a chain of the name and the resource names: the chain's search is a
        // copy of its own in the content wasm (issue 8).
        self.vendor().is_some_and(|vendor| {
            vendor
                .name
                .as_deref()
                .is_some_and(|n| same_name(n, resource))
                || vendor.resource_names.iter().any(|n| same_name(n, resource))
        })
    }

    /// The vendor is the primary resource or a secondary resource of the ticket.
    pub fn vendor_is_resource(&self) -> bool {
        let Some(ticket) = self.ticket() else {
            return false;
        };
        ticket
            .primary_resource
            .as_deref()
            .is_some_and(|r| self.is_vendor(r))
            || crate::model::items(&ticket.secondary_resources)
                .iter()
                .any(|r| self.is_vendor(r))
    }

    pub fn customer_name(&self) -> String {
        match (self.customer(), self.shown_customer.1) {
            (Some(customer), _) => customer.name.clone(),
            (None, Some(shown)) => shown.to_string(),
            (None, None) => "the customer".to_string(),
        }
    }

    /// Whether an email address is one of the MSP's (on its mail domains).
    pub fn is_msp_email(&self, email: &str) -> bool {
        crate::normalize::email_domain(email).is_some_and(|domain| {
            self.msp
                .email_domains
                .iter()
                .any(|own| crate::normalize::domain_key(own) == domain)
        })
    }

    /// Senior staff as a readable list, for remedies.
    pub fn senior_staff(&self) -> String {
        if self.msp.senior_staff.is_empty() {
            "a senior staff member".to_string()
        } else {
            crate::fill!(
                "a senior staff member ({})",
                self.msp.senior_staff.joined(" or ")
            )
        }
    }

    pub fn billing_contact(&self) -> &'a str {
        self.msp.billing_contact.as_deref().unwrap_or("billing")
    }

    /// The date a subscription was bought: `purchased_on`, else `start`.
    pub fn purchase_date(subscription: &Subscription) -> Option<NaiveDate> {
        subscription
            .purchased_on
            .as_deref()
            .or(subscription.start.as_deref())
            .and_then(parse_date)
    }
}

/// Rule 3: name or alias, ignoring case, punctuation, spacing and legal suffixes.
pub(crate) fn find_customer<'a>(
    customers: &'a [Customer],
    shown: &str,
    legal_suffixes: &[String],
) -> Option<&'a Customer> {
    find_customer_index(customers, shown, legal_suffixes).map(|index| &customers[index])
}

/// The position of the customer a page shows, as [`find_customer`].
pub(crate) fn find_customer_index(
    customers: &[Customer],
    shown: &str,
    legal_suffixes: &[String],
) -> Option<usize> {
    let wanted = customer_key(shown, legal_suffixes);
    if wanted.is_empty() {
        return None;
    }
    // Loops, not a chain of the name and the aliases: each chain is its own copy in the
    // content wasm (issue 8).
    let names = |name: &String| customer_key(name, legal_suffixes) == wanted;
    for (at, customer) in customers.iter().enumerate() {
        if names(&customer.name) || customer.aliases.iter().any(names) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_json_is_what_serde_json_writes() {
        let finding = |about: Option<About>, evidence: String| Finding {
            id: "order.product-matches-quote".into(),
            severity: Severity::Block,
            message: Text::shared("`Visio Plan 2™` is not on the quote: \"é\" ×2".to_string()),
            evidence: evidence.into(),
            remedy: "order only what the quote lists".into(),
            source: "004_91566548e18f58fa.txt".into(),
            about,
        };
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        let mut joined = finding(About::item("lines", 4), String::new());
        joined.evidence = Evidence::joined(
            Text::shared_copy("cart line 5: `Visio \"Plan\" 2`"),
            Text::shared("; the quote\tlists \\ 🙂".to_string()),
        );
        let decision = Decision {
            findings: vec![
                finding(About::item("lines", 3), every_byte),
                joined,
                finding(None, "back\\slash, tab\t, \u{2028} and 🙂".to_string()),
                finding(About::field("domain"), String::new()),
            ],
            holds_checkout: true,
            diagnostics: Vec::new(),
            policy_revision: String::new(),
        };
        assert_eq!(
            decision.findings_json(),
            serde_json::to_string(&decision.findings).unwrap()
        );
        let empty = Decision {
            findings: Vec::new(),
            ..decision
        };
        assert_eq!(empty.findings_json(), "[]");
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, -7, 10, 1_000_000, -1_000_000, i64::MAX, i64::MIN] {
            let mut text = String::from("×");
            push_number(&mut text, n);
            assert_eq!(text, format!("×{n}"));
        }
    }
}

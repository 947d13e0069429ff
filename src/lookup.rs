//! What the popup and the options page ask of the core besides checking a page: finding a
//! customer by name, alias or mail domain (typos and case forgiven), the customer's plan card
//! with its open deadlines, the policy as layered for the options page (organisation over
//! local), and the audit log filtered and written as CSV.
//!
//! Pure functions over the core's model; `lib.rs` only adds the loaded directory and the
//! clock. Dates come from `procguard_core::dates`, names from `procguard_core::normalize`.

use procguard_core::normalize::Lowercase;
use std::cell::RefCell;
use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset, NaiveDate};
use procguard_core::dates::{add_days, add_one_month, business_days_before, parse_date, show, ymd};
use procguard_core::model::{Customer, Directory, Subscription, Term};
use procguard_core::normalize::{customer_key, domain_key, edit_distance, product_key};
use procguard_core::{Policy, PolicyError};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The directory the popup looks customers up in, and its search index once built.
#[derive(Default)]
struct Loaded {
    directory: Directory,
    index: Option<SearchIndex>,
}

thread_local! {
    static LOADED: RefCell<Loaded> = RefCell::new(Loaded::default());
}

/// Replaces the looked-up directory (`load_lookup_directory`); on error the previous one stays.
pub fn load(json: &str) -> Result<usize, String> {
    let directory = Directory::from_json(json).map_err(|e| e.to_string())?;
    let count = directory.customers.len();
    LOADED.with(|loaded| {
        *loaded.borrow_mut() = Loaded {
            directory,
            index: None,
        }
    });
    Ok(count)
}

/// Runs `f` over the loaded directory (an empty one when nothing was loaded).
pub fn with_directory<T>(f: impl FnOnce(&Directory) -> T) -> T {
    LOADED.with(|loaded| f(&loaded.borrow().directory))
}

/// Searches the loaded directory, building its index on first use (or when the legal
/// suffixes of the policy changed).
pub fn search_loaded(query: &str, limit: usize, legal_suffixes: &[String]) -> Vec<Hit> {
    LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        let Loaded { directory, index } = &mut *loaded;
        if !index.as_ref().is_some_and(|i| i.uses(legal_suffixes)) {
            *index = Some(SearchIndex::new(directory, legal_suffixes));
        }
        index
            .as_ref()
            .map(|i| i.search(directory, query, limit))
            .unwrap_or_default()
    })
}

// ---------------------------------------------------------------------------------------
// Customer search

/// How well a customer matched a query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The whole name, alias or domain (rule 3 for names).
    Exact,
    /// The query starts it ("acme d" for "Acme Dental").
    Prefix,
    /// The query is inside it ("dental").
    Contains,
    /// Within a few typing mistakes of it, or of its start.
    Typo,
    /// No query: every customer, by name.
    Listed,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub name: String,
    /// `name`, `alias` or `domain`: what the query matched.
    pub field: &'static str,
    /// The name, alias or domain as written in the directory.
    pub matched: String,
    pub kind: MatchKind,
    /// Edits between the query and what it matched (0 unless a typo).
    pub distance: usize,
    /// Whether this is the customer the query names (what a page's customer resolves to).
    pub exact: bool,
    /// The customer's help-desk plan, for the result list.
    pub plan: &'static str,
}

/// Edits forgiven for a query of `len` characters: none for very short ones.
fn typo_allowance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

/// How `query` (a key) matches `key`: kind, edit distance, and (to order typos of the same
/// distance) the distance to the whole key.
fn rank(query: &str, query_len: usize, key: &str) -> Option<(MatchKind, usize, usize)> {
    if query.is_empty() || key.is_empty() {
        return None;
    }
    if key == query {
        return Some((MatchKind::Exact, 0, 0));
    }
    if key.starts_with(query) {
        return Some((MatchKind::Prefix, 0, 0));
    }
    if query_len >= 2 && key.contains(query) {
        return Some((MatchKind::Contains, 0, 0));
    }
    let allowance = typo_allowance(query_len);
    if allowance == 0 {
        return None;
    }
    let key_len = key.chars().count();
    let whole = if key_len.abs_diff(query_len) <= allowance {
        edit_distance(query, key)
    } else {
        usize::MAX
    };
    // A name still being typed: compare with the start of the key, as long as the query.
    let partial = if key_len > query_len {
        let start: String = key.chars().take(query_len).collect();
        edit_distance(query, &start)
    } else {
        usize::MAX
    };
    let distance = whole.min(partial);
    (distance <= allowance).then_some((MatchKind::Typo, distance, whole))
}

/// The domain an email address or domain query stands for (`jane@acmedental.com`).
fn query_domain(query: &str) -> String {
    let query = query.trim();
    let domain = query.rfind('@').map_or(query, |at| &query[at + 1..]);
    domain_key(domain)
}

/// One name, alias or domain of a customer, as compared.
struct SearchKey {
    field: &'static str,
    /// Index in the customer's aliases or domains (0 for the name).
    at: usize,
    key: String,
}

/// The directory's names, aliases and domains as keys, worked out once per directory and
/// legal-suffix list rather than on every keystroke.
pub struct SearchIndex {
    suffixes: Vec<String>,
    customers: Vec<Vec<SearchKey>>,
}

impl SearchIndex {
    pub fn new(directory: &Directory, legal_suffixes: &[String]) -> SearchIndex {
        let customers =
            directory
                .customers
                .iter()
                .map(|customer| {
                    let mut keys = vec![SearchKey {
                        field: "name",
                        at: 0,
                        key: customer_key(&customer.name, legal_suffixes),
                    }];
                    keys.extend(
                        customer
                            .aliases
                            .iter()
                            .enumerate()
                            .map(|(at, alias)| SearchKey {
                                field: "alias",
                                at,
                                key: customer_key(alias, legal_suffixes),
                            }),
                    );
                    keys.extend(customer.domains.iter().enumerate().map(|(at, domain)| {
                        SearchKey {
                            field: "domain",
                            at,
                            key: domain_key(domain),
                        }
                    }));
                    keys
                })
                .collect();
        SearchIndex {
            suffixes: legal_suffixes.to_vec(),
            customers,
        }
    }

    /// Whether this index was built with these legal suffixes.
    pub fn uses(&self, legal_suffixes: &[String]) -> bool {
        self.suffixes == legal_suffixes
    }

    /// Customers matching `query` by name, alias or mail domain, best first; with an empty
    /// query, every customer by name. At most `limit` (0: no limit). `directory` is the one
    /// the index was built from.
    pub fn search(&self, directory: &Directory, query: &str, limit: usize) -> Vec<Hit> {
        let limit = if limit == 0 { usize::MAX } else { limit };
        let name_query = customer_key(query, &self.suffixes);
        let name_len = name_query.chars().count();
        let domain_query = query_domain(query);
        let domain_len = domain_query.chars().count();
        let listing = name_query.is_empty() && domain_query.is_empty();
        let mut ranked: Vec<(Hit, usize)> = Vec::new();
        for (customer, keys) in directory.customers.iter().zip(&self.customers) {
            let plan = customer
                .help_desk
                .as_ref()
                .map_or("unknown", |h| h.plan.as_str());
            let best = if listing {
                Some((MatchKind::Listed, 0, 0, &keys[0]))
            } else {
                keys.iter()
                    .filter_map(|k| {
                        let found = if k.field == "domain" {
                            rank(&domain_query, domain_len, &k.key)
                        } else {
                            rank(&name_query, name_len, &k.key)
                        };
                        found.map(|(kind, distance, whole)| (kind, distance, whole, k))
                    })
                    .min_by_key(|(kind, distance, whole, _)| (*kind, *distance, *whole))
            };
            let Some((kind, distance, whole, key)) = best else {
                continue;
            };
            let matched = match key.field {
                "alias" => &customer.aliases[key.at],
                "domain" => &customer.domains[key.at],
                _ => &customer.name,
            };
            ranked.push((
                Hit {
                    id: customer.id.clone(),
                    name: customer.name.clone(),
                    field: key.field,
                    matched: matched.clone(),
                    kind,
                    distance,
                    exact: kind == MatchKind::Exact,
                    plan,
                },
                whole,
            ));
        }
        ranked.sort_by(|(a, a_whole), (b, b_whole)| {
            (a.kind, a.distance, a_whole)
                .cmp(&(b.kind, b.distance, b_whole))
                .then_with(|| compare_names(&a.name, &b.name))
        });
        ranked.truncate(limit);
        ranked.into_iter().map(|(hit, _)| hit).collect()
    }
}

/// [`SearchIndex::search`] without keeping the index.
#[cfg(test)]
pub fn search(
    directory: &Directory,
    query: &str,
    limit: usize,
    legal_suffixes: &[String],
) -> Vec<Hit> {
    SearchIndex::new(directory, legal_suffixes).search(directory, query, limit)
}

fn compare_names(a: &str, b: &str) -> Ordering {
    a.lowercase().cmp(&b.lowercase()).then_with(|| a.cmp(b))
}

// ---------------------------------------------------------------------------------------
// Plan card

/// The day counts the deadlines use: the effective policy's parameters where it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineDays {
    /// Agreement due this many business days before the first month ends.
    pub agreement_business_days: u32,
    /// Cancellation reminder due this many calendar days before the first month ends.
    pub reminder_days: u32,
    /// Seats added to an annual subscription are committed this many days after purchase.
    pub seat_window_days: u32,
}

impl Default for DeadlineDays {
    /// Rule 11 of POLICY.md.
    fn default() -> DeadlineDays {
        DeadlineDays {
            agreement_business_days: 5,
            reminder_days: 5,
            seat_window_days: 7,
        }
    }
}

impl DeadlineDays {
    /// From an effective policy (`Policy::to_json`); defaults where a parameter is missing.
    pub fn from_policy_json(policy: &Value) -> DeadlineDays {
        let defaults = DeadlineDays::default();
        let param = |check: &str, name: &str, default: u32| {
            policy
                .pointer(&format!("/checks/{check}/params/{name}"))
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(default)
        };
        DeadlineDays {
            agreement_business_days: param(
                "ticket.agreement-deadline",
                "business_days_before_month_end",
                defaults.agreement_business_days,
            ),
            reminder_days: param(
                "order.temporary-monthly-needs-reminder",
                "days_before_month_end",
                defaults.reminder_days,
            ),
            seat_window_days: param(
                "order.annual-seat-lock-in",
                "window_days",
                defaults.seat_window_days,
            ),
        }
    }
}

/// The legal suffixes of an effective policy (`matching.legal_suffixes`).
pub fn legal_suffixes(policy: &Value) -> Vec<String> {
    policy
        .pointer("/matching/legal_suffixes")
        .and_then(Value::as_array)
        .map(|words| {
            words
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// A date that matters to the customer's open orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// `agreement`, `reminder` or `seat-window`.
    pub kind: &'static str,
    pub product: String,
    /// `YYYY-MM-DD`; `None` when the purchase date is unknown.
    pub date: Option<String>,
    /// Before today.
    pub passed: bool,
    /// Days from today to the date (negative once passed).
    pub days_left: Option<i64>,
    /// One line in plain words.
    pub message: String,
}

/// The date a subscription was bought: `purchased_on`, else `start` (as the checks read it).
fn purchase_date(subscription: &Subscription) -> Option<NaiveDate> {
    subscription
        .purchased_on
        .as_deref()
        .or(subscription.start.as_deref())
        .and_then(parse_date)
}

fn dated(
    kind: &'static str,
    product: &str,
    date: NaiveDate,
    today: NaiveDate,
    message: String,
) -> Deadline {
    let days_left = (date - today).num_days();
    Deadline {
        kind,
        product: product.to_string(),
        date: Some(ymd(date)),
        passed: days_left < 0,
        days_left: Some(days_left),
        message,
    }
}

/// The customer's open deadlines, soonest first: temporary monthly subscriptions awaiting
/// their agreement (agreement deadline and cancellation reminder), and annual or multi-year
/// seats still inside their window.
pub fn deadlines(customer: &Customer, today: NaiveDate, days: DeadlineDays) -> Vec<Deadline> {
    let signed = |product: &str| {
        let key = product_key(product);
        customer
            .agreements
            .iter()
            .any(|a| a.is_signed() && product_key(&a.product) == key)
    };
    let mut out = Vec::new();
    for subscription in customer.subscriptions.iter().filter(|s| s.is_active()) {
        let product = subscription.product.as_str();
        let awaiting_agreement = subscription.temporary == Some(true)
            && subscription.term == Some(Term::Monthly)
            && !signed(product);
        if awaiting_agreement {
            let Some(bought) = purchase_date(subscription) else {
                out.push(Deadline {
                    kind: "agreement",
                    product: product.to_string(),
                    date: None,
                    passed: false,
                    days_left: None,
                    message: format!("the agreement for the temporary monthly `{product}` is pending; its purchase date is unknown"),
                });
                continue;
            };
            let month_end = add_one_month(bought);
            let deadline = business_days_before(month_end, days.agreement_business_days);
            let message = if today > deadline {
                format!(
                    "agreement deadline {} passed: set `{product}` to cancel at the month's end ({}) and tell the customer",
                    show(deadline),
                    show(month_end)
                )
            } else {
                format!(
                    "agreement for the temporary monthly `{product}` must be signed by {}",
                    show(deadline)
                )
            };
            out.push(dated("agreement", product, deadline, today, message));
            let due = add_days(month_end, -i64::from(days.reminder_days));
            let key = product_key(product);
            let reminder = customer
                .reminders
                .iter()
                .find(|r| product_key(&r.product) == key);
            let message = match reminder {
                Some(r) => format!(
                    "cancellation reminder for `{product}` on file{}{}",
                    r.ticket
                        .as_deref()
                        .map_or(String::new(), |t| format!(" (ticket `{t}`)")),
                    r.due
                        .as_deref()
                        .map_or(String::new(), |d| format!(", due {d}"))
                ),
                None => format!(
                    "no cancellation reminder for `{product}` on file: create one due {}",
                    show(due)
                ),
            };
            out.push(dated("reminder", product, due, today, message));
        }
        let Some(term) = subscription.term.filter(|t| t.is_commitment()) else {
            continue;
        };
        let window = i64::from(days.seat_window_days);
        let mut added: Vec<(NaiveDate, Option<i64>)> = subscription
            .seat_changes
            .iter()
            .filter(|change| change.delta.is_some_and(|d| d > 0))
            .filter_map(|change| {
                change
                    .at
                    .as_deref()
                    .and_then(parse_date)
                    .map(|at| (at, change.delta))
            })
            .collect();
        if let Some(bought) = subscription.purchased_on.as_deref().and_then(parse_date) {
            added.push((bought, subscription.quantity));
        }
        for (at, seats) in added {
            let closes = add_days(at, window);
            if closes < today {
                continue;
            }
            let seats = seats.map_or("seats".to_string(), |n| {
                format!("{n} seat{}", if n == 1 { "" } else { "s" })
            });
            let message = format!(
                "{seats} of the {term} `{product}` bought {} can be removed until {}; after that they are committed to the term's end",
                ymd(at),
                show(closes)
            );
            out.push(dated("seat-window", product, closes, today, message));
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.kind.cmp(b.kind)));
    out
}

/// Everything the popup's plan card shows about one customer.
pub fn card(customer: &Customer, today: NaiveDate, days: DeadlineDays) -> Value {
    let may_confirm = |from: &str| {
        customer.contacts.iter().any(|contact| {
            contact
                .email
                .as_deref()
                .is_some_and(|email| email.trim().eq_ignore_ascii_case(from.trim()))
                && contact.authority.iter().any(|a| a.may_confirm_purchases())
        })
    };
    let help_desk = customer
        .help_desk
        .as_ref()
        .map(|h| json!({"plan": h.plan.as_str(), "source": h.source, "as_of": h.as_of}));
    let term = |t: Option<Term>| t.map(Term::as_str);
    json!({
        "ok": true,
        "today": ymd(today),
        "id": customer.id,
        "name": customer.name,
        "aliases": customer.aliases,
        "domains": customer.domains,
        "classification": customer.classification,
        "help_desk": help_desk,
        "subscriptions": customer.subscriptions.iter().map(|s| json!({
            "product": s.product, "term": term(s.term), "quantity": s.quantity,
            "start": s.start, "end": s.end, "status": s.status,
            "active": s.is_active(), "temporary": s.temporary == Some(true),
        })).collect::<Vec<_>>(),
        "agreements": customer.agreements.iter().map(|a| json!({
            "product": a.product, "term": term(a.term), "status": a.status, "signed_on": a.signed_on,
        })).collect::<Vec<_>>(),
        "contacts": customer.contacts.iter().map(|c| json!({
            "name": c.name, "email": c.email, "authority": c.authority,
            "may_confirm": c.authority.iter().any(|a| a.may_confirm_purchases()),
        })).collect::<Vec<_>>(),
        "quotes": customer.quotes.iter().map(|q| json!({
            "id": q.id, "at": q.at,
            "items": q.items.iter().map(|i| json!({
                "product": i.product, "quantity": i.quantity, "term": term(i.term),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "order_intents": customer.order_intents.iter().map(|o| json!({
            "ticket": o.ticket, "product": o.product, "quantity": o.quantity,
            "term": term(o.term), "at": o.at,
        })).collect::<Vec<_>>(),
        "confirmations": customer.confirmations.iter().map(|c| json!({
            "id": c.id, "kind": c.kind, "ticket": c.ticket, "from": c.from, "at": c.at,
            "product": c.product, "quantity": c.quantity, "term": term(c.term),
            "counts": c.from.as_deref().is_some_and(may_confirm),
        })).collect::<Vec<_>>(),
        "deadlines": deadlines(customer, today, days),
    })
}

// ---------------------------------------------------------------------------------------
// Policy for the options page

fn policy_errors(errors: &[PolicyError]) -> Value {
    Value::Array(
        errors
            .iter()
            .map(|e| json!({"path": e.path, "message": e.message, "help": e.help, "text": e.to_string()}))
            .collect(),
    )
}

/// Deep merge of override objects: `over`'s keys win (a list or value replaces).
fn merge_json(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge_json(slot, value),
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, over) => *base = over.clone(),
    }
}

fn parse_overrides(text: &str) -> Option<Value> {
    (!text.trim().is_empty()).then(|| crate::decode::value(text).unwrap_or(Value::Null))
}

/// The local overrides with the organisation's (managed storage) on top, as one overrides
/// document for `load_policy`: per check and parameter, the organisation's value wins.
/// `{"ok":true,"overrides":"…"}`, or `{"ok":false,"layer":"local"|"organisation","errors":[…]}`.
pub fn layered_overrides(local: &str, managed: &str) -> Value {
    let mut merged = Value::Object(Map::new());
    for (layer, text) in [("local", local), ("organisation", managed)] {
        let Some(value) = parse_overrides(text) else {
            continue;
        };
        if let Err(errors) = crate::decode::policy(text) {
            return json!({"ok": false, "layer": layer, "errors": policy_errors(&errors)});
        }
        merge_json(&mut merged, &value);
    }
    let text = if merged.as_object().is_some_and(Map::is_empty) {
        String::new()
    } else {
        merged.to_string()
    };
    json!({"ok": true, "overrides": text})
}

/// What the options page shows: the defaults, the effective policy (local under
/// organisation), the organisation's overrides (read-only there), and any errors.
pub fn policy_view(local: &str, managed: &str) -> Value {
    let defaults = Policy::default().to_json();
    let managed_value = parse_overrides(managed);
    let layered = layered_overrides(local, managed);
    let effective = layered
        .get("overrides")
        .and_then(Value::as_str)
        .map(|text| {
            if text.is_empty() {
                Ok(Policy::default())
            } else {
                Policy::from_overrides_json(text)
            }
        });
    match effective {
        Some(Ok(policy)) => json!({
            "ok": true, "defaults": defaults, "effective": policy.to_json(),
            "revision": policy.revision(), "organisation": managed_value,
        }),
        Some(Err(errors)) => json!({
            "ok": false, "defaults": defaults, "layer": "local", "errors": policy_errors(&errors),
            "organisation": managed_value,
        }),
        None => {
            let mut out = layered;
            out["defaults"] = defaults;
            out["organisation"] = managed_value.unwrap_or(Value::Null);
            out
        }
    }
}

/// Validates an overrides document as the options page builds it from its form:
/// `{"ok":true,"revision":…}` or `{"ok":false,"errors":[{path,message,help,text}]}`.
pub fn validate_policy(overrides: &str) -> Value {
    if overrides.trim().is_empty() {
        return json!({"ok": true, "revision": Policy::default().revision()});
    }
    match Policy::from_overrides_json(overrides) {
        Ok(policy) => json!({"ok": true, "revision": policy.revision()}),
        Err(errors) => json!({"ok": false, "errors": policy_errors(&errors)}),
    }
}

// ---------------------------------------------------------------------------------------
// Audit log

/// What the options page filters the audit log by; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of the customer's name, compared as a customer key (case, punctuation ignored).
    pub customer: String,
    /// First local day, `YYYY-MM-DD`.
    pub from: String,
    /// Last local day, `YYYY-MM-DD`.
    pub to: String,
}

/// One audit record as shown: the record's fields plus its local date and time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    pub at: String,
    /// `YYYY-MM-DD HH:MM` in the browser's time zone.
    pub local: String,
    pub action: String,
    pub customer: String,
    pub page_kind: String,
    pub finding_ids: Vec<String>,
    pub reason: String,
    pub user_name: String,
    pub user_email: String,
    pub url: String,
}

fn text_of(record: &Value, pointer: &str) -> String {
    match record.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The records the filter keeps, newest first. `local_time` gives a record's moment in the
/// browser's time zone.
pub fn audit_rows(
    records: &[Value],
    filter: &AuditFilter,
    legal_suffixes: &[String],
    local_time: &dyn Fn(DateTime<FixedOffset>) -> chrono::NaiveDateTime,
) -> Vec<AuditRow> {
    let wanted = customer_key(&filter.customer, legal_suffixes);
    let from = parse_date(&filter.from);
    let to = parse_date(&filter.to);
    let mut rows: Vec<AuditRow> = records
        .iter()
        .filter_map(|record| {
            let at = text_of(record, "/at");
            let local = procguard_core::dates::parse_rfc3339(&at).map(local_time);
            let day = local.map(|l| l.date());
            if from.is_some_and(|from| day.is_none_or(|d| d < from))
                || to.is_some_and(|to| day.is_none_or(|d| d > to))
            {
                return None;
            }
            let customer = text_of(record, "/customer");
            if !wanted.is_empty() && !customer_key(&customer, legal_suffixes).contains(&wanted) {
                return None;
            }
            let finding_ids = record
                .get("finding_ids")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let url = match text_of(record, "/url") {
                url if url.is_empty() => text_of(record, "/tab_url"),
                url => url,
            };
            Some(AuditRow {
                local: local.map_or(String::new(), |l| l.format("%Y-%m-%d %H:%M").to_string()),
                at,
                action: text_of(record, "/action"),
                customer,
                page_kind: text_of(record, "/page_kind"),
                finding_ids,
                reason: text_of(record, "/reason"),
                user_name: text_of(record, "/user/name"),
                user_email: text_of(record, "/user/email"),
                url,
            })
        })
        .collect();
    rows.sort_by(|a, b| b.at.cmp(&a.at));
    rows
}

/// One CSV cell: a cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first) gets a leading `'`; cells with quotes, commas or line breaks are
/// quoted with inner quotes doubled (RFC 4180).
pub fn csv_cell(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The rows as CSV with a header line, CRLF line ends.
pub fn audit_csv(rows: &[AuditRow]) -> String {
    let mut out = String::from(
        "at,local time,action,customer,page kind,findings,reason,user name,user email,url\r\n",
    );
    for row in rows {
        let ids = row.finding_ids.join(" ");
        let cells = [
            &row.at,
            &row.local,
            &row.action,
            &row.customer,
            &row.page_kind,
            &ids,
            &row.reason,
            &row.user_name,
            &row.user_email,
            &row.url,
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The distinct customers named in the log, by name (for the filter's suggestions).
pub fn audit_customers(records: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = records
        .iter()
        .map(|r| text_of(r, "/customer"))
        .filter(|c| !c.is_empty())
        .collect();
    names.sort_by(|a, b| compare_names(a, b));
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECTORY: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/directory.json"
    ));

    fn directory() -> Directory {
        Directory::from_json(DIRECTORY).expect("the shared fixture directory reads")
    }

    fn suffixes() -> Vec<String> {
        legal_suffixes(&Policy::default().to_json())
    }

    fn ids(query: &str) -> Vec<String> {
        search(&directory(), query, 10, &suffixes())
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn finds_customers_by_name_alias_and_domain_in_any_case() {
        assert_eq!(ids("Acme Dental LLC")[0], "acme");
        assert_eq!(ids("acme dental")[0], "acme");
        assert_eq!(ids("HUDSON LAW")[0], "hudson");
        assert_eq!(ids("brightsidebakery.com")[0], "bright");
        assert_eq!(ids("jane@ACMEDENTAL.com")[0], "acme");
        assert_eq!(ids("acmedental.onmicrosoft.com")[0], "acme");
        let hit = &search(&directory(), "Hudson Law", 1, &suffixes())[0];
        assert_eq!(
            (hit.field, hit.kind, hit.exact),
            ("alias", MatchKind::Exact, true)
        );
    }

    #[test]
    fn forgives_typos_and_partial_names() {
        assert_eq!(ids("acme dentl")[0], "acme");
        assert_eq!(ids("Hudsn Law")[0], "hudson");
        assert_eq!(ids("brigthside")[0], "bright");
        assert_eq!(ids("acmedentl.com")[0], "acme");
        assert_eq!(ids("bak"), vec!["bright"]);
        assert_eq!(ids("hud"), vec!["hudson"]);
        let hit = &search(&directory(), "Hudsn Law", 1, &suffixes())[0];
        assert_eq!(
            (hit.kind, hit.distance, hit.exact),
            (MatchKind::Typo, 1, false)
        );
    }

    #[test]
    fn ranks_exact_before_prefix_before_contains_before_typos() {
        let mut dir = directory();
        let mut twin = dir.customers[0].clone();
        twin.id = "acme-lab".into();
        twin.name = "Acme Dental Lab".into();
        twin.aliases.clear();
        twin.domains = vec!["acmelab.com".into()];
        std::sync::Arc::make_mut(&mut dir.customers).push(twin);
        let hits = search(&dir, "acme dental", 10, &suffixes());
        assert_eq!(hits[0].id, "acme");
        assert_eq!(hits[0].kind, MatchKind::Exact);
        assert_eq!(hits[1].id, "acme-lab");
        assert_eq!(hits[1].kind, MatchKind::Prefix);
        assert_eq!(
            search(&dir, "dental lab", 10, &suffixes())[0].kind,
            MatchKind::Contains
        );
    }

    #[test]
    fn the_loaded_directory_is_searched_through_an_index_rebuilt_when_suffixes_change() {
        assert_eq!(load(DIRECTORY), Ok(3));
        let s = suffixes();
        assert_eq!(
            search_loaded("acme dental llc", 1, &s)[0].kind,
            MatchKind::Exact
        );
        assert_eq!(
            search_loaded("Hudson Law Group", 1, &s)[0].kind,
            MatchKind::Exact
        );
        // Without legal suffixes `PC` is part of the name: `Hudson Law Group` is then a prefix.
        let hit = &search_loaded("Hudson Law Group", 1, &[])[0];
        assert_eq!((hit.field, hit.kind), ("name", MatchKind::Prefix));
        assert!(load("{").is_err());
        assert_eq!(
            with_directory(|d| d.customers.len()),
            3,
            "a bad load keeps the previous one"
        );
    }

    #[test]
    fn typos_of_the_same_distance_prefer_the_closer_whole_name() {
        let mut dir = directory();
        for (id, name) in [
            ("a1", "Acme Dental 1299 Holdings"),
            ("a2", "Acme Dental 1999"),
        ] {
            let mut c = dir.customers[0].clone();
            c.id = id.into();
            c.name = name.into();
            c.aliases.clear();
            c.domains.clear();
            std::sync::Arc::make_mut(&mut dir.customers).push(c);
        }
        assert_eq!(search(&dir, "acme dentl 1999", 1, &suffixes())[0].id, "a2");
    }

    #[test]
    fn nothing_for_unrelated_or_too_short_typos_and_all_for_an_empty_query() {
        assert!(ids("zebra accounting").is_empty());
        assert!(ids("xq").is_empty());
        let all = search(&directory(), "  ", 0, &suffixes());
        let names: Vec<&str> = all.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Acme Dental LLC",
                "Brightside Bakery Inc",
                "Hudson Law Group PC"
            ]
        );
        assert_eq!(search(&directory(), "", 2, &suffixes()).len(), 2);
    }

    #[test]
    fn card_shows_plan_records_and_which_confirmations_count() {
        let dir = directory();
        let card = card(&dir.customers[0], d("2026-11-21"), DeadlineDays::default());
        assert_eq!(card["help_desk"]["plan"], "per-device");
        assert_eq!(card["help_desk"]["source"], "IT Glue Site Summary");
        assert_eq!(card["help_desk"]["as_of"], "2026-10-01");
        assert_eq!(card["subscriptions"].as_array().unwrap().len(), 4);
        assert_eq!(card["subscriptions"][0]["term"], "monthly");
        assert_eq!(card["agreements"][0]["status"], "signed");
        assert_eq!(
            card["contacts"][0]["authority"],
            json!(["primary-authorization", "purchasing"])
        );
        assert_eq!(card["contacts"][2]["may_confirm"], false);
        assert_eq!(card["quotes"][0]["id"], "Q-1042");
        assert_eq!(card["confirmations"][0]["counts"], true);
        assert_eq!(card["deadlines"], json!([]));
    }

    fn temporary_customer() -> Customer {
        let mut customer = directory().customers[0].clone();
        customer.subscriptions = vec![Subscription {
            product: "Visio Plan 2".into(),
            term: Some(Term::Monthly),
            quantity: Some(2),
            purchased_on: Some("2026-11-21".into()),
            status: Some("active".into()),
            temporary: Some(true),
            ..Default::default()
        }];
        customer
    }

    #[test]
    fn temporary_monthly_awaiting_its_agreement_has_a_deadline_and_a_reminder() {
        let customer = temporary_customer();
        // Bought Saturday 2026-11-21: the month ends Monday 2026-12-21; 5 business days
        // before is Monday 2026-12-14; the reminder is due 5 days before, 2026-12-16.
        let found = deadlines(&customer, d("2026-11-25"), DeadlineDays::default());
        let dates: Vec<(&str, &str, bool)> = found
            .iter()
            .map(|x| (x.kind, x.date.as_deref().unwrap(), x.passed))
            .collect();
        assert_eq!(
            dates,
            [
                ("agreement", "2026-12-14", false),
                ("reminder", "2026-12-16", false)
            ]
        );
        assert_eq!(found[0].days_left, Some(19));
        assert!(
            found[0]
                .message
                .contains("must be signed by 2026-12-14 (Monday)"),
            "{}",
            found[0].message
        );
        assert!(
            found[1].message.contains("no cancellation reminder"),
            "{}",
            found[1].message
        );

        let late = deadlines(&customer, d("2026-12-15"), DeadlineDays::default());
        assert!(late[0].passed);
        assert!(late[0].message.contains("passed"), "{}", late[0].message);
    }

    #[test]
    fn policy_parameters_move_the_deadlines_and_a_signed_agreement_clears_them() {
        let mut customer = temporary_customer();
        let policy = Policy::from_overrides_json(
            r#"{"checks":{"ticket.agreement-deadline":{"params":{"business_days_before_month_end":3}},
                "order.temporary-monthly-needs-reminder":{"params":{"days_before_month_end":2}}}}"#,
        )
        .unwrap();
        let days = DeadlineDays::from_policy_json(&policy.to_json());
        assert_eq!(days.agreement_business_days, 3);
        assert_eq!(days.reminder_days, 2);
        assert_eq!(days.seat_window_days, 7);
        let found = deadlines(&customer, d("2026-11-25"), days);
        assert_eq!(found[0].date.as_deref(), Some("2026-12-16"));
        assert_eq!(found[1].date.as_deref(), Some("2026-12-19"));

        customer.agreements.push(procguard_core::model::Agreement {
            product: "visio plan 2".into(),
            term: Some(Term::Monthly),
            status: Some(procguard_core::model::AgreementStatus::Signed),
            signed_on: Some("2026-11-30".into()),
            ..Default::default()
        });
        assert!(deadlines(&customer, d("2026-11-25"), days).is_empty());
    }

    #[test]
    fn a_reminder_on_file_is_named_and_an_unknown_purchase_date_is_said() {
        let mut customer = temporary_customer();
        customer.reminders.push(procguard_core::model::Reminder {
            ticket: Some("T20261121.0009".into()),
            product: "Visio Plan 2".into(),
            due: Some("2026-12-16".into()),
            ..Default::default()
        });
        let found = deadlines(&customer, d("2026-11-25"), DeadlineDays::default());
        assert!(
            found[1].message.contains("`T20261121.0009`"),
            "{}",
            found[1].message
        );
        customer.subscriptions[0].purchased_on = None;
        let found = deadlines(&customer, d("2026-11-25"), DeadlineDays::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, None);
        assert!(found[0].message.contains("purchase date is unknown"));
    }

    #[test]
    fn annual_seats_are_listed_while_their_window_is_open() {
        let mut customer = directory().customers[0].clone();
        let annual = customer
            .subscriptions
            .iter_mut()
            .find(|s| s.term == Some(Term::Annual) && s.product.starts_with("Microsoft 365"))
            .unwrap();
        annual.seat_changes = vec![
            procguard_core::model::SeatChange {
                at: Some("2026-11-18".into()),
                delta: Some(2),
                ..Default::default()
            },
            procguard_core::model::SeatChange {
                at: Some("2026-11-01".into()),
                delta: Some(1),
                ..Default::default()
            },
            procguard_core::model::SeatChange {
                at: Some("2026-11-19".into()),
                delta: Some(-1),
                ..Default::default()
            },
        ];
        let found = deadlines(&customer, d("2026-11-21"), DeadlineDays::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, "seat-window");
        assert_eq!(found[0].date.as_deref(), Some("2026-11-25"));
        assert!(found[0].message.contains("2 seats"), "{}", found[0].message);
        // The last day of the window is still open; the day after it is not.
        assert_eq!(
            deadlines(&customer, d("2026-11-25"), DeadlineDays::default()).len(),
            1
        );
        assert!(deadlines(&customer, d("2026-11-26"), DeadlineDays::default()).is_empty());
    }

    #[test]
    fn organisation_policy_wins_over_local_per_key() {
        let local = r#"{"checks":{"order.acceptance-date":{"severity":"warn","enabled":false},"ticket.mc-sla":{"enabled":false}}}"#;
        let managed = r#"{"checks":{"order.acceptance-date":{"severity":"info"}}}"#;
        let layered = layered_overrides(local, managed);
        assert_eq!(layered["ok"], true);
        let merged: Value = serde_json::from_str(layered["overrides"].as_str().unwrap()).unwrap();
        assert_eq!(
            merged["checks"]["order.acceptance-date"],
            json!({"severity": "info", "enabled": false})
        );
        assert_eq!(merged["checks"]["ticket.mc-sla"]["enabled"], false);
        let view = policy_view(local, managed);
        assert_eq!(
            view["effective"]["checks"]["order.acceptance-date"]["severity"],
            "info"
        );
        assert_eq!(
            view["organisation"]["checks"]["order.acceptance-date"]["severity"],
            "info"
        );
        assert_eq!(layered_overrides("", "")["overrides"], "");
    }

    #[test]
    fn bad_policies_name_the_layer_and_the_key() {
        let bad = layered_overrides(
            "",
            r#"{"checks":{"order.acceptance-date":{"severity":"loud"}}}"#,
        );
        assert_eq!(bad["ok"], false);
        assert_eq!(bad["layer"], "organisation");
        assert_eq!(
            bad["errors"][0]["path"],
            "checks[\"order.acceptance-date\"].severity"
        );
        let typed = validate_policy(
            r#"{"checks":{"order.annual-seat-lock-in":{"params":{"window_days":"x"}}}}"#,
        );
        assert_eq!(typed["ok"], false);
        assert_eq!(
            typed["errors"][0]["path"],
            "checks[\"order.annual-seat-lock-in\"].params.window_days"
        );
        assert_eq!(validate_policy("")["ok"], true);
    }

    fn records() -> Vec<Value> {
        serde_json::from_value(json!([
            {"at": "2026-11-21T03:30:00.000Z", "action": "held", "customer": "Acme Dental LLC",
             "page_kind": "pax8-cart", "finding_ids": ["order.domain-matches-customer"], "url": "https://app.pax8.com/cart"},
            {"at": "2026-11-21T15:00:00.000Z", "action": "override", "customer": "Hudson Law",
             "page_kind": "pax8-cart", "finding_ids": ["a", "b"], "reason": "=HYPERLINK(\"x\"), said \"ok\"\nnext",
             "user": {"name": "Sam Tech", "email": "sam@ggit.example"}, "url": "https://app.pax8.com/checkout"},
        ]))
        .unwrap()
    }

    fn new_york(at: DateTime<FixedOffset>) -> chrono::NaiveDateTime {
        at.with_timezone(&FixedOffset::west_opt(5 * 3600).unwrap())
            .naive_local()
    }

    #[test]
    fn audit_filters_by_customer_key_and_local_day() {
        let all = audit_rows(&records(), &AuditFilter::default(), &suffixes(), &new_york);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].customer, "Hudson Law", "newest first");
        assert_eq!(
            all[1].local, "2026-11-20 22:30",
            "the early UTC record is the 20th in New York"
        );
        let acme = AuditFilter {
            customer: "acme dental".into(),
            ..Default::default()
        };
        assert_eq!(
            audit_rows(&records(), &acme, &suffixes(), &new_york).len(),
            1
        );
        let day = AuditFilter {
            from: "2026-11-21".into(),
            to: "2026-11-21".into(),
            ..Default::default()
        };
        let rows = audit_rows(&records(), &day, &suffixes(), &new_york);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].customer, "Hudson Law");
        assert_eq!(
            audit_customers(&records()),
            ["Acme Dental LLC", "Hudson Law"]
        );
    }

    #[test]
    fn csv_escapes_and_neutralises_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=1+2"), "'=1+2");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("=A1,B1"), "\"'=A1,B1\"");
        let rows = audit_rows(&records(), &AuditFilter::default(), &suffixes(), &new_york);
        let csv = audit_csv(&rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("at,local time,action,customer"));
        assert!(
            lines[1].contains(",\"'=HYPERLINK(\"\"x\"\"), said \"\"ok\"\"\nnext\","),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains(",a b,"));
        assert_eq!(csv.matches("\r\n").count(), 3);
    }
}

//! What procguard learns from the pages a technician opens (the Autotask company page's
//! "Help Desk Support Type", the IT Glue Site Summary) and the order intents started from a
//! ticket, kept apart from the imported directory as *facts*.
//!
//! The imported directory is never changed: the directory the checks see is the import with
//! the facts applied. A fact fills what the import lacks; where the import says something else,
//! the import stands and the difference is a *conflict*, shown until someone decides: an
//! explicit choice (`choice: "learned"` or `"imported"`) or a newer import, which wins.

use procguard_core::model::{
    Contact, Customer, Directory, HelpDesk, Order, OrderIntent, Page, Term,
};
use procguard_core::normalize::Lowercase;
use procguard_core::Policy;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// One thing learned about one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub customer_id: String,
    /// The customer's name when learned (for people reading the list).
    pub customer: String,
    /// `help_desk`, `classification`, `contact` or `order_intent`.
    pub field: String,
    /// Which one, for fields that hold several: the contact's email, the intent's ticket.
    #[serde(default)]
    pub key: Option<String>,
    /// The value as the directory writes it (CONTEXT.md).
    pub value: Value,
    /// Where it was learned: "IT Glue Site Summary", "Autotask UDF Help Desk Support Type",
    /// "Autotask ticket T…".
    pub source: String,
    /// When it was learned (RFC 3339).
    pub at: String,
    #[serde(default)]
    pub url: Option<String>,
    /// An explicit decision on a conflict: `learned` or `imported`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
}

impl Fact {
    /// Facts about the same thing replace each other.
    pub fn same_subject(&self, other: &Fact) -> bool {
        self.customer_id == other.customer_id && self.field == other.field && self.key == other.key
    }
}

/// The import and a fact disagree, and nobody has decided yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub customer_id: String,
    pub customer: String,
    pub field: String,
    pub key: Option<String>,
    pub imported: Value,
    pub learned: Value,
    pub source: String,
    pub at: String,
}

/// What the pages taught, as facts: the difference the page makes to the imported directory.
pub fn facts_from_page(
    imported: &Directory,
    policy: &Policy,
    page: &Page,
    now: &str,
    url: Option<&str>,
) -> Vec<Fact> {
    let day = now.get(..10).unwrap_or(now);
    let mut taught = imported.clone();
    if taught.learn_from_page(policy, page, day).is_empty() {
        return Vec::new();
    }
    let source = match page {
        #[cfg(feature = "itglue")]
        Page::ItGlueSiteSummary(_) => procguard_core::learn::SOURCE_ITGLUE,
        #[allow(unreachable_patterns)]
        _ => procguard_core::learn::SOURCE_AUTOTASK,
    };
    let fact = |customer: &Customer, field: &str, key: Option<String>, value: Value| Fact {
        customer_id: customer.id.clone(),
        customer: customer.name.clone(),
        field: field.to_string(),
        key,
        value,
        source: source.to_string(),
        at: now.to_string(),
        url: url.map(str::to_string),
        choice: None,
    };
    let mut facts = Vec::new();
    for (before, after) in imported.customers.iter().zip(taught.customers.iter()) {
        if before == after {
            continue;
        }
        if before.help_desk != after.help_desk {
            let value = serde_json::to_value(&after.help_desk).unwrap_or(Value::Null);
            facts.push(fact(after, "help_desk", None, value));
        }
        if before.classification != after.classification {
            let value = json!(after.classification);
            facts.push(fact(after, "classification", None, value));
        }
        for contact in &after.contacts {
            if !before.contacts.contains(contact) {
                let key = contact.email.clone().map(|e| e.lowercase());
                let value = serde_json::to_value(contact).unwrap_or(Value::Null);
                facts.push(fact(after, "contact", key, value));
            }
        }
    }
    facts
}

/// The order intent a technician starts from a ticket ("Start Pax8 order from this ticket"):
/// used by the Pax8 checks as a quote item dated now.
pub fn order_intent_fact(
    imported: &Directory,
    policy: &Policy,
    account: &str,
    intent: &OrderIntent,
    now: &str,
    url: Option<&str>,
) -> Result<Fact, String> {
    let index = imported
        .customer_index_for(account, policy)
        .ok_or_else(|| format!("`{account}` is not a customer in the directory"))?;
    if intent.product.trim().is_empty() {
        return Err("the order intent names no product".into());
    }
    let customer = &imported.customers[index];
    let mut intent = intent.clone();
    intent.at = Some(now.to_string());
    Ok(Fact {
        customer_id: customer.id.clone(),
        customer: customer.name.clone(),
        field: "order_intent".into(),
        key: intent.ticket.clone(),
        value: serde_json::to_value(&intent).map_err(|e| e.to_string())?,
        source: format!("Autotask ticket {}", intent.ticket.as_deref().unwrap_or("")),
        at: now.to_string(),
        url: url.map(str::to_string),
        choice: None,
    })
}

/// The orders a placed checkout made: one fact per cart line, tied to the ticket of the
/// customer's order intent for that product (so the ticket shows the post-purchase checklist).
pub fn order_facts(directory: &Directory, policy: &Policy, page: &Page, now: &str) -> Vec<Fact> {
    let Some(cart) = page.cart() else {
        return Vec::new();
    };
    let Some(index) = cart
        .customer
        .as_deref()
        .and_then(|c| directory.customer_index_for(c, policy))
    else {
        return Vec::new();
    };
    let customer = &directory.customers[index];
    let key = procguard_core::normalize::product_key;
    cart.lines
        .iter()
        .flatten()
        .filter_map(|line| {
            let product = line.product.clone()?;
            let ticket = customer
                .order_intents
                .iter()
                .rev()
                .find(|i| key(&i.product) == key(&product))
                .and_then(|i| i.ticket.clone());
            let order = Order {
                ticket: ticket.clone(),
                product: product.clone(),
                quantity: line.quantity,
                term: line.term,
                placed_at: Some(now.to_string()),
                ..Default::default()
            };
            Some(Fact {
                customer_id: customer.id.clone(),
                customer: customer.name.clone(),
                field: "order".into(),
                key: Some(format!("{now} {product}")),
                value: serde_json::to_value(&order).ok()?,
                source: "Pax8 checkout".into(),
                at: now.to_string(),
                url: None,
                choice: None,
            })
        })
        .collect()
}

/// Adds new facts to the stored ones: a fact replaces an older one about the same subject
/// (keeping an explicit choice only while the learned value is unchanged).
pub fn merge_facts(stored: &mut Vec<Fact>, new: Vec<Fact>) -> bool {
    let mut changed = false;
    for fact in new {
        match stored.iter_mut().find(|f| f.same_subject(&fact)) {
            Some(old) if old.value == fact.value => {}
            Some(old) => {
                *old = fact;
                changed = true;
            }
            None => {
                stored.push(fact);
                changed = true;
            }
        }
    }
    changed
}

/// The directory the checks see: the import with the facts applied, and the conflicts.
/// `imported_at` is when the import was applied (RFC 3339; empty when unknown).
pub fn apply_facts(
    imported: &Directory,
    facts: &[Fact],
    imported_at: &str,
) -> (Directory, Vec<Conflict>) {
    let mut directory = imported.clone();
    let mut conflicts = Vec::new();
    for fact in facts {
        // Found first, then written: the customers stay shared with the import until a fact
        // is about one of them (`Arc::make_mut` copies them then, once).
        let Some(index) = directory
            .customers
            .iter()
            .position(|c| c.id == fact.customer_id)
        else {
            continue;
        };
        let customer = &mut std::sync::Arc::make_mut(&mut directory.customers)[index];
        let decided_for_import = fact.choice.as_deref() == Some("imported")
            || (fact.choice.is_none() && !imported_at.is_empty() && fact.at.as_str() < imported_at);
        let take_learned = fact.choice.as_deref() == Some("learned");
        let mut conflict = |imported: Value| {
            if !decided_for_import && !take_learned {
                conflicts.push(Conflict {
                    customer_id: fact.customer_id.clone(),
                    customer: fact.customer.clone(),
                    field: fact.field.clone(),
                    key: fact.key.clone(),
                    imported,
                    learned: fact.value.clone(),
                    source: fact.source.clone(),
                    at: fact.at.clone(),
                });
            }
        };
        match fact.field.as_str() {
            "help_desk" => {
                let Ok(learned) = serde_json::from_value::<HelpDesk>(fact.value.clone()) else {
                    continue;
                };
                let known = customer
                    .help_desk
                    .as_ref()
                    .filter(|h| h.plan != procguard_core::model::HelpDeskPlan::Unknown);
                match known {
                    None => customer.help_desk = Some(learned),
                    Some(on_file) if on_file.plan == learned.plan => {}
                    Some(on_file) => {
                        conflict(serde_json::to_value(on_file).unwrap_or(Value::Null));
                        if take_learned {
                            customer.help_desk = Some(learned);
                        }
                    }
                }
            }
            "classification" => {
                let Some(learned) = fact.value.as_str() else {
                    continue;
                };
                match customer.classification.as_deref() {
                    None | Some("") => customer.classification = Some(learned.to_string()),
                    Some(on_file) if on_file == learned => {}
                    Some(on_file) => {
                        conflict(json!(on_file));
                        if take_learned {
                            customer.classification = Some(learned.to_string());
                        }
                    }
                }
            }
            "contact" => {
                let Ok(learned) = serde_json::from_value::<Contact>(fact.value.clone()) else {
                    continue;
                };
                let email = learned.email.clone().unwrap_or_default().lowercase();
                match customer
                    .contacts
                    .iter_mut()
                    .find(|c| c.email.as_deref().map(Lowercase::lowercase) == Some(email.clone()))
                {
                    None => customer.contacts.push(learned),
                    Some(on_file) if on_file.authority == learned.authority => {}
                    Some(on_file) => {
                        conflict(serde_json::to_value(&*on_file).unwrap_or(Value::Null));
                        if take_learned {
                            on_file.authority = learned.authority;
                        }
                    }
                }
            }
            "order" => {
                if let Ok(order) = serde_json::from_value::<Order>(fact.value.clone()) {
                    customer.orders.push(order);
                }
            }
            "order_intent" => {
                if let Ok(intent) = serde_json::from_value::<OrderIntent>(fact.value.clone()) {
                    customer
                        .order_intents
                        .retain(|i| i.ticket != intent.ticket || intent.ticket.is_none());
                    customer.order_intents.push(intent);
                }
            }
            _ => {}
        }
    }
    (directory, conflicts)
}

/// Parses an order intent typed in the ticket sidebar.
pub fn intent_from_form(
    ticket: Option<String>,
    product: &str,
    quantity: &str,
    term: &str,
) -> Result<OrderIntent, String> {
    let quantity = match quantity.trim() {
        "" => None,
        q => Some(
            q.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("quantity `{q}` is not a whole number above 0"))?,
        ),
    };
    let term = match term.trim() {
        "" => None,
        t => Some(serde_json::from_value::<Term>(json!(t)).map_err(|_| {
            format!("term `{t}` is not one of monthly, annual, multi-year, trial, one-time")
        })?),
    };
    Ok(OrderIntent {
        ticket,
        product: product.trim().to_string(),
        quantity,
        term,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use procguard_core::model::{HelpDeskPlan, SiteSummaryPage};

    fn directory() -> Directory {
        Directory::from_json(
            r#"{"format":"procguard/directory@1","msp":{"name":"GGIT"},"customers":[
              {"id":"acme","name":"Acme Dental LLC","help_desk":{"plan":"hourly","source":"import","as_of":"2026-01-01"},
               "contacts":[{"name":"Jane Roe","email":"jane@acme.example","authority":["purchasing"]}]},
              {"id":"bright","name":"Brightside Bakery Inc"}]}"#,
        )
        .unwrap()
    }

    fn summary(org: &str, plan: HelpDeskPlan, email: &str) -> Page {
        Page::ItGlueSiteSummary(SiteSummaryPage {
            organization: Some(org.into()),
            help_desk_plan: Some(plan),
            authorization_contacts: Some(vec![Contact {
                name: "Raj Patel".into(),
                email: Some(email.into()),
                authority: vec![procguard_core::model::Authority::Security],
                ..Default::default()
            }]),
            ..Default::default()
        })
    }

    #[test]
    fn a_plan_learned_for_a_customer_without_one_is_applied_with_its_source() {
        let imported = directory();
        let facts = facts_from_page(
            &imported,
            &Policy::default(),
            &summary("Brightside Bakery", HelpDeskPlan::PerDevice, "bo@b.example"),
            "2026-11-21T10:00:00-05:00",
            None,
        );
        let (effective, conflicts) = apply_facts(&imported, &facts, "");
        let plan = effective.customers[1].help_desk.as_ref().unwrap();
        assert_eq!(plan.plan, HelpDeskPlan::PerDevice);
        assert_eq!(plan.source.as_deref(), Some("IT Glue Site Summary"));
        assert_eq!(plan.as_of.as_deref(), Some("2026-11-21"));
        assert!(conflicts.is_empty());
        assert_eq!(
            effective.customers[1].contacts.len(),
            1,
            "a new contact is added"
        );
    }

    #[test]
    fn a_learned_plan_never_silently_overwrites_the_imported_one() {
        let imported = directory();
        let facts = facts_from_page(
            &imported,
            &Policy::default(),
            &summary("Acme Dental", HelpDeskPlan::PerDevice, "raj@acme.example"),
            "2026-11-21T10:00:00-05:00",
            None,
        );
        let (effective, conflicts) = apply_facts(&imported, &facts, "2026-11-01T00:00:00Z");
        assert_eq!(
            effective.customers[0].help_desk.as_ref().unwrap().plan,
            HelpDeskPlan::Hourly,
            "the import stands"
        );
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "help_desk");
        assert_eq!(conflicts[0].learned["plan"], "per-device");
    }

    #[test]
    fn an_explicit_choice_or_a_newer_import_settles_a_conflict() {
        let imported = directory();
        let mut facts = facts_from_page(
            &imported,
            &Policy::default(),
            &summary("Acme Dental", HelpDeskPlan::PerDevice, "raj@acme.example"),
            "2026-11-21T10:00:00-05:00",
            None,
        );
        let (_, conflicts) = apply_facts(&imported, &facts, "2026-11-22T09:00:00Z");
        assert!(
            conflicts.is_empty(),
            "an import made after the page was read decides"
        );
        facts
            .iter_mut()
            .for_each(|f| f.choice = Some("learned".into()));
        let (effective, conflicts) = apply_facts(&imported, &facts, "2026-11-01T00:00:00Z");
        assert!(conflicts.is_empty());
        assert_eq!(
            effective.customers[0].help_desk.as_ref().unwrap().plan,
            HelpDeskPlan::PerDevice
        );
    }

    #[test]
    fn an_order_intent_from_a_ticket_becomes_the_customers_intent() {
        let imported = directory();
        let intent = intent_from_form(
            Some("T20261121.0007".into()),
            "Visio Plan 2",
            "2",
            "monthly",
        )
        .unwrap();
        let fact = order_intent_fact(
            &imported,
            &Policy::default(),
            "Acme Dental",
            &intent,
            "2026-11-21T10:00:00-05:00",
            None,
        )
        .unwrap();
        let (effective, _) = apply_facts(&imported, &[fact], "");
        let recorded = &effective.customers[0].order_intents[0];
        assert_eq!(recorded.product, "Visio Plan 2");
        assert_eq!(recorded.quantity, Some(2));
        assert_eq!(recorded.at.as_deref(), Some("2026-11-21T10:00:00-05:00"));
        assert!(order_intent_fact(
            &imported,
            &Policy::default(),
            "Zenith",
            &intent,
            "2026-11-21",
            None
        )
        .is_err());
        assert!(intent_from_form(None, "Visio", "two", "").is_err());
        assert!(intent_from_form(None, "Visio", "2", "quarterly").is_err());
    }

    #[test]
    fn a_fact_replaces_an_older_one_about_the_same_thing() {
        let imported = directory();
        let policy = Policy::default();
        let first = facts_from_page(
            &imported,
            &policy,
            &summary("Brightside Bakery", HelpDeskPlan::PerDevice, "bo@b.example"),
            "2026-11-20T10:00:00Z",
            None,
        );
        let second = facts_from_page(
            &imported,
            &policy,
            &summary("Brightside Bakery", HelpDeskPlan::Hourly, "bo@b.example"),
            "2026-11-21T10:00:00Z",
            None,
        );
        let mut stored = first;
        assert!(merge_facts(&mut stored, second));
        assert_eq!(stored.iter().filter(|f| f.field == "help_desk").count(), 1);
        assert_eq!(
            stored
                .iter()
                .find(|f| f.field == "help_desk")
                .unwrap()
                .value["plan"],
            "hourly"
        );
    }
}

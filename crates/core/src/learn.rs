//! What pages teach the directory: the help-desk plan (IT Glue Site Summary first, the
//! Autotask UDF "Help Desk Support Type" second), the classification and the customer's
//! authorization contacts.

use crate::engine::find_customer_index;
#[cfg(feature = "site-summary")]
use crate::model::Contact;
use crate::model::{Directory, HelpDesk, HelpDeskPlan, Page};
use crate::policy::Policy;

/// Where a plan was learned, as the directory records it.
pub const SOURCE_ITGLUE: &str = "IT Glue Site Summary";
pub const SOURCE_AUTOTASK: &str = "Autotask UDF Help Desk Support Type";

impl Directory {
    /// Updates the directory from a page that teaches it (Autotask company page, IT Glue
    /// Site Summary) about a customer it knows; returns one plain line per change (empty
    /// when nothing changed or the page teaches nothing). `as_of` is the date to record.
    ///
    /// Choices: the IT Glue Site Summary is the primary source of the plan (seed 000's
    /// linked article), so an Autotask page does not overwrite a plan learned from IT Glue;
    /// an `unknown` plan teaches nothing; IT Glue's authorities replace those on file for
    /// the same email, and new people are added.
    // A build without either page kind learns nothing (see `Page`).
    #[cfg_attr(
        not(any(feature = "account", feature = "site-summary")),
        allow(unused_variables, unused_mut)
    )]
    pub fn learn_from_page(&mut self, policy: &Policy, page: &Page, as_of: &str) -> Vec<String> {
        let Some(shown) = page.customer_field().1 else {
            return Vec::new();
        };
        let Some(index) = find_customer_index(&self.customers, shown, &policy.legal_suffixes)
        else {
            return Vec::new();
        };
        let customer = &mut std::sync::Arc::make_mut(&mut self.customers)[index];
        let mut changes = Vec::new();
        let mut learn_plan =
            |customer: &mut crate::model::Customer, plan: Option<HelpDeskPlan>, source: &str| {
                let Some(plan) = plan.filter(|p| *p != HelpDeskPlan::Unknown) else {
                    return;
                };
                let current = customer.help_desk.get_or_insert_with(HelpDesk::default);
                let from_itglue = current.source.as_deref() == Some(SOURCE_ITGLUE)
                    && current.plan != HelpDeskPlan::Unknown;
                if source == SOURCE_AUTOTASK && from_itglue {
                    return;
                }
                if current.plan != plan || current.source.as_deref() != Some(source) {
                    changes.push(format!(
                        "`{}`: help-desk plan `{}` (from {source}, as of {as_of})",
                        customer.name,
                        plan.as_str()
                    ));
                    current.plan = plan;
                    current.source = Some(source.to_string());
                    current.as_of = Some(as_of.to_string());
                }
            };
        match page {
            #[cfg(feature = "account")]
            Page::AutotaskAccount(account) => {
                learn_plan(customer, account.help_desk_plan, SOURCE_AUTOTASK);
                if let Some(classification) = account
                    .classification
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                {
                    if customer.classification.as_deref() != Some(classification) {
                        customer.classification = Some(classification.to_string());
                        changes.push(format!(
                            "`{}`: classification `{classification}`",
                            customer.name
                        ));
                    }
                }
            }
            #[cfg(feature = "site-summary")]
            Page::ItGlueSiteSummary(summary) => {
                learn_plan(customer, summary.help_desk_plan, SOURCE_ITGLUE);
                for person in summary.authorization_contacts.iter().flatten() {
                    let Some(email) = person.email.as_deref().filter(|e| !e.trim().is_empty())
                    else {
                        continue;
                    };
                    let known = customer.contacts.iter_mut().find(|c| {
                        c.email.as_deref().is_some_and(|on_file| {
                            on_file.trim().eq_ignore_ascii_case(email.trim())
                        })
                    });
                    match known {
                        Some(contact) => {
                            if contact.authority != person.authority {
                                contact.authority = person.authority.clone();
                                changes.push(format!(
                                    "`{}`: {} ({email}) is now {}",
                                    customer.name,
                                    contact.name,
                                    authorities(&person.authority)
                                ));
                            }
                        }
                        None => {
                            customer.contacts.push(Contact {
                                name: person.name.clone(),
                                email: Some(email.trim().to_string()),
                                authority: person.authority.clone(),
                                extra: Default::default(),
                            });
                            changes.push(format!(
                                "`{}`: new contact {} ({email}), {}",
                                customer.name,
                                person.name,
                                authorities(&person.authority)
                            ));
                        }
                    }
                }
            }
            // Not reached in a build with no other page kind (see `Page`).
            #[allow(unreachable_patterns)]
            _ => {}
        }
        changes
    }
}

#[cfg(feature = "site-summary")]
fn authorities(list: &[crate::model::Authority]) -> String {
    if list.is_empty() {
        return "without authority".to_string();
    }
    list.iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Directory {
    /// The index of the customer a page names (name or alias, CONTEXT rule 3), if known.
    pub fn customer_index_for(&self, shown: &str, policy: &Policy) -> Option<usize> {
        find_customer_index(&self.customers, shown, &policy.legal_suffixes)
    }
}

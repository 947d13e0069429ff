//! mcam.upn-unique: the new user's UPN is not used by another user on the account.
//! UPNs compare case-insensitively, surrounding spaces ignored (rule 9).

use super::{CheckResult, Rule, MCAM, S002};
use crate::engine::{About, Eval, Out};
use crate::normalize::Lowercase;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mcam.upn-unique",
    severity: Severity::Block,
    source: S002,
    pages: MCAM,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str = "the new user's UPN is already used on the account";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(page) = eval.mcam() else {
        return Ok(());
    };
    let (Some(upn), Some(existing)) = (page.upn.as_deref(), page.existing_upns.as_ref()) else {
        return Ok(());
    };
    let wanted = upn.trim().lowercase();
    if wanted.is_empty() || !existing.iter().any(|e| e.trim().lowercase() == wanted) {
        return Ok(());
    }
    out.add(
        About::field("upn"),
        crate::fill!(
            "the UPN `{}` is already used by another user on the account",
            upn
        ),
        crate::fill!("UPN `{}`; the account's users include `{}`", upn, wanted),
        "choose a unique UPN: it is how the system tells users apart",
    );
    Ok(())
}

//! mimecast.no-product-change-with-seat-downgrade: the portal cannot combine a product
//! change ("Select New" or "Add to") with lower seats. Needs only the page.

use super::{CheckResult, Rule, MIMECAST, S003};
use crate::engine::{About, Eval, Out};
use crate::model::ProductOption;
use crate::policy::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "mimecast.no-product-change-with-seat-downgrade",
    severity: Severity::Block,
    source: S003,
    pages: MIMECAST,
    params: &[],
    variants: &[],
    per_line: false,
    run,
};

/// One line for the options page (`Policy::to_json`).
pub(crate) const SUMMARY: &str =
    "the change order both changes the primary product and lowers seats";

fn run(eval: &Eval, out: &mut Out) -> CheckResult {
    let Some(page) = eval.mimecast() else {
        return Ok(());
    };
    let (Some(option), Some(adjustment)) = (page.product_option, page.seat_adjustment) else {
        return Ok(());
    };
    if adjustment >= 0 || option == ProductOption::Keep {
        return Ok(());
    }
    let option_text = if option == ProductOption::New {
        "Select New"
    } else {
        "Add to"
    };
    out.add(
        About::field("seat_adjustment"),
        crate::fill!(
            "a product change (\"{}\") cannot be combined with a seat downgrade ({})",
            option_text,
            adjustment
        ),
        crate::fill!(
            "Primary Product ({}){}; Seat Adjustment {}",
            option_text,
            page.new_product
                .as_deref()
                .map_or(String::new(), |p| crate::fill!(" `{}`", p)),
            adjustment
        ),
        "submit the seat downgrade and the product change as two separate change orders",
    );
    Ok(())
}

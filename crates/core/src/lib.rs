//! procguard's policy engine: the MSP's procedures as checks over a page context.
//!
//! Pure Rust: no DOM, no clock. The wasm binding and the command line read a [`Context`]
//! (or build one with [`Context::for_page`] from a [`Directory`] and a reader's [`Page`]),
//! and call [`evaluate`] with a [`Policy`] and the moment of the check:
//!
//! ```
//! use procguard_core::{evaluate, parse_now, Context, Directory, Page, Policy};
//!
//! let directory = Directory::from_json(r#"{"format": "procguard/directory@1", "customers": []}"#).unwrap();
//! let page: Page = serde_json::from_str(r#"{"kind": "pax8-cart", "customer": "Zenith"}"#).unwrap();
//! let context = Context::for_page(&directory, page, None, "2026-11-21T10:30:00-05:00");
//! let decision = evaluate(&Policy::default(), &context, parse_now("2026-11-21T10:30:00-05:00").unwrap());
//! assert_eq!(decision.findings[0].id, "page.customer-unknown");
//! ```
//!
//! Every check of `POLICY.md` lives in its own file under `src/rules/`, named by its id.

pub mod dates;
mod engine;
pub mod fasthash;
pub mod fill;
pub mod float;
mod input;
pub mod json;
pub mod learn;
pub mod migrate;
pub mod model;
pub mod normalize;
pub mod pack;
pub mod page_json;
mod policy;
mod rules;
pub mod scenario;
pub mod wire;

pub use dates::parse_now;
pub use engine::{
    decimal, evaluate, evaluate_again, push_json_string, push_number, About, Decision, Diagnostic,
    Finding, Found, Redecision,
};
pub use input::InputError;
pub use model::*;
pub use policy::{Policy, PolicyError, Severity};

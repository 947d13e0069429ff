//! procguard's policy engine: the MSP's procedures as checks over a page context.
//!
//! Pure Rust: no DOM, no clock. The wasm binding and the command line call
//! [`evaluate`] with a [`Policy`], a [`Context`] and the moment of the check.

pub mod dates;
mod input;
pub mod model;
pub mod normalize;

pub use dates::parse_now;
pub use input::InputError;
pub use model::*;
mod engine;
pub mod learn;
mod policy;
mod rules;
pub mod scenario;

pub use engine::{evaluate, About, Decision, Diagnostic, Finding};
pub use policy::{Policy, PolicyError, Severity};

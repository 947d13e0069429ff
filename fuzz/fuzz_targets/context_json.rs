//! A page check context (CONTEXT.md) from arbitrary text: read, then judged with the default
//! policy at a fixed moment and, when it parses, at the context's own `now`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use procguard_core::model::Context;
use procguard_core::{evaluate, parse_now, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(context) = Context::from_json(text) else {
        return;
    };
    let policy = Policy::default();
    let fixed = parse_now("2026-11-21T10:30:00-05:00").expect("a fixed moment");
    let decision = evaluate(&policy, &context, fixed);
    // Whatever was read must write back out.
    let _ = context.to_json_pretty();
    for finding in &decision.findings {
        assert!(!finding.id.is_empty());
    }
    if let Some(now) = context.now.as_deref().and_then(parse_now) {
        let _ = evaluate(&policy, &context, now);
    }
});

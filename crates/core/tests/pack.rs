//! The settings pack (`procguard_core::pack`): what the service worker's core writes, the
//! content script's core reads back whole, and judges every scenario with exactly as before.

use std::path::PathBuf;
use std::sync::Arc;

use procguard_core::pack::{PackReader, PackWriter};
use procguard_core::{
    evaluate, parse_now, scenario::check_expect, Context, Directory, Policy, User,
};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/")).join(path)
}

fn pack(directory: Option<&Directory>, policy: &Policy, user: Option<&User>) -> String {
    let mut w = PackWriter::new();
    w.directory(directory);
    w.policy(policy);
    w.user(user);
    w.finish()
}

fn unpack(text: &str) -> (Option<Directory>, Policy, Option<User>) {
    let mut p = PackReader::new(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let read = (
        p.directory().unwrap(),
        p.policy().unwrap(),
        p.user().unwrap(),
    );
    p.finish().unwrap();
    read
}

/// The directory without the fields no check reads (`extra`), which the pack leaves out.
fn without_extra(mut d: Directory) -> Directory {
    d.extra.clear();
    let msp = Arc::make_mut(&mut d.msp);
    msp.extra.clear();
    if let Some(v) = &mut msp.helpdesk_vendor {
        v.extra.clear();
    }
    for c in Arc::make_mut(&mut d.customers) {
        c.extra.clear();
        if let Some(h) = &mut c.help_desk {
            h.extra.clear();
        }
        c.contacts.iter_mut().for_each(|x| x.extra.clear());
        for s in &mut c.subscriptions {
            s.extra.clear();
            s.seat_changes.iter_mut().for_each(|x| x.extra.clear());
        }
        c.agreements.iter_mut().for_each(|x| x.extra.clear());
        for q in &mut c.quotes {
            q.extra.clear();
            q.items.iter_mut().for_each(|x| x.extra.clear());
        }
        c.order_intents.iter_mut().for_each(|x| x.extra.clear());
        c.confirmations.iter_mut().for_each(|x| x.extra.clear());
        c.reminders.iter_mut().for_each(|x| x.extra.clear());
        c.orders.iter_mut().for_each(|x| x.extra.clear());
    }
    d
}

#[test]
fn the_fixtures_directory_comes_back_from_a_pack_field_for_field() {
    let text = std::fs::read_to_string(shared("fixtures/directory.json")).unwrap();
    let directory = Directory::from_json(&text).unwrap();
    let user: User = serde_json::from_str(r#"{"name": "Sam Tech", "email": null}"#).unwrap();
    let written = pack(Some(&directory), &Policy::default(), Some(&user));
    let (back, policy, back_user) = unpack(&written);
    assert_eq!(back, Some(without_extra(directory)));
    assert_eq!(policy, Policy::default());
    assert_eq!(back_user, Some(user));
    // Written again, the same text: nothing is lost or reordered on the way.
    assert_eq!(pack(back.as_ref(), &policy, back_user.as_ref()), written);
}

#[test]
fn no_directory_and_no_user_stay_none() {
    let written = pack(None, &Policy::default(), None);
    let (directory, _, user) = unpack(&written);
    assert_eq!((directory, user), (None, None));
}

#[test]
fn an_overridden_policy_comes_back_equal_revision_included() {
    let policy = Policy::from_overrides_json(
        r#"{
          "checks": {
            "order.acceptance-date": {"severity": "info"},
            "ticket.hourly-increments": {"params": {"increment_minutes": 6}},
            "order.internal-use-license": {"enabled": false, "params": {"products": ["Partner Pack \"Plus\""]}}
          },
          "matching": {"legal_suffixes": ["gmbh", "sarl"]}
        }"#,
    )
    .unwrap();
    assert_ne!(policy, Policy::default());
    let (_, back, _) = unpack(&pack(None, &policy, None));
    assert_eq!(back, policy);
    assert_eq!(back.revision(), policy.revision());
}

#[test]
fn every_scenario_judged_from_a_pack_of_its_directory_finds_the_same() {
    let dir = shared("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let policy = Policy::default();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let context = Context::from_json(&std::fs::read_to_string(file).unwrap()).unwrap();
        let directory = Directory {
            msp: context.msp.clone(),
            customers: context.customers.clone(),
            ..Default::default()
        };
        let (back, back_policy, user) =
            unpack(&pack(Some(&directory), &policy, context.user.as_ref()));
        let back = back.unwrap();
        let mut packed = Context::for_page_of(
            back.msp.clone(),
            back.customers.clone(),
            context.page.clone().unwrap(),
            user,
            context.now.as_deref().unwrap(),
        );
        packed.expect = context.expect.clone();
        let now = parse_now(context.now.as_deref().unwrap()).unwrap();
        let before = evaluate(&policy, &context, now);
        let after = evaluate(&back_policy, &packed, now);
        assert_eq!(after.findings, before.findings, "{name}");
        assert_eq!(after.policy_revision, before.policy_revision, "{name}");
        let failures = check_expect(&context.expect.clone().unwrap_or_default(), &after);
        assert!(failures.is_empty(), "{name}: {failures:?}");
    }
}

#[test]
fn a_pack_cut_short_or_with_an_unknown_value_is_refused_with_where() {
    let text = std::fs::read_to_string(shared("fixtures/directory.json")).unwrap();
    let directory = Directory::from_json(&text).unwrap();
    let written = pack(Some(&directory), &Policy::default(), None);
    let read = |text: &str| -> Result<(), String> {
        let mut p = PackReader::new(text).map_err(|e| e.to_string())?;
        p.directory().map_err(|e| e.to_string())?;
        p.policy().map_err(|e| e.to_string())?;
        p.user().map_err(|e| e.to_string())?;
        p.finish().map_err(|e| e.to_string())
    };
    assert_eq!(read(&written), Ok(()));
    // Every cut of the text is refused, never read as a shorter pack.
    for cut in (0..written.len()).step_by(97) {
        if written.is_char_boundary(cut) {
            assert!(read(&written[..cut]).is_err(), "cut at {cut}");
        }
    }
    // A term this build does not know (terms are written as their index).
    let quoted = |term: &str| format!("[\u{1f}\"Visio Plan 2\u{1f}#2\u{1f}#{term}\u{1f}]\u{1f}");
    let unknown_term = written.replacen(&quoted("0"), &quoted("9"), 1);
    assert_ne!(
        unknown_term, written,
        "the fixture quotes 2 monthly Visio Plan 2"
    );
    let error = read(&unknown_term).unwrap_err();
    assert!(error.contains("does not know"), "{error}");
    assert!(error.contains(" at byte "), "{error}");
}

#[test]
fn sla_minutes_come_back_whole_and_anything_else_as_null() {
    let mut directory: Directory = serde_json::from_str(
        r#"{"format": "procguard/directory@1", "msp": {"helpdesk_vendor": {"name": "MC",
            "sla_minutes": {"Critical": 30, "High": 30.5, "Low": "60", "Medium": null}}}}"#,
    )
    .unwrap();
    let (back, _, _) = unpack(&pack(Some(&directory), &Policy::default(), None));
    let back = back.unwrap();
    let table = &back.msp.helpdesk_vendor.as_ref().unwrap().sla_minutes;
    assert_eq!(
        serde_json::to_value(table).unwrap(),
        serde_json::json!({"Critical": 30, "High": null, "Low": null, "Medium": null})
    );
    // `sla_for` reads the same either way: a time for whole minutes only.
    let vendor = Arc::make_mut(&mut directory.msp)
        .helpdesk_vendor
        .take()
        .unwrap();
    assert_eq!(
        ["Critical", "High", "Low", "Medium"].map(|p| vendor.sla_for(p)),
        [Some(30), None, None, None]
    );
}

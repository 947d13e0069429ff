//! The state the binding keeps between calls (directory, policy, user) and the JSON shapes it
//! returns. Plain Rust, so `cargo test` exercises it natively.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use procguard_core::fasthash::Groups;
use procguard_core::model::{CartLine, Context, Directory, Page, User};
use procguard_core::pack::{PackReader, PackWriter};
use procguard_core::page_json::{write_diagnostics, write_indexes, write_page};
use procguard_core::{evaluate, evaluate_again, push_json_string, push_number, Found, Policy};
use procguard_readers::{Dom, PortalHosts, Reading};

use crate::learning::facts_from_page;
#[cfg(not(feature = "content"))]
use crate::learning::{apply_facts, Fact};

use serde_json::{json, Value};

pub struct Engine {
    /// The directory as imported (never changed by what pages teach).
    imported: Option<Directory>,
    /// What the checks see: the import with the learned facts applied. Every read's context
    /// shares its customers (a copy per read was 15 % of a re-read after an edit with the
    /// fixtures' five customers, and grows with the directory), and so does the import while
    /// no learned fact changes a customer.
    directory: Option<Directory>,
    // What pages taught: learned in the worker, which sends the content script its directory
    // with them applied (the settings pack). Not in the content script's build, where their
    // JSON values' code would come with the engine's drop (issue 8).
    #[cfg(not(feature = "content"))]
    facts: Vec<Fact>,
    #[cfg(not(feature = "content"))]
    imported_at: String,
    #[cfg(not(feature = "content"))]
    conflicts: Vec<crate::learning::Conflict>,
    policy: Policy,
    user: Option<User>,
    /// Where the optional portals (Mimecast, MCAM) are: a setting.
    portals: PortalHosts,
    /// Snapshots kept by slot (`"tab:frame"` in the service worker, `"page"` in the content
    /// script), so that an edit can come as a patch of a few values instead of a whole new
    /// snapshot. Least recently used first; at most `MAX_SLOTS`, and `MAX_KEPT_NODES`.
    slots: Vec<Kept>,
    /// The number of the last result written for a slot (`seq`): numbers are never reused,
    /// so a delta names the one result it builds on.
    last_seq: u64,
    /// Counts the changes of what the checks see besides the page (directory, learned
    /// facts, policy, user, portals): a slot's last findings are reused only under the same.
    generation: u64,
    /// Whether settings were loaded (a pack, or the policy in the full build): the content
    /// script's build has no policy of its own to fall back on (see `Default`).
    settings_loaded: bool,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine {
            imported: None,
            directory: None,
            #[cfg(not(feature = "content"))]
            facts: Vec::new(),
            #[cfg(not(feature = "content"))]
            imported_at: String::new(),
            #[cfg(not(feature = "content"))]
            conflicts: Vec::new(),
            policy: initial_policy(),
            user: None,
            portals: PortalHosts::default(),
            slots: Vec::new(),
            last_seq: 0,
            generation: 0,
            settings_loaded: cfg!(not(feature = "content")),
        }
    }
}

/// The policy before any is loaded: the built-in defaults where the engine reads settings
/// itself, none in the content script's build, which judges nothing before its settings pack
/// comes (building the defaults' revision would link serde_json's writer into it).
/// The content script's engine before its settings pack, made at compile time: the module then
/// carries no lazy start of its one engine, nor the checks of it at every call (issue 8). No
/// portals' hosts yet, unlike `Default`: they come with the pack, and nothing is read before
/// it (`check_dom` answers that the settings are not loaded).
#[cfg(feature = "content")]
impl Engine {
    pub const EMPTY: Engine = Engine {
        imported: None,
        directory: None,
        policy: Policy::none(),
        user: None,
        portals: PortalHosts {
            mimecast: Vec::new(),
            mcam: Vec::new(),
        },
        slots: Vec::new(),
        last_seq: 0,
        generation: 0,
        settings_loaded: false,
    };
}

#[cfg(not(feature = "content"))]
fn initial_policy() -> Policy {
    Policy::default()
}

#[cfg(feature = "content")]
fn initial_policy() -> Policy {
    Policy::none()
}

/// A snapshot kept for patches, with the findings (and cart lines) of its last result and
/// that result's number.
struct Kept {
    slot: String,
    dom: Dom,
    last: Vec<WrittenFinding>,
    lines: Vec<CartLine>,
    seq: u64,
    /// What lets the next re-read run the per-line checks on the edited lines only.
    reuse: Option<Reuse>,
}

/// What a slot's last result was judged under, when its findings can be built on
/// (`procguard_core::evaluate_again`): a cart page judged without a diagnostic.
struct Reuse {
    generation: u64,
    today: NaiveDate,
    /// The page without its lines (`lines` emptied; the lines are `Kept::lines`).
    rest: Page,
}

/// How a result is written: whole (`check_snapshot`), whole and numbered (a slot's first
/// result), or as a delta of the slot's previous result (`check_patch`), where each finding
/// unchanged since then is written as its index in that result's `findings` (a run of them
/// as `[first,last]`, see `DeltaList`). On a 200-line cart the whole result is 250 KB, of
/// which a re-read after one edit changes a few findings: writing, decoding and parsing the
/// rest again was most of the re-read's time in wasm.
#[derive(Clone, Copy)]
enum Numbering {
    Whole,
    Numbered { seq: u64 },
    Delta { base: u64, seq: u64 },
}

/// A finding of a result, with its anchor and its JSON as written in the result. A re-read
/// after an edit changes the findings of the line edited and rarely any other: the JSON of
/// every finding equal to one of the last result is copied instead of written again (on a
/// 200-line cart, 400 findings and 250 KB, writing them was the largest part of a re-read).
/// The finding is boxed: each re-read moves every kept finding out of the last result and
/// into the new one, 40 bytes rather than 230 each.
struct WrittenFinding {
    finding: Box<procguard_core::Finding>,
    anchor: Option<u32>,
    json: String,
}

/// How many snapshots the engine keeps: enough for the tabs and frames a technician works in
/// at once (the worker serves them all), while a slot dropped costs only a full snapshot on
/// its next re-read.
pub const MAX_SLOTS: usize = 16;

/// How many snapshot nodes the slots hold in all, the newest slot always kept. A 200-line
/// cart (6,300 nodes) kept with its last findings is about 2.6 MB of wasm memory, which
/// never shrinks: this bounds the slots to about 25 MB whatever pages are open.
pub const MAX_KEPT_NODES: usize = 60_000;

/// What `check_patch` answers when it cannot patch: the content script then sends a full
/// snapshot (`check_snapshot_in`).
pub const STALE: &str = r#"{"stale":true}"#;

/// One finding as the overlay paints it: the core's finding plus the element it is about.
/// `ResultParts` writes it by hand; the tests hold that to what serde_json writes of this.
#[cfg(test)]
#[derive(serde::Serialize)]
struct PaintedFinding<'a> {
    #[serde(flatten)]
    finding: &'a procguard_core::Finding,
    /// Element index on the page (the snapshot's `i`), when the finding is about a field.
    anchor: Option<u32>,
}

impl Engine {
    pub fn load_directory(&mut self, json: &str) -> Result<(), String> {
        let directory = crate::decode::directory(json)?;
        self.imported = Some(directory);
        self.reapply();
        Ok(())
    }

    /// Loads what pages taught (`[Fact]`) and when the import was applied (RFC 3339).
    #[cfg(not(feature = "content"))]
    pub fn load_learned(&mut self, facts_json: &str, imported_at: &str) -> Result<(), String> {
        let facts: Vec<Fact> = if facts_json.trim().is_empty() {
            Vec::new()
        } else {
            crate::decode::facts(facts_json)?
        };
        self.facts = facts;
        self.imported_at = imported_at.to_string();
        self.reapply();
        Ok(())
    }

    fn reapply(&mut self) {
        self.generation += 1;
        let Some(imported) = &self.imported else {
            return;
        };
        #[cfg(not(feature = "content"))]
        {
            let (effective, conflicts) = apply_facts(imported, &self.facts, &self.imported_at);
            self.directory = Some(effective);
            self.conflicts = conflicts;
        }
        // The content build learns nothing (see `facts`); it loads a directory only in the
        // tests that write a settings pack from one.
        #[cfg(feature = "content")]
        {
            self.directory = Some(imported.clone());
        }
    }

    /// The directory the checks see (import plus learned facts), as JSON; empty when none.
    pub fn effective_directory(&self) -> String {
        self.directory
            .as_ref()
            .and_then(|d| serde_json::to_string(d).ok())
            .unwrap_or_default()
    }

    /// The facts and the conflicts still waiting for a decision.
    #[cfg(not(feature = "content"))]
    pub fn learned_view(&self) -> String {
        json!({"facts": self.facts, "conflicts": self.conflicts}).to_string()
    }

    /// What a page teaches (Autotask company page, IT Glue Site Summary), as new facts.
    pub fn learn_from_page(&self, page_json: &str, now: &str, url: &str) -> String {
        let Some(imported) = &self.imported else {
            return "[]".into();
        };
        match Page::from_json(page_json) {
            Ok(page) => serde_json::to_string(&facts_from_page(
                imported,
                &self.policy,
                &page,
                now,
                Some(url).filter(|u| !u.is_empty()),
            ))
            .unwrap_or_else(|_| "[]".into()),
            Err(e) => error_json(&e.to_string()),
        }
    }

    /// The orders a placed Pax8 checkout made, as facts (one per line), each tied to the
    /// ticket whose order intent names its product.
    pub fn orders_placed(&self, page_json: &str, now: &str) -> String {
        let Some(directory) = &self.directory else {
            return "[]".into();
        };
        match Page::from_json(page_json) {
            Ok(page) => serde_json::to_string(&crate::learning::order_facts(
                directory,
                &self.policy,
                &page,
                now,
            ))
            .unwrap_or_else(|_| "[]".into()),
            Err(e) => error_json(&e.to_string()),
        }
    }

    /// The order intent started from a ticket, as a fact (or `{"error"}`).
    pub fn order_intent(
        &self,
        account: &str,
        ticket: &str,
        product: &str,
        quantity: &str,
        term: &str,
        now: &str,
    ) -> String {
        let Some(imported) = &self.imported else {
            return error_json("no directory is imported");
        };
        let ticket = Some(ticket.to_string()).filter(|t| !t.is_empty());
        crate::learning::intent_from_form(ticket, product, quantity, term)
            .and_then(|intent| {
                crate::learning::order_intent_fact(
                    imported,
                    &self.policy,
                    account,
                    &intent,
                    now,
                    None,
                )
            })
            .map(|fact| json!({"fact": fact}).to_string())
            .unwrap_or_else(|e| error_json(&e))
    }

    /// What this engine has loaded, as a settings pack for the content script's build
    /// (`procguard_core::pack`): the directory the checks see (learned facts applied), the
    /// effective policy, the technician and the portals' hosts.
    pub fn settings_pack(&self) -> String {
        let mut w = PackWriter::new();
        w.directory(self.directory.as_ref());
        w.policy(&self.policy);
        w.user(self.user.as_ref());
        w.strings(&self.portals.mimecast);
        w.strings(&self.portals.mcam);
        w.finish()
    }

    /// Loads a settings pack written by `settings_pack` (the service worker's); on error
    /// what was loaded stays.
    pub fn load_settings_pack(&mut self, text: &str) -> Result<(), String> {
        // Read through, then checked once (`PackReader::finish`): a check after each read
        // was its own clean-up of what was read before it (issue 8).
        let read = |text| -> procguard_core::wire::Result<_> {
            let mut p = PackReader::new(text)?;
            let directory = p.read_directory();
            let policy = p.read_policy();
            let user = p.read_user();
            let portals = PortalHosts {
                mimecast: p.read_texts(),
                mcam: p.read_texts(),
            };
            p.finish()?;
            Ok((directory, policy, user, portals))
        };
        let (directory, policy, user, portals) =
            read(text).map_err(|e| procguard_core::fill!("settings pack: {}", e))?;
        self.imported = None;
        self.directory = directory;
        self.policy = policy;
        self.user = user;
        self.portals = portals;
        self.settings_loaded = true;
        self.generation += 1;
        Ok(())
    }

    pub fn load_policy(&mut self, json: &str) -> Result<String, String> {
        let policy = if json.trim().is_empty() {
            Policy::default()
        } else {
            crate::decode::policy(json).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            })?
        };
        let revision = policy.revision();
        self.policy = policy;
        self.settings_loaded = true;
        self.generation += 1;
        Ok(revision)
    }

    /// Loads the optional portals' host settings; on error the previous ones stay.
    pub fn load_portal_hosts(&mut self, json: &str) -> Result<(), String> {
        self.portals = PortalHosts::from_json(json)?;
        self.generation += 1;
        Ok(())
    }

    /// The portals' hosts and the match patterns to register content scripts on:
    /// `[{"portal": "mcam", "name": "MCAM / MCSM", "hosts": [...], "origins": [...]}]`.
    pub fn portal_hosts(&self) -> String {
        portal_hosts_json(&self.portals)
    }

    pub fn set_user(&mut self, json: &str) -> Result<(), String> {
        let user: User = crate::decode::user(json)?;
        self.user = Some(user);
        self.generation += 1;
        Ok(())
    }

    pub fn effective_policy(&self) -> String {
        self.policy.to_json().to_string()
    }

    /// Reads the snapshot (in the wire format, see `Dom::from_wire`) and judges the page.
    /// Pages procguard does not check give `{"page": null}`.
    pub fn check_snapshot(&self, snapshot: &str, now: DateTime<FixedOffset>) -> String {
        match Dom::from_wire(snapshot) {
            Ok(dom) => self.check_dom(&dom, now, &mut Vec::new(), None, None, Numbering::Whole),
            Err(e) => error_json(&procguard_core::fill!("{}", e)),
        }
    }

    /// `check_snapshot`, keeping the parsed snapshot under `slot` for `check_patch`. A
    /// snapshot that does not parse forgets the slot (what it kept is no longer the page).
    pub fn check_snapshot_in(
        &mut self,
        slot: &str,
        snapshot: &str,
        now: DateTime<FixedOffset>,
    ) -> String {
        self.forget_slot(slot);
        let dom = match Dom::from_wire(snapshot) {
            Ok(dom) => dom,
            Err(e) => return error_json(&procguard_core::fill!("{}", e)),
        };
        let mut last = Vec::new();
        let mut lines = Vec::new();
        let mut reuse = None;
        self.last_seq += 1;
        let seq = self.last_seq;
        let result = self.check_dom(
            &dom,
            now,
            &mut last,
            Some(&mut lines),
            Some(&mut reuse),
            Numbering::Numbered { seq },
        );
        self.slots.push(Kept {
            slot: slot.to_string(),
            dom,
            last,
            lines,
            seq,
            reuse,
        });
        // Least recently used out first, down to the bounds (the new one always stays).
        // A loop, not a mapped `sum`: the adapter is a copy of its own (issue 8).
        let mut nodes = 0;
        for kept in &self.slots {
            nodes += kept.dom.nodes.len();
        }
        while self.slots.len() > MAX_SLOTS || (nodes > MAX_KEPT_NODES && self.slots.len() > 1) {
            nodes -= self.slots.remove(0).dom.nodes.len();
        }
        result
    }

    /// Applies value patches (in the wire format, see `Dom::parse_patches` and
    /// `procguard_readers::ValuePatch`) to the snapshot kept under `slot`, then reads and
    /// judges it: the same result as `check_snapshot` of a new snapshot with those values,
    /// written as a delta of the slot's previous result (`"delta":true,"base":<its seq>`;
    /// each unchanged finding is its index in that result's `findings`, a run of them
    /// `[first,last]`).
    /// `{"stale":true}` when the slot is not kept or a patch names no control of it with that
    /// state (see `Dom::apply_patches`; the slot is then forgotten); `{"stale":true,"error":…}`
    /// when the patch is not readable (likewise).
    pub fn check_patch(&mut self, slot: &str, patch: &str, now: DateTime<FixedOffset>) -> String {
        let Some(at) = self.slots.iter().position(|k| k.slot == slot) else {
            return STALE.to_string();
        };
        let patches = match Dom::parse_patches(patch) {
            Ok(patches) => patches,
            Err(e) => {
                self.slots.remove(at);
                let mut out = String::from(r#"{"stale":true,"error":"#);
                procguard_core::push_json_string(&mut out, &procguard_core::fill!("{}", e));
                out.push('}');
                return out;
            }
        };
        // Most recently used goes last.
        let mut kept = self.slots.remove(at);
        if kept.dom.apply_patches(&patches).is_err() {
            return STALE.to_string();
        }
        self.last_seq += 1;
        let numbering = Numbering::Delta {
            base: kept.seq,
            seq: self.last_seq,
        };
        kept.seq = self.last_seq;
        let result = self.check_dom(
            &kept.dom,
            now,
            &mut kept.last,
            Some(&mut kept.lines),
            Some(&mut kept.reuse),
            numbering,
        );
        self.slots.push(kept);
        result
    }

    /// Drops the snapshot kept under `slot` (tab closed or navigated, frame gone).
    pub fn forget_slot(&mut self, slot: &str) {
        self.slots.retain(|k| k.slot != slot);
    }

    /// The slots kept, least recently used first (for tests).
    pub fn kept_slots(&self) -> Vec<&str> {
        self.slots.iter().map(|k| k.slot.as_str()).collect()
    }

    /// Reads and judges the page; `last` holds the findings of the previous result of the
    /// same slot (empty for none) and is replaced by this result's, and so are `last_lines`
    /// (a cart's lines, kept for slots) and `reuse` (what the next re-read may build on).
    fn check_dom(
        &self,
        dom: &Dom,
        now: DateTime<FixedOffset>,
        last: &mut Vec<WrittenFinding>,
        last_lines: Option<&mut Vec<CartLine>>,
        reuse: Option<&mut Option<Reuse>>,
        numbering: Numbering,
    ) -> String {
        if !self.settings_loaded {
            return error_json("procguard's settings are not loaded yet");
        }
        if let Some(site) = procguard_readers::missing_reader(&dom.url, &self.portals) {
            return error_json(&procguard_core::fill!(
                "this module of procguard has no {} reader",
                site
            ));
        }
        match procguard_readers::read_with(dom, &self.portals) {
            None => {
                last.clear();
                if let Some(lines) = last_lines {
                    lines.clear();
                }
                if let Some(reuse) = reuse {
                    *reuse = None;
                }
                // Written by hand, as serde_json would write it: the content build then needs
                // no serialiser of `serde_json::Value` (issue 8).
                let mut result =
                    String::from(r#"{"page":null,"findings":[],"holds_checkout":false"#);
                if let Numbering::Numbered { seq } | Numbering::Delta { seq, .. } = numbering {
                    // No findings to refer to: a whole result.
                    result.push_str(r#","seq":"#);
                    push_number(&mut result, seq as i64);
                }
                result.push('}');
                result
            }
            Some(reading) => self.judge(reading, now, last, last_lines, reuse, numbering),
        }
    }

    fn judge(
        &self,
        mut reading: Reading,
        now: DateTime<FixedOffset>,
        last: &mut Vec<WrittenFinding>,
        last_lines: Option<&mut Vec<CartLine>>,
        reuse: Option<&mut Option<Reuse>>,
        numbering: Numbering,
    ) -> String {
        let mut context = self.context_for(&mut reading, now);
        let today = now.date_naive();
        // After an edit of a kept cart, when only lines changed since a clean last result
        // under the same directory, policy and user, on the same day: the per-line checks
        // run on the lines edited only, and their other findings are the last result's.
        let changed = match (&reuse, &last_lines, numbering) {
            (Some(Some(kept)), Some(lines), Numbering::Delta { .. })
                if kept.generation == self.generation && kept.today == today =>
            {
                changed_lines(&mut context.page, &kept.rest, lines)
            }
            _ => None,
        };
        let again = changed.as_ref().and_then(|changed| {
            // Loops rather than mapped `collect`s here: each is its own copy in the wasm.
            let mut previous: Vec<&procguard_core::Finding> = Vec::with_capacity(last.len());
            for w in last.iter() {
                previous.push(&*w.finding);
            }
            evaluate_again(&self.policy, &context, now, &previous, changed)
        });
        let decision = again.unwrap_or_else(|| evaluate(&self.policy, &context, now).into());
        let clean = decision.diagnostics.is_empty();
        let result = self.write_result(
            &reading,
            &mut context,
            decision,
            last,
            last_lines.map(|lines| (lines, changed.as_deref())),
            numbering,
        );
        if let Some(reuse) = reuse {
            *reuse = match context.page {
                Some(mut page) if clean => take_lines(&mut page).map(|_| Reuse {
                    generation: self.generation,
                    today,
                    rest: page,
                }),
                _ => None,
            };
        }
        result
    }

    /// The context the checks see for the page read (taken out of `reading`).
    fn context_for(&self, reading: &mut Reading, now: DateTime<FixedOffset>) -> Context {
        let page: Page = reading.page.take().expect("a reader always sets the page");
        let (msp, customers) = match &self.directory {
            Some(d) => (d.msp.clone(), d.customers.clone()),
            None => Default::default(),
        };
        Context::for_page_of(
            msp,
            customers,
            page,
            self.user.clone(),
            &procguard_core::dates::rfc3339(&now),
        )
    }

    /// The result JSON of a decision: each finding anchored to its element, written whole,
    /// numbered or as a delta (see `Numbering`, `lines_delta`).
    fn write_result(
        &self,
        reading: &Reading,
        context: &mut Context,
        decision: procguard_core::Redecision,
        last: &mut Vec<WrittenFinding>,
        last_lines: Option<(&mut Vec<CartLine>, Option<&[usize]>)>,
        numbering: Numbering,
    ) -> String {
        let lines_delta = match last_lines {
            Some((last_lines, changed)) => {
                lines_delta(&mut context.page, last_lines, changed, numbering)
            }
            None => None,
        };
        // A kept finding is about a line left alone, whose element a patch does not move
        // (lines are found by the page's structure and text, which a patch never changes):
        // only the new findings are anchored, and a handful by scanning the anchors instead
        // of indexing them all.
        let new = decision
            .findings
            .iter()
            .filter(|found| matches!(found, Found::New(_)))
            .count();
        let anchors = (new > 8).then(|| Anchors::of(reading));
        let anchored = decision.findings.into_iter().map(|found| match found {
            Found::Previous(at) => Next::Kept(at),
            Found::New(finding) => {
                let anchor = finding.about.as_ref().and_then(|a| match &anchors {
                    Some(anchors) => anchors.get(&a.field, a.index),
                    None => reading.anchor_for(&a.field, a.index),
                });
                Next::New(finding, anchor)
            }
        });
        let result = ResultParts {
            page: &context.page,
            holds_checkout: decision.holds_checkout,
            hold_targets: &reading.hold_targets,
            final_targets: &reading.final_targets,
            diagnostics: &decision.diagnostics,
            policy_revision: &decision.policy_revision,
            directory_loaded: self.directory.is_some(),
            lines_delta: lines_delta.as_deref(),
        };
        result.write_as(anchored, last, numbering)
    }
}

/// A delta's cart lines: after a patch most lines are what they were, and a 200-line cart's
/// lines are most of what is left of the result once the findings are deltas. The page's
/// `lines` are taken out (written `[]`) and given as `"lines_delta"`: each line unchanged at
/// its place is the number of that place (a run of them `[first,last]`). `last_lines` becomes
/// this page's lines (kept for every numbered result; a whole result or another page clears
/// them). `changed`: the lines `changed_lines` already found edited (ascending), so that they
/// are not compared again. `None`: write the page whole.
fn lines_delta(
    page: &mut Option<Page>,
    last_lines: &mut Vec<CartLine>,
    changed: Option<&[usize]>,
    numbering: Numbering,
) -> Option<String> {
    let Some(cart) = page.as_mut().and_then(Page::cart_mut) else {
        last_lines.clear();
        return None;
    };
    let Some(lines) = cart.lines.as_mut() else {
        last_lines.clear();
        return None;
    };
    if !matches!(numbering, Numbering::Delta { .. }) {
        last_lines.clone_from(lines);
        return None;
    }
    let mut out = String::with_capacity(64);
    let mut list = DeltaList::open(&mut out);
    for (at, line) in lines.iter().enumerate() {
        let unchanged = match changed {
            Some(changed) => changed.binary_search(&at).is_err(),
            None => last_lines.get(at) == Some(line),
        };
        debug_assert_eq!(unchanged, last_lines.get(at) == Some(line), "line {at}");
        if unchanged {
            list.kept(at);
        } else {
            line.write_json(list.entry());
        }
    }
    list.close();
    *last_lines = std::mem::take(lines);
    Some(out)
}

/// A JSON list of a delta result (its findings, its cart lines): each entry kept from the
/// previous result is written as its index there, and a run of consecutive indexes as
/// `[first,last]`. A re-read after an edit keeps most of a 200-line cart's 400 findings and
/// 200 lines, in a few runs: a few entries to write, decode and parse rather than 600.
struct DeltaList<'a> {
    out: &'a mut String,
    /// The run of kept indexes not yet written, first and last.
    run: Option<(usize, usize)>,
    empty: bool,
}

impl<'a> DeltaList<'a> {
    fn open(out: &'a mut String) -> Self {
        out.push('[');
        DeltaList {
            out,
            run: None,
            empty: true,
        }
    }

    /// The entry at `at` of the previous result's list, unchanged.
    fn kept(&mut self, at: usize) {
        match self.run {
            Some((first, last)) if at == last + 1 => self.run = Some((first, at)),
            _ => {
                self.write_run();
                self.run = Some((at, at));
            }
        }
    }

    /// Where to write a new entry (after the run kept before it).
    fn entry(&mut self) -> &mut String {
        self.write_run();
        self.separate();
        self.out
    }

    fn close(mut self) {
        self.write_run();
        self.out.push(']');
    }

    fn separate(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
    }

    fn write_run(&mut self) {
        let Some((first, last)) = self.run.take() else {
            return;
        };
        self.separate();
        if first == last {
            push_number(self.out, first as i64);
        } else {
            self.out.push('[');
            push_number(self.out, first as i64);
            self.out.push(',');
            push_number(self.out, last as i64);
            self.out.push(']');
        }
    }
}

/// Everything of a result but its findings, which `write` takes one by one.
struct ResultParts<'a> {
    page: &'a Option<Page>,
    holds_checkout: bool,
    hold_targets: &'a [u32],
    final_targets: &'a [u32],
    diagnostics: &'a [procguard_core::Diagnostic],
    policy_revision: &'a str,
    directory_loaded: bool,
    /// A delta's cart lines (see `lines_delta`), written last.
    lines_delta: Option<&'a str>,
}

impl ResultParts<'_> {
    /// Writes the result JSON: `{"page","findings","holds_checkout","hold_targets",
    /// "final_targets","diagnostics","policy_revision","directory_loaded"}`, compact, as
    /// `serde_json` writes a struct of those fields (a test holds it to that). A finding
    /// equal to one of `last` (same check, field and item, then every field and the anchor)
    /// has its JSON copied from there; `last` becomes this result's findings.
    #[cfg(test)]
    fn write(
        &self,
        findings: impl ExactSizeIterator<Item = (procguard_core::Finding, Option<u32>)>,
        last: &mut Vec<WrittenFinding>,
    ) -> String {
        let findings = findings.map(|(finding, anchor)| Next::New(Box::new(finding), anchor));
        self.write_as(findings, last, Numbering::Whole)
    }

    /// `write`, numbered or as a delta (see `Numbering`): the keys `"seq"`, and `"delta"` and
    /// `"base"`, come last.
    fn write_as(
        &self,
        findings: impl ExactSizeIterator<Item = Next>,
        last: &mut Vec<WrittenFinding>,
        numbering: Numbering,
    ) -> String {
        let delta = matches!(numbering, Numbering::Delta { .. });
        // A delta writes most findings as their index: room for those, not for their JSON
        // (250 KB on a 200-line cart, allocated and given back on every edit).
        let findings_room = match delta {
            true => last.len() * 4,
            false => last.iter().map(|w| w.json.len() + 1).sum::<usize>(),
        };
        let mut out = String::with_capacity(findings_room + 20_000);
        out.push_str(r#"{"page":"#);
        write_page(&mut out, self.page.as_ref());
        out.push_str(r#","findings":"#);
        let mut previous: Vec<Option<WrittenFinding>> = Vec::with_capacity(last.len());
        for w in last.drain(..) {
            previous.push(Some(w));
        }
        let mut by_key: Option<Groups<usize>> = None;
        let mut list = DeltaList::open(&mut out);
        for (n, next) in findings.enumerate() {
            let (finding, anchor) = match next {
                Next::Kept(at) => {
                    // Kept by `evaluate_again`, at the same element: its JSON as it was.
                    let written = previous[at]
                        .take()
                        .expect("evaluate_again keeps each finding at most once");
                    if delta {
                        list.kept(at);
                    } else {
                        list.entry().push_str(&written.json);
                    }
                    last.push(written);
                    continue;
                }
                Next::New(finding, anchor) => (finding, anchor),
            };
            let same = |w: &Option<WrittenFinding>| {
                w.as_ref()
                    .is_some_and(|w| w.anchor == anchor && *w.finding == *finding)
            };
            // The finding at the same place first (the usual case); a finding of the same
            // check and item there has changed (the line edited); else look it up by key
            // (findings before it came or went).
            let in_place = previous.get(n).and_then(Option::as_ref);
            let reused = if previous.get(n).is_some_and(same) {
                Some(n)
            } else if in_place
                .is_some_and(|w| w.finding.id == finding.id && w.finding.about == finding.about)
            {
                None
            } else {
                let by_key = by_key.get_or_insert_with(|| {
                    let mut groups = Groups::default();
                    for (at, w) in previous.iter().enumerate() {
                        if let Some(w) = w {
                            groups.push(finding_key(&w.finding), at);
                        }
                    }
                    groups
                });
                // A loop, not `find`: the adapter is a copy of its own in the wasm (issue 8).
                let mut found = None;
                for &at in by_key.get(&finding_key(&finding)) {
                    if same(&previous[at]) {
                        found = Some(at);
                        break;
                    }
                }
                found
            };
            let json = match reused.and_then(|at| previous[at].take().map(|w| (at, w))) {
                Some((at, written)) => {
                    if delta {
                        list.kept(at);
                    } else {
                        list.entry().push_str(&written.json);
                    }
                    written.json
                }
                None => {
                    // As serde_json writes a `PaintedFinding` (a test holds it to that), by
                    // hand: the findings' text is most of a result.
                    let mut json = String::with_capacity(
                        finding.message.len() + finding.evidence.len() + finding.remedy.len() + 200,
                    );
                    finding.write_json_fields(&mut json);
                    json.push_str(",\"anchor\":");
                    match anchor {
                        Some(element) => push_number(&mut json, i64::from(element)),
                        None => json.push_str("null"),
                    }
                    json.push('}');
                    list.entry().push_str(&json);
                    json
                }
            };
            last.push(WrittenFinding {
                finding,
                anchor,
                json,
            });
        }
        list.close();
        out.push_str(r#","holds_checkout":"#);
        out.push_str(if self.holds_checkout { "true" } else { "false" });
        out.push_str(r#","hold_targets":"#);
        write_indexes(&mut out, self.hold_targets);
        out.push_str(r#","final_targets":"#);
        write_indexes(&mut out, self.final_targets);
        out.push_str(r#","diagnostics":"#);
        write_diagnostics(&mut out, self.diagnostics);
        out.push_str(r#","policy_revision":"#);
        push_json_string(&mut out, self.policy_revision);
        out.push_str(r#","directory_loaded":"#);
        out.push_str(if self.directory_loaded {
            "true"
        } else {
            "false"
        });
        match numbering {
            Numbering::Whole => {}
            Numbering::Numbered { seq } => {
                out.push_str(r#","seq":"#);
                push_number(&mut out, seq as i64);
            }
            Numbering::Delta { base, seq } => {
                out.push_str(r#","seq":"#);
                push_number(&mut out, seq as i64);
                out.push_str(r#","delta":true,"base":"#);
                push_number(&mut out, base as i64);
            }
        }
        if let Some(lines) = self.lines_delta {
            out.push_str(r#","lines_delta":"#);
            out.push_str(lines);
        }
        out.push('}');
        out
    }
}

/// A finding to write: one of the last result's, kept by `evaluate_again` (its index there),
/// or a new one with its element.
enum Next {
    Kept(usize),
    New(Box<procguard_core::Finding>, Option<u32>),
}

/// Takes a cart page's lines out (leaving them empty); `None` for another page or a cart
/// whose lines were not read.
fn take_lines(page: &mut Page) -> Option<Vec<CartLine>> {
    page.cart_mut()?.lines.as_mut().map(std::mem::take)
}

/// The lines of `page` that differ from `last_lines`, when nothing else of the page differs
/// from `rest` (the last page without its lines) and the cart has as many lines as before;
/// else `None`.
fn changed_lines(
    page: &mut Option<Page>,
    rest: &Page,
    last_lines: &[CartLine],
) -> Option<Vec<usize>> {
    let page = page.as_mut()?;
    let lines = take_lines(page)?;
    let same_rest = page == rest;
    let cart = page.cart_mut().expect("take_lines found a cart");
    let changed = (same_rest && lines.len() == last_lines.len()).then(|| {
        let mut changed = Vec::new();
        for (at, now) in lines.iter().enumerate() {
            if *now != last_lines[at] {
                changed.push(at);
            }
        }
        changed
    });
    cart.lines = Some(lines);
    changed
}

/// What identifies a finding across re-reads: its check, field and item, as one text (the
/// key of a [`Groups`], whose one map type serves every grouping: issue 8). Ids and field
/// names have no NUL, so different findings' keys differ.
fn finding_key(finding: &procguard_core::Finding) -> String {
    let mut key = String::from(&*finding.id);
    if let Some(about) = &finding.about {
        key.push('\0');
        key.push_str(&about.field);
        if let Some(index) = about.index {
            key.push('\0');
            push_number(&mut key, index as i64);
        }
    }
    key
}

/// The reading's anchors by field and item, for finding each finding's element without
/// scanning every anchor per finding (400 findings × 200 anchors on a 200-line cart). The
/// same answers as `Reading::anchor_for`: the first anchor of the item (`lines[3]`), else
/// the field's.
struct Anchors(Groups<u32>);

impl Anchors {
    fn of(reading: &Reading) -> Self {
        let mut anchors = Groups::default();
        for anchor in &reading.anchors {
            let key = match anchor.index {
                Some(index) => item_key(anchor.field, index as usize),
                None => anchor.field.to_string(),
            };
            anchors.push(key, anchor.at);
        }
        Anchors(anchors)
    }

    fn get(&self, field: &str, index: Option<usize>) -> Option<u32> {
        let first = |key: &str| self.0.get(key).first().copied();
        index
            .and_then(|i| first(&item_key(field, i)))
            .or_else(|| first(field))
    }
}

/// `field[index]`, the index as digits without leading zeros.
fn item_key(field: &str, index: usize) -> String {
    let mut key = String::with_capacity(field.len() + 6);
    key.push_str(field);
    key.push('[');
    push_number(&mut key, index as i64);
    key.push(']');
    key
}

/// The portals as the options page and the worker use them (see `Engine::portal_hosts`).
pub fn portal_hosts_json(portals: &PortalHosts) -> String {
    let list: Vec<Value> = procguard_readers::hosts::PORTALS
        .iter()
        .map(|(key, name)| {
            let hosts = portals.of(key);
            json!({
                "portal": key,
                "name": name,
                "hosts": hosts,
                "origins": hosts.iter().map(|h| procguard_readers::hosts::origin_pattern(h)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list).to_string()
}

/// `{"error": message}`, written by hand (see `check_dom`).
pub fn error_json(message: &str) -> String {
    let mut out = String::from(r#"{"error":"#);
    procguard_core::push_json_string(&mut out, message);
    out.push('}');
    out
}

/// What importing `new_json` over `current_json` would change, by customer id.
pub fn preview_import(current_json: &str, new_json: &str) -> String {
    let incoming = match Directory::from_json(new_json) {
        Ok(d) => d,
        Err(e) => {
            return json!({"ok": false, "error": {
                "message": e.message, "path": e.path, "line": e.line, "column": e.column,
                "help": e.help, "text": e.to_string(),
            }})
            .to_string()
        }
    };
    let current = Directory::from_json(current_json).ok();
    let by_id = |d: &Directory| -> Vec<(String, Value)> {
        d.customers
            .iter()
            .map(|c| (c.id.clone(), serde_json::to_value(c).unwrap_or(Value::Null)))
            .collect()
    };
    let old = current.as_ref().map(by_id).unwrap_or_default();
    let new = by_id(&incoming);
    let old_ids: BTreeSet<&String> = old.iter().map(|(id, _)| id).collect();
    let new_ids: BTreeSet<&String> = new.iter().map(|(id, _)| id).collect();
    let added: Vec<&String> = new_ids.difference(&old_ids).copied().collect();
    let removed: Vec<&String> = old_ids.difference(&new_ids).copied().collect();
    let changed: Vec<&String> = new
        .iter()
        .filter(|(id, value)| old.iter().any(|(o, v)| o == id && v != value))
        .map(|(id, _)| id)
        .collect();
    json!({
        "ok": true,
        "customers": incoming.customers.len(),
        "added": added, "changed": changed, "removed": removed,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::Value;

    const DIRECTORY: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/directory.json"
    ));
    const NOW: &str = "2026-11-21T10:00:00-05:00";

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(NOW).unwrap()
    }

    /// An engine with the fixtures' directory, the default policy and a technician, loaded
    /// as the content script loads them: a settings pack of what the worker's engine loaded.
    /// A snapshot written as JSON, in the wire format the engine reads.
    fn wire(json: &str) -> String {
        procguard_readers::dom::wire_of_json(json).unwrap()
    }

    /// Patches written as JSON, in the wire format the engine reads.
    fn patch_wire(json: &str) -> String {
        procguard_readers::dom::patches_wire_of_json(json).unwrap()
    }

    fn engine() -> Engine {
        let mut engine = Engine::default();
        engine
            .load_settings_pack(&worker_engine().settings_pack())
            .unwrap();
        engine
    }

    /// The same settings loaded as the service worker loads them, from their stored JSON.
    fn worker_engine() -> Engine {
        let mut worker = Engine::default();
        worker.load_policy("").unwrap();
        worker.load_directory(DIRECTORY).unwrap();
        worker
            .set_user(r#"{"name":"Sam Tech","email":"sam@ggit.example"}"#)
            .unwrap();
        worker
    }

    #[test]
    fn a_settings_pack_gives_the_content_engine_what_the_worker_loaded_and_judges_alike() {
        let worker = worker_engine();
        let pack = worker.settings_pack();
        let content = engine();
        // Nothing is lost on the way: the content engine's pack is the worker's.
        assert_eq!(content.settings_pack(), pack);
        assert_eq!(content.user, worker.user);
        assert_eq!(content.policy, worker.policy);
        for agreed in [false, true] {
            let snapshot = cart_snapshot(&lines(3), agreed);
            assert_eq!(
                content.check_snapshot(&wire(&snapshot), now()),
                worker.check_snapshot(&wire(&snapshot), now())
            );
        }
    }

    #[test]
    fn an_engine_without_settings_judges_nothing_and_a_bad_pack_keeps_what_was_loaded() {
        let snapshot = cart_snapshot(&lines(1), false);
        if cfg!(feature = "content") {
            let bare = Engine::default();
            let result: Value =
                serde_json::from_str(&bare.check_snapshot(&wire(&snapshot), now())).unwrap();
            assert_eq!(result["error"], "procguard's settings are not loaded yet");
        }
        let mut content = engine();
        let before = content.check_snapshot(&wire(&snapshot), now());
        let pack = content.settings_pack();
        for bad in [
            String::new(),
            "[]".to_string(),
            r#"["procguard/settings-pack@0"]"#.to_string(),
            pack[..pack.len() - 1].to_string(),
            // A check's setting that is not a yes or no (a check this build does not have is
            // passed over: see `procguard_core::policy`).
            pack.replacen(
                "\"order.ambiguous-term\u{1f}t\u{1f}",
                "\"order.ambiguous-term\u{1f}#7\u{1f}",
                1,
            ),
            // An item more at the end.
            format!("{}#1\u{1f}]\u{1f}", &pack[..pack.len() - 2]),
        ] {
            let error = content.load_settings_pack(&bad).unwrap_err();
            assert!(error.starts_with("settings pack: "), "{error}");
            assert_eq!(
                content.check_snapshot(&wire(&snapshot), now()),
                before,
                "{bad}"
            );
        }
    }

    /// The results written by hand read back as the JSON serde_json would write.
    #[test]
    fn an_error_result_and_a_page_not_checked_are_the_json_serde_json_writes() {
        let message = "a \"quoted\" \\ tab\t newline\n \u{1} é 😀";
        assert_eq!(error_json(message), json!({"error": message}).to_string());
        let mut engine = engine();
        let dom = "uhttps://example.com/\u{1f}nx\u{1f}";
        let result = engine.check_snapshot_in("s", dom, now());
        let seq = engine.last_seq;
        let want = json!({"page": null, "findings": [], "holds_checkout": false, "seq": seq});
        assert_eq!(result, want.to_string());
        let stale = engine.check_patch("s", "[{", now());
        let parsed: Value = serde_json::from_str(&stale).unwrap();
        assert_eq!(parsed["stale"], true, "{stale}");
        assert!(parsed["error"].is_string(), "{stale}");
    }

    #[test]
    fn each_read_shares_the_directory_customers_and_a_new_directory_replaces_them() {
        let mut engine = worker_engine();
        let dom = Dom::from_json(&cart_snapshot(&lines(3), false)).unwrap();
        let mut reading = procguard_readers::read_with(&dom, &engine.portals).unwrap();
        let context = engine.context_for(&mut reading, now());
        let directory = engine.directory.as_ref().unwrap();
        assert!(std::sync::Arc::ptr_eq(
            &context.customers,
            &directory.customers
        ));
        // Without learned facts the effective directory shares the import's customers too.
        let imported = engine.imported.as_ref().unwrap();
        assert!(std::sync::Arc::ptr_eq(
            &imported.customers,
            &directory.customers
        ));
        // A new directory is what the next read sees.
        let mut other: Value = serde_json::from_str(DIRECTORY).unwrap();
        other["customers"].as_array_mut().unwrap().truncate(1);
        engine.load_directory(&other.to_string()).unwrap();
        let mut reading = procguard_readers::read_with(&dom, &engine.portals).unwrap();
        assert_eq!(engine.context_for(&mut reading, now()).customers.len(), 1);
    }

    /// The state of one cart line's controls.
    #[derive(Clone)]
    struct Line {
        quantity: String,
        /// The term as a `<select>` (option text, value) instead of the portal's combobox.
        select: Option<(&'static str, &'static str)>,
    }

    /// A Pax8 cart page as extension/snapshot.js sends it, laid out like the portal's cart
    /// (and `bigCart` of tests/browser/harness.mjs, which repeats its line): app bar and
    /// navigation, the company, a table whose every line has a product link, a term
    /// combobox, a quantity input, prices and a remove button, the order summary with
    /// Checkout, and an "I agree" checkbox. About 30 nodes a line, as in the browser.
    struct Cart {
        nodes: Vec<Value>,
        elements: u32,
    }

    impl Cart {
        fn add(&mut self, parent: i64, tag: &str, attrs: Value) -> i64 {
            let mut node = json!({"p": parent, "t": tag, "i": self.elements});
            if attrs.as_object().is_some_and(|a| !a.is_empty()) {
                node["a"] = attrs;
            }
            self.elements += 1;
            self.nodes.push(node);
            self.nodes.len() as i64 - 1
        }
        fn text(&mut self, parent: i64, text: &str) {
            self.nodes.push(json!({"p": parent, "x": text}));
        }
        /// An element holding one text.
        fn say(&mut self, parent: i64, tag: &str, attrs: Value, text: &str) -> i64 {
            let me = self.add(parent, tag, attrs);
            self.text(me, text);
            me
        }
    }

    fn cart_snapshot(lines: &[Line], agreed: bool) -> String {
        let mut c = Cart {
            nodes: Vec::new(),
            elements: 0,
        };
        let body = c.add(-1, "body", json!({}));
        let root = c.add(body, "div", json!({"id": "root"}));
        let header = c.add(root, "header", json!({"data-testid": "app-bar"}));
        let nav = c.add(header, "nav", json!({"aria-label": "Primary"}));
        for item in [
            "Marketplace",
            "Companies",
            "Subscriptions",
            "Billing",
            "Reports",
        ] {
            c.text(nav, " ");
            c.say(nav, "a", json!({"href": "/x"}), item);
        }
        let search = c.add(
            header,
            "input",
            json!({"type": "search", "aria-label": "Search"}),
        );
        c.nodes[search as usize]["v"] = json!("");
        let main = c.add(root, "main", json!({"class": "app-main"}));
        c.say(main, "h1", json!({}), "Cart");
        let company = c.add(main, "div", json!({"data-testid": "cart-company"}));
        c.text(company, " ");
        c.say(company, "p", json!({}), "Company");
        let name = c.add(company, "div", json!({}));
        c.say(name, "h2", json!({}), "Acme Dental LLC");
        c.say(name, "button", json!({"type": "button"}), "Change company");
        let table = c.add(main, "table", json!({"aria-label": "Cart items"}));
        let head = c.add(table, "thead", json!({}));
        let row = c.add(head, "tr", json!({}));
        for column in ["Product", "Term", "Quantity", "Unit price", "Total"] {
            c.say(row, "th", json!({"scope": "col"}), column);
        }
        c.add(row, "td", json!({}));
        let tbody = c.add(table, "tbody", json!({}));
        for (n, line) in lines.iter().enumerate() {
            let product = format!("Product {}", n + 1);
            c.text(tbody, " ");
            let tr = c.add(tbody, "tr", json!({"data-testid": "cart-line-item"}));
            c.text(tr, " ");
            let td = c.add(tr, "td", json!({}));
            c.text(td, " ");
            c.say(
                td,
                "a",
                json!({"href": "/p", "data-testid": "cart-line-product"}),
                &product,
            );
            c.text(td, " ");
            c.say(td, "p", json!({}), "Microsoft \u{b7} CFQ7TTC0HD33-P1M");
            c.text(td, " ");
            c.text(tr, " ");
            let td = c.add(tr, "td", json!({}));
            let div = c.add(td, "div", json!({}));
            match line.select {
                None => {
                    c.say(
                        div,
                        "div",
                        json!({"role": "combobox", "aria-label": format!("Term for {product}")}),
                        "Monthly",
                    );
                }
                Some((text, value)) => {
                    let select = c.add(div, "select", json!({"aria-label": "Term"}));
                    c.nodes[select as usize]["v"] = json!(text);
                    c.nodes[select as usize]["sv"] = json!(value);
                }
            }
            c.text(tr, " ");
            let td = c.add(tr, "td", json!({"class": "qty"}));
            let div = c.add(td, "div", json!({}));
            let input = c.add(
                div,
                "input",
                json!({"type": "number", "aria-label": "Quantity", "data-testid": "cart-line-qty"}),
            );
            c.nodes[input as usize]["v"] = json!(line.quantity);
            c.text(tr, " ");
            c.say(tr, "td", json!({}), "$18.00");
            c.text(tr, " ");
            c.say(
                tr,
                "td",
                json!({"data-testid": "cart-line-total"}),
                "$36.00",
            );
            c.text(tr, " ");
            let td = c.add(tr, "td", json!({}));
            c.add(
                td,
                "button",
                json!({"type": "button", "aria-label": format!("Remove {product}")}),
            );
            c.text(tr, " ");
        }
        let summary = c.add(main, "div", json!({"data-testid": "order-summary"}));
        c.say(summary, "h2", json!({}), "Order summary");
        let row = c.add(summary, "div", json!({"class": "summary-row"}));
        c.say(row, "span", json!({}), "Billed monthly");
        c.say(row, "span", json!({}), "$36.00 / month");
        let label = c.add(summary, "label", json!({}));
        let agree = c.add(label, "input", json!({"type": "checkbox"}));
        c.nodes[agree as usize]["k"] = json!(agreed);
        c.text(label, "I agree to the terms");
        c.say(summary, "button", json!({"type": "button"}), "Checkout");
        json!({"url": "https://app.pax8.com/cart", "title": "Cart", "nodes": c.nodes}).to_string()
    }

    fn lines(count: usize) -> Vec<Line> {
        (0..count)
            .map(|n| Line {
                quantity: ((n % 7) + 1).to_string(),
                select: (n % 50 == 0).then_some(("Monthly", "P1M")),
            })
            .collect()
    }

    /// Element indexes of the quantity inputs, the term selects and the checkbox.
    fn controls(snapshot: &str) -> (Vec<u32>, Vec<u32>, Option<u32>) {
        let dom = Dom::from_json(snapshot).unwrap();
        let of = |pred: &dyn Fn(&procguard_readers::dom::Node) -> bool| -> Vec<u32> {
            dom.nodes
                .iter()
                .filter(|n| pred(n))
                .map(|n| n.element)
                .collect()
        };
        let quantities = of(&|n| n.tag == "input" && n.attr("aria-label") == Some("Quantity"));
        let selects = of(&|n| n.tag == "select");
        let checkbox = of(&|n| n.attr("type") == Some("checkbox")).first().copied();
        (quantities, selects, checkbox)
    }

    fn parse(result: &str) -> Value {
        serde_json::from_str(result).unwrap()
    }

    /// A result without its numbering (`seq`, `delta`, `base`): what `check_snapshot` gives.
    fn whole(mut result: Value) -> Value {
        for key in ["seq", "delta", "base"] {
            result.as_object_mut().unwrap().remove(key);
        }
        result
    }

    /// A delta result resolved against the result it builds on, as content.js resolves it.
    fn resolve(delta: &str, previous: &Value) -> Value {
        let mut delta = parse(delta);
        assert_eq!(delta["delta"], true, "check_patch writes a delta");
        assert_eq!(
            delta["base"], previous["seq"],
            "built on the previous result"
        );
        delta["findings"] = Value::Array(expand(&delta["findings"], &previous["findings"]));
        if let Some(lines) = delta.as_object_mut().unwrap().remove("lines_delta") {
            delta["page"]["lines"] = Value::Array(expand(&lines, &previous["page"]["lines"]));
        }
        delta
    }

    /// A delta's list: an index is that entry of `previous`, `[first,last]` the run of them.
    fn expand(list: &Value, previous: &Value) -> Vec<Value> {
        let mut out = Vec::new();
        for entry in list.as_array().expect("a list") {
            match (entry.as_u64(), entry.as_array()) {
                (Some(at), _) => out.push(previous[at as usize].clone()),
                (None, Some(run)) => {
                    let (first, last) = (run[0].as_u64().unwrap(), run[1].as_u64().unwrap());
                    assert!(run.len() == 2 && first < last, "a run: {entry}");
                    out.extend((first..=last).map(|at| previous[at as usize].clone()));
                }
                _ => out.push(entry.clone()),
            }
        }
        out
    }

    #[test]
    fn a_patched_200_line_cart_reads_and_judges_exactly_like_a_fresh_snapshot_of_it() {
        let mut engine = engine();
        let mut state = lines(200);
        let first = cart_snapshot(&state, false);
        let (quantities, selects, checkbox) = controls(&first);
        let checkbox = checkbox.unwrap();
        assert_eq!(quantities.len(), 200);
        assert!(Dom::from_json(&first).unwrap().nodes.len() > 5_800);
        let before = engine.check_snapshot_in("page", &wire(&first), now());
        assert_eq!(
            whole(parse(&before)),
            parse(&engine.check_snapshot(&wire(&first), now()))
        );
        let mut previous = parse(&before);

        // Three rounds of edits, each patched onto the kept snapshot.
        let rounds: [&[(usize, &str)]; 3] = [&[(0, "40")], &[(7, "3"), (199, "12")], &[(0, "2")]];
        for (round, edits) in rounds.iter().enumerate() {
            let mut patch = Vec::new();
            for &(line, quantity) in edits.iter() {
                state[line].quantity = quantity.to_string();
                patch.push(json!({"i": quantities[line], "v": quantity}));
            }
            if round == 1 {
                state[50].select = Some(("Annual commitment, billed monthly", "P1Y"));
                patch.push(
                    json!({"i": selects[1], "v": "Annual commitment, billed monthly", "sv": "P1Y"}),
                );
                patch.push(json!({"i": checkbox, "k": true}));
            }
            let patched =
                engine.check_patch("page", &patch_wire(&Value::Array(patch).to_string()), now());
            let fresh_snapshot = cart_snapshot(&state, round >= 1);
            let fresh_result = engine.check_snapshot(&wire(&fresh_snapshot), now());
            let resolved = resolve(&patched, &previous);
            assert_eq!(
                whole(resolved.clone()),
                parse(&fresh_result),
                "round {round}"
            );
            // Only what changed is written again: the unchanged findings and lines are
            // indexes, in runs around the line edited.
            if round == 0 {
                assert!(
                    patched.len() * 10 < fresh_result.len(),
                    "{} bytes for {}",
                    patched.len(),
                    fresh_result.len()
                );
                let delta = parse(&patched);
                let entries = |key: &str| delta[key].as_array().unwrap().len();
                assert!(
                    entries("findings") <= 8 && entries("lines_delta") <= 3,
                    "{} entries for {} findings, {} for 200 lines",
                    entries("findings"),
                    resolved["findings"].as_array().unwrap().len(),
                    entries("lines_delta")
                );
            }
            previous = resolved;

            // The kept Dom is the fresh one, caches (short texts, lengths, index) included.
            let kept = &engine.slots.last().unwrap().dom;
            let fresh = Dom::from_json(&fresh_snapshot).unwrap();
            kept.build_caches();
            fresh.build_caches();
            assert!(
                *kept == fresh,
                "round {round}: patched Dom differs from a fresh one"
            );
        }
        let last = resolve(&engine.check_patch("page", "", now()), &previous);
        assert_eq!(last["page"]["lines"][0]["quantity"], 2);
        assert_eq!(last["page"]["lines"][199]["quantity"], 12);
        assert_eq!(last["page"]["lines"][50]["term"], "annual");
        assert_ne!(parse(&before)["page"], last["page"]);
    }

    #[test]
    fn a_patch_for_a_slot_never_kept_or_forgotten_answers_stale() {
        let mut engine = engine();
        let snapshot = cart_snapshot(&lines(3), false);
        let (quantities, _, _) = controls(&snapshot);
        let patch = patch_wire(&json!([{"i": quantities[0], "v": "9"}]).to_string());
        assert_eq!(engine.check_patch("page", &patch, now()), STALE);
        engine.check_snapshot_in("1:0", &wire(&snapshot), now());
        assert_eq!(engine.check_patch("1:1", &patch, now()), STALE);
        assert!(parse(&engine.check_patch("1:0", &patch, now()))["page"].is_object());
        engine.forget_slot("1:0");
        assert_eq!(engine.check_patch("1:0", &patch, now()), STALE);
    }

    #[test]
    fn a_patch_naming_no_control_of_the_kept_snapshot_with_that_state_is_stale_and_drops_the_slot()
    {
        let mut engine = engine();
        let snapshot = cart_snapshot(&lines(3), false);
        let (quantities, _, checkbox) = controls(&snapshot);
        let checkbox = checkbox.unwrap();
        let unknown = json!([{"i": quantities[0], "v": "9"}, {"i": 100_000, "v": "1"}]);
        let body = json!([{"i": 0, "v": "1"}]);
        let select_value_on_an_input = json!([{"i": quantities[0], "sv": "x"}]);
        let checked_text_input = json!([{"i": quantities[0], "k": true}]);
        let value_on_a_checkbox = json!([{"i": checkbox, "v": "on"}]);
        let checked_on_a_checkbox = json!([{"i": checkbox, "k": true}]);
        for bad in [
            unknown,
            body,
            select_value_on_an_input,
            checked_text_input,
            value_on_a_checkbox,
        ] {
            engine.check_snapshot_in("page", &wire(&snapshot), now());
            assert_eq!(
                engine.check_patch("page", &patch_wire(&bad.to_string()), now()),
                STALE,
                "{bad}"
            );
            assert!(engine.kept_slots().is_empty(), "{bad}");
        }
        engine.check_snapshot_in("page", &wire(&snapshot), now());
        let result = engine.check_patch(
            "page",
            &patch_wire(&checked_on_a_checkbox.to_string()),
            now(),
        );
        assert!(parse(&result)["page"].is_object());
        // Nothing of a refused patch is applied: the first patch above named a real input.
        engine.check_snapshot_in("page", &wire(&snapshot), now());
        let unknown = json!([{"i": quantities[0], "v": "9"}, {"i": 100_000, "v": "1"}]);
        let kept_before = engine.slots[0].dom.clone();
        kept_before.build_caches();
        let mut copy = kept_before.clone();
        assert!(copy
            .apply_patches(&Dom::parse_patches(&patch_wire(&unknown.to_string())).unwrap())
            .is_err());
        assert!(copy == kept_before);
    }

    #[test]
    fn an_unreadable_patch_answers_stale_with_the_error() {
        let mut engine = engine();
        let snapshot = cart_snapshot(&lines(2), false);
        // Not tokens; a field before its patch's `i`; a field no patch has; a checked state
        // not `1` or `0`; an index not a number.
        for bad in [
            "i1",
            "v1\u{1f}",
            "i1\u{1f}xy\u{1f}",
            "i1\u{1f}ky\u{1f}",
            "i-\u{1f}",
        ] {
            engine.check_snapshot_in("page", &wire(&snapshot), now());
            let result = parse(&engine.check_patch("page", bad, now()));
            assert_eq!(result["stale"], true, "{bad}");
            assert!(result["error"].as_str().unwrap().contains("patch"), "{bad}");
        }
        assert!(engine.kept_slots().is_empty());
    }

    #[test]
    fn an_unreadable_snapshot_forgets_its_slot() {
        let mut engine = engine();
        engine.check_snapshot_in("page", &wire(&cart_snapshot(&lines(2), false)), now());
        let result = parse(&engine.check_snapshot_in("page", "{", now()));
        assert!(result["error"].is_string());
        assert!(engine.kept_slots().is_empty());
    }

    #[test]
    fn at_most_sixteen_slots_are_kept_and_the_least_recently_used_goes_first() {
        let mut engine = engine();
        let snapshot = cart_snapshot(&lines(2), false);
        for tab in 0..MAX_SLOTS {
            engine.check_snapshot_in(&format!("{tab}:0"), &wire(&snapshot), now());
        }
        assert_eq!(engine.kept_slots().len(), 16);
        // Tab 0 is used again (a patch), so tab 1 is now the least recently used.
        assert!(parse(&engine.check_patch("0:0", "", now()))["page"].is_object());
        engine.check_snapshot_in("16:0", &wire(&snapshot), now());
        let kept = engine.kept_slots();
        assert_eq!(kept.len(), 16);
        assert!(!kept.contains(&"1:0"));
        assert!(kept.contains(&"0:0") && kept.contains(&"16:0"));
        assert_eq!(engine.check_patch("1:0", "", now()), STALE);
        // A new snapshot for a kept slot replaces it rather than taking a second place.
        engine.check_snapshot_in("16:0", &wire(&snapshot), now());
        assert_eq!(engine.kept_slots().len(), 16);
    }

    #[test]
    fn large_pages_are_dropped_least_recently_used_first_to_keep_the_slots_under_the_node_bound() {
        let mut engine = engine();
        let big = cart_snapshot(&lines(200), false);
        let nodes = Dom::from_json(&big).unwrap().nodes.len();
        let fit = MAX_KEPT_NODES / nodes;
        assert!((2..MAX_SLOTS).contains(&fit), "{fit} 200-line carts fit");
        for tab in 0..=fit {
            engine.check_snapshot_in(&format!("{tab}:0"), &wire(&big), now());
        }
        let kept = engine.kept_slots();
        assert_eq!(kept.len(), fit);
        assert!(!kept.contains(&"0:0") && kept.contains(&format!("{fit}:0").as_str()));
        // One page over the bound on its own is still kept: it is the one being edited.
        let mut huge = lines(200);
        huge.extend(lines(MAX_KEPT_NODES / 29));
        engine.check_snapshot_in("page", &wire(&cart_snapshot(&huge, false)), now());
        assert_eq!(engine.kept_slots(), vec!["page"]);
    }

    #[test]
    fn check_snapshot_in_gives_the_same_result_as_check_snapshot() {
        let mut engine = engine();
        let snapshot = cart_snapshot(&lines(20), false);
        let kept = parse(&engine.check_snapshot_in("page", &wire(&snapshot), now()));
        assert!(
            kept["seq"].as_u64().is_some(),
            "numbered, for the deltas that follow"
        );
        assert_eq!(
            whole(kept),
            parse(&engine.check_snapshot(&wire(&snapshot), now()))
        );
    }

    /// The result as `serde_json` writes it from a struct: what `ResultParts::write` must write.
    #[derive(Serialize)]
    struct CheckResult<'a> {
        page: &'a Option<Page>,
        findings: Vec<PaintedFinding<'a>>,
        holds_checkout: bool,
        hold_targets: &'a [u32],
        final_targets: &'a [u32],
        diagnostics: &'a [procguard_core::Diagnostic],
        policy_revision: &'a str,
        directory_loaded: bool,
    }

    #[test]
    fn the_result_is_written_as_serde_json_writes_the_result_struct_with_or_without_reuse() {
        let engine = engine();
        let first = cart_snapshot(&lines(30), false);
        let mut state = lines(30);
        state[3].quantity = "40".into();
        state.pop();
        let second = cart_snapshot(&state, true);
        let mut last = Vec::new();
        for snapshot in [&first, &second, &second, &first] {
            let dom = Dom::from_json(snapshot).unwrap();
            let mut reading = procguard_readers::read_with(&dom, &engine.portals).unwrap();
            let page = reading.page.take().unwrap();
            let directory = engine.directory.as_ref().unwrap();
            let context = Context::for_page(directory, page, engine.user.clone(), NOW);
            let decision = evaluate(&engine.policy, &context, now());
            let anchors = Anchors::of(&reading);
            let anchor = |f: &procguard_core::Finding| {
                f.about
                    .as_ref()
                    .and_then(|a| anchors.get(&a.field, a.index))
            };
            let expected = serde_json::to_string(&CheckResult {
                page: &context.page,
                findings: decision
                    .findings
                    .iter()
                    .map(|finding| PaintedFinding {
                        finding,
                        anchor: anchor(finding),
                    })
                    .collect(),
                holds_checkout: decision.holds_checkout,
                hold_targets: &reading.hold_targets,
                final_targets: &reading.final_targets,
                diagnostics: &decision.diagnostics,
                policy_revision: &decision.policy_revision,
                directory_loaded: true,
            })
            .unwrap();
            let parts = ResultParts {
                page: &context.page,
                holds_checkout: decision.holds_checkout,
                hold_targets: &reading.hold_targets,
                final_targets: &reading.final_targets,
                diagnostics: &decision.diagnostics,
                policy_revision: &decision.policy_revision,
                directory_loaded: true,
                lines_delta: None,
            };
            let findings = decision.findings.iter().map(|f| (f.clone(), anchor(f)));
            assert_eq!(parts.write(findings, &mut last), expected);
            assert!(decision.findings.len() > 30);
        }
    }

    fn median(mut samples: Vec<f64>) -> f64 {
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    }

    /// Native figures for the issue's target (a re-read of a 200-line cart after an edit).
    /// Run with the shipped wasm's optimisation (opt-level "z"):
    ///   cargo test --profile release -p procguard-wasm --lib timing -- --ignored --nocapture --test-threads 1
    /// `PROCGUARD_SNAPSHOT=FILE` times a snapshot dumped from the browser instead of the
    /// generated 200-line cart (its inputs labelled "Quantity" are the ones edited).
    #[test]
    #[ignore = "timing, not a check: run it by name with --ignored --nocapture"]
    fn timing_check_snapshot_against_check_patch_on_a_200_line_cart() {
        let snapshot = match std::env::var("PROCGUARD_SNAPSHOT") {
            Ok(path) => std::fs::read_to_string(path).expect("a readable snapshot file"),
            Err(_) => cart_snapshot(&lines(200), false),
        };
        let (quantities, _, _) = controls(&snapshot);
        let mut engine = engine();
        let runs = 300;
        // Median, with the 10th and 90th percentiles: a shared machine is noisy.
        let spread = |mut samples: Vec<f64>| -> String {
            samples.sort_by(f64::total_cmp);
            let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
            format!("{:.3} ms (p10 {:.3}, p90 {:.3})", at(0.5), at(0.1), at(0.9))
        };
        let time = |f: &mut dyn FnMut(usize) -> String| -> (String, usize) {
            let mut samples = Vec::with_capacity(runs);
            let mut bytes = 0;
            for run in 0..runs + 20 {
                let start = std::time::Instant::now();
                let result = f(run);
                let took = start.elapsed().as_secs_f64() * 1e3;
                if run >= 20 {
                    samples.push(took);
                }
                bytes = result.len();
            }
            (spread(samples), bytes)
        };
        let (full, bytes) = time(&mut |_| engine.check_snapshot(&wire(&snapshot), now()));
        let (parse_only, _) = time(&mut |_| format!("{}", Dom::from_json(&snapshot).is_ok()));
        engine.check_snapshot_in("page", &wire(&snapshot), now());
        let (patch, _) = time(&mut |run| {
            let line = (run * 7) % quantities.len();
            let patch = json!([{"i": quantities[line], "v": (20 + run % 50).to_string()}]);
            let result = engine.check_patch("page", &patch_wire(&patch.to_string()), now());
            assert!(result.starts_with(r#"{"page":{"#), "{result}");
            result
        });
        let findings = parse(&engine.check_patch("page", "", now()))["findings"]
            .as_array()
            .unwrap()
            .len();
        println!(
            "{} nodes, {} lines, {findings} findings, {} KB result, {runs} runs each: check_snapshot {full} (of which the snapshot parse {parse_only}); check_patch {patch}",
            Dom::from_json(&snapshot).unwrap().nodes.len(),
            quantities.len(),
            bytes / 1024,
        );
    }

    /// Where a re-read of the kept 200-line cart spends its time, section by section, an
    /// edit of one quantity at a time (as `check_patch`, the slot's last findings reused):
    ///   cargo test --profile release -p procguard-wasm --lib timing -- --ignored --nocapture --test-threads 1
    #[test]
    #[ignore = "timing, not a check: run it by name with --ignored --nocapture"]
    fn timing_sections_of_a_re_read_of_a_200_line_cart() {
        let snapshot = match std::env::var("PROCGUARD_SNAPSHOT") {
            Ok(path) => std::fs::read_to_string(path).expect("a readable snapshot file"),
            Err(_) => cart_snapshot(&lines(200), false),
        };
        let engine = engine();
        let dom = Dom::from_json(&snapshot).unwrap();
        dom.build_caches();
        let (quantities, _, _) = controls(&snapshot);
        let mut dom = dom;
        let mut last = Vec::new();
        let mut lines = Vec::new();
        let mut rest: Option<Page> = None;
        let runs = 300;
        let mut took = [const { Vec::new() }; 6];
        for run in 0..runs {
            let line = (run * 7) % quantities.len();
            let patch = json!([{"i": quantities[line], "v": (20 + run % 50).to_string()}]);
            let t0 = std::time::Instant::now();
            dom.apply_patches(&Dom::parse_patches(&patch.to_string()).unwrap())
                .unwrap();
            let t1 = std::time::Instant::now();
            let mut reading = procguard_readers::read_with(&dom, &engine.portals).unwrap();
            let t2 = std::time::Instant::now();
            let mut context = engine.context_for(&mut reading, now());
            let t3 = std::time::Instant::now();
            // As `judge` does: the per-line checks on the line edited only, once a first
            // result is there to build on.
            let changed = rest
                .as_ref()
                .and_then(|rest| changed_lines(&mut context.page, rest, &lines));
            let again = changed.as_ref().and_then(|changed| {
                let previous: Vec<&procguard_core::Finding> =
                    last.iter().map(|w: &WrittenFinding| &*w.finding).collect();
                evaluate_again(&engine.policy, &context, now(), &previous, changed)
            });
            let numbering = match again {
                Some(_) => Numbering::Delta { base: 1, seq: 2 },
                None => Numbering::Numbered { seq: 1 },
            };
            let decision =
                again.unwrap_or_else(|| evaluate(&engine.policy, &context, now()).into());
            let t4 = std::time::Instant::now();
            let text = engine.write_result(
                &reading,
                &mut context,
                decision,
                &mut last,
                Some((&mut lines, changed.as_deref())),
                numbering,
            );
            let t5 = std::time::Instant::now();
            rest = context
                .page
                .take()
                .filter(|_| !matches!(numbering, Numbering::Whole));
            if let Some(page) = rest.as_mut() {
                take_lines(page);
            }
            assert!(!text.is_empty());
            for (i, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)]
                .into_iter()
                .enumerate()
            {
                took[i].push((b - a).as_secs_f64() * 1e3);
            }
            took[5].push((t5 - t0).as_secs_f64() * 1e3);
        }
        let names = [
            "patch",
            "read",
            "context",
            "evaluate",
            "anchors and result JSON",
            "all",
        ];
        for (name, samples) in names.iter().zip(took) {
            println!("{name}: {:.3} ms", median(samples));
        }
    }
}

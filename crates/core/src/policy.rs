//! The policy configuration: which checks run, how severe they are, and their parameters.
//!
//! Policy is data (OPA): the built-in defaults of POLICY.md, merged with an organisation's
//! overrides, validated on load with errors that name the key and say what is allowed.
//!
//! Override JSON:
//! ```json
//! {
//!   "checks": {
//!     "order.acceptance-date": { "severity": "warn" },
//!     "ticket.mc-sla": { "enabled": false },
//!     "ticket.hourly-increments": { "params": { "increment_minutes": 6 } }
//!   },
//!   "matching": { "legal_suffixes": ["llc", "inc", "pc", "ltd"] }
//! }
//! ```

use crate::normalize::Lowercase;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::normalize::edit_distance;
use crate::pack::{PackReader, PackWriter};
use crate::rules::{ParamDefault, Rule, CATALOG, SUMMARIES};

/// How a finding is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint or checklist in the sidebar.
    Info,
    /// Shown inline, never holds anything.
    Warn,
    /// Holds checkout/submit until overridden with a written reason.
    Block,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warn" => Some(Severity::Warn),
            "block" => Some(Severity::Block),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parameter's effective value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParamValue {
    Number(u32),
    Words(Vec<String>),
}

impl ParamValue {
    fn to_json(&self) -> Value {
        match self {
            ParamValue::Number(n) => json!(n),
            ParamValue::Words(words) => json!(words),
        }
    }
}

/// One check's effective settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckSetting {
    pub rule: &'static Rule,
    pub enabled: bool,
    pub severity: Severity,
    /// Set by an organisation: then every variant of the check takes it (rule 12).
    pub severity_overridden: bool,
    pub params: Vec<(&'static str, ParamValue)>,
}

impl CheckSetting {
    /// Severity of a named variant: its own default unless the organisation set one.
    pub fn variant_severity(&self, variant: &str) -> Severity {
        if self.severity_overridden {
            return self.severity;
        }
        self.rule
            .variants
            .iter()
            .find(|(name, _)| *name == variant)
            .map_or(self.severity, |(_, severity)| *severity)
    }

    pub fn number(&self, name: &str) -> u32 {
        match self.params.iter().find(|(n, _)| *n == name) {
            Some((_, ParamValue::Number(n))) => *n,
            _ => 0,
        }
    }

    pub fn words(&self, name: &str) -> &[String] {
        match self.params.iter().find(|(n, _)| *n == name) {
            Some((_, ParamValue::Words(words))) => words,
            _ => &[],
        }
    }
}

/// The effective policy: built-in defaults merged with an organisation's overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub(crate) checks: Vec<CheckSetting>,
    pub(crate) legal_suffixes: Vec<String>,
    /// Worked out once when the policy is built: `evaluate` stamps it on every decision.
    revision: String,
}

const DEFAULT_LEGAL_SUFFIXES: [&str; 12] = [
    "llc",
    "inc",
    "pc",
    "ltd",
    "pllc",
    "llp",
    "lp",
    "corp",
    "corporation",
    "incorporated",
    "limited",
    "co",
];

impl Default for Policy {
    /// The defaults of POLICY.md: every check enabled at its listed severity.
    fn default() -> Policy {
        let checks = CATALOG
            .iter()
            .map(|rule| CheckSetting {
                rule,
                enabled: true,
                severity: rule.severity,
                severity_overridden: false,
                params: rule
                    .params
                    .iter()
                    .map(|(name, default)| {
                        let value = match default {
                            ParamDefault::Number(n) => ParamValue::Number(*n),
                            ParamDefault::Words(words) => {
                                ParamValue::Words(words.iter().map(|w| w.to_string()).collect())
                            }
                        };
                        (*name, value)
                    })
                    .collect(),
            })
            .collect();
        Policy {
            checks,
            legal_suffixes: DEFAULT_LEGAL_SUFFIXES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            revision: String::new(),
        }
        .sealed()
    }
}

/// A policy file that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// The key, e.g. `checks["order.acceptance-date"].severity`.
    pub path: String,
    /// What is wrong, lowercase, user values in backticks.
    pub message: String,
    /// What is allowed.
    pub help: Option<String>,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "at `{}`: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}

fn error(path: String, message: String, help: impl Into<Option<String>>) -> PolicyError {
    PolicyError {
        path,
        message,
        help: help.into(),
    }
}

fn listed(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    items
        .into_iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Policy {
    /// The built-in defaults merged with an organisation's overrides.
    pub fn from_overrides_json(text: &str) -> Result<Policy, Vec<PolicyError>> {
        Policy::default().merge(text)
    }

    /// This policy with overrides applied; every problem in the overrides is reported.
    pub fn merge(&self, overrides_json: &str) -> Result<Policy, Vec<PolicyError>> {
        let value: Value = serde_json::from_str(overrides_json).map_err(|e| {
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .map_or(full.as_str(), |at| &full[..at])
                .to_string();
            vec![error(
                String::new(),
                format!(
                    "the policy is not valid JSON: {message} (line {}, column {})",
                    e.line(),
                    e.column()
                ),
                Some("a policy file is one JSON object with `checks` and `matching`".to_string()),
            )]
        })?;
        self.merge_value(&value)
    }

    /// Like [`Policy::merge`], from parsed JSON.
    pub fn merge_value(&self, overrides: &Value) -> Result<Policy, Vec<PolicyError>> {
        let mut policy = self.clone();
        let mut errors = Vec::new();
        let Some(top) = overrides.as_object() else {
            return Err(vec![error(
                String::new(),
                "a policy must be a JSON object".into(),
                Some("for example `{\"checks\": {\"order.acceptance-date\": {\"severity\": \"warn\"}}}`".to_string()),
            )]);
        };
        for (key, value) in top {
            match key.as_str() {
                "checks" => policy.merge_checks(value, &mut errors),
                "matching" => policy.merge_matching(value, &mut errors),
                // Written by `to_json`; accepted so an exported policy reads back.
                "format" | "revision" | "$comment" => {}
                other => errors.push(error(
                    other.to_string(),
                    format!("unknown key `{other}`"),
                    Some(format!("a policy has {}", listed(["checks", "matching"]))),
                )),
            }
        }
        if errors.is_empty() {
            Ok(policy.sealed())
        } else {
            Err(errors)
        }
    }

    fn merge_checks(&mut self, value: &Value, errors: &mut Vec<PolicyError>) {
        let Some(checks) = value.as_object() else {
            errors.push(error(
                "checks".into(),
                "`checks` must be an object keyed by check id".into(),
                None,
            ));
            return;
        };
        for (id, settings) in checks {
            let base = format!("checks[\"{id}\"]");
            let Some(setting) = self.checks.iter_mut().find(|c| c.rule.id == id) else {
                let closest = CATALOG
                    .iter()
                    .map(|rule| (edit_distance(rule.id, id), rule.id))
                    .min();
                let help = match closest {
                    Some((distance, near)) if distance <= 4 => format!("did you mean `{near}`?"),
                    _ => "checks are named by the ids of POLICY.md, for example `order.product-matches-quote`".to_string(),
                };
                errors.push(error(base, format!("unknown check id `{id}`"), Some(help)));
                continue;
            };
            let Some(settings) = settings.as_object() else {
                errors.push(error(
                    base,
                    format!("the settings of `{id}` must be an object"),
                    Some(format!(
                        "allowed keys: {}",
                        listed(["enabled", "severity", "params"])
                    )),
                ));
                continue;
            };
            for (key, value) in settings {
                let path = format!("{base}.{key}");
                match key.as_str() {
                    "enabled" => match value.as_bool() {
                        Some(enabled) => setting.enabled = enabled,
                        None => errors.push(error(
                            path,
                            format!("`enabled` is `{value}`"),
                            Some("`enabled` is `true` or `false`".to_string()),
                        )),
                    },
                    "severity" => match value.as_str().and_then(Severity::parse) {
                        Some(severity) => {
                            setting.severity = severity;
                            setting.severity_overridden = true;
                        }
                        None => errors.push(error(
                            path,
                            format!(
                                "bad severity `{}`",
                                value.as_str().map_or(value.to_string(), str::to_string)
                            ),
                            Some(format!(
                                "severity is one of {}",
                                listed(["block", "warn", "info"])
                            )),
                        )),
                    },
                    "params" => merge_params(setting, value, &path, errors),
                    // Shown by `to_json`; not settable.
                    "source" | "summary" | "variants" => {}
                    other => errors.push(error(
                        path,
                        format!("unknown key `{other}` for check `{id}`"),
                        Some(format!(
                            "allowed keys: {}",
                            listed(["enabled", "severity", "params"])
                        )),
                    )),
                }
            }
            // An exported policy reads back unchanged: its default severity shown next to
            // the default variants is not an organisation's choice.
            let exported_defaults = settings.get("variants").is_some_and(|variants| {
                setting.severity == setting.rule.severity
                    && setting.rule.variants.iter().all(|(name, default)| {
                        variants.get(*name).and_then(Value::as_str) == Some(default.as_str())
                    })
            });
            if exported_defaults {
                setting.severity_overridden = false;
            }
        }
    }

    fn merge_matching(&mut self, value: &Value, errors: &mut Vec<PolicyError>) {
        let Some(matching) = value.as_object() else {
            errors.push(error(
                "matching".into(),
                "`matching` must be an object".into(),
                None,
            ));
            return;
        };
        for (key, value) in matching {
            let path = format!("matching.{key}");
            match key.as_str() {
                "legal_suffixes" => match words(value) {
                    Some(list) => {
                        self.legal_suffixes = list.into_iter().map(|w| w.lowercase()).collect()
                    }
                    None => errors.push(error(
                        path,
                        format!("`legal_suffixes` is `{value}`"),
                        Some("a list of words, for example `[\"llc\", \"inc\"]`".to_string()),
                    )),
                },
                other => errors.push(error(
                    path,
                    format!("unknown key `{other}` in `matching`"),
                    Some(format!("allowed keys: {}", listed(["legal_suffixes"]))),
                )),
            }
        }
    }

    /// The effective settings of a check.
    pub(crate) fn setting(&self, id: &str) -> Option<&CheckSetting> {
        self.checks.iter().find(|c| c.rule.id == id)
    }

    /// Whether a check is enabled (unknown ids are not).
    pub fn is_enabled(&self, id: &str) -> bool {
        self.setting(id).is_some_and(|c| c.enabled)
    }

    /// A check's effective severity.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        self.setting(id).map(|c| c.severity)
    }

    /// The ids of every check, in catalog order.
    pub fn check_ids(&self) -> Vec<&'static str> {
        self.checks.iter().map(|c| c.rule.id).collect()
    }

    fn body(&self) -> Value {
        let mut checks = Map::new();
        for setting in &self.checks {
            let mut entry = Map::new();
            entry.insert("enabled".into(), json!(setting.enabled));
            entry.insert("severity".into(), json!(setting.severity.as_str()));
            if !setting.rule.variants.is_empty() {
                let variants: Map<String, Value> = setting
                    .rule
                    .variants
                    .iter()
                    .map(|(name, _)| {
                        (
                            name.to_string(),
                            json!(setting.variant_severity(name).as_str()),
                        )
                    })
                    .collect();
                entry.insert("variants".into(), Value::Object(variants));
            }
            if !setting.params.is_empty() {
                let params: Map<String, Value> = setting
                    .params
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.to_json()))
                    .collect();
                entry.insert("params".into(), Value::Object(params));
            }
            entry.insert("source".into(), json!(setting.rule.source));
            let summary = CATALOG
                .iter()
                .position(|rule| rule.id == setting.rule.id)
                .map_or("", |at| SUMMARIES[at]);
            entry.insert("summary".into(), json!(summary));
            checks.insert(setting.rule.id.to_string(), Value::Object(entry));
        }
        json!({
            "checks": checks,
            "matching": { "legal_suffixes": self.legal_suffixes },
        })
    }

    /// A stable short hash of the effective policy (FNV-1a 64 of its JSON), for the audit log.
    pub fn revision(&self) -> String {
        self.revision.clone()
    }

    fn sealed(mut self) -> Policy {
        self.revision = self.compute_revision();
        self
    }

    fn compute_revision(&self) -> String {
        let text = self.body().to_string();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{:012x}", hash >> 16)
    }

    /// No check at all, for a build that judges nothing before its policy comes in a
    /// settings pack (`crate::pack`): the content script's.
    pub const fn none() -> Policy {
        Policy {
            checks: Vec::new(),
            legal_suffixes: Vec::new(),
            revision: String::new(),
        }
    }

    /// Writes the effective policy into a settings pack: each check in catalog order as
    /// `[id, enabled, severity, severity set by the organisation, [params in the rule's
    /// order]]`, then the legal suffixes and the revision (`crate::pack`).
    pub(crate) fn write_pack(&self, w: &mut PackWriter) {
        w.open();
        w.list(&self.checks, |w, setting| {
            w.open();
            w.string(setting.rule.id);
            w.bool(setting.enabled);
            w.number(setting.severity as i64);
            w.bool(setting.severity_overridden);
            w.open();
            for (name, _) in setting.rule.params {
                match setting.params.iter().find(|(n, _)| n == name) {
                    Some((_, ParamValue::Number(n))) => w.number(i64::from(*n)),
                    Some((_, ParamValue::Words(words))) => w.strings(words),
                    None => w.null(),
                }
            }
            w.close();
            w.close();
        });
        w.strings(&self.legal_suffixes);
        w.string(&self.revision);
        w.close();
    }

    /// Reads what `write_pack` wrote, keeping the settings of this build's checks: the pack
    /// comes from the worker's build, which has every check, and a content-script module has
    /// its own site's only (`rules::CATALOG`).
    pub(crate) fn read_pack(p: &mut PackReader) -> Policy {
        Policy::read_pack_for(p, CATALOG)
    }

    /// `read_pack` for a build whose checks are `catalog`: the settings of a check not in it
    /// are read and passed over. What is read after an error is not kept (`PackReader`).
    pub(crate) fn read_pack_for(p: &mut PackReader, catalog: &[&'static Rule]) -> Policy {
        let mut checks = Vec::new();
        p.each(&mut |p| {
            if !p.begin() {
                return;
            }
            let mut id = String::new();
            p.text(&mut id);
            // A loop, not `find`: the adapter is a copy of its own in the wasm (issue 8).
            let mut rule = None;
            for &r in catalog {
                if r.id == id {
                    rule = Some(r);
                    break;
                }
            }
            let enabled = p.bool();
            let severity = p.one_of(&[Severity::Info, Severity::Warn, Severity::Block]);
            if severity.is_none() && p.ok() {
                p.invalid("expected a severity");
            }
            let severity_overridden = p.bool();
            match rule {
                None => p.skip(),
                Some(rule) => {
                    let mut params = Vec::with_capacity(rule.params.len());
                    if p.begin() {
                        for (name, default) in rule.params {
                            let value = match default {
                                ParamDefault::Number(_) => {
                                    let n = u32::try_from(p.number()).unwrap_or_else(|_| {
                                        p.invalid("a number out of range");
                                        0
                                    });
                                    ParamValue::Number(n)
                                }
                                ParamDefault::Words(_) => {
                                    let mut words = Vec::new();
                                    p.strings(&mut words);
                                    ParamValue::Words(words)
                                }
                            };
                            params.push((*name, value));
                        }
                        p.end();
                    }
                    if let (true, Some(severity)) = (p.ok(), severity) {
                        checks.push(CheckSetting {
                            rule,
                            enabled,
                            severity,
                            severity_overridden,
                            params,
                        });
                    }
                }
            }
            p.end();
        });
        let mut legal_suffixes = Vec::new();
        p.strings(&mut legal_suffixes);
        let mut revision = String::new();
        p.text(&mut revision);
        Policy {
            checks,
            legal_suffixes,
            revision,
        }
    }

    /// The effective policy, for the options page: revision, every check and `matching`.
    pub fn to_json(&self) -> Value {
        let mut body = self.body();
        if let Some(object) = body.as_object_mut() {
            let mut with_revision = Map::new();
            with_revision.insert("revision".into(), json!(self.revision()));
            with_revision.append(object);
            return Value::Object(with_revision);
        }
        body
    }
}

fn words(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|item| {
            item.as_str()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        })
        .collect()
}

fn merge_params(
    setting: &mut CheckSetting,
    value: &Value,
    base: &str,
    errors: &mut Vec<PolicyError>,
) {
    let id = setting.rule.id;
    let allowed = || {
        if setting_names(setting.rule).is_empty() {
            format!("`{id}` takes no parameters")
        } else {
            format!(
                "parameters of `{id}`: {}",
                listed(setting_names(setting.rule))
            )
        }
    };
    let Some(params) = value.as_object() else {
        errors.push(error(
            base.to_string(),
            "`params` must be an object".into(),
            Some(allowed()),
        ));
        return;
    };
    for (name, value) in params {
        let path = format!("{base}.{name}");
        let Some((_, slot)) = setting.params.iter_mut().find(|(n, _)| n == name) else {
            errors.push(error(
                path,
                format!("unknown parameter `{name}` for check `{id}`"),
                Some(allowed()),
            ));
            continue;
        };
        match slot {
            ParamValue::Number(number) => match value.as_u64().filter(|n| *n <= 366) {
                Some(n) => *number = n as u32,
                None => errors.push(error(
                    path,
                    format!("`{name}` is `{value}`"),
                    Some("a whole number from 0 to 366".to_string()),
                )),
            },
            ParamValue::Words(list) => match words(value) {
                Some(new) if !new.is_empty() => *list = new,
                _ => errors.push(error(
                    path,
                    format!("`{name}` is `{value}`"),
                    Some(
                        "a non-empty list of words, for example `[\"license\", \"seat\"]`"
                            .to_string(),
                    ),
                )),
            },
        }
    }
}

fn setting_names(rule: &Rule) -> Vec<&'static str> {
    rule.params.iter().map(|(name, _)| *name).collect()
}

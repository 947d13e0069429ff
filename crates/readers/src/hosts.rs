//! Where the optional portals live. Pax8, Autotask and IT Glue have fixed hosts; the Mimecast
//! MSP portal and MCAM/MCSM are optional host permissions whose host names are settings (an
//! MSP's MCAM instance has its own name), so the extension registers its content script on
//! exactly the hosts configured here and the readers pick the reader by the same list.

use serde::Serialize;
use serde_json::Value;

/// Hosts the Pax8 reader serves.
pub fn is_pax8(host: &str) -> bool {
    host == "app.pax8.com"
}

/// Hosts the Autotask reader serves: `*.autotask.net` (ww1…ww19, webservices…).
pub fn is_autotask(host: &str) -> bool {
    host == "autotask.net" || host.ends_with(".autotask.net")
}

/// Hosts the IT Glue reader serves: `*.itglue.com` (the MSP's subdomain, eu., au.).
pub fn is_itglue(host: &str) -> bool {
    host == "itglue.com" || host.ends_with(".itglue.com")
}

/// The configurable portals' host patterns: `login-us.mimecast.com` or `*.mimecast.com`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalHosts {
    pub mimecast: Vec<String>,
    pub mcam: Vec<String>,
}

fn default_mimecast() -> Vec<String> {
    vec!["*.mimecast.com".into()]
}

/// The MCAM/MCSM host is not public; this placeholder is the one the fixtures use. An MSP sets
/// its own in the options page.
fn default_mcam() -> Vec<String> {
    vec!["*.mission-control.example".into()]
}

impl Default for PortalHosts {
    fn default() -> Self {
        PortalHosts {
            mimecast: default_mimecast(),
            mcam: default_mcam(),
        }
    }
}

/// The portals whose hosts are settings, as named in settings and messages.
pub const PORTALS: [(&str, &str); 2] =
    [("mimecast", "Mimecast MSP portal"), ("mcam", "MCAM / MCSM")];

impl PortalHosts {
    /// Parses and validates the stored setting (`{"mimecast": [...], "mcam": [...]}`); an
    /// empty text means the defaults. Errors name the portal and the entry.
    pub fn from_json(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        // Read by hand (no serde deserialiser: the content script's wasm loads this too).
        let value = procguard_core::json::parse_value(text)
            .map_err(|e| procguard_core::fill!("host settings: {}", e))?;
        let Value::Object(fields) = value else {
            return Err("host settings: expected an object of portals to host lists".into());
        };
        let mut hosts = PortalHosts::default();
        for (key, list) in fields {
            let slot = match key.as_str() {
                "mimecast" => &mut hosts.mimecast,
                "mcam" => &mut hosts.mcam,
                other => {
                    return Err(procguard_core::fill!(
                        "host settings: unknown field `{}`, expected `mimecast` or `mcam`",
                        other
                    ))
                }
            };
            let entries = match list {
                Value::Array(entries) => entries,
                other => {
                    return Err(procguard_core::fill!(
                        "host settings: `{}` is `{}`, not a list",
                        key,
                        other
                    ))
                }
            };
            *slot = entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| match entry {
                    Value::String(host) => Ok(host),
                    other => Err(procguard_core::fill!(
                        "host settings: {}[{}] is `{}`, not a string",
                        key,
                        i,
                        other
                    )),
                })
                .collect::<Result<_, _>>()?;
        }
        for (key, list) in [("mimecast", &mut hosts.mimecast), ("mcam", &mut hosts.mcam)] {
            for (i, entry) in list.iter_mut().enumerate() {
                *entry = normalise_pattern(entry).map_err(|why| {
                    procguard_core::fill!("host settings: {}[{}] \"{}\": {}", key, i, entry, why)
                })?;
            }
            list.dedup();
        }
        Ok(hosts)
    }

    /// The host patterns of one portal by its settings key.
    pub fn of(&self, portal: &str) -> &[String] {
        match portal {
            "mimecast" => &self.mimecast,
            "mcam" => &self.mcam,
            _ => &[],
        }
    }

    /// The portal (`mimecast`, `mcam`) a host belongs to, if any.
    pub fn portal_of(&self, host: &str) -> Option<&'static str> {
        let host = host.to_ascii_lowercase();
        PORTALS
            .iter()
            .map(|(key, _)| *key)
            .find(|key| self.of(key).iter().any(|p| pattern_matches(p, &host)))
    }
}

/// The match pattern (`https://host/*`) a host pattern stands for, for permissions and
/// content-script registration.
pub fn origin_pattern(host_pattern: &str) -> String {
    procguard_core::fill!("https://{}/*", host_pattern)
}

/// Accepts `host.name`, `*.host.name`, and the same pasted as a URL; lower-cases it.
pub fn normalise_pattern(entry: &str) -> Result<String, &'static str> {
    let mut text = entry.trim().to_ascii_lowercase();
    if let Some((_, rest)) = procguard_core::normalize::split_at_text(&text, "://") {
        text = rest.to_string();
    }
    if let Some(cut) = text.find(['/', '?', '#']) {
        text.truncate(cut);
    }
    let name = text.strip_prefix("*.").unwrap_or(&text);
    if name.is_empty() {
        return Err("is empty");
    }
    if name.contains(['*', ':', '@']) {
        return Err("a host name may only start with \"*.\"; no port, user or other wildcard");
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Err("needs a domain with a dot, like portal.example.com");
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with("-")
            && !l.ends_with("-")
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return Err("is not a host name (letters, digits, hyphens and dots)");
    }
    Ok(text)
}

/// Whether `host` (lower case) matches `pattern` the way a match pattern's host does:
/// `*.x.com` covers `x.com` and every name under it.
pub fn pattern_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(base) => {
            host == base
                || (host.len() > base.len()
                    && host.ends_with(base)
                    && host.as_bytes()[host.len() - base.len() - 1] == b'.')
        }
        None => host == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_mean_the_default_hosts() {
        let hosts = PortalHosts::from_json("").unwrap();
        assert_eq!(hosts.portal_of("login-us.mimecast.com"), Some("mimecast"));
        assert_eq!(
            hosts.portal_of("mcsm.mission-control.example"),
            Some("mcam")
        );
        assert_eq!(hosts.portal_of("app.pax8.com"), None);
    }

    #[test]
    fn a_configured_mcam_host_replaces_the_placeholder() {
        let hosts =
            PortalHosts::from_json(r#"{"mcam": ["https://MCAM.Acme-MSP.com/Users"]}"#).unwrap();
        assert_eq!(hosts.mcam, vec!["mcam.acme-msp.com".to_string()]);
        assert_eq!(hosts.portal_of("mcam.acme-msp.com"), Some("mcam"));
        assert_eq!(hosts.portal_of("mcsm.mission-control.example"), None);
        assert_eq!(
            hosts.mimecast,
            default_mimecast(),
            "the other portal keeps its default"
        );
    }

    #[test]
    fn wildcards_cover_the_domain_and_below_but_not_lookalikes() {
        assert!(pattern_matches("*.mimecast.com", "mimecast.com"));
        assert!(pattern_matches("*.mimecast.com", "login-uk.mimecast.com"));
        assert!(!pattern_matches("*.mimecast.com", "evilmimecast.com"));
        assert!(!pattern_matches(
            "portal.mimecast.com",
            "x.portal.mimecast.com"
        ));
    }

    #[test]
    fn bad_host_entries_are_refused_naming_the_portal_and_entry() {
        for (text, needle) in [
            (r#"{"mcam": ["*"]}"#, "mcam[0]"),
            (
                r#"{"mcam": ["ok.example.com", "a*b.example.com"]}"#,
                "mcam[1]",
            ),
            (r#"{"mimecast": ["localhost"]}"#, "mimecast[0]"),
            (r#"{"mimecast": ["host.example.com:8443"]}"#, "mimecast[0]"),
            (r#"{"mimecast": ["bad_name.example.com"]}"#, "mimecast[0]"),
            (r#"{"autotask": []}"#, "unknown field"),
            (r#"{"mcam": "x.example.com"}"#, "host settings"),
        ] {
            let error = PortalHosts::from_json(text).unwrap_err();
            assert!(error.contains(needle), "{text}: {error}");
        }
    }

    #[test]
    fn origin_patterns_are_https_only() {
        assert_eq!(origin_pattern("*.mimecast.com"), "https://*.mimecast.com/*");
    }
}

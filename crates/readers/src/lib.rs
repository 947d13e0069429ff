//! procguard's page readers. Each site has its own module that finds fields by their visible
//! labels in a snapshot of what the page shows (`dom`), and returns the one typed value the
//! core judges: the page context (`procguard_core::model::Page`), plus where on the page each
//! field was read, so the overlay can put a finding next to it.

// Each site's reader is in a build with its cargo feature (all by default): the content
// script loads a module per site (issue 8), which has only its own site's reader, and the
// core's page kinds of the others are left out with them (`procguard_core::model::Page`).
#[cfg(feature = "autotask")]
pub mod autotask;
pub mod dom;
pub mod hosts;
#[cfg(feature = "itglue")]
pub mod itglue;
pub mod labels;
#[cfg(feature = "mcam")]
pub mod mcam;
#[cfg(feature = "mimecast")]
pub mod mimecast;
#[cfg(feature = "pax8")]
pub mod pax8;
pub mod table;

use procguard_core::model::Page;

pub use dom::{Dom, PatchError, SnapshotError, ValuePatch};
pub use hosts::PortalHosts;

/// What a reader got from a page.
#[derive(Debug, Default, Clone)]
pub struct Reading {
    /// The page as read; `None` until a reader fills it.
    pub page: Option<Page>,
    /// Where each field (`domain`), or item of a list field (`lines` 3), was read.
    pub anchors: Vec<Anchor>,
    /// Elements whose click submits what the checks guard (Checkout, Place Order, Send…).
    pub hold_targets: Vec<u32>,
    /// Those of `hold_targets` that complete the action (Place Order, not Checkout): a click
    /// that goes through on one of them means the order was placed.
    pub final_targets: Vec<u32>,
    /// Fields shown but not readable, collected while reading (moved into the page).
    pub unreadable: Vec<String>,
}

/// Where on the page a field, or one item of a list field, was read: a node while reading,
/// the page's element index once resolved (the overlay puts the field's findings there).
/// Named by the field's static name and the item's number, not a key written as text: a
/// re-read of a 200-line cart wrote 200 keys ("lines[3]") again, and in Chromium allocating
/// was a seventh of an edit's re-read, half of it for these keys and the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub field: &'static str,
    pub index: Option<u32>,
    pub at: u32,
}

impl Reading {
    fn anchor(&mut self, field: &'static str, node: usize) {
        // Node ids are snapshot positions; the overlay needs the element index.
        self.anchors.push(Anchor {
            field,
            index: None,
            at: node as u32,
        });
    }

    /// The anchor of item `index` of a list field (`lines`, `notes`).
    fn anchor_item(&mut self, field: &'static str, index: usize, node: usize) {
        self.anchors.push(Anchor {
            field,
            index: Some(index as u32),
            at: node as u32,
        });
    }

    /// Converts anchors recorded as snapshot positions into page element indexes.
    fn resolve(mut self, dom: &Dom) -> Self {
        for anchor in self.anchors.iter_mut() {
            anchor.at = dom.node(anchor.at as usize).element;
        }
        self
    }

    /// The element index for a finding about `field` (and `index`), falling back to the
    /// field as a whole.
    pub fn anchor_for(&self, field: &str, index: Option<usize>) -> Option<u32> {
        let first = |index: Option<u32>| {
            self.anchors
                .iter()
                .find(|a| a.index == index && a.field == field)
                .map(|a| a.at)
        };
        index
            .and_then(|i| first(Some(i as u32)))
            .or_else(|| first(None))
    }
}

/// The host part of a URL (`https://app.pax8.com/cart` → `app.pax8.com`).
pub fn host_of(url: &str) -> &str {
    let rest = procguard_core::normalize::split_at_text(url, "://").map_or(url, |(_, r)| r);
    let host = procguard_core::normalize::split_at_any(rest, &['/', '?', '#'])[0];
    let host = procguard_core::normalize::last_byte(host, b'@').map_or(host, |at| &host[at + 1..]);
    // Without its port.
    procguard_core::normalize::split_at_any(host, &[':'])[0]
}

/// Whether this build has a portal's reader (Mimecast, MCAM): without one, a module has no
/// use for the portals' hosts (issue 8: each content-script module carries its own site's
/// code only).
const PORTALS_BUILT: bool = cfg!(any(feature = "mimecast", feature = "mcam"));

/// Reads whichever supported page the snapshot is, with the optional portals at their
/// default hosts; `None` for pages procguard does not check.
pub fn read(dom: &Dom) -> Option<Reading> {
    read_with(dom, &PortalHosts::default())
}

/// The site of the page at `url` when this build has no reader for it (see `read_with`): a
/// content-script module loaded on the wrong site says so instead of reading nothing.
pub fn missing_reader(url: &str, portals: &PortalHosts) -> Option<&'static str> {
    let host = host_of(url).to_ascii_lowercase();
    let (site, built) = if hosts::is_pax8(&host) {
        ("Pax8", cfg!(feature = "pax8"))
    } else if hosts::is_autotask(&host) {
        ("Autotask", cfg!(feature = "autotask"))
    } else if hosts::is_itglue(&host) {
        ("IT Glue", cfg!(feature = "itglue"))
    } else if !PORTALS_BUILT {
        // Any other host is a portal's or no site's, and only the portals' readers know
        // which: the content script loads their module there, never this one.
        return None;
    } else {
        match portals.portal_of(&host)? {
            "mimecast" => ("Mimecast", cfg!(feature = "mimecast")),
            _ => ("MCAM", cfg!(feature = "mcam")),
        }
    };
    (!built).then_some(site)
}

/// Reads the page with the optional portals (Mimecast, MCAM) at the configured hosts.
pub fn read_with(dom: &Dom, portals: &PortalHosts) -> Option<Reading> {
    let host = host_of(&dom.url).to_ascii_lowercase();
    // A site whose reader is not in the build reads as no page (see `missing_reader`).
    let site = if hosts::is_pax8(&host) {
        "pax8"
    } else if hosts::is_autotask(&host) {
        "autotask"
    } else if hosts::is_itglue(&host) {
        "itglue"
    } else if PORTALS_BUILT {
        portals.portal_of(&host)?
    } else {
        return None;
    };
    let reading: Reading = match site {
        #[cfg(feature = "pax8")]
        "pax8" => pax8::read(dom),
        #[cfg(feature = "autotask")]
        "autotask" => autotask::read(dom),
        #[cfg(feature = "itglue")]
        "itglue" => itglue::read(dom),
        #[cfg(feature = "mimecast")]
        "mimecast" => mimecast::read(dom),
        #[cfg(feature = "mcam")]
        "mcam" => mcam::read(dom),
        _ => None,
    }?;
    Some(reading.resolve(dom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_with_every_site_has_every_reader() {
        let portals = PortalHosts::default();
        for url in [
            "https://app.pax8.com/cart",
            "https://ww3.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc",
            "https://acme.itglue.com/123/site-summary",
            "https://us-api.mimecast.com/msp",
            "https://example.com/",
        ] {
            assert_eq!(missing_reader(url, &portals), None, "{url}");
        }
    }

    #[test]
    fn host_is_taken_from_a_url() {
        assert_eq!(host_of("https://app.pax8.com/cart?x=1"), "app.pax8.com");
        assert_eq!(
            host_of("https://u:p@ww3.autotask.net:443/Mvc"),
            "ww3.autotask.net"
        );
    }
}

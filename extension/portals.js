// Content scripts on the optional portals (Mimecast MSP portal, MCAM/MCSM). Their hosts are
// settings and optional permissions, so they cannot be listed in the manifest's
// content_scripts (that would make them required at install): the worker registers the
// content script on each configured host the technician allowed, and keeps the registration
// in step with the host settings and the grants. Which host is which portal, and what is
// valid, is decided in Rust (`procguard_readers::hosts`).

/**
 * The content scripts the manifest runs on its own hosts: the portals get the same ones. The
 * package joins them into one file (tools/bundle-content.mjs), the sources are three.
 */
export const scriptFiles = (api) => api.runtime.getManifest().content_scripts[0].js;
const PREFIX = 'portal-';

/** The registrations wanted: one per portal with at least one allowed host. */
async function wantedScripts(api, portals) {
  const wanted = [];
  for (const portal of portals) {
    const matches = [];
    for (const origin of portal.origins) {
      if (await api.permissions.contains({ origins: [origin] })) matches.push(origin);
    }
    if (matches.length) {
      wanted.push({
        id: `${PREFIX}${portal.portal}`, matches: matches.sort(), js: scriptFiles(api),
        runAt: 'document_idle', allFrames: true, persistAcrossSessions: true,
      });
    }
  }
  return wanted;
}

// The files too: a registration kept from a version that named other files is made again.
const key = (scripts) => JSON.stringify(scripts.map((s) => [s.id, [...s.matches].sort(), (s.js ?? []).map((f) => f.replace(/^\//, ''))]).sort());

/**
 * Brings the registered portal scripts in line with `portals` (core.portal_hosts()) and the
 * granted permissions; does nothing when they already are. Returns the registrations and the
 * match patterns that were not registered before.
 */
export async function syncPortalScripts(api, portals) {
  const wanted = await wantedScripts(api, portals);
  const registered = (await api.scripting.getRegisteredContentScripts())
    .filter((s) => s.id.startsWith(PREFIX));
  if (key(registered) === key(wanted)) return { scripts: wanted, added: [] };
  if (registered.length) await api.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (wanted.length) await api.scripting.registerContentScripts(wanted);
  const before = new Set(registered.flatMap((s) => s.matches));
  return { scripts: wanted, added: wanted.flatMap((s) => s.matches).filter((m) => !before.has(m)) };
}

/**
 * A portal tab that was open when its host was allowed starts being checked at once, without a
 * reload (the content script keeps to one live copy per page).
 */
export async function injectIntoOpenTabs(api, origins) {
  if (!origins.length) return;
  const tabs = await api.tabs.query({ url: origins });
  await Promise.all(tabs.map((tab) => api.scripting.executeScript({
    target: { tabId: tab.id, allFrames: true }, files: scriptFiles(api),
  }).catch(() => { /* the tab navigated away or is not ours to script */ })));
}

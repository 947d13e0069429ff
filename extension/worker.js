// procguard service worker. It keeps the latest result of each tab (for the popup and the
// test harness, out of the page's reach), appends to the audit log, and runs the Rust core
// for content scripts on pages whose CSP blocks wasm ("worker" mode).
// No top-level await: a module service worker that awaits at the top misses its first messages.
import init, * as core from './pkg/procguard_wasm.js';
import { SETTING_KEYS, applySettings, readSettings, sameSettings, settingsChanged } from './settings.js';
import { injectIntoOpenTabs, syncPortalScripts } from './portals.js';

const api = globalThis.chrome;
const AUDIT_LIMIT = 5000;

let ready = null;
function engine() {
  if (!ready) {
    ready = (async () => {
      await init({ module_or_path: api.runtime.getURL('pkg/procguard_wasm_bg.wasm') });
      await migrateStoredDirectory();
      await syncSettings();
    })().catch((error) => { ready = null; throw error; });
  }
  return ready;
}

/**
 * Loads the stored settings into the core unless it has them already. The content scripts
 * get theirs from here (`settings-pack`): a content script can ask right after a change,
 * before this worker's own storage.onChanged has run, so the request reads storage again
 * rather than trusting the last load. One load at a time.
 */
let loadedSettings = null;
let settingsPack = null; // the content scripts' pack of what is loaded, written once per load
let settingsSync = Promise.resolve();
function syncSettings() {
  const next = settingsSync.then(async () => {
    const settings = await readSettings(api);
    if (loadedSettings && sameSettings(settings, loadedSettings)) return;
    settingsPack = null; // even if the load stops halfway, what is loaded has changed
    applySettings(core, settings);
    loadedSettings = settings;
  });
  settingsSync = next.catch(() => {});
  return next;
}

/**
 * A directory stored by an older version is brought to the current format on start. The old
 * text is kept as `directory_backup` until the migrated one is stored and loads, so a failure midway
 * loses nothing.
 */
async function migrateStoredDirectory() {
  const { directory } = await api.storage.local.get('directory');
  if (!directory) return;
  const answer = JSON.parse(core.migrate_directory(directory));
  if (answer.status !== 'migrated') return;
  await api.storage.local.set({ directory_backup: directory });
  await api.storage.local.set({ directory: answer.text });
  core.load_directory(answer.text); // throws if it does not load: the backup then stays
  await api.storage.local.remove('directory_backup');
}

// Portal registrations change one at a time (a grant and a host edit can arrive together).
// A host that becomes both configured and allowed starts being checked in the tabs already
// open on it, without a reload.
let portalSync = Promise.resolve({ scripts: [], added: [] });
function syncPortals() {
  portalSync = portalSync.then(() => engine())
    .then(() => syncPortalScripts(api, JSON.parse(core.portal_hosts())))
    .then(async (sync) => {
      await injectIntoOpenTabs(api, sync.added).catch(() => {});
      return sync;
    })
    .catch(() => ({ scripts: [], added: [] }));
  return portalSync;
}

// Start at once (not awaited: a module worker must not block its first messages), so an
// older stored directory is migrated before any page asks, and the portal scripts match the
// settings and grants (an edit of Preferences or a policy can change them while it slept).
engine().catch(() => {});
syncPortals();

api.storage.onChanged.addListener((changes, area) => {
  if (!settingsChanged(changes, area) || !ready) return;
  ready.then(() => syncSettings()).then(() => {
    if ('portal_hosts' in changes) syncPortals();
  }).catch(() => {});
});

// Allowing a portal host in the options page (or in the browser's own site settings)
// registers the content script there; removing the access unregisters it.
api.permissions.onAdded.addListener(() => { syncPortals(); });
api.permissions.onRemoved.addListener(() => { syncPortals(); });

// Reports of one tab are stored one after the other, in the order they came: two stored side
// by side would each read the history before the other wrote it (one lost), and the older
// result could be written last.
const storing = new Map();
function storeResult(sender, message) {
  const tabId = sender.tab?.id ?? -1;
  const next = (storing.get(tabId) || Promise.resolve())
    .then(() => storeResultNow(sender, message))
    .finally(() => { if (storing.get(tabId) === next) storing.delete(tabId); });
  storing.set(tabId, next);
  return next;
}

async function storeResultNow(sender, message) {
  const tabId = sender.tab?.id ?? -1;
  const key = `result:${tabId}`;
  const entry = {
    at: new Date().toISOString(),
    mode: message.mode,
    url: message.url,
    frame_id: sender.frameId ?? 0,
    timings: message.timings,
    result: message.result,
  };
  // A short history of timings per tab, for the performance tests and the benchmark.
  const timingsKey = `timings:${tabId}`;
  const { [timingsKey]: history = [] } = await api.storage.session.get(timingsKey);
  if (message.timings) history.push({ ...message.timings, mode: message.mode });
  while (history.length > 200) history.shift();
  await api.storage.session.set({ [key]: entry, [timingsKey]: history });
}

// The popup asks to show a finding on its page: relay it to the frame that reported it.
// (Session storage stays closed to content scripts, so the worker carries the request.)
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'session') return;
  for (const [key, change] of Object.entries(changes)) {
    if (!key.startsWith('reveal:') || !change.newValue) continue;
    const tabId = Number(key.slice('reveal:'.length));
    (async () => {
      const { [`result:${tabId}`]: entry } = await api.storage.session.get(`result:${tabId}`);
      const request = { type: 'reveal', ...change.newValue };
      await api.tabs.sendMessage(tabId, request, { frameId: entry?.frame_id ?? 0 });
    })().catch(() => { /* the tab went away */ });
  }
});

/**
 * Where the core keeps a frame's snapshot between its reads ("worker" mode). The core keeps a
 * few at most; the worker's memory of which are whose goes with it when it stops, as do they.
 */
const slotsOfTab = new Map();
function slotOf(sender) {
  const tabId = sender.tab?.id ?? -1;
  const slot = `${tabId}:${sender.frameId ?? 0}`;
  if (!slotsOfTab.has(tabId)) slotsOfTab.set(tabId, new Set());
  slotsOfTab.get(tabId).add(slot);
  return slot;
}

// A closed tab's result is of no use to anyone, nor are its kept snapshots.
api.tabs.onRemoved.addListener((tabId) => {
  api.storage.session.remove([`result:${tabId}`, `timings:${tabId}`]);
  for (const slot of slotsOfTab.get(tabId) || []) core.forget_slot(slot);
  slotsOfTab.delete(tabId);
});

async function appendAudit(sender, record) {
  const { user } = await api.storage.local.get('user');
  let who = null;
  try { who = user ? JSON.parse(user) : null; } catch (_) { who = null; }
  const { audit = [] } = await api.storage.local.get('audit');
  audit.push({ ...record, user: who, tab_url: sender.tab?.url || record.url });
  while (audit.length > AUDIT_LIMIT) audit.shift();
  await api.storage.local.set({ audit });
  return { ok: true, count: audit.length };
}

const TEACHING_PAGES = new Set(['autotask-account', 'itglue-site-summary']);

/** Keeps new facts (a JSON array) with the stored ones; one write. */
async function storeFacts(factsJson) {
  const { learned = '' } = await api.storage.local.get('learned');
  const merged = JSON.parse(core.merge_learned(learned, factsJson));
  if (merged.changed) await api.storage.local.set({ learned: JSON.stringify(merged.facts) });
  return merged;
}

/** A page that teaches the directory (Autotask company page, IT Glue Site Summary). */
async function learnFrom(message) {
  const page = message.result?.page;
  if (!page || !TEACHING_PAGES.has(page.kind)) return;
  await engine();
  const facts = core.learn_from_page(JSON.stringify(page), new Date().toISOString(), message.url || '');
  if (facts.startsWith('[') && facts !== '[]') await storeFacts(facts);
}

async function handle(message, sender) {
  switch (message?.type) {
    case 'check': {
      await engine();
      return JSON.parse(core.check_snapshot_in(slotOf(sender), message.snapshot, ''));
    }
    case 'patch': {
      // Only values changed: the core re-reads the snapshot it kept for this frame. A worker
      // that restarted since answers `stale`, and the page sends a whole snapshot.
      await engine();
      return JSON.parse(core.check_patch(slotOf(sender), message.patch, ''));
    }
    case 'settings-pack': {
      // What the content script's core judges with: the directory with what pages taught
      // applied, the layered policy, the technician and the portals' hosts, in the positional
      // form its small reader takes (procguard_core::pack).
      await engine();
      await syncSettings();
      settingsPack ??= core.settings_pack();
      // The keys too: which storage changes the content script must ask again for.
      return { pack: settingsPack, keys: SETTING_KEYS };
    }
    case 'report':
      await storeResult(sender, message);
      await learnFrom(message);
      return { ok: true };
    case 'order-placed': {
      await engine();
      const facts = core.orders_placed(JSON.stringify(message.page), new Date().toISOString());
      if (facts.startsWith('[') && facts !== '[]') await storeFacts(facts);
      return { ok: true };
    }
    case 'order-intent': {
      await engine();
      const answer = JSON.parse(core.order_intent(message.account || '', message.ticket || '',
        message.product || '', String(message.quantity ?? ''), message.term || '', new Date().toISOString()));
      if (answer.error) return { error: answer.error };
      await storeFacts(JSON.stringify([answer.fact]));
      return { ok: true, fact: answer.fact };
    }
    case 'audit':
      return appendAudit(sender, message.record);
    default:
      return { error: `unknown message type \`${message?.type}\`` };
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  handle(message, sender).then(sendResponse, (error) => sendResponse({ error: String(error?.message || error) }));
  return true; // answer asynchronously
});

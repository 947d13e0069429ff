// What the extension knows, loaded into a procguard core (the wasm module) the same way in
// the service worker, the popup and the options page: the imported directory with what
// pages taught applied over it, the organisation's policy over the local one key by key,
// and the technician. The content script's core gets them from the worker, already
// applied, as one settings pack (worker.js `settings-pack`), and `SETTING_KEYS` with it.

/** The storage keys whose change means the core must be loaded again. */
export const SETTING_KEYS = ['directory', 'policy', 'user', 'learned', 'directory_imported_at', 'portal_hosts'];

/** Reads the settings from local storage, with managed (organisation) storage beside it. */
export async function readSettings(api) {
  const stored = await api.storage.local.get(SETTING_KEYS);
  let managed = {};
  try { managed = await api.storage.managed.get(['policy', 'directory', 'portal_hosts']); } catch (_) { /* no managed storage */ }
  return {
    directory: stored.directory || managed.directory || '',
    localPolicy: stored.policy || '',
    managedPolicy: managed.policy || '',
    user: stored.user || '',
    learned: stored.learned || '',
    importedAt: stored.directory_imported_at || '',
    // Where the Mimecast and MCAM portals are: the organisation's setting wins as a whole.
    portalHosts: managed.portal_hosts || stored.portal_hosts || '',
  };
}

/** Loads the settings into `core`; an invalid stored value leaves the previous one loaded. */
export function applySettings(core, settings) {
  if (settings.directory) core.load_directory(settings.directory);
  core.load_learned(settings.learned, settings.importedAt);
  const layered = JSON.parse(core.merge_policy_overrides(settings.localPolicy, settings.managedPolicy));
  if (layered.ok) core.load_policy(layered.overrides); // a JSON text, empty for defaults
  if (settings.user) core.set_user(settings.user);
  try {
    core.load_portal_hosts(settings.portalHosts);
  } catch (_) { /* refused when saved; an invalid stored value keeps what was loaded */ }
}

/** Whether two reads of the settings are the same (each is a stored text). */
export function sameSettings(a, b) {
  return Object.keys(a).every((key) => a[key] === b[key]);
}

/** Whether a storage change touches the settings. */
export function settingsChanged(changes, area) {
  return (area === 'local' || area === 'managed') && SETTING_KEYS.some((key) => key in changes);
}

export async function loadSettings(core, api) {
  const settings = await readSettings(api);
  applySettings(core, settings);
  return settings;
}

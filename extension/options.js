// procguard options: who the technician is; the directory import (validated by the Rust core
// before anything is stored, applied in one write) and export; the policy per check (local
// overrides under the organisation's from chrome.storage.managed, validated by the core as
// typed); the audit log (filtered and written as CSV by the core); the optional hosts.
// Everything shown from data is set with textContent.
import init, * as core from './pkg/procguard_wasm.js';

const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
// chrome.storage.local holds 10 MB in all (directory, policy, audit log): a directory may
// take at most this much of it.
const DIRECTORY_LIMIT = 8 * 1024 * 1024;
const AUDIT_ROWS_SHOWN = 500;
let pending = null; // validated text waiting for "Apply"

function say(node, text, kind) {
  node.textContent = text;
  node.className = kind || '';
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const day = () => new Date().toLocaleDateString('en-CA'); // YYYY-MM-DD, local

async function managedSettings() {
  try { return await api.storage.managed.get(['policy', 'directory']); } catch (_) { return {}; }
}

// ---- Directory ----------------------------------------------------------------------------

async function showCurrent() {
  const { directory } = await api.storage.local.get('directory');
  if (!directory) {
    const managed = await managedSettings();
    if (managed.directory) {
      const summary = JSON.parse(core.preview_import('', managed.directory));
      say($('dir-current'), summary.ok ? `Using your organisation's directory: ${summary.customers} customers. An import here takes its place.` : 'Your organisation\'s directory is not valid.', summary.ok ? 'hint' : 'error');
      return;
    }
    say($('dir-current'), 'No directory imported yet.', 'hint');
    return;
  }
  const summary = JSON.parse(core.preview_import('', directory));
  say($('dir-current'), summary.ok ? `Stored directory: ${summary.customers} customers.` : 'The stored directory is not valid.', summary.ok ? 'hint' : 'error');
}

function resetImport() {
  pending = null;
  $('dir-apply').disabled = true;
  $('dir-cancel').disabled = true;
}

async function onFile(file) {
  resetImport();
  const preview = $('dir-preview');
  if (!file) return;
  // The last file's verdict must not stand while this one is read: a stale
  // "valid" beside a new, broken file would invite a wrong Apply.
  say(preview, `Reading ${file.name}…`, 'hint');
  if (file.size > DIRECTORY_LIMIT) {
    say(preview, `${file.name}: ${(file.size / 1048576).toFixed(1)} MB is larger than the ${DIRECTORY_LIMIT / 1048576} MB a directory may be (the browser keeps 10 MB for procguard in all). Nothing was changed.`, 'error');
    return;
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch (_) {
    say(preview, `${file.name}: not UTF-8 text. Save it as UTF-8 JSON and try again. Nothing was changed.`, 'error');
    return;
  }
  const { directory: current = '' } = await api.storage.local.get('directory');
  const result = JSON.parse(core.preview_import(current, text));
  if (!result.ok) {
    const e = result.error;
    say(preview, `${file.name}: line ${e.line}, column ${e.column}${e.path ? `, at \`${e.path}\`` : ''}: ${e.message}${e.help ? `\nhelp: ${e.help}` : ''}\nNothing was changed.`, 'error');
    return;
  }
  pending = text;
  const parts = [`${file.name} is valid: ${result.customers} customers.`,
    `Added: ${result.added.length ? result.added.join(', ') : 'none'}.`,
    `Changed: ${result.changed.length ? result.changed.join(', ') : 'none'}.`,
    `Removed: ${result.removed.length ? result.removed.join(', ') : 'none'}.`];
  say(preview, parts.join(' '), 'ok');
  $('dir-apply').disabled = false;
  $('dir-cancel').disabled = false;
}

async function apply() {
  if (!pending) return;
  const text = pending;
  resetImport();
  try {
    // One write: the stored directory is either the old one or the new one, never a mix.
    // The import time lets a newer import settle conflicts with what pages taught earlier.
    await api.storage.local.set({ directory: text, directory_imported_at: new Date().toISOString() });
  } catch (error) {
    say($('dir-preview'), `The browser refused to store the directory: ${error.message}. Nothing was changed.`, 'error');
    return;
  }
  say($('dir-preview'), 'Imported.', 'ok');
  await showCurrent();
}

async function exportDirectory() {
  const { directory } = await api.storage.local.get('directory');
  const text = directory || (await managedSettings()).directory;
  if (!text) { say($('dir-preview'), 'Nothing to export: no directory imported yet.', 'error'); return; }
  // Exported as stored: the imported text, byte for byte, unknown fields included.
  download(`procguard-directory-${day()}.json`, text, 'application/json');
}

// ---- You ------------------------------------------------------------------------------

async function loadUser() {
  const { user } = await api.storage.local.get('user');
  if (!user) return;
  try {
    const parsed = JSON.parse(user);
    $('user-name').value = parsed.name || '';
    $('user-email').value = parsed.email || '';
  } catch (_) { /* ignore a bad stored value; saving replaces it */ }
}

async function saveUser() {
  const user = { name: $('user-name').value.trim(), email: $('user-email').value.trim() };
  await api.storage.local.set({ user: JSON.stringify(user) });
  say($('user-status'), 'Saved.', 'ok');
}

// ---- Policy -----------------------------------------------------------------------------

let policy = { view: null, controls: [], saved: '' };

const pathOf = (id, kind, name) => (kind === 'param' ? `checks["${id}"].params.${name}` : `checks["${id}"].${kind}`);

async function loadPolicy() {
  const { policy: local = '' } = await api.storage.local.get('policy');
  const managed = (await managedSettings()).policy || '';
  policy.view = JSON.parse(core.policy_view(local, managed));
  policy.saved = local;
  renderPolicy(managed);
}

function paramValue(control) {
  const raw = control.el.value;
  if (control.type === 'number') return /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  return raw.split(',').map((w) => w.trim()).filter(Boolean);
}

function renderPolicy(managed) {
  const { view } = policy;
  const status = $('policy-status');
  const org = view.organisation?.checks || {};
  $('policy-org').hidden = !view.organisation;
  $('policy-org-json').textContent = view.organisation ? JSON.stringify(view.organisation, null, 2) : '';
  if (!view.ok) {
    const where = view.layer === 'organisation' ? 'Your organisation\'s policy' : 'The stored policy';
    say(status, `${where} is not valid; the defaults are shown.\n${view.errors.map((e) => e.text).join('\n')}`, 'error');
  } else {
    say(status, '', '');
  }
  $('policy-revision').textContent = view.revision ? `revision ${view.revision}` : '';
  const effective = view.ok ? view.effective : view.defaults;
  const body = $('policy-table').tBodies[0];
  body.replaceChildren();
  policy.controls = [];
  Object.entries(effective.checks).forEach(([id, check], n) => {
    const locked = org[id] || {};
    const tr = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.id = `chk-${n}`;
    th.append(el('code', id), el('span', check.summary, 'hint summary'));
    tr.append(th);

    const on = el('td');
    const box = el('input');
    box.type = 'checkbox';
    box.id = `p${n}-enabled`;
    box.checked = check.enabled;
    box.setAttribute('aria-label', `${id}: on`);
    on.append(box);
    tr.append(on);

    const sev = el('td');
    const select = el('select');
    select.id = `p${n}-severity`;
    select.setAttribute('aria-label', `${id}: severity`);
    for (const s of ['block', 'warn', 'info']) {
      const option = el('option', s);
      option.value = s;
      select.append(option);
    }
    select.value = check.severity;
    sev.append(select);
    if (check.variants) {
      sev.append(el('span', `variants: ${Object.entries(check.variants).map(([k, v]) => `${k} ${v}`).join(', ')}`, 'hint small'));
    }
    tr.append(sev);

    const params = el('td');
    const add = (kind, node, extra = {}) => {
      const isLocked = kind === 'param' ? Boolean(locked.params && extra.name in locked.params) : kind in locked;
      const error = el('span', '', 'field-error');
      error.id = `${node.id}-err`;
      node.setAttribute('aria-describedby', error.id);
      node.disabled = isLocked;
      if (isLocked) node.title = 'Set by your organisation';
      node.parentElement.append(error);
      policy.controls.push({ id, kind, el: node, error, locked: isLocked, path: pathOf(id, kind, extra.name), ...extra });
    };
    add('enabled', box);
    add('severity', select);
    for (const [name, value] of Object.entries(check.params || {})) {
      const wrap = el('div', null, 'param-row');
      const input = el('input');
      input.type = 'text';
      input.className = 'param';
      input.id = `p${n}-param-${name}`;
      const type = Array.isArray(value) ? 'words' : 'number';
      input.value = type === 'words' ? value.join(', ') : String(value);
      if (type === 'number') input.inputMode = 'numeric';
      const label = el('label', type === 'words' ? `${name} (comma-separated)` : name);
      label.htmlFor = input.id;
      wrap.append(label, input);
      params.append(wrap);
      add('param', input, { name, type });
    }
    tr.append(params);
    if (Object.keys(locked).length) tr.className = 'locked';
    body.append(tr);
  });
  body.append(matchingRow(effective, view.organisation?.matching || {}));
  onPolicyInput();
}

/** Customer name matching (rule 3): the legal suffixes ignored at the end of a name. */
function matchingRow(effective, locked) {
  const tr = el('tr');
  const th = el('th');
  th.scope = 'row';
  th.append(el('code', 'matching'), el('span', 'customer names match ignoring case, punctuation, spacing and these legal suffixes', 'hint summary'));
  const params = el('td');
  params.colSpan = 3;
  const wrap = el('div', null, 'param-row');
  const input = el('input');
  input.type = 'text';
  input.className = 'param';
  input.id = 'matching-legal_suffixes';
  input.value = (effective.matching?.legal_suffixes || []).join(', ');
  const label = el('label', 'legal_suffixes (comma-separated)');
  label.htmlFor = input.id;
  const error = el('span', '', 'field-error');
  error.id = `${input.id}-err`;
  input.setAttribute('aria-describedby', error.id);
  const isLocked = 'legal_suffixes' in locked;
  input.disabled = isLocked;
  if (isLocked) { input.title = 'Set by your organisation'; tr.className = 'locked'; }
  wrap.append(label, input, error);
  params.append(wrap);
  tr.append(th, params);
  policy.controls.push({ id: 'matching', kind: 'matching', name: 'legal_suffixes', type: 'words', el: input, error, locked: isLocked, path: 'matching.legal_suffixes' });
  return tr;
}

/** The local overrides the form stands for: only what differs from the defaults, and never
 *  what the organisation sets. */
function formOverrides() {
  const defaults = policy.view.defaults.checks;
  const checks = {};
  let matching = null;
  for (const c of policy.controls) {
    if (c.locked) continue;
    if (c.kind === 'matching') {
      const value = paramValue(c);
      if (JSON.stringify(value) !== JSON.stringify(policy.view.defaults.matching.legal_suffixes)) matching = { legal_suffixes: value };
      continue;
    }
    const def = defaults[c.id];
    let value;
    let base;
    if (c.kind === 'enabled') { value = c.el.checked; base = def.enabled; }
    else if (c.kind === 'severity') { value = c.el.value; base = def.severity; }
    else { value = paramValue(c); base = def.params[c.name]; }
    if (JSON.stringify(value) === JSON.stringify(base)) continue;
    const entry = (checks[c.id] ||= {});
    if (c.kind === 'param') (entry.params ||= {})[c.name] = value;
    else entry[c.kind] = value;
  }
  const out = {};
  if (Object.keys(checks).length) out.checks = checks;
  if (matching) out.matching = matching;
  return Object.keys(out).length ? JSON.stringify(out) : '';
}

function onPolicyInput() {
  const text = formOverrides();
  const result = JSON.parse(core.validate_policy(text));
  for (const c of policy.controls) {
    c.error.textContent = '';
    c.el.removeAttribute('aria-invalid');
  }
  const status = $('policy-status');
  if (!result.ok) {
    for (const e of result.errors) {
      const control = policy.controls.find((c) => c.path === e.path);
      if (control) {
        control.error.textContent = `${e.message}${e.help ? ` (${e.help})` : ''}`;
        control.el.setAttribute('aria-invalid', 'true');
      }
    }
    say(status, `Not saved: ${result.errors.map((e) => e.text).join('; ')}`, 'error');
    $('policy-save').disabled = true;
    return;
  }
  const changed = text !== policy.saved;
  $('policy-save').disabled = !changed;
  if (changed) say(status, 'Unsaved changes.', 'hint');
  else if (status.className !== 'error' && status.className !== 'ok') say(status, '', '');
}

async function savePolicy() {
  const text = formOverrides();
  const result = JSON.parse(core.validate_policy(text));
  if (!result.ok) { onPolicyInput(); return; }
  if (text) await api.storage.local.set({ policy: text });
  else await api.storage.local.remove('policy');
  await loadPolicy();
  say($('policy-status'), 'Saved. Open pages are checked again with it.', 'ok');
}

async function resetPolicy() {
  await api.storage.local.remove('policy');
  await loadPolicy();
  say($('policy-status'), policy.view.organisation ? 'Reset to defaults; your organisation\'s settings still apply.' : 'Reset to defaults.', 'ok');
}

// ---- Audit log --------------------------------------------------------------------------

let auditRecords = [];

function auditFilter() {
  return JSON.stringify({ customer: $('audit-customer').value, from: $('audit-from').value, to: $('audit-to').value });
}

async function loadAudit() {
  ({ audit: auditRecords = [] } = await api.storage.local.get('audit'));
  renderAudit();
}

function renderAudit() {
  const view = JSON.parse(core.audit_view(JSON.stringify(auditRecords), auditFilter()));
  const status = $('audit-status');
  const body = $('audit-table').tBodies[0];
  body.replaceChildren();
  if (!view.ok) { say(status, view.error, 'error'); return; }
  const list = $('audit-customers');
  list.replaceChildren(...view.customers.map((c) => { const o = el('option'); o.value = c; return o; }));
  for (const row of view.rows.slice(0, AUDIT_ROWS_SHOWN)) {
    const tr = el('tr');
    const when = el('td');
    const time = el('time', row.local || row.at);
    time.dateTime = row.at;
    when.append(time);
    const user = [row.user_name, row.user_email && `<${row.user_email}>`].filter(Boolean).join(' ');
    tr.append(when, el('td', row.action), el('td', row.customer), el('td', row.page_kind),
      el('td', row.finding_ids.join(' ')), el('td', row.reason), el('td', user));
    tr.dataset.action = row.action;
    body.append(tr);
  }
  const shown = Math.min(view.rows.length, AUDIT_ROWS_SHOWN);
  say(status, `${view.rows.length} of ${view.total} records${shown < view.rows.length ? `; the newest ${shown} are shown, the CSV has all` : ''}.`, 'hint');
}

function exportAudit() {
  const csv = core.audit_csv(JSON.stringify(auditRecords), auditFilter());
  download(`procguard-audit-${day()}.csv`, csv, 'text/csv;charset=utf-8');
}

// ---- Portals on optional hosts -----------------------------------------------------------
// The Mimecast MSP portal and MCAM/MCSM: where they are (host names, a setting; Rust validates
// and normalises them) and whether procguard may run there (optional host permissions, which
// the browser asks the technician to confirm). The worker registers the content script on
// the hosts both configured and allowed.

let portals = { list: [], managed: false };

async function loadPortals() {
  const { portal_hosts: local = '' } = await api.storage.local.get('portal_hosts');
  let managed = '';
  try { managed = (await api.storage.managed.get('portal_hosts')).portal_hosts || ''; } catch (_) { managed = ''; }
  let answer = JSON.parse(core.validate_portal_hosts(managed || local));
  if (!answer.ok) answer = JSON.parse(core.validate_portal_hosts('')); // stored text no longer valid: defaults
  portals = { list: answer.portals, managed: Boolean(managed) };
  await renderHosts();
}

/** The host names typed for each portal, as the setting's JSON text. */
function typedHosts() {
  const out = {};
  for (const portal of portals.list) {
    out[portal.portal] = $(`hosts-${portal.portal}`).value.split(/[\s,]+/).filter(Boolean);
  }
  return JSON.stringify(out);
}

async function saveHosts(status) {
  const text = typedHosts();
  const answer = JSON.parse(core.validate_portal_hosts(text));
  if (!answer.ok) {
    say(status, `Not saved: ${answer.error}. The host names in use are unchanged.`, 'error');
    return;
  }
  await api.storage.local.set({ portal_hosts: text });
  await loadPortals();
  say($('hosts-status'), 'Saved. Allow procguard on any host not allowed yet.', 'ok');
}

let hostsRender = 0;
async function renderHosts() {
  // Renders can overlap (a save, its storage change, a grant): the newest one alone is shown.
  const mine = ++hostsRender;
  const items = [];
  for (const portal of portals.list) {
    const li = el('li', null, 'portal');
    const inputId = `hosts-${portal.portal}`;
    const label = el('label', `${portal.name}: host names`, 'host-name');
    label.htmlFor = inputId;
    const input = el('input');
    input.id = inputId;
    input.value = portal.hosts.join(', ');
    input.size = 48;
    input.spellcheck = false;
    input.disabled = portals.managed;
    input.setAttribute('aria-describedby', 'hosts-help');
    const granted = [];
    const states = el('ul', null, 'plain');
    for (const origin of portal.origins) {
      const allowed = await api.permissions.contains({ origins: [origin] });
      if (allowed) granted.push(origin);
      const item = el('li', null, 'row');
      item.append(el('code', origin), el('span', allowed ? 'allowed' : 'not allowed', allowed ? 'ok' : 'hint'));
      states.append(item);
    }
    const missing = portal.origins.filter((o) => !granted.includes(o));
    const allow = el('button', missing.length ? `Allow procguard on ${portal.name}` : `Remove access to ${portal.name}`, missing.length ? '' : 'quiet');
    allow.type = 'button';
    allow.dataset.origins = (missing.length ? missing : granted).join(' ');
    allow.addEventListener('click', () => {
      // The permission prompt needs the click's user gesture: request before any await.
      const asked = missing.length ? api.permissions.request({ origins: missing }) : api.permissions.remove({ origins: granted });
      asked.then(renderHosts, (error) => say($('hosts-status'), String(error?.message || error), 'error'));
    });
    const row = el('div', null, 'row');
    row.append(label, input);
    if (!portals.managed) {
      const save = el('button', 'Save host names', 'quiet');
      save.type = 'button';
      save.addEventListener('click', () => saveHosts($('hosts-status')));
      row.append(save);
    }
    li.append(row, states, allow);
    items.push(li);
  }
  if (mine !== hostsRender) return;
  $('hosts').replaceChildren(...items);
  if (portals.managed) say($('hosts-status'), 'Your organisation sets these host names.', 'hint');
}

// ---------------------------------------------------------------------------------------

async function main() {
  await init({ module_or_path: './pkg/procguard_wasm_bg.wasm' });
  $('dir-file').addEventListener('change', (e) => onFile(e.target.files[0]));
  $('dir-apply').addEventListener('click', apply);
  $('dir-cancel').addEventListener('click', () => { resetImport(); $('dir-file').value = ''; say($('dir-preview'), 'Cancelled. Nothing was changed.', 'hint'); });
  $('dir-export').addEventListener('click', exportDirectory);
  $('user-save').addEventListener('click', saveUser);
  $('policy-table').addEventListener('input', onPolicyInput);
  $('policy-table').addEventListener('change', onPolicyInput);
  $('policy-save').addEventListener('click', savePolicy);
  $('policy-reset').addEventListener('click', resetPolicy);
  for (const id of ['audit-customer', 'audit-from', 'audit-to']) $(id).addEventListener('input', renderAudit);
  $('audit-export').addEventListener('click', exportAudit);
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'audit' in changes) loadAudit();
    if (area === 'managed') { loadPolicy(); showCurrent(); loadPortals(); }
    if (area === 'local' && 'portal_hosts' in changes) loadPortals();
  });
  api.permissions.onAdded?.addListener(renderHosts);
  api.permissions.onRemoved?.addListener(renderHosts);
  await Promise.all([showCurrent(), loadUser(), loadPolicy(), loadAudit(), loadPortals()]);
  document.body.dataset.ready = 'true';
}

main();

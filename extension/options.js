// procguard options: the directory import (validated by the Rust core before anything is
// stored, applied in one write) and export, and who the technician is.
import init, * as core from './pkg/procguard_wasm.js';

const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
let pending = null; // validated text waiting for "Apply"

function say(node, text, kind) {
  node.textContent = text;
  node.className = kind || '';
}

async function showCurrent() {
  const { directory } = await api.storage.local.get('directory');
  if (!directory) { say($('dir-current'), 'No directory imported yet.', 'hint'); return; }
  const summary = JSON.parse(core.preview_import('', directory));
  say($('dir-current'), summary.ok ? `Stored directory: ${summary.customers} customers.` : 'The stored directory is not valid.', summary.ok ? 'hint' : 'error');
}

async function onFile(file) {
  pending = null;
  $('dir-apply').disabled = true;
  $('dir-cancel').disabled = true;
  const preview = $('dir-preview');
  if (!file) return;
  if (file.size > 25 * 1024 * 1024) {
    say(preview, `${file.name}: ${(file.size / 1048576).toFixed(1)} MB is larger than the 25 MB a directory may be. Nothing was changed.`, 'error');
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
  // One write: the stored directory is either the old one or the new one, never a mix.
  await api.storage.local.set({ directory: pending });
  pending = null;
  $('dir-apply').disabled = true;
  $('dir-cancel').disabled = true;
  say($('dir-preview'), 'Imported.', 'ok');
  await showCurrent();
}

async function exportDirectory() {
  const { directory } = await api.storage.local.get('directory');
  if (!directory) { say($('dir-preview'), 'Nothing to export: no directory imported yet.', 'error'); return; }
  // Exported as stored: the imported text, unknown fields included.
  const url = URL.createObjectURL(new Blob([directory], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `procguard-directory-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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

async function main() {
  await init({ module_or_path: './pkg/procguard_wasm_bg.wasm' });
  $('dir-file').addEventListener('change', (e) => onFile(e.target.files[0]));
  $('dir-apply').addEventListener('click', apply);
  $('dir-cancel').addEventListener('click', () => { pending = null; $('dir-file').value = ''; say($('dir-preview'), 'Cancelled. Nothing was changed.', 'hint'); $('dir-apply').disabled = true; $('dir-cancel').disabled = true; });
  $('dir-export').addEventListener('click', exportDirectory);
  $('user-save').addEventListener('click', saveUser);
  await Promise.all([showCurrent(), loadUser()]);
  document.body.dataset.ready = 'true';
}

main();

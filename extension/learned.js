// Options page, "Learned from pages": the facts procguard learned and the conflicts with the
// import, each settled by an explicit choice stored on the fact.
import init, * as core from './pkg/procguard_wasm.js';

const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function describe(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if ('plan' in value) return `${value.plan} (from ${value.source || '?'}, as of ${value.as_of || '?'})`;
  if ('authority' in value) return `${value.name} <${value.email || ''}>: ${(value.authority || []).join(', ') || 'no authority'}`;
  if ('product' in value) return `${value.product} ×${value.quantity ?? '?'} ${value.term || ''} (ticket ${value.ticket || '?'})`;
  return JSON.stringify(value);
}

async function choose(fact, choice) {
  const { learned = '[]' } = await api.storage.local.get('learned');
  const facts = JSON.parse(learned || '[]');
  for (const f of facts) {
    if (f.customer_id === fact.customer_id && f.field === fact.field && (f.key ?? null) === (fact.key ?? null)) f.choice = choice;
  }
  await api.storage.local.set({ learned: JSON.stringify(facts) });
}

async function render() {
  const stored = await api.storage.local.get(['directory', 'learned', 'directory_imported_at']);
  const conflictsNode = $('learned-conflicts');
  const list = $('learned-facts');
  list.replaceChildren();
  conflictsNode.replaceChildren();
  if (stored.directory) core.load_directory(stored.directory);
  core.load_learned(stored.learned || '', stored.directory_imported_at || '');
  const view = JSON.parse(core.learned_view());
  if (!view.facts.length) list.append(el('li', 'Nothing learned yet.', 'hint'));
  for (const conflict of view.conflicts) {
    const box = el('div', undefined, 'conflict');
    box.append(el('p', `${conflict.customer}: ${conflict.field}${conflict.key ? ` (${conflict.key})` : ''} differs.`, 'error'));
    box.append(el('p', `Imported: ${describe(conflict.imported)}`));
    box.append(el('p', `Learned from ${conflict.source} at ${conflict.at}: ${describe(conflict.learned)}`));
    const useLearned = el('button', 'Use the learned value');
    useLearned.type = 'button';
    useLearned.addEventListener('click', () => choose(conflict, 'learned'));
    const keep = el('button', 'Keep the imported value');
    keep.type = 'button';
    keep.addEventListener('click', () => choose(conflict, 'imported'));
    const row = el('div', undefined, 'row');
    row.append(useLearned, keep);
    box.append(row);
    conflictsNode.append(box);
  }
  for (const fact of view.facts) {
    const item = el('li', `${fact.customer}: ${fact.field} ${describe(fact.value)} — ${fact.source}, ${fact.at}${fact.choice ? ` (chosen: ${fact.choice})` : ''}`);
    item.dataset.field = fact.field;
    list.append(item);
  }
  $('learned-h').dataset.ready = 'true';
}

async function main() {
  await init({ module_or_path: './pkg/procguard_wasm_bg.wasm' });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ['learned', 'directory', 'directory_imported_at'].some((k) => k in changes)) render();
  });
  await render();
}

main();

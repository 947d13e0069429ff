// procguard popup: find a customer and show their plan card, and list the current tab's
// findings. Search ranking, matching and deadline dates are Rust (src/lookup.rs); this file
// only renders, with textContent.
//
// `popup.html?tab=<id>` shows tab <id> instead of the active tab (tests, and opening the popup
// as a page for debugging).
import init, * as core from './pkg/procguard_wasm.js';
import { loadSettings } from './settings.js';

const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
const RESULT_LIMIT = 8;

let selectedId = null;

/** An element with text (never HTML) and optional class. */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function show(value, empty = '—') {
  return value === null || value === undefined || value === '' ? empty : String(value);
}

async function loadDirectory() {
  const settings = await loadSettings(core, api);
  if (!settings.directory) return 0;
  // The card shows what the checks see: the import with what pages taught applied.
  return core.load_lookup_directory(core.effective_directory());
}

// ---- Search -----------------------------------------------------------------------------

function matchNote(hit) {
  if (hit.kind === 'listed') return '';
  if (hit.kind === 'typo') return `closest to what you typed: ${hit.field} ${hit.matched}`;
  if (hit.field === 'name') return '';
  return `${hit.field} ${hit.matched}`;
}

function renderResults(hits, query) {
  const list = $('results');
  list.replaceChildren();
  for (const hit of hits) {
    const li = el('li');
    const button = el('button', null, 'result');
    button.type = 'button';
    button.dataset.id = hit.id;
    button.setAttribute('aria-pressed', String(hit.id === selectedId));
    button.append(el('span', hit.name, 'result-name'));
    const note = matchNote(hit);
    const plan = el('span', `${note ? `${note} · ` : ''}help desk: ${hit.plan}`, 'result-note');
    button.append(plan);
    button.addEventListener('click', () => select(hit.id));
    li.append(button);
    list.append(li);
  }
  const status = $('search-status');
  if (!query.trim()) status.textContent = hits.length ? `${hits.length} customers.` : '';
  else if (!hits.length) status.textContent = `No customer matches “${query.trim()}”.`;
  else status.textContent = `${hits.length} match${hits.length === 1 ? '' : 'es'}.`;
}

function search(query) {
  const hits = JSON.parse(core.search_customers(query, RESULT_LIMIT));
  renderResults(hits, query);
  return hits;
}

function select(id) {
  selectedId = id;
  for (const button of document.querySelectorAll('#results button')) {
    button.setAttribute('aria-pressed', String(button.dataset.id === id));
  }
  renderCard(JSON.parse(core.customer_card(id, '')));
}

function onSearchKey(event) {
  const buttons = [...document.querySelectorAll('#results button')];
  if (event.key === 'ArrowDown' && buttons.length) {
    event.preventDefault();
    buttons[0].focus();
  } else if (event.key === 'Enter' && buttons.length) {
    event.preventDefault();
    select(buttons[0].dataset.id);
  }
}

function onResultsKey(event) {
  const buttons = [...document.querySelectorAll('#results button')];
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  if (event.key === 'ArrowDown' && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
  if (event.key === 'ArrowUp') { event.preventDefault(); (at === 0 ? $('search') : buttons[at - 1]).focus(); }
}

// ---- Plan card --------------------------------------------------------------------------

function block(title, id) {
  const section = el('section', null, 'card-part');
  section.setAttribute('aria-labelledby', id);
  const h = el('h3', title);
  h.id = id;
  section.append(h);
  return section;
}

function table(caption, headers, rows) {
  const t = el('table');
  t.append(el('caption', caption, 'visually-hidden'));
  const head = el('tr');
  for (const h of headers) { const th = el('th', h); th.scope = 'col'; head.append(th); }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => tr.append(el(i === 0 ? 'th' : 'td', show(cell))));
    tr.firstChild.scope = 'row';
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function list(items, empty) {
  if (!items.length) return el('p', empty, 'hint');
  const ul = el('ul', null, 'plain');
  for (const item of items) {
    const li = el('li');
    if (item instanceof Node) li.append(item); else li.textContent = item;
    ul.append(li);
  }
  return ul;
}

function renderCard(card) {
  const section = $('card');
  const body = $('card-body');
  body.replaceChildren();
  section.hidden = false;
  if (!card.ok) {
    $('card-h').textContent = 'Customer';
    $('card-sub').textContent = card.error;
    return;
  }
  $('card-h').textContent = card.name;
  const also = [...card.aliases, ...card.domains];
  $('card-sub').textContent = also.length ? `Also: ${also.join(', ')}` : '';

  const plan = block('Help-desk plan', 'card-plan');
  const hd = card.help_desk;
  const planText = el('p', null, 'plan');
  planText.append(el('strong', hd ? hd.plan : 'unknown', `plan-${hd ? hd.plan : 'unknown'}`));
  planText.append(document.createTextNode(hd
    ? ` — from ${show(hd.source, 'an unnamed source')}${hd.as_of ? `, as of ${hd.as_of}` : ''}`
    : ' — no plan on file'));
  plan.append(planText);
  if (card.classification) plan.append(el('p', `Classification: ${card.classification}`, 'hint'));

  const deadlines = block('Open deadlines', 'card-deadlines');
  deadlines.append(list(card.deadlines.map((d) => {
    const span = el('span', d.message, d.passed ? 'deadline passed' : 'deadline');
    span.dataset.kind = d.kind;
    return span;
  }), 'No open deadlines.'));

  const subs = block('Subscriptions', 'card-subs');
  subs.append(card.subscriptions.length
    ? table('Subscriptions', ['Product', 'Term', 'Qty', 'Ends', 'Status'], card.subscriptions.map((s) => [
      s.product, `${show(s.term)}${s.temporary ? ' (temporary)' : ''}`, s.quantity, s.end, s.status]))
    : el('p', 'No subscriptions on file.', 'hint'));

  const agreements = block('Agreements', 'card-agreements');
  agreements.append(card.agreements.length
    ? table('Agreements', ['Product', 'Term', 'Status', 'Signed'], card.agreements.map((a) => [a.product, a.term, a.status, a.signed_on]))
    : el('p', 'No agreements on file.', 'hint'));

  const contacts = block('Authorization contacts', 'card-contacts');
  contacts.append(list(card.contacts.map((c) => {
    const authority = c.authority.length ? c.authority.join(', ') : 'no authority';
    return `${c.name}${c.email ? ` <${c.email}>` : ''}: ${authority}${c.may_confirm ? '' : ' (cannot confirm purchases)'}`;
  }), 'No contacts on file.'));

  const open = block('Quotes and order intents', 'card-quotes');
  const quoteLines = [];
  for (const q of card.quotes) {
    const items = q.items.map((i) => `${i.product} × ${show(i.quantity, '?')}${i.term ? ` ${i.term}` : ''}`).join('; ');
    quoteLines.push(`Quote ${show(q.id, '(no id)')}${q.at ? ` (${q.at.slice(0, 10)})` : ''}: ${items || 'no items'}`);
  }
  for (const o of card.order_intents) {
    quoteLines.push(`Order intent from ticket ${show(o.ticket)}: ${o.product} × ${show(o.quantity, '?')}${o.term ? ` ${o.term}` : ''}`);
  }
  open.append(list(quoteLines, 'No quotes or order intents.'));

  const confirmations = block('Confirmations on file', 'card-confirmations');
  confirmations.append(list(card.confirmations.map((c) => {
    const what = `${c.product} × ${show(c.quantity, '?')}${c.term ? ` ${c.term}` : ''}`;
    const where = [c.kind, c.ticket && `ticket ${c.ticket}`, c.at && c.at.slice(0, 10)].filter(Boolean).join(', ');
    return `${what} — from ${show(c.from, 'unknown sender')} (${where})${c.counts ? '' : ': does not count (sender lacks authority)'}`;
  }), 'No written confirmations.'));

  body.append(plan, deadlines, subs, agreements, contacts, open, confirmations);
}

// ---- The current tab --------------------------------------------------------------------

async function currentTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return { id: Number(param), explicit: true };
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id ?? -1, explicit: false };
}

function pageCustomer(page) {
  for (const key of ['customer', 'account', 'name', 'organization']) {
    if (typeof page?.[key] === 'string' && page[key].trim()) return page[key].trim();
  }
  return '';
}

async function reveal(tab, finding, index) {
  // The content script watches `reveal:<tabId>` and scrolls to and flashes the finding.
  await api.storage.session.set({ [`reveal:${tab.id}`]: { id: finding.id, index, anchor: finding.anchor ?? null, at: new Date().toISOString() } });
  $('tab-summary').textContent = `Showing “${finding.message}” on the page.`;
  if (!tab.explicit) window.close();
}

function renderFindings(tab, entry) {
  const summary = $('tab-summary');
  const list = $('tab-findings');
  list.replaceChildren();
  if (entry?.result?.error) { summary.textContent = `procguard could not check this tab: ${entry.result.error}`; return; }
  if (!entry?.result?.page) { summary.textContent = 'procguard checks nothing on this tab.'; return; }
  const findings = entry.result.findings || [];
  summary.textContent = `${entry.result.page.kind}: ${findings.length} finding${findings.length === 1 ? '' : 's'}${entry.result.holds_checkout ? '; the order is held' : ''}.`;
  findings.forEach((f, index) => {
    const li = el('li', null, `finding sev-${f.severity}`);
    li.dataset.id = f.id;
    li.append(el('span', f.severity, `sev sev-${f.severity}`), el('span', f.message, 'finding-message'));
    const id = el('code', f.id, 'finding-id');
    li.append(id);
    const button = el('button', 'Show on page', 'quiet');
    button.type = 'button';
    button.setAttribute('aria-label', `Show on page: ${f.message}`);
    button.addEventListener('click', () => reveal(tab, f, index));
    li.append(button);
    list.append(li);
  });
}

async function main() {
  $('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
  await init({ module_or_path: './pkg/procguard_wasm_bg.wasm' });
  let customers = 0;
  try {
    customers = await loadDirectory();
  } catch (error) {
    $('search-status').textContent = `The stored directory could not be read: ${error.message}`;
  }
  const input = $('search');
  input.addEventListener('input', () => search(input.value));
  input.addEventListener('keydown', onSearchKey);
  $('results').addEventListener('keydown', onResultsKey);

  const tab = await currentTabId();
  const key = `result:${tab.id}`;
  const { [key]: entry } = await api.storage.session.get(key);
  renderFindings(tab, entry);

  if (!customers) {
    $('search-status').textContent ||= 'No directory imported yet: open Options to import one.';
  } else {
    const named = pageCustomer(entry?.result?.page);
    const hits = search(named);
    if (named && hits.length) {
      select(hits[0].id);
      input.value = named;
      $('search-status').textContent = hits[0].exact
        ? `This tab names ${named}.`
        : `This tab names “${named}”; the closest customer is ${hits[0].name}.`;
    } else if (named) {
      $('search-status').textContent = `This tab names “${named}”, who is not in the directory.`;
      input.value = named;
    }
  }
  input.focus();
  input.select();
  document.body.dataset.ready = 'true';
  document.body.dataset.readyMs = String(Math.round(performance.now()));
}

main();

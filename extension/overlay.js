// procguard overlay: paints what the Rust core decided. It decides nothing itself.
// Everything lives in a closed shadow root (the page's scripts and styles cannot reach it),
// and every piece of page text is set with textContent, never parsed as HTML.
'use strict';
(() => {
  const HOST_ATTR = globalThis.procguardSnapshot.HOST_ATTR;
  const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 };
  const MAX_MARKERS = 40;
  const MAX_CARDS = 25;
  const STYLE = `
    :host{all:initial}
    *{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    .layer{position:absolute;left:0;top:0;width:0;height:0;z-index:2147483646}
    .marker{position:absolute;display:block;max-width:260px;padding:2px 8px;border-radius:10px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;
      font-size:12px;line-height:16px;font-weight:600;color:#fff;cursor:pointer;border:0;box-shadow:0 1px 3px rgba(0,0,0,.3);text-align:left}
    .marker:focus-visible,.panel button:focus-visible,.dialog button:focus-visible,.dialog textarea:focus-visible{outline:3px solid #ffbf47;outline-offset:1px}
    .block{background:#b3261e}.warn{background:#9a5b00}.info{background:#1f5fa8}
    .panel{position:fixed;width:380px;max-height:48vh;display:flex;flex-direction:column;background:#fff;color:#1d2433;
      border:1px solid #c5cdd9;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.25);font-size:13px;z-index:2147483646}
    .bar{display:flex;align-items:center;gap:8px;padding:8px 12px;border-bottom:1px solid #e3e8ef;font-weight:700}
    .bar .title{flex:1}
    .count{padding:1px 8px;border-radius:10px;color:#fff;font-size:12px}
    .more{margin:6px 0;border:1px solid #c5cdd9;background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer;font-size:12px}
    .bar button{border:1px solid #c5cdd9;background:#fff;border-radius:6px;padding:2px 8px;cursor:pointer;font-size:12px}
    .list{overflow:auto;padding:4px 12px 10px;margin:0;list-style:none}
    .list[hidden]{display:none}
    .finding{border-left:4px solid #c5cdd9;padding:6px 10px;margin:8px 0;background:#f8fafc;border-radius:4px;overflow-wrap:anywhere}
    .finding.block{border-left-color:#b3261e;background:#fdf0ef}.finding.warn{border-left-color:#9a5b00;background:#fff7e8}.finding.info{border-left-color:#1f5fa8;background:#eef5fd}
    .finding .head{display:flex;gap:6px;align-items:baseline}
    .sev{font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:0 5px}
    .finding .id{font-family:ui-monospace,monospace;font-size:11px;color:#5b6577}
    .finding .msg{font-weight:600;margin:3px 0}
    .finding dl{margin:2px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;font-size:12px}
    .finding dt{color:#5b6577}.finding dd{margin:0}
    .finding.flash{outline:3px solid #ffbf47}
    .backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647}
    .dialog{background:#fff;color:#1d2433;width:min(560px,92vw);max-height:86vh;overflow:auto;border-radius:10px;padding:18px 20px;font-size:14px}
    .dialog h2{margin:0 0 8px;font-size:18px;color:#b3261e}
    .dialog ul{padding-left:18px}.dialog li{margin:6px 0;overflow-wrap:anywhere}
    .dialog label{display:block;font-weight:600;margin:12px 0 4px}
    .dialog textarea{width:100%;min-height:70px;font:inherit;padding:6px;border:1px solid #8a94a6;border-radius:6px}
    .dialog .actions{display:flex;gap:8px;justify-content:flex-end;margin-top:12px}
    .dialog button{font:inherit;padding:6px 14px;border-radius:6px;cursor:pointer;border:1px solid #8a94a6;background:#fff}
    .dialog button.danger{background:#b3261e;border-color:#b3261e;color:#fff}
    .dialog button:disabled{opacity:.5;cursor:not-allowed}
    .hint{font-size:12px;color:#5b6577}
    .intent-row{display:flex;gap:8px;align-items:center;margin:4px 0}.intent-row label{width:70px;font-size:12px}
    .intent-row input,.intent-row select{flex:1;font:inherit;font-size:12px;padding:3px 5px;border:1px solid #8a94a6;border-radius:4px}
    summary{cursor:pointer}
  `;

  let host = null;
  let root = null;
  let layer = null;
  let panel = null;
  let collapsed = false;
  // The technician's choice to fold the panel is remembered across pages.
  try {
    globalThis.chrome?.storage?.local.get('overlayCollapsed').then((v) => {
      if (typeof v.overlayCollapsed === 'boolean' && v.overlayCollapsed !== collapsed) setCollapsed(v.overlayCollapsed, false);
    }).catch(() => {});
  } catch (_) { /* extension context gone */ }
  let current = { findings: [], elements: [] };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Creates the overlay's host when there is none on the page; true when it did. */
  function ensureHost() {
    if (host && host.isConnected) return false;
    host = document.createElement('procguard-overlay');
    host.setAttribute(HOST_ATTR, '');
    // closed: the page's own scripts cannot reach the findings through host.shadowRoot
    root = host.attachShadow({ mode: 'closed' });
    const style = el('style');
    style.textContent = STYLE;
    layer = el('div', 'layer');
    root.append(style, layer);
    // Keys typed in procguard's UI must not reach the page's shortcuts and forms.
    for (const type of ['keydown', 'keyup', 'keypress']) {
      root.addEventListener(type, (e) => e.stopPropagation());
    }
    document.documentElement.appendChild(host);
    panel = null;
    return true;
  }

  /** Position in the top document of an element that may sit in a same-origin frame. */
  function rectInTop(element) {
    const rect = element.getBoundingClientRect();
    let left = rect.left;
    let top = rect.top;
    let win = element.ownerDocument.defaultView;
    while (win && win !== window && win.frameElement) {
      const frameRect = win.frameElement.getBoundingClientRect();
      left += frameRect.left;
      top += frameRect.top;
      win = win.parent;
    }
    return { left, top, right: left + rect.width, bottom: top + rect.height, width: rect.width, height: rect.height };
  }

  function sorted(findings) {
    return [...findings].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
  }

  function findingCard(finding) {
    const item = el('li', `finding ${finding.severity}`);
    item.dataset.id = finding.id;
    const head = el('div', 'head');
    head.append(el('span', `sev ${finding.severity}`, finding.severity), el('span', 'id', finding.id));
    const dl = el('dl');
    for (const [term, value] of [['Evidence', finding.evidence], ['Next', finding.remedy], ['Procedure', finding.source]]) {
      if (!value) continue;
      dl.append(el('dt', '', term), el('dd', '', value));
    }
    item.append(head, el('div', 'msg', finding.message), dl);
    if (finding.id === 'ticket.customer-acknowledgements' && finding.remedy) {
      // The acknowledgement text is meant to be pasted into an email or note as it is.
      const copy = el('button', 'more', 'Copy the acknowledgement text');
      copy.type = 'button';
      copy.addEventListener('click', async () => {
        const text = finding.remedy.includes(': ') ? finding.remedy.slice(finding.remedy.indexOf(': ') + 2) : finding.remedy;
        try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; } catch (_) { copy.textContent = 'Copy failed: select the text instead'; }
      });
      item.append(copy);
    }
    return item;
  }

  function placeMarkers() {
    // Read every position first, then write: interleaving the two would force a layout per
    // marker, which on a 200-line cart costs seconds instead of a millisecond.
    const markers = [...layer.querySelectorAll('.marker')];
    const viewport = document.documentElement.clientWidth;
    const scrollX = window.scrollX;
    const scrollY = window.scrollY;
    const placed = markers.map((marker) => {
      const target = current.elements[Number(marker.dataset.anchor)];
      if (!target || !target.isConnected) return null;
      const r = rectInTop(target);
      if (r.width === 0 && r.height === 0) return null;
      return { r, width: marker.offsetWidth };
    });
    markers.forEach((marker, i) => {
      const spot = placed[i];
      marker.hidden = !spot;
      if (!spot) return;
      // Under the field's left end, like a form's own validation message: it covers neither
      // the field nor the buttons beside it (the order button sits beside the lines).
      const left = Math.min(spot.r.left, viewport - spot.width - 4);
      marker.style.left = `${Math.max(0, left) + scrollX}px`;
      marker.style.top = `${spot.r.bottom + scrollY + 2 + Number(marker.dataset.stack) * 21}px`;
    });
  }

  /**
   * Puts the panel in the first corner where it covers none of the page's guarded buttons
   * and none of the fields findings point at: procguard must not hide what it talks about.
   */
  function placePanel() {
    if (!panel) return;
    const avoid = [];
    for (const index of current.holdTargets || []) {
      const target = current.elements[index];
      if (target?.isConnected) avoid.push({ ...rectInTop(target), weight: 100 });
    }
    for (const finding of current.findings) {
      const target = current.elements[finding.anchor];
      if (target?.isConnected) avoid.push({ ...rectInTop(target), weight: 1 });
    }
    const w = panel.offsetWidth;
    const h = panel.offsetHeight;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const corners = [
      { left: vw - w - 12, top: vh - h - 12 },
      { left: 12, top: vh - h - 12 },
      { left: vw - w - 12, top: 12 },
      { left: 12, top: 12 },
    ];
    // A guarded button weighs more than a field: covering it would hide the action itself.
    const overlaps = (c) => avoid
      .filter((r) => r.left < c.left + w && r.right > c.left && r.top < c.top + h && r.bottom > c.top)
      .reduce((sum, r) => sum + r.weight, 0);
    let best = corners[0];
    let fewest = Infinity;
    for (const corner of corners) {
      const n = overlaps(corner);
      if (n < fewest) { fewest = n; best = corner; }
      if (n === 0) break;
    }
    panel.style.left = `${Math.max(0, best.left)}px`;
    panel.style.top = `${Math.max(0, best.top)}px`;
  }

  function flash(id) {
    let card = panel?.querySelector(`.finding[data-id="${CSS.escape(id)}"]`);
    while (!card && panel?.querySelector('.more')) {
      panel.querySelector('.more').click();
      card = panel.querySelector(`.finding[data-id="${CSS.escape(id)}"]`);
    }
    if (!card) return;
    setCollapsed(false, false);
    card.scrollIntoView({ block: 'nearest' });
    card.classList.add('flash');
    setTimeout(() => card.classList.remove('flash'), 1200);
  }

  function setCollapsed(value, remember = true) {
    collapsed = value;
    if (remember) {
      try { globalThis.chrome?.storage?.local.set({ overlayCollapsed: value }).catch(() => {}); } catch (_) { /* context gone */ }
    }
    const list = panel?.querySelector('.list');
    if (list) list.hidden = collapsed; // the panel's ResizeObserver places it again
    const toggle = panel?.querySelector('.toggle');
    if (toggle) {
      toggle.textContent = collapsed ? 'Show' : 'Hide';
      toggle.setAttribute('aria-expanded', String(!collapsed));
    }
  }

  // What the last render showed, so that a re-read that changed little repaints little: a
  // 200-line cart re-read after one edit keeps its markers and cards, and only those whose
  // finding changed are built again (their positions are read only when something moved).
  let shownMarkers = new Map(); // marker key → button
  let shownCards = new Map(); // card key → li
  let shownPanelKey = '';
  let shownFirst = []; // the findings whose cards the list shows
  let shownCount = MAX_CARDS; // how many cards the list shows ("Show more" adds a page)
  let sortedFindings = []; // the current findings, sorted: "Show more" pages through these

  const markerKey = (f, stack) => `${f.anchor}\u0000${stack}\u0000${f.severity}\u0000${f.id}\u0000${f.message}\u0000${f.remedy || ''}`;
  // A re-read after an edit hands back the unchanged findings as the same objects: their
  // keys are worked out once.
  const cardKeys = new WeakMap();
  function cardKey(f) {
    let key = cardKeys.get(f);
    if (key === undefined) {
      key = `${f.severity}\u0000${f.id}\u0000${f.message}\u0000${f.evidence || ''}\u0000${f.remedy || ''}\u0000${f.source || ''}`;
      cardKeys.set(f, key);
    }
    return key;
  }
  const sameCards = (a, b) => a.length === b.length && a.every((f, i) => f === b[i] || cardKey(f) === cardKey(b[i]));

  function markerFor(finding, stack) {
    const marker = el('button', `marker ${finding.severity}`, `${finding.severity.toUpperCase()}: ${finding.message}`);
    marker.type = 'button';
    marker.dataset.anchor = String(finding.anchor);
    marker.dataset.stack = String(stack);
    marker.title = `${finding.id}: ${finding.remedy || ''}`;
    marker.addEventListener('click', () => flash(finding.id));
    return marker;
  }

  /** The markers for `findings` (sorted), reusing the shown ones; true when any is new. */
  function renderMarkers(findings) {
    const next = new Map();
    const perAnchor = new Map();
    let created = false;
    for (const finding of findings) {
      if (finding.anchor === null || finding.anchor === undefined) continue;
      // Markers are for what needs attention; the panel lists everything. Past a few dozen
      // markers a page is noise, and each one costs layout on a large cart.
      if (finding.severity === 'info' || next.size >= MAX_MARKERS) continue;
      const stack = perAnchor.get(finding.anchor) || 0;
      perAnchor.set(finding.anchor, stack + 1);
      const key = markerKey(finding, stack);
      let marker = shownMarkers.get(key);
      if (!marker || next.has(key)) {
        marker = markerFor(finding, stack);
        created = true;
      }
      next.set(key, marker);
    }
    for (const [key, marker] of shownMarkers) if (!next.has(key)) marker.remove();
    for (const marker of next.values()) if (marker.parentNode !== layer) layer.append(marker);
    shownMarkers = next;
    return created;
  }

  /** The panel's list: cards reused by their content, a long list built in pages. */
  function renderList(list, findings, result, info) {
    const next = new Map();
    const cardOf = (finding) => {
      let key = cardKey(finding);
      while (next.has(key)) key += '+'; // the same text twice: two cards
      const card = shownCards.get(key) || findingCard(finding);
      next.set(key, card);
      return card;
    };
    const items = [];
    if (result.error) {
      items.push(findingCard({ id: 'procguard.error', severity: 'warn', message: 'procguard could not check this page', evidence: result.error, remedy: 'Reload the page; if it persists, report it with the page address.', source: '' }));
    }
    if (!findings.length && !result.error) {
      items.push(el('li', 'hint', result.directory_loaded === false
        ? 'No findings. No directory is imported yet: open procguard options to import one.'
        : 'No findings on this page.'));
    }
    for (const finding of findings.slice(0, shownCount)) items.push(cardOf(finding));
    // The rest when asked for, a page at a time, from the findings as they are then.
    const moreButton = (from) => {
      const more = el('button', 'more', `Show ${Math.min(MAX_CARDS, findings.length - from)} more of ${findings.length - from}`);
      more.type = 'button';
      more.addEventListener('click', () => {
        shownCount = from + MAX_CARDS;
        shownFirst = sortedFindings.slice(0, shownCount);
        const page = sortedFindings.slice(from, from + MAX_CARDS).map(cardOf);
        if (from + MAX_CARDS < sortedFindings.length) page.push(moreButton(from + MAX_CARDS));
        more.replaceWith(...page);
      });
      return more;
    };
    if (findings.length > shownCount) items.push(moreButton(shownCount));
    if (result.page?.kind === 'autotask-ticket' && info?.onOrderIntent) items.unshift(orderIntentForm(result.page, info.onOrderIntent));
    shownCards = next;
    syncChildren(list, items);
  }

  /**
   * Makes `items` the children of `parent`, in order, moving only what differs: after an
   * edit one card of the list usually changes, and the others stay in place instead of being
   * taken out and put back.
   */
  function syncChildren(parent, items) {
    let at = parent.firstChild;
    for (const item of items) {
      if (item === at) { at = at.nextSibling; continue; }
      parent.insertBefore(item, at);
    }
    while (at) { const next = at.nextSibling; at.remove(); at = next; }
  }

  /** The summary bar: `counts` of the findings by severity. */
  function renderBar(bar, counts, result) {
    const items = [el('span', 'title', 'procguard')];
    for (const severity of ['block', 'warn', 'info']) {
      if (counts[severity]) items.push(el('span', `count ${severity}`, `${counts[severity]} ${severity}`));
    }
    if (result.error) items.push(el('span', 'count warn', 'error'));
    const toggle = el('button', 'toggle', collapsed ? 'Show' : 'Hide');
    toggle.type = 'button';
    toggle.addEventListener('click', () => setCollapsed(!collapsed));
    toggle.setAttribute('aria-label', 'Show or hide procguard findings');
    toggle.setAttribute('aria-expanded', String(!collapsed));
    items.push(toggle);
    bar.replaceChildren(...items);
  }

  function ensurePanel() {
    if (panel && panel.isConnected) return false;
    panel = el('section', 'panel');
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'procguard findings');
    const list = el('ul', 'list');
    list.tabIndex = 0; // scrollable: reachable by keyboard
    list.setAttribute('aria-label', 'Findings');
    panel.append(el('div', 'bar'), list);
    root.append(panel);
    // The panel finds its corner again when its size changes (cards, folding), after the
    // browser's own layout: measuring it right after an edit would force the page's layout
    // (a 200-line table's) inside procguard's task.
    new ResizeObserver(() => placePanel()).observe(panel);
    return true;
  }

  function render(result, elements, info) {
    const moved = elements !== current.elements; // a new snapshot: the page may have moved
    current = { findings: result.findings || [], elements, holdTargets: result.hold_targets || [] };
    if (!result.page && !result.error) { remove(); return; }
    const fresh = ensureHost();
    if (fresh) { shownMarkers = new Map(); shownCards = new Map(); shownPanelKey = ''; shownFirst = []; shownCount = MAX_CARDS; }
    const t0 = performance.now();
    const findings = sorted(current.findings);
    const newMarkers = renderMarkers(findings);
    const t1 = performance.now();

    sortedFindings = findings;
    // The panel is built again only when what it shows changed: the counts, the first cards,
    // the state around them. A finding further down the list changing is seen on "Show more".
    const counts = { block: 0, warn: 0, info: 0 };
    for (const f of findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
    const panelKey = JSON.stringify([
      counts, findings.length, result.error || '', result.directory_loaded, result.page?.kind,
      result.page?.kind === 'autotask-ticket' ? [result.page.account, result.page.number] : null, info?.mode,
    ]);
    const first = findings.slice(0, shownCount);
    const newPanel = ensurePanel();
    const panelChanged = newPanel || panelKey !== shownPanelKey || !sameCards(first, shownFirst);
    if (panelChanged) {
      shownPanelKey = panelKey;
      shownFirst = first;
      renderBar(panel.querySelector('.bar'), counts, result);
      renderList(panel.querySelector('.list'), findings, result, info);
      panel.dataset.mode = info?.mode || '';
      setCollapsed(collapsed, false);
    } else if (moved) {
      placePanel();
    }
    if (moved || newMarkers || fresh) placeMarkersSoon();
    // Where the paint's time went, for the timings the content script reports.
    return { markers_ms: t1 - t0, panel_ms: performance.now() - t1, panel_changed: panelChanged, moved };
  }

  let intentOpen = false;
  // The form survives re-renders (the page may change while the technician types).
  const intentState = { product: '', quantity: '', term: '', status: '' };
  /** "Start Pax8 order from this ticket": product, quantity and term, recorded as the quote. */
  function orderIntentForm(page, onOrderIntent) {
    const box = el('details', 'finding info');
    box.open = intentOpen;
    box.addEventListener('toggle', () => { intentOpen = box.open; });
    box.append(el('summary', 'msg', 'Start Pax8 order from this ticket'));
    const field = (label, input) => {
      const id = `pg-intent-${label.toLowerCase()}`;
      input.id = id;
      const l = el('label', '', label);
      l.htmlFor = id;
      const row = el('div', 'intent-row');
      row.append(l, input);
      return row;
    };
    const product = el('input');
    product.type = 'text';
    const quantity = el('input');
    quantity.type = 'number';
    quantity.min = '1';
    const term = el('select');
    for (const [value, text] of [['', 'Term…'], ['monthly', 'Monthly'], ['annual', 'Annual'], ['multi-year', 'Multi-year'], ['trial', 'Trial'], ['one-time', 'One-time']]) {
      const option = el('option', '', text);
      option.value = value;
      term.append(option);
    }
    const status = el('p', 'hint', intentState.status);
    status.setAttribute('role', 'status');
    for (const [name, input] of [['product', product], ['quantity', quantity], ['term', term]]) {
      input.value = intentState[name];
      input.addEventListener('input', () => { intentState[name] = input.value; });
      input.addEventListener('change', () => { intentState[name] = input.value; });
    }
    const setStatus = (text) => { intentState.status = text; status.textContent = text; root?.querySelectorAll('.intent-status').forEach((n) => { n.textContent = text; }); };
    status.classList.add('intent-status');
    const go = el('button', 'more', 'Record the order intent');
    go.type = 'button';
    go.addEventListener('click', async () => {
      setStatus('Recording…');
      const answer = await onOrderIntent({ product: intentState.product, quantity: intentState.quantity, term: intentState.term }).catch((e) => ({ error: String(e) }));
      setStatus(answer?.error
        ? `Not recorded: ${answer.error}`
        : `Recorded for ${answer.fact.customer} (ticket ${page.number || '?'}): the Pax8 checks use it as the quote.`);
    });
    box.append(field('Product', product), field('Quantity', quantity), field('Term', term), go, status);
    return box;
  }

  function remove() {
    host?.remove();
    host = null;
    panel = null;
  }

  /** The dialog shown when a guarded click is held. Resolves nothing; calls back on override. */
  function showHoldDialog(findings, { onOverride }) {
    ensureHost();
    root.querySelector('.backdrop')?.remove();
    const backdrop = el('div', 'backdrop');
    const dialog = el('div', 'dialog');
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'pg-hold-title');
    const title = el('h2', '', 'procguard is holding this action');
    title.id = 'pg-hold-title';
    const list = el('ul');
    for (const f of findings) {
      const item = el('li');
      item.append(el('strong', '', f.message), document.createTextNode(' '), el('span', 'hint', `(${f.id}) ${f.remedy || ''}`));
      list.append(item);
    }
    const label = el('label', '', 'To go ahead anyway, say why (at least 4 words). This is recorded in the audit log.');
    label.htmlFor = 'pg-reason';
    const reason = el('textarea');
    reason.id = 'pg-reason';
    const actions = el('div', 'actions');
    const back = el('button', '', 'Go back');
    back.type = 'button';
    const go = el('button', 'danger', 'Override and continue');
    go.type = 'button';
    go.disabled = true;
    const words = () => reason.value.trim().split(/\s+/).filter(Boolean).length;
    reason.addEventListener('input', () => { go.disabled = words() < 4; });
    back.addEventListener('click', () => backdrop.remove());
    go.addEventListener('click', async () => {
      if (words() < 4) return;
      const text = reason.value.trim();
      backdrop.remove();
      await onOverride(text);
    });
    dialog.addEventListener('keydown', (e) => { if (e.key === 'Escape') backdrop.remove(); });
    actions.append(back, go);
    dialog.append(title, el('p', '', 'These findings block it:'), list, label, reason, actions);
    backdrop.append(dialog);
    root.append(backdrop);
    back.focus();
  }

  // Markers are placed at the start of the next frame, when the browser lays the page out
  // anyway: measuring the fields right away would force that layout inside procguard's read
  // (on a first paint, the page's whole first layout).
  let markersRaf = 0;
  function placeMarkersSoon() {
    if (markersRaf) return;
    markersRaf = requestAnimationFrame(() => { markersRaf = 0; if (layer) placeMarkers(); });
  }

  let raf = 0;
  const reposition = () => { cancelAnimationFrame(raf); raf = requestAnimationFrame(() => { if (layer) { placeMarkers(); placePanel(); } }); };
  window.addEventListener('scroll', reposition, true);
  window.addEventListener('resize', reposition);

  globalThis.procguardOverlay = { render, remove, showHoldDialog, reveal: flash };
})();

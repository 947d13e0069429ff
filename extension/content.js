// procguard content script: snapshot what the page shows, have the Rust core read and judge
// it, paint the result, and hold the guarded action while a `block` finding stands.
//
// The Rust/wasm module runs here when the page's CSP allows wasm. Chromium refuses to compile
// wasm in a content script on a page whose CSP lacks 'wasm-unsafe-eval'; then the very same
// Rust readers and checks run in the service worker over the snapshot ("worker" mode). This
// file holds no reading or policy logic in either mode.
'use strict';
(() => {
  const api = globalThis.chrome;
  if (!api?.runtime?.id) return;
  // A same-origin child frame is read by the top frame's script (it snapshots into frames).
  if (window.top !== window) {
    try {
      if (window.top.document) return;
    } catch (_) { /* cross-origin parent: this frame is on its own */ }
  }

  // A portal tab open when its host was allowed gets the script injected; a registered copy
  // may already run there. The first copy that is still alive keeps the page.
  if (globalThis.procguardContentAlive?.()) return;

  const { snapshot } = globalThis.procguardSnapshot;
  const overlay = globalThis.procguardOverlay;
  const DEBOUNCE_MS = 60;

  let engine = null; // the wasm module in content mode
  let mode = null; // 'content' | 'worker'
  let elements = [];
  let lastSnapshotJson = '';
  let lastResult = null;
  let timer = 0;
  let bypassHold = false;
  let alive = true;
  globalThis.procguardContentAlive = () => alive && contextValid();

  /** False once the extension was reloaded or updated under an open page. */
  function contextValid() {
    try { return Boolean(api.runtime?.id); } catch (_) { return false; }
  }

  /** sendMessage that never throws: after a reload it throws synchronously, not rejects. */
  function send(message) {
    try {
      return api.runtime.sendMessage(message);
    } catch (error) {
      if (!contextValid()) shutdown();
      return Promise.reject(error);
    }
  }

  /** Handlers call this first: an orphaned script (extension reloaded) tears itself down. */
  function orphaned() {
    if (contextValid()) return false;
    shutdown();
    return true;
  }

  function shutdown() {
    alive = false;
    observer.disconnect();
    clearTimeout(timer);
    overlay.remove();
  }

  let settings = null; // extension/settings.js (both modes: it also says which changes matter)

  async function loadContentEngine() {
    const module = await import(api.runtime.getURL('pkg/procguard_wasm.js'));
    await module.default({ module_or_path: api.runtime.getURL('pkg/procguard_wasm_bg.wasm') });
    await settings.loadSettings(module, api);
    return module;
  }

  async function start() {
    try {
      settings = await import(api.runtime.getURL('settings.js'));
      engine = await loadContentEngine();
      mode = 'content';
    } catch (error) {
      // Typically a CompileError under the page's CSP (its message is empty in Chromium), or
      // a portal host the technician added, where the extension's files are not
      // web-accessible (they are listed for the default hosts only).
      engine = null;
      mode = 'worker';
    }
    observe();
    schedule(0);
  }

  async function judge(snapshotJson) {
    if (mode === 'content') return JSON.parse(engine.check_snapshot(snapshotJson, ''));
    return send({ type: 'check', snapshot: snapshotJson });
  }

  async function run() {
    if (!alive) return;
    if (!contextValid()) { shutdown(); return; }
    const started = performance.now();
    const snap = snapshot(document);
    const snapshotJson = JSON.stringify({ url: snap.url, title: snap.title, nodes: snap.nodes });
    const snapped = performance.now();
    if (snapshotJson === lastSnapshotJson) return; // nothing the readers could see changed
    lastSnapshotJson = snapshotJson;
    elements = snap.elements;
    let result;
    try {
      result = await judge(snapshotJson);
    } catch (error) {
      if (!contextValid()) { shutdown(); return; }
      result = { error: String(error?.message || error) };
    }
    if (!result) return;
    if (!alive) return;
    lastResult = result;
    const judged = performance.now();
    observer.disconnect(); // our own paint must not re-trigger a read
    overlay.render(result, elements, { mode, onOrderIntent: startOrderIntent });
    reconnect();
    const painted = performance.now();
    report(result, {
      snapshot_ms: snapped - started, judge_ms: judged - snapped, paint_ms: painted - judged,
      total_ms: painted - started, nodes: snap.nodes.length,
    });
  }

  function report(result, timings) {
    if (!result.page && !result.error) return;
    send({ type: 'report', mode, url: location.href, timings, result })
      .catch(() => { /* worker restarting; the next change reports again */ });
  }

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  // Watch only what can change a reading: structure, text, and the attributes that hide,
  // show or set values. Typing does not mutate the DOM, so input events are watched too.
  const observer = new MutationObserver(() => schedule());
  const OBSERVED = {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['value', 'hidden', 'aria-hidden', 'style', 'class', 'open', 'aria-checked', 'aria-selected', 'aria-valuenow', 'selected', 'checked'],
  };
  // Same-origin frames (the Autotask shell loads the ticket into one, after itself) are read
  // with the top document, so their changes and their typing are watched too.
  const watchedDocs = new Set();
  function watchDoc(doc) {
    if (watchedDocs.has(doc)) return;
    watchedDocs.add(doc);
    for (const type of ['input', 'change']) doc.addEventListener(type, () => schedule(), true);
    // A frame finishing its load (load does not bubble, but capture sees it) changes the page.
    doc.addEventListener('load', (event) => { if (event.target?.tagName === 'IFRAME') schedule(); }, true);
  }
  function frameDocs() {
    const docs = [];
    const visit = (doc) => {
      for (const frame of doc.querySelectorAll('iframe, frame')) {
        let inner = null;
        try { inner = frame.contentDocument; } catch (_) { inner = null; }
        if (inner?.body) { docs.push(inner); visit(inner); }
      }
    };
    visit(document);
    return docs;
  }
  function reconnect() {
    if (!alive || !document.body) return;
    observer.observe(document.body, OBSERVED);
    for (const doc of frameDocs()) {
      watchDoc(doc);
      observer.observe(doc.body, OBSERVED);
    }
  }
  function observe() {
    watchDoc(document);
    reconnect();
  }

  /** "Start Pax8 order from this ticket": the worker records the intent for the Pax8 checks. */
  async function startOrderIntent(form) {
    const page = lastResult?.page || {};
    return send({
      type: 'order-intent', account: page.account || '', ticket: page.number || '', ...form,
    });
  }

  // ---- Holding the guarded action -------------------------------------------------------

  /** The page's elements at the given snapshot indexes (those still on the page). */
  function elementsAt(indexes) {
    return (indexes || []).map((i) => elements[i]).filter((el) => el?.isConnected);
  }

  /** The guarded button `node` is (or is inside), while a `block` finding stands. */
  function holdTargetOf(node) {
    if (!lastResult?.holds_checkout) return null;
    return elementsAt(lastResult.hold_targets).find((el) => el.contains(node)) || null;
  }

  /** The guarded button inside `container` (a form being submitted), while held. */
  function holdTargetIn(container) {
    if (!lastResult?.holds_checkout) return null;
    return elementsAt(lastResult.hold_targets).find((el) => container.contains(el)) || null;
  }

  function blockingFindings() {
    return (lastResult?.findings || []).filter((f) => f.severity === 'block');
  }

  /** Writes an audit record (`held`, or `override` with its reason and the page as read). */
  function audit(action, findings, extra = {}) {
    const page = lastResult?.page || null;
    return send({ type: 'audit', record: {
      at: new Date().toISOString(), url: location.href, action,
      page_kind: page?.kind || null,
      customer: page?.customer || page?.account || null,
      finding_ids: findings.map((f) => f.id),
      ...extra,
    } });
  }

  function hold(event, target) {
    event.preventDefault();
    event.stopImmediatePropagation();
    const findings = blockingFindings();
    audit('held', findings).catch(() => {});
    overlay.showHoldDialog(findings, {
      onOverride: async (reason) => {
        await audit('override', findings, { reason, page: lastResult?.page || null }).catch(() => {});
        bypassHold = true;
        try { target.click(); } finally { bypassHold = false; }
      },
    });
  }

  /** A click on Place Order that went through: the orders are recorded for their tickets. */
  function noteOrderPlaced(target) {
    if (lastResult?.page?.kind !== 'pax8-cart' || !elementsAt(lastResult.final_targets).some((el) => el.contains(target))) return;
    send({ type: 'order-placed', page: lastResult.page }).catch(() => {});
  }

  window.addEventListener('click', (event) => {
    if (!alive || orphaned()) return;
    if (bypassHold) { noteOrderPlaced(event.target); return; }
    const target = holdTargetOf(event.target);
    if (target) hold(event, target);
    else noteOrderPlaced(event.target);
  }, true);

  // Enter in a form that a held button would submit.
  window.addEventListener('keydown', (event) => {
    if (bypassHold || !alive || event.key !== 'Enter' || !lastResult?.holds_checkout || orphaned()) return;
    const form = event.target?.closest?.('form');
    const target = form && holdTargetIn(form);
    if (target) hold(event, target);
  }, true);

  window.addEventListener('submit', (event) => {
    if (bypassHold || !alive || !lastResult?.holds_checkout || orphaned()) return;
    const target = holdTargetIn(event.target);
    if (target) hold(event, target);
  }, true);

  // The popup's "Show on page": scroll to the finding's field and flash its card.
  api.runtime.onMessage.addListener((message) => {
    if (message?.type !== 'reveal' || !alive) return;
    const target = elements[message.anchor];
    if (target?.isConnected) target.scrollIntoView({ block: 'center', behavior: 'instant' });
    overlay.reveal(message.id);
  });

  /** Whether a storage change can change the result. Without settings.js (see `start`), any
   * change but the audit log's is taken to. */
  function settingsMatter(changes, area) {
    if (settings) return settings.settingsChanged(changes, area);
    return area === 'managed' || (area === 'local' && Object.keys(changes).some((key) => key !== 'audit'));
  }

  // A new directory or policy takes effect on the open page.
  api.storage.onChanged.addListener((changes, area) => {
    if (!contextValid()) { shutdown(); return; }
    if (!settingsMatter(changes, area)) return;
    (async () => {
      if (mode === 'content' && engine) {
        try {
          await settings.loadSettings(engine, api);
        } catch (_) { /* the options page validated it; keep the previous state */ }
      }
      lastSnapshotJson = '';
      schedule(0);
    })();
  });

  start();
})();

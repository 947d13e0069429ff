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

  const { snapshot, controlState, wire, wirePatches } = globalThis.procguardSnapshot;
  const overlay = globalThis.procguardOverlay;
  // A page that changes its structure usually does it in bursts (an SPA rendering): wait for
  // the burst to end. An edited value is one event: read it at once (`readEditSoon`), so the
  // overlay follows the technician's typing within a frame.
  const DEBOUNCE_MS = 60;
  const MAX_WAIT_MS = 250;
  const SWEEP_MS = 1000;
  const SLOT = 'page'; // the name under which the core keeps this page's snapshot

  let engine = null; // the wasm module in content mode
  let mode = null; // 'content' | 'worker'
  let elements = [];
  // The open shadow roots the last whole snapshot went into: watched like the documents.
  let shadowRoots = [];
  // The custom elements the last whole snapshot met without a shadow root: one attached later
  // (a web component drawing after its script loads) changes no observed node, and is looked
  // for every second (`sweepValues`). Else such a page was never read.
  let bareHosts = [];
  let lastSnapshotText = '';
  let lastUrl = '';
  // Between reads: the form controls whose value changed (sent as a patch of the kept
  // snapshot), and whether anything else changed (then the page is snapshotted again).
  const edited = new Set();
  let structural = true;
  let controlIndex = new Map(); // form control → its element index in the last snapshot
  let onFirstPaint = null;
  const firstPaint = new Promise((resolve) => { onFirstPaint = resolve; });
  let lastResult = null;
  let timer = 0;
  let firstUnread = 0; // when the oldest change the pending read is for was seen (`schedule`)
  let sweeping = 0; // the interval of sweepValues
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
    outside.disconnect();
    clearTimeout(timer);
    clearInterval(sweeping);
    overlay.remove();
  }

  // The storage keys of the settings (extension/settings.js `SETTING_KEYS`, sent with the
  // worker's settings pack): a change of one of them changes the result. Null until the core
  // has its pack (and in worker mode).
  let settingKeys = null;

  /**
   * The Rust core in this content script. The glue and the settings pack (the worker's
   * settings, already applied, in the form the content module reads: it has no decoder of the
   * stored directory or policy) come side by side, then the wasm (wasm-bindgen's loader
   * compiles it as it streams in).
   */
  async function loadContentEngine() {
    const site = siteOf(location.hostname);
    const [module, pack] = await Promise.all([
      import(api.runtime.getURL(`pkg/procguard_${site}.js`)),
      settingsPack(),
    ]);
    await module.default({ module_or_path: api.runtime.getURL(`pkg/procguard_${site}_bg.wasm`) });
    // A module without this site's reader would find nothing to check: the worker reads then.
    if (!module.sites().split(' ').includes(site)) throw new Error(`no ${site} reader in ${site}'s module`);
    // The first calls into a fresh instance compile what they run: loading the settings is a
    // task of its own, apart from the instantiation and from the first read (no long task).
    await new Promise((resolve) => setTimeout(resolve, 0));
    const unloaded = module.load_settings_pack(pack.pack); // '' once loaded, else why not
    if (unloaded) throw new Error(unloaded);
    settingKeys = pack.keys;
    return module;
  }

  /**
   * Now, in the browser's time zone, as RFC 3339 with its offset (`2026-11-21T10:30:00-05:00`):
   * the content script's core takes the time from here rather than carry a clock of its own.
   */
  function localNow() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const offset = -d.getTimezoneOffset();
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.trunc(abs / 60))}:${pad(abs % 60)}`;
  }

  /**
   * The worker's settings as a pack for this script's core (see `loadContentEngine`), with the
   * storage keys they are read from: `{ pack, keys }`.
   */
  async function settingsPack() {
    const answer = await send({ type: 'settings-pack' });
    if (typeof answer?.pack !== 'string' || !Array.isArray(answer.keys)) {
      throw new Error(answer?.error || 'no settings pack from the worker');
    }
    return answer;
  }

  /**
   * Which of the content script's core modules reads this host (build.sh builds one per site,
   * so that a page loads only its own site's readers and checks): the same host rules as
   * `procguard_readers::read_with`. The optional portals' hosts are settings, and this script
   * runs on them only where the worker registered it for a portal.
   */
  function siteOf(host) {
    const h = host.toLowerCase();
    const under = (domain) => h === domain || h.endsWith(`.${domain}`);
    if (h === 'app.pax8.com') return 'pax8';
    if (under('autotask.net')) return 'autotask';
    if (under('itglue.com')) return 'itglue';
    return 'portals';
  }

  async function start() {
    // The service worker has the core loaded already (or starts it): it answers the first read
    // while this script's own core loads, so the overlay does not wait for a wasm compile.
    mode = 'worker';
    observe();
    schedule(0);
    // The core's glue import and wasm instantiation keep this thread busy: they wait until the
    // first overlay is shown (or a second at most), so as not to delay the worker's answer.
    await Promise.race([firstPaint, new Promise((resolve) => setTimeout(resolve, 1000))]);
    try {
      engine = await loadContentEngine();
    } catch (error) {
      // Typically a CompileError under the page's CSP (its message is empty in Chromium), or
      // a portal host the technician added, where the extension's files are not
      // web-accessible (they are listed for the default hosts only). The worker goes on.
      engine = null;
      return;
    }
    if (!alive) return;
    // From now on the page is read here. One whole read hands the page to this core (it keeps
    // the snapshot that edits patch) and compiles its functions before the first edit.
    mode = 'content';
    lastSnapshotText = '';
    structural = true;
    schedule(0);
  }

  async function judge(snapshotText) {
    if (mode === 'content') return JSON.parse(engine.check_snapshot_in(SLOT, snapshotText, localNow()));
    return send({ type: 'check', snapshot: snapshotText });
  }

  async function judgePatch(patchText) {
    if (mode === 'content') return JSON.parse(engine.check_patch(SLOT, patchText, localNow()));
    return send({ type: 'patch', patch: patchText });
  }

  /** The edited controls' current state; a radio brings its group (the others unchecked). */
  function patchOf(controls) {
    const all = new Set(controls);
    for (const control of controls) {
      if (control.type !== 'radio' || !control.name) continue;
      const group = control.form ? control.form.elements.namedItem(control.name) : null;
      for (const radio of group?.length !== undefined ? group : control.ownerDocument.getElementsByName(control.name)) {
        if (controlIndex.has(radio)) all.add(radio);
      }
    }
    return wirePatches([...all].map((control) => {
      const state = controlState(control);
      seenStates.set(control, keyOf(state));
      return { i: controlIndex.get(control), ...state };
    }));
  }

  /** Only control values changed since the last read, and each control was in it. */
  function patchable() {
    return !structural && edited.size > 0 && lastResult && !lastResult.error && location.href === lastUrl
      && [...edited].every((control) => controlIndex.has(control) && control.isConnected);
  }

  async function run() {
    if (!alive) return;
    if (!contextValid()) { shutdown(); return; }
    const started = performance.now();
    let result = null;
    let snapped = started;
    let nodes = 0;
    let kind = 'patch';
    if (patchable()) {
      const patchText = patchOf(edited);
      edited.clear();
      snapped = performance.now();
      result = resolveDelta(await ask(() => judgePatch(patchText)));
    }
    if (!result) {
      kind = 'snapshot';
      structural = false;
      edited.clear();
      const snap = snapshot(document);
      bareHosts = snap.bare;
      const snapshotText = wire(snap);
      snapped = performance.now();
      if (snapshotText === lastSnapshotText) {
        // Nothing the readers could see changed, but the page may have drawn it anew (a
        // framework rendering the same markup into fresh elements): the hold and the markers
        // follow the new elements. Kept on the old ones, a Place Order drawn anew was not
        // held (they were no longer on the page) until something else changed.
        if (lastResult && snap.elements.some((el, at) => el !== elements[at])) {
          elements = snap.elements;
          shadowRoots = snap.shadowRoots;
          controlIndex = indexControls(elements, snap.nodes);
          overlay.render(lastResult, elements, { mode, onOrderIntent: startOrderIntent });
          reconnect();
        }
        return;
      }
      lastSnapshotText = snapshotText;
      lastUrl = location.href;
      elements = snap.elements;
      shadowRoots = snap.shadowRoots;
      nodes = snap.nodes.length;
      controlIndex = indexControls(elements, snap.nodes);
      result = await ask(() => judge(snapshotText));
      if (mode === 'content' && !warmed && nodes >= WARM_UP_NODES) warmUp(snapshotText);
    } else {
      lastSnapshotText = ''; // the values moved on from the last whole snapshot
    }
    if (!result || !alive) return;
    lastResult = result;
    const judged = performance.now();
    // procguard's own UI is a shadow root on <html>, outside the observed <body>: painting it
    // triggers no read. A whole read may have met new frames: they are observed from now on.
    const paint = overlay.render(result, elements, { mode, onOrderIntent: startOrderIntent });
    if (kind === 'snapshot') reconnect();
    const paintedAt = performance.now();
    onFirstPaint();
    report(result, {
      kind, snapshot_ms: snapped - started, judge_ms: judged - snapped, paint_ms: paintedAt - judged,
      total_ms: paintedAt - started, painted_at_ms: paintedAt, nodes, paint: paint || null,
    });
  }

  /**
   * A patch's answer is a delta of the previous result: each unchanged finding (and cart
   * line) is its index there, a run of them `[first, last]`. Null when it cannot be resolved
   * (the core no longer keeps the page, or it built on a result this script did not get):
   * the page is then read whole.
   */
  function resolveDelta(answer) {
    if (!answer || answer.stale) return null;
    if (!answer.delta) return answer; // an error result
    if (!lastResult || lastResult.seq !== answer.base) return null;
    const findings = expand(answer.findings, lastResult.findings || []);
    const { delta, base, lines_delta: linesDelta, ...rest } = answer;
    // A cart's lines likewise, by their places in the previous page's.
    if (linesDelta && rest.page) rest.page.lines = expand(linesDelta, lastResult.page?.lines || []);
    return { ...rest, findings };
  }

  /** A delta's list: an index is that entry of `previous`, `[first, last]` the run of them. */
  function expand(list, previous) {
    const out = [];
    for (const entry of list) {
      if (typeof entry === 'number') out.push(previous[entry]);
      else if (Array.isArray(entry)) for (let at = entry[0]; at <= entry[1]; at++) out.push(previous[at]);
      else out.push(entry);
    }
    return out;
  }

  /** The core's answer, or an error result to show (never a silent pass). */
  async function ask(question) {
    try {
      return await question();
    } catch (error) {
      if (!contextValid()) { shutdown(); return null; }
      return { error: String(error?.message || error) };
    }
  }

  // V8 runs wasm first as baseline code and optimises the functions that run a lot: on a
  // large cart the first edits took 5-7 ms in the core, the later ones under 2 ms. Reading
  // the page a few times while the browser is idle, in a slot of its own, gets the reading and
  // judging code optimised before the technician's first edit: whole reads (a page that
  // changes shape), and mostly edits of one field back and forth, which is what a technician
  // does and which runs other code (one row read again, the per-line checks on one line).
  // Small pages need no warming.
  const WARM_UP_NODES = 1500;
  const WARM_UP_READS = 48;
  let warmed = false;
  function warmUp(snapshotText) {
    warmed = true;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 10 }), 50));
    const edits = warmUpEdits();
    let reads = 0;
    // As many reads as fit in each idle period (one takes a few ms on a large cart).
    const step = (deadline) => {
      do {
        if (!alive || mode !== 'content' || reads >= WARM_UP_READS) { engine?.forget_slot('warm-up'); return; }
        if (reads % 6 === 0) engine.check_snapshot_in('warm-up', snapshotText, '');
        else engine.check_patch('warm-up', edits[reads % 2], '');
        reads += 1;
      } while (deadline.timeRemaining() > 8);
      idle(step, { timeout: 2000 });
    };
    idle(step, { timeout: 2000 });
  }

  /**
   * Two patches of the warm-up slot: the first field holding a number (a quantity, on a
   * cart) changed by one, and back as it is; else the first text field; no patch (`''`) when
   * the page has neither. Only the warm-up slot sees them: the page is untouched.
   */
  function warmUpEdits() {
    let text = null;
    for (const [control, i] of controlIndex) {
      if (control.tagName !== 'INPUT') continue;
      const { v } = controlState(control);
      if (v === undefined) continue;
      if (/^\d+$/.test(v)) return [wirePatches([{ i, v }]), wirePatches([{ i, v: String(Number(v) + 1) }])];
      text ??= [wirePatches([{ i, v }]), wirePatches([{ i, v: `${v}1` }])];
    }
    return text || ['', ''];
  }

  /**
   * The form controls of a snapshot by element index, and their states as the snapshot took
   * them (its nodes carry each control's state: it is not read a second time).
   */
  function indexControls(list, nodes) {
    const index = new Map();
    seenStates = new Map();
    for (const node of nodes) {
      const el = node.i === undefined ? null : list[node.i];
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
        index.set(el, node.i);
        seenStates.set(el, keyOf(node));
      }
    }
    return index;
  }

  // A script may set a control's value as a property (a stepper's +/- buttons, a field filled
  // in after a lookup): no event and no mutation tells of it. After each click, and once a
  // second while the tab is shown, the controls of the last read are compared with what they
  // hold now (a few hundred reads of `value` on a large cart, well under a millisecond); a
  // difference is read as an edit.
  let seenStates = new Map(); // control → its state as the last read saw it
  /** A control's state (`controlState`, or a snapshot node carrying it) as one comparable key. */
  const keyOf = (state) => JSON.stringify([state.v, state.sv, state.k]);
  const stateKey = (control) => keyOf(controlState(control));
  function sweepValues() {
    if (!alive || timer || document.visibilityState === 'hidden') return; // a whole read is due
    if (bareHosts.some((host) => host.shadowRoot)) { changed(); return; }
    for (const control of controlIndex.keys()) {
      if (control.isConnected && stateKey(control) !== seenStates.get(control)) edit(control);
    }
  }
  sweeping = setInterval(sweepValues, SWEEP_MS);

  // The worker keeps each result (popup, learning, tests). Sending it copies the whole result,
  // a few ms on a large cart: that waits until the browser has shown the overlay.
  const later = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 1));
  function report(result, timings) {
    if (!result.page && !result.error) return;
    const url = location.href;
    const readIn = mode;
    later(() => {
      send({ type: 'report', mode: readIn, url, timings, result })
        .catch(() => { /* worker restarting; the next change reports again */ });
    }, { timeout: 500 });
  }

  /** Runs a read after `delay` (a new call restarts the wait: the debounce). */
  function schedule(delay = DEBOUNCE_MS) {
    const now = performance.now();
    if (!timer) firstUnread = now;
    clearTimeout(timer);
    // Never later than MAX_WAIT_MS after the first change not yet read: a page that never
    // stops changing (an animation writing a style every frame, a clock ticking every 40 ms)
    // re-armed the wait for ever, and was never read at all (no overlay, nothing held).
    timer = setTimeout(() => { timer = 0; run(); }, Math.max(0, Math.min(delay, firstUnread + MAX_WAIT_MS - now)));
  }

  /** Something other than a control's value changed: the next read takes a whole snapshot. */
  function changed() {
    structural = true;
    schedule();
  }

  /** A form control's value changed (typing, a pick, a framework setting `value`). */
  function edit(control) {
    if (!controlIndex.has(control)) { changed(); return; }
    edited.add(control);
    if (structural) schedule(); // a whole read is coming; it takes the edit along
    else readEditSoon();
  }

  // An edit is read in a task of its own, ahead of the page's timers: a plain setTimeout(0)
  // was seen waiting 20-50 ms behind the page's other work while the technician typed.
  let editQueued = false;
  function readEditSoon() {
    if (editQueued) return;
    editQueued = true;
    const go = () => {
      editQueued = false;
      if (!timer) run(); // else a whole read is due and takes the edit along
    };
    if (globalThis.scheduler?.postTask) globalThis.scheduler.postTask(go, { priority: 'user-blocking' });
    else setTimeout(go, 0);
  }

  // Watch only what can change a reading: structure, text, and the attributes that hide,
  // show or set values. Typing does not mutate the DOM, so input events are watched too.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (record.type === 'attributes' && record.attributeName === 'value' && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) {
        edit(target);
      } else {
        changed();
        return;
      }
    }
  });
  // Changes outside <body> that change what it shows, each of which went unread: a new
  // <body> put in place of the old (Turbo Drive, PJAX), then watched; a class or style on
  // <html> (`<html class="loading">` hiding the page until it is ready); a stylesheet or the
  // title changed in <head>. procguard's own host on <html> is none of them.
  const outside = new MutationObserver((records) => {
    for (const record of records) {
      if (record.target !== document.documentElement || record.type === 'attributes') {
        changed();
        return;
      }
      if ([...record.addedNodes].includes(document.body)) {
        reconnect();
        changed();
        return;
      }
    }
  });
  const OBSERVED = {
    subtree: true, childList: true, characterData: true, attributes: true,
    // What shows or hides a node, a control's state, and what names a node (a tooltip's
    // full name, an aria-label) or says what it is: the snapshot's attributes that readers
    // use. A title or aria-label set after load went unread.
    attributeFilter: ['value', 'hidden', 'aria-hidden', 'style', 'class', 'open', 'aria-checked', 'aria-selected', 'aria-pressed', 'aria-valuenow', 'selected', 'checked',
      'title', 'aria-label', 'aria-labelledby', 'aria-describedby', 'placeholder', 'alt', 'role', 'for', 'datetime', 'disabled', 'aria-disabled', 'readonly', 'aria-readonly', 'contenteditable'],
  };
  // Same-origin frames (the Autotask shell loads the ticket into one, after itself) are read
  // with the top document, so their changes and their typing are watched too.
  const watchedDocs = new WeakSet();
  function watchDoc(doc) {
    if (watchedDocs.has(doc)) return;
    watchedDocs.add(doc);
    for (const type of ['input', 'change']) {
      doc.addEventListener(type, (event) => {
        const target = event.composedPath?.()[0] || event.target;
        if (target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT') edit(target);
        else changed(); // a contenteditable, a custom control
      }, true);
    }
    // A frame finishing its load (load does not bubble, but capture sees it) changes the page.
    doc.addEventListener('load', (event) => { if (event.target?.tagName === 'IFRAME') changed(); }, true);
    // A stylesheet's animation or transition that shows or hides what is there changes no
    // node (a page revealed by `animation: reveal` was never read): the end of one is a change.
    for (const type of ['animationend', 'transitionend']) doc.addEventListener(type, changed, true);
    // A form in a web component submits inside its shadow root only (submit is not composed).
    if (doc.nodeType === Node.DOCUMENT_FRAGMENT_NODE) doc.addEventListener('submit', guardSubmit, true);
    else if (doc !== document) guard(doc);
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
    // Mutations inside a shadow root are not seen from its document, and `change` does not
    // leave it (it is not composed): each open root the snapshot read is watched itself.
    for (const root of shadowRoots) {
      if (!root.host?.isConnected) continue;
      watchDoc(root);
      observer.observe(root, OBSERVED);
    }
  }
  function observe() {
    watchDoc(document);
    // A narrower window can show another copy of the page (a small-screen layout with its own
    // Place Order): what is shown, and so what is held, is read again.
    window.addEventListener('resize', changed);
    outside.observe(document.documentElement, { childList: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
    if (document.head) outside.observe(document.head, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['media', 'disabled'] });
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
        try { press(target); target.click(); } finally { bypassHold = false; }
      },
    });
  }

  /** A click on Place Order that went through: the orders are recorded for their tickets. */
  function noteOrderPlaced(target) {
    if (lastResult?.page?.kind !== 'pax8-cart' || !elementsAt(lastResult.final_targets).some((el) => el.contains(target))) return;
    send({ type: 'order-placed', page: lastResult.page }).catch(() => {});
  }

  // What was clicked or typed in, inside a web component too (at the window, `target` is the
  // outermost shadow host).
  const originOf = (event) => event.composedPath?.()[0] || event.target;

  function onClick(event) {
    if (!alive || orphaned()) return;
    const clicked = originOf(event);
    if (bypassHold) { noteOrderPlaced(clicked); return; }
    const target = holdTargetOf(clicked);
    if (target) hold(event, target);
    else noteOrderPlaced(clicked);
    // After the page's own click handlers, and after a handler that waits a frame.
    setTimeout(sweepValues, 0);
    setTimeout(sweepValues, 250);
  }

  // Enter or Space on the held button itself: a design system's `<div role="button">` acts
  // on its own key handlers, with no click event to hold. Else Enter in a form that a held
  // button would submit.
  function onKeydown(event) {
    const activates = event.key === 'Enter' || event.key === ' ';
    if (bypassHold || !alive || !activates || !lastResult?.holds_checkout || orphaned()) return;
    const origin = originOf(event);
    const own = holdTargetOf(origin);
    if (own) { hold(event, own); return; }
    const form = event.key === 'Enter' && origin?.closest?.('form');
    const target = form && holdTargetIn(form);
    if (target) hold(event, target);
  }
  // Such a button acts on Space when the key comes up.
  function onKeyup(event) {
    if (bypassHold || !alive || event.key !== ' ' || !holdTargetOf(originOf(event)) || orphaned()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  // A button that acts when pressed or released rather than on its click (a design
  // system's `onPointerDown`, `onMouseUp`): the press and release on a held button never
  // reach the page, and the click that follows them shows the hold.
  const PRESS_AND_RELEASE = ['pointerdown', 'mousedown', 'pointerup', 'mouseup'];
  const PRESSES = [...PRESS_AND_RELEASE, 'touchstart', 'touchend'];
  function onPress(event) {
    if (bypassHold || !alive || !holdTargetOf(originOf(event)) || orphaned()) return;
    event.stopImmediatePropagation();
  }
  /** After an override, the press and release a real click brings, for such a button. */
  function press(target) {
    for (const type of PRESS_AND_RELEASE) target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, composed: true }));
  }

  function guardSubmit(event) {
    if (bypassHold || !alive || !lastResult?.holds_checkout || orphaned()) return;
    const target = holdTargetIn(event.target);
    if (target) hold(event, target);
  }
  /**
   * Holds the guarded action in `target` (this window, or a same-origin frame's document,
   * which this script reads: the Autotask shell's ticket frame, whose clicks, keys and
   * submits never reach this window).
   */
  function guard(target) {
    target.addEventListener('click', onClick, true);
    target.addEventListener('keydown', onKeydown, true);
    target.addEventListener('keyup', onKeyup, true);
    target.addEventListener('submit', guardSubmit, true);
    for (const type of PRESSES) target.addEventListener(type, onPress, true);
  }
  guard(window);

  // The popup's "Show on page": scroll to the finding's field and flash its card.
  api.runtime.onMessage.addListener((message) => {
    if (message?.type !== 'reveal' || !alive) return;
    const target = elements[message.anchor];
    if (target?.isConnected) target.scrollIntoView({ block: 'center', behavior: 'instant' });
    overlay.reveal(message.id);
  });

  /** Whether a storage change can change the result (as extension/settings.js
   * `settingsChanged` says). Without the keys (worker mode), any change but the audit log's is
   * taken to. */
  function settingsMatter(changes, area) {
    if (settingKeys) return (area === 'local' || area === 'managed') && settingKeys.some((key) => key in changes);
    return area === 'managed' || (area === 'local' && Object.keys(changes).some((key) => key !== 'audit'));
  }

  // A new directory or policy takes effect on the open page.
  api.storage.onChanged.addListener((changes, area) => {
    if (!contextValid()) { shutdown(); return; }
    if (!settingsMatter(changes, area)) return;
    (async () => {
      if (mode === 'content' && engine) {
        // A pack the worker could not make, or this module not read ('' when it did): the
        // previous settings stay.
        try {
          engine.load_settings_pack((await settingsPack()).pack);
        } catch (_) { /* the worker could not load them: keep the previous state */ }
      }
      lastSnapshotText = '';
      structural = true;
      schedule(0);
    })();
  });

  start();
})();

// Hardening (issue 9) in a real browser: hostile page text is shown as text and never runs,
// the page cannot reach procguard's data, a checkout procguard cannot read says so, bad
// directory files change nothing, the extension makes no network requests of its own, and an
// extension reload or a service worker restart leaves no broken page and loses nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  EXTENSION, FIXTURES, STRICT_CSP, auditLog, fixtureUrl, importDirectory, inspectCase, launch, overlayProbe,
  serveFixture, setUser, stableResult, summary, withToday,
} from './harness.mjs';

// The content script's core modules, one per site (build.sh CONTENT_SITES).
const SITES = ['pax8', 'autotask', 'itglue', 'portals'];
const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
const CASE_B = path.join(FIXTURES, 'pax8-cart/b-checkout-customer-contact-typo');
const TICKET_B = path.join(FIXTURES, 'autotask-ticket/b-hudson-activity-draft');
const DIRECTORY = path.join(FIXTURES, 'directory.json');
const VIEWPORT = { width: 1360, height: 900 };

// Page text that would run if anything put it in the DOM as markup.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const LINK = '<a href="javascript:window.__pwned=3">open</a>';
const RTL = '\u202e';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060';

/**
 * What the readers make of page text: the invisible characters snapshot.js drops inside words
 * (soft hyphen, zero-width space, word joiner, byte order mark, direction marks) are gone,
 * runs of spaces collapse. The zero-width joiners and the RTL override are kept, as text.
 */
const shown = (text) => text.replace(/[\u00ad\u061c\u200b\u200e\u200f\u2060\ufeff]/g, '').replace(/ {2,}/g, ' ').trim();
const escapeHtml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const page = (caseDir) => withToday(readFileSync(path.join(caseDir, 'page.html'), 'utf8'));

/** Case a with the cart line's product name (and its link) replaced. */
function productVariant(name, href = null) {
  const html = page(CASE_A).replace('data-testid="cart-line-product">Visio Plan 2<', `data-testid="cart-line-product">${escapeHtml(name)}<`);
  return href ? html.replace('href="/marketplace/products/cfq7ttc0hd33-p1m"', `href="${href}"`) : html;
}

/** A CDP view of procguard's closed shadow root: node boxes and texts, as a debugger sees them. */
async function overlayBoxes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  let shadow = null;
  const stack = [root];
  while (stack.length && !shadow) {
    const node = stack.pop();
    if (node.nodeName === 'PROCGUARD-OVERLAY' && node.shadowRoots?.length) shadow = node.shadowRoots[0];
    for (const child of node.children || []) stack.push(child);
  }
  assert.ok(shadow, 'procguard drew its overlay');
  async function boxes(selector) {
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: shadow.nodeId, selector });
    const out = [];
    for (const nodeId of nodeIds) {
      const box = await cdp.send('DOM.getBoxModel', { nodeId }).catch(() => null); // hidden: no box
      if (!box) continue;
      const [x1, y1, , , x3, y3] = box.model.border;
      out.push({ left: x1, top: y1, right: x3, bottom: y3, width: box.model.width, height: box.model.height });
    }
    return out;
  }
  return { boxes, detach: () => cdp.detach().catch(() => {}) };
}

/** Asserts the panel sits inside the 1360x900 viewport and nothing of it is wider than it. */
async function assertFits(page) {
  const view = await overlayBoxes(page);
  try {
    const [panel] = await view.boxes('.panel');
    assert.ok(panel, 'the panel is drawn');
    assert.ok(panel.left >= 0 && panel.top >= 0, `panel at ${panel.left},${panel.top}`);
    assert.ok(panel.right <= VIEWPORT.width && panel.bottom <= VIEWPORT.height, `panel ends at ${panel.right},${panel.bottom}`);
    assert.ok(panel.width <= 400 && panel.height <= VIEWPORT.height * 0.5 + 1, `panel is ${panel.width}x${panel.height}`);
    for (const card of await view.boxes('.finding')) {
      assert.ok(card.width <= panel.width, `a card (${card.width}px) is no wider than the panel (${panel.width}px)`);
    }
    const scrollX = await page.evaluate(() => window.scrollX);
    for (const marker of await view.boxes('.marker')) {
      assert.ok(marker.width <= 262, `a marker is ${marker.width}px wide`);
      assert.ok(marker.left + scrollX >= 0 && marker.right <= VIEWPORT.width + scrollX, `marker from ${marker.left} to ${marker.right}`);
    }
  } finally {
    await view.detach();
  }
}

/** Opens a fixture page in a new tab with `init` run in the page's own world before its scripts. */
async function openCase(session, caseDir, { html, url, init, initArg } = {}) {
  const served = await serveFixture(session.context, caseDir, { html, url });
  const tab = await session.context.newPage();
  tab.on('close', served.stop);
  if (init) await tab.addInitScript(init, initArg);
  const since = new Date().toISOString();
  await tab.goto(served.url);
  const entry = await stableResult(session, served.url, { since });
  return { page: tab, entry, url: served.url };
}

/** An extension page standing in for the worker handle: the same chrome.storage areas. */
async function extensionView(session) {
  const view = await session.context.newPage();
  try {
    await view.goto(`chrome-extension://${session.extensionId}/popup.html?tab=-1`);
    await view.waitForFunction(() => Boolean(globalThis.chrome?.storage?.session));
  } catch (error) {
    await view.close().catch(() => {});
    throw error;
  }
  return { evaluate: (fn, arg) => view.evaluate(fn, arg), close: () => view.close().catch(() => {}) };
}

const stored = (session, key) => session.worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

describe('hardening', () => {
  let session;
  let scratch;
  before(async () => {
    session = await launch();
    scratch = mkdtempSync(path.join(tmpdir(), 'procguard-hardening-'));
    await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
    await importDirectory(session, DIRECTORY);
  });
  after(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('a product name full of markup, a javascript: link, RTL and zero-width text is shown as text and runs nothing', async () => {
    const name = `${IMG}${SCRIPT}${LINK} ${RTL}Visio${ZERO_WIDTH} Plan 9`;
    const { page: tab, entry } = await openCase(session, CASE_A, { html: productVariant(name, 'javascript:window.__pwned=4') });
    try {
      assert.equal(entry.result.page.lines[0].product, shown(name), 'read exactly as the page shows it');
      const probe = await overlayProbe(tab);
      const cards = (await probe.texts('.finding')).join('\n');
      assert.ok(cards.includes(shown(name)), `the name appears literally in the overlay:\n${cards}`);
      const markers = (await probe.texts('.marker')).join('\n');
      assert.ok(markers.length > 0, 'a marker is drawn next to the line');
      // Nothing the overlay holds is an element the page text made.
      assert.equal((await probe.all('img, script, a, iframe, object, embed')).length, 0, 'no element from page text');
      assert.equal(await tab.evaluate(() => window.__pwned), undefined, 'nothing ran');
      await assertFits(tab);
    } finally {
      await tab.close();
    }
  });

  test('page text holding the characters the snapshot\'s wire format ends and escapes with (U+001B-U+001F) is read exactly as the page shows it', async () => {
    const name = 'Visio \x1b[ Plan\x1f 2 \x1e\x1d\x1c\x1b';
    const { page: tab, entry } = await openCase(session, CASE_A, { html: productVariant(name) });
    try {
      assert.equal(entry.result.page.lines[0].product, name, 'read exactly as the page shows it');
      assert.deepEqual(entry.result.page.unreadable_fields || [], [], 'nothing else is unreadable');
    } finally {
      await tab.close();
    }
  });

  test('a customer name full of markup is shown as text in the unknown-customer finding', async () => {
    const name = `${IMG}${SCRIPT} Acme ${RTL}Dental${ZERO_WIDTH}`;
    const html = page(CASE_A).replace('data-testid="cart-company-name">Acme Dental LLC<', `data-testid="cart-company-name">${escapeHtml(name)}<`);
    const { page: tab, entry } = await openCase(session, CASE_A, { html });
    try {
      assert.equal(entry.result.page.customer, shown(name));
      assert.ok(summary(entry).findings.some((f) => f.id === 'page.customer-unknown'), JSON.stringify(summary(entry).findings));
      const probe = await overlayProbe(tab);
      const card = (await probe.texts('.finding')).find((c) => c.includes('page.customer-unknown'));
      assert.ok(card?.includes(shown(name)), `the name appears literally: ${card}`);
      assert.equal((await probe.all('img, script, a')).length, 0);
      assert.equal(await tab.evaluate(() => window.__pwned), undefined, 'nothing ran');
      await assertFits(tab);
    } finally {
      await tab.close();
    }
  });

  test('a 5,000-character product name keeps the overlay inside the window', async () => {
    const name = `Visio ${'W'.repeat(5000)}`;
    const { page: tab, entry } = await openCase(session, CASE_A, { html: productVariant(name) });
    try {
      assert.equal(entry.result.page.lines[0].product, name);
      const probe = await overlayProbe(tab);
      const cards = (await probe.texts('.finding')).join('\n');
      assert.ok(cards.includes(name), 'the whole name is in the card, wrapped, not cut');
      await assertFits(tab);
      // The panel still scrolls and folds: its toggle is where the technician can reach it.
      await probe.click('.toggle');
      await probe.waitFor('.list[hidden]');
      await probe.click('.toggle');
      await probe.waitFor('.list[hidden]', { present: false });
    } finally {
      await tab.close();
    }
  });

  test('a note being written with markup in it is shown as text on an Autotask ticket', async () => {
    const hostile = `${IMG}${SCRIPT}${LINK}`;
    const html = page(TICKET_B).replace('you can also reach our help desk directly at 551-212-0048.', `you can also reach our help desk directly at 551-212-0048. ${escapeHtml(hostile)} ${RTL}${ZERO_WIDTH}`);
    assert.ok(html.includes(escapeHtml(hostile)), 'the fixture still has the draft sentence');
    const { page: tab, entry } = await openCase(session, TICKET_B, { html });
    try {
      assert.ok(entry.result.page.draft.text.includes(hostile), JSON.stringify(entry.result.page.draft));
      assert.ok(summary(entry).findings.some((f) => f.id === 'ticket.confidential-number'));
      const probe = await overlayProbe(tab);
      assert.equal((await probe.all('img, script, a')).length, 0);
      assert.equal(await tab.evaluate(() => window.__pwned), undefined, 'nothing ran');
      // The draft editor itself still holds only what the page put there.
      assert.equal(await tab.evaluate(() => document.querySelectorAll('.ContentEditable2 img, .ContentEditable2 script').length), 0);
      await assertFits(tab);
    } finally {
      await tab.close();
    }
  });

  test('the page cannot reach the directory, the findings or the audit log', async () => {
    // The page's own script, before procguard runs: it hooks what a hostile page would hook.
    const spy = () => {
      window.__seen = { shadowRoots: 0, messages: [], events: [] };
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        window.__seen.shadowRoots += 1;
        window.__stolen = root;
        return root;
      };
      window.addEventListener('message', (e) => window.__seen.messages.push(String(JSON.stringify(e.data)).slice(0, 200)));
      for (const type of ['procguard', 'procguard:result', 'result']) {
        document.addEventListener(type, (e) => window.__seen.events.push(type));
      }
    };
    const { page: tab, entry } = await openCase(session, CASE_B, { init: spy });
    try {
      assert.equal(entry.result.holds_checkout, true);
      const probe = await overlayProbe(tab);
      await tab.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      const reason = 'customer asked twice on the phone';
      await tab.keyboard.type(reason);

      const seen = await tab.evaluate(() => {
        const host = document.querySelector('procguard-overlay');
        const attributes = [];
        for (const el of document.querySelectorAll('*')) {
          for (const attr of el.attributes) {
            if (/procguard|^data-pg/i.test(attr.name) || /procguard/i.test(attr.value)) attributes.push(`${el.tagName}[${attr.name}=${attr.value}]`);
          }
        }
        return {
          host: Boolean(host),
          shadowRoot: host?.shadowRoot ?? null,
          hostChildren: host?.childNodes.length,
          hostAttributes: host ? [...host.attributes].map((a) => `${a.name}=${a.value}`) : [],
          attributes,
          globals: Object.getOwnPropertyNames(window).filter((n) => /procguard|^pg[A-Z_]/i.test(n)),
          chrome: {
            storage: typeof globalThis.chrome?.storage,
            runtime: typeof globalThis.chrome?.runtime?.sendMessage,
          },
          html: document.documentElement.outerHTML,
          text: document.body.innerText,
          storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
          stolen: window.__stolen === undefined ? null : String(window.__stolen),
          spied: window.__seen,
          pwned: window.__pwned,
        };
      });
      assert.equal(seen.host, true, 'the overlay host is in the page');
      assert.equal(seen.shadowRoot, null, 'its shadow root is closed to the page');
      assert.equal(seen.hostChildren, 0, 'the host carries nothing in the light DOM');
      assert.deepEqual(seen.hostAttributes, ['data-procguard-host='], 'the host marker is the only attribute, and empty');
      assert.deepEqual(seen.attributes, ['PROCGUARD-OVERLAY[data-procguard-host=]'], 'no other procguard attribute in the page');
      assert.deepEqual(seen.globals, [], 'no procguard global in the page world');
      assert.equal(seen.chrome.storage, 'undefined', 'chrome.storage does not exist in the page world');
      assert.equal(seen.chrome.runtime, 'undefined', 'the page cannot message the extension');
      assert.equal(seen.stolen, null, 'the page\'s hook on attachShadow never saw procguard\'s root');
      assert.equal(seen.spied.shadowRoots, 0);
      assert.deepEqual(seen.spied.messages, [], 'nothing is posted to the page');
      assert.deepEqual(seen.spied.events, []);
      assert.equal(seen.storage, '{}{}', 'nothing in the page\'s storage or cookies');
      // What procguard knows and the page does not show: finding ids, the directory's other
      // customers and people, the reason being typed.
      for (const secret of ['order.primary-contact-is-msp', 'order.domain-matches-customer', 'Hudson Law', 'Roberta Diaz', 'Mission Control', reason]) {
        assert.ok(!seen.html.includes(secret) && !seen.text.includes(secret), `the page's DOM does not contain \`${secret}\``);
      }
      // The audit log and the stored directory are there, in the extension only.
      assert.ok((await auditLog(session)).some((r) => r.action === 'held' && r.url === tab.url()));
      assert.equal(await stored(session, 'directory'), readFileSync(DIRECTORY, 'utf8'));
    } finally {
      await tab.close();
    }
  });

  test('a Pax8 checkout whose cart procguard cannot read says so (page.unreadable) instead of showing nothing', async () => {
    const variants = {
      // The order lines drawn on a canvas.
      canvas: (html) => html.replace(/<ul class="MuiList-root css-jw8qf3d"[\s\S]*?<\/li><\/ul>/, '<canvas width="300" height="120" aria-label="Order lines"></canvas>'),
      // The lines as unlabeled div soup: no table, no "Term:", no "Qty".
      soup: (html) => html.replace(/<ul class="MuiList-root css-jw8qf3d"[\s\S]*?<\/li><\/ul>/, '<div><div><div>Visio Plan 2</div><div>2</div><div>M</div></div></div>'),
    };
    for (const [name, change] of Object.entries(variants)) {
      const html = change(page(CASE_B));
      assert.notEqual(html, page(CASE_B), `${name}: the variant changed the page`);
      const { page: tab, entry } = await openCase(session, CASE_B, { html });
      try {
        const found = summary(entry);
        assert.ok(found.page, `${name}: procguard still reports the checkout`);
        const unreadable = entry.result.findings.find((f) => f.id === 'page.unreadable');
        assert.ok(unreadable, `${name}: page.unreadable is reported: ${JSON.stringify(found.findings)}`);
        assert.equal(unreadable.severity, 'warn');
        assert.ok(entry.result.page.unreadable_fields.includes('lines'), JSON.stringify(entry.result.page.unreadable_fields));
        assert.ok(entry.result.hold_targets.length > 0, `${name}: Place Order is still found`);
        const probe = await overlayProbe(tab);
        const card = (await probe.texts('.finding')).find((c) => c.includes('page.unreadable'));
        assert.ok(card, `${name}: the overlay shows that procguard could not check the lines`);
        assert.match(card, /lines/);
      } finally {
        await tab.close();
      }
    }
  });

  test('bad directory files name the problem and leave the stored directory byte for byte', async () => {
    await importDirectory(session, DIRECTORY);
    const before = await stored(session, 'directory');
    const good = readFileSync(DIRECTORY, 'utf8');
    const write = (name, content) => { const file = path.join(scratch, name); writeFileSync(file, content); return file; };

    const future = JSON.parse(good);
    future.format = 'procguard/directory@2';
    const duplicate = JSON.parse(good);
    duplicate.customers[2].id = duplicate.customers[0].id;
    const noId = JSON.parse(good);
    delete noId.customers[1].id;
    // 50 MB: valid JSON, far past what a directory may be.
    const huge = JSON.parse(good);
    huge.x_padding = 'x'.repeat(50 * 1024 * 1024);
    const latin1 = Buffer.from(good.replace('Acme Dental LLC', 'Acme Dentál LLC'), 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]);

    const cases = [
      [write('future.json', JSON.stringify(future, null, 2)), /future\.json: line 2, column \d+, at `format`: this is not a directory: its `format` is `procguard\/directory@2`, not `procguard\/directory@1`.*Nothing was changed\./s],
      [write('duplicate.json', JSON.stringify(duplicate, null, 2)), new RegExp(`duplicate\\.json: line \\d+, column \\d+, at \`customers\\[2\\]\\.id\`: duplicate customer id \`${duplicate.customers[0].id}\` \\(also \`customers\\[0\\]\`\\).*Nothing was changed\\.`, 's')],
      [write('no-id.json', JSON.stringify(noId, null, 2)), /no-id\.json: line \d+, column \d+, at `customers\[1\]\.id`: customer `[^`]+` has no `id`.*Nothing was changed\./s],
      [write('huge.json', JSON.stringify(huge)), /huge\.json: 50\.0 MB is larger than the 8 MB a directory may be.*Nothing was changed\./s],
      [write('latin1.json', latin1), /latin1\.json: not UTF-8 text.*Nothing was changed\./s],
      [write('utf16.json', utf16), /utf16\.json: not UTF-8 text.*Nothing was changed\./s],
    ];
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.waitForSelector('body[data-ready="true"]');
    try {
      for (const [file, pattern] of cases) {
        await options.evaluate(() => { document.getElementById('dir-preview').className = ''; });
        await options.setInputFiles('#dir-file', file);
        await options.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('dir-preview').className));
        const shown = await options.textContent('#dir-preview');
        assert.equal(await options.getAttribute('#dir-preview', 'class'), 'error', `${path.basename(file)}: ${shown}`);
        assert.match(shown, pattern);
        assert.equal(await options.isDisabled('#dir-apply'), true, 'Apply stays disabled');
        assert.equal(await stored(session, 'directory'), before, `${path.basename(file)} left the stored directory unchanged`);
      }
    } finally {
      await options.close();
    }
  });

  test('the extension makes no network requests of its own', async () => {
    const requests = [];
    const record = (request) => {
      let worker = null;
      try { worker = request.serviceWorker()?.url() || null; } catch (_) { worker = null; }
      requests.push({ url: request.url(), frame: (() => { try { return request.frame()?.url() || ''; } catch (_) { return ''; } })(), worker });
    };
    session.context.on('request', record);
    const servedOrigins = new Set();
    try {
      for (const [caseDir, options] of [[CASE_A, {}], [CASE_B, {}], [TICKET_B, {}], [CASE_B, { csp: STRICT_CSP }]]) {
        servedOrigins.add(new URL(fixtureUrl(caseDir)).origin);
        const { page: tab } = await inspectCase(session, caseDir, options);
        await tab.close();
      }
      for (const view of ['options.html', 'popup.html?tab=-1']) {
        const tab = await session.context.newPage();
        await tab.goto(`chrome-extension://${session.extensionId}/${view}`);
        await tab.waitForSelector('body[data-ready="true"]').catch(() => {});
        await tab.waitForTimeout(500);
        await tab.close();
      }
      // A check in the service worker (worker mode) and an audit record go through it too.
      await session.worker.evaluate(() => chrome.storage.local.get('directory'));
    } finally {
      session.context.off('request', record);
    }
    assert.ok(requests.length > 0, 'requests were recorded');
    const extensionOrigin = `chrome-extension://${session.extensionId}`;
    const offending = requests.filter(({ url, frame, worker }) => {
      const origin = url.startsWith('chrome-extension://') ? url.split('/').slice(0, 3).join('/') : (() => { try { return new URL(url).origin; } catch (_) { return url; } })();
      if (url.startsWith('data:') || url.startsWith('blob:')) return false;
      if (origin === extensionOrigin) return false; // its own packaged files
      const fromExtension = Boolean(worker) || frame.startsWith('chrome-extension://');
      if (fromExtension) return true; // the extension fetching anything outside itself
      return !servedOrigins.has(origin); // the fixture pages load nothing from elsewhere
    });
    assert.deepEqual(offending, [], 'no request leaves the browser');

    // And in the shipped code: no network API is called anywhere but wasm-bindgen's loaders
    // (both modules' glue), which fetch the packaged .wasm by its chrome-extension:// URL.
    const NETWORK = /\b(fetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|importScripts|WebTransport)/g;
    for (const file of readdirSync(EXTENSION, { recursive: true }).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(path.join(EXTENSION, file), 'utf8');
      const calls = [...text.matchAll(NETWORK)].map((m) => m[1].replace(/\s+/g, ''));
      if (['wasm', ...SITES].some((m) => file === path.join('pkg', `procguard_${m}.js`))) {
        assert.ok(calls.every((c) => c === 'fetch('), `${file}: ${calls.join(', ')}`);
      } else {
        assert.deepEqual(calls, [], `${file} calls no network API`);
      }
    }
  });

  test('pages can load only the content script\'s per-site builds of the core, each with its own site only, its settings from a pack, and no lookup, import, policy or audit exports', async () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));
    const exposed = manifest.web_accessible_resources.flatMap((r) => r.resources);
    assert.ok(!exposed.some((f) => f.startsWith('pkg/procguard_wasm')), `the pages' module is not web-accessible: ${exposed.join(', ')}`);
    // What each module really exports, read from the wasm (the packaged glue is minified).
    const exports = (file) => new Set(WebAssembly.Module.exports(
      new WebAssembly.Module(readFileSync(path.join(EXTENSION, 'pkg', file)))).map((e) => e.name));
    const pages = exports('procguard_wasm_bg.wasm');
    // The settings pack of the built-in policy and no directory, as the worker writes it.
    const full = await import(pathToFileURL(path.join(EXTENSION, 'pkg', 'procguard_wasm.js')).href);
    full.initSync({ module: readFileSync(path.join(EXTENSION, 'pkg', 'procguard_wasm_bg.wasm')) });
    const pack = full.settings_pack();
    for (const site of SITES) {
      assert.ok(exposed.includes(`pkg/procguard_${site}_bg.wasm`), exposed.join(', '));
      assert.ok(exposed.includes(`pkg/procguard_${site}.js`), exposed.join(', '));
      const content = exports(`procguard_${site}_bg.wasm`);
      for (const name of ['load_settings_pack', 'check_snapshot_in', 'check_patch', 'forget_slot', 'sites']) {
        assert.ok(content.has(name) && pages.has(name), `${name} is in ${site}'s build and the pages'`);
      }
      // A read that keeps no snapshot for edits is not the content script's (issue 8: 0.2 KB).
      assert.ok(!content.has('check_snapshot') && pages.has('check_snapshot'), `check_snapshot is in the pages' build only, not ${site}'s`);
      // The content builds take their settings as the worker's pack, and have no decoder of
      // the stored directory, learned facts, policy, technician or portal hosts.
      for (const name of ['customer_card', 'search_customers', 'preview_import', 'policy_view', 'audit_view', 'audit_csv', 'learn_from_page', 'effective_directory',
        'settings_pack', 'load_directory', 'load_learned', 'load_policy', 'merge_policy_overrides', 'set_user', 'load_portal_hosts']) {
        assert.ok(pages.has(name), `${name} is in the pages' build`);
        assert.ok(!content.has(name), `${name} is not in ${site}'s content build`);
      }
      // The module says which site it reads, and reads no other.
      const glue = await import(pathToFileURL(path.join(EXTENSION, 'pkg', `procguard_${site}.js`)).href);
      glue.initSync({ module: readFileSync(path.join(EXTENSION, 'pkg', `procguard_${site}_bg.wasm`)) });
      assert.equal(glue.sites(), site);
      // Before its settings pack comes, it judges nothing, and says so.
      const [url, name] = site === 'pax8' ? ['https://ww3.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc', 'Autotask'] : ['https://app.pax8.com/cart', 'Pax8'];
      const own = { pax8: 'https://app.pax8.com/cart', autotask: 'https://ww3.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc', itglue: 'https://acme.itglue.com/1/sites', portals: 'https://eu.mimecast.com/x' }[site];
      const unloaded = JSON.parse(glue.check_snapshot_in('s', `u${own}\x1fn\x1f`, '2026-11-21T10:00:00-05:00'));
      assert.equal(unloaded.error, "procguard's settings are not loaded yet", JSON.stringify(unloaded));
      // A pack it cannot read is answered with where it is off, not thrown; one it reads, ''.
      assert.match(glue.load_settings_pack('["procguard/settings-pack@0"]'), /^settings pack: not a `procguard\/settings-pack@1`/);
      assert.equal(glue.load_settings_pack(pack), '');
      // Given another site's page, it says it has no reader for it, rather than finding nothing.
      const result = JSON.parse(glue.check_snapshot_in('s', `u${url}\x1fn\x1f`, '2026-11-21T10:00:00-05:00'));
      assert.match(result.error || '', new RegExp(`no ${name} reader`), JSON.stringify(result));
    }
  });

  test('an extension reload under an open page leaves no errors and no stale overlay on it', async () => {
    // In headless Chromium, chrome.runtime.reload() of an extension whose content script has
    // run never loads it again (its pages answer ERR_BLOCKED_BY_CLIENT), so the reload is
    // played in the content script's own world the way Chrome cuts off an orphaned script:
    // `chrome.runtime.id` goes away and every extension call throws "Extension context
    // invalidated.".
    const { page: tab } = await inspectCase(session, CASE_B);
    const problems = [];
    tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    tab.on('console', (message) => { if (['error', 'warning'].includes(message.type())) problems.push(`${message.type()}: ${message.text()}`); });
    const cdp = await session.context.newCDPSession(tab);
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => problems.push(`exception: ${exceptionDetails.exception?.description || exceptionDetails.text}`));
    cdp.on('Runtime.consoleAPICalled', ({ type, args }) => { if (type === 'error' || type === 'warning') problems.push(`${type}: ${args.map((a) => a.value ?? a.description).join(' ')}`); });
    await cdp.send('Runtime.enable');
    try {
      const probe = await overlayProbe(tab);
      assert.ok((await probe.all('.panel')).length === 1, 'the overlay is up before the reload');
      const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.auxData?.isDefault === false && c.origin === `chrome-extension://${session.extensionId}`)
        || worlds.find((c) => c.auxData?.type === 'isolated' && c.name === 'procguard');
      assert.ok(world, `procguard's content script world: ${JSON.stringify(worlds.map((c) => [c.name, c.origin, c.auxData]))}`);
      const cut = await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        returnByValue: true,
        expression: `(() => {
          const gone = () => { throw new Error('Extension context invalidated.'); };
          const runtime = chrome.runtime;
          Object.defineProperty(runtime, 'id', { get: () => undefined, configurable: true });
          for (const name of ['sendMessage', 'connect', 'getURL']) Object.defineProperty(runtime, name, { value: gone, configurable: true });
          for (const area of [chrome.storage.local, chrome.storage.session, chrome.storage.managed]) {
            if (!area) continue;
            for (const name of ['get', 'set', 'remove']) Object.defineProperty(area, name, { value: gone, configurable: true });
          }
          return String(chrome.runtime.id);
        })()`,
      });
      assert.equal(cut.result.value, 'undefined', JSON.stringify(cut));
      // The technician carries on at once: Place Order (held a moment ago), then an edit.
      await tab.getByRole('button', { name: 'Place Order' }).click();
      await tab.waitForTimeout(300);
      await tab.keyboard.press('Escape');
      await tab.getByLabel('Domain').fill('acmedental.com');
      await tab.waitForTimeout(600);
      await tab.getByRole('button', { name: 'Place Order' }).click();
      await tab.keyboard.press('Enter');
      await tab.waitForTimeout(600);
      assert.equal((await probe.all('.panel, .marker')).length, 0, 'the cut-off overlay is gone, not left stale');
      assert.deepEqual(problems, [], 'no errors on the page (no "Extension context invalidated")');
    } finally {
      await cdp.detach().catch(() => {});
      await tab.close();
    }
  });

  test('a service worker stopped and restarted loses nothing', async () => {
    const { page: tab } = await inspectCase(session, CASE_B);
    const probe = await overlayProbe(tab);
    await tab.getByRole('button', { name: 'Place Order' }).click();
    await probe.waitFor('.dialog');
    await probe.click('.dialog button:not(.danger)');
    await tab.close();
    const directory = await stored(session, 'directory');
    const policy = await stored(session, 'policy');
    const user = await stored(session, 'user');
    const audit = await auditLog(session);
    assert.ok(audit.length > 0);

    // Stop it the way the browser does when it is idle: DevTools closes the worker's target.
    const blank = await session.context.newPage();
    const cdp = await session.context.newCDPSession(blank);
    const workerTarget = async () => (await cdp.send('Target.getTargets')).targetInfos
      .find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
    const first = await workerTarget();
    assert.ok(first, 'the extension\'s worker is running');
    await cdp.send('Target.closeTarget', { targetId: first.targetId });
    let gone = false;
    for (let i = 0; i < 50 && !gone; i += 1) {
      gone = !(await workerTarget());
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(gone, 'the worker stopped');
    // A page in worker mode wakes it: the check runs in a new worker, which must load the
    // directory and policy again from storage.
    const served = await serveFixture(session.context, CASE_B, { csp: STRICT_CSP });
    const again = await session.context.newPage();
    again.on('close', served.stop);
    const since = new Date().toISOString();
    await again.goto(served.url);
    let restarted = null;
    for (let i = 0; i < 100 && !restarted; i += 1) {
      restarted = await workerTarget();
      if (!restarted) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(restarted, 'a worker runs again (it was gone: this one is new)');
    try {
      const entry = await stableResult(session, served.url, { since });
      const found = summary(entry);
      assert.equal(found.mode, 'worker', 'judged in the restarted worker');
      assert.equal(found.holds_checkout, true, JSON.stringify(found));
      assert.ok(found.findings.some((f) => f.id === 'order.primary-contact-is-msp'), 'the directory and policy were loaded again');
      assert.equal(await stored(session, 'directory'), directory);
      assert.equal(await stored(session, 'policy'), policy);
      assert.equal(await stored(session, 'user'), user);
      const after = await auditLog(session);
      assert.deepEqual(after.slice(0, audit.length), audit, 'the audit log kept every record');
      // And it still records: a held order after the restart is appended.
      const probeAgain = await overlayProbe(again);
      await again.getByRole('button', { name: 'Place Order' }).click();
      await probeAgain.waitFor('.dialog');
      let appended = [];
      for (let i = 0; i < 40 && appended.length === 0; i += 1) {
        appended = (await auditLog(session)).slice(audit.length).filter((r) => r.action === 'held');
        if (!appended.length) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(appended.length, 1, 'the held order after the restart is in the log');
    } finally {
      await again.close();
      await cdp.detach().catch(() => {});
      await blank.close().catch(() => {});
    }
  });
  test('a stored directory in the older format is migrated when the worker starts, its backup kept until then', async () => {
    const current = JSON.parse(readFileSync(DIRECTORY, 'utf8'));
    // The same directory as procguard/directory@0 wrote it: msp.vendor, help_desk_* fields.
    const old = { ...current, format: 'procguard/directory@0' };
    old.msp = Object.fromEntries(Object.entries(current.msp).map(([k, v]) => [k === 'helpdesk_vendor' ? 'vendor' : k, v]));
    old.customers = current.customers.map(({ help_desk: helpDesk, ...rest }) => (helpDesk
      ? { ...rest, help_desk_plan: helpDesk.plan, help_desk_source: helpDesk.source, help_desk_as_of: helpDesk.as_of }
      : rest));
    const oldText = JSON.stringify(old, null, 2);
    await session.worker.evaluate((text) => chrome.storage.local.set({ directory: text }), oldText);

    // Start a new worker: stop the running one; a page in worker mode wakes it.
    const blank = await session.context.newPage();
    const cdp = await session.context.newCDPSession(blank);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
    if (target) await cdp.send('Target.closeTarget', { targetId: target.targetId });
    await new Promise((r) => setTimeout(r, 500));
    const served = await serveFixture(session.context, CASE_B, { csp: STRICT_CSP });
    const tab = await session.context.newPage();
    tab.on('close', served.stop);
    const since = new Date().toISOString();
    await tab.goto(served.url);
    try {
      const view = await extensionView(session);
      session.worker = view;
      let stored = null;
      for (let i = 0; i < 50; i += 1) {
        stored = await view.evaluate(() => chrome.storage.local.get(['directory', 'directory_backup']));
        if (stored.directory && JSON.parse(stored.directory).format === 'procguard/directory@1') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const migrated = JSON.parse(stored.directory);
      assert.equal(migrated.format, 'procguard/directory@1', 'the stored directory was migrated');
      assert.deepEqual(migrated.customers.map((c) => c.help_desk ?? null), current.customers.map((c) => c.help_desk ?? null));
      assert.deepEqual(migrated.msp.helpdesk_vendor, current.msp.helpdesk_vendor);
      assert.equal(stored.directory_backup, undefined, 'the backup is dropped once the migration succeeded');
      const entry = await stableResult(session, served.url, { since });
      assert.equal(summary(entry).holds_checkout, true, 'the migrated directory is the one checked against');
    } finally {
      await tab.close();
      await cdp.detach().catch(() => {});
      await blank.close().catch(() => {});
    }
  });
});

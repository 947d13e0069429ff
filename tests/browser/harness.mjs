// Browser harness: Debian chromium driven by playwright-core, with the built, shipped
// extension (dist/chrome) loaded unpacked. Fixture pages are served at their real URLs by
// request routing, so the manifest under test is exactly the one that ships.
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const SHARED = process.env.PROCGUARD_SHARED || path.resolve(ROOT, '../shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const EXTENSION = path.join(ROOT, 'dist/chrome');

/** A CSP that allows the page's own inline scripts but not wasm: it forces "worker" mode. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

/** Today's date in the local time zone (the harness runs with TZ=America/New_York). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function withToday(text) {
  return text.replaceAll('{{TODAY}}', today());
}

/** The address a fixture page stands for (its first-line comment). */
export function fixtureUrl(caseDir) {
  const first = readFileSync(path.join(caseDir, 'page.html'), 'utf8').split('\n', 1)[0];
  const match = first.match(/<!--\s*url:\s*(\S+)\s*-->/);
  if (!match) throw new Error(`${caseDir}/page.html: first line names no url`);
  return match[1];
}

export function readJson(file) {
  return JSON.parse(withToday(readFileSync(file, 'utf8')));
}

/** Every fixture case folder, as `site/case`. */
export function fixtureCases(site) {
  const sites = site ? [site] : readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const out = [];
  for (const s of sites) {
    for (const c of readdirSync(path.join(FIXTURES, s), { withFileTypes: true })) {
      if (c.isDirectory() && existsSync(path.join(FIXTURES, s, c.name, 'page.html'))) out.push(`${s}/${c.name}`);
    }
  }
  return out.sort();
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The optional portals at their default hosts (the options page's Allow buttons ask for these). */
export const PORTAL_ORIGINS = ['https://*.mimecast.com/*', 'https://*.mission-control.example/*'];

function openBrowser(profile, extension) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, '--headless=new', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
    viewport: { width: 1360, height: 900 },
    timezoneId: 'America/New_York',
  });
}

async function extensionWorker(context) {
  return context.serviceWorkers()[0] || context.waitForEvent('serviceworker', { timeout: 15000 });
}

/**
 * Records optional host grants in the profile, where Chromium keeps the ones a technician
 * confirms in the permission prompt (which headless Chromium cannot answer). Read at the next
 * start, like a grant made before a browser restart.
 */
function grantInProfile(profile, extensionId, origins) {
  const file = path.join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`${file}: no settings for extension ${extensionId}`);
  for (const key of ['granted_permissions', 'active_permissions']) {
    settings[key] ||= {};
    settings[key].explicit_host = [...new Set([...(settings[key].explicit_host || []), ...origins])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/**
 * Launches chromium with the extension; returns { context, worker, extensionId, close }.
 * `grant` lists optional host origins to start with allowed; the service worker has then
 * registered the portal content scripts on `registered` of them (all, unless a grant is for
 * a host that is not set as a portal yet) before this returns.
 */
export async function launch({ extension = EXTENSION, grant = [], registered = grant.length } = {}) {
  if (!existsSync(path.join(extension, 'manifest.json'))) {
    throw new Error(`${extension}: no built extension; run ./build.sh first`);
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'procguard-profile-'));
  let context = await openBrowser(profile, extension);
  let worker = await extensionWorker(context);
  if (grant.length) {
    const id = new URL(worker.url()).host;
    await context.close();
    grantInProfile(profile, id, grant);
    context = await openBrowser(profile, extension);
    worker = await extensionWorker(context);
    await waitForPortalScripts(worker, registered);
  }
  // Nothing leaves the machine: every request is answered by a route or refused.
  await context.route((u) => u.protocol === 'http:' || u.protocol === 'https:', (route) => route.abort('blockedbyclient'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the worker has registered content scripts on `count` portal origins. */
export async function waitForPortalScripts(worker, count, timeout = 10000) {
  const started = Date.now();
  for (;;) {
    const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    const origins = scripts.flatMap((s) => s.matches);
    if (origins.length === count) return scripts;
    if (Date.now() - started > timeout) throw new Error(`portal scripts registered on ${JSON.stringify(origins)}, expected ${count} origins`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Serves a fixture folder at its real address: page.html (with {{TODAY}} replaced) at its URL,
 * other files of the folder relative to it. `csp` adds a Content-Security-Policy header.
 */
export async function serveFixture(context, caseDir, { url = fixtureUrl(caseDir), csp = null, html = null } = {}) {
  const pageUrl = new URL(url);
  const body = html ?? withToday(readFileSync(path.join(caseDir, 'page.html'), 'utf8'));
  const matcher = (u) => u.origin === pageUrl.origin;
  const handler = async (route) => {
    const requested = new URL(route.request().url());
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (csp) headers['content-security-policy'] = csp;
    if (requested.pathname === pageUrl.pathname && requested.search === pageUrl.search) {
      return route.fulfill({ status: 200, headers, body });
    }
    const relative = path.join(caseDir, path.basename(requested.pathname));
    if (existsSync(relative) && !relative.endsWith('page.html')) {
      return route.fulfill({ status: 200, body: readFileSync(relative) });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  };
  await context.route(matcher, handler);
  return { url, stop: () => context.unroute(matcher, handler).catch(() => {}) };
}

/** Imports a directory file through the extension's own options page. */
export async function importDirectory(session, file) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#dir-file', file);
  await page.waitForFunction(() => !document.getElementById('dir-apply').disabled || document.getElementById('dir-preview').className === 'error');
  const preview = await page.textContent('#dir-preview');
  if (await page.isDisabled('#dir-apply')) {
    await page.close();
    throw new Error(`import refused: ${preview}`);
  }
  await page.click('#dir-apply');
  await page.waitForFunction(() => document.getElementById('dir-preview').textContent === 'Imported.');
  await page.close();
}

/** Sets the technician (name, email) through the options page. */
export async function setUser(session, user) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#user-name', user.name);
  await page.fill('#user-email', user.email);
  await page.click('#user-save');
  await page.waitForFunction(() => document.getElementById('user-status').textContent === 'Saved.');
  await page.close();
}

/** The latest result the extension stored for a page URL (read in the service worker). */
export async function latestResult(session, url, since = '') {
  return session.worker.evaluate(async ({ wanted, since }) => {
    const all = await chrome.storage.session.get(null);
    const entries = Object.values(all).filter((e) => e && e.url === wanted && e.at >= since);
    entries.sort((a, b) => (a.at < b.at ? 1 : -1));
    return entries[0] || null;
  }, { wanted: url, since });
}

/**
 * Waits until the stored result has not changed for `quietMs` (at most `limitMs`). With
 * `until`, a quiet result counts only once `until(entry)` holds: a page that renders late
 * (pax8-cart/d-late-render changes a quantity 1.2 s after load) can sit unchanged for longer
 * than `quietMs` on a slow machine before its final state is read, and a quiet period alone
 * then returns the first render.
 */
export async function stableResult(session, url, { quietMs = 1300, limitMs = 5000, since = '', until = null } = {}) {
  const started = Date.now();
  let last = null;
  let lastKey = '';
  let changedAt = Date.now();
  while (Date.now() - started < limitMs) {
    const entry = await latestResult(session, url, since);
    const key = entry ? JSON.stringify(entry.result) : '';
    if (key !== lastKey) { lastKey = key; last = entry; changedAt = Date.now(); }
    else if (entry && Date.now() - changedAt >= quietMs && (!until || until(entry))) return entry;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

/** The one-line summary `inspect` prints. */
export function summary(entry) {
  if (!entry) return { mode: null, page: null, findings: [], holds_checkout: false };
  const { result } = entry;
  return {
    mode: entry.mode,
    page: result.page,
    findings: (result.findings || []).map((f) => ({ id: f.id, severity: f.severity })),
    holds_checkout: Boolean(result.holds_checkout),
    ...(result.error ? { error: result.error } : {}),
  };
}

/**
 * Compares a result with a findings.json / scenario `expect`: every listed id reported (at
 * its severity), none of `absent`, and `holds_checkout` agreeing. Returns the failures.
 */
export function expectationFailures(found, expect) {
  const failures = [];
  const ids = new Map();
  for (const f of found.findings) {
    if (!ids.has(f.id)) ids.set(f.id, new Set());
    ids.get(f.id).add(f.severity);
  }
  for (const id of expect.findings || []) if (!ids.has(id)) failures.push(`missing ${id}`);
  for (const id of expect.absent || []) if (ids.has(id)) failures.push(`unexpected ${id}`);
  for (const [id, severity] of Object.entries(expect.severity || {})) {
    if (ids.has(id) && !ids.get(id).has(severity)) failures.push(`${id} is ${[...ids.get(id)].join('/')} not ${severity}`);
  }
  if (typeof expect.holds_checkout === 'boolean' && expect.holds_checkout !== found.holds_checkout) {
    failures.push(`holds_checkout is ${found.holds_checkout}, expected ${expect.holds_checkout}`);
  }
  return failures;
}

/**
 * Loads a fixture case with the extension and returns the stable result. The result is read
 * until its page equals `expected` (by default the case's expected.json, when the case is
 * served as it is: no other page or address), if it can be within the limit: the final
 * state, not a first render (see `stableResult`). A reading that never gets there is
 * returned as last seen, for the test to show the difference. `quietMs` and `limitMs` go to
 * `stableResult`.
 */
export async function inspectCase(session, caseDir, { url, csp, html, expected, quietMs, limitMs } = {}) {
  const served = await serveFixture(session.context, caseDir, { url, csp, html });
  const page = await session.context.newPage();
  page.on('close', served.stop);
  const since = new Date().toISOString();
  const expectedFile = path.join(caseDir, 'expected.json');
  const settleOn = expected ?? (!url && !html && existsSync(expectedFile) ? readJson(expectedFile) : null);
  const settle = settleOn ? { until: (entry) => isDeepStrictEqual(entry.result.page, settleOn), limitMs: 8000 } : {};
  await page.goto(served.url);
  const entry = await stableResult(session, served.url, {
    since, ...settle, ...(quietMs ? { quietMs } : {}), ...(limitMs ? { limitMs } : {}),
  });
  return { page, entry, url: served.url };
}

/**
 * procguard's UI is in a CLOSED shadow root, out of reach of the page and of Playwright's
 * selectors. Tests reach it the way a debugger does: through the DevTools protocol with
 * shadow roots pierced. Returns helpers bound to one page.
 */
export async function overlayProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  async function shadowRootId() {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack = [root];
    while (stack.length) {
      const node = stack.pop();
      if (node.nodeName === 'PROCGUARD-OVERLAY' && node.shadowRoots?.length) return node.shadowRoots[0].nodeId;
      for (const child of node.children || []) stack.push(child);
      if (node.contentDocument) stack.push(node.contentDocument);
    }
    return null;
  }
  async function all(selector) {
    const rootId = await shadowRootId();
    if (!rootId) return [];
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: rootId, selector });
    return nodeIds;
  }
  async function text(nodeId) {
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    // Decode the few entities the serializer writes and drop tags: the visible text.
    return outerHTML.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  }
  // The overlay repaints when what it shows changes (a new result, a stored setting), so a
  // node found a moment ago can be gone: find the fresh ones again, a few times at most.
  async function fresh(action) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await action();
      } catch (error) {
        if (attempt >= 5 || !/Could not find node|No node with given id/.test(String(error?.message))) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  function texts(selector) {
    return fresh(async () => {
      const out = [];
      for (const id of await all(selector)) out.push(await text(id));
      return out;
    });
  }
  const click = (selector) => fresh(() => clickNow(selector));
  const focus = (selector) => fresh(() => focusNow(selector));
  async function clickNow(selector) {
    const [id] = await all(selector);
    if (!id) throw new Error(`no \`${selector}\` in procguard's overlay`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: id });
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId: id });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }
  async function focusNow(selector) {
    const [id] = await all(selector);
    if (!id) throw new Error(`no \`${selector}\` in procguard's overlay`);
    await cdp.send('DOM.focus', { nodeId: id });
  }
  async function waitFor(selector, { present = true, timeout = 5000 } = {}) {
    const started = Date.now();
    while (Date.now() - started < timeout) {
      if ((await all(selector)).length > 0 === present) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`\`${selector}\` ${present ? 'did not appear' : 'did not go away'} in procguard's overlay`);
  }
  return { all, texts, click, focus, waitFor };
}

/** The audit log as the extension stored it. */
export async function auditLog(session) {
  return session.worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit || []);
}

/** Case a with its one visible cart row repeated as `count` distinct products. */
export function bigCart(count) {
  const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
  const html = withToday(readFileSync(path.join(CASE_A, 'page.html'), 'utf8'));
  const start = html.indexOf('<tr class="MuiTableRow-root css-ppw9wp" data-testid="cart-line-item">');
  const end = html.indexOf('</tr>', start) + '</tr>'.length;
  const row = html.slice(start, end);
  const rows = [];
  for (let i = 1; i <= count; i++) rows.push(row.replaceAll('Visio Plan 2', `Product ${i}`).replace('value="2"', `value="${(i % 7) + 1}"`));
  return html.slice(0, start) + rows.join('\n') + html.slice(end);
}


/**
 * A browser with the extension, Sam Tech as the technician and the fixtures' directory
 * imported. `grant`: optional host origins allowed (see `launch`).
 */
export async function startSession({ grant = [] } = {}) {
  const session = await launch({ grant });
  await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
  await importDirectory(session, path.join(FIXTURES, 'directory.json'));
  return session;
}

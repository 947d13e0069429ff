// The popup in a real browser: customer search (typos, case, alias, domain), the plan card on
// ../shared/fixtures/directory.json, the current tab's customer preselected, the tab's findings
// with "Show on page" (a `reveal:<tabId>` request in session storage), keyboard use and axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, ROOT, importDirectory, inspectCase, launch, overlayProbe, setUser, today } from './harness.mjs';

const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
const CASE_B = path.join(FIXTURES, 'pax8-cart/b-checkout-customer-contact-typo');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Opens the popup as a page (the toolbar popup cannot be driven headless), for tab `tabId`. */
async function openPopup(session, tabId = -1) {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  // The extension page's CSP refuses inline scripts; axe-core is injected as one (tests only).
  await (await page.context().newCDPSession(page)).send('Page.setBypassCSP', { enabled: true });
  await page.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** The tab id the extension stored a result under for `url`. */
async function tabIdFor(session, url) {
  return session.worker.evaluate(async (wanted) => {
    const all = await chrome.storage.session.get(null);
    const hit = Object.entries(all).find(([key, entry]) => key.startsWith('result:') && entry?.url === wanted);
    return hit ? Number(hit[0].slice('result:'.length)) : null;
  }, url);
}

/** axe-core's serious and critical violations on the page, as readable lines. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * axe-core cannot enter procguard's CLOSED shadow root. Through the DevTools protocol (as
 * `overlayProbe` does) the root's markup, styles included, is copied into an open shadow root
 * at the same place in the page, and axe checks that copy only.
 */
async function overlayViolations(page) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  let shadow = null;
  while (stack.length && !shadow) {
    const node = stack.pop();
    if (node.nodeName === 'PROCGUARD-OVERLAY' && node.shadowRoots?.length) shadow = node.shadowRoots[0];
    for (const child of node.children || []) stack.push(child);
  }
  assert.ok(shadow, 'procguard painted its overlay');
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { return this.innerHTML; }', returnByValue: true });
  await page.evaluate((html) => {
    const copy = document.createElement('div');
    copy.id = 'procguard-overlay-copy';
    copy.attachShadow({ mode: 'open' }).innerHTML = html;
    document.body.append(copy);
  }, result.value);
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => globalThis.axe.run({ include: [['#procguard-overlay-copy']] }, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

async function resultNames(page) {
  return page.$$eval('#results .result-name', (nodes) => nodes.map((n) => n.textContent));
}

describe('popup', () => {
  let session;
  let scratch;
  before(async () => {
    session = await launch();
    scratch = mkdtempSync(path.join(tmpdir(), 'procguard-popup-'));
    // The shared directory, plus a temporary monthly subscription bought today awaiting its
    // agreement and seats added today to an annual one: both have open deadlines.
    const directory = JSON.parse(readFileSync(path.join(FIXTURES, 'directory.json'), 'utf8'));
    const hudson = directory.customers.find((c) => c.id === 'hudson');
    hudson.subscriptions.push({ product: 'Visio Plan 2', term: 'monthly', quantity: 1, purchased_on: today(), status: 'active', temporary: true });
    const acme = directory.customers.find((c) => c.id === 'acme');
    acme.subscriptions.find((s) => s.product === 'Microsoft 365 Business Premium').seat_changes = [{ at: today(), delta: 2 }];
    const file = path.join(scratch, 'directory.json');
    writeFileSync(file, JSON.stringify(directory, null, 2));
    await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
    await importDirectory(session, file);
  });
  after(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('search finds customers by name, alias and mail domain, forgiving typos and case', async () => {
    const page = await openPopup(session);
    try {
      const readyMs = Number(await page.getAttribute('body', 'data-ready-ms'));
      assert.ok(readyMs < 2000, `the popup answers within two seconds of opening (${readyMs} ms)`);
      assert.deepEqual(await resultNames(page), ['Acme Dental LLC', 'Brightside Bakery Inc', 'Hudson Law Group PC'], 'an empty search lists everyone');
      const cases = [
        ['acme dental', 'Acme Dental LLC'],
        ['HUDSON LAW', 'Hudson Law Group PC'],
        ['Hudsn Law', 'Hudson Law Group PC'],
        ['brigthside', 'Brightside Bakery Inc'],
        ['brightsidebakery.com', 'Brightside Bakery Inc'],
        ['jane@ACMEDENTAL.COM', 'Acme Dental LLC'],
        ['acmedentl.com', 'Acme Dental LLC'],
      ];
      for (const [query, wanted] of cases) {
        await page.fill('#search', query);
        const names = await resultNames(page);
        assert.equal(names[0], wanted, `${query} → ${names.join(', ')}`);
      }
      // Each keystroke is answered at once: the search is Rust over the loaded directory.
      const perSearchMs = await page.evaluate(() => {
        const input = document.getElementById('search');
        const started = performance.now();
        for (const q of ['a', 'ac', 'acm', 'acme', 'acme d', 'acme de', 'acme den']) {
          input.value = q;
          input.dispatchEvent(new Event('input'));
        }
        return (performance.now() - started) / 7;
      });
      assert.ok(perSearchMs < 50, `a search takes ${perSearchMs.toFixed(1)} ms`);
      await page.fill('#search', 'zebra accounting');
      assert.deepEqual(await resultNames(page), []);
      assert.match(await page.textContent('#search-status'), /No customer matches/);
    } finally {
      await page.close();
    }
  });

  test('the plan card shows plan, subscriptions, agreements, contacts, quotes, confirmations', async () => {
    const page = await openPopup(session);
    try {
      await page.fill('#search', 'acme');
      await page.press('#search', 'Enter');
      await page.waitForSelector('#card:not([hidden])');
      assert.equal(await page.textContent('#card-h'), 'Acme Dental LLC');
      const card = await page.textContent('#card-body');
      assert.match(card, /per-device — from IT Glue Site Summary, as of 2026-10-01/);
      for (const text of ['Microsoft 365 Business Standard', 'Exchange Online (Plan 1)', 'Q-1042', 'Visio Plan 2 × 2 monthly',
        'Jane Roe <jane@acmedental.com>: primary-authorization, purchasing', 'Raj Patel <raj@acmedental.com>: security',
        'Tom Front <tom@acmedental.com>: technical (cannot confirm purchases)', 'from jane@acmedental.com (ticket-note, ticket T20261120.0004, 2026-11-20)']) {
        assert.ok(card.includes(text), `the card shows ${text}:\n${card}`);
      }
      const subscriptions = await page.$$eval('#card-subs ~ table tbody tr, [aria-labelledby="card-subs"] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      assert.deepEqual(subscriptions[0], ['Microsoft 365 Business Standard', 'monthly', '12', '2026-12-01', 'active']);
      const agreements = await page.$$eval('[aria-labelledby="card-agreements"] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      assert.deepEqual(agreements[0], ['Microsoft 365 Business Standard', 'monthly', 'signed', '2026-02-20']);
      const seats = await page.$$eval('.deadline[data-kind="seat-window"]', (nodes) => nodes.map((n) => n.textContent));
      assert.equal(seats.length, 1, 'seats added today are still inside their window');
      assert.match(seats[0], /2 seats of the annual `Microsoft 365 Business Premium` bought \d{4}-\d\d-\d\d can be removed until \d{4}-\d\d-\d\d/);

      await page.fill('#search', 'hudson');
      await page.press('#search', 'Enter');
      await page.waitForFunction(() => document.getElementById('card-h').textContent === 'Hudson Law Group PC');
      const hudson = await page.textContent('#card-body');
      assert.match(hudson, /hourly — from Autotask UDF Help Desk Support Type, as of 2026-09-12/);
      const deadlines = await page.$$eval('[aria-labelledby="card-deadlines"] li', (nodes) => nodes.map((n) => n.textContent));
      assert.ok(deadlines.some((d) => /agreement for the temporary monthly `Visio Plan 2` must be signed by \d{4}-\d\d-\d\d \(\w+day\)/.test(d)), deadlines.join('\n'));
      assert.ok(deadlines.some((d) => /no cancellation reminder for `Visio Plan 2` on file: create one due/.test(d)), deadlines.join('\n'));
      assert.match(hudson, /Microsoft 365 Business Premium.*annual.*sent/);

      await page.fill('#search', 'bright');
      await page.press('#search', 'Enter');
      await page.waitForFunction(() => document.getElementById('card-h').textContent === 'Brightside Bakery Inc');
      assert.match(await page.textContent('#card-body'), /No open deadlines\./);
    } finally {
      await page.close();
    }
  });

  test('the keyboard alone finds and opens a customer', async () => {
    const page = await openPopup(session);
    try {
      assert.equal(await page.evaluate(() => document.activeElement.id), 'search', 'the search box has focus on open');
      await page.keyboard.type('hud');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'hudson');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('card-h').textContent === 'Hudson Law Group PC');
      assert.equal(await page.getAttribute('#results button[data-id="hudson"]', 'aria-pressed'), 'true');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
      const outline = await page.evaluate(() => {
        document.querySelector('#results button').focus();
        return getComputedStyle(document.activeElement).outlineStyle;
      });
      assert.notEqual(outline, 'none', 'focus is visible');
    } finally {
      await page.close();
    }
  });

  test('the current tab’s customer is preselected and its findings link to the page', async () => {
    const { page: pax8, url, entry } = await inspectCase(session, CASE_B);
    try {
      const tabId = await tabIdFor(session, url);
      assert.ok(Number.isInteger(tabId), 'the result is stored per tab');
      const page = await openPopup(session, tabId);
      try {
        assert.equal(await page.textContent('#card-h'), 'Acme Dental LLC');
        assert.equal(await page.inputValue('#search'), entry.result.page.customer);
        assert.equal(await page.textContent('#search-status'), `This tab names ${entry.result.page.customer}.`);
        const findings = await page.$$eval('#tab-findings li', (nodes) => nodes.map((n) => n.dataset.id));
        assert.ok(findings.includes('order.primary-contact-is-msp'), findings.join(', '));
        assert.match(await page.textContent('#tab-summary'), /pax8-cart: \d+ findings; the order is held\./);
        const index = findings.indexOf('order.domain-matches-customer');
        await page.locator('#tab-findings li').nth(index).getByRole('button', { name: /^Show on page/ }).click();
        const request = await session.worker.evaluate(async (key) => (await chrome.storage.session.get(key))[key], `reveal:${tabId}`);
        assert.equal(request.id, 'order.domain-matches-customer');
        assert.equal(request.index, index);
        assert.ok(Number.isInteger(request.anchor), 'the finding’s element on the page');
        assert.ok(!Number.isNaN(Date.parse(request.at)));
        // The worker relays the request to the page, whose overlay flashes that finding.
        const probe = await overlayProbe(pax8);
        await probe.waitFor('.finding.flash[data-id="order.domain-matches-customer"]', { timeout: 3000 });
      } finally {
        await page.close();
      }
    } finally {
      await pax8.close();
    }
  });

  test('a tab procguard does not check says so; Options opens the options page', async () => {
    const page = await openPopup(session, 999999);
    try {
      assert.equal(await page.textContent('#tab-summary'), 'procguard checks nothing on this tab.');
      const opened = session.context.waitForEvent('page');
      await page.click('#open-options');
      const options = await opened;
      await options.waitForLoadState();
      assert.match(options.url(), /options\.html$/);
      await options.close();
    } finally {
      await page.close();
    }
  });

  test('axe-core finds no serious or critical violations in the popup', async () => {
    const { page: pax8, url } = await inspectCase(session, CASE_A);
    try {
      const page = await openPopup(session, await tabIdFor(session, url));
      try {
        await page.waitForSelector('#card:not([hidden])');
        assert.deepEqual(await seriousViolations(page), []);
        if (process.env.PROCGUARD_SCREENSHOTS) {
          await page.screenshot({ path: path.join(ROOT, 'docs/popup.png'), fullPage: true });
        }
      } finally {
        await page.close();
      }
    } finally {
      await pax8.close();
    }
  });

  test('axe-core finds no serious or critical violations in the page overlay and hold dialog', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      assert.deepEqual(await overlayViolations(page), []);
    } finally {
      await page.close();
    }
  });
});

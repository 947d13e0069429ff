// The options page in a real browser: directory import with its preview, refusals that leave
// the stored directory byte-for-byte unchanged and name the field path, lossless export, the
// policy per check (validated as typed; edits change the next check), the audit log filtered
// and exported as safe CSV, the optional-host buttons, keyboard focus and axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, ROOT, importDirectory, inspectCase, launch, setUser, stableResult, summary } from './harness.mjs';

const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
const CASE_B = path.join(FIXTURES, 'pax8-cart/b-checkout-customer-contact-typo');
const DIRECTORY = path.join(FIXTURES, 'directory.json');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

async function openOptions(session) {
  const page = await session.context.newPage();
  // The extension page's CSP refuses inline scripts; axe-core is injected as one (tests only).
  await (await page.context().newCDPSession(page)).send('Page.setBypassCSP', { enabled: true });
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const stored = (session, key) => session.worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

/** Clicks `selector` and returns the text of the file it downloads. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** A file chosen in the import field; returns the preview's text and class. */
async function choose(page, file) {
  await page.setInputFiles('#dir-file', file);
  // The verdict must be this file's: the last file's stays shown until the change event runs.
  await page.waitForFunction((name) => {
    const preview = document.getElementById('dir-preview');
    return ['ok', 'error'].includes(preview.className) && preview.textContent.startsWith(`${name}`);
  }, path.basename(file));
  return { text: await page.textContent('#dir-preview'), kind: await page.getAttribute('#dir-preview', 'class') };
}

/** The policy row controls of one check. */
function row(page, id) {
  return page.locator('#policy-table tbody tr', { has: page.locator('code', { hasText: new RegExp(`^${id.replace(/\./g, '\\.')}$`) }) });
}

describe('options page', () => {
  let session;
  let scratch;
  before(async () => {
    session = await launch();
    scratch = mkdtempSync(path.join(tmpdir(), 'procguard-options-'));
    await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
  });
  after(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('an import shows what changes, applies in one write, and exports byte for byte', async () => {
    const page = await openOptions(session);
    try {
      assert.equal(await page.textContent('#dir-current'), 'No directory imported yet.');
      const first = await choose(page, DIRECTORY);
      assert.equal(first.kind, 'ok');
      assert.match(first.text, /is valid: 3 customers\. Added: acme, bright, hudson\. Changed: none\. Removed: none\./);
      assert.equal(await stored(session, 'directory'), undefined, 'nothing is stored before Apply');
      await page.click('#dir-apply');
      await page.waitForFunction(() => document.getElementById('dir-preview').textContent === 'Imported.');
      assert.equal(await stored(session, 'directory'), readFileSync(DIRECTORY, 'utf8'));

      // A second file with fields procguard does not know, one customer changed, one removed
      // and one added; odd spacing and key order that a re-serialisation would lose.
      const directory = JSON.parse(readFileSync(DIRECTORY, 'utf8'));
      directory.x_crm = { synced_at: '2026-11-20T10:00:00Z', ids: [1, 2, 3] };
      directory.customers[0].x_account_manager = 'Roberta Diaz';
      directory.customers[0].subscriptions[0].x_sku = 'CFQ7TTC0LDPB';
      directory.customers[0].help_desk.as_of = '2026-11-01';
      directory.customers = directory.customers.filter((c) => c.id !== 'bright');
      directory.customers.push({ id: 'zeta', name: 'Zeta Pediatrics PLLC', domains: ['zetapeds.com'], x_note: 'new\u00a0☃' });
      const text = `${JSON.stringify(directory, null, 1).replace('"msp": {', '"msp":   {')}\n`;
      const file = path.join(scratch, 'with-unknown-fields.json');
      writeFileSync(file, text);
      const second = await choose(page, file);
      assert.match(second.text, /Added: zeta\. Changed: acme\. Removed: bright\./);
      await page.click('#dir-apply');
      await page.waitForFunction(() => document.getElementById('dir-preview').textContent === 'Imported.');
      const exported = await downloaded(page, '#dir-export');
      assert.match(exported.name, /^procguard-directory-\d{4}-\d\d-\d\d\.json$/);
      assert.equal(exported.text, text, 'the export is the imported file, byte for byte');
      assert.deepEqual(JSON.parse(exported.text).x_crm, directory.x_crm);
    } finally {
      await page.close();
    }
  });

  test('a bad import changes nothing and names the line, column and field path', async () => {
    await importDirectory(session, DIRECTORY);
    const before = await stored(session, 'directory');
    const good = readFileSync(DIRECTORY, 'utf8');

    const truncated = path.join(scratch, 'truncated.json');
    writeFileSync(truncated, good.slice(0, Math.floor(good.length * 0.6)));
    const wrongType = path.join(scratch, 'wrong-type.json');
    const bad = JSON.parse(good);
    bad.customers[0].subscriptions[1].quantity = 'three';
    writeFileSync(wrongType, JSON.stringify(bad, null, 2));
    const badTerm = path.join(scratch, 'bad-term.json');
    const bad2 = JSON.parse(good);
    bad2.customers[2].agreements[0].term = 'yearly';
    writeFileSync(badTerm, JSON.stringify(bad2, null, 2));
    // 20 MB: a valid directory padded with one huge unknown field.
    const huge = path.join(scratch, 'huge.json');
    const big = JSON.parse(good);
    big.x_padding = 'x'.repeat(20 * 1024 * 1024);
    writeFileSync(huge, JSON.stringify(big));

    const page = await openOptions(session);
    try {
      const cases = [
        [truncated, /truncated\.json: line \d+, column \d+, at `customers\[\d+\][^`]*`: .*\nhelp: the text ends before the JSON is complete.*\nNothing was changed\./s],
        [wrongType, /wrong-type\.json: line \d+, column \d+, at `customers\[0\]\.subscriptions\[1\]\.quantity`: .*three/s],
        [badTerm, /bad-term\.json: line \d+, column \d+, at `customers\[2\]\.agreements\[0\]\.term`: .*yearly/s],
        [huge, /huge\.json: 20\.0 MB is larger than the 8 MB a directory may be.*Nothing was changed\./s],
      ];
      for (const [file, pattern] of cases) {
        const shown = await choose(page, file);
        assert.equal(shown.kind, 'error', shown.text);
        assert.match(shown.text, pattern);
        assert.equal(await page.isDisabled('#dir-apply'), true, 'Apply stays disabled');
        assert.equal(await stored(session, 'directory'), before, `${path.basename(file)} left the stored directory unchanged`);
      }
      assert.equal(await page.textContent('#dir-current'), 'Stored directory: 3 customers.');
    } finally {
      await page.close();
    }
  });

  test('policy edits are validated as typed and change what the next check reports', async () => {
    await importDirectory(session, DIRECTORY);
    const baseline = summary((await inspectCase(session, CASE_B)).entry);
    assert.equal(baseline.holds_checkout, true);
    for (const page of session.context.pages()) if (page.url().startsWith('https://')) await page.close();

    const page = await openOptions(session);
    try {
      assert.equal(await page.isDisabled('#policy-save'), true, 'nothing to save yet');
      // A parameter that is not a number: the core's message next to the field, and no save.
      const windowDays = row(page, 'order.annual-seat-lock-in').getByLabel('window_days');
      await windowDays.fill('a week');
      await page.waitForFunction(() => document.getElementById('policy-status').className === 'error');
      assert.match(await page.textContent('#policy-status'), /checks\["order\.annual-seat-lock-in"\]\.params\.window_days/);
      assert.match(await row(page, 'order.annual-seat-lock-in').locator('.field-error').allTextContents().then((t) => t.join(' ')), /`window_days` is `"a week"`.*whole number from 0 to 366/);
      assert.equal(await windowDays.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.isDisabled('#policy-save'), true);
      await windowDays.fill('400');
      assert.match(await page.textContent('#policy-status'), /window_days/);
      await windowDays.fill('10');
      assert.equal(await page.isDisabled('#policy-save'), false);
      await windowDays.fill('7');
      assert.equal(await page.isDisabled('#policy-save'), true, 'back at the default: nothing to save');

      await row(page, 'order.temporary-monthly-needs-reminder').getByRole('checkbox').uncheck();
      await row(page, 'order.domain-matches-customer').getByRole('combobox').selectOption('warn');
      await row(page, 'order.primary-contact-is-msp').getByRole('combobox').selectOption('info');
      await page.click('#policy-save');
      await page.waitForFunction(() => document.getElementById('policy-status').className === 'ok');
      assert.deepEqual(JSON.parse(await stored(session, 'policy')), { checks: {
        'order.temporary-monthly-needs-reminder': { enabled: false },
        'order.domain-matches-customer': { severity: 'warn' },
        'order.primary-contact-is-msp': { severity: 'info' },
      } });
    } finally {
      await page.close();
    }

    const a = await inspectCase(session, CASE_A);
    await a.page.close();
    assert.ok(!summary(a.entry).findings.some((f) => f.id === 'order.temporary-monthly-needs-reminder'), 'a disabled check reports nothing');
    const b = await inspectCase(session, CASE_B);
    await b.page.close();
    const found = summary(b.entry);
    assert.ok(found.findings.some((f) => f.id === 'order.domain-matches-customer' && f.severity === 'warn'), JSON.stringify(found.findings));
    assert.ok(found.findings.some((f) => f.id === 'order.primary-contact-is-msp' && f.severity === 'info'), JSON.stringify(found.findings));
    assert.equal(found.holds_checkout, false, 'no block finding is left to hold the order');

    const again = await openOptions(session);
    try {
      assert.equal(await row(again, 'order.temporary-monthly-needs-reminder').getByRole('checkbox').isChecked(), false, 'the saved policy is shown');
      await again.click('#policy-reset');
      await again.waitForFunction(() => document.getElementById('policy-status').textContent === 'Reset to defaults.');
      assert.equal(await stored(session, 'policy'), undefined);
      assert.equal(await row(again, 'order.domain-matches-customer').getByRole('combobox').inputValue(), 'block');
    } finally {
      await again.close();
    }
    const reset = await inspectCase(session, CASE_B);
    await reset.page.close();
    assert.equal(summary(reset.entry).holds_checkout, true, 'the defaults hold the order again');
  });

  test('a policy saved while a page is open reaches the content script\'s core as a new settings pack', async () => {
    await importDirectory(session, DIRECTORY);
    const { page, url, entry } = await inspectCase(session, CASE_B);
    try {
      assert.equal(entry.mode, 'content', 'the page is read in the content script');
      assert.equal(summary(entry).holds_checkout, true);
      const setPolicy = (policy) => session.worker.evaluate(async (text) => {
        if (text) await chrome.storage.local.set({ policy: text });
        else await chrome.storage.local.remove('policy');
      }, policy);
      let since = new Date().toISOString();
      await setPolicy(JSON.stringify({ checks: {
        'order.domain-matches-customer': { severity: 'warn' },
        'order.primary-contact-is-msp': { severity: 'info' },
      } }));
      const relaxed = await stableResult(session, url, { since });
      const found = summary(relaxed);
      assert.equal(found.mode, 'content', JSON.stringify(found));
      assert.ok(found.findings.some((f) => f.id === 'order.primary-contact-is-msp' && f.severity === 'info'), JSON.stringify(found.findings));
      assert.equal(found.holds_checkout, false, 'nothing left to hold the order');
      since = new Date().toISOString();
      await setPolicy('');
      const strict = summary(await stableResult(session, url, { since }));
      assert.equal(strict.mode, 'content');
      assert.equal(strict.holds_checkout, true, 'the defaults hold it again, without a reload');
    } finally {
      await page.close();
    }
  });

  test('an organisation policy from managed storage is shown read-only and wins', async () => {
    const organisation = { checks: { 'order.domain-matches-customer': { severity: 'warn' }, 'ticket.mc-sla': { enabled: false } }, matching: { legal_suffixes: ['llc', 'gmbh'] } };
    const page = await session.context.newPage();
    // Managed storage comes from the browser's enterprise policy files, which a test cannot
    // write: the page's own chrome.storage.managed answers instead, before options.js runs.
    await page.addInitScript((text) => {
      chrome.storage.managed.get = async () => ({ policy: text });
    }, JSON.stringify(organisation));
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    await page.waitForSelector('body[data-ready="true"]');
    try {
      assert.equal(await page.isVisible('#policy-org'), true);
      assert.deepEqual(JSON.parse(await page.textContent('#policy-org-json')), organisation);
      const domain = row(page, 'order.domain-matches-customer').getByRole('combobox');
      assert.equal(await domain.inputValue(), 'warn');
      assert.equal(await domain.isDisabled(), true);
      assert.equal(await domain.getAttribute('title'), 'Set by your organisation');
      assert.equal(await row(page, 'order.domain-matches-customer').getByRole('checkbox').isDisabled(), false, 'what the organisation leaves open stays editable');
      assert.equal(await row(page, 'ticket.mc-sla').getByRole('checkbox').isChecked(), false);
      assert.equal(await page.isDisabled('#matching-legal_suffixes'), true);
      assert.equal(await page.inputValue('#matching-legal_suffixes'), 'llc, gmbh');
      // A local edit is saved without the organisation's keys.
      await row(page, 'order.no-quote-on-file').getByRole('combobox').selectOption('block');
      await page.click('#policy-save');
      await page.waitForFunction(() => document.getElementById('policy-status').className === 'ok');
      assert.deepEqual(JSON.parse(await stored(session, 'policy')), { checks: { 'order.no-quote-on-file': { severity: 'block' } } });
      assert.equal(await domain.inputValue(), 'warn', 'the organisation still wins after a save');
      await page.click('#policy-reset');
      await page.waitForFunction(() => /Reset to defaults; your organisation/.test(document.getElementById('policy-status').textContent));
      assert.equal(await stored(session, 'policy'), undefined);
    } finally {
      await page.close();
    }
  });

  test('the audit log filters by customer and date and exports safe CSV', async () => {
    const records = [
      { at: '2026-11-20T14:00:00.000Z', url: 'https://app.pax8.com/checkout', action: 'held', page_kind: 'pax8-cart', customer: 'Acme Dental LLC', finding_ids: ['order.primary-contact-is-msp'], user: { name: 'Sam Tech', email: 'sam@ggit.example' } },
      { at: '2026-11-21T16:30:00.000Z', url: 'https://app.pax8.com/checkout', action: 'override', page_kind: 'pax8-cart', customer: 'Acme Dental LLC', finding_ids: ['order.primary-contact-is-msp', 'order.domain-matches-customer'], reason: '=HYPERLINK("https://evil.example","ok"), approved by "Roberta"\nsecond line', user: { name: '@Sam', email: 'sam@ggit.example' } },
      { at: '2026-11-21T18:00:00.000Z', url: 'https://ggit.autotask.net/ticket', action: 'held', page_kind: 'autotask-ticket', customer: 'Hudson Law Group PC', finding_ids: ['ticket.confidential-number'], user: null },
    ];
    await session.worker.evaluate(async (audit) => chrome.storage.local.set({ audit }), records);
    const page = await openOptions(session);
    try {
      const rows = () => page.$$eval('#audit-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      let shown = await rows();
      assert.equal(shown.length, 3);
      assert.equal(shown[0][2], 'Hudson Law Group PC', 'newest first');
      assert.equal(shown[2][0], '2026-11-20 09:00', 'times in the browser’s time zone');
      assert.equal(await page.textContent('#audit-status'), '3 of 3 records.');

      await page.fill('#audit-customer', 'acme dental');
      shown = await rows();
      assert.deepEqual(shown.map((r) => r[1]), ['override', 'held']);
      await page.fill('#audit-from', '2026-11-21');
      shown = await rows();
      assert.equal(shown.length, 1);
      assert.equal(shown[0][5], records[1].reason, 'the reason is shown as text');
      const csv = await downloaded(page, '#audit-export');
      assert.match(csv.name, /^procguard-audit-\d{4}-\d\d-\d\d\.csv$/);
      const lines = csv.text.split('\r\n');
      assert.equal(lines[0], 'at,local time,action,customer,page kind,findings,reason,user name,user email,url');
      assert.equal(lines.length, 3, 'the header, one record (its reason keeps its line break inside quotes), and the final line end');
      assert.equal(lines[1], '2026-11-21T16:30:00.000Z,2026-11-21 11:30,override,Acme Dental LLC,pax8-cart,order.primary-contact-is-msp order.domain-matches-customer,"\'=HYPERLINK(""https://evil.example"",""ok""), approved by ""Roberta""\nsecond line",\'@Sam,sam@ggit.example,https://app.pax8.com/checkout');

      await page.fill('#audit-customer', '');
      await page.fill('#audit-from', '');
      await page.fill('#audit-to', '2026-11-20');
      assert.deepEqual((await rows()).map((r) => r[2]), ['Acme Dental LLC']);
    } finally {
      await page.close();
    }
  });

  test('the portals show their default host names, not allowed, with buttons that ask the browser', async () => {
    const page = await openOptions(session);
    try {
      // The permission prompt itself cannot be answered in headless Chromium: the buttons and
      // what they would ask for are checked here; portals.test.mjs runs with hosts granted.
      const mimecast = page.getByRole('button', { name: 'Allow procguard on Mimecast MSP portal' });
      const mcam = page.getByRole('button', { name: 'Allow procguard on MCAM / MCSM' });
      assert.equal(await mimecast.getAttribute('data-origins'), 'https://*.mimecast.com/*');
      assert.equal(await mcam.getAttribute('data-origins'), 'https://*.mission-control.example/*');
      assert.equal(await page.getByLabel('Mimecast MSP portal: host names').inputValue(), '*.mimecast.com');
      const states = await page.$$eval('#hosts li.portal', (lis) => lis.map((li) => li.textContent));
      assert.ok(states.every((s) => s.includes('not allowed')), states.join('\n'));
    } finally {
      await page.close();
    }
  });

  test('a portal host name is checked when saved: a bad one is refused by name and changes nothing, a good one is normalised', async () => {
    const page = await openOptions(session);
    const stored = () => session.worker.evaluate(async () => (await chrome.storage.local.get('portal_hosts')).portal_hosts ?? null);
    try {
      const before = await stored();
      const mcamHosts = page.getByLabel('MCAM / MCSM: host names');
      await mcamHosts.fill('mcam.acme-msp.example, bad_host!');
      await page.locator('li.portal').nth(1).getByRole('button', { name: 'Save host names' }).click();
      await page.waitForFunction(() => document.getElementById('hosts-status').className === 'error');
      const error = await page.textContent('#hosts-status');
      assert.match(error, /mcam\[1\] "bad_host!"/);
      assert.equal(await stored(), before, 'nothing was stored');

      await mcamHosts.fill('HTTPS://MCAM.Acme-MSP.example/ServiceManagement/');
      await page.locator('li.portal').nth(1).getByRole('button', { name: 'Save host names' }).click();
      await page.waitForFunction(() => document.getElementById('hosts-status').className === 'ok');
      assert.equal(await page.getByLabel('MCAM / MCSM: host names').inputValue(), 'mcam.acme-msp.example');
      assert.equal(await page.getByRole('button', { name: 'Allow procguard on MCAM / MCSM' }).getAttribute('data-origins'), 'https://mcam.acme-msp.example/*');
      const scripts = await session.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      assert.deepEqual(scripts, [], 'nothing is registered on a host that is not allowed');
    } finally {
      await session.worker.evaluate(() => chrome.storage.local.remove('portal_hosts'));
      await page.close();
    }
  });

  test('every control is reachable by keyboard with a visible focus, and axe finds nothing serious', async () => {
    const page = await openOptions(session);
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      const reached = new Set();
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return { id: el.id, visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
        });
        if (focus.id) reached.add(focus.id);
        assert.ok(focus.visible, `focus on #${focus.id} is visible`);
      }
      for (const id of ['user-name', 'user-email', 'user-save', 'dir-file', 'dir-export', 'policy-reset', 'p0-enabled', 'p0-severity']) {
        assert.ok(reached.has(id), `Tab reaches #${id} (reached: ${[...reached].join(', ')})`);
      }
      // The refused import shows in the page that axe checks too.
      await page.setInputFiles('#dir-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "procguard/directory@1", "customers": [') });
      await page.waitForFunction(() => document.getElementById('dir-preview').className === 'error');
      assert.deepEqual(await seriousViolations(page), []);
      if (process.env.PROCGUARD_SCREENSHOTS) {
        await page.setInputFiles('#dir-file', DIRECTORY);
        await page.waitForFunction(() => document.getElementById('dir-preview').className === 'ok');
        await page.setViewportSize({ width: 1100, height: 1500 });
        await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
        await page.screenshot({ path: path.join(ROOT, 'docs/options.png') });
      }
    } finally {
      await page.close();
    }
  });
});

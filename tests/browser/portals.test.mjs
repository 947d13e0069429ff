// The optional portals (Mimecast MSP portal, MCAM/MCSM) in a real browser: procguard runs
// there only once the technician allowed the host, then holds Review Upgrade / Provision like
// Place Order; and an MSP's own MCAM host, set in the options, is where it runs instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  withToday, FIXTURES, PORTAL_ORIGINS, auditLog, importDirectory, inspectCase, latestResult, launch, overlayProbe, readJson,
  serveFixture, setUser, stableResult, startSession, summary, waitForPortalScripts,
} from './harness.mjs';

const MIMECAST = path.join(FIXTURES, 'mimecast-upgrade/a-select-new-downgrade');
const MCAM = path.join(FIXTURES, 'mcam-new-user/a-upn-taken');

/** Counts clicks and submits that reach the page (what would send the change). */
async function countSends(page) {
  await page.evaluate(() => {
    window.__sends = 0;
    document.addEventListener('click', (e) => { if (e.target.closest('button, input[type=submit]')) window.__sends += 1; });
    document.addEventListener('submit', (e) => { e.preventDefault(); window.__sends += 1; });
  });
  return () => page.evaluate(() => window.__sends);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('the optional portals are left alone until allowed', () => {
  let session;
  before(async () => {
    session = await launch();
  });
  after(async () => session?.close());

  test('without the permission no script is registered and a Mimecast page is not read', async () => {
    const served = await serveFixture(session.context, MIMECAST);
    const page = await session.context.newPage();
    try {
      await page.goto(served.url);
      await sleep(1500);
      assert.equal(await latestResult(session, served.url), null, 'nothing was read on the page');
      assert.equal(await page.locator('procguard-overlay').count(), 0);
      assert.deepEqual(await session.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
    } finally {
      await page.close();
      await served.stop();
    }
  });
});

describe('Mimecast and MCAM once allowed', () => {
  let session;
  before(async () => {
    session = await startSession({ grant: PORTAL_ORIGINS });
  });
  after(async () => session?.close());

  test('the content script is registered on exactly the allowed portal hosts, as the manifest\'s one joined file', async () => {
    const scripts = await session.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(scripts.map((s) => [s.id, s.matches, s.allFrames]).sort(), [
      ['portal-mcam', ['https://*.mission-control.example/*'], true],
      ['portal-mimecast', ['https://*.mimecast.com/*'], true],
    ]);
    // The package ships the three content scripts joined (tools/bundle-content.mjs); the
    // portals get what the manifest's own hosts get.
    const manifest = await session.worker.evaluate(() => chrome.runtime.getManifest().content_scripts);
    assert.deepEqual(manifest.map((c) => c.js), [['content-scripts.js']]);
    for (const s of scripts) assert.deepEqual(s.js.map((f) => f.replace(/^\//, '')), ['content-scripts.js']);
  });

  test('Review Upgrade is held while a product change lowers seats, and Go back keeps it held', async () => {
    const { page } = await inspectCase(session, MIMECAST);
    try {
      const sends = await countSends(page);
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Review Upgrade' }).click();
      await probe.waitFor('.dialog');
      assert.match((await probe.texts('.dialog')).join(' '), /mimecast\.no-product-change-with-seat-downgrade/);
      await probe.click('.dialog button:not(.danger)');
      await probe.waitFor('.dialog', { present: false });
      assert.equal(await sends(), 0, 'the change never reached the portal');
    } finally {
      await page.close();
    }
  });

  test('an override of the Mimecast hold goes through and is audited with the change as read', async () => {
    const { page } = await inspectCase(session, MIMECAST);
    try {
      const sends = await countSends(page);
      const probe = await overlayProbe(page);
      const before = (await auditLog(session)).length;
      await page.getByRole('button', { name: 'Review Upgrade' }).click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      const reason = 'Roberta approved the downgrade with the new product in writing';
      await page.keyboard.type(reason);
      await probe.click('.dialog button.danger');
      await page.waitForFunction(() => window.__sends === 1);
      const record = (await auditLog(session)).slice(before).find((r) => r.action === 'override');
      assert.ok(record, 'an override record was written');
      assert.equal(record.reason, reason);
      assert.equal(record.page_kind, 'mimecast-upgrade');
      assert.deepEqual(record.finding_ids, ['mimecast.no-product-change-with-seat-downgrade']);
      assert.equal(record.page.seat_adjustment, -5, 'the change as read is in the record');
    } finally {
      await page.close();
    }
  });

  test('Provision is held for a UPN already on the account, by click and by Enter in the UPN box', async () => {
    const { page } = await inspectCase(session, MCAM);
    try {
      const sends = await countSends(page);
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Provision', exact: true }).click();
      await probe.waitFor('.dialog');
      assert.match((await probe.texts('.dialog')).join(' '), /mcam\.upn-unique/);
      await probe.click('.dialog button:not(.danger)');
      await probe.waitFor('.dialog', { present: false });
      await page.locator('input[type=text]').first().press('Enter');
      await probe.waitFor('.dialog');
      await probe.click('.dialog button:not(.danger)');
      assert.equal(await sends(), 0, 'no provisioning request reached MCAM');
      const markers = await probe.texts('.marker');
      assert.ok(markers.some((m) => m.includes('UPN')), `a marker by the UPN: ${JSON.stringify(markers)}`);
    } finally {
      await page.close();
    }
  });
  test('a red service status on MCAM shows, by the service, the hint to provision once more and escalate', async () => {
    const html = withToday(readFileSync(path.join(MCAM, 'page.html'), 'utf8')).replace('</td><td>Purchased</td><td>25 purchased, 4 in use', '</td><td><span class="light red" title="Error while provisioning"></span>Purchased</td><td>25 purchased, 4 in use');
    const { page, entry } = await inspectCase(session, MCAM, { html });
    try {
      const hint = entry.result.findings.find((f) => f.id === 'mcam.provision-error-retry');
      assert.ok(hint, `findings: ${entry.result.findings.map((f) => f.id)}`);
      assert.equal(hint.severity, 'info');
      assert.match(hint.message, /Managed Exchange/);
      assert.match(hint.remedy, /Provision again.*escalate/);
      assert.notEqual(hint.anchor, null, 'shown next to the service');
      const probe = await overlayProbe(page);
      assert.ok((await probe.texts('.panel')).join(' ').includes('if it stays red, escalate'));
    } finally {
      await page.close();
    }
  });
});

describe("an MSP's own MCAM host", () => {
  const HOST = 'mcam.acme-msp.example';
  const URL_AT_HOST = `https://${HOST}/ServiceManagement/Users/NewUser.aspx?acct=ACME0042`;
  let session;
  before(async () => {
    session = await launch({ grant: [`https://${HOST}/*`], registered: 0 });
    await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
    await importDirectory(session, path.join(FIXTURES, 'directory.json'));
  });
  after(async () => session?.close());

  test('an open tab on the host starts being checked once the host is set, and reads the page exactly', async () => {
    const served = await serveFixture(session.context, MCAM, { url: URL_AT_HOST });
    const page = await session.context.newPage();
    try {
      await page.goto(URL_AT_HOST);
      await sleep(1000);
      assert.equal(await latestResult(session, URL_AT_HOST), null, 'not read while the host is not an MCAM host');
      await session.worker.evaluate((host) => chrome.storage.local.set({ portal_hosts: JSON.stringify({ mcam: [host] }) }), HOST);
      const scripts = await waitForPortalScripts(session.worker, 1);
      assert.deepEqual(scripts.map((s) => s.matches), [[`https://${HOST}/*`]]);
      const found = summary(await stableResult(session, URL_AT_HOST));
      // The pkg files are web-accessible only on the default hosts, so the check runs in the worker.
      assert.equal(found.mode, 'worker');
      assert.deepEqual(found.page, readJson(path.join(MCAM, 'expected.json')));
      assert.ok(found.findings.some((f) => f.id === 'mcam.upn-unique' && f.severity === 'block'));
      assert.equal(await page.locator('procguard-overlay').count(), 1, 'one overlay: the script runs once');
    } finally {
      await page.close();
      await served.stop();
    }
  });
});

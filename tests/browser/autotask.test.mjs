// Autotask and IT Glue in a real browser: the confidential-number guard on a customer-visible
// email, learning the directory from the company page and the IT Glue Site Summary (with
// provenance, and conflicts that an explicit choice settles), and the order intent started
// from a ticket that the Pax8 checks then use as the quote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FIXTURES, auditLog, inspectCase, overlayProbe, summary, withToday, startSession,
} from './harness.mjs';

const TICKET_A = path.join(FIXTURES, 'autotask-ticket/a-classic-mc-in-progress');
const TICKET_B = path.join(FIXTURES, 'autotask-ticket/b-hudson-activity-draft');
const ACCOUNT = path.join(FIXTURES, 'autotask-account/a-hudson-udf');
const ITGLUE = path.join(FIXTURES, 'itglue-site-summary/a-acme');
const CART_D = path.join(FIXTURES, 'pax8-cart/d-late-render');
const CART_B = path.join(FIXTURES, 'pax8-cart/b-checkout-customer-contact-typo');
const SHELL = path.join(FIXTURES, 'autotask-ticket/c-new-shell-iframe');

/** The new UI shell whose ticket frame is only attached `ms` after load, as a slow shell does. */
function lateFrameShell(ms) {
  const html = withToday(readFileSync(path.join(SHELL, 'page.html'), 'utf8'));
  const slot = html.indexOf('<div class="relative w-full h-full" data-slot="iframe">');
  const start = html.indexOf('<iframe', slot);
  const end = html.indexOf('</iframe>', start) + '</iframe>'.length;
  const frame = html.slice(start, end);
  const late = `<script>setTimeout(function () { document.querySelector('[data-slot="iframe"]').insertAdjacentHTML('beforeend', ${JSON.stringify(frame).replace(/<\//g, '<\\/')}); }, ${ms});</script>`;
  return html.slice(0, start) + html.slice(end).replace('</body>', `${late}</body>`);
}

const learned = (session) => session.worker.evaluate(async () => JSON.parse((await chrome.storage.local.get('learned')).learned || '[]'));

/**
 * Starts an order from the ticket's overlay (the first finding's "start an order" form) and
 * returns the status it shows once the worker has answered: "Recorded for …" or "Not
 * recorded …" (at most 5 s; the order is stored before the answer comes back).
 */
async function startOrderIntent(page, product, quantity = '') {
  const probe = await overlayProbe(page);
  await probe.click('details.finding summary');
  await probe.focus('#pg-intent-product');
  await page.keyboard.type(product);
  if (quantity) {
    await probe.focus('#pg-intent-quantity');
    await page.keyboard.type(quantity);
  }
  await probe.click('details.finding button.more');
  const started = Date.now();
  let status = '';
  while (!/Recorded|Not recorded/.test(status) && Date.now() - started < 5000) {
    status = (await probe.texts('details.finding p.hint')).join(' ');
    await page.waitForTimeout(50);
  }
  return status;
}

describe('Autotask and IT Glue in a real browser', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(async () => session?.close());

  test('Send is held while a customer-visible email gives out the help desk number, and an override is audited', async () => {
    const { page, entry } = await inspectCase(session, TICKET_B);
    try {
      assert.ok(entry.result.findings.some((f) => f.id === 'ticket.confidential-number' && f.severity === 'block'));
      await page.evaluate(() => {
        window.__sent = 0;
        const send = [...document.querySelectorAll('.Button2')].find((b) => b.textContent.trim() === 'Send');
        send.addEventListener('click', () => { window.__sent += 1; });
      });
      const probe = await overlayProbe(page);
      const send = page.locator('.Button2', { hasText: /^Send$/ });
      await send.click();
      await probe.waitFor('.dialog');
      assert.match((await probe.texts('.dialog')).join(' '), /ticket\.confidential-number/);
      await probe.click('.dialog button:not(.danger)');
      assert.equal(await page.evaluate(() => window.__sent), 0, 'Send never reached the page');
      const before = (await auditLog(session)).length;
      await send.click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      await page.keyboard.type('Ada is the office manager and asked for it');
      await probe.click('.dialog button.danger');
      await page.waitForFunction(() => window.__sent === 1);
      const record = (await auditLog(session)).slice(before).find((r) => r.action === 'override');
      assert.ok(record?.finding_ids.includes('ticket.confidential-number'));
      assert.equal(record.customer, 'Hudson Law Group PC');
      assert.equal(record.page_kind, 'autotask-ticket');
    } finally {
      await page.close();
    }
  });

  // The new UI shell shows the ticket in a same-origin frame, which the top frame's script
  // reads: a click, a key or a submit there never reaches the top window.
  test('Send inside the new UI shell\'s ticket frame is held while a customer-visible email gives out the help desk number', async () => {
    const shell = withToday(readFileSync(path.join(SHELL, 'page.html'), 'utf8'));
    const ticket = withToday(readFileSync(path.join(TICKET_B, 'page.html'), 'utf8'));
    const attr = ticket.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const html = shell.replace(/(<iframe class="w-full h-full border-none" title=")[^"]*(" srcdoc=")[^"]*"/, (m, a, b) => `${a}Ticket${b}${attr}"`);
    assert.notEqual(html, shell);
    const { page, entry } = await inspectCase(session, SHELL, { html, quietMs: 800 });
    try {
      assert.ok(entry.result.findings.some((f) => f.id === 'ticket.confidential-number' && f.severity === 'block'), JSON.stringify(summary(entry)));
      const frame = page.frameLocator('iframe[title="Ticket"]');
      await frame.locator('body').evaluate(() => {
        window.__sent = 0;
        const send = [...document.querySelectorAll('.Button2')].find((b) => b.textContent.trim() === 'Send');
        send.addEventListener('click', () => { window.__sent += 1; });
      });
      const probe = await overlayProbe(page);
      await frame.locator('.Button2', { hasText: /^Send$/ }).click();
      await probe.waitFor('.dialog');
      await probe.click('.dialog button:not(.danger)');
      assert.equal(await frame.locator('body').evaluate(() => window.__sent), 0, 'Send never reached the page');
    } finally {
      await page.close();
    }
  });

  test('a ticket frame attached late by the shell is read once it arrives', async () => {
    const { page, entry } = await inspectCase(session, SHELL, { html: lateFrameShell(800) });
    try {
      const expected = JSON.parse(withToday(readFileSync(path.join(SHELL, 'expected.json'), 'utf8')));
      assert.deepEqual(entry.result.page, expected);
    } finally {
      await page.close();
    }
  });

  test('the company page teaches the directory what it lacks, with its source and time', async () => {
    const { page } = await inspectCase(session, ACCOUNT);
    try {
      let facts = [];
      for (let i = 0; i < 30 && !facts.some((f) => f.field === 'classification'); i++) {
        facts = await learned(session);
        await page.waitForTimeout(100);
      }
      const fact = facts.find((f) => f.customer_id === 'hudson' && f.field === 'classification');
      assert.ok(fact, JSON.stringify(facts));
      assert.equal(fact.value, 'Non-Managed');
      assert.equal(fact.source, 'Autotask UDF Help Desk Support Type');
      assert.ok(!Number.isNaN(Date.parse(fact.at)));
      assert.match(fact.url, /AccountDetail\.mvc/);
    } finally {
      await page.close();
    }
  });

  test('a plan learned from IT Glue that differs from the import is a conflict until someone chooses it', async () => {
    const html = withToday(readFileSync(path.join(ITGLUE, 'page.html'), 'utf8'))
      .replace('<div class="field-value">Per-Device (Onboarded)</div>', '<div class="field-value">Hourly (non-onboarded)</div>');
    const { page: itglue, entry } = await inspectCase(session, ITGLUE, { html });
    await itglue.close();
    assert.equal(entry.result.page.help_desk_plan, 'hourly');

    const options = await session.context.newPage();
    try {
      await options.goto(`chrome-extension://${session.extensionId}/options.html`);
      await options.waitForSelector('#learned-conflicts .conflict');
      assert.match(await options.textContent('#learned-conflicts'), /Acme Dental LLC: help_desk differs/);

      // The import stands meanwhile: the ticket still shows the imported plan.
      let ticket = await inspectCase(session, TICKET_A);
      let plan = ticket.entry.result.findings.find((f) => f.id === 'ticket.help-desk-plan');
      assert.match(`${plan.message} ${plan.evidence}`, /per-device/i);
      await ticket.page.close();

      await options.getByRole('button', { name: 'Use the learned value' }).click();
      await options.waitForFunction(() => !document.querySelector('#learned-conflicts .conflict'));
      ticket = await inspectCase(session, TICKET_A);
      plan = ticket.entry.result.findings.find((f) => f.id === 'ticket.help-desk-plan');
      assert.match(`${plan.message} ${plan.evidence}`, /hourly/i);
      assert.match(`${plan.message} ${plan.evidence}`, /IT Glue/);
      await ticket.page.close();
    } finally {
      await options.close();
    }
  });

  test('an order intent started from a ticket is the quote the Pax8 checks use', async () => {
    const before = await inspectCase(session, CART_D);
    assert.ok(!summary(before.entry).findings.some((f) => f.id === 'order.quantity-matches-quote'));
    await before.page.close();

    const { page } = await inspectCase(session, TICKET_A);
    try {
      const status = await startOrderIntent(page, 'Microsoft 365 Business Standard', '5');
      assert.match(status, /Recorded for Acme Dental LLC/);
    } finally {
      await page.close();
    }
    const fact = (await learned(session)).find((f) => f.field === 'order_intent');
    assert.equal(fact.value.ticket, 'T20261121.0007');
    assert.equal(fact.value.quantity, 5);

    const after = await inspectCase(session, CART_D);
    try {
      const found = summary(after.entry);
      assert.ok(found.findings.some((f) => f.id === 'order.quantity-matches-quote' && f.severity === 'block'), JSON.stringify(found.findings));
    } finally {
      await after.page.close();
    }
  });

  test('an order placed on Pax8 for a product started from a ticket brings the post-purchase checklist to that ticket', async () => {
    const ticket = await inspectCase(session, TICKET_A);
    try {
      assert.ok(!ticket.entry.result.findings.some((f) => f.id === 'ticket.post-purchase-checklist'));
      assert.match(await startOrderIntent(ticket.page, 'Visio Plan 2'), /Recorded for Acme Dental LLC/);
    } finally {
      await ticket.page.close();
    }
    const cart = await inspectCase(session, CART_B);
    try {
      const probe = await overlayProbe(cart.page);
      await cart.page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      await cart.page.keyboard.type('approved by Roberta on the phone today');
      await probe.click('.dialog button.danger');
      let orders = [];
      for (let i = 0; i < 30 && !orders.length; i++) {
        orders = (await learned(session)).filter((f) => f.field === 'order');
        await cart.page.waitForTimeout(100);
      }
      assert.equal(orders[0]?.value.ticket, 'T20261121.0007', JSON.stringify(orders));
      assert.equal(orders[0].value.product, 'Visio Plan 2');
    } finally {
      await cart.page.close();
    }
    const after = await inspectCase(session, TICKET_A);
    try {
      const checklist = after.entry.result.findings.find((f) => f.id === 'ticket.post-purchase-checklist');
      assert.ok(checklist, JSON.stringify(after.entry.result.findings.map((f) => f.id)));
      assert.match(`${checklist.message} ${checklist.evidence} ${checklist.remedy}`, /Visio Plan 2/);
    } finally {
      await after.page.close();
    }
  });
});

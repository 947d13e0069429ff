// The Pax8 flow in a real browser: the overlay, the hold on Checkout/Place Order, the
// override with its audit record, and re-reading as the technician edits the cart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FIXTURES, STRICT_CSP, auditLog, fixtureUrl, inspectCase, latestResult, overlayProbe, readJson, stableResult, summary, withToday, startSession,
} from './harness.mjs';

const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
const CASE_B = path.join(FIXTURES, 'pax8-cart/b-checkout-customer-contact-typo');
const CASE_C = path.join(FIXTURES, 'pax8-cart/c-hudson-two-lines');

/** Counts clicks that reach the page's own button handler (what would place the order). */
async function countOrderClicks(page, name) {
  await page.evaluate((label) => {
    window.__orderClicks = 0;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
    button.addEventListener('click', () => { window.__orderClicks += 1; });
  }, name);
  return () => page.evaluate(() => window.__orderClicks);
}

describe('Pax8 checkout in a real browser', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(async () => session?.close());

  test('Place Order is held while a block finding stands, and Go back keeps it held', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const clicks = await countOrderClicks(page, 'Place Order');
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      const dialog = (await probe.texts('.dialog')).join(' ');
      assert.match(dialog, /order\.primary-contact-is-msp/);
      assert.match(dialog, /order\.domain-matches-customer/);
      await probe.click('.dialog button:not(.danger)');
      await probe.waitFor('.dialog', { present: false });
      assert.equal(await clicks(), 0, 'the order click never reached the page');
    } finally {
      await page.close();
    }
  });

  // A framework re-rendering draws the same markup into fresh elements: the snapshot is the
  // same, the button is not. The hold stayed on the old button, no longer on the page.
  test('a Place Order the page draws anew as a fresh element is held like the one it replaced', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const probe = await overlayProbe(page);
      await page.evaluate(() => {
        window.__orderClicks = 0;
        const old = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Place Order');
        const fresh = old.parentElement.cloneNode(true);
        old.parentElement.replaceWith(fresh);
        fresh.querySelector('button').addEventListener('click', () => { window.__orderClicks += 1; });
      });
      await page.waitForTimeout(400); // past procguard's wait for a burst of changes (60 ms)
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      await probe.click('.dialog button:not(.danger)');
      await probe.waitFor('.dialog', { present: false });
      assert.equal(await page.evaluate(() => window.__orderClicks), 0, 'the order click never reached the page');
    } finally {
      await page.close();
    }
  });

  // An animation writing a style every frame re-armed the wait for a burst of changes to
  // end, for ever: a change of the cart under it was never read, and nothing was held.
  test('a cart changed while the page animates every frame is read again and held', async () => {
    const { page, url } = await inspectCase(session, CASE_A);
    try {
      const since = new Date().toISOString();
      await page.evaluate(() => {
        const busy = document.body.appendChild(document.createElement('div'));
        (function spin(t) { busy.style.transform = `rotate(${Math.round(t) % 360}deg)`; requestAnimationFrame(spin); })(0);
        const link = [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === 'Visio Plan 2');
        setTimeout(() => { link.textContent = 'Project Plan 5'; }, 300);
      });
      const entry = await stableResult(session, url, {
        since, quietMs: 300, limitMs: 4000, until: (e) => e.result.page?.lines?.[0]?.product === 'Project Plan 5',
      });
      assert.equal(entry?.result.page?.lines?.[0]?.product, 'Project Plan 5', 'the changed cart was read');
      assert.equal(entry.result.holds_checkout, true);
      const clicks = await countOrderClicks(page, 'Checkout');
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Checkout' }).click();
      await probe.waitFor('.dialog');
      assert.equal(await clicks(), 0, 'the checkout click never reached the page');
    } finally {
      await page.close();
    }
  });

  // A small-screen layout draws its own Place Order, hidden on a wide window. Narrowing the
  // window changes no node: the hold stayed on the wide layout's button, now hidden.
  test('after the window narrows to a small-screen layout, its own Place Order is held', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'))
      .replace('</head>', '<style>@media (max-width: 700px) { .wide-only { display: none; } } @media (min-width: 701px) { .narrow-only { display: none; } }</style></head>')
      .replace(/<button type="button"([^>]*)>Place Order<\/button>/, (button) => `<span class="wide-only">${button}</span><span class="narrow-only">${button}</span>`);
    const { page } = await inspectCase(session, CASE_B, { html, expected: readJson(path.join(CASE_B, 'expected.json')) });
    try {
      await page.setViewportSize({ width: 600, height: 900 });
      await page.waitForTimeout(600); // a resize is read as a change: after the wait for a burst
      await page.evaluate(() => {
        window.__orderClicks = 0;
        document.querySelector('.narrow-only button').addEventListener('click', () => { window.__orderClicks += 1; });
      });
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      assert.equal(await page.evaluate(() => window.__orderClicks), 0, 'the order click never reached the page');
    } finally {
      await page.close();
    }
  });

  test('an override needs a reason of at least four words', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const probe = await overlayProbe(page);
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      await page.keyboard.type('customer insists');
      assert.equal((await probe.all('.dialog button.danger:disabled')).length, 1);
      await page.keyboard.type(' on this today');
      assert.equal((await probe.all('.dialog button.danger:disabled')).length, 0);
    } finally {
      await page.close();
    }
  });

  test('an override with a reason lets the order through and is recorded in the audit log', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const clicks = await countOrderClicks(page, 'Place Order');
      const probe = await overlayProbe(page);
      const before = (await auditLog(session)).length;
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      await probe.focus('.dialog textarea');
      const reason = 'Jane asked for her own address as contact, approved by Roberta';
      await page.keyboard.type(reason);
      await probe.click('.dialog button.danger');
      await page.waitForFunction(() => window.__orderClicks === 1);
      assert.equal(await clicks(), 1);
      const log = await auditLog(session);
      const record = log.slice(before).find((r) => r.action === 'override');
      assert.ok(record, `no override record in ${JSON.stringify(log.slice(before))}`);
      assert.equal(record.reason, reason);
      assert.equal(record.customer, 'Acme Dental LLC');
      assert.equal(record.page_kind, 'pax8-cart');
      assert.ok(record.finding_ids.includes('order.primary-contact-is-msp'));
      assert.deepEqual(record.user, { name: 'Sam Tech', email: 'sam@ggit.example' });
      assert.equal(record.page.lines[0].product, 'Visio Plan 2', 'the cart as read is in the record');
      assert.ok(!Number.isNaN(Date.parse(record.at)));
    } finally {
      await page.close();
    }
  });

  test('pressing Enter in the checkout form is held like the Place Order click', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'))
      .replace(/<main([^>]*)>/, '<main$1><form id="checkout-form" onsubmit="window.__submitted = (window.__submitted || 0) + 1; return false;">')
      .replace('</main>', '</form></main>')
      .replace(/<button type="button"([^>]*)>Place Order<\/button>/, '<button type="submit"$1>Place Order</button>');
    const { page } = await inspectCase(session, CASE_B, { html });
    try {
      const probe = await overlayProbe(page);
      await page.getByLabel('Domain').focus();
      await page.keyboard.press('Enter');
      await probe.waitFor('.dialog');
      assert.equal(await page.evaluate(() => window.__submitted), undefined, 'the form was not submitted');
      await probe.click('.dialog button:not(.danger)');
    } finally {
      await page.close();
    }
  });

  // A design system's button drawn as `<div role="button">` acts on its own key handlers
  // (Enter when pressed, Space when released), which fire no click.
  test('Enter or Space on a Place Order drawn as a role=button block is held like its click', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'))
      .replace(/<button type="button"([^>]*)>Place Order<\/button>/, '<div role="button" tabindex="0" id="place"$1>Place Order</div>')
      .replace('</body>', `<script>
        const place = document.getElementById('place');
        window.__placed = 0;
        place.addEventListener('click', () => { window.__placed += 1; });
        place.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__placed += 1; });
        place.addEventListener('keyup', (e) => { if (e.key === ' ') window.__placed += 1; });
      </script></body>`);
    const { page } = await inspectCase(session, CASE_B, { html });
    try {
      const probe = await overlayProbe(page);
      for (const key of ['Enter', 'Space']) {
        await page.locator('#place').focus();
        await page.keyboard.press(key);
        await probe.waitFor('.dialog');
        assert.equal(await page.evaluate(() => window.__placed), 0, `${key} never reached the page's button`);
        await probe.click('.dialog button:not(.danger)');
        await probe.waitFor('.dialog', { present: false });
      }
      await page.locator('#place').click();
      await probe.waitFor('.dialog');
      assert.equal(await page.evaluate(() => window.__placed), 0, 'the click never reached the page');
      await probe.click('.dialog button:not(.danger)');
    } finally {
      await page.close();
    }
  });

  // A design system's button that acts when pressed (`onPointerDown`, `onMouseDown`) or
  // released (`onMouseUp`), not on its click: the click alone was held, and the order went
  // through on the press. An override gives the page the press and release it waits for.
  test('a Place Order acting on pointerdown, mousedown or mouseup is held, and an override reaches it', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'))
      .replace(/<button type="button"([^>]*)>Place Order<\/button>/, '<button type="button" id="place"$1>Place Order</button>')
      .replace('</body>', `<script>
        window.__placed = {};
        for (const type of ['pointerdown', 'mousedown', 'mouseup']) {
          document.getElementById('place').addEventListener(type, () => { window.__placed[type] = (window.__placed[type] || 0) + 1; });
        }
      </script></body>`);
    const { page } = await inspectCase(session, CASE_B, { html });
    try {
      const probe = await overlayProbe(page);
      await page.locator('#place').click();
      await probe.waitFor('.dialog');
      assert.deepEqual(await page.evaluate(() => window.__placed), {}, 'no press or release reached the page\'s button');
      await probe.focus('.dialog textarea');
      await page.keyboard.type('Jane asked for her own address as contact, approved by Roberta');
      await probe.click('.dialog button.danger');
      await page.waitForFunction(() => window.__placed.mouseup === 1);
      assert.deepEqual(await page.evaluate(() => window.__placed), { pointerdown: 1, mousedown: 1, mouseup: 1 });
    } finally {
      await page.close();
    }
  });

  // A design system that draws its actions as links: Place Order is `<a href>`. Its click
  // and Enter on it are held, and the page does not navigate.
  test('a Place Order drawn as a link is held on click and on Enter, and the page stays', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'))
      .replace(/<button type="button"([^>]*)>Place Order<\/button>/, '<a href="/checkout/placed" id="place"$1>Place Order</a>')
      .replace('</body>', `<script>
        window.__placed = 0;
        document.getElementById('place').addEventListener('click', () => { window.__placed += 1; });
      </script></body>`);
    assert.match(html, /<a href="\/checkout\/placed" id="place"/);
    const { page, entry } = await inspectCase(session, CASE_B, { html });
    try {
      assert.equal(entry.result.hold_targets.length, 1, 'Place Order is found');
      const url = page.url();
      const probe = await overlayProbe(page);
      await page.locator('#place').click();
      await probe.waitFor('.dialog');
      await probe.click('.dialog button:not(.danger)');
      await probe.waitFor('.dialog', { present: false });
      await page.locator('#place').focus();
      await page.keyboard.press('Enter');
      await probe.waitFor('.dialog');
      await probe.click('.dialog button:not(.danger)');
      assert.equal(await page.evaluate(() => window.__placed), 0, 'neither reached the page\'s link');
      assert.equal(page.url(), url, 'the page did not navigate');
    } finally {
      await page.close();
    }
  });

  // Pax8 is a single-page app: the technician reaches checkout from the dashboard without a
  // page load (history.pushState and a re-render), and leaves it the same way.
  test('checkout reached and left inside the single-page app is read, held, then cleared', async () => {
    const html = withToday(readFileSync(path.join(CASE_B, 'page.html'), 'utf8'));
    const checkoutBody = html.slice(html.indexOf('>', html.indexOf('<body')) + 1, html.lastIndexOf('</body>'));
    const style = html.match(/<style[\s\S]*?<\/style>/)?.[0] ?? '';
    const checkout = new URL(fixtureUrl(CASE_B));
    const dashboard = 'https://app.pax8.com/dashboard';
    const matcher = (u) => u.origin === checkout.origin;
    const shell = `<!DOCTYPE html><html><head><title>Pax8</title>${style}</head><body><main><h1>Dashboard</h1><p>Welcome back.</p></main></body></html>`;
    const handler = (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html' }, body: shell });
    await session.context.route(matcher, handler);
    const page = await session.context.newPage();
    try {
      const since = new Date().toISOString();
      await page.goto(dashboard);
      await page.evaluate(({ body, to }) => {
        history.pushState({}, '', to);
        document.body.innerHTML = body;
      }, { body: checkoutBody, to: checkout.pathname + checkout.search });
      const entry = await stableResult(session, checkout.href, { since, limitMs: 8000, until: (e) => e.result.holds_checkout });
      const found = summary(entry);
      assert.equal(found.page?.kind, 'pax8-cart');
      assert.equal(found.holds_checkout, true);
      const probe = await overlayProbe(page);
      await probe.waitFor('.marker');
      const clicks = await countOrderClicks(page, 'Place Order');
      await page.getByRole('button', { name: 'Place Order' }).click();
      await probe.waitFor('.dialog');
      assert.equal(await clicks(), 0, 'the order click never reached the page');
      await probe.click('.dialog button:not(.danger)');

      await page.evaluate(() => {
        history.pushState({}, '', '/dashboard');
        document.body.innerHTML = '<main><h1>Dashboard</h1><p>Welcome back.</p></main>';
      });
      await probe.waitFor('.panel, .marker', { present: false });
    } finally {
      await page.close();
      await session.context.unroute(matcher, handler);
    }
  });

  test('nothing is held when no block finding stands', async () => {
    const { page, entry } = await inspectCase(session, CASE_A);
    try {
      assert.equal(entry.result.holds_checkout, false);
      const clicks = await countOrderClicks(page, 'Checkout');
      await page.getByRole('button', { name: 'Checkout' }).click();
      assert.equal(await clicks(), 1);
      const probe = await overlayProbe(page);
      assert.equal((await probe.all('.dialog')).length, 0);
    } finally {
      await page.close();
    }
  });

  test('an edited quantity is read again and judged against the quote', async () => {
    const { page, url } = await inspectCase(session, CASE_A);
    try {
      const since = new Date().toISOString();
      await page.getByLabel('Quantity').first().fill('3');
      const entry = await stableResult(session, url, { since, quietMs: 600 });
      const found = summary(entry);
      assert.equal(found.page.lines[0].quantity, 3);
      assert.ok(found.findings.some((f) => f.id === 'order.quantity-matches-quote' && f.severity === 'block'), JSON.stringify(found.findings));
      assert.equal(found.holds_checkout, true);
    } finally {
      await page.close();
    }
  });

  test('a quantity a script sets as a property (a stepper button, a timer) is read again without any event', async () => {
    const { page, url } = await inspectCase(session, CASE_A);
    try {
      // A "+" button whose handler sets the box's value property: no input event, no mutation.
      await page.evaluate(() => {
        const box = document.querySelector('input[type="number"]');
        const plus = document.createElement('button');
        plus.type = 'button';
        plus.textContent = '+';
        plus.id = 'plus';
        plus.addEventListener('click', () => { box.value = String(Number(box.value) + 1); });
        box.after(plus);
      });
      let since = new Date().toISOString();
      await page.click('#plus');
      let found = summary(await stableResult(session, url, { since, quietMs: 600, until: (e) => e.result.page?.lines?.[0]?.quantity === 3 }));
      assert.equal(found.page.lines[0].quantity, 3);
      assert.ok(found.findings.some((f) => f.id === 'order.quantity-matches-quote' && f.severity === 'block'), JSON.stringify(found.findings));

      // A page timer, with no click at all: read within the once-a-second sweep.
      since = new Date().toISOString();
      await page.evaluate(() => { document.querySelector('input[type="number"]').value = '2'; });
      found = summary(await stableResult(session, url, { since, quietMs: 600, limitMs: 4000, until: (e) => e.result.page?.lines?.[0]?.quantity === 2 }));
      assert.equal(found.page.lines[0].quantity, 2);
      assert.ok(!found.findings.some((f) => f.id === 'order.quantity-matches-quote'), JSON.stringify(found.findings));
    } finally {
      await page.close();
    }
  });

  test('a term chosen with toggle buttons is the pressed one, and pressing the other is read again', async () => {
    // Monthly and Annual drawn as toggle buttons (aria-pressed): both words are shown, the
    // first of them is not the term. tests/browser/pages/pax8-cart-toggle-buttons.html.
    const html = withToday(readFileSync(path.join(import.meta.dirname, 'pages/pax8-cart-toggle-buttons.html'), 'utf8'));
    const { page, url } = await inspectCase(session, CASE_C, { html, url: 'https://app.pax8.com/cart', limitMs: 6000 });
    try {
      let found = summary(await stableResult(session, url, { quietMs: 600, until: (e) => e.result.page?.lines?.length === 2 }));
      assert.deepEqual(found.page.lines.map((l) => l.term), ['annual', 'monthly']);
      assert.ok(found.findings.some((f) => f.id === 'order.annual-needs-signed-annual-agreement'), JSON.stringify(found.findings));
      // The page's own handler moves aria-pressed to the button clicked.
      await page.evaluate(() => {
        for (const group of document.querySelectorAll('[role="group"]')) {
          for (const b of group.querySelectorAll('button')) {
            b.addEventListener('click', () => {
              for (const o of group.querySelectorAll('button')) o.setAttribute('aria-pressed', String(o === b));
            });
          }
        }
      });
      const since = new Date().toISOString();
      await page.locator('[role="group"]').first().getByRole('button', { name: 'Monthly' }).click();
      found = summary(await stableResult(session, url, { since, quietMs: 600, until: (e) => e.result.page?.lines?.[0]?.term === 'monthly' }));
      assert.deepEqual(found.page.lines.map((l) => l.term), ['monthly', 'monthly']);
      assert.ok(!found.findings.some((f) => f.id === 'order.annual-needs-signed-annual-agreement'), JSON.stringify(found.findings));
    } finally {
      await page.close();
    }
  });

  for (const [modeName, csp] of [['content script', null], ['service worker', STRICT_CSP]]) {
    test(`an edited quantity is re-read from the kept snapshot and judged as a fresh read of the page would be (wasm in the ${modeName})`, async () => {
      const { page, url } = await inspectCase(session, CASE_A, { csp });
      let fresh = null;
      try {
        const since = new Date().toISOString();
        await page.getByLabel('Quantity').first().fill('3');
        const edited = await stableResult(session, url, { since, quietMs: 600 });
        assert.equal(edited.timings.kind, 'patch', 'only the value was sent');
        const html = withToday(readFileSync(path.join(CASE_A, 'page.html'), 'utf8')).replace(/(aria-label="Quantity"[^>]*value=")\d+"|(value=")\d+("[^>]*aria-label="Quantity")/, (m, a, b, c) => (a ? `${a}3"` : `${b}3${c}`));
        await page.close();
        fresh = (await inspectCase(session, CASE_A, { csp, html })).page;
        const whole = await latestResult(session, url);
        assert.equal(whole.timings.kind, 'snapshot');
        assert.equal(summary(edited).page.lines[0].quantity, 3);
        assert.deepEqual(summary(edited), summary(whole));
      } finally {
        await page.close().catch(() => {});
        await fresh?.close();
      }
    });
  }

  test('the overlay shows each finding with message, evidence, remedy and procedure, next to its line', async () => {
    const { page } = await inspectCase(session, CASE_B);
    try {
      const probe = await overlayProbe(page);
      const cards = await probe.texts('.finding');
      const contact = cards.find((c) => c.includes('order.primary-contact-is-msp'));
      assert.ok(contact, cards.join('\n'));
      assert.match(contact, /Evidence/);
      assert.match(contact, /Next/);
      assert.match(contact, /Procedure .*004_91566548e18f58fa/);
      assert.ok((await probe.all('.marker')).length >= 2, 'markers are drawn next to the fields');
    } finally {
      await page.close();
    }
  });

  test('page text is shown as text and the page cannot reach the overlay', async () => {
    const html = withToday(readFileSync(path.join(CASE_A, 'page.html'), 'utf8'))
      .replace('data-testid="cart-line-product">Visio Plan 2<', 'data-testid="cart-line-product">&lt;img src=x onerror="window.__pwned=1"&gt;Visio Plan 9<');
    const { page, entry } = await inspectCase(session, CASE_A, { html });
    try {
      assert.equal(entry.result.page.lines[0].product, '<img src=x onerror="window.__pwned=1">Visio Plan 9');
      const probe = await overlayProbe(page);
      const cards = (await probe.texts('.finding')).join('\n');
      assert.match(cards, /<img src=x onerror="window.__pwned=1">Visio Plan 9/);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no page text ran as markup');
      assert.equal(await page.evaluate(() => document.querySelector('procguard-overlay')?.shadowRoot), null, 'the shadow root is closed to the page');
      assert.equal(await page.evaluate(() => document.querySelector('procguard-overlay') !== null), true);
    } finally {
      await page.close();
    }
  });
});

import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveFixture, FIXTURES, bigCart } from '../../tests/browser/harness.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const context = await browser.newContext();
const { url } = await serveFixture(context, path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart'), { html: bigCart(200) });
const page = await context.newPage();
await page.goto(url);
console.log(await page.evaluate(() => {
  const els = [...document.body.querySelectorAll('*')];
  const time = (f) => { const t = performance.now(); for (let r = 0; r < 5; r++) for (const e of els) f(e); return ((performance.now() - t) / 5).toFixed(2); };
  return { n: els.length,
    computed: time((e) => { const s = getComputedStyle(e); return s.display === 'none' || s.visibility === 'hidden'; }),
    check: time((e) => e.checkVisibility({ visibilityProperty: true })),
    offsetParent: time((e) => e.offsetParent),
    attrs: time((e) => { const o = {}; for (const a of e.attributes) o[a.name] = a.value; return o; }),
  };
}));
await browser.close();

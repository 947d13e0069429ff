// Development aid: prints the snapshot extension/snapshot.js takes of a fixture page (after it
// settles), without the extension. Feed it to `cargo run -p procguard-readers --example read`.
//   node tests/browser/dump-snapshot.mjs CASE_DIR [--wait MS] > snapshot.json
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, serveFixture } from './harness.mjs';

const [caseDir, ...rest] = process.argv.slice(2);
const wait = rest[0] === '--wait' ? Number(rest[1]) : 3000;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const context = await browser.newContext({ timezoneId: 'America/New_York' });
await context.route('**/*', (route) => route.abort());
const { url } = await serveFixture(context, path.resolve(caseDir));
const page = await context.newPage();
await page.goto(url);
await page.waitForTimeout(wait);
await page.addScriptTag({ content: readFileSync(path.join(ROOT, 'extension/snapshot.js'), 'utf8') });
const json = await page.evaluate(() => {
  const s = globalThis.procguardSnapshot.snapshot(document);
  return JSON.stringify({ url: s.url, title: s.title, nodes: s.nodes });
});
process.stdout.write(`${json}\n`);
await browser.close();

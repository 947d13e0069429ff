// Speed on a large cart, measured in the browser: a 200-line Pax8 cart, one quantity edited
// at a time; each re-read (snapshot + Rust read and judge + paint) is timed by the content
// script and kept by the service worker. Figures are printed for the record.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FIXTURES, bigCart, inspectCase, startSession,
} from './harness.mjs';

const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

describe('re-reading a 200-line cart after an edit', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(async () => session?.close());

  // Issue target: 4 ms median and no task over 50 ms. Not met yet (see the figures printed);
  // the bounds below catch regressions from where it stands (about 60 ms and 100 ms on an idle
  // 2-core machine), with room for a loaded one.
  test('each edit of a 200-line cart is re-read, judged and painted within 150 ms median and no task over 500 ms', async () => {
    const { page, entry } = await inspectCase(session, CASE_A, { html: bigCart(200) });
    try {
      assert.equal(entry.result.page.lines.length, 200);
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
          .observe({ type: 'longtask', buffered: false });
      });
      const history = () => session.worker.evaluate(async () => {
        const all = await chrome.storage.session.get(null);
        return Object.entries(all).filter(([k]) => k.startsWith('timings:')).flatMap(([, v]) => v);
      });
      const before = (await history()).length;
      const inputs = page.getByLabel('Quantity');
      const edits = 25;
      for (let i = 0; i < edits; i++) {
        const seen = (await history()).length;
        await inputs.nth(i * 7).fill(String(20 + i));
        const started = Date.now();
        while ((await history()).length === seen && Date.now() - started < 3000) await page.waitForTimeout(20);
      }
      const runs = (await history()).slice(before);
      assert.ok(runs.length >= edits, `only ${runs.length} re-reads for ${edits} edits`);
      const totals = runs.map((r) => r.total_ms);
      const figures = {
        runs: runs.length,
        nodes: runs[0].nodes,
        total_p50_ms: quantile(totals, 0.5), total_p95_ms: quantile(totals, 0.95),
        snapshot_p50_ms: quantile(runs.map((r) => r.snapshot_ms), 0.5),
        judge_p50_ms: quantile(runs.map((r) => r.judge_ms), 0.5),
        paint_p50_ms: quantile(runs.map((r) => r.paint_ms), 0.5),
        longest_task_ms: Math.max(0, ...(await page.evaluate(() => window.__longTasks))),
      };
      console.log(`200-line cart re-read: ${JSON.stringify(figures)}`);
      assert.ok(figures.total_p50_ms <= 150, `median re-read took ${figures.total_p50_ms} ms`);
      assert.ok(figures.longest_task_ms <= 500, `a task took ${figures.longest_task_ms} ms`);
    } finally {
      await page.close();
    }
  });
});

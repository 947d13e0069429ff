// Speed on a large cart, measured in the browser: a 200-line Pax8 cart, one quantity edited
// at a time; each re-read (the edited value patched into the snapshot the core kept, Rust read
// and judge, paint) is timed by the content script and kept by the service worker, and the
// time from the edit's input event to the overlay painted is taken on the page's clock.
// Figures are printed for the record.
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

  // Issue targets: the re-read's work at most 4 ms median, the overlay updated within a frame
  // (16 ms) of the edit, no task over 50 ms. The figures are printed for the record (the
  // closing note quotes them); the assertions bound regressions with room for a loaded
  // 2-core machine, since timings there vary by a factor of two or more.
  test('each edit of a 200-line cart is patched, re-read, judged and painted: 15 ms median work, 33 ms to the overlay, no task over 100 ms', async () => {
    const { page, entry } = await inspectCase(session, CASE_A, { html: bigCart(200) });
    try {
      assert.equal(entry.result.page.lines.length, 200);
      await page.evaluate(() => {
        window.__longTasks = [];
        window.__inputs = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
          .observe({ type: 'longtask', buffered: false });
        document.addEventListener('input', () => window.__inputs.push(performance.now()), true);
      });
      const history = () => session.worker.evaluate(async () => {
        const all = await chrome.storage.session.get(null);
        return Object.entries(all).filter(([k]) => k.startsWith('timings:')).flatMap(([, v]) => v);
      });
      const inputs = page.getByLabel('Quantity');
      const edits = 25;
      const runs = [];
      for (let i = 0; i < edits; i++) {
        const seen = (await history()).length;
        // fill() clears, then types: two input events; the run after the last one is the edit's.
        await inputs.nth(i * 7).fill(String(20 + i));
        const edit = (await page.evaluate(() => window.__inputs)).at(-1);
        const started = Date.now();
        let run = null;
        while (!run && Date.now() - started < 3000) {
          run = (await history()).slice(seen).find((r) => r.painted_at_ms >= edit);
          if (!run) await page.waitForTimeout(20);
        }
        assert.ok(run, `edit ${i} was not re-read within 3 s`);
        runs.push({ ...run, edit_to_overlay_ms: run.painted_at_ms - edit });
      }
      const totals = runs.map((r) => r.total_ms);
      const toOverlay = runs.map((r) => r.edit_to_overlay_ms);
      const figures = {
        runs: runs.length,
        kinds: [...new Set(runs.map((r) => r.kind))],
        work_p50_ms: quantile(totals, 0.5), work_p95_ms: quantile(totals, 0.95),
        patch_and_judge_p50_ms: quantile(runs.map((r) => r.judge_ms), 0.5),
        paint_p50_ms: quantile(runs.map((r) => r.paint_ms), 0.5),
        edit_to_overlay_p50_ms: quantile(toOverlay, 0.5), edit_to_overlay_p95_ms: quantile(toOverlay, 0.95),
        longest_task_ms: Math.max(0, ...(await page.evaluate(() => window.__longTasks))),
      };
      console.log(`200-line cart re-read: ${JSON.stringify(figures)}`);
      assert.deepEqual(figures.kinds, ['patch'], 'an edit sends only the edited value');
      assert.ok(figures.work_p50_ms <= 15, `median re-read took ${figures.work_p50_ms} ms`);
      assert.ok(figures.edit_to_overlay_p50_ms <= 33, `median edit to overlay took ${figures.edit_to_overlay_p50_ms} ms`);
      assert.ok(figures.longest_task_ms <= 100, `a task took ${figures.longest_task_ms} ms`);
    } finally {
      await page.close();
    }
  });
});

// The Chromium half of the benchmark: headless Debian chromium (playwright-core), with a copy
// of the built extension (dist/chrome) in which performance marks are added at a few points
// of the content script (its sources, joined and minified again as the build does); nothing
// else differs from what ships:
//   pg:start          first line of the content scripts (snapshot.js's, first in the bundle)
//   pg:import         content.js starts loading its own core (the worker answers meanwhile)
//   pg:imported       glue imported and settings pack got from the worker (side by side)
//   pg:instantiated   wasm fetched, compiled and instantiated
//   pg:ready          settings pack (directory, policy, user) loaded into the content script's core
//   pg:run            a re-read starts (snapshot)
//   pg:painted {...}  overlay painted; the name carries the run's snapshot/judge/paint times
// Marks are shared by the page's worlds, so the page (and this runner) reads them.
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, bundleContentScripts } from '../tools/bundle-content.mjs';
import { minifyFile } from '../tools/minify.mjs';
import { FIXTURES, ROOT, bigCart, importDirectory, launch, serveFixture, setUser, withToday } from '../tests/browser/harness.mjs';

const CASE_A = path.join(FIXTURES, 'pax8-cart/a-visio-monthly-cart');
const USER = { name: 'Sam Tech', email: 'sam@ggit.example' };

/** The settings pack the worker would give the content script for these settings. */
async function settingsPack(directory, user) {
  const pages = await import(pathToFileURL(path.join(ROOT, 'pkg/procguard_wasm.js')).href);
  pages.initSync({ module: readFileSync(path.join(ROOT, 'pkg/procguard_wasm_bg.wasm')) });
  pages.load_policy('');
  pages.load_directory(directory);
  pages.set_user(user);
  return pages.settings_pack();
}

function patch(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path.basename(file)} no longer has \`${from}\`: update bench/chromium.mjs`);
  writeFileSync(file, text.replace(from, to));
}

/** bench/out/ext: the built extension with the marks, the bench page and the core-alone module. */
export function instrumentedExtension(out, benchPkg, dist = path.join(ROOT, 'dist/chrome')) {
  const ext = path.join(out, 'ext');
  rmSync(ext, { recursive: true, force: true });
  cpSync(dist, ext, { recursive: true });
  // The packaged content scripts are joined (tools/bundle-content.mjs) and minified
  // (tools/minify.mjs): the marks go into their sources, which are then joined and minified
  // the same way. pg:start is the first statement of snapshot.js's function (a script joined
  // into the bundle must be `'use strict'` and one function called at once).
  const sources = path.join(out, 'content-sources');
  rmSync(sources, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'extension'), sources, { recursive: true });
  const snapshot = path.join(sources, 'snapshot.js');
  patch(snapshot, "'use strict';\n(() => {", "'use strict';\n(() => {\n  performance.mark('pg:start');");
  const content = path.join(sources, 'content.js');
  patch(content, 'const [module, pack] = await Promise.all([',
    "performance.mark('pg:import'); const [module, pack] = await Promise.all([");
  patch(content, 'await module.default({',
    "performance.mark('pg:imported'); await module.default({");
  patch(content, 'const unloaded = module.load_settings_pack(pack.pack);',
    "performance.mark('pg:instantiated'); const unloaded = module.load_settings_pack(pack.pack); performance.mark('pg:ready');");
  patch(content, 'const started = performance.now();', "const started = performance.now(); performance.mark('pg:run'); let coreMs = null;");
  // The core's own call within the judging of a patch (the rest: the delta parsed and resolved).
  patch(content, "if (mode === 'content') return JSON.parse(engine.check_patch(SLOT, patchText, localNow()));",
    "if (mode === 'content') { const now = localNow(); const t = performance.now(); const answer = engine.check_patch(SLOT, patchText, now); globalThis.__pgCoreMs = performance.now() - t; return JSON.parse(answer); }");
  patch(content, 'result = resolveDelta(await ask(() => judgePatch(patchText)));',
    'globalThis.__pgCoreMs = null; result = resolveDelta(await ask(() => judgePatch(patchText))); coreMs = globalThis.__pgCoreMs;');
  patch(content, 'const paintedAt = performance.now();',
    "const paintedAt = performance.now(); performance.mark('pg:painted ' + JSON.stringify({ mode, kind, snapshot_ms: snapped - started, judge_ms: judged - snapped, paint_ms: paintedAt - judged, total_ms: paintedAt - started, core_ms: coreMs, nodes, paint }));");
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8')).content_scripts[0].js;
  bundleContentScripts(ext, scripts, sources);
  minifyFile(path.join(ext, BUNDLE));
  // snapshot.js alone, as built, for the bench page's snapshots of big carts.
  const snapshotAlone = path.join(ext, 'snapshot.min.js');
  cpSync(path.join(ROOT, 'extension/snapshot.js'), snapshotAlone);
  minifyFile(snapshotAlone);
  writeFileSync(path.join(ext, 'bench.html'), '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>procguard bench</title></head><body></body></html>\n');
  cpSync(path.join(ROOT, 'bench/browser.js'), path.join(ext, 'benchlib.js'));
  mkdirSync(path.join(ext, 'benchpkg'), { recursive: true });
  for (const f of ['procguard_bench.js', 'procguard_bench_bg.wasm']) cpSync(path.join(benchPkg, f), path.join(ext, 'benchpkg', f));
  return ext;
}

/** Main-world probes installed before any page script: edits and long tasks. */
const PROBES = () => {
  window.__pg = { inputs: [], longTasks: [] };
  document.addEventListener('input', () => window.__pg.inputs.push(performance.now()), true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__pg.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) { /* no long task API */ }
};

const marks = (page) => page.evaluate(() => performance.getEntriesByType('mark')
  .filter((m) => m.name.startsWith('pg:')).map((m) => ({ name: m.name, at: m.startTime })));

function painted(list) {
  return list.filter((m) => m.name.startsWith('pg:painted')).map((m) => ({ at: m.at, ...JSON.parse(m.name.slice('pg:painted '.length)) }));
}

async function waitPainted(page, count, timeout = 10000) {
  await page.waitForFunction((n) => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('pg:painted')).length >= n, count, { timeout, polling: 10 });
}

async function benchPage(session) {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/bench.html`);
  return page;
}

/** Everything measured in Chromium; `log` reports progress. */
export async function chromiumBench({ ext, inputs, loads = 15, edits = 25, log = () => {} }) {
  const session = await launch({ extension: ext });
  const result = {};
  try {
    result.browser = session.context.browser()?.version() ?? null;
    await setUser(session, USER);
    await importDirectory(session, path.join(FIXTURES, 'directory.json'));
    await session.context.addInitScript(PROBES);

    // ---- start-up: fresh page loads of Pax8 fixture a ----------------------------------------
    log(`start-up: ${loads} fresh loads of pax8-cart/a`);
    const served = await serveFixture(session.context, CASE_A);
    const loadsOut = [];
    for (let i = 0; i < loads; i++) {
      const page = await session.context.newPage();
      await page.goto(served.url);
      await waitPainted(page, 1);
      // The content script's own core loads once the first overlay is shown (or after a
      // second): wait for it too, so that its load is measured rather than missed.
      await page.waitForFunction(() => performance.getEntriesByType('mark').some((m) => m.name === 'pg:ready'),
        null, { timeout: 5000, polling: 10 }).catch(() => {});
      const m = await marks(page);
      const at = (name) => m.find((x) => x.name === name)?.at;
      const first = painted(m)[0];
      const longTasks = await page.evaluate(() => window.__pg.longTasks);
      loadsOut.push({
        to_first_overlay_ms: first.at - at('pg:start'),
        navigation_to_first_overlay_ms: first.at,
        first_mode: first.mode,
        core_ready_ms: at('pg:ready') - at('pg:import'),
        import_compile_ms: at('pg:imported') - at('pg:import'),
        read_settings_instantiate_ms: at('pg:instantiated') - at('pg:imported'),
        load_settings_ms: at('pg:ready') - at('pg:instantiated'),
        start_to_first_run_ms: (m.find((x) => x.name === 'pg:run')?.at ?? NaN) - at('pg:start'),
        first_run_ms: first.total_ms,
        first_judge_ms: first.judge_ms,
        script_start_after_nav_ms: at('pg:start'),
        longest_task_ms: Math.max(0, ...longTasks.map((t) => t.duration)),
      });
      await page.close();
    }
    await served.stop();
    result.startup = loadsOut;

    // ---- compile + instantiate, core alone, read + judge, memory (bench.html) ----------------
    // Snapshots of 50- and 200-line carts as the content script takes them.
    log('snapshots of 50- and 200-line carts');
    const snapshots = {};
    const snapshotCode = readFileSync(path.join(ext, 'snapshot.min.js'), 'utf8'); // as built
    for (const [name, html] of [['case_a', null], ['cart_50', bigCart(50)], ['cart_200', bigCart(200)], ['cart_200_edited', bigCart(200).replace('value="2"', 'value="9"')]]) {
      const s = await serveFixture(session.context, CASE_A, html ? { html } : {});
      const p = await session.context.newPage();
      await p.goto(s.url);
      await p.addScriptTag({ content: snapshotCode });
      snapshots[name] = await p.evaluate(() => {
        const { snapshot, wire } = globalThis.procguardSnapshot;
        return wire(snapshot(document));
      });
      await p.close();
      await s.stop();
    }
    const directory = withToday(readFileSync(path.join(FIXTURES, 'directory.json'), 'utf8'));
    // The content script's core takes its settings as the worker's pack: made here by the
    // pages' build of the core from the same directory, policy and user.
    const pack = await settingsPack(directory, JSON.stringify(USER));
    log('compile + instantiate (15 runs, bytes never compiled before)');
    let page = await benchPage(session);
    result.compile = await page.evaluate(async (arg) => (await import('./benchlib.js')).compileInstantiate(15, arg),
      { pack, snapshot: snapshots.case_a });
    await page.close();

    log('core alone in wasm (bench crate) on the generated carts');
    page = await benchPage(session);
    result.core = await page.evaluate(async (inputs) => (await import('./benchlib.js')).coreAlone(inputs), inputs);
    await page.close();

    log('read + judge in wasm (shipped check_snapshot_in)');
    page = await benchPage(session);
    result.read_judge = await page.evaluate(async (arg) => (await import('./benchlib.js')).readAndJudge(arg),
      { directory, user: JSON.stringify(USER), pack, snapshots: { cart_50: snapshots.cart_50, cart_200: snapshots.cart_200 } });
    await page.close();
    result.snapshot_bytes = { cart_50: snapshots.cart_50.length, cart_200: snapshots.cart_200.length };

    log('memory: 1,000 re-evaluations of a 200-line cart');
    page = await benchPage(session);
    result.memory = await page.evaluate(async (arg) => (await import('./benchlib.js')).memory(arg),
      { pack, snapshots: [snapshots.cart_200, snapshots.cart_200_edited] });
    await page.close();

    // ---- end to end in the content script: edits of 50- and 200-line carts --------------------
    result.edits = {};
    for (const lines of [50, 200]) {
      log(`end to end: ${edits} edits of a ${lines}-line cart`);
      const s = await serveFixture(session.context, CASE_A, { html: bigCart(lines) });
      const p = await session.context.newPage();
      await p.goto(s.url);
      await waitPainted(p, 1);
      await p.waitForTimeout(300);
      const startMarks = painted(await marks(p));
      const firstRun = startMarks[0];
      await p.evaluate(() => { window.__pg.longTasks = []; window.__pg.inputs = []; });
      const inputs = p.getByLabel('Quantity');
      const perEdit = [];
      for (let i = 0; i < edits; i++) {
        const before = painted(await marks(p)).length;
        // fill() sends two input events (cleared, then the value): the run that follows the
        // last one is the edit's.
        await inputs.nth((i * 7) % lines).fill(String(20 + i));
        const edit = (await p.evaluate(() => window.__pg.inputs)).at(-1);
        await p.waitForFunction((t) => performance.getEntriesByType('mark').some((m) => m.name.startsWith('pg:painted') && m.startTime >= t), edit, { timeout: 5000, polling: 10 });
        const run = painted(await marks(p)).slice(before).find((r) => r.at >= edit);
        perEdit.push({ mutation_to_overlay_ms: run.at - edit, ...run });
        await p.waitForTimeout(30);
      }
      const longTasks = await p.evaluate(() => window.__pg.longTasks);
      result.edits[lines] = { first_run: firstRun, runs: perEdit, longest_task_ms: Math.max(0, ...longTasks.map((t) => t.duration)), long_tasks: longTasks.length };
      await p.close();
      await s.stop();
    }
  } finally {
    await session.close();
  }
  return result;
}

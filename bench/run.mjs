// procguard's benchmark (issue 8): `./build.sh bench` builds the extension and the bench
// crate (bench/core), then runs this. It prints one table and writes it to BENCHMARKS.md.
//
//   node bench/run.mjs [--quick] [--no-write] [--reuse-native] [--render]
//
// Where each figure comes from:
// - sizes: the built files (pkg/, dist/chrome), gzip level 9;
// - native: criterion on bench/core/benches/contexts.rs, over the carts of bench/carts.mjs;
// - Node (same process, same machine, same run): procguard-core in wasm (the bench crate, built
//   at the extension's release profile) against json-rules-engine and cedar-wasm (peers.mjs);
// - Chromium: headless Debian chromium with a copy of dist/chrome that carries performance
//   marks (chromium.mjs; the in-page half is browser.js).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { THREE_CHECKS, inputs as makeInputs } from './carts.mjs';
import { cedarVersion, cedarWasm, jsonRulesEngine } from './peers.mjs';
import { chromiumBench, instrumentedExtension } from './chromium.mjs';
import { BUDGET, sizes } from './sizes.mjs';

// The fixtures' {{TODAY}} and the browser's clock are taken in the fixtures' time zone.
process.env.TZ ||= 'America/New_York';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SHARED = process.env.PROCGUARD_SHARED || path.resolve(ROOT, '../shared');
const OUT = path.join(HERE, 'out');
const BENCH_PKG = path.join(OUT, 'benchpkg');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const log = (m) => process.stderr.write(`\x1b[1m--> ${m}\x1b[0m\n`);
const started = Date.now();

// ---- helpers -------------------------------------------------------------------------------

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  return { n: s.length, median: q(0.5), p5: q(0.05), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

/** Per-call microseconds of `fn` (sync or async), in batches of at least `minBatchMs`. */
async function timeBatches(fn, { samples = QUICK ? 8 : 25, minBatchMs = 10 } = {}) {
  for (let i = 0; i < 3; i++) await fn();
  let per = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) await fn();
    if (Number(process.hrtime.bigint() - t0) / 1e6 >= minBatchMs || per >= 1 << 16) break;
    per *= 2;
  }
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e3 / per);
  }
  return { ...stats(out), per_batch: per };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const fmtUs = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`);
const fmtMs = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
/** The median time of the core's own call over the edits that measured it (patches). */
const coreCall = (edits) => {
  const measured = edits.map((x) => x.core_ms).filter((ms) => typeof ms === 'number');
  return measured.length ? fmtMs(stats(measured).median) : 'not measured';
};
const spreadUs = (s) => `${fmtUs(s.median)} (p5 ${fmtUs(s.p5)}, p95 ${fmtUs(s.p95)})`;
const spreadMs = (s) => `${fmtMs(s.median)} (p5 ${fmtMs(s.p5)}, p95 ${fmtMs(s.p95)})`;
const countIds = (list) => {
  const m = {};
  for (const v of list) m[v.id] = (m[v.id] || 0) + 1;
  return m;
};
const sameCounts = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const version = (cmd, argv) => {
  try { return execFileSync(cmd, argv, { encoding: 'utf8' }).trim(); } catch (_) { return 'unknown'; }
};

// ---- sizes ----------------------------------------------------------------------------------

/**
 * The built extension, copied while holding build.sh's lock, so that a build started by
 * someone else meanwhile cannot change what is measured halfway.
 */
function copyDist() {
  const dist = path.join(OUT, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(path.join(ROOT, 'target'), { recursive: true });
  const run = spawnSync('flock', [path.join(ROOT, 'target/.procguard-build.lock'), 'cp', '-R', path.join(ROOT, 'dist/chrome'), dist], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('could not copy dist/chrome (run ./build.sh first)');
  return dist;
}

// ---- where the size goes ------------------------------------------------------------------------

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const SIZE_GROUPS = [
  ['removed by wasm-bindgen (names, descriptors)', (n) => /function names|custom section|__wbindgen_describe|producers/.test(n)],
  ['data segments (string literals, tables)', (n) => /^data segment/.test(n)],
  ['serde: derived (de)serialisers, serde_json', (n) => /serde/.test(n)],
  ['chrono (dates, strftime, parsing)', (n) => /chrono/.test(n)],
  ['formatting (core::fmt, float printing)', (n) => /(^|[<\s&])core(\[[0-9a-f]+\])?::(fmt|num::flt2dec)|::fmt::|flt2dec/.test(n)],
  ['procguard_readers (page readers)', (n) => /^[<&\s]*(mut )?procguard_readers/.test(n)],
  ['procguard_core (checks, policy, input)', (n) => /^[<&\s]*(mut )?procguard_core/.test(n)],
  ['procguard_wasm (binding: engine, slots, result JSON)', (n) => /^[<&\s]*(mut )?procguard_wasm/.test(n)],
  ['wasm-bindgen, js-sys, web-sys glue', (n) => /wasm_bindgen|js_sys|web_sys|__wbg|__externref/.test(n)],
  ['allocator (dlmalloc)', (n) => /dlmalloc/.test(n)],
  ['std/core/alloc generics (Vec, iterators, HashMap, str, ...)', (n) => /(core|alloc|std|hashbrown)(\[[0-9a-f]+\])?::/.test(n)],
];

/**
 * What the wasm is made of, by crate and kind, from `twiggy top` on wasm-bindgen's input
 * (the release build before wasm-bindgen and wasm-opt: it still has function names). Null
 * when twiggy is not installed (`cargo install twiggy`).
 */
function sizeBreakdown(site) {
  const wasm = path.join(ROOT, `target/procguard_${site}.wasm`); // that site's content build (build.sh)
  let csv;
  try {
    csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', wasm], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (_) {
    return null;
  }
  const totals = new Map(SIZE_GROUPS.map(([g]) => [g, 0]));
  totals.set('other', 0);
  const items = [];
  for (const [name, size] of parseCsv(csv).slice(1)) {
    const bytes = Number(size) || 0;
    if (!name || !bytes) continue;
    const group = SIZE_GROUPS.find(([, test]) => test(name))?.[0] ?? 'other';
    totals.set(group, totals.get(group) + bytes);
    if (group !== SIZE_GROUPS[0][0]) items.push({ name, bytes });
  }
  items.sort((a, b) => b.bytes - a.bytes);
  const removed = totals.get(SIZE_GROUPS[0][0]);
  totals.delete(SIZE_GROUPS[0][0]);
  const kept = [...totals.values()].reduce((a, b) => a + b, 0);
  return {
    input_bytes: kept + removed, removed_bytes: removed, kept_bytes: kept,
    groups: [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([group, bytes]) => ({ group, bytes, share: bytes / kept })),
    largest: items.slice(0, 12),
  };
}

// ---- procguard-core in wasm, in Node ----------------------------------------------------------

async function loadBenchCore() {
  if (!existsSync(path.join(BENCH_PKG, 'procguard_bench.js'))) throw new Error(`${BENCH_PKG}: not built; run ./build.sh bench`);
  const core = await import(path.join(BENCH_PKG, 'procguard_bench.js'));
  core.initSync({ module: readFileSync(path.join(BENCH_PKG, 'procguard_bench_bg.wasm')) });
  return core;
}

// ---- native: criterion ---------------------------------------------------------------------

function criterion(inputsDir) {
  log('native: criterion (bench/core/benches/contexts.rs)');
  const target = path.join(HERE, 'core/target');
  const run = args.has('--reuse-native') ? { status: 0 } : spawnSync('cargo', ['bench', '--bench', 'contexts', '--', '--noplot'], {
    cwd: path.join(HERE, 'core'), stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PROCGUARD_BENCH_INPUTS: inputsDir, CARGO_TARGET_DIR: target },
  });
  if (run.status !== 0) throw new Error('cargo bench failed');
  const out = {};
  for (const name of readdirNames(inputsDir)) {
    const dir = path.join(target, 'criterion/evaluate', name, 'new');
    const sample = JSON.parse(readFileSync(path.join(dir, 'sample.json'), 'utf8'));
    const perIter = sample.iters.map((n, i) => sample.times[i] / n / 1000); // ns -> µs
    out[name] = stats(perIter);
  }
  return out;
}

function readdirNames(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
}

// ---- the run --------------------------------------------------------------------------------

async function main() {
  rmSync(path.join(OUT, 'inputs'), { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'inputs'), { recursive: true });
  const result = { date: new Date().toISOString() };
  result.machine = {
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown', cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version, rustc: version('rustc', ['--version']), chromium: null,
    load_at_start: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };

  log('sizes (of a copy of dist/chrome taken under the build lock)');
  const dist = copyDist();
  result.sizes = sizes(dist);
  result.size_breakdown = sizeBreakdown(result.sizes.site);

  log('inputs: carts of 50 and 200 lines (bench/carts.mjs)');
  const core = await loadBenchCore();
  const allIds = JSON.parse(core.check_ids());
  for (const id of THREE_CHECKS) if (!allIds.includes(id)) throw new Error(`no check ${id}`);
  const inputs = makeInputs(SHARED, allIds);
  const names = [];
  for (const input of inputs) {
    core.load_directory(JSON.stringify(input.directory), JSON.stringify(input.user));
    core.load_policy(input.policy);
    core.load_page(JSON.stringify(input.page), input.now);
    input.findings = core.evaluate_loaded(input.now, 1);
    writeFileSync(path.join(OUT, 'inputs', `${input.name}.json`), JSON.stringify(input));
    names.push(input.name);
  }
  writeFileSync(path.join(OUT, 'inputs/index.json'), JSON.stringify(names));
  result.inputs = Object.fromEntries(inputs.map((i) => [i.name, { lines: i.lines, checks: i.checks, findings: i.findings }]));

  result.native = criterion(path.join(OUT, 'inputs'));

  log('Node: procguard-core (wasm) and the peers on the same carts');
  const jre = jsonRulesEngine();
  const cedar = cedarWasm();
  result.node = {};
  // Warm up every engine on every input first (V8 tiers JS and wasm up as they get hot).
  const warmUntil = Date.now() + 1500;
  while (Date.now() < warmUntil) {
    for (const input of inputs) {
      core.load_directory(JSON.stringify(input.directory), JSON.stringify(input.user));
      core.load_policy(input.policy);
      core.load_page(JSON.stringify(input.page), input.now);
      core.evaluate_loaded(input.now, 1);
      core.evaluate_page(JSON.stringify(input.page), input.now);
      if (input.checks === 'three') {
        await jre(input.directory, input.page);
        cedar(input.directory, input.page);
      }
    }
  }
  for (const input of inputs) {
    core.load_directory(JSON.stringify(input.directory), JSON.stringify(input.user));
    core.load_policy(input.policy);
    const pageJson = JSON.stringify(input.page);
    core.load_page(pageJson, input.now);
    const entry = {
      evaluate_us: await timeBatches(() => core.evaluate_loaded(input.now, 1)),
      page_json_us: await timeBatches(() => core.evaluate_page(pageJson, input.now)),
    };
    if (input.checks === 'three') {
      const procguardFindings = JSON.parse(core.evaluate_page(pageJson, input.now));
      const counts = {
        procguard: countIds(procguardFindings),
        'json-rules-engine': countIds(await jre(input.directory, input.page)),
        'cedar-wasm': countIds(cedar(input.directory, input.page)),
      };
      for (const [peer, c] of Object.entries(counts)) {
        if (!sameCounts(c, counts.procguard)) throw new Error(`${input.name}: ${peer} finds ${JSON.stringify(c)}, procguard ${JSON.stringify(counts.procguard)}`);
      }
      entry.violations = counts.procguard;
      entry.jre_us = await timeBatches(() => jre(input.directory, input.page), { minBatchMs: 30 });
      entry.cedar_us = await timeBatches(() => cedar(input.directory, input.page), { minBatchMs: 30 });
    }
    result.node[input.name] = entry;
  }
  result.peers = { 'json-rules-engine': JSON.parse(readFileSync(path.join(ROOT, 'node_modules/json-rules-engine/package.json'), 'utf8')).version, 'cedar-wasm': JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@cedar-policy/cedar-wasm/package.json'), 'utf8')).version, cedar: cedarVersion() };

  log('Chromium (headless, the built extension with performance marks)');
  const ext = instrumentedExtension(OUT, BENCH_PKG, dist);
  result.chromium = await chromiumBench({ ext, inputs, loads: QUICK ? 5 : 15, edits: QUICK ? 8 : 25, log });
  result.machine.chromium = result.chromium.browser;
  result.machine.load_at_end = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  result.seconds = (Date.now() - started) / 1000;
  writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 2));
  const report = render(result);
  process.stdout.write(`${report.table}\n`);
  if (!args.has('--no-write')) {
    writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report.markdown);
    log('written to BENCHMARKS.md (raw figures: bench/out/result.json)');
  }
}

// ---- the table ------------------------------------------------------------------------------

function render(r) {
  const rows = [];
  const targets = [];
  const row = (section, what, figure) => rows.push([section, what, figure]);
  const target = (what, met, figure) => targets.push([what, met ? 'met' : 'NOT met', figure]);
  const s = r.sizes;
  row('size', `wasm (wasm-opt -Oz) of the largest site module, ${s.site}: raw / gzip`, `${kb(s.wasm_raw)} / ${kb(s.wasm_gzip)}`);
  row('size', 'JS glue (wasm-bindgen), raw / gzip', `${kb(s.glue_raw)} / ${kb(s.glue_gzip)}`);
  row('size', `content script payload on a ${s.site} page (${s.payload.map((f) => f.name).join(', ')}), raw / gzip`, `${kb(s.payload_raw)} / ${kb(s.payload_gzip)}`);
  if (s.sites) {
    row('size', 'each site: wasm gzip / payload gzip', s.sites.map((x) => `${x.site} ${kb(x.wasm_gzip)} / ${kb(x.payload_gzip)}`).join('; '));
  }
  target('wasm at most 60 KB gzip', s.wasm_gzip <= BUDGET.wasm_gzip, kb(s.wasm_gzip));
  target('content script at most 80 KB gzip', s.payload_gzip <= BUDGET.payload_gzip, kb(s.payload_gzip));

  const c = r.chromium;
  const compile = c.compile;
  row('start-up', 'wasm compile + instantiate (bench page, 15 runs, bytes never compiled before)', `${spreadMs(compile.total)}; compile ${fmtMs(compile.compile.median)}, instantiate ${fmtMs(compile.instantiate.median)}`);
  row('start-up', 'first calls after instantiating (load_settings_pack, check_snapshot_in of fixture a): V8 compiles wasm functions lazily, on first call', `${spreadMs(compile.first_calls)}; the same calls again ${fmtMs(compile.second_calls.median)}`);
  const firstModes = [...new Set(c.startup.map((l) => l.first_mode))].join(', ');
  row('start-up', 'content script start to its first read starting (snapshot.js, overlay.js, content.js evaluated)', spreadMs(stats(c.startup.map((l) => l.start_to_first_run_ms))));
  row('start-up', `first read: snapshot, judged by the service worker's core (already warm), paint (first paint came from: ${firstModes})`, `${spreadMs(stats(c.startup.map((l) => l.first_run_ms)))}; the worker's answer ${fmtMs(stats(c.startup.map((l) => l.first_judge_ms)).median)}`);
  row('start-up', "meanwhile, the content script's own core: glue import and the worker's settings pack (side by side); wasm fetch, compile and instantiate; settings pack loaded", `${spreadMs(stats(c.startup.map((l) => l.core_ready_ms)))}; ${fmtMs(stats(c.startup.map((l) => l.import_compile_ms)).median)} + ${fmtMs(stats(c.startup.map((l) => l.read_settings_instantiate_ms)).median)} + ${fmtMs(stats(c.startup.map((l) => l.load_settings_ms)).median)}`);
  const first = stats(c.startup.map((l) => l.to_first_overlay_ms));
  row('start-up', `content-script start to first overlay, Pax8 fixture a (${c.startup.length} fresh page loads)`, `median ${fmtMs(first.median)}, p95 ${fmtMs(first.p95)} (min ${fmtMs(first.min)}, max ${fmtMs(first.max)})`);
  const nav = stats(c.startup.map((l) => l.navigation_to_first_overlay_ms));
  row('start-up', '(for the record: navigation start to first overlay; the content script runs at document_idle)', `median ${fmtMs(nav.median)}, p95 ${fmtMs(nav.p95)}`);
  target('compile + instantiate at most 10 ms', compile.total.median <= 10, `${fmtMs(compile.total.median)} median (but the first calls then compile what they run: ${fmtMs(compile.first_calls.median)})`);
  target('first overlay at most 50 ms after the script starts', first.median <= 50, `${fmtMs(first.median)} median, ${fmtMs(first.p95)} p95`);

  for (const lines of [50, 200]) {
    for (const kind of ['quiet', 'clean', 'faulty']) {
      const name = `all_checks_${kind}_${lines}`;
      row('evaluation', `${lines} lines, every check, ${kind} cart (${r.inputs[name].findings} findings): core, native (criterion)`, spreadUs(r.native[name]));
      row('evaluation', `  … core in wasm, Chromium`, spreadUs(c.core[name].evaluate_us));
      row('evaluation', `  … core in wasm, Chromium, page JSON in, findings JSON out`, spreadUs(c.core[name].page_json_us));
    }
    const rj = c.read_judge[`cart_${lines}`];
    row('evaluation', `${lines}-line Pax8 cart page (${rj.findings} findings): read + evaluate in wasm (check_snapshot_in), Chromium`, spreadUs(rj.check_snapshot_us));
    const st = rj.stages;
    row('evaluation', `  … its stages (${st.nodes} snapshot nodes, ${kb(st.snapshot_bytes)} of snapshot in, ${kb(st.result_bytes)} out)`, `parse snapshot ${fmtUs(st.parse_us.median)}, read ${fmtUs(st.read_us.median)}, context ${fmtUs(st.context_us.median)}, evaluate ${fmtUs(st.evaluate_us.median)}, result to JSON ${fmtUs(st.serialize_us.median)}; JSON.parse of it in JS ${fmtUs(st.result_json_parse_us.median)}`);
    const e = c.edits[lines].runs;
    row('evaluation', `${lines}-line Pax8 cart page: end to end in the content script after an edit (the edited value patched into the kept snapshot + read + evaluate + paint), ${e.length} edits`, `${spreadMs(stats(e.map((x) => x.total_ms)))}; snapshot ${fmtMs(stats(e.map((x) => x.snapshot_ms)).median)}, read + evaluate ${fmtMs(stats(e.map((x) => x.judge_ms)).median)} (of which the core's call ${coreCall(e)}), paint ${fmtMs(stats(e.map((x) => x.paint_ms)).median)}`);
  }
  const worstNative = Math.max(...['quiet', 'clean', 'faulty'].map((k) => r.native[`all_checks_${k}_200`].median));
  target('200-line cart, core, at most 100 µs native', worstNative <= 100, `${fmtUs(worstNative)} (slowest of the three carts, median)`);
  const e2e = stats(c.edits[200].runs.map((x) => x.total_ms));
  target('end to end at most 1 ms in Chromium (200 lines)', e2e.median <= 1, `${fmtMs(e2e.median)} median`);

  const m200 = stats(c.edits[200].runs.map((x) => x.mutation_to_overlay_ms));
  const work200 = stats(c.edits[200].runs.map((x) => x.total_ms));
  row('re-evaluation', `200-line cart: edit to updated overlay (the \`input\` event to the overlay painted), ${c.edits[200].runs.length} edits`, `p50 ${fmtMs(m200.median)}, p95 ${fmtMs(m200.p95)}`);
  row('re-evaluation', '200-line cart: the re-read itself (patch to painted)', `p50 ${fmtMs(work200.median)}, p95 ${fmtMs(work200.p95)}`);
  const longest = Math.max(c.edits[200].longest_task_ms, c.edits[50].longest_task_ms, ...c.startup.map((l) => l.longest_task_ms));
  row('re-evaluation', 'longest task (long-task API, page loads and edits)', `${fmtMs(longest)} (200-line edits: ${fmtMs(c.edits[200].longest_task_ms)}, ${c.edits[200].long_tasks} tasks over 50 ms)`);
  target('mutation to overlay at most 16 ms p50', m200.median <= 16, `${fmtMs(m200.median)} p50 (of which ${fmtMs(work200.median)} work)`);
  target('no task over 50 ms', longest <= 50, `${fmtMs(longest)} longest`);

  const mem = c.memory;
  row('memory', 'wasm linear memory after 10 / 100 / 1,000 re-evaluations (200-line cart)', `${kb(mem.after_10)} / ${kb(mem.after_100)} / ${kb(mem.after_1000)} (${mem.after_1000 > mem.after_10 ? 'GREW' : 'no growth'}; ${(mem.seconds).toFixed(1)} s for 1,000)`);
  target('memory does not grow over 1,000 re-evaluations', mem.after_1000 <= mem.after_10, `${kb(mem.after_10)} → ${kb(mem.after_1000)}`);

  const ratios = [];
  for (const lines of [50, 200]) {
    const name = `three_checks_faulty_${lines}`;
    const n = r.node[name];
    const v = n.violations;
    const total = Object.values(v).reduce((a, b) => a + b, 0);
    row('peers (Node)', `${lines} lines, three checks: violations found by each engine (identical)`, `${total} (${Object.entries(v).map(([k, x]) => `${k.replace('order.', '')} ${x}`).join(', ')})`);
    row('peers (Node)', `  procguard-core, native (criterion)`, spreadUs(r.native[name]));
    row('peers (Node)', `  procguard-core in wasm: evaluate`, spreadUs(n.evaluate_us));
    row('peers (Node)', `  procguard-core in wasm: page JSON in, findings JSON out`, spreadUs(n.page_json_us));
    row('peers (Node)', `  json-rules-engine ${r.peers['json-rules-engine']}`, spreadUs(n.jre_us));
    row('peers (Node)', `  cedar-wasm ${r.peers['cedar-wasm']}`, spreadUs(n.cedar_us));
    const jre = n.jre_us.median / n.page_json_us.median;
    const ced = n.cedar_us.median / n.page_json_us.median;
    row('peers (Node)', `  ratio, peer / procguard (page JSON in and out)`, `json-rules-engine ${jre.toFixed(1)}×, cedar-wasm ${ced.toFixed(1)}× (against evaluate alone: ${(n.jre_us.median / n.evaluate_us.median).toFixed(0)}×, ${(n.cedar_us.median / n.evaluate_us.median).toFixed(0)}×)`);
    ratios.push({ lines, jre, ced });
  }
  target('at least 5× faster than json-rules-engine (three checks)', ratios.every((x) => x.jre >= 5), ratios.map((x) => `${x.jre.toFixed(1)}× at ${x.lines} lines`).join(', '));
  target('at least 50× faster than cedar-wasm (three checks)', ratios.every((x) => x.ced >= 50), ratios.map((x) => `${x.ced.toFixed(1)}× at ${x.lines} lines`).join(', '));

  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  const plain = [
    ...rows.map(([a, b, f]) => `${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${f}`),
    '',
    ...targets.map(([what, met, fig]) => `${met.padEnd(7)}  ${what}: ${fig}`),
  ].join('\n');
  const md = (cells) => `| ${cells.map((x) => String(x).replace(/\|/g, '\\|')).join(' | ')} |`;
  const m = r.machine;
  const markdown = `# procguard benchmarks

Measured by \`./build.sh bench\` on ${r.date.slice(0, 10)} (${r.date}), in ${Math.round(r.seconds)} s.

Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}; Node ${m.node}; ${m.rustc}; Chromium ${m.chromium} (headless).
Load average (1, 5, 15 min) at the start ${m.load_at_start}, at the end ${m.load_at_end}.
Peers: json-rules-engine ${r.peers['json-rules-engine']}, @cedar-policy/cedar-wasm ${r.peers['cedar-wasm']} (Cedar ${r.peers.cedar}).

Timings are medians with their spread (p5–p95 of the samples, or of the runs); machines are noisy,
so only the sizes are meant to be compared with their targets strictly.

## Results

${md(['', 'what', 'figure'])}
${md(['---', '---', '---'])}
${rows.map((x) => md(x)).join('\n')}

## Targets

${md(['target', '', 'figure'])}
${md(['---', '---', '---'])}
${targets.map(([what, met, fig]) => md([what, met, fig])).join('\n')}

## Where the size goes

${sizeSection(r)}

${notes()}

## How it is measured

- **Sizes**: the content script loads one build of the core per site, \`pkg/procguard_<site>_bg.wasm\`
  (pax8, autotask, itglue, portals: only that site's readers and checks, after \`wasm-opt -Oz\`;
  the extension pages load the whole \`pkg/procguard_wasm_bg.wasm\`; the functions of each
  content module are laid out in the order gzip compresses best, \`tools/order-functions.mjs\`).
  The figures are the largest site's: its wasm, its wasm-bindgen glue, and its page's content
  script payload: the manifest's content scripts (shipped joined as one file,
  \`tools/bundle-content.mjs\`) and that site's glue and wasm, each gzipped (level 9) and
  summed.
- **Carts** (\`bench/carts.mjs\`): scenario 01's directory (Acme Dental and two others) with
  50- or 200-line carts built as \`crates/core/benches/evaluate.rs\` builds them: *quiet* (no
  check fires), *clean* (as it should be; the annual and temporary monthly lines still get
  their warnings), *faulty* (several findings per line). Every engine gets the same files.
- **Core alone**: \`evaluate\` on a context parsed beforehand: natively under criterion
  (\`bench/core/benches/contexts.rs\`, opt-level 3), and in wasm from \`bench/core\`, the same
  core built at the extension's release profile (opt-level z, LTO, \`wasm-opt -Oz\`), called
  from an extension page in Chromium and from Node. *Page JSON in, findings JSON out* adds what
  the extension does around it once a page is read: parse the page, \`Context::for_page\`,
  serialise the findings.
- **Read + evaluate**: the shipped export \`check_snapshot_in\` (the content script's whole read) on snapshots of the Pax8 fixture
  page with its cart row repeated 50 or 200 times, as \`extension/snapshot.js\` writes them (in
  the wire format of \`crates/core/src/wire.rs\`) (\`harness.mjs\` \`bigCart\`, every check on,
  \`directory.json\` of the fixtures).
- **Start-up and end to end**: a copy of \`dist/chrome\` with performance marks (see
  \`bench/chromium.mjs\`; nothing else differs), loaded in headless Chromium. Start-up is from
  the first line of the first content script to the overlay painted, over fresh page loads
  (new tabs) of Pax8 fixture a. *Compile + instantiate* is timed on an extension page on
  bytes never compiled before (a nonce custom section defeats V8's module cache), so that
  each run is a cold compile. End to end is the content script's own run (snapshot, read and
  evaluate in wasm, paint) after each edit of a quantity: an edit sends only the edited value,
  patched into the snapshot the core kept. *Edit to updated overlay* is from the \`input\`
  event to the overlay painted (edits are read in the next task; a change of the page's
  structure waits 60 ms for the burst to end, and is read whole). The first overlay of a page
  is judged by the service worker's core while the content script's own core loads.
  Long tasks are the page's long-task API entries.
- **Memory**: \`memory.buffer.byteLength\` of the shipped module's instance after 10, 100 and
  1,000 \`check_snapshot_in\` calls on a 200-line cart (two snapshots alternated).
- **Peers** run in Node, in the same process as procguard's wasm, on the faulty carts with
  the three checks \`${THREE_CHECKS.join('`, `')}\`; every other procguard check is disabled by a
  policy override. Each evaluation starts from the directory and the cart as plain objects and
  includes, for the peers, what the application must do around the engine (find the customer,
  normalise product names, index the records by product; \`bench/peers.mjs\`).
  json-rules-engine runs its three rules once per line (all lines of a cart concurrently);
  cedar-wasm answers one \`statefulIsAuthorized\` request per line against the policies
  preparsed once, with the line, its product and the customer as entities. The run stops
  unless all three engines find the same violations. The ratio is peer time over procguard's
  *page JSON in, findings JSON out* time in the same Node process.

## How to rerun

\`\`\`sh
./build.sh bench            # builds the extension and bench/core, runs bench/run.mjs (2-3 minutes once built)
node bench/run.mjs --quick  # after a build: fewer samples; --no-write leaves this file alone
node bench/run.mjs --render # this file again from bench/out/result.json (after editing bench/notes.md)
node bench/size-check.mjs   # the size budgets as a check: exit status 1 while they are exceeded
\`\`\`

\`./build.sh test\` runs the size check: it fails the build when a size grows past its ceiling
(\`bench/sizes.mjs\`: the target once met, until then today's size with a little room).

Raw figures of the last run: \`bench/out/result.json\` (not committed).
`;
  return { table: plain, markdown };
}

/** The hand-written analysis (bench/notes.md), kept with the generated tables. */
function notes() {
  try { return readFileSync(path.join(HERE, 'notes.md'), 'utf8').trim(); } catch (_) { return ''; }
}

function sizeSection(r) {
  const b = r.size_breakdown;
  if (!b) return 'Not analysed in this run: `cargo install twiggy` and run again.';
  const md = (cells) => `| ${cells.map((x) => String(x).replace(/\|/g, '\\|')).join(' | ')} |`;
  return `\`twiggy top\` of the release wasm before wasm-bindgen and wasm-opt (${kb(b.input_bytes)}, of which ${kb(b.removed_bytes)} are
names and descriptors that wasm-bindgen removes; the shares below are of the other ${kb(b.kept_bytes)}, which wasm-opt -Oz
brings to ${kb(r.sizes.wasm_raw)}). Generic code is counted where its path puts it (a \`Vec\` of readers' types is std).

${md(['part', 'bytes', 'share'])}
${md(['---', '---:', '---:'])}
${b.groups.map((g) => md([g.group, kb(g.bytes), `${(g.share * 100).toFixed(1)} %`])).join('\n')}

Largest single items: ${b.largest.slice(0, 8).map((i) => `\`${i.name.replace(/::h[0-9a-f]{16}$/, '')}\` ${kb(i.bytes)}`).join(', ')}.`;
}

/** `--render`: the table and BENCHMARKS.md again from the last run's bench/out/result.json. */
function renderOnly() {
  const report = render(JSON.parse(readFileSync(path.join(OUT, 'result.json'), 'utf8')));
  process.stdout.write(`${report.table}\n`);
  if (!args.has('--no-write')) writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report.markdown);
}

(args.has('--render') ? Promise.resolve().then(renderOnly) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});

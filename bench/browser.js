// In-page half of the benchmark: runs in `bench.html` of the bench's copy of the extension
// (bench/out/ext, a chrome-extension:// page under the extension's own CSP), called from
// bench/chromium.mjs through page.evaluate. Nothing here is shipped.

/** Median and spread of a list of numbers. */
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  return { n: s.length, median: q(0.5), p5: q(0.05), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

/**
 * Times `fn` (one call = one evaluation) in batches long enough for the page's coarse clock:
 * `samples` batches of `per` calls each; returns per-call microseconds.
 */
export function timeBatches(fn, { samples = 25, minBatchMs = 8 } = {}) {
  for (let i = 0; i < 3; i++) fn(); // warm up (lazy compilation, tier-up)
  let per = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < per; i++) fn();
    if (performance.now() - t0 >= minBatchMs || per >= 1 << 16) break;
    per *= 2;
  }
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < per; i++) fn();
    out.push(((performance.now() - t0) * 1000) / per);
  }
  return { ...stats(out), per_batch: per };
}

/** A wasm module whose bytes differ from any compiled before (a custom section with a nonce). */
function freshBytes(bytes, nonce) {
  const name = new TextEncoder().encode('bench-nonce');
  const payload = new TextEncoder().encode(String(nonce));
  const body = [name.length, ...name, ...payload];
  if (body.length > 127) throw new Error('nonce too long');
  const out = new Uint8Array(bytes.length + 2 + body.length);
  out.set(bytes, 0);
  out.set([0, body.length, ...body], bytes.length);
  return out;
}

/**
 * Compile + instantiate of the shipped module, `runs` times, each time from bytes never
 * compiled before (V8 would otherwise reuse the native module of an earlier compile).
 */
export async function compileInstantiate(runs, { pack, snapshot }) {
  const bytes = new Uint8Array(await (await fetch('./pkg/procguard_pax8_bg.wasm')).arrayBuffer());
  const out = { compile_ms: [], instantiate_ms: [], total_ms: [], first_calls_ms: [], second_calls_ms: [] };
  // V8 compiles wasm functions lazily, on their first call: the first calls after
  // instantiating pay for compiling what they run. Timed here as the content script makes them.
  const calls = (glue) => {
    const t0 = performance.now();
    glue.load_settings_pack(pack);
    glue.check_snapshot_in('bench', snapshot, localNow());
    return performance.now() - t0;
  };
  for (let i = 0; i < runs; i++) {
    const glue = await import(`./pkg/procguard_pax8.js?run=${i}-${Math.random()}`);
    const fresh = freshBytes(bytes, `${Date.now()}-${i}-${Math.random()}`);
    const t0 = performance.now();
    const module = await WebAssembly.compile(fresh);
    const t1 = performance.now();
    await glue.default({ module_or_path: module });
    const t2 = performance.now();
    out.compile_ms.push(t1 - t0);
    out.instantiate_ms.push(t2 - t1);
    out.total_ms.push(t2 - t0);
    out.first_calls_ms.push(calls(glue));
    out.second_calls_ms.push(calls(glue));
  }
  return {
    compile: stats(out.compile_ms), instantiate: stats(out.instantiate_ms), total: stats(out.total_ms),
    first_calls: stats(out.first_calls_ms), second_calls: stats(out.second_calls_ms),
    first_total_ms: out.total_ms[0], raw_total_ms: out.total_ms,
  };
}

/** procguard-core alone in wasm (bench crate): `evaluate` on each input, and page JSON in/out. */
export async function coreAlone(inputs) {
  const core = await import('./benchpkg/procguard_bench.js');
  await core.default({ module_or_path: './benchpkg/procguard_bench_bg.wasm' });
  const out = {};
  // Warm up every path first: V8 tiers wasm functions up as they get hot, and the first
  // input measured would otherwise run on baseline code.
  const warmUntil = performance.now() + 400;
  while (performance.now() < warmUntil) {
    for (const input of inputs) {
      core.load_directory(JSON.stringify(input.directory), JSON.stringify(input.user));
      core.load_policy(input.policy);
      core.load_page(JSON.stringify(input.page), input.now);
      core.evaluate_loaded(input.now, 1);
      core.evaluate_page(JSON.stringify(input.page), input.now);
    }
  }
  for (const input of inputs) {
    core.load_directory(JSON.stringify(input.directory), JSON.stringify(input.user));
    core.load_policy(input.policy);
    const pageJson = JSON.stringify(input.page);
    core.load_page(pageJson, input.now);
    const findings = core.evaluate_loaded(input.now, 1);
    const boundaryFindings = JSON.parse(core.evaluate_page(pageJson, input.now)).length;
    out[input.name] = {
      findings, boundary_findings: boundaryFindings,
      evaluate_us: timeBatches(() => core.evaluate_loaded(input.now, 1)),
      page_json_us: timeBatches(() => core.evaluate_page(pageJson, input.now)),
    };
  }
  return out;
}

/** The browser's clock as RFC 3339 with its offset (what content.js passes as `now`). */
function localNow() {
  const d = new Date();
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/**
 * The shipped export `check_snapshot_in` (read + evaluate + result JSON, the snapshot kept for
 * the edits after it: the content script's whole read) on page snapshots, and
 * its stages one by one (bench crate, same code at the same profile).
 */
export async function readAndJudge({ directory, user, pack, snapshots }) {
  const glue = await import(`./pkg/procguard_pax8.js?judge=${Math.random()}`);
  await glue.default({ module_or_path: './pkg/procguard_pax8_bg.wasm' });
  glue.load_settings_pack(pack);
  const core = await import('./benchpkg/procguard_bench.js');
  await core.default({ module_or_path: './benchpkg/procguard_bench_bg.wasm' });
  core.load_directory(directory, user);
  core.load_policy('');
  const now = localNow();
  const out = {};
  const opts = { samples: 15, minBatchMs: 30 };
  const warmUntil = performance.now() + 400;
  while (performance.now() < warmUntil) {
    for (const snapshot of Object.values(snapshots)) {
      glue.check_snapshot_in('bench', snapshot, now);
      core.stage_parse(snapshot); core.stage_read(); core.stage_context(now); core.stage_evaluate(now); core.stage_serialize();
    }
  }
  for (const [name, snapshot] of Object.entries(snapshots)) {
    const resultText = glue.check_snapshot_in('bench', snapshot, now);
    const result = JSON.parse(resultText);
    const nodes = core.stage_parse(snapshot);
    const lines = core.stage_read();
    core.stage_context(now);
    const findings = core.stage_evaluate(now);
    const bytes = core.stage_serialize();
    out[name] = {
      lines: result.page?.lines?.length ?? null,
      findings: result.findings?.length ?? null,
      check_snapshot_us: timeBatches(() => glue.check_snapshot_in('bench', snapshot, now), opts),
      stages: {
        nodes, lines, findings, result_bytes: bytes, snapshot_bytes: snapshot.length,
        parse_us: timeBatches(() => core.stage_parse(snapshot), opts),
        read_us: timeBatches(() => core.stage_read(), opts),
        context_us: timeBatches(() => core.stage_context(now), opts),
        evaluate_us: timeBatches(() => core.stage_evaluate(now), opts),
        serialize_us: timeBatches(() => core.stage_serialize(), opts),
        result_json_parse_us: timeBatches(() => JSON.parse(resultText), opts),
      },
    };
  }
  return out;
}

/** Wasm linear memory after 10 and after 1,000 re-evaluations of a 200-line cart. */
export async function memory({ pack, snapshots }) {
  const glue = await import(`./pkg/procguard_pax8.js?memory=${Math.random()}`);
  const exports = await glue.default({ module_or_path: './pkg/procguard_pax8_bg.wasm' });
  glue.load_settings_pack(pack);
  const bytes = () => exports.memory.buffer.byteLength;
  const initial = bytes();
  const at = {};
  const now = localNow();
  const t0 = performance.now();
  for (let i = 1; i <= 1000; i++) {
    glue.check_snapshot_in('bench', snapshots[i % snapshots.length], now);
    if (i === 10 || i === 100 || i === 1000) at[i] = bytes();
  }
  return { initial, after_10: at[10], after_100: at[100], after_1000: at[1000], seconds: (performance.now() - t0) / 1000 };
}

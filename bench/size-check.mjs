// The size targets of issue 8 as a check that fails (exit 1) when a budget is exceeded:
//   node bench/size-check.mjs [dist/chrome]
// Not part of `./build.sh test` yet: the wasm is far over its budget today (see
// BENCHMARKS.md); wire it in once the sizes are met, so that they stay met.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, sizes } from './sizes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist/chrome'));
const s = sizes(dist);
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const checks = [
  ['wasm (gzip)', s.wasm_gzip, BUDGET.wasm_gzip],
  [`content script payload (gzip: ${s.payload.map((f) => f.name).join(', ')})`, s.payload_gzip, BUDGET.payload_gzip],
];
let failed = false;
for (const [what, size, budget] of checks) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${what}: ${kb(size)}, budget ${kb(budget)}`);
}
process.exit(failed ? 1 : 0);

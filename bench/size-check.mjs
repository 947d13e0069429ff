// The size targets of issue 8, checked on a built extension:
//   node bench/size-check.mjs [dist/chrome]
// Prints each size against its target (60 KB wasm, 80 KB content script, gzip) and fails
// (exit 1) when a size is over its ceiling: the target once met, until then the current size
// with a little room (bench/sizes.mjs), so that the sizes cannot grow unnoticed.
// `./build.sh test` runs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, CEILING, sizes } from './sizes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist/chrome'));
const s = sizes(dist);
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const checks = [
  [`wasm of the largest site module, ${s.site} (gzip)`, s.wasm_gzip, 'wasm_gzip'],
  [`content script payload (gzip: ${s.payload.map((f) => f.name).join(', ')})`, s.payload_gzip, 'payload_gzip'],
];
let failed = false;
for (const [what, size, key] of checks) {
  const target = BUDGET[key];
  const ceiling = Math.max(target, CEILING[key]);
  const over = size > ceiling;
  failed ||= over;
  const status = size <= target ? 'target met' : `target ${kb(target)} NOT met`;
  console.log(`${over ? 'OVER' : 'ok  '}  ${what}: ${kb(size)}; ${status}; ceiling ${kb(ceiling)}`);
}
for (const x of s.sites) {
  console.log(`      ${x.site}: wasm ${kb(x.wasm_gzip)}, payload ${kb(x.payload_gzip)} gzip`);
}

// Library code that has crept back into the content modules before, each time unnoticed until
// the sizes were looked at: found by its function names in each module as linked, before
// wasm-opt drops the names (build.sh keeps that copy as target/procguard_<site>.wasm).
const UNWANTED = {
  StrSearcher: "std's two-way text searcher, 1-3 KB gzip: a `str` method given a text pattern (`contains(\"…\")`, `replace`, `split`, `find`); use procguard_core::normalize's find_text, has_text, split_at_text or replace_text",
  unicode_data: "std's Unicode tables, 2 KB gzip: `char::is_alphanumeric`, `is_alphabetic`, `to_lowercase` and the like; use their ASCII forms or normalize's Lowercase",
  dlmalloc: 'dlmalloc, 2.8 KB gzip: the content build allocates with src/heap.rs (#[global_allocator] in src/lib.rs)',
};
for (const site of s.sites.map((x) => x.site)) {
  const file = path.join(ROOT, `target/procguard_${site}.wasm`);
  let linked;
  try {
    linked = readFileSync(file);
  } catch {
    console.log(`OVER  ${file} is missing: build with ./build.sh first`);
    failed = true;
    continue;
  }
  for (const [name, what] of Object.entries(UNWANTED)) {
    if (linked.includes(name)) {
      console.log(`OVER  the ${site} module has ${name}: ${what}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);

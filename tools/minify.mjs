// Minifies every JavaScript file of a built extension folder in place (issue 8: the content
// script's payload is what every portal page loads):
//   node tools/minify.mjs dist/chrome
// One file at a time (the content scripts were joined into one before, by
// tools/bundle-content.mjs): each keeps its imports and exports, and a classic script its
// top-level names (content scripts share their isolated world's globals), so the folder works
// exactly as the sources in extension/ do. The sources stay readable in the repository; the
// browser tests run the minified folder, the one that ships. The bench (bench/chromium.mjs)
// minifies its instrumented copies with `minifyFile`, so that it measures the code as shipped.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify_sync as minify } from 'terser';

/**
 * Minifies one file in place; returns its sizes before and after, in bytes.
 *
 * terser, not esbuild's minifier: the content scripts' bundle came out 342 bytes smaller
 * gzipped (10,814 -> 10,472) and each site's wasm-bindgen glue 33 (issue 8: the payload).
 * Only terser's safe transforms (no `unsafe*` option). A file with `import` or `export`
 * statements is an ES module, whose top-level names no other script sees, so they are
 * renamed too; in a classic script (the content scripts, which share their isolated world's
 * globals) they are kept.
 */
export function minifyFile(file) {
  const source = readFileSync(file, 'utf8');
  const module = /^(import|export)\b/m.test(source);
  const { code } = minify({ [path.basename(file)]: source }, {
    module,
    ecma: 2022,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, ascii_only: false },
  });
  writeFileSync(file, code);
  return { before: Buffer.byteLength(source), after: Buffer.byteLength(code) };
}

function* jsFiles(folder) {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) yield* jsFiles(full);
    else if (name.endsWith('.js')) yield full;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tools/minify.mjs DIST_FOLDER');
    process.exit(2);
  }
  let before = 0;
  let after = 0;
  for (const file of jsFiles(dir)) {
    try {
      const sizes = minifyFile(file);
      before += sizes.before;
      after += sizes.after;
    } catch (error) {
      console.error(`tools/minify.mjs: ${file}: ${error.message}`);
      process.exit(1);
    }
  }
  console.log(`minified ${dir}: ${(before / 1000).toFixed(1)} KB -> ${(after / 1000).toFixed(1)} KB of JavaScript`);
}

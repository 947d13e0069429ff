// Runs `web-ext lint` on each built package and fails on any error (warnings are printed).
import { execFileSync } from 'node:child_process';

let failed = false;
for (const dir of process.argv.slice(2)) {
  let out;
  try {
    out = execFileSync('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    out = String(error.stdout || ''); // web-ext exits non-zero when it finds errors
    if (!out.includes('{')) throw error;
  }
  const report = JSON.parse(out.slice(out.indexOf('{')));
  const { errors = [], warnings = [] } = report;
  console.log(`web-ext lint ${dir}: ${errors.length} errors, ${warnings.length} warnings`);
  for (const w of warnings) console.log(`  warning ${w.code}: ${w.message} (${w.file || ''})`);
  for (const e of errors) console.log(`  ERROR ${e.code}: ${e.message} (${e.file || ''})`);
  if (errors.length) failed = true;
}
process.exit(failed ? 1 : 0);

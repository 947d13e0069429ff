// Derives the Firefox manifest from the shipped Chrome one: Firefox MV3 runs the background
// as an event page (background.scripts), knows no match_origin_as_fallback and needs an id.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
manifest.background = { scripts: ['worker.js'], type: 'module' };
delete manifest.minimum_chrome_version;
for (const script of manifest.content_scripts) delete script.match_origin_as_fallback;
manifest.browser_specific_settings = {
  gecko: { id: 'procguard@ggit.example', strict_min_version: '128.0' },
};
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);

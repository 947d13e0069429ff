// Derives the Firefox package's manifest from the shipped one: Firefox MV3 runs the
// background as an event page (background.scripts, already in the shared manifest) and
// knows neither service_worker nor match_origin_as_fallback.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
delete manifest.background.service_worker;
delete manifest.minimum_chrome_version;
for (const script of manifest.content_scripts) delete script.match_origin_as_fallback;
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);

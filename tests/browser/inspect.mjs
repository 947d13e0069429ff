// ./build.sh inspect CASE_DIR [--directory FILE] [--url URL] [--csp strict]
// ./build.sh screenshot CASE_DIR OUT.png [--directory FILE] [--url URL] [--csp strict]
//
// Loads the built extension, imports the directory through the extension's options page,
// serves CASE_DIR/page.html at its real URL and prints what procguard read and found, as one
// JSON line, read from the extension's service worker (never from the page).
import path from 'node:path';
import {
  FIXTURES, PORTAL_ORIGINS, STRICT_CSP, importDirectory, inspectCase, launch, setUser, summary,
} from './harness.mjs';

function parseArgs(argv) {
  const args = { screenshot: false, positional: [], directory: path.join(FIXTURES, 'directory.json'), url: undefined, csp: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshot') args.screenshot = true;
    else if (a === '--directory') args.directory = argv[++i];
    else if (a === '--url') args.url = argv[++i];
    else if (a === '--csp') {
      const v = argv[++i];
      if (v !== 'strict') throw new Error(`--csp takes \`strict\`, not \`${v}\``);
      args.csp = STRICT_CSP;
    } else if (a.startsWith('--')) throw new Error(`unknown option \`${a}\``);
    else args.positional.push(a);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const [caseDir, out] = args.positional;
  if (!caseDir || (args.screenshot && !out)) {
    throw new Error(args.screenshot ? 'usage: ./build.sh screenshot CASE_DIR OUT.png [--csp strict]' : 'usage: ./build.sh inspect CASE_DIR [--directory FILE] [--url URL] [--csp strict]');
  }
  // As a technician who allowed the Mimecast and MCAM portals in the options page.
  const session = await launch({ grant: PORTAL_ORIGINS });
  try {
    await setUser(session, { name: 'Sam Tech', email: 'sam@ggit.example' });
    if (args.directory) await importDirectory(session, path.resolve(args.directory));
    const { page, entry } = await inspectCase(session, path.resolve(caseDir), { url: args.url, csp: args.csp });
    if (args.screenshot) {
      await page.screenshot({ path: out, fullPage: false });
      process.stderr.write(`wrote ${out}\n`);
    }
    process.stdout.write(`${JSON.stringify(summary(entry))}\n`);
  } finally {
    await session.close();
  }
}

main().catch((error) => {
  process.stderr.write(`inspect: ${error.message}\n`);
  process.exit(2);
});

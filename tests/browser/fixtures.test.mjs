// Every fixture page in ../shared/fixtures, loaded at its real URL with the shipped extension,
// in both modes: wasm in the content script (page without CSP) and in the service worker (page
// whose CSP blocks wasm). What procguard read must equal expected.json exactly, and the
// findings must satisfy findings.json with ../shared/fixtures/directory.json imported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FIXTURES, PORTAL_ORIGINS, STRICT_CSP, expectationFailures, fixtureCases, inspectCase, readJson, summary, startSession,
} from './harness.mjs';

const cases = fixtureCases(process.env.PROCGUARD_SITE);

describe('fixture pages read and judged in a real browser', () => {
  let session;
  before(async () => {
    // The Mimecast and MCAM portals are optional hosts: allowed here, as a technician would.
    session = await startSession({ grant: PORTAL_ORIGINS });
  });
  after(async () => session?.close());

  test('there are fixture cases to run', () => {
    assert.ok(cases.length >= (process.env.PROCGUARD_SITE ? 1 : 4), `only ${cases.length} fixture cases found under ${FIXTURES}`);
  });

  for (const name of cases) {
    for (const [modeName, csp, wantMode] of [['wasm in the content script', null, 'content'], ['wasm in the service worker under a strict CSP', STRICT_CSP, 'worker']]) {
      const dir = path.join(FIXTURES, name);
      test(`${name} reads to expected.json and shows findings.json (${modeName})`, async () => {
        const { page, entry } = await inspectCase(session, dir, { csp });
        try {
          const found = summary(entry);
          assert.equal(found.mode, wantMode, 'the check ran in the expected place');
          assert.deepEqual(found.page, readJson(path.join(dir, 'expected.json')));
          const failures = expectationFailures(found, readJson(path.join(dir, 'findings.json')));
          assert.deepEqual(failures, [], `findings: ${JSON.stringify(found.findings)}`);
        } finally {
          await page.close();
        }
      });
    }
  }
});

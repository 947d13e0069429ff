// Every fixture page in ../shared/fixtures, loaded at its real URL with the shipped extension,
// in both modes: wasm in the content script (page without CSP) and in the service worker (page
// whose CSP blocks wasm). What procguard read must equal expected.json exactly, and the
// findings must satisfy findings.json with ../shared/fixtures/directory.json imported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  EXTENSION, FIXTURES, fixtureUrl, STRICT_CSP, expectationFailures, fixtureCases, inspectCase, readJson, summary, startSession,
} from './harness.mjs';

const cases = fixtureCases(process.env.PROCGUARD_SITE);

// The hosts the shipped manifest injects into: a fixture on another host (an optional host the
// options page grants) cannot run here until that permission exists, and is reported skipped.
const manifest = JSON.parse(readFileSync(`${EXTENSION}/manifest.json`, 'utf8'));
const patterns = manifest.content_scripts.flatMap((c) => c.matches).map((m) => {
  const [, scheme, host, rest] = m.match(/^(\w+):\/\/([^/]+)(\/.*)$/);
  const hostRe = host.replace(/\./g, '\\.').replace(/^\*\\\./, '(?:[^/]+\\.)?');
  return new RegExp(`^${scheme}://${hostRe}${rest.replace(/\*/g, '.*')}$`);
});
const injected = (url) => patterns.some((re) => re.test(url));

describe('fixture pages read and judged in a real browser', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(async () => session?.close());

  test('there are fixture cases to run', () => {
    assert.ok(cases.length >= 4, `only ${cases.length} fixture cases found under ${FIXTURES}`);
  });

  for (const name of cases) {
    for (const [modeName, csp, wantMode] of [['wasm in the content script', null, 'content'], ['wasm in the service worker under a strict CSP', STRICT_CSP, 'worker']]) {
      const dir = path.join(FIXTURES, name);
      const skip = injected(fixtureUrl(dir)) ? false : `${fixtureUrl(dir)} is not a host the shipped manifest injects into`;
      test(`${name} reads to expected.json and shows findings.json (${modeName})`, { skip }, async () => {
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

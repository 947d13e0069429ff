// The carts every engine of the benchmark is given: the same generated inputs for procguard
// natively (criterion, bench/core/benches/contexts.rs), in wasm (Node and Chromium), and for
// the peers. They are built from scenario 01 of ../shared/scenarios the way
// crates/core/benches/evaluate.rs builds its carts:
// - quiet: no check fires (seats added to a held monthly subscription, quoted and confirmed);
// - clean: a cart as it should be (the annual and temporary monthly lines still get their
//   warnings and hints);
// - faulty: something wrong on almost every line (several findings per line).
// The peers' comparison runs the faulty cart with three checks only.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const NOW = '2026-11-21T10:30:00-05:00';

/** The three checks of the comparison with the peers. */
export const THREE_CHECKS = [
  'order.product-matches-quote',
  'order.annual-needs-signed-annual-agreement',
  'order.seat-add-needs-confirmation',
];

const FAULTY = [
  ['Visio Plan 2', 2, 'monthly'],
  ['Microsoft 365 Business Standard', 3, 'monthly'],
  ['Exchange Online (Plan 1)', 1, 'monthly'],
  ['Microsoft 365 Business Premium', 2, 'annual'],
  ['Visio Plan 1', 2, 'monthly'],
  ['Power BI Pro', 4, 'monthly'],
  ['Microsoft Action Pack', 1, 'annual'],
  ['Microsoft 365™ Business Premium', 5, 'multi-year'],
];

const CLEAN = [
  ['Visio Plan 2', 2, 'monthly'],
  ['Microsoft 365 Business Standard', 3, 'monthly'],
  ['Microsoft 365 Business Premium', 2, 'annual'],
];

function scenario(shared) {
  return JSON.parse(readFileSync(path.join(shared, 'scenarios/01-monthly-new-on-confirmation.json'), 'utf8'));
}

/** `{directory, user, page}` of one cart kind with `count` lines. */
export function cart(shared, kind, count) {
  const ctx = scenario(shared);
  const page = structuredClone(ctx.page);
  const acme = ctx.customers[0];
  const line = (product, quantity, term) => ({ product, quantity, term, billing: 'monthly' });
  if (kind === 'quiet' || kind === 'clean') {
    acme.confirmations[1].product = 'Microsoft 365 Business Standard';
    acme.confirmations[1].quantity = 3;
  }
  if (kind === 'quiet') {
    page.lines = Array.from({ length: count }, () => line('Microsoft 365 Business Standard', 3, 'monthly'));
  } else if (kind === 'clean') {
    page.lines = Array.from({ length: count }, (_, i) => line(...CLEAN[i % CLEAN.length]));
    acme.reminders = [{ ticket: 'T1', product: 'Visio Plan 2', due: '2026-12-16', resources: ['Sam Tech', 'Roberta Diaz'] }];
  } else if (kind === 'faulty') {
    page.lines = Array.from({ length: count }, (_, i) => {
      const [product, quantity, term] = FAULTY[i % FAULTY.length];
      return line(product, quantity + (Math.floor(i / FAULTY.length) % 2), term);
    });
    page.primary_contact_email = 'jane@acmedental.com';
    page.domain = 'acmedentl.com';
    page.acceptance_date = '11/21/2026';
  } else {
    throw new Error(`unknown cart kind ${kind}`);
  }
  return {
    directory: { format: 'procguard/directory@1', msp: ctx.msp, customers: ctx.customers },
    user: ctx.user,
    page,
  };
}

/** Policy overrides that leave only `keep` of `allIds` enabled. */
export function onlyChecks(allIds, keep) {
  const checks = {};
  for (const id of allIds) if (!keep.includes(id)) checks[id] = { enabled: false };
  return JSON.stringify({ checks });
}

/**
 * The inputs of the run: every check on quiet, clean and faulty carts of 50 and 200 lines,
 * and the three checks on the faulty carts.
 */
export function inputs(shared, allIds) {
  const out = [];
  for (const lines of [50, 200]) {
    for (const kind of ['quiet', 'clean', 'faulty']) {
      out.push({ name: `all_checks_${kind}_${lines}`, kind, lines, checks: 'all', policy: '', now: NOW, ...cart(shared, kind, lines) });
    }
    out.push({ name: `three_checks_faulty_${lines}`, kind: 'faulty', lines, checks: 'three', policy: onlyChecks(allIds, THREE_CHECKS), now: NOW, ...cart(shared, 'faulty', lines) });
  }
  return out;
}

// The peers: what a team would otherwise use to evaluate such rules in a browser, each given
// the equivalent of procguard's three checks over the same carts (bench/carts.mjs):
//   order.product-matches-quote                a line's product is not on the customer's quote
//   order.annual-needs-signed-annual-agreement an annual or multi-year line without a signed
//                                              commitment agreement of at least that term
//   order.seat-add-needs-confirmation          seats added to a held subscription without a
//                                              counting written confirmation of >= that many seats
// Each evaluation starts from the same data as procguard's (the directory and the page's
// cart as plain objects) and does, inside the timed call, what the application around the
// engine has to do: find the customer, normalise product names (case, spacing, ™/®), index
// the customer's records by product. The rules themselves are the engine's:
// - json-rules-engine 7: one engine with three rules (conditions over a `line` fact, a
//   `records` fact and two dynamic facts for the per-product lookups), run once per line;
// - cedar-wasm 4: three `forbid` policies and a `permit`, preparsed once; one authorization
//   request per line (resource `Line`, its `Product` and the `Customer` as entities). Cedar
//   has no quantifier over a set of records, so per-product aggregates (highest signed
//   commitment rank, highest counting confirmed quantity per term) are entity attributes.
import { Engine } from 'json-rules-engine';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const RANK = { trial: 0, 'one-time': 0, monthly: 1, annual: 2, 'multi-year': 3 };

/** procguard-core's product_key: case, whitespace and ™/® ignored. */
export function productKey(name) {
  return name.replace(/[\s™®]/gu, '').toLowerCase();
}

const SUFFIXES = new Set(['llc', 'inc', 'pc', 'ltd']);
function customerKey(name) {
  const words = name.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** The customer's records by product key: what the application does before any engine. */
export function records(directory, page) {
  const wanted = customerKey(page.customer || '');
  const customer = directory.customers.find((c) => [c.name, ...(c.aliases || [])].some((n) => customerKey(n) === wanted));
  if (!customer) return null;
  const held = new Set();
  for (const s of customer.subscriptions || []) if ((s.status || '').trim().toLowerCase() === 'active') held.add(productKey(s.product));
  const quoted = new Set();
  for (const q of customer.quotes || []) for (const item of q.items || []) quoted.add(productKey(item.product));
  for (const intent of customer.order_intents || []) quoted.add(productKey(intent.product));
  const signedRank = new Map();
  for (const a of customer.agreements || []) {
    if (a.status !== 'signed' || !a.term) continue;
    const key = productKey(a.product);
    signedRank.set(key, Math.max(signedRank.get(key) ?? 0, RANK[a.term] ?? 0));
  }
  const mayConfirm = new Set();
  for (const c of customer.contacts || []) {
    if (c.email && (c.authority || []).some((a) => a !== 'technical')) mayConfirm.add(c.email.trim().toLowerCase());
  }
  // Counting confirmations by product: [{quantity, term}].
  const confirmed = new Map();
  for (const c of customer.confirmations || []) {
    if (!c.from || !mayConfirm.has(c.from.trim().toLowerCase()) || c.quantity == null) continue;
    const key = productKey(c.product);
    if (!confirmed.has(key)) confirmed.set(key, []);
    confirmed.get(key).push({ quantity: c.quantity, term: c.term ?? null });
  }
  return {
    customer, held, quoted, signedRank, confirmed,
    hasQuote: (customer.quotes || []).length > 0 || (customer.order_intents || []).length > 0,
  };
}

/** Highest counting confirmed quantity for a product, for a line of `term`. */
function confirmedFor(rec, key, term) {
  let best = 0;
  for (const c of rec.confirmed.get(key) || []) if (c.term === null || c.term === term) best = Math.max(best, c.quantity);
  return best;
}

// ---- json-rules-engine --------------------------------------------------------------------

export function jsonRulesEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    name: 'order.product-matches-quote',
    conditions: { all: [
      { fact: 'records', path: '$.hasQuote', operator: 'equal', value: true },
      { fact: 'line', path: '$.key', operator: 'notIn', value: { fact: 'records', path: '$.quotedList' } },
    ] },
    event: { type: 'order.product-matches-quote' },
  });
  engine.addRule({
    name: 'order.annual-needs-signed-annual-agreement',
    conditions: { all: [
      { fact: 'line', path: '$.rank', operator: 'greaterThanInclusive', value: 2 },
      { fact: 'signedRank', operator: 'lessThan', value: { fact: 'line', path: '$.rank' } },
    ] },
    event: { type: 'order.annual-needs-signed-annual-agreement' },
  });
  engine.addRule({
    name: 'order.seat-add-needs-confirmation',
    conditions: { all: [
      { fact: 'line', path: '$.quantity', operator: 'greaterThan', value: 0 },
      { fact: 'line', path: '$.key', operator: 'in', value: { fact: 'records', path: '$.heldList' } },
      { fact: 'confirmedQuantity', operator: 'lessThan', value: { fact: 'line', path: '$.quantity' } },
    ] },
    event: { type: 'order.seat-add-needs-confirmation' },
  });
  engine.addFact('signedRank', async (params, almanac) => {
    const [rec, line] = await Promise.all([almanac.factValue('records'), almanac.factValue('line')]);
    return rec.signedRank.get(line.key) ?? 0;
  });
  engine.addFact('confirmedQuantity', async (params, almanac) => {
    const [rec, line] = await Promise.all([almanac.factValue('records'), almanac.factValue('line')]);
    return confirmedFor(rec, line.key, line.term);
  });
  /** Violations of the three checks on one cart, as [{line, id}]. */
  return async function evaluate(directory, page) {
    const rec = records(directory, page);
    if (!rec) return [];
    const facts = { ...rec, quotedList: [...rec.quoted], heldList: [...rec.held] };
    const results = await Promise.all(page.lines.map((l, index) => engine.run({
      records: facts,
      line: { index, key: productKey(l.product), quantity: l.quantity, term: l.term, rank: RANK[l.term] ?? 0 },
    })));
    const out = [];
    results.forEach((r, index) => { for (const e of r.events) out.push({ line: index, id: e.type }); });
    return out;
  };
}

// ---- cedar-wasm ---------------------------------------------------------------------------

const CEDAR_POLICIES = {
  'order.product-matches-quote': `forbid (principal, action == Action::"order", resource is Line)
when { resource.customer.hasQuote && !(resource.customer.quoted.contains(resource.product)) };`,
  'order.annual-needs-signed-annual-agreement': `forbid (principal, action == Action::"order", resource is Line)
when {
  (resource.term == "annual" && resource.product.signedRank < 2) ||
  (resource.term == "multi-year" && resource.product.signedRank < 3)
};`,
  'order.seat-add-needs-confirmation': `forbid (principal, action == Action::"order", resource is Line)
when {
  resource.quantity > 0 && resource.customer.held.contains(resource.product) &&
  resource.product.confirmedAnyTerm < resource.quantity &&
  !(resource.term == "monthly" && resource.product.confirmedMonthly >= resource.quantity) &&
  !(resource.term == "annual" && resource.product.confirmedAnnual >= resource.quantity) &&
  !(resource.term == "multi-year" && resource.product.confirmedMultiYear >= resource.quantity)
};`,
  'permit-orders': 'permit (principal, action == Action::"order", resource);',
};

export function cedarVersion() {
  return cedar.getCedarVersion();
}

export function cedarWasm() {
  const parsed = cedar.preparsePolicySet('procguard-three', { staticPolicies: CEDAR_POLICIES });
  if (parsed.type !== 'success') throw new Error(`cedar policies: ${JSON.stringify(parsed.errors)}`);
  const max = (list) => list.reduce((m, c) => Math.max(m, c.quantity), 0);
  /** Violations of the three checks on one cart, as [{line, id}]. */
  return function evaluate(directory, page) {
    const rec = records(directory, page);
    if (!rec) return [];
    const customerUid = { type: 'Customer', id: rec.customer.id };
    const customer = {
      uid: customerUid,
      attrs: {
        hasQuote: rec.hasQuote,
        quoted: [...rec.quoted].map((id) => ({ __entity: { type: 'Product', id } })),
        held: [...rec.held].map((id) => ({ __entity: { type: 'Product', id } })),
      },
      parents: [],
    };
    const products = new Map();
    const product = (key) => {
      let entity = products.get(key);
      if (!entity) {
        const list = rec.confirmed.get(key) || [];
        const forTerm = (term) => max(list.filter((c) => c.term === term));
        entity = {
          uid: { type: 'Product', id: key },
          attrs: {
            signedRank: rec.signedRank.get(key) ?? 0,
            confirmedAnyTerm: max(list.filter((c) => c.term === null)),
            confirmedMonthly: forTerm('monthly'),
            confirmedAnnual: forTerm('annual'),
            confirmedMultiYear: forTerm('multi-year'),
          },
          parents: [],
        };
        products.set(key, entity);
      }
      return entity;
    };
    const out = [];
    page.lines.forEach((l, index) => {
      const key = productKey(l.product);
      const lineUid = { type: 'Line', id: String(index) };
      const answer = cedar.statefulIsAuthorized({
        principal: { type: 'User', id: 'technician' },
        action: { type: 'Action', id: 'order' },
        resource: lineUid,
        context: {},
        preparsedPolicySetId: 'procguard-three',
        entities: [
          {
            uid: lineUid,
            attrs: {
              product: { __entity: { type: 'Product', id: key } },
              customer: { __entity: customerUid },
              quantity: l.quantity ?? 0,
              term: l.term ?? '',
            },
            parents: [],
          },
          product(key),
          customer,
        ],
      });
      if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
      if (answer.response.diagnostics.errors.length) throw new Error(`cedar: ${JSON.stringify(answer.response.diagnostics.errors)}`);
      if (answer.response.decision === 'deny') {
        for (const id of answer.response.diagnostics.reason) out.push({ line: index, id });
      }
    });
    return out;
  };
}

/** A plain-JS reference of the three checks (no engine), to cross-check the peers. */
export function reference(directory, page) {
  const rec = records(directory, page);
  if (!rec) return [];
  const out = [];
  page.lines.forEach((l, index) => {
    const key = productKey(l.product);
    const rank = RANK[l.term] ?? 0;
    if (rec.hasQuote && !rec.quoted.has(key)) out.push({ line: index, id: 'order.product-matches-quote' });
    if (rank >= 2 && (rec.signedRank.get(key) ?? 0) < rank) out.push({ line: index, id: 'order.annual-needs-signed-annual-agreement' });
    if (l.quantity > 0 && rec.held.has(key) && confirmedFor(rec, key, l.term) < l.quantity) out.push({ line: index, id: 'order.seat-add-needs-confirmation' });
  });
  return out;
}

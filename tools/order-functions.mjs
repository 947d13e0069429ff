// Chooses the order of a wasm module's functions that gzip compresses best (issue 8: the content
// script's payload), for wasm-opt to apply:
//
//   node tools/order-functions.mjs OPTIMISED.wasm MODULE.wasm
//
// OPTIMISED is MODULE after wasm-opt with its names kept (-g): the functions as they will ship.
// Their order is chosen from those bodies, and MODULE's function names are rewritten so that
// sorting them by name gives that order; `wasm-opt ... --reorder-functions-by-name` on MODULE
// then ships the same code in that order. Nothing but the order changes (wasm-opt renumbers
// every call and table entry itself), and the names go when wasm-opt writes the module without
// -g.
//
// Why: gzip finds repeats only in the last 32 KB it has read, and the linker lays functions out
// roughly in source order, so the copies of a generic function or two checks built alike are
// often too far apart to share their bytes. Measured on the pax8 module (2026-12-06): LLVM's
// order 77,899 bytes gzip, sorted by name 79,983, the better of the two chains below 77,048,
// then 2,000 moves 76,966, 4,000 moves 76,943 (autotask 77,176 -> 76,405, itglue 50,158 ->
// 49,495, portals 66,057 -> 65,337 with 4,000).
//
// The order: a nearest-neighbour chain (each next function the one that deflates smallest with
// the last KB, or 4 KB, chosen as its dictionary; the chain that deflates smaller is kept),
// then moves of one to four functions to random places, each kept when the whole code deflates
// smaller. Deterministic: the same module gives the same order.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

/** Moves tried after the chain (about 6 ms each on the pax8 module; the tool takes 25-40 s a module). */
const MOVES = Number(process.env.PROCGUARD_ORDER_MOVES ?? 4000);
/**
 * How much of the chain so far the next function is compared with, in bytes: a chain is made
 * for each and the one whose whole code deflates smallest is kept (which is best varies by
 * module: pax8 77,132 / 77,048 / 77,250 bytes gzip for 1, 4 and 16 KB).
 */
const CONTEXTS = [1024, 4096];

const [optimisedFile, moduleFile] = process.argv.slice(2);
if (!optimisedFile || !moduleFile) {
  console.error('usage: node tools/order-functions.mjs OPTIMISED.wasm MODULE.wasm');
  process.exit(2);
}

/** The sections of a module, its imported functions' count, its function bodies and names. */
function parse(buf, file) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm module`);
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = buf[pos++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  const sections = [];
  const bodies = [];
  const names = new Map();
  let imports = 0;
  while (pos < buf.length) {
    const start = pos;
    const id = buf[pos++];
    const end = leb() + pos;
    let custom = null;
    if (id === 2) {
      // Imports: only functions count towards the function index space.
      for (let n = leb(); n > 0; n--) {
        // Module and field names (`pos += leb()` would add to `pos` as it was before the length).
        for (let part = 0; part < 2; part++) {
          const length = leb();
          pos += length;
        }
        const kind = buf[pos++];
        if (kind === 0) {
          leb();
          imports++;
        } else if (kind === 1) {
          pos++;
          if (buf[pos++] & 1) leb();
          leb();
        } else if (kind === 2) {
          if (buf[pos++] & 1) leb();
          leb();
        } else if (kind === 3) {
          pos += 2;
        } else {
          throw new Error(`${file}: an import of kind ${kind}, which this tool does not know`);
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        bodies.push(buf.subarray(pos, pos + size));
        pos += size;
      }
    } else if (id === 0) {
      const size = leb();
      custom = buf.subarray(pos, pos + size).toString();
      pos += size;
      if (custom === 'name') {
        while (pos < end) {
          const kind = buf[pos++];
          const subEnd = leb() + pos;
          if (kind === 1) {
            for (let n = leb(); n > 0; n--) {
              const index = leb();
              const length = leb();
              names.set(index, buf.subarray(pos, pos + length).toString());
              pos += length;
            }
          }
          pos = subEnd;
        }
      }
    }
    sections.push({ id, custom, bytes: buf.subarray(start, end) });
    pos = end;
  }
  return { sections, bodies, names, imports };
}

const deflated = (bytes) => deflateRawSync(bytes, { level: 9 }).length;

/** A nearest-neighbour chain of `bodies`: indices, in order. */
function chain(bodies, alone, context) {
  const count = bodies.length;
  const used = new Uint8Array(count);
  const order = [0];
  used[0] = 1;
  let tail = bodies[0];
  for (let step = 1; step < count; step++) {
    let best = -1;
    let bestSaving = -Infinity;
    for (let i = 0; i < count; i++) {
      if (used[i]) continue;
      // The body deflated with the tail as its dictionary: what it costs after the tail.
      const saving = alone[i] - deflateRawSync(bodies[i], { level: 9, dictionary: tail }).length;
      if (saving > bestSaving) {
        bestSaving = saving;
        best = i;
      }
    }
    used[best] = 1;
    order.push(best);
    tail = Buffer.concat([tail, bodies[best]]);
    if (tail.length > context) tail = tail.subarray(tail.length - context);
  }
  return order;
}

/** Indices into `bodies`, in the order chosen. */
function chooseOrder(bodies) {
  const count = bodies.length;
  if (count < 3) return [...bodies.keys()];
  const alone = bodies.map(deflated);
  const cost = (candidate) => deflated(Buffer.concat(candidate.map((i) => bodies[i])));
  let best = null;
  let bestCost = Infinity;
  for (const context of CONTEXTS) {
    const candidate = chain(bodies, alone, context);
    const candidateCost = cost(candidate);
    if (candidateCost < bestCost) {
      best = candidate;
      bestCost = candidateCost;
    }
  }
  // Moves judged by the whole code deflated; a fixed seed keeps the build reproducible.
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let move = 0; move < MOVES; move++) {
    const length = 1 + Math.floor(random() * 4);
    const from = Math.floor(random() * (count - length));
    const block = best.slice(from, from + length);
    const rest = best.slice(0, from).concat(best.slice(from + length));
    const to = Math.floor(random() * rest.length);
    const candidate = rest.slice(0, to).concat(block, rest.slice(to));
    const candidateCost = cost(candidate);
    if (candidateCost < bestCost) {
      best = candidate;
      bestCost = candidateCost;
    }
  }
  return best;
}

const encodeLeb = (value) => {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
};

const optimised = parse(readFileSync(optimisedFile), optimisedFile);
const rank = new Map();
chooseOrder(optimised.bodies).forEach((body, place) => {
  const name = optimised.names.get(body + optimised.imports);
  if (name !== undefined) rank.set(name, place);
});
if (rank.size === 0) throw new Error(`${optimisedFile} has no function names: run wasm-opt with -g`);

// MODULE's names: `o` and the place chosen; `z` and the index for a function the optimised
// module does not have by that name (it goes after, in its own order); imports first.
const moduleBytes = readFileSync(moduleFile);
const module = parse(moduleBytes, moduleFile);
const total = module.imports + module.bodies.length;
const entries = [encodeLeb(total)];
let placed = 0;
for (let index = 0; index < total; index++) {
  const place = index < module.imports ? undefined : rank.get(module.names.get(index));
  if (place !== undefined) placed++;
  const name = Buffer.from(index < module.imports ? `a${String(index).padStart(6, '0')}`
    : place !== undefined ? `o${String(place).padStart(6, '0')}` : `z${String(index).padStart(6, '0')}`);
  entries.push(encodeLeb(index), encodeLeb(name.length), name);
}
if (placed === 0) throw new Error(`${moduleFile} has none of the optimised module's function names: run wasm-bindgen with --keep-debug`);
const subsection = Buffer.concat(entries);
const payload = Buffer.concat([encodeLeb(4), Buffer.from('name'), Buffer.from([1]), encodeLeb(subsection.length), subsection]);
const parts = [moduleBytes.subarray(0, 8)];
for (const section of module.sections) {
  if (section.custom !== 'name') parts.push(section.bytes);
}
parts.push(Buffer.from([0]), encodeLeb(payload.length), payload);
writeFileSync(moduleFile, Buffer.concat(parts));
console.error(`order-functions: ${placed} of ${optimised.bodies.length} functions placed in ${moduleFile}`);

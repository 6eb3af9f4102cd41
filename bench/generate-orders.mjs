#!/usr/bin/env node
// Seeded generator of a large, realistic order-line export (and a complaints export) for the
// benchmark. Same --seed, --lines and --customers give byte-identical files: every random number
// comes from mulberry32 streams; nothing reads Math.random or the clock.
//
//   node bench/generate-orders.mjs --lines 1000000 --out bench/data/orders-1m.csv \
//        --complaints bench/data/complaints-1m.csv
//
// Orders: order_id,customer_id,order_date,amount,category,sku,quantity,sales_rep
//   exactly --lines data lines after the header; comma, LF, UTF-8, yyyy-mm-dd, 2-decimal amounts,
//   ~1% negative (return) lines; rows in date order, order ids rising with the date.
// Complaints: complaint_id,customer_id,opened_at,closed_at,status,category,severity
//   ~0.15 per customer (3,000 for the default 20,000 customers), every one for a customer with orders.
//
// Both files are written to "<file>.tmp-<pid>" and renamed when complete, so an interrupted run
// never leaves a truncated file that looks finished.

import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: node bench/generate-orders.mjs --lines N --out FILE [--complaints FILE] [--seed N] [--customers N]
  --lines N          data lines in the orders file (header not counted); 1m, 10m, 250k are accepted
  --out FILE         orders CSV to write
  --complaints FILE  complaints CSV to write (optional)
  --seed N           PRNG seed (default 20261031)
  --customers N      number of customers (default 20000)`;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseCount(text, name) {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(text ?? '').replace(/_/g, ''));
  if (!match) throw new Error(`--${name}: not a count: ${text}`);
  const scale = { '': 1, k: 1e3, m: 1e6 }[match[2].toLowerCase()];
  const value = Math.round(Number(match[1]) * scale);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name}: out of range: ${text}`);
  return value;
}

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string' },
    out: { type: 'string' },
    complaints: { type: 'string' },
    seed: { type: 'string', default: '20261031' },
    customers: { type: 'string', default: '20000' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help || args.lines === undefined || args.out === undefined) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(args.help ? 0 : 2);
}
const LINES = parseCount(args.lines, 'lines');
const CUSTOMERS = parseCount(args.customers, 'customers');
const SEED = parseCount(args.seed, 'seed') >>> 0;
if (CUSTOMERS < 1 || CUSTOMERS > 999_999) throw new Error('--customers: 1 .. 999999');

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, one independent stream per purpose so that changing one part of the
// model does not shift the numbers of another.

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const streamSeed = (salt) => (Math.imul(SEED ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
const rngProfile = mulberry32(streamSeed(1));
const rngOrders = mulberry32(streamSeed(2));
const rngLines = mulberry32(streamSeed(3));
const rngComplaints = mulberry32(streamSeed(4));

/** Standard normal (Box-Muller; V8's Math.log/cos are its own fdlibm port, so stable). */
function normal(rng) {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
const uniformInt = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive

// ---------------------------------------------------------------------------------------------
// Calendar: three years ending on the as-of date 2026-10-31.

const FIRST_DAY_MS = Date.UTC(2023, 10, 1); // 2023-11-01
const LAST_DAY_MS = Date.UTC(2026, 9, 31); // 2026-10-31
const DAY_MS = 86_400_000;
const DAYS = (LAST_DAY_MS - FIRST_DAY_MS) / DAY_MS + 1; // 1096
const AS_OF = DAYS - 1;
const DATE_TEXT = Array.from({ length: DAYS }, (_, d) => new Date(FIRST_DAY_MS + d * DAY_MS).toISOString().slice(0, 10));
/** Weekday of each day index, 0 = Sunday. */
const WEEKDAY = Array.from({ length: DAYS }, (_, d) => new Date(FIRST_DAY_MS + d * DAY_MS).getUTCDay());

// ---------------------------------------------------------------------------------------------
// Catalogue: 8 categories, 320 SKUs, a fixed list price per SKU.

const CATEGORIES = [
  // name, SKU prefix, SKU count, typical unit price, quantity scale
  ['Paper', 'PAP', 48, 24, 1.0],
  ['Stationery', 'STN', 52, 9, 1.2],
  ['Kitchen', 'KIT', 36, 38, 0.8],
  ['Cleaning', 'CLN', 40, 29, 0.9],
  ['Coffee', 'COF', 30, 62, 0.7],
  ['Printing', 'PRT', 44, 95, 0.4],
  ['Furniture', 'FUR', 28, 340, 0.12],
  ['Tech', 'TEC', 42, 210, 0.2],
];
const NCAT = CATEGORIES.length;
const catFirstSku = [];
const skuCategory = [];
const skuPriceCents = [];
/** ",Category,SKU," per SKU: the middle of a line. */
const skuText = [];
for (let c = 0; c < NCAT; c++) {
  const [name, prefix, count, price] = CATEGORIES[c];
  catFirstSku.push(skuCategory.length);
  for (let k = 1; k <= count; k++) {
    skuCategory.push(c);
    skuPriceCents.push(Math.max(50, Math.round(price * Math.exp(0.45 * normal(rngProfile)) * 100)));
    skuText.push(`,${name},${prefix}-${String(k * 7 + 100).padStart(4, '0')},`);
  }
}
const catSkuCount = CATEGORIES.map((c) => c[2]);
const catQtyScale = CATEGORIES.map((c) => c[4]);

const REPS = ['Dana Levi', 'Yossi Ben-David', 'Maya Cohen', 'Avi Mizrahi', 'Noa Friedman', 'Omer Shapiro', 'Tal Peretz'];

// ---------------------------------------------------------------------------------------------
// Customers: each with its own size, cadence, order size, categories, favourite SKUs and story.

const REGULAR = 0;
const DECLINING = 1; // order size (and a little frequency) falls over the last part of the history
const WIDENING = 2; // gaps between orders keep growing
const LAPSED = 3; // stopped ordering months before the as-of date
const DROPPER = 4; // stopped buying one of its categories
const PATTERN_NAMES = ['regular', 'declining', 'widening', 'lapsed', 'dropper'];

const C = CUSTOMERS;
const custId = new Array(C);
const custRepSuffix = new Array(C); // ",Rep Name\n"
const start = new Int32Array(C);
const end = new Int32Array(C);
const pattern = new Uint8Array(C);
const weight = new Float64Array(C);
const linesPerOrder = new Float64Array(C);
const discount = new Float64Array(C);
const qtyMean = new Float64Array(C);
const catCumBefore = new Float64Array(C * NCAT); // cumulative category weights
const catCumAfter = new Float64Array(C * NCAT); // the same after a dropped category stops
const dropDay = new Int32Array(C).fill(DAYS + 1);
const favourite = new Int32Array(C * NCAT * 3);
const declineFrom = new Float64Array(C); // DECLINING: the fraction of the history where the fall starts
const weekdayOnly = new Uint8Array(C);

for (let i = 0; i < C; i++) {
  custId[i] = `C${String(i + 1).padStart(6, '0')}`;
  custRepSuffix[i] = `,${REPS[Math.floor(rngProfile() * REPS.length)]}\n`;

  const r = rngProfile();
  pattern[i] = r < 0.68 ? REGULAR : r < 0.78 ? DECLINING : r < 0.86 ? WIDENING : r < 0.94 ? LAPSED : DROPPER;

  // Most customers were there from the start; some joined later.
  start[i] = rngProfile() < 0.7 ? Math.floor(rngProfile() * 45) : Math.floor(rngProfile() * 820);
  end[i] = AS_OF;
  if (pattern[i] === LAPSED) {
    end[i] = AS_OF - uniformInt(rngProfile, 90, 450);
    if (end[i] - start[i] < 90) start[i] = Math.max(0, end[i] - uniformInt(rngProfile, 90, 300));
  }

  weight[i] = Math.exp(1.0 * normal(rngProfile)); // account size: lognormal, a few big accounts
  linesPerOrder[i] = Math.min(20, Math.max(1, 1 + 2.6 * Math.pow(weight[i], 0.3) * Math.exp(0.35 * normal(rngProfile))));
  discount[i] = 0.82 + 0.18 * rngProfile();
  qtyMean[i] = 1.5 + 6 * rngProfile() * Math.pow(weight[i], 0.25);
  weekdayOnly[i] = rngProfile() < 0.85 ? 1 : 0;

  // Categories: 2..6 of the 8, with skewed weights.
  const nCats = uniformInt(rngProfile, 2, 6);
  const order = [0, 1, 2, 3, 4, 5, 6, 7];
  for (let k = NCAT - 1; k > 0; k--) {
    const j = Math.floor(rngProfile() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  const w = new Float64Array(NCAT);
  for (let k = 0; k < nCats; k++) w[order[k]] = Math.exp(0.8 * normal(rngProfile));
  let dropped = -1;
  if (pattern[i] === DROPPER) {
    if (nCats < 3) w[order[2]] = Math.exp(0.8 * normal(rngProfile));
    dropped = order[Math.floor(rngProfile() * 2)]; // one of its two main categories
    w[dropped] = Math.max(w[dropped], 0.8);
    dropDay[i] = Math.max(start[i] + 120, AS_OF - uniformInt(rngProfile, 60, 330));
  }
  let sumBefore = 0;
  let sumAfter = 0;
  for (let k = 0; k < NCAT; k++) {
    sumBefore += w[k];
    if (k !== dropped) sumAfter += w[k];
  }
  let cumBefore = 0;
  let cumAfter = 0;
  for (let k = 0; k < NCAT; k++) {
    cumBefore += w[k] / sumBefore;
    if (k !== dropped) cumAfter += w[k] / sumAfter;
    catCumBefore[i * NCAT + k] = cumBefore;
    catCumAfter[i * NCAT + k] = cumAfter;
  }
  catCumBefore[i * NCAT + NCAT - 1] = 2; // guard against rounding: the last bucket takes the rest
  catCumAfter[i * NCAT + NCAT - 1] = 2;
  for (let k = 0; k < NCAT; k++) {
    for (let f = 0; f < 3; f++) favourite[(i * NCAT + k) * 3 + f] = catFirstSku[k] + Math.floor(rngProfile() * catSkuCount[k]);
  }
  declineFrom[i] = 0.45 + 0.3 * rngProfile();
}

// ---------------------------------------------------------------------------------------------
// Line budget: exactly LINES lines, shared by account size x active span (largest remainder).

const budget = new Int32Array(C);
{
  const base = LINES >= C ? 1 : 0;
  const rest = LINES - base * C;
  const share = new Float64Array(C);
  let total = 0;
  for (let i = 0; i < C; i++) {
    share[i] = weight[i] * (end[i] - start[i] + 30);
    total += share[i];
  }
  let given = 0;
  const remainders = [];
  for (let i = 0; i < C; i++) {
    const exact = (rest * share[i]) / total;
    const whole = Math.floor(exact);
    budget[i] = base + whole;
    given += whole;
    remainders.push([exact - whole, i]);
  }
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < rest - given; k++) budget[remainders[k][1]]++;
}

// Orders per customer: the budget over its lines per order, at most ~2 a working day.
const orderCount = new Int32Array(C);
let totalOrders = 0;
for (let i = 0; i < C; i++) {
  if (budget[i] === 0) continue;
  const cap = Math.max(1, Math.floor((end[i] - start[i] + 1) * 1.4));
  orderCount[i] = Math.max(1, Math.min(budget[i], cap, Math.round(budget[i] / linesPerOrder[i])));
  totalOrders += orderCount[i];
}

// ---------------------------------------------------------------------------------------------
// Orders: day, lines and size factor of each, customer by customer.

const oCust = new Int32Array(totalOrders);
const oDay = new Int32Array(totalOrders);
const oLines = new Int32Array(totalOrders);
const oSize = new Float32Array(totalOrders);
{
  let o = 0;
  const sizes = new Float64Array(Math.max(1, ...orderCount));
  for (let i = 0; i < C; i++) {
    const K = orderCount[i];
    if (K === 0) continue;
    const span = end[i] - start[i];
    const p = pattern[i];
    const jitter = p === REGULAR ? 0.5 : 0.35;
    let sum = 0;
    for (let j = 0; j < K; j++) {
      let u = (j + 0.5 + jitter * (rngOrders() - 0.5)) / K;
      if (K === 1) u = rngOrders();
      u = Math.min(1, Math.max(0, u));
      let pos = u;
      let size = 1;
      if (p === WIDENING) pos = 0.3 * u + 0.7 * u * u * u;
      else if (p === DECLINING) {
        pos = 0.75 * u + 0.25 * u * u;
        const d0 = declineFrom[i];
        if (u > d0) size = 1 - (0.7 * (u - d0)) / (1 - d0);
      }
      let day = start[i] + Math.round(pos * span);
      // Weekday buyers move a weekend order to the Friday before or the Monday after.
      if (weekdayOnly[i]) {
        if (WEEKDAY[day] === 6) day += day - 1 >= start[i] ? -1 : 2;
        else if (WEEKDAY[day] === 0) day += day + 1 <= end[i] ? 1 : -2;
        day = Math.min(end[i], Math.max(start[i], day));
      }
      oCust[o + j] = i;
      oDay[o + j] = day;
      oSize[o + j] = size;
      sizes[j] = size * (0.4 + 1.2 * rngOrders());
      sum += sizes[j];
    }
    // Lines per order: 1 each, the rest in proportion to the order's size, remainder round-robin.
    const spare = budget[i] - K;
    let given = 0;
    for (let j = 0; j < K; j++) {
      const extra = Math.floor((spare * sizes[j]) / sum);
      oLines[o + j] = 1 + extra;
      given += extra;
    }
    for (let k = 0, j = Math.floor(rngOrders() * K); k < spare - given; k++, j = (j + 1) % K) oLines[o + j]++;
    o += K;
  }
}

// Date order: a stable counting sort by day keeps customer order within a day.
const byDay = new Int32Array(totalOrders);
{
  const counts = new Int32Array(DAYS + 1);
  for (let o = 0; o < totalOrders; o++) counts[oDay[o] + 1]++;
  for (let d = 0; d < DAYS; d++) counts[d + 1] += counts[d];
  for (let o = 0; o < totalOrders; o++) byDay[counts[oDay[o]]++] = o;
}

// ---------------------------------------------------------------------------------------------
// Output

const CENTS = Array.from({ length: 100 }, (_, k) => String(k).padStart(2, '0'));
const formatCents = (cents) => {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const text = `${Math.floor(abs / 100)}.${CENTS[abs % 100]}`;
  return negative ? `-${text}` : text;
};

const CHUNK_CHARS = 1 << 21; // ~2 MB per write

async function writeFileInChunks(path, produce) {
  await mkdir(dirname(path) || '.', { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(temporary, { highWaterMark: 1 << 22 });
  const failed = new Promise((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  let bytes = 0;
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), failed]);
  };
  try {
    await produce(write);
    await Promise.race([new Promise((resolve) => stream.end(resolve)), failed]);
    await rename(temporary, path);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return bytes;
}

async function writeOrders(write) {
  let buffer = 'order_id,customer_id,order_date,amount,category,sku,quantity,sales_rep\n';
  let lines = 0;
  let returns = 0;
  for (let k = 0; k < totalOrders; k++) {
    const o = byDay[k];
    const i = oCust[o];
    const day = oDay[o];
    const size = oSize[o];
    const prefix = `SO-${String(k + 1).padStart(8, '0')},${custId[i]},${DATE_TEXT[day]},`;
    const cum = day >= dropDay[i] ? catCumAfter : catCumBefore;
    const row = i * NCAT;
    const repSuffix = custRepSuffix[i];
    for (let n = oLines[o]; n > 0; n--) {
      const r = rngLines();
      let c = 0;
      while (cum[row + c] <= r) c++;
      const sku = rngLines() < 0.7
        ? favourite[(row + c) * 3 + Math.floor(rngLines() * 3)]
        : catFirstSku[c] + Math.floor(rngLines() * catSkuCount[c]);
      let quantity = 1 + Math.floor(-Math.log(1 - rngLines()) * qtyMean[i] * catQtyScale[skuCategory[sku]] * size);
      let cents = Math.round(quantity * skuPriceCents[sku] * discount[i]);
      if (rngLines() < 0.01) {
        quantity = -quantity;
        cents = -cents;
        returns++;
      }
      buffer += prefix + formatCents(cents) + skuText[sku] + quantity + repSuffix;
      lines++;
    }
    if (buffer.length >= CHUNK_CHARS) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  return { lines, returns };
}

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const COMPLAINT_CATEGORIES = ['delivery', 'billing', 'paperwork', 'product', 'service', 'other'];

async function writeComplaints(write) {
  // Customers with orders; those with a worrying story complain four times as often.
  const pool = [];
  const cumulative = [];
  let total = 0;
  const firstDay = new Int32Array(C).fill(-1);
  const lastDay = new Int32Array(C).fill(-1);
  for (let o = 0; o < totalOrders; o++) {
    const i = oCust[o];
    if (firstDay[i] < 0 || oDay[o] < firstDay[i]) firstDay[i] = oDay[o];
    if (oDay[o] > lastDay[i]) lastDay[i] = oDay[o];
  }
  for (let i = 0; i < C; i++) {
    if (firstDay[i] < 0) continue;
    total += pattern[i] === REGULAR ? 1 : 4;
    pool.push(i);
    cumulative.push(total);
  }
  const count = pool.length === 0 ? 0 : Math.round(C * 0.15);
  const rows = [];
  for (let k = 0; k < count; k++) {
    const target = rngComplaints() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    const i = pool[lo];
    const from = firstDay[i];
    const to = Math.min(AS_OF, lastDay[i] + 30);
    // Complaints of a customer with a worrying story lean towards the end of its history.
    const u = pattern[i] === REGULAR ? rngComplaints() : Math.sqrt(rngComplaints());
    const opened = from + Math.floor(u * (to - from + 1));
    const recent = AS_OF - opened < 45;
    const open = rngComplaints() < (recent ? 0.5 : 0.03);
    const closed = open ? -1 : Math.min(AS_OF, opened + Math.floor(-Math.log(1 - rngComplaints()) * 6));
    const s = rngComplaints();
    const severity = SEVERITIES[s < 0.45 ? 0 : s < 0.8 ? 1 : s < 0.95 ? 2 : 3];
    const category = COMPLAINT_CATEGORIES[Math.floor(rngComplaints() * COMPLAINT_CATEGORIES.length)];
    rows.push({ i, opened, closed, open, severity, category, k });
  }
  rows.sort((a, b) => a.opened - b.opened || a.k - b.k);
  let buffer = 'complaint_id,customer_id,opened_at,closed_at,status,category,severity\n';
  rows.forEach((row, n) => {
    buffer += `CMP-${String(n + 1).padStart(6, '0')},${custId[row.i]},${DATE_TEXT[row.opened]},`
      + `${row.closed < 0 ? '' : DATE_TEXT[row.closed]},${row.open ? 'open' : 'closed'},${row.category},${row.severity}\n`;
  });
  await write(buffer);
  return rows.length;
}

const started = performance.now();
let summary;
const ordersBytes = await writeFileInChunks(args.out, async (write) => {
  summary = await writeOrders(write);
});
if (summary.lines !== LINES) throw new Error(`internal: wrote ${summary.lines} lines, wanted ${LINES}`);
let complaintRows = 0;
if (args.complaints !== undefined) {
  await writeFileInChunks(args.complaints, async (write) => {
    complaintRows = await writeComplaints(write);
  });
}
const patterns = PATTERN_NAMES.map((name, p) => `${name} ${pattern.filter((x) => x === p).length}`).join(', ');
process.stderr.write(
  `wrote ${args.out}: ${summary.lines} lines (${summary.returns} returns), ${totalOrders} orders, `
    + `${(ordersBytes / 1e6).toFixed(1)} MB; customers ${C} (${patterns})`
    + `${args.complaints !== undefined ? `; ${args.complaints}: ${complaintRows} complaints` : ''}`
    + ` in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

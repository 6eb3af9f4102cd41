import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bidiMarkedOrders } from '../support/bidi-orders.js';
import { DEMO_COMPLAINTS, DEMO_ORDERS, ROOT, runChurn } from '../support/run-churn.js';

/**
 * The byte route read in parallel parts (worker threads, so the built binary) must answer exactly
 * as csv-parse reading every line: same JSON, same stderr (reject lines and their line numbers),
 * same exit code, wherever the parts are cut.
 */
const dir = mkdtempSync(join(tmpdir(), 'churn-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSameAsCsvParse(args: readonly string[], threads: readonly number[]): void {
  const reference = runChurn([...args, '--parser', 'csv-parse']);
  expect(reference.stderr.includes('Error'), reference.stderr).toBe(false);
  for (const count of threads) {
    const parallel = runChurn([...args, '--threads', String(count)]);
    expect(parallel.status, `--threads ${count}`).toBe(reference.status);
    expect(parallel.stderr, `--threads ${count}`).toBe(reference.stderr);
    expect(parallel.stdout, `--threads ${count}`).toBe(reference.stdout);
  }
}

describe('parallel byte route vs csv-parse', () => {
  it.each([
    ['demo report', ['report', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--format', 'json', '--all']],
    ['demo check', ['check', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--format', 'json']],
    ['Israeli re-export', ['report', 'fixtures/demo-il/orders.csv', '--complaints', 'fixtures/demo-il/complaints.csv', '--format', 'json', '--all']],
  ])('%s', (_name, args) => {
    expectSameAsCsvParse(args, [1, 2, 3, 7]);
  }, 120_000);

  it('bad rows in every part keep their file line numbers; an order split across parts counts once', () => {
    const lines = ['order_id,customer_id,order_date,amount,category'];
    for (let i = 0; i < 4000; i++) {
      const customer = `C${i % 37}`;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 400)).padStart(2, '0');
      // Long orders (10 lines each), so part cuts fall inside orders.
      const order = `SO-${Math.floor(i / 10)}`;
      const amount = i % 331 === 0 ? 'n/a' : i % 97 === 0 ? '₪1,234.50' : (((i * 7919) % 50000) / 100).toFixed(2);
      const date = i % 401 === 0 ? '2025-13-45' : `2025-${month}-${day}`;
      lines.push(`${order},${i % 503 === 0 ? ' ' + customer : customer},${date},${amount},Cat${i % 5}`);
      if (i % 250 === 0) lines.push('');
    }
    const path = join(dir, 'spread-rejects.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expectSameAsCsvParse(['report', path, '--format', 'json', '--all', '--as-of', '2025-10-31'], [2, 3, 5]);
  }, 120_000);

  it('UTF-8 with stray bytes (a Windows-1252 name, a character cut short) in several parts reads them as U+FFFD, as csv-parse does', () => {
    const pieces: Buffer[] = [Buffer.from('customer_id,customer_name,order_date,amount,category\n')];
    for (let i = 0; i < 3000; i++) {
      const month = String(1 + (i % 9)).padStart(2, '0');
      const stray = i % 700 === 5 ? Buffer.from([0x43, 0x61, 0x66, 0xe9]) : i % 900 === 7 ? Buffer.from([0xd7, 0x97, 0xd7]) : undefined;
      // The stray names have customers of their own, so the JSON shows them.
      pieces.push(Buffer.from(stray === undefined ? `C${i % 41},` : `S${i},`), stray ?? Buffer.from(i % 3 === 0 ? 'חברת אלף' : 'Acme'), Buffer.from(`,2025-${month}-1${i % 10},₪${(i % 400) + 1}.50,Cat${i % 4}\n`));
    }
    const path = join(dir, 'stray-bytes.csv');
    writeFileSync(path, Buffer.concat(pieces));
    const check = runChurn(['check', path]);
    expect(check.stdout).toMatch(/encoding\s+utf-8/);
    expect(check.stdout).toMatch(/3000 read, 3000 usable, 0 rejected/);
    expectSameAsCsvParse(['report', path, '--format', 'json', '--all', '--as-of', '2025-10-31'], [1, 2, 3]);
    expect(runChurn(['report', path, '--format', 'json', '--all', '--as-of', '2025-10-31']).stdout).toContain('\ufffd');
  }, 120_000);

  it('amounts in two currencies, the second first seen in a later part: one warning, naming the same line every way', () => {
    const rows = ['customer_id,order_date,amount,category'];
    for (let i = 0; i < 3000; i++) {
      const month = String(1 + (i % 9)).padStart(2, '0');
      const amount = i === 2400 || i === 2900 ? `$${i}.25` : i % 50 === 0 ? `₪${i}.50` : `${(i % 300) + 1}.75`;
      rows.push(`C${i % 23},2025-${month}-1${i % 10},${amount},Cat${i % 3}`);
    }
    const path = join(dir, 'two-currencies.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    expectSameAsCsvParse(['report', path, '--format', 'json', '--all', '--as-of', '2025-10-31'], [1, 2, 3]);
    const run = runChurn(['report', path, '--format', 'json', '--all', '--as-of', '2025-10-31', '--threads', '2']);
    expect(run.stderr).toBe(`churn: ${path}:2402: warning: amounts in more than one currency (ILS, and USD from line 2402) are added as they are. Export one currency, or convert the amounts first\n`);
  }, 120_000);

  it('direction marks in headers and fields: a key first seen marked in one part and bare in another is one key', async () => {
    // ~7 MB: each part is several of a thread's 1 MB reads; rows of marks only are rejected at their lines.
    const path = join(dir, 'bidi-marked.csv');
    writeFileSync(path, bidiMarkedOrders(150_000, 12));
    expect(readFileSync(path).length).toBeGreaterThan(6_000_000);
    const args = ['report', path, '--format', 'json', '--all', '--as-of', '2025-12-31'];
    expectSameAsCsvParse(args, [1, 2, 3]);
    expectSameAsCsvParse(['check', path], [2]);
    const report = JSON.parse(runChurn([...args, '--threads', '2']).stdout) as { customers: unknown[] };
    expect(report.customers).toHaveLength(61);
    // The byte route read it in parts (a line it could not read would have sent the whole file the string route).
    const { readOrders } = (await import(join(ROOT, 'dist', 'ingest', 'read-orders.js'))) as typeof import('../../src/ingest/read-orders.js');
    const { fileSource } = (await import(join(ROOT, 'dist', 'ingest', 'input-source.js'))) as typeof import('../../src/ingest/input-source.js');
    const { OrderTally } = (await import(join(ROOT, 'dist', 'ingest', 'order-tally.js'))) as typeof import('../../src/ingest/order-tally.js');
    const tally = new OrderTally();
    const factory = { create: () => new OrderTally(), module: pathToFileURL(join(ROOT, 'dist', 'ingest', 'order-tally.js')).href, exportName: 'OrderTally' };
    const read = await readOrders(await fileSource(path), { threads: 2 }, { sink: tally, factory });
    expect(read.parts ?? 0).toBeGreaterThanOrEqual(2);
    expect(tally.customers).toBe(61);
  }, 120_000);

  it('without WebAssembly (node --jitless) the string route reads the file, to the same JSON', () => {
    const args = ['report', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--format', 'json', '--all'];
    const reference = runChurn(args);
    const jitless = spawnSync(process.execPath, ['--jitless', join(ROOT, 'bin', 'churn.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    expect(jitless.status).toBe(0);
    // V8 says it turns WebAssembly off; nothing else is said.
    expect(jitless.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/gm, '')).toBe('');
    expect(jitless.stdout).toBe(reference.stdout);
  }, 120_000);

  it('a quoted field running onto the next line sends the whole file the string route', () => {
    const rows = ['customer,name,date,amount,category'];
    for (let i = 0; i < 500; i++) rows.push(`C${i % 9},${i === 300 ? '"Two\nLines Ltd"' : 'Plain Co'},2025-0${1 + (i % 9)}-1${i % 10},${i}.25,Cat${i % 3}`);
    const path = join(dir, 'multiline.csv');
    writeFileSync(path, `${rows.join('\r\n')}\r\n`);
    expectSameAsCsvParse(['report', path, '--format', 'json', '--all'], [1, 2, 4]);
  }, 120_000);

  it('CR LF and CR CR LF inside quoted fields, in orders and complaints, leave later rejects on their grep -n lines', () => {
    // Line numbers counted as the file is written: a row holding a line feed spans one more line.
    const orders = ['order_id,customer_id,customer_name,order_date,amount,category'];
    const expected: string[] = [];
    let line = 1;
    for (let i = 0; i < 4000; i++) {
      const name = i === 700 ? '"Acme\r\nLtd"' : i === 2600 ? '"Beta\r\r\nInc"' : i === 3300 ? '"Gamma\r\n\r\nCo"' : `Name${i % 37}`;
      const amount = i % 331 === 0 ? 'n/a' : (((i * 7919) % 50000) / 100).toFixed(2);
      const row = `SO-${Math.floor(i / 10)},C${i % 37},${name},2025-${String(1 + Math.floor(i / 400)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${amount},Cat${i % 5}`;
      line += 1 + row.split('\n').length - 1;
      if (amount === 'n/a') expected.push(`:${line}: amount "n/a": not an amount`);
      orders.push(row);
    }
    const complaints = ['complaint_id,customer_id,opened,closed,category'];
    let complaintLine = 1;
    const expectedComplaints: string[] = [];
    for (let i = 0; i < 60; i++) {
      const category = i === 10 ? '"late\r\ndelivery"' : i === 20 ? '"billing\r\r\nerror"' : 'quality';
      const opened = i % 17 === 5 ? 'someday' : `2025-0${1 + (i % 9)}-1${i % 10}`;
      const row = `CMP-${i},C${i % 37},${opened},,${category}`;
      complaintLine += 1 + row.split('\n').length - 1;
      if (opened === 'someday') expectedComplaints.push(`:${complaintLine}: opened "someday"`);
      complaints.push(row);
    }
    const ordersPath = join(dir, 'crlf-in-quotes.csv');
    const complaintsPath = join(dir, 'crlf-in-quotes-complaints.csv');
    writeFileSync(ordersPath, `${orders.join('\r\n')}\r\n`);
    writeFileSync(complaintsPath, `${complaints.join('\r\n')}\r\n`);
    const args = ['report', ordersPath, '--complaints', complaintsPath, '--format', 'json', '--all', '--as-of', '2025-10-31'];
    const reference = runChurn([...args, '--parser', 'csv-parse']);
    expect(expected).toHaveLength(13);
    expect(expected.at(-1)).toBe(':3978: amount "n/a": not an amount');
    for (const reject of expected) expect(reference.stderr).toContain(`${ordersPath}${reject}`);
    expect(expectedComplaints.map((reject) => reject.split(':')[1])).toEqual(['7', '26', '43', '60']);
    for (const reject of expectedComplaints) expect(reference.stderr).toContain(`${complaintsPath}${reject}`);
    expectSameAsCsvParse(args, [1, 2, 3]);
  }, 120_000);

  it('the first odd date in file order is the one named, however the pieces fell to the threads', () => {
    const lines = ['customer_id,order_date,amount'];
    for (let i = 0; i < 6000; i++) {
      // Day-first dates from row 2500 (line 2502) on, a new one every 300 rows: the error names the first.
      const date = i >= 2500 && i % 300 === 100 ? `${13 + (i % 13)}/05/2025` : `2025-0${1 + (i % 9)}-1${i % 10}`;
      lines.push(`C${i % 41},${date},${(i % 900) + 0.5}`);
    }
    const path = join(dir, 'odd-dates.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const reference = runChurn(['check', path, '--parser', 'csv-parse']);
    expect(reference.status).toBe(2);
    expect(reference.stdout).toContain(`${path}:2502: column "order_date": dates in more than one layout; most are yyyy-mm-dd but "17/05/2025"`);
    expectSameAsCsvParse(['check', path], [2, 3, 5]);
  }, 120_000);

  it('parts shared between threads (a finished thread takes on the far end of another\'s rest) give the same book and the same rejects at the same lines', async () => {
    // The built modules, for the worker threads; shares of 4 KB on, split evenly, so the parts of a
    // small file are cut and handed on again and again.
    const { readBook, analyzeReadBook } = (await import(join(ROOT, 'dist', 'scoring', 'analyze-book.js'))) as typeof import('../../src/scoring/analyze-book.js');
    const { fileSource } = (await import(join(ROOT, 'dist', 'ingest', 'input-source.js'))) as typeof import('../../src/ingest/input-source.js');
    const { DEFAULT_SCORING } = (await import(join(ROOT, 'dist', 'scoring', 'scoring-settings.js'))) as typeof import('../../src/scoring/scoring-settings.js');
    const lines = ['order_id,customer_id,order_date,amount,category'];
    // ~10 MB: a part is several of a thread's 1 MB reads, so there is some left to share when one ends.
    for (let i = 0; i < 300_000; i++) {
      const amount = i % 331 === 0 ? 'n/a' : (((i * 7919) % 50000) / 100).toFixed(2);
      lines.push(`SO-${Math.floor(i / 7)},C${i % 53},2025-${String(1 + Math.floor(i / 28_000)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${amount},Cat${i % 5}`);
    }
    const path = join(dir, 'shared-parts.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const read = async (threads: number) => {
      const book = await readBook({ orders: await fileSource(path), orderOptions: { threads, shareMinBytes: 4096, shareTailMs: 0 }, complaintOptions: {} });
      const analysis = analyzeReadBook(book, undefined, DEFAULT_SCORING, 'value');
      return { parts: book.orders.parts ?? 0, segments: book.ledger.segmentsForReading().length, text: JSON.stringify({ customers: analysis.customers, inputs: analysis.inputs }) };
    };
    const alone = await read(1);
    let shared = 0;
    for (const threads of [2, 3, 2, 3]) {
      const parallel = await read(threads);
      expect(parallel.text).toBe(alone.text);
      // Each thread reads its parts into one ledger, whatever it took on.
      expect(parallel.segments).toBe(threads);
      if (parallel.parts > threads) shared++;
    }
    // Whether a part is cut depends on the threads' timing: it was in each of ten such reads (2 and 3 threads).
    expect(alone.parts).toBe(1);
    expect(shared).toBeGreaterThan(0);
  }, 120_000);

  it('tells its caller once when the first part read in threads is in, and never when the rows are read in one thread', async () => {
    const { readOrders } = (await import(join(ROOT, 'dist', 'ingest', 'read-orders.js'))) as typeof import('../../src/ingest/read-orders.js');
    const { fileSource } = (await import(join(ROOT, 'dist', 'ingest', 'input-source.js'))) as typeof import('../../src/ingest/input-source.js');
    const { OrderTally } = (await import(join(ROOT, 'dist', 'ingest', 'order-tally.js'))) as typeof import('../../src/ingest/order-tally.js');
    const lines = ['customer_id,order_date,amount'];
    for (let i = 0; i < 20_000; i++) lines.push(`C${i % 31},2025-0${1 + (i % 9)}-1${i % 10},${i % 700}.25`);
    const path = join(dir, 'first-part.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const calls = async (threads: number) => {
      let count = 0;
      const sink = new OrderTally();
      const target = { sink, factory: { create: () => new OrderTally(), module: pathToFileURL(join(ROOT, 'dist', 'ingest', 'order-tally.js')).href, exportName: 'OrderTally' } };
      const read = await readOrders(await fileSource(path), { threads, onFirstPartIn: () => count++ }, target);
      expect(read.rowsRead).toBe(20_000);
      return count;
    };
    expect(await calls(2)).toBe(1);
    expect(await calls(3)).toBe(1);
    expect(await calls(1)).toBe(0);
  }, 120_000);

  it('a 1M-line bench export (bench/generate-orders.mjs): the default route gives the same JSON', () => {
    const orders = join(dir, 'orders-1m.csv');
    const complaints = join(dir, 'complaints-1m.csv');
    const generated = spawnSync(process.execPath, [join(ROOT, 'bench', 'generate-orders.mjs'), '--lines', '1m', '--out', orders, '--complaints', complaints]);
    expect(generated.status, String(generated.stderr)).toBe(0);
    const args = ['report', orders, '--complaints', complaints, '--as-of', '2026-10-31', '--format', 'json', '--all', '--quiet'];
    const fast = runChurn(args);
    const reference = runChurn([...args, '--parser', 'csv-parse']);
    expect(fast.status).toBe(0);
    expect(fast.stderr).toBe('');
    expect(JSON.parse(fast.stdout).customers).toHaveLength(20000);
    expect(fast.stdout === reference.stdout).toBe(true);
    expect(readFileSync(orders).length).toBeGreaterThan(60_000_000);
  }, 300_000);
});

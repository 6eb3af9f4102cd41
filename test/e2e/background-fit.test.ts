import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process.js';
import { prng } from '../support/malformed-corpus.js';
import { ROOT, runChurn } from '../support/run-churn.js';

/**
 * A big book's BG/NBD fit runs in a thread of its own (startBackgroundFit), which only the built
 * binary can start; the sources under the test runner fit in the walk's thread. Both must give the
 * same bytes, model numbers included.
 */
const dir = mkdtempSync(join(tmpdir(), 'churn-background-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seeded buyers who order every few weeks and may drop out after any order: a book BG/NBD fits. */
function buyersBook(customers: number): string {
  const random = prng(20261123);
  const lines = ['customer_id,order_date,amount'];
  const start = Date.UTC(2024, 0, 1);
  for (let customer = 0; customer < customers; customer++) {
    const meanGapDays = 7 + Math.floor(random() * 80);
    const dropout = 0.02 + random() * 0.2;
    let day = Math.floor(random() * 300);
    while (day < 1000) {
      lines.push(`K${String(customer).padStart(5, '0')},${new Date(start + day * 86_400_000).toISOString().slice(0, 10)},${(20 + random() * 500).toFixed(2)}`);
      if (random() < dropout) break;
      day += 1 + Math.floor(-Math.log(1 - random()) * meanGapDays);
    }
  }
  return `${lines.join('\n')}\n`;
}

function expectSameAsInProcess(args: readonly string[]): Promise<void> {
  const binary = runChurn(args);
  expect(binary.stderr).toBe('');
  expect(binary.status).toBe(0);
  return runInProcess(args).then((inProcess) => {
    expect(inProcess.code).toBe(0);
    // The first difference with its context: a diff of two reports of megabytes takes the runner minutes.
    expect(firstDifference(binary.stdout, inProcess.stdout)).toBeUndefined();
  });
}

function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  return `at character ${at}: ${JSON.stringify(actual.slice(Math.max(0, at - 80), at + 80))} instead of ${JSON.stringify(expected.slice(Math.max(0, at - 80), at + 80))}`;
}

describe('the fit in its own thread', () => {
  it('a generated book of 6,000 buyers: the same JSON as the fit in the walk, with model numbers', async () => {
    const orders = join(dir, 'buyers.csv');
    writeFileSync(orders, buyersBook(6000));
    const args = ['report', orders, '--as-of', '2026-09-30', '--format', 'json', '--all'];
    await expectSameAsInProcess(args);
    const report = JSON.parse(runChurn(args).stdout);
    expect(report.customers.length).toBe(6000);
    expect(report.customers.filter((customer: { pAlive?: number }) => customer.pAlive !== undefined).length).toBeGreaterThan(4000);
  }, 120_000);

  it('the same book read in two threads: a fit thread started while the rows are read, then given its summaries, gives the same JSON', async () => {
    const orders = join(dir, 'buyers-threads.csv');
    writeFileSync(orders, buyersBook(6000));
    await expectSameAsInProcess(['report', orders, '--as-of', '2026-09-30', '--format', 'json', '--all', '--threads', '2']);
  }, 120_000);

  it('the binary, a bundle in dist/cli/, starts its scan and fit threads from the built modules', () => {
    const orders = join(dir, 'buyers-workers.csv');
    writeFileSync(orders, buyersBook(6000));
    const args = ['report', orders, '--as-of', '2026-09-30', '--format', 'json', '--all', '--threads', '2'];
    // Node's own log of the workers it creates. A worker whose module is not found leaves the read
    // and the fit to this thread with the same answers, only slower: nothing else would show it.
    const traced = runChurn(args, { env: { NODE_DEBUG: 'worker' } });
    expect(traced.status).toBe(0);
    const started = [...traced.stderr.matchAll(/href: '(file:[^']+)'/g)].map((match) => fileURLToPath(match[1] as string));
    expect(started.map((path) => relative(ROOT, path)).sort()).toEqual([
      join('dist', 'ingest', 'scan-worker.js'),
      join('dist', 'ingest', 'scan-worker.js'),
      join('dist', 'scoring', 'fit-worker.js'),
    ]);
    for (const path of started) expect(existsSync(path)).toBe(true);
    expect(traced.stdout).toBe(runChurn(args).stdout);
  }, 120_000);

  it('a fit thread started ahead (the book read in threads) fits the summaries posted to it: the fit made in one thread', async () => {
    // The built modules: only they can start threads.
    const dist = (path: string) => import(join(ROOT, 'dist', ...path.split('/')));
    const { readBook } = (await dist('scoring/analyze-book.js')) as typeof import('../../src/scoring/analyze-book.js');
    const { startBackgroundFit } = (await dist('scoring/background-fit.js')) as typeof import('../../src/scoring/background-fit.js');
    const { bgNbdSummaryOfSpan } = (await dist('scoring/customer-model.js')) as typeof import('../../src/scoring/customer-model.js');
    const { forEachOrderDaySpan } = (await dist('history/build-timelines.js')) as typeof import('../../src/history/build-timelines.js');
    const { fitBgNbd } = (await dist('scoring/bg-nbd/index.js')) as typeof import('../../src/scoring/bg-nbd/index.js');
    const { fileSource } = (await dist('ingest/input-source.js')) as typeof import('../../src/ingest/input-source.js');
    const orders = join(dir, 'buyers-ahead.csv');
    writeFileSync(orders, buyersBook(6000));
    const book = await readBook({ orders: await fileSource(orders), orderOptions: { threads: 2 }, complaintOptions: {} });
    const waiting = book.fitThread.take();
    expect(waiting).toBeDefined();
    expect(book.fitThread.take()).toBeUndefined();
    const asOf = Date.UTC(2026, 8, 30) / 86_400_000;
    const prefitted = startBackgroundFit(book.ledger, book.dates, asOf, waiting);
    const summaries: Array<{ x: number; tx: number; T: number }> = [];
    forEachOrderDaySpan(book.ledger, book.dates, asOf, (span) => summaries.push(bgNbdSummaryOfSpan(span, asOf)));
    const fitted = summaries.filter((summary) => summary.T > 0);
    // A thread that never had the summaries would give no fit (undefined): the walk would then fit them itself.
    expect(prefitted?.fitOf(fitted)).toEqual(fitBgNbd(fitted));
  }, 120_000);

  // CDNOW (Fader, Hardie & Lee 2005) read in place from ../shared/data/cdnow, never copied: 23,570 customers.
  const master = join(ROOT, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
  it.skipIf(!existsSync(master))('CDNOW master: the same JSON as the fit in the walk', async () => {
    await expectSameAsInProcess(['report', master, '--as-of', '1997-09-30', '--format', 'json', '--all']);
  }, 120_000);
});

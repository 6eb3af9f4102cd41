import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process.js';
import { DEMO_COMPLAINTS, DEMO_ORDERS, ROOT } from '../support/run-churn.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-props-'));
const ordersText = readFileSync(join(ROOT, DEMO_ORDERS), 'utf8');
const complaintsText = readFileSync(join(ROOT, DEMO_COMPLAINTS), 'utf8');
const [ordersHeader, ...orderRows] = ordersText.trimEnd().split('\n');
const [complaintsHeader, ...complaintRows] = complaintsText.trimEnd().split('\n');

function write(name: string, header: string | undefined, rows: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
  return path;
}

/** Seeded Fisher-Yates, so a failure can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function reportJson(orders: string, complaints: string, asOf: string) {
  const run = await runInProcess(['report', orders, '--complaints', complaints, '--as-of', asOf, '--format', 'json', '--all']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('report properties on the demo book', () => {
  it('the same rows shuffled give the same report', async () => {
    const original = await reportJson(write('o.csv', ordersHeader, orderRows), write('c.csv', complaintsHeader, complaintRows), '2026-10-31');
    for (const seed of [1, 2]) {
      const shuffledReport = await reportJson(
        write(`o-${seed}.csv`, ordersHeader, shuffled(orderRows, seed)),
        write(`c-${seed}.csv`, complaintsHeader, shuffled(complaintRows, seed)),
        '2026-10-31',
      );
      expect(shuffledReport.customers).toEqual(original.customers);
      expect(shuffledReport.summary).toEqual(original.summary);
    }
  });

  it('--as-of D on the full export equals the export cut at D', async () => {
    for (const asOf of ['2026-03-15', '2026-08-31']) {
      const full = await reportJson(write('o.csv', ordersHeader, orderRows), write('c.csv', complaintsHeader, complaintRows), asOf);
      // order_date is the 2nd column, opened_at the 3rd; ISO dates compare as text.
      const cutOrders = orderRows.filter((row) => (row.split(',')[1] ?? '') <= asOf);
      const cutComplaints = complaintRows.filter((row) => (row.split(',')[2] ?? '') <= asOf);
      const cut = await reportJson(write('o-cut.csv', ordersHeader, cutOrders), write('c-cut.csv', complaintsHeader, cutComplaints), asOf);
      expect(full.inputs.orders.rowsAfterAsOf).toBe(orderRows.length - cutOrders.length);
      expect(cut.inputs.orders.rowsAfterAsOf).toBe(0);
      expect(cut.customers).toEqual(full.customers);
    }
  });

  it('adding an open complaint never lowers a score', async () => {
    const orders = write('o.csv', ordersHeader, orderRows);
    const before = await reportJson(orders, write('c.csv', complaintsHeader, complaintRows), '2026-10-31');
    const scoreOf = (report: { customers: { customerId: string; riskScore: number }[] }) =>
      new Map(report.customers.map((c) => [c.customerId, c.riskScore]));
    const beforeScores = scoreOf(before);
    const ids = [...beforeScores.keys()].filter((_, i) => i % 4 === 0);
    for (const [i, id] of ids.entries()) {
      const extra = `CMP-X${i},${id},2026-10-${String(1 + (i % 28)).padStart(2, '0')},,open,${['delivery', 'billing', 'product'][i % 3]},${['low', 'high'][i % 2]}`;
      const after = await reportJson(orders, write(`c-${i}.csv`, complaintsHeader, [...complaintRows, extra]), '2026-10-31');
      const afterScores = scoreOf(after);
      expect(afterScores.get(id)!, id).toBeGreaterThanOrEqual(beforeScores.get(id)!);
      for (const [other, score] of beforeScores) if (other !== id) expect(afterScores.get(other), other).toBe(score);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { BIDI_MARKS } from '../support/bidi-orders.js';
import { prng } from '../support/malformed-corpus.js';
import { expectGolden, ROOT, runChurn } from '../support/run-churn.js';

const PLAIN = ['fixtures/demo/orders.csv', '--complaints', 'fixtures/demo/complaints.csv', '--currency', 'ILS'];
const ISRAELI = ['fixtures/demo-il/orders.csv', '--complaints', 'fixtures/demo-il/complaints.csv'];

interface Customer {
  rank: number;
  customerId: string;
  name: string;
  rep: string;
  riskScore: number;
  riskLevel: string;
  status: string;
  valueAtRisk: number;
  annualRevenue: number;
  signals: { id: string; severity: number; evidence: Record<string, unknown> }[];
}

function report(args: readonly string[]): { customers: Customer[]; inputs: Record<string, { rowsRead: number; rowsUsed: number }> } {
  const run = runChurn(['report', ...args, '--as-of', '2026-10-31', '--format', 'json', '--all']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** Everything but the words: names, reps and product lines are Hebrew in the re-export. */
function numbersOf(customer: Customer) {
  return {
    rank: customer.rank,
    customerId: customer.customerId,
    riskScore: customer.riskScore,
    riskLevel: customer.riskLevel,
    status: customer.status,
    valueAtRisk: customer.valueAtRisk,
    annualRevenue: customer.annualRevenue,
    signals: customer.signals.map((signal) => ({
      id: signal.id,
      severity: signal.severity,
      evidence: Object.fromEntries(Object.entries(signal.evidence).filter(([key]) => key !== 'stoppedLines')),
    })),
  };
}

describe('the demo re-exported the Israeli way (Windows-1255, Hebrew headers, ;, CRLF, dd/mm/yyyy, ₪1,234.50)', () => {
  it('gives exactly the same customers, scores and ranks as the plain UTF-8 export', () => {
    const plain = report(PLAIN);
    const israeli = report(ISRAELI);
    expect(israeli.inputs.orders).toEqual({ ...plain.inputs.orders, file: 'fixtures/demo-il/orders.csv' });
    expect(israeli.customers.map(numbersOf)).toEqual(plain.customers.map(numbersOf));
  });

  it('keeps Hebrew text intact in JSON and in the table', () => {
    const israeli = report(ISRAELI);
    const customer = israeli.customers.find((c) => c.signals[0]?.id === 'split_purchasing');
    expect(customer?.name).toMatch(/ בע"מ$/);
    expect(['דנה לוי', 'עומר כץ', 'מאיה כהן', 'יוסי בן דוד']).toContain(customer?.rep);
    expect(customer?.signals[0]?.evidence.stoppedLines).toEqual(expect.arrayContaining([expect.stringMatching(/^[\u0590-\u05FF ]+$/)]));
    const table = runChurn(['report', ...ISRAELI, '--as-of', '2026-10-31', '--top', '5']);
    expect(table.status).toBe(0);
    expectGolden(table.stdout, 'demo-il-report.txt');
  });

  it('churn check shows what was detected (golden)', () => {
    const run = runChurn(['check', ...ISRAELI]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectGolden(run.stdout, 'demo-il-check.txt');
  });
});

/**
 * The demo as Excel saves a sheet of Hebrew text as UTF-8 CSV: a right-to-left mark before every
 * header, and direction marks before, after or around a quarter of the values (any column).
 */
function withDirectionMarks(from: string, to: string, seed: number): void {
  const random = prng(seed);
  const mark = () => BIDI_MARKS[Math.floor(random() * BIDI_MARKS.length)] as string;
  const rows = parse(readFileSync(join(ROOT, from))) as string[][];
  const quoted = (field: string) => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const lines = rows.map((fields, index) =>
    fields
      .map((field) => {
        if (index === 0) return `\u200f${field}`;
        const roll = random();
        if (field === '' || roll >= 0.25) return field;
        return roll < 0.1 ? `${mark()}${field}` : roll < 0.2 ? `${field}${mark()}` : `${mark()}${field}${mark()}`;
      })
      .map(quoted)
      .join(','),
  );
  writeFileSync(to, `${lines.join('\n')}\n`);
}

describe('the demo saved by Excel as UTF-8 with direction marks in headers and values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'churn-bidi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const orders = join(dir, 'orders.csv');
  const complaints = join(dir, 'complaints.csv');
  withDirectionMarks('fixtures/demo/orders.csv', orders, 3);
  withDirectionMarks('fixtures/demo/complaints.csv', complaints, 4);

  it('gives exactly the report of the export without them, by either parser', () => {
    const plain = report(PLAIN);
    const marked = report([orders, '--complaints', complaints, '--currency', 'ILS']);
    expect(marked.inputs.orders).toEqual({ ...plain.inputs.orders, file: orders });
    expect(marked.inputs.complaints).toEqual({ ...plain.inputs.complaints, file: complaints });
    expect(marked.customers).toEqual(plain.customers);
    expect(report([orders, '--complaints', complaints, '--currency', 'ILS', '--parser', 'csv-parse'])).toEqual(marked);
  });
});

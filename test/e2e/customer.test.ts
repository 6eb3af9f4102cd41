import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_COMPLAINTS, DEMO_ORDERS, expectGolden, ROOT, runChurn } from '../support/run-churn.js';

const planted: Record<string, { kind: string }> = JSON.parse(readFileSync(join(ROOT, DEMO, 'planted.json'), 'utf8')).customers;
const firstOfKind = (kind: string) => Object.keys(planted).sort().find((id) => planted[id]?.kind === kind) as string;
const BOOK = [DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--as-of', '2026-10-31', '--currency', 'ILS'];

describe('churn customer: one planted customer of each mechanism', () => {
  it.each(['volume_decline', 'widening_gaps', 'split_purchasing', 'complaints', 'lapsed'])('%s (golden)', (kind) => {
    const id = firstOfKind(kind);
    const run = runChurn(['customer', id, ...BOOK]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectGolden(run.stdout, `customer-${kind}.txt`);
    const json = JSON.parse(runChurn(['customer', id, ...BOOK, '--format', 'json']).stdout);
    expect(json.customer.customerId).toBe(id);
    expect(json.monthlyRevenue).toHaveLength(24);
    expect(json.monthlyRevenue.filter((m: { window: string }) => m.window === 'recent')).toHaveLength(3);
    expect(json.monthlyRevenue.filter((m: { window: string }) => m.window === 'baseline')).toHaveLength(12);
    if (kind === 'lapsed') expect(json.customer.status).toBe('lapsed');
    else expect(json.customer.signals[0].id).toBe(kind);
  });

  it('shows the stopped product line and the open complaint where they are the story', () => {
    const split = runChurn(['customer', firstOfKind('split_purchasing'), ...BOOK]).stdout;
    expect(split).toMatch(/stopped \(last bought \d{4}-\d{2}-\d{2}\)/);
    const complaints = runChurn(['customer', firstOfKind('complaints'), ...BOOK]).stdout;
    expect(complaints).toMatch(/open, \d+ days/);
    const json = JSON.parse(runChurn(['customer', firstOfKind('complaints'), ...BOOK, '--format', 'json']).stdout);
    expect(json.complaints.some((c: { open: boolean }) => c.open)).toBe(true);
    const contributions = json.scoring.map((s: { weight: number; severity: number }) => s.weight * s.severity);
    const score = 100 * (1 - contributions.reduce((product: number, c: number) => product * (1 - c), 1));
    expect(Math.round(score * 10) / 10).toBeCloseTo(json.customer.riskScore, 1);
  });

  it('an unknown id is a clear error with near matches', () => {
    const run = runChurn(['customer', 'C00', ...BOOK]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no customer "C00".*Did you mean C0001, C0002/);
  });
});

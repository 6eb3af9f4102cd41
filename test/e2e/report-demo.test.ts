import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_COMPLAINTS, DEMO_ORDERS, expectGolden, ROOT, runChurn } from '../support/run-churn.js';

const BASE = ['report', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--as-of', '2026-10-31', '--currency', 'ILS'];

interface JsonCustomer {
  rank: number;
  customerId: string;
  riskLevel: string;
  riskScore: number;
  status: string;
  valueAtRisk: number;
  signals: { id: string; severity: number }[];
}

describe('churn report on fixtures/demo', () => {
  it('prints the ranked table (golden), exit 0, empty stderr', () => {
    const run = runChurn(BASE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectGolden(run.stdout, 'demo-report.txt');
  });

  it('prints every customer as JSON (golden), byte-identical across runs', () => {
    const first = runChurn([...BASE, '--format', 'json', '--all']);
    const second = runChurn([...BASE, '--format', 'json', '--all']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expectGolden(first.stdout, 'demo-report.json');
  });

  it('accounts for every row: read = used + rejected + after as-of', () => {
    const report = JSON.parse(runChurn([...BASE, '--format', 'json', '--as-of', '2026-06-30']).stdout);
    for (const input of [report.inputs.orders, report.inputs.complaints]) {
      expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected + input.rowsAfterAsOf);
    }
    expect(report.inputs.orders.rowsAfterAsOf).toBeGreaterThan(0);
  });

  it('puts the planted at-risk customers first, each with its own mechanism as first reason', () => {
    const planted: Record<string, { kind: string }> = JSON.parse(
      readFileSync(join(ROOT, DEMO, 'planted.json'), 'utf8'),
    ).customers;
    const report = JSON.parse(runChurn([...BASE, '--format', 'json', '--all']).stdout);
    const customers: JsonCustomer[] = report.customers;
    const atRiskKinds = new Set(['volume_decline', 'widening_gaps', 'split_purchasing', 'complaints', 'lapsed']);
    const plantedAtRisk = Object.values(planted).filter((p) => atRiskKinds.has(p.kind)).length;

    const leaders = customers.slice(0, plantedAtRisk).map((c) => planted[c.customerId]?.kind);
    expect(leaders.every((kind) => kind !== undefined && atRiskKinds.has(kind))).toBe(true);

    for (const customer of customers) {
      const kind = planted[customer.customerId]?.kind;
      if (kind === 'lapsed') expect(customer.status, customer.customerId).toBe('lapsed');
      else if (kind !== undefined && atRiskKinds.has(kind)) expect(customer.signals[0]?.id, customer.customerId).toBe(kind);
      else expect(customer.riskLevel, `${customer.customerId} (${kind})`).not.toBe('high');
    }
  });

  it('reads the export from stdin with -', () => {
    const run = runChurn(['report', '-', '--as-of', '2026-10-31', '--top', '10', '--format', 'json'], {
      input: readFileSync(join(ROOT, DEMO_ORDERS)),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.inputs.orders.file).toBe('stdin');
    expect(report.customers).toHaveLength(10);
  });
});

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_COMPLAINTS, DEMO_ORDERS, expectGolden, runChurn } from '../support/run-churn.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-nightly-'));
const BOOK = ['report', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--currency', 'ILS'];
const previous = join(dir, 'previous.json');

function writePrevious(asOf: string): void {
  const run = runChurn([...BOOK, '--as-of', asOf, '--format', 'json', '--all', '-o', previous]);
  expect(run.status).toBe(0);
  expect(run.stdout).toBe('');
}

describe('nightly runs', () => {
  it('-o writes the report to the file and nothing to stdout', () => {
    writePrevious('2026-08-31');
    expect(JSON.parse(readFileSync(previous, 'utf8')).asOf).toBe('2026-08-31');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--previous marks each customer against the last run (two as-of dates of the demo)', () => {
    writePrevious('2026-08-31');
    const before = JSON.parse(readFileSync(previous, 'utf8'));
    const run = runChurn([...BOOK, '--as-of', '2026-10-31', '--previous', previous, '--format', 'json', '--all']);
    expect(run.status).toBe(0);
    const now = JSON.parse(run.stdout);
    const levelBefore = new Map(before.customers.map((c: { customerId: string; riskLevel: string }) => [c.customerId, c.riskLevel]));
    const rank = { low: 0, medium: 1, high: 2 } as const;
    const seen = new Set<string>();
    for (const c of now.customers as { customerId: string; riskLevel: keyof typeof rank; status: string; change: string; previousRiskLevel: string }[]) {
      expect(c.previousRiskLevel).toBe(levelBefore.get(c.customerId));
      const then = rank[c.previousRiskLevel as keyof typeof rank];
      const level = rank[c.riskLevel];
      seen.add(c.change);
      if (c.change === 'new-at-risk') expect([then, level >= 1]).toEqual([0, true]);
      if (c.change === 'escalated') expect([then, level]).toEqual([1, 2]);
      if (c.change === 'recovered') expect([then >= 1, level]).toEqual([true, 0]);
      if (c.change === 'gone') expect(c.status).toBe('lapsed');
    }
    expect(seen).toEqual(new Set(['new-at-risk', 'escalated', 'unchanged']));
    expect(now.changes.previousAsOf).toBe('2026-08-31');
    expect(now.changes.counts['new-at-risk']).toBe(now.customers.filter((c: { change: string }) => c.change === 'new-at-risk').length);
  });

  it('going back in time shows recoveries, and the table opens with the changes', () => {
    writePrevious('2026-10-31');
    const table = runChurn([...BOOK, '--as-of', '2026-08-31', '--previous', previous, '--top', '5']);
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(/^Changes since last run \(2026-10-31\): 0 new at risk, 0 escalated, \d+ recovered \(C/);
    expectGolden(table.stdout, 'demo-report-changes.txt');
  });

  it('exit codes: 0 produced, 1 when --fail-on is hit, 2 on a usage or input error', () => {
    writePrevious('2026-08-31');
    expect(runChurn([...BOOK, '--as-of', '2026-10-31']).status).toBe(0);
    expect(runChurn([...BOOK, '--as-of', '2026-10-31', '--fail-on', 'high']).status).toBe(1);
    expect(runChurn([...BOOK, '--as-of', '2026-10-31', '--fail-on', 'medium']).status).toBe(1);
    expect(runChurn([...BOOK, '--as-of', '2026-10-31', '--fail-on', 'new', '--previous', previous]).status).toBe(1);
    // The same day against itself: nothing new, so the gate passes.
    writePrevious('2026-10-31');
    expect(runChurn([...BOOK, '--as-of', '2026-10-31', '--fail-on', 'new', '--previous', previous]).status).toBe(0);
    // A book where nobody is at risk passes even --fail-on medium.
    const calm = join(dir, 'calm.csv');
    writeFileSync(calm, 'customer,date,amount\nA,2025-01-01,5\nA,2025-02-01,5\n');
    expect(runChurn(['report', calm, '--fail-on', 'medium']).status).toBe(0);
    const usage = runChurn([...BOOK, '--fail-on', 'new']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--fail-on new needs --previous FILE');
    expect(runChurn([...BOOK, '--fail-on', 'sometimes']).status).toBe(2);
  });

  it('a failing run leaves the previous output file intact', () => {
    const output = join(dir, 'kept.json');
    writeFileSync(output, 'yesterday\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer,date,amount\nA,2025-01-01,"5\n');
    const run = runChurn(['report', bad, '--format', 'json', '-o', output]);
    expect(run.status).toBe(2);
    expect(readFileSync(output, 'utf8')).toBe('yesterday\n');
    const unwritable = runChurn([...BOOK, '-o', join(dir, 'no-such-folder', 'out.json')]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write the report/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('with --rep the changes are that rep\'s book: its customers now and then', () => {
    writePrevious('2026-08-31');
    const whole = JSON.parse(runChurn([...BOOK, '--as-of', '2026-10-31', '--previous', previous, '--format', 'json', '--all']).stdout);
    const maya = runChurn([...BOOK, '--as-of', '2026-10-31', '--previous', previous, '--format', 'json', '--all', '--rep', ' maya  COHEN ']);
    expect(maya.stderr).toBe('');
    const report = JSON.parse(maya.stdout);
    expect(report.rep).toBe('Maya Cohen');
    const mayas = (whole.customers as { customerId: string; rep: string; change: string }[]).filter((c) => c.rep === 'Maya Cohen');
    expect(report.customers.map((c: { customerId: string }) => c.customerId)).toEqual(mayas.map((c) => c.customerId));
    const counts = report.changes.counts as Record<string, number>;
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(mayas.length);
    expect(counts['new-at-risk']).toBe(mayas.filter((c) => c.change === 'new-at-risk').length);
    expect(report.summary.customersAnalysed).toBe(mayas.length);
  });

  it('--rep naming no customer warns, naming the book\'s reps', () => {
    const run = runChurn([...BOOK, '--as-of', '2026-10-31', '--rep', 'Maya Coen', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('churn: warning: no customer has rep "Maya Coen"; its reps: "Dana Levi", "Maya Cohen", "Omer Katz", "Yossi Ben-David"\n');
  });

  it('--fail-on new stops on a customer gone straight from low to lapsed', () => {
    const book = join(dir, 'straight-to-lapsed.csv');
    const lines = ['customer,date,amount'];
    // A weekly buyer through 2026-03-31, then silence; 25 steady weekly buyers throughout.
    for (let week = 0; week < 120; week++) {
      const day = new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10);
      if (day <= '2026-03-31') lines.push(`STOPS,${day},100`);
      for (let k = 0; k < 25; k++) lines.push(`S${k},${day},${100 + k}`);
    }
    writeFileSync(book, `${lines.join('\n')}\n`);
    const then = join(dir, 'then.json');
    expect(runChurn(['report', book, '--as-of', '2026-03-31', '--format', 'json', '--all', '-o', then]).status).toBe(0);
    expect(JSON.parse(readFileSync(then, 'utf8')).customers.find((c: { customerId: string }) => c.customerId === 'STOPS').riskLevel).toBe('low');
    const now = runChurn(['report', book, '--as-of', '2026-07-31', '--format', 'json', '--all', '--previous', then, '--fail-on', 'new']);
    const stops = JSON.parse(now.stdout).customers.find((c: { customerId: string }) => c.customerId === 'STOPS');
    expect([stops.status, stops.change, stops.previousRiskLevel]).toEqual(['lapsed', 'gone', 'low']);
    expect(now.status).toBe(1);
  });

  it('a previous file that is not a churn report is a clear error', () => {
    const notReport = join(dir, 'other.json');
    writeFileSync(notReport, '{"hello": 1}');
    const run = runChurn([...BOOK, '--previous', notReport]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a churn report');
  });
});

describe('-o to a device', () => {
  it('writes through /dev/null in place instead of renaming a file over it', () => {
    const run = runChurn([...BOOK, '-o', '/dev/null']);
    expect(run.status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

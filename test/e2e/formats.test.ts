import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../src/report/csv-report.js';
import { DEMO_COMPLAINTS, DEMO_ORDERS, expectGolden, ROOT, runChurn } from '../support/run-churn.js';

const BASE = ['report', DEMO_ORDERS, '--complaints', DEMO_COMPLAINTS, '--as-of', '2026-10-31', '--currency', 'ILS', '--top', '5'];

describe('report formats (golden files)', () => {
  it.each([
    ['ndjson', 'demo-report.ndjson'],
    ['csv', 'demo-report.csv'],
    ['markdown', 'demo-report.md'],
  ])('--format %s', (format, golden) => {
    const run = runChurn([...BASE, '--format', format]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectGolden(run.stdout, golden);
  });

  it('ndjson has one customer object per line, the same as the JSON customers', () => {
    const ndjson = runChurn([...BASE, '--format', 'ndjson']).stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    const json = JSON.parse(runChurn([...BASE, '--format', 'json']).stdout);
    expect(ndjson).toEqual(json.customers);
  });

  it('the JSON, written a customer at a time, is JSON.stringify of the whole document: with customers and with none', () => {
    for (const args of [
      [...BASE, '--format', 'json', '--all'],
      [...BASE, '--format', 'json', '--rep', 'nobody by this name'],
      ['report', 'fixtures/demo-il/orders.csv', '--as-of', '2026-10-31', '--format', 'json', '--all'],
    ]) {
      const run = runChurn(args);
      // A rep no customer has is warned about (nobody-by-this-name's book is empty).
      expect(run.stderr).toBe(args.includes('--rep') ? 'churn: warning: no customer has rep "nobody by this name"; its reps: "Dana Levi", "Maya Cohen", "Omer Katz", "Yossi Ben-David"\n' : '');
      expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
    }
    expect(JSON.parse(runChurn([...BASE, '--format', 'json', '--rep', 'nobody by this name']).stdout).customers).toEqual([]);
  });

  it('csv opens in Excel: BOM, CRLF, Hebrew intact', () => {
    const run = runChurn(['report', 'fixtures/demo-il/orders.csv', '--as-of', '2026-10-31', '--top', '3', '--format', 'csv']);
    expect(run.stdout.startsWith('\uFEFFrank,customer_id,name,rep,')).toBe(true);
    expect(run.stdout.split('\r\n')).toHaveLength(5);
    expect(run.stdout).toMatch(/בע""מ/);
  });

  it('the table groups by rep with totals, and filters to one rep', () => {
    expectGolden(runChurn([...BASE, '--by', 'rep', '--segment']).stdout, 'demo-report-by-rep.txt');
    const dana = JSON.parse(runChurn([...BASE, '--rep', 'dana levi', '--format', 'json', '--all']).stdout);
    // Named as the export writes it, whatever the case --rep was given in.
    expect(dana.rep).toBe('Dana Levi');
    expect(dana.customers.length).toBeGreaterThan(0);
    expect(dana.customers.every((c: { rep: string }) => c.rep === 'Dana Levi')).toBe(true);
    expect(dana.summary.customersAnalysed).toBe(dana.customers.length);
  });

  it('segments: protect is high risk and large, strategic large and low risk', () => {
    const report = JSON.parse(runChurn([...BASE, '--format', 'json', '--all', '--segment']).stdout);
    const customers: { riskLevel: string; segment: string | null; annualRevenue: number }[] = report.customers;
    const revenues = customers.map((c) => c.annualRevenue).sort((a, b) => a - b);
    const large = revenues[Math.floor(revenues.length * 0.8)] ?? 0;
    for (const c of customers) {
      if (c.segment === 'protect') expect(c.riskLevel === 'high' && c.annualRevenue >= large * 0.99).toBe(true);
      if (c.segment === 'strategic') expect(c.riskLevel).toBe('low');
      if (c.segment === 'watch') expect(c.riskLevel).not.toBe('low');
    }
    expect(new Set(customers.map((c) => c.segment))).toEqual(new Set(['protect', 'strategic', 'watch', 'grow', null]));
  });
});

describe('formula injection in CSV', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+972-3-555', `'+972-3-555`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['Plain Name', 'Plain Name'],
    ['a=b', 'a=b'],
  ])('%j -> %j', (text, safe) => {
    expect(neutralizeFormula(text)).toBe(safe);
  });

  it('a customer named like a formula comes out as text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-csv-'));
    const path = join(dir, 'evil.csv');
    writeFileSync(path, 'customer,name,date,amount\n=1+1,"=HYPERLINK(""http://evil"")",2025-01-01,5\n=1+1,"=HYPERLINK(""http://evil"")",2025-02-01,5\n');
    const run = runChurn(['report', path, '--format', 'csv', '--all']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`'=1+1,"'=HYPERLINK(""http://evil"")"`);
  });
});

describe('line breaks in CSV cells', () => {
  it('a name written over two lines (LF or CR) stays one quoted cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-csv-'));
    const path = join(dir, 'two-line-names.csv');
    writeFileSync(path, 'customer,name,date,amount\nC1,"Acme\nLtd",2025-01-01,5\nC1,"Acme\nLtd",2025-02-01,5\nC2,"Beta\rInc",2025-01-01,5\nC2,"Beta\rInc",2025-02-01,5\n');
    const run = runChurn(['report', path, '--format', 'csv', '--all', '--as-of', '2025-03-01']);
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\r\n');
    // Header, two customers and the empty string after the last CR LF: no row broken at the names.
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^1,C\d,"(Acme\nLtd|Beta\rInc)",/);
    expect(rows[2]).toMatch(/^2,C\d,"(Acme\nLtd|Beta\rInc)",/);
  });
});

describe('terminal manners', () => {
  it('colour only when asked: FORCE_COLOR on, NO_COLOR and --no-color off', () => {
    const esc = '\u001b[';
    expect(runChurn(BASE, { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(runChurn(BASE, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(runChurn([...BASE, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(runChurn(BASE, { env: { NO_COLOR: '' } }).stdout).not.toContain(esc);
  });

  it('fits the width it is given (COLUMNS), wrapping long reasons', () => {
    const lines = runChurn(BASE, { env: { COLUMNS: '100' } }).stdout.split('\n').slice(1, -2);
    expect(Math.max(...lines.map((line) => [...line].length))).toBe(100);
  });

  it('churn report | head exits 0 quietly', () => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; node bin/churn.js report ${DEMO_ORDERS} --all --format ndjson | head -1 > /dev/null`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('--quiet drops the rejected-row lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-quiet-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'customer,date,amount\nA,2025-01-01,5\nA,nope,5\n');
    expect(runChurn(['report', path]).stderr).toContain(':3:');
    expect(runChurn(['report', path, '--quiet']).stderr).toBe('');
  });
});

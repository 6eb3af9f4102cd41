import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChurn } from '../support/run-churn.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-errors-'));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every user error: exit 2, one line on stderr naming the file, no stack trace, nothing on stdout. */
function expectOneLineError(run: ReturnType<typeof runChurn>, ...fragments: string[]): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(run.stderr).toContain(fragment);
}

describe('churn report user errors', () => {
  it('a missing file', () => {
    expectOneLineError(runChurn(['report', join(dir, 'nope.csv')]), 'nope.csv: no such file');
  });

  it('a missing required column lists the headers and the --map fix', () => {
    const path = csv('no-customer.csv', 'Client Ref,Date,Amount\nA,2025-01-01,5\n');
    expectOneLineError(
      runChurn(['report', path]),
      `${path}:1: no column for "customer"`,
      'Headers found: "Client Ref", "Date", "Amount"',
      '--map customer="Client Ref"',
    );
  });

  it('--map names a column; a wrong --map header is an error', () => {
    const path = csv('mapped.csv', 'Cust Ref,When,Net Value\nA,2025-01-01,5\nA,2025-02-01,5\n');
    const ok = runChurn(['report', path, '--map', 'customer=Cust Ref', '--map', 'date=When', '--map', 'amount=Net Value', '--all', '--format', 'json']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).customers[0].customerId).toBe('A');
    expectOneLineError(runChurn(['report', path, '--map', 'customer=Nope']), '--map customer="Nope": no such header');
  });

  it('an unreadable (ambiguous) date format asks for --date-format', () => {
    const path = csv('ambiguous.csv', 'customer,date,amount\nA,01/02/2025,5\nA,03/04/2025,5\n');
    expectOneLineError(runChurn(['report', path]), 'ambiguous.csv', '--date-format dd/mm/yyyy');
    const settled = runChurn(['report', path, '--date-format', 'dd/mm/yyyy', '--all', '--format', 'json']);
    expect(settled.status).toBe(0);
    expect(JSON.parse(settled.stdout).asOf).toBe('2025-04-03');
  });

  it('a bad --as-of is a usage error', () => {
    const run = runChurn(['report', csv('ok.csv', 'customer,date,amount\nA,2025-01-01,5\n'), '--as-of', '31/10/2026']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('YYYY-MM-DD');
  });

  it('bad rows are skipped, counted and shown as file:line: reason', () => {
    const path = csv('bad-rows.csv', 'customer,date,amount\nA,2025-01-02,10\nA,2025-13-45,10\n,2025-01-03,5\nA,2025-01-05,abc\n');
    const run = runChurn(['report', path, '--format', 'json', '--all']);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      `churn: ${path}:3: date "2025-13-45": not a date in a layout the tool reads`,
      `churn: ${path}:4: customer: no customer id`,
      `churn: ${path}:5: amount "abc": not an amount`,
      `churn: ${path}: 3 of 4 rows skipped (1 not an amount, 1 not a date in a layout the tool reads, 1 no customer id)`,
      '',
    ]);
    const orders = JSON.parse(run.stdout).inputs.orders;
    expect(orders).toMatchObject({ rowsRead: 4, rowsUsed: 1, rowsRejected: 3, rowsAfterAsOf: 0 });
    expect(orders.rejected).toEqual({ bad_amount: 1, bad_date: 1, missing_customer: 1 });
  });

  it('--strict makes any bad row fatal', () => {
    const path = csv('strict.csv', 'customer,date,amount\nA,2025-01-02,10\nA,2025-01-03,x\n');
    const run = runChurn(['report', path, '--strict']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path}:3: amount "x": not an amount`);
    expect(run.stderr).toContain('--strict: 1 row(s) rejected');
  });

  it('ragged rows: a few are skipped, many stop the run', () => {
    const good = Array.from({ length: 40 }, (_, i) => `A,2025-01-${String(1 + (i % 28)).padStart(2, '0')},5`);
    const few = csv('few-ragged.csv', `customer,date,amount\n${good.join('\n')}\nA,2025-02-01,5,oops\n`);
    const skipped = runChurn(['report', few]);
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toContain(`${few}:42:`);
    const many = csv('many-ragged.csv', `customer,date,amount\n${good.slice(0, 10).join('\n')}\nA,2025-02-01,5,7\nA,2025-02-02,5,7\nA,2025-02-03,5,7\n`);
    expectOneLineError(runChurn(['report', many]), `${many}:12: 3 of 13 rows have more fields than the header`);
  });

  it('an unknown option is a usage error (exit 2)', () => {
    expect(runChurn(['report', 'x.csv', '--bogus']).status).toBe(2);
  });

  it('every row rejected: the first reject is named, with --as-of as without', () => {
    const path = csv('no-amounts.csv', 'customer,date,amount\nA,2025-01-01,\nA,2025-02-01,\n');
    for (const asOf of [[], ['--as-of', '2025-12-31']]) {
      expectOneLineError(runChurn(['report', path, ...asOf]), `${path}:2: no usable order rows: all 2 rows were rejected, the first (missing_amount)`);
    }
  });

  it('-o naming a folder is a user error, not an internal one', () => {
    const path = csv('fine.csv', 'customer,date,amount\nA,2025-01-01,5\nA,2025-02-01,5\n');
    expectOneLineError(runChurn(['report', path, '--format', 'json', '-o', dir]), `${dir}: cannot write the report: this is a folder`);
  });
});

describe('the default as-of', () => {
  it('is the latest order line, a return after the last sale included', () => {
    const path = csv('late-return.csv', 'customer,date,amount\nA,2025-01-10,100\nA,2025-02-10,100\nA,2025-03-10,100\nA,2025-03-20,-40\nB,2025-03-25,-10\nB,2025-01-25,60\n');
    const run = runChurn(['report', path, '--format', 'json', '--all']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.asOf).toBe('2025-03-25');
    expect(report.inputs.orders).toMatchObject({ rowsRead: 6, rowsUsed: 6, rowsAfterAsOf: 0 });
  });
});

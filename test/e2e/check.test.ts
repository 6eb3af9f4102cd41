import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChurn } from '../support/run-churn.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-check-'));
function csv(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('churn check', () => {
  it('exits 0 and lists rejects with their lines when the export is usable', () => {
    const path = csv('some-bad.csv', 'customer;date;amount;notes\nA;01/02/2025;1.234,50;x\nA;13/02/2025;12,50;\nB;;5;\n');
    const run = runChurn(['check', path]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('delimiter   semicolon');
    expect(run.stdout).toContain('dates       dd/mm/yyyy (column "date")');
    expect(run.stdout).toContain('numbers     1.234,50');
    expect(run.stdout).toContain('ignored     "notes"');
    expect(run.stdout).toContain('rows        3 read, 2 usable, 1 rejected');
    expect(run.stdout).toContain(`${path}:4: date: no date`);
    expect(run.stdout).toContain('OK: usable.');
  });

  it('exits 2 and suggests the exact --map when a required column is missing', () => {
    const path = csv('no-date.csv', 'Customer,Posted On,Amount\nA,2025-01-01,5\n');
    const run = runChurn(['check', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`churn: ${path}:1: no column for "date". Headers found: "Customer", "Posted On", "Amount". Name it with --map date="Posted On"\n`);
  });

  it('suggests a header holding a double quote single-quoted, as a shell needs it', () => {
    const path = csv('gershayim.csv', 'מספר לקוח,תאריך,סה"כ לשורה\nA,2025-01-01,5\n');
    const run = runChurn(['check', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`churn: ${path}:1: no column for "amount". Headers found: "מספר לקוח", "תאריך", "סה"כ לשורה". Name it with --map 'amount=סה"כ לשורה'\n`);
  });

  it('a header row split by the wrong --delimiter into one cell asks for --delimiter, not a --map of the whole row', () => {
    const path = csv('semicolons.csv', 'Customer ID;Order Date;Amount\nA;2025-01-01;5\n');
    const run = runChurn(['check', path, '--delimiter', 'comma']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `churn: ${path}:1: no column for "customer". Headers found: "Customer ID;Order Date;Amount". The header row is one cell: the delimiter looks like semicolon, not comma; pass --delimiter semicolon\n`,
    );
    expect(runChurn(['check', path, '--delimiter', 'semicolon']).status).toBe(0);
  });

  it('reads headers and values behind direction marks', () => {
    const marked = runChurn(['check', csv('rlm.csv', '\u200fלקוח,\u200fתאריך,\u200fסכום\n\u200fC5,\u200f2025-01-05,\u200f100\nC5,2025-02-05\u200e,100\n')]);
    expect(marked.status).toBe(0);
    expect(marked.stdout).toContain('columns     customer     <- "לקוח"');
    expect(marked.stdout).toContain('rows        2 read, 2 usable, 0 rejected\n  customers   1\n  date range  2025-01-05 .. 2025-02-05');
  });

  it('a bare Customer header beside Customer No is the name', () => {
    const multi = runChurn(['check', csv('multi.csv', 'Customer,Customer No,Due Date,Invoice Date,VAT,Amount incl. VAT,Net Amount\nAcme Ltd,C1,2025-03-05,2025-02-05,17,117,100\n')]);
    expect(multi.status).toBe(0);
    expect(multi.stdout).toContain('columns     customerName <- "Customer"\n              customer     <- "Customer No"\n              date         <- "Invoice Date"\n              amount       <- "Net Amount"');
  });

  it('exits 2 when the dates cannot be read, and says how to settle them', () => {
    const path = csv('ambiguous.csv', 'customer,date,amount\nA,01/02/2025,5\n');
    const run = runChurn(['check', path]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('--date-format dd/mm/yyyy');
    expect(run.stdout).toContain('NOT USABLE');
  });

  it('prints JSON with --format json', () => {
    const path = csv('ok.csv', 'customer,date,amount\nA,2025-01-01,5\nB,2025-01-03,7\n');
    const run = runChurn(['check', path, '--format', 'json']);
    expect(run.status).toBe(0);
    const [orders] = JSON.parse(run.stdout).inputs;
    expect(orders).toMatchObject({ usable: true, customers: 2, firstDate: '2025-01-01', lastDate: '2025-01-03', rowsUsable: 2 });
  });
});

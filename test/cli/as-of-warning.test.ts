import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/ingest/day.js';
import { futureAsOfWarning } from '../../src/report/as-of-warning.js';
import { IN_PROCESS_TODAY, runInProcess } from '../support/in-process.js';

const day = (text: string) => parseIsoDay(text) as number;

describe('futureAsOfWarning', () => {
  const today = day('2026-11-24');
  it('is quiet up to 90 days after today', () => {
    expect(futureAsOfWarning({ asOf: day('2026-11-24'), today, file: 'o.csv', line: 9 })).toBeUndefined();
    expect(futureAsOfWarning({ asOf: today + 90, today, file: 'o.csv', line: 9 })).toBeUndefined();
  });
  it('names the row, the date and the fix past that', () => {
    expect(futureAsOfWarning({ asOf: today + 91, today, file: 'o.csv', line: 9 })).toBe(
      'o.csv:9: warning: the latest order date, 2027-02-23, is after today (2026-11-24) and sets the as-of date. Fix that row, or pass --as-of YYYY-MM-DD',
    );
    expect(futureAsOfWarning({ asOf: day('2205-03-06'), today, file: 'o.csv', line: undefined })).toMatch(/^o\.csv: warning: the latest order date, 2205-03-06,/);
  });
});

describe('a mistyped year in the export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'churn-future-'));
  const path = join(dir, 'typo.csv');
  writeFileSync(path, 'customer,date,amount\nC1,15/01/2025,100\nC1,15/02/2025,100\nC1,06/03/2205,100\nC1,15/03/2025,100\n');

  it('warns when it sets the default as-of, naming its line', async () => {
    expect(IN_PROCESS_TODAY).toBe(day('2026-11-24'));
    const run = await runInProcess(['report', path, '--format', 'json', '--all']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`churn: ${path}:4: warning: the latest order date, 2205-03-06, is after today (2026-11-24) and sets the as-of date. Fix that row, or pass --as-of YYYY-MM-DD\n`);
    expect(JSON.parse(run.stdout).asOf).toBe('2205-03-06');
  });

  it('says nothing when --as-of is given', async () => {
    const run = await runInProcess(['report', path, '--format', 'json', '--all', '--as-of', '2025-03-31']);
    expect(run.stderr).toBe('');
  });
});

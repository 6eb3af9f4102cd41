import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process.js';
import { malformedExport } from '../support/malformed-corpus.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

/**
 * A seeded fuzz run over 1,200 malformed exports built from the demo book: truncations, random
 * bytes, mixed encodings, wrong delimiters, stray quotes, huge fields, shuffled headers. Each must
 * end in exit 0 or 2 with no stack trace, and any complaint about a row must name its line.
 */
const CASES = 1200;
const dir = mkdtempSync(join(tmpdir(), 'churn-fuzz-'));
const demoLines = readFileSync(join(ROOT, DEMO_ORDERS), 'utf8').split('\n').slice(0, 120);

function lineFree(message: string): boolean {
  return /no such file|empty|binary|no header|no column|duplicate header|could be day-first|no order rows|is not a|--map/.test(message);
}

describe('fuzz: malformed exports never crash or hang', () => {
  it(`${CASES} seeded cases end in exit 0 or 2, without a stack trace`, async () => {
    const outcomes: Record<string, number> = {};
    for (let seed = 0; seed < CASES; seed++) {
      const { name, input } = malformedExport(seed, demoLines);
      const path = join(dir, `case-${seed}.csv`);
      writeFileSync(path, input);
      const run = await runInProcess(['report', path, '--format', 'json', '--all']);
      const context = `seed ${seed} (${name}): ${run.stderr.slice(0, 300)}`;
      expect([0, 2], context).toContain(run.code);
      expect(run.stderr, context).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/);
      for (const line of run.stderr.split('\n').filter((l) => l !== '')) {
        expect(line.startsWith('churn: '), context).toBe(true);
        // A message about a row names its line: `file:LINE:`.
        if (!lineFree(line) && !/rows skipped/.test(line)) expect(line, context).toMatch(/:\d+: /);
      }
      if (run.code === 0) JSON.parse(run.stdout);
      outcomes[`${name}:${run.code}`] = (outcomes[`${name}:${run.code}`] ?? 0) + 1;
    }
    if (process.env.FUZZ_VERBOSE) console.log(outcomes);
    // Both outcomes occur, so the corpus really exercises the error paths and the happy path.
    expect(Object.keys(outcomes).some((key) => key.endsWith(':0'))).toBe(true);
    expect(Object.keys(outcomes).some((key) => key.endsWith(':2'))).toBe(true);
  }, 300_000);
});

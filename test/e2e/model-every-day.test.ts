import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

/**
 * The demo book's customers seldom drop out, so its BG/NBD fit ends on the dropout ridge or stalls
 * in floating point on many days: those days once lost the model (no pAlive, a score term gone),
 * and a nightly job's scores and change marks flipped from one night to the next.
 */
describe('the model on every night of the demo book', () => {
  it.each(['2026-09-15', '2026-10-17', '2026-10-21', '2026-10-29', '2026-10-31'])('as of %s every repeat customer has model numbers', async (asOf) => {
    const run = await runInProcess(['report', join(ROOT, DEMO_ORDERS), '--as-of', asOf, '--all', '--format', 'json', '--quiet']);
    expect(run.code).toBe(0);
    const customers = (JSON.parse(run.stdout) as { customers: Array<{ orderDays: number; pAlive?: number }> }).customers;
    const repeat = customers.filter((customer) => customer.orderDays > 1);
    expect(repeat.length).toBeGreaterThan(40);
    expect(repeat.every((customer) => typeof customer.pAlive === 'number')).toBe(true);
  });
});

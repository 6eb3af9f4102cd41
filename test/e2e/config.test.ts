import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

const dir = mkdtempSync(join(tmpdir(), 'churn-config-'));
const orders = join(ROOT, DEMO_ORDERS);
const ilOrders = join(ROOT, 'fixtures', 'demo-il', 'orders.csv');

function config(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

describe('config file', () => {
  it('defaults < config < flags', async () => {
    const path = config('top3.json', { format: 'json', top: 3, currency: 'EUR', thresholds: { high: 90, medium: 50 } });
    const fromConfig = JSON.parse((await runInProcess(['report', orders, '--as-of', '2026-10-31', '--config', path])).stdout);
    expect(fromConfig.currency).toBe('EUR');
    expect(fromConfig.customers).toHaveLength(3);
    expect(fromConfig.customers.every((c: { riskLevel: string; riskScore: number }) => (c.riskScore >= 90) === (c.riskLevel === 'high'))).toBe(true);
    const flags = await runInProcess(['report', orders, '--as-of', '2026-10-31', '--config', path, '--top', '2', '--currency', 'USD', '--format', 'json']);
    const fromFlags = JSON.parse(flags.stdout);
    expect([fromFlags.currency, fromFlags.customers.length]).toEqual(['USD', 2]);
    const table = await runInProcess(['report', orders, '--as-of', '2026-10-31', '--config', path, '--format', 'table']);
    expect(table.stdout.startsWith('Customers at risk')).toBe(true);
  });

  it('weights from the config change the score', async () => {
    const path = config('weights.json', { weights: { split_purchasing: 0.1 } });
    const report = JSON.parse((await runInProcess(['report', orders, '--as-of', '2026-10-31', '--config', path, '--format', 'json', '--all'])).stdout);
    const plain = JSON.parse((await runInProcess(['report', orders, '--as-of', '2026-10-31', '--format', 'json', '--all'])).stdout);
    const score = (r: { customers: { customerId: string; riskScore: number }[] }, id: string) => r.customers.find((c) => c.customerId === id)?.riskScore;
    const splitter = plain.customers.find((c: { signals: { id: string }[] }) => c.signals[0]?.id === 'split_purchasing').customerId;
    expect(score(report, splitter)).toBeLessThan(score(plain, splitter) as number);
  });

  it.each([
    [{ weights: { volume_decline: 'high' } }, '"weights.volume_decline": expected a number from 0 to 1, got "high"'],
    [{ orders: { mapp: {} } }, '"orders.mapp": expected a known key'],
    [{ orders: { map: { client: 'X' } } }, '"orders.map.client": expected a known key'],
    [{ thresholds: { high: 30, medium: 50 } }, '"thresholds.medium": expected a score no higher than thresholds.high (30)'],
    [{ format: 'xml' }, '"format": expected one of "table", "json", "ndjson", "csv", "markdown", got "xml"'],
    ['{ "top": 5, }', 'is not valid JSON'],
  ])('rejects %j with the key path and the expected value', async (data, message) => {
    const run = await runInProcess(['report', orders, '--config', config('bad.json', data)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a missing --config file is an error; a missing churn.config.json is not', async () => {
    expect((await runInProcess(['report', orders, '--config', join(dir, 'nope.json')])).code).toBe(2);
    expect((await runInProcess(['report', orders])).code).toBe(0);
  });

  it('churn init writes a config that reads the Hebrew export the same way', async () => {
    const path = join(dir, 'churn.config.json');
    const init = await runInProcess(['init', ilOrders, '-o', path]);
    expect(init.code).toBe(0);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.orders).toMatchObject({ dateFormat: 'dd/mm/yyyy', encoding: 'windows-1255', delimiter: 'semicolon', decimalComma: false });
    expect(written.orders.map.customer).toBe('מספר לקוח');
    expect((await runInProcess(['init', ilOrders, '-o', path])).code).toBe(2);
    expect((await runInProcess(['init', ilOrders, '-o', path, '--force'])).code).toBe(0);
    const withConfig = await runInProcess(['report', ilOrders, '--config', path, '--as-of', '2026-10-31', '--format', 'json', '--all']);
    const without = await runInProcess(['report', ilOrders, '--as-of', '2026-10-31', '--format', 'json', '--all']);
    expect(JSON.parse(withConfig.stdout).customers).toEqual(JSON.parse(without.stdout).customers);
  });
});

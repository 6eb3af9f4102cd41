import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO = join('fixtures', 'demo');
export const DEMO_ORDERS = join(DEMO, 'orders.csv');
export const DEMO_COMPLAINTS = join(DEMO, 'complaints.csv');

export interface ChurnRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built binary (`npm test` builds first) from the project root, without colour. */
export function runChurn(args: readonly string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): ChurnRun {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'churn.js'), ...args], {
    cwd: ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compare with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites it instead. */
export function expectGolden(actual: string, name: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) throw new Error(`golden file ${name} is missing`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

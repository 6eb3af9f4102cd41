import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtModuleUrl } from '../../src/ingest/built-module-url.js';
import { ROOT } from '../support/run-churn.js';

describe('builtModuleUrl', () => {
  it('finds a module by its path under the root this module is one folder under (the sources, here)', () => {
    expect(fileURLToPath(builtModuleUrl('history/book-ledger.js'))).toBe(join(ROOT, 'src', 'history', 'book-ledger.js'));
    expect(fileURLToPath(builtModuleUrl('ingest/scan-worker.js'))).toBe(join(ROOT, 'src', 'ingest', 'scan-worker.js'));
  });
});

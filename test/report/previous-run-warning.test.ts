import { describe, expect, it } from 'vitest';
import { previousRunWarning } from '../../src/report/previous-run-warning.js';

describe('previousRunWarning', () => {
  it('is quiet for a previous run as of the same day or before, and warns for a later one', () => {
    const day = 20757; // 2026-10-31
    expect(previousRunWarning({ file: 'last.json', asOf: '2026-10-31' }, day)).toBeUndefined();
    expect(previousRunWarning({ file: 'last.json', asOf: '2026-08-31' }, day)).toBeUndefined();
    expect(previousRunWarning({ file: 'last.json', asOf: '2026-11-01' }, day)).toBe(
      "last.json: warning: the previous report is as of 2026-11-01, after this run's 2026-10-31: its changes run backwards",
    );
  });
});

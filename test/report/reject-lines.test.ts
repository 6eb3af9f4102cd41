import { describe, expect, it } from 'vitest';
import { describeReject } from '../../src/report/reject-lines.js';

describe('describeReject', () => {
  it.each([
    [{ field: 'Amount', value: 'n/a' }, 'o.csv:7: Amount "n/a": not an amount'],
    [{ field: 'Amount', value: undefined }, 'o.csv:7: Amount: not an amount'],
    [{ field: undefined, value: '6 fields, header has 5' }, 'o.csv:7: "6 fields, header has 5": not an amount'],
    [{ field: undefined, value: undefined }, 'o.csv:7: not an amount'],
  ])('%j', ({ field, value }, line) => {
    expect(describeReject({ file: 'o.csv', line: 7, reason: 'bad_amount', field, value })).toBe(line);
  });
});

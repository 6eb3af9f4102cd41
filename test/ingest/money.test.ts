import { describe, expect, it } from 'vitest';
import { detectDecimalMark, parseMoney } from '../../src/ingest/money.js';

describe('parseMoney', () => {
  it.each([
    ['1,234.50', '.', 1234.5, undefined],
    ['₪1,234.50', '.', 1234.5, 'ILS'],
    ['1.234,50 €', ',', 1234.5, 'EUR'],
    ['123-', '.', -123, undefined],
    ['(12.00)', '.', -12, undefined],
    ['-12', '.', -12, undefined],
    ['USD 99', '.', 99, 'USD'],
    ['NIS 1,000', '.', 1000, 'ILS'],
    ['US$5', '.', 5, 'USD'],
    ['us$ 1,200.50', '.', 1200.5, 'USD'],
    // Direction marks of every kind, as Hebrew exports put them around numbers and signs.
    ['\u200f100', '.', 100, undefined],
    ['\u061c-12.50', '.', -12.5, undefined],
    ['\u202a1,234.50\u202c', '.', 1234.5, undefined],
    ['\u2067\u20aa\u2069 99', '.', 99, 'ILS'],
    ['12.50\u200e-', '.', -12.5, undefined],
  ] as const)('reads %s', (raw, mark, value, currency) => {
    expect(parseMoney(raw, mark)).toEqual({ value, currency });
  });

  it.each(['', 'abc', '1,23,4', '12.3.4', '--'])('rejects %j', (raw) => {
    expect(parseMoney(raw, '.')).toBeUndefined();
  });
});

describe('detectDecimalMark', () => {
  it('needs a decisive value', () => {
    expect(detectDecimalMark(['1,234', '5'])).toBeUndefined();
    expect(detectDecimalMark(['1.234,50', '12'])).toBe(',');
    expect(detectDecimalMark(['1,234.50'])).toBe('.');
    expect(detectDecimalMark(['12,5'])).toBe(',');
  });
});

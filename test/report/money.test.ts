import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/report/money.js';

describe('formatMoney', () => {
  it.each([
    [950, 'ILS', '₪950'],
    [1234, 'ILS', '₪1.2k'],
    [48_400, 'USD', '$48k'],
    [1_249_000, 'EUR', '€1.2M'],
    [999_499_999, 'GBP', '£999M'],
    [999_500_000, 'ILS', '₪1B'],
    [3_420_000_000, 'ILS', '₪3.4B'],
    [547_800_000_000_000, 'ILS', '₪547800B'],
    [-12_500, undefined, '-13k'],
    [7, 'CHF', 'CHF 7'],
  ])('%d %s -> %s', (value, currency, text) => {
    expect(formatMoney(value, currency)).toBe(text);
  });
});

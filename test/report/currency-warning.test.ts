import { describe, expect, it } from 'vitest';
import { mixedCurrencyWarning } from '../../src/report/currency-warning.js';

describe('mixedCurrencyWarning', () => {
  it('is quiet for no currency mark or one', () => {
    expect(mixedCurrencyWarning('o.csv', [])).toBeUndefined();
    expect(mixedCurrencyWarning('o.csv', [{ code: 'ILS', firstLine: 2 }])).toBeUndefined();
  });
  it('names the line the second currency first appears on, and every other one', () => {
    expect(mixedCurrencyWarning('o.csv', [{ code: 'USD', firstLine: 3 }, { code: 'GBP', firstLine: 6 }, { code: 'ILS', firstLine: 8 }])).toBe(
      'o.csv:6: warning: amounts in more than one currency (USD, and GBP from line 6, ILS from line 8) are added as they are. Export one currency, or convert the amounts first',
    );
  });
});

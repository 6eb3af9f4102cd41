import { describe, expect, it } from 'vitest';
import { rankCustomers } from '../../src/scoring/rank-customers.js';
import type { RiskLevel, ScoredCustomer } from '../../src/scoring/score-customer.js';

function scored(customerId: string, riskLevel: RiskLevel, riskScore: number, valueAtRisk: number): ScoredCustomer {
  return {
    customerId,
    name: undefined,
    rep: undefined,
    riskScore,
    riskLevel,
    status: 'active',
    valueAtRisk,
    annualRevenue: 0,
    firstOrderDay: 0,
    lastOrderDay: 0,
    orderDays: 0,
    productLines: 0,
    revenueTrendPct: 0,
    signals: [],
  };
}

const ids = (customers: readonly ScoredCustomer[]) => customers.map((c) => c.customerId);

describe('rankCustomers', () => {
  const book = [
    scored('low-rich', 'low', 30, 9000), // low: after every medium or high, however much is at risk
    scored('medium-big', 'medium', 40, 5000),
    scored('high-small', 'high', 90, 1000),
    scored('high-mid', 'high', 70, 3000),
    scored('low-poor', 'low', 34, 100),
  ];

  it('puts medium and high first, then the rest, each by value at risk', () => {
    // medium and high are one tier: medium-big (5000) before high-mid (3000) before high-small (1000)
    expect(ids(rankCustomers(book, 'value'))).toEqual(['medium-big', 'high-mid', 'high-small', 'low-rich', 'low-poor']);
  });

  it('by score with --sort risk', () => {
    expect(ids(rankCustomers(book, 'risk'))).toEqual(['high-small', 'high-mid', 'medium-big', 'low-poor', 'low-rich']);
  });

  it('breaks ties by the other key, then by customer id in byte order', () => {
    const tied = [
      scored('b', 'high', 70, 500),
      scored('a', 'high', 80, 500), // same value, higher score
      scored('C10', 'high', 70, 500),
      scored('C9', 'high', 70, 500),
      scored('Z', 'high', 70, 600), // same score as b/C10/C9, more value
    ];
    // value: Z (600), then the 500s by score: a (80), then 'C10' < 'C9' < 'b' (uppercase before lowercase)
    expect(ids(rankCustomers(tied, 'value'))).toEqual(['Z', 'a', 'C10', 'C9', 'b']);
    // risk: a (80), then the 70s by value: Z (600), then C10, C9, b
    expect(ids(rankCustomers(tied, 'risk'))).toEqual(['a', 'Z', 'C10', 'C9', 'b']);
  });

  it('does not depend on the input order and does not change the input', () => {
    const reversed = [...book].reverse();
    const before = ids(reversed);
    expect(ids(rankCustomers(reversed, 'value'))).toEqual(ids(rankCustomers(book, 'value')));
    expect(ids(reversed)).toEqual(before);
  });
});

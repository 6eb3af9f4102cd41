import { describe, expect, it } from 'vitest';
import type { PreviousReport } from '../../src/ingest/read-previous-report.js';
import { isNewlyAtRisk, previousOfRep } from '../../src/scoring/change-since.js';
import { repKey } from '../../src/scoring/rep-totals.js';

describe('isNewlyAtRisk', () => {
  it.each([
    [{ change: 'new-at-risk', previousRiskLevel: null }, true],
    [{ change: 'new-at-risk', previousRiskLevel: 'low' }, true],
    [{ change: 'gone', previousRiskLevel: 'low' }, true],
    [{ change: 'gone', previousRiskLevel: null }, true],
    [{ change: 'gone', previousRiskLevel: 'medium' }, false],
    [{ change: 'gone', previousRiskLevel: 'high' }, false],
    [{ change: 'escalated', previousRiskLevel: 'medium' }, false],
    [{ change: 'unchanged', previousRiskLevel: 'high' }, false],
    [{ change: 'recovered', previousRiskLevel: 'high' }, false],
  ] as const)('%j -> %s', (change, newly) => {
    expect(isNewlyAtRisk(change)).toBe(newly);
  });
});

describe('previousOfRep', () => {
  const previous: PreviousReport = {
    file: 'last.json',
    asOf: '2026-08-31',
    complete: true,
    customers: new Map([
      ['C1', { riskLevel: 'high', status: 'at-risk', rep: 'Maya Cohen' }],
      ['C2', { riskLevel: 'low', status: 'active', rep: 'Dana Levi' }],
      ['C3', { riskLevel: 'medium', status: 'at-risk', rep: undefined }],
      ['C4', { riskLevel: 'low', status: 'active', rep: 'maya  cohen' }],
    ]),
  };
  it('keeps the customers the previous run gave the rep, matched as --rep matches', () => {
    expect([...previousOfRep(previous, ' Maya Cohen').customers.keys()]).toEqual(['C1', 'C4']);
    expect(previousOfRep(previous, 'Maya Cohen').asOf).toBe('2026-08-31');
  });
});

describe('repKey', () => {
  it.each([
    ['Maya Cohen', 'maya cohen'],
    ['  MAYA   Cohen ', 'maya cohen'],
    ['מאיה\tכהן', 'מאיה כהן'],
  ])('%j -> %j', (rep, key) => {
    expect(repKey(rep)).toBe(key);
  });
});

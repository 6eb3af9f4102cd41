import { describe, expect, it } from 'vitest';
import type { BgNbdParams } from '../../src/scoring/bg-nbd/bg-nbd-params.js';
import { pAlive } from '../../src/scoring/bg-nbd/p-alive.js';

const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('pAlive', () => {
  it('is exactly 1 for customers with no repeat purchase, however old (model property)', () => {
    for (const T of [0, 1, 38.86, 1000]) expect(pAlive(PAPER, { x: 0, tx: 0, T })).toBe(1);
    expect(pAlive({ r: 5, alpha: 0.1, a: 9, b: 0.1 }, { x: 0, tx: 0, T: 52 })).toBe(1);
  });

  it('matches eq. (13) evaluated with mpmath at 30 digits', () => {
    expect(pAlive(PAPER, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(0.726578570080672910677345936564, 13);
    expect(pAlive(PAPER, { x: 5, tx: 2, T: 38.86 })).toBeCloseTo(0.000364374518980311800954003533239, 15);
    const tiny = pAlive(PAPER, { x: 300, tx: 10, T: 38.86 });
    expect(Math.abs(tiny / 1.70267627462007631303247075315e-141 - 1)).toBeLessThan(1e-11);
  });

  it('is 1 / (1 + a/(b+x−1)) right after a purchase (tx = T)', () => {
    expect(pAlive(PAPER, { x: 3, tx: 20, T: 20 })).toBeCloseTo(1 / (1 + PAPER.a / (PAPER.b + 2)), 14);
  });

  it('decreases as T grows with x and tx fixed', () => {
    for (const x of [1, 2, 10]) {
      let previous = Number.POSITIVE_INFINITY;
      for (let T = 10; T <= 200; T += 5) {
        const p = pAlive(PAPER, { x, tx: 10, T });
        expect(p).toBeLessThan(previous);
        expect(p).toBeGreaterThanOrEqual(0);
        previous = p;
      }
    }
  });

  it('increases with a later last purchase (tx) and with more purchases at the same recency', () => {
    expect(pAlive(PAPER, { x: 4, tx: 30, T: 38.86 })).toBeGreaterThan(pAlive(PAPER, { x: 4, tx: 20, T: 38.86 }));
    // Frequent buyers are expected back sooner, so the same silence is worse news for them.
    expect(pAlive(PAPER, { x: 10, tx: 20, T: 38.86 })).toBeLessThan(pAlive(PAPER, { x: 2, tx: 20, T: 38.86 }));
  });

  it('gives 0, not NaN, after a very long silence of a very frequent buyer', () => {
    expect(pAlive(PAPER, { x: 5000, tx: 1, T: 1e6 })).toBe(0);
  });
});

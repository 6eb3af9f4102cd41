import { describe, expect, it } from 'vitest';
import { bytesToTake, readingRate, sharePolicy } from '../../src/ingest/share-policy.js';

const MB = 1024 * 1024;

describe('bytesToTake', () => {
  const share = { minBytes: 8 * MB, tailMs: 300 };

  it('leaves the other thread its tail time more than the taker, at equal rates', () => {
    // 100 MB left at 160 KB/ms each: (100 MB - 48,000 KB) / 2.
    const rate = 160 * 1024;
    const taken = bytesToTake(100 * MB, rate, rate, share);
    expect(taken).toBe(Math.floor((100 * MB - rate * 300) / 2));
    expect(taken / rate).toBeCloseTo((100 * MB - taken) / rate - 300, 3);
  });

  it('gives a faster taker more: both end the tail apart', () => {
    const taken = bytesToTake(100 * MB, 200_000, 100_000, share);
    expect(taken).toBe(Math.floor(((100 * MB - 100_000 * 300) * 200_000) / 300_000));
    expect(taken / 200_000).toBeCloseTo((100 * MB - taken) / 100_000 - 300, 3);
  });

  it('takes nothing under the minimum, with the tail longer than the rest, or before a rate is known', () => {
    expect(bytesToTake(60 * MB, 160 * 1024, 160 * 1024, share)).toBe(0);
    expect(bytesToTake(10 * MB, 160 * 1024, 160 * 1024, share)).toBe(0);
    expect(bytesToTake(100 * MB, undefined, 160 * 1024, share)).toBe(0);
    expect(bytesToTake(100 * MB, 160 * 1024, undefined, share)).toBe(0);
  });

  it('splits evenly with no tail', () => {
    expect(bytesToTake(4096, 7, 7, { minBytes: 1, tailMs: 0 })).toBe(2048);
  });
});

describe('readingRate', () => {
  it('is bytes a millisecond since the part started, undefined with no time or no bytes yet', () => {
    expect(readingRate({ start: 1000, since: 50 }, 201_000, 250)).toBe(1000);
    expect(readingRate({ start: 1000, since: 50 }, 201_000, 50)).toBeUndefined();
    expect(readingRate({ start: 1000, since: 50 }, 1000, 250)).toBeUndefined();
  });
});

describe('sharePolicy', () => {
  it('takes the options given, the defaults otherwise', () => {
    expect(sharePolicy({ shareMinBytes: 4096, shareTailMs: 0 })).toEqual({ minBytes: 4096, tailMs: 0 });
    expect(sharePolicy({})).toEqual({ minBytes: 8 * MB, tailMs: 300 });
  });
});

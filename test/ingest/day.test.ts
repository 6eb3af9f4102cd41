import { describe, expect, it } from 'vitest';
import { dayFromParts, formatDay, monthIndexOfDay, parseIsoDay } from '../../src/ingest/day.js';

describe('dayFromParts', () => {
  it.each([
    [1970, 1, 1, 0],
    [1970, 1, 2, 1],
    [1969, 12, 31, -1],
    [2000, 1, 1, 10957],
    [2000, 3, 1, 11017],
    [2024, 2, 29, 19782],
    [2025, 3, 7, 20154],
  ])('%i-%i-%i is day %i', (year, month, dayOfMonth, day) => {
    expect(dayFromParts(year, month, dayOfMonth)).toBe(day);
  });

  it.each([
    [2025, 2, 29],
    [2025, 2, 31],
    [2025, 4, 31],
    [2025, 13, 1],
    [2025, 0, 10],
    [2025, 1, 0],
    [1900, 2, 29],
  ])('%i-%i-%i does not exist', (year, month, dayOfMonth) => {
    expect(dayFromParts(year, month, dayOfMonth)).toBeUndefined();
  });
});

describe('formatDay', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [11017, '2000-03-01'],
    [19782, '2024-02-29'],
    [20154, '2025-03-07'],
  ])('day %i is %s', (day, text) => {
    expect(formatDay(day)).toBe(text);
  });
});

describe('parseIsoDay', () => {
  it.each([
    ['2025-03-07', 20154],
    [' 2025-03-07 ', 20154],
    ['2024-02-29', 19782],
    ['1970-01-01', 0],
  ])('reads %j', (text, day) => {
    expect(parseIsoDay(text)).toBe(day);
  });

  it.each([
    '2025-3-7',
    '2025/03/07',
    '07/03/2025',
    '20250307',
    '2025-03-07T10:00:00',
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoDay(text)).toBeUndefined();
  });

  it('round-trips with formatDay', () => {
    for (const text of ['1999-12-31', '2000-02-29', '2025-01-01', '2026-10-31']) {
      const day = parseIsoDay(text);
      expect(day).toBeTypeOf('number');
      expect(formatDay(day as number)).toBe(text);
    }
  });
});

describe('monthIndexOfDay', () => {
  it.each([
    [0, 1970 * 12],
    [30, 1970 * 12], // 1970-01-31
    [31, 1970 * 12 + 1], // 1970-02-01
    [-1, 1969 * 12 + 11],
    [20154, 2025 * 12 + 2],
    [19782, 2024 * 12 + 1],
  ])('day %i is month %i', (day, month) => {
    expect(monthIndexOfDay(day)).toBe(month);
  });

  it('consecutive months differ by one across a year end', () => {
    expect(monthIndexOfDay(parseIsoDay('2025-01-01') as number) - monthIndexOfDay(parseIsoDay('2024-12-31') as number)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { cleanField, stripBidiMarks } from '../../src/ingest/bidi-marks.js';

describe('stripBidiMarks', () => {
  it.each([
    ['\u200eC5', 'C5'],
    ['C5\u200f', 'C5'],
    ['\u061C100', '100'],
    ['\u202a\u202b\u202c\u202d\u202eX', 'X'],
    ['\u2066\u2067\u2068\u2069X', 'X'],
    ['\u05e9\u05dc\u05d5\u05dd \u200eLtd\u200e', '\u05e9\u05dc\u05d5\u05dd Ltd'],
    ['\u200f', ''],
  ])('drops every direction mark from %j', (raw, expected) => {
    expect(stripBidiMarks(raw)).toBe(expected);
  });

  it('leaves other invisible and Hebrew characters alone', () => {
    // Zero-width joiner and non-joiner, the BOM, a no-break space, gershayim: not direction marks.
    expect(stripBidiMarks('\u200cA\u200dB\ufeff\u00a0\u05f4')).toBe('\u200cA\u200dB\ufeff\u00a0\u05f4');
    expect(stripBidiMarks('C5')).toBe('C5');
  });
});

describe('cleanField', () => {
  it.each([
    ['  C5 ', 'C5'],
    ['\u200fC5', 'C5'],
    ['\u200f C5 \u200e', 'C5'],
    [' \u200f2025-01-05', '2025-01-05'],
    ['\u200f', ''],
    ['', ''],
  ])('%j reads as %j', (raw, expected) => {
    expect(cleanField(raw)).toBe(expected);
  });
});

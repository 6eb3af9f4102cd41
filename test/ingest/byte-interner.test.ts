import { describe, expect, it } from 'vitest';
import { ByteInterner, NOT_SEEN } from '../../src/ingest/byte-interner.js';

/** A buffer holding `text` at byte `offset`, and its view, as the scanner reads a field in a chunk. */
function placed(text: string, offset: number): { bytes: Uint8Array; view: DataView; start: number; end: number } {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(offset + encoded.length + 5).fill(0x2c);
  bytes.set(encoded, offset);
  return { bytes, view: new DataView(bytes.buffer), start: offset, end: offset + encoded.length };
}

describe('ByteInterner', () => {
  it('finds each key at any offset in the buffer, whatever its length (the four-byte reads and the bytes left over)', () => {
    const interner = new ByteInterner();
    const keys = Array.from({ length: 14 }, (_, length) => 'C0012345678901'.slice(0, length + 1));
    keys.forEach((key, value) => {
      const at = placed(key, 3);
      expect(interner.lookup(at.view, at.start, at.end)).toBe(NOT_SEEN);
      interner.insert(at.bytes, at.start, at.end, value);
    });
    for (let offset = 0; offset < 5; offset++) {
      keys.forEach((key, value) => {
        const at = placed(key, offset);
        expect(interner.lookup(at.view, at.start, at.end), `${key} at ${offset}`).toBe(value);
      });
    }
  });

  it('tells apart keys that differ in one byte, in the last word or past it, and prefixes', () => {
    const interner = new ByteInterner();
    const keys = ['2025-01-01', '2025-01-02', '2025-02-01', '2025-01-0', 'Dana Levi', 'Dana Lev', 'Dana Levj', 'ABCD', 'ABCE', 'ABC'];
    keys.forEach((key, value) => {
      const at = placed(key, value % 4);
      interner.insert(at.bytes, at.start, at.end, value);
    });
    keys.forEach((key, value) => {
      const at = placed(key, 1);
      expect(interner.lookup(at.view, at.start, at.end), key).toBe(value);
    });
    for (const unseen of ['2025-01-03', 'Dana Levi ', 'ABCF', 'AB']) {
      const at = placed(unseen, 2);
      expect(interner.lookup(at.view, at.start, at.end), unseen).toBe(NOT_SEEN);
    }
  });

  it('keeps every key through growth of its table and arena (thousands of ids)', () => {
    const interner = new ByteInterner();
    for (let n = 0; n < 5000; n++) {
      const at = placed(`C${String(n).padStart(6, '0')}`, n % 4);
      interner.insert(at.bytes, at.start, at.end, n);
    }
    for (let n = 4999; n >= 0; n -= 7) {
      const at = placed(`C${String(n).padStart(6, '0')}`, (n + 1) % 4);
      expect(interner.lookup(at.view, at.start, at.end)).toBe(n);
    }
    const at = placed('C005000', 0);
    expect(interner.lookup(at.view, at.start, at.end)).toBe(NOT_SEEN);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { SCAN_KERNEL_WASM } from '../../src/ingest/scan-kernel-wasm.js';
import { CUSTOMERS, DATE_TOKENS, LABELS, NOT_SEEN, ScanKernel } from '../../src/ingest/scan-kernel.js';

const WAT = fileURLToPath(new URL('../../src/ingest/scan-kernel.wat', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../src/ingest/scan-kernel-wasm.ts', import.meta.url));

/** The module as wabt assembles scan-kernel.wat, base64. */
async function assembled(): Promise<string> {
  const tools = await wabt();
  const module = tools.parseWat('scan-kernel.wat', readFileSync(WAT, 'utf8'), { simd: true });
  try {
    module.validate();
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

interface SplitLine {
  end: number;
  delimiters: number;
  fields: Array<[number, number]>;
}

/** `bytes` into the kernel's input, as a scan reads them there. */
function load(splitter: ScanKernel, bytes: Uint8Array): void {
  splitter.prepare(bytes.length);
  splitter.bytes.set(bytes, splitter.inputAt);
}

function kernel(fields = 2): ScanKernel {
  const made = ScanKernel.create(fields);
  if (made === undefined) throw new Error('no WebAssembly SIMD');
  return made;
}

/**
 * Every record the kernel gives for `text`, call after call, and where the unfinished last line
 * starts; positions as offsets in `text` (a field absent, 0, 0, stays so).
 */
function splitAll(text: string, fields: number, delimiter = ','): { lines: SplitLine[]; rest: number } {
  const splitter = kernel(fields);
  const bytes = Buffer.from(text, 'latin1');
  load(splitter, bytes);
  const at = splitter.inputAt;
  const offset = (position: number): number => (position === 0 ? 0 : position - at);
  const lines: SplitLine[] = [];
  let from = at;
  for (;;) {
    const count = splitter.split(from, at + bytes.length, delimiter.charCodeAt(0));
    for (let line = 0; line < count; line++) {
      const base = line * splitter.stride;
      const record = Array.from(splitter.records.subarray(base, base + splitter.stride));
      lines.push({
        end: offset(record[0] as number),
        delimiters: record[1] as number,
        fields: Array.from({ length: fields }, (_, k) => [offset(record[2 + 2 * k] as number), offset(record[3 + 2 * k] as number)]),
      });
    }
    if (count === 0) break;
    from = at + (lines.at(-1) as SplitLine).end + 1;
    if (count < ScanKernel.maxLinesPerCall) break;
  }
  return { lines, rest: from - at };
}

/** The same split by String.split: what the records must say. */
function expected(text: string, fields: number, delimiter = ','): { lines: SplitLine[]; rest: number } {
  const lines: SplitLine[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    const parts = text.slice(start, end).split(delimiter);
    const spans: Array<[number, number]> = [];
    let at = start;
    for (const part of parts) {
      spans.push([at, at + part.length]);
      at += part.length + 1;
    }
    lines.push({ end, delimiters: parts.length - 1, fields: parts.length <= fields ? Array.from({ length: fields }, (_, k) => spans[k] ?? [0, 0]) : spans.slice(0, 1) });
  }
  return { lines, rest: start };
}

/** Records compared where they are defined: an overlong line's fields are not. */
function comparable(split: { lines: SplitLine[]; rest: number }, fields: number): unknown {
  return { rest: split.rest, lines: split.lines.map((line) => (line.delimiters >= fields ? { end: line.end, delimiters: line.delimiters, start: line.fields[0]?.[0] } : line)) };
}

describe('ScanKernel', () => {
  it('is the module scan-kernel.wat assembles to', async () => {
    const module = await assembled();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(
        GENERATED,
        `// Generated from scan-kernel.wat by test/ingest/scan-kernel.test.ts (UPDATE_GOLDEN=1 npm test): do not edit.\nexport const SCAN_KERNEL_WASM =\n  '${module}';\n`,
      );
      return;
    }
    expect(SCAN_KERNEL_WASM).toBe(module);
  });

  it('gives each line its fields, absent ones as 0, 0', () => {
    const text = 'a,bb,ccc\n,,\nx\n\nlong field,y,z\nrest,of';
    expect(splitAll(text, 3)).toEqual({
      lines: [
        { end: 8, delimiters: 2, fields: [[0, 1], [2, 4], [5, 8]] },
        { end: 11, delimiters: 2, fields: [[9, 9], [10, 10], [11, 11]] },
        { end: 13, delimiters: 0, fields: [[12, 13], [0, 0], [0, 0]] },
        { end: 14, delimiters: 0, fields: [[14, 14], [0, 0], [0, 0]] },
        { end: 29, delimiters: 2, fields: [[15, 25], [26, 27], [28, 29]] },
      ],
      rest: 30,
    });
  });

  it('marks a line that ends in a carriage return (its last field ends before it), and one with a quote or another carriage return', () => {
    const { lines } = splitAll('a,b\r\n"a",b\na\rb,c\na,b\r\r\n\r\n', 2);
    expect(lines.map((line) => [line.delimiters.toString(16), line.fields[1]])).toEqual([
      ['20000001', [2, 3]],
      ['40000001', [9, 10]],
      ['40000001', [15, 16]],
      ['60000001', [19, 21]],
      ['20000000', [0, 0]],
    ]);
  });

  it('counts every delimiter of a line with too many, and keeps its start', () => {
    const { lines } = splitAll('a,b,c,d,e\nf,g\n', 2);
    expect(lines.map((line) => [line.end, line.delimiters, line.fields[0]?.[0]])).toEqual([
      [9, 4, 0],
      [13, 1, 10],
    ]);
  });

  it('agrees with String.split on seeded lines across block edges and calls', () => {
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (const delimiter of [',', ';', '\t']) {
      const lines: string[] = [];
      // More lines than one call takes, so the second call starts mid-buffer.
      for (let line = 0; line < ScanKernel.maxLinesPerCall + 500; line++) {
        const count = Math.floor(random() * 7);
        lines.push(Array.from({ length: count }, () => 'x'.repeat(Math.floor(random() * 20))).join(delimiter));
      }
      const text = `${lines.join('\n')}\nunfinished${delimiter}line`;
      expect(comparable(splitAll(text, 5, delimiter), 5)).toEqual(comparable(expected(text, 5, delimiter), 5));
    }
  });

  it('ignores bytes past the end of the load', () => {
    const splitter = kernel();
    const longer = Buffer.from('a,b\nc,d\n,,,,,,,,\n\n\n');
    load(splitter, longer);
    load(splitter, Buffer.from('e,f'));
    expect(splitter.split(splitter.inputAt, splitter.inputAt + 3, 44)).toBe(0);
  });
});

/** `text` loaded at `offset` bytes into the kernel's input (after filler): its start and end there. */
function loadedAt(splitter: ScanKernel, text: string, offset: number): [number, number] {
  const bytes = Buffer.concat([Buffer.alloc(offset, 0x2c), Buffer.from(text)]);
  load(splitter, bytes);
  return [splitter.inputAt + offset, splitter.inputAt + bytes.length];
}

describe('ScanKernel dictionaries', () => {
  it('find each key at any offset, whatever its length (the eight-byte compares and the bytes left over)', () => {
    const splitter = kernel();
    const keys = Array.from({ length: 20 }, (_, length) => 'C0012345678901234567890'.slice(0, length + 1));
    keys.forEach((key, value) => {
      const [start, end] = loadedAt(splitter, key, 3);
      expect(splitter.lookup(CUSTOMERS, start, end)).toBe(NOT_SEEN);
      splitter.insert(CUSTOMERS, start, end, value);
    });
    for (let offset = 0; offset < 9; offset++) {
      keys.forEach((key, value) => {
        const [start, end] = loadedAt(splitter, key, offset);
        expect(splitter.lookup(CUSTOMERS, start, end), `${key} at ${offset}`).toBe(value);
      });
    }
  });

  it('tell apart keys that differ in one byte, in the last word or past it, and prefixes', () => {
    const splitter = kernel();
    const keys = ['2025-01-01', '2025-01-02', '2025-02-01', '2025-01-0', 'Dana Levi', 'Dana Lev', 'Dana Levj', 'ABCDEFGH', 'ABCDEFGI', 'ABCD', 'ABCE', 'ABC'];
    keys.forEach((key, value) => {
      const [start, end] = loadedAt(splitter, key, value % 4);
      splitter.insert(LABELS, start, end, value);
    });
    keys.forEach((key, value) => {
      const [start, end] = loadedAt(splitter, key, 1);
      expect(splitter.lookup(LABELS, start, end), key).toBe(value);
    });
    for (const unseen of ['2025-01-03', 'Dana Levi ', 'ABCF', 'AB', 'ABCDEFGJ']) {
      const [start, end] = loadedAt(splitter, unseen, 2);
      expect(splitter.lookup(LABELS, start, end), unseen).toBe(NOT_SEEN);
    }
  });

  it('keep each dictionary apart', () => {
    const splitter = kernel();
    const [start, end] = loadedAt(splitter, '2025-01-01', 0);
    splitter.insert(DATE_TOKENS, start, end, 7);
    expect(splitter.lookup(DATE_TOKENS, start, end)).toBe(7);
    expect(splitter.lookup(CUSTOMERS, start, end)).toBe(NOT_SEEN);
  });

  it('keep every key through the growth of their tables and of the memory (100,000 ids in loads of 1 MB)', () => {
    const splitter = kernel();
    const ids = Array.from({ length: 100_000 }, (_, n) => `C${String(n).padStart(7, '0')}`);
    const first = Buffer.from(ids.join(','));
    const spans = ids.map((id, n) => [n * 9, n * 9 + id.length] as const);
    load(splitter, first);
    spans.forEach(([start, end], n) => splitter.insert(CUSTOMERS, splitter.inputAt + start, splitter.inputAt + end, n));
    // Another load, as later buffers are: the keys live in the kernel's heap, not in the input.
    const reversed = Buffer.from([...ids].reverse().join(','));
    load(splitter, reversed);
    for (let n = 0; n < ids.length; n += 7) {
      const place = (ids.length - 1 - n) * 9;
      expect(splitter.lookup(CUSTOMERS, splitter.inputAt + place, splitter.inputAt + place + 8)).toBe(n);
    }
    const [start, end] = loadedAt(splitter, 'C0100000', 0);
    expect(splitter.lookup(CUSTOMERS, start, end)).toBe(NOT_SEEN);
  });

  it('compare bytes of the memory', () => {
    const splitter = kernel();
    const [start] = loadedAt(splitter, 'SO-0001,SO-0001,SO-0002', 0);
    expect(splitter.same(start, start + 8, 7)).toBe(true);
    expect(splitter.same(start, start + 16, 7)).toBe(false);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { LINE_SPLITTER_WASM } from '../../src/ingest/line-splitter-wasm.js';
import { LineSplitter } from '../../src/ingest/line-splitter.js';

const WAT = fileURLToPath(new URL('../../src/ingest/line-splitter.wat', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../src/ingest/line-splitter-wasm.ts', import.meta.url));

/** The module as wabt assembles line-splitter.wat, base64. */
async function assembled(): Promise<string> {
  const tools = await wabt();
  const module = tools.parseWat('line-splitter.wat', readFileSync(WAT, 'utf8'), { simd: true });
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

/** Every record the splitter gives for `text`, call after call, and where the unfinished last line starts. */
function splitAll(text: string, fields: number, delimiter = ','): { lines: SplitLine[]; rest: number } {
  const splitter = LineSplitter.create(fields);
  if (splitter === undefined) throw new Error('no WebAssembly SIMD');
  const bytes = Buffer.from(text, 'latin1');
  const length = splitter.load(bytes, 0);
  const lines: SplitLine[] = [];
  let from = 0;
  for (;;) {
    const count = splitter.split(from, length, delimiter.charCodeAt(0));
    for (let line = 0; line < count; line++) {
      const base = line * splitter.stride;
      const record = Array.from(splitter.records.subarray(base, base + splitter.stride));
      lines.push({ end: record[0] as number, delimiters: record[1] as number, fields: Array.from({ length: fields }, (_, k) => [record[2 + 2 * k] as number, record[3 + 2 * k] as number]) });
    }
    if (count === 0) break;
    from = (lines.at(-1) as SplitLine).end + 1;
    if (count < LineSplitter.maxLinesPerCall) break;
  }
  return { lines, rest: from };
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

describe('LineSplitter', () => {
  it('is the module line-splitter.wat assembles to', async () => {
    const module = await assembled();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(
        GENERATED,
        `// Generated from line-splitter.wat by test/ingest/line-splitter.test.ts (UPDATE_GOLDEN=1 npm test): do not edit.\nexport const LINE_SPLITTER_WASM =\n  '${module}';\n`,
      );
      return;
    }
    expect(LINE_SPLITTER_WASM).toBe(module);
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
      for (let line = 0; line < LineSplitter.maxLinesPerCall + 500; line++) {
        const count = Math.floor(random() * 7);
        lines.push(Array.from({ length: count }, () => 'x'.repeat(Math.floor(random() * 20))).join(delimiter));
      }
      const text = `${lines.join('\n')}\nunfinished${delimiter}line`;
      expect(comparable(splitAll(text, 5, delimiter), 5)).toEqual(comparable(expected(text, 5, delimiter), 5));
    }
  });

  it('ignores bytes past the end of the load', () => {
    const splitter = LineSplitter.create(2) as LineSplitter;
    splitter.load(Buffer.from('a,b\nc,d\n,,,,,,,,\n\n\n'), 0);
    const length = splitter.load(Buffer.from('e,f'), 0);
    expect(splitter.split(0, length, 44)).toBe(0);
  });
});

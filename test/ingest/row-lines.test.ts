import { describe, expect, it } from 'vitest';
import { RowLines } from '../../src/ingest/row-lines.js';

/** The line of each row of `text`, its rows ending just before the given offsets, fed in pieces of `piece` bytes. */
function rowEnds(text: string, ends: readonly number[], options: { loneCrRows?: boolean; lineBase?: number; piece?: number } = {}): number[] {
  const { loneCrRows = false, lineBase = 0, piece = text.length } = options;
  const lines = new RowLines(lineBase);
  const bytes = Buffer.from(text, 'latin1');
  for (let at = 0; at < bytes.length; at += piece) lines.feed(bytes.subarray(at, at + piece));
  return ends.map((end) => lines.rowEnd(end, 0, loneCrRows));
}

describe('RowLines', () => {
  it('a CR LF inside a row is one line end, as in grep -n', () => {
    // Rows: `h\r\n` (0-3), `"a\r\nb"\r\n` (3-11), `c\r\n` (11-14).
    expect(rowEnds('h\r\n"a\r\nb"\r\nc\r\n', [3, 11, 14])).toEqual([1, 3, 4]);
  });

  it('in an LF or CR LF file a lone CR is a character: CR CR LF is one line end', () => {
    // Rows: `h\r\n` (0-3), `"a\r\r\nb"\r\n` (3-12), `c\r\n` (12-15).
    expect(rowEnds('h\r\n"a\r\r\nb"\r\nc\r\n', [3, 12, 15])).toEqual([1, 3, 4]);
    expect(rowEnds('h\na\rb\nc\n', [2, 6, 8])).toEqual([1, 2, 3]);
  });

  it('in a lone-CR file every CR ends a line, and CR LF is still one line end', () => {
    // Rows: `h\r` (0-2), `"a\r\nb"\r` (2-9), `"c\rd"\r` (9-15), `e\r` (15-17).
    expect(rowEnds('h\r"a\r\nb"\r"c\rd"\re\r', [2, 9, 15, 17], { loneCrRows: true })).toEqual([1, 3, 5, 6]);
  });

  it('a lone-CR file: a CR LF split between a row end and the next row is one line end', () => {
    // Rows: `a\r` (0-2), `\nb\r` (2-5): csv-parse puts the LF at the start of the second row.
    expect(rowEnds('a\r\nb\r', [2, 5], { loneCrRows: true })).toEqual([1, 2]);
  });

  it('counts the same whatever pieces the bytes come in', () => {
    const text = 'h\r\n"a\r\r\nb"\r\n\r\nc\r\n"d\ne"\r\n';
    const ends = [3, 12, 17, 24];
    expect(rowEnds(text, ends)).toEqual([1, 3, 5, 7]);
    for (const piece of [1, 2, 3, 5]) expect(rowEnds(text, ends, { piece })).toEqual([1, 3, 5, 7]);
    // A blank line (a lone CR) and then a CR LF before `c`.
    const mac = 'h\r"a\r\nb"\r\r\nc\r';
    for (const piece of [1, 2, 3, mac.length]) expect(rowEnds(mac, [2, 9, 13], { loneCrRows: true, piece })).toEqual([1, 3, 5]);
  });

  it('a last row without a line end ends on the line of its last byte, a stray CR there included', () => {
    expect(rowEnds('h\r\na\r\nb', [3, 6, 7])).toEqual([1, 2, 3]);
    // A CR LF file cut between the two: the CR is the last row's, on its line.
    expect(rowEnds('h\r\na\r', [3, 5])).toEqual([1, 2]);
  });

  it('numbers on from the line before the first byte', () => {
    expect(rowEnds('"a\r\nb"\nc\n', [7, 9], { lineBase: 40 })).toEqual([42, 43]);
  });

  it('the next row starts after the last row read and the blank lines skipped since', () => {
    const lines = new RowLines(0);
    lines.feed(Buffer.from('h\n"a\r\nb\r\nc"\n\n\n"d'));
    expect(lines.nextRowStart(0)).toBe(1);
    expect(lines.rowEnd(2, 0, false)).toBe(1);
    expect(lines.rowEnd(12, 0, false)).toBe(4);
    expect(lines.nextRowStart(2)).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { PartEnd } from '../../src/ingest/part-end.js';

describe('PartEnd', () => {
  it('lets the reader read to the end, and a cut take only what the reader has not committed to', () => {
    const part = new PartEnd({ start: 100, end: 1000 });
    expect(part.commit(300)).toBe(300);
    expect(part.remaining).toBe(700);
    // At or before the committed position: refused, the part unchanged.
    expect(part.cutAt(300)).toBeUndefined();
    expect(part.cutAt(250)).toBeUndefined();
    // At or past the end: nothing to take.
    expect(part.cutAt(1000)).toBeUndefined();
    expect(part.cutAt(600)).toBe(1000);
    expect(part.end).toBe(600);
    // The reader's next buffer stops at the cut, and the part has nothing left to share.
    expect(part.commit(800)).toBe(600);
    expect(part.remaining).toBe(0);
    expect(part.cutAt(500)).toBeUndefined();
  });

  it('a second cut takes from the first one\'s new end, so two takers never share bytes', () => {
    const part = new PartEnd({ start: 0, end: 1000 });
    expect(part.cutAt(800)).toBe(1000);
    expect(part.cutAt(900)).toBeUndefined();
    expect(part.cutAt(400)).toBe(800);
    expect(part.end).toBe(400);
  });

  it('is shared through its memory: a cut on one side is seen by the reader on the other', () => {
    const cutter = new PartEnd({ start: 0, end: 500 });
    const reader = new PartEnd(cutter.shared);
    expect(reader.commit(100)).toBe(100);
    expect(cutter.cutAt(100)).toBeUndefined();
    expect(cutter.cutAt(200)).toBe(500);
    expect(reader.commit(300)).toBe(200);
    expect(cutter.committed).toBe(200);
  });
});

/** What `lookup` returns for bytes not seen before. */
export const NOT_SEEN = -2147483648;

/**
 * A map from byte strings (a field as it sits in the read buffer) to numbers, so a value that
 * repeats on millions of rows (a customer id, a date, a rep) is decoded and judged once, and each
 * later row costs a hash and a byte compare instead of a string and a Map lookup.
 */
export class ByteInterner {
  /**
   * Open addressing, a record of RECORD values per slot: the key's length + 1 (0: an empty slot),
   * its hash, where its bytes start in the arena, and its value. A probe reads one record and then
   * the key's bytes, where separate columns for each took a cache miss apiece.
   */
  private table = new Int32Array(RECORD << 10);
  private arena = new Uint8Array(1 << 14);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  private count = 0;

  /** The record last found: sorted and grouped exports repeat a value on row after row. */
  private lastRecord = -1;

  /** The value for bytes `start` to `end` of `bytes` (a view of the whole buffer), or NOT_SEEN. */
  lookup(bytes: DataView, start: number, end: number): number {
    const length = end - start;
    const table = this.table;
    const last = this.lastRecord;
    if (last >= 0 && table[last] === length + 1 && sameBytes(this.arenaView, table[last + 2] as number, bytes, start, length)) return table[last + 3] as number;
    const hash = keyHash(bytes, start, end);
    const mask = (table.length >> RECORD_SHIFT) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const record = slot << RECORD_SHIFT;
      const stored = table[record] as number;
      if (stored === 0) return NOT_SEEN;
      if (stored === length + 1 && table[record + 1] === hash && sameBytes(this.arenaView, table[record + 2] as number, bytes, start, length)) {
        this.lastRecord = record;
        return table[record + 3] as number;
      }
    }
  }

  /** Remember a value for bytes that `lookup` has not seen. */
  insert(bytes: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
      this.arenaView = new DataView(arena.buffer);
    }
    const offset = this.arenaUsed;
    this.arena.set(bytes.subarray(start, end), offset);
    this.arenaUsed += length;
    this.count++;
    // Kept at most three quarters full: a probe still ends within a few records, most of them in
    // the same cache line (four to a line), and 20,000 customer ids fit a 512 KB table, not 1 MB.
    if (this.count * 4 > (this.table.length >> RECORD_SHIFT) * 3) this.grow();
    this.place(this.table, length + 1, keyHash(this.arenaView, offset, offset + length), offset, value);
    this.lastRecord = -1;
  }

  private place(table: Int32Array, lengthPlusOne: number, hash: number, offset: number, value: number): void {
    const mask = (table.length >> RECORD_SHIFT) - 1;
    let slot = hash & mask;
    while (table[slot << RECORD_SHIFT] !== 0) slot = (slot + 1) & mask;
    const record = slot << RECORD_SHIFT;
    table[record] = lengthPlusOne;
    table[record + 1] = hash;
    table[record + 2] = offset;
    table[record + 3] = value;
  }

  /** Twice the slots, each record placed again by the hash it holds (no key is read). */
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    for (let record = 0; record < old.length; record += RECORD) {
      const lengthPlusOne = old[record] as number;
      if (lengthPlusOne !== 0) this.place(table, lengthPlusOne, old[record + 1] as number, old[record + 2] as number, old[record + 3] as number);
    }
    this.table = table;
  }
}

/**
 * `length` bytes of `a` from `aStart` equal those of `b` from `bStart`; four at a time (unaligned
 * reads): most keys are 6 to 12 bytes.
 */
export function sameBytes(a: DataView, aStart: number, b: DataView, bStart: number, length: number): boolean {
  let i = 0;
  for (; i + 4 <= length; i += 4) if (a.getUint32(aStart + i, true) !== b.getUint32(bStart + i, true)) return false;
  for (; i < length; i++) if (a.getUint8(aStart + i) !== b.getUint8(bStart + i)) return false;
  return true;
}

/** Values per record of the interner's table, and its log2. */
const RECORD = 4;
const RECORD_SHIFT = 2;

/**
 * A key's slot hash, four bytes at a time: each word multiplied in, then the high bits folded into
 * the low ones that pick the slot (a multiply only carries bits upward).
 */
function keyHash(bytes: DataView, start: number, end: number): number {
  let hash = 0x811c9dc5;
  let i = start;
  for (; i + 4 <= end; i += 4) hash = Math.imul(hash ^ bytes.getUint32(i, true), 0x01000193);
  for (; i < end; i++) hash = Math.imul(hash ^ bytes.getUint8(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  // Signed, as an Int32Array gives it back.
  return (hash ^ (hash >>> 13)) | 0;
}

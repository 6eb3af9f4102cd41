/** What `lookup` returns for bytes not seen before. */
export const NOT_SEEN = -2147483648;

/**
 * A map from byte strings (a field as it sits in the read buffer) to numbers, so a value that
 * repeats on millions of rows (a customer id, a date, a rep) is decoded and judged once, and each
 * later row costs a hash and a byte compare instead of a string and a Map lookup.
 */
export class ByteInterner {
  private slots = new Int32Array(1 << 10);
  private keyStart = new Int32Array(1 << 9);
  private keyLength = new Int32Array(1 << 9);
  private values = new Int32Array(1 << 9);
  private arena = new Uint8Array(1 << 14);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;
  private count = 0;

  /** The key last found: sorted and grouped exports repeat a value on row after row. */
  private lastKey = -1;

  /** The value for bytes `start` to `end` of `bytes` (a view of the whole buffer), or NOT_SEEN. */
  lookup(bytes: DataView, start: number, end: number): number {
    const length = end - start;
    const last = this.lastKey;
    if (last >= 0 && this.keyLength[last] === length && this.sameBytes(last, bytes, start, length)) return this.values[last] as number;
    const mask = this.slots.length - 1;
    let slot = keyHash(bytes, start, end) & mask;
    for (;;) {
      const stored = this.slots[slot] as number;
      if (stored === 0) return NOT_SEEN;
      const key = stored - 1;
      if (this.keyLength[key] === length && this.sameBytes(key, bytes, start, length)) {
        this.lastKey = key;
        return this.values[key] as number;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Remember a value for bytes that `lookup` has not seen. */
  insert(bytes: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start;
    if (this.count === this.values.length) this.growKeys();
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
      this.arenaView = new DataView(arena.buffer);
    }
    const key = this.count++;
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.keyStart[key] = this.arenaUsed;
    this.keyLength[key] = length;
    this.values[key] = value;
    this.arenaUsed += length;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(key);
  }

  /** Four bytes at a time (unaligned reads): most keys are 6 to 12 bytes. */
  private sameBytes(key: number, bytes: DataView, start: number, length: number): boolean {
    const offset = this.keyStart[key] as number;
    const arena = this.arenaView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (arena.getUint32(offset + i, true) !== bytes.getUint32(start + i, true)) return false;
    for (; i < length; i++) if (arena.getUint8(offset + i) !== bytes.getUint8(start + i)) return false;
    return true;
  }

  private place(key: number): void {
    const mask = this.slots.length - 1;
    const offset = this.keyStart[key] as number;
    let slot = keyHash(this.arenaView, offset, offset + (this.keyLength[key] as number)) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = key + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let key = 0; key < this.count; key++) this.place(key);
  }

  private growKeys(): void {
    const grow = (old: Int32Array) => {
      const next = new Int32Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.keyStart = grow(this.keyStart);
    this.keyLength = grow(this.keyLength);
    this.values = grow(this.values);
  }
}

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
  return hash ^ (hash >>> 13);
}

/** FNV-1a over bytes, 32 bits. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

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
  private arenaUsed = 0;
  private count = 0;

  /** The key last found: sorted and grouped exports repeat a value on row after row. */
  private lastKey = -1;

  lookup(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const last = this.lastKey;
    if (last >= 0 && this.keyLength[last] === length && this.sameBytes(last, bytes, start, length)) return this.values[last] as number;
    const mask = this.slots.length - 1;
    let slot = hashBytes(bytes, start, end) & mask;
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

  private sameBytes(key: number, bytes: Uint8Array, start: number, length: number): boolean {
    const offset = this.keyStart[key] as number;
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[offset + i] !== bytes[start + i]) return false;
    return true;
  }

  private place(key: number): void {
    const mask = this.slots.length - 1;
    const offset = this.keyStart[key] as number;
    let slot = hashBytes(this.arena, offset, offset + (this.keyLength[key] as number)) & mask;
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

/** FNV-1a over bytes, 32 bits. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

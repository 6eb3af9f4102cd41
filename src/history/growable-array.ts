/**
 * A typed-array column that grows as it is written: the ledger's storage. Grows by half again
 * rather than doubling, so the spare room at the end stays small next to the data.
 */
abstract class GrowableColumn<T extends Int32Array | Float64Array> {
  protected values: T;

  constructor(protected readonly fill: number) {
    this.values = this.allocate(1024);
    if (fill !== 0) this.values.fill(fill);
  }

  protected abstract allocate(length: number): T;

  /**
   * The storage itself, for a hot loop that knows its index is below the length written so far
   * (a `set` at that index or beyond made room): no bounds test and no call per access. Read it
   * again after any `set` that may grow the column.
   */
  get raw(): T {
    return this.values;
  }

  get(index: number): number {
    return index < this.values.length ? (this.values[index] as number) : this.fill;
  }

  /** Write each of the first `length` values to `target[placeOf[index]]`, then release: a reordering copy. */
  moveTo(target: T, placeOf: Int32Array, length: number): T {
    const values = this.values;
    for (let index = 0; index < length; index++) target[placeOf[index] as number] = values[index] as number;
    this.release();
    return target;
  }

  set(index: number, value: number): void {
    if (index >= this.values.length) this.grow(index);
    this.values[index] = value;
  }

  /**
   * Room for `capacity` values before any growth. Growing copies the column and frees the old
   * copy, and the freed blocks of a long read stay in the allocator's arenas (hundreds of MB at
   * 10M rows): a column sized once is written in place, and the pages it never reaches are never
   * touched, so an over-estimate costs address space, not memory. No-op when the room cannot be
   * had.
   */
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    let values: T;
    try {
      values = this.allocate(capacity);
    } catch {
      return;
    }
    values.set(this.values);
    if (this.fill !== 0) values.fill(this.fill, this.values.length);
    this.values = values;
  }

  /** Every value back to the fill, in the storage there is. */
  reset(): void {
    this.values.fill(this.fill);
  }

  /** Drop the storage (the column reads as empty after): memory back before a copy is made elsewhere. */
  release(): void {
    this.values = this.allocate(0);
  }

  private grow(index: number): void {
    let length = this.values.length;
    while (length <= index) length = Math.ceil(length * 1.5);
    const values = this.allocate(length);
    values.set(this.values);
    if (this.fill !== 0) values.fill(this.fill, this.values.length);
    this.values = values;
  }
}

export class GrowableInt32 extends GrowableColumn<Int32Array> {
  constructor(fill = 0) {
    super(fill);
  }

  protected allocate(length: number): Int32Array {
    return new Int32Array(length);
  }
}

/** A longer copy of a typed column, its values kept (the rest zero). */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(column: T, length: number): T {
  const next = new (column.constructor as new (length: number) => T)(length);
  next.set(column);
  return next;
}

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

  add(index: number, value: number): void {
    this.set(index, this.get(index) + value);
  }

  /** Drop the storage (the column reads as empty after): memory back before a copy is made elsewhere. */
  release(): void {
    this.values = this.allocate(0);
  }

  /** A copy of the first `length` values, sized to fit (transferable to another thread). */
  view(length: number): T {
    return this.values.slice(0, length) as T;
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

  or(index: number, bits: number): void {
    this.set(index, this.get(index) | bits);
  }
}

export class GrowableFloat64 extends GrowableColumn<Float64Array> {
  constructor() {
    super(0);
  }

  protected allocate(length: number): Float64Array {
    return new Float64Array(length);
  }
}

/**
 * Typed arrays on shared memory: a ledger's exported columns are read by other threads (each
 * scoring a share of the customers) without a copy each.
 */
export function sharedInt32Array(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

export function sharedFloat64Array(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

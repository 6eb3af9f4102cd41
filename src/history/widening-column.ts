/** A column's storage: the narrowest kind that has held every value written so far. */
export type ColumnArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** Element kinds, narrowest first. */
export const UINT8 = 0;
export const UINT16 = 1;
export const INT32 = 2;
export const FLOAT64 = 3;
export type ColumnKind = typeof UINT8 | typeof UINT16 | typeof INT32 | typeof FLOAT64;

/**
 * A growable numeric column stored in the narrowest typed array its values fit, widened (copied
 * once into the next kind) the first time a value does not fit. Ledger values are small counts,
 * table numbers and cents that nearly always fit 8, 16 or 32 bits; storing them as 32- and 64-bit
 * numbers doubled the memory of a 10M-line read. Unwritten values read as 0, so callers store
 * "none" as 0, and a column no row writes to is never touched (its reserved pages never become
 * resident).
 */
export class WideningColumn {
  private values: ColumnArray;
  private kind: ColumnKind;
  /** Some value other than 0 was written: a column still all zeros is not copied on export. */
  private written = false;
  /** One past the highest index written: what a widening or growing copy must carry. */
  private used = 0;

  constructor(narrowest: ColumnKind) {
    this.kind = narrowest;
    this.values = allocate(narrowest, 1024);
  }

  /** The storage, for reading; read it again after any write, which may replace it. */
  get raw(): ColumnArray {
    return this.values;
  }

  get(index: number): number {
    return index < this.values.length ? (this.values[index] as number) : 0;
  }

  set(index: number, value: number): void {
    if (index >= this.used) this.extend(index);
    if (!fits(this.kind, value)) this.widen(value);
    if (value !== 0) this.written = true;
    this.values[index] = value;
  }

  /** values[index] += delta. */
  add(index: number, delta: number): void {
    if (index >= this.used) this.extend(index);
    const value = (this.values[index] as number) + delta;
    if (!fits(this.kind, value)) this.widen(value);
    if (value !== 0) this.written = true;
    this.values[index] = value;
  }

  /** Room for `capacity` values before any growth (see GrowableColumn.reserve); no-op when it cannot be had. */
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    let values: ColumnArray;
    try {
      values = allocate(this.kind, capacity);
    } catch {
      return;
    }
    values.set(this.values.subarray(0, this.used));
    this.values = values;
  }

  /** The first `length` values, the column given up (it reads as empty after): no copy. */
  detach(length: number): ColumnArray {
    if (length > this.values.length) this.extend(length - 1);
    const values = this.values.subarray(0, length);
    this.release();
    return values;
  }

  /** Each of the first `length` values to `placeOf[index]` of a new array of the same kind, then release. */
  moveTo(placeOf: Int32Array, length: number): ColumnArray {
    const target = allocate(this.kind, length);
    const values = this.values;
    if (this.written) for (let index = 0; index < length; index++) target[placeOf[index] as number] = values[index] as number;
    this.release();
    return target;
  }

  release(): void {
    this.values = allocate(this.kind, 0);
    this.written = false;
    this.used = 0;
  }

  private extend(index: number): void {
    this.used = index + 1;
    if (index < this.values.length) return;
    let length = Math.max(this.values.length, 16);
    while (length <= index) length = Math.ceil(length * 1.5);
    const values = allocate(this.kind, length);
    values.set(this.values);
    this.values = values;
  }

  private widen(value: number): void {
    let kind = this.kind;
    while (!fits(kind, value)) kind = (kind + 1) as ColumnKind;
    const values = allocate(kind, this.values.length);
    values.set(this.values.subarray(0, this.used));
    this.kind = kind;
    this.values = values;
  }
}

/** `values` themselves when they can hold `value`, else a copy of them in the narrowest kind that can. */
export function holding(values: ColumnArray, value: number): ColumnArray {
  let kind: ColumnKind = values instanceof Uint8Array ? UINT8 : values instanceof Uint16Array ? UINT16 : values instanceof Int32Array ? INT32 : FLOAT64;
  if (fits(kind, value)) return values;
  while (!fits(kind, value)) kind = (kind + 1) as ColumnKind;
  const wider = allocate(kind, values.length);
  wider.set(values);
  return wider;
}

function fits(kind: ColumnKind, value: number): boolean {
  switch (kind) {
    case UINT8:
      return (value & 0xff) === value;
    case UINT16:
      return (value & 0xffff) === value;
    case INT32:
      return (value | 0) === value;
    case FLOAT64:
      return true;
  }
}

function allocate(kind: ColumnKind, length: number): ColumnArray {
  switch (kind) {
    case UINT8:
      return new Uint8Array(length);
    case UINT16:
      return new Uint16Array(length);
    case INT32:
      return new Int32Array(length);
    case FLOAT64:
      return new Float64Array(length);
  }
}

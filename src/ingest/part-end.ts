/**
 * Where a part of the file being read in one thread ends, shared with the thread that hands the
 * parts out, so that thread can give the far end of what is left to a thread that has finished
 * (the other core was busy with other work). The reader commits to each buffer before reading it
 * (`commit`): a part can only be cut after everything it has committed to, so no line is read
 * twice or lost. Both sides take a small lock: the reader once a buffer (a megabyte), the cutter
 * once a cut.
 */
export class PartEnd {
  /** Lock word, then (as doubles, after padding) the committed position and the end. */
  readonly shared: SharedArrayBuffer;
  private readonly lock: Int32Array;
  private readonly offsets: Float64Array;

  /** A new part from `start` to `end`, or the other side's view of one (its `shared` memory). */
  constructor(part: SharedArrayBuffer | { start: number; end: number }) {
    this.shared = part instanceof SharedArrayBuffer ? part : new SharedArrayBuffer(24);
    this.lock = new Int32Array(this.shared, 0, 1);
    this.offsets = new Float64Array(this.shared, 8, 2);
    if (!(part instanceof SharedArrayBuffer)) this.offsets.set([part.start, part.end]);
  }

  /**
   * The reader is about to read up to `upTo`: returns how far it may read (the end, when the part
   * was cut before `upTo`), and records that as read.
   */
  commit(upTo: number): number {
    return this.locked(() => {
      const allowed = Math.min(upTo, this.offsets[1] as number);
      this.offsets[0] = Math.max(this.offsets[0] as number, allowed);
      return allowed;
    });
  }

  /** The part's end now (it only moves earlier). */
  get end(): number {
    return this.locked(() => this.offsets[1] as number);
  }

  /** Bytes from the committed position to the end, not yet committed to: what a cut could still take. */
  get remaining(): number {
    return this.locked(() => (this.offsets[1] as number) - (this.offsets[0] as number));
  }

  /** Committed so far: a cut must be after it. */
  get committed(): number {
    return this.locked(() => this.offsets[0] as number);
  }

  /**
   * End the part at `at` (a line start) if the reader has not committed to it and the part has not
   * been cut before it; returns the end it had, undefined when it did not cut. The bytes from `at`
   * to that end are then the caller's to read.
   */
  cutAt(at: number): number | undefined {
    return this.locked(() => {
      const end = this.offsets[1] as number;
      if (!((this.offsets[0] as number) < at && at < end)) return undefined;
      this.offsets[1] = at;
      return end;
    });
  }

  private locked<T>(body: () => T): T {
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0) {
      // Held for a few instructions by the other side: try again.
    }
    try {
      return body();
    } finally {
      Atomics.store(this.lock, 0, 0);
    }
  }
}

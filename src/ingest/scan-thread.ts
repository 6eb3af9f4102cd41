import { Worker } from 'node:worker_threads';
import type { SinkFactory } from './order-sink.js';
import type { RangeScanJob, RangeScanResult } from './scan-order-range.js';

/** A part read by a worker: what it found, and its sink's state (transferred, not copied). */
export interface ScannedPart {
  readonly result: RangeScanResult;
  readonly state: unknown;
}

/**
 * A scan's young generation is capped: it allocates little on the heap (its columns are typed
 * arrays), so the default room (up to ~48 MB a thread, at 10M rows mostly garbage awaiting a
 * scavenge) is memory held for nothing while both parts are read.
 */
const SCAN_YOUNG_GENERATION_MB = 4;

/**
 * A worker thread that reads parts of an orders file, one at a time, started before its first
 * part is known: its start-up (a thread, an isolate, the modules, ~60 ms) overlaps the sniffing of
 * the file's head.
 */
export class ScanThread {
  private readonly worker: Worker | undefined;
  /** The worker failed or exited: it reads nothing more. */
  private gone = false;
  /** Settles the part being read, with the worker's next word, its failure or its exit. */
  private settle: ((part: ScannedPart | undefined) => void) | undefined;
  /** Told when the part has been read, before its ledger is exported. */
  private scanned: (() => void) | undefined;

  constructor(factory: SinkFactory) {
    let worker: Worker | undefined;
    try {
      worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
        workerData: { sinkModule: factory.module, sinkExport: factory.exportName },
        resourceLimits: { maxYoungGenerationSizeMb: SCAN_YOUNG_GENERATION_MB },
      });
    } catch {
      worker = undefined;
    }
    this.worker = worker;
    if (worker === undefined) return;
    worker.on('message', (message: ScannedPart | { error: unknown } | { scanned: true }) => {
      if ('scanned' in message) this.scanned?.();
      else this.done('error' in message ? undefined : message);
    });
    // A worker that dies without a word (out of memory) must not leave the read waiting forever.
    const lost = (): void => {
      this.gone = true;
      this.done(undefined);
    };
    worker.once('error', lost);
    worker.once('exit', lost);
  }

  /**
   * Read a part; undefined when the worker failed (the string route will tell why). `onScanned`
   * is called once its rows are read, before its ledger is exported.
   */
  scan(job: RangeScanJob, onScanned?: () => void): Promise<ScannedPart | undefined> {
    const worker = this.worker;
    if (worker === undefined || this.gone) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.settle = resolve;
      this.scanned = onScanned;
      worker.postMessage(job);
    });
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private done(part: ScannedPart | undefined): void {
    const settle = this.settle;
    this.settle = undefined;
    this.scanned = undefined;
    settle?.(part);
  }
}

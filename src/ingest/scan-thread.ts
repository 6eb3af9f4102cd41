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
 * A worker thread that reads one part of an orders file, started before its part is known: its
 * start-up (a thread, an isolate, the modules, ~60 ms) overlaps the sniffing of the file's head.
 */
export class ScanThread {
  private readonly worker: Worker | undefined;
  /** Settled by the worker's first word, its failure or its exit, whenever they come. */
  private readonly outcome: Promise<ScannedPart | undefined>;

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
    this.outcome = new Promise((resolve) => {
      if (worker === undefined) return resolve(undefined);
      worker.once('message', (message: ScannedPart | { error: unknown }) => resolve('error' in message ? undefined : message));
      worker.once('error', () => resolve(undefined));
      // A worker that dies without a word (out of memory) must not leave the read waiting forever.
      worker.once('exit', () => resolve(undefined));
    });
  }

  /** Read the part; undefined when the worker failed (the string route will tell why). */
  async scan(job: RangeScanJob): Promise<ScannedPart | undefined> {
    this.worker?.postMessage(job);
    try {
      return await this.outcome;
    } finally {
      this.stop();
    }
  }

  stop(): void {
    void this.worker?.terminate();
  }
}

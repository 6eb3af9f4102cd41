import { Worker } from 'node:worker_threads';
import { builtModuleUrl } from './built-module-url.js';
import type { SinkFactory } from './order-sink.js';
import type { RangeScanJob, RangeScanResult, ReadParts } from './scan-order-range.js';
import type { ScanWorkerMessage } from './scan-worker.js';

/**
 * A scan's young generation is capped: it allocates little on the heap (its columns are typed
 * arrays), so the default room (up to ~48 MB a thread, at 10M rows mostly garbage awaiting a
 * scavenge) is memory held for nothing while both parts are read.
 */
const SCAN_YOUNG_GENERATION_MB = 4;

/**
 * A worker thread that reads parts of an orders file, one at a time, into one sink, started
 * before its first part is known: its start-up (a thread, an isolate, the modules, ~60 ms)
 * overlaps the sniffing of the file's head.
 */
export class ScanThread {
  private readonly worker: Worker | undefined;
  /** The worker failed or exited: it reads nothing more. */
  private gone = false;
  /** Settles the request in flight with the worker's answer, or with undefined on its failure or exit. */
  private settle: ((answer: RangeScanResult | ReadParts | undefined) => void) | undefined;

  constructor(factory: SinkFactory) {
    let worker: Worker | undefined;
    try {
      worker = new Worker(builtModuleUrl('ingest/scan-worker.js'), {
        workerData: { sinkModule: factory.module, sinkExport: factory.exportName },
        resourceLimits: { maxYoungGenerationSizeMb: SCAN_YOUNG_GENERATION_MB },
      });
    } catch {
      worker = undefined;
    }
    this.worker = worker;
    if (worker === undefined) return;
    worker.on('message', (message: { scanned: RangeScanResult } | { finished: ReadParts | undefined } | { error: unknown }) => {
      this.done('scanned' in message ? message.scanned : 'finished' in message ? message.finished : undefined);
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
   * Read a part into the thread's sink, after the parts it has read; undefined when the worker
   * failed (the string route will tell why).
   */
  read(job: RangeScanJob): Promise<RangeScanResult | undefined> {
    return this.ask({ read: job }) as Promise<RangeScanResult | undefined>;
  }

  /** The sink's state after every part read (transferred, not copied); undefined when the worker failed. */
  finish(): Promise<ReadParts | undefined> {
    return this.ask({ finish: true }) as Promise<ReadParts | undefined>;
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private ask(message: ScanWorkerMessage): Promise<RangeScanResult | ReadParts | undefined> {
    const worker = this.worker;
    if (worker === undefined || this.gone) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.settle = resolve;
      worker.postMessage(message);
    });
  }

  private done(answer: RangeScanResult | ReadParts | undefined): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(answer);
  }
}

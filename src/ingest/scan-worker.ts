import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { MergeableOrderSink } from './order-sink.js';
import { PartsReading, type RangeScanJob } from './scan-order-range.js';

/**
 * A worker thread's orders (ScanThread): its sink's module at start, then parts of the file, each
 * read into the same sink (see PartsReading) and its result posted back, until it is told to
 * finish and posts the sink's state.
 */
interface WorkerInput {
  readonly sinkModule: string;
  readonly sinkExport: string;
}

/** What the thread is told: read a part, or post what all its parts came to. */
export type ScanWorkerMessage = { readonly read: RangeScanJob } | { readonly finish: true };

const { sinkModule, sinkExport } = workerData as WorkerInput;
const module = (await import(sinkModule)) as Record<string, new () => MergeableOrderSink>;
const Sink = module[sinkExport] as new () => MergeableOrderSink;
let reading: PartsReading | undefined;
parentPort?.on('message', (message: ScanWorkerMessage) => {
  void ('read' in message ? readPart(message.read) : finish());
});

async function readPart(job: RangeScanJob): Promise<void> {
  try {
    reading ??= new PartsReading(new Sink(), job);
    parentPort?.postMessage({ scanned: await reading.read(job) });
  } catch (error) {
    postError(error);
  }
}

function finish(): void {
  try {
    const parts = reading?.finish(collectGarbage);
    reading = undefined;
    parentPort?.postMessage({ finished: parts }, transferables(parts?.state));
  } catch (error) {
    postError(error);
  }
}

function postError(error: unknown): void {
  parentPort?.postMessage({ error: error instanceof Error ? { name: error.name, message: error.message, details: { ...error } } : String(error) });
}

/**
 * A full collection of this thread's heap, now: how a sink hands back the columns it gave up while
 * exporting (a few MB of heap here, a few ms). A context made after the flag has `gc`; where it
 * cannot be had, nothing (the memory goes back at the next collection).
 */
function collectGarbage(): void {
  fullCollection ??= exposedGc();
  fullCollection();
}
let fullCollection: (() => void) | undefined;

function exposedGc(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // Fall through: no collection on demand.
  }
  return () => {};
}

/** The typed arrays' buffers move to the main thread rather than being copied. */
function transferables(state: unknown): ArrayBuffer[] {
  if (state === undefined || state === null || typeof state !== 'object') return [];
  return Object.values(state).filter((value): value is ArrayBufferView => ArrayBuffer.isView(value)).map((view) => view.buffer as ArrayBuffer);
}

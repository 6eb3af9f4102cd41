import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { MergeableOrderSink } from './order-sink.js';
import { scanOrderRange, type RangeScanJob } from './scan-order-range.js';

/** A worker thread's orders (ScanThread): its sink's module at start, then parts of the file, each posted back whole before the next is sent. */
interface WorkerInput {
  readonly sinkModule: string;
  readonly sinkExport: string;
}

const { sinkModule, sinkExport } = workerData as WorkerInput;
const module = (await import(sinkModule)) as Record<string, new () => MergeableOrderSink>;
const Sink = module[sinkExport] as new () => MergeableOrderSink;
parentPort?.on('message', (job: RangeScanJob) => {
  void scanPart(job);
});

async function scanPart(job: RangeScanJob): Promise<void> {
  const sink = new Sink();
  try {
    const result = await scanOrderRange(job, sink);
    // Read: the thread handing out the parts may now choose this thread's next one, while the
    // ledger is exported.
    parentPort?.postMessage({ scanned: true });
    const state = result.bailed ? undefined : sink.exportState(collectGarbage);
    parentPort?.postMessage({ result, state }, transferables(state));
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? { name: error.name, message: error.message, details: { ...error } } : String(error) });
  }
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

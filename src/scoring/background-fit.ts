import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { forEachOrderDaySpan, type ResolvedDates } from '../history/build-timelines.js';
import type { BookLedger } from '../history/book-ledger.js';
import { builtModuleUrl } from '../ingest/built-module-url.js';
import type { Day } from '../ingest/day.js';
import type { BgNbdFit, CustomerSummary } from './bg-nbd/index.js';
import { bgNbdSummaryOfSpan, canFitBook, FIT_FAILED, type PrefittedModel } from './customer-model.js';
import { FIT_DONE, FIT_RUNNING, FIT_STARTING, FIT_THREW, fitChannel, type FitChannel, type FitWorkerInput } from './fit-channel.js';

/**
 * Below this many customers to fit, the fit takes less time than a thread takes to start: it is
 * made in the walk's own thread.
 */
const BACKGROUND_FIT_MIN_CUSTOMERS = 5000;
/** A thread that has not started by then will not: the fit is made here instead. */
const START_TIMEOUT_MS = 5_000;
/** A fit this slow has gone wrong (a fit of a million customers takes seconds): made here instead. */
const FIT_TIMEOUT_MS = 120_000;

const WORKER_URL = builtModuleUrl('scoring/fit-worker.js');

/**
 * Start the book's BG/NBD fit in a thread of its own, on summaries taken from the ledger before the
 * timelines are walked, so the fit runs on the second core while this one builds and scores the
 * timelines (the fit was 0.2 s of a 1M-line report and 0.5 s at 10M, with the other core idle).
 * Undefined for a book too small to gain from it, or where no thread can be started (the sources
 * run untranspiled, as under the test runner). The fit is handed over only for exactly the
 * summaries the walk finds (PrefittedModel), so the answers never depend on the thread.
 * `waiting`: a thread started ahead (startFitThread) is posted the summaries, or ended when there
 * is nothing for it to fit.
 */
export function startBackgroundFit(ledger: BookLedger, dates: ResolvedDates, asOf: Day, waiting?: WaitingFit): PrefittedModel | undefined {
  const columns = fitColumns(ledger, dates, asOf);
  if (columns === undefined) {
    void waiting?.worker.terminate();
    return undefined;
  }
  let started = waiting;
  if (started === undefined) {
    started = startFitThread({ summaries: columns });
    if (started === undefined) return undefined;
  } else {
    started.worker.postMessage(columns);
  }
  const { worker, channel } = started;
  return {
    fitOf(fitSummaries) {
      try {
        if (!sameSummaries(columns, fitSummaries)) return undefined;
        // The walk is synchronous and the fit is short: block on the shared status word rather
        // than turn the analysis asynchronous. A thread that died never sets it: the timeouts.
        if (Atomics.wait(channel.status, 0, FIT_STARTING, START_TIMEOUT_MS) === 'timed-out') return undefined;
        if (Atomics.load(channel.status, 0) === FIT_RUNNING && Atomics.wait(channel.status, 0, FIT_RUNNING, FIT_TIMEOUT_MS) === 'timed-out') return undefined;
        const status = Atomics.load(channel.status, 0);
        if (status === FIT_THREW) return FIT_FAILED;
        return status === FIT_DONE ? fitFromChannel(channel.result) : undefined;
      } finally {
        void worker.terminate();
      }
    },
  };
}

/** A fit's thread, started ahead of the summaries it is to fit (startFitThread) or with them. */
export interface WaitingFit {
  readonly worker: Worker;
  readonly channel: FitChannel;
}

/**
 * Start a fit's thread before its summaries are known, so that it boots while a core is free (the
 * last part of the orders being read): the thread then waits for startBackgroundFit to post them,
 * or to end it. Undefined where no thread can be started. Given `summaries`, it fits them at once.
 */
export function startFitThread(input: { summaries?: Float64Array } = {}): WaitingFit | undefined {
  if (!existsSync(fileURLToPath(WORKER_URL))) return undefined;
  const channel = fitChannel();
  try {
    const worker = new Worker(WORKER_URL, { workerData: { ...input, shared: channel.shared } satisfies FitWorkerInput });
    worker.unref();
    worker.on('error', () => {});
    return { worker, channel };
  } catch {
    return undefined;
  }
}

/** (x, tx, T) of each customer to fit, as columns; undefined when the book is too small to gain from a thread, or cannot support a fit. */
function fitColumns(ledger: BookLedger, dates: ResolvedDates, asOf: Day): Float64Array | undefined {
  if (ledger.customerCount < BACKGROUND_FIT_MIN_CUSTOMERS || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
  const bookSummaries: CustomerSummary[] = [];
  forEachOrderDaySpan(ledger, dates, asOf, (span) => bookSummaries.push(bgNbdSummaryOfSpan(span, asOf)));
  if (!canFitBook(bookSummaries)) return undefined;
  // The same selection as fitModelInputs makes.
  const summaries = bookSummaries.filter((summary) => summary.T > 0);
  if (summaries.length < BACKGROUND_FIT_MIN_CUSTOMERS) return undefined;
  const columns = new Float64Array(summaries.length * 3);
  summaries.forEach((summary, index) => {
    columns[index * 3] = summary.x;
    columns[index * 3 + 1] = summary.tx;
    columns[index * 3 + 2] = summary.T;
  });
  return columns;
}

function sameSummaries(columns: Float64Array, summaries: readonly CustomerSummary[]): boolean {
  if (columns.length !== summaries.length * 3) return false;
  return summaries.every(
    (summary, index) => columns[index * 3] === summary.x && columns[index * 3 + 1] === summary.tx && columns[index * 3 + 2] === summary.T,
  );
}

function fitFromChannel(result: Float64Array): BgNbdFit {
  const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN, logLikelihood = Number.NaN, iterations = 0, converged = 0] = result;
  return { params: { r, alpha, a, b }, logLikelihood, iterations, converged: converged === 1 };
}

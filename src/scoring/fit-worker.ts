import { parentPort, workerData } from 'node:worker_threads';
import { fitBgNbd, type BgNbdFit, type CustomerSummary } from './bg-nbd/index.js';
import { BOOK_FIT_OPTIONS } from './book-fit-options.js';
import { FIT_DONE, FIT_RUNNING, FIT_THREW, fitChannel, type FitWorkerInput } from './fit-channel.js';

/** The background fit's thread (startBackgroundFit): one fit, its result in the shared memory. */
const { summaries, shared } = workerData as FitWorkerInput;
const channel = fitChannel(shared);
if (summaries !== undefined) fitSummaryColumns(summaries);
// Started ahead of its summaries (startFitThread): they come as the one message.
else parentPort?.once('message', (columns: Float64Array) => fitSummaryColumns(columns));

function fitSummaryColumns(columns: Float64Array): void {
  Atomics.store(channel.status, 0, FIT_RUNNING);
  Atomics.notify(channel.status, 0);
  const customers: CustomerSummary[] = [];
  for (let index = 0; index < columns.length; index += 3) {
    customers.push({ x: columns[index] as number, tx: columns[index + 1] as number, T: columns[index + 2] as number });
  }
  let fit: BgNbdFit | undefined;
  try {
    fit = fitBgNbd(customers, BOOK_FIT_OPTIONS);
  } catch {
    fit = undefined;
  }
  if (fit !== undefined) {
    const { params } = fit;
    channel.result.set([params.r, params.alpha, params.a, params.b, fit.logLikelihood, fit.iterations, fit.converged ? 1 : 0]);
  }
  Atomics.store(channel.status, 0, fit === undefined ? FIT_THREW : FIT_DONE);
  Atomics.notify(channel.status, 0);
}

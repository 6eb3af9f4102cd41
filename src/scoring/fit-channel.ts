/** The background fit's status word: set by the fit's thread, waited on by the walk's. */
export const FIT_STARTING = 0;
export const FIT_RUNNING = 1;
export const FIT_DONE = 2;
/** fitBgNbd threw: the book has no model (the same as when it throws in the walk's thread). */
export const FIT_THREW = 3;

/**
 * What the fit's thread gets: the shared memory, and (x, tx, T) of each customer to fit, in order:
 * here, or posted to it later as its one message (a thread started ahead, startFitThread).
 */
export interface FitWorkerInput {
  readonly summaries?: Float64Array | undefined;
  readonly shared: SharedArrayBuffer;
}

/** The shared memory: a status word, then r, alpha, a, b, log-likelihood, iterations, converged (1/0). */
export interface FitChannel {
  readonly shared: SharedArrayBuffer;
  readonly status: Int32Array;
  readonly result: Float64Array;
}

const RESULT_VALUES = 7;

export function fitChannel(shared = new SharedArrayBuffer(8 + RESULT_VALUES * 8)): FitChannel {
  return { shared, status: new Int32Array(shared, 0, 1), result: new Float64Array(shared, 8, RESULT_VALUES) };
}

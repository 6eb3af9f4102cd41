import type { BgNbdParams } from './bg-nbd-params.js';

/**
 * Throw a descriptive Error unless every BG/NBD parameter is a finite number > 0.
 *
 * Every formula of the model takes logs of, or divides by, these parameters, so a zero,
 * negative or NaN value would not fail loudly: it would quietly turn into NaN scores.
 */
export function assertBgNbdParams(params: BgNbdParams): void {
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    const value = params[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`BG/NBD parameter ${name} must be a finite number > 0, got ${String(value)}`);
    }
  }
}

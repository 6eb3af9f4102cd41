import type { ScoredCustomer } from '../scoring/score-customer.js';
import { describeModel, describeSignal, REASON_MIN_SEVERITY } from './describe-signal.js';

/**
 * A customer's reasons in words, strongest first: the signals with evidence worth a mention, and
 * the model's view when it is what drives the score (a silence the signals cannot yet judge).
 */
export function reasonLines(customer: ScoredCustomer, currency: string | undefined, max = 3): string[] {
  const lines = customer.signals
    .filter((signal) => signal.severity >= REASON_MIN_SEVERITY)
    .map((signal) => describeSignal(signal, currency));
  const model = customer.model;
  const strongestSignal = Math.max(0, ...customer.signals.map((signal) => signal.severity));
  if (model !== undefined && model.contribution >= REASON_MIN_SEVERITY && model.contribution > strongestSignal) {
    lines.unshift(describeModel(model));
  } else if (model !== undefined && model.contribution >= REASON_MIN_SEVERITY) {
    lines.push(describeModel(model));
  }
  return lines.slice(0, max);
}

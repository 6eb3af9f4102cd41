import { compareText } from '../history/compare-text.js';
import { oneLine } from '../ingest/user-error.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';

/** Reps named in the warning, at most. */
const REPS_NAMED = 12;

/**
 * The warning for a `--rep` no customer has: a typo would otherwise give an empty report and a
 * `--fail-on` gate that can never be hit, without a word. It names the reps the book has.
 */
export function unknownRepWarning(rep: string, customers: readonly ScoredCustomer[]): string {
  const reps = [...new Set(customers.map((customer) => customer.rep).filter((name): name is string => name !== undefined))].sort(compareText);
  const known =
    reps.length === 0
      ? 'the export names no rep (no rep column, or --map rep="Header")'
      : `its reps: ${reps.slice(0, REPS_NAMED).map((name) => `"${name}"`).join(', ')}${reps.length > REPS_NAMED ? `, and ${reps.length - REPS_NAMED} more` : ''}`;
  return oneLine(`warning: no customer has rep "${rep}"; ${known}`);
}

import { formatDay, type Day } from '../ingest/day.js';
import type { PreviousReport } from '../ingest/read-previous-report.js';
import { oneLine } from '../ingest/user-error.js';

/**
 * The warning for a `--previous` report as of a later day than this run: its changes then run
 * backwards (a nightly job handed the wrong file, or a re-run of an old day), and "recovered"
 * means "was worse later". Undefined when the previous run is as of this day or before.
 */
export function previousRunWarning(previous: Pick<PreviousReport, 'file' | 'asOf'>, asOf: Day): string | undefined {
  const current = formatDay(asOf);
  // Both are YYYY-MM-DD: they compare as text.
  if (previous.asOf <= current) return undefined;
  return oneLine(`${previous.file}: warning: the previous report is as of ${previous.asOf}, after this run's ${current}: its changes run backwards`);
}

import { formatDay, type Day } from '../ingest/day.js';
import { oneLine } from '../ingest/user-error.js';

/**
 * A default as-of this far past the run's date is a mistyped year (2205, or a two-digit "50" read as
 * 2050), not a late export: one such row would move the whole analysis into the future. A few
 * weeks of slack keep exports dated by another time zone or a clock set a little behind quiet.
 */
const DAYS_AFTER_TODAY = 90;

export interface DefaultAsOf {
  readonly asOf: Day;
  readonly today: Day;
  readonly file: string;
  /** The line the as-of date was first seen on. */
  readonly line: number | undefined;
}

/** The warning for a default as-of far after today, or undefined when it is not. */
export function futureAsOfWarning({ asOf, today, file, line }: DefaultAsOf): string | undefined {
  if (asOf - today <= DAYS_AFTER_TODAY) return undefined;
  const where = line === undefined ? file : `${file}:${line}`;
  return oneLine(
    `${where}: warning: the latest order date, ${formatDay(asOf)}, is after today (${formatDay(today)}) and sets the as-of date. ` +
      'Fix that row, or pass --as-of YYYY-MM-DD',
  );
}

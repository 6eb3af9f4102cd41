// The one function's own module: the package index loads every date-fns function (~150 ms at start-up, in every thread).
import { isExists } from 'date-fns/isExists';

/**
 * Dates are whole days since 1970-01-01 (UTC) everywhere after ingest: integer arithmetic is
 * exact, time zones cannot shift a day, and equal days compare equal.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date, or undefined when the date does not exist (31/02). */
export function dayFromParts(year: number, month: number, dayOfMonth: number): Day | undefined {
  if (!isExists(year, month - 1, dayOfMonth)) return undefined;
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

/** A report formats the same few thousand days again and again (two dates a customer at least). */
const formattedDays = new Map<Day, string>();

export function formatDay(day: Day): string {
  let text = formattedDays.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formattedDays.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DD`, strictly (the form of `--as-of`). */
export function parseIsoDay(text: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  return dayFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Calendar month index (year * 12 + month0) of a day; used to bucket monthly revenue. */
export function monthIndexOfDay(day: Day): number {
  const date = new Date(day * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

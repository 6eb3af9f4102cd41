// Test helper (not a test): builds BG/NBD calibration summaries from the real CDNOW data.
// The data are read in place from /work/shared/data/cdnow/ (../shared/data/cdnow/ relative to
// the project root); they are deliberately not copied into this repository. See SOURCE.md there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomerSummary } from '../../src/scoring/bg-nbd/bg-nbd-params.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CDNOW_DIR = resolve(projectRoot, '..', 'shared', 'data', 'cdnow');
export const CDNOW_SAMPLE = resolve(CDNOW_DIR, 'CDNOW_sample.txt');
export const CDNOW_MASTER = resolve(CDNOW_DIR, 'CDNOW_master.txt');

const MS_PER_DAY = 86_400_000;
const ORIGIN = Date.UTC(1997, 0, 1);
/**
 * Last day of the calibration period, 1997-09-30, as a day index with 1997-01-01 = 0.
 * T is measured up to this day (not the day after): a customer who first bought on 1997-01-01
 * gets T = 272/7 = 38.857 weeks, the 38.86 of lifetimes' cdnow_customers_summary.csv and of
 * BTYD (T = (calibration end − first purchase)/7); 273/7 = 39.0 would not match.
 * Purchases on 1997-09-30 itself are in the calibration period, so tx <= T always.
 */
export const CALIBRATION_END_DAY = 272;

function dayIndex(yyyymmdd: string): number {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const ms = Date.UTC(year, month - 1, day);
  if (yyyymmdd.length !== 8 || !Number.isFinite(ms)) throw new Error(`bad CDNOW date ${yyyymmdd}`);
  return Math.round((ms - ORIGIN) / MS_PER_DAY);
}

/**
 * Calibration summaries (x, tx, T in weeks) of every customer in a CDNOW file.
 * One order per customer-day (same-day rows merged); x = distinct purchase days in the
 * calibration period − 1; tx = (last calibration purchase day − first purchase day)/7;
 * T = (1997-09-30 − first purchase day)/7.
 *
 * @param file CDNOW_SAMPLE (no header; id, sample id, date, CDs, dollars) or CDNOW_MASTER
 *   (one header line; id, date, CDs, dollars).
 */
export function cdnowSummaries(file: string): CustomerSummary[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const isSample = file === CDNOW_SAMPLE;
  const dateColumn = isSample ? 2 : 1;
  const days = new Map<string, Set<number>>();
  for (const [i, line] of lines.entries()) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue; // blank trailing line
    if (!isSample && i === 0 && fields[0] === 'customer_id') continue; // header
    const id = fields[0];
    const date = fields[dateColumn];
    if (id === undefined || date === undefined) throw new Error(`${file}:${i + 1}: too few fields`);
    const set = days.get(id) ?? new Set<number>();
    set.add(dayIndex(date));
    days.set(id, set);
  }
  const summaries: CustomerSummary[] = [];
  for (const set of days.values()) {
    const sorted = [...set].sort((p, q) => p - q);
    const first = sorted[0];
    if (first === undefined || first > CALIBRATION_END_DAY) continue; // cohort starts in Q1 1997: never happens
    const inCalibration = sorted.filter((d) => d <= CALIBRATION_END_DAY);
    const last = inCalibration[inCalibration.length - 1] ?? first;
    summaries.push({ x: inCalibration.length - 1, tx: (last - first) / 7, T: (CALIBRATION_END_DAY - first) / 7 });
  }
  return summaries;
}

/** Whether a CDNOW file is present; the tests skip (with a message) when it is not. */
export function hasCdnow(file: string): boolean {
  return existsSync(file);
}

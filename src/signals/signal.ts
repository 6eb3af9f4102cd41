import type { CustomerTimeline } from '../history/customer-timeline.js';
import type { Day } from '../ingest/day.js';

export const SIGNAL_IDS = ['volume_decline', 'widening_gaps', 'split_purchasing', 'complaints'] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

/** Evidence is numbers (and the names of product lines); words are the reporter's job. */
export type EvidenceValue = number | readonly string[];
export type Evidence = Readonly<Record<string, EvidenceValue>>;

export interface SignalResult {
  readonly id: SignalId;
  /** 0 (nothing wrong) to 1 (as strong as this signal gets). */
  readonly severity: number;
  readonly evidence: Evidence;
}

/** The windows every signal measures with. */
export interface SignalWindows {
  /** The recent window ending at the as-of date. */
  readonly recentDays: number;
  /** The baseline: this many days before the recent window. */
  readonly baselineDays: number;
}

export const DEFAULT_WINDOWS: SignalWindows = { recentDays: 90, baselineDays: 365 };

export type Signal = (timeline: CustomerTimeline, asOf: Day, windows: SignalWindows) => SignalResult;

export function clamp01(value: number): number {
  return Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value));
}

/** Round for output: evidence carries the precision a reader can use, and JSON stays stable. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

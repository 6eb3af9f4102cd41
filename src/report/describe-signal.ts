import type { Evidence, SignalResult } from '../signals/signal.js';
import { formatMoney } from './money.js';

/** Below this a signal is not worth a reason in the table. */
export const REASON_MIN_SEVERITY = 0.15;

/** One plain-language reason with its numbers, for a signal's evidence. */
export function describeSignal(result: SignalResult, currency: string | undefined): string {
  const e = result.evidence;
  switch (result.id) {
    case 'volume_decline':
      return describeVolume(e, currency);
    case 'widening_gaps':
      return describeGaps(e);
    case 'split_purchasing':
      return describeSplit(e);
    case 'complaints':
      return describeComplaints(e);
  }
}

/** The model's reason: its chance of no order over the customer's horizon. */
export function describeModel(model: { pNoOrder: number; noOrderDays: number; expectedOrders: number; horizonDays: number }): string {
  return `${Math.round(model.pNoOrder * 100)}% chance of no order in the next ${model.noOrderDays} days (model expects ${model.expectedOrders.toFixed(1)} orders in ${model.horizonDays})`;
}

function num(e: Evidence, key: string): number {
  const value = e[key];
  return typeof value === 'number' ? value : 0;
}

function names(e: Evidence, key: string): readonly string[] {
  const value = e[key];
  return Array.isArray(value) ? value : [];
}

function describeVolume(e: Evidence, currency: string | undefined): string {
  if (!('declinePct' in e)) return 'not enough history for a volume baseline';
  const against = num(e, 'comparedWithLastYear') === 1 ? 'vs the same months last year' : 'vs the prior 12 months';
  const from = formatMoney(num(e, 'comparedRevenue'), currency);
  const to = formatMoney(num(e, 'recentRevenue'), currency);
  const decline = Math.round(num(e, 'declinePct'));
  const days = num(e, 'recentDays');
  const per = days === 90 ? 'a quarter' : `per ${days / 30} months`;
  if (decline <= 0) return `revenue steady or up ${against} (${from} → ${to} ${per})`;
  return `revenue down ${decline}% ${against} (${from} → ${to} ${per})`;
}

function describeGaps(e: Evidence): string {
  if (!('usualGapDays' in e)) return `${num(e, 'daysSinceLastOrder')} days since last order; too few orders for a cadence`;
  const since = num(e, 'daysSinceLastOrder');
  const usual = Math.round(num(e, 'usualGapDays'));
  if (num(e, 'seasonalSilence') === 1) return `${since} days since last order, as quiet as this time last year`;
  if (num(e, 'overdueLeads') === 1 || num(e, 'recentGapDays') === 0) {
    return `${since} days since last order, usually every ${usual}`;
  }
  return `gaps between orders grew to ${Math.round(num(e, 'recentGapDays'))} days, usually every ${usual}`;
}

function describeSplit(e: Evidence): string {
  const stopped = names(e, 'stoppedLines');
  if (stopped.length > 0) {
    return `stopped buying ${joinNames(stopped)} (${Math.round(num(e, 'lostSharePct'))}% of former spend)`;
  }
  const before = num(e, 'baselineLinesPerOrder');
  const now = num(e, 'recentLinesPerOrder');
  // Said only when the shown numbers differ: "3.0 → 3.0" read as a warning about nothing.
  if (before > 0 && now > 0 && now.toFixed(1) !== before.toFixed(1) && now < before) {
    return `fewer product lines per order (${before.toFixed(1)} → ${now.toFixed(1)})`;
  }
  return 'no product lines stopped';
}

function describeComplaints(e: Evidence): string {
  const open = num(e, 'openCount');
  const parts: string[] = [];
  if (open > 0) {
    const categories = names(e, 'openCategories');
    const kind = categories.length === 1 ? `${categories[0]} ` : '';
    parts.push(`${open} open ${kind}complaint${open === 1 ? '' : 's'}, oldest ${num(e, 'oldestOpenDays')} days`);
  }
  const slow = num(e, 'slowResolvedCount');
  if (slow > 0) parts.push(`${slow} slow to close (avg ${Math.round(num(e, 'slowResolutionAvgDays'))} days)`);
  if (parts.length === 0) return num(e, 'recentComplaints') > 0 ? 'recent complaints were resolved quickly' : 'no complaints';
  return parts.join('; ');
}

function joinNames(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

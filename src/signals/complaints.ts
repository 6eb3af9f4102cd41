import type { ComplaintRecord, CustomerTimeline } from '../history/customer-timeline.js';
import { ordersBetween } from '../history/timeline-queries.js';
import type { ComplaintCategory, ComplaintSeverity } from '../ingest/complaint-vocabulary.js';
import type { Day } from '../ingest/day.js';
import { clamp01, round, type Evidence, type SignalResult, type SignalWindows } from './signal.js';

const SEVERITY_WEIGHT: Record<ComplaintSeverity, number> = { low: 0.5, medium: 1, high: 1.5, critical: 2 };
/** Indifferent treatment (late deliveries, billing friction, paperwork) is why most customers leave. */
const CATEGORY_WEIGHT: Record<ComplaintCategory, number> = {
  delivery: 1.2,
  billing: 1.2,
  paperwork: 1.2,
  service: 1.1,
  product: 0.9,
  other: 1,
};
/** An open complaint weighs this much on the day it is opened... */
const OPEN_BASE = 0.6;
/** ...and this much more per 60 days it stays open, up to OPEN_AGE_CAP_DAYS. */
const OPEN_GROWTH_PER_60_DAYS = 1;
const OPEN_AGE_CAP_DAYS = 90;
/** Closed within this many days: handled well, adds nothing. */
const QUICK_RESOLUTION_DAYS = 7;
/** Days beyond QUICK_RESOLUTION_DAYS at which a resolution counts as fully slow. */
const SLOW_RESOLUTION_SPAN_DAYS = 21;
const CLOSED_WEIGHT = 0.8;
/** A closed complaint's weight halves about every 125 days after closing. */
const CLOSED_DECAY_DAYS = 180;
/** A closed complaint without a close date: it was closed, but we cannot tell how well. */
const CLOSED_UNDATED_WEIGHT = 0.15;
/** Orders in the exposure window that make "one complaint" count in full (about one a month). */
const EXPOSURE_ORDERS = 6;
const EXPOSURE_DAYS = 180;
/** Load -> severity: 1 - exp(-LOAD_RATE * load). */
const LOAD_RATE = 0.7;

/**
 * Complaints that raise risk: open ones (more as they age), slowly resolved ones (less as time
 * passes), weighted by severity and category, per order placed, so a busy customer filing more
 * tickets is not mistaken for an unhappy one. Quickly resolved complaints add nothing.
 */
export function complaints(timeline: CustomerTimeline, asOf: Day, _windows: SignalWindows): SignalResult {
  const records = timeline.complaints.filter((complaint) => complaint.openedDay <= asOf);
  // Most customers have none: no load, whatever their orders (the evidence the loop below would give).
  if (records.length === 0) return { id: 'complaints', severity: 0, evidence: noComplaints() };
  let load = 0;
  let openCount = 0;
  let oldestOpenDays = 0;
  let slowCount = 0;
  let slowResolutionDays = 0;
  const openCategories = new Set<ComplaintCategory>();
  for (const complaint of records) {
    const weight = complaintWeight(complaint);
    if (complaint.open) {
      const age = asOf - complaint.openedDay;
      load += weight * (OPEN_BASE + (OPEN_GROWTH_PER_60_DAYS * Math.min(age, OPEN_AGE_CAP_DAYS)) / 60);
      openCount++;
      oldestOpenDays = Math.max(oldestOpenDays, age);
      if (complaint.category !== undefined) openCategories.add(complaint.category);
    } else if (complaint.closedDay !== undefined) {
      const resolutionDays = complaint.closedDay - complaint.openedDay;
      const slowness = clamp01((resolutionDays - QUICK_RESOLUTION_DAYS) / SLOW_RESOLUTION_SPAN_DAYS);
      const fade = Math.exp(-(asOf - complaint.closedDay) / CLOSED_DECAY_DAYS);
      load += weight * CLOSED_WEIGHT * slowness * fade;
      if (slowness > 0 && asOf - complaint.closedDay <= EXPOSURE_DAYS) {
        slowCount++;
        slowResolutionDays += resolutionDays;
      }
    } else {
      load += weight * CLOSED_UNDATED_WEIGHT * Math.exp(-(asOf - complaint.openedDay) / CLOSED_DECAY_DAYS);
    }
  }
  const recentOrders = ordersBetween(timeline, asOf - EXPOSURE_DAYS, asOf);
  const exposure = Math.max(1, Math.sqrt(recentOrders / EXPOSURE_ORDERS));
  const severity = 1 - Math.exp((-LOAD_RATE * load) / exposure);
  const recentComplaints = records.filter((complaint) => complaint.openedDay > asOf - EXPOSURE_DAYS).length;
  return {
    id: 'complaints',
    severity: round(severity, 3),
    evidence: {
      openCount,
      oldestOpenDays,
      openCategories: [...openCategories].sort(),
      slowResolvedCount: slowCount,
      slowResolutionAvgDays: slowCount === 0 ? 0 : round(slowResolutionDays / slowCount, 1),
      recentComplaints,
      complaintsPerOrder: recentOrders === 0 ? recentComplaints : round(recentComplaints / recentOrders, 2),
      load: round(load, 2),
    },
  };
}

function noComplaints(): Evidence {
  return {
    openCount: 0,
    oldestOpenDays: 0,
    openCategories: [],
    slowResolvedCount: 0,
    slowResolutionAvgDays: 0,
    recentComplaints: 0,
    complaintsPerOrder: 0,
    load: 0,
  };
}

function complaintWeight(complaint: ComplaintRecord): number {
  return SEVERITY_WEIGHT[complaint.severity ?? 'medium'] * CATEGORY_WEIGHT[complaint.category ?? 'other'];
}

import { medianOf } from './median-of.js';

/**
 * Gaps between order days are whole days, mostly a few weeks: this many days or fewer are counted
 * into a histogram. A longer one (a customer back after years) sends the call to medianOf.
 */
const MAX_COUNTED_GAP_DAYS = 4096;
/** A histogram wider than this many slots per gap (a few gaps spread over years) costs more to scan than selecting. */
const SLOTS_PER_GAP = 8;
const MIN_SLOTS = 64;

/** Gaps per whole day, all zero between calls: each call clears the slots it filled. */
let gapsOfDays = new Int32Array(MIN_SLOTS);
/** Scratch for the log-deviations when the gaps cannot be counted. */
let deviationScratch = new Float64Array(256);

/**
 * The median of the first `count` gaps, bit for bit medianOf of them (and so simple-statistics'
 * `median`). Whole-day gaps are counted into a histogram and the middle read off it: a
 * customer's gaps take a few dozen values, and selecting among hundreds of them, twice for each
 * customer, was a tenth of a 10M-line book's walk. NaN when `count` is 0.
 */
export function medianOfGaps(gaps: ArrayLike<number>, count: number): number {
  const widest = countGaps(gaps, count);
  if (widest < 0) return medianOf(gaps, count);
  const median = countedMedian(widest, count);
  gapsOfDays.fill(0, 0, widest + 1);
  return median;
}

/**
 * The median of |ln(gap / center)| over the first `count` gaps, bit for bit medianOf of those
 * values: how far a customer's gaps stray from their usual one, on a log scale. Counted, the
 * deviations ascend walking out from the center on both sides, so only the values up to the middle
 * are computed, once per distinct gap instead of once per gap. NaN when `count` is 0.
 */
export function medianLogDeviation(gaps: ArrayLike<number>, count: number, center: number): number {
  const widest = center > 0 && center < Number.POSITIVE_INFINITY ? countGaps(gaps, count) : -1;
  if (widest < 0) return medianOfDeviations(gaps, count, center);
  const deviation = countedMedianLogDeviation(widest, count, center);
  gapsOfDays.fill(0, 0, widest + 1);
  return deviation;
}

/**
 * A customer's cadence: the median gap, and the median log-deviation of the gaps from it
 * (medianOfGaps, then medianLogDeviation about that median), from one count of the gaps.
 */
export function gapCadence(gaps: ArrayLike<number>, count: number): { readonly medianGap: number; readonly medianLogDeviation: number } {
  const widest = countGaps(gaps, count);
  if (widest < 0) {
    // Gaps the histogram refuses: both medians from the values themselves, without counting again.
    const medianGap = medianOf(gaps, count);
    return { medianGap, medianLogDeviation: medianOfDeviations(gaps, count, medianGap) };
  }
  const medianGap = countedMedian(widest, count);
  const deviation = countedMedianLogDeviation(widest, count, medianGap);
  gapsOfDays.fill(0, 0, widest + 1);
  return { medianGap, medianLogDeviation: deviation };
}

/** The median of the `count` gaps in the histogram, the longest `widest` days. */
function countedMedian(widest: number, count: number): number {
  const below = Math.floor((count - 1) / 2);
  const above = count - 1 - below;
  let seen = 0;
  let lower = Number.NaN;
  let upper = Number.NaN;
  for (let days = 1; days <= widest; days++) {
    seen += gapsOfDays[days] as number;
    if (Number.isNaN(lower) && seen > below) lower = days;
    if (seen > above) {
      upper = days;
      break;
    }
  }
  // quantileSorted's arithmetic: the middle value, or the mean of the middle two.
  return below === above ? lower : (lower + upper) / 2;
}

/** The median of |ln(gap / center)| over the `count` gaps in the histogram; `center` is positive and finite. */
function countedMedianLogDeviation(widest: number, count: number, center: number): number {
  const below = Math.floor((count - 1) / 2);
  const above = count - 1 - below;
  // Gaps of `center` days or more deviate more the longer they are; shorter ones, the shorter.
  // Both walks start within the counted days, whatever the center.
  let longer = Math.min(Math.ceil(center), widest + 1);
  let shorter = Math.min(Math.ceil(center) - 1, widest);
  let seen = 0;
  let lower = Number.NaN;
  let upper = Number.NaN;
  while (seen <= above) {
    while (longer <= widest && gapsOfDays[longer] === 0) longer++;
    while (shorter >= 1 && gapsOfDays[shorter] === 0) shorter--;
    const longerDeviation = longer <= widest ? Math.abs(Math.log(longer / center)) : Number.POSITIVE_INFINITY;
    const shorterDeviation = shorter >= 1 ? Math.abs(Math.log(shorter / center)) : Number.POSITIVE_INFINITY;
    let deviation: number;
    if (longerDeviation <= shorterDeviation) {
      deviation = longerDeviation;
      seen += gapsOfDays[longer] as number;
      longer++;
    } else {
      deviation = shorterDeviation;
      seen += gapsOfDays[shorter] as number;
      shorter--;
    }
    if (Number.isNaN(lower) && seen > below) lower = deviation;
    if (seen > above) upper = deviation;
  }
  return below === above ? lower : (lower + upper) / 2;
}

/**
 * The first `count` gaps into the histogram; returns the longest. -1 (and nothing counted) when
 * there are none, or one is not a whole number of days from 1 to MAX_COUNTED_GAP_DAYS, or they
 * spread too wide for their number.
 */
function countGaps(gaps: ArrayLike<number>, count: number): number {
  if (count === 0) return -1;
  let widest = 0;
  for (let index = 0; index < count; index++) {
    const days = gaps[index] as number;
    if (!(days >= 1 && days <= MAX_COUNTED_GAP_DAYS && Number.isInteger(days))) return -1;
    if (days > widest) widest = days;
  }
  if (widest > MIN_SLOTS + SLOTS_PER_GAP * count) return -1;
  if (gapsOfDays.length <= widest) gapsOfDays = new Int32Array(Math.max(widest + 1, gapsOfDays.length * 2));
  for (let index = 0; index < count; index++) {
    const days = gaps[index] as number;
    gapsOfDays[days] = (gapsOfDays[days] as number) + 1;
  }
  return widest;
}

function medianOfDeviations(gaps: ArrayLike<number>, count: number, center: number): number {
  if (deviationScratch.length < count) deviationScratch = new Float64Array(Math.max(count, deviationScratch.length * 2));
  for (let index = 0; index < count; index++) deviationScratch[index] = Math.abs(Math.log((gaps[index] as number) / center));
  return medianOf(deviationScratch, count);
}

import { medianSorted } from 'simple-statistics';

/** The sorted copy, reused from call to call: analyses take one customer at a time. */
let sorted = new Float64Array(256);

/**
 * The median of the first `count` of `values`, bit for bit simple-statistics' `median` of them
 * (its interpolation, read off a fully sorted copy). The copy is sorted in scratch kept between
 * calls: a customer's order gaps are taken a median of several times, and `median` copies its
 * input into a fresh array each time (with the gap arrays themselves, half of all the memory a
 * book's analysis allocated). NaN when `count` is 0, where `median` throws.
 */
export function medianOf(values: ArrayLike<number>, count: number): number {
  if (count === 0) return Number.NaN;
  if (sorted.length < count) sorted = new Float64Array(Math.max(count, sorted.length * 2));
  for (let index = 0; index < count; index++) sorted[index] = values[index] as number;
  const view = sorted.subarray(0, count).sort();
  // medianSorted reads `length` and indexes, which a typed array has: no copy to a plain array.
  return medianSorted(view as unknown as number[]);
}

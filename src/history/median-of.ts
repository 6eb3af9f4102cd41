import { quantileSorted, quickselect } from 'simple-statistics';

/** The copy to select in, reused from call to call: analyses take one customer at a time. */
let scratch = new Float64Array(256);

/**
 * The median of the first `count` of `values`, bit for bit simple-statistics' `median` of them:
 * the same steps as its `quantile`, on a copy in scratch kept between calls. A customer's order gaps
 * are taken a median of several times, and `median` copies its input into a fresh array each time
 * (with the gap arrays themselves, half of all the memory a book's analysis allocated). NaN when
 * `count` is 0, where `median` throws.
 */
export function medianOf(values: ArrayLike<number>, count: number): number {
  if (count === 0) return Number.NaN;
  if (scratch.length < count) scratch = new Float64Array(Math.max(count, scratch.length * 2));
  for (let index = 0; index < count; index++) scratch[index] = values[index] as number;
  // A view of exactly `count`: quickselect and quantileSorted read its length. Their types ask for
  // a number[]; they only index it, as a typed array can be (a full sort of it cost twice the time).
  const copy = scratch.subarray(0, count) as unknown as number[];
  // The order statistics either side of the middle put in place, as quantile(values, 0.5) does.
  const middle = (count - 1) / 2;
  const below = Math.floor(middle);
  quickselect(copy, below, 0, count - 1);
  if (below !== middle) quickselect(copy, below + 1, below + 1, count - 1);
  return quantileSorted(copy, 0.5);
}

/** When a scan thread done with its parts takes part of another's rest, and how much. */
export interface SharePolicy {
  /** No less than this is taken: a share costs a probe for a line start and a message each way. */
  readonly minBytes: number;
  /** The taker's work once it has no more to read, in ms (see SHARE_TAIL_MS). */
  readonly tailMs: number;
}

/** ~50 ms of a thread's reading, many times what taking it costs (the taker reads it into the sink it has). */
export const SHARE_MIN_BYTES = 8 * 1024 * 1024;

/**
 * A share is sized for the taker to end this much before the other thread. Once it has no more
 * to read, its thread exports its sink, the main thread reads the complaints and the fit's thread
 * boots (~0.3 s of work on the core it frees), while the other thread reading on keeps the other
 * core busy. Split evenly, the two threads ended together and all of that came after the read,
 * four threads on two cores: 10M lines were slower than with no share below 64 MB (the rule
 * before a share cost an export) in 7 of 10 alternating pairs. Sized this way, faster in 10 of 12.
 */
export const SHARE_TAIL_MS = 300;

export function sharePolicy(options: { readonly shareMinBytes?: number | undefined; readonly shareTailMs?: number | undefined }): SharePolicy {
  return { minBytes: options.shareMinBytes ?? SHARE_MIN_BYTES, tailMs: options.shareTailMs ?? SHARE_TAIL_MS };
}

/** Bytes a millisecond read of a part so far (from `start` at time `since` to `readTo` now); undefined before there is anything to tell by. */
export function readingRate(part: { readonly start: number; readonly since: number }, readTo: number, now: number): number | undefined {
  const elapsed = now - part.since;
  return elapsed > 0 && readTo > part.start ? (readTo - part.start) / elapsed : undefined;
}

/**
 * How many of the `left` bytes of another thread's part a thread done with its own should take:
 * t such that it reads them (at `ownRate`) in the time the other thread takes for the rest (at
 * `otherRate`) less the taker's tail, t / own = (left - t) / other - tail. 0 when that is under
 * `minBytes`, or a rate is not known yet.
 */
export function bytesToTake(left: number, ownRate: number | undefined, otherRate: number | undefined, share: SharePolicy): number {
  if (ownRate === undefined || otherRate === undefined) return 0;
  const taken = Math.floor(((left - otherRate * share.tailMs) * ownRate) / (ownRate + otherRate));
  return taken >= share.minBytes ? taken : 0;
}

import { complaints } from './complaints.js';
import type { Signal, SignalId } from './signal.js';
import { splitPurchasing } from './split-purchasing.js';
import { volumeDecline } from './volume-decline.js';
import { wideningGaps } from './widening-gaps.js';

/** Every signal, in the order ties are broken when ranking reasons. */
export const ALL_SIGNALS: ReadonlyArray<readonly [SignalId, Signal]> = [
  ['volume_decline', volumeDecline],
  ['widening_gaps', wideningGaps],
  ['split_purchasing', splitPurchasing],
  ['complaints', complaints],
];

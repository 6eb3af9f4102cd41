import type { RejectReason, RowReject } from '../ingest/reject-log.js';
import { oneLine } from '../ingest/user-error.js';

/** What the reject lines need of an input: its name, counts and first rejects. */
export interface RejectTally {
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Partial<Record<RejectReason, number>>;
  readonly firstRejects: readonly RowReject[];
}

const REASON_WORDS: Record<RejectReason, string> = {
  missing_customer: 'no customer id',
  bad_encoding: 'characters not in the file\'s encoding (try --encoding)',
  missing_date: 'no date',
  bad_date: 'not a date in a layout the tool reads',
  missing_amount: 'no amount (nor quantity and unit price)',
  bad_amount: 'not an amount',
  bad_quantity: 'not a quantity',
  bad_unit_price: 'not a unit price',
  extra_fields: 'more fields than the header',
  unknown_customer: 'customer not in the orders export',
  bad_closed_date: 'closed date is not a date',
  closed_before_opened: 'closed before it was opened',
};

export function describeReject(reject: RowReject): string {
  const field = reject.field ?? '';
  const value = reject.value === undefined ? '' : `"${reject.value}"`;
  const what = field === '' && value === '' ? '' : `${[field, value].filter((part) => part !== '').join(' ')}: `;
  return oneLine(`${reject.file}:${reject.line}: ${what}${REASON_WORDS[reject.reason]}`);
}

/** The stderr lines for an input's rejects: the first ones, then the total by reason. */
export function rejectLines(input: RejectTally): string[] {
  if (input.rowsRejected === 0) return [];
  return [...input.firstRejects.map(describeReject), rejectTotalLine(input)];
}

/** `file: 3 of 40 rows skipped (1 not an amount, 2 no date)`. */
export function rejectTotalLine(input: RejectTally): string {
  const byReason = Object.entries(input.rejectedByReason)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([reason, count]) => `${count} ${REASON_WORDS[reason as RejectReason]}`)
    .join(', ');
  return `${input.file}: ${input.rowsRejected} of ${input.rowsRead} rows skipped (${byReason})`;
}

import type { RejectReason, RowReject } from '../ingest/reject-log.js';
import type { InputSummary } from '../scoring/analyze-book.js';

const REASON_WORDS: Record<RejectReason, string> = {
  missing_customer: 'no customer id',
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
  const field = reject.field === undefined ? '' : ` ${reject.field}`;
  const value = reject.value === undefined ? '' : ` "${reject.value}"`;
  const what = field === '' && value === '' ? '' : `${field.trim()}${value}: `;
  return `${reject.file}:${reject.line}: ${what}${REASON_WORDS[reject.reason]}`;
}

/** The stderr lines for an input's rejects: the first ones, then the total by reason. */
export function rejectLines(input: InputSummary): string[] {
  if (input.rowsRejected === 0) return [];
  const lines = input.firstRejects.map(describeReject);
  const byReason = Object.entries(input.rejectedByReason)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([reason, count]) => `${count} ${REASON_WORDS[reason as RejectReason]}`)
    .join(', ');
  lines.push(`${input.file}: ${input.rowsRejected} of ${input.rowsRead} rows skipped (${byReason})`);
  return lines;
}

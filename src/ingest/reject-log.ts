/** Why a row was not used. Codes only: the report turns them into words. */
export type RejectReason =
  | 'missing_customer'
  | 'bad_encoding'
  | 'missing_date'
  | 'bad_date'
  | 'missing_amount'
  | 'bad_amount'
  | 'bad_quantity'
  | 'bad_unit_price'
  | 'extra_fields'
  | 'unknown_customer'
  | 'bad_closed_date'
  | 'closed_before_opened';

export interface RowReject {
  readonly file: string;
  readonly line: number;
  readonly reason: RejectReason;
  readonly field?: string | undefined;
  readonly value?: string | undefined;
}

/** Counts every rejected row by reason and keeps the first ones whole, for the user to find. */
export class RejectLog {
  static readonly KEPT = 20;
  count = 0;
  readonly byReason: Partial<Record<RejectReason, number>> = {};
  readonly first: RowReject[] = [];

  add(reject: RowReject): void {
    this.count++;
    this.byReason[reject.reason] = (this.byReason[reject.reason] ?? 0) + 1;
    if (this.first.length < RejectLog.KEPT) this.first.push(reject);
  }

  /** Add the rejects of a later part of the same file, whose lines count from `lineBase`. */
  absorb(other: Pick<RejectLog, 'count' | 'byReason' | 'first'>, lineBase: number): void {
    this.count += other.count;
    for (const [reason, count] of Object.entries(other.byReason) as Array<[RejectReason, number]>) {
      this.byReason[reason] = (this.byReason[reason] ?? 0) + count;
    }
    for (const reject of other.first) {
      if (this.first.length >= RejectLog.KEPT) break;
      this.first.push({ ...reject, line: reject.line + lineBase });
    }
  }

  /** Rejects sorted by line, so output does not depend on when a row was found to be bad. */
  sortedFirst(): RowReject[] {
    return [...this.first].sort((a, b) => a.line - b.line || a.reason.localeCompare(b.reason));
  }
}

/** One usable line of an orders export. Amounts are integer cents so sums are exact in any order. */
export interface OrderLine {
  readonly line: number;
  readonly customerId: string;
  readonly customerName: string | undefined;
  readonly orderId: string | undefined;
  /** Token of the date text in the file's DateColumn; resolved to a day once the whole column is seen. */
  readonly dateToken: number;
  /** Negative for a return line. */
  readonly amountCents: number;
  /** Category when the export has one, else SKU. */
  readonly productLine: string | undefined;
  readonly rep: string | undefined;
}

/** Round half away from zero, so a sale and its full return cancel to exactly 0. */
export function toCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

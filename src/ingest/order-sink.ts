import type { OrderLine } from './order-line.js';

/**
 * Where an orders reader puts usable lines. The byte reader numbers each distinct string once
 * (`customerNumber` and friends) and then passes numbers, so a row costs no string and no object.
 */
export interface OrderSink {
  addOrderLine(line: OrderLine): void;
  customerNumber(customerId: string): number;
  productLineNumber(productLine: string): number;
  /** Names and reps. */
  labelNumber(label: string): number;
  /** `orderHash` is hashOrderId's value or NO_ORDER_ID; the other numbers are -1 for none. */
  addInternedLine(customer: number, dateToken: number, amountCents: number, orderHash: number, productLine: number, name: number, rep: number): void;
}

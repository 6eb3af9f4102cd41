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

/** A sink whose parts, filled in several threads from parts of one export, merge into one. */
export interface MergeableOrderSink<State = unknown> extends OrderSink {
  /**
   * The rows that follow are from another part of the file than those before (one thread reading
   * several parts into one sink), for a sink that makes use of knowing it.
   */
  startPart?(): void;
  /** Make room for about this many rows up front (a part of a big file), if the sink grows with rows. */
  reserve?(rows: number): void;
  /**
   * The state, to hand to another thread. `freeGivenUp`, when given, is called once the sink has
   * given up working memory it no longer needs (see BookLedger.exportState).
   */
  exportState(freeGivenUp?: () => void): State;
  /** Add a part's state; `tokenOf` renumbers the part's date tokens into this book's. */
  absorb(state: State, tokenOf: ArrayLike<number>): void;
}

/**
 * How to make an empty sink of the same kind: `create` in this thread, and, for worker threads,
 * the module and export name of a class with a no-argument constructor.
 */
export interface SinkFactory<State = unknown> {
  create(): MergeableOrderSink<State>;
  readonly module: string;
  readonly exportName: string;
}

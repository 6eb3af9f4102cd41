import { intern } from './intern.js';
import type { OrderLine } from './order-line.js';
import type { MergeableOrderSink } from './order-sink.js';

export interface OrderTallyState {
  readonly rows: number;
  /** Ids of the customers with at least one usable row. */
  readonly customerIds: readonly string[];
  readonly dateTokens: readonly number[];
}

/** Counts what `churn check` reports of the usable rows: how many, how many customers, which dates. */
export class OrderTally implements MergeableOrderSink<OrderTallyState> {
  rows = 0;
  private readonly customerIds: string[] = [];
  private readonly customerIndex = new Map<string, number>();
  private readonly usedCustomers = new Set<number>();
  readonly dateTokens = new Set<number>();

  get customers(): number {
    return this.usedCustomers.size;
  }

  customerNumber(customerId: string): number {
    return intern(customerId, this.customerIds, this.customerIndex);
  }

  productLineNumber(): number {
    return 0;
  }

  labelNumber(): number {
    return 0;
  }

  addOrderLine(line: OrderLine): void {
    this.addInternedLine(this.customerNumber(line.customerId), line.dateToken);
  }

  addInternedLine(customer: number, dateToken: number): void {
    this.rows++;
    this.usedCustomers.add(customer);
    this.dateTokens.add(dateToken);
  }

  exportState(): OrderTallyState {
    return {
      rows: this.rows,
      customerIds: [...this.usedCustomers].map((customer) => this.customerIds[customer] as string),
      dateTokens: [...this.dateTokens],
    };
  }

  absorb(state: OrderTallyState, tokenOf: ArrayLike<number>): void {
    this.rows += state.rows;
    for (const id of state.customerIds) this.usedCustomers.add(this.customerNumber(id));
    for (const token of state.dateTokens) this.dateTokens.add(tokenOf[token] as number);
  }
}

import type { DateColumn } from './date-column.js';
import type { OrderField } from './fields.js';
import { parseMoney, type DecimalMark } from './money.js';
import { toCents, type OrderLine } from './order-line.js';
import type { RejectLog, RejectReason } from './reject-log.js';

/** Where the order fields are: column numbers, with customer and date always present. */
export type OrderColumns = Partial<Record<OrderField, number>> & { readonly customer: number; readonly date: number };

/** Everything a row needs to be judged, the same in every thread. */
export interface OrderRowContext {
  readonly file: string;
  readonly headers: readonly string[];
  readonly columns: OrderColumns;
  readonly decimalMark: DecimalMark;
}

/**
 * Turns one split row of an orders export into a usable line or a reject with its reason. The one
 * place rows are judged: the byte reader sends here every row it cannot read with certainty itself.
 */
export class OrderRowReader {
  rowsRead = 0;
  /** ISO code of each currency mark seen in an amount -> the line it was first seen on, in file order. */
  readonly currencies = new Map<string, number>();

  constructor(
    private readonly context: OrderRowContext,
    private readonly dates: DateColumn,
    readonly rejects: RejectLog,
    private readonly onLine: (line: OrderLine) => void,
  ) {}

  consume(line: number, fields: readonly string[]): void {
    const { file, headers, columns: col, decimalMark } = this.context;
    this.rowsRead++;
    const reject = (reason: RejectReason, field?: string, value?: string) => this.rejects.add({ file, line, reason, field, value });
    const headerCount = headers.length;
    if (fields.length > headerCount && fields.slice(headerCount).some((value) => value.trim() !== '')) {
      return reject('extra_fields', undefined, `${fields.length} fields, header has ${headerCount}`);
    }
    const customerId = text(fields, col.customer);
    if (customerId === '') return reject('missing_customer', headers[col.customer]);
    // A replacement character means the bytes were not in the detected encoding: the id is not to be trusted.
    if (customerId.includes('\uFFFD')) return reject('bad_encoding', headers[col.customer], customerId);
    const rawDate = text(fields, col.date);
    if (rawDate === '') return reject('missing_date', headers[col.date]);
    const dateToken = this.dates.tokenize(rawDate, line);
    if (dateToken < 0) return reject('bad_date', headers[col.date], rawDate);

    let amount: number;
    const rawAmount = text(fields, col.amount);
    if (rawAmount !== '') {
      const money = this.readMoney(rawAmount, line);
      if (money === undefined) return reject('bad_amount', headers[col.amount ?? 0], rawAmount);
      amount = money;
    } else if (col.quantity !== undefined && col.unitPrice !== undefined) {
      const rawQuantity = text(fields, col.quantity);
      const rawPrice = text(fields, col.unitPrice);
      if (rawQuantity === '' && rawPrice === '') return reject('missing_amount', headers[col.amount ?? col.quantity]);
      const quantity = parseMoney(rawQuantity, decimalMark);
      if (quantity === undefined) return reject('bad_quantity', headers[col.quantity], rawQuantity);
      const price = this.readMoney(rawPrice, line);
      if (price === undefined) return reject('bad_unit_price', headers[col.unitPrice], rawPrice);
      amount = quantity.value * price;
    } else {
      return reject('missing_amount', headers[col.amount ?? 0]);
    }

    this.onLine({
      line,
      customerId,
      customerName: optional(fields, col.customerName),
      orderId: optional(fields, col.order),
      dateToken,
      amountCents: toCents(amount),
      productLine: optional(fields, col.category) ?? optional(fields, col.sku),
      rep: optional(fields, col.rep),
    });
  }

  private readMoney(raw: string, line: number): number | undefined {
    const money = parseMoney(raw, this.context.decimalMark);
    if (money?.currency !== undefined && !this.currencies.has(money.currency)) this.currencies.set(money.currency, line);
    return money?.value;
  }
}

function text(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

function optional(fields: readonly string[], index: number | undefined): string | undefined {
  const value = text(fields, index);
  return value === '' ? undefined : value;
}

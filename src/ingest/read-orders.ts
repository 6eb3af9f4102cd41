import { openCsvTable, type CsvDialectOptions, type CsvRow } from './csv-table.js';
import { DateColumn, type DateFormat } from './date-column.js';
import { ORDER_HEADER_ALIASES, type OrderField } from './fields.js';
import { missingFieldError, namesRequiredFields, resolveHeaders, type HeaderMapping } from './header-map.js';
import type { InputSource } from './input-source.js';
import { detectDecimalMark, parseMoney, type DecimalMark } from './money.js';
import { toCents, type OrderLine } from './order-line.js';
import type { ReadInput } from './read-input.js';
import { RejectLog } from './reject-log.js';
import { UserError } from './user-error.js';
import { sampleRows, suggestHeader } from './suggest-header.js';

export interface ReadOrdersOptions extends CsvDialectOptions {
  readonly overrides?: Partial<Record<OrderField, string>>;
  readonly dateFormat?: DateFormat | undefined;
  readonly decimalMark?: DecimalMark | undefined;
}

/** What ingest learned about an orders export, besides its lines. */
export interface OrdersInput extends ReadInput {
  readonly mapping: HeaderMapping<OrderField>;
  readonly dates: DateColumn;
  readonly decimalMark: DecimalMark;
  /** ISO code of the first currency mark seen in an amount, if any. */
  readonly currency: string | undefined;
}

/** At least this share of rows with more fields than the header is a broken export, not a few bad rows. */
const RAGGED_EXPORT_SHARE = 0.05;

/**
 * A few rows with extra fields are skipped like any bad row; many mean the columns cannot be
 * trusted (the wrong delimiter, unquoted delimiters inside values, a changed export): stop.
 */
function failOnRaggedExport(file: string, rowsRead: number, rejects: RejectLog): void {
  const ragged = rejects.byReason.extra_fields ?? 0;
  if (ragged === 0 || ragged < RAGGED_EXPORT_SHARE * rowsRead) return;
  const first = rejects.sortedFirst().find((reject) => reject.reason === 'extra_fields');
  throw new UserError('ragged_rows', `${ragged} of ${rowsRead} rows have more fields than the header`, {
    file,
    ...(first === undefined ? {} : { line: first.line }),
    hint: 'A value holds an unquoted delimiter, or the delimiter is wrong (--delimiter), or the export changed',
  });
}

/** Rows looked at to suggest the column for a missing field. */
const MISSING_FIELD_SAMPLE_ROWS = 50;

/** Rows held back to decide the decimal mark before any amount is read. */
const SNIFF_ROWS = 2000;

/** Stream an orders export into `onLine`, one call per usable line; bad rows go to the reject log. */
export async function readOrders(
  source: InputSource,
  options: ReadOrdersOptions,
  onLine: (line: OrderLine) => void,
): Promise<OrdersInput> {
  const table = await openCsvTable(source, { ...options, isHeader: (cells) => namesRequiredFields(cells, ORDER_HEADER_ALIASES, options.overrides ?? {}, ['customer', 'date']) });
  const { file, headers } = table;
  const mapping = resolveHeaders({
    file,
    headers,
    aliases: ORDER_HEADER_ALIASES,
    overrides: options.overrides ?? {},
    mapFlag: '--map',
  });
  const found = mapping.columnOf;
  const missing =
    found.customer === undefined ? 'customer'
    : found.date === undefined ? 'date'
    : found.amount === undefined && (found.quantity === undefined || found.unitPrice === undefined) ? 'amount'
    : undefined;
  if (missing !== undefined) {
    const sample = await sampleRows(table.rows, MISSING_FIELD_SAMPLE_ROWS);
    throw missingFieldError(file, missing, headers, '--map', suggestHeader(mapping, missing, sample));
  }
  // Both required columns exist past this point.
  const col = found as typeof found & { customer: number; date: number };

  const dates = new DateColumn(file, headers[col.date] ?? 'date', options.dateFormat);
  const rejects = new RejectLog();
  let rowsRead = 0;
  let currency: string | undefined;
  let decimalMark: DecimalMark = options.decimalMark ?? '.';
  const headerCount = headers.length;
  const text = (fields: readonly string[], index: number | undefined): string =>
    index === undefined ? '' : (fields[index] ?? '').trim();
  const optional = (fields: readonly string[], index: number | undefined): string | undefined => {
    const value = text(fields, index);
    return value === '' ? undefined : value;
  };

  const readMoney = (raw: string) => {
    const money = parseMoney(raw, decimalMark);
    if (money?.currency !== undefined && currency === undefined) currency = money.currency;
    return money;
  };

  const consume = ({ line, fields }: CsvRow): void => {
    rowsRead++;
    const reject = (reason: Parameters<RejectLog['add']>[0]['reason'], field?: string, value?: string) =>
      rejects.add({ file, line, reason, field, value });
    if (fields.length > headerCount && fields.slice(headerCount).some((value) => value.trim() !== '')) {
      return reject('extra_fields', undefined, `${fields.length} fields, header has ${headerCount}`);
    }
    const customerId = text(fields, col.customer);
    if (customerId === '') return reject('missing_customer', headers[col.customer]);
    // A replacement character means the bytes were not in the detected encoding: the id is not to be trusted.
    if (customerId.includes('\uFFFD')) return reject('bad_encoding', headers[col.customer], customerId);
    const rawDate = text(fields, col.date);
    if (rawDate === '') return reject('missing_date', headers[col.date ?? 0]);
    const dateToken = dates.tokenize(rawDate, line);
    if (dateToken < 0) return reject('bad_date', headers[col.date ?? 0], rawDate);

    let amount: number;
    const rawAmount = text(fields, col.amount);
    if (rawAmount !== '') {
      const money = readMoney(rawAmount);
      if (money === undefined) return reject('bad_amount', headers[col.amount ?? 0], rawAmount);
      amount = money.value;
    } else if (col.quantity !== undefined && col.unitPrice !== undefined) {
      const rawQuantity = text(fields, col.quantity);
      const rawPrice = text(fields, col.unitPrice);
      if (rawQuantity === '' && rawPrice === '') return reject('missing_amount', headers[col.amount ?? col.quantity]);
      const quantity = parseMoney(rawQuantity, decimalMark);
      if (quantity === undefined) return reject('bad_quantity', headers[col.quantity], rawQuantity);
      const price = readMoney(rawPrice);
      if (price === undefined) return reject('bad_unit_price', headers[col.unitPrice], rawPrice);
      amount = quantity.value * price.value;
    } else {
      return reject('missing_amount', headers[col.amount ?? 0]);
    }

    onLine({
      line,
      customerId,
      customerName: optional(fields, col.customerName),
      orderId: optional(fields, col.order),
      dateToken,
      amountCents: toCents(amount),
      productLine: optional(fields, col.category) ?? optional(fields, col.sku),
      rep: optional(fields, col.rep),
    });
  };

  const held: CsvRow[] = [];
  let sniffing = options.decimalMark === undefined;
  const moneyColumns = [col.amount, col.unitPrice, col.quantity].filter((c): c is number => c !== undefined);
  const settleDecimalMark = () => {
    const samples = held.flatMap((row) => moneyColumns.map((c) => row.fields[c] ?? ''));
    decimalMark = detectDecimalMark(samples) ?? '.';
    sniffing = false;
    for (const row of held) consume(row);
    held.length = 0;
  };
  for await (const batch of table.rows) {
    for (const row of batch) {
      if (!sniffing) {
        consume(row);
        continue;
      }
      held.push(row);
      if (held.length >= SNIFF_ROWS) settleDecimalMark();
    }
  }
  if (sniffing) settleDecimalMark();
  failOnRaggedExport(file, rowsRead, rejects);

  return {
    file,
    encoding: table.encoding,
    delimiter: table.delimiter,
    mapping,
    dates,
    decimalMark,
    get currency() {
      return currency;
    },
    rowsRead,
    rejects,
    preambleRows: table.preambleRows,
  };
}

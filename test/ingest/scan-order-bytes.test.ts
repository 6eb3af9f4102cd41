import { describe, expect, it } from 'vitest';
import { DateColumn } from '../../src/ingest/date-column.js';
import type { OrderLine } from '../../src/ingest/order-line.js';
import { OrderRowReader, type OrderColumns } from '../../src/ingest/order-row-reader.js';
import type { OrderSink } from '../../src/ingest/order-sink.js';
import { RejectLog } from '../../src/ingest/reject-log.js';
import { hashOrderId } from '../../src/ingest/order-id-hash.js';
import { OrderByteScanner, ScanDictionaries } from '../../src/ingest/scan-order-bytes.js';
import { prng } from '../support/malformed-corpus.js';

const HEADERS = ['order_id', 'customer_id', 'order_date', 'amount', 'category', 'sku', 'quantity', 'sales_rep'];
const COLUMNS = { order: 0, customer: 1, date: 2, amount: 3, category: 4, sku: 5, quantity: 6, rep: 7 };

interface ScanOptions {
  readonly layout?: { headers: string[]; columns: OrderColumns };
  readonly crlf?: boolean;
  /**
   * Each line read apart, by a scanner of its own (sharing the sink and the kernel's dictionaries)
   * given it without its line end: the byte loop reads a last line, so this reads every line the
   * byte loop's way, where one scanner given them all splits them in the kernel.
   */
  readonly linesApart?: boolean;
}

/** Everything a scan told its sink and its row reader, in order, then its counts. */
function scan(chunks: Buffer | readonly Buffer[], delimiter: string, options: ScanOptions = {}): unknown[] {
  const { layout = { headers: HEADERS, columns: COLUMNS }, crlf = false } = options;
  const events: unknown[] = [];
  const names = new Map<string, number>();
  const numberOf = (kind: string) => (text: string) => {
    const key = `${kind}:${text}`;
    if (!names.has(key)) names.set(key, names.size);
    return names.get(key) as number;
  };
  const sink: OrderSink = {
    addOrderLine: (line: OrderLine) => events.push(['line', line]),
    customerNumber: numberOf('customer'),
    productLineNumber: numberOf('product'),
    labelNumber: numberOf('label'),
    addInternedLine: (...numbers: number[]) => events.push(['interned', ...numbers]),
  };
  const dates = new DateColumn('orders.csv', 'order_date', undefined);
  const rejects = new RejectLog();
  const rows = new OrderRowReader({ file: 'orders.csv', headers: layout.headers, columns: layout.columns, decimalMark: '.' }, dates, rejects, (line) => sink.addOrderLine(line));
  const plan = { headerCount: layout.headers.length, columns: layout.columns, delimiter: delimiter.charCodeAt(0), crlf, decimalMark: 46 };
  const buffer = Buffer.isBuffer(chunks) ? chunks : Buffer.concat(chunks);
  if (options.linesApart === true) {
    const dictionaries = new ScanDictionaries();
    const lines = buffer.toString('latin1').split('\n').slice(0, -1);
    let bailed = false;
    lines.forEach((line, index) => {
      const scanner = new OrderByteScanner(plan, sink, dates, rows, 1 + index, dictionaries);
      scanner.feed(Buffer.from(line.endsWith('\r') && crlf ? line.slice(0, -1) : line, 'latin1'));
      scanner.end();
      bailed ||= scanner.bailed;
    });
    events.push(['rows', rows.rowsRead, lines.length, bailed, rejects.count, rejects.first]);
    return events;
  }
  const scanner = new OrderByteScanner(plan, sink, dates, rows, 1);
  for (const chunk of Buffer.isBuffer(chunks) ? [chunks] : chunks) scanner.feed(chunk);
  scanner.end();
  events.push(['rows', rows.rowsRead, scanner.lines, scanner.bailed, rejects.count, rejects.first]);
  return events;
}

/** Seeded rows with fields of 0 to 9 characters and 6 to 10 fields, so delimiters fall at every place in a word. */
function rows(seed: number, delimiter: string): string {
  const random = prng(seed);
  const field = (length: number) => Array.from({ length }, () => 'abcXYZ019-. '[Math.floor(random() * 12)]).join('');
  const lines: string[] = [];
  for (let row = 0; row < 3000; row++) {
    const fields = [
      `SO-${Math.floor(random() * 50)}`,
      `C${Math.floor(random() * 40)}`,
      `2025-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      random() < 0.9 ? `${Math.floor(random() * 900)}.${Math.floor(random() * 90) + 10}` : field(4),
      field(Math.floor(random() * 10)),
      field(Math.floor(random() * 10)),
      String(Math.floor(random() * 9)),
      field(Math.floor(random() * 10)),
    ];
    const count = 6 + Math.floor(random() * 5);
    lines.push(fields.concat(fields).slice(0, count).join(delimiter));
    if (random() < 0.05) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('OrderByteScanner: the split in the kernel', () => {
  it.each([
    [',', 1],
    [',', 2],
    [';', 3],
  ])('delimiter %s (seed %i): the same rows as the split byte by byte', (delimiter, seed) => {
    const text = Buffer.from(rows(seed, delimiter));
    const byKernel = scan(text, delimiter);
    expect(byKernel).toEqual(scan(text, delimiter, { linesApart: true }));
    // Rows with too many fields and bad amounts reached the row reader; good ones the sink.
    expect(byKernel.filter((event) => (event as unknown[])[0] === 'interned').length).toBeGreaterThan(500);
    expect((byKernel.at(-1) as unknown[])[4]).toBeGreaterThan(0);
  });

  it('reads a CR LF file as the same file with LF, and quoted fields and stray carriage returns as the byte loop does', () => {
    const text = rows(10, ',');
    const lf = scan(Buffer.from(text), ',');
    expect(scan(Buffer.from(text.replaceAll('\n', '\r\n')), ',', { crlf: true })).toEqual(lf);
    // A quoted field, with the delimiter in it or not, sends its line to the string reading; a
    // carriage return inside a line stops the scan (the file goes to csv-parse), in either file.
    const quoted = text.split('\n').map((line, index) => (index % 7 === 3 ? line.replace(/^([^,]*),([^,]*)/, '$1,"$2"') : index % 11 === 5 ? line.replace(/,/, ',"Cohen, Mizrahi",') : line));
    for (const withQuotes of [quoted.join('\n'), quoted.join('\r\n')]) {
      const crlf = withQuotes.includes('\r');
      const byKernel = scan(Buffer.from(withQuotes), ',', { crlf });
      expect(byKernel).toEqual(scan(Buffer.from(withQuotes), ',', { crlf, linesApart: true }));
      expect((byKernel.at(-1) as unknown[])[3]).toBe(false);
    }
    const strayReturn = `${quoted.slice(0, 50).join('\n')}\nSO-1,C1,2025-01-02,3\r.50,P,S,1,Dana\n`;
    expect((scan(Buffer.from(strayReturn), ',').at(-1) as unknown[])[3]).toBe(true);
    expect((scan(Buffer.from(strayReturn), ',', { linesApart: true }).at(-1) as unknown[])[3]).toBe(true);
    // A line feed without its carriage return in a CR LF file stops the scan too.
    expect((scan(Buffer.from('SO-1,C1,2025-01-02,3.50,P,S,1,Dana\r\nSO-2,C1,2025-01-02,3.50,P,S,1,Dana\n'), ',', { crlf: true }).at(-1) as unknown[])[3]).toBe(true);
  });

  it('reads rows whole in the kernel only as the scanner would: every odd order id, amount and key alike', () => {
    // Quantity times unit price, a name, and ids, amounts and labels at the edges of what the kernel takes.
    const layout = { headers: ['id', 'cust', 'name', 'day', 'qty', 'price', 'sku', 'rep'], columns: { order: 0, customer: 1, customerName: 2, date: 3, quantity: 4, unitPrice: 5, sku: 6, rep: 7 } };
    const ids = ['SO-1', 'SO-1', 'ÖRD-7', 'ÖRD-7', ' SO-2', 'SO-2 ', '', 'SO-1', 'S', 'SO-100000000000000001', 'SO-100000000000000001'];
    const amounts = ['2', '-12.5', '-0.00', '-.5', '1.', '00012.50', '1234567890123456', '123456789012345', '1,5', '-', '', '3.14159'];
    const labels = ['Dana', '', ' Dana', 'Dana Levi', 'דנה', 'Dana'];
    const random = prng(9);
    // The first of each list, most of the time: a row has eight chances to go the scanner's way.
    const pick = (values: readonly string[]): string => values[random() < 0.6 ? 0 : Math.floor(random() * values.length)] as string;
    const lines = Array.from({ length: 2000 }, (_, row) =>
      [pick(ids), pick(['C1', 'C2', 'C3', ' C4', 'C\u00e9']), pick(labels), pick(['2025-01-02', '2025-01-03', '2025-13-01', '']), pick(amounts), pick(amounts), pick(['P1', '', 'P2']), pick(labels)].join(',') + (row % 97 === 0 ? ',extra' : ''),
    );
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const byKernel = scan(text, ',', { layout });
    expect(byKernel).toEqual(scan(text, ',', { layout, linesApart: true }));
    const interned = byKernel.filter((event) => (event as unknown[])[0] === 'interned').length;
    expect(interned).toBeGreaterThan(100);
    expect(byKernel.length - 1 - interned).toBeGreaterThan(100);
  });

  it('reads a buffer bigger than a load, and a line longer than one, the same as small chunks', () => {
    const longLine = `SO-1,C1,2025-01-02,10.00,${'x'.repeat(1_300_000)},P1,1,Dana`;
    const text = Buffer.from(rows(6, ',') + `${longLine}\n` + rows(7, ',').repeat(12) + `${longLine}\n` + rows(8, ','));
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const chunks: Buffer[] = [];
    for (let at = 0; at < text.length; at += 100_000) chunks.push(Buffer.from(text.subarray(at, at + 100_000)));
    const whole = scan(text, ',');
    expect(whole).toEqual(scan(chunks, ','));
    // The long line is a row like any other: read the string route.
    expect(whole.filter((event) => (event as unknown[])[0] === 'line' && ((event as unknown[])[1] as OrderLine).productLine?.length === 1_300_000)).toHaveLength(2);
  });

  it('reads lines carried across chunks and chunks that start mid-word the same as one buffer', () => {
    const text = Buffer.from(rows(4, ','));
    const random = prng(5);
    const chunks: Buffer[] = [];
    for (let at = 0; at < text.length; ) {
      const length = 1 + Math.floor(random() * 400);
      // Each chunk in a buffer of its own: the kernel's split starts after the carried line.
      const chunk = Buffer.alloc(Math.min(length, text.length - at));
      text.copy(chunk, 0, at, at + chunk.length);
      chunks.push(chunk);
      at += chunk.length;
    }
    expect(chunks.length).toBeGreaterThan(100);
    const unaligned = Buffer.alloc(text.length + 1).subarray(1);
    text.copy(unaligned);
    expect(scan(chunks, ',')).toEqual(scan(unaligned, ','));
  });

  it('hashes each row\'s order id as hashOrderId, whether or not it repeats the row before (in one buffer or across chunks)', () => {
    const ids = ['SO-1001', 'SO-1001', 'SO-1001', 'SO-1002', 'SO-1002', 'SO-1001', 'SO-100', 'SO-10011', 'SO-10012', 'SO-10012', 'ÖRD-7', 'ÖRD-7', 'SO-1002', 'A', 'A', 'B'];
    const text = Buffer.from(ids.map((id, row) => `${id},C${row % 3},2025-01-0${1 + (row % 9)},${row}.50,Paper,P1,1,Dana`).join('\n') + '\n');
    const hashes = (events: unknown[]) => events.filter((event) => (event as unknown[])[0] === 'interned').map((event) => (event as unknown[])[4]);
    const expected = ids.map((id) => hashOrderId(id));
    expect(hashes(scan(text, ','))).toEqual(expected);
    const chunks = [text.subarray(0, 37), text.subarray(37, 150), text.subarray(150)].map((part) => Buffer.from(part));
    expect(hashes(scan(chunks, ','))).toEqual(expected);
  });

  it('reads keys behind direction marks as the same keys without them; a field that is only marks, or a blank behind one, goes the string route', () => {
    const lines = [
      'SO1,\u200fC5,2025-01-05,100,Paper,P1,1,Dana',
      'SO1,C5,\u200f2025-01-05,100,\u200fPaper,P1,1,\u200eDana',
      '\u200eSO1\u200e,C5\u200f,2025-01-05\u200e,100,Paper\u2069,P1,1,Dana',
      'SO2,\u200f,2025-01-05,100,Paper,P1,1,Dana',
      'SO2,\u200f C6,2025-01-06,\u200f5,Paper,P1,1,Dana',
      'SO3,C6,2025-01-06,5,\u061c,P1,1,Dana',
    ];
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const events = scan(text, ',');
    expect(events).toEqual(scan(text, ',', { linesApart: true }));
    const so1 = hashOrderId('SO1');
    expect(events).toEqual([
      ['interned', 0, 0, 10000, so1, 1, -1, 2],
      ['interned', 0, 0, 10000, so1, 1, -1, 2],
      ['interned', 0, 0, 10000, so1, 1, -1, 2],
      ['line', { line: 6, customerId: 'C6', customerName: undefined, orderId: 'SO2', dateToken: 1, amountCents: 500, productLine: 'Paper', rep: 'Dana' }],
      ['line', { line: 7, customerId: 'C6', customerName: undefined, orderId: 'SO3', dateToken: 1, amountCents: 500, productLine: 'P1', rep: 'Dana' }],
      ['rows', 6, 6, false, 1, [{ file: 'orders.csv', line: 5, reason: 'missing_customer', field: 'customer_id', value: undefined }]],
    ]);
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/ingest/day.js';
import { bytesSource } from '../../src/ingest/input-source.js';
import type { OrderLine } from '../../src/ingest/order-line.js';
import { readOrders, type OrdersInput, type ReadOrdersOptions } from '../../src/ingest/read-orders.js';
import { UserError } from '../../src/ingest/user-error.js';

async function read(text: string | Buffer, options: ReadOrdersOptions = {}): Promise<{ input: OrdersInput; lines: OrderLine[] }> {
  const lines: OrderLine[] = [];
  const input = await readOrders(bytesSource('orders.csv', text), options, (line) => lines.push(line));
  return { input, lines };
}

/** Each line as [line, customer, ISO day, cents], for compact exact comparisons. */
function summary(input: OrdersInput, lines: readonly OrderLine[]): Array<[number, string, string, number]> {
  const { dayOfToken } = input.dates.resolve();
  return lines.map((l) => [l.line, l.customerId, formatDay(dayOfToken[l.dateToken] as number), l.amountCents]);
}

async function userError(text: string | Buffer, options: ReadOrdersOptions = {}): Promise<UserError> {
  try {
    await read(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('readOrders', () => {
  it('reads one OrderLine per row with every optional field', async () => {
    const { input, lines } = await read(
      'Customer ID,Order Date,Amount,Customer Name,Order No,Category,SKU,Rep\n' +
        'C1,2025-03-07,"1,234.50",Acme,SO1,Tools,SK1,Dana\n' +
        'C2,2025-03-08,₪99,,,,SK2,\n' +
        'C1,2025-03-09,-10.25,,,,,\n',
    );
    expect(lines).toEqual([
      { line: 2, customerId: 'C1', customerName: 'Acme', orderId: 'SO1', dateToken: 0, amountCents: 123450, productLine: 'Tools', rep: 'Dana' },
      { line: 3, customerId: 'C2', customerName: undefined, orderId: undefined, dateToken: 1, amountCents: 9900, productLine: 'SK2', rep: undefined },
      { line: 4, customerId: 'C1', customerName: undefined, orderId: undefined, dateToken: 2, amountCents: -1025, productLine: undefined, rep: undefined },
    ]);
    expect(input.file).toBe('orders.csv');
    expect(input.encoding).toBe('utf-8');
    expect(input.delimiter).toBe(',');
    expect(input.decimalMark).toBe('.');
    expect(input.currency).toBe('ILS');
    expect(input.rowsRead).toBe(3);
    expect(input.rejects.count).toBe(0);
    expect(input.dates.resolve()).toEqual({ format: 'iso', dayOfToken: [20154, 20155, 20156] });
  });

  it('trims fields and reuses date tokens for repeated dates', async () => {
    const { lines } = await read('customer,date,amount\n  C1 , 2025-03-07 , 5 \nC2,2025-03-07,6\n');
    expect(lines.map((l) => [l.customerId, l.dateToken, l.amountCents])).toEqual([
      ['C1', 0, 500],
      ['C2', 0, 600],
    ]);
  });

  it('uses amount when present, else quantity × unit price', async () => {
    const { input, lines } = await read(
      'customer,date,amount,qty,unit price\n' +
        'C1,2025-03-07,,3,19.99\n' +
        'C2,2025-03-07,5,3,19.99\n' +
        'C3,2025-03-07,,-2,4.50\n' +
        'C4,2025-03-07,,1,"₪1,000"\n',
    );
    expect(summary(input, lines)).toEqual([
      [2, 'C1', '2025-03-07', 5997],
      [3, 'C2', '2025-03-07', 500],
      [4, 'C3', '2025-03-07', -900],
      [5, 'C4', '2025-03-07', 100000],
    ]);
    expect(input.currency).toBe('ILS');
  });

  it('keeps return lines with negative cents in every written form', async () => {
    const { input, lines } = await read('customer,date,amount\nC1,2025-03-07,-12.50\nC1,2025-03-07,12.50-\nC1,2025-03-07,(12.50)\nC1,2025-03-07,"-1,000"\n');
    expect(lines.map((l) => l.amountCents)).toEqual([-1250, -1250, -1250, -100000]);
    expect(input.rejects.count).toBe(0);
  });

  it('reads thousands separators and currency marks', async () => {
    const { input, lines } = await read('customer,date,amount\nC1,2025-03-07,"₪ 12,345.67"\nC1,2025-03-07,"1,000,000"\nC1,2025-03-07,$5\n');
    expect(lines.map((l) => l.amountCents)).toEqual([1234567, 100000000, 500]);
    expect(input.currency).toBe('ILS'); // the first mark seen
  });

  it('rejects bad rows with the reason and the file line, past a multi-line field and blank lines', async () => {
    const { input, lines } = await read(
      'customer,date,amount\n' + // 1
        'C1,2025-03-07,5\n' + // 2
        '\n' + // 3
        'C2,2025-03-08,abc\n' + // 4
        '"C3\nsecond line",2025-03-09,1\n' + // 5-6
        '\n' + // 7
        '\n' + // 8
        ',2025-03-10,1\n' + // 9
        'C4,,1\n' + // 10
        'C5,not a date,1\n' + // 11
        'C6,2025-03-10,\n' + // 12
        'C7,31/02/2025,1\n' + // 13
        'C8,2025-03-10,1\n', // 14
    );
    expect(summary(input, lines)).toEqual([
      [2, 'C1', '2025-03-07', 500],
      [6, 'C3\nsecond line', '2025-03-09', 100],
      [14, 'C8', '2025-03-10', 100],
    ]);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'orders.csv', line: 4, reason: 'bad_amount', field: 'amount', value: 'abc' },
      { file: 'orders.csv', line: 9, reason: 'missing_customer', field: 'customer', value: undefined },
      { file: 'orders.csv', line: 10, reason: 'missing_date', field: 'date', value: undefined },
      { file: 'orders.csv', line: 11, reason: 'bad_date', field: 'date', value: 'not a date' },
      { file: 'orders.csv', line: 12, reason: 'missing_amount', field: 'amount', value: undefined },
      { file: 'orders.csv', line: 13, reason: 'bad_date', field: 'date', value: '31/02/2025' },
    ]);
    expect(input.rejects.byReason).toEqual({ bad_amount: 1, missing_customer: 1, missing_date: 1, bad_date: 2, missing_amount: 1 });
    expect(input.rowsRead).toBe(lines.length + input.rejects.count);
    expect(input.rowsRead).toBe(9);
  });

  it('rejects quantity × price rows that cannot be computed', async () => {
    const { input, lines } = await read('customer,date,qty,price\nC1,2025-03-07,,\nC1,2025-03-07,x,1\nC1,2025-03-07,1,y\nC1,2025-03-07,2,\n');
    expect(lines).toEqual([]);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'orders.csv', line: 2, reason: 'missing_amount', field: 'qty', value: undefined },
      { file: 'orders.csv', line: 3, reason: 'bad_quantity', field: 'qty', value: 'x' },
      { file: 'orders.csv', line: 4, reason: 'bad_unit_price', field: 'price', value: 'y' },
      { file: 'orders.csv', line: 5, reason: 'bad_unit_price', field: 'price', value: '' },
    ]);
    expect(input.rowsRead).toBe(4);
  });

  it('reads a semicolon file with decimal commas', async () => {
    const { input, lines } = await read('customer;date;amount\nC1;07.03.2025;1.234,50\nC2;13.03.2025;12,5\nC3;13.03.2025;-3\n');
    expect(input.delimiter).toBe(';');
    expect(input.decimalMark).toBe(',');
    expect(summary(input, lines)).toEqual([
      [2, 'C1', '2025-03-07', 123450],
      [3, 'C2', '2025-03-13', 1250],
      [4, 'C3', '2025-03-13', -300],
    ]);
  });

  it('a forced decimal mark is used as given', async () => {
    const { input, lines } = await read('customer;date;amount\nC1;2025-03-07;1.234\n', { decimalMark: ',' });
    expect(input.decimalMark).toBe(',');
    expect(lines.map((l) => l.amountCents)).toEqual([123400]);
  });

  it('reads CRLF line ends and drops a UTF-8 BOM', async () => {
    const { input, lines } = await read('\uFEFFcustomer,date,amount\r\nC1,2025-03-07,5\r\n\r\nC2,x,5\r\nC3,2025-03-08,7\r\n');
    expect(input.mapping.headers).toEqual(['customer', 'date', 'amount']);
    expect(input.mapping.columnOf).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(summary(input, lines)).toEqual([
      [2, 'C1', '2025-03-07', 500],
      [5, 'C3', '2025-03-08', 700],
    ]);
    expect(input.rejects.sortedFirst()).toEqual([{ file: 'orders.csv', line: 4, reason: 'bad_date', field: 'date', value: 'x' }]);
  });

  it('reads a Windows-1255 file with Hebrew headers and names', async () => {
    const bytes = iconv.encode('מספר לקוח,תאריך,סה"כ,מק"ט\nלקוח א,07/03/2025,"₪1,234.50",A1\nלקוח ב,13/03/2025,200,A2\n', 'windows-1255');
    const { input, lines } = await read(bytes);
    expect(input.encoding).toBe('windows-1255');
    expect(input.mapping.headers).toEqual(['מספר לקוח', 'תאריך', 'סה"כ', 'מק"ט']);
    expect(input.mapping.columnOf).toEqual({ customer: 0, date: 1, amount: 2, sku: 3 });
    expect(input.currency).toBe('ILS');
    expect(summary(input, lines)).toEqual([
      [2, 'לקוח א', '2025-03-07', 123450],
      [3, 'לקוח ב', '2025-03-13', 20000],
    ]);
    expect(lines.map((l) => l.productLine)).toEqual(['A1', 'A2']);
  });

  it('reads a UTF-16LE file with a BOM', async () => {
    const bytes = iconv.encode('customer;date;amount\nלקוח א;2025-03-07;12,50\n', 'utf-16le', { addBOM: true });
    const { input, lines } = await read(bytes);
    expect([input.encoding, input.delimiter, input.decimalMark]).toEqual(['utf-16le', ';', ',']);
    expect(input.mapping.headers).toEqual(['customer', 'date', 'amount']);
    expect(summary(input, lines)).toEqual([[2, 'לקוח א', '2025-03-07', 1250]]);
  });

  it('rejects extra non-empty fields but tolerates trailing empty columns', async () => {
    // One ragged row among 22 (under 5%): skipped, not fatal.
    const padding = Array.from({ length: 19 }, (_, i) => `P${i},2025-03-08,1,,`).join('\n');
    const { input, lines } = await read(`customer,date,amount,,\nC1,2025-03-07,5,,\nC2,2025-03-07,1,234.50\nC3,2025-03-07,6, ,\n${padding}\n`);
    expect(input.mapping.headers).toEqual(['customer', 'date', 'amount']);
    expect(lines.slice(0, 2).map((l) => [l.line, l.customerId, l.amountCents])).toEqual([
      [2, 'C1', 500],
      [4, 'C3', 600],
    ]);
    expect(lines).toHaveLength(21);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'orders.csv', line: 3, reason: 'extra_fields', field: undefined, value: '4 fields, header has 3' },
    ]);
  });

  it('stops on an export where 5% or more of the rows, and at least 3, have extra fields', async () => {
    const error = await userError('customer,date,amount\nC1,2025-03-07,5\nC2,2025-03-07,1,234.50\nC3,2025-03-07,6\nC4,2025-03-07,2,500\nC5,2025-03-07,3,750\n');
    expect([error.code, error.line, error.message]).toEqual(['ragged_rows', 3, '3 of 5 rows have more fields than the header']);
  });

  it('skips two ragged rows of a small file like any bad row', async () => {
    const { input, lines } = await read('customer,date,amount\nC1,2025-03-07,5\nC2,2025-03-07,1,234.50\nC3,2025-03-07,6\nC4,2025-03-07,2,500\n');
    expect(lines.map((line) => line.customerId)).toEqual(['C1', 'C3']);
    expect(input.rejects.sortedFirst().map((reject) => [reject.line, reject.reason])).toEqual([
      [3, 'extra_fields'],
      [5, 'extra_fields'],
    ]);
  });

  it('rejects a customer id with undecodable bytes (forced encoding)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('customer,date,amount\nC1,2025-03-07,5\nC', 'utf8'),
      Buffer.from([0xe9]), // not UTF-8
      Buffer.from(',2025-03-07,5\nC3,2025-03-08,6\n', 'utf8'),
    ]);
    const { input, lines } = await read(bytes, { encoding: 'utf-8' });
    expect(input.encoding).toBe('utf-8');
    expect(lines.map((l) => [l.line, l.customerId])).toEqual([
      [2, 'C1'],
      [4, 'C3'],
    ]);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'orders.csv', line: 3, reason: 'bad_encoding', field: 'customer', value: 'C\uFFFD' },
    ]);
    expect(input.rowsRead).toBe(3);
  });

  it('skips a row of empty cells without counting it', async () => {
    const { input, lines } = await read('customer,date,amount\n,,\nC1,2025-03-07,5\n');
    expect(lines.map((l) => l.line)).toEqual([3]);
    expect(input.rowsRead).toBe(1);
  });

  it('lists headers no field uses', async () => {
    const { input } = await read('customer,date,amount,Region,Memo\nC1,2025-03-07,5,North,x\n');
    expect(input.mapping.ignoredHeaders).toEqual(['Region', 'Memo']);
  });

  it('uses --map overrides', async () => {
    const { input, lines } = await read('Cust Ref,When,Net Value\nA,2025-01-01,5\n', {
      overrides: { customer: 'Cust Ref', date: 'When', amount: 'Net Value' },
    });
    expect(summary(input, lines)).toEqual([[2, 'A', '2025-01-01', 500]]);
  });

  it('reads fields behind direction marks as without them: headers, dates, ids, names, categories, reps, order ids, amounts', async () => {
    const { input, lines } = await read(
      '\u200fלקוח,\u200fתאריך,\u200fסכום,\u200fשם לקוח,\u200fמספר הזמנה,\u200fקטגוריה,\u200fסוכן\n' +
        '\u200fC5,\u200f2025-01-05,\u200f100,\u202bאלף\u202c,\u200eSO1,\u2067קפה\u2069,\u200fדנה\n' +
        'C5,2025-01-05\u200e,100\u200e,אלף,SO1,קפה,דנה\n' +
        '\u061cC6 , \u200e2025-01-06,\u202a-12.50\u202c,\u200f,\u200f,\u200f,\u200f\n',
    );
    expect(input.mapping.columnOf).toEqual({ customer: 0, date: 1, amount: 2, customerName: 3, order: 4, category: 5, rep: 6 });
    expect(input.mapping.headers).toEqual(['לקוח', 'תאריך', 'סכום', 'שם לקוח', 'מספר הזמנה', 'קטגוריה', 'סוכן']);
    expect(lines).toEqual([
      { line: 2, customerId: 'C5', customerName: 'אלף', orderId: 'SO1', dateToken: 0, amountCents: 10000, productLine: 'קפה', rep: 'דנה' },
      { line: 3, customerId: 'C5', customerName: 'אלף', orderId: 'SO1', dateToken: 0, amountCents: 10000, productLine: 'קפה', rep: 'דנה' },
      { line: 4, customerId: 'C6', customerName: undefined, orderId: undefined, dateToken: 1, amountCents: -1250, productLine: undefined, rep: undefined },
    ]);
    expect(input.rejects.count).toBe(0);
    expect(input.dates.resolve()).toEqual({ format: 'iso', dayOfToken: [20093, 20094] });
  });

  it('a mark outside the quotes of a field is gone before the line is split', async () => {
    const { lines } = await read('customer,name,date,amount\nC1,\u200f"Cohen, Mizrahi",2025-01-05,1\nC1,"Cohen, Mizrahi"\u200e,2025-01-05,1\n');
    expect(lines.map((l) => [l.line, l.customerName])).toEqual([
      [2, 'Cohen, Mizrahi'],
      [3, 'Cohen, Mizrahi'],
    ]);
  });

  it('a field of nothing but direction marks is empty: a missing customer or date, a product line from the sku, no extra field', async () => {
    const { input, lines } = await read('customer,date,amount,category,sku\n\u200f,2025-01-05,1,,\nC1,\u200e\u200f,1,,\nC1,2025-01-05,1,\u200f,SK1\nC1,2025-01-05,1,,,\u200f\n');
    expect(input.rejects.byReason).toEqual({ missing_customer: 1, missing_date: 1 });
    expect(lines.map((l) => [l.line, l.productLine])).toEqual([
      [4, 'SK1'],
      [5, undefined],
    ]);
  });

  it('reads Priority and Business Central headers, and a bare Customer beside Customer No as the name', async () => {
    const priority = await read('אסמכתא,ת. אסמכתא,לקוח,קטגוריית מוצר,סוכן מכירות,סה"כ\nSO1,05/01/2025,C1,קפה,דנה,100\n');
    expect(priority.input.mapping.columnOf).toEqual({ order: 0, date: 1, customer: 2, category: 3, rep: 4, amount: 5 });
    const bc = await read('Customer,Customer No,Due Date,Invoice Date,Item Category,Salesperson Code,Net Sales\nAcme Ltd,C1,2025-03-05,2025-02-05,Paper,JR,100\n');
    expect(bc.input.mapping.columnOf).toEqual({ customerName: 0, customer: 1, date: 3, category: 4, rep: 5, amount: 6 });
    expect(bc.lines.map((l) => [l.customerId, l.customerName, l.productLine, l.rep])).toEqual([['C1', 'Acme Ltd', 'Paper', 'JR']]);
  });

  it('a header-only file reads no rows', async () => {
    const { input, lines } = await read('customer,date,amount\n');
    expect(lines).toEqual([]);
    expect(input.rowsRead).toBe(0);
    expect(input.rejects.count).toBe(0);
    expect(input.dates.distinctCount).toBe(0);
  });

  describe('user errors', () => {
    it('an empty file', async () => {
      const error = await userError('');
      expect([error.code, error.file, error.message]).toEqual(['empty_file', 'orders.csv', 'the file is empty']);
    });

    it('a file of blank lines', async () => {
      expect((await userError('  \n\r\n\n')).code).toBe('empty_file');
    });

    it('binary garbage', async () => {
      const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
      const error = await userError(bytes);
      expect([error.code, error.file]).toEqual(['binary_input', 'orders.csv']);
    });

    it('an unterminated quote on the last row', async () => {
      const error = await userError('customer,date,amount\nC1,2025-03-07,5\nC2,2025-03-07,"5\n');
      expect([error.code, error.file, error.line]).toEqual(['unterminated_quote', 'orders.csv', 3]);
    });

    it('a missing customer column names the headers and the --map fix', async () => {
      const error = await userError('Client Ref,Date,Amount\nA,2025-01-01,5\n');
      expect(error.code).toBe('missing_column');
      expect(error.toLine()).toBe(
        'orders.csv:1: no column for "customer". Headers found: "Client Ref", "Date", "Amount". Name it with --map customer="Client Ref"',
      );
    });

    it('a missing date column suggests a date-like header', async () => {
      const error = await userError('customer,Posting Day,amount\nA,2025-01-01,5\n');
      expect(error.code).toBe('missing_column');
      expect(error.hint).toBe('Headers found: "customer", "Posting Day", "amount". Name it with --map date="Posting Day"');
    });

    it('a missing date column suggests the unclaimed header whose values are dates', async () => {
      const error = await userError('customer,Memo,Posted,amount\nA,x,2025-01-01,5\nB,y,2025-01-02,6\n');
      expect(error.hint).toBe('Headers found: "customer", "Memo", "Posted", "amount". Name it with --map date="Posted"');
    });

    it('no amount and no quantity × price', async () => {
      const error = await userError('customer,date,qty\nA,2025-01-01,5\n');
      expect(error.code).toBe('missing_column');
      expect(error.message).toBe('no column for "amount"');
    });

    it('a missing amount column whose header holds a double quote is suggested single-quoted', async () => {
      const error = await userError('מספר לקוח,תאריך,סה"כ לשורה\nC1,2025-01-05,100\n');
      expect(error.toLine()).toBe(
        'orders.csv:1: no column for "amount". Headers found: "מספר לקוח", "תאריך", "סה"כ לשורה". Name it with --map \'amount=סה"כ לשורה\'',
      );
    });

    it('a header read as one cell by the wrong delimiter suggests --delimiter, not a --map', async () => {
      const error = await userError('Customer ID;Order Date;Amount\nC1;2025-01-05;100\n', { delimiter: ',' });
      expect(error.code).toBe('missing_column');
      expect(error.toLine()).toBe(
        'orders.csv:1: no column for "customer". Headers found: "Customer ID;Order Date;Amount". The header row is one cell: the delimiter looks like semicolon, not comma; pass --delimiter semicolon',
      );
    });

    it('a --map header that does not exist', async () => {
      const error = await userError('customer,date,amount\nA,2025-01-01,5\n', { overrides: { customer: 'Nope' } });
      expect(error.code).toBe('map_header_not_found');
    });
  });
});

describe('readOrders: an unterminated quote mid-file', () => {
  it('names the row where the quote opened, not the end of the file', async () => {
    const good = Array.from({ length: 8 }, (_, i) => `C${i},2025-03-${String(10 + i)},5`).join('\n');
    const error = await userError(`customer,date,amount\nC1,2025-03-07,5\nC2,"2025-03-08,5\n${good}\n`);
    expect([error.code, error.line]).toEqual(['unterminated_quote', 3]);
  });
});

describe.each(['auto', 'csv-parse'] as const)('readOrders (--parser %s): file lines around quoted fields that span lines', (parser) => {
  it('a CR LF or CR CR LF inside a quoted field is one line end: later rejects keep their grep -n line', async () => {
    const { input, lines } = await read(
      'customer,name,date,amount\r\n' + // 1
        'C1,"Acme\r\nLtd",2025-01-05,100\r\n' + // 2-3
        'C1,Acme,2025-02-05,oops\r\n' + // 4
        'C2,"Beta\r\r\nInc",2025-02-06,100\r\n' + // 5-6
        'C2,Beta,2025-02-07,\r\n' + // 7
        'C3,"Ga\rmma",2025-02-08,5\r\n' + // 8
        'C3,Gamma,someday,5\r\n', // 9
      { parser },
    );
    expect(summary(input, lines)).toEqual([
      [3, 'C1', '2025-01-05', 10000],
      [6, 'C2', '2025-02-06', 10000],
      [8, 'C3', '2025-02-08', 500],
    ]);
    expect(input.rejects.sortedFirst().map((reject) => [reject.line, reject.reason])).toEqual([
      [4, 'bad_amount'],
      [7, 'missing_amount'],
      [9, 'bad_date'],
    ]);
  });

  it('an unterminated quote after a record spanning three lines names its own row', async () => {
    const error = await userError('customer,name,date,amount\nC1,"Acme\nLtd\nHaifa",2025-01-05,100\nC1,Acme,2025-02-05,100\nC2,"Beta,2025-02-06,100\nC3,Gamma,2025-02-07,100\n', { parser });
    expect([error.code, error.line]).toEqual(['unterminated_quote', 6]);
  });

  it('an unterminated quote after CR LF inside quotes, a blank line and a row of blanks', async () => {
    const error = await userError('customer,name,date,amount\r\nC1,"Acme\r\nLtd",2025-01-05,100\r\n\r\n,,,\r\nC2,"Beta,2025-02-06,100\r\nC3,Gamma,2025-02-07,100\r\n', { parser });
    expect([error.code, error.line]).toEqual(['unterminated_quote', 6]);
  });
});

describe('readOrders: a sale and its full return cancel exactly', () => {
  it('rounds half-cents away from zero for both signs', async () => {
    const { lines } = await read('customer,date,qty,price\nA,2025-01-01,0.5,12.25\nA,2025-01-02,-0.5,12.25\n');
    expect(lines.map((line) => line.amountCents)).toEqual([613, -613]);
  });
});

describe('readOrders: title rows and Excel sep= lines above the header', () => {
  it.each(['auto', 'csv-parse'] as const)('finds the header below report titles and keeps true line numbers (--parser %s)', async (parser) => {
    const { input, lines } = await read('sep=;\nSales by customer 2025;;\nPrinted 01/11/2025;;\nCustomer;Date;Amount\nA;2025-01-01;5\nA;nope;7\n', { parser });
    expect([input.delimiter, input.preambleRows, input.rowsRead]).toEqual([';', 3, 2]);
    expect(lines.map((l) => [l.line, l.customerId])).toEqual([[5, 'A']]);
    expect(input.rejects.sortedFirst().map((r) => r.line)).toEqual([6]);
  });

  it('without a recognisable header in the first rows, the first row stays the header (and the error names it)', async () => {
    const error = await userError('Report;;\nfoo;bar;baz\n1;2;3\n');
    expect([error.code, error.line]).toEqual(['missing_column', 1]);
  });
});

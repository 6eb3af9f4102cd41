import { describe, expect, it } from 'vitest';
import { COMPLAINT_HEADER_ALIASES, normalizeHeader, ORDER_HEADER_ALIASES, type OrderField } from '../../src/ingest/fields.js';
import { listHeaders, mapFlagArgument, missingFieldError, namesRequiredFields, resolveHeaders } from '../../src/ingest/header-map.js';
import { UserError } from '../../src/ingest/user-error.js';

function orders(headers: string[], overrides: Partial<Record<OrderField, string>> = {}) {
  return resolveHeaders({ file: 'orders.csv', headers, aliases: ORDER_HEADER_ALIASES, overrides, mapFlag: '--map' });
}

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('resolveHeaders', () => {
  it('matches English headers in any case, spacing, underscores and dashes', () => {
    const headers = ['CUSTOMER ID', ' order_date ', 'Net-Amount', 'Customer Name', 'Order No.', 'Product Line', 'Item Code', 'Sales Rep', 'Notes', ''];
    expect(orders(headers)).toEqual({
      headers,
      columnOf: { customer: 0, date: 1, amount: 2, customerName: 3, order: 4, category: 5, sku: 6, rep: 7 },
      ignoredHeaders: ['Notes'],
    });
  });

  it('matches quantity and unit price when there is no amount', () => {
    expect(orders(['cust_no', 'Invoice Date', 'QTY', 'Unit Price']).columnOf).toEqual({
      customer: 0,
      date: 1,
      quantity: 2,
      unitPrice: 3,
    });
  });

  it('matches Hebrew headers, with ASCII quotes or gershayim', () => {
    const headers = ['מספר לקוח', 'תאריך', 'סה"כ', 'מק"ט', 'שם לקוח', 'סוכן', 'כמות', 'מחיר'];
    expect(orders(headers)).toEqual({
      headers,
      columnOf: { customer: 0, date: 1, amount: 2, sku: 3, customerName: 4, rep: 5, quantity: 6, unitPrice: 7 },
      ignoredHeaders: [],
    });
    expect(orders(['קוד לקוח', 'תאריך מסמך', 'סה״כ', 'מק״ט']).columnOf).toEqual({ customer: 0, date: 1, amount: 2, sku: 3 });
  });

  it('a header feeds one field only', () => {
    // "Account" is the customer; "Account Name" the name; "Total" the amount, so "Price" is the unit price.
    expect(orders(['Account', 'Account Name', 'Date', 'Total', 'Price', 'Qty']).columnOf).toEqual({
      customer: 0,
      customerName: 1,
      date: 2,
      amount: 3,
      unitPrice: 4,
      quantity: 5,
    });
  });

  it('matches complaint headers', () => {
    const mapping = resolveHeaders({
      file: 'complaints.csv',
      headers: ['Customer ID', 'Ticket ID', 'Created On', 'Resolved At', 'State', 'Topic', 'Priority'],
      aliases: COMPLAINT_HEADER_ALIASES,
      overrides: {},
      mapFlag: '--complaints-map',
    });
    expect(mapping.columnOf).toEqual({ customer: 0, complaint: 1, opened: 2, closed: 3, status: 4, category: 5, severity: 6 });
  });

  it('--map overrides by exact and by normalized header text', () => {
    const headers = ['Cust Ref', 'When', 'Net Value', 'Memo'];
    expect(orders(headers, { customer: 'Cust Ref', date: ' When ', amount: 'net_value' })).toEqual({
      headers,
      columnOf: { customer: 0, date: 1, amount: 2 },
      ignoredHeaders: ['Memo'],
    });
  });

  it('an override claims its header so the alias match moves on', () => {
    // "Customer" would be the customer; the user says it is the amount instead.
    expect(orders(['Customer', 'Client', 'Date'], { amount: 'Customer' }).columnOf).toEqual({ amount: 0, customer: 1, date: 2 });
  });

  it('an override naming a missing header is map_header_not_found', () => {
    const error = thrown(() => orders(['Cust Ref', 'Date', 'Amount'], { customer: 'Nope' }));
    expect(error.code).toBe('map_header_not_found');
    expect(error.file).toBe('orders.csv');
    expect(error.line).toBe(1);
    expect(error.message).toBe('--map customer="Nope": no such header');
    expect(error.hint).toBe('Headers found: "Cust Ref", "Date", "Amount"');
  });

  it('two headers (after normalizing) that both fit a field are duplicate_header', () => {
    const error = thrown(() => orders(['Customer ID', 'Date', 'customer_id', 'Amount']));
    expect(error.code).toBe('duplicate_header');
    expect(error.file).toBe('orders.csv');
    expect(error.line).toBe(1);
    expect(error.message).toBe('duplicate header "customer_id" (columns 1 and 3): which one to use cannot be told');
  });

  it('duplicate headers that feed no field are ignored, not an error', () => {
    const mapping = orders(['customer', 'Notes', 'date', 'Notes', 'amount']);
    expect(mapping.columnOf).toEqual({ customer: 0, date: 2, amount: 4 });
    expect(mapping.ignoredHeaders).toEqual(['Notes', 'Notes']);
  });

  it('several blank headers are not duplicates', () => {
    expect(orders(['customer', '', 'date', '', 'amount']).columnOf).toEqual({ customer: 0, date: 2, amount: 4 });
  });

  it('lists unmatched, non-blank headers as ignored', () => {
    expect(orders(['customer', 'date', 'amount', 'Region', ' ', 'Memo']).ignoredHeaders).toEqual(['Region', 'Memo']);
  });

  it('leaves a field unmapped when no header matches', () => {
    expect(orders(['Client Ref', 'Date', 'Amount']).columnOf).toEqual({ date: 1, amount: 2 });
  });

  it('matches headers behind direction marks, as Excel writes Hebrew ones', () => {
    const headers = ['\u200fלקוח', '\u200fתאריך', '\u200fסכום', '\u202bשם לקוח\u202c', '\u2067סוכן\u2069', '\u061cהערות'];
    expect(orders(headers)).toEqual({
      headers,
      columnOf: { customer: 0, customerName: 3, date: 1, amount: 2, rep: 4 },
      ignoredHeaders: ['\u061cהערות'],
    });
    // The same header twice, once with a mark, is a duplicate, not two columns.
    expect(thrown(() => orders(['לקוח', 'תאריך', '\u200fלקוח', 'סכום'])).code).toBe('duplicate_header');
  });

  it('--map names a header with or without its direction marks', () => {
    const headers = ['\u200fקוד', '\u200fיום', '\u200fנטו'];
    expect(orders(headers, { customer: 'קוד', date: '\u200fיום', amount: '\u200e נטו' }).columnOf).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(namesRequiredFields(headers, ORDER_HEADER_ALIASES, { customer: 'קוד', date: 'יום' }, ['customer', 'date'])).toBe(true);
    expect(namesRequiredFields(['\u200fלקוח', '\u200fתאריך'], ORDER_HEADER_ALIASES, {}, ['customer', 'date'])).toBe(true);
  });

  it.each([
    ['סוכן מכירות', 'rep'],
    ['Salesperson Code', 'rep'],
    ['תאריך אסמכתא', 'date'],
    ['ת. אסמכתא', 'date'],
    ['קטגוריית מוצר', 'category'],
    ['Item Category', 'category'],
    ['Net Sales', 'amount'],
    ['Sold-to', 'customer'],
  ] as const)('%s feeds %s', (header, field) => {
    const others: Record<string, string[]> = {
      customer: [header, 'Date', 'Amount'],
      date: ['Customer', header, 'Amount'],
      amount: ['Customer', 'Date', header],
    };
    const headers = others[field] ?? ['Customer', 'Date', 'Amount', header];
    expect(orders(headers).columnOf[field]).toBe(headers.indexOf(header));
  });

  it('the new aliases sit beside the headers they look like without taking their fields', () => {
    // Priority: the document number, its date, the item, its category, the rep.
    expect(orders(['אסמכתא', 'ת. אסמכתא', 'מספר לקוח', 'פריט', 'קטגוריית מוצר', 'סוכן מכירות', 'סה"כ']).columnOf).toEqual({
      order: 0,
      date: 1,
      customer: 2,
      sku: 3,
      category: 4,
      rep: 5,
      amount: 6,
    });
    expect(orders(['אסמכתא', 'תאריך אסמכתא', 'לקוח', 'סכום']).columnOf).toEqual({ order: 0, date: 1, customer: 2, amount: 3 });
    // Business Central: "Item No." is the sku beside "Item Category".
    expect(orders(['Sold-to', 'Posting Date', 'Item No.', 'Item Category', 'Salesperson Code', 'Net Sales']).columnOf).toEqual({
      customer: 0,
      date: 1,
      sku: 2,
      category: 3,
      rep: 4,
      amount: 5,
    });
  });

  it.each(['Customer No', 'Customer ID', 'Customer Number', 'Customer Code', 'Cust No'])('beside %s, a bare Customer header holds the names', (idHeader) => {
    expect(orders(['Customer', idHeader, 'Invoice Date', 'Net Amount']).columnOf).toEqual({ customerName: 0, customer: 1, date: 2, amount: 3 });
    expect(orders([idHeader, 'Customer', 'Date', 'Amount']).columnOf).toEqual({ customer: 0, customerName: 1, date: 2, amount: 3 });
    // A Customer Name header, when there is one, stays the name.
    expect(orders(['Customer', 'Customer Name', idHeader, 'Date', 'Amount'])).toEqual({
      headers: ['Customer', 'Customer Name', idHeader, 'Date', 'Amount'],
      columnOf: { customer: 2, customerName: 1, date: 3, amount: 4 },
      ignoredHeaders: ['Customer'],
    });
  });

  it('a bare Customer header alone is the customer; Hebrew and client id-like headers win the same way', () => {
    expect(orders(['Customer', 'Date', 'Amount']).columnOf).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(orders(['לקוח', 'מספר לקוח', 'תאריך', 'סכום']).columnOf).toEqual({ customerName: 0, customer: 1, date: 2, amount: 3 });
    expect(orders(['Client', 'Client ID', 'Date', 'Amount']).columnOf).toEqual({ customerName: 0, customer: 1, date: 2, amount: 3 });
    // A bare customer word still beats an id-like header of another kind (an account number may be a ledger's).
    expect(orders(['Customer', 'Account Number', 'Date', 'Amount']).columnOf).toEqual({ customer: 0, date: 2, amount: 3 });
  });

  it('complaints: the id-like customer header wins too', () => {
    const mapping = resolveHeaders({
      file: 'complaints.csv',
      headers: ['Customer', 'Customer No', 'Created On'],
      aliases: COMPLAINT_HEADER_ALIASES,
      overrides: {},
      mapFlag: '--complaints-map',
    });
    expect(mapping.columnOf).toEqual({ customer: 1, opened: 2 });
    expect(mapping.ignoredHeaders).toEqual(['Customer']);
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['\u200fלקוח', 'לקוח'],
    ['\ufeff\u200eCustomer ID\u200e', 'customerid'],
    ['\u202bסה"כ\u202c', 'סהכ'],
    ['\u2066Net Sales\u2069', 'netsales'],
    ['ת. אסמכתא', 'תאסמכתא'],
    ['Sold-to', 'soldto'],
  ])('%j is %j', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});

describe('listHeaders', () => {
  it('quotes trimmed non-blank headers', () => {
    expect(listHeaders([' A ', '', 'B c'])).toBe('"A", "B c"');
  });
});

describe('missingFieldError', () => {
  it('lists the headers found and suggests the exact --map flag for the candidate', () => {
    const error = missingFieldError('orders.csv', 'customer', ['Client Ref', ' Date ', '', 'Amount'], '--map', 'Client Ref');
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('missing_column');
    expect(error.line).toBe(1);
    expect(error.message).toBe('no column for "customer"');
    expect(error.toLine()).toBe(
      'orders.csv:1: no column for "customer". Headers found: "Client Ref", "Date", "Amount". Name it with --map customer="Client Ref"',
    );
  });

  it('without a candidate, the example is a placeholder (never a header already in use)', () => {
    const error = missingFieldError('c.csv', 'opened', ['', ' Foo ', 'Bar'], '--complaints-map', undefined);
    expect(error.hint).toBe('Headers found: "Foo", "Bar". Name it with --complaints-map opened="<header>"');
  });

  it('a header with a double quote is suggested in single quotes, so a shell keeps it whole', () => {
    const error = missingFieldError('orders.csv', 'amount', ['מספר לקוח', 'תאריך', 'סה"כ לשורה'], '--map', 'סה"כ לשורה');
    expect(error.hint).toBe('Headers found: "מספר לקוח", "תאריך", "סה"כ לשורה". Name it with --map \'amount=סה"כ לשורה\'');
  });

  it('a header with direction marks is listed and suggested without them', () => {
    const error = missingFieldError('orders.csv', 'customer', ['\u200fקוד', '\u200fתאריך', '\u200f'], '--map', '\u200fקוד');
    expect(error.hint).toBe('Headers found: "קוד", "תאריך". Name it with --map customer="קוד"');
  });

  it.each([
    [',', 'semicolon', 'Customer ID;Order Date;Amount'],
    [';', 'comma', 'Customer ID,Order Date,Amount'],
    [',', 'tab', 'Customer ID\tOrder Date\tAmount'],
    [',', 'pipe', 'Customer ID|Order Date|Amount'],
  ] as const)('a header row read as one cell (delimiter %j) suggests --delimiter %s, not a --map of the whole row', (delimiter, label, cell) => {
    const error = missingFieldError('orders.csv', 'customer', [cell], '--map', cell, delimiter);
    expect(error.code).toBe('missing_column');
    const current = delimiter === ',' ? 'comma' : 'semicolon';
    expect(error.hint).toBe(`Headers found: "${cell}". The header row is one cell: the delimiter looks like ${label}, not ${current}; pass --delimiter ${label}`);
  });

  it('one header cell without another delimiter in it, or with only the file\'s own, still gets a --map', () => {
    expect(missingFieldError('orders.csv', 'date', ['Customer', ''], '--map', undefined, ',').hint).toBe('Headers found: "Customer". Name it with --map date="<header>"');
    // A quoted header holding the file's own delimiter: no other delimiter would help.
    expect(missingFieldError('orders.csv', 'date', ['Customer, Date'], '--map', undefined, ',').hint).toBe('Headers found: "Customer, Date". Name it with --map date="<header>"');
    // Two header cells: the delimiter splits the row, whatever else a cell holds.
    expect(missingFieldError('orders.csv', 'date', ['Customer;Date', 'Amount'], '--map', undefined, ',').hint).toBe('Headers found: "Customer;Date", "Amount". Name it with --map date="<header>"');
  });
});

describe('mapFlagArgument', () => {
  it.each([
    ['Client Ref', '--map customer="Client Ref"'],
    ['מספר לקוח', '--map customer="מספר לקוח"'],
    ["Cust's No", `--map customer="Cust's No"`],
    ['מק"ט', `--map 'customer=מק"ט'`],
    ['מע"מ', `--map 'customer=מע"מ'`],
    [`a"b'c`, `--map 'customer=a"b'\\''c'`],
    ['Price $US', `--map 'customer=Price $US'`],
    ['Back\\slash', `--map 'customer=Back\\slash'`],
  ])('%j as %s', (header, expected) => {
    expect(mapFlagArgument('--map', 'customer', header)).toBe(expected);
  });
});

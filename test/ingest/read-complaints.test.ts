import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readComplaintCategory, readComplaintSeverity, readComplaintStatus } from '../../src/ingest/complaint-vocabulary.js';
import { bytesSource } from '../../src/ingest/input-source.js';
import { readComplaints, type ComplaintLine, type ComplaintsInput, type ReadComplaintsOptions } from '../../src/ingest/read-complaints.js';
import { UserError } from '../../src/ingest/user-error.js';

async function read(text: string | Buffer, options: ReadComplaintsOptions = {}): Promise<{ input: ComplaintsInput; lines: ComplaintLine[] }> {
  const lines: ComplaintLine[] = [];
  const input = await readComplaints(bytesSource('complaints.csv', text), options, (line) => lines.push(line));
  return { input, lines };
}

describe('readComplaints', () => {
  it('reads English headers, status, category and severity words', async () => {
    const { input, lines } = await read(
      'Customer ID,Ticket,Opened,Closed,Status,Category,Severity\n' +
        'C1,T1,2025-03-01,2025-03-05,Closed,Late delivery,High\n' +
        'C2,,2025-03-02,,Open,,\n' +
        'C3,T3,2025-03-01,,In Progress,Invoice error,P0\n',
    );
    expect(lines).toEqual([
      { line: 2, customerId: 'C1', complaintId: 'T1', openedToken: 0, closedToken: 0, status: 'closed', category: 'delivery', severity: 'high' },
      { line: 3, customerId: 'C2', complaintId: undefined, openedToken: 1, closedToken: -1, status: 'open', category: undefined, severity: undefined },
      { line: 4, customerId: 'C3', complaintId: 'T3', openedToken: 0, closedToken: -1, status: 'open', category: 'billing', severity: 'critical' },
    ]);
    expect(input.rowsRead).toBe(3);
    expect(input.rejects.count).toBe(0);
    expect(input.mapping.columnOf).toEqual({ customer: 0, complaint: 1, opened: 2, closed: 3, status: 4, category: 5, severity: 6 });
    expect(input.openedDates.resolve()).toEqual({ format: 'iso', dayOfToken: [20148, 20149] });
    expect(input.closedDates.resolve()).toEqual({ format: 'iso', dayOfToken: [20152] });
  });

  it('reads Hebrew headers and words; the closed column settles on the opened layout', async () => {
    const { input, lines } = await read(
      'מספר לקוח,מספר פנייה,תאריך פתיחה,תאריך סגירה,סטטוס,נושא,חומרה\n' +
        'C1,1,01/03/2025,05/03/2025,סגורה,משלוח באיחור,גבוהה\n' +
        'C2,2,13/03/2025,,פתוחה,חשבונית שגויה,נמוכה\n' +
        'C3,3,14/03/2025,,בטיפול,מוצר פגום,קריטית\n',
    );
    expect(lines.map((l) => [l.line, l.customerId, l.complaintId, l.status, l.category, l.severity, l.closedToken])).toEqual([
      [2, 'C1', '1', 'closed', 'delivery', 'high', 0],
      [3, 'C2', '2', 'open', 'billing', 'low', -1],
      [4, 'C3', '3', 'open', 'product', 'critical', -1],
    ]);
    const opened = input.openedDates.resolve();
    expect(opened).toEqual({ format: 'dmy', dayOfToken: [20148, 20160, 20161] });
    // "05/03/2025" alone cannot tell day-first from month-first.
    expect(() => input.closedDates.resolve()).toThrow(UserError);
    expect(input.closedDates.resolve(opened.format)).toEqual({ format: 'dmy', dayOfToken: [20152] });
  });

  it('reads a Windows-1255 Hebrew complaints file', async () => {
    const bytes = iconv.encode('לקוח,תאריך,סטטוס\nאלפא,2025-03-01,פתוח\nבטא,2025-03-02,נסגר\n', 'windows-1255');
    const { input, lines } = await read(bytes);
    expect(input.encoding).toBe('windows-1255');
    expect(lines.map((l) => [l.customerId, l.status])).toEqual([
      ['אלפא', 'open'],
      ['בטא', 'closed'],
    ]);
  });

  it('rejects rows with the reason and line; a bad closed date names its value', async () => {
    const { input, lines } = await read(
      'customer,opened,closed\n' + // 1
        'C1,2025-03-01,2025-03-05\n' + // 2
        'C2,2025-03-01,soon\n' + // 3
        ',2025-03-01,\n' + // 4
        'C3,,2025-03-05\n' + // 5
        '\n' + // 6
        'C4,yesterday,\n' + // 7
        'C5,2025-03-01,31/02/2025\n', // 8
    );
    expect(lines.map((l) => l.line)).toEqual([2]);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'complaints.csv', line: 3, reason: 'bad_closed_date', field: 'closed', value: 'soon' },
      { file: 'complaints.csv', line: 4, reason: 'missing_customer', field: 'customer' },
      { file: 'complaints.csv', line: 5, reason: 'missing_date', field: 'opened' },
      { file: 'complaints.csv', line: 7, reason: 'bad_date', field: 'opened', value: 'yesterday' },
      { file: 'complaints.csv', line: 8, reason: 'bad_closed_date', field: 'closed', value: '31/02/2025' },
    ]);
    expect(input.rowsRead).toBe(6);
  });

  it.each(['auto', 'csv-parse'] as const)('a CR LF or CR CR LF inside a quoted field is one line end (--parser %s)', async (parser) => {
    const { input, lines } = await read(
      'customer,opened,closed,category\r\n' + // 1
        'C1,2025-03-01,,"late\r\ndelivery"\r\n' + // 2-3
        'C2,someday,,quality\r\n' + // 4
        'C3,2025-03-02,,"wrong\r\r\ninvoice"\r\n' + // 5-6
        ',2025-03-03,,quality\r\n', // 7
      { parser },
    );
    expect(lines.map((l) => [l.line, l.customerId])).toEqual([
      [3, 'C1'],
      [6, 'C3'],
    ]);
    expect(input.rejects.sortedFirst().map((reject) => [reject.line, reject.reason])).toEqual([
      [4, 'bad_date'],
      [7, 'missing_customer'],
    ]);
  });

  it('a file without a closed column gives every row closedToken -1', async () => {
    const { input, lines } = await read('customer,date\nC1,2025-03-01\nC2,2025-03-02\n');
    expect(lines.map((l) => [l.customerId, l.openedToken, l.closedToken, l.status, l.category, l.severity])).toEqual([
      ['C1', 0, -1, undefined, undefined, undefined],
      ['C2', 1, -1, undefined, undefined, undefined],
    ]);
    expect(input.closedDates.distinctCount).toBe(0);
    expect(input.closedDates.header).toBe('closed');
  });

  it('a forced date format applies to both date columns', async () => {
    const { input, lines } = await read('customer,opened,closed\nC1,01/02/2025,03/02/2025\nC2,2025-02-01,\n', { dateFormat: 'mdy' });
    expect(lines.map((l) => l.line)).toEqual([2]);
    expect(input.rejects.sortedFirst()).toEqual([
      { file: 'complaints.csv', line: 3, reason: 'bad_date', field: 'opened', value: '2025-02-01' },
    ]);
    expect(input.openedDates.resolve()).toEqual({ format: 'mdy', dayOfToken: [20090] });
    expect(input.closedDates.resolve()).toEqual({ format: 'mdy', dayOfToken: [20149] });
  });

  it('reads every field behind direction marks as without them', async () => {
    const { input, lines } = await read(
      '\u200fמספר לקוח,\u200fמספר פנייה,\u200fתאריך פתיחה,\u200fתאריך סגירה,\u200fסטטוס,\u200fנושא,\u200fחומרה\n' +
        '\u200fC1,\u200e17,\u200f01/03/2025,05/03/2025\u200e,\u200fסגורה,\u202bמשלוח באיחור\u202c,\u2067גבוהה\u2069\n' +
        'C1,18,13/03/2025,\u200f,\u061cפתוחה,\u200f,\u200f\n',
    );
    expect(input.mapping.columnOf).toEqual({ customer: 0, complaint: 1, opened: 2, closed: 3, status: 4, category: 5, severity: 6 });
    expect(lines).toEqual([
      { line: 2, customerId: 'C1', complaintId: '17', openedToken: 0, closedToken: 0, status: 'closed', category: 'delivery', severity: 'high' },
      { line: 3, customerId: 'C1', complaintId: '18', openedToken: 1, closedToken: -1, status: 'open', category: undefined, severity: undefined },
    ]);
    expect(input.openedDates.resolve()).toEqual({ format: 'dmy', dayOfToken: [20148, 20160] });
  });

  it('uses --complaints-map overrides', async () => {
    const { lines } = await read('Acct Ref,Logged\nC1,2025-03-01\n', { overrides: { customer: 'Acct Ref', opened: 'logged' } });
    expect(lines.map((l) => [l.line, l.customerId])).toEqual([[2, 'C1']]);
  });

  it('a missing opened column is missing_column with the --complaints-map fix', async () => {
    try {
      await read('customer,Created Time,status\nC1,2025-03-01,open\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const userError = error as UserError;
      expect(userError.code).toBe('missing_column');
      expect(userError.toLine()).toBe(
        'complaints.csv:1: no column for "opened". Headers found: "customer", "Created Time", "status". Name it with --complaints-map opened="Created Time"',
      );
    }
  });

  it('a header row read as one cell by the wrong delimiter suggests --delimiter', async () => {
    await expect(read('Customer;Opened;Status\nC1;2025-03-01;open\n', { delimiter: '|' })).rejects.toMatchObject({
      code: 'missing_column',
      hint: 'Headers found: "Customer;Opened;Status". The header row is one cell: the delimiter looks like semicolon, not pipe; pass --delimiter semicolon',
    });
  });

  it('a missing customer column is missing_column', async () => {
    await expect(read('Ref,date\nC1,2025-03-01\n')).rejects.toMatchObject({ code: 'missing_column', message: 'no column for "customer"' });
  });
});

describe('readComplaintStatus', () => {
  it.each([
    ['Open', 'open'],
    ['In Progress', 'open'],
    ['on_hold', 'open'],
    ['Re-opened', 'open'],
    ['פתוחה', 'open'],
    ['בטיפול', 'open'],
    ['ממתין', 'open'],
    ['CLOSED ', 'closed'],
    ['Resolved', 'closed'],
    ['cancelled', 'closed'],
    ['סגורה', 'closed'],
    ['טופל', 'closed'],
  ] as const)('%j -> %s', (raw, status) => {
    expect(readComplaintStatus(raw)).toBe(status);
  });

  it.each(['', 'maybe', 'open-ish'])('%j is unknown', (raw) => {
    expect(readComplaintStatus(raw)).toBeUndefined();
  });
});

describe('readComplaintCategory', () => {
  it.each([
    ['Late delivery', 'delivery'],
    ['SHIPPING', 'delivery'],
    ['Courier', 'delivery'],
    ['משלוח באיחור', 'delivery'],
    ['Billing', 'billing'],
    ['Invoice error', 'billing'],
    ['Credit note', 'billing'],
    ['חשבונית שגויה', 'billing'],
    ['Missing certificate', 'paperwork'],
    ['Documents', 'paperwork'],
    ['ניירת', 'paperwork'],
    ['Product quality', 'product'],
    ['Broken item', 'product'],
    ['מוצר פגום', 'product'],
    ['Customer service', 'service'],
    ['Rude driver', 'service'],
    ['שירות', 'service'],
    ['Something else', 'other'],
    ['אחר', 'other'],
  ] as const)('%j -> %s', (raw, category) => {
    expect(readComplaintCategory(raw)).toBe(category);
  });

  it('blank text has no category', () => {
    expect(readComplaintCategory('')).toBeUndefined();
    expect(readComplaintCategory('  ')).toBeUndefined();
  });
});

describe('readComplaintSeverity', () => {
  it.each([
    ['Low', 'low'],
    ['minor', 'low'],
    ['P3', 'low'],
    ['Medium', 'medium'],
    ['Normal', 'medium'],
    ['3', 'medium'],
    ['High', 'high'],
    ['URGENT', 'high'],
    ['P1', 'high'],
    ['Critical', 'critical'],
    ['Blocker', 'critical'],
    ['P0', 'critical'],
    ['נמוכה', 'low'],
    ['בינונית', 'medium'],
    ['דחוף', 'high'],
    ['קריטי', 'critical'],
  ] as const)('%j -> %s', (raw, severity) => {
    expect(readComplaintSeverity(raw)).toBe(severity);
  });

  it.each(['', 'meh', '6'])('%j is unknown', (raw) => {
    expect(readComplaintSeverity(raw)).toBeUndefined();
  });
});

describe('readComplaintCategory matches stems at word starts only', () => {
  it.each([
    ['Invoice calculated wrong', 'billing'],
    ['Related to billing', 'billing'],
    ['Damaged plates', 'product'],
    ['late delivery', 'delivery'],
    ['פנייה לגבי איכות המוצר', 'product'],
    ['עיכוב במשלוח', 'delivery'],
  ] as const)('%s -> %s', (text, category) => {
    expect(readComplaintCategory(text)).toBe(category);
  });
});

import { describe, expect, it } from 'vitest';
import { DateColumn, parseDateFormatOption, readDateCandidates } from '../../src/ingest/date-column.js';
import { UserError } from '../../src/ingest/user-error.js';

// Day numbers (days since 1970-01-01 UTC) used below.
const D_2025_01_02 = 20090;
const D_2025_02_01 = 20120;
const D_2025_02_13 = 20132;
const D_2025_03_07 = 20154;
const D_2025_03_13 = 20160;
const D_2025_04_03 = 20181;
const D_2025_07_03 = 20272;

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('readDateCandidates', () => {
  it.each([
    ['2025-03-07', { iso: D_2025_03_07 }],
    ['2025/3/7', { iso: D_2025_03_07 }],
    ['  2025-03-07  ', { iso: D_2025_03_07 }],
    ['2025-03-07T10:15:00', { iso: D_2025_03_07 }],
    ['2025-03-07 10:15', { iso: D_2025_03_07 }],
    // The written calendar date is kept; the offset does not move it to another day.
    ['2025-03-07T23:30:00+02:00', { iso: D_2025_03_07 }],
    ['2025-03-07T00:30:00-05:00', { iso: D_2025_03_07 }],
    ['07/03/2025', { dmy: D_2025_03_07, mdy: D_2025_07_03 }],
    ['07.03.2025', { dmy: D_2025_03_07, mdy: D_2025_07_03 }],
    ['7-3-2025', { dmy: D_2025_03_07, mdy: D_2025_07_03 }],
    ['7/3/25', { dmy: D_2025_03_07, mdy: D_2025_07_03 }],
    ['07/03/2025 10:15', { dmy: D_2025_03_07, mdy: D_2025_07_03 }],
    ['13/03/2025', { dmy: D_2025_03_13 }],
    ['13.03.2025', { dmy: D_2025_03_13 }],
    ['03/13/2025', { mdy: D_2025_03_13 }],
    ['1/1/70', { dmy: 0, mdy: 0 }],
    ['1/1/69', { dmy: 36160, mdy: 36160 }], // two-digit years below 70 are 20xx
    ['20250307', { ymd: D_2025_03_07 }],
    ['19991231', { ymd: 10956 }],
    ['45723', { excel: D_2025_03_07 }],
    ['45723.75', { excel: D_2025_03_07 }],
    ['25569', { excel: 0 }],
  ])('reads %j', (raw, expected) => {
    expect(readDateCandidates(raw)).toEqual(expected);
  });

  it.each([
    '31/02/2025', // no 31 February in either order
    '2025-02-31',
    '2025-02-29', // not a leap year
    '20251301',
    '13/13/2025',
    '07/03-2025', // separators must match
    '12345', // serial before 1954
    '99999', // serial after 2119
    '2025-03-07Z',
    'next tuesday',
    '',
  ])('has no reading for %j', (raw) => {
    expect(readDateCandidates(raw)).toEqual({});
  });

  it('accepts 29 February in a leap year', () => {
    expect(readDateCandidates('29/02/2024')).toEqual({ dmy: 19782 });
    expect(readDateCandidates('2024-02-29')).toEqual({ iso: 19782 });
  });
});

describe('parseDateFormatOption', () => {
  it.each([
    ['iso', 'iso'],
    [' ISO ', 'iso'],
    ['yyyy-mm-dd', 'iso'],
    ['YYYY-MM-DD', 'iso'],
    ['yyyy/mm/dd', 'iso'],
    ['yyyy.mm.dd', 'iso'],
    ['yyyymmdd', 'ymd'],
    ['ymd', 'ymd'],
    ['dd/mm/yyyy', 'dmy'],
    ['DD/MM/YYYY', 'dmy'],
    ['dd.mm.yyyy', 'dmy'],
    ['dd-mm-yyyy', 'dmy'],
    ['dd/mm/yy', 'dmy'],
    ['d.m.y', 'dmy'],
    ['d/m/yy', 'dmy'],
    ['dmy', 'dmy'],
    ['mm/dd/yyyy', 'mdy'],
    ['MM/DD/YYYY', 'mdy'],
    ['mm.dd.yy', 'mdy'],
    ['m/d/y', 'mdy'],
    ['excel', 'excel'],
    ['excel-serial', 'excel'],
    ['Excel Serial', 'excel'],
    ['serial', 'excel'],
  ] as const)('%j -> %s', (text, format) => {
    expect(parseDateFormatOption(text)).toBe(format);
  });

  it.each(['', 'nope', 'yymmdd', 'dd/yyyy'])('rejects %j', (text) => {
    expect(parseDateFormatOption(text)).toBeUndefined();
  });
});

describe('DateColumn.tokenize', () => {
  it('gives each distinct text one token and reuses it', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    expect(column.tokenize('2025-03-07', 2)).toBe(0);
    expect(column.tokenize('2025-03-13', 3)).toBe(1);
    expect(column.tokenize('2025-03-07', 4)).toBe(0);
    expect(column.tokenize('2025-03-13', 5)).toBe(1);
    expect(column.distinctCount).toBe(2);
    expect(column.resolve()).toEqual({ format: 'iso', dayOfToken: [D_2025_03_07, D_2025_03_13] });
  });

  it('returns -1 for texts that are no date, also when repeated, and does not count them', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    expect(column.tokenize('soon', 2)).toBe(-1);
    expect(column.tokenize('31/02/2025', 3)).toBe(-1);
    expect(column.tokenize('soon', 4)).toBe(-1);
    expect(column.tokenize('2025-03-07', 5)).toBe(0);
    expect(column.distinctCount).toBe(1);
  });

  it('with a forced format returns -1 for dates in other layouts', () => {
    const column = new DateColumn('orders.csv', 'Date', 'dmy');
    expect(column.tokenize('01/02/2025', 2)).toBe(0);
    expect(column.tokenize('2025-03-01', 3)).toBe(-1);
    expect(column.tokenize('02/13/2025', 4)).toBe(-1);
    expect(column.tokenize('13/02/2025', 5)).toBe(1);
    expect(column.distinctCount).toBe(2);
  });
});

describe('DateColumn.resolve', () => {
  it('picks the only layout that fits', () => {
    const cases: Array<[string[], string]> = [
      [['2025-03-07', '2025-03-13'], 'iso'],
      [['20250307'], 'ymd'],
      [['45723'], 'excel'],
      [['13/03/2025', '07/03/2025'], 'dmy'],
      [['03/13/2025', '07/03/2025'], 'mdy'],
    ];
    for (const [texts, format] of cases) {
      const column = new DateColumn('f.csv', 'Date', undefined);
      texts.forEach((text, i) => column.tokenize(text, i + 2));
      expect(column.resolve().format).toBe(format);
    }
  });

  it('settles day-first from one decisive value in the last row', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    column.tokenize('01/02/2025', 2);
    column.tokenize('07/03/2025', 3);
    column.tokenize('01/02/2025', 4);
    column.tokenize('13/03/2025', 5000);
    expect(column.possibleFormats()).toEqual(['dmy']);
    expect(column.resolve()).toEqual({ format: 'dmy', dayOfToken: [D_2025_02_01, D_2025_03_07, D_2025_03_13] });
  });

  it('settles month-first from one decisive value', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    column.tokenize('01/02/2025', 2);
    column.tokenize('03/04/2025', 3);
    column.tokenize('02/13/2025', 4);
    expect(column.resolve()).toEqual({ format: 'mdy', dayOfToken: [D_2025_01_02, 20151, D_2025_02_13] });
  });

  it('throws ambiguous_date_format when nothing decides', () => {
    const column = new DateColumn('orders.csv', 'Order Date', undefined);
    column.tokenize('01/02/2025', 2);
    column.tokenize('03/04/2025', 3);
    expect(column.possibleFormats()).toEqual(['dmy', 'mdy']);
    const error = thrown(() => column.resolve());
    expect(error.code).toBe('ambiguous_date_format');
    expect(error.file).toBe('orders.csv');
    expect(error.message).toBe(
      'column "Order Date": dates like "01/02/2025" could be day-first or month-first, and no date in the file settles it',
    );
    expect(error.hint).toBe('Pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy');
  });

  it('uses a sibling format that fits, and ignores one that does not', () => {
    const column = new DateColumn('complaints.csv', 'Closed', undefined);
    column.tokenize('01/02/2025', 2);
    column.tokenize('03/04/2025', 3);
    expect(column.resolve('mdy')).toEqual({ format: 'mdy', dayOfToken: [D_2025_01_02, 20151] });
    expect(column.resolve('dmy')).toEqual({ format: 'dmy', dayOfToken: [D_2025_02_01, D_2025_04_03] });
    expect(thrown(() => column.resolve('iso')).code).toBe('ambiguous_date_format');
  });

  it('a decisive value beats the sibling format', () => {
    const column = new DateColumn('complaints.csv', 'Closed', undefined);
    column.tokenize('01/02/2025', 2);
    column.tokenize('13/02/2025', 3);
    expect(column.resolve('mdy')).toEqual({ format: 'dmy', dayOfToken: [D_2025_02_01, D_2025_02_13] });
  });

  it('an empty column takes the sibling format, else iso', () => {
    const column = new DateColumn('complaints.csv', 'Closed', undefined);
    expect(column.resolve()).toEqual({ format: 'iso', dayOfToken: [] });
    expect(column.resolve('dmy')).toEqual({ format: 'dmy', dayOfToken: [] });
  });

  it('throws mixed_date_formats naming the odd value and the line it first appears on', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    column.tokenize('2025-03-01', 2);
    column.tokenize('2025-03-02', 3);
    column.tokenize('13/03/2025', 7);
    column.tokenize('13/03/2025', 9);
    expect(column.possibleFormats()).toEqual([]);
    const error = thrown(() => column.resolve());
    expect(error.code).toBe('mixed_date_formats');
    expect(error.file).toBe('orders.csv');
    expect(error.line).toBe(7);
    expect(error.message).toBe('column "Date": dates in more than one layout; most are yyyy-mm-dd but "13/03/2025" is not');
    expect(error.toLine()).toBe(
      'orders.csv:7: column "Date": dates in more than one layout; most are yyyy-mm-dd but "13/03/2025" is not. Fix the export, or pass --date-format to reject the odd rows',
    );
  });

  it('mixed day-first and month-first values name the minority value', () => {
    const column = new DateColumn('orders.csv', 'Date', undefined);
    column.tokenize('13/02/2025', 2);
    column.tokenize('03/02/2025', 3);
    column.tokenize('02/13/2025', 4);
    column.tokenize('02/14/2025', 5);
    const error = thrown(() => column.resolve());
    expect(error.code).toBe('mixed_date_formats');
    expect(error.line).toBe(2);
    expect(error.message).toBe('column "Date": dates in more than one layout; most are mm/dd/yyyy but "13/02/2025" is not');
  });

  it('a forced format wins over detection and over the sibling', () => {
    const column = new DateColumn('orders.csv', 'Date', 'mdy');
    expect(column.tokenize('01/02/2025', 2)).toBe(0);
    expect(column.tokenize('03/04/2025', 3)).toBe(1);
    expect(column.resolve()).toEqual({ format: 'mdy', dayOfToken: [D_2025_01_02, 20151] });
    expect(column.resolve('dmy')).toEqual({ format: 'mdy', dayOfToken: [D_2025_01_02, 20151] });
  });
});

describe('parseDateFormatOption spellings by the order of d, m and y', () => {
  it.each([
    ['y-m-d', 'iso'],
    ['d-mmm-yyyy', 'named'],
    ['DD-MMM-YY', 'named'],
    ['mmmm d, yyyy', 'named'],
    ['month-name', 'named'],
    ['m/d/yy', 'mdy'],
    ['d/m/yy', 'dmy'],
    ['Excel Serial', 'excel'],
    ['yyyymmdd', 'ymd'],
  ] as const)('%s -> %s', (text, format) => {
    expect(parseDateFormatOption(text)).toBe(format);
  });
  it('rejects compact two-digit years', () => {
    expect(parseDateFormatOption('yymmdd')).toBeUndefined();
  });
});

describe('DateColumn: dates that read the same either way are not ambiguous', () => {
  it('01/01 and 05/05 resolve without asking', () => {
    const column = new DateColumn('f.csv', 'date', undefined);
    column.tokenize('01/01/2025', 2);
    column.tokenize('05/05/2025', 3);
    expect(column.resolve().format).toBe('dmy');
  });
});

describe('readDateCandidates: a month by its name', () => {
  it.each([
    ['7-Mar-2025', D_2025_03_07],
    ['07-MAR-25', D_2025_03_07],
    ['7 March 2025', D_2025_03_07],
    ['7 Mar. 2025', D_2025_03_07],
    ['07/Mar/2025 10:15', D_2025_03_07],
    ['Mar 7, 2025', D_2025_03_07],
    ['March 7 2025', D_2025_03_07],
    ['7 במרץ 2025', D_2025_03_07],
    ['7-מרץ-25', D_2025_03_07],
  ])('%s', (text, day) => {
    expect(readDateCandidates(text)).toEqual({ named: day });
  });

  it.each(['31-Feb-2025', '7-Foo-2025', 'Mar 2025', '7-Mar', 'Mar-7-2025x'])('%s is no date', (text) => {
    expect(readDateCandidates(text)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseDelimiterOption } from '../../src/ingest/delimiter.js';

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'customer,date,amount\nC1,2025-01-01,5\nC2,2025-01-02,6\n', ','],
    ['semicolon', 'customer;date;amount\nC1;01.01.2025;1.234,50\nC2;02.01.2025;12,5\n', ';'],
    ['tab', 'customer\tname\tamount\nC1\tAcme, Inc.\t5\nC2\tBeta; Ltd\t6\n', '\t'],
    ['pipe', 'customer|date|amount\nC1|2025-01-01|5\n', '|'],
    ['CRLF semicolon', 'customer;date;amount\r\nC1;2025-01-01;5\r\n', ';'],
    ['a header line alone', 'customer|date|amount', '|'],
  ] as const)('%s', (_name, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('ignores delimiters inside quoted fields', () => {
    // Counting blindly, `;` would split every line more often than `,`.
    expect(detectDelimiter('"a;b;c",d\n"1;2;3",4\n"5;6;7",8\n')).toBe(',');
    // And the reverse: commas inside quoted names do not vote.
    expect(detectDelimiter('"name, full";"city, state";amount\n"Smith, J";"Haifa, IL";5\n')).toBe(';');
  });

  it('prefers the delimiter that splits every line alike over the one the header has most of', () => {
    expect(detectDelimiter('a;b;c,d,e,f\n1;2;3\n4;5;6\n')).toBe(';');
  });

  it('falls back to comma when no delimiter appears', () => {
    expect(detectDelimiter('customer\nC1\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('parseDelimiterOption', () => {
  it.each([
    [',', ','],
    ['comma', ','],
    [' Comma ', ','],
    [';', ';'],
    ['SEMICOLON', ';'],
    ['\t', '\t'],
    ['\\t', '\t'],
    ['tab', '\t'],
    ['|', '|'],
    ['pipe', '|'],
  ] as const)('%j -> %j', (text, delimiter) => {
    expect(parseDelimiterOption(text)).toBe(delimiter);
  });

  it.each([':', '', ',,'])('rejects %j', (text) => {
    expect(parseDelimiterOption(text)).toBeUndefined();
  });
});

describe('detectDelimiter with a gershayim in a header', () => {
  it('a quote inside a field is text, not the start of a quoted field', () => {
    expect(detectDelimiter('a"b;c\n1;2\n')).toBe(';');
    expect(detectDelimiter('מק"ט\tמספר לקוח\tתאריך\tסכום\nA1\tC1\t2025-03-07\t100\n')).toBe('\t');
  });
});

describe('whitespace-aligned text', () => {
  it('" ", "space" and "whitespace" name it', () => {
    expect([' ', 'space', 'whitespace'].map(parseDelimiterOption)).toEqual(['whitespace', 'whitespace', 'whitespace']);
  });
  it('is detected when no delimiter character splits the lines but blanks do, alike', () => {
    expect(detectDelimiter(' customer_id  date number_of_cds  dollar_value\n 00001 19970101  1  11.77\n 00002 19970112  1  12.00\n')).toBe('whitespace');
    expect(detectDelimiter('just one column\nand another line here\n')).toBe(',');
  });
});

import { readDateCandidates } from './date-column.js';
import { normalizeHeader } from './fields.js';
import type { HeaderMapping } from './header-map.js';
import { parseMoney } from './money.js';

/** Word pieces that hint at a field in a header no alias matched ("Cust. Code (ERP)" -> customer). */
const FIELD_HINTS: Record<string, readonly string[]> = {
  customer: ['cust', 'client', 'account', 'acct', 'buyer', 'לקוח'],
  date: ['date', 'day', 'time', 'תאריך'],
  opened: ['open', 'created', 'date', 'פתיחה', 'תאריך'],
  amount: ['amount', 'total', 'net', 'value', 'sum', 'revenue', 'sales', 'price', 'סכום', 'סהכ'],
};

/** What the values of a column must look like to feed a field. */
const VALUE_TESTS: Record<string, (value: string) => boolean> = {
  date: (value) => Object.keys(readDateCandidates(value)).length > 0,
  opened: (value) => Object.keys(readDateCandidates(value)).length > 0,
  amount: (value) => parseMoney(value, '.') !== undefined || parseMoney(value, ',') !== undefined,
};

/**
 * The unclaimed header most likely meant for `field`, to put into the suggested `--map`: first by
 * its values (a column of dates for `date`), then by a hint in its name.
 */
export function suggestHeader(
  mapping: HeaderMapping<string>,
  field: string,
  sampleRows: readonly (readonly string[])[] = [],
): string | undefined {
  const claimed = new Set(Object.values(mapping.columnOf).filter((index): index is number => index !== undefined));
  const candidates = mapping.headers
    .map((header, index) => ({ header, index }))
    .filter(({ header, index }) => !claimed.has(index) && header.trim() !== '');
  const fits = VALUE_TESTS[field];
  if (fits !== undefined && sampleRows.length > 0) {
    const byValues = candidates.find(({ index }) => {
      const values = sampleRows.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
      return values.length > 0 && values.filter(fits).length >= values.length * 0.8;
    });
    if (byValues !== undefined) return byValues.header;
  }
  const hints = FIELD_HINTS[field] ?? [];
  return candidates.find(({ header }) => hints.some((hint) => normalizeHeader(header).includes(hint)))?.header;
}

/** The fields of the first `count` rows (for suggestions only; the rows are not used after). */
export async function sampleRows(
  rows: AsyncIterable<readonly { fields: readonly string[] }[]>,
  count: number,
): Promise<string[][]> {
  const sample: string[][] = [];
  if (count <= 0) return sample;
  for await (const batch of rows) {
    for (const row of batch) {
      sample.push([...row.fields]);
      if (sample.length >= count) return sample;
    }
  }
  return sample;
}

import { InvalidArgumentError } from 'commander';
import { parseDateFormatOption, type DateFormat } from '../ingest/date-column.js';
import { parseIsoDay, type Day } from '../ingest/day.js';
import { DELIMITERS, parseDelimiterOption, type Delimiter } from '../ingest/delimiter.js';
import { parseEncodingOption, TEXT_ENCODINGS, type TextEncoding } from '../ingest/encoding.js';

/** `--map field=Header`, repeatable: collects into { field: Header }, checking the field name. */
export function fieldMapCollector(fields: readonly string[]) {
  return (value: string, previous: Record<string, string> = {}): Record<string, string> => {
    const at = value.indexOf('=');
    const field = at < 0 ? '' : value.slice(0, at).trim();
    const header = at < 0 ? '' : value.slice(at + 1).trim();
    if (at < 0 || header === '') throw new InvalidArgumentError(`expected field=Header, e.g. customer="Cust No"`);
    const known = fields.find((name) => name.toLowerCase() === field.toLowerCase());
    if (known === undefined) throw new InvalidArgumentError(`unknown field "${field}"; fields: ${fields.join(', ')}`);
    return { ...previous, [known]: header };
  };
}

export function asOfOption(value: string): Day {
  const day = parseIsoDay(value);
  if (day === undefined) throw new InvalidArgumentError('expected a date as YYYY-MM-DD, e.g. 2026-10-31');
  return day;
}

/** The --date-format spellings shown in help and errors (parseDateFormatOption takes more). */
export const DATE_FORMAT_CHOICES = 'dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd, excel, d-mmm-yyyy';

export function dateFormatOption(value: string): DateFormat {
  const format = parseDateFormatOption(value);
  if (format === undefined) {
    throw new InvalidArgumentError(`expected one of ${DATE_FORMAT_CHOICES}`);
  }
  return format;
}

export function encodingOption(value: string): TextEncoding {
  const encoding = parseEncodingOption(value);
  if (encoding === undefined) throw new InvalidArgumentError(`expected one of ${TEXT_ENCODINGS.join(', ')}`);
  return encoding;
}

export function delimiterOption(value: string): Delimiter {
  const delimiter = parseDelimiterOption(value);
  if (delimiter === undefined) throw new InvalidArgumentError(`expected comma, semicolon, tab, pipe or whitespace (${DELIMITERS.join(' ')})`);
  return delimiter;
}

export function positiveIntegerOption(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a whole number above 0');
  return number;
}

export function currencyOption(value: string): string {
  const code = value.trim().toUpperCase();
  const aliases: Record<string, string> = { '₪': 'ILS', NIS: 'ILS', $: 'USD', '€': 'EUR', '£': 'GBP' };
  const resolved = aliases[code] ?? code;
  if (!/^[A-Z]{3}$/.test(resolved)) throw new InvalidArgumentError('expected a currency code such as ILS, USD or EUR');
  return resolved;
}

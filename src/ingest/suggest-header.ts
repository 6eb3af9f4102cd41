import type { HeaderMapping } from './header-map.js';
import { normalizeHeader } from './fields.js';

/** Word pieces that hint at a field in a header no alias matched ("Cust. Code (ERP)" -> customer). */
const FIELD_HINTS: Record<string, readonly string[]> = {
  customer: ['cust', 'client', 'account', 'acct', 'buyer', 'לקוח'],
  date: ['date', 'day', 'time', 'תאריך'],
  amount: ['amount', 'total', 'net', 'value', 'sum', 'revenue', 'sales', 'price', 'סכום', 'סהכ'],
  opened: ['open', 'created', 'date', 'פתיחה', 'תאריך'],
};

/** The unclaimed header most likely meant for `field`, to put into the suggested `--map`. */
export function suggestHeader(mapping: HeaderMapping<string>, field: string): string | undefined {
  const hints = FIELD_HINTS[field] ?? [];
  return mapping.ignoredHeaders.find((header) => hints.some((hint) => normalizeHeader(header).includes(hint)));
}

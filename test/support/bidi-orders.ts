import { prng } from './malformed-corpus.js';

/** The direction marks bidi-marks.ts drops: LRM, RLM, ALM, the embeddings and overrides, the isolates. */
export const BIDI_MARKS = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'] as const;

/**
 * A seeded UTF-8 orders export (two years, 61 customers) as Excel and Priority write Hebrew ones:
 * every header behind an RLM, and about one field in ten of every column behind, before or
 * around a direction mark, so each customer, date, name, category, sku, rep and order id is seen
 * both marked and bare, in any part of the file; a quoted name may have a mark outside its
 * quotes (the quoted field it is once the mark is gone). A few rows hold a customer or date of
 * marks only (rejected), or a mark before a blank (`\u200f C007`): those go the string route.
 */
export function bidiMarkedOrders(rows: number, seed: number, lineEnd = '\n'): string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const marked = (text: string, share = 0.1): string => {
    const roll = random();
    if (roll >= share) return text;
    if (roll < share / 3) return `${pick(BIDI_MARKS)}${text}`;
    if (roll < (2 * share) / 3) return `${text}${pick(BIDI_MARKS)}`;
    return `${pick(BIDI_MARKS)}${text}${pick(BIDI_MARKS)}`;
  };
  const headers = ['מספר הזמנה', 'מספר לקוח', 'שם לקוח', 'תאריך', 'סכום', 'קטגוריה', 'פריט', 'סוכן'];
  const lines = [headers.map((header) => `\u200f${header}`).join(',')];
  const first = Date.UTC(2024, 0, 1);
  for (let row = 0; row < rows; row++) {
    const id = `C${String(Math.floor(random() * 61)).padStart(3, '0')}`;
    let customer = marked(id);
    const special = random();
    if (special < 0.002) customer = pick(BIDI_MARKS);
    else if (special < 0.004) customer = `\u200f ${id}`;
    let date = marked(new Date(first + Math.floor((row / rows) * 730) * 86_400_000).toISOString().slice(0, 10));
    if (special > 0.999) date = `${pick(BIDI_MARKS)}${pick(BIDI_MARKS)}`;
    const cents = Math.floor(random() * 90_000) - (random() < 0.03 ? 95_000 : 0);
    const amount = marked((cents / 100).toFixed(2), 0.05);
    const order = marked(random() < 0.05 ? `הז-${Math.floor(row / 4)}` : `SO-${Math.floor(row / 4)}`, 0.05);
    // A mark outside the quotes of a quoted name: the marks go before the line is split.
    const name = marked(pick(['אלף', 'Beta Ltd', 'גימל', '"Cohen, Mizrahi & Co."']), 0.2);
    const category = marked(pick(['Paper', 'קפה', 'Cleaning', 'Printing']));
    const sku = marked(`SK-${Math.floor(random() * 30)}`);
    const rep = marked(pick(['Dana Levi', 'עומר כץ', 'Yossi']));
    lines.push([order, customer, name, date, amount, category, sku, rep].join(','));
  }
  return `${lines.join(lineEnd)}${lineEnd}`;
}

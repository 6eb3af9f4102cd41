import { stripBidiMarks } from './bidi-marks.js';

/** ISO codes for the currency marks seen in exports. */
const CURRENCY_MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/₪|ש"ח|ש״ח|\bILS\b|\bNIS\b/i, 'ILS'],
  [/\$|\bUSD\b/i, 'USD'],
  [/€|\bEUR\b/i, 'EUR'],
  [/£|\bGBP\b/i, 'GBP'],
];
const CURRENCY_STRIP = /₪|ש"ח|ש״ח|\bILS\b|\bNIS\b|\bUS\$|\$|\bUSD\b|€|\bEUR\b|£|\bGBP\b/gi;

export type DecimalMark = '.' | ',';

export interface ParsedMoney {
  readonly value: number;
  readonly currency: string | undefined;
}

/**
 * Read an amount as exports write it: `1,234.50`, `₪1,234.50`, `1.234,50 €`, `-12`, `12-`
 * (trailing minus, common in Israeli ERPs) and `(12.00)`. Returns undefined for anything else.
 */
export function parseMoney(raw: string, decimalMark: DecimalMark): ParsedMoney | undefined {
  // Most amounts in a big export are plain (`1234.50`, `-12`): read those without the general path.
  const simple = plainNumber(raw, decimalMark);
  if (simple !== undefined) return { value: simple, currency: undefined };
  let text = raw.trim();
  if (text === '') return undefined;
  let currency: string | undefined;
  for (const [mark, code] of CURRENCY_MARKS) {
    if (mark.test(text)) {
      currency = code;
      break;
    }
  }
  if (currency !== undefined) text = text.replace(CURRENCY_STRIP, '');
  text = stripBidiMarks(text).replace(/[\s\u00A0\u202F']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (/^[-\u2212]/.test(text)) {
    negative = !negative;
    text = text.slice(1);
  } else if (/[-\u2212]$/.test(text)) {
    negative = !negative;
    text = text.slice(0, -1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  const plain = decimalMark === '.' ? stripGrouping(text, ',', '.') : stripGrouping(text, '.', ',');
  if (plain === undefined) return undefined;
  const value = Number(plain);
  if (!Number.isFinite(value)) return undefined;
  return { value: negative && value !== 0 ? -value : value, currency };
}

/**
 * `-?digits(.digits)?` with the file's decimal mark, and nothing else (no spaces, signs after,
 * groups or currency): the value Number() gives, which is what the general path gives too.
 */
function plainNumber(raw: string, decimalMark: DecimalMark): number | undefined {
  const length = raw.length;
  if (length === 0 || length > 20) return undefined;
  let index = raw.charCodeAt(0) === 45 ? 1 : 0;
  if (index === length) return undefined;
  let digits = 0;
  let mark = -1;
  const markCode = decimalMark === '.' ? 46 : 44;
  for (; index < length; index++) {
    const code = raw.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === markCode && mark < 0 && digits > 0) mark = index;
    else return undefined;
  }
  if (mark === length - 1) return undefined;
  const value = Number(decimalMark === '.' ? raw : raw.replace(',', '.'));
  return value === 0 ? 0 : value;
}

/** Remove thousands groups (only in groups of three) and turn the decimal mark into a dot. */
function stripGrouping(text: string, group: string, decimal: string): string | undefined {
  const [whole = '', fraction, extra] = text.split(decimal);
  if (extra !== undefined) return undefined;
  if (fraction !== undefined && !/^\d*$/.test(fraction)) return undefined;
  let digits = whole;
  if (whole.includes(group)) {
    const parts = whole.split(group);
    const [head = '', ...rest] = parts;
    if (!/^\d{1,3}$/.test(head) || !rest.every((part) => /^\d{3}$/.test(part))) return undefined;
    digits = parts.join('');
  }
  if (!/^\d*$/.test(digits) || (digits === '' && (fraction === undefined || fraction === ''))) return undefined;
  return fraction === undefined ? digits : `${digits === '' ? '0' : digits}.${fraction}`;
}

/**
 * Decide the decimal mark of a column from sample values: a value is decisive when it has both
 * marks (`1.234,50`) or a mark followed by one or two digits at the end (`12,5`). `1,234` alone
 * says nothing. Undefined when nothing in the sample decides.
 */
export function detectDecimalMark(samples: readonly string[]): DecimalMark | undefined {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const text = raw.replace(/[^\d.,]/g, '');
    const lastComma = text.lastIndexOf(',');
    const lastDot = text.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (lastComma >= 0 && /,\d{1,2}$/.test(text)) {
      comma++;
    } else if (lastDot >= 0 && /\.\d{1,2}$/.test(text)) {
      dot++;
    } else if (lastDot >= 0 && /\.\d{3}\./.test(text)) {
      comma++;
    } else if (lastComma >= 0 && /,\d{3},/.test(text)) {
      dot++;
    }
  }
  if (comma === 0 && dot === 0) return undefined;
  return comma > dot ? ',' : '.';
}

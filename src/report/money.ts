const SYMBOLS: Record<string, string> = { ILS: '₪', USD: '$', EUR: '€', GBP: '£' };

/** Compact money for tables and reasons: ₪950, ₪48k, ₪1.2M, ₪3.4B. No currency known: plain number. */
export function formatMoney(value: number, currency: string | undefined): string {
  const symbol = currency === undefined ? '' : (SYMBOLS[currency] ?? `${currency} `);
  const sign = value < 0 ? '-' : '';
  const size = Math.abs(value);
  let text: string;
  if (size >= 999_500_000) text = `${trimZero((size / 1_000_000_000).toFixed(size >= 9_995_000_000 ? 0 : 1))}B`;
  else if (size >= 999_500) text = `${trimZero((size / 1_000_000).toFixed(size >= 9_995_000 ? 0 : 1))}M`;
  else if (size >= 9_995) text = `${Math.round(size / 1000)}k`;
  else if (size >= 1000) text = `${trimZero((size / 1000).toFixed(1))}k`;
  else text = `${Math.round(size)}`;
  return `${sign}${symbol}${text}`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

import { oneLine } from '../ingest/user-error.js';

/**
 * The warning for amounts marked in more than one currency, or undefined. They are added as they
 * are (the tool converts nothing), so a report over them mixes units: the user must know, and
 * where to look.
 */
export function mixedCurrencyWarning(file: string, currencies: ReadonlyArray<{ readonly code: string; readonly firstLine: number }>): string | undefined {
  const [first, second, ...rest] = currencies;
  if (first === undefined || second === undefined) return undefined;
  const others = [second, ...rest].map((other) => `${other.code} from line ${other.firstLine}`).join(', ');
  return oneLine(
    `${file}:${second.firstLine}: warning: amounts in more than one currency (${first.code}, and ${others}) are added as they are. ` +
      'Export one currency, or convert the amounts first',
  );
}

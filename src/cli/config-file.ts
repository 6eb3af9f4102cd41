import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDateFormatOption, type DateFormat } from '../ingest/date-column.js';
import { parseDelimiterOption, type Delimiter } from '../ingest/delimiter.js';
import { parseEncodingOption, type TextEncoding } from '../ingest/encoding.js';
import { COMPLAINT_FIELDS, ORDER_FIELDS, type ComplaintField, type OrderField } from '../ingest/fields.js';
import { UserError } from '../ingest/user-error.js';
import { SIGNAL_IDS, type SignalId } from '../signals/signal.js';

export const CONFIG_FILE_NAME = 'churn.config.json';
export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ExportConfig<F extends string> {
  readonly map?: Partial<Record<F, string>>;
  readonly dateFormat?: DateFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: Delimiter;
  readonly decimalComma?: boolean;
}

/** `churn.config.json`: data only, validated; nothing in it is executed. */
export interface ChurnConfig {
  readonly orders?: ExportConfig<OrderField>;
  readonly complaints?: ExportConfig<ComplaintField>;
  readonly currency?: string;
  readonly windows?: { readonly recentDays?: number; readonly baselineDays?: number };
  readonly weights?: Partial<Record<SignalId, number>>;
  readonly thresholds?: { readonly high?: number; readonly medium?: number };
  /** BG/NBD's part of the score. */
  readonly model?: { readonly weight?: number; readonly horizonDays?: number };
  readonly format?: ReportFormat;
  readonly top?: number;
}

/**
 * The config in force: `--config FILE` (which must exist), else `churn.config.json` in the working
 * directory if there is one, else none.
 */
export async function loadConfig(explicitPath: string | undefined, cwd: string): Promise<ChurnConfig> {
  const path = explicitPath ?? join(cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (explicitPath === undefined) return {};
    throw new UserError('config_not_found', 'no such config file', { file: path, hint: 'Check the path given to --config' });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError('config_not_json', `is not valid JSON (${reason})`, { file: path, hint: 'A config holds JSON data only' });
  }
  return validateConfig(data, path);
}

class ConfigPathError extends Error {
  constructor(
    readonly keyPath: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${keyPath}: expected ${expected}`);
  }
}

/** Check every key and value; the first problem becomes one line naming the key path and what was expected. */
export function validateConfig(data: unknown, file: string): ChurnConfig {
  try {
    const root = object(data, '(top level)', ['orders', 'complaints', 'currency', 'windows', 'weights', 'thresholds', 'model', 'format', 'top', '$schema', 'comment']);
    const config: Record<string, unknown> = {};
    if (root.orders !== undefined) config.orders = exportConfig(root.orders, 'orders', ORDER_FIELDS);
    if (root.complaints !== undefined) config.complaints = exportConfig(root.complaints, 'complaints', COMPLAINT_FIELDS);
    if (root.currency !== undefined) {
      const currency = text(root.currency, 'currency', 'a currency code such as "ILS"').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigPathError('currency', 'a currency code such as "ILS"', root.currency);
      config.currency = currency;
    }
    if (root.windows !== undefined) {
      const windows = object(root.windows, 'windows', ['recentDays', 'baselineDays']);
      config.windows = {
        ...(windows.recentDays === undefined ? {} : { recentDays: integer(windows.recentDays, 'windows.recentDays', 30, 365) }),
        ...(windows.baselineDays === undefined ? {} : { baselineDays: integer(windows.baselineDays, 'windows.baselineDays', 90, 1095) }),
      };
    }
    if (root.weights !== undefined) {
      const weights = object(root.weights, 'weights', SIGNAL_IDS);
      config.weights = Object.fromEntries(
        Object.entries(weights).map(([id, value]) => [id, number(value, `weights.${id}`, 0, 1)]),
      );
    }
    if (root.thresholds !== undefined) {
      const thresholds = object(root.thresholds, 'thresholds', ['high', 'medium']);
      const high = thresholds.high === undefined ? undefined : number(thresholds.high, 'thresholds.high', 0, 100);
      const medium = thresholds.medium === undefined ? undefined : number(thresholds.medium, 'thresholds.medium', 0, 100);
      if (high !== undefined && medium !== undefined && medium > high) {
        throw new ConfigPathError('thresholds.medium', `a score no higher than thresholds.high (${high})`, medium);
      }
      config.thresholds = { ...(high === undefined ? {} : { high }), ...(medium === undefined ? {} : { medium }) };
    }
    if (root.model !== undefined) {
      const model = object(root.model, 'model', ['weight', 'horizonDays']);
      config.model = {
        ...(model.weight === undefined ? {} : { weight: number(model.weight, 'model.weight', 0, 1) }),
        ...(model.horizonDays === undefined ? {} : { horizonDays: integer(model.horizonDays, 'model.horizonDays', 7, 730) }),
      };
    }
    if (root.format !== undefined) config.format = oneOf(root.format, 'format', REPORT_FORMATS);
    if (root.top !== undefined) config.top = integer(root.top, 'top', 1, 1_000_000);
    return config as ChurnConfig;
  } catch (error) {
    if (!(error instanceof ConfigPathError)) throw error;
    throw new UserError('config_invalid', `"${error.keyPath}": expected ${error.expected}, got ${JSON.stringify(error.got) ?? 'nothing'}`, {
      file,
      hint: 'Fix the config file (see the README, section Config file)',
    });
  }
}

function exportConfig<F extends string>(value: unknown, path: string, fields: readonly F[]): ExportConfig<F> {
  const section = object(value, path, ['map', 'dateFormat', 'encoding', 'delimiter', 'decimalComma']);
  const out: Record<string, unknown> = {};
  if (section.map !== undefined) {
    const map = object(section.map, `${path}.map`, fields);
    out.map = Object.fromEntries(Object.entries(map).map(([field, header]) => [field, text(header, `${path}.map.${field}`, 'a header name')]));
  }
  if (section.dateFormat !== undefined) {
    const format = parseDateFormatOption(text(section.dateFormat, `${path}.dateFormat`, 'a date layout'));
    if (format === undefined) throw new ConfigPathError(`${path}.dateFormat`, 'one of "dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "yyyymmdd", "excel"', section.dateFormat);
    out.dateFormat = format;
  }
  if (section.encoding !== undefined) {
    const encoding = parseEncodingOption(text(section.encoding, `${path}.encoding`, 'an encoding'));
    if (encoding === undefined) throw new ConfigPathError(`${path}.encoding`, 'one of "utf-8", "utf-16le", "utf-16be", "windows-1255", "windows-1252"', section.encoding);
    out.encoding = encoding;
  }
  if (section.delimiter !== undefined) {
    const delimiter = parseDelimiterOption(text(section.delimiter, `${path}.delimiter`, 'a delimiter'));
    if (delimiter === undefined) throw new ConfigPathError(`${path}.delimiter`, 'one of "comma", "semicolon", "tab", "pipe"', section.delimiter);
    out.delimiter = delimiter;
  }
  if (section.decimalComma !== undefined) {
    if (typeof section.decimalComma !== 'boolean') throw new ConfigPathError(`${path}.decimalComma`, 'true or false', section.decimalComma);
    out.decimalComma = section.decimalComma;
  }
  return out as ExportConfig<F>;
}

function object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigPathError(path, 'an object', value);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new ConfigPathError(path === '(top level)' ? key : `${path}.${key}`, `a known key (one of ${keys.filter((k) => !k.startsWith('$')).join(', ')})`, key);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string, expected: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigPathError(path, expected, value);
  return value;
}

function number(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigPathError(path, `a number from ${min} to ${max}`, value);
  }
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigPathError(path, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) throw new ConfigPathError(path, `one of ${choices.map((c) => `"${c}"`).join(', ')}`, value);
  return value as T;
}

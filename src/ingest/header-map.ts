import { cleanField } from './bidi-marks.js';
import { DELIMITER_LABELS, DELIMITERS, type Delimiter } from './delimiter.js';
import { normalizeHeader } from './fields.js';
import { UserError } from './user-error.js';

/** Which column (0-based) feeds which field, and which headers nothing reads. */
export interface HeaderMapping<F extends string> {
  readonly headers: readonly string[];
  readonly columnOf: Partial<Record<F, number>>;
  readonly ignoredHeaders: readonly string[];
}

export interface HeaderMapRequest<F extends string> {
  readonly file: string;
  readonly headers: readonly string[];
  readonly aliases: Record<F, readonly string[]>;
  /** Field -> header text given by the user (`--map field=Header`). */
  readonly overrides: Partial<Record<F, string>>;
  /** The flag that sets overrides, named in hints: `--map` or `--complaints-map`. */
  readonly mapFlag: string;
}

/**
 * Match headers to fields: user overrides first, then the known aliases in order of preference.
 * A header feeds at most one field.
 */
export function resolveHeaders<F extends string>(request: HeaderMapRequest<F>): HeaderMapping<F> {
  const { file, headers, aliases, overrides, mapFlag } = request;
  const normalized = headers.map(normalizeHeader);

  const columnOf: Partial<Record<F, number>> = {};
  const claimed = new Set<number>();
  for (const field of Object.keys(overrides) as F[]) {
    const wanted = overrides[field];
    if (wanted === undefined) continue;
    let matches = indexesWhere(headers, (h) => cleanField(h) === cleanField(wanted));
    if (matches.length === 0) matches = indexesWhere(normalized, (h) => h === normalizeHeader(wanted));
    if (matches.length > 1) throw duplicateHeaderError(file, headers, matches);
    const index = matches[0] ?? -1;
    if (index < 0) {
      throw new UserError('map_header_not_found', `${mapFlag} ${field}="${wanted}": no such header`, {
        file,
        line: 1,
        hint: `Headers found: ${listHeaders(headers)}`,
      });
    }
    columnOf[field] = index;
    claimed.add(index);
  }
  for (const field of Object.keys(aliases) as F[]) {
    if (columnOf[field] !== undefined) continue;
    for (const alias of aliases[field]) {
      const matches = indexesWhere(normalized, (h, i) => h === alias && !claimed.has(i));
      // Two columns that both fit a field (`Amount` and `amount`): which one is meant cannot be guessed.
      if (matches.length > 1) throw duplicateHeaderError(file, headers, matches);
      const index = matches[0] ?? -1;
      if (index >= 0) {
        columnOf[field] = index;
        claimed.add(index);
        break;
      }
    }
  }
  const ignoredHeaders = headers.filter((h, i) => !claimed.has(i) && cleanField(h) !== '');
  return { headers, columnOf, ignoredHeaders };
}

export function listHeaders(headers: readonly string[]): string {
  return headers.filter((h) => cleanField(h) !== '').map((h) => `"${cleanField(h)}"`).join(', ');
}

/**
 * The user error for a required field no header feeds, with the exact flag to fix it: a `--map`,
 * or `--delimiter` when the header row is one cell holding another delimiter (no --map can fix
 * that: every column is in that one cell).
 */
export function missingFieldError(
  file: string,
  field: string,
  headers: readonly string[],
  mapFlag: string,
  candidate: string | undefined,
  delimiter?: Delimiter,
): UserError {
  const fix =
    (delimiter === undefined ? undefined : wrongDelimiterFix(headers, delimiter)) ??
    `Name it with ${mapFlagArgument(mapFlag, field, cleanField(candidate ?? '<header>'))}`;
  return new UserError('missing_column', `no column for "${field}"`, {
    file,
    line: 1,
    hint: `Headers found: ${listHeaders(headers)}. ${fix}`,
  });
}

/**
 * `--map field="Header"`, ready to paste into a shell: single-quoted when double quotes would not
 * keep the header as it is (`סה"כ`, `מק"ט`, a `$`, a backtick, a backslash or a `!`), with a `'`
 * inside written `'\''`.
 */
export function mapFlagArgument(mapFlag: string, field: string, header: string): string {
  if (!/["$`\\!]/.test(header)) return `${mapFlag} ${field}="${header}"`;
  return `${mapFlag} '${field}=${header.replace(/'/g, "'\\''")}'`;
}

/**
 * When the header row is one cell holding another delimiter than the one it was split with, the
 * fix naming that delimiter (the one it holds most of); undefined otherwise.
 */
function wrongDelimiterFix(headers: readonly string[], delimiter: Delimiter): string | undefined {
  const cells = headers.filter((header) => cleanField(header) !== '');
  const [cell] = cells;
  if (cells.length !== 1 || cell === undefined) return undefined;
  let likely: Delimiter | undefined;
  let most = 0;
  for (const other of DELIMITERS) {
    const count = cell.split(other).length - 1;
    if (other !== delimiter && count > most) {
      likely = other;
      most = count;
    }
  }
  if (likely === undefined) return undefined;
  const label = DELIMITER_LABELS[likely];
  return `The header row is one cell: the delimiter looks like ${label}, not ${DELIMITER_LABELS[delimiter]}; pass --delimiter ${label}`;
}

function indexesWhere(values: readonly string[], test: (value: string, index: number) => boolean): number[] {
  const indexes: number[] = [];
  values.forEach((value, index) => {
    if (test(value, index)) indexes.push(index);
  });
  return indexes;
}

function duplicateHeaderError(file: string, headers: readonly string[], columns: readonly number[]): UserError {
  const [first = 0, second = 0] = columns;
  return new UserError(
    'duplicate_header',
    `duplicate header "${headers[second]?.trim()}" (columns ${first + 1} and ${second + 1}): which one to use cannot be told`,
    { file, line: 1, hint: 'Rename or remove one of them in the export' },
  );
}

/**
 * Whether a row could be this export's header: some cell names each required field (by an alias
 * or by the user's --map). Used to look past title rows; never throws.
 */
export function namesRequiredFields<F extends string>(
  cells: readonly string[],
  aliases: Record<F, readonly string[]>,
  overrides: Partial<Record<F, string>>,
  required: readonly F[],
): boolean {
  const normalized = cells.map(normalizeHeader);
  return required.every((field) => {
    const wanted = overrides[field];
    if (wanted !== undefined) return cells.some((cell) => cleanField(cell) === cleanField(wanted)) || normalized.includes(normalizeHeader(wanted));
    return aliases[field].some((alias) => normalized.includes(alias));
  });
}

import { dayFromParts, type Day } from './day.js';
import { UserError } from './user-error.js';

/**
 * Date layouts a column can hold. `dmy`/`mdy` accept `/`, `.` or `-` and 2- or 4-digit years;
 * `named` is a month by its name, either side of the day (`5-Jan-25`, `5 January 2025`, `Jan 5, 2025`).
 */
export const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'ymd', 'excel', 'named'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'yyyy-mm-dd',
  dmy: 'dd/mm/yyyy',
  mdy: 'mm/dd/yyyy',
  ymd: 'yyyymmdd',
  excel: 'excel-serial',
  named: 'd-mmm-yyyy',
};

/**
 * Accepts the labels above and the spellings users type: `DD/MM/YYYY`, `d.m.y`, `m/d/yy`,
 * `yyyy-mm-dd`, `y-m-d`, `iso`, `yyyymmdd`, `excel`. Letters are collapsed (`dd` -> `d`), so the
 * order of d, m and y and whether separators are present decide.
 */
export function parseDateFormatOption(text: string): DateFormat | undefined {
  const key = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const named: Record<string, DateFormat> = {
    iso: 'iso', dmy: 'dmy', mdy: 'mdy', ymd: 'ymd', yyyymmdd: 'ymd', excel: 'excel', 'excel-serial': 'excel', serial: 'excel',
    named: 'named', 'month-name': 'named',
  };
  if (named[key] !== undefined) return named[key];
  // A month spelled out (mmm, mmmm) is the named layout, wherever it stands.
  if (/(^|[^m])m{3,}($|[^m])/.test(key)) return 'named';
  // Only separated layouts from here: a compact one must be spelled out (yyyymmdd; yymmdd is not read).
  if (!/[./-]/.test(key)) return undefined;
  const shape = key.replace(/d+/g, 'd').replace(/m+/g, 'm').replace(/y+/g, 'y').replace(/[\s./-]+/g, '/');
  const shapes: Record<string, DateFormat> = { 'y/m/d': 'iso', 'd/m/y': 'dmy', 'm/d/y': 'mdy' };
  return shapes[shape];
}

type Candidates = Partial<Record<DateFormat, Day>>;

/** Every reading of one date text under each layout it fits. */
export function readDateCandidates(raw: string): Candidates {
  const text = raw.trim();
  const out: Candidates = {};
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (m) {
    const day = dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day !== undefined) out.iso = day;
    return out;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const day = dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day !== undefined) out.ymd = day;
    return out;
  }
  m = /^(\d{5})(?:\.\d+)?$/.exec(text);
  if (m) {
    const serial = Number(m[1]);
    // 1900-system serials between 1954 and 2119; 25569 is 1970-01-01.
    if (serial >= 20000 && serial <= 80000) out.excel = serial - 25569;
    return out;
  }
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[T\s].*)?$/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const yearText = m[4] ?? '';
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText)) : Number(yearText);
    const dmy = dayFromParts(year, second, first);
    const mdy = dayFromParts(year, first, second);
    if (dmy !== undefined) out.dmy = dmy;
    if (mdy !== undefined) out.mdy = mdy;
    return out;
  }
  const named = namedMonthDay(text);
  if (named !== undefined) out.named = named;
  return out;
}

/** Month names and their usual abbreviations, English and Hebrew, lower case. */
const MONTH_NUMBER: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['jan', 'january', 'ינו', 'ינואר'],
    ['feb', 'february', 'פבר', 'פברואר'],
    ['mar', 'march', 'מרץ', 'מרס'],
    ['apr', 'april', 'אפר', 'אפריל'],
    ['may', 'מאי'],
    ['jun', 'june', 'יונ', 'יוני'],
    ['jul', 'july', 'יול', 'יולי'],
    ['aug', 'august', 'אוג', 'אוגוסט'],
    ['sep', 'sept', 'september', 'ספט', 'ספטמבר'],
    ['oct', 'october', 'אוק', 'אוקטובר'],
    ['nov', 'november', 'נוב', 'נובמבר'],
    ['dec', 'december', 'דצמ', 'דצמבר'],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

const DAY_MONTH_YEAR = /^(\d{1,2})[-\s/.]+([a-z\u05d0-\u05ea]+)\.?[-\s/.,]+(\d{4}|\d{2})(?:[T\s].*)?$/;
const MONTH_DAY_YEAR = /^([a-z\u05d0-\u05ea]+)\.?[-\s/.]+(\d{1,2}),?[-\s/.]+(\d{4}|\d{2})(?:[T\s].*)?$/;

/** A date with its month named (Excel's `d-mmm-yy`, `5 January 2025`, `Jan 5, 2025`), or undefined. */
function namedMonthDay(text: string): Day | undefined {
  const lower = text.toLowerCase();
  let m = DAY_MONTH_YEAR.exec(lower);
  let dayText = m?.[1];
  let monthText = m?.[2];
  let yearText = m?.[3];
  if (m === null) {
    m = MONTH_DAY_YEAR.exec(lower);
    if (m === null) return undefined;
    [, monthText, dayText, yearText] = m;
  }
  // Hebrew writes the day "in" the month: 5 בינואר 2025.
  const month = MONTH_NUMBER[monthText ?? ''] ?? (monthText?.startsWith('ב') === true ? MONTH_NUMBER[monthText.slice(1)] : undefined);
  if (month === undefined || dayText === undefined || yearText === undefined) return undefined;
  const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText)) : Number(yearText);
  return dayFromParts(year, month, Number(dayText));
}

function expandTwoDigitYear(year: number): number {
  return year < 70 ? 2000 + year : 1900 + year;
}

/** One distinct date text of a column: where it was first seen and how each layout reads it. */
export interface DateEntry {
  readonly raw: string;
  readonly firstLine: number;
  readonly candidates: Candidates;
}

/** The outcome of looking at a whole column: the layout, and the day of every token. */
export interface DateResolution {
  readonly format: DateFormat;
  readonly dayOfToken: readonly Day[];
}

/**
 * Dates repeat (a few thousand distinct values in millions of rows), so each distinct text is read
 * once and rows carry a small integer token. The layout is decided only after the whole column has
 * been seen: a sorted dd/mm export may not show a day above 12 until far into the file.
 */
export class DateColumn {
  private readonly tokenOfText = new Map<string, number>();
  private readonly entries: DateEntry[] = [];

  constructor(
    readonly file: string,
    readonly header: string,
    private readonly forcedFormat: DateFormat | undefined,
  ) {}

  /** The token for this text, or -1 when it is no date in any layout (or not in the forced one). */
  tokenize(raw: string, line: number): number {
    const known = this.tokenOfText.get(raw);
    if (known !== undefined) return known;
    const candidates = readDateCandidates(raw);
    const fits = this.forcedFormat === undefined ? Object.keys(candidates).length > 0 : candidates[this.forcedFormat] !== undefined;
    const token = fits ? this.entries.length : -1;
    if (fits) this.entries.push({ raw, firstLine: line, candidates });
    this.tokenOfText.set(raw, token);
    return token;
  }

  /** The file line a day was first seen on, once the layout is settled. */
  firstLineOf(day: Day, format: DateFormat): number | undefined {
    return this.entries.find((entry) => entry.candidates[format] === day)?.firstLine;
  }

  /** The distinct texts in token order, to pass to another thread. */
  exportEntries(): readonly DateEntry[] {
    return this.entries;
  }

  /**
   * Add the texts another column (another part of the same file, numbering its lines from
   * `lineBase`) has seen; returns the token here of each of its tokens.
   */
  absorb(entries: readonly DateEntry[], lineBase: number): Int32Array {
    const tokenOf = new Int32Array(entries.length);
    entries.forEach((entry, token) => {
      let known = this.tokenOfText.get(entry.raw);
      if (known === undefined || known < 0) {
        known = this.entries.length;
        this.entries.push({ ...entry, firstLine: entry.firstLine + lineBase });
        this.tokenOfText.set(entry.raw, known);
      }
      tokenOf[token] = known;
    });
    return tokenOf;
  }

  get distinctCount(): number {
    return this.entries.length;
  }

  /**
   * Pick the one layout every date fits. `siblingFormat` (another date column of the same file)
   * settles a column that alone cannot tell day-first from month-first.
   */
  resolve(siblingFormat?: DateFormat): DateResolution {
    const format = this.forcedFormat ?? this.detectFormat(siblingFormat);
    const dayOfToken = this.entries.map((entry) => entry.candidates[format] ?? Number.NaN);
    return { format, dayOfToken };
  }

  /** The layouts this column could be in, for a sibling column to settle on. */
  possibleFormats(): DateFormat[] {
    return DATE_FORMATS.filter((format) => this.entries.every((entry) => entry.candidates[format] !== undefined));
  }

  private detectFormat(siblingFormat: DateFormat | undefined): DateFormat {
    if (this.entries.length === 0) return siblingFormat ?? 'iso';
    const possible = this.possibleFormats();
    if (possible.length === 1) return possible[0] as DateFormat;
    if (possible.length > 1) {
      if (siblingFormat !== undefined && possible.includes(siblingFormat)) return siblingFormat;
      // 01/01/2025 and 05/05/2025 read the same either way: nothing to ask.
      if (this.entries.every((entry) => entry.candidates.dmy === entry.candidates.mdy)) return possible.includes('dmy') ? 'dmy' : (possible[0] as DateFormat);
      throw new UserError(
        'ambiguous_date_format',
        `column "${this.header}": dates like "${this.entries[0]?.raw}" could be day-first or month-first, and no date in the file settles it`,
        { file: this.file, hint: 'Pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy' },
      );
    }
    throw this.mixedFormatsError();
  }

  private mixedFormatsError(): UserError {
    // Name the most common layout and the first date that breaks it, so the user can find the row.
    const best = DATE_FORMATS.map((format) => ({
      format,
      count: this.entries.filter((entry) => entry.candidates[format] !== undefined).length,
    })).sort((a, b) => b.count - a.count)[0];
    const format = best?.format ?? 'iso';
    const odd = this.entries.find((entry) => entry.candidates[format] === undefined);
    return new UserError(
      'mixed_date_formats',
      `column "${this.header}": dates in more than one layout; most are ${DATE_FORMAT_LABELS[format]} but "${odd?.raw}" is not`,
      { file: this.file, line: odd?.firstLine, hint: 'Fix the export, or pass --date-format to reject the odd rows' },
    );
  }
}

import { CsvError } from 'csv-parse';
import { stripBidiMarks } from './bidi-marks.js';
import { csvParseRecords, fastRecords, type CsvRecord } from './csv-records.js';
import { createDecoder, detectEncoding, type TextEncoding } from './encoding.js';
import { detectDelimiter, parseDelimiterOption, type Delimiter } from './delimiter.js';
import type { InputSource } from './input-source.js';
import { UserError } from './user-error.js';

export interface CsvDialectOptions {
  readonly encoding?: TextEncoding | undefined;
  readonly delimiter?: Delimiter | undefined;
  /** Whether a row is a header this reader recognises; lets title rows above the header be skipped. */
  readonly isHeader?: ((cells: readonly string[]) => boolean) | undefined;
  /** The first line is data, not headers; columns are then named `column 1`, `column 2`, ... */
  readonly noHeader?: boolean | undefined;
  /** `csv-parse` reads every line with csv-parse; `auto` (default) splits simple lines itself, identically. */
  readonly parser?: 'auto' | 'csv-parse' | undefined;
  /** Called with the byte count of every chunk read (for a progress bar). */
  readonly onBytes?: ((bytes: number) => void) | undefined;
}

/** One data row with the file line it ends on (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  readonly file: string;
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  readonly headers: readonly string[];
  /** Title rows skipped above the header row (see `isHeader`). */
  readonly preambleRows: number;
  /** The file line the header row ends on (0 with noHeader). */
  readonly headerLine: number;
  /** Data rows in batches (a batch per chunk read), so the per-row loop stays synchronous. */
  readonly rows: AsyncIterable<readonly CsvRow[]>;
}

const HEAD_BYTES = 64 * 1024;
/**
 * The head (a whole first read, 1 MB from a file) is handed to the parser in pieces of about this
 * much, cut after a line end: a reader that wants only the first rows (the byte route sniffs 2,000)
 * does not wait for the parse of all the head's rows.
 */
const HEAD_PIECE_CHARS = 64 * 1024;

/** The text in pieces of about HEAD_PIECE_CHARS, each but the last ending with a line end. */
function* linesInPieces(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > HEAD_PIECE_CHARS) {
    const cut = text.indexOf('\n', start + HEAD_PIECE_CHARS);
    if (cut < 0) break;
    yield text.slice(start, cut + 1);
    start = cut + 1;
  }
  yield text.slice(start);
}

/** Title rows looked through for the header row. */
const MAX_PREAMBLE_ROWS = 10;

/** Open an export: sniff encoding and delimiter from its first bytes, read the header, stream the rest. */
export async function openCsvTable(source: InputSource, options: CsvDialectOptions = {}): Promise<CsvTable> {
  const file = source.name;
  const chunks = source.open()[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let exhausted = false;
  while (headLength < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    options.onBytes?.(chunk.length);
    headChunks.push(chunk);
    headLength += chunk.length;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0 || head.toString('latin1').trim() === '') {
    throw new UserError('empty_file', 'the file is empty', { file, hint: 'Check that the export finished writing' });
  }
  const encoding = options.encoding ?? detectEncoding(head);
  const decoder = createDecoder(encoding);
  // Direction marks go as the text is decoded, before anything reads it: Excel and Priority put them
  // around Hebrew headers and values, and no reader wants them (bidi-marks.ts). A chunk of one-byte
  // text cannot hold one, and V8 answers that without a scan; other text costs one scan a chunk.
  const headText = stripBidiMarks(decoder.write(head));
  rejectBinary(file, headText);
  // Excel writes `sep=;` as a first line when asked to keep the delimiter: it names the delimiter.
  const excelSeparator = /^sep=(.)\r?\n/.exec(headText)?.[1];
  const delimiter = options.delimiter ?? parseDelimiterOption(excelSeparator ?? '') ?? detectDelimiter(headText.replace(/^sep=.\r?\n/, ''));

  async function* decodedText(): AsyncGenerator<string> {
    yield* linesInPieces(headText);
    if (!exhausted) {
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        options.onBytes?.(chunk.length);
        yield stripBidiMarks(decoder.write(chunk));
      }
    }
    const tail = stripBidiMarks(decoder.end());
    if (tail !== '') yield tail;
  }
  const text = delimiter === 'whitespace' ? blanksToTabs(decodedText()) : decodedText();
  const fieldDelimiter = delimiter === 'whitespace' ? '\t' : delimiter;
  const parsed = options.parser === 'csv-parse' ? csvParseRecords(text, fieldDelimiter) : fastRecords(text, fieldDelimiter);
  const records = parsed[Symbol.asyncIterator]();

  let pending: CsvRecord[] = [];
  let preambleRows = 0;
  const nextBatch = async (): Promise<CsvRecord[] | undefined> => {
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      return batch;
    }
    return nextRecord(records, file);
  };
  // The header is looked for among the first rows, whichever batches they come in (csv-parse's
  // come one record at a time).
  let opening: CsvRecord[] = [];
  for (let batch = await nextBatch(); batch !== undefined; batch = opening.length > MAX_PREAMBLE_ROWS ? undefined : await nextBatch()) {
    opening = opening.concat(batch);
  }
  pending = opening.slice(1);
  let first = opening[0];
  // ERP reports often open with title lines ("Sales by customer, 2025") above the header row: when the
  // first row is not a header the reader recognises, the first of the next few rows that is becomes it.
  if (first !== undefined && !options.noHeader && options.isHeader !== undefined && !options.isHeader(first.record)) {
    const found = pending.slice(0, MAX_PREAMBLE_ROWS).findIndex((record) => options.isHeader?.(record.record));
    if (found >= 0) {
      preambleRows = found + 1;
      first = pending[found] as CsvRecord;
      pending = pending.slice(found + 1);
    }
  }
  if (first === undefined) {
    throw new UserError('empty_file', 'the file has no header row', { file });
  }
  const headers = options.noHeader ? first.record.map((_, index) => `column ${index + 1}`) : first.record.map((header) => header.trim());
  // Trailing empty header cells are padding (Excel leaves them), not columns.
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();

  const firstRow: CsvRow = { line: first.lines, fields: first.record };
  async function* rows(): AsyncGenerator<readonly CsvRow[]> {
    if (options.noHeader) yield [firstRow];
    for (;;) {
      const batch = await nextBatch();
      if (batch === undefined) return;
      if (batch.length > 0) yield batch.map((record) => ({ line: record.lines, fields: record.record }));
    }
  }
  return { file, encoding, delimiter, headers, preambleRows, headerLine: options.noHeader ? 0 : first.lines, rows: rows() };
}

/**
 * Aligned text (fields padded with blanks) as tab-separated lines: runs of blanks become one tab,
 * and blanks at the ends of a line go. Only whole lines are rewritten, so a run split across two
 * chunks is never taken for two separators.
 */
async function* blanksToTabs(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let partial = '';
  const rewrite = (lines: string) => lines.replace(/^[ \t]+|[ \t]+$/gm, '').replace(/[ \t]+/g, '\t');
  for await (const chunk of chunks) {
    const text = partial + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      partial = text;
      continue;
    }
    partial = text.slice(end + 1);
    yield rewrite(text.slice(0, end + 1).replace(/\r\n/g, '\n'));
  }
  if (partial !== '') yield rewrite(partial);
}

async function nextRecord(records: AsyncIterator<CsvRecord[]>, file: string): Promise<CsvRecord[] | undefined> {
  try {
    const next = await records.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw csvErrorToUserError(error, file);
  }
}

function csvErrorToUserError(error: unknown, file: string): UserError {
  if (error instanceof UserError) return error;
  if (error instanceof CsvError) {
    // csv-parse's own `lines` is where it stopped (the end of the file, for an unclosed quote); the
    // row it was reading starts on `rowLine` (csv-records.ts).
    const line = (error as CsvError & { rowLine?: number }).rowLine;
    const where = { file, ...(line === undefined ? {} : { line }) };
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new UserError('unterminated_quote', 'a quoted field opened on this row is never closed', {
        ...where,
        hint: 'The export is cut off or has a stray double quote; fix that row',
      });
    }
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new UserError('record_too_large', 'a row is larger than 8 MB', {
        ...where,
        hint: 'Check for an unclosed quote or the wrong --delimiter',
      });
    }
    return new UserError('csv_syntax', `the CSV cannot be read (${error.message})`, where);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserError('read_failed', `cannot read the file (${message})`, { file });
}

/** NUL and the control characters other than tab and line ends. */
const CONTROL_CHARACTER = /[\0-\x08\x0b\x0c\x0e-\x1f]/g;
const REPLACEMENT_CHARACTER = /\ufffd/g;

/**
 * Binary content (a zip such as .xlsx, a PDF) is full of control bytes, whatever it is decoded as.
 * Replacement characters alone are a text export with some bytes in another encoding (a line pasted
 * from an older system): a few per cent of them are read on, their rows are still counted.
 */
function rejectBinary(file: string, headText: string): void {
  // Regular expressions: a loop over the head's characters (a megabyte) took ~18 ms of every run.
  const control = headText.match(CONTROL_CHARACTER)?.length ?? 0;
  const replaced = headText.match(REPLACEMENT_CHARACTER)?.length ?? 0;
  if (control > Math.max(2, headText.length * 0.01) || replaced > Math.max(2, headText.length * 0.1)) {
    throw new UserError('binary_input', 'this is not a text CSV export (binary content)', {
      file,
      hint: 'Export the sheet as CSV; Excel .xlsx files are not read directly',
    });
  }
}

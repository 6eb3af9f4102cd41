import { Readable } from 'node:stream';
import { parse, type InfoRecord, type Options } from 'csv-parse';
import { MAX_RECORD_BYTES, splitQuotedLine } from './quoted-line.js';
import { RowLines } from './row-lines.js';

/** One parsed record and the file line it ends on (as row-lines.ts counts lines). */
export interface CsvRecord {
  readonly record: string[];
  readonly lines: number;
}

/**
 * csv-parse as the tool reads every export; also the reference the fast splitter must match. A
 * CsvError it ends with carries `rowLine`, the file line the row it was reading starts on.
 */
export function csvParseRecords(
  text: AsyncIterable<string>,
  delimiter: string,
  lineOffset = 0,
  recordDelimiter?: '\n' | '\r\n',
): AsyncIterable<CsvRecord[]> {
  const rowLines = new RowLines(lineOffset);
  let loneCrRows: boolean | undefined = recordDelimiter === undefined ? undefined : false;
  // Fed as bytes, so RowLines sees the bytes csv-parse's offsets count (it would encode the text itself).
  async function* bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of text) {
      const encoded = Buffer.from(chunk, 'utf8');
      rowLines.feed(encoded);
      yield encoded;
    }
  }
  // on_record is handed each row and csv-parse's info at it, and what it returns is what is read
  // (`info: true` would build a second copy of that info for every row).
  const options: Options<CsvRecord, string[]> = {
    delimiter,
    // Taking over mid-file, csv-parse must keep the line end it found at the top, not find its own.
    ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter }),
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Rows of blanks are dropped in on_record instead: a row an error names starts after the last row
    // read, blank or not.
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[], info: InfoRecord): CsvRecord | null => {
      // The row delimiter csv-parse found is known by its first row's end, and never changes.
      loneCrRows ??= isLoneCr(parser.options.record_delimiter);
      const lines = rowLines.rowEnd(info.bytes, info.empty_lines, loneCrRows ?? false);
      return record.every((field) => field.trim() === '') ? null : { record, lines };
    },
  };
  // parse()'s overload without columns types records as string[], whatever on_record makes of them.
  const parser = parse(options as unknown as Options);
  const source = Readable.from(bytes());
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  return (async function* () {
    try {
      for await (const record of parser as AsyncIterable<CsvRecord>) yield [record];
    } catch (error) {
      // on_record has seen every row read before the error, whether or not it was taken from the stream.
      const emptyLines = (error as { empty_lines?: unknown }).empty_lines;
      if (error instanceof Error && typeof emptyLines === 'number') Object.assign(error, { rowLine: rowLines.nextRowStart(emptyLines) });
      throw error;
    }
  })();
}

/** csv-parse's row delimiters are one CR (before any is found, none). */
function isLoneCr(delimiters: readonly Buffer[]): boolean | undefined {
  if (delimiters.length === 0) return undefined;
  return delimiters.length === 1 && delimiters[0]?.length === 1 && delimiters[0][0] === 13;
}

/**
 * The same records as `csvParseRecords` (in batches), several times faster on the lines real exports are made
 * of: a line without a double quote is split with String#split, and a line whose quoted fields
 * open and close on it (`"Cohen, Mizrahi & Co."`) with a small loop. At the first line it cannot
 * read the same way for certain (a quoted field running onto the next line, text after a closing
 * quote, a line ending other than the file's, a line over 8 MB) it hands the rest of the text to
 * csv-parse, with line numbers carried on, so the answer is always csv-parse's. A differential
 * test keeps the two equal on every fixture, a fuzz corpus and a bench file.
 */
export async function* fastRecords(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<CsvRecord[]> {
  const chunks = text[Symbol.asyncIterator]();
  let carry = '';
  let line = 0;
  let crlf: boolean | undefined;
  let done = false;
  while (!done) {
    const next = await chunks.next();
    done = next.done === true;
    const buffer = done ? carry : carry + next.value;
    const end = done ? buffer.length : buffer.lastIndexOf('\n') + 1;
    if (end === 0) {
      carry = buffer;
      if (carry.length > MAX_RECORD_BYTES) break;
      continue;
    }
    let start = 0;
    // One batch per chunk: per-record async iteration costs as much as splitting the line.
    const batch: CsvRecord[] = [];
    while (start < end) {
      let newline = buffer.indexOf('\n', start);
      if (newline < 0 || newline >= end) newline = end;
      const hasNewline = newline < buffer.length && buffer.charCodeAt(newline) === 10;
      let raw = buffer.slice(start, newline);
      let endsWithCr = crlf;
      if (hasNewline) {
        endsWithCr = raw.charCodeAt(raw.length - 1) === 13;
        // csv-parse settles the record delimiter on the first line end; a line ending otherwise is its call.
        if (crlf !== undefined && crlf !== endsWithCr) break;
        if (endsWithCr) raw = raw.slice(0, -1);
      }
      // A stray carriage return (old Mac line ends, mixed endings) is csv-parse's call too.
      if (raw.indexOf('\r') >= 0) break;
      const record = raw.indexOf('"') < 0 ? raw.split(delimiter) : splitQuotedLine(raw, delimiter);
      if (record === undefined) break;
      // Settled by the first line read here, not one handed over: that one may end in a lone CR (a Mac
      // file) before the first line feed, inside a quoted field, and csv-parse must find that for itself.
      crlf = endsWithCr;
      line++;
      start = newline + 1;
      if (!record.every((field) => field.trim() === '')) batch.push({ record, lines: line });
    }
    if (batch.length > 0) yield batch;
    if (start < end) {
      // Hand over: csv-parse reads from the start of this line to the end, numbering on from here.
      const rest = buffer.slice(start);
      yield* csvParseRecords(remaining(rest, chunks, done), delimiter, line, lineEnd(crlf));
      return;
    }
    carry = buffer.slice(end);
  }
  if (carry !== '' || !done) {
    yield* csvParseRecords(remaining(carry, chunks, done), delimiter, line, lineEnd(crlf));
  }
}

function lineEnd(crlf: boolean | undefined): '\n' | '\r\n' | undefined {
  return crlf === undefined ? undefined : crlf ? '\r\n' : '\n';
}

async function* remaining(first: string, chunks: AsyncIterator<string>, done: boolean): AsyncGenerator<string> {
  if (first !== '') yield first;
  if (done) return;
  for (;;) {
    const next = await chunks.next();
    if (next.done) return;
    yield next.value;
  }
}

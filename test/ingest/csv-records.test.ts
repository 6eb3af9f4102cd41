import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { csvParseRecords, fastRecords, type CsvRecord } from '../../src/ingest/csv-records.js';
import { prng } from '../support/malformed-corpus.js';

type Read = (text: AsyncIterable<string>, delimiter: string) => AsyncIterable<CsvRecord[]>;
const READERS: ReadonlyArray<[string, Read]> = [
  ['csv-parse', (text, delimiter) => csvParseRecords(text, delimiter)],
  ['fast', fastRecords],
];

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

/** Each record as [line, ...fields], or the error's code and row line. */
async function read(reader: Read, text: string, size = text.length): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const batch of reader(pieces(text, Math.max(1, size)), ',')) for (const { lines, record } of batch) out.push([lines, ...record]);
  } catch (error) {
    const { code, rowLine } = error as { code?: string; rowLine?: number };
    out.push({ code, rowLine });
  }
  return out;
}

describe.each(READERS)('%s: the file line each record ends on', (_name, reader) => {
  it('a CR LF inside a quoted field is one line end', async () => {
    const text = 'id,name,amount\r\nC1,"Acme\r\nLtd",100\r\nC1,Acme,oops\r\nC2,Beta,100\r\n';
    expect(await read(reader, text)).toEqual([
      [1, 'id', 'name', 'amount'],
      [3, 'C1', 'Acme\r\nLtd', '100'],
      [4, 'C1', 'Acme', 'oops'],
      [5, 'C2', 'Beta', '100'],
    ]);
  });

  it('CR CR LF inside a quoted field is one line end (the lone CR is a character of the field)', async () => {
    const text = 'id,name,amount\r\nC1,"Ac\r\r\nme",100\r\nC1,Acme,oops\r\n';
    expect(await read(reader, text)).toEqual([
      [1, 'id', 'name', 'amount'],
      [3, 'C1', 'Ac\r\r\nme', '100'],
      [4, 'C1', 'Acme', 'oops'],
    ]);
  });

  it('a lone CR in a quoted field or a stray one in an LF file starts no line', async () => {
    expect(await read(reader, 'id,name\r\nC1,"Ac\rme"\r\nC2,x\r\n')).toEqual([
      [1, 'id', 'name'],
      [2, 'C1', 'Ac\rme'],
      [3, 'C2', 'x'],
    ]);
    expect(await read(reader, 'id,name\nC1,Ac\rme\nC2,x\n')).toEqual([
      [1, 'id', 'name'],
      [2, 'C1', 'Ac\rme'],
      [3, 'C2', 'x'],
    ]);
  });

  it('line feeds and blank lines around multi-line records', async () => {
    const text = 'id,note\r\nC1,"a\r\n\r\nb"\r\n\r\n,,\r\nC2,"c\nd"\r\nC3,e\r\n';
    expect(await read(reader, text)).toEqual([
      [1, 'id', 'note'],
      [4, 'C1', 'a\r\n\r\nb'],
      [8, 'C2', 'c\nd'],
      [9, 'C3', 'e'],
    ]);
  });

  it('a lone-CR (old Mac) file: every CR ends a line, a CR LF in a quoted field is one line end', async () => {
    const text = 'id,name,amount\rC1,"Acme\r\nLtd",100\rC1,Acme,oops\rC2,"B\re",100\rC3,x,1\r';
    expect(await read(reader, text)).toEqual([
      [1, 'id', 'name', 'amount'],
      [3, 'C1', 'Acme\r\nLtd', '100'],
      [4, 'C1', 'Acme', 'oops'],
      [6, 'C2', 'B\re', '100'],
      [7, 'C3', 'x', '1'],
    ]);
  });

  it('a CR LF file cut between the CR and the LF: the last row ends on its own line', async () => {
    expect(await read(reader, 'id,amount\r\nC1,5\r\nC2,oops\r')).toEqual([
      [1, 'id', 'amount'],
      [2, 'C1', '5'],
      [3, 'C2', 'oops\r'],
    ]);
  });

  it('the same lines whatever pieces the text arrives in', async () => {
    const text = 'id,note\r\nC1,"a\r\r\nb"\r\nC2,"c\r\nd\r\ne"\r\n\r\nC3,x\r\n';
    const whole = await read(reader, text);
    expect(whole).toEqual([
      [1, 'id', 'note'],
      [3, 'C1', 'a\r\r\nb'],
      [6, 'C2', 'c\r\nd\r\ne'],
      [8, 'C3', 'x'],
    ]);
    for (const size of [1, 2, 3, 7]) expect(await read(reader, text, size)).toEqual(whole);
  });

  describe('an unclosed quote names the line its row starts on', () => {
    it('after a record that spans lines', async () => {
      const text = 'id,name,amount\nC1,"Acme\nLtd\nHaifa",100\nC1,Acme,100\nC2,"Beta,100\nC3,Gamma,100\n';
      expect((await read(reader, text)).at(-1)).toEqual({ code: 'CSV_QUOTE_NOT_CLOSED', rowLine: 6 });
    });

    it('after CR LF inside quotes, blank lines and a row of blanks', async () => {
      const text = 'id,name,amount\r\nC1,"Acme\r\nLtd",100\r\n\r\n,,\r\n\r\nC2,"Beta,100\r\nC3,Gamma,100\r\n';
      expect((await read(reader, text)).at(-1)).toEqual({ code: 'CSV_QUOTE_NOT_CLOSED', rowLine: 7 });
    });

    it('in a row that spans lines before its unclosed quote', async () => {
      const text = 'id,name,amount\nC1,"Ac\r\nme","100\nC2,x,1\n';
      expect((await read(reader, text)).at(-1)).toEqual({ code: 'CSV_QUOTE_NOT_CLOSED', rowLine: 2 });
    });

    it('when the row it swallows grows past 8 MB first', async () => {
      const text = `id,amount\r\nC1,"a\r\nb"\r\nC2,"5\r\n${'C3,1234567\r\n'.repeat(700_000)}`;
      expect((await read(reader, text, 1 << 20)).at(-1)).toEqual({ code: 'CSV_MAX_RECORD_SIZE', rowLine: 4 });
    });

    it('on the first row', async () => {
      expect((await read(reader, '\n\n"id,name\n')).at(-1)).toEqual({ code: 'CSV_QUOTE_NOT_CLOSED', rowLine: 3 });
    });
  });
});

/**
 * Where csv-parse says each row ends (`info.bytes`, the offset just past it), the line of its
 * last byte counted in the bytes themselves: LF, and in a lone-CR file CR and an LF not after one.
 */
async function referenceLines(text: string): Promise<unknown[]> {
  const bytes = Buffer.from(text, 'utf8');
  const rows: Array<{ record: string[]; info: { bytes: number } }> = [];
  const parser = parse({
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    on_record: (row: unknown) => {
      rows.push(row as { record: string[]; info: { bytes: number } });
      return null;
    },
  });
  const ended = new Promise<unknown>((resolve) => {
    parser.on('error', resolve);
    parser.on('end', () => resolve(undefined));
  });
  parser.resume();
  parser.end(bytes);
  const error = (await ended) as { code?: string } | undefined;
  const [delimiter] = parser.options.record_delimiter;
  const loneCr = delimiter?.length === 1 && delimiter[0] === 13;
  const lineOf = (offset: number): number => {
    let line = 1;
    for (let at = 0; at < offset; at++) if (bytes[at] === 10 ? bytes[at - 1] !== 13 || !loneCr : bytes[at] === 13 && loneCr) line++;
    return line;
  };
  const out: unknown[] = rows
    .filter(({ record }) => !record.every((field) => field.trim() === ''))
    .map(({ record, info }) => [lineOf(info.bytes - 1), ...record]);
  if (error !== undefined) {
    // The unread row starts past the last row's end and the blank lines after it (and, in a
    // lone-CR file, past the LF of a CR LF whose CR ended the last row).
    let at = rows.at(-1)?.info.bytes ?? 0;
    const end = delimiter ?? Buffer.from('\n');
    for (;;) {
      if (loneCr && bytes[at] === 10 && bytes[at - 1] === 13) at++;
      else if (bytes.subarray(at, at + end.length).equals(end)) at += end.length;
      else break;
    }
    out.push({ code: error.code, rowLine: lineOf(at) });
  }
  return out;
}

describe('both readers against lines counted in the bytes', () => {
  it('random texts of quotes, commas, CRs, LFs, blanks and two-byte letters, in random pieces', async () => {
    const random = prng(11);
    const alphabet = ['a', 'b', 'א', ',', '"', '\r', '\n', '\r\n', ' '];
    for (let round = 0; round < 1500; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = await referenceLines(text);
      const size = 1 + Math.floor(random() * 8);
      for (const [name, reader] of READERS) {
        const got = await read(reader, text, size);
        // An error ends the read (rows csv-parse had not handed on by then are not read): only it is compared.
        const error = expected.at(-1) as { code?: string } | undefined;
        if (error?.code !== undefined) expect(got.at(-1), `${name} ${JSON.stringify(text)}`).toEqual(error);
        else expect(got, `${name} ${JSON.stringify(text)}`).toEqual(expected);
      }
    }
  });
});

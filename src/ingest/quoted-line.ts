// Apart from csv-records.ts: the scan threads split lines with these, and so need not load
// csv-parse when they start (several ms of each thread's boot, before it reads a byte).

/**
 * The longest record read; a longer one is taken for a broken file (an unclosed quote swallowing
 * the rest of it) rather than held in memory.
 */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * Split a line holding double quotes the way csv-parse (relax_quotes) does, or undefined when the
 * line is not certain to read the same: a field opening with a quote must close on this line,
 * followed by the delimiter or the line end. A quote inside an unquoted field is text.
 */
export function splitQuotedLine(raw: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (raw.charCodeAt(position) === 34) {
      let value = '';
      let cursor = position + 1;
      for (;;) {
        const quote = raw.indexOf('"', cursor);
        if (quote < 0) return undefined;
        value += raw.slice(cursor, quote);
        if (raw.charCodeAt(quote + 1) === 34) {
          value += '"';
          cursor = quote + 2;
          continue;
        }
        const after = quote + 1;
        if (after === raw.length) {
          fields.push(value);
          return fields;
        }
        if (!raw.startsWith(delimiter, after)) return undefined;
        fields.push(value);
        position = after + delimiter.length;
        break;
      }
    } else {
      const next = raw.indexOf(delimiter, position);
      if (next < 0) {
        fields.push(raw.slice(position));
        return fields;
      }
      fields.push(raw.slice(position, next));
      position = next + delimiter.length;
    }
  }
}

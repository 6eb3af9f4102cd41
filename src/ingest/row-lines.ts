/**
 * The file lines of the rows csv-parse reads, numbered as `grep -n` and editors number them:
 * every line feed ends a line, a CR LF pair being one line end. A carriage return not followed by
 * a line feed ends a line only in a file whose rows end in lone CRs (old Mac exports, which
 * csv-parse reads with CR as the row delimiter); in an LF or CR LF file it is a character of a
 * field, as the parser reads it, and the line goes on. The fast routes count line feeds and leave
 * any other carriage return to csv-parse, so every route numbers lines alike.
 *
 * csv-parse's own `info.lines` counts each CR and LF inside a field as a line end of its own (a
 * CR LF in a quoted field is two), so lines are counted here instead, in the bytes fed to it, up
 * to where it says each row ends (`info.bytes`).
 */
export class RowLines {
  /** Bytes fed and not yet counted past, from byte `firstOffset` of the input on. */
  private readonly chunks: Buffer[] = [];
  private firstOffset = 0;
  /** Bytes before `counted` are counted: `line` is the line of the byte there. */
  private counted = 0;
  private line: number;
  /** The byte before `counted` is a CR (a lone-CR file's CR LF is one line end). */
  private afterCr = false;
  private lastRowEnd: number;
  private emptyLinesAtLastRow = 0;

  /** `lineBase`: the file line just before the first byte fed. */
  constructor(lineBase: number) {
    this.line = lineBase + 1;
    this.lastRowEnd = lineBase;
  }

  /** The next bytes csv-parse is given. */
  feed(bytes: Buffer): void {
    if (bytes.length > 0) this.chunks.push(bytes);
  }

  /**
   * The file line a row ends on (the line of its last byte, its line end if it has one): `end` is
   * the offset just past it, `emptyLines` csv-parse's count of blank lines skipped so far.
   */
  rowEnd(end: number, emptyLines: number, loneCrRows: boolean): number {
    this.countTo(end - 1, loneCrRows);
    this.lastRowEnd = this.line;
    this.emptyLinesAtLastRow = emptyLines;
    return this.line;
  }

  /**
   * The file line the row being read when csv-parse stopped starts on: the line after the last
   * row read, and after the blank lines it skipped since (`emptyLines`, its count then). Where an
   * unclosed quote swallowed the rest of the file, this is the row the quote opened in.
   */
  nextRowStart(emptyLines: number): number {
    return this.lastRowEnd + 1 + (emptyLines - this.emptyLinesAtLastRow);
  }

  private countTo(offset: number, loneCrRows: boolean): void {
    while (this.counted < offset) {
      const chunk = this.chunks[0];
      if (chunk === undefined) return;
      const from = this.counted - this.firstOffset;
      const to = Math.min(chunk.length, offset - this.firstOffset);
      if (loneCrRows) {
        let afterCr = this.afterCr;
        for (let at = from; at < to; at++) {
          const byte = chunk[at];
          if (byte === 13 || (byte === 10 && !afterCr)) this.line++;
          afterCr = byte === 13;
        }
        this.afterCr = afterCr;
      } else {
        // Line feeds only: indexOf stops at the next one, which is this row's end or just past it.
        for (let at = chunk.indexOf(10, from); at >= 0 && at < to; at = chunk.indexOf(10, at + 1)) this.line++;
      }
      this.counted = this.firstOffset + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.firstOffset += chunk.length;
      }
    }
  }
}

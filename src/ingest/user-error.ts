/**
 * A problem the user can fix (bad path, missing column, unreadable dates...).
 * The CLI prints `message` as one line and exits 2; it never shows a stack trace.
 * `code` is stable so scripts and tests can match on it.
 */
export class UserError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, where: { file?: string; line?: number; hint?: string } = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.hint = where.hint;
  }

  /** One line: `file:line: message (hint)`. */
  toLine(): string {
    const where = this.file === undefined ? '' : this.line === undefined ? `${this.file}: ` : `${this.file}:${this.line}: `;
    const hint = this.hint === undefined ? '' : `. ${this.hint}`;
    return oneLine(`${where}${this.message}${hint}`);
  }
}

/** Messages quote export text, which may hold line breaks and control characters: keep it one line. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, '\u23CE').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '\uFFFD');
}

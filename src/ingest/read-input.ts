import type { Delimiter } from './delimiter.js';
import type { TextEncoding } from './encoding.js';
import type { RejectLog } from './reject-log.js';

/** What either reader (orders or complaints) reports of the export it read, whatever its kind. */
export interface ReadInput {
  readonly file: string;
  readonly encoding: TextEncoding;
  readonly delimiter: Delimiter;
  readonly mapping: {
    readonly headers: readonly string[];
    readonly columnOf: Partial<Record<string, number>>;
    readonly ignoredHeaders: readonly string[];
  };
  readonly rowsRead: number;
  readonly rejects: RejectLog;
  /** Title rows skipped above the header row. */
  readonly preambleRows: number;
}

import { dayFromParts, type Day } from '../ingest/day.js';

/** The outside world of one CLI run. Injected, so tests run the CLI in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined; readonly columns?: number | undefined };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where `churn.config.json` is looked for. */
  readonly cwd: string;
  /** The run's date, for warnings only: no result depends on the clock. */
  readonly today: Day;
}

export function processIo(): CliIo {
  const now = new Date();
  const today = dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()) as Day;
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), today };
}

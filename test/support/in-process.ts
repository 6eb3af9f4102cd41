import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

/** The day in-process runs take for today (warnings only): 2026-11-24. */
export const IN_PROCESS_TODAY = 20781;

/** Run the CLI in-process with captured output (IO injected, csvkit style). */
export async function runInProcess(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
    today: IN_PROCESS_TODAY,
  });
  return { code, stdout, stderr };
}

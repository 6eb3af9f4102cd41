import type { ChalkInstance } from 'chalk';
import type { CliIo } from './cli-io.js';

/**
 * Colour only for a terminal, and never when NO_COLOR is set (any non-empty value) or --no-color
 * is given; FORCE_COLOR turns it on even in a pipe. Chalk alone does not look at NO_COLOR. Chalk
 * loads here, when a command has something to colour: a JSON run does not pay for it at start-up.
 */
export async function colorFor(io: CliIo, colorFlag: boolean): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const force = io.env.FORCE_COLOR;
  let level: 0 | 1 | 2 | 3 = io.stdout.isTTY ? 2 : 0;
  if (force !== undefined) level = force === '0' || force === 'false' ? 0 : force === '3' ? 3 : force === '2' ? 2 : 1;
  if (noColor || !colorFlag) level = 0;
  return new Chalk({ level });
}

/** Width to fit: the terminal's, else COLUMNS, else a fixed 120 so piped output is stable. */
export function outputWidth(io: CliIo): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (io.stdout.isTTY && io.stdout.columns !== undefined && io.stdout.columns > 0) return io.stdout.columns;
  return Number.isInteger(fromEnv) && fromEnv > 40 ? fromEnv : 120;
}

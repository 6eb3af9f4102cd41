import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Day } from '../ingest/day.js';
import { fileSource } from '../ingest/input-source.js';
import { analyzeBook, type BookAnalysis } from '../scoring/analyze-book.js';
import type { SortKey } from '../scoring/rank-customers.js';
import type { ScoringSettings } from '../scoring/scoring-settings.js';
import { rejectLines } from '../report/reject-lines.js';
import type { CliIo } from './cli-io.js';
import { loadConfig, type ChurnConfig } from './config-file.js';
import type { InputOptions } from './input-options.js';
import { readOptionsFrom, scoringFrom } from './resolve-settings.js';

/** Inputs above this size get a progress bar (on a terminal, without --quiet). */
const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

export interface BookRequest extends InputOptions {
  asOf?: Day;
  quiet?: boolean;
}

export interface LoadedBook {
  readonly analysis: BookAnalysis;
  readonly config: ChurnConfig;
  readonly scoring: ScoringSettings;
}

/**
 * Config, inputs and analysis as every analysing command needs them. Rejected rows go to stderr
 * (unless --quiet); a progress bar shows on stderr for big inputs when stderr is a terminal.
 */
export async function loadBook(
  io: CliIo,
  _command: Command,
  ordersPath: string,
  request: BookRequest,
  sort: SortKey,
  weightsOverride?: ScoringSettings['weights'],
): Promise<LoadedBook> {
  const config = await loadConfig(request.config, io.cwd);
  const read = readOptionsFrom(request, config);
  const scoring = scoringFrom(config, weightsOverride);
  const orders = await fileSource(ordersPath, io.stdin);
  const complaints = request.complaints === undefined ? undefined : await fileSource(request.complaints, io.stdin);

  const showProgress = !request.quiet && io.stderr.isTTY === true && (orders.size ?? 0) > PROGRESS_MIN_BYTES;
  const bar = showProgress
    ? new cliProgress.SingleBar(
        { stream: io.stderr as NodeJS.WritableStream, format: 'reading {bar} {percentage}% | {value}/{total} MB', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let bytesRead = 0;
  bar?.start(Math.round((orders.size ?? 0) / 1048576), 0);
  const onBytes = bar === undefined ? undefined : (bytes: number) => bar.update(Math.round((bytesRead += bytes) / 1048576));
  let analysis: BookAnalysis;
  try {
    analysis = await analyzeBook({
      orders,
      complaints,
      orderOptions: { ...read.orders, onBytes },
      complaintOptions: read.complaints,
      asOf: request.asOf,
      scoring,
      sort,
    });
  } finally {
    bar?.stop();
  }
  if (!request.quiet) {
    for (const input of [analysis.inputs.orders, analysis.inputs.complaints]) {
      if (input !== undefined) for (const line of rejectLines(input)) io.stderr.write(`churn: ${line}\n`);
    }
  }
  return { analysis, config, scoring };
}

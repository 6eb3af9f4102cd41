import type { Day } from '../ingest/day.js';
import { fileSource } from '../ingest/input-source.js';
import { analyzeReadBook, readBook, type BookAnalysis, type ReadBook } from '../scoring/analyze-book.js';
import type { SortKey } from '../scoring/rank-customers.js';
import type { ScoringSettings } from '../scoring/scoring-settings.js';
import { futureAsOfWarning } from '../report/as-of-warning.js';
import { mixedCurrencyWarning } from '../report/currency-warning.js';
import { rejectLines } from '../report/reject-lines.js';
import type { CliIo } from './cli-io.js';
import { loadConfig, type ChurnConfig } from './config-file.js';
import type { InputOptions } from './input-options.js';
import { readOptionsFrom, scoringFrom } from './resolve-settings.js';
import { readWeightsFile } from './weights-file.js';

/** Inputs above this size get a progress bar (on a terminal, without --quiet). */
const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

export interface BookRequest extends InputOptions {
  asOf?: Day;
  quiet?: boolean;
  /** `--weights FILE` from churn backtest --fit-weights. */
  weights?: string;
  /** `--horizon DAYS`: how far ahead the model looks. */
  horizon?: number;
}

export interface LoadedBook {
  readonly analysis: BookAnalysis;
  readonly config: ChurnConfig;
  readonly scoring: ScoringSettings;
}

export interface ReadInputs {
  readonly book: ReadBook;
  readonly config: ChurnConfig;
  readonly scoring: ScoringSettings;
}

/**
 * Config, weights and inputs as every analysing command needs them: defaults < config < flags.
 * A progress bar shows on stderr for big inputs when stderr is a terminal.
 */
export async function readInputs(io: CliIo, ordersPath: string, request: BookRequest): Promise<ReadInputs> {
  const config = await loadConfig(request.config, io.cwd);
  const read = readOptionsFrom(request, config);
  const fileWeights = request.weights === undefined ? undefined : await readWeightsFile(request.weights);
  const base = scoringFrom(config, fileWeights?.weights);
  const scoring: ScoringSettings = {
    ...base,
    model: {
      weight: fileWeights?.modelWeight ?? base.model.weight,
      horizonDays: request.horizon ?? base.model.horizonDays,
    },
  };
  const orders = await fileSource(ordersPath, io.stdin);
  const complaints = request.complaints === undefined ? undefined : await fileSource(request.complaints, io.stdin);

  const showProgress = !request.quiet && io.stderr.isTTY === true && (orders.size ?? 0) > PROGRESS_MIN_BYTES;
  // Loaded only for a bar to show: a nightly run in a pipe never needs it.
  const progress = showProgress ? (await import('cli-progress')).default : undefined;
  const bar = progress
    ? new progress.SingleBar(
        { stream: io.stderr as NodeJS.WritableStream, format: 'reading {bar} {percentage}% | {value}/{total} MB', hideCursor: true, clearOnComplete: true },
        progress.Presets.shades_classic,
      )
    : undefined;
  let bytesRead = 0;
  bar?.start(Math.round((orders.size ?? 0) / 1048576), 0);
  const onBytes = bar === undefined ? undefined : (bytes: number) => bar.update(Math.round((bytesRead += bytes) / 1048576));
  try {
    const book = await readBook({ orders, complaints, orderOptions: { ...read.orders, onBytes }, complaintOptions: read.complaints });
    return { book, config, scoring };
  } finally {
    bar?.stop();
  }
}

/** Read, analyse as of the requested day, and list rejected rows on stderr (unless --quiet). */
export async function loadBook(io: CliIo, ordersPath: string, request: BookRequest, sort: SortKey): Promise<LoadedBook> {
  const { book, config, scoring } = await readInputs(io, ordersPath, request);
  const analysis = analyzeReadBook(book, request.asOf, scoring, sort);
  if (request.asOf === undefined) {
    const warning = futureAsOfWarning({
      asOf: analysis.asOf,
      today: io.today,
      file: book.orders.file,
      line: book.orders.dates.firstLineOf(analysis.asOf, book.orderDateFormat),
    });
    if (warning !== undefined) io.stderr.write(`churn: ${warning}\n`);
  }
  const currencies = mixedCurrencyWarning(book.orders.file, book.orders.currencies);
  if (currencies !== undefined) io.stderr.write(`churn: ${currencies}\n`);
  if (!request.quiet) {
    for (const input of [analysis.inputs.orders, analysis.inputs.complaints]) {
      if (input !== undefined) for (const line of rejectLines(input)) io.stderr.write(`churn: ${line}\n`);
    }
  }
  return { analysis, config, scoring };
}

import { Command, Option } from 'commander';
import type { Day } from '../../ingest/day.js';
import { UserError } from '../../ingest/user-error.js';
import type { CliIo } from '../cli-io.js';
import { colorFor } from '../color.js';
import { EXIT_OK } from '../exit-codes.js';
import { addDecimalCommaOption, addInputOptions, FIELD_HELP, type InputOptions } from '../input-options.js';
import { readInputs } from '../load-book.js';
import { asOfOption, positiveIntegerOption } from '../option-parsers.js';
import { weightsFileText } from '../weights-file.js';
import { writeFileAtomic } from '../write-output.js';

interface BacktestOptions extends InputOptions {
  asOf: Day;
  horizon: number;
  format: 'table' | 'json';
  fitWeights?: boolean;
  trainAsOf?: Day;
  weightsOut: string;
  weights?: string;
  quiet?: boolean;
  color: boolean;
}

const HELP = `
Scores the book as of --as-of using only rows dated on or before it, then looks at what each
eligible customer (2+ orders, one in the year before) did over the next --horizon days:
  lapsed  no order in the horizon
  shrunk  lapsed, or revenue in the horizon below 50% of the same-length window before
and reports, per label, ROC AUC and precision, recall and revenue recall in the top 10%, for the
churn-signals score next to three baselines: days since the last order, that divided by the
customer's median gap, and BG/NBD 1 − P(alive).

--fit-weights learns the weights from this history: a regularised logistic model fitted at
--train-as-of (default --as-of − horizon, with outcomes only up to --as-of), validated at
--as-of, written to --weights-out for churn report --weights.

Examples:
  churn backtest orders.csv --as-of 2025-12-31 --horizon 183
  churn backtest orders.csv --complaints complaints.csv --as-of 2025-12-31 --fit-weights --weights-out weights.json

${FIELD_HELP}`;

/** `churn backtest`: how well the score would have ranked on the user's own history. */
export function backtestCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('backtest')
    .description('measure the ranking on your own history: score as of a past day, compare with what happened')
    .argument('<orders>', 'orders export (CSV); - reads stdin');
  addDecimalCommaOption(addInputOptions(command));
  return command
    .requiredOption('--as-of <date>', 'the cut-off: score with rows up to this day, YYYY-MM-DD', asOfOption)
    .option('--horizon <days>', 'days after the cut-off to judge', positiveIntegerOption, 183)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--weights <file>', 'score with these weights (from --fit-weights) instead of the defaults')
    .option('--fit-weights', 'learn the weights: fit at an earlier cut-off, validate at --as-of')
    .option('--train-as-of <date>', 'the earlier cut-off for --fit-weights (default: --as-of minus --horizon)', asOfOption)
    .option('--weights-out <file>', 'where --fit-weights writes the weights', 'churn.weights.json')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .addHelpText('after', HELP)
    .action(async (ordersPath: string, options: BacktestOptions) => {
      const { book, scoring } = await readInputs(io, ordersPath, { ...options, horizon: options.horizon });
      if (book.latestOrderDay !== undefined && options.asOf >= book.latestOrderDay) {
        throw new UserError('backtest_no_future', 'the cut-off is at or after the last order: there is nothing to compare with', {
          hint: 'Pick an --as-of at least --horizon days before the end of the data',
        });
      }
      // Loaded here, not at start-up: only this command uses them.
      const [{ runBacktest }, { fitWeights }, { renderBacktest, renderBacktestJson }] = await Promise.all([
        import('../../scoring/backtest/run-backtest.js'),
        import('../../scoring/backtest/fit-weights.js'),
        import('../../report/backtest-report.js'),
      ]);
      const result = runBacktest(book, options.asOf, options.horizon, scoring);
      const fitted = options.fitWeights ? fitWeights(book, options.asOf, options.horizon, scoring, options.trainAsOf) : undefined;
      if (fitted !== undefined) await writeFileAtomic(options.weightsOut, weightsFileText(fitted));
      io.stdout.write(options.format === 'json' ? renderBacktestJson(result, fitted) : renderBacktest(result, await colorFor(io, options.color), fitted));
      if (fitted !== undefined && !options.quiet) io.stderr.write(`churn: wrote ${options.weightsOut}\n`);
      setExitCode(EXIT_OK);
    });
}

import { Command, Option } from 'commander';
import { fileSource } from '../../ingest/input-source.js';
import type { Day } from '../../ingest/day.js';
import { UserError } from '../../ingest/user-error.js';
import { analyzeBook } from '../../scoring/analyze-book.js';
import { DEFAULT_SCORING } from '../../scoring/scoring-settings.js';
import type { SortKey } from '../../scoring/rank-customers.js';
import { renderJson } from '../../report/json-report.js';
import { rejectLines } from '../../report/reject-lines.js';
import { selectCustomers } from '../../report/report-view.js';
import { renderTable } from '../../report/table-report.js';
import type { CliIo } from '../cli-io.js';
import { colorFor, outputWidth } from '../color.js';
import {
  addDecimalCommaOption,
  addInputOptions,
  complaintReadOptions,
  FIELD_HELP,
  orderReadOptions,
  type InputOptions,
} from '../input-options.js';
import { asOfOption, currencyOption, positiveIntegerOption } from '../option-parsers.js';

interface ReportOptions extends InputOptions {
  asOf?: Day;
  currency?: string;
  format: 'table' | 'json';
  top: number;
  all?: boolean;
  sort: SortKey;
  strict?: boolean;
  color: boolean;
}

const EXAMPLES = `
Examples:
  churn report orders.csv --complaints complaints.csv
  churn report orders.csv --as-of 2026-10-31 --format json --all
  cat orders.csv | churn report - --top 10
  churn report export.csv --map customer="Cust No" --map date="Doc Date" --map amount="Net"

${FIELD_HELP}
Exit codes: 0 report produced, 2 usage or input error.`;

/** `churn report`: the ranked, explained at-risk list. */
export function reportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('report')
    .description('rank customers by the revenue at risk of leaving, with the reasons')
    .argument('<orders>', 'orders export (CSV); - reads stdin');
  addDecimalCommaOption(addInputOptions(command));
  return command
    .option('--as-of <date>', 'analyse as of the end of this day, YYYY-MM-DD (default: latest order date)', asOfOption)
    .option('--currency <code>', 'currency of the amounts, e.g. ILS, USD, EUR (default: from the amounts)', currencyOption)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--top <n>', 'show the first N at-risk customers', positiveIntegerOption, 20)
    .option('--all', 'show every analysed customer, low risk included')
    .addOption(new Option('--sort <key>', 'rank by value at risk or by risk score').choices(['value', 'risk']).default('value'))
    .option('--strict', 'fail (exit 2) on any rejected row instead of skipping it')
    .option('--no-color', 'no colours in the table (also: NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action(async (ordersPath: string, options: ReportOptions) => {
      const analysis = await analyzeBook({
        orders: await fileSource(ordersPath, io.stdin),
        complaints: options.complaints === undefined ? undefined : await fileSource(options.complaints, io.stdin),
        orderOptions: orderReadOptions(options),
        complaintOptions: complaintReadOptions(options),
        asOf: options.asOf,
        scoring: DEFAULT_SCORING,
        sort: options.sort,
      });
      const inputs = [analysis.inputs.orders, analysis.inputs.complaints].filter((input) => input !== undefined);
      for (const input of inputs) for (const line of rejectLines(input)) io.stderr.write(`churn: ${line}\n`);
      const rejected = inputs.reduce((sum, input) => sum + input.rowsRejected, 0);
      if (options.strict && rejected > 0) {
        throw new UserError('strict_rejects', `--strict: ${rejected} row(s) rejected, no report written`, {
          hint: 'Fix the rows listed above, or drop --strict to skip them',
        });
      }
      const shown = { ...analysis, currency: options.currency ?? analysis.currency };
      const customers = selectCustomers(shown, { top: options.top, all: options.all ?? false });
      if (options.format === 'json') {
        io.stdout.write(renderJson(shown, customers));
      } else {
        io.stdout.write(renderTable(shown, customers, { color: colorFor(io, options.color), width: outputWidth(io) }));
      }
      setExitCode(0);
    });
}

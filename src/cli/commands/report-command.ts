import { Command, Option } from 'commander';
import type { Day } from '../../ingest/day.js';
import { readPreviousReport } from '../../ingest/read-previous-report.js';
import { UserError } from '../../ingest/user-error.js';
import { changesSince, isNewlyAtRisk, previousOfRep, type RunChanges } from '../../scoring/change-since.js';
import type { SortKey } from '../../scoring/rank-customers.js';
import { customersOfRep, repTotals } from '../../scoring/rep-totals.js';
import type { ScoredCustomer } from '../../scoring/score-customer.js';
import { segmentCustomers } from '../../scoring/segment-customers.js';
import { jsonReportChunks, ndjsonReportChunks } from '../../report/json-report.js';
import type { ReportContext, ReportRow } from '../../report/report-rows.js';
import { previousRunWarning } from '../../report/previous-run-warning.js';
import { unknownRepWarning } from '../../report/unknown-rep-warning.js';
import { selectCustomers } from '../../report/report-view.js';
import type { CliIo } from '../cli-io.js';
import { colorFor, outputWidth } from '../color.js';
import { REPORT_FORMATS, type ReportFormat } from '../config-file.js';
import { EXIT_GATE, EXIT_OK } from '../exit-codes.js';
import { addDecimalCommaOption, addInputOptions, FIELD_HELP, type InputOptions } from '../input-options.js';
import { loadBook } from '../load-book.js';
import { asOfOption, currencyOption, positiveIntegerOption } from '../option-parsers.js';
import { flagOrConfig } from '../resolve-settings.js';
import { writeFileAtomic, writeStream } from '../write-output.js';

interface ReportOptions extends InputOptions {
  asOf?: Day;
  horizon?: number;
  weights?: string;
  currency?: string;
  format: ReportFormat;
  output?: string;
  top: number;
  all?: boolean;
  sort: SortKey;
  rep?: string;
  by?: 'rep';
  segment?: boolean;
  previous?: string;
  failOn?: 'high' | 'medium' | 'new';
  strict?: boolean;
  quiet?: boolean;
  color: boolean;
}

const EXAMPLES = `
Examples:
  churn report orders.csv --complaints complaints.csv
  churn report orders.csv --as-of 2026-10-31 --format json --all
  cat orders.csv | churn report - --top 10
  churn report export.csv --map customer="Cust No" --map date="Doc Date" --map amount="Net"
  churn report orders.csv --rep "Dana Levi" --segment
  churn report orders.csv --format json --all -o today.json --previous yesterday.json --fail-on new

${FIELD_HELP}
Exit codes:
  0  the report was produced
  1  --fail-on was given and hit (a customer at or above the level, or a new one at risk)
  2  a usage or input error (one line on stderr says what, where and how to fix it)`;

/** `churn report`: the ranked, explained at-risk list. */
export function reportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('report')
    .description('rank customers by the revenue at risk of leaving, with the reasons')
    .argument('<orders>', 'orders export (CSV); - reads stdin');
  addDecimalCommaOption(addInputOptions(command));
  command
    .option('--as-of <date>', 'analyse as of the end of this day, YYYY-MM-DD (default: latest order date)', asOfOption)
    .option('--horizon <days>', "how far ahead the model looks for pAlive/expectedOrders and its part of the score (default: 90)", positiveIntegerOption)
    .option('--weights <file>', 'signal and model weights written by churn backtest --fit-weights')
    .option('--currency <code>', 'currency of the amounts, e.g. ILS, USD, EUR (default: from the amounts)', currencyOption)
    .addOption(new Option('--format <format>', 'output format (default: table, or the config\'s)').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to FILE (atomically: never half-written) instead of stdout')
    .option('--top <n>', 'show the first N at-risk customers', positiveIntegerOption, 20)
    .option('--all', 'show every analysed customer, low risk included')
    .addOption(new Option('--sort <key>', 'rank by value at risk or by risk score').choices(['value', 'risk']).default('value'))
    .option('--rep <name>', "only this sales rep's customers")
    .addOption(new Option('--by <group>', 'group: per-rep totals of customers and value at risk').choices(['rep']))
    .option('--segment', 'add key-account groups: protect, strategic, grow, watch')
    .option('--previous <file>', "the previous run's JSON: mark each customer new-at-risk, escalated, unchanged, recovered or gone")
    .addOption(new Option('--fail-on <gate>', 'exit 1 if any customer is at/above this level, or (new) newly at risk since --previous').choices(['high', 'medium', 'new']))
    .option('--strict', 'fail (exit 2) on any rejected row instead of skipping it')
    .option('-q, --quiet', 'no rejected-row lines or progress on stderr (errors still show)')
    .option('--no-color', 'no colours in the table (also: NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action(async (ordersPath: string, options: ReportOptions) => {
      if (options.failOn === 'new' && options.previous === undefined) {
        throw new UserError('fail_on_new_without_previous', '--fail-on new needs --previous FILE', { hint: 'Pass the JSON of the last run' });
      }
      const { analysis, config } = await loadBook(io, ordersPath, options, options.sort);
      const rejected = analysis.inputs.orders.rowsRejected + (analysis.inputs.complaints?.rowsRejected ?? 0);
      if (options.strict && rejected > 0) {
        throw new UserError('strict_rejects', `--strict: ${rejected} row(s) rejected, no report written`, {
          hint: 'Fix the rows listed above (churn check shows them), or drop --strict to skip them',
        });
      }
      const format = flagOrConfig(command, 'format', options.format, config.format);
      const top = flagOrConfig(command, 'top', options.top, config.top);
      const inScope = options.rep === undefined ? analysis.customers : customersOfRep(analysis.customers, options.rep);
      if (options.rep !== undefined && inScope.length === 0) io.stderr.write(`churn: ${unknownRepWarning(options.rep, analysis.customers)}\n`);
      const previous = options.previous === undefined ? undefined : await readPreviousReport(options.previous);
      if (previous !== undefined) {
        const warning = previousRunWarning(previous, analysis.asOf);
        if (warning !== undefined) io.stderr.write(`churn: ${warning}\n`);
      }
      // Within one rep's book, the changes are that book's: its customers now, and its customers then.
      const changes =
        previous === undefined ? undefined : changesSince(inScope, options.rep === undefined ? previous : previousOfRep(previous, options.rep));
      const segments = options.segment ? segmentCustomers(analysis.customers) : undefined;
      const rows: ReportRow[] = selectCustomers(inScope, { top, all: options.all ?? false }).map((customer, index) => ({
        rank: index + 1,
        customer,
        change: changes?.byCustomer.get(customer.customerId),
        segment: segments === undefined ? undefined : (segments.get(customer.customerId) ?? null),
      }));
      const context: ReportContext = {
        analysis,
        currency: options.currency ?? config.currency ?? analysis.currency,
        changes,
        repTotals: options.by === 'rep' ? repTotals(inScope) : undefined,
        // The rep as the export writes the name, whatever case and spacing --rep was given in.
        rep: options.rep === undefined ? undefined : (inScope[0]?.rep ?? options.rep),
      };
      const text = await render(format, context, rows, io, options);
      if (options.output === undefined) writeStream(io.stdout, text);
      else await writeFileAtomic(options.output, text);
      setExitCode(gateHit(options.failOn, inScope, changes) ? EXIT_GATE : EXIT_OK);
    });
  return command;
}

/**
 * The report's text: whole, or in pieces for the formats that can be big (a piece per customer).
 * The other formats' modules load only when asked for: a nightly JSON run does not pay for a
 * table library at start-up.
 */
async function render(format: ReportFormat, context: ReportContext, rows: readonly ReportRow[], io: CliIo, options: ReportOptions): Promise<string | Iterable<string>> {
  switch (format) {
    case 'json':
      return jsonReportChunks(context, rows);
    case 'ndjson':
      return ndjsonReportChunks(context, rows);
    case 'csv':
      return (await import('../../report/csv-report.js')).renderCsv(context, rows);
    case 'markdown':
      return (await import('../../report/markdown-report.js')).renderMarkdown(context, rows);
    case 'table': {
      const { renderTable } = await import('../../report/table-report.js');
      // A table written to a file gets no colour and the fixed width, like a pipe.
      const toTerminal = options.output === undefined;
      return renderTable(context, rows, {
        color: await colorFor(io, options.color && toTerminal),
        width: toTerminal ? outputWidth(io) : 120,
      });
    }
  }
}

/** `--fail-on`: high or medium -> any customer in scope at or above that level; new -> any new at risk. */
function gateHit(failOn: ReportOptions['failOn'], customers: readonly ScoredCustomer[], changes: RunChanges | undefined): boolean {
  if (failOn === undefined) return false;
  if (failOn === 'new') {
    return customers.some((customer) => {
      const change = changes?.byCustomer.get(customer.customerId);
      return change !== undefined && isNewlyAtRisk(change);
    });
  }
  return customers.some((customer) => customer.riskLevel === 'high' || (failOn === 'medium' && customer.riskLevel === 'medium'));
}

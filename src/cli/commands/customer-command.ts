import { Command, Option } from 'commander';
import type { Day } from '../../ingest/day.js';
import { UserError } from '../../ingest/user-error.js';
import type { CliIo } from '../cli-io.js';
import { colorFor } from '../color.js';
import { EXIT_OK } from '../exit-codes.js';
import { addDecimalCommaOption, addInputOptions, FIELD_HELP, type InputOptions } from '../input-options.js';
import { loadBook } from '../load-book.js';
import { asOfOption, currencyOption, positiveIntegerOption } from '../option-parsers.js';

interface CustomerOptions extends InputOptions {
  asOf?: Day;
  horizon?: number;
  weights?: string;
  currency?: string;
  format: 'text' | 'json';
  quiet?: boolean;
  color: boolean;
}

const EXAMPLES = `
One customer's story on one screen: monthly revenue for 24 months as a sparkline with the
baseline and recent windows marked, order dates and gaps, product lines then and now (stopped
ones flagged), complaints with age and status, and every signal with its evidence and its part
of the score.

Examples:
  churn customer C0047 orders.csv --complaints complaints.csv
  churn customer 00123 orders.csv --as-of 2026-10-31 --format json

${FIELD_HELP}`;

/** `churn customer`: the drill-down on one customer. */
export function customerCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('customer')
    .description("one customer's story: revenue, orders and gaps, product lines, complaints, signals")
    .argument('<id>', 'customer id as written in the export')
    .argument('<orders>', 'orders export (CSV); - reads stdin');
  addDecimalCommaOption(addInputOptions(command));
  return command
    .option('--as-of <date>', 'analyse as of the end of this day, YYYY-MM-DD (default: latest order date)', asOfOption)
    .option('--horizon <days>', "how far ahead the model looks for pAlive/expectedOrders and its part of the score (default: 90)", positiveIntegerOption)
    .option('--weights <file>', 'signal and model weights written by churn backtest --fit-weights')
    .option('--currency <code>', 'currency of the amounts, e.g. ILS, USD, EUR (default: from the amounts)', currencyOption)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'no rejected-row lines or progress on stderr')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action(async (customerId: string, ordersPath: string, options: CustomerOptions) => {
      const { analysis, config, scoring } = await loadBook(io, ordersPath, options, 'value');
      const index = analysis.customers.findIndex((customer) => customer.customerId === customerId.trim());
      const customer = analysis.customers[index];
      const timeline = analysis.timelineOf(customerId.trim());
      if (customer === undefined || timeline === undefined) {
        const near = analysis.customers
          .map((c) => c.customerId)
          .filter((id) => id.toLowerCase().includes(customerId.trim().toLowerCase()))
          .sort()
          .slice(0, 5);
        throw new UserError('unknown_customer', `no customer "${customerId}" with orders on or before the as-of date`, {
          file: analysis.inputs.orders.file,
          hint: near.length > 0 ? `Did you mean ${near.join(', ')}?` : 'Ids are matched exactly, as written in the export',
        });
      }
      // Loaded here, not at start-up: only this command uses them.
      const [{ customerStory }, { renderCustomerJson, renderCustomerView }] = await Promise.all([
        import('../../history/customer-story.js'),
        import('../../report/customer-view.js'),
      ]);
      const view = {
        asOf: analysis.asOf,
        currency: options.currency ?? config.currency ?? analysis.currency,
        customer,
        rank: index + 1,
        customersAnalysed: analysis.customers.length,
        story: customerStory(timeline, analysis.asOf, scoring.windows),
        weights: scoring.weights,
        modelWeight: scoring.model.weight,
        windows: scoring.windows,
      };
      io.stdout.write(options.format === 'json' ? renderCustomerJson(view) : renderCustomerView(view, await colorFor(io, options.color)));
      setExitCode(EXIT_OK);
    });
}

import { Command, Option } from 'commander';
import { fileSource } from '../../ingest/input-source.js';
import { profileComplaints, profileDateFormat, profileOrders, type ExportProfile } from '../../ingest/profile-export.js';
import { renderCheck, renderCheckJson } from '../../report/check-report.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { loadConfig } from '../config-file.js';
import { addDecimalCommaOption, addInputOptions, FIELD_HELP, type InputOptions } from '../input-options.js';
import { readOptionsFrom } from '../resolve-settings.js';

interface CheckOptions extends InputOptions {
  format: 'text' | 'json';
}

const EXAMPLES = `
Shows what churn understood of an export: encoding, delimiter, date and number format, which
header feeds which field, which headers it ignores, rows, customers, date range and rejects.
Run it when the nightly job breaks, or before the first report on a new export.

Examples:
  churn check orders.csv
  churn check export.csv --complaints tickets.csv --map customer="Cust No"

${FIELD_HELP}
Exit codes: 0 the export is usable, 2 it is not (the reason and the fix are printed).`;

/** `churn check`: what the tool understood of an export, and whether a report can be made from it. */
export function checkCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('check')
    .description('show what churn understands of an export, and whether it is usable')
    .argument('<orders>', 'orders export (CSV); - reads stdin');
  addDecimalCommaOption(addInputOptions(command));
  return command
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', EXAMPLES)
    .action(async (ordersPath: string, options: CheckOptions) => {
      const read = readOptionsFrom(options, await loadConfig(options.config, io.cwd));
      const profiles: ExportProfile[] = [await profileOrders(await fileSource(ordersPath, io.stdin), read.orders)];
      const orders = profiles[0] as ExportProfile;
      if (options.complaints !== undefined) {
        profiles.push(await profileComplaints(await fileSource(options.complaints, io.stdin), read.complaints, profileDateFormat(orders)));
      }
      io.stdout.write(options.format === 'json' ? renderCheckJson(profiles) : renderCheck(profiles));
      setExitCode(profiles.every((profile) => profile.usable) ? EXIT_OK : EXIT_USAGE);
    });
}

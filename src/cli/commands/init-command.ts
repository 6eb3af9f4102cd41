import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { DATE_FORMAT_LABELS } from '../../ingest/date-column.js';
import { fileSource } from '../../ingest/input-source.js';
import { profileComplaints, profileDateFormat, profileOrders, type ExportProfile } from '../../ingest/profile-export.js';
import { UserError } from '../../ingest/user-error.js';
import { DEFAULT_SCORING } from '../../scoring/scoring-settings.js';
import type { CliIo } from '../cli-io.js';
import { CONFIG_FILE_NAME } from '../config-file.js';
import { EXIT_OK } from '../exit-codes.js';
import { addDecimalCommaOption, addInputOptions, type InputOptions } from '../input-options.js';
import { readOptionsFrom } from '../resolve-settings.js';
import { writeFileAtomic } from '../write-output.js';

interface InitOptions extends InputOptions {
  output?: string;
  force?: boolean;
}

/** `churn init`: write a starting churn.config.json from what is detected in an export. */
export function initCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('init')
    .description('write a starting churn.config.json from what is detected in the export')
    .argument('<orders>', 'orders export (CSV)');
  addDecimalCommaOption(addInputOptions(command));
  return command
    .option('-o, --output <file>', `where to write it (default: ${CONFIG_FILE_NAME} in the working directory)`)
    .option('--force', 'overwrite an existing config file')
    .addHelpText('after', `
The config pins what was detected (column names, date layout, encoding, delimiter, decimal mark)
so a changed export fails loudly instead of being read differently, and holds the windows,
weights and thresholds with their defaults for you to tune. Flags still override it.

Example:
  churn init exports/orders.csv --complaints exports/complaints.csv`)
    .action(async (ordersPath: string, options: InitOptions) => {
      const path = options.output ?? join(io.cwd, CONFIG_FILE_NAME);
      if (!options.force && (await exists(path))) {
        throw new UserError('config_exists', 'a config file is already there', { file: path, hint: 'Pass --force to overwrite it, or -o FILE' });
      }
      const read = readOptionsFrom(options, {});
      const orders = await profileOrders(await fileSource(ordersPath, io.stdin), read.orders);
      const complaints =
        options.complaints === undefined
          ? undefined
          : await profileComplaints(await fileSource(options.complaints, io.stdin), read.complaints, profileDateFormat(orders));
      const config = {
        orders: exportSection(orders),
        ...(complaints === undefined ? {} : { complaints: exportSection(complaints) }),
        ...(orders.currency === undefined ? {} : { currency: orders.currency }),
        windows: DEFAULT_SCORING.windows,
        weights: DEFAULT_SCORING.weights,
        thresholds: DEFAULT_SCORING.thresholds,
        format: 'table',
        top: 20,
      };
      await writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`);
      io.stdout.write(`wrote ${path}\n`);
      setExitCode(EXIT_OK);
    });
}

function exportSection(profile: ExportProfile): Record<string, unknown> {
  const dateFormat = profile.dates[0]?.format;
  return {
    map: Object.fromEntries(profile.columns.map((column) => [column.field, column.header])),
    ...(dateFormat === undefined || !Object.values(DATE_FORMAT_LABELS).includes(dateFormat) ? {} : { dateFormat }),
    encoding: profile.encoding,
    delimiter: profile.delimiter,
    ...(profile.decimalMark === undefined ? {} : { decimalComma: profile.decimalMark === ',' }),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

import { Option, type Command } from 'commander';
import type { DateFormat } from '../ingest/date-column.js';
import type { Delimiter } from '../ingest/delimiter.js';
import type { TextEncoding } from '../ingest/encoding.js';
import { COMPLAINT_FIELDS, ORDER_FIELDS, type ComplaintField, type OrderField } from '../ingest/fields.js';
import { DATE_FORMAT_CHOICES, dateFormatOption, delimiterOption, encodingOption, fieldMapCollector, positiveIntegerOption } from './option-parsers.js';

/** The options every command that reads exports shares. */
export interface InputOptions {
  complaints?: string;
  map?: Partial<Record<OrderField, string>>;
  complaintsMap?: Partial<Record<ComplaintField, string>>;
  dateFormat?: DateFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  decimalComma?: boolean;
  header: boolean;
  config?: string;
  parser?: 'auto' | 'csv-parse';
  threads?: number;
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--complaints <file>', 'complaints export (CSV)')
    .option('--config <file>', 'config file (default: churn.config.json in the working directory, if any)')
    .option('--map <field=Header>', 'name the orders column for a field (repeatable)', fieldMapCollector(ORDER_FIELDS))
    .option(
      '--complaints-map <field=Header>',
      'name the complaints column for a field (repeatable)',
      fieldMapCollector(COMPLAINT_FIELDS),
    )
    .option(
      '--date-format <format>',
      `date layout when detection cannot tell: ${DATE_FORMAT_CHOICES}`,
      dateFormatOption,
    )
    .option(
      '--encoding <name>',
      'file encoding: utf-8, utf-16le, utf-16be, windows-1255, windows-1252 (default: detected)',
      encodingOption,
    )
    .option('--delimiter <char>', 'field delimiter: comma, semicolon, tab, pipe, whitespace (default: detected)', delimiterOption)
    .option('--no-header', 'the orders file has no header row; its columns are "column 1", "column 2", ... for --map')
    .addOption(
      new Option('--parser <name>', 'auto: split simple lines fast, hand anything else to csv-parse; csv-parse: csv-parse for every line (same result, slower)')
        .choices(['auto', 'csv-parse'])
        .default('auto'),
    )
    .option(
      '--threads <n>',
      'threads to read a UTF-8 orders file with (default: 2 when the file is over 16 MB and the machine has 2 cores, else 1)',
      positiveIntegerOption,
    );
}

export function addDecimalCommaOption(command: Command): Command {
  return command.option('--decimal-comma', 'amounts are written 1.234,50 (default: detected)');
}

export const FIELD_HELP = `Fields for --map: ${ORDER_FIELDS.join(', ')}
Fields for --complaints-map: ${COMPLAINT_FIELDS.join(', ')}`;

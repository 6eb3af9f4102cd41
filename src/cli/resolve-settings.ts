import type { Command } from 'commander';
import type { ReadComplaintsOptions } from '../ingest/read-complaints.js';
import type { ReadOrdersOptions } from '../ingest/read-orders.js';
import { DEFAULT_SCORING, type ScoringSettings } from '../scoring/scoring-settings.js';
import type { ChurnConfig } from './config-file.js';
import type { InputOptions } from './input-options.js';

/**
 * The value in force for an option: a flag given on the command line wins, then the config file,
 * then the option's own default. Commander tells a typed flag from a default by its value source.
 */
export function flagOrConfig<T>(command: Command, name: string, flagValue: T, configValue: T | undefined): T {
  const given = command.getOptionValueSource(name) === 'cli';
  return given || configValue === undefined ? flagValue : configValue;
}

/** How to read each export: defaults < config < flags, field by field for column maps. */
export function readOptionsFrom(flags: InputOptions, config: ChurnConfig): { orders: ReadOrdersOptions; complaints: ReadComplaintsOptions } {
  const orders = config.orders ?? {};
  const complaints = config.complaints ?? {};
  const decimalComma = flags.decimalComma ?? orders.decimalComma;
  return {
    orders: {
      overrides: { ...orders.map, ...flags.map },
      dateFormat: flags.dateFormat ?? orders.dateFormat,
      encoding: flags.encoding ?? orders.encoding,
      delimiter: flags.delimiter ?? orders.delimiter,
      decimalMark: decimalComma === undefined ? undefined : decimalComma ? ',' : '.',
      noHeader: flags.header === false,
      parser: flags.parser,
      threads: flags.threads,
    },
    complaints: {
      overrides: { ...complaints.map, ...flags.complaintsMap },
      dateFormat: flags.dateFormat ?? complaints.dateFormat ?? orders.dateFormat,
      encoding: flags.encoding ?? complaints.encoding,
      delimiter: flags.delimiter ?? complaints.delimiter,
      parser: flags.parser,
    },
  };
}

/** Scoring settings: the defaults with the config's windows, weights and thresholds laid over them. */
export function scoringFrom(config: ChurnConfig, weightsOverride?: ScoringSettings['weights']): ScoringSettings {
  return {
    windows: { ...DEFAULT_SCORING.windows, ...config.windows },
    weights: { ...DEFAULT_SCORING.weights, ...config.weights, ...weightsOverride },
    thresholds: { ...DEFAULT_SCORING.thresholds, ...config.thresholds },
    model: { ...DEFAULT_SCORING.model, ...config.model },
  };
}

import { readFile } from 'node:fs/promises';
import { UserError } from '../ingest/user-error.js';
import type { FittedWeights } from '../scoring/backtest/fit-weights.js';
import type { SignalWeights } from '../scoring/scoring-settings.js';
import { SIGNAL_IDS } from '../signals/signal.js';
import { formatDay } from '../ingest/day.js';

export interface WeightsFile {
  readonly weights: SignalWeights;
  readonly modelWeight: number | undefined;
}

/** The JSON `churn backtest --fit-weights` writes and `churn report --weights` reads. */
export function weightsFileText(fitted: FittedWeights): string {
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      weights: fitted.weights,
      modelWeight: fitted.modelWeight,
      fitted: {
        trainAsOf: formatDay(fitted.trainCutoff),
        trainHorizonDays: fitted.trainHorizonDays,
        validationAsOf: formatDay(fitted.validationCutoff),
        horizonDays: fitted.horizonDays,
      },
    },
    null,
    2,
  )}\n`;
}

export async function readWeightsFile(path: string): Promise<WeightsFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new UserError('weights_unreadable', 'cannot read a weights JSON file here', {
      file: path,
      hint: 'Pass the file written by churn backtest --fit-weights',
    });
  }
  const root = data as { weights?: Record<string, unknown>; modelWeight?: unknown };
  const weights: Record<string, number> = {};
  for (const id of SIGNAL_IDS) {
    const value = root.weights?.[id];
    if (typeof value !== 'number' || value < 0 || value > 1) {
      throw new UserError('weights_invalid', `"weights.${id}": expected a number from 0 to 1, got ${JSON.stringify(value) ?? 'nothing'}`, {
        file: path,
        hint: 'Pass the file written by churn backtest --fit-weights',
      });
    }
    weights[id] = value;
  }
  const modelWeight = root.modelWeight;
  if (modelWeight !== undefined && (typeof modelWeight !== 'number' || modelWeight < 0 || modelWeight > 1)) {
    throw new UserError('weights_invalid', `"modelWeight": expected a number from 0 to 1, got ${JSON.stringify(modelWeight)}`, { file: path });
  }
  return { weights: weights as unknown as SignalWeights, modelWeight: modelWeight as number | undefined };
}

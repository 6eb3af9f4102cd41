import type { SignalId, SignalWindows } from '../signals/signal.js';
import { DEFAULT_WINDOWS } from '../signals/signal.js';

/** How much each signal's severity can move the score on its own (0..1). */
export type SignalWeights = Readonly<Record<SignalId, number>>;

export const DEFAULT_WEIGHTS: SignalWeights = {
  volume_decline: 0.85,
  widening_gaps: 0.85,
  split_purchasing: 0.8,
  complaints: 0.75,
};

export interface RiskThresholds {
  /** Score at or above which a customer is `high`. */
  readonly high: number;
  /** Score at or above which a customer is `medium`. */
  readonly medium: number;
}

export const DEFAULT_THRESHOLDS: RiskThresholds = { high: 60, medium: 35 };

/** BG/NBD's part of the score: its chance of no order in the next `horizonDays`, times `weight`. */
export interface ModelSettings {
  readonly weight: number;
  readonly horizonDays: number;
}

export const DEFAULT_MODEL: ModelSettings = { weight: 1, horizonDays: 90 };

export interface ScoringSettings {
  readonly windows: SignalWindows;
  readonly weights: SignalWeights;
  readonly thresholds: RiskThresholds;
  readonly model: ModelSettings;
}

export const DEFAULT_SCORING: ScoringSettings = {
  windows: DEFAULT_WINDOWS,
  weights: DEFAULT_WEIGHTS,
  thresholds: DEFAULT_THRESHOLDS,
  model: DEFAULT_MODEL,
};

/** A customer whose first order is this recent is `new`: too little history to judge. */
export const NEW_CUSTOMER_DAYS = 120;
/** Fewer order days than this cannot show a cadence; such a customer is `new` unless long silent. */
export const MIN_ORDER_DAYS_TO_JUDGE = 3;
/** Silent at least this long, and this many usual gaps, and the customer is `lapsed`. */
export const LAPSED_MIN_SILENT_DAYS = 90;
export const LAPSED_GAP_MULTIPLE = 4;
/** A thin customer (fewer order days than MIN_ORDER_DAYS_TO_JUDGE) silent this long is `lapsed`. */
export const LAPSED_THIN_SILENT_DAYS = 180;
